//! Word (.docx): a generic writer from the neutral tree ([`crate::view::ast`]) to a Word document with
//! real Word footnotes, heading styles (Heading1..Heading4, so Word's navigation pane and
//! contents work), automatically numbered paragraphs, tables, and page numbers in the footer.
//! Any view can use it (the submissions to UN bodies, the recommendation sheets): it takes a list
//! of [`Item`]s and the footnote texts.
//!
//! The output is reproducible: the package's timestamps are the given date, and the ids docx-rs
//! draws from process-wide counters (paragraph ids, hyperlink relationships) are reset or set
//! here, so the same input gives the same bytes.
//!
//! [`publication()`] makes the publication's document; [`styles`] holds the styles, and merges a
//! project's reference document's styles over them.

mod publication;
pub mod styles;

pub use publication::publication;

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
    /// A paragraph in a style of its own (a finding's "Provisions engaged" line, a note under a
    /// table).
    Styled {
        style: &'static str,
        inlines: Vec<Inline>,
    },
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
    /// Blocks of author text under a heading of `level`: their own headings one level down.
    Blocks {
        level: u8,
        blocks: Vec<Block>,
    },
    /// Vertical space, in points.
    Space(u32),
    /// An image (PNG, JPEG or GIF bytes) on a line of its own, scaled to fit a box of the given
    /// width and height in centimetres, with its alt text (Word's "Alt Text", `descr`) and its
    /// name.
    Image {
        bytes: Vec<u8>,
        alt: String,
        name: String,
        width_cm: f32,
        height_cm: f32,
    },
    /// A band across the page filled with a colour (`7a1f2b`), its lines in white: (style,
    /// text, size in points, bold).
    Band {
        fill: String,
        lines: Vec<(&'static str, String, u8, bool)>,
    },
    /// The contents: a TOC field over Heading 1 to 3, holding the entries (level, text) until
    /// Word updates it.
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
    /// The images written so far, in the order of the document.
    images: Vec<Picture>,
    /// The level of the heading the blocks being written stand under: their first-level
    /// heading is one below it.
    level: u8,
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
                    let level = (*l + self.level).min(4);
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
                    self.blocks(&t.body, "Testimony", out);
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
        let widths = column_widths(header, rows);
        let width = |k: usize| widths.get(k).copied().unwrap_or(0);
        let mut trs = vec![];
        if !header.is_empty() {
            let bold = Fmt {
                bold: true,
                ..Fmt::default()
            };
            let cells = header
                .iter()
                .enumerate()
                .map(|(k, c)| {
                    TableCell::new()
                        .width(width(k), WidthType::Dxa)
                        .shading(Shading::new().fill("E8EEF4"))
                        .add_paragraph(self.runs(
                            c,
                            bold,
                            Paragraph::new().style("TableText"),
                            false,
                        ))
                })
                .collect();
            trs.push(TableRow::new(cells).cant_split());
        }
        for r in rows {
            let cells = r
                .iter()
                .enumerate()
                .map(|(k, c)| {
                    TableCell::new()
                        .width(width(k), WidthType::Dxa)
                        .add_paragraph(self.para(c, "TableText"))
                })
                .collect();
            trs.push(TableRow::new(cells));
        }
        Table::new(trs)
            .set_grid(widths)
            .width(TEXT_WIDTH, WidthType::Dxa)
    }
}

/// The width of the text on the page (A4 less the margins), in twentieths of a point.
const TEXT_WIDTH: usize = 9184;

