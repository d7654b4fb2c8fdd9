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
        .filter_map(|(ev, range)| match ev {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if !matches!(link_type, LinkType::WikiLink { .. })
                && !dest_url.starts_with(CITE_SCHEME)
                && !web_address(&dest_url) =>
            {
                Some((range, dest_url.to_string()))
            }
            _ => None,
        })
        .collect()
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
    let mut out: Vec<InlineRef> = vec![];
    let mut defined = std::collections::HashSet::new();
    let mut in_para: Option<usize> = None; // index into `out` where the current paragraph's refs start
    let mut para_items = 0usize; // events in the paragraph other than the embed itself
    let mut in_image = false;
    let mut texts: Vec<(Range<usize>, String)> = vec![];
    for (ev, range) in parser(text) {
        match &ev {
            Event::Start(Tag::Paragraph) => {
                in_para = Some(out.len());
                para_items = 0;
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some(start) = in_para.take() {
                    let alone = para_items == 0 && out.len() == start + 1;
                    if let Some(r) = out.get_mut(start) {
                        match &mut r.kind {
                            RefKind::Embed { alone: a } | RefKind::Stats { alone: a } => *a = alone,
                            _ => {}
                        }
                    }
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                para_items += 1;
                if matches!(link_type, LinkType::WikiLink { .. }) {
                    let t = dest_url.trim();
                    let (kind, target) = match t.strip_prefix('#') {
                        Some(id) => (RefKind::CrossRef, id.trim().to_string()),
                        None => (RefKind::Provision, t.to_string()),
                    };
                    out.push(InlineRef {
                        kind,
                        target,
                        range: range.clone(),
                    });
                } else if let Some(r) = dest_url.strip_prefix(CITE_SCHEME) {
                    let (id, locator) = split_cite(r);
                    out.push(InlineRef {
                        kind: RefKind::Cite { locator },
                        target: id,
                        range: range.clone(),
                    });
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                ..
            }) => {
                in_image = true;
                if matches!(link_type, LinkType::WikiLink { .. }) {
                    let t = dest_url.trim();
                    let (kind, target) = match t.strip_prefix("stats:") {
                        Some(name) => (RefKind::Stats { alone: false }, name.trim().to_string()),
                        None => (RefKind::Embed { alone: false }, t.to_string()),
                    };
                    out.push(InlineRef {
                        kind,
                        target,
                        range: range.clone(),
                    });
                } else {
                    para_items += 1;
                }
            }
            Event::End(TagEnd::Image) => in_image = false,
            Event::FootnoteReference(label) => {
                para_items += 1;
                out.push(InlineRef {
                    kind: RefKind::FootnoteRef { defined: true },
                    target: label.to_string(),
                    range: range.clone(),
                });
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                defined.insert(label.to_string());
            }
            Event::Text(t) => {
                if !in_image {
                    if !t.trim().is_empty() {
                        para_items += 1;
                    }
                    texts.push((range.clone(), t.to_string()));
                }
            }
            Event::End(TagEnd::Link) => {}
            _ => para_items += 1,
        }
    }
    for r in &mut out {
        if let RefKind::FootnoteRef { defined: d } = &mut r.kind {
            *d = defined.contains(&r.target);
        }
    }
    // A reference to an undefined footnote stays plain text: find `[^label]` there.
    for (range, t) in merge_adjacent(texts) {
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
    out.sort_by_key(|r| r.range.start);
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
