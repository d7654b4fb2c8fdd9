//! Received recommendations: UN symbols and paragraph numbers, `received/` files checked with
//! positions, the importers (UPR Info, OHCHR, concluding observations, IMPACT OSS) with their
//! reports, the UPR Info round trip, and `uptake` accepting UPR documents.

mod harness;

use harness::{Project, fixture_path, rapporteur};

fn import(file: &str, format: &str, extra: &[&str]) -> harness::Run {
    import_path(&fixture_path(&format!("received/{file}")), format, extra)
}

fn import_path(path: &std::path::Path, format: &str, extra: &[&str]) -> harness::Run {
    let mut args = vec![
        "received".to_string(),
        "import".into(),
        path.display().to_string(),
        "--format".into(),
        format.into(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    rapporteur(&args)
}

/// A received file for the base fixture project (KGZ, finding `f-one`... whatever it holds).
const RECEIVED: &str = r#"document: A/HRC/43/10
state: KAZ
cycle: 3
session: 34
responses: A/HRC/43/10/Add.1
recommendations:
  - paragraph: "140.12"
    text: "Fixture: strengthen the labour inspection"
    by: [DEU]
    response: supported
    themes: [forced-labour]
    sdg: ["8.8"]
"#;

#[test]
fn upr_info_csv_is_imported_with_a_report() {
    let run = import("upr-info.csv", "upr-info", &["--symbol", "A/HRC/43/10"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains("recognised 4 recommendations: 4 with a paragraph number, 4 with recommending states, 4 with a response"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("nothing left unrecognised"),
        "{}",
        run.stderr
    );
    for want in [
        "document: \"A/HRC/43/10\"",
        "state: \"KAZ\"",
        "cycle: 3",
        "session: 34",
        "  - paragraph: \"140.1\"",
        "    by: [\"GHA\", \"URY\"]",
        "    response: noted",
        "    action: 4",
        "\\\"without\\\"",
    ] {
        assert!(run.stdout.contains(want), "no `{want}` in\n{}", run.stdout);
    }
}

#[test]
fn upr_info_rows_name_states_by_short_and_former_names() {
    // UPR Info's exports (and research datasets built on them) name states by short or former
    // names, and the state under review in a `To` column.
    let run = import(
        "upr-info-short-names.csv",
        "upr-info",
        &["--symbol", "A/HRC/28/10", "--cycle", "2"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("state: \"KAZ\""), "{}", run.stdout);
    for code in ["TUR", "IRN", "USA", "BIH"] {
        assert!(
            run.stdout.contains(&format!("by: [\"{code}\"]")),
            "no {code} in\n{}",
            run.stdout
        );
    }
    assert!(
        run.stderr
            .contains("line 6: unknown recommending state `Atlantis`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("recognised 4 recommendations"),
        "{}",
        run.stderr
    );
}

#[test]
fn upr_info_table_read_and_written_back_is_the_same_table() {
    // Through the whole path: CSV -> received/ YAML -> checked project -> CSV.
    let p = Project::base();
    let out = p.path().join("received/upr-3.yaml");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let run = import(
        "upr-info.csv",
        "upr-info",
        &[
            "--symbol",
            "A/HRC/43/10",
            "--out",
            &out.display().to_string(),
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let export = rapporteur(["received", "export", &p.path().display().to_string()]);
    assert_eq!(export.code, Some(0), "{}\n{}", export.stdout, export.stderr);
    let table = |t: &str| {
        let mut rd = csv::ReaderBuilder::new().from_reader(t.as_bytes());
        let mut rows = vec![
            rd.headers()
                .unwrap()
                .iter()
                .map(String::from)
                .collect::<Vec<_>>(),
        ];
        rows.extend(
            rd.records()
                .map(|r| r.unwrap().iter().map(String::from).collect()),
        );
        rows
    };
    let original = std::fs::read_to_string(fixture_path("received/upr-info.csv")).unwrap();
    let mut written = table(&export.stdout);
    // The export writes the document column too; the original had none.
    let doc = written[0].iter().position(|h| h == "Document").unwrap();
    for row in &mut written {
        row.remove(doc);
    }
    let mut original = table(&original);
    // Same columns, possibly in rapporteur's order: compare by header.
    let order: Vec<usize> = written[0]
        .iter()
        .map(|h| original[0].iter().position(|o| o == h).expect(h))
        .collect();
    for row in &mut original {
        *row = order.iter().map(|&i| row[i].clone()).collect();
    }
    assert_eq!(written, original);
}

#[test]
fn ohchr_thematic_list_reads_states_positions_themes_groups_and_sdgs() {
    let run = import(
        "ohchr-thematic-list.txt",
        "ohchr",
        &["--symbol", "A/HRC/43/10"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let out = &run.stdout;
    for want in [
        "state: \"KAZ\"",
        "cycle: 3",
        "session: 34",
        "responses: \"A/HRC/43/10/Add.1\"",
        "  - paragraph: \"140.1\"",
        "Members of Their Families\"",
        "    by: [\"GHA\", \"URY\"]",
        "    response: noted",
        "    issues: [\"Acceptance of international norms\", \"Migrants\"]",
        "    groups: [\"migrants\"]",
        "    sdg: [\"10\"]",
        "  - paragraph: \"140.2\"\n    text: \"Fixture: ratify the Convention (Ukraine); Fixture: consider ratifying the Convention\"\n    by: [\"UKR\", \"SVK\"]",
        "    by: [\"VEN\"]",
        "    groups: [\"migrants\", \"persons living in rural areas\"]",
        "    sdg: [\"16\"]",
    ] {
        assert!(out.contains(want), "no `{want}` in\n{out}");
    }
    assert!(
        run.stderr.contains("recognised 3 recommendations"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("line 34: no SDG target read (`SDG 8.7`): SDG target unknown"),
        "{}",
        run.stderr
    );
}

#[test]
fn concluding_observations_give_one_recommendation_per_sub_paragraph() {
    let run = import("observations.txt", "observations", &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let out = &run.stdout;
    for want in [
        "document: \"CCPR/C/KAZ/CO/2\"",
        "state: \"KAZ\"",
        "  - paragraph: \"34(a)\"",
        "  - paragraph: \"34(b)\"",
        "  - paragraph: \"35\"",
        "issues: [\"Trafficking in persons and forced labour\"]",
        "issues: [\"Migrant workers\"]",
        "(b) Increase the number of labour inspectors",
    ] {
        assert!(out.contains(want), "no `{want}` in\n{out}");
    }
    assert!(!out.contains("paragraph: \"33\""), "{out}");
    assert!(
        run.stderr.contains("recognised 3 recommendations"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("paragraph 33: a concern, not a recommendation"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("paragraph 1: no recommendation"),
        "{}",
        run.stderr
    );
}

#[test]
fn impact_oss_csv_reads_reference_title_and_acceptance() {
    let run = import("impact.csv", "impact", &["--symbol", "A/HRC/43/10"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout.contains("  - paragraph: \"140.12\""),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("response: supported"), "{}", run.stdout);
    assert!(run.stdout.contains("response: noted"), "{}", run.stdout);
    assert!(
        run.stderr.contains("recognised 2 recommendations"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("`not-a-number` is not a paragraph number"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("the government's comment on its response"),
        "{}",
        run.stderr
    );
}

#[test]
fn imported_file_is_never_overwritten() {
    let p = Project::base();
    p.write("received/upr.yaml", "kept");
    let out = p.path().join("received/upr.yaml");
    let run = import(
        "upr-info.csv",
        "upr-info",
        &[
            "--symbol",
            "A/HRC/43/10",
            "--out",
            &out.display().to_string(),
        ],
    );
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("does not overwrite"), "{}", run.stderr);
    assert_eq!(p.read("received/upr.yaml"), "kept");
}

#[test]
fn received_files_are_checked_with_positions_and_suggestions() {
    let p = Project::base();
    let findings: Vec<String> = std::fs::read_dir(p.path().join("findings"))
        .unwrap()
        .map(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .trim_end_matches(".md")
                .to_string()
        })
        .collect();
    let finding = &findings[0];
    p.write(
        "received/bad.yaml",
        "document: A/HRC/43\nstate: KAZ\nrecommendations:\n  - paragraph: \"140.x\"\n    text: \"Fixture\"\n",
    );
    p.write(
        "received/cescr.yaml",
        format!(
            r#"document: E/C.12/KGZ/CO/2
state: KAZ
recommendations:
  - paragraph: "23(a)"
    text: "Fixture: a recommendation"
    by: [DEU]
    sdg: ["18.1"]
    themes: [forced-labur]
    assessment:
      status: implemented
      findings: [{finding}x]
  - paragraph: "23 (a)"
    text: "Fixture: the same number again"
    assessment: {{status: no-information}}
"#
        ),
    );
    let run = p.check();
    let out = &run.stdout;
    for want in [
        "received/bad.yaml:1:11: error: `A/HRC/43` is not a Human Rights Council symbol",
        "received/cescr.yaml:2:8: error: `E/C.12/KGZ/CO/2` concerns KGZ, not KAZ",
        "received/cescr.yaml:6:10: error: `by:` names the recommending states of UPR recommendations",
        "received/cescr.yaml:7:11: error: `18.1` is not an SDG goal or target",
        "did you mean `forced-labour`?",
        &format!("unknown finding `{finding}x`; did you mean `{finding}`?"),
        "received/cescr.yaml:10:15: error: an assessment gives a short `reason:`",
        "received/cescr.yaml:12:16: error: paragraph 23(a) is already listed at line 4",
    ] {
        assert!(out.contains(want), "no `{want}` in\n{out}");
    }
    assert_eq!(run.code, Some(1));
}

#[test]
fn an_assessment_of_a_ratification_rests_on_the_dataset_and_must_agree_with_it() {
    // The dataset records Kazakhstan as not a party to the ICRMW: `not-implemented` is shown by
    // it, `implemented` contradicts it, and an unknown instrument gets a suggestion.
    let p = Project::base();
    p.write(
        "received/upr.yaml",
        r#"document: A/HRC/28/10
state: KAZ
cycle: 2
recommendations:
  - paragraph: "124.1"
    text: "Fixture: ratify the ICRMW"
    by: [EGY]
    response: noted
    assessment:
      status: not-implemented
      ratification: ICRMW
      reason: "Fixture: not a party."
  - paragraph: "124.2"
    text: "Fixture: ratify the ICRMW"
    by: [IDN]
    response: noted
    assessment:
      status: implemented
      ratification: ICRMW
      reason: "Fixture: said to be a party."
  - paragraph: "124.3"
    text: "Fixture: ratify a convention that does not exist"
    by: [IDN]
    response: noted
    assessment:
      status: not-implemented
      ratification: ICRMV
      reason: "Fixture."
"#,
    );
    let run = p.check();
    let out = &run.stdout;
    assert!(!out.contains("received/upr.yaml:11:"), "{out}");
    assert!(!out.contains("received/upr.yaml:10:"), "{out}");
    for want in [
        "received/upr.yaml:19:21: error: the dataset records KAZ as not a party to ICRMW, which does not show `implemented`",
        "received/upr.yaml:27:21: error: unknown instrument `ICRMV`; did you mean `ICRMW`?",
    ] {
        assert!(out.contains(want), "no `{want}` in\n{out}");
    }
    assert_eq!(run.code, Some(1));
}

#[test]
fn recommendations_under_review_without_assessment_are_warned_about() {
    let p = Project::base();
    p.write("received/upr-3.yaml", RECEIVED);
    // An older cycle is not under review: no warning for it.
    p.write(
        "received/upr-2.yaml",
        RECEIVED
            .replace("A/HRC/43/10", "A/HRC/28/10")
            .replace("cycle: 3", "cycle: 2"),
    );
    let run = p.check();
    assert!(
        run.stdout.contains("received/upr-3.yaml:8:11: warning: A/HRC/43/10 para. 140.12 has no assessment, and its implementation is under review"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("A/HRC/28/10 para"), "{}", run.stdout);
    assert!(
        run.stdout.contains("2 received recommendations"),
        "{}",
        run.stdout
    );
}

#[test]
fn uptake_accepts_upr_outcome_symbols_and_numbering() {
    let project = harness::repo().join("examples/uptake");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("upr.txt");
    std::fs::write(
        &file,
        "145.12 Fixture: make the confiscation of identity documents by employers an offence (Ghana);\n145.13 Fixture: ensure urgent medical care for every worker (Chile);\n",
    )
    .unwrap();
    let run = rapporteur([
        "uptake",
        &project.display().to_string(),
        "--match",
        &file.display().to_string(),
        "--symbol",
        "A/HRC/55/13",
        "--threshold",
        "0.05",
    ]);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("2 paragraphs of A/HRC/55/13"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("145.12"), "{}", run.stdout);
}

#[test]
fn uptake_that_finds_nothing_says_which_threshold_would() {
    let project = harness::repo().join("examples/uptake");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("co.txt");
    std::fs::write(
        &file,
        "23. Fixture: the Committee recommends that the State party punish employers who keep identity documents.\n",
    )
    .unwrap();
    let run = rapporteur([
        "uptake",
        &project.display().to_string(),
        "--match",
        &file.display().to_string(),
        "--threshold",
        "0.99",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout
            .contains("no pair scores 0.99 or more; the best score"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("`--threshold 0."), "{}", run.stdout);
    assert!(run.stdout.contains("paragraph 23)"), "{}", run.stdout);
}

#[test]
fn uptake_counts_both_directions() {
    let run = rapporteur(["uptake", "examples/uptake"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("all bodies"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("How the state acted on the recommendations it received:"),
        "{}",
        run.stdout
    );
    let csv = rapporteur(["uptake", "examples/uptake", "--received", "--format", "csv"]);
    assert_eq!(csv.code, Some(0), "{}", csv.stderr);
    let rows: Vec<&str> = csv.stdout.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        rows[0],
        "document,body,state,cycle,implemented,partly,not implemented,no information,not assessed,total"
    );
    assert!(
        rows.contains(&"CMW/C/KGZ/CO/2,CMW,KGZ,,0,1,2,0,0,3"),
        "{rows:?}"
    );
    assert!(
        rows.contains(&"A/HRC/98/12,UPR,KGZ,3,0,1,2,1,0,4"),
        "{rows:?}"
    );
    assert!(rows.contains(&",,,,0,2,4,1,0,7"), "{rows:?}");
}

fn fold(s: &str) -> String {
    s.replace("\u{AD}\n", "")
        .replace(['\u{AD}', '\u{2060}'], "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of a Word document's body (its XML without tags).
fn docx_text(path: &std::path::Path) -> String {
    use std::io::Read as _;
    let f = std::fs::File::open(path).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut xml = String::new();
    z.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut out = String::new();
    let mut in_tag = false;
    for c in xml.replace("</w:p>", " ").replace("</w:tc>", " ").chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
}

/// The UPR submission (PDF, Word, HTML) carries the implementation section, grouped by theme, each
/// recommendation with its number, source, states, response and assessment, and the matrix as an
/// annex; the matrix is also written as CSV and Word. The CMW report carries the concluding
/// observations under review.
#[test]
#[cfg_attr(
    any(no_typst, no_pdftotext),
    ignore = "needs typst and pdftotext on PATH"
)]
fn submissions_report_on_the_implementation_of_previous_recommendations() {
    let out = tempfile::tempdir().unwrap();
    let run = harness::build_into(&harness::repo().join("examples/uptake"), out.path(), &[]);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    let dir = out.path().join("submissions");
    let html = std::fs::read_to_string(dir.join("upr-kgz.html")).unwrap();
    let pdf = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(dir.join("upr-kgz.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let texts = [
        ("html", fold(&rapporteur::write::html::text_of(&html))),
        ("pdf", fold(&String::from_utf8_lossy(&pdf.stdout))),
        ("docx", fold(&docx_text(&dir.join("upr-kgz.docx")))),
    ];
    for (format, text) in &texts {
        for want in [
            "III. Implementation of previous recommendations",
            "This section assesses how Kyrgyzstan implemented the 4 recommendations it received in the 3rd cycle of the Universal Periodic Review (A/HRC/98/12)",
            "1 partially implemented, 2 not implemented, 1 with no information in the findings.",
            "Forced labour",
            "Recommendation 121.4 (A/HRC/98/12), recommended by Chile; supported (A/HRC/98/12/Add.1), in summary: Make the confiscation of a worker's identity documents by an employer an offence.",
            "Assessment: not implemented. Employers still held the passports of two workers in three in the 2023 survey. (See section II.1.)",
            "Recommendation 121.5 (A/HRC/98/12), recommended by Norway and Uruguay",
            "Assessment: no information.",
            "Matrix of the recommendations received",
        ] {
            // Without white space: the PDF breaks lines inside symbols (`A/HRC/98/12/` `Add.1`).
            let bare = |s: &str| s.split_whitespace().collect::<String>();
            assert!(
                bare(text).contains(&bare(want)),
                "{format}: no `{want}` in\n{text}"
            );
        }
        // Theme order is the order of first appearance; the section comes before the
        // recommendations to the state, the annex after them.
        let i = text
            .find("Implementation of previous recommendations. ")
            .or_else(|| text.rfind("III. Implementation"))
            .unwrap();
        let r = text.rfind("Recommendations to Kyrgyzstan").unwrap();
        let a = text
            .rfind("Matrix of the recommendations received")
            .unwrap();
        assert!(i < r && r < a, "{format}: sections out of order");
    }
    let csv = std::fs::read_to_string(dir.join("upr-kgz-matrix.csv")).unwrap();
    let mut rd =
        csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(
        rd.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "No.",
            "Recommendation",
            "Recommending states",
            "Response",
            "Assessment"
        ]
    );
    let rows: Vec<Vec<String>> = rd
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(
        rows[1],
        [
            "121.5 (A/HRC/98/12)",
            "Ensure that no deductions are made from wages to return documents (summary)",
            "Norway, Uruguay",
            "Supported",
            "Partially implemented: Deductions continued in the survey, though fewer workers reported them after the inspections began."
        ]
    );
    let word = fold(&docx_text(&dir.join("upr-kgz-matrix.docx")));
    assert!(word.contains("121.12 (A/HRC/98/12)"), "{word}");
    assert!(
        word.contains("Recommendations received by Kyrgyzstan: matrix"),
        "{word}"
    );
    // The CMW report: the concluding observations under review, numbered as published.
    let cmw = fold(&rapporteur::write::html::text_of(
        &std::fs::read_to_string(dir.join("cmw-kgz.html")).unwrap(),
    ));
    assert!(
        cmw.contains("implemented the 3 recommendations it received in the concluding observations CMW/C/KGZ/CO/2"),
        "{cmw}"
    );
    assert!(cmw.contains("Paragraph 27(a) (CMW/C/KGZ/CO/2): “The Committee recommends that the State party: (a) Make the confiscation"), "{cmw}");
    assert!(
        !dir.join("cmw-kgz-matrix.docx").exists(),
        "Word only when the submission has Word"
    );
    assert!(dir.join("cmw-kgz-matrix.csv").exists());
}

/// A submission without received recommendations under review has neither section nor matrix:
/// the flagship has received recommendations from the UPR only, so its CCPR report has none.
#[test]
fn submissions_without_received_recommendations_have_no_implementation_section() {
    let out = tempfile::tempdir().unwrap();
    let run = harness::build_into(
        &harness::repo().join("content"),
        out.path(),
        &["--only", "html"],
    );
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    let html = std::fs::read_to_string(out.path().join("submissions/ccpr-kaz.html")).unwrap();
    assert!(!html.contains("Implementation of previous recommendations"));
    assert!(!out.path().join("submissions/ccpr-kaz-matrix.csv").exists());
    // ... while its UPR submission, which has them, carries both.
    let upr = std::fs::read_to_string(out.path().join("submissions/upr-kaz.html")).unwrap();
    assert!(upr.contains("Implementation of previous recommendations"));
    assert!(out.path().join("submissions/upr-kaz-matrix.csv").exists());
}

/// The flagship's received recommendations are what its import command makes of the UPR Info
/// rows kept beside them: every imported text, state, response and action is in the committed
/// file (which adds themes and assessments).
#[test]
fn flagship_received_recommendations_come_from_their_import() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let run = import_path(
        &root.join("imports/kaz-upr-cycle-2.csv"),
        "upr-info",
        &[
            "--symbol",
            "A/HRC/28/10",
            "--cycle",
            "2",
            "--responses",
            "A/HRC/28/10/Add.1",
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains("recognised 23 recommendations"),
        "{}",
        run.stderr
    );
    let committed = std::fs::read_to_string(root.join("received/kaz-upr-cycle-2.yaml")).unwrap();
    let body = |s: &str| -> Vec<String> {
        s.lines()
            .skip_while(|l| !l.starts_with("document:"))
            .filter(|l| !l.starts_with("    themes:") && !l.starts_with("      "))
            .filter(|l| !l.starts_with("    assessment:"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(body(&committed), body(&run.stdout));
}
