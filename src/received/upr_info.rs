//! UPR Info database-style tables (CSV): one row per recommendation, with the recommending
//! state, the state under review, the response, UPR Info's action category (1 to 5), its issues,
//! the Working Group session and the cycle; optionally the paragraph number and the document.
//!
//! Columns are found by their header, in any order and case. Read, then written back with the
//! same columns ([`write()`]), a table whose values are in canonical form (responses `Supported` or
//! `Noted`, sessions and cycles as numbers, states by their dataset names) is the same table.

use super::{Header, Import, Record, leading_number, response_of};
use crate::conventions::Dataset;
use crate::resolve::received::{state_code, state_name};

/// The columns rapporteur reads, in the order it writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Paragraph,
    Recommendation,
    RecommendingState,
    StateUnderReview,
    Response,
    ActionCategory,
    Issues,
    Session,
    Cycle,
    Document,
}

impl Column {
    pub const ALL: [Column; 10] = [
        Column::Paragraph,
        Column::Recommendation,
        Column::RecommendingState,
        Column::StateUnderReview,
        Column::Response,
        Column::ActionCategory,
        Column::Issues,
        Column::Session,
        Column::Cycle,
        Column::Document,
    ];

    /// The header written.
    pub fn header(self) -> &'static str {
        match self {
            Column::Paragraph => "Paragraph",
            Column::Recommendation => "Recommendation",
            Column::RecommendingState => "Recommending State",
            Column::StateUnderReview => "State under Review",
            Column::Response => "Response",
            Column::ActionCategory => "Action Category",
            Column::Issues => "Issues",
            Column::Session => "Session",
            Column::Cycle => "Cycle",
            Column::Document => "Document",
        }
    }

    fn of(header: &str) -> Option<Column> {
        let h: String = header
            .trim()
            .trim_start_matches('\u{feff}')
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        Some(match h.as_str() {
            "paragraph" | "recommendation number" | "number" | "no." | "ref" | "reference" => {
                Column::Paragraph
            }
            "recommendation" | "recommendations" | "text" => Column::Recommendation,
            "recommending state" | "recommending states" | "recommending state(s)" | "from" => {
                Column::RecommendingState
            }
            "state under review" | "sur" | "country" | "to" => Column::StateUnderReview,
            "response" | "position" | "state response" => Column::Response,
            "action category" | "action" | "category" => Column::ActionCategory,
            "issue" | "issues" | "theme" | "themes" => Column::Issues,
            "session" | "wg session" => Column::Session,
            "cycle" => Column::Cycle,
            "document" | "symbol" | "source" => Column::Document,
            _ => return None,
        })
    }
}

/// A table as CSV gives it: header and rows of cells.
pub type Table = (Vec<String>, Vec<Vec<String>>);

/// Reads CSV into a table (any number of columns per row is an error of the CSV).
pub fn table(text: &str) -> Result<Table, String> {
    let mut rd = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = rd
        .headers()
        .map_err(|e| format!("cannot read the CSV header: {e}"))?
        .iter()
        .map(str::to_string)
        .collect();
    let mut rows = vec![];
    for (k, rec) in rd.records().enumerate() {
        let rec = rec.map_err(|e| format!("row {}: {e}", k + 2))?;
        rows.push(rec.iter().map(str::to_string).collect());
    }
    Ok((header, rows))
}

