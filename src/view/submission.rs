//! The submission view: an alternative report to a UN treaty body, or a stakeholder submission
//! to the UPR, built from the same resolved report as the publication. One view is read by the
//! HTML, Typst and Word renderers, so they cannot disagree on numbering or scope.
//!
//! The form follows the practice described in the project notes on UN submissions: a cover
//! (state, body and session, the submitting organisations and a contact, whether the submission
//! may be published), contents, a short introduction of the organisations, the issues (article by
//! article of the body's instrument, or following the body's list of issues), suggested questions
//! (treaty bodies) and suggested recommendations, with paragraphs numbered continuously from 1
//! and sources named in footnotes.

use super::ast::{Block, Inline, TocEntry};
use super::implementation::{self, Implementation};
use super::publication::{Ctx, letter, roman};
use crate::conventions::Dataset;
use crate::locale::Locale;
use crate::model::raw::Audience;
use crate::model::resolved::{Report, Submission};
use crate::resolve::scope::{self, Engaged, Instruments};
use serde::Serialize;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Serialize)]
pub struct Cover {
    /// "Alternative report" or "Stakeholder submission".
    pub kind: String,
    /// "Committee on Migrant Workers (CMW)" or "Universal Periodic Review".
    pub to: String,
    pub body: Option<String>,
    pub session: Option<String>,
    /// "State party" or "State under review".
    pub state_label: String,
    pub state: String,
    pub title: String,
    pub organisations: Vec<String>,
    pub joint: bool,
    pub contact: String,
    /// The sentence saying whether the submission may be published.
    pub publication: String,
    pub date: String,
    pub deadline: Option<String>,
    /// The publication the submission draws on.
    pub based_on: String,
    pub language: String,
    pub confidential: bool,
    /// The locale's words, for the templates (`cover.t.contents`).
    pub t: serde_json::Value,
}

#[derive(Debug, Clone, Serialize)]
pub enum Item {
    /// A heading inside a section (level 2: an issue; 3: a sub-finding or a heading of its text).
    Heading {
        level: u8,
        number: String,
        title: String,
        anchor: Option<String>,
    },
    /// A numbered paragraph.
    Para {
        number: usize,
        inlines: Vec<Inline>,
        anchor: Option<String>,
    },
    /// The provisions an issue engages (an unnumbered line under its heading).
    Engaged(String),
    /// Anything else from author text (testimonies, lists, quotations, tables), unnumbered.
    Block(Block),
}

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub number: String,
    pub title: String,
    pub anchor: String,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SubmissionView {
    /// The output's name: `cmw-kgz`, `upr-kaz`.
    pub slug: String,
    pub cover: Cover,
    pub toc: Vec<TocEntry>,
    pub sections: Vec<Section>,
    pub notes: Vec<Vec<Inline>>,
    /// The body's submission settings (limits, what is counted).
    pub limits: Limits,
    /// Ids of the findings carried, in order (for tests and the log).
    pub findings: Vec<String>,
    /// How many concerns (issues) the report raises.
    pub concerns: usize,
    /// How many suggested questions were generated (not written by the authors under
    /// `questions:`): `build` asks the authors to review them.
    pub generated_questions: usize,
    pub recommendations: Vec<String>,
    /// Testimonies embedded or cited in the submission.
    pub testimonies: std::collections::BTreeSet<String>,
    /// The matrix of the recommendations received under review (header, rows), also written
    /// beside the submission as CSV and Word.
    pub matrix: Option<(Vec<String>, Vec<Vec<String>>)>,
}

/// Length limits from the dataset for this submission.
#[derive(Debug, Clone, Serialize)]
pub struct Limits {
    pub words: Option<u32>,
    pub pages: Option<u32>,
    pub counts_footnotes: bool,
    /// The dataset's note on the limits (where unconfirmed figures say so).
    pub note: Option<String>,
}

/// "Covenant" or "Convention": the locale's key for how a question names the instrument.
fn instrument_word(title: &str) -> &'static str {
    if title.contains("Covenant") {
        "question.covenant"
    } else {
        "question.convention"
    }
}

/// The suggested question generated for a concern, from parts the authors control: the
/// finding's `concern:` (a noun phrase), the role in which the state answers for it, and the
/// articles of the main instrument that bind the state in that role (those the authors cite,
/// else those reached through the themes). Without a `concern:` the question points to the
/// concern's paragraphs instead of splicing its title into a sentence.
fn generated_question(
    l: &Locale,
    ds: &Dataset,
    concern: Option<&str>,
    plan: &IssuePlan,
    main: &crate::conventions::Instrument,
    paragraphs: (usize, usize),
) -> String {
    let key = instrument_word(&main.title);
    let word = l.t(key);
    let word_of = l.t(&format!("{key}-of"));
    let of_main: Vec<&Engaged> = plan
        .engaged
        .iter()
        .filter(|e| e.provision.instrument == main.id)
        .collect();
    let direct: Vec<u32> = of_main
        .iter()
        .filter(|e| e.direct)
        .filter_map(|e| e.provision.article)
        .collect();
    let mut arts: Vec<u32> = if direct.is_empty() {
        of_main.iter().filter_map(|e| e.provision.article).collect()
    } else {
        direct
    };
    arts.sort_unstable();
    arts.dedup();
    let tail = if arts.is_empty() {
        l.fmt("question.obligations", &[("instrument", &word)])
    } else {
        l.fmt(
            "question.articles-of",
            &[
                ("articles", &articles_phrase(l, &arts)),
                ("instrument", &word_of),
            ],
        )
    };
    let described = match paragraphs {
        (a, b) if a == b => l.fmt("question.paragraph", &[("a", &a.to_string())]),
        (a, b) => l.fmt(
            "question.paragraphs",
            &[("a", &a.to_string()), ("b", &b.to_string())],
        ),
    };
    match (&plan.framing, concern) {
        (scope::Framing::Responsible, Some(c)) => {
            l.fmt("question.responsible", &[("concern", c), ("tail", &tail)])
        }
        (scope::Framing::Responsible, None) => l.fmt(
            "question.responsible-paragraphs",
            &[("paragraphs", &described), ("tail", &tail)],
        ),
        (scope::Framing::Origin { responsible }, c) => {
            let names: Vec<String> = responsible
                .iter()
                .map(|s| ds.state(s).map_or(s.clone(), |x| x.name_in(&l.language)))
                .collect();
            let what = match c {
                Some(c) => l.fmt("question.with-regard-to", &[("concern", c)]),
                None => l.fmt("question.in-situations", &[("paragraphs", &described)]),
            };
            l.fmt(
                "question.origin",
                &[
                    ("states", &l.join(&names)),
                    ("what", &what),
                    ("tail", &tail),
                ],
            )
        }
    }
}

