//! OHCHR's thematic lists of UPR recommendations (the "UPR matrix" published per state and
//! cycle), as text copied from the Word or PDF file. The table's cells come out one after the
//! other; what is read (the third cycle's and the fourth's layouts):
//!
//! - a title `UPR of Kazakhstan (3rd Cycle – 34th session)`: the state, the cycle and the session;
//! - a recommendation: a line starting with its number (`121.1 Ratify ... (France) (Lithuania);`),
//!   continued on the following lines; the recommending states are the parenthesised state names
//!   in it (a joint entry, `... (Ukraine); Increase efforts ... (Slovakia);`, has several);
//! - `Source of Position: A/HRC/43/15/Add.1 - Para.3`: where the state gave its response;
//! - `Supported` or `Noted` alone on a line: the response;
//! - the themes, as `- ` items after the response (or, in older lists, lines with a code such as
//!   `A12 Acceptance of international norms`): the source's issues;
//! - `Affected persons:` or `Groups of Persons:` followed by `- ` items: the groups;
//! - `SDGs:` followed by `- 16 - PEACE, JUSTICE AND STRONG INSTITUTIONS` items (anywhere an item
//!   has that form), or `SDG 8.7` lines: SDG goals and targets.
//!
//! Column headings (`Recommendation`, `Position`, `Full list of themes`, ...), `Theme:` cluster
//! headings and blank lines are structure; any other line is reported as not recognised.

use super::{Import, Record, leading_number};
use crate::conventions::Dataset;
use crate::resolve::received::{is_sdg, state_code};

/// `140.7 Rest of the line`: the number and the rest.
fn numbered(line: &str) -> Option<(String, &str)> {
    let digits: String = line.chars().take_while(char::is_ascii_digit).collect();
    let rest = line[digits.len()..].strip_prefix('.')?;
    let sub: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || sub.is_empty() || digits.len() > 4 || sub.len() > 4 {
        return None;
    }
    let rest = &rest[sub.len()..];
    rest.starts_with([' ', '\t'])
        .then(|| (format!("{digits}.{sub}"), rest.trim()))
}

/// The recommending states of a recommendation: the parenthesised state names in it, the
/// trailing ones cut from the text (`Ratify X (Ghana) (Venezuela (Bolivarian Republic of));`
/// gives `Ratify X` and both states; a joint entry `A (Ukraine); B (Slovakia);` keeps its text
/// whole and gives both). Parentheses that do not name a state stay in the text.
pub fn split_states(text: &str, ds: &Dataset) -> (String, Vec<String>) {
    // Top-level parenthesised groups: (start, end) byte ranges including the brackets.
    let mut groups = vec![];
    let (mut depth, mut open) = (0usize, 0usize);
    for (i, c) in text.char_indices() {
        match c {
            '(' => {
                if depth == 0 {
                    open = i;
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    groups.push((open, i + 1));
                }
            }
            _ => {}
        }
    }
    let states_in = |inner: &str| -> Option<Vec<String>> {
        if let Some(c) = state_code(ds, inner) {
            return Some(vec![c]);
        }
        let codes: Option<Vec<String>> = inner
            .split([',', ';'])
            .map(|n| state_code(ds, n.trim()))
            .collect();
        codes.filter(|c| !c.is_empty())
    };
    let mut by = vec![];
    let mut cut = text.len();
    let mut trailing = true;
    for &(a, b) in groups.iter().rev() {
        let Some(codes) = states_in(&text[a + 1..b - 1]) else {
            trailing = false;
            continue;
        };
        if trailing
            && text[b..cut]
                .trim_matches(|c: char| c.is_whitespace() || c == ';' || c == '.' || c == ',')
                .is_empty()
        {
            cut = a;
        } else {
            trailing = false;
        }
        for c in codes.into_iter().rev() {
            if !by.contains(&c) {
                by.insert(0, c);
            }
        }
    }
    let t = text[..cut]
        .trim_end()
        .trim_end_matches([';', ',', '.'])
        .trim_end()
        .to_string();
    (t, by)
}

fn is_theme_line(line: &str) -> bool {
    let mut cs = line.chars();
    let (Some(a), Some(b)) = (cs.next(), cs.next()) else {
        return false;
    };
    let code: String = line.chars().take_while(|c| !c.is_whitespace()).collect();
    a.is_ascii_uppercase()
        && b.is_ascii_digit()
        && code.len() <= 4
        && code[1..].bytes().all(|x| x.is_ascii_digit())
        && line.len() > code.len() + 1
}

const HEADINGS: [&str; 9] = [
    "recommendation",
    "position",
    "full list of themes",
    "assessment/comments on level of implementation",
    "thematic list of recommendations",
    "recommendation and recommending state",
    "position of the state under review",
    "human rights themes and groups of persons",
    "relevant sdgs",
];

