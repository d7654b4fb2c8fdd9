//! Loading: the only stage that reads input files. It reads a project folder into memory as
//! [`SourceFile`]s (path relative to the project, text) and flags files that are not text.
//! Everything after this stage works on strings. A sealed file (`testimonies/internal.yaml.age`,
//! see [`sealed`]) is opened here, in memory, when a key is given, and read as the file it wraps.

pub mod sealed;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

/// One input file, read into memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the project root, with `/` separators (used in every diagnostic).
    pub path: String,
    pub text: String,
}

/// An input file that is not text (an image), read into memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BinaryFile {
    /// Path relative to the project root, with `/` separators.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Every input file of a project, by role.
#[derive(Debug, Clone, Default)]
pub struct ProjectFiles {
    pub root: PathBuf,
    pub manifest: Option<SourceFile>,
    pub chapters: Vec<SourceFile>,
    pub findings: Vec<SourceFile>,
    pub testimonies: Vec<SourceFile>,
    pub recommendations: Vec<SourceFile>,
    pub addressees: Option<SourceFile>,
    /// `sources.yaml` first, then `sources/*.yaml`.
    pub sources: Vec<SourceFile>,
    /// The project's own `conventions/` (merged over the built-in dataset).
    pub conventions: Vec<SourceFile>,
    /// The project's own `templates/` (override the built-in templates by name).
    pub templates: Vec<SourceFile>,
    /// The project's own `locales/<tag>.yaml` (override entries of the built-in locales).
    pub locales: Vec<SourceFile>,
    /// `translations/<tag>/...`: the other editions' files, each at its source's path.
    pub translations: Vec<SourceFile>,
    /// `received/*.yaml`: recommendations the state received from UN bodies.
    pub received: Vec<SourceFile>,
    /// `images/`: the pictures a project may show (the cover's logo and image), read as bytes.
    pub images: Vec<BinaryFile>,
    /// `styles/`: reference documents whose styles the outputs use (`reference-docx:`), read as
    /// bytes.
    pub styles: Vec<BinaryFile>,
    /// `secrets.yaml.age`: the witnesses' real names and protected strings by testimony id,
    /// sealed (opened only with the key).
    pub secrets: Option<SourceFile>,
    /// Files that are not UTF-8 text (reported), read lossily: the ids they hold are known, so
    /// references to them are not reported as unknown as well.
    pub unreadable: Vec<SourceFile>,
    /// The sealed files of the project (`*.age`), opened or not.
    pub sealed: Vec<SealedFile>,
}

/// A sealed file (`<file>.age`) of the project. Opened, its text is in its role's list under
/// its own path (with `.age`: diagnostics point at lines of the decrypted text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedFile {
    /// Path relative to the project root, `.age` included.
    pub path: String,
    /// Whether it was opened (a key was given and opened it).
    pub opened: bool,
}

impl ProjectFiles {
    /// All text files, for diagnostics with source lines.
    pub fn all(&self) -> impl Iterator<Item = &SourceFile> {
        self.manifest
            .iter()
            .chain(&self.chapters)
            .chain(&self.findings)
            .chain(&self.testimonies)
            .chain(&self.recommendations)
            .chain(self.addressees.iter())
            .chain(&self.sources)
            .chain(&self.received)
            .chain(&self.conventions)
            .chain(&self.templates)
            .chain(&self.locales)
            .chain(&self.translations)
            .chain(self.secrets.iter())
    }
}

