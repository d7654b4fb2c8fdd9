//! Recommendations per addressee and their uptake (issue #5): `rapporteur recs` and its filters in
//! every format, the sheets by addressee, `rapporteur uptake` (summary, matching, recording).
//!
//! The counts pinned here were made by hand in the original report's recommendations section
//! (FIDH / ADC Memorial, 2018) and checked against content/recommendations/*.yaml:
//!
//! - `--to kaz-mlsp` (the labour ministry): the original has 78 recommendations "To the Kazakh
//!   authorities" (79 bullets, one of them the heading "Ratify the following ILO Conventions:"
//!   over four) and 5 "To both governments". Of the 78, 11 name another body (foreign affairs,
//!   health care x3, justice, education, internal affairs, the courts with internal affairs,
//!   parliament x2, the prosecutor); the other 64 concern every ministry, 1 is the ministry's own
//!   (written contracts) and 2 are for the labour inspection, which reports to it: 67 + 5 = 72.
//! - `--body CESCR --state KAZ`: the recommendations to Kazakhstan whose legal basis is the
//!   Covenant or its Optional Protocol: the 9 that name them in the original (ratify the OP;
//!   art. 8; arts. 6-7; arts. 6 and 10; arts. 7, 10, 12 twice; art. 7; arts. 10, 12-14; "to both
//!   governments" arts. 9 and 11 — the original's "article 1" is not counted, see the content),
//!   and 3 whose wording is the Covenant's and whose content gives the article as legal basis
//!   (migration law on fair and favourable conditions, art. 7; free medical care, art. 12; free
//!   education, art. 13): 12.
//! - `--theme freedom-of-association`: the two "On freedom of association" sections (9 to
//!   Kazakhstan, 3 to Kyrgyzstan), the EU's two trade-union demands and the unions' cross-border
//!   organising partnership: 15.

mod harness;

use harness::{Project, build_into, fixture_path, pdf_text, rapporteur, repo};
use std::collections::BTreeSet;
use std::process::Command;

fn ids(v: &[&str]) -> BTreeSet<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// The ids in `recs --format json`.
fn json_ids(stdout: &str) -> BTreeSet<String> {
    let v: serde_json::Value = serde_json::from_str(stdout).expect("JSON");
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

/// Rows of fields, read by the `csv` crate (the byte-order mark removed).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_string).collect())
        .collect()
}

const KAZ_MLSP_EXCLUDED: [&str; 11] = [
    "kaz-uzb-bilateral-negotiations",
    "kaz-mat-free-srh-migrant-women",
    "kaz-mat-free-medical-care-all",
    "kaz-mat-free-antenatal-all-women",
    "kaz-foa-reregister-knprk",
    "kaz-min-free-education",
    "kaz-traf-register-complaints",
    "kaz-aj-deportation-ten-days",
    "kaz-foa-repeal-tu-law",
    "kaz-foa-foreign-funding",
    "kaz-traf-prosecute",
];

const CESCR_KAZ: [&str; 12] = [
    "kaz-ratify-op-icescr",
    "kaz-foa-icescr",
    "kaz-fl-icescr",
    "kaz-traf-icescr",
    "kaz-wc-icescr-social-protection",
    "kaz-li-icescr-7",
    "kaz-mat-icescr",
    "kaz-min-icescr",
    "both-fom-icescr",
    "kaz-wc-migration-law-rights",
    "kaz-mat-free-medical-care-all",
    "kaz-min-free-education",
];

const FOA: [&str; 15] = [
    "kaz-foa-c087-c098",
    "kaz-foa-ilo-supervisory-requests",
    "kaz-foa-iccpr",
    "kaz-foa-icescr",
    "kaz-foa-kharkova",
    "kaz-foa-release-kushakbaev",
    "kaz-foa-reregister-knprk",
    "kaz-foa-repeal-tu-law",
    "kaz-foa-foreign-funding",
    "kgz-foa-renounce-restrictive-laws",
    "kgz-foa-un-recommendations",
    "kgz-foa-ngo-conditions",
    "eu-kaz-trade-union-law",
    "eu-kaz-independent-unions",
    "tu-cross-border-partnerships",
];

/// The labour ministry's recommendations: what a person counts in the original (see the top).
fn expected_kaz_mlsp() -> BTreeSet<String> {
    let all = rapporteur(["recs", "content", "--format", "json"]);
    let excluded = ids(&KAZ_MLSP_EXCLUDED);
    json_ids(&all.stdout)
        .into_iter()
        .filter(|id| (id.starts_with("kaz-") || id.starts_with("both-")) && !excluded.contains(id))
        .collect()
}

