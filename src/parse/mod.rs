//! Parsing: turns text into the raw model. Parsers take `&str` and the file's path (for labels
//! only) and report problems as diagnostics; they never read the disk.

pub mod citation;
pub mod date;
pub mod frontmatter;
pub mod markdown;
pub mod symbol;
pub mod yaml;

/// Maps byte offsets in a text to 1-based (line, column), columns counted in characters.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        // A byte search over the whole text (one search per line cost a call each).
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { text, starts }
    }
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line as u32 + 1, col as u32 + 1)
    }
    /// Line `n` (1-based) without its line end, as `str::lines` gives it; empty past the end.
    pub fn line(&self, n: usize) -> &'a str {
        let Some(&start) = n.checked_sub(1).and_then(|i| self.starts.get(i)) else {
            return "";
        };
        let end = self.starts.get(n).map_or(self.text.len(), |&e| e - 1);
        let line = &self.text[start..end.max(start)];
        line.strip_suffix('\r').unwrap_or(line)
    }
    /// The number of lines, as `str::lines` counts them.
    pub fn len(&self) -> usize {
        self.starts.len() - usize::from(self.text.ends_with('\n') || self.text.is_empty())
    }
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}
