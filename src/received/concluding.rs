//! Concluding observations pasted as text: numbered paragraphs (`23. The Committee recommends
//! that the State party:`), lettered sub-paragraphs (`(a) Ensure ...`), subject headings between
//! them (`Migrant workers`). What is read:
//!
//! - the document's symbol, when the pasted text carries it (`CCPR/C/KAZ/CO/2` at the top);
//! - each paragraph that recommends (`recommends`, `urges`, `calls upon`, `encourages`,
//!   `requests`, `invites`, `The State party should`): one recommendation per lettered
//!   sub-paragraph (`23(a)`: the paragraph's lead and the sub-paragraph), or the paragraph
//!   itself (`23`) when it has none;
//! - the heading above a paragraph, kept as its issue.
//!
//! Paragraphs that only observe or express concern are reported as not recognised, with that
//! reason, so the user sees every number that was left out.

use super::{Import, Record};

const RECOMMENDS: [&str; 8] = [
    "recommends",
    "urges",
    "calls upon",
    "calls on",
    "encourages",
    "requests the state party",
    "invites the state party",
    "state party should",
];

/// `23. Text`, `23.Text` after a tab: the number and the rest.
fn numbered(line: &str) -> Option<(String, &str)> {
    let digits: String = line.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 3 {
        return None;
    }
    let rest = line[digits.len()..].strip_prefix('.')?;
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((digits, rest.trim()))
}

/// `(a) Text`: the letter(s) and the rest.
fn lettered(line: &str) -> Option<(String, &str)> {
    let rest = line.strip_prefix('(')?;
    let end = rest.find(')')?;
    let inner = &rest[..end];
    (!inner.is_empty() && inner.len() <= 4 && inner.chars().all(|c| c.is_ascii_lowercase()))
        .then(|| (inner.to_string(), rest[end + 1..].trim()))
}

/// A heading: a short line that is not a sentence (no final stop, colon or semicolon).
fn is_heading(line: &str) -> bool {
    line.chars().count() <= 90
        && line.starts_with(|c: char| c.is_uppercase())
        && !line.ends_with(['.', ':', ';', ','])
}

struct Para {
    number: String,
    line: usize,
    lead: String,
    subs: Vec<(String, String)>,
    heading: Option<String>,
}

/// Reads concluding observations.
pub fn read(text: &str) -> Import {
    let mut import = Import::default();
    let mut paras: Vec<Para> = vec![];
    let mut heading: Option<String> = None;
    let mut open = false;
    for (k, raw) in text.lines().enumerate() {
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() {
            continue;
        }
        if import.header.document.is_none()
            && paras.is_empty()
            && let Ok(s) = crate::parse::symbol::parse(line)
        {
            import.header.state = s.state.clone();
            import.header.document = Some(s.text);
            continue;
        }
        if let Some((n, rest)) = numbered(line) {
            paras.push(Para {
                number: n,
                line: k + 1,
                lead: rest.to_string(),
                subs: vec![],
                heading: heading.clone(),
            });
            open = true;
            continue;
        }
        if open && let Some(p) = paras.last_mut() {
            if let Some((l, rest)) = lettered(line) {
                p.subs.push((l, rest.to_string()));
                continue;
            }
            if !is_heading(line) {
                let target = match p.subs.last_mut() {
                    Some((_, t)) => t,
                    None => &mut p.lead,
                };
                target.push(' ');
                target.push_str(line);
                continue;
            }
        }
        // A heading (a section title `C. Principal subjects of concern` or a subject).
        let h = match line.as_bytes() {
            [a, b'.', b' ', ..] if a.is_ascii_uppercase() => line[3..].trim(),
            _ => line,
        };
        if is_heading(line) {
            heading = Some(h.to_string());
            open = false;
        } else {
            import.skip(k + 1, line, "text before the first numbered paragraph");
        }
    }
    for p in paras {
        let lead_lower = p.lead.to_lowercase();
        if !RECOMMENDS.iter().any(|w| lead_lower.contains(w)) {
            let why = if lead_lower.contains("concern") {
                format!("paragraph {}: a concern, not a recommendation", p.number)
            } else {
                format!("paragraph {}: no recommendation", p.number)
            };
            import.skip(p.line, &p.lead, why);
            continue;
        }
        let issues: Vec<String> = p.heading.iter().cloned().collect();
        if p.subs.is_empty() {
            import.records.push(Record {
                paragraph: Some(p.number.clone()),
                text: p.lead.clone(),
                issues,
                ..Record::default()
            });
            continue;
        }
        for (l, t) in &p.subs {
            import.records.push(Record {
                paragraph: Some(format!("{}({l})", p.number)),
                text: format!("{} ({l}) {t}", p.lead),
                issues: issues.clone(),
                ..Record::default()
            });
        }
    }
    import
}
