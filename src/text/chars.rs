//! What the readers of text ask of every character beyond ASCII (does it join a word, does it
//! print nothing, what is its normalised form), looked up in a table of the Basic Multilingual
//! Plane filled 256 characters at a time on first use. Each entry is worked out by the very
//! functions it stands for, so a lookup answers what they answer; Unicode's own tables are
//! searched on every call, which made reading Russian, Kazakh or Kyrgyz text several times
//! slower than reading English.

use std::sync::OnceLock;

/// The longest normalised form kept in the table, in characters; a longer one is worked out
/// per call.
const FOLD: usize = 3;

#[derive(Clone, Copy)]
struct Entry {
    /// A letter, a digit or a character that prints nothing: part of a word.
    joins: bool,
    alnum: bool,
    alpha: bool,
    /// Prints nothing ([`super::matcher::is_invisible`]).
    invisible: bool,
    upper: bool,
    lower: bool,
    /// The first character of its lower case, and whether that is all of it.
    lowered: char,
    lowered_whole: bool,
    /// The length of `fold` in characters, or [`UNKNOWN`] when the form is not in the table.
    len: u8,
    fold: [char; FOLD],
}

const UNKNOWN: u8 = u8::MAX;

const NONE: Entry = Entry {
    joins: false,
    alnum: false,
    alpha: false,
    invisible: false,
    upper: false,
    lower: false,
    lowered: '\0',
    lowered_whole: false,
    len: UNKNOWN,
    fold: [' '; FOLD],
};

static BLOCKS: [OnceLock<Box<[Entry; 256]>>; 256] = [const { OnceLock::new() }; 256];

/// The table's entry of `c`, `None` beyond the Basic Multilingual Plane.
fn entry(c: char) -> Option<&'static Entry> {
    let n = c as u32;
    if n > 0xFFFF {
        return None;
    }
    let block = BLOCKS[(n >> 8) as usize].get_or_init(|| block(n >> 8));
    Some(&block[(n & 0xFF) as usize])
}

fn block(high: u32) -> Box<[Entry; 256]> {
    let mut out = Box::new([NONE; 256]);
    for (low, e) in out.iter_mut().enumerate() {
        // Surrogates are no characters: they keep `NONE`.
        if let Some(c) = char::from_u32(high << 8 | low as u32) {
            *e = entry_of(c);
        }
    }
    out
}

fn entry_of(c: char) -> Entry {
    let invisible = super::matcher::is_invisible(c);
    let mut lowered = c.to_lowercase();
    let mut e = Entry {
        joins: c.is_alphanumeric() || invisible,
        alnum: c.is_alphanumeric(),
        alpha: c.is_alphabetic(),
        invisible,
        upper: c.is_uppercase(),
        lower: c.is_lowercase(),
        lowered: lowered.next().unwrap_or('\0'),
        lowered_whole: lowered.next().is_none(),
        ..NONE
    };
    // A form made of white space depends on what comes before and after it: not tabled.
    let mut spaced = false;
    unicode_normalization::char::decompose_compatible(c, |d| spaced |= d.is_whitespace());
    let form = super::normalise(c.encode_utf8(&mut [0; 4]));
    if !spaced && form.chars().count() <= FOLD {
        for (k, f) in form.chars().enumerate() {
            e.fold[k] = f;
            e.len = k as u8 + 1;
        }
        if form.is_empty() {
            e.len = 0;
        }
    }
    e
}

/// `c`'s answer to `standard` (a property of characters), from the table's `field` beyond
/// ASCII (where `standard` answers at once) and within the Basic Multilingual Plane.
#[inline]
fn tabled(c: char, field: fn(&Entry) -> bool, standard: fn(char) -> bool) -> bool {
    if c.is_ascii() {
        return standard(c);
    }
    entry(c).map_or_else(|| standard(c), field)
}

/// Whether `c` is a letter, a digit or prints nothing: `c.is_alphanumeric() ||
/// is_invisible(c)`.
pub fn joins_word(c: char) -> bool {
    tabled(
        c,
        |e| e.joins,
        |c| c.is_alphanumeric() || super::matcher::is_invisible(c),
    )
}

/// `c.is_alphanumeric()`.
pub fn is_alphanumeric(c: char) -> bool {
    tabled(c, |e| e.alnum, char::is_alphanumeric)
}

/// `c.is_alphabetic()`.
pub fn is_alphabetic(c: char) -> bool {
    tabled(c, |e| e.alpha, char::is_alphabetic)
}