/// "articles 6 and 7" / "article 21".
fn articles_phrase(l: &Locale, arts: &[u32]) -> String {
    let list: Vec<String> = arts.iter().map(u32::to_string).collect();
    match list.len() {
        0 => String::new(),
        1 => l.fmt("question.article", &[("list", &list[0])]),
        _ => l.fmt("question.articles", &[("list", &l.join(&list))]),
    }
}

/// One issue of the report: a finding and the sub-findings carried under it.
struct IssuePlan {
    finding: usize,
    subs: Vec<usize>,
    engaged: Vec<Engaged>,
    framing: scope::Framing,
}

/// What every step of a submission's view reads: the report, the submission, the body it goes to
/// (None: the UPR) with its main instrument, and the state's names.
struct Setting<'a> {
    report: &'a Report,
    ds: &'a Dataset,
    sub: &'a Submission,
    audience: Audience,
    body: Option<&'a crate::conventions::Body>,
    instruments: Instruments<'a>,
    main_instrument: Option<&'a crate::conventions::Instrument>,
    state_name: String,
    state_in_text: String,
    authors: Vec<String>,
}

impl<'a> Setting<'a> {
    fn new(
        report: &'a Report,
        ds: &'a Dataset,
        sub: &'a Submission,
        audience: Audience,
    ) -> Setting<'a> {
        let body = sub.body().and_then(|b| ds.body(b));
        let instruments = match body {
            Some(b) => Instruments::Body(&b.instruments),
            None => Instruments::All,
        };
        let main_instrument = body
            .and_then(|b| b.instruments.first())
            .and_then(|i| ds.instruments.get(i));
        let lang = report.locale.language.as_str();
        let state_name = ds
            .state(&sub.state)
            .map_or(sub.state.clone(), |s| s.display_name(lang));
        let state_in_text = ds
            .state(&sub.state)
            .map_or(sub.state.clone(), |s| s.name_in(lang));
        Setting {
            report,
            ds,
            sub,
            audience,
            body,
            instruments,
            main_instrument,
            state_name,
            state_in_text,
            authors: report.meta.authors.iter().map(|a| a.name.clone()).collect(),
        }
    }
}

/// The issues in the submission's order, grouped by the paragraph of the list of issues they
/// answer (one group, without a paragraph, when there is no list of issues).
type IssueGroups<'a> = Vec<(Option<&'a crate::model::resolved::Issue>, Vec<usize>)>;

/// Builds the view of one submission.
pub fn build(
    report: &Report,
    ds: &Dataset,
    sub: &Submission,
    audience: Audience,
) -> SubmissionView {
    let s = Setting::new(report, ds, sub, audience);
    let plans = issue_plans(&s);
    let loi_groups = issue_groups(&s, &plans);
    let recs = chosen_recommendations(&s, &plans);
    // ------------------------------------------------ labels (cross-references)
    let mut ctx = Ctx::new(report, ds, audience);
    let issues_no = roman(1);
    let order: Vec<usize> = loi_groups
        .iter()
        .flat_map(|(_, idx)| idx.iter().copied())
        .collect();
    for (n, k) in order.iter().enumerate() {
        let p = &plans[*k];
        ctx.label_section(&format!("{issues_no}.{}", n + 1), p.finding, &p.subs);
    }
    // ------------------------------------------------ sections
    let mut paras = Counter(0);
    let mut sections = vec![introduction(&s, &plans, &recs, &mut paras)];
    let issues = issues_section(&s, &plans, &loi_groups, &mut ctx, &mut paras);
    sections[0].items.push(issues.summary);
    let mut toc = vec![
        TocEntry {
            level: 1,
            number: roman(0),
            title: report.locale.t("introduction"),
            anchor: "introduction".into(),
        },
        TocEntry {
            level: 1,
            number: issues.section.number.clone(),
            title: issues.section.title.clone(),
            anchor: issues.section.anchor.clone(),
        },
    ];
    toc.extend(issues.toc);
    sections.push(issues.section);
    // The implementation of the recommendations received from this mechanism, under review.
    let received = implementation::selected(report, &sub.state, sub.body());
    let finding_ref = |id: &str| {
        let (label, anchor) = ctx
            .labels
            .get(id)
            .cloned()
            .unwrap_or_else(|| (id.to_string(), id.to_string()));
        Inline::XRef { label, anchor }
    };
    let implementation = implementation::build(report, ds, &received, &finding_ref);
    if let Some(imp) = &implementation {
        implementation_section(&report.locale, imp, &mut sections, &mut toc, &mut paras);
    }
    let questions = QuestionsFor {
        plans: &plans,
        order: &order,
        para_ranges: &issues.para_ranges,
    };
    let generated_questions = questions_section(&s, questions, &mut sections, &mut toc, &mut paras);
    recommendations_section(&s, &recs, &mut ctx, &mut sections, &mut toc, &mut paras);
    if let Some(imp) = &implementation {
        matrix_annex(&report.locale, imp, &mut sections, &mut toc);
    }
    let carried = carried_findings(&s, &plans, &order);
    let testimonies = std::mem::take(&mut ctx.testimonies);
    let mut notes = ctx.notes;
    outside_references(&s, &carried, &recs, &mut sections, &mut notes);
    SubmissionView {
        testimonies,
        matrix: implementation.map(|i| (i.matrix_header, i.matrix)),
        slug: sub.slug(),
        cover: cover(&s),
        toc,
        sections,
        notes,
        limits: limits(&s),
        concerns: order.len(),
        generated_questions,
        findings: carried,
        recommendations: recs
            .iter()
            .map(|(r, _)| report.recommendations[*r].id.clone())
            .collect(),
    }
}

