//! A fast path for the common shape of a project's YAML: block mappings and sequences, keys that
//! are plain names, one-line plain, quoted and flow scalars (`[a, b]`, `{id: x, title: "y"}`),
//! and `|`/`>` block scalars. It reads such a text into a small tree and hands the tree to the
//! same serde types, with the positions serde-saphyr would give ([`serde_saphyr::Spanned`]).
//!
//! It is a strict subset: anything it does not fully understand (anchors, tags, aliases, keys
//! that are not plain names, multi-line plain or quoted scalars, tabs, carriage returns, control
//! characters, null or boolean-looking values where the type is in doubt (a null is read only
//! where an option is, and only as the core schema writes it), duplicate keys, any
//! type error...) makes it give up, and the caller parses the text with serde-saphyr. So every
//! error message, line and column is serde-saphyr's; the fast path only ever returns a value
//! serde-saphyr would have returned too (the tests compare the two on every fixture and on
//! generated and adversarial texts).
//!
//! Positions reach [`serde_saphyr::Spanned`] the way serde-saphyr's own deserializer gives them
//! (the newtype name `__yaml_spanned`, then a map of a marker, the value and two locations): not
//! a documented interface, so serde-saphyr is pinned to one version, and the tests fail if the
//! positions ever differ.

use serde::de::value::{MapDeserializer, StrDeserializer};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use std::borrow::Cow;

/// Parses `text` into `T` when the text is in the subset and `T` takes it; `None` otherwise.
pub fn parse<T: DeserializeOwned>(text: &str) -> Option<T> {
    parse_from(text, 0)
}

/// [`parse`] of a text that starts at line `first_line + 1` of its file (a part of a list,
/// [`super::parse_list`]): the positions are the file's.
pub fn parse_from<T: DeserializeOwned>(text: &str, first_line: u32) -> Option<T> {
    // serde-saphyr's budget caps scalar bytes at 64 MiB: far larger texts are left to it.
    if text.len() >= 32 << 20 || !plain_chars(text) {
        return None;
    }
    let mut reader = Reader::new(text)?;
    reader.first_line = first_line;
    let root = reader.document()?;
    T::deserialize(Value(&root)).ok()
}

/// Whether the text holds only characters the subset reads as themselves: no tab, carriage
/// return or other control character, no byte order mark, no Unicode line or paragraph
/// separator, no C1 control, no noncharacter U+FFFE/U+FFFF.
fn plain_chars(text: &str) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Eight bytes at once where all are printable ASCII (a byte below a space, DEL or any
        // byte of a longer character sends the eight to the byte-by-byte checks).
        if let Some(eight) = b.get(i..i + 8) {
            let x = u64::from_le_bytes(eight.try_into().unwrap_or_default());
            let below_space = x.wrapping_sub(0x20 * ONES) & !x;
            let del_or_above = x | x.wrapping_add(ONES);
            let printable = (below_space | del_or_above) & (0x80 * ONES) == 0;
            if !printable && !(i..i + 8).all(|k| plain_byte(b, k)) {
                return false;
            }
            i += 8;
            continue;
        }
        if !plain_byte(b, i) {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether the byte at `i` (and the character it starts) is one [`plain_chars`] lets through.
fn plain_byte(b: &[u8], i: usize) -> bool {
    let c = b[i];
    // Most bytes are none of those the checks below look at: skipped by the table.
    if !LOOK[usize::from(c)] {
        return true;
    }
    if c < 0x80 {
        // A control character other than a line break, or DEL.
        return false;
    }
    !match c {
        0xc2 => (0x80..=0x9f).contains(&b[i + 1]),
        0xe2 => b[i + 1] == 0x80 && matches!(b[i + 2], 0xa8 | 0xa9),
        0xef => {
            (b[i + 1] == 0xbb && b[i + 2] == 0xbf)
                || (b[i + 1] == 0xbf && matches!(b[i + 2], 0xbe | 0xbf))
        }
        _ => false,
    }
}

/// The bytes [`plain_chars`] looks at: ASCII control characters other than the line break, DEL,
/// and the first bytes of the UTF-8 sequences it refuses (C1 controls, the line and paragraph
/// separators, the byte order mark and the noncharacters U+FFFE/U+FFFF).
const LOOK: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = c != b'\n' as usize;
        c += 1;
    }
    t[0x7f] = true;
    t[0xc2] = true;
    t[0xe2] = true;
    t[0xef] = true;
    t
};