/// Runs `recs content <filters>` in md, csv, json, html and docx and checks they agree on the ids
/// (or, in Word, on the recommendation numbers); [`check_pdf`] does the same for the PDF.
fn check_every_format(filters: &[&str], expected: &BTreeSet<String>) {
    let run = |format: &str| {
        let mut args = vec!["recs", "content"];
        args.extend(filters);
        args.extend(["--format", format]);
        let r = rapporteur(&args);
        assert_eq!(r.code, Some(0), "{r}");
        r.stdout
    };
    assert_eq!(&json_ids(&run("json")), expected, "json {filters:?}");
    let csv = parse_csv(&run("csv"));
    assert_eq!(
        csv[0],
        [
            "id",
            "number",
            "addressees",
            "theme",
            "text",
            "provisions",
            "findings",
            "priority",
            "uptake"
        ]
    );
    let csv_ids: BTreeSet<String> = csv[1..].iter().map(|r| r[0].clone()).collect();
    assert_eq!(&csv_ids, expected, "csv {filters:?}");
    assert!(csv[1..].iter().all(|r| r.len() == 9), "csv row width");
    let md = run("md");
    let md_ids: BTreeSet<String> = md
        .lines()
        .filter(|l| l.starts_with("- **R"))
        .map(|l| l.split('`').nth(1).unwrap().to_string())
        .collect();
    assert_eq!(&md_ids, expected, "md {filters:?}");
    assert!(md.contains(&format!("{} recommendations.", expected.len())));
    let html = run("html");
    let html_ids: BTreeSet<String> = html
        .split("<li id=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_string())
        .collect();
    assert_eq!(&html_ids, expected, "html {filters:?}");
    // DOCX: the recommendation numbers (R12) of the same list.
    {
        let numbers: BTreeSet<String> = serde_json::from_str::<serde_json::Value>(&run("json"))
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|r| format!("R{}", r["number"]))
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("list.docx");
        let mut args = vec!["recs", "content"];
        args.extend(filters);
        let f = file.display().to_string();
        args.extend(["--format", "docx", "--out", &f]);
        let r = rapporteur(&args);
        assert_eq!(r.code, Some(0), "{r}");
        let bytes = std::fs::read(&file).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        let labels: BTreeSet<String> = xml
            .split("<w:t xml:space=\"preserve\">")
            .skip(1)
            .filter_map(|s| s.split('<').next())
            .filter(|s| {
                s.len() > 1 && s.starts_with('R') && s[1..].chars().all(|c| c.is_ascii_digit())
            })
            .map(str::to_string)
            .collect();
        assert_eq!(labels, numbers, "docx {filters:?}");
        assert!(xml.contains(&format!("{} recommendations", expected.len())));
    }
}

/// `--to kaz-mlsp`: the ministry's own, its labour inspection's, and the Kazakh authorities'.
#[test]
fn recs_to_the_labour_ministry_are_what_a_person_counts() {
    let expected = expected_kaz_mlsp();
    assert_eq!(expected.len(), 72);
    for id in [
        "kaz-wc-written-contract",
        "kaz-wc-inspect-households",
        "kaz-min-inspect-farms-sites",
        "both-data-open-platform",
        "kaz-ratify-icrmw",
    ] {
        assert!(expected.contains(id), "{id}");
    }
    check_every_format(&["--to", "kaz-mlsp"], &expected);
}

/// An internal list is marked confidential in Markdown as in HTML; a public one is not.
#[test]
fn an_internal_list_in_markdown_is_marked_confidential() {
    let content = repo().join("content").display().to_string();
    let internal = rapporteur([
        "recs",
        &content,
        "--to",
        "kaz-mlsp",
        "--audience",
        "internal",
    ]);
    assert_eq!(internal.code, Some(0), "{internal}");
    let second = internal.stdout.lines().nth(2).unwrap_or_default();
    assert_eq!(
        second, "**CONFIDENTIAL — INTERNAL DRAFT, NOT FOR PUBLICATION**",
        "{internal}"
    );
    let public = rapporteur(["recs", &content, "--to", "kaz-mlsp"]);
    assert!(!public.stdout.contains("CONFIDENTIAL"), "{public}");
}

/// `--body CESCR --state KAZ`: recommendations to Kazakhstan citing the Covenant or its protocol.
#[test]
fn recs_for_cescr_on_kazakhstan() {
    check_every_format(&["--body", "CESCR", "--state", "KAZ"], &ids(&CESCR_KAZ));
    // The instrument filter agrees, less the protocol.
    let r = rapporteur([
        "recs",
        "content",
        "--instrument",
        "ICESCR",
        "--state",
        "kaz",
        "--format",
        "json",
    ]);
    let mut want = ids(&CESCR_KAZ);
    want.remove("kaz-ratify-op-icescr");
    assert_eq!(json_ids(&r.stdout), want);
}

