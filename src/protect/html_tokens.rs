//! An HTML page's reading ([`crate::protect::reading::html_text`]) from html5ever's tokens alone,
//! without building its tree, for a page whose structure is plain: a page built from its tree
//! would be the tokens nested as they come. That is what the pages rapporteur writes look like,
//! and reading a large one's tokens is several times cheaper (in time and memory) than building
//! its tree first.
//!
//! The tokens are html5ever's own (the tokenizer the tree builder reads; raw text and RCDATA
//! switched on as the tree builder switches them), and each element is read by the same function
//! as in the tree (`reading::open_element`). Where the tree builder would do
//! anything but nest the next token inside the open elements (close a paragraph or a list item
//! it was not told to close, move text out of a table, reopen misnested formatting, drop an end
//! tag, read a document without a standard doctype in quirks mode, parse foreign content,
//! scripts or templates, ...), the tokens are not enough: `read` gives up and the page is read
//! from its tree. The rules below admit only a part of what the tree builder nests plainly, so a
//! reading that does not give up is the tree's reading (a test compares them on generated and
//! golden pages).

use crate::protect::reading::{names, open_element};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Doctype, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::borrow::Cow;
use std::cell::RefCell;

/// The page's visible text and the CSS to read (style sheets and `style` attributes) as the
/// tree's reading collects them, or `None` when the page's structure is not plain (see the
/// module documentation).
pub(crate) fn read(html: &str) -> Option<(String, String)> {
    match scan(html) {
        Scanned::Plain(r) => Some((r.out, r.css)),
        Scanned::NotPlain => None,
        Scanned::Unsure => read_tokens(html),
    }
}

/// [`read`] from html5ever's tokenizer: any page's tokens.
fn read_tokens(html: &str) -> Option<(String, String)> {
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let queue = BufferQueue::default();
    // The page in one piece, as the tree's reading gives it to the same tokenizer.
    queue.push_back(StrTendril::from_slice(html));
    loop {
        match tokenizer.feed(&queue) {
            html5ever::TokenizerResult::Done => break,
            // The sink stops the tokenizer this way when it gives up.
            html5ever::TokenizerResult::Script(()) => return None,
            html5ever::TokenizerResult::EncodingIndicator(_) => {}
        }
    }
    tokenizer.end();
    let r = std::mem::take(&mut *tokenizer.sink.reading.borrow_mut());
    (r.done && !r.failed).then_some((r.out, r.css))
}

/// Where the page is, in the tree builder's terms (its insertion modes, those a plain page goes
/// through).
#[derive(Default, Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    #[default]
    Initial,
    BeforeHtml,
    BeforeHead,
    InHead,
    AfterHead,
    InBody,
    AfterBody,
    AfterAfterBody,
}

/// An open element: its name and the separator its reading puts after its content.
struct Open<'h> {
    name: Cow<'h, str>,
    sep: Option<char>,
}

/// The reading of a page's tokens, whoever cuts them (html5ever's tokenizer or [`scan`]).
#[derive(Default)]
struct Reading<'h> {
    out: String,
    css: String,
    mode: Mode,
    open: Vec<Open<'h>>,
    /// A line break right after `<pre>` is dropped (as the tree builder drops it).
    ignore_lf: bool,
    /// Whether the open `style` element has text (its text is one node, followed by a line).
    style_text: bool,
    failed: bool,
    done: bool,
}

/// How the tokenizer reads on after a token: as data, or as the raw text of the element just
/// opened (up to its end tag), with character references (`title`) or without (`style`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Next {
    Data,
    Rcdata,
    Rawtext,
}

/// `None` when the tree builder would not nest the token where it comes.
type Step = Option<Next>;
const GO: Step = Some(Next::Data);

