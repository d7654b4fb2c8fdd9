//! `rapporteur watch` (alias `serve`): rebuilds the HTML publication on every save, serves it on
//! localhost with live reload, rebuilds the PDF in the background, and shows diagnostics in the
//! terminal and over the served page.
//!
//! The artifact written to `out/publication.html` is exactly what `build` writes; the reload
//! script and the overlay are added to the copy that is served, never to the file. A rebuild
//! redoes only what a save can change: the dataset is loaded once (again only when the project's
//! `conventions/` changes), the templates once (again when `templates/` changes); the project is
//! read, resolved, rendered to HTML and audited in memory.

use super::common::print_leaks;
use crate::conventions::Dataset;
use crate::diagnostic::{self, Diagnostic, Diagnostics, Format as DiagFormat};
use crate::load::{ProjectFiles, SourceFile};
use crate::model::raw::{Audience, Format};
use crate::output;
use crate::protect::audit;
use crate::write::{Env, templates::Templates};
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

pub struct Options {
    pub project: PathBuf,
    pub port: u16,
    pub pdf: bool,
    pub out: Option<PathBuf>,
}

/// What a rebuild produced, for the terminal and for the served page.
pub struct Outcome {
    /// The publication's HTML when the rebuild succeeded (`None`: errors, or a leak).
    pub html: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// Sources of the files, for the human format's caret.
    pub sources: BTreeMap<String, String>,
    /// The leak audit stopped the rebuild.
    pub leak: bool,
    pub elapsed: Duration,
}

/// The state kept between rebuilds: what does not change with a save of a finding.
pub struct Session {
    project: PathBuf,
    out: PathBuf,
    /// The dataset, the `conventions/` files it was merged from and what merging them reported.
    dataset: Option<(Vec<SourceFile>, Dataset, Diagnostics)>,
    templates: Option<(Vec<SourceFile>, Templates)>,
}

impl Session {
    pub fn new(project: &Path, out: Option<&Path>) -> Session {
        Session {
            project: project.to_path_buf(),
            out: out.map_or_else(|| project.join("out"), Path::to_path_buf),
            dataset: None,
            templates: None,
        }
    }

    /// The output folder (ignored by the watcher).
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// Reads the project, checks it, renders the public HTML publication in memory and audits it;
    /// writes `out/publication.html` when all is well.
    pub fn rebuild(&mut self) -> Result<Outcome> {
        let start = Instant::now();
        let mut diags = Diagnostics::default();
        let files = crate::load::load_project(&self.project, &mut diags)?;
        self.refresh(&files, &mut diags)?;
        let (Some((_, ds, _)), Some((_, templates))) = (&self.dataset, &self.templates) else {
            unreachable!("refresh sets both");
        };
        let report = crate::resolve::resolve(&files, ds, &mut diags);
        crate::protect::check_sources(&files, &report, &mut diags);
        let diags = crate::protect::sealed::for_build(&files, diags);
        let sources = files
            .all()
            .map(|f| (f.path.clone(), f.text.clone()))
            .collect();
        let mut outcome = Outcome {
            html: None,
            diagnostics: vec![],
            sources,
            leak: false,
            elapsed: Duration::ZERO,
        };
        if !diags.has_errors() {
            let mut env = Env::new(templates, &report.meta);
            let artifacts =
                output::publication(&report, ds, Audience::Public, &[Format::Html], &mut env)?;
            match audit::audit(&report, Audience::Public, artifacts) {
                Ok(audited) => {
                    crate::emit::to_folder(&self.out, &audited)?;
                    outcome.html = audited
                        .shipped()
                        .find(|a| a.format == Format::Html)
                        .map(|a| String::from_utf8_lossy(&a.bytes).into_owned());
                }
                Err(leaks) => {
                    print_leaks(&leaks);
                    outcome.leak = true;
                }
            }
        }
        outcome.diagnostics = diags.sorted();
        outcome.elapsed = start.elapsed();
        Ok(outcome)
    }

