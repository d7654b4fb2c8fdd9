//! The one place that runs the `typst` CLI. It checks the version against the pinned one (once
//! per run of rapporteur), writes the generated sources into a private temporary folder, compiles
//! with a fixed creation timestamp and only the fonts embedded in typst and in rapporteur
//! ([`crate::text::fonts`], written beside the sources: reproducible PDFs), and
//! keeps typst's diagnostics in the error. Compilations asked for at the same time (the
//! publication, the submissions and the sheets are built side by side) share one queue: as many
//! typst processes at once as there are cores.

use crate::text::fonts;
use anyhow::{Context, Result, bail};

use std::process::Command;
use std::sync::{Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The typst version rapporteur is tested against; any 0.15.x is accepted.
pub const TYPST_VERSION: &str = "0.15.1";
const TYPST_SERIES: &str = "0.15.";

fn install_hint() -> String {
    format!(
        "install the supported version with `cargo install --locked typst-cli --version {TYPST_VERSION}` (needs Rust 1.92 or later), or set RAPPORTEUR_TYPST to its path"
    )
}

fn program() -> String {
    std::env::var("RAPPORTEUR_TYPST").unwrap_or_else(|_| "typst".to_string())
}

/// The installed typst's version, or an error that says how to install the supported one.
/// `typst --version` runs once per run of rapporteur, whatever the number of PDFs: the answer,
/// or the error with its causes, is kept for the compilations that follow.
pub fn check_version() -> Result<String> {
    static CHECKED: OnceLock<Result<String, Vec<String>>> = OnceLock::new();
    let checked = CHECKED
        .get_or_init(|| query_version().map_err(|e| e.chain().map(|c| c.to_string()).collect()));
    checked.clone().map_err(|chain| {
        // The same error again: the innermost cause, wrapped in each outer message.
        let mut chain = chain.into_iter().rev();
        let root = anyhow::anyhow!(chain.next().unwrap_or_default());
        chain.fold(root, |e, outer| e.context(outer))
    })
}

/// Checks typst's version and readies the fonts' folder ahead of the first compilation (both
/// are done once per run, whoever asks first).
pub fn prepare() {
    if check_version().is_ok() {
        font_folder();
    }
}

/// Runs `typst --version` and checks the version against the supported series.
fn query_version() -> Result<String> {
    let out = match Command::new(program()).arg("--version").output() {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            bail!(
                "the `typst` command was not found; PDF output needs typst {TYPST_VERSION}: {} (without typst, `rapporteur build --only html` builds the HTML outputs)",
                install_hint()
            )
        }
        Err(e) => return Err(e).context("cannot run `typst --version`"),
    };
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let version = text.split_whitespace().nth(1).unwrap_or("").to_string();
    if !version.starts_with(TYPST_SERIES) {
        bail!(
            "typst {version} is installed, but rapporteur supports typst {TYPST_SERIES}x (tested with {TYPST_VERSION}): {}",
            install_hint()
        );
    }
    Ok(version)
}

/// The typst processes running now: every compilation of a run (publication, submissions,
/// sheets), whichever thread asks, waits for a slot, so that as many run at once as there are
/// cores and no more. A free slot goes to the largest compilation waiting (by the size of its
/// sources), so that the longest start first and the last to end are short ones: the cores stay
/// busy until the end. Also the wall-clock time during which at least one was running.
static RUNNING: Mutex<Running> = Mutex::new(Running {
    now: 0,
    waiting: Vec::new(),
    since: None,
    busy: Duration::ZERO,
});
static FREED: Condvar = Condvar::new();

struct Running {
    now: usize,
    /// The compilations waiting for a slot: their size, and the order they came in (the
    /// earlier first among equals).
    waiting: Vec<(usize, u64)>,
    /// When the current stretch with a typst process running began.
    since: Option<Instant>,
    /// The stretches before it, added up.
    busy: Duration,
}

/// The wall-clock time during which at least one typst process ran, since rapporteur started:
/// how long typst kept a run waiting, however many compiled side by side.
pub fn busy() -> Duration {
    let r = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
    r.busy + r.since.map_or(Duration::ZERO, |s| s.elapsed())
}

/// A slot among the cores, held while one typst process runs.
struct Slot;

impl Slot {
    /// Waits for a slot for a compilation of `size` (bytes of sources): the largest waiting
    /// gets the next free slot.
    fn take(size: usize) -> Slot {
        static TICKETS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let ticket = TICKETS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let me = (size, u64::MAX - ticket);
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let mut running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
        running.waiting.push(me);
        while running.now >= cores || running.waiting.iter().max() != Some(&me) {
            running = FREED.wait(running).unwrap_or_else(|e| e.into_inner());
        }
        running.waiting.retain(|w| *w != me);
        running.now += 1;
        if running.since.is_none() {
            running.since = Some(Instant::now());
        }
        let more = running.now < cores && !running.waiting.is_empty();
        drop(running);
        if more {
            // The next largest may take the slot left.
            FREED.notify_all();
        }
        Slot
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
        running.now -= 1;
        if running.now == 0
            && let Some(since) = running.since.take()
        {
            running.busy += since.elapsed();
        }
        drop(running);
        FREED.notify_all();
    }
}