/// The texts a submission converts: each issue's finding and sub-findings, and the
/// recommendations it carries, chosen as [`build`] chooses them ([`super::carried`] reads them
/// for the testimonies the submission carries).
pub fn texts(
    report: &Report,
    ds: &Dataset,
    sub: &Submission,
    audience: Audience,
) -> Vec<super::carried::TextOf> {
    use super::carried::TextOf;
    let s = Setting::new(report, ds, sub, audience);
    let plans = issue_plans(&s);
    let recs = chosen_recommendations(&s, &plans);
    let findings = plans
        .iter()
        .flat_map(|p| std::iter::once(p.finding).chain(p.subs.iter().copied()));
    findings
        .map(TextOf::Finding)
        .chain(recs.iter().map(|(r, _)| TextOf::Recommendation(*r)))
        .collect()
}

/// The issues the submission carries: each finding in scope and chosen, with the sub-findings
/// carried under it; for a treaty body, in the order of its instrument's articles.
fn issue_plans(s: &Setting) -> Vec<IssuePlan> {
    let (report, ds, sub, instruments) = (s.report, s.ds, s.sub, &s.instruments);
    let in_scope =
        |f: usize| scope::finding_out_of_scope(report, ds, instruments, &sub.state, f).is_none();
    let chosen: Option<BTreeSet<&str>> = sub
        .findings
        .as_ref()
        .map(|v| v.iter().map(String::as_str).collect());
    let listed = |f: usize| {
        chosen
            .as_ref()
            .is_none_or(|c| c.contains(report.findings[f].id.as_str()))
    };
    let mut plans: Vec<IssuePlan> = vec![];
    for f in scope::outline_findings(report) {
        let fd = &report.findings[f];
        let parent_carried = fd.parent.is_some_and(|p| in_scope(p) && listed(p));
        if fd.parent.is_some() && parent_carried {
            continue; // carried under its parent
        }
        if !in_scope(f) {
            continue;
        }
        let parent_listed = listed(f);
        let subs: Vec<usize> = fd
            .subs
            .iter()
            .copied()
            .filter(|s| in_scope(*s) && (parent_listed || listed(*s)))
            .collect();
        if !parent_listed {
            continue;
        }
        let mut engaged = scope::finding_engages(report, ds, instruments, f, &sub.state);
        for s in &subs {
            for e in scope::finding_engages(report, ds, instruments, *s, &sub.state) {
                if !engaged.iter().any(|x| x.provision == e.provision) {
                    engaged.push(e);
                }
            }
        }
        let framing = scope::framing(report, ds, instruments, &sub.state, f)
            .unwrap_or(scope::Framing::Responsible);
        plans.push(IssuePlan {
            finding: f,
            subs,
            engaged,
            framing,
        });
    }
    // Treaty bodies: the instrument's article order (the lowest article of the main instrument
    // engaged; then protocols; then the outline). The UPR keeps the outline order.
    if let Some(main) = s.main_instrument {
        let key = |p: &IssuePlan| lowest_article(&p.engaged, &main.id);
        plans.sort_by_key(|p| key(p)); // stable: ties keep the outline order
    }
    plans
}

/// The lowest article of `instrument` among the provisions engaged (`u32::MAX` when none).
fn lowest_article(engaged: &[Engaged], instrument: &str) -> u32 {
    engaged
        .iter()
        .filter(|e| e.provision.instrument == instrument)
        .filter_map(|e| e.provision.article)
        .min()
        .unwrap_or(u32::MAX)
}

/// The list of issues, when given, orders the issues by its paragraphs.
fn issue_groups<'a>(s: &Setting<'a>, plans: &[IssuePlan]) -> IssueGroups<'a> {
    let (report, sub) = (s.report, s.sub);
    let mut loi_groups: IssueGroups<'a> = vec![];
    if !sub.list_of_issues.is_empty() {
        let mut issues: Vec<&crate::model::resolved::Issue> = sub.list_of_issues.iter().collect();
        issues.sort_by_key(|i| i.paragraph);
        let mut used = BTreeSet::new();
        for issue in issues {
            let mut idx = vec![];
            for id in &issue.findings {
                if let Some(k) = plans
                    .iter()
                    .position(|p| report.findings[p.finding].id == *id)
                    && used.insert(k)
                {
                    idx.push(k);
                }
            }
            loi_groups.push((Some(issue), idx));
        }
        let rest: Vec<usize> = (0..plans.len()).filter(|k| !used.contains(k)).collect();
        if !rest.is_empty() {
            loi_groups.push((None, rest));
        }
    } else {
        loi_groups.push((None, (0..plans.len()).collect()));
    }
    loi_groups
}

/// The recommendations the submission carries, with the provisions each engages: those chosen
/// (or, with findings chosen and no recommendations, those answering a carried finding) and in
/// scope; for a treaty body, in the order of its instrument's articles.
fn chosen_recommendations(s: &Setting, plans: &[IssuePlan]) -> Vec<(usize, Vec<Engaged>)> {
    let (report, ds, sub, instruments) = (s.report, s.ds, s.sub, &s.instruments);
    let rec_chosen: Option<BTreeSet<&str>> = sub
        .recommendations
        .as_ref()
        .map(|v| v.iter().map(String::as_str).collect());
    // Findings chosen and no recommendations chosen: the recommendations that answer a
    // carried finding (their `findings:`). Tried first: it leaves few of a large report's
    // recommendations to check for their scope.
    let carried: Option<BTreeSet<&str>> = (sub.findings.is_some() && sub.recommendations.is_none())
        .then(|| {
            plans
                .iter()
                .flat_map(|p| std::iter::once(p.finding).chain(p.subs.iter().copied()))
                .map(|f| report.findings[f].id.as_str())
                .collect()
        });
    let mut recs: Vec<(usize, Vec<Engaged>)> = (0..report.recommendations.len())
        .filter(|r| {
            rec_chosen
                .as_ref()
                .is_none_or(|c| c.contains(report.recommendations[*r].id.as_str()))
        })
        .filter(|r| {
            carried.as_ref().is_none_or(|carried| {
                report.recommendations[*r]
                    .findings
                    .iter()
                    .any(|f| carried.contains(f.as_str()))
            })
        })
        .filter(|r| {
            scope::recommendation_out_of_scope(report, ds, instruments, &sub.state, *r).is_none()
        })
        .map(|r| (r, scope::recommendation_engages(report, ds, instruments, r)))
        .collect();
    if let Some(main) = s.main_instrument {
        recs.sort_by_key(|(_, e)| lowest_article(e, &main.id));
    }
    recs
}

