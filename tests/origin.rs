//! Reports on a country of origin: a finding's responsible state and the states whose nationals it
//! concerns, the CMW report on Kyrgyzstan of `examples/kyrgyzstan-cmw` read through `pdftotext`,
//! the role checks, and the suggested questions the submissions generate (held in
//! `tests/fixtures/questions/`; `RAPPORTEUR_BLESS=1 cargo test --test origin` rewrites them).
//!
//! Tests that need an outside tool (typst, pdftotext) are ignored when it is not on PATH
//! (`build.rs` sets `no_<tool>`); with `RAPPORTEUR_REQUIRE_TOOLS=1` (set by `scripts/test` and
//! CI) they run, and fail if the tool is missing.

mod harness;

use harness::{Project, build_into, fold, pdf_text, repo, temp_out};
use rapporteur::model::resolved::Output;
use rapporteur::view::ast::Inline;
use rapporteur::view::submission::{self, Item};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn kyrgyzstan() -> PathBuf {
    repo().join("examples/kyrgyzstan-cmw")
}

/// The Kyrgyzstan project built once (all formats), with what `build` printed.
fn built() -> &'static (tempfile::TempDir, String) {
    static BUILT: OnceLock<(tempfile::TempDir, String)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let out = temp_out();
        let run = build_into(&kyrgyzstan(), out.path(), &[]);
        assert_eq!(
            run.code,
            Some(0),
            "the Kyrgyzstan project does not build\n{run}"
        );
        (out, run.stdout)
    })
}

/// The findings about Kazakhstan and the Russian Federation of the Kyrgyzstan project.
const ABROAD: [&str; 6] = [
    "Raids, detention and expulsion of Kyrgyz migrants in Kazakhstan",
    "Kyrgyz workers unpaid and then handed to the police in Kazakhstan",
    "Forced labour of Kyrgyz migrants on Kazakh farms",
    "Wage theft and work without contracts in the Russian Federation",
    "Entry bans that strand Kyrgyz migrants and send their children to work",
    "Sexual violence against Kyrgyz women and girls working abroad",
];

/// The CMW report on Kyrgyzstan, as `pdftotext` reads it, carries the findings about Kyrgyz
/// migrants in Kazakhstan and the Russian Federation, each raised under Kyrgyzstan's obligations
/// as State of origin, with only the articles that bind a State of origin; and it never frames
/// another state's obligations as Kyrgyzstan's: no "address the raids" question, no article of
/// the Covenant that Kazakhstan breached.
#[test]
#[cfg_attr(
    any(no_typst, no_pdftotext),
    ignore = "needs typst and pdftotext on PATH"
)]
fn cmw_report_on_kyrgyzstan_frames_abuses_abroad_through_its_duties_as_state_of_origin() {
    let (out, stdout) = built();
    let text = pdf_text(&out.path().join("submissions/cmw-kgz.pdf"));
    for title in ABROAD {
        assert!(text.contains(&fold(title)), "`{title}` is missing:\n{text}");
    }
    let framed = "Raised under the obligations of Kyrgyzstan as the State of origin of the migrant workers concerned; the acts described are those of";
    assert_eq!(text.matches(framed).count(), ABROAD.len(), "{text}");
    assert!(text.contains(&format!("{framed} Kazakhstan.")), "{text}");
    assert!(
        text.contains(&format!("{framed} the Russian Federation.")),
        "{text}"
    );
    // The line of articles under each framed concern: the State of origin's articles only.
    for (i, _) in text.match_indices(framed) {
        let rest = &text[i..];
        let line = &rest[rest.find("Articles engaged:").unwrap()..];
        let line = &line[..line.find(" 1").map_or(line.len(), |e| e.min(400))];
        for employment_only in [
            "ICRMW art. 16",
            "ICRMW art. 22",
            "ICRMW art. 25",
            "ICCPR",
            "ICESCR",
            "CEDAW",
        ] {
            assert!(
                !line.contains(employment_only),
                "an origin concern engages {employment_only}: {line}"
            );
        }
    }
    // The questions: each abroad concern asks what Kyrgyzstan did as the State of origin.
    let questions = &text[text.rfind("Suggested questions").unwrap()..];
    let questions = &questions[..questions.find("Suggested recommendations").unwrap()];
    assert_eq!(
        questions
            .matches("as the State of origin, to assist and protect its nationals in")
            .count(),
        ABROAD.len(),
        "{questions}"
    );
    assert!(
        questions.contains("to assist and protect its nationals in Kazakhstan with regard to the mass raids on the markets where migrant workers work"),
        "{questions}"
    );
    assert!(
        !questions.contains("taken to address the mass raids"),
        "{questions}"
    );
    assert!(!questions.contains("of the Covenant"), "{questions}");
    assert!(
        stdout.contains("submissions/cmw-kgz: 14 concern(s)")
            && stdout.contains("14 suggested question(s) generated"),
        "{stdout}"
    );
    // The footer counts the cover: "Page N of N" on the last page, N the PDF's page count.
    let pages = std::fs::read(out.path().join("submissions/cmw-kgz.pdf")).unwrap();
    let raw = pdf_pages(&out.path().join("submissions/cmw-kgz.pdf"));
    assert!(!pages.is_empty());
    let n = raw.len();
    assert!(
        raw[n - 1].contains(&format!("Page {n} of {n}")),
        "last of {n} pages: {}",
        raw[n - 1]
    );
    assert!(raw[1].contains(&format!("Page 2 of {n}")), "{}", raw[1]);
}

