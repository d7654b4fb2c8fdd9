//! UN document symbols and paragraph numbers, as the UN writes them.
//!
//! A symbol names one document in every language: `CCPR/C/KAZ/CO/2` (the Human Rights
//! Committee's concluding observations on Kazakhstan's second report), `E/C.12/KAZ/CO/2`
//! (the same from CESCR), `CMW/C/KGZ/CO/1`, `A/HRC/WG.6/34/KAZ/1` (a UPR Working Group
//! document: 1 the national report, 2 the UN compilation, 3 the stakeholders' summary),
//! `A/HRC/43/10` (a Human Rights Council document: the Working Group's report on a review is
//! issued under this form, the outcome of the review) and `A/HRC/43/10/Add.1` (its addendum,
//! where the state gives its responses). Suffixes `/Add.n`, `/Corr.n`, `/Rev.n` and `/Amend.n`
//! may follow any symbol.
//!
//! Parsing here is syntax only (which series, which state segment, which suffixes); which
//! body a series belongs to is the dataset's knowledge (`symbol_prefix` in `bodies.yaml`,
//! read by `Dataset::body_of_symbol`).
//!
//! Paragraph numbers: `23`, `23(a)`, `23 (a)` (written `23(a)`), `23(a)(ii)`, and the UPR's
//! `145.12` (recommendation 12 of paragraph 145, as the Working Group numbers them).

/// What a symbol names, as far as its form tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    /// As written, trimmed (the official form: case kept, no spaces).
    pub text: String,
    pub series: Series,
    /// The three-letter state segment (`KAZ` in `CCPR/C/KAZ/CO/2`), when there is one.
    pub state: Option<String>,
    /// `Add.1`, `Corr.1`, ... in order.
    pub suffixes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Series {
    /// `A/HRC/WG.6/{session}/{STATE}/{part}`: a UPR Working Group document.
    UprWorkingGroup { session: u32, part: u32 },
    /// `A/HRC/{session}/{number}`: a Human Rights Council document (the UPR Working Group's
    /// report on a review, the review's outcome, is one).
    HumanRightsCouncil { session: u32, number: u32 },
    /// A treaty body document: `{prefix}/{STATE}/{kind}/{number}` (`CO` concluding
    /// observations, `Q` list of issues, `QPR` list of issues prior to reporting, ...). The
    /// number is the report's, as written (`2`, `2-3`).
    TreatyBody {
        prefix: String,
        kind: String,
        number: String,
    },
}

impl Symbol {
    /// The addendum number (`A/HRC/43/10/Add.1`: 1).
    pub fn addendum(&self) -> Option<u32> {
        self.suffixes
            .iter()
            .find_map(|s| s.strip_prefix("Add.")?.parse().ok())
    }

    /// Whether this is a document of the Universal Periodic Review (Working Group or Council).
    pub fn is_upr(&self) -> bool {
        matches!(
            self.series,
            Series::UprWorkingGroup { .. } | Series::HumanRightsCouncil { .. }
        )
    }

    /// The symbol without its suffixes (`A/HRC/43/10/Add.1`: `A/HRC/43/10`).
    pub fn base(&self) -> String {
        let mut s = self.text.clone();
        for suffix in self.suffixes.iter().rev() {
            s.truncate(s.len() - suffix.len() - 1);
        }
        s
    }

    /// The periodic report number of treaty-body concluding observations (`CO/2-3`: 3, the last
    /// report covered), used to tell which document is the latest.
    pub fn report_number(&self) -> Option<u32> {
        match &self.series {
            Series::TreatyBody { number, .. } => number.rsplit('-').next()?.parse().ok(),
            _ => None,
        }
    }
}

/// The link to the official document: the UN's document system resolves a symbol to the
/// document in the language asked (`https://docs.un.org/en/A/HRC/43/10`), treaty-body
/// documents included.
pub fn official_url(symbol: &str) -> String {
    format!("https://docs.un.org/en/{}", symbol.trim())
}

const SUFFIXES: [&str; 4] = ["Add.", "Corr.", "Rev.", "Amend."];

