//! A PDF file's objects read for the leak audit without copying or decoding what it never looks
//! at ([`crate::protect::pdf_text`]): the objects' syntax is read in place (names and strings
//! borrowed unless they have escapes), and a stream is its dictionary and a slice of the file, its
//! data decompressed only when asked. Font programs, images and colour profiles are skipped over.
//!
//! It reads only the plain shape typst writes: one cross-reference table (no update sections, no
//! cross-reference or object streams), no encryption, every object where the table says, with its
//! own number, well formed and ended by `endobj`, stream lengths that land on `endstream`, no
//! object that is only a reference to another. Anything
//! else, however legal, is not understood ([`PdfFile::open`] gives `None`) and the caller reads the
//! file with lopdf instead: this reader reads a file the way lopdf does, or not at all.

use std::borrow::Cow;

/// An object's number and generation.
pub type ObjectId = (u32, u16);

/// A direct object.
#[derive(Debug, Clone, PartialEq)]
pub enum Obj<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Real(f32),
    Name(Cow<'a, [u8]>),
    /// A string's bytes (escapes decoded) and whether it was written in hexadecimal.
    Str(Cow<'a, [u8]>, bool),
    Array(Vec<Obj<'a>>),
    Dict(Dict<'a>),
    Ref(ObjectId),
}

/// A dictionary: its entries in the file's order (no key twice).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dict<'a>(pub Vec<(Cow<'a, [u8]>, Obj<'a>)>);

impl<'a> Dict<'a> {
    pub fn get(&self, key: &[u8]) -> Option<&Obj<'a>> {
        self.0
            .iter()
            .find(|(k, _)| k.as_ref() == key)
            .map(|(_, v)| v)
    }

    pub fn name(&self, key: &[u8]) -> Option<&[u8]> {
        match self.get(key)? {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }
}

/// An indirect object: a direct object, or a stream (its dictionary and its data, as written).
#[derive(Debug, Clone, PartialEq)]
pub enum Indirect<'a> {
    Direct(Obj<'a>),
    Stream(Dict<'a>, &'a [u8]),
}

/// The objects of a PDF file as typst writes it (see the module documentation).
pub struct PdfFile<'a> {
    /// Every object in use, by number and generation, in that order.
    objects: Vec<(ObjectId, Indirect<'a>)>,
    /// The catalog's id (the trailer's `/Root`).
    pub root: ObjectId,
}

impl<'a> PdfFile<'a> {
    /// The file's objects, or `None` when the file is not of the plain shape this reader reads.
    pub fn open(bytes: &'a [u8]) -> Option<PdfFile<'a>> {
        // lopdf reads from the header on; offsets count from there, so the file must start there.
        if !bytes.starts_with(b"%PDF-") || !bytes[..bytes.len().min(1024)].contains(&b'\n') {
            return None;
        }
        let (entries, trailer) = xref_table(bytes)?;
        let unread = ["Prev", "XRefStm", "Encrypt"];
        if unread.iter().any(|k| trailer.get(k.as_bytes()).is_some()) {
            return None;
        }
        let Some(Obj::Ref(root)) = trailer.get(b"Root") else {
            return None;
        };
        let mut objects = Vec::with_capacity(entries.len());
        for (id, offset) in entries {
            let object = indirect_at(bytes, offset, id)?;
            // An object that is only a reference to another (lopdf follows chains of them up to
            // a limit of its own), or an object stream (whose objects lopdf adds), is not read.
            match &object {
                Indirect::Direct(Obj::Ref(_)) => return None,
                Indirect::Stream(dict, _) if dict.name(b"Type") == Some(b"ObjStm") => return None,
                _ => {}
            }
            objects.push((id, object));
        }
        // Stream lengths given by reference are read now that every object is.
        let mut file = PdfFile {
            objects,
            root: *root,
        };
        file.resolve_lengths(bytes)?;
        Some(file)
    }

    /// Every object, in the order of their ids.
    pub fn objects(&self) -> impl Iterator<Item = (ObjectId, &Indirect<'a>)> {
        self.objects.iter().map(|(id, o)| (*id, o))
    }

    /// The object with this id, if the file has it.
    pub fn get(&self, id: ObjectId) -> Option<&Indirect<'a>> {
        let k = self.objects.binary_search_by_key(&id, |(i, _)| *i).ok()?;
        Some(&self.objects[k].1)
    }

    /// The dictionary with this id, if it is one.
    pub fn dict(&self, id: ObjectId) -> Option<&Dict<'a>> {
        match self.get(id)? {
            Indirect::Direct(Obj::Dict(d)) => Some(d),
            _ => None,
        }
    }

    /// Streams whose `/Length` was a reference were read to a placeholder; their data is cut now.
    fn resolve_lengths(&mut self, bytes: &'a [u8]) -> Option<()> {
        let mut cuts = vec![];
        for (k, (_, object)) in self.objects.iter().enumerate() {
            if let Indirect::Stream(dict, data) = object
                && let Some(Obj::Ref(id)) = dict.get(b"Length")
            {
                let Some(Indirect::Direct(Obj::Int(n))) = self.get(*id) else {
                    return None;
                };
                let start = data.as_ptr() as usize - bytes.as_ptr() as usize;
                cuts.push((k, start, usize::try_from(*n).ok()?));
            }
        }
        for (k, start, len) in cuts {
            let (_, object) = &mut self.objects[k];
            let Indirect::Stream(_, data) = object else {
                return None;
            };
            let after = stream_end(bytes, start, len)?;
            check_endobj(bytes, after)?;
            *data = &bytes[start..start + len];
        }
        Some(())
    }
}

/// A stream's data decoded: none, or `/FlateDecode` without parameters (the filters typst
/// writes); `None` for any other filter, or data that does not inflate to its end.
pub fn decoded<'a>(dict: &Dict, data: &'a [u8]) -> Option<Cow<'a, [u8]>> {
    if dict.get(b"DecodeParms").is_some() {
        return None;
    }
    let flate = match dict.get(b"Filter") {
        None => false,
        Some(Obj::Name(n)) => n.as_ref() == b"FlateDecode",
        Some(Obj::Array(a)) => match a.as_slice() {
            [Obj::Name(n)] => n.as_ref() == b"FlateDecode",
            _ => return None,
        },
        Some(_) => return None,
    };
    if !flate {
        return dict.get(b"Filter").is_none().then_some(Cow::Borrowed(data));
    }
    if data.is_empty() {
        return Some(Cow::Owned(vec![]));
    }
    use std::io::Read;
    let mut out = Vec::with_capacity(data.len() * 4);
    flate2::read::ZlibDecoder::new(data)
        .read_to_end(&mut out)
        .ok()?;
    Some(Cow::Owned(out))
}

