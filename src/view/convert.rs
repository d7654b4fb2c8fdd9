//! Author Markdown to the neutral tree ([`super::ast`]), resolving every reference on the way.
//! Footnote definitions are collected in a first pass (pulldown-cmark delivers them where they
//! are written), then the tree is built in a second.

use super::ast::{Block, Inline};
use super::publication::Ctx;
use crate::model::resolved::{Report, Target};
use crate::parse::markdown::{CITE_SCHEME, parser, split_cite};
use pulldown_cmark::{Event, LinkType, Tag, TagEnd};
use std::collections::HashMap;

enum Kind {
    Root,
    Para,
    Heading(u8),
    Quote,
    List(Option<u64>),
    Item,
    Emph,
    Strong,
    Strike,
    Link(LinkKind),
    Image(ImageKind),
    Table,
    TableRow,
    TableCell,
    CodeBlock,
}

enum LinkKind {
    Provision(String),
    XRef(String),
    Cite(String),
    Url(String),
}

enum ImageKind {
    Embed(String),
    Stats(String),
    Plain,
}

struct Frame {
    kind: Kind,
    blocks: Vec<Block>,
    inlines: Vec<Inline>,
    items: Vec<Vec<Block>>,
    rows: Vec<Vec<Vec<Inline>>>,
    cells: Vec<Vec<Inline>>,
    text: String,
    pending: Option<Block>,
}

impl Frame {
    fn new(kind: Kind) -> Frame {
        Frame {
            kind,
            blocks: vec![],
            inlines: vec![],
            items: vec![],
            rows: vec![],
            cells: vec![],
            text: String::new(),
            pending: None,
        }
    }
    fn flush(&mut self) {
        let inl = std::mem::take(&mut self.inlines);
        if inl
            .iter()
            .any(|i| !matches!(i, Inline::Text(t) if t.trim().is_empty()))
        {
            self.blocks.push(Block::Para(trim_inlines(inl)));
        }
    }
}

fn trim_inlines(mut v: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Text(t)) = v.first_mut() {
        *t = t.trim_start().to_string();
    }
    if let Some(Inline::Text(t)) = v.last_mut() {
        *t = t.trim_end().to_string();
    }
    v.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
    v
}

impl Ctx<'_> {
    /// A Markdown link: a web or mail address stays a link; a fragment naming something the
    /// report labels (`[the detention section](#detention-expulsion)`) becomes a cross-reference
    /// with the author's words; any other target (a relative file, an unknown fragment) keeps its
    /// text and loses the link (`check` warns of it: `local-link`).
    fn link(&self, url: String, children: Vec<Inline>, out: &mut Vec<Inline>) {
        if safe_url(&url) {
            out.push(Inline::Link { url, children });
        } else if let Some(id) = url.trim().strip_prefix('#')
            && let Some((_, anchor)) = self.labels.get(id)
        {
            out.push(Inline::XRef {
                label: super::ast::plain(&children),
                anchor: anchor.clone(),
            });
        } else {
            out.extend(children);
        }
    }
}

/// The frame a tag opens.
fn kind_of(tag: Tag<'_>) -> Kind {
    match tag {
        Tag::Paragraph => Kind::Para,
        Tag::Heading { level, .. } => Kind::Heading(level as u8),
        Tag::BlockQuote(_) => Kind::Quote,
        Tag::List(start) => Kind::List(start),
        Tag::Item => Kind::Item,
        Tag::Emphasis => Kind::Emph,
        Tag::Strong => Kind::Strong,
        Tag::Strikethrough => Kind::Strike,
        Tag::CodeBlock(_) => Kind::CodeBlock,
        Tag::Table(_) => Kind::Table,
        Tag::TableHead | Tag::TableRow => Kind::TableRow,
        Tag::TableCell => Kind::TableCell,
        Tag::Link {
            link_type,
            dest_url,
            ..
        } => Kind::Link(if matches!(link_type, LinkType::WikiLink { .. }) {
            match dest_url.trim().strip_prefix('#') {
                Some(id) => LinkKind::XRef(id.trim().to_string()),
                None => LinkKind::Provision(dest_url.trim().to_string()),
            }
        } else if let Some(c) = dest_url.strip_prefix(CITE_SCHEME) {
            LinkKind::Cite(c.to_string())
        } else {
            LinkKind::Url(dest_url.to_string())
        }),
        Tag::Image {
            link_type,
            dest_url,
            ..
        } => Kind::Image(if matches!(link_type, LinkType::WikiLink { .. }) {
            match dest_url.trim().strip_prefix("stats:") {
                Some(s) => ImageKind::Stats(s.trim().to_string()),
                None => ImageKind::Embed(dest_url.trim().to_string()),
            }
        } else {
            ImageKind::Plain
        }),
        _ => Kind::Para,
    }
}

