//! The one pulldown-cmark entry point. Every Markdown body and `text` field is parsed with
//! [`options`] and a broken-link callback that turns `[@id, locator]` into a citation link, so
//! the checker and the renderers see the same references:
//!
//! - `[[ICCPR art. 9]]` and `[[#finding-id]]`: wiki links (provision or cross-reference);
//! - `![[t-id]]`, `![[stats:interviews]]`: wiki images (embed);
//! - `[@doc-id, p. 3]`: a shortcut reference without a definition (citation);
//! - `[^n]`: footnotes.

use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// The URL prefix a `[@...]` citation gets from the broken-link callback.
pub const CITE_SCHEME: &str = "rapporteur-cite:";

pub fn options() -> Options {
    Options::ENABLE_WIKILINKS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
}

/// Whether a link's address is one the outputs keep as a link: a web or mail address.
pub fn web_address(url: &str) -> bool {
    let u = url.trim().to_lowercase();
    u.starts_with("http://") || u.starts_with("https://") || u.starts_with("mailto:")
}

/// The Markdown links (`[text](target)`) whose target is not a web or mail address: a relative
/// file or a `#fragment`. Each with its byte range and target.
pub fn local_links(text: &str) -> Vec<(Range<usize>, String)> {
    parser(text)
        .filter_map(|(ev, range)| local_link(&ev).map(|target| (range, target)))
        .collect()
}

/// The target of a link that is not a web or mail address, if `ev` starts one.
fn local_link(ev: &Event) -> Option<String> {
    match ev {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            ..
        }) if !matches!(link_type, LinkType::WikiLink { .. })
            && !dest_url.starts_with(CITE_SCHEME)
            && !web_address(dest_url) =>
        {
            Some(dest_url.to_string())
        }
        _ => None,
    }
}

/// [`scan`] and [`local_links`] of a text, in one pass over its events.
pub fn scan_with_links(text: &str) -> (Vec<InlineRef>, Vec<(Range<usize>, String)>) {
    // Every reference, link and footnote is written with a bracket. A text without one, and
    // without the angle brackets and ampersands of HTML, autolinks and character references
    // (kept out to be safe), has none: most testimonies are not parsed.
    if memchr::memchr3(b'[', b'<', b'&', text.as_bytes()).is_none() {
        return (vec![], vec![]);
    }
    parsed_with_links(text)
}

/// [`scan_with_links`], always by parsing the text.
fn parsed_with_links(text: &str) -> (Vec<InlineRef>, Vec<(Range<usize>, String)>) {
    let mut scan = Scan::of(text);
    let mut links = vec![];
    for (ev, range) in parser(text) {
        if let Some(target) = local_link(&ev) {
            links.push((range.clone(), target));
        }
        scan.event(&ev, range);
    }
    (scan.finish(), links)
}

/// Parses `text` with the project's options; `[@...]` references become links to `rapporteur-cite:...`.
pub fn parser(text: &str) -> impl Iterator<Item = (Event<'_>, Range<usize>)> {
    let callback = |link: BrokenLink<'_>| {
        let r = link.reference.trim();
        if r.starts_with('@') && link.link_type == LinkType::Shortcut {
            Some((
                CowStr::from(format!("{CITE_SCHEME}{}", &r[1..])),
                CowStr::from(""),
            ))
        } else {
            None
        }
    };
    Parser::new_with_broken_link_callback(text, options(), Some(callback)).into_offset_iter()
}

/// What a reference in author text points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefKind {
    /// `[[ICCPR art. 9]]`
    Provision,
    /// `[[#id]]`
    CrossRef,
    /// `[@id, locator]`; `locator` is what follows the comma ("p. 3").
    Cite { locator: Option<String> },
    /// `![[t-id]]`; `alone` when it is the only thing in its paragraph.
    Embed { alone: bool },
    /// `![[stats:name]]`
    Stats { alone: bool },
    /// `[^label]` used; `defined` says whether a definition exists.
    FootnoteRef { defined: bool },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineRef {
    pub kind: RefKind,
    /// The id, citation or footnote label.
    pub target: String,
    /// Byte range in the text.
    pub range: Range<usize>,
}

/// Splits `@id, locator` (without the `@`) into id and locator.
pub fn split_cite(reference: &str) -> (String, Option<String>) {
    let r = reference.trim();
    match r.find([',', ' ', ';']) {
        Some(i) => {
            let loc = r[i..].trim_start_matches([',', ';']).trim();
            (
                r[..i].to_string(),
                (!loc.is_empty()).then(|| loc.to_string()),
            )
        }
        None => (r.to_string(), None),
    }
}