#[derive(Default)]
struct Sink {
    reading: RefCell<Reading<'static>>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut r = self.reading.borrow_mut();
        // The tokenizer can be stopped at a tag only (it takes `Script` as a pause to run a
        // script): a reading that gave up lets the tokens until then go by.
        let tag = matches!(token, Token::TagToken(_));
        if r.failed {
            return stop(tag);
        }
        // Every token ends the tree builder's wait for a line break after `<pre>`.
        let ignore_lf = std::mem::take(&mut r.ignore_lf);
        let step = match token {
            Token::ParseError(_) | Token::CommentToken(_) => GO,
            Token::DoctypeToken(d) => r.doctype(plain_doctype(&d)),
            Token::CharacterTokens(t) => r.text(&t, ignore_lf),
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => {
                    let attr = |a: &str| {
                        tag.attrs
                            .iter()
                            .find(|x| x.name.ns == html5ever::ns!() && &*x.name.local == a)
                            .map(|x| &*x.value)
                    };
                    r.start(Cow::Owned(tag.name.to_string()), attr)
                }
                TagKind::EndTag => r.end(&tag.name),
            },
            Token::NullCharacterToken => None,
            Token::EOFToken => r.eof(),
        };
        match step {
            Some(Next::Data) => TokenSinkResult::Continue,
            Some(Next::Rcdata) => TokenSinkResult::RawData(RawKind::Rcdata),
            Some(Next::Rawtext) => TokenSinkResult::RawData(RawKind::Rawtext),
            None => {
                r.failed = true;
                stop(tag)
            }
        }
    }
}

/// What the sink answers once it gave up: stop at a tag, go on otherwise.
fn stop(tag: bool) -> TokenSinkResult<()> {
    match tag {
        true => TokenSinkResult::Script(()),
        false => TokenSinkResult::Continue,
    }
}

/// `<!DOCTYPE html>`: no quirks.
fn plain_doctype(d: &Doctype) -> bool {
    d.name.as_deref() == Some("html")
        && d.public_id.is_none()
        && d.system_id.is_none()
        && !d.force_quirks
}

names!(
    /// Elements without content.
    is_void = ["br", "hr", "img", "wbr", "meta", "link", "base"]
);

names!(
    /// Elements of the body the tree builder nests where they come (inside their table parts
    /// for those), when no paragraph is open for the ones that close it.
    is_body = [
        "address", "article", "aside", "blockquote", "div", "dl", "dd", "dt", "figcaption",
        "figure", "footer", "header", "hgroup", "main", "nav", "ol", "ul", "li", "p", "section",
        "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "hr", "meta", "link", "title", "style",
    ]
);

names!(
    /// Elements that do not close an open paragraph.
    is_phrasing = [
        "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "i",
        "img", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
        "time", "u", "var", "wbr",
    ]
);

names!(is_heading = ["h1", "h2", "h3", "h4", "h5", "h6"]);

names!(
    /// The parts of a table in which text and elements other than the next part are moved out
    /// (foster parenting).
    is_table_part = ["table", "thead", "tbody", "tfoot", "tr"]
);

fn is_space(t: &str) -> bool {
    t.bytes()
        .all(|b| matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' '))
}

impl<'h> Reading<'h> {
    fn top(&self) -> Option<&str> {
        self.open.last().map(|o| &*o.name)
    }

    /// Whether an open element is one of these.
    fn has(&self, names: impl Fn(&str) -> bool) -> bool {
        self.open.iter().any(|o| names(&o.name))
    }

    fn doctype(&mut self, plain: bool) -> Step {
        if self.mode != Mode::Initial || !plain {
            return None;
        }
        self.mode = Mode::BeforeHtml;
        GO
    }