/// I. Introduction: who submits what to whom, the organisations, what the submission draws on
/// and sets out, and how witnesses are attributed.
fn introduction(
    s: &Setting,
    plans: &[IssuePlan],
    recs: &[(usize, Vec<Engaged>)],
    paras: &mut Counter,
) -> Section {
    let report = s.report;
    let l = &report.locale;
    let mut intro = vec![];
    intro.push(Item::Para {
        number: paras.next(),
        inlines: vec![Inline::Text(intro_sentence(s))],
        anchor: None,
    });
    for a in &report.meta.authors {
        if let Some(about) = &a.about {
            let mut inl = vec![Inline::Text(about.trim().to_string())];
            if let Some(u) = a.url.as_ref().filter(|u| super::convert::safe_url(u)) {
                inl.push(Inline::Text(" (".into()));
                inl.push(Inline::Link {
                    url: u.clone(),
                    children: vec![Inline::Text(u.clone())],
                });
                inl.push(Inline::Text(")".into()));
            }
            intro.push(Item::Para {
                number: paras.next(),
                inlines: inl,
                anchor: None,
            });
        }
    }
    intro.push(Item::Para {
        number: paras.next(),
        inlines: sources_and_scope(s, plans, recs),
        anchor: None,
    });
    intro.push(Item::Para {
        number: paras.next(),
        inlines: vec![Inline::Text(l.t("submission.attribution-note"))],
        anchor: None,
    });
    Section {
        number: roman(0),
        title: l.t("introduction"),
        anchor: "introduction".into(),
        items: intro,
    }
}

/// The introduction's first sentence: who submits what to whom (the body and session, or the
/// UPR).
fn intro_sentence(s: &Setting) -> String {
    let (sub, authors) = (s.sub, &s.authors);
    let l = &s.report.locale;
    let lang = l.language.as_str();
    let state_in_text = &s.state_in_text;
    match s.body {
        Some(b) => {
            let session = sub
                .session
                .as_deref()
                .map(|s| l.fmt("submission.at-session", &[("session", &l.session(s))]))
                .unwrap_or_default();
            l.count(
                "submission.intro-body",
                authors.len(),
                &[
                    ("authors", &l.join(authors)),
                    ("body", b.name_in(lang)),
                    ("id", &b.id),
                    ("state", state_in_text),
                    ("session", &session),
                ],
            )
        }
        None => {
            let session = sub
                .session
                .as_deref()
                .map(|s| l.fmt("submission.upr-session", &[("session", &l.session(s))]))
                .unwrap_or_default();
            let joint_word = if sub.coalition {
                l.t("submission.joint-word")
            } else {
                String::new()
            };
            l.count(
                "submission.intro-upr",
                authors.len(),
                &[
                    ("authors", &l.join(authors)),
                    ("joint", &joint_word),
                    ("state", state_in_text),
                    ("session", &session),
                ],
            )
        }
    }
}

/// "This submission draws on ... report (date), based on N interviews in ... It sets out ...".
fn sources_and_scope(
    s: &Setting,
    plans: &[IssuePlan],
    recs: &[(usize, Vec<Engaged>)],
) -> Vec<Inline> {
    let (report, sub, authors) = (s.report, s.sub, &s.authors);
    let l = &report.locale;
    let lang = l.language.as_str();
    let state_in_text = &s.state_in_text;
    let public = super::publication::interviewed(report, s.audience);
    let dates: Vec<_> = public.iter().filter_map(|t| t.date).collect();
    let period = match (dates.iter().min(), dates.iter().max()) {
        (Some(a), Some(b)) if a.year == b.year && a.month == b.month => l.fmt(
            "submission.period-one",
            &[("date", &l.date(&a.month_year()))],
        ),
        (Some(a), Some(b)) => l.fmt(
            "submission.period-range",
            &[
                ("from", &l.date(&a.month_year())),
                ("to", &l.date(&b.month_year())),
            ],
        ),
        _ => String::new(),
    };
    let abroad = plans
        .iter()
        .filter(|p| matches!(p.framing, scope::Framing::Origin { .. }))
        .count();
    let concerns = if abroad == 0 {
        l.count(
            "count.concerns-about",
            plans.len(),
            &[("state", state_in_text)],
        )
    } else {
        let own = plans.len() - abroad;
        l.count(
            "count.concerns-conduct",
            own,
            &[("state", state_in_text), ("abroad", &abroad.to_string())],
        )
    };
    let scope_sentence = match s.main_instrument {
        Some(m) => {
            let loi = if sub.list_of_issues.is_empty() {
                String::new()
            } else {
                l.t("submission.scope-loi")
            };
            l.count(
                "submission.scope-body",
                plans.len(),
                &[
                    ("concerns", &concerns),
                    ("instrument", &m.title_in(lang)),
                    ("loi", &loi),
                ],
            )
        }
        None => l.fmt(
            "submission.scope-upr",
            &[
                ("concerns", &concerns),
                (
                    "recommendations",
                    &l.count("count.recommendations", recs.len(), &[]),
                ),
            ],
        ),
    };
    // Testimonies taken from published documents, with no interviewer among the authors, are
    // accounts, not the authors' interviews.
    let from_documents = !public.is_empty()
        && public
            .iter()
            .all(|t| t.source.is_some() && t.interviewer.is_none());
    let accounts = if from_documents {
        l.count("count.accounts", public.len(), &[])
    } else {
        l.count("count.interviews", public.len(), &[])
    };
    vec![
        Inline::Text(l.count("submission.draws-on", authors.len(), &[])),
        Inline::Emph(vec![Inline::Text(report.meta.title.clone())]),
        Inline::Text(l.fmt(
            "submission.based-on",
            &[
                ("date", &l.date(&report.meta.date)),
                ("accounts", &accounts),
                ("period", &period),
                ("scope", &scope_sentence),
            ],
        )),
    ]
}