/// `c.to_lowercase().next()`: the first character of its lower case.
pub fn first_lowercase(c: char) -> Option<char> {
    match entry(c) {
        Some(e) => Some(e.lowered),
        None => c.to_lowercase().next(),
    }
}

/// `s.to_lowercase()`.
pub fn to_lowercase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match entry(c) {
            // A capital sigma's lower case depends on where it stands in its word.
            _ if c == 'Σ' => return s.to_lowercase(),
            Some(e) if e.lowered_whole => out.push(e.lowered),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// `c.is_uppercase()`.
pub fn is_uppercase(c: char) -> bool {
    tabled(c, |e| e.upper, char::is_uppercase)
}

/// `c.is_lowercase()`.
pub fn is_lowercase(c: char) -> bool {
    tabled(c, |e| e.lower, char::is_lowercase)
}

/// The place in А to я (0 to 63, the capitals below 32) of the letter of the basic Russian
/// alphabet whose UTF-8 starts at `b[i]`, if one does.
#[inline]
pub fn basic_russian_at(b: &[u8], i: usize) -> Option<u8> {
    match (b.get(i)?, b.get(i + 1)?) {
        (0xD0, x @ 0x90..=0xBF) => Some(x - 0x90),
        (0xD1, x @ 0x80..=0x8F) => Some(x - 0x80 + 0x30),
        _ => None,
    }
}

/// What a character is to a word being read ([`in_word`]).
pub enum InWord {
    /// Joins no word: the word ends before it.
    Not,
    /// Joins the word and prints nothing: left out of its normalised form.
    Invisible,
    /// Joins the word, with this normalised form ([`super::normalise`] of it alone).
    Form(&'static [char]),
    /// Joins the word; its form is not in the table (work the word out whole).
    Unknown,
}

/// What `c` is to a word: [`joins_word`], [`super::matcher::is_invisible`] and its normalised
/// form, in one lookup.
pub fn in_word(c: char) -> InWord {
    match entry(c) {
        Some(e) if !e.joins => InWord::Not,
        Some(e) if e.invisible => InWord::Invisible,
        Some(e) if e.len != UNKNOWN => InWord::Form(&e.fold[..usize::from(e.len)]),
        Some(_) => InWord::Unknown,
        None if !joins_word(c) => InWord::Not,
        None => InWord::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character of the Basic Multilingual Plane and a sample beyond: the table answers
    /// what the functions it stands for answer.
    #[test]
    fn the_table_answers_as_the_functions_it_stands_for() {
        let beyond = (0x1_0000..0x11_0000).step_by(97);
        for n in (0..0x1_0000).chain(beyond) {
            let Some(c) = char::from_u32(n) else {
                continue;
            };
            let invisible = crate::text::matcher::is_invisible(c);
            assert_eq!(joins_word(c), c.is_alphanumeric() || invisible, "{c:?}");
            assert_eq!(is_uppercase(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_lowercase(c), c.is_lowercase(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(first_lowercase(c), c.to_lowercase().next(), "{c:?}");
            let alone = format!("a{c}b{c}");
            assert_eq!(to_lowercase(&alone), alone.to_lowercase(), "{c:?}");
            match in_word(c) {
                InWord::Not => assert!(!joins_word(c), "{c:?}"),
                InWord::Invisible => assert!(invisible, "{c:?}"),
                InWord::Form(f) => {
                    assert!(joins_word(c) && !invisible, "{c:?}");
                    let f: String = f.iter().collect();
                    assert_eq!(f, crate::text::normalise(&c.to_string()), "{c:?}");
                }
                InWord::Unknown => assert!(joins_word(c), "{c:?}"),
            }
        }
    }

    #[test]
    fn a_text_is_lowered_as_the_standard_library_lowers_it() {
        for s in [
            "ΣΟΦΙΑΣ ΣΑΣ",
            "Қазақстан İSTANBUL",
            "ǄEMAL Ǆ",
            "АЙГҮЛ",
            "",
            "KELVIN \u{212A}",
        ] {
            assert_eq!(to_lowercase(s), s.to_lowercase(), "{s}");
        }
    }

    #[test]
    fn a_basic_russian_letter_is_found_by_its_bytes() {
        for n in 0..0x800u32 {
            let Some(c) = char::from_u32(n) else {
                continue;
            };
            let text = format!("{c}.");
            let place = ('А'..='я').contains(&c).then(|| (n - 'А' as u32) as u8);
            assert_eq!(basic_russian_at(text.as_bytes(), 0), place, "{c:?}");
        }
        assert_eq!(basic_russian_at("\u{D0}".as_bytes(), 1), None);
    }
}