/// `--theme freedom-of-association`, to any addressee.
#[test]
fn recs_on_freedom_of_association() {
    check_every_format(&["--theme", "freedom-of-association"], &ids(&FOA));
}

/// `recs content <filters> --format pdf`: the PDF, read back with pdftotext, lists the same
/// recommendation numbers (R12) as the JSON.
fn check_pdf(filters: &[&str], expected: &BTreeSet<String>) {
    let mut args = vec!["recs", "content"];
    args.extend(filters);
    args.extend(["--format", "json"]);
    let r = rapporteur(&args);
    assert_eq!(r.code, Some(0), "{r}");
    assert_eq!(&json_ids(&r.stdout), expected, "json {filters:?}");
    let numbers: BTreeSet<String> = serde_json::from_str::<serde_json::Value>(&r.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| format!("R{}", r["number"]))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("list.pdf");
    let mut args = vec!["recs", "content"];
    args.extend(filters);
    let f = file.display().to_string();
    args.extend(["--format", "pdf", "--out", &f]);
    let r = rapporteur(&args);
    assert_eq!(r.code, Some(0), "{r}");
    let text = pdf_text(&file);
    let labels: BTreeSet<String> = text
        .split_whitespace()
        .filter(|w| w.len() > 1 && w.starts_with('R') && w[1..].chars().all(|c| c.is_ascii_digit()))
        .map(str::to_string)
        .collect();
    assert_eq!(labels, numbers, "pdf {filters:?}");
}

/// The PDF of a filtered list carries the same recommendations as the other formats, for the
/// three lists the tests above check.
#[test]
#[cfg_attr(
    any(no_typst, no_pdftotext),
    ignore = "needs typst and pdftotext on PATH"
)]
fn recs_pdf_lists_the_same_recommendations() {
    check_pdf(&["--to", "kaz-mlsp"], &expected_kaz_mlsp());
    check_pdf(&["--body", "CESCR", "--state", "KAZ"], &ids(&CESCR_KAZ));
    check_pdf(&["--theme", "freedom-of-association"], &ids(&FOA));
}

/// Filters combine: the Kazakh authorities' freedom-of-association recommendations of the
/// government as a whole (--to kaz-gov lists its members' too).
#[test]
fn filters_combine() {
    let r = rapporteur([
        "recs",
        "content",
        "--to",
        "kaz-gov",
        "--theme",
        "freedom-of-association",
        "--format",
        "json",
    ]);
    let got = json_ids(&r.stdout);
    assert_eq!(got.len(), 9, "{got:?}");
    assert!(got.iter().all(|id| id.starts_with("kaz-foa-")));
    // International addressees never count for a state.
    let r = rapporteur(["recs", "content", "--state", "KAZ", "--format", "json"]);
    assert!(json_ids(&r.stdout).iter().all(|id| !id.starts_with("eu-")));
    // Priority.
    let r = rapporteur(["recs", "content", "--priority", "1", "--format", "json"]);
    assert_eq!(json_ids(&r.stdout), ids(&["kaz-aj-depoliticise-migration"]));
}

/// Unknown filter values: a clear message with a suggestion, exit 2.
#[test]
fn unknown_filters_are_usage_errors_with_suggestions() {
    for (args, msg) in [
        (
            vec!["--to", "kaz-mlps"],
            "error: unknown addressee `kaz-mlps`; did you mean `kaz-mlsp`?",
        ),
        (
            vec!["--theme", "freedom-of-asociation"],
            "error: unknown theme `freedom-of-asociation`; did you mean `freedom-of-association`?",
        ),
        (
            vec!["--theme", "foa"],
            "error: unknown theme `foa`; did you mean `freedom-of-association`?",
        ),
        (
            vec!["--body", "CESR"],
            "error: unknown body `CESR`; did you mean `CESCR`?",
        ),
        (
            vec!["--instrument", "ICRMV"],
            "error: unknown instrument `ICRMV`; did you mean `ICRMW`?",
        ),
        (
            vec!["--state", "KZA"],
            "error: unknown state `KZA` (states are ISO 3166-1 alpha-3 codes); did you mean `KAZ`?",
        ),
    ] {
        let mut a = vec!["recs", "content"];
        a.extend(args);
        let r = rapporteur(&a);
        assert_eq!(r.code, Some(2), "{r}");
        assert!(r.stderr.starts_with(msg), "{r}");
        assert!(r.stdout.is_empty(), "{r}");
    }
    let r = rapporteur(["recs", "content", "--format", "pdf"]);
    assert_eq!(r.code, Some(2), "{r}");
    assert!(r.stderr.contains("--format pdf needs --out FILE"), "{r}");
}

