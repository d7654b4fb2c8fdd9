//! `rapporteur uptake`: the uptake summary; matching concluding observations; recording the pairs
//! the author confirms.

use super::common::{checked, deliver, read_text};
use crate::Checked;
use crate::cli::UptakeArgs;
use crate::cli::UptakeFormat;
use crate::diagnostic::with_suggestion;
use crate::model::raw::{Audience, Format};
use crate::received::implementation;
use crate::uptake as summary;
use crate::uptake::matcher::{self, Pair, Paragraph};
use crate::uptake::yaml_edit::{Entry, add_uptake};
use crate::write::Artifact;
use anyhow::{Context as _, Result};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{BufRead as _, IsTerminal, Write as _};

pub fn run(o: UptakeArgs) -> Result<i32> {
    let checked = match checked(&o.project)? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    if o.received {
        let s = implementation::summarise(&checked.report);
        let (format, text) = match o.format {
            UptakeFormat::Text => (Format::Text, implementation::text(&s)),
            UptakeFormat::Html => (Format::Html, implementation::html(&s, &checked.report)),
            UptakeFormat::Csv => {
                let (head, rows) = implementation::csv_rows(&s);
                (Format::Csv, crate::write::sheet::csv_table(&head, &rows))
            }
            UptakeFormat::Json => (Format::Json, serde_json::to_string_pretty(&s)? + "\n"),
        };
        return deliver(
            &checked,
            vec![Artifact::shipped(
                "implementation",
                format,
                text.into_bytes(),
            )],
            o.out.as_ref(),
            Audience::Public,
            "implementation summary",
        );
    }
    match &o.match_file {
        None => {
            let s = summary::summarise(&checked.report, &checked.dataset);
            let (format, text) = match o.format {
                UptakeFormat::Text if !checked.report.received.is_empty() => (
                    Format::Text,
                    summary::text(&s)
                        + "\n"
                        + &implementation::text(&implementation::summarise(&checked.report)),
                ),
                UptakeFormat::Text => (Format::Text, summary::text(&s)),
                UptakeFormat::Html => (Format::Html, summary::html(&s, &checked.report)),
                UptakeFormat::Csv => (Format::Csv, summary::csv(&s)),
                UptakeFormat::Json => (Format::Json, serde_json::to_string_pretty(&s)? + "\n"),
            };
            deliver(
                &checked,
                vec![Artifact::shipped("uptake", format, text.into_bytes())],
                o.out.as_ref(),
                Audience::Public,
                "uptake summary",
            )
        }
        Some(file) => matching(&checked, &o, file),
    }
}

/// The body, its main instrument and the state a symbol names.
struct Symbol {
    text: String,
    instrument: Option<String>,
    state: Option<String>,
}

fn parse_symbol(checked: &Checked, s: &str) -> std::result::Result<Symbol, String> {
    let ds = &checked.dataset;
    let Some(body) = ds.body_of_symbol(s) else {
        let prefixes: Vec<String> = ds
            .bodies
            .values()
            .filter_map(|b| b.symbol_prefix.clone())
            .collect();
        return Err(format!(
            "`{s}` is not a UN document symbol of a known body (symbols start with one of: {})",
            prefixes.join(", ")
        ));
    };
    let state = s
        .split('/')
        .find(|seg| seg.len() == 3 && ds.state(seg).is_some())
        .map(str::to_string);
    Ok(Symbol {
        text: s.trim().to_string(),
        instrument: body.instruments.first().cloned(),
        state,
    })
}

/// A pair the author accepted: recommendation id, paragraph number, status.
type Accepted = (String, String, String);

/// A file of concluding observations scored against the project's recommendations.
struct Matched {
    paragraphs: Vec<Paragraph>,
    symbol: Option<Symbol>,
    /// The state the candidates are addressed to (the document's, unless --all).
    state: Option<String>,
    /// How many recommendations were scored.
    candidates: usize,
    pairs: Vec<Pair>,
    /// The pairs over the threshold, the best few per recommendation.
    proposals: Vec<Pair>,
}