    /// Loads the dataset again only when the project's `conventions/` changed, and the
    /// templates only when its `templates/` changed.
    fn refresh(&mut self, files: &ProjectFiles, diags: &mut Diagnostics) -> Result<()> {
        match &self.dataset {
            Some((conv, _, reported)) if *conv == files.conventions => {
                diags.extend(reported.clone());
            }
            _ => {
                let mut reported = Diagnostics::default();
                let ds = crate::load_dataset(files, &mut reported);
                diags.extend(reported.clone());
                self.dataset = Some((files.conventions.clone(), ds, reported));
            }
        }
        if !matches!(&self.templates, Some((t, _)) if *t == files.templates) {
            let templates = Templates::load(&files.templates)?;
            self.templates = Some((files.templates.clone(), templates));
        }
        Ok(())
    }
}

/// The page served and its version; waiting readers are woken when it changes.
struct Shared {
    page: Mutex<(u64, String)>,
    changed: Condvar,
}

pub fn run(o: Options) -> Result<i32> {
    let mut session = Session::new(&o.project, o.out.as_deref());
    // Watching starts before the first build: a file saved while it runs, or before the loop
    // below is reached, is seen and rebuilt, not missed.
    let (watcher, events) = start_watching(&o.project)?;
    // An environment problem (no report.yaml) stops here, as it does for `check`.
    let first = session.rebuild()?;
    let shared = Arc::new(Shared {
        page: Mutex::new((1, page(&first, 1))),
        changed: Condvar::new(),
    });
    let server = tiny_http::Server::http(("127.0.0.1", o.port))
        .map_err(|e| anyhow::anyhow!("cannot serve on 127.0.0.1:{}: {e}", o.port))?;
    let addr = server
        .server_addr()
        .to_ip()
        .context("the server has no IP address")?;
    report(&first);
    println!(
        "serving http://{addr}/ (Ctrl-C to stop); watching {}",
        o.project.display()
    );
    let pdf = o
        .pdf
        .then(|| PdfWorker::start(o.project.clone(), session.out().to_path_buf()));
    if let (Some(p), Some(_)) = (&pdf, &first.html) {
        p.request();
    }
    let out_dir = session.out().to_path_buf();
    {
        let shared = shared.clone();
        std::thread::spawn(move || serve(server, shared, out_dir));
    }
    let result = watch_loop(&events, &mut session, &shared, pdf.as_ref());
    drop(watcher);
    result
}

type Events = std::sync::mpsc::Receiver<notify::Result<notify::Event>>;

/// Starts watching the project folder and everything under it; the events arrive on the
/// receiver as long as the watcher lives.
fn start_watching(project: &Path) -> Result<(notify::RecommendedWatcher, Events)> {
    use notify::{RecursiveMode, Watcher};
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).context("cannot watch the project")?;
    watcher
        .watch(project, RecursiveMode::Recursive)
        .with_context(|| format!("cannot watch `{}`", project.display()))?;
    Ok((watcher, rx))
}

/// Waits for changes in the project (not in the output folder), and rebuilds after each burst.
fn watch_loop(
    rx: &Events,
    session: &mut Session,
    shared: &Shared,
    pdf: Option<&PdfWorker>,
) -> Result<i32> {
    let out = std::fs::canonicalize(session.out()).unwrap_or_else(|_| session.out().to_path_buf());
    let relevant = |e: &notify::Event| {
        !matches!(e.kind, notify::EventKind::Access(_))
            && e.paths.iter().any(|p| {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default();
                !p.starts_with(&out) && !name.starts_with('.') && !name.ends_with('~')
            })
    };
    loop {
        let Ok(first) = rx.recv() else {
            return Ok(0);
        };
        if !first.as_ref().is_ok_and(relevant) {
            continue;
        }
        // A save is often several events (write, rename, metadata): wait for a quiet moment.
        while rx.recv_timeout(Duration::from_millis(30)).is_ok() {}
        let outcome = match session.rebuild() {
            Ok(o) => o,
            Err(e) => {
                eprintln!("error: {e:#}");
                continue;
            }
        };
        report(&outcome);
        let mut guard = shared.page.lock().unwrap_or_else(|e| e.into_inner());
        let version = guard.0 + 1;
        // After errors the last good page stays, under the overlay.
        let mut shown = outcome;
        if shown.html.is_none() {
            shown.html = last_html(&guard.1);
        } else if let Some(p) = pdf {
            p.request();
        }
        *guard = (version, page(&shown, version));
        shared.changed.notify_all();
    }
}

/// Rebuilds the PDF publication in the background, one build at a time; requests made while a
/// build runs are merged into one more build.
struct PdfWorker {
    tx: std::sync::mpsc::Sender<()>,
}

