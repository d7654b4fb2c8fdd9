//! # rapporteur
//!
//! A compiler for human-rights reports. A report project (see the user guide in `docs/`)
//! keeps findings, testimonies, recommendations, addressees, sources and meetings as files;
//! rapporteur checks them against a dataset of UN and ILO conventions and builds publications.
//!
//! ## The pipeline
//!
//! Each stage is a module with a narrow signature, declared here in order; a stage uses only the
//! stages before it (`tests/architecture.rs` reads every `crate::` path of `src/` and fails on one
//! that reaches a later stage):
//!
//! 1. **text** ([`text`]): the leaf helpers every stage may use: normalising text for comparison,
//!    finding a word at word boundaries, and the one matcher for protected names and strings
//!    ([`text::matcher`]: spelling skeletons, transliteration, name endings, word boundaries),
//!    shared by `resolve`'s checks, `check` and the leak audit; what each character beyond
//!    ASCII is, from a table ([`text::chars`]); the PDFs' fonts and the characters they draw
//!    ([`text::fonts`]).
//! 2. **diagnostic** ([`diagnostic`]): problems as data (code, location, hints), collected rather
//!    than fail-fast, printed in the human, short, JSON and GitHub Actions formats.
//! 3. **load** ([`load`]): the only stage that reads the disk. A project folder becomes
//!    [`load::ProjectFiles`]: every input file as text in memory, binary files reported, sealed
//!    files ([`load::sealed`]) opened in memory with the key.
//! 4. **parse** ([`parse`]): text into values: YAML with positions (serde-saphyr, with a fast
//!    path of our own for the common shape of a project's files), front matter,
//!    Markdown references (one pulldown-cmark entry point), legal citations, dates.
//! 5. **locale** ([`locale`]): every word the outputs write around the authors' text, in the
//!    report's language: messages, CLDR plurals and ordinals, dates, lists, quotation marks
//!    (`locales/`, compiled into the binary, under a project's own `locales/`); the `language:`
//!    tag read as BCP 47.
//! 6. **translation** ([`translation`]): the editions in other languages, file by file under
//!    `translations/<tag>/`: which translation is current, stale, untracked or missing.
//! 7. **conventions** ([`conventions`]): the built-in dataset (compiled into the binary) merged
//!    with the project's own `conventions/`: instruments, articles, states, ratifications,
//!    treaty bodies, themes. Every state has a standing for every instrument (a fact, or unknown);
//!    [`conventions::import`] reads saved UNTC and NORMLEX status pages into facts.
//! 8. **model** ([`model`]): plain data: the records as written ([`model::raw`]) and the resolved
//!    report ([`model::resolved`]), whose references are to the dataset's provisions.
//! 9. **resolve** ([`resolve`]): registers every id, resolves every reference and citation, runs
//!    the content model's checks (risk checks on testimonies among them; the roles in which a
//!    finding's states appear, responsible or State of origin of the migrants concerned, in
//!    [`resolve::roles`]; characters the PDFs cannot draw in [`resolve::glyphs`]), and yields
//!    the resolved [`model::resolved::Report`]. The checks of each record run on all cores,
//!    each on a read-only fork of the resolver whose diagnostics are taken back in order.
//! 10. **view** ([`view`]): what each output shows, decided once: the publication's view
//!     (numbering, footnotes, cross-references, attributions), a submission's view, the
//!     testimonies an output carries learnt without building its view ([`view::carried`]), and
//!     the selection of recommendations by addressee, theme, instrument, body, state or priority.
//! 11. **write** ([`write`](mod@write)): format writers from a view to bytes in memory: HTML
//!     (tera), Typst markup and the one function that runs typst, Word, Markdown, the
//!     recommendation lists and sheets; every view reaches them through one seam
//!     ([`write::Writable`], the table in [`write::documents`]).
//! 12. **measure** ([`measure`]): a submission's words (and, once built, pages) against its body's
//!     limits: the step both `check` and `build` take.
//! 13. **output** ([`output`]): each output of report.yaml made into its artifacts, each
//!     carrying its format.
//! 14. **protect** ([`protect`]): witness protection: the leak audit every public artifact passes
//!     before anything is written (each read by its format; typst's PDFs from their objects in
//!     place, any other PDF through lopdf), pseudonym proposals, protected names
//!     in the published sources.
//! 15. **emit** ([`emit`]): the only stage that writes artifacts, and only what the leak audit
//!     let through ([`protect::audit::Audited`]; for `build`, each batch it passed,
//!     [`protect::audit::Passed`], staged and moved into place with the whole audit's
//!     [`protect::audit::Cleared`]), atomically.
//! 16. **check** (this file): [`check`] runs the stages up to measuring for `check`, `build` and
//!     the other commands.
//! 17. **uptake** ([`uptake`]): the recommendations' uptake by UN bodies summarised, concluding
//!     observations matched against them, confirmed matches written back into the YAML.
//! 18. **received** ([`received`]): the recommendations the state received from UN bodies,
//!     imported from UPR Info, OHCHR, concluding observations and IMPACT OSS into `received/`
//!     files (which `resolve` checks like any input), counted by the authors' assessment of their
//!     implementation, and written back as tables.
//! 19. **cli** ([`cli`]) declares the command line; **commands** ([`commands`]) wires the stages
//!     to it.
//!
//! One name per concept: *the audit* is the leak audit of stage 14 ([`protect::audit`]). The
//! command `rapporteur audit` runs the *witness review* (`commands/witness_review.rs`), which
//! shows the leak audit's inputs (consent, citations, protected names) and reads no artifact.

