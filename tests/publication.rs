//! The publication (issue: HTML and PDF): the real binary builds projects, and the tests look at
//! the artifacts the way a reader would: the PDF's text through `pdftotext`, the HTML's
//! structure, the page in headless Chromium.
//!
//! Tests that need an outside tool (typst, pdftotext, chromium) are ignored when it is not on
//! PATH (`build.rs` sets `no_<tool>`); with `RAPPORTEUR_REQUIRE_TOOLS=1` (set by `scripts/test`
//! and CI) they run, and fail if the tool is missing.

mod harness;

use harness::{
    Project, build_into, content, fold, libreoffice_to_pdf, pdf_text, rapporteur, repo, temp_out,
};
use std::path::Path;
use std::process::Command;

/// `rapporteur build <project> --out <out> [extra]`, asserting success.
fn build(project: &Path, out: &Path, extra: &[&str]) -> harness::Run {
    let run = build_into(project, out, extra);
    assert_eq!(run.code, Some(0), "build failed\n{run}");
    run
}

/// Pages of the PDF's text (pdftotext separates pages with form feeds).
fn pdf_pages(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    String::from_utf8_lossy(&out.stdout)
        .split('\u{c}')
        .map(fold)
        .filter(|p| !p.is_empty())
        .collect()
}

/// The flagship's PDF holds the title, every finding title, a pseudonymous attribution, a
/// footnote, one addressee's recommendations and the ratification table.
#[test]
#[cfg_attr(
    any(no_typst, no_pdftotext),
    ignore = "needs typst and pdftotext on PATH"
)]
fn flagship_pdf_carries_what_a_reader_checks() {
    let out = temp_out();
    let run = build(&content(), out.path(), &["--only", "pdf"]);
    assert!(run.stdout.contains("publication.pdf"), "{run}");
    let text = pdf_text(&out.path().join("publication.pdf"));
    assert!(text.contains("Invisible and exploited in Kazakhstan"));
    // The parts are numbered as in the original report; the context part (`numbered: false`)
    // stands outside the sequence.
    assert!(
        text.contains("Part I. Human rights violations of Kyrgyz migrant workers in Kazakhstan")
    );
    assert!(!text.contains("Part I. Context"));
    assert!(text.contains("Context: freedom of association and the 2017 political crisis"));
    let checked = rapporteur::check(&content()).unwrap();
    // The titles are printed with English quotation marks and apostrophes.
    let marks = ["“", "”", "‘", "’"].map(String::from);
    for f in &checked.report.findings {
        assert!(
            text.contains(&fold(&rapporteur::view::typography::text(&marks, &f.title))),
            "finding title missing from the PDF: {}",
            f.title
        );
    }
    // A pseudonymous testimony: pseudonym, description, region, month and year; never the exact place.
    assert!(
        text.contains("Almakhan K., a woman migrant from Uzbekistan who came to Kazakhstan with her daughter, South Kazakhstan Oblast, November 2017"),
        "pseudonymous attribution missing"
    );
    // A footnote citing a UN document by its symbol.
    assert!(
        text.contains("CCPR/C/KAZ/CO/2"),
        "footnote with the CCPR concluding observations missing"
    );
    // The recommendations to the European Union, under their heading.
    let eu = text.find("To the European Union").expect("EU heading");
    let after = &text[eu..];
    for rec in checked
        .report
        .recommendations
        .iter()
        .filter(|r| r.to == ["eu"])
    {
        let words: String = rec
            .text
            .markdown
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        let words = rapporteur::view::typography::text(&marks, &words);
        if !words.contains("[[") {
            assert!(
                after.contains(&words),
                "EU recommendation `{}` not found: {words}",
                rec.id
            );
        }
    }
    // The ratification table: Kyrgyzstan acceded to the ICRMW in 2003; Kazakhstan did not.
    let annex = text
        .rfind("Ratification of the instruments cited")
        .expect("ratification annex");
    let table = &text[annex..];
    assert!(
        table.contains("ICRMW") && table.contains("not ratified") && table.contains("2003"),
        "ratification table"
    );
}

/// Testimony text with Typst, Markdown, HTML and template syntax comes out literally in both
/// the PDF and the HTML, with nothing evaluated.
#[test]
#[cfg_attr(
    any(no_typst, no_pdftotext),
    ignore = "needs typst and pdftotext on PATH"
)]
fn hostile_testimony_text_stays_literal_in_pdf_and_html() {
    let p = Project::fixture("build");
    let out = temp_out();
    build(p.path(), out.path(), &[]);
    // The straight quotes an author types become the language's marks (“ ”), as in all prose;
    // every other character comes out as written.
    let hostile = r#"HOSTILESTART #read(“/etc/passwd”) #sys.exit() $x$ <b>bold</b> ] * _ @ref // /* = \ {{ x }} {% raw %} HOSTILEEND"#;
    let text = pdf_text(&out.path().join("publication.pdf"));
    assert!(
        text.contains(hostile),
        "PDF text does not hold the hostile string literally:\n{}",
        &text[text.find("HOSTILESTART").unwrap_or(0)..][..200.min(text.len())]
    );
    assert!(!text.contains("root:x:0"), "a file was read into the PDF");
    let html = std::fs::read_to_string(out.path().join("publication.html")).unwrap();
    let escaped = r#"HOSTILESTART #read(“/etc/passwd”) #sys.exit() $x$ &lt;b&gt;bold&lt;/b&gt; ] * _ @ref // /* = \ {{ x }} {% raw %} HOSTILEEND"#;
    assert!(
        html.contains(escaped),
        "HTML does not hold the hostile string escaped"
    );
    assert!(!html.contains("<b>bold"), "author HTML was passed through");
}