/// Imports a UPR Info-style CSV. Returns the import and the columns found, in their order (to
/// write the table back the same way).
pub fn read(text: &str, ds: &Dataset) -> Result<(Import, Vec<Column>), String> {
    let (header, rows) = table(text)?;
    let mut import = Import::default();
    let mut columns = vec![];
    let mut at: Vec<Option<Column>> = vec![];
    for h in &header {
        let c = Column::of(h);
        match c {
            Some(c) if !columns.contains(&c) => columns.push(c),
            Some(_) => import
                .notes
                .push(format!("column `{h}` repeats another one and was not read")),
            None => import.notes.push(format!(
                "column `{h}` is not one rapporteur reads; it was left out"
            )),
        }
        at.push(c.filter(|c| !at.contains(&Some(*c))));
    }
    if !columns.contains(&Column::Recommendation) {
        return Err(format!(
            "no `Recommendation` column (the columns are: {})",
            header.join(", ")
        ));
    }
    for (k, row) in rows.iter().enumerate() {
        let line = k + 2;
        let cell = |c: Column| {
            at.iter()
                .position(|x| *x == Some(c))
                .and_then(|i| row.get(i))
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        if let Err(why) = row_into(&mut import, ds, &cell) {
            import.skip(line, &cell(Column::Recommendation), why);
        }
    }
    Ok((import, columns))
}

/// Takes one row: the document-level cells must agree with the rows before.
fn row_into(
    import: &mut Import,
    ds: &Dataset,
    cell: &dyn Fn(Column) -> String,
) -> Result<(), String> {
    let text = cell(Column::Recommendation);
    if text.is_empty() {
        return Err("empty recommendation".into());
    }
    let mut header = Header::default();
    let sur = cell(Column::StateUnderReview);
    if !sur.is_empty() {
        header.state =
            Some(state_code(ds, &sur).ok_or(format!("unknown state under review `{sur}`"))?);
    }
    header.session = leading_number(&cell(Column::Session));
    header.cycle = leading_number(&cell(Column::Cycle));
    let doc = cell(Column::Document);
    header.document = (!doc.is_empty()).then_some(doc);
    agree(&mut import.header, &header)?;
    let mut by = vec![];
    for name in cell(Column::RecommendingState)
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        by.push(state_code(ds, name).ok_or(format!("unknown recommending state `{name}`"))?);
    }
    let action = cell(Column::ActionCategory);
    let action = match leading_number(&action) {
        Some(n @ 1..=5) => Some(n as u8),
        None if action.is_empty() => None,
        _ => return Err(format!("action category `{action}` is not 1 to 5")),
    };
    let para = cell(Column::Paragraph);
    let paragraph = if para.is_empty() {
        None
    } else {
        Some(crate::parse::symbol::paragraph(&para)?)
    };
    import.records.push(Record {
        paragraph,
        text,
        by,
        response: response_of(&cell(Column::Response))?,
        action,
        issues: cell(Column::Issues)
            .split([',', ';'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        ..Record::default()
    });
    Ok(())
}

/// Document-level fields must be the same in every row: one file is one review.
fn agree(have: &mut Header, row: &Header) -> Result<(), String> {
    fn one<T: PartialEq + Clone + std::fmt::Debug>(
        have: &mut Option<T>,
        row: &Option<T>,
        what: &str,
    ) -> Result<(), String> {
        match (have.as_ref(), row) {
            (Some(h), Some(r)) if h != r => Err(format!(
                "another review ({what} {r:?}, not {h:?}): import each review into its own file"
            )),
            (None, Some(r)) => {
                *have = Some(r.clone());
                Ok(())
            }
            _ => Ok(()),
        }
    }
    one(&mut have.state, &row.state, "state")?;
    one(&mut have.session, &row.session, "session")?;
    one(&mut have.cycle, &row.cycle, "cycle")?;
    one(&mut have.document, &row.document, "document")
}

/// Writes records as a UPR Info-style CSV with the given columns (RFC 4180, LF line ends).
pub fn write(columns: &[Column], header: &Header, records: &[Record], ds: &Dataset) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(vec![]);
    let _ = w.write_record(columns.iter().map(|c| c.header()));
    let name = |code: &str| state_name(ds, code).unwrap_or(code).to_string();
    for r in records {
        let row: Vec<String> = columns
            .iter()
            .map(|c| match c {
                Column::Paragraph => r.paragraph.clone().unwrap_or_default(),
                Column::Recommendation => r.text.clone(),
                Column::RecommendingState => {
                    r.by.iter().map(|b| name(b)).collect::<Vec<_>>().join("; ")
                }
                Column::StateUnderReview => header.state.as_deref().map(name).unwrap_or_default(),
                Column::Response => r
                    .response
                    .map(|x| x.label().to_string())
                    .unwrap_or_default(),
                Column::ActionCategory => r.action.map(|a| a.to_string()).unwrap_or_default(),
                Column::Issues => r.issues.join(", "),
                Column::Session => header.session.map(|s| s.to_string()).unwrap_or_default(),
                Column::Cycle => header.cycle.map(|s| s.to_string()).unwrap_or_default(),
                Column::Document => header.document.clone().unwrap_or_default(),
            })
            .collect();
        let _ = w.write_record(&row);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
