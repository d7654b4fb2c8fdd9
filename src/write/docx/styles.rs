//! The Word documents' styles: the built-in ones (headings Heading1..Heading4 with their outline
//! levels, footnotes, quotations and testimonies, tables, the contents), and a project's own
//! from a reference document (`reference-docx:` in report.yaml, as pandoc's `--reference-doc`):
//! each of its styles replaces the built-in style with the same id, and its other styles are
//! added, so a publisher's house style applies to the paragraphs rapporteur writes.

use super::{ACCENT, LABEL_INDENT, MUTED};
use docx_rs::*;

/// Every built-in style added to a document.
pub(super) fn add(docx: Docx) -> Docx {
    let mut docx = docx;
    for s in headings()
        .into_iter()
        .chain(notes())
        .chain(quotations())
        .chain(paragraphs())
        .chain(tables())
    {
        docx = docx.add_style(s);
    }
    docx
}

fn sans() -> RunFonts {
    RunFonts::new().ascii("Arial").hi_ansi("Arial")
}

fn paragraph(id: &str, name: &str) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
}

/// A style whose paragraphs are followed by `after` (twentieths of a point) instead of the
/// document's default space.
fn spaced(mut s: Style, after: u32) -> Style {
    s.paragraph_property = s
        .paragraph_property
        .line_spacing(LineSpacing::new().after(after));
    s
}

/// The title and Heading1..Heading4, with outline levels (Word's navigation pane, a TOC field).
fn headings() -> Vec<Style> {
    let heading = |level: usize, size: usize| {
        let mut s = paragraph(&format!("Heading{level}"), &format!("Heading {level}"))
            .next("Normal")
            .q_format(true)
            .bold()
            .size(size)
            .color(ACCENT)
            .outline_lvl(level - 1)
            .fonts(sans());
        s.paragraph_property = s.paragraph_property.keep_next(true).line_spacing(
            LineSpacing::new()
                .before(if level == 1 { 360 } else { 240 })
                .after(120),
        );
        s
    };
    vec![
        heading(1, 30),
        heading(2, 25),
        heading(3, 23),
        heading(4, 22),
        paragraph("Title", "Title")
            .bold()
            .size(44)
            .color(ACCENT)
            .fonts(sans()),
        paragraph("Subtitle", "Subtitle").size(28).color(MUTED),
    ]
}

/// Footnote text and the superscript footnote call.
fn notes() -> Vec<Style> {
    let mut reference = Style::new("FootnoteReference", StyleType::Character)
        .name("footnote reference")
        .based_on("DefaultParagraphFont");
    reference.run_property = reference
        .run_property
        .vert_align(VertAlignType::SuperScript);
    vec![
        spaced(paragraph("FootnoteText", "footnote text").size(18), 0),
        reference,
        Style::new("Hyperlink", StyleType::Character)
            .name("Hyperlink")
            .color(ACCENT)
            .underline("single"),
    ]
}

/// Quotations, the testimonies (a style of their own, so a house style can set them apart) and
/// their attribution.
fn quotations() -> Vec<Style> {
    let indented = |id: &str, name: &str| {
        let mut s = paragraph(id, name)
            .italic()
            .indent(Some(1134), None, Some(567), None);
        s.paragraph_property = s
            .paragraph_property
            .line_spacing(LineSpacing::new().after(80));
        s
    };
    vec![
        indented("Quote", "Quote"),
        indented("Testimony", "Testimony").based_on("Quote"),
        paragraph("Attribution", "Attribution")
            .size(18)
            .color(MUTED),
    ]
}

/// Small notes, labelled paragraphs and their details, lists, numbered paragraphs, code.
fn paragraphs() -> Vec<Style> {
    let mut labelled = paragraph("Labelled", "Labelled Paragraph").indent(
        Some(LABEL_INDENT),
        Some(SpecialIndentType::Hanging(LABEL_INDENT)),
        None,
        None,
    );
    labelled.paragraph_property = labelled
        .paragraph_property
        .line_spacing(LineSpacing::new().before(120));
    let mut provisions = paragraph("Provisions", "Provisions")
        .based_on("Small")
        .size(18)
        .color(MUTED);
    // A finding's "Provisions engaged" line stays with the text under it, as its heading does.
    provisions.paragraph_property = provisions.paragraph_property.keep_next(true);
    vec![
        paragraph("Small", "Small").size(18).color(MUTED),
        provisions,
        labelled,
        spaced(
            paragraph("Detail", "Detail").size(18).color(MUTED).indent(
                Some(LABEL_INDENT),
                None,
                None,
                None,
            ),
            40,
        ),
        spaced(
            paragraph("ListParagraph", "List Paragraph").indent(Some(1134), None, None, None),
            60,
        ),
        paragraph("NumberedPara", "Numbered Paragraph"),
        paragraph("Code", "Code")
            .fonts(RunFonts::new().ascii("DejaVu Sans Mono"))
            .size(18),
    ]
}

