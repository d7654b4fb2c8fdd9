//! YAML parsing with positions. `serde-saphyr` gives a line and column for syntax errors, type
//! errors, missing and unknown fields and duplicate keys, and [`serde_saphyr::Spanned`] keeps the
//! position of any value for later checks (a dangling id in valid YAML); the records keep its
//! line and column ([`crate::parse::spanned::Spanned`]).

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::parse::spanned::Spanned;
use serde::de::DeserializeOwned;

pub(crate) mod fast;

/// Parses `text` (which starts at line `line_offset + 1` of `path`) into `T`, or reports why not.
/// A text in the common shape of a project's files is read by the fast path (module `fast`); any
/// other, and every text with an error, by serde-saphyr (so every message and position is
/// serde-saphyr's).
pub fn parse<T: DeserializeOwned>(
    path: &str,
    text: &str,
    line_offset: u32,
    diags: &mut Diagnostics,
) -> Option<T> {
    if text.trim().is_empty() {
        let at = Location::new(path, line_offset + 1, 1);
        diags.error("empty-file", at, "nothing here: the YAML is empty");
        return None;
    }
    if let Some(v) = fast::parse::<T>(text) {
        return Some(v);
    }
    match serde_saphyr::from_str_with_options::<T>(text, options(text)) {
        Ok(v) => Some(v),
        Err(e) => {
            diags.push(to_diagnostic(path, text, line_offset, &e));
            None
        }
    }
}

/// The parser's limits: its defaults (250,000 nodes, a million events) are the size of a
/// project's one `sources.yaml` with 36,000 documents and meetings, so they grow with the text
/// (a node or an event takes at least a byte of it); the guards against alias expansion stay.
pub(crate) fn options(text: &str) -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_nodes: text.len().max(250_000),
            max_events: (2 * text.len()).max(1_000_000),
        },
    }
}

/// Parses a file that is a YAML list of records. When the whole file does not parse, each
/// top-level item is parsed on its own, so one broken record does not hide the others: every
/// item that parses is returned, every one that does not is reported.
pub fn parse_list<T: DeserializeOwned + Send>(
    path: &str,
    text: &str,
    diags: &mut Diagnostics,
) -> Vec<T> {
    if let Some(v) = fast_in_parts(text, PART) {
        return v;
    }
    let mut whole = Diagnostics::default();
    if let Some(v) = parse::<Vec<T>>(path, text, 0, &mut whole) {
        return v;
    }
    let chunks = split_items(text);
    if chunks.len() < 2 {
        diags.extend(whole);
        return vec![];
    }
    let mut out = vec![];
    let mut item_diags = Diagnostics::default();
    for (first_line, chunk) in chunks {
        // Leading newlines keep the item's line numbers right.
        let padded = "\n".repeat(first_line as usize) + chunk;
        if let Some(mut v) = parse::<Vec<T>>(path, &padded, 0, &mut item_diags) {
            out.append(&mut v);
        }
    }
    if item_diags.is_empty() {
        // The items parse alone but not together (e.g. bad indentation between them).
        diags.extend(whole);
    } else {
        diags.extend(item_diags);
    }
    out
}

/// The bytes of a part of a large list read on its own by [`fast_in_parts`].
const PART: usize = 1 << 20;

/// A large list (two parts or more) read by the fast path in parts of about `size` bytes
/// ([`PART`] outside the tests), cut where a top-level item starts, in parallel: a file that keeps
/// thousands of records is read on every core, and one over the fast path's size limit is read by
/// it too. The subset has no anchors or aliases, so its top-level items are read alone as in the
/// whole list, and each part gives the file's positions. `None` when the text is smaller, or when
/// any part is not in the subset (the whole text is then read as before, errors and all).
pub(crate) fn fast_in_parts<T: DeserializeOwned + Send>(text: &str, size: usize) -> Option<Vec<T>> {
    use rayon::prelude::*;
    if text.len() < 2 * size {
        return None;
    }
    let parts = parts_of(text, size);
    if parts.len() < 2 {
        return None;
    }
    let read = parts
        .par_iter()
        .map(|(line, part)| fast::parse_from::<Vec<T>>(part, *line))
        .collect::<Option<Vec<_>>>()?;
    Some(read.into_iter().flatten().collect())
}

/// `text` cut where a top-level item starts ([`starts_item`]) once a part holds `size` bytes:
/// (index of the part's first line, text). The parts put back together are the text.
pub(crate) fn parts_of(text: &str, size: usize) -> Vec<(u32, &str)> {
    let b = text.as_bytes();
    let line_at = |i: usize| &text[i..memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n)];
    let (mut parts, mut start, mut first_line, mut line) = (vec![], 0, 0u32, 0u32);
    for nl in memchr::memchr_iter(b'\n', b) {
        line += 1;
        let next = nl + 1;
        if next - start >= size && next < b.len() && starts_item(line_at(next)) {
            parts.push((first_line, &text[start..next]));
            (start, first_line) = (next, line);
        }
    }
    parts.push((first_line, &text[start..]));
    parts
}

