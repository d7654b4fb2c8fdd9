//! Typst: the publication as Typst markup generated from the view. Every piece of author text is
//! emitted as a Typst string literal (`#"..."`), so it is always inserted as text and never
//! parsed as markup or code: `#`, `$`, `[`, `<`, `@`, `//`, `=` all come out literally. Metadata
//! for the cover goes through a JSON file read by the template.

use crate::view::ast::{Block, Inline};
use crate::view::publication::{
    AuthorityGroup, FindingView, MeetingGroup, PublicationView, RatificationTable, RecGroup,
    Section,
};
use std::fmt::Write as _;

/// A Typst string literal holding `s` verbatim.
pub fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Author text in markup: a string literal in an embedded expression.
pub fn text(s: &str) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!("#{}", lit(s))
    }
}

/// A numbered, outlined heading with a label: `#heading(level: 1)[#"Title"]<anchor>`.
fn heading(out: &mut String, level: u8, title: &str, anchor: &str) {
    let _ = writeln!(
        out,
        "#heading(level: {level})[{}]{}\n",
        text(title),
        label(anchor)
    );
}

/// A label name for an anchor (anchors are ids: lowercase letters, digits and `-`).
fn label(anchor: &str) -> String {
    let clean: String = anchor
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("<{clean}>")
}

struct TypstWriter<'a> {
    notes: &'a [Vec<Inline>],
    /// Notes being written (guards against a note that calls itself).
    open: Vec<usize>,
}

impl TypstWriter<'_> {
    fn inlines(&mut self, v: &[Inline], out: &mut String) {
        let mut after_note = false;
        for i in v {
            // Calls in a row are set apart ("¹,²"), not read as one number ("¹²").
            if matches!(i, Inline::Note(_)) && after_note {
                out.push_str("#super(typographic: false)[,]");
            }
            after_note = matches!(i, Inline::Note(_));
            match i {
                Inline::Text(t) => out.push_str(&text(t)),
                Inline::Emph(c) => self.call("emph", c, out),
                Inline::Strong(c) => self.call("strong", c, out),
                Inline::Strike(c) => self.call("strike", c, out),
                Inline::Code(t) => {
                    let _ = write!(out, "#raw({})", lit(t));
                }
                Inline::Link { url, children } => {
                    let _ = write!(out, "#link({})[", lit(url));
                    self.inlines(children, out);
                    out.push(']');
                }
                Inline::Provision {
                    label: l,
                    url,
                    occurrence,
                    ..
                } => {
                    match url {
                        Some(u) => {
                            let _ = write!(out, "#link({})[{}]", lit(u), text(l));
                        }
                        None => {
                            let _ = write!(out, "#box[{}]", text(l));
                        }
                    }
                    let _ = write!(out, "<cite-{occurrence}>");
                }
                Inline::XRef { label: l, anchor } => {
                    let _ = write!(out, "#link({})[{}]", label(anchor), text(l));
                }
                Inline::Note(n) => {
                    if self.open.contains(n) {
                        continue;
                    }
                    self.open.push(*n);
                    let content = self.notes.get(n - 1).cloned().unwrap_or_default();
                    out.push_str("#footnote[");
                    self.inlines(&content, out);
                    out.push(']');
                    self.open.pop();
                }
                Inline::LineBreak => out.push_str("#linebreak()"),
            }
        }
    }

    fn call(&mut self, f: &str, c: &[Inline], out: &mut String) {
        let _ = write!(out, "#{f}[");
        self.inlines(c, out);
        out.push(']');
    }

    fn content(&mut self, c: &[Inline]) -> String {
        let mut s = String::from("[");
        self.inlines(c, &mut s);
        s.push(']');
        s
    }

    fn blocks(&mut self, v: &[Block], out: &mut String, heading_base: u8) {
        for b in v {
            match b {
                Block::Para(i) => {
                    self.inlines(i, out);
                    out.push_str("\n\n");
                }
                Block::Heading(l, i) => {
                    let _ = writeln!(
                        out,
                        "#heading(level: {}, outlined: false){}\n",
                        (heading_base + l).min(6),
                        self.content(i)
                    );
                }
                Block::Quote(bs) => {
                    out.push_str("#quote(block: true)[\n");
                    self.blocks(bs, out, heading_base);
                    out.push_str("]\n\n");
                }
                Block::List { start, items } => {
                    match start {
                        Some(s) => {
                            let _ = write!(out, "#enum(start: {s}");
                        }
                        None => out.push_str("#list("),
                    }
                    for (k, it) in items.iter().enumerate() {
                        if k > 0 || start.is_some() {
                            out.push_str(", ");
                        }
                        out.push('[');
                        if let [Block::Para(i)] = it.as_slice() {
                            self.inlines(i, out);
                        } else {
                            self.blocks(it, out, heading_base);
                        }
                        out.push(']');
                    }
                    out.push_str(")\n\n");
                }
                Block::Code(c) => {
                    let _ = writeln!(out, "#raw(block: true, {})\n", lit(c));
                }
                Block::Table { header, rows } => {
                    let cols = header
                        .len()
                        .max(rows.iter().map(Vec::len).max().unwrap_or(1))
                        .max(1);
                    let _ = write!(out, "#table(columns: {cols}, table.header(");
                    for (k, c) in header.iter().enumerate() {
                        if k > 0 {
                            out.push_str(", ");
                        }
                        out.push_str(&self.content(c));
                    }
                    out.push(')');
                    for r in rows {
                        for c in r {
                            out.push_str(", ");
                            out.push_str(&self.content(c));
                        }
                    }
                    out.push_str(")\n\n");
                }
                Block::Rule => out.push_str("#line(length: 100%)\n\n"),
                Block::Testimony(t) => {
                    out.push_str("#testimony(paraphrased: ");
                    out.push_str(if t.paraphrased { "true" } else { "false" });
                    out.push_str(", [\n");
                    self.blocks(&t.body, out, heading_base);
                    out.push_str("], [");
                    out.push_str(&text(&t.attribution));
                    self.inlines(&[Inline::Note(t.note)], out);
                    out.push_str("])\n\n");
                }
                Block::Figure {
                    caption,
                    header,
                    rows,
                } => {
                    let _ = write!(
                        out,
                        "#stats-table({}, ({}), (",
                        lit(caption),
                        header.iter().map(|h| lit(h)).collect::<Vec<_>>().join(", ")
                    );
                    for r in rows {
                        let _ = write!(
                            out,
                            "({},), ",
                            r.iter().map(|c| lit(c)).collect::<Vec<_>>().join(", ")
                        );
                    }
                    out.push_str("))\n\n");
                }
            }
        }
    }

    fn finding(&mut self, f: &FindingView, level: u8, out: &mut String) {
        let title = format!("{} {}", f.number, f.title);
        let _ = writeln!(
            out,
            "#heading(level: {level})[{}]{}\n",
            text(&title),
            label(&f.id)
        );
        if !f.provisions.is_empty() {
            let _ = writeln!(out, "#provisions({})\n", self.content(&f.provisions));
        }
        self.blocks(&f.blocks, out, level);
        for s in &f.subs {
            self.finding(s, level + 1, out);
        }
    }
}

