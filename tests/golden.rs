//! Golden tests: what the real binary writes, compared byte for byte with the files under
//! `tests/golden/<case>/<group>/`, so that any change of an output is seen, and read, as a diff.
//!
//! A case is a project: `flagship` (`content/`), `minimal` (`examples/minimal/`), `hostile`
//! (`tests/golden/hostile/project/`: hostile text in every kind of author text and one witness
//! at each consent level) and `errors` (`tests/golden/errors/project/`: many errors of different
//! kinds). A group is one run of the binary, or a few alike, and its folder holds exactly the files
//! it produced: a missing or an extra file fails the test as a changed one does.
//!
//! `RAPPORTEUR_BLESS=1 cargo test --test golden` rewrites the golden files from what the binary
//! writes now (and removes the ones it no longer writes); review the change with `git diff
//! tests/golden` before committing it. `tests/golden/README.md` lists what each file pins.
//!
//! Outputs are deterministic by design (fixed dates, sorted parts); the only things masked are
//! the timings that `check` and `build` print and the temporary output folder's path.

mod harness;

use harness::{Run, build_into, rapporteur, repo, temp_out};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

const FLAGSHIP: &str = "content";
const MINIMAL: &str = "examples/minimal";
const HOSTILE: &str = "tests/golden/hostile/project";
const ERRORS: &str = "tests/golden/errors/project";

/// The files of one group: a name under the group's folder, and its bytes.
type Files = BTreeMap<String, Vec<u8>>;

// ---------------------------------------------------------------------------------------------
// check, in its three formats

fn check_files(project: &str) -> Files {
    ["human", "short", "json"]
        .iter()
        .map(|format| {
            let args = ["check", project, "--format", format];
            (
                format!("{format}.txt"),
                transcript(&args, &rapporteur(args), None),
            )
        })
        .collect()
}

#[test]
fn flagship_check() {
    expect_golden("flagship", "check", check_files(FLAGSHIP));
}

#[test]
fn minimal_check() {
    expect_golden("minimal", "check", check_files(MINIMAL));
}

#[test]
fn hostile_check() {
    expect_golden("hostile", "check", check_files(HOSTILE));
}

#[test]
fn errors_check() {
    expect_golden("errors", "check", check_files(ERRORS));
}

// ---------------------------------------------------------------------------------------------
// build: HTML (publication, submissions, recommendation sheets)

/// `build PROJECT --out OUT --only html [extra]`: its log (`build.txt`) and the HTML files named
/// in `keep` (all of them when `keep` is empty).
fn html_files(project: &str, extra: &[&str], keep: &[&str]) -> Files {
    // `OUT` inside a temporary folder, so that an internal build's `OUT-internal` is in it too.
    let tmp = temp_out();
    let out = tmp.path().join("out");
    let mut args = vec!["--only", "html"];
    args.extend(extra);
    let run = build_into(Path::new(project), &out, &args);
    assert_eq!(run.code, Some(0), "build failed\n{run}");
    let mut files = written_if_any(&out);
    files.retain(|name, _| keep.is_empty() || keep.contains(&name.as_str()));
    for (name, bytes) in written_if_any(&tmp.path().join("out-internal")) {
        files.insert(format!("out-internal/{name}"), bytes);
    }
    let mut cmd = vec!["build", project, "--out", "OUT"];
    cmd.extend(args);
    files.insert("build.txt".into(), transcript(&cmd, &run, Some(&out)));
    files
}

#[test]
fn flagship_html() {
    let keep = [
        "publication.html",
        "submissions/cmw-kgz.html",
        "submissions/upr-kaz.html",
        "recommendations/index.html",
        "recommendations/kgz-mfa.html",
    ];
    expect_golden("flagship", "html", html_files(FLAGSHIP, &[], &keep));
}

#[test]
fn minimal_html() {
    expect_golden("minimal", "html", html_files(MINIMAL, &[], &[]));
}

#[test]
fn hostile_html() {
    expect_golden("hostile", "html", html_files(HOSTILE, &[], &[]));
}

/// The internal build of the hostile case: every witness named as recorded, pages marked
/// confidential, in `OUT-internal/` beside the public folder.
#[test]
fn hostile_internal_html() {
    let files = html_files(HOSTILE, &["--audience", "internal"], &[]);
    expect_golden("hostile", "internal-html", files);
}

