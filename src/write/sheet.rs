//! Recommendations outside the publication: lists (`rapporteur recs`) and sheets by addressee (the
//! `recommendations: {by: addressee}` output), in Markdown, CSV, JSON, HTML, PDF and Word.
//!
//! Each recommendation is converted once into a [`RecItem`] through the publication's conversion
//! context ([`crate::view::publication::Ctx`]), so citations read and link exactly as in the publication
//! ("ICCPR art. 9", linked to the official text) and recommendations carry the publication's
//! numbers. Footnote citations in a recommendation become its `sources`; cross-references become
//! their label ("section II.3"), since a sheet stands on its own.

use super::markdown::{Mode, escape, inlines};
use super::templates::Templates;
use super::{Artifact, html, typst, typst_cli};
use crate::conventions::{Dataset, theme_label};
use crate::locale::Locale;
use crate::model::raw::{Audience, Format, UptakeStatus};
use crate::model::resolved::{Output, Report};
use crate::parse::date::PartialDate;
use crate::view::ast::{Inline, plain};
use crate::view::publication::Ctx;
use anyhow::Result;
use serde::Serialize;
use std::fmt::Write as _;

#[derive(Debug, Clone, Serialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct UptakeView {
    pub symbol: String,
    pub body: Option<String>,
    pub paragraph: Option<String>,
    pub status: UptakeStatus,
    pub note: Option<String>,
}

impl UptakeView {
    /// "CMW/C/KGZ/CO/1 para. 23: reflected", in the report's language.
    pub fn line(&self, l: &Locale) -> String {
        let mut s = self.symbol.clone();
        if let Some(p) = &self.paragraph {
            let _ = write!(s, " {}", l.fmt("citation.paragraph", &[("n", p)]));
        }
        let status = match self.status {
            UptakeStatus::Reflected => "sheet.reflected",
            UptakeStatus::Partial => "sheet.partly-reflected",
            UptakeStatus::NotReflected => "sheet.not-reflected",
        };
        let _ = write!(s, ": {}", l.t(status));
        s
    }
}

pub fn status_label(s: UptakeStatus) -> &'static str {
    match s {
        UptakeStatus::Reflected => "reflected",
        UptakeStatus::Partial => "partly reflected",
        UptakeStatus::NotReflected => "not reflected",
    }
}

/// One recommendation, converted.
#[derive(Debug, Clone, Serialize)]
pub struct RecItem {
    pub id: String,
    /// Its number in the publication (recommendation 12 is "R12").
    pub number: Option<usize>,
    pub text: Vec<Inline>,
    /// The text as plain text, citations as "ICCPR art. 9".
    pub plain: String,
    /// The documents, meetings or notes its footnotes cite, as plain text.
    pub sources: Vec<String>,
    pub addressees: Vec<Named>,
    pub theme: Option<Named>,
    /// The theme's heading on sheets ("On forced labour").
    pub heading: String,
    /// Inline citations, then `provisions:`, each once, as provision inlines.
    pub legal_basis: Vec<Inline>,
    pub findings: Vec<Named>,
    /// The findings' places in the publication ("section II.2(a)"), for compact sheets.
    #[serde(skip)]
    pub sections: Vec<String>,
    pub priority: Option<u8>,
    pub uptake: Vec<UptakeView>,
}

impl RecItem {
    pub fn provision_labels(&self) -> Vec<String> {
        self.legal_basis
            .iter()
            .filter_map(|i| match i {
                Inline::Provision { label, .. } => Some(label.clone()),
                _ => None,
            })
            .collect()
    }
}

/// Notes out of the text (into `sources`), cross-references as their label.
fn detach(v: Vec<Inline>, notes: &[Vec<Inline>], sources: &mut Vec<String>) -> Vec<Inline> {
    let mut out = vec![];
    for i in v {
        match i {
            Inline::Note(n) => {
                // "… them [@doc]." reads "… them." without the note.
                if let Some(Inline::Text(t)) = out.last_mut() {
                    t.truncate(t.trim_end().len());
                }
                if let Some(c) = notes.get(n - 1) {
                    sources.push(plain(c).trim().to_string());
                }
            }
            Inline::XRef { label, .. } => out.push(Inline::Text(label)),
            Inline::Emph(c) => out.push(Inline::Emph(detach(c, notes, sources))),
            Inline::Strong(c) => out.push(Inline::Strong(detach(c, notes, sources))),
            Inline::Strike(c) => out.push(Inline::Strike(detach(c, notes, sources))),
            Inline::Link { url, children } => out.push(Inline::Link {
                url,
                children: detach(children, notes, sources),
            }),
            other => out.push(other),
        }
    }
    out
}

