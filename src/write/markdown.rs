//! Markdown: the neutral tree ([`crate::view::ast`]) as CommonMark with footnotes and heading
//! anchors (`{#id}`, as pandoc and pulldown-cmark read them), and the publication as one Markdown
//! file, for translators and for reviewing a report as a diff. Author text is escaped, so it reads
//! back as the same text, never as markup.

use super::word;
use crate::locale::fill;
use crate::view::ast::{Block, Inline};
use crate::view::publication::{AuthorityGroup, FindingView, PublicationView, RecGroup, Section};
use std::fmt::Write as _;

/// Author text escaped for Markdown: the characters that would start markup are backslashed,
/// GitHub's math (`$`) and strikethrough (`~`) included.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\`*_[]<>#|$~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A line of text that Markdown would read as the start of a list or a heading underline
/// (`- `, `+ `, `=`, `2024. `) has its marker escaped, so it stays a line of text.
fn literal_line_start(line: &str) -> String {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    if digits > 0
        && (rest.starts_with(". ") || rest.starts_with(") ") || rest == "." || rest == ")")
    {
        return format!("{}\\{}", &line[..digits], rest);
    }
    if line.starts_with("- ") || line.starts_with("+ ") || line.starts_with('=') || line == "-" {
        return format!("\\{line}");
    }
    line.to_string()
}

/// Where inlines stand, which decides how footnote calls, cross-references and line breaks are
/// written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// In the publication: footnote calls `[^n]`, cross-references as links.
    Document,
    /// Inside a footnote: no footnote calls, cross-references as links.
    Note,
    /// On its own (a recommendation in a list or sheet): no footnote calls, cross-references
    /// by their label, line breaks as two spaces.
    Standalone,
}

/// Inlines as Markdown.
pub fn inlines(v: &[Inline], mode: Mode) -> String {
    let mut s = String::new();
    for i in v {
        match i {
            Inline::Text(t) => s.push_str(&escape(t)),
            Inline::Emph(c) => {
                let _ = write!(s, "*{}*", inlines(c, mode));
            }
            Inline::Strong(c) => {
                let _ = write!(s, "**{}**", inlines(c, mode));
            }
            Inline::Strike(c) => {
                let _ = write!(s, "~~{}~~", inlines(c, mode));
            }
            Inline::Code(t) => {
                let _ = write!(s, "`{}`", t.replace('`', "'"));
            }
            Inline::Link { url, children } => {
                let _ = write!(s, "[{}](<{}>)", inlines(children, mode), url);
            }
            Inline::Provision { label, url, .. } => match url {
                Some(u) => {
                    let _ = write!(s, "[{}](<{}>)", escape(label), u);
                }
                None => s.push_str(&escape(label)),
            },
            Inline::XRef { label, .. } if mode == Mode::Standalone => s.push_str(&escape(label)),
            Inline::XRef { label, anchor } => {
                let _ = write!(s, "[{}](#{anchor})", escape(label));
            }
            Inline::Note(n) if mode == Mode::Document => {
                let _ = write!(s, "[^{n}]");
            }
            Inline::Note(_) => {}
            Inline::LineBreak if mode == Mode::Standalone => s.push_str("  \n"),
            Inline::LineBreak => s.push_str("\\\n"),
        }
    }
    s
}

/// Blocks as Markdown, each line prefixed with `indent` (`> ` inside a quote); `level` is the
/// heading level of the section they stand in.
fn blocks(v: &[Block], level: u8, indent: &str, out: &mut String) {
    for b in v {
        let mut text = String::new();
        block(b, level, &mut text);
        for line in text.trim_end().lines() {
            let _ = writeln!(out, "{}", format!("{indent}{line}").trim_end());
        }
        let _ = writeln!(out, "{}", indent.trim_end());
    }
}

