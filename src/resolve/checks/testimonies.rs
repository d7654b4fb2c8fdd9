//! The checks of testimonies: consent against the names given, the real name in the
//! testimony's own text, interviewer and source, protection (contact details, pseudonyms that
//! give the name away, quasi-identifiers), consent per purpose, names shared between
//! testimonies, and an internal testimony's words copied into published text.

use super::super::fork::Fork;
use super::super::{Raw, Resolver, text::locate};
use crate::diagnostic::{Diagnostic, Location, with_suggestion};
use crate::model::raw::{self, Consent};
use crate::model::resolved::*;
use crate::text::chars::{self, InWord};
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

/// What the checks of one testimony resolve.
struct Resolved {
    date: Option<crate::parse::date::PartialDate>,
    country: Option<String>,
    nationality: Option<String>,
    themes: Vec<String>,
    purposes: Option<Vec<PurposeConsent>>,
}

impl Resolver<'_> {
    /// Each testimony checked and its dates, states and themes resolved, on all cores (each on
    /// a fork of the resolver, the problems reported in the testimonies' order), then the names
    /// the testimonies share.
    pub(super) fn check_testimonies(&mut self, raw: &Raw, report: &mut Report) {
        let authors: Vec<String> = report.meta.authors.iter().map(|a| a.id.clone()).collect();
        let names: Vec<Names> = raw.testimonies.iter().map(|(_, t)| Names::of(t)).collect();
        let manifest = raw.manifest.is_some();
        let items: Vec<_> = raw
            .testimonies
            .iter()
            .zip(&names)
            .zip(&report.testimonies)
            .collect();
        let resolved = self.check_each(&items, |f, &(((file, t), names), r)| {
            f.testimony(file, t, names, &r.text, manifest.then_some(&authors[..]))
        });
        for (r, resolved) in report.testimonies.iter_mut().zip(resolved) {
            r.purposes = resolved.purposes;
            r.date = resolved.date;
            r.country = resolved.country;
            r.nationality = resolved.nationality;
            r.themes = resolved.themes;
        }
        self.check_shared_pseudonyms(raw);
        self.check_published_name_parts(raw, &names);
    }
}

