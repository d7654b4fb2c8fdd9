//! What the commands share: a checked project or the reason there is none, and artifacts delivered
//! through the leak audit and an atomic write.

use crate::Checked;
use crate::diagnostic::{self, Format as DiagFormat};
use crate::emit;
use crate::model::raw::Audience;
use crate::protect::audit::{self, Leak};
use crate::write::Artifact;
use anyhow::Result;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Loads and checks the project; with content errors, prints them and returns the exit status 1.
pub fn checked(project: &Path) -> Result<std::result::Result<Checked, i32>> {
    let checked = crate::check(project)?;
    if checked.diagnostics.has_errors() {
        let sources: BTreeMap<String, String> = checked
            .files
            .all()
            .map(|f| (f.path.clone(), f.text.clone()))
            .collect();
        eprint!(
            "{}",
            diagnostic::render(
                &checked.diagnostics.clone().sorted(),
                DiagFormat::Short,
                &sources
            )
        );
        eprintln!(
            "stopped: the project has {} error(s); `rapporteur check` shows them",
            checked.diagnostics.errors()
        );
        return Ok(Err(1));
    }
    Ok(Ok(checked))
}

/// The text of a file named on the command line; `Err` is the exit status 2, the reason
/// printed (`advice` follows it when the file is not UTF-8).
pub fn read_text(file: &Path, advice: &str) -> std::result::Result<String, i32> {
    match std::fs::read(file) {
        Ok(b) => String::from_utf8(b).map_err(|_| {
            eprintln!("error: `{}` is not UTF-8 text{advice}", file.display());
            2
        }),
        Err(e) => {
            eprintln!("error: cannot read `{}`: {e}", file.display());
            Err(2)
        }
    }
}

/// Audits the artifacts for their audience, then prints the shipped one or writes it to `out`
/// atomically.
pub fn deliver(
    checked: &Checked,
    artifacts: Vec<Artifact>,
    out: Option<&PathBuf>,
    audience: Audience,
    what: &str,
) -> Result<i32> {
    // Leaks are reported under the name the reader knows: the file written, or stdout.
    let name = out
        .and_then(|p| p.file_name())
        .map_or("stdout".to_string(), |n| n.to_string_lossy().into_owned());
    let artifacts = artifacts
        .into_iter()
        .map(|a| Artifact {
            path: name.clone(),
            ..a
        })
        .collect();
    let audited = match audit::audit(&checked.report, audience, artifacts) {
        Ok(a) => a,
        Err(leaks) => {
            print_leaks(&leaks);
            return Ok(1);
        }
    };
    match out {
        Some(path) => {
            let size = emit::to_file(path, &audited)?;
            println!(
                "wrote {} ({} KB): {what}",
                path.display(),
                size.div_ceil(1024)
            );
        }
        None => emit::to_stdout(&audited)?,
    }
    Ok(0)
}

/// Prints each leak the audit found, and that nothing was written.
pub fn print_leaks(leaks: &[Leak]) {
    eprint!("{}", leaks_text(leaks));
}

/// The lines [`print_leaks`] prints.
pub fn leaks_text(leaks: &[Leak]) -> String {
    let mut out = String::new();
    for l in leaks {
        out.push_str(&format!(
            "error: `{}` contains `{}`, which testimony `{}` protects (its consent level forbids publishing it)\n",
            l.artifact, l.what, l.testimony
        ));
    }
    out.push_str(&format!(
        "stopped by the leak audit: {} leak(s); nothing was written and the previous artifacts were left in place\n",
        leaks.len()
    ));
    out
}
