//! The leak audit: every artifact of a public build is read as its reader gets it
//! ([`crate::protect::reading`]: the page text of a PDF, the visible text and CSS generated content of
//! an HTML page, Word's parts, JSON values) and scanned by the one matcher
//! ([`crate::protect::matcher`]) for what must never be published, before anything replaces the
//! previous artifacts. Protected are: the real name of every witness who is not `named` and each
//! part of it (three letters or more) that is not also part of the pseudonym nor listed under
//! `speaker.publishable`; every `protected` string; and phone numbers and e-mail addresses found
//! in any testimony text. A project's own templates are inside the audit by construction: the
//! audit reads what they print.

use crate::protect::matcher::Matcher;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leak {
    pub artifact: String,
    pub testimony: String,
    pub what: String,
}

/// Scans one artifact: one leak per protected item found.
pub fn scan(artifact: &str, bytes: &[u8], matcher: &Matcher) -> Vec<Leak> {
    if matcher.is_empty() {
        return vec![];
    }
    let text = if artifact.to_lowercase().ends_with(".typ") {
        // Generated Typst source: its string literals are what it prints (labels are ids).
        typst_literals(&String::from_utf8_lossy(bytes))
    } else {
        crate::protect::reading::reader_text(artifact, bytes)
    };
    let mut items: Vec<usize> = matcher.find_in(&text).into_iter().map(|h| h.item).collect();
    items.sort_unstable();
    items.dedup();
    items
        .into_iter()
        .map(|i| {
            let p = matcher.item(i);
            Leak {
                artifact: artifact.to_string(),
                testimony: p.testimony.clone(),
                what: p.shown.clone(),
            }
        })
        .collect()
}

/// The contents of Typst string literals, unescaped, one per line.
fn typst_literals(src: &str) -> String {
    let mut out = String::new();
    let mut chars = src.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some('n') | Some('r') | Some('t') => out.push(' '),
                    Some('u') => {
                        let code: String =
                            chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                        if let Some(ch) =
                            u32::from_str_radix(&code, 16).ok().and_then(char::from_u32)
                        {
                            out.push(ch);
                        }
                    }
                    Some(other) => out.push(other),
                    None => {}
                },
                '"' => break,
                c => out.push(c),
            }
        }
        // A soft boundary: a name split over two literals is read whole, two names stay two.
        out.push('*');
    }
    out
}
