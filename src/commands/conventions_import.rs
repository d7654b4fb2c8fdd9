//! `rapporteur conventions import`: saved status pages -> a review of what they change in the
//! dataset; with --write, the changes recorded in a conventions folder's state files.

use crate::cli::ImportArgs;
use crate::conventions::import::{self, Change, Origin, Page, Proposal};
use crate::conventions::{Dataset, State, Status, is_fact_date, state_yaml};
use crate::diagnostic::Diagnostics;
use crate::load::SourceFile;
use anyhow::{Context, Result, bail};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

pub fn run(o: ImportArgs) -> Result<i32> {
    for (flag, date) in [("--as-of", &o.as_of), ("--not-before", &o.not_before)] {
        if let Some(d) = date
            && !(is_fact_date(d) && d.len() == 10)
        {
            bail!("{flag} `{d}` is not a date: write YYYY-MM-DD");
        }
    }
    let ds = dataset(o.write.as_deref())?;
    let mut all: Vec<(Proposal, Change)> = vec![];
    let mut out = String::new();
    let mut unmatched_total = 0;
    for path in &o.pages {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let mut page =
            import::read_page(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        if let Some(d) = &o.as_of {
            page.as_of = Some(d.clone());
            page.as_of_inferred = false;
        }
        if let Some(d) = &o.not_before {
            page.as_of = Some(d.clone());
            page.as_of_inferred = true;
        }
        if o.complete && !page.complete {
            page.complete = true;
            page.remarks.push(
                "read as complete (--complete): a state the page does not list is not party".into(),
            );
        }
        let instrument = instrument_of(&ds, &page, o.instrument.as_deref(), path)?;
        // A table saved alone does not name its treaty: it is the instrument given.
        if page.reference.is_none() && page.country.is_none() {
            page.reference = match page.origin {
                Origin::Untc => ds
                    .instrument(&instrument)
                    .and_then(|i| i.treaty_collection.clone()),
                Origin::Normlex => Some(instrument.clone()),
                Origin::Verdragenbank => None,
            };
        }
        let bound = o.not_before.is_some();
        let source = source_text(&page, &instrument, path, o.from.as_deref(), bound);
        let (proposals, unmatched) = import::proposals(&ds, &page, &instrument, &source);
        describe_page(&mut out, path, &page, &instrument);
        passed_over(&mut out, &ds, &page);
        for p in proposals {
            let change = import::diff(&ds, &p);
            let _ = writeln!(out, "{}", review_line(&ds, &p, &change));
            all.push((p, change));
        }
        for n in &unmatched {
            let _ = writeln!(
                out,
                "  ? `{n}` matches no state of the dataset (add it to the state's `aliases`)"
            );
        }
        if page.complete && !unmatched.is_empty() {
            let _ = writeln!(
                out,
                "  note: a name matches no state, so the states the page does not list are left as they are"
            );
        }
        unmatched_total += unmatched.len();
    }
    let count = |f: fn(&Change) -> bool| all.iter().filter(|(_, c)| f(c)).count();
    let _ = writeln!(
        out,
        "\n{} new, {} changed, {} confirmed, {} unmatched",
        count(|c| *c == Change::New),
        count(|c| matches!(c, Change::Changed(_))),
        count(|c| *c == Change::Confirmed),
        unmatched_total
    );
    match &o.write {
        Some(dir) => {
            let files = write(&ds, dir, &all)?;
            let _ = writeln!(out, "written: {files} state files in {}", dir.display());
        }
        None => {
            let _ = writeln!(
                out,
                "(review only: nothing written; add --write DIR to record these facts)"
            );
        }
    }
    print!("{out}");
    Ok(if unmatched_total > 0 { 1 } else { 0 })
}

/// Notes on the rows a page's import passes over: on a country page, the conventions the
/// dataset does not have; on a page of a treaty, participants that are not states.
fn passed_over(out: &mut String, ds: &Dataset, page: &Page) {
    if page.country.is_some() {
        let outside = page
            .rows
            .iter()
            .filter(|r| {
                let code = r.name.split_whitespace().next().unwrap_or("");
                ds.instrument(code).is_none()
            })
            .count();
        if outside > 0 {
            let _ = writeln!(
                out,
                "  note: {outside} of the conventions listed are not in the dataset: passed over"
            );
        }
    } else {
        for r in page.rows.iter().filter(|r| import::is_not_a_state(&r.name)) {
            let _ = writeln!(
                out,
                "  note: `{}` is not a state: its row is passed over",
                r.name
            );
        }
    }
}

/// The built-in dataset, with the folder to write merged over it (it may be newer).
fn dataset(dir: Option<&Path>) -> Result<Dataset> {
    let mut diags = Diagnostics::default();
    let mut ds = Dataset::builtin(&mut diags);
    if let Some(dir) = dir {
        let mut files = vec![];
        for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let e = e?;
            let p = e.path();
            if p.extension().is_some_and(|x| x == "yaml") {
                files.push(SourceFile {
                    path: p.to_string_lossy().replace('\\', "/"),
                    text: std::fs::read_to_string(p)?,
                });
            }
        }
        let prefix = format!("{}/", dir.to_string_lossy().trim_end_matches('/'));
        ds.merge(&files, &prefix, &mut diags);
    }
    if diags.has_errors() {
        let msgs: Vec<String> = diags.sorted().iter().map(|d| d.short()).collect();
        bail!("the conventions folder has errors:\n{}", msgs.join("\n"));
    }
    Ok(ds)
}

