//! Records as written in a project's files. Ids and references are [`S`] (a string with its
//! position) so that a dangling reference in valid YAML still points at its line and column.
//!
//! The same types give the JSON Schemas for editors (`rapporteur schema`, through schemars): the
//! doc comment of a field is its description in the schema and in the guide's field reference,
//! so what the loader accepts, what an editor completes and what the guide says are one thing.

pub use crate::parse::spanned::{Location, Spanned};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// A string with the position of its YAML node.
pub type S = Spanned<String>;

/// One value or a list of values (`state: KAZ` or `state: [KAZ, KGZ]`).
#[derive(Debug, Clone, Default)]
pub struct OneOrMany(pub Vec<S>);

impl JsonSchema for OneOrMany {
    fn schema_name() -> Cow<'static, str> {
        "OneOrMany".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "One value, or a list of values.",
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"type": "string"}}
            ]
        })
    }
}

/// For the schemas: a scalar the loader reads as text. YAML writes `2018`, `76` or `23` as
/// numbers; the loader takes them as written.
pub struct Scalar;

impl JsonSchema for Scalar {
    fn schema_name() -> Cow<'static, str> {
        "Scalar".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": ["string", "number"]})
    }
}

/// For the schemas: a date as the loader reads it (`2018`, `2018-06` or `2018-06-14`).
pub struct Date;

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A date: YYYY, YYYY-MM or YYYY-MM-DD, as precise as known.",
            "anyOf": [
                {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"},
                {"type": "integer", "minimum": 1000, "maximum": 9999}
            ]
        })
    }
}

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
                }
                s
            })
            .collect(),
    }
}

// ---------------------------------------------------------------- report.yaml

/// `report.yaml`: the report's metadata, its outline (reading order) and its outputs.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "report.yaml")]
pub struct Manifest {
    /// The report's title, as on the cover.
    pub title: String,
    /// The subtitle, under the title on the cover.
    pub subtitle: Option<String>,
    /// The publication number (FIDH numbers its reports: `713a`).
    pub number: Option<String>,
    /// The publication date: `2018-06`.
    #[schemars(with = "Date")]
    pub date: S,
    /// The language of this edition, a BCP 47 tag: `en`, `ru`, `fr`, `es` (default `en`).
    /// Every generated word (headings, labels, dates) comes from its locale.
    #[schemars(
        with = "Option<String>",
        regex(pattern = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
    )]
    pub language: Option<S>,
    /// The editions' languages, BCP 47 tags, `language:` first: `[en, ru]`. Each other
    /// language's files are translated under `translations/<tag>/` (default: `language:` only).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub languages: Vec<S>,
    /// The organisations that publish the report, in cover order.
    #[serde(default)]
    pub authors: Vec<Author>,
    /// The states concerned, as ISO 3166-1 alpha-3 codes: `[KAZ, KGZ]`.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub states: Vec<S>,
    /// Who to contact about the report (printed on submission covers).
    #[serde(default)]
    pub contact: Option<String>,
    /// Whether quasi-identifier warnings (places finer than a region, exact dates, ages with
    /// occupations next to a witness who is not named) stop a public build (default `true`);
    /// `strict: false` lets such a build through with the warnings printed.
    pub strict: Option<bool>,
    /// The publication's cover: a logo, an image with its credit, a colour.
    pub cover: Option<CoverSpec>,
    /// A Word document whose styles every Word output uses, as pandoc's `--reference-doc`: a
    /// .docx of the project's `styles/` folder (`styles/reference.docx`). Each of its styles
    /// replaces rapporteur's style with the same id (`Heading1`, `Testimony`, `FootnoteText`,
    /// `Normal`...); its other styles are added.
    #[serde(rename = "reference-docx")]
    #[schemars(with = "Option<String>")]
    pub reference_docx: Option<S>,
    /// The public keys (`age1...`) the project's sealed files (`*.age`) are sealed for, one per
    /// member of the team or CI job that may open them: `rapporteur seal` seals for all of them.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub recipients: Vec<S>,
    /// The reading order of the publication: chapters, parts with their findings, the
    /// recommendations and the generated annexes.
    #[serde(default)]
    #[schemars(with = "Vec<OutlineItem>")]
    pub outline: Vec<Spanned<OutlineItem>>,
    /// What `build` makes: the publication, submissions to UN bodies, recommendation sheets.
    #[serde(default)]
    #[schemars(with = "Vec<Output>")]
    pub outputs: Vec<Spanned<Output>>,
}