fn block(b: &Block, level: u8, out: &mut String) {
    match b {
        Block::Para(i) => {
            let text = inlines(i, Mode::Document);
            let lines: Vec<String> = text.split('\n').map(literal_line_start).collect();
            out.push_str(&lines.join("\n"));
        }
        Block::Heading(l, i) => {
            let hashes = "#".repeat((level + l).min(6) as usize);
            let _ = write!(out, "{hashes} {}", inlines(i, Mode::Document));
        }
        Block::Quote(bs) => blocks(bs, level, "> ", out),
        Block::List { start, items } => {
            for (k, item) in items.iter().enumerate() {
                let marker = match start {
                    Some(s) => format!("{}. ", s + k as u64),
                    None => "- ".to_string(),
                };
                let mut body = String::new();
                blocks(item, level, "", &mut body);
                let pad = " ".repeat(marker.len());
                for (n, line) in body.trim_end().lines().enumerate() {
                    let prefix = if n == 0 {
                        marker.as_str()
                    } else {
                        pad.as_str()
                    };
                    let _ = writeln!(out, "{}", format!("{prefix}{line}").trim_end());
                }
            }
        }
        Block::Code(c) => {
            let _ = write!(out, "```\n{}\n```", c.trim_end_matches('\n'));
        }
        Block::Table { header, rows } => {
            let cells = |r: &[Vec<Inline>]| -> String {
                r.iter()
                    .map(|c| inlines(c, Mode::Document))
                    .collect::<Vec<_>>()
                    .join(" | ")
            };
            let cols = header.len().max(1);
            let _ = writeln!(out, "| {} |", cells(header));
            let _ = writeln!(out, "|{}", " --- |".repeat(cols));
            for r in rows {
                let _ = writeln!(out, "| {} |", cells(r));
            }
        }
        Block::Rule => out.push_str("---"),
        Block::Testimony(t) => {
            let mut body = String::new();
            blocks(&t.body, level, "> ", &mut body);
            out.push_str(&body);
            let _ = write!(out, "> — {}[^{}]", escape(&t.attribution), t.note);
            if t.paraphrased {
                let _ = write!(out, " ({})", t.paraphrase);
            }
        }
        Block::Figure {
            caption,
            header,
            rows,
        } => {
            let _ = writeln!(out, "**{}**\n", escape(caption));
            let row = |r: &[String]| r.iter().map(|c| escape(c)).collect::<Vec<_>>().join(" | ");
            let _ = writeln!(out, "| {} |", row(header));
            let _ = writeln!(out, "|{}", " --- |".repeat(header.len().max(1)));
            for r in rows {
                let _ = writeln!(out, "| {} |", row(r));
            }
        }
    }
}

fn heading(out: &mut String, level: u8, title: &str, anchor: &str) {
    let _ = writeln!(
        out,
        "{} {} {{#{anchor}}}\n",
        "#".repeat(level as usize),
        escape(title)
    );
}

fn finding(t: &serde_json::Value, f: &FindingView, level: u8, out: &mut String) {
    heading(out, level, &format!("{} {}", f.number, f.title), &f.id);
    if !f.provisions.is_empty() {
        let _ = writeln!(
            out,
            "*{}* {}\n",
            escape(&word(t, "publication.provisions-engaged")),
            inlines(&f.provisions, Mode::Document)
        );
    }
    blocks(&f.blocks, level, "", out);
    for s in &f.subs {
        finding(t, s, level + 1, out);
    }
}

/// The publication as one Markdown file: its title and particulars, every section in order, the
/// recommendations numbered as in the publication, the annexes as tables and lists, and the
/// footnotes at the end.
pub fn publication(view: &PublicationView) -> String {
    let m = &view.meta;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&m.title));
    if let Some(s) = &m.subtitle {
        let _ = writeln!(out, "*{}*\n", escape(s));
    }
    let mut line = vec![m.authors.join(", "), m.date.clone()];
    if let Some(n) = &m.number {
        line.push(fill(&word(&m.t, "number"), &[("number", n)]));
    }
    let _ = writeln!(out, "{}\n", escape(&line.join(" — ")));
    if m.confidential {
        let _ = writeln!(out, "**{}**\n", escape(&word(&m.t, "confidential-banner")));
    }
    for s in &view.sections {
        section(&m.t, s, &mut out);
    }
    if !view.notes.is_empty() {
        out.push_str("---\n\n");
        for (k, note) in view.notes.iter().enumerate() {
            let _ = writeln!(out, "[^{}]: {}", k + 1, inlines(note, Mode::Note));
        }
    }
    out
}

