//! The conventions dataset: instruments and their articles, states and their ratifications,
//! treaty bodies and their submission settings, and the theme vocabulary. The built-in dataset
//! (the repository's `conventions/` folder) is compiled into the binary; a project's own
//! `conventions/` is merged over it by id.

pub mod import;
pub mod lookup;

use crate::diagnostic::{Diagnostics, Location};
use crate::load::SourceFile;
use crate::parse::yaml;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

static BUILTIN: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/conventions");

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    UnCore,
    UnProtocol,
    IloFundamental,
    IloGovernance,
    IloTechnical,
}

impl Family {
    pub fn is_ilo(self) -> bool {
        matches!(
            self,
            Family::IloFundamental | Family::IloGovernance | Family::IloTechnical
        )
    }
    pub fn label(self) -> &'static str {
        match self {
            Family::UnCore => "UN core treaty",
            Family::UnProtocol => "UN optional protocol",
            Family::IloFundamental => "ILO fundamental",
            Family::IloGovernance => "ILO governance",
            Family::IloTechnical => "ILO technical",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    pub id: String,
    pub family: Family,
    pub title: String,
    pub short: Option<String>,
    /// The title in other languages, by language subtag; a French title carries its article as
    /// the UN writes names: "Pacte international ... (le)".
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub titles: BTreeMap<String, String>,
    /// Where the titles in other languages were read, per language (required with `titles:`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub titles_source: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub adopted: Option<u16>,
    pub in_force: Option<u16>,
    pub articles: u32,
    pub body: Option<String>,
    pub parent: Option<String>,
    pub treaty_collection: Option<String>,
    pub url: Option<String>,
    pub source: String,
    #[serde(default)]
    pub parts: Vec<Part>,
    #[serde(default)]
    pub provisions: Vec<Provision>,
    /// Articles another instrument deleted, for the states party to it (C029 arts. 3-24, by P029).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deleted: Vec<Deletion>,
    /// Where the `binds` marks of the provisions come from (required when any is marked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub binds_source: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// The instrument's whole list of parties as at a date: the dataset records every party,
    /// so a state without a fact is not party as at that date (inferred by the loader).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parties: Option<PartyList>,
    /// The file the instrument was read from, for diagnostics.
    #[serde(skip)]
    pub file: String,
}

/// A complete list of an instrument's parties, as a source states it: `count` ratifications
/// (or consents) as at `as_of`, denounced ones included (the ILO counts them). When the facts
/// recorded for the instrument (party and denounced, with consent on or before `as_of`)
/// number `count`, every state without a fact gets a `not-party` fact inferred from the list.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PartyList {
    pub count: u32,
    /// The date the source shows the list (YYYY, YYYY-MM or YYYY-MM-DD).
    pub as_of: String,
    /// Where the count was read; "not verified" when it is a secondary source.
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Articles `from`..=`to` are deleted for the states party to the instrument `by`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Deletion {
    pub from: u32,
    pub to: u32,
    pub by: String,
    pub note: Option<String>,
    pub source: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub name: String,
    pub from: u32,
    pub to: u32,
    pub label: Option<String>,
    #[serde(default)]
    pub substantive: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Provision {
    pub article: u32,
    /// A short caption in the project's own words (English): not the treaty's text or title.
    pub topic: String,
    /// The caption in other languages, by language subtag, likewise the project's own words.
    /// An edition in a language without one prints the article without a caption.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub topics: BTreeMap<String, String>,
    /// The roles in which the article binds a State party (the Migrant Workers Convention marks
    /// them); empty: not marked, binds a party in any role.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub binds: Vec<Role>,
}

/// The role in which a state appears in a migration: the State of origin of the migrants
/// concerned, a State of transit, or the State of employment (ICRMW art. 6). A finding's
/// responsible state is where the conduct happens (transit or employment); the state its
/// migrants come from is their State of origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Origin,
    Transit,
    Employment,
}

impl Role {
    /// "a State of origin", as the Convention names the role.
    pub fn label(self) -> &'static str {
        match self {
            Role::Origin => "State of origin",
            Role::Transit => "State of transit",
            Role::Employment => "State of employment",
        }
    }
}

/// What the dataset knows of a state's relation to an instrument. `Unknown` is a status of its own:
/// a fact the dataset lacks is never read as "not party".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Bound: ratified, acceded, succeeded, accepted, approved (a denunciation not yet in effect
    /// leaves the state a party).
    Party,
    /// Signed, with no consent to be bound.
    Signatory,
    /// Checked: no signature and no consent to be bound.
    NotParty,
    /// Was a party; its denunciation has taken effect.
    Denounced,
    /// Not established: the dataset does not know.
    Unknown,
}

impl Status {
    /// The status in words, as tables print it.
    pub fn label(self) -> &'static str {
        match self {
            Status::Party => "party",
            Status::Signatory => "signatory",
            Status::NotParty => "not party",
            Status::Denounced => "denounced",
            Status::Unknown => "unknown",
        }
    }
}

/// How a state expressed its consent to be bound (the UN Treaty Collection's markers: none for
/// ratification, `a`, `d`, `A`, `AA`, `c`; ILO conventions are ratified).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    Ratification,
    Accession,
    Succession,
    Acceptance,
    Approval,
    FormalConfirmation,
}

impl Action {
    pub fn label(self) -> &'static str {
        match self {
            Action::Ratification => "ratification",
            Action::Accession => "accession",
            Action::Succession => "succession",
            Action::Acceptance => "acceptance",
            Action::Approval => "approval",
            Action::FormalConfirmation => "formal confirmation",
        }
    }
}

/// One ratification fact: a state and an instrument. Dates are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`
/// (as precise as the source).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Ratification {
    pub instrument: String,
    pub status: Status,
    /// How consent was expressed (party and denounced only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<Action>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<String>,
    /// Date of the consent to be bound (ILO: registration of the ratification).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Date the denunciation was notified (UN) or registered by the ILO (NORMLEX: "Denounced on").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denounced: Option<String>,
    /// Date the denunciation took (or takes) effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denunciation_effective: Option<String>,
    /// A party again after a denunciation (the earlier denunciation's dates are `denounced` and
    /// `denunciation_effective`; `date` is the new consent).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reaccession: bool,
    /// The date the source showed this status (the fact is known true as at this date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Not recorded: the loader inferred the fact (`not-party`) from the instrument's complete
    /// list of parties. Never read from a file, never written to one.
    #[serde(
        default,
        skip_deserializing,
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub inferred: bool,
}