/// The publication's cover (PDF, HTML and Word). Every part is optional; the images are files
/// of the project's `images/` folder.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoverSpec {
    /// The publishers' logo, at the top of the cover.
    pub logo: Option<CoverImageSpec>,
    /// A photograph or drawing on the cover, with its credit.
    pub image: Option<CoverImageSpec>,
    /// The cover's colour, `#rrggbb` (the band behind the title): `"#7a1f2b"`.
    #[schemars(with = "Option<String>", regex(pattern = r"^#[0-9a-fA-F]{6}$"))]
    pub colour: Option<S>,
}

/// An image of the cover.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoverImageSpec {
    /// The file, under `images/`: `images/logo.png` (PNG, JPEG, GIF, SVG or WebP).
    #[schemars(with = "String")]
    pub file: S,
    /// What the image shows, for readers who cannot see it. Required: an image without alt
    /// text is an error.
    #[schemars(with = "String")]
    pub alt: Option<S>,
    /// Who made it (a photograph's credit), printed with it: `Photo: A. Author / FIDH`.
    pub credit: Option<String>,
}

/// An organisation that publishes the report.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Author {
    /// The organisation's id (a testimony's `interviewer:` names it): `adc-memorial`.
    #[schemars(with = "String")]
    pub id: S,
    /// Its name as printed: `ADC Memorial`.
    pub name: String,
    /// Its web site.
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

impl JsonSchema for OutlineItem {
    fn schema_name() -> Cow<'static, str> {
        "OutlineItem".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let finding = g.subschema_for::<FindingRef>();
        json_schema!({
            "description": "An entry of the outline: `chapter: FILE`, `part: TITLE` (with `findings:`, `intro:`, `id:`, `numbered:`), `annex: NAME`, or the word `recommendations`.",
            "anyOf": [
                {"const": "recommendations", "description": "The recommendations, generated: grouped by addressee, then theme."},
                {
                    "type": "object",
                    "description": "A chapter: a Markdown file of `chapters/`.",
                    "properties": {
                        "chapter": {"type": "string", "description": "The chapter's file, from the project folder: `chapters/introduction.md`."}
                    },
                    "required": ["chapter"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "description": "A part: a numbered group of findings, with an optional introduction.",
                    "properties": {
                        "part": {"type": "string", "description": "The part's title."},
                        "id": {"type": "string", "description": "An id for cross-references (`[[#id]]`)."},
                        "intro": {"type": "string", "description": "A chapter file printed at the start of the part: `chapters/violations.md`."},
                        "findings": {"type": "array", "items": finding, "description": "The part's findings, in order."},
                        "numbered": {"type": "boolean", "description": "`false`: the part stands outside the numbering of parts (default `true`)."}
                    },
                    "required": ["part"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "description": "A generated annex.",
                    "properties": {
                        "annex": {
                            "enum": ["ratifications", "meetings", "authorities"],
                            "description": "ratifications: states x instruments; meetings: the meetings held, by state and kind; authorities: every provision cited and where."
                        }
                    },
                    "required": ["annex"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// A finding in a part: `some-id` or `{id: some-id, sub: [a, b]}`.
#[derive(Debug)]
pub struct FindingRef {
    pub id: S,
    pub sub: Vec<S>,
}

impl JsonSchema for FindingRef {
    fn schema_name() -> Cow<'static, str> {
        "FindingRef".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A finding id, or a finding with sub-findings (one level): `{id: exploitative-conditions, sub: [intermediaries, wage-theft]}`.",
            "anyOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string", "description": "The finding's id."},
                        "sub": {"type": "array", "items": {"type": "string"}, "description": "Its sub-findings' ids, in order."}
                    },
                    "required": ["id"],
                    "additionalProperties": false
                }
            ]
        })
    }
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
                    id: Spanned::new(s.to_string(), Location::UNKNOWN),
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
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum Output {
    /// The publication: one HTML page and one PDF.
    Publication(PublicationOutput),
    /// An alternative report to a UN treaty body on one state.
    AlternativeReport(AlternativeReportOutput),
    /// Recommendation sheets, one per addressee, and the whole list.
    Recommendations(RecommendationsOutput),
    /// A stakeholder submission to the Universal Periodic Review of one state.
    Upr(UprOutput),
}

/// A file format.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Deserialize,
    Serialize,
    clap::ValueEnum,
    JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Html,
    Pdf,
    Docx,
    Csv,
    Json,
    Md,
    // Generated Typst source, the intermediate of a PDF (audited, never shipped or asked for).
    // Not documented with `///`: the schema of report.yaml lists only the formats asked for.
    #[serde(skip)]
    #[value(skip)]
    Typst,
    // Plain text (the uptake summary on a terminal); never asked for in report.yaml.
    #[serde(skip)]
    #[value(skip)]
    Text,
}

impl Format {
    /// The file extension of an artifact in this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Md => "md",
            Format::Typst => "typ",
            Format::Text => "txt",
        }
    }
}

