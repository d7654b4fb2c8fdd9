//! The checks of the content model, run once every id is registered, one file a subject:
//! findings (states, provisions, roles), testimonies (consent, protected names, copies of
//! internal words), recommendations (addressees, uptake), the outline, the outputs (formats,
//! submissions and their scope), and the references written inside texts (citations, embeds,
//! cross-references, unused testimonies, findings without evidence).

use super::Raw;
use super::Resolver;
use crate::diagnostic::Location;
use crate::model::resolved::Report;

mod findings;
mod outline;
mod outputs;
mod recommendations;
mod testimonies;
mod texts;

/// Frees `value` on another thread, while the checks go on (freeing the records of a large
/// project one by one takes a while).
fn release<T: Send + 'static>(value: T) {
    rayon::spawn(move || drop(value));
}

impl Resolver<'_> {
    /// Every check, in an order where each sees what the ones before it resolved (the outline
    /// before the texts that cross-reference it, the roles once the witnesses' nationalities are
    /// known). Each kind of raw record is released once the last check that reads it has run.
    pub(super) fn check_all(&mut self, mut raw: Raw, report: &mut Report) {
        // Every text's references read once, side by side, for the checks that need them.
        let reads = texts::read_all(report);
        let not_bound = texts::NotBound::new(&report.locale);
        self.check_no_findings(&raw, report);
        self.check_findings(&raw, report);
        self.check_testimonies(&raw, report);
        release(std::mem::take(&mut raw.testimonies));
        self.check_roles(&raw, report, texts::findings(&reads, report), &not_bound);
        release(std::mem::take(&mut raw.findings));
        self.check_recommendations(&raw, report);
        self.check_outline(&raw, report);
        self.check_outputs(&raw, report);
        self.check_texts(&raw, report, &reads, &not_bound);
        release((reads, raw));
        self.check_internal_copies(report);
    }

    /// Where `id` is defined, else `fallback` (a record whose id did not register).
    fn defined_at(&self, id: &str, fallback: Location) -> Location {
        self.ids.get(id).map_or(fallback, |(_, l)| l.clone())
    }

    /// An unknown reference to an id of one of `kinds`, with the nearest known id as a
    /// suggestion; silent for ids of records that failed to parse (already reported).
    pub(crate) fn unknown(
        &mut self,
        code: &'static str,
        at: Location,
        what: &str,
        id: &str,
        kinds: &[&str],
    ) {
        self.forked(|f| f.unknown(code, at, what, id, kinds))
    }

    /// A state's name as written in a sentence ("the Russian Federation").
    pub fn state_name(&self, code: &str) -> String {
        self.fork(0).state_name(code)
    }

    /// Warns when `pr` is an article that another instrument deleted for `state` (C029
    /// articles 3-24 for the parties to P029). `lead` says who cites it.
    pub(super) fn warn_if_deleted(
        &mut self,
        lead: &str,
        pr: &crate::conventions::lookup::ProvisionRef,
        state: &str,
        at: Location,
    ) {
        self.forked(|f| f.warn_if_deleted(lead, pr, state, at))
    }
}
