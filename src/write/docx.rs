//! Word (.docx): a generic writer from the neutral tree ([`crate::view::ast`]) to a Word document with
//! real Word footnotes, heading styles (Heading1..Heading4, so Word's navigation pane and
//! contents work), automatically numbered paragraphs, tables, and page numbers in the footer.
//! Any view can use it (the submissions to UN bodies, the recommendation sheets): it takes a list
//! of [`Item`]s and the footnote texts.
//!
//! The output is reproducible: the package's timestamps are the given date, and the ids docx-rs
//! draws from process-wide counters (paragraph ids, hyperlink relationships) are reset or set
//! here, so the same input gives the same bytes.

use crate::parse::date::PartialDate;
use crate::view::ast::{Block, Inline};
use crate::view::submission::SubmissionView;
use anyhow::{Context as _, Result};
use docx_rs::*;

/// What a document is made of, in order.
#[derive(Debug, Clone)]
pub enum Item {
    /// The document title (style Title).
    Title(String),
    /// A line of a cover or title page: text, bold, size in points.
    Line {
        text: String,
        bold: bool,
        size: u8,
    },
    /// A labelled field of a cover ("Contact: ...").
    Field {
        name: String,
        value: String,
    },
    /// A heading, level 1 to 4 (styles Heading1..Heading4).
    Heading {
        level: u8,
        text: String,
    },
    /// A paragraph numbered automatically (1., 2., ...), continuously through the document.
    Numbered(Vec<Inline>),
    /// A plain paragraph.
    Para(Vec<Inline>),
    /// A small, muted line (a note under a heading).
    Small(String),
    /// A paragraph with its label hanging at the left, the text indented past it ("R12  Ensure
    /// that ..."): the label bold, in the accent colour.
    Labelled {
        label: String,
        text: Vec<Inline>,
    },
    /// A small, muted detail under a labelled paragraph, indented as its text ("Legal basis: ICESCR
    /// art. 7"): the name bold, then the value.
    Detail {
        name: String,
        value: Vec<Inline>,
    },
    /// Any block of the neutral tree (lists, quotations, testimonies, tables).
    Block(Block),
    /// Vertical space, in points.
    Space(u32),
    /// A static contents list: (level, text).
    Contents(Vec<(u8, String)>),
    PageBreak,
}

/// A document to write.
pub struct Document<'a> {
    pub title: String,
    /// ISO 639-1 language of the text.
    pub language: String,
    /// Creation and modification time written in docProps/core.xml (`2018-06-01T00:00:00Z`; see
    /// [`timestamp`]).
    pub timestamp: String,
    /// Footnote contents: `Inline::Note(n)` calls `notes[n - 1]`.
    pub notes: &'a [Vec<Inline>],
    /// Text at the left of the footer (the page number is at the right).
    pub footer: String,
    /// The first page is a cover, without footer.
    pub cover_page: bool,
    /// The footer's page label, `{page}` standing for the number ("Page {page}", "Стр. {page}").
    pub page: String,
    pub items: Vec<Item>,
}

const ACCENT: &str = "0B4F8A";
const MUTED: &str = "555555";
/// Numbering of numbered paragraphs, and of bullet lists.
const PARA_NUMBERING: usize = 1;
const BULLET_NUMBERING: usize = 2;
/// Where the text of a labelled paragraph, and its details, start (1.4 cm).
const LABEL_INDENT: i32 = 794;

struct DocxWriter<'a> {
    notes: &'a [Vec<Inline>],
    hyperlinks: usize,
}

