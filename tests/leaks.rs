//! The leak corpus (`tests/leaks/corpus.tsv`): every leak attempt is caught, by `check` with its
//! file and line or by the leak audit reading the artifact, and no legitimate text raises an
//! alarm. Most cases run in process: the source cases in one project checked once, the
//! artifact cases read in memory; the template and output-format cases run full builds.
//!
//! The witnesses are those of `tests/fixtures/leaks` (see the corpus's header).

mod harness;

use harness::{Project, build_into, rapporteur};
use rapporteur::model::raw::Format;
use rapporteur::protect::matcher::Matcher;
use rapporteur::protect::reading;

/// One line of the corpus.
#[derive(Debug, Clone)]
struct Case {
    leak: bool,
    /// The diagnostic code that must catch a leak (`leak:CODE`; `protected` for `leak`).
    code: String,
    kind: String,
    channel: String,
    text: String,
    line: usize,
}

fn corpus() -> Vec<Case> {
    let path = harness::repo().join("tests/leaks/corpus.tsv");
    let src = std::fs::read_to_string(&path).unwrap();
    let mut out = vec![];
    for (i, l) in src.lines().enumerate() {
        if l.starts_with('#') || l.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = l.splitn(4, '\t').collect();
        assert_eq!(cols.len(), 4, "corpus line {}: four columns", i + 1);
        let (expect, code) = cols[0].split_once(':').unwrap_or((cols[0], "protected"));
        assert!(
            matches!(expect, "leak" | "ok") && (expect == "leak" || cols[0] == "ok"),
            "corpus line {}: leak, leak:CODE or ok",
            i + 1
        );
        assert!(
            ALARMS.contains(&code),
            "corpus line {}: `{code}` is not one of {ALARMS:?}",
            i + 1
        );
        out.push(Case {
            leak: expect == "leak",
            code: code.to_string(),
            kind: cols[1].to_string(),
            channel: cols[2].to_string(),
            text: unescape(cols[3]),
            line: i + 1,
        });
    }
    out
}

/// `\n`, `\t`, `\\` and `\u{...}` in a corpus text.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some('u') => {
                let code: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                out.push(char::from_u32(u32::from_str_radix(&code, 16).unwrap()).unwrap());
            }
            other => panic!("unknown escape \\{other:?} in {s}"),
        }
    }
    out
}

fn describe(c: &Case) -> String {
    format!(
        "line {} ({}, {}): {:?}",
        c.line,
        c.kind,
        c.channel,
        c.text.chars().take(90).collect::<String>()
    )
}

/// The corpus is as large as the issue asks, covers every kind and every channel.
#[test]
fn corpus_has_the_size_and_spread_asked_for() {
    let c = corpus();
    let leaks = c.iter().filter(|c| c.leak).count();
    let ok = c.len() - leaks;
    assert!(leaks >= 120, "{leaks} leak attempts");
    assert!(ok >= 30, "{ok} legitimate texts");
    for channel in [
        "finding",
        "recommendation",
        "source",
        "testimony",
        "html",
        "docx",
        "csv",
        "json",
        "md",
        "pdf",
        "template-html",
        "template-typst",
        "recs-csv",
        "recs-json",
        "recs-docx",
        "recs-pdf",
        "recs-html",
        "submission-docx",
        "witness",
        "sealed",
    ] {
        assert!(
            c.iter().any(|c| c.leak && c.channel == channel),
            "no leak through {channel}"
        );
    }
}

/// The protected items of the leaks fixture, as `check` and the audit see them.
fn fixture_matcher() -> Matcher {
    let checked = rapporteur::check(&harness::fixture_path("leaks")).unwrap();
    assert!(
        !checked.diagnostics.has_errors(),
        "the fixture must check clean"
    );
    Matcher::new(&rapporteur::protect::protected_items(&checked.report))
}

/// Channels whose text goes into a source file (check finds it with file and line). `witness`:
/// the text is a testimony's fields (after its id), a testimony of its own.
const SOURCES: &[&str] = &[
    "finding",
    "recommendation",
    "source",
    "testimony",
    "yaml-comment",
    "witness",
];

