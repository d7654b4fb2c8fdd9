//! Translations: the editions of a report in other languages, file by file.
//!
//! A translation mirrors its source's path under `translations/<tag>/`: the Russian
//! `findings/wages.md` is `translations/ru/findings/wages.md`, with the same id and the same
//! front matter fields, translated. Each translation says which version of its source it
//! translates, in a comment line at the top of its YAML (the front matter of a Markdown file):
//!
//! ```yaml
//! # translates: 3f2a9c01b7e4
//! ```
//!
//! the first 12 hex digits of the SHA-256 of the source file's text (line endings normalised).
//! A comment keeps a translation readable by the same parser as its source, as gettext keeps its
//! `#, fuzzy` flag in a comment. [`status`] compares each translation with its source: current,
//! stale (the source changed since), missing, or untracked (no `translates:` line);
//! [`check`] turns the status into diagnostics with file and line.

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::load::{ProjectFiles, SourceFile};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The folder that holds the translations, one subfolder per language tag.
pub const FOLDER: &str = "translations";

/// The state of one source file in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum State {
    /// The translation translates the source as it is now.
    Current,
    /// The source changed since the version the translation translates.
    Stale { translates: String, line: u32 },
    /// The translation does not say which version it translates.
    Untracked,
    /// No translation.
    Missing,
}

/// One source file's translations, one state per edition language (in `languages` order).
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The source file (`findings/wages.md`).
    pub source: String,
    /// The hash of its current text.
    pub hash: String,
    pub states: Vec<(String, State)>,
}

/// The hash a translation records: 12 hex digits of the SHA-256 of the text, line endings
/// normalised, so that a checkout with CRLF does not make every translation stale.
pub fn hash(text: &str) -> String {
    let normal = text.replace("\r\n", "\n");
    let digest = Sha256::digest(normal.as_bytes());
    digest[..6].iter().map(|b| format!("{b:02x}")).collect()
}

/// The path of a source file's translation into `language`.
pub fn path_of(source: &str, language: &str) -> String {
    format!("{FOLDER}/{language}/{source}")
}

/// The files that are translated: report.yaml, chapters, findings, testimonies,
/// recommendations and addressees (sources, meetings and the dataset are not: titles of
/// published documents stay as published).
pub fn translatable(files: &ProjectFiles) -> Vec<&SourceFile> {
    files
        .manifest
        .iter()
        .chain(&files.chapters)
        .chain(&files.findings)
        .chain(&files.testimonies)
        .chain(&files.recommendations)
        .chain(files.addressees.iter())
        .collect()
}

/// The `# translates: HASH` line of a translation: the hash and its line.
pub fn recorded(text: &str) -> Option<(String, u32)> {
    text.lines().take(12).enumerate().find_map(|(i, l)| {
        let rest = l.trim().strip_prefix('#')?.trim_start();
        let hash = rest.strip_prefix("translates:")?.trim();
        Some((hash.to_string(), i as u32 + 1))
    })
}

/// The project's translations by path, to look each up once (not a walk of the list per file).
fn by_path(files: &ProjectFiles) -> std::collections::HashMap<&str, &SourceFile> {
    files
        .translations
        .iter()
        .map(|t| (t.path.as_str(), t))
        .collect()
}

/// Every translatable file's state in each language of `languages` other than `source`.
pub fn status(files: &ProjectFiles, source: &str, languages: &[String]) -> Vec<Row> {
    let targets: Vec<&String> = languages.iter().filter(|l| *l != source).collect();
    let translations = by_path(files);
    translatable(files)
        .into_iter()
        .map(|f| {
            let hash = hash(&f.text);
            let states = targets
                .iter()
                .map(|lang| {
                    let path = path_of(&f.path, lang);
                    let state = match translations.get(path.as_str()) {
                        None => State::Missing,
                        Some(t) => match recorded(&t.text) {
                            None => State::Untracked,
                            Some((h, _)) if h == hash => State::Current,
                            Some((h, line)) => State::Stale {
                                translates: h,
                                line,
                            },
                        },
                    };
                    (lang.to_string(), state)
                })
                .collect();
            Row {
                source: f.path.clone(),
                hash,
                states,
            }
        })
        .collect()
}