pub mod text;
pub mod diagnostic;
pub mod load;
pub mod parse;
pub mod locale;
pub mod translation;
pub mod conventions;
pub mod model;
pub mod resolve;
pub mod view;
pub mod write;
pub mod measure;
pub mod output;
pub mod protect;
pub mod emit;
pub mod uptake;
pub mod received;
pub mod cli;
pub mod commands;

use anyhow::Result;
use std::path::Path;

/// A project loaded, resolved and checked: everything `check` prints and `build` starts from.
pub struct Checked {
    pub files: load::ProjectFiles,
    /// Shared, not copied, by the editions checked from this one.
    pub dataset: std::sync::Arc<conventions::Dataset>,
    pub report: model::resolved::Report,
    pub diagnostics: diagnostic::Diagnostics,
}

/// Runs the pipeline up to resolution. An `Err` is an environment problem (no such folder,
/// no report.yaml); problems in the content are in [`Checked::diagnostics`].
pub fn check(project: &Path) -> Result<Checked> {
    Ok(check_measuring(project, true, false)?.0)
}

/// [`check`] without measuring the submissions: `build` measures them as it renders them (for
/// the audience it builds), and reports an overage the same way.
pub fn check_inputs(project: &Path) -> Result<Checked> {
    Ok(check_measuring(project, false, false)?.0)
}

/// [`check_inputs`] for a build: a sealed file that was not opened (no key) stops it, since
/// the leak audit cannot look for names it cannot read ([`protect::sealed::for_build`]). With
/// the other editions as the check read them, for the build to check them against its own
/// diagnostics without reading them again ([`Editions::checked`]).
pub fn check_for_build(project: &Path) -> Result<(Checked, Editions)> {
    let (mut checked, editions) = check_measuring(project, false, true)?;
    let diagnostics = std::mem::take(&mut checked.diagnostics);
    checked.diagnostics = protect::sealed::for_build(&checked.files, diagnostics);
    Ok((checked, editions))
}

