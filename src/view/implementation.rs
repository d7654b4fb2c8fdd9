//! "Implementation of previous recommendations": what a submission says of the recommendations
//! the state received from the mechanism it reports to (the UPR's previous cycle, or a treaty
//! body's concluding observations on the latest report), grouped by theme, each quoted with its
//! number and source and followed by the authors' assessment; and the UPR matrix (recommendation,
//! recommending states, response, assessment) as a table.

use super::ast::Inline;
use crate::conventions::Dataset;
use crate::locale::Locale;
use crate::model::raw::{Implementation as ImplementationStatus, Response};
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

/// The recommending states' names in the report's language (observers by their English name).
fn names(ds: &Dataset, l: &Locale, codes: &[String]) -> Vec<String> {
    codes
        .iter()
        .map(|c| match ds.state(c) {
            Some(s) => s.display_name(&l.language),
            None => crate::resolve::received::state_name(ds, c)
                .unwrap_or(c)
                .to_string(),
        })
        .collect()
}

/// A response's word: "supported", "noted".
fn response_word(l: &Locale, r: Response) -> String {
    match r {
        Response::Supported => l.t("implementation.supported"),
        Response::Noted => l.t("implementation.noted"),
    }
}

/// An assessment's key part: `implemented`, `partially-implemented`, ... (`unassessed` for none).
fn status_key(s: Option<ImplementationStatus>) -> &'static str {
    match s {
        Some(ImplementationStatus::Implemented) => "implemented",
        Some(ImplementationStatus::PartiallyImplemented) => "partially-implemented",
        Some(ImplementationStatus::NotImplemented) => "not-implemented",
        Some(ImplementationStatus::NoInformation) => "no-information",
        None => "unassessed",
    }
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
    let l = &report.locale;
    // "Recommendation 140.7 (A/HRC/43/10)", the symbol linked to the official document.
    let what = if d.upr {
        "implementation.recommendation"
    } else {
        "implementation.paragraph"
    };
    let lead = match &r.paragraph {
        Some(p) => format!("{} (", l.fmt(what, &[("number", p)])),
        None => format!("{} (", l.t("implementation.unnumbered")),
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
        details.push(l.fmt(
            "implementation.recommended-by",
            &[("states", &l.join(&names(ds, l, &r.by)))],
        ));
    }
    if let Some(resp) = r.response {
        let given = r.response_in.as_ref().or(d.responses.as_ref());
        details.push(match given {
            Some(s) => format!("{} ({s})", response_word(l, resp)),
            None => response_word(l, resp),
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
        let quoted = format!("{text}{stop}");
        out.push(Inline::Text(
            l.fmt("implementation.in-summary", &[("text", &quoted)]),
        ));
    } else {
        let quoted = format!("{}{stop}", l.quote(text));
        out.push(Inline::Text(
            l.fmt("implementation.quoted", &[("text", &quoted)]),
        ));
    }
    match &r.assessment {
        Some(a) => {
            out.push(Inline::Text(" ".into()));
            // The matrix's label in lower case: "Assessment: partially implemented."
            let status = l
                .t(&format!(
                    "implementation.status-{}",
                    status_key(Some(a.status))
                ))
                .to_lowercase();
            out.push(Inline::Strong(vec![Inline::Text(
                l.fmt("implementation.assessment", &[("status", &status)]),
            )]));
            if let Some(reason) = &a.reason {
                out.push(Inline::Text(format!(" {reason}")));
            }
            if !a.findings.is_empty() {
                out.push(Inline::Text(l.t("implementation.see")));
                for (k, f) in a.findings.iter().enumerate() {
                    if k > 0 {
                        out.push(Inline::Text(", ".into()));
                    }
                    out.push(finding_ref(f));
                }
                out.push(Inline::Text(l.t("implementation.see-end")));
            }
        }
        None => out.push(Inline::Text(format!(
            " {}",
            l.t("implementation.not-assessed")
        ))),
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
            "number",
            "header-recommendation",
            "header-states",
            "header-response",
            "header-assessment",
        ]
        .map(|k| report.locale.t(&format!("implementation.{k}")))
        .to_vec(),
        matrix: matrix(report, ds, selected),
    })
}

/// The opening paragraph: which documents, and how many recommendations in each status.
fn intro(report: &Report, ds: &Dataset, selected: &[usize]) -> Vec<Inline> {
    let state = &report.received_documents[report.received[selected[0]].document].state;
    let l = &report.locale;
    let state_name = ds
        .state(state)
        .map_or(state.clone(), |s| s.name_in(&l.language));
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
                Some(c) => l.fmt(
                    "implementation.upr-cycle",
                    &[
                        ("ordinal", &l.ordinal(c)),
                        ("n", &c.to_string()),
                        ("symbol", &d.symbol),
                    ],
                ),
                None => l.fmt("implementation.observations", &[("symbol", &d.symbol)]),
            }
        })
        .collect();
    let keys = [
        "implemented",
        "partially-implemented",
        "not-implemented",
        "no-information",
        "unassessed",
    ];
    let mut counts = [0usize; 5];
    for &i in selected {
        let status = report.received[i].assessment.as_ref().map(|a| a.status);
        let key = status_key(status);
        counts[keys.iter().position(|k| *k == key).unwrap_or(4)] += 1;
    }
    let tally: Vec<String> = keys
        .iter()
        .zip(counts)
        .filter(|(_, c)| *c > 0)
        .map(|(k, c)| {
            l.fmt(
                "implementation.tally",
                &[
                    ("count", &c.to_string()),
                    ("status", &l.t(&format!("implementation.{k}"))),
                ],
            )
        })
        .collect();
    vec![Inline::Text(l.count(
        "implementation.intro",
        selected.len(),
        &[
            ("state", &state_name),
            ("documents", &l.join(&doc_names)),
            ("tally", &tally.join(", ")),
        ],
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
            None => (
                "~".into(),
                report.locale.t("publication.other-recommendations"),
            ),
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
    let l = &report.locale;
    let status =
        |s: Option<ImplementationStatus>| l.t(&format!("implementation.status-{}", status_key(s)));
    selected
        .iter()
        .map(|&i| {
            let r = &report.received[i];
            let d = &report.received_documents[r.document];
            vec![
                format!("{} ({})", r.paragraph.as_deref().unwrap_or("–"), d.symbol),
                if r.paraphrased {
                    l.fmt("implementation.summary", &[("text", &r.text)])
                } else {
                    r.text.clone()
                },
                names(ds, l, &r.by).join(", "),
                r.response.map_or(String::new(), |x| match x {
                    Response::Supported => l.t("implementation.response-supported"),
                    Response::Noted => l.t("implementation.response-noted"),
                }),
                r.assessment
                    .as_ref()
                    .map_or(status(None), |a| match &a.reason {
                        Some(reason) => format!("{}: {reason}", status(Some(a.status))),
                        None => status(Some(a.status)),
                    }),
            ]
        })
        .collect()
}