/// Whether a line starts a top-level item of a block sequence: `- ` at its start, or `-` alone.
fn starts_item(line: &str) -> bool {
    line.starts_with("- ") || line.trim_end() == "-"
}

/// The top-level items of a block sequence: (index of the item's first line, text).
fn split_items(text: &str) -> Vec<(u32, &str)> {
    let mut starts = vec![];
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if starts_item(line) {
            starts.push((i as u32, offset));
        }
        offset += line.len();
    }
    let mut out = vec![];
    for (k, (line, start)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(text.len(), |(_, s)| *s);
        out.push((*line, &text[*start..end]));
    }
    out
}

fn to_diagnostic(path: &str, text: &str, line_offset: u32, e: &serde_saphyr::Error) -> Diagnostic {
    let (mut line, mut col) = e
        .location()
        .map_or((1, 1), |l| (l.line() as u32, l.column() as u32));
    let mut msg = e.without_snippet().to_string();
    if let Some(i) = msg.rfind(" at line ") {
        msg.truncate(i);
    }
    let msg = msg.replace(", set DuplicateKeyPolicy in Options if acceptable", "");
    let (code, message, hint) = classify(&msg);
    if code == "yaml-syntax" {
        // A flow collection left open makes the parser fail further down: point at its bracket.
        if let Some((l, c, b)) = unclosed_bracket(text, line) {
            let msg = format!(
                "invalid YAML: this `{b}` is never closed (the parser stopped at line {}: {})",
                line + line_offset,
                message.trim_start_matches("invalid YAML: ")
            );
            return Diagnostic::error(code, Location::new(path, l + line_offset, c), msg);
        }
    }
    if code == "yaml-syntax" && message.contains("tab") {
        // Point at the tab itself (the parser reports the scalar before it).
        if let Some((l, c)) = text
            .lines()
            .enumerate()
            .skip(line.saturating_sub(1) as usize)
            .take(3)
            .find_map(|(i, t)| {
                t.chars()
                    .position(|ch| ch == '\t')
                    .map(|c| (i as u32 + 1, c as u32 + 1))
            })
        {
            (line, col) = (l, c);
        }
    }
    if code == "missing-field" {
        // The parser stops at the mapping's last key; point at the start of the record instead.
        (line, col) = record_start(text, line, col);
    }
    let mut d = Diagnostic::error(code, Location::new(path, line + line_offset, col), message);
    if let Some(h) = hint {
        d = d.with_hint(h);
    }
    d
}

/// The last `[` or `{` opened before line `upto` and not closed by then: (line, column, bracket).
fn unclosed_bracket(text: &str, upto: u32) -> Option<(u32, u32, char)> {
    let mut stack: Vec<(u32, u32, char)> = vec![];
    for (i, line) in text.lines().enumerate().take(upto as usize) {
        let chars: Vec<char> = line.chars().collect();
        let mut quote: Option<char> = None;
        for (col, &ch) in chars.iter().enumerate() {
            if let Some(q) = quote {
                if ch == q {
                    quote = None;
                }
                continue;
            }
            let prev = chars[..col].iter().rev().find(|c| !c.is_whitespace());
            match ch {
                '#' if col == 0 || chars[col - 1].is_whitespace() => break,
                '"' | '\'' if prev.is_none_or(|p| matches!(p, ':' | '[' | '{' | ',' | '-')) => {
                    quote = Some(ch)
                }
                '[' | '{' => stack.push((i as u32 + 1, col as u32 + 1, ch)),
                ']' | '}' => {
                    stack.pop();
                }
                _ => {}
            }
        }
    }
    stack.pop()
}

/// The first key of the mapping that holds the key at (`line`, `col`): walking up over lines of
/// the same indentation; a `- ` item line with less indentation starts the record.
fn record_start(text: &str, line: u32, col: u32) -> (u32, u32) {
    let lines: Vec<&str> = text.lines().collect();
    let indent = col.saturating_sub(1) as usize;
    let mut best = (line, col);
    let mut i = line as usize;
    while i > 1 {
        i -= 1;
        let l = lines.get(i - 1).copied().unwrap_or("");
        if l.trim().is_empty() || l.trim_start().starts_with('#') {
            continue;
        }
        let lead = l.len() - l.trim_start().len();
        if lead < indent {
            if let Some(after) = l[lead..].strip_prefix("- ") {
                let pad = after.len() - after.trim_start().len();
                return (i as u32, (lead + 2 + pad + 1) as u32);
            }
            return best;
        }
        if lead == indent {
            best = (i as u32, col);
        }
    }
    best
}

