//! The pipeline's order, enforced: a stage uses only the stages before it. The order is the one
//! written in `src/lib.rs` and the README; this test reads every `crate::` path in `src/` and
//! fails on any that reaches a later stage.

use std::path::{Path, PathBuf};

/// The stages in pipeline order: each is a top-level module of `src/`, except `check`, the
/// functions of `src/lib.rs` itself (`crate::check`, `crate::Checked`, ...).
const ORDER: &[&str] = &[
    "text",
    "diagnostic",
    "load",
    "parse",
    "locale",
    "translation",
    "conventions",
    "model",
    "resolve",
    "view",
    "write",
    "measure",
    "output",
    "protect",
    "emit",
    "check",
    "uptake",
    "received",
    "cli",
    "commands",
    "main",
];

fn rank(stage: &str) -> usize {
    ORDER
        .iter()
        .position(|s| *s == stage)
        .unwrap_or_else(|| panic!("`{stage}` is not a stage of ORDER in tests/architecture.rs"))
}

/// The stage a file of `src/` belongs to.
fn stage_of_file(rel: &Path) -> String {
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    match first.trim_end_matches(".rs") {
        "lib" => "check".to_string(),
        other => other.to_string(),
    }
}

/// The stage a path `crate::NAME...` reaches: the module NAME, or `check` for an item of lib.rs.
fn stage_of_target(name: &str) -> &str {
    if name != "check" && ORDER.contains(&name) {
        name
    } else {
        "check"
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its comments (doc links are not dependencies).
fn code(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every module a `crate::` path names first, with its line: `crate::a::b` gives `a`, and
/// `crate::{a::b, c}` gives `a` and `c` (a group may span lines).
fn crate_paths(code: &str) -> Vec<(usize, String)> {
    let mut out = vec![];
    let line_of = |offset: usize| code[..offset].matches('\n').count() + 1;
    for (i, _) in code.match_indices("crate::") {
        let before = code[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // `rapporteur_crate::` or the like
        }
        let start = i + "crate::".len();
        let rest = &code[start..];
        let Some(group) = rest.strip_prefix('{') else {
            let ident: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !ident.is_empty() {
                out.push((line_of(i), ident));
            }
            continue;
        };
        // The first segment of each item of the group, at depth one.
        let (mut depth, mut at_start, mut ident) = (1, true, String::new());
        for (k, c) in group.char_indices() {
            if depth == 1 && at_start && (c.is_alphanumeric() || c == '_') {
                ident.push(c);
                continue;
            }
            if depth == 1 && at_start && ident.is_empty() && c.is_whitespace() {
                continue;
            }
            if !ident.is_empty() {
                out.push((line_of(start + 1 + k), std::mem::take(&mut ident)));
            }
            at_start = false;
            match c {
                '{' => depth += 1,
                '}' if depth == 1 => break,
                '}' => depth -= 1,
                ',' if depth == 1 => at_start = true,
                _ => {}
            }
        }
    }
    out
}

/// Every edge from `src/` that runs against the order, as `file:line: from -> to`.
fn backward_edges(src: &Path) -> Vec<String> {
    let mut files = vec![];
    rust_files(src, &mut files);
    files.sort();
    let mut bad = vec![];
    for file in files {
        let rel = file.strip_prefix(src).unwrap();
        let from = stage_of_file(rel);
        let text = std::fs::read_to_string(&file).unwrap();
        for (line, name) in crate_paths(&code(&text)) {
            let to = stage_of_target(&name);
            if rank(to) > rank(&from) {
                bad.push(format!(
                    "src/{}:{line}: stage `{from}` uses `crate::{name}` (stage `{to}`, later in the pipeline)",
                    rel.display()
                ));
            }
        }
    }
    bad
}

/// No module of `src/` reaches a stage that comes after its own.
#[test]
fn no_stage_uses_a_later_stage() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let bad = backward_edges(&src);
    assert!(
        bad.is_empty(),
        "{} edge(s) against the pipeline order ({}):\n{}",
        bad.len(),
        ORDER.join(" → "),
        bad.join("\n")
    );
}

/// Every top-level module of `src/` is a stage, and lib.rs declares them in the pipeline order.
#[test]
fn lib_declares_the_stages_in_order() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lib = std::fs::read_to_string(root.join("src/lib.rs")).unwrap();
    let declared: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod "))
        .map(|l| l.trim_end_matches(';'))
        .collect();
    let expected: Vec<&str> = ORDER
        .iter()
        .copied()
        .filter(|s| !matches!(*s, "check" | "main"))
        .collect();
    assert_eq!(declared, expected);
    let mut on_disk: Vec<String> = std::fs::read_dir(root.join("src"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .map(|n| n.trim_end_matches(".rs").to_string())
        .filter(|n| !matches!(n.as_str(), "lib" | "main"))
        .collect();
    on_disk.sort();
    let mut stages: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    stages.sort();
    assert_eq!(on_disk, stages, "every top-level module of src/ is a stage");
}

/// The reader of paths sees through groups and ignores comments.
#[test]
fn reads_grouped_paths_and_skips_comments() {
    let text = "use crate::{view::ast, write::{html, typst}, text};\n// crate::commands\nlet x = crate::output::f(); /// [`crate::cli`]\n";
    let names: Vec<String> = crate_paths(&code(text))
        .into_iter()
        .map(|(_, n)| n)
        .collect();
    assert_eq!(names, ["view", "write", "text", "output"]);
}

/// Functions in `src/` and their length in lines, from the `fn` line to the closing brace.
fn function_lengths(src: &Path) -> Vec<(String, usize)> {
    let mut files = vec![];
    rust_files(src, &mut files);
    files.sort();
    let mut out = vec![];
    for file in files {
        let rel = file.strip_prefix(src).unwrap().display().to_string();
        let text = std::fs::read_to_string(&file).unwrap();
        let code = code(&text);
        let lines: Vec<&str> = code.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let t = line.trim_start();
            let t = t.strip_prefix("pub ").unwrap_or(t);
            let t = t.strip_prefix("pub(crate) ").unwrap_or(t);
            let t = t.strip_prefix("pub(super) ").unwrap_or(t);
            let Some(name) = t.strip_prefix("fn ") else {
                continue;
            };
            let name: String = name
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let (mut depth, mut started) = (0i32, false);
            for (j, l) in lines.iter().enumerate().skip(i) {
                for c in strip_literals(l).chars() {
                    match c {
                        '{' => (depth, started) = (depth + 1, true),
                        '}' => depth -= 1,
                        _ => {}
                    }
                }
                if started && depth <= 0 {
                    out.push((format!("src/{rel}:{} {name}", i + 1), j - i + 1));
                    break;
                }
                if !started && l.trim_end().ends_with(';') {
                    break; // a declaration without a body
                }
            }
        }
    }
    out
}

/// A line without the contents of its string and character literals (whose braces do not count).
fn strip_literals(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                while let Some(d) = chars.next() {
                    match d {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '\'' if matches!(chars.clone().nth(1), Some('\'')) => {
                chars.next();
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// The functions still over the limit, at their length when the limit was set: they may only
/// shrink (and leave this list), never grow; no other function may pass the limit.
const LONG_FUNCTIONS: &[(&str, usize)] = &[];

/// The limit on a function's length, in lines.
const MAX_FUNCTION_LINES: usize = 100;

/// No function of `src/` is longer than 100 lines, but for those listed in `LONG_FUNCTIONS`,
/// which may not grow, and leave the list once under the limit.
#[test]
fn functions_stay_under_one_hundred_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut bad = vec![];
    let mut still_long = vec![];
    for (place, len) in function_lengths(&src) {
        if len <= MAX_FUNCTION_LINES {
            continue;
        }
        // `src/view/submission.rs:177 build` -> `view/submission.rs build`
        let (file, name) = place.split_once(' ').unwrap();
        let key = format!(
            "{} {name}",
            file.trim_start_matches("src/").split(':').next().unwrap()
        );
        still_long.push(key.clone());
        match LONG_FUNCTIONS.iter().find(|(k, _)| *k == key) {
            Some((_, was)) if len <= *was => {}
            Some((_, was)) => bad.push(format!("{place}: {len} lines, grew from {was}")),
            None => bad.push(format!("{place}: {len} lines, over {MAX_FUNCTION_LINES}")),
        }
    }
    // A function split under the limit leaves the list, so that it cannot grow back.
    for (key, _) in LONG_FUNCTIONS {
        if !still_long.iter().any(|k| k == key) {
            bad.push(format!(
                "{key}: no longer over {MAX_FUNCTION_LINES} lines; remove it from LONG_FUNCTIONS"
            ));
        }
    }
    assert!(bad.is_empty(), "functions too long:\n{}", bad.join("\n"));
}

/// The length of a function is read from its `fn` line to its closing brace, braces in string
/// and character literals not counted.
#[test]
fn measures_functions_from_fn_to_closing_brace() {
    assert_eq!(
        strip_literals(r#"let s = "{"; let c = '}'; f({})"#),
        "let s = ; let c = ; f({})"
    );
}
