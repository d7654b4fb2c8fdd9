//! A PDF content stream read as operators and their operands, one operator at a time, for the leak
//! audit's reading of page text ([`crate::protect::reading`]). It reads the whole syntax of content
//! streams (numbers, names, literal and hexadecimal strings with their escapes, arrays,
//! dictionaries, comments, inline images) but keeps only what the audit uses: numbers, names,
//! strings and arrays of them. Numbers and strings are kept as written (a slice of the stream):
//! a number is parsed and a string's escapes decoded only when the reading asks for it, so the
//! many operands it never uses (colours, positions, most kerning) cost nothing more than their
//! scanning. It allocates only for a name with `#` escapes and an array, and reuses one operand
//! stack: a page's content is read as it is scanned, not built into a list of operations first.
//! Bytes it cannot read are skipped, never a reason to stop: the audit reads more, not less.

use std::borrow::Cow;

/// An operand of a content-stream operator, as far as the audit needs it.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand<'a> {
    /// A number as written (read with [`Operand::number`]).
    Number(&'a [u8]),
    Name(Cow<'a, [u8]>),
    /// A string as written (its bytes with [`Text::bytes`]).
    Str(Text<'a>),
    Array(Vec<Operand<'a>>),
    /// A dictionary, a boolean or null: read past, not kept.
    Other,
}

/// A string operand as written: what stands between its delimiters, escapes not yet decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text<'a> {
    /// The bytes between `(` and `)`, or between `<` and `>`.
    pub raw: &'a [u8],
    /// A hexadecimal string (`<...>`), else a literal one (`(...)`).
    pub hex: bool,
}

impl<'a> Text<'a> {
    /// The string's bytes: a literal string's escapes and ends of line decoded (borrowed when
    /// it has none), a hexadecimal string's digits paired.
    pub fn bytes(&self) -> Cow<'a, [u8]> {
        if self.hex {
            Cow::Owned(hex_bytes(self.raw))
        } else if self.raw.iter().any(|b| matches!(b, b'\\' | b'\r')) {
            Cow::Owned(unescape(self.raw))
        } else {
            Cow::Borrowed(self.raw)
        }
    }
}

impl Operand<'_> {
    /// A number's value, parsed as `f32` (a number that does not parse is 0).
    pub fn number(&self) -> Option<f32> {
        match self {
            Operand::Number(n) => Some(number_value(n)),
            _ => None,
        }
    }

    pub fn name(&self) -> Option<&[u8]> {
        match self {
            Operand::Name(n) => Some(n),
            _ => None,
        }
    }
}

/// The value of a number as written (its bytes are digits, signs and dots): 0 if it does not
/// parse.
pub fn number_value(written: &[u8]) -> f32 {
    std::str::from_utf8(written)
        .ok()
        .and_then(|s| s.parse::<f32>().ok())
        .unwrap_or(0.0)
}

