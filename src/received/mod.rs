//! The recommendations a state received, beside the pipeline: imported from the formats people
//! have into `received/*.yaml` files ([`upr_info`], [`ohchr`], [`concluding`], [`impact`]), and
//! written back as UPR Info-style tables ([`upr_info::write`]); counted by assessment
//! ([`implementation`]).
//!
//! Every importer yields the same neutral [`Import`]: what the document-level fields are (the
//! symbol, the state, the cycle or session, where responses were given), the [`Record`]s
//! recognised, and the lines or rows not recognised, each with the reason. [`to_yaml`] writes an
//! import as a `received/` file, which `check` then validates like any other input.

pub mod concluding;
pub mod impact;
pub mod implementation;
pub mod ohchr;
pub mod upr_info;

use crate::model::raw::Response;
use std::fmt::Write as _;

/// The import formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// A UPR Info database export (CSV): recommendation, recommending state, state under review,
    /// response, action category, issues, session, cycle.
    UprInfo,
    /// An OHCHR thematic list of recommendations (UPR matrix), as text copied from its Word or
    /// PDF file: `140.7 Ratify ... (Ghana);`, `Source of position: ...`, `Supported`, themes,
    /// `Affected persons:`.
    Ohchr,
    /// Concluding observations pasted as text: numbered paragraphs (`23.`), lettered
    /// sub-paragraphs (`(a)`).
    Observations,
    /// An IMPACT OSS recommendations CSV (`Reference [database:reference]`, `Title
    /// [database:title]`, `Accepted`, `Response`).
    Impact,
}

/// Document-level fields, from the data or from the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub document: Option<String>,
    pub state: Option<String>,
    pub cycle: Option<u32>,
    pub session: Option<u32>,
    pub responses: Option<String>,
}

/// One recommendation as imported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    pub paragraph: Option<String>,
    pub text: String,
    /// Recommending states, as ISO codes.
    pub by: Vec<String>,
    pub response: Option<Response>,
    pub response_in: Option<String>,
    pub action: Option<u8>,
    pub issues: Vec<String>,
    pub groups: Vec<String>,
    pub sdg: Vec<String>,
}

/// What an importer recognised and what it did not.
#[derive(Debug, Clone, Default)]
pub struct Import {
    pub header: Header,
    pub records: Vec<Record>,
    /// (line or row number, what was there, why it was not taken).
    pub skipped: Vec<(usize, String, String)>,
    /// Things worth saying about what was taken (columns ignored, values normalised).
    pub notes: Vec<String>,
}

impl Import {
    pub fn skip(&mut self, line: usize, what: &str, why: impl Into<String>) {
        let what: String = what.split_whitespace().collect::<Vec<_>>().join(" ");
        let short = if what.chars().count() > 60 {
            what.chars().take(60).collect::<String>() + "…"
        } else {
            what
        };
        self.skipped.push((line, short, why.into()));
    }

    /// The report printed after an import.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        let n = self.records.len();
        let count = |f: &dyn Fn(&Record) -> bool| self.records.iter().filter(|r| f(r)).count();
        let _ = writeln!(
            out,
            "recognised {n} recommendation{}: {} with a paragraph number, {} with recommending states, {} with a response, {} with SDGs",
            if n == 1 { "" } else { "s" },
            count(&|r| r.paragraph.is_some()),
            count(&|r| !r.by.is_empty()),
            count(&|r| r.response.is_some()),
            count(&|r| !r.sdg.is_empty()),
        );
        for note in &self.notes {
            let _ = writeln!(out, "note: {note}");
        }
        if self.skipped.is_empty() {
            let _ = writeln!(out, "nothing left unrecognised");
        } else {
            let _ = writeln!(out, "not recognised ({}):", self.skipped.len());
            for (line, what, why) in &self.skipped {
                let _ = writeln!(out, "  line {line}: {why}: {what}");
            }
        }
        out
    }
}

/// A YAML double-quoted scalar (JSON's string syntax is valid YAML).
fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn list(items: &[String]) -> String {
    format!(
        "[{}]",
        items
            .iter()
            .map(|s| quote(s))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// An import written as a `received/` file. Fields the import could not establish are left out
/// (and `check` says what is missing).
pub fn to_yaml(import: &Import, source: &str) -> String {
    let h = &import.header;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Imported by `rapporteur received import` from {source}. Check the numbers and texts\n# against the document, then add each recommendation's assessment."
    );
    let _ = writeln!(
        out,
        "document: {}",
        quote(h.document.as_deref().unwrap_or(""))
    );
    let _ = writeln!(out, "state: {}", quote(h.state.as_deref().unwrap_or("")));
    if let Some(c) = h.cycle {
        let _ = writeln!(out, "cycle: {c}");
    }
    if let Some(s) = h.session {
        let _ = writeln!(out, "session: {s}");
    }
    if let Some(r) = &h.responses {
        let _ = writeln!(out, "responses: {}", quote(r));
    }
    let _ = writeln!(out, "recommendations:");
    for r in &import.records {
        out.push('\n');
        match &r.paragraph {
            Some(p) => {
                let _ = writeln!(out, "  - paragraph: {}", quote(p));
                let _ = writeln!(out, "    text: {}", quote(&r.text));
            }
            None => {
                let _ = writeln!(out, "  - text: {}", quote(&r.text));
            }
        }
        if !r.by.is_empty() {
            let _ = writeln!(out, "    by: {}", list(&r.by));
        }
        if let Some(resp) = r.response {
            let _ = writeln!(out, "    response: {}", resp.label().to_lowercase());
        }
        if let Some(s) = &r.response_in {
            let _ = writeln!(out, "    response_in: {}", quote(s));
        }
        if let Some(a) = r.action {
            let _ = writeln!(out, "    action: {a}");
        }
        for (key, v) in [
            ("issues", &r.issues),
            ("groups", &r.groups),
            ("sdg", &r.sdg),
        ] {
            if !v.is_empty() {
                let _ = writeln!(out, "    {key}: {}", list(v));
            }
        }
    }
    out
}

/// The records of a project's received document, back in the neutral form (for tables).
pub fn records_of(report: &crate::model::resolved::Report, document: usize) -> Vec<Record> {
    report
        .received
        .iter()
        .filter(|r| r.document == document)
        .map(|r| Record {
            paragraph: r.paragraph.clone(),
            text: r.text.clone(),
            by: r.by.clone(),
            response: r.response,
            response_in: r.response_in.clone(),
            action: r.action,
            issues: r.issues.clone(),
            groups: r.groups.clone(),
            sdg: r.sdg.clone(),
        })
        .collect()
}

/// A response as the sources write it: `Supported`, `Accepted` (UPR Info's older word),
/// `Noted`, `Rejected` (likewise). `Pending` and empty cells have none.
pub fn response_of(s: &str) -> Result<Option<Response>, String> {
    match s.trim().to_lowercase().as_str() {
        "supported" | "accepted" | "supported/accepted" | "true" | "yes" => {
            Ok(Some(Response::Supported))
        }
        "noted" | "rejected" | "not accepted" | "false" | "no" => Ok(Some(Response::Noted)),
        "" | "pending" | "no response" => Ok(None),
        other => Err(format!("response `{other}` is neither supported nor noted")),
    }
}

/// The leading number of a session or cycle cell: `34`, `34th`, `Cycle 3`, `3rd cycle`.
pub fn leading_number(s: &str) -> Option<u32> {
    let digits: String = s
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}