/// `pdftotext`'s text of each page (pages end with a form feed).
fn pdf_pages(pdf: &Path) -> Vec<String> {
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(fold).collect();
    if pages.last().is_some_and(|p| p.is_empty()) {
        pages.pop();
    }
    pages
}

/// The UPR submission on Kyrgyzstan is its stakeholder report, written for one organisation.
#[test]
#[cfg_attr(
    any(no_typst, no_pdftotext),
    ignore = "needs typst and pdftotext on PATH"
)]
fn upr_submission_on_kyrgyzstan_speaks_for_one_organisation() {
    let (out, _) = built();
    let text = pdf_text(&out.path().join("submissions/upr-kgz.pdf"));
    assert!(
        text.contains(
            "submits this stakeholder report to the Universal Periodic Review of Kyrgyzstan."
        ),
        "{text}"
    );
    assert!(
        text.contains("This submission draws on its report"),
        "{text}"
    );
    let cmw = pdf_text(&out.path().join("submissions/cmw-kgz.pdf"));
    assert!(
        cmw.contains("The submitting organisation agrees that this report be published"),
        "{cmw}"
    );
}

/// The suggested questions of the CMW report on Kyrgyzstan, one per line, as the library builds
/// them (what every format prints).
fn generated_questions(project: &Path) -> String {
    let checked = rapporteur::check(project).unwrap();
    let mut out = String::new();
    for o in &checked.report.outputs {
        let Output::Submission(s) = o else {
            continue;
        };
        let v = submission::build(
            &checked.report,
            &checked.dataset,
            s,
            rapporteur::model::raw::Audience::Public,
        );
        let Some(q) = v.sections.iter().find(|s| s.anchor == "questions") else {
            continue;
        };
        out.push_str(&format!("# {}\n", v.slug));
        for item in &q.items {
            if let Item::Para { inlines, .. } = item {
                for i in inlines {
                    if let Inline::Text(t) = i {
                        out.push_str(t);
                    }
                }
                out.push('\n');
            }
        }
    }
    out
}

/// The generated questions of both projects, held word for word: a change to how questions are
/// written shows here for review (`RAPPORTEUR_BLESS=1 cargo test --test origin` rewrites them).
#[test]
fn generated_questions_of_both_projects_are_held() {
    for (name, project) in [
        ("flagship", harness::content()),
        ("kyrgyzstan-cmw", kyrgyzstan()),
    ] {
        let got = generated_questions(&project);
        let path = repo().join(format!("tests/fixtures/questions/{name}.txt"));
        if std::env::var("RAPPORTEUR_BLESS").is_ok_and(|v| !v.is_empty() && v != "0") {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &got).unwrap();
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            got, want,
            "{name}: the generated questions changed; if intended: RAPPORTEUR_BLESS=1 cargo test --test origin, then review `git diff tests/fixtures/questions`"
        );
        for q in got.lines().filter(|l| !l.starts_with('#')) {
            assert!(
                q.starts_with("What measures has the State party taken"),
                "{q}"
            );
            assert!(q.ends_with('?'), "{q}");
        }
    }
}

