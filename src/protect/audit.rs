//! The leak audit: every artifact of a public build is read as its reader gets it, by its format
//! ([`crate::protect::reading`]: the page text of a PDF, the visible text and CSS generated content of
//! an HTML page, Word's parts, JSON values) and scanned by the one matcher
//! ([`crate::protect::matcher`]) for what must never be published, before anything replaces the
//! previous artifacts. Protected are: the real name of every witness who is not `named` and each
//! part of it (three letters or more) that is not also part of the pseudonym nor listed under
//! `speaker.publishable`; every `protected` string; and phone numbers and e-mail addresses found
//! in any testimony text. A project's own templates are inside the audit by construction: the
//! audit reads what they print.
//!
//! [`audit`] is the only maker of [`Audited`], the only thing [`crate::emit`] writes: no artifact
//! reaches the disk without passing the audit.

use crate::model::raw::{Audience, Format};
use crate::model::resolved::Report;
use crate::protect::matcher::{Matcher, Protected, skeleton_of};
use crate::write::Artifact;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leak {
    pub artifact: String,
    pub testimony: String,
    pub what: String,
}

/// Artifacts the leak audit let through: the only thing [`crate::emit`] writes. Only [`audit`]
/// makes one, so no artifact reaches the disk without passing it.
#[derive(Debug)]
pub struct Audited {
    artifacts: Vec<Artifact>,
}

impl Audited {
    pub fn artifacts(&self) -> &[Artifact] {
        &self.artifacts
    }

    /// The artifacts that are shipped (not the intermediate Typst source and data, unless
    /// `build --keep-typst` asked for them).
    pub fn shipped(&self) -> impl Iterator<Item = &Artifact> {
        self.artifacts.iter().filter(|a| a.shipped)
    }
}

/// A batch of artifacts in which [`Audit::check`] found no leak (empty when it found one): what
/// [`crate::emit::Staging`] may stage on disk, out of its readers' sight, until the whole audit
/// has passed ([`Cleared`]). Only the audit makes one.
#[derive(Debug)]
pub struct Passed {
    artifacts: Vec<Artifact>,
}

impl Passed {
    /// The artifacts that are shipped (see [`Audited::shipped`]).
    pub fn shipped(&self) -> impl Iterator<Item = &Artifact> {
        self.artifacts.iter().filter(|a| a.shipped)
    }
}

/// The word of an [`Audit`] that every batch it checked passed: what
/// [`crate::emit::Staging::commit`] asks before it moves the staged artifacts into place. Only
/// [`Audit::finish`] makes one.
#[derive(Debug)]
pub struct Cleared {
    batches: usize,
}

impl Cleared {
    /// How many batches the audit checked.
    pub fn batches(&self) -> usize {
        self.batches
    }
}

/// The leak audit over every artifact, shipped or not (the intermediate Typst source too), for
/// their audience: a public artifact must not contain anything the report protects; internal
/// artifacts carry everything by design (marked confidential, and written apart from public ones).
/// The leaks are sorted by artifact, then by what leaked.
pub fn audit(
    report: &Report,
    audience: Audience,
    artifacts: Vec<Artifact>,
) -> Result<Audited, Vec<Leak>> {
    let audit = Audit::new(report, audience);
    let passed = audit.check(artifacts);
    audit.finish()?;
    Ok(Audited {
        artifacts: passed.artifacts,
    })
}

/// A leak audit taking artifacts as they are made (`build` audits each output while typst
/// compiles the next): the matcher is built once, each batch is scanned as it comes in (its
/// artifacts shared out among the cores) and handed back as [`Passed`] if clean, and
/// [`Audit::finish`] clears the whole only if no batch leaked.
pub struct Audit {
    /// `None` for internal artifacts (not scanned) or a report that protects nothing.
    scanner: Option<Scanner>,
    /// The batches checked so far, and the leaks found in them.
    checked: std::sync::Mutex<(usize, Vec<Leak>)>,
    /// Artifacts read ahead of their batch ([`Audit::read_ahead`]), with their leaks.
    ahead: std::sync::Mutex<Vec<Ahead>>,
    /// The keys of the fingerprints that recognise an artifact read ahead (random per audit).
    keys: [std::collections::hash_map::RandomState; 2],
}

