//! The check of the references written inside texts (chapters, findings, testimonies,
//! recommendations): provisions, cross-references, citations, embeds, figures and footnotes;
//! then what they add up to: provisions a recommendation invokes that its state has not
//! ratified, testimonies never cited, findings without evidence.

use super::super::fork::Fork;
use super::super::{Raw, Resolver, text::position};
use crate::conventions::lookup::ProvisionRef;
use crate::diagnostic::{Diagnostic, Location, with_suggestion};
use crate::model::raw::Consent;
use crate::model::resolved::*;
use crate::parse::markdown::{InlineRef, RefKind, scan_with_links};
use std::collections::{BTreeMap, BTreeSet};

/// Which kind of text a reference was found in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Owner {
    Chapter(usize),
    Finding(usize),
    Testimony(usize),
    Recommendation(usize),
}

/// What the references in the texts add up to.
#[derive(Default)]
struct Uses {
    /// The testimonies cited or embedded.
    testimonies: BTreeSet<usize>,
    /// The findings whose text cites a testimony, a document or a meeting.
    evidence: BTreeSet<usize>,
    /// The provisions each recommendation cites in its text, and where.
    provisions: BTreeMap<usize, Vec<(ProvisionRef, Location)>>,
    /// The provisions each finding cites in its text.
    cited: BTreeMap<usize, Vec<ProvisionRef>>,
}

impl Uses {
    /// A source cited in the text of `owner`: evidence, if `owner` is a finding.
    fn evidence_in(&mut self, owner: Owner) {
        if let Owner::Finding(i) = owner {
            self.evidence.insert(i);
        }
    }
}

/// Every text of the report, with its owner.
fn texts(report: &Report) -> Vec<(Owner, &Text)> {
    let chapters = report.chapters.iter().enumerate();
    let findings = report.findings.iter().enumerate();
    let testimonies = report.testimonies.iter().enumerate();
    let recommendations = report.recommendations.iter().enumerate();
    chapters
        .map(|(i, c)| (Owner::Chapter(i), &c.body))
        .chain(findings.map(|(i, f)| (Owner::Finding(i), &f.body)))
        .chain(testimonies.map(|(i, t)| (Owner::Testimony(i), &t.text)))
        .chain(recommendations.map(|(i, r)| (Owner::Recommendation(i), &r.text)))
        .collect()
}

/// A text as the checks read it, once: its references and its local links (each with its line
/// and column in the file).
pub(super) struct Read {
    pub refs: Vec<InlineRef>,
    /// The line and column of each of `refs`.
    pub at: Vec<(u32, u32)>,
    /// Each link to a relative file or a `#fragment`, with its line and column.
    pub links: Vec<((u32, u32), String)>,
}

/// Every text of the report read ([`Read`]), side by side, in the order of [`texts`].
pub(super) fn read_all(report: &Report) -> Vec<Read> {
    use rayon::prelude::*;
    texts(report)
        .par_iter()
        .with_max_len(64)
        .map(|(_, text)| {
            let (refs, links) = scan_with_links(&text.markdown);
            // The text's lines indexed only when something in it is to be placed.
            let lines = std::cell::OnceCell::new();
            let at = |offset| {
                let lines = lines.get_or_init(|| crate::parse::LineIndex::new(&text.markdown));
                position(&text.origin, lines, offset)
            };
            Read {
                at: refs.iter().map(|r| at(r.range.start)).collect(),
                links: links.into_iter().map(|(r, t)| (at(r.start), t)).collect(),
                refs,
            }
        })
        .collect()
}

/// The reads of the findings' bodies, in the findings' order.
pub(super) fn findings<'r>(reads: &'r [Read], report: &Report) -> &'r [Read] {
    let start = report.chapters.len();
    &reads[start..start + report.findings.len()]
}

/// The words by which a text says that a state is not bound by an instrument, or discusses its
/// ratification: the `not-bound` words of every built-in locale and of the report's own (an
/// English text's `ratified` or `not a party`, a Russian, Kyrgyz or Kazakh text's `ратификация`),
/// in any text of the report whatever its language, in any case, with either apostrophe. Such a
/// text is about what its state has not ratified: citing it is not a mistake.
pub(super) struct NotBound(Option<aho_corasick::AhoCorasick>);

