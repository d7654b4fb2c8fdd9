//! IMPACT OSS recommendations CSV: the batch-import template's columns, whose headers carry the
//! database field in brackets (`Reference [database:reference]`, `Title [database:title]`,
//! `Accepted [database:accepted]`, `Response [database:response]`). What is read: the reference
//! (its paragraph number: `140.7`, or a symbol followed by the number), the title (the
//! recommendation's text), accepted (`true` supported, `false` noted, empty no response), and an
//! SDG targets column when there is one. The government's response comment is not kept (the
//! model records the response and where it was given, not its wording): its column is reported.

use super::{Import, Record, response_of};
use crate::resolve::received::is_sdg;

/// The database field of a header (`Title [database:title]`: `title`), or the header itself.
fn field(header: &str) -> String {
    let h = header.trim().trim_start_matches('\u{feff}');
    match (h.find("[database:"), h.rfind(']')) {
        (Some(i), Some(j)) if j > i => h[i + "[database:".len()..j].trim().to_lowercase(),
        _ => h.to_lowercase(),
    }
}

/// Reads an IMPACT OSS recommendations CSV.
pub fn read(text: &str) -> Result<Import, String> {
    let (header, rows) = super::upr_info::table(text)?;
    let fields: Vec<String> = header.iter().map(|h| field(h)).collect();
    let col = |names: &[&str]| fields.iter().position(|f| names.contains(&f.as_str()));
    let title = col(&["title"]).ok_or_else(|| {
        format!(
            "no title column (`Title [database:title]`); the columns are: {}",
            header.join(", ")
        )
    })?;
    let reference = col(&["reference"]);
    let accepted = col(&["accepted"]);
    let sdg = col(&["sdg targets", "sdgtargets", "sdg"]);
    let mut import = Import::default();
    for (i, f) in fields.iter().enumerate() {
        if Some(i) != reference && Some(i) != accepted && Some(i) != sdg && i != title {
            import.notes.push(format!(
                "column `{}` is not kept{}",
                header[i],
                if f == "response" {
                    " (the government's comment on its response)"
                } else {
                    ""
                }
            ));
        }
    }
    for (k, row) in rows.iter().enumerate() {
        let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).map_or("", |s| s.trim());
        let text = cell(Some(title));
        if text.is_empty() {
            import.skip(
                k + 2,
                cell(reference),
                "no title (the recommendation's text)",
            );
            continue;
        }
        let paragraph = match cell(reference).split_whitespace().last() {
            None => None,
            Some(r) => match crate::parse::symbol::paragraph(r) {
                Ok(p) => Some(p),
                Err(e) => {
                    import.skip(k + 2, text, e);
                    continue;
                }
            },
        };
        let response = match response_of(cell(accepted)) {
            Ok(r) => r,
            Err(e) => {
                import.skip(k + 2, text, e);
                continue;
            }
        };
        import.records.push(Record {
            paragraph,
            text: text.to_string(),
            response,
            sdg: cell(sdg)
                .split([',', ';', ' '])
                .filter(|t| is_sdg(t))
                .map(str::to_string)
                .collect(),
            ..Record::default()
        });
    }
    Ok(import)
}