/// A node of the tree, with its line and column (1-based, columns in characters).
#[derive(Debug)]
struct Node<'a> {
    at: (u32, u32),
    kind: Kind<'a>,
}

#[derive(Debug)]
enum Kind<'a> {
    /// A plain scalar, as written: its type depends on what reads it.
    Plain(&'a str),
    /// A quoted or block scalar: always text.
    Text(Cow<'a, str>),
    Seq(Vec<Node<'a>>),
    /// Entries with their keys (plain names) as nodes.
    Map(Vec<(Node<'a>, Node<'a>)>),
}

/// Words YAML 1.1 or 1.2 may read as a null, a boolean or a special number: a plain scalar that
/// is one of them is left to serde-saphyr wherever its type is in doubt.
fn doubtful(s: &str) -> bool {
    // The words are ASCII in lower case, none longer than eight letters: compared without
    // making a lower-case copy of every key and scalar.
    let rest = s.trim_start_matches(['+', '-', '.']);
    s.is_empty() || (rest.len() <= 8 && DOUBTFUL.iter().any(|w| w.eq_ignore_ascii_case(rest)))
}

/// The words of [`doubtful`], in lower case.
const DOUBTFUL: &[&str] = &[
    "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", "inf", "infinity", "nan",
];

/// The indentation of a line (leading spaces).
fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Whether a line is empty, only spaces, or a comment.
fn blank(line: &str) -> bool {
    let t = line.trim_start_matches(' ');
    t.is_empty() || t.starts_with('#')
}

/// The length of a plain-name key at the start of `s` followed by `:` and a space or the line's
/// end, if `s` starts with one.
fn key_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if !b.first()?.is_ascii_alphabetic() && b[0] != b'_' {
        return None;
    }
    let n = b
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-')))
        .unwrap_or(b.len());
    let after = b.get(n + 1);
    (n <= 64 && b.get(n) == Some(&b':') && after.is_none_or(|c| *c == b' ') && !doubtful(&s[..n]))
        .then_some(n)
}

/// Reads the subset, line by line.
struct Reader<'a> {
    text: &'a str,
    /// Byte offset of each line's start.
    starts: Vec<usize>,
    /// The line being read.
    i: usize,
    depth: u32,
    /// The lines of the file before the text's first.
    first_line: u32,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Option<Self> {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        if starts.last() == Some(&text.len()) {
            starts.pop();
        }
        let r = Reader {
            text,
            starts,
            i: 0,
            depth: 0,
            first_line: 0,
        };
        // Document markers and directives.
        let marker = |l: &str| l.starts_with("---") || l.starts_with("...") || l.starts_with('%');
        (0..r.starts.len()).all(|n| !marker(r.line(n))).then_some(r)
    }

    fn line(&self, n: usize) -> &'a str {
        let start = self.starts[n];
        let end = self.starts.get(n + 1).map_or(self.text.len(), |e| e - 1);
        let line = &self.text[start..end];
        line.strip_suffix('\n').unwrap_or(line)
    }

    /// Whether line `n` ends with a line break (the last may not).
    fn has_break(&self, n: usize) -> bool {
        n + 1 < self.starts.len() || self.text.ends_with('\n')
    }

    fn at(&self, n: usize, offset: usize) -> (u32, u32) {
        let col = self.line(n)[..offset].chars().count();
        (self.first_line + n as u32 + 1, col as u32 + 1)
    }

    fn skip_blank(&mut self) {
        while self.i < self.starts.len() && blank(self.line(self.i)) {
            self.i += 1;
        }
    }

    fn document(mut self) -> Option<Node<'a>> {
        self.skip_blank();
        if self.i >= self.starts.len() {
            return None;
        }
        let node = self.block(-1)?;
        self.skip_blank();
        (self.i >= self.starts.len()).then_some(node)
    }

    /// The block node (a sequence or a mapping) starting on the current line, more indented
    /// than `parent`.
    fn block(&mut self, parent: isize) -> Option<Node<'a>> {
        self.depth += 1;
        if self.depth > 32 {
            return None;
        }
        let line = self.line(self.i);
        let n = indent(line);
        if n as isize <= parent {
            return None;
        }
        let rest = &line[n..];
        let node = if rest.starts_with("- ") {
            self.seq(n)
        } else {
            self.map(n)
        };
        self.depth -= 1;
        node
    }

    /// A block sequence whose `- ` are at indentation `n`, from the current line.
    fn seq(&mut self, n: usize) -> Option<Node<'a>> {
        let at = self.at(self.i, n);
        let mut items = vec![];
        loop {
            self.skip_blank();
            if self.i >= self.starts.len() {
                break;
            }
            let line = self.line(self.i);
            let ind = indent(line);
            if ind < n || (ind == n && !line[n..].starts_with("- ")) {
                break;
            }
            if ind > n {
                return None;
            }
            let off = n + 1 + indent(&line[n + 1..]);
            let rest = &line[off..];
            if rest.is_empty() || rest.starts_with('#') || rest.starts_with('-') {
                return None;
            }
            let item = if key_len(rest).is_some() {
                self.depth += 1;
                let m = self.map(off);
                self.depth -= 1;
                m?
            } else {
                self.inline(off, n)?
            };
            items.push(item);
        }
        Some(Node {
            at,
            kind: Kind::Seq(items),
        })
    }

    /// A block mapping whose keys are at byte `m` of their lines, the first on the current line.
    fn map(&mut self, m: usize) -> Option<Node<'a>> {
        let at = self.at(self.i, m);
        let mut entries: Vec<(Node<'a>, Node<'a>)> = vec![];
        let mut first = true;
        loop {
            if !first {
                self.skip_blank();
                if self.i >= self.starts.len() {
                    break;
                }
                let ind = indent(self.line(self.i));
                if ind < m {
                    break;
                }
                if ind > m {
                    return None;
                }
            }
            first = false;
            let line = self.line(self.i);
            let rest = &line[m..];
            let k = key_len(rest)?;
            let key = &rest[..k];
            if entries
                .iter()
                .any(|(e, _)| matches!(e.kind, Kind::Plain(s) if s == key))
            {
                return None;
            }
            let key = Node {
                at: self.at(self.i, m),
                kind: Kind::Plain(key),
            };
            let off = m + k + 1 + indent(&rest[k + 1..]);
            let value = if line[off..].is_empty() || line[off..].starts_with('#') {
                // The value is a block on the next lines (a null value is left to serde-saphyr).
                if line[off..].starts_with('#') && !line[..off].ends_with(' ') {
                    return None;
                }
                self.i += 1;
                self.skip_blank();
                if self.i >= self.starts.len() {
                    return None;
                }
                let next = self.line(self.i);
                let ind = indent(next);
                if ind == m && next[m..].starts_with("- ") {
                    // A sequence as indented as its key: serde-saphyr places it at its first
                    // item.
                    self.depth += 1;
                    let mut s = self.seq(m)?;
                    self.depth -= 1;
                    if let Kind::Seq(items) = &s.kind {
                        s.at = items.first()?.at;
                    }
                    s
                } else {
                    self.block(m as isize)?
                }
            } else {
                self.inline(off, m)?
            };
            entries.push((key, value));
        }
        Some(Node {
            at,
            kind: Kind::Map(entries),
        })
    }

    /// A value that starts at byte `off` of the current line, in a node of indentation `n`:
    /// a scalar or flow collection on this line, or a block scalar. Moves past it.
    fn inline(&mut self, off: usize, n: usize) -> Option<Node<'a>> {
        let line = self.line(self.i);
        let at = self.at(self.i, off);
        let rest = &line[off..];
        let (kind, used) = match rest.as_bytes()[0] {
            b'"' => double_quoted(rest)?,
            b'\'' => single_quoted(rest)?,
            b'[' => self.flow_seq(off)?,
            b'{' => self.flow_map(off)?,
            b'|' | b'>' => return self.block_scalar(rest, n),
            _ => {
                let s = block_plain(rest)?;
                (Kind::Plain(s), s.len())
            }
        };
        // After the value: spaces, then the line's end or a comment.
        let tail = &rest[used..];
        let t = tail.trim_start_matches(' ');
        if !(t.is_empty() || (t.starts_with('#') && t.len() < tail.len())) {
            return None;
        }
        self.i += 1;
        self.more_indented_after(n)?;
        Some(Node { at, kind })
    }

    /// Gives up when the next line that is not empty is more indented than `n` (a multi-line
    /// plain scalar, or a block under a scalar: not in the subset).
    fn more_indented_after(&self, n: usize) -> Option<()> {
        let next = (self.i..self.starts.len())
            .map(|k| self.line(k))
            .find(|l| !l.trim_start_matches(' ').is_empty());
        match next {
            Some(l) if indent(l) > n => None,
            _ => Some(()),
        }
    }

    /// A `|` or `>` block scalar whose header is `rest`, in a node of indentation `n`.
    fn block_scalar(&mut self, rest: &str, n: usize) -> Option<Node<'a>> {
        let folded = rest.starts_with('>');
        let chomp = rest[1..].trim_end_matches(' ');
        if !matches!(chomp, "" | "-" | "+") {
            return None;
        }
        let mut j = self.i + 1;
        let mut lines: Vec<&'a str> = vec![];
        let mut k = None;
        while j < self.starts.len() {
            let l = self.line(j);
            if l.is_empty() {
                lines.push(l);
            } else if l.trim_start_matches(' ').is_empty() {
                return None;
            } else {
                let ind = indent(l);
                let k = *k.get_or_insert(ind);
                if ind < k {
                    break;
                }
                if k <= n || (folded && ind > k) {
                    return None;
                }
                lines.push(&l[k..]);
            }
            j += 1;
        }
        let k = k?;
        let first = self.i + 1 + lines.iter().take_while(|l| l.is_empty()).count();
        if first > self.i + 1 {
            // Leading empty lines: left to serde-saphyr.
            return None;
        }
        let trailing = lines.iter().rev().take_while(|l| l.is_empty()).count();
        let content = &lines[..lines.len() - trailing];
        let last = self.i + content.len();
        if !self.has_break(last) {
            return None;
        }
        let mut s = String::with_capacity(content.iter().map(|l| l.len() + 1).sum());
        let mut empties = 0;
        for (idx, l) in content.iter().enumerate() {
            if l.is_empty() {
                empties += 1;
                if !folded {
                    s.push('\n');
                }
                continue;
            }
            if idx > 0 && folded {
                if empties == 0 {
                    s.push(' ');
                }
                (0..empties).for_each(|_| s.push('\n'));
            } else if idx > 0 {
                s.push('\n');
            }
            empties = 0;
            s.push_str(l);
        }
        match chomp {
            "-" => {}
            "+" => (0..=trailing).for_each(|_| s.push('\n')),
            _ => s.push('\n'),
        }
        let at = self.at(first, k);
        self.i = last + 1;
        self.more_indented_after(n)?;
        Some(Node {
            at,
            kind: Kind::Text(Cow::Owned(s)),
        })
    }

    /// A flow sequence of scalars on one line, from the `[` at byte `off`: (kind, bytes used).
    fn flow_seq(&self, off: usize) -> Option<(Kind<'a>, usize)> {
        let line = self.line(self.i);
        let mut p = off + 1;
        let mut items = vec![];
        loop {
            p += indent(&line[p..]);
            if line[p..].starts_with(']') && items.is_empty() {
                return Some((Kind::Seq(items), p + 1 - off));
            }
            let (item, used) = self.flow_scalar(p, false)?;
            items.push(item);
            p += used;
            p += indent(&line[p..]);
            match line.as_bytes().get(p)? {
                b',' => p += 1,
                b']' => return Some((Kind::Seq(items), p + 1 - off)),
                _ => return None,
            }
        }
    }

    /// A flow mapping of plain-name keys and scalars (or flow lists of scalars) on one line, from the
    /// `{` at byte `off`.
    fn flow_map(&self, off: usize) -> Option<(Kind<'a>, usize)> {
        let line = self.line(self.i);
        let mut p = off + 1;
        let mut entries: Vec<(Node<'a>, Node<'a>)> = vec![];
        loop {
            p += indent(&line[p..]);
            if line[p..].starts_with('}') && entries.is_empty() {
                return Some((Kind::Map(entries), p + 1 - off));
            }
            let k = key_len(&line[p..])?;
            let name = &line[p..p + k];
            if entries
                .iter()
                .any(|(e, _)| matches!(e.kind, Kind::Plain(s) if s == name))
            {
                return None;
            }
            let key = Node {
                at: self.at(self.i, p),
                kind: Kind::Plain(name),
            };
            p += k + 1;
            p += indent(&line[p..]);
            let (value, used) = self.flow_scalar(p, true)?;
            entries.push((key, value));
            p += used;
            p += indent(&line[p..]);
            match line.as_bytes().get(p)? {
                b',' => p += 1,
                b'}' => return Some((Kind::Map(entries), p + 1 - off)),
                _ => return None,
            }
        }
    }

    /// A scalar inside a flow collection, from byte `p`, or (in a flow mapping, `list`) a flow
    /// list of scalars: (node, bytes used).
    fn flow_scalar(&self, p: usize, list: bool) -> Option<(Node<'a>, usize)> {
        let rest = &self.line(self.i)[p..];
        let at = self.at(self.i, p);
        let (kind, used) = match *rest.as_bytes().first()? {
            b'[' if list => self.flow_seq(p)?,
            b'"' => double_quoted(rest)?,
            b'\'' => single_quoted(rest)?,
            c if starts_plain(c) => {
                let b = rest.as_bytes();
                let mut e = 0;
                while e < b.len() && !matches!(b[e], b',' | b']' | b'}') {
                    match b[e] {
                        b'[' | b'{' | b'#' => return None,
                        b':' if b.get(e + 1).is_none_or(|c| b" ,[]{}".contains(c)) => return None,
                        _ => {}
                    }
                    e += 1;
                }
                let s = rest[..e].trim_end_matches(' ');
                if s.is_empty() {
                    return None;
                }
                (Kind::Plain(s), s.len())
            }
            _ => return None,
        };
        Some((Node { at, kind }, used))
    }
}