/// The formats each kind of output can be written in: resolution checks report.yaml against
/// them, and the writers ([`crate::write::Writable`]) write exactly these.
pub const PUBLICATION_FORMATS: &[Format] = &[Format::Html, Format::Pdf, Format::Docx, Format::Md];
/// See [`PUBLICATION_FORMATS`].
pub const SUBMISSION_FORMATS: &[Format] = &[Format::Html, Format::Pdf, Format::Docx];
/// See [`PUBLICATION_FORMATS`].
pub const SHEET_FORMATS: &[Format] = &[
    Format::Html,
    Format::Pdf,
    Format::Csv,
    Format::Json,
    Format::Md,
    Format::Docx,
];

/// Who an output is for: `public` (consent rules and leak audit) or `internal` (everything,
/// marked confidential on every page, written to `out-internal/` beside `out/`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, clap::ValueEnum, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Public,
    Internal,
}

/// `publication:` output.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicationOutput {
    /// The formats to write: `html`, `pdf`, `docx` (Word, with real footnotes and heading
    /// styles), `md` (the publication as one Markdown file).
    #[serde(default = "default_pub_formats")]
    pub formats: Vec<Format>,
    /// Who the output is for (default `public`; `build --audience` overrides it).
    pub audience: Option<Audience>,
}

fn default_pub_formats() -> Vec<Format> {
    vec![Format::Html, Format::Pdf]
}

