//! The generator of the scale benchmark (`benches/support/synthetic.rs`) makes projects that
//! `check` accepts, so that the benchmark times real work and not error reporting.

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

#[test]
fn a_generated_project_checks_without_errors_and_warns_only_of_uncited_internal_testimonies() {
    let dir = tempfile::tempdir().unwrap();
    let counts = synthetic::generate(dir.path(), 30, 17).unwrap();
    assert_eq!(counts.findings, 30);
    assert_eq!(counts.recommendations, 150);
    let checked = rapporteur::check(dir.path()).unwrap();
    let problems: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code != "unused-testimony")
        .map(|d| {
            format!(
                "{}:{}: {} {}",
                d.location.file, d.location.line, d.code, d.message
            )
        })
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(checked.report.findings.len(), 30);
    assert_eq!(checked.report.testimonies.len(), counts.testimonies);
}

#[test]
fn the_same_size_and_seed_give_the_same_files() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    synthetic::generate(a.path(), 12, 5).unwrap();
    synthetic::generate(b.path(), 12, 5).unwrap();
    for f in [
        "report.yaml",
        "findings/f00007.md",
        "testimonies/batch-0000.yaml",
        "recommendations/batch-0000.yaml",
        "sources.yaml",
    ] {
        assert_eq!(
            std::fs::read(a.path().join(f)).unwrap(),
            std::fs::read(b.path().join(f)).unwrap(),
            "{f}"
        );
    }
}
