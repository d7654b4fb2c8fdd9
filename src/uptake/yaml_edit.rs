//! Recording uptake entries in a recommendations file by editing its text, so that everything
//! else (comments, blank lines, quoting, key order, odd indentation) stays byte for byte.
//!
//! The record is found by its `id:`; a new entry is appended to its `uptake:` list (block or
//! one-line flow style), or an `uptake:` list is added after the record's last line. Records
//! written as one flow mapping (`- {id: x, ...}`) get `, uptake: [...]` before their closing brace.
//! The caller re-parses and re-checks the result before writing it.

/// One uptake entry to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub symbol: String,
    pub paragraph: Option<String>,
    /// `reflected`, `partial` or `not-reflected`.
    pub status: String,
}

impl Entry {
    /// The entry as a YAML flow mapping, as the content model writes it.
    pub fn flow(&self) -> String {
        let mut s = format!("{{symbol: {}", quote(&self.symbol));
        if let Some(p) = &self.paragraph {
            if !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()) && !p.starts_with('0') {
                s.push_str(&format!(", paragraph: {p}"));
            } else {
                s.push_str(&format!(", paragraph: {}", quote(p)));
            }
        }
        s.push_str(&format!(", status: {}}}", self.status));
        s
    }
}

/// A plain scalar when it is safe in a flow collection, else a double-quoted one.
fn quote(s: &str) -> String {
    let plain_ok = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/.-_()".contains(c))
        && !s.starts_with(['-', '.']);
    if plain_ok {
        s.to_string()
    } else {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

/// The value of `id:` at the start of `s` (after `- ` or `{`), unquoted.
fn id_value(s: &str) -> Option<&str> {
    let rest = s.strip_prefix("id:")?;
    let rest = rest.trim_start();
    let end = rest.find([',', '}', '#']).unwrap_or(rest.len());
    let v = rest[..end].trim();
    Some(v.trim_matches(|c| c == '"' || c == '\''))
}

/// Where the record with `id` starts: (line index of its `- `, indent of the dash, flow?).
fn find_record(lines: &[&str], id: &str) -> Option<(usize, usize, bool)> {
    for (k, line) in lines.iter().enumerate() {
        let t = line.trim_start_matches(' ');
        if let Some(after) = t.strip_prefix("- ") {
            let after = after.trim_start();
            if let Some(inner) = after.strip_prefix('{') {
                if id_value(inner.trim_start()) == Some(id) {
                    return Some((k, indent(line), true));
                }
            } else if id_value(after) == Some(id) {
                return Some((k, indent(line), false));
            }
        } else if id_value(t) == Some(id) {
            // `id:` is not the record's first key: the record starts at the nearest `- ` above
            // whose key column is this line's indentation.
            let key_col = indent(line);
            for j in (0..k).rev() {
                let l = lines[j];
                let lt = l.trim_start_matches(' ');
                if let Some(after) = lt.strip_prefix("- ") {
                    let col = indent(l) + 2 + (after.len() - after.trim_start().len());
                    if col == key_col {
                        return Some((j, indent(l), false));
                    }
                }
                if !is_blank_or_comment(l) && indent(l) < key_col && !lt.starts_with("- ") {
                    break;
                }
            }
        }
    }
    None
}

/// One change to the file's lines.
enum Edit {
    /// The line at this index becomes this text.
    Replace(usize, String),
    /// This text (possibly several lines) goes in at this index.
    Insert(usize, String),
}

/// Adds `entry` to the `uptake:` of the record `id` in `text`.
pub fn add_uptake(text: &str, id: &str, entry: &Entry) -> Result<String, String> {
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let lines: Vec<&str> = text.split(eol).collect();
    // `split` leaves a last empty piece when the text ends with a line break.
    let (start, dash, flow) = find_record(&lines, id)
        .ok_or_else(|| format!("no record with `id: {id}` found in the file"))?;
    // The record runs until the next line at the dash's indentation or less.
    let end = (start + 1..lines.len())
        .find(|&k| !lines[k].trim().is_empty() && indent(lines[k]) <= dash)
        .unwrap_or(lines.len());
    let last = (start..end)
        .rev()
        .find(|&k| !is_blank_or_comment(lines[k]))
        .unwrap_or(start);
    let edit = if flow {
        Edit::Replace(last, flow_record_line(&lines[start..=last], id, entry)?)
    } else {
        let first = lines[start];
        let after_dash = &first[dash + 1..];
        let key_col = dash + 1 + (after_dash.len() - after_dash.trim_start().len());
        // An existing `uptake:` key of this record.
        let uptake_line = (start..end).find(|&k| {
            let l = lines[k];
            (k == start || indent(l) == key_col)
                && l.get(key_col..).is_some_and(|r| r.starts_with("uptake:"))
        });
        match uptake_line {
            Some(u) => list_edit(&lines[..end], u, key_col, id, entry)?,
            None => {
                let key_pad = " ".repeat(key_col);
                let key = format!("{key_pad}uptake:{eol}{key_pad}  - {}", entry.flow());
                Edit::Insert(last + 1, key)
            }
        }
    };
    let mut out: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
    match edit {
        Edit::Replace(k, line) => out[k] = line,
        Edit::Insert(k, line) => out.insert(k, line),
    }
    Ok(out.join(eol))
}

/// The last line of a record written as one flow mapping (`lines` are the record's), with
/// `, uptake: [...]` before its closing brace (the last `}` outside a comment).
fn flow_record_line(lines: &[&str], id: &str, entry: &Entry) -> Result<String, String> {
    let l = lines[lines.len() - 1];
    let code_end = comment_start(l).unwrap_or(l.len());
    let Some(brace) = l[..code_end].rfind('}') else {
        return Err(format!(
            "record `{id}` is a flow mapping whose closing brace was not found; add the uptake entry by hand"
        ));
    };
    if lines.join("\n").contains("uptake:") {
        return Err(format!(
            "record `{id}` is written as one flow mapping that already has `uptake:`; add the entry by hand"
        ));
    }
    Ok(format!(
        "{}, uptake: [{}]{}",
        l[..brace].trim_end(),
        entry.flow(),
        &l[brace..]
    ))
}

/// The entry added to the existing `uptake:` list at line `u` (key at column `key_col`; `lines`
/// end with the record): in a one-line flow sequence, or after the last item of a block one.
fn list_edit(
    lines: &[&str],
    u: usize,
    key_col: usize,
    id: &str,
    entry: &Entry,
) -> Result<Edit, String> {
    let l = lines[u];
    let code_end = comment_start(l).unwrap_or(l.len());
    let rest = l[key_col + "uptake:".len()..code_end].trim();
    if rest.starts_with('[') {
        if !rest.ends_with(']') {
            return Err(format!(
                "the `uptake:` list of `{id}` is a flow sequence over several lines; add the entry by hand"
            ));
        }
        let close = l[..code_end].rfind(']').unwrap();
        let inner = l[..close].trim_end();
        let new = if inner.ends_with('[') {
            format!("{}{}{}", inner, entry.flow(), &l[close..])
        } else {
            format!("{}, {}{}", inner, entry.flow(), &l[close..])
        };
        return Ok(Edit::Replace(u, new));
    }
    if !rest.is_empty() {
        return Err(format!(
            "the `uptake:` of `{id}` is not a list; add the entry by hand"
        ));
    }
    // Block sequence: items below, deeper than the key or `- ` at the key's column.
    let mut last_item = u;
    let mut item_indent = None;
    for (k, l) in lines.iter().enumerate().skip(u + 1) {
        if is_blank_or_comment(l) {
            continue;
        }
        let i = indent(l);
        let is_item = i > key_col || (i == key_col && l[i..].starts_with("- "));
        if !is_item {
            break;
        }
        if item_indent.is_none() && l[i..].starts_with("- ") {
            item_indent = Some(i);
        }
        last_item = k;
    }
    let pad = " ".repeat(item_indent.unwrap_or(key_col + 2));
    Ok(Edit::Insert(
        last_item + 1,
        format!("{pad}- {}", entry.flow()),
    ))
}

/// Where a `#` comment starts in a line, ignoring `#` inside quotes.
fn comment_start(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && (prev == ' ' || prev == '\t' || i == 0) => return Some(i),
            None => {}
        }
        prev = c;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> Entry {
        Entry {
            symbol: "CMW/C/KGZ/CO/2".into(),
            paragraph: Some("23".into()),
            status: "reflected".into(),
        }
    }

    #[test]
    fn adds_a_list_after_the_last_line_and_keeps_the_rest() {
        let text = "# head\n- id: a\n  to: [x]   # who\n  text: |\n    Line one.\n\n    Line two.\n\n# next\n- id: b\n  to: [y]\n";
        let got = add_uptake(text, "a", &entry()).unwrap();
        assert_eq!(
            got,
            "# head\n- id: a\n  to: [x]   # who\n  text: |\n    Line one.\n\n    Line two.\n  uptake:\n    - {symbol: CMW/C/KGZ/CO/2, paragraph: 23, status: reflected}\n\n# next\n- id: b\n  to: [y]\n"
        );
    }

    #[test]
    fn appends_to_an_existing_block_list() {
        let text = "-   id: a\n    uptake:\n    - {symbol: X/1, status: partial}  # first\n    text: t\n- id: b\n";
        let got = add_uptake(text, "a", &entry()).unwrap();
        assert_eq!(
            got,
            "-   id: a\n    uptake:\n    - {symbol: X/1, status: partial}  # first\n    - {symbol: CMW/C/KGZ/CO/2, paragraph: 23, status: reflected}\n    text: t\n- id: b\n"
        );
    }

    #[test]
    fn appends_to_flow_lists_and_flow_records() {
        let text = "- id: a\n  uptake: []\n- {id: b, to: [y], text: \"t # not a comment\"}  # c\n";
        let got = add_uptake(text, "a", &entry()).unwrap();
        let got = add_uptake(&got, "b", &entry()).unwrap();
        assert_eq!(
            got,
            "- id: a\n  uptake: [{symbol: CMW/C/KGZ/CO/2, paragraph: 23, status: reflected}]\n- {id: b, to: [y], text: \"t # not a comment\", uptake: [{symbol: CMW/C/KGZ/CO/2, paragraph: 23, status: reflected}]}  # c\n"
        );
    }

    #[test]
    fn finds_records_whose_id_is_not_the_first_key_and_keeps_crlf() {
        let text = "- to: [x]\r\n  id: \"a\"\r\n  text: t\r\n";
        let got = add_uptake(text, "a", &entry()).unwrap();
        assert_eq!(
            got,
            "- to: [x]\r\n  id: \"a\"\r\n  text: t\r\n  uptake:\r\n    - {symbol: CMW/C/KGZ/CO/2, paragraph: 23, status: reflected}\r\n"
        );
    }
}