impl NotBound {
    pub(super) fn new(locale: &crate::locale::Locale) -> NotBound {
        use crate::locale::{BUILTIN_LANGUAGES, Locale};
        let mut words: BTreeSet<String> = locale.not_bound().iter().cloned().collect();
        for l in BUILTIN_LANGUAGES.iter().filter_map(|l| Locale::builtin(l)) {
            words.extend(l.not_bound().iter().cloned());
        }
        let forms: BTreeSet<String> = words
            .iter()
            .filter(|w| !w.trim().is_empty())
            .flat_map(|w| [w.clone(), w.replace('\'', "\u{2019}")])
            .collect();
        NotBound(
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(forms)
                .ok(),
        )
    }

    /// Whether `markdown` uses one of the words (the words are in lower case: a text with
    /// letters outside ASCII is read again in lower case if they are not found as written).
    pub(super) fn in_text(&self, markdown: &str) -> bool {
        self.0.as_ref().is_some_and(|m| {
            m.is_match(markdown)
                || (!markdown.is_ascii() && m.is_match(&crate::text::chars::to_lowercase(markdown)))
        })
    }
}

/// The findings the publication carries (cross-references to others would dangle).
fn published_findings(report: &Report) -> BTreeSet<usize> {
    let mut published = BTreeSet::new();
    for node in &report.outline {
        if let OutlineNode::Part { findings, .. } = node {
            for f in findings {
                published.insert(*f);
                published.extend(report.findings[*f].subs.iter().copied());
            }
        }
    }
    published
}

impl Resolver<'_> {
    /// Inline references in every text: provisions, cross-references, citations, embeds,
    /// figures, footnotes (the texts on all cores, each on a fork of the resolver, the problems
    /// reported in the texts' order); then the recommendations' ratifications, the testimonies
    /// never cited and the findings without evidence (those two only when every record was read).
    pub(super) fn check_texts(
        &mut self,
        raw: &Raw,
        report: &mut Report,
        reads: &[Read],
        not_bound: &NotBound,
    ) {
        // Without an outline (report.yaml unreadable, reported) no finding is known to be left
        // out: none is reported as unpublished.
        let published = match &raw.manifest {
            Some(_) => published_findings(report),
            None => (0..report.findings.len()).collect(),
        };
        let items: Vec<_> = texts(report).into_iter().zip(reads).collect();
        let each = self.check_each(&items, |f, &((owner, text), read)| {
            let mut uses = Uses::default();
            f.check_text(owner, text, read, report, &published, &mut uses);
            uses
        });
        let mut uses = Uses::default();
        for u in each {
            uses.testimonies.extend(u.testimonies);
            uses.evidence.extend(u.evidence);
            uses.provisions.extend(u.provisions);
            uses.cited.extend(u.cited);
        }
        // What each finding and recommendation cites, kept for the outputs' scope.
        for (f, cited) in std::mem::take(&mut uses.cited) {
            report.findings[f].cited = cited;
        }
        for (r, cited) in &uses.provisions {
            report.recommendations[*r].cited = cited.iter().map(|(p, _)| p.clone()).collect();
        }
        let report: &Report = report;
        self.check_invoked_ratified(raw, report, uses.provisions, not_bound);
        if self.incomplete {
            return;
        }
        self.check_unused_testimonies(report, &uses.testimonies);
        self.check_evidence(report, &uses.evidence);
    }
}

