//! Reading ratification status pages as a user saves them: the UN Treaty Collection's status of
//! a treaty (the page's text, its saved HTML, or its XML) and ILO NORMLEX ratification lists (per
//! convention or per country). A page becomes a [`Page`] of participant rows; [`proposals`] maps
//! the rows to states and instruments of the dataset and proposes facts; [`diff`] compares them
//! with what the dataset records. Nothing here reads or writes files.

use super::{Action, Dataset, Ratification, Status};
use std::collections::BTreeMap;

/// Where a page comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A UN Treaty Collection status page (chapter IV etc.).
    Untc,
    /// An ILO NORMLEX ratification list.
    Normlex,
    /// The Netherlands' Treaty Database (Verdragenbank): a treaty's table of parties, as a
    /// party (not the depositary) publishes it.
    Verdragenbank,
}

/// One participant (UNTC) or one ratification (NORMLEX) as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row {
    /// The participant's name as printed (a country; on a NORMLEX country page, an instrument).
    pub name: String,
    /// Footnote numbers attached to the name.
    pub footnotes: Vec<u32>,
    /// Signature date, `YYYY-MM-DD`.
    pub signed: Option<String>,
    /// Date of consent to be bound (ILO: registration of the ratification), `YYYY-MM-DD`.
    pub consent: Option<String>,
    pub action: Option<Action>,
    /// The entry is in square brackets (UNTC) or the ratification was denounced (NORMLEX).
    pub denounced: bool,
    /// NORMLEX: the date after "Denounced on", the day the ILO registered the denunciation (it
    /// takes effect a year later). ILOLEX printed Brazil's denunciation of C158 as "denounced on
    /// 20:11:1996", the day Brazil's Decree 2.100 of 20 December 1996 says the ILO registered it
    /// (it ceased to be in force for Brazil on 20 November 1997).
    pub denounced_on: Option<String>,
    /// NORMLEX: the date after "Automatic Denunciation on", the day the revising convention came
    /// into force for the state, when the denunciation took effect.
    pub denunciation_effective: Option<String>,
    /// NORMLEX: registered but not yet in force on the page's date.
    pub not_yet_in_force: bool,
}

/// A status page read into rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub origin: Origin,
    /// UNTC: `IV-13`; NORMLEX: `C167` (per convention). None when the page does not say.
    pub reference: Option<String>,
    /// NORMLEX per-country page: the country's name.
    pub country: Option<String>,
    /// The page's own count of parties (UNTC `Parties: N`, NORMLEX `N ratifications`).
    pub parties_header: Option<u32>,
    pub rows: Vec<Row>,
    /// Whether the page lists every participant: its count agrees with the rows, or it ends as
    /// a whole page ends.
    pub complete: bool,
    /// The page's "status as at" date, or else the newest date it shows (`YYYY-MM-DD`).
    pub as_of: Option<String>,
    /// Whether `as_of` is the newest date shown rather than a date the page states.
    pub as_of_inferred: bool,
    /// What the reader noticed: a row cut off at the end, a count that disagrees.
    pub remarks: Vec<String>,
    /// The page's end notes by number, their text as printed (the Collection's page saved as
    /// HTML: the footnotes its entries carry, where it records denunciations).
    pub notes: BTreeMap<u32, String>,
    /// NORMLEX per-country page: its groups of conventions (fundamental, governance,
    /// technical), each with the page's count and the conventions listed under its heading.
    pub groups: Vec<Group>,
}

/// A group of conventions on a NORMLEX country page, as its summary counts it
/// (`Fundamental Conventions: 8 of 10`) and as its heading (`Fundamental`) lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The group's name as the page heads it: `Fundamental`, `Governance`, `Technical`.
    pub name: String,
    /// How many of the group's conventions the country ratified, by the page's count.
    pub ratified: u32,
    /// How many conventions the group has, by the page's count.
    pub of: u32,
    /// The conventions listed under the group's heading (`C029`), protocols left out.
    pub listed: Vec<String>,
    /// Whether the whole list was read: another heading (or the page's end) follows it.
    pub closed: bool,
}

impl Group {
    /// Whether the page lists every convention of the group the country ratified: the list
    /// was read to its end and has as many conventions as the page counts.
    pub fn whole(&self) -> bool {
        self.closed && self.listed.len() as u32 == self.ratified
    }
}

impl Page {
    /// A page of `origin` with nothing read yet: no reference, country, count, rows or date.
    fn of(origin: Origin) -> Page {
        Page {
            origin,
            reference: None,
            country: None,
            parties_header: None,
            rows: vec![],
            complete: false,
            as_of: None,
            as_of_inferred: false,
            remarks: vec![],
            notes: BTreeMap::new(),
            groups: vec![],
        }
    }
}

/// Reads a saved page: XML (starts with `<?xml` or has `<Participants>`), HTML (tags are
/// dropped, cells and rows kept apart), text, or the participant table alone saved as
/// delimited text (see [`table_delimiter`]). NORMLEX pages are recognised by their title.
pub fn read_page(text: &str) -> Result<Page, String> {
    let text = text.trim_start_matches('\u{feff}');
    let trimmed = text.trim_start();
    if let Some(delimiter) = table_delimiter(trimmed) {
        return read_table(trimmed, delimiter);
    }
    if trimmed.starts_with("<?xml") || text.contains("<Participants>") {
        return read_untc_xml(text);
    }
    if text.contains("tblgrid\"") {
        return read_untc_html(text);
    }
    let plain = if trimmed.starts_with("<!DOCTYPE") || trimmed.starts_with("<html") {
        html_to_text(text)
    } else {
        text.to_string()
    };
    if plain.contains(VERDRAGENBANK_LEGEND) {
        read_verdragenbank(&plain)
    } else if plain.contains("NORMLEX") || plain.contains("Ratifications of ") {
        read_normlex(&plain)
    } else if plain.contains("Participant") {
        read_untc_text(&plain)
    } else {
        Err("not a status page: no UN Treaty Collection participant table and no NORMLEX ratification list found".into())
    }
}

// ------------------------------------------------------------------------------ dates

const MONTHS_EN: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A month name or abbreviation in English, French, Spanish or German (as NORMLEX prints
/// them).
fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    let table: [(&[&str], u32); 12] = [
        (
            &[
                "jan", "january", "janv", "janvier", "januar", "ene", "enero",
            ],
            1,
        ),
        (
            &["feb", "february", "févr", "février", "februar", "febrero"],
            2,
        ),
        (&["mar", "march", "mars", "mrz", "märz", "marzo"], 3),
        (&["apr", "april", "avr", "avril", "abr", "abril"], 4),
        (&["may", "mai", "mayo"], 5),
        (&["jun", "june", "juin", "juni", "junio"], 6),
        (&["jul", "july", "juil", "juillet", "juli", "julio"], 7),
        (&["aug", "august", "août", "ago", "agosto"], 8),
        (
            &[
                "sep",
                "sept",
                "september",
                "septembre",
                "septiembre",
                "setiembre",
            ],
            9,
        ),
        (
            &["oct", "october", "okt", "octobre", "oktober", "octubre"],
            10,
        ),
        (&["nov", "november", "novembre", "noviembre"], 11),
        (
            &[
                "dec",
                "december",
                "déc",
                "décembre",
                "dez",
                "dezember",
                "dic",
                "diciembre",
            ],
            12,
        ),
    ];
    table
        .iter()
        .find(|(names, _)| names.contains(&w.as_str()))
        .map(|(_, n)| *n)
}