/// `alternative-report:` output.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AlternativeReportOutput {
    /// The treaty body (`rapporteur conventions --body`): CMW, CESCR, CCPR, CEDAW, CRC, CAT,
    /// CERD, CRPD, CED.
    #[schemars(with = "String")]
    pub body: S,
    /// The state under review (ISO 3166-1 alpha-3); it must be party to the body's instrument.
    #[schemars(with = "String")]
    pub state: S,
    /// The body's session: `76` is printed "76th session"; any other text as written.
    #[schemars(with = "Option<Scalar>")]
    pub session: Option<S>,
    /// The body's deadline for submissions, printed on the cover.
    #[schemars(with = "Option<Date>")]
    pub deadline: Option<S>,
    /// A joint submission (the coalition limits apply); default: more than one author.
    pub coalition: Option<bool>,
    /// The formats to write: `pdf`, `docx`, `html`.
    #[serde(default = "default_pub_formats")]
    pub formats: Vec<Format>,
    /// Who the output is for (default `public`).
    pub audience: Option<Audience>,
    /// Whether the body may publish the submission (said on the cover).
    pub publish: Option<bool>,
    /// The contact printed on the cover (default: the project's `contact:`, else the authors).
    pub contact: Option<String>,
    /// Only these findings (each must be in scope); default: every finding in scope.
    #[schemars(with = "Option<Vec<String>>")]
    pub findings: Option<Vec<S>>,
    /// Only these recommendations (each must be in scope); default: every one in scope.
    #[schemars(with = "Option<Vec<String>>")]
    pub recommendations: Option<Vec<S>>,
    /// The body's list of issues: the report follows its paragraphs.
    #[serde(default)]
    pub list_of_issues: Vec<IssueEntry>,
    /// Suggested questions written by the authors, replacing the generated one of a finding.
    #[serde(default)]
    pub questions: Vec<QuestionEntry>,
}

/// `recommendations:` output.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecommendationsOutput {
    /// How the sheets are made: one per `addressee`.
    #[schemars(with = "String", extend("enum" = ["addressee"]))]
    pub by: S,
    /// The formats to write: sheets as `html`, `pdf`, `docx`; the whole list as `csv`, `json`,
    /// `md`.
    #[serde(default = "default_pub_formats")]
    pub formats: Vec<Format>,
    /// Who the output is for (default `public`).
    pub audience: Option<Audience>,
}

/// `upr:` output.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UprOutput {
    /// The state under review (ISO 3166-1 alpha-3).
    #[schemars(with = "String")]
    pub state: S,
    /// The Working Group's session: `48`.
    #[schemars(with = "Option<Scalar>")]
    pub session: Option<S>,
    /// A joint submission (the coalition limit applies); default: more than one author.
    pub coalition: Option<bool>,
    /// The formats to write: `pdf`, `docx`, `html`.
    #[serde(default = "default_pub_formats")]
    pub formats: Vec<Format>,
    /// Who the output is for (default `public`).
    pub audience: Option<Audience>,
    /// The contact printed on the cover (default: the project's `contact:`, else the authors).
    pub contact: Option<String>,
    /// Only these findings (each must be in scope); default: every finding in scope.
    #[schemars(with = "Option<Vec<String>>")]
    pub findings: Option<Vec<S>>,
    /// Only these recommendations (each must be in scope); default: every one in scope.
    #[schemars(with = "Option<Vec<String>>")]
    pub recommendations: Option<Vec<S>>,
    /// Suggested questions written by the authors, replacing the generated one of a finding.
    #[serde(default)]
    pub questions: Vec<QuestionEntry>,
}

/// A paragraph of a body's list of issues (`list_of_issues:` of a submission) and the findings
/// that answer it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueEntry {
    /// The paragraph's number in the list of issues.
    #[schemars(with = "u32")]
    pub paragraph: Spanned<u32>,
    /// The paragraph's text (quoted in the submission).
    pub text: Option<String>,
    /// The findings that answer it.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub findings: Vec<S>,
}

/// A suggested question written by the authors for one finding.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionEntry {
    /// The finding's id.
    #[schemars(with = "String")]
    pub finding: S,
    /// The question, replacing the generated one.
    pub text: String,
}

// ---------------------------------------------------------------- chapters and findings

/// The optional front matter of a chapter (`chapters/*.md`).
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "chapter front matter")]
pub struct ChapterFront {
    /// An id for cross-references (`[[#id]]`).
    #[schemars(with = "Option<String>")]
    pub id: Option<S>,
    /// The chapter's title (default: its first `# Heading`).
    pub title: Option<String>,
}

