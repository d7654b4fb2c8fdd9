//! Submissions to UN bodies (issue: alternative reports and the UPR, in PDF, Word and HTML): the
//! flagship builds a CMW report on Kyrgyzstan, CESCR and CCPR reports and a UPR submission on
//! Kazakhstan, and the tests read each format as a reader would: the PDF through `pdftotext`, the
//! HTML's text, the Word document converted to PDF by LibreOffice, then `pdftotext`.
//!
//! Tests that need an outside tool (typst, pdftotext, libreoffice) are ignored when it is not on
//! PATH (`build.rs` sets `no_<tool>`); with `RAPPORTEUR_REQUIRE_TOOLS=1` (set by `scripts/test`
//! and CI) they run, and fail if the tool is missing.

mod harness;

use harness::{Project, build_into, content, libreoffice_to_pdf, rapporteur, temp_out};
use rapporteur::model::resolved::Output;
use rapporteur::resolve::scope::{self, Instruments};
use rapporteur::view::submission::{self, SubmissionView};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The flagship built once for all the tests of this file: the output folder and what the build
/// printed.
struct Built {
    out: tempfile::TempDir,
    stdout: String,
    /// The Word documents converted to PDF by LibreOffice.
    docx_pdfs: tempfile::TempDir,
}

fn flagship() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let out = temp_out();
        let run = build_into(&content(), out.path(), &[]);
        assert_eq!(run.code, Some(0), "the flagship does not build\n{run}");
        let docx_pdfs = temp_out();
        let docs: Vec<PathBuf> = SLUGS
            .iter()
            .map(|s| out.path().join(format!("submissions/{s}.docx")))
            .collect();
        let conv = libreoffice_to_pdf(&docs, docx_pdfs.path());
        if let Ok(c) = conv {
            assert!(
                c.status.success(),
                "libreoffice failed: {}",
                String::from_utf8_lossy(&c.stderr)
            );
        }
        Built {
            out,
            stdout: run.stdout,
            docx_pdfs,
        }
    })
}

const SLUGS: [&str; 4] = ["cmw-kgz", "cescr-kaz", "ccpr-kaz", "upr-kaz"];