/// Every reference in `text`, in order.
pub fn scan(text: &str) -> Vec<InlineRef> {
    let mut scan = Scan::of(text);
    for (ev, range) in parser(text) {
        scan.event(&ev, range);
    }
    scan.finish()
}

/// One pass over a text's events: the references found so far and what deciding the rest needs.
#[derive(Default)]
struct Scan {
    refs: Vec<InlineRef>,
    /// The labels of the footnotes defined in the text.
    defined: std::collections::HashSet<String>,
    /// Inside a paragraph: the index in `refs` where its references start.
    paragraph: Option<usize>,
    /// Events in the paragraph other than an embed (an embed alone in its paragraph has none).
    items: usize,
    in_image: bool,
    /// The text outside images, where a reference to an undefined footnote stays plain text.
    texts: Vec<(Range<usize>, String)>,
    /// Whether the text can hold such a reference: its events' text can show a `^` only if
    /// the source has one, or an entity (`&Hat;`, `&#94;`), so a text with neither has none.
    caret: bool,
}

impl Scan {
    /// Ready to read the events of `text`.
    fn of(text: &str) -> Self {
        Scan {
            caret: memchr::memchr2(b'^', b'&', text.as_bytes()).is_some(),
            ..Scan::default()
        }
    }

    fn event(&mut self, ev: &Event, range: Range<usize>) {
        match ev {
            Event::Start(Tag::Paragraph) => {
                self.paragraph = Some(self.refs.len());
                self.items = 0;
            }
            Event::End(TagEnd::Paragraph) => self.end_paragraph(),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                self.items += 1;
                self.link(*link_type, dest_url, range);
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                ..
            }) => {
                self.in_image = true;
                self.image(*link_type, dest_url, range);
            }
            Event::End(TagEnd::Image) => self.in_image = false,
            Event::FootnoteReference(label) => {
                self.items += 1;
                self.push(
                    RefKind::FootnoteRef { defined: true },
                    label.to_string(),
                    range,
                );
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.defined.insert(label.to_string());
            }
            Event::Text(t) => {
                if !self.in_image {
                    if !t.trim().is_empty() {
                        self.items += 1;
                    }
                    if self.caret {
                        self.texts.push((range, t.to_string()));
                    }
                }
            }
            Event::End(TagEnd::Link) => {}
            _ => self.items += 1,
        }
    }

    fn push(&mut self, kind: RefKind, target: String, range: Range<usize>) {
        self.refs.push(InlineRef {
            kind,
            target,
            range,
        });
    }

    /// An embed or figures is `alone` when it is the paragraph's only reference and only item.
    fn end_paragraph(&mut self) {
        let Some(start) = self.paragraph.take() else {
            return;
        };
        let alone = self.items == 0 && self.refs.len() == start + 1;
        if let Some(r) = self.refs.get_mut(start) {
            match &mut r.kind {
                RefKind::Embed { alone: a } | RefKind::Stats { alone: a } => *a = alone,
                _ => {}
            }
        }
    }

    /// `[[...]]` is a provision or, with `#`, a cross-reference; `[@...]` a citation.
    fn link(&mut self, link_type: LinkType, dest_url: &str, range: Range<usize>) {
        if matches!(link_type, LinkType::WikiLink { .. }) {
            let t = dest_url.trim();
            let (kind, target) = match t.strip_prefix('#') {
                Some(id) => (RefKind::CrossRef, id.trim().to_string()),
                None => (RefKind::Provision, t.to_string()),
            };
            self.push(kind, target, range);
        } else if let Some(r) = dest_url.strip_prefix(CITE_SCHEME) {
            let (id, locator) = split_cite(r);
            self.push(RefKind::Cite { locator }, id, range);
        }
    }

    /// `![[...]]` embeds a testimony or, with `stats:`, figures; another image is an item.
    fn image(&mut self, link_type: LinkType, dest_url: &str, range: Range<usize>) {
        if matches!(link_type, LinkType::WikiLink { .. }) {
            let t = dest_url.trim();
            let (kind, target) = match t.strip_prefix("stats:") {
                Some(name) => (RefKind::Stats { alone: false }, name.trim().to_string()),
                None => (RefKind::Embed { alone: false }, t.to_string()),
            };
            self.push(kind, target, range);
        } else {
            self.items += 1;
        }
    }

    /// The references in text order, footnotes marked defined or not, those to undefined
    /// footnotes (plain text to pulldown-cmark) found in the text.
    fn finish(mut self) -> Vec<InlineRef> {
        for r in &mut self.refs {
            if let RefKind::FootnoteRef { defined: d } = &mut r.kind {
                *d = self.defined.contains(&r.target);
            }
        }
        let mut out = self.refs;
        out.extend(undefined_footnotes(merge_adjacent(self.texts)));
        out.sort_by_key(|r| r.range.start);
        out
    }
}