fn instrument_of(ds: &Dataset, page: &Page, given: Option<&str>, path: &Path) -> Result<String> {
    if let Some(g) = given {
        return ds
            .instrument(g)
            .map(|i| i.id.clone())
            .with_context(|| format!("unknown instrument `{g}`"));
    }
    if page.country.is_some() {
        return Ok(String::new());
    }
    let found = page.reference.as_deref().and_then(|r| match page.origin {
        Origin::Untc => ds.instruments.values().find(|i| {
            i.treaty_collection
                .as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case(r))
        }),
        Origin::Normlex => ds.instrument(r),
        // The database's own treaty number names no instrument of the dataset.
        Origin::Verdragenbank => None,
    });
    match found {
        Some(i) => Ok(i.id.clone()),
        None => bail!(
            "{}: the page's treaty ({}) is not an instrument of the dataset; give it with --instrument",
            path.display(),
            page.reference.as_deref().unwrap_or("not stated")
        ),
    }
}

/// The `source` of the page's facts; `bound`: the as-of date is the --not-before date given,
/// not the page's newest date.
fn source_text(
    page: &Page,
    instrument: &str,
    path: &Path,
    from: Option<&str>,
    bound: bool,
) -> String {
    let file = path
        .file_name()
        .map_or(String::new(), |f| f.to_string_lossy().into_owned());
    let what = match (page.origin, &page.country) {
        (Origin::Untc, _) => format!(
            "UN Treaty Collection, status of treaties, chapter {}",
            page.reference.as_deref().unwrap_or(instrument)
        ),
        (Origin::Normlex, Some(c)) => format!("ILO NORMLEX, ratifications for {c}"),
        (Origin::Normlex, None) => format!("ILO NORMLEX, ratifications of {instrument}"),
        (Origin::Verdragenbank, _) => format!(
            "the Netherlands' Treaty Database (Verdragenbank), treaty {}, its table of parties of {instrument} (a party's publication, not the depositary)",
            page.reference.as_deref().unwrap_or("(number not stated)")
        ),
    };
    let what = match from {
        Some(_) => what,
        None => format!("{what} (page `{file}`)"),
    };
    let when = match (&page.as_of, page.as_of_inferred) {
        (Some(d), true) if bound => format!("; status as shown on or after {d}"),
        (Some(d), true) => format!("; status as shown on or after {d} (the page's newest date)"),
        (Some(d), false) => format!("; status as at {d}"),
        (None, _) => String::new(),
    };
    match from {
        Some(f) => format!("{what}{when}; read from {f}"),
        None => format!("{what}{when}"),
    }
}

fn describe_page(out: &mut String, path: &Path, page: &Page, instrument: &str) {
    let counted = page.parties_header.map_or("has no count".to_string(), |n| {
        format!("counts {n} parties")
    });
    let _ = writeln!(
        out,
        "{}: {} {} ({}): {} rows; the page {counted}; {}; as of {}{}",
        path.display(),
        match page.origin {
            Origin::Untc => "UN Treaty Collection",
            Origin::Normlex => "ILO NORMLEX",
            Origin::Verdragenbank => "Netherlands' Treaty Database",
        },
        page.reference
            .as_deref()
            .or(page.country.as_deref())
            .unwrap_or("-"),
        if instrument.is_empty() {
            "per country"
        } else {
            instrument
        },
        page.rows.len(),
        match (page.complete, &page.country) {
            (_, Some(_)) =>
                "per country: a convention it does not list is left as it is, unless its group is listed whole",
            (true, None) => "complete",
            (false, None) => "incomplete: states it does not list are left as they are",
        },
        page.as_of.as_deref().unwrap_or("unknown"),
        if page.as_of_inferred {
            " or later (the page states no date)"
        } else {
            ""
        },
    );
    for r in &page.remarks {
        let _ = writeln!(out, "  note: {r}");
    }
}

fn review_line(ds: &Dataset, p: &Proposal, change: &Change) -> String {
    let f = &p.fact;
    let mut what = f.status.label().to_string();
    if let Some(a) = f.action {
        what.push_str(&format!(
            " ({} {})",
            a.label(),
            f.date.as_deref().unwrap_or("")
        ));
    } else if let Some(d) = &f.date {
        what.push_str(&format!(" {d}"));
    }
    if let Some(s) = &f.signed {
        what.push_str(&format!(", signed {s}"));
    }
    let old = ds.standing(&p.state, &f.instrument);
    match change {
        Change::New => format!(
            "  + {} {:<9} {what}   [dataset: {}]",
            p.state,
            f.instrument,
            old.status.label()
        ),
        Change::Changed(c) => format!("  ~ {} {:<9} {c}", p.state, f.instrument),
        Change::Confirmed => format!("  = {} {:<9} {what}", p.state, f.instrument),
    }
}

