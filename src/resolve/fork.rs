//! A fork of the resolver for the checks of one record: what the resolver has registered, read
//! only (so forks run side by side on all cores), with diagnostics of its own, which the
//! resolver then takes in the records' order (so the output is as if one core checked them one
//! after the other).

use super::Resolver;
use crate::conventions::Dataset;
use crate::conventions::lookup::ProvisionRef;
use crate::diagnostic::{Diagnostic, Diagnostics, Location, with_suggestion};
use crate::model::raw::S;
use crate::model::resolved::Target;
use crate::parse::date::PartialDate;
use crate::parse::yaml;
use std::collections::BTreeSet;

/// The resolver's registered state, read only, and the diagnostics of one record's checks.
pub(crate) struct Fork<'r> {
    pub ds: &'r Dataset,
    /// Every id of the project: what it names and where it is defined.
    pub ids: &'r rustc_hash::FxHashMap<String, (Target, Location)>,
    /// Ids written in records that failed to parse (references to them are not reported).
    broken_ids: &'r BTreeSet<String>,
    /// The states of report.yaml (for suggestions).
    report_states: &'r [String],
    /// Lines to add to YAML positions (front matter starts after its `---` line).
    pub line_offset: u32,
    pub diags: Diagnostics,
}

impl Resolver<'_> {
    /// A fork with no diagnostics yet, its YAML positions shifted by `line_offset`.
    pub(crate) fn fork(&self, line_offset: u32) -> Fork<'_> {
        Fork {
            ds: self.ds,
            ids: &self.ids,
            broken_ids: &self.broken_ids,
            report_states: &self.report_states,
            line_offset,
            diags: Diagnostics::default(),
        }
    }

    /// Runs `check` on a fork at the resolver's line offset, then takes its diagnostics.
    pub(crate) fn forked<T>(&mut self, check: impl FnOnce(&mut Fork) -> T) -> T {
        let (value, diags) = {
            let mut fork = self.fork(self.line_offset);
            let value = check(&mut fork);
            (value, fork.diags)
        };
        self.diags.extend(diags);
        value
    }

    /// Runs `check` on every item, on all cores, each on a fork of its own, and takes the
    /// forks' diagnostics in the items' order.
    pub(crate) fn check_each<I: Sync, T: Send>(
        &mut self,
        items: &[I],
        check: impl Fn(&mut Fork, &I) -> T + Sync,
    ) -> Vec<T> {
        use rayon::prelude::*;
        let checked: Vec<(T, Diagnostics)> = {
            let line_offset = self.line_offset;
            let this = &*self;
            items
                .par_iter()
                .with_max_len(64)
                .map(|item| {
                    let mut fork = this.fork(line_offset);
                    let value = check(&mut fork, item);
                    (value, fork.diags)
                })
                .collect()
        };
        checked
            .into_iter()
            .map(|(value, diags)| {
                self.diags.extend(diags);
                value
            })
            .collect()
    }
}

impl Fork<'_> {
    pub fn loc<T>(&self, file: &str, s: &crate::model::raw::Spanned<T>) -> Location {
        yaml::loc(file, s, self.line_offset)
    }

    /// Parses a date field, reporting a bad one.
    pub fn date(&mut self, file: &str, s: &S) -> Option<PartialDate> {
        match PartialDate::parse(&s.value) {
            Ok(d) => Some(d),
            Err(e) => {
                let at = self.loc(file, s);
                self.diags.error("bad-date", at, e);
                None
            }
        }
    }

    /// Checks a state code against the dataset.
    pub fn state(&mut self, file: &str, s: &S) -> Option<String> {
        if self.ds.state(&s.value).is_some() {
            return Some(s.value.clone());
        }
        let at = self.loc(file, s);
        let msg = format!(
            "unknown state `{}`: states are ISO 3166-1 alpha-3 codes (e.g. KAZ, KGZ)",
            s.value
        );
        let upper = s.value.to_uppercase();
        // The report's own states are the likeliest meaning (KYR for KGZ).
        let own = self
            .report_states
            .iter()
            .find(|c| strsim::damerau_levenshtein(c, &upper) <= 2)
            .cloned();
        let msg = if self.ds.state(&upper).is_some() {
            format!("{msg}; did you mean `{upper}`?")
        } else if let Some(c) = own {
            format!("{msg}; did you mean `{c}`?")
        } else {
            with_suggestion(msg, &s.value, self.ds.states.keys().map(String::as_str))
        };
        self.diags.error("unknown-state", at, msg);
        None
    }

    /// Checks a theme id against the dataset.
    pub fn theme(&mut self, file: &str, s: &S) -> Option<String> {
        if self.ds.theme(&s.value).is_some() {
            return Some(s.value.clone());
        }
        let at = self.loc(file, s);
        let msg = with_suggestion(
            format!("unknown theme `{}`", s.value),
            &s.value,
            self.ds.themes.keys().map(String::as_str),
        );
        self.diags.error("unknown-theme", at, msg);
        None
    }

    /// Resolves a citation written in a YAML list (`provisions:`).
    pub fn provision(&mut self, file: &str, s: &S) -> Option<ProvisionRef> {
        match self.ds.resolve_citation(&s.value) {
            Ok(p) => Some(p),
            Err(e) => {
                let at = self.loc(file, s);
                self.diags.error("unknown-provision", at, e);
                None
            }
        }
    }

    /// What `id` names, if it is registered.
    pub fn target(&self, id: &str) -> Option<Target> {
        self.ids.get(id).map(|(t, _)| *t)
    }

    /// An unknown reference to an id of one of `kinds`, with the nearest known id as a
    /// suggestion; silent for ids of records that failed to parse (already reported).
    pub fn unknown(
        &mut self,
        code: &'static str,
        at: Location,
        what: &str,
        id: &str,
        kinds: &[&str],
    ) {
        if self.broken_ids.contains(id) {
            return;
        }
        let candidates = self
            .ids
            .iter()
            .filter(|(_, (t, _))| kinds.contains(&t.kind()))
            .map(|(k, _)| k.as_str());
        let msg = with_suggestion(format!("unknown {what} `{id}`"), id, candidates);
        self.diags.error(code, at, msg);
    }

    /// A state's name as written in a sentence ("the Russian Federation").
    pub fn state_name(&self, code: &str) -> String {
        self.ds
            .state(code)
            .map_or(code.to_string(), |s| s.name_in_text())
    }

    /// Warns when `pr` is an article that another instrument deleted for `state` (C029
    /// articles 3-24 for the parties to P029). `lead` says who cites it.
    pub fn warn_if_deleted(&mut self, lead: &str, pr: &ProvisionRef, state: &str, at: Location) {
        let Some(d) = self.ds.deleted_for(state, pr) else {
            return;
        };
        let by = match self
            .ds
            .instruments
            .get(&d.by)
            .and_then(|i| i.short.as_deref())
        {
            Some(short) => format!("the {short} ({})", d.by),
            None => d.by.clone(),
        };
        let msg = format!(
            "{lead} {}, which {by} deleted for its parties, {} among them",
            pr.display(),
            self.state_name(state)
        );
        let hint = format!(
            "{}: cite a provision in force for {}",
            d.note.as_deref().unwrap_or("deleted"),
            self.state_name(state)
        );
        self.diags
            .push(Diagnostic::warning("deleted-article", at, msg).with_hint(hint));
    }
}
