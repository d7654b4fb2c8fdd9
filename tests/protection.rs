//! Witness protection: a corpus of leak attempts that the audit must catch in every channel of
//! every artifact, a corpus of legitimate texts that must not raise a false alarm, and the checks
//! and commands around consent.
//!
//! The fixture `tests/fixtures/build` has a pseudonymous witness, real name "Nurlanbek Zhumabaev",
//! published as "Umar U.", with the protected phone number "+996 555 123 456".

mod harness;

use harness::{Project, build_into, rapporteur};
use rapporteur::protect::audit;

/// Builds a changed copy of the fixture and returns (exit code, stderr).
fn build_with(edit: impl Fn(&Project), only: &str) -> harness::Run {
    let p = Project::fixture("build");
    edit(&p);
    let out = tempfile::tempdir().unwrap();
    build_into(p.path(), out.path(), &["--only", only])
}

fn append(p: &Project, file: &str, text: &str) {
    let mut s = p.read(file);
    s.push_str(text);
    p.write(file, s);
}

fn replace(p: &Project, file: &str, from: &str, to: &str) {
    let s = p.read(file);
    assert!(s.contains(from), "`{from}` not in {file}");
    p.write(file, s.replacen(from, to, 1));
}

/// One leak attempt: a name, and how it is smuggled into the project.
struct Attempt {
    name: &'static str,
    only: &'static str,
    edit: Box<dyn Fn(&Project)>,
}

fn attempts() -> Vec<Attempt> {
    fn a(name: &'static str, only: &'static str, edit: impl Fn(&Project) + 'static) -> Attempt {
        Attempt {
            name,
            only,
            edit: Box::new(edit),
        }
    }
    let para = |text: &'static str| {
        move |p: &Project| append(p, "findings/consent.md", &format!("\n{text}\n"))
    };
    vec![
        a(
            "surname in a paragraph",
            "html",
            para("We later met Zhumabaev again."),
        ),
        a(
            "first name in a paragraph",
            "html",
            para("Nurlanbek said it again."),
        ),
        a(
            "full name split across lines",
            "html",
            para("We met Nurlanbek\nZhumabaev in March."),
        ),
        a("name in a finding title", "html", |p| {
            replace(
                p,
                "findings/consent.md",
                "title: Consent levels decide the attribution",
                "title: The case of Zhumabaev",
            )
        }),
        a(
            "name in a heading of the text",
            "html",
            para("## What Zhumabaev saw"),
        ),
        a("name in a chapter title", "html", |p| {
            replace(
                p,
                "chapters/intro.md",
                "# Introduction",
                "# Introduction: Nurlanbek's story",
            )
        }),
        a("name in a part title", "html", |p| {
            replace(
                p,
                "report.yaml",
                "part: \"Findings\"",
                "part: \"Findings on Zhumabaev\"",
            )
        }),
        a(
            "name in a Markdown footnote",
            "html",
            para("A note.[^z]\n\n[^z]: Told by Zhumabaev himself."),
        ),
        a("name in a cited document's title", "html", |p| {
            replace(
                p,
                "sources.yaml",
                "A fictional source document",
                "Statement of Zhumabaev",
            )
        }),
        a("name in a meeting", "html", |p| {
            replace(
                p,
                "sources.yaml",
                "A fictional ministry",
                "Zhumabaev's employer",
            )
        }),
        a(
            "name in image alt text",
            "html",
            para("![Zhumabaev at the site](photo.png)"),
        ),
        a(
            "name in a link target",
            "html",
            para("See [the record](https://example.org/cases/zhumabaev)."),
        ),
        a(
            "name in link text",
            "html",
            para("See [Zhumabaev's file](https://example.org/x)."),
        ),
        a(
            "name in a table cell",
            "html",
            para("| who | what |\n| --- | --- |\n| Zhumabaev | unpaid |"),
        ),
        a("name in a recommendation", "html", |p| {
            replace(
                p,
                "recommendations/recs.yaml",
                "Guarantee every migrant",
                "Guarantee Zhumabaev and every migrant",
            )
        }),
        a("name in an addressee", "html", |p| {
            replace(
                p,
                "addressees.yaml",
                "The Kyrgyz authorities",
                "The Kyrgyz authorities (Zhumabaev's case)",
            )
        }),
        a("name in another testimony's text", "html", |p| {
            replace(
                p,
                "testimonies/all.yaml",
                "Nobody gave us a contract.",
                "Nobody gave Zhumabaev a contract.",
            )
        }),
        a("name in another testimony's description", "html", |p| {
            replace(
                p,
                "testimonies/all.yaml",
                "a seasonal farm worker",
                "a seasonal farm worker who knows Zhumabaev",
            )
        }),
        a(
            "name with a soft hyphen",
            "html",
            para("We met Zhuma\u{AD}baev."),
        ),
        a(
            "name with a zero-width space",
            "html",
            para("We met Zhuma\u{200B}baev."),
        ),
        a(
            "name as an HTML entity",
            "html",
            para("We met Zhuma&#98;aev."),
        ),
        a(
            "name split by emphasis",
            "html",
            para("We met Zhuma*baev* there."),
        ),
        a(
            "name hyphenated across lines",
            "html",
            para("We met Zhuma-\nbaev there."),
        ),
        a("name in capitals", "html", para("ZHUMABAEV was there.")),
        a("name with an accent", "html", para("Zhumabáev was there.")),
        a("name in Cyrillic", "html", para("Жумабаев был там.")),
        a("first name in Cyrillic", "html", para("Нурланбек был там.")),
        a(
            "name in another Latin spelling",
            "html",
            para("Jumabaev was there."),
        ),
        a(
            "protected phone number",
            "html",
            para("Call +996 555 123 456."),
        ),
        a(
            "protected phone number written differently",
            "html",
            para("Call 996-555-123-456."),
        ),
        a("name in the PDF title metadata", "pdf", |p| {
            replace(
                p,
                "report.yaml",
                "title: \"Build fixture: hostile text and consent\"",
                "title: \"The Zhumabaev file\"",
            )
        }),
        a("name in the PDF author metadata", "pdf", |p| {
            replace(
                p,
                "report.yaml",
                "name: \"Test NGO\"",
                "name: \"Test NGO and Zhumabaev\"",
            )
        }),
        a("name in the PDF outline", "pdf", |p| {
            replace(
                p,
                "findings/consent.md",
                "title: Consent levels decide the attribution",
                "title: Zhumabaev",
            )
        }),
        a(
            "name in a footnote of the PDF",
            "pdf",
            para("A note.[^z]\n\n[^z]: Told by Nurlanbek."),
        ),
    ]
}