/// The front matter of a finding (`findings/*.md`, between `---` lines).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "finding front matter")]
pub struct FindingFront {
    /// The finding's id, unique in the project: lowercase letters, digits and `-`.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: S,
    /// The finding's title (its heading).
    pub title: String,
    /// The responsible state, or a list: `KAZ` or `[KAZ, KGZ]` (ISO 3166-1 alpha-3).
    #[schemars(with = "Option<OneOrMany>")]
    pub state: Option<Spanned<OneOrMany>>,
    /// The concern as a noun phrase, for generated questions and concerns.
    #[schemars(with = "Option<String>")]
    pub concern: Option<Spanned<String>>,
    /// The states the migrants concerned come from, when no testimony the finding embeds or
    /// cites gives a nationality: `KGZ` or `[KGZ, TJK]`.
    #[schemars(with = "Option<OneOrMany>")]
    pub migrants_from: Option<Spanned<OneOrMany>>,
    /// Theme ids (`rapporteur conventions --themes`): `[registration, corruption]`.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub themes: Vec<S>,
    /// Provisions engaged, besides those cited inline: `[ICCPR art. 12, ILO C111 art. 2]`.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub provisions: Vec<S>,
    /// The period the finding covers: `{from: 2016-03, to: 2017-11}`.
    pub period: Option<Period>,
    /// Places concerned: `[Astana, Almaty]`.
    #[serde(default)]
    pub places: Vec<String>,
}

/// A period of time.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// Its start.
    #[schemars(with = "Date")]
    pub from: S,
    /// Its end (default: open).
    #[schemars(with = "Option<Date>")]
    pub to: Option<S>,
}

// ---------------------------------------------------------------- testimonies

/// What the witness agreed may be published.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Consent {
    /// Name and description, place, full date.
    Named,
    /// Pseudonym and description, region, month and year.
    Pseudonymous,
    /// Description only, country, year.
    Anonymous,
    /// Never published: citing it from published text is an error.
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

/// The speaker's gender (for the interview statistics and pseudonym proposals).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    Female,
    Male,
    Other,
    Undisclosed,
}

/// A testimony (`testimonies/*.yaml` holds a list of them).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Testimony {
    /// The testimony's id, unique in the project: `t-aziz-batken`.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: S,
    /// What the witness agreed may be published: named, pseudonymous, anonymous or internal.
    #[schemars(with = "Consent")]
    pub consent: Spanned<Consent>,
    /// Who speaks.
    pub speaker: Speaker,
    /// When the testimony was given (published in full for `named`, month and year for
    /// `pseudonymous`, year for `anonymous`).
    #[schemars(with = "Option<Date>")]
    pub date: Option<S>,
    /// The exact place; published only for `named`.
    pub place: Option<String>,
    /// A coarser place, published for `pseudonymous`: `Batken Oblast`.
    pub region: Option<String>,
    /// The country (ISO 3166-1 alpha-3), published for every public level.
    #[schemars(with = "Option<String>")]
    pub country: Option<S>,
    /// The author (an id of `authors:` in report.yaml) who took the testimony.
    #[schemars(with = "Option<String>")]
    pub interviewer: Option<S>,
    /// The language the testimony was given in (ISO 639-1): `ru`.
    #[schemars(with = "Option<String>")]
    pub language: Option<S>,
    /// Theme ids.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub themes: Vec<S>,
    /// More strings that must never appear in a public output (a phone number, a nickname).
    #[serde(default)]
    pub protected: Vec<String>,
    /// The account (Markdown and the inline syntax).
    #[schemars(with = "String")]
    pub text: S,
    /// The text is the authors' paraphrase of the account, not the speaker's words.
    #[serde(default)]
    pub paraphrased: bool,
    /// A document of the project the testimony was taken from (an id of `sources.yaml`).
    #[schemars(with = "Option<String>")]
    pub source: Option<S>,
    /// Consent per purpose: what the witness agreed to, each purpose with the date of the
    /// agreement and a possible withdrawal. Without it, the `consent` level holds for the
    /// publication, UN submissions and partners, and not for a court.
    // Boxed: four grants with their places take 860 bytes, which most testimonies would hold
    // empty (a project of 50,000 testimonies held 43 MB of them while it was read).
    #[schemars(with = "Option<Purposes>")]
    pub purposes: Option<Box<Purposes>>,
}

