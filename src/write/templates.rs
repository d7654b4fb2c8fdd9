//! Templates: the built-in ones (the repository's `templates/` folder) are compiled into the
//! binary; a project's `templates/` overrides them by relative path (e.g.
//! `templates/html/publication.html`). All HTML templates are parsed at start.

use crate::load::SourceFile;
use anyhow::{Context as _, Result, anyhow};
use std::collections::BTreeMap;

static BUILTIN: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/templates");

pub struct Templates {
    tera: tera::Tera,
    /// Relative path -> text, for non-HTML templates (Typst).
    files: BTreeMap<String, String>,
}

fn collect(dir: &include_dir::Dir<'static>, out: &mut BTreeMap<String, String>) {
    for f in dir.files() {
        out.insert(
            f.path().to_string_lossy().replace('\\', "/"),
            f.contents_utf8().unwrap_or_default().to_string(),
        );
    }
    for d in dir.dirs() {
        collect(d, out);
    }
}

impl Templates {
    /// The built-in templates with the project's overrides (paths relative to the project root).
    pub fn load(overrides: &[SourceFile]) -> Result<Templates> {
        let mut files = BTreeMap::new();
        collect(&BUILTIN, &mut files);
        for o in overrides {
            let rel = o.path.strip_prefix("templates/").unwrap_or(&o.path);
            files.insert(rel.to_string(), o.text.clone());
        }
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html"]);
        for (name, text) in &files {
            if name.ends_with(".html") {
                tera.add_raw_template(name, text)
                    .map_err(|e| anyhow!("template `templates/{name}`: {e}"))?;
            }
        }
        Ok(Templates { tera, files })
    }

    pub fn render_html(&self, name: &str, ctx: &tera::Context) -> Result<String> {
        self.tera
            .render(&format!("html/{name}"), ctx)
            .map_err(|e| anyhow!("{e}"))
            .with_context(|| format!("rendering template `templates/html/{name}`"))
    }

    /// Renders an HTML template into a buffer of about `size` bytes (the page's expected size:
    /// a large page is not copied over and over as its buffer grows), as the page's bytes.
    pub fn render_html_sized(
        &self,
        name: &str,
        ctx: &tera::Context,
        size: usize,
    ) -> Result<Vec<u8>> {
        let mut page = Vec::with_capacity(size);
        self.tera
            .render_to(&format!("html/{name}"), ctx, &mut page)
            .map_err(|e| anyhow!("{e}"))
            .with_context(|| format!("rendering template `templates/html/{name}`"))?;
        page.shrink_to_fit();
        Ok(page)
    }

    pub fn file(&self, name: &str) -> Result<&str> {
        self.files
            .get(name)
            .map(String::as_str)
            .ok_or_else(|| anyhow!("no template `templates/{name}`"))
    }
}
