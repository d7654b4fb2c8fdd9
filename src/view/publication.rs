//! The view model: one resolved, numbered, attributed picture of the publication that both the
//! HTML and the Typst renderers read, so they cannot disagree. Building it decides numbering
//! (parts I, II..., findings 1, 2..., sub-findings a, b...), footnote numbers, cross-reference
//! labels, testimony attributions (per consent level and audience), the recommendation groups
//! and the generated annexes.

use super::ast::{Block, Inline, TestimonyBlock, TocEntry};
use crate::conventions::{Dataset, theme_label};
use crate::model::raw::{Audience, Consent, Gender, MeetingKind};
use crate::model::resolved::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Conversion state: the report, the dataset, the audience, and what conversion accumulates.
pub struct Ctx<'a> {
    pub report: &'a Report,
    pub ds: &'a Dataset,
    pub audience: Audience,
    /// Footnote contents, numbered from 1 in order of appearance.
    pub notes: Vec<Vec<Inline>>,
    /// Authority key -> occurrences (occurrence number, where label, section anchor).
    pub authorities: BTreeMap<String, Authority>,
    occurrences: usize,
    /// Label and anchor of the section being converted (for the table of authorities).
    pub place: (String, String),
    /// id -> (cross-reference label, anchor)
    pub labels: rustc_hash::FxHashMap<String, (String, String)>,
    /// Testimonies embedded or cited in what was converted (for the purpose check and the
    /// witness review).
    pub testimonies: BTreeSet<String>,
    /// What citations so far decide of the next (short forms, "ibid", joined notes).
    pub citations: super::cite::Citations,
    /// How deep conversion is inside footnote definitions (a citation there is folded in).
    pub in_note: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Authority {
    pub instrument: String,
    pub article: Option<u32>,
    pub label: String,
    pub url: Option<String>,
    pub topic: Option<String>,
    /// (occurrence number, label of the place, anchor of the place)
    pub places: Vec<(usize, String, String)>,
}

impl<'a> Ctx<'a> {
    pub fn note(&mut self, mut content: Vec<Inline>) -> usize {
        self.note_made();
        super::typography::inlines(&self.report.locale.quotes, &mut content);
        self.notes.push(content);
        self.notes.len()
    }

    pub fn provision_inline(&mut self, text: &str) -> Inline {
        match self.ds.resolve_citation(text) {
            Ok(p) => {
                let art = p.article_level();
                let key = authority_key(&art.instrument, art.article);
                self.occurrences += 1;
                let n = self.occurrences;
                let entry = self
                    .authorities
                    .entry(key.clone())
                    .or_insert_with(|| Authority {
                        instrument: art.instrument.clone(),
                        article: art.article,
                        label: provision_label(&self.report.locale, &art),
                        url: self.ds.provision_url(&art),
                        topic: self
                            .ds
                            .article_topic_in(&art, &self.report.locale.language)
                            .map(str::to_string),
                        places: vec![],
                    });
                entry
                    .places
                    .push((n, self.place.0.clone(), self.place.1.clone()));
                Inline::Provision {
                    label: provision_label(&self.report.locale, &p),
                    url: self.ds.provision_url(&p),
                    key,
                    occurrence: n,
                }
            }
            Err(_) => Inline::Text(text.to_string()),
        }
    }

    pub fn xref(&self, id: &str) -> (String, String) {
        self.labels
            .get(id)
            .cloned()
            .unwrap_or_else(|| (id.to_string(), id.to_string()))
    }

    pub fn testimony_block(&mut self, id: &str) -> Option<TestimonyBlock> {
        let t = self.report.testimony(id)?;
        let body = self.blocks(&t.text.markdown);
        let l = &self.report.locale;
        let attribution = attribution(l, t, self.ds, self.audience);
        let mut note = match t
            .interviewer
            .as_ref()
            .and_then(|a| self.report.meta.authors.iter().find(|x| &x.id == a))
        {
            Some(iv) => l.fmt("publication.interview-by", &[("who", &iv.name)]),
            None => l.t("publication.account-given"),
        };
        if t.paraphrased {
            note.push_str(&l.t("publication.paraphrased-by"));
            if let Some(Target::Document(d)) =
                t.source.as_ref().and_then(|s| self.report.index.get(s))
            {
                let title = &self.report.documents[*d].title;
                note.push_str(&l.fmt("publication.paraphrased-from", &[("title", title)]));
            }
            note.push('.');
        }
        // A testimony quoted in another language than it was given in says so; one whose
        // translation is missing in a draft edition is quoted in the source's words, marked as
        // untranslated, and says nothing of a translation.
        let source = self.report.meta.languages.first().unwrap_or(&l.language);
        let given = t.language.as_deref().unwrap_or(source);
        let fallback = self.report.untranslated.contains(&t.file);
        if !fallback && crate::locale::tag::language_of(given) != l.language {
            let language = l.language_name(given);
            note.push(' ');
            note.push_str(&l.fmt("translated-from", &[("language", &language)]));
        }
        let n = self.note(vec![Inline::Text(note)]);
        Some(TestimonyBlock {
            id: t.id.clone(),
            body,
            attribution,
            paraphrased: t.paraphrased,
            paraphrase: self.report.locale.t("paraphrased"),
            note: n,
        })
    }

