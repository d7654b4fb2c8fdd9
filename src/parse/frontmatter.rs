//! Front matter: a YAML block between `---` lines at the very start of a Markdown file. It is cut
//! here, not by pulldown-cmark's metadata option (which would also swallow a `---` pair further
//! down the document).

/// A Markdown file cut into its front matter and body.
#[derive(Debug)]
pub struct Split<'a> {
    /// The YAML between the fences, if the file has front matter.
    pub front: Option<&'a str>,
    /// The body, and its byte offset in the file.
    pub body: &'a str,
    pub body_offset: usize,
}

/// Lines of the file before the front matter's YAML (the opening fence).
pub const FRONT_LINE_OFFSET: u32 = 1;

/// Cuts front matter from `text`. An opening fence without a closing one is an error:
/// the message says so.
pub fn split(text: &str) -> Result<Split<'_>, String> {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        return Ok(Split {
            front: None,
            body: text,
            body_offset: 0,
        });
    }
    let mut pos = first_end;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            return Ok(Split {
                front: Some(&text[first_end..pos]),
                body: &text[end..],
                body_offset: end,
            });
        }
        pos = end;
    }
    Err("front matter opened with `---` on line 1 is never closed: end it with a line holding only `---`".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_front_matter_and_keeps_later_rules() {
        let s = split("---\nid: a\n---\nBody\n\n---\n\nmore\n").unwrap();
        assert_eq!(s.front, Some("id: a\n"));
        assert_eq!(s.body, "Body\n\n---\n\nmore\n");
        assert_eq!(s.body_offset, 14);
        assert!(split("---\nid: a\n").is_err());
        assert!(split("# Title\n").unwrap().front.is_none());
    }
}
