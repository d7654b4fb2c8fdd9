//! The checks of recommendations: addressees, theme, provisions, the findings they answer,
//! priority, and the UN documents that took them up.

use super::super::fork::Fork;
use super::super::{Raw, Resolver};
use crate::diagnostic::Diagnostic;
use crate::model::raw;
use crate::model::resolved::*;

/// What the checks of one recommendation resolve.
struct Resolved {
    to: Vec<String>,
    theme: Option<String>,
    provisions: Vec<crate::conventions::lookup::ProvisionRef>,
    findings: Vec<String>,
    uptake: Vec<Uptake>,
}

impl Resolver<'_> {
    /// Each recommendation's references resolved and checked, on all cores (each on a fork of
    /// the resolver, the problems reported in the recommendations' order).
    pub(super) fn check_recommendations(&mut self, raw: &Raw, report: &mut Report) {
        let resolved = self.check_each(&raw.recommendations, |f, (file, rec)| {
            f.recommendation(file, rec)
        });
        for (r, resolved) in report.recommendations.iter_mut().zip(resolved) {
            r.to = resolved.to;
            r.theme = resolved.theme;
            r.provisions = resolved.provisions;
            r.findings = resolved.findings;
            r.uptake = resolved.uptake;
        }
    }
}

impl Fork<'_> {
    /// One recommendation's references resolved and checked.
    fn recommendation(&mut self, file: &str, rec: &raw::Recommendation) -> Resolved {
        let to = self.addressees(file, rec);
        let theme = rec.theme.as_ref().and_then(|t| self.theme(file, t));
        let mut provisions = vec![];
        for p in &rec.provisions {
            provisions.extend(self.provision(file, p));
        }
        let mut findings = vec![];
        for f in &rec.findings {
            if matches!(self.target(&f.value), Some(Target::Finding(_))) {
                findings.push(f.value.clone());
            } else {
                let at = self.loc(file, f);
                self.unknown("unknown-reference", at, "finding", &f.value, &["finding"]);
            }
        }
        if let Some(p) = &rec.priority
            && !(1..=3).contains(&p.value)
        {
            let at = self.loc(file, p);
            self.diags.error(
                "bad-value",
                at,
                format!(
                    "priority {} is out of range: use 1 (highest), 2 or 3",
                    p.value
                ),
            );
        }
        let uptake = rec.uptake.iter().map(|u| self.uptake(file, u)).collect();
        Resolved {
            to,
            theme,
            provisions,
            findings,
            uptake,
        }
    }

    /// The addressees of `to:`, each an addressee of the project; none at all is an error.
    fn addressees(&mut self, file: &str, rec: &raw::Recommendation) -> Vec<String> {
        let mut to = vec![];
        let targets = raw::one_or_many(Some(rec.to.clone()));
        if targets.is_empty() {
            let at = self.loc(file, &rec.id);
            self.diags.error(
                "missing-field",
                at,
                format!(
                    "recommendation `{}` has no addressee in `to:`",
                    rec.id.value
                ),
            );
        }
        for a in &targets {
            if matches!(self.target(&a.value), Some(Target::Addressee(_))) {
                to.push(a.value.clone());
            } else {
                let at = self.loc(file, a);
                self.unknown(
                    "unknown-reference",
                    at,
                    "addressee",
                    &a.value,
                    &["addressee"],
                );
            }
        }
        to
    }

    /// One take-up of the recommendation, its symbol checked against the bodies' prefixes.
    fn uptake(&mut self, file: &str, u: &raw::Uptake) -> Uptake {
        let body = self
            .ds
            .body_of_symbol(&u.symbol.value)
            .map(|b| b.id.clone());
        if body.is_none() {
            let at = self.loc(file, &u.symbol);
            let prefixes: Vec<String> = self
                .ds
                .bodies
                .values()
                .filter_map(|b| b.symbol_prefix.clone())
                .collect();
            self.diags.push(
                Diagnostic::error(
                    "bad-symbol",
                    at,
                    format!(
                        "`{}` is not a UN document symbol of a known body",
                        u.symbol.value
                    ),
                )
                .with_hint(format!(
                    "symbols start with one of: {}",
                    prefixes.join(", ")
                )),
            );
        }
        Uptake {
            symbol: u.symbol.value.clone(),
            body,
            paragraph: u.paragraph.as_ref().map(|p| p.value.clone()),
            status: u.status.value,
            note: u.note.clone(),
        }
    }
}