/// II. The issues, with what the introduction and the questions need from them.
struct IssuesSection {
    section: Section,
    /// The issues' entries in the table of contents.
    toc: Vec<TocEntry>,
    /// The summary table that closes the introduction: each concern, its articles, its
    /// paragraphs.
    summary: Item,
    /// The paragraphs of each issue (by its place among the plans): first and last.
    para_ranges: std::collections::BTreeMap<usize, (usize, usize)>,
}

/// II. The issues: each finding (under the paragraph of the list of issues it answers, if any)
/// with the provisions it engages and its text, its sub-findings after it.
fn issues_section(
    s: &Setting,
    plans: &[IssuePlan],
    loi_groups: &IssueGroups,
    ctx: &mut Ctx,
    paras: &mut Counter,
) -> IssuesSection {
    let (report, sub) = (s.report, s.sub);
    let l = &report.locale;
    let issues_no = roman(1);
    let issues_title = match (s.main_instrument, sub.list_of_issues.is_empty()) {
        (Some(_), false) => l.t("submission.replies-to-loi"),
        (Some(m), true) => l.fmt(
            "submission.concerns-under",
            &[("instrument", &m.short_in(&l.language))],
        ),
        (None, _) => l.fmt("submission.concerns-about", &[("state", &s.state_in_text)]),
    };
    let mut items = vec![];
    let mut toc = vec![];
    let mut issue_no = 0;
    let mut summary_rows: Vec<(String, String, String)> = vec![];
    let mut para_ranges: std::collections::BTreeMap<usize, (usize, usize)> = Default::default();
    for (issue, idx) in loi_groups {
        if !sub.list_of_issues.is_empty() {
            list_of_issues_heading(l, *issue, &mut items);
        }
        for k in idx {
            let p = &plans[*k];
            issue_no += 1;
            let fd = &report.findings[p.finding];
            let number = format!("{issue_no}.");
            toc.push(TocEntry {
                level: 2,
                number: number.clone(),
                title: fd.title.clone(),
                anchor: fd.id.clone(),
            });
            let first = paras.0 + 1;
            ctx.place = (
                l.fmt(
                    "submission.place-section",
                    &[("number", &format!("{issues_no}.{issue_no}"))],
                ),
                fd.id.clone(),
            );
            issue_items(s, p, number, ctx, &mut items, paras);
            let last = paras.0;
            para_ranges.insert(*k, (first, last.max(first)));
            let arts = provisions_summary(l, &p.engaged);
            summary_rows.push((
                format!("{issue_no}. {}", fd.title),
                arts,
                if last > first {
                    format!("{first}–{last}")
                } else {
                    format!("{first}")
                },
            ));
        }
    }
    IssuesSection {
        section: Section {
            number: issues_no,
            title: issues_title,
            anchor: "concerns".to_string(),
            items,
        },
        toc,
        summary: summary_table(s, summary_rows),
        para_ranges,
    }
}

/// The heading of a paragraph of the list of issues, and its text quoted.
fn list_of_issues_heading(
    l: &Locale,
    issue: Option<&crate::model::resolved::Issue>,
    items: &mut Vec<Item>,
) {
    let title = match issue {
        Some(i) => l.fmt(
            "submission.loi-paragraph",
            &[("number", &i.paragraph.to_string())],
        ),
        None => l.t("submission.other-concerns"),
    };
    items.push(Item::Heading {
        level: 2,
        number: String::new(),
        title,
        anchor: None,
    });
    if let Some(t) = issue.and_then(|i| i.text.as_ref()) {
        items.push(Item::Block(Block::Quote(vec![Block::Para(vec![
            Inline::Text(t.trim().to_string()),
        ])])));
    }
}

/// One issue: its heading, the State of origin's framing, the provisions engaged, its text and
/// its sub-findings, the paragraphs numbered on.
fn issue_items(
    s: &Setting,
    p: &IssuePlan,
    number: String,
    ctx: &mut Ctx,
    items: &mut Vec<Item>,
    paras: &mut Counter,
) {
    let (report, ds) = (s.report, s.ds);
    let l = &report.locale;
    let under_loi = !s.sub.list_of_issues.is_empty();
    let fd = &report.findings[p.finding];
    items.push(Item::Heading {
        level: if under_loi { 3 } else { 2 },
        number,
        title: fd.title.clone(),
        anchor: Some(fd.id.clone()),
    });
    if let scope::Framing::Origin { responsible } = &p.framing {
        let names: Vec<String> = responsible
            .iter()
            .map(|s| ds.state(s).map_or(s.clone(), |x| x.name_in(&l.language)))
            .collect();
        items.push(Item::Engaged(l.fmt(
            "submission.origin-note",
            &[("state", &s.state_in_text), ("states", &l.join(&names))],
        )));
    }
    items.push(Item::Engaged(engaged_line(
        l,
        ds,
        &p.engaged,
        s.body.is_some(),
    )));
    let level = if under_loi { 3 } else { 2 };
    let blocks = ctx.blocks(&fd.body.markdown);
    push_blocks(items, blocks, paras, level);
    for (si, sf) in p.subs.iter().enumerate() {
        let sd = &report.findings[*sf];
        items.push(Item::Heading {
            level: if under_loi { 4 } else { 3 },
            number: format!("({})", letter(si)),
            title: sd.title.clone(),
            anchor: Some(sd.id.clone()),
        });
        let blocks = ctx.blocks(&sd.body.markdown);
        push_blocks(items, blocks, paras, level + 1);
    }
}

