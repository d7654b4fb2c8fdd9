//! The `language:` of report.yaml: a BCP 47 tag (`en`, `ru`, `fr-CH`), read with ICU4X's
//! parser. A language name written instead of a tag (`Russian`, `русский`) gets its tag as a
//! suggestion.

/// Language names (English and the language's own) -> tag, for the suggestion.
const NAMES: &[(&str, &str)] = &[
    ("english", "en"),
    ("russian", "ru"),
    ("русский", "ru"),
    ("french", "fr"),
    ("français", "fr"),
    ("francais", "fr"),
    ("spanish", "es"),
    ("español", "es"),
    ("espanol", "es"),
    ("kyrgyz", "ky"),
    ("kirghiz", "ky"),
    ("кыргызча", "ky"),
    ("kazakh", "kk"),
    ("қазақша", "kk"),
    ("uzbek", "uz"),
    ("tajik", "tg"),
    ("german", "de"),
    ("arabic", "ar"),
    ("chinese", "zh"),
];

/// A tag normalised (`EN-gb` -> `en-GB`), or why it is not one, with a suggestion where one
/// exists.
pub fn parse(written: &str) -> Result<String, (String, Option<String>)> {
    let w = written.trim();
    let named = NAMES
        .iter()
        .find(|(n, _)| *n == w.to_lowercase())
        .map(|(_, t)| *t);
    match w.parse::<icu_locale_core::LanguageIdentifier>() {
        Ok(id) if named.is_none() => Ok(id.to_string()),
        _ => {
            let message =
                format!("`{w}` is not a BCP 47 language tag such as `en`, `ru`, `fr` or `es`");
            let hint = named
                .map(|t| format!("did you mean `{t}`?"))
                .or_else(|| crate::diagnostic::did_you_mean(w, NAMES.iter().map(|(n, _)| *n)));
            let hint =
                hint.map(
                    |h| match NAMES.iter().find(|(n, _)| h.contains(&format!("`{n}`"))) {
                        Some((_, t)) if named.is_none() => format!("did you mean `{t}`?"),
                        _ => h,
                    },
                );
            Err((message, hint))
        }
    }
}

/// The language subtag of a tag: `fr-CH` -> `fr`.
pub fn language_of(tag: &str) -> String {
    tag.parse::<icu_locale_core::LanguageIdentifier>()
        .map(|id| id.language.to_string())
        .unwrap_or_else(|_| tag.split(['-', '_']).next().unwrap_or(tag).to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_normalised() {
        assert_eq!(parse("ru").unwrap(), "ru");
        assert_eq!(parse("EN-gb").unwrap(), "en-GB");
        assert_eq!(parse("fr-CH").unwrap(), "fr-CH");
        assert_eq!(language_of("fr-CH"), "fr");
    }

    #[test]
    fn a_language_name_suggests_its_tag() {
        let (msg, hint) = parse("Russian").unwrap_err();
        assert!(msg.contains("`Russian`"), "{msg}");
        assert_eq!(hint.as_deref(), Some("did you mean `ru`?"));
        assert_eq!(
            parse("русский").unwrap_err().1.as_deref(),
            Some("did you mean `ru`?")
        );
        assert_eq!(
            parse("Rusian").unwrap_err().1.as_deref(),
            Some("did you mean `ru`?")
        );
        assert!(parse("x!").is_err());
    }
}
