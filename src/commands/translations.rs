//! `rapporteur translations`: the table of a project's translations, per file and language
//! (current, stale, untracked, missing), from [`crate::translation::status`].

use anyhow::Result;
use std::path::Path;

pub fn run(project: &Path, json: bool) -> Result<i32> {
    let checked = crate::check_inputs(project)?;
    let meta = &checked.report.meta;
    let rows = crate::translation::status(&checked.files, &meta.language, &meta.languages);
    if json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
    } else {
        print!("{}", crate::translation::table(&rows));
    }
    let complete = rows.iter().all(|r| {
        r.states
            .iter()
            .all(|(_, s)| *s == crate::translation::State::Current)
    });
    Ok(if complete { 0 } else { 1 })
}
