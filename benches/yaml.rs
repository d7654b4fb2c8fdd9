//! The cost of parsing a project's YAML (`cargo bench --bench yaml -- DIR`): every testimony and
//! recommendation file, `sources.yaml`, the findings' front matter and `report.yaml`, parsed into
//! the raw model on one thread, each kind timed on its own (the median of a few rounds). Run it on
//! a generated project (`cargo bench --bench scale -- --generate DIR N`).

use rapporteur::diagnostic::Diagnostics;
use rapporteur::model::raw;
use rapporteur::parse::{frontmatter, yaml};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The files of one kind under `dir` (a folder's `*.yaml` or `*.md`, or one file).
fn files(dir: &Path, ext: &str) -> Vec<(String, String)> {
    let mut paths: Vec<PathBuf> = if dir.is_dir() {
        std::fs::read_dir(dir)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default()
    } else {
        vec![dir.to_path_buf()]
    };
    paths.retain(|p| p.extension().is_some_and(|e| e == ext));
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| Some((p.display().to_string(), std::fs::read_to_string(&p).ok()?)))
        .collect()
}

/// Times `f` over the files: the median of a few rounds, with the files' total size.
fn time(name: &str, files: &[(String, String)], f: impl Fn(&str, &str, &mut Diagnostics)) {
    if files.is_empty() {
        return;
    }
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let mut rounds = vec![];
    let start = Instant::now();
    while rounds.len() < 3 || (start.elapsed() < Duration::from_secs(2) && rounds.len() < 9) {
        let t = Instant::now();
        let mut d = Diagnostics::default();
        for (path, text) in files {
            f(path, text, &mut d);
        }
        rounds.push(t.elapsed());
        assert!(d.is_empty(), "{name}: the files do not parse");
    }
    rounds.sort();
    let median = rounds[rounds.len() / 2].as_secs_f64();
    println!(
        "{name:<28} {:>9.1} ms  {:>7.1} MB  {:>6.1} MB/s  (median of {}, {} files)",
        median * 1000.0,
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / median,
        rounds.len(),
        files.len()
    );
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let dir = match args.first() {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
    };
    time(
        "testimonies",
        &files(&dir.join("testimonies"), "yaml"),
        |p, t, d| {
            black_box(yaml::parse_list::<raw::Testimony>(p, t, d));
        },
    );
    time(
        "recommendations",
        &files(&dir.join("recommendations"), "yaml"),
        |p, t, d| {
            black_box(yaml::parse_list::<raw::Recommendation>(p, t, d));
        },
    );
    time(
        "sources.yaml",
        &files(&dir.join("sources.yaml"), "yaml"),
        |p, t, d| {
            black_box(yaml::parse::<raw::SourcesFile>(p, t, 0, d));
        },
    );
    time(
        "findings' front matter",
        &files(&dir.join("findings"), "md"),
        |p, t, d| {
            let front = frontmatter::split(t)
                .ok()
                .and_then(|s| s.front)
                .unwrap_or("");
            black_box(yaml::parse::<raw::FindingFront>(p, front, 1, d));
        },
    );
    time(
        "report.yaml",
        &files(&dir.join("report.yaml"), "yaml"),
        |p, t, d| {
            black_box(yaml::parse::<raw::Manifest>(p, t, 0, d));
        },
    );
}
