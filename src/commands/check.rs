use crate::diagnostic::{self, Format};
use anyhow::Result;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::Path;
use std::time::Instant;

pub fn run(project: &Path, format: Option<Format>, deny_warnings: bool) -> Result<i32> {
    let start = Instant::now();
    let checked = crate::check(project)?;
    let elapsed = start.elapsed();
    let format = format.unwrap_or(if std::io::stdout().is_terminal() {
        Format::Human
    } else {
        Format::Short
    });
    let sources = shown_sources(&checked);
    let errors = checked.diagnostics.errors();
    let warnings = checked.diagnostics.warnings();
    let diags = checked.diagnostics.sorted();
    let c = checked.report.counts();
    if format == Format::Json {
        let doc = serde_json::json!({
            "project": project.display().to_string(),
            "diagnostics": diags,
            "errors": errors,
            "warnings": warnings,
            "counts": c,
        });
        println!("{}", serde_json::to_string_pretty(&doc)?);
    } else {
        let root = project.display().to_string();
        let root = root.trim_start_matches("./");
        print!("{}", diagnostic::render_in(&diags, format, &sources, root));
        let n =
            |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
        println!(
            "{}: {}, {}, {}, {}, {}, {}, {}",
            project.display(),
            n(c.chapters, "chapter", "chapters"),
            n(c.findings, "finding", "findings"),
            n(c.testimonies, "testimony", "testimonies"),
            n(c.recommendations, "recommendation", "recommendations"),
            n(c.addressees, "addressee", "addressees"),
            n(c.documents, "document", "documents"),
            n(c.meetings, "meeting", "meetings")
                + &if c.received > 0 {
                    format!(
                        ", {}",
                        n(
                            c.received,
                            "received recommendation",
                            "received recommendations"
                        )
                    )
                } else {
                    String::new()
                }
        );
        println!(
            "{} error{}, {} warning{} ({} ms)",
            errors,
            if errors == 1 { "" } else { "s" },
            warnings,
            if warnings == 1 { "" } else { "s" },
            elapsed.as_millis()
        );
    }
    // The command ends here and the process with it: the project's files, records and report
    // (millions of small allocations in a large project, a noticeable share of the run to free
    // one by one) are left to the process's exit.
    std::mem::forget((checked.files, checked.dataset, checked.report));
    Ok(if errors > 0 || (deny_warnings && warnings > 0) {
        1
    } else {
        0
    })
}

/// The text of each file a diagnostic points at (and of report.yaml, where length limits are
/// reported), for the lines the human format shows: not a copy of the whole project.
pub(super) fn shown_sources(checked: &crate::Checked) -> BTreeMap<String, String> {
    let named: std::collections::HashSet<&str> = checked
        .diagnostics
        .iter()
        .map(|d| d.location.file.as_str())
        .chain(["report.yaml"])
        .collect();
    checked
        .files
        .all()
        .filter(|f| named.contains(f.path.as_str()))
        .map(|f| (f.path.clone(), f.text.clone()))
        .collect()
}
