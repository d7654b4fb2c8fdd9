//! What the reader of an artifact gets, as text, for the leak audit: the audit reads what a
//! person can see or follow, not the bytes the renderer wrote.
//!
//! - **PDF** ([`crate::protect::pdf_text`]: objects read in place by
//!   [`crate::protect::pdf_objects`], or by lopdf for a file of another shape; page content read as
//!   it is scanned by [`crate::protect::pdf_content`]): the text of every page, decoded through each font's
//!   ToUnicode map, including form XObjects; and every other string of the file (document information,
//!   outline, link targets, annotations) and the XMP metadata.
//! - **HTML** (parsed with html5ever through scraper): the visible text, with inline elements
//!   joined (`Mama<em>tov</em>` reads `Mamatov`) and blocks, cells and line breaks separated;
//!   the attributes a reader sees or follows (`alt`, `title`, `aria-label`, `placeholder`,
//!   `value`, link targets, `<meta content>`); and CSS generated content (`content:` strings
//!   with their escapes decoded, and the attributes `attr()` shows), read with cssparser from
//!   style sheets and `style` attributes.
//! - **Word** (parsed with quick-xml): the text of every XML part, runs joined within a
//!   paragraph, and link targets, image descriptions and titles.
//! - **JSON**: every string value, escapes decoded.
//! - **Markdown** (parsed with pulldown-cmark): the text as rendered, inline pieces joined
//!   (`Zhuma*baev*` reads `Zhumabaev`, escapes decoded) and blocks separated, with link and image
//!   targets and titles; then the source as it is.
//! - Anything else (CSV, Typst source): the text as it is.
//!
//! Where a PDF line moves the pen inside a text object, the reading has a `*`, which the
//! matcher takes as a soft boundary (a name may start there, and is not cut by it).

use crate::model::raw::Format;

/// The text of an artifact in this format as its reader gets it (see the module documentation).
pub fn reader_text(format: Format, bytes: &[u8]) -> String {
    match format {
        Format::Pdf => pdf_text(bytes),
        Format::Html => html_text(&lossy(bytes)),
        Format::Docx => docx_text(bytes),
        Format::Json => json_text(bytes),
        Format::Md => markdown_text(&lossy(bytes)),
        Format::Csv | Format::Typst | Format::Text => lossy(bytes).into_owned(),
    }
}

