//! The publication as a Word document: a cover page, the contents (a TOC field), every section
//! in the order of the outline with its headings as Heading 1 to 3 (chapters and parts, then
//! findings, then sub-findings and the recommendations' themes), the testimonies in their own
//! style, the footnotes as Word footnotes, the recommendations numbered as in the other
//! formats, and the annexes as tables and lists.

use super::{Document, Item, timestamp};
use crate::parse::date::PartialDate;
use crate::view::ast::{Block, Inline, TocEntry};
use crate::view::publication::{
    AuthorityGroup, CoverImageView, FindingView, MeetingGroup, PublicationView, RatificationTable,
    RecGroup, Section,
};

/// A word of the locale (`meta.t`), by its path (`publication.instrument`).
fn word(view: &PublicationView, path: &str) -> String {
    crate::write::word(&view.meta.t, path)
}

fn text(s: &str) -> Vec<Inline> {
    vec![Inline::Text(s.to_string())]
}

/// The Word document of the publication.
pub fn publication(view: &PublicationView, date: PartialDate) -> Document<'_> {
    let m = &view.meta;
    let mut items = cover(view);
    items.push(Item::PageBreak);
    items.push(Item::Styled {
        style: "TOCHeading",
        inlines: text(&word(view, "contents")),
    });
    items.push(Item::Contents(
        view.toc.iter().map(|e| (e.level, entry(view, e))).collect(),
    ));
    items.push(Item::PageBreak);
    for s in &view.sections {
        section(view, s, &mut items);
    }
    Document {
        title: m.title.clone(),
        language: m.language.clone(),
        timestamp: timestamp(date),
        notes: &view.notes,
        footer: if m.confidential {
            word(view, "confidential-header")
        } else {
            m.title.clone()
        },
        cover_page: true,
        page: word(view, "page"),
        items,
    }
}

/// The cover: the logo, the organisations, the title and subtitle (in a band of the cover's
/// colour when it has one), the image with its credit, the date and number.
fn cover(view: &PublicationView) -> Vec<Item> {
    let m = &view.meta;
    let c = &m.cover;
    let mut items = vec![];
    if let Some(logo) = &c.logo {
        items.extend(image(logo, "logo", (5.0, 1.5)));
    }
    let authors = m.authors.join("  ·  ").to_uppercase();
    match &c.colour {
        Some(fill) => {
            items.push(Item::Space(72));
            let mut lines = vec![
                ("", authors, 10, true),
                ("Title", m.title.clone(), 26, true),
            ];
            lines.extend(
                m.subtitle
                    .iter()
                    .map(|s| ("Subtitle", s.clone(), 14, false)),
            );
            items.push(Item::Band {
                fill: fill.clone(),
                lines,
            });
        }
        None => {
            items.push(Item::Line {
                text: authors,
                bold: true,
                size: 10,
            });
            items.push(Item::Space(120));
            items.push(Item::Title(m.title.clone()));
            if let Some(s) = &m.subtitle {
                items.push(Item::Styled {
                    style: "Subtitle",
                    inlines: text(s),
                });
            }
        }
    }
    if let Some(i) = &c.image {
        items.push(Item::Space(12));
        items.extend(image(i, "image", (16.0, 8.0)));
    }
    items.push(Item::Space(48));
    let mut line = m.date.clone();
    if let Some(n) = &m.number {
        line = format!("{line}  ·  {}", word(view, "number").replace("{number}", n));
    }
    items.push(Item::Line {
        text: line,
        bold: false,
        size: 12,
    });
    if m.confidential {
        items.push(Item::Space(24));
        items.push(Item::Line {
            text: word(view, "confidential-banner"),
            bold: true,
            size: 12,
        });
    }
    items
}

/// An image of the cover in a box (width, height in cm) with its credit under it; nothing for
/// an image Word cannot draw (an SVG without a PNG copy: `check` warns of it).
fn image(i: &CoverImageView, name: &str, (width_cm, height_cm): (f32, f32)) -> Vec<Item> {
    let Some(bytes) = &i.raster else {
        return vec![];
    };
    let mut items = vec![Item::Image {
        bytes: bytes.clone(),
        alt: i.alt.clone(),
        name: format!("cover-{name}"),
        width_cm,
        height_cm,
    }];
    items.extend(i.credit.iter().map(|c| Item::Small(c.clone())));
    items
}

/// A contents entry as its heading reads.
fn entry(view: &PublicationView, e: &TocEntry) -> String {
    match (e.level, e.number.is_empty()) {
        (_, true) => e.title.clone(),
        (1, false) => part_title(view, &e.number, &e.title),
        _ => format!("{} {}", e.number, e.title),
    }
}

fn part_title(view: &PublicationView, number: &str, title: &str) -> String {
    if number.is_empty() {
        return title.to_string();
    }
    let n = word(view, "part-number").replace("{number}", number);
    format!("{n} {title}")
}

