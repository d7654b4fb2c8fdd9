//! What an author meets first: `init`, `watch`, the diagnostics in every format, `--version`.

mod harness;

use harness::{Project, rapporteur, repo};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

// ------------------------------------------------------------------ init

/// `init` makes a project that checks clean and builds its HTML out of the box, with the schemas
/// and a schema comment at the top of every YAML file.
#[test]
fn init_makes_a_project_that_checks_clean_and_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("my-report");
    let d = dir.display().to_string();
    let run = rapporteur([
        "init",
        &d,
        "--organisation",
        "Migrant Rights Centre",
        "--states",
        "TJK,RUS",
        "--language",
        "en",
    ]);
    assert_eq!(run.code, Some(0), "{run}");
    let check = rapporteur(["check", &d, "--format", "short"]);
    assert_eq!(check.code, Some(0), "{check}");
    assert!(check.stdout.contains("0 errors, 0 warnings"), "{check}");
    for kind in ["testimonies", "recommendations", "chapters", "findings"] {
        assert!(dir.join(kind).is_dir(), "{kind}");
    }
    let yaml = [
        "report.yaml",
        "addressees.yaml",
        "sources.yaml",
        "testimonies/interviews.yaml",
        "recommendations/recommendations.yaml",
    ];
    for f in yaml {
        let text = std::fs::read_to_string(dir.join(f)).unwrap();
        let first = text.lines().next().unwrap();
        let schema = first
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap_or_else(|| panic!("{f}: {first}"));
        let target = dir.join(f).parent().unwrap().join(schema);
        assert!(target.is_file(), "{f} names {schema}, which is not there");
        assert!(text.contains("docs/"), "{f}: no pointer to the guide");
    }
    let testimonies = std::fs::read_to_string(dir.join("testimonies/interviews.yaml")).unwrap();
    for consent in ["pseudonymous", "anonymous", "internal"] {
        assert!(
            testimonies.contains(&format!("consent: {consent}")),
            "{consent}"
        );
    }
    let report = std::fs::read_to_string(dir.join("report.yaml")).unwrap();
    assert!(report.contains("intro: chapters/"), "a part with an intro");
    assert!(report.contains("states: [TJK, RUS]"), "{report}");
    // Tajikistan is party to the Migrant Workers Convention: the submission goes to its committee.
    assert!(
        report.contains("alternative-report: {body: CMW, state: TJK"),
        "{report}"
    );

    let out = tmp.path().join("out");
    let build = harness::build_into(&dir, &out, &["--only", "html"]);
    assert_eq!(build.code, Some(0), "{build}");
    let html = std::fs::read_to_string(out.join("publication.html")).unwrap();
    assert!(html.contains("Migrant Rights Centre"));
    assert!(html.contains("Malika S."), "the pseudonym is published");
    assert!(!html.contains("Dilbar"), "the real name is not");
    assert!(out.join("submissions/cmw-tjk.html").is_file());
    assert!(out.join("recommendations/index.html").is_file());
}

/// `init --language ru` for a state whose treaty body takes no Russian still checks clean: the
/// submission is left as a comment saying which languages the body takes.
#[test]
fn init_in_a_language_the_body_does_not_take_checks_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ru-report");
    let d = dir.display().to_string();
    let run = rapporteur(["init", &d, "--states", "RUS,KGZ", "--language", "ru"]);
    assert_eq!(run.code, Some(0), "{run}");
    let check = rapporteur(["check", &d, "--format", "short"]);
    assert_eq!(check.code, Some(0), "{check}");
    assert!(check.stdout.contains("0 errors, 0 warnings"), "{check}");
    let report = std::fs::read_to_string(dir.join("report.yaml")).unwrap();
    assert!(
        report.contains("# The CESCR takes submissions in en, fr, es, not in ru"),
        "{report}"
    );
    assert!(
        report.contains("  # - alternative-report: {body: CESCR, state: RUS"),
        "{report}"
    );
    // The state's name takes its article in running text, as the UN writes it.
    let addressees = std::fs::read_to_string(dir.join("addressees.yaml")).unwrap();
    assert!(
        addressees.contains("name: \"The authorities of the Russian Federation\""),
        "{addressees}"
    );
}

