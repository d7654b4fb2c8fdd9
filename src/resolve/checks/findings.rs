//! The checks of findings: a project without finding files, each finding's states, themes,
//! provisions and period, and the provisions it lists against the roles its states play.

use super::super::fork::Fork;
use super::super::{Raw, Resolver, roles};
use crate::conventions::lookup::ProvisionRef;
use crate::diagnostic::{Diagnostic, Location};
use crate::model::raw;
use crate::model::resolved::Report;
use crate::parse::date::PartialDate;

/// "is the State of origin", "is the State of employment or transit".
fn role_phrase(roles: &[crate::conventions::Role]) -> String {
    use crate::conventions::Role;
    match roles {
        [Role::Origin] => "is the State of origin".into(),
        [Role::Transit, Role::Employment] => "is the State of employment or transit".into(),
        r => format!(
            "is the {}",
            r.iter()
                .map(|r| r.label())
                .collect::<Vec<_>>()
                .join(" or the ")
        ),
    }
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// What the checks of one finding's front matter resolve.
struct Resolved {
    states: Vec<String>,
    concerned: Vec<String>,
    concern: Option<String>,
    themes: Vec<String>,
    provisions: Vec<ProvisionRef>,
    period: Option<(PartialDate, Option<PartialDate>)>,
}

impl Fork<'_> {
    /// One finding's front matter resolved and checked.
    fn finding(&mut self, file: &str, fm: &raw::FindingFront) -> Resolved {
        let states: Vec<String> = raw::one_or_many(fm.state.clone())
            .iter()
            .filter_map(|s| self.state(file, s))
            .collect();
        let mut themes = vec![];
        for t in &fm.themes {
            themes.extend(self.theme(file, t));
        }
        let mut provisions = vec![];
        for p in &fm.provisions {
            if let Some(pr) = self.provision(file, p) {
                for s in &states {
                    let lead = format!("finding `{}` lists", fm.id.value);
                    self.warn_if_deleted(&lead, &pr, s, self.loc(file, p));
                }
                provisions.push(pr);
            }
        }
        let concerned: Vec<String> = raw::one_or_many(fm.migrants_from.clone())
            .iter()
            .filter_map(|s| self.state(file, s))
            .collect();
        let period = fm.period.as_ref().and_then(|p| {
            let from = self.date(file, &p.from)?;
            let to = p.to.as_ref().and_then(|t| self.date(file, t));
            Some((from, to))
        });
        let concern = fm
            .concern
            .as_ref()
            .map(|c| c.value.trim().to_string())
            .filter(|c| !c.is_empty());
        Resolved {
            states,
            concerned,
            concern,
            themes,
            provisions,
            period,
        }
    }
}

