//! Characters the PDFs cannot draw: every character of the published text (chapters, findings,
//! testimonies, recommendations, addressees, sources, received recommendations, report.yaml and
//! the translations) is looked up in the fonts of the PDFs ([`crate::text::fonts`]) before typst
//! runs; one that none of them has (a CJK character, an emoji, a rare letter) is shown as `�` in
//! the PDF (an archival PDF may not show an empty box), and is reported where it is first
//! written in its file, as a warning.

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::load::{ProjectFiles, SourceFile};
use crate::text::fonts;
use std::collections::BTreeMap;

/// A warning for each character without a glyph, once per file (at its first place, with the
/// number of places).
pub fn check(files: &ProjectFiles, diags: &mut Diagnostics) {
    let published = crate::translation::translatable(files)
        .into_iter()
        .chain(&files.sources)
        .chain(&files.received)
        .chain(&files.translations);
    for f in published {
        for (c, (line, col, count)) in missing(f) {
            diags.push(warning(&f.path, c, line, col, count));
        }
    }
}

/// The characters of a file without a glyph: for each, its first line and column (in
/// characters, from 1) and how many times it is written. YAML comment lines are not published
/// and are left out.
fn missing(f: &SourceFile) -> BTreeMap<char, (u32, u32, usize)> {
    let yaml = f.path.ends_with(".yaml") || f.path.ends_with(".yml");
    let mut out: BTreeMap<char, (u32, u32, usize)> = BTreeMap::new();
    // Every ASCII character has its glyph: a file of ASCII alone is not read line by line.
    if f.text.is_ascii() {
        return out;
    }
    for (l, line) in f.text.lines().enumerate() {
        if yaml && line.trim_start().starts_with('#') {
            continue;
        }
        if line.is_ascii() {
            continue;
        }
        for (k, c) in line.chars().enumerate() {
            if fonts::has_glyph(c) {
                continue;
            }
            out.entry(c)
                .and_modify(|e| e.2 += 1)
                .or_insert((l as u32 + 1, k as u32 + 1, 1));
        }
    }
    out
}

fn warning(path: &str, c: char, line: u32, col: u32, count: usize) -> Diagnostic {
    let more = match count {
        1 => String::new(),
        n => format!(
            " (and {} more time{} in this file)",
            n - 1,
            if n == 2 { "" } else { "s" }
        ),
    };
    Diagnostic::warning(
        "no-glyph",
        Location::new(path, line, col),
        format!(
            "`{c}` (U+{:04X}) has no glyph in the PDF's fonts ({}): the PDF shows `{}` in its place{more}",
            c as u32,
            fonts::FAMILIES.join(", "),
            fonts::REPLACEMENT
        ),
    )
    .with_hint(
        "write it another way (a word for an emoji, a transliteration), or leave it out of the PDF outputs; the HTML and Word outputs use the reader's fonts",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_character_without_a_glyph_is_located_once_per_file() {
        let f = SourceFile {
            path: "findings/a.md".into(),
            text:
                "Қазақ and Тоҷикӣ are fine.\n# not a comment in Markdown: 字\nA 🦄 and 字 again.\n"
                    .into(),
        };
        let m = missing(&f);
        assert_eq!(m.len(), 2, "{m:?}");
        assert_eq!(m[&'字'], (2, 30, 2));
        assert_eq!(m[&'🦄'], (3, 3, 1));
    }

    #[test]
    fn yaml_comments_are_not_published() {
        let f = SourceFile {
            path: "testimonies/a.yaml".into(),
            text: "# 字 in a comment\ntext: fine\n".into(),
        };
        assert!(missing(&f).is_empty());
    }
}
