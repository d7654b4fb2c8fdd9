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

    /// Renders an HTML template in which large parts of the page (`parts`: each a context
    /// variable and its HTML) are printed as they are, without copying them into the context:
    /// the template is rendered with a marker in place of each part, and each part is put in
    /// its marker's place. That is done only where it gives the very page the plain rendering
    /// gives: the template prints each part with `{{ name | safe }}` and mentions it nowhere
    /// else, brings in no other template and no whole context, and each marker comes out once,
    /// untouched. Otherwise (a project's own template, say) the parts go into the context and
    /// the page is rendered whole, into a buffer of `size` bytes.
    pub fn render_html_spliced(
        &self,
        name: &str,
        ctx: &mut tera::Context,
        parts: &[(&'static str, &str)],
        size: usize,
    ) -> Result<Vec<u8>> {
        let keys: Vec<&str> = parts.iter().map(|(k, _)| *k).collect();
        let source = self.files.get(&format!("html/{name}"));
        if source.is_some_and(|t| prints_only_as_is(t, &keys)) {
            let nonce = {
                use std::hash::BuildHasher;
                std::collections::hash_map::RandomState::new().hash_one(name)
            };
            let markers: Vec<String> = keys
                .iter()
                .map(|k| format!("<rapporteur-part-{nonce:016x}-{k}>"))
                .collect();
            for (k, m) in keys.iter().zip(&markers) {
                ctx.insert(*k, m);
            }
            let frame = self.render_html_sized(name, ctx, 0)?;
            let texts: Vec<&str> = parts.iter().map(|(_, html)| *html).collect();
            if let Some(page) = splice(&frame, &format!("{nonce:016x}"), &markers, &texts) {
                return Ok(page);
            }
        }
        for (k, html) in parts {
            ctx.insert(*k, html);
        }
        self.render_html_sized(name, ctx, size)
    }

    pub fn file(&self, name: &str) -> Result<&str> {
        self.files
            .get(name)
            .map(String::as_str)
            .ok_or_else(|| anyhow!("no template `templates/{name}`"))
    }
}

/// Whether a template prints each of `keys` only as `{{ key | safe }}` (as it is, once
/// escaping aside), mentions none of them in any other tag, and brings in nothing that could
/// print them otherwise (another template, macros, the whole context, raw text).
fn prints_only_as_is(template: &str, keys: &[&str]) -> bool {
    const ELSEWHERE: &[&str] = &[
        "include",
        "extends",
        "import",
        "macro",
        "raw",
        "block",
        "__tera_context",
    ];
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        rest = &rest[at + 1..];
        let close = match rest.as_bytes().first() {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => "#}",
            _ => continue,
        };
        let Some(end) = rest[1..].find(close).map(|e| e + 1) else {
            return false;
        };
        let inner = &rest[1..end];
        rest = &rest[end + 2..];
        if ELSEWHERE.iter().any(|w| mentions(inner, w)) {
            return false;
        }
        for k in keys.iter().filter(|k| mentions(inner, k)) {
            let words: Vec<&str> = inner
                .trim_matches('-')
                .split(|c: char| c.is_whitespace() || c == '|')
                .filter(|w| !w.is_empty())
                .collect();
            if close != "}}" || words != [*k, "safe"] || inner.matches('|').count() != 1 {
                return false;
            }
        }
    }
    true
}

/// Whether `text` has `word` as a name of its own (not inside a longer name, nor an attribute
/// of another value: `cover.t.notes` is not `notes`).
fn mentions(text: &str, word: &str) -> bool {
    let name = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(i, _)| {
        !text[..i]
            .chars()
            .next_back()
            .is_some_and(|c| name(c) || c == '.')
            && !text[i + word.len()..].chars().next().is_some_and(name)
    })
}

/// The page with each marker replaced by its text, if each marker is in it exactly once and
/// the nonce nowhere else (no marker was escaped or changed); else `None`.
fn splice(frame: &[u8], nonce: &str, markers: &[String], texts: &[&str]) -> Option<Vec<u8>> {
    let finder = memchr::memmem::Finder::new(nonce.as_bytes());
    if finder.find_iter(frame).count() != markers.len() {
        return None;
    }
    let mut at: Vec<(usize, usize)> = vec![];
    for (k, m) in markers.iter().enumerate() {
        let mut found = memchr::memmem::find_iter(frame, m.as_bytes());
        let (Some(i), None) = (found.next(), found.next()) else {
            return None;
        };
        at.push((i, k));
    }
    at.sort_unstable();
    let size = frame.len() + texts.iter().map(|t| t.len()).sum::<usize>();
    let mut page = Vec::with_capacity(size);
    let mut from = 0;
    for (i, k) in at {
        page.extend_from_slice(&frame[from..i]);
        page.extend_from_slice(texts[k].as_bytes());
        from = i + markers[k].len();
    }
    page.extend_from_slice(&frame[from..]);
    Some(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_is_spliced_only_where_the_template_prints_it_as_it_is() {
        let keys = ["body", "notes"];
        let plain = "<body>{{ cover.title }}<div>{{ body | safe }}</div>{{- notes|safe -}}</body>";
        assert!(prints_only_as_is(plain, &keys));
        for other in [
            "{{ body }}",
            "{{ body | safe | upper }}",
            "{{ body | trim | safe }}",
            "{% set x = body %}{{ x | safe }}",
            "{% if body %}{% endif %}{{ body | safe }}",
            "{% include \"other.html\" %}",
            "{{ __tera_context }}",
            "{% raw %}{{ body | safe }}{% endraw %}",
            "{{ body | safe ",
        ] {
            assert!(!prints_only_as_is(other, &keys), "{other}");
        }
        // Names that only contain a key are not the key.
        assert!(prints_only_as_is(
            "{{ cover.bodyguard }}{{ nobody }}{{ cover.t.notes }}",
            &keys
        ));
        assert!(!prints_only_as_is("{%}", &keys));
        // The built-in submission page is spliced.
        let t = Templates::load(&[]).unwrap();
        let page = t.file("html/submission.html").unwrap();
        assert!(prints_only_as_is(page, &keys));
    }

    #[test]
    fn a_page_spliced_is_the_page_rendered_whole() {
        let text = "<p>{{ x | safe }}</p>{{ title }}<section>{{ notes | safe }}</section>";
        let mut t = Templates::load(&[]).unwrap();
        t.tera.add_raw_template("html/t.html", text).unwrap();
        t.files.insert("html/t.html".into(), text.into());
        let parts = [("x", "<b>a &amp; b</b>"), ("notes", "<p id=\"n\">1</p>")];
        let mut ctx = tera::Context::new();
        ctx.insert("title", "<T & co>");
        let spliced = t
            .render_html_spliced("t.html", &mut ctx.clone(), &parts, 0)
            .unwrap();
        for (k, v) in parts {
            ctx.insert(k, v);
        }
        let whole = t.render_html_sized("t.html", &ctx, 0).unwrap();
        assert_eq!(spliced, whole);
        assert!(
            String::from_utf8(whole)
                .unwrap()
                .contains("<b>a &amp; b</b>")
        );
        // A marker the template changed: the page is rendered whole.
        let texts = ["<b>x</b>"];
        let markers = ["<rapporteur-part-00-x>".to_string()];
        assert!(splice(b"&lt;rapporteur-part-00-x&gt;", "00", &markers, &texts).is_none());
        assert!(
            splice(
                b"<rapporteur-part-00-x><rapporteur-part-00-x>",
                "00",
                &markers,
                &texts
            )
            .is_none()
        );
    }
}