impl DocxWriter<'_> {
    fn runs(&mut self, v: &[Inline], fmt: Fmt, p: Paragraph, in_note: bool) -> Paragraph {
        let mut p = p;
        for i in v {
            match i {
                Inline::Text(t) | Inline::Code(t) => {
                    let mut r = fmt.apply(Run::new().add_text(t.as_str()));
                    if matches!(i, Inline::Code(_)) {
                        r = r.fonts(RunFonts::new().ascii("DejaVu Sans Mono"));
                    }
                    p = p.add_run(r);
                }
                Inline::Emph(c) => {
                    p = self.runs(
                        c,
                        Fmt {
                            italic: !fmt.italic,
                            ..fmt
                        },
                        p,
                        in_note,
                    )
                }
                Inline::Strong(c) => p = self.runs(c, Fmt { bold: true, ..fmt }, p, in_note),
                Inline::Strike(c) => {
                    p = self.runs(
                        c,
                        Fmt {
                            strike: true,
                            ..fmt
                        },
                        p,
                        in_note,
                    )
                }
                Inline::Link { url, children } => {
                    p = p.add_hyperlink(self.link(url, children, fmt));
                }
                Inline::Provision { label, url, .. } => {
                    let text = vec![Inline::Text(label.clone())];
                    p = match url {
                        Some(u) => p.add_hyperlink(self.link(u, &text, fmt)),
                        None => p.add_run(fmt.apply(Run::new().add_text(label.as_str()))),
                    };
                }
                Inline::XRef { label, .. } => {
                    p = p.add_run(fmt.apply(Run::new().add_text(label.as_str())));
                }
                Inline::Note(n) => {
                    if in_note {
                        continue; // a note inside a note: Word has none
                    }
                    let content = self.notes.get(n - 1).cloned().unwrap_or_default();
                    let para = self.runs(
                        &content,
                        Fmt::default(),
                        Paragraph::new().style("FootnoteText"),
                        true,
                    );
                    let note = Footnote {
                        id: *n,
                        content: vec![para],
                    };
                    p = p.add_run(
                        Run::new()
                            .style("FootnoteReference")
                            .add_footnote_reference(note),
                    );
                }
                Inline::LineBreak => {
                    p = p.add_run(Run::new().add_break(BreakType::TextWrapping));
                }
            }
        }
        p
    }

    fn link(&mut self, url: &str, children: &[Inline], fmt: Fmt) -> Hyperlink {
        self.hyperlinks += 1;
        let mut h = Hyperlink::new(url, HyperlinkType::External);
        // Our own relationship id: docx-rs draws them from a process-wide counter.
        h.link = HyperlinkData::External {
            rid: format!("rIdHyperlink{}", self.hyperlinks),
            path: url.to_string(),
        };
        let text = crate::view::ast::plain(children);
        h.add_run(fmt.apply(Run::new().style("Hyperlink").add_text(text)))
    }

    fn para(&mut self, v: &[Inline], style: &str) -> Paragraph {
        self.runs(v, Fmt::default(), Paragraph::new().style(style), false)
    }

    fn blocks(&mut self, blocks: &[Block], style: &str, out: &mut Vec<DocumentChild>) {
        for b in blocks {
            match b {
                Block::Para(i) => out.push(para_child(self.para(i, style))),
                Block::Heading(l, i) => {
                    let level = (*l + 2).min(4);
                    out.push(para_child(
                        self.para(i, &format!("Heading{level}")).keep_next(true),
                    ));
                }
                Block::Quote(bs) => self.blocks(bs, "Quote", out),
                Block::List { start, items } => {
                    for (k, it) in items.iter().enumerate() {
                        let inl = crate::view::convert::flatten(it.clone());
                        let p = match start {
                            Some(s) => {
                                let mut v = vec![Inline::Text(format!("{}. ", s + k as u64))];
                                v.extend(inl);
                                self.para(&v, "ListParagraph")
                            }
                            None => self
                                .para(&inl, "ListParagraph")
                                .numbering(NumberingId::new(BULLET_NUMBERING), IndentLevel::new(0)),
                        };
                        out.push(para_child(p));
                    }
                }
                Block::Code(c) => {
                    for line in c.lines() {
                        out.push(para_child(
                            Paragraph::new()
                                .style("Code")
                                .add_run(Run::new().add_text(line)),
                        ));
                    }
                }
                Block::Table { header, rows } => {
                    let head: Vec<Vec<Inline>> = header.clone();
                    out.push(DocumentChild::Table(Box::new(self.table(&head, rows))));
                }
                Block::Rule => out.push(para_child(Paragraph::new())),
                Block::Testimony(t) => {
                    self.blocks(&t.body, "Quote", out);
                    let mut v = vec![Inline::Text(format!("— {}", t.attribution))];
                    v.push(Inline::Note(t.note));
                    if t.paraphrased {
                        v.push(Inline::Text(format!(" ({})", t.paraphrase)));
                    }
                    out.push(para_child(
                        self.para(&v, "Attribution").align(AlignmentType::Right),
                    ));
                }
                Block::Figure {
                    caption,
                    header,
                    rows,
                } => {
                    out.push(para_child(
                        Paragraph::new()
                            .style("Caption")
                            .add_run(Run::new().add_text(caption.as_str())),
                    ));
                    let head: Vec<Vec<Inline>> = header
                        .iter()
                        .map(|h| vec![Inline::Text(h.clone())])
                        .collect();
                    let rows: Vec<Vec<Vec<Inline>>> = rows
                        .iter()
                        .map(|r| r.iter().map(|c| vec![Inline::Text(c.clone())]).collect())
                        .collect();
                    out.push(DocumentChild::Table(Box::new(self.table(&head, &rows))));
                }
            }
        }
    }

    fn table(&mut self, header: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>]) -> Table {
        let mut trs = vec![];
        if !header.is_empty() {
            let cells = header
                .iter()
                .map(|c| {
                    TableCell::new()
                        .shading(Shading::new().fill("E8EEF4"))
                        .add_paragraph(self.runs(
                            c,
                            Fmt {
                                bold: true,
                                ..Fmt::default()
                            },
                            Paragraph::new().style("TableText"),
                            false,
                        ))
                })
                .collect();
            trs.push(TableRow::new(cells));
        }
        for r in rows {
            let cells = r
                .iter()
                .map(|c| TableCell::new().add_paragraph(self.para(c, "TableText")))
                .collect();
            trs.push(TableRow::new(cells));
        }
        Table::new(trs).width(5000, WidthType::Pct)
    }
}