/// The views of the flagship's submissions, built by the library (what the binary renders).
fn views() -> Vec<(rapporteur::model::resolved::Submission, SubmissionView)> {
    let checked = rapporteur::check(&content()).unwrap();
    checked
        .report
        .outputs
        .iter()
        .filter_map(|o| match o {
            Output::Submission(s) => Some((**s).clone()),
            _ => None,
        })
        .map(|s| {
            let v = submission::build(
                &checked.report,
                &checked.dataset,
                &s,
                rapporteur::model::raw::Audience::Public,
            );
            (s, v)
        })
        .collect()
}

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn fold(s: &str) -> String {
    s.replace("\u{AD}\n", "")
        .replace(['\u{AD}', '\u{2060}'], "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of HTML between two markers, tags removed and entities decoded.
fn html_text(html: &str, from: &str, to: &str) -> String {
    let a = html.find(from).expect("start marker");
    let b = a + html[a..].find(to).expect("end marker");
    rapporteur::write::html::text_of(&html[a..b])
}

/// `wc -w` of a text.
/// Joins the words typst broke at a line end (`extra-` / `dition`, `A/HRC/28/10/` / `Add.1`), as
/// a reader counts them: narrow table cells (the matrix annex) break many words.
fn unhyphenate(text: &str) -> String {
    // typst marks its own hyphenation with a soft hyphen; a line broken after a slash splits a
    // UN symbol (`A/HRC/28/10/` / `Add.1`); a hard hyphen is joined only between letters.
    let text = text.replace("\u{ad}\n", "").replace("/\n", "/");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find("-\n") {
        let (head, tail) = rest.split_at(i);
        let next = tail[2..].trim_start_matches(' ');
        let joined = head.chars().last().is_some_and(char::is_alphabetic)
            && next.chars().next().is_some_and(char::is_lowercase);
        out.push_str(head);
        if joined {
            rest = next;
        } else {
            out.push_str("-\n");
            rest = &tail[2..];
        }
    }
    out.push_str(rest);
    out
}

fn wc(text: &str) -> usize {
    use std::io::Write;
    let mut child = Command::new("wc")
        .arg("-w")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("wc");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}

/// The word count the build printed for a submission.
fn printed_words(stdout: &str, slug: &str) -> usize {
    let line = stdout
        .lines()
        .find(|l| l.starts_with(&format!("submissions/{slug}:")))
        .unwrap_or_else(|| panic!("no summary line for {slug}:\n{stdout}"));
    let before = line.split(" words (").next().unwrap();
    before
        .rsplit(' ')
        .next()
        .unwrap()
        .replace(',', "")
        .parse()
        .unwrap()
}

/// The texts of one submission: (format, text).
fn texts(b: &Built, slug: &str) -> Vec<(&'static str, String)> {
    let dir = b.out.path().join("submissions");
    let html = std::fs::read_to_string(dir.join(format!("{slug}.html"))).unwrap();
    let mut v = vec![("html", rapporteur::write::html::text_of(&html))];
    v.push(("pdf", pdftotext(&dir.join(format!("{slug}.pdf")))));
    let docx_pdf = b.docx_pdfs.path().join(format!("{slug}.pdf"));
    v.push(("docx", pdftotext(&docx_pdf)));
    v
}

/// Each format's cover names the state, the body (and its session), the organisations, a contact
/// and whether the submission may be published.
#[test]
#[cfg_attr(
    any(no_typst, no_pdftotext, no_libreoffice),
    ignore = "needs typst, pdftotext and libreoffice on PATH"
)]
fn covers_carry_state_body_organisations_contact_and_publication() {
    let b = flagship();
    let expect: [(&str, &[&str]); 4] = [
        (
            "cmw-kgz",
            &[
                "State party",
                "Kyrgyzstan",
                "Committee on the Protection of the Rights of All Migrant Workers and Members of Their Families (CMW)",
                "The submitting organisations agree that this report be published on the CMW web page of the OHCHR.",
            ],
        ),
        (
            "cescr-kaz",
            &[
                "State party",
                "Kazakhstan",
                "Committee on Economic, Social and Cultural Rights (CESCR)",
                "published on the CESCR web page",
            ],
        ),
        (
            "ccpr-kaz",
            &[
                "State party",
                "Kazakhstan",
                "Human Rights Committee (CCPR)",
                "published on the CCPR web page",
            ],
        ),
        (
            "upr-kaz",
            &[
                "State under review",
                "Kazakhstan",
                "Universal Periodic Review",
                "Stakeholder submissions to the UPR are made public",
            ],
        ),
    ];
    for (slug, fields) in expect {
        for (format, text) in texts(b, slug) {
            let text = fold(&text);
            let cover = &text[..text.find("Contents").unwrap_or(text.len())];
            for f in fields.iter().chain(&[
                "FIDH – International Federation for Human Rights",
                "ADC Memorial",
                "Contact",
            ]) {
                assert!(
                    cover.contains(f),
                    "{slug}.{format}: the cover lacks `{f}`:\n{cover}"
                );
            }
        }
    }
}

