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
    let audit = Audit::new(report, audience);
    audit.check(0, artifacts);
    audit.finish()
}

/// A leak audit taking artifacts as they are made (`build` audits each output while typst
/// compiles the next): the matcher is built once, each batch is scanned as it comes in (its
/// artifacts shared out among the cores), and [`Audit::finish`] lets everything through only if
/// no batch leaked. The only way to an [`Audited`].
pub struct Audit {
    /// `None` for internal artifacts (not scanned) or a report that protects nothing.
    matcher: Option<Matcher>,
    /// The batches in, with their place (the order they are written in) and their leaks.
    batches: std::sync::Mutex<Vec<Batch>>,
}

/// A batch of artifacts audited: its place among the batches, the artifacts, their leaks.
type Batch = (usize, Vec<Artifact>, Vec<Leak>);

impl Audit {
    /// The audit for one audience of a report (see [`audit`]).
    pub fn new(report: &Report, audience: Audience) -> Audit {
        let matcher = (audience == Audience::Public)
            .then(|| Matcher::new(&crate::protect::protected_items(report)))
            .filter(|m| !m.is_empty());
        Audit {
            matcher,
            batches: Default::default(),
        }
    }

    /// Scans a batch of artifacts now; `order` is its place among the batches.
    pub fn check(&self, order: usize, artifacts: Vec<Artifact>) {
        let leaks = match &self.matcher {
            Some(m) => scan_all(&artifacts, m),
            None => vec![],
        };
        let mut batches = self.batches.lock().unwrap_or_else(|e| e.into_inner());
        batches.push((order, artifacts, leaks));
    }

    /// Every artifact checked, in the order of the batches, or every leak found (sorted by
    /// artifact, then by what leaked).
    pub fn finish(self) -> Result<Audited, Vec<Leak>> {
        let mut batches = self.batches.into_inner().unwrap_or_else(|e| e.into_inner());
        batches.sort_by_key(|(order, _, _)| *order);
        let mut leaks: Vec<Leak> = batches
            .iter_mut()
            .flat_map(|(_, _, l)| std::mem::take(l))
            .collect();
        if !leaks.is_empty() {
            leaks.sort_by(|a, b| (&a.artifact, &a.what).cmp(&(&b.artifact, &b.what)));
            return Err(leaks);
        }
        let artifacts = batches.into_iter().flat_map(|(_, a, _)| a).collect();
        Ok(Audited { artifacts })
    }
}

/// Scans the artifacts, shared out among the cores (one pass per artifact).
fn scan_all(artifacts: &[Artifact], matcher: &Matcher) -> Vec<Leak> {
    use rayon::prelude::*;
    artifacts
        .par_iter()
        .flat_map_iter(|a| scan(a, matcher))
        .collect()
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
