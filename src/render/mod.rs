//! Rendering: from the resolved report to artifacts (bytes with a file name), in memory.
//!
//! - [`view`] builds the one view model both renderers read ([`ast`] is its document tree,
//!   [`convert`] turns author Markdown into it);
//! - [`html`] renders it with tera templates ([`templates`]), [`typst`] generates Typst markup
//!   and [`typst_cli`] is the one function that runs the typst CLI;
//! - [`recs`] renders recommendation lists and sheets by addressee (Markdown, CSV, JSON, HTML,
//!   PDF through its own Typst template);
//! - [`audit`] is the leak scan every public artifact passes before anything is written.

pub mod ast;
pub mod audit;
pub mod convert;
pub mod html;
pub mod recs;
pub mod templates;
pub mod typst;
pub mod typst_cli;
pub mod view;

use crate::conventions::Dataset;
use crate::model::raw::{Audience, Format};
use crate::model::resolved::Report;
use anyhow::Result;
use std::time::Duration;
use templates::Templates;

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

/// The publication (HTML and/or PDF) for one audience.
pub fn publication(
    report: &Report,
    ds: &Dataset,
    templates: &Templates,
    audience: Audience,
    formats: &[Format],
    timings: &mut Timings,
) -> Result<Vec<Artifact>> {
    let start = std::time::Instant::now();
    let view = view::publication(report, ds, audience);
    let mut out = vec![];
    if formats.contains(&Format::Html) {
        let page = html::publication(&view, templates)?;
        out.push(Artifact {
            path: "publication.html".into(),
            bytes: page.into_bytes(),
            shipped: true,
        });
    }
    if formats.contains(&Format::Pdf) {
        let body = typst::publication_body(&view);
        let data = serde_json::to_vec_pretty(&view.meta)?;
        let main = "#import \"template.typ\": *\n#show: publication.with(json(\"data.json\"))\n\n"
            .to_string()
            + &body;
        let template = templates.file("typst/publication.typ")?;
        out.push(Artifact {
            path: "publication.typ".into(),
            bytes: main.clone().into_bytes(),
            shipped: false,
        });
        out.push(Artifact {
            path: "publication.json".into(),
            bytes: data.clone(),
            shipped: false,
        });
        timings.ours += start.elapsed();
        let ts = typst_cli::creation_timestamp(report.meta.date.unix_seconds());
        let (pdf, took) = typst_cli::compile(
            &[
                ("main.typ", main.as_bytes()),
                ("template.typ", template.as_bytes()),
                ("data.json", &data),
            ],
            "main.typ",
            ts,
        )?;
        timings.typst += took;
        out.push(Artifact {
            path: "publication.pdf".into(),
            bytes: pdf,
            shipped: true,
        });
        return Ok(out);
    }
    timings.ours += start.elapsed();
    Ok(out)
}