/// A text's events apart from its footnote definitions, and the definitions by label (the last
/// of a label wins), in one pass: pulldown-cmark delivers the definitions where they are written;
/// a definition's text is converted where its note is called, each time it is.
pub(super) type Notes<'a> = HashMap<String, Vec<Event<'a>>>;

pub(super) fn split_notes(markdown: &str) -> (Vec<Event<'_>>, Notes<'_>) {
    let mut defs: Notes = HashMap::new();
    let mut body: Vec<Event<'_>> = vec![];
    let mut current: Option<(String, Vec<Event<'_>>)> = None;
    let mut depth = 0;
    for (ev, _) in parser(markdown) {
        match (&ev, &mut current) {
            (Event::Start(Tag::FootnoteDefinition(label)), None) => {
                current = Some((label.to_string(), vec![]));
                depth = 0;
            }
            (Event::Start(Tag::FootnoteDefinition(_)), Some((_, evs))) => {
                depth += 1;
                evs.push(ev);
            }
            (Event::End(TagEnd::FootnoteDefinition), Some(_)) if depth == 0 => {
                let (label, evs) = current.take().unwrap();
                defs.insert(label, evs);
            }
            (_, Some((_, evs))) => {
                if matches!(ev, Event::End(TagEnd::FootnoteDefinition)) {
                    depth -= 1;
                }
                evs.push(ev);
            }
            (_, None) => body.push(ev),
        }
    }
    (body, defs)
}

/// What a tag brings of a testimony into the output whose text it is in, as the conversion
/// reads it: `[@id]` cites it (its attribution, in a note), `![[id]]` embeds it (its text, read in
/// turn). Used by the conversion and by [`super::carried`], so that the two cannot disagree.
pub(super) fn testimony_of(report: &Report, tag: &Tag<'_>) -> Option<(usize, Brought)> {
    let (id, brought) = match kind_of(tag.clone()) {
        Kind::Link(LinkKind::Cite(r)) => (split_cite(&r).0, Brought::Cited),
        Kind::Image(ImageKind::Embed(id)) => (id, Brought::Embedded),
        _ => return None,
    };
    match report.index.get(id.as_str()) {
        Some(Target::Testimony(i)) => Some((*i, brought)),
        _ => None,
    }
}

/// How a text brings a testimony: cited (its attribution) or embedded (its text too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Brought {
    Cited,
    Embedded,
}

/// Whether a URL may become a link (everything else is shown as text).
pub fn safe_url(url: &str) -> bool {
    crate::parse::markdown::web_address(url)
}