/// Every leak attempt in the corpus stops the build, and nothing is written: either `check`
/// finds the protected string in the source (file and line) or the leak audit finds it in an
/// artifact (the artifact and the testimony). At least some attempts must get past `check` and
/// be caught by the audit alone (those the source does not show: entities, split words, other
/// scripts in the output, metadata).
#[test]
fn leak_corpus_is_caught_in_every_channel() {
    let corpus = attempts();
    assert!(corpus.len() >= 30);
    let mut missed = vec![];
    let (mut by_check, mut by_audit) = (0, 0);
    for att in &corpus {
        let run = build_with(&att.edit, att.only);
        let audit = run.stderr.contains("which testimony `t-pseudo` protects")
            && run
                .stderr
                .contains("the previous artifacts were left in place");
        let check = run.stderr.contains("is protected by testimony `t-pseudo`")
            && run.stderr.contains("nothing was written");
        if run.code == Some(1) && (audit || check) {
            if check {
                by_check += 1
            } else {
                by_audit += 1;
                eprintln!("caught by the leak audit only: {}", att.name);
            }
        } else {
            missed.push(format!("{}: {run}", att.name));
        }
    }
    eprintln!("caught by check: {by_check}, by the leak audit: {by_audit}");
    assert!(
        by_audit >= 3,
        "the audit alone should catch what check cannot see ({by_audit})"
    );
    assert!(
        missed.is_empty(),
        "{} of {} leak attempts not caught:\n{}",
        missed.len(),
        corpus.len(),
        missed.join("\n")
    );
}

