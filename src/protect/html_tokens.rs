//! An HTML page's reading ([`crate::protect::reading::html_text`]) from html5ever's tokens alone,
//! without building its tree, for a page whose structure is plain: a page built from its tree
//! would be the tokens nested as they come. That is what the pages rapporteur writes look like,
//! and reading a large one's tokens is several times cheaper (in time and memory) than building
//! its tree first.
//!
//! The tokens are html5ever's own (the tokenizer the tree builder reads; raw text and RCDATA
//! switched on as the tree builder switches them), and each element is read by the same function
//! as in the tree ([`crate::protect::reading::open_element`]). Where the tree builder would do
//! anything but nest the next token inside the open elements (close a paragraph or a list item
//! it was not told to close, move text out of a table, reopen misnested formatting, drop an end
//! tag, read a document without a standard doctype in quirks mode, parse foreign content,
//! scripts or templates, ...), the tokens are not enough: [`read`] gives up and the page is read
//! from its tree. The rules below admit only a part of what the tree builder nests plainly, so a
//! reading that does not give up is the tree's reading (a test compares them on generated and
//! golden pages).

use crate::protect::reading::open_element;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Doctype, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

/// The page's visible text and the CSS to read (style sheets and `style` attributes) as the
/// tree's reading collects them, or `None` when the page's structure is not plain (see the
/// module documentation).
pub(crate) fn read(html: &str) -> Option<(String, String)> {
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
struct Open {
    name: html5ever::LocalName,
    sep: Option<char>,
}

#[derive(Default)]
struct Reading {
    out: String,
    css: String,
    mode: Mode,
    open: Vec<Open>,
    /// A line break right after `<pre>` is dropped (as the tree builder drops it).
    ignore_lf: bool,
    /// Whether the open `style` element has text (its text is one node, followed by a line).
    style_text: bool,
    failed: bool,
    done: bool,
}

#[derive(Default)]
struct Sink {
    reading: RefCell<Reading>,
}

type Step = Option<TokenSinkResult<()>>;
const GO: Step = Some(TokenSinkResult::Continue);

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
            Token::DoctypeToken(d) => r.doctype(&d),
            Token::CharacterTokens(t) => r.text(&t, ignore_lf),
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => r.start(&tag),
                TagKind::EndTag => r.end(&tag.name),
            },
            Token::NullCharacterToken => None,
            Token::EOFToken => r.eof(),
        };
        step.unwrap_or_else(|| {
            r.failed = true;
            stop(tag)
        })
    }
}

/// What the sink answers once it gave up: stop at a tag, go on otherwise.
fn stop(tag: bool) -> TokenSinkResult<()> {
    match tag {
        true => TokenSinkResult::Script(()),
        false => TokenSinkResult::Continue,
    }
}

/// Elements without content.
const VOID: &[&str] = &["br", "hr", "img", "wbr", "meta", "link", "base"];

/// Elements of the body the tree builder nests where they come (inside their table parts for
/// those), when no paragraph is open for the ones that close it.
const BODY: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "div",
    "dl",
    "dd",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "nav",
    "ol",
    "ul",
    "li",
    "p",
    "section",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "table",
    "hr",
    "meta",
    "link",
    "title",
    "style",
];

/// Elements that do not close an open paragraph.
const PHRASING: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "i", "img",
    "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
    "var", "wbr",
];

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// The parts of a table in which text and elements other than the next part are moved out
/// (foster parenting).
const TABLE_PARTS: &[&str] = &["table", "thead", "tbody", "tfoot", "tr"];

fn is_space(t: &str) -> bool {
    t.bytes()
        .all(|b| matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' '))
}

impl Reading {
    fn top(&self) -> Option<&str> {
        self.open.last().map(|o| &*o.name)
    }

    fn has(&self, names: &[&str]) -> bool {
        self.open.iter().any(|o| names.contains(&&*o.name))
    }

    fn doctype(&mut self, d: &Doctype) -> Step {
        // `<!DOCTYPE html>`: no quirks.
        let plain = d.name.as_deref() == Some("html")
            && d.public_id.is_none()
            && d.system_id.is_none()
            && !d.force_quirks;
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
            Mode::InBody => space || !self.top().is_some_and(|n| TABLE_PARTS.contains(&n)),
            _ => space,
        };
        if !kept {
            return None;
        }
        self.out.push_str(t);
        GO
    }

    fn start(&mut self, tag: &Tag) -> Step {
        let name: &str = &tag.name;
        let allowed = match self.mode {
            Mode::BeforeHtml => name == "html",
            Mode::BeforeHead => name == "head",
            Mode::InHead => matches!(name, "meta" | "link" | "base" | "title" | "style"),
            Mode::AfterHead => name == "body",
            Mode::InBody => self.body_allows(name),
            _ => false,
        };
        if !allowed {
            return None;
        }
        match name {
            "html" => self.mode = Mode::BeforeHead,
            "head" => self.mode = Mode::InHead,
            "body" => self.mode = Mode::InBody,
            _ => {}
        }
        if name == "style" {
            // Its text is style sheet, not page text; its attributes are not read.
            self.open.push(Open {
                name: tag.name.clone(),
                sep: None,
            });
            self.style_text = false;
            return Some(TokenSinkResult::RawData(RawKind::Rawtext));
        }
        let attr = |a: &str| {
            tag.attrs
                .iter()
                .find(|x| x.name.ns == html5ever::ns!() && &*x.name.local == a)
                .map(|x| &*x.value)
        };
        let sep = open_element(name, attr, &mut self.out, &mut self.css);
        if VOID.contains(&name) {
            self.out.extend(sep);
            return GO;
        }
        self.open.push(Open {
            name: tag.name.clone(),
            sep,
        });
        self.ignore_lf = name == "pre";
        match name {
            "title" => Some(TokenSinkResult::RawData(RawKind::Rcdata)),
            _ => GO,
        }
    }

    /// Whether the tree builder, in the body, nests this start tag inside the open elements.
    fn body_allows(&self, name: &str) -> bool {
        let top = self.top().unwrap_or_default();
        if TABLE_PARTS.contains(&top) {
            return match top {
                "table" => matches!(name, "thead" | "tbody" | "tfoot" | "caption"),
                "tr" => matches!(name, "td" | "th"),
                _ => name == "tr",
            };
        }
        if self.has(&["p"]) && !PHRASING.contains(&name) {
            return false;
        }
        match name {
            "li" => matches!(top, "ul" | "ol"),
            "dd" | "dt" => top == "dl",
            "a" => !self.has(&["a"]),
            "table" => !self.has(&["table", "caption"]),
            n if HEADINGS.contains(&n) => !self.has(HEADINGS),
            n => BODY.contains(&n) || PHRASING.contains(&n),
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
                    let t = TEXT[next(TEXT.len())];
                    let in_table = open.last().is_some_and(|o| TABLE_PARTS.contains(o));
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
        let mut from_tokens = 0;
        for seed in 0..3000 {
            from_tokens += usize::from(read_as_the_tree(&random_page(seed)));
        }
        // Both readings are exercised.
        assert!((300..2700).contains(&from_tokens), "{from_tokens}");
    }
}