fn check_measuring(project: &Path, measure: bool, keep: bool) -> Result<(Checked, Editions)> {
    let mut diagnostics = diagnostic::Diagnostics::default();
    // The built-in dataset is read while the project is.
    let (files, builtin) = rayon::join(
        || load::load_project(project, &mut diagnostics),
        builtin_dataset,
    );
    let files = files?;
    let dataset = std::sync::Arc::new(with_project_conventions(builtin, &files, &mut diagnostics));
    let report = resolve::resolve(&files, &dataset, &mut diagnostics);
    // Consent purposes and a submission's length are reported only when nothing else is wrong
    // (a length only when no consent is refused either). They are learnt beside the checks of
    // the sources (which add problems, not change the report), once the report has resolved
    // without an error, and dropped if those checks find one: the last of the long reading of
    // the sources and the submission's view do not wait for each other.
    let measuring = measure && !diagnostics.has_errors();
    let ((others, protected), measured) = rayon::join(
        || source_checks(&files, &report),
        || {
            measuring.then(|| {
                rayon::join(
                    || check_purposes(&report, &dataset, None),
                    || submission_lengths(&files, &dataset, &report),
                )
            })
        },
    );
    diagnostics.extend(others);
    // Each other edition, resolved with its translations: the problems found in them that the
    // source does not have already.
    let (problems, editions) = edition_problems(&files, &dataset, &report, &diagnostics, keep);
    problems.into_iter().for_each(|d| diagnostics.push(d));
    diagnostics.extend(protected);
    if !diagnostics.has_errors()
        && let Some((refused, lengths)) = measured
    {
        let lengths = if refused.is_empty() { lengths } else { vec![] };
        for d in refused.into_iter().chain(lengths) {
            diagnostics.push(d);
        }
    }
    let diagnostics = protect::sealed::without_key(&files, diagnostics);
    Ok((
        Checked {
            files,
            dataset,
            report,
            diagnostics,
        },
        editions,
    ))
}

/// The checks of a project's sources after resolution: the translations, the places beside
/// witnesses who are not named, and the characters the PDFs cannot draw (reported before typst
/// runs); and, apart, the protected names in the published sources, found in the same reading
/// of each file as the places. The translations and glyphs are checked beside the reading (the
/// diagnostics in the same order as if the checks ran one after the other).
fn source_checks(
    files: &load::ProjectFiles,
    report: &model::resolved::Report,
) -> (diagnostic::Diagnostics, diagnostic::Diagnostics) {
    let ((mut diagnostics, glyphs), (places, protected)) = rayon::join(
        || {
            let mut translations = diagnostic::Diagnostics::default();
            translation::check(
                files,
                &report.meta.language,
                &report.meta.languages,
                &mut translations,
            );
            let mut glyphs = diagnostic::Diagnostics::default();
            if report
                .outputs
                .iter()
                .any(|o| o.formats().contains(&model::raw::Format::Pdf))
            {
                resolve::glyphs::check(files, &mut glyphs);
            }
            (translations, glyphs)
        },
        || protect::check_sources_and_places(files, report),
    );
    diagnostics.extend(places);
    diagnostics.extend(glyphs);
    (diagnostics, protected)
}

/// The problems found in each other edition (`languages:` after the first, side by side), resolved
/// with its translations: those in the translations' files, less those `source` (the source edition's
/// diagnostics) already reports (see [`check_edition`]). With `keep`, also each edition read (as a
/// draft), for a build to check again against its own diagnostics instead of reading it again.
fn edition_problems(
    files: &load::ProjectFiles,
    dataset: &std::sync::Arc<conventions::Dataset>,
    report: &model::resolved::Report,
    source: &diagnostic::Diagnostics,
    keep: bool,
) -> (Vec<diagnostic::Diagnostic>, Editions) {
    let languages = &report.meta.languages;
    if languages.len() < 2 {
        return (vec![], Editions::default());
    }
    // The editions side by side, their problems in the order of `languages:`.
    use rayon::prelude::*;
    // Each edition's problems, and the edition read when it is kept.
    type Read = (Vec<diagnostic::Diagnostic>, Option<(String, EditionRead)>);
    let read: Vec<Read> = languages[1..]
        .par_iter()
        .map(|language| {
            let read = read_edition(files, dataset, report, language, true);
            let problems = edition_diagnostics(&read, source)
                .iter()
                .filter(|d| d.location.file.starts_with("translations/"))
                .cloned()
                .collect::<Vec<_>>();
            (problems, keep.then(|| (language.clone(), read)))
        })
        .collect();
    let mut kept = vec![];
    let mut problems = vec![];
    for (p, k) in read {
        problems.extend(p);
        kept.extend(k);
    }
    (problems, Editions(std::sync::Mutex::new(kept)))
}

/// The other editions of a project as its check read them (as drafts), by language: what a
/// build checks again against its own diagnostics ([`Editions::checked`]), each taken once.
#[derive(Default)]
pub struct Editions(std::sync::Mutex<Vec<(String, EditionRead)>>);