// ------------------------------------------------------------------------ cross-reference table

/// The in-use entries of the file's one cross-reference table (id and offset, by id) and its
/// trailer. Entries are the standard 20 bytes; anything else is not read.
fn xref_table(bytes: &[u8]) -> Option<(Vec<(ObjectId, usize)>, Dict<'_>)> {
    let mut at = xref_start(bytes)?;
    at = after_line_end(bytes, at + b"xref".len())?;
    let mut entries = vec![];
    while !bytes[at..].starts_with(b"trailer") {
        // A subsection: `first count`, then `count` entries.
        let end = at + bytes[at..].iter().position(|&b| b == b'\n' || b == b'\r')?;
        let head = std::str::from_utf8(&bytes[at..end]).ok()?;
        let (first, count) = head.strip_suffix(' ').unwrap_or(head).split_once(' ')?;
        let (first, count): (u32, u32) = (
            ascii_number(first.as_bytes())?,
            ascii_number(count.as_bytes())?,
        );
        at = after_line_end(bytes, end)?;
        for k in 0..count {
            let entry = bytes.get(at..at + 20)?;
            let ends = matches!(&entry[18..20], b" \n" | b" \r" | b"\r\n");
            if !ends || entry[10] != b' ' || entry[16] != b' ' {
                return None;
            }
            at += 20;
            let offset: usize = ascii_number(&entry[..10])?;
            let generation: u16 = ascii_number(&entry[11..16])?;
            match entry[17] {
                b'n' => entries.push(((first.checked_add(k)?, generation), offset)),
                b'f' => {}
                _ => return None,
            }
        }
    }
    let mut p = Parser {
        bytes,
        at: at + b"trailer".len(),
        depth: 0,
    };
    p.white();
    let Obj::Dict(trailer) = p.object()? else {
        return None;
    };
    if !matches!(trailer.get(b"Size"), Some(Obj::Int(_))) {
        return None;
    }
    entries.sort_unstable_by_key(|(id, _)| *id);
    // An object listed twice is not this reader's shape.
    if entries.windows(2).any(|w| w[0].0.0 == w[1].0.0) {
        return None;
    }
    Some((entries, trailer))
}

