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

/// "Recommendation 140.7 (A/HRC/43/10)" or "Paragraph 23(a) (CCPR/C/KAZ/CO/2)".
pub fn reference(report: &Report, r: &Received) -> String {
    let d = &report.received_documents[r.document];
    let what = if d.upr { "Recommendation" } else { "Paragraph" };
    match &r.paragraph {
        Some(p) => format!("{what} {p} ({})", d.symbol),
        None => format!("A recommendation of {}", d.symbol),
    }
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
    let mut out = vec![Inline::Strong(vec![Inline::Text(reference(report, r))])];
    let mut details = vec![];
    if !r.by.is_empty() {
        details.push(format!("recommended by {}", names(ds, &r.by).join(", ")));
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
    if r.paraphrased {
        out.push(Inline::Text(format!(", in summary: {}", r.text)));
    } else {
        out.push(Inline::Text(format!(": “{}”", r.text)));
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
    let n = selected.len();
    let mut tally = vec![];
    for (k, word) in [
        "implemented",
        "partially implemented",
        "not implemented",
        "with no information in the findings",
        "not assessed",
    ]
    .iter()
    .enumerate()
    {
        if counts[k] > 0 {
            tally.push(format!("{} {word}", counts[k]));
        }
    }
    let intro = vec![Inline::Text(format!(
        "This section assesses how {state_name} implemented the {n} recommendation{} it received in {}, as far as the findings of this submission show: {}.",
        if n == 1 { "" } else { "s" },
        doc_names.join(" and "),
        tally.join(", ")
    ))];
    // Grouped by the first of the project's themes; recommendations without one last.
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
    groups.sort_by(|a, b| (a.0 == "~").cmp(&(b.0 == "~")));
    let matrix_header = [
        "No.",
        "Recommendation",
        "Recommending states",
        "Response",
        "Assessment",
    ]
    .map(String::from)
    .to_vec();
    let matrix = selected
        .iter()
        .map(|&i| {
            let r = &report.received[i];
            let d = &report.received_documents[r.document];
            vec![
                format!("{} ({})", r.paragraph.as_deref().unwrap_or("–"), d.symbol),
                r.text.clone(),
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
        .collect();
    Some(Implementation {
        intro,
        groups: groups.into_iter().map(|(_, g)| g).collect(),
        matrix_header,
        matrix,
    })
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