impl Editions {
    /// The edition in `language` for a build of `base` (its source edition, as checked for the
    /// build), `draft` or not: the one read by the check when that is the same (a draft, or an
    /// edition with every translation), checked against `base`'s diagnostics; else read again.
    pub fn checked(&self, base: &Checked, language: &str, draft: bool) -> Checked {
        let taken = {
            let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
            let same = kept
                .iter()
                .position(|(l, r)| l == language && (draft || r.complete));
            same.map(|k| kept.swap_remove(k).1)
        };
        match taken {
            Some(read) => edition_of(read, &base.dataset, &base.diagnostics),
            None => check_edition(base, language, draft),
        }
    }
}

/// An edition resolved and read for its problems, before they are weighed against the source
/// edition's (see [`check_edition`]).
pub struct EditionRead {
    files: load::ProjectFiles,
    report: model::resolved::Report,
    /// Source path -> translation path, for each file replaced by its translation.
    moved: std::collections::BTreeMap<String, String>,
    /// The problems of the edition's making (translations missing).
    own: diagnostic::Diagnostics,
    /// The problems found in it, sorted, at the source paths.
    inner: Vec<diagnostic::Diagnostic>,
    /// Whether every file had its translation (the same edition, draft or not).
    complete: bool,
}

/// The edition of a checked project in another of its `languages:`: its files with each
/// translation in its source's place (see [`translation::edition`]), resolved and checked again
/// in that language. Problems in a translation are reported at the translation's path, except
/// one the source edition reports the same at the translated file (`base.diagnostics`): a
/// translation keeps its source's ids and speakers, so a pseudonym shared in the source would
/// otherwise be reported again for each language; what the translation itself gets wrong says
/// something else, and is reported once per edition. `draft`: a missing translation leaves the
/// source text, marked, instead of being an error.
pub fn check_edition(base: &Checked, language: &str, draft: bool) -> Checked {
    let read = read_edition(&base.files, &base.dataset, &base.report, language, draft);
    edition_of(read, &base.dataset, &base.diagnostics)
}

/// The edition in `language` of a project (`files`, resolved as `report`), resolved and read for
/// its problems (see [`check_edition`]).
fn read_edition(
    files: &load::ProjectFiles,
    dataset: &conventions::Dataset,
    report: &model::resolved::Report,
    language: &str,
    draft: bool,
) -> EditionRead {
    let mut own = diagnostic::Diagnostics::default();
    let mut quiet = diagnostic::Diagnostics::default();
    let locale = locale::Locale::for_report(language, &files.locales, &mut quiet);
    let source = &report.locale;
    let marker = locale.fmt("untranslated", &[("language", &source.name)]);
    let translation::Edition {
        files,
        moved,
        untranslated,
        complete,
    } = translation::edition(files, language, draft, &marker, &mut own);
    let mut inner = diagnostic::Diagnostics::default();
    let languages = report.meta.languages.clone();
    let mut report = resolve::resolve(&files, dataset, &mut inner);
    let item_marker = locale.fmt("untranslated-item", &[("language", &source.name)]);
    mark_untranslated(&mut report, dataset, untranslated, &item_marker);
    // The editions in the source's order, the source first ("translated from" is said against it).
    report.meta.languages = languages;
    let (places, protected) = protect::check_sources_and_places(&files, &report);
    inner.extend(protected);
    inner.extend(places);
    EditionRead {
        files,
        report,
        moved,
        own,
        inner: inner.sorted(),
        complete,
    }
}

/// An edition read, checked against its source edition's diagnostics (`source`): see
/// [`check_edition`].
fn edition_of(
    read: EditionRead,
    dataset: &std::sync::Arc<conventions::Dataset>,
    source: &diagnostic::Diagnostics,
) -> Checked {
    let diagnostics = edition_diagnostics(&read, source);
    Checked {
        files: read.files,
        dataset: dataset.clone(),
        report: read.report,
        diagnostics,
    }
}

/// The problems of an edition read, less those its source edition reports (`source`), each one
/// in a translation at the translation's path (see [`check_edition`]).
fn edition_diagnostics(
    read: &EditionRead,
    source: &diagnostic::Diagnostics,
) -> diagnostic::Diagnostics {
    let mut diagnostics = read.own.clone();
    for d in &read.inner {
        let mut d = d.clone();
        if let Some(t) = read.moved.get(&d.location.file) {
            if reported_by_source(source, &d) {
                continue;
            }
            d.location.file = t.clone();
        }
        diagnostics.push(d);
    }
    diagnostics
}

