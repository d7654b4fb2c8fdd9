//! Emitting: the only stage that writes artifacts, and only artifacts the leak audit let through
//! ([`Audited`]). Files are written to a staging folder beside their place, then renamed into it,
//! so a reader never sees a half-written file and a failed run leaves the previous ones in place.

use crate::protect::audit::Audited;
use anyhow::{Context, Result, bail};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Writes the shipped artifacts under `dir` (each at its relative path), atomically. Returns
/// what was written and its size, in path order.
pub fn to_folder(dir: &Path, audited: &Audited) -> Result<Vec<(PathBuf, usize)>> {
    let files: Vec<(PathBuf, &[u8])> = audited
        .shipped()
        .map(|a| (dir.join(&a.path), a.bytes.as_slice()))
        .collect();
    write_atomically(dir, &files)
}

/// Writes the one shipped artifact to `path`, atomically. Returns its size.
pub fn to_file(path: &Path, audited: &Audited) -> Result<usize> {
    let bytes = single(audited)?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    write_atomically(&dir, &[(path.to_path_buf(), bytes)])?;
    Ok(bytes.len())
}

/// Prints the one shipped artifact on stdout.
pub fn to_stdout(audited: &Audited) -> Result<()> {
    let bytes = single(audited)?;
    let mut so = std::io::stdout().lock();
    so.write_all(bytes)?;
    so.flush()?;
    Ok(())
}

fn single(audited: &Audited) -> Result<&[u8]> {
    let mut shipped = audited.shipped();
    match (shipped.next(), shipped.next()) {
        (Some(a), None) => Ok(&a.bytes),
        _ => bail!("one file was expected here (a bug in rapporteur)"),
    }
}

/// Writes files of the author's own project under `dir` (their paths relative to it),
/// atomically: the skeleton `init` creates and the JSON Schemas. They hold no report content, so
/// they are not artifacts and have no audit to pass.
pub fn project_files(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<Vec<(PathBuf, usize)>> {
    let files: Vec<(PathBuf, &[u8])> = files
        .iter()
        .map(|(path, bytes)| (dir.join(path), bytes.as_slice()))
        .collect();
    write_atomically(dir, &files)
}

/// Writes each file to a staging folder inside `dir`, then renames each into place.
fn write_atomically(dir: &Path, files: &[(PathBuf, &[u8])]) -> Result<Vec<(PathBuf, usize)>> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    let staging = tempfile::Builder::new()
        .prefix(".rapporteur-staging-")
        .tempdir_in(dir)
        .with_context(|| format!("cannot create a staging folder in `{}`", dir.display()))?;
    let mut staged = vec![];
    for (k, (to, bytes)) in files.iter().enumerate() {
        let path = staging.path().join(k.to_string());
        std::fs::write(&path, bytes)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
        staged.push((path, to, bytes.len()));
    }
    // In path order, whatever order the outputs were made in: the list reads the same every run.
    staged.sort_by(|a, b| a.1.cmp(b.1));
    let mut written = vec![];
    for (from, to, size) in staged {
        if let Some(p) = to.parent() {
            std::fs::create_dir_all(p)?;
        }
        std::fs::rename(&from, to)
            .with_context(|| format!("cannot move `{}` into place", to.display()))?;
        written.push((to.clone(), size));
    }
    Ok(written)
}
