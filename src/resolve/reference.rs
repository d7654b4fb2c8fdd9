//! The reference Word document of report.yaml (`reference-docx:`): a file of `styles/` that is a
//! Word document with a styles part, whose styles the Word outputs then use.

use super::Resolver;
use crate::diagnostic::{Diagnostic, with_suggestion};
use crate::load::BinaryFile;
use crate::model::raw::S;

impl Resolver<'_> {
    /// The styles part (`word/styles.xml`) of the reference document, or a located error.
    pub(super) fn reference_docx(
        &mut self,
        file: &str,
        spec: &S,
        styles: &[BinaryFile],
    ) -> Option<String> {
        let at = self.loc(file, spec);
        let path = spec.value.trim().trim_start_matches("./");
        let Some(found) = styles.iter().find(|f| f.path == path) else {
            let message = format!("`reference-docx: {path}` is not a file of `styles/`");
            let message = with_suggestion(message, path, styles.iter().map(|f| f.path.as_str()));
            self.diags.push(
                Diagnostic::error("reference-docx", at, message).with_hint(
                    "put the Word document in the project's `styles/` folder and write its path from the project: `styles/reference.docx`",
                ),
            );
            return None;
        };
        match styles_part(&found.bytes) {
            Ok(xml) => Some(xml),
            Err(why) => {
                self.diags.push(
                    Diagnostic::error(
                        "reference-docx",
                        at,
                        format!("`{path}` cannot serve as a reference Word document: {why}"),
                    )
                    .with_hint("save the document from Word or LibreOffice as .docx (Word 2007-365), not .doc or .odt"),
                );
                None
            }
        }
    }
}

/// The text of `word/styles.xml` in a Word document, or why there is none.
fn styles_part(bytes: &[u8]) -> Result<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| "it is not a Word document (.docx is a zip archive)".to_string())?;
    let mut part = zip
        .by_name("word/styles.xml")
        .map_err(|_| "it has no styles (no `word/styles.xml` in the archive)".to_string())?;
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut part, &mut xml)
        .map_err(|_| "its styles are not UTF-8 XML".to_string())?;
    if !xml.contains("<w:styles") {
        return Err("its `word/styles.xml` holds no Word styles".into());
    }
    Ok(xml)
}