/// Runs `work` beside typst's processes, giving them the cores first: on threads of their own
/// at the lowest CPU priority (on Linux, `SCHED_IDLE`), so that it fills the time a core is
/// left idle instead of slowing a compilation down (the build's audit of each PDF, while the
/// others compile). Waits for it and returns its result. The threads' own parallel work (rayon)
/// stays on them; where they cannot be made, `work` runs here.
pub fn beside<R: Send>(work: impl FnOnce() -> R + Send) -> R {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    let pool = POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .thread_name(|k| format!("beside-typst-{k}"))
            .start_handler(|_| lowest_priority())
            .build()
            .ok()
    });
    match pool {
        Some(pool) => pool.install(work),
        None => work(),
    }
}

/// Puts the calling thread at the lowest CPU priority: it runs when a core would otherwise idle.
/// It never spawns typst (a process inherits its thread's priority).
fn lowest_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: sched_setscheduler with pid 0 changes the calling thread's policy only, from a
    // valid parameter block; a failure leaves the thread as it was.
    unsafe {
        let param = libc::sched_param { sched_priority: 0 };
        libc::sched_setscheduler(0, libc::SCHED_IDLE, &param);
    }
}

/// Compiles `main` (a file among `files`, each a relative path and its bytes) into a PDF;
/// `size` (the bytes of its Typst sources and data) places it in typst's queue, the largest
/// waiting first. Returns the PDF and how long typst took.
pub fn compile(
    files: &[(&str, &[u8])],
    main: &str,
    creation_timestamp: i64,
    size: usize,
) -> Result<(Vec<u8>, Duration)> {
    check_version()?;
    let dir = tempfile::tempdir().context("cannot create a temporary folder for typst")?;
    for (name, bytes) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("cannot write `{name}` for typst"))?;
    }
    // The fallback fonts, for the letters and scripts typst's own fonts lack: the folder they
    // were written to once, else a copy beside these sources.
    let fonts = match font_folder() {
        Some(shared) => shared.to_path_buf(),
        None => {
            let here = dir.path().join("fonts");
            write_fonts(&here)?;
            here
        }
    };
    let out_pdf = dir.path().join("out.pdf");
    let _slot = Slot::take(size);
    let start = Instant::now();
    let output = Command::new(program())
        .arg("compile")
        .arg("--root")
        .arg(dir.path())
        .arg("--diagnostic-format")
        .arg("short")
        .arg("--ignore-system-fonts")
        .arg("--font-path")
        .arg(&fonts)
        // Archival and accessible together: PDF/A-2b (fonts embedded, no external content) and
        // PDF/UA-1 (tagged, title and language set, headings in order, alt text on images).
        .arg("--pdf-standard")
        .arg("a-2b,ua-1")
        .arg("--creation-timestamp")
        .arg(creation_timestamp.to_string())
        .arg(dir.path().join(main))
        .arg(&out_pdf)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .context("cannot run `typst compile`")?;
    let took = start.elapsed();
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stderr = stderr.replace(&format!("{}/", dir.path().display()), "");
        bail!(
            "typst could not compile the generated document (this is a bug in rapporteur or in a project template):\n{}",
            stderr.trim()
        );
    }
    let pdf = std::fs::read(&out_pdf).context("typst reported success but wrote no PDF")?;
    Ok((pdf, took))
}

/// Writes the fallback fonts into `dir`.
fn write_fonts(dir: &std::path::Path) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, bytes) in fonts::FALLBACKS {
        std::fs::write(dir.join(name), bytes)
            .with_context(|| format!("cannot write the font `{name}` for typst"))?;
    }
    Ok(())
}

