//! Benchmarks of the pipeline's stages on the flagship project (`cargo bench`). A small harness
//! of our own (no extra dependency): each stage runs a few warm-up rounds, then is timed over
//! enough rounds to last about a second, and the median round is printed. Typst is not included:
//! it is an outside process (see `rapporteur build`'s own timing line).

use rapporteur::model::raw::Audience;
use rapporteur::protect::audit;
use rapporteur::view::publication as view;
use rapporteur::write::{html, templates::Templates, typst};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

fn bench(name: &str, mut f: impl FnMut()) {
    for _ in 0..3 {
        f();
    }
    let mut rounds = vec![];
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(1) || rounds.len() < 5 {
        let t = Instant::now();
        f();
        rounds.push(t.elapsed());
    }
    rounds.sort();
    let median = rounds[rounds.len() / 2];
    println!(
        "{name:<34} {:>9.2} ms  (median of {} rounds)",
        median.as_secs_f64() * 1000.0,
        rounds.len()
    );
}

fn main() {
    let project = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    bench("dataset: load the built-in one", || {
        let mut d = rapporteur::diagnostic::Diagnostics::default();
        black_box(rapporteur::conventions::Dataset::builtin(&mut d));
    });
    bench("check content (load+parse+resolve)", || {
        black_box(rapporteur::check(&project).unwrap());
    });
    let checked = rapporteur::check(&project).unwrap();
    let templates = Templates::load(&[]).unwrap();
    bench("view model (public)", || {
        black_box(view::publication(
            &checked.report,
            &checked.dataset,
            Audience::Public,
        ));
    });
    let v = view::publication(&checked.report, &checked.dataset, Audience::Public);
    bench("HTML page", || {
        black_box(html::publication(&v, &templates).unwrap());
    });
    bench("Typst source", || {
        black_box(typst::publication_body(&v));
    });
    let page = html::publication(&v, &templates).unwrap();
    let protected = rapporteur::protect::protected_items(&checked.report);
    bench("leak matcher, built once per run", || {
        black_box(rapporteur::protect::matcher::Matcher::new(&protected));
    });
    let scanner = audit::Scanner::new(&protected).expect("the flagship protects names");
    let page = rapporteur::write::Artifact::shipped(
        "publication",
        rapporteur::model::raw::Format::Html,
        page,
    );
    bench("leak audit of the HTML page", || {
        black_box(audit::scan(&page, &scanner));
    });
    // `rapporteur watch`: the HTML publication rebuilt after a one-file edit of the flagship
    // (read the project, resolve, render the HTML, audit it, write it), on a copy of content/.
    let copy = tempfile::tempdir().unwrap();
    copy_dir(&project, copy.path());
    let mut session = rapporteur::commands::watch::Session::new(copy.path(), None);
    session.rebuild().unwrap();
    let finding = copy.path().join("findings/registration-barriers.md");
    let text = std::fs::read_to_string(&finding).unwrap();
    let mut round = 0u64;
    bench("watch: HTML after a one-file edit", || {
        round += 1;
        std::fs::write(&finding, format!("{text}\nEdit {round}.\n")).unwrap();
        let outcome = session.rebuild().unwrap();
        assert!(outcome.html.is_some());
        black_box(outcome);
    });
}

/// Copies a project folder (without its `out/`).
fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        if rel.starts_with("out") {
            continue;
        }
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}