/// Texts that must raise no alarm: the pseudonym, the region, the country, other names that
/// share letters with the real one, name parts shorter than three letters, numbers.
fn legitimate_texts(p: &Project) {
    // A real name with short parts: "Li" and "An" are not protected words.
    replace(
        p,
        "testimonies/all.yaml",
        "name: \"Nurlanbek Zhumabaev\"",
        "name: \"Li An Nurlanbek Zhumabaev\"",
    );
    append(
        p,
        "findings/consent.md",
        "\nUmar U. lives in Osh Oblast, Kyrgyzstan. Nurlan and Zhuma are other people; Bek Nurlanovich too.\n\
         An inspector and Li from the ministry came. Kara-Balta and Kazakhstan are places. In 2024, 555 workers\n\
         and 996 families (code +996) were counted; 123 456 som were paid. Jumaev and Mamatov are other names.\n",
    );
}

/// Legitimate texts raise no alarm in the HTML.
#[test]
fn legitimate_texts_raise_no_alarm() {
    let run = build_with(legitimate_texts, "html");
    assert_eq!(run.code, Some(0), "false alarm:\n{run}");
}

/// Legitimate texts raise no alarm in the PDF (its text, metadata and outline) nor in the Typst
/// source.
#[test]
#[cfg_attr(no_typst, ignore = "typst is not on PATH")]
fn legitimate_texts_raise_no_alarm_in_the_pdf() {
    let run = build_with(legitimate_texts, "pdf");
    assert_eq!(run.code, Some(0), "false alarm:\n{run}");
}

/// The audit reads every kind of artifact: a CSV cell, a JSON value, Word's XML parts.
#[test]
fn audit_reads_csv_json_and_docx_artifacts() {
    let checked = rapporteur::check(&harness::fixture_path("build")).unwrap();
    let protected = audit::protected(&checked.report);
    let csv = "id,text\nr1,\"Met Zhumabaev, who said so\"\n";
    assert_eq!(audit::scan("recs.csv", csv.as_bytes(), &protected).len(), 1);
    let json = r#"{"text": "Nurlanbek\n said"}"#;
    assert_eq!(
        audit::scan("recs.json", json.as_bytes(), &protected).len(),
        1
    );
    // A minimal .docx: a zip whose document part holds the name split over two runs.
    let mut buf = std::io::Cursor::new(vec![]);
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        z.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        std::io::Write::write_all(
            &mut z,
            b"<w:p><w:r><w:t>Zhuma</w:t></w:r><w:r><w:t>baev</w:t></w:r></w:p>",
        )
        .unwrap();
        z.finish().unwrap();
    }
    let leaks = audit::scan("submission.docx", buf.get_ref(), &protected);
    assert_eq!(leaks.len(), 1, "{leaks:?}");
    assert!(
        audit::scan(
            "clean.csv",
            b"id,text\nr1,Umar U. in Osh Oblast\n",
            &protected
        )
        .is_empty()
    );
}

/// Contact details in a testimony's text are an error for `check`, whatever the consent.
#[test]
fn contact_details_in_testimony_text_are_errors() {
    let p = Project::fixture("build");
    replace(
        &p,
        "testimonies/all.yaml",
        "Nobody gave us a contract.",
        "Nobody gave us a contract; write to farm.worker@example.org or call +996 700 111 222.",
    );
    let run = p.check();
    assert_eq!(run.code, Some(1), "{run}");
    assert!(run.stdout.contains("error: the text of testimony `t-anon` contains an e-mail address (`farm.worker@example.org`): contact details are never published"), "{run}");
    assert!(
        run.stdout
            .contains("contains a phone number (`+996 700 111 222`)"),
        "{run}"
    );
}

/// `check` warns when a pseudonym shares the real initial, when two people share a pseudonym,
/// when a protected name part is published by another testimony, and about quasi-identifiers.
#[test]
fn check_warns_about_pseudonyms_and_quasi_identifiers() {
    let p = Project::fixture("build");
    replace(
        &p,
        "testimonies/all.yaml",
        "pseudonym: \"Umar U.\"",
        "pseudonym: \"Nurbek N.\"",
    );
    replace(
        &p,
        "testimonies/all.yaml",
        "speaker: {description: \"a seasonal farm worker\", gender: female}",
        "speaker: {description: \"a 41-year-old baker from Kara-Suu\", gender: female, age: 41, occupation: baker, pseudonym: \"Nurbek N.\", name: \"Aida Zhumabaeva\"}\n  region: \"Osh Oblast\"",
    );
    replace(
        &p,
        "testimonies/all.yaml",
        "- id: t-anon\n  consent: anonymous",
        "- id: t-anon\n  consent: pseudonymous",
    );
    let run = p.check();
    let out = &run.stdout;
    assert!(out.contains("warning: testimony `t-pseudo`: the pseudonym `Nurbek N.` starts with the same letter as the real first name"), "{run}");
    assert!(
        out.contains(
            "warning: testimony `t-anon` uses the pseudonym `Nurbek N.` of testimony `t-pseudo`"
        ),
        "{run}"
    );
    assert!(out.contains("the description names the exact place `Kara-Suu`; write the region (`Osh Oblast`) instead"), "{run}");
    assert!(
        out.contains("age, occupation, place and date together may identify the person"),
        "{run}"
    );
}

