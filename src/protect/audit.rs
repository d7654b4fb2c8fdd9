//! The leak audit: every artifact of a public build is scanned for what must never be published
//! before anything replaces the previous artifacts. Protected are: the real name of every witness
//! who is not `named` and each part of it (three letters or more) that is not also part of the
//! pseudonym nor listed under `speaker.publishable`; every `protected` string; and phone numbers
//! and e-mail addresses found in any testimony text.
//!
//! Matching ignores case, accents and Unicode normalisation form; it sees through HTML entities
//! and tags, soft hyphens, zero-width characters, line breaks and hyphenation, Typst string
//! escapes, Word's XML parts, and script: a Cyrillic name is caught in Latin transliteration and the reverse
//! ([`crate::text::translit`]). PDFs are read for their metadata, outline and other strings
//! ([`crate::protect::pdf`]); their page text is checked through the Typst source it comes from.

use crate::model::raw::Consent;
use crate::model::resolved::Report;
use crate::text::normalise;
use crate::text::translit::skeleton;

/// A string that must not appear, and whose it is.
#[derive(Debug, Clone)]
pub struct Protected {
    /// Normalised form (see [`normalise`]).
    pub needle: String,
    /// Its skeleton (see [`skeleton`]), for matching across scripts and spellings.
    pub skeleton: String,
    pub shown: String,
    pub testimony: String,
    pub mode: Mode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// At word boundaries (names, protected words).
    Words,
    /// The digits anywhere in the artifact's digit stream (phone numbers).
    Digits,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leak {
    pub artifact: String,
    pub testimony: String,
    pub what: String,
}

fn word(p: &str, testimony: &str) -> Protected {
    let needle = normalise(p);
    Protected {
        skeleton: skeleton(&needle),
        needle,
        shown: p.to_string(),
        testimony: testimony.to_string(),
        mode: Mode::Words,
    }
}

/// The protected strings of a report.
pub fn protected(report: &Report) -> Vec<Protected> {
    let mut out = vec![];
    for t in &report.testimonies {
        if t.consent != Consent::Named
            && let Some(n) = &t.name
        {
            let publishable: Vec<String> = t.publishable.iter().map(|p| normalise(p)).collect();
            for part in crate::text::name_parts_to_protect(n, t.pseudonym.as_deref()) {
                if !publishable.contains(&normalise(&part)) {
                    out.push(word(&part, &t.id));
                }
            }
        }
        let contacts = crate::resolve::risk::contact_details(&t.text.markdown);
        for p in t.protected.iter().chain(contacts.iter()) {
            let digits: String = p.chars().filter(char::is_ascii_digit).collect();
            let is_phone = digits.len() >= 6
                && p.chars()
                    .all(|c| c.is_ascii_digit() || " +-().".contains(c));
            if is_phone {
                out.push(Protected {
                    needle: digits.clone(),
                    skeleton: digits,
                    shown: p.clone(),
                    testimony: t.id.clone(),
                    mode: Mode::Digits,
                });
            } else if !p.trim().is_empty() {
                out.push(word(p, &t.id));
            }
        }
    }
    out.retain(|p| !p.needle.is_empty());
    out
}

/// Text between tags, tags replaced by `sep` (`""` joins `Mama<em>tov</em>`, `" "` separates blocks).
fn strip_tags(html: &str, sep: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push_str(sep);
            }
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The text of Word's XML: the content of text runs joined, paragraphs, tabs and breaks a space.
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

/// The contents of Typst string literals, unescaped and joined (`#"Mama"#emph[#"tov"]` reads
/// `Mamatov`).
fn typst_literals(src: &str) -> String {
    let mut out = String::new();
    let mut chars = src.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some('n') | Some('r') | Some('t') => out.push(' '),
                    Some('u') => {
                        let code: String =
                            chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                        if let Some(ch) =
                            u32::from_str_radix(&code, 16).ok().and_then(char::from_u32)
                        {
                            out.push(ch);
                        }
                    }
                    Some(other) => out.push(other),
                    None => {}
                },
                '"' => break,
                c => out.push(c),
            }
        }
    }
    out
}

/// The readings of an artifact the audit searches, by file type.
fn readings(artifact: &str, bytes: &[u8]) -> Vec<String> {
    let lower = artifact.to_lowercase();
    if lower.ends_with(".pdf") {
        return vec![crate::protect::pdf::strings(bytes)];
    }
    if lower.ends_with(".docx") {
        // A Word file is a zip of XML parts: read them all (text, footnotes, properties).
        let mut v = vec![];
        if let Ok(mut z) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
            for i in 0..z.len() {
                if let Ok(mut f) = z.by_index(i) {
                    let mut xml = String::new();
                    if std::io::Read::read_to_string(&mut f, &mut xml).is_ok() {
                        v.push(xml_text(&xml));
                        v.push(strip_tags(&xml, ""));
                        v.push(strip_tags(&xml, " "));
                        v.push(xml);
                    }
                }
            }
        }
        return v;
    }
    let text = String::from_utf8_lossy(bytes).to_string();
    let mut v = vec![];
    if lower.ends_with(".html") || lower.ends_with(".htm") {
        v.push(strip_tags(&text, ""));
        v.push(strip_tags(&text, " "));
    }
    if lower.ends_with(".typ") {
        v.push(typst_literals(&text));
        v.push(
            text.replace("\\n", " ")
                .replace("\\\"", "\"")
                .replace("\\\\", "\\"),
        );
    }
    v.push(text);
    v
}

/// Scans one artifact.
pub fn scan(artifact: &str, bytes: &[u8], protected: &[Protected]) -> Vec<Leak> {
    if protected.is_empty() {
        return vec![];
    }
    let mut hits: Vec<&Protected> = vec![];
    let readings = readings(artifact, bytes);
    let digits: String = readings
        .iter()
        .flat_map(|r| {
            r.chars()
                .filter(char::is_ascii_digit)
                .chain(std::iter::once(' '))
        })
        .collect();
    for r in &readings {
        let norm = normalise(r);
        // Hyphenation: "Mama-\ntov" and "Mama- tov" read as one word.
        let joined = norm.replace("- ", "");
        let skel = skeleton(&norm);
        let skel_joined = skeleton(&joined);
        for p in protected {
            if hits.iter().any(|h| std::ptr::eq(*h, p)) {
                continue;
            }
            let hit = match p.mode {
                Mode::Words => {
                    [&norm, &joined]
                        .iter()
                        .any(|h| crate::text::find_word(h, &p.needle).is_some())
                        || (p.skeleton.chars().count() >= 3
                            && [&skel, &skel_joined]
                                .iter()
                                .any(|h| crate::text::find_word(h, &p.skeleton).is_some()))
                }
                Mode::Digits => digits.replace(' ', "").contains(&p.needle),
            };
            if hit {
                hits.push(p);
            }
        }
    }
    hits.into_iter()
        .map(|p| Leak {
            artifact: artifact.to_string(),
            testimony: p.testimony.clone(),
            what: p.shown.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_typst_literals_and_html_text() {
        assert_eq!(
            typst_literals(r##"#"Mama"#emph[#"tov"] #"a\"b""##),
            "Mamatova\"b"
        );
        assert_eq!(strip_tags("Mama<em>tov</em>", ""), "Mamatov");
        let xml = "<w:p><w:r><w:t>Ma</w:t></w:r><w:r><w:t xml:space=\"preserve\">matov said</w:t></w:r></w:p>";
        assert_eq!(xml_text(xml), "Mamatov said ");
    }
}