/// Whether the source edition reports `d` (a problem of an edition, found in a translated file
/// and located at its source's path): the same kind and words at the same file.
fn reported_by_source(source: &diagnostic::Diagnostics, d: &diagnostic::Diagnostic) -> bool {
    source.iter().any(|s| {
        s.code == d.code
            && s.severity == d.severity
            && s.message == d.message
            && s.location.file == d.location.file
    })
}

/// In a draft edition, each testimony and recommendation of a YAML file left untranslated starts
/// with `marker` (in the edition's language: "[Not yet translated; the original (English):]"),
/// so a reader sees which text is still the source's; the report remembers the files, so that
/// such a testimony is not said to be translated.
pub fn mark_untranslated(
    report: &mut crate::model::resolved::Report,
    dataset: &conventions::Dataset,
    untranslated: std::collections::BTreeSet<String>,
    marker: &str,
) {
    let mark = |text: &mut crate::model::resolved::Text| {
        text.markdown = format!("*{marker}* {}", text.markdown.trim_start());
    };
    for t in &mut report.testimonies {
        if untranslated.contains(&t.file) {
            mark(&mut t.text);
        }
    }
    for r in &mut report.recommendations {
        if untranslated.contains(&r.file) {
            mark(&mut r.text);
            // What the text cites is read again: the marker is the locale's words, which a
            // project may write as it likes.
            r.cited = resolve::scope::inline_provisions(dataset, &r.text.markdown);
        }
    }
    report.untranslated = untranslated;
}

/// Testimonies put into a public output their witness did not consent to (consent per purpose:
/// the publication for the publication, UN submissions for alternative reports and UPR
/// submissions), as `purpose` errors at the testimony's consent. What each output carries is
/// learnt from the texts it converts, as its view would convert them ([`view::carried`]), the
/// outputs side by side; `audience` is `build --audience`, overriding each output's own.
/// Internal outputs are not published and not checked.
pub fn check_purposes(
    report: &model::resolved::Report,
    dataset: &conventions::Dataset,
    audience: Option<model::raw::Audience>,
) -> Vec<diagnostic::Diagnostic> {
    use model::resolved::Output;
    use rayon::prelude::*;
    let checked = purpose_checked(report, audience);
    if checked.is_empty() {
        return vec![];
    }
    let carriage = view::carried::Carriage::of(report);
    checked
        .par_iter()
        .flat_map_iter(|c| {
            let carried = match c.output {
                Output::Submission(sub) => carriage.submission(dataset, sub, c.audience),
                _ => carriage.publication(),
            };
            refused(report, c, &carried)
        })
        .collect()
}

/// A view [`check_purposes_keeping_views`] built to learn what an output carries, kept for
/// `build` to render (the same report, dataset, output and audience): no view is built twice.
pub enum BuiltView {
    Publication(view::publication::PublicationView),
    Submission(view::submission::SubmissionView),
}

/// [`check_purposes`] for `build`, which renders the outputs next: each output checked is built
/// as a view (side by side), which says what it carries, and kept, by the output's place in
/// report.yaml.
pub fn check_purposes_keeping_views(
    report: &model::resolved::Report,
    dataset: &conventions::Dataset,
    audience: Option<model::raw::Audience>,
) -> (Vec<diagnostic::Diagnostic>, Vec<Option<BuiltView>>) {
    use model::resolved::Output;
    use rayon::prelude::*;
    let built: Vec<(usize, Vec<diagnostic::Diagnostic>, BuiltView)> =
        purpose_checked(report, audience)
            .par_iter()
            .map(|c| {
                let built = match c.output {
                    Output::Submission(sub) => BuiltView::Submission(view::submission::build(
                        report, dataset, sub, c.audience,
                    )),
                    _ => BuiltView::Publication(view::publication::publication(
                        report, dataset, c.audience,
                    )),
                };
                let carried = match &built {
                    BuiltView::Publication(v) => &v.testimonies,
                    BuiltView::Submission(v) => &v.testimonies,
                };
                (c.order, refused(report, c, carried), built)
            })
            .collect();
    let mut out = vec![];
    let mut views: Vec<Option<BuiltView>> = report.outputs.iter().map(|_| None).collect();
    for (order, refused, built) in built {
        out.extend(refused);
        views[order] = Some(built);
    }
    (out, views)
}