    fn text(&mut self, t: &str, ignore_lf: bool) -> Step {
        let t = match ignore_lf {
            true => t.strip_prefix('\n').unwrap_or(t),
            false => t,
        };
        if t.is_empty() {
            return GO;
        }
        match self.top() {
            Some("style") => {
                self.css.push_str(t);
                self.style_text = true;
                return GO;
            }
            Some("title") => {
                self.out.push_str(t);
                return GO;
            }
            _ => {}
        }
        let space = is_space(t);
        let kept = match self.mode {
            // White space before the head is dropped; any other text there makes elements up.
            Mode::Initial | Mode::BeforeHtml | Mode::BeforeHead => {
                return if space { GO } else { None };
            }
            Mode::InBody => space || !self.top().is_some_and(is_table_part),
            _ => space,
        };
        if !kept {
            return None;
        }
        self.out.push_str(t);
        GO
    }

    /// A start tag, its attributes looked up by name.
    fn start<'a>(&mut self, name: Cow<'h, str>, attr: impl Fn(&str) -> Option<&'a str>) -> Step {
        let allowed = match self.mode {
            Mode::BeforeHtml => name == "html",
            Mode::BeforeHead => name == "head",
            Mode::InHead => matches!(&*name, "meta" | "link" | "base" | "title" | "style"),
            Mode::AfterHead => name == "body",
            Mode::InBody => self.body_allows(&name),
            _ => false,
        };
        if !allowed {
            return None;
        }
        match &*name {
            "html" => self.mode = Mode::BeforeHead,
            "head" => self.mode = Mode::InHead,
            "body" => self.mode = Mode::InBody,
            _ => {}
        }
        if name == "style" {
            // Its text is style sheet, not page text; its attributes are not read.
            self.open.push(Open { name, sep: None });
            self.style_text = false;
            return Some(Next::Rawtext);
        }
        let sep = open_element(&name, attr, &mut self.out, &mut self.css);
        if is_void(&name) {
            self.out.extend(sep);
            return GO;
        }
        self.ignore_lf = name == "pre";
        let next = match &*name {
            "title" => Next::Rcdata,
            _ => Next::Data,
        };
        self.open.push(Open { name, sep });
        Some(next)
    }

    /// Whether the tree builder, in the body, nests this start tag inside the open elements.
    fn body_allows(&self, name: &str) -> bool {
        let top = self.top().unwrap_or_default();
        if is_table_part(top) {
            return match top {
                "table" => matches!(name, "thead" | "tbody" | "tfoot" | "caption"),
                "tr" => matches!(name, "td" | "th"),
                _ => name == "tr",
            };
        }
        if self.has(|n| n == "p") && !is_phrasing(name) {
            return false;
        }
        match name {
            "li" => matches!(top, "ul" | "ol"),
            "dd" | "dt" => top == "dl",
            "a" => !self.has(|n| n == "a"),
            "table" => !self.has(|n| matches!(n, "table" | "caption")),
            n if is_heading(n) => !self.has(is_heading),
            n => is_body(n) || is_phrasing(n),
        }
    }

    fn end(&mut self, name: &str) -> Step {
        let top = self.top().unwrap_or_default();
        match (self.mode, name) {
            (Mode::InBody, "body") if top == "body" => self.mode = Mode::AfterBody,
            (Mode::AfterBody, "html") => self.mode = Mode::AfterAfterBody,
            (Mode::InHead | Mode::InBody, _) if top == name && !matches!(name, "html" | "body") => {
                self.close();
                if name == "head" {
                    self.mode = Mode::AfterHead;
                }
            }
            _ => return None,
        }
        GO
    }

    fn close(&mut self) {
        if let Some(o) = self.open.pop() {
            match &*o.name {
                "style" if self.style_text => self.css.push('\n'),
                "style" => {}
                _ => self.out.extend(o.sep),
            }
        }
    }

    fn eof(&mut self) -> Step {
        if !matches!(
            self.mode,
            Mode::InBody | Mode::AfterBody | Mode::AfterAfterBody
        ) {
            return None;
        }
        while !self.open.is_empty() {
            self.close();
        }
        self.done = true;
        GO
    }
}

// ------------------------------------------------------------------------------ the scanner

