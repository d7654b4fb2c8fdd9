//! The scope of a submission to a UN body about one state: which findings and recommendations
//! it carries, how each finding bears on the state, and which of the body's articles each
//! engages. Used by the checks (a finding or recommendation an output names must be in scope)
//! and by the submission view.
//!
//! A finding bears on the state in one of two ways (see [`Framing`] and `resolve::roles`): the
//! state is responsible (its `state` lists it), or the finding concerns the state's nationals
//! abroad and the body's instruments bind a State of origin (the Migrant Workers Convention:
//! the CMW, and the UPR, which reviews every obligation): it is then raised under the state's
//! obligations as their State of origin. It is in scope when, for a treaty body, it engages one
//! of the body's instruments through an article that binds the state in the role it appears in:
//! in its front-matter `provisions`, in an inline `[[...]]` citation, or through one of its
//! themes, whose primary links in the theme crosswalk (`conventions/themes.yaml`) name the
//! instrument. A recommendation is in scope when one of its
//! addressees belongs to the state (an addressee's state is inherited from its parents) and it
//! engages the instrument the same way (its `provisions`, inline citations or theme). The UPR
//! takes every finding about the state and every recommendation to it.

use super::roles;
use crate::conventions::lookup::ProvisionRef;
use crate::conventions::{Dataset, Role};
use crate::model::resolved::{OutlineNode, Report};
use crate::parse::markdown::{RefKind, scan};
use std::collections::BTreeSet;

/// An article (or a whole instrument, `article: None`) a text engages, and how.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Engaged {
    pub provision: ProvisionRef,
    /// Cited by the authors (front matter or inline), not only through the theme crosswalk.
    pub direct: bool,
}

/// The instruments whose articles count: a treaty body's, or every instrument (the UPR).
pub enum Instruments<'a> {
    Body(&'a [String]),
    All,
}

impl Instruments<'_> {
    pub fn contains(&self, id: &str) -> bool {
        match self {
            Instruments::Body(ids) => ids.iter().any(|i| i == id),
            Instruments::All => true,
        }
    }
}

/// The provisions a text cites inline, resolved, in its order (what resolution keeps as a
/// finding's or recommendation's `cited`).
pub fn inline_provisions(ds: &Dataset, markdown: &str) -> Vec<ProvisionRef> {
    scan(markdown)
        .into_iter()
        .filter(|r| matches!(r.kind, RefKind::Provision))
        .filter_map(|r| ds.resolve_citation(&r.target).ok())
        .collect()
}

/// What a text engages among `instruments`: its own citations, then (treaty bodies only) the
/// primary links of its themes. Sorted by instrument order in the body's list, then article.
fn engaged(
    ds: &Dataset,
    instruments: &Instruments,
    provisions: &[ProvisionRef],
    cited: &[ProvisionRef],
    themes: &[String],
) -> Vec<Engaged> {
    let mut direct: BTreeSet<ProvisionRef> = BTreeSet::new();
    for p in provisions.iter().chain(cited).cloned() {
        if instruments.contains(&p.instrument) {
            direct.insert(p.article_level());
        }
    }
    let mut via: BTreeSet<ProvisionRef> = BTreeSet::new();
    if let Instruments::Body(_) = instruments {
        for t in themes {
            for p in ds.theme_primary(t) {
                if instruments.contains(&p.instrument) {
                    let p = p.article_level();
                    if !direct.contains(&p) {
                        via.insert(p);
                    }
                }
            }
        }
    }
    let mut out: Vec<Engaged> = direct
        .into_iter()
        .map(|provision| Engaged {
            provision,
            direct: true,
        })
        .chain(via.into_iter().map(|provision| Engaged {
            provision,
            direct: false,
        }))
        .collect();
    out.sort_by_key(|e| sort_key(instruments, &e.provision));
    // A whole-instrument citation adds nothing when an article of it is engaged.
    let with_articles: BTreeSet<String> = out
        .iter()
        .filter(|e| e.provision.article.is_some())
        .map(|e| e.provision.instrument.clone())
        .collect();
    out.retain(|e| {
        e.provision.article.is_some() || !with_articles.contains(&e.provision.instrument)
    });
    out
}

fn sort_key(instruments: &Instruments, p: &ProvisionRef) -> (usize, String, u32) {
    let pos = match instruments {
        Instruments::Body(ids) => ids
            .iter()
            .position(|i| *i == p.instrument)
            .unwrap_or(usize::MAX),
        Instruments::All => 0,
    };
    (pos, p.instrument.clone(), p.article.unwrap_or(u32::MAX))
}

/// What finding `f` engages among `instruments` in a submission on `state`: the articles that
/// bind the state in the role it appears in. A finding about the state's nationals abroad keeps
/// only the articles marked as binding a State of origin: the other provisions it cites are the
/// obligations of the states responsible, not of this one.
pub fn finding_engages(
    report: &Report,
    ds: &Dataset,
    instruments: &Instruments,
    f: usize,
    state: &str,
) -> Vec<Engaged> {
    let fd = &report.findings[f];
    let mut out = engaged(ds, instruments, &fd.provisions, &fd.cited, &fd.themes);
    match framing(report, ds, instruments, state, f) {
        Some(Framing::Origin { .. }) => {
            out.retain(|e| {
                ds.binds(&e.provision)
                    .is_some_and(|r| r.contains(&Role::Origin))
            });
        }
        _ => {
            let roles = roles::roles_of(fd, state);
            out.retain(|e| roles::binds_any(ds, &e.provision, &roles));
        }
    }
    out
}

