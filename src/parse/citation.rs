//! The syntax of legal citations, as authors write them: `ICCPR art. 9`, `ICCPR, article 9`,
//! `ICCPR art 9`, `CRC art. 2(2)`, `ILO C029 art. 2`, `C29`, `C029`, `P029`, `ICRMW`.
//! Which instruments exist, and how many articles they have, is the dataset's business
//! ([`crate::conventions`]); this module only splits the text.

/// A citation split into its parts, not yet resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitationSyntax {
    /// The instrument as written, normalised: ILO numbers padded (`C29` -> `C029`), `ILO ` removed.
    pub instrument: String,
    pub article: Option<u32>,
    /// Paragraph and sub-paragraph, e.g. `(2)` or `(1)(b)`.
    pub paragraph: Option<String>,
}

const ARTICLE_WORDS: [&str; 6] = ["art", "art.", "arts", "arts.", "article", "articles"];

/// Splits a citation, or says what cannot be read.
pub fn parse(text: &str) -> Result<CitationSyntax, String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return Err("empty citation: write an instrument, e.g. `[[ICCPR art. 9]]`".into());
    }
    let marker = words
        .iter()
        .position(|w| ARTICLE_WORDS.contains(&w.to_lowercase().as_str()));
    // "article 8 of the ICCPR": the article comes first.
    let of = words.iter().position(|w| w.eq_ignore_ascii_case("of"));
    let (inst_words, art_words): (Vec<&str>, Option<Vec<&str>>) = match (marker, of) {
        (Some(0), Some(o)) if o > 1 => {
            let mut inst: Vec<&str> = words[o + 1..].to_vec();
            if inst.first().is_some_and(|w| w.eq_ignore_ascii_case("the")) {
                inst.remove(0);
            }
            (inst, Some(words[1..o].to_vec()))
        }
        (Some(i), _) => (words[..i].to_vec(), Some(words[i + 1..].to_vec())),
        (None, _) => (words.clone(), None),
    };
    let inst = inst_words.join(" ");
    let inst = inst.trim_end_matches(',').trim();
    if inst.is_empty() {
        return Err(format!(
            "`{text}` names no instrument: write e.g. `ICCPR art. 9`"
        ));
    }
    let instrument = normalise_instrument(inst);
    let (article, paragraph) = match art_words.as_deref() {
        None => (None, None),
        Some([]) => {
            return Err(format!(
                "`{text}`: the article number is missing after `{}`",
                words[marker.unwrap_or(0)]
            ));
        }
        Some(rest) => {
            let a = rest.join("");
            let (art, para) = parse_article(&a).ok_or_else(|| {
                format!(
                    "cannot read article `{}` in `{text}`: write it as `art. 9` or `art. 2(2)`",
                    rest.join(" ")
                )
            })?;
            (Some(art), para)
        }
    };
    Ok(CitationSyntax {
        instrument,
        article,
        paragraph,
    })
}

/// `ILO C29` -> `C029`, `c 29`? no; `P29` -> `P029`; other names unchanged but trimmed.
pub fn normalise_instrument(inst: &str) -> String {
    let mut s = inst.trim();
    for prefix in ["ILO ", "ilo "] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.trim();
        }
    }
    // "ILO Convention No. 181", "Convention N°181", "Protocol No. 29" (how reports write them).
    let lower = s.to_lowercase();
    for (word, letter) in [("convention", 'C'), ("protocol", 'P')] {
        if let Some(rest) = lower.strip_prefix(word) {
            let num = rest
                .trim_start()
                .trim_start_matches("no.")
                .trim_start_matches("no")
                .trim_start_matches("n°")
                .trim_start_matches('°')
                .trim();
            if !num.is_empty()
                && num.len() <= 3
                && num.bytes().all(|b| b.is_ascii_digit())
                && let Ok(n) = num.parse::<u32>()
            {
                return format!("{letter}{n:03}");
            }
        }
    }
    let bytes = s.as_bytes();
    if bytes.len() >= 2
        && matches!(bytes[0], b'C' | b'c' | b'P' | b'p')
        && s[1..].bytes().all(|b| b.is_ascii_digit())
        && s.len() <= 4
        && let Ok(n) = s[1..].parse::<u32>()
    {
        return format!("{}{n:03}", s[..1].to_uppercase());
    }
    s.to_string()
}

fn parse_article(a: &str) -> Option<(u32, Option<String>)> {
    let a = a.trim_end_matches([',', '.', ';']);
    // "2.2" and "7.1" are written for paragraph 2 of article 2, paragraph 1 of article 7.
    if let Some((art, para)) = a.split_once('.')
        && !art.is_empty()
        && art.bytes().all(|b| b.is_ascii_digit())
        && !para.is_empty()
        && para.bytes().all(|b| b.is_ascii_digit())
    {
        return Some((art.parse().ok()?, Some(format!("({para})"))));
    }
    let digits: String = a.chars().take_while(|c| c.is_ascii_digit()).collect();
    let n: u32 = digits.parse().ok()?;
    let rest = &a[digits.len()..];
    if rest.is_empty() {
        return Some((n, None));
    }
    // Only groups like (2), (1)(b), (iv).
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '(' {
            return None;
        }
        let mut inner = 0;
        loop {
            match chars.next() {
                Some(')') if inner > 0 => break,
                Some(c) if c.is_ascii_alphanumeric() => inner += 1,
                _ => return None,
            }
        }
    }
    Some((n, Some(rest.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> (String, Option<u32>, Option<String>) {
        let c = parse(s).unwrap();
        (c.instrument, c.article, c.paragraph)
    }

    #[test]
    fn reads_the_forms_authors_write() {
        assert_eq!(p("ICCPR art. 9"), ("ICCPR".into(), Some(9), None));
        assert_eq!(p("ICCPR, article 9"), ("ICCPR".into(), Some(9), None));
        assert_eq!(p("ICCPR art 9"), ("ICCPR".into(), Some(9), None));
        assert_eq!(p("C29"), ("C029".into(), None, None));
        assert_eq!(p("C029"), ("C029".into(), None, None));
        assert_eq!(p("ILO C029 art. 2"), ("C029".into(), Some(2), None));
        assert_eq!(
            p("CRC art. 2(2)"),
            ("CRC".into(), Some(2), Some("(2)".into()))
        );
        assert_eq!(p("P029"), ("P029".into(), None, None));
        assert_eq!(p("ILO P29"), ("P029".into(), None, None));
        assert_eq!(p("ICRMW"), ("ICRMW".into(), None, None));
        assert_eq!(p("ILO Convention No. 181"), ("C181".into(), None, None));
        assert_eq!(p("article 8 of the ICCPR"), ("ICCPR".into(), Some(8), None));
        assert_eq!(
            p("article 2.2 of the CRC"),
            ("CRC".into(), Some(2), Some("(2)".into()))
        );
        assert_eq!(
            p("ILO Convention N°189 art. 3"),
            ("C189".into(), Some(3), None)
        );
        assert_eq!(
            p("ICCPR art. 9(1)(b)"),
            ("ICCPR".into(), Some(9), Some("(1)(b)".into()))
        );
    }

    #[test]
    fn explains_unreadable_articles() {
        assert!(
            parse("ICCPR art. nine")
                .unwrap_err()
                .contains("cannot read article `nine`")
        );
        assert!(
            parse("ICCPR art.")
                .unwrap_err()
                .contains("article number is missing")
        );
        assert!(parse("art. 9").unwrap_err().contains("names no instrument"));
    }
}
