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
    /// Prints nothing ([`super::matcher::is_invisible`]).
    invisible: bool,
    upper: bool,
    lower: bool,
    /// The length of `fold` in characters, or [`UNKNOWN`] when the form is not in the table.
    len: u8,
    fold: [char; FOLD],
}

const UNKNOWN: u8 = u8::MAX;

const NONE: Entry = Entry {
    joins: false,
    invisible: false,
    upper: false,
    lower: false,
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
    let mut e = Entry {
        joins: c.is_alphanumeric() || invisible,
        invisible,
        upper: c.is_uppercase(),
        lower: c.is_lowercase(),
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

/// Whether `c` is a letter, a digit or prints nothing: `c.is_alphanumeric() ||
/// is_invisible(c)`.
pub fn joins_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || super::matcher::is_invisible(c);
    }
    match entry(c) {
        Some(e) => e.joins,
        None => c.is_alphanumeric() || super::matcher::is_invisible(c),
    }
}

/// `c.is_uppercase()`.
pub fn is_uppercase(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    entry(c).map_or_else(|| c.is_uppercase(), |e| e.upper)
}

/// `c.is_lowercase()`.
pub fn is_lowercase(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase();
    }
    entry(c).map_or_else(|| c.is_lowercase(), |e| e.lower)
}

/// Whether `c` prints nothing ([`super::matcher::is_invisible`]).
pub fn is_invisible(c: char) -> bool {
    match entry(c) {
        Some(e) if !c.is_ascii() => e.invisible,
        _ => super::matcher::is_invisible(c),
    }
}

/// Appends the normalised form of `word` ([`super::normalise`]) with its invisible characters
/// left out, as `normalise` of the word without them gives it, when every character of the
/// word has its form in the table. `Some(false)` when every character was invisible (nothing
/// appended), `None` when a character's form is not in the table (`out` is then as it was).
pub fn fold_word(word: &str, out: &mut String) -> Option<bool> {
    let begin = out.len();
    let mut any = false;
    for c in word.chars() {
        if c.is_ascii() {
            if super::matcher::is_invisible(c) {
                continue;
            }
            if c.is_whitespace() {
                // White space joins the words around it by one space: not a word's.
                out.truncate(begin);
                return None;
            }
            out.push(c.to_ascii_lowercase());
            any = true;
            continue;
        }
        match entry(c) {
            Some(e) if e.invisible => {}
            Some(e) if e.len != UNKNOWN => {
                for &f in &e.fold[..usize::from(e.len)] {
                    out.push(f);
                }
                any = true;
            }
            _ => {
                out.truncate(begin);
                return None;
            }
        }
    }
    Some(any)
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
            assert_eq!(is_invisible(c), invisible, "{c:?}");
            assert_eq!(is_uppercase(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_lowercase(c), c.is_lowercase(), "{c:?}");
            let mut out = String::from("x");
            let alone = c.to_string();
            match fold_word(&alone, &mut out) {
                Some(true) => assert_eq!(out, format!("x{}", crate::text::normalise(&alone))),
                Some(false) => assert!(invisible && out == "x", "{c:?}"),
                None => assert_eq!(out, "x", "{c:?}"),
            }
        }
    }

    #[test]
    fn a_word_folds_as_normalise_folds_it_without_its_invisible_characters() {
        for word in [
            "Айгүл",
            "ЙОШКАР",
            "Ёлка\u{AD}ғы",
            "Straße",
            "ﬁnal",
            "Ǆemal",
            "Ṩ",
            "İstanbul",
            "ΣΟΦΊΑ",
            "Қазақстан2024",
            "\u{200B}",
            "a\u{0}b",
        ] {
            let mut out = String::new();
            let kept: String = word
                .chars()
                .filter(|c| !crate::text::matcher::is_invisible(*c))
                .collect();
            match fold_word(word, &mut out) {
                Some(true) => assert_eq!(out, crate::text::normalise(&kept), "{word}"),
                Some(false) => assert!(kept.is_empty() && out.is_empty(), "{word}"),
                None => assert!(out.is_empty(), "{word}"),
            }
        }
        let mut out = String::new();
        assert_eq!(fold_word("Айгүл", &mut out), Some(true));
        // Accents go, as `normalise` takes them off: й reads и.
        assert_eq!(out, "аигүл");
    }
}