/// What a witness agreed their testimony may be used for (Every Casualty Standards, the OHCHR
/// monitoring manual): a purpose left out is not consented.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Purposes {
    /// The publication and everything published from it (recommendation sheets, lists).
    #[schemars(with = "Option<PurposeGrant>")]
    pub publication: Option<Spanned<PurposeGrant>>,
    /// Submissions to UN bodies (alternative reports, UPR submissions).
    #[schemars(with = "Option<PurposeGrant>")]
    pub un: Option<Spanned<PurposeGrant>>,
    /// Sharing with partner organisations.
    #[schemars(with = "Option<PurposeGrant>")]
    pub partners: Option<Spanned<PurposeGrant>>,
    /// Use before a court.
    #[schemars(with = "Option<PurposeGrant>")]
    pub court: Option<Spanned<PurposeGrant>>,
}

/// One purpose's consent: when it was given, and when it was withdrawn, if it was.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PurposeGrant {
    /// When the witness agreed: `2024-03-14`.
    #[schemars(with = "Date")]
    pub date: S,
    /// When the witness withdrew the agreement; from then on the purpose is refused.
    #[schemars(with = "Option<Date>")]
    pub withdrawn: Option<S>,
}

/// The speaker of a testimony.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Speaker {
    /// The real name; published only for `named` (required then). Protected otherwise.
    #[schemars(with = "Option<String>")]
    pub name: Option<S>,
    /// The name printed for `pseudonymous` (required then): another first name and initial.
    #[schemars(with = "Option<String>")]
    pub pseudonym: Option<S>,
    /// Who the speaker is, as published: `a migrant worker from Kyrgyzstan`.
    pub description: Option<String>,
    /// female, male, other or undisclosed.
    pub gender: Option<Gender>,
    /// Age in years when the testimony was given.
    pub age: Option<u32>,
    /// Nationality (ISO 3166-1 alpha-3): `KGZ`.
    #[schemars(with = "Option<String>")]
    pub nationality: Option<S>,
    /// Occupation (used with care: together with the age it can identify someone).
    pub occupation: Option<String>,
    /// The same person across several testimonies (so equal pseudonyms are expected).
    pub person: Option<String>,
    /// Parts of the real name the authors decided may appear in public outputs (for instance a
    /// first name that is also another witness's pseudonym).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub publishable: Vec<S>,
}

/// What `secrets.yaml.age` (sealed) holds for one testimony: the witness's real name and
/// protected strings, kept out of the plain testimony file so that it can be shared and reviewed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Secret {
    /// The testimony's id.
    pub id: S,
    /// The real name (as `speaker.name` of the testimony).
    pub name: Option<S>,
    /// Strings never to publish (as `protected:` of the testimony).
    #[serde(default)]
    pub protected: Vec<String>,
}

// ---------------------------------------------------------------- recommendations

/// How a UN body took a recommendation up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum UptakeStatus {
    Reflected,
    Partial,
    NotReflected,
}