/// A state's status for an instrument as the dataset knows it: `record` is the fact behind it
/// (none when the dataset has no fact, which is `Status::Unknown`).
#[derive(Debug, Clone, Copy)]
pub struct Standing<'a> {
    pub status: Status,
    pub record: Option<&'a Ratification>,
}

impl Standing<'_> {
    /// A ratification table's cell, in the words of `l`: the year of consent (`†` when after
    /// `report_year`), "signed YEAR", "not ratified" ("not ratified (inferred)" when the fact is
    /// inferred from a complete list of parties), "denounced YEAR" or "unknown". Never "not
    /// ratified" for a fact the dataset lacks.
    pub fn cell(&self, report_year: u16, l: &crate::locale::Locale) -> String {
        let year = |d: Option<&String>| d.map(|d| d.chars().take(4).collect::<String>());
        let with_year = |key: &str, d: Option<&String>| {
            let y = year(d).unwrap_or_default();
            l.fmt(key, &[("year", &y)]).trim().to_string()
        };
        let r = self.record;
        match self.status {
            Status::Party => {
                let y = year(r.and_then(|r| r.date.as_ref()));
                let later = y
                    .as_deref()
                    .and_then(|y| y.parse::<u16>().ok())
                    .is_some_and(|y| y > report_year);
                match y {
                    Some(y) if later => format!("{y}†"),
                    Some(y) => y,
                    None => l.t("publication.cell-party"),
                }
            }
            Status::Signatory => {
                with_year("publication.cell-signed", r.and_then(|r| r.signed.as_ref()))
            }
            Status::NotParty if self.inferred() => l.t("publication.cell-inferred"),
            Status::NotParty => l.t("publication.cell-not-ratified"),
            Status::Denounced => with_year(
                "publication.cell-denounced",
                r.and_then(|r| r.denunciation_effective.as_ref().or(r.denounced.as_ref())),
            ),
            Status::Unknown => l.t("publication.cell-unknown"),
        }
    }

    /// Whether the status is inferred from a complete list of parties, not recorded.
    pub fn inferred(&self) -> bool {
        self.record.is_some_and(|r| r.inferred)
    }

    /// For a status inferred from a complete list of parties, a note saying so (a warning that
    /// rests on it says how current it is): None for a recorded fact.
    pub fn inferred_note(&self) -> Option<String> {
        let r = self.record.filter(|r| r.inferred)?;
        Some(format!(
            "the dataset infers this: the state is not among the parties of its complete list of {}'s parties as at {}, and it may have ratified since",
            r.instrument,
            r.as_of.as_deref().unwrap_or("its date")
        ))
    }

    /// Whether the dataset knows the state is not bound (not party, signatory only, denounced):
    /// the only case in which a "not ratified" warning may be given.
    pub fn known_not_bound(&self) -> bool {
        matches!(
            self.status,
            Status::NotParty | Status::Signatory | Status::Denounced
        )
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub names: BTreeMap<String, String>,
    /// Other English and French names the sources use (UN Treaty Collection, ILO NORMLEX),
    /// for `conventions import` to map a participant to this state.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub un_member: bool,
    #[serde(default)]
    pub ratifications: Vec<Ratification>,
}

/// Names that take "the" in running text, as the UN writes them ("the Russian Federation", "the
/// Netherlands"); names of the form "Iran (Islamic Republic of)" are turned around as well.
const NAMES_WITH_ARTICLE: &[&str] = &[
    "Bahamas",
    "Comoros",
    "Congo",
    "Gambia",
    "Marshall Islands",
    "Netherlands",
    "Niger",
    "Philippines",
    "Sudan",
];

impl State {
    /// The state's name as written inside a sentence: "the Russian Federation", "Kyrgyzstan",
    /// "the Islamic Republic of Iran".
    pub fn name_in_text(&self) -> String {
        name_in_text(&self.name)
    }
}

impl State {
    /// The state's name in a language, standing alone (a cover's "State party: Kazakhstan"):
    /// the UN's French and Spanish names without their article ("Fédération de Russie",
    /// "Federación de Rusia"); the English name where the dataset has none.
    pub fn display_name(&self, language: &str) -> String {
        match (language, self.names.get(language)) {
            ("en", _) | (_, None) => self.name.clone(),
            ("fr" | "es", Some(n)) => n
                .rsplit_once(" (")
                .map_or(n.clone(), |(b, _)| b.to_string()),
            (_, Some(n)) => n.clone(),
        }
    }

    /// The state's name in a language, as written inside a sentence: "the Russian Federation",
    /// "la Fédération de Russie", "la Federación de Rusia" (the UN's French and Spanish names
    /// carry their article: "Fédération de Russie (la)"), "Российская Федерация"; the English
    /// name where the dataset has none.
    pub fn name_in(&self, language: &str) -> String {
        match (language, self.names.get(language)) {
            ("en", _) | (_, None) => self.name_in_text(),
            ("fr" | "es", Some(n)) => french_in_text(n),
            (_, Some(n)) => n.clone(),
        }
    }
}

/// "Fédération de Russie (la)" -> "la Fédération de Russie"; "Ouzbékistan (l')" -> "l'Ouzbékistan".
fn french_in_text(name: &str) -> String {
    match name.rsplit_once(" (") {
        Some((base, article)) if article.ends_with(')') => {
            let article = article.trim_end_matches(')');
            if article.ends_with('\'') {
                format!("{article}{base}")
            } else {
                format!("{article} {base}")
            }
        }
        _ => name.to_string(),
    }
}

impl Instrument {
    /// The title in a language as written inside a sentence ("le Pacte international relatif
    /// aux droits économiques, sociaux et culturels"); the English title where the dataset has
    /// none. English sentences put "the" before it themselves.
    pub fn title_in(&self, language: &str) -> String {
        match (language, self.titles.get(language)) {
            ("en", _) | (_, None) => self.title.clone(),
            ("fr" | "es", Some(t)) => french_in_text(t),
            (_, Some(t)) => t.clone(),
        }
    }

    /// The title in a language standing alone (a table's heading): the French and Spanish
    /// titles without the article the UN writes after them; the English title where the
    /// dataset has none.
    pub fn title_alone(&self, language: &str) -> String {
        let articles = [
            " (le)", " (la)", " (les)", " (l')", " (el)", " (los)", " (las)",
        ];
        match self.titles.get(language) {
            Some(t) if language != "en" => articles
                .iter()
                .find_map(|a| t.strip_suffix(a))
                .unwrap_or(t)
                .to_string(),
            _ => self.title.clone(),
        }
    }

