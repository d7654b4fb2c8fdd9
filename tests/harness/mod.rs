#![allow(dead_code)] // each test binary uses a part of the harness
//! The harness of the integration tests: copy a fixture project to a temporary folder, change it
//! if a test needs to, run the real `rapporteur` binary on it and look at what it printed.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root (where Cargo.toml is).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/<rel>`.
pub fn fixture_path(rel: &str) -> PathBuf {
    repo().join("tests/fixtures").join(rel)
}

/// Runs the real binary with `args` (from the repository root) and captures its output.
pub fn rapporteur<I, A>(args: I) -> Run
where
    I: IntoIterator<Item = A>,
    A: AsRef<OsStr>,
{
    rapporteur_env(args, &[])
}

/// Runs the real binary with `args` and extra environment variables.
pub fn rapporteur_env<I, A>(args: I, env: &[(&str, &str)]) -> Run
where
    I: IntoIterator<Item = A>,
    A: AsRef<OsStr>,
{
    let out = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(repo())
        .output()
        .expect("cannot run the rapporteur binary");
    Run {
        // `None` when the process was killed by a signal (a stack overflow, for instance).
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `rapporteur build PROJECT --out OUT [extra...]`, whatever its exit code.
pub fn build_into(project: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut args: Vec<String> = vec![
        "build".into(),
        project.display().to_string(),
        "--out".into(),
        out.display().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let run = rapporteur(&args);
    reads_pdfs_in_place_as_lopdf_does(out);
    run
}

/// Every PDF a build wrote under `out` (typst's) is read by the leak audit's reader of objects in
/// place, with the very text lopdf's reading gives (so every test that builds PDFs checks it).
pub fn reads_pdfs_in_place_as_lopdf_does(out: &Path) {
    use rapporteur::protect::pdf_text::{fast_text, lopdf_text};
    for entry in walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_none_or(|x| x != "pdf") {
            continue;
        }
        let bytes = std::fs::read(entry.path()).expect("read a PDF");
        let fast = fast_text(&bytes);
        assert!(
            fast.is_some(),
            "{} is not read in place",
            entry.path().display()
        );
        assert!(
            fast.as_deref() == Some(lopdf_text(&bytes).as_str()),
            "{}: the two PDF readers differ",
            entry.path().display()
        );
    }
}

/// A report project in a temporary folder, removed when the value is dropped.
pub struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    /// A copy of `tests/fixtures/<rel>`.
    pub fn fixture(rel: &str) -> Project {
        Project::copy_of(&fixture_path(rel))
    }

    /// A copy of `tests/fixtures/valid/base`, the tiny valid project every invalid fixture is
    /// derived from.
    pub fn base() -> Project {
        Project::fixture("valid/base")
    }

    /// A copy of any folder.
    pub fn copy_of(src: &Path) -> Project {
        assert!(src.is_dir(), "no fixture folder {}", src.display());
        let dir = tempfile::Builder::new()
            .prefix("rapporteur-test-")
            .tempdir()
            .expect("cannot create a temporary folder");
        copy_dir(src, dir.path());
        Project { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes (or overwrites) a file of the project, creating its folder.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Self {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, contents).unwrap();
        self
    }

    /// The text of a file of the project.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap()
    }

    /// Replaces `from` by `to` in a file of the project; `from` must be there (an edit that
    /// finds nothing would test the file unchanged).
    pub fn replace(&self, rel: &str, from: &str, to: &str) -> &Self {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} has no {from:?}");
        self.write(rel, text.replace(from, to))
    }

    /// `rapporteur check <project> --format short`.
    pub fn check(&self) -> Run {
        self.check_with(&["--format", "short"])
    }

    /// `rapporteur check <project> <extra args>`.
    pub fn check_with(&self, extra: &[&str]) -> Run {
        let mut args = vec![OsStr::new("check"), self.path().as_os_str()];
        args.extend(extra.iter().map(OsStr::new));
        rapporteur(args)
    }
}

fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).unwrap();
    for entry in std::fs::read_dir(src).unwrap() {
        let entry = entry.unwrap();
        let to = dst.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to);
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
}

/// What one run of the binary printed, and how it exited.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// A `help:` or `note:` line of the short format (`path:line:col: help: ...`).
fn is_hint(line: &str) -> bool {
    line.splitn(4, ':')
        .nth(3)
        .is_some_and(|rest| rest.starts_with(" help: ") || rest.starts_with(" note: "))
}

