//! `rapporteur build`: check, render every output in memory, audit each as it is made and stage
//! it on disk if it passed, then move everything into place once the whole audit has passed.

use super::common::leaks_text;
use crate::BuiltView;
use crate::cli::BuildArgs;
use crate::conventions::Dataset;
use crate::diagnostic::{self, Format as DiagFormat};
use crate::emit;
use crate::model::raw::{Audience, Format};
use crate::model::resolved::{Output, Report};
use crate::output;
use crate::protect::audit;
use crate::write::{Env, Timings, templates::Templates, typst_cli};
use anyhow::Result;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub fn run(o: BuildArgs) -> Result<i32> {
    let start = Instant::now();
    if o.only.is_none_or(|f| f == Format::Pdf) {
        // typst's version and the fonts' folder, checked while the project is: the first
        // compilation does not wait for them.
        std::thread::spawn(typst_cli::prepare);
    }
    let (checked, read) = crate::check_for_build(&o.project)?;
    // The other editions (`languages:`), each with its translations, checked before anything
    // is built. Without `--language`, a final build builds the source and every complete
    // edition and says which it left out; `--draft` builds the incomplete ones with the source
    // text, marked.
    let languages = &checked.report.meta.languages;
    if let Some(l) = &o.language
        && !languages.contains(l)
    {
        eprintln!(
            "error: `{l}` is not one of the report's languages ({}): add it to `languages:` in report.yaml",
            languages.join(", ")
        );
        return Ok(2);
    }
    let source_wanted = o.language.as_ref().is_none_or(|l| *l == languages[0]);
    let mut editions = vec![];
    let mut refused = vec![];
    for (language, edition) in other_editions(&checked, &read, &o) {
        let asked = o.language.as_ref() == Some(language);
        let errors: Vec<_> = edition
            .diagnostics
            .iter()
            .filter(|d| d.severity == diagnostic::Severity::Error)
            .cloned()
            .collect();
        let incomplete = errors.iter().all(|d| d.code == "translation-missing");
        if !errors.is_empty() && incomplete && !asked {
            println!(
                "edition `{language}` not built: {} translation(s) missing (`rapporteur translations` lists them; `build --draft` builds it with the source text, marked, in their place)",
                errors.len()
            );
            continue;
        }
        refused.extend(errors);
        editions.push((language.clone(), edition));
    }
    let public_dir = o.out.clone().unwrap_or_else(|| o.project.join("out"));
    let internal_dir = internal_folder(&public_dir);
    let mut wanted = vec![];
    if source_wanted && (refused.is_empty() || checked.diagnostics.has_errors()) {
        wanted.push(Edition {
            heading: None,
            checked: &checked,
            public_dir: public_dir.clone(),
            internal_dir: internal_dir.clone(),
        });
    }
    if !refused.is_empty() {
        // The source edition, when it has errors of its own, reports them first.
        if let Some(code) = build_editions(wanted, &o, start)? {
            return Ok(code);
        }
        report_refused(&checked, refused, &o);
        return Ok(1);
    }
    for (language, edition) in &editions {
        wanted.push(Edition {
            heading: Some(format!("edition `{language}`:")),
            checked: edition,
            public_dir: public_dir.join(language),
            internal_dir: internal_dir.join(language),
        });
    }
    Ok(build_editions(wanted, &o, start)?.unwrap_or(0))
}

/// The other editions the options ask for (all, or the one `--language` names), each checked
/// against the source edition (`read`: as the check read them, where that is the same edition:
/// [`crate::Editions::checked`]) side by side, in the order of `languages:`.
fn other_editions<'c>(
    checked: &'c crate::Checked,
    read: &crate::Editions,
    o: &BuildArgs,
) -> Vec<(&'c String, crate::Checked)> {
    use rayon::prelude::*;
    checked.report.meta.languages[1..]
        .par_iter()
        .filter(|l| o.language.as_ref().is_none_or(|asked| asked == *l))
        .map(|l| (l, read.checked(checked, l, o.draft)))
        .collect()
}