/// An artifact read ahead of its batch: its path, its length and a fingerprint of its bytes
/// (two keyed 64-bit hashes), and the leaks found in it.
struct Ahead {
    path: String,
    len: usize,
    fingerprint: (u64, u64),
    leaks: Vec<Leak>,
}

impl Audit {
    /// The audit for one audience of a report (see [`audit`]).
    pub fn new(report: &Report, audience: Audience) -> Audit {
        let scanner = (audience == Audience::Public)
            .then(|| Scanner::new(&crate::protect::protected_items(report)))
            .flatten();
        Audit {
            scanner,
            checked: Default::default(),
            ahead: Default::default(),
            keys: Default::default(),
        }
    }

    /// Reads an artifact ahead of its batch (`build` reads each PDF as soon as typst has made
    /// it, while the others compile): the batch that brings the same bytes under the same path
    /// takes these leaks instead of reading it again; any other is read in its batch.
    pub fn read_ahead(&self, path: &str, format: Format, bytes: &[u8]) {
        let Some(s) = &self.scanner else { return };
        let leaks = scan_bytes(path, format, bytes, s);
        let ahead = Ahead {
            path: path.to_string(),
            len: bytes.len(),
            fingerprint: self.fingerprint(bytes),
            leaks,
        };
        self.ahead
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(ahead);
    }

    fn fingerprint(&self, bytes: &[u8]) -> (u64, u64) {
        use std::hash::BuildHasher;
        (self.keys[0].hash_one(bytes), self.keys[1].hash_one(bytes))
    }

    /// The leaks of an artifact read ahead with these very bytes, if it was.
    fn read_before(&self, a: &Artifact) -> Option<Vec<Leak>> {
        let mut ahead = self.ahead.lock().unwrap_or_else(|e| e.into_inner());
        let k = ahead
            .iter()
            .position(|r| r.path == a.path && r.len == a.bytes.len())?;
        let fingerprint = self.fingerprint(&a.bytes);
        (ahead[k].fingerprint == fingerprint).then(|| ahead.swap_remove(k).leaks)
    }

    /// Scans a batch of artifacts now (those read ahead with the same bytes are not read
    /// again): the batch back if nothing leaked in it, else nothing (its leaks are kept for
    /// [`Audit::finish`]).
    pub fn check(&self, artifacts: Vec<Artifact>) -> Passed {
        let leaks = match &self.scanner {
            Some(s) => {
                let mut leaks = vec![];
                let mut unread = vec![];
                for a in &artifacts {
                    match self.read_before(a) {
                        Some(l) => leaks.extend(l),
                        None => unread.push(a),
                    }
                }
                leaks.extend(scan_all(&unread, s));
                leaks
            }
            None => vec![],
        };
        let clean = leaks.is_empty();
        let mut checked = self.checked.lock().unwrap_or_else(|e| e.into_inner());
        checked.0 += 1;
        checked.1.extend(leaks);
        Passed {
            artifacts: if clean { artifacts } else { vec![] },
        }
    }

    /// The audit cleared, if no batch leaked; else every leak found (sorted by artifact, then
    /// by what leaked).
    pub fn finish(self) -> Result<Cleared, Vec<Leak>> {
        let (batches, mut leaks) = self.checked.into_inner().unwrap_or_else(|e| e.into_inner());
        if !leaks.is_empty() {
            leaks.sort_by(|a, b| (&a.artifact, &a.what).cmp(&(&b.artifact, &b.what)));
            return Err(leaks);
        }
        Ok(Cleared { batches })
    }
}

/// Scans the artifacts, shared out among the cores (one pass per artifact).
fn scan_all(artifacts: &[&Artifact], scanner: &Scanner) -> Vec<Leak> {
    use rayon::prelude::*;
    artifacts
        .par_iter()
        .flat_map_iter(|a| scan(a, scanner))
        .collect()
}