/// The translations' problems as diagnostics: a stale or untracked translation at its
/// `translates:` line (or its first), a missing one at its source, a translation with no source.
pub fn check(files: &ProjectFiles, source: &str, languages: &[String], diags: &mut Diagnostics) {
    if files.translations.is_empty() && languages.iter().all(|l| l == source) {
        // One language and no translations: nothing to report (and no file's hash to compute).
        return;
    }
    let rows = status(files, source, languages);
    for row in &rows {
        for (lang, state) in &row.states {
            let path = path_of(&row.source, lang);
            match state {
                State::Current => {}
                State::Missing => {}
                State::Stale { translates, line } => diags.push(
                    Diagnostic::warning(
                        "translation-stale",
                        Location::new(&path, *line, 1),
                        format!(
                            "this translation translates an older version of {} (`{translates}`; the source is now `{}`)",
                            row.source, row.hash
                        ),
                    )
                    .with_hint(format!(
                        "bring the translation up to date with the source's changes (`git diff` on {} shows them), then write `# translates: {}`",
                        row.source, row.hash
                    )),
                ),
                State::Untracked => diags.push(
                    Diagnostic::warning(
                        "translation-stale",
                        Location::new(&path, 1, 1),
                        format!(
                            "this translation does not say which version of {} it translates",
                            row.source
                        ),
                    )
                    .with_hint(format!(
                        "once it matches the source, write `# translates: {}` as its first line (inside the front matter of a Markdown file)",
                        row.hash
                    )),
                ),
            }
        }
    }
    missing_by_language(files, &rows, diags);
    let sources: std::collections::HashSet<&str> = rows.iter().map(|r| r.source.as_str()).collect();
    for t in &files.translations {
        let rest = t
            .path
            .strip_prefix(&format!("{FOLDER}/"))
            .unwrap_or(&t.path);
        let (lang, rel) = rest.split_once('/').unwrap_or(("", rest));
        let known = languages.iter().any(|l| l == lang) && lang != source;
        let has_source = sources.contains(rel);
        if !known || !has_source {
            let why = if !known {
                format!(
                    "`{lang}` is not one of the report's `languages:` ({})",
                    languages.join(", ")
                )
            } else {
                format!("there is no `{rel}` to translate")
            };
            diags.push(Diagnostic::warning(
                "translation-orphan",
                Location::new(&t.path, 1, 1),
                format!("this translation is not used: {why}"),
            ));
        }
    }
}

/// One warning per language for the translations it lacks, at the `languages:` line of
/// report.yaml, naming them (a list of forty warnings would hide every other problem).
fn missing_by_language(files: &ProjectFiles, rows: &[Row], diags: &mut Diagnostics) {
    let Some(first) = rows.first() else {
        return;
    };
    let line = files
        .manifest
        .as_ref()
        .and_then(|m| m.text.lines().position(|l| l.starts_with("languages:")))
        .map_or(1, |i| i as u32 + 1);
    for (k, (lang, _)) in first.states.iter().enumerate() {
        let missing: Vec<&str> = rows
            .iter()
            .filter(|r| r.states[k].1 == State::Missing)
            .map(|r| r.source.as_str())
            .collect();
        if missing.is_empty() {
            continue;
        }
        diags.push(
            Diagnostic::warning(
                "translation-missing",
                Location::new("report.yaml", line, 1),
                format!(
                    "the `{lang}` edition has {} of {} files translated: {} missing",
                    rows.len() - missing.len(),
                    rows.len(),
                    missing.len()
                ),
            )
            .with_note(format!("missing under `{FOLDER}/{lang}/`: {}", missing.join(", ")))
            .with_hint(format!(
                "`rapporteur translations` prints the table; a draft build shows the source text, marked, in place of each; a final build refuses the `{lang}` edition until they exist"
            )),
        );
    }
}

