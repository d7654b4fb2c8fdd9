//! Typographic quotation marks: the straight `"` and `'` an author types become the marks of the
//! edition's language (“…” and ‘…’ in English, «…» and „…“ in Russian, « … » in French), and an
//! apostrophe becomes ’. Nothing else in author text changes: `#`, `[`, `$`, `<`, `{{`, dashes
//! and dots stay as written. Code stays as written too.
//!
//! A straight double quote opens after a space, an opening bracket or dash, or at the start of a
//! paragraph, and closes anywhere else. A single quote opens in the same places when a letter
//! follows; it closes an opened one; anywhere else it is an apostrophe (`don't`, `workers'`).

use super::ast::{Block, Inline};

/// The state of one paragraph's marks, carried across its inlines (emphasis, links).
struct Marks<'a> {
    /// Opening and closing double, opening and closing single.
    marks: &'a [String; 4],
    prev: Option<char>,
    single_open: bool,
}

impl Marks<'_> {
    fn new(marks: &[String; 4]) -> Marks<'_> {
        Marks {
            marks,
            prev: None,
            single_open: false,
        }
    }

    fn opens_after(prev: Option<char>) -> bool {
        match prev {
            None => true,
            Some(c) => c.is_whitespace() || "([{—–-/«„“‘\u{a0}".contains(c),
        }
    }

    fn text(&mut self, s: &str) -> String {
        self.marked(s).unwrap_or_else(|| s.to_string())
    }

    /// The text with its straight quotes made typographic, or `None` when it has none (it stays
    /// as it is: only its last character is remembered).
    fn marked(&mut self, s: &str) -> Option<String> {
        // Both quotes are ASCII: their bytes are looked for (a large report has many texts).
        if memchr::memchr2(b'"', b'\'', s.as_bytes()).is_none() {
            if let Some(c) = s.chars().next_back() {
                self.prev = Some(c);
            }
            return None;
        }
        let chars: Vec<char> = s.chars().collect();
        let mut out = String::with_capacity(s.len() + 8);
        for (k, &c) in chars.iter().enumerate() {
            let next = chars.get(k + 1).copied();
            match c {
                '"' => {
                    // After a space or an opening bracket, or after punctuation before a word
                    // (`,"Click"`).
                    let before_word = next.is_some_and(|n| n.is_alphanumeric());
                    let after_mark = self
                        .prev
                        .is_some_and(|p| !p.is_alphanumeric() && !".!?…".contains(p));
                    if Marks::opens_after(self.prev) || (after_mark && before_word) {
                        out.push_str(&self.marks[0]);
                    } else {
                        out.push_str(&self.marks[1]);
                    }
                }
                '\'' => {
                    let before_word = next.is_some_and(|n| n.is_alphanumeric());
                    if Marks::opens_after(self.prev) && before_word {
                        out.push_str(&self.marks[2]);
                        self.single_open = true;
                    } else if self.single_open && !before_word {
                        out.push_str(&self.marks[3]);
                        self.single_open = false;
                    } else {
                        out.push('’');
                    }
                }
                c => out.push(c),
            }
            self.prev = Some(c);
        }
        Some(out)
    }

    fn inlines(&mut self, v: &mut [Inline]) {
        for i in v {
            match i {
                Inline::Text(t) => {
                    if let Some(m) = self.marked(t) {
                        *t = m;
                    }
                }
                Inline::Emph(c)
                | Inline::Strong(c)
                | Inline::Strike(c)
                | Inline::Link { children: c, .. } => self.inlines(c),
                // Code and generated labels stay as they are; they still end a word.
                Inline::Code(t) => self.prev = t.chars().last(),
                Inline::Provision { label, .. } | Inline::XRef { label, .. } => {
                    self.prev = label.chars().last()
                }
                Inline::Note(_) => {}
                Inline::LineBreak => self.prev = Some(' '),
            }
        }
    }
}

/// Typographic marks in a run of inlines (a paragraph, a footnote).
pub fn inlines(marks: &[String; 4], v: &mut [Inline]) {
    Marks::new(marks).inlines(v);
}