/// Kyrgyz letters survive into the PDF (the fonts cover them).
#[test]
#[cfg_attr(
    any(no_typst, no_pdftotext),
    ignore = "needs typst and pdftotext on PATH"
)]
fn kyrgyz_letters_reach_the_pdf() {
    let p = Project::fixture("build");
    let out = temp_out();
    build(p.path(), out.path(), &["--only", "pdf"]);
    let text = pdf_text(&out.path().join("publication.pdf"));
    assert!(
        text.contains("Ырыс, Өмүр and Үмүт") && text.contains("ң, ө and ү"),
        "Cyrillic text lost"
    );
    assert!(
        harness::pdf_fonts(&out.path().join("publication.pdf")).contains("Libertinus"),
        "fonts are embedded"
    );
}

/// Consent levels decide the attribution: a pseudonymous witness appears by pseudonym, region
/// and month; an anonymous one by description, country and year; exact places never.
#[test]
#[cfg_attr(
    any(no_typst, no_pdftotext),
    ignore = "needs typst and pdftotext on PATH"
)]
fn attributions_follow_consent_levels() {
    let p = Project::fixture("build");
    let out = temp_out();
    build(p.path(), out.path(), &[]);
    let text = pdf_text(&out.path().join("publication.pdf"));
    let html = std::fs::read_to_string(out.path().join("publication.html")).unwrap();
    for t in [&text, &html] {
        assert!(t.contains("Umar U., a construction worker, Osh Oblast, March 2024"));
        assert!(t.contains("A seasonal farm worker, Kyrgyzstan, 2024"));
        assert!(!t.contains("Kara-Suu"), "an exact place was published");
        assert!(
            !t.contains("Zhumabaev") && !t.contains("Nurlanbek"),
            "a real name was published"
        );
    }
}

/// Every PDF a build writes (publication, submissions, recommendation sheets) declares PDF/A-2b
/// and PDF/UA-1 in its XMP metadata, with the document's title and language: typst enforced both
/// standards while compiling it.
#[test]
#[cfg_attr(no_typst, ignore = "typst is not on PATH")]
fn every_pdf_is_archival_and_accessible() {
    let out = temp_out();
    let run = build(&content(), out.path(), &["--only", "pdf"]);
    assert_eq!(run.code, Some(0), "{run}");
    let pdfs: Vec<_> = walkdir::WalkDir::new(out.path())
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    assert!(pdfs.len() > 10, "only {} PDFs", pdfs.len());
    for pdf in pdfs {
        let bytes = std::fs::read(&pdf).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for want in [
            "<pdfaid:part>2</pdfaid:part>",
            "<pdfaid:conformance>B</pdfaid:conformance>",
            "<pdfuaid:part>1</pdfuaid:part>",
            "<dc:title>",
            "<dc:language>",
        ] {
            assert!(text.contains(want), "{}: no {want}", pdf.display());
        }
    }
}

/// Building the same project twice gives byte-identical PDF and HTML.
#[test]
#[cfg_attr(no_typst, ignore = "typst is not on PATH")]
fn builds_are_reproducible() {
    let (a, b) = (temp_out(), temp_out());
    build(&content(), a.path(), &[]);
    build(&content(), b.path(), &[]);
    for f in ["publication.html", "publication.pdf"] {
        let x = std::fs::read(a.path().join(f)).unwrap();
        let y = std::fs::read(b.path().join(f)).unwrap();
        assert!(x == y, "{f} differs between two builds");
    }
}

/// An internal build goes to `out-internal/` beside `out/` (never inside it) and marks every page
/// confidential.
#[test]
#[cfg_attr(
    any(no_typst, no_pdftotext),
    ignore = "needs typst and pdftotext on PATH"
)]
fn internal_build_is_separate_and_marked_confidential() {
    let p = Project::fixture("build");
    let tmp = temp_out();
    let out = tmp.path().join("out");
    build(p.path(), &out, &["--audience", "internal"]);
    assert!(
        !out.join("publication.pdf").exists() && !out.join("internal").exists(),
        "internal artifacts in the public folder"
    );
    let internal = tmp.path().join("out-internal");
    let pdf = internal.join("publication.pdf");
    for (i, page) in pdf_pages(&pdf).iter().enumerate() {
        assert!(
            page.to_uppercase().contains("CONFIDENTIAL"),
            "page {} is not marked confidential",
            i + 1
        );
    }
    let html = std::fs::read_to_string(internal.join("publication.html")).unwrap();
    assert!(html.contains("CONFIDENTIAL"));
    assert!(
        html.contains("Nurlanbek Zhumabaev"),
        "an internal build includes the real name"
    );
}

/// A leak found by the audit fails the build and leaves the previous artifacts untouched.
#[test]
#[cfg_attr(no_typst, ignore = "typst is not on PATH")]
fn failed_leak_audit_keeps_previous_artifacts() {
    let p = Project::fixture("build");
    let out = temp_out();
    build(p.path(), out.path(), &[]);
    let before_pdf = std::fs::read(out.path().join("publication.pdf")).unwrap();
    let before_html = std::fs::read(out.path().join("publication.html")).unwrap();
    // The real surname slips into the project's own HTML template (`check` reads the sources,
    // not the templates; the audit reads the rendered page).
    let template =
        std::fs::read_to_string(harness::repo().join("templates/html/publication.html")).unwrap();
    p.write(
        "templates/html/publication.html",
        template.replacen("</body>", "<p>Thanks to Mr Zhumabaev.</p></body>", 1),
    );
    let run = build_into(p.path(), out.path(), &[]);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(
        run.stderr.contains(
            "`publication.html` contains `Zhumabaev`, which testimony `t-pseudo` protects"
        ),
        "{run}"
    );
    assert!(
        run.stderr
            .contains("the previous artifacts were left in place"),
        "{run}"
    );
    assert_eq!(
        std::fs::read(out.path().join("publication.pdf")).unwrap(),
        before_pdf
    );
    assert_eq!(
        std::fs::read(out.path().join("publication.html")).unwrap(),
        before_html
    );
    let leftovers: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "stray files in the output folder: {leftovers:?}"
    );
}