/// CSV for spreadsheets: plain text with citations as written in the publication, names not ids.
#[test]
fn csv_columns_read_as_plain_text() {
    let r = rapporteur([
        "recs",
        "content",
        "--theme",
        "freedom-of-association",
        "--format",
        "csv",
    ]);
    assert!(
        r.stdout.starts_with('\u{feff}'),
        "byte-order mark for Excel"
    );
    assert!(r.stdout.contains("\r\n"), "CRLF line ends (RFC 4180)");
    let rows = parse_csv(&r.stdout);
    let row = rows.iter().find(|r| r[0] == "kaz-foa-iccpr").unwrap();
    assert_eq!(row[2], "The Kazakh authorities");
    assert_eq!(row[3], "Freedom of association");
    assert_eq!(
        row[4],
        "Comply fully with ICCPR art. 21 and ICCPR art. 22, including everyone’s right to form and join trade unions to protect their interests."
    );
    assert_eq!(row[5], "ICCPR art. 21; ICCPR art. 22");
    assert_eq!(row[6], "Freedom of association");
    assert_eq!(row[8], "");
}

/// The uptake example: the summary per body and document, as text, CSV and HTML.
#[test]
fn uptake_summary_counts_per_body_and_document() {
    let r = rapporteur(["uptake", "examples/uptake"]);
    assert_eq!(r.code, Some(0), "{r}");
    assert_eq!(
        r.stdout,
        "body / document              reflected  partly not reflected  total
CESCR                                0       1             0      1
  E/C.12/KGZ/CO/2-3                  0       1             0      1
CMW                                  1       1             1      3
  CMW/C/KGZ/CO/2                     1       1             1      3
all bodies                           1       2             1      4
3 of 3 recommendations have an uptake entry

How the state acted on the recommendations it received:
document                     implemented partly not implemented no information not assessed  total
CMW/C/KGZ/CO/2 (CMW)                   0      1               2              0            0      3
A/HRC/98/12 (UPR 3)                    0      1               2              1            0      4
all documents                          0      2               4              1            0      7
"
    );
    let rows = parse_csv(&rapporteur(["uptake", "examples/uptake", "--format", "csv"]).stdout);
    assert_eq!(
        rows[0][0..6],
        [
            "body",
            "document",
            "reflected",
            "partly reflected",
            "not reflected",
            "total"
        ]
    );
    assert_eq!(rows[3][0..6], ["CMW", "CMW/C/KGZ/CO/2", "1", "1", "1", "3"]);
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("uptake.html");
    let r = rapporteur([
        "uptake",
        "examples/uptake",
        "--format",
        "html",
        "--out",
        &file.display().to_string(),
    ]);
    assert_eq!(r.code, Some(0), "{r}");
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.contains("CMW/C/KGZ/CO/2</a>"));
    assert!(html.contains("symbolno=CMW%2FC%2FKGZ%2FCO%2F2"));
    // The flagship has none.
    let r = rapporteur(["uptake", "content"]);
    assert!(r.stdout.starts_with("no uptake recorded"), "{r}");
}

/// The matcher ranks the true recommendation first for most hand-written paraphrases.
/// tests/fixtures/uptake/co-kaz.md has 15 paragraphs: 12 paraphrase one flagship recommendation
/// each (two of them, 27 and 28, with hardly a content word in common), 3 are unrelated.
#[test]
fn matcher_ranks_the_paraphrased_recommendation_first() {
    use rapporteur::uptake::matcher;
    let checked = rapporteur::check(&repo().join("content")).unwrap();
    let text = std::fs::read_to_string(fixture_path("uptake/co-kaz.md")).unwrap();
    let paras = matcher::parse_paragraphs(&text);
    assert_eq!(paras.len(), 15);
    let truth = [
        ("14", "kaz-ratify-op-icescr"),
        ("15", "kaz-foa-reregister-knprk"),
        ("16", "kaz-traf-non-punishment"),
        ("18", "kaz-li-random-visits"),
        ("19", "kaz-min-free-education"),
        ("20", "kaz-mat-free-srh-migrant-women"),
        ("21", "kaz-wc-written-contract"),
        ("23", "kaz-aj-deportation-ten-days"),
        ("24", "both-fom-abolish-propiska"),
        ("26", "kaz-wc-corruption"),
        ("27", "kaz-min-penalties"),
        ("28", "kaz-aj-depoliticise-migration"),
    ];
    let report = &checked.report;
    // Against every recommendation of the project (the harder case: no restriction by state).
    let all: Vec<usize> = (0..report.recommendations.len()).collect();
    let pairs = matcher::score(report, &checked.dataset, &all, &paras, Some("ICESCR"));
    let ranked = matcher::ranking_per_paragraph(&pairs, paras.len());
    let mut hits = 0;
    for (num, id) in truth {
        let k = paras.iter().position(|p| p.number == num).unwrap();
        let best = &report.recommendations[ranked[k][0].rec].id;
        if best == id {
            hits += 1;
        } else {
            eprintln!("paragraph {num}: expected {id}, ranked first {best}");
        }
    }
    let precision = hits as f64 / truth.len() as f64;
    eprintln!("precision@1: {hits}/{} = {precision:.2}", truth.len());
    assert!(precision >= 0.75, "precision@1 {precision}");
    // Nothing unrelated is proposed at the default threshold, except paragraph 25 (pensions),
    // which shares "adequate standard of living" with a recommendation citing ICESCR art. 11.
    let proposed = matcher::propose(&pairs, 0.15, 1);
    for p in &proposed {
        let num = &paras[p.para].number;
        assert!(
            num != "17" && num != "22",
            "unrelated paragraph {num} proposed"
        );
    }
}