/// The position after the end of line at `at` (an optional space first), which must be there.
fn after_line_end(bytes: &[u8], mut at: usize) -> Option<usize> {
    if bytes.get(at) == Some(&b' ') {
        at += 1;
    }
    match (bytes.get(at)?, bytes.get(at + 1)) {
        (b'\r', Some(b'\n')) => Some(at + 2),
        (b'\r' | b'\n', _) => Some(at + 1),
        _ => None,
    }
}

/// The offset `startxref` gives, found as lopdf finds it (the last `%%EOF` in the file's last
/// 1024 bytes, `startxref` within the 25 bytes before it), written plainly (`startxref`, an end
/// of line, the digits, an end of line, `%%EOF`) and pointing at an `xref` keyword.
fn xref_start(bytes: &[u8]) -> Option<usize> {
    let end = bytes.iter().rposition(|c| !b" \t\n\r\0\x0C".contains(c))? + 1;
    let from = end.saturating_sub(1024);
    let eof = from + bytes[from..end].windows(5).rposition(|w| w == b"%%EOF")?;
    let sx = eof.checked_sub(25)?;
    let sx = sx + bytes[sx..eof].windows(9).rposition(|w| w == b"startxref")?;
    let digits_at = after_line_end(bytes, sx + 9)?;
    let digits_end = digits_at
        + bytes[digits_at..]
            .iter()
            .position(|b| !b.is_ascii_digit())?;
    after_line_end(bytes, digits_end).filter(|&e| e == eof)?;
    let start: usize = ascii_number(&bytes[digits_at..digits_end])?;
    bytes.get(start..)?.starts_with(b"xref").then_some(start)
}

fn ascii_number<T: std::str::FromStr>(digits: &[u8]) -> Option<T> {
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(digits).ok()?.parse().ok()
}

// ------------------------------------------------------------------------------------ objects

/// The indirect object at `offset`, which must be object `id`.
fn indirect_at(bytes: &[u8], offset: usize, id: ObjectId) -> Option<Indirect<'_>> {
    let mut p = Parser {
        bytes,
        at: offset,
        depth: 0,
    };
    p.white();
    let number: u32 = ascii_number(p.word())?;
    p.white();
    let generation: u16 = ascii_number(p.word())?;
    p.white();
    if (number, generation) != id || p.word() != b"obj" {
        return None;
    }
    p.white();
    let value = p.object()?;
    let Obj::Dict(dict) = value else {
        p.white();
        check_endobj(bytes, p.at)?;
        return Some(Indirect::Direct(value));
    };
    p.white();
    if !bytes[p.at..].starts_with(b"stream") {
        check_endobj(bytes, p.at)?;
        return Some(Indirect::Direct(Obj::Dict(dict)));
    }
    // `stream`, spaces or tabs, an end of line, then the data.
    let mut at = p.at + b"stream".len();
    while matches!(bytes.get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    at += match (bytes.get(at), bytes.get(at + 1)) {
        (Some(b'\r'), Some(b'\n')) => 2,
        (Some(b'\r' | b'\n'), _) => 1,
        _ => return None,
    };
    match dict.get(b"Length") {
        Some(Obj::Int(n)) => {
            let len = usize::try_from(*n).ok()?;
            let after = stream_end(bytes, at, len)?;
            check_endobj(bytes, after)?;
            Some(Indirect::Stream(dict, &bytes[at..at + len]))
        }
        // Read once every object is (`PdfFile::resolve_lengths`).
        Some(Obj::Ref(_)) => Some(Indirect::Stream(dict, &bytes[at..at])),
        _ => None,
    }
}