/// A stable code and a clearer message for the errors authors meet most.
fn classify(msg: &str) -> (&'static str, String, Option<String>) {
    if let Some(rest) = msg.strip_prefix("missing field ") {
        // A testimony's consent is the field whose values an author most needs to be told.
        let hint = (rest == "`consent`").then(|| {
            "add `consent:` with one of named, pseudonymous, anonymous, internal (what each publishes: `rapporteur explain consent`)".to_string()
        });
        return (
            "missing-field",
            format!("missing required field {rest}"),
            hint,
        );
    }
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let (m, hint) = unknown_name("field", rest);
        return ("unknown-field", m, hint);
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let (m, hint) = unknown_name("value", rest);
        return ("unknown-value", m, hint);
    }
    if let Some(rest) = msg.strip_prefix("duplicate mapping key: ") {
        return (
            "duplicate-key",
            format!("duplicate key `{rest}`: a key may appear only once in a mapping"),
            None,
        );
    }
    if let Some(kind) = msg.strip_prefix("invalid ") {
        let what = match kind.trim() {
            "u8" | "u16" | "u32" | "u64" | "i32" | "i64" | "usize" => Some("a whole number"),
            "f32" | "f64" => Some("a number"),
            "bool" | "boolean" => Some("`true` or `false`"),
            _ => None,
        };
        if let Some(what) = what {
            return ("wrong-type", format!("wrong type: expected {what}"), None);
        }
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        return ("wrong-type", format!("wrong type: found {rest}"), None);
    }
    if msg == "expected mapping start" {
        let m = "wrong type: expected a mapping (`key: value` lines) here";
        return ("wrong-type", m.into(), None);
    }
    if msg == "expected sequence start" {
        let m = "wrong type: expected a list (lines starting with `- `) here";
        return ("wrong-type", m.into(), None);
    }
    if msg == "expected string scalar" {
        return (
            "wrong-type",
            "wrong type: expected a text value here".into(),
            None,
        );
    }
    if msg.starts_with("expected ") || msg.starts_with("invalid ") {
        return ("wrong-type", format!("wrong type: {msg}"), None);
    }
    if msg == "unexpected end of input" {
        let m = "invalid YAML: the file ends in the middle of a value";
        return ("yaml-syntax", m.into(), None);
    }
    let lower = msg.to_lowercase();
    let hint = if lower.contains("tab") {
        Some("YAML does not allow tab characters for indentation: indent with spaces".to_string())
    } else if lower.contains("expected key")
        || lower.contains("mapping values are not allowed")
        || lower.contains("indentation")
        || lower.contains("expected <block end>")
    {
        Some("check the indentation of this line and of the line before: items of one list or mapping line up".to_string())
    } else {
        None
    };
    ("yaml-syntax", format!("invalid YAML: {msg}"), hint)
}

/// `unknown field `x`, expected one of `a`, `b`` -> the message with a did-you-mean, and the
/// expected names as help.
fn unknown_name(what: &str, rest: &str) -> (String, Option<String>) {
    let (given, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
    let name = given.trim_matches('`');
    let candidates = expected
        .trim_start_matches("one of ")
        .split(", ")
        .map(|s| s.trim_matches('`'));
    let mut m = format!("unknown {what} {given}");
    if let Some(s) = crate::diagnostic::did_you_mean(name, candidates) {
        m = format!("{m}; {s}");
    }
    (
        m,
        (!expected.is_empty()).then(|| format!("expected {expected}")),
    )
}

/// The location of a spanned value in `path`, shifted by `line_offset` lines.
pub fn loc<T>(path: &str, s: &Spanned<T>, line_offset: u32) -> Location {
    Location::new(
        path,
        s.referenced.line() + line_offset,
        s.referenced.column(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        id: String,
        title: String,
    }

    fn first(text: &str) -> String {
        let mut d = Diagnostics::default();
        assert!(parse::<T>("f.yaml", text, 0, &mut d).is_none());
        d.sorted()[0].short()
    }

    #[test]
    fn reports_missing_unknown_and_duplicate_fields_with_positions() {
        assert_eq!(
            first("id: a\n"),
            "f.yaml:1:1: error: missing required field `title`"
        );
        assert_eq!(
            first("id: a\ntitle: b\ntitel: c\n"),
            "f.yaml:3:1: error: unknown field `titel`; did you mean `title`?\n\
             f.yaml:3:1: help: expected one of id, title"
        );
        assert_eq!(
            first("id: a\ntitle: b\nid: c\n"),
            "f.yaml:3:1: error: duplicate key `id`: a key may appear only once in a mapping"
        );
    }
}