fn para_child(p: Paragraph) -> DocumentChild {
    DocumentChild::Paragraph(Box::new(p))
}

#[derive(Debug, Clone, Copy, Default)]
struct Fmt {
    bold: bool,
    italic: bool,
    strike: bool,
}

impl Fmt {
    fn apply(self, mut r: Run) -> Run {
        if self.bold {
            r = r.bold();
        }
        if self.italic {
            r = r.italic();
        }
        if self.strike {
            r = r.strike();
        }
        r
    }
}

fn styles(docx: Docx) -> Docx {
    let heading = |level: usize, size: usize| {
        let mut s = Style::new(format!("Heading{level}"), StyleType::Paragraph)
            .name(format!("Heading {level}"))
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .bold()
            .size(size)
            .color(ACCENT)
            .outline_lvl(level - 1)
            .fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial"));
        s.paragraph_property = s.paragraph_property.keep_next(true).line_spacing(
            LineSpacing::new()
                .before(if level == 1 { 360 } else { 240 })
                .after(120),
        );
        s
    };
    let mut footnote_ref = Style::new("FootnoteReference", StyleType::Character)
        .name("footnote reference")
        .based_on("DefaultParagraphFont");
    footnote_ref.run_property = footnote_ref
        .run_property
        .vert_align(VertAlignType::SuperScript);
    let mut quote = Style::new("Quote", StyleType::Paragraph)
        .name("Quote")
        .based_on("Normal")
        .italic()
        .indent(Some(1134), None, Some(567), None);
    quote.paragraph_property = quote
        .paragraph_property
        .line_spacing(LineSpacing::new().after(80));
    let mut labelled = Style::new("Labelled", StyleType::Paragraph)
        .name("Labelled Paragraph")
        .based_on("Normal")
        .indent(
            Some(LABEL_INDENT),
            Some(SpecialIndentType::Hanging(LABEL_INDENT)),
            None,
            None,
        );
    labelled.paragraph_property = labelled
        .paragraph_property
        .line_spacing(LineSpacing::new().before(120));
    docx.add_style(heading(1, 30))
        .add_style(heading(2, 25))
        .add_style(heading(3, 23))
        .add_style(heading(4, 22))
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .based_on("Normal")
                .bold()
                .size(44)
                .color(ACCENT)
                .fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial")),
        )
        .add_style(
            Style::new("FootnoteText", StyleType::Paragraph)
                .name("footnote text")
                .based_on("Normal")
                .size(18),
        )
        .add_style(footnote_ref)
        .add_style(quote)
        .add_style(
            Style::new("Attribution", StyleType::Paragraph)
                .name("Attribution")
                .based_on("Normal")
                .size(18)
                .color(MUTED),
        )
        .add_style(
            Style::new("Small", StyleType::Paragraph)
                .name("Small")
                .based_on("Normal")
                .size(18)
                .color(MUTED),
        )
        .add_style(labelled)
        .add_style(
            Style::new("Detail", StyleType::Paragraph)
                .name("Detail")
                .based_on("Normal")
                .size(18)
                .color(MUTED)
                .indent(Some(LABEL_INDENT), None, None, None),
        )
        .add_style(
            Style::new("ListParagraph", StyleType::Paragraph)
                .name("List Paragraph")
                .based_on("Normal")
                .indent(Some(1134), None, None, None),
        )
        .add_style(
            Style::new("TableText", StyleType::Paragraph)
                .name("Table Text")
                .based_on("Normal")
                .size(18),
        )
        .add_style(
            Style::new("Caption", StyleType::Paragraph)
                .name("caption")
                .based_on("Normal")
                .bold()
                .size(18),
        )
        .add_style(
            Style::new("Code", StyleType::Paragraph)
                .name("Code")
                .based_on("Normal")
                .fonts(RunFonts::new().ascii("DejaVu Sans Mono"))
                .size(18),
        )
        .add_style(
            Style::new("Hyperlink", StyleType::Character)
                .name("Hyperlink")
                .color(ACCENT)
                .underline("single"),
        )
        .add_style(
            Style::new("NumberedPara", StyleType::Paragraph)
                .name("Numbered Paragraph")
                .based_on("Normal"),
        )
}