/// Typographic marks in a plain string (a title).
pub fn text(marks: &[String; 4], s: &str) -> String {
    Marks::new(marks).text(s)
}

/// Typographic marks in blocks, each paragraph on its own.
pub fn blocks(marks: &[String; 4], v: &mut [Block]) {
    for b in v {
        match b {
            Block::Para(i) | Block::Heading(_, i) => inlines(marks, i),
            Block::Quote(bs) => blocks(marks, bs),
            Block::List { items, .. } => {
                for it in items {
                    blocks(marks, it);
                }
            }
            Block::Table { header, rows } => {
                for c in header.iter_mut().chain(rows.iter_mut().flatten()) {
                    inlines(marks, c);
                }
            }
            Block::Testimony(t) => {
                blocks(marks, &mut t.body);
                t.attribution = text(marks, &t.attribution);
            }
            Block::Code(_) | Block::Rule | Block::Figure { .. } => {}
        }
    }
}

/// Typographic marks in the titles of a publication (the cover, the contents, the sections and
/// findings, the recommendation groups): the text under them went through [`blocks`] already.
pub fn titles(marks: &[String; 4], view: &mut super::publication::PublicationView) {
    use super::publication::{FindingView, Section};
    fn finding(marks: &[String; 4], f: &mut FindingView) {
        f.title = text(marks, &f.title);
        for s in &mut f.subs {
            finding(marks, s);
        }
    }
    view.meta.title = text(marks, &view.meta.title);
    view.meta.subtitle = view.meta.subtitle.as_deref().map(|s| text(marks, s));
    for e in &mut view.toc {
        e.title = text(marks, &e.title);
    }
    for s in &mut view.sections {
        match s {
            Section::Chapter { title, .. } => *title = text(marks, title),
            Section::Part {
                title, findings, ..
            } => {
                *title = text(marks, title);
                for f in findings {
                    finding(marks, f);
                }
            }
            Section::Recommendations { groups, .. } => {
                for g in groups {
                    g.heading = text(marks, &g.heading);
                    for t in &mut g.themes {
                        t.heading = text(marks, &t.heading);
                        for r in &mut t.recs {
                            r.addressed = r.addressed.iter().map(|a| text(marks, a)).collect();
                        }
                    }
                }
            }
            Section::Ratifications { table, .. } => {
                for (_, title) in &mut table.instruments {
                    *title = text(marks, title);
                }
                table.note = text(marks, &table.note);
            }
            Section::Meetings { groups, .. } => {
                for g in groups {
                    for (kind, list) in &mut g.kinds {
                        *kind = text(marks, kind);
                        for m in list {
                            *m = text(marks, m);
                        }
                    }
                }
            }
            Section::Authorities { groups, .. } => {
                for g in groups {
                    g.title = text(marks, &g.title);
                    for e in &mut g.entries {
                        e.topic = e.topic.as_deref().map(|t| text(marks, t));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::text;

    fn marks(m: [&str; 4]) -> [String; 4] {
        m.map(str::to_string)
    }

    #[test]
    fn straight_quotes_become_the_languages_marks() {
        let en = marks(["“", "”", "‘", "’"]);
        assert_eq!(
            text(&en, r#"the "illegal" workers' 'own' union"#),
            "the “illegal” workers’ ‘own’ union"
        );
        assert_eq!(text(&en, r#"("Spravedlivost")"#), "(“Spravedlivost”)");
        assert_eq!(
            text(&en, r#"f("a","b") said," she"#),
            "f(“a”,“b”) said,” she"
        );
        let ru = marks(["«", "»", "„", "“"]);
        assert_eq!(text(&ru, r#""Справедливость""#), "«Справедливость»");
        let fr = marks(["« ", " »", "“", "”"]);
        assert_eq!(text(&fr, r#"dit "non""#), "dit « non »");
    }

    #[test]
    fn everything_else_stays_literal() {
        let en = marks(["“", "”", "‘", "’"]);
        let hostile = "#set $x$ [a] <b> {{ c }} -- ... `d`";
        assert_eq!(text(&en, hostile), hostile);
    }
}
