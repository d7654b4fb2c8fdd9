//! Outputs: each output of report.yaml (the publication, a submission to a UN body) made into
//! artifacts in memory, from its view ([`crate::view`]) through the format writers
//! ([`crate::write`]). Every public artifact then passes the leak audit ([`crate::protect::audit`])
//! before anything is written.

use crate::conventions::Dataset;
use crate::measure::{self, Measured, limit_kind, pdf_pages};
use crate::model::raw::{Audience, Format};
use crate::model::resolved::Report;
use crate::view::{publication as view, submission};
use crate::write::templates::Templates;
use crate::write::{Artifact, Timings, docx, html, typst, typst_cli};
use anyhow::Result;

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
        timings.ours += start.elapsed();
        let pdf = typst_pdf(
            "publication",
            "publication",
            &body,
            &data,
            report,
            templates,
            &mut out,
            timings,
        )?;
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

/// A submission rendered: its artifacts, a line saying what was counted against which limit,
/// and, when it is over a limit, the message (an error, or a warning in a draft build).
pub struct SubmissionBuild {
    pub artifacts: Vec<Artifact>,
    pub summary: String,
    pub over_limit: Option<String>,
}

/// One submission (alternative report or UPR) in the formats asked for.
#[allow(clippy::too_many_arguments)]
pub fn submission(
    report: &Report,
    ds: &Dataset,
    templates: &Templates,
    sub: &crate::model::resolved::Submission,
    audience: Audience,
    formats: &[Format],
    timings: &mut Timings,
) -> Result<SubmissionBuild> {
    let start = std::time::Instant::now();
    let Measured {
        view,
        parts,
        mut line,
        mut over,
    } = measure::submission(report, ds, sub, audience);
    let base = format!("submissions/{}", view.slug);
    let who = sub.body.clone().unwrap_or_else(|| "UPR".into());
    let settings = match &sub.body {
        Some(b) => ds.body(b),
        None => ds.body("UPR"),
    }
    .and_then(|b| b.submission.as_ref());
    let kind = limit_kind(sub, settings);
    let limits = &view.limits;
    let mut out = vec![];
    if formats.contains(&Format::Html) {
        let page = html::submission(&view, &parts, templates)?;
        out.push(Artifact {
            path: format!("{base}.html"),
            bytes: page.into_bytes(),
            shipped: true,
        });
    }
    if formats.contains(&Format::Docx) {
        let bytes = docx::render(&submission_docx(&view, report))?;
        out.push(Artifact {
            path: format!("{base}.docx"),
            bytes,
            shipped: true,
        });
    }
    if let Some((header, rows)) = &view.matrix {
        // The matrix of the recommendations received, beside the submission: CSV always, Word
        // with the submission's Word.
        let head: Vec<&str> = header.iter().map(String::as_str).collect();
        out.push(Artifact {
            path: format!("{base}-matrix.csv"),
            bytes: crate::write::sheet::csv_table(&head, rows).into_bytes(),
            shipped: true,
        });
        if formats.contains(&Format::Docx) {
            out.push(Artifact {
                path: format!("{base}-matrix.docx"),
                bytes: docx::render(&matrix_docx(&view, report))?,
                shipped: true,
            });
        }
    }
    if formats.contains(&Format::Pdf) {
        let body = typst::submission_body(&view);
        let data = serde_json::to_vec_pretty(&view.cover)?;
        timings.ours += start.elapsed();
        let pdf = typst_pdf(
            &base,
            "submission",
            &body,
            &data,
            report,
            templates,
            &mut out,
            timings,
        )?;
        let pages = pdf_pages(&pdf);
        match (limits.pages, pages) {
            (Some(l), Some(p)) => {
                line.push_str(&format!(
                    "; {p} pages in the PDF (cover included), the {who}'s limit for {kind} is {l}"
                ));
                if p > l as usize {
                    over.push(format!(
                        "{base}.pdf has {p} pages (cover and contents included), over the {who}'s limit of {l} pages for {kind} (dataset: conventions/bodies.yaml)"
                    ));
                }
            }
            (Some(l), None) => line.push_str(&format!(
                "; the page count could not be read from the PDF, so the {who}'s limit of {l} pages was not checked"
            )),
            (None, Some(p)) => line.push_str(&format!("; {p} pages in the PDF")),
            (None, None) => {}
        }
        out.push(Artifact {
            path: format!("{base}.pdf"),
            bytes: pdf,
            shipped: true,
        });
    } else {
        if let Some(l) = limits.pages {
            line.push_str(&format!(
                "; the {who}'s page limit ({l}) is checked only when the PDF is built"
            ));
        }
        timings.ours += start.elapsed();
    }
    Ok(SubmissionBuild {
        artifacts: out,
        summary: line,
        over_limit: (!over.is_empty()).then(|| over.join("; ")),
    })
}

