//! Which testimonies an output carries, learnt without building its view: the texts the output
//! converts (chosen by the same functions its view builder uses), each read once for what it
//! cites and embeds by the same per-tag decision the conversion takes
//! (`convert::testimony_of`), footnotes read where they are called, as the conversion
//! reads them. An embedded testimony brings what its own text cites and embeds.
//!
//! `check` and the witness review ask this; `build` keeps the views it builds, which record the
//! same testimonies as they convert (a test compares the two on every project it has).

use super::convert::{Brought, Notes, split_notes, testimony_of};
use crate::conventions::Dataset;
use crate::model::raw::Audience;
use crate::model::resolved::{OutlineNode, Report, Submission};
use pulldown_cmark::Event;
use std::collections::BTreeSet;

/// An author text of the report, by its owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextOf {
    Chapter(usize),
    Finding(usize),
    Recommendation(usize),
}

/// The testimonies one text cites and embeds, by index, in text order (repeats kept).
#[derive(Debug, Default, Clone)]
struct Brings(Vec<(usize, Brought)>);

/// Every text of a report read for the testimonies it brings: read once, then asked for any
/// output.
pub struct Carriage<'r> {
    report: &'r Report,
    chapters: Vec<Brings>,
    findings: Vec<Brings>,
    testimonies: Vec<Brings>,
    recommendations: Vec<Brings>,
}

impl<'r> Carriage<'r> {
    /// Reads every text of `report` (side by side).
    pub fn of(report: &'r Report) -> Carriage<'r> {
        use rayon::prelude::*;
        let read = |texts: Vec<&str>| -> Vec<Brings> {
            texts.par_iter().map(|m| brings(report, m)).collect()
        };
        Carriage {
            report,
            chapters: read(report.chapters.iter().map(|c| &*c.body.markdown).collect()),
            findings: read(report.findings.iter().map(|f| &*f.body.markdown).collect()),
            testimonies: read(
                report
                    .testimonies
                    .iter()
                    .map(|t| &*t.text.markdown)
                    .collect(),
            ),
            recommendations: read(
                report
                    .recommendations
                    .iter()
                    .map(|r| &*r.text.markdown)
                    .collect(),
            ),
        }
    }

    /// The ids of the testimonies carried by an output that converts `texts`.
    pub fn carried(&self, texts: &[TextOf]) -> BTreeSet<String> {
        let mut seen = vec![false; self.report.testimonies.len()];
        let mut read = vec![false; self.report.testimonies.len()];
        let mut queue: Vec<&Brings> = texts
            .iter()
            .map(|t| match *t {
                TextOf::Chapter(i) => &self.chapters[i],
                TextOf::Finding(i) => &self.findings[i],
                TextOf::Recommendation(i) => &self.recommendations[i],
            })
            .collect();
        while let Some(b) = queue.pop() {
            for &(i, how) in &b.0 {
                seen[i] = true;
                if how == Brought::Embedded && !std::mem::replace(&mut read[i], true) {
                    queue.push(&self.testimonies[i]);
                }
            }
        }
        let testimonies = &self.report.testimonies;
        (0..seen.len())
            .filter(|i| seen[*i])
            .map(|i| testimonies[i].id.clone())
            .collect()
    }

    /// The testimonies the publication carries.
    pub fn publication(&self) -> BTreeSet<String> {
        self.carried(&publication_texts(self.report))
    }

    /// The testimonies a submission carries, for `audience`.
    pub fn submission(
        &self,
        ds: &Dataset,
        sub: &Submission,
        audience: Audience,
    ) -> BTreeSet<String> {
        self.carried(&super::submission::texts(self.report, ds, sub, audience))
    }
}

/// The texts the publication converts, in its order: the outline's chapters, each part's intro,
/// its findings with their sub-findings, and the recommendations (when the outline has them).
pub fn publication_texts(report: &Report) -> Vec<TextOf> {
    fn finding(report: &Report, f: usize, out: &mut Vec<TextOf>) {
        out.push(TextOf::Finding(f));
        for s in &report.findings[f].subs {
            finding(report, *s, out);
        }
    }
    let mut out = vec![];
    for node in &report.outline {
        match node {
            OutlineNode::Chapter(c) => out.push(TextOf::Chapter(*c)),
            OutlineNode::Part {
                intro, findings, ..
            } => {
                out.extend(intro.map(TextOf::Chapter));
                for f in findings {
                    finding(report, *f, &mut out);
                }
            }
            OutlineNode::Recommendations => {
                let groups = super::publication::recommendation_groups(report);
                for (_, themes) in &groups {
                    for (_, recs) in themes {
                        out.extend(recs.iter().map(|r| TextOf::Recommendation(*r)));
                    }
                }
            }
            OutlineNode::Annex(_) => {}
        }
    }
    out
}

/// What one text cites and embeds: its events read as [`super::convert`] reads them, a footnote's
/// definition where (and each time) it is called. A text without `@` or `![[` has neither.
fn brings(report: &Report, markdown: &str) -> Brings {
    let mut out = Brings::default();
    if !markdown.contains('@') && !markdown.contains("![[") {
        return out;
    }
    let (body, defs) = split_notes(markdown);
    walk(report, &body, &defs, &mut vec![], &mut out);
    out
}

/// The events of a text (or of a footnote's definition), following the notes they call; `open`
/// holds the notes being read (a note that calls itself is not read again).
fn walk<'a>(
    report: &Report,
    events: &[Event<'a>],
    defs: &'a Notes<'a>,
    open: &mut Vec<&'a str>,
    out: &mut Brings,
) {
    for ev in events {
        match ev {
            Event::Start(tag) => out.0.extend(testimony_of(report, tag)),
            Event::FootnoteReference(label) => {
                if let Some((label, evs)) = defs.get_key_value(label.as_ref())
                    && !open.contains(&label.as_str())
                {
                    open.push(label);
                    walk(report, evs, defs, open, out);
                    open.pop();
                }
            }
            _ => {}
        }
    }
}
