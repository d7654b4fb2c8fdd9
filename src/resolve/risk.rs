//! Risks in how a testimony is written, found before anything is built: contact details in a
//! published text, pseudonyms that give the real name away, and combinations of details that may
//! identify a person in a small community (quasi-identifiers).

use crate::text::normalise;

/// Phone numbers and e-mail addresses in a text, as written.
pub fn contact_details(text: &str) -> Vec<String> {
    let mut out = vec![];
    // E-mail addresses: a word with one @ and a dot after it (none in a text without `@`).
    let words = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '<' | '>' | '"'));
    for word in words.take(if text.contains('@') { usize::MAX } else { 0 }) {
        let w = word.trim_matches(|c: char| matches!(c, '.' | ':' | '!' | '?' | '\''));
        if let Some((user, domain)) = w.split_once('@')
            && !user.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
        {
            out.push(w.to_string());
        }
    }
    // Phone numbers: runs of digits, spaces, dashes, dots and brackets, optionally after a +,
    // with at least 9 digits (so years, sums and dates are not taken for phones): none in a
    // text of fewer than 9 digits, which most are (the text is not read into characters).
    if text.bytes().filter(u8::is_ascii_digit).nth(8).is_none() {
        return out;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '+' || chars[i].is_ascii_digit() {
            let start = i;
            let mut digits = 0;
            let mut j = i;
            while j < chars.len()
                && (chars[j].is_ascii_digit()
                    || matches!(chars[j], ' ' | '-' | '(' | ')' | '.' | '+'))
            {
                if chars[j].is_ascii_digit() {
                    digits += 1;
                }
                j += 1;
            }
            let run: String = chars[start..j].iter().collect();
            let run = run.trim_end_matches([' ', '-', '.', '(']).to_string();
            if (9..=15).contains(&digits) {
                out.push(run);
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// Why a pseudonym gives the real name away, if it does: the same first letters as the real
/// first name or surname ("never the real initial").
pub fn pseudonym_clash(real: &str, pseudonym: &str) -> Option<String> {
    let real_words: Vec<String> = real.split_whitespace().map(normalise).collect();
    let pseudo_words: Vec<String> = pseudonym
        .split_whitespace()
        .map(|w| normalise(w.trim_end_matches('.')))
        .collect();
    let first = |s: &String| s.chars().next();
    if let (Some(r), Some(p)) = (real_words.first(), pseudo_words.first())
        && r == p
    {
        // A kept first name is an error of its own (see `parts_kept`).
        return None;
    }
    if let (Some(r), Some(p)) = (real_words.first(), pseudo_words.first())
        && first(r).is_some()
        && first(r) == first(p)
    {
        return Some(format!(
            "the pseudonym `{pseudonym}` starts with the same letter as the real first name"
        ));
    }
    for p in pseudo_words.iter().skip(1) {
        if p.chars().count() == 1 && real_words.iter().skip(1).any(|r| first(r) == first(p)) {
            return Some(format!(
                "the initial in `{pseudonym}` is the real surname's initial"
            ));
        }
    }
    None
}

/// The parts of a real name (three letters or more) that a pseudonym keeps, in any spelling
/// (`Babaraim A.` keeps `Babaraim`; `Zhumabaeva Z.` keeps `Jumabaeva`), except those the
/// authors marked as publishable.
pub fn parts_kept(real: &str, pseudonym: &str, publishable: &[String]) -> Vec<String> {
    use crate::text::matcher::same_name;
    let long = |w: &&str| w.chars().count() >= 3;
    let pseudo: Vec<&str> = pseudonym
        .split(|c: char| !crate::text::chars::is_alphanumeric(c))
        .filter(long)
        .collect();
    real.split(|c: char| !crate::text::chars::is_alphanumeric(c))
        .filter(long)
        .filter(|w| pseudo.iter().any(|p| same_name(w, p)))
        .filter(|w| !publishable.iter().any(|p| same_name(w, p)))
        .map(str::to_string)
        .collect()
}

/// Details in a published description that may identify a person, and how to coarsen them.
/// `place` is the exact place (never published for non-named testimonies), `region` the coarser one.
pub fn quasi_identifiers(
    description: &str,
    place: Option<&str>,
    region: Option<&str>,
    age: Option<u32>,
    occupation: Option<&str>,
) -> Vec<String> {
    let d = normalise(description);
    let mut out = vec![];
    let mut small_place = false;
    if let Some(p) = place {
        let np = normalise(p);
        if np.chars().count() >= 3 && crate::text::find_word(&d, &np).is_some() {
            small_place = true;
            out.push(format!(
                "the description names the exact place `{p}`; write the region{} instead",
                region.map(|r| format!(" (`{r}`)")).unwrap_or_default()
            ));
        }
    }
    let has_age = age.is_some_and(|a| d.contains(&a.to_string()))
        || d.contains("year-old")
        || d.contains("years old");
    let has_occupation =
        occupation.is_some_and(|o| !o.trim().is_empty() && d.contains(&normalise(o)));
    let has_date = d.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !crate::text::chars::is_alphanumeric(c) && c != '-');
        crate::parse::date::PartialDate::parse(w).is_ok_and(|x| x.day.is_some())
    });
    if has_date {
        out.push("the description gives an exact date; give the month or the year".into());
    }
    let count = [small_place, has_age, has_occupation, has_date]
        .iter()
        .filter(|&&b| b)
        .count();
    if count >= 2 && (has_age || has_occupation) {
        let mut how = vec![];
        if has_age {
            how.push("an age band (e.g. \"in her thirties\") instead of the age");
        }
        if has_occupation {
            how.push("a broader occupation (e.g. \"a market worker\")");
        }
        out.push(format!("age, occupation, place and date together may identify the person in a small community; use {}", how.join(" and ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_phones_and_emails_but_not_years_or_sums() {
        let t = "Call me on +996 555 123 456 or write to aziz.m@example.org. I paid 1,500 tenge in 2017 and 20 000 som.";
        assert_eq!(
            contact_details(t),
            vec![
                "aziz.m@example.org".to_string(),
                "+996 555 123 456".to_string()
            ]
        );
        assert!(
            contact_details("Between 2016-2017 and 10.11.2017 we earned 200 000 tenge").is_empty()
        );
    }

    #[test]
    fn pseudonyms_must_not_share_the_real_initials() {
        assert!(pseudonym_clash("Aziz Mamatov", "Aziz M.").is_none());
        assert_eq!(parts_kept("Aziz Mamatov", "Aziz M.", &[]), ["Aziz"]);
        assert_eq!(parts_kept("Aziz Mamatov", "Umar Mamatow", &[]), ["Mamatov"]);
        assert!(parts_kept("Aziz Mamatov", "Aziz M.", &["Aziz".into()]).is_empty());
        assert!(pseudonym_clash("Aziz Mamatov", "Umar M.").is_some());
        assert!(pseudonym_clash("Aziz Mamatov", "Umar U.").is_none());
    }

    #[test]
    fn flags_small_place_with_occupation_and_age() {
        let q = quasi_identifiers(
            "a 34-year-old baker from Kara-Suu",
            Some("Kara-Suu"),
            Some("Osh Oblast"),
            Some(34),
            Some("baker"),
        );
        assert!(
            q.iter()
                .any(|m| m.contains("exact place `Kara-Suu`") && m.contains("Osh Oblast")),
            "{q:?}"
        );
        assert!(q.iter().any(|m| m.contains("age band")), "{q:?}");
        assert!(
            quasi_identifiers("a construction worker", Some("Kara-Suu"), None, None, None)
                .is_empty()
        );
    }
}
