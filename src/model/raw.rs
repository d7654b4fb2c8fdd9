//! Records as written in a project's files. Ids and references are [`S`] (a string with its
//! position) so that a dangling reference in valid YAML still points at its line and column.

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_saphyr::{Location, Spanned};
use std::fmt;

/// A string with the position of its YAML node.
pub type S = Spanned<String>;

/// One value or a list of values (`state: KAZ` or `state: [KAZ, KGZ]`).
#[derive(Debug, Clone, Default)]
pub struct OneOrMany(pub Vec<S>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A sequence keeps the positions of its items; a single scalar is wrapped by the caller.
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a list of strings")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut v = vec![];
                while let Some(item) = seq.next_element::<S>()? {
                    v.push(item);
                }
                Ok(OneOrMany(v))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![Spanned::new(
                    s.to_string(),
                    Location::UNKNOWN,
                    Location::UNKNOWN,
                )]))
            }
        }
        d.deserialize_any(V)
    }
}

/// `OneOrMany` with the position of the whole value, used to fill in positions of a single scalar.
pub fn one_or_many(v: Option<Spanned<OneOrMany>>) -> Vec<S> {
    match v {
        None => vec![],
        Some(sp) => sp
            .value
            .0
            .into_iter()
            .map(|mut s| {
                if s.referenced == Location::UNKNOWN {
                    s.referenced = sp.referenced;
                    s.defined = sp.defined;
                }
                s
            })
            .collect(),
    }
}

// ---------------------------------------------------------------- report.yaml

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub title: String,
    pub subtitle: Option<String>,
    pub number: Option<String>,
    pub date: S,
    pub language: Option<S>,
    #[serde(default)]
    pub authors: Vec<Author>,
    #[serde(default)]
    pub states: Vec<S>,
    #[serde(default)]
    pub contact: Option<String>,
    #[serde(default)]
    pub outline: Vec<Spanned<OutlineItem>>,
    #[serde(default)]
    pub outputs: Vec<Spanned<Output>>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Author {
    pub id: S,
    pub name: String,
    pub url: Option<String>,
    /// A sentence introducing the organisation (used by submissions to UN bodies).
    pub about: Option<String>,
}

/// One entry of the outline.
#[derive(Debug)]
pub enum OutlineItem {
    /// A bare word: `recommendations`.
    Word(String),
    /// A mapping: `chapter:`, `part:` (+ `intro:`, `findings:`, `id:`) or `annex:`.
    Entry(Box<OutlineEntry>),
}

#[derive(Debug, Default)]
pub struct OutlineEntry {
    pub chapter: Option<S>,
    pub part: Option<S>,
    pub id: Option<S>,
    pub intro: Option<S>,
    pub findings: Vec<Spanned<FindingRef>>,
    /// `numbered: false`: a part without a number (its findings are not numbered in the
    /// publication's sequence of parts).
    pub numbered: Option<Spanned<bool>>,
    pub annex: Option<S>,
    /// Keys that are not part of an outline entry, with their position.
    pub unknown: Vec<S>,
}

impl<'de> Deserialize<'de> for OutlineItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OutlineItem;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an outline entry (`chapter: FILE`, `part: TITLE`, `annex: NAME` or `recommendations`)")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<OutlineItem, E> {
                Ok(OutlineItem::Word(s.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OutlineItem, A::Error> {
                let mut e = OutlineEntry::default();
                while let Some(key) = map.next_key::<S>()? {
                    match key.value.as_str() {
                        "chapter" => e.chapter = Some(map.next_value()?),
                        "part" => e.part = Some(map.next_value()?),
                        "id" => e.id = Some(map.next_value()?),
                        "intro" => e.intro = Some(map.next_value()?),
                        "annex" => e.annex = Some(map.next_value()?),
                        "findings" => e.findings = map.next_value()?,
                        "numbered" => e.numbered = Some(map.next_value()?),
                        _ => {
                            map.next_value::<de::IgnoredAny>()?;
                            e.unknown.push(key);
                        }
                    }
                }
                Ok(OutlineItem::Entry(Box::new(e)))
            }
        }
        d.deserialize_any(V)
    }
}