/// A finding about what Kazakhstan does to Uzbek migrants is not carried by a CMW report on
/// Kyrgyzstan; one about Kyrgyz migrants that cites only an article binding the State of
/// employment is out of its scope too, and naming it there is an error that says why.
#[test]
fn a_report_on_a_state_of_origin_leaves_out_other_nationals_and_employment_only_articles() {
    let p = Project::base();
    p.write(
        "testimonies/abroad.yaml",
        "- id: t-uzbek\n  consent: anonymous\n  speaker: {description: \"a migrant worker\", nationality: UZB}\n  country: KAZ\n  text: We were not paid.\n\
         - id: t-kyrgyz\n  consent: anonymous\n  speaker: {description: \"a migrant worker\", nationality: KGZ}\n  country: KAZ\n  text: We were not paid either.\n",
    );
    p.write(
        "findings/uzbek.md",
        "---\nid: uzbek\ntitle: Uzbek workers unpaid in Kazakhstan\nstate: KAZ\nprovisions: [ICRMW art. 23]\n---\nText.\n\n![[t-uzbek]]\n",
    );
    p.write(
        "findings/equal-pay.md",
        "---\nid: equal-pay\ntitle: Kyrgyz workers paid less in Kazakhstan\nstate: KAZ\nprovisions: [ICESCR art. 7]\n---\nText.\n\n![[t-kyrgyz]]\n",
    );
    let report = p.read("report.yaml").replace(
        "    findings: [wages]",
        "    findings: [wages, uzbek, equal-pay]",
    );
    p.write(
        "report.yaml",
        format!("{report}  - alternative-report: {{body: CMW, state: KGZ, formats: [html], findings: [wages, equal-pay]}}\n"),
    );
    let run = p.check();
    assert!(
        run.stdout.contains("finding `equal-pay` concerns nationals of Kyrgyzstan abroad but engages no article of the ICRMW that binds a State of origin"),
        "{run}"
    );
    // Without the listed finding that is out of scope, the report carries only Kyrgyzstan's own.
    p.write(
        "report.yaml",
        format!("{report}  - alternative-report: {{body: CMW, state: KGZ, formats: [html]}}\n"),
    );
    let checked = rapporteur::check(p.path()).unwrap();
    let s = checked
        .report
        .outputs
        .iter()
        .find_map(|o| match o {
            Output::Submission(s) if s.body().is_some() => Some((**s).clone()),
            _ => None,
        })
        .unwrap();
    let v = submission::build(
        &checked.report,
        &checked.dataset,
        &s,
        rapporteur::model::raw::Audience::Public,
    );
    assert_eq!(v.findings, vec!["wages".to_string()]);
}

/// `check` warns when a finding cites an article that binds none of its states in the role they
/// appear in, and follows the roles for ratification: art. 23 in a finding about Kazakhstan's
/// conduct towards Kyrgyz nationals binds Kyrgyzstan, which is party.
#[test]
fn check_warns_on_an_article_that_binds_no_state_in_its_role() {
    let p = Project::base();
    p.write(
        "testimonies/abroad.yaml",
        "- id: t-kyrgyz\n  consent: anonymous\n  speaker: {description: \"a migrant worker\", nationality: KGZ}\n  country: KAZ\n  text: The consul never came.\n",
    );
    p.write(
        "findings/wages.md",
        "---\nid: wages\ntitle: Wages withheld\nstate: KGZ\nthemes: [wage-theft]\nprovisions: [ICRMW art. 25, ICRMW art. 65]\n---\nEmployers withhold wages [@m-union].\n\n![[t-worker]]\n\n![[t-kyrgyz]]\n",
    );
    p.write(
        "findings/consul.md",
        "---\nid: consul\ntitle: Consuls absent in Kazakhstan\nstate: KAZ\nprovisions: [ICRMW art. 23, ICRMW art. 22]\n---\nText.\n\n![[t-kyrgyz]]\n",
    );
    let report = p
        .read("report.yaml")
        .replace("    findings: [wages]", "    findings: [wages, consul]");
    p.write("report.yaml", report);
    p.check().expect(
        0,
        &[
            "findings/consul.md:5:29: warning: finding `consul` lists ICRMW art. 22 among the provisions engaged, but Kazakhstan has not ratified ICRMW",
            "findings/wages.md:6:14: warning: finding `wages` lists ICRMW art. 25, which binds only the State of employment; in this finding Kyrgyzstan is the State of origin",
        ],
    );
}