/// Whether a plain scalar may start with this byte (not an indicator).
fn starts_plain(c: u8) -> bool {
    !b"-?:,[]{}#&*!|>'\"%@` ".contains(&c)
}

/// A plain scalar in block context that runs to the line's end (or a comment).
fn block_plain(rest: &str) -> Option<&str> {
    if !starts_plain(rest.as_bytes()[0]) {
        return None;
    }
    let end = rest.find(" #").unwrap_or(rest.len());
    let s = rest[..end].trim_end_matches(' ');
    (!s.contains(": ") && !s.ends_with(':')).then_some(s)
}

/// A double-quoted scalar closed on the same line: (text, bytes used with the quotes).
fn double_quoted(rest: &str) -> Option<(Kind<'_>, usize)> {
    let body = &rest[1..];
    let end = memchr::memchr2(b'"', b'\\', body.as_bytes());
    if let Some(e) = end
        && body.as_bytes()[e] == b'"'
    {
        return Some((Kind::Text(Cow::Borrowed(&body[..e])), e + 2));
    }
    let mut s = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((Kind::Text(Cow::Owned(s)), i + 2)),
            '\\' => match chars.next()?.1 {
                '\\' => s.push('\\'),
                '"' => s.push('"'),
                '/' => s.push('/'),
                'n' => s.push('\n'),
                't' => s.push('\t'),
                'u' => {
                    let hex: String = (0..4)
                        .map(|_| chars.next().map(|c| c.1))
                        .collect::<Option<_>>()?;
                    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                        return None;
                    }
                    s.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                _ => return None,
            },
            c => s.push(c),
        }
    }
    None
}