/// Reads a project. A missing folder or `report.yaml` is an application error (exit 2);
/// unreadable or binary content files become diagnostics.
pub fn load_project(root: &Path, diags: &mut Diagnostics) -> Result<ProjectFiles> {
    if !root.is_dir() {
        bail!(
            "`{}` is not a folder: give the path of a report project (a folder with a report.yaml)",
            root.display()
        );
    }
    let manifest_path = root.join("report.yaml");
    if !manifest_path.is_file() {
        bail!(
            "no report.yaml in `{}`: a report project is a folder with a report.yaml at its root (`rapporteur init` creates one)",
            root.display()
        );
    }
    let mut files = ProjectFiles {
        root: root.to_path_buf(),
        ..Default::default()
    };
    let mut sink = Sink {
        diags,
        unreadable: vec![],
        keys: sealed::Keys::find()?,
        sealed: vec![],
    };
    files.manifest = read_text(root, &manifest_path, &mut sink)?;
    files.chapters = read_dir(root, "chapters", &["md"], &mut sink)?;
    files.findings = read_dir(root, "findings", &["md"], &mut sink)?;
    files.testimonies = read_dir(root, "testimonies", &["yaml", "yml"], &mut sink)?;
    files.recommendations = read_dir(root, "recommendations", &["yaml", "yml"], &mut sink)?;
    if let Some(addressees) = plain_or_sealed(root, "addressees.yaml") {
        files.addressees = read_text(root, &addressees, &mut sink)?;
    }
    let secrets = root.join(SECRETS);
    if secrets.is_file() {
        sink.diags.push(
            Diagnostic::error("sealed", Location::new(SECRETS, 1, 1), format!("`{SECRETS}` holds real names and must be sealed: the tool reads `{SECRETS}.age` only"))
                .with_hint(format!("run `rapporteur seal {SECRETS}` (it writes `{SECRETS}.age` for the `recipients:` of report.yaml and deletes the plain file)")),
        );
    }
    let secrets = root.join(format!("{SECRETS}.{}", sealed::EXTENSION));
    if secrets.is_file() {
        files.secrets = read_text(root, &secrets, &mut sink)?;
    }
    if let Some(sources) = plain_or_sealed(root, "sources.yaml") {
        files.sources.extend(read_text(root, &sources, &mut sink)?);
    }
    files
        .sources
        .extend(read_dir(root, "sources", &["yaml", "yml"], &mut sink)?);
    files.received = read_dir(root, "received", &["yaml", "yml"], &mut sink)?;
    files.conventions = read_dir(root, "conventions", &["yaml", "yml"], &mut sink)?;
    files.templates = read_dir(root, "templates", &[], &mut sink)?;
    files.locales = read_dir(root, "locales", &["yaml", "yml"], &mut sink)?;
    files.translations = read_dir(root, "translations", &["md", "yaml", "yml"], &mut sink)?;
    files.images = read_binaries(root, "images")?;
    files.styles = read_binaries(root, "styles")?;
    files.unreadable = sink.unreadable;
    files.sealed = sink.sealed;
    Ok(files)
}

/// Where reading reports: diagnostics, the files that are not text, and the sealed files (opened
/// with `keys`, when given).
struct Sink<'a> {
    diags: &'a mut Diagnostics,
    unreadable: Vec<SourceFile>,
    keys: Option<sealed::Keys>,
    sealed: Vec<SealedFile>,
}

/// The file of real names and protected strings by testimony id, sealed (`secrets.yaml.age`).
pub const SECRETS: &str = "secrets.yaml";

/// The folders whose files may be sealed: the content, not the templates, locales, dataset or
/// translations.
const SEALABLE: &[&str] = &[
    "chapters",
    "findings",
    "testimonies",
    "recommendations",
    "sources",
];

/// `root/name`, or `root/name.age` when only the sealed file is there.
fn plain_or_sealed(root: &Path, name: &str) -> Option<PathBuf> {
    let plain = root.join(name);
    let sealed = root.join(format!("{name}.{}", sealed::EXTENSION));
    [plain, sealed].into_iter().find(|p| p.is_file())
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The files under `root/dir`, recursively and sorted, leaving out hidden files (`.name`) and
/// editors' backups (`name~`); none when the folder is not there.
fn files_under(root: &Path, dir: &str) -> Result<Vec<walkdir::DirEntry>> {
    let base = root.join(dir);
    if !base.is_dir() {
        return Ok(vec![]);
    }
    let mut out = vec![];
    for entry in walkdir::WalkDir::new(&base) {
        let entry = entry.with_context(|| format!("cannot read `{}`", base.display()))?;
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_file() && !name.starts_with('.') && !name.ends_with('~') {
            out.push(entry);
        }
    }
    // The order of a walk that sorts each folder by name (walkdir's `sort_by_file_name`), got
    // by one sort of the whole list on keys made once: each path's names under `base`, byte by
    // byte, a NUL between them (below any byte of a name, so a folder's files come right after
    // it, as a walk takes them). Sorting each folder while walking parsed both paths again at
    // every comparison: half the instructions of loading a project kept one record per file.
    out.sort_by_cached_key(|entry| {
        let rel = entry.path().strip_prefix(&base).unwrap_or(entry.path());
        let mut key: Vec<u8> = vec![];
        for (i, part) in rel.components().enumerate() {
            if i > 0 {
                key.push(0);
            }
            key.extend_from_slice(part.as_os_str().as_encoded_bytes());
        }
        key
    });
    Ok(out)
}

/// Reads every file under `root/dir` (recursively, sorted) whose extension is in `exts`
/// (all files when `exts` is empty). Other files get a warning and are skipped. The files are
/// read side by side, then taken (and reported) in their order.
fn read_dir(root: &Path, dir: &str, exts: &[&str], sink: &mut Sink) -> Result<Vec<SourceFile>> {
    use rayon::prelude::*;
    let entries = files_under(root, dir)?;
    let wanted = |entry: &walkdir::DirEntry| {
        let name = entry.file_name().to_string_lossy();
        // A sealed file counts by the file it wraps (`internal.yaml.age` is YAML).
        let wrapped = sealed::wrapped(&name).filter(|_| SEALABLE.contains(&dir));
        let ext = Path::new(wrapped.unwrap_or(&name))
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase());
        exts.is_empty() || ext.as_deref().is_some_and(|e| exts.contains(&e))
    };
    let read: Vec<Option<Result<(String, Read)>>> = entries
        .par_iter()
        .with_max_len(16)
        .map(|entry| wanted(entry).then(|| read_file(root, entry.path())))
        .collect();
    let mut out = vec![];
    for (entry, read) in entries.iter().zip(read) {
        let Some(read) = read else {
            sink.diags.warning(
                "ignored-file",
                Location::new(&relative(root, entry.path()), 1, 1),
                format!(
                    "ignored: files in `{dir}/` must end in .{}",
                    exts.join(" or .")
                ),
            );
            continue;
        };
        let (rel, read) = read?;
        out.extend(accept(root, rel, read, sink));
    }
    Ok(out)
}