/// A document's timestamp for a date: midnight UTC of its first day (`2018-06-01T00:00:00Z`), so
/// the same date gives the same bytes.
pub fn timestamp(date: PartialDate) -> String {
    format!(
        "{:04}-{:02}-{:02}T00:00:00Z",
        date.year,
        date.month.unwrap_or(1),
        date.day.unwrap_or(1)
    )
}

/// Writes the document as .docx bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>> {
    // docx-rs numbers paragraphs from a per-thread counter that it does not let us reset: a
    // fresh thread starts it at 1, so a document's bytes do not depend on what was built before.
    std::thread::scope(|s| {
        s.spawn(|| render_here(doc))
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("the Word writer panicked")))
    })
}

fn render_here(doc: &Document) -> Result<Vec<u8>> {
    let mut w = DocxWriter {
        notes: doc.notes,
        hyperlinks: 0,
    };
    let mut children: Vec<DocumentChild> = vec![];
    for it in &doc.items {
        match it {
            Item::Title(t) => children.push(para_child(
                Paragraph::new()
                    .style("Title")
                    .add_run(Run::new().add_text(t.as_str())),
            )),
            Item::Line { text, bold, size } => {
                let mut r = Run::new().add_text(text.as_str()).size(*size as usize * 2);
                if *bold {
                    r = r.bold();
                }
                children.push(para_child(Paragraph::new().add_run(r)));
            }
            Item::Field { name, value } => children.push(para_child(
                Paragraph::new()
                    .line_spacing(LineSpacing::new().after(160))
                    .indent(
                        Some(2268),
                        Some(SpecialIndentType::Hanging(2268)),
                        None,
                        None,
                    )
                    .add_run(Run::new().add_text(format!("{name}:")).bold().color(MUTED))
                    .add_run(Run::new().add_tab())
                    .add_run(Run::new().add_text(value.as_str())),
            )),
            Item::Heading { level, text } => children.push(para_child(
                Paragraph::new()
                    .style(&format!("Heading{}", level.clamp(&1, &4)))
                    .add_run(Run::new().add_text(text.as_str())),
            )),
            Item::Numbered(v) => children.push(para_child(
                w.para(v, "NumberedPara")
                    .numbering(NumberingId::new(PARA_NUMBERING), IndentLevel::new(0)),
            )),
            Item::Para(v) => children.push(para_child(w.para(v, "Normal"))),
            Item::Small(t) => children.push(para_child(
                Paragraph::new()
                    .style("Small")
                    .add_run(Run::new().add_text(t.as_str())),
            )),
            Item::Labelled { label, text } => {
                let p = Paragraph::new()
                    .style("Labelled")
                    .add_tab(
                        Tab::new()
                            .val(TabValueType::Left)
                            .pos(LABEL_INDENT as usize),
                    )
                    .add_run(Run::new().add_text(label.as_str()).bold().color(ACCENT))
                    .add_run(Run::new().add_tab());
                children.push(para_child(w.runs(text, Fmt::default(), p, false)));
            }
            Item::Detail { name, value } => {
                let p = Paragraph::new()
                    .style("Detail")
                    .add_run(Run::new().add_text(format!("{name}: ")).bold());
                children.push(para_child(w.runs(value, Fmt::default(), p, false)));
            }
            Item::Block(b) => w.blocks(std::slice::from_ref(b), "Normal", &mut children),
            Item::Contents(entries) => {
                for (level, text) in entries {
                    let indent = 567 * (*level as i32 - 1);
                    let mut r = Run::new().add_text(text.as_str());
                    if *level == 1 {
                        r = r.bold();
                    }
                    children.push(para_child(
                        Paragraph::new()
                            .indent(Some(indent), None, None, None)
                            .add_run(r),
                    ));
                }
            }
            Item::Space(pt) => children.push(para_child(
                Paragraph::new().line_spacing(LineSpacing::new().before(pt * 20).after(0)),
            )),
            Item::PageBreak => children.push(para_child(
                Paragraph::new().add_run(Run::new().add_break(BreakType::Page)),
            )),
        }
    }
    let footer = page_footer(doc);
    let mut docx = Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(1361)
                .bottom(1361)
                .left(1361)
                .right(1361),
        )
        .default_fonts(
            RunFonts::new()
                .ascii("Times New Roman")
                .hi_ansi("Times New Roman")
                .cs("Times New Roman"),
        )
        .default_size(22)
        .footer(footer)
        .add_abstract_numbering(
            AbstractNumbering::new(PARA_NUMBERING).add_level(
                Level::new(
                    0,
                    Start::new(1),
                    NumberFormat::new("decimal"),
                    LevelText::new("%1."),
                    LevelJc::new("left"),
                )
                .indent(
                    Some(567),
                    Some(SpecialIndentType::Hanging(567)),
                    None,
                    None,
                ),
            ),
        )
        .add_numbering(Numbering::new(PARA_NUMBERING, PARA_NUMBERING))
        .add_abstract_numbering(
            AbstractNumbering::new(BULLET_NUMBERING).add_level(
                Level::new(
                    0,
                    Start::new(1),
                    NumberFormat::new("bullet"),
                    LevelText::new("•"),
                    LevelJc::new("left"),
                )
                .indent(
                    Some(1134),
                    Some(SpecialIndentType::Hanging(284)),
                    None,
                    None,
                ),
            ),
        )
        .add_numbering(Numbering::new(BULLET_NUMBERING, BULLET_NUMBERING))
        .created_at(&doc.timestamp)
        .updated_at(&doc.timestamp);
    if doc.cover_page {
        docx = docx.first_footer(Footer::new());
    }
    docx = styles(docx);
    for c in children {
        docx = match c {
            DocumentChild::Paragraph(p) => docx.add_paragraph(*p),
            DocumentChild::Table(t) => docx.add_table(*t),
            _ => docx,
        };
    }
    let _ = (&doc.title, &doc.language);
    let mut buf = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut buf)
        .context("cannot write the Word document")?;
    repack(&buf.into_inner())
}