impl Ctx<'_> {
    /// Converts author Markdown into blocks; notes and authorities are recorded in the context.
    pub fn blocks(&mut self, markdown: &str) -> Vec<Block> {
        let (body, defs) = split_notes(markdown);
        let mut blocks = self.build(body, &defs);
        relative_levels(&mut blocks);
        super::typography::blocks(&self.report.locale.quotes, &mut blocks);
        blocks
    }

    fn build(&mut self, events: Vec<Event<'_>>, defs: &Notes<'_>) -> Vec<Block> {
        let mut stack = vec![Frame::new(Kind::Root)];
        for ev in events {
            self.event(ev, &mut stack, defs);
        }
        let mut root = stack.pop().unwrap();
        root.flush();
        root.blocks
    }

    /// One event of the body: opens or closes a frame, or adds to the innermost one.
    fn event(&mut self, ev: Event<'_>, stack: &mut Vec<Frame>, defs: &Notes<'_>) {
        let top = stack.last_mut().unwrap();
        match ev {
            Event::Start(tag) => {
                if let Some((i, _)) = testimony_of(self.report, &tag) {
                    self.testimonies
                        .insert(self.report.testimonies[i].id.clone());
                }
                let kind = kind_of(tag);
                if matches!(kind, Kind::Para) && matches!(top.kind, Kind::Item) {
                    top.flush();
                }
                stack.push(Frame::new(kind));
            }
            Event::End(_) => {
                let f = stack.pop().unwrap();
                let parent = stack.last_mut().unwrap();
                self.close(f, parent);
            }
            Event::Text(t) => match top.kind {
                Kind::CodeBlock => top.text.push_str(&t),
                _ => top.inlines.push(Inline::Text(t.to_string())),
            },
            Event::Code(t) => top.inlines.push(Inline::Code(t.to_string())),
            Event::Html(t) | Event::InlineHtml(t) => {
                let s = t.to_string();
                let s = if matches!(top.kind, Kind::Root | Kind::Quote | Kind::Item) {
                    s.trim_end_matches('\n').to_string()
                } else {
                    s
                };
                top.inlines.push(Inline::Text(s));
            }
            Event::SoftBreak => top.inlines.push(Inline::Text(" ".into())),
            Event::HardBreak => top.inlines.push(Inline::LineBreak),
            Event::Rule => {
                top.flush();
                top.blocks.push(Block::Rule);
            }
            Event::FootnoteReference(label) => {
                let content = match defs.get(label.as_ref()) {
                    // A note called from inside a note: its text joins the note, in parentheses.
                    Some(evs) if self.in_note > 0 => {
                        let inner = self.note_content(evs.clone(), defs);
                        let mut v = vec![Inline::Text(" (".into())];
                        v.extend(inner);
                        v.push(Inline::Text(")".into()));
                        top.inlines.extend(v);
                        return;
                    }
                    Some(evs) => self.note_content(evs.clone(), defs),
                    None => vec![Inline::Text(format!("[^{label}]"))],
                };
                let n = self.note(content);
                push_note(&mut stack.last_mut().unwrap().inlines, n);
            }
            Event::TaskListMarker(done) => top
                .inlines
                .push(Inline::Text(if done { "[x] " } else { "[ ] " }.into())),
            _ => {}
        }
    }

    /// A footnote definition's text, as one run of inlines.
    fn note_content(&mut self, evs: Vec<Event<'_>>, defs: &Notes<'_>) -> Vec<Inline> {
        self.in_note += 1;
        let blocks = self.build(evs, defs);
        self.in_note -= 1;
        flatten(blocks)
    }

    fn close(&mut self, mut f: Frame, parent: &mut Frame) {
        match f.kind {
            Kind::Root => {}
            Kind::Para => {
                let inl = trim_inlines(std::mem::take(&mut f.inlines));
                parent.flush();
                if !inl.is_empty() {
                    parent.blocks.push(Block::Para(inl));
                }
                if let Some(b) = f.pending {
                    parent.blocks.push(b);
                }
            }
            Kind::Heading(level) => {
                parent.flush();
                parent
                    .blocks
                    .push(Block::Heading(level, trim_inlines(f.inlines)));
            }
            Kind::Quote => {
                f.flush();
                parent.flush();
                parent.blocks.push(Block::Quote(f.blocks));
            }
            Kind::List(start) => {
                parent.flush();
                parent.blocks.push(Block::List {
                    start,
                    items: f.items,
                });
            }
            Kind::Item => {
                f.flush();
                parent.items.push(f.blocks);
            }
            Kind::Emph => parent.inlines.push(Inline::Emph(f.inlines)),
            Kind::Strong => parent.inlines.push(Inline::Strong(f.inlines)),
            Kind::Strike => parent.inlines.push(Inline::Strike(f.inlines)),
            Kind::CodeBlock => {
                parent.flush();
                parent.blocks.push(Block::Code(f.text));
            }
            Kind::TableCell => parent.cells.push(trim_inlines(f.inlines)),
            Kind::TableRow => parent.rows.push(f.cells),
            Kind::Table => {
                parent.flush();
                let mut rows = f.rows;
                let header = if rows.is_empty() {
                    vec![]
                } else {
                    rows.remove(0)
                };
                parent.blocks.push(Block::Table { header, rows });
            }
            Kind::Link(kind) => match kind {
                LinkKind::Provision(text) => {
                    let inl = self.provision_inline(&text);
                    parent.inlines.push(inl);
                }
                LinkKind::XRef(id) => {
                    let (label, anchor) = self.xref(&id);
                    parent.inlines.push(Inline::XRef { label, anchor });
                }
                LinkKind::Cite(r) => {
                    let (id, locator) = split_cite(&r);
                    if self.in_note > 0 {
                        self.cite_in_note(&id, locator.as_deref(), &mut parent.inlines);
                    } else {
                        let before = last_note(&parent.inlines);
                        match self.cite(&id, locator.as_deref(), before) {
                            Some(n) => push_note(&mut parent.inlines, n),
                            // Joined to the note before it: the space written between the two
                            // citations goes too ("complained¹.", not "complained¹ .").
                            None => trim_end_space(&mut parent.inlines),
                        }
                    }
                }
                LinkKind::Url(url) => self.link(url, f.inlines, &mut parent.inlines),
            },
            Kind::Image(kind) => match kind {
                ImageKind::Embed(id) => {
                    if let Some(b) = self.testimony_block(&id) {
                        parent.pending = Some(Block::Testimony(b));
                    }
                }
                ImageKind::Stats(name) => {
                    parent.pending = Some(self.stats_block(&name));
                }
                ImageKind::Plain => {
                    // Its alt text, emphasis and all (`![foo *bar*](x)` reads "foo bar").
                    let alt = super::ast::plain(&f.inlines);
                    if !alt.trim().is_empty() {
                        parent
                            .inlines
                            .push(Inline::Text(format!("[image: {}]", alt.trim())));
                    }
                }
            },
        }
    }
}

