//! The two relations between a finding and a state: the state responsible (`state:`, where the
//! conduct happens) and the states whose nationals the finding concerns (their State of origin).
//!
//! The states concerned are the ones `migrants_from:` declares, else the nationalities of the
//! speakers of the testimonies the finding embeds or cites. A responsible state whose own
//! nationals are concerned appears as their State of origin (Kyrgyzstan's consulates failing
//! Kyrgyz migrants); any other responsible state appears as the State of employment or of transit
//! (Kazakhstan's raids on them). When no nationality is known, the roles are unknown and every
//! article applies.
//!
//! An article of the Migrant Workers Convention applies to a finding when it binds one of the
//! finding's states in the role in which that state appears (the dataset's `binds` marks).

use crate::conventions::lookup::ProvisionRef;
use crate::conventions::{Dataset, Role};
use crate::model::resolved::{Finding, Report};
use crate::parse::markdown::{InlineRef, RefKind};
use std::collections::BTreeSet;

/// The nationalities of the speakers of the testimonies a finding's text embeds or cites (its
/// references, [`crate::parse::markdown::scan`]).
pub fn speakers_nationalities(report: &Report, refs: &[InlineRef]) -> Vec<String> {
    let mut out = BTreeSet::new();
    for r in refs {
        if matches!(r.kind, RefKind::Embed { .. } | RefKind::Cite { .. })
            && let Some(t) = report.testimony(&r.target)
            && let Some(n) = &t.nationality
        {
            out.insert(n.clone());
        }
    }
    out.into_iter().collect()
}

/// The roles in which each of a finding's states appears: the responsible states (as the State
/// of origin when their own nationals are concerned, else as the State of employment or
/// transit) and the states concerned (as the State of origin). Empty roles: not known.
pub fn finding_roles(f: &Finding) -> Vec<(String, Vec<Role>)> {
    let mut out: Vec<(String, Vec<Role>)> = vec![];
    for s in &f.states {
        let roles = if f.concerned.is_empty() {
            vec![]
        } else if f.concerned.contains(s) {
            vec![Role::Origin]
        } else {
            vec![Role::Transit, Role::Employment]
        };
        out.push((s.clone(), roles));
    }
    for s in &f.concerned {
        if !f.states.contains(s) {
            out.push((s.clone(), vec![Role::Origin]));
        }
    }
    out
}

/// The roles in which `state` appears in finding `f` (empty: not known, or not a state of it).
pub fn roles_of(f: &Finding, state: &str) -> Vec<Role> {
    finding_roles(f)
        .into_iter()
        .find(|(s, _)| s == state)
        .map(|(_, r)| r)
        .unwrap_or_default()
}

/// Whether provision `p` binds a state appearing in `roles` (unknown roles: any article does).
pub fn binds_any(ds: &Dataset, p: &ProvisionRef, roles: &[Role]) -> bool {
    roles.is_empty() || roles.iter().any(|r| ds.binds_in(p, *r))
}

/// What is wrong with a provision a finding cites, given the roles of its states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Misfit {
    /// The article binds none of the finding's states in the role it appears in.
    WrongRole {
        /// The roles the article binds ("State of employment").
        binds: Vec<Role>,
        /// Each state of the finding with the roles it appears in.
        appears: Vec<(String, Vec<Role>)>,
    },
    /// The states the article binds in their role are not party to its instrument.
    NotParty(Vec<String>),
}

/// Checks a provision a finding cites against its states and their roles: it must bind one of
/// them in the role it appears in, and one of those it binds must not be known to be unbound by
/// the instrument.
pub fn provision_misfit(ds: &Dataset, f: &Finding, p: &ProvisionRef) -> Option<Misfit> {
    let roles = finding_roles(f);
    let bound: Vec<&String> = roles
        .iter()
        .filter(|(_, r)| binds_any(ds, p, r))
        .map(|(s, _)| s)
        .collect();
    if bound.is_empty() {
        return Some(Misfit::WrongRole {
            binds: ds.binds(p).map(<[Role]>::to_vec).unwrap_or_default(),
            appears: roles,
        });
    }
    // Only a known fact warns: a status the dataset lacks is unknown.
    if bound
        .iter()
        .any(|s| !ds.standing(s, &p.instrument).known_not_bound())
    {
        return None;
    }
    Some(Misfit::NotParty(bound.into_iter().cloned().collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(states: &[&str], concerned: &[&str]) -> Finding {
        Finding {
            states: states.iter().map(|s| s.to_string()).collect(),
            concerned: concerned.iter().map(|s| s.to_string()).collect(),
            ..Finding::default()
        }
    }

    #[test]
    fn a_responsible_state_whose_nationals_are_concerned_is_their_state_of_origin() {
        let f = finding(&["KGZ"], &["KGZ"]);
        assert_eq!(roles_of(&f, "KGZ"), vec![Role::Origin]);
    }

    #[test]
    fn a_state_where_foreign_nationals_are_abused_is_the_state_of_employment() {
        let f = finding(&["KAZ"], &["KGZ"]);
        assert_eq!(roles_of(&f, "KAZ"), vec![Role::Transit, Role::Employment]);
        assert_eq!(roles_of(&f, "KGZ"), vec![Role::Origin]);
    }

    #[test]
    fn roles_are_unknown_without_nationalities() {
        let f = finding(&["KAZ"], &[]);
        assert!(roles_of(&f, "KAZ").is_empty());
    }

    #[test]
    fn an_article_binding_only_the_state_of_employment_misfits_an_origin_finding() {
        let ds = Dataset::builtin(&mut crate::diagnostic::Diagnostics::default());
        let art = |a| ProvisionRef {
            instrument: "ICRMW".into(),
            article: Some(a),
            paragraph: None,
        };
        let origin = finding(&["KGZ"], &["KGZ"]);
        assert!(matches!(
            provision_misfit(&ds, &origin, &art(25)),
            Some(Misfit::WrongRole { .. })
        ));
        assert_eq!(provision_misfit(&ds, &origin, &art(23)), None);
        // Kazakhstan is not party; art. 23 binds Kyrgyzstan as the State of origin, which is.
        let abroad = finding(&["KAZ"], &["KGZ"]);
        assert_eq!(provision_misfit(&ds, &abroad, &art(23)), None);
        assert_eq!(
            provision_misfit(&ds, &abroad, &art(25)),
            Some(Misfit::NotParty(vec!["KAZ".into()]))
        );
    }
}
