//! Pseudonyms the way established reports make them: a random first name of the same gender and
//! culture, followed by that name's own initial ("Umar U."), never sharing an initial with the
//! real name, never one already used in the project, with a fresh random seed for every run (so
//! pseudonyms do not carry over from one report to the next).

use crate::model::raw::Gender;

/// Common first names by culture, (female, male). Used only to propose pseudonyms.
const NAMES: &[(&str, &[&str], &[&str])] = &[
    (
        "kyrgyz",
        &[
            "Aigul", "Aida", "Asel", "Begimai", "Bermet", "Cholpon", "Dinara", "Elnura", "Gulnara",
            "Jyldyz", "Kanykei", "Meerim", "Nazgul", "Nurzhan", "Saltanat", "Tolkun", "Zhibek",
            "Zarina",
        ],
        &[
            "Almaz", "Azamat", "Bakyt", "Beknazar", "Chyngyz", "Daniyar", "Emil", "Erlan", "Ilyas",
            "Kanat", "Maksat", "Nurlan", "Ruslan", "Samat", "Talant", "Temir", "Ulan", "Zhoomart",
        ],
    ),
    (
        "kazakh",
        &[
            "Aizhan", "Akmaral", "Botagoz", "Dana", "Gaukhar", "Indira", "Kamila", "Laura",
            "Madina", "Nazira", "Raushan", "Saule", "Togzhan", "Ulzhan", "Zhanar",
        ],
        &[
            "Arman",
            "Askar",
            "Bauyrzhan",
            "Daulet",
            "Erzhan",
            "Galym",
            "Kairat",
            "Marat",
            "Nurbol",
            "Olzhas",
            "Rustem",
            "Serik",
            "Timur",
            "Yerlan",
            "Zhandos",
        ],
    ),
    (
        "uzbek",
        &[
            "Dilnoza",
            "Feruza",
            "Gulchehra",
            "Kamola",
            "Lola",
            "Malika",
            "Nigora",
            "Oydin",
            "Sabina",
            "Shahnoza",
            "Umida",
            "Yulduz",
            "Zulfiya",
        ],
        &[
            "Akmal", "Bekzod", "Dilshod", "Farrukh", "Jasur", "Kamol", "Laziz", "Nodir", "Otabek",
            "Rustam", "Sardor", "Umar", "Zafar",
        ],
    ),
    (
        "tajik",
        &[
            "Dilorom",
            "Farzona",
            "Gulbahor",
            "Manizha",
            "Nilufar",
            "Parvina",
            "Rukhshona",
            "Sitora",
            "Tahmina",
            "Zebo",
        ],
        &[
            "Abdullo", "Bahrom", "Davlat", "Faridun", "Jamshed", "Khurshed", "Mahmad", "Rustam",
            "Sohib", "Umed",
        ],
    ),
    (
        "russian",
        &[
            "Anna", "Elena", "Irina", "Marina", "Natalia", "Olga", "Svetlana", "Tatiana", "Vera",
            "Yulia",
        ],
        &[
            "Alexei", "Boris", "Dmitry", "Igor", "Maxim", "Nikolai", "Oleg", "Pavel", "Sergei",
            "Viktor",
        ],
    ),
];

/// The cultures names are known for.
pub fn cultures() -> impl Iterator<Item = &'static str> {
    NAMES.iter().map(|(c, _, _)| *c)
}

/// The culture of a nationality (ISO 3166-1 alpha-3), if names are known for it.
pub fn culture_of(nationality: &str) -> Option<&'static str> {
    Some(match nationality {
        "KGZ" => "kyrgyz",
        "KAZ" => "kazakh",
        "UZB" => "uzbek",
        "TJK" => "tajik",
        "RUS" => "russian",
        _ => return None,
    })
}

/// A small, seedable generator (SplitMix64): proposals are reproducible for a given seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    /// A seed that differs from run to run.
    pub fn fresh_seed() -> u64 {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        t ^ ((std::process::id() as u64) << 32)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

fn initial(s: &str) -> Option<char> {
    s.trim()
        .chars()
        .next()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
}

/// Up to `count` proposals: "Name N." with a random name of the culture and gender (both when
/// the gender is not known), avoiding the initials of the real name and the names in `taken`.
pub fn propose(
    culture: &str,
    gender: Option<Gender>,
    real_name: Option<&str>,
    taken: &[String],
    count: usize,
    rng: &mut Rng,
) -> Vec<String> {
    let Some((_, female, male)) = NAMES.iter().find(|(c, _, _)| *c == culture) else {
        return vec![];
    };
    let pool: Vec<&str> = match gender {
        Some(Gender::Female) => female.to_vec(),
        Some(Gender::Male) => male.to_vec(),
        _ => female.iter().chain(male.iter()).copied().collect(),
    };
    let avoid: Vec<char> = real_name
        .map(|n| n.split_whitespace().filter_map(initial).collect())
        .unwrap_or_default();
    let taken_lower: Vec<String> = taken.iter().map(|t| t.to_lowercase()).collect();
    let mut candidates: Vec<String> = pool
        .iter()
        .filter(|n| initial(n).is_some_and(|c| !avoid.contains(&c)))
        .map(|n| format!("{n} {}.", n.chars().next().unwrap_or('X')))
        .filter(|p| {
            !taken_lower
                .iter()
                .any(|t| t.split_whitespace().next() == p.to_lowercase().split_whitespace().next())
        })
        .collect();
    // Fisher-Yates with the generator.
    for i in (1..candidates.len()).rev() {
        let j = (rng.next_u64() % (i as u64 + 1)) as usize;
        candidates.swap(i, j);
    }
    candidates.truncate(count);
    candidates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proposals_avoid_the_real_initials_and_taken_names() {
        let mut rng = Rng::new(7);
        for _ in 0..20 {
            let p = propose(
                "kyrgyz",
                Some(Gender::Male),
                Some("Nurlanbek Zhumabaev"),
                &["Azamat A.".into()],
                5,
                &mut rng,
            );
            assert_eq!(p.len(), 5);
            for name in &p {
                assert!(!name.starts_with('N') && !name.starts_with('Z'), "{name}");
                assert!(!name.starts_with("Azamat"), "{name}");
                let first = name.chars().next().unwrap();
                assert!(name.ends_with(&format!(" {first}.")), "{name}");
            }
        }
    }

    #[test]
    fn different_seeds_give_different_proposals() {
        let a = propose("uzbek", None, None, &[], 5, &mut Rng::new(1));
        let b = propose("uzbek", None, None, &[], 5, &mut Rng::new(2));
        assert_ne!(a, b);
    }
}
