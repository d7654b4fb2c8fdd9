//! `rapporteur build`: check, render every output in memory, audit, then move into place.

use crate::diagnostic::{self, Format as DiagFormat};
use crate::model::raw::{Audience, Format};
use crate::model::resolved::Output;
use crate::output;
use crate::protect::audit;
use crate::write::{Artifact, Timings, templates::Templates};
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub struct Options {
    pub project: PathBuf,
    pub out: Option<PathBuf>,
    /// Every output for this audience; `None`: each output's own (`audience:` in report.yaml,
    /// public by default).
    pub audience: Option<Audience>,
    pub only: Option<Format>,
    /// Submissions over their length limit are written with a warning instead of failing.
    pub draft: bool,
    /// Also write the intermediate Typst sources and data (audited like the rest).
    pub keep_typst: bool,
    /// Every warning stops the build.
    pub deny_warnings: bool,
    /// How diagnostics are printed (default: human on a terminal, else short).
    pub format: Option<DiagFormat>,
}

pub fn run(o: Options) -> Result<i32> {
    let start = Instant::now();
    let checked = crate::check_inputs(&o.project)?;
    let sources: BTreeMap<String, String> = checked
        .files
        .all()
        .map(|f| (f.path.clone(), f.text.clone()))
        .collect();
    let fmt = match o.format {
        // JSON is `check`'s document; a build prints one line per problem instead.
        Some(DiagFormat::Json) => DiagFormat::Short,
        Some(f) => f,
        None if std::io::stderr().is_terminal() => DiagFormat::Human,
        None => DiagFormat::Short,
    };
    let root = o.project.display().to_string();
    let root = root.trim_start_matches("./");
    let errors = checked.diagnostics.errors();
    let warnings = checked.diagnostics.warnings();
    eprint!(
        "{}",
        diagnostic::render_in(&checked.diagnostics.clone().sorted(), fmt, &sources, root)
    );
    if errors > 0 {
        eprintln!("build stopped: {errors} error(s), {warnings} warning(s); nothing was written");
        return Ok(1);
    }
    let refused = crate::check_purposes(&checked.report, &checked.dataset, o.audience);
    if !refused.is_empty() {
        eprint!("{}", diagnostic::render_in(&refused, fmt, &sources, root));
        eprintln!(
            "build stopped: {} use(s) of a testimony without its witness's consent for that purpose; nothing was written",
            refused.len()
        );
        return Ok(1);
    }
    let public =
        checked.report.outputs.iter().any(|out| {
            o.audience.or(out.audience()).unwrap_or(Audience::Public) == Audience::Public
        });
    if let Some(why) = crate::warnings_stop(&checked, o.deny_warnings, public) {
        eprintln!("build stopped: {why}; nothing was written");
        return Ok(1);
    }
    let check_time = start.elapsed();
    let templates = Templates::load(&checked.files.templates)?;
    let report = &checked.report;
    let mut timings = Timings::default();
    // Public and internal artifacts are kept apart from the start: they never share a folder.
    let mut public: Vec<Artifact> = vec![];
    let mut internal: Vec<Artifact> = vec![];
    let audience_of = |own: Option<Audience>| o.audience.or(own).unwrap_or(Audience::Public);
    let mut summaries: Vec<String> = vec![];
    // Length limits, measured as each submission is rendered: (its place among the submission
    // outputs, the message).
    let mut over_limit: Vec<(usize, String)> = vec![];
    let mut submission_no = 0;
    let wanted = |formats: &[Format]| -> Vec<Format> {
        formats
            .iter()
            .copied()
            .filter(|f| o.only.is_none_or(|only| only == *f))
            .collect()
    };
    for output in &report.outputs {
        let (own, formats) = match output {
            Output::Publication { formats, audience }
            | Output::Recommendations { formats, audience } => (*audience, formats),
            Output::AlternativeReport(sub) | Output::Upr(sub) => (sub.audience, &sub.formats),
        };
        // Submissions are counted even when skipped: `k` is their place in report.yaml.
        let k = submission_no;
        if matches!(output, Output::AlternativeReport(_) | Output::Upr(_)) {
            submission_no += 1;
        }
        let audience = audience_of(own);
        let f = wanted(formats);
        if f.is_empty() {
            continue;
        }
        let artifacts = match audience {
            Audience::Public => &mut public,
            Audience::Internal => &mut internal,
        };
        let ds = &checked.dataset;
        match output {
            Output::Publication { .. } => artifacts.extend(output::publication(
                report,
                ds,
                &templates,
                audience,
                &f,
                &mut timings,
            )?),
            Output::Recommendations { .. } => artifacts.extend(crate::write::sheet::by_addressee(
                report,
                ds,
                &templates,
                audience,
                &f,
                &mut timings,
            )?),
            Output::AlternativeReport(sub) | Output::Upr(sub) => {
                let built =
                    output::submission(report, ds, &templates, sub, audience, &f, &mut timings)?;
                summaries.push(built.summary);
                let mut files = built.artifacts;
                if let Some(msg) = built.over_limit {
                    over_limit.push((k, msg));
                    // A draft over its limit must not pass for the submission itself:
                    // `cmw-kgz.pdf` is written as `cmw-kgz.draft.pdf`.
                    for a in &mut files {
                        if let Some((stem, ext)) = a.path.rsplit_once('.') {
                            a.path = format!("{stem}.draft.{ext}");
                        }
                    }
                }
                artifacts.extend(files);
            }
        }
    }
    // Length limits: an error at the output in report.yaml, or a warning in a draft build.
    let lengths: Vec<_> = over_limit
        .iter()
        .map(|(k, msg)| crate::length_diagnostic(&checked.files, *k, msg.clone(), o.draft))
        .collect();
    eprint!("{}", diagnostic::render_in(&lengths, fmt, &sources, root));
    if !over_limit.is_empty() && !o.draft {
        eprintln!(
            "build stopped: {} submission(s) over their length limit; nothing was written (`rapporteur build --draft` writes them with a warning)",
            over_limit.len()
        );
        return Ok(1);
    }
    // The leak audit over every public artifact, shipped or not, before anything is written.
    let audit_start = Instant::now();
    if !audit_passes(report, &public) {
        return Ok(1);
    }
    let audit_time = audit_start.elapsed();
    if o.keep_typst {
        // The only artifacts that are not shipped are the Typst sources and their data.
        for a in public.iter_mut().chain(internal.iter_mut()) {
            a.shipped = true;
        }
    }
    let base = o.out.clone().unwrap_or_else(|| o.project.join("out"));
    let mut written = vec![];
    if !public.is_empty() {
        written.extend(write_atomically(&base, &public)?);
    }
    if !internal.is_empty() {
        written.extend(write_atomically(&internal_folder(&base), &internal)?);
    }
    for (path, size) in &written {
        println!("wrote {} ({} KB)", path.display(), size.div_ceil(1024));
    }
    for s in &summaries {
        println!("{s}");
    }
    if written.is_empty() {
        println!(
            "nothing was written: no output of report.yaml asked for these formats and audiences"
        );
    }
    let total = start.elapsed();
    println!(
        "built in {} ms: checking {} ms, rendering {} ms, typst {} ms, leak audit {} ms{}",
        total.as_millis(),
        check_time.as_millis(),
        timings.ours.as_millis(),
        timings.typst.as_millis(),
        audit_time.as_millis(),
        if warnings > 0 {
            format!(" ({warnings} warning(s))")
        } else {
            String::new()
        }
    );
    Ok(0)
}