/// `init` in a language rapporteur has no locale for (Kyrgyz) writes that language's locale, the
/// English one to translate, so the project checks clean and says so; and its `.gitignore` keeps
/// the internal outputs, which name every witness, out of the repository with the public ones.
#[test]
fn init_in_a_language_without_a_locale_writes_one_to_translate() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ky-report");
    let d = dir.display().to_string();
    let run = rapporteur(["init", &d, "--states", "KGZ", "--language", "ky"]);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(
        run.stdout.contains("no built-in locale for `ky`") && run.stdout.contains("to translate"),
        "{run}"
    );
    let locale = std::fs::read_to_string(dir.join("locales/ky.yaml")).unwrap();
    assert!(locale.contains("\nlanguage: ky\n"), "{locale}");
    assert!(
        locale.starts_with("# Written by `rapporteur init`"),
        "{locale}"
    );
    let check = rapporteur(["check", &d, "--format", "short"]);
    assert_eq!(check.code, Some(0), "{check}");
    assert!(!check.stdout.contains("no-locale"), "{check}");
    let ignored = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
    let lines: Vec<&str> = ignored.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(lines, ["out/", "out-internal/"], "{ignored}");
    // A built-in language gets no locale file.
    let en = tmp.path().join("en-report");
    let run = rapporteur(["init", &en.display().to_string(), "--language", "en"]);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(!en.join("locales").exists());
    assert!(!run.stdout.contains("no built-in locale"), "{run}");
}

/// `init` refuses a folder that is not empty, and an unknown state with a suggestion.
#[test]
fn init_refuses_a_folder_in_use_and_an_unknown_state() {
    let p = Project::base();
    let run = rapporteur(["init", &p.path().display().to_string()]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stderr.contains("is not empty"), "{run}");
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("x").display().to_string();
    let run = rapporteur(["init", &d, "--states", "TJKK"]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stderr.contains("did you mean `TJK`?"), "{run}");
    assert!(!tmp.path().join("x").exists(), "nothing written");
}

/// `conventions --themes` lists every theme id.
#[test]
fn conventions_lists_themes() {
    let run = rapporteur(["conventions", "--themes"]);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(run.stdout.contains("forced-labour"), "{run}");
    assert!(run.stdout.contains("20 themes"), "{run}");
}

/// The ratification sources shown to a user leave the dataset's research trail out.
#[test]
fn state_ratification_sources_show_no_research_notes() {
    let run = rapporteur(["conventions", "--state", "TJK"]);
    assert_eq!(run.code, Some(0), "{run}");
    for word in ["OCR", "recollection", "seed report"] {
        assert!(!run.stdout.contains(word), "{word}:\n{run}");
    }
    assert!(run.stdout.contains("(not yet verified)"), "{run}");
}

// ------------------------------------------------------------------ diagnostics

/// The short format keeps the `help:` lines, at the diagnostic's place.
#[test]
fn short_format_prints_help_lines() {
    let p = Project::base();
    let t = p
        .read("testimonies/workers.yaml")
        .replacen("consent: ", "consnt: ", 1);
    p.write("testimonies/workers.yaml", t);
    let run = p.check();
    let diags = run.diagnostics();
    assert_eq!(diags.len(), 1, "{run}");
    let at = diags[0].split(": error: ").next().unwrap();
    assert!(
        run.hints()
            .iter()
            .any(|h| h.starts_with(&format!("{at}: help: expected one of"))),
        "{run}"
    );
}

