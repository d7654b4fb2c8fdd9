//! What `recs` and `uptake` share with `build`: a checked project or the reason there is none,
//! and one artifact delivered through the same leak audit and atomic write.

use super::build::{audit_passes, write_atomically};
use crate::Checked;
use crate::diagnostic::{self, Format as DiagFormat};
use crate::model::raw::Audience;
use crate::write::Artifact;
use anyhow::Result;
use std::collections::BTreeMap;
use std::io::Write as _;
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

/// Audits the bytes (public audience), then prints them or writes them to `out` atomically.
pub fn deliver(
    checked: &Checked,
    bytes: Vec<u8>,
    out: Option<&PathBuf>,
    audience: Audience,
    what: &str,
) -> Result<i32> {
    let name = out
        .and_then(|p| p.file_name())
        .map_or("stdout".to_string(), |n| n.to_string_lossy().into_owned());
    let artifact = Artifact {
        path: name,
        bytes,
        shipped: true,
    };
    if audience == Audience::Public
        && !audit_passes(&checked.report, std::slice::from_ref(&artifact))
    {
        return Ok(1);
    }
    match out {
        Some(path) => {
            let dir = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            let size = artifact.bytes.len();
            write_atomically(&dir, &[artifact])?;
            println!(
                "wrote {} ({} KB): {what}",
                path.display(),
                size.div_ceil(1024)
            );
        }
        None => {
            let mut so = std::io::stdout().lock();
            so.write_all(&artifact.bytes)?;
            so.flush()?;
        }
    }
    Ok(0)
}