    /// `![[stats:interviews]]`: interviews by sex, age band, country and language, and the period.
    pub fn stats_block(&mut self, _name: &str) -> Block {
        let ts = interviewed(self.report, self.audience);
        let lc = &self.report.locale;
        let word = |k: &str| lc.t(&format!("stats.{k}"));
        let mut rows: Vec<Vec<String>> = vec![];
        let mut count = |label: &str, key: &dyn Fn(&Testimony) -> String| {
            let mut m: BTreeMap<String, usize> = BTreeMap::new();
            for t in &ts {
                *m.entry(key(t)).or_default() += 1;
            }
            for (n, (k, v)) in m.into_iter().enumerate() {
                let l = if n == 0 {
                    label.to_string()
                } else {
                    String::new()
                };
                rows.push(vec![l, k, v.to_string()]);
            }
        };
        count(&word("sex"), &|t| match t.gender {
            Some(Gender::Female) => word("women"),
            Some(Gender::Male) => word("men"),
            Some(Gender::Other) => word("other"),
            _ => word("not-stated"),
        });
        count(&word("age"), &|t| match t.age {
            Some(a) if a < 18 => word("under-18"),
            Some(a) if a < 30 => "18-29".into(),
            Some(a) if a < 45 => "30-44".into(),
            Some(_) => word("over-45"),
            None => word("not-stated"),
        });
        let ds = self.ds;
        count(&word("country"), &|t| {
            t.country
                .as_ref()
                .and_then(|c| ds.state(c))
                .map_or(word("not-stated"), |s| s.display_name(&lc.language))
        });
        count(&word("language"), &|t| {
            t.language
                .as_deref()
                .map_or(word("not-stated"), |g| lc.language_display_name(g))
        });
        let dates: Vec<_> = ts.iter().filter_map(|t| t.date).collect();
        let interviews = lc.count("count.interviews-plain", ts.len(), &[]);
        let caption = match (dates.iter().min(), dates.iter().max()) {
            (Some(a), Some(b)) => lc.fmt(
                "stats.caption-range",
                &[
                    ("interviews", &interviews),
                    ("from", &lc.date(&a.month_year())),
                    ("to", &lc.date(&b.month_year())),
                ],
            ),
            _ => interviews,
        };
        Block::Figure {
            caption,
            header: vec![word("characteristic"), word("group"), word("interviews")],
            rows,
        }
    }
}

/// A part's anchor: its id, or its place among the parts.
fn part_anchor(id: &Option<String>, k: usize) -> String {
    id.clone().unwrap_or_else(|| format!("part-{}", k + 1))
}

/// The people interviewed, one testimony per person (testimonies with the same `speaker.person`
/// count once), internal ones only in an internal output: what "N interviews" counts everywhere.
pub fn interviewed(report: &Report, audience: Audience) -> Vec<&Testimony> {
    let mut people = BTreeSet::new();
    report
        .testimonies
        .iter()
        .filter(|t| audience == Audience::Internal || t.consent != Consent::Internal)
        .filter(|t| people.insert(t.person.clone().unwrap_or_else(|| t.id.clone())))
        .collect()
}

/// Who, where and when of a meeting: the place is left out when the name already says it
/// ("Migration Service, Osh").
pub(super) fn meeting_line(l: &crate::locale::Locale, m: &Meeting) -> String {
    let mut line = m.with.clone();
    if let Some(p) = &m.place
        && crate::text::find_word(&m.with.to_lowercase(), &p.to_lowercase()).is_none()
    {
        line.push_str(&format!(", {p}"));
    }
    if let Some(d) = &m.date {
        line.push_str(&format!(", {}", l.date(d)));
    }
    line
}

/// A provision as cited in the report's language ("ICCPR art. 9", "ICCPR, ст. 9").
pub fn provision_label(
    l: &crate::locale::Locale,
    p: &crate::conventions::lookup::ProvisionRef,
) -> String {
    let article = p
        .article
        .map(|a| format!("{a}{}", p.paragraph.as_deref().unwrap_or("")));
    l.provision(
        &p.instrument,
        crate::conventions::lookup::is_ilo_id(&p.instrument),
        article.as_deref(),
    )
}

pub fn authority_key(instrument: &str, article: Option<u32>) -> String {
    match article {
        Some(a) => format!("{}-{a}", instrument.to_lowercase()),
        None => instrument.to_lowercase(),
    }
}

