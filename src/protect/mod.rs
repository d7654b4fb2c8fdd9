//! Witness protection: what must never be published, and the tools around it.
//!
//! - [`matcher`] (re-exported from [`crate::text::matcher`]): the one matcher for protected names,
//!   strings, phones and e-mail addresses that `resolve`, `check` and the audit share;
//!   [`protected_items`]: what a report protects;
//! - [`reading`]: the text a reader of each artifact gets (PDF page text, HTML visible text and
//!   CSS generated content, Word parts), for the audit; [`pdf_text`]: a PDF's reading, from its
//!   objects read in place ([`pdf_objects`]) or, for a file of another shape, with lopdf;
//!   [`pdf_content`]: a PDF page's content stream read operator by operator, for that reading;
//!   [`html_tokens`]: a plain HTML page read from its tokens, without building its tree;
//! - [`audit`]: the leak audit every public artifact passes before anything is written;
//! - [`places`]: places finer than a region beside a witness who is not named (warnings that stop
//!   a strict public build);
//! - [`pseudonym`]: pseudonym proposals the way established reports make them;
//! - [`sealed`]: what a run without the key does with sealed files (check warns, build stops);
//! - [`check_sources`]: protected names written in published source text, found before any build.
//!
//! The checks on testimonies themselves (shared name parts, pseudonyms, quasi-identifiers, contact
//! details in text) are content checks, run at resolution ([`crate::resolve::risk`]).

pub mod audit;
pub mod html_tokens;
pub mod pdf_content;
pub mod pdf_objects;
pub mod pdf_text;
pub mod places;
pub mod pseudonym;
pub mod reading;
pub mod sealed;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::load::ProjectFiles;
use crate::model::resolved::Report;
/// The one matcher (pure text, in the pipeline's leaf so that `resolve` shares it).
pub use crate::text::matcher;
use matcher::{Protected, for_witness};

/// The protected items of a report: for every witness who is not `named`, the real name and its
/// parts; for every testimony, its `protected` strings and the contact details in its text.
pub fn protected_items(report: &Report) -> Vec<Protected> {
    // Each witness's items on all cores (the contact details are read in the whole text),
    // gathered in the testimonies' order.
    use rayon::prelude::*;
    let of_witnesses: Vec<Vec<Protected>> = report
        .testimonies
        .par_iter()
        .with_max_len(64)
        .map(|t| {
            let name = t
                .name
                .as_deref()
                .filter(|_| t.consent != crate::model::raw::Consent::Named);
            let mut strings = t.protected.clone();
            strings.extend(crate::resolve::risk::contact_details(&t.text.markdown));
            for_witness(
                &t.id,
                name,
                t.pseudonym.as_deref(),
                &t.publishable,
                &strings,
            )
        })
        .collect();
    of_witnesses.into_iter().flatten().collect()
}

/// What `check` can see before any build: a protected name or string written in a file whose
/// text is published (chapters, findings, recommendations, sources, addressees, report.yaml) or
/// in a testimony's published text or description, found by the one matcher
/// ([`matcher`]) with its file, line and column. What is not published is left out: YAML
/// comments, ids (`![[t-bakyt]]`, `[@t-bakyt]`, `id: t-bakyt`), image paths and file names. The
/// build's leak audit reads what the sources do not show (templates, generated text).
pub fn check_sources(files: &ProjectFiles, report: &Report, diags: &mut Diagnostics) {
    if let Some(m) = names_matcher(report) {
        let ids = ids_of(report);
        let (_, found) = read_published(files, report, &ids, Some(&m), None);
        diags.extend(found);
    }
}

/// [`check_sources`] and [`places::check`] in one pass: each published file is blanked and
/// read once for both. Returns the places' warnings and the protected names found, each in
/// the order the two checks give them alone.
pub fn check_sources_and_places(
    files: &ProjectFiles,
    report: &Report,
) -> (Diagnostics, Diagnostics) {
    let ((names, ids), (mut places, near)) = rayon::join(
        || (names_matcher(report), ids_of(report)),
        || places::check(files, report),
    );
    let (near, found) = read_published(files, report, &ids, names.as_ref(), Some(&near));
    places.extend(near);
    (places, found)
}

/// The matcher of every protected item of the report, if there is any to look for.
fn names_matcher(report: &Report) -> Option<matcher::Matcher> {
    let protected = protected_items(report);
    if protected.is_empty() {
        return None;
    }
    Some(matcher::Matcher::new(&protected)).filter(|m| !m.is_empty())
}