/// The Word document of a submission: cover, contents, then the same sections as the HTML.
/// The matrix of the recommendations received as a Word document of its own (a landscape-wide
/// table under a title).
fn matrix_docx<'a>(view: &'a submission::SubmissionView, report: &Report) -> docx::Document<'a> {
    use crate::view::ast::{Block, Inline};
    use docx::Item as D;
    let c = &view.cover;
    let (header, rows) = view.matrix.clone().unwrap_or_default();
    let cell = |s: String| vec![Inline::Text(s)];
    let title = format!("Recommendations received by {}: matrix", c.state);
    let d = report.meta.date;
    docx::Document {
        title: title.clone(),
        language: c.language.clone(),
        timestamp: format!(
            "{:04}-{:02}-{:02}T00:00:00Z",
            d.year,
            d.month.unwrap_or(1),
            d.day.unwrap_or(1)
        ),
        notes: &[],
        footer: format!("{} — {}", c.title, c.organisations.join("; ")),
        cover_page: false,
        items: vec![
            D::Title(title),
            D::Small(format!(
                "Annex to the submission of {} to the {}: each recommendation with its number and source, the recommending states, the response and the authors' assessment of its implementation.",
                c.organisations.join(", "),
                c.to
            )),
            D::Block(Block::Table {
                header: header.into_iter().map(cell).collect(),
                rows: rows
                    .into_iter()
                    .map(|r| r.into_iter().map(cell).collect())
                    .collect(),
            }),
        ],
    }
}

fn submission_docx<'a>(
    view: &'a submission::SubmissionView,
    report: &Report,
) -> docx::Document<'a> {
    use docx::Item as D;
    use submission::Item;
    let c = &view.cover;
    let mut items = vec![
        D::Space(72),
        D::Line {
            text: c.kind.to_uppercase(),
            bold: true,
            size: 11,
        },
        D::Title(c.title.clone()),
        D::Line {
            text: c.to.clone(),
            bold: false,
            size: 13,
        },
        D::Space(24),
    ];
    if let Some(s) = &c.session {
        items.push(D::Field {
            name: "Session".into(),
            value: s.clone(),
        });
    }
    items.push(D::Field {
        name: c.state_label.clone(),
        value: c.state.clone(),
    });
    items.push(D::Field {
        name: "Submitted by".into(),
        value: format!(
            "{}{}",
            c.organisations.join("; "),
            if c.joint { " (joint submission)" } else { "" }
        ),
    });
    items.push(D::Field {
        name: "Contact".into(),
        value: c.contact.clone(),
    });
    items.push(D::Field {
        name: "Publication".into(),
        value: c.publication.clone(),
    });
    items.push(D::Field {
        name: "Date".into(),
        value: c.date.clone(),
    });
    if let Some(d) = &c.deadline {
        items.push(D::Field {
            name: "Deadline".into(),
            value: d.clone(),
        });
    }
    if c.confidential {
        items.push(D::Line {
            text: "CONFIDENTIAL — INTERNAL DRAFT, NOT FOR PUBLICATION".into(),
            bold: true,
            size: 12,
        });
    }
    items.push(D::Space(36));
    items.push(D::Small(format!(
        "Drawn from {}. Paragraphs are numbered; sources are named in footnotes.",
        c.based_on
    )));
    items.push(D::PageBreak);
    items.push(D::Heading {
        level: 1,
        text: "Contents".into(),
    });
    items.push(D::Contents(
        view.toc
            .iter()
            .map(|e| {
                let n = if e.level == 1 {
                    format!("{}.", e.number)
                } else {
                    e.number.clone()
                };
                (e.level, format!("{n} {}", e.title))
            })
            .collect(),
    ));
    items.push(D::PageBreak);
    for s in &view.sections {
        items.push(D::Heading {
            level: 1,
            text: format!("{}. {}", s.number, s.title),
        });
        for it in &s.items {
            items.push(match it {
                Item::Heading {
                    level,
                    number,
                    title,
                    ..
                } => D::Heading {
                    level: *level,
                    text: if number.is_empty() {
                        title.clone()
                    } else {
                        format!("{number} {title}")
                    },
                },
                Item::Para { inlines, .. } => D::Numbered(inlines.clone()),
                Item::Engaged(l) => D::Small(l.clone()),
                Item::Block(b) => D::Block(b.clone()),
            });
        }
    }
    let d = report.meta.date;
    docx::Document {
        title: c.title.clone(),
        language: c.language.clone(),
        timestamp: format!(
            "{:04}-{:02}-{:02}T00:00:00Z",
            d.year,
            d.month.unwrap_or(1),
            d.day.unwrap_or(1)
        ),
        notes: &view.notes,
        footer: format!(
            "{} — {}",
            c.body.clone().unwrap_or_else(|| "UPR".into()),
            c.state
        ),
        cover_page: true,
        items,
    }
}

/// Compiles a generated Typst body with its template (`templates/typst/<template>.typ`, whose
/// function of the same name is applied to the body) and JSON data into a PDF. The generated
/// source and data are added to `out` as audited, unshipped artifacts named after `base`.
#[allow(clippy::too_many_arguments)]
fn typst_pdf(
    base: &str,
    template: &str,
    body: &str,
    data: &[u8],
    report: &Report,
    templates: &Templates,
    out: &mut Vec<Artifact>,
    timings: &mut Timings,
) -> Result<Vec<u8>> {
    let main = format!(
        "#import \"template.typ\": *\n#show: {template}.with(json(\"data.json\"))\n\n{body}"
    );
    let template_text = templates.file(&format!("typst/{template}.typ"))?;
    out.push(Artifact {
        path: format!("{base}.typ"),
        bytes: main.clone().into_bytes(),
        shipped: false,
    });
    out.push(Artifact {
        path: format!("{base}.json"),
        bytes: data.to_vec(),
        shipped: false,
    });
    let ts = typst_cli::creation_timestamp(report.meta.date.unix_seconds());
    let (pdf, took) = typst_cli::compile(
        &[
            ("main.typ", main.as_bytes()),
            ("template.typ", template_text.as_bytes()),
            ("data.json", data),
        ],
        "main.typ",
        ts,
    )?;
    timings.typst += took;
    Ok(pdf)
}