/// The OHCHR treaty body database address of a UN document.
pub fn symbol_url(symbol: &str) -> String {
    let enc: String = symbol
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!(
        "https://tbinternet.ohchr.org/_layouts/15/treatybodyexternal/Download.aspx?symbolno={enc}&Lang=en"
    )
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Who, where and when, as the consent level allows in a public output (content model table);
/// an internal build shows everything and names the consent level.
pub fn attribution(
    l: &crate::locale::Locale,
    t: &Testimony,
    ds: &Dataset,
    audience: Audience,
) -> String {
    let country = t
        .country
        .as_ref()
        .and_then(|c| ds.state(c))
        .map(|s| s.display_name(&l.language));
    // A place the description already names is not repeated ("... in Astana, Astana").
    let description = t
        .description
        .as_deref()
        .map(str::to_lowercase)
        .unwrap_or_default();
    let new_place = |p: Option<String>| {
        p.filter(|p| crate::text::find_word(&description, &p.to_lowercase()).is_none())
    };
    let mut parts: Vec<String> = vec![];
    if audience == Audience::Internal {
        let who = match (&t.name, &t.pseudonym) {
            (Some(n), Some(p)) => l.fmt("published-as", &[("name", n), ("pseudonym", p)]),
            (Some(n), None) => n.clone(),
            (None, Some(p)) => p.clone(),
            (None, None) => l.t("publication.unnamed-witness"),
        };
        parts.push(who);
        parts.extend(t.description.clone());
        parts.extend(new_place(t.place.clone().or(t.region.clone()).or(country)));
        parts.extend(t.date.map(|d| l.date(&d)));
        return format!("{} [consent: {}]", parts.join(", "), t.consent.as_str());
    }
    match t.consent {
        Consent::Named => {
            parts.extend(t.name.clone());
            parts.extend(t.description.clone());
            parts.extend(new_place(t.place.clone().or(t.region.clone()).or(country)));
            parts.extend(t.date.map(|d| l.date(&d)));
        }
        Consent::Pseudonymous => {
            parts.extend(t.pseudonym.clone());
            parts.extend(t.description.clone());
            parts.extend(new_place(t.region.clone().or(country)));
            parts.extend(t.date.map(|d| l.date(&d.month_year())));
        }
        Consent::Anonymous | Consent::Internal => {
            let witness = l.t("publication.a-witness");
            parts.push(capitalise(t.description.as_deref().unwrap_or(&witness)));
            parts.extend(new_place(country));
            parts.extend(t.date.map(|d| l.date(&d.year_only())));
        }
    }
    parts.join(", ")
}

// ---------------------------------------------------------------- the publication view

/// The cover's logo, image and colour (`cover:` in report.yaml), for the writers.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CoverView {
    pub logo: Option<CoverImageView>,
    pub image: Option<CoverImageView>,
    /// `#rrggbb`.
    pub colour: Option<String>,
}

/// An image of the cover: the name the writers give its file, what it shows, its credit.
#[derive(Debug, Clone, Serialize)]
pub struct CoverImageView {
    /// `cover-logo.png`, `cover-image.jpg`: beside the generated Typst source.
    pub file: String,
    pub alt: String,
    pub credit: Option<String>,
    /// `image/png`...
    pub media_type: &'static str,
    #[serde(skip)]
    pub bytes: Vec<u8>,
    /// What Word draws: a PNG, JPEG or GIF (the file, or its copy beside an SVG).
    #[serde(skip)]
    pub raster: Option<Vec<u8>>,
}

impl CoverView {
    fn of(cover: &Cover) -> CoverView {
        let image = |name: &str, i: &CoverImage| CoverImageView {
            file: format!("cover-{name}.{}", i.extension()),
            alt: i.alt.clone(),
            credit: i.credit.clone(),
            media_type: i.media_type(),
            bytes: i.bytes.clone(),
            raster: i.raster.clone(),
        };
        CoverView {
            logo: cover.logo.as_ref().map(|i| image("logo", i)),
            image: cover.image.as_ref().map(|i| image("image", i)),
            colour: cover.colour.clone(),
        }
    }

