//! `rapporteur explain [CODE]`: the user guide's entry for a diagnostic code (as `rustc
//! --explain` does). The entries are the guide's own files, `docs/diagnostics/CODE.md`, compiled
//! into the binary, so the command and the guide cannot disagree.

use anyhow::{Result, bail};
use include_dir::{Dir, include_dir};

static ENTRIES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/docs/diagnostics");

/// Every entry: (code, Markdown text), sorted by code.
pub fn entries() -> Vec<(&'static str, &'static str)> {
    let mut v: Vec<_> = ENTRIES
        .files()
        .filter_map(|f| {
            let name = f.path().file_name()?.to_str()?;
            let code = name.strip_suffix(".md")?;
            (code != "README").then_some((code, f.contents_utf8()?))
        })
        .collect();
    v.sort();
    v
}

/// The entry of one code.
pub fn entry(code: &str) -> Option<&'static str> {
    entries()
        .into_iter()
        .find(|(c, _)| *c == code)
        .map(|(_, t)| t)
}

/// The entry's first paragraph after its title: what the code means, in a sentence or two.
fn summary(text: &str) -> &str {
    text.split("\n\n").nth(1).unwrap_or("").trim()
}

pub fn run(code: Option<&str>) -> Result<i32> {
    let all = entries();
    let Some(code) = code else {
        println!("Diagnostic codes (`rapporteur explain CODE` prints one):\n");
        for (c, text) in &all {
            println!("{c:<24} {}", first_sentence(summary(text)));
        }
        return Ok(0);
    };
    // Accept what a diagnostic prints around the code: `error[unknown-theme]`, `[unknown-theme]`.
    let wanted = code
        .trim()
        .trim_start_matches("error")
        .trim_start_matches("warning")
        .trim_matches(|c| c == '[' || c == ']')
        .to_lowercase();
    match entry(&wanted) {
        Some(text) => {
            print!("{text}");
            Ok(0)
        }
        None => {
            let msg = crate::diagnostic::with_suggestion(
                format!("no diagnostic code `{code}`"),
                &wanted,
                all.iter().map(|(c, _)| *c),
            );
            bail!("{msg} (`rapporteur explain` lists the codes)")
        }
    }
}

fn first_sentence(s: &str) -> String {
    let s = s.replace('\n', " ");
    let s = s
        .strip_prefix("An error: ")
        .map(|r| format!("error: {r}"))
        .or_else(|| {
            s.strip_prefix("A warning: ")
                .map(|r| format!("warning: {r}"))
        })
        .unwrap_or(s.clone());
    match s.find(". ").or_else(|| s.find(": ").filter(|_| false)) {
        Some(i) => s[..=i].to_string(),
        None => s,
    }
}