/// A content error stops the build before anything is written.
#[test]
fn content_errors_write_nothing() {
    let p = Project::fixture("build");
    p.write(
        "recommendations/recs.yaml",
        p.read("recommendations/recs.yaml")
            .replace("to: [ilo]", "to: [ilo-x]"),
    );
    let out = temp_out();
    let run = build_into(p.path(), out.path(), &[]);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(
        run.stderr
            .contains("unknown addressee `ilo-x`; did you mean `ilo`?"),
        "{run}"
    );
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
}

/// Without typst, the error says exactly how to install the supported version.
#[test]
fn missing_typst_says_how_to_install_it() {
    let p = Project::fixture("build");
    let out = temp_out();
    let run = harness::rapporteur_env(
        [
            "build",
            &p.path().display().to_string(),
            "--out",
            &out.path().display().to_string(),
            "--only",
            "pdf",
        ],
        &[("RAPPORTEUR_TYPST", "/nonexistent/typst")],
    );
    assert_eq!(run.code, Some(2), "{run}");
    assert!(
        run.stderr
            .contains("cargo install --locked typst-cli --version 0.15.1"),
        "{run}"
    );
}

/// The HTML opens in headless Chromium without console errors, every internal link resolves,
/// and a screenshot can be taken.
#[test]
#[cfg_attr(no_chromium, ignore = "chromium is not on PATH")]
fn html_renders_in_chromium_with_resolving_links() {
    let out = temp_out();
    build(&content(), out.path(), &["--only", "html"]);
    let page = out.path().join("publication.html");
    // A test copy of the page with a script that checks every internal link in the browser.
    let html = std::fs::read_to_string(&page).unwrap();
    let probe = r##"<script>
window.addEventListener('load', () => {
  const bad = [...document.querySelectorAll('a[href^="#"]')].filter(a => !document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1))));
  const n = document.querySelectorAll('a[href^="#"]').length;
  document.body.setAttribute('data-links', String(n));
  document.body.setAttribute('data-broken', bad.map(a => a.getAttribute('href')).join(' '));
});
</script></body>"##;
    let probed = out.path().join("probe.html");
    std::fs::write(&probed, html.replace("</body>", probe)).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let chromium = |extra: &[String]| {
        Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--enable-logging=stderr",
                "--v=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(extra)
            .output()
            .expect("chromium")
    };
    let dom = chromium(&["--dump-dom".into(), format!("file://{}", probed.display())]);
    let dom_text = String::from_utf8_lossy(&dom.stdout);
    let stderr = String::from_utf8_lossy(&dom.stderr);
    let console_errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("CONSOLE") && (l.contains("ERROR") || l.contains("Uncaught")))
        .collect();
    assert!(
        console_errors.is_empty(),
        "console errors: {console_errors:?}"
    );
    assert!(
        dom_text.contains("data-broken=\"\""),
        "broken internal links: {}",
        dom_text
            .split("data-broken=\"")
            .nth(1)
            .map(|s| &s[..s.find('"').unwrap_or(0)])
            .unwrap_or("(probe did not run)")
    );
    let links: usize = dom_text
        .split("data-links=\"")
        .nth(1)
        .and_then(|s| s[..s.find('"')?].parse().ok())
        .unwrap_or(0);
    assert!(
        links > 500,
        "expected the contents, cross-references and notes to be linked, found {links} internal links"
    );
    let shot = out.path().join("shot.png");
    let s = chromium(&[
        "--window-size=1200,1600".into(),
        format!("--screenshot={}", shot.display()),
        format!("file://{}", page.display()),
    ]);
    assert!(s.status.success(), "screenshot failed");
    let png = std::fs::read(&shot).expect("no screenshot written");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "the screenshot looks empty ({} bytes)",
        png.len()
    );
}

/// The HTML's structure: one h1, a contents list, footnotes linked both ways, testimonies as
/// figures with blockquotes, provisions linked to their official text.
#[test]
fn html_structure_links_notes_both_ways() {
    let p = Project::fixture("build");
    let out = temp_out();
    build(p.path(), out.path(), &["--only", "html"]);
    let html = std::fs::read_to_string(out.path().join("publication.html")).unwrap();
    assert_eq!(html.matches("<h1>").count(), 1);
    assert!(html.contains("<nav class=\"toc\""));
    for n in 1..=4 {
        assert!(
            html.contains(&format!("id=\"note-ref-{n}\" href=\"#note-{n}\"")),
            "note call {n}"
        );
        assert!(
            html.contains(&format!("<li id=\"note-{n}\" value=\"{n}\">")),
            "note {n}"
        );
        assert!(
            html.contains(&format!("href=\"#note-ref-{n}\"")),
            "back link {n}"
        );
    }
    assert!(html.contains("<figure class=\"testimony\""));
    assert!(html.contains("<a class=\"provision\" id=\"cite-1\" href=\"https://"));
    assert!(html.contains("<a class=\"xref\" href=\"#hostile\">section I.1</a>"));
}

/// A project's `templates/` overrides a built-in template by its path.
#[test]
fn project_templates_override_built_in_ones() {
    let p = Project::fixture("build");
    p.write(
        "templates/html/publication.html",
        "<!DOCTYPE html><html lang=\"{{ meta.language }}\"><body><h1>OVERRIDE {{ meta.title }}</h1>{% for s in sections %}<section id=\"{{ s.anchor }}\">{{ s.body | safe }}</section>{% endfor %}</body></html>",
    );
    let out = temp_out();
    build(p.path(), out.path(), &["--only", "html"]);
    let html = std::fs::read_to_string(out.path().join("publication.html")).unwrap();
    assert!(
        html.contains("<h1>OVERRIDE Build fixture: hostile text and consent</h1>"),
        "{html}"
    );
}