/// The codes of the diagnostics that count as an alarm: every error with one of them, and the
/// quasi-identifier warnings (which stop a strict public build).
const ALARMS: &[&str] = &[
    "protected",
    "quasi-identifier",
    "purpose",
    "pseudonym",
    "consent",
];

/// Whether a diagnostic is an alarm (see [`ALARMS`]).
fn is_alarm(code: &str, error: bool) -> bool {
    ALARMS.contains(&code) && (error || code == "quasi-identifier")
}

/// Channels read as an artifact in memory (what the audit reads).
const ARTIFACTS: &[&str] = &["html", "docx", "csv", "json", "md", "pdf"];

/// Every source case is caught by `check` at its own file and line, every legitimate text is
/// left alone: all of them in one project, checked once.
#[test]
fn check_catches_every_source_leak_at_its_line() {
    let cases: Vec<Case> = corpus()
        .into_iter()
        .filter(|c| SOURCES.contains(&c.channel.as_str()) && c.kind != "purpose")
        .collect();
    let p = Project::fixture("leaks");
    // (file, first line, last line) of each case.
    let mut at: Vec<(String, usize, usize)> = vec![];
    for (i, c) in cases.iter().enumerate() {
        let (file, block) = match c.channel.as_str() {
            "finding" => ("findings/consent.md", format!("\n{}\n", c.text)),
            "recommendation" => (
                "recommendations/recs.yaml",
                format!(
                    "- id: leak-{i}\n  to: [kgz-gov]\n  theme: access-to-justice\n  findings: [consent]\n  text: |-\n    {}\n",
                    c.text.replace('\n', "\n    ")
                ),
            ),
            "source" => (
                "sources.yaml",
                format!(
                    "  - id: doc-leak-{i}\n    author: \"Test NGO\"\n    date: 2024-01\n    title: |-\n      {}\n",
                    c.text.replace('\n', "\n      ")
                ),
            ),
            "testimony" => (
                "testimonies/all.yaml",
                format!(
                    "- id: t-leak-{i}\n  consent: anonymous\n  speaker: {{description: \"a worker\", gender: male}}\n  date: 2024-03-20\n  country: KGZ\n  text: |-\n    {}\n",
                    c.text.replace('\n', "\n    ")
                ),
            ),
            "yaml-comment" => ("report.yaml", format!("{}\n", c.text)),
            "witness" => (
                "testimonies/all.yaml",
                format!("- id: t-case-{i}\n  {}\n", c.text.replace('\n', "\n  ")),
            ),
            other => panic!("{other}"),
        };
        let mut s = p.read(file);
        if file == "sources.yaml" {
            // Documents are a list under `documents:`, before `meetings:`.
            let cut = s.find("meetings:").unwrap();
            let before = s[..cut].lines().count();
            let lines = block.lines().count();
            at.push((file.into(), before + 2, before + lines));
            s.insert_str(cut, &block);
        } else {
            let before = s.lines().count();
            let lines = block.lines().count();
            let first = before + 1 + usize::from(block.starts_with('\n'));
            at.push((file.into(), first, before + lines));
            s.push_str(&block);
        }
        p.write(file, s);
    }
    let checked = rapporteur::check(p.path()).unwrap();
    let alarms: Vec<(&str, String, usize)> = checked
        .diagnostics
        .iter()
        .filter(|d| {
            is_alarm(
                d.code,
                d.severity == rapporteur::diagnostic::Severity::Error,
            )
        })
        .map(|d| (d.code, d.location.file.clone(), d.location.line as usize))
        .collect();
    let mut failures = vec![];
    for (c, (file, from, to)) in cases.iter().zip(&at) {
        let here = |(_, f, l): &&(&str, String, usize)| f == file && (*from..=*to).contains(l);
        let hit = match c.leak {
            true => alarms.iter().filter(here).any(|(code, ..)| *code == c.code),
            false => alarms.iter().any(|a| here(&a)),
        };
        if hit != c.leak {
            failures.push(
                format!(
                    "{} {file}:{from}-{to}",
                    if c.leak { "missed" } else { "false alarm" }
                ) + ": "
                    + &describe(c),
            );
        }
    }
    let stray: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| {
            is_alarm(
                d.code,
                d.severity == rapporteur::diagnostic::Severity::Error,
            )
        })
        .filter(|d| {
            !at.iter().any(|(f, a, b)| {
                *f == d.location.file && (*a..=*b).contains(&(d.location.line as usize))
            })
        })
        .map(|d| d.short())
        .collect();
    assert!(stray.is_empty(), "alarms outside the cases: {stray:#?}");
    assert!(
        failures.is_empty(),
        "{} of {} source cases wrong:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// The consent-per-purpose cases (`purpose` kind, `witness` channel), each a testimony of its
/// own embedded in a published finding, in a project of its own: `check` reports purposes only
/// when nothing else is wrong.
#[test]
fn a_testimony_goes_only_where_its_witness_consented_each_case_alone() {
    let cases: Vec<Case> = corpus()
        .into_iter()
        .filter(|c| c.kind == "purpose")
        .collect();
    assert!(!cases.is_empty());
    let mut failures = vec![];
    for c in &cases {
        let p = Project::fixture("leaks");
        let t = p.read("testimonies/all.yaml");
        p.write(
            "testimonies/all.yaml",
            format!("{t}- id: t-case\n  {}\n", c.text.replace('\n', "\n  ")),
        );
        let f = p.read("findings/consent.md");
        p.write("findings/consent.md", format!("{f}\n![[t-case]]\n"));
        let checked = rapporteur::check(p.path()).unwrap();
        let alarms: Vec<&str> = checked
            .diagnostics
            .iter()
            .filter(|d| {
                is_alarm(
                    d.code,
                    d.severity == rapporteur::diagnostic::Severity::Error,
                )
            })
            .map(|d| d.code)
            .collect();
        let hit = match c.leak {
            true => alarms.contains(&c.code.as_str()),
            false => !alarms.is_empty(),
        };
        if hit != c.leak {
            failures.push(format!("{alarms:?} {}", describe(c)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The `sealed` cases: the real names and protected strings of `t-pseudo` and `t-aigul` live only
/// in the sealed `secrets.yaml.age` (sealed for a key made here), and each text is written in a
/// published finding. With the key, `check` catches every leak at its line; no file of the
/// project holds the names in clear.
#[test]
fn names_that_live_only_in_sealed_secrets_are_caught_with_the_key() {
    use rapporteur::load::sealed;
    let cases: Vec<Case> = corpus()
        .into_iter()
        .filter(|c| c.channel == "sealed")
        .collect();
    let p = Project::fixture("leaks");
    let t = p.read("testimonies/all.yaml");
    let t = t
        .replace("    name: \"Nurlanbek Zhumabaev\"\n", "")
        .replace("  protected: [\"+996 555 123 456\"]\n", "")
        .replace("    name: \"Aigul Sadykova\"\n", "")
        .replace(
            "  protected:\n    - \"+996 700 123 456\"\n    - \"aigul.s@example.org\"\n    - \"Address: Lenin street 15, Kara-Suu\"\n",
            "",
        );
    assert!(!t.contains("Sadykova") && !t.contains("Zhumabaev"));
    p.write("testimonies/all.yaml", t);
    let secrets = "- id: t-pseudo\n  name: \"Nurlanbek Zhumabaev\"\n  protected: [\"+996 555 123 456\"]\n- id: t-aigul\n  name: \"Aigul Sadykova\"\n  protected: [\"+996 700 123 456\", \"aigul.s@example.org\", \"Address: Lenin street 15, Kara-Suu\"]\n";
    let (secret, public) = sealed::generate();
    let recipients = sealed::recipients(&[public]).unwrap();
    p.write(
        "secrets.yaml.age",
        sealed::seal(secrets.as_bytes(), &recipients).unwrap(),
    );
    let file = "findings/consent.md";
    let mut text = p.read(file);
    let mut at = vec![];
    for c in &cases {
        let first = text.lines().count() + 2;
        text.push_str(&format!("\n{}\n", c.text));
        at.push(first..=text.lines().count());
    }
    p.write(file, text);
    let run = harness::rapporteur_env(
        ["check", &p.path().to_string_lossy(), "--format", "json"],
        &[("RAPPORTEUR_KEY", &secret)],
    );
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let alarms: Vec<(String, usize)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| is_alarm(d["code"].as_str().unwrap(), d["severity"] == "error"))
        .map(|d| {
            let file = d["file"].as_str().unwrap().to_string();
            (file, d["line"].as_u64().unwrap() as usize)
        })
        .collect();
    let failures: Vec<String> = cases
        .iter()
        .zip(&at)
        .filter(|(c, lines)| {
            let hit = alarms.iter().any(|(f, l)| f == file && lines.contains(l));
            hit != c.leak
        })
        .map(|(c, _)| describe(c))
        .collect();
    assert!(failures.is_empty(), "{}\n{run}", failures.join("\n"));
    // Without the key the names are nowhere to be read: nothing is caught, and check says why.
    let run = rapporteur(["check", &p.path().to_string_lossy(), "--format", "short"]);
    assert!(!run.stdout.contains(" is protected by testimony "), "{run}");
    assert!(
        run.stdout.contains("secrets.yaml.age:1:1: warning: sealed"),
        "{run}"
    );
    for entry in walkdir::WalkDir::new(p.path()) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            assert!(!String::from_utf8_lossy(&bytes).contains("Aigul Sadykova"));
        }
    }
}

/// A minimal PDF made with lopdf: `title=`, `author=`, `link=` or `page=` text.
fn pdf_with(spec: &str) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{Document, Object, Stream, dictionary};
    let (what, text) = spec.split_once('=').unwrap();
    let page_text = if what == "page" { text } else { "Meerim M." };
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let mut ops = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 12.into()]),
        Operation::new("Td", vec![50.into(), 700.into()]),
        Operation::new("TL", vec![14.into()]),
    ];
    for l in page_text.lines() {
        ops.push(Operation::new("Tj", vec![Object::string_literal(l)]));
        ops.push(Operation::new("T*", vec![]));
    }
    ops.push(Operation::new("ET", vec![]));
    let content = doc.add_object(Stream::new(
        dictionary! {},
        Content { operations: ops }.encode().unwrap(),
    ));
    let mut page = dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        "Resources" => resources, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    };
    if what == "link" {
        let annot = doc.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "Link",
            "Rect" => vec![0.into(), 0.into(), 10.into(), 10.into()],
            "A" => dictionary! { "S" => "URI", "URI" => Object::string_literal(text) },
        });
        page.set("Annots", vec![Object::Reference(annot)]);
    }
    let page = doc.add_object(page);
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let key = if what == "author" { "Author" } else { "Title" };
    let value = if matches!(what, "title" | "author") {
        text
    } else {
        "Report"
    };
    let info = doc.add_object(dictionary! { key => Object::string_literal(value) });
    doc.trailer.set("Info", info);
    let mut buf = vec![];
    doc.save_to(&mut buf).unwrap();
    buf
}