impl PdfWorker {
    fn start(project: PathBuf, out: PathBuf) -> PdfWorker {
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        std::thread::spawn(move || {
            while rx.recv().is_ok() {
                while rx.try_recv().is_ok() {}
                let start = Instant::now();
                match build_pdf(&project, &out) {
                    Ok(true) => println!(
                        "publication.pdf rebuilt in {} ms",
                        start.elapsed().as_millis()
                    ),
                    Ok(false) => {}
                    Err(e) => eprintln!("publication.pdf not rebuilt: {e:#}"),
                }
            }
        });
        PdfWorker { tx }
    }

    fn request(&self) {
        let _ = self.tx.send(());
    }
}

/// The public PDF publication, checked, rendered, audited and written; false when the project
/// has errors or the audit stops it (the HTML rebuild has already said why).
fn build_pdf(project: &Path, out: &Path) -> Result<bool> {
    let (checked, _) = crate::check_for_build(project)?;
    if checked.diagnostics.has_errors() {
        return Ok(false);
    }
    let templates = Templates::load(&checked.files.templates)?;
    let report = &checked.report;
    let mut env = Env::new(&templates, &report.meta);
    let artifacts = output::publication(
        report,
        &checked.dataset,
        Audience::Public,
        &[Format::Pdf],
        &mut env,
    )?;
    match audit::audit(report, Audience::Public, artifacts) {
        Ok(audited) => {
            crate::emit::to_folder(out, &audited)?;
            Ok(true)
        }
        Err(leaks) => {
            print_leaks(&leaks);
            Ok(false)
        }
    }
}

/// Prints a rebuild's diagnostics and time in the terminal.
fn report(o: &Outcome) {
    eprint!(
        "{}",
        diagnostic::render(&o.diagnostics, DiagFormat::Human, &o.sources)
    );
    let errors = o
        .diagnostics
        .iter()
        .filter(|d| d.severity == diagnostic::Severity::Error)
        .count();
    let status = match (&o.html, o.leak) {
        (Some(_), _) => "publication.html rebuilt".to_string(),
        (None, true) => "stopped by the leak audit; the page shows the last good build".into(),
        (None, false) => format!("{errors} error(s); the page shows the last good build"),
    };
    println!(
        "{status} in {} ms ({} warning(s))",
        o.elapsed.as_millis(),
        o.diagnostics.len() - errors
    );
}

const MARK_START: &str = "<!--rapporteur-watch-->";

/// The artifact's HTML inside a served page (the part before our injected snippet).
fn last_html(served: &str) -> Option<String> {
    served
        .find(MARK_START)
        .map(|i| served[..i].to_string() + "</body></html>\n")
        .filter(|s| s.contains("<body"))
}

/// The served page: the artifact, with the overlay (when there are diagnostics) and the reload
/// script inserted before `</body>`.
fn page(o: &Outcome, version: u64) -> String {
    let html = o.html.clone().unwrap_or_else(|| {
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>rapporteur watch</title></head><body><p>No build yet: fix the errors below.</p></body></html>".into()
    });
    let body_end = html.rfind("</body>").unwrap_or(html.len());
    let mut snippet = String::from(MARK_START);
    if !o.diagnostics.is_empty() || o.leak {
        snippet.push_str(&overlay(o));
    }
    snippet.push_str(&format!(
        "<script>(function(){{var v={version};function wait(){{fetch('/__rapporteur/wait?v='+v).then(function(r){{return r.text();}}).then(function(t){{if(t.trim()!==String(v)){{location.reload();}}else{{wait();}}}}).catch(function(){{setTimeout(wait,1000);}});}}wait();}})();</script>"
    ));
    format!("{}{snippet}{}", &html[..body_end], &html[body_end..])
}