/// Prints the errors of the other editions, which stop the build before anything is written.
fn report_refused(checked: &crate::Checked, refused: Vec<diagnostic::Diagnostic>, o: &BuildArgs) {
    let sources: std::collections::BTreeMap<String, String> = checked
        .files
        .all()
        .map(|f| (f.path.clone(), f.text.clone()))
        .collect();
    let mut all = diagnostic::Diagnostics::default();
    refused.into_iter().for_each(|d| all.push(d));
    let fmt = match o.format {
        Some(DiagFormat::Json) | None => DiagFormat::Short,
        Some(f) => f,
    };
    eprint!("{}", diagnostic::render(&all.sorted(), fmt, &sources));
    eprintln!(
        "build stopped: an edition in another language is incomplete or has errors; nothing was written"
    );
}

/// One edition to build: the source's or a translation's, and its folders.
struct Edition<'c> {
    /// The line printed before its own (`edition `ru`:`), for a translation.
    heading: Option<String>,
    checked: &'c crate::Checked,
    public_dir: PathBuf,
    internal_dir: PathBuf,
}

/// What a build prints, kept until its edition's turn: editions are rendered side by side, and
/// printed and written one after another, in the order of `languages:`.
#[derive(Default)]
struct Log {
    out: String,
    err: String,
}

impl Log {
    fn print(&mut self) {
        print!("{}", std::mem::take(&mut self.out));
        eprint!("{}", std::mem::take(&mut self.err));
    }
}

/// Renders and audits every edition side by side (their typst processes share one queue of the
/// cores, so the cores stay busy until the last PDF), then, in order, prints each edition's
/// lines and writes its artifacts. The first edition that stops stops the build: the ones after
/// it are not written. Returns that edition's exit code, if one stopped.
fn build_editions(editions: Vec<Edition>, o: &BuildArgs, start: Instant) -> Result<Option<i32>> {
    std::thread::scope(|s| {
        let handles: Vec<_> = editions
            .into_iter()
            .map(|e| s.spawn(move || stage_edition(e, o, start)))
            .collect();
        for h in handles {
            let (mut log, staged) = h.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
            log.print();
            let code = match staged? {
                Staged::Stopped(code) => code,
                Staged::Ready(ready) => write_edition(*ready, start)?,
            };
            if code != 0 {
                return Ok(Some(code));
            }
        }
        Ok(None)
    })
}

/// An edition after rendering and the leak audit: stopped (with its exit code), or ready to be
/// written.
enum Staged {
    Stopped(i32),
    Ready(Box<Ready>),
}

/// An edition's audited artifacts (staged, and cleared by their audit) and the lines to print
/// once they are moved into place.
struct Ready {
    public: (emit::Staging, audit::Cleared),
    internal: (emit::Staging, audit::Cleared),
    summaries: Vec<String>,
    check_time: Duration,
    timings: Timings,
    audit_time: Duration,
    warnings: usize,
}

/// Checks, renders and audits one edition's outputs, staging what passed; nothing is moved into
/// place or printed (its lines go to the log).
fn stage_edition(e: Edition, o: &BuildArgs, start: Instant) -> (Log, Result<Staged>) {
    let mut log = Log::default();
    if let Some(h) = &e.heading {
        log.out.push_str(h);
        log.out.push('\n');
    }
    let staged = render_edition(e, o, start, &mut log);
    (log, staged)
}

/// Moves an edition's audited artifacts into its folders and prints what was written.
fn write_edition(r: Ready, start: Instant) -> Result<i32> {
    let mut written = r.public.0.commit(r.public.1)?;
    written.extend(r.internal.0.commit(r.internal.1)?);
    for (path, size) in &written {
        println!("wrote {} ({} KB)", path.display(), size.div_ceil(1024));
    }
    for s in &r.summaries {
        println!("{s}");
    }
    if written.is_empty() {
        println!(
            "nothing was written: no output of report.yaml asked for these formats and audiences"
        );
    }
    let total = start.elapsed();
    let line = timing_line(total, r.check_time, r.timings, r.audit_time, r.warnings);
    println!("{line}");
    Ok(0)
}