    /// The short title in a language: the English short title, or the full title in another
    /// language (the dataset has no short titles in other languages).
    pub fn short_in(&self, language: &str) -> String {
        match language {
            "en" => self.short.clone().unwrap_or_else(|| self.title.clone()),
            _ => self.title_in(language),
        }
    }
}

impl Body {
    /// The body's name in a language, the English name where the dataset has none.
    pub fn name_in(&self, language: &str) -> &str {
        self.names.get(language).unwrap_or(&self.name)
    }
}

/// A state name as written inside a sentence (see [`State::name_in_text`]).
pub fn name_in_text(name: &str) -> String {
    if let Some((base, rest)) = name.split_once(" (")
        && let Some(form) = rest.strip_suffix(')')
    {
        return format!("the {form} {base}");
    }
    let formal = ["Republic", "Federation", "Kingdom", "United ", "Emirates"];
    if NAMES_WITH_ARTICLE.contains(&name) || formal.iter().any(|w| name.contains(w)) {
        format!("the {name}")
    } else {
        name.to_string()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BodyKind {
    TreatyBody,
    Upr,
    Ilo,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    pub id: String,
    pub name: String,
    /// The body's name in other languages, by language subtag (`fr`, `ru`, `es`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub names: BTreeMap<String, String>,
    pub kind: BodyKind,
    #[serde(default)]
    pub instruments: Vec<String>,
    pub symbol_prefix: Option<String>,
    #[serde(default)]
    pub submission: Option<Submission>,
    pub source: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    pub word_limit: Option<u32>,
    pub coalition_word_limit: Option<u32>,
    pub page_limit: Option<u32>,
    pub coalition_page_limit: Option<u32>,
    #[serde(default)]
    pub counts_footnotes: bool,
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub formats: Vec<String>,
    pub notes: Option<String>,
    pub source: Option<String>,
    /// The date the source was last read (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub id: String,
    pub label: BTreeMap<String, String>,
    #[serde(default)]
    pub heading: BTreeMap<String, String>,
    #[serde(default)]
    pub provisions: Vec<ThemeLink>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeLink {
    pub cite: String,
    pub relevance: Relevance,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Relevance {
    Primary,
    Secondary,
    Proxy,
}

/// The whole dataset, indexed by id.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub instruments: BTreeMap<String, Instrument>,
    pub states: BTreeMap<String, State>,
    pub bodies: BTreeMap<String, Body>,
    pub themes: BTreeMap<String, Theme>,
    /// Lower-cased id or alias -> id.
    aliases: BTreeMap<String, String>,
    /// Theme id -> its primary links resolved, computed once on first use (cleared by `merge`).
    primary: std::sync::OnceLock<BTreeMap<String, Vec<lookup::ProvisionRef>>>,
}

impl Dataset {
    /// The built-in dataset. Its files are checked by the test suite, so a problem here is a bug:
    /// the diagnostics name the embedded file.
    pub fn builtin(diags: &mut Diagnostics) -> Dataset {
        let files: Vec<SourceFile> = embedded_files(&BUILTIN)
            .into_iter()
            .map(|(path, text)| SourceFile {
                path: format!("<built-in>/conventions/{path}"),
                text,
            })
            .collect();
        let mut d = Dataset::default();
        d.merge(&files, "<built-in>/conventions/", diags);
        d
    }

    /// Merges files laid out like `conventions/` (paths relative to the project root, starting with
    /// `prefix`) over this dataset.
    pub fn merge(&mut self, files: &[SourceFile], prefix: &str, diags: &mut Diagnostics) {
        use rayon::prelude::*;
        self.primary = std::sync::OnceLock::new();
        // The files parsed side by side, then merged in their order (a later file overrides).
        let parsed: Vec<(Parsed, Diagnostics)> = files
            .par_iter()
            .map(|f| {
                let mut diags = Diagnostics::default();
                let rel = f.path.strip_prefix(prefix).unwrap_or(&f.path);
                let parsed = Parsed::of(rel, f, &mut diags);
                (parsed, diags)
            })
            .collect();
        for (parsed, parse_diags) in parsed {
            diags.extend(parse_diags);
            match parsed {
                Parsed::Instrument(i) => {
                    self.instruments.insert(i.id.clone(), *i);
                }
                Parsed::State(s) => self.merge_state(s),
                Parsed::Bodies(bs) => {
                    for b in bs {
                        self.bodies.insert(b.id.clone(), b);
                    }
                }
                Parsed::Themes(ts) => {
                    for t in ts {
                        self.themes.insert(t.id.clone(), t);
                    }
                }
                Parsed::Nothing => {}
            }
        }
        self.reindex();
        self.infer_from_party_lists(diags);
    }

    /// The facts inferred from the instruments' complete lists of parties, made again (a merge
    /// may add facts or lists): a state without a fact for an instrument whose list is
    /// complete is not party as at the list's date. A list whose count is not the number of
    /// parties recorded is reported, and nothing is inferred from it.
    fn infer_from_party_lists(&mut self, diags: &mut Diagnostics) {
        for s in self.states.values_mut() {
            s.ratifications.retain(|r| !r.inferred);
        }
        let lists: Vec<(&Instrument, &PartyList)> = self
            .instruments
            .values()
            .filter_map(|i| Some((i, i.parties.as_ref()?)))
            .collect();
        let mut inferred: Vec<(String, Ratification)> = vec![];
        for (i, list) in lists {
            let (found, undated) = self.recorded_parties(&i.id, &list.as_of);
            if found != list.count as usize {
                let more = match undated {
                    0 => String::new(),
                    n => format!("; {n} more without a date of consent that says whether it is"),
                };
                diags.warning(
                    "party-count",
                    Location::new(&i.file, 1, 1),
                    format!(
                        "{}: `parties:` declares {} parties as at {}, but the dataset records {found} (party or denounced with consent on or before that date, or party as of an earlier day{more}): no state is inferred not party until they agree",
                        i.id, list.count, list.as_of
                    ),
                );
                continue;
            }
            for s in self.states.values() {
                if !s.ratifications.iter().any(|r| r.instrument == i.id) {
                    inferred.push((s.code.clone(), inferred_not_party(i, list)));
                }
            }
        }
        for (code, fact) in inferred {
            if let Some(s) = self.states.get_mut(&code) {
                s.ratifications.push(fact);
            }
        }
    }

    /// How many states the dataset records as party to the instrument, or as having denounced
    /// it, with a date of consent that is on or before `as_of`, or without a date but party
    /// as of a day before `as_of` (a party then had consented by then); and how many more it
    /// records without a date that says so (none, or a year or month that contains `as_of`).
    pub fn recorded_parties(&self, instrument: &str, as_of: &str) -> (usize, usize) {
        let parties = self
            .states
            .values()
            .flat_map(|s| s.ratifications.iter())
            .filter(|r| r.instrument == instrument && !r.inferred)
            .filter(|r| matches!(r.status, Status::Party | Status::Denounced));
        // A date that contains `as_of` (a year for a day) does not say which comes first.
        let contains = |d: &str| as_of.starts_with(d) && d.len() < as_of.len();
        let (mut before, mut undated) = (0, 0);
        for r in parties {
            match (r.date.as_deref(), r.as_of.as_deref()) {
                (Some(d), _) if contains(d) => undated += 1,
                (Some(d), _) if d <= as_of => before += 1,
                (Some(_), _) => {}
                (None, Some(seen))
                    if r.status == Status::Party && !contains(seen) && seen < as_of =>
                {
                    before += 1
                }
                (None, _) => undated += 1,
            }
        }
        (before, undated)
    }

    /// The facts inferred from complete lists of parties, by instrument.
    pub fn inferred_facts(&self) -> BTreeMap<&str, usize> {
        let mut out = BTreeMap::new();
        for r in self.states.values().flat_map(|s| s.ratifications.iter()) {
            if r.inferred {
                *out.entry(r.instrument.as_str()).or_default() += 1;
            }
        }
        out
    }

    /// A state's file merged over what the dataset knows of it: its ratifications replace the
    /// ones of the same instruments, its names and aliases are added.
    fn merge_state(&mut self, s: State) {
        match self.states.get_mut(&s.code) {
            Some(existing) => {
                for r in s.ratifications {
                    existing
                        .ratifications
                        .retain(|e| e.instrument != r.instrument);
                    existing.ratifications.push(r);
                }
                existing.name = s.name;
                existing.names.extend(s.names);
                for a in s.aliases {
                    if !existing.aliases.contains(&a) {
                        existing.aliases.push(a);
                    }
                }
            }
            None => {
                self.states.insert(s.code.clone(), s);
            }
        }
    }

    fn reindex(&mut self) {
        self.aliases.clear();
        for i in self.instruments.values() {
            // Full and short titles are accepted too ("Convention on the Rights of the Child").
            for t in std::iter::once(&i.title).chain(i.short.iter()) {
                self.aliases.insert(title_key(t), i.id.clone());
            }
        }
        for i in self.instruments.values() {
            for a in &i.aliases {
                self.aliases.insert(a.to_lowercase(), i.id.clone());
            }
        }
        for i in self.instruments.values() {
            self.aliases.insert(i.id.to_lowercase(), i.id.clone());
        }
    }

    /// The instrument an id or alias names (case-insensitive; `C29` and `ILO C029` are `C029`).
    /// A treaty body's name stands for the convention it monitors, as authors write it
    /// (`CERD art. 5` is `ICERD art. 5`, `CMW` is `ICRMW`).
    pub fn instrument(&self, name: &str) -> Option<&Instrument> {
        let n = crate::parse::citation::normalise_instrument(name);
        self.aliases
            .get(&n.to_lowercase())
            .or_else(|| self.aliases.get(&title_key(&n)))
            .and_then(|id| self.instruments.get(id))
            .or_else(|| self.body_convention(&n))
    }

    /// The main convention of the treaty body named `name` (the first of its instruments).
    fn body_convention(&self, name: &str) -> Option<&Instrument> {
        let body = self
            .bodies
            .values()
            .find(|b| b.kind == BodyKind::TreatyBody && b.id.eq_ignore_ascii_case(name))?;
        self.instruments.get(body.instruments.first()?)
    }

    /// Every id and alias, for suggestions.
    pub fn instrument_names(&self) -> impl Iterator<Item = &str> {
        self.instruments.values().flat_map(|i| {
            std::iter::once(i.id.as_str()).chain(i.aliases.iter().map(String::as_str))
        })
    }

    pub fn state(&self, code: &str) -> Option<&State> {
        self.states.get(code)
    }

    /// The ratification fact for a state and instrument, if the dataset has one.
    pub fn ratification(&self, state: &str, instrument: &str) -> Option<&Ratification> {
        self.states
            .get(state)?
            .ratifications
            .iter()
            .find(|r| r.instrument == instrument)
    }

    /// The state's status for the instrument: a fact of the dataset, or `Unknown` when it has
    /// none. Every state has a standing for every instrument.
    pub fn standing(&self, state: &str, instrument: &str) -> Standing<'_> {
        match self.ratification(state, instrument) {
            Some(r) => Standing {
                status: r.status,
                record: Some(r),
            },
            None => Standing {
                status: Status::Unknown,
                record: None,
            },
        }
    }

    /// Whether the state is bound by the instrument (a party, as a known fact).
    pub fn is_party(&self, state: &str, instrument: &str) -> bool {
        self.standing(state, instrument).status == Status::Party
    }

    /// The span of the facts' `as_of` dates: the oldest and the newest status the dataset
    /// records (None when no fact carries one).
    pub fn as_of_range(&self) -> Option<(&str, &str)> {
        let mut dates = self
            .states
            .values()
            .flat_map(|s| s.ratifications.iter())
            .filter_map(|r| r.as_of.as_deref());
        let first = dates.next()?;
        Some(dates.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d))))
    }

    pub fn body(&self, id: &str) -> Option<&Body> {
        self.bodies
            .get(id)
            .or_else(|| self.bodies.values().find(|b| b.id.eq_ignore_ascii_case(id)))
    }

    /// The provisions a theme's primary links in the crosswalk cite, resolved (links that do
    /// not resolve are left out); resolved once per run for all themes.
    pub fn theme_primary(&self, id: &str) -> &[lookup::ProvisionRef] {
        let all = self.primary.get_or_init(|| {
            self.themes
                .values()
                .map(|t| {
                    let links = t
                        .provisions
                        .iter()
                        .filter(|l| l.relevance == Relevance::Primary)
                        .filter_map(|l| self.resolve_citation(&l.cite).ok())
                        .collect();
                    (t.id.clone(), links)
                })
                .collect()
        });
        all.get(id).map_or(&[], Vec::as_slice)
    }

    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.themes.get(id)
    }
}

