use crate::cli::ConventionsArgs;
use crate::conventions::lookup::ProvisionRef;
use crate::conventions::{Dataset, Status, public_source, theme_label};
use crate::diagnostic::{Diagnostics, closest, with_suggestion};
use crate::parse::citation;
use anyhow::{Result, bail};
use std::fmt::Write as _;

pub fn run(q: ConventionsArgs) -> Result<i32> {
    let mut diags = Diagnostics::default();
    let ds = match &q.project {
        Some(p) => {
            let files = crate::load::load_project(p, &mut diags)?;
            crate::load_dataset(&files, &mut diags)
        }
        None => Dataset::builtin(&mut diags),
    };
    if diags.has_errors() {
        for d in diags.sorted() {
            eprintln!("{}", d.short());
        }
        return Ok(1);
    }
    let out = if q.about {
        about(&ds, q.json)?
    } else if let Some(s) = &q.state {
        state(&ds, s, q.json)?
    } else if let Some(t) = &q.theme {
        theme(&ds, t, q.json)?
    } else if let Some(b) = &q.body {
        body(&ds, b, q.json)?
    } else if let Some(i) = &q.instrument {
        instrument(&ds, i, q.article.as_deref(), q.json)?
    } else if q.themes {
        themes(&ds, q.json)?
    } else if q.bodies {
        bodies(&ds, q.json)?
    } else {
        list(&ds, q.json)?
    };
    print!("{out}");
    Ok(0)
}

fn list(ds: &Dataset, json: bool) -> Result<String> {
    if json {
        let v: Vec<_> = ds.instruments.values().map(|i| serde_json::json!({"id": i.id, "family": i.family, "title": i.title, "articles": i.articles, "body": i.body})).collect();
        return Ok(serde_json::to_string_pretty(&v)? + "\n");
    }
    let mut out = String::new();
    for i in ds.instruments.values() {
        let _ = writeln!(
            out,
            "{:<10} {:<16} {:>3} arts.  {}",
            i.id,
            i.family.label(),
            i.articles,
            i.title
        );
    }
    let _ = writeln!(
        out,
        "{} instruments, {} states, {} bodies, {} themes",
        ds.instruments.len(),
        ds.states.len(),
        ds.bodies.len(),
        ds.themes.len()
    );
    Ok(out)
}

/// Resolves `INSTRUMENT [ARTICLE]`. The instrument may be a whole citation in one argument
/// (`"ICRMW art. 21"`, `"ICCPR, article 9"`); a separate article is read with the citation
/// syntax (`21`, `2(2)`). A suggestion is written the way the lookup was typed.
fn lookup(ds: &Dataset, name: &str, article: Option<&str>) -> Result<ProvisionRef> {
    let Some(a) = article else {
        return ds.resolve_citation(name).map_err(anyhow::Error::msg);
    };
    let syntax = citation::parse(name).map_err(anyhow::Error::msg)?;
    if syntax.article.is_some() {
        bail!(
            "`{name}` already names an article, and `{a}` is another: give the article once, \
             in the citation or after the instrument"
        );
    }
    // The article alone, in the syntax of citations (the instrument word is a placeholder).
    let art = citation::parse(&format!("X art. {a}"))
        .ok()
        .and_then(|c| c.article.map(|n| (n, c.paragraph)));
    let Some((number, paragraph)) = art else {
        bail!(
            "cannot read article `{a}`: write it as a number with any paragraphs, e.g. `9` or `2(2)`"
        );
    };
    let Some(inst) = ds.instrument(&syntax.instrument) else {
        let mut msg = format!("unknown instrument `{}`", syntax.instrument);
        match closest(&syntax.instrument, ds.instrument_names()) {
            Some(c) if c.contains(char::is_whitespace) => {
                msg.push_str(&format!("; did you mean `\"{c}\" {a}`?"))
            }
            Some(c) => msg.push_str(&format!("; did you mean `{c} {a}`?")),
            None => msg.push_str(" (run `rapporteur conventions` for the list of instruments)"),
        }
        bail!("{msg}");
    };
    let canonical = format!(
        "{} art. {number}{}",
        inst.id,
        paragraph.as_deref().unwrap_or("")
    );
    ds.resolve_citation(&canonical).map_err(anyhow::Error::msg)
}