/// A name part that another witness publishes is reported, and `publishable` records the
/// authors' decision (and the audit then lets it through).
#[test]
fn shared_name_parts_are_reported_and_can_be_allowed() {
    let p = Project::fixture("build");
    replace(
        &p,
        "testimonies/all.yaml",
        "speaker: {description: \"a tester\", gender: undisclosed}",
        "speaker: {name: \"Nurlanbek Asanov\", description: \"a tester\", gender: undisclosed}",
    );
    replace(
        &p,
        "testimonies/all.yaml",
        "- id: t-hostile\n  consent: anonymous",
        "- id: t-hostile\n  consent: named",
    );
    let run = p.check();
    assert!(run.stdout.contains("warning: `Nurlanbek`, part of the real name in testimony `t-pseudo`, is also published by testimony `t-hostile`; the leak audit will stop a public build"), "{run}");
    let out = tempfile::tempdir().unwrap();
    let b = build_into(p.path(), out.path(), &["--only", "html"]);
    assert_eq!(b.code, Some(1), "{b}");
    replace(
        &p,
        "testimonies/all.yaml",
        "    pseudonym: \"Umar U.\"",
        "    pseudonym: \"Umar U.\"\n    publishable: [Nurlanbek]",
    );
    let run = p.check();
    assert!(
        !run.stdout.contains("shared-name") && !run.stdout.contains("is also published by"),
        "{run}"
    );
    let b = build_into(p.path(), out.path(), &["--only", "html"]);
    assert_eq!(b.code, Some(0), "{b}");
}

/// `pseudonym` proposes names of the speaker's gender and culture, never the real initials nor a
/// name already used, and a fresh seed gives other proposals.
#[test]
fn pseudonym_command_proposes_safe_names() {
    let fixture = harness::fixture_path("build");
    let run = rapporteur([
        "pseudonym",
        &fixture.display().to_string(),
        "--seed",
        "42",
        "--count",
        "6",
    ]);
    assert_eq!(run.code, Some(0), "{run}");
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("t-pseudo (kyrgyz, male; now `Umar U.`): "))
        .expect("a line for t-pseudo");
    let names: Vec<&str> = line.split(": ").nth(1).unwrap().split(", ").collect();
    assert_eq!(names.len(), 6);
    for n in &names {
        assert!(
            !n.starts_with('N') && !n.starts_with('Z') && !n.starts_with("Umar"),
            "{n}"
        );
    }
    let again = rapporteur([
        "pseudonym",
        &fixture.display().to_string(),
        "--seed",
        "42",
        "--count",
        "6",
    ]);
    assert_eq!(
        again.stdout, run.stdout,
        "the same seed repeats the proposals"
    );
    let other = rapporteur(["pseudonym", &fixture.display().to_string(), "--count", "6"]);
    assert!(other.stdout.contains("seed "), "{other}");
}

/// `audit` lists, per testimony, consent, where it is cited and how it is attributed.
#[test]
fn audit_command_reviews_every_testimony() {
    let run = rapporteur([
        "audit",
        &harness::fixture_path("build").display().to_string(),
    ]);
    assert_eq!(run.code, Some(0), "{run}");
    let out = &run.stdout;
    assert!(
        out.contains("3 testimonies (0 named, 1 pseudonymous, 2 anonymous, 0 internal)"),
        "{out}"
    );
    assert!(
        out.contains("t-pseudo  [pseudonymous]  testimonies/all.yaml:8  (paraphrased)"),
        "{out}"
    );
    assert!(
        out.contains("    embedded in finding `consent` (findings/consent.md)"),
        "{out}"
    );
    assert!(
        out.contains(
            "    publication (public): Umar U., a construction worker, Osh Oblast, March 2024"
        ),
        "{out}"
    );
    assert!(out.contains("    never published: `Nurlanbek Zhumabaev`, `Nurlanbek`, `Zhumabaev`, `+996 555 123 456`"), "{out}");
}