/// The leak audit over every artifact, shipped or not (the intermediate Typst source too). Prints
/// each leak and returns false when there is any: then nothing may be written.
pub(super) fn audit_passes(
    report: &crate::model::resolved::Report,
    artifacts: &[Artifact],
) -> bool {
    let matcher = crate::protect::matcher::Matcher::new(&crate::protect::protected_items(report));
    // One pass per artifact, the artifacts shared out among the cores.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, artifacts.len().max(1));
    let mut leaks: Vec<audit::Leak> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let matcher = &matcher;
                s.spawn(move || {
                    artifacts
                        .iter()
                        .skip(t)
                        .step_by(threads)
                        .flat_map(|a| audit::scan(&a.path, &a.bytes, matcher))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("the audit of an artifact panicked"))
            .collect()
    });
    leaks.sort_by(|a, b| (&a.artifact, &a.what).cmp(&(&b.artifact, &b.what)));
    for l in &leaks {
        eprintln!(
            "error: `{}` contains `{}`, which testimony `{}` protects (its consent level forbids publishing it)",
            l.artifact, l.what, l.testimony
        );
    }
    if !leaks.is_empty() {
        eprintln!(
            "stopped by the leak audit: {} leak(s); nothing was written and the previous artifacts were left in place",
            leaks.len()
        );
    }
    leaks.is_empty()
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

/// Writes the shipped artifacts to a staging folder inside `dir`, then renames each into place,
/// so a reader never sees a half-written file.
pub(super) fn write_atomically(
    dir: &Path,
    artifacts: &[Artifact],
) -> Result<Vec<(PathBuf, usize)>> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    let staging = tempfile::Builder::new()
        .prefix(".rapporteur-staging-")
        .tempdir_in(dir)
        .with_context(|| format!("cannot create a staging folder in `{}`", dir.display()))?;
    let mut staged = vec![];
    for a in artifacts.iter().filter(|a| a.shipped) {
        let path = staging.path().join(&a.path);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p)?;
        }
        std::fs::write(&path, &a.bytes)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
        staged.push((path, dir.join(&a.path), a.bytes.len()));
    }
    let mut written = vec![];
    for (from, to, size) in staged {
        if let Some(p) = to.parent() {
            std::fs::create_dir_all(p)?;
        }
        std::fs::rename(&from, &to)
            .with_context(|| format!("cannot move `{}` into place", to.display()))?;
        written.push((to, size));
    }
    Ok(written)
}