/// Column widths for a table over the text width: each column at least as wide as its longest
/// word (a header's "Recommendation" is not broken inside the word), and the rest of the width
/// shared by how much text each column holds.
fn column_widths(header: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>]) -> Vec<usize> {
    let cols = header
        .len()
        .max(rows.iter().map(Vec::len).max().unwrap_or(0));
    if cols == 0 {
        return vec![];
    }
    // The width of a wide character of 9-point table text in bold (a header; DejaVu Serif, which
    // LibreOffice draws for Times New Roman where that is not installed, is wide), plus the
    // cell's margins.
    const CHAR: usize = 130;
    const PADDING: usize = 230;
    let mut least = vec![0usize; cols];
    let mut text = vec![1usize; cols];
    for r in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (k, c) in r.iter().enumerate() {
            let t = crate::view::ast::plain(c);
            let chars = t.chars().count();
            // A short cell ("CRC art. 2", "No.") is kept on one line, a longer one may break
            // between words.
            let unbroken = match chars {
                0..=12 => chars,
                _ => t
                    .split_whitespace()
                    .map(|w| w.chars().count())
                    .max()
                    .unwrap_or(0),
            };
            least[k] = least[k].max(unbroken * CHAR + PADDING);
            text[k] += t.chars().count().min(400);
        }
    }
    let floor: usize = least.iter().sum();
    if floor >= TEXT_WIDTH {
        return least.iter().map(|l| l * TEXT_WIDTH / floor).collect();
    }
    let spare = TEXT_WIDTH - floor;
    let total: usize = text.iter().sum();
    least
        .iter()
        .zip(&text)
        .map(|(l, t)| l + spare * t / total)
        .collect()
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
        images: vec![],
        level: 2,
    };
    let mut children: Vec<DocumentChild> = vec![];
    for it in &doc.items {
        w.item(it, &mut children);
    }
    let mut docx = styles::add(package(doc));
    for c in children {
        docx = match c {
            DocumentChild::Paragraph(p) => docx.add_paragraph(*p),
            DocumentChild::Table(t) => docx.add_table(*t),
            _ => docx,
        };
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut buf)
        .context("cannot write the Word document")?;
    repack(&buf.into_inner(), &w.images)
}

impl DocxWriter<'_> {
    /// The paragraphs and tables of one item.
    fn item(&mut self, it: &Item, out: &mut Vec<DocumentChild>) {
        let text = |style: &str, t: &str| {
            para_child(
                Paragraph::new()
                    .style(style)
                    .add_run(Run::new().add_text(t)),
            )
        };
        match it {
            Item::Title(t) => out.push(text("Title", t)),
            Item::Line { text, bold, size } => {
                let mut r = Run::new().add_text(text.as_str()).size(*size as usize * 2);
                if *bold {
                    r = r.bold();
                }
                out.push(para_child(Paragraph::new().add_run(r)));
            }
            Item::Field { name, value } => out.push(para_child(field(name, value))),
            Item::Heading { level, text: t } => {
                out.push(text(&format!("Heading{}", level.clamp(&1, &4)), t))
            }
            Item::Numbered(v) => out.push(para_child(
                self.para(v, "NumberedPara")
                    .numbering(NumberingId::new(PARA_NUMBERING), IndentLevel::new(0)),
            )),
            Item::Para(v) => out.push(para_child(self.para(v, "Normal"))),
            Item::Styled { style, inlines } => out.push(para_child(self.para(inlines, style))),
            Item::Small(t) => out.push(text("Small", t)),
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
                out.push(para_child(self.runs(text, Fmt::default(), p, false)));
            }
            Item::Detail { name, value } => {
                let p = Paragraph::new()
                    .style("Detail")
                    .add_run(Run::new().add_text(format!("{name}: ")).bold());
                out.push(para_child(self.runs(value, Fmt::default(), p, false)));
            }
            Item::Block(b) => self.blocks(std::slice::from_ref(b), "Normal", out),
            Item::Blocks { level, blocks } => {
                let was = std::mem::replace(&mut self.level, *level);
                self.blocks(blocks, "Normal", out);
                self.level = was;
            }
            Item::Contents(entries) => out.extend(contents(entries)),
            Item::Space(pt) => out.push(para_child(
                Paragraph::new().line_spacing(LineSpacing::new().before(pt * 20).after(0)),
            )),
            Item::PageBreak => out.push(para_child(
                Paragraph::new().add_run(Run::new().add_break(BreakType::Page)),
            )),
            Item::Image {
                bytes,
                alt,
                name,
                width_cm,
                height_cm,
            } => {
                if let Some(p) = self.image(bytes, alt, name, (*width_cm, *height_cm)) {
                    out.push(para_child(p));
                }
            }
            Item::Band { fill, lines } => out.push(band(fill, lines)),
        }
    }

    /// A paragraph holding the image, scaled to fit the box (width, height in cm) with its
    /// proportions; none for bytes that are not a PNG, JPEG or GIF image.
    fn image(
        &mut self,
        bytes: &[u8],
        alt: &str,
        name: &str,
        (width, height): (f32, f32),
    ) -> Option<Paragraph> {
        // docx-rs needs the size in pixels, which it does not read itself without its `image`
        // feature (a whole image decoder): imagesize reads it from the file's header.
        let size = imagesize::blob_size(bytes).ok()?;
        let extension = match imagesize::image_type(bytes).ok()? {
            imagesize::ImageType::Png => "png",
            imagesize::ImageType::Jpeg => "jpeg",
            imagesize::ImageType::Gif => "gif",
            _ => return None,
        };
        const EMU_PER_CM: f32 = 360_000.0;
        let (w, h) = (size.width.max(1) as f32, size.height.max(1) as f32);
        let scale = (width * EMU_PER_CM / w).min(height * EMU_PER_CM / h);
        // Our own relationship id (docx-rs draws them from a process-wide counter): the media
        // file is named after it.
        let id = format!("rIdImage{}", self.images.len() + 1);
        self.images.push(Picture {
            id: id.clone(),
            extension,
            name: name.to_string(),
            alt: alt.to_string(),
        });
        let pic = Pic::new_with_dimensions(bytes.to_vec(), w as u32, h as u32)
            .id(id)
            .size((w * scale) as u32, (h * scale) as u32);
        Some(Paragraph::new().add_run(Run::new().add_image(pic)))
    }
}

