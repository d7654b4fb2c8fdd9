//! `rapporteur recs`: the recommendations that pass the filters, in one format.

use super::common::{checked, deliver};
use crate::cli::RecsArgs;
use crate::model::raw::Format;
use crate::view::select::Filter;
use crate::write::documents::Sheet;
use crate::write::sheet::{self as r, SheetMeta};
use crate::write::{Env, templates::Templates, write};
use anyhow::Result;
use std::path::Path;

pub fn run(o: RecsArgs) -> Result<i32> {
    let format = match format_for(o.format, o.out.as_deref()) {
        Ok(f) => f,
        Err(msg) => {
            eprintln!("error: {msg}");
            return Ok(2);
        }
    };
    let checked = match checked(&o.project)? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let report = &checked.report;
    let ds = &checked.dataset;
    let filter = Filter {
        to: o.to,
        theme: o.theme,
        instrument: o.instrument,
        body: o.body,
        state: o.state,
        priority: o.priority,
    };
    let resolved = match filter.resolve(report, ds) {
        Ok(r) => r,
        Err(msg) => {
            eprintln!("error: {msg}");
            return Ok(2);
        }
    };
    if matches!(format, Format::Pdf | Format::Docx) && o.out.is_none() {
        eprintln!("error: --format {} needs --out FILE", format_name(format));
        return Ok(2);
    }
    let selected = resolved.select(report);
    let items = r::items(report, ds, o.audience, &selected);
    let (heading, context) = describe(&filter, report);
    let what = report
        .locale
        .count("count.recommendations", items.len(), &[]);
    let description = match &context {
        Some(c) => format!("{c}. {what}."),
        None => format!("{what}."),
    };
    let mut meta = SheetMeta::new(report, o.audience, heading, items.len());
    meta.context = context;
    let base = o
        .out
        .as_deref()
        .and_then(Path::file_stem)
        .map_or("recommendations".to_string(), |s| {
            s.to_string_lossy().into_owned()
        });
    let sheet = Sheet {
        base,
        meta,
        description,
        items: &items,
    };
    let templates = Templates::load(&checked.files.templates)?;
    let mut env = Env::new(&templates, &report.meta);
    let artifacts = write(&sheet, &[format], &mut env)?;
    deliver(&checked, artifacts, o.out.as_ref(), o.audience, &what)
}

/// The format of `--out`'s extension, if it names one.
fn format_of_extension(out: &Path) -> Option<Format> {
    let ext = out.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "md" | "markdown" => Format::Md,
        "csv" => Format::Csv,
        "json" => Format::Json,
        "html" | "htm" => Format::Html,
        "pdf" => Format::Pdf,
        "docx" => Format::Docx,
        _ => return None,
    })
}

fn format_name(f: Format) -> String {
    format!("{f:?}").to_lowercase()
}

/// The format to write: `--format` if given, else the extension of `--out`, else Markdown.
/// A `--format` that another format's extension contradicts (`--format csv --out r.pdf`) is
/// refused, and so is an `--out` whose extension names no format, when `--format` is not given
/// (`.txt` and no extension are Markdown, which is plain text).
fn format_for(format: Option<Format>, out: Option<&Path>) -> std::result::Result<Format, String> {
    let Some(out) = out else {
        return Ok(format.unwrap_or(Format::Md));
    };
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    match (format, format_of_extension(out)) {
        (Some(f), Some(e)) if f != e => Err(format!(
            "--format {} does not match --out {} (its extension says {}): drop --format, or \
             name the file .{}",
            format_name(f),
            out.display(),
            format_name(e),
            format_name(f)
        )),
        (Some(f), _) => Ok(f),
        (None, Some(e)) => Ok(e),
        (None, None) if ext.is_empty() || ext.eq_ignore_ascii_case("txt") => Ok(Format::Md),
        (None, None) => Err(format!(
            "cannot tell the format of --out {} from `.{ext}`: give --format (md, csv, json, \
             html, pdf or docx) or an --out ending in one of them",
            out.display()
        )),
    }
}

/// The list's heading and a line saying which filters made it.
fn describe(f: &Filter, report: &crate::model::resolved::Report) -> (String, Option<String>) {
    let l = &report.locale;
    let heading = match f.to.as_deref().and_then(|t| report.addressee(t)) {
        Some(a) => l.fmt(
            "sheet.heading",
            &[("addressee", &r::addressee_in(l, &a.name))],
        ),
        None => l.t("recommendations"),
    };
    let mut parts = vec![];
    if let Some(a) = f.to.as_deref().and_then(|t| report.addressee(t))
        && let Some(p) = a.parent
    {
        let parent = r::addressee_in(l, &report.addressees[p].name);
        parts.push(l.fmt("sheet.part-of", &[("addressee", &parent)]));
    }
    for (k, v) in [
        ("theme", &f.theme),
        ("instrument", &f.instrument),
        ("body", &f.body),
        ("state", &f.state),
    ] {
        if let Some(v) = v {
            parts.push(format!("{k} {v}"));
        }
    }
    if let Some(p) = f.priority {
        parts.push(l.fmt("sheet.priority-filter", &[("n", &p.to_string())]));
    }
    let context = (!parts.is_empty()).then(|| {
        let s = parts.join("; ");
        let mut c = s.chars();
        c.next()
            .map(|x| x.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    });
    (heading, context)
}