/// The published files and testimonies, each file blanked and read once: the places near
/// protected witnesses (`near`, in chapters, findings and recommendations) and the protected
/// names (`names`, everywhere).
fn read_published(
    files: &ProjectFiles,
    report: &Report,
    ids: &Ids,
    names: Option<&matcher::Matcher>,
    near: Option<&places::Near>,
) -> (Diagnostics, Diagnostics) {
    use rayon::prelude::*;
    fn only(fs: &[crate::load::SourceFile], near: bool) -> Vec<(&crate::load::SourceFile, bool)> {
        fs.iter().map(|f| (f, near)).collect()
    }
    let published: Vec<_> = [
        only(files.manifest.as_slice(), false),
        only(&files.chapters, true),
        only(&files.findings, true),
        only(&files.recommendations, true),
        only(files.addressees.as_slice(), false),
        only(&files.sources, false),
    ]
    .concat();
    // Each file on its own, shared out among the cores, the longest first (one long file read
    // last would leave the other cores idle); the diagnostics pushed in the files' order.
    let mut longest_first: Vec<usize> = (0..published.len()).collect();
    longest_first.sort_by_key(|&k| std::cmp::Reverse(published[k].0.text.len()));
    let mut in_files: Vec<(usize, Found)> = longest_first
        .par_iter()
        .with_max_len(8)
        .map(|&k| {
            let (f, in_near) = published[k];
            let near = near.filter(|_| in_near);
            (k, read_file(f, ids, names, near))
        })
        .collect();
    in_files.sort_unstable_by_key(|(k, _)| *k);
    let in_testimonies = match names {
        Some(m) => in_testimonies(report, m, ids),
        None => vec![],
    };
    let (mut placed, mut named) = (Diagnostics::default(), Diagnostics::default());
    for (_, (p, n)) in in_files {
        p.into_iter().for_each(|d| placed.push(d));
        n.into_iter().for_each(|d| named.push(d));
    }
    in_testimonies.into_iter().for_each(|d| named.push(d));
    (placed, named)
}

/// What one published file holds: the places near protected witnesses, the protected names.
type Found = (Vec<Diagnostic>, Vec<Diagnostic>);

/// One published file blanked and read: the places near protected witnesses (when `near` is
/// given) and the protected names in it.
fn read_file(
    f: &crate::load::SourceFile,
    ids: &Ids,
    names: Option<&matcher::Matcher>,
    near: Option<&places::Near>,
) -> Found {
    if names.is_none() && near.is_none() {
        return (vec![], vec![]);
    }
    let shown = published_text(&f.path, &f.text, ids);
    let reading = (names.is_some() || near.is_some_and(places::Near::reads))
        .then(|| matcher::Reading::of(&shown));
    let placed = near
        .map(|n| n.in_file(&f.path, &f.text, &shown, reading.as_ref()))
        .unwrap_or_default();
    let named = match (names, &reading) {
        (Some(m), Some(r)) => in_file(&f.path, &f.text, m, r),
        _ => vec![],
    };
    (placed, named)
}