/// The folder of fallback fonts every typst compilation of a run reads: in the user's cache
/// (`$XDG_CACHE_HOME/rapporteur`, else `~/.cache/rapporteur`), one folder per set of fonts,
/// written once (to a temporary folder, then renamed into place) and compared byte for byte
/// with the fonts in the binary once per run (about 3 MB read, where each compilation used to
/// write its own copy). A PDF is set in the fonts this binary carries,
/// never in a stale or altered copy; without a cache folder that can be written, each
/// compilation gets its own copy (3 MB written per PDF).
fn font_folder() -> Option<&'static std::path::Path> {
    static FOLDER: OnceLock<Option<std::path::PathBuf>> = OnceLock::new();
    FOLDER
        .get_or_init(|| {
            let cache = std::env::var_os("XDG_CACHE_HOME")
                .filter(|v| !v.is_empty())
                .map(std::path::PathBuf::from)
                .or_else(|| {
                    std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".cache"))
                })?;
            let root = cache.join("rapporteur");
            let dir = root.join(format!("fonts-{:016x}", fonts_fingerprint()));
            if fonts_intact(&dir) {
                return Some(dir);
            }
            std::fs::create_dir_all(&root).ok()?;
            let staging = tempfile::Builder::new()
                .prefix(".fonts-")
                .tempdir_in(&root)
                .ok()?;
            write_fonts(staging.path()).ok()?;
            // Another run may have put the same fonts in place meanwhile (the rename fails
            // onto a folder that is not empty): that copy is used if it is intact. A damaged
            // copy is left alone (a run may be reading it) and each compilation gets its own.
            // The staging folder is removed when dropped, unless it became the fonts' folder.
            match std::fs::rename(staging.path(), &dir) {
                Ok(()) => {
                    let _ = staging.keep();
                    Some(dir)
                }
                Err(_) => fonts_intact(&dir).then_some(dir),
            }
        })
        .as_deref()
}

/// Whether `dir` holds every fallback font, byte for byte as the binary carries it.
fn fonts_intact(dir: &std::path::Path) -> bool {
    fonts::FALLBACKS
        .iter()
        .all(|(name, bytes)| std::fs::read(dir.join(name)).is_ok_and(|b| b == *bytes))
}

/// A fingerprint of the fallback fonts (their names and bytes), naming their folder.
fn fonts_fingerprint() -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for (name, bytes) in fonts::FALLBACKS {
        name.hash(&mut h);
        bytes.hash(&mut h);
    }
    h.finish()
}

/// A generated Typst document: its body, applied to a template's function of the same kind
/// (`#show: publication.with(json("data.json"))`), and its JSON data.
pub struct Job {
    /// The path of its artifacts without the extension (`publication`, `submissions/cmw-kgz`).
    pub base: String,
    /// The template's function (`publication`, `submission`, `sheet`).
    pub function: &'static str,
    pub body: String,
    pub data: Vec<u8>,
    /// Other files it reads (the cover's images): name beside the source, and bytes.
    pub files: Vec<(String, Vec<u8>)>,
    /// Whether its data is an artifact of its own (audited, written with `build --keep-typst`):
    /// the publication's and a submission's are; a sheet's, its particulars only, is not.
    pub data_artifact: bool,
}

impl Job {
    /// The main file typst compiles: the template imported and applied, then the body.
    pub fn main(&self) -> String {
        format!(
            "#import \"template.typ\": *\n#show: {}.with(json(\"data.json\"))\n\n{}",
            self.function, self.body
        )
    }
}

/// Compiles several documents with one template, in parallel (one typst process per document,
/// as many at once as there are cores; the largest first), and hands each PDF to `done` as soon
/// as its process ends, while the others still compile. Returns the PDFs in the order of `jobs`,
/// and the wall-clock time typst took.
pub fn compile_all(
    jobs: &[Job],
    template: &str,
    timestamp: i64,
    done: &(dyn Fn(&Job, &[u8]) + Sync),
) -> Result<(Vec<Vec<u8>>, Duration)> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let start = Instant::now();
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 8);
    // The largest first: the last to end are short.
    let size = |job: &Job| template.len() + job.body.len() + job.data.len();
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&k| std::cmp::Reverse(size(&jobs[k])));
    let next = AtomicUsize::new(0);
    let results: Vec<Mutex<Option<Result<Vec<u8>>>>> =
        jobs.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..workers.min(jobs.len()) {
            s.spawn(|| {
                while let Some(&k) = order.get(next.fetch_add(1, Ordering::SeqCst)) {
                    let job = &jobs[k];
                    // Characters no font draws become `�` (reported by `check`): an archival
                    // PDF may not show an empty box.
                    let main = job.main();
                    let main = fonts::drawable(&main);
                    let data = String::from_utf8_lossy(&job.data);
                    let data = fonts::drawable(&data);
                    let mut files: Vec<(&str, &[u8])> = vec![
                        ("main.typ", main.as_bytes()),
                        ("template.typ", template.as_bytes()),
                        ("data.json", data.as_bytes()),
                    ];
                    files.extend(job.files.iter().map(|(n, b)| (n.as_str(), b.as_slice())));
                    let r = compile(&files, "main.typ", timestamp, size(job)).map(|(pdf, _)| pdf);
                    if let Ok(pdf) = &r {
                        done(job, pdf);
                    }
                    *results[k].lock().unwrap() = Some(r);
                }
            });
        }
    });
    let pdfs = results
        .into_iter()
        .map(|m| {
            m.into_inner()
                .unwrap()
                .unwrap_or_else(|| Err(anyhow::anyhow!("a document was not compiled")))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((pdfs, start.elapsed()))
}

/// The creation timestamp: `SOURCE_DATE_EPOCH` when set, else the given fallback (the report date).
pub fn creation_timestamp(fallback: i64) -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(fallback)
}