/// The summary table that closes the introduction: each concern, its articles, its paragraphs.
fn summary_table(s: &Setting, rows: Vec<(String, String, String)>) -> Item {
    let l = &s.report.locale;
    let header = vec![
        l.t("submission.concern"),
        if s.body.is_some() {
            l.t("submission.articles-engaged")
        } else {
            l.t("submission.provisions-cited")
        },
        l.t("submission.paragraphs"),
    ];
    Item::Block(Block::Table {
        header: header.into_iter().map(|h| vec![Inline::Text(h)]).collect(),
        rows: rows
            .into_iter()
            .map(|(a, b, c)| {
                vec![
                    vec![Inline::Text(a)],
                    vec![Inline::Text(if b.is_empty() { "—".into() } else { b })],
                    vec![Inline::Text(c)],
                ]
            })
            .collect(),
    })
}

/// What the suggested questions are asked about: the issues, in the submission's order, and
/// the paragraphs of each.
struct QuestionsFor<'a> {
    plans: &'a [IssuePlan],
    order: &'a [usize],
    para_ranges: &'a std::collections::BTreeMap<usize, (usize, usize)>,
}

/// III. Suggested questions (treaty bodies): the authors' question for each issue, or one
/// generated from its concern and articles. Returns how many were generated.
fn questions_section(
    s: &Setting,
    q: QuestionsFor,
    sections: &mut Vec<Section>,
    toc: &mut Vec<TocEntry>,
    paras: &mut Counter,
) -> usize {
    let Some(main) = s.main_instrument else {
        return 0;
    };
    let mut generated_questions = 0;
    let mut items = vec![];
    for k in q.order {
        let p = &q.plans[*k];
        let fd = &s.report.findings[p.finding];
        let text = match s.sub.questions.get(&fd.id) {
            Some(question) => question.clone(),
            None => {
                generated_questions += 1;
                generated_question(
                    &s.report.locale,
                    s.ds,
                    fd.concern.as_deref(),
                    p,
                    main,
                    q.para_ranges.get(k).copied().unwrap_or((0, 0)),
                )
            }
        };
        items.push(Item::Para {
            number: paras.next(),
            inlines: vec![Inline::Text(text)],
            anchor: None,
        });
    }
    let n = roman(sections.len());
    let title = s.report.locale.t("submission.questions");
    toc.push(TocEntry {
        level: 1,
        number: n.clone(),
        title: title.clone(),
        anchor: "questions".into(),
    });
    sections.push(Section {
        number: n,
        title,
        anchor: "questions".into(),
        items,
    });
    generated_questions
}

/// IV. Suggested recommendations (to the state under review, for the UPR), each a numbered
/// paragraph naming the state's own addressees; no section when there is none.
fn recommendations_section(
    s: &Setting,
    recs: &[(usize, Vec<Engaged>)],
    ctx: &mut Ctx,
    sections: &mut Vec<Section>,
    toc: &mut Vec<TocEntry>,
    paras: &mut Counter,
) {
    if recs.is_empty() {
        return;
    }
    let (report, sub) = (s.report, s.sub);
    let l = &report.locale;
    let mut items = vec![];
    for (r, _) in recs {
        let rec = &report.recommendations[*r];
        let n = paras.next();
        ctx.place = (
            l.fmt("submission.place-paragraph", &[("number", &n.to_string())]),
            format!("rec-{}", rec.id),
        );
        let mut text = super::convert::flatten(ctx.blocks(&rec.text.markdown));
        let members: Vec<String> = rec
            .to
            .iter()
            .filter_map(|a| report.addressee(a))
            .filter(|a| a.parent.is_some() && a.state.as_deref() == Some(sub.state.as_str()))
            .map(|a| a.name.clone())
            .collect();
        if !members.is_empty() {
            text.push(Inline::Text(format!(" ({})", members.join(", "))));
        }
        items.push(Item::Para {
            number: n,
            inlines: text,
            anchor: Some(format!("rec-{}", rec.id)),
        });
    }
    let n = roman(sections.len());
    let rec_title = match s.body {
        Some(_) => l.t("submission.suggested-recommendations"),
        None => l.fmt(
            "submission.recommendations-to",
            &[("state", &s.state_in_text)],
        ),
    };
    toc.push(TocEntry {
        level: 1,
        number: n.clone(),
        title: rec_title.clone(),
        anchor: "recommendations".into(),
    });
    sections.push(Section {
        number: n,
        title: rec_title,
        anchor: "recommendations".into(),
        items,
    });
}

/// The ids of the findings the submission carries, in its order, each followed by its
/// sub-findings.
fn carried_findings(s: &Setting, plans: &[IssuePlan], order: &[usize]) -> Vec<String> {
    order
        .iter()
        .flat_map(|k| {
            let p = &plans[*k];
            std::iter::once(s.report.findings[p.finding].id.clone())
                .chain(p.subs.iter().map(|f| s.report.findings[*f].id.clone()))
        })
        .collect()
}

/// Cross-references to what the submission does not carry become text naming the report.
fn outside_references(
    s: &Setting,
    carried: &[String],
    recs: &[(usize, Vec<Engaged>)],
    sections: &mut [Section],
    notes: &mut [Vec<Inline>],
) {
    let report = s.report;
    let anchors: BTreeSet<String> = carried
        .iter()
        .cloned()
        .chain(
            recs.iter()
                .map(|(r, _)| format!("rec-{}", report.recommendations[*r].id)),
        )
        .collect();
    // The publication's labels, worked out at the first reference that goes outside: its
    // outline labelled, its recommendations numbered (labelled only when named).
    let in_pub = std::cell::OnceCell::new();
    let outside = |anchor: &str, label: &str| -> String {
        let id = anchor.strip_prefix("rec-").unwrap_or(anchor);
        let (outline, numbers) = in_pub.get_or_init(|| {
            let mut ctx = Ctx::new(report, s.ds, s.audience);
            super::publication::label_outline(&mut ctx);
            let numbers = super::publication::recommendation_number_of(report);
            (ctx.labels, numbers)
        });
        // A recommendation's label is the last written for its id, as in the publication.
        let in_pub = match numbers.get(id) {
            Some(&n) => super::publication::recommendation_label(report, n),
            None => outline
                .get(id)
                .map_or(label.to_string(), |(l, _)| l.clone()),
        };
        report.locale.fmt(
            "submission.in-publication",
            &[("label", &in_pub), ("title", &report.meta.title)],
        )
    };
    for s in sections.iter_mut() {
        for it in &mut s.items {
            match it {
                Item::Para { inlines, .. } => fix_xrefs(inlines, &anchors, &outside),
                Item::Block(b) => fix_block(b, &anchors, &outside),
                _ => {}
            }
        }
    }
    for n in notes.iter_mut() {
        fix_xrefs(n, &anchors, &outside);
    }
}