fn iso(day: u32, month: u32, year: u32) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

/// A UNTC date (`5 Jun 2007`, ` 7 Oct 1998`) at the start of `s`: (ISO date, bytes used).
fn untc_date_at(s: &str) -> Option<(String, usize)> {
    let lead = s.len() - s.trim_start_matches(' ').len();
    let rest = &s[lead..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let day: u32 = rest[..digits].parse().ok()?;
    let after = rest[digits..].strip_prefix(' ')?;
    let mon = after.get(..3)?;
    let month = MONTHS_EN.iter().position(|m| m.eq_ignore_ascii_case(mon))? as u32 + 1;
    let year_part = after[3..].strip_prefix(' ')?;
    let year = year_part.get(..4)?;
    if !year.bytes().all(|b| b.is_ascii_digit()) || !(1..=31).contains(&day) {
        return None;
    }
    let used = lead + digits + 1 + 3 + 1 + 4;
    Some((iso(day, month, year.parse().ok()?), used))
}

/// Every date in free text (`29 Nov 2026`, `19 oct. 1962`, `07 Mrz 2002`), in ISO form.
fn dates_in(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = vec![];
    for w in words.windows(3) {
        let day = w[0].parse::<u32>().ok().filter(|d| (1..=31).contains(d));
        let month = month_number(w[1]);
        let year = w[2]
            .trim_end_matches(|c: char| !c.is_ascii_digit())
            .parse::<u32>()
            .ok()
            .filter(|y| (1900..=2100).contains(y));
        if let (Some(d), Some(m), Some(y)) = (day, month, year) {
            out.push(iso(d, m, y));
        }
    }
    out
}

/// `Status as at : 29-11-2026` or `as at 29 November 2026`, when the page states it.
fn stated_as_of(text: &str) -> Option<String> {
    // `STATUS AS AT : 19-04-2024` on the Collection's own page; ASCII lowering keeps offsets.
    let i = text.to_ascii_lowercase().find("as at")?;
    let after = text[i + 5..].trim_start_matches([' ', ':']);
    let head: String = after.chars().take(30).collect();
    let parts: Vec<&str> = head.split(['-', '/']).collect();
    if parts.len() >= 3 {
        let d = parts[0].trim().parse::<u32>().ok();
        let m = parts[1].trim().parse::<u32>().ok();
        let y = parts[2].get(..4).and_then(|y| y.parse::<u32>().ok());
        if let (Some(d), Some(m), Some(y)) = (d, m, y) {
            return Some(iso(d, m, y));
        }
    }
    dates_in(&head).into_iter().next()
}

fn newest(dates: impl Iterator<Item = String>) -> Option<String> {
    dates.max()
}

// ------------------------------------------------------------------------------ UNTC

/// The words of the participant table's column headings, which run into the first name in
/// the page's text.
const UNTC_HEADINGS: [&str; 12] = [
    "Participant",
    "Signature, Succession to signature(d)",
    "Definitive signature(s)",
    "Signature",
    "Ratification",
    "Accession(a)",
    "Succession(d)",
    "Acceptance(A)",
    "Approval(AA)",
    "Formal confirmation(c)",
    "Acceptance",
    "Accession",
];

/// More participants than any treaty can have (there are fewer than 200 states).
const MAX_PARTIES: u32 = 250;

fn read_untc_text(text: &str) -> Result<Page, String> {
    let reference = untc_reference(text);
    let mut parties_header = number_after(text, "Parties");
    let mut count_remark = None;
    // A count no treaty can have: footnote marks copied as plain digits run into it
    // (`Parties116123`), so the page's count is not known.
    if let Some(n) = parties_header.filter(|n| *n > MAX_PARTIES) {
        parties_header = None;
        count_remark = Some(format!(
            "the page's count of parties (`{n}`) runs into other digits (footnote marks copied as text), so it is not used: the page is read as incomplete"
        ));
    }
    let start = text
        .find("ParticipantSignature")
        .or_else(|| text.find("Participant Signature"))
        .or_else(|| text.find("Participant"))
        .ok_or("no participant table (`Participant  Signature ...`) in the page")?;
    let mut rest = &text[start..];
    'strip: loop {
        rest = rest.trim_start_matches([' ', ',', '\n', '\t', '\r']);
        for h in UNTC_HEADINGS {
            if let Some(r) = rest.strip_prefix(h) {
                rest = r;
                continue 'strip;
            }
        }
        // A footnote mark on a heading (`Participant<superscript>4,5</superscript>`).
        if let Some(r) = rest.strip_prefix("<superscript>")
            && let Some(close) = r.find("</superscript>")
        {
            rest = &r[close + "</superscript>".len()..];
            continue;
        }
        break;
    }
    let joined;
    if text[start..].starts_with("Participant\n") || text[start..].starts_with("Participant\r\n") {
        joined = join_cell_lines(rest);
        rest = &joined;
    }
    let (rows, cut, ends_in_row) = untc_rows(rest);
    let mut page = Page {
        reference,
        parties_header,
        rows,
        ..Page::of(Origin::Untc)
    };
    page.remarks.extend(count_remark);
    if let Some(c) = &cut {
        page.remarks.push(format!(
            "the page ends inside the row `{c}`: that row is left out (the copy is trimmed)"
        ));
    }
    finish(&mut page, text);
    // A trimmed copy that stops right after a row's dates may have lost the row's second date.
    if page.parties_header.is_some()
        && !page.complete
        && cut.is_none()
        && ends_in_row
        && let Some(last) = page.rows.pop()
    {
        page.remarks.push(format!(
            "the page stops right after the row `{}`, which may be cut short: that row is left out",
            last.name
        ));
    }
    Ok(page)
}

/// The participant table as the Collection's own page prints it when copied, one cell per
/// line (`Armenia` / `30 Mar 2007` / `26 Dec 2022`; an empty cell is a blank line or a
/// leading space; a footnote mark is a number after the name, `Denmark 2`), joined into the
/// form the status XML's text has (`Armenia30 Mar 2007 26 Dec 2022`,
/// `Denmark<superscript>2</superscript>23 Sep 2014 a`).
fn join_cell_lines(table: &str) -> String {
    let mut out = String::new();
    for line in table.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if untc_date_at(line).is_some() {
            out.push(' ');
            out.push_str(line);
            continue;
        }
        // A name line: digits and commas at its end are footnote marks.
        let name = line.trim_end_matches(|c: char| c.is_ascii_digit() || c == ',' || c == ' ');
        let marks = line[name.len()..].trim();
        out.push(' ');
        out.push_str(name);
        if !marks.is_empty() {
            out.push_str(&format!("<superscript>{marks}</superscript>"));
        }
    }
    out
}