fn collect_provisions(v: &[Inline], out: &mut Vec<Inline>) {
    for i in v {
        match i {
            Inline::Provision { .. } => out.push(i.clone()),
            Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => collect_provisions(c, out),
            Inline::Link { children, .. } => collect_provisions(children, out),
            _ => {}
        }
    }
}

/// Converts the given recommendations (indices into the report), in the given order.
pub fn items(report: &Report, ds: &Dataset, audience: Audience, which: &[usize]) -> Vec<RecItem> {
    let mut ctx = Ctx::labelled(report, ds, audience);
    let lang = report.meta.language.clone();
    let numbers: std::collections::HashMap<String, usize> =
        crate::view::publication::recommendation_numbers(report)
            .into_iter()
            .collect();
    let mut out = vec![];
    for &i in which {
        let rec = &report.recommendations[i];
        let number = numbers.get(&rec.id).copied();
        ctx.place = (
            number.map_or(rec.id.clone(), |n| {
                report.locale.fmt(
                    "publication.place-recommendation",
                    &[("number", &n.to_string())],
                )
            }),
            format!("rec-{}", rec.id),
        );
        let converted = crate::view::convert::flatten(ctx.blocks(&rec.text.markdown));
        let mut sources = vec![];
        let text = detach(converted, &ctx.notes, &mut sources);
        let mut legal = vec![];
        collect_provisions(&text, &mut legal);
        for p in &rec.provisions {
            legal.push(ctx.provision_inline(&p.display()));
        }
        let mut seen = std::collections::BTreeSet::new();
        legal.retain(|i| match i {
            Inline::Provision { label, .. } => seen.insert(label.clone()),
            _ => false,
        });
        let theme = rec.theme.as_ref().map(|t| Named {
            id: t.clone(),
            name: ds
                .theme(t)
                .map_or(t.clone(), |x| theme_label(x, &lang).to_string()),
        });
        let heading =
            crate::view::publication::theme_heading(ds, rec.theme.as_deref(), &report.locale);
        out.push(RecItem {
            id: rec.id.clone(),
            number,
            plain: plain(&text).trim().to_string(),
            text,
            sources,
            addressees: rec
                .to
                .iter()
                .filter_map(|a| report.addressee(a))
                .map(|a| Named {
                    id: a.id.clone(),
                    // A member is named with its parent: both states have a "Ministry of
                    // Foreign Affairs".
                    name: match a.parent {
                        Some(p) => format!("{} ({})", a.name, report.addressees[p].name),
                        None => a.name.clone(),
                    },
                })
                .collect(),
            theme,
            heading,
            legal_basis: legal,
            findings: rec
                .findings
                .iter()
                .filter_map(|f| report.finding(f))
                .map(|f| Named {
                    id: f.id.clone(),
                    name: f.title.clone(),
                })
                .collect(),
            sections: rec.findings.iter().map(|f| ctx.xref(f).0).collect(),
            priority: rec.priority,
            uptake: rec
                .uptake
                .iter()
                .map(|u| UptakeView {
                    symbol: u.symbol.clone(),
                    body: u.body.clone(),
                    paragraph: u.paragraph.clone(),
                    status: u.status,
                    note: u.note.clone(),
                })
                .collect(),
        });
    }
    // In the publication's order (R1, R2, ...), so a list reads like the report.
    out.sort_by_key(|it| it.number.unwrap_or(usize::MAX));
    out
}

/// Items grouped under their theme headings, themes in order of first appearance.
pub fn by_theme<'a>(
    items: impl IntoIterator<Item = &'a RecItem>,
) -> Vec<(String, Vec<&'a RecItem>)> {
    let items: Vec<&RecItem> = items.into_iter().collect();
    theme_groups(&items)
        .into_iter()
        .map(|(h, at)| (h, at.into_iter().map(|k| items[k]).collect()))
        .collect()
}