/// What [`scan`] made of a page.
enum Scanned<'h> {
    /// Read: its tokens are plain, and cut exactly as html5ever's tokenizer cuts them.
    Plain(Reading<'h>),
    /// Its tokens, cut exactly, are not plain: the page is read from its tree.
    NotPlain,
    /// It has something the scanner does not cut (a character reference other than the few
    /// below, a carriage return, an unquoted attribute value, ...): html5ever's tokenizer cuts it.
    Unsure,
}

/// Cuts a page into tokens the way html5ever's tokenizer does, for the tokens the pages
/// rapporteur writes are made of (elements with quoted attributes, text with the character
/// references of HTML escaping, comments, `<!DOCTYPE html>`), and reads them: several times
/// faster than the tokenizer, which handles every input. Anything else is [`Scanned::Unsure`].
fn scan(html: &str) -> Scanned<'_> {
    // The text is never longer than the page (character references are longer than what they
    // stand for): room for it all at once, where a growing string copies it at each doubling.
    let mut r = Reading {
        out: String::with_capacity(html.len()),
        ..Reading::default()
    };
    let b = html.as_bytes();
    let mut at = 0;
    let mut attrs: Vec<(&str, Cow<str>)> = vec![];
    // The tokenizer drops a byte order mark.
    if html.starts_with('\u{feff}') {
        return Scanned::Unsure;
    }
    while at < b.len() {
        let ignore_lf = std::mem::take(&mut r.ignore_lf);
        let step = if b[at] != b'<' {
            let end = memchr::memchr(b'<', &b[at..]).map_or(b.len(), |k| at + k);
            let Some(text) = decode(&html[at..end]) else {
                return Scanned::Unsure;
            };
            at = end;
            r.text(&text, ignore_lf)
        } else {
            let Some((step, next)) = markup(html, at, &mut r, &mut attrs) else {
                return Scanned::Unsure;
            };
            at = next;
            step
        };
        match step {
            None => return Scanned::NotPlain,
            Some(Next::Data) => {}
            Some(raw) => {
                // The element just opened, read up to its end tag.
                let name = r.top().unwrap_or_default().to_string();
                let Some((end, next)) = raw_end(b, at, &name) else {
                    return Scanned::Unsure;
                };
                let content = &html[at..end];
                let text = match raw {
                    Next::Rcdata => decode(content),
                    _ => (!content.contains(['\0', '\r'])).then_some(Cow::Borrowed(content)),
                };
                let Some(text) = text else {
                    return Scanned::Unsure;
                };
                if !text.is_empty() && r.text(&text, false).is_none() {
                    return Scanned::NotPlain;
                }
                r.ignore_lf = false;
                if r.end(&name).is_none() {
                    return Scanned::NotPlain;
                }
                at = next;
            }
        }
    }
    match r.eof() {
        Some(_) => Scanned::Plain(r),
        None => Scanned::NotPlain,
    }
}