/// The note a run of inlines ends with (after spaces): a citation written next to it may join it.
fn last_note(inlines: &[Inline]) -> Option<usize> {
    inlines
        .iter()
        .rev()
        .find(|i| !matches!(i, Inline::Text(t) if t.trim().is_empty()))
        .and_then(|i| match i {
            Inline::Note(n) => Some(*n),
            _ => None,
        })
}

/// A footnote call sits against the word before it ("Kazakhstan¹", not "Kazakhstan ¹"): authors
/// write `text [@source]` with a space.
fn push_note(inlines: &mut Vec<Inline>, n: usize) {
    trim_end_space(inlines);
    inlines.push(Inline::Note(n));
}

/// Takes off the white space that ends a run of inlines.
fn trim_end_space(inlines: &mut Vec<Inline>) {
    while let Some(Inline::Text(t)) = inlines.last_mut() {
        let trimmed = t.trim_end().len();
        t.truncate(trimmed);
        if !t.is_empty() {
            break;
        }
        inlines.pop();
    }
}

/// Blocks as one run of inlines (footnote content): paragraphs joined with a space.
/// Author headings, renumbered from the text's own top: its shallowest heading becomes level 1 and
/// no heading goes more than one level below the one before it (`##`, `####` become 1, 2). The
/// writers place level 1 one level under the section that holds the text, so the document's
/// outline never skips a level (PDF/UA-1 and WCAG require consecutive heading levels).
fn relative_levels(blocks: &mut [Block]) {
    fn walk(blocks: &mut [Block], f: &mut dyn FnMut(&mut u8)) {
        for b in blocks {
            match b {
                Block::Heading(l, _) => f(l),
                Block::Quote(bs) => walk(bs, f),
                Block::List { items, .. } => {
                    for it in items {
                        walk(it, f);
                    }
                }
                _ => {}
            }
        }
    }
    let mut top = u8::MAX;
    walk(blocks, &mut |l| top = top.min(*l));
    if top == u8::MAX {
        return;
    }
    let mut prev = 0u8;
    walk(blocks, &mut |l| {
        let level = (*l - top + 1).min(prev + 1);
        *l = level;
        prev = level;
    });
}

pub fn flatten(blocks: Vec<Block>) -> Vec<Inline> {
    let mut out = vec![];
    for b in blocks {
        if !out.is_empty() {
            out.push(Inline::Text(" ".into()));
        }
        match b {
            Block::Para(i) | Block::Heading(_, i) => out.extend(i),
            Block::Quote(bs) => out.extend(flatten(bs)),
            Block::List { items, .. } => {
                for it in items {
                    out.extend(flatten(it));
                    out.push(Inline::Text("; ".into()));
                }
            }
            Block::Code(c) => out.push(Inline::Code(c)),
            _ => {}
        }
    }
    out
}