// ---------------------------------------------------------------------------------------------
// build: Word (the parts of each document that hold its text)

/// `build PROJECT --out OUT --only docx`: `word/document.xml` and `word/footnotes.xml` of the Word
/// documents named in `keep` (all when empty), as `<name>.document.xml` and `<name>.footnotes.xml`.
/// Each part is one line of XML; the golden file has a line break after each `</w:p>` so that a
/// diff shows the paragraph that changed (the parts have no line break of their own, which is
/// asserted, so the comparison stays exact).
fn docx_files(project: &str, keep: &[&str]) -> Files {
    let out = temp_out();
    let run = build_into(Path::new(project), out.path(), &["--only", "docx"]);
    assert_eq!(run.code, Some(0), "build failed\n{run}");
    let mut files = Files::new();
    for (name, bytes) in written(out.path(), keep) {
        let Some(stem) = name.strip_suffix(".docx") else {
            continue; // the sheets' index.html
        };
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        for part in ["document", "footnotes"] {
            let Ok(mut entry) = zip.by_name(&format!("word/{part}.xml")) else {
                continue;
            };
            let mut xml = String::new();
            entry.read_to_string(&mut xml).unwrap();
            assert!(
                !xml.contains('\n'),
                "{name}: word/{part}.xml has line breaks of its own; store it as it is"
            );
            let lines = xml.replace("</w:p>", "</w:p>\n");
            files.insert(format!("{stem}.{part}.xml"), lines.into_bytes());
        }
    }
    files
}

#[test]
fn flagship_docx() {
    let keep = [
        "publication.docx",
        "submissions/cmw-kgz.docx",
        "submissions/upr-kaz.docx",
    ];
    expect_golden("flagship", "docx", docx_files(FLAGSHIP, &keep));
}

#[test]
fn hostile_docx() {
    expect_golden("hostile", "docx", docx_files(HOSTILE, &[]));
}

// ---------------------------------------------------------------------------------------------
// build: the Typst source and data that typst compiles into each PDF (`--keep-typst`)

/// `build PROJECT --out OUT --only pdf --keep-typst`: the `.typ` and `.json` files named in `keep`
/// (all when empty). The PDFs themselves depend on the typst version and are read by the
/// reader-level tests instead.
fn typst_files(project: &str, keep: &[&str]) -> Files {
    let out = temp_out();
    let run = build_into(
        Path::new(project),
        out.path(),
        &["--only", "pdf", "--keep-typst"],
    );
    assert_eq!(run.code, Some(0), "build failed\n{run}");
    written(out.path(), keep)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".typ") || name.ends_with(".json"))
        .collect()
}

#[test]
#[cfg_attr(no_typst, ignore = "typst is not on PATH")]
fn flagship_typst() {
    let keep = [
        "publication.typ",
        "publication.json",
        "submissions/cmw-kgz.typ",
        "submissions/cmw-kgz.json",
        "recommendations/kgz-mfa.typ",
    ];
    expect_golden("flagship", "typst", typst_files(FLAGSHIP, &keep));
}

#[test]
#[cfg_attr(no_typst, ignore = "typst is not on PATH")]
fn minimal_typst() {
    expect_golden("minimal", "typst", typst_files(MINIMAL, &[]));
}

#[test]
#[cfg_attr(no_typst, ignore = "typst is not on PATH")]
fn hostile_typst() {
    expect_golden("hostile", "typst", typst_files(HOSTILE, &[]));
}

// ---------------------------------------------------------------------------------------------
// recs: the list of every recommendation as CSV, JSON and Markdown (standard output, exact bytes)

fn recs_files(project: &str) -> Files {
    ["csv", "json", "md"]
        .iter()
        .map(|format| {
            let run = rapporteur(["recs", project, "--format", format]);
            assert_eq!(run.code, Some(0), "recs failed\n{run}");
            assert!(run.stderr.is_empty(), "recs wrote to stderr\n{run}");
            (format!("recs.{format}"), run.stdout.into_bytes())
        })
        .collect()
}

