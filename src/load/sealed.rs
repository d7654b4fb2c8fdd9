//! Sealed files: project files kept encrypted at rest in the [age](https://age-encryption.org)
//! format (`testimonies/internal.yaml.age`), opened in memory only, with the keys of the person
//! or CI job running the tool. The plain text never reaches the disk: [`open`] returns it as a
//! string for [`super::load_project`], and [`seal`] encrypts text already in memory.
//!
//! Where the keys come from, first found wins: `--key FILE` (see [`use_key_file`]), the file
//! named by `RAPPORTEUR_KEY_FILE`, or the key itself in `RAPPORTEUR_KEY`. A key file is an age
//! identity file: `AGE-SECRET-KEY-1...` lines, `#` comments (what `rapporteur keygen` and
//! `age-keygen` write).

use age::armor::{ArmoredReader, ArmoredWriter, Format};
use age::secrecy::ExposeSecret;
use anyhow::{Context, Result, bail};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The extension of a sealed file, after the extension of the file it wraps.
pub const EXTENSION: &str = "age";

/// The environment variable naming a key file.
pub const KEY_FILE_VAR: &str = "RAPPORTEUR_KEY_FILE";

/// The environment variable holding the key itself (`AGE-SECRET-KEY-1...`).
pub const KEY_VAR: &str = "RAPPORTEUR_KEY";

/// The ways to give the key, for help lines.
pub const KEY_HELP: &str = "give the key with `--key FILE`, `RAPPORTEUR_KEY_FILE=FILE` or `RAPPORTEUR_KEY=AGE-SECRET-KEY-1...` (`rapporteur keygen` makes one; a teammate adds its public key to `recipients:` in report.yaml and runs `rapporteur seal` again)";

static KEY_FILE: OnceLock<PathBuf> = OnceLock::new();

/// The key file given on the command line (`--key FILE`), used before the environment. Set once,
/// by the command line, before any project is loaded.
pub fn use_key_file(path: PathBuf) {
    let _ = KEY_FILE.set(path);
}

/// The keys that open sealed files, and where they were found (for messages).
pub struct Keys {
    identities: Vec<age::x25519::Identity>,
    /// `--key FILE`, `RAPPORTEUR_KEY_FILE (FILE)` or `RAPPORTEUR_KEY`.
    pub source: String,
}

impl Keys {
    /// The keys from `--key`, `RAPPORTEUR_KEY_FILE` or `RAPPORTEUR_KEY`, or `None` when none is
    /// given. A key that is given but cannot be read is an error: the run must not go on as if
    /// there were no key.
    pub fn find() -> Result<Option<Keys>> {
        if let Some(path) = KEY_FILE.get() {
            return Keys::from_file(path, &format!("--key {}", path.display())).map(Some);
        }
        if let Some(path) = std::env::var_os(KEY_FILE_VAR).filter(|v| !v.is_empty()) {
            let path = PathBuf::from(path);
            let source = format!("{KEY_FILE_VAR} ({})", path.display());
            return Keys::from_file(&path, &source).map(Some);
        }
        match std::env::var(KEY_VAR) {
            Ok(text) if !text.trim().is_empty() => Keys::parse(&text, KEY_VAR).map(Some),
            Ok(_) | Err(std::env::VarError::NotPresent) => Ok(None),
            Err(std::env::VarError::NotUnicode(_)) => {
                bail!("{KEY_VAR} is not text: it must hold an age key, AGE-SECRET-KEY-1...")
            }
        }
    }

    fn from_file(path: &Path, source: &str) -> Result<Keys> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the key file of {source}"))?;
        Keys::parse(&text, source)
    }

    /// Keys from the text of an identity file: one `AGE-SECRET-KEY-1...` per line, `#` comments.
    pub fn parse(text: &str, source: &str) -> Result<Keys> {
        let mut identities = vec![];
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line.parse::<age::x25519::Identity>() {
                Ok(id) => identities.push(id),
                Err(_) if line.starts_with("age1") => bail!(
                    "{source}, line {}: this is a public key (a recipient); the key that opens files is the secret one, AGE-SECRET-KEY-1...",
                    i + 1
                ),
                Err(_) => bail!(
                    "{source}, line {}: not an age key (expected AGE-SECRET-KEY-1..., as `rapporteur keygen` writes)",
                    i + 1
                ),
            }
        }
        if identities.is_empty() {
            bail!("{source} holds no key (expected a line AGE-SECRET-KEY-1...)");
        }
        Ok(Keys {
            identities,
            source: source.to_string(),
        })
    }

    /// The public keys (recipients) of these keys.
    pub fn recipients(&self) -> Vec<String> {
        self.identities
            .iter()
            .map(|i| i.to_public().to_string())
            .collect()
    }
}