/// `not-party` for a state without a fact for an instrument whose list of parties is complete.
/// Its source names the list's (a secondary one keeps its "not verified", which readers see).
fn inferred_not_party(i: &Instrument, list: &PartyList) -> Ratification {
    Ratification {
        instrument: i.id.clone(),
        status: Status::NotParty,
        action: None,
        signed: None,
        date: None,
        denounced: None,
        denunciation_effective: None,
        reaccession: false,
        as_of: Some(list.as_of.clone()),
        source: format!(
            "inferred from the complete list of parties to {} as at {} ({}, each recorded in the dataset): {}",
            i.id, list.as_of, list.count, list.source
        ),
        note: Some(format!(
            "inferred: the dataset has no fact for this state, and its instrument file declares the list of the {} parties to {} as at {} complete (`parties:`)",
            list.count, i.id, list.as_of
        )),
        inferred: true,
    }
}

/// Reports a complete list of parties whose date is not a date.
fn check_party_list(i: &Instrument, diags: &mut Diagnostics) {
    if let Some(list) = &i.parties
        && !is_fact_date(&list.as_of)
    {
        diags.error(
            "invalid-value",
            Location::new(&i.file, 1, 1),
            format!(
                "{}: `parties: as_of: {}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD",
                i.id, list.as_of
            ),
        );
    }
}