impl Resolver<'_> {
    /// A project whose outline names findings but that has no finding file at all (an empty or
    /// missing `findings/`) gets one error, not one per reference.
    pub(super) fn check_no_findings(&mut self, raw: &Raw, report: &Report) {
        let Some((file, m)) = &raw.manifest else {
            return;
        };
        if !report.findings.is_empty() || self.finding_files > 0 {
            return;
        }
        let mut named = vec![];
        for item in &m.outline {
            if let raw::OutlineItem::Entry(e) = &item.value {
                for f in &e.findings {
                    named.push(f.value.id.value.clone());
                    named.extend(f.value.sub.iter().map(|s| s.value.clone()));
                }
            }
        }
        if named.is_empty() {
            return;
        }
        self.diags.push(
            Diagnostic::error(
                "no-findings",
                Location::new(file, 1, 1),
                format!(
                    "the outline names {} finding{}, but `findings/` holds no finding file",
                    named.len(),
                    if named.len() == 1 { "" } else { "s" }
                ),
            )
            .with_hint(
                "findings are Markdown files with front matter in `findings/` (one per finding)",
            ),
        );
        self.broken_ids.extend(named);
        for (_, r) in &raw.recommendations {
            self.broken_ids
                .extend(r.findings.iter().map(|f| f.value.clone()));
        }
        self.incomplete = true;
    }

    /// Each finding's states, themes, provisions (and articles deleted for its states), the
    /// migrants' states of origin, its concern and its period: the findings on all cores (each
    /// on a fork of the resolver, the problems reported in the findings' order).
    pub(super) fn check_findings(&mut self, raw: &Raw, report: &mut Report) {
        let resolved = self.check_each(&raw.findings, |f, (file, fm, off)| {
            f.line_offset = *off;
            f.finding(file, fm)
        });
        for (f, r) in report.findings.iter_mut().zip(resolved) {
            f.states = r.states;
            f.concerned = r.concerned;
            f.concern = r.concern;
            f.themes = r.themes;
            f.provisions = r.provisions;
            f.period = r.period;
        }
    }

    /// The states each finding concerns (declared, else the speakers' nationalities), then the
    /// provisions it lists checked against the roles its states appear in: an article that binds
    /// none of them in their role, or binds only states that are not party, is a warning.
    pub(super) fn check_roles(
        &mut self,
        raw: &Raw,
        report: &mut Report,
        reads: &[super::texts::Read],
        not_bound: &super::texts::NotBound,
    ) {
        let derived: Vec<Option<Vec<String>>> = {
            use rayon::prelude::*;
            let report = &*report;
            reads
                .par_iter()
                .with_max_len(64)
                .zip(&report.findings)
                .map(|(read, f)| {
                    f.concerned
                        .is_empty()
                        .then(|| roles::speakers_nationalities(report, &read.refs))
                })
                .collect()
        };
        for (f, derived) in report.findings.iter_mut().zip(derived) {
            if let Some(derived) = derived {
                f.concerned = derived;
            }
        }
        let items: Vec<_> = raw
            .findings
            .iter()
            .zip(&report.findings)
            .zip(reads)
            .collect();
        self.check_each(&items, |fork, &((&(ref file, ref fm, off), f), _)| {
            fork.line_offset = off;
            fork.roles(file, fm, f, not_bound)
        });
    }
}

impl Fork<'_> {
    /// The provisions finding `f` lists (`fm`, its front matter) against the roles its states
    /// play; a state not party is no mistake where the text says so (`not_bound`, read only
    /// then).
    fn roles(
        &mut self,
        file: &str,
        fm: &raw::FindingFront,
        f: &crate::model::resolved::Finding,
        not_bound: &super::texts::NotBound,
    ) {
        let mut says_not_bound = None;
        for p in &fm.provisions {
            let Ok(pr) = self.ds.resolve_citation(&p.value) else {
                continue;
            };
            let at = self.loc(file, p);
            match roles::provision_misfit(self.ds, f, &pr) {
                Some(roles::Misfit::NotParty(states))
                    if !*says_not_bound
                        .get_or_insert_with(|| not_bound.in_text(&f.body.markdown)) =>
                {
                    for s in states {
                        let msg = format!(
                            "finding `{}` lists {} among the provisions engaged, but {} has not ratified {}",
                            fm.id.value,
                            pr.display(),
                            self.state_name(&s),
                            pr.instrument
                        );
                        let mut d = Diagnostic::warning("not-ratified", at.clone(), msg).with_hint(
                            "say in the text that the state is not bound, or cite a provision that binds it",
                        );
                        if let Some(n) = self.ds.standing(&s, &pr.instrument).inferred_note() {
                            d = d.with_note(n);
                        }
                        self.diags.push(d);
                    }
                }
                Some(roles::Misfit::WrongRole { binds, appears }) => {
                    let binds: Vec<&str> = binds.iter().map(|r| r.label()).collect();
                    let appears: Vec<String> = appears
                        .iter()
                        .map(|(s, r)| format!("{} {}", self.state_name(s), role_phrase(r)))
                        .collect();
                    let msg = format!(
                        "finding `{}` lists {}, which binds only the {}; in this finding {}",
                        fm.id.value,
                        pr.display(),
                        binds.join(" or the "),
                        join_and(&appears)
                    );
                    self.diags.push(Diagnostic::warning("wrong-role", at, msg).with_hint(
                            "cite the article that binds the state in its role (`rapporteur conventions ICRMW N` says which roles an article binds), or correct `state:` or `migrants_from:`",
                        ));
                }
                _ => {}
            }
        }
    }
}