/// Rewrites the package so the same document gives the same bytes: docx-rs lists hyperlink
/// relationships in hash-map order, so relationships are sorted; entries get a fixed time
/// (zip's default, 1980-01-01) and are compressed.
fn repack(bytes: &[u8]) -> Result<Vec<u8>> {
    use std::io::{Read as _, Write as _};
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .context("docx-rs wrote an unreadable package")?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for i in 0..zin.len() {
        let mut f = zin.by_index(i)?;
        let name = f.name().to_string();
        if f.is_dir() {
            out.add_directory(name, options)?;
            continue;
        }
        let mut data = vec![];
        f.read_to_end(&mut data)?;
        if name.ends_with(".rels") {
            data = sort_relationships(&String::from_utf8_lossy(&data)).into_bytes();
        }
        out.start_file(name, options)?;
        out.write_all(&data)?;
    }
    Ok(out.finish()?.into_inner())
}

/// The `<Relationship .../>` elements of a relationships part, sorted.
fn sort_relationships(xml: &str) -> String {
    let Some(start) = xml.find("<Relationship ") else {
        return xml.to_string();
    };
    let Some(end) = xml.rfind("/>").map(|e| e + 2) else {
        return xml.to_string();
    };
    let mut rels: Vec<&str> = vec![];
    let mut rest = &xml[start..end];
    while let Some(i) = rest.find("<Relationship ") {
        let Some(j) = rest[i..].find("/>") else { break };
        rels.push(&rest[i..i + j + 2]);
        rest = &rest[i + j + 2..];
    }
    rels.sort();
    format!("{}{}{}", &xml[..start], rels.concat(), &xml[end..])
}