/// A recommendation (`recommendations/*.yaml` holds a list of them).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    /// The recommendation's id, unique in the project: `kaz-ratify-icrmw`.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: S,
    /// The addressees (ids of addressees.yaml), one or more: `[kaz-gov]`.
    #[schemars(with = "OneOrMany")]
    pub to: Spanned<OneOrMany>,
    /// The theme id: recommendations are grouped under "On ..." headings by theme.
    #[schemars(with = "Option<String>")]
    pub theme: Option<S>,
    /// The recommendation (Markdown and the inline syntax): `Ratify the [[ICRMW]].`
    #[schemars(with = "String")]
    pub text: S,
    /// Provisions it invokes, besides those cited inline.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub provisions: Vec<S>,
    /// The findings it answers (its evidence).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub findings: Vec<S>,
    /// 1 (highest) to 3.
    #[schemars(with = "Option<u8>", range(min = 1, max = 3))]
    pub priority: Option<Spanned<u8>>,
    /// Where UN bodies took it up (`rapporteur uptake --match --write` records these).
    #[serde(default)]
    pub uptake: Vec<Uptake>,
}

/// Where a UN body took a recommendation up.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Uptake {
    /// The UN document's symbol: `CMW/C/KGZ/CO/1`.
    #[schemars(with = "String")]
    pub symbol: S,
    /// The paragraph of the document: `23`.
    #[schemars(with = "Option<Scalar>")]
    pub paragraph: Option<S>,
    /// reflected, partial or not-reflected.
    #[schemars(with = "UptakeStatus")]
    pub status: Spanned<UptakeStatus>,
    /// A note for the authors.
    pub note: Option<String>,
}

// ---------------------------------------------------------------- addressees and sources

/// Who recommendations are addressed to (`addressees.yaml` holds a list: a tree).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Addressee {
    /// The addressee's id: `kaz-mlsp`.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: S,
    /// Its name as printed: `Ministry of Labour and Social Protection of the Population`.
    pub name: String,
    /// The state whose authority it is (ISO 3166-1 alpha-3); members inherit it. None for
    /// international organisations.
    #[schemars(with = "Option<String>")]
    pub state: Option<S>,
    /// The bodies under it: a recommendation to this addressee concerns each of them too.
    #[serde(default)]
    pub members: Vec<Addressee>,
}

/// `sources.yaml` (or any `sources/*.yaml`): documents cited and meetings held.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "sources.yaml")]
pub struct SourcesFile {
    /// Documents cited with `[@id]`.
    #[serde(default)]
    pub documents: Vec<Document>,
    /// Meetings held, cited with `[@id]` and listed in the meetings annex.
    #[serde(default)]
    pub meetings: Vec<Meeting>,
}

/// A document cited.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// The document's id: `ccpr-kaz-co-2`.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: S,
    /// Its title.
    pub title: String,
    /// A UN document symbol (`CCPR/C/KAZ/CO/2`): linked to the OHCHR database.
    #[schemars(with = "Option<String>")]
    pub symbol: Option<S>,
    /// Its author: a person, a body, an organisation.
    pub author: Option<String>,
    /// Its publisher, when not the author.
    pub publisher: Option<String>,
    /// Its date.
    #[schemars(with = "Option<Date>")]
    pub date: Option<S>,
    /// Where to read it.
    pub url: Option<String>,
    /// A note printed with the reference.
    pub note: Option<String>,
}

/// Who a meeting was with.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
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
    /// Its name in report.yaml, and its key in a locale (`meeting-kind.civil-society`).
    pub fn key(self) -> &'static str {
        match self {
            MeetingKind::Government => "government",
            MeetingKind::Parliament => "parliament",
            MeetingKind::Ombudsperson => "ombudsperson",
            MeetingKind::International => "international",
            MeetingKind::Diplomatic => "diplomatic",
            MeetingKind::CivilSociety => "civil-society",
            MeetingKind::TradeUnion => "trade-union",
            MeetingKind::Employer => "employer",
            MeetingKind::Expert => "expert",
        }
    }

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

/// A meeting held.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// The meeting's id: `m-kaz-mvd`.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: S,
    /// Who it was with: `Ministry of Internal Affairs, Migration Police Committee`.
    pub with: String,
    /// What kind of interlocutor (groups the meetings annex).
    #[schemars(with = "MeetingKind")]
    pub kind: Spanned<MeetingKind>,
    /// The state (ISO 3166-1 alpha-3).
    #[schemars(with = "Option<String>")]
    pub state: Option<S>,
    /// Where it took place.
    pub place: Option<String>,
    /// When it took place.
    #[schemars(with = "Option<Date>")]
    pub date: Option<S>,
    /// A note printed in the annex.
    pub note: Option<String>,
}