/// A broken project template is an environment error naming the template, line and column.
#[test]
fn broken_project_template_is_reported_with_its_position() {
    let p = Project::fixture("build");
    p.write("templates/html/publication.html", "<p>{{ meta.title </p>\n");
    let out = temp_out();
    let run = build_into(p.path(), out.path(), &["--only", "html"]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(
        run.stderr.contains("templates/html/publication.html"),
        "{run}"
    );
    assert!(run.stderr.contains(":1:"), "no line number: {run}");
}

/// `typst --version` runs once per run of rapporteur, not once per PDF: a build of the
/// publication and three recommendation sheets (four compilations) asks for the version once.
/// RAPPORTEUR_TYPST points at a wrapper that logs each call and runs the real typst.
#[test]
#[cfg(unix)]
#[cfg_attr(no_typst, ignore = "typst is not on PATH")]
fn typst_version_is_checked_once_per_run() {
    use std::os::unix::fs::PermissionsExt;
    let p = Project::fixture("build");
    let report = p.read("report.yaml").replace(
        "  - publication: {formats: [html, pdf]}",
        "  - publication: {formats: [pdf]}\n  - recommendations: {by: addressee, formats: [pdf]}",
    );
    p.write("report.yaml", report);
    let tools = temp_out();
    let log = tools.path().join("calls.log");
    let wrapper = tools.path().join("typst");
    std::fs::write(
        &wrapper,
        "#!/bin/sh\necho \"$1\" >> \"$TYPST_CALLS\"\nexec typst \"$@\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = temp_out();
    let run = harness::rapporteur_env(
        [
            "build",
            &p.path().display().to_string(),
            "--out",
            &out.path().display().to_string(),
        ],
        &[
            ("RAPPORTEUR_TYPST", &wrapper.display().to_string()),
            ("TYPST_CALLS", &log.display().to_string()),
        ],
    );
    assert_eq!(run.code, Some(0), "{run}");
    let calls = std::fs::read_to_string(&log).unwrap();
    let count = |arg: &str| calls.lines().filter(|l| *l == arg).count();
    assert_eq!(count("compile"), 4, "{calls}");
    assert_eq!(count("--version"), 1, "{calls}");
}

/// Every example project builds into all its outputs (minimal, uptake and the Kyrgyzstan CMW
/// report at least).
#[test]
#[cfg_attr(no_typst, ignore = "typst is not on PATH")]
fn every_example_builds() {
    let mut built = 0;
    for entry in std::fs::read_dir(repo().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if !path.join("report.yaml").is_file() {
            continue;
        }
        let out = temp_out();
        let run = build(&path, out.path(), &[]);
        assert!(
            run.stdout.contains("publication.pdf"),
            "{}: {run}",
            path.display()
        );
        assert!(out.path().join("publication.html").is_file());
        built += 1;
    }
    assert!(built >= 3, "examples built: {built}");
}

/// The build fixture with its publication asked for as Markdown only.
fn markdown_project() -> Project {
    let p = Project::fixture("build");
    let manifest = p.read("report.yaml").replace(
        "publication: {formats: [html, pdf]}",
        "publication: {formats: [md]}",
    );
    assert!(manifest.contains("formats: [md]"));
    p.write("report.yaml", manifest);
    p
}

/// The events of a Markdown document as CommonMark with footnotes and heading ids reads it.
fn markdown_events(md: &str) -> Vec<pulldown_cmark::Event<'_>> {
    use pulldown_cmark::Options;
    let options = Options::ENABLE_FOOTNOTES | Options::ENABLE_HEADING_ATTRIBUTES;
    pulldown_cmark::Parser::new_ext(md, options).collect()
}

/// `formats: [md]` makes the publication one Markdown file: the title, every section and finding
/// as headings in order, the recommendations numbered, every footnote call defined, and hostile
/// author text read back as the same text.
#[test]
fn markdown_publication_is_one_readable_file() {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let p = markdown_project();
    let out = temp_out();
    let run = build(p.path(), out.path(), &[]);
    assert!(run.stdout.contains("publication.md"), "{run}");
    let files: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files, ["publication.md"], "only the Markdown file is built");
    let md = std::fs::read_to_string(out.path().join("publication.md")).unwrap();
    // Headings, as a Markdown reader sees them.
    let mut headings: Vec<(u8, String)> = vec![];
    let mut open: Option<(u8, String)> = None;
    let (mut calls, mut defined) = (vec![], vec![]);
    let mut text = String::new();
    for e in markdown_events(&md) {
        match e {
            Event::Start(Tag::Heading { level, .. }) => open = Some((level as u8, String::new())),
            Event::End(TagEnd::Heading(_)) => headings.extend(open.take()),
            Event::Text(t) => {
                if let Some((_, h)) = open.as_mut() {
                    h.push_str(&t);
                }
                text.push_str(&t);
            }
            Event::FootnoteReference(n) => calls.push(n.to_string()),
            Event::Start(Tag::FootnoteDefinition(n)) => defined.push(n.to_string()),
            _ => {}
        }
    }
    let expected = [
        (1, "Build fixture: hostile text and consent"),
        (2, "Introduction"),
        (2, "Part I. Findings"),
        (3, "1. Hostile text stays text"),
        (3, "2. Consent levels decide the attribution"),
        (2, "Recommendations"),
        (3, "To the Kyrgyz authorities"),
        (4, "On access to justice"),
        (3, "To the International Labour Organization"),
        (4, "On unpaid and withheld wages"),
        (2, "Annex 1: Ratification of the instruments cited"),
        (2, "Annex 2: Meetings held"),
        (3, "In Kyrgyzstan"),
        (4, "Government agencies"),
        (2, "Annex 3: Table of authorities"),
    ];
    let main: Vec<(u8, &str)> = headings
        .iter()
        .filter(|(_, h)| !h.contains(" — "))
        .map(|(l, h)| (*l, h.as_str()))
        .collect();
    assert_eq!(main, expected, "{md}");
    assert!(md.contains("{#hostile}") && md.contains("[section I.1](#hostile)"));
    assert!(md.contains("- <a id=\"rec-kgz-justice\"></a>**R1** Guarantee"));
    calls.sort();
    calls.dedup();
    defined.sort();
    assert!(!calls.is_empty());
    assert_eq!(
        calls, defined,
        "every footnote call has its note, and only those"
    );
    // The quotes are the language's marks, as in every output; the rest is literal.
    let hostile = r#"HOSTILESTART #read(“/etc/passwd”) #sys.exit() $x$ <b>bold</b> ] * _ @ref // /* = \ {{ x }} {% raw %} HOSTILEEND"#;
    assert!(
        text.contains(hostile),
        "hostile text is not read back literally:\n{md}"
    );
    // The consent levels decide the attribution, as in the other formats.
    assert!(md.contains("Umar U., a construction worker") && !md.contains("Zhumabaev"));
}

