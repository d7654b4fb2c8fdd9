//! Parsing: turns text into the raw model. Parsers take `&str` and the file's path (for labels
//! only) and report problems as diagnostics; they never read the disk.

pub mod citation;
pub mod date;
pub mod frontmatter;
pub mod markdown;
pub mod spanned;
pub mod symbol;
pub mod yaml;

/// Maps byte offsets in a text to 1-based (line, column), columns counted in characters.
pub struct LineIndex<'a> {
    text: &'a str,
    /// Where each line starts, as 32-bit offsets: every file of a project is indexed and
    /// kept while it is checked (a project of 20,000 findings held 50 MB of them as 64-bit
    /// offsets in lists sized by a guess). A text of 4 GiB or more has its later lines at the
    /// last offset.
    starts: Vec<u32>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        // A byte search over the whole text (one search per line cost a call each), counted
        // first so that the list takes only the room it needs.
        let b = text.as_bytes();
        let mut starts = Vec::with_capacity(memchr::memchr_iter(b'\n', b).count() + 1);
        starts.push(0);
        starts.extend(
            memchr::memchr_iter(b'\n', b).map(|i| u32::try_from(i + 1).unwrap_or(u32::MAX)),
        );
        LineIndex { text, starts }
    }
    /// The start of line `i` (0-based).
    fn start(&self, i: usize) -> usize {
        self.starts[i] as usize
    }
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s as usize <= offset) - 1;
        let start = self.start(line);
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line as u32 + 1, col as u32 + 1)
    }
    /// Line `n` (1-based) without its line end, as `str::lines` gives it; empty past the end.
    pub fn line(&self, n: usize) -> &'a str {
        let Some(start) = n.checked_sub(1).and_then(|i| self.starts.get(i)) else {
            return "";
        };
        let start = *start as usize;
        let end = self
            .starts
            .get(n)
            .map_or(self.text.len(), |&e| e as usize - 1);
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