// ---------------------------------------------------------------- received recommendations

/// A file of `received/`: the recommendations a state received in one UN document (a UPR
/// Working Group report, a treaty body's concluding observations), with the state's responses
/// and the authors' assessment of their implementation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceivedFile {
    /// The document's symbol (`A/HRC/43/10`, `CCPR/C/KAZ/CO/2`).
    pub document: S,
    /// The state that received them (ISO 3166-1 alpha-3).
    pub state: S,
    /// The UPR cycle (1, 2, 3, 4...): required for UPR documents.
    pub cycle: Option<Spanned<u32>>,
    /// The session: the UPR Working Group's, or the committee's.
    pub session: Option<Spanned<u32>>,
    pub date: Option<S>,
    /// Where the state gave its responses (the UPR outcome's addendum, `A/HRC/43/10/Add.1`).
    pub responses: Option<S>,
    pub recommendations: Vec<ReceivedRecommendation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Response {
    Supported,
    Noted,
}

impl Response {
    pub fn label(self) -> &'static str {
        match self {
            Response::Supported => "Supported",
            Response::Noted => "Noted",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceivedRecommendation {
    /// As numbered in the document: `140.7`, `23(a)`, `34`.
    pub paragraph: Option<S>,
    pub text: S,
    /// The text is the authors' summary, not the document's wording.
    #[serde(default)]
    pub paraphrased: bool,
    /// The recommending states (UPR), ISO 3166-1 alpha-3.
    #[serde(default)]
    pub by: Vec<S>,
    pub response: Option<Spanned<Response>>,
    /// Where this response was given, when not in the file's `responses:`.
    pub response_in: Option<S>,
    /// UPR Info's action category, 1 (minimal action) to 5 (specific action).
    pub action: Option<Spanned<u8>>,
    /// The project's themes (`conventions/themes.yaml`).
    #[serde(default)]
    pub themes: Vec<S>,
    /// The source's own issue labels (UPR Info issues, OHCHR themes), as written there.
    #[serde(default)]
    pub issues: Vec<String>,
    /// Affected persons, as the source names them (`migrants`, `women and girls`).
    #[serde(default)]
    pub groups: Vec<String>,
    /// SDG goals (`16`) or targets (`8.7`, `16.a`).
    #[serde(default)]
    pub sdg: Vec<S>,
    pub assessment: Option<RawAssessment>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Implementation {
    Implemented,
    PartiallyImplemented,
    NotImplemented,
    NoInformation,
}

impl Implementation {
    pub fn label(self) -> &'static str {
        match self {
            Implementation::Implemented => "Implemented",
            Implementation::PartiallyImplemented => "Partially implemented",
            Implementation::NotImplemented => "Not implemented",
            Implementation::NoInformation => "No information",
        }
    }
    pub const ALL: [Implementation; 4] = [
        Implementation::Implemented,
        Implementation::PartiallyImplemented,
        Implementation::NotImplemented,
        Implementation::NoInformation,
    ];
}

/// The authors' assessment of a received recommendation's implementation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAssessment {
    pub status: Spanned<Implementation>,
    /// The findings that show it.
    #[serde(default)]
    pub findings: Vec<S>,
    /// For a recommendation to ratify or accede: the instrument, whose status for the state the
    /// conventions dataset records (evidence as findings are, checked against the status).
    pub ratification: Option<S>,
    pub reason: Option<S>,
}

/// The YAML fast path (`parse::yaml::fast`) against serde-saphyr, on the project's own types.
#[cfg(test)]
#[path = "raw_yaml_tests.rs"]
mod yaml_tests;
