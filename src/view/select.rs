//! Recommendations as advocates use them: selected by addressee, theme, instrument, treaty body,
//! state and priority ([`Filter`]). Their uptake by UN bodies is in [`crate::uptake`].
//!
//! The selection rules, as the README states them:
//!
//! - `--to X`: recommendations whose `to:` names X, an ancestor of X (a recommendation to the
//!   Kazakh authorities concerns each ministry) or a member of X, at any depth (one to a ministry
//!   is listed under the government as well) — the content model's tree rule.
//! - `--theme T`: the recommendation's `theme:` is T.
//! - `--instrument I`: the recommendation cites I (or one of its articles) inline or in
//!   `provisions:`.
//! - `--body B`: the recommendation cites one of the instruments B monitors (CESCR: ICESCR and
//!   OP-ICESCR), inline or in `provisions:`. The theme crosswalk (`themes.yaml`) is not used: it says
//!   which provisions a theme usually engages, not what a recommendation invokes, and would list
//!   a call to release two trade unionists as a CESCR matter.
//! - `--state S`: the recommendation is addressed to at least one addressee whose state (given or
//!   inherited from its parent) is S. International addressees (the EU, the ILO, ...) have no state
//!   and never count for one, even when the text names the state: what they are asked to do is
//!   theirs, not the state's.
//! - `--priority N`: priority N or higher (1 is the highest); recommendations without a priority
//!   are left out.
//!
//! Filters combine: a recommendation is selected when it passes every filter given.

use crate::conventions::Dataset;
use crate::diagnostic::with_suggestion;
use crate::model::resolved::{Recommendation, Report, Target};
use std::collections::BTreeSet;

/// The filters of `rapporteur recs`, as typed by the user.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub to: Option<String>,
    pub theme: Option<String>,
    pub instrument: Option<String>,
    pub body: Option<String>,
    pub state: Option<String>,
    pub priority: Option<u8>,
}

/// The filters checked against the report and the dataset.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    /// Addressee indices that select a recommendation (X, its ancestors and its members).
    pub addressees: Option<BTreeSet<usize>>,
    pub theme: Option<String>,
    /// Instrument ids; a recommendation citing any of them passes.
    pub instruments: Option<BTreeSet<String>>,
    pub body_instruments: Option<BTreeSet<String>>,
    pub state: Option<String>,
    pub priority: Option<u8>,
}

