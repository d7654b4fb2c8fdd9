//! Places finer than a region next to a witness who is not named: a village, a town, a district
//! or a street identifies a witness in a small community as surely as a name.
//!
//! How a place is known to be finer than a region, from the project itself (no gazetteer):
//!
//! - every testimony's `place:` (and each comma-separated part of it) is an exact place, every
//!   `region:` a coarse one. An exact place is **fine** when no testimony of the project gives it
//!   as a region, with or without a word such as `Oblast` or `region` (`Aravan` with the region
//!   `Osh Oblast` is fine; `Osh` is not, since `Osh region` is a region; `Almaty` is not when a
//!   testimony gives `Almaty` as its region);
//! - a name next to a word for a settlement or a part of one (`village`, `town`, `district`,
//!   `street`, `aiyl`, `rayon`, `mahalla`, `село`, `район`, `улица`, `rue`, `pueblo`, `ауылы`...,
//!   in the region's languages and the editions') is fine wherever it
//!   stands: `Kurbanaly Sabyrov village`, `the village of Golbo`, `село Андарак`.
//!
//! For every testimony that is `pseudonymous` or `anonymous`, a `quasi-identifier` warning when:
//!
//! 1. its `region:` is a fine place or holds a settlement word;
//! 2. its published text or description names one of its own fine places, or any name with a
//!    settlement word;
//! 3. a published chapter, finding or recommendation names one of its fine places, or any name
//!    with a settlement word, in the same paragraph as its pseudonym or a reference to it
//!    (`![[t-id]]`, `[@t-id]`).
//!
//! Public builds stop on these warnings unless report.yaml says `strict: false`.

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::load::ProjectFiles;
use crate::model::raw::Consent;
use crate::model::resolved::{Report, Testimony};
use crate::text::matcher::{Matcher, Protected, Reading, What, skeleton_of};
use std::collections::{BTreeSet, HashSet};

/// Words for a settlement or a part of one (lower case).
const SETTLEMENT: &[&str] = &[
    "village",
    "villages",
    "town",
    "district",
    "street",
    "avenue",
    "lane",
    "quarter",
    "rayon",
    "raion",
    "aiyl",
    "ayil",
    "aul",
    "kishlak",
    "qishloq",
    "mahalla",
    "mahallya",
    "settlement",
    "microdistrict",
    "mikrorayon",
    "hamlet",
    "село",
    "селе",
    "села",
    "деревня",
    "деревне",
    "посёлок",
    "поселок",
    "посёлке",
    "поселке",
    "район",
    "районе",
    "района",
    "улица",
    "улице",
    "улицы",
    "ул",
    "аил",
    "айыл",
    "айылы",
    "кишлак",
    "кишлаке",
    "махалля",
    "микрорайон",
    // French and Spanish, for editions and testimonies in those languages.
    "ville",
    "hameau",
    "quartier",
    "commune",
    "bourg",
    "arrondissement",
    "rue",
    "pueblo",
    "aldea",
    "distrito",
    "barrio",
    "calle",
    "avenida",
    "localidad",
    "caserío",
    // Kyrgyz, Kazakh, Uzbek and Tajik (after the name, or before it in Tajik's izafet).
    "айылы",
    "айылында",
    "району",
    "районунда",
    "көчөсү",
    "ауыл",
    "ауылы",
    "ауылында",
    "ауданы",
    "ауданында",
    "көшесі",
    "qishlogʻi",
    "qishlog'i",
    "tumani",
    "tumanida",
    "mahallasi",
    "деҳа",
    "деҳаи",
    "ноҳия",
    "ноҳияи",
    "кӯча",
    "кӯчаи",
];

/// Words between a settlement word and its name: `village of Golbo`, `village de Golbo`,
/// `barrio del Sur`, `village d’Andarak`.
const CONNECTOR: &[&str] = &["of", "de", "du", "des", "del", "d"];

/// Settlement words whose name follows directly, in the languages that write it so:
/// `rue Lénine`, `calle Sucre`, `aiyl Andarak` (and every Cyrillic one: `село Андарак`).
const NAME_FOLLOWS: &[&str] = &["aiyl", "kishlak", "rue", "calle", "avenida"];

