//! What a run without the key can and cannot do with a project's sealed files
//! ([`crate::load::sealed`]).
//!
//! Without the key, `check` runs on everything else: each sealed file is a `sealed` warning
//! (its ids, text and protected names are not checked), and a reference to an id that may be in
//! one of them is a warning, not an error. A build is refused: the leak audit cannot look for
//! names it cannot read, and the outputs would lack what the files hold.

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::load::{ProjectFiles, sealed};

/// The sealed files of the project that were not opened.
pub fn unopened(files: &ProjectFiles) -> usize {
    files.sealed.iter().filter(|s| !s.opened).count()
}

/// `check` without the key: an `unknown-reference` error becomes a warning when a sealed file
/// was not opened, since the id may be defined there.
pub fn without_key(files: &ProjectFiles, diags: Diagnostics) -> Diagnostics {
    let n = unopened(files);
    if n == 0 {
        return diags;
    }
    diags.map(|mut d| {
        if d.code == "unknown-reference" && d.severity == Severity::Error {
            d.severity = Severity::Warning;
            d = d.with_note(format!(
                "{n} sealed file(s) were not opened (no key): the id may be defined in one of them; with the key this is an error"
            ));
        }
        d
    })
}

/// A build without the key: each sealed file not opened stops it, at the file, with the ways
/// to give the key.
pub fn for_build(files: &ProjectFiles, diags: Diagnostics) -> Diagnostics {
    if unopened(files) == 0 {
        return diags;
    }
    diags.map(|d| {
        if d.code != "sealed" || d.severity != Severity::Warning {
            return d;
        }
        Diagnostic::error(
            "sealed",
            d.location,
            "sealed, and not read: a build needs the key, because the leak audit cannot look for the real names and protected strings it cannot read (and the outputs would lack what this file holds)",
        )
        .with_hint(sealed::KEY_HELP)
    })
}
