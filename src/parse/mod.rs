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
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
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
}