/// Reads every file under `root/dir` (`images`, `styles`; recursively, sorted) as bytes: which
/// of them the report uses, and whether they are what their names say, is for the resolver.
fn read_binaries(root: &Path, dir: &str) -> Result<Vec<BinaryFile>> {
    let mut out = vec![];
    for entry in files_under(root, dir)? {
        let bytes = std::fs::read(entry.path())
            .with_context(|| format!("cannot read `{}`", entry.path().display()))?;
        out.push(BinaryFile {
            path: relative(root, entry.path()),
            bytes,
        });
    }
    Ok(out)
}

/// Reads one file as UTF-8 text. A file with a NUL byte or invalid UTF-8 is reported as binary.
/// A sealed file is opened in memory, or reported (`sealed`) when it cannot be.
fn read_text(root: &Path, path: &Path, sink: &mut Sink) -> Result<Option<SourceFile>> {
    let (rel, read) = read_file(root, path)?;
    Ok(accept(root, rel, read, sink))
}

/// A file as read from the disk, before it is taken into the project.
enum Read {
    /// UTF-8 text.
    Text(String),
    /// Not text: its bytes, and where (line, column) and why.
    NotText(Vec<u8>, (u32, u32, String)),
    /// A sealed file's bytes, opened when taken (with the keys).
    Sealed(Vec<u8>),
}

impl Read {
    /// Bytes that are not sealed: text, or not.
    fn checked(bytes: Vec<u8>) -> Read {
        match into_text(bytes) {
            Ok(text) => Read::Text(text),
            Err((bytes, why)) => Read::NotText(bytes, why),
        }
    }
}

/// Reads the file at `path` (under `root`): its path relative to the project, and what it holds.
fn read_file(root: &Path, path: &Path) -> Result<(String, Read)> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))?;
    let rel = relative(root, path);
    let read = match sealed_wrapping(&rel) {
        Some(_) => Read::Sealed(bytes),
        None => Read::checked(bytes),
    };
    Ok((rel, read))
}

/// The plain file a sealed file at `rel` wraps, if it is a sealed file of a folder whose files
/// may be sealed (or of the project's root).
fn sealed_wrapping(rel: &str) -> Option<&str> {
    let top = rel.split('/').next().unwrap_or_default();
    let sealable = !rel.contains('/') || SEALABLE.contains(&top);
    sealed::wrapped(rel).filter(|_| sealable)
}

/// Takes a file read at `rel` into the project: its text, or nothing when it is not text
/// (reported, and kept among the unreadable files) or is sealed and cannot be opened.
fn accept(root: &Path, rel: String, read: Read, sink: &mut Sink) -> Option<SourceFile> {
    let read = match read {
        Read::Sealed(bytes) => open_sealed(root, &rel, &bytes, sink).map(Read::checked)?,
        read => read,
    };
    match read {
        Read::Text(text) => Some(SourceFile { path: rel, text }),
        Read::NotText(bytes, (line, col, why)) => {
            sink.diags.error(
                "binary-file",
                Location::new(&rel, line, col),
                format!("not a text file: {why}"),
            );
            let text = String::from_utf8_lossy(&bytes).into_owned();
            sink.unreadable.push(SourceFile { path: rel, text });
            None
        }
        Read::Sealed(_) => None,
    }
}