/// Reports a fact whose dates are not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn check_dates(s: &State, path: &str, diags: &mut Diagnostics) {
    for r in &s.ratifications {
        let fields = [
            ("signed", &r.signed),
            ("date", &r.date),
            ("denounced", &r.denounced),
            ("denunciation_effective", &r.denunciation_effective),
            ("as_of", &r.as_of),
        ];
        for (name, value) in fields {
            if let Some(v) = value
                && !is_fact_date(v)
            {
                diags.error(
                    "invalid-value",
                    Location::new(path, 1, 1),
                    format!(
                        "{} {}: `{name}: {v}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD",
                        s.code, r.instrument
                    ),
                );
            }
        }
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with a month 1-12 and a day 1-31.
pub fn is_fact_date(v: &str) -> bool {
    let parts: Vec<&str> = v.split('-').collect();
    let num = |p: &str, len: usize, lo: u32, hi: u32| {
        p.len() == len
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| (lo..=hi).contains(&n))
    };
    match parts.as_slice() {
        [y] => num(y, 4, 1000, 9999),
        [y, m] => num(y, 4, 1000, 9999) && num(m, 2, 1, 12),
        [y, m, d] => num(y, 4, 1000, 9999) && num(m, 2, 1, 12) && num(d, 2, 1, 31),
        _ => false,
    }
}

/// A title reduced for matching: lower case, punctuation removed, without the words "the" and
/// "UN" and without "protection of" (authors drop them when they write titles out).
fn title_key(t: &str) -> String {
    let lower: String = t
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words: Vec<&str> = lower
        .split_whitespace()
        .filter(|w| !matches!(*w, "the" | "un"))
        .collect();
    words.join(" ").replace("protection of ", "")
}

/// A dataset `source` as a reader may see it: the dataset keeps the research trail (which copy
/// was read, how a date was found, "OCR-damaged", "recollection"); readers get the source
/// itself, and "not yet verified" where the trail says so.
pub fn public_source(raw: &str) -> String {
    let lower = raw.to_lowercase();
    let unverified = [
        "recollection",
        "ocr",
        "unverified",
        "not verified",
        "not yet verified",
        "not confirmed",
    ]
    .iter()
    .any(|m| has_word(&lower, m));
    // The first clause, without the parenthesised remarks of the research trail.
    let first = raw.split(';').next().unwrap_or("");
    let mut kept = String::new();
    let mut group = String::new();
    let mut depth = 0usize;
    for c in first.chars() {
        match c {
            '(' => {
                depth += 1;
                group.push(c);
            }
            ')' if depth > 0 => {
                depth -= 1;
                group.push(c);
                if depth == 0 {
                    let g = group.to_lowercase();
                    let trail = [
                        "research",
                        "ocr",
                        "recollection",
                        "corpus",
                        "datalab",
                        "seed",
                        "verified",
                        "found",
                        "yyyy",
                        "(year)",
                    ];
                    if !trail.iter().any(|w| has_word(&g, w)) {
                        kept.push_str(&group);
                    }
                    group.clear();
                }
            }
            _ if depth > 0 => group.push(c),
            _ => kept.push(c),
        }
    }
    let mut s = kept.replace("\"\"", "");
    for (from, to) in [
        ("project research: recollection of ", ""),
        ("research count from recollection", "count"),
        (" found by the project research", ""),
        (" by the project research", ""),
        (
            "no ratification found in the project research or the ILO comments consulted",
            "no ratification recorded",
        ),
        ("no ratification found", "no ratification recorded"),
        ("the FIDH seed report", "the FIDH report of 2018"),
        ("FIDH seed report", "FIDH report of 2018"),
        ("the project research", "the authors of the dataset"),
    ] {
        s = s.replace(from, to);
    }
    let mut s = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" ,", ",");
    s = s.trim_end_matches([',', ':', ' ']).to_string();
    if unverified {
        s.push_str(" (not yet verified)");
    }
    s
}

/// Whether a lower-cased source mentions a word of the research trail: "ocr" only as a word of
/// its own ("OCR-damaged", not "Democratic"), the longer words anywhere ("unverified").
fn has_word(text: &str, word: &str) -> bool {
    if word != "ocr" {
        return text.contains(word);
    }
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(word).any(|(i, _)| {
        !alnum(text[..i].chars().next_back()) && !alnum(text[i + word.len()..].chars().next())
    })
}

/// The theme label in a language, falling back to English, then to the id.
pub fn theme_label<'a>(t: &'a Theme, lang: &str) -> &'a str {
    t.label
        .get(lang)
        .or_else(|| t.label.get("en"))
        .map_or(t.id.as_str(), String::as_str)
}

/// One file of `conventions/`, parsed (what its place in the folder says it holds), or nothing
/// (it did not parse, or is not a conventions file: reported).
enum Parsed {
    Instrument(Box<Instrument>),
    State(State),
    Bodies(Vec<Body>),
    Themes(Vec<Theme>),
    Nothing,
}