/// The Markdown publication passes the leak audit like every artifact, read as its reader sees
/// it rendered: as built it passes; a protected name hidden by Markdown emphasis, in a link
/// target or cut by a reference link is found. (`check` already refuses such a name in the sources, so the artifact is
/// changed in memory, after writing, as a template or a bug could change it.)
#[test]
fn markdown_publication_is_audited() {
    use rapporteur::model::raw::{Audience, Format};
    use rapporteur::protect::audit;
    use rapporteur::write::{Env, templates::Templates};
    let p = markdown_project();
    let checked = rapporteur::check(p.path()).unwrap();
    let report = &checked.report;
    let templates = Templates::load(&checked.files.templates).unwrap();
    let mut env = Env::new(&templates, &report.meta);
    let (ds, public) = (&checked.dataset, Audience::Public);
    let made =
        rapporteur::output::publication(report, ds, public, &[Format::Md], &mut env).unwrap();
    assert_eq!(made.len(), 1);
    assert_eq!(
        (made[0].path.as_str(), made[0].format),
        ("publication.md", Format::Md)
    );
    assert!(audit::audit(report, public, made.clone()).is_ok());
    for smuggled in [
        "Mr Zhuma*baev* said",
        "[a link](https://example.org/Zhumabaev)",
        // A reference link cuts the name in the source; rendered, it reads whole.
        "Mr [Zhuma][n]baev said\n\n[n]: https://example.org/",
    ] {
        let mut changed = made.clone();
        changed[0].bytes.extend(format!("\n{smuggled}\n").bytes());
        let leaks = audit::audit(report, public, changed).expect_err(smuggled);
        assert_eq!(leaks.len(), 1, "{smuggled}: {leaks:?}");
        assert_eq!(
            (leaks[0].artifact.as_str(), leaks[0].what.as_str()),
            ("publication.md", "Zhumabaev"),
            "{smuggled}"
        );
    }
}

/// The finding titles (sub-findings included) of a publication view.
fn finding_titles(view: &rapporteur::view::publication::PublicationView) -> Vec<String> {
    use rapporteur::view::publication::{FindingView, Section};
    fn walk(f: &FindingView, out: &mut Vec<String>) {
        out.push(f.title.clone());
        f.subs.iter().for_each(|s| walk(s, out));
    }
    let mut out = vec![];
    for s in &view.sections {
        if let Section::Part { findings, .. } = s {
            findings.iter().for_each(|f| walk(f, &mut out));
        }
    }
    out
}