#[test]
fn flagship_recs() {
    expect_golden("flagship", "recs", recs_files(FLAGSHIP));
}

#[test]
fn minimal_recs() {
    expect_golden("minimal", "recs", recs_files(MINIMAL));
}

#[test]
fn hostile_recs() {
    expect_golden("hostile", "recs", recs_files(HOSTILE));
}

// ---------------------------------------------------------------------------------------------
// build: the publication as one Markdown file

/// `build PROJECT --out OUT --only md` on a copy of the project whose publication is asked for in
/// Markdown too (`formats: [html, pdf, docx, md]`): its log and `publication.md`.
fn md_files(project: &str) -> Files {
    let copy = harness::Project::copy_of(&repo().join(project));
    let manifest = copy.read("report.yaml");
    let asked = manifest.replace(
        "publication: {formats: [html, pdf, docx]}",
        "publication: {formats: [html, pdf, docx, md]}",
    );
    assert_ne!(
        manifest, asked,
        "the publication output of {project} has changed"
    );
    copy.write("report.yaml", asked);
    let out = temp_out();
    let run = build_into(copy.path(), out.path(), &["--only", "md"]);
    assert_eq!(run.code, Some(0), "build failed\n{run}");
    let mut files = written(out.path(), &["publication.md"]);
    let cmd = ["build", project, "--out", "OUT", "--only", "md"];
    let log = transcript(&cmd, &run, Some(out.path()));
    let root = copy.path().display().to_string();
    let log = String::from_utf8(log).unwrap().replace(&root, project);
    files.insert("build.txt".into(), log.into_bytes());
    files
}

#[test]
fn flagship_md() {
    expect_golden("flagship", "md", md_files(FLAGSHIP));
}

#[test]
fn hostile_md() {
    expect_golden("hostile", "md", md_files(HOSTILE));
}

// ---------------------------------------------------------------------------------------------
// The locales: a small project written in Russian, French and Spanish, each building its
// publication, a submission (to the CMW in Russian, to the CESCR in French and Spanish) and the
// recommendation sheets, so that every word rapporteur writes in each language is pinned.

const LOCALES: [&str; 3] = ["ru", "fr", "es"];

fn locale_project(lang: &str) -> String {
    format!("tests/golden/{lang}/project")
}

#[test]
fn locales_html() {
    for lang in LOCALES {
        expect_golden(lang, "html", html_files(&locale_project(lang), &[], &[]));
    }
}

#[test]
#[cfg_attr(no_typst, ignore = "typst is not on PATH")]
fn locales_typst() {
    for lang in LOCALES {
        expect_golden(lang, "typst", typst_files(&locale_project(lang), &[]));
    }
}

#[test]
fn locales_docx() {
    for lang in LOCALES {
        expect_golden(lang, "docx", docx_files(&locale_project(lang), &[]));
    }
}

#[test]
fn locales_recs() {
    for lang in LOCALES {
        expect_golden(lang, "recs", recs_files(&locale_project(lang)));
    }
}

// ---------------------------------------------------------------------------------------------
// The machinery

/// Every file under `dir`, by its path relative to `dir` (with `/`), keeping only those named in
/// `keep` when it is not empty; each of them must have been written.
fn written(dir: &Path, keep: &[&str]) -> Files {
    let mut files = Files::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap();
        let name = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if keep.is_empty() || keep.contains(&name.as_str()) {
            files.insert(name, std::fs::read(entry.path()).unwrap());
        }
    }
    for k in keep {
        assert!(files.contains_key(*k), "the build did not write `{k}`");
    }
    files
}

/// What a run printed, as the golden file shows it: the command, the exit status, standard
/// output and (when not empty) standard error, with timings masked and `out` (the temporary
/// output folder) written as `OUT`.
fn transcript(args: &[&str], run: &Run, out: Option<&Path>) -> Vec<u8> {
    let mut text = format!(
        "$ rapporteur {}\nexit status: {}\n--- stdout\n{}",
        args.join(" "),
        run.code
            .map_or("killed by a signal".into(), |c| c.to_string()),
        run.stdout
    );
    if !run.stderr.is_empty() {
        text.push_str("--- stderr\n");
        text.push_str(&run.stderr);
    }
    if let Some(out) = out {
        text = text.replace(&out.display().to_string(), "OUT");
    }
    mask_millis(&text).into_bytes()
}

