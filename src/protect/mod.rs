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
    let starts = line_starts(text);
    let mut seen = std::collections::BTreeSet::new();
    let mut out = vec![];
    let hits = m.find_in_reading(reading);
    // A part of a name found inside the whole name (`Aigul` in `Aigul Sekretova`) is the same
    // leak: reported once, as the longest.
    let within_longer = |h: &matcher::Hit| {
        hits.iter().any(|o| {
            o.range != h.range && o.range.start <= h.range.start && h.range.end <= o.range.end
        })
    };
    for h in hits.iter().filter(|h| !within_longer(h)) {
        let line = starts.partition_point(|&s| s <= h.range.start);
        if !seen.insert((line, h.item)) {
            continue;
        }
        let col = text[starts[line - 1]..h.range.start].chars().count() + 1;
        let at = Location::new(path, line as u32, col as u32);
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

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// Every id of the report (never published as text), with what says quickly that a word is
/// none: most words of a text are no id. First the lengths of the ids and the pairs of their
/// first and last bytes (8 KB, in the nearest cache: a word of letters is no id of the form
/// `t000001`), then a bitmap of their hashes (512 KB), then the set.
struct Ids<'a> {
    set: rustc_hash::FxHashSet<&'a str>,
    lengths: u64,
    ends: Vec<u64>,
    bits: Vec<u64>,
}

/// The hash bitmap's size: 2^22 bits (512 KB).
const ID_BITS_LOG2: u32 = 22;

impl<'a> Ids<'a> {
    fn new(ids: impl Iterator<Item = &'a str>) -> Self {
        let mut out = Ids {
            set: Default::default(),
            lengths: 0,
            ends: vec![0; (1 << 16) / 64],
            bits: vec![0; (1 << ID_BITS_LOG2) / 64],
        };
        for id in ids {
            out.lengths |= 1 << id.len().min(63);
            if let Some(e) = Self::ends(id) {
                out.ends[e / 64] |= 1 << (e % 64);
            }
            let b = Self::bit(id);
            out.bits[b / 64] |= 1 << (b % 64);
            out.set.insert(id);
        }
        out
    }

    /// The first and last bytes of `s`, as one number.
    fn ends(s: &str) -> Option<usize> {
        let b = s.as_bytes();
        Some(usize::from(*b.first()?) << 8 | usize::from(*b.last()?))
    }

    fn bit(s: &str) -> usize {
        use std::hash::BuildHasher;
        let h = rustc_hash::FxBuildHasher.hash_one(s);
        (h >> (64 - ID_BITS_LOG2)) as usize
    }

    fn contains(&self, s: &str) -> bool {
        let Some(e) = Self::ends(s) else {
            return self.set.contains(s);
        };
        if self.lengths & (1 << s.len().min(63)) == 0 || self.ends[e / 64] & (1 << (e % 64)) == 0 {
            return false;
        }
        let b = Self::bit(s);
        self.bits[b / 64] & (1 << (b % 64)) != 0 && self.set.contains(s)
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
/// offsets and lines stay): YAML comments, ids, image and file paths.
fn published_text(path: &str, text: &str, ids: &Ids) -> String {
    let mut b = text.as_bytes().to_vec();
    // A sealed file is read as the file it wraps.
    let path = path.strip_suffix(".age").unwrap_or(path);
    let yaml = path.ends_with(".yaml") || path.ends_with(".yml");
    let blank = |b: &mut Vec<u8>, r: std::ops::Range<usize>| b[r].fill(b' ');
    // YAML comments (and front matter's): `#` at a line's start or after white space, outside
    // quotes.
    let mut in_front = path.ends_with(".md") && text.starts_with("---");
    let mut off = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if n > 0 && in_front && line.trim_end() == "---" {
            in_front = false;
        }
        // A line without `#` has no comment: its quotes need no reading.
        if (yaml || in_front) && line.contains('#') {
            let (mut single, mut double) = (false, false);
            let lb = line.as_bytes();
            for (i, &c) in lb.iter().enumerate() {
                match c {
                    b'\'' if !double => single = !single,
                    b'"' if !single => double = !double,
                    b'#' if !single && !double && (i == 0 || lb[i - 1].is_ascii_whitespace()) => {
                        let end = line.trim_end_matches('\n').len();
                        blank(&mut b, off + i..off + end);
                        break;
                    }
                    _ => {}
                }
            }
        }
        off += line.len();
    }
    // Ids, file names and image paths: whole tokens.
    let is_tok =
        |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'/' | b':' | b'%');
    // Where `![` is first written: a path after `](` is an image's when one comes before it.
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
        // Only a token with a dot can be a file name: the others need no lower-casing.
        let file = tok.contains('.') && {
            let lower = tok.to_ascii_lowercase();
            !tok.contains("://")
                && !lower.starts_with("www.")
                && [
                    ".md", ".yaml", ".yml", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp",
                    ".pdf", ".typ", ".html", ".css", ".docx", ".csv", ".json", ".txt",
                ]
                .iter()
                .any(|e| lower.ends_with(e))
        };
        let image_path = || {
            text[..start].ends_with("](")
                && !tok.contains("://")
                && first_image.is_some_and(|f| f + 2 <= start)
        };
        if ids.contains(tok) || file || image_path() {
            blank(&mut b, start..start + tok.len());
        }
    }
    String::from_utf8(b).unwrap_or_else(|_| text.to_string())
}