/// `uptake --match FILE`: the proposed pairs, or with --write those accepted recorded.
fn matching(checked: &Checked, o: &UptakeArgs, file: &std::path::Path) -> Result<i32> {
    let Some(paragraphs) = read_paragraphs(file) else {
        return Ok(2);
    };
    let symbol = match o.symbol.as_deref().map(|s| parse_symbol(checked, s)) {
        Some(Ok(s)) => Some(s),
        Some(Err(msg)) => {
            eprintln!("error: {msg}");
            return Ok(2);
        }
        None => None,
    };
    if o.write && symbol.is_none() {
        eprintln!(
            "error: --write needs --symbol: the uptake entries record which document took the recommendations up"
        );
        return Ok(2);
    }
    let m = score(checked, o, paragraphs, symbol);
    if !o.write {
        return show_proposals(checked, o, &m);
    }
    let symbol = &m.symbol.as_ref().expect("checked above").text;
    match accepted(checked, o, &m)? {
        Ok(accepted) => record(checked, &o.project, symbol, &accepted),
        Err(status) => Ok(status),
    }
}

/// The numbered paragraphs of a concluding-observations file; `None` (the error printed) when
/// it cannot be read or has none.
fn read_paragraphs(file: &std::path::Path) -> Option<Vec<Paragraph>> {
    let text = read_text(file, "").ok()?;
    let paragraphs = matcher::parse_paragraphs(&text);
    if paragraphs.is_empty() {
        eprintln!(
            "error: no numbered paragraph in `{}`: paragraphs start with their number and a dot, as in the UN document (`23. The Committee recommends ...`)",
            file.display()
        );
        return None;
    }
    Some(paragraphs)
}

/// Scores the recommendations addressed to the document's state (all with --all, or without a
/// state in the symbol) against the paragraphs, and proposes the best pairs.
fn score(
    checked: &Checked,
    o: &UptakeArgs,
    paragraphs: Vec<Paragraph>,
    symbol: Option<Symbol>,
) -> Matched {
    let report = &checked.report;
    let state = symbol
        .as_ref()
        .and_then(|s| s.state.clone())
        .filter(|_| !o.all);
    let candidates: Vec<usize> = (0..report.recommendations.len())
        .filter(|&i| {
            state.as_ref().is_none_or(|s| {
                crate::view::select::states_addressed(&report.recommendations[i], report)
                    .contains(s)
            })
        })
        .collect();
    let pairs = matcher::score(
        report,
        &checked.dataset,
        &candidates,
        &paragraphs,
        symbol.as_ref().and_then(|s| s.instrument.as_deref()),
    );
    let proposals = matcher::propose(&pairs, o.threshold, o.top.max(1));
    Matched {
        paragraphs,
        symbol,
        state,
        candidates: candidates.len(),
        pairs,
        proposals,
    }
}

/// The proposals in the format asked, to stdout or --out.
fn show_proposals(checked: &Checked, o: &UptakeArgs, m: &Matched) -> Result<i32> {
    let (format, out) = match o.format {
        UptakeFormat::Json => (
            Format::Json,
            proposals_json(checked, &m.paragraphs, &m.proposals),
        ),
        UptakeFormat::Csv => (
            Format::Csv,
            proposals_csv(checked, &m.paragraphs, &m.proposals),
        ),
        _ => (Format::Text, proposals_text(checked, m, o)),
    };
    deliver(
        checked,
        vec![Artifact::shipped("proposals", format, out.into_bytes())],
        o.out.as_ref(),
        Audience::Public,
        "proposed pairs",
    )
}