/// The files of the edition in `language`: each translatable file replaced by its translation.
/// A missing translation is an error naming the file in a final build; in a draft build the
/// source stays in its place, and a Markdown file gets `marker` (a line in the edition's
/// language saying the text is not yet translated) at the top of its body (a YAML file's items
/// are marked one by one once resolved: see [`crate::mark_untranslated`]). Returns the files, for each
/// file replaced, its source path -> its translation's path (to report problems in the
/// translation where they are), and the YAML files left in the source language.
pub fn edition(
    files: &ProjectFiles,
    language: &str,
    draft: bool,
    marker: &str,
    diags: &mut Diagnostics,
) -> Edition {
    let mut out = files.clone();
    let translations = by_path(files);
    let mut moved = std::collections::BTreeMap::new();
    let mut untranslated = std::collections::BTreeSet::new();
    let mut complete = true;
    let mut replace = |f: &mut SourceFile,
                       moved: &mut std::collections::BTreeMap<String, String>,
                       diags: &mut Diagnostics| {
        let path = path_of(&f.path, language);
        match translations.get(path.as_str()) {
            Some(t) => {
                moved.insert(f.path.clone(), t.path.clone());
                f.text = t.text.clone();
            }
            None if draft => {
                complete = false;
                if f.path.ends_with(".md") {
                    f.text = marked(&f.text, marker);
                } else {
                    untranslated.insert(f.path.clone());
                }
            }
            None => {
                complete = false;
                diags.push(
                Diagnostic::error(
                    "translation-missing",
                    Location::new(&f.path, 1, 1),
                    format!(
                        "the `{language}` edition is incomplete: `{path}` does not exist"
                    ),
                )
                .with_hint("translate it, or build with `--draft` to show the source text, marked, in its place"),
            )
            }
        }
    };
    for f in out
        .manifest
        .iter_mut()
        .chain(&mut out.chapters)
        .chain(&mut out.findings)
        .chain(&mut out.testimonies)
        .chain(&mut out.recommendations)
        .chain(out.addressees.iter_mut())
    {
        replace(f, &mut moved, diags);
    }
    if let Some(m) = out.manifest.as_mut() {
        m.text = with_language(&m.text, language);
    }
    Edition {
        files: out,
        moved,
        untranslated,
        complete,
    }
}

/// An edition's files: see [`edition`].
pub struct Edition {
    pub files: ProjectFiles,
    /// Source path -> translation path, for each file replaced by its translation.
    pub moved: std::collections::BTreeMap<String, String>,
    /// The YAML files left in the source language in a draft edition.
    pub untranslated: std::collections::BTreeSet<String>,
    /// Whether every file had its translation: the edition is then the same, draft or not.
    pub complete: bool,
}

/// report.yaml with its top-level `language:` set to `tag` (in place, so that no line moves;
/// added at the end when there is none).
fn with_language(text: &str, tag: &str) -> String {
    let mut found = false;
    let mut out: Vec<String> = text
        .lines()
        .map(|l| {
            if !found && l.starts_with("language:") {
                found = true;
                format!("language: {tag}")
            } else {
                l.to_string()
            }
        })
        .collect();
    if !found {
        out.push(format!("language: {tag}"));
    }
    out.join("\n") + "\n"
}

/// A Markdown file with `marker` as the first paragraph of its body (after the front matter).
fn marked(text: &str, marker: &str) -> String {
    match crate::parse::frontmatter::split(text) {
        Ok(split) if split.front.is_some() => {
            let (head, body) = text.split_at(split.body_offset);
            format!("{head}\n*{marker}*\n\n{body}")
        }
        _ => format!("*{marker}*\n\n{text}"),
    }
}