/// `--format github` prints workflow commands whose file names start at the repository root.
#[test]
fn github_format_annotates_the_lines() {
    let p = Project::base();
    let f = p
        .read("findings/wages.md")
        .replacen("themes: [", "themes: [wage-thef, ", 1);
    p.write("findings/wages.md", f);
    let project = p.path().display().to_string();
    let run = rapporteur(["check", &project, "--format", "github"]);
    assert_eq!(run.code, Some(1), "{run}");
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("::error "))
        .unwrap_or_else(|| panic!("no annotation\n{run}"));
    let file = format!(
        "::error file={}/findings/wages.md,line=",
        project
            .trim_start_matches("./")
            .replace(':', "%3A")
            .replace(',', "%2C")
    );
    assert!(line.starts_with(&file), "{line}");
    assert!(
        line.contains(",title=rapporteur unknown-theme::unknown theme `wage-thef`"),
        "{line}"
    );
}

/// `--version` says how current the dataset is and which typst the PDFs need.
#[test]
fn version_tells_the_dataset_date_and_the_typst() {
    let run = rapporteur(["--version"]);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(run.stdout.contains("conventions dataset as of "), "{run}");
    assert!(run.stdout.contains("PDF with typst 0.15.x"), "{run}");
}

// ------------------------------------------------------------------ watch

/// A `rapporteur watch` process, stopped when dropped.
struct Watch {
    child: Child,
    addr: String,
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watch {
    fn start(project: &Path) -> Watch {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
            .args([
                "watch",
                &project.display().to_string(),
                "--port",
                "0",
                "--no-pdf",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("cannot start rapporteur watch");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(rest) = line.strip_prefix("serving http://") {
                    let _ = tx.send(rest.split('/').next().unwrap_or("").to_string());
                }
            }
        });
        let addr = rx
            .recv_timeout(Duration::from_secs(120))
            .expect("watch did not start serving");
        Watch { child, addr }
    }

    /// GET a path; the body.
    fn get(&self, path: &str) -> String {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        write!(s, "GET {path} HTTP/1.0\r\nHost: {}\r\n\r\n", self.addr).unwrap();
        let mut text = String::new();
        s.read_to_string(&mut text).unwrap();
        text.split_once("\r\n\r\n")
            .map_or(String::new(), |(_, b)| b.to_string())
    }

    /// Waits until the served page contains `what`.
    #[track_caller]
    fn wait_for(&self, what: &str) -> String {
        let start = Instant::now();
        loop {
            let page = self.get("/");
            if page.contains(what) {
                return page;
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "the served page never showed `{what}`:\n{}",
                &page[page.len().saturating_sub(2000)..]
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// `watch` serves the publication, rebuilds it when a finding is saved, shows a content error
/// over the page (keeping the last good build), and never puts its script into the artifact.
#[test]
fn watch_serves_the_page_and_updates_it_after_an_edit() {
    let p = Project::copy_of(&repo().join("examples/minimal"));
    let w = Watch::start(p.path());
    let page = w.wait_for("Employers keep workers");
    assert!(page.contains("/__rapporteur/wait"), "the reload script");

    let f = p.read("findings/document-confiscation.md").replace(
        "Employers keep workers' identity documents",
        "Papers held by the foreman",
    );
    p.write("findings/document-confiscation.md", f);
    w.wait_for("Papers held by the foreman");

    let artifact = p.read("out/publication.html");
    assert!(artifact.contains("Papers held by the foreman"));
    assert!(!artifact.contains("rapporteur-watch") && !artifact.contains("<script"));

    let f = p
        .read("findings/medical-care.md")
        .replace("themes: [health-care]", "themes: [helth-care]");
    p.write("findings/medical-care.md", f);
    let page = w.wait_for("rapporteur-overlay");
    assert!(
        page.contains("unknown theme `helth-care`"),
        "the diagnostic over the page"
    );
    assert!(
        page.contains("Papers held by the foreman"),
        "the last good build under it"
    );
}