impl Filter {
    /// Checks every filter value; an unknown one is an error with a suggestion (a usage error).
    pub fn resolve(&self, report: &Report, ds: &Dataset) -> Result<Resolved, String> {
        let mut r = Resolved::default();
        if let Some(to) = &self.to {
            let Some(Target::Addressee(i)) = report.index.get(to.as_str()) else {
                return Err(with_suggestion(
                    format!("unknown addressee `{to}`"),
                    to,
                    report.addressees.iter().map(|a| a.id.as_str()),
                ) + &format!(
                    " (addressees: {})",
                    report
                        .addressees
                        .iter()
                        .map(|a| a.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            };
            r.addressees = Some(concerned(report, *i));
        }
        if let Some(t) = &self.theme {
            if ds.theme(t).is_none() {
                return Err(unknown(
                    format!("unknown theme `{t}`"),
                    t,
                    ds.themes.keys().map(String::as_str),
                    "themes",
                ));
            }
            r.theme = Some(t.clone());
        }
        if let Some(i) = &self.instrument {
            let Some(inst) = ds.instrument(i) else {
                return Err(with_suggestion(
                    format!("unknown instrument `{i}`"),
                    i,
                    ds.instrument_names(),
                ));
            };
            r.instruments = Some([inst.id.clone()].into());
        }
        if let Some(b) = &self.body {
            let Some(body) = ds.body(b) else {
                return Err(unknown(
                    format!("unknown body `{b}`"),
                    b,
                    ds.bodies.keys().map(String::as_str),
                    "bodies",
                ));
            };
            if body.instruments.is_empty() {
                return Err(format!(
                    "`{}` ({}) monitors no instrument of the dataset, so no recommendation engages it",
                    body.id, body.name
                ));
            }
            r.body_instruments = Some(body.instruments.iter().cloned().collect());
        }
        if let Some(s) = &self.state {
            let upper = s.to_uppercase();
            if ds.state(&upper).is_none() {
                return Err(with_suggestion(
                    format!("unknown state `{s}` (states are ISO 3166-1 alpha-3 codes)"),
                    &upper,
                    ds.states.keys().map(String::as_str),
                ));
            }
            r.state = Some(upper);
        }
        if let Some(p) = self.priority {
            if !(1..=3).contains(&p) {
                return Err(format!(
                    "priority {p} is out of range: use 1 (highest), 2 or 3"
                ));
            }
            r.priority = Some(p);
        }
        Ok(r)
    }
}

/// "unknown X": with the closest candidate, or the one whose initials were typed (`foa` for
/// `freedom-of-association`), or else the list of candidates.
fn unknown<'a>(
    message: String,
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
    what: &str,
) -> String {
    let with = with_suggestion(message.clone(), wanted, candidates.clone());
    if with != message {
        return with;
    }
    let w = wanted.to_lowercase();
    let by_initials = candidates.clone().into_iter().find(|c| {
        c.contains('-')
            && c.split('-')
                .filter_map(|p| p.chars().next())
                .collect::<String>()
                == w
    });
    match by_initials {
        Some(c) => format!("{message}; did you mean `{c}`?"),
        None => format!(
            "{message} ({what}: {})",
            candidates.into_iter().collect::<Vec<_>>().join(", ")
        ),
    }
}

/// The addressees whose recommendations concern addressee `i`: itself, its ancestors, its members.
pub fn concerned(report: &Report, i: usize) -> BTreeSet<usize> {
    let mut set: BTreeSet<usize> = report.addressee_with_members(i).into_iter().collect();
    set.extend(report.addressee_with_ancestors(&report.addressees[i].id));
    set
}

/// For each addressee, the recommendations that concern it ([`concerned`]), in project order,
/// in one pass over the recommendations: one to addressee `t` is on the sheet of `t`'s
/// ancestors and of every member of `t` at any depth.
pub fn by_addressee(report: &Report) -> Vec<Vec<usize>> {
    let n = report.addressees.len();
    // `reach[t]`: the sheets a recommendation to `t` goes on, the inverse of [`concerned`]
    // (members are not always the inverse of `parent`, so it is inverted as written).
    let mut reach: Vec<Vec<usize>> = vec![vec![]; n];
    for a in 0..n {
        for t in concerned(report, a) {
            reach[t].push(a);
        }
    }
    let mut out: Vec<Vec<usize>> = vec![vec![]; n];
    for (r, rec) in report.recommendations.iter().enumerate() {
        for to in &rec.to {
            if let Some(Target::Addressee(t)) = report.index.get(to) {
                for &a in &reach[*t] {
                    if out[a].last() != Some(&r) {
                        out[a].push(r);
                    }
                }
            }
        }
    }
    out
}

/// The instruments a recommendation cites, inline (`[[ICCPR art. 9]]`) or in `provisions:`.
pub fn instruments_cited(rec: &Recommendation) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = rec
        .provisions
        .iter()
        .map(|p| p.instrument.clone())
        .collect();
    out.extend(rec.cited.iter().map(|p| p.instrument.clone()));
    out
}

/// The states a recommendation is addressed to (through its addressees' own or inherited state).
pub fn states_addressed(rec: &Recommendation, report: &Report) -> BTreeSet<String> {
    rec.to
        .iter()
        .filter_map(|a| report.addressee(a).and_then(|a| a.state.clone()))
        .collect()
}

impl Resolved {
    pub fn accepts(&self, rec: &Recommendation, report: &Report) -> bool {
        if let Some(set) = &self.addressees {
            let hit = rec.to.iter().any(|a| match report.index.get(a) {
                Some(Target::Addressee(i)) => set.contains(i),
                _ => false,
            });
            if !hit {
                return false;
            }
        }
        if let Some(t) = &self.theme
            && rec.theme.as_ref() != Some(t)
        {
            return false;
        }
        if self.instruments.is_some() || self.body_instruments.is_some() {
            let cited = instruments_cited(rec);
            for wanted in [&self.instruments, &self.body_instruments]
                .into_iter()
                .flatten()
            {
                if cited.is_disjoint(wanted) {
                    return false;
                }
            }
        }
        if let Some(s) = &self.state
            && !states_addressed(rec, report).contains(s)
        {
            return false;
        }
        if let Some(p) = self.priority
            && rec.priority.is_none_or(|q| q > p)
        {
            return false;
        }
        true
    }

    /// Indices of the selected recommendations, in project order.
    pub fn select(&self, report: &Report) -> Vec<usize> {
        (0..report.recommendations.len())
            .filter(|&i| self.accepts(&report.recommendations[i], report))
            .collect()
    }
}