impl Parsed {
    /// `f`, at `rel` in the conventions folder, parsed; its problems reported in `diags`.
    fn of(rel: &str, f: &SourceFile, diags: &mut Diagnostics) -> Parsed {
        let parsed = if rel.starts_with("instruments/") {
            yaml::parse::<Instrument>(&f.path, &f.text, 0, diags).map(|mut i| {
                i.file = f.path.clone();
                check_party_list(&i, diags);
                Parsed::Instrument(Box::new(i))
            })
        } else if rel.starts_with("states/") {
            yaml::parse::<State>(&f.path, &f.text, 0, diags).map(|s| {
                check_dates(&s, &f.path, diags);
                Parsed::State(s)
            })
        } else if rel == "bodies.yaml" {
            yaml::parse::<Vec<Body>>(&f.path, &f.text, 0, diags).map(Parsed::Bodies)
        } else if rel == "themes.yaml" {
            yaml::parse::<Vec<Theme>>(&f.path, &f.text, 0, diags).map(Parsed::Themes)
        } else {
            diags.warning(
                "ignored-file",
                Location::new(&f.path, 1, 1),
                "ignored: conventions files are instruments/*.yaml, states/*.yaml, bodies.yaml or themes.yaml",
            );
            None
        };
        parsed.unwrap_or(Parsed::Nothing)
    }
}

fn embedded_files(dir: &include_dir::Dir<'static>) -> Vec<(String, String)> {
    let mut out = vec![];
    for f in dir.files() {
        let path = f.path().to_string_lossy().replace('\\', "/");
        if path.ends_with(".yaml") {
            out.push((path, f.contents_utf8().unwrap_or_default().to_string()));
        }
    }
    for d in dir.dirs() {
        out.extend(embedded_files(d));
    }
    out.sort();
    out
}

/// A state record as YAML, in the layout of the dataset's files (the `header` comment lines
/// kept before `ratifications:`). Used by `conventions import --write`.
pub fn state_yaml(s: &State, header: &[String]) -> String {
    let q = |v: &str| serde_json::to_string(v).unwrap_or_default();
    let mut out = format!("code: {}\nname: {}\n", s.code, q(&s.name));
    if !s.names.is_empty() {
        let names: Vec<String> = s
            .names
            .iter()
            .map(|(k, v)| format!("{k}: {}", q(v)))
            .collect();
        out.push_str(&format!("names: {{{}}}\n", names.join(", ")));
    }
    if !s.aliases.is_empty() {
        let a: Vec<String> = s.aliases.iter().map(|v| q(v)).collect();
        out.push_str(&format!("aliases: [{}]\n", a.join(", ")));
    }
    out.push_str(&format!("un_member: {}\n", s.un_member));
    for h in header {
        out.push_str(h);
        out.push('\n');
    }
    if s.ratifications.iter().all(|r| r.inferred) {
        out.push_str("ratifications: []\n");
        return out;
    }
    out.push_str("ratifications:\n");
    for r in s.ratifications.iter().filter(|r| !r.inferred) {
        let mut lines = vec![
            format!("instrument: {}", r.instrument),
            format!("status: {}", status_word(r.status)),
        ];
        if let Some(a) = r.action {
            lines.push(format!("action: {}", a.label().replace(' ', "-")));
        }
        let dates = [
            ("signed", &r.signed),
            ("date", &r.date),
            ("denounced", &r.denounced),
            ("denunciation_effective", &r.denunciation_effective),
        ];
        for (k, v) in dates {
            if let Some(v) = v {
                lines.push(format!("{k}: {}", q(v)));
            }
        }
        if r.reaccession {
            lines.push("reaccession: true".into());
        }
        if let Some(v) = &r.as_of {
            lines.push(format!("as_of: {}", q(v)));
        }
        lines.push(format!("source: {}", q(&r.source)));
        if let Some(v) = &r.note {
            lines.push(format!("note: {}", q(v)));
        }
        for (i, l) in lines.iter().enumerate() {
            out.push_str(if i == 0 { "  - " } else { "    " });
            out.push_str(l);
            out.push('\n');
        }
    }
    out
}

fn status_word(s: Status) -> &'static str {
    match s {
        Status::Party => "party",
        Status::Signatory => "signatory",
        Status::NotParty => "not-party",
        Status::Denounced => "denounced",
        Status::Unknown => "unknown",
    }
}