impl Fork<'_> {
    /// The local links and inline references of one text of `owner` (what it uses added to
    /// `uses`).
    fn check_text(
        &mut self,
        owner: Owner,
        text: &Text,
        read: &Read,
        report: &Report,
        published: &BTreeSet<usize>,
        uses: &mut Uses,
    ) {
        self.check_local_links(text, &read.links, published);
        for (r, &(line, col)) in read.refs.iter().zip(&read.at) {
            let at = Location::new(&text.origin.file, line, col);
            match &r.kind {
                RefKind::Provision => match self.ds.resolve_citation(&r.target) {
                    Ok(p) => match owner {
                        Owner::Recommendation(i) => {
                            uses.provisions.entry(i).or_default().push((p, at))
                        }
                        Owner::Finding(i) => uses.cited.entry(i).or_default().push(p),
                        _ => {}
                    },
                    Err(e) => self.diags.error("unknown-provision", at, e),
                },
                RefKind::CrossRef => self.check_cross_reference(&r.target, at, published),
                RefKind::Cite { .. } => match self.target(&r.target) {
                    Some(Target::Document(_) | Target::Meeting(_)) => uses.evidence_in(owner),
                    Some(Target::Testimony(t)) => {
                        self.cite_testimony(owner, &report.testimonies[t], t, &at, uses)
                    }
                    _ => self.unknown(
                        "unknown-reference",
                        at,
                        "source",
                        &r.target,
                        &["document", "meeting", "testimony"],
                    ),
                },
                RefKind::Embed { alone } => {
                    self.check_embed(owner, &r.target, *alone, at, report, uses)
                }
                RefKind::Stats { alone } => self.check_stats(&r.target, *alone, at),
                RefKind::FootnoteRef { defined } => self.check_footnote(&r.target, *defined, at),
            }
        }
    }

    /// A Markdown link to a relative file or a `#fragment`: a fragment naming a published
    /// finding, a part, a chapter or a recommendation becomes a cross-reference; any other keeps
    /// its text and loses its link, which the author should know.
    fn check_local_links(
        &mut self,
        text: &Text,
        links: &[((u32, u32), String)],
        published: &BTreeSet<usize>,
    ) {
        for ((line, col), target) in links {
            let labelled = target.strip_prefix('#').and_then(|id| self.ids.get(id));
            let resolved = match labelled {
                Some((Target::Finding(f), _)) => published.contains(f),
                Some((Target::Part(_) | Target::Chapter(_) | Target::Recommendation(_), _)) => true,
                _ => false,
            };
            if !resolved {
                let at = Location::new(&text.origin.file, *line, *col);
                self.diags.push(
                    Diagnostic::warning(
                        "local-link",
                        at,
                        format!("the link to `{target}` is neither a web address nor a part of the report: its text is printed without the link"),
                    )
                    .with_hint("cross-refer to a finding, chapter or recommendation with `[[#id]]`, or give the full `https://` address"),
                );
            }
        }
    }

    /// `[[#id]]` names a finding, part, chapter or recommendation; a finding must be published.
    fn check_cross_reference(&mut self, target: &str, at: Location, published: &BTreeSet<usize>) {
        match self.ids.get(target) {
            Some((Target::Finding(f), _)) if !published.contains(f) => {
                self.diags.push(
                    Diagnostic::error(
                        "unpublished-reference",
                        at,
                        format!("cross-reference to finding `{target}`, which is not in the outline of report.yaml and so is not published"),
                    )
                    .with_hint("place the finding in the outline, or remove the cross-reference"),
                );
            }
            Some((
                Target::Finding(_)
                | Target::Part(_)
                | Target::Chapter(_)
                | Target::Recommendation(_),
                _,
            )) => {}
            _ => self.unknown(
                "unknown-reference",
                at,
                "cross-reference",
                target,
                &["finding", "part", "chapter", "recommendation"],
            ),
        }
    }

    /// A testimony cited or embedded in the text of `owner`: used, evidence for a finding,
    /// and an error if its consent is `internal`.
    fn cite_testimony(
        &mut self,
        owner: Owner,
        t: &Testimony,
        index: usize,
        at: &Location,
        uses: &mut Uses,
    ) {
        uses.testimonies.insert(index);
        self.internal_use(t, at.clone());
        uses.evidence_in(owner);
    }

    /// `![[id]]` embeds a testimony, alone in its paragraph of a chapter or finding.
    fn check_embed(
        &mut self,
        owner: Owner,
        target: &str,
        alone: bool,
        at: Location,
        report: &Report,
        uses: &mut Uses,
    ) {
        let Some(Target::Testimony(t)) = self.target(target) else {
            self.unknown("unknown-reference", at, "testimony", target, &["testimony"]);
            return;
        };
        self.cite_testimony(owner, &report.testimonies[t], t, &at, uses);
        if matches!(owner, Owner::Testimony(_) | Owner::Recommendation(_)) {
            self.diags.error(
                "bad-embed",
                at,
                "a testimony can be embedded only in a chapter or finding body",
            );
        } else if !alone {
            self.diags.push(
                Diagnostic::error(
                    "bad-embed",
                    at,
                    format!("`![[{target}]]` must stand alone in its paragraph"),
                )
                .with_hint(format!(
                    "put a blank line before and after it, or cite it inline with `[@{target}]`"
                )),
            );
        }
    }

    /// `![[stats:interviews]]`, the only figures, alone in its paragraph.
    fn check_stats(&mut self, target: &str, alone: bool, at: Location) {
        if target != "interviews" {
            let msg = with_suggestion(
                format!("unknown figures `stats:{target}`"),
                target,
                ["interviews"],
            );
            self.diags.error("unknown-reference", at, msg);
        } else if !alone {
            self.diags.error(
                "bad-embed",
                at,
                "`![[stats:interviews]]` must stand alone in its paragraph",
            );
        }
    }

    /// `[^label]` has a definition in the same text.
    fn check_footnote(&mut self, label: &str, defined: bool, at: Location) {
        if !defined {
            self.diags.push(
                Diagnostic::error(
                    "unknown-reference",
                    at,
                    format!("footnote `[^{label}]` is never defined"),
                )
                .with_hint(format!("add a line `[^{label}]: ...` to the same text")),
            );
        }
    }

    /// An `internal` testimony cited or embedded in published text is an error.
    fn internal_use(&mut self, t: &Testimony, at: Location) {
        if t.consent == Consent::Internal {
            self.diags.push(
                Diagnostic::error(
                    "consent",
                    at,
                    format!("testimony `{}` has consent `internal`: it may not be cited or embedded in text that is published", t.id),
                )
                .with_hint("cite another testimony, or change the consent level only if the witness agreed to it"),
            );
        }
    }
}