fn is_white(b: u8) -> bool {
    matches!(b, b'\0' | b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delimiter(b)
}

/// What the lexer found next: an operand, or an operator (with its bytes), or the end.
enum Token<'a> {
    Operand(Operand<'a>),
    Operator(&'a [u8]),
    /// `]` or `>>`: the end of an array or dictionary.
    Close,
    End,
}

/// Calls `op` with each operator of the content stream and its operands, in order.
pub fn for_each_operation<'a>(content: &'a [u8], mut op: impl FnMut(&[u8], &[Operand<'a>])) {
    let mut lexer = Lexer {
        bytes: content,
        at: 0,
    };
    let mut operands: Vec<Operand<'a>> = Vec::with_capacity(8);
    loop {
        match lexer.token(0) {
            Token::End => break,
            Token::Operand(o) => operands.push(o),
            Token::Close => {}
            Token::Operator(name) => {
                if name == b"ID" {
                    lexer.skip_inline_image();
                }
                op(name, &operands);
                operands.clear();
            }
        }
    }
}

/// Nesting of arrays and dictionaries deeper than this is read past (no recursion without end).
const MAX_DEPTH: usize = 32;

struct Lexer<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Lexer<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_white_and_comments(&mut self) {
        while let Some(b) = self.peek() {
            if is_white(b) {
                self.at += 1;
            } else if b == b'%' {
                while let Some(b) = self.peek() {
                    if b == b'\n' || b == b'\r' {
                        break;
                    }
                    self.at += 1;
                }
            } else {
                break;
            }
        }
    }

    fn token(&mut self, depth: usize) -> Token<'a> {
        self.skip_white_and_comments();
        let Some(b) = self.peek() else {
            return Token::End;
        };
        let opens = b == b'[' || (b == b'<' && self.bytes.get(self.at + 1) == Some(&b'<'));
        if opens && depth >= MAX_DEPTH {
            // Too deep to be real content: read past the bracket, not into it.
            self.at += 1;
            return Token::Operand(Operand::Other);
        }
        match b {
            b'(' => Token::Operand(Operand::Str(Text {
                raw: self.literal_string(),
                hex: false,
            })),
            b'<' if self.bytes.get(self.at + 1) == Some(&b'<') => {
                self.at += 2;
                self.items(depth, |_| {});
                Token::Operand(Operand::Other)
            }
            b'<' => Token::Operand(Operand::Str(Text {
                raw: self.hex_string(),
                hex: true,
            })),
            b'[' => {
                self.at += 1;
                let mut items = vec![];
                self.items(depth, |o| items.push(o));
                Token::Operand(Operand::Array(items))
            }
            b']' => {
                self.at += 1;
                Token::Close
            }
            b'>' => {
                self.at += if self.bytes.get(self.at + 1) == Some(&b'>') {
                    2
                } else {
                    1
                };
                Token::Close
            }
            b'/' => {
                self.at += 1;
                Token::Operand(Operand::Name(self.name()))
            }
            b')' | b'{' | b'}' => {
                self.at += 1;
                Token::Operand(Operand::Other)
            }
            _ => self.regular(),
        }
    }

    /// The items of an array or dictionary up to its end, each given to `keep`.
    fn items(&mut self, depth: usize, mut keep: impl FnMut(Operand<'a>)) {
        loop {
            match self.token(depth + 1) {
                Token::End | Token::Close => return,
                Token::Operand(o) => keep(o),
                // An operator inside an array is malformed: read past it.
                Token::Operator(_) => {}
            }
        }
    }

    /// A run of regular characters: a number, a keyword operand or an operator.
    fn regular(&mut self) -> Token<'a> {
        let start = self.at;
        while self.peek().is_some_and(is_regular) {
            self.at += 1;
        }
        let word = &self.bytes[start..self.at];
        if word.is_empty() {
            // Not reachable (every other byte is a delimiter handled above); never loop on it.
            self.at += 1;
            return Token::Operand(Operand::Other);
        }
        let numeric = word
            .iter()
            .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.'));
        if numeric {
            return Token::Operand(Operand::Number(word));
        }
        match word {
            b"true" | b"false" | b"null" => Token::Operand(Operand::Other),
            _ => Token::Operator(word),
        }
    }

    /// A name after its `/`, `#xx` escapes decoded.
    fn name(&mut self) -> Cow<'a, [u8]> {
        let start = self.at;
        while self.peek().is_some_and(is_regular) {
            self.at += 1;
        }
        let raw = &self.bytes[start..self.at];
        if !raw.contains(&b'#') {
            return Cow::Borrowed(raw);
        }
        let mut out = Vec::with_capacity(raw.len());
        let mut i = 0;
        while i < raw.len() {
            let hex = raw
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
            match (raw[i], hex) {
                (b'#', Some(v)) => {
                    out.push(v);
                    i += 3;
                }
                (b, _) => {
                    out.push(b);
                    i += 1;
                }
            }
        }
        Cow::Owned(out)
    }

    /// A literal string `( ... )` up to its balancing `)`: the bytes inside, as written.
    fn literal_string(&mut self) -> &'a [u8] {
        self.at += 1;
        let start = self.at;
        let mut depth = 0usize;
        while let Some(b) = self.peek() {
            match b {
                b'\\' => self.at += 1,
                b'(' => depth += 1,
                b')' if depth == 0 => break,
                b')' => depth -= 1,
                _ => {}
            }
            self.at += 1;
        }
        let raw = &self.bytes[start..self.at.min(self.bytes.len())];
        self.at = (self.at + 1).min(self.bytes.len());
        raw
    }

    /// A hexadecimal string `< ... >`: the bytes inside, as written.
    fn hex_string(&mut self) -> &'a [u8] {
        self.at += 1;
        let start = self.at;
        let end =
            memchr::memchr(b'>', &self.bytes[start..]).map_or(self.bytes.len(), |k| start + k);
        self.at = (end + 1).min(self.bytes.len());
        &self.bytes[start..end]
    }

    /// The binary data of an inline image, after `ID`: up to the `EI` that stands alone.
    fn skip_inline_image(&mut self) {
        self.at += 1;
        let b = self.bytes;
        while self.at + 1 < b.len() {
            let before = self.at == 0 || is_white(b[self.at - 1]);
            let after = b.get(self.at + 2).is_none_or(|c| is_white(*c));
            if before && after && &b[self.at..self.at + 2] == b"EI" {
                self.at += 2;
                return;
            }
            self.at += 1;
        }
        self.at = b.len();
    }
}

