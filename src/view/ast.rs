//! The neutral document tree both renderers walk. Author Markdown is converted into it once
//! (in [`super::publication`]), with every reference already resolved: a footnote is a number, a
//! cross-reference a label and an anchor, a provision a label, a link and an authority key.
//! Text nodes hold author text verbatim; each renderer escapes it for its own format.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Block {
    Para(Vec<Inline>),
    /// A heading inside author text; level relative to the section (1 = first level inside it).
    Heading(u8, Vec<Inline>),
    Quote(Vec<Block>),
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Code(String),
    Table {
        header: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    Rule,
    Testimony(TestimonyBlock),
    /// Generated figures (`![[stats:interviews]]`): a caption and a table.
    Figure {
        caption: String,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Inline {
    Text(String),
    Emph(Vec<Inline>),
    Strong(Vec<Inline>),
    Strike(Vec<Inline>),
    Code(String),
    /// An external link (only http, https and mailto are kept as links).
    Link {
        url: String,
        children: Vec<Inline>,
    },
    /// A legal provision: its label, the official text's address, and the key of its entry in
    /// the table of authorities (`occurrence` is unique across the publication).
    Provision {
        label: String,
        url: Option<String>,
        key: String,
        occurrence: usize,
    },
    /// A cross-reference to a finding, part, chapter or recommendation.
    XRef {
        label: String,
        anchor: String,
    },
    /// A footnote call: the note's number (1-based, through the whole publication).
    Note(usize),
    LineBreak,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TestimonyBlock {
    pub id: String,
    pub body: Vec<Block>,
    /// Who, where and when, as the consent level allows (e.g. "Almakhan K., a migrant worker,
    /// Turkistan Region, November 2017").
    pub attribution: String,
    pub paraphrased: bool,
    /// The locale's word for a paraphrase ("paraphrased account"), shown after the attribution.
    #[serde(skip)]
    pub paraphrase: String,
    /// The footnote carrying the attribution and the source.
    pub note: usize,
}

/// An entry of a table of contents (the publication's, a submission's).
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub number: String,
    pub title: String,
    pub anchor: String,
}

/// Plain text of inlines (for titles, link text in tables, word counts).
pub fn plain(inlines: &[Inline]) -> String {
    let mut s = String::new();
    for i in inlines {
        match i {
            Inline::Text(t) | Inline::Code(t) => s.push_str(t),
            Inline::Emph(c)
            | Inline::Strong(c)
            | Inline::Strike(c)
            | Inline::Link { children: c, .. } => s.push_str(&plain(c)),
            Inline::Provision { label, .. } | Inline::XRef { label, .. } => s.push_str(label),
            Inline::Note(_) => {}
            Inline::LineBreak => s.push(' '),
        }
    }
    s
}