/// The protected items in the testimonies' published texts and descriptions, in the
/// testimonies' order.
fn in_testimonies(report: &Report, m: &matcher::Matcher, ids: &Ids) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let found: Vec<Option<Diagnostic>> = report
        .testimonies
        .par_iter()
        .with_max_len(64)
        .flat_map_iter(|t| {
            let fields = [
                ("text", Some(&t.text.markdown)),
                ("description", t.description.as_ref()),
            ];
            let published = t.consent != crate::model::raw::Consent::Internal;
            fields
                .into_iter()
                .filter(move |_| published)
                .filter_map(|(field, text)| Some((field, text?)))
                .map(|(field, text)| {
                    let text = published_text("testimony.md", text, ids);
                    // The testimony's own name in its own text is reported by the consent
                    // checks.
                    let hit = m
                        .find_in(&text)
                        .into_iter()
                        .find(|h| m.item(h.item).testimony != t.id || field == "description");
                    hit.map(|h| protected_here(m.item(h.item), Location::new(&t.file, t.line, 1)))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    found.into_iter().flatten().collect()
}

/// The protected items written in one published file (`reading`: of its published text), once
/// per line.
fn in_file(
    path: &str,
    text: &str,
    m: &matcher::Matcher,
    reading: &matcher::Reading,
) -> Vec<Diagnostic> {
    let hits = m.find_in_reading(reading);
    if hits.is_empty() {
        return vec![];
    }
    let lines = crate::parse::LineIndex::new(text);
    let mut seen = std::collections::BTreeSet::new();
    let mut out = vec![];
    // A part of a name found inside the whole name (`Aigul` in `Aigul Sekretova`) is the same
    // leak: reported once, as the longest.
    let within_longer = |h: &matcher::Hit| {
        hits.iter().any(|o| {
            o.range != h.range && o.range.start <= h.range.start && h.range.end <= o.range.end
        })
    };
    for h in hits.iter().filter(|h| !within_longer(h)) {
        let (line, col) = lines.position(h.range.start);
        if !seen.insert((line, h.item)) {
            continue;
        }
        let at = Location::new(path, line, col);
        out.push(protected_here(m.item(h.item), at));
    }
    out
}

fn protected_here(p: &matcher::Protected, at: Location) -> Diagnostic {
    Diagnostic::error(
        "protected",
        at,
        format!("`{}` is protected by testimony `{}` (its consent level forbids publishing it), and this text is published", p.shown, p.testimony),
    )
    .with_hint("remove it, or use the pseudonym")
}

/// Every id of the report (never published as text), with what says quickly that a word is
/// none: most words of a text are no id. First the lengths of the ids and the pairs of their
/// first and last bytes (8 KB, in the nearest cache: a word of letters is no id of the form
/// `t000001`), then the set: the ids of up to 15 bytes packed into one number each (held in the
/// set's own slots, compared without reading the id where it is stored), the longer ones apart.
struct Ids<'a> {
    short: rustc_hash::FxHashSet<u128>,
    long: rustc_hash::FxHashSet<&'a str>,
    lengths: u64,
    ends: Vec<u64>,
}

impl<'a> Ids<'a> {
    fn new(ids: impl Iterator<Item = &'a str>) -> Self {
        let mut out = Ids {
            short: Default::default(),
            long: Default::default(),
            lengths: 0,
            ends: vec![0; (1 << 16) / 64],
        };
        for id in ids {
            out.lengths |= 1 << id.len().min(63);
            if let Some(e) = Self::ends(id) {
                out.ends[e / 64] |= 1 << (e % 64);
            }
            match Self::packed(id) {
                Some(p) => out.short.insert(p),
                None => out.long.insert(id),
            };
        }
        out
    }

    /// The first and last bytes of `s`, as one number.
    fn ends(s: &str) -> Option<usize> {
        let b = s.as_bytes();
        Some(usize::from(*b.first()?) << 8 | usize::from(*b.last()?))
    }

    /// A string of up to 15 bytes as one number: its bytes, then its length in the last byte
    /// (two strings have the same number only if they are the same).
    fn packed(s: &str) -> Option<u128> {
        let b = s.as_bytes();
        if b.len() > 15 {
            return None;
        }
        let mut buf = [0u8; 16];
        buf[..b.len()].copy_from_slice(b);
        buf[15] = b.len() as u8;
        Some(u128::from_le_bytes(buf))
    }

    fn contains(&self, s: &str) -> bool {
        if let Some(e) = Self::ends(s)
            && (self.lengths & (1 << s.len().min(63)) == 0
                || self.ends[e / 64] & (1 << (e % 64)) == 0)
        {
            return false;
        }
        match Self::packed(s) {
            Some(p) => self.short.contains(&p),
            None => self.long.contains(s),
        }
    }
}

fn ids_of(report: &Report) -> Ids<'_> {
    Ids::new(
        report
            .testimonies
            .iter()
            .map(|t| t.id.as_str())
            .chain(report.findings.iter().map(|f| f.id.as_str()))
            .chain(report.recommendations.iter().map(|r| r.id.as_str()))
            .chain(report.documents.iter().map(|d| d.id.as_str()))
            .chain(report.meetings.iter().map(|m| m.id.as_str()))
            .chain(report.addressees.iter().map(|a| a.id.as_str())),
    )
}

/// The text of a source file with what is never published blanked out (each byte a space, so
/// offsets and lines stay): YAML comments, ids, image and file paths. The text itself when
/// nothing is (most testimonies).
fn published_text<'t>(path: &str, text: &'t str, ids: &Ids) -> std::borrow::Cow<'t, str> {
    // A sealed file is read as the file it wraps.
    let path = path.strip_suffix(".age").unwrap_or(path);
    let mut hidden = vec![];
    if path.ends_with(".yaml") || path.ends_with(".yml") {
        yaml_comments(text, &mut hidden);
    } else if path.ends_with(".md") && text.starts_with("---") {
        front_matter_comments(text, &mut hidden);
    }
    hidden_tokens(text, ids, &mut hidden);
    if hidden.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    // The comments' ranges, then the tokens' (each in the text's order), may overlap.
    hidden.sort_unstable_by_key(|r| r.start);
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for r in hidden {
        if r.end <= done {
            continue;
        }
        let from = r.start.max(done);
        out.push_str(&text[done..from]);
        out.extend(std::iter::repeat_n(' ', r.end - from));
        done = r.end;
    }
    out.push_str(&text[done..]);
    std::borrow::Cow::Owned(out)
}