/// A sealed file's plain bytes, opened with the keys; reported (`sealed`) when it cannot be,
/// or when its plain file is beside it.
fn open_sealed(root: &Path, rel: &str, bytes: &[u8], sink: &mut Sink) -> Option<Vec<u8>> {
    if let Some(plain) = sealed_wrapping(rel)
        && root.join(plain).is_file()
    {
        sink.diags.push(
            Diagnostic::error("sealed", Location::new(plain, 1, 1), format!("the plain text of the sealed `{rel}` is beside it: what is sealed must not also be kept in clear"))
                .with_hint("delete this file (and, if it was committed, from the project's history); `rapporteur seal` removes the plain file once the sealed one is written"),
        );
    }
    let opened = match &sink.keys {
        Some(keys) => sealed::open(bytes, keys).map_err(|why| {
            Diagnostic::error("sealed", Location::new(rel, 1, 1), format!("cannot open this sealed file: {why}"))
        }),
        None => Err(Diagnostic::warning("sealed", Location::new(rel, 1, 1), "sealed, and not read: no key was given, so what it holds (ids, text, real names and protected strings) is not checked and cannot be built")
            .with_hint(sealed::KEY_HELP)),
    };
    sink.sealed.push(SealedFile {
        path: rel.to_string(),
        opened: opened.is_ok(),
    });
    match opened {
        Ok(plain) => Some(plain),
        Err(d) => {
            sink.diags.push(d);
            None
        }
    }
}

/// Text with the byte-order mark removed, or where (line, column) and why it is not text.
pub fn check_text(bytes: &[u8]) -> std::result::Result<String, (u32, u32, String)> {
    into_text(bytes.to_vec()).map_err(|(_, why)| why)
}

/// [`check_text`] taking the bytes (the text is made of them, not copied), given back as they
/// were read when they are not text.
#[allow(clippy::type_complexity)]
fn into_text(mut bytes: Vec<u8>) -> std::result::Result<String, (Vec<u8>, (u32, u32, String))> {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let bom = bytes.starts_with(BOM);
    if bom {
        bytes.drain(..BOM.len());
    }
    let why = if let Some(at) = memchr::memchr(0, &bytes) {
        let (l, c) = position(&bytes, at);
        (l, c, "it contains a NUL byte (is it a binary file, or saved as UTF-16?); save it as UTF-8 text".into())
    } else {
        match String::from_utf8(bytes) {
            Ok(text) => return Ok(text),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                bytes = e.into_bytes();
                let (l, c) = position(&bytes, at);
                (l, c, "it is not valid UTF-8; save it as UTF-8 text".into())
            }
        }
    };
    if bom {
        bytes.splice(0..0, BOM.iter().copied());
    }
    Err((bytes, why))
}

/// The line and column of byte `at` of `bytes`.
fn position(bytes: &[u8], at: usize) -> (u32, u32) {
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&bytes[start..at]).chars().count() as u32 + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_listed_in_the_order_of_a_walk_sorting_each_folder_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let names = [
            "a.yaml",
            "a-b.yaml",
            "a/b.yaml",
            "a/a/z.yaml",
            "a0.yaml",
            "B.yaml",
            "é.yaml",
            "a-b/c.yaml",
            "ab/.hidden",
            "ab/x.yaml~",
            "ab/x.yaml",
            "z/a/b/c.yaml",
            "z/a.yaml",
        ];
        for n in names {
            let p = dir.path().join("findings").join(n);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, "x").unwrap();
        }
        let base = dir.path().join("findings");
        let walked: Vec<_> = walkdir::WalkDir::new(&base)
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| {
                let name = e.file_name().to_string_lossy();
                e.file_type().is_file() && !name.starts_with('.') && !name.ends_with('~')
            })
            .map(|e| e.into_path())
            .collect();
        let listed: Vec<_> = files_under(dir.path(), "findings")
            .unwrap()
            .into_iter()
            .map(|e| e.into_path())
            .collect();
        assert_eq!(listed.len(), names.len() - 2);
        assert_eq!(listed, walked);
    }

    #[test]
    fn locates_invalid_utf8() {
        let err = check_text(b"ok\nab\xff").unwrap_err();
        assert_eq!((err.0, err.1), (2, 3));
        assert!(
            check_text(b"\xEF\xBB\xBFtitle: x")
                .unwrap()
                .starts_with("title")
        );
    }

    #[test]
    fn bytes_that_are_not_text_are_given_back_as_read() {
        let read = b"\xEF\xBB\xBFid: a\nb\x00".to_vec();
        let (bytes, (line, col, why)) = into_text(read.clone()).unwrap_err();
        assert_eq!(bytes, read);
        assert_eq!((line, col), (2, 2));
        assert!(why.contains("NUL"));
        let read = b"\xEF\xBB\xBFok\xff".to_vec();
        let (bytes, (line, col, _)) = into_text(read.clone()).unwrap_err();
        assert_eq!((bytes, line, col), (read, 1, 3));
    }
}