/// The body of the publication in Typst markup (the template adds cover, contents and styles).
pub fn publication_body(view: &PublicationView) -> String {
    let mut w = TypstWriter {
        notes: &view.notes,
        open: vec![],
    };
    let mut out = String::new();
    for s in &view.sections {
        match s {
            Section::Chapter {
                anchor,
                title,
                blocks,
            } => {
                heading(&mut out, 1, title, anchor);
                w.blocks(blocks, &mut out, 1);
            }
            Section::Part {
                anchor,
                number,
                title,
                intro,
                findings,
            } => {
                let _ = writeln!(
                    out,
                    "#part-heading({}, {}){}\n",
                    lit(number),
                    lit(title),
                    label(anchor)
                );
                w.blocks(intro, &mut out, 1);
                for f in findings {
                    w.finding(f, 2, &mut out);
                }
            }
            Section::Recommendations {
                anchor,
                title,
                groups,
            } => {
                heading(&mut out, 1, title, anchor);
                for g in groups {
                    w.rec_group(g, &mut out);
                }
            }
            Section::Ratifications {
                anchor,
                title,
                table,
            } => {
                heading(&mut out, 1, title, anchor);
                ratifications(table, &mut out);
            }
            Section::Meetings {
                anchor,
                title,
                groups,
            } => {
                heading(&mut out, 1, title, anchor);
                meetings(groups, &mut out);
            }
            Section::Authorities {
                anchor,
                title,
                groups,
            } => {
                heading(&mut out, 1, title, anchor);
                authorities(groups, &mut out);
            }
        }
    }
    out
}

impl TypstWriter<'_> {
    /// The recommendations to one addressee, theme by theme.
    fn rec_group(&mut self, g: &RecGroup, out: &mut String) {
        heading(out, 2, &g.heading, &g.anchor);
        for t in &g.themes {
            let _ = writeln!(
                out,
                "#heading(level: 3, outlined: false)[{}]\n",
                text(&t.heading)
            );
            for r in &t.recs {
                let mut body = String::new();
                self.inlines(&r.text, &mut body);
                if !r.addressed.is_empty() {
                    let _ = write!(body, "#addressed({})", lit(&r.addressed.join("; ")));
                }
                let _ = writeln!(
                    out,
                    "#rec({}, [{}]){}\n",
                    r.number,
                    body,
                    label(&format!("rec-{}", r.id))
                );
            }
        }
    }
}