/// The YAML comment in `line` (starting at `off` in its text), if any: from a `#` at the
/// line's start or after white space, outside quotes, to the line's end.
fn comment_in_line(line: &str, off: usize, hidden: &mut Vec<std::ops::Range<usize>>) {
    let (mut single, mut double) = (false, false);
    let lb = line.as_bytes();
    for (i, &c) in lb.iter().enumerate() {
        match c {
            b'\'' if !double => single = !single,
            b'"' if !single => double = !double,
            b'#' if !single && !double && (i == 0 || lb[i - 1].is_ascii_whitespace()) => {
                let end = line.trim_end_matches('\n').len();
                hidden.push(off + i..off + end);
                return;
            }
            _ => {}
        }
    }
}

/// The comments of a YAML file: only the lines with a `#` are read (their quotes too).
fn yaml_comments(text: &str, hidden: &mut Vec<std::ops::Range<usize>>) {
    let mut from = 0;
    while let Some(k) = memchr::memchr(b'#', &text.as_bytes()[from..]) {
        let at = from + k;
        let start = memchr::memrchr(b'\n', &text.as_bytes()[..at]).map_or(0, |n| n + 1);
        let end = memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |n| at + n + 1);
        comment_in_line(&text[start..end], start, hidden);
        from = end;
    }
}

/// The comments of a Markdown file's front matter (it starts with `---`, ends at the next line
/// that is `---`).
fn front_matter_comments(text: &str, hidden: &mut Vec<std::ops::Range<usize>>) {
    let mut off = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if n > 0 && line.trim_end() == "---" {
            return;
        }
        if line.contains('#') {
            comment_in_line(line, off, hidden);
        }
        off += line.len();
    }
}

/// The bytes of a token (an id, a file name, a path): ASCII letters and digits, `-_./:%`.
const TOKEN: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/' | b':' | b'%');
        c += 1;
    }
    t
};

/// Ids, file names and image paths in `text`: whole tokens, without the full stops and colons
/// that end them.
fn hidden_tokens(text: &str, ids: &Ids, hidden: &mut Vec<std::ops::Range<usize>>) {
    let b = text.as_bytes();
    // Where `![` is first written: a path after `](` is an image's when one comes before it.
    let first_image = memchr::memmem::find(b, b"![");
    let mut i = 0;
    loop {
        while i < b.len() && !TOKEN[usize::from(b[i])] {
            i += 1;
        }
        if i == b.len() {
            return;
        }
        let start = i;
        let mut dot = false;
        while i < b.len() && TOKEN[usize::from(b[i])] {
            dot |= b[i] == b'.';
            i += 1;
        }
        // Without the full stops and colons that end it.
        let mut end = i;
        while end > start && matches!(b[end - 1], b'.' | b':') {
            end -= 1;
        }
        let tok = &text[start..end];
        // Only a token with a dot can be a file name: the others need no lower-casing.
        let file = || dot && tok.contains('.') && is_file_name(tok);
        let image_path = || {
            b[..start].ends_with(b"](")
                && !tok.contains("://")
                && first_image.is_some_and(|f| f + 2 <= start)
        };
        if ids.contains(tok) || file() || image_path() {
            hidden.push(start..end);
        }
    }
}