/// How a finding bears on the state a submission reviews.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Framing {
    /// The state answers for what the finding describes (`state:` lists it).
    Responsible,
    /// The finding describes what `responsible` do to the state's nationals, and is raised under
    /// the state's obligations as their State of origin.
    Origin { responsible: Vec<String> },
}

/// Whether the instruments bind a State of origin (some article is marked `binds: [origin]`) and
/// the state is party to one that does.
fn binds_origin(ds: &Dataset, instruments: &Instruments, state: &str) -> bool {
    ds.instruments.values().any(|i| {
        instruments.contains(&i.id)
            && ds.is_party(state, &i.id)
            && i.provisions.iter().any(|p| p.binds.contains(&Role::Origin))
    })
}

/// How finding `f` bears on `state`, if it does.
pub fn framing(
    report: &Report,
    ds: &Dataset,
    instruments: &Instruments,
    state: &str,
    f: usize,
) -> Option<Framing> {
    let fd = &report.findings[f];
    if fd.states.iter().any(|s| s == state) {
        Some(Framing::Responsible)
    } else if fd.concerned.iter().any(|s| s == state) && binds_origin(ds, instruments, state) {
        Some(Framing::Origin {
            responsible: fd.states.clone(),
        })
    } else {
        None
    }
}

/// What recommendation `r` engages among `instruments`.
pub fn recommendation_engages(
    report: &Report,
    ds: &Dataset,
    instruments: &Instruments,
    r: usize,
) -> Vec<Engaged> {
    let rec = &report.recommendations[r];
    let themes: Vec<String> = rec.theme.iter().cloned().collect();
    engaged(ds, instruments, &rec.provisions, &rec.cited, &themes)
}

/// Whether recommendation `r` is addressed to an authority of `state`.
pub fn addressed_to_state(report: &Report, r: usize, state: &str) -> bool {
    report.recommendations[r].to.iter().any(|a| {
        report
            .addressee(a)
            .is_some_and(|a| a.state.as_deref() == Some(state))
    })
}

/// Why a finding is out of scope, if it is.
pub fn finding_out_of_scope(
    report: &Report,
    ds: &Dataset,
    instruments: &Instruments,
    state: &str,
    f: usize,
) -> Option<String> {
    let fd = &report.findings[f];
    let state_name = ds
        .state(state)
        .map_or(state.to_string(), |s| s.name_in_text());
    let Some(framing) = framing(report, ds, instruments, state, f) else {
        return Some(if fd.concerned.iter().any(|s| s == state) {
            format!(
                "finding `{}` is not about {state_name}'s own conduct, and the {} bind{} no State of origin",
                fd.id,
                instrument_names(instruments),
                if matches!(instruments, Instruments::Body(ids) if ids.len() == 1) {
                    "s"
                } else {
                    ""
                }
            )
        } else {
            format!(
                "finding `{}` is neither about {state_name} nor about its nationals",
                fd.id
            )
        });
    };
    let origin = matches!(framing, Framing::Origin { .. });
    if (origin || matches!(instruments, Instruments::Body(_)))
        && finding_engages(report, ds, instruments, f, state).is_empty()
    {
        return Some(match framing {
            Framing::Origin { .. } => format!(
                "finding `{}` concerns nationals of {state_name} abroad but engages no article of the {} that binds a State of origin (the Migrant Workers Convention marks them)",
                fd.id,
                instrument_names(instruments)
            ),
            Framing::Responsible => format!(
                "finding `{}` does not engage the {} (neither its provisions, its citations nor its themes name an article that binds {state_name} in its role)",
                fd.id,
                instrument_names(instruments)
            ),
        });
    }
    None
}

/// Why a recommendation is out of scope, if it is.
pub fn recommendation_out_of_scope(
    report: &Report,
    ds: &Dataset,
    instruments: &Instruments,
    state: &str,
    r: usize,
) -> Option<String> {
    let rec = &report.recommendations[r];
    let state_name = ds
        .state(state)
        .map_or(state.to_string(), |s| s.name_in_text());
    if !addressed_to_state(report, r, state) {
        return Some(format!(
            "recommendation `{}` is not addressed to an authority of {state_name}",
            rec.id
        ));
    }
    if matches!(instruments, Instruments::Body(_))
        && recommendation_engages(report, ds, instruments, r).is_empty()
    {
        return Some(format!(
            "recommendation `{}` does not engage the {} (neither its provisions, its citations nor its theme name it)",
            rec.id,
            instrument_names(instruments)
        ));
    }
    None
}

fn instrument_names(instruments: &Instruments) -> String {
    match instruments {
        Instruments::Body(ids) => ids.join(" or the "),
        Instruments::All => "instruments".into(),
    }
}

/// Findings in outline order: each top-level finding followed by its sub-findings.
pub fn outline_findings(report: &Report) -> Vec<usize> {
    let mut out = vec![];
    for node in &report.outline {
        if let OutlineNode::Part { findings, .. } = node {
            for f in findings {
                out.push(*f);
                out.extend(report.findings[*f].subs.iter().copied());
            }
        }
    }
    // Findings the outline does not place come last, in project order.
    let mut placed = vec![false; report.findings.len()];
    for &i in &out {
        placed[i] = true;
    }
    for (i, f) in report.findings.iter().enumerate() {
        if !placed[i] && f.parent.is_none() {
            out.push(i);
            out.extend(f.subs.iter().copied());
        }
    }
    out
}