impl Resolver<'_> {
    /// Recommendations that invoke, in their text or `provisions:`, an instrument the addressed
    /// state has not ratified (or an article deleted for it), unless they are about ratification.
    fn check_invoked_ratified(
        &mut self,
        raw: &Raw,
        report: &Report,
        mut inline: BTreeMap<usize, Vec<(ProvisionRef, Location)>>,
        not_bound: &NotBound,
    ) {
        for (i, rec) in report.recommendations.iter().enumerate() {
            let mut cited = inline.remove(&i).unwrap_or_default();
            // The `provisions:` list, each item at its own position.
            if let Some((file, r)) = raw.recommendations.get(i) {
                for s in &r.provisions {
                    if let Ok(p) = self.ds.resolve_citation(&s.value) {
                        cited.push((p, self.loc(file, s)));
                    }
                }
            }
            // A recommendation about ratification (its theme, or its text) invokes what its
            // state has not ratified by design; its text is read only when it cites something.
            let about_ratification = cited.is_empty()
                || rec.theme.as_deref() == Some("ratification")
                || not_bound.in_text(&rec.text.markdown);
            if about_ratification {
                continue;
            }
            let states: BTreeSet<String> = rec
                .to
                .iter()
                .filter_map(|a| report.addressee(a).and_then(|a| a.state.clone()))
                .collect();
            let mut seen = BTreeSet::new();
            for (p, at) in cited {
                for s in &states {
                    let lead = format!("recommendation `{}` invokes", rec.id);
                    self.warn_if_deleted(&lead, &p, s, at.clone());
                    if self.ds.standing(s, &p.instrument).known_not_bound()
                        && seen.insert((s.clone(), p.instrument.clone()))
                    {
                        let msg = format!(
                            "recommendation `{}` invokes {}, which {} has not ratified",
                            rec.id,
                            p.display(),
                            self.state_name(s)
                        );
                        let mut d = Diagnostic::warning("not-ratified", at.clone(), msg).with_hint(
                            format!(
                                "recommend that {} ratify {} as well (theme `ratification`)",
                                self.state_name(s),
                                p.instrument
                            ),
                        );
                        if let Some(n) = self.ds.standing(s, &p.instrument).inferred_note() {
                            d = d.with_note(n);
                        }
                        self.diags.push(d);
                    }
                }
            }
        }
    }

    /// Testimonies never cited nor embedded. An internal testimony is meant to stay
    /// unpublished: the witness review (`rapporteur audit`) says it is not cited.
    fn check_unused_testimonies(&mut self, report: &Report, used: &BTreeSet<usize>) {
        for (i, t) in report.testimonies.iter().enumerate() {
            if !used.contains(&i) && t.consent != Consent::Internal {
                let at = self.defined_at(&t.id, Location::new(&t.file, t.line, 5));
                self.diags.warning(
                    "unused-testimony",
                    at,
                    format!("testimony `{}` is never embedded or cited", t.id),
                );
            }
        }
    }

    /// Findings that cite neither a testimony nor a source (themselves or a sub-finding).
    fn check_evidence(&mut self, report: &Report, evidence: &BTreeSet<usize>) {
        for (i, f) in report.findings.iter().enumerate() {
            let has = evidence.contains(&i) || f.subs.iter().any(|s| evidence.contains(s));
            if !has {
                let at = self.defined_at(&f.id, Location::new(&f.file, 1, 1));
                self.diags.push(
                    Diagnostic::warning("no-evidence", at, format!("finding `{}` cites neither a testimony nor a source", f.id))
                        .with_hint("embed a testimony with `![[id]]` or cite a document or meeting with `[@id]`"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NotBound;
    use crate::locale::Locale;

    #[test]
    fn a_text_says_a_state_is_not_bound_by_the_words_of_any_built_in_locale_in_any_case() {
        let words = NotBound::new(&Locale::default());
        let says = [
            "ratif",
            "has not RaTiFiEd it",
            "the ratification of C189",
            "Ратифицировала RATIFY",
            "ратификациялоо",
            "РАТИФИКАЦИЯЛАУ",
            "Kazakhstan has not acceded to the Convention",
            "Kazakhstan is not a party to the ICRMW",
            "Kazakhstan, NOT A STATE PARTY,",
            "Казахстан не является участником МКПТМ",
            "Казахстан НЕ ЯВЛЯЕТСЯ ГОСУДАРСТВОМ-УЧАСТНИКОМ",
            "le Kazakhstan n'est pas partie",
            "le Kazakhstan n\u{2019}est pas partie",
            "N\u{2019}EST PAS LIÉ",
            "n'est pas un État partie",
            "Kazajstán no es Estado parte",
            "la adhesión a la Convención",
        ];
        for t in says {
            assert!(words.in_text(t), "{t:?}");
        }
        let silent = [
            "",
            "r",
            "rati f",
            "ratio",
            "the ratio of workers to inspectors",
            "RATİF",
            "rat\u{0130}f",
            "рабочие мигранты",
            "a partly paid wage",
            "\u{FB00}rati",
        ];
        for t in silent {
            assert!(!words.in_text(t), "{t:?}");
        }
    }

    #[test]
    fn a_locale_without_words_still_reads_the_built_in_ones() {
        let mut diags = crate::diagnostic::Diagnostics::default();
        let project = [crate::load::SourceFile {
            path: "locales/ky.yaml".into(),
            text: "language: ky\nname: Кыргызча\nnot-bound: [\"катышуучусу эмес\"]\n".into(),
        }];
        let ky = Locale::for_report("ky", &project, &mut diags);
        let words = NotBound::new(&ky);
        assert!(words.in_text("Кыргызстан конвенциянын катышуучусу эмес"));
        assert!(words.in_text("ратификациялоо"));
        assert!(words.in_text("not a party"));
        assert!(!words.in_text("Кыргызстан"));
    }
}
