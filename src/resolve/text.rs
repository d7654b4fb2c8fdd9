//! Positions inside author text: mapping a byte offset in a Markdown body or a YAML `text` field
//! back to the line and column of the file it was written in.

use crate::diagnostic::Location;
use crate::model::raw::S;
use crate::model::resolved::Origin;
use crate::parse::LineIndex;

/// Where the text of a YAML scalar starts. For a block scalar (`|` or `>`) the text starts on the
/// next line, at that line's indentation; for a quoted scalar one column after the quote.
/// `source` is the file's line index, built once per file (a lookup is then constant time).
pub fn origin(file: &str, source: &LineIndex, s: &S) -> Origin {
    let line = s.referenced.line();
    let col = s.referenced.column();
    let src_line = source.line(line as usize);
    let at = src_line
        .char_indices()
        .nth(col.saturating_sub(1) as usize)
        .map_or("", |(i, _)| &src_line[i..]);
    if at.starts_with('|') || at.starts_with('>') {
        let next = (line as usize + 1..=source.len())
            .map(|n| source.line(n))
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        let indent = next.len() - next.trim_start().len();
        return Origin {
            file: file.to_string(),
            line: line + 1,
            indent: indent as u32,
            inline_col: None,
        };
    }
    // serde-saphyr points a block scalar at its first content line: the line before ends with
    // the block indicator (`|`, `>`, with optional chomping and indentation indicators).
    let prev = if line > 1 {
        source.line(line as usize - 1)
    } else {
        ""
    };
    let indicator = prev.trim_end().rsplit(' ').next().unwrap_or("");
    if line > 1
        && (indicator.starts_with('|') || indicator.starts_with('>'))
        && indicator.len() <= 3
    {
        return Origin {
            file: file.to_string(),
            line,
            indent: col.saturating_sub(1),
            inline_col: None,
        };
    }
    let quoted = at.starts_with('"') || at.starts_with('\'');
    Origin {
        file: file.to_string(),
        line,
        indent: 0,
        inline_col: Some(if quoted { col + 1 } else { col }),
    }
}

/// The file location of byte `offset` of `text`, which starts at `origin`.
pub fn locate(origin: &Origin, text: &str, offset: usize) -> Location {
    let (line, col) = position(origin, &LineIndex::new(text), offset);
    Location::new(&origin.file, line, col)
}

/// The line and column in the file of byte `offset` of a text (its lines `lines`), which
/// starts at `origin`: [`locate`] for many offsets of one text.
pub fn position(origin: &Origin, lines: &LineIndex, offset: usize) -> (u32, u32) {
    let (l, c) = lines.position(offset);
    match origin.inline_col {
        Some(col) if l == 1 => (origin.line, col + c - 1),
        Some(_) => (origin.line + l - 1, c),
        None => (origin.line + l - 1, origin.indent + c),
    }
}

/// The text of the first line if it is a level-1 ATX heading (`# Title`), and the rest.
pub fn first_heading(body: &str) -> Option<(String, String)> {
    let trimmed = body.trim_start_matches(['\n', '\r']);
    let skipped = body.len() - trimmed.len();
    let end = trimmed.find('\n').unwrap_or(trimmed.len());
    let line = trimmed[..end].trim_end();
    let title = line.strip_prefix("# ")?.trim().trim_end_matches('#').trim();
    // Keep the line count: the heading line becomes empty so positions stay right.
    let rest = format!("{}{}", "\n".repeat(skipped), &trimmed[end..]);
    Some((title.to_string(), rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_positions_in_block_and_inline_scalars() {
        #[derive(serde::Deserialize)]
        struct T {
            text: S,
            other: S,
        }
        let src = "text: |\n    Line one\n    has [[X]] here\nother: \"a [[Y]]\"\n";
        let t: T = serde_saphyr::from_str(src).unwrap();
        let o = origin("f.yaml", &LineIndex::new(src), &t.text);
        let off = t.text.value.find("[[X]]").unwrap();
        assert_eq!(
            locate(&o, &t.text.value, off),
            Location::new("f.yaml", 3, 9)
        );
        let o = origin("f.yaml", &LineIndex::new(src), &t.other);
        let off = t.other.value.find("[[Y]]").unwrap();
        assert_eq!(
            locate(&o, &t.other.value, off),
            Location::new("f.yaml", 4, 11)
        );
    }
}