/// The one matcher over everything a report protects, and how far one of its matches reaches:
/// what the leak audit scans with.
pub struct Scanner {
    matcher: Matcher,
    /// How many clean starts ([`clean_start`]) a window reads on each side of its own part of
    /// the text: more than twice the most words a match spans, so that every match starting in
    /// its part, the matches beside it and the publishable phrase around it are read whole.
    margin: usize,
}

impl Scanner {
    /// The scanner of these protected items; `None` when they protect nothing.
    pub fn new(items: &[Protected]) -> Option<Scanner> {
        let matcher = Matcher::new(items);
        if matcher.is_empty() {
            return None;
        }
        // A match spans the words of one pattern: a phrase's skeleton, or a name's words, each
        // read alone and joined (see the matcher's patterns).
        let words = |s: &str| skeleton_of(s).split(' ').filter(|w| !w.is_empty()).count();
        let longest = items
            .iter()
            .map(|p| {
                let apart: usize = p
                    .shown
                    .split(|c: char| {
                        !(crate::text::chars::is_alphanumeric(c) || "'ʼʻʹ’-".contains(c))
                    })
                    .map(words)
                    .sum();
                apart.max(words(&p.shown))
            })
            .max()
            .unwrap_or(0);
        Some(Scanner {
            matcher,
            margin: 2 * (longest + 1) + 8,
        })
    }

    /// The protected items found in a reader's text (sorted, once each), exactly those the
    /// matcher finds reading it whole. A long text is read in windows side by side
    /// (see `windows`), so that neither its time nor its memory grows with one artifact's size.
    pub fn items_in(&self, text: &str) -> Vec<usize> {
        let mut items: Vec<usize> = self
            .hits_in_windows(text, WINDOW)
            .into_iter()
            .map(|(_, item)| item)
            .collect();
        items.sort_unstable();
        items.dedup();
        items
    }

    /// Where each protected item is found (its first byte, the item), in the order of the
    /// text, reading windows of about `size` bytes side by side.
    fn hits_in_windows(&self, text: &str, size: usize) -> Vec<(usize, usize)> {
        use rayon::prelude::*;
        let mut hits: Vec<(usize, usize)> = windows(text, size, self.margin)
            .into_par_iter()
            .flat_map_iter(|(window, own)| {
                let start = window.start;
                self.matcher
                    .find_in(&text[window])
                    .into_iter()
                    .map(move |h| (start + h.range.start, h.item))
                    .filter(move |(at, _)| own.contains(at))
            })
            .collect();
        hits.sort_unstable();
        hits
    }
}

/// The size of a window's own part of a long text (see [`windows`]).
const WINDOW: usize = 4 << 20;

/// Whether the matcher's reading of a text may start afresh at `p` and read the same words as
/// the whole text's reading from there: `p` follows `x word.\n` (a letter or digit, one space,
/// a lower-case word of three letters or more that is a word of the reading, a full stop, a line
/// break). There, the word before has ended (no hyphen or emphasis joins it to what follows, no
/// single letters wait to be joined, no run of digits goes on), and the next word starts a
/// sentence either way.
fn clean_start(b: &[u8], p: usize) -> bool {
    if p < 7 || b[p - 1] != b'\n' || b[p - 2] != b'.' {
        return false;
    }
    let end = p - 2;
    let mut s = end;
    while s > 0 && b[s - 1].is_ascii_lowercase() {
        s -= 1;
    }
    if end - s < 3 || s < 2 || b[s - 1] != b' ' || !b[s - 2].is_ascii_alphanumeric() {
        return false;
    }
    // The reading drops a few words (`dot` of an obfuscated address): the word must be read.
    let word = skeleton_of(std::str::from_utf8(&b[s..end]).unwrap_or_default());
    !crate::text::matcher::is_dropped(word.as_bytes())
}

/// The `k`-th clean start after `from` (or the text's end).
fn clean_after(b: &[u8], from: usize, mut k: usize) -> usize {
    let mut at = from;
    while k > 0 {
        match b[at..].iter().position(|&c| c == b'\n') {
            Some(i) => at += i + 1,
            None => return b.len(),
        }
        if clean_start(b, at) {
            k -= 1;
        }
    }
    at
}

