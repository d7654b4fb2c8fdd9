//! Format writers: from a view to bytes, in memory. [`html`] renders with tera templates
//! ([`templates`]), [`typst`] generates Typst markup and [`typst_cli`] is the one function that runs
//! the typst CLI, [`docx`] writes Word documents, and [`sheet`] writes recommendation lists and
//! sheets (Markdown, CSV, JSON, HTML, PDF, Word).

pub mod docx;
pub mod html;
pub mod sheet;
pub mod templates;
pub mod typst;
pub mod typst_cli;

use std::time::Duration;

/// One output file, in memory.
#[derive(Debug, Clone)]
pub struct Artifact {
    /// Path relative to the output folder.
    pub path: String,
    pub bytes: Vec<u8>,
    /// Whether the file is shipped (the intermediate Typst source and data are audited, not shipped).
    pub shipped: bool,
}

/// How long rendering took, split into our own work and typst's.
#[derive(Debug, Default, Clone, Copy)]
pub struct Timings {
    pub ours: Duration,
    pub typst: Duration,
}