/// A finding in a part: `some-id` or `{id: some-id, sub: [a, b]}`.
#[derive(Debug)]
pub struct FindingRef {
    pub id: S,
    pub sub: Vec<S>,
}

impl<'de> Deserialize<'de> for FindingRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FindingRef;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a finding id or `{id: ID, sub: [IDS]}`")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<FindingRef, E> {
                Ok(FindingRef {
                    id: Spanned::new(s.to_string(), Location::UNKNOWN, Location::UNKNOWN),
                    sub: vec![],
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FindingRef, A::Error> {
                let mut id = None;
                let mut sub = vec![];
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "id" => id = Some(map.next_value::<S>()?),
                        "sub" => sub = map.next_value()?,
                        other => return Err(de::Error::unknown_field(other, &["id", "sub"])),
                    }
                }
                let id = id.ok_or_else(|| de::Error::missing_field("id"))?;
                Ok(FindingRef { id, sub })
            }
        }
        d.deserialize_any(V)
    }
}

/// An entry of `outputs:`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum Output {
    Publication(PublicationOutput),
    AlternativeReport(AlternativeReportOutput),
    Recommendations(RecommendationsOutput),
    Upr(UprOutput),
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Html,
    Pdf,
    Docx,
    Csv,
    Json,
    Md,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Public,
    Internal,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicationOutput {
    #[serde(default = "default_pub_formats")]
    pub formats: Vec<Format>,
    pub audience: Option<Audience>,
}

