//! Text helpers every stage may use (the pipeline's leaf): normalising text for comparison,
//! finding a word at word boundaries, and the one matcher for protected names and strings
//! ([`matcher`]: spelling skeletons, transliteration variants, name endings, word boundaries);
//! the fonts of the PDFs and the characters they draw ([`fonts`]); what each character beyond
//! ASCII is, looked up in a table ([`chars`]).

pub mod chars;
pub mod fonts;
pub mod matcher;

use unicode_normalization::char::is_combining_mark;

/// Lower case, accents removed, entities decoded, soft hyphens and zero-width characters
/// removed, every run of white space a single space.
pub fn normalise(s: &str) -> String {
    let decoded = decode_entities(s);
    let mut out = String::with_capacity(decoded.len());
    let mut space = false;
    let mut push = |c: char, out: &mut String| {
        if is_combining_mark(c)
            || matches!(
                c,
                '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
            )
        {
            return;
        }
        if c.is_whitespace() {
            space = true;
            return;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    };
    for c in decoded.chars() {
        if c.is_ascii() {
            push(c, &mut out);
        } else {
            // Compatibility decomposition, one character at a time (ASCII needs none).
            unicode_normalization::char::decompose_compatible(c, |d| push(d, &mut out));
        }
    }
    out
}

/// Decodes HTML character references (`&#1040;`, `&#x410;`, `&amp;` and the common named ones).
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match entity(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The HTML character reference at the start of `s` (which starts with `&`): the character and
/// the reference's length. Numeric references (`&#1040;`, `&#x410;`) and the common named ones.
pub fn entity(s: &str) -> Option<(char, usize)> {
    // The `;` is looked for only where a reference can end (not through the rest of the text).
    let end = 1 + s.as_bytes()[1..].iter().take(12).position(|&b| b == b';')?;
    let name = &s[1..end];
    let c = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
    } else if let Some(dec) = name.strip_prefix('#') {
        dec.parse().ok().and_then(char::from_u32)
    } else {
        match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            "shy" => Some('\u{AD}'),
            _ => None,
        }
    }?;
    Some((c, end + 1))
}

/// Byte offset of `word` in `haystack` at word boundaries (both already lower-cased).
pub fn find_word(haystack: &str, word: &str) -> Option<usize> {
    if word.is_empty() {
        return None;
    }
    let mut from = 0;
    while let Some(i) = haystack[from..].find(word) {
        let start = from + i;
        let end = start + word.len();
        let before = haystack[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !chars::is_alphanumeric(c));
        let after = haystack[end..]
            .chars()
            .next()
            .is_none_or(|c| !chars::is_alphanumeric(c));
        if before && after {
            return Some(start);
        }
        from = start + word.len().max(1);
        while !haystack.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}

/// A small deterministic generator (xorshift) for the tests that compare two readings on
/// generated texts: the same numbers from the same seed on every run.
#[cfg(test)]
pub(crate) fn xorshift(mut seed: u64) -> impl FnMut() -> usize {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_accents_entities_and_soft_hyphens() {
        assert_eq!(normalise("Ma\u{AD}matov"), "mamatov");
        assert_eq!(normalise("M&#97;matov &amp; Co"), "mamatov & co");
        assert_eq!(normalise("Mamátov\nAziz"), "mamatov aziz");
        assert_eq!(normalise("ÄZİZ"), normalise("aziz"));
    }
}