/// The bytes of a hexadecimal string's inside: pairs of hex digits, anything else ignored, an
/// odd last digit followed by 0.
fn hex_bytes(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() / 2);
    let mut high: Option<u8> = None;
    for &b in raw {
        let Some(v) = (b as char).to_digit(16) else {
            continue;
        };
        match high.take() {
            Some(h) => out.push(h << 4 | v as u8),
            None => high = Some(v as u8),
        }
    }
    if let Some(h) = high {
        out.push(h << 4);
    }
    out
}

/// The bytes of a literal string's inside with its escapes decoded (PDF 32000-1, 7.3.4.2).
pub(crate) fn unescape(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let b = raw[i];
        i += 1;
        if b == b'\r' {
            // An end of line in a string is a line feed, whatever its bytes.
            out.push(b'\n');
            if raw.get(i) == Some(&b'\n') {
                i += 1;
            }
            continue;
        }
        if b != b'\\' {
            out.push(b);
            continue;
        }
        let Some(&e) = raw.get(i) else { break };
        i += 1;
        match e {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'0'..=b'7' => {
                let mut v = u32::from(e - b'0');
                for _ in 0..2 {
                    match raw.get(i) {
                        Some(d @ b'0'..=b'7') => {
                            v = v * 8 + u32::from(d - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push(v as u8);
            }
            // A backslash before an end of line continues the string on the next line.
            b'\r' => {
                if raw.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\n' => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An operand as the reading gets it: numbers parsed, strings decoded.
    #[derive(Debug, PartialEq)]
    enum Read {
        Number(f32),
        Name(Vec<u8>),
        Str(Vec<u8>),
        Array(Vec<Read>),
        Other,
    }

    fn ops(content: &[u8]) -> Vec<(String, Vec<Read>)> {
        let mut out = vec![];
        for_each_operation(content, |name, operands| {
            let read = operands.iter().map(read).collect();
            out.push((String::from_utf8_lossy(name).into_owned(), read));
        });
        out
    }

    fn read(o: &Operand) -> Read {
        match o {
            Operand::Number(_) => Read::Number(o.number().unwrap()),
            Operand::Name(n) => Read::Name(n.to_vec()),
            Operand::Str(s) => Read::Str(s.bytes().into_owned()),
            Operand::Array(a) => Read::Array(a.iter().map(read).collect()),
            Operand::Other => Read::Other,
        }
    }

    fn s(b: &[u8]) -> Read {
        Read::Str(b.to_vec())
    }

    #[test]
    fn reads_the_text_operators_typst_writes() {
        let got =
            ops(b"q 1 0 0 -1 72.5 700 cm BT /F0#2D1 9.5 Tf [<0012>-333.3(a\\)b\\101\\n)] TJ ET Q");
        assert_eq!(got[0].0, "q");
        assert_eq!(got[1].0, "cm");
        assert_eq!(got[1].1[5], Read::Number(700.0));
        assert_eq!(got[3].0, "Tf");
        assert_eq!(got[3].1[0], Read::Name(b"F0-1".to_vec()));
        assert_eq!(got[4].0, "TJ");
        let Read::Array(items) = &got[4].1[0] else {
            panic!("{got:?}")
        };
        assert_eq!(
            items,
            &vec![s(&[0, 0x12]), Read::Number(-333.3), s(b"a)bA\n")]
        );
    }

    #[test]
    fn reads_past_dictionaries_comments_and_inline_images() {
        let got = ops(
            b"/Span <</ActualText (x) /K [1 2]>> BDC % a comment (Tj)\n(nested (paren)) Tj EMC \
              BI /W 1 /H 1 ID \x00EI\xff EI (after) Tj",
        );
        let names: Vec<_> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["BDC", "Tj", "EMC", "BI", "ID", "Tj"]);
        assert_eq!(got[1].1, vec![s(b"nested (paren)")]);
        assert_eq!(got[5].1, vec![s(b"after")]);
    }

    #[test]
    fn hex_strings_and_line_ends_are_decoded() {
        let got = ops(b"<41 4 1\n4>Tj (a\\\r\nb\r\nc\\053)Tj");
        assert_eq!(got[0].1, vec![s(b"AA@")]);
        assert_eq!(got[1].1, vec![s(b"ab\nc+")]);
    }

    #[test]
    fn unterminated_input_ends_without_looping() {
        for bad in [
            &b"(abc"[..],
            b"<41",
            b"[1 2",
            b"<< /A",
            b"BI ID xx",
            b")>}{",
        ] {
            ops(bad);
        }
    }
}
