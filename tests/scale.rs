//! The generator of the scale benchmark (`benches/support/synthetic.rs`) makes projects that
//! `check` accepts, so that the benchmark times real work and not error reporting.

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

/// A generated project of 30 findings checks with no problem but its uncited internal
/// testimonies, and its report holds what was generated.
fn checks_with_only_uncited_internal_testimonies(dir: &std::path::Path, counts: synthetic::Counts) {
    assert_eq!(counts.findings, 30);
    assert_eq!(counts.recommendations, 150);
    let checked = rapporteur::check(dir).unwrap();
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
fn a_generated_project_checks_without_errors_and_warns_only_of_uncited_internal_testimonies() {
    let dir = tempfile::tempdir().unwrap();
    let counts = synthetic::generate(dir.path(), 30, 17).unwrap();
    checks_with_only_uncited_internal_testimonies(dir.path(), counts);
}

/// A project written in Russian, in Cyrillic with Kazakh and Kyrgyz words (as the users' are),
/// checks as the English one does, and its public HTML build passes the leak audit: no running
/// word, transliterated, reads as a protected name.
#[test]
fn a_generated_cyrillic_project_checks_without_errors_and_builds_its_public_html() {
    let dir = tempfile::tempdir().unwrap();
    let counts = synthetic::generate_in(dir.path(), 30, 17, synthetic::Script::Cyrillic).unwrap();
    checks_with_only_uncited_internal_testimonies(dir.path(), counts);
    let out = tempfile::tempdir().unwrap();
    let build = std::process::Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .arg("build")
        .arg(dir.path())
        .arg("--out")
        .arg(out.path())
        .args(["--only", "html"])
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
}

/// The Cyrillic project's running text is Cyrillic (its ids, keys and references are not), with
/// Kazakh and Kyrgyz letters in some words, and its testimonies are in Russian.
#[test]
fn a_generated_cyrillic_project_is_written_in_cyrillic() {
    let dir = tempfile::tempdir().unwrap();
    synthetic::generate_in(dir.path(), 30, 17, synthetic::Script::Cyrillic).unwrap();
    let finding = std::fs::read_to_string(dir.path().join("findings/f00003.md")).unwrap();
    let body = finding.splitn(3, "---\n").nth(2).unwrap();
    let letters = body.chars().filter(|c| c.is_alphabetic());
    let (cyrillic, all) = letters.fold((0, 0), |(c, a), ch| {
        (
            c + usize::from(('\u{400}'..='\u{4FF}').contains(&ch)),
            a + 1,
        )
    });
    assert!(
        cyrillic * 10 > all * 9,
        "{cyrillic} of {all} letters: {body}"
    );
    let testimonies =
        std::fs::read_to_string(dir.path().join("testimonies/batch-0000.yaml")).unwrap();
    assert!(testimonies.chars().any(|c| "әғқңөұүһі".contains(c)));
    assert!(testimonies.contains("language: ru") && !testimonies.contains("language: ky"));
    let report = std::fs::read_to_string(dir.path().join("report.yaml")).unwrap();
    assert!(report.contains("language: ru"));
    // The English project is unchanged by the option.
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    synthetic::generate(a.path(), 12, 5).unwrap();
    synthetic::generate_in(b.path(), 12, 5, synthetic::Script::Latin).unwrap();
    for f in ["findings/f00007.md", "testimonies/batch-0000.yaml"] {
        assert_eq!(
            std::fs::read(a.path().join(f)).unwrap(),
            std::fs::read(b.path().join(f)).unwrap(),
            "{f}"
        );
    }
}

/// The codes of a check's diagnostics, sorted (two layouts name other files and lines).
fn codes(c: &rapporteur::Checked) -> Vec<&str> {
    let mut v: Vec<&str> = c.diagnostics.iter().map(|d| d.code).collect();
    v.sort();
    v
}

#[test]
fn a_project_kept_one_record_per_file_checks_as_the_same_project_kept_in_batches() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    synthetic::generate(a.path(), 12, 5).unwrap();
    let counts = synthetic::generate(b.path(), 12, 5).unwrap();
    let files = synthetic::one_record_per_file(b.path()).unwrap();
    assert_eq!(files, counts.testimonies + counts.recommendations);
    let (batches, single) = (
        rapporteur::check(a.path()).unwrap(),
        rapporteur::check(b.path()).unwrap(),
    );
    fn ids(c: &rapporteur::Checked) -> (Vec<&str>, Vec<&str>) {
        let mut t: Vec<&str> = c.report.testimonies.iter().map(|t| t.id.as_str()).collect();
        let mut r: Vec<&str> = c
            .report
            .recommendations
            .iter()
            .map(|r| r.id.as_str())
            .collect();
        t.sort_unstable();
        r.sort_unstable();
        (t, r)
    }
    assert_eq!(ids(&batches), ids(&single));
    assert_eq!(codes(&batches), codes(&single));
}

/// A project keeping each kind of record in one long list (its testimonies' file over the 2 MiB
/// from which a list is read in parts, on every core) checks as the same project kept in batches.
#[test]
fn a_project_kept_in_one_file_per_kind_checks_as_the_same_project_kept_in_batches() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    synthetic::generate(a.path(), 1100, 5).unwrap();
    synthetic::generate(b.path(), 1100, 5).unwrap();
    let [testimonies, _] = synthetic::one_file_per_kind(b.path()).unwrap();
    assert!(testimonies > 2 << 20, "{testimonies} bytes");
    let (batches, one) = (
        rapporteur::check(a.path()).unwrap(),
        rapporteur::check(b.path()).unwrap(),
    );
    assert_eq!(
        batches.report.testimonies.len(),
        one.report.testimonies.len()
    );
    assert_eq!(
        batches.report.recommendations.len(),
        one.report.recommendations.len()
    );
    // Each testimony at the line of its id in the one file, wherever its part starts.
    let text = std::fs::read_to_string(b.path().join("testimonies/all.yaml")).unwrap();
    let id_lines: std::collections::HashMap<&str, u32> = text
        .lines()
        .zip(1..)
        .filter_map(|(l, n)| Some((l.strip_prefix("- id: ")?, n)))
        .collect();
    for t in &one.report.testimonies {
        assert_eq!(Some(&t.line), id_lines.get(t.id.as_str()), "{}", t.id);
    }
    assert_eq!(codes(&batches), codes(&one));
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

#[cfg(target_os = "linux")]
#[test]
fn the_binary_asks_its_allocator_for_no_transparent_huge_pages_unless_told_otherwise() {
    // mimalloc prints its options when asked to be verbose: ours is set before it reads them,
    // and under the right number (a renumbering in a new mimalloc would show here).
    let option = |env: &[(&str, &str)]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_rapporteur"))
            .arg("--version")
            .env("MIMALLOC_VERBOSE", "1")
            .envs(env.iter().copied())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        stderr
            .lines()
            .find(|l| l.starts_with("option 'allow_thp'"))
            .map(str::trim_end)
            .map(str::to_owned)
    };
    assert_eq!(option(&[]).as_deref(), Some("option 'allow_thp': 0"));
    assert_eq!(
        option(&[("MIMALLOC_ALLOW_THP", "1")]).as_deref(),
        Some("option 'allow_thp': 1")
    );
}