impl Fork<'_> {
    /// One testimony checked (`authors`: the interviewers it may name, if the project has a
    /// report.yaml) and its dates, states and themes resolved.
    fn testimony(
        &mut self,
        file: &str,
        t: &raw::Testimony,
        names: &Names,
        text: &Text,
        authors: Option<&[String]>,
    ) -> Resolved {
        self.check_consent_names(file, t, names);
        for d in name_in_text(t, names, text) {
            self.diags.push(d);
        }
        if text.markdown.trim().is_empty() {
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
        if let Some(authors) = authors {
            self.check_interviewer(file, t, authors);
        }
        let mut themes = vec![];
        for th in &t.themes {
            themes.extend(self.theme(file, th));
        }
        self.check_testimony_source(file, t);
        for d in protection(file, t, &names.publishable, text, self.line_offset) {
            self.diags.push(d);
        }
        let purposes = t.purposes.as_ref().map(|p| self.purposes(file, t, p));
        Resolved {
            date,
            country,
            nationality,
            themes,
            purposes,
        }
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
            && !matches!(self.target(&src.value), Some(Target::Document(_)))
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
}

impl Resolver<'_> {
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
        // Each testimony's published words' keys made on all cores, gathered in its order.
        let keys: Vec<Vec<String>> = {
            use rayon::prelude::*;
            raw.testimonies
                .par_iter()
                .with_max_len(64)
                .map(|(_, t)| {
                    let published = match t.consent.value {
                        Consent::Named => t.speaker.name.as_ref(),
                        Consent::Pseudonymous => t.speaker.pseudonym.as_ref(),
                        _ => None,
                    };
                    published
                        .into_iter()
                        .flat_map(|p| p.value.split(|c: char| !chars::is_alphanumeric(c)))
                        .filter(|w| w.chars().count() >= 3)
                        .flat_map(matcher::name_keys)
                        .collect()
                })
                .collect()
        };
        let mut public: HashMap<String, Vec<&str>> = HashMap::new();
        for ((_, t), keys) in raw.testimonies.iter().zip(keys) {
            for key in keys {
                let ids = public.entry(key).or_default();
                if ids.len() < 2 && !ids.contains(&t.id.value.as_str()) {
                    ids.push(&t.id.value);
                }
            }
        }
        // Each testimony on its own, shared out among the cores; reported in their order.
        let line_offset = self.line_offset;
        let shared: Vec<Vec<Diagnostic>> = {
            use rayon::prelude::*;
            raw.testimonies
                .par_iter()
                .with_max_len(64)
                .zip(names)
                .map(|((file, t), names)| shared_name_parts(file, t, names, &public, line_offset))
                .collect()
        };
        shared
            .into_iter()
            .flatten()
            .for_each(|d| self.diags.push(d));
    }

    /// An internal testimony's words copied into published text: any run of eight words of it
    /// (case, accents and punctuation aside) in a chapter, finding, recommendation or published
    /// testimony is an error, reported once per copied passage. One pass over the internal
    /// texts into a set of eight-word runs, one pass over the published texts.
    pub(super) fn check_internal_copies(&mut self, report: &Report) {
        use rayon::prelude::*;
        // Eight words in a row, joined by spaces, as the key (one buffer, reused).
        let mut key = String::new();
        let mut internal: rustc_hash::FxHashMap<String, &str> = Default::default();
        // The hash of every run of an internal testimony: a published run with another hash
        // is no copy. (A word with a space in it, which one Arabic ligature normalises to,
        // could join differently: texts with one are compared run by run.)
        let mut hashes: rustc_hash::FxHashSet<u64> = Default::default();
        let mut spaced = false;
        let internal_texts: Vec<&Testimony> = report
            .testimonies
            .iter()
            .filter(|t| t.consent == Consent::Internal)
            .collect();
        // Their words read side by side, their runs gathered in the testimonies' order.
        let words: Vec<(Words, Vec<u64>)> = internal_texts
            .par_iter()
            .with_max_len(64)
            .map(|t| {
                let ws = words_of(&t.text.markdown);
                let hashes = run_hashes(&ws);
                (ws, hashes)
            })
            .collect();
        for (t, (ws, runs)) in internal_texts.iter().zip(&words) {
            spaced |= ws.norm.contains(' ');
            for (k, hash) in runs.iter().enumerate() {
                ws.join(k, RUN, &mut key);
                if !internal.contains_key(key.as_str()) {
                    internal.insert(key.clone(), &t.id);
                }
                hashes.insert(*hash);
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
        let found: Vec<(Location, String)> = published
            .par_iter()
            .with_max_len(64)
            .flat_map_iter(|text| copies_in(text, &internal, &hashes, spaced))
            .collect();
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
}

/// The parts of the real name of testimony `t` of `file` that another testimony publishes
/// (`public`: each word published, by the testimonies that publish it).
fn shared_name_parts(
    file: &str,
    t: &raw::Testimony,
    names: &Names,
    public: &HashMap<String, Vec<&str>>,
    line_offset: u32,
) -> Vec<Diagnostic> {
    let mut out = vec![];
    if t.consent.value == Consent::Named {
        return out;
    }
    let Some(n) = &t.speaker.name else {
        return out;
    };
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
            let at = crate::parse::yaml::loc(file, n, line_offset);
            out.push(
                Diagnostic::warning(
                    "shared-name",
                    at,
                    format!("`{part}`, part of the real name in testimony `{}`, is also published by testimony `{other}`; the leak audit will stop a public build", t.id.value),
                )
                .with_hint(format!("if publishing `{part}` cannot identify this witness, list it under `speaker.publishable`; otherwise change the other testimony's pseudonym")),
            );
        }
    }
    out
}

