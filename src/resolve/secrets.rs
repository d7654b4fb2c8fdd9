//! The sealed `secrets.yaml.age` ([`crate::load::SECRETS`]): the witnesses' real names and
//! protected strings by testimony id, kept out of the plain testimony files so that those can be
//! shared, reviewed and checked without the key. Each entry is given to its testimony before the
//! checks run, so every check and the leak audit see the name as if the testimony held it.

use super::Resolver;
use crate::diagnostic::Diagnostic;
use crate::load::ProjectFiles;
use crate::model::raw;
use crate::parse::yaml;
use std::collections::BTreeMap;

/// The entries of the secrets file by testimony id, with the file's path.
pub(super) struct Secrets {
    file: String,
    entries: BTreeMap<String, raw::Secret>,
}

impl Resolver<'_> {
    /// Reads the secrets file (opened by `load` when the key was given); a duplicate id is an
    /// error at its second entry.
    pub(super) fn read_secrets(&mut self, files: &ProjectFiles) -> Secrets {
        let mut secrets = Secrets {
            file: String::new(),
            entries: BTreeMap::new(),
        };
        let Some(f) = &files.secrets else {
            return secrets;
        };
        secrets.file = f.path.clone();
        for s in yaml::parse_list::<raw::Secret>(&f.path, &f.text, self.diags) {
            if secrets.entries.contains_key(&s.id.value) {
                let at = self.loc(&f.path, &s.id);
                self.diags.error(
                    "duplicate-id",
                    at,
                    format!("testimony `{}` has two entries in the secrets", s.id.value),
                );
                continue;
            }
            secrets.entries.insert(s.id.value.clone(), s);
        }
        secrets
    }

    /// Gives a testimony its entry of the secrets: the real name (an error when the testimony
    /// also writes one: the plain file would hold what is sealed) and the protected strings. The
    /// name is located at the testimony's id, so no diagnostic points into the secrets for it.
    pub(super) fn give_secret(
        &mut self,
        file: &str,
        t: &mut raw::Testimony,
        secrets: &mut Secrets,
    ) {
        let Some(secret) = secrets.entries.remove(&t.id.value) else {
            return;
        };
        if let Some(name) = secret.name {
            match &t.speaker.name {
                Some(plain) => {
                    let at = self.loc(file, plain);
                    self.diags.push(
                        Diagnostic::error("sealed", at, format!("testimony `{}` writes the real name in clear, and the secrets hold it too", t.id.value))
                            .with_hint("remove `speaker.name` from this file: the sealed secrets give it"),
                    );
                }
                None => {
                    t.speaker.name = Some(raw::S {
                        value: name.value,
                        ..t.id.clone()
                    });
                }
            }
        }
        t.protected.extend(secret.protected);
    }

    /// An entry of the secrets for no testimony: an unknown reference, at the entry.
    pub(super) fn unused_secrets(&mut self, secrets: Secrets) {
        for s in secrets.entries.values() {
            let at = self.loc(&secrets.file, &s.id);
            self.unknown(
                "unknown-reference",
                at,
                "testimony",
                &s.id.value,
                &["testimony"],
            );
        }
    }
}