/// An internal testimony that nothing cites is what internal means: `check` does not warn about
/// it on every run; `audit` says once that it is kept for the authors and never published.
#[test]
fn an_uncited_internal_testimony_is_reported_once_by_audit_not_by_check() {
    let p = Project::base();
    p.write(
        "testimonies/internal.yaml",
        "- id: t-internal\n  consent: internal\n  speaker: {name: \"Aibek Sultanov\", description: \"a driver\"}\n  country: KGZ\n  text: Notes for the authors only.\n",
    );
    p.check().expect_clean();
    let run = rapporteur(["audit", &p.path().display().to_string()]);
    assert_eq!(run.code, Some(0), "{run}");
    assert_eq!(
        run.stdout
            .matches("1 internal testimony is not cited anywhere, as intended: kept for the authors, never published.")
            .count(),
        1,
        "{run}"
    );
}

/// `![[stats:interviews]]` becomes a table and a chart in the HTML and the PDF.
#[test]
#[cfg_attr(
    any(no_typst, no_pdftotext),
    ignore = "needs typst and pdftotext on PATH"
)]
fn interview_figures_appear_in_html_and_pdf() {
    let p = Project::fixture("build");
    append(&p, "chapters/intro.md", "\n![[stats:interviews]]\n");
    let out = tempfile::tempdir().unwrap();
    let run = build_into(p.path(), out.path(), &[]);
    assert_eq!(run.code, Some(0), "{run}");
    let html = std::fs::read_to_string(out.path().join("publication.html")).unwrap();
    assert!(html.contains("<figure class=\"stats\"><figcaption>3 interviews, March 2024 to March 2024</figcaption>"), "{html}");
    assert!(
        html.contains("<td>women</td><td class=\"num\">1 <span class=\"bar\""),
        "{html}"
    );
    let txt = harness::pdf_text(&out.path().join("publication.pdf"));
    assert!(
        txt.contains("3 interviews, March 2024 to March 2024"),
        "{txt}"
    );
}

/// Each output may have its own audience: one build writes the public artifacts to `out/` (after
/// the leak audit) and the internal ones to `out/internal/`, never side by side.
#[test]
fn per_output_audiences_go_to_separate_folders() {
    let p = Project::fixture("build");
    replace(
        &p,
        "report.yaml",
        "  - publication: {formats: [html, pdf]}",
        "  - publication: {formats: [html]}\n  - publication: {formats: [html], audience: internal}",
    );
    let out = tempfile::tempdir().unwrap();
    let run = build_into(p.path(), out.path(), &[]);
    assert_eq!(run.code, Some(0), "{run}");
    let public = std::fs::read_to_string(out.path().join("publication.html")).unwrap();
    let internal = std::fs::read_to_string(out.path().join("internal/publication.html")).unwrap();
    assert!(!public.contains("Zhumabaev") && !public.contains("CONFIDENTIAL"));
    assert!(internal.contains("Nurlanbek Zhumabaev") && internal.contains("CONFIDENTIAL"));
}

/// `check` finds a protected name written in published source text, with its file and line,
/// before any build.
#[test]
fn check_finds_protected_names_in_the_sources() {
    let p = Project::fixture("build");
    append(&p, "findings/consent.md", "\nWe met Zhumabaev in March.\n");
    replace(
        &p,
        "sources.yaml",
        "A fictional source document",
        "Statement of Нурланбек",
    );
    let run = p.check();
    assert_eq!(run.code, Some(1), "{run}");
    let lines = p.read("findings/consent.md").lines().count();
    assert!(
        run.stdout.contains(&format!(
            "findings/consent.md:{lines}:8: error: `Zhumabaev` is protected by testimony `t-pseudo`"
        )),
        "{run}"
    );
    assert!(run.stdout.contains("sources.yaml:2:"), "{run}");
}