/// The table `rapporteur translations` prints: one row per source file, one column per language.
pub fn table(rows: &[Row]) -> String {
    let Some(first) = rows.first() else {
        return "nothing to translate\n".into();
    };
    let langs: Vec<&str> = first.states.iter().map(|(l, _)| l.as_str()).collect();
    if langs.is_empty() {
        return "the report has one language: list the editions in `languages:` of report.yaml\n"
            .into();
    }
    let width = rows
        .iter()
        .map(|r| r.source.len())
        .max()
        .unwrap_or(4)
        .max(4);
    let mut out = format!("{:width$}", "file");
    for l in &langs {
        out.push_str(&format!("  {l:9}"));
    }
    out.push('\n');
    for r in rows {
        out.push_str(&format!("{:width$}", r.source));
        for (_, s) in &r.states {
            let word = match s {
                State::Current => "current",
                State::Stale { .. } => "stale",
                State::Untracked => "untracked",
                State::Missing => "missing",
            };
            out.push_str(&format!("  {word:9}"));
        }
        out.push('\n');
    }
    for (k, l) in langs.iter().enumerate() {
        let count = |want: fn(&State) -> bool| rows.iter().filter(|r| want(&r.states[k].1)).count();
        out.push_str(&format!(
            "{l}: {} of {} current, {} stale, {} untracked, {} missing\n",
            count(|s| *s == State::Current),
            rows.len(),
            count(|s| matches!(s, State::Stale { .. })),
            count(|s| *s == State::Untracked),
            count(|s| *s == State::Missing),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(source: &str, translation: Option<&str>) -> ProjectFiles {
        ProjectFiles {
            findings: vec![SourceFile {
                path: "findings/x.md".into(),
                text: source.into(),
            }],
            translations: translation
                .map(|t| SourceFile {
                    path: "translations/ru/findings/x.md".into(),
                    text: t.into(),
                })
                .into_iter()
                .collect(),
            ..Default::default()
        }
    }

    fn state(files: &ProjectFiles) -> State {
        status(files, "en", &["en".into(), "ru".into()])[0].states[0]
            .1
            .clone()
    }

    #[test]
    fn a_translation_is_current_until_its_source_changes() {
        let src = "---\nid: x\ntitle: X\n---\nText.\n";
        let tr = format!(
            "---\n# translates: {}\nid: x\ntitle: Икс\n---\nТекст.\n",
            hash(src)
        );
        assert_eq!(state(&project(src, Some(&tr))), State::Current);
        let edited = src.replace("Text.", "Text, edited.");
        assert_eq!(
            state(&project(&edited, Some(&tr))),
            State::Stale {
                translates: hash(src),
                line: 2
            }
        );
        assert_eq!(state(&project(src, None)), State::Missing);
        assert_eq!(
            state(&project(src, Some("---\nid: x\n---\n"))),
            State::Untracked
        );
    }

    #[test]
    fn a_draft_edition_marks_what_is_not_translated_and_a_final_one_refuses_it() {
        let src = "---\nid: x\ntitle: X\n---\nText.\n";
        let files = project(src, None);
        let mut diags = Diagnostics::default();
        let draft = edition(&files, "ru", true, "Не переведено", &mut diags);
        assert!(diags.is_empty() && draft.moved.is_empty());
        assert_eq!(
            draft.files.findings[0].text,
            "---\nid: x\ntitle: X\n---\n\n*Не переведено*\n\nText.\n"
        );
        edition(&files, "ru", false, "", &mut diags);
        let d: Vec<_> = diags.iter().collect();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "translation-missing");
        assert!(d[0].message.contains("translations/ru/findings/x.md"));
        let tr = "---\nid: x\ntitle: Икс\n---\nТекст.\n";
        let ru = edition(&project(src, Some(tr)), "ru", false, "", &mut diags);
        assert_eq!(ru.files.findings[0].text, tr);
        assert_eq!(ru.moved["findings/x.md"], "translations/ru/findings/x.md");
    }

    #[test]
    fn line_endings_do_not_change_the_hash() {
        assert_eq!(hash("a\nb\n"), hash("a\r\nb\r\n"));
        assert_eq!(hash("a").len(), 12);
    }
}