/// Paragraph numbers run from 1 without a gap in every format, and the sections and page
/// numbers are there.
#[test]
#[cfg_attr(
    any(no_typst, no_pdftotext, no_libreoffice),
    ignore = "needs typst, pdftotext and libreoffice on PATH"
)]
fn paragraphs_are_numbered_continuously_from_one() {
    let b = flagship();
    for (_, v) in views() {
        let n = v
            .sections
            .iter()
            .flat_map(|s| &s.items)
            .filter(|i| matches!(i, submission::Item::Para { .. }))
            .count();
        assert!(n > 10, "{}: only {n} paragraphs", v.slug);
        let html =
            std::fs::read_to_string(b.out.path().join(format!("submissions/{}.html", v.slug)))
                .unwrap();
        let numbers: Vec<usize> = html
            .match_indices("<span class=\"pnum\">")
            .map(|(i, m)| {
                let rest = &html[i + m.len()..];
                rest[..rest.find('.').unwrap()].parse().unwrap()
            })
            .collect();
        assert_eq!(numbers, (1..=n).collect::<Vec<_>>(), "{}.html", v.slug);
        for (format, text) in texts(b, &v.slug).into_iter().skip(1) {
            // Each number starts a line of the body (text extraction may reorder a number and
            // its text across a page break, so the order is checked on the HTML above).
            let body = &text[text.find("Introduction").unwrap()..];
            for k in 1..=n {
                assert!(
                    body.contains(&format!("\n{k}.")) || body.contains(&format!("\u{c}{k}.")),
                    "{}.{format}: paragraph {k} of {n} not found",
                    v.slug
                );
            }
            assert!(
                !body.contains(&format!("\n{}.\n", n + 1)),
                "{}.{format}: a paragraph numbered {} after the last ({n})",
                v.slug,
                n + 1
            );
            for title in ["Suggested recommendations", "Recommendations to Kazakhstan"] {
                if v.sections.iter().any(|s| s.title == title) {
                    assert!(text.contains(title), "{}.{format}: no `{title}`", v.slug);
                }
            }
            assert!(
                text.contains("Page 2") || text.contains("Page 3"),
                "{}.{format}: no page numbers",
                v.slug
            );
        }
    }
}

/// Every finding a submission carries is about its state (or, where the instrument binds a State
/// of origin, about its nationals abroad) and engages the body's instrument (directly or through
/// its themes), appears in each format with the articles it engages, and no finding about
/// another state only appears.
#[test]
#[cfg_attr(
    any(no_typst, no_pdftotext, no_libreoffice),
    ignore = "needs typst, pdftotext and libreoffice on PATH"
)]
fn submissions_carry_only_findings_about_the_state_under_the_instrument() {
    let b = flagship();
    let checked = rapporteur::check(&content()).unwrap();
    let report = &checked.report;
    let ds = &checked.dataset;
    for (sub, v) in views() {
        let body = sub.body().and_then(|b| ds.body(b));
        let ids: Vec<String> = body.map(|b| b.instruments.clone()).unwrap_or_default();
        let instruments = match body {
            Some(_) => Instruments::Body(&ids),
            None => Instruments::All,
        };
        assert!(!v.findings.is_empty(), "{}: no finding", v.slug);
        let texts: Vec<(&str, String)> = texts(b, &v.slug)
            .into_iter()
            .map(|(f, t)| (f, fold(&t)))
            .collect();
        for (i, f) in report.findings.iter().enumerate() {
            let carried = v.findings.contains(&f.id);
            let framing = scope::framing(report, ds, &instruments, &sub.state, i);
            if carried {
                assert!(
                    framing.is_some(),
                    "{}: {} is about another state and not about its nationals",
                    v.slug,
                    f.id
                );
                if body.is_some() {
                    assert!(
                        !scope::finding_engages(report, ds, &instruments, i, &sub.state).is_empty()
                            || f.parent
                                .is_some_and(|p| v.findings.contains(&report.findings[p].id)),
                        "{}: {} does not engage {:?}",
                        v.slug,
                        f.id,
                        ids
                    );
                }
                for (format, text) in &texts {
                    assert!(
                        text.contains(&fold(&f.title)),
                        "{}.{format}: the title of {} is missing",
                        v.slug,
                        f.id
                    );
                }
            } else if framing.is_none()
                // A title inside a carried one's ("Child labour" in "Child labour with parental
                // consent") cannot be told apart in the text.
                && !v.findings.iter().any(|c| {
                    report
                        .finding(c)
                        .is_some_and(|c| c.title.contains(&f.title))
                })
            {
                for (format, text) in &texts {
                    assert!(
                        !text.contains(&fold(&f.title)),
                        "{}.{format}: {} is about another state but appears",
                        v.slug,
                        f.id
                    );
                }
            }
        }
        if let Some(b) = body {
            let main = &b.instruments[0];
            for (format, text) in &texts {
                let lines = text.matches("Articles engaged:").count();
                assert!(
                    lines >= v.concerns,
                    "{}.{format}: {lines} 'Articles engaged' lines for {} concerns",
                    v.slug,
                    v.concerns
                );
                assert!(text.contains(&format!("{main} art")), "{}.{format}", v.slug);
            }
        }
    }
}

