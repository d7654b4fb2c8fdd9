//! Matching recommendations against a body's concluding observations.
//!
//! **Method: TF-IDF weighted cosine similarity** over lower-cased, stemmed word unigrams and
//! bigrams with English stop words removed, plus citation tokens. The vectoriser is fitted on the
//! documents being compared (the candidate recommendations and the paragraphs together), so a
//! word's weight reflects how much it tells these texts apart: "migrant", "ensure" and "State
//! party" appear everywhere and weigh little; "trafficking", "propiska", "labour inspection" or
//! "trade union" are rare and weigh much.
//!
//! Why this method: it needs no training data and no model download (the tool runs offline), it
//! is deterministic and fast (130 recommendations against 60 paragraphs in milliseconds), and its
//! scores can be explained to the author who confirms the pairs (which words they share). A
//! committee rewrites an NGO's recommendation in its own words, but keeps its subject words
//! ("labour inspection", "bilateral agreement", "registration") — the signal TF-IDF captures.
//! What it misses is a paraphrase with no shared content word (synonyms): that is why the tool
//! proposes and the author confirms.
//!
//! - Stemming: the Snowball English stemmer (Porter2, `rust-stemmers`), which brings
//!   "inspections", "inspection" and "inspected" together (not "inspectors": Porter2 keeps
//!   agent nouns apart).
//! - Bigrams of consecutive kept words reward shared phrases ("trade union", "written contract").
//! - Citation tokens: a recommendation contributes `§ICESCR` and `§ICESCR-7` for each provision
//!   it cites; a paragraph contributes `§<instrument>-<n>` for every "article n" when the body's
//!   instrument is known (from `--symbol`), and `§C087` for "Convention No. 87". A shared article
//!   is rare, hence weighty.
//! - Term frequency is sublinear (1 + ln tf); idf = ln((1 + N) / (1 + df)) + 1.

use crate::conventions::Dataset;
use crate::model::resolved::Report;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A numbered paragraph of concluding observations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub number: String,
    pub text: String,
    /// 1-based line where it starts in the file.
    pub line: usize,
}

/// The number starting a paragraph: `23. ` (also `**23.** `, `23.\t`), or a UPR
/// recommendation's `145.12 ` (paragraph 145, recommendation 12, as the Working Group's report
/// numbers them).
fn paragraph_number(line: &str) -> Option<(String, &str)> {
    let t = line.trim_start();
    let t = t.strip_prefix("**").unwrap_or(t);
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || digits.len() > 4 {
        return None;
    }
    let rest = &t[digits.len()..];
    let rest = rest.strip_prefix('.')?;
    let sub: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    let (number, rest) = if !sub.is_empty() && sub.len() <= 4 {
        let r = &rest[sub.len()..];
        (format!("{digits}.{sub}"), r.strip_prefix('.').unwrap_or(r))
    } else {
        (digits, rest)
    };
    let rest = rest.strip_prefix("**").unwrap_or(rest);
    if !rest.starts_with([' ', '\t']) && !rest.is_empty() {
        return None;
    }
    Some((number, rest.trim()))
}

/// Splits concluding observations (plain text or Markdown) into numbered paragraphs. A line that
/// starts with a number and a dot starts a paragraph; sub-paragraphs (`(a)`, `(b)`) and wrapped
/// lines stay in it; a Markdown heading or a line of capitals-and-letters section title (`C.
/// Principal subjects of concern`) ends it. Text before the first numbered paragraph is ignored.
pub fn parse_paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = vec![];
    let mut current: Option<Paragraph> = None;
    for (k, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        let is_heading = trimmed.starts_with('#')
            || (trimmed.len() > 3
                && trimmed.as_bytes()[0].is_ascii_uppercase()
                && trimmed.as_bytes()[1] == b'.'
                && trimmed.as_bytes()[2] == b' ');
        if is_heading {
            out.extend(current.take());
            continue;
        }
        if let Some((n, rest)) = paragraph_number(line) {
            out.extend(current.take());
            current = Some(Paragraph {
                number: n,
                text: rest.to_string(),
                line: k + 1,
            });
            continue;
        }
        if let Some(p) = &mut current
            && !trimmed.is_empty()
        {
            p.text.push(if p.text.is_empty() { ' ' } else { '\n' });
            p.text.push_str(trimmed);
        }
    }
    out.extend(current);
    for p in &mut out {
        p.text = p.text.replace(['*', '_'], "").trim().to_string();
    }
    out
}

