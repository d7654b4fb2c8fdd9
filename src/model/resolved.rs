//! The report after resolution: every reference checked, every citation resolved against the
//! dataset, dates parsed. Records are stored in vectors in project order; [`Report::index`] maps
//! an id to the record it names, so renderers never look anything up by scanning.

use crate::conventions::lookup::ProvisionRef;
use crate::model::raw::{Audience, Consent, Format, Gender, MeetingKind, UptakeStatus};
use crate::parse::date::PartialDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// Author text (Markdown) and where it came from, so positions inside it map back to the file.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Text {
    pub markdown: String,
    #[serde(skip)]
    pub origin: Origin,
}

/// Where a text starts in its file: for a block scalar or a Markdown body, `indent` is the
/// indentation of its lines; for an inline scalar, `inline_col` is the column of its first character.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    pub file: String,
    pub line: u32,
    pub indent: u32,
    pub inline_col: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    pub title: String,
    pub subtitle: Option<String>,
    pub number: Option<String>,
    pub date: PartialDate,
    pub language: String,
    /// The editions' languages, `language` first.
    pub languages: Vec<String>,
    pub authors: Vec<Author>,
    pub states: Vec<String>,
    pub contact: Option<String>,
    /// The cover's logo, image and colour (`cover:` in report.yaml).
    pub cover: Cover,
    /// The styles part (`word/styles.xml`) of the reference Word document (`reference-docx:`),
    /// whose styles the Word outputs use.
    #[serde(skip)]
    pub word_styles: Option<String>,
    /// Quasi-identifier warnings stop a public build (`strict:` in report.yaml, default true).
    #[serde(skip)]
    pub strict: bool,
    /// The public keys sealed files are sealed for (`recipients:` in report.yaml).
    #[serde(skip)]
    pub recipients: Vec<String>,
}

/// The publication's cover: each part optional.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Cover {
    pub logo: Option<CoverImage>,
    pub image: Option<CoverImage>,
    /// `#rrggbb`, lower case.
    pub colour: Option<String>,
}

/// An image of the cover: a checked file of `images/` with its alt text.
#[derive(Debug, Clone, Serialize)]
pub struct CoverImage {
    /// Its path in the project: `images/logo.png`.
    pub path: String,
    /// What it shows (never empty).
    pub alt: String,
    pub credit: Option<String>,
    /// The file's bytes, for the writers to embed.
    #[serde(skip)]
    pub bytes: Vec<u8>,
    /// What Word shows (it draws PNG, JPEG and GIF only): the file itself, or for an SVG or
    /// WebP image the PNG or JPEG of the same name beside it (`images/logo.png` for
    /// `images/logo.svg`); none when there is no such file.
    #[serde(skip)]
    pub raster: Option<Vec<u8>>,
}

impl CoverImage {
    /// Its file name's extension, lower case (`png`, `jpg`, `svg`...).
    pub fn extension(&self) -> String {
        self.path
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default()
    }