/// Renders one edition's outputs and audits them.
fn render_edition(e: Edition, o: &BuildArgs, start: Instant, log: &mut Log) -> Result<Staged> {
    let checked = e.checked;
    let sources = super::check::shown_sources(checked);
    let fmt = match o.format {
        // JSON is `check`'s document; a build prints one line per problem instead.
        Some(DiagFormat::Json) => DiagFormat::Short,
        Some(f) => f,
        None if std::io::stderr().is_terminal() => DiagFormat::Human,
        None => DiagFormat::Short,
    };
    let root = o.project.display().to_string();
    let root = root.trim_start_matches("./");
    let warnings = checked.diagnostics.warnings();
    let Some(views) = stopped_before_rendering(checked, o, fmt, &sources, root, log) else {
        return Ok(Staged::Stopped(1));
    };
    let check_time = start.elapsed();
    let templates = Templates::load(&checked.files.templates)?;
    let report = &checked.report;
    let ds = &checked.dataset;
    let render_start = Instant::now();
    let typst_before = typst_cli::busy();
    // The leak audit over every artifact, shipped or not, before anything is moved into
    // place: each output's artifacts are scanned as soon as they are made, while the others
    // are built, and staged on disk if they passed.
    let audits = Audits {
        public: audit::Audit::new(report, Audience::Public),
        internal: audit::Audit::new(report, Audience::Internal),
        public_staging: emit::Staging::new(&e.public_dir),
        internal_staging: emit::Staging::new(&e.internal_dir),
    };
    let Rendered {
        summaries,
        over_limit,
        ours,
        audit_time,
    } = render(o, report, ds, &templates, &audits, views)?;
    let typst = typst_cli::busy().saturating_sub(typst_before);
    let timings = Timings {
        ours: ours.min(render_start.elapsed().saturating_sub(typst)),
        typst,
    };
    // Length limits: an error at the output in report.yaml, or a warning in a draft build.
    let lengths: Vec<_> = over_limit
        .iter()
        .map(|(k, msg)| crate::length_diagnostic(&checked.files, *k, msg.clone(), o.draft))
        .collect();
    log.err
        .push_str(&diagnostic::render_in(&lengths, fmt, &sources, root));
    if !over_limit.is_empty() && !o.draft {
        log.err.push_str(&format!(
            "build stopped: {} submission(s) over their length limit; nothing was written (`rapporteur build --draft` writes them with a warning)\n",
            over_limit.len()
        ));
        return Ok(Staged::Stopped(1));
    }
    let (public, internal) = match (audits.public.finish(), audits.internal.finish()) {
        (Ok(p), Ok(i)) => (p, i),
        (Err(leaks), _) | (_, Err(leaks)) => {
            log.err.push_str(&leaks_text(&leaks));
            return Ok(Staged::Stopped(1));
        }
    };
    Ok(Staged::Ready(Box::new(Ready {
        public: (audits.public_staging, public),
        internal: (audits.internal_staging, internal),
        summaries,
        check_time,
        timings,
        audit_time,
        warnings,
    })))
}

/// Prints the edition's problems; `None` if the build stops there: errors, a testimony used
/// without its witness's consent for that purpose, or warnings it may not ship with. Else the
/// views the consent-purpose check built, by output, for the rendering to use.
fn stopped_before_rendering(
    checked: &crate::Checked,
    o: &BuildArgs,
    fmt: DiagFormat,
    sources: &std::collections::BTreeMap<String, String>,
    root: &str,
    log: &mut Log,
) -> Option<Vec<Option<BuiltView>>> {
    let errors = checked.diagnostics.errors();
    let warnings = checked.diagnostics.warnings();
    log.err.push_str(&diagnostic::render_in(
        &checked.diagnostics.clone().sorted(),
        fmt,
        sources,
        root,
    ));
    if errors > 0 {
        log.err.push_str(&format!(
            "build stopped: {errors} error(s), {warnings} warning(s); nothing was written\n"
        ));
        return None;
    }
    let (refused, views) =
        crate::check_purposes_keeping_views(&checked.report, &checked.dataset, o.audience);
    if !refused.is_empty() {
        log.err
            .push_str(&diagnostic::render_in(&refused, fmt, sources, root));
        log.err.push_str(&format!(
            "build stopped: {} use(s) of a testimony without its witness's consent for that purpose; nothing was written\n",
            refused.len()
        ));
        return None;
    }
    let public =
        checked.report.outputs.iter().any(|out| {
            o.audience.or(out.audience()).unwrap_or(Audience::Public) == Audience::Public
        });
    if let Some(why) = crate::warnings_stop(checked, o.deny_warnings, public) {
        log.err
            .push_str(&format!("build stopped: {why}; nothing was written\n"));
        return None;
    }
    Some(views)
}

/// The leak audits of a build, and where what they passed is staged: public and internal
/// artifacts are kept apart from the start (they never share a folder).
struct Audits {
    public: audit::Audit,
    internal: audit::Audit,
    public_staging: emit::Staging,
    internal_staging: emit::Staging,
}

