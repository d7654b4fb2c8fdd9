//! `rapporteur keygen`, `seal` and `unseal`: keys and sealed files (see
//! [`crate::load::sealed`]). Sealing reads the plain file and writes only the sealed one;
//! unsealing prints to stdout and writes nothing.

use crate::diagnostic::{self, Diagnostics, Format};
use crate::load::sealed::{self, Keys};
use crate::model::raw;
use anyhow::{Context, Result, bail};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A new key: the secret key to `out` (created for its owner only) or stdout, the public key
/// to stdout (or stderr when stdout holds the secret key).
pub fn keygen(out: Option<&Path>) -> Result<i32> {
    let (secret, public) = sealed::generate();
    let text = format!(
        "# a key for rapporteur's sealed files (age format); keep it out of the project\n# public key: {public}\n{secret}\n"
    );
    let Some(out) = out else {
        print!("{text}");
        eprintln!(
            "public key: {public}\nadd it to `recipients:` in report.yaml, then run `rapporteur seal` on each sealed file again"
        );
        return Ok(0);
    };
    if let Some(project) = project_around(out) {
        bail!(
            "`{}` is inside the report project `{}`: a key kept in the project would open its sealed files for anyone who has the project; write it elsewhere (your home folder, a password manager, a CI secret)",
            out.display(),
            project.display()
        );
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(out).with_context(|| {
        format!(
            "cannot create the key file `{}` (an existing file is not overwritten)",
            out.display()
        )
    })?;
    file.write_all(text.as_bytes())?;
    println!("{public}");
    eprintln!(
        "secret key written to `{}`; its public key above goes under `recipients:` in report.yaml",
        out.display()
    );
    Ok(0)
}

/// The report project a path is in, if any: the nearest folder above it with a report.yaml.
fn project_around(path: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(path).ok()?;
    abs.ancestors()
        .skip(1)
        .find(|d| d.join("report.yaml").is_file())
        .map(Path::to_path_buf)
}

/// Seals each file for the project's recipients and `to`, then deletes the plain file (unless
/// `keep`). A file already sealed is opened with the key and sealed again.
pub fn seal(project: &Path, files: &[PathBuf], to: &[String], keep: bool) -> Result<i32> {
    let Some(mut keys) = project_recipients(project)? else {
        return Ok(1);
    };
    keys.extend(to.iter().cloned());
    let recipients = match sealed::recipients(&keys) {
        Ok(r) => r,
        Err(why) => {
            eprintln!("error: --to: {why}");
            return Ok(2);
        }
    };
    if recipients.is_empty() {
        bail!(
            "no recipients: list the team's public keys under `recipients:` in {}/report.yaml (`rapporteur keygen` makes a key), or give --to age1...",
            project.display()
        );
    }
    let mut opener = None;
    for file in files {
        let name = file.to_string_lossy();
        let (plain, target) = match sealed::wrapped(&name) {
            Some(_) => {
                if opener.is_none() {
                    opener = Some(Keys::find()?.with_context(|| {
                        format!(
                            "`{name}` is sealed: sealing it again needs the key to open it; {}",
                            sealed::KEY_HELP
                        )
                    })?);
                }
                let bytes = std::fs::read(file).with_context(|| format!("cannot read `{name}`"))?;
                let keys = opener.as_ref().expect("set above");
                let plain = sealed::open(&bytes, keys)
                    .map_err(|why| anyhow::anyhow!("cannot open `{name}`: {why}"))?;
                (plain, file.clone())
            }
            None => {
                let plain = std::fs::read(file).with_context(|| format!("cannot read `{name}`"))?;
                (
                    plain,
                    PathBuf::from(format!("{name}.{}", sealed::EXTENSION)),
                )
            }
        };
        if let Err((line, col, why)) = crate::load::check_text(&plain) {
            bail!("`{name}`, line {line}, column {col}: {why}");
        }
        let bytes = sealed::seal(&plain, &recipients)?;
        write_atomically(&target, &bytes)?;
        let again = sealed::wrapped(&name).is_some();
        if !again && !keep {
            std::fs::remove_file(file).with_context(|| {
                format!(
                    "sealed into `{}`, but cannot delete `{name}`",
                    target.display()
                )
            })?;
        }
        println!(
            "{} `{}` for {} recipient(s){}",
            if again { "sealed again" } else { "sealed" },
            target.display(),
            recipients.len(),
            match (again, keep) {
                (true, _) => String::new(),
                (false, true) => format!("; `{name}` kept (delete it before committing)"),
                (false, false) => format!(
                    "; `{name}` deleted (if it was ever committed, its text is still in the project's history)"
                ),
            }
        );
    }
    Ok(0)
}

/// The `recipients:` of the project's report.yaml; `None` (after printing why) when report.yaml
/// cannot be read as a manifest or lists a key that is not a public key.
fn project_recipients(project: &Path) -> Result<Option<Vec<String>>> {
    let path = project.join("report.yaml");
    let text = std::fs::read_to_string(&path).with_context(|| {
        format!(
            "cannot read `{}`: give the project with --project DIR",
            path.display()
        )
    })?;
    let mut diags = Diagnostics::default();
    let manifest = crate::parse::yaml::parse::<raw::Manifest>("report.yaml", &text, 0, &mut diags);
    let keys: Vec<String> = manifest
        .map(|m| m.recipients.into_iter().map(|r| r.value).collect())
        .unwrap_or_default();
    if let Err(why) = sealed::recipients(&keys) {
        eprintln!("error: report.yaml: recipients: {why}");
        return Ok(None);
    }
    if diags.has_errors() {
        let sources = [("report.yaml".to_string(), text)].into_iter().collect();
        eprint!(
            "{}",
            diagnostic::render(&diags.sorted(), Format::Short, &sources)
        );
        return Ok(None);
    }
    Ok(Some(keys))
}

fn write_atomically(target: &Path, bytes: &[u8]) -> Result<()> {
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot write in `{}`", dir.display()))?;
    tmp.write_all(bytes)?;
    tmp.persist(target)
        .with_context(|| format!("cannot write `{}`", target.display()))?;
    Ok(())
}

/// Prints a sealed file's text to stdout.
pub fn unseal(file: &Path) -> Result<i32> {
    let keys = Keys::find()?
        .with_context(|| format!("no key to open `{}`: {}", file.display(), sealed::KEY_HELP))?;
    let bytes = std::fs::read(file).with_context(|| format!("cannot read `{}`", file.display()))?;
    match sealed::open(&bytes, &keys) {
        Ok(plain) => {
            std::io::stdout().write_all(&plain)?;
            Ok(0)
        }
        Err(why) => {
            eprintln!("error: cannot open `{}`: {why}", file.display());
            Ok(1)
        }
    }
}
