//! YAML parsing with positions. `serde-saphyr` gives a line and column for syntax errors, type
//! errors, missing and unknown fields and duplicate keys, and [`serde_saphyr::Spanned`] keeps the
//! position of any value for later checks (a dangling id in valid YAML).

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use serde::de::DeserializeOwned;
use serde_saphyr::Spanned;

/// Parses `text` (which starts at line `line_offset + 1` of `path`) into `T`, or reports why not.
pub fn parse<T: DeserializeOwned>(
    path: &str,
    text: &str,
    line_offset: u32,
    diags: &mut Diagnostics,
) -> Option<T> {
    match serde_saphyr::from_str::<T>(text) {
        Ok(v) => Some(v),
        Err(e) => {
            diags.push(to_diagnostic(path, line_offset, &e));
            None
        }
    }
}

fn to_diagnostic(path: &str, line_offset: u32, e: &serde_saphyr::Error) -> Diagnostic {
    let (line, col) = e
        .location()
        .map_or((1, 1), |l| (l.line() as u32, l.column() as u32));
    let mut msg = e.without_snippet().to_string();
    if let Some(i) = msg.rfind(" at line ") {
        msg.truncate(i);
    }
    let msg = msg.replace(", set DuplicateKeyPolicy in Options if acceptable", "");
    let (code, message, hint) = classify(&msg);
    let mut d = Diagnostic::error(code, Location::new(path, line + line_offset, col), message);
    if let Some(h) = hint {
        d = d.with_hint(h);
    }
    d
}

/// A stable code and a clearer message for the errors authors meet most.
fn classify(msg: &str) -> (&'static str, String, Option<String>) {
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return (
            "missing-field",
            format!("missing required field {rest}"),
            None,
        );
    }
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let (field, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let name = field.trim_matches('`');
        let candidates: Vec<&str> = expected
            .trim_start_matches("one of ")
            .split(", ")
            .map(|s| s.trim_matches('`'))
            .collect();
        let mut m = format!("unknown field {field}");
        if let Some(s) = crate::diagnostic::did_you_mean(name, candidates.iter().copied()) {
            m = format!("{m}; {s}");
        }
        let hint = (!expected.is_empty()).then(|| format!("expected {expected}"));
        return ("unknown-field", m, hint);
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let (value, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let name = value.trim_matches('`');
        let candidates: Vec<&str> = expected
            .trim_start_matches("one of ")
            .split(", ")
            .map(|s| s.trim_matches('`'))
            .collect();
        let mut m = format!("unknown value {value}");
        if let Some(s) = crate::diagnostic::did_you_mean(name, candidates.iter().copied()) {
            m = format!("{m}; {s}");
        }
        return (
            "unknown-value",
            m,
            (!expected.is_empty()).then(|| format!("expected {expected}")),
        );
    }
    if let Some(rest) = msg.strip_prefix("duplicate mapping key: ") {
        return (
            "duplicate-key",
            format!("duplicate key `{rest}`: a key may appear only once in a mapping"),
            None,
        );
    }
    if msg.starts_with("invalid ")
        || msg.starts_with("expected ")
        || msg.starts_with("invalid type")
    {
        return ("wrong-type", format!("wrong type: {msg}"), None);
    }
    ("yaml-syntax", format!("invalid YAML: {msg}"), None)
}

/// The location of a spanned value in `path`, shifted by `line_offset` lines.
pub fn loc<T>(path: &str, s: &Spanned<T>, line_offset: u32) -> Location {
    Location::new(
        path,
        s.referenced.line() as u32 + line_offset,
        s.referenced.column() as u32,
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
            "f.yaml:3:1: error: unknown field `titel`; did you mean `title`?"
        );
        assert_eq!(
            first("id: a\ntitle: b\nid: c\n"),
            "f.yaml:3:1: error: duplicate key `id`: a key may appear only once in a mapping"
        );
    }
}