/// The bytes as text, invalid sequences replaced (as [`String::from_utf8_lossy`] does); valid
/// UTF-8, what rapporteur writes, is borrowed after the standard library's quicker check.
pub(crate) fn lossy(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

// ------------------------------------------------------------------------------------------ PDF

/// The page text and every other string of a PDF (see [`crate::protect::pdf_text`]).
pub use crate::protect::pdf_text::pdf_text;

// ----------------------------------------------------------------------------------------- HTML

/// A set of element names, as a test of one name: a `match` on the names (no search through a
/// list for each element of a large page).
macro_rules! names {
    ($(#[$doc:meta])* $is:ident = [$($n:literal),* $(,)?]) => {
        $(#[$doc])*
        pub(crate) fn $is(name: &str) -> bool {
            matches!(name, $($n)|*)
        }
    };
}
pub(crate) use names;

names!(
    /// Elements whose text runs on with its neighbours (everything else is a block).
    is_inline = [
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark",
        "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
        "font", "del", "ins", "label", "output",
    ]
);

/// Attributes a reader sees or follows.
const SHOWN: &[&str] = &[
    "alt",
    "title",
    "aria-label",
    "placeholder",
    "value",
    "label",
];

/// The visible text of an HTML page, the attributes a reader sees or follows, and the CSS
/// generated content (see the module documentation).
pub fn html_text(html: &str) -> String {
    // A page whose structure is plain is read from its tokens, without building its tree: the
    // same text (see `html_tokens`). CSS that shows attributes needs the tree's second pass.
    if let Some((mut out, css)) = crate::protect::html_tokens::read(html) {
        let mut attrs = vec![];
        out.push('\n');
        css_content(&css, &mut out, &mut attrs);
        if attrs.is_empty() {
            return out;
        }
    }
    tree_text(html)
}

/// [`html_text`] read from the page's tree, as html5ever builds it: any page.
pub(crate) fn tree_text(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let mut out = String::with_capacity(html.len() / 2);
    let mut css = String::new();
    node_text(doc.tree.root(), &mut out, &mut css);
    let mut attrs = vec![];
    out.push('\n');
    css_content(&css, &mut out, &mut attrs);
    if !attrs.is_empty() {
        for n in doc.tree.root().descendants() {
            if let scraper::Node::Element(e) = n.value() {
                for a in &attrs {
                    if let Some(v) = e.attr(a) {
                        out.push('\n');
                        out.push_str(v);
                    }
                }
            }
        }
    }
    out
}

fn node_text(node: ego_tree::NodeRef<scraper::Node>, out: &mut String, css: &mut String) {
    match node.value() {
        scraper::Node::Text(t) => out.push_str(t),
        scraper::Node::Element(e) => {
            let name = e.name();
            if name == "style" {
                for c in node.children() {
                    if let scraper::Node::Text(t) = c.value() {
                        css.push_str(t);
                        css.push('\n');
                    }
                }
                return;
            }
            if name == "script" || name == "template" {
                return;
            }
            let sep = open_element(name, |a| e.attr(a), out, css);
            for c in node.children() {
                node_text(c, out, css);
            }
            out.extend(sep);
        }
        _ => {
            for c in node.children() {
                node_text(c, out, css);
            }
        }
    }
}

/// What the reading of an element (not `style`, `script` nor `template`) puts before its
/// content: a separator if it is a block, the attributes a reader sees or follows, its `style`
/// attribute (to `css`). Returns the separator that goes after its content, if it is a block.
/// Both readings of a page (its tree, or its tokens in [`crate::protect::html_tokens`]) go
/// through here.
pub(crate) fn open_element<'a>(
    name: &str,
    attr: impl Fn(&str) -> Option<&'a str>,
    out: &mut String,
    css: &mut String,
) -> Option<char> {
    if let Some(s) = attr("style") {
        css.push_str("x{");
        css.push_str(s);
        css.push_str("}\n");
    }
    let block = !is_inline(name);
    let sep = match name {
        "td" | "th" => '\t',
        _ => '\n',
    };
    if block {
        out.push(sep);
    }
    for a in SHOWN {
        if let Some(v) = attr(a) {
            out.push('\n');
            out.push_str(v);
            out.push('\n');
        }
    }
    // Link targets (not `#anchor`s: they are ids, which are never published).
    if matches!(name, "a" | "area")
        && let Some(h) = attr("href").filter(|h| !h.starts_with('#'))
    {
        out.push_str(" \n");
        out.push_str(h);
        out.push_str("\n ");
    }
    if name == "meta"
        && let Some(c) = attr("content")
    {
        out.push('\n');
        out.push_str(c);
        out.push('\n');
    }
    if name == "br" {
        out.push('\n');
    }
    block.then_some(sep)
}

/// The strings of CSS `content:` declarations (escapes decoded), and the attribute names
/// `attr()` shows.
fn css_content(css: &str, out: &mut String, attrs: &mut Vec<String>) {
    let mut parser = cssparser::Parser::new(css);
    css_block(&mut parser, out, attrs);
}

fn css_block(p: &mut cssparser::Parser, out: &mut String, attrs: &mut Vec<String>) {
    let mut in_content = false;
    let mut last_ident_content = false;
    while let Ok(tok) = p.next_including_whitespace_and_comments() {
        let tok = tok.clone();
        match &tok {
            cssparser::Token::Ident(i) => {
                last_ident_content = i.eq_ignore_ascii_case("content");
            }
            cssparser::Token::Colon if last_ident_content => {
                in_content = true;
                last_ident_content = false;
            }
            cssparser::Token::Semicolon => {
                in_content = false;
                out.push('\n');
            }
            cssparser::Token::QuotedString(s) if in_content => out.push_str(s),
            cssparser::Token::Function(f) if in_content && f.eq_ignore_ascii_case("attr") => {
                let _ = p.parse_nested_block(|p| -> Result<(), cssparser::ParseError<()>> {
                    if let Ok(i) = p.expect_ident() {
                        attrs.push(i.to_string());
                    }
                    Ok(())
                });
            }
            cssparser::Token::CurlyBracketBlock
            | cssparser::Token::Function(_)
            | cssparser::Token::ParenthesisBlock
            | cssparser::Token::SquareBracketBlock => {
                let _ = p.parse_nested_block(|p| -> Result<(), cssparser::ParseError<()>> {
                    css_block(p, out, attrs);
                    Ok(())
                });
                if matches!(tok, cssparser::Token::CurlyBracketBlock) {
                    in_content = false;
                    out.push('\n');
                }
            }
            cssparser::Token::WhiteSpace(_) | cssparser::Token::Comment(_) => {}
            _ => last_ident_content = false,
        }
    }
}

// ----------------------------------------------------------------------------------------- Word

/// The text of every XML part of a Word file.
pub fn docx_text(bytes: &[u8]) -> String {
    let mut out = String::new();
    let Ok(mut z) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return String::from_utf8_lossy(bytes).into_owned();
    };
    for i in 0..z.len() {
        let Ok(mut f) = z.by_index(i) else { continue };
        let mut xml = String::new();
        if std::io::Read::read_to_string(&mut f, &mut xml).is_ok() {
            out.push_str(&xml_text(&xml));
            out.push('\n');
        }
    }
    out
}

/// Elements of WordprocessingML that end a block of text; in other vocabularies (document
/// properties, relationships) every element does.
const WORD_BLOCKS: &[&str] = &["p", "tc", "tr", "br", "tab", "cr", "footnote", "endnote"];

/// Attributes of Office XML that a reader sees or follows.
const XML_SHOWN: &[&str] = &["Target", "descr", "title", "w:val"];

/// The text of one XML part: character data joined within Word paragraphs, link targets and
/// image descriptions.
pub fn xml_text(xml: &str) -> String {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::with_capacity(xml.len() / 3);
    let ends_block = |name: &[u8]| {
        let name = String::from_utf8_lossy(name);
        match name.split_once(':') {
            Some(("w", local)) => WORD_BLOCKS.contains(&local),
            _ => true,
        }
    };
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                if ends_block(e.name().as_ref()) {
                    out.push('\n');
                }
                for a in e.attributes().flatten() {
                    let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
                    // Style names and switches are `w:val` too: only text-like values count.
                    let shown = XML_SHOWN.contains(&key.as_str())
                        && (key != "w:val" || e.name().as_ref() == b"w:instrText");
                    if shown
                        && let Ok(v) = a.decoded_and_normalized_value(
                            quick_xml::XmlVersion::Implicit1_0,
                            reader.decoder(),
                        )
                    {
                        out.push('\n');
                        out.push_str(&v);
                        out.push('\n');
                    }
                }
            }
            Ok(Event::End(e)) if ends_block(e.name().as_ref()) => out.push('\n'),
            Ok(Event::Text(t)) => {
                if let Ok(s) = t.decode() {
                    out.push_str(&quick_xml::escape::unescape(&s).unwrap_or(s.clone()));
                }
            }
            Ok(Event::CData(t)) => out.push_str(&String::from_utf8_lossy(&t)),
            Ok(Event::GeneralRef(r)) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    out.push(c);
                } else if let Ok(name) = r.decode() {
                    let s = format!("&{name};");
                    out.push_str(&quick_xml::escape::unescape(&s).unwrap_or(s.clone().into()));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

// ------------------------------------------------------------------------------------- Markdown

/// Markdown as its reader sees it rendered (see the module documentation), then its source.
fn markdown_text(md: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut out = String::with_capacity(md.len() * 2);
    let mut targets = String::new();
    for event in Parser::new_ext(md, Options::all()) {
        match event {
            Event::Text(t)
            | Event::Code(t)
            | Event::InlineHtml(t)
            | Event::Html(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t)
            | Event::FootnoteReference(t) => out.push_str(&t),
            Event::Start(Tag::Link {
                dest_url, title, ..
            })
            | Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                for t in [dest_url, title] {
                    targets.push_str(&t);
                    targets.push('\n');
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::Rule => out.push('\n'),
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough)
            | Event::End(TagEnd::Link | TagEnd::Image) => {}
            Event::End(_) => out.push('\n'),
            _ => {}
        }
    }
    out.push('\n');
    out.push_str(&targets);
    out.push_str(md);
    out
}

// ----------------------------------------------------------------------------------------- JSON

/// Every string value of a JSON document, one per line, except ids (`id`, `ids`, `..._id`).
fn json_text(bytes: &[u8]) -> String {
    fn walk(v: &serde_json::Value, out: &mut String) {
        match v {
            serde_json::Value::String(s) => {
                out.push_str(s);
                out.push('\n');
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            serde_json::Value::Object(o) => o
                .iter()
                .filter(|(k, _)| !(k.as_str() == "id" || k.ends_with("_id") || k.ends_with("ids")))
                .for_each(|(_, v)| walk(v, out)),
            serde_json::Value::Number(n) => {
                out.push_str(&n.to_string());
                out.push('\n');
            }
            _ => {}
        }
    }
    match serde_json::from_slice::<serde_json::Value>(bytes) {
        Ok(v) => {
            let mut out = String::new();
            walk(&v, &mut out);
            out
        }
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_reading_joins_emphasis_and_keeps_link_targets() {
        let t = markdown_text("Mr Mama*tov* \\#1 [here](https://x.org/Sadykova \"Aigul\")\n");
        assert!(t.contains("Mr Mamatov #1 here"), "{t}");
        assert!(t.contains("https://x.org/Sadykova"), "{t}");
        assert!(t.contains("Aigul"), "{t}");
    }

    #[test]
    fn html_reading_joins_inline_and_reads_css_content() {
        let t = html_text(
            "<html><head><title>T</title><style>p::after{content:\"Zhu\\6D abaev\"} b::before{content: attr(data-n)}</style></head>\
             <body><p>Mama<em>tov</em> &amp; Co</p><table><tr><td>555</td><td>123456</td></tr></table>\
             <img src=\"a/bakyt.png\" alt=\"Aziz\"><b data-n=\"Hidden\">x</b><script>var s='Q';</script></body></html>",
        );
        assert!(t.contains("Mamatov & Co"), "{t}");
        assert!(t.contains("Zhumabaev"), "{t}");
        assert!(t.contains("Aziz") && t.contains("Hidden"), "{t}");
        assert!(!t.contains("bakyt") && !t.contains("'Q'"), "{t}");
        assert!(t.contains("555\t\t123456"), "{t}");
    }

    #[test]
    fn word_reading_joins_runs_and_reads_link_targets() {
        let xml = "<w:document><w:body><w:p><w:r><w:rPr><w:i/></w:rPr><w:t>Zhuma</w:t></w:r><w:r><w:t xml:space=\"preserve\">baev &amp; co</w:t></w:r></w:p><w:p><w:r><w:t>next</w:t></w:r></w:p></w:body></w:document>";
        let t = xml_text(xml);
        assert!(t.contains("Zhumabaev & co\n"), "{t:?}");
        let rels = "<Relationships><Relationship Id=\"r1\" Target=\"https://x.org/Zhumabaev\"/></Relationships>";
        assert!(xml_text(rels).contains("https://x.org/Zhumabaev"));
    }
}