/// The footer: the document's line at the left, the page number at the right, with the locale's
/// word around it ("Page 3", "Стр. 3").
fn page_footer(doc: &Document) -> Footer {
    let (page_before, page_after) = doc.page.split_once("{page}").unwrap_or((&doc.page, ""));
    let mut footer_line = Paragraph::new()
        .style("Small")
        .add_tab(Tab::new().val(TabValueType::Right).pos(9184))
        .add_run(
            Run::new()
                .add_text(doc.footer.as_str())
                .add_tab()
                .add_text(page_before),
        )
        // The PAGE field in separate runs: LibreOffice does not read one run holding all.
        .add_run(Run::new().add_field_char(FieldCharType::Begin, false))
        .add_run(Run::new().add_instr_text(InstrText::PAGE(InstrPAGE::new())))
        .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
        .add_run(Run::new().add_text("1"))
        .add_run(Run::new().add_field_char(FieldCharType::End, false));
    if !page_after.is_empty() {
        footer_line = footer_line.add_run(Run::new().add_text(page_after));
    }
    Footer::new().add_paragraph(footer_line)
}

/// The Word document of a submission: cover, contents, then the same sections as the HTML.
pub fn submission(view: &SubmissionView, date: PartialDate) -> Document<'_> {
    use crate::view::submission::Item as V;
    use Item as D;
    let c = &view.cover;
    let w = |k: &str| super::word(&c.t, k);
    let mut items = vec![
        D::Space(72),
        D::Line {
            text: c.kind.to_uppercase(),
            bold: true,
            size: 11,
        },
        D::Title(c.title.clone()),
        D::Line {
            text: c.to.clone(),
            bold: false,
            size: 13,
        },
        D::Space(24),
    ];
    // The cover's fields, each named by the locale ("Session", "Сессия").
    let field = |name: String, value: &str| D::Field {
        name,
        value: value.to_string(),
    };
    if let Some(s) = &c.session {
        items.push(field(w("cover.session"), s));
    }
    items.push(field(c.state_label.clone(), &c.state));
    let mut by = c.organisations.join("; ");
    if c.joint {
        by = format!("{by} ({})", w("cover.joint"));
    }
    items.push(field(w("cover.submitted-by"), &by));
    items.push(field(w("cover.contact"), &c.contact));
    items.push(field(w("cover.publication"), &c.publication));
    items.push(field(w("cover.date"), &c.date));
    if let Some(d) = &c.deadline {
        items.push(field(w("cover.deadline"), d));
    }
    if c.confidential {
        items.push(D::Line {
            text: w("confidential-banner"),
            bold: true,
            size: 12,
        });
    }
    items.push(D::Space(36));
    items.push(D::Small(format!(
        "{} {}. {}",
        w("cover.drawn-from"),
        c.based_on,
        w("cover.numbered")
    )));
    items.push(D::PageBreak);
    items.push(D::Heading {
        level: 1,
        text: w("contents"),
    });
    items.push(D::Contents(
        view.toc
            .iter()
            .map(|e| {
                let n = if e.level == 1 {
                    format!("{}.", e.number)
                } else {
                    e.number.clone()
                };
                (e.level, format!("{n} {}", e.title))
            })
            .collect(),
    ));
    items.push(D::PageBreak);
    for s in &view.sections {
        items.push(D::Heading {
            level: 1,
            text: format!("{}. {}", s.number, s.title),
        });
        for it in &s.items {
            items.push(match it {
                V::Heading {
                    level,
                    number,
                    title,
                    ..
                } => D::Heading {
                    level: *level,
                    text: if number.is_empty() {
                        title.clone()
                    } else {
                        format!("{number} {title}")
                    },
                },
                V::Para { inlines, .. } => D::Numbered(inlines.clone()),
                V::Engaged(l) => D::Small(l.clone()),
                V::Block(b) => D::Block(b.clone()),
            });
        }
    }
    Document {
        title: c.title.clone(),
        language: c.language.clone(),
        timestamp: timestamp(date),
        notes: &view.notes,
        footer: format!(
            "{} — {}",
            c.body.clone().unwrap_or_else(|| w("submission.upr")),
            c.state
        ),
        cover_page: true,
        page: w("page"),
        items,
    }
}

/// The matrix of the recommendations received as a Word document of its own (a landscape-wide
/// table under a title).
pub fn matrix(view: &SubmissionView, date: PartialDate) -> Document<'_> {
    use crate::view::ast::{Block, Inline};
    use Item as D;
    let c = &view.cover;
    let (header, rows) = view.matrix.clone().unwrap_or_default();
    let cell = |s: String| vec![Inline::Text(s)];
    let w = |k: &str| super::word(&c.t, k);
    let title = crate::locale::fill(&w("implementation.matrix-heading"), &[("state", &c.state)]);
    Document {
        title: title.clone(),
        language: c.language.clone(),
        timestamp: timestamp(date),
        notes: &[],
        footer: format!("{} — {}", c.title, c.organisations.join("; ")),
        cover_page: false,
        page: w("page"),
        items: vec![
            D::Title(title),
            D::Small(crate::locale::fill(
                &w("implementation.matrix-intro"),
                &[("authors", &c.organisations.join(", ")), ("body", &c.to)],
            )),
            D::Block(Block::Table {
                header: header.into_iter().map(cell).collect(),
                rows: rows
                    .into_iter()
                    .map(|r| r.into_iter().map(cell).collect())
                    .collect(),
            }),
        ],
    }
}