/// The `[^label]` written in plain text: a reference to a footnote that is not defined.
fn undefined_footnotes(texts: Vec<(Range<usize>, String)>) -> Vec<InlineRef> {
    let mut out = vec![];
    for (range, t) in texts {
        let mut from = 0;
        while let Some(i) = t[from..].find("[^") {
            let start = from + i;
            if let Some(len) = t[start + 2..].find(']') {
                let label = &t[start + 2..start + 2 + len];
                if !label.is_empty() && !label.contains(char::is_whitespace) {
                    let abs = range.start + start;
                    out.push(InlineRef {
                        kind: RefKind::FootnoteRef { defined: false },
                        target: label.to_string(),
                        range: abs..abs + len + 3,
                    });
                }
            }
            from = start + 2;
        }
    }
    out
}

/// Joins text events that follow each other without a gap (pulldown-cmark splits at brackets).
fn merge_adjacent(texts: Vec<(Range<usize>, String)>) -> Vec<(Range<usize>, String)> {
    let mut out: Vec<(Range<usize>, String)> = vec![];
    for (r, t) in texts {
        if let Some((pr, pt)) = out.last_mut()
            && pr.end == r.start
            && pt.len() == pr.end - pr.start
        {
            pr.end = r.end;
            pt.push_str(&t);
            continue;
        }
        out.push((r, t));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_without_brackets_angles_or_ampersands_has_no_references_or_links_as_parsed() {
        // What could look like a reference, a link or a footnote without the three characters.
        let pieces = [
            "see",
            "notes.md",
            "./a/b.md",
            "#top",
            "(notes.md)",
            "](x.md)",
            "]: x.md",
            "^1]",
            "^note",
            "@k-2019",
            "art. 9",
            "!",
            "]",
            "]]",
            "www.example.org/a.md",
            "http://example.org",
            "mailto:a@b.org",
            "a@b.org",
            "|",
            "| a | b |\n|---|---|\n",
            "`code]`",
            "*",
            "_",
            "~~",
            "\\",
            "\n",
            "\n\n",
            "    indented.md\n",
            "> ",
            "- ",
            "1. ",
            "# ",
            "---\n",
            "Ж",
            "\u{2060}",
        ];
        let mut seed = 7u64;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..12 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
                text.push(' ');
            }
            assert!(!text.contains(['[', '<', '&']));
            assert_eq!(parsed_with_links(&text), (vec![], vec![]), "{text:?}");
            assert_eq!(scan_with_links(&text), (vec![], vec![]));
        }
        // With any of them, the text is parsed.
        for text in ["[[ICCPR art. 9]]", "a [^1] b", "[a](b.md)"] {
            assert_ne!(scan_with_links(text), (vec![], vec![]), "{text:?}");
        }
    }

    #[test]
    fn finds_every_kind_of_reference() {
        let text = "See [[ICCPR art. 9]] and [[#reg]] [@doc, p. 3].\n\n![[t-a]]\n\nInline ![[t-b]] here [^n] [^zz].\n\n![[stats:interviews]]\n\n[^n]: note\n";
        let refs = scan(text);
        let kinds: Vec<(RefKind, &str)> = refs
            .iter()
            .map(|r| (r.kind.clone(), r.target.as_str()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (RefKind::Provision, "ICCPR art. 9"),
                (RefKind::CrossRef, "reg"),
                (
                    RefKind::Cite {
                        locator: Some("p. 3".into())
                    },
                    "doc"
                ),
                (RefKind::Embed { alone: true }, "t-a"),
                (RefKind::Embed { alone: false }, "t-b"),
                (RefKind::FootnoteRef { defined: true }, "n"),
                (RefKind::FootnoteRef { defined: false }, "zz"),
                (RefKind::Stats { alone: true }, "interviews"),
            ]
        );
        assert_eq!(&text[refs[0].range.clone()], "[[ICCPR art. 9]]");
        assert_eq!(&text[refs[6].range.clone()], "[^zz]");
    }

    #[test]
    fn ignores_references_in_code() {
        assert!(scan("`[[ICCPR]]` and\n\n    [@x]\n").is_empty());
    }
}