/// Where `endstream` ends after `len` bytes of data from `start` (an end of line may come
/// before it).
fn stream_end(bytes: &[u8], start: usize, len: usize) -> Option<usize> {
    let mut at = start.checked_add(len)?;
    at += match (bytes.get(at), bytes.get(at + 1)) {
        (Some(b'\r'), Some(b'\n')) => 2,
        (Some(b'\r' | b'\n'), _) => 1,
        _ => 0,
    };
    bytes.get(at..)?.starts_with(b"endstream").then_some(at + 9)
}

/// White space, then `endobj` standing alone.
fn check_endobj(bytes: &[u8], mut at: usize) -> Option<()> {
    while bytes.get(at).is_some_and(|&b| is_white(b)) {
        at += 1;
    }
    let rest = bytes.get(at..)?;
    let ends = rest.get(6).is_none_or(|&b| !is_regular(b));
    (rest.starts_with(b"endobj") && ends).then_some(())
}

fn is_white(b: u8) -> bool {
    matches!(b, b'\0' | b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !b"()<>[]{}/%".contains(&b)
}

/// Nesting deeper than this is not read (lopdf stops at 100).
const MAX_DEPTH: usize = 64;

/// A reader of direct objects. It reads only what it is sure lopdf reads the same way: anything
/// unusual (a comment, a number lopdf would split, a `#` not followed by two hexadecimal digits, a
/// dictionary key given twice) makes it give up (`None`).
struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn white(&mut self) {
        while self.bytes.get(self.at).is_some_and(|&b| is_white(b)) {
            self.at += 1;
        }
    }

    /// A run of regular characters.
    fn word(&mut self) -> &'a [u8] {
        let start = self.at;
        while self.bytes.get(self.at).is_some_and(|&b| is_regular(b)) {
            self.at += 1;
        }
        &self.bytes[start..self.at]
    }

    /// A direct object; white space after it is read too.
    fn object(&mut self) -> Option<Obj<'a>> {
        if self.depth >= MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        let o = self.value();
        self.depth -= 1;
        self.white();
        o
    }

    fn value(&mut self) -> Option<Obj<'a>> {
        let b = *self.bytes.get(self.at)?;
        match b {
            b'/' => {
                self.at += 1;
                Some(Obj::Name(self.name()?))
            }
            b'(' => Some(Obj::Str(self.literal()?, false)),
            b'<' if self.bytes.get(self.at + 1) == Some(&b'<') => {
                self.at += 2;
                self.white();
                Some(Obj::Dict(self.dict_items()?))
            }
            b'<' => Some(Obj::Str(Cow::Owned(self.hex()?), true)),
            b'[' => {
                self.at += 1;
                self.white();
                let mut items = vec![];
                while self.bytes.get(self.at) != Some(&b']') {
                    items.push(self.object()?);
                }
                self.at += 1;
                Some(Obj::Array(items))
            }
            _ => self.keyword_or_number(),
        }
    }

    fn dict_items(&mut self) -> Option<Dict<'a>> {
        let mut entries: Vec<(Cow<'a, [u8]>, Obj<'a>)> = vec![];
        loop {
            match self.bytes.get(self.at)? {
                b'>' if self.bytes.get(self.at + 1) == Some(&b'>') => {
                    self.at += 2;
                    return Some(Dict(entries));
                }
                b'/' => {
                    self.at += 1;
                    let key = self.name()?;
                    self.white();
                    if entries.iter().any(|(k, _)| *k == key) {
                        return None;
                    }
                    let value = self.object()?;
                    entries.push((key, value));
                }
                _ => return None,
            }
        }
    }

    /// A number, a reference (`n g R`), `true`, `false` or `null`.
    fn keyword_or_number(&mut self) -> Option<Obj<'a>> {
        let word = self.word();
        match word {
            b"true" => return Some(Obj::Bool(true)),
            b"false" => return Some(Obj::Bool(false)),
            b"null" => return Some(Obj::Null),
            _ => {}
        }
        let number = number(word)?;
        // `n g R`: two unsigned integers and `R`.
        if let Obj::Int(n) = number
            && word[0].is_ascii_digit()
        {
            let save = self.at;
            self.white();
            let g = self.word();
            if !g.is_empty() && g.iter().all(u8::is_ascii_digit) {
                self.white();
                if self.word() == b"R" {
                    let number = u32::try_from(n).ok()?;
                    return Some(Obj::Ref((number, ascii_number(g)?)));
                }
            }
            self.at = save;
        }
        Some(number)
    }

    /// A name after its `/`, `#xx` escapes decoded.
    fn name(&mut self) -> Option<Cow<'a, [u8]>> {
        let raw = self.word();
        if !raw.contains(&b'#') {
            return Some(Cow::Borrowed(raw));
        }
        let mut out = Vec::with_capacity(raw.len());
        let mut i = 0;
        while i < raw.len() {
            if raw[i] == b'#' {
                let h = raw.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok()?);
                i += 3;
            } else {
                out.push(raw[i]);
                i += 1;
            }
        }
        Some(Cow::Owned(out))
    }

    /// A literal string: balanced parentheses, escapes decoded as lopdf decodes them.
    fn literal(&mut self) -> Option<Cow<'a, [u8]>> {
        self.at += 1;
        let start = self.at;
        let mut depth = 0usize;
        let mut plain = true;
        loop {
            match *self.bytes.get(self.at)? {
                b'\\' => {
                    plain = false;
                    self.at += 1;
                }
                b'\r' => plain = false,
                b'(' => {
                    depth += 1;
                    if depth >= 100 {
                        return None;
                    }
                }
                b')' if depth == 0 => break,
                b')' => depth -= 1,
                _ => {}
            }
            self.at += 1;
        }
        let raw = self.bytes.get(start..self.at)?;
        self.at += 1;
        if plain {
            return Some(Cow::Borrowed(raw));
        }
        Some(Cow::Owned(crate::protect::pdf_content::unescape(raw)))
    }

    /// A hexadecimal string: hex digits and white space only.
    fn hex(&mut self) -> Option<Vec<u8>> {
        self.at += 1;
        let mut out = vec![];
        let mut high: Option<u8> = None;
        loop {
            let b = *self.bytes.get(self.at)?;
            self.at += 1;
            if b == b'>' {
                break;
            }
            if is_white(b) {
                continue;
            }
            let v = (b as char).to_digit(16)? as u8;
            match high.take() {
                Some(h) => out.push(h << 4 | v),
                None => high = Some(v),
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        Some(out)
    }
}

/// An integer (`[+-]digits`) or a real (`[+-]digits.digits`, `[+-].digits`), as lopdf reads
/// them; anything else is not read.
fn number(word: &[u8]) -> Option<Obj<'static>> {
    let digits = word
        .strip_prefix(b"+")
        .or(word.strip_prefix(b"-"))
        .unwrap_or(word);
    let (int, frac) = match digits.iter().position(|&b| b == b'.') {
        Some(k) => (&digits[..k], Some(&digits[k + 1..])),
        None => (digits, None),
    };
    let all_digits = |d: &[u8]| d.iter().all(u8::is_ascii_digit);
    if !all_digits(int) || !frac.is_none_or(all_digits) {
        return None;
    }
    let text = std::str::from_utf8(word).ok()?;
    match frac {
        None if !int.is_empty() => Some(Obj::Int(text.parse().ok()?)),
        Some(f) if !int.is_empty() || !f.is_empty() => Some(Obj::Real(text.parse().ok()?)),
        _ => None,
    }
}
