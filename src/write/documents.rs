//! The table of writers: which writer writes which view in which format. A new format for a
//! view is one arm here, its writer, and its name in the view's list of formats
//! ([`crate::model::raw::PUBLICATION_FORMATS`] and the like).

use super::sheet::{self, RecItem, SheetMeta, Sheets};
use super::typst_cli::Job;
use super::{Artifact, Env, Writable, docx, html, markdown, typst};
use crate::model::raw::{Format, PUBLICATION_FORMATS, SHEET_FORMATS, SUBMISSION_FORMATS};
use crate::view::publication::PublicationView;
use crate::view::submission::SubmissionView;
use anyhow::{Result, bail};

fn unsupported(what: &str, format: Format) -> Result<Vec<Artifact>> {
    bail!(
        "{what} cannot be written as {format:?} (a bug: resolution lets only its formats through)"
    )
}

impl Writable for PublicationView {
    fn formats(&self) -> &'static [Format] {
        PUBLICATION_FORMATS
    }

    fn write(&self, format: Format, env: &mut Env) -> Result<Vec<Artifact>> {
        let base = "publication";
        let bytes = match format {
            Format::Html => html::publication(self, env.templates)?,
            Format::Md => markdown::publication(self).into_bytes(),
            Format::Docx => env.restyled(docx::render(&docx::publication(self, env.date))?)?,
            Format::Pdf => {
                let job = Job {
                    base: base.into(),
                    function: "publication",
                    body: typst::publication_body(self),
                    data: serde_json::to_vec_pretty(&self.meta)?,
                    files: self.meta.cover.files(),
                    data_artifact: true,
                };
                return env.pdfs("typst/publication.typ", &[job]);
            }
            other => return unsupported("the publication", other),
        };
        Ok(vec![Artifact::shipped(base, format, bytes)])
    }
}

/// A submission's view with its HTML parts (made once, when it is measured).
pub struct Submission<'a> {
    pub view: &'a SubmissionView,
    pub parts: &'a html::SubmissionHtml,
}

impl Submission<'_> {
    /// The path of its artifacts without the extension.
    pub fn base(&self) -> String {
        format!("submissions/{}", self.view.slug)
    }
}

impl Writable for Submission<'_> {
    fn formats(&self) -> &'static [Format] {
        SUBMISSION_FORMATS
    }

    fn write(&self, format: Format, env: &mut Env) -> Result<Vec<Artifact>> {
        let base = self.base();
        let bytes = match format {
            Format::Html => html::submission(self.view, self.parts, env.templates)?,
            Format::Docx => env.restyled(docx::render(&docx::submission(self.view, env.date))?)?,
            Format::Pdf => {
                let job = Job {
                    base,
                    function: "submission",
                    body: typst::submission_body(self.view),
                    data: serde_json::to_vec_pretty(&self.view.cover)?,
                    files: vec![],
                    data_artifact: true,
                };
                return env.pdfs("typst/submission.typ", &[job]);
            }
            other => return unsupported("a submission", other),
        };
        Ok(vec![Artifact::shipped(&base, format, bytes)])
    }
}

/// The matrix of the recommendations received, an annex beside a submission (when its view has
/// one): a CSV table, and a Word document of its own.
pub struct Matrix<'a> {
    pub view: &'a SubmissionView,
}

impl Writable for Matrix<'_> {
    fn formats(&self) -> &'static [Format] {
        &[Format::Csv, Format::Docx]
    }

    fn write(&self, format: Format, env: &mut Env) -> Result<Vec<Artifact>> {
        let Some((header, rows)) = &self.view.matrix else {
            return Ok(vec![]);
        };
        let bytes = match format {
            Format::Csv => {
                let head: Vec<&str> = header.iter().map(String::as_str).collect();
                sheet::csv_table(&head, rows).into_bytes()
            }
            Format::Docx => env.restyled(docx::render(&docx::matrix(self.view, env.date))?)?,
            other => return unsupported("the matrix of recommendations received", other),
        };
        let base = format!("submissions/{}-matrix", self.view.slug);
        Ok(vec![Artifact::shipped(&base, format, bytes)])
    }
}