/// `uptake --match`: proposals best first; `--write --accept` records them by editing the text,
/// every other byte of the file unchanged, and the project still checks clean.
#[test]
fn confirmed_pairs_are_written_into_the_yaml_keeping_its_formatting() {
    let p = Project::fixture("uptake/project");
    let before = p.read("recommendations/recs.yaml");
    let co = fixture_path("uptake/co-kgz.md").display().to_string();
    let proj = p.path().display().to_string();
    let r = rapporteur([
        "uptake",
        &proj,
        "--match",
        &co,
        "--symbol",
        "CMW/C/KGZ/CO/2",
    ]);
    assert_eq!(r.code, Some(0), "{r}");
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(lines[2].contains("31  kgz-mlsm-inspections"), "{r}");
    assert!(lines[3].contains("30  kgz-end-confiscation"), "{r}");
    // Without --accept, and not on a terminal: say how.
    let r = rapporteur([
        "uptake",
        &proj,
        "--match",
        &co,
        "--symbol",
        "CMW/C/KGZ/CO/2",
        "--write",
    ]);
    assert_eq!(r.code, Some(2), "{r}");
    assert!(r.stderr.contains("--accept REC-ID:PARAGRAPH"), "{r}");
    // A paragraph the document does not have, an unknown recommendation: usage errors.
    for (acc, msg) in [
        ("kgz-end-confiscation:99", "have no paragraph 99"),
        (
            "kgz-end-confiscatio:30",
            "did you mean `kgz-end-confiscation`?",
        ),
        ("kgz-end-confiscation:30:done", "unknown status `done`"),
    ] {
        let r = rapporteur([
            "uptake",
            &proj,
            "--match",
            &co,
            "--symbol",
            "CMW/C/KGZ/CO/2",
            "--write",
            "--accept",
            acc,
        ]);
        assert_eq!(r.code, Some(2), "{r}");
        assert!(r.stderr.contains(msg), "{r}");
    }
    assert_eq!(p.read("recommendations/recs.yaml"), before);
    let r = rapporteur([
        "uptake",
        &proj,
        "--match",
        &co,
        "--symbol",
        "CMW/C/KGZ/CO/2",
        "--write",
        "--accept",
        "kgz-end-confiscation:30",
        "--accept",
        "kgz-mlsm-inspections:31:partial",
        "--accept",
        "ilo-clinic-access:32:not-reflected",
    ]);
    assert_eq!(r.code, Some(0), "{r}");
    let after = p.read("recommendations/recs.yaml");
    let expected = before
        .replace(
            "    - {symbol: \"E/C.12/KGZ/CO/2-3\", paragraph: \"18\", status: partial}   # CESCR, 2015\n",
            "    - {symbol: \"E/C.12/KGZ/CO/2-3\", paragraph: \"18\", status: partial}   # CESCR, 2015\n    - {symbol: CMW/C/KGZ/CO/2, paragraph: 30, status: reflected}\n",
        )
        .replace(
            "  priority: 2\n",
            "  priority: 2\n  uptake:\n    - {symbol: CMW/C/KGZ/CO/2, paragraph: 31, status: partial}\n",
        )
        .replace(
            "findings: [medical-care], priority: 3}\n",
            "findings: [medical-care], priority: 3, uptake: [{symbol: CMW/C/KGZ/CO/2, paragraph: 32, status: not-reflected}]}\n",
        );
    assert_ne!(expected, before);
    assert_eq!(after, expected);
    p.check().expect_clean();
    let r = rapporteur(["uptake", &proj]);
    assert!(
        r.stdout
            .contains("  CMW/C/KGZ/CO/2                     1       1             1      3"),
        "{r}"
    );
    // Recording the same pair again changes nothing.
    let r = rapporteur([
        "uptake",
        &proj,
        "--match",
        &co,
        "--symbol",
        "CMW/C/KGZ/CO/2",
        "--write",
        "--accept",
        "kgz-end-confiscation:30",
    ]);
    assert_eq!(r.code, Some(0), "{r}");
    assert!(r.stdout.contains("already recorded"), "{r}");
    assert_eq!(p.read("recommendations/recs.yaml"), after);
}

