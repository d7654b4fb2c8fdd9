//! The scale benchmark: generated projects of the flagship's shape (`support/synthetic.rs`) at
//! several sizes, each command of the release binary timed end to end with its peak memory, and
//! the check and HTML build split by stage in process.
//!
//! ```sh
//! cargo bench --bench scale                       # 100, 1,000, 5,000 and 20,000 findings
//! cargo bench --bench scale -- 100 1000 --full 1000   # chosen sizes; full builds up to 1,000
//! cargo bench --bench scale -- --generate DIR 5000    # only write a project (for profiling)
//! cargo bench --bench scale -- --generate DIR 5000 --one-per-file   # each record in its own file
//! cargo bench --bench scale -- --generate DIR 5000 --one-file   # each kind of record in one file
//! cargo bench --bench scale -- --generate DIR 5000 --cyrillic   # the text in Russian, in Cyrillic
//! cargo bench --bench scale -- 100 1000 --cyrillic      # the timed runs on Cyrillic projects
//! cargo bench --bench scale -- --stages DIR             # only the split by stage of a project
//! cargo bench --bench scale -- --project content        # a project's full build against typst alone
//! cargo bench --bench scale -- --project content --pairs 9   # the same, over nine pairs
//! cargo bench --bench scale -- --pdf-reading DIR          # the audit's two PDF readers on DIR's PDFs
//! ```
//!
//! Commands: `check`, `build --only html`, `recs` (Markdown, every recommendation), `audit`, and
//! the full `build` (PDFs by typst, Word) up to the `--full` size (default 1,000: typst lays out
//! a 20,000-finding publication of about 12,000 pages on its own time). For each full build the
//! Typst sources our build hands to typst are kept (through a wrapper named by
//! `RAPPORTEUR_TYPST`, in a build that is not timed) and compiled again by typst alone with the
//! same fonts and standards, as many at once as there are cores, the largest first (as the
//! build's queue orders them): the ratio of the timed builds to typst alone is our overhead. Times are wall-clock, one run each (the median of three
//! below 2,000 findings); memory is the maximum resident set size the kernel reports for the
//! process (`wait4`).

#[path = "support/synthetic.rs"]
mod synthetic;

use rapporteur::model::raw::Audience;
use rapporteur::protect::audit;
use rapporteur::view::publication as view;
use rapporteur::write::{html, templates::Templates, typst};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_rapporteur");

/// One run of the binary: wall time, CPU time (user and system), peak memory in KB, stdout.
struct Run {
    wall: Duration,
    cpu: Duration,
    kb: u64,
    stdout: String,
}

fn tv(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
}

fn run(args: &[&str], env: &[(&str, &str)]) -> Run {
    let start = Instant::now();
    let mut cmd = Command::new(BIN);
    cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let child = cmd.spawn().expect("run rapporteur");
    let pid = child.id() as libc::pid_t;
    // Read the output before reaping, so a full pipe cannot block the child.
    let out = std::thread::spawn(move || {
        use std::io::Read;
        let mut child = child;
        let mut s = String::new();
        if let Some(mut o) = child.stdout.take() {
            let _ = o.read_to_string(&mut s);
        }
        let mut e = String::new();
        if let Some(mut o) = child.stderr.take() {
            let _ = o.read_to_string(&mut e);
        }
        (s, e)
    });
    let mut status = 0;
    // SAFETY: a plain wait4 on our own child; the rusage is written by the kernel.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let took = start.elapsed();
    let (stdout, stderr) = out.join().unwrap_or_default();
    assert!(r == pid, "wait4 failed");
    let code = libc::WEXITSTATUS(status);
    assert!(
        code == 0,
        "rapporteur {} exited with {code}:\n{}",
        args.join(" "),
        stderr.lines().take(20).collect::<Vec<_>>().join("\n")
    );
    Run {
        wall: took,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
        kb: usage.ru_maxrss as u64,
        stdout,
    }
}

/// The run with the median CPU time of `reps`.
fn median_run(reps: usize, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut runs: Vec<_> = (0..reps).map(|_| run(args, env)).collect();
    runs.sort_by_key(|r| r.cpu);
    runs.swap_remove(reps / 2)
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms >= 10_000.0 {
        format!("{:.1} s", ms / 1000.0)
    } else if ms >= 1000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else {
        format!("{ms:.0} ms")
    }
}

fn mb(kb: u64) -> String {
    format!("{} MB", kb.div_ceil(1024))
}

