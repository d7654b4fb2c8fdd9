//! The leak audit: every artifact of a public build is read as its reader gets it, by its format
//! ([`crate::protect::reading`]: the page text of a PDF, the visible text and CSS generated content of
//! an HTML page, Word's parts, JSON values) and scanned by the one matcher
//! ([`crate::protect::matcher`]) for what must never be published, before anything replaces the
//! previous artifacts. Protected are: the real name of every witness who is not `named` and each
//! part of it (three letters or more) that is not also part of the pseudonym nor listed under
//! `speaker.publishable`; every `protected` string; and phone numbers and e-mail addresses found
//! in any testimony text. A project's own templates are inside the audit by construction: the
//! audit reads what they print.
//!
//! [`audit`] is the only maker of [`Audited`], the only thing [`crate::emit`] writes: no artifact
//! reaches the disk without passing the audit.

use crate::model::raw::{Audience, Format};
use crate::model::resolved::Report;
use crate::protect::matcher::Matcher;
use crate::write::Artifact;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leak {
    pub artifact: String,
    pub testimony: String,
    pub what: String,
}

/// Artifacts the leak audit let through: the only thing [`crate::emit`] writes. Only [`audit`]
/// makes one, so no artifact reaches the disk without passing it.
#[derive(Debug)]
pub struct Audited {
    artifacts: Vec<Artifact>,
}

impl Audited {
    pub fn artifacts(&self) -> &[Artifact] {
        &self.artifacts
    }

    /// The artifacts that are shipped (not the intermediate Typst source and data, unless
    /// `build --keep-typst` asked for them).
    pub fn shipped(&self) -> impl Iterator<Item = &Artifact> {
        self.artifacts.iter().filter(|a| a.shipped)
    }
}

/// The leak audit over every artifact, shipped or not (the intermediate Typst source too), for
/// their audience: a public artifact must not contain anything the report protects; internal
/// artifacts carry everything by design (marked confidential, and written apart from public ones).
/// The leaks are sorted by artifact, then by what leaked.
pub fn audit(
    report: &Report,
    audience: Audience,
    artifacts: Vec<Artifact>,
) -> Result<Audited, Vec<Leak>> {
    if audience == Audience::Public {
        let matcher = Matcher::new(&crate::protect::protected_items(report));
        let leaks = scan_all(&artifacts, &matcher);
        if !leaks.is_empty() {
            return Err(leaks);
        }
    }
    Ok(Audited { artifacts })
}

/// Scans the artifacts, shared out among the cores (one pass per artifact).
fn scan_all(artifacts: &[Artifact], matcher: &Matcher) -> Vec<Leak> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, artifacts.len().max(1));
    let mut leaks: Vec<Leak> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                s.spawn(move || {
                    artifacts
                        .iter()
                        .skip(t)
                        .step_by(threads)
                        .flat_map(|a| scan(a, matcher))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("the audit of an artifact panicked"))
            .collect()
    });
    leaks.sort_by(|a, b| (&a.artifact, &a.what).cmp(&(&b.artifact, &b.what)));
    leaks
}

/// Scans one artifact, read by its format: one leak per protected item found.
pub fn scan(artifact: &Artifact, matcher: &Matcher) -> Vec<Leak> {
    if matcher.is_empty() {
        return vec![];
    }
    let text = match artifact.format {
        // Generated Typst source: its string literals are what it prints (labels are ids).
        Format::Typst => typst_literals(&String::from_utf8_lossy(&artifact.bytes)),
        format => crate::protect::reading::reader_text(format, &artifact.bytes),
    };
    let mut items: Vec<usize> = matcher.find_in(&text).into_iter().map(|h| h.item).collect();
    items.sort_unstable();
    items.dedup();
    items
        .into_iter()
        .map(|i| {
            let p = matcher.item(i);
            Leak {
                artifact: artifact.path.clone(),
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