/// An image as written: its relationship id (and media file's name), the extension its bytes
/// call for, its name and alt text.
#[derive(Debug, Clone)]
struct Picture {
    id: String,
    extension: &'static str,
    name: String,
    alt: String,
}

/// A band across the text width, filled with the colour, its lines in white.
fn band(fill: &str, lines: &[(&'static str, String, u8, bool)]) -> DocumentChild {
    let mut cell = TableCell::new()
        .width(TEXT_WIDTH, WidthType::Dxa)
        .shading(Shading::new().fill(fill.trim_start_matches('#').to_ascii_uppercase()));
    for (style, text, size, bold) in lines {
        let mut run = Run::new()
            .add_text(text.as_str())
            .size(*size as usize * 2)
            .color("FFFFFF");
        if *bold {
            run = run.bold();
        }
        let mut p = Paragraph::new().add_run(run);
        if !style.is_empty() {
            p = p.style(style);
        }
        cell = cell.add_paragraph(p);
    }
    DocumentChild::Table(Box::new(
        Table::new(vec![TableRow::new(vec![cell]).cant_split()])
            .set_grid(vec![TEXT_WIDTH])
            .width(TEXT_WIDTH, WidthType::Dxa)
            .margins(TableCellMargins::new().margin(340, 340, 340, 340))
            .set_borders(TableBorders::with_empty()),
    ))
}

/// A labelled field of a cover: the name bold and muted, the value past a hanging indent.
fn field(name: &str, value: &str) -> Paragraph {
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
        .add_run(Run::new().add_text(value))
}

/// The contents as a TOC field over Heading 1 to 3 (with links), its result the entries as
/// written (styles TOC1..TOC3): Word is asked to update the field when it opens the document
/// (and adds the page numbers); a reader that does not update fields shows the entries.
fn contents(entries: &[(u8, String)]) -> Vec<DocumentChild> {
    let toc = InstrToC::new().heading_styles_range(1, 3).hyperlink();
    let mut out = vec![para_child(
        Paragraph::new()
            .add_run(Run::new().add_field_char(FieldCharType::Begin, true))
            .add_run(Run::new().add_instr_text(InstrText::TOC(toc)))
            .add_run(Run::new().add_field_char(FieldCharType::Separate, false)),
    )];
    for (level, text) in entries {
        out.push(para_child(
            Paragraph::new()
                .style(&format!("TOC{}", level.clamp(&1, &3)))
                .add_run(Run::new().add_text(text.as_str())),
        ));
    }
    out.push(para_child(
        Paragraph::new().add_run(Run::new().add_field_char(FieldCharType::End, false)),
    ));
    out
}

/// The footer: the document's line at the left, the page number at the right, with the locale's
/// word around it ("Page 3", "Стр. 3").
fn footer(doc: &Document) -> Footer {
    let (page_before, page_after) = doc.page.split_once("{page}").unwrap_or((&doc.page, ""));
    let mut line = Paragraph::new()
        .style("Small")
        .add_tab(Tab::new().val(TabValueType::Right).pos(TEXT_WIDTH))
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
        line = line.add_run(Run::new().add_text(page_after));
    }
    Footer::new().add_paragraph(line)
}

/// A numbering of one level: decimal (`1.`) or bullets, indented.
fn numbering(id: usize, format: &str, text: &str, indent: i32, hanging: i32) -> AbstractNumbering {
    AbstractNumbering::new(id).add_level(
        Level::new(
            0,
            Start::new(1),
            NumberFormat::new(format),
            LevelText::new(text),
            LevelJc::new("left"),
        )
        .indent(
            Some(indent),
            Some(SpecialIndentType::Hanging(hanging)),
            None,
            None,
        ),
    )
}

/// The package without its content: A4 pages, margins, fonts, numberings, footer, dates.
fn package(doc: &Document) -> Docx {
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
        .default_line_spacing(LineSpacing::new().after(120))
        .footer(footer(doc))
        .add_abstract_numbering(numbering(PARA_NUMBERING, "decimal", "%1.", 567, 567))
        .add_numbering(Numbering::new(PARA_NUMBERING, PARA_NUMBERING))
        .add_abstract_numbering(numbering(BULLET_NUMBERING, "bullet", "•", 1134, 284))
        .add_numbering(Numbering::new(BULLET_NUMBERING, BULLET_NUMBERING))
        .created_at(&doc.timestamp)
        .updated_at(&doc.timestamp);
    if doc.cover_page {
        docx = docx.first_footer(Footer::new());
    }
    docx
}

/// A Word file with `reference` (a reference document's `word/styles.xml`) merged over its
/// styles by id ([`styles::merge`]).
pub fn restyle(docx: &[u8], reference: &str) -> Result<Vec<u8>> {
    rewrite(docx, &|name, data| {
        if *name == "word/styles.xml" {
            *data = styles::merge(&String::from_utf8_lossy(data), reference).into_bytes();
        }
    })
}

/// Rewrites the package so the same document gives the same bytes: docx-rs lists hyperlink
/// relationships in hash-map order, so relationships are sorted; entries get a fixed time
/// (zip's default, 1980-01-01) and are compressed. The images get what docx-rs does not
/// write: their alt text and name ([`pictures`]), and the extension of their format (docx-rs
/// names every image `.png`).
fn repack(bytes: &[u8], images: &[Picture]) -> Result<Vec<u8>> {
    rewrite(bytes, &|name, data| {
        let text = || String::from_utf8_lossy(data).into_owned();
        if name.ends_with(".rels") {
            let mut xml = sort_relationships(&text());
            for i in images {
                let png = format!("media/{}.png", i.id);
                xml = xml.replace(&png, &format!("media/{}.{}", i.id, i.extension));
            }
            *data = xml.into_bytes();
        } else if name == "word/document.xml" && !images.is_empty() {
            *data = pictures(&text(), images).into_bytes();
        } else if let Some(i) = images
            .iter()
            .find(|i| *name == format!("word/media/{}.png", i.id))
        {
            *name = format!("word/media/{}.{}", i.id, i.extension);
        }
    })
}

/// The document with each image's `<wp:docPr>` (docx-rs writes `id="1" name="Figure"` for
/// all) given its own id, its name and its alt text (`descr`), in the order written.
fn pictures(xml: &str, images: &[Picture]) -> String {
    const DOC_PR: &str = r#"<wp:docPr id="1" name="Figure" />"#;
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    for (k, i) in images.iter().enumerate() {
        let Some(at) = rest.find(DOC_PR) else { break };
        out.push_str(&rest[..at]);
        out.push_str(&format!(
            r#"<wp:docPr id="{}" name="{}" descr="{}" />"#,
            k + 1,
            escape(&i.name),
            escape(&i.alt)
        ));
        rest = &rest[at + DOC_PR.len()..];
    }
    out.push_str(rest);
    out
}

/// Text as an XML attribute value.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The package with each part passed through `change` (its name, which it may change, and its
/// bytes), written with fixed entry times and compressed.
fn rewrite(bytes: &[u8], change: &dyn Fn(&mut String, &mut Vec<u8>)) -> Result<Vec<u8>> {
    use std::io::{Read as _, Write as _};
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .context("docx-rs wrote an unreadable package")?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for i in 0..zin.len() {
        let mut f = zin.by_index(i)?;
        let mut name = f.name().to_string();
        if f.is_dir() {
            out.add_directory(name, options)?;
            continue;
        }
        let mut data = vec![];
        f.read_to_end(&mut data)?;
        change(&mut name, &mut data);
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

/// A submission's cover: its kind, title and addressee, then its particulars as labelled
/// fields.
fn submission_cover(view: &SubmissionView) -> Vec<Item> {
    use Item as D;
    let c = &view.cover;
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
    let w = |k: &str| super::word(&c.t, k);
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
    items
}

/// The Word document of a submission: cover, contents, then the same sections as the HTML.
pub fn submission(view: &SubmissionView, date: PartialDate) -> Document<'_> {
    use crate::view::submission::Item as V;
    use Item as D;
    let c = &view.cover;
    let w = |k: &str| super::word(&c.t, k);
    let mut items = submission_cover(view);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The header of a JPEG of 32 by 16 pixels: what imagesize reads (start of image, then a
    /// start-of-frame segment with the height and width).
    const JPEG: &[u8] = &[
        0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x20, 0x03, 0x01, 0x22, 0x00,
        0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xFF, 0xD9,
    ];

    fn part(docx: &[u8], name: &str) -> Option<Vec<u8>> {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
        let mut f = z.by_name(name).ok()?;
        let mut v = vec![];
        std::io::Read::read_to_end(&mut f, &mut v).unwrap();
        Some(v)
    }

    #[test]
    fn an_image_keeps_its_format_alt_text_and_proportions() {
        let doc = Document {
            title: "T".into(),
            language: "en".into(),
            timestamp: "2018-06-01T00:00:00Z".into(),
            notes: &[],
            footer: String::new(),
            cover_page: false,
            page: "{page}".into(),
            items: vec![Item::Image {
                bytes: JPEG.to_vec(),
                alt: "A road & \"mountains\"".into(),
                name: "cover-image".into(),
                width_cm: 4.0,
                height_cm: 4.0,
            }],
        };
        let docx = render(&doc).unwrap();
        assert_eq!(part(&docx, "word/media/rIdImage1.jpeg").unwrap(), JPEG);
        assert!(part(&docx, "word/media/rIdImage1.png").is_none());
        let rels = String::from_utf8(part(&docx, "word/_rels/document.xml.rels").unwrap()).unwrap();
        assert!(rels.contains("media/rIdImage1.jpeg"), "{rels}");
        let xml = String::from_utf8(part(&docx, "word/document.xml").unwrap()).unwrap();
        assert!(
            xml.contains(r#"<wp:docPr id="1" name="cover-image" descr="A road &amp; &quot;mountains&quot;" />"#),
            "{xml}"
        );
        // 4 cm wide (1 440 000 EMU), half as high.
        assert!(
            xml.contains(r#"<wp:extent cx="1440000" cy="720000" />"#),
            "{xml}"
        );
        // Not an image: nothing drawn.
        let doc = Document {
            items: vec![Item::Image {
                bytes: b"<svg/>".to_vec(),
                alt: "x".into(),
                name: "x".into(),
                width_cm: 1.0,
                height_cm: 1.0,
            }],
            ..doc
        };
        let docx = render(&doc).unwrap();
        assert!(
            !String::from_utf8(part(&docx, "word/document.xml").unwrap())
                .unwrap()
                .contains("<w:drawing>")
        );
    }
}