/// The sheets build for every addressee of the flagship; one sheet's text is what an advocate
/// hands over: organisations, addressee and its parent, date, theme headings, evidence.
#[test]
#[cfg_attr(
    any(no_typst, no_pdftotext),
    ignore = "needs typst and pdftotext on PATH"
)]
fn sheets_build_for_every_addressee() {
    let out = tempfile::tempdir().unwrap();
    let r = rapporteur([
        "build",
        "content",
        "--out",
        &out.path().display().to_string(),
    ]);
    assert_eq!(r.code, Some(0), "{r}");
    let checked = rapporteur::check(&repo().join("content")).unwrap();
    assert_eq!(checked.report.addressees.len(), 30);
    for a in &checked.report.addressees {
        for ext in ["pdf", "html"] {
            let f = out.path().join(format!("recommendations/{}.{ext}", a.id));
            assert!(f.is_file(), "no sheet {}", f.display());
        }
    }
    for f in ["index.html", "recommendations.csv"] {
        assert!(out.path().join("recommendations").join(f).is_file(), "{f}");
    }
    assert!(!out.path().join("recommendations/kaz-mlsp.typ").exists());
    let text = pdf_text(&out.path().join("recommendations/kaz-mlsp.pdf"));
    for phrase in [
        "ADC MEMORIAL",
        "Recommendations to the Ministry of Labour and Social Protection of the Population",
        "The Kazakh authorities",
        "June 2018",
        "72 recommendations",
        "On forced labour",
        "On occupational safety and health",
        "Make sure that every migrant working in Kazakhstan has an adequate written contract.",
        "Legal basis: ICESCR art. 7",
        // The evidence by its place in the publication (section I.5: the labour inspection).
        "Evidence: section I.5",
    ] {
        assert!(
            text.contains(phrase) || text.contains(&phrase.to_uppercase()),
            "`{phrase}` not in the sheet:\n{text}"
        );
    }
    // Every sheet is one or two pages; a short one is one page.
    let pages = |id: &str| {
        let info = Command::new("pdfinfo")
            .arg(out.path().join(format!("recommendations/{id}.pdf")))
            .output()
            .expect("pdfinfo");
        let s = String::from_utf8_lossy(&info.stdout).to_string();
        s.lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|p| p.trim().parse::<u32>().ok())
            .unwrap_or(0)
    };
    assert_eq!(pages("ilo"), 1);
    for a in &checked.report.addressees {
        let n = pages(&a.id);
        assert!((1..=2).contains(&n), "the sheet of {} has {n} pages", a.id);
    }
    let index = std::fs::read_to_string(out.path().join("recommendations/index.html")).unwrap();
    assert!(index.contains("<a href=\"kaz-mlsp.pdf\">PDF</a>"));
}

/// `recs --format pdf --out FILE`: one sheet for a filtered list.
#[test]
#[cfg_attr(
    any(no_typst, no_pdftotext),
    ignore = "needs typst and pdftotext on PATH"
)]
fn recs_pdf_for_a_filtered_list() {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("cescr.pdf");
    let r = rapporteur([
        "recs",
        "content",
        "--body",
        "CESCR",
        "--state",
        "KAZ",
        "--format",
        "pdf",
        "--out",
        &file.display().to_string(),
    ]);
    assert_eq!(r.code, Some(0), "{r}");
    let text = pdf_text(&file);
    assert!(text.contains("12 recommendations"), "{text}");
    assert!(text.contains("Body CESCR; state KAZ"), "{text}");
    assert!(text.contains("Ratify the OP-ICESCR"), "{text}");
}

/// One part of a Word file, as XML.
fn docx_part(docx: &[u8], part: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut z.by_name(part).unwrap(), &mut xml).unwrap();
    xml
}

/// The text of a Word file's main part: its runs' text, tags dropped.
fn docx_text(docx: &[u8]) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in docx_part(docx, "word/document.xml").chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&quot;", "\"").replace("&amp;", "&")
}