/// A single-quoted scalar closed on the same line: (text, bytes used with the quotes).
fn single_quoted(rest: &str) -> Option<(Kind<'_>, usize)> {
    let body = &rest[1..];
    let mut s = String::new();
    let mut from = 0;
    loop {
        let q = from + body[from..].find('\'')?;
        if body[q + 1..].starts_with('\'') {
            s.push_str(&body[from..=q]);
            from = q + 2;
            continue;
        }
        if from == 0 {
            return Some((Kind::Text(Cow::Borrowed(&body[..q])), q + 2));
        }
        s.push_str(&body[from..q]);
        return Some((Kind::Text(Cow::Owned(s)), q + 2));
    }
}

/// The fast path's error: it only means "not in the subset, ask serde-saphyr".
#[derive(Debug)]
pub struct GiveUp;

impl std::fmt::Display for GiveUp {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("not in the fast path's subset")
    }
}

impl std::error::Error for GiveUp {}

impl de::Error for GiveUp {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        GiveUp
    }
}

/// The name serde-saphyr's `Spanned` asks for, and the first key of the map it then expects.
const SPANNED: &str = "__yaml_spanned";
const SPANNED_MARKER: &str = "__serde_saphyr_private_spanned";

/// A node as a serde deserializer.
struct Value<'n, 'a>(&'n Node<'a>);