/// An output whose testimonies the consent-purpose check looks at.
struct PurposeChecked<'r> {
    /// Its place in report.yaml's `outputs:`.
    order: usize,
    output: &'r model::resolved::Output,
    audience: model::raw::Audience,
    /// How the messages name it: "the publication", "the UPR submission on KAZ".
    name: String,
    purpose: model::resolved::Purpose,
}

/// The outputs the consent-purpose check looks at, in report.yaml's order: each public
/// publication and submission, when some testimony could be refused for its purpose (its witness
/// did not consent to it, and it is not internal: the consent checks refuse an internal one's
/// use). Recommendation sheets carry no testimony.
fn purpose_checked(
    report: &model::resolved::Report,
    audience: Option<model::raw::Audience>,
) -> Vec<PurposeChecked<'_>> {
    use model::raw::Audience;
    use model::resolved::{Mechanism, Output, Purpose};
    let refusable = |purpose: Purpose| {
        report
            .testimonies
            .iter()
            .any(|t| !t.consent_for(purpose).allows() && t.consent != model::raw::Consent::Internal)
    };
    let (publication, un) = (refusable(Purpose::Publication), refusable(Purpose::Un));
    let mut checked = vec![];
    for (order, output) in report.outputs.iter().enumerate() {
        let aud = audience.or(output.audience()).unwrap_or(Audience::Public);
        let (name, purpose) = match output {
            Output::Publication { .. } if publication => {
                ("the publication".to_string(), Purpose::Publication)
            }
            Output::Submission(sub) if un => (
                match &sub.mechanism {
                    Mechanism::TreatyBody(b) => {
                        format!("the alternative report to the {b} on {}", sub.state)
                    }
                    Mechanism::Upr => format!("the UPR submission on {}", sub.state),
                },
                Purpose::Un,
            ),
            _ => continue,
        };
        if aud == Audience::Public {
            checked.push(PurposeChecked {
                order,
                output,
                audience: aud,
                name,
                purpose,
            });
        }
    }
    checked
}

/// The `purpose` errors of an output that carries `carried`: each testimony whose witness did
/// not consent to the output's purpose, in the report's order.
fn refused(
    report: &model::resolved::Report,
    c: &PurposeChecked,
    carried: &std::collections::BTreeSet<String>,
) -> Vec<diagnostic::Diagnostic> {
    use model::resolved::Consented;
    let (name, purpose) = (&c.name, c.purpose);
    let mut out = vec![];
    for t in report
        .testimonies
        .iter()
        .filter(|t| carried.contains(&t.id))
    {
        let consented = t.consent_for(purpose);
        if consented.allows() || t.consent == model::raw::Consent::Internal {
            // An internal testimony is never published: the consent checks refuse its use.
            continue;
        }
        let entry = t.purposes.iter().flatten().find(|p| p.purpose == purpose);
        let at = match entry {
            Some(p) => diagnostic::Location::new(&t.file, p.line, p.column),
            None => diagnostic::Location::new(&t.file, t.line, 3),
        };
        let why = match consented {
            Consented::Withdrawn(Some(d)) => format!(
                "its witness withdrew consent to {} on {d}",
                purpose.described()
            ),
            Consented::Withdrawn(None) => {
                format!("its witness withdrew consent to {}", purpose.described())
            }
            _ => format!(
                "its witness did not consent to {} (`purposes:` has no `{}`)",
                purpose.described(),
                purpose.as_str()
            ),
        };
        out.push(
            diagnostic::Diagnostic::error(
                "purpose",
                at,
                format!("testimony `{}` is in {name}, but {why}", t.id),
            )
            .with_hint("take the testimony out of what this output includes, build the output for the internal audience, or record the witness's consent under `purposes:`"),
        );
    }
    out
}

/// The codes of the warnings that a strict project's public build stops on: details that
/// identify a witness who is not named without naming them.
pub const QUASI_IDENTIFIERS: &[&str] = &["quasi-identifier"];