/// The word count the build prints is `wc -w` of the text it counts, within 2 per cent: the
/// HTML's body (and footnotes when the body counts them), the PDF's and the Word document's text
/// after the contents, without running footers; and each is within its limit.
#[test]
#[cfg_attr(
    any(no_typst, no_pdftotext, no_libreoffice),
    ignore = "needs typst, pdftotext and libreoffice on PATH"
)]
fn word_counts_match_wc_within_two_per_cent_in_html_three_on_pages() {
    let b = flagship();
    for (_, v) in views() {
        let printed = printed_words(&b.stdout, &v.slug);
        let html =
            std::fs::read_to_string(b.out.path().join(format!("submissions/{}.html", v.slug)))
                .unwrap();
        let mut text = html_text(
            &html,
            "<div id=\"submission-body\">",
            "<section class=\"notes\"",
        );
        if v.limits.counts_footnotes {
            text.push('\n');
            text.push_str(&html_text(&html, "<section class=\"notes\"", "</section>"));
        }
        let near = |a: usize, b: usize| (a as f64 - b as f64).abs() <= 0.02 * b as f64;
        let html_wc = wc(&text);
        assert!(
            near(html_wc, printed),
            "{}: html wc -w {html_wc}, printed {printed}",
            v.slug
        );
        if let Some(l) = v.limits.words {
            assert!(printed <= l as usize, "{}: {printed} over {l}", v.slug);
        }
        // The PDF and the Word document show footnotes on their pages: compare them only where
        // footnotes are counted.
        if v.limits.counts_footnotes {
            for (format, t) in texts(b, &v.slug).into_iter().skip(1) {
                let start = t.find("Introduction").unwrap();
                let start = start + 12 + t[start + 12..].find("Introduction").unwrap();
                let body: String = t[start - 3..]
                    .lines()
                    .filter(|l| {
                        // Running footers: "Page 3 of 16", "CCPR — Kazakhstan", "CCPR — Kazakhstan Page 3".
                        let l = l.trim();
                        let footer = l.starts_with("Page ")
                            || l.contains(" — Kazakhstan")
                            || l.contains(" — Kyrgyzstan");
                        !(footer && l.split_whitespace().count() <= 8)
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                let n = wc(&unhyphenate(&body));
                // The page formats add what a reader does not count as words of the submission:
                // a table header repeated on each page of the matrix annex, words broken in its
                // narrow cells, footnote markers split from or glued to the word before them.
                let near_pages =
                    |a: usize, b: usize| (a as f64 - b as f64).abs() <= 0.03 * b as f64;
                assert!(
                    near_pages(n, printed),
                    "{}.{format}: wc -w {n}, printed {printed}",
                    v.slug
                );
            }
        }
    }
}

/// Each cover is a page of its own, and the same build gives the same Word bytes.
#[test]
#[cfg_attr(no_typst, ignore = "typst is not on PATH")]
fn word_documents_are_reproducible() {
    let b = flagship();
    let again = temp_out();
    let run = rapporteur([
        "build",
        &content().display().to_string(),
        "--out",
        &again.path().display().to_string(),
        "--only",
        "docx",
    ]);
    assert_eq!(run.code, Some(0), "{run}");
    for s in SLUGS {
        let f = format!("submissions/{s}.docx");
        assert!(
            std::fs::read(b.out.path().join(&f)).unwrap()
                == std::fs::read(again.path().join(&f)).unwrap(),
            "{f} differs between two builds"
        );
    }
}

fn add_output(p: &Project, yaml: &str) {
    let manifest = p.read("report.yaml") + yaml;
    p.write("report.yaml", manifest);
}

/// A submission with no recommendation to the state has no recommendations section: no empty
/// heading, nothing in its table of contents.
#[test]
fn a_submission_without_recommendations_has_no_empty_section() {
    let p = Project::fixture("valid/base");
    p.replace("recommendations/recs.yaml", "to: [kgz-mlsm]", "to: [ilo]");
    add_output(
        &p,
        "  - alternative-report: {body: CMW, state: KGZ, formats: [html]}\n",
    );
    let out = temp_out();
    let run = build_into(p.path(), out.path(), &["--only", "html"]);
    assert_eq!(run.code, Some(0), "{run}");
    let html = std::fs::read_to_string(out.path().join("submissions/cmw-kgz.html")).unwrap();
    assert!(html.contains("Wages"), "the finding is carried");
    assert!(!html.contains("Suggested recommendations"), "{html}");
    assert!(!html.contains("id=\"recommendations\""), "{html}");
}

/// A CMW report on Kazakhstan, which is not party to the ICRMW, stops the build with the reason.
#[test]
fn cmw_report_on_kazakhstan_is_refused() {
    let p = Project::copy_of(&content());
    add_output(
        &p,
        "  - alternative-report: {body: CMW, state: KAZ, formats: [html]}\n",
    );
    let out = temp_out();
    let run = build_into(p.path(), out.path(), &[]);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(
        run.stderr.contains(
            "Kazakhstan is not a party to the ICRMW, so the CMW does not review it: no alternative report to the CMW on KAZ"
        ),
        "{run}"
    );
    assert!(run.stderr.contains("nothing was written"), "{run}");
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
}

/// Over the body's word limit is an error of `check` (and so of `build`) with the count and the
/// limit; `--draft` writes it with a warning, under a `.draft.` name.
#[test]
fn over_the_limit_fails_and_draft_warns() {
    let p = Project::copy_of(&content());
    add_output(
        &p,
        "  - upr: {state: KGZ, coalition: false, formats: [html]}\n",
    );
    let out = temp_out();
    let args = [
        "build".to_string(),
        p.path().display().to_string(),
        "--out".into(),
        out.path().display().to_string(),
        "--only".into(),
        "html".into(),
    ];
    let run = rapporteur(&args);
    assert_eq!(run.code, Some(1), "{run}");
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains(": error: submissions/upr-kgz has "))
        .unwrap_or_else(|| panic!("no limit error\n{run}"));
    assert!(
        line.contains("words (body text and footnotes), over the UPR's limit of 2,815 words for one organisation"),
        "{line}"
    );
    assert!(
        line.starts_with("report.yaml:"),
        "the error points at the output in report.yaml: {line}"
    );
    assert!(!out.path().join("submissions").exists());
    // `check` says so too, before any build.
    let check = p.check();
    assert_eq!(check.code, Some(1), "{check}");
    assert!(
        check.stdout.contains(": error: submissions/upr-kgz has "),
        "{check}"
    );
    let mut draft = args.to_vec();
    draft.push("--draft".into());
    let run = rapporteur(&draft);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(
        run.stderr.contains("warning: submissions/upr-kgz has "),
        "{run}"
    );
    // Written under a draft name, so it cannot pass for the submission itself.
    assert!(out.path().join("submissions/upr-kgz.draft.html").exists());
    assert!(!out.path().join("submissions/upr-kgz.html").exists());
}

/// A finding an output names must be in its scope: about the state, engaging the instrument.
#[test]
fn out_of_scope_findings_are_errors() {
    let p = Project::copy_of(&content());
    add_output(
        &p,
        "  - alternative-report: {body: CCPR, state: KAZ, findings: [in-law-exploitation]}\n",
    );
    let run = p.check();
    assert_eq!(run.code, Some(1), "{run}");
    assert!(
        run.stdout
            .contains("error: finding `in-law-exploitation` is neither about Kazakhstan nor about its nationals"),
        "{run}"
    );
}

/// A name hidden by emphasis in the source never reaches a Word submission: `check` shares the
/// leak audit's matcher and stops the build at its line (the audit's reading of Word parts is
/// in tests/leaks.rs).
#[test]
fn leak_audit_reads_word_documents() {
    let p = Project::fixture("build");
    add_output(&p, "  - upr: {state: KGZ, formats: [docx]}\n");
    let finding = p
        .read("findings/consent.md")
        .replace("Three witnesses", "Mr Zhuma*baev* and two other witnesses");
    p.write("findings/consent.md", finding);
    let out = temp_out();
    let run = build_into(p.path(), out.path(), &["--only", "docx"]);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(
        run.stderr.contains(
            "findings/consent.md:7:4: error: `Zhumabaev` is protected by testimony `t-pseudo`"
        ),
        "{run}"
    );
    assert!(!out.path().join("submissions/upr-kgz.docx").exists());
}

/// The word counter counts as `wc -w` does.
#[test]
fn word_counter_agrees_with_wc() {
    let text = "  Ratify the ICRMW,\tnow.\n\n12. «Kulbazar» — “slave market” (Kazakh) x ";
    assert_eq!(submission::count_words(text), wc(text));
}

/// Two submissions to the same body on the same state would write the same files: an error.
#[test]
fn two_submissions_with_one_name_are_an_error() {
    let p = Project::copy_of(&content());
    add_output(
        &p,
        "  - alternative-report: {body: CMW, state: KGZ, formats: [html]}\n",
    );
    let run = p.check();
    assert_eq!(run.code, Some(1), "{run}");
    assert!(
        run.stdout
            .contains("error: a second submission named `cmw-kgz` (the same body and state, first given at line"),
        "{run}"
    );
}

/// With a list of issues, the concerns follow its paragraphs (in paragraph order), the others
/// come after; the authors' question replaces the generated one; the session is on the cover.
#[test]
fn list_of_issues_orders_the_concerns() {
    let p = Project::copy_of(&content());
    let manifest = p.read("report.yaml").replace(
        "      findings: [labour-inspection, maternity-protection, medical-care-access, right-to-education]\n",
        "      findings: [labour-inspection, maternity-protection, right-to-education]
      session: \"76\"
      list_of_issues:
        - {paragraph: 14, text: \"Please provide information on the protection of migrant women workers.\", findings: [maternity-protection]}
        - {paragraph: 9, text: \"Please describe the inspection of workplaces employing migrants.\", findings: [labour-inspection]}
      questions:
        - {finding: labour-inspection, text: \"How many farms employing migrants were inspected in 2024?\"}
",
    );
    p.write("report.yaml", manifest);
    let out = temp_out();
    let run = build_into(p.path(), out.path(), &["--only", "html"]);
    assert_eq!(run.code, Some(0), "{run}");
    let html = std::fs::read_to_string(out.path().join("submissions/cescr-kaz.html")).unwrap();
    let text = fold(&rapporteur::write::html::text_of(&html));
    let order = [
        "II. Replies to the list of issues",
        "Paragraph 9 of the list of issues",
        "Please describe the inspection of workplaces employing migrants.",
        "1. The limited role of the Labour Inspection Agency",
        "Paragraph 14 of the list of issues",
        "2. Maternity protection",
        "Other concerns",
        "3. Infringement of the right of children to education",
        "III. Suggested questions",
        "How many farms employing migrants were inspected in 2024?",
        "What measures has the State party taken to address the lack of maternity protection for women migrant workers, in view of",
    ];
    let mut at = text.find("I. Introduction 1.").expect("body");
    for o in order {
        let i = text[at..]
            .find(o)
            .unwrap_or_else(|| panic!("`{o}` missing or out of order"));
        at += i + o.len();
    }
    assert!(text.contains("76th session"), "no session on the cover");
}

/// The flagship's UPR submission reports on the recommendations Kazakhstan received in its second
/// review (imported from UPR Info's data, assessed from the findings): the section and the matrix
/// annex in every format, and the matrix beside it as CSV and Word.
#[test]
#[cfg_attr(
    any(no_typst, no_pdftotext, no_libreoffice),
    ignore = "needs typst, pdftotext and libreoffice on PATH"
)]
fn flagship_upr_submission_assesses_the_previous_cycle() {
    let b = flagship();
    for (format, text) in texts(b, "upr-kaz") {
        let t = fold(&text);
        for want in [
            "Implementation of previous recommendations",
            "Matrix of the recommendations received",
            "A/HRC/28/10",
            "Modify or repeal parts of the trade union law",
            "United States of America",
            "Not implemented",
            "Partially implemented",
            "No information",
        ] {
            assert!(t.contains(&fold(want)), "{format}: no `{want}` in\n{t}");
        }
    }
    let dir = b.out.path().join("submissions");
    let csv = std::fs::read_to_string(dir.join("upr-kaz-matrix.csv")).unwrap();
    // A header and the 23 recommendations (one line each: no cell holds a line break).
    assert_eq!(csv.lines().count(), 24, "{csv}");
    assert!(dir.join("upr-kaz-matrix.docx").is_file());
}

/// `check` counts a submission's words as its HTML is rendered, piece by piece; `build` counts
/// them in the whole HTML: the same numbers, for every submission of the flagship, the hostile
/// project (markup, entities and notes in odd places) and a project of varied text (footnotes
/// inside and across items, tables, lists, Cyrillic, hyphens and dashes, numbers, non-breaking
/// spaces, a testimony embedded).
#[test]
fn check_counts_the_same_words_as_the_rendered_html() {
    use rapporteur::write::html;
    let hostile = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/hostile/project");
    let varied = varied_text_project();
    let mut seen = 0;
    for project in [content(), hostile, varied.path().to_path_buf()] {
        let checked = rapporteur::check(&project).unwrap();
        let r = &checked.report;
        for o in &r.outputs {
            let Output::Submission(sub) = o else { continue };
            let aud = sub
                .audience
                .unwrap_or(rapporteur::model::raw::Audience::Public);
            let v = submission::build(r, &checked.dataset, sub, aud);
            let parts = html::submission_parts(&v);
            let whole = (
                submission::count_words(&html::text_of(&parts.body)),
                submission::count_words(&html::text_of(&parts.notes)),
            );
            assert_eq!(html::submission_words(&v), whole, "{}", v.slug);
            // The count the build takes while it renders the parts.
            assert_eq!(parts.words, whole, "{}", v.slug);
            seen += 1;
        }
    }
    assert!(seen >= 6, "{seen} submissions");
}

/// A copy of the base fixture with a UPR submission and a CMW report on Kyrgyzstan, whose
/// finding's text is varied: footnotes (one called twice, one inside a list item), a table, lists,
/// Cyrillic, words cut by hyphens and dashes, numbers and percentages, a non-breaking space.
fn varied_text_project() -> Project {
    let p = Project::base();
    add_output(
        &p,
        "  - upr: {state: KGZ, formats: [html]}\n  - alternative-report: {body: CMW, state: KGZ, formats: [html]}\n",
    );
    let finding = p.read("findings/wages.md");
    p.write(
        "findings/wages.md",
        format!(
            "{finding}\nWorkers — 1,250 of them, 12.5 % of the sample — said: «Нам не платили три \
             месяца»[^a]; a well-known self-employed worker earned 15 000 сом (about US$170)[^a].\n\n\
             | Region | Cases | Share |\n| --- | --- | --- |\n| Osh | 40 | 3.2 % |\n| Чүй | 7 | 0.6 % |\n\n\
             1. first, with a note[^b]\n2. second -- and a dash\n   - nested *emphasis* and `code`\n\n\
             Line one\u{a0}joined, line\nbroken and hard  \nbroken.\n\n\
             [^a]: Interview, Bishkek, 2023; see also [@m-union].\n[^b]: A note in a list item, with **strong** text.\n"
        ),
    );
    p
}

/// `check` measures only a submission whose body has a word limit, and learns the limit without
/// building the view: the same limit the view gives, for every submission of the flagship, each
/// as one organisation's and as a joint one (the UPR's limits differ between the two).
#[test]
fn the_word_limit_known_without_the_view_is_the_views() {
    let checked = rapporteur::check(&content()).unwrap();
    let (r, ds) = (&checked.report, &checked.dataset);
    let mut limited = 0;
    for o in &r.outputs {
        let Output::Submission(sub) = o else { continue };
        for joint in [false, true] {
            let mut sub = (**sub).clone();
            sub.coalition = joint;
            let aud = rapporteur::model::raw::Audience::Public;
            let v = submission::build(r, ds, &sub, aud);
            assert_eq!(
                submission::word_limit(ds, &sub),
                v.limits.words,
                "{}",
                v.slug
            );
            limited += usize::from(v.limits.words.is_some());
        }
    }
    assert!(limited >= 2, "{limited} limited");
}
