//! Emitting: the only stage that writes artifacts, and only artifacts the leak audit let through
//! ([`Audited`]). Files are written to a staging folder beside their place, then renamed into it,
//! so a reader never sees a half-written file and a failed run leaves the previous ones in place.

use crate::protect::audit::{Audited, Cleared, Passed};
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

/// A build's artifacts on their way into a folder: each batch the leak audit passed
/// ([`Passed`]) is written into a staging folder as soon as it has passed (its bytes are not
/// kept in memory), and [`Staging::commit`] moves every staged file into place once the whole
/// audit has cleared ([`Cleared`]). Dropped without a commit, the staging folder goes with all
/// it holds: nothing reaches the folder itself.
///
/// The staging folder is made in the nearest folder that exists on the way to the target (the
/// target itself once it exists), so that a build that stops leaves no new folder behind and the
/// files are moved, not copied.
pub struct Staging {
    dir: PathBuf,
    staged: std::sync::Mutex<Staged>,
}

/// What a [`Staging`] holds so far.
#[derive(Default)]
struct Staged {
    folder: Option<tempfile::TempDir>,
    /// Each staged file: its batch's place, its path under the target, its name in the staging
    /// folder, its size.
    files: Vec<(usize, String, PathBuf, usize)>,
    /// The batches staged (those that brought no shipped artifact too).
    batches: usize,
    /// The files named in the staging folder so far.
    named: usize,
}

impl Staging {
    /// A staging for artifacts going under `dir`; no folder is made until a file comes.
    pub fn new(dir: &Path) -> Staging {
        Staging {
            dir: dir.to_path_buf(),
            staged: Default::default(),
        }
    }

    /// Writes a passed batch's shipped artifacts into the staging folder; `order` is the
    /// batch's place among the batches (files at the same path are moved in that order).
    pub fn put(&self, order: usize, passed: Passed) -> Result<()> {
        let mut files = vec![];
        for a in passed.shipped() {
            let path = self.next_name()?;
            std::fs::write(&path, &a.bytes)
                .with_context(|| format!("cannot write `{}`", path.display()))?;
            files.push((order, a.path.clone(), path, a.bytes.len()));
        }
        let mut staged = self.staged.lock().unwrap_or_else(|e| e.into_inner());
        staged.files.extend(files);
        staged.batches += 1;
        Ok(())
    }

    /// A new file's path in the staging folder (made for the first file).
    fn next_name(&self) -> Result<PathBuf> {
        let mut staged = self.staged.lock().unwrap_or_else(|e| e.into_inner());
        if staged.folder.is_none() {
            staged.folder = Some(staging_folder(&nearest_existing(&self.dir))?);
        }
        staged.named += 1;
        let folder = staged.folder.as_ref().map(|f| f.path().to_path_buf());
        Ok(folder.unwrap_or_default().join(staged.named.to_string()))
    }

    /// Moves every staged file into place (in path order), once the audit whose batches were
    /// staged has cleared them all. Returns what was written and its size, in path order.
    pub fn commit(self, cleared: Cleared) -> Result<Vec<(PathBuf, usize)>> {
        let staged = self.staged.into_inner().unwrap_or_else(|e| e.into_inner());
        if cleared.batches() != staged.batches {
            bail!(
                "{} batch(es) staged for `{}`, {} audited (a bug in rapporteur)",
                staged.batches,
                self.dir.display(),
                cleared.batches()
            );
        }
        let mut files = staged.files;
        files.sort_by(|a, b| (&a.1, a.0).cmp(&(&b.1, b.0)));
        let moves = files
            .into_iter()
            .map(|(_, to, from, size)| (from, self.dir.join(to), size));
        move_into_place(moves)
    }
}

/// A new staging folder (hidden, removed when dropped) inside `within`.
fn staging_folder(within: &Path) -> Result<tempfile::TempDir> {
    tempfile::Builder::new()
        .prefix(".rapporteur-staging-")
        .tempdir_in(within)
        .with_context(|| format!("cannot create a staging folder in `{}`", within.display()))
}

/// Renames each staged file (`from`, `to`, size) into place, in the order given, making the
/// folders on the way. Returns what was written and its size.
fn move_into_place(
    moves: impl IntoIterator<Item = (PathBuf, PathBuf, usize)>,
) -> Result<Vec<(PathBuf, usize)>> {
    let mut written = vec![];
    for (from, to, size) in moves {
        if let Some(p) = to.parent() {
            std::fs::create_dir_all(p)
                .with_context(|| format!("cannot create `{}`", p.display()))?;
        }
        std::fs::rename(&from, &to)
            .with_context(|| format!("cannot move `{}` into place", to.display()))?;
        written.push((to, size));
    }
    Ok(written)
}

/// `dir` if it exists, else the nearest folder above it that does (the current one at worst).
fn nearest_existing(dir: &Path) -> PathBuf {
    dir.ancestors()
        .find(|a| !a.as_os_str().is_empty() && a.is_dir())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
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
    let staging = staging_folder(dir)?;
    let mut staged = vec![];
    for (k, (to, bytes)) in files.iter().enumerate() {
        let path = staging.path().join(k.to_string());
        std::fs::write(&path, bytes)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
        staged.push((path, to, bytes.len()));
    }
    // In path order, whatever order the outputs were made in: the list reads the same every run.
    staged.sort_by(|a, b| a.1.cmp(b.1));
    move_into_place(
        staged
            .into_iter()
            .map(|(from, to, size)| (from, to.clone(), size)),
    )
}