/// Why the warnings of a check stop a build, if they do: every warning with `--deny-warnings`;
/// in a build with a public output of a strict project (`strict:` in report.yaml, true by
/// default), the quasi-identifier warnings.
pub fn warnings_stop(checked: &Checked, deny_warnings: bool, public: bool) -> Option<String> {
    let warnings = checked.diagnostics.warnings();
    if deny_warnings && warnings > 0 {
        return Some(format!("{warnings} warning(s) and --deny-warnings"));
    }
    let quasi = checked
        .diagnostics
        .iter()
        .filter(|d| {
            d.severity == diagnostic::Severity::Warning && QUASI_IDENTIFIERS.contains(&d.code)
        })
        .count();
    (public && checked.report.meta.strict && quasi > 0).then(|| {
        format!("{quasi} quasi-identifier warning(s) in a public build of a strict project (coarsen the details, list a place the witness may be named with under `speaker.publishable`, or set `strict: false` in report.yaml)")
    })
}

/// The built-in dataset with the project's own `conventions/` merged over it.
pub fn load_dataset(
    files: &load::ProjectFiles,
    diags: &mut diagnostic::Diagnostics,
) -> conventions::Dataset {
    with_project_conventions(builtin_dataset(), files, diags)
}

/// The built-in dataset, with the problems found in it.
fn builtin_dataset() -> (conventions::Dataset, diagnostic::Diagnostics) {
    let mut diags = diagnostic::Diagnostics::default();
    let ds = conventions::Dataset::builtin(&mut diags);
    (ds, diags)
}

/// The built-in dataset (with its problems, reported first) with the project's own
/// `conventions/` merged over it.
fn with_project_conventions(
    (mut ds, builtin): (conventions::Dataset, diagnostic::Diagnostics),
    files: &load::ProjectFiles,
    diags: &mut diagnostic::Diagnostics,
) -> conventions::Dataset {
    diags.extend(builtin);
    if !files.conventions.is_empty() {
        ds.merge(&files.conventions, "conventions/", diags);
    }
    ds
}

/// A submission over its body's word limit is an error of `check` (the content model's last
/// check), at its output in report.yaml. The words are those of the submission's HTML, as `build`
/// counts them, counted as it is rendered without keeping it (the submissions side by side); page
/// limits need the PDF and are checked by `build` only.
fn submission_lengths(
    files: &load::ProjectFiles,
    dataset: &conventions::Dataset,
    report: &model::resolved::Report,
) -> Vec<diagnostic::Diagnostic> {
    use model::resolved::Output;
    use rayon::prelude::*;
    let submissions: Vec<_> = report
        .outputs
        .iter()
        .filter_map(|o| match o {
            Output::Submission(sub) => Some(sub),
            _ => None,
        })
        .collect();
    submissions
        .par_iter()
        .enumerate()
        .flat_map_iter(|(k, sub)| {
            let audience = sub.audience.unwrap_or(model::raw::Audience::Public);
            measure::over_word_limit(report, dataset, sub, audience)
                .into_iter()
                .map(move |msg| length_diagnostic(files, k, msg, false))
        })
        .collect()
}

/// The diagnostic for a submission over its length limit, at the `k`-th submission output of
/// report.yaml: an error, or a warning in a draft build.
pub fn length_diagnostic(
    files: &load::ProjectFiles,
    k: usize,
    msg: String,
    draft: bool,
) -> diagnostic::Diagnostic {
    // The lines of report.yaml that start a submission output, in order.
    let line = files
        .manifest
        .as_ref()
        .and_then(|m| {
            m.text
                .lines()
                .enumerate()
                .filter(|(_, l)| {
                    let t = l.trim_start().trim_start_matches("- ").trim_start();
                    t.starts_with("alternative-report:") || t.starts_with("upr:")
                })
                .nth(k)
                .map(|(i, _)| i as u32 + 1)
        })
        .unwrap_or(1);
    let at = diagnostic::Location::new("report.yaml", line, 5);
    if draft {
        diagnostic::Diagnostic::warning("submission-length", at, msg)
            .with_hint("allowed in a --draft build: written under a .draft. name")
    } else {
        diagnostic::Diagnostic::error("submission-length", at, msg)
            .with_hint("choose fewer findings with `findings:`, or build with `--draft` to write it anyway under a .draft. name")
    }
}
