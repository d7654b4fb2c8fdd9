//! Diagnostics are data: every problem found in the author's content is a [`Diagnostic`] with a
//! severity, a stable code, a message, a location (file, line, column) and optional hints. They are
//! collected, never fail-fast, and rendered in four formats: human (source line and caret),
//! short (`path:line:col: error: message`), GitHub Actions workflow commands and JSON. Every code
//! has an entry in the user guide (`docs/diagnostics/CODE.md`), printed by `rapporteur explain`.

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A place in a project file. `line` and `col` are 1-based; `col` counts characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Location {
    pub file: String,
    pub line: u32,
    pub col: u32,
}

impl Location {
    pub fn new(file: &str, line: u32, col: u32) -> Self {
        Location {
            file: file.to_string(),
            line: line.max(1),
            col: col.max(1),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    #[serde(flatten)]
    pub location: Location,
    /// What to do about it (`help:` lines).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<String>,
    /// Why it matters or what else to know (`note:` lines).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            location,
            hints: vec![],
            notes: vec![],
        }
    }
    pub fn warning(code: &'static str, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            code,
            message: message.into(),
            location,
            hints: vec![],
            notes: vec![],
        }
    }
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// The hints and notes, labelled: `("help", hint)` then `("note", note)`.
    fn extras(&self) -> impl Iterator<Item = (&'static str, &str)> {
        let help = self.hints.iter().map(|h| ("help", h.as_str()));
        help.chain(self.notes.iter().map(|n| ("note", n.as_str())))
    }

    /// `path:line:col: error: message`, then a `path:line:col: help: hint` line per hint and
    /// note (as compilers print `note:` lines: editors and `grep` keep them with their place).
    pub fn short(&self) -> String {
        let at = format!(
            "{}:{}:{}",
            self.location.file, self.location.line, self.location.col
        );
        let mut out = format!("{at}: {}: {}", self.severity.as_str(), self.message);
        for (label, text) in self.extras() {
            let _ = write!(out, "\n{at}: {label}: {text}");
        }
        out
    }

    /// A GitHub Actions workflow command (`::error file=...,line=...,col=...::message`), so the
    /// diagnostic is shown on the line of a pull request. `root` is the project folder relative
    /// to the repository (empty when the project is the repository).
    pub fn github(&self, root: &str) -> String {
        let file = if root.is_empty() || root == "." {
            self.location.file.clone()
        } else {
            format!("{}/{}", root.trim_end_matches('/'), self.location.file)
        };
        let mut message = self.message.clone();
        for (label, text) in self.extras() {
            let _ = write!(message, "\n{label}: {text}");
        }
        format!(
            "::{} file={},line={},col={},title={}::{}",
            self.severity.as_str(),
            escape_property(&file),
            self.location.line,
            self.location.col,
            escape_property(&format!("rapporteur {}", self.code)),
            escape_data(&message)
        )
    }

    /// The message, then the source line with a caret under the column, then the hints.
    pub fn human(&self, source: Option<&str>) -> String {
        let mut out = format!(
            "{}[{}]: {}\n",
            self.severity.as_str(),
            self.code,
            self.message
        );
        let loc = &self.location;
        // The gutter is as wide as the line number, so arrows, bars and hints line up.
        let num = loc.line.to_string();
        let pad = " ".repeat(num.len());
        let _ = writeln!(out, "{pad}--> {}:{}:{}", loc.file, loc.line, loc.col);
        if let Some(full) = source.and_then(|s| s.lines().nth(loc.line as usize - 1)) {
            // A long line (a Markdown paragraph) is cut to a window around the column.
            let chars: Vec<char> = full.chars().collect();
            let col = (loc.col as usize - 1).min(chars.len());
            let start = col.saturating_sub(40);
            let end = (col + 60).min(chars.len());
            let mut line: String = chars[start..end].iter().collect();
            let mut caret_at = col - start;
            if start > 0 {
                line = format!("…{line}");
                caret_at += 1;
            }
            if end < chars.len() {
                line.push('…');
            }
            let caret_pad: String = line
                .chars()
                .take(caret_at)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{num} | {line}");
            let _ = writeln!(out, "{pad} | {caret_pad}^");
        }
        for (label, text) in self.extras() {
            let _ = writeln!(out, "{pad} = {label}: {text}");
        }
        out
    }
}

/// Escapes the message of a workflow command (GitHub's `escapeData`).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property of a workflow command (GitHub's `escapeProperty`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The note on a diagnostic located in a sealed file.
pub const SEALED_NOTE: &str = "a sealed file: the line and column are in its decrypted text (`rapporteur unseal FILE` prints it)";

/// The diagnostics of one run, in the order they were found until [`Diagnostics::sorted`].
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Adds a diagnostic. One in a sealed file (`.age`) says that its line and column are in
    /// the decrypted text.
    pub fn push(&mut self, mut d: Diagnostic) {
        if d.location.file.ends_with(".age") && d.code != "sealed" {
            d = d.with_note(SEALED_NOTE);
        }
        self.items.push(d);
    }
    pub fn error(&mut self, code: &'static str, location: Location, message: impl Into<String>) {
        self.push(Diagnostic::error(code, location, message));
    }
    pub fn warning(&mut self, code: &'static str, location: Location, message: impl Into<String>) {
        self.push(Diagnostic::warning(code, location, message));
    }
    /// Each diagnostic as `f` makes it (a later stage's judgement on an earlier one's finding).
    pub fn map(self, f: impl FnMut(Diagnostic) -> Diagnostic) -> Diagnostics {
        Diagnostics {
            items: self.items.into_iter().map(f).collect(),
        }
    }
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }
    pub fn errors(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
    pub fn warnings(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }
    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
    /// Sorted by file, line, column; exact duplicates removed.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.location, a.severity, &a.message).cmp(&(&b.location, b.severity, &b.message))
        });
        self.items
            .dedup_by(|a, b| a.location == b.location && a.message == b.message);
        self.items
    }
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Source line and caret (the default on a terminal).
    Human,
    /// One line each: `path:line:col: error: message` (the default otherwise).
    Short,
    /// A JSON document for CI and editors.
    Json,
    /// GitHub Actions workflow commands (`::error file=...,line=...::message`): in a workflow,
    /// each problem is shown on its line in the pull request.
    Github,
}