/// `recs --format docx` and the sheets of `recommendations: {by: addressee, formats: [docx]}`:
/// one Word writer (heading styles, the report's date as timestamp), the sheet's content, and
/// the same bytes for the same input.
#[test]
fn word_sheets_are_complete_and_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = |name: &str| {
        let f = dir.path().join(name);
        let r = rapporteur([
            "recs",
            "content",
            "--to",
            "eu",
            "--format",
            "docx",
            "--out",
            &f.display().to_string(),
        ]);
        assert_eq!(r.code, Some(0), "{r}");
        std::fs::read(f).unwrap()
    };
    let first = sheet("a.docx");
    assert!(first == sheet("b.docx"), "two runs gave different bytes");
    let text = docx_text(&first);
    for phrase in [
        "FIDH – INTERNATIONAL FEDERATION FOR HUMAN RIGHTS",
        "ADC MEMORIAL",
        "Recommendations to the European Union",
        "June 2018",
        "18 recommendations",
        "On dialogue and cooperation",
        "On freedom of association",
        "R103",
        "Demand that the Kazakh authorities bring the 2014 Trade Union Law",
        "To: The European Union",
        "Legal basis: ILO C087; ILO C098",
        "Evidence: Freedom of association",
    ] {
        assert!(
            text.contains(phrase),
            "`{phrase}` not in the sheet:\n{text}"
        );
    }
    let xml = docx_part(&first, "word/document.xml");
    for style in ["Heading1", "Heading2", "Labelled", "Detail"] {
        assert!(
            xml.contains(&format!("<w:pStyle w:val=\"{style}\" />")),
            "no {style} paragraph"
        );
    }
    let core = docx_part(&first, "docProps/core.xml");
    assert!(core.contains("2018-06-01T00:00:00Z"), "{core}");

    // The sheets by addressee: the same writer, so the EU's sheet is the same file.
    let p = Project::copy_of(&repo().join("content"));
    let manifest = p.read("report.yaml").replace(
        "recommendations: {by: addressee, formats: [html, pdf, csv]}",
        "recommendations: {by: addressee, formats: [docx]}",
    );
    assert!(manifest.contains("formats: [docx]}"));
    p.write("report.yaml", manifest);
    let out = tempfile::tempdir().unwrap();
    let r = build_into(p.path(), out.path(), &["--only", "docx"]);
    assert_eq!(r.code, Some(0), "{r}");
    assert!(std::fs::read(out.path().join("recommendations/eu.docx")).unwrap() == first);
    let text = docx_text(&std::fs::read(out.path().join("recommendations/kaz-mlsp.docx")).unwrap());
    for phrase in [
        "Recommendations to the Ministry of Labour and Social Protection of the Population",
        "The Kazakh authorities",
        "72 recommendations",
        "Make sure that every migrant working in Kazakhstan has an adequate written contract.",
        "Legal basis: ICESCR art. 7",
        "Evidence: The limited role of the Labour Inspection Agency",
    ] {
        assert!(
            text.contains(phrase),
            "`{phrase}` not in the sheet:\n{text}"
        );
    }
}

/// `recs --out FILE` without --format writes the format the extension names; a --format that the
/// extension contradicts, or an extension that names no format, is a usage error (exit 2) and
/// writes nothing.
#[test]
fn recs_out_extension_decides_the_format() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, extra: &[&str]| {
        let f = dir.path().join(name);
        let fs = f.display().to_string();
        let mut args = vec!["recs", "content", "--to", "eu", "--out", &fs];
        args.extend(extra);
        (rapporteur(&args), f)
    };
    let cases = [
        ("list.csv", "\u{feff}id,number,".as_bytes()),
        ("list.json", b"[\n"),
        ("list.md", b"# Recommendations to the European Union"),
        ("list.docx", b"PK"),
    ];
    for (name, start) in cases {
        let (r, f) = write(name, &[]);
        assert_eq!(r.code, Some(0), "{name}: {r}");
        let bytes = std::fs::read(&f).unwrap();
        assert!(
            bytes.starts_with(start),
            "{name} starts with {:?}",
            String::from_utf8_lossy(&bytes[..bytes.len().min(40)])
        );
    }
    let (r, f) = write("list.html", &[]);
    assert_eq!(r.code, Some(0), "{r}");
    assert!(std::fs::read_to_string(f).unwrap().contains("<li id=\""));
    // An explicit format that agrees with the extension is fine.
    let (r, f) = write("agree.csv", &["--format", "csv"]);
    assert_eq!(r.code, Some(0), "{r}");
    assert!(
        std::fs::read(f)
            .unwrap()
            .starts_with("\u{feff}id,".as_bytes())
    );

    for (name, format, message) in [
        (
            "r.pdf",
            "csv",
            "error: --format csv does not match --out {} (its extension says pdf): drop --format, or name the file .csv",
        ),
        (
            "r.docx",
            "md",
            "error: --format md does not match --out {} (its extension says docx): drop --format, or name the file .md",
        ),
    ] {
        let (r, f) = write(name, &["--format", format]);
        assert_eq!(r.code, Some(2), "{name}: {r}");
        assert_eq!(
            r.stderr.trim_end(),
            message.replace("{}", &f.display().to_string()),
            "{r}"
        );
        assert!(!f.exists(), "{name} was written");
    }
    let (r, f) = write("r.xlsx", &[]);
    assert_eq!(r.code, Some(2), "{r}");
    assert!(
        r.stderr
            .starts_with("error: cannot tell the format of --out "),
        "{r}"
    );
    assert!(!f.exists());
}