/// The Word publication opens in LibreOffice: converted to PDF, its text has every finding title
/// and every footnote's text; its parts have real Word footnotes (one per note), heading styles
/// for the navigation pane and a TOC field, and the testimonies in their own style.
#[test]
#[cfg_attr(
    any(no_pdftotext, no_libreoffice),
    ignore = "needs pdftotext and libreoffice on PATH"
)]
fn word_publication_has_every_finding_and_footnote_through_libreoffice() {
    let out = temp_out();
    build(&content(), out.path(), &["--only", "docx"]);
    let docx = out.path().join("publication.docx");
    let conv = libreoffice_to_pdf(&[&docx], out.path()).expect("libreoffice");
    assert!(conv.status.success(), "libreoffice failed: {conv:?}");
    let text = pdf_text(&out.path().join("publication.pdf"));
    // Without white space and hyphens: a long address breaks across lines without a space, and
    // pdftotext joins a word broken after a hyphen without it.
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect()
    };
    // A long footnote may continue on the next page, past the footer (the title, "Page N"):
    // the pages' text without their footers.
    let pages = Command::new("pdftotext")
        .arg(out.path().join("publication.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext");
    let body: String = String::from_utf8_lossy(&pages.stdout)
        .lines()
        .filter(|l| *l != "Invisible and exploited in Kazakhstan" && !l.starts_with("Page "))
        .collect();
    let squashed = squash(&body);

    let checked = rapporteur::check(&content()).unwrap();
    let view = rapporteur::view::publication::publication(
        &checked.report,
        &checked.dataset,
        rapporteur::model::raw::Audience::Public,
    );
    let titles = finding_titles(&view);
    assert!(titles.len() > 20, "{} findings", titles.len());
    for t in &titles {
        assert!(
            text.contains(&fold(t)),
            "no finding title `{t}` in the Word publication"
        );
    }
    assert!(view.notes.len() > 100, "{} notes", view.notes.len());
    // A note continued on the next page comes in two pieces: its longest prefix found in the
    // text, then the rest.
    let found = |note: &str| -> bool {
        let chars: Vec<char> = note.chars().collect();
        let piece = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
        let (mut lo, mut hi) = (0, chars.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if squashed.contains(&piece(0, mid)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        lo == chars.len() || (lo >= 20 && squashed.contains(&piece(lo, chars.len())))
    };
    for (k, note) in view.notes.iter().enumerate() {
        let note = squash(&rapporteur::view::ast::plain(note));
        assert!(
            found(&note),
            "footnote {} is missing from the Word publication: {note}",
            k + 1
        );
    }

    let part = |name: &str| {
        let mut z = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
        let mut s = String::new();
        std::io::Read::read_to_string(&mut z.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let footnotes = part("word/footnotes.xml");
    let count = footnotes.matches("<w:footnote ").count();
    assert_eq!(
        count,
        view.notes.len(),
        "{count} footnotes in footnotes.xml"
    );
    let document = part("word/document.xml");
    for style in ["Heading1", "Heading2", "Heading3", "Testimony", "TOC1"] {
        assert!(
            document.contains(&format!("<w:pStyle w:val=\"{style}\" />")),
            "no paragraph in style {style}"
        );
    }
    assert!(document.contains("TOC \\o &quot;1-3&quot;"), "no TOC field");
}

/// A Word file holding only a styles part with `styles` (what a reference document needs).
fn reference_docx(styles: &str) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(vec![]);
    let mut z = zip::ZipWriter::new(&mut buf);
    z.start_file("word/styles.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    std::io::Write::write_all(&mut z, styles.as_bytes()).unwrap();
    z.finish().unwrap();
    buf.into_inner()
}

/// A project's reference Word document (`reference-docx:`, a file of `styles/`) gives its styles
/// to the Word files, as pandoc's `--reference-doc`: its `Testimony` style replaces rapporteur's
/// by id, its other styles are added, the built-in ones it does not name stay; a reference that is
/// not in `styles/`, or not a Word document, is a located error.
#[test]
fn a_reference_docx_gives_its_styles_to_the_word_publication() {
    let p = Project::copy_of(&repo().join("examples/minimal"));
    let manifest = p.read("report.yaml").replace(
        "  - publication: {formats: [html, pdf]}",
        "  - publication: {formats: [docx]}",
    );
    let with = |line: &str| manifest.replacen("outputs:", &format!("{line}\noutputs:"), 1);
    p.write("report.yaml", with("reference-docx: styles/house.docx"));
    p.write(
        "styles/house.docx",
        reference_docx(
            r#"<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="Testimony"><w:name w:val="Testimony"/><w:rPr><w:color w:val="7A1F2B"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="HouseNote"><w:name w:val="House Note"/></w:style></w:styles>"#,
        ),
    );
    let out = temp_out();
    build(p.path(), out.path(), &["--only", "docx"]);
    let mut z =
        zip::ZipArchive::new(std::fs::File::open(out.path().join("publication.docx")).unwrap())
            .unwrap();
    let mut styles = String::new();
    std::io::Read::read_to_string(&mut z.by_name("word/styles.xml").unwrap(), &mut styles).unwrap();
    assert!(styles.contains(r#"<w:color w:val="7A1F2B"/>"#), "{styles}");
    assert_eq!(styles.matches(r#"w:styleId="Testimony""#).count(), 1);
    assert!(styles.contains(r#"w:styleId="HouseNote""#));
    assert!(styles.contains(r#"w:styleId="Heading1""#));

    // Misspelt, then not a Word document: each a located error, nothing built.
    p.write("report.yaml", with("reference-docx: styles/house.dotx"));
    let run = rapporteur([
        "check",
        &p.path().display().to_string(),
        "--format",
        "short",
    ]);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(
        run.stdout.contains("report.yaml:")
            && run.stdout.contains("error: `reference-docx: styles/house.dotx` is not a file of `styles/`; did you mean `styles/house.docx`?"),
        "{run}"
    );
    p.write("styles/house.docx", "not a zip");
    p.write("report.yaml", with("reference-docx: styles/house.docx"));
    let run = rapporteur([
        "check",
        &p.path().display().to_string(),
        "--format",
        "short",
    ]);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(run.stdout.contains("is not a Word document"), "{run}");
}

/// The cover of report.yaml reaches the page: its colour, the logo and the image embedded (the
/// page stays one file), each with its alt text, and the image's credit.
#[test]
fn cover_logo_image_and_colour_reach_the_html() {
    let out = temp_out();
    let run = build_into(
        &repo().join("examples/minimal"),
        out.path(),
        &["--only", "html"],
    );
    assert_eq!(run.code, Some(0), "{run}");
    let html = std::fs::read_to_string(out.path().join("publication.html")).unwrap();
    let cover =
        &html[html.find("<header class=\"cover\"").unwrap()..html.find("</header>").unwrap()];
    assert!(cover.contains("style=\"background: #7a1f2b\""), "{cover}");
    assert!(
        cover.contains("alt=\"The emblem of the Example Human Rights Centre"),
        "{cover}"
    );
    assert!(
        cover.contains("alt=\"A drawing of a road across a plain"),
        "{cover}"
    );
    assert_eq!(
        cover.matches("src=\"data:image/svg+xml;base64,").count(),
        2,
        "{cover}"
    );
    assert!(
        cover.contains("<figcaption>Drawing made for the rapporteur example project</figcaption>")
    );
}

/// The cover reaches the Word publication: the logo and the image (the PNG copies beside the
/// example's SVGs) embedded under `word/media` with their alt text (`descr`), the image's credit
/// under it, the title in a band of the cover's colour; LibreOffice opens it and its text shows
/// the credit. Without the PNG copy, `check` warns that Word leaves the SVG out.
#[test]
#[cfg_attr(
    any(no_pdftotext, no_libreoffice),
    ignore = "needs pdftotext and libreoffice on PATH"
)]
fn cover_logo_image_credit_and_colour_reach_the_word_publication() {
    let p = Project::copy_of(&repo().join("examples/minimal"));
    let manifest = p.read("report.yaml").replace(
        "  - publication: {formats: [html, pdf]}",
        "  - publication: {formats: [docx]}",
    );
    p.write("report.yaml", &manifest);
    let out = temp_out();
    let run = build_into(p.path(), out.path(), &["--only", "docx"]);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(!run.stderr.contains("cover-image-not-in-word"), "{run}");
    let docx = out.path().join("publication.docx");
    let mut z = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let media: Vec<String> = z
        .file_names()
        .filter(|n| n.starts_with("word/media/") && !n.ends_with('/'))
        .map(String::from)
        .collect();
    assert_eq!(media.len(), 2, "{media:?}");
    let logo = std::fs::read(p.path().join("images/logo.png")).unwrap();
    let mut first = vec![];
    std::io::Read::read_to_end(
        &mut z.by_name("word/media/rIdImage1.png").unwrap(),
        &mut first,
    )
    .unwrap();
    assert_eq!(first, logo, "the logo is the project's PNG, unchanged");
    let mut document = String::new();
    std::io::Read::read_to_string(&mut z.by_name("word/document.xml").unwrap(), &mut document)
        .unwrap();
    assert!(
        document.contains(r#"name="cover-logo" descr="The emblem of the Example Human Rights Centre: three bars beside a frame""#),
        "no alt text on the logo"
    );
    assert!(
        document.contains(r#"name="cover-image" descr="A drawing of a road across a plain towards snow-capped mountains""#),
        "no alt text on the image"
    );
    assert!(document.contains("Drawing made for the rapporteur example project"));
    assert!(
        document.contains(r#"w:fill="7A1F2B""#),
        "no band in the cover's colour"
    );

    let conv = libreoffice_to_pdf(&[&docx], out.path()).expect("libreoffice");
    assert!(conv.status.success(), "libreoffice failed: {conv:?}");
    let text = fold(&pdf_text(&out.path().join("publication.pdf")));
    assert!(
        text.contains("Drawing made for the rapporteur example project"),
        "{text}"
    );

    // Without the PNG copy the Word file cannot draw the SVG: a warning says so and how to fix it.
    std::fs::remove_file(p.path().join("images/cover.png")).unwrap();
    let run = rapporteur([
        "check",
        &p.path().display().to_string(),
        "--format",
        "short",
    ]);
    assert!(
        run.stdout
            .contains("warning: the Word publication leaves out the cover's `images/cover.svg`"),
        "{run}"
    );
}

/// Citations side by side before a full stop share one note call, with the full stop against it:
/// the space written between them does not stay before the stop.
#[test]
fn joined_citations_leave_no_space_before_the_full_stop() {
    let out = temp_out();
    let p = Project::fixture("valid/base");
    p.write(
        "findings/wages.md",
        "---\nid: wages\ntitle: Wages withheld\nstate: KGZ\nthemes: [wage-theft]\n---\nEmployers withhold wages [@m-union] [@survey, p. 5].\n\n![[t-worker]]\n",
    )
    .write(
        "sources.yaml",
        "documents:\n  - {id: survey, title: \"A survey of migrant workers\", author: \"Example NGO\", date: 2023-12}\nmeetings:\n  - {id: m-union, with: \"Trade union of construction workers\", kind: trade-union, state: KGZ, date: 2023-10-05}\n",
    );
    let run = build_into(p.path(), out.path(), &["--only", "html"]);
    assert_eq!(run.code, Some(0), "{run}");
    let html = std::fs::read_to_string(out.path().join("publication.html")).unwrap();
    let at = html.find("Employers withhold wages").expect("the sentence");
    let sentence = &html[at..at + html[at..].find("</p>").unwrap()];
    assert!(sentence.ends_with("</a></sup>."), "{sentence}");
    assert_eq!(sentence.matches("<sup").count(), 1, "{sentence}");
}

/// Typographic marks in the PDF: consecutive note calls are set apart, straight quotes become the
/// language's, and a source cited again is cited by its short form or "Ibid".
#[test]
fn pdf_has_typographic_quotes_separated_calls_and_short_citations() {
    let out = temp_out();
    let p = Project::fixture("valid/base");
    p.write(
        "findings/wages.md",
        "---\nid: wages\ntitle: 'Wages \"withheld\"'\nstate: KGZ\nthemes: [wage-theft]\n---\nThe \"illegal\" workers' wages [@doc, p. 1] [@doc, p. 2] [@m-union][^a].\n\n[^a]: A note of the authors, citing [@survey].\n\n![[t-worker]]\n\nAgain [@doc, p. 3]. And again [@doc, p. 4].\n",
    )
    .write(
        "sources.yaml",
        "documents:\n  - {id: survey, title: \"A survey of migrant workers\", author: \"Example NGO\", date: 2023-12}\n  - {id: doc, title: \"Wages report: the long title\", author: \"Example NGO\", date: 2024}\nmeetings:\n  - {id: m-union, with: \"Trade union of construction workers\", kind: trade-union, state: KGZ, date: 2023-10-05}\n",
    );
    let run = build_into(p.path(), out.path(), &["--only", "pdf"]);
    assert_eq!(run.code, Some(0), "{run}");
    let text = fold(&pdf_text(&out.path().join("publication.pdf")));
    assert!(text.contains("“illegal” workers’ wages1,2."), "{text}");
    assert!(text.contains("Wages “withheld”"), "{text}");
    // The citations side by side share one note: the source in full, then by its short form.
    assert!(
        text.contains("Example NGO, Wages report: the long title, 2024, p. 1; Example NGO, Wages report (n 1), p. 2; Meeting with Trade union of construction workers, 5 October 2023."),
        "{text}"
    );
    // A citation in a footnote is folded into its text.
    assert!(
        text.contains("A note of the authors, citing (Example NGO, A survey of migrant workers, December 2023)."),
        "{text}"
    );
    assert!(
        text.contains("Example NGO, Wages report (n 1), p. 3."),
        "{text}"
    );
    assert!(text.contains("Ibid, p. 4."), "{text}");
}

/// Every Central Asian Cyrillic letter and the Arabic script of Uyghur and Persian-script Tajik
/// reach the PDF through the font chain (Libertinus Serif, then DejaVu Serif and DejaVu Sans);
/// a character no font of the chain has (a CJK character, an emoji) is a warning located at its
/// file, line and column with its code point, reported before typst runs, and the build goes on.
#[test]
#[cfg_attr(
    any(no_typst, no_pdftotext),
    ignore = "needs typst and pdftotext on PATH"
)]
fn every_script_of_the_region_reaches_the_pdf_and_a_missing_glyph_is_located() {
    let p = Project::fixture("build");
    let mut intro = p.read("chapters/intro.md");
    intro.push_str(
        "\n\nKazakh ә ғ қ ұ һ і, Tajik ҳ ҷ ӣ ӯ, Uyghur ئۇيغۇر, Tajik in Persian script تاجیکی.\n\nIn bold **ئۇيغۇر**, Kurdish in bold **ԛ ԝ** and in italic *ԛ ԝ*, Kazakh in bold italic ***Қазақстан***.\n\nA sign read 出口 🦄.\n",
    );
    p.write("chapters/intro.md", intro);
    let out = temp_out();
    let run = build(p.path(), out.path(), &["--only", "pdf"]);
    let text = pdf_text(&out.path().join("publication.pdf"));
    for s in ["ә ғ қ ұ һ і", "ҳ ҷ ӣ ӯ"] {
        assert!(text.contains(s), "`{s}` lost in the PDF:\n{text}");
    }
    // pdftotext gives the Arabic letters in their presentation forms: compare letter by letter.
    use unicode_normalization::UnicodeNormalization;
    let letters: String = text.nfkd().collect();
    for c in "ئۇيغۇرتاجیکی".chars() {
        let in_pdf = c.to_string().nfkd().all(|d| letters.contains(d));
        assert!(
            in_pdf,
            "the Arabic letter {c} (U+{:04X}) is not in the PDF",
            c as u32
        );
    }
    // Bold and italic text in the letters Libertinus's faces lack is set in the fallbacks' bold
    // and italic faces, not their regular ones: bold Uyghur (DejaVu Sans Bold), bold and italic
    // Kurdish Cyrillic ԛ ԝ (DejaVu Serif Bold, Italic), bold italic Kazakh (Libertinus has no
    // bold italic қ: DejaVu Serif Bold Italic).
    let fonts = harness::pdf_fonts(&out.path().join("publication.pdf"));
    for face in [
        "DejaVuSerif-Bold ",
        "DejaVuSerif-Italic ",
        "DejaVuSerif-BoldItalic ",
        "DejaVuSans-Bold ",
    ] {
        assert!(fonts.contains(face), "no {face}in the PDF:\n{fonts}");
    }
    // What no font draws is shown as the replacement character, and the build goes on.
    assert!(
        text.contains("A sign read \u{FFFD}\u{FFFD} \u{FFFD}."),
        "{text}"
    );
    let written = p.read("chapters/intro.md");
    let (line, sign) = written
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with("A sign"))
        .unwrap();
    for c in ['出', '口', '🦄'] {
        let (line, col) = (line + 1, sign.chars().position(|s| s == c).unwrap() + 1);
        let expect = format!(
            "chapters/intro.md:{line}:{col}: warning: `{c}` (U+{:04X}) has no glyph in the PDF's fonts",
            c as u32
        );
        assert!(
            run.stderr.contains(&expect),
            "no `{expect}` in\n{}",
            run.stderr
        );
    }
}

/// The fallback fonts are written once into the user's cache and read from there by every
/// typst compilation; a copy in the cache that differs from the fonts in the binary is never
/// used (nor removed: another run may be reading it), and the PDF still has the real faces.
#[test]
#[cfg_attr(
    any(no_typst, no_pdftotext),
    ignore = "needs typst and pdftotext on PATH"
)]
fn the_fonts_are_written_once_to_the_cache_and_a_damaged_copy_is_not_used() {
    let p = Project::fixture("build");
    let mut intro = p.read("chapters/intro.md");
    intro.push_str("\n\nKazakh in bold italic ***Қазақстан***, Kurdish ԛ ԝ.\n");
    p.write("chapters/intro.md", intro);
    let cache = tempfile::tempdir().unwrap();
    let build_pdf = |out: &std::path::Path| {
        let args = [
            "build".to_string(),
            p.path().display().to_string(),
            "--out".into(),
            out.display().to_string(),
            "--only".into(),
            "pdf".into(),
        ];
        let env = [("XDG_CACHE_HOME", cache.path().to_str().unwrap())];
        let run = harness::rapporteur_env(args, &env);
        assert_eq!(run.code, Some(0), "{run}");
        harness::pdf_fonts(&out.join("publication.pdf"))
    };
    let first = temp_out();
    let fonts = build_pdf(first.path());
    let folders: Vec<_> = std::fs::read_dir(cache.path().join("rapporteur"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(folders.len(), 1, "{folders:?}");
    let folder = &folders[0];
    let serif = folder.join("DejaVuSerif.ttf");
    assert!(std::fs::metadata(&serif).unwrap().len() > 100_000);
    for face in ["DejaVuSerif ", "DejaVuSerif-BoldItalic "] {
        assert!(fonts.contains(face), "no {face}in the PDF:\n{fonts}");
    }
    // A damaged copy: the build sets the PDF in the binary's fonts all the same.
    std::fs::write(&serif, b"not a font").unwrap();
    let second = temp_out();
    let fonts = build_pdf(second.path());
    assert!(fonts.contains("DejaVuSerif "), "{fonts}");
    assert_eq!(std::fs::read(&serif).unwrap(), b"not a font");
}