/// Renders diagnostics; `sources` maps a project-relative path to its text, for the caret.
pub fn render(diags: &[Diagnostic], format: Format, sources: &BTreeMap<String, String>) -> String {
    render_in(diags, format, sources, "")
}

/// [`render`] for a project in the folder `root` (relative to where the command runs): GitHub
/// annotations name files from the repository's root.
pub fn render_in(
    diags: &[Diagnostic],
    format: Format,
    sources: &BTreeMap<String, String>,
    root: &str,
) -> String {
    match format {
        Format::Short => diags.iter().map(|d| d.short() + "\n").collect(),
        Format::Github => diags.iter().map(|d| d.github(root) + "\n").collect(),
        Format::Human => diags
            .iter()
            .map(|d| d.human(sources.get(&d.location.file).map(String::as_str)) + "\n")
            .collect(),
        Format::Json => {
            let errors = diags
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            let doc = serde_json::json!({
                "diagnostics": diags,
                "errors": errors,
                "warnings": diags.len() - errors,
            });
            serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
        }
    }
}

/// "did you mean `x`?" for the closest candidate, if one is close enough.
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(wanted, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// The candidate nearest to `wanted` (Jaro-Winkler, case-insensitive), if similar enough; of
/// candidates as near, the first in sorting order, whatever order they come in.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let w = wanted.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let lc = c.to_lowercase();
        let mut score = strsim::jaro_winkler(&w, &lc);
        // Short codes (KAZ, C029): one edit or one swap away is close, whatever Jaro-Winkler says.
        if w.chars().count() <= 5 && strsim::damerau_levenshtein(&w, &lc) <= 1 {
            // A swap of two letters (KZA for KAZ) is the likeliest typo of all.
            let mut a: Vec<char> = w.chars().collect();
            let mut b: Vec<char> = lc.chars().collect();
            a.sort_unstable();
            b.sort_unstable();
            score = score.max(if a == b { 0.95 } else { 0.9 });
        }
        if best.is_none_or(|(s, b)| score > s || (score == s && c < b)) {
            best = Some((score, c));
        }
    }
    best.filter(|(s, _)| *s >= 0.8).map(|(_, c)| c)
}

/// Appends "; did you mean `x`?" to a message when a close candidate exists.
pub fn with_suggestion<'a>(
    message: String,
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> String {
    match did_you_mean(wanted, candidates) {
        Some(s) => format!("{message}; {s}"),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_id() {
        assert_eq!(
            closest("kaz-mlps", ["kaz-mlsp", "kaz-mvd", "eu"]),
            Some("kaz-mlsp")
        );
        assert_eq!(closest("zzz", ["kaz-mlsp", "eu"]), None);
        assert_eq!(closest("KZA", ["KGZ", "KAZ", "UZB"]), Some("KAZ"));
    }

    #[test]
    fn suggests_the_same_of_equally_close_ids_in_any_order() {
        // Three ids one letter longer than the one asked for: equally near, the first sorted wins.
        let ids = ["t-bakyt2", "t-bakyt1", "t-bakyt3"];
        let mut reversed = ids;
        reversed.reverse();
        assert_eq!(closest("t-bakyt", ids), Some("t-bakyt1"));
        assert_eq!(closest("t-bakyt", reversed), Some("t-bakyt1"));
    }

    #[test]
    fn human_format_cuts_long_lines_around_the_column() {
        let line = format!("{}TARGET{}", "a".repeat(200), "b".repeat(200));
        let d = Diagnostic::error("bad-value", Location::new("f.md", 1, 201), "bad");
        let out = d.human(Some(&line));
        let shown = out.lines().nth(3).unwrap();
        let caret = out.lines().nth(4).unwrap();
        assert!(
            shown.contains("…") && shown.contains("TARGET") && shown.chars().count() < 120,
            "{out}"
        );
        let at = caret.chars().position(|c| c == '^').unwrap();
        assert_eq!(shown.chars().nth(at), Some('T'), "{out}");
    }

    #[test]
    fn human_format_puts_a_caret_under_the_column() {
        let d = Diagnostic::error("bad-value", Location::new("a.yaml", 2, 5), "bad");
        let out = d.human(Some("first\nabc defg\n"));
        assert!(out.contains("2 | abc defg\n  |     ^\n"), "{out}");
    }

    #[test]
    fn short_format_keeps_help_and_note_lines_at_the_place() {
        let d = Diagnostic::error("bad-value", Location::new("a.yaml", 2, 5), "bad")
            .with_hint("use 1")
            .with_note("why");
        assert_eq!(
            d.short(),
            "a.yaml:2:5: error: bad\na.yaml:2:5: help: use 1\na.yaml:2:5: note: why"
        );
    }

    #[test]
    fn github_format_is_a_workflow_command_with_escaped_text() {
        let d = Diagnostic::warning(
            "bad-value",
            Location::new("findings/a,b.md", 3, 7),
            "50% off",
        )
        .with_hint("try: this");
        assert_eq!(
            d.github("content"),
            "::warning file=content/findings/a%2Cb.md,line=3,col=7,title=rapporteur bad-value::50%25 off%0Ahelp: try: this"
        );
    }
}