fn default_pub_formats() -> Vec<Format> {
    vec![Format::Html, Format::Pdf]
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlternativeReportOutput {
    pub body: S,
    pub state: S,
    pub session: Option<S>,
    pub deadline: Option<S>,
    /// A joint submission (the coalition limits apply); default: more than one author.
    pub coalition: Option<bool>,
    #[serde(default = "default_pub_formats")]
    pub formats: Vec<Format>,
    pub audience: Option<Audience>,
    /// Whether the body may publish the submission (said on the cover).
    pub publish: Option<bool>,
    /// The contact printed on the cover (default: the project's `contact:`, else the authors).
    pub contact: Option<String>,
    /// Only these findings (each must be in scope); default: every finding in scope.
    pub findings: Option<Vec<S>>,
    /// Only these recommendations (each must be in scope); default: every one in scope.
    pub recommendations: Option<Vec<S>>,
    /// The body's list of issues: the report follows its paragraphs.
    #[serde(default)]
    pub list_of_issues: Vec<IssueEntry>,
    /// Suggested questions written by the authors, replacing the generated one of a finding.
    #[serde(default)]
    pub questions: Vec<QuestionEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecommendationsOutput {
    pub by: S,
    #[serde(default = "default_pub_formats")]
    pub formats: Vec<Format>,
    pub audience: Option<Audience>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UprOutput {
    pub state: S,
    pub session: Option<S>,
    /// A joint submission (the coalition limit applies); default: more than one author.
    pub coalition: Option<bool>,
    #[serde(default = "default_pub_formats")]
    pub formats: Vec<Format>,
    pub audience: Option<Audience>,
    /// The contact printed on the cover (default: the project's `contact:`, else the authors).
    pub contact: Option<String>,
    /// Only these findings (each must be in scope); default: every finding in scope.
    pub findings: Option<Vec<S>>,
    /// Only these recommendations (each must be in scope); default: every one in scope.
    pub recommendations: Option<Vec<S>>,
    /// Suggested questions written by the authors, replacing the generated one of a finding.
    #[serde(default)]
    pub questions: Vec<QuestionEntry>,
}

/// A paragraph of a body's list of issues (`list_of_issues:` of a submission) and the findings
/// that answer it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueEntry {
    pub paragraph: Spanned<u32>,
    pub text: Option<String>,
    #[serde(default)]
    pub findings: Vec<S>,
}

/// A suggested question written by the authors for one finding.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionEntry {
    pub finding: S,
    pub text: String,
}

// ---------------------------------------------------------------- chapters and findings

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChapterFront {
    pub id: Option<S>,
    pub title: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingFront {
    pub id: S,
    pub title: String,
    pub state: Option<Spanned<OneOrMany>>,
    /// The concern as a noun phrase, for generated questions and concerns.
    pub concern: Option<Spanned<String>>,
    /// The states the migrants concerned come from, when no testimony the finding embeds or
    /// cites gives a nationality.
    pub migrants_from: Option<Spanned<OneOrMany>>,
    #[serde(default)]
    pub themes: Vec<S>,
    #[serde(default)]
    pub provisions: Vec<S>,
    pub period: Option<Period>,
    #[serde(default)]
    pub places: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub from: S,
    pub to: Option<S>,
}

// ---------------------------------------------------------------- testimonies

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Consent {
    Named,
    Pseudonymous,
    Anonymous,
    Internal,
}

impl Consent {
    pub fn as_str(self) -> &'static str {
        match self {
            Consent::Named => "named",
            Consent::Pseudonymous => "pseudonymous",
            Consent::Anonymous => "anonymous",
            Consent::Internal => "internal",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    Female,
    Male,
    Other,
    Undisclosed,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Testimony {
    pub id: S,
    pub consent: Spanned<Consent>,
    pub speaker: Speaker,
    pub date: Option<S>,
    pub place: Option<String>,
    pub region: Option<String>,
    pub country: Option<S>,
    pub interviewer: Option<S>,
    pub language: Option<S>,
    #[serde(default)]
    pub themes: Vec<S>,
    #[serde(default)]
    pub protected: Vec<String>,
    pub text: S,
    /// The text is the authors' paraphrase of the account, not the speaker's words.
    #[serde(default)]
    pub paraphrased: bool,
    /// A document of the project the testimony was taken from.
    pub source: Option<S>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Speaker {
    pub name: Option<S>,
    pub pseudonym: Option<S>,
    pub description: Option<String>,
    pub gender: Option<Gender>,
    pub age: Option<u32>,
    pub nationality: Option<S>,
    pub occupation: Option<String>,
    /// The same person across several testimonies (so equal pseudonyms are expected).
    pub person: Option<String>,
    /// Parts of the real name the authors decided may appear in public outputs (for instance a
    /// first name that is also another witness's pseudonym).
    #[serde(default)]
    pub publishable: Vec<S>,
}

// ---------------------------------------------------------------- recommendations

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UptakeStatus {
    Reflected,
    Partial,
    NotReflected,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    pub id: S,
    pub to: Spanned<OneOrMany>,
    pub theme: Option<S>,
    pub text: S,
    #[serde(default)]
    pub provisions: Vec<S>,
    #[serde(default)]
    pub findings: Vec<S>,
    pub priority: Option<Spanned<u8>>,
    #[serde(default)]
    pub uptake: Vec<Uptake>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Uptake {
    pub symbol: S,
    pub paragraph: Option<S>,
    pub status: Spanned<UptakeStatus>,
    pub note: Option<String>,
}

// ---------------------------------------------------------------- addressees and sources

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Addressee {
    pub id: S,
    pub name: String,
    pub state: Option<S>,
    #[serde(default)]
    pub members: Vec<Addressee>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcesFile {
    #[serde(default)]
    pub documents: Vec<Document>,
    #[serde(default)]
    pub meetings: Vec<Meeting>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub id: S,
    pub title: String,
    pub symbol: Option<S>,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<S>,
    pub url: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MeetingKind {
    Government,
    Parliament,
    Ombudsperson,
    International,
    Diplomatic,
    CivilSociety,
    TradeUnion,
    Employer,
    Expert,
}

impl MeetingKind {
    pub fn label(self) -> &'static str {
        match self {
            MeetingKind::Government => "Government agencies",
            MeetingKind::Parliament => "Parliament",
            MeetingKind::Ombudsperson => "Ombudspersons",
            MeetingKind::International => "International organisations",
            MeetingKind::Diplomatic => "Representatives of foreign states",
            MeetingKind::CivilSociety => "Civil society organisations",
            MeetingKind::TradeUnion => "Trade unions and workers' organisations",
            MeetingKind::Employer => "Employers",
            MeetingKind::Expert => "Experts",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub id: S,
    pub with: String,
    pub kind: Spanned<MeetingKind>,
    pub state: Option<S>,
    pub place: Option<String>,
    pub date: Option<S>,
    pub note: Option<String>,
}
