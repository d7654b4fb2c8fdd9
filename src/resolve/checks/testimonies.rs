//! The checks of testimonies: consent against the names given, the real name in the
//! testimony's own text, interviewer and source, protection (contact details, pseudonyms that
//! give the name away, quasi-identifiers), consent per purpose, names shared between
//! testimonies, and an internal testimony's words copied into published text.

use super::super::{Raw, Resolver, text::locate};
use crate::diagnostic::{Diagnostic, Location, with_suggestion};
use crate::model::raw::{self, Consent};
use crate::model::resolved::*;
use crate::text::matcher;
use std::collections::{BTreeMap, HashMap};

/// A testimony's speaker as the checks read it, once: the real name and the pseudonym
/// (trimmed, an empty one as none) and the parts of the real name the authors allow in public
/// outputs (`speaker.publishable`).
struct Names {
    name: Option<String>,
    pseudonym: Option<String>,
    publishable: Vec<String>,
}

impl Names {
    fn of(t: &raw::Testimony) -> Self {
        let given = |s: &Option<raw::S>| {
            s.as_ref()
                .map(|s| s.value.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        Names {
            name: given(&t.speaker.name),
            pseudonym: given(&t.speaker.pseudonym),
            publishable: t
                .speaker
                .publishable
                .iter()
                .map(|p| p.value.clone())
                .collect(),
        }
    }
}

impl Resolver<'_> {
    /// Each testimony checked and its dates, states and themes resolved, then the names the
    /// testimonies share.
    pub(super) fn check_testimonies(&mut self, raw: &Raw, report: &mut Report) {
        let authors: Vec<String> = report.meta.authors.iter().map(|a| a.id.clone()).collect();
        let names: Vec<Names> = raw.testimonies.iter().map(|(_, t)| Names::of(t)).collect();
        // The real names in the texts: each testimony read on its own, shared out among the
        // cores; reported in the testimonies' order, as each is checked.
        let in_text: Vec<Vec<Diagnostic>> = {
            use rayon::prelude::*;
            raw.testimonies
                .par_iter()
                .zip(&names)
                .zip(&report.testimonies)
                .map(|(((_, t), names), r)| name_in_text(t, names, &r.text.origin))
                .collect()
        };
        for ((i, (file, t)), in_text) in raw.testimonies.iter().enumerate().zip(in_text) {
            let origin = &report.testimonies[i].text.origin;
            self.check_consent_names(file, t, &names[i]);
            in_text.into_iter().for_each(|d| self.diags.push(d));
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
            if raw.manifest.is_some() {
                self.check_interviewer(file, t, &authors);
            }
            let mut themes = vec![];
            for th in &t.themes {
                themes.extend(self.theme(file, th));
            }
            self.check_testimony_source(file, t);
            self.check_protection(file, t, &names[i].publishable, origin);
            let purposes = t.purposes.as_ref().map(|p| self.purposes(file, t, p));
            let r = &mut report.testimonies[i];
            r.purposes = purposes;
            r.date = date;
            r.country = country;
            r.nationality = nationality;
            r.themes = themes;
        }
        self.check_shared_pseudonyms(raw);
        self.check_published_name_parts(raw, &names);
    }

    /// The consent level against the names given: `named` needs a name, `pseudonymous` a
    /// pseudonym, `anonymous` none; a pseudonym that is the real name protects nothing.
    fn check_consent_names(&mut self, file: &str, t: &raw::Testimony, names: &Names) {
        let consent_at = self.loc(file, &t.consent);
        match t.consent.value {
            Consent::Named if names.name.is_none() => self.diags.error(
                "consent",
                consent_at,
                format!("testimony `{}` has consent `named` but no `speaker.name` to publish", t.id.value),
            ),
            Consent::Anonymous if names.pseudonym.is_some() => {
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
            Consent::Pseudonymous if names.pseudonym.is_none() => self.diags.push(
                Diagnostic::error(
                    "consent",
                    consent_at,
                    format!("testimony `{}` has consent `pseudonymous` but no `speaker.pseudonym`", t.id.value),
                )
                .with_hint("add a pseudonym such as a different first name and an initial (`rapporteur pseudonym` proposes some)"),
            ),
            _ => {}
        }
        if let (Some(n), Some(p)) = (&names.name, &names.pseudonym)
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
    }

    /// The interviewer is one of the authors of report.yaml.
    fn check_interviewer(&mut self, file: &str, t: &raw::Testimony, authors: &[String]) {
        let Some(iv) = &t.interviewer else { return };
        if authors.contains(&iv.value) {
            return;
        }
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

    /// The `source:` of a testimony is a document of the project.
    fn check_testimony_source(&mut self, file: &str, t: &raw::Testimony) {
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
    fn check_protection(
        &mut self,
        file: &str,
        t: &raw::Testimony,
        publishable: &[String],
        origin: &Origin,
    ) {
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
            for part in risk::parts_kept(&n.value, &p.value, publishable) {
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

    /// Pseudonyms used for two different people (unless both testimonies name the same
    /// `speaker.person`).
    fn check_shared_pseudonyms(&mut self, raw: &Raw) {
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
    }

    /// Parts of a protected name that another testimony publishes, as a pseudonym or as a named
    /// witness's name: the leak audit would stop a public build on them.
    fn check_published_name_parts(&mut self, raw: &Raw, names: &[Names]) {
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
        for ((file, t), names) in raw.testimonies.iter().zip(names) {
            if t.consent.value == Consent::Named {
                continue;
            }
            let Some(n) = &t.speaker.name else { continue };
            let parts = matcher::for_witness(
                &t.id.value,
                names.name.as_deref(),
                names.pseudonym.as_deref(),
                &names.publishable,
                &[],
            );
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

    /// An internal testimony's words copied into published text: any run of eight words of it
    /// (case, accents and punctuation aside) in a chapter, finding, recommendation or published
    /// testimony is an error, reported once per copied passage. One pass over the internal
    /// texts into a set of eight-word runs, one pass over the published texts.
    pub(super) fn check_internal_copies(&mut self, report: &Report) {
        // Eight words in a row, joined by spaces, as the key (one buffer, reused).
        let mut key = String::new();
        let mut internal: rustc_hash::FxHashMap<String, &str> = Default::default();
        // The first word of every run of an internal testimony: a published run starting with
        // another word is no copy. (A word with a space in it, which one Arabic ligature
        // normalises to, could join differently: texts with one are compared run by run.)
        let mut firsts: rustc_hash::FxHashSet<String> = Default::default();
        let mut spaced = false;
        for t in report
            .testimonies
            .iter()
            .filter(|t| t.consent == Consent::Internal)
        {
            let ws = words_of(&t.text.markdown);
            spaced |= ws.norm.contains(' ');
            for k in 0..(ws.len() + 1).saturating_sub(RUN) {
                ws.join(k, RUN, &mut key);
                if !internal.contains_key(key.as_str()) {
                    internal.insert(key.clone(), &t.id);
                    firsts.insert(ws.word(k).to_string());
                }
            }
        }
        if internal.is_empty() {
            return;
        }
        let published: Vec<&Text> = report
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
            )
            .collect();
        // Each published text read on its own, shared out among the cores; the copies in the
        // texts' order.
        let found: Vec<(Location, String)> = {
            use rayon::prelude::*;
            published
                .par_iter()
                .flat_map_iter(|text| copies_in(text, &internal, &firsts, spaced))
                .collect()
        };
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

    /// An `internal` testimony cited or embedded in published text is an error.
    pub(super) fn internal_use(&mut self, t: &Testimony, at: Location) {
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

/// The real name must not appear in a text that will be published: the one matcher, so
/// `check` sees here what the leak audit would see in the artifacts. Each part of the name is
/// reported once.
fn name_in_text(t: &raw::Testimony, names: &Names, origin: &Origin) -> Vec<Diagnostic> {
    if matches!(t.consent.value, Consent::Named | Consent::Internal) {
        return vec![];
    }
    let Some(n) = &names.name else { return vec![] };
    let items = matcher::for_witness(
        &t.id.value,
        Some(n),
        names.pseudonym.as_deref(),
        &names.publishable,
        &[],
    );
    let m = matcher::Matcher::new(&items);
    let mut seen = vec![];
    let mut out = vec![];
    for h in m.find_in(&t.text.value) {
        let part = &m.item(h.item).shown;
        if seen.contains(part) {
            continue;
        }
        seen.push(part.clone());
        let at = locate(origin, &t.text.value, h.range.start);
        out.push(Diagnostic::error(
            "consent",
            at,
            format!(
                "the text of testimony `{}` contains `{part}`, part of the speaker's real name, which consent `{}` forbids publishing",
                t.id.value,
                t.consent.value.as_str()
            ),
        ));
    }
    out
}

/// How many words in a row of an internal testimony make a copy.
const RUN: usize = 8;

/// The runs of eight words of an internal testimony (`internal`, by their first words
/// `firsts`) copied into a published text: where each starts, and whose words they are.
fn copies_in(
    text: &Text,
    internal: &rustc_hash::FxHashMap<String, &str>,
    firsts: &rustc_hash::FxHashSet<String>,
    spaced: bool,
) -> Vec<(Location, String)> {
    let mut key = String::new();
    let mut found = vec![];
    let ws = words_of(&text.markdown);
    let every = spaced || ws.norm.contains(' ');
    let mut i = 0;
    while i + RUN <= ws.len() {
        if !every && !firsts.contains(ws.word(i)) {
            i += 1;
            continue;
        }
        ws.join(i, RUN, &mut key);
        match internal.get(key.as_str()) {
            Some(id) => {
                found.push((
                    locate(&text.origin, &text.markdown, ws.at[i].0),
                    id.to_string(),
                ));
                i += RUN;
            }
            None => i += 1,
        }
    }
    found
}

/// The words of a text, normalised, in one buffer (for the copies of internal testimonies).
#[derive(Default)]
struct Words {
    /// The normalised words, one after the other.
    norm: String,
    /// Per word: its byte offset in the text, and its place in `norm`.
    at: Vec<(usize, std::ops::Range<usize>)>,
}

impl Words {
    fn len(&self) -> usize {
        self.at.len()
    }

    fn word(&self, k: usize) -> &str {
        &self.norm[self.at[k].1.clone()]
    }

    /// Words `k..k + n` joined by spaces, into `key`.
    fn join(&self, k: usize, n: usize, key: &mut String) {
        key.clear();
        for i in k..k + n {
            if i > k {
                key.push(' ');
            }
            key.push_str(self.word(i));
        }
    }
}

/// The words of a text, normalised ([`crate::text::normalise`]), with their byte offsets.
fn words_of(s: &str) -> Words {
    let mut out = Words::default();
    let mut start = None;
    let mut word = String::new();
    // Characters that print nothing (a soft hyphen, a zero-width space) join a word.
    let invisible = crate::text::matcher::is_invisible;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        match (c.is_alphanumeric() || invisible(c), start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                start = None;
                let raw = &s[st..i];
                let begin = out.norm.len();
                if raw.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    // ASCII letters and digits: normalising them is lower-casing them.
                    out.norm
                        .extend(raw.bytes().map(|b| char::from(b.to_ascii_lowercase())));
                } else {
                    word.clear();
                    word.extend(raw.chars().filter(|c| !invisible(*c)));
                    if word.is_empty() {
                        continue;
                    }
                    out.norm.push_str(&crate::text::normalise(&word));
                }
                out.at.push((st, begin..out.norm.len()));
            }
            _ => {}
        }
    }
    out
}