const STOP: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "either",
    "etc",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "may",
    "more",
    "most",
    "must",
    "no",
    "nor",
    "not",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "own",
    "same",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    // the vocabulary of recommendations and concluding observations as such
    "art",
    "article",
    "articles",
    "para",
    "paragraph",
    "committee",
    "recommends",
    "recommend",
    "urges",
    "encourages",
    "calls",
    "upon",
    "state",
    "party",
    "take",
    "measures",
    "ensure",
    "including",
    "particular",
    "also",
    "further",
    "fully",
    "full",
    "comply",
    "implement",
    "effective",
    "effectively",
    "necessary",
    "appropriate",
    "every",
    "whatever",
    "among",
];

/// A word's stem by the Snowball English stemmer (Porter2, from the `rust-stemmers` crate):
/// "inspections", "inspection" -> "inspect", "trafficking", "trafficked" -> "traffick". Snowball
/// leaves irregular plurals alone, so the few that matter here are mapped first.
pub fn stem(word: &str) -> String {
    static ENGLISH: std::sync::OnceLock<rust_stemmers::Stemmer> = std::sync::OnceLock::new();
    let word = match word {
        "children" => "child",
        "women" => "woman",
        "men" => "man",
        "people" | "persons" => "person",
        w => w,
    };
    ENGLISH
        .get_or_init(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English))
        .stem(word)
        .into_owned()
}

/// Content words: lower-cased, stop words and numbers removed, stemmed.
pub fn words(text: &str) -> Vec<String> {
    let stop: BTreeSet<&str> = STOP.iter().copied().collect();
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2 && !w.chars().all(|c| c.is_ascii_digit()))
        .filter(|w| !stop.contains(w))
        .map(stem)
        .collect()
}

/// Unigrams and bigrams of a text, with counts.
fn terms(text: &str, extra: &[String]) -> HashMap<String, f64> {
    let ws = words(text);
    let mut m: HashMap<String, f64> = HashMap::new();
    for w in &ws {
        *m.entry(w.clone()).or_default() += 1.0;
    }
    for pair in ws.windows(2) {
        *m.entry(format!("{} {}", pair[0], pair[1])).or_default() += 1.0;
    }
    for e in extra {
        *m.entry(e.clone()).or_default() += 1.0;
    }
    m
}

/// Citation tokens in a paragraph: "article 7" (of `instrument`), "Convention No. 87" (ILO).
pub fn paragraph_citations(text: &str, instrument: Option<&str>) -> Vec<String> {
    let lower = text.to_lowercase();
    let toks: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '.'))
        .filter(|s| !s.is_empty())
        .collect();
    let mut out = vec![];
    let num = |s: &str| -> Option<u32> {
        s.trim_end_matches('.')
            .split('.')
            .next()
            .and_then(|d| d.parse().ok())
    };
    for (k, t) in toks.iter().enumerate() {
        if (*t == "article" || *t == "articles")
            && let Some(inst) = instrument
        {
            let mut j = k + 1;
            while let Some(n) = toks.get(j).and_then(|s| num(s)) {
                out.push(format!("§{inst}-{n}"));
                j += 1;
                if toks.get(j) == Some(&"and") {
                    j += 1;
                }
            }
        }
        if (*t == "no." || *t == "no")
            && k > 0
            && toks[k - 1].starts_with("convention")
            && let Some(n) = toks.get(k + 1).and_then(|s| num(s))
        {
            out.push(format!("§C{n:03}"));
        }
    }
    out
}

/// A scored pair: recommendation index (into the report), paragraph index, score in [0, 1].
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub rec: usize,
    pub para: usize,
    pub score: f64,
}