/// The diagnostics as a panel over the page.
fn overlay(o: &Outcome) -> String {
    let mut items = String::new();
    for d in &o.diagnostics {
        let text = d.human(o.sources.get(&d.location.file).map(String::as_str));
        items.push_str(&format!(
            "<pre class=\"{}\">{}</pre>",
            d.severity.as_str(),
            escape(&text)
        ));
    }
    if o.leak {
        items.push_str("<pre class=\"error\">the leak audit stopped the rebuild: a protected string is in the page (the terminal names it)</pre>");
    }
    format!(
        "<div id=\"rapporteur-overlay\" style=\"position:fixed;bottom:0;left:0;right:0;max-height:45vh;overflow:auto;background:#1e1e1e;color:#eee;font:13px/1.4 monospace;padding:8px 12px;z-index:99999;border-top:4px solid #c62828\"><button onclick=\"this.parentNode.remove()\" style=\"float:right\">close</button><strong>rapporteur: {} problem(s)</strong>{items}</div><style>#rapporteur-overlay pre{{white-space:pre-wrap;margin:6px 0}}#rapporteur-overlay pre.warning{{color:#ffd54f}}#rapporteur-overlay pre.error{{color:#ff8a80}}</style>",
        o.diagnostics.len() + usize::from(o.leak)
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Answers requests: the page at `/`, long polls at `/__rapporteur/wait`, files of the output
/// folder (the PDF, submissions) elsewhere.
fn serve(server: tiny_http::Server, shared: Arc<Shared>, out: PathBuf) {
    for request in server.incoming_requests() {
        let shared = shared.clone();
        let out = out.clone();
        std::thread::spawn(move || answer(request, &shared, &out));
    }
}

fn answer(request: tiny_http::Request, shared: &Shared, out: &Path) {
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let header = |v: &str| {
        tiny_http::Header::from_bytes(&b"Content-Type"[..], v.as_bytes()).expect("a valid header")
    };
    let response = match path {
        "/" | "/publication.html" => {
            let page = shared
                .page
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .1
                .clone();
            tiny_http::Response::from_string(page).with_header(header("text/html; charset=utf-8"))
        }
        "/__rapporteur/wait" => {
            let seen: u64 = query
                .strip_prefix("v=")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            let guard = shared.page.lock().unwrap_or_else(|e| e.into_inner());
            let (guard, _) = shared
                .changed
                .wait_timeout_while(guard, Duration::from_secs(25), |p| p.0 <= seen)
                .unwrap_or_else(|e| e.into_inner());
            tiny_http::Response::from_string(guard.0.to_string()).with_header(header("text/plain"))
        }
        _ => match file_in(out, path) {
            Some((bytes, kind)) => tiny_http::Response::from_data(bytes).with_header(header(kind)),
            None => tiny_http::Response::from_string("not found").with_status_code(404),
        },
    };
    let _ = request.respond(response);
}

/// A file of the output folder named by a URL path, with its content type; nothing outside it.
fn file_in(out: &Path, path: &str) -> Option<(Vec<u8>, &'static str)> {
    let rel = path.trim_start_matches('/');
    if rel
        .split('/')
        .any(|c| c == ".." || c.is_empty() || c.starts_with('.'))
    {
        return None;
    }
    let kind = match rel.rsplit_once('.')?.1 {
        "pdf" => "application/pdf",
        "html" => "text/html; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "json" => "application/json",
        "md" => "text/markdown; charset=utf-8",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => return None,
    };
    std::fs::read(out.join(rel)).ok().map(|b| (b, kind))
}

/// Used by the served page only: the artifact the reader gets never carries the snippet.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn served_page_adds_overlay_and_script_before_the_body_end() {
        let o = Outcome {
            html: Some("<html><body><p>x</p></body></html>".into()),
            diagnostics: vec![Diagnostic::error(
                "unknown-theme",
                crate::diagnostic::Location::new("findings/a.md", 3, 9),
                "unknown theme `<x>`",
            )],
            sources: BTreeMap::new(),
            leak: false,
            elapsed: Duration::ZERO,
        };
        let p = page(&o, 7);
        assert!(p.starts_with(
            "<html><body><p>x</p><!--rapporteur-watch--><div id=\"rapporteur-overlay\""
        ));
        assert!(p.contains("unknown theme `&lt;x&gt;`"), "{p}");
        assert!(p.contains("var v=7;"));
        assert!(p.ends_with("</body></html>"));
        assert_eq!(
            last_html(&p).as_deref(),
            Some("<html><body><p>x</p></body></html>\n")
        );
    }

    #[test]
    fn files_outside_the_output_folder_are_not_served() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("publication.pdf"), b"%PDF").unwrap();
        assert!(file_in(dir.path(), "/publication.pdf").is_some());
        assert!(file_in(dir.path(), "/../secret.pdf").is_none());
        assert!(file_in(dir.path(), "/report.yaml").is_none());
    }
}