fn instrument(ds: &Dataset, name: &str, article: Option<&str>, json: bool) -> Result<String> {
    let p = lookup(ds, name, article)?;
    let inst = &ds.instruments[&p.instrument];
    if json {
        let mut v = serde_json::to_value(inst)?;
        if let Some(a) = p.article {
            v["article"] = serde_json::json!({"number": a, "topic": ds.article_topic(&p), "binds": ds.binds(&p)});
            if let Some(para) = &p.paragraph {
                v["article"]["paragraph"] = serde_json::json!(para);
            }
        }
        return Ok(serde_json::to_string_pretty(&v)? + "\n");
    }
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", inst.id, inst.title);
    let _ = writeln!(
        out,
        "{}; adopted {}, in force {}; {} articles; monitored by {}",
        inst.family.label(),
        inst.adopted.map_or("?".into(), |y| y.to_string()),
        inst.in_force.map_or("not yet".into(), |y| y.to_string()),
        inst.articles,
        inst.body.as_deref().unwrap_or("-")
    );
    if let Some(u) = &inst.url {
        let _ = writeln!(out, "text: {u}");
    }
    match p.article {
        Some(a) => {
            let topic = ds
                .article_topic(&p)
                .unwrap_or("(no topic recorded: not one of the key articles in the dataset)");
            let para = p.paragraph.as_deref().unwrap_or("");
            let _ = writeln!(out, "\narticle {a}{para}: {topic}");
            if let Some(d) = ds.deletion(&p) {
                let _ = writeln!(
                    out,
                    "deleted for the states party to {} (articles {}-{}): {}",
                    d.by,
                    d.from,
                    d.to,
                    d.note.as_deref().unwrap_or(&d.source)
                );
            }
            if let Some(roles) = ds.binds(&p) {
                let roles: Vec<&str> = roles.iter().map(|r| r.label()).collect();
                let _ = writeln!(out, "binds a State party as: {}", roles.join(", "));
                if let Some(src) = &inst.binds_source {
                    let _ = writeln!(out, "roles source: {src}");
                }
            }
        }
        None => {
            if !inst.provisions.is_empty() {
                let _ = writeln!(out, "\nkey articles:");
                for pr in &inst.provisions {
                    let _ = writeln!(out, "  art. {:<4} {}", pr.article, pr.topic);
                }
            }
            for d in &inst.deleted {
                let _ = writeln!(
                    out,
                    "\narticles {}-{} deleted for the states party to {}: {}",
                    d.from,
                    d.to,
                    d.by,
                    d.note.as_deref().unwrap_or(&d.source)
                );
            }
        }
    }
    let _ = writeln!(out, "\nsource: {}", public_source(&inst.source));
    Ok(out)
}