/// Parses a symbol's form. The error says what is wrong and what the forms are.
pub fn parse(s: &str) -> Result<Symbol, String> {
    let text = s.trim();
    if text.is_empty() {
        return Err("empty document symbol".into());
    }
    if text.contains(char::is_whitespace) {
        return Err(format!(
            "`{text}` has spaces: a UN document symbol is written without them (`CCPR/C/KAZ/CO/2`)"
        ));
    }
    let mut parts: Vec<&str> = text.split('/').collect();
    if parts.iter().any(|p| p.is_empty()) {
        return Err(format!(
            "`{text}` has an empty segment (`//` or a `/` at an end)"
        ));
    }
    let mut suffixes = vec![];
    while let Some(last) = parts.last() {
        let Some(prefix) = SUFFIXES.iter().find(|p| last.starts_with(**p)) else {
            break;
        };
        let n = &last[prefix.len()..];
        if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!(
                "`{last}` in `{text}`: a suffix is `{prefix}` and a number (`{prefix}1`)"
            ));
        }
        suffixes.insert(0, last.to_string());
        parts.pop();
    }
    let series = series(text, &parts)?;
    let state = match &series {
        Series::UprWorkingGroup { .. } => Some(parts[4].to_string()),
        Series::TreatyBody { .. } => Some(parts[parts.len() - 3].to_string()),
        Series::HumanRightsCouncil { .. } => None,
    };
    Ok(Symbol {
        text: text.to_string(),
        series,
        state,
        suffixes,
    })
}

fn number(seg: &str) -> Option<u32> {
    (!seg.is_empty() && seg.len() <= 4 && seg.bytes().all(|b| b.is_ascii_digit()))
        .then(|| seg.parse().ok())
        .flatten()
}

fn is_state(seg: &str) -> bool {
    seg.len() == 3 && seg.bytes().all(|b| b.is_ascii_uppercase())
}

fn series(text: &str, p: &[&str]) -> Result<Series, String> {
    if p.len() >= 2 && p[0] == "A" && p[1] == "HRC" {
        if p.get(2) == Some(&"WG.6") {
            return match (
                p.len(),
                p.get(3).and_then(|s| number(s)),
                p.get(4),
                p.get(5).and_then(|s| number(s)),
            ) {
                (6, Some(session), Some(st), Some(part)) if is_state(st) => {
                    Ok(Series::UprWorkingGroup { session, part })
                }
                _ => Err(format!(
                    "`{text}` is not a UPR Working Group symbol: they read A/HRC/WG.6/<session>/<STATE>/<1|2|3> (A/HRC/WG.6/34/KAZ/1)"
                )),
            };
        }
        return match (
            p.len(),
            p.get(2).and_then(|s| number(s)),
            p.get(3).and_then(|s| number(s)),
        ) {
            (4, Some(session), Some(number)) => Ok(Series::HumanRightsCouncil { session, number }),
            _ => Err(format!(
                "`{text}` is not a Human Rights Council symbol: they read A/HRC/<session>/<number> (A/HRC/43/10, its addendum A/HRC/43/10/Add.1)"
            )),
        };
    }
    // Treaty bodies: <prefix>/<STATE>/<kind>/<number>, the prefix being one or two segments
    // (CCPR/C, E/C.12, CAT/OP).
    if p.len() >= 5 && is_state(p[p.len() - 3]) {
        let kind = p[p.len() - 2];
        let num = p[p.len() - 1];
        let kind_ok = !kind.is_empty() && kind.bytes().all(|b| b.is_ascii_uppercase());
        let num_ok = num.split('-').all(|n| number(n).is_some());
        if kind_ok && num_ok {
            return Ok(Series::TreatyBody {
                prefix: p[..p.len() - 3].join("/"),
                kind: kind.to_string(),
                number: num.to_string(),
            });
        }
    }
    Err(format!(
        "`{text}` is not a UN document symbol of a form rapporteur reads: treaty bodies' documents read <BODY>/C/<STATE>/<kind>/<number> (CCPR/C/KAZ/CO/2, E/C.12/KAZ/CO/2, CMW/C/KGZ/CO/1), the UPR's A/HRC/WG.6/<session>/<STATE>/<n> or A/HRC/<session>/<number> (A/HRC/43/10, A/HRC/43/10/Add.1)"
    ))
}