/// [`by_theme`] by the items' places in `items`.
fn theme_groups(items: &[&RecItem]) -> Vec<(String, Vec<usize>)> {
    let mut groups: Vec<(Option<&str>, String, Vec<usize>)> = vec![];
    for (k, it) in items.iter().enumerate() {
        let key = it.theme.as_ref().map(|t| t.id.as_str());
        match groups.iter_mut().find(|(g, _, _)| *g == key) {
            Some(g) => g.2.push(k),
            None => groups.push((key, it.heading.clone(), vec![k])),
        }
    }
    // "Other recommendations" last.
    groups.sort_by_key(|(k, _, _)| k.is_none());
    groups.into_iter().map(|(_, h, v)| (h, v)).collect()
}

fn rec_label(it: &RecItem) -> String {
    match it.number {
        Some(n) => format!("R{n}"),
        None => it.id.clone(),
    }
}

// ---------------------------------------------------------------- Markdown

/// A Markdown list, grouped by theme: for reading in a terminal or pasting into a document;
/// an internal one (`confidential`) says so under its title, as the other formats do.
pub fn markdown(
    l: &Locale,
    title: &str,
    description: &str,
    items: &[RecItem],
    confidential: bool,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(title));
    if confidential {
        let _ = writeln!(out, "**{}**\n", escape(&l.t("confidential-banner")));
    }
    if !description.is_empty() {
        let _ = writeln!(out, "{}\n", escape(description));
    }
    for (heading, recs) in by_theme(items) {
        let _ = writeln!(out, "## {}\n", escape(&heading));
        for it in recs {
            let _ = writeln!(
                out,
                "- **{}** `{}` {}",
                rec_label(it),
                it.id,
                inlines(&it.text, Mode::Standalone)
            );
            let names: Vec<&str> = it.addressees.iter().map(|a| a.name.as_str()).collect();
            let _ = writeln!(out, "  - {} {}", l.t("sheet.to"), escape(&names.join("; ")));
            if !it.legal_basis.is_empty() {
                let parts: Vec<String> = it
                    .legal_basis
                    .iter()
                    .map(|p| inlines(std::slice::from_ref(p), Mode::Standalone))
                    .collect();
                let _ = writeln!(out, "  - {} {}", l.t("sheet.legal-basis"), parts.join("; "));
            }
            if !it.findings.is_empty() {
                let t: Vec<&str> = it.findings.iter().map(|f| f.name.as_str()).collect();
                let _ = writeln!(
                    out,
                    "  - {} {}",
                    l.t("sheet.findings"),
                    escape(&t.join("; "))
                );
            }
            if let Some(p) = it.priority {
                let _ = writeln!(out, "  - {} {p}", l.t("sheet.priority"));
            }
            for s in &it.sources {
                let _ = writeln!(out, "  - {} {}", l.t("sheet.source"), escape(s));
            }
            let up: Vec<String> = it.uptake.iter().map(|u| u.line(l)).collect();
            let _ = writeln!(
                out,
                "  - {} {}",
                l.t("sheet.uptake"),
                if up.is_empty() {
                    l.t("sheet.none-recorded")
                } else {
                    up.join("; ")
                }
            );
        }
        out.push('\n');
    }
    out
}

// ---------------------------------------------------------------- CSV and JSON

/// A cell as a spreadsheet must show it: one starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return, which a spreadsheet would run as a formula (CSV injection), is prefixed with `'` so
/// that it shows as text (OWASP's advice).
fn spreadsheet_text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// Rows as RFC 4180 CSV, written by the `csv` crate (a field with a comma, a quote or a line
/// break is quoted, quotes doubled): CRLF line ends, and a UTF-8 byte-order mark so that
/// spreadsheet programs (Excel above all) read the accents and Cyrillic right. Every cell passes
/// the formula guard (`spreadsheet_text`).
pub fn csv_table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer("\u{feff}".as_bytes().to_vec());
    let header = header.iter().map(|h| spreadsheet_text(h));
    let rows = rows.iter().map(|r| r.iter().map(|c| spreadsheet_text(c)));
    // Writing UTF-8 text into memory cannot fail: `flexible` allows rows of any width, and a
    // `Vec` takes every write.
    w.write_record(header).expect("CSV into memory");
    for r in rows {
        w.write_record(r).expect("CSV into memory");
    }
    let bytes = w.into_inner().expect("CSV into memory");
    String::from_utf8(bytes).expect("CSV of UTF-8 cells is UTF-8")
}

