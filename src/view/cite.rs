//! Citations (`[@id, locator]`) as footnotes, in the house style: OSCOLA, the Oxford citation
//! style that human-rights lawyers and UN treaty-body practitioners read every day.
//!
//! - A document is cited in full the first time (author, *title*, symbol, date, locator, and its
//!   address in angle brackets); after that by a short form, its author and short title (the title
//!   up to its first colon) with the number of the note that cites it in full: "HRW, *We are not
//!   the enemy* (n 3), p. 12".
//! - "Ibid" stands for the source of the note immediately before when that note cites it alone.
//! - Citations written side by side (`[@a] [@b]`) share one footnote, separated by semicolons,
//!   instead of calls in a row ("²³⁴" reads as note 234).
//! - A citation inside a footnote is folded into the footnote's text, in parentheses, instead of
//!   a footnote of its own.
//!
//! Meetings and testimonies are always cited in full: they are short, and a testimony's
//! attribution is what its consent allows, every time.

use super::ast::Inline;
use super::publication::{Ctx, attribution, meeting_line, symbol_url};
use crate::model::resolved::Target;

/// What the conversion remembers of citations.
#[derive(Debug, Default)]
pub struct Citations {
    /// Short forms and "ibid" are used (the publication, a submission); off where notes are
    /// detached from their numbers (a recommendation sheet's source lines).
    pub short_forms: bool,
    /// The note that first cited each document in full.
    first: std::collections::HashMap<String, usize>,
    /// The note that may take the next adjacent citation (a note of citations, the last made).
    open: Option<usize>,
    /// The document the last note cites, when it cites that one alone.
    last_alone: Option<(usize, String)>,
}

impl Citations {
    /// No citation yet; short forms on.
    pub fn new() -> Citations {
        Citations {
            short_forms: true,
            ..Default::default()
        }
    }
}

