//! The checks of the content model, run once every id is registered, one file a subject:
//! findings (states, provisions, roles), testimonies (consent, protected names, copies of
//! internal words), recommendations (addressees, uptake), the outline, the outputs (formats,
//! submissions and their scope), and the references written inside texts (citations, embeds,
//! cross-references, unused testimonies, findings without evidence).

use super::Raw;
use super::Resolver;
use crate::diagnostic::{Diagnostic, Location, with_suggestion};
use crate::model::resolved::Report;

mod findings;
mod outline;
mod outputs;
mod recommendations;
mod testimonies;
mod texts;

impl Resolver<'_> {
    /// Every check, in an order where each sees what the ones before it resolved (the outline
    /// before the texts that cross-reference it, the roles once the witnesses' nationalities are known).
    pub(super) fn check_all(&mut self, raw: &Raw, report: &mut Report) {
        // Every text's references read once, side by side, for the checks that need them.
        let reads = texts::read_all(report);
        self.check_no_findings(raw, report);
        self.check_findings(raw, report);
        self.check_testimonies(raw, report);
        self.check_roles(raw, report, texts::findings(&reads, report));
        self.check_recommendations(raw, report);
        self.check_outline(raw, report);
        self.check_outputs(raw, report);
        self.check_texts(raw, report, &reads);
        drop(reads);
        self.check_internal_copies(report);
    }

    fn ids_of(&self, kinds: &[&str]) -> Vec<String> {
        self.ids
            .iter()
            .filter(|(_, (t, _))| kinds.contains(&t.kind()))
            .map(|(k, _)| k.clone())
            .collect()
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
        if self.broken_ids.contains(id) {
            return;
        }
        let candidates = self.ids_of(kinds);
        let msg = with_suggestion(
            format!("unknown {what} `{id}`"),
            id,
            candidates.iter().map(String::as_str),
        );
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
    pub(super) fn warn_if_deleted(
        &mut self,
        lead: &str,
        pr: &crate::conventions::lookup::ProvisionRef,
        state: &str,
        at: Location,
    ) {
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