/// The token at `<` (`html[at]`), read: a comment, the doctype, an end tag or a start tag. Gives
/// the reading's step and where the next token starts, or `None` if the scanner does not cut it.
fn markup<'h>(
    html: &'h str,
    at: usize,
    r: &mut Reading<'h>,
    attrs: &mut Vec<(&'h str, Cow<'h, str>)>,
) -> Option<(Step, usize)> {
    let b = html.as_bytes();
    let rest = &b[at..];
    if rest.starts_with(b"<!--") {
        let body = &html[at + 4..];
        let end = body.find("-->")?;
        // `<!-->`, `<!--->` and `--!>` end a comment early.
        if body.starts_with('>') || body.starts_with("->") || body[..end].contains("--!") {
            return None;
        }
        return Some((GO, at + 4 + end + 3));
    }
    if rest.starts_with(b"<!") {
        let doctype = b"<!doctype html>";
        let plain =
            rest.len() >= doctype.len() && rest[..doctype.len()].eq_ignore_ascii_case(doctype);
        return plain.then(|| (r.doctype(true), at + doctype.len()));
    }
    if rest.starts_with(b"</") {
        let n = name_len(&rest[2..])?;
        if rest.get(2 + n) != Some(&b'>') {
            return None;
        }
        return Some((r.end(&html[at + 2..at + 2 + n]), at + 3 + n));
    }
    let n = name_len(&rest[1..])?;
    let name = &html[at + 1..at + 1 + n];
    let mut p = at + 1 + n;
    attrs.clear();
    loop {
        let ws = b[p..]
            .iter()
            .take_while(|c| matches!(c, b'\t' | b'\n' | b'\x0C' | b' '))
            .count();
        p += ws;
        match *b.get(p)? {
            b'>' => break,
            b'/' if b.get(p + 1) == Some(&b'>') => {
                p += 1;
                break;
            }
            _ if ws == 0 => return None,
            _ => {}
        }
        let (attr, value, next) = attribute(html, p)?;
        if attrs.iter().any(|(a, _)| *a == attr) {
            return None;
        }
        attrs.push((attr, value));
        p = next;
    }
    let look = |a: &str| attrs.iter().find(|(x, _)| *x == a).map(|(_, v)| &**v);
    Some((r.start(Cow::Borrowed(name), look), p + 1))
}

/// The length of a tag name in lower case at the start of `b` (a letter, then letters and
/// digits), followed by white space, `/` or `>`; `None` for anything else.
fn name_len(b: &[u8]) -> Option<usize> {
    if !b.first()?.is_ascii_lowercase() {
        return None;
    }
    let n = b
        .iter()
        .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        .count();
    matches!(b.get(n)?, b'\t' | b'\n' | b'\x0C' | b' ' | b'/' | b'>').then_some(n)
}

/// An attribute at `p`: `name`, or `name="value"` (or in single quotes), its value decoded,
/// followed by white space, `/` or `>`; and where it ends.
fn attribute(html: &str, p: usize) -> Option<(&str, Cow<'_, str>, usize)> {
    let b = html.as_bytes();
    let n = b[p..]
        .iter()
        .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || b"-_:.".contains(c))
        .count();
    if n == 0 {
        return None;
    }
    let name = &html[p..p + n];
    let mut q = p + n;
    let value = if b.get(q) == Some(&b'=') {
        let quote = *b.get(q + 1)?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let len = memchr::memchr(quote, &b[q + 2..])?;
        let v = decode(&html[q + 2..q + 2 + len])?;
        q += 2 + len + 1;
        v
    } else {
        Cow::Borrowed("")
    };
    matches!(b.get(q)?, b'\t' | b'\n' | b'\x0C' | b' ' | b'/' | b'>').then_some((name, value, q))
}

/// Where the raw text of the element `name` ends (its end tag `</name>`, in any case) and where
/// the token after that end tag starts; `None` if an end tag of that name has anything more.
fn raw_end(b: &[u8], from: usize, name: &str) -> Option<(usize, usize)> {
    let mut at = from;
    loop {
        let k = at + memchr::memmem::find(&b[at..], b"</")?;
        let after = &b[k + 2..];
        if after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            match after.get(name.len()) {
                Some(b'>') => return Some((k, k + 2 + name.len() + 1)),
                Some(b'\t' | b'\n' | b'\x0C' | b' ' | b'/') | None => return None,
                _ => {}
            }
        }
        at = k + 2;
    }
}

