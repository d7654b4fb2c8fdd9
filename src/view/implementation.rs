//! "Implementation of previous recommendations": what a submission says of the recommendations
//! the state received from the mechanism it reports to (the UPR's previous cycle, or a treaty
//! body's concluding observations on the latest report), grouped by theme, each quoted with its
//! number and source and followed by the authors' assessment; and the UPR matrix (recommendation,
//! recommending states, response, assessment) as a table.

use super::ast::Inline;
use crate::conventions::Dataset;
use crate::model::resolved::{Received, Report};

/// The received recommendations a submission to `body` (None: the UPR) on `state` reports on:
/// those of the documents under review, in document then paragraph order.
pub fn selected(report: &Report, state: &str, body: Option<&str>) -> Vec<usize> {
    let mut v: Vec<usize> = (0..report.received.len())
        .filter(|&i| {
            let d = &report.received_documents[report.received[i].document];
            d.state == state
                && d.reviewed
                && match body {
                    None => d.upr,
                    Some(b) => d.body == b,
                }
        })
        .collect();
    v.sort_by_key(|&i| {
        let r = &report.received[i];
        (
            r.document,
            r.paragraph
                .as_deref()
                .map(crate::parse::symbol::paragraph_key)
                .unwrap_or_default(),
        )
    });
    v
}

/// One theme's recommendations: the heading and one paragraph per recommendation.
#[derive(Debug, Clone)]
pub struct Group {
    pub title: String,
    pub paragraphs: Vec<Vec<Inline>>,
}

/// The section's content.
#[derive(Debug, Clone)]
pub struct Implementation {
    /// The opening paragraph: which documents, and the counts by status.
    pub intro: Vec<Inline>,
    pub groups: Vec<Group>,
    /// The matrix: header and rows, as plain text cells.
    pub matrix_header: Vec<String>,
    pub matrix: Vec<Vec<String>>,
}

fn names(ds: &Dataset, codes: &[String]) -> Vec<String> {
    codes
        .iter()
        .map(|c| {
            crate::resolve::received::state_name(ds, c)
                .unwrap_or(c)
                .to_string()
        })
        .collect()
}

/// The paragraph for one recommendation. `finding_ref` gives the cross-reference to a finding
/// (its label and anchor), as the submission numbers it.
fn paragraph(
    report: &Report,
    ds: &Dataset,
    r: &Received,
    finding_ref: &dyn Fn(&str) -> Inline,
) -> Vec<Inline> {
    let d = &report.received_documents[r.document];
    // "Recommendation 140.7 (A/HRC/43/10)", the symbol linked to the official document.
    let what = if d.upr { "Recommendation" } else { "Paragraph" };
    let lead = match &r.paragraph {
        Some(p) => format!("{what} {p} ("),
        None => "A recommendation (".into(),
    };
    let mut out = vec![Inline::Strong(vec![
        Inline::Text(lead),
        Inline::Link {
            url: d.url.clone(),
            children: vec![Inline::Text(d.symbol.clone())],
        },
        Inline::Text(")".into()),
    ])];
    let mut details = vec![];
    if !r.by.is_empty() {
        details.push(format!(
            "recommended by {}",
            super::publication::join_and(&names(ds, &r.by))
        ));
    }
    if let Some(resp) = r.response {
        let given = r.response_in.as_ref().or(d.responses.as_ref());
        details.push(match given {
            Some(s) => format!("{} ({s})", resp.label().to_lowercase()),
            None => resp.label().to_lowercase(),
        });
    }
    if !details.is_empty() {
        out.push(Inline::Text(format!(", {}", details.join("; "))));
    }
    let text = r.text.trim_end_matches([';', ',']);
    let stop = if text.ends_with(['.', '!', '?']) {
        ""
    } else {
        "."
    };
    if r.paraphrased {
        out.push(Inline::Text(format!(", in summary: {text}{stop}")));
    } else {
        out.push(Inline::Text(format!(": “{text}”{stop}")));
    }
    match &r.assessment {
        Some(a) => {
            out.push(Inline::Text(" ".into()));
            out.push(Inline::Strong(vec![Inline::Text(format!(
                "Assessment: {}.",
                a.status.label().to_lowercase()
            ))]));
            if let Some(reason) = &a.reason {
                out.push(Inline::Text(format!(" {reason}")));
            }
            if !a.findings.is_empty() {
                out.push(Inline::Text(" (See ".into()));
                for (k, f) in a.findings.iter().enumerate() {
                    if k > 0 {
                        out.push(Inline::Text(", ".into()));
                    }
                    out.push(finding_ref(f));
                }
                out.push(Inline::Text(".)".into()));
            }
        }
        None => out.push(Inline::Text(" Not assessed.".into())),
    }
    out
}