    /// Its media type: `image/png`, `image/svg+xml`...
    pub fn media_type(&self) -> &'static str {
        match self.extension().as_str() {
            "png" => "image/png",
            "jpg" | "jpeg" => "image/jpeg",
            "gif" => "image/gif",
            "svg" => "image/svg+xml",
            "webp" => "image/webp",
            _ => "application/octet-stream",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Author {
    pub id: String,
    pub name: String,
    pub url: Option<String>,
    pub about: Option<String>,
}

/// One entry of the reading order.
#[derive(Debug, Clone, Serialize)]
pub enum OutlineNode {
    Chapter(usize),
    Part {
        id: Option<String>,
        title: String,
        intro: Option<usize>,
        findings: Vec<usize>,
        /// False for a part outside the numbered sequence (a context part before Part I).
        numbered: bool,
    },
    Recommendations,
    Annex(Annex),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Annex {
    Ratifications,
    Meetings,
    Authorities,
}

#[derive(Debug, Clone, Serialize)]
pub struct Chapter {
    pub id: Option<String>,
    pub title: String,
    pub file: String,
    pub body: Text,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Finding {
    pub id: String,
    pub title: String,
    pub file: String,
    /// The states responsible (`state:`): where the conduct happens, or whose conduct it is.
    pub states: Vec<String>,
    /// The states whose nationals the finding concerns, as their State of origin:
    /// `migrants_from:`, else the nationalities of the speakers of the testimonies it embeds or
    /// cites (see `resolve::roles`).
    pub concerned: Vec<String>,
    /// What the finding is concerned about, as a noun phrase (`concern:`): "the withholding of
    /// wages by intermediaries". Generated questions are written around it.
    pub concern: Option<String>,
    pub themes: Vec<String>,
    pub provisions: Vec<ProvisionRef>,
    /// The provisions its text cites inline (`[[ICCPR art. 9]]`), resolved, in the text's order
    /// (a citation that does not resolve left out): read once, when the texts' references are.
    #[serde(skip)]
    pub cited: Vec<ProvisionRef>,
    pub period: Option<(PartialDate, Option<PartialDate>)>,
    pub places: Vec<String>,
    pub body: Text,
    /// Sub-findings (indices), in outline order.
    pub subs: Vec<usize>,
    pub parent: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Testimony {
    pub id: String,
    pub file: String,
    pub line: u32,
    pub consent: Consent,
    pub name: Option<String>,
    pub pseudonym: Option<String>,
    pub description: Option<String>,
    pub gender: Option<Gender>,
    pub age: Option<u32>,
    pub nationality: Option<String>,
    pub occupation: Option<String>,
    pub person: Option<String>,
    pub publishable: Vec<String>,
    pub date: Option<PartialDate>,
    pub place: Option<String>,
    pub region: Option<String>,
    pub country: Option<String>,
    pub interviewer: Option<String>,
    pub language: Option<String>,
    pub themes: Vec<String>,
    pub protected: Vec<String>,
    pub text: Text,
    pub paraphrased: bool,
    pub source: Option<String>,
    /// Consent per purpose (`purposes:`); `None` for a file that gives only the level.
    #[serde(skip)]
    pub purposes: Option<Vec<PurposeConsent>>,
}

/// A use of a testimony that needs the witness's consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Purpose {
    Publication,
    Un,
    Partners,
    Court,
}

impl Purpose {
    pub const ALL: [Purpose; 4] = [
        Purpose::Publication,
        Purpose::Un,
        Purpose::Partners,
        Purpose::Court,
    ];

    /// The key in `purposes:`.
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Publication => "publication",
            Purpose::Un => "un",
            Purpose::Partners => "partners",
            Purpose::Court => "court",
        }
    }

    /// In a sentence: "consented to {}".
    pub fn described(self) -> &'static str {
        match self {
            Purpose::Publication => "the publication",
            Purpose::Un => "UN submissions",
            Purpose::Partners => "sharing with partners",
            Purpose::Court => "a court",
        }
    }
}

/// One purpose's consent, as the testimony's file gives it.
#[derive(Debug, Clone)]
pub struct PurposeConsent {
    pub purpose: Purpose,
    pub date: Option<PartialDate>,
    pub withdrawn: Option<PartialDate>,
    /// Where its entry under `purposes:` is (line, column).
    pub line: u32,
    pub column: u32,
}

/// Whether a testimony may be used for a purpose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Consented {
    /// Given for this purpose, on this date.
    Given(Option<PartialDate>),
    /// Implied by the consent level of a file without `purposes:`.
    ByLevel,
    /// Not given (left out of `purposes:`, or a level that never allows it).
    No,
    /// Given, then withdrawn on this date.
    Withdrawn(Option<PartialDate>),
}

impl Consented {
    pub fn allows(&self) -> bool {
        matches!(self, Consented::Given(_) | Consented::ByLevel)
    }
}