/// `13International Convention ...` after `CHAPTER IV` -> `IV-13`; `11dOptional ...` -> `IV-11-d`.
fn untc_reference(text: &str) -> Option<String> {
    let i = text.find("CHAPTER ")?;
    let chapter: String = text[i + 8..]
        .chars()
        .take_while(|c| c.is_ascii_uppercase())
        .collect();
    let after_title = text[i..].split_once('\n')?.1.split_once('\n')?.1;
    let number: String = after_title
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if number.is_empty() || chapter.is_empty() {
        return None;
    }
    let tail = &after_title[number.len()..];
    // The Collection's own page writes the letter apart: `15 .a Optional Protocol ...`.
    let spaced = tail
        .strip_prefix(" .")
        .and_then(|t| t.split_once(' '))
        .filter(|(l, _)| l.len() == 1 && l.chars().all(|c| c.is_ascii_lowercase()));
    let mut chars = tail.chars();
    let suffix = match (spaced, chars.next(), chars.next()) {
        (Some((l, _)), _, _) => format!("-{l}"),
        (None, Some(l), Some(u)) if l.is_ascii_lowercase() && u.is_uppercase() => format!("-{l}"),
        _ => String::new(),
    };
    Some(format!("{chapter}-{number}{suffix}"))
}

/// The number printed right after a word: `Parties59`, `Parties: 59`, `Parties 59`.
fn number_after(text: &str, word: &str) -> Option<u32> {
    text.match_indices(word).find_map(|(i, _)| {
        let digits: String = text[i + word.len()..]
            .trim_start_matches([':', ' ', '.'])
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    })
}

/// Rows of the participant table, in order; the text after the table ends them. Returns the
/// name of a row cut off by the end of the text (left out), and whether the text ends right
/// after the last row.
fn untc_rows(mut s: &str) -> (Vec<Row>, Option<String>, bool) {
    let mut rows = vec![];
    let mut at_row_end = false;
    loop {
        s = s.trim_start_matches([' ', '\n', '\t', '\r']);
        if s.is_empty() {
            return (rows, None, at_row_end);
        }
        // A date fragment where a name should start: the copy ends inside the previous row's
        // dates, so that row is incomplete.
        if s.starts_with(|c: char| c.is_ascii_digit()) {
            let cut = rows.pop().map(|r: Row| r.name);
            return (rows, cut, false);
        }
        match untc_row(s) {
            RowRead::Row(row, used) => {
                rows.push(row);
                s = &s[used..];
                at_row_end = true;
            }
            RowRead::CutOff(name) => return (rows, Some(name), false),
            RowRead::NotARow => return (rows, None, false),
        }
    }
}

enum RowRead {
    Row(Row, usize),
    CutOff(String),
    NotARow,
}

fn untc_row(s: &str) -> RowRead {
    let mut row = Row::default();
    let mut pos = 0;
    if s.starts_with('[') {
        row.denounced = true;
        pos = 1;
    }
    // The name runs to the first footnote mark or date.
    let name_end = (pos..s.len())
        .filter(|i| s.is_char_boundary(*i))
        .find(|&i| s[i..].starts_with("<superscript>") || untc_date_at(&s[i..]).is_some())
        .unwrap_or(s.len());
    let name = s[pos..name_end].trim();
    if name.is_empty() || name.len() > 80 || name.contains(['.', ';', ':']) {
        return RowRead::NotARow;
    }
    row.name = name.trim_end_matches(',').to_string();
    pos = name_end;
    while let Some(r) = s[pos..].strip_prefix("<superscript>") {
        let Some(close) = r.find("</superscript>") else {
            return RowRead::NotARow;
        };
        row.footnotes.extend(
            r[..close]
                .split(',')
                .filter_map(|n| n.trim().parse::<u32>().ok()),
        );
        pos += "<superscript>".len() + close + "</superscript>".len();
    }
    // A denounced entry's dates in square brackets after the name (`Belarus<superscript>6
    // </superscript>[30 Sep 1992 a]`).
    if !row.denounced && s[pos..].trim_start_matches(' ').starts_with('[') {
        row.denounced = true;
        pos += s[pos..].find('[').map_or(0, |i| i + 1);
    }
    let mut dates = vec![];
    while dates.len() < 2 {
        let Some((date, used)) = untc_date_at(&s[pos..]) else {
            break;
        };
        pos += used;
        let (marker, used) = untc_marker(&s[pos..]);
        pos += used;
        dates.push((date, marker));
    }
    if dates.is_empty() {
        return if pos >= s.trim_end().len() {
            RowRead::CutOff(row.name)
        } else {
            RowRead::NotARow
        };
    }
    if row.denounced {
        pos += s[pos..].find(']').map_or(0, |i| i + 1);
    }
    classify_untc(&mut row, dates);
    RowRead::Row(row, pos)
}

/// A marker after a date: `a` accession, `d` succession, `A` acceptance, `AA` approval, `c`
/// formal confirmation, when followed by the next name, a space, a tag or the end.
fn untc_marker(s: &str) -> (Option<&'static str>, usize) {
    let lead = s.len() - s.trim_start_matches(' ').len();
    let rest = &s[lead..];
    for m in ["AA", "A", "a", "d", "c"] {
        if let Some(after) = rest.strip_prefix(m) {
            let next = after.chars().next();
            let ends =
                next.is_none_or(|c| c.is_uppercase() || c.is_whitespace() || "<[]".contains(c));
            if ends {
                return (Some(m), lead + m.len());
            }
        }
    }
    (None, 0)
}

fn classify_untc(row: &mut Row, dates: Vec<(String, Option<&'static str>)>) {
    let action = |m: Option<&str>| match m {
        None => Action::Ratification,
        Some("a") => Action::Accession,
        Some("d") => Action::Succession,
        Some("A") => Action::Acceptance,
        Some("AA") => Action::Approval,
        Some(_) => Action::FormalConfirmation,
    };
    match dates.as_slice() {
        [(sig, _), (consent, m)] => {
            row.signed = Some(sig.clone());
            row.consent = Some(consent.clone());
            row.action = Some(action(*m));
        }
        [(date, None)] => row.signed = Some(date.clone()),
        [(date, m)] => {
            row.consent = Some(date.clone());
            row.action = Some(action(*m));
        }
        _ => {}
    }
}

/// The UNTC status XML: `Participants//Row` of `Entry` cells (participant, signature,
/// consent), `Status/Parties` as the count. Cells are read as the text reader reads a row.
fn read_untc_xml(text: &str) -> Result<Page, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut path: Vec<String> = vec![];
    let mut cells: Vec<String> = vec![];
    let mut rows_text: Vec<String> = vec![];
    let mut parties_header = None;
    let mut heading = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                path.push(String::from_utf8_lossy(e.name().as_ref()).into_owned());
                if path.last().is_some_and(|n| n == "Row") {
                    cells.clear();
                }
            }
            Ok(Event::End(_)) => {
                if path.last().is_some_and(|n| n == "Row")
                    && path.iter().any(|n| n == "Participants")
                    && !path.iter().any(|n| n == "Thead")
                {
                    rows_text.push(cells.join(" "));
                }
                path.pop();
            }
            Ok(Event::Text(t)) => {
                let v = t.decode().map_err(|e| format!("XML text: {e}"))?;
                let v = quick_xml::escape::unescape(&v)
                    .map_err(|e| format!("XML text: {e}"))?
                    .into_owned();
                match path.last().map(String::as_str) {
                    Some("Entry") if path.iter().any(|n| n == "Participants") => cells.push(v),
                    Some("Parties") => parties_header = v.trim().parse().ok(),
                    Some("Header" | "Name" | "Titlesect") if heading.len() < 400 => {
                        heading.push_str(&v);
                        heading.push('\n');
                    }
                    _ => {}
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => {
                return Err(format!(
                    "not well-formed XML at byte {}: {e}",
                    reader.error_position()
                ));
            }
            _ => {}
        }
    }
    let mut page = Page {
        reference: untc_reference(&heading),
        parties_header,
        ..Page::of(Origin::Untc)
    };
    for r in &rows_text {
        if let RowRead::Row(row, _) = untc_row(r.trim()) {
            page.rows.push(row);
        }
    }
    finish(&mut page, text);
    Ok(page)
}