/// Text or an attribute value with its character references decoded, as the tokenizer decodes
/// them: `None` for a reference other than those HTML escaping writes (`&amp;`, `&lt;`, `&gt;`,
/// `&quot;`, `&apos;`, `&nbsp;`, and numbers of characters that are not controls), and for a
/// carriage return or a NUL (which the tokenizer rewrites).
fn decode(s: &str) -> Option<Cow<'_, str>> {
    let b = s.as_bytes();
    if memchr::memchr3(b'&', b'\r', b'\0', b).is_none() {
        return Some(Cow::Borrowed(s));
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(k) = memchr::memchr3(b'&', b'\r', b'\0', rest.as_bytes()) {
        out.push_str(&rest[..k]);
        if rest.as_bytes()[k] != b'&' {
            return None;
        }
        let after = &rest[k + 1..];
        match after.as_bytes().first() {
            Some(c) if c.is_ascii_alphanumeric() || *c == b'#' => {
                let (ch, len) = reference(after)?;
                out.push(ch);
                rest = &after[len..];
            }
            // A lone `&` is text.
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Some(Cow::Owned(out))
}

/// A character reference after its `&`: the character and the reference's length.
fn reference(s: &str) -> Option<(char, usize)> {
    const NAMED: &[(&str, char)] = &[
        ("amp;", '&'),
        ("lt;", '<'),
        ("gt;", '>'),
        ("quot;", '"'),
        ("apos;", '\''),
        ("nbsp;", '\u{a0}'),
    ];
    if let Some((name, c)) = NAMED.iter().find(|(n, _)| s.starts_with(n)) {
        return Some((*c, name.len()));
    }
    let digits = s.strip_prefix('#')?;
    let (radix, digits, skip) = match digits.strip_prefix(['x', 'X']) {
        Some(hex) => (16, hex, 2),
        None => (10, digits, 1),
    };
    let n = digits
        .bytes()
        .take_while(|c| (*c as char).is_digit(radix))
        .count();
    if n == 0 || n > 6 || digits.as_bytes().get(n) != Some(&b';') {
        return None;
    }
    let code = u32::from_str_radix(&digits[..n], radix).ok()?;
    let plain = matches!(code, 0x09 | 0x0A | 0x0C | 0x20..=0x7E | 0xA0..=0xD7FF | 0xE000..=0x10FFFF)
        && !(0xFDD0..=0xFDEF).contains(&code)
        && code & 0xFFFE != 0xFFFE;
    Some((char::from_u32(code).filter(|_| plain)?, skip + n + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protect::reading::{html_text, tree_text};

    /// Whether the page was read from its tokens; either way, its reading is the tree's.
    fn read_as_the_tree(html: &str) -> bool {
        assert_eq!(html_text(html), tree_text(html), "page: {html:?}");
        read(html).is_some()
    }

    fn page(body: &str) -> String {
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>T &amp; Mama</title>\n<style>p::after {{ content: \"Zhu\\6D\" }}</style>\n</head>\n<body class=\"x\">\n{body}\n</body>\n</html>\n"
        )
    }

    #[test]
    fn a_plain_page_is_read_from_its_tokens_as_from_its_tree() {
        let plain = [
            "<p>Mama<em>tov</em> &amp; <a href=\"https://x.org/Sadykova\" title=\"Aigul\">co</a></p>",
            "<pre>\nkept line</pre><pre>\n\nline</pre><pre><code>\nx</code></pre>",
            "<table><caption>C</caption><thead><tr><th scope=\"col\">a</th></tr></thead>\n<tbody>\n<tr><td>555</td><td>123<br>456</td></tr>\n</tbody></table>",
            "<ul><li>a<ul><li>b</li></ul></li></ul><ol start=\"3\"><li>c</li></ol><dl><dt>x</dt><dd>y</dd></dl>",
            "<h2><span class=\"hnum\">1.</span> T</h2><figure><blockquote><p>q</p></blockquote><figcaption>— A<sup><a href=\"#n\" aria-label=\"Note 1\">1</a></sup></figcaption></figure>",
            "<img src=\"bakyt.png\" alt=\"Aziz\"><hr><div style=\"content: 'x'\">y</div><!-- Sadykova -->",
            "<p>a</p>   \t<p><span>b<span>c</span></span></p><meta content=\"Zhumabaev\">",
        ];
        for body in plain {
            assert!(read_as_the_tree(&page(body)), "{body}");
        }
        // White space after the body goes into it; comments anywhere are not read.
        let tail =
            "<!DOCTYPE html><!--a--><html><head></head> <body>x</body> <!--b-->\n</html>\n\n";
        assert!(read_as_the_tree(tail));
    }

    #[test]
    fn a_page_the_tree_builder_rearranges_is_read_from_its_tree() {
        let rearranged = [
            "<p>a<div>b</div>c</p>",
            "<p>a<p>b",
            "<ul><li>a<li>b</ul>",
            "<table>Sady<tr><td>kova</td></tr></table>",
            "<table><tr><td>a</td></tr></table>",
            "<p>Mama<em>t</p>ov</em>",
            "<a href=\"x\">a<a href=\"y\">b</a></a>",
            "<b>x<i>y</b>z</i>",
            "<h2>a<h3>b</h3></h2>",
            "</br>x",
            "<pre>\n</pre>x</div>",
            "<script>var s='Q';</script>",
            "<template>Aigul</template>",
            "<svg><title>Aigul</title></svg>",
            "<textarea>\nAigul</textarea>",
            "<noscript>Aigul</noscript>",
            "x\0y",
            "<body title=\"Aigul\">",
            "<td>a</td>",
            "<form><input value=\"Aigul\"></form>",
        ];
        for body in rearranged {
            assert!(!read_as_the_tree(&page(body)), "{body}");
        }
        let others = [
            "<html><body><p>no doctype</p></body></html>",
            "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\"><html><head></head><body><table><p>x</table></body></html>",
            "<!DOCTYPE html><html><head></head>Aigul<body></body></html>",
            "<!DOCTYPE html>Aigul<html><head></head><body></body></html>",
            "<!DOCTYPE html><html><head><p>x</p></head><body></body></html>",
            "<!DOCTYPE html><html><head></head><body></body>Aigul</html>",
            "<!DOCTYPE html><html><head></head><body></body></html><p>Aigul</p>",
            "<!DOCTYPE html><p>x",
            "",
        ];
        for html in others {
            assert!(!read_as_the_tree(html), "{html}");
        }
    }

    #[test]
    fn the_pages_rapporteur_writes_are_read_from_their_tokens() {
        let mut pages = vec![];
        let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
        for e in walkdir::WalkDir::new(golden).sort_by_file_name() {
            let e = e.expect("golden folder");
            if e.path().extension().is_some_and(|x| x == "html") {
                pages.push(e.into_path());
            }
        }
        assert!(pages.len() > 10);
        for p in pages {
            let html = std::fs::read_to_string(&p).expect("golden page");
            assert!(read_as_the_tree(&html), "{}", p.display());
            // And by the scanner.
            assert!(matches!(scan(&html), Scanned::Plain(_)), "{}", p.display());
        }
    }

    const TAGS: &str = "p div em strong a span ul li ol table tbody tr td th thead h2 h3 pre code br img hr dl dt dd section figure figcaption blockquote sup b i caption style title meta del font nobr button select option textarea";

    /// Text, character references (those the pages use and others), comments and tags written
    /// in other ways than the pages write them.
    const TEXT: &[&str] = &[
        "Mama",
        "tov",
        " ",
        "\n",
        "\t",
        "&amp;",
        "&lt;b&gt;",
        "Sady kova",
        "x\ny",
        "&#65;",
        "&quot;&#39;&#x2F;&nbsp;&apos;",
        "& b",
        "&ampx",
        "&AMP;",
        "&#128;",
        "&#0;",
        "&#x110000;",
        "&#xFFFF;",
        "&#9;&#13;",
        "a<3",
        "\r\n",
        "<!-- c -->",
        "<!---->",
        "<!--->",
        "<!-- a --!> b -->",
        "<br/>",
        "<hr />",
        "<P>",
        "<span class='y'>",
        "<span class=z>",
        "<span title=\"a&amp;b\" title=\"c\">",
        "<span title=\"a\"id=\"b\">",
        "<span hidden>",
        "</span >",
        "<!doctype html>",
        "\u{feff}",
        "<![CDATA[x]]>",
        "</style>",
        "<title>a&amp;b</title>",
        "<style>p{content:\"</b>\"}</style>",
    ];

    /// Pages of random elements and text, nested, then a few tokens moved, dropped or repeated.
    fn random_page(seed: u64) -> String {
        let mut x = seed;
        let mut next = |n: usize| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) as usize % n
        };
        let mut tokens: Vec<String> = vec![];
        let mut open: Vec<&str> = vec![];
        for _ in 0..40 {
            match next(4) {
                0 if !open.is_empty() => tokens.push(format!("</{}>", open.pop().unwrap_or("p"))),
                1 | 2 => {
                    // Mostly what fits where it comes, sometimes anything.
                    let fits: &[&str] = match open.last().copied().unwrap_or_default() {
                        "table" => &["tbody", "thead", "caption"],
                        "tbody" | "thead" => &["tr"],
                        "tr" => &["td", "th"],
                        "ul" | "ol" => &["li"],
                        "dl" => &["dt", "dd"],
                        _ if open.contains(&"p") => &["em", "a", "span", "br", "sup", "code"],
                        _ => &[
                            "p", "div", "em", "span", "ul", "table", "h2", "pre", "dl", "a",
                        ],
                    };
                    let t = match next(60) {
                        0 => {
                            let tags: Vec<&str> = TAGS.split(' ').collect();
                            tags[next(tags.len())]
                        }
                        _ => fits[next(fits.len())],
                    };
                    let attrs = match next(3) {
                        0 => " title=\"Aigul\"",
                        1 => " href=\"https://x.org/Bakyt\" style=\"color:red\"",
                        _ => "",
                    };
                    tokens.push(format!("<{t}{attrs}>"));
                    if !matches!(t, "br" | "img" | "hr" | "meta") {
                        open.push(t);
                    }
                }
                _ => {
                    // Mostly text as the pages write it, sometimes anything.
                    let t = match next(12) {
                        0 => TEXT[next(TEXT.len())],
                        _ => TEXT[next(10)],
                    };
                    let in_table = open.last().is_some_and(|o| is_table_part(o));
                    tokens.push(if in_table && next(8) > 0 { " " } else { t }.to_string());
                }
            }
        }
        while let Some(t) = open.pop() {
            tokens.push(format!("</{t}>"));
        }
        for _ in 0..next(3).saturating_sub(1) {
            let (i, j) = (next(tokens.len()), next(tokens.len()));
            match next(3) {
                0 => tokens.swap(i, j),
                1 => drop(tokens.remove(i)),
                _ => tokens.insert(i, tokens[j].clone()),
            }
        }
        page(&tokens.concat())
    }

    #[test]
    fn random_pages_read_from_their_tokens_read_as_from_their_tree() {
        // Read by the scanner, by the tokenizer after the scanner, from the tree after the
        // scanner, from the tree after the tokenizer.
        let mut ways = [0; 4];
        for seed in 0..3000 {
            let html = random_page(seed);
            assert_eq!(html_text(&html), tree_text(&html), "page: {html:?}");
            let tokens = read_tokens(&html);
            let way = match scan(&html) {
                Scanned::Plain(r) => {
                    assert_eq!(Some((r.out, r.css)), tokens, "page: {html:?}");
                    0
                }
                Scanned::Unsure if tokens.is_some() => 1,
                Scanned::NotPlain => {
                    assert_eq!(tokens, None, "page: {html:?}");
                    2
                }
                Scanned::Unsure => 3,
            };
            ways[way] += 1;
        }
        assert!(ways.iter().all(|n| *n > 50), "{ways:?}");
    }
}