fn heading(level: u8, text: &str) -> Item {
    Item::Heading {
        level,
        text: text.to_string(),
    }
}

fn section(view: &PublicationView, s: &Section, items: &mut Vec<Item>) {
    match s {
        Section::Chapter { title, blocks, .. } => {
            items.push(heading(1, title));
            items.push(Item::Blocks {
                level: 1,
                blocks: blocks.clone(),
            });
        }
        Section::Part {
            number,
            title,
            intro,
            findings,
            ..
        } => {
            items.push(heading(1, &part_title(view, number, title)));
            items.push(Item::Blocks {
                level: 1,
                blocks: intro.clone(),
            });
            for f in findings {
                finding(view, f, 2, items);
            }
        }
        Section::Recommendations { title, groups, .. } => {
            items.push(heading(1, title));
            for g in groups {
                recommendations(g, items);
            }
        }
        Section::Ratifications { title, table, .. } => {
            items.push(heading(1, title));
            ratifications(view, table, items);
        }
        Section::Meetings { title, groups, .. } => {
            items.push(heading(1, title));
            for g in groups {
                meetings(g, items);
            }
        }
        Section::Authorities { title, groups, .. } => {
            items.push(heading(1, title));
            for g in groups {
                authorities(g, items);
            }
        }
    }
}

/// A finding: its heading, the provisions it engages, its text, then its sub-findings a level
/// down.
fn finding(view: &PublicationView, f: &FindingView, level: u8, items: &mut Vec<Item>) {
    items.push(heading(level, &format!("{} {}", f.number, f.title)));
    if !f.provisions.is_empty() {
        let mut line = vec![Inline::Strong(text(&word(
            view,
            "publication.provisions-engaged",
        )))];
        line.push(Inline::Text(" ".into()));
        line.extend(f.provisions.iter().cloned());
        items.push(Item::Styled {
            style: "Provisions",
            inlines: line,
        });
    }
    items.push(Item::Blocks {
        level,
        blocks: f.blocks.clone(),
    });
    for s in &f.subs {
        finding(view, s, level + 1, items);
    }
}

/// A group of recommendations (Heading 2), by theme (Heading 3), each numbered as in the
/// other formats with its addressees after it.
fn recommendations(g: &RecGroup, items: &mut Vec<Item>) {
    items.push(heading(2, &g.heading));
    for t in &g.themes {
        items.push(heading(3, &t.heading));
        for r in &t.recs {
            let mut text = r.text.clone();
            if !r.addressed.is_empty() {
                text.push(Inline::Text(format!(" ({})", r.addressed.join(", "))));
            }
            items.push(Item::Labelled {
                label: format!("R{}", r.number),
                text,
            });
        }
    }
}

/// The ratification annex: a row per instrument, a column per state, and the note saying what
/// the cells show.
fn ratifications(view: &PublicationView, table: &RatificationTable, items: &mut Vec<Item>) {
    let mut header = vec![
        text(&word(view, "publication.instrument")),
        text(&word(view, "publication.title")),
    ];
    header.extend(table.rows.iter().map(|(state, _)| text(state)));
    let rows = table
        .instruments
        .iter()
        .enumerate()
        .map(|(k, (id, title))| {
            let mut row = vec![vec![Inline::Strong(text(id))], text(title)];
            row.extend(table.rows.iter().map(|(_, cells)| text(&cells[k].0)));
            row
        })
        .collect();
    items.push(Item::Block(Block::Table { header, rows }));
    items.push(Item::Small(table.note.clone()));
}

/// The meetings held in one state, by kind.
fn meetings(g: &MeetingGroup, items: &mut Vec<Item>) {
    items.push(heading(2, &g.state));
    for (kind, list) in &g.kinds {
        items.push(heading(3, kind));
        items.push(Item::Block(Block::List {
            start: None,
            items: list.iter().map(|i| vec![Block::Para(text(i))]).collect(),
        }));
    }
}

/// An instrument's provisions in the table of authorities: each with its topic and the places
/// citing it.
fn authorities(g: &AuthorityGroup, items: &mut Vec<Item>) {
    let head = format!("{} — {}", g.instrument, g.title);
    items.push(heading(2, &head));
    let rows = g
        .entries
        .iter()
        .map(|e| {
            let label = match &e.url {
                Some(url) => vec![Inline::Link {
                    url: url.clone(),
                    children: text(&e.label),
                }],
                None => text(&e.label),
            };
            let places: Vec<&str> = e.places.iter().map(|(_, l, _)| l.as_str()).collect();
            vec![
                label,
                text(e.topic.as_deref().unwrap_or("")),
                text(&places.join(", ")),
            ]
        })
        .collect();
    items.push(Item::Block(Block::Table {
        header: vec![],
        rows,
    }));
}