/// The `k`-th clean start before `to` (or the text's start).
fn clean_before(b: &[u8], to: usize, mut k: usize) -> usize {
    let mut at = to;
    while k > 0 {
        // The line break ending at `at` is not looked at again.
        match b[..at.saturating_sub(1)].iter().rposition(|&c| c == b'\n') {
            Some(i) => at = i + 1,
            None => return 0,
        }
        if clean_start(b, at) {
            k -= 1;
        }
    }
    at
}

/// A text cut into parts of about `size` bytes at clean starts ([`clean_start`]), each with the
/// window that reads it: `margin` clean starts before and after it (or up to the text's edges).
/// A match found in a window counts for the part its first word is in: each part's matches are
/// those of the whole reading, since the window reads the same words around them as the whole
/// reading does. A text without clean starts is one part.
fn windows(text: &str, size: usize, margin: usize) -> Vec<(Range<usize>, Range<usize>)> {
    let b = text.as_bytes();
    let mut cuts = vec![0];
    let mut at = size;
    while at + size / 2 < b.len() {
        let cut = clean_after(b, at, 1);
        if cut + size / 2 >= b.len() {
            break;
        }
        cuts.push(cut);
        at = cut + size;
    }
    cuts.push(b.len());
    cuts.windows(2)
        .map(|c| {
            let window = clean_before(b, c[0], margin)..clean_after(b, c[1], margin);
            (window, c[0]..c[1])
        })
        .collect()
}

/// Scans one artifact, read by its format: one leak per protected item found.
pub fn scan(artifact: &Artifact, scanner: &Scanner) -> Vec<Leak> {
    scan_bytes(&artifact.path, artifact.format, &artifact.bytes, scanner)
}