/// The annex of ratifications: a row per instrument, a column per state.
fn ratifications(table: &RatificationTable, out: &mut String) {
    let cols = table.rows.len() + 1;
    let _ = write!(
        out,
        "#ratification-table({cols}, ({}), (",
        table
            .rows
            .iter()
            .map(|(n, _)| lit(n))
            .collect::<Vec<_>>()
            .join(", ")
            + if table.rows.len() == 1 { "," } else { "" }
    );
    for (k, (id, title)) in table.instruments.iter().enumerate() {
        // Each cell: its text, and whether it is a recorded "not ratified" (in colour).
        let cells: Vec<String> = table
            .rows
            .iter()
            .map(|(_, c)| format!("({}, {})", lit(&c[k].0), c[k].2))
            .collect();
        let _ = write!(
            out,
            "({}, {}, ({}{})), ",
            lit(id),
            lit(title),
            cells.join(", "),
            if cells.len() == 1 { "," } else { "" }
        );
    }
    out.push_str("))\n\n");
    let _ = writeln!(out, "#provisions-note({})\n", lit(&table.note));
}

/// The annex of meetings: by state, then by kind of interlocutor.
fn meetings(groups: &[MeetingGroup], out: &mut String) {
    for g in groups {
        let _ = writeln!(
            out,
            "#heading(level: 2, outlined: false)[{}]\n",
            text(&g.state)
        );
        for (kind, items) in &g.kinds {
            let _ = writeln!(out, "#heading(level: 3, outlined: false)[{}]\n", text(kind));
            out.push_str("#list(");
            out.push_str(
                &items
                    .iter()
                    .map(|i| format!("[{}]", text(i)))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            out.push_str(")\n\n");
        }
    }
}

/// The table of authorities: by instrument, each provision with the pages that cite it.
fn authorities(groups: &[AuthorityGroup], out: &mut String) {
    for g in groups {
        let head = format!("{} — {}", g.instrument, g.title);
        match &g.url {
            Some(u) => {
                let _ = writeln!(
                    out,
                    "#heading(level: 2, outlined: false)[#link({})[{}]]\n",
                    lit(u),
                    text(&head)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "#heading(level: 2, outlined: false)[{}]\n",
                    text(&head)
                );
            }
        }
        out.push_str("#authority-table((");
        for e in &g.entries {
            let labels: Vec<String> = e
                .places
                .iter()
                .map(|(n, _, _)| format!("<cite-{n}>"))
                .collect();
            let _ = write!(
                out,
                "({}, {}, ({}{})), ",
                lit(&e.label),
                lit(e.topic.as_deref().unwrap_or("")),
                labels.join(", "),
                if labels.len() == 1 { "," } else { "" }
            );
        }
        out.push_str("))\n\n");
    }
}

/// A run of inlines as Typst markup, outside the publication (recommendation sheets): author text
/// as string literals, provisions linked to the official text.
pub fn inlines(v: &[Inline]) -> String {
    let mut w = TypstWriter {
        notes: &[],
        open: vec![],
    };
    let mut out = String::new();
    w.inlines(v, &mut out);
    out
}

/// The body of a submission in Typst markup (the template adds cover, contents, page numbers).
pub fn submission_body(view: &crate::view::submission::SubmissionView) -> String {
    use crate::view::submission::Item;
    let mut w = TypstWriter {
        notes: &view.notes,
        open: vec![],
    };
    let mut out = String::new();
    for s in &view.sections {
        let _ = writeln!(
            out,
            "#heading(level: 1)[{}]{}\n",
            text(&format!("{}. {}", s.number, s.title)),
            label(&s.anchor)
        );
        for it in &s.items {
            match it {
                Item::Heading {
                    level,
                    number,
                    title,
                    anchor,
                } => {
                    let t = if number.is_empty() {
                        title.clone()
                    } else {
                        format!("{number} {title}")
                    };
                    let _ = writeln!(
                        out,
                        "#heading(level: {}, outlined: {})[{}]{}\n",
                        level.min(&6),
                        *level <= 2,
                        text(&t),
                        anchor.as_deref().map(label).unwrap_or_default()
                    );
                }
                Item::Para {
                    number,
                    inlines,
                    anchor,
                } => {
                    let _ = write!(out, "#para({number})[");
                    w.inlines(inlines, &mut out);
                    out.push(']');
                    if let Some(a) = anchor {
                        out.push_str(&label(a));
                    }
                    out.push_str("\n\n");
                }
                Item::Engaged(line) => {
                    let _ = writeln!(out, "#engaged({})\n", lit(line));
                }
                Item::Block(b) => w.blocks(std::slice::from_ref(b), &mut out, 3),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_keep_hostile_text_literal() {
        assert_eq!(lit("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
        assert_eq!(
            text("#read(\"/etc/passwd\")"),
            "#\"#read(\\\"/etc/passwd\\\")\""
        );
    }
}