/// The check and the HTML build split by stage, in process (one run): `check`'s stages up to the
/// consent purposes and word limits (as `check` takes them: learnt without building views, the
/// word-limited submissions counted), then the build's (every submission's view and HTML, the
/// publication's view, HTML and Typst source, the leak audit of its page).
fn stages(project: &Path) -> String {
    let mut parts = vec![];
    let mut t = Instant::now();
    let mut lap = |name: &str, parts: &mut Vec<String>| {
        parts.push(format!("{name} {}", ms(t.elapsed())));
        t = Instant::now();
    };
    let mut diags = rapporteur::diagnostic::Diagnostics::default();
    let files = rapporteur::load::load_project(project, &mut diags).expect("load");
    lap("load", &mut parts);
    let dataset = rapporteur::load_dataset(&files, &mut diags);
    lap("dataset", &mut parts);
    let report = rapporteur::resolve::resolve(&files, &dataset, &mut diags);
    lap("resolve", &mut parts);
    rapporteur::protect::check_sources(&files, &report, &mut diags);
    lap("protected names in sources", &mut parts);
    rapporteur::check_purposes(&report, &dataset, None);
    lap("consent purposes", &mut parts);
    let submissions: Vec<_> = report
        .outputs
        .iter()
        .filter_map(|o| match o {
            rapporteur::model::resolved::Output::Submission(s) => Some(s),
            _ => None,
        })
        .collect();
    for s in &submissions {
        rapporteur::measure::over_word_limit(&report, &dataset, s, Audience::Public);
    }
    lap("word limits", &mut parts);
    for s in &submissions {
        rapporteur::measure::submission(&report, &dataset, s, Audience::Public);
    }
    lap("submissions built (view and HTML)", &mut parts);
    let v = view::publication(&report, &dataset, Audience::Public);
    lap("view", &mut parts);
    let templates = Templates::load(&files.templates).expect("templates");
    let page = html::publication(&v, &templates).expect("html");
    lap("HTML", &mut parts);
    let source = typst::publication_body(&v);
    lap("Typst source", &mut parts);
    let scanner = audit::Scanner::new(&rapporteur::protect::protected_items(&report))
        .expect("the generated project protects names");
    let page = rapporteur::write::Artifact::shipped(
        "publication",
        rapporteur::model::raw::Format::Html,
        page,
    );
    let leaks = audit::scan(&page, &scanner);
    assert!(leaks.is_empty(), "the generated project leaks: {leaks:?}");
    lap("audit of the HTML page", &mut parts);
    drop(source);
    parts.join(", ")
}

/// A wrapper for `RAPPORTEUR_TYPST` that keeps a copy of each folder typst compiles, and the
/// folder of fonts it is given (`.font-path`).
fn typst_wrapper(dir: &Path, keep: &Path) -> PathBuf {
    let path = dir.join("typst-keep");
    let script = format!(
        "#!/bin/sh\n\
         # Keeps what rapporteur hands to typst, then runs typst.\n\
         prev=\"\"\n\
         for a in \"$@\"; do\n\
         \x20 if [ \"$prev\" = \"--root\" ]; then cp -r \"$a\" \"{keep}/$(basename \"$a\")\"; fi\n\
         \x20 if [ \"$prev\" = \"--font-path\" ]; then printf %s \"$a\" > \"{keep}/.font-path\"; fi\n\
         \x20 prev=\"$a\"\n\
         done\n\
         exec typst \"$@\"\n",
        keep = keep.display()
    );
    std::fs::write(&path, script).expect("write wrapper");
    Command::new("chmod")
        .arg("+x")
        .arg(&path)
        .status()
        .expect("chmod");
    path
}

/// The bytes of a kept folder's Typst sources and data: the size by which the build gives the
/// largest compilation waiting the next core.
fn sources_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter(|e| {
                    let p = e.path();
                    p.extension().is_some_and(|x| x == "typ" || x == "json")
                })
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// Compiles every kept folder with typst alone, as many at once as there are cores, the largest
/// first (the order the build's queue gives them).
fn typst_alone(keep: &Path) -> (Duration, usize) {
    let mut jobs: Vec<PathBuf> = std::fs::read_dir(keep)
        .expect("kept folders")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    // The same fonts as the build gave typst (its fallbacks, where it wrote them once).
    let fonts = std::fs::read_to_string(keep.join(".font-path")).ok();
    // Popped from the end: the largest last in the list.
    jobs.sort_by_key(|d| (sources_size(d), d.clone()));
    let n = jobs.len();
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    let queue = std::sync::Mutex::new(jobs);
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..cores {
            s.spawn(|| {
                loop {
                    let Some(dir) = queue.lock().unwrap().pop() else {
                        break;
                    };
                    let main = ["publication.typ", "submission.typ", "sheet.typ", "main.typ"]
                        .iter()
                        .map(|m| dir.join(m))
                        .find(|p| p.exists())
                        .or_else(|| {
                            std::fs::read_dir(&dir).ok()?.find_map(|e| {
                                let p = e.ok()?.path();
                                (p.extension()? == "typ").then_some(p)
                            })
                        })
                        .expect("a .typ file");
                    let ok = Command::new("typst")
                        .arg("compile")
                        .arg("--root")
                        .arg(&dir)
                        .arg("--ignore-system-fonts")
                        .args(fonts.iter().flat_map(|f| ["--font-path", f.as_str()]))
                        // The same standards as the build asks for (typst checks them).
                        .arg("--pdf-standard")
                        .arg("a-2b,ua-1")
                        .arg(&main)
                        .arg(dir.join("alone.pdf"))
                        .stderr(Stdio::null())
                        .status()
                        .map(|s| s.success())
                        .unwrap_or(false);
                    assert!(ok, "typst alone failed on {}", dir.display());
                }
            });
        }
    });
    (start.elapsed(), n)
}