/// Table text, captions and the contents' entries (TOC1..TOC3, the ids Word's TOC field uses).
fn tables() -> Vec<Style> {
    let toc = |level: usize| {
        let s = paragraph(&format!("TOC{level}"), &format!("toc {level}")).indent(
            Some(567 * (level as i32 - 1)),
            None,
            None,
            None,
        );
        let s = spaced(s, 20);
        if level == 1 { s.bold() } else { s }
    };
    vec![
        spaced(paragraph("TableText", "Table Text").size(18), 0),
        paragraph("Caption", "caption").bold().size(18),
        paragraph("TOCHeading", "TOC Heading")
            .bold()
            .size(30)
            .color(ACCENT)
            .fonts(sans()),
        toc(1),
        toc(2),
        toc(3),
    ]
}

/// `styles.xml` with each `<w:style>` of `reference` in place of ours with the same
/// `w:styleId` (the others of the reference added at the end), and the reference's document
/// defaults (`<w:docDefaults>`) in place of ours when it has them.
pub fn merge(ours: &str, reference: &str) -> String {
    let theirs = elements(reference);
    let mut used = vec![false; theirs.len()];
    let mut out = String::with_capacity(ours.len() + reference.len());
    let mut at = 0;
    for e in elements(ours) {
        let found = theirs.iter().position(|t| t.name == e.name && t.id == e.id);
        if let Some(k) = found {
            out.push_str(&ours[at..e.start]);
            out.push_str(&reference[theirs[k].start..theirs[k].end]);
            used[k] = true;
            at = e.end;
        }
    }
    let rest = &ours[at..];
    let close = rest.rfind("</w:styles>").unwrap_or(rest.len());
    out.push_str(&rest[..close]);
    for (t, u) in theirs.iter().zip(&used) {
        if !u && t.name == "w:style" {
            out.push_str(&reference[t.start..t.end]);
        }
    }
    out.push_str(&rest[close..]);
    with_namespaces(&out, reference)
}

/// `ours` with the namespaces its root element lacks declared as in `reference`'s root (a style
/// copied from Word may use `w14:` or later vocabularies), and the prefixes `reference` lets a
/// reader ignore (`mc:Ignorable`) added to its own.
fn with_namespaces(ours: &str, reference: &str) -> String {
    let root = |xml: &str| -> Option<(usize, usize)> {
        let start = xml.find("<w:styles")?;
        Some((start, start + xml[start..].find('>')?))
    };
    let (Some((os, oe)), Some((rs, re))) = (root(ours), root(reference)) else {
        return ours.to_string();
    };
    let (own, theirs) = (&ours[os..oe], &reference[rs..re]);
    let attrs = |tag: &str| -> Vec<(String, String)> {
        let xml = format!("{}>", tag.trim_end_matches('/'));
        let mut reader = quick_xml::Reader::from_str(&xml);
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e)) => e
                .attributes()
                .flatten()
                .map(|a| {
                    let k = String::from_utf8_lossy(a.key.as_ref()).into_owned();
                    (k, String::from_utf8_lossy(&a.value).into_owned())
                })
                .collect(),
            _ => vec![],
        }
    };
    let mine = attrs(own);
    let mut tag = own.trim_end_matches('/').to_string();
    let mut ignorable: Vec<String> = mine
        .iter()
        .find(|(k, _)| k == "mc:Ignorable")
        .map(|(_, v)| v.split_whitespace().map(String::from).collect())
        .unwrap_or_default();
    for (k, v) in attrs(theirs) {
        if k.starts_with("xmlns:") && !mine.iter().any(|(m, _)| *m == k) {
            tag.push_str(&format!(" {k}=\"{v}\""));
        }
        if k == "mc:Ignorable" {
            for p in v.split_whitespace() {
                if !ignorable.iter().any(|i| i == p) {
                    ignorable.push(p.to_string());
                }
            }
        }
    }
    if !ignorable.is_empty() && mine.iter().any(|(k, _)| k == "xmlns:mc") {
        let value = format!("mc:Ignorable=\"{}\"", ignorable.join(" "));
        tag = match tag.find("mc:Ignorable=\"") {
            Some(at) => {
                let end = at + 14 + tag[at + 14..].find('"').unwrap_or(0) + 1;
                format!("{}{value}{}", &tag[..at], &tag[end..])
            }
            None => format!("{tag} {value}"),
        };
    }
    format!("{}{tag}{}", &ours[..os], &ours[oe..])
}

