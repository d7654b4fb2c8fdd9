//! Transliteration for matching names across scripts. Not a publication transliteration: a
//! matching key. Cyrillic (Russian, Kyrgyz, Kazakh, Uzbek and Tajik letters) becomes Latin, then
//! the spelling variants common in Central Asian names collapse (zh/j/dj, kh/h, y/i, yu/iu,
//! doubled letters...), so every way of writing a name gives the same skeleton.

/// Latin letters for one lower-case Cyrillic letter.
fn cyr(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' => "e",
        'ё' => "yo",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        // Kyrgyz, Kazakh, Uzbek, Tajik
        'ң' => "ng",
        'ө' => "o",
        'ү' => "u",
        'ә' => "a",
        'ғ' => "gh",
        'қ' => "q",
        'ұ' => "u",
        'һ' => "h",
        'і' => "i",
        'ў' => "o",
        'ҳ' => "h",
        'ҷ' => "j",
        'ӣ' => "i",
        'ӯ' => "u",
        'ҙ' => "z",
        _ => return None,
    })
}

/// Cyrillic letters replaced by Latin ones; other characters unchanged. Expects lower case.
pub fn to_latin(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match cyr(c) {
            Some(l) => out.push_str(l),
            None => out.push(c),
        }
    }
    out
}

/// Spelling variants, longest first: each becomes one letter of the skeleton.
const VARIANTS: &[(&str, char)] = &[
    ("shch", 's'),
    ("sch", 's'),
    ("dzh", 'j'),
    ("tch", 'c'),
    ("dj", 'j'),
    ("zh", 'j'),
    ("kh", 'h'),
    ("gh", 'g'),
    ("ch", 'c'),
    ("sh", 's'),
    ("ts", 'c'),
    ("tz", 'c'),
    ("yu", 'u'),
    ("iu", 'u'),
    ("ya", 'a'),
    ("ia", 'a'),
    ("yo", 'o'),
    ("ye", 'e'),
    ("ng", 'n'),
    ("ou", 'u'),
];

/// The matching key of a lower-case, accent-free text: Latin letters, spelling variants collapsed
/// (one pass, left to right), doubled letters single.
pub fn skeleton(s: &str) -> String {
    let latin = to_latin(s);
    let bytes = latin.as_bytes();
    let mut out = String::with_capacity(latin.len());
    let mut prev: Option<char> = None;
    let mut i = 0;
    while i < latin.len() {
        let rest = &bytes[i..];
        let (c, len) = match VARIANTS
            .iter()
            .find(|(v, _)| rest.starts_with(v.as_bytes()))
        {
            Some((v, c)) => (*c, v.len()),
            None => {
                let ch = latin[i..].chars().next().unwrap_or(' ');
                let mapped = match ch {
                    'y' => 'i',
                    'w' => 'v',
                    'q' => 'k',
                    'x' => 'h',
                    c => c,
                };
                (mapped, ch.len_utf8())
            }
        };
        i += len;
        if prev == Some(c) && c.is_alphabetic() {
            continue;
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_name_in_two_scripts_has_one_skeleton() {
        assert_eq!(skeleton("маматов"), skeleton("mamatov"));
        assert_eq!(skeleton("жумабаев"), skeleton("zhumabaev"));
        assert_eq!(skeleton("жумабаев"), skeleton("jumabaev"));
        assert_eq!(skeleton("юлдашев"), skeleton("yuldashev"));
        assert_eq!(skeleton("хасанов"), skeleton("hasanov"));
        assert_eq!(skeleton("өмүр"), skeleton("omur"));
        assert_eq!(skeleton("айгүл"), skeleton("aigul"));
        assert_ne!(skeleton("mamatov"), skeleton("mamedov"));
    }
}
