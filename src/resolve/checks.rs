//! The checks of the content model, run once every id is registered: references, provisions,
//! ratification, consent, unused testimonies, findings without evidence, the outline and outputs.

use super::{Raw, Resolver, scope, text::locate};
use crate::conventions::{BodyKind, Status};
use crate::diagnostic::{Diagnostic, Location, with_suggestion};
use crate::model::raw::{self, Consent, Format, OutlineItem};
use crate::model::resolved::*;
use crate::parse::markdown::{RefKind, scan};
use crate::text::matcher;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The parts of a submission output that name records of the project.
struct SubmissionFields<'a> {
    contact: &'a Option<String>,
    findings: &'a Option<Vec<raw::S>>,
    recommendations: &'a Option<Vec<raw::S>>,
    list_of_issues: &'a [raw::IssueEntry],
    questions: &'a [raw::QuestionEntry],
}

/// "is the State of origin", "is the State of transit or employment".
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

/// Which kind of text a reference was found in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Owner {
    Chapter(usize),
    Finding(usize),
    Testimony(usize),
    Recommendation(usize),
}

impl Resolver<'_> {
    pub(super) fn check_all(&mut self, raw: &Raw, report: &mut Report) {
        self.check_no_findings(raw, report);
        self.check_findings(raw, report);
        self.check_testimonies(raw, report);
        self.check_roles(raw, report);
        self.check_recommendations(raw, report);
        self.check_outline(raw, report);
        self.check_outputs(raw, report);
        self.check_texts(raw, report);
        self.check_internal_copies(report);
    }

    /// An internal testimony's words copied into published text: any run of eight words of it
    /// (case, accents and punctuation aside) in a chapter, finding, recommendation or published
    /// testimony is an error, reported once per copied passage. One pass over the internal
    /// texts into a set of eight-word runs, one pass over the published texts.
    fn check_internal_copies(&mut self, report: &Report) {
        const RUN: usize = 8;
        let runs_of = |s: &str| -> Vec<(usize, String)> {
            let mut out = vec![];
            let mut start = None;
            for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
                match (c.is_alphanumeric(), start) {
                    (true, None) => start = Some(i),
                    (false, Some(st)) => {
                        out.push((st, crate::text::normalise(&s[st..i])));
                        start = None;
                    }
                    _ => {}
                }
            }
            out
        };
        let mut internal: std::collections::HashMap<String, &str> = Default::default();
        for t in report
            .testimonies
            .iter()
            .filter(|t| t.consent == Consent::Internal)
        {
            let ws = runs_of(&t.text.markdown);
            for w in ws.windows(RUN) {
                let key: Vec<&str> = w.iter().map(|(_, x)| x.as_str()).collect();
                internal.entry(key.join(" ")).or_insert(&t.id);
            }
        }
        if internal.is_empty() {
            return;
        }
        let published = report
            .chapters
            .iter()
            .map(|c| &c.body)
            .chain(report.findings.iter().map(|f| &f.body))
            .chain(report.recommendations.iter().map(|r| &r.text))
            .chain(
                report
                    .testimonies
                    .iter()
                    .filter(|t| t.consent != Consent::Internal)
                    .map(|t| &t.text),
            );
        let mut found = vec![];
        for text in published {
            let ws = runs_of(&text.markdown);
            let mut i = 0;
            while i + RUN <= ws.len() {
                let key: Vec<&str> = ws[i..i + RUN].iter().map(|(_, x)| x.as_str()).collect();
                match internal.get(&key.join(" ")) {
                    Some(id) => {
                        found.push((
                            locate(&text.origin, &text.markdown, ws[i].0),
                            id.to_string(),
                        ));
                        i += RUN;
                    }
                    None => i += 1,
                }
            }
        }
        for (at, id) in found {
            self.diags.push(
                Diagnostic::error(
                    "consent",
                    at,
                    format!("this text copies testimony `{id}`, whose consent `internal` forbids publishing its words (eight words or more in a row)"),
                )
                .with_hint("summarise the finding in your own words, or cite a testimony whose consent allows it"),
            );
        }
    }

    /// A project whose outline names findings but that has no finding file at all (an empty or
    /// missing `findings/`) gets one error, not one per reference.
    fn check_no_findings(&mut self, raw: &Raw, report: &Report) {
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

    fn ids_of(&self, kinds: &[&str]) -> Vec<String> {
        self.ids
            .iter()
            .filter(|(_, (t, _))| kinds.contains(&t.kind()))
            .map(|(k, _)| k.clone())
            .collect()
    }

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

    fn check_findings(&mut self, raw: &Raw, report: &mut Report) {
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

    /// A state's name as written in a sentence ("the Russian Federation").
    pub fn state_name(&self, code: &str) -> String {
        self.ds
            .state(code)
            .map_or(code.to_string(), |s| s.name_in_text())
    }

    /// The states each finding concerns (declared, else the speakers' nationalities), then the
    /// provisions it lists checked against the roles its states appear in: an article that binds
    /// none of them in their role, or binds only states that are not party, is a warning.
    fn check_roles(&mut self, raw: &Raw, report: &mut Report) {
        for i in 0..report.findings.len() {
            if report.findings[i].concerned.is_empty() {
                let derived = super::roles::speakers_nationalities(report, &report.findings[i]);
                report.findings[i].concerned = derived;
            }
        }
        for (i, (file, fm, off)) in raw.findings.iter().enumerate() {
            let f = &report.findings[i];
            let discusses_ratification = f.body.markdown.to_lowercase().contains("ratif");
            self.line_offset = *off;
            for p in &fm.provisions {
                let Ok(pr) = self.ds.resolve_citation(&p.value) else {
                    continue;
                };
                let at = self.loc(file, p);
                match super::roles::provision_misfit(self.ds, f, &pr) {
                    Some(super::roles::Misfit::NotParty(states)) if !discusses_ratification => {
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
                    Some(super::roles::Misfit::WrongRole { binds, appears }) => {
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

    /// Warns when `pr` is an article that another instrument deleted for `state` (C029
    /// articles 3-24 for the parties to P029). `lead` says who cites it.
    fn warn_if_deleted(
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

    fn check_testimonies(&mut self, raw: &Raw, report: &mut Report) {
        let authors: Vec<String> = report.meta.authors.iter().map(|a| a.id.clone()).collect();
        for (i, (file, t)) in raw.testimonies.iter().enumerate() {
            let consent_at = self.loc(file, &t.consent);
            let name = t
                .speaker
                .name
                .as_ref()
                .map(|s| s.value.trim().to_string())
                .filter(|s| !s.is_empty());
            let pseudonym = t
                .speaker
                .pseudonym
                .as_ref()
                .map(|s| s.value.trim().to_string())
                .filter(|s| !s.is_empty());
            match t.consent.value {
                Consent::Named if name.is_none() => self.diags.error(
                    "consent",
                    consent_at.clone(),
                    format!("testimony `{}` has consent `named` but no `speaker.name` to publish", t.id.value),
                ),
                Consent::Anonymous if pseudonym.is_some() => {
                    let at = self.loc(file, t.speaker.pseudonym.as_ref().unwrap());
                    self.diags.push(
                        Diagnostic::error(
                            "consent",
                            at,
                            format!("testimony `{}` has consent `anonymous` but a `speaker.pseudonym`: an anonymous witness is described, never named", t.id.value),
                        )
                        .with_hint("remove the pseudonym, or make the consent `pseudonymous` if the witness agreed to it"),
                    )
                }
                Consent::Pseudonymous if pseudonym.is_none() => self.diags.push(
                    Diagnostic::error(
                        "consent",
                        consent_at.clone(),
                        format!("testimony `{}` has consent `pseudonymous` but no `speaker.pseudonym`", t.id.value),
                    )
                    .with_hint("add a pseudonym such as a different first name and an initial (`rapporteur pseudonym` proposes some)"),
                ),
                _ => {}
            }
            if let (Some(n), Some(p)) = (&name, &pseudonym)
                && n.to_lowercase() == p.to_lowercase()
                && t.consent.value != Consent::Named
            {
                let at = self.loc(file, t.speaker.pseudonym.as_ref().unwrap());
                self.diags.error(
                    "consent",
                    at,
                    format!(
                        "the pseudonym of testimony `{}` is the speaker's real name",
                        t.id.value
                    ),
                );
            }
            // The real name must not appear in a text that will be published: the one matcher,
            // so `check` sees here what the leak audit would see in the artifacts.
            if t.consent.value != Consent::Named
                && t.consent.value != Consent::Internal
                && let Some(n) = &name
            {
                let publishable: Vec<String> = t
                    .speaker
                    .publishable
                    .iter()
                    .map(|p| p.value.clone())
                    .collect();
                let items = matcher::for_witness(
                    &t.id.value,
                    Some(n),
                    pseudonym.as_deref(),
                    &publishable,
                    &[],
                );
                let m = matcher::Matcher::new(&items);
                let mut seen = vec![];
                for h in m.find_in(&t.text.value) {
                    let part = &m.item(h.item).shown;
                    if seen.contains(part) {
                        continue;
                    }
                    seen.push(part.clone());
                    let at = locate(
                        &report.testimonies[i].text.origin,
                        &t.text.value,
                        h.range.start,
                    );
                    self.diags.error(
                        "consent",
                        at,
                        format!(
                            "the text of testimony `{}` contains `{part}`, part of the speaker's real name, which consent `{}` forbids publishing",
                            t.id.value,
                            t.consent.value.as_str()
                        ),
                    );
                }
            }
            if t.text.value.trim().is_empty() {
                let at = self.loc(file, &t.id);
                self.diags.warning(
                    "empty-text",
                    at,
                    format!("testimony `{}` has an empty `text`", t.id.value),
                );
            }
            let date = t.date.as_ref().and_then(|d| self.date(file, d));
            let country = t.country.as_ref().and_then(|c| self.state(file, c));
            let nationality = t
                .speaker
                .nationality
                .as_ref()
                .and_then(|c| self.state(file, c));
            if let Some(iv) = t.interviewer.as_ref().filter(|_| raw.manifest.is_some())
                && !authors.contains(&iv.value)
            {
                let at = self.loc(file, iv);
                let msg = with_suggestion(
                    format!(
                        "unknown interviewer `{}`: interviewers are author ids from report.yaml",
                        iv.value
                    ),
                    &iv.value,
                    authors.iter().map(String::as_str),
                );
                self.diags.error("unknown-reference", at, msg);
            }
            let mut themes = vec![];
            for th in &t.themes {
                themes.extend(self.theme(file, th));
            }
            if let Some(src) = &t.source
                && !matches!(self.ids.get(&src.value), Some((Target::Document(_), _)))
            {
                let at = self.loc(file, src);
                self.unknown(
                    "unknown-reference",
                    at,
                    "document",
                    &src.value,
                    &["document"],
                );
            }
            self.check_protection(file, t, &report.testimonies[i].text.origin);
            let purposes = t.purposes.as_ref().map(|p| self.purposes(file, t, p));
            let r = &mut report.testimonies[i];
            r.purposes = purposes;
            r.date = date;
            r.country = country;
            r.nationality = nationality;
            r.themes = themes;
        }
        self.check_shared_names(raw);
    }

    /// A testimony's consent per purpose, with its dates checked; an `internal` testimony
    /// consented for the publication or UN submissions is a contradiction (an error).
    fn purposes(
        &mut self,
        file: &str,
        t: &raw::Testimony,
        p: &raw::Purposes,
    ) -> Vec<PurposeConsent> {
        let mut out = vec![];
        for (purpose, grant) in [
            (Purpose::Publication, &p.publication),
            (Purpose::Un, &p.un),
            (Purpose::Partners, &p.partners),
            (Purpose::Court, &p.court),
        ] {
            let Some(g) = grant else { continue };
            let at = self.loc(file, g);
            let date = self.date(file, &g.value.date);
            let withdrawn = g.value.withdrawn.as_ref().and_then(|w| self.date(file, w));
            if let (Some(d), Some(w)) = (date, withdrawn)
                && w < d
            {
                let at = self.loc(file, g.value.withdrawn.as_ref().unwrap());
                self.diags.error("bad-date", at, format!("testimony `{}`: consent to {} is withdrawn on {w}, before it was given ({d})", t.id.value, purpose.described()));
            }
            if t.consent.value == Consent::Internal
                && matches!(purpose, Purpose::Publication | Purpose::Un)
                && g.value.withdrawn.is_none()
            {
                self.diags.push(
                    Diagnostic::error("consent", at.clone(), format!("testimony `{}` has consent `internal` (never published) but `purposes:` consents to {}", t.id.value, purpose.described()))
                        .with_hint("give the level the witness agreed to for publication (`anonymous`, `pseudonymous`, `named`), or remove the purpose"),
                );
            }
            out.push(PurposeConsent {
                purpose,
                date,
                withdrawn,
                line: at.line,
                column: at.col,
            });
        }
        out
    }

    /// Contact details in the text, pseudonyms that give the name away, quasi-identifiers.
    fn check_protection(&mut self, file: &str, t: &raw::Testimony, origin: &Origin) {
        use crate::resolve::risk;
        for c in risk::contact_details(&t.text.value) {
            let off = t.text.value.find(&c).unwrap_or(0);
            let at = locate(origin, &t.text.value, off);
            let what = if c.contains('@') {
                "an e-mail address"
            } else {
                "a phone number"
            };
            self.diags.push(
                Diagnostic::error("contact-details", at, format!("the text of testimony `{}` contains {what} (`{c}`): contact details are never published", t.id.value))
                    .with_hint("remove it from `text`; keep it under `protected:` if the file must hold it"),
            );
        }
        if t.consent.value == Consent::Named {
            return;
        }
        if let (Some(n), Some(p)) = (&t.speaker.name, &t.speaker.pseudonym) {
            let publishable: Vec<String> = t
                .speaker
                .publishable
                .iter()
                .map(|p| p.value.clone())
                .collect();
            for part in risk::parts_kept(&n.value, &p.value, &publishable) {
                let at = self.loc(file, p);
                self.diags.push(
                    Diagnostic::error(
                        "pseudonym",
                        at,
                        format!("testimony `{}`: the pseudonym `{}` contains `{part}`, part of the real name", t.id.value, p.value),
                    )
                    .with_hint(format!("choose another name (`rapporteur pseudonym` proposes some); if publishing `{part}` cannot identify the witness, list it under `speaker.publishable`")),
                );
            }
        }
        if let (Some(n), Some(p)) = (&t.speaker.name, &t.speaker.pseudonym)
            && let Some(why) = risk::pseudonym_clash(&n.value, &p.value)
        {
            let at = self.loc(file, p);
            self.diags.push(
                Diagnostic::warning(
                    "pseudonym",
                    at,
                    format!("testimony `{}`: {why}", t.id.value),
                )
                .with_hint("`rapporteur pseudonym` proposes pseudonyms with another initial"),
            );
        }
        if let Some(d) = &t.speaker.description {
            for why in risk::quasi_identifiers(
                d,
                t.place.as_deref(),
                t.region.as_deref(),
                t.speaker.age,
                t.speaker.occupation.as_deref(),
            ) {
                let at = self.loc(file, &t.id);
                self.diags.warning(
                    "quasi-identifier",
                    at,
                    format!("testimony `{}`: {why}", t.id.value),
                );
            }
        }
    }

    /// Pseudonyms used for two different people, and parts of a protected name that another
    /// testimony publishes (as a pseudonym or as a named witness's name).
    fn check_shared_names(&mut self, raw: &Raw) {
        use crate::text::normalise;
        let person = |t: &raw::Testimony| {
            t.speaker
                .person
                .clone()
                .or_else(|| t.speaker.name.as_ref().map(|n| normalise(&n.value)))
        };
        let mut seen: BTreeMap<String, (String, Option<String>)> = BTreeMap::new();
        for (file, t) in &raw.testimonies {
            let Some(p) = &t.speaker.pseudonym else {
                continue;
            };
            if t.consent.value == Consent::Named {
                continue;
            }
            let key = normalise(&p.value);
            match seen.get(&key) {
                Some((other, other_person))
                    if other_person.is_none() || *other_person != person(t) =>
                {
                    let at = self.loc(file, p);
                    self.diags.push(
                        Diagnostic::warning("pseudonym", at, format!("testimony `{}` uses the pseudonym `{}` of testimony `{other}`", t.id.value, p.value))
                            .with_hint("give each person their own pseudonym; if both are the same person, give both `speaker.person` the same value"),
                    );
                }
                Some(_) => {}
                None => {
                    seen.insert(key, (t.id.value.clone(), person(t)));
                }
            }
        }
        // Words published legitimately elsewhere: pseudonyms and the names of named witnesses.
        // Each word with the first two testimonies that publish it (enough to find one other
        // than the testimony being checked).
        let mut public: HashMap<String, Vec<&str>> = HashMap::new();
        for (_, t) in &raw.testimonies {
            let published = match t.consent.value {
                Consent::Named => t.speaker.name.as_ref(),
                Consent::Pseudonymous => t.speaker.pseudonym.as_ref(),
                _ => None,
            };
            if let Some(p) = published {
                for w in p.value.split(|c: char| !c.is_alphanumeric()) {
                    if w.chars().count() >= 3 {
                        for key in matcher::name_keys(w) {
                            let ids = public.entry(key).or_default();
                            if ids.len() < 2 && !ids.contains(&t.id.value.as_str()) {
                                ids.push(&t.id.value);
                            }
                        }
                    }
                }
            }
        }
        for (file, t) in &raw.testimonies {
            if t.consent.value == Consent::Named {
                continue;
            }
            let Some(n) = &t.speaker.name else { continue };
            let publishable: Vec<String> = t
                .speaker
                .publishable
                .iter()
                .map(|p| p.value.clone())
                .collect();
            let pseudonym = t.speaker.pseudonym.as_ref().map(|p| p.value.as_str());
            let parts =
                matcher::for_witness(&t.id.value, Some(&n.value), pseudonym, &publishable, &[]);
            for part in parts.iter().filter(|p| p.what == matcher::What::Part) {
                let part = &part.shown;
                let other = matcher::name_keys(part).iter().find_map(|k| {
                    public
                        .get(k)
                        .and_then(|ids| ids.iter().find(|id| **id != t.id.value))
                });
                if let Some(other) = other {
                    let at = self.loc(file, n);
                    self.diags.push(
                        Diagnostic::warning(
                            "shared-name",
                            at,
                            format!("`{part}`, part of the real name in testimony `{}`, is also published by testimony `{other}`; the leak audit will stop a public build", t.id.value),
                        )
                        .with_hint(format!("if publishing `{part}` cannot identify this witness, list it under `speaker.publishable`; otherwise change the other testimony's pseudonym")),
                    );
                }
            }
        }
    }

    fn check_recommendations(&mut self, raw: &Raw, report: &mut Report) {
        for (i, (file, rec)) in raw.recommendations.iter().enumerate() {
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
                if matches!(self.ids.get(&a.value), Some((Target::Addressee(_), _))) {
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
            let theme = rec.theme.as_ref().and_then(|t| self.theme(file, t));
            let mut provisions = vec![];
            for p in &rec.provisions {
                provisions.extend(self.provision(file, p));
            }
            let mut findings = vec![];
            for f in &rec.findings {
                if matches!(self.ids.get(&f.value), Some((Target::Finding(_), _))) {
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
            let mut uptake = vec![];
            for u in &rec.uptake {
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
                uptake.push(Uptake {
                    symbol: u.symbol.value.clone(),
                    body,
                    paragraph: u.paragraph.as_ref().map(|p| p.value.clone()),
                    status: u.status.value,
                    note: u.note.clone(),
                });
            }
            let r = &mut report.recommendations[i];
            r.to = to;
            r.theme = theme;
            r.provisions = provisions;
            r.findings = findings;
            r.uptake = uptake;
        }
    }

    fn check_outline(&mut self, raw: &Raw, report: &mut Report) {
        let Some((file, m)) = &raw.manifest else {
            return;
        };
        let file = file.clone();
        let mut placed: BTreeMap<String, Location> = BTreeMap::new();
        let mut used_chapters = BTreeSet::new();
        let mut parts = 0;
        let chapter_files: Vec<String> = report.chapters.iter().map(|c| c.file.clone()).collect();
        for item in &m.outline {
            let item_at = Location::new(
                &file,
                item.referenced.line() as u32,
                item.referenced.column() as u32,
            );
            match &item.value {
                OutlineItem::Word(w) if w == "recommendations" => {
                    report.outline.push(OutlineNode::Recommendations)
                }
                OutlineItem::Word(w) => {
                    let msg = with_suggestion(
                        format!("unknown outline entry `{w}`"),
                        w,
                        ["recommendations"],
                    );
                    self.diags.push(
                        Diagnostic::error("bad-outline", item_at, msg)
                            .with_hint("entries are `chapter: FILE`, `part: TITLE`, `annex: NAME` or `recommendations`"),
                    );
                }
                OutlineItem::Entry(e) => {
                    for k in &e.unknown {
                        let at = self.loc(&file, k);
                        let msg = with_suggestion(
                            format!("unknown outline key `{}`", k.value),
                            &k.value,
                            [
                                "chapter", "part", "id", "intro", "findings", "numbered", "annex",
                            ],
                        );
                        self.diags.error("bad-outline", at, msg);
                    }
                    if let Some(c) = &e.chapter {
                        if let Some(idx) = self.chapter_index(&file, c, &chapter_files) {
                            used_chapters.insert(idx);
                            report.outline.push(OutlineNode::Chapter(idx));
                        }
                    } else if let Some(title) = &e.part {
                        let intro = e
                            .intro
                            .as_ref()
                            .and_then(|c| self.chapter_index(&file, c, &chapter_files));
                        if let Some(i) = intro {
                            used_chapters.insert(i);
                            // An intro need not repeat the part's title.
                            if report.chapters[i].title.is_empty() {
                                report.chapters[i].title = title.value.clone();
                            }
                        }
                        if let Some(id) = &e.id {
                            let at = self.loc(&file, id);
                            self.register(&id.value, Target::Part(parts), at);
                            report.index.insert(id.value.clone(), Target::Part(parts));
                        }
                        parts += 1;
                        let mut findings = vec![];
                        for fr in &e.findings {
                            let fr_at = Location::new(
                                &file,
                                fr.referenced.line() as u32,
                                fr.referenced.column() as u32,
                            );
                            let Some(top) = self.place_finding(
                                &file,
                                &fr.value.id,
                                &fr_at,
                                &mut placed,
                                report,
                            ) else {
                                continue;
                            };
                            findings.push(top);
                            for s in &fr.value.sub {
                                if let Some(sub) =
                                    self.place_finding(&file, s, &fr_at, &mut placed, report)
                                {
                                    report.findings[sub].parent = Some(top);
                                    report.findings[top].subs.push(sub);
                                }
                            }
                        }
                        if findings.is_empty() && e.findings.is_empty() && intro.is_none() {
                            self.diags.warning(
                                "empty-part",
                                item_at,
                                format!("part `{}` has no findings and no intro", title.value),
                            );
                        }
                        report.outline.push(OutlineNode::Part {
                            id: e.id.as_ref().map(|i| i.value.clone()),
                            title: title.value.clone(),
                            intro,
                            findings,
                            numbered: e.numbered.as_ref().is_none_or(|n| n.value),
                        });
                    } else if let Some(a) = &e.annex {
                        let annex = match a.value.as_str() {
                            "ratifications" => Some(Annex::Ratifications),
                            "meetings" => Some(Annex::Meetings),
                            "authorities" => Some(Annex::Authorities),
                            other => {
                                let at = self.loc(&file, a);
                                let msg = with_suggestion(
                                    format!("unknown annex `{other}`"),
                                    other,
                                    ["ratifications", "meetings", "authorities"],
                                );
                                self.diags.push(
                                    Diagnostic::error("bad-outline", at, msg)
                                        .with_hint("generated annexes are `ratifications`, `meetings` and `authorities`"),
                                );
                                None
                            }
                        };
                        report.outline.extend(annex.map(OutlineNode::Annex));
                    } else if e.unknown.is_empty() {
                        self.diags.push(
                            Diagnostic::error("bad-outline", item_at, "empty outline entry")
                                .with_hint("entries are `chapter: FILE`, `part: TITLE`, `annex: NAME` or `recommendations`"),
                        );
                    }
                }
            }
        }
        for c in report.chapters.iter().filter(|c| c.title.is_empty()) {
            self.diags.error(
                "missing-title",
                Location::new(&c.file, 1, 1),
                "chapter has no title: add `title:` in front matter or start it with a `# Heading` (only a part's intro takes the part's title)",
            );
        }
        for (i, f) in report.findings.iter().enumerate() {
            if !placed.contains_key(&f.id) {
                let at = self
                    .ids
                    .get(&f.id)
                    .map(|(_, l)| l.clone())
                    .unwrap_or_else(|| Location::new(&f.file, 1, 1));
                let _ = i;
                self.diags.warning(
                    "not-in-outline",
                    at,
                    format!(
                        "finding `{}` is not in the outline of report.yaml, so it is not published",
                        f.id
                    ),
                );
            }
        }
        for (i, c) in report.chapters.iter().enumerate() {
            if !used_chapters.contains(&i) {
                self.diags.warning(
                    "not-in-outline",
                    Location::new(&c.file, 1, 1),
                    format!(
                        "chapter `{}` is not in the outline of report.yaml, so it is not published",
                        c.file
                    ),
                );
            }
        }
    }

    fn chapter_index(&mut self, file: &str, c: &raw::S, chapter_files: &[String]) -> Option<usize> {
        let want = c.value.trim_start_matches("./");
        if let Some(i) = chapter_files.iter().position(|f| f == want) {
            return Some(i);
        }
        let at = self.loc(file, c);
        let msg = with_suggestion(
            format!("no chapter file `{want}` in the project"),
            want,
            chapter_files.iter().map(String::as_str),
        );
        self.diags.error("unknown-reference", at, msg);
        None
    }

    fn place_finding(
        &mut self,
        file: &str,
        id: &raw::S,
        fallback: &Location,
        placed: &mut BTreeMap<String, Location>,
        report: &Report,
    ) -> Option<usize> {
        let at = if id.referenced == serde_saphyr::Location::UNKNOWN {
            fallback.clone()
        } else {
            self.loc(file, id)
        };
        let Some((Target::Finding(idx), _)) = self.ids.get(&id.value).cloned() else {
            self.unknown("unknown-reference", at, "finding", &id.value, &["finding"]);
            return None;
        };
        if let Some(prev) = placed.get(&id.value) {
            self.diags.error(
                "duplicate-placement",
                at,
                format!(
                    "finding `{}` is already placed in the outline at line {}",
                    id.value, prev.line
                ),
            );
            return None;
        }
        placed.insert(id.value.clone(), at);
        let _ = report;
        Some(idx)
    }

    /// A submission in a language its body does not take is an error, where the dataset records
    /// the body's languages (with their source).
    fn submission_language(&mut self, at: &Location, body: &crate::conventions::Body, tag: &str) {
        let Some(accepted) = body.submission.as_ref().map(|s| &s.languages) else {
            return;
        };
        let language = crate::locale::tag::language_of(tag);
        if accepted.is_empty() || accepted.contains(&language) {
            return;
        }
        let mut d = Diagnostic::error(
            "submission-language",
            at.clone(),
            format!(
                "the {} takes submissions in {}, not in `{tag}` (the report's `language:`)",
                body.id,
                accepted
                    .iter()
                    .map(|l| format!("`{l}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
        .with_hint(format!(
            "write the submission in one of them: set `language:` in report.yaml to {}",
            accepted.join(", ")
        ));
        if let Some(src) = body.submission.as_ref().and_then(|s| s.source.as_ref()) {
            d = d.with_note(format!("source: {src}"));
        }
        self.diags.push(d);
    }

    fn check_outputs(&mut self, raw: &Raw, report: &mut Report) {
        let Some((file, m)) = &raw.manifest else {
            return;
        };
        if m.outputs.is_empty() {
            self.diags.push(
                Diagnostic::warning(
                    "no-outputs",
                    Location::new(file, 1, 1),
                    "report.yaml has no `outputs:`, so `build` writes nothing",
                )
                .with_hint("add for example `outputs: [{publication: {formats: [html, pdf]}}]`"),
            );
        }
        // Submission file names (`cescr-kaz`) already used, and where.
        let mut names: BTreeMap<String, Location> = BTreeMap::new();
        for o in &m.outputs {
            let before = report.outputs.len();
            let at = Location::new(
                file,
                o.referenced.line() as u32,
                o.referenced.column() as u32,
            );
            match &o.value {
                raw::Output::Publication(p) => {
                    self.formats(&at, "a publication", &p.formats, raw::PUBLICATION_FORMATS);
                    report.outputs.push(Output::Publication {
                        formats: p.formats.clone(),
                        audience: p.audience,
                    });
                }
                raw::Output::Recommendations(r) => {
                    if r.by.value != "addressee" {
                        let at = self.loc(file, &r.by);
                        let msg = with_suggestion(
                            format!("unknown grouping `{}`", r.by.value),
                            &r.by.value,
                            ["addressee"],
                        );
                        self.diags.push(
                            Diagnostic::error("bad-value", at, msg)
                                .with_hint("recommendation sheets are made `by: addressee`"),
                        );
                    }
                    self.formats(&at, "recommendations", &r.formats, raw::SHEET_FORMATS);
                    report.outputs.push(Output::Recommendations {
                        formats: r.formats.clone(),
                        audience: r.audience,
                    });
                }
                raw::Output::Upr(u) => {
                    self.formats(&at, "a UPR submission", &u.formats, raw::SUBMISSION_FORMATS);
                    if let Some(upr) = self.ds.body("UPR") {
                        self.submission_language(&at, upr, &report.meta.language);
                    }
                    if let Some(state) = self.state(file, &u.state) {
                        let content = SubmissionFields {
                            contact: &u.contact,
                            findings: &u.findings,
                            recommendations: &u.recommendations,
                            list_of_issues: &[],
                            questions: &u.questions,
                        };
                        let sub = self.submission(file, report, None, &state, content);
                        report.outputs.push(Output::Submission(Box::new(Submission {
                            session: u.session.as_ref().map(|s| s.value.clone()),
                            deadline: None,
                            coalition: u.coalition.unwrap_or(report.meta.authors.len() > 1),
                            formats: u.formats.clone(),
                            audience: u.audience,
                            publish: Some(true),
                            ..sub
                        })));
                    }
                }
                raw::Output::AlternativeReport(a) => {
                    self.formats(
                        &at,
                        "an alternative report",
                        &a.formats,
                        raw::SUBMISSION_FORMATS,
                    );
                    let state = self.state(file, &a.state);
                    let body = match self.ds.body(&a.body.value) {
                        Some(b) if b.kind == BodyKind::TreatyBody => Some(b.clone()),
                        Some(b) => {
                            let at = self.loc(file, &a.body);
                            let hint = if b.kind == BodyKind::Upr {
                                "use `upr: {state: ...}` for a UPR submission"
                            } else {
                                "alternative reports go to UN treaty bodies"
                            };
                            self.diags.push(
                                Diagnostic::error(
                                    "bad-value",
                                    at,
                                    format!("`{}` is not a treaty body", b.id),
                                )
                                .with_hint(hint),
                            );
                            None
                        }
                        None => {
                            let at = self.loc(file, &a.body);
                            let ids: Vec<String> = self
                                .ds
                                .bodies
                                .values()
                                .filter(|b| b.kind == BodyKind::TreatyBody)
                                .map(|b| b.id.clone())
                                .collect();
                            let msg = with_suggestion(
                                format!("unknown treaty body `{}`", a.body.value),
                                &a.body.value,
                                ids.iter().map(String::as_str),
                            );
                            self.diags.error("unknown-reference", at, msg);
                            None
                        }
                    };
                    let deadline = a.deadline.as_ref().and_then(|d| self.date(file, d));
                    if let Some(b) = &body {
                        self.submission_language(&at, b, &report.meta.language);
                    }
                    if let (Some(b), Some(s)) = (body, state) {
                        let main = b.instruments.first().cloned().unwrap_or_default();
                        let status = self.ds.standing(&s, &main).status;
                        if status == Status::Unknown {
                            let at = self.loc(file, &a.state);
                            self.diags.push(
                                Diagnostic::warning(
                                    "status-unknown",
                                    at,
                                    format!(
                                        "the dataset does not know whether {} is a party to the {main}: check the UN Treaty Collection before submitting to the {}",
                                        self.state_name(&s),
                                        b.id
                                    ),
                                )
                                .with_hint("record the fact in the project's conventions/ (see `rapporteur conventions import`)"),
                            );
                        }
                        if !matches!(status, Status::Party | Status::Unknown) {
                            let at = self.loc(file, &a.state);
                            let how = match status {
                                Status::Signatory => "has signed but not ratified",
                                Status::Denounced => "has denounced",
                                _ => "is not a party to",
                            };
                            self.diags.push(
                                Diagnostic::error(
                                    "not-party",
                                    at,
                                    format!(
                                        "{} {how} the {main}, so the {} does not review it: no alternative report to the {} on {s}",
                                        self.state_name(&s),
                                        b.id,
                                        b.id
                                    ),
                                )
                                .with_hint(format!("the UPR reviews every state: use `upr: {{state: {s}}}`, or pick a body whose instrument {s} has ratified")),
                            );
                        } else {
                            let content = SubmissionFields {
                                contact: &a.contact,
                                findings: &a.findings,
                                recommendations: &a.recommendations,
                                list_of_issues: &a.list_of_issues,
                                questions: &a.questions,
                            };
                            let sub = self.submission(file, report, Some(&b), &s, content);
                            report.outputs.push(Output::Submission(Box::new(Submission {
                                session: a.session.as_ref().map(|x| x.value.clone()),
                                deadline,
                                coalition: a.coalition.unwrap_or(report.meta.authors.len() > 1),
                                formats: a.formats.clone(),
                                audience: a.audience,
                                publish: a.publish,
                                ..sub
                            })));
                        }
                    }
                }
            }
            if report.outputs.len() > before
                && let Some(Output::Submission(sub)) = report.outputs.last()
            {
                let name = sub.slug();
                if let Some(first) = names.get(&name) {
                    let msg = format!(
                        "a second submission named `{name}` (the same body and state, first given at line {}): its files would replace the first's",
                        first.line
                    );
                    self.diags.push(
                        Diagnostic::error("duplicate-id", at.clone(), msg)
                            .with_hint("keep one output per body and state"),
                    );
                } else {
                    names.insert(name, at.clone());
                }
            }
        }
    }

    /// Resolves what a submission names (findings, recommendations, the list of issues, the
    /// authors' questions) and checks that each is in the submission's scope.
    fn submission(
        &mut self,
        file: &str,
        report: &Report,
        body: Option<&crate::conventions::Body>,
        state: &str,
        c: SubmissionFields,
    ) -> Submission {
        let instruments = match body {
            Some(b) => scope::Instruments::Body(&b.instruments),
            None => scope::Instruments::All,
        };
        let ds = self.ds;
        let finding = |this: &mut Self, s: &raw::S| -> Option<String> {
            match this.ids.get(&s.value) {
                Some((Target::Finding(i), _)) => {
                    let i = *i;
                    if let Some(why) =
                        scope::finding_out_of_scope(report, ds, &instruments, state, i)
                    {
                        let at = this.loc(file, s);
                        this.diags.push(
                            Diagnostic::error("out-of-scope", at, why)
                                .with_hint("a submission carries only findings about its state that engage the body's instrument"),
                        );
                        None
                    } else {
                        Some(s.value.clone())
                    }
                }
                _ => {
                    let at = this.loc(file, s);
                    this.unknown("unknown-reference", at, "finding", &s.value, &["finding"]);
                    None
                }
            }
        };
        let findings = c
            .findings
            .as_ref()
            .map(|v| v.iter().filter_map(|s| finding(self, s)).collect());
        let mut list_of_issues = vec![];
        let mut seen = BTreeSet::new();
        for e in c.list_of_issues {
            if !seen.insert(e.paragraph.value) {
                let at = self.loc(file, &e.paragraph);
                self.diags.error(
                    "duplicate-id",
                    at,
                    format!(
                        "paragraph {} of the list of issues is given twice",
                        e.paragraph.value
                    ),
                );
            }
            list_of_issues.push(Issue {
                paragraph: e.paragraph.value,
                text: e.text.clone(),
                findings: e.findings.iter().filter_map(|s| finding(self, s)).collect(),
            });
        }
        let mut questions = BTreeMap::new();
        for q in c.questions {
            if let Some(id) = finding(self, &q.finding) {
                questions.insert(id, q.text.trim().to_string());
            }
        }
        let recommendations = c.recommendations.as_ref().map(|v| {
            v.iter()
                .filter_map(|s| match self.ids.get(&s.value) {
                    Some((Target::Recommendation(i), _)) => {
                        let i = *i;
                        if let Some(why) = scope::recommendation_out_of_scope(
                            report,
                            ds,
                            &instruments,
                            state,
                            i,
                        ) {
                            let at = self.loc(file, s);
                            self.diags.push(
                                Diagnostic::error("out-of-scope", at, why).with_hint(
                                    "a submission carries only recommendations to its state that engage the body's instrument",
                                ),
                            );
                            None
                        } else {
                            Some(s.value.clone())
                        }
                    }
                    _ => {
                        let at = self.loc(file, s);
                        self.unknown(
                            "unknown-reference",
                            at,
                            "recommendation",
                            &s.value,
                            &["recommendation"],
                        );
                        None
                    }
                })
                .collect()
        });
        Submission {
            mechanism: match body {
                Some(b) => Mechanism::TreatyBody(b.id.clone()),
                None => Mechanism::Upr,
            },
            state: state.to_string(),
            session: None,
            deadline: None,
            coalition: false,
            formats: vec![],
            audience: None,
            publish: None,
            contact: c.contact.clone(),
            findings,
            recommendations,
            list_of_issues,
            questions,
        }
    }

    fn formats(&mut self, at: &Location, what: &str, formats: &[Format], allowed: &[Format]) {
        for f in formats {
            if !allowed.contains(f) {
                let list: Vec<String> = allowed
                    .iter()
                    .map(|a| format!("{a:?}").to_lowercase())
                    .collect();
                self.diags.error(
                    "bad-value",
                    at.clone(),
                    format!(
                        "format `{}` is not available for {what} (available: {})",
                        format!("{f:?}").to_lowercase(),
                        list.join(", ")
                    ),
                );
            }
        }
    }

    /// Inline references in every text: provisions, cross-references, citations, embeds, footnotes.
    fn check_texts(&mut self, raw: &Raw, report: &mut Report) {
        let mut texts: Vec<(Owner, Text)> = vec![];
        texts.extend(
            report
                .chapters
                .iter()
                .enumerate()
                .map(|(i, c)| (Owner::Chapter(i), c.body.clone())),
        );
        texts.extend(
            report
                .findings
                .iter()
                .enumerate()
                .map(|(i, f)| (Owner::Finding(i), f.body.clone())),
        );
        texts.extend(
            report
                .testimonies
                .iter()
                .enumerate()
                .map(|(i, t)| (Owner::Testimony(i), t.text.clone())),
        );
        texts.extend(
            report
                .recommendations
                .iter()
                .enumerate()
                .map(|(i, r)| (Owner::Recommendation(i), r.text.clone())),
        );
        // Findings the publication carries (cross-references to others would dangle).
        let mut published: BTreeSet<usize> = BTreeSet::new();
        for node in &report.outline {
            if let OutlineNode::Part { findings, .. } = node {
                for f in findings {
                    published.insert(*f);
                    published.extend(report.findings[*f].subs.iter().copied());
                }
            }
        }
        let mut used_testimonies = BTreeSet::new();
        let mut evidence: BTreeSet<usize> = BTreeSet::new();
        let mut inline_provisions: BTreeMap<
            usize,
            Vec<(crate::conventions::lookup::ProvisionRef, Location)>,
        > = BTreeMap::new();
        for (owner, text) in &texts {
            for r in scan(&text.markdown) {
                let at = locate(&text.origin, &text.markdown, r.range.start);
                match &r.kind {
                    RefKind::Provision => match self.ds.resolve_citation(&r.target) {
                        Ok(p) => {
                            if let Owner::Recommendation(i) = owner {
                                inline_provisions.entry(*i).or_default().push((p, at));
                            }
                        }
                        Err(e) => self.diags.error("unknown-provision", at, e),
                    },
                    RefKind::CrossRef => {
                        if !matches!(
                            self.ids.get(&r.target),
                            Some((
                                Target::Finding(_)
                                    | Target::Part(_)
                                    | Target::Chapter(_)
                                    | Target::Recommendation(_),
                                _
                            ))
                        ) {
                            self.unknown(
                                "unknown-reference",
                                at,
                                "cross-reference",
                                &r.target,
                                &["finding", "part", "chapter", "recommendation"],
                            );
                        } else if let Some((Target::Finding(f), _)) = self.ids.get(&r.target)
                            && !published.contains(f)
                        {
                            self.diags.push(
                                Diagnostic::error(
                                    "unpublished-reference",
                                    at,
                                    format!("cross-reference to finding `{}`, which is not in the outline of report.yaml and so is not published", r.target),
                                )
                                .with_hint("place the finding in the outline, or remove the cross-reference"),
                            );
                        }
                    }
                    RefKind::Cite { .. } => match self.ids.get(&r.target).map(|(t, _)| *t) {
                        Some(Target::Document(_) | Target::Meeting(_)) => {
                            if let Owner::Finding(i) = owner {
                                evidence.insert(*i);
                            }
                        }
                        Some(Target::Testimony(t)) => {
                            used_testimonies.insert(t);
                            self.internal_use(&report.testimonies[t], at.clone());
                            if let Owner::Finding(i) = owner {
                                evidence.insert(*i);
                            }
                        }
                        _ => self.unknown(
                            "unknown-reference",
                            at,
                            "source",
                            &r.target,
                            &["document", "meeting", "testimony"],
                        ),
                    },
                    RefKind::Embed { alone } => {
                        match self.ids.get(&r.target).map(|(t, _)| *t) {
                            Some(Target::Testimony(t)) => {
                                used_testimonies.insert(t);
                                self.internal_use(&report.testimonies[t], at.clone());
                                if let Owner::Finding(i) = owner {
                                    evidence.insert(*i);
                                }
                                if matches!(owner, Owner::Testimony(_) | Owner::Recommendation(_)) {
                                    self.diags.error("bad-embed", at, "a testimony can be embedded only in a chapter or finding body");
                                } else if !alone {
                                    self.diags.push(
                                    Diagnostic::error("bad-embed", at, format!("`![[{}]]` must stand alone in its paragraph", r.target))
                                        .with_hint(format!("put a blank line before and after it, or cite it inline with `[@{}]`", r.target)),
                                );
                                }
                            }
                            _ => self.unknown(
                                "unknown-reference",
                                at,
                                "testimony",
                                &r.target,
                                &["testimony"],
                            ),
                        }
                    }
                    RefKind::Stats { alone } => {
                        if r.target != "interviews" {
                            let msg = with_suggestion(
                                format!("unknown figures `stats:{}`", r.target),
                                &r.target,
                                ["interviews"],
                            );
                            self.diags.error("unknown-reference", at, msg);
                        } else if !alone {
                            self.diags.error(
                                "bad-embed",
                                at,
                                "`![[stats:interviews]]` must stand alone in its paragraph",
                            );
                        }
                    }
                    RefKind::FootnoteRef { defined } => {
                        if !defined {
                            self.diags.push(
                                Diagnostic::error(
                                    "unknown-reference",
                                    at,
                                    format!("footnote `[^{}]` is never defined", r.target),
                                )
                                .with_hint(format!(
                                    "add a line `[^{}]: ...` to the same text",
                                    r.target
                                )),
                            );
                        }
                    }
                }
            }
        }
        // Recommendations that invoke an instrument the addressed state has not ratified.
        for (i, rec) in report.recommendations.iter().enumerate() {
            let about_ratification = rec.theme.as_deref() == Some("ratification")
                || rec.text.markdown.to_lowercase().contains("ratif");
            if about_ratification {
                continue;
            }
            let states: BTreeSet<String> = rec
                .to
                .iter()
                .filter_map(|a| report.addressee(a).and_then(|a| a.state.clone()))
                .collect();
            let mut cited: Vec<(crate::conventions::lookup::ProvisionRef, Location)> =
                inline_provisions.remove(&i).unwrap_or_default();
            // The `provisions:` list, each item at its own position.
            if let Some((file, r)) = raw.recommendations.get(i) {
                for s in &r.provisions {
                    if let Ok(p) = self.ds.resolve_citation(&s.value) {
                        cited.push((p, self.loc(file, s)));
                    }
                }
            }
            let mut seen = BTreeSet::new();
            for (p, at) in cited {
                for s in &states {
                    let lead = format!("recommendation `{}` invokes", rec.id);
                    self.warn_if_deleted(&lead, &p, s, at.clone());
                    if self.ds.standing(s, &p.instrument).known_not_bound()
                        && seen.insert((s.clone(), p.instrument.clone()))
                    {
                        let msg = format!(
                            "recommendation `{}` invokes {}, which {} has not ratified",
                            rec.id,
                            p.display(),
                            self.state_name(s)
                        );
                        self.diags.push(
                            Diagnostic::warning("not-ratified", at.clone(), msg).with_hint(
                                format!(
                                    "recommend that {} ratify {} as well (theme `ratification`)",
                                    self.state_name(s),
                                    p.instrument
                                ),
                            ),
                        );
                    }
                }
            }
        }
        if self.incomplete {
            return;
        }
        // An internal testimony is meant to stay unpublished: `audit` says it is not cited.
        for (i, t) in report.testimonies.iter().enumerate() {
            if !used_testimonies.contains(&i) && t.consent != Consent::Internal {
                let at = Location::new(&t.file, t.line, 5);
                let at = self.ids.get(&t.id).map(|(_, l)| l.clone()).unwrap_or(at);
                self.diags.warning(
                    "unused-testimony",
                    at,
                    format!("testimony `{}` is never embedded or cited", t.id),
                );
            }
        }
        for (i, f) in report.findings.iter().enumerate() {
            let has = evidence.contains(&i) || f.subs.iter().any(|s| evidence.contains(s));
            if !has {
                let at = self
                    .ids
                    .get(&f.id)
                    .map(|(_, l)| l.clone())
                    .unwrap_or_else(|| Location::new(&f.file, 1, 1));
                self.diags.push(
                    Diagnostic::warning("no-evidence", at, format!("finding `{}` cites neither a testimony nor a source", f.id))
                        .with_hint("embed a testimony with `![[id]]` or cite a document or meeting with `[@id]`"),
                );
            }
        }
    }

    fn internal_use(&mut self, t: &Testimony, at: Location) {
        if t.consent == Consent::Internal {
            self.diags.push(
                Diagnostic::error(
                    "consent",
                    at,
                    format!("testimony `{}` has consent `internal`: it may not be cited or embedded in text that is published", t.id),
                )
                .with_hint("cite another testimony, or change the consent level only if the witness agreed to it"),
            );
        }
    }
}