/// Whether a token with a dot names a file (by its extension; not a web address).
fn is_file_name(tok: &str) -> bool {
    let lower = tok.to_ascii_lowercase();
    !tok.contains("://")
        && !lower.starts_with("www.")
        && [
            ".md", ".yaml", ".yml", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".pdf",
            ".typ", ".html", ".css", ".docx", ".csv", ".json", ".txt",
        ]
        .iter()
        .any(|e| lower.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The blanking as first written (a copy of the text blanked line by line for comments,
    /// then byte by byte for tokens), with the ids in a plain set: what `published_text` must
    /// give.
    fn plain_published_text(
        path: &str,
        text: &str,
        ids: &std::collections::HashSet<&str>,
    ) -> String {
        let mut b = text.as_bytes().to_vec();
        let path = path.strip_suffix(".age").unwrap_or(path);
        let yaml = path.ends_with(".yaml") || path.ends_with(".yml");
        let mut in_front = path.ends_with(".md") && text.starts_with("---");
        let mut off = 0;
        for (n, line) in text.split_inclusive('\n').enumerate() {
            if n > 0 && in_front && line.trim_end() == "---" {
                in_front = false;
            }
            if (yaml || in_front) && line.contains('#') {
                let (mut single, mut double) = (false, false);
                let lb = line.as_bytes();
                for (i, &c) in lb.iter().enumerate() {
                    match c {
                        b'\'' if !double => single = !single,
                        b'"' if !single => double = !double,
                        b'#' if !single
                            && !double
                            && (i == 0 || lb[i - 1].is_ascii_whitespace()) =>
                        {
                            let end = line.trim_end_matches('\n').len();
                            b[off + i..off + end].fill(b' ');
                            break;
                        }
                        _ => {}
                    }
                }
            }
            off += line.len();
        }
        let is_tok = |c: u8| {
            c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'/' | b':' | b'%')
        };
        let first_image = text.find("![");
        let mut i = 0;
        while i < text.len() {
            if !is_tok(text.as_bytes()[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < text.len() && is_tok(text.as_bytes()[i]) {
                i += 1;
            }
            let tok = text[start..i].trim_end_matches(['.', ':']);
            let file = tok.contains('.') && is_file_name(tok);
            let image_path = text[..start].ends_with("](")
                && !tok.contains("://")
                && first_image.is_some_and(|f| f + 2 <= start);
            if ids.contains(tok) || file || image_path {
                b[start..start + tok.len()].fill(b' ');
            }
        }
        String::from_utf8(b).unwrap()
    }

    #[test]
    fn published_text_blanks_as_the_plain_reading_does_on_varied_texts() {
        let id_list = [
            "t-bakyt",
            "t000001",
            "f00001",
            "r00000-0",
            "ilo",
            "exactly-15-byte",
            "an-id-longer-than-fifteen-bytes",
            "x",
        ];
        let ids = Ids::new(id_list.iter().copied());
        let plain: std::collections::HashSet<&str> = id_list.iter().copied().collect();
        let pieces = [
            "t-bakyt",
            "t000001",
            "t000002",
            "f00001",
            "r00000-0",
            "r00000-",
            "ilo",
            "Ilo",
            "exactly-15-byte",
            "exactly-15-bytes",
            "an-id-longer-than-fifteen-bytes",
            "x",
            " ",
            " ",
            " ",
            "\n",
            "\n",
            "#",
            "'",
            "\"",
            "![",
            "](",
            "img/a.png",
            "x.MD",
            "www.a.md",
            "http://a.b/c.md",
            ".",
            ":",
            "...",
            "word",
            "Aigul",
            "—",
            "é",
            "---\n",
            "---",
            "%",
            "_",
            "/",
            "id: ",
            "\r\n",
            "  #c",
            "\t",
            "[@",
            "]",
            "[[",
            "]]",
            "a.yaml.",
            "b.pdf:",
        ];
        let paths = [
            "a.yaml",
            "b.yml",
            "c.md",
            "d.md.age",
            "testimony.md",
            "e.txt",
            "f.yaml.age",
        ];
        let mut next = crate::text::xorshift(0x2545_f491_4f6c_dd1d);
        for round in 0..4000 {
            let mut text = String::new();
            if round % 3 == 0 {
                text.push_str("---\n");
            }
            for _ in 0..next() % 60 {
                text.push_str(pieces[next() % pieces.len()]);
            }
            let path = paths[round % paths.len()];
            assert_eq!(
                published_text(path, &text, &ids),
                plain_published_text(path, &text, &plain),
                "{path}: {text:?}"
            );
        }
    }

    #[test]
    fn published_text_blanks_comments_ids_files_and_image_paths() {
        let ids = Ids::new(["t-bakyt"].into_iter());
        let yaml = "- id: t-bakyt # Bakyt's file\n  text: \"a # b\" see notes.md.\n";
        assert_eq!(
            published_text("a.yaml", yaml, &ids),
            "- id:                       \n  text: \"a # b\" see         .\n"
        );
        let md = "---\ntitle: x # y\n---\n# Heading\n![a](img/b.jpeg) [[t-bakyt]]\n";
        assert_eq!(
            published_text("c.md", md, &ids),
            "---\ntitle: x    \n---\n# Heading\n![a](          ) [[       ]]\n"
        );
        assert!(matches!(
            published_text("testimony.md", "Nothing here.", &ids),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