/// The Collection's status page saved as HTML (`ViewDetails.aspx`, "Save page as"): the
/// participant table is the `table` whose id ends in `tblgrid` (cells: participant with its
/// footnote marks in `<sup>`, signature, consent); the count (`Parties : 60`) and the
/// `STATUS AS AT : 03-02-2026` line are read from the page's visible text, the chapter from
/// the form's address (`ViewDetails.aspx?src=TREATY&mtdsg_no=IV-13`).
fn read_untc_html(html: &str) -> Result<Page, String> {
    use scraper::{Html, Selector};
    let selector = |s: &str| Selector::parse(s).map_err(|e| format!("selector `{s}`: {e}"));
    let doc = Html::parse_document(html);
    let table = doc
        .select(&selector(r#"table[id$="tblgrid"]"#)?)
        .next()
        .ok_or("no participant table (`tblgrid`) in the saved page")?;
    let (tr, td) = (selector("tr")?, selector("td")?);
    let mut page = Page {
        reference: doc
            .select(&selector(r#"form[action*="mtdsg_no="]"#)?)
            .next()
            .and_then(|f| f.value().attr("action"))
            .and_then(|a| a.split("mtdsg_no=").nth(1))
            .map(|r| r.split('&').next().unwrap_or(r).to_string()),
        ..Page::of(Origin::Untc)
    };
    for (i, row) in table.select(&tr).enumerate() {
        // Cell text with its spacing (`&nbsp;`, tabs) made single spaces: `Belarus 6`.
        let cells: Vec<String> = row
            .select(&td)
            .map(|c| c.text().collect::<Vec<_>>().join(" "))
            .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        if cells.len() < 3 || cells[0].starts_with("Participant") || cells[0].is_empty() {
            continue;
        }
        match untc_table_row(&cells[0], &cells[1], &cells[2]) {
            Some(r) => page.rows.push(r),
            None => page.remarks.push(format!(
                "table row {} (`{}`) has no date the reader knows: left out",
                i + 1,
                cells[0]
            )),
        }
    }
    page.notes = untc_end_notes(&doc)?;
    let text = visible_text(&doc);
    page.parties_header = number_after(&text, "Parties");
    finish(&mut page, &text);
    Ok(page)
}

/// The saved page's end notes: each is a `div.divNotesAll` that opens with its number as an
/// anchor (`<a name='3'>3</a>On 23 October 1997, ...`).
fn untc_end_notes(doc: &scraper::Html) -> Result<BTreeMap<u32, String>, String> {
    use scraper::Selector;
    let selector = |s: &str| Selector::parse(s).map_err(|e| format!("selector `{s}`: {e}"));
    let (note, anchor) = (selector("div.divNotesAll")?, selector("a[name]")?);
    let mut notes = BTreeMap::new();
    for n in doc.select(&note) {
        let number = n
            .select(&anchor)
            .next()
            .and_then(|a| a.value().attr("name"))
            .and_then(|v| v.trim().parse::<u32>().ok());
        let Some(number) = number else { continue };
        let text = n.text().collect::<Vec<_>>().join(" ");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let text = text.strip_prefix(&number.to_string()).unwrap_or(&text);
        notes.insert(number, text.trim().to_string());
    }
    Ok(notes)
}

/// A denunciation an end note records for a participant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotedDenunciation {
    /// The date the notification was made or received (`YYYY-MM-DD`).
    pub notified: Option<String>,
    /// The date it took effect, when the note gives it.
    pub effective: Option<String>,
    /// A later sentence says the participant re-acceded (a party again).
    pub reaccession: bool,
    /// The note records an earlier denunciation too (the participant had re-acceded since).
    pub earlier: bool,
}

/// What an end note says of `name`'s denunciation: among the sentences that name the
/// participant, the Secretary-General and a denunciation, with a date (`On 23 October 1997, the
/// Government of Jamaica notified the Secretary-General of its denunciation of the Protocol.`;
/// `On 27 March 2000, ... notified the Secretary-General that it had decided to denounce the
/// Optional Protocol for the second time with effect from 27 June 2000.`), the latest: its date
/// before "with effect from" is the notification, the date after it the day it took effect.
/// A sentence that names the participant and a re-accession, dated that day or later ("On that
/// same date" is the previous sentence's date), makes it a re-accession. None when no sentence
/// names the participant and a dated denunciation (objections quoted in a note are undated).
pub fn denunciation_in(name: &str, note: &str) -> Option<NotedDenunciation> {
    let mut dated: Vec<(&str, Option<String>)> = vec![];
    for sentence in note.split(". ") {
        let before = sentence
            .split("with effect from")
            .next()
            .unwrap_or(sentence);
        let date = match dates_in(before).into_iter().next() {
            Some(d) => Some(d),
            None if sentence.contains("same date") => dated.last().and_then(|(_, d)| d.clone()),
            None => None,
        };
        dated.push((sentence, date));
    }
    let names = |s: &str| s.contains(name);
    let notices: Vec<(&str, String)> = dated
        .iter()
        .filter(|(s, _)| names(s) && s.contains("Secretary-General"))
        .filter(|(s, _)| s.contains("denounc") || s.contains("denunciation"))
        .filter_map(|(s, d)| Some((*s, d.clone()?)))
        .collect();
    let (sentence, notified) = notices.iter().max_by(|a, b| a.1.cmp(&b.1))?.clone();
    let effective = sentence
        .find("with effect from")
        .and_then(|i| dates_in(&sentence[i..]).into_iter().next());
    let reaccession = dated.iter().any(|(s, d)| {
        names(s)
            && (s.contains("re-acce") || s.contains("reacce"))
            && d.as_ref().is_some_and(|d| *d >= notified)
    });
    Some(NotedDenunciation {
        earlier: notices.iter().any(|(_, d)| *d < notified),
        notified: Some(notified),
        effective,
        reaccession,
    })
}

/// A document's text outside scripts and styles, its text nodes apart by single spaces.
fn visible_text(doc: &scraper::Html) -> String {
    let mut out = String::new();
    for node in doc.tree.nodes() {
        let scraper::Node::Text(t) = node.value() else {
            continue;
        };
        let hidden = node
            .parent()
            .and_then(|p| p.value().as_element().map(|e| e.name()))
            .is_some_and(|n| matches!(n, "script" | "style"));
        if !hidden {
            out.push_str(t);
            out.push(' ');
        }
    }
    // One space for any run of spacing (`Parties :` and its count are on separate lines).
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Drops markup, keeping table cells and rows apart.
fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let Some(j) = rest[i..].find('>') else { break };
        let tag = rest[i + 1..i + j].to_ascii_lowercase();
        if tag.starts_with("/tr") || tag.starts_with("br") || tag.starts_with("/p") {
            out.push('\n');
        } else if tag.starts_with("/td") || tag.starts_with("/th") {
            out.push(' ');
        } else if tag.starts_with("sup") {
            out.push_str("<superscript>");
        } else if tag.starts_with("/sup") {
            out.push_str("</superscript>");
        }
        rest = &rest[i + j + 1..];
    }
    out.push_str(rest);
    out.replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&#39;", "'")
}

// ------------------------------------------------------------------------------ NORMLEX

fn read_normlex(text: &str) -> Result<Page, String> {
    // `Ratifications of C029 - ...`, `Ratifications de C097 - ...` (French), `Ratificaciones
    // de C029 - ...` (Spanish): a convention; `Ratifications for Brazil`, `Ratificaciones de
    // España`: a country.
    const TITLES: [&str; 4] = [
        "Ratifications of ",
        "Ratifications de ",
        "Ratifications for ",
        "Ratificaciones de ",
    ];
    let title = text
        .lines()
        .find_map(|l| TITLES.iter().find_map(|t| l.strip_prefix(t)));
    let Some(title) = title else {
        return Err("a NORMLEX page without its title (`Ratifications of C...` or `Ratifications for COUNTRY`)".into());
    };
    let first = title.split_whitespace().next().unwrap_or("");
    let (reference, country) = if is_ilo_code(first) {
        (Some(first.to_string()), None)
    } else {
        (None, Some(title.trim().to_string()))
    };
    let parties_header = text.lines().find_map(|l| {
        let mut w = l.split_whitespace();
        let n = w.next()?.parse::<u32>().ok()?;
        (w.next()? == "ratifications").then_some(n)
    });
    let ended = text.contains("© Copyright");
    let mut page = Page {
        groups: if country.is_some() {
            normlex_groups(text, ended)
        } else {
            vec![]
        },
        reference,
        country,
        parties_header,
        rows: text.lines().flat_map(normlex_rows).collect(),
        ..Page::of(Origin::Normlex)
    };
    finish(&mut page, text);
    if !page.complete && ended && page.parties_header.is_none() {
        page.complete = true;
    }
    for g in page.groups.iter().filter(|g| !g.whole()) {
        page.remarks.push(format!(
            "{} conventions: the page counts {} of {} and {} listed{}: a convention not listed there is left as the dataset has it (the counts include denounced conventions)",
            g.name,
            g.ratified,
            g.of,
            g.listed.len(),
            if g.closed {
                ""
            } else {
                " before the page ends (cut)"
            }
        ));
    }
    Ok(page)
}

/// The groups of a NORMLEX country page: the summary's counts (`Governance Conventions
/// (Priority): 3 of 4`), then under each group's heading line (`Governance (Priority)`) the
/// conventions listed until the next heading; the last list is closed only if the page ends
/// as a whole page does (`ended`).
fn normlex_groups(text: &str, ended: bool) -> Vec<Group> {
    let mut groups: Vec<Group> = text.lines().filter_map(group_count).collect();
    let mut current: Option<usize> = None;
    for line in text.lines().map(str::trim) {
        let heading = (line.len() < 40 && !line.contains(':'))
            .then(|| line.split_whitespace().find_map(group_key))
            .flatten();
        if let Some(i) = heading.and_then(|h| groups.iter().position(|g| g.name == h)) {
            if let Some(c) = current {
                groups[c].closed = true;
            }
            current = Some(i);
        } else if let (Some(c), Some(row)) = (current, normlex_row(line)) {
            let code = row.name.split_whitespace().next().unwrap_or("");
            if is_ilo_code(code) && code.starts_with('C') {
                groups[c].listed.push(code.to_string());
            }
        }
    }
    if let (Some(c), true) = (current, ended) {
        groups[c].closed = true;
    }
    groups
}

/// `C029`, `P029`: an ILO convention's or protocol's code.
fn is_ilo_code(word: &str) -> bool {
    word.len() > 1
        && (word.starts_with('C') || word.starts_with('P'))
        && word[1..].chars().all(|c| c.is_ascii_digit())
}

/// The group a word of a heading names, in English, French or Spanish.
fn group_key(word: &str) -> Option<&'static str> {
    let w = word.to_lowercase();
    match w.trim_matches(|c: char| !c.is_alphabetic()) {
        "fundamental" | "fundamentales" | "fondamentales" => Some("Fundamental"),
        "governance" | "gobernanza" | "gouvernance" => Some("Governance"),
        "technical" | "técnicos" | "techniques" => Some("Technical"),
        _ => None,
    }
}

/// `1. Fundamental Conventions: 8 of 10` (`Convenios fundamentales: 10 sobre 10`) -> the
/// group `Fundamental`, 8 of 10.
fn group_count(line: &str) -> Option<Group> {
    let line = line
        .trim()
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let (name, count) = line.split_once(':')?;
    let words: Vec<&str> = name.split_whitespace().collect();
    if !words
        .iter()
        .any(|w| matches!(*w, "Conventions" | "Convenios"))
    {
        return None;
    }
    let name = words.iter().find_map(|w| group_key(w))?;
    let mut w = count.split_whitespace();
    let ratified = w.next()?.parse().ok()?;
    matches!(w.next()?, "of" | "sobre" | "sur").then_some(())?;
    let of = w.next()?.parse().ok()?;
    Some(Group {
        name: name.to_string(),
        ratified,
        of,
        listed: vec![],
        closed: false,
    })
}

/// The rows of a line of a NORMLEX list: the ratification it shows and, on a country page,
/// a protocol's ratification printed inside the convention's cell (`C029 - Forced Labour
/// Convention, 1930 (No. 29)P029 - Protocol of 2014 ... ratified on 07 Jun 2016 (In Force)
/// 25 Apr 1957 In Force`).
fn normlex_rows(line: &str) -> Vec<Row> {
    let mut rows: Vec<Row> = normlex_row(line).into_iter().collect();
    if let Some(p) = embedded_protocol(line) {
        rows.push(p);
    }
    rows
}

/// The protocol's ratification printed inside a convention's cell: its code and title up to
/// the date, the date, and its status in parentheses.
fn embedded_protocol(line: &str) -> Option<Row> {
    let start = line.find(")P")? + 1;
    let rest = &line[start..];
    if !is_ilo_code(rest.split_whitespace().next()?) {
        return None;
    }
    let close = rest.find(')')?;
    let cell = &rest[..=close];
    let consent = dates_in(cell).into_iter().next()?;
    let title_end = cell.find(" ratifi").unwrap_or(cell.len());
    let status = cell[cell.rfind('(')?..].to_lowercase();
    Some(Row {
        name: cell[..title_end].trim().to_string(),
        consent: Some(consent),
        action: Some(Action::Ratification),
        not_yet_in_force: not_in_force(&status[1..]),
        ..Row::default()
    })
}

/// A NORMLEX status, lowercased, that says the ratification is not yet in force (`not in
/// force`, `pas en vigueur`, `no está en vigor`).
fn not_in_force(status: &str) -> bool {
    status.starts_with("not") || status.starts_with("pas") || status.starts_with("no ")
}

/// `Kazakhstan 18 Jun 2008 IN-FORCE`, `Congo 26 oct. 2023 Pas en vigueur La convention ...`,
/// `C029 - Forced Labour Convention, 1930 (No. 29) 24 Jun 2004 In Force`, `C087 - Convenio
/// ... (núm. 87) 20 abril 1977 En vigor`: the date is the one the status follows (a date in
/// parentheses' company, a protocol's inside the cell, is passed).
fn normlex_row(line: &str) -> Option<Row> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let at = (1..words.len().saturating_sub(2)).find(|&i| {
        words[i].len() <= 2
            && words[i].parse::<u32>().is_ok()
            && month_number(words[i + 1]).is_some()
            && words[i + 2].len() == 4
            && words[i + 2].parse::<u32>().is_ok()
            && !words.get(i + 3).is_some_and(|w| w.starts_with('('))
    })?;
    let date = dates_in(&words[at..at + 3].join(" ")).pop()?;
    let mut name = words[..at].join(" ");
    // Notes run into the name: `AlgérieA exclu les dispositions ...` (French pages),
    // `Bolivia (Plurinational State of)Minimum age specified: 14 years`.
    if let Some(i) = name
        .char_indices()
        .zip(name.chars().skip(1))
        .find(|((_, a), b)| (a.is_lowercase() || *a == ')') && b.is_uppercase())
        .map(|((i, a), _)| i + a.len_utf8())
        && name[i..].contains(' ')
    {
        name.truncate(i);
    }
    let status = words[at + 3..].join(" ");
    let lower = status.to_lowercase();
    let mut row = Row {
        name,
        consent: Some(date),
        action: Some(Action::Ratification),
        ..Row::default()
    };
    if lower.contains("enounc") || lower.contains("énonc") || lower.contains("denunc") {
        row.denounced = true;
        let date = dates_in(&status).into_iter().next();
        if lower.contains("automati") {
            row.denunciation_effective = date;
        } else {
            row.denounced_on = date;
        }
    } else if not_in_force(&lower) {
        row.not_yet_in_force = true;
    } else if !(lower.starts_with("in") || lower.starts_with("en")) {
        return None;
    }
    Some(row)
}