/// The pairs to record: from --accept, or confirmed one by one at the prompt. `Err` is the
/// exit status when there is nothing to record (the reason printed).
fn accepted(checked: &Checked, o: &UptakeArgs, m: &Matched) -> Result<Result<Vec<Accepted>, i32>> {
    if !o.accept.is_empty() {
        let mut accepted = vec![];
        for a in &o.accept {
            match parse_accept(a, checked, &m.paragraphs) {
                Ok(x) => accepted.push(x),
                Err(msg) => {
                    eprintln!("error: {msg}");
                    return Ok(Err(2));
                }
            }
        }
        return Ok(Ok(accepted));
    }
    if !std::io::stdin().is_terminal() {
        eprintln!(
            "error: say which pairs to record with --accept REC-ID:PARAGRAPH[:STATUS] (run without --write to see the proposals)"
        );
        return Ok(Err(2));
    }
    Ok(match prompt(checked, &m.paragraphs, &m.proposals)? {
        Some(a) => Ok(a),
        None => {
            eprintln!("nothing recorded");
            Err(0)
        }
    })
}

fn parse_accept(
    a: &str,
    checked: &Checked,
    paragraphs: &[Paragraph],
) -> std::result::Result<Accepted, String> {
    let parts: Vec<&str> = a.split(':').collect();
    if parts.len() < 2 || parts.len() > 3 {
        return Err(format!(
            "`{a}` is not a pair: write REC-ID:PARAGRAPH or REC-ID:PARAGRAPH:STATUS"
        ));
    }
    let id = parts[0].trim();
    if checked
        .report
        .index
        .get(id)
        .is_none_or(|t| !matches!(t, crate::model::resolved::Target::Recommendation(_)))
    {
        return Err(with_suggestion(
            format!("unknown recommendation `{id}`"),
            id,
            checked.report.recommendations.iter().map(|r| r.id.as_str()),
        ));
    }
    let para = parts[1].trim();
    if !paragraphs.iter().any(|p| p.number == para) {
        return Err(format!(
            "the concluding observations have no paragraph {para} (they have {})",
            paragraphs
                .iter()
                .map(|p| p.number.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let status = parts.get(2).map_or("reflected", |s| s.trim());
    if !["reflected", "partial", "not-reflected"].contains(&status) {
        return Err(with_suggestion(
            format!("unknown status `{status}` (reflected, partial or not-reflected)"),
            status,
            ["reflected", "partial", "not-reflected"],
        ));
    }
    Ok((id.to_string(), para.to_string(), status.to_string()))
}

/// Asks about each proposal on the terminal: y (reflected), p (partial), n (skip), q (stop).
fn prompt(
    checked: &Checked,
    paragraphs: &[Paragraph],
    proposals: &[Pair],
) -> Result<Option<Vec<Accepted>>> {
    let mut out = vec![];
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    for p in proposals {
        let rec = &checked.report.recommendations[p.rec];
        let para = &paragraphs[p.para];
        eprintln!(
            "\n{:.3}  {} <-> paragraph {}\n  recommendation: {}\n  paragraph:      {}",
            p.score,
            rec.id,
            para.number,
            shorten(&rec.text.markdown, 200),
            shorten(&para.text, 200)
        );
        eprint!("record? [y]es reflected / [p]artly / [n]o / [q]uit: ");
        std::io::stderr().flush()?;
        let Some(answer) = lines.next() else { break };
        match answer?.trim() {
            "y" | "Y" | "yes" => {
                out.push((rec.id.clone(), para.number.clone(), "reflected".into()))
            }
            "p" | "P" => out.push((rec.id.clone(), para.number.clone(), "partial".into())),
            "q" | "Q" => break,
            _ => {}
        }
    }
    Ok((!out.is_empty()).then_some(out))
}

/// Writes the entries into the recommendations' files, after checking that the edited project
/// still checks clean; nothing is written otherwise.
fn record(
    checked: &Checked,
    project: &std::path::Path,
    symbol: &str,
    accepted: &[Accepted],
) -> Result<i32> {
    let mut files = checked.files.clone();
    let Some(changed) = add_entries(checked, symbol, accepted, &mut files)? else {
        return Ok(1);
    };
    if changed.is_empty() {
        println!("nothing to record");
        return Ok(0);
    }
    // The edited files must still load and check without errors.
    let mut diags = crate::diagnostic::Diagnostics::default();
    let ds = crate::load_dataset(&files, &mut diags);
    let _ = crate::resolve::resolve(&files, &ds, &mut diags);
    if diags.has_errors() {
        for d in diags.sorted() {
            eprintln!("{}", d.short());
        }
        eprintln!(
            "error: the edited files would not check (a bug in rapporteur's YAML editing); nothing was written"
        );
        return Ok(1);
    }
    for (fi, n) in changed {
        let f = &files.recommendations[fi];
        let path = project.join(&f.path);
        let dir = path.parent().unwrap_or(project);
        let mut tmp = tempfile::NamedTempFile::new_in(dir)
            .with_context(|| format!("cannot write in `{}`", dir.display()))?;
        tmp.write_all(f.text.as_bytes())?;
        tmp.persist(&path)
            .with_context(|| format!("cannot replace `{}`", path.display()))?;
        println!(
            "recorded {n} uptake entr{} in {}",
            if n == 1 { "y" } else { "ies" },
            f.path
        );
    }
    Ok(0)
}

/// Adds each accepted pair not yet recorded to its recommendation's file, in memory: how many
/// entries each file (by index) gained, or `None` (the error printed) when an edit fails.
fn add_entries(
    checked: &Checked,
    symbol: &str,
    accepted: &[Accepted],
    files: &mut crate::load::ProjectFiles,
) -> Result<Option<BTreeMap<usize, usize>>> {
    let report = &checked.report;
    let mut changed: BTreeMap<usize, usize> = BTreeMap::new();
    for (id, para, status) in accepted {
        let Some(crate::model::resolved::Target::Recommendation(i)) = report.index.get(id) else {
            continue;
        };
        let rec = &report.recommendations[*i];
        warn_if_other_state(checked, rec, symbol);
        if rec
            .uptake
            .iter()
            .any(|u| u.symbol == symbol && u.paragraph.as_deref() == Some(para))
        {
            println!("{id}: {symbol} para. {para} is already recorded; left as it is");
            continue;
        }
        let Some(fi) = files
            .recommendations
            .iter()
            .position(|f| f.path == rec.file)
        else {
            anyhow::bail!(
                "the file of recommendation `{id}` ({}) was not loaded",
                rec.file
            );
        };
        let entry = Entry {
            symbol: symbol.to_string(),
            paragraph: Some(para.clone()),
            status: status.clone(),
        };
        match add_uptake(&files.recommendations[fi].text, id, &entry) {
            Ok(t) => {
                files.recommendations[fi].text = t;
                *changed.entry(fi).or_default() += 1;
            }
            Err(msg) => {
                eprintln!("error: {}: {msg}", rec.file);
                return Ok(None);
            }
        }
    }
    Ok(Some(changed))
}

/// The document's state (CMW/C/KGZ/CO/1: KGZ) should be one the recommendation addresses: a
/// warning otherwise (the pair is recorded as asked).
fn warn_if_other_state(
    checked: &Checked,
    rec: &crate::model::resolved::Recommendation,
    symbol: &str,
) {
    let doc_state = symbol.split('/').find(|seg| {
        seg.len() == 3
            && seg.chars().all(|c| c.is_ascii_uppercase())
            && checked.dataset.state(seg).is_some()
    });
    let Some(ds) = doc_state else { return };
    let states: Vec<String> = rec
        .to
        .iter()
        .filter_map(|a| checked.report.addressee(a)?.state.clone())
        .collect();
    if !states.is_empty() && !states.iter().any(|s| s == ds) {
        eprintln!(
            "warning: {} is addressed to {}, but {symbol} concerns {ds}; recorded as asked",
            rec.id,
            states.join(", ")
        );
    }
}

/// When no pair reaches the threshold: the best scores, and the threshold that would show them.
fn nothing_found(
    checked: &Checked,
    paragraphs: &[Paragraph],
    pairs: &[Pair],
    threshold: f64,
) -> String {
    let mut best: Vec<&Pair> = pairs.iter().filter(|p| p.score > 0.0).collect();
    best.sort_by(|a, b| b.score.total_cmp(&a.score));
    best.truncate(3);
    let Some(lowest) = best.last() else {
        return "no recommendation shares a content word with any paragraph: check that the file holds the body's recommendations, in English\n".into();
    };
    let shown: Vec<String> = best
        .iter()
        .map(|p| {
            format!(
                "{:.3} ({} and paragraph {})",
                p.score, checked.report.recommendations[p.rec].id, paragraphs[p.para].number
            )
        })
        .collect();
    let lower = (lowest.score * 100.0).floor() / 100.0;
    format!(
        "no pair scores {threshold} or more; the best score{} {}: `--threshold {lower:.2}` would show {}\n",
        if best.len() == 1 { " is" } else { "s are" },
        shown.join(", "),
        if best.len() == 1 { "it" } else { "them" }
    )
}

fn shorten(s: &str, n: usize) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= n {
        one
    } else {
        one.chars().take(n).collect::<String>() + "…"
    }
}

/// The proposals as text: what was scored, then the pairs best first (or why there are none).
fn proposals_text(checked: &Checked, m: &Matched, o: &UptakeArgs) -> String {
    let (paragraphs, proposals) = (&m.paragraphs, &m.proposals);
    let symbol = m.symbol.as_ref().map(|s| s.text.as_str());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} paragraphs{} against {} recommendations{}; TF-IDF cosine, threshold {}, top {} per recommendation",
        paragraphs.len(),
        symbol.map_or(String::new(), |s| format!(" of {s}")),
        m.candidates,
        m.state.as_deref().map_or(String::new(), |s| format!(
            " addressed to {s} (--all for every one)"
        )),
        o.threshold,
        o.top.max(1)
    );
    if proposals.is_empty() {
        out.push_str(&nothing_found(checked, paragraphs, &m.pairs, o.threshold));
        return out;
    }
    let _ = writeln!(out, "{:<6} {:>5}  recommendation", "score", "para");
    for p in proposals {
        let rec = &checked.report.recommendations[p.rec];
        let _ = writeln!(
            out,
            "{:.3}  {:>5}  {:<36} {}",
            p.score,
            paragraphs[p.para].number,
            rec.id,
            shorten(&rec.text.markdown, 70)
        );
    }
    let _ = writeln!(
        out,
        "confirm with: rapporteur uptake PROJECT --match FILE --symbol SYMBOL --write --accept REC-ID:PARA[:partial|not-reflected] ..."
    );
    out
}

fn proposals_json(checked: &Checked, paragraphs: &[Paragraph], proposals: &[Pair]) -> String {
    let v: Vec<serde_json::Value> = proposals
        .iter()
        .map(|p| {
            serde_json::json!({
                "recommendation": checked.report.recommendations[p.rec].id,
                "paragraph": paragraphs[p.para].number,
                "score": (p.score * 1000.0).round() / 1000.0,
            })
        })
        .collect();
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

fn proposals_csv(checked: &Checked, paragraphs: &[Paragraph], proposals: &[Pair]) -> String {
    let rows: Vec<Vec<String>> = proposals
        .iter()
        .map(|p| {
            vec![
                checked.report.recommendations[p.rec].id.clone(),
                paragraphs[p.para].number.clone(),
                format!("{:.3}", p.score),
            ]
        })
        .collect();
    crate::write::sheet::csv_table(&["recommendation", "paragraph", "score"], &rows)
}