impl Testimony {
    /// What the witness agreed to for `purpose`. A file without `purposes:` keeps its old
    /// meaning: a public level (named, pseudonymous, anonymous) allows the publication, UN
    /// submissions and partners; `internal` allows none; a court is never implied.
    pub fn consent_for(&self, purpose: Purpose) -> Consented {
        match &self.purposes {
            None if self.consent == Consent::Internal || purpose == Purpose::Court => Consented::No,
            None => Consented::ByLevel,
            Some(list) => match list.iter().find(|p| p.purpose == purpose) {
                None => Consented::No,
                Some(p) if p.withdrawn.is_some() => Consented::Withdrawn(p.withdrawn),
                Some(p) => Consented::Given(p.date),
            },
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Recommendation {
    pub id: String,
    pub file: String,
    pub to: Vec<String>,
    pub theme: Option<String>,
    pub text: Text,
    pub provisions: Vec<ProvisionRef>,
    /// The provisions its text cites inline (`[[ICCPR art. 9]]`), resolved, in the text's order
    /// (a citation that does not resolve left out): read once, when the texts' references are.
    #[serde(skip)]
    pub cited: Vec<ProvisionRef>,
    pub findings: Vec<String>,
    pub priority: Option<u8>,
    pub uptake: Vec<Uptake>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Uptake {
    pub symbol: String,
    pub body: Option<String>,
    pub paragraph: Option<String>,
    pub status: UptakeStatus,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Addressee {
    pub id: String,
    pub name: String,
    /// The state, inherited from the parent when not given.
    pub state: Option<String>,
    pub parent: Option<usize>,
    pub members: Vec<usize>,
    pub depth: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub id: String,
    pub title: String,
    pub symbol: Option<String>,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<PartialDate>,
    pub url: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Meeting {
    pub id: String,
    pub with: String,
    pub kind: MeetingKind,
    pub state: Option<String>,
    pub place: Option<String>,
    pub date: Option<PartialDate>,
    pub note: Option<String>,
}

/// What `build` makes.
#[derive(Debug, Clone, Serialize)]
pub enum Output {
    Publication {
        formats: Vec<Format>,
        audience: Option<Audience>,
    },
    /// A submission to a UN mechanism: an alternative report to a treaty body, or a UPR
    /// submission.
    Submission(Box<Submission>),
    Recommendations {
        formats: Vec<Format>,
        audience: Option<Audience>,
    },
}

impl Output {
    /// The audience report.yaml gives this output (`None`: public unless `build --audience`).
    pub fn audience(&self) -> Option<Audience> {
        match self {
            Output::Publication { audience, .. } | Output::Recommendations { audience, .. } => {
                *audience
            }
            Output::Submission(sub) => sub.audience,
        }
    }

    /// The formats report.yaml asks this output in.
    pub fn formats(&self) -> &[Format] {
        match self {
            Output::Publication { formats, .. } | Output::Recommendations { formats, .. } => {
                formats
            }
            Output::Submission(sub) => &sub.formats,
        }
    }
}

/// The UN mechanism a submission goes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Mechanism {
    /// An alternative (shadow) report to this treaty body (`CMW`, `CESCR`, ...).
    TreatyBody(String),
    /// A submission to the Universal Periodic Review.
    Upr,
}

/// A submission to a UN body about one state, as `report.yaml` asks for it.
#[derive(Debug, Clone, Serialize)]
pub struct Submission {
    pub mechanism: Mechanism,
    pub state: String,
    pub session: Option<String>,
    pub deadline: Option<PartialDate>,
    /// A joint submission: the coalition limits apply.
    pub coalition: bool,
    pub formats: Vec<Format>,
    pub audience: Option<Audience>,
    /// Whether the body may publish it (None: not said).
    pub publish: Option<bool>,
    pub contact: Option<String>,
    /// Finding ids chosen by the authors (None: every finding in scope).
    pub findings: Option<Vec<String>>,
    /// Recommendation ids chosen by the authors (None: every one in scope).
    pub recommendations: Option<Vec<String>>,
    pub list_of_issues: Vec<Issue>,
    /// finding id -> the authors' suggested question.
    pub questions: BTreeMap<String, String>,
}

/// A paragraph of the body's list of issues and the findings that answer it.
#[derive(Debug, Clone, Serialize)]
pub struct Issue {
    pub paragraph: u32,
    pub text: Option<String>,
    pub findings: Vec<String>,
}

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Target {
    Chapter(usize),
    Part(usize),
    Finding(usize),
    Testimony(usize),
    Recommendation(usize),
    Addressee(usize),
    Document(usize),
    Meeting(usize),
    Author(usize),
}

impl Submission {
    /// The treaty body, or None for the UPR.
    pub fn body(&self) -> Option<&str> {
        match &self.mechanism {
            Mechanism::TreatyBody(b) => Some(b),
            Mechanism::Upr => None,
        }
    }

    /// The id of the mechanism's entry in the dataset's bodies: the treaty body, or `UPR`.
    pub fn body_id(&self) -> &str {
        self.body().unwrap_or("UPR")
    }

    /// The output's name: `<body>-<state>` in lower case (`upr-kaz` for the UPR).
    pub fn slug(&self) -> String {
        format!(
            "{}-{}",
            self.body_id().to_lowercase(),
            self.state.to_lowercase()
        )
    }
}

impl Target {
    pub fn kind(&self) -> &'static str {
        match self {
            Target::Chapter(_) => "chapter",
            Target::Part(_) => "part",
            Target::Finding(_) => "finding",
            Target::Testimony(_) => "testimony",
            Target::Recommendation(_) => "recommendation",
            Target::Addressee(_) => "addressee",
            Target::Document(_) => "document",
            Target::Meeting(_) => "meeting",
            Target::Author(_) => "author",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub meta: Meta,
    pub outline: Vec<OutlineNode>,
    pub chapters: Vec<Chapter>,
    pub findings: Vec<Finding>,
    pub testimonies: Vec<Testimony>,
    pub recommendations: Vec<Recommendation>,
    pub addressees: Vec<Addressee>,
    pub documents: Vec<Document>,
    pub meetings: Vec<Meeting>,
    pub outputs: Vec<Output>,
    /// Every id of the report, by id (looked up, never listed in order).
    pub index: rustc_hash::FxHashMap<String, Target>,
    /// The UN documents of `received/`, and the recommendations the state received in them.
    pub received_documents: Vec<ReceivedDocument>,
    pub received: Vec<Received>,
    /// The words the outputs are written in: the locale of `meta.language`, with the
    /// project's own `locales/` over it.
    #[serde(skip)]
    pub locale: crate::locale::Locale,
    /// In a draft edition, the files whose translation is missing and whose source text stands
    /// in their place: their testimonies and recommendations are marked, and a testimony of
    /// one is not said to be translated.
    pub untranslated: std::collections::BTreeSet<String>,
}

impl Report {
    pub fn finding(&self, id: &str) -> Option<&Finding> {
        match self.index.get(id) {
            Some(Target::Finding(i)) => Some(&self.findings[*i]),
            _ => None,
        }
    }
    pub fn testimony(&self, id: &str) -> Option<&Testimony> {
        match self.index.get(id) {
            Some(Target::Testimony(i)) => Some(&self.testimonies[*i]),
            _ => None,
        }
    }
    pub fn addressee(&self, id: &str) -> Option<&Addressee> {
        match self.index.get(id) {
            Some(Target::Addressee(i)) => Some(&self.addressees[*i]),
            _ => None,
        }
    }
    /// The addressee and all its ancestors (a recommendation to a ministry is also one to its government).
    pub fn addressee_with_ancestors(&self, id: &str) -> Vec<usize> {
        let mut out = vec![];
        let mut cur = match self.index.get(id) {
            Some(Target::Addressee(i)) => Some(*i),
            _ => None,
        };
        while let Some(i) = cur {
            out.push(i);
            cur = self.addressees[i].parent;
        }
        out
    }
    /// The addressee and all its members, recursively.
    pub fn addressee_with_members(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut k = 0;
        while k < out.len() {
            out.extend(self.addressees[out[k]].members.iter().copied());
            k += 1;
        }
        out
    }
}

// ---------------------------------------------------------------- received recommendations

/// A UN document with recommendations the state received (a file of `received/`).
#[derive(Debug, Clone, Serialize)]
pub struct ReceivedDocument {
    pub file: String,
    pub symbol: String,
    /// The body's id (`UPR`, `CCPR`, ...).
    pub body: String,
    pub upr: bool,
    pub state: String,
    pub cycle: Option<u32>,
    pub session: Option<u32>,
    pub date: Option<PartialDate>,
    pub responses: Option<String>,
    /// The link to the official document.
    pub url: String,
    /// The latest document of its body for its state (the latest UPR cycle, the concluding
    /// observations on the latest report): the one whose implementation is now reviewed.
    pub reviewed: bool,
}

/// One recommendation the state received.
#[derive(Debug, Clone, Serialize)]
pub struct Received {
    /// Index into [`Report::received_documents`].
    pub document: usize,
    pub paragraph: Option<String>,
    pub text: String,
    pub paraphrased: bool,
    pub by: Vec<String>,
    pub response: Option<crate::model::raw::Response>,
    pub response_in: Option<String>,
    pub action: Option<u8>,
    pub themes: Vec<String>,
    pub issues: Vec<String>,
    pub groups: Vec<String>,
    pub sdg: Vec<String>,
    pub assessment: Option<Assessment>,
    /// Where it is written (file and line), for diagnostics and listings.
    pub file: String,
    pub line: u32,
    pub col: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    pub status: crate::model::raw::Implementation,
    pub findings: Vec<String>,
    /// The instrument whose ratification the recommendation asked for (its dataset id).
    pub ratification: Option<String>,
    pub reason: Option<String>,
}
