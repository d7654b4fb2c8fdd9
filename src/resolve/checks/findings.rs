//! The checks of findings: a project without finding files, each finding's states, themes,
//! provisions and period, and the provisions it lists against the roles its states play.

use super::super::{Raw, Resolver, roles};
use crate::diagnostic::{Diagnostic, Location};
use crate::model::raw;
use crate::model::resolved::Report;

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
    /// migrants' states of origin, its concern and its period.
    pub(super) fn check_findings(&mut self, raw: &Raw, report: &mut Report) {
        for (i, (file, fm, off)) in raw.findings.iter().enumerate() {
            self.line_offset = *off;
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
            let migrants_from: Vec<String> = raw::one_or_many(fm.migrants_from.clone())
                .iter()
                .filter_map(|s| self.state(file, s))
                .collect();
            let period = fm.period.as_ref().and_then(|p| {
                let from = self.date(file, &p.from)?;
                let to = p.to.as_ref().and_then(|t| self.date(file, t));
                Some((from, to))
            });
            self.line_offset = 0;
            let f = &mut report.findings[i];
            f.states = states;
            f.concerned = migrants_from;
            f.concern = fm
                .concern
                .as_ref()
                .map(|c| c.value.trim().to_string())
                .filter(|c| !c.is_empty());
            f.themes = themes;
            f.provisions = provisions;
            f.period = period;
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
    ) {
        for (i, read) in reads.iter().enumerate() {
            if report.findings[i].concerned.is_empty() {
                let derived = roles::speakers_nationalities(report, &read.refs);
                report.findings[i].concerned = derived;
            }
        }
        for (i, (file, fm, off)) in raw.findings.iter().enumerate() {
            let f = &report.findings[i];
            let discusses_ratification = reads[i].ratification;
            self.line_offset = *off;
            for p in &fm.provisions {
                let Ok(pr) = self.ds.resolve_citation(&p.value) else {
                    continue;
                };
                let at = self.loc(file, p);
                match roles::provision_misfit(self.ds, f, &pr) {
                    Some(roles::Misfit::NotParty(states)) if !discusses_ratification => {
                        for s in states {
                            let msg = format!(
                                "finding `{}` lists {} among the provisions engaged, but {} has not ratified {}",
                                fm.id.value,
                                pr.display(),
                                self.state_name(&s),
                                pr.instrument
                            );
                            self.diags.push(Diagnostic::warning("not-ratified", at.clone(), msg).with_hint(
                                "say in the text that the state is not bound, or cite a provision that binds it",
                            ));
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
            self.line_offset = 0;
        }
    }
}
