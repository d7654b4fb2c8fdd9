//! Measuring a submission against its body's limits: the step both `check` and `build` take. The
//! words are counted in the text of the submission's HTML, as a reader of the published text would
//! count them (`check` counts them as the HTML is rendered, without keeping it); pages are read
//! from the PDF once `build` has made it.

use crate::conventions::Dataset;
use crate::model::raw::Audience;
use crate::model::resolved::{Report, Submission};
use crate::view::submission::{self as view, SubmissionView};
use crate::write::html;

/// A submission's view and HTML parts, with its length against the dataset's limits: the log
/// line, and the messages when it is over (checked by `check` too, without building).
pub struct Measured {
    pub view: SubmissionView,
    pub parts: html::SubmissionHtml,
    pub line: String,
    pub over: Vec<String>,
    /// Whose limit applies, as the messages say it: "the CESCR's limit for one organisation".
    who: String,
    kind: &'static str,
}

/// `12345` -> `12,345`.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The page count typst records in the PDF's metadata (see `templates/typst/submission.typ`).
fn pdf_pages(pdf: &[u8]) -> Option<usize> {
    let text = String::from_utf8_lossy(pdf);
    let i = text.find("pages: ")?;
    text[i + 7..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .ok()
}

/// Whose limit applies: a joint submission without a limit of its own gets the single
/// organisation's.
fn limit_kind(sub: &Submission, ds: &Dataset) -> &'static str {
    let settings = ds.body(sub.body_id()).and_then(|b| b.submission.as_ref());
    match (sub.coalition, settings) {
        (true, Some(s)) if s.coalition_word_limit.is_some() || s.coalition_page_limit.is_some() => {
            "a joint submission"
        }
        (true, _) => "a submission (no separate limit for a joint one)",
        (false, _) => "one organisation",
    }
}

/// Builds a submission's view and HTML parts and counts its words against the dataset's limit.
pub fn submission(report: &Report, ds: &Dataset, sub: &Submission, audience: Audience) -> Measured {
    of_view(view::build(report, ds, sub, audience), sub, ds)
}

/// [`submission`] of a view already built (by the consent-purpose check, for the same audience).
pub fn of_view(view: SubmissionView, sub: &Submission, ds: &Dataset) -> Measured {
    let parts = html::submission_parts(&view);
    let (body_words, note_words) = parts.words;
    let Judged {
        line,
        over,
        who,
        kind,
    } = judge(&view, sub, ds, body_words, note_words);
    Measured {
        view,
        parts,
        line,
        over,
        who,
        kind,
    }
}

/// What `check` reports of a submission's length: the messages when it is over its word limit.
/// The words are those [`submission`] counts, counted as the HTML is rendered, piece by piece,
/// without keeping it; a submission whose body has no word limit is not measured (nothing
/// could be over).
pub fn over_word_limit(
    report: &Report,
    ds: &Dataset,
    sub: &Submission,
    audience: Audience,
) -> Vec<String> {
    if view::word_limit(ds, sub).is_none() {
        return vec![];
    }
    let view = view::build(report, ds, sub, audience);
    let (body_words, note_words) = html::submission_words(&view);
    judge(&view, sub, ds, body_words, note_words).over
}

/// A submission's words against its body's limit: the log line and the messages when over.
struct Judged {
    line: String,
    over: Vec<String>,
    who: String,
    kind: &'static str,
}

fn judge(
    view: &SubmissionView,
    sub: &Submission,
    ds: &Dataset,
    body_words: usize,
    note_words: usize,
) -> Judged {
    let base = format!("submissions/{}", view.slug);
    let limits = &view.limits;
    let (words, counted) = if limits.counts_footnotes {
        (body_words + note_words, "body text and footnotes")
    } else {
        (body_words, "body text, footnotes not counted")
    };
    let who = sub.body_id().to_string();
    let kind = limit_kind(sub, ds);
    let mut over = vec![];
    let mut line = format!(
        "{base}: {} concern(s), {} recommendation(s); {} words ({counted})",
        view.concerns,
        view.recommendations.len(),
        thousands(words)
    );
    match limits.words {
        Some(l) => {
            line.push_str(&format!(
                ", the {who}'s limit for {kind} is {}",
                thousands(l as usize)
            ));
            if words > l as usize {
                over.push(format!(
                    "{base} has {} words ({counted}), over the {who}'s limit of {} words for {kind} (dataset: conventions/bodies.yaml)",
                    thousands(words),
                    thousands(l as usize)
                ));
            }
        }
        None => line.push_str(&format!(
            ", no word limit confirmed for the {who} in the dataset: none enforced"
        )),
    }
    if view.generated_questions > 0 {
        line.push_str(&format!(
            "; {} suggested question(s) generated from the findings' concerns: review them (`questions:` in report.yaml replaces one)",
            view.generated_questions
        ));
    }
    Judged {
        line,
        over,
        who,
        kind,
    }
}

impl Measured {
    /// Adds the page count of the submission's PDF, when one was built, against the page limit.
    pub fn pages(&mut self, pdf: Option<&[u8]>) {
        let (who, kind) = (&self.who, self.kind);
        let base = format!("submissions/{}", self.view.slug);
        let line = &mut self.line;
        let Some(pdf) = pdf else {
            if let Some(l) = self.view.limits.pages {
                line.push_str(&format!(
                    "; the {who}'s page limit ({l}) is checked only when the PDF is built"
                ));
            }
            return;
        };
        match (self.view.limits.pages, pdf_pages(pdf)) {
            (Some(l), Some(p)) => {
                line.push_str(&format!(
                    "; {p} pages in the PDF (cover included), the {who}'s limit for {kind} is {l}"
                ));
                if p > l as usize {
                    self.over.push(format!(
                        "{base}.pdf has {p} pages (cover and contents included), over the {who}'s limit of {l} pages for {kind} (dataset: conventions/bodies.yaml)"
                    ));
                }
            }
            (Some(l), None) => line.push_str(&format!(
                "; the page count could not be read from the PDF, so the {who}'s limit of {l} pages was not checked"
            )),
            (None, Some(p)) => line.push_str(&format!("; {p} pages in the PDF")),
            (None, None) => {}
        }
    }
}
