//! Outputs: each output of report.yaml (the publication, a submission to a UN body, the
//! recommendation sheets) made into artifacts in memory: its view ([`crate::view`]) written through
//! the one seam to the format writers ([`crate::write::write()`]). Every artifact then passes the
//! leak audit ([`crate::protect::audit`]) before anything is written.

use crate::conventions::Dataset;
use crate::measure;
use crate::model::raw::{Audience, Format};
use crate::model::resolved::{Report, Submission};
use crate::view::publication as view;
use crate::write::documents;
use crate::write::sheet::Sheets;
use crate::write::{Artifact, Env, write};
use anyhow::Result;

/// The publication in the formats asked for, for one audience.
pub fn publication(
    report: &Report,
    ds: &Dataset,
    audience: Audience,
    formats: &[Format],
    env: &mut Env,
) -> Result<Vec<Artifact>> {
    write(&view::publication(report, ds, audience), formats, env)
}

/// [`publication`] of a view already built (by the consent-purpose check, for the same audience).
pub fn publication_of(
    view: &view::PublicationView,
    formats: &[Format],
    env: &mut Env,
) -> Result<Vec<Artifact>> {
    write(view, formats, env)
}

/// The recommendation sheets by addressee, their index and the whole list.
pub fn recommendations(
    report: &Report,
    ds: &Dataset,
    audience: Audience,
    formats: &[Format],
    env: &mut Env,
) -> Result<Vec<Artifact>> {
    let sheets = Sheets::by_addressee(report, ds, audience);
    let mut out = write(&sheets, formats, env)?;
    out.extend(sheets.index(formats, env.templates)?);
    Ok(out)
}

/// A submission rendered: its artifacts, a line saying what was counted against which limit,
/// and, when it is over a limit, the message (an error, or a warning in a draft build).
pub struct SubmissionBuild {
    pub artifacts: Vec<Artifact>,
    pub summary: String,
    pub over_limit: Option<String>,
}

/// One submission (alternative report or UPR) in the formats asked for, measured against its
/// body's limits: words from its HTML, pages from its PDF when one is built.
pub fn submission(
    report: &Report,
    ds: &Dataset,
    sub: &Submission,
    audience: Audience,
    formats: &[Format],
    env: &mut Env,
) -> Result<SubmissionBuild> {
    submission_of(measure::submission(report, ds, sub, audience), formats, env)
}

/// [`submission`] of a view already built and measured ([`measure::of_view`]).
pub fn submission_of(
    mut measured: measure::Measured,
    formats: &[Format],
    env: &mut Env,
) -> Result<SubmissionBuild> {
    let doc = documents::Submission {
        view: &measured.view,
        parts: &measured.parts,
    };
    let mut artifacts = write(&doc, formats, env)?;
    // The matrix of the recommendations received, beside the submission: CSV always, Word with
    // the submission's Word.
    let matrix: Vec<Format> = [Format::Csv, Format::Docx]
        .into_iter()
        .filter(|f| *f == Format::Csv || formats.contains(f))
        .collect();
    let view = &measured.view;
    artifacts.extend(write(&documents::Matrix { view }, &matrix, env)?);
    let pdf = artifacts.iter().find(|a| a.format == Format::Pdf);
    measured.pages(pdf.map(|a| a.bytes.as_slice()));
    Ok(SubmissionBuild {
        artifacts,
        summary: measured.line,
        over_limit: (!measured.over.is_empty()).then(|| measured.over.join("; ")),
    })
}
