//! Received recommendations (`received/*.yaml`): the document's symbol and body, the state, the
//! UPR cycle, each recommendation's paragraph, recommending states, response, themes, SDG
//! targets and assessment, checked with positions; then which documents are under review (the
//! latest of each body for each state) and which of their recommendations have no assessment.

use super::Resolver;
use crate::diagnostic::{Diagnostic, with_suggestion};
use crate::model::raw::{self, Implementation, S};
use crate::model::resolved::{Assessment, Received, ReceivedDocument, Report};
use crate::parse::symbol;
use std::collections::BTreeMap;

/// States that make UPR recommendations without being UN members (observers).
const OBSERVERS: [(&str, &str); 2] = [("VAT", "Holy See"), ("PSE", "State of Palestine")];

/// The name of a recommending state: the dataset's, or an observer's.
pub fn state_name<'a>(ds: &'a crate::conventions::Dataset, code: &str) -> Option<&'a str> {
    ds.state(code)
        .map(|s| s.name.as_str())
        .or_else(|| OBSERVERS.iter().find(|(c, _)| *c == code).map(|(_, n)| *n))
}

/// The code of a recommending state named as UPR Info or OHCHR name it (`Russian Federation`),
/// or written as a code.
pub fn state_code(ds: &crate::conventions::Dataset, name: &str) -> Option<String> {
    let n = name.trim();
    if ds.state(n).is_some() || OBSERVERS.iter().any(|(c, _)| *c == n) {
        return Some(n.to_string());
    }
    // The dataset's names, names in other languages and aliases (`Turkey`, `Iran`, `US`), in the
    // one folding `conventions import` uses: case, accents, punctuation and `the` aside.
    let wanted = crate::conventions::import::name_key(n);
    ds.states
        .values()
        .find(|s| {
            std::iter::once(&s.name)
                .chain(s.names.values())
                .chain(s.aliases.iter())
                .any(|x| crate::conventions::import::name_key(x) == wanted)
        })
        .map(|s| s.code.clone())
        .or_else(|| {
            OBSERVERS
                .iter()
                .find(|(_, x)| crate::conventions::import::name_key(x) == wanted)
                .map(|(c, _)| c.to_string())
        })
}

/// An SDG goal (`16`) or target (`8.7`, `16.a`): OHCHR's thematic lists give goals, UPR Info and
/// IMPACT OSS targets.
pub fn is_sdg(s: &str) -> bool {
    let (goal, target) = s.split_once('.').unwrap_or((s, ""));
    let goal_ok =
        !goal.starts_with('0') && goal.parse::<u32>().is_ok_and(|g| (1..=17).contains(&g));
    goal_ok
        && (target.is_empty()
            || target.parse::<u32>().is_ok_and(|t| (1..=20).contains(&t))
            || (target.len() == 1 && target.bytes().all(|b| b.is_ascii_lowercase())))
}

