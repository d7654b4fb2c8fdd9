//! Accessibility: every HTML page the flagship publishes meets WCAG 2.2 level AA and axe-core's
//! best practices as axe-core checks it, in headless Chromium. `tests/a11y/axe.mjs` loads each page
//! from its file, runs axe-core with the rules tagged WCAG 2.0, 2.1 and 2.2 A and AA and
//! `best-practice`, and lists each violation (page, rule, impact, element, help page).
//!
//! These tests need Chromium, node and the npm packages of `tests/a11y` (axe-core and
//! puppeteer-core, pinned by its package-lock.json; `scripts/setup-tools test` installs them with
//! `npm ci`). Without them they are ignored (`build.rs` sets `no_chromium`, `no_axe`); with
//! `RAPPORTEUR_REQUIRE_TOOLS=1` (scripts/test, CI) they run, and fail if a tool is missing.

mod harness;

use harness::{build_into, content, repo, temp_out};
use std::path::{Path, PathBuf};
use std::process::Command;

/// What `node tests/a11y/axe.mjs PAGES` printed, and its exit code.
struct Axe {
    code: Option<i32>,
    stdout: String,
}

/// Runs the axe-core check on `pages`.
fn axe(pages: &[PathBuf]) -> Axe {
    let dir = repo().join("tests/a11y");
    for package in ["axe-core", "puppeteer-core"] {
        assert!(
            dir.join("node_modules").join(package).is_dir(),
            "{package} is not installed: run `scripts/setup-tools test` (or `npm ci` in tests/a11y)"
        );
    }
    let out = Command::new("node")
        .arg(dir.join("axe.mjs"))
        .args(pages)
        .output()
        .expect("cannot run node: is it on PATH?");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.trim().is_empty(),
        "axe.mjs wrote to stderr:\n{stderr}"
    );
    Axe {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
    }
}

/// Every `.html` file under `dir`, sorted.
fn html_pages(dir: &Path) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    pages.sort();
    pages
}

/// Builds `args` of the flagship's HTML into a temporary folder, checks every page it wrote with
/// axe-core and asserts zero violations on each, after checking that the pages named in
/// `expected` are among them.
fn assert_flagship_pages_pass(args: &[&str], expected: &[&str]) {
    let out = temp_out();
    let run = build_into(&content(), out.path(), args);
    assert_eq!(run.code, Some(0), "build failed\n{run}");
    let pages = html_pages(out.path());
    for rel in expected {
        assert!(
            pages.contains(&out.path().join(rel)),
            "the build wrote no {rel}: {pages:?}"
        );
    }
    let result = axe(&pages);
    assert_eq!(
        result.code,
        Some(0),
        "WCAG 2.2 AA or best-practice violations (axe-core):\n{}",
        result.stdout
    );
    let closing = format!("axe: {} pages, 0 violations, ", pages.len());
    assert!(
        result.stdout.lines().any(|l| l.starts_with(&closing)),
        "axe.mjs did not check every page:\n{}",
        result.stdout
    );
}

/// The publication, the four submissions (three treaty-body reports and a UPR submission), the
/// recommendation sheets and their index: zero violations of WCAG 2.2 A and AA, and of axe-core's
/// best practices (no empty table header, no two regions with the same label).
#[test]
#[cfg_attr(
    any(no_chromium, no_axe),
    ignore = "needs chromium, node and tests/a11y's npm packages (scripts/setup-tools test)"
)]
fn flagship_html_meets_wcag_2_2_aa_and_best_practices() {
    assert_flagship_pages_pass(
        &["--only", "html"],
        &[
            "publication.html",
            "submissions/cmw-kgz.html",
            "submissions/upr-kaz.html",
            "recommendations/index.html",
            "recommendations/kgz-mfa.html",
        ],
    );
}

/// The Russian edition, in its own language: its publication and sheets.
#[test]
#[cfg_attr(
    any(no_chromium, no_axe),
    ignore = "needs chromium, node and tests/a11y's npm packages (scripts/setup-tools test)"
)]
fn russian_edition_html_meets_wcag_2_2_aa_and_best_practices() {
    assert_flagship_pages_pass(
        &["--only", "html", "--language", "ru"],
        &["ru/publication.html", "ru/recommendations/kgz-mfa.html"],
    );
}

/// The check fails, naming the rule, the element and the help page, on a page with known
/// violations: no language, an image without a text alternative, grey text on white, and (a best
/// practice) a table header cell without text.
#[test]
#[cfg_attr(
    any(no_chromium, no_axe),
    ignore = "needs chromium, node and tests/a11y's npm packages (scripts/setup-tools test)"
)]
fn a_page_with_violations_fails_the_check_with_each_listed() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("bad.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><head><title>Bad</title></head><body><main><h1>Bad</h1>\
         <img src=\"x.png\"><p style=\"color:#bbb\">Pale text.</p>\
         <table><tr><th></th><th>Count</th></tr><tr><td>a</td><td>1</td></tr></table></main></body></html>",
    )
    .unwrap();
    let result = axe(std::slice::from_ref(&page));
    assert_eq!(result.code, Some(1), "{}", result.stdout);
    for rule in [
        "html-has-lang",
        "image-alt",
        "color-contrast",
        "empty-table-header",
    ] {
        let line = result
            .stdout
            .lines()
            .find(|l| l.contains(&format!(": {rule} (")))
            .unwrap_or_else(|| panic!("{rule} not reported:\n{}", result.stdout));
        assert!(
            line.contains("https://dequeuniversity.com/rules/axe/"),
            "no help page: {line}"
        );
    }
    assert!(
        result.stdout.contains("axe: 1 pages, 4 violations"),
        "{}",
        result.stdout
    );
}