/// Why a sealed file could not be opened, as a sentence for a diagnostic.
pub fn open(bytes: &[u8], keys: &Keys) -> std::result::Result<Vec<u8>, String> {
    use age::DecryptError as E;
    let decryptor =
        age::Decryptor::new_buffered(ArmoredReader::new(bytes)).map_err(|e| match e {
            E::UnknownFormat => {
                "it is sealed in an age format this version does not read".to_string()
            }
            _ => "it is not an age file, or it is damaged (its header cannot be read)".to_string(),
        })?;
    if decryptor.is_scrypt() {
        return Err("it is sealed with a passphrase; rapporteur opens files sealed for age keys (seal it again with `rapporteur seal`)".into());
    }
    let identities = keys.identities.iter().map(|i| i as &dyn age::Identity);
    let mut reader = decryptor.decrypt(identities).map_err(|e| match e {
        E::NoMatchingKeys => format!(
            "it is sealed for other recipients: no key of {} opens it (ask a teammate who can open it to add your public key to `recipients:` and run `rapporteur seal` on it again)",
            keys.source
        ),
        _ => "it is damaged: its header does not verify (restore it from the project's history)".to_string(),
    })?;
    let mut plain = vec![];
    reader.read_to_end(&mut plain).map_err(|_| {
        "it is damaged: its content does not verify (restore it from the project's history)"
            .to_string()
    })?;
    Ok(plain)
}

/// Reads a list of public keys (`age1...`): the recipients a file is sealed for.
pub fn recipients(keys: &[String]) -> std::result::Result<Vec<age::x25519::Recipient>, String> {
    keys.iter()
        .map(|k| {
            k.trim().parse::<age::x25519::Recipient>().map_err(|_| {
                if k.trim().starts_with("AGE-SECRET-KEY") {
                    "this is a secret key: `recipients:` lists public keys (age1...), and a secret key must never be in the project".to_string()
                } else {
                    format!("`{k}` is not an age public key (age1...)")
                }
            })
        })
        .collect()
}

/// `text` sealed for `recipients`, ASCII-armored (a text file, readable in a diff as a block).
pub fn seal(text: &[u8], recipients: &[age::x25519::Recipient]) -> Result<Vec<u8>> {
    if recipients.is_empty() {
        bail!("no recipients to seal for");
    }
    let encryptor =
        age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
            .context("cannot seal")?;
    let mut out = vec![];
    let armor = ArmoredWriter::wrap_output(&mut out, Format::AsciiArmor)?;
    let mut writer = encryptor.wrap_output(armor)?;
    writer.write_all(text)?;
    writer.finish()?.finish()?;
    Ok(out)
}

/// A new key: (the secret key, its public key).
pub fn generate() -> (String, String) {
    let id = age::x25519::Identity::generate();
    let public = id.to_public().to_string();
    (id.to_string().expose_secret().to_string(), public)
}

/// The name of the file a sealed file wraps (`internal.yaml` for `internal.yaml.age`), if it is
/// a sealed file.
pub fn wrapped(name: &str) -> Option<&str> {
    name.strip_suffix(".age").filter(|n| !n.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_text_opens_with_its_key_only() {
        let (secret, public) = generate();
        let keys = Keys::parse(&format!("# a comment\n{secret}\n"), "test").unwrap();
        assert_eq!(keys.recipients(), vec![public.clone()]);
        let sealed = seal(b"name: Aigul", &recipients(&[public]).unwrap()).unwrap();
        assert!(sealed.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"));
        assert_eq!(open(&sealed, &keys).unwrap(), b"name: Aigul");
        let (other, _) = generate();
        let other = Keys::parse(&other, "other").unwrap();
        assert!(
            open(&sealed, &other)
                .unwrap_err()
                .contains("other recipients")
        );
    }

    #[test]
    fn damaged_and_foreign_files_are_errors_not_panics() {
        let (secret, public) = generate();
        let keys = Keys::parse(&secret, "test").unwrap();
        assert!(
            open(b"name: plain", &keys)
                .unwrap_err()
                .contains("not an age file")
        );
        let mut sealed = seal(b"some text", &recipients(&[public]).unwrap()).unwrap();
        // Flip a character of the armored body.
        let at = sealed.len() / 2;
        sealed[at] = if sealed[at] == b'A' { b'B' } else { b'A' };
        assert!(open(&sealed, &keys).is_err());
        assert!(open(&[], &keys).is_err());
    }

    #[test]
    fn a_public_key_or_garbage_is_not_taken_for_a_key() {
        let (_, public) = generate();
        let e = Keys::parse(&public, "k").err().unwrap().to_string();
        assert!(e.contains("public key"), "{e}");
        assert!(Keys::parse("# only comments\n", "k").is_err());
        let (secret, _) = generate();
        assert!(recipients(&[secret]).unwrap_err().contains("secret key"));
        assert!(recipients(&["age1nope".into()]).is_err());
    }
}
