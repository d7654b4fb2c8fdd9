//! OHCHR's thematic lists of UPR recommendations (the "UPR matrix" published per state and
//! cycle), as text copied from the Word or PDF file. The table's cells come out one after the
//! other; what is read:
//!
//! - a title `UPR of Kazakhstan (3rd Cycle – 34th session)`: the state, the cycle and the session;
//! - a recommendation: a line starting with its number (`140.7 Ratify ... (Ghana) (Uruguay);`),
//!   continued on the following lines; the recommending states are the parenthesised names at its
//!   end;
//! - `Source of position: A/HRC/43/10/Add.1 - Para. 2`: where the state gave its response;
//! - `Supported` or `Noted` alone on a line: the response;
//! - theme lines (`A12 Acceptance of international norms`, a code of a letter and digits): the
//!   source's issues;
//! - `Affected persons:` followed by `- migrants` lines: the groups;
//! - `SDG 8.7 ...` lines (or targets listed after `SDGs:`): SDG targets.
//!
//! Column headings (`Recommendation`, `Position`, `Full list of themes`, ...), `Theme:` cluster
//! headings and blank lines are structure; any other line outside a recommendation is reported as
//! not recognised.

use super::{Import, Record, leading_number, response_of};
use crate::conventions::Dataset;
use crate::resolve::received::{is_sdg_target, state_code};

/// `140.7 Rest of the line`: the number and the rest.
fn numbered(line: &str) -> Option<(String, &str)> {
    let digits: String = line.chars().take_while(char::is_ascii_digit).collect();
    let rest = line[digits.len()..].strip_prefix('.')?;
    let sub: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || sub.is_empty() || digits.len() > 4 || sub.len() > 4 {
        return None;
    }
    let rest = &rest[sub.len()..];
    rest.starts_with([' ', '\t'])
        .then(|| (format!("{digits}.{sub}"), rest.trim()))
}

/// Splits the recommending states off the end of a recommendation: `Ratify X (Ghana)
/// (Venezuela (Bolivarian Republic of));` gives `Ratify X` and both states. Parentheses that do
/// not name a state stay in the text.
pub fn split_states(text: &str, ds: &Dataset) -> (String, Vec<String>) {
    let mut t = text
        .trim()
        .trim_end_matches([';', '.', ','])
        .trim_end()
        .to_string();
    let mut by = vec![];
    while t.ends_with(')') {
        let mut depth = 0;
        let mut start = None;
        for (i, c) in t.char_indices().rev() {
            match c {
                ')' => depth += 1,
                '(' => {
                    depth -= 1;
                    if depth == 0 {
                        start = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(s) = start else { break };
        let inner = &t[s + 1..t.len() - 1];
        let names: Vec<&str> = inner.split([',', ';']).map(str::trim).collect();
        let codes: Vec<String> = names.iter().filter_map(|n| state_code(ds, n)).collect();
        let whole = state_code(ds, inner);
        match whole {
            Some(c) => by.insert(0, c),
            None if codes.len() == names.len() => {
                for c in codes.into_iter().rev() {
                    by.insert(0, c);
                }
            }
            None => break,
        }
        t.truncate(s);
        t = t
            .trim_end()
            .trim_end_matches([';', ','])
            .trim_end()
            .to_string();
    }
    (t, by)
}

fn is_theme_line(line: &str) -> bool {
    let mut cs = line.chars();
    let (Some(a), Some(b)) = (cs.next(), cs.next()) else {
        return false;
    };
    let code: String = line.chars().take_while(|c| !c.is_whitespace()).collect();
    a.is_ascii_uppercase()
        && b.is_ascii_digit()
        && code.len() <= 4
        && code[1..].bytes().all(|x| x.is_ascii_digit())
        && line.len() > code.len() + 1
}

const HEADINGS: [&str; 6] = [
    "recommendation",
    "position",
    "full list of themes",
    "assessment/comments on level of implementation",
    "affected persons",
    "thematic list of recommendations",
];

/// Reads the title line: state, cycle, session.
fn title(line: &str, import: &mut Import, ds: &Dataset) -> bool {
    let Some(rest) = line.strip_prefix("UPR of ") else {
        return false;
    };
    let name = rest.split(" (").next().unwrap_or(rest).trim();
    import.header.state = state_code(ds, name);
    let lower = rest.to_lowercase();
    let before = |word: &str| {
        lower
            .find(word)
            .and_then(|i| {
                lower[..i]
                    .split([' ', '(', '–', '-'])
                    .rfind(|s| !s.is_empty())
            })
            .and_then(leading_number)
    };
    import.header.cycle = before("cycle");
    import.header.session = before("session");
    true
}

/// Reads the text of a thematic list.
pub fn read(text: &str, ds: &Dataset) -> Import {
    let mut import = Import::default();
    let mut cur: Option<Record> = None;
    let mut in_text = false;
    let mut in_groups = false;
    let finish = |cur: &mut Option<Record>, import: &mut Import| {
        if let Some(mut r) = cur.take() {
            let (t, by) = split_states(&r.text, ds);
            r.text = t;
            r.by = by;
            import.records.push(r);
        }
    };
    for (k, raw) in text.lines().enumerate() {
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() {
            in_text = false;
            continue;
        }
        if let Some((n, rest)) = numbered(line) {
            finish(&mut cur, &mut import);
            cur = Some(Record {
                paragraph: Some(n),
                text: rest.to_string(),
                ..Record::default()
            });
            (in_text, in_groups) = (true, false);
            continue;
        }
        let lower = line.to_lowercase();
        if title(line, &mut import, ds)
            || HEADINGS.iter().any(|h| lower.trim_end_matches(':') == *h)
            || lower.starts_with("theme:")
        {
            in_groups = lower.starts_with("affected persons");
            in_text = false;
            continue;
        }
        let Some(r) = cur.as_mut() else {
            import.skip(k + 1, line, "outside any recommendation");
            continue;
        };
        if let Some(src) = line.strip_prefix("Source of position:") {
            let sym = src.split_whitespace().next().unwrap_or("");
            match crate::parse::symbol::parse(sym) {
                Ok(s) => r.response_in = Some(s.text),
                Err(e) => import.skip(k + 1, line, e),
            }
            in_text = false;
        } else if let Ok(Some(resp)) = response_of(line) {
            r.response = Some(resp);
            in_text = false;
        } else if lower.starts_with("sdg") {
            let targets: Vec<String> = line
                .split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == ':')
                .filter(|t| is_sdg_target(t))
                .map(str::to_string)
                .collect();
            if targets.is_empty() {
                import.skip(
                    k + 1,
                    line,
                    "an SDG without a target (`8.7`): goals alone are not kept",
                );
            }
            r.sdg.extend(targets);
            in_text = false;
        } else if in_groups && line.starts_with(['-', '•']) {
            r.groups
                .push(line.trim_start_matches(['-', '•']).trim().to_string());
        } else if is_theme_line(line) {
            r.issues.push(line.to_string());
            in_text = false;
        } else if in_text {
            r.text.push(' ');
            r.text.push_str(line);
        } else {
            import.skip(
                k + 1,
                line,
                "not a part of a recommendation rapporteur reads",
            );
        }
    }
    finish(&mut cur, &mut import);
    let sources: std::collections::BTreeSet<&String> = import
        .records
        .iter()
        .filter_map(|r| r.response_in.as_ref())
        .collect();
    if sources.len() == 1 {
        // One source for every response: it is the document's.
        let s = (*sources.iter().next().expect("one")).clone();
        for r in &mut import.records {
            r.response_in = None;
        }
        import.header.responses = Some(s);
    }
    import
}