/// Scores every candidate recommendation against every paragraph. `instrument` is the body's
/// main instrument, when known, to read "article n" in the paragraphs.
pub fn score(
    report: &Report,
    ds: &Dataset,
    candidates: &[usize],
    paragraphs: &[Paragraph],
    instrument: Option<&str>,
) -> Vec<Pair> {
    let rec_docs: Vec<HashMap<String, f64>> = candidates
        .iter()
        .map(|&i| {
            let r = &report.recommendations[i];
            let mut cites = vec![];
            let mut refs: Vec<crate::conventions::lookup::ProvisionRef> = r.provisions.clone();
            for x in crate::parse::markdown::scan(&r.text.markdown) {
                if x.kind == crate::parse::markdown::RefKind::Provision
                    && let Ok(p) = ds.resolve_citation(&x.target)
                {
                    refs.push(p);
                }
            }
            let mut titles = String::new();
            for p in refs {
                cites.push(format!("§{}", p.instrument));
                match p.article {
                    Some(a) => cites.push(format!("§{}-{a}", p.instrument)),
                    // A whole instrument ("Ratify the [[OP-ICESCR]]") is named by its title in
                    // concluding observations ("the Optional Protocol to the Covenant").
                    None => {
                        if let Some(i) = ds.instruments.get(&p.instrument) {
                            titles.push(' ');
                            titles.push_str(&i.title);
                        }
                    }
                }
            }
            // The text with `[[...]]` and `[@...]` markup reduced to words.
            let text = r
                .text
                .markdown
                .replace("[[", " ")
                .replace("]]", " ")
                .replace("[@", " ")
                + &titles;
            terms(&text, &cites)
        })
        .collect();
    let para_docs: Vec<HashMap<String, f64>> = paragraphs
        .iter()
        .map(|p| terms(&p.text, &paragraph_citations(&p.text, instrument)))
        .collect();
    // IDF over both sets.
    let n = (rec_docs.len() + para_docs.len()) as f64;
    let mut df: HashMap<&str, f64> = HashMap::new();
    for d in rec_docs.iter().chain(&para_docs) {
        for t in d.keys() {
            *df.entry(t.as_str()).or_default() += 1.0;
        }
    }
    let weigh = |d: &HashMap<String, f64>| -> BTreeMap<String, f64> {
        let mut v: BTreeMap<String, f64> = d
            .iter()
            .map(|(t, tf)| {
                let idf = ((1.0 + n) / (1.0 + df[t.as_str()])).ln() + 1.0;
                (t.clone(), (1.0 + tf.ln()) * idf)
            })
            .collect();
        let norm = v.values().map(|x| x * x).sum::<f64>().sqrt();
        if norm > 0.0 {
            for x in v.values_mut() {
                *x /= norm;
            }
        }
        v
    };
    let rv: Vec<BTreeMap<String, f64>> = rec_docs.iter().map(weigh).collect();
    let pv: Vec<BTreeMap<String, f64>> = para_docs.iter().map(weigh).collect();
    let mut out = vec![];
    for (ri, r) in rv.iter().enumerate() {
        for (pi, p) in pv.iter().enumerate() {
            let (small, large) = if r.len() < p.len() { (r, p) } else { (p, r) };
            let s: f64 = small
                .iter()
                .filter_map(|(t, x)| large.get(t).map(|y| x * y))
                .sum();
            out.push(Pair {
                rec: candidates[ri],
                para: pi,
                score: s,
            });
        }
    }
    out
}

/// The pairs to propose: for each recommendation its `top` best paragraphs scoring at least
/// `threshold`, best first overall.
pub fn propose(pairs: &[Pair], threshold: f64, top: usize) -> Vec<Pair> {
    let mut by_rec: BTreeMap<usize, Vec<&Pair>> = BTreeMap::new();
    for p in pairs {
        by_rec.entry(p.rec).or_default().push(p);
    }
    let mut out: Vec<Pair> = vec![];
    for (_, mut v) in by_rec {
        v.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.para.cmp(&b.para)));
        out.extend(
            v.into_iter()
                .take(top)
                .filter(|p| p.score >= threshold)
                .cloned(),
        );
    }
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.para.cmp(&b.para))
            .then(a.rec.cmp(&b.rec))
    });
    out
}

/// For each paragraph, the recommendations ranked by score (best first).
pub fn ranking_per_paragraph(pairs: &[Pair], paragraphs: usize) -> Vec<Vec<Pair>> {
    let mut out: Vec<Vec<Pair>> = vec![vec![]; paragraphs];
    for p in pairs {
        out[p.para].push(p.clone());
    }
    for v in &mut out {
        v.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.rec.cmp(&b.rec)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_keep_their_sub_paragraphs() {
        let text = "# Concluding observations\n\nIntro text.\n\nC. Principal subjects of concern\n\n23. The Committee recommends that the State party:\n(a) Ratify it;\n(b) Do that.\n\n**24.** Another one\ncontinued here.\n";
        let ps = parse_paragraphs(text);
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[0].number, "23");
        assert!(ps[0].text.contains("(b) Do that."));
        assert_eq!(ps[1].number, "24");
        assert_eq!(ps[1].text, "Another one\ncontinued here.");
        assert_eq!(ps[1].line, 11);
    }

    #[test]
    fn stemming_brings_word_forms_together() {
        assert_eq!(stem("inspections"), stem("inspection"));
        assert_eq!(stem("inspected"), stem("inspect"));
        assert_eq!(stem("workers"), stem("worker"));
        assert_eq!(stem("trafficking"), stem("trafficked"));
        assert_eq!(stem("ratify"), stem("ratified"));
        assert_eq!(stem("registration"), stem("registrations"));
        assert_eq!(stem("children"), stem("child"));
        // Porter2 keeps agent nouns and -ation nouns apart from their verbs.
        assert_ne!(stem("inspectors"), stem("inspect"));
        assert_ne!(stem("ratification"), stem("ratify"));
    }

    #[test]
    fn reads_article_and_convention_numbers() {
        let c = paragraph_citations(
            "in line with articles 7 and 9 of the Covenant and ILO Convention No. 87",
            Some("ICESCR"),
        );
        assert_eq!(c, vec!["§ICESCR-7", "§ICESCR-9", "§C087"]);
    }
}