// ------------------------------------------------------------------------------ Verdragenbank

/// The legend of the Netherlands' Treaty Database's table of parties, in the header that
/// names its columns (`Party Signature Ratification... Entry into force Renunciation
/// Termination`).
const VERDRAGENBANK_LEGEND: &str = "S=Signature without reservation";

/// Reads the Netherlands' Treaty Database's page of a treaty (its text as saved): the treaty
/// number (`Treaty number 007101`) and the table of parties after the header. The page names
/// no treaty of the dataset (give it with `--instrument`) and counts no parties, so it is read
/// as incomplete; its as-of date is its newest date of signature or consent.
fn read_verdragenbank(text: &str) -> Result<Page, String> {
    let mut page = Page::of(Origin::Verdragenbank);
    page.reference = text.lines().find_map(|l| {
        let n = l.trim().strip_prefix("Treaty number ")?.trim();
        (!n.is_empty()).then(|| n.to_string())
    });
    let table = text
        .split_once(VERDRAGENBANK_LEGEND)
        .map(|(_, t)| t.split_once('\n').map_or("", |(_, rows)| rows))
        .ok_or("no table of parties")?;
    for line in table.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match verdragenbank_row(line) {
            Ok(row) => page.rows.push(row),
            Err(why) => page.remarks.push(format!("row `{line}` {why}: left out")),
        }
    }
    if page.rows.is_empty() {
        return Err("the table of parties has no row the reader knows".into());
    }
    finish(&mut page, text);
    Ok(page)
}