    /// Its images' files: (name, bytes).
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        [&self.logo, &self.image]
            .into_iter()
            .flatten()
            .map(|i| (i.file.clone(), i.bytes.clone()))
            .collect()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct MetaView {
    pub title: String,
    pub subtitle: Option<String>,
    pub number: Option<String>,
    pub date: String,
    pub year: u16,
    pub language: String,
    pub authors: Vec<String>,
    pub states: Vec<String>,
    pub confidential: bool,
    pub contact: Option<String>,
    pub cover: CoverView,
    /// The locale's words, for the templates (`meta.t.contents`).
    pub t: serde_json::Value,
}

#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    pub id: String,
    pub number: String,
    pub title: String,
    /// "Provisions engaged" line (front matter), as inlines.
    pub provisions: Vec<Inline>,
    pub blocks: Vec<Block>,
    pub subs: Vec<FindingView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecView {
    pub id: String,
    pub number: usize,
    pub text: Vec<Inline>,
    /// Members of the group's addressees this recommendation is addressed to.
    pub addressed: Vec<String>,
    pub findings: Vec<(String, String)>,
    pub priority: Option<u8>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThemeGroup {
    pub heading: String,
    pub recs: Vec<RecView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecGroup {
    pub anchor: String,
    pub heading: String,
    pub themes: Vec<ThemeGroup>,
}

/// A cell of the ratification annex: its text, its source (shown on hover), and whether it is
/// a recorded "not ratified" (marked in colour).
pub type RatificationCell = (String, String, bool);

#[derive(Debug, Clone, Serialize)]
pub struct RatificationTable {
    pub instruments: Vec<(String, String)>,
    /// (state name, cells)
    pub rows: Vec<(String, Vec<RatificationCell>)>,
    /// What the table shows and as of when.
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeetingGroup {
    pub state: String,
    pub kinds: Vec<(String, Vec<String>)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuthorityGroup {
    pub instrument: String,
    pub title: String,
    pub url: Option<String>,
    pub entries: Vec<Authority>,
}

#[derive(Debug, Clone, Serialize)]
pub enum Section {
    Chapter {
        anchor: String,
        title: String,
        blocks: Vec<Block>,
    },
    Part {
        anchor: String,
        number: String,
        title: String,
        intro: Vec<Block>,
        findings: Vec<FindingView>,
    },
    Recommendations {
        anchor: String,
        title: String,
        groups: Vec<RecGroup>,
    },
    Ratifications {
        anchor: String,
        title: String,
        table: RatificationTable,
    },
    Meetings {
        anchor: String,
        title: String,
        groups: Vec<MeetingGroup>,
    },
    Authorities {
        anchor: String,
        title: String,
        groups: Vec<AuthorityGroup>,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct PublicationView {
    pub meta: MetaView,
    pub toc: Vec<TocEntry>,
    pub sections: Vec<Section>,
    pub notes: Vec<Vec<Inline>>,
    /// Testimonies embedded or cited in the publication.
    pub testimonies: BTreeSet<String>,
}

const ROMAN: [&str; 20] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
    "XVI", "XVII", "XVIII", "XIX", "XX",
];

pub fn roman(i: usize) -> String {
    ROMAN.get(i).map_or((i + 1).to_string(), |s| s.to_string())
}

pub fn letter(i: usize) -> char {
    (b'a' + (i % 26) as u8) as char
}

/// "The Kazakh authorities" -> "the Kazakh authorities" (after "To").
pub fn lower_article(name: &str) -> String {
    // Common words that open a name are lower case after "To" ("To the European Union",
    // "To international workers' organisations"); proper names keep their capital.
    for (from, to) in [
        ("The ", "the "),
        ("International ", "international "),
        ("Both ", "both "),
    ] {
        if let Some(rest) = name.strip_prefix(from) {
            return format!("{to}{rest}");
        }
    }
    name.to_string()
}

/// Recommendations grouped by theme (in order of first appearance): theme id, recommendation indices.
pub type ThemeRecs = Vec<(Option<String>, Vec<usize>)>;

/// Recommendation groups in publication order: by the set of top-level addressees, then theme.
pub fn recommendation_groups(report: &Report) -> Vec<(Vec<usize>, ThemeRecs)> {
    let root = |mut i: usize| {
        while let Some(p) = report.addressees[i].parent {
            i = p;
        }
        i
    };
    let mut groups: Vec<(Vec<usize>, ThemeRecs)> = vec![];
    for (ri, rec) in report.recommendations.iter().enumerate() {
        let mut roots: Vec<usize> = rec
            .to
            .iter()
            .filter_map(|a| match report.index.get(a) {
                Some(Target::Addressee(i)) => Some(root(*i)),
                _ => None,
            })
            .collect();
        roots.sort();
        roots.dedup();
        if roots.is_empty() {
            continue;
        }
        let g = match groups.iter().position(|(k, _)| *k == roots) {
            Some(g) => g,
            None => {
                groups.push((roots, vec![]));
                groups.len() - 1
            }
        };
        let themes = &mut groups[g].1;
        match themes.iter().position(|(t, _)| *t == rec.theme) {
            Some(t) => themes[t].1.push(ri),
            None => themes.push((rec.theme.clone(), vec![ri])),
        }
    }
    groups.sort_by_key(|(k, _)| (*k.last().unwrap(), k.len(), k.clone()));
    groups
}

impl<'a> Ctx<'a> {
    /// An empty conversion context.
    pub fn new(report: &'a Report, ds: &'a Dataset, audience: Audience) -> Ctx<'a> {
        Ctx {
            report,
            ds,
            audience,
            notes: vec![],
            authorities: BTreeMap::new(),
            occurrences: 0,
            place: (String::new(), String::new()),
            labels: Default::default(),
            testimonies: BTreeSet::new(),
            citations: super::cite::Citations::new(),
            in_note: 0,
        }
    }
}

impl<'a> Ctx<'a> {
    /// Labels a finding "section N" and its sub-findings "section N(a)", "section N(b)"...
    pub fn label_section(&mut self, number: &str, finding: usize, subs: &[usize]) {
        let report = self.report;
        let fd = &report.findings[finding];
        let l = &report.locale;
        let section = |n: &str| l.fmt("publication.section-label", &[("number", n)]);
        self.labels
            .insert(fd.id.clone(), (section(number), fd.id.clone()));
        for (si, s) in subs.iter().enumerate() {
            let sd = &report.findings[*s];
            let label = section(&format!("{number}({})", letter(si)));
            self.labels.insert(sd.id.clone(), (label, sd.id.clone()));
        }
    }

    /// A conversion context with the publication's labels decided (parts, findings and
    /// recommendations numbered as in the publication), so any output that converts author text
    /// cites and cross-refers the same way the publication does.
    pub fn labelled(report: &'a Report, ds: &'a Dataset, audience: Audience) -> Ctx<'a> {
        let mut ctx = Ctx::new(report, ds, audience);
        // Its notes become source lines, away from their numbers: every citation in full.
        ctx.citations.short_forms = false;
        label_publication(&mut ctx);
        ctx
    }
}

/// The publication's cross-reference labels ("section II.3", "recommendation 12") and anchors.
pub fn label_publication(ctx: &mut Ctx) {
    label_outline(ctx);
    for (id, rec_no) in recommendation_numbers(ctx.report) {
        let label = recommendation_label(ctx.report, rec_no);
        ctx.labels.insert(id.clone(), (label, format!("rec-{id}")));
    }
}

/// A recommendation's cross-reference label in the publication, by its number.
pub fn recommendation_label(report: &Report, rec_no: usize) -> String {
    report.locale.fmt(
        "publication.recommendation-label",
        &[("number", &rec_no.to_string())],
    )
}

/// The labels and anchors of the publication's outline: its chapters, parts and findings.
pub fn label_outline(ctx: &mut Ctx) {
    let report = ctx.report;
    let l = &report.locale;
    let mut part_no = 0;
    let mut parts_seen = 0;
    for node in &report.outline {
        match node {
            OutlineNode::Chapter(c) => {
                let ch = &report.chapters[*c];
                if let Some(id) = &ch.id {
                    ctx.labels
                        .insert(id.clone(), (l.quote(&ch.title), id.clone()));
                }
            }
            OutlineNode::Part {
                id,
                title,
                findings,
                intro,
                numbered,
            } => {
                let anchor = part_anchor(id, parts_seen);
                parts_seen += 1;
                if !*numbered {
                    // A part outside the numbered sequence: it and its findings go by title.
                    let label = l.quote(title);
                    for key in id
                        .iter()
                        .chain(intro.and_then(|c| report.chapters[c].id.as_ref()))
                    {
                        ctx.labels
                            .insert(key.clone(), (label.clone(), anchor.clone()));
                    }
                    for f in findings
                        .iter()
                        .flat_map(|f| std::iter::once(f).chain(&report.findings[*f].subs))
                    {
                        let fd = &report.findings[*f];
                        ctx.labels
                            .insert(fd.id.clone(), (l.quote(&fd.title), fd.id.clone()));
                    }
                    continue;
                }
                let pn = roman(part_no);
                if let Some(id) = id {
                    ctx.labels.insert(
                        id.clone(),
                        (
                            l.fmt("publication.part-label", &[("number", &pn)]),
                            anchor.clone(),
                        ),
                    );
                }
                if let Some(c) = intro
                    && let Some(cid) = &report.chapters[*c].id
                {
                    ctx.labels.insert(
                        cid.clone(),
                        (
                            l.fmt("publication.part-label", &[("number", &pn)]),
                            anchor.clone(),
                        ),
                    );
                }
                for (fi, f) in findings.iter().enumerate() {
                    ctx.label_section(&format!("{pn}.{}", fi + 1), *f, &report.findings[*f].subs);
                }
                part_no += 1;
            }
            _ => {}
        }
    }
}

/// Each recommendation's number in the publication (R1, R2, ...), by id, in that order.
pub fn recommendation_numbers(report: &Report) -> Vec<(String, usize)> {
    numbered(report)
        .map(|(r, k)| (report.recommendations[r].id.clone(), k))
        .collect()
}

/// [`recommendation_numbers`] to look up, the ids not copied.
pub fn recommendation_number_of(report: &Report) -> std::collections::HashMap<&str, usize> {
    numbered(report)
        .map(|(r, k)| (report.recommendations[r].id.as_str(), k))
        .collect()
}

/// Each recommendation (its index in the report) with its number in the publication, in that
/// order.
fn numbered(report: &Report) -> impl Iterator<Item = (usize, usize)> {
    recommendation_groups(report)
        .into_iter()
        .flat_map(|(_, themes)| themes.into_iter().flat_map(|(_, recs)| recs))
        .zip(1..)
}

/// Builds the publication view for an audience.
pub fn publication(report: &Report, ds: &Dataset, audience: Audience) -> PublicationView {
    let mut ctx = Ctx::new(report, ds, audience);
    // Numbering and labels first: cross-references may point forward.
    label_publication(&mut ctx);
    let mut toc = vec![];
    let mut sections = vec![];
    let mut part_no = 0;
    let mut parts_seen = 0;
    for node in &report.outline {
        match node {
            OutlineNode::Chapter(c) => {
                let ch = &report.chapters[*c];
                let anchor = ch.id.clone().unwrap_or_else(|| format!("chapter-{c}"));
                ctx.place = (ch.title.clone(), anchor.clone());
                let blocks = ctx.blocks(&ch.body.markdown);
                toc.push(TocEntry {
                    level: 1,
                    number: String::new(),
                    title: ch.title.clone(),
                    anchor: anchor.clone(),
                });
                sections.push(Section::Chapter {
                    anchor,
                    title: ch.title.clone(),
                    blocks,
                });
            }
            OutlineNode::Part { numbered, .. } => {
                let number = if *numbered {
                    roman(part_no)
                } else {
                    String::new()
                };
                sections.push(part_section(&mut ctx, node, number, parts_seen, &mut toc));
                parts_seen += 1;
                if *numbered {
                    part_no += 1;
                }
            }
            OutlineNode::Recommendations => {
                sections.push(recommendations_section(&mut ctx, &mut toc));
            }
            OutlineNode::Annex(_) => {}
        }
    }
    // Annexes last, so the table of authorities sees every citation.
    annex_sections(&ctx, &mut toc, &mut sections);
    let mut view = PublicationView {
        meta: meta_view(report, ds, audience),
        toc,
        sections,
        notes: ctx.notes,
        testimonies: ctx.testimonies,
    };
    super::typography::titles(&report.locale.quotes, &mut view);
    view
}

/// A part of the outline: its intro and its findings, numbered within it (`II.3`) when the part
/// is numbered, named by their title when it is not. `seen` is its place among the parts.
fn part_section(
    ctx: &mut Ctx,
    node: &OutlineNode,
    pn: String,
    seen: usize,
    toc: &mut Vec<TocEntry>,
) -> Section {
    let OutlineNode::Part {
        id,
        title,
        intro,
        findings,
        numbered,
    } = node
    else {
        unreachable!("a part of the outline");
    };
    let report = ctx.report;
    let anchor = part_anchor(id, seen);
    toc.push(TocEntry {
        level: 1,
        number: pn.clone(),
        title: title.clone(),
        anchor: anchor.clone(),
    });
    ctx.place = if *numbered {
        (format!("Part {pn}"), anchor.clone())
    } else {
        (title.clone(), anchor.clone())
    };
    let intro = intro
        .map(|c| ctx.blocks(&report.chapters[c].body.markdown))
        .unwrap_or_default();
    let mut fviews = vec![];
    for (fi, f) in findings.iter().enumerate() {
        let number = format!("{}.", fi + 1);
        let full = if *numbered {
            format!("{pn}.{}", fi + 1)
        } else {
            format!("“{}”", report.findings[*f].title)
        };
        fviews.push(finding_view(ctx, *f, number, full, toc, 2));
    }
    Section::Part {
        anchor,
        number: pn,
        title: title.clone(),
        intro,
        findings: fviews,
    }
}

/// The heading of a theme's recommendations: the theme's own heading in the report's language
/// (or English), else `On` and its label; "Other recommendations" without a theme.
pub fn theme_heading(ds: &Dataset, theme: Option<&str>, l: &crate::locale::Locale) -> String {
    let lang = &l.language;
    match theme.and_then(|t| ds.theme(t)) {
        Some(t) => t
            .heading
            .get(lang)
            .or_else(|| t.heading.get("en"))
            .cloned()
            .unwrap_or_else(|| {
                l.fmt(
                    "publication.on-theme",
                    &[("theme", &theme_label(t, lang).to_lowercase())],
                )
            }),
        None => l.t("publication.other-recommendations"),
    }
}

/// The recommendations, grouped by the addressees they go to (their roots), then by theme, and
/// numbered through.
fn recommendations_section(ctx: &mut Ctx, toc: &mut Vec<TocEntry>) -> Section {
    let report = ctx.report;
    let l = &report.locale;
    let title = l.t("recommendations");
    toc.push(TocEntry {
        level: 1,
        number: String::new(),
        title: title.clone(),
        anchor: "recommendations".into(),
    });
    let mut views = vec![];
    let mut n = 0;
    for (roots, themes) in &recommendation_groups(report) {
        let names: Vec<String> = roots
            .iter()
            .map(|r| lower_article(&report.addressees[*r].name))
            .collect();
        let heading = l.fmt("publication.to", &[("addressees", &l.join(&names))]);
        let anchor = format!(
            "to-{}",
            roots
                .iter()
                .map(|r| report.addressees[*r].id.clone())
                .collect::<Vec<_>>()
                .join("-")
        );
        toc.push(TocEntry {
            level: 2,
            number: String::new(),
            title: heading.clone(),
            anchor: anchor.clone(),
        });
        let mut tgroups = vec![];
        for (theme, recs) in themes {
            let heading = theme_heading(ctx.ds, theme.as_deref(), l);
            let rv = recs.iter().map(|r| rec_view(ctx, *r, &mut n)).collect();
            tgroups.push(ThemeGroup { heading, recs: rv });
        }
        views.push(RecGroup {
            anchor,
            heading,
            themes: tgroups,
        });
    }
    Section::Recommendations {
        anchor: "recommendations".into(),
        title,
        groups: views,
    }
}

/// One recommendation, numbered on from `n`.
fn rec_view(ctx: &mut Ctx, r: usize, n: &mut usize) -> RecView {
    let report = ctx.report;
    *n += 1;
    let rec = &report.recommendations[r];
    ctx.place = (
        report.locale.fmt(
            "publication.place-recommendation",
            &[("number", &n.to_string())],
        ),
        format!("rec-{}", rec.id),
    );
    let text = super::convert::flatten(ctx.blocks(&rec.text.markdown));
    let addressed: Vec<String> = rec
        .to
        .iter()
        .filter_map(|a| report.addressee(a))
        .filter(|a| a.parent.is_some())
        .map(|a| a.name.clone())
        .collect();
    let findings = rec.findings.iter().map(|f| ctx.xref(f)).collect();
    RecView {
        id: rec.id.clone(),
        number: *n,
        text,
        addressed,
        findings,
        priority: rec.priority,
    }
}

/// The annexes of the outline, numbered in their order: ratifications, meetings, authorities.
fn annex_sections(ctx: &Ctx, toc: &mut Vec<TocEntry>, sections: &mut Vec<Section>) {
    let (report, ds) = (ctx.report, ctx.ds);
    let l = &report.locale;
    let annex_titles = [
        (Annex::Ratifications, l.t("publication.annex-ratifications")),
        (Annex::Meetings, l.t("publication.annex-meetings")),
        (Annex::Authorities, l.t("publication.annex-authorities")),
    ];
    let mut annex_no = 0;
    for node in &report.outline {
        if let OutlineNode::Annex(a) = node {
            annex_no += 1;
            let base = annex_titles
                .iter()
                .find(|(k, _)| k == a)
                .map_or_else(|| l.t("publication.annex"), |(_, t)| t.clone());
            let title = l.fmt(
                "publication.annex-title",
                &[("number", &annex_no.to_string()), ("title", &base)],
            );
            let anchor = format!("annex-{}", format!("{a:?}").to_lowercase());
            toc.push(TocEntry {
                level: 1,
                number: String::new(),
                title: title.clone(),
                anchor: anchor.clone(),
            });
            sections.push(match a {
                Annex::Ratifications => Section::Ratifications {
                    anchor,
                    title,
                    table: ratification_table(report, ds, ctx),
                },
                Annex::Meetings => Section::Meetings {
                    anchor,
                    title,
                    groups: meeting_groups(report, ds),
                },
                Annex::Authorities => Section::Authorities {
                    anchor,
                    title,
                    groups: authority_groups(ds, ctx),
                },
            });
        }
    }
}

/// The publication's particulars: title, number, date, authors, states, language.
fn meta_view(report: &Report, ds: &Dataset, audience: Audience) -> MetaView {
    let l = &report.locale;
    MetaView {
        title: report.meta.title.clone(),
        subtitle: report.meta.subtitle.clone(),
        number: report.meta.number.clone(),
        date: l.date(&report.meta.date),
        year: report.meta.date.year,
        language: report.meta.language.clone(),
        authors: report.meta.authors.iter().map(|a| a.name.clone()).collect(),
        states: report
            .meta
            .states
            .iter()
            .map(|s| {
                ds.state(s)
                    .map_or(s.clone(), |x| x.display_name(&l.language))
            })
            .collect(),
        confidential: audience == Audience::Internal,
        contact: report.meta.contact.clone(),
        cover: CoverView::of(&report.meta.cover),
        t: l.table(),
    }
}

pub fn join_and(names: &[String]) -> String {
    match names.len() {
        0 => String::new(),
        1 => names[0].clone(),
        n => format!("{} and {}", names[..n - 1].join(", "), names[n - 1]),
    }
}

fn finding_view(
    ctx: &mut Ctx,
    f: usize,
    number: String,
    full: String,
    toc: &mut Vec<TocEntry>,
    level: u8,
) -> FindingView {
    let report = ctx.report;
    let fd = &report.findings[f];
    toc.push(TocEntry {
        level,
        number: number.clone(),
        title: fd.title.clone(),
        anchor: fd.id.clone(),
    });
    ctx.place = (
        report
            .locale
            .fmt("publication.place-section", &[("number", &full)]),
        fd.id.clone(),
    );
    let mut provisions = vec![];
    for (i, p) in fd.provisions.iter().enumerate() {
        if i > 0 {
            provisions.push(Inline::Text("; ".into()));
        }
        provisions.push(ctx.provision_inline(&p.display()));
    }
    let blocks = ctx.blocks(&fd.body.markdown);
    let mut subs = vec![];
    for (si, s) in fd.subs.iter().enumerate() {
        let l = letter(si);
        subs.push(finding_view(
            ctx,
            *s,
            format!("{l})"),
            format!("{full}({l})"),
            toc,
            level + 1,
        ));
    }
    FindingView {
        id: fd.id.clone(),
        number,
        title: fd.title.clone(),
        provisions,
        blocks,
        subs,
    }
}

/// Every instrument cited anywhere, in dataset order (UN first, then ILO).
fn cited_instruments(ctx: &Ctx) -> Vec<String> {
    let mut set: BTreeSet<String> = ctx
        .authorities
        .values()
        .map(|a| a.instrument.clone())
        .collect();
    for f in &ctx.report.findings {
        set.extend(f.provisions.iter().map(|p| p.instrument.clone()));
    }
    for r in &ctx.report.recommendations {
        set.extend(r.provisions.iter().map(|p| p.instrument.clone()));
    }
    let mut v: Vec<String> = set.into_iter().collect();
    v.sort_by_key(|id| (ctx.ds.instruments.get(id).map(|i| i.family), id.clone()));
    v
}

fn ratification_table(report: &Report, ds: &Dataset, ctx: &Ctx) -> RatificationTable {
    let instruments = cited_instruments(ctx);
    let mut marks = Marks::default();
    let rows: Vec<(String, Vec<RatificationCell>)> = report
        .meta
        .states
        .iter()
        .map(|s| {
            let name = ds
                .state(s)
                .map_or(s.clone(), |x| x.display_name(&report.locale.language));
            let cells = instruments
                .iter()
                .map(|i| ratification_cell(report, ds.standing(s, i), &mut marks))
                .collect();
            (name, cells)
        })
        .collect();
    let instruments = instruments
        .into_iter()
        .map(|i| {
            (
                i.clone(),
                ds.instruments
                    .get(&i)
                    .map_or(i.clone(), |x| x.title_alone(&report.locale.language)),
            )
        })
        .collect();
    let note = ratifications_note(report, marks);
    RatificationTable {
        instruments,
        rows,
        note,
    }
}

/// The marks a ratification table uses, each explained in its note only where it appears.
#[derive(Default)]
struct Marks {
    later: bool,
    inferred: bool,
    unknown: bool,
}

/// A state's status for an instrument as the annex shows it: the status recorded in the
/// dataset, which may be newer than the report (a ratification after the report's date is
/// marked); "unknown" where the dataset has no fact, never "not ratified".
fn ratification_cell(
    report: &Report,
    standing: crate::conventions::Standing,
    marks: &mut Marks,
) -> RatificationCell {
    use crate::conventions::Status;
    let l = &report.locale;
    let source = standing.record.map_or_else(
        || l.t("publication.status-unknown"),
        |r| crate::conventions::public_source(&r.source),
    );
    let text = standing.cell(report.meta.date.year, l);
    marks.later |= text.ends_with('†');
    marks.inferred |= standing.inferred();
    marks.unknown |= standing.status == Status::Unknown;
    let not_ratified = standing.status == Status::NotParty && !standing.inferred();
    (text, source, not_ratified)
}

/// What the ratification table shows, and a legend for each mark only where it appears: "†"
/// (ratified after the report's date), "inferred" and "unknown".
fn ratifications_note(report: &Report, marks: Marks) -> String {
    let l = &report.locale;
    let mut parts = vec![l.t("publication.ratifications-note")];
    if marks.later {
        let date = l.date(&report.meta.date);
        parts.push(l.fmt("publication.ratifications-later", &[("date", &date)]));
    }
    if marks.inferred {
        parts.push(l.t("publication.ratifications-inferred"));
    }
    if marks.unknown {
        parts.push(l.t("publication.ratifications-unknown"));
    }
    let separator = if l.language == "fr" { " ; " } else { "; " };
    format!("{}.", parts.join(separator))
}

fn meeting_groups(report: &Report, ds: &Dataset) -> Vec<MeetingGroup> {
    let mut states: Vec<Option<String>> = report.meta.states.iter().cloned().map(Some).collect();
    for m in &report.meetings {
        if !states.contains(&m.state) {
            states.push(m.state.clone());
        }
    }
    let mut out = vec![];
    for s in states {
        let ms: Vec<&Meeting> = report.meetings.iter().filter(|m| m.state == s).collect();
        if ms.is_empty() {
            continue;
        }
        let mut kinds: BTreeMap<MeetingKind, Vec<String>> = BTreeMap::new();
        for m in ms {
            kinds
                .entry(m.kind)
                .or_default()
                .push(meeting_line(&report.locale, m));
        }
        let l = &report.locale;
        let state = s.as_ref().map_or(l.t("publication.other"), |c| {
            // "In the Russian Federation"; "Pays : Fédération de Russie" (standing alone).
            let name = ds
                .state(c)
                .map_or(c.clone(), |x| match l.language.as_str() {
                    "en" => x.name_in("en"),
                    other => x.display_name(other),
                });
            l.fmt("publication.in-state", &[("state", &name)])
        });
        out.push(MeetingGroup {
            state,
            kinds: kinds
                .into_iter()
                .map(|(k, v)| (l.t(&format!("meeting-kind.{}", k.key())), v))
                .collect(),
        });
    }
    out
}

fn authority_groups(ds: &Dataset, ctx: &Ctx) -> Vec<AuthorityGroup> {
    let mut by_inst: BTreeMap<String, Vec<Authority>> = BTreeMap::new();
    for a in ctx.authorities.values() {
        by_inst
            .entry(a.instrument.clone())
            .or_default()
            .push(a.clone());
    }
    let mut groups: Vec<AuthorityGroup> = by_inst
        .into_iter()
        .map(|(inst, mut entries)| {
            entries.sort_by_key(|e| e.article.unwrap_or(0));
            let i = ds.instruments.get(&inst);
            AuthorityGroup {
                instrument: inst.clone(),
                title: i.map_or(inst.clone(), |x| x.title_alone(&ctx.report.locale.language)),
                url: i.and_then(|x| x.url.clone()),
                entries,
            }
        })
        .collect();
    // UN instruments first, then ILO conventions by number.
    groups.sort_by_key(|g| {
        (
            ds.instruments.get(&g.instrument).map(|i| i.family.is_ilo()),
            g.instrument.clone(),
        )
    });
    groups
}
