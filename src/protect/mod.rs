//! Witness protection: what must never be published, and the tools around it.
//!
//! - [`audit`]: the leak audit every public artifact passes before anything is written; it
//!   matches through transliteration ([`crate::text::translit`]: `Маматов`, `Mamatov` and
//!   `Mamatow` are one name);
//! - [`pdf`]: the strings a PDF carries (metadata, outline, XMP), for the audit;
//! - [`pseudonym`]: pseudonym proposals the way established reports make them;
//! - [`check_sources`]: protected names written in published source text, found before any build.
//!
//! The checks on testimonies themselves (shared name parts, pseudonyms, quasi-identifiers, contact
//! details in text) are content checks, run at resolution ([`crate::resolve::risk`]).

pub mod audit;
pub mod matcher;
pub mod pdf;
pub mod pseudonym;
pub mod reading;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::load::ProjectFiles;
use crate::model::resolved::Report;

/// What `check` can see before any build: a protected name or string written in a file whose
/// text is published (chapters, findings, recommendations, sources, addressees, report.yaml) or
/// in a testimony's published text or description. The build's leak audit catches the rest.
pub fn check_sources(files: &ProjectFiles, report: &Report, diags: &mut Diagnostics) {
    use crate::protect::audit::{Mode, protected};
    use crate::text::{normalise, translit};
    let protected: Vec<_> = protected(report)
        .into_iter()
        .filter(|p| p.mode == Mode::Words)
        .collect();
    if protected.is_empty() {
        return;
    }
    let hit = |text: &str| -> Option<&crate::protect::audit::Protected> {
        let norm = normalise(text);
        let skel = translit::skeleton(&norm);
        protected.iter().find(|p| {
            crate::text::find_word(&norm, &p.needle).is_some()
                || (p.skeleton.chars().count() >= 3
                    && crate::text::find_word(&skel, &p.skeleton).is_some())
        })
    };
    let mut report_hit = |file: &str,
                          line: u32,
                          text: &str,
                          p: &crate::protect::audit::Protected| {
        let col = text
            .to_lowercase()
            .find(&p.shown.to_lowercase())
            .map_or(1, |b| text[..b].chars().count() as u32 + 1);
        diags.push(
            Diagnostic::error(
                "protected",
                Location::new(file, line, col),
                format!("`{}` is protected by testimony `{}` (its consent level forbids publishing it), and this text is published", p.shown, p.testimony),
            )
            .with_hint("remove it, or use the pseudonym"),
        );
    };
    let published = files
        .manifest
        .iter()
        .chain(&files.chapters)
        .chain(&files.findings)
        .chain(&files.recommendations)
        .chain(files.addressees.iter())
        .chain(&files.sources);
    for f in published {
        for (i, line) in f.text.lines().enumerate() {
            if let Some(p) = hit(line) {
                report_hit(&f.path, i as u32 + 1, line, p);
            }
        }
    }
    for t in &report.testimonies {
        if t.consent == crate::model::raw::Consent::Internal {
            continue;
        }
        for (field, text) in [
            ("text", Some(&t.text.markdown)),
            ("description", t.description.as_ref()),
        ] {
            let Some(text) = text else { continue };
            // The testimony's own name in its own text is reported by the consent checks.
            if let Some(p) = hit(text).filter(|p| p.testimony != t.id || field == "description") {
                report_hit(&t.file, t.line, text.lines().next().unwrap_or(""), p);
            }
        }
    }
}