/// A Word file whose document part holds `text` (and, after a NUL, a relationships, footnotes
/// or properties part).
fn docx_with(text: &str) -> Vec<u8> {
    let (body, other) = text.split_once('\0').unwrap_or((text, ""));
    let mut buf = std::io::Cursor::new(vec![]);
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        z.start_file("word/document.xml", opts).unwrap();
        let doc = format!("<w:document><w:body>{body}</w:body></w:document>");
        std::io::Write::write_all(&mut z, doc.as_bytes()).unwrap();
        if !other.is_empty() {
            let name = if other.starts_with("<Relationships") {
                "word/_rels/document.xml.rels"
            } else if other.starts_with("<w:footnotes") {
                "word/footnotes.xml"
            } else {
                "docProps/core.xml"
            };
            z.start_file(name, opts).unwrap();
            std::io::Write::write_all(&mut z, other.as_bytes()).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

/// A name in a footnote of a Word file (`word/footnotes.xml`, where the publication's and the
/// submissions' notes are) is caught, whole or split across runs; the same note without it is not.
#[test]
fn a_name_in_a_word_footnote_is_caught() {
    let m = fixture_matcher();
    let note = |t: &str| {
        docx_with(&format!(
            "<w:p><w:r><w:t>Text</w:t></w:r></w:p>\0<w:footnotes><w:footnote w:id=\"1\"><w:p><w:r><w:t>Interview with {t}, Osh.</w:t></w:r></w:p></w:footnote></w:footnotes>"
        ))
    };
    let hits = |bytes: Vec<u8>| m.find_in(&reading::reader_text(Format::Docx, &bytes)).len();
    assert!(hits(note("Sadykova")) > 0, "a name in a footnote");
    assert!(
        hits(note("Sady</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>kova")) > 0,
        "a name split across runs of a footnote"
    );
    assert_eq!(
        hits(note("a migrant worker")),
        0,
        "a footnote without a name"
    );
}

/// Every artifact case is caught by the leak audit reading the artifact as its reader gets it
/// (page text and strings of a PDF, visible text and CSS of HTML, Word's parts, JSON values),
/// and no legitimate artifact raises an alarm.
#[test]
fn the_audit_catches_every_leak_in_what_the_reader_gets() {
    let m = fixture_matcher();
    let mut failures = vec![];
    let cases: Vec<Case> = corpus()
        .into_iter()
        .filter(|c| ARTIFACTS.contains(&c.channel.as_str()))
        .collect();
    for c in &cases {
        let bytes = match c.channel.as_str() {
            "pdf" => pdf_with(&c.text),
            "docx" => docx_with(&c.text),
            "html" => format!("<!DOCTYPE html><html><body>{}</body></html>", c.text).into_bytes(),
            _ => c.text.clone().into_bytes(),
        };
        let format = <Format as clap::ValueEnum>::from_str(&c.channel, true).unwrap();
        let hits = m.find_in(&reading::reader_text(format, &bytes));
        if hits.is_empty() == c.leak {
            failures.push(describe(c));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} artifact cases wrong:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Every source case, read by the matcher alone (the cases of the source channels in any
/// text), also gives the same answer: the matcher is what `check` and the audit share.
#[test]
fn the_matcher_alone_answers_every_source_case() {
    let m = fixture_matcher();
    let failures: Vec<String> = corpus()
        .iter()
        // Comments, ids and paths are left out by `check` before the matcher reads the text.
        .filter(|c| SOURCES.contains(&c.channel.as_str()) && c.channel != "witness")
        .filter(|c| c.code == "protected" && !matches!(c.kind.as_str(), "places" | "internal-copy"))
        .filter(|c| !matches!(c.kind.as_str(), "yaml-comment" | "ids" | "file-name"))
        .filter(|c| m.find_in(&c.text).is_empty() == c.leak)
        .map(describe)
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The template and output-format cases, each through a full build or `recs` run: a leak stops
/// it (by `check` with file and line, or by the leak audit) and nothing is written; a
/// legitimate template builds.
#[test]
#[cfg_attr(no_typst, ignore = "typst is not on PATH")]
fn every_output_format_is_guarded_by_a_full_build() {
    let cases: Vec<Case> = corpus()
        .into_iter()
        .filter(|c| {
            !SOURCES.contains(&c.channel.as_str())
                && !ARTIFACTS.contains(&c.channel.as_str())
                && c.channel != "sealed"
        })
        .collect();
    let mut failures = vec![];
    for c in &cases {
        let p = Project::fixture("leaks");
        let out = harness::temp_out();
        let run = match c.channel.as_str() {
            "template-html" => {
                let t = std::fs::read_to_string(
                    harness::repo().join("templates/html/publication.html"),
                )
                .unwrap();
                let t = t.replacen("</body>", &format!("{}\n</body>", c.text), 1);
                p.write("templates/html/publication.html", t);
                build_into(p.path(), out.path(), &["--only", "html"])
            }
            "template-typst" => {
                let t = std::fs::read_to_string(
                    harness::repo().join("templates/typst/publication.typ"),
                )
                .unwrap();
                // Inside the `publication` function, before the body: what it prints is printed.
                let at = t.rfind("\n  body\n").unwrap();
                let t = format!("{}\n  {}{}", &t[..at], c.text, &t[at..]);
                p.write("templates/typst/publication.typ", t);
                build_into(p.path(), out.path(), &["--only", "pdf"])
            }
            "submission-docx" | "recs-csv" | "recs-json" | "recs-docx" | "recs-pdf"
            | "recs-html" => {
                let mut recs = p.read("recommendations/recs.yaml");
                recs.push_str(&format!(
                    "- id: leak-rec\n  to: [kgz-gov]\n  theme: access-to-justice\n  findings: [consent]\n  text: |-\n    {}\n",
                    c.text
                ));
                p.write("recommendations/recs.yaml", recs);
                if c.channel == "submission-docx" {
                    let r = p.read("report.yaml").replace(
                        "  - publication: {formats: [html, pdf]}",
                        "  - alternative-report: {body: CMW, state: KGZ, formats: [docx]}",
                    );
                    p.write("report.yaml", r);
                    build_into(p.path(), out.path(), &["--only", "docx"])
                } else {
                    let ext = c.channel.trim_start_matches("recs-");
                    let file = out.path().join(format!("recs.{ext}"));
                    rapporteur([
                        "recs",
                        &p.path().display().to_string(),
                        "--format",
                        ext,
                        "--out",
                        &file.display().to_string(),
                    ])
                }
            }
            other => panic!("unknown channel {other}"),
        };
        let said =
            |s: &str| s.contains("is protected by testimony") || s.contains("which testimony");
        let stopped = run.code == Some(1) && (said(&run.stdout) || said(&run.stderr));
        let written = std::fs::read_dir(out.path()).unwrap().count() > 0;
        let ok = if c.leak {
            stopped && !written
        } else {
            run.code == Some(0)
        };
        if !ok {
            failures.push(format!("{}\n{run}", describe(c)));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} build cases wrong:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// A PDF typst makes of `body` (a page 6 cm wide, so that lines break often).
fn typst_pdf(body: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let src = format!(
        "#set page(width: 6cm, height: auto, margin: 0.5cm)\n#set text(hyphenate: true)\n{body}\n"
    );
    std::fs::write(dir.path().join("main.typ"), src).unwrap();
    let ok = std::process::Command::new("typst")
        .arg("compile")
        .arg(dir.path().join("main.typ"))
        .arg(dir.path().join("main.pdf"))
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    assert!(ok, "typst failed on {body}");
    std::fs::read(dir.path().join("main.pdf")).unwrap()
}

/// The audit's reading of a PDF typst made finds a witness's name wherever typst puts it: in a
/// footnote, in a table cell, split into runs by emphasis, split over two lines (and hyphenated)
/// in a narrow column, in justified text; and the reading really is the page text (nothing is
/// found in the same layout without a name).
#[test]
#[cfg_attr(no_typst, ignore = "typst is not on PATH")]
fn a_name_typst_lays_out_anywhere_in_a_pdf_is_caught() {
    let m = fixture_matcher();
    let cases = [
        (
            "footnote",
            "Work began.#footnote[As Aigul Sadykova told us.] Then it stopped.",
        ),
        (
            "table",
            "#table(columns: 2, [Who], [Where], [Nurlanbek Zhumabaev], [Osh])",
        ),
        ("runs", "Said Ai#strong[gul] Sady#emph[kova] at the gate."),
        (
            "lines",
            "#block(width: 2cm)[The worker Nurlanbek Zhumabaev was not paid for months.]",
        ),
        (
            "justified",
            "#set par(justify: true)\nWe met a migrant named Aigul Sadykova near the market in the morning, with others.",
        ),
    ];
    for (place, body) in cases {
        let text = reading::pdf_text(&typst_pdf(body));
        assert!(
            !m.find_in(&text).is_empty(),
            "{place}: not caught in {text:?}"
        );
        if place == "lines" {
            assert!(!text.contains("Nurlanbek Zhumabaev"), "not split: {text:?}");
        }
    }
    let clean = reading::pdf_text(&typst_pdf(
        "Work began.#footnote[As a worker told us.] #table(columns: 2, [Who], [a cook])",
    ));
    assert!(
        clean.contains("worker") && clean.contains("cook"),
        "{clean:?}"
    );
    assert!(m.find_in(&clean).is_empty(), "{clean:?}");
}