/// `1406 ms` -> `N ms`: the only part of the logs that changes from run to run.
fn mask_millis(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if !digits.is_empty() {
            let before = out.chars().last();
            let word_start = !before.is_some_and(|b| b.is_alphanumeric());
            if c == ' ' && rest.starts_with("ms") && word_start {
                out.push('N');
            } else {
                out.push_str(&digits);
            }
            digits.clear();
        }
        out.push(c);
    }
    out.push_str(&digits);
    out
}

fn golden_dir(case: &str, group: &str) -> PathBuf {
    repo().join("tests/golden").join(case).join(group)
}

/// Whether the golden files are to be rewritten rather than compared.
fn blessing() -> bool {
    std::env::var("RAPPORTEUR_BLESS").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// Compares `files` with the folder `tests/golden/<case>/<group>/` (same names, same bytes), or
/// rewrites the folder under `RAPPORTEUR_BLESS=1`.
#[track_caller]
fn expect_golden(case: &str, group: &str, files: Files) {
    let dir = golden_dir(case, group);
    let stored = written_if_any(&dir);
    if blessing() {
        for name in stored.keys().filter(|n| !files.contains_key(*n)) {
            std::fs::remove_file(dir.join(name)).unwrap();
        }
        for (name, bytes) in &files {
            if stored.get(name) != Some(bytes) {
                let path = dir.join(name);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, bytes).unwrap();
                eprintln!("blessed tests/golden/{case}/{group}/{name}");
            }
        }
        return;
    }
    let mut problems = vec![];
    for name in stored.keys().filter(|n| !files.contains_key(*n)) {
        problems.push(format!("{name}: golden file, but no longer written"));
    }
    for (name, bytes) in &files {
        match stored.get(name) {
            None => problems.push(format!("{name}: written, but there is no golden file")),
            Some(old) if old != bytes => {
                let actual = repo()
                    .join("target/golden-actual")
                    .join(case)
                    .join(group)
                    .join(name);
                std::fs::create_dir_all(actual.parent().unwrap()).unwrap();
                std::fs::write(&actual, bytes).unwrap();
                problems.push(format!(
                    "{name}: differs (what was written is in target/golden-actual/{case}/{group}/{name})\n{}",
                    first_difference(old, bytes)
                ));
            }
            Some(_) => {}
        }
    }
    assert!(
        problems.is_empty(),
        "golden files of tests/golden/{case}/{group}/ do not match:\n\n{}\n\nIf the change is \
         intended: RAPPORTEUR_BLESS=1 cargo test --test golden, then review `git diff tests/golden`.",
        problems.join("\n\n")
    );
}

fn written_if_any(dir: &Path) -> Files {
    if dir.is_dir() {
        written(dir, &[])
    } else {
        Files::new()
    }
}

/// The first line that differs, with the lines before it, as `-` (golden) and `+` (now).
fn first_difference(old: &[u8], new: &[u8]) -> String {
    let old = String::from_utf8_lossy(old);
    let new = String::from_utf8_lossy(new);
    let (a, b): (Vec<&str>, Vec<&str>) = (old.split('\n').collect(), new.split('\n').collect());
    let i = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let clip = |s: &str| s.chars().take(300).collect::<String>();
    let mut out = format!("first difference at line {}:\n", i + 1);
    for line in &a[i.saturating_sub(2)..i] {
        out.push_str(&format!("  {}\n", clip(line)));
    }
    out.push_str(&format!(
        "- {}\n",
        a.get(i).map_or("(end)".into(), |l| clip(l))
    ));
    out.push_str(&format!(
        "+ {}",
        b.get(i).map_or("(end)".into(), |l| clip(l))
    ));
    out
}

#[test]
fn timings_are_masked_and_nothing_else() {
    assert_eq!(
        mask_millis("0 errors (1406 ms)\nbuilt in 12 ms: typst 0 ms, 3 KB, C029 ms, a1 ms"),
        "0 errors (N ms)\nbuilt in N ms: typst N ms, 3 KB, C029 ms, a1 ms"
    );
}
