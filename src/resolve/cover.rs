//! The cover of report.yaml: its images are files of `images/` that exist, are images of a
//! kind every output can show, and have alt text; its colour is `#rrggbb`.

use super::Resolver;
use crate::diagnostic::{Diagnostic, with_suggestion};
use crate::load::BinaryFile;
use crate::model::raw::{CoverImageSpec, CoverSpec};
use crate::model::resolved::{Cover, CoverImage};

/// The image formats a cover may use: what typst, browsers and Word all show.
const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "svg", "webp"];

impl Resolver<'_> {
    /// The cover, each bad part reported and left out.
    pub(super) fn cover(&mut self, file: &str, spec: &CoverSpec, images: &[BinaryFile]) -> Cover {
        let colour = spec.colour.as_ref().and_then(|c| {
            let v = c.value.trim();
            let hex = v.strip_prefix('#').unwrap_or("");
            if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                Some(v.to_ascii_lowercase())
            } else {
                let at = self.loc(file, c);
                self.diags.push(
                    Diagnostic::error(
                        "bad-colour",
                        at,
                        format!(
                            "`{v}` is not a colour: write it as `#` and six hexadecimal digits"
                        ),
                    )
                    .with_hint(
                        "for example `colour: \"#7a1f2b\"` (quoted: YAML reads `#` as a comment)",
                    ),
                );
                None
            }
        });
        Cover {
            logo: spec
                .logo
                .as_ref()
                .and_then(|s| self.cover_image(file, "logo", s, images)),
            image: spec
                .image
                .as_ref()
                .and_then(|s| self.cover_image(file, "image", s, images)),
            colour,
        }
    }

    fn cover_image(
        &mut self,
        file: &str,
        what: &str,
        spec: &CoverImageSpec,
        images: &[BinaryFile],
    ) -> Option<CoverImage> {
        let at = self.loc(file, &spec.file);
        let path = spec.file.value.trim().trim_start_matches("./").to_string();
        let alt = spec
            .alt
            .as_ref()
            .map(|a| a.value.trim().to_string())
            .unwrap_or_default();
        let mut ok = true;
        if alt.is_empty() {
            let at = spec.alt.as_ref().map_or(at.clone(), |a| self.loc(file, a));
            self.diags.push(
                Diagnostic::error(
                    "image-without-alt",
                    at,
                    format!("the cover's {what} `{path}` has no alt text: every image needs one"),
                )
                .with_hint("add `alt:`, a sentence saying what the image shows, for readers who cannot see it"),
            );
            ok = false;
        }
        let Some(found) = images.iter().find(|f| f.path == path) else {
            let message = format!("the cover's {what} `{path}` is not a file of `images/`");
            let message = with_suggestion(message, &path, images.iter().map(|f| f.path.as_str()));
            self.diags.push(
                Diagnostic::error("unknown-image", at, message)
                    .with_hint("put the file in the project's `images/` folder and write its path from the project: `images/logo.png`"),
            );
            return None;
        };
        let image = CoverImage {
            path,
            alt,
            credit: spec.credit.as_ref().map(|c| c.trim().to_string()),
            bytes: found.bytes.clone(),
            raster: None,
        };
        let ext = image.extension();
        if !IMAGE_EXTENSIONS.contains(&ext.as_str()) {
            self.diags.error(
                "bad-image",
                at,
                format!(
                    "the cover's {what} `{}` is not an image rapporteur can show: use a .{} file",
                    image.path,
                    IMAGE_EXTENSIONS.join(", .")
                ),
            );
            return None;
        }
        if !looks_like(&ext, &image.bytes) {
            self.diags.error(
                "bad-image",
                at,
                format!(
                    "the cover's {what} `{}` is not a {} image (its bytes say otherwise): is the file damaged, or misnamed?",
                    image.path,
                    ext.to_uppercase()
                ),
            );
            return None;
        }
        let raster = raster(&image, images);
        ok.then_some(CoverImage { raster, ..image })
    }
}

/// The bytes Word can draw for an image: its own when it is a PNG, JPEG or GIF; else those of
/// the PNG or JPEG of the same name in `images/`.
fn raster(image: &CoverImage, images: &[BinaryFile]) -> Option<Vec<u8>> {
    const RASTER: &[&str] = &["png", "jpg", "jpeg", "gif"];
    if RASTER.contains(&image.extension().as_str()) {
        return Some(image.bytes.clone());
    }
    let (stem, _) = image.path.rsplit_once('.')?;
    RASTER[..3].iter().find_map(|ext| {
        images
            .iter()
            .find(|f| f.path == format!("{stem}.{ext}") && looks_like(ext, &f.bytes))
            .map(|f| f.bytes.clone())
    })
}

/// Whether the bytes start as an image of that extension does.
fn looks_like(ext: &str, bytes: &[u8]) -> bool {
    match ext {
        "png" => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "jpg" | "jpeg" => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
        "gif" => bytes.starts_with(b"GIF8"),
        "webp" => bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP",
        "svg" => std::str::from_utf8(bytes).is_ok_and(|t| t.contains("<svg")),
        _ => false,
    }
}