impl Resolver<'_> {
    pub(crate) fn load_received(&mut self, file: &str, r: raw::ReceivedFile, report: &mut Report) {
        self.line_offset = 0;
        let Some(doc) = self.received_document(file, &r) else {
            return;
        };
        let upr = doc.upr;
        let index = report.received_documents.len();
        report.received_documents.push(doc);
        let mut seen: BTreeMap<String, crate::diagnostic::Location> = BTreeMap::new();
        let total = r.recommendations.len();
        let mut unnumbered = vec![];
        for rec in r.recommendations {
            let at = self.loc(file, &rec.text);
            let paragraph = rec.paragraph.as_ref().and_then(|p| {
                let here = self.loc(file, p);
                match symbol::paragraph(&p.value) {
                    Ok(n) => {
                        if let Some(first) = seen.get(&n) {
                            self.diags.error(
                                "duplicate-paragraph",
                                here,
                                format!(
                                    "paragraph {n} is already listed at line {} of this file",
                                    first.line
                                ),
                            );
                        } else {
                            seen.insert(n.clone(), here);
                        }
                        Some(n)
                    }
                    Err(e) => {
                        self.diags.error("bad-paragraph", here, e);
                        None
                    }
                }
            });
            if rec.paragraph.is_none() {
                unnumbered.push(at.clone());
            }
            let state = report.received_documents[index].state.clone();
            let received = self.received_recommendation(file, rec, (upr, &state), index);
            report.received.push(Received {
                paragraph,
                ..received
            });
        }
        self.warn_unnumbered(&unnumbered, total);
    }

    /// One warning per document for its recommendations without a paragraph number (an export
    /// that carries none would otherwise give one per row), at the first of them.
    fn warn_unnumbered(&mut self, unnumbered: &[crate::diagnostic::Location], total: usize) {
        let Some(first) = unnumbered.first() else {
            return;
        };
        let message = if unnumbered.len() == 1 {
            "this recommendation has no `paragraph:`: it cannot be cited by number".to_string()
        } else {
            let lines: Vec<String> = unnumbered.iter().map(|l| l.line.to_string()).collect();
            format!(
                "{} of the {total} recommendations of this document have no `paragraph:` and cannot be cited by number (lines {})",
                unnumbered.len(),
                lines.join(", ")
            )
        };
        self.diags.push(
            Diagnostic::warning("no-paragraph", first.clone(), message)
                .with_hint("add the number the document gives each (`140.7`, `23(a)`)"),
        );
    }

    fn received_document(&mut self, file: &str, r: &raw::ReceivedFile) -> Option<ReceivedDocument> {
        let at = self.loc(file, &r.document);
        let (sym, body) = match self.ds.document(&r.document.value) {
            Ok((s, b)) => (s, b.id.clone()),
            Err(e) => {
                self.diags.error("bad-symbol", at, e);
                return None;
            }
        };
        let state = self.state(file, &r.state)?;
        if let Some(s) = &sym.state
            && *s != state
        {
            let here = self.loc(file, &r.state);
            self.diags.error(
                "state-mismatch",
                here,
                format!("`{}` concerns {s}, not {state}", sym.text),
            );
        }
        let upr = sym.is_upr();
        if upr && r.cycle.is_none() {
            self.diags.push(
                Diagnostic::error(
                    "missing-field",
                    at.clone(),
                    "a UPR document needs `cycle:` (1, 2, 3 or 4): the assessment is asked per cycle",
                )
                .with_hint("the third cycle ran from 2017 to 2022, the fourth from 2022"),
            );
        }
        if let Some(c) = &r.cycle
            && (!upr || !(1..=9).contains(&c.value))
        {
            let here = self.loc(file, c);
            let msg = if upr {
                format!(
                    "cycle {} is out of range: UPR cycles are numbered from 1",
                    c.value
                )
            } else {
                "`cycle:` is for UPR documents; a treaty body's document has a `session:`".into()
            };
            self.diags.error("bad-value", here, msg);
        }
        let responses = r
            .responses
            .as_ref()
            .and_then(|s| self.response_source(file, s, upr));
        let date = r.date.as_ref().and_then(|d| self.date(file, d));
        Some(ReceivedDocument {
            file: file.to_string(),
            url: symbol::official_url(&sym.text),
            symbol: sym.text,
            body,
            upr,
            state,
            cycle: r.cycle.as_ref().map(|c| c.value),
            session: r.session.as_ref().map(|s| s.value),
            date,
            responses,
            reviewed: false,
        })
    }

    /// A symbol where responses were given (the outcome's addendum, or a later document).
    fn response_source(&mut self, file: &str, s: &S, upr: bool) -> Option<String> {
        let at = self.loc(file, s);
        if !upr {
            self.diags.error(
                "bad-value",
                at,
                "responses are given to UPR recommendations; a treaty body's recommendations have none",
            );
            return None;
        }
        match self.ds.document(&s.value) {
            Ok((sym, _)) => Some(sym.text),
            Err(e) => {
                self.diags.error("bad-symbol", at, e);
                None
            }
        }
    }

    fn received_recommendation(
        &mut self,
        file: &str,
        rec: raw::ReceivedRecommendation,
        (upr, state): (bool, &str),
        document: usize,
    ) -> Received {
        let at = self.loc(file, &rec.text);
        let by = self.recommending_states(file, &rec.by, upr);
        if let Some(r) = &rec.response
            && !upr
        {
            let here = self.loc(file, r);
            self.diags.error(
                "bad-value",
                here,
                "a state responds to UPR recommendations (supported or noted); a treaty body's have no response",
            );
        }
        let response_in = rec
            .response_in
            .as_ref()
            .and_then(|s| self.response_source(file, s, upr));
        if let Some(a) = &rec.action
            && !(1..=5).contains(&a.value)
        {
            let here = self.loc(file, a);
            self.diags.error(
                "bad-value",
                here,
                format!(
                    "action category {} is out of range: UPR Info's categories run from 1 (minimal action) to 5 (specific action)",
                    a.value
                ),
            );
        }
        let mut themes = vec![];
        for t in &rec.themes {
            themes.extend(self.theme(file, t));
        }
        let sdg = self.sdg_targets(file, &rec.sdg);
        let assessment = rec
            .assessment
            .as_ref()
            .map(|a| self.assessment(file, a, state));
        Received {
            document,
            paragraph: None,
            text: rec.text.value.trim().to_string(),
            paraphrased: rec.paraphrased,
            by,
            response: rec.response.map(|r| r.value),
            response_in,
            action: rec.action.map(|a| a.value),
            themes,
            issues: rec.issues,
            groups: rec.groups,
            sdg,
            assessment,
            file: file.to_string(),
            line: at.line,
            col: at.col,
        }
    }

    /// The states that made a UPR recommendation (`by:`), as codes; a treaty body's
    /// recommendation has none.
    fn recommending_states(&mut self, file: &str, by_states: &[raw::S], upr: bool) -> Vec<String> {
        if !upr && !by_states.is_empty() {
            let here = self.loc(file, &by_states[0]);
            self.diags.error(
                "bad-value",
                here,
                "`by:` names the recommending states of UPR recommendations; a treaty body recommends on its own",
            );
        }
        let mut by = vec![];
        for s in by_states {
            match state_code(self.ds, &s.value) {
                Some(c) => by.push(c),
                None => {
                    let here = self.loc(file, s);
                    let msg = with_suggestion(
                        format!(
                            "unknown recommending state `{}` (ISO 3166-1 alpha-3 codes, or VAT and PSE for the observers)",
                            s.value
                        ),
                        &s.value.to_uppercase(),
                        self.ds.states.keys().map(String::as_str),
                    );
                    self.diags.error("unknown-state", here, msg);
                }
            }
        }
        by
    }

    /// The SDG goals and targets a recommendation is linked to.
    fn sdg_targets(&mut self, file: &str, targets: &[raw::S]) -> Vec<String> {
        let mut sdg = vec![];
        for t in targets {
            if is_sdg(&t.value) {
                sdg.push(t.value.clone());
            } else {
                let here = self.loc(file, t);
                self.diags.error(
                    "bad-value",
                    here,
                    format!(
                        "`{}` is not an SDG goal or target: a goal (1-17), or a goal, a dot and the target (`8.7`, `16.a`)",
                        t.value
                    ),
                );
            }
        }
        sdg
    }

    /// An assessment: its findings must exist; a status other than "no information" needs the
    /// findings that show it (or, for a recommendation to ratify, the instrument, whose status for
    /// the state the dataset records and which must agree with the status) and a reason.
    fn assessment(&mut self, file: &str, a: &raw::RawAssessment, state: &str) -> Assessment {
        let mut findings = vec![];
        for f in &a.findings {
            if matches!(
                self.ids.get(&f.value),
                Some((crate::model::resolved::Target::Finding(_), _))
            ) {
                findings.push(f.value.clone());
            } else {
                let at = self.loc(file, f);
                self.unknown("unknown-reference", at, "finding", &f.value, &["finding"]);
            }
        }
        let ratification = a
            .ratification
            .as_ref()
            .and_then(|r| self.ratification_evidence(file, r, a.status.value, state));
        let status = a.status.value;
        if status != Implementation::NoInformation {
            let at = self.loc(file, &a.status);
            if a.findings.is_empty() && a.ratification.is_none() {
                self.diags.push(
                    Diagnostic::error(
                        "unsupported-assessment",
                        at.clone(),
                        format!(
                            "`{}` needs the findings that show it (`findings: [...]`)",
                            status.label().to_lowercase()
                        ),
                    )
                    .with_hint("where no finding speaks to it, the status is `no-information`; for a recommendation to ratify, `ratification: <instrument>` lets the dataset show it"),
                );
            }
            if a.reason.as_ref().is_none_or(|r| r.value.trim().is_empty()) {
                self.diags.error(
                    "unsupported-assessment",
                    at,
                    "an assessment gives a short `reason:` (what the findings show)",
                );
            }
        }
        Assessment {
            status,
            findings,
            ratification,
            reason: a.reason.as_ref().map(|r| r.value.trim().to_string()),
        }
    }

    /// `ratification: ICRMW`: the instrument must exist, and the state's standing in the dataset
    /// must agree with the status (implemented: a party; not implemented: not a party). Returns
    /// the instrument's id.
    fn ratification_evidence(
        &mut self,
        file: &str,
        r: &crate::model::raw::S,
        status: Implementation,
        state: &str,
    ) -> Option<String> {
        use crate::conventions::Status;
        let at = self.loc(file, r);
        let Some(inst) = self.ds.instrument(&r.value) else {
            let names: Vec<&str> = self.ds.instrument_names().collect();
            self.diags.error(
                "unknown-provision",
                at,
                crate::diagnostic::with_suggestion(
                    format!("unknown instrument `{}`", r.value),
                    &r.value,
                    names,
                ),
            );
            return None;
        };
        let standing = self.ds.standing(state, &inst.id).status;
        let agrees = match status {
            Implementation::Implemented => standing == Status::Party,
            Implementation::NotImplemented | Implementation::PartiallyImplemented => {
                matches!(
                    standing,
                    Status::NotParty | Status::Signatory | Status::Denounced
                )
            }
            Implementation::NoInformation => true,
        };
        if !agrees {
            let said = match standing {
                Status::Party => "a party to",
                Status::Signatory => "a signatory (not a party) of",
                Status::NotParty => "not a party to",
                Status::Denounced => "no longer a party to (denounced)",
                Status::Unknown => "of unknown standing (no fact in the dataset) for",
            };
            self.diags.push(
                Diagnostic::error(
                    "unsupported-assessment",
                    at,
                    format!(
                        "the dataset records {state} as {said} {}, which does not show `{}`",
                        inst.id,
                        status.label().to_lowercase()
                    ),
                )
                .with_hint("check the status, or the dataset's ratification fact (`rapporteur conventions --state <STATE>`)"),
            );
        }
        Some(inst.id.clone())
    }

    /// Marks the documents under review (the latest UPR cycle, the concluding observations on the
    /// latest report, of each body for each state) and warns on their recommendations with no
    /// assessment.
    pub(crate) fn mark_reviewed(&mut self, report: &mut Report) {
        let rank = |d: &ReceivedDocument| {
            if d.upr {
                d.cycle.unwrap_or(0)
            } else {
                symbol::parse(&d.symbol)
                    .ok()
                    .and_then(|s| s.report_number())
                    .unwrap_or(0)
            }
        };
        let mut latest: BTreeMap<(String, String), u32> = BTreeMap::new();
        for d in &report.received_documents {
            let e = latest.entry((d.body.clone(), d.state.clone())).or_default();
            *e = (*e).max(rank(d));
        }
        for d in &mut report.received_documents {
            d.reviewed = latest.get(&(d.body.clone(), d.state.clone())) == Some(&rank(d));
        }
        for r in &report.received {
            let d = &report.received_documents[r.document];
            if d.reviewed && r.assessment.is_none() {
                let at = crate::diagnostic::Location::new(&r.file, r.line, r.col);
                let what = match &r.paragraph {
                    Some(p) => format!("{} para. {p}", d.symbol),
                    None => d.symbol.clone(),
                };
                self.diags.push(
                    Diagnostic::warning(
                        "no-assessment",
                        at,
                        format!("{what} has no assessment, and its implementation is under review"),
                    )
                    .with_hint("add `assessment:` with a status, the findings that show it and a reason; `status: no-information` where no finding speaks to it"),
                );
            }
        }
    }
}
