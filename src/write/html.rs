//! HTML: the publication as one self-contained page (styles inline, no scripts, no remote
//! resources), rendered by tera from the view. Author content arrives as the neutral tree and is
//! turned into escaped HTML here; the template only lays out the page.

use super::templates::Templates;
use crate::view::ast::{Block, Inline, TestimonyBlock};
use crate::view::publication::{PublicationView, Section};
use anyhow::Result;
use serde::Serialize;
use std::fmt::Write as _;

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    esc_into(s, &mut out);
    out
}

/// [`esc`] written at the end of `out`: the runs between the characters it escapes are copied
/// whole (they are ASCII, so a run never ends inside a character). The next of `&<>` and the
/// next of the quotes are each looked for by their bytes (memchr), each again only once passed.
pub fn esc_into(s: &str, out: &mut String) {
    let b = s.as_bytes();
    let marks =
        |from: usize| memchr::memchr3(b'&', b'<', b'>', &b[from..]).map_or(b.len(), |k| from + k);
    let quotes =
        |from: usize| memchr::memchr2(b'"', b'\'', &b[from..]).map_or(b.len(), |k| from + k);
    let (mut mark, mut quote) = (marks(0), quotes(0));
    let mut from = 0;
    while mark.min(quote) < b.len() {
        let at = mark.min(quote);
        out.push_str(&s[from..at]);
        out.push_str(match b[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        from = at + 1;
        if at == mark {
            mark = marks(from);
        } else {
            quote = quotes(from);
        }
    }
    out.push_str(&s[from..]);
}

/// " (paraphrased account)" after a paraphrased testimony's attribution, in the locale's words.
fn paraphrase_mark(t: &crate::view::ast::TestimonyBlock) -> String {
    if t.paraphrased {
        format!(
            " <span class=\"paraphrase\">({})</span>",
            esc(&t.paraphrase)
        )
    } else {
        String::new()
    }
}

/// A generated figure (`![[stats:interviews]]`): its caption and a table with a bar per count.
fn figure(caption: &str, header: &[String], rows: &[Vec<String>], out: &mut String) {
    let _ = writeln!(
        out,
        "<figure class=\"stats\"><figcaption>{}</figcaption>",
        esc(caption)
    );
    out.push_str("<table><thead><tr>");
    for h in header {
        let _ = write!(out, "<th scope=\"col\">{}</th>", esc(h));
    }
    out.push_str("</tr></thead><tbody>\n");
    let max = rows
        .iter()
        .filter_map(|r| r.last()?.parse::<usize>().ok())
        .max()
        .unwrap_or(1)
        .max(1);
    for r in rows {
        out.push_str("<tr>");
        for (i, c) in r.iter().enumerate() {
            if i + 1 == r.len() {
                let n: usize = c.parse().unwrap_or(0);
                let _ = write!(
                    out,
                    "<td class=\"num\">{} <span class=\"bar\" style=\"width:{}em\"></span></td>",
                    esc(c),
                    n * 8 / max
                );
            } else {
                let _ = write!(out, "<td>{}</td>", esc(c));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></figure>\n");
}

/// Renders the tree, remembering which notes it called (for the section's endnotes).
struct HtmlWriter<'a> {
    notes: &'a [Vec<Inline>],
    /// The locale's words (the view's `t`), for the notes' labels.
    t: &'a serde_json::Value,
    called: Vec<usize>,
    testimonies: usize,
}

impl<'a> HtmlWriter<'a> {
    fn new(notes: &'a [Vec<Inline>], t: &'a serde_json::Value) -> Self {
        HtmlWriter {
            notes,
            t,
            called: vec![],
            testimonies: 0,
        }
    }

    fn inlines(&mut self, v: &[Inline], out: &mut String) {
        let mut after_note = false;
        for i in v {
            // Calls in a row are set apart ("¹,²"), not read as one number ("¹²").
            if matches!(i, Inline::Note(_)) && after_note {
                out.push_str("<sup class=\"note-sep\">,</sup>");
            }
            after_note = matches!(i, Inline::Note(_));
            match i {
                Inline::Text(t) => esc_into(t, out),
                Inline::Emph(c) => self.wrap("em", c, out),
                Inline::Strong(c) => self.wrap("strong", c, out),
                Inline::Strike(c) => self.wrap("del", c, out),
                Inline::Code(t) => {
                    let _ = write!(out, "<code>{}</code>", esc(t));
                }
                Inline::Link { url, children } => {
                    let _ = write!(out, "<a href=\"{}\">", esc(url));
                    self.inlines(children, out);
                    out.push_str("</a>");
                }
                Inline::Provision {
                    label,
                    url,
                    occurrence,
                    ..
                } => match url {
                    Some(u) => {
                        let _ = write!(
                            out,
                            "<a class=\"provision\" id=\"cite-{occurrence}\" href=\"{}\">{}</a>",
                            esc(u),
                            esc(label)
                        );
                    }
                    None => {
                        let _ = write!(
                            out,
                            "<span class=\"provision\" id=\"cite-{occurrence}\">{}</span>",
                            esc(label)
                        );
                    }
                },
                Inline::XRef { label, anchor } => {
                    let _ = write!(
                        out,
                        "<a class=\"xref\" href=\"#{}\">{}</a>",
                        esc(anchor),
                        esc(label)
                    );
                }
                Inline::Note(n) => {
                    self.called.push(*n);
                    let _ = write!(
                        out,
                        "<sup class=\"note-ref\"><a id=\"note-ref-{n}\" href=\"#note-{n}\" aria-label=\"{}\">{n}</a></sup>",
                        esc(&crate::locale::fill(
                            &super::word(self.t, "note-call"),
                            &[("n", &n.to_string())]
                        ))
                    );
                }
                Inline::LineBreak => out.push_str("<br>"),
            }
        }
    }

    fn wrap(&mut self, tag: &str, c: &[Inline], out: &mut String) {
        let _ = write!(out, "<{tag}>");
        self.inlines(c, out);
        let _ = write!(out, "</{tag}>");
    }

    fn blocks(&mut self, v: &[Block], out: &mut String, heading_base: u8) {
        for b in v {
            match b {
                Block::Para(i) => {
                    out.push_str("<p>");
                    self.inlines(i, out);
                    out.push_str("</p>\n");
                }
                Block::Heading(l, i) => {
                    let h = (heading_base + l).min(6);
                    let _ = write!(out, "<h{h}>");
                    self.inlines(i, out);
                    let _ = writeln!(out, "</h{h}>");
                }
                Block::Quote(bs) => {
                    out.push_str("<blockquote>\n");
                    self.blocks(bs, out, heading_base);
                    out.push_str("</blockquote>\n");
                }
                Block::List { start, items } => {
                    match start {
                        Some(s) => {
                            let _ = write!(out, "<ol start=\"{s}\">");
                        }
                        None => out.push_str("<ul>"),
                    }
                    for it in items {
                        out.push_str("<li>");
                        if let [Block::Para(i)] = it.as_slice() {
                            self.inlines(i, out);
                        } else {
                            self.blocks(it, out, heading_base);
                        }
                        out.push_str("</li>\n");
                    }
                    out.push_str(if start.is_some() {
                        "</ol>\n"
                    } else {
                        "</ul>\n"
                    });
                }
                Block::Code(c) => {
                    let _ = writeln!(out, "<pre><code>{}</code></pre>", esc(c));
                }
                Block::Table { header, rows } => self.table(header, rows, out),
                Block::Rule => out.push_str("<hr>\n"),
                Block::Testimony(t) => self.testimony(t, out, heading_base),
                Block::Figure {
                    caption,
                    header,
                    rows,
                } => figure(caption, header, rows, out),
            }
        }
    }

    fn table(&mut self, header: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>], out: &mut String) {
        out.push_str("<table>\n<thead><tr>");
        for c in header {
            out.push_str("<th scope=\"col\">");
            self.inlines(c, out);
            out.push_str("</th>");
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for r in rows {
            out.push_str("<tr>");
            for c in r {
                out.push_str("<td>");
                self.inlines(c, out);
                out.push_str("</td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }

    fn testimony(&mut self, t: &TestimonyBlock, out: &mut String, heading_base: u8) {
        self.testimonies += 1;
        let _ = writeln!(
            out,
            "<figure class=\"testimony\" id=\"testimony-{}\">",
            t.note
        );
        out.push_str("<blockquote>\n");
        self.blocks(&t.body, out, heading_base);
        out.push_str("</blockquote>\n<figcaption>— ");
        esc_into(&t.attribution, out);
        self.inlines(&[Inline::Note(t.note)], out);
        out.push_str(&paraphrase_mark(t));
        out.push_str("</figcaption>\n</figure>\n");
    }

    /// The endnotes called so far (and the notes those call), then reset. Their region is
    /// labelled with the section's title (`of`): "Notes — Introduction", each page's regions
    /// told apart.
    fn endnotes(&mut self, of: &str) -> String {
        let mut out = String::new();
        if self.called.is_empty() {
            return out;
        }
        let _ = writeln!(
            out,
            "<section class=\"notes\" aria-label=\"{} — {}\"><ol>",
            esc(&super::word(self.t, "notes")),
            esc(of)
        );
        let mut k = 0;
        while k < self.called.len() {
            let n = self.called[k];
            k += 1;
            let notes = self.notes;
            let content = notes.get(n - 1).map_or(&[][..], Vec::as_slice);
            let _ = write!(out, "<li id=\"note-{n}\" value=\"{n}\">");
            self.inlines(content, &mut out);
            let _ = writeln!(
                out,
                " <a class=\"back\" href=\"#note-ref-{n}\" aria-label=\"{}\">↩</a></li>",
                esc(&super::word(self.t, "back-to-text"))
            );
        }
        out.push_str("</ol></section>\n");
        self.called.clear();
        out
    }
}

#[derive(Serialize)]
struct HtmlFinding {
    id: String,
    number: String,
    title: String,
    level: u8,
    provisions: String,
    body: String,
}

#[derive(Serialize)]
struct PublicationRec {
    id: String,
    number: usize,
    text: String,
    addressed: Vec<String>,
    findings: Vec<(String, String)>,
    priority: Option<u8>,
}

#[derive(Serialize)]
struct HtmlTheme {
    heading: String,
    recs: Vec<PublicationRec>,
}

#[derive(Serialize)]
struct HtmlGroup {
    anchor: String,
    heading: String,
    themes: Vec<HtmlTheme>,
}

#[derive(Serialize)]
struct HtmlSection {
    kind: &'static str,
    anchor: String,
    number: String,
    title: String,
    body: String,
    findings: Vec<HtmlFinding>,
    groups: Vec<HtmlGroup>,
    table: Option<crate::view::publication::RatificationTable>,
    meetings: Vec<crate::view::publication::MeetingGroup>,
    authorities: Vec<crate::view::publication::AuthorityGroup>,
    notes: String,
}

fn flatten_findings(
    w: &mut HtmlWriter,
    fs: &[crate::view::publication::FindingView],
    level: u8,
    out: &mut Vec<HtmlFinding>,
) {
    for f in fs {
        let mut provisions = String::new();
        w.inlines(&f.provisions, &mut provisions);
        let mut body = String::new();
        w.blocks(&f.blocks, &mut body, level);
        out.push(HtmlFinding {
            id: f.id.clone(),
            number: f.number.clone(),
            title: f.title.clone(),
            level,
            provisions,
            body,
        });
        flatten_findings(w, &f.subs, level + 1, out);
    }
}

impl HtmlSection {
    /// The bytes of its HTML parts and of its recommendations (what it adds to the page, most
    /// of the template's markup aside).
    fn size(&self) -> usize {
        let findings: usize = self
            .findings
            .iter()
            .map(|f| f.body.len() + f.provisions.len() + f.title.len() + 64)
            .sum();
        // A recommendation's text, and its number, addressees and findings around it.
        let recs: usize = self
            .groups
            .iter()
            .flat_map(|g| &g.themes)
            .flat_map(|t| &t.recs)
            .map(|r| {
                let addressed: usize = r.addressed.iter().map(|a| a.len() + 2).sum();
                let findings: usize = r.findings.iter().map(|(l, a)| l.len() + a.len() + 20).sum();
                r.text.len() + r.id.len() + addressed + findings + 160
            })
            .sum();
        self.body.len() + self.notes.len() + findings + recs
    }

    fn new(kind: &'static str, anchor: &str, title: &str) -> HtmlSection {
        HtmlSection {
            kind,
            anchor: anchor.to_string(),
            number: String::new(),
            title: title.to_string(),
            body: String::new(),
            findings: vec![],
            groups: vec![],
            table: None,
            meetings: vec![],
            authorities: vec![],
            notes: String::new(),
        }
    }
}

/// One section of the publication, its notes not yet written.
fn section(w: &mut HtmlWriter, s: &Section) -> HtmlSection {
    match s {
        Section::Chapter {
            anchor,
            title,
            blocks,
        } => {
            let mut hs = HtmlSection::new("chapter", anchor, title);
            w.blocks(blocks, &mut hs.body, 2);
            hs
        }
        Section::Part {
            anchor,
            number,
            title,
            intro,
            findings,
        } => {
            let mut hs = HtmlSection::new("part", anchor, title);
            hs.number = number.clone();
            w.blocks(intro, &mut hs.body, 2);
            flatten_findings(w, findings, 3, &mut hs.findings);
            hs
        }
        Section::Recommendations {
            anchor,
            title,
            groups,
        } => {
            let mut hs = HtmlSection::new("recommendations", anchor, title);
            hs.groups = groups.iter().map(|g| rec_group(w, g)).collect();
            hs
        }
        Section::Ratifications {
            anchor,
            title,
            table,
        } => HtmlSection {
            table: Some(table.clone()),
            ..HtmlSection::new("ratifications", anchor, title)
        },
        Section::Meetings {
            anchor,
            title,
            groups,
        } => HtmlSection {
            meetings: groups.clone(),
            ..HtmlSection::new("meetings", anchor, title)
        },
        Section::Authorities {
            anchor,
            title,
            groups,
        } => HtmlSection {
            authorities: groups.clone(),
            ..HtmlSection::new("authorities", anchor, title)
        },
    }
}

/// A group of recommendations (to one addressee), theme by theme.
fn rec_group(w: &mut HtmlWriter, g: &crate::view::publication::RecGroup) -> HtmlGroup {
    let themes = g
        .themes
        .iter()
        .map(|t| HtmlTheme {
            heading: t.heading.clone(),
            recs: t
                .recs
                .iter()
                .map(|r| {
                    let mut text = String::new();
                    w.inlines(&r.text, &mut text);
                    PublicationRec {
                        id: r.id.clone(),
                        number: r.number,
                        text,
                        addressed: r.addressed.clone(),
                        findings: r.findings.clone(),
                        priority: r.priority,
                    }
                })
                .collect(),
        })
        .collect();
    HtmlGroup {
        anchor: g.anchor.clone(),
        heading: g.heading.clone(),
        themes,
    }
}

/// Renders the publication page. Each section's HTML becomes the template's value as soon as it
/// is made (a large report's sections are most of the page: never held twice), and the page is
/// rendered into a buffer the size of its sections and more.
pub fn publication(view: &PublicationView, templates: &Templates) -> Result<Vec<u8>> {
    let mut w = HtmlWriter::new(&view.notes, &view.meta.t);
    let mut sections = Vec::with_capacity(view.sections.len());
    let mut size = 0;
    for s in &view.sections {
        let mut hs = section(&mut w, s);
        hs.notes = w.endnotes(&hs.title);
        size += hs.size();
        sections.push(tera::Value::from_serializable(&hs));
    }
    let mut ctx = tera::Context::new();
    ctx.insert("meta", &view.meta);
    ctx.insert("cover_src", &cover_sources(&view.meta.cover));
    ctx.insert("toc", &view.toc);
    ctx.insert_value("sections", tera::Value::from(sections));
    templates.render_html_sized("publication.html", &ctx, size + size / 8 + PAGE_FRAME)
}

/// What a page holds besides its parts (styles, cover, table of contents of a small report):
/// room kept beyond them in the buffer it is rendered into.
pub const PAGE_FRAME: usize = 64 * 1024;

/// The cover's images as `data:` addresses, so that the page stays one file.
fn cover_sources(cover: &crate::view::publication::CoverView) -> serde_json::Value {
    use base64::Engine as _;
    let src = |i: &crate::view::publication::CoverImageView| {
        let data = base64::engine::general_purpose::STANDARD.encode(&i.bytes);
        format!("data:{};base64,{data}", i.media_type)
    };
    serde_json::json!({
        "logo": cover.logo.as_ref().map(src),
        "image": cover.image.as_ref().map(src),
    })
}

/// A run of inlines as HTML, outside the publication (recommendation sheets and lists): provisions
/// link to the official text; the caller leaves no note calls and no cross-references in them.
pub fn inlines(v: &[Inline]) -> String {
    let mut w = HtmlWriter::new(&[], &serde_json::Value::Null);
    let mut out = String::new();
    w.inlines(v, &mut out);
    out
}

// ---------------------------------------------------------------- submissions

/// The body of a submission (everything its word count covers, footnotes aside) and its notes,
/// as HTML, with the words of each. The word count is taken from this text, so it counts
/// exactly what is rendered.
pub struct SubmissionHtml {
    pub body: String,
    pub notes: String,
    /// The words in the text of `body` and of `notes` (as [`submission_words`] counts them).
    pub words: (usize, usize),
}

/// Renders a submission's body and notes, counting their words as it goes.
pub fn submission_parts(view: &crate::view::submission::SubmissionView) -> SubmissionHtml {
    let (mut body, mut notes) = (String::new(), String::new());
    let mut count = WordCount::default();
    render_submission(view, &mut |part, html| {
        count.add(part, html);
        match part {
            Part::Body => body.push_str(html),
            Part::Notes => notes.push_str(html),
        }
    });
    SubmissionHtml {
        body,
        notes,
        words: count.words(),
    }
}

/// The words of a submission's body and of its notes, counted in the text of the HTML that
/// [`submission_parts`] renders, piece by piece, without keeping the whole (a submission carrying
/// every finding of a large project is a large page).
pub fn submission_words(view: &crate::view::submission::SubmissionView) -> (usize, usize) {
    let mut count = WordCount::default();
    render_submission(view, &mut |part, html| count.add(part, html));
    count.words()
}

/// The words of the text of a submission's two parts, counted piece by piece: per part, the
/// words so far, and whether its text so far ends inside a word (a word cut between two pieces
/// is one word). Pieces end at whole tags and whole character references, so their texts put
/// together are the text of the whole. Each piece's text ([`text_of`]) is read as it is made,
/// in a buffer kept from piece to piece ([`PieceWords`]).
#[derive(Default)]
struct WordCount {
    counts: [(usize, bool); 2],
    /// The last piece's markup without its tags.
    buffer: String,
}

impl WordCount {
    fn add(&mut self, part: Part, html: &str) {
        let piece = PieceWords::of(html, &mut self.buffer);
        let (words, in_word) = &mut self.counts[part as usize];
        *words += piece.words;
        if *in_word && piece.starts_in_word {
            *words -= 1;
        }
        if let Some(ends_in_word) = piece.ends_in_word {
            *in_word = ends_in_word;
        }
    }

    fn words(&self) -> (usize, usize) {
        (self.counts[0].0, self.counts[1].0)
    }
}

/// The words of the text of a piece of HTML ([`text_of`]: tags removed, then character
/// references decoded), counted as [`crate::view::submission::count_words`] counts them, without
/// making the text: whether its first character is not white space, and, if it has one, whether
/// its last is not.
#[derive(Debug, PartialEq, Eq)]
struct PieceWords {
    words: usize,
    starts_in_word: bool,
    ends_in_word: Option<bool>,
}

impl PieceWords {
    /// `buffer` takes the piece's markup without its tags (`text_of` before the decoding).
    fn of(html: &str, buffer: &mut String) -> PieceWords {
        buffer.clear();
        // `<` and `>` are ASCII: cut at their bytes, the runs between are whole characters.
        let b = html.as_bytes();
        let (mut at, mut in_tag) = (0, false);
        while at < b.len() {
            if in_tag {
                match memchr::memchr(b'>', &b[at..]) {
                    Some(k) => (at, in_tag) = (at + k + 1, false),
                    None => break,
                }
            } else {
                let end = memchr::memchr(b'<', &b[at..]).map_or(b.len(), |k| at + k);
                buffer.push_str(&html[at..end]);
                (at, in_tag) = (end + 1, true);
            }
        }
        let mut piece = PieceWords {
            words: 0,
            starts_in_word: false,
            ends_in_word: None,
        };
        let b = buffer.as_bytes();
        let mut at = 0;
        while at < b.len() {
            // `decode_entities`: a reference it reads is its character, else `&` is itself.
            // ASCII white space is `char::is_whitespace`'s: tab to carriage return, and space.
            let (word, len) = match b[at] {
                b'&' => {
                    let (c, len) = crate::text::entity(&buffer[at..]).unwrap_or(('&', 1));
                    (!c.is_whitespace(), len)
                }
                x if x.is_ascii() => (!matches!(x, b'\t'..=b'\r' | b' '), 1),
                _ => {
                    let c = buffer[at..].chars().next().unwrap_or_default();
                    (!c.is_whitespace(), c.len_utf8())
                }
            };
            at += len;
            if piece.ends_in_word.is_none() {
                piece.starts_in_word = word;
            }
            if word && piece.ends_in_word != Some(true) {
                piece.words += 1;
            }
            piece.ends_in_word = Some(word);
        }
        piece
    }
}

/// The two parts of a submission's HTML.
#[derive(Clone, Copy)]
enum Part {
    Body = 0,
    Notes = 1,
}

/// Renders a submission's body, then its notes, handing each piece (a section's start and end,
/// each item, each note) to `out` as it is made.
fn render_submission(
    view: &crate::view::submission::SubmissionView,
    out: &mut dyn FnMut(Part, &str),
) {
    use crate::view::submission::Item;
    let mut w = HtmlWriter::new(&view.notes, &view.cover.t);
    let mut body = String::new();
    let mut piece = |part: Part, html: &mut String| {
        out(part, html);
        html.clear();
    };
    for s in &view.sections {
        let _ = writeln!(
            body,
            "<section class=\"part\" id=\"{}\">\n<h2><span class=\"hnum\">{}.</span> {}</h2>",
            esc(&s.anchor),
            esc(&s.number),
            esc(&s.title)
        );
        piece(Part::Body, &mut body);
        for it in &s.items {
            match it {
                Item::Heading {
                    level,
                    number,
                    title,
                    anchor,
                } => {
                    let h = (*level + 1).min(6);
                    let id = anchor
                        .as_ref()
                        .map(|a| format!(" id=\"{}\"", esc(a)))
                        .unwrap_or_default();
                    let num = if number.is_empty() {
                        String::new()
                    } else {
                        format!("<span class=\"hnum\">{}</span> ", esc(number))
                    };
                    let _ = writeln!(body, "<h{h}{id}>{num}{}</h{h}>", esc(title));
                }
                Item::Para {
                    number,
                    inlines,
                    anchor,
                } => {
                    let id = anchor.clone().unwrap_or_else(|| format!("para-{number}"));
                    let _ = write!(
                        body,
                        "<p class=\"para\" id=\"{}\"><span class=\"pnum\">{number}.</span> ",
                        esc(&id)
                    );
                    w.inlines(inlines, &mut body);
                    body.push_str("</p>\n");
                }
                Item::Engaged(line) => {
                    let _ = writeln!(body, "<p class=\"engaged\">{}</p>", esc(line));
                }
                Item::Block(b) => w.blocks(std::slice::from_ref(b), &mut body, 3),
            }
            piece(Part::Body, &mut body);
        }
        body.push_str("</section>\n");
        piece(Part::Body, &mut body);
    }
    // Notes in the order they are called (a note may call another).
    let mut k = 0;
    while k < w.called.len() {
        let n = w.called[k];
        k += 1;
        let content = view.notes.get(n - 1).map_or(&[][..], Vec::as_slice);
        let mut text = String::new();
        w.inlines(content, &mut text);
        let _ = writeln!(
            body,
            "<p class=\"note\" id=\"note-{n}\"><a class=\"note-num\" href=\"#note-ref-{n}\">{n}</a> {text}</p>"
        );
        piece(Part::Notes, &mut body);
    }
}

/// The text of HTML (tags removed, entities decoded), for word counts.
pub fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    crate::text::decode_entities(&out)
}

/// Renders a submission as one self-contained page.
pub fn submission(
    view: &crate::view::submission::SubmissionView,
    parts: &SubmissionHtml,
    templates: &Templates,
) -> Result<Vec<u8>> {
    let mut ctx = tera::Context::new();
    ctx.insert("cover", &view.cover);
    ctx.insert("toc", &view.toc);
    // The body and notes (most of a large submission's page) are not copied into the context.
    let html = [
        ("body", parts.body.as_str()),
        ("notes", parts.notes.as_str()),
    ];
    let size = parts.body.len() + parts.notes.len();
    templates.render_html_spliced(
        "submission.html",
        &mut ctx,
        &html,
        size + size / 8 + PAGE_FRAME,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`PieceWords`] as the text it counts would be made and counted: [`text_of`], then
    /// [`crate::view::submission::count_words`] and its first and last characters.
    fn piece_words_made(html: &str) -> PieceWords {
        let text = text_of(html);
        PieceWords {
            words: crate::view::submission::count_words(&text),
            starts_in_word: text.chars().next().is_some_and(|c| !c.is_whitespace()),
            ends_in_word: text.chars().next_back().map(|c| !c.is_whitespace()),
        }
    }

    #[test]
    fn a_piece_counts_the_words_its_text_would_have() {
        const BITS: &[&str] = &[
            "<p class=\"para\">",
            "</p>\n",
            "<br>",
            "<",
            ">",
            "a",
            "word",
            "Ойша",
            " ",
            "\t",
            "\n",
            "\u{a0}",
            "\u{2003}",
            "\u{b}",
            "\u{85}",
            "&amp;",
            "&#32;",
            "&#x20;",
            "&nbsp;",
            "&#160;",
            "&#1040;",
            "&",
            ";",
            "&am",
            "p;",
            "&#;",
            "&#x110000;",
            "#",
            "&lt;b&gt;",
            "—",
            "5.",
            "<a href=\"#x\">",
            "</a>",
            "<span>",
            "</span>",
            "<!-- c -->",
            "&#9;",
        ];
        let mut next = crate::text::xorshift(17);
        let mut buffer = String::new();
        for round in 0..20_000 {
            let html: String = (0..next() % 12)
                .map(|_| BITS[next() % BITS.len()])
                .collect();
            let piece = PieceWords::of(&html, &mut buffer);
            assert_eq!(piece, piece_words_made(&html), "round {round}: {html:?}");
        }
    }

    #[test]
    fn escaping_random_texts_escapes_each_special_character_where_it_is() {
        const BITS: &[&str] = &[
            "&", "<", ">", "\"", "'", "a", "Ойша", " ", "’", "&amp;", "xy",
        ];
        let mut next = crate::text::xorshift(5);
        for round in 0..20_000 {
            let s: String = (0..next() % 16)
                .map(|_| BITS[next() % BITS.len()])
                .collect();
            let reference: String = s
                .chars()
                .map(|c| match c {
                    '&' => "&amp;".to_string(),
                    '<' => "&lt;".to_string(),
                    '>' => "&gt;".to_string(),
                    '"' => "&quot;".to_string(),
                    '\'' => "&#39;".to_string(),
                    c => c.to_string(),
                })
                .collect();
            assert_eq!(esc(&s), reference, "round {round}: {s:?}");
        }
    }

    #[test]
    fn escaping_replaces_each_special_character_and_keeps_the_rest() {
        let reference = |s: &str| -> String {
            s.chars()
                .map(|c| match c {
                    '&' => "&amp;".to_string(),
                    '<' => "&lt;".to_string(),
                    '>' => "&gt;".to_string(),
                    '"' => "&quot;".to_string(),
                    '\'' => "&#39;".to_string(),
                    c => c.to_string(),
                })
                .collect()
        };
        for s in [
            "",
            "plain",
            "<b>",
            "&&",
            "Ойша's \"Талас\" <Region> & Ош",
            "'",
            "ends with &",
            "ü<ü>ü",
        ] {
            assert_eq!(esc(s), reference(s), "{s}");
            let mut out = String::from("before ");
            esc_into(s, &mut out);
            assert_eq!(out, format!("before {}", reference(s)));
        }
    }
}