impl Ctx<'_> {
    /// A footnote was made: a later citation neither joins it nor says "ibid" of it.
    pub(super) fn note_made(&mut self) {
        self.citations.open = None;
        self.citations.last_alone = None;
    }

    /// `[@id, locator]` in running text: joins the citation note just before it (`after_note`),
    /// or makes a new note. Returns the new note's number, or `None` when it joined.
    pub fn cite(
        &mut self,
        id: &str,
        locator: Option<&str>,
        after_note: Option<usize>,
    ) -> Option<usize> {
        let joinable = self.citations.open.filter(|n| after_note == Some(*n));
        if let Some(n) = joinable {
            let content = self.citation(id, locator, true);
            let note = &mut self.notes[n - 1];
            if note.last() == Some(&Inline::Text(".".into())) {
                note.pop();
            }
            note.push(Inline::Text("; ".into()));
            note.extend(content);
            self.citations.last_alone = None;
            return None;
        }
        let ibid = matches!(&self.citations.last_alone, Some((n, last)) if last == id && *n == self.notes.len());
        let content = if ibid && self.citations.short_forms {
            let lc = &self.report.locale;
            let mut s = lc.t("publication.ibid");
            if let Some(l) = locator {
                s.push_str(&format!(", {}", lc.locator(l)));
            }
            vec![Inline::Text(s), Inline::Text(".".into())]
        } else {
            self.citation(id, locator, true)
        };
        let document = matches!(self.report.index.get(id), Some(Target::Document(_)));
        let n = self.note(content);
        if document {
            self.citations.first.entry(id.to_string()).or_insert(n);
            self.citations.last_alone = Some((n, id.to_string()));
        }
        let testimony = matches!(self.report.index.get(id), Some(Target::Testimony(_)));
        self.citations.open = (!testimony).then_some(n);
        Some(n)
    }

    /// `[@id, locator]` inside a footnote: the citation itself, in parentheses unless it opens the
    /// note, without its closing full stop.
    pub fn cite_in_note(&mut self, id: &str, locator: Option<&str>, inlines: &mut Vec<Inline>) {
        let mut content = self.citation(id, locator, true);
        if content.last() == Some(&Inline::Text(".".into())) {
            content.pop();
        }
        let opens = super::ast::plain(inlines).trim().is_empty();
        if opens {
            inlines.extend(content);
            return;
        }
        if let Some(Inline::Text(t)) = inlines.last_mut() {
            let trimmed = t.trim_end().len();
            t.truncate(trimmed);
        }
        inlines.push(Inline::Text(" (".into()));
        inlines.extend(content);
        inlines.push(Inline::Text(")".into()));
    }

    /// The citation of `id`: a document in full or by its short form, a meeting, a testimony's
    /// attribution. Ends with `Text(".")` (what a joined citation takes off).
    fn citation(&mut self, id: &str, locator: Option<&str>, may_shorten: bool) -> Vec<Inline> {
        let mut out = vec![];
        let lc = &self.report.locale;
        let locate = |s: &mut String| {
            if let Some(l) = locator {
                s.push_str(&format!(", {}", lc.locator(l)));
            }
        };
        match self.report.index.get(id) {
            Some(Target::Document(i)) => {
                let d = &self.report.documents[*i];
                let first = self.citations.first.get(id).copied();
                if let Some(a) = &d.author {
                    out.push(Inline::Text(format!("{a}, ")));
                }
                match first.filter(|_| self.citations.short_forms && may_shorten) {
                    Some(n) => {
                        let short = short_title(&d.title);
                        out.push(Inline::Emph(vec![Inline::Text(short.to_string())]));
                        let mut s = String::from(" ");
                        s.push_str(
                            &self
                                .report
                                .locale
                                .fmt("publication.short-cite", &[("note", &n.to_string())]),
                        );
                        locate(&mut s);
                        out.push(Inline::Text(s));
                    }
                    None => {
                        out.push(Inline::Emph(vec![Inline::Text(d.title.clone())]));
                        let mut s = String::new();
                        if let Some(sym) = &d.symbol {
                            s.push_str(&format!(", {sym}"));
                        }
                        if let Some(date) = &d.date {
                            s.push_str(&format!(", {}", self.report.locale.date(date)));
                        }
                        locate(&mut s);
                        out.push(Inline::Text(s));
                        let url = d
                            .url
                            .clone()
                            .filter(|u| super::convert::safe_url(u))
                            .or_else(|| d.symbol.as_ref().map(|s| symbol_url(s)));
                        if let Some(u) = url {
                            out.push(Inline::Text(" <".into()));
                            out.push(Inline::Link {
                                url: u.clone(),
                                children: vec![Inline::Text(u)],
                            });
                            out.push(Inline::Text(">".into()));
                        }
                    }
                }
                out.push(Inline::Text(".".into()));
            }
            Some(Target::Meeting(i)) => {
                let m = &self.report.meetings[*i];
                let l = &self.report.locale;
                let mut s = l.fmt("publication.meeting-with", &[("who", &meeting_line(l, m))]);
                locate(&mut s);
                // A date that ends with its own period ("5 октября 2023 г.") takes no second one.
                if s.ends_with('.') {
                    s.pop();
                }
                out.push(Inline::Text(s));
                out.push(Inline::Text(".".into()));
            }
            Some(Target::Testimony(i)) => {
                let t = &self.report.testimonies[*i];
                let lc = &self.report.locale;
                let mut s = attribution(lc, t, self.ds, self.audience);
                locate(&mut s);
                s.push('.');
                if t.paraphrased {
                    s.push_str(&lc.t("publication.paraphrased-note"));
                }
                out.push(Inline::Text(s));
            }
            _ => out.push(Inline::Text(format!("[{id}]"))),
        }
        super::typography::inlines(&self.report.locale.quotes, &mut out);
        out
    }
}

/// A document's short title: its title up to the first colon ("We are not the enemy: violations
/// of workers' rights" → "We are not the enemy").
pub fn short_title(title: &str) -> &str {
    match title.split_once(':') {
        Some((head, _)) if !head.trim().is_empty() => head.trim(),
        _ => title.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::short_title;

    #[test]
    fn a_short_title_stops_at_the_first_colon() {
        assert_eq!(
            short_title("Invisible and exploited: the plight"),
            "Invisible and exploited"
        );
        assert_eq!(short_title("Labour Code"), "Labour Code");
        assert_eq!(short_title(": odd"), ": odd");
    }
}