/// A paragraph number normalised: `23 (a)` becomes `23(a)`, `145.12.` becomes `145.12`.
pub fn paragraph(s: &str) -> Result<String, String> {
    let t = s.trim().trim_end_matches('.');
    let t = t
        .strip_prefix("para.")
        .or_else(|| t.strip_prefix("paragraph"))
        .unwrap_or(t)
        .trim();
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let digits: String = compact.chars().take_while(char::is_ascii_digit).collect();
    let bad = || {
        format!(
            "`{}` is not a paragraph number: write it as the UN document does (`23`, `23(a)`, `23(a)(ii)`, or the UPR's `145.12`)",
            s.trim()
        )
    };
    if digits.is_empty() || digits.len() > 4 {
        return Err(bad());
    }
    let mut rest = &compact[digits.len()..];
    let mut out = digits.clone();
    if let Some(r) = rest.strip_prefix('.') {
        let sub: String = r.chars().take_while(char::is_ascii_digit).collect();
        if sub.is_empty() || sub.len() > 4 {
            return Err(bad());
        }
        out.push('.');
        out.push_str(&sub);
        rest = &r[sub.len()..];
    }
    while let Some(r) = rest.strip_prefix('(') {
        let Some(end) = r.find(')') else {
            return Err(bad());
        };
        let inner = &r[..end];
        if inner.is_empty()
            || inner.len() > 5
            || !inner
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        {
            return Err(bad());
        }
        out.push('(');
        out.push_str(inner);
        out.push(')');
        rest = &r[end + 1..];
    }
    if rest.is_empty() { Ok(out) } else { Err(bad()) }
}

/// A sort key for paragraph numbers: `9` before `23(a)` before `23(b)` before `145.2` before
/// `145.12`.
pub fn paragraph_key(p: &str) -> Vec<(u32, String)> {
    let mut out = vec![];
    let mut num = String::new();
    let mut word = String::new();
    let flush = |num: &mut String, word: &mut String, out: &mut Vec<(u32, String)>| {
        if !num.is_empty() || !word.is_empty() {
            out.push((num.parse().unwrap_or(0), std::mem::take(word)));
            num.clear();
        }
    };
    for c in p.chars() {
        match c {
            '0'..='9' if word.is_empty() => num.push(c),
            '.' | '(' | ')' => flush(&mut num, &mut word, &mut out),
            _ => word.push(c),
        }
    }
    flush(&mut num, &mut word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_treaty_body_symbols() {
        let s = parse("CCPR/C/KAZ/CO/2").unwrap();
        assert_eq!(s.state.as_deref(), Some("KAZ"));
        assert_eq!(
            s.series,
            Series::TreatyBody {
                prefix: "CCPR/C".into(),
                kind: "CO".into(),
                number: "2".into()
            }
        );
        let s = parse("E/C.12/KGZ/CO/2-3").unwrap();
        assert_eq!(s.report_number(), Some(3));
        assert_eq!(
            parse("CMW/C/KGZ/CO/1").unwrap().state.as_deref(),
            Some("KGZ")
        );
        assert_eq!(
            parse("CAT/OP/KAZ/R/1").unwrap().state.as_deref(),
            Some("KAZ")
        );
    }

    #[test]
    fn reads_upr_symbols_with_addenda() {
        let s = parse("A/HRC/43/10/Add.1").unwrap();
        assert_eq!(
            s.series,
            Series::HumanRightsCouncil {
                session: 43,
                number: 10
            }
        );
        assert_eq!(s.addendum(), Some(1));
        assert_eq!(s.base(), "A/HRC/43/10");
        assert!(s.is_upr());
        let s = parse("A/HRC/WG.6/34/KAZ/1").unwrap();
        assert_eq!(s.state.as_deref(), Some("KAZ"));
        assert!(parse("A/HRC/55/13").is_ok());
    }

    #[test]
    fn refuses_malformed_symbols_with_the_forms() {
        for bad in [
            "A/HRC/WG.6/KAZ",
            "CCPR C KAZ",
            "A/HRC/43/10/Add.",
            "CCPR/C/KAZ/CO/",
            "XYZ",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert!(
            parse("A/HRC/43")
                .unwrap_err()
                .contains("A/HRC/<session>/<number>")
        );
    }

    #[test]
    fn normalises_paragraph_numbers() {
        assert_eq!(paragraph("23").unwrap(), "23");
        assert_eq!(paragraph("23 (a)").unwrap(), "23(a)");
        assert_eq!(paragraph("23(a)(ii)").unwrap(), "23(a)(ii)");
        assert_eq!(paragraph("145.12").unwrap(), "145.12");
        assert_eq!(paragraph("para. 34").unwrap(), "34");
        for bad in ["", "a", "23(A)", "23)", "145.x", "12345"] {
            assert!(paragraph(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn sorts_paragraphs_as_numbered() {
        let mut v = vec!["145.12", "23(b)", "145.2", "9", "23(a)"];
        v.sort_by_key(|p| paragraph_key(p));
        assert_eq!(v, ["9", "23(a)", "23(b)", "145.2", "145.12"]);
    }

    #[test]
    fn links_to_the_official_document() {
        assert_eq!(
            official_url("E/C.12/KAZ/CO/2"),
            "https://docs.un.org/en/E/C.12/KAZ/CO/2"
        );
    }
}