impl<'n, 'a> Value<'n, 'a> {
    /// The node's text when it is a scalar that is text whatever reads it.
    fn text(&self) -> Result<&'n str, GiveUp> {
        match &self.0.kind {
            Kind::Plain(s) if !doubtful(s) => Ok(s),
            Kind::Text(s) => Ok(s),
            _ => Err(GiveUp),
        }
    }

    /// A plain whole number, in decimal without a sign or leading zeros.
    fn number(&self) -> Result<u64, GiveUp> {
        match self.0.kind {
            Kind::Plain(s)
                if s.len() <= 18
                    && s.bytes().all(|b| b.is_ascii_digit())
                    && (s == "0" || !s.starts_with('0')) =>
            {
                s.parse().map_err(|_| GiveUp)
            }
            _ => Err(GiveUp),
        }
    }
}

macro_rules! numbers {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GiveUp> {
            v.visit_u64(self.number()?)
        }
    )*};
}

macro_rules! give_up {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, _: V) -> Result<V::Value, GiveUp> {
            Err(GiveUp)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Value<'_, '_> {
    type Error = GiveUp;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GiveUp> {
        match &self.0.kind {
            Kind::Plain(s) => {
                // Numbers, dates and the like: their inferred type is serde-saphyr's to say.
                let c = s.chars().next().ok_or(GiveUp)?;
                if !(c.is_alphabetic() || c == '_') {
                    return Err(GiveUp);
                }
                v.visit_str(self.text()?)
            }
            Kind::Text(s) => v.visit_str(s),
            Kind::Seq(items) => v.visit_seq(Items(items.iter())),
            Kind::Map(entries) => v.visit_map(Entries(entries.iter(), None)),
        }
    }
    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GiveUp> {
        v.visit_str(self.text()?)
    }
    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GiveUp> {
        v.visit_str(self.text()?)
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GiveUp> {
        v.visit_str(self.text()?)
    }
    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GiveUp> {
        match self.0.kind {
            Kind::Plain("true") => v.visit_bool(true),
            Kind::Plain("false") => v.visit_bool(false),
            _ => Err(GiveUp),
        }
    }
    numbers!(deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64);
    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GiveUp> {
        // The nulls of YAML 1.2's core schema are none; a null written any other way (`nUll`,
        // an empty value) is left to serde-saphyr; `true` and the like go on to the inner type,
        // which takes them only as a boolean.
        match self.0.kind {
            Kind::Plain("null" | "Null" | "NULL" | "~") => v.visit_none(),
            Kind::Plain(s) if s.is_empty() || s.eq_ignore_ascii_case("null") => Err(GiveUp),
            _ => v.visit_some(self),
        }
    }
    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GiveUp> {
        match &self.0.kind {
            Kind::Seq(items) => v.visit_seq(Items(items.iter())),
            _ => Err(GiveUp),
        }
    }
    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GiveUp> {
        match &self.0.kind {
            Kind::Map(entries) => v.visit_map(Entries(entries.iter(), None)),
            _ => Err(GiveUp),
        }
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, GiveUp> {
        self.deserialize_map(v)
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, GiveUp> {
        match &self.0.kind {
            Kind::Plain(s) if !doubtful(s) => v.visit_enum(StrDeserializer::<GiveUp>::new(s)),
            // `variant: value`: a one-entry mapping names the variant.
            Kind::Map(entries) if entries.len() == 1 => v.visit_enum(Variant(&entries[0])),
            _ => Err(GiveUp),
        }
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        v: V,
    ) -> Result<V::Value, GiveUp> {
        if name == SPANNED {
            v.visit_newtype_struct(SpannedParts(self.0, 0))
        } else {
            v.visit_newtype_struct(self)
        }
    }
    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GiveUp> {
        v.visit_unit()
    }
    give_up!(deserialize_f32 deserialize_f64 deserialize_char deserialize_bytes
        deserialize_byte_buf deserialize_unit deserialize_i128 deserialize_u128);
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: V,
    ) -> Result<V::Value, GiveUp> {
        Err(GiveUp)
    }
    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, GiveUp> {
        Err(GiveUp)
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        _: V,
    ) -> Result<V::Value, GiveUp> {
        Err(GiveUp)
    }
}

/// A sequence's items.
struct Items<'n, 'a>(std::slice::Iter<'n, Node<'a>>);

impl<'de> de::SeqAccess<'de> for Items<'_, '_> {
    type Error = GiveUp;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, GiveUp> {
        self.0
            .next()
            .map(|n| seed.deserialize(Value(n)))
            .transpose()
    }
    /// The items left: a list is made with room for them all at once (a list of one record
    /// grew to room for four, a long one by doubling).
    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// A mapping's entries, with the value of the key just read.
struct Entries<'n, 'a>(
    std::slice::Iter<'n, (Node<'a>, Node<'a>)>,
    Option<&'n Node<'a>>,
);

impl<'de> de::MapAccess<'de> for Entries<'_, '_> {
    type Error = GiveUp;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, GiveUp> {
        let Some((k, v)) = self.0.next() else {
            return Ok(None);
        };
        self.1 = Some(v);
        seed.deserialize(Value(k)).map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, GiveUp> {
        seed.deserialize(Value(self.1.take().ok_or(GiveUp)?))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// An enum written as a one-entry mapping: the key names the variant, the value is its data.
struct Variant<'n, 'a>(&'n (Node<'a>, Node<'a>));

impl<'de, 'n, 'a> de::EnumAccess<'de> for Variant<'n, 'a> {
    type Error = GiveUp;
    type Variant = Value<'n, 'a>;
    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Value<'n, 'a>), GiveUp> {
        let (key, value) = self.0;
        Ok((seed.deserialize(Value(key))?, Value(value)))
    }
}

impl<'de> de::VariantAccess<'de> for Value<'_, '_> {
    type Error = GiveUp;
    fn unit_variant(self) -> Result<(), GiveUp> {
        Err(GiveUp)
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, GiveUp> {
        seed.deserialize(self)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, GiveUp> {
        Err(GiveUp)
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, GiveUp> {
        de::Deserializer::deserialize_map(self, v)
    }
}

/// What serde-saphyr's `Spanned` reads: a map of a marker, the value, and the node's position
/// where it is referenced and where it is defined (the same place: the subset has no aliases).
struct SpannedParts<'n, 'a>(&'n Node<'a>, u8);

impl<'de> de::Deserializer<'de> for SpannedParts<'_, '_> {
    type Error = GiveUp;
    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, GiveUp> {
        v.visit_map(self)
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

impl<'de> de::MapAccess<'de> for SpannedParts<'_, '_> {
    type Error = GiveUp;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, GiveUp> {
        let key = match self.1 {
            0 => SPANNED_MARKER,
            1 => "value",
            2 => "referenced",
            3 => "defined",
            _ => return Ok(None),
        };
        seed.deserialize(StrDeserializer::<GiveUp>::new(key))
            .map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, GiveUp> {
        self.1 += 1;
        match self.1 {
            1 => seed.deserialize(true.into_deserializer()),
            2 => seed.deserialize(Value(self.0)),
            _ => {
                let (line, column) = self.0.at;
                let fields = [("line", line), ("column", column)];
                seed.deserialize(MapDeserializer::<_, GiveUp>::new(fields.into_iter()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{DOUBTFUL, doubtful, parse, plain_chars};

    /// The check as it was written before the table: every byte looked at.
    fn plain_chars_bytewise(text: &str) -> bool {
        let b = text.as_bytes();
        (0..b.len()).all(|i| match b[i] {
            c if c < 0x80 => !((c < 0x20 && c != b'\n') || c == 0x7f),
            0xc2 => !(0x80..=0x9f).contains(&b[i + 1]),
            0xe2 => !(b[i + 1] == 0x80 && matches!(b[i + 2], 0xa8 | 0xa9)),
            0xef => {
                !((b[i + 1] == 0xbb && b[i + 2] == 0xbf)
                    || (b[i + 1] == 0xbf && matches!(b[i + 2], 0xbe | 0xbf)))
            }
            _ => true,
        })
    }

    #[test]
    fn lists_are_made_with_room_for_their_items_only() {
        // A project kept one record per file holds a list of one per file: room for four
        // (a vector's first growth) cost a fifth of `check`'s peak memory at 152,000 files.
        let one: Vec<std::collections::BTreeMap<String, String>> = parse("- id: t1\n").unwrap();
        assert_eq!((one.len(), one.capacity()), (1, 1));
        let five: Vec<String> = parse("- a\n- b\n- c\n- d\n- e\n").unwrap();
        assert_eq!((five.len(), five.capacity()), (5, 5));
    }

    #[test]
    fn doubtful_words_are_told_apart_as_a_lower_case_copy_tells_them() {
        let copied = |s: &str| {
            let lower = s.to_ascii_lowercase();
            let lower = lower.trim_start_matches(['+', '-', '.']);
            s.is_empty() || DOUBTFUL.contains(&lower)
        };
        let words = [
            "",
            "+",
            "-",
            ".",
            "~",
            "null",
            "NULL",
            "nUll",
            "True",
            "FALSE",
            "Yes",
            "no",
            "On",
            "OFF",
            "y",
            "N",
            "inf",
            ".inf",
            "-.Inf",
            "+.INF",
            "infinity",
            "-Infinity",
            "infinityy",
            ".NaN",
            "nan.",
            "nulls",
            "ye",
            "o",
            "id",
            "name",
            "Ńo",
            "ÿes",
            "+-.y",
            "--~",
            "trueфальш",
        ];
        for w in words {
            assert_eq!(doubtful(w), copied(w), "{w:?}");
        }
    }

    #[test]
    fn plain_characters_are_told_apart_as_the_bytewise_check_does() {
        // Characters around every case the check refuses, mixed into Latin and Cyrillic text.
        let pool: Vec<char> = "aZ 9:-\"'\n\t\r\u{0}\u{1f}\u{7f}\u{80}\u{85}\u{9f}\u{a0}\u{ff}\
            жЖё\u{2027}\u{2028}\u{2029}\u{202a}\u{feff}\u{fefe}\u{fffd}\u{fffe}\u{ffff}\u{10000}"
            .chars()
            .collect();
        let mut next = crate::text::xorshift(0x5eed_0fca_5e00);
        let (mut plain, mut not) = (0, 0);
        for _ in 0..20_000 {
            let len = next() % 24;
            let text: String = (0..len)
                .map(|_| {
                    // Mostly ordinary letters, now and then one of the whole pool.
                    if next().is_multiple_of(6) {
                        pool[next() % pool.len()]
                    } else {
                        pool[next() % 6]
                    }
                })
                .collect();
            let expected = plain_chars_bytewise(&text);
            assert_eq!(plain_chars(&text), expected, "{text:?}");
            if expected { plain += 1 } else { not += 1 }
        }
        assert!(plain > 1_000 && not > 1_000, "{plain} plain, {not} not");
    }
}