/// One line on how current the dataset is, for `--version` and `conventions --about`.
pub fn about_line(ds: &Dataset) -> String {
    match ds.as_of_range() {
        Some((lo, hi)) => format!(
            "conventions dataset: ratification facts as of {lo} to {hi} (each fact has its own as-of date)"
        ),
        None => "conventions dataset: no fact carries an as-of date".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A dataset of one instrument (C900, whose `parties:` line is given) and the states given,
    /// each with its one fact (a flow mapping, or nothing).
    fn with_c900(parties: &str, facts: &[(&str, &str)]) -> (Dataset, Diagnostics) {
        let mut files = vec![SourceFile {
            path: "conventions/instruments/C900.yaml".into(),
            text: format!(
                "id: C900\nfamily: ilo-technical\ntitle: \"A convention\"\narticles: 10\nsource: \"a test\"\n{parties}\n"
            ),
        }];
        files.extend(facts.iter().map(|(code, fact)| SourceFile {
            path: format!("conventions/states/{code}.yaml"),
            text: format!("code: {code}\nname: {code}\nratifications: [{fact}]\n"),
        }));
        let mut diags = Diagnostics::default();
        let mut ds = Dataset::default();
        ds.merge(&files, "conventions/", &mut diags);
        (ds, diags)
    }

    /// [`with_c900`] with seven states: AAA a party of 2010, BBB a party that denounced, CCC
    /// without a fact, DDD an explicit unknown, EEE a party of 2025 (after the list's date),
    /// FFF a party without a date, GGG a party of 2024 (the list's year: before or after it,
    /// the date does not say).
    fn listed(parties: &str) -> (Dataset, Diagnostics) {
        with_c900(
            parties,
            &[
                (
                    "AAA",
                    "{instrument: C900, status: party, date: \"2010-01-02\", source: \"s\"}",
                ),
                (
                    "BBB",
                    "{instrument: C900, status: denounced, date: \"1990\", source: \"s\"}",
                ),
                ("CCC", ""),
                (
                    "DDD",
                    "{instrument: C900, status: unknown, source: \"looked for\"}",
                ),
                (
                    "EEE",
                    "{instrument: C900, status: party, date: \"2025-03-04\", source: \"s\"}",
                ),
                ("FFF", "{instrument: C900, status: party, source: \"s\"}"),
                (
                    "GGG",
                    "{instrument: C900, status: party, date: \"2024\", source: \"s\"}",
                ),
            ],
        )
    }

    #[test]
    fn a_complete_list_of_parties_makes_a_state_without_a_fact_not_party() {
        let (ds, diags) = listed(
            "parties: {count: 2, as_of: \"2024-06-01\", source: \"ILO NORMLEX, Ratifications of C900\"}",
        );
        assert!(diags.is_empty(), "{:?}", diags.sorted());
        let ccc = ds.standing("CCC", "C900");
        assert_eq!(ccc.status, Status::NotParty);
        let r = ccc.record.unwrap();
        assert!(r.inferred);
        assert_eq!(r.as_of.as_deref(), Some("2024-06-01"));
        assert!(r.note.as_deref().unwrap().starts_with("inferred"));
        let en = crate::locale::Locale::builtin("en").unwrap();
        assert_eq!(ccc.cell(2024, &en), "not ratified (inferred)");
        assert!(ccc.known_not_bound());
        assert!(
            ccc.inferred_note()
                .unwrap()
                .contains("complete list of C900's parties as at 2024-06-01")
        );
        assert!(ds.standing("AAA", "C900").inferred_note().is_none());
        assert_eq!(
            public_source(&r.source),
            "inferred from the complete list of parties to C900 as at 2024-06-01 (2, each recorded in the dataset): ILO NORMLEX, Ratifications of C900"
        );
        // An explicit unknown stays unknown; the recorded facts are as recorded.
        assert_eq!(ds.standing("DDD", "C900").status, Status::Unknown);
        assert_eq!(ds.standing("EEE", "C900").status, Status::Party);
        assert_eq!(ds.standing("BBB", "C900").status, Status::Denounced);
        assert_eq!(ds.inferred_facts().get("C900"), Some(&1));
        // The files the dataset writes never hold an inferred fact.
        assert!(!state_yaml(ds.state("CCC").unwrap(), &[]).contains("C900"));
    }

    #[test]
    fn a_complete_list_from_a_secondary_source_is_shown_not_yet_verified() {
        let (ds, _) = listed(
            "parties: {count: 2, as_of: \"2024-06-01\", source: \"an encyclopedia's list (secondary source, not verified)\"}",
        );
        let r = ds.ratification("CCC", "C900").unwrap();
        assert!(public_source(&r.source).ends_with("(not yet verified)"));
    }

    #[test]
    fn an_undated_party_counts_in_a_list_when_it_was_party_before_the_lists_date() {
        // FFF is party without a date of consent: as of 2020 it had consented before a list
        // of 2024-06-01 (so three parties); as of 2024 (a year containing the day) or of 2025,
        // whether it had is not known, and the count of three is not reached.
        let with_seen = |seen: &str| {
            let fff =
                format!("{{instrument: C900, status: party, as_of: \"{seen}\", source: \"s\"}}");
            let (ds, _) = with_c900(
                "parties: {count: 3, as_of: \"2024-06-01\", source: \"ILO NORMLEX\"}",
                &[
                    (
                        "AAA",
                        "{instrument: C900, status: party, date: \"2001\", source: \"s\"}",
                    ),
                    (
                        "BBB",
                        "{instrument: C900, status: party, date: \"2010-05-02\", source: \"s\"}",
                    ),
                    ("FFF", &fff),
                    ("CCC", ""),
                ],
            );
            (
                ds.recorded_parties("C900", "2024-06-01"),
                ds.standing("CCC", "C900").status,
            )
        };
        assert_eq!(with_seen("2020"), ((3, 0), Status::NotParty));
        assert_eq!(with_seen("2024-05-31"), ((3, 0), Status::NotParty));
        assert_eq!(with_seen("2024"), ((2, 1), Status::Unknown));
        assert_eq!(with_seen("2025"), ((2, 1), Status::Unknown));
    }

    #[test]
    fn a_count_of_parties_the_facts_do_not_reach_is_reported_and_infers_nothing() {
        let (ds, diags) =
            listed("parties: {count: 3, as_of: \"2024-06-01\", source: \"ILO NORMLEX\"}");
        let d = diags.sorted();
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code, "party-count");
        assert_eq!(d[0].severity, crate::diagnostic::Severity::Warning);
        let shown = d[0].short();
        assert!(shown.contains("C900"), "{shown}");
        assert!(
            shown.contains("declares 3 parties as at 2024-06-01"),
            "{shown}"
        );
        assert!(shown.contains("the dataset records 2 (party or denounced with consent on or before that date, or party as of an earlier day; 2 more without a date of consent that says whether it is)"), "{shown}");
        assert!(
            shown.contains("conventions/instruments/C900.yaml"),
            "{shown}"
        );
        assert_eq!(ds.standing("CCC", "C900").status, Status::Unknown);
        assert!(ds.inferred_facts().is_empty());
    }

    #[test]
    fn a_complete_list_is_inferred_again_after_a_merge_adds_a_party() {
        let (mut ds, _) =
            listed("parties: {count: 2, as_of: \"2024-06-01\", source: \"ILO NORMLEX\"}");
        // A project records CCC as a party before the list's date: the count no longer holds.
        let files = vec![SourceFile {
            path: "p/states/CCC.yaml".into(),
            text: "code: CCC\nname: CCC\nratifications: [{instrument: C900, status: party, date: \"2020\", source: \"s\"}]\n".into(),
        }];
        let mut diags = Diagnostics::default();
        ds.merge(&files, "p/", &mut diags);
        assert_eq!(ds.standing("CCC", "C900").status, Status::Party);
        assert_eq!(diags.sorted().len(), 1);
        assert!(ds.inferred_facts().is_empty());
    }

    #[test]
    fn a_fact_cannot_claim_to_be_inferred() {
        let files = vec![SourceFile {
            path: "conventions/states/AAA.yaml".into(),
            text: "code: AAA\nname: AAA\nratifications: [{instrument: C900, status: not-party, inferred: true, source: \"s\"}]\n".into(),
        }];
        let mut diags = Diagnostics::default();
        Dataset::default().merge(&files, "conventions/", &mut diags);
        assert!(diags.has_errors());
    }

    #[test]
    fn public_sources_leave_the_research_trail_out() {
        assert_eq!(
            public_source("ILO table in the annex of the FIDH seed report (OCR-damaged)"),
            "ILO table in the annex of the FIDH report of 2018 (not yet verified)"
        );
        assert_eq!(
            public_source(
                "UN Treaty Collection status as published in 2022 (world-politics-datalab humanrights-treaties-ratification-status), chapter IV-2 (year); the full dates are the project research's recollection of the UNTC record"
            ),
            "UN Treaty Collection status as published in 2022, chapter IV-2 (not yet verified)"
        );
        assert_eq!(
            public_source(
                "UNTC MTDSG iv-13.en.xml (pages corpus) (verified by the project research) (chapter IV-13)"
            ),
            "UNTC MTDSG iv-13.en.xml (chapter IV-13)"
        );
        assert_eq!(
            public_source(
                "NORMLEX CEACR/CAS comment header \"(Ratification: YYYY)\" (found by the project research)"
            ),
            "NORMLEX CEACR/CAS comment header"
        );
        // A word that holds a trail word is not one ("ocr" in "Democratic").
        assert_eq!(
            public_source(
                "NORMLEX, direct request on the Democratic Republic of the Congo (Ratification: 1967)"
            ),
            "NORMLEX, direct request on the Democratic Republic of the Congo (Ratification: 1967)"
        );
        assert_eq!(
            public_source("Democracy Reporting International (socratic notes)"),
            "Democracy Reporting International (socratic notes)"
        );
        // Every source of the built-in dataset, as shown, is free of the trail's words.
        let mut diags = crate::diagnostic::Diagnostics::default();
        let ds = Dataset::builtin(&mut diags);
        for st in ds.states.values() {
            for r in &st.ratifications {
                let shown = public_source(&r.source).to_lowercase();
                for word in ["ocr", "recollection", "seed", "research"] {
                    assert!(!has_word(&shown, word), "{}: {shown}", st.code);
                }
            }
        }
    }

    #[test]
    fn titles_in_other_languages_carry_their_source() {
        let ds = Dataset::builtin(&mut crate::diagnostic::Diagnostics::default());
        for i in ds.instruments.values() {
            if i.titles.is_empty() {
                continue;
            }
            // "fr, es: where; ru: where": the languages each part names before its colon.
            let source = i.titles_source.as_deref().unwrap_or_default();
            let sourced: Vec<&str> = source
                .split("; ")
                .filter_map(|part| part.split_once(": "))
                .flat_map(|(languages, _)| languages.split(", "))
                .collect();
            for language in i.titles.keys() {
                assert!(
                    sourced.contains(&language.as_str()),
                    "{}: no source for the {language} title",
                    i.id
                );
            }
        }
        let c029 = &ds.instruments["C029"];
        assert_eq!(
            c029.title_alone("fr"),
            "Convention (n° 29) sur le travail forcé, 1930"
        );
        assert_eq!(
            c029.title_in("es"),
            "el Convenio sobre el trabajo forzoso, 1930 (núm. 29)"
        );
    }

    #[test]
    fn role_marks_carry_their_source_and_bind_a_state_of_origin_where_the_convention_says() {
        let ds = Dataset::builtin(&mut crate::diagnostic::Diagnostics::default());
        for i in ds.instruments.values() {
            if i.provisions.iter().any(|p| !p.binds.is_empty()) {
                assert!(
                    i.binds_source.is_some(),
                    "{}: role marks without a source",
                    i.id
                );
            }
        }
        let icrmw = &ds.instruments["ICRMW"];
        let binds = |a: u32| {
            &icrmw
                .provisions
                .iter()
                .find(|p| p.article == a)
                .unwrap()
                .binds
        };
        for a in [8, 23, 33, 37, 41, 42, 65, 66, 67, 71] {
            assert!(binds(a).contains(&Role::Origin), "art. {a}");
        }
        for a in [16, 22, 25, 54, 56] {
            assert!(!binds(a).contains(&Role::Origin), "art. {a}");
            assert!(binds(a).contains(&Role::Employment), "art. {a}");
        }
        assert!(binds(68).contains(&Role::Transit));
    }

    #[test]
    fn state_names_in_other_languages_take_their_article() {
        let state = |name: &str, names: &[(&str, &str)]| State {
            code: "X".into(),
            name: name.into(),
            names: names
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            aliases: vec![],
            un_member: true,
            ratifications: vec![],
        };
        let rus = state(
            "Russian Federation",
            &[
                ("fr", "Fédération de Russie (la)"),
                ("ru", "Российская Федерация"),
            ],
        );
        assert_eq!(rus.name_in("en"), "the Russian Federation");
        assert_eq!(rus.name_in("fr"), "la Fédération de Russie");
        assert_eq!(rus.name_in("ru"), "Российская Федерация");
        assert_eq!(rus.name_in("es"), "the Russian Federation");
        let uzb = state("Uzbekistan", &[("fr", "Ouzbékistan (l')")]);
        assert_eq!(uzb.name_in("fr"), "l'Ouzbékistan");
        let rus = state("Russian Federation", &[("es", "Federación de Rusia (la)")]);
        assert_eq!(rus.name_in("es"), "la Federación de Rusia");
        assert_eq!(rus.display_name("es"), "Federación de Rusia");
    }

    #[test]
    fn every_state_of_the_dataset_has_its_un_names_in_french_spanish_and_russian() {
        let ds = Dataset::builtin(&mut crate::diagnostic::Diagnostics::default());
        for s in ds.states.values() {
            for lang in ["fr", "es", "ru"] {
                assert!(s.names.contains_key(lang), "{}: no `{lang}` name", s.code);
            }
        }
        let kaz = ds.state("KAZ").unwrap();
        assert_eq!(kaz.name_in("es"), "Kazajstán");
        let gbr = ds.state("GBR").unwrap();
        assert_eq!(
            gbr.name_in("es"),
            "el Reino Unido de Gran Bretaña e Irlanda del Norte"
        );
    }

    #[test]
    fn state_names_take_the_article_the_un_gives_them() {
        assert_eq!(name_in_text("Russian Federation"), "the Russian Federation");
        assert_eq!(name_in_text("Kyrgyzstan"), "Kyrgyzstan");
        assert_eq!(name_in_text("Netherlands"), "the Netherlands");
        assert_eq!(name_in_text("Czechia"), "Czechia");
        assert_eq!(name_in_text("Solomon Islands"), "Solomon Islands");
        assert_eq!(
            name_in_text("Iran (Islamic Republic of)"),
            "the Islamic Republic of Iran"
        );
        assert_eq!(
            name_in_text("Republic of Moldova"),
            "the Republic of Moldova"
        );
        assert_eq!(name_in_text("Dominican Republic"), "the Dominican Republic");
    }
}
