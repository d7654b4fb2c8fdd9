//! How the state acted on what it received: per document (and in all), how many recommendations
//! the authors assessed as implemented, partially implemented, not implemented, with no
//! information, or not yet assessed.

use crate::model::raw::Implementation;
use crate::model::resolved::Report;
use serde::Serialize;
use std::fmt::Write as _;

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct StatusCounts {
    pub implemented: usize,
    pub partially_implemented: usize,
    pub not_implemented: usize,
    pub no_information: usize,
    pub not_assessed: usize,
}

impl StatusCounts {
    fn add(&mut self, s: Option<Implementation>) {
        match s {
            Some(Implementation::Implemented) => self.implemented += 1,
            Some(Implementation::PartiallyImplemented) => self.partially_implemented += 1,
            Some(Implementation::NotImplemented) => self.not_implemented += 1,
            Some(Implementation::NoInformation) => self.no_information += 1,
            None => self.not_assessed += 1,
        }
    }
    pub fn total(&self) -> usize {
        self.implemented
            + self.partially_implemented
            + self.not_implemented
            + self.no_information
            + self.not_assessed
    }
    fn cells(&self) -> [usize; 6] {
        [
            self.implemented,
            self.partially_implemented,
            self.not_implemented,
            self.no_information,
            self.not_assessed,
            self.total(),
        ]
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentRow {
    pub symbol: String,
    pub body: String,
    pub state: String,
    pub cycle: Option<u32>,
    pub reviewed: bool,
    pub url: String,
    pub counts: StatusCounts,
    /// Supported and noted (UPR documents).
    pub supported: usize,
    pub noted: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub documents: Vec<DocumentRow>,
    pub total: StatusCounts,
}

/// Counts the received recommendations of the project, per document.
pub fn summarise(report: &Report) -> Summary {
    let mut total = StatusCounts::default();
    let documents = report
        .received_documents
        .iter()
        .enumerate()
        .map(|(k, d)| {
            let mut counts = StatusCounts::default();
            let (mut supported, mut noted) = (0, 0);
            for r in report.received.iter().filter(|r| r.document == k) {
                let s = r.assessment.as_ref().map(|a| a.status);
                counts.add(s);
                total.add(s);
                match r.response {
                    Some(crate::model::raw::Response::Supported) => supported += 1,
                    Some(crate::model::raw::Response::Noted) => noted += 1,
                    None => {}
                }
            }
            DocumentRow {
                symbol: d.symbol.clone(),
                body: d.body.clone(),
                state: d.state.clone(),
                cycle: d.cycle,
                reviewed: d.reviewed,
                url: d.url.clone(),
                counts,
                supported,
                noted,
            }
        })
        .collect();
    Summary { documents, total }
}

const HEADS: [&str; 6] = [
    "implemented",
    "partly",
    "not implemented",
    "no information",
    "not assessed",
    "total",
];

/// A table for the terminal.
pub fn text(s: &Summary) -> String {
    let mut out = String::new();
    if s.documents.is_empty() {
        return "no received recommendations: a received/ file lists those the state received (rapporteur received import)\n".into();
    }
    let _ = writeln!(
        out,
        "How the state acted on the recommendations it received:"
    );
    let row = |out: &mut String, label: &str, c: &StatusCounts| {
        let cells = c.cells();
        let _ = writeln!(
            out,
            "{label:<28} {:>11} {:>6} {:>15} {:>14} {:>12} {:>6}",
            cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]
        );
    };
    let _ = writeln!(
        out,
        "{:<28} {:>11} {:>6} {:>15} {:>14} {:>12} {:>6}",
        "document", HEADS[0], HEADS[1], HEADS[2], HEADS[3], HEADS[4], HEADS[5]
    );
    for d in &s.documents {
        let label = match d.cycle {
            Some(c) => format!("{} (UPR {c})", d.symbol),
            None => format!("{} ({})", d.symbol, d.body),
        };
        row(&mut out, &label, &d.counts);
    }
    row(&mut out, "all documents", &s.total);
    out
}

/// CSV rows: one per document, then the total (document empty).
pub fn csv_rows(s: &Summary) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let mut head = vec!["document", "body", "state", "cycle"];
    head.extend(HEADS);
    let mut rows: Vec<Vec<String>> = s
        .documents
        .iter()
        .map(|d| {
            let mut r = vec![
                d.symbol.clone(),
                d.body.clone(),
                d.state.clone(),
                d.cycle.map(|c| c.to_string()).unwrap_or_default(),
            ];
            r.extend(d.counts.cells().iter().map(|n| n.to_string()));
            r
        })
        .collect();
    let mut t = vec![String::new(); 4];
    t.extend(s.total.cells().iter().map(|n| n.to_string()));
    rows.push(t);
    (head, rows)
}

/// A standalone HTML page of the summary.
pub fn html(s: &Summary, report: &Report) -> String {
    let esc = crate::write::html::esc;
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>Implementation of the recommendations received — {}</title>\n<style>\nbody {{ font-family: \"DejaVu Sans\", Arial, sans-serif; max-width: 56rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }}\nh1 {{ color: #0b4f8a; font-size: 1.5rem; }}\ntable {{ border-collapse: collapse; width: 100%; font-size: .9rem; }}\nth, td {{ border-bottom: 1px solid #cfd6de; padding: .35rem .5rem; text-align: left; }}\ntd.n {{ text-align: right; }}\ntr.total td {{ font-weight: bold; border-top: 2px solid #0b4f8a; }}\n</style>\n</head>\n<body>\n<h1>Implementation of the recommendations received</h1>\n<p>{} — {}: how the state acted on the recommendations it received, as the authors assessed it.</p>\n<table>\n<thead><tr><th scope=\"col\">Document</th>",
        esc(&report.meta.language),
        esc(&report.meta.title),
        esc(&report.meta.title),
        esc(&report.meta.date.long()),
    );
    for h in HEADS {
        let _ = write!(out, "<th scope=\"col\">{}</th>", esc(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let cells = |c: &StatusCounts| {
        c.cells()
            .iter()
            .map(|n| format!("<td class=\"n\">{n}</td>"))
            .collect::<String>()
    };
    for d in &s.documents {
        let _ = writeln!(
            out,
            "<tr><td><a href=\"{}\">{}</a>{}</td>{}</tr>",
            esc(&d.url),
            esc(&d.symbol),
            d.cycle.map_or(format!(" ({})", esc(&d.body)), |c| format!(
                " (UPR, cycle {c})"
            )),
            cells(&d.counts)
        );
    }
    let _ = writeln!(
        out,
        "<tr class=\"total\"><td>All documents</td>{}</tr>\n</tbody>\n</table>\n</body>\n</html>",
        cells(&s.total)
    );
    out
}