/// What rendering every output left besides its artifacts (which went to the audits): the
/// submissions' length lines, and the time it took.
struct Rendered {
    summaries: Vec<String>,
    /// Submissions over a length limit: (their place among the submission outputs, the message).
    over_limit: Vec<(usize, String)>,
    /// Our own rendering time (typst and the audit aside), added up over the outputs.
    ours: Duration,
    /// The leak audit's time, added up over the outputs.
    audit_time: Duration,
}

/// One output of report.yaml to render: its place in report.yaml, its place among the
/// submissions, its audience and the formats asked for.
struct Job<'r> {
    order: usize,
    submission_no: usize,
    output: &'r Output,
    audience: Audience,
    formats: Vec<Format>,
    /// Its view, when the consent-purpose check built it already.
    view: Option<BuiltView>,
}

/// What rendering one output left: its length line and overage, and its times.
#[derive(Default)]
struct Made {
    summary: Option<String>,
    over_limit: Option<(usize, String)>,
    ours: Duration,
    audit: Duration,
}

/// Renders every output of report.yaml in the formats and audiences the options ask for, side by
/// side (one thread per output; typst's processes share the cores through
/// [`typst_cli::compile`]), each output's artifacts audited as soon as they are made.
fn render(
    o: &BuildArgs,
    report: &Report,
    ds: &Dataset,
    templates: &Templates,
    audits: &Audits,
    mut views: Vec<Option<BuiltView>>,
) -> Result<Rendered> {
    let mut jobs = vec![];
    let mut submission_no = 0;
    for (order, output) in report.outputs.iter().enumerate() {
        let (own, formats) = match output {
            Output::Publication { formats, audience }
            | Output::Recommendations { formats, audience } => (*audience, formats),
            Output::Submission(sub) => (sub.audience, &sub.formats),
        };
        // Submissions are counted even when skipped: this is their place in report.yaml.
        let k = submission_no;
        if matches!(output, Output::Submission(_)) {
            submission_no += 1;
        }
        let formats: Vec<Format> = formats
            .iter()
            .copied()
            .filter(|f| o.only.is_none_or(|only| only == *f))
            .collect();
        if !formats.is_empty() {
            jobs.push(Job {
                order,
                submission_no: k,
                output,
                audience: o.audience.or(own).unwrap_or(Audience::Public),
                formats,
                view: views.get_mut(order).and_then(Option::take),
            });
        }
    }
    let made: Vec<Result<Made>> = std::thread::scope(|s| {
        let handles: Vec<_> = jobs
            .into_iter()
            .map(|job| s.spawn(move || render_one(job, o, report, ds, templates, audits)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    let mut rendered = Rendered {
        summaries: vec![],
        over_limit: vec![],
        ours: Duration::ZERO,
        audit_time: Duration::ZERO,
    };
    for m in made {
        let m = m?;
        rendered.summaries.extend(m.summary);
        rendered.over_limit.extend(m.over_limit);
        rendered.ours += m.ours;
        rendered.audit_time += m.audit;
    }
    Ok(rendered)
}

/// Renders one output and hands its artifacts to the audit of its audience.
fn render_one(
    mut job: Job,
    o: &BuildArgs,
    report: &Report,
    ds: &Dataset,
    templates: &Templates,
    audits: &Audits,
) -> Result<Made> {
    let start = Instant::now();
    let audit = match job.audience {
        Audience::Public => &audits.public,
        Audience::Internal => &audits.internal,
    };
    let (rendered, ahead) = reading_pdfs_ahead(audit, |pdf_made| {
        let mut env = Env::new(templates, &report.meta);
        env.pdf_made = Some(pdf_made);
        let made = artifacts_of(&mut job, o, report, ds, &mut env);
        made.map(|(made, artifacts)| (made, artifacts, env.typst))
    });
    let (mut made, artifacts, typst) = rendered?;
    made.ours = start.elapsed().saturating_sub(typst);
    let audit_start = Instant::now();
    // The batch's audit too gives typst's processes the cores first, when it has them; without
    // PDFs it runs at our own priority (nothing to give way to but our own rendering, and pages
    // left waiting for their audit would be held in memory longer).
    let passed = if job.formats.contains(&Format::Pdf) {
        typst_cli::beside(|| audit.check(artifacts))
    } else {
        audit.check(artifacts)
    };
    made.audit = audit_start.elapsed() + ahead;
    // Staged on disk at once: a large report's pages are not all held until the end.
    let staging = match job.audience {
        Audience::Public => &audits.public_staging,
        Audience::Internal => &audits.internal_staging,
    };
    staging.put(job.order, passed)?;
    Ok(made)
}

/// Runs `render` with a callback that hands each PDF to the audit as soon as typst has made it
/// (the audit reads it while the others compile): a thread of its own takes them one by one and
/// reads each at the lowest CPU priority (typst's processes keep the cores, the audit fills the
/// gaps), so that the compilation that made it goes on to the next at once. Returns what
/// `render` returned, once every PDF handed over has been read, and the time spent reading.
fn reading_pdfs_ahead<R>(
    audit: &audit::Audit,
    render: impl FnOnce(&crate::write::PdfMade) -> R,
) -> (R, Duration) {
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::channel::<(String, Vec<u8>)>();
        let reader = s.spawn(move || {
            let mut took = Duration::ZERO;
            for (path, bytes) in rx {
                took += typst_cli::beside(|| {
                    let t = Instant::now();
                    audit.read_ahead(&path, Format::Pdf, &bytes);
                    t.elapsed()
                });
            }
            took
        });
        let pdf_made = move |path: &str, bytes: &[u8]| {
            // The reader ends only once this callback is dropped: a send cannot fail before.
            let _ = tx.send((path.to_string(), bytes.to_vec()));
        };
        let out = render(&pdf_made);
        drop(pdf_made);
        let took = reader
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        (out, took)
    })
}

/// One output's artifacts, rendered in its formats (its PDFs handed to `env.pdf_made` as typst
/// makes them), and what rendering it left besides (its length line and overage).
fn artifacts_of(
    job: &mut Job,
    o: &BuildArgs,
    report: &Report,
    ds: &Dataset,
    env: &mut Env,
) -> Result<(Made, Vec<crate::write::Artifact>)> {
    let (audience, f) = (job.audience, &job.formats);
    let mut made = Made::default();
    let mut artifacts = match (job.output, job.view.take()) {
        (Output::Publication { .. }, Some(BuiltView::Publication(v))) => {
            output::publication_of(&v, f, env)?
        }
        (Output::Publication { .. }, _) => output::publication(report, ds, audience, f, env)?,
        (Output::Recommendations { .. }, _) => {
            output::recommendations(report, ds, audience, f, env)?
        }
        (Output::Submission(sub), view) => {
            let built = match view {
                Some(BuiltView::Submission(v)) => {
                    output::submission_of(crate::measure::of_view(v, sub, ds), f, env)?
                }
                _ => output::submission(report, ds, sub, audience, f, env)?,
            };
            made.summary = Some(built.summary);
            let mut files = built.artifacts;
            if let Some(msg) = built.over_limit {
                made.over_limit = Some((job.submission_no, msg));
                // A draft over its limit must not pass for the submission itself:
                // `cmw-kgz.pdf` is written as `cmw-kgz.draft.pdf`.
                for a in &mut files {
                    if let Some((stem, ext)) = a.path.rsplit_once('.') {
                        a.path = format!("{stem}.draft.{ext}");
                    }
                }
            }
            files
        }
    };
    if o.keep_typst {
        // The only artifacts that are not shipped are the Typst sources and their data.
        for a in &mut artifacts {
            a.shipped = true;
        }
    }
    Ok((made, artifacts))
}

/// The line saying how long the build took, and its parts.
fn timing_line(
    total: Duration,
    check: Duration,
    timings: Timings,
    audit: Duration,
    warnings: usize,
) -> String {
    format!(
        "built in {} ms: checking {} ms, rendering {} ms, typst {} ms, leak audit {} ms{}",
        total.as_millis(),
        check.as_millis(),
        timings.ours.as_millis(),
        timings.typst.as_millis(),
        audit.as_millis(),
        if warnings > 0 {
            format!(" ({warnings} warning(s))")
        } else {
            String::new()
        }
    )
}

/// Where internal artifacts go: a folder beside the public one (`out-internal/` beside `out/`),
/// never inside it, so that uploading or syncing the public folder cannot ship them.
pub(super) fn internal_folder(public: &Path) -> PathBuf {
    let name = public
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let parent = public.parent().unwrap_or(Path::new("."));
    parent.join(format!("{name}-internal"))
}