fn state(ds: &Dataset, code: &str, json: bool) -> Result<String> {
    let upper = code.to_uppercase();
    let Some(st) = ds.state(&upper) else {
        bail!(
            "{}",
            with_suggestion(
                format!("unknown state `{code}`"),
                &upper,
                ds.states.keys().map(String::as_str)
            )
        );
    };
    if json {
        return Ok(serde_json::to_string_pretty(st)? + "\n");
    }
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", st.name, st.code);
    let _ = writeln!(
        out,
        "{:<10} {:<10} {:<13} {:<11} {:<11} {:<11} source",
        "instrument", "status", "action", "signed", "date", "as of"
    );
    let mut unknown = 0;
    for i in ds.instruments.values() {
        let standing = ds.standing(&st.code, &i.id);
        let cell = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
        let line = match standing.record {
            Some(r) => {
                let mut status = r.status.label().to_string();
                if r.reaccession {
                    status.push('*');
                }
                let mut source = public_source(&r.source);
                if let Some(d) = &r.denounced {
                    let effective = r
                        .denunciation_effective
                        .as_deref()
                        .map_or(String::new(), |e| format!(", effective {e}"));
                    source = format!("denounced {d}{effective}; {source}");
                }
                format!(
                    "{:<10} {:<10} {:<13} {:<11} {:<11} {:<11} {}",
                    i.id,
                    status.replace(' ', "-"),
                    r.action.map_or("-", |a| a.label()).replace(' ', "-"),
                    cell(&r.signed),
                    cell(&r.date),
                    cell(&r.as_of),
                    source
                )
            }
            None => {
                unknown += 1;
                format!(
                    "{:<10} {:<10} {:<13} {:<11} {:<11} {:<11} {}",
                    i.id, "unknown", "-", "-", "-", "-", "no fact in the dataset"
                )
            }
        };
        if standing.status == crate::conventions::Status::Unknown && standing.record.is_some() {
            unknown += 1;
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    if unknown > 0 {
        let _ = writeln!(
            out,
            "\n{unknown} unknown: the dataset has not established this state's status for these \
             instruments (unknown is not \"not party\"); check the UN Treaty Collection or ILO NORMLEX"
        );
    }
    let inferred = st.ratifications.iter().filter(|r| r.inferred).count();
    if inferred > 0 {
        let _ = writeln!(
            out,
            "\n{inferred} inferred: not party as the state is not among the parties of the instrument's complete list, which the dataset records whole (see the source)"
        );
    }
    if ds.instruments.values().any(|i| {
        ds.ratification(&st.code, &i.id)
            .is_some_and(|r| r.reaccession)
    }) {
        let _ = writeln!(out, "* party again after a denunciation (re-accession)");
    }
    Ok(out)
}

/// How current the dataset is: the span of the facts' as-of dates, the facts by kind, and the
/// facts inferred from complete lists of parties (counted apart from the recorded ones); as text,
/// or as one JSON object with the same counts.
fn about(ds: &Dataset, json: bool) -> Result<String> {
    let c = About::of(ds);
    if json {
        let inferred: serde_json::Map<String, serde_json::Value> = c
            .inferred
            .iter()
            .map(|(id, n, as_at)| {
                let v = serde_json::json!({"not_party": n, "as_at": as_at});
                (id.to_string(), v)
            })
            .collect();
        let (from, to) = ds.as_of_range().unzip();
        let v = serde_json::json!({
            "as_of": {"from": from, "to": to},
            "states": ds.states.len(),
            "instruments": ds.instruments.len(),
            "statuses": {"all": c.cells, "known": c.known, "unknown": c.cells - c.known},
            "recorded": {
                "party": c.party, "signatory": c.signatory, "not_party": c.not_party,
                "denounced": c.denounced, "unknown": c.unknown,
                "with_full_date": c.full, "with_as_of": c.dated,
            },
            "inferred": {"not_party": c.inferred_total(), "by_instrument": inferred},
        });
        return Ok(serde_json::to_string_pretty(&v)? + "\n");
    }
    let mut out = String::new();
    let _ = writeln!(out, "{}", crate::conventions::about_line(ds));
    let _ = writeln!(
        out,
        "{} states x {} instruments = {} statuses: {} known, {} unknown",
        ds.states.len(),
        ds.instruments.len(),
        c.cells,
        c.known,
        c.cells - c.known
    );
    let _ = writeln!(
        out,
        "facts recorded: {} party, {} signatory, {} not party, {} denounced, {} explicitly unknown; {} with a full date, {} with an as-of date",
        c.party, c.signatory, c.not_party, c.denounced, c.unknown, c.full, c.dated,
    );
    let _ = writeln!(out, "{}", inferred_line(&c));
    let _ = writeln!(
        out,
        "each fact is as current as its as-of date; update with `rapporteur conventions import` (see the README)"
    );
    Ok(out)
}

/// The dataset's counts that `conventions --about` prints.
struct About<'a> {
    cells: usize,
    known: usize,
    party: usize,
    signatory: usize,
    not_party: usize,
    denounced: usize,
    unknown: usize,
    full: usize,
    dated: usize,
    /// The not-party facts inferred from each complete list of parties: the instrument, how
    /// many, and the list's date.
    inferred: Vec<(&'a str, usize, Option<&'a str>)>,
}

impl<'a> About<'a> {
    fn of(ds: &'a Dataset) -> About<'a> {
        let all: Vec<_> = ds
            .states
            .values()
            .flat_map(|s| s.ratifications.iter())
            .collect();
        let facts: Vec<_> = all.iter().filter(|r| !r.inferred).collect();
        let by = |st: Status| facts.iter().filter(|r| r.status == st).count();
        let list_date = |id: &str| {
            let list = ds.instruments.get(id).and_then(|i| i.parties.as_ref());
            list.map(|l| l.as_of.as_str())
        };
        About {
            cells: ds.states.len() * ds.instruments.len(),
            known: all.iter().filter(|r| r.status != Status::Unknown).count(),
            party: by(Status::Party),
            signatory: by(Status::Signatory),
            not_party: by(Status::NotParty),
            denounced: by(Status::Denounced),
            unknown: by(Status::Unknown),
            full: facts
                .iter()
                .filter(|r| r.date.as_deref().is_some_and(|d| d.len() == 10))
                .count(),
            dated: facts.iter().filter(|r| r.as_of.is_some()).count(),
            inferred: (ds.inferred_facts().into_iter())
                .map(|(id, n)| (id, n, list_date(id)))
                .collect(),
        }
    }

    fn inferred_total(&self) -> usize {
        self.inferred.iter().map(|(_, n, _)| n).sum()
    }
}

/// How many not-party facts were inferred from complete lists of parties, and from which.
fn inferred_line(c: &About) -> String {
    if c.inferred.is_empty() {
        return "facts inferred: none (no instrument declares a complete list of parties the dataset records whole)".into();
    }
    let lists: Vec<String> = c
        .inferred
        .iter()
        .map(|(id, n, date)| format!("{id} {n} (as at {})", date.unwrap_or("")))
        .collect();
    format!(
        "facts inferred: {} not party, from the complete lists of parties of {} instruments: {}",
        c.inferred_total(),
        c.inferred.len(),
        lists.join(", ")
    )
}

/// Every theme: its id, its English label and how many provisions it links.
fn themes(ds: &Dataset, json: bool) -> Result<String> {
    if json {
        let v: Vec<_> = ds
            .themes
            .values()
            .map(|t| serde_json::json!({"id": t.id, "label": t.label, "provisions": t.provisions.len()}))
            .collect();
        return Ok(serde_json::to_string_pretty(&v)? + "\n");
    }
    let mut out = String::new();
    for t in ds.themes.values() {
        let _ = writeln!(
            out,
            "{:<24} {:<44} {:>3} provisions",
            t.id,
            theme_label(t, "en"),
            t.provisions.len()
        );
    }
    let _ = writeln!(
        out,
        "{} themes; `rapporteur conventions --theme ID` shows one",
        ds.themes.len()
    );
    Ok(out)
}

/// Every body: its id, its name and the instruments it monitors.
fn bodies(ds: &Dataset, json: bool) -> Result<String> {
    if json {
        let v: Vec<_> = ds
            .bodies
            .values()
            .map(|b| serde_json::json!({"id": b.id, "name": b.name, "instruments": b.instruments}))
            .collect();
        return Ok(serde_json::to_string_pretty(&v)? + "\n");
    }
    let mut out = String::new();
    for b in ds.bodies.values() {
        let _ = writeln!(
            out,
            "{:<8} {:<64} {}",
            b.id,
            b.name,
            b.instruments.join(", ")
        );
    }
    let _ = writeln!(
        out,
        "{} bodies; `rapporteur conventions --body ID` shows one",
        ds.bodies.len()
    );
    Ok(out)
}

fn theme(ds: &Dataset, id: &str, json: bool) -> Result<String> {
    let Some(t) = ds.theme(id) else {
        bail!(
            "{}",
            with_suggestion(
                format!("unknown theme `{id}`"),
                id,
                ds.themes.keys().map(String::as_str)
            )
        );
    };
    if json {
        return Ok(serde_json::to_string_pretty(t)? + "\n");
    }
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", t.id, theme_label(t, "en"));
    for link in &t.provisions {
        let topic = ds
            .resolve_citation(&link.cite)
            .ok()
            .and_then(|p| ds.article_topic(&p).map(str::to_string))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {:<9} {:<22} {}",
            format!("{:?}", link.relevance).to_lowercase(),
            link.cite,
            topic
        );
    }
    Ok(out)
}

fn body(ds: &Dataset, id: &str, json: bool) -> Result<String> {
    let Some(b) = ds.body(id) else {
        bail!(
            "{}",
            with_suggestion(
                format!("unknown body `{id}`"),
                id,
                ds.bodies.keys().map(String::as_str)
            )
        );
    };
    if json {
        return Ok(serde_json::to_string_pretty(b)? + "\n");
    }
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", b.id, b.name);
    let _ = writeln!(out, "instruments: {}", b.instruments.join(", "));
    if let Some(p) = &b.symbol_prefix {
        let _ = writeln!(out, "document symbols: {p}/...");
    }
    if let Some(s) = &b.submission {
        let limit =
            |v: Option<u32>, unit: &str| v.map_or("not set".to_string(), |n| format!("{n} {unit}"));
        let _ = writeln!(
            out,
            "word limit: {} (coalition: {}); counts footnotes: {}",
            limit(s.word_limit, "words"),
            limit(s.coalition_word_limit, "words"),
            s.counts_footnotes
        );
        let _ = writeln!(out, "page limit: {}", limit(s.page_limit, "pages"));
        if !s.languages.is_empty() {
            let _ = writeln!(out, "languages: {}", s.languages.join(", "));
        }
        if let Some(n) = &s.notes {
            let _ = writeln!(out, "notes: {n}");
        }
        if let Some(src) = &s.source {
            let _ = writeln!(out, "source: {src}");
        }
        let _ = writeln!(
            out,
            "source checked: {}",
            s.checked.as_deref().unwrap_or("not recorded")
        );
    }
    Ok(out)
}
