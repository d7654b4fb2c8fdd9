//! A PDF content stream read as operators and their operands, one operator at a time, for the leak
//! audit's reading of page text ([`crate::protect::reading`]). It reads the whole syntax of content
//! streams (numbers, names, literal and hexadecimal strings with their escapes, arrays,
//! dictionaries, comments, inline images) but keeps only what the audit uses: numbers, names,
//! strings and arrays of them. It allocates only for a string with escapes, a hexadecimal string,
//! a name with `#` escapes and an array, and reuses one operand stack: a page's content is read
//! as it is scanned, not built into a list of operations first. Bytes it cannot read are skipped,
//! never a reason to stop: the audit reads more, not less.

use std::borrow::Cow;

/// An operand of a content-stream operator, as far as the audit needs it.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand<'a> {
    Number(f32),
    Name(Cow<'a, [u8]>),
    /// A string's bytes, escapes decoded.
    Str(Cow<'a, [u8]>),
    Array(Vec<Operand<'a>>),
    /// A dictionary, a boolean or null: read past, not kept.
    Other,
}

impl Operand<'_> {
    pub fn number(&self) -> Option<f32> {
        match self {
            Operand::Number(n) => Some(*n),
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
            b'(' => Token::Operand(Operand::Str(self.literal_string())),
            b'<' if self.bytes.get(self.at + 1) == Some(&b'<') => {
                self.at += 2;
                self.items(depth, |_| {});
                Token::Operand(Operand::Other)
            }
            b'<' => Token::Operand(Operand::Str(Cow::Owned(self.hex_string()))),
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
            let n = std::str::from_utf8(word)
                .ok()
                .and_then(|s| s.parse::<f32>().ok())
                .unwrap_or(0.0);
            return Token::Operand(Operand::Number(n));
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

    /// A literal string `( ... )`: balanced parentheses, escapes decoded. Borrowed when it has no
    /// escape and no end of line to normalise.
    fn literal_string(&mut self) -> Cow<'a, [u8]> {
        self.at += 1;
        let start = self.at;
        let mut depth = 0usize;
        let mut plain = true;
        while let Some(b) = self.peek() {
            match b {
                b'\\' => {
                    plain = false;
                    self.at += 1;
                }
                b'\r' => plain = false,
                b'(' => depth += 1,
                b')' if depth == 0 => break,
                b')' => depth -= 1,
                _ => {}
            }
            self.at += 1;
        }
        let raw = &self.bytes[start..self.at.min(self.bytes.len())];
        self.at = (self.at + 1).min(self.bytes.len());
        if plain {
            return Cow::Borrowed(raw);
        }
        Cow::Owned(unescape(raw))
    }

    /// A hexadecimal string `< ... >`: pairs of hex digits, white space ignored, an odd last digit
    /// followed by 0.
    fn hex_string(&mut self) -> Vec<u8> {
        self.at += 1;
        let mut out = vec![];
        let mut high: Option<u8> = None;
        while let Some(b) = self.peek() {
            self.at += 1;
            if b == b'>' {
                break;
            }
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

    fn ops(content: &[u8]) -> Vec<(String, Vec<Operand<'static>>)> {
        let mut out = vec![];
        for_each_operation(content, |name, operands| {
            let owned = operands.iter().map(owned).collect();
            out.push((String::from_utf8_lossy(name).into_owned(), owned));
        });
        out
    }

    fn owned(o: &Operand) -> Operand<'static> {
        match o {
            Operand::Number(n) => Operand::Number(*n),
            Operand::Name(n) => Operand::Name(Cow::Owned(n.to_vec())),
            Operand::Str(s) => Operand::Str(Cow::Owned(s.to_vec())),
            Operand::Array(a) => Operand::Array(a.iter().map(owned).collect()),
            Operand::Other => Operand::Other,
        }
    }

    fn s(b: &[u8]) -> Operand<'static> {
        Operand::Str(Cow::Owned(b.to_vec()))
    }

    #[test]
    fn reads_the_text_operators_typst_writes() {
        let got =
            ops(b"q 1 0 0 -1 72.5 700 cm BT /F0#2D1 9.5 Tf [<0012>-333.3(a\\)b\\101\\n)] TJ ET Q");
        assert_eq!(got[0].0, "q");
        assert_eq!(got[1].0, "cm");
        assert_eq!(got[1].1[5], Operand::Number(700.0));
        assert_eq!(got[3].0, "Tf");
        assert_eq!(got[3].1[0].name(), Some(&b"F0-1"[..]));
        assert_eq!(got[4].0, "TJ");
        let Operand::Array(items) = &got[4].1[0] else {
            panic!("{got:?}")
        };
        assert_eq!(
            items,
            &vec![s(&[0, 0x12]), Operand::Number(-333.3), s(b"a)bA\n")]
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
