//! The check of the outline of report.yaml: its chapters, parts (with their intro and
//! findings, each placed once) and generated annexes, then what the outline leaves out.

use super::super::{Raw, Resolver};
use crate::diagnostic::{Diagnostic, Location, with_suggestion};
use crate::model::raw::Spanned;
use crate::model::raw::{self, OutlineEntry, OutlineItem};
use crate::model::resolved::*;
use std::collections::{BTreeMap, BTreeSet};

/// What the walk down the outline has placed so far.
struct Walk {
    /// The project's chapter files, in order (what `chapter:` and `intro:` name).
    chapter_files: Vec<String>,
    /// Each finding placed, and where.
    findings: BTreeMap<String, Location>,
    /// The chapters placed, as chapters or as a part's intro.
    chapters: BTreeSet<usize>,
    /// The parts so far (the next part's index).
    parts: usize,
}

/// The hint for an outline entry that is none of the kinds.
const ENTRY_KINDS: &str =
    "entries are `chapter: FILE`, `part: TITLE`, `annex: NAME` or `recommendations`";

/// The location of a YAML node of `file`.
fn at(file: &str, at: crate::model::raw::Location) -> Location {
    Location::new(file, at.line(), at.column())
}

impl Resolver<'_> {
    /// The outline's entries resolved into `report.outline`, in order.
    pub(super) fn check_outline(&mut self, raw: &Raw, report: &mut Report) {
        let Some((file, m)) = &raw.manifest else {
            return;
        };
        let mut walk = Walk {
            chapter_files: report.chapters.iter().map(|c| c.file.clone()).collect(),
            findings: BTreeMap::new(),
            chapters: BTreeSet::new(),
            parts: 0,
        };
        for item in &m.outline {
            let item_at = at(file, item.referenced);
            match &item.value {
                OutlineItem::Word(w) if w == "recommendations" => {
                    report.outline.push(OutlineNode::Recommendations)
                }
                OutlineItem::Word(w) => {
                    let msg = with_suggestion(
                        format!("unknown outline entry `{w}`"),
                        w,
                        ["recommendations"],
                    );
                    self.diags.push(
                        Diagnostic::error("bad-outline", item_at, msg).with_hint(ENTRY_KINDS),
                    );
                }
                OutlineItem::Entry(e) => self.outline_entry(file, e, item_at, &mut walk, report),
            }
        }
        self.check_left_out(report, &walk);
    }

    /// One mapping of the outline: a chapter, a part or an annex.
    fn outline_entry(
        &mut self,
        file: &str,
        e: &OutlineEntry,
        item_at: Location,
        walk: &mut Walk,
        report: &mut Report,
    ) {
        for k in &e.unknown {
            let at = self.loc(file, k);
            let msg = with_suggestion(
                format!("unknown outline key `{}`", k.value),
                &k.value,
                [
                    "chapter", "part", "id", "intro", "findings", "numbered", "annex",
                ],
            );
            self.diags.error("bad-outline", at, msg);
        }
        if let Some(c) = &e.chapter {
            if let Some(idx) = self.chapter_index(file, c, &walk.chapter_files) {
                walk.chapters.insert(idx);
                report.outline.push(OutlineNode::Chapter(idx));
            }
        } else if let Some(title) = &e.part {
            let part = self.outline_part(file, e, title, item_at, walk, report);
            report.outline.push(part);
        } else if let Some(a) = &e.annex {
            let annex = self.annex(file, a);
            report.outline.extend(annex.map(OutlineNode::Annex));
        } else if e.unknown.is_empty() {
            self.diags.push(
                Diagnostic::error("bad-outline", item_at, "empty outline entry")
                    .with_hint(ENTRY_KINDS),
            );
        }
    }

    /// A part: its intro chapter (which takes the part's title if it has none), its id, and
    /// its findings with their sub-findings.
    fn outline_part(
        &mut self,
        file: &str,
        e: &OutlineEntry,
        title: &raw::S,
        item_at: Location,
        walk: &mut Walk,
        report: &mut Report,
    ) -> OutlineNode {
        let intro = e
            .intro
            .as_ref()
            .and_then(|c| self.chapter_index(file, c, &walk.chapter_files));
        if let Some(i) = intro {
            walk.chapters.insert(i);
            // An intro need not repeat the part's title.
            if report.chapters[i].title.is_empty() {
                report.chapters[i].title = title.value.clone();
            }
        }
        if let Some(id) = &e.id {
            let at = self.loc(file, id);
            self.register(&id.value, Target::Part(walk.parts), at);
            report
                .index
                .insert(id.value.clone(), Target::Part(walk.parts));
        }
        walk.parts += 1;
        let findings = self.part_findings(file, &e.findings, walk, report);
        if findings.is_empty() && e.findings.is_empty() && intro.is_none() {
            self.diags.warning(
                "empty-part",
                item_at,
                format!("part `{}` has no findings and no intro", title.value),
            );
        }
        OutlineNode::Part {
            id: e.id.as_ref().map(|i| i.value.clone()),
            title: title.value.clone(),
            intro,
            findings,
            numbered: e.numbered.as_ref().is_none_or(|n| n.value),
        }
    }

    /// The findings a part lists, each placed once, its sub-findings linked to it.
    fn part_findings(
        &mut self,
        file: &str,
        listed: &[Spanned<raw::FindingRef>],
        walk: &mut Walk,
        report: &mut Report,
    ) -> Vec<usize> {
        let mut findings = vec![];
        for fr in listed {
            let fr_at = at(file, fr.referenced);
            let Some(top) = self.place_finding(file, &fr.value.id, &fr_at, walk) else {
                // A finding unknown or unreadable (reported): its sub-findings are still placed
                // where the author placed them, not reported as left out of the outline.
                for s in &fr.value.sub {
                    findings.extend(self.place_finding(file, s, &fr_at, walk));
                }
                continue;
            };
            findings.push(top);
            for s in &fr.value.sub {
                if let Some(sub) = self.place_finding(file, s, &fr_at, walk) {
                    report.findings[sub].parent = Some(top);
                    report.findings[top].subs.push(sub);
                }
            }
        }
        findings
    }

    /// A generated annex, by name.
    fn annex(&mut self, file: &str, a: &raw::S) -> Option<Annex> {
        match a.value.as_str() {
            "ratifications" => Some(Annex::Ratifications),
            "meetings" => Some(Annex::Meetings),
            "authorities" => Some(Annex::Authorities),
            other => {
                let at = self.loc(file, a);
                let msg = with_suggestion(
                    format!("unknown annex `{other}`"),
                    other,
                    ["ratifications", "meetings", "authorities"],
                );
                self.diags
                    .push(Diagnostic::error("bad-outline", at, msg).with_hint(
                        "generated annexes are `ratifications`, `meetings` and `authorities`",
                    ));
                None
            }
        }
    }

    /// Chapters without a title, and the findings and chapters the outline does not place
    /// (they are not published).
    fn check_left_out(&mut self, report: &Report, walk: &Walk) {
        for c in report.chapters.iter().filter(|c| c.title.is_empty()) {
            self.diags.error(
                "missing-title",
                Location::new(&c.file, 1, 1),
                "chapter has no title: add `title:` in front matter or start it with a `# Heading` (only a part's intro takes the part's title)",
            );
        }
        for f in &report.findings {
            if !walk.findings.contains_key(&f.id) {
                let at = self.defined_at(&f.id, Location::new(&f.file, 1, 1));
                self.diags.warning(
                    "not-in-outline",
                    at,
                    format!(
                        "finding `{}` is not in the outline of report.yaml, so it is not published",
                        f.id
                    ),
                );
            }
        }
        for (i, c) in report.chapters.iter().enumerate() {
            if !walk.chapters.contains(&i) {
                self.diags.warning(
                    "not-in-outline",
                    Location::new(&c.file, 1, 1),
                    format!(
                        "chapter `{}` is not in the outline of report.yaml, so it is not published",
                        c.file
                    ),
                );
            }
        }
    }

    /// The index of the chapter file `c` names (a leading `./` aside).
    fn chapter_index(&mut self, file: &str, c: &raw::S, chapter_files: &[String]) -> Option<usize> {
        let want = c.value.trim_start_matches("./");
        if let Some(i) = chapter_files.iter().position(|f| f == want) {
            return Some(i);
        }
        let at = self.loc(file, c);
        let msg = with_suggestion(
            format!("no chapter file `{want}` in the project"),
            want,
            chapter_files.iter().map(String::as_str),
        );
        self.diags.error("unknown-reference", at, msg);
        None
    }

    /// The index of the finding `id` names, placed at most once in the outline (`fallback`
    /// locates a sub-finding, whose id has no position of its own).
    fn place_finding(
        &mut self,
        file: &str,
        id: &raw::S,
        fallback: &Location,
        walk: &mut Walk,
    ) -> Option<usize> {
        let at = if id.referenced == crate::model::raw::Location::UNKNOWN {
            fallback.clone()
        } else {
            self.loc(file, id)
        };
        let Some((Target::Finding(idx), _)) = self.ids.get(&id.value).cloned() else {
            self.unknown("unknown-reference", at, "finding", &id.value, &["finding"]);
            return None;
        };
        if let Some(prev) = walk.findings.get(&id.value) {
            self.diags.error(
                "duplicate-placement",
                at,
                format!(
                    "finding `{}` is already placed in the outline at line {}",
                    id.value, prev.line
                ),
            );
            return None;
        }
        walk.findings.insert(id.value.clone(), at);
        Some(idx)
    }
}