/// [`scan`] of an artifact given by its path, format and bytes.
fn scan_bytes(path: &str, format: Format, bytes: &[u8], scanner: &Scanner) -> Vec<Leak> {
    let text = match format {
        // Generated Typst source: its string literals are what it prints (labels are ids).
        Format::Typst => typst_literals(&crate::protect::reading::lossy(bytes)),
        format => crate::protect::reading::reader_text(format, bytes),
    };
    let matcher = &scanner.matcher;
    scanner
        .items_in(&text)
        .into_iter()
        .map(|i| {
            let p = matcher.item(i);
            Leak {
                artifact: path.to_string(),
                testimony: p.testimony.clone(),
                what: p.shown.clone(),
            }
        })
        .collect()
}
/// The contents of Typst string literals, unescaped, one per line.
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
        // A soft boundary: a name split over two literals is read whole, two names stay two.
        out.push('*');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protect::matcher::for_witness;

    /// A long text of sentences, lines and cells with names whole, split, spaced, hyphenated
    /// over a line break, in endings and beside common words, phone numbers and obfuscated
    /// addresses, from a fixed seed.
    fn text(seed: u64, lines: usize) -> String {
        const PIECES: &[&str] = &[
            "Aigul",
            "Sadykova",
            "Sadykovanyn",
            "Sady-\n",
            "kova",
            "S a d y k o v a",
            "Bakyt",
            "bakyt",
            "Zhumabaev",
            "Jumabaeva",
            "Talas",
            "Region",
            "Talas Region",
            "uulu",
            "Said",
            "said",
            "the",
            "workers",
            "were",
            "paid",
            "late.",
            "late.\n",
            "dot.\n",
            "dot",
            "at",
            "aigul",
            "[at]",
            "mail",
            "[dot]",
            "org",
            "+996 700",
            "123 456",
            "0700 123",
            "456.\n",
            "a",
            "b",
            "c",
            "x",
            "y.\n",
            "\t",
            "\n",
            "\n\n",
            ".",
            "-",
            "Mama*tov*",
            "MamaTov",
            "sadykova.\n",
            "mamatov.\n",
            "aigul.\n",
            "&amp;",
            "%41igul",
            "Ai&#103;ul",
            "xn--80ak6aa92e",
        ];
        let mut x = seed;
        let mut out = String::new();
        for _ in 0..lines * 8 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            out.push_str(PIECES[(x >> 33) as usize % PIECES.len()]);
            out.push(if (x >> 20).is_multiple_of(5) {
                '\n'
            } else {
                ' '
            });
        }
        out
    }

    #[test]
    fn an_artifact_read_ahead_counts_only_with_the_very_same_bytes() {
        let items = for_witness("t1", Some("Aigul Sadykova"), None, &[], &[]);
        let audit = || Audit {
            scanner: Scanner::new(&items),
            checked: Default::default(),
            ahead: Default::default(),
            keys: Default::default(),
        };
        let artifact = |text: &str| Artifact::shipped("a", Format::Text, text.as_bytes().into());
        let (leaky, clean) = ("met Aigul Sadykova there", "met Gulnar Sadyrov there");
        // As long: only the bytes tell them apart.
        assert_eq!(leaky.len(), clean.len());
        // Read ahead with the same bytes: its leaks count, and it is not read again.
        let a = audit();
        a.read_ahead("a.txt", Format::Text, leaky.as_bytes());
        // A batch that leaked is not handed back: nothing of it can be staged.
        assert_eq!(a.check(vec![artifact(leaky)]).shipped().count(), 0);
        assert!(a.ahead.lock().unwrap().is_empty());
        assert!(!a.finish().unwrap_err().is_empty());
        // Read ahead clean, then other bytes (as long) under the same path: read again, caught.
        let a = audit();
        a.read_ahead("a.txt", Format::Text, clean.as_bytes());
        a.check(vec![artifact(leaky)]);
        assert!(!a.finish().unwrap_err().is_empty());
        // Read ahead leaky, then clean bytes: the clean bytes are what is judged.
        let a = audit();
        a.read_ahead("a.txt", Format::Text, leaky.as_bytes());
        let passed = a.check(vec![artifact(clean)]);
        assert_eq!(passed.shipped().count(), 1);
        assert_eq!(a.finish().unwrap().batches(), 1);
    }

    #[test]
    fn a_long_text_read_in_windows_finds_what_the_whole_reading_finds() {
        let mut items = for_witness(
            "t1",
            Some("Aigul Sadykova"),
            Some("Gulnara"),
            &["Talas Region".into()],
            &["+996 700 123 456".into(), "aigul@mail.org".into()],
        );
        items.extend(for_witness(
            "t2",
            Some("Bakyt Zhumabaev uulu"),
            None,
            &[],
            &[],
        ));
        items.extend(for_witness("t3", Some("Said Mamatov"), None, &[], &[]));
        let mut scanner = Scanner::new(&items).expect("names are protected");
        let mut differs = false;
        for seed in 0..40 {
            let text = text(seed, 400);
            let mut whole: Vec<(usize, usize)> = scanner
                .matcher
                .find_in(&text)
                .into_iter()
                .map(|h| (h.range.start, h.item))
                .collect();
            whole.sort_unstable();
            assert!(!whole.is_empty());
            for size in [40, 150, 600, 5000] {
                assert!(windows(&text, size, scanner.margin).len() > 1 || size == 5000);
                let found = scanner.hits_in_windows(&text, size);
                assert_eq!(found, whole, "seed {seed}, size {size}");
            }
            // Without the margin, matches across a cut are lost or read differently.
            let margin = std::mem::replace(&mut scanner.margin, 0);
            differs |= scanner.hits_in_windows(&text, 40) != whole;
            scanner.margin = margin;
        }
        assert!(differs, "the texts put no match across a cut");
    }

    #[test]
    fn windows_cover_the_text_once_and_start_where_the_reading_starts_afresh() {
        let text = text(7, 2000);
        let b = text.as_bytes();
        let parts = windows(&text, 500, 10);
        assert!(parts.len() > 10);
        assert_eq!(parts[0].1.start, 0);
        assert_eq!(parts.last().unwrap().1.end, text.len());
        for w in parts.windows(2) {
            assert_eq!(w[0].1.end, w[1].1.start);
        }
        for (window, own) in &parts {
            assert!(window.start <= own.start && own.end <= window.end);
            assert!(window.start == 0 || clean_start(b, window.start));
            assert!(window.end == b.len() || clean_start(b, window.end));
        }
    }
}
