//! The leak audit: every artifact of a public build is scanned for what must never be published
//! (the real names of witnesses who are not `named`, the parts of those names that are not also
//! part of their pseudonym, every `protected` string) before anything replaces the previous
//! artifacts. Matching ignores case, accents and Unicode normalisation form, and sees through
//! HTML entities, soft hyphens, zero-width characters and line breaks.

use crate::model::raw::Consent;
use crate::model::resolved::Report;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A string that must not appear, and whose it is.
#[derive(Debug, Clone)]
pub struct Protected {
    pub needle: String,
    pub shown: String,
    pub testimony: String,
    /// Match at word boundaries (name parts) or anywhere in the digits (phone numbers).
    pub mode: Mode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Words,
    Digits,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leak {
    pub artifact: String,
    pub testimony: String,
    pub what: String,
}

/// The protected strings of a report.
pub fn protected(report: &Report) -> Vec<Protected> {
    let mut out = vec![];
    for t in &report.testimonies {
        if t.consent != Consent::Named
            && let Some(n) = &t.name
        {
            for part in crate::resolve::name_parts_to_protect(n, t.pseudonym.as_deref()) {
                out.push(Protected {
                    needle: normalise(&part),
                    shown: part,
                    testimony: t.id.clone(),
                    mode: Mode::Words,
                });
            }
        }
        for p in &t.protected {
            let digits: String = p.chars().filter(char::is_ascii_digit).collect();
            let is_phone = digits.len() >= 6
                && p.chars()
                    .all(|c| c.is_ascii_digit() || " +-().".contains(c));
            if is_phone {
                out.push(Protected {
                    needle: digits,
                    shown: p.clone(),
                    testimony: t.id.clone(),
                    mode: Mode::Digits,
                });
            } else if !p.trim().is_empty() {
                out.push(Protected {
                    needle: normalise(p),
                    shown: p.clone(),
                    testimony: t.id.clone(),
                    mode: Mode::Words,
                });
            }
        }
    }
    out.retain(|p| !p.needle.is_empty());
    out
}

/// Lower case, accents removed, entities decoded, soft hyphens and zero-width characters
/// removed, every run of white space a single space.
pub fn normalise(s: &str) -> String {
    let decoded = decode_entities(s);
    let mut out = String::with_capacity(decoded.len());
    let mut space = false;
    for c in decoded.nfkd() {
        if is_combining_mark(c)
            || matches!(
                c,
                '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
            )
        {
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.extend(c.to_lowercase());
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
        let end = rest[1..].find(';').map(|e| e + 1).filter(|&e| e <= 12);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
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
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
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

/// The texts of an artifact to scan: its bytes as text, and for a Word document (a zip archive,
/// possibly compressed) the text of each XML part with the markup removed, so a name split
/// across runs or compressed in the archive is still seen.
pub fn texts(path: &str, bytes: &[u8]) -> Vec<String> {
    let mut out = vec![String::from_utf8_lossy(bytes).into_owned()];
    if path.ends_with(".docx")
        && let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes))
    {
        for i in 0..zip.len() {
            let Ok(mut f) = zip.by_index(i) else { continue };
            let mut xml = String::new();
            if std::io::Read::read_to_string(&mut f, &mut xml).is_ok() {
                out.push(xml_text(&xml));
            }
        }
    }
    out
}

/// The text of XML: the content of text runs joined, paragraphs separated by a space.
fn xml_text(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() / 2);
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let Some(j) = rest[i..].find('>') else { break };
        let tag = &rest[i..i + j + 1];
        if tag.starts_with("</w:p>") || tag.starts_with("<w:tab") || tag.starts_with("<w:br") {
            out.push(' ');
        }
        rest = &rest[i + j + 1..];
    }
    out.push_str(rest);
    out
}

/// Scans one artifact's text.
pub fn scan(artifact: &str, text: &str, protected: &[Protected]) -> Vec<Leak> {
    if protected.is_empty() {
        return vec![];
    }
    let norm = normalise(text);
    // Typst string literals escape quotes and backslashes; line breaks may split a name.
    let norm = norm.replace("\\n", " ").replace("\\\"", "\"");
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let mut out = vec![];
    for p in protected {
        let hit = match p.mode {
            Mode::Words => crate::resolve::find_word(&norm, &p.needle).is_some(),
            Mode::Digits => digits.contains(&p.needle),
        };
        if hit {
            out.push(Leak {
                artifact: artifact.to_string(),
                testimony: p.testimony.clone(),
                what: p.shown.clone(),
            });
        }
    }
    out
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

    #[test]
    fn sees_names_split_across_word_runs() {
        let xml = "<w:p><w:r><w:t>Ma</w:t></w:r><w:r><w:t xml:space=\"preserve\">matov said</w:t></w:r></w:p>";
        assert_eq!(xml_text(xml), "Mamatov said ");
    }
}