/// The columns of the whole list, by their locale keys (`sheet.columns.id`...).
pub const CSV_COLUMNS: [&str; 9] = [
    "id",
    "number",
    "addressees",
    "theme",
    "text",
    "provisions",
    "findings",
    "priority",
    "uptake",
];

/// All recommendations as a spreadsheet: one row each, lists joined with "; ".
pub fn csv(l: &Locale, items: &[RecItem]) -> String {
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|it| {
            vec![
                it.id.clone(),
                it.number.map(|n| n.to_string()).unwrap_or_default(),
                it.addressees
                    .iter()
                    .map(|a| a.name.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
                it.theme
                    .as_ref()
                    .map(|t| t.name.clone())
                    .unwrap_or_default(),
                it.plain.clone(),
                it.provision_labels().join("; "),
                it.findings
                    .iter()
                    .map(|f| f.name.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
                it.priority.map(|p| p.to_string()).unwrap_or_default(),
                it.uptake
                    .iter()
                    .map(|u| u.line(l))
                    .collect::<Vec<_>>()
                    .join("; "),
            ]
        })
        .collect();
    let header: Vec<String> = CSV_COLUMNS
        .iter()
        .map(|c| l.t(&format!("sheet.columns.{c}")))
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    csv_table(&header, &rows)
}

/// All recommendations as JSON: the CSV's columns, with ids kept beside names.
pub fn json(items: &[RecItem]) -> String {
    let v: Vec<serde_json::Value> = items
        .iter()
        .map(|it| {
            serde_json::json!({
                "id": it.id,
                "number": it.number,
                "addressees": it.addressees,
                "theme": it.theme,
                "text": it.plain,
                "provisions": it.provision_labels(),
                "findings": it.findings,
                "priority": it.priority,
                "uptake": it.uptake,
                "sources": it.sources,
            })
        })
        .collect();
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

// ---------------------------------------------------------------- sheets (HTML and Typst)

/// What a sheet says around its recommendations.
#[derive(Debug, Clone, Serialize)]
pub struct SheetMeta {
    /// The organisations, in cover order.
    pub authors: Vec<String>,
    pub report_title: String,
    pub report_subtitle: Option<String>,
    pub date: String,
    pub language: String,
    /// "Recommendations to the Ministry of Labour ..." or "Recommendations".
    pub heading: String,
    /// The addressee's parent ("The Kazakh authorities"), or the filters of a list.
    pub context: Option<String>,
    pub count: usize,
    /// "72 recommendations", "72 рекомендации".
    pub count_text: String,
    pub confidential: bool,
    /// Where findings link to in HTML ("../publication.html"), if anywhere.
    pub publication: Option<String>,
    /// The locale's words, for the templates (`meta.t.sheet.evidence`).
    pub t: serde_json::Value,
    /// The report's locale, for the words the writers put in themselves.
    #[serde(skip)]
    pub locale: Locale,
}

impl SheetMeta {
    pub fn new(report: &Report, audience: Audience, heading: String, count: usize) -> SheetMeta {
        SheetMeta {
            authors: report.meta.authors.iter().map(|a| a.name.clone()).collect(),
            report_title: report.meta.title.clone(),
            report_subtitle: report.meta.subtitle.clone(),
            date: report.locale.date(&report.meta.date),
            language: report.meta.language.clone(),
            heading,
            context: None,
            count,
            count_text: report.locale.count("count.recommendations", count, &[]),
            confidential: audience == Audience::Internal,
            publication: None,
            t: report.locale.table(),
            locale: report.locale.clone(),
        }
    }
}

#[derive(Serialize)]
struct SheetRec {
    label: String,
    id: String,
    text: String,
    to: String,
    legal: String,
    findings: Vec<Named>,
    sources: Vec<String>,
    priority: Option<u8>,
    uptake: Vec<String>,
}

/// A recommendation as a sheet's template reads it (`groups[].recs[]`): made once, and shared
/// by every sheet that lists it (a template value is shared, not copied).
pub fn sheet_rec(it: &RecItem, l: &Locale) -> tera::Value {
    tera::Value::from_serializable(&SheetRec {
        label: rec_label(it),
        id: it.id.clone(),
        text: html::inlines(&it.text),
        to: it
            .addressees
            .iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        legal: it
            .legal_basis
            .iter()
            .map(|p| html::inlines(std::slice::from_ref(p)))
            .collect::<Vec<_>>()
            .join("; "),
        findings: it.findings.clone(),
        sources: it.sources.clone(),
        priority: it.priority,
        uptake: it.uptake.iter().map(|u| u.line(l)).collect(),
    })
}

/// One HTML page (a sheet, or a list): self-contained, like the publication.
pub fn sheet_html(meta: &SheetMeta, items: &[&RecItem], templates: &Templates) -> Result<Vec<u8>> {
    let recs: Vec<tera::Value> = items.iter().map(|it| sheet_rec(it, &meta.locale)).collect();
    sheet_page(meta, items, &recs, templates)
}

/// [`sheet_html`] of items whose template values ([`sheet_rec`]) are made: `recs[k]` is
/// `items[k]`'s.
pub fn sheet_page(
    meta: &SheetMeta,
    items: &[&RecItem],
    recs: &[tera::Value],
    templates: &Templates,
) -> Result<Vec<u8>> {
    let groups: Vec<tera::Value> = theme_groups(items)
        .into_iter()
        .map(|(heading, at)| {
            let recs: Vec<tera::Value> = at.into_iter().map(|k| recs[k].clone()).collect();
            let mut group = tera::Map::default();
            group.insert("heading".into(), heading.into());
            group.insert("recs".into(), recs.into());
            tera::Value::from(group)
        })
        .collect();
    let mut ctx = tera::Context::new();
    ctx.insert("meta", meta);
    ctx.insert_value("groups", groups.into());
    // About what an item takes (a generated project's take 600 bytes, the flagship's 1,200):
    // a buffer more than twice the page would be copied to be shrunk to it.
    let size = 1024 * items.len();
    templates.render_html_sized("recommendations.html", &ctx, size + super::html::PAGE_FRAME)
}

/// The Typst body of a sheet (the template adds the header and styles).
pub fn sheet_typst_body(l: &Locale, items: &[&RecItem]) -> String {
    let mut out = String::new();
    for (heading, recs) in by_theme(items.iter().copied()) {
        let _ = writeln!(out, "#theme-heading({})\n", typst::lit(&heading));
        for it in recs {
            // The legal basis the text does not already cite.
            let mut in_text = vec![];
            collect_provisions(&it.text, &mut in_text);
            let legal = it
                .legal_basis
                .iter()
                .filter(|p| {
                    !in_text
                        .iter()
                        .any(|t| provision_label(t) == provision_label(p))
                })
                .map(|p| typst::inlines(std::slice::from_ref(p)))
                .collect::<Vec<_>>()
                .join("; ");
            // Sheets stay short: the evidence by its place in the publication, and no source
            // lines (the publication and the lists carry them).
            let uptake: Vec<String> = it.uptake.iter().map(|u| u.line(l)).collect();
            let _ = writeln!(
                out,
                "#rec-item({}, [{}], legal: [{}], evidence: {}, sources: {}, uptake: {}, priority: {})\n",
                typst::lit(&rec_label(it)),
                typst::inlines(&it.text),
                legal,
                typst::lit(&it.sections.join("; ")),
                typst::lit(""),
                typst::lit(&uptake.join("; ")),
                it.priority.map_or("none".to_string(), |p| p.to_string()),
            );
        }
    }
    out
}

/// The built-in template of a sheet's PDF.
pub const SHEET_TEMPLATE: &str = "typst/recommendations-sheet.typ";

/// A sheet's PDF, to be compiled: its Typst body and its particulars as data.
pub fn sheet_job(base: &str, meta: &SheetMeta, items: &[&RecItem]) -> Result<typst_cli::Job> {
    Ok(typst_cli::Job {
        base: base.to_string(),
        function: "sheet",
        body: sheet_typst_body(&meta.locale, items),
        data: serde_json::to_vec_pretty(meta)?,
        files: vec![],
        data_artifact: false,
    })
}

/// One addressee's sheet.
pub struct AddresseeSheet {
    /// `recommendations/<addressee id>`.
    pub base: String,
    pub meta: SheetMeta,
    /// Its recommendations, by their places in [`Sheets::all`] (in the list's order): a
    /// recommendation to several addressees is converted once.
    pub items: Vec<usize>,
}

/// The `recommendations: {by: addressee}` output: one sheet per addressee that has any
/// recommendation, an index page, and the whole list, all under `recommendations/`.
pub struct Sheets {
    pub sheets: Vec<AddresseeSheet>,
    /// Every recommendation, for the whole list (CSV, JSON, Markdown).
    pub all: Vec<RecItem>,
    /// The report's title, the heading of the whole list in Markdown.
    pub title: String,
    /// The report's locale.
    pub locale: Locale,
    index: Vec<IndexEntry>,
    /// The index page's heading and audience (the whole list's too).
    pub(crate) index_meta: SheetMeta,
}

impl Sheets {
    /// A sheet's recommendations.
    pub fn items_of(&self, sheet: &AddresseeSheet) -> Vec<&RecItem> {
        sheet.items.iter().map(|&k| &self.all[k]).collect()
    }

    pub fn by_addressee(report: &Report, ds: &Dataset, audience: Audience) -> Sheets {
        let all_ids: Vec<usize> = (0..report.recommendations.len()).collect();
        let all = items(report, ds, audience, &all_ids);
        let has_publication = report.outputs.iter().any(
            |o| matches!(o, Output::Publication { formats, .. } if formats.contains(&Format::Html)),
        );
        let mut sheets = vec![];
        let mut index: Vec<IndexEntry> = vec![];
        let selected = crate::view::select::by_addressee(report);
        // `all` is in the list's order (not the project's): where each recommendation sits in it.
        let place: std::collections::HashMap<&str, usize> = all
            .iter()
            .enumerate()
            .map(|(k, it)| (it.id.as_str(), k))
            .collect();
        for (a, recs) in report.addressees.iter().zip(&selected) {
            let mut at: Vec<usize> = recs
                .iter()
                .filter_map(|&i| place.get(report.recommendations[i].id.as_str()).copied())
                .collect();
            at.sort_unstable();
            let mine = at;
            if mine.is_empty() {
                continue;
            }
            let heading = report.locale.fmt(
                "sheet.heading",
                &[("addressee", &addressee_in(&report.locale, &a.name))],
            );
            let mut meta = SheetMeta::new(report, audience, heading, mine.len());
            meta.context = a.parent.map(|p| report.addressees[p].name.clone());
            if has_publication {
                meta.publication = Some("../publication.html".into());
            }
            index.push(IndexEntry {
                id: a.id.clone(),
                name: a.name.clone(),
                depth: a.depth,
                count: mine.len(),
            });
            sheets.push(AddresseeSheet {
                base: format!("recommendations/{}", a.id),
                meta,
                items: mine,
            });
        }
        let index_meta = SheetMeta::new(
            report,
            audience,
            report.locale.t("sheet.index-heading"),
            all.len(),
        );
        Sheets {
            sheets,
            all,
            title: report.meta.title.clone(),
            locale: report.locale.clone(),
            index,
            index_meta,
        }
    }

    /// The index page, linking each addressee's sheet in the formats built; `None` when no
    /// sheet is built (only the whole list, in CSV, JSON or Markdown).
    pub fn index(&self, formats: &[Format], templates: &Templates) -> Result<Option<Artifact>> {
        let sheets = [Format::Html, Format::Pdf, Format::Docx];
        if !sheets.iter().any(|f| formats.contains(f)) {
            return Ok(None);
        }
        let mut ctx = tera::Context::new();
        ctx.insert("meta", &self.index_meta);
        ctx.insert("entries", &self.index);
        for f in [
            Format::Html,
            Format::Pdf,
            Format::Docx,
            Format::Csv,
            Format::Json,
        ] {
            ctx.insert(f.extension(), &formats.contains(&f));
        }
        let page = templates.render_html("recommendations-index.html", &ctx)?;
        Ok(Some(Artifact::shipped(
            "recommendations/index",
            Format::Html,
            page.into_bytes(),
        )))
    }
}

#[derive(Serialize)]
struct IndexEntry {
    id: String,
    name: String,
    depth: usize,
    count: usize,
}

/// An addressee's name after the locale's "Recommendations to": lowered in English (see
/// [`lower_the`]), as written in other languages (where the locale's sentence takes the name
/// standing alone).
pub fn addressee_in(l: &Locale, name: &str) -> String {
    if l.language == "en" {
        lower_the(name)
    } else {
        name.to_string()
    }
}

/// An addressee's name after "to": "The Kazakh authorities" -> "the Kazakh authorities",
/// "Ministry of Healthcare" -> "the Ministry of Healthcare".
pub fn lower_the(name: &str) -> String {
    // "The Kazakh authorities" -> "the Kazakh authorities"; "International workers' ..." ->
    // "international workers' ..."; "Ministry of Labour" -> "the Ministry of Labour".
    let lowered = crate::view::publication::lower_article(name);
    if lowered.starts_with(char::is_lowercase) {
        lowered
    } else {
        format!("the {lowered}")
    }
}

// ---------------------------------------------------------------- DOCX

/// A sheet as a Word document, through the generic writer ([`super::docx`]): the organisations,
/// the heading (Heading 1), the addressee's parent or the list's filters, the report and its
/// date, then the recommendations under their theme headings (Heading 2), each with its number
/// hanging at the left and its details (addressees, legal basis, evidence, sources, uptake)
/// beneath. The document's timestamp is the report's date, so the same input gives the same
/// bytes.
pub fn sheet_docx(meta: &SheetMeta, items: &[&RecItem], date: PartialDate) -> Result<Vec<u8>> {
    use super::docx::{Document, Item};
    let t = |s: &str| Inline::Text(s.to_string());
    let l = &meta.locale;
    // A label as a detail's name: "Legal basis:" -> "Legal basis".
    let name = |k: &str| l.t(k).trim_end_matches([':', ' ', '\u{a0}']).to_string();
    let mut out = vec![];
    if meta.confidential {
        out.push(Item::Line {
            text: l.t("confidential-banner"),
            bold: true,
            size: 11,
        });
    }
    out.push(Item::Line {
        text: meta.authors.join("  ·  ").to_uppercase(),
        bold: true,
        size: 9,
    });
    out.push(Item::Heading {
        level: 1,
        text: meta.heading.clone(),
    });
    if let Some(c) = &meta.context {
        out.push(Item::Para(vec![t(c)]));
    }
    let mut from = vec![
        t(&format!("{} ", l.t("sheet.from"))),
        Inline::Emph(vec![t(&meta.report_title)]),
    ];
    if let Some(s) = &meta.report_subtitle {
        from.push(t(&format!(": {s}")));
    }
    from.push(t(&format!(
        " ({}). {}, {}.",
        meta.date,
        meta.count_text,
        l.t("sheet.numbers")
    )));
    out.push(Item::Para(from));
    for (heading, recs) in by_theme(items.iter().copied()) {
        out.push(Item::Heading {
            level: 2,
            text: heading,
        });
        for it in recs {
            let mut text = it.text.clone();
            if it.priority == Some(1) {
                text.push(Inline::Strong(vec![t(&format!(" {}", l.t("priority")))]));
            }
            out.push(Item::Labelled {
                label: rec_label(it),
                text,
            });
            let mut detail = |name: &str, value: Vec<Inline>| {
                out.push(Item::Detail {
                    name: name.into(),
                    value,
                })
            };
            let names: Vec<&str> = it.addressees.iter().map(|a| a.name.as_str()).collect();
            detail(&name("sheet.to"), vec![t(&names.join("; "))]);
            if !it.legal_basis.is_empty() {
                let mut v = vec![];
                for (k, p) in it.legal_basis.iter().enumerate() {
                    if k > 0 {
                        v.push(t("; "));
                    }
                    v.push(p.clone());
                }
                detail(&name("sheet.legal-basis"), v);
            }
            if !it.findings.is_empty() {
                let titles: Vec<&str> = it.findings.iter().map(|f| f.name.as_str()).collect();
                detail(&name("sheet.evidence"), vec![t(&titles.join("; "))]);
            }
            for s in &it.sources {
                detail(&name("sheet.source"), vec![t(s)]);
            }
            if !it.uptake.is_empty() {
                let up: Vec<String> = it.uptake.iter().map(|u| u.line(l)).collect();
                detail(&name("sheet.uptake"), vec![t(&up.join("; "))]);
            }
        }
    }
    super::docx::render(&Document {
        title: format!("{} — {}", meta.heading, meta.report_title),
        language: meta.language.clone(),
        timestamp: super::docx::timestamp(date),
        notes: &[],
        footer: if meta.confidential {
            l.t("confidential-header")
        } else {
            format!("{}, {}", meta.report_title, meta.date)
        },
        cover_page: false,
        page: l.t("page"),
        items: out,
    })
}

fn provision_label(i: &Inline) -> Option<&str> {
    match i {
        Inline::Provision { label, .. } => Some(label),
        _ => None,
    }
}
