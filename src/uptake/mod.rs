//! The uptake summary: for each body, and each of its documents (by symbol), how many
//! recommendations it reflected, partly reflected or did not reflect. The entries were checked at
//! resolution (the symbol belongs to a known body, the status is one of the three).
//!
//! [`matcher`] matches the recommendations against a body's concluding observations and
//! [`yaml_edit`] writes the confirmed matches back into the project's YAML by text editing.

pub mod matcher;
pub mod yaml_edit;

use crate::conventions::Dataset;
use crate::model::raw::UptakeStatus;
use crate::model::resolved::Report;
use crate::write::sheet::csv_table;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub reflected: usize,
    pub partial: usize,
    pub not_reflected: usize,
}

impl Counts {
    fn add(&mut self, s: UptakeStatus) {
        match s {
            UptakeStatus::Reflected => self.reflected += 1,
            UptakeStatus::Partial => self.partial += 1,
            UptakeStatus::NotReflected => self.not_reflected += 1,
        }
    }
    pub fn total(&self) -> usize {
        self.reflected + self.partial + self.not_reflected
    }
    fn merge(&mut self, o: &Counts) {
        self.reflected += o.reflected;
        self.partial += o.partial;
        self.not_reflected += o.not_reflected;
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentRow {
    pub symbol: String,
    pub counts: Counts,
    /// The recommendations, by status: (id, paragraph).
    pub recommendations: Vec<(String, Option<String>, UptakeStatus)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BodyRow {
    pub body: String,
    pub name: String,
    pub counts: Counts,
    pub documents: Vec<DocumentRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub bodies: Vec<BodyRow>,
    pub total: Counts,
    /// Recommendations with at least one uptake entry, and all recommendations.
    pub tracked: usize,
    pub recommendations: usize,
}

/// Counts entries: a recommendation taken up in two documents counts once in each.
pub fn summarise(report: &Report, ds: &Dataset) -> Summary {
    let mut by_body: BTreeMap<String, BTreeMap<String, DocumentRow>> = BTreeMap::new();
    for r in &report.recommendations {
        for u in &r.uptake {
            let body = u.body.clone().unwrap_or_else(|| "?".into());
            let doc = by_body
                .entry(body)
                .or_default()
                .entry(u.symbol.clone())
                .or_insert_with(|| DocumentRow {
                    symbol: u.symbol.clone(),
                    counts: Counts::default(),
                    recommendations: vec![],
                });
            doc.counts.add(u.status);
            doc.recommendations
                .push((r.id.clone(), u.paragraph.clone(), u.status));
        }
    }
    let mut total = Counts::default();
    let bodies = by_body
        .into_iter()
        .map(|(body, docs)| {
            let mut counts = Counts::default();
            for d in docs.values() {
                counts.merge(&d.counts);
            }
            total.merge(&counts);
            BodyRow {
                name: ds.body(&body).map_or(body.clone(), |b| b.name.clone()),
                body,
                counts,
                documents: docs.into_values().collect(),
            }
        })
        .collect();
    Summary {
        bodies,
        total,
        tracked: report
            .recommendations
            .iter()
            .filter(|r| !r.uptake.is_empty())
            .count(),
        recommendations: report.recommendations.len(),
    }
}

/// A table for the terminal.
pub fn text(s: &Summary) -> String {
    let mut out = String::new();
    if s.bodies.is_empty() {
        let _ = writeln!(
            out,
            "no uptake recorded: none of the {} recommendations has an `uptake:` entry",
            s.recommendations
        );
        return out;
    }
    let _ = writeln!(
        out,
        "{:<28} {:>9} {:>7} {:>13} {:>6}",
        "body / document", "reflected", "partly", "not reflected", "total"
    );
    for b in &s.bodies {
        let _ = writeln!(
            out,
            "{:<28} {:>9} {:>7} {:>13} {:>6}",
            b.body,
            b.counts.reflected,
            b.counts.partial,
            b.counts.not_reflected,
            b.counts.total()
        );
        for d in &b.documents {
            let _ = writeln!(
                out,
                "  {:<26} {:>9} {:>7} {:>13} {:>6}",
                d.symbol,
                d.counts.reflected,
                d.counts.partial,
                d.counts.not_reflected,
                d.counts.total()
            );
        }
    }
    let _ = writeln!(
        out,
        "{:<28} {:>9} {:>7} {:>13} {:>6}",
        "all bodies",
        s.total.reflected,
        s.total.partial,
        s.total.not_reflected,
        s.total.total()
    );
    let _ = writeln!(
        out,
        "{} of {} recommendations have an uptake entry",
        s.tracked, s.recommendations
    );
    out
}

pub const CSV_COLUMNS: [&str; 7] = [
    "body",
    "document",
    "reflected",
    "partly reflected",
    "not reflected",
    "total",
    "recommendations",
];

/// One row per document, one per body (document empty), and the total.
pub fn csv(s: &Summary) -> String {
    let mut rows = vec![];
    let row = |body: &str, doc: &str, c: &Counts, recs: String| {
        vec![
            body.to_string(),
            doc.to_string(),
            c.reflected.to_string(),
            c.partial.to_string(),
            c.not_reflected.to_string(),
            c.total().to_string(),
            recs,
        ]
    };
    for b in &s.bodies {
        for d in &b.documents {
            let recs = d
                .recommendations
                .iter()
                .map(|(id, p, st)| match p {
                    Some(p) => format!(
                        "{id} (para. {p}: {})",
                        crate::write::sheet::status_label(*st)
                    ),
                    None => format!("{id} ({})", crate::write::sheet::status_label(*st)),
                })
                .collect::<Vec<_>>()
                .join("; ");
            rows.push(row(&b.body, &d.symbol, &d.counts, recs));
        }
        rows.push(row(&b.body, "", &b.counts, String::new()));
    }
    rows.push(row("all bodies", "", &s.total, String::new()));
    csv_table(&CSV_COLUMNS, &rows)
}

fn esc(s: &str) -> String {
    crate::write::html::esc(s)
}

/// A self-contained HTML page with the same table.
pub fn html(s: &Summary, report: &Report) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>Uptake of the recommendations — {}</title>\n<style>\nbody {{ font-family: \"DejaVu Sans\", Arial, sans-serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }}\nh1 {{ color: #0b4f8a; font-size: 1.5rem; }}\ntable {{ border-collapse: collapse; width: 100%; font-size: .9rem; }}\nth, td {{ border-bottom: 1px solid #cfd6de; padding: .35rem .5rem; text-align: left; vertical-align: top; }}\ntd.n {{ text-align: right; }}\ntr.body td {{ font-weight: bold; background: #eef2f6; }}\ntr.total td {{ font-weight: bold; border-top: 2px solid #0b4f8a; }}\n.recs {{ font-size: .78rem; color: #555; }}\n</style>\n</head>\n<body>\n<h1>Uptake of the recommendations</h1>\n<p>{} — {}. {} of {} recommendations have an uptake entry.</p>\n<table>\n<thead><tr><th scope=\"col\">Body / document</th><th scope=\"col\">Reflected</th><th scope=\"col\">Partly reflected</th><th scope=\"col\">Not reflected</th><th scope=\"col\">Total</th></tr></thead>\n<tbody>\n",
        esc(&report.meta.language),
        esc(&report.meta.title),
        esc(&report.meta.title),
        esc(&report.meta.date.long()),
        s.tracked,
        s.recommendations
    );
    let cells = |c: &Counts| {
        format!(
            "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
            c.reflected,
            c.partial,
            c.not_reflected,
            c.total()
        )
    };
    for b in &s.bodies {
        let _ = writeln!(
            out,
            "<tr class=\"body\"><td>{} — {}</td>{}</tr>",
            esc(&b.body),
            esc(&b.name),
            cells(&b.counts)
        );
        for d in &b.documents {
            let recs: Vec<String> = d
                .recommendations
                .iter()
                .map(|(id, p, st)| {
                    format!(
                        "{}{}: {}",
                        esc(id),
                        p.as_ref()
                            .map_or(String::new(), |p| format!(" (para. {})", esc(p))),
                        crate::write::sheet::status_label(*st)
                    )
                })
                .collect();
            let _ = writeln!(
                out,
                "<tr><td><a href=\"{}\">{}</a><div class=\"recs\">{}</div></td>{}</tr>",
                esc(&crate::view::publication::symbol_url(&d.symbol)),
                esc(&d.symbol),
                recs.join("; "),
                cells(&d.counts)
            );
        }
    }
    let _ = writeln!(
        out,
        "<tr class=\"total\"><td>All bodies</td>{}</tr>\n</tbody>\n</table>\n</body>\n</html>",
        cells(&s.total)
    );
    out
}