/// The full build of a project (PDFs by typst, Word) against typst alone on the Typst sources
/// the build handed it: one build through the wrapper keeps the sources (not timed: the wrapper
/// copies them), then `pairs` timed pairs of a build and typst alone, side by side in time (the
/// build first in one pair, typst alone first in the next, so that a machine slowing down or
/// speeding up weighs on both), each pair's ratio printed; the figures are the medians.
fn full_build(root: &Path, project: &Path, name: &str, pairs: usize) {
    let out = root.join(format!("out-full-{name}"));
    let keep = root.join(format!("typst-{name}"));
    let wrapper = typst_wrapper(root, &keep);
    let build = [
        "build",
        project.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let _ = std::fs::remove_dir_all(&keep);
    std::fs::create_dir_all(&keep).unwrap();
    run(&build, &[("RAPPORTEUR_TYPST", wrapper.to_str().unwrap())]);
    let (mut builds, mut alone, mut ratios) = (vec![], vec![], vec![]);
    let mut jobs = 0;
    for k in 0..pairs.max(1) {
        let (b, (t, n)) = if k % 2 == 0 {
            let b = run(&build, &[]);
            (b, typst_alone(&keep))
        } else {
            let t = typst_alone(&keep);
            (run(&build, &[]), t)
        };
        ratios.push(b.wall.as_secs_f64() / t.as_secs_f64());
        builds.push(b);
        alone.push(t);
        jobs = n;
    }
    let pairs_line: Vec<String> = builds
        .iter()
        .zip(&alone)
        .zip(&ratios)
        .map(|((b, t), r)| format!("{} / {} = {r:.2}×", ms(b.wall), ms(*t)))
        .collect();
    builds.sort_by_key(|r| r.wall);
    alone.sort();
    ratios.sort_by(f64::total_cmp);
    let (r, alone_median) = (&builds[builds.len() / 2], alone[alone.len() / 2]);
    println!(
        "| build (full) | {} | {} (typst included) | {} (the largest of rapporteur and its typst processes) |",
        ms(r.wall),
        ms(r.cpu),
        mb(r.kb)
    );
    if let Some(line) = r.stdout.lines().find(|l| l.starts_with("built in")) {
        println!("|   ↳ {line} | | | |");
    }
    println!(
        "| typst alone on the same sources ({jobs} compilations) | {} | | |",
        ms(alone_median)
    );
    println!(
        "|   ↳ full build / typst alone, pair by pair | {} | | |",
        pairs_line.join("; ")
    );
    println!(
        "|   ↳ full build / typst alone, the median of {} pairs (lowest, highest) | {:.2}× ({:.2}×, {:.2}×) | | |",
        ratios.len(),
        ratios[ratios.len() / 2],
        ratios[0],
        ratios[ratios.len() - 1]
    );
}

fn bench_size(root: &Path, n: usize, full: bool, script: synthetic::Script) {
    let cyrillic = script == synthetic::Script::Cyrillic;
    let project = root.join(format!("p{n}{}", if cyrillic { "-cyrillic" } else { "" }));
    let t = Instant::now();
    let c = synthetic::generate_in(&project, n, 17, script).expect("generate");
    println!(
        "\n## {n} findings{}: {} testimonies, {} recommendations, {} documents, {} meetings, {} addressees, {} words of findings (generated in {})",
        if cyrillic { " in Cyrillic" } else { "" },
        c.testimonies,
        c.recommendations,
        c.documents,
        c.meetings,
        c.addressees,
        c.words,
        ms(t.elapsed())
    );
    let reps = if n < 2000 { 3 } else { 1 };
    let p = project.to_str().unwrap();
    let out = root.join(format!("out{n}{}", if cyrillic { "-cyrillic" } else { "" }));
    let o = out.to_str().unwrap();
    let rows: Vec<(&str, Vec<&str>)> = vec![
        ("check", vec!["check", p, "--format", "short"]),
        (
            "build --only html",
            vec!["build", p, "--out", o, "--only", "html"],
        ),
        ("recs (md)", vec!["recs", p, "--format", "md"]),
        ("audit", vec!["audit", p]),
    ];
    println!("| command | wall | CPU | peak memory |\n| --- | --- | --- | --- |");
    for (name, args) in &rows {
        let r = median_run(reps, args, &[]);
        println!("| {name} | {} | {} | {} |", ms(r.wall), ms(r.cpu), mb(r.kb));
        if name.starts_with("build")
            && let Some(line) = r.stdout.lines().find(|l| l.starts_with("built in"))
        {
            println!("|   ↳ {line} | | | |");
        }
    }
    if full {
        let name = format!("{n}{}", if cyrillic { "-cyrillic" } else { "" });
        full_build(root, &project, &name, 3);
    }
    println!("\nstages (in process, one run): {}", stages(&project));
}

/// This thread's CPU time (user and system) so far.
fn thread_cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for the call to write into.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// The leak audit's reading of every PDF under `dir` (a build's output), by the reader that
/// reads objects in place and by lopdf: the CPU each takes (the least of five rounds, on one
/// thread), and whether they read the same text.
fn pdf_reading(dir: &Path) {
    use rapporteur::protect::pdf_text::{fast_text, lopdf_text};
    let pdfs: Vec<Vec<u8>> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .map(|e| std::fs::read(e.path()).expect("read a PDF"))
        .collect();
    let bytes: usize = pdfs.iter().map(Vec::len).sum();
    let time = |read: &dyn Fn(&[u8]) -> Option<String>| {
        (0..5)
            .map(|_| {
                let start = thread_cpu();
                for p in &pdfs {
                    std::hint::black_box(read(p));
                }
                thread_cpu() - start
            })
            .min()
            .unwrap_or_default()
    };
    let lopdf = time(&|p| Some(lopdf_text(p)));
    let fast = time(&fast_text);
    let read_fast = pdfs.iter().filter(|p| fast_text(p).is_some()).count();
    let same = pdfs
        .iter()
        .filter(|p| fast_text(p).is_none_or(|t| t == lopdf_text(p)))
        .count();
    println!(
        "{} PDFs ({:.1} MB): lopdf {}, in place {} ({} read in place, {} the same text)",
        pdfs.len(),
        bytes as f64 / 1e6,
        ms(lopdf),
        ms(fast),
        read_fast,
        same
    );
}

fn main() {
    let mut args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    // The running text in Russian, in Cyrillic, for a project written as the users write theirs.
    let script = if args.iter().any(|a| a == "--cyrillic") {
        synthetic::Script::Cyrillic
    } else {
        synthetic::Script::Latin
    };
    if args.first().map(String::as_str) == Some("--generate") {
        let dir = PathBuf::from(&args[1]);
        let n: usize = args[2].parse().expect("a number of findings");
        let c = synthetic::generate_in(&dir, n, 17, script).expect("generate");
        println!("{c:?}");
        if args.iter().any(|a| a == "--one-per-file") {
            let files = synthetic::one_record_per_file(&dir).expect("one record per file");
            println!("{files} files of one testimony or recommendation");
        }
        if args.iter().any(|a| a == "--one-file") {
            let [t, r] = synthetic::one_file_per_kind(&dir).expect("one file per kind");
            println!("testimonies in one file of {t} bytes, recommendations in one of {r}");
        }
        return;
    }
    if args.first().map(String::as_str) == Some("--project") {
        let root = tempfile::tempdir().expect("temporary folder");
        println!("| command | wall | CPU | peak memory |\n| --- | --- | --- | --- |");
        let pairs = args
            .iter()
            .position(|a| a == "--pairs")
            .map_or(3, |i| args[i + 1].parse().expect("--pairs N"));
        full_build(root.path(), Path::new(&args[1]), "project", pairs);
        return;
    }
    if args.first().map(String::as_str) == Some("--pdf-reading") {
        pdf_reading(Path::new(&args[1]));
        return;
    }
    if args.first().map(String::as_str) == Some("--stages") {
        println!("{}", stages(Path::new(&args[1])));
        return;
    }
    let mut full_max = 1000;
    if let Some(i) = args.iter().position(|a| a == "--full") {
        full_max = args[i + 1].parse().expect("--full N");
        args.drain(i..i + 2);
    }
    let mut sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    if sizes.is_empty() {
        sizes = vec![100, 1000, 5000, 20000];
    }
    let root = tempfile::tempdir().expect("temporary folder");
    println!(
        "rapporteur scale benchmark: {} cores, release build",
        std::thread::available_parallelism().map_or(1, |c| c.get())
    );
    for n in sizes {
        bench_size(root.path(), n, n <= full_max, script);
    }
}