impl Run {
    /// The diagnostic lines of `check --format short`: stdout without the two summary lines and
    /// without the `help:` and `note:` lines that follow a diagnostic (see [`Run::hints`]).
    pub fn diagnostics(&self) -> Vec<&str> {
        let lines: Vec<&str> = self.stdout.lines().collect();
        assert!(
            lines.len() >= 2,
            "no summary lines in the output of check:\n{self}"
        );
        lines[..lines.len() - 2]
            .iter()
            .copied()
            .filter(|l| !is_hint(l))
            .collect()
    }

    /// The `path:line:col: help: ...` and `note:` lines of `check --format short`.
    pub fn hints(&self) -> Vec<&str> {
        self.stdout.lines().filter(|l| is_hint(l)).collect()
    }

    /// The last line of `check`, without its timing: "1 error, 0 warnings".
    pub fn totals(&self) -> &str {
        let last = self.stdout.lines().last().unwrap_or_default();
        last.rsplit_once(" (").map_or(last, |(t, _)| t)
    }

    /// Asserts the exit code, the exact diagnostic lines (in order) and the totals line
    /// that agrees with them.
    #[track_caller]
    pub fn expect(&self, code: i32, diagnostics: &[&str]) -> &Self {
        assert_eq!(self.code, Some(code), "exit code\n{self}");
        assert_eq!(self.diagnostics(), diagnostics, "diagnostics\n{self}");
        let errors = diagnostics
            .iter()
            .filter(|d| d.contains(": error: "))
            .count();
        let warnings = diagnostics
            .iter()
            .filter(|d| d.contains(": warning: "))
            .count();
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        assert_eq!(
            self.totals(),
            format!(
                "{}, {}",
                plural(errors, "error"),
                plural(warnings, "warning")
            ),
            "totals\n{self}"
        );
        assert!(self.stderr.is_empty(), "unexpected stderr\n{self}");
        self
    }

    /// Asserts a clean run: exit 0, no diagnostics.
    #[track_caller]
    pub fn expect_clean(&self) -> &Self {
        self.expect(0, &[])
    }

    /// Asserts that the process ended normally (0 or 1, not a panic's 101 nor a signal) and that
    /// nothing panicked.
    #[track_caller]
    pub fn expect_no_panic(&self) -> &Self {
        assert!(
            matches!(self.code, Some(0 | 1)),
            "exit code {:?}\n{self}",
            self.code
        );
        assert!(!self.stderr.contains("panicked"), "a panic\n{self}");
        self
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "--- exit code: {:?}\n--- stdout:\n{}--- stderr:\n{}---",
            self.code, self.stdout, self.stderr
        )
    }
}

// Tests that need an outside tool say so with `#[cfg_attr(no_typst, ignore = "...")]` (and
// `no_pdftotext`, `no_chromium`, `no_libreoffice`): `build.rs` sets these when the tool is not on
// PATH and `RAPPORTEUR_REQUIRE_TOOLS` is not set, so a missing tool shows as an ignored test,
// never as a passed one.

/// A temporary output folder.
pub fn temp_out() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("rapporteur-out-")
        .tempdir()
        .unwrap()
}

/// The flagship project.
pub fn content() -> PathBuf {
    repo().join("content")
}

/// Text with typst's hyphenation undone (soft hyphens, word joiners) and white space folded.
pub fn fold(s: &str) -> String {
    let s = s
        .replace("\u{AD}\n", "")
        .replace(['\u{AD}', '\u{2060}'], "");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Converts Word files to PDF in `outdir` with LibreOffice (headless, with a private profile so
/// that conversions running side by side do not share one).
pub fn libreoffice_to_pdf<P: AsRef<OsStr>>(
    docs: &[P],
    outdir: &Path,
) -> std::io::Result<std::process::Output> {
    let profile = temp_out();
    Command::new("libreoffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(outdir)
        .args(docs)
        .output()
}

/// The fonts a PDF embeds, as `pdffonts` lists them.
pub fn pdf_fonts(pdf: &Path) -> String {
    let out = Command::new("pdffonts")
        .arg(pdf)
        .output()
        .expect("pdffonts");
    assert!(out.status.success(), "pdffonts failed on {}", pdf.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The PDF's text through `pdftotext`, folded (see [`fold`]).
pub fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    fold(&String::from_utf8_lossy(&out.stdout))
}