/// A `DD-MM-YYYY` date as `YYYY-MM-DD`.
fn dutch_date(word: &str) -> Option<String> {
    let mut parts = word.split('-');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    let ok = parts.next().is_none() && d.len() == 2 && m.len() == 2 && y.len() == 4;
    let (d, m, y) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    (ok && (1..=12).contains(&m) && (1..=31).contains(&d)).then(|| iso(d, m, y))
}

/// One party of the table: `Algeria 19-10-1962 (Su) 03-07-1962`. The date marked `(R)`, `(A)`
/// or `(Su)` is the consent (the table's `R` covers ratification, acceptance, approval and
/// notification, so no action is recorded); an unmarked date before it is the signature;
/// the date after it is the entry into force. A further date (the party's renunciation or
/// the treaty's termination, which the saved text does not tell apart) leaves the row out.
fn verdragenbank_row(line: &str) -> Result<Row, &'static str> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let at = (1..words.len())
        .find(|&i| dutch_date(words[i]).is_some() && words[i - 1] != "(<")
        .ok_or("has no date")?;
    let mut row = Row {
        name: words[..at].join(" "),
        ..Row::default()
    };
    let mut after_consent = 0;
    let mut rest = words[at..].iter().peekable();
    while let Some(word) = rest.next() {
        let date = dutch_date(word).ok_or("has a cell the reader does not know")?;
        let marker = rest.next_if(|w| w.starts_with('(') && w.ends_with(')'));
        match (marker.copied(), &row.consent) {
            (Some("(R)" | "(A)" | "(Su)"), None) => row.consent = Some(date),
            (Some(_), _) => return Err("has a consent the reader does not know"),
            (None, None) if row.signed.is_none() => row.signed = Some(date),
            (None, None) => return Err("has two dates before its consent"),
            (None, Some(_)) => after_consent += 1,
        }
    }
    if after_consent > 1 {
        return Err("has a renunciation or termination date");
    }
    Ok(row)
}

// ------------------------------------------------------------------------------ tables

/// A participant table saved alone as delimited text, as a spreadsheet or a scraper exports
/// it: a header row whose first cell is `Participant` (the Collection's table:
/// `Participant;Signature;Ratification, Accession(a), Succession(d)`) or `Country` (NORMLEX's:
/// `Country;Date;Status;Note`), cells apart by `;` or a tab, one row per record. Returns the
/// delimiter when the text starts with such a header.
pub fn table_delimiter(text: &str) -> Option<u8> {
    let header = text.lines().next()?;
    let delimiter = [b';', b'\t']
        .into_iter()
        .find(|d| header.contains(*d as char))?;
    let first = header.split(delimiter as char).next()?;
    let first = first.trim().trim_matches('"');
    let first = first.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    let second = header
        .split(delimiter as char)
        .nth(1)?
        .trim()
        .trim_matches('"');
    let untc = first == "Participant" && second.starts_with("Signature");
    let normlex = first == "Country" && second == "Date";
    (untc || normlex).then_some(delimiter)
}

/// Reads a table saved as delimited text (see [`table_delimiter`]). The table does not name
/// its treaty (give it with `--instrument`) and has no count of parties, so it is read as
/// incomplete unless the user says it was saved whole; its as-of date is its newest date.
fn read_table(text: &str, delimiter: u8) -> Result<Page, String> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| format!("table header: {e}"))?;
    let origin = if header.get(0).is_some_and(|h| h.starts_with("Country")) {
        Origin::Normlex
    } else {
        Origin::Untc
    };
    let mut page = Page::of(origin);
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("table row {}: {e}", i + 2))?;
        let cell = |n: usize| record.get(n).unwrap_or("").trim();
        if cell(0).is_empty() {
            continue;
        }
        let row = match origin {
            // NORMLEX cells read as the list's line would (`Kazakhstan 18 Jun 2008 In Force`).
            Origin::Normlex => {
                normlex_row(&format!("{} {} {} {}", cell(0), cell(1), cell(2), cell(3)))
            }
            Origin::Untc | Origin::Verdragenbank => untc_table_row(cell(0), cell(1), cell(2)),
        };
        match row {
            Some(r) => page.rows.push(r),
            None => page.remarks.push(format!(
                "row {} (`{}`) has no date the reader knows: left out",
                i + 2,
                cell(0)
            )),
        }
    }
    finish(&mut page, text);
    Ok(page)
}