/// Contact details in the text, pseudonyms that give the name away, quasi-identifiers: the
/// problems of testimony `t` of `file` (whose YAML positions are `line_offset` lines down).
fn protection(
    file: &str,
    t: &raw::Testimony,
    publishable: &[String],
    text: &Text,
    line_offset: u32,
) -> Vec<Diagnostic> {
    use crate::resolve::risk;
    let loc = |s| crate::parse::yaml::loc(file, s, line_offset);
    let mut out = vec![];
    for c in risk::contact_details(&text.markdown) {
        let off = text.markdown.find(&c).unwrap_or(0);
        let at = locate(&text.origin, &text.markdown, off);
        let what = if c.contains('@') {
            "an e-mail address"
        } else {
            "a phone number"
        };
        out.push(
            Diagnostic::error("contact-details", at, format!("the text of testimony `{}` contains {what} (`{c}`): contact details are never published", t.id.value))
                .with_hint("remove it from `text`; keep it under `protected:` if the file must hold it"),
        );
    }
    if t.consent.value == Consent::Named {
        return out;
    }
    if let (Some(n), Some(p)) = (&t.speaker.name, &t.speaker.pseudonym) {
        for part in risk::parts_kept(&n.value, &p.value, publishable) {
            out.push(
                Diagnostic::error(
                    "pseudonym",
                    loc(p),
                    format!("testimony `{}`: the pseudonym `{}` contains `{part}`, part of the real name", t.id.value, p.value),
                )
                .with_hint(format!("choose another name (`rapporteur pseudonym` proposes some); if publishing `{part}` cannot identify the witness, list it under `speaker.publishable`")),
            );
        }
    }
    if let (Some(n), Some(p)) = (&t.speaker.name, &t.speaker.pseudonym)
        && let Some(why) = risk::pseudonym_clash(&n.value, &p.value)
    {
        out.push(
            Diagnostic::warning(
                "pseudonym",
                loc(p),
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
            out.push(Diagnostic::warning(
                "quasi-identifier",
                loc(&t.id),
                format!("testimony `{}`: {why}", t.id.value),
            ));
        }
    }
    out
}

/// The real name must not appear in a text that will be published: the one matcher, so
/// `check` sees here what the leak audit would see in the artifacts. Each part of the name is
/// reported once.
fn name_in_text(t: &raw::Testimony, names: &Names, text: &Text) -> Vec<Diagnostic> {
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
    for h in m.find_in(&text.markdown) {
        let part = &m.item(h.item).shown;
        if seen.contains(part) {
            continue;
        }
        seen.push(part.clone());
        let at = locate(&text.origin, &text.markdown, h.range.start);
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

/// The runs of eight words of an internal testimony (`internal`, and the hashes of its runs
/// `hashes`) copied into a published text: where each starts, and whose words they are.
fn copies_in(
    text: &Text,
    internal: &rustc_hash::FxHashMap<String, &str>,
    hashes: &rustc_hash::FxHashSet<u64>,
    spaced: bool,
) -> Vec<(Location, String)> {
    if !spaced && !may_copy(&text.markdown, hashes) {
        return vec![];
    }
    let mut key = String::new();
    let mut found = vec![];
    let ws = words_of(&text.markdown);
    let every = spaced || ws.norm.contains(' ');
    let runs = if every { vec![] } else { run_hashes(&ws) };
    let mut i = 0;
    while i + RUN <= ws.len() {
        if !every && !hashes.contains(&runs[i]) {
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

/// The hash of the run of eight words that ends at each word, rolled along a text's words: the
/// one hash of [`run_hashes`] and [`may_copy`] (two runs with the same words have the same
/// hash).
#[derive(Default)]
struct RunHash {
    /// The hashes of the last eight words, the oldest at `words % RUN`.
    last: [u64; RUN],
    words: usize,
    run: u64,
}

impl RunHash {
    /// The base of the rolling hash.
    const BASE: u64 = 0x0000_0100_0000_01b3;
    /// The first word's share of a run's hash, taken out as the run moves on.
    const FIRST: u64 = Self::BASE.wrapping_pow(RUN as u32 - 1);

    /// Rolls the next word (normalised) into the run: the hash of the run it ends, once eight
    /// words have been read.
    fn push(&mut self, word: &str) -> Option<u64> {
        use std::hash::BuildHasher;
        let h = rustc_hash::FxBuildHasher.hash_one(word);
        let k = self.words % RUN;
        if self.words >= RUN {
            self.run = self
                .run
                .wrapping_sub(self.last[k].wrapping_mul(Self::FIRST));
        }
        self.run = self.run.wrapping_mul(Self::BASE).wrapping_add(h);
        self.last[k] = h;
        self.words += 1;
        (self.words >= RUN).then_some(self.run)
    }
}

/// Whether a run of eight words of `s` may be a copy: the hash of one of its runs
/// ([`run_hashes`]) is in `hashes`, or a word's normalised form holds a space (such texts are
/// compared run by run). Reads the words as [`words_of`] does, each hashed and rolled into the
/// run as it is read, without keeping them: most published texts copy nothing, and are read
/// once, without the lists [`copies_in`] builds to find where a copy is.
fn may_copy(s: &str, hashes: &rustc_hash::FxHashSet<u64>) -> bool {
    let mut run = RunHash::default();
    let mut may = false;
    let mut norm = String::new();
    read_words(s, &mut norm, |norm, _, begin| {
        let w = &norm[begin..];
        may = run.push(w).is_some_and(|h| hashes.contains(&h)) || w.contains(' ');
        norm.clear();
        !may
    });
    may
}

/// The hash of each run of eight words of `ws`, by the word it starts at ([`RunHash`]).
fn run_hashes(ws: &Words) -> Vec<u64> {
    let mut run = RunHash::default();
    (0..ws.len()).filter_map(|k| run.push(ws.word(k))).collect()
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
    // Sized once for the text (a word and its gap take about six bytes), where growing them
    // word by word reallocated them again and again, for every text of a large project.
    let mut norm = String::with_capacity(s.len());
    let mut at = Vec::with_capacity(s.len() / 6 + 1);
    read_words(s, &mut norm, |norm, st, begin| {
        at.push((st, begin..norm.len()));
        true
    });
    Words { norm, at }
}

/// Reads the words of `s` one by one: each word's normalised form is appended to `norm`, and
/// `word` is given `norm`, the word's byte offset in `s` and where its form starts in `norm`;
/// the reading stops when `word` returns false. The one reading of [`words_of`] and
/// [`may_copy`].
fn read_words(s: &str, norm: &mut String, mut word: impl FnMut(&mut String, usize, usize) -> bool) {
    let mut whole = String::new();
    let b = s.as_bytes();
    let mut i = 0;
    let class = |i: usize| BYTE_CLASS[usize::from(b[i])];
    loop {
        // What joins no word, skipped (printable ASCII at once: it never does).
        while i < b.len() && class(i) != ALNUM {
            if class(i) == SKIP {
                i += 1;
                continue;
            }
            match joins_word(s, i) {
                (false, len) => i += len,
                (true, _) => break,
            }
        }
        if i == b.len() {
            return;
        }
        // A word: runs of ASCII letters and digits read at once, any other character asked.
        let st = i;
        let mut plain = true;
        loop {
            while i < b.len() && class(i) == ALNUM {
                i += 1;
            }
            match (i < b.len() && class(i) == ASK).then(|| joins_word(s, i)) {
                Some((true, len)) => (plain, i) = (false, i + len),
                _ => break,
            }
        }
        let raw = &s[st..i];
        let begin = norm.len();
        if plain {
            // ASCII letters and digits: normalising them is lower-casing them.
            norm.push_str(raw);
            norm[begin..].make_ascii_lowercase();
        } else if !fold_word(raw, norm).unwrap_or_else(|| {
            // A character whose form is not in the table: the word normalised whole.
            whole.clear();
            whole.extend(raw.chars().filter(|c| !is_invisible(*c)));
            norm.push_str(&crate::text::normalise(&whole));
            !whole.is_empty()
        }) {
            continue;
        }
        if !word(norm, st, begin) {
            return;
        }
    }
}

/// Appends the normalised form of `word` (a word of [`words_of`]) with its invisible characters
/// left out, each character's form from the table ([`chars::in_word`]): whether it had a
/// visible character, or `None` (nothing appended) when a character's form is not in the table.
fn fold_word(word: &str, out: &mut String) -> Option<bool> {
    let begin = out.len();
    let mut any = false;
    for c in word.chars() {
        if let Some(l) = russian_fold(c) {
            out.push(l);
            any = true;
            continue;
        }
        match chars::in_word(c) {
            InWord::Invisible => {}
            InWord::Form(form) => {
                out.extend(form);
                any = true;
            }
            InWord::Not | InWord::Unknown => {
                out.truncate(begin);
                return None;
            }
        }
    }
    Some(any)
}

/// The normalised form of a letter of the basic Russian alphabet (А to я): its lower case, и
/// for Й and й (the breve taken off), as the table gives it (a test compares them).
fn russian_fold(c: char) -> Option<char> {
    match c {
        'Й' | 'й' => Some('и'),
        'А'..='Я' => char::from_u32(c as u32 + 0x20),
        'а'..='я' => Some(c),
        _ => None,
    }
}

/// The classes of [`BYTE_CLASS`]: printable ASCII that joins no word, an ASCII letter or
/// digit, and a byte whose character [`joins_word`] is asked about (a control character, or
/// any byte of a character beyond ASCII).
const SKIP: u8 = 0;
const ALNUM: u8 = 1;
const ASK: u8 = 2;

/// Each byte's class for [`words_of`], looked up instead of compared.
const BYTE_CLASS: [u8; 256] = {
    let mut t = [ASK; 256];
    let mut c = 0x20;
    while c < 0x7f {
        t[c] = if (c as u8).is_ascii_alphanumeric() {
            ALNUM
        } else {
            SKIP
        };
        c += 1;
    }
    t
};

/// Characters that print nothing (a soft hyphen, a zero-width space) join a word.
use crate::text::matcher::is_invisible;

/// Whether the character at byte `i` of `s` (a character's first byte) joins a word (a letter,
/// a digit, or a character that prints nothing), and its length in bytes.
fn joins_word(s: &str, i: usize) -> (bool, usize) {
    match s.as_bytes()[i] {
        b if b.is_ascii_alphanumeric() => (true, 1),
        // No printable ASCII character prints nothing: only the control ones are asked.
        b if b.is_ascii() => ((b < 0x20 || b == 0x7f) && is_invisible(char::from(b)), 1),
        // А to я (a letter, the commonest case).
        _ if chars::basic_russian_at(s.as_bytes(), i).is_some() => (true, 2),
        _ => {
            let c = s[i..].chars().next().unwrap_or(' ');
            (chars::joins_word(c), c.len_utf8())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_russian_letter_folds_as_the_table_folds_it() {
        for c in '\u{400}'..='\u{4FF}' {
            let table = match chars::in_word(c) {
                InWord::Form(form) if form.len() == 1 => Some(form[0]),
                _ => None,
            };
            if let Some(l) = russian_fold(c) {
                assert_eq!(Some(l), table, "{c}");
                assert_eq!(joins_word(&c.to_string(), 0), (true, 2), "{c}");
            }
        }
        assert!(('А'..='я').all(|c| russian_fold(c).is_some()));
    }

    #[test]
    fn a_run_has_the_hash_of_its_words_wherever_it_is() {
        let text = "One two three four five six seven eight nine ten, one two three four five six seven eight.";
        let ws = words_of(text);
        let runs = run_hashes(&ws);
        assert_eq!(runs.len(), ws.len() + 1 - RUN);
        // The same eight words at word 0 and at word 10; every other run differs.
        assert_eq!(runs[0], runs[10]);
        for k in 1..10 {
            assert_ne!(runs[k], runs[0]);
        }
        assert!(run_hashes(&words_of("too few words here")).is_empty());
    }

    /// The words as first read, character by character: what `words_of` must give.
    fn plain_words_of(s: &str) -> Vec<(usize, String)> {
        let invisible = crate::text::matcher::is_invisible;
        let mut out = vec![];
        let mut start = None;
        for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
            match (c.is_alphanumeric() || invisible(c), start) {
                (true, None) => start = Some(i),
                (false, Some(st)) => {
                    start = None;
                    let word: String = s[st..i].chars().filter(|c| !invisible(*c)).collect();
                    if !word.is_empty() {
                        out.push((st, crate::text::normalise(&word)));
                    }
                }
                _ => {}
            }
        }
        out
    }

    #[test]
    fn words_are_read_as_character_by_character_on_varied_texts() {
        let pieces = [
            "Word",
            "ABC",
            "x9",
            "12",
            " ",
            " ",
            ", ",
            ".",
            "\n",
            "\t",
            "\u{b}",
            "\u{1}",
            "\u{7f}",
            "\u{ad}",
            "\u{200b}",
            "Ё",
            "ёлка",
            "é",
            "e\u{301}",
            "Straße",
            "İ",
            "ΣΑΣ",
            "'",
            "-",
            "_",
            "&amp;",
            "&#233;",
            "ﬁ",
            "٣",
            "\u{feff}",
            "’",
            "Айгүл",
            "Қ",
            "ǅ",
            "\u{345}",
            "й",
        ];
        let mut next = crate::text::xorshift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..3000 {
            let text: String = (0..next() % 40)
                .map(|_| pieces[next() % pieces.len()])
                .collect();
            let ws = words_of(&text);
            let got: Vec<(usize, String)> = (0..ws.len())
                .map(|k| (ws.at[k].0, ws.word(k).to_string()))
                .collect();
            assert_eq!(got, plain_words_of(&text), "{text:?}");
        }
    }

    /// The one reading that hashes words as it goes says a text may hold a copy exactly when
    /// the lists built from its words do: a run's hash among the internal ones, or a word whose
    /// form holds a space. Texts of a few words, so that runs recur; both answers occur.
    #[test]
    fn a_text_may_copy_exactly_when_a_run_of_its_words_has_an_internal_hash() {
        let pieces = [
            "Aigul ",
            "worked ",
            "in ",
            "Almaty ",
            "WORKED ",
            "the ",
            "market, ",
            "debt. ",
            "\n",
            "Қарыз ",
            "ёлка ",
            "x9 ",
            "- ",
            "\u{fdfa} ",
        ];
        let mut next = crate::text::xorshift(0x2545_f491_4f6c_dd1d);
        // The ligature (its form has spaces, the last piece) in one piece of a hundred.
        let mut piece = || match next() % 100 {
            0 => pieces[13],
            k => pieces[k % 13],
        };
        let internal: Vec<Vec<&str>> = (0..6).map(|_| (0..30).map(|_| piece()).collect()).collect();
        let hashes: rustc_hash::FxHashSet<u64> = internal
            .iter()
            .flat_map(|t| run_hashes(&words_of(&t.concat())))
            .collect();
        let mut next = crate::text::xorshift(0x9e37_79b9_7f4a_7c15);
        let (mut copied, mut spaced, mut no) = (0, 0, 0);
        for k in 0..6000 {
            // Random pieces, every third text around a stretch of an internal one (its first
            // and last runs then at the text's edges).
            let mut text: Vec<&str> = (0..k % 7).map(|_| pieces[next() % 13]).collect();
            if k % 3 == 0 {
                let from = &internal[next() % internal.len()];
                let at = next() % 20;
                text.extend(&from[at..at + 8 + next() % 3]);
            }
            text.extend((0..next() % 4).map(|_| pieces[next() % 13]));
            if k % 50 == 1 {
                text.push(pieces[13]);
            }
            let published = text.concat();
            let ws = words_of(&published);
            let by_hash = run_hashes(&ws).iter().any(|h| hashes.contains(h));
            let expected = ws.norm.contains(' ') || by_hash;
            assert_eq!(may_copy(&published, &hashes), expected, "{published:?}");
            match (by_hash, expected) {
                (true, _) => copied += 1,
                (false, true) => spaced += 1,
                _ => no += 1,
            }
        }
        assert!(
            copied > 100 && spaced > 10 && no > 100,
            "{copied} {spaced} {no}"
        );
    }
}
