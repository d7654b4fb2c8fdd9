//! `rapporteur received import` and `export`: the recommendations a state received, from the
//! formats people have into `received/` files, and back out as a UPR Info-style table.

use super::common::{checked, deliver, read_text};
use crate::cli::ReceivedCommand;
use crate::model::raw::{Audience, Format};
use crate::received::{self, ImportFormat, upr_info};
use crate::write::Artifact;
use anyhow::{Context as _, Result};
use std::io::Write as _;
use std::path::Path;

pub fn run(cmd: ReceivedCommand) -> Result<i32> {
    match cmd {
        ReceivedCommand::Import {
            file,
            format,
            symbol,
            state,
            cycle,
            session,
            responses,
            out,
        } => {
            let given = received::Header {
                document: symbol,
                state: state.map(|s| s.to_uppercase()),
                cycle,
                session,
                responses,
            };
            import(&file, format, given, out.as_deref())
        }
        ReceivedCommand::Export {
            project,
            symbol,
            out,
        } => export(&project, symbol.as_deref(), out.as_ref()),
    }
}

fn import(
    file: &Path,
    format: ImportFormat,
    given: received::Header,
    out: Option<&Path>,
) -> Result<i32> {
    let text = match read_text(file, " (save it as \"CSV UTF-8\" or plain text)") {
        Ok(t) => t,
        Err(status) => return Ok(status),
    };
    let mut diags = crate::diagnostic::Diagnostics::default();
    let ds = crate::conventions::Dataset::builtin(&mut diags);
    let read = match format {
        ImportFormat::UprInfo => upr_info::read(&text, &ds).map(|(i, _)| i),
        ImportFormat::Ohchr => Ok(received::ohchr::read(&text, &ds)),
        ImportFormat::Observations => Ok(received::concluding::read(&text)),
        ImportFormat::Impact => received::impact::read(&text),
    };
    let mut imported = match read {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {}: {e}", file.display());
            return Ok(2);
        }
    };
    complete_header(&mut imported.header, given);
    warn_if_unplaced(&imported.header);
    eprint!("{}", imported.summary());
    let name = file
        .file_name()
        .map_or("a file".into(), |n| n.to_string_lossy().into_owned());
    let yaml = received::to_yaml(&imported, &format!("`{name}`"));
    match out {
        None => {
            print!("{yaml}");
            Ok(0)
        }
        Some(path) => write_new(path, &yaml),
    }
}

/// What the command line says wins over the data only where the data is silent; the state is
/// read from the document's symbol when neither gives it.
fn complete_header(h: &mut received::Header, given: received::Header) {
    h.document = h.document.take().or(given.document);
    h.state = h.state.take().or(given.state);
    h.cycle = h.cycle.or(given.cycle);
    h.session = h.session.or(given.session);
    h.responses = h.responses.take().or(given.responses);
    if h.state.is_none()
        && let Some(s) = h
            .document
            .as_deref()
            .and_then(|d| crate::parse::symbol::parse(d).ok())
    {
        h.state = s.state;
    }
}

/// A warning when the file will not say which document or which state it records.
fn warn_if_unplaced(h: &received::Header) {
    let missing: Vec<&str> = [
        ("--symbol", h.document.is_none()),
        ("--state", h.state.is_none()),
    ]
    .into_iter()
    .filter_map(|(f, m)| m.then_some(f))
    .collect();
    if !missing.is_empty() {
        eprintln!(
            "warning: the data does not say {}; give {} (the file is written with it empty, and `check` will say so)",
            if missing.len() == 2 {
                "which document and which state"
            } else if missing[0] == "--symbol" {
                "which document"
            } else {
                "which state"
            },
            missing.join(" and ")
        );
    }
}

/// Writes a new received file, atomically, never over an existing one (assessments may be in
/// it): exit status 2 if it exists.
fn write_new(path: &Path, yaml: &str) -> Result<i32> {
    if path.exists() {
        eprintln!(
            "error: `{}` exists: rapporteur does not overwrite a received file (assessments may be in it)",
            path.display()
        );
        return Ok(2);
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot write in `{}`", dir.display()))?;
    tmp.write_all(yaml.as_bytes())?;
    tmp.persist_noclobber(path)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    eprintln!("wrote {}", path.display());
    Ok(0)
}

fn export(project: &Path, symbol: Option<&str>, out: Option<&std::path::PathBuf>) -> Result<i32> {
    let checked = match checked(project)? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let docs = &checked.report.received_documents;
    let chosen: Vec<usize> = (0..docs.len())
        .filter(|&i| symbol.is_none_or(|s| docs[i].symbol == s.trim()))
        .collect();
    let [k] = chosen[..] else {
        let known: Vec<&str> = docs.iter().map(|d| d.symbol.as_str()).collect();
        eprintln!(
            "error: {} (received documents: {})",
            match symbol {
                Some(s) => format!("no received document `{s}`"),
                None if docs.is_empty() => "the project has no received/ file".to_string(),
                None =>
                    "the project has several received documents: say which with --symbol".into(),
            },
            if known.is_empty() {
                "none".into()
            } else {
                known.join(", ")
            }
        );
        return Ok(2);
    };
    let d = &docs[k];
    let header = received::Header {
        document: Some(d.symbol.clone()),
        state: Some(d.state.clone()),
        cycle: d.cycle,
        session: d.session,
        responses: d.responses.clone(),
    };
    let mut columns = upr_info::Column::ALL.to_vec();
    if !d.upr {
        columns.retain(|c| {
            !matches!(
                c,
                upr_info::Column::RecommendingState
                    | upr_info::Column::Response
                    | upr_info::Column::ActionCategory
                    | upr_info::Column::Cycle
            )
        });
    }
    let csv = upr_info::write(
        &columns,
        &header,
        &received::records_of(&checked.report, k),
        &checked.dataset,
    );
    deliver(
        &checked,
        vec![Artifact::shipped("received", Format::Csv, csv.into_bytes())],
        out,
        Audience::Public,
        "received recommendations",
    )
}