/// Records the proposals in `dir/states/`: each state file rewritten with its facts for the
/// imported instruments replaced (a confirmed fact keeps its dates and takes the new as-of and
/// source). Returns the number of files written.
fn write(ds: &Dataset, dir: &Path, all: &[(Proposal, Change)]) -> Result<usize> {
    let mut by_state: BTreeMap<&str, Vec<&(Proposal, Change)>> = BTreeMap::new();
    for pc in all {
        by_state.entry(pc.0.state.as_str()).or_default().push(pc);
    }
    let states = dir.join("states");
    std::fs::create_dir_all(&states)?;
    for (code, props) in &by_state {
        let path = states.join(format!("{code}.yaml"));
        let existing = std::fs::read_to_string(&path).ok();
        let header: Vec<String> = existing
            .as_deref()
            .map(|t| {
                t.lines()
                    .filter(|l| l.starts_with('#'))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        let Some(mut state) = ds.state(code).cloned() else {
            continue;
        };
        // Facts inferred from a complete list of parties are not recorded ones: a page's fact
        // takes their place, and the others are not written.
        state.ratifications.retain(|r| !r.inferred);
        for (p, change) in props {
            apply(&mut state, p, change);
        }
        let text = state_yaml(&state, &header);
        let tmp = tempfile::NamedTempFile::new_in(&states)?;
        std::fs::write(tmp.path(), text)?;
        tmp.persist(&path)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(by_state.len())
}

/// Words of a fact's note that qualify its earlier source: the note goes when a page gives the
/// fact.
const STALE_NOTE_MARKS: [&str; 13] = [
    "unverified",
    "recollection",
    "verify",
    "status only",
    "year only",
    "check NORMLEX",
    "check UNTC",
    "secondary source",
    "not the depositary",
    "not confirmed",
    "not read",
    "year of the ratification law",
    "the 2022 dataset row",
];

fn apply(state: &mut State, p: &Proposal, change: &Change) {
    let old = state
        .ratifications
        .iter()
        .position(|r| r.instrument == p.fact.instrument);
    let mut fact = p.fact.clone();
    if let Some(i) = old {
        let o = &state.ratifications[i];
        // A note on how the earlier source fell short (a status without its date, a secondary
        // source to check, a date not verified) no longer holds once a page gives the fact.
        let stale = |n: &str| STALE_NOTE_MARKS.iter().any(|m| n.contains(m));
        if fact.note.is_none()
            && o.note.as_deref().is_some_and(|n| !stale(n))
            && o.status == fact.status
        {
            fact.note = o.note.clone();
        }
        if *change == Change::Confirmed {
            fact.signed = fact.signed.or(o.signed.clone());
            fact.date = fact.date.or(o.date.clone());
            fact.action = fact.action.or(o.action);
        }
        // A page that shows the same status without the denunciation's dates or the
        // re-accession (the Collection keeps them in footnotes) leaves them as recorded.
        if o.status == fact.status {
            let carried = (fact.denounced.is_none() && o.denounced.is_some())
                || (fact.denunciation_effective.is_none() && o.denunciation_effective.is_some());
            fact.denounced = fact.denounced.or(o.denounced.clone());
            fact.denunciation_effective = fact
                .denunciation_effective
                .or(o.denunciation_effective.clone());
            fact.reaccession |= o.reaccession;
            if carried {
                fact.source = format!("{}; the denunciation's dates: {}", fact.source, o.source);
                if let (Some(n), Some(old)) = (&fact.note, &o.note) {
                    fact.note = Some(format!("{n}; {old}"));
                }
            }
        }
        if fact.status == Status::NotParty && o.status == Status::Denounced {
            return;
        }
        if import::signature_missed(o, &fact)
            && let (Some(later), Some(page)) = (&o.as_of, &fact.as_of)
            && later > page
        {
            let missed = format!(
                "a later source ({}, as of {later}) recorded no action; a signature does not lapse",
                o.source
            );
            fact.note = Some(match fact.note.take() {
                Some(n) => format!("{n}; {missed}"),
                None => missed,
            });
        }
        // A status known at a later date stays; the older page adds only a signature date.
        if import::superseded(o, &fact) {
            if let (None, Some(signed)) = (&o.signed, &fact.signed) {
                let o = &mut state.ratifications[i];
                o.signed = Some(signed.clone());
                o.source = format!("{}; signature date: {}", o.source, fact.source);
            }
            return;
        }
        // An older page (a stored copy, its date a lower bound) gives dates but does not make
        // a status known at a later date older: the later as-of stays, with both sources.
        if o.status == fact.status
            && let (Some(later), Some(page)) = (&o.as_of, &fact.as_of)
            && later > page
        {
            fact.source = format!("{}; status as at {later}: {}", fact.source, o.source);
            fact.as_of = Some(later.clone());
        }
        state.ratifications[i] = fact;
    } else {
        state.ratifications.push(fact);
    }
}