fn section(t: &serde_json::Value, s: &Section, out: &mut String) {
    match s {
        Section::Chapter {
            anchor,
            title,
            blocks: b,
        } => {
            heading(out, 2, title, anchor);
            blocks(b, 2, "", out);
        }
        Section::Part {
            anchor,
            number,
            title,
            intro,
            findings,
        } => {
            let head = if number.is_empty() {
                title.clone()
            } else {
                let part = fill(&word(t, "part-number"), &[("number", number)]);
                format!("{part} {title}")
            };
            heading(out, 2, &head, anchor);
            blocks(intro, 2, "", out);
            for f in findings {
                finding(t, f, 3, out);
            }
        }
        Section::Recommendations {
            anchor,
            title,
            groups,
        } => {
            heading(out, 2, title, anchor);
            for g in groups {
                recommendations(t, g, out);
            }
        }
        Section::Ratifications {
            anchor,
            title,
            table,
        } => {
            heading(out, 2, title, anchor);
            let states: Vec<String> = table.rows.iter().map(|(n, _)| escape(n)).collect();
            let instrument = escape(&word(t, "publication.instrument"));
            let _ = writeln!(out, "| {instrument} | {} |", states.join(" | "));
            let _ = writeln!(out, "|{}", " --- |".repeat(states.len() + 1));
            for (k, (id, name)) in table.instruments.iter().enumerate() {
                let cells: Vec<String> = table.rows.iter().map(|(_, c)| escape(&c[k].0)).collect();
                let _ = writeln!(
                    out,
                    "| {} ({}) | {} |",
                    escape(name),
                    escape(id),
                    cells.join(" | ")
                );
            }
            let _ = writeln!(out, "\n{}\n", escape(&table.note));
        }
        Section::Meetings {
            anchor,
            title,
            groups,
        } => {
            heading(out, 2, title, anchor);
            for g in groups {
                let _ = writeln!(out, "### {}\n", escape(&g.state));
                for (kind, items) in &g.kinds {
                    let _ = writeln!(out, "#### {}\n", escape(kind));
                    for i in items {
                        let _ = writeln!(out, "- {}", escape(i));
                    }
                    out.push('\n');
                }
            }
        }
        Section::Authorities {
            anchor,
            title,
            groups,
        } => {
            heading(out, 2, title, anchor);
            for g in groups {
                authorities(g, out);
            }
        }
    }
}

/// A group of recommendations, by theme, numbered as in the publication.
fn recommendations(t: &serde_json::Value, g: &RecGroup, out: &mut String) {
    heading(out, 3, &g.heading, &g.anchor);
    for th in &g.themes {
        let _ = writeln!(out, "#### {}\n", escape(&th.heading));
        for r in &th.recs {
            let _ = write!(
                out,
                "- <a id=\"rec-{}\"></a>**R{}** {}",
                r.id,
                r.number,
                inlines(&r.text, Mode::Document)
            );
            if !r.addressed.is_empty() {
                let _ = write!(out, " ({})", escape(&r.addressed.join(", ")));
            }
            if r.priority == Some(1) {
                let _ = write!(out, " {}", escape(&word(t, "priority")));
            }
            out.push('\n');
        }
        out.push('\n');
    }
}

/// An instrument's provisions in the table of authorities, each with the places citing it.
fn authorities(g: &AuthorityGroup, out: &mut String) {
    let head = escape(&format!("{} — {}", g.instrument, g.title));
    match &g.url {
        Some(u) => {
            let _ = writeln!(out, "### [{head}](<{u}>)\n");
        }
        None => {
            let _ = writeln!(out, "### {head}\n");
        }
    }
    for e in &g.entries {
        let places: Vec<String> = e
            .places
            .iter()
            .map(|(_, label, anchor)| format!("[{}](#{anchor})", escape(label)))
            .collect();
        let topic = e
            .topic
            .as_deref()
            .map(|t| format!(" ({})", escape(t)))
            .unwrap_or_default();
        let _ = writeln!(out, "- {}{topic}: {}", escape(&e.label), places.join(", "));
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_text_stays_text() {
        let v = vec![Inline::Text("#1 [x](y) <b> *a*".into())];
        assert_eq!(
            inlines(&v, Mode::Document),
            "\\#1 \\[x\\](y) \\<b\\> \\*a\\*"
        );
    }

    #[test]
    fn dollars_and_tildes_stay_text_on_github() {
        // GitHub renders `$x$` as math and `~x~` struck through.
        let v = vec![Inline::Text(
            "$400 a month, ~30 workers, ~~not struck~~".into(),
        )];
        assert_eq!(
            inlines(&v, Mode::Document),
            "\\$400 a month, \\~30 workers, \\~\\~not struck\\~\\~"
        );
    }

    #[test]
    fn lines_that_would_start_a_list_stay_text() {
        assert_eq!(
            literal_line_start("2024. A hard year"),
            "2024\\. A hard year"
        );
        assert_eq!(literal_line_start("- not a list"), "\\- not a list");
        assert_eq!(literal_line_start("12 workers"), "12 workers");
    }

    #[test]
    fn footnote_calls_and_cross_references() {
        let v = vec![
            Inline::XRef {
                label: "section 2.1".into(),
                anchor: "wages".into(),
            },
            Inline::Note(3),
        ];
        assert_eq!(inlines(&v, Mode::Document), "[section 2.1](#wages)[^3]");
        assert_eq!(inlines(&v, Mode::Note), "[section 2.1](#wages)");
        assert_eq!(inlines(&v, Mode::Standalone), "section 2.1");
    }
}
