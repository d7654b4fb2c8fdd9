//! The fonts the PDFs are set in, and which characters they can draw.
//!
//! Typst runs with `--ignore-system-fonts`, so a PDF has the fonts typst embeds (Libertinus
//! Serif, the text face) and the fallbacks rapporteur embeds in its binary and gives typst with
//! `--font-path` ([`FALLBACKS`], from the repository's `fonts/` folder): DejaVu Serif for the
//! Cyrillic letters of Central Asian languages that Libertinus lacks (Kazakh ә ғ қ ұ һ і, Tajik
//! ҳ ҷ ӣ ӯ ...), DejaVu Sans for the Arabic script (Uyghur, Persian-script Tajik). The templates
//! name them in this order. [`has_glyph`] says whether one of them draws a character, so a
//! character none of them has is reported before typst would print an empty box.

use std::sync::OnceLock;

/// The text face, embedded in typst; a copy here is read for its coverage only.
const TEXT_FACE: &[u8] = include_bytes!("../../fonts/LibertinusSerif-Regular.otf");

/// The fallback fonts written for typst: (file name, bytes). The first two are the
/// regular faces, which the glyph check reads; then the bold and italic faces of the same
/// families, so that bold or italic text in letters Libertinus's faces lack (Kazakh in bold
/// italic, Kurdish Cyrillic ԛ ԝ, Uyghur in bold) is set bold or italic (typst does not make a bold
/// or italic face up). DejaVu Sans's oblique faces have no
/// Arabic script and are left out: Arabic has no italic, and typst sets an italic Uyghur word
/// upright in DejaVu Sans.
pub const FALLBACKS: &[(&str, &[u8])] = &[
    (
        "DejaVuSerif.ttf",
        include_bytes!("../../fonts/DejaVuSerif.ttf"),
    ),
    (
        "DejaVuSans.ttf",
        include_bytes!("../../fonts/DejaVuSans.ttf"),
    ),
    (
        "DejaVuSerif-Bold.ttf",
        include_bytes!("../../fonts/DejaVuSerif-Bold.ttf"),
    ),
    (
        "DejaVuSerif-Italic.ttf",
        include_bytes!("../../fonts/DejaVuSerif-Italic.ttf"),
    ),
    (
        "DejaVuSerif-BoldItalic.ttf",
        include_bytes!("../../fonts/DejaVuSerif-BoldItalic.ttf"),
    ),
    (
        "DejaVuSans-Bold.ttf",
        include_bytes!("../../fonts/DejaVuSans-Bold.ttf"),
    ),
];

/// How many of [`FALLBACKS`] are regular faces (the rest are their bold and italic faces).
const REGULAR: usize = 2;

/// The families of the PDFs' font chain, in order (as the templates name them).
pub const FAMILIES: &[&str] = &["Libertinus Serif", "DejaVu Serif", "DejaVu Sans"];

fn faces() -> &'static [ttf_parser::Face<'static>] {
    static FACES: OnceLock<Vec<ttf_parser::Face<'static>>> = OnceLock::new();
    FACES.get_or_init(|| {
        std::iter::once(TEXT_FACE)
            .chain(FALLBACKS[..REGULAR].iter().map(|(_, bytes)| *bytes))
            .filter_map(|bytes| ttf_parser::Face::parse(bytes, 0).ok())
            .collect()
    })
}

/// Whether a character needs no glyph: white space, control characters, and the invisible
/// formatting characters (soft hyphen, zero-width joiners and spaces, direction marks, variation
/// selectors, the byte-order mark).
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c,
            '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}'
            | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

/// Whether a font of the PDFs' chain draws `c` (an invisible character needs none). A character
/// of the Basic Multilingual Plane is looked up in the fonts once a run, then remembered: every
/// character of every text is asked about, most of them again and again.
pub fn has_glyph(c: char) -> bool {
    use std::sync::atomic::{AtomicU8, Ordering::Relaxed};
    /// Per character of the plane: 0 not looked up yet, 1 drawn, 2 not drawn.
    static ANSWERS: [AtomicU8; 0x1_0000] = [const { AtomicU8::new(0) }; 0x1_0000];
    if c.is_ascii() {
        return true;
    }
    let Some(answer) = ANSWERS.get(c as usize) else {
        return looked_up(c);
    };
    match answer.load(Relaxed) {
        1 => true,
        2 => false,
        _ => {
            let drawn = looked_up(c);
            answer.store(if drawn { 1 } else { 2 }, Relaxed);
            drawn
        }
    }
}

/// [`has_glyph`], looked up in the fonts.
fn looked_up(c: char) -> bool {
    is_invisible(c) || faces().iter().any(|f| f.glyph_index(c).is_some())
}

/// What the PDFs show in place of a character without a glyph: the replacement character `�`.
pub const REPLACEMENT: char = '\u{FFFD}';

/// `s` with every character that no font of the chain draws replaced by [`REPLACEMENT`]: an
/// archival PDF may not show an empty box (typst refuses to write one), so the PDF shows `�`
/// where the text has such a character, and `check` reports each with its place.
pub fn drawable(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().all(has_glyph) {
        return s.into();
    }
    s.chars()
        .map(|c| if has_glyph(c) { c } else { REPLACEMENT })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_answers_are_the_fonts_answers() {
        let chars = (0x80..0x3400)
            .chain(0xE000..0xE010)
            .chain(0xFFF0..0x1_0000)
            .chain(0x1_F600..0x1_F610)
            .filter_map(char::from_u32);
        let mut drawn = 0;
        for c in chars {
            let fonts = looked_up(c);
            drawn += usize::from(fonts);
            // Asked twice: looked up, then remembered.
            assert_eq!(has_glyph(c), fonts, "{c:?}");
            assert_eq!(has_glyph(c), fonts, "{c:?} remembered");
        }
        // Both answers are exercised.
        assert!(drawn > 1000 && drawn < 0x3400 - 0x80, "{drawn} drawn");
    }

    #[test]
    fn the_chain_draws_every_central_asian_letter_and_arabic_script() {
        let letters = "ӘәҒғҚқҢңӨөҰұҮүҺһІіҲҳҶҷӢӣӮӯЁё ئۆۇۈۋېىپچژگەڭ";
        let missing: Vec<char> = letters.chars().filter(|c| !has_glyph(*c)).collect();
        assert!(missing.is_empty(), "no glyph for {missing:?}");
        assert_eq!(faces().len(), 1 + REGULAR, "a font did not parse");
        for (name, bytes) in FALLBACKS {
            assert!(
                ttf_parser::Face::parse(bytes, 0).is_ok(),
                "{name} does not parse"
            );
        }
    }

    #[test]
    fn cjk_and_emoji_have_none() {
        for c in ['字', '🦄', '\u{E000}'] {
            assert!(!has_glyph(c), "{c}");
        }
        assert!(has_glyph('\u{200D}') && has_glyph('\u{AD}'));
    }

    #[test]
    fn characters_without_a_glyph_become_the_replacement_character() {
        assert!(has_glyph(REPLACEMENT));
        assert_eq!(drawable("出口 🦄 Қазақ"), "\u{FFFD}\u{FFFD} \u{FFFD} Қазақ");
        assert!(matches!(drawable("Қазақ"), std::borrow::Cow::Borrowed(_)));
    }
}