/// The cover: what the submission is, to whom, about which state, from whom, with a contact,
/// whether it may be published.
fn cover(s: &Setting) -> Cover {
    let (report, sub, body, authors) = (s.report, s.sub, s.body, &s.authors);
    let l = &report.locale;
    let lang = l.language.as_str();
    let (state_in_text, state_name) = (&s.state_in_text, &s.state_name);
    let joint = sub.coalition;
    let contact = sub
        .contact
        .clone()
        .or_else(|| report.meta.contact.clone())
        .unwrap_or_else(|| l.join(authors));
    let publication = match (body, sub.publish) {
        (None, _) => l.t("submission.publish-upr"),
        (Some(b), Some(true)) => {
            l.count("submission.publish-yes", authors.len(), &[("body", &b.id)])
        }
        (Some(_), Some(false)) => l.count("submission.publish-no", authors.len(), &[]),
        (Some(_), None) => l.t("submission.publish-unstated"),
    };
    Cover {
        kind: match body {
            Some(_) => l.t("submission.alternative-report"),
            None if joint => l.t("submission.joint-stakeholder"),
            None => l.t("submission.stakeholder"),
        },
        to: match body {
            Some(b) => l.fmt(
                "submission.to-body",
                &[("body", b.name_in(lang)), ("id", &b.id)],
            ),
            None => l.t("submission.to-upr"),
        },
        body: body.map(|b| b.id.clone()),
        session: sub.session.as_deref().map(|s| l.session(s)),
        state_label: match body {
            Some(_) => l.t("cover.state-party"),
            None => l.t("cover.state-under-review"),
        },
        state: state_name.clone(),
        title: match body {
            Some(b) if lang == "en" => l.fmt(
                "submission.title-body",
                &[("body", &b.id), ("state", state_in_text)],
            ),
            // Other languages put the state after a colon, standing alone.
            Some(b) => l.fmt(
                "submission.title-body",
                &[("body", &b.id), ("state", state_name)],
            ),
            None if lang == "en" => l.fmt("submission.title-upr", &[("state", state_in_text)]),
            None => l.fmt("submission.title-upr", &[("state", state_name)]),
        },
        organisations: authors.clone(),
        joint,
        contact,
        publication,
        date: l.date(&report.meta.date),
        deadline: sub.deadline.map(|d| l.date(&d)),
        based_on: report.meta.title.clone(),
        language: report.meta.language.clone(),
        confidential: s.audience == Audience::Internal,
        t: l.table(),
    }
}

/// The body's word limit for a submission (a joint submission's own, when it has one), as its
/// view's [`Limits`] give it, without building the view: `check` measures no submission
/// without a limit.
pub fn word_limit(ds: &Dataset, sub: &Submission) -> Option<u32> {
    words_limit(ds, sub.body().and_then(|b| ds.body(b)), sub.coalition)
}

fn words_limit(ds: &Dataset, body: Option<&crate::conventions::Body>, joint: bool) -> Option<u32> {
    body.and_then(|b| b.submission.as_ref())
        .or_else(|| {
            ds.body("UPR")
                .and_then(|b| b.submission.as_ref())
                .filter(|_| body.is_none())
        })
        .and_then(|s| {
            if joint {
                s.coalition_word_limit.or(s.word_limit)
            } else {
                s.word_limit
            }
        })
}

/// The body's length limits for this submission (a joint submission's own, when it has them).
fn limits(s: &Setting) -> Limits {
    let (ds, body, joint) = (s.ds, s.body, s.sub.coalition);
    Limits {
        words: words_limit(ds, body, joint),
        pages: body.and_then(|b| b.submission.as_ref()).and_then(|s| {
            if joint {
                s.coalition_page_limit.or(s.page_limit)
            } else {
                s.page_limit
            }
        }),
        counts_footnotes: submission_settings(ds, body).is_some_and(|s| s.counts_footnotes),
        note: submission_settings(ds, body).and_then(|s| s.notes.clone()),
    }
}

fn submission_settings<'a>(
    ds: &'a Dataset,
    body: Option<&'a crate::conventions::Body>,
) -> Option<&'a crate::conventions::Submission> {
    match body {
        Some(b) => b.submission.as_ref(),
        None => ds.body("UPR").and_then(|b| b.submission.as_ref()),
    }
}