/// A top-level element of a styles part: a style (with its id) or the document defaults.
struct Element {
    name: String,
    id: String,
    start: usize,
    end: usize,
}

/// The `<w:style>` and `<w:docDefaults>` elements of a styles part, with their byte ranges.
fn elements(xml: &str) -> Vec<Element> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = vec![];
    let mut open: Option<Element> = None;
    let mut depth = 0usize;
    loop {
        let before = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        let after = reader.buffer_position() as usize;
        match event {
            Event::Start(e) if open.is_none() => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if name == "w:style" || name == "w:docDefaults" {
                    let id = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == b"w:styleId")
                        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                        .unwrap_or_default();
                    open = Some(Element {
                        name,
                        id,
                        start: before,
                        end: after,
                    });
                    depth = 1;
                }
            }
            Event::Start(_) if open.is_some() => depth += 1,
            Event::End(_) if open.is_some() => {
                depth -= 1;
                if depth == 0 {
                    let mut e = open.take().expect("an open element");
                    e.end = after;
                    out.push(e);
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const OURS: &str = r#"<?xml version="1.0"?><w:styles xmlns:w="x"><w:docDefaults><w:rPrDefault/></w:docDefaults><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="Heading 1"/><w:rPr><w:b/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Testimony"><w:name w:val="Testimony"/></w:style></w:styles>"#;

    #[test]
    fn a_reference_style_replaces_ours_by_id_and_others_are_added() {
        let reference = r#"<w:styles xmlns:w="x"><w:style w:type="paragraph" w:styleId="Testimony"><w:name w:val="Testimony"/><w:rPr><w:color w:val="FF0000"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="House"><w:name w:val="House"/></w:style></w:styles>"#;
        let merged = merge(OURS, reference);
        assert!(merged.contains(r#"<w:color w:val="FF0000"/>"#), "{merged}");
        assert_eq!(merged.matches(r#"w:styleId="Testimony""#).count(), 1);
        assert!(merged.contains(r#"w:styleId="Heading1""#));
        assert!(merged.contains(r#"w:styleId="House""#));
        assert!(merged.ends_with("</w:styles>"));
        // Our document defaults stay when the reference has none.
        assert!(merged.contains("<w:rPrDefault/>"));
    }

    #[test]
    fn the_reference_namespaces_are_declared_and_ignorable() {
        let ours = r#"<w:styles xmlns:mc="m" xmlns:w="x" mc:Ignorable="w14"><w:style w:styleId="A"/></w:styles>"#;
        let reference = r#"<w:styles xmlns:mc="m" xmlns:w="x" xmlns:w16se="y" mc:Ignorable="w14 w16se"><w:style w:styleId="B"><w16se:x/></w:style></w:styles>"#;
        let merged = merge(ours, reference);
        assert!(
            merged.starts_with(
                r#"<w:styles xmlns:mc="m" xmlns:w="x" mc:Ignorable="w14 w16se" xmlns:w16se="y">"#
            ),
            "{merged}"
        );
    }

    #[test]
    fn the_reference_document_defaults_replace_ours() {
        let reference =
            r#"<w:styles xmlns:w="x"><w:docDefaults><w:pPrDefault/></w:docDefaults></w:styles>"#;
        let merged = merge(OURS, reference);
        assert!(merged.contains("<w:pPrDefault/>") && !merged.contains("<w:rPrDefault/>"));
    }
}