/// The section's content for the selected recommendations, or None when there are none.
pub fn build(
    report: &Report,
    ds: &Dataset,
    selected: &[usize],
    finding_ref: &dyn Fn(&str) -> Inline,
) -> Option<Implementation> {
    if selected.is_empty() {
        return None;
    }
    Some(Implementation {
        intro: intro(report, ds, selected),
        groups: groups(report, ds, selected, finding_ref),
        matrix_header: [
            "No.",
            "Recommendation",
            "Recommending states",
            "Response",
            "Assessment",
        ]
        .map(String::from)
        .to_vec(),
        matrix: matrix(report, ds, selected),
    })
}

/// The opening paragraph: which documents, and how many recommendations in each status.
fn intro(report: &Report, ds: &Dataset, selected: &[usize]) -> Vec<Inline> {
    let state = &report.received_documents[report.received[selected[0]].document].state;
    let state_name = ds.state(state).map_or(state.clone(), |s| s.name.clone());
    let mut docs: Vec<usize> = selected
        .iter()
        .map(|&i| report.received[i].document)
        .collect();
    docs.dedup();
    let doc_names: Vec<String> = docs
        .iter()
        .map(|&d| {
            let d = &report.received_documents[d];
            match d.cycle {
                Some(c) => format!(
                    "the {} cycle of the Universal Periodic Review ({})",
                    ordinal(c),
                    d.symbol
                ),
                None => format!("the concluding observations {}", d.symbol),
            }
        })
        .collect();
    let mut counts = [0usize; 5];
    for &i in selected {
        let k = match report.received[i].assessment.as_ref().map(|a| a.status) {
            Some(crate::model::raw::Implementation::Implemented) => 0,
            Some(crate::model::raw::Implementation::PartiallyImplemented) => 1,
            Some(crate::model::raw::Implementation::NotImplemented) => 2,
            Some(crate::model::raw::Implementation::NoInformation) => 3,
            None => 4,
        };
        counts[k] += 1;
    }
    let words = [
        "implemented",
        "partially implemented",
        "not implemented",
        "with no information in the findings",
        "not assessed",
    ];
    let tally: Vec<String> = words
        .iter()
        .zip(counts)
        .filter(|(_, c)| *c > 0)
        .map(|(w, c)| format!("{c} {w}"))
        .collect();
    let n = selected.len();
    vec![Inline::Text(format!(
        "This section assesses how {state_name} implemented the {n} recommendation{} it received in {}, as far as the findings of this submission show: {}.",
        if n == 1 { "" } else { "s" },
        doc_names.join(" and "),
        tally.join(", ")
    ))]
}

/// The recommendations grouped by the first of the project's themes (in the order themes first
/// appear), those without a theme last.
fn groups(
    report: &Report,
    ds: &Dataset,
    selected: &[usize],
    finding_ref: &dyn Fn(&str) -> Inline,
) -> Vec<Group> {
    let mut groups: Vec<(String, Group)> = vec![];
    for &i in selected {
        let r = &report.received[i];
        let (key, title) = match r.themes.first() {
            Some(t) => (
                t.clone(),
                ds.theme(t).map_or(t.clone(), |th| {
                    let lang = &report.meta.language;
                    th.label
                        .get(lang)
                        .or_else(|| th.label.get("en"))
                        .cloned()
                        .unwrap_or_else(|| t.clone())
                }),
            ),
            None => ("~".into(), "Other recommendations".into()),
        };
        let para = paragraph(report, ds, r, finding_ref);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, g)) => g.paragraphs.push(para),
            None => groups.push((
                key,
                Group {
                    title,
                    paragraphs: vec![para],
                },
            )),
        }
    }
    groups.sort_by_key(|g| g.0 == "~");
    groups.into_iter().map(|(_, g)| g).collect()
}

/// The matrix rows: number and source, recommendation (marked when a summary), recommending
/// states, response, assessment with its reason.
fn matrix(report: &Report, ds: &Dataset, selected: &[usize]) -> Vec<Vec<String>> {
    selected
        .iter()
        .map(|&i| {
            let r = &report.received[i];
            let d = &report.received_documents[r.document];
            vec![
                format!("{} ({})", r.paragraph.as_deref().unwrap_or("–"), d.symbol),
                if r.paraphrased {
                    format!("{} (summary)", r.text)
                } else {
                    r.text.clone()
                },
                names(ds, &r.by).join(", "),
                r.response.map_or(String::new(), |x| x.label().to_string()),
                r.assessment
                    .as_ref()
                    .map_or("Not assessed".into(), |a| match &a.reason {
                        Some(reason) => format!("{}: {reason}", a.status.label()),
                        None => a.status.label().to_string(),
                    }),
            ]
        })
        .collect()
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, x) if x != 11 => "st",
        (2, x) if x != 12 => "nd",
        (3, x) if x != 13 => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}