/// One row of the Collection's table saved as cells: the participant (footnote marks as
/// numbers after it: `Algeria 2`), the signature cell and the consent cell (`5 Feb 2008 a`);
/// a denounced entry is in square brackets.
fn untc_table_row(participant: &str, signature: &str, consent: &str) -> Option<Row> {
    let denounced = [participant, signature, consent]
        .iter()
        .any(|c| c.contains('['));
    let clean = |c: &str| c.replace(['[', ']'], "").trim().to_string();
    let participant = clean(participant);
    let name = participant.trim_end_matches(|c: char| c.is_ascii_digit() || c == ',' || c == ' ');
    let mut row = Row {
        name: name.to_string(),
        footnotes: participant[name.len()..]
            .split(',')
            .filter_map(|n| n.trim().parse().ok())
            .collect(),
        denounced,
        ..Row::default()
    };
    let signature = clean(signature);
    let consent = clean(consent);
    row.signed = untc_date_at(&signature).map(|(d, _)| d);
    if let Some((date, used)) = untc_date_at(&consent) {
        let (marker, _) = untc_marker(&consent[used..]);
        let mut dates = vec![(date, marker)];
        if let Some(s) = row.signed.take() {
            dates.insert(0, (s, None));
        }
        classify_untc(&mut row, dates);
        // A consent cell with no marker and no signature is a ratification all the same.
        if row.consent.is_none() {
            row.consent = row.signed.take();
            row.action = Some(Action::Ratification);
        }
    }
    (row.signed.is_some() || row.consent.is_some()).then_some(row)
}

// ------------------------------------------------------------------------------ both

/// Sets completeness and the as-of date.
fn finish(page: &mut Page, text: &str) {
    let counted = page
        .rows
        .iter()
        .filter(|r| r.consent.is_some() && !r.denounced)
        .count() as u32;
    if let Some(n) = page.parties_header {
        page.complete = n == counted;
        if !page.complete {
            page.remarks.push(format!(
                "the page counts {n} parties and lists {counted}: it is incomplete (trimmed, or a part of it was not saved), so a state it does not list is left as the dataset has it"
            ));
        }
    }
    match stated_as_of(text) {
        Some(d) => page.as_of = Some(d),
        None => {
            page.as_of = newest(
                page.rows
                    .iter()
                    .flat_map(|r| [r.signed.clone(), r.consent.clone()])
                    .flatten(),
            );
            page.as_of_inferred = true;
        }
    }
}

// ------------------------------------------------------------------------------ mapping

/// Lower case, accents and punctuation dropped, `the` dropped: names match whatever the
/// source's typography.
pub fn name_key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = name
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    folded
        .split_whitespace()
        .filter(|w| *w != "the")
        .collect::<Vec<_>>()
        .join(" ")
}

/// Name -> ISO code for every state of the dataset (its name, other-language names, aliases).
pub fn state_names(ds: &Dataset) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    for s in ds.states.values() {
        let names = std::iter::once(&s.name)
            .chain(s.aliases.iter())
            .chain(s.names.values());
        for n in names {
            m.insert(name_key(n), s.code.clone());
        }
        m.insert(name_key(&s.code), s.code.clone());
    }
    m
}

/// Participants of a treaty that are not states (the European Union's formal confirmation of
/// the CRPD): the dataset records states only, so their rows are passed over, neither mapped
/// nor unmatched.
const NOT_STATES: [&str; 2] = ["european union", "european community"];

/// Whether a participant's name is one of an organisation that is not a state.
pub fn is_not_a_state(name: &str) -> bool {
    NOT_STATES.contains(&name_key(name).as_str())
}

/// A fact the page supports, for one state and instrument.
#[derive(Debug, Clone)]
pub struct Proposal {
    pub state: String,
    pub fact: Ratification,
}

/// What a page says, mapped to the dataset: proposed facts, and the names that match no state
/// (or no instrument). On a complete page whose every name matches, a state it does not list
/// gets `not-party` (UNTC: no signature and no consent; NORMLEX: not ratified). A NORMLEX
/// country page goes to `country_proposals`.
pub fn proposals(
    ds: &Dataset,
    page: &Page,
    instrument: &str,
    source: &str,
) -> (Vec<Proposal>, Vec<String>) {
    if let Some(country) = &page.country {
        return country_proposals(ds, page, country, source);
    }
    let names = state_names(ds);
    let mut out = vec![];
    let mut unmapped = vec![];
    let mut listed = std::collections::BTreeSet::new();
    for row in page.rows.iter().filter(|r| !is_not_a_state(&r.name)) {
        let Some(state) = names.get(&name_key(&row.name)).cloned() else {
            unmapped.push(row.name.clone());
            continue;
        };
        listed.insert(state.clone());
        out.push(Proposal {
            fact: fact_of_row(row, instrument, page, source),
            state,
        });
    }
    // A name that matches no state may be a state the page lists: until it matches, the page
    // cannot say which states it leaves out.
    if page.complete && unmapped.is_empty() {
        for s in ds.states.values().filter(|s| !listed.contains(&s.code)) {
            let why = format!("{source} (not listed on the complete page)");
            out.push(Proposal {
                state: s.code.clone(),
                fact: not_party(instrument, page, why),
            });
        }
    }
    (out, unmapped)
}

/// A NORMLEX country page: a fact for each convention it lists that the dataset has (the
/// others are passed over), and `not-party` for a convention of a group the page lists whole
/// (its count of the country's ratifications agrees with the conventions listed under its
/// heading) that is not among them. A group's count includes the conventions the country
/// denounced (the page lists them too), so a cut list says nothing of the others, even at
/// `4 of 4`. The groups are the dataset's families: `Fundamental` the
/// fundamental conventions, `Governance` the governance ones, used only when the dataset's
/// count of the family's conventions is the page's. An unmatched country is the one unmatched
/// name.
fn country_proposals(
    ds: &Dataset,
    page: &Page,
    country: &str,
    source: &str,
) -> (Vec<Proposal>, Vec<String>) {
    let Some(state) = state_names(ds).get(&name_key(country)).cloned() else {
        return (vec![], vec![country.to_string()]);
    };
    let mut out: Vec<Proposal> = page
        .rows
        .iter()
        .filter_map(|row| {
            let inst = instrument_of_row(ds, &row.name)?;
            Some(Proposal {
                fact: fact_of_row(row, &inst, page, source),
                state: state.clone(),
            })
        })
        .collect();
    for g in page.groups.iter().filter(|g| g.whole()) {
        let Some(members) = group_members(ds, g) else {
            continue;
        };
        let group = format!("{} of {} {}", g.ratified, g.of, g.name.to_lowercase());
        for id in members.into_iter().filter(|id| !g.listed.contains(id)) {
            let why = format!(
                "{source} (not among the {group} conventions the page lists for the country)"
            );
            out.push(Proposal {
                state: state.clone(),
                fact: not_party(&id, page, why),
            });
        }
    }
    (out, vec![])
}

