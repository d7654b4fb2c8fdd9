//! Format writers: from a view to bytes, in memory. [`html`] renders with tera templates
//! ([`templates`]), [`typst`] generates Typst markup and [`typst_cli`] is the one function that runs
//! the typst CLI, [`docx`] writes Word documents, [`markdown`] Markdown, and [`sheet`] the
//! recommendation lists and sheets (Markdown, CSV, JSON, HTML, PDF, Word).
//!
//! Every output reaches its writers through one seam: a view is [`Writable`] in the formats its
//! kind of output allows ([`crate::model::raw::PUBLICATION_FORMATS`] and the like), and [`write()`]
//! writes it in those asked for. [`documents`] is the table: which writer writes which view in
//! which format.

pub mod docx;
pub mod documents;
pub mod html;
pub mod markdown;
pub mod sheet;
pub mod templates;
pub mod typst;
pub mod typst_cli;

use crate::model::raw::Format;
use crate::model::resolved::Meta;
use crate::parse::date::PartialDate;

/// A word of a view's locale table (`meta.t`, `cover.t`) by its dotted key (`sheet.evidence`):
/// what a writer puts around the text itself. The key itself when the table has none (the
/// built-in locales have every key; a test checks it).
pub fn word(t: &serde_json::Value, key: &str) -> String {
    key.split('.')
        .try_fold(t, |v, k| v.get(k))
        .and_then(serde_json::Value::as_str)
        .map_or_else(|| key.to_string(), str::to_string)
}
use anyhow::Result;
use std::time::Duration;
use templates::Templates;

/// One output file, in memory, with its format: the leak audit reads it by its format, whatever
/// it is called.
#[derive(Debug, Clone)]
pub struct Artifact {
    /// Path relative to the output folder.
    pub path: String,
    pub format: Format,
    pub bytes: Vec<u8>,
    /// Whether the file is shipped (the intermediate Typst source and data are audited, not shipped).
    pub shipped: bool,
}

impl Artifact {
    /// A shipped file: `<base>.<the format's extension>`.
    pub fn shipped(base: &str, format: Format, bytes: Vec<u8>) -> Artifact {
        Artifact {
            path: format!("{base}.{}", format.extension()),
            format,
            bytes,
            shipped: true,
        }
    }

    /// An intermediate file (a PDF's generated Typst source and data): audited, never shipped.
    pub fn intermediate(base: &str, format: Format, bytes: Vec<u8>) -> Artifact {
        Artifact {
            shipped: false,
            ..Artifact::shipped(base, format, bytes)
        }
    }
}

/// How long rendering took, split into our own work and typst's.
#[derive(Debug, Default, Clone, Copy)]
pub struct Timings {
    pub ours: Duration,
    pub typst: Duration,
}

/// What every writer may need besides its view.
pub struct Env<'a> {
    pub templates: &'a Templates,
    /// The report's date: the creation time recorded in PDFs and Word files.
    pub date: PartialDate,
    /// The reference Word document's styles (`reference-docx:`), used by every Word file.
    pub word_styles: Option<&'a str>,
    /// Time spent in typst.
    pub typst: Duration,
    /// Called with each PDF (its path, its bytes) as soon as typst has made it, while the
    /// others still compile: `build` audits it there.
    pub pdf_made: Option<&'a PdfMade<'a>>,
}

/// What [`Env::pdf_made`] is called with: a PDF's path among the artifacts, and its bytes.
pub type PdfMade<'a> = dyn Fn(&str, &[u8]) + Sync + 'a;

impl<'a> Env<'a> {
    /// The environment of a report's outputs: its date, its reference Word styles.
    pub fn new(templates: &'a Templates, meta: &'a Meta) -> Env<'a> {
        Env {
            templates,
            date: meta.date,
            word_styles: meta.word_styles.as_deref(),
            typst: Duration::ZERO,
            pdf_made: None,
        }
    }

    /// A Word file with the reference document's styles over its own, when the report has one.
    pub fn restyled(&self, docx: Vec<u8>) -> Result<Vec<u8>> {
        match self.word_styles {
            Some(styles) => docx::restyle(&docx, styles),
            None => Ok(docx),
        }
    }

    /// PDFs through typst, with `template` (`typst/<name>.typ`): for each job, its generated
    /// source and data (audited, not shipped), then the PDFs.
    pub fn pdfs(&mut self, template: &str, jobs: &[typst_cli::Job]) -> Result<Vec<Artifact>> {
        let mut out = vec![];
        for job in jobs {
            out.push(Artifact::intermediate(
                &job.base,
                Format::Typst,
                job.main().into_bytes(),
            ));
            if job.data_artifact {
                out.push(Artifact::intermediate(
                    &job.base,
                    Format::Json,
                    job.data.clone(),
                ));
            }
        }
        let text = self.templates.file(template)?;
        let ts = typst_cli::creation_timestamp(self.date.unix_seconds());
        let made = self.pdf_made;
        let done = |job: &typst_cli::Job, pdf: &[u8]| {
            if let Some(made) = made {
                made(&format!("{}.{}", job.base, Format::Pdf.extension()), pdf);
            }
        };
        let (pdfs, took) = typst_cli::compile_all(jobs, text, ts, &done)?;
        self.typst += took;
        for (job, pdf) in jobs.iter().zip(pdfs) {
            out.push(Artifact::shipped(&job.base, Format::Pdf, pdf));
        }
        Ok(out)
    }
}

/// A view the format writers can write: the one seam between views and writers, through which
/// `build` and `recs` reach every writer.
pub trait Writable {
    /// The formats it can be written in.
    fn formats(&self) -> &'static [Format];
    /// Its artifacts in one of those formats (a PDF brings its generated source and data).
    fn write(&self, format: Format, env: &mut Env) -> Result<Vec<Artifact>>;
}

/// Writes a view in each format asked for that it can be written in. Its PDFs are made on a
/// thread of their own, started first, while the other formats are written: typst's processes
/// start as early as they can. The artifacts come in the order of the view's formats.
pub fn write(
    view: &(dyn Writable + Sync),
    formats: &[Format],
    env: &mut Env,
) -> Result<Vec<Artifact>> {
    let wanted: Vec<Format> = view
        .formats()
        .iter()
        .copied()
        .filter(|f| formats.contains(f))
        .collect();
    let pdf = wanted.contains(&Format::Pdf) && wanted.len() > 1;
    let mut pdf_env = Env {
        typst: Duration::ZERO,
        ..*env
    };
    let mut by_format = std::thread::scope(|s| -> Result<Vec<(Format, Vec<Artifact>)>> {
        let pdfs = pdf.then(|| {
            let pdf_env = &mut pdf_env;
            s.spawn(move || view.write(Format::Pdf, pdf_env))
        });
        let others = |env: &mut Env| -> Result<Vec<(Format, Vec<Artifact>)>> {
            let mut out = vec![];
            for f in wanted.iter().filter(|f| !pdf || **f != Format::Pdf) {
                out.push((*f, view.write(*f, env)?));
            }
            Ok(out)
        };
        // Beside PDFs, the other formats give typst's processes the cores first (they fill the
        // time a core is left idle); alone, they run at our own priority.
        let mut out = if pdf {
            typst_cli::beside(|| others(env))?
        } else {
            others(env)?
        };
        if let Some(h) = pdfs {
            let made = h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))?;
            out.push((Format::Pdf, made));
        }
        Ok(out)
    })?;
    env.typst += pdf_env.typst;
    by_format.sort_by_key(|(f, _)| wanted.iter().position(|w| w == f));
    Ok(by_format.into_iter().flat_map(|(_, a)| a).collect())
}