/// "ICCPR arts. 2, 9, 12; ILO C029 art. 2": provisions grouped by instrument, articles in order.
fn provisions_summary(l: &Locale, engaged: &[Engaged]) -> String {
    let mut groups: Vec<(String, Vec<u32>)> = vec![];
    for e in engaged {
        let inst = e.provision.instrument.clone();
        let k = match groups.iter().position(|(i, _)| *i == inst) {
            Some(k) => k,
            None => {
                groups.push((inst, vec![]));
                groups.len() - 1
            }
        };
        if let Some(a) = e.provision.article {
            groups[k].1.push(a);
        }
    }
    groups
        .into_iter()
        .map(|(inst, mut arts)| {
            arts.sort();
            arts.dedup();
            let ilo = crate::conventions::lookup::is_ilo_id(&inst);
            let list: Vec<String> = arts.iter().map(u32::to_string).collect();
            match arts.len() {
                0 | 1 => l.provision(&inst, ilo, list.first().map(String::as_str)),
                _ => {
                    let name = l.provision(&inst, ilo, None);
                    l.fmt(
                        "citation.articles",
                        &[("instrument", &name), ("articles", &list.join(", "))],
                    )
                }
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The line under an issue's heading: what it engages, and how.
fn engaged_line(l: &Locale, ds: &Dataset, engaged: &[Engaged], treaty_body: bool) -> String {
    let show = |e: &Engaged| {
        let topic = ds
            .article_topic_in(&e.provision, &l.language)
            .map(|t| format!(" ({t})"))
            .unwrap_or_default();
        format!(
            "{}{topic}",
            super::publication::provision_label(l, &e.provision)
        )
    };
    // Topics only for the articles the authors cite; those reached through the themes are
    // listed by number (the line stays short).
    let direct: Vec<String> = engaged.iter().filter(|e| e.direct).map(show).collect();
    let via: Vec<String> = engaged
        .iter()
        .filter(|e| !e.direct)
        .map(|e| super::publication::provision_label(l, &e.provision))
        .collect();
    let label = if treaty_body {
        l.t("submission.articles-engaged")
    } else {
        l.t("submission.provisions-cited")
    };
    let mut s = l.fmt("submission.label", &[("label", &label)]);
    if direct.is_empty() && via.is_empty() {
        s.push('—');
    }
    s.push_str(&direct.join("; "));
    if !via.is_empty() {
        if !direct.is_empty() {
            s.push_str("; ");
        }
        s.push_str(&via.join("; "));
        s.push_str(&l.t("submission.through-themes"));
    }
    s
}

/// "Implementation of previous recommendations": an opening paragraph, then the recommendations
/// grouped by theme, each a numbered paragraph.
fn implementation_section(
    l: &Locale,
    imp: &Implementation,
    sections: &mut Vec<Section>,
    toc: &mut Vec<TocEntry>,
    paras: &mut Counter,
) {
    let title = l.t("implementation.title");
    let number = roman(sections.len());
    let mut items = vec![Item::Para {
        number: paras.next(),
        inlines: imp.intro.clone(),
        anchor: None,
    }];
    for g in &imp.groups {
        items.push(Item::Heading {
            level: 2,
            number: String::new(),
            title: g.title.clone(),
            anchor: None,
        });
        for p in &g.paragraphs {
            items.push(Item::Para {
                number: paras.next(),
                inlines: p.clone(),
                anchor: None,
            });
        }
    }
    toc.push(TocEntry {
        level: 1,
        number: number.clone(),
        title: title.clone(),
        anchor: "implementation".into(),
    });
    sections.push(Section {
        number,
        title,
        anchor: "implementation".into(),
        items,
    });
}

/// The annex: the matrix of the recommendations received (recommendation, recommending states,
/// response, assessment).
fn matrix_annex(
    l: &Locale,
    imp: &Implementation,
    sections: &mut Vec<Section>,
    toc: &mut Vec<TocEntry>,
) {
    let title = l.t("implementation.matrix-title");
    let cell = |s: &str| vec![Inline::Text(s.to_string())];
    toc.push(TocEntry {
        level: 1,
        number: l.t("publication.annex"),
        title: title.clone(),
        anchor: "matrix".into(),
    });
    sections.push(Section {
        number: l.t("publication.annex"),
        title,
        anchor: "matrix".into(),
        items: vec![Item::Block(Block::Table {
            header: imp.matrix_header.iter().map(|h| cell(h)).collect(),
            rows: imp
                .matrix
                .iter()
                .map(|r| r.iter().map(|c| cell(c)).collect())
                .collect(),
        })],
    });
}

/// Author blocks into items: each paragraph numbered, everything else kept as it is.
/// The paragraph counter: numbers run from 1 through the whole submission.
struct Counter(usize);

impl Counter {
    fn next(&mut self) -> usize {
        self.0 += 1;
        self.0
    }
}

/// Author blocks under a heading of `level`: their own headings (relative, from 1) go below it.
fn push_blocks(items: &mut Vec<Item>, blocks: Vec<Block>, paras: &mut Counter, level: u8) {
    for b in blocks {
        match b {
            Block::Para(inlines) => items.push(Item::Para {
                number: paras.next(),
                inlines,
                anchor: None,
            }),
            Block::Heading(l, inlines) => items.push(Item::Heading {
                level: (level + l).min(6),
                number: String::new(),
                title: super::ast::plain(&inlines),
                anchor: None,
            }),
            other => items.push(Item::Block(other)),
        }
    }
}

fn fix_xrefs(v: &mut [Inline], anchors: &BTreeSet<String>, outside: &dyn Fn(&str, &str) -> String) {
    for i in v.iter_mut() {
        match i {
            Inline::XRef { label, anchor } if !anchors.contains(anchor.as_str()) => {
                *i = Inline::Text(outside(anchor, label));
            }
            Inline::Emph(c)
            | Inline::Strong(c)
            | Inline::Strike(c)
            | Inline::Link { children: c, .. } => fix_xrefs(c, anchors, outside),
            _ => {}
        }
    }
}

fn fix_block(b: &mut Block, anchors: &BTreeSet<String>, outside: &dyn Fn(&str, &str) -> String) {
    match b {
        Block::Para(i) | Block::Heading(_, i) => fix_xrefs(i, anchors, outside),
        Block::Quote(bs) => bs.iter_mut().for_each(|b| fix_block(b, anchors, outside)),
        Block::List { items, .. } => items
            .iter_mut()
            .flatten()
            .for_each(|b| fix_block(b, anchors, outside)),
        Block::Testimony(t) => t
            .body
            .iter_mut()
            .for_each(|b| fix_block(b, anchors, outside)),
        Block::Table { header, rows } => {
            header
                .iter_mut()
                .for_each(|c| fix_xrefs(c, anchors, outside));
            rows.iter_mut()
                .flatten()
                .for_each(|c| fix_xrefs(c, anchors, outside));
        }
        _ => {}
    }
}

/// Counts words as `wc -w` does: maximal runs of characters that are not white space (Unicode
/// white space, as GNU coreutils 9 counts it, no-break spaces included).
pub fn count_words(text: &str) -> usize {
    text.split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_like_wc() {
        assert_eq!(count_words("  one two\tthree\nfour — 5. "), 6);
        assert_eq!(count_words(""), 0);
    }
}