/// One list of recommendations (`rapporteur recs`): its particulars, the line under its heading
/// (in Markdown), and its items.
pub struct Sheet<'a> {
    pub base: String,
    pub meta: SheetMeta,
    pub description: String,
    pub items: &'a [RecItem],
}

impl Writable for Sheet<'_> {
    fn formats(&self) -> &'static [Format] {
        SHEET_FORMATS
    }

    fn write(&self, format: Format, env: &mut Env) -> Result<Vec<Artifact>> {
        let (meta, items) = (&self.meta, self.items);
        let listed: Vec<&RecItem> = items.iter().collect();
        let bytes = match format {
            Format::Html => sheet::sheet_html(meta, &listed, env.templates)?,
            Format::Docx => env.restyled(sheet::sheet_docx(meta, &listed, env.date)?)?,
            Format::Csv => sheet::csv(&meta.locale, items).into_bytes(),
            Format::Json => sheet::json(items).into_bytes(),
            Format::Md => {
                let (l, heading) = (&meta.locale, &meta.heading);
                sheet::markdown(l, heading, &self.description, items, meta.confidential)
                    .into_bytes()
            }
            Format::Pdf => {
                let job = sheet::sheet_job(&self.base, meta, &listed)?;
                return env.pdfs(sheet::SHEET_TEMPLATE, &[job]);
            }
            other => return unsupported("a list of recommendations", other),
        };
        Ok(vec![Artifact::shipped(&self.base, format, bytes)])
    }
}

impl Writable for Sheets {
    fn formats(&self) -> &'static [Format] {
        SHEET_FORMATS
    }

    /// A sheet per addressee in HTML, PDF and Word (the PDFs compiled in parallel); the whole
    /// list in CSV, JSON and Markdown.
    fn write(&self, format: Format, env: &mut Env) -> Result<Vec<Artifact>> {
        let all = &self.all;
        let whole = "recommendations/recommendations";
        let mut out = vec![];
        match format {
            Format::Html => {
                // Each recommendation's template value made once, for every sheet listing it.
                let recs: Vec<tera::Value> = all
                    .iter()
                    .map(|it| sheet::sheet_rec(it, &self.locale))
                    .collect();
                for s in &self.sheets {
                    let mine: Vec<tera::Value> = s.items.iter().map(|&k| recs[k].clone()).collect();
                    let page = sheet::sheet_page(&s.meta, &self.items_of(s), &mine, env.templates)?;
                    out.push(Artifact::shipped(&s.base, format, page));
                }
            }
            Format::Docx => {
                for s in &self.sheets {
                    let items = self.items_of(s);
                    let bytes = env.restyled(sheet::sheet_docx(&s.meta, &items, env.date)?)?;
                    out.push(Artifact::shipped(&s.base, format, bytes));
                }
            }
            Format::Pdf => {
                let jobs = self
                    .sheets
                    .iter()
                    .map(|s| sheet::sheet_job(&s.base, &s.meta, &self.items_of(s)))
                    .collect::<Result<Vec<_>>>()?;
                if !jobs.is_empty() {
                    out = env.pdfs(sheet::SHEET_TEMPLATE, &jobs)?;
                }
            }
            Format::Csv => out.push(Artifact::shipped(
                whole,
                format,
                sheet::csv(&self.locale, all).into_bytes(),
            )),
            Format::Json => out.push(Artifact::shipped(
                whole,
                format,
                sheet::json(all).into_bytes(),
            )),
            Format::Md => {
                let l = &self.locale;
                let confidential = self.index_meta.confidential;
                let md = sheet::markdown(l, &self.title, &l.t("sheet.all"), all, confidential);
                out.push(Artifact::shipped(whole, format, md.into_bytes()));
            }
            other => return unsupported("the recommendation sheets", other),
        }
        Ok(out)
    }
}