/// `recs --out list.pdf` (or `LIST.PDF`) without --format writes a PDF.
#[test]
#[cfg_attr(no_typst, ignore = "typst is not on PATH")]
fn recs_out_pdf_extension_writes_a_pdf() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["list.pdf", "LIST.PDF"] {
        let f = dir.path().join(name);
        let fs = f.display().to_string();
        let r = rapporteur(["recs", "content", "--to", "eu", "--out", &fs]);
        assert_eq!(r.code, Some(0), "{name}: {r}");
        assert!(std::fs::read(&f).unwrap().starts_with(b"%PDF-"), "{name}");
    }
}

/// Numeric options out of range are usage errors (exit 2) that say the range: `uptake --top 0`,
/// `--threshold` outside 0 to 1, `pseudonym --count 0`.
#[test]
fn numeric_options_out_of_range_are_usage_errors() {
    let cos = fixture_path("uptake/co-kaz.md").display().to_string();
    for (args, message) in [
        (
            vec!["uptake", "content", "--match", &cos, "--top", "0"],
            "error: invalid value '0' for '--top <TOP>': --top must be at least 1",
        ),
        (
            vec!["uptake", "content", "--match", &cos, "--threshold", "1.5"],
            "error: invalid value '1.5' for '--threshold <THRESHOLD>': the threshold is a cosine similarity, from 0 to 1",
        ),
        (
            vec!["uptake", "content", "--match", &cos, "--threshold", "-0.1"],
            "error: invalid value '-0.1' for '--threshold <THRESHOLD>': the threshold is a cosine similarity, from 0 to 1",
        ),
        (
            vec!["uptake", "content", "--match", &cos, "--threshold", "NaN"],
            "error: invalid value 'NaN' for '--threshold <THRESHOLD>': the threshold is a cosine similarity, from 0 to 1",
        ),
        (
            vec!["pseudonym", "content", "--count", "0"],
            "error: invalid value '0' for '--count <COUNT>': --count must be at least 1",
        ),
    ] {
        let r = rapporteur(&args);
        assert_eq!(r.code, Some(2), "{args:?}: {r}");
        assert!(r.stderr.starts_with(message), "{args:?}: {r}");
        assert!(r.stdout.is_empty(), "{args:?}: {r}");
    }
    // The bounds themselves are accepted.
    let r = rapporteur(["pseudonym", "content", "--count", "1", "--seed", "1"]);
    assert_eq!(r.code, Some(0), "{r}");
}

/// CSV injection: a cell starting with `=`, `+`, `-` or `@` (a formula to a spreadsheet) gets a
/// leading `'` so that it shows as text; other cells are unchanged.
#[test]
fn csv_cells_that_look_like_formulas_are_made_text() {
    let p = Project::base();
    let mut recs = p.read("recommendations/recs.yaml");
    for (id, text) in [
        (
            "f-equals",
            r#"'=HYPERLINK("http://example.org/x","Click")'"#,
        ),
        ("f-plus", r#""+1+2 wages""#),
        ("f-minus", r#""-2+3 wages""#),
        ("f-at", r#""@SUM(A1:A2)""#),
    ] {
        recs.push_str(&format!(
            "- id: {id}\n  to: [kgz-mlsm]\n  theme: wage-theft\n  text: {text}\n  findings: [wages]\n"
        ));
    }
    p.write("recommendations/recs.yaml", recs);
    let r = rapporteur(["recs", &p.path().display().to_string(), "--format", "csv"]);
    assert_eq!(r.code, Some(0), "{r}");
    let rows = parse_csv(&r.stdout);
    let text = |id: &str| {
        rows.iter()
            .find(|row| row[0] == id)
            .unwrap_or_else(|| panic!("no row {id}\n{r}"))[4]
            .clone()
    };
    assert_eq!(
        text("f-equals"),
        // The quotation marks are the language's, as in every output.
        "'=HYPERLINK(“http://example.org/x”,“Click”)"
    );
    assert_eq!(text("f-plus"), "'+1+2 wages");
    assert_eq!(text("f-minus"), "'-2+3 wages");
    assert_eq!(text("f-at"), "'@SUM(A1:A2)");
    assert!(text("pay-wages").starts_with("Ensure that wages"));
    // The comma is inside the field, so RFC 4180 quoting still applies around it.
    assert!(
        r.stdout
            .contains(r#","'=HYPERLINK(“http://example.org/x”,“Click”)","#),
        "{r}"
    );
}