/// Which list the `- ` items under a recommendation belong to.
#[derive(Clone, Copy, PartialEq)]
enum Section {
    Text,
    Themes,
    Groups,
    Sdgs,
}

/// `16 - PEACE, JUSTICE AND STRONG INSTITUTIONS`: the goal.
fn sdg_item(item: &str) -> Option<String> {
    let (n, rest) = item.split_once(" - ")?;
    let n = n.trim();
    (is_sdg(n) && rest.chars().any(|c| c.is_alphabetic()) && !rest.chars().any(char::is_lowercase))
        .then(|| n.to_string())
}

/// Reads the title line: state, cycle, session.
fn title(line: &str, import: &mut Import, ds: &Dataset) -> bool {
    let Some(rest) = line.strip_prefix("UPR of ") else {
        return false;
    };
    let name = rest.split(" (").next().unwrap_or(rest).trim();
    import.header.state = state_code(ds, name);
    let lower = rest.to_lowercase();
    let before = |word: &str| {
        lower
            .find(word)
            .and_then(|i| {
                lower[..i]
                    .split([' ', '(', '–', '-'])
                    .rfind(|s| !s.is_empty())
            })
            .and_then(leading_number)
    };
    import.header.cycle = before("cycle");
    import.header.session = before("session");
    true
}

/// Reads the text of a thematic list.
pub fn read(text: &str, ds: &Dataset) -> Import {
    let mut import = Import::default();
    let mut cur: Option<Record> = None;
    let mut section = Section::Text;
    let finish = |cur: &mut Option<Record>, import: &mut Import| {
        if let Some(mut r) = cur.take() {
            let (t, by) = split_states(&r.text, ds);
            r.text = t;
            r.by = by;
            import.records.push(r);
        }
    };
    for (k, raw) in text.lines().enumerate() {
        let line = raw
            .trim()
            .trim_start_matches('\u{feff}')
            .replace("&amp;", "&");
        let line = line.as_str();
        if line.is_empty() {
            continue;
        }
        if let Some((n, rest)) = numbered(line) {
            finish(&mut cur, &mut import);
            cur = Some(Record {
                paragraph: Some(n),
                text: rest.to_string(),
                ..Record::default()
            });
            section = Section::Text;
            continue;
        }
        let lower = line.to_lowercase();
        let label = lower.trim_end_matches(':').trim();
        if title(line, &mut import, ds) || HEADINGS.contains(&label) || lower.starts_with("theme:")
        {
            continue;
        }
        let Some(r) = cur.as_mut() else {
            import.skip(k + 1, line, "outside any recommendation");
            continue;
        };
        if matches!(label, "affected persons" | "groups of persons") {
            section = Section::Groups;
        } else if matches!(label, "sdgs" | "sdg") {
            section = Section::Sdgs;
        } else if lower.starts_with("source of position:") {
            let src = &line["source of position:".len()..];
            let sym = src.split_whitespace().next().unwrap_or("");
            match crate::parse::symbol::parse(sym) {
                Ok(s) => r.response_in = Some(s.text),
                Err(e) => import.skip(k + 1, line, e),
            }
        } else if let Ok(Some(resp)) = super::response_of(line) {
            r.response = Some(resp);
            section = Section::Themes;
        } else if let Some(item) = line.strip_prefix(['-', '•']).map(str::trim) {
            match (sdg_item(item), section) {
                (Some(goal), _) => r.sdg.push(goal),
                (None, Section::Groups) => r.groups.push(item.to_string()),
                (None, Section::Themes) => r.issues.push(item.to_string()),
                (None, _) => import.skip(k + 1, line, "a list item rapporteur cannot place"),
            }
        } else if lower.starts_with("sdg") {
            let found: Vec<String> = line
                .split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == ':')
                .filter(|t| t.contains('.') && is_sdg(t))
                .map(str::to_string)
                .collect();
            if found.is_empty() {
                import.skip(k + 1, line, "no SDG target read (`SDG 8.7`)");
            }
            r.sdg.extend(found);
        } else if is_theme_line(line) {
            r.issues.push(line.to_string());
        } else if section == Section::Text {
            r.text.push(' ');
            r.text.push_str(line);
        } else {
            import.skip(
                k + 1,
                line,
                "not a part of a recommendation rapporteur reads",
            );
        }
    }
    finish(&mut cur, &mut import);
    let sources: std::collections::BTreeSet<String> = import
        .records
        .iter()
        .filter_map(|r| r.response_in.clone())
        .collect();
    if sources.len() == 1 && import.records.iter().all(|r| r.response_in.is_some()) {
        // One source for every response: it is the document's.
        for r in &mut import.records {
            r.response_in = None;
        }
        import.header.responses = sources.into_iter().next();
    }
    import
}