/// The dataset's conventions of a group of a country page (`Fundamental`: the fundamental
/// conventions, `Governance`: the governance ones), when the dataset has as many as the page
/// counts; None for another group or another count.
fn group_members(ds: &Dataset, g: &Group) -> Option<Vec<String>> {
    let family = match g.name.as_str() {
        "Fundamental" => super::Family::IloFundamental,
        "Governance" => super::Family::IloGovernance,
        _ => return None,
    };
    let members: Vec<String> = ds
        .instruments
        .values()
        .filter(|i| i.family == family && i.id.starts_with('C'))
        .map(|i| i.id.clone())
        .collect();
    (members.len() as u32 == g.of).then_some(members)
}

/// `not-party` for an instrument the page shows the state has not joined, as of its date.
fn not_party(instrument: &str, page: &Page, source: String) -> Ratification {
    Ratification {
        instrument: instrument.to_string(),
        status: Status::NotParty,
        action: None,
        signed: None,
        date: None,
        denounced: None,
        denunciation_effective: None,
        reaccession: false,
        as_of: page.as_of.clone(),
        source,
        note: None,
        inferred: false,
    }
}

/// `C029 - Forced Labour Convention, 1930 (No. 29)` -> `C029`, when the dataset has it.
fn instrument_of_row(ds: &Dataset, name: &str) -> Option<String> {
    let code = name.split_whitespace().next()?;
    ds.instrument(code).map(|i| i.id.clone())
}

fn fact_of_row(row: &Row, instrument: &str, page: &Page, source: &str) -> Ratification {
    let status = if row.denounced {
        Status::Denounced
    } else if row.consent.is_some() {
        Status::Party
    } else {
        Status::Signatory
    };
    let mut notes = vec![];
    if !row.footnotes.is_empty() {
        let n: Vec<String> = row.footnotes.iter().map(u32::to_string).collect();
        notes.push(format!(
            "the page has footnote {} on this entry",
            n.join(", ")
        ));
    }
    if row.not_yet_in_force {
        notes.push("registered; not yet in force on the page's date (ILO conventions enter into force for a state twelve months after registration)".to_string());
    }
    if row.denounced && page.origin == Origin::Untc {
        notes.push(
            "bracketed on the page: the state denounced the treaty (see the page's footnote)"
                .to_string(),
        );
    }
    let mut fact = Ratification {
        instrument: instrument.to_string(),
        status,
        action: row.action,
        signed: row.signed.clone(),
        date: row.consent.clone(),
        denounced: row.denounced_on.clone(),
        denunciation_effective: row.denunciation_effective.clone(),
        reaccession: false,
        as_of: page.as_of.clone(),
        source: source.to_string(),
        note: None,
        inferred: false,
    };
    if let Some(noted) = noted_denunciation(row, page, &mut fact) {
        notes.push(noted);
    }
    fact.note = (!notes.is_empty()).then(|| notes.join("; "));
    fact
}

/// Takes a denunciation's dates from the end notes on a row: for a bracketed (denounced)
/// entry, and for a party's entry whose note says it re-acceded after denouncing (the dates
/// are then the earlier denunciation's). Returns the note that says where the dates come from.
fn noted_denunciation(row: &Row, page: &Page, fact: &mut Ratification) -> Option<String> {
    let (number, noted) = row.footnotes.iter().find_map(|n| {
        let d = denunciation_in(&row.name, page.notes.get(n)?)?;
        (row.denounced || d.reaccession).then_some((*n, d))
    })?;
    fact.denounced = noted.notified;
    fact.denunciation_effective = noted.effective.or(fact.denunciation_effective.take());
    fact.reaccession = !row.denounced;
    Some(if fact.reaccession {
        format!(
            "end note {number} on the page: the state denounced the treaty and re-acceded to it (the dates of the denunciation are the earlier one's)"
        )
    } else if noted.earlier {
        format!(
            "the denunciation as end note {number} on the page records it: the last of its denunciations (it had denounced the treaty before and re-acceded)"
        )
    } else {
        format!("the denunciation as end note {number} on the page records it")
    })
}

/// One line of the review: what the dataset has and what the page says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The dataset has no fact (unknown): the page gives one.
    New,
    /// Status, action or a date differs.
    Changed(String),
    /// Same status and dates; only `as_of` and `source` move forward.
    Confirmed,
}

/// Whether the dataset's fact is known at a later date than the page's (its as-of date or a
/// date it records) and has another status: an older page (a stored copy) does not undo what
/// a state did since. A signature does not lapse, though: a later "no action" against an
/// older page's signature is the later source's omission, and the page's signature stands.
pub fn superseded(old: &Ratification, new: &Ratification) -> bool {
    old.status != new.status
        && !signature_missed(old, new)
        && matches!((known_at(old), &new.as_of), (Some(later), Some(page)) if later > page.as_str())
}

/// The latest date a fact is known at: its as-of date, or a date it records that is later
/// (a ratification of 2024 in a fact without an as-of date is known in 2024 at least).
fn known_at(r: &Ratification) -> Option<&str> {
    [&r.as_of, &r.date, &r.signed, &r.denounced]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .max()
}

/// The dataset says no action where the page shows a signature.
pub fn signature_missed(old: &Ratification, new: &Ratification) -> bool {
    old.status == Status::NotParty && new.status == Status::Signatory
}

/// Compares a proposal with the dataset's recorded facts: a fact inferred from a complete list
/// of parties is not one (the page's fact is new).
pub fn diff(ds: &Dataset, p: &Proposal) -> Change {
    let Some(old) = ds
        .ratification(&p.state, &p.fact.instrument)
        .filter(|r| !r.inferred)
    else {
        return Change::New;
    };
    if old.status == Status::Unknown {
        return Change::New;
    }
    let new = &p.fact;
    let mut what = vec![];
    if superseded(old, new) {
        // The page is older than the fact and says otherwise: the state acted since.
        if let (None, Some(s)) = (&old.signed, &new.signed) {
            return Change::Changed(format!(
                "signed - -> {s} (status kept: the dataset's {} as of {} is newer than the page)",
                old.status.label(),
                old.as_of.as_deref().unwrap_or("")
            ));
        }
        return Change::Confirmed;
    }
    if old.status != new.status {
        what.push(format!(
            "status {} -> {}",
            old.status.label(),
            new.status.label()
        ));
    }
    if new.action.is_some() && old.action != new.action {
        let a = |x: Option<Action>| x.map_or("-", |a| a.label());
        what.push(format!("action {} -> {}", a(old.action), a(new.action)));
    }
    for (label, o, n) in [
        ("signed", &old.signed, &new.signed),
        ("date", &old.date, &new.date),
        ("denounced", &old.denounced, &new.denounced),
        (
            "denunciation effective",
            &old.denunciation_effective,
            &new.denunciation_effective,
        ),
    ] {
        if n.is_some() && o != n {
            let show = |x: &Option<String>| x.clone().unwrap_or_else(|| "-".into());
            what.push(format!("{label} {} -> {}", show(o), show(n)));
        }
    }
    if new.reaccession && !old.reaccession {
        what.push("re-accession recorded".to_string());
    }
    if what.is_empty() {
        Change::Confirmed
    } else {
        Change::Changed(what.join(", "))
    }
}