/// Words that name a region-level unit (lower case).
const REGION: &[&str] = &[
    "region",
    "oblast",
    "province",
    "oblys",
    "oblysy",
    "oblusu",
    "viloyat",
    "viloyati",
    "область",
    "области",
    "облысы",
    "облусу",
    "вилоят",
];

/// Words that stand before a settlement word without being a name.
const NOT_A_NAME: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "our",
    "his",
    "her",
    "their",
    "its",
    "my",
    "your",
    "every",
    "each",
    "one",
    "same",
    "home",
    "native",
    "small",
    "local",
    "whole",
    "next",
    "in",
    "of",
    "from",
    "to",
    "and",
    "or",
    "а",
    "в",
    "и",
    "из",
    "на",
    "наш",
    "родное",
    "этот",
];

fn lower_words(s: &str) -> Vec<String> {
    s.split(|c: char| !crate::text::chars::is_alphanumeric(c))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A place's name without its settlement or region words (`Aravan District` -> `Aravan`).
fn bare(place: &str) -> String {
    place
        .split_whitespace()
        .filter(|w| {
            let l = w
                .trim_matches(|c: char| !crate::text::chars::is_alphanumeric(c))
                .to_lowercase();
            !SETTLEMENT.contains(&l.as_str())
                && !REGION.contains(&l.as_str())
                && !CONNECTOR.contains(&l.as_str())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn has_settlement_word(s: &str) -> bool {
    lower_words(s)
        .iter()
        .any(|w| SETTLEMENT.contains(&w.as_str()))
}

/// The coarse places of a project: every `region:`, and its name without a region word.
fn coarse_keys(report: &Report) -> HashSet<String> {
    let mut out = HashSet::new();
    for r in report
        .testimonies
        .iter()
        .filter_map(|t| t.region.as_deref())
    {
        out.insert(skeleton_of(r));
        out.insert(skeleton_of(&bare(r)));
    }
    out
}

/// A testimony's fine places: the parts of its `place:` that are no region of the project, each
/// as written and without its settlement word.
fn fine_places(t: &Testimony, coarse: &HashSet<String>) -> Vec<String> {
    let mut out = vec![];
    for part in t.place.iter().flat_map(|p| p.split(',')).map(str::trim) {
        let name = bare(part);
        let key = skeleton_of(&name);
        if key.len() < 3 || (coarse.contains(&key) && !has_settlement_word(part)) {
            continue;
        }
        if name != part {
            out.push(part.to_string());
        }
        out.push(name);
    }
    out.dedup();
    out
}

/// Names next to a settlement word in `text`: (byte offset, the phrase).
pub fn settlement_names(text: &str, coarse: &HashSet<String>) -> Vec<(usize, String)> {
    let words = words_of(text);
    let is_name = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && !NOT_A_NAME.contains(&w.to_lowercase().as_str())
            && !SETTLEMENT.contains(&w.to_lowercase().as_str())
            && !REGION.contains(&w.to_lowercase().as_str())
    };
    let mut out = vec![];
    for (k, (off, w)) in words.iter().enumerate() {
        if !is_settlement_word(w) {
            continue;
        }
        let l = w.to_lowercase();
        let cyrillic = l.chars().any(|c| ('\u{400}'..='\u{4FF}').contains(&c));
        // `village of Golbo`, `село Андарак`, `улица Ленина`.
        let between = |a: usize, b: usize| &text[words[a].0 + words[a].1.len()..words[b].0];
        let joined = |a: usize, b: usize| between(a, b) == " ";
        // The elided `d’` joins its name with an apostrophe: `village d’Andarak`.
        let elided = |a: usize, b: usize| matches!(between(a, b), "'" | "\u{2019}");
        let next = match words.get(k + 1) {
            Some((_, c))
                if CONNECTOR.contains(&c.to_lowercase().as_str())
                    && joined(k, k + 1)
                    && k + 2 < words.len()
                    && (joined(k + 1, k + 2)
                        || (c.eq_ignore_ascii_case("d") && elided(k + 1, k + 2))) =>
            {
                words.get(k + 2)
            }
            Some(n) if (cyrillic || NAME_FOLLOWS.contains(&l.as_str())) && joined(k, k + 1) => {
                Some(n)
            }
            _ => None,
        };
        if let Some((o, n)) = next
            && is_name(n)
            && !coarse.contains(&skeleton_of(n))
        {
            out.push((*off, text[*off..o + n.len()].to_string()));
            continue;
        }
        // `Andarak village`, `Kurbanaly Sabyrov village`.
        let mut first = k;
        while first > 0 && k - first < 3 && is_name(words[first - 1].1) && joined(first - 1, first)
        {
            first -= 1;
        }
        // A capitalised word that opens a sentence before a lower-case settlement word is
        // as likely an adjective (`Little town`) as a name: left out, as a common-word name
        // part at a sentence start is.
        let start = words[first].0;
        let before = text[..start].trim_end_matches([' ', '"', '\'', '(', '*', '_']);
        // A full stop after an initial (`Umar U.`) ends no sentence.
        let opens = before.chars().next_back().is_none_or(|c| match c {
            '.' => !ends_with_initial(before),
            c => matches!(c, '!' | '?' | '\n' | ':' | ';'),
        });
        let lower = w.chars().next().is_some_and(char::is_lowercase);
        if first < k && !(opens && lower && k - first == 1) {
            out.push((start, text[start..off + w.len()].to_string()));
        }
    }
    out
}

/// Whether a word is a settlement word (in any case): most words of a text are none, and
/// those of ASCII letters are lower-cased on the stack and looked up in a set.
fn is_settlement_word(w: &str) -> bool {
    static SET: std::sync::LazyLock<rustc_hash::FxHashSet<&str>> =
        std::sync::LazyLock::new(|| SETTLEMENT.iter().copied().collect());
    let mut buf = [0u8; 16];
    match buf.get_mut(..w.len()) {
        Some(lower) if w.is_ascii() => {
            lower.copy_from_slice(w.as_bytes());
            lower.make_ascii_lowercase();
            std::str::from_utf8(lower).is_ok_and(|l| SET.contains(l))
        }
        // No ASCII settlement word has more than 16 letters.
        None if w.is_ascii() => false,
        _ => SET.contains(crate::text::chars::to_lowercase(w).as_str()),
    }
}

/// Whether `s` ends with an initial and its full stop: `Umar U.`, not `in Osh.`.
fn ends_with_initial(s: &str) -> bool {
    let mut rev = s.strip_suffix('.').unwrap_or("").chars().rev();
    rev.next().is_some_and(char::is_uppercase)
        && rev
            .next()
            .is_none_or(|c| !crate::text::chars::is_alphanumeric(c))
}

/// The words of a text (letters, digits and hyphens) with their byte offsets.
fn words_of(text: &str) -> Vec<(usize, &str)> {
    let mut out = vec![];
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let letter = crate::text::chars::is_alphanumeric(c) || c == '-';
        match (letter, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn protected(t: &Testimony) -> bool {
    matches!(t.consent, Consent::Pseudonymous | Consent::Anonymous)
}

fn advice(t: &Testimony) -> String {
    match &t.region {
        Some(r) => format!("write the region (`{r}`) instead"),
        None => "write the region instead".into(),
    }
}

/// Checks 1 and 2 of the module documentation (in the testimonies' order), and what check 3
/// needs to run file by file ([`Near::in_file`]) as the published files are read.
pub fn check<'a>(files: &ProjectFiles, report: &'a Report) -> (Diagnostics, Near<'a>) {
    let coarse = coarse_keys(report);
    let fine: Vec<Vec<String>> = report
        .testimonies
        .iter()
        .map(|t| {
            if protected(t) {
                fine_places(t, &coarse)
            } else {
                vec![]
            }
        })
        .collect();
    let all_fine: HashSet<String> = fine.iter().flatten().map(|p| skeleton_of(p)).collect();
    // Each testimony on its own, shared out among the cores; the warnings in its order.
    use rayon::prelude::*;
    let own: Vec<Diagnostics> = report
        .testimonies
        .par_iter()
        .with_max_len(64)
        .zip(&fine)
        .map(|(t, places)| {
            let mut found = Diagnostics::default();
            if protected(t) {
                check_region(files, t, &all_fine, &mut found);
                check_own_text(files, t, places, &coarse, &mut found);
            }
            found
        })
        .collect();
    let mut diags = Diagnostics::default();
    own.into_iter().for_each(|d| diags.extend(d));
    (diags, Near::new(report, &fine, coarse))
}

/// 1: a `region:` that is a fine place.
fn check_region(
    files: &ProjectFiles,
    t: &Testimony,
    all_fine: &HashSet<String>,
    diags: &mut Diagnostics,
) {
    let Some(r) = &t.region else { return };
    if !(has_settlement_word(r) || all_fine.contains(&skeleton_of(r))) {
        return;
    }
    let at = field_at(files, t, "region").unwrap_or_else(|| Location::new(&t.file, t.line, 1));
    diags.push(
        Diagnostic::warning(
            "quasi-identifier",
            at,
            format!("testimony `{}`: the region `{r}` is finer than a region (a village, town, district or street, or the exact place of a testimony), and the witness is {}", t.id, t.consent.as_str()),
        )
        .with_hint("give the oblast or region; keep the exact place under `place:`, which is published only for `named`"),
    );
}

/// 2: the testimony's own published text and description.
fn check_own_text(
    files: &ProjectFiles,
    t: &Testimony,
    places: &[String],
    coarse: &HashSet<String>,
    diags: &mut Diagnostics,
) {
    let items: Vec<Protected> = places.iter().map(|p| place_item(p, &t.id)).collect();
    let m = Matcher::new(&items);
    let mut seen = BTreeSet::new();
    let text = &t.text.markdown;
    let mut found: Vec<(usize, String)> = m
        .find_in(text)
        .into_iter()
        .map(|h| (h.range.start, m.item(h.item).shown.clone()))
        .collect();
    found.extend(settlement_names(text, coarse));
    found.sort();
    for (off, place) in found {
        if published_as_allowed(t, &place) || !seen.insert(skeleton_of(&bare(&place))) {
            continue;
        }
        let at = crate::resolve::text::locate(&t.text.origin, text, off);
        diags.push(place_warning(t, &place, "its text", at));
    }
    if let Some(d) = &t.description {
        let mut found: Vec<String> = m
            .find_in(d)
            .into_iter()
            .map(|h| m.item(h.item).shown.clone())
            .collect();
        found.extend(settlement_names(d, coarse).into_iter().map(|(_, p)| p));
        // The description's exact place is reported by the older check (it proposes the region).
        let exact = t.place.as_deref().map(skeleton_of);
        if let Some(place) = found.into_iter().find(|p| {
            Some(skeleton_of(p)) != exact
                && !published_as_allowed(t, p)
                && seen.insert(skeleton_of(&bare(p)))
        }) {
            let at = field_at(files, t, "description")
                .unwrap_or_else(|| Location::new(&t.file, t.line, 1));
            diags.push(place_warning(t, &place, "its description", at));
        }
    }
}

/// Whether the authors listed a place under `speaker.publishable` (judged it publishable for
/// this witness: a large town, a place the witness agreed to publish).
fn published_as_allowed(t: &Testimony, place: &str) -> bool {
    let keys = [skeleton_of(place), skeleton_of(&bare(place))];
    t.publishable
        .iter()
        .any(|p| keys.contains(&skeleton_of(p)) || keys.contains(&skeleton_of(&bare(p))))
}

fn place_item(place: &str, testimony: &str) -> Protected {
    let what = if place.split_whitespace().count() == 1 {
        What::Part
    } else {
        What::Phrase
    };
    Protected::new(place, testimony, what)
}

fn place_warning(t: &Testimony, place: &str, where_: &str, at: Location) -> Diagnostic {
    Diagnostic::warning(
        "quasi-identifier",
        at,
        format!("testimony `{}`: {where_} names `{place}`, a place finer than a region, and the witness is {}", t.id, t.consent.as_str()),
    )
    .with_hint(format!("{}; a village, town, district or street can identify a witness in a small community", advice(t)))
}

/// Where `field:` of a testimony is written (its value's first column), if found.
fn field_at(files: &ProjectFiles, t: &Testimony, field: &str) -> Option<Location> {
    let f = files.testimonies.iter().find(|f| f.path == t.file)?;
    let key = format!("{field}:");
    for (n, line) in f.text.lines().enumerate().skip(t.line as usize) {
        let trimmed = line.trim_start();
        if trimmed.starts_with("- id:") {
            return None;
        }
        if let Some(i) = line.find(&key)
            && (trimmed.starts_with(&key) || line[..i].ends_with(['{', ' ', ',']))
        {
            let col = line[..i + key.len()].chars().count() + 2;
            return Some(Location::new(&t.file, n as u32 + 1, col as u32));
        }
    }
    None
}

/// Check 3: a fine place in the same paragraph as a protected witness's pseudonym or a
/// reference to the testimony, in published chapters, findings and recommendations. What it
/// looks for: the pseudonyms and fine places of the protected witnesses.
pub struct Near<'a> {
    m: Matcher,
    by_id: std::collections::HashMap<&'a str, &'a Testimony>,
    coarse: HashSet<String>,
}

impl<'a> Near<'a> {
    fn new(report: &'a Report, fine: &[Vec<String>], coarse: HashSet<String>) -> Near<'a> {
        let mut items = vec![];
        for (t, places) in report.testimonies.iter().zip(fine) {
            if !protected(t) {
                continue;
            }
            if let Some(p) = &t.pseudonym
                && skeleton_of(p).len() >= 3
            {
                items.push(Protected::new(p, &t.id, What::Phrase));
            }
            items.extend(places.iter().map(|p| place_item(p, &t.id)));
        }
        let by_id = report
            .testimonies
            .iter()
            .filter(|t| protected(t))
            .map(|t| (t.id.as_str(), t))
            .collect();
        Near {
            m: Matcher::new(&items),
            by_id,
            coarse,
        }
    }

    /// Whether [`Near::in_file`] reads the text (it has pseudonyms or places to look for).
    pub fn reads(&self) -> bool {
        !self.m.is_empty()
    }

    /// Check 3 in one file, paragraph by paragraph; `shown` is its published text, `reading`
    /// the reading of `shown` (used when [`Near::reads`]), each paragraph's cut out of it.
    pub fn in_file(
        &self,
        path: &str,
        text: &str,
        shown: &str,
        reading: Option<&Reading>,
    ) -> Vec<Diagnostic> {
        let (m, by_id) = (&self.m, &self.by_id);
        let mut out = vec![];
        for (start, raw) in paragraphs(text) {
            let para = &shown[start..start + raw.len()];
            let mut near: BTreeSet<&str> = referenced(raw)
                .into_iter()
                .filter_map(|id| by_id.get(id).map(|t| t.id.as_str()))
                .collect();
            let hits = match reading.filter(|_| self.reads()) {
                Some(r) => m.find_in_reading(&r.part(shown, start..start + raw.len())),
                None => m.find_in(para),
            };
            for h in &hits {
                let item = m.item(h.item);
                if Some(item.shown.as_str()) == by_id[item.testimony.as_str()].pseudonym.as_deref()
                {
                    near.insert(by_id[item.testimony.as_str()].id.as_str());
                }
            }
            if near.is_empty() {
                continue;
            }
            let mut found: Vec<(usize, String, &str)> = hits
                .iter()
                .map(|h| (h.range.start, m.item(h.item)))
                .filter(|(_, i)| near.contains(i.testimony.as_str()))
                .filter(|(_, i)| {
                    Some(i.shown.as_str()) != by_id[i.testimony.as_str()].pseudonym.as_deref()
                })
                .map(|(o, i)| (o, i.shown.clone(), by_id[i.testimony.as_str()].id.as_str()))
                .collect();
            let first = near.iter().next().copied().unwrap_or_default();
            found.extend(
                settlement_names(para, &self.coarse)
                    .into_iter()
                    .map(|(o, p)| (o, p, first)),
            );
            found.sort();
            found.dedup_by(|a, b| a.0 == b.0);
            for (off, place, id) in found {
                let t = by_id[id];
                if published_as_allowed(t, &place) {
                    continue;
                }
                let at = location_in(path, text, start + off);
                out.push(
                    Diagnostic::warning(
                        "quasi-identifier",
                        at,
                        format!("`{place}`, a place finer than a region, stands in the same paragraph as {} witness `{}` (testimony `{id}`)", t.consent.as_str(), t.pseudonym.as_deref().unwrap_or("without a name")),
                    )
                    .with_hint(format!("{}, or move the place away from the witness", advice(t))),
                );
            }
        }
        out
    }
}

/// The paragraphs of a file (split at blank lines, and at YAML list items), with their offsets.
fn paragraphs(text: &str) -> Vec<(usize, &str)> {
    let mut out = vec![];
    let mut start = 0;
    let mut off = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() || line.starts_with("- ") {
            if off > start {
                out.push((start, &text[start..off]));
            }
            start = if line.trim().is_empty() {
                off + line.len()
            } else {
                off
            };
        }
        off += line.len();
    }
    if off > start {
        out.push((start, &text[start..off]));
    }
    out
}

/// Ids referenced in a paragraph: `[[id]]`, `![[id]]`, `@id`.
fn referenced(para: &str) -> Vec<&str> {
    let mut out = vec![];
    for (i, _) in para.match_indices(['@', '[']) {
        let rest = &para[i + 1..];
        let rest = rest.strip_prefix('[').unwrap_or(rest);
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(rest.len());
        if end > 0 {
            out.push(&rest[..end]);
        }
    }
    out
}

fn location_in(path: &str, text: &str, off: usize) -> Location {
    let before = &text[..off];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Location::new(path, line as u32, col as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_next_to_settlement_words() {
        let found = |t: &str| -> Vec<String> {
            settlement_names(t, &HashSet::new())
                .into_iter()
                .map(|(_, p)| p)
                .collect()
        };
        assert_eq!(found("She lived in Andarak village."), ["Andarak village"]);
        assert_eq!(found("the village of Golbo"), ["village of Golbo"]);
        assert_eq!(found("в селе Андарак"), ["селе Андарак"]);
        assert_eq!(
            found("Kurbanaly Sabyrov village, Isfana"),
            ["Kurbanaly Sabyrov village"]
        );
        assert!(found("In the village, everyone knew. Our street was quiet.").is_empty());
        assert!(found("The district court ruled.").is_empty());
        assert!(found("Little town, long days. Official district rules.").is_empty());
        assert_eq!(found("We came from Andarak village."), ["Andarak village"]);
        assert_eq!(found("Shet District was far."), ["Shet District"]);
    }

    #[test]
    fn names_next_to_settlement_words_in_the_regions_other_languages() {
        let found = |t: &str| -> Vec<String> {
            settlement_names(t, &HashSet::new())
                .into_iter()
                .map(|(_, p)| p)
                .collect()
        };
        assert_eq!(
            found("Au village de Kyzyltash, rien."),
            ["village de Kyzyltash"]
        );
        assert_eq!(
            found("dans le district de Kyzyltash"),
            ["district de Kyzyltash"]
        );
        assert_eq!(found("au village d’Andarak"), ["village d’Andarak"]);
        assert_eq!(found("au hameau d'Andarak"), ["hameau d'Andarak"]);
        assert_eq!(
            found("vivía en el pueblo de Andarak"),
            ["pueblo de Andarak"]
        );
        assert_eq!(found("en la calle Sucre"), ["calle Sucre"]);
        assert_eq!(found("Кийин, Андарак айылында турчу"), ["Андарак айылында"]);
        assert_eq!(found("Кейін, Шет ауданында тұрды"), ["Шет ауданында"]);
        assert_eq!(found("дар деҳаи Қаротоғ"), ["деҳаи Қаротоғ"]);
        assert!(found("Au village, tout le monde savait. La rue était calme.").is_empty());
        assert!(found("el pueblo de sus padres").is_empty());
        assert_eq!(
            found("Umar U. Кара-Жыгач айылында"),
            ["Кара-Жыгач айылында"]
        );
    }

    #[test]
    fn settlement_words_are_known_in_any_case() {
        // The stack buffer holds every ASCII settlement word.
        assert!(SETTLEMENT.iter().all(|w| !w.is_ascii() || w.len() <= 16));
        let words = [
            "village",
            "Village",
            "VILLAGE",
            "villager",
            "District",
            "микрорайон",
            "Район",
            "РАЙОНЕ",
            "Arrondissement",
            "arrondissements",
            "Osh",
            "",
            "caserío",
            "CASERÍO",
            "Qishlogʻi",
            "ул",
            "Ул",
            "microdistrictsss",
            "mahalla",
        ];
        for w in words {
            assert_eq!(
                is_settlement_word(w),
                SETTLEMENT.contains(&w.to_lowercase().as_str()),
                "{w}"
            );
        }
    }

    #[test]
    fn a_place_is_fine_unless_a_testimony_gives_it_as_a_region() {
        assert_eq!(bare("Aravan District"), "Aravan");
        assert_eq!(bare("Osh region"), "Osh");
        assert_eq!(bare("district de Kyzyltash"), "Kyzyltash");
    }
}
