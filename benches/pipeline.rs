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
    let protected = rapporteur::protect::matcher::of_report(&checked.report);
    bench("leak matcher, built once per run", || {
        black_box(rapporteur::protect::matcher::Matcher::new(&protected));
    });
    let matcher = rapporteur::protect::matcher::Matcher::new(&protected);
    bench("leak audit of the HTML page", || {
        black_box(audit::scan("publication.html", page.as_bytes(), &matcher));
    });
}
