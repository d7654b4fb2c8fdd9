//! The witness review, run by `rapporteur audit`: every testimony before publication — its
//! consent per purpose, where it is cited, how each output attributes it, what the leak audit
//! protects of it, and the warnings about it. It shows the leak audit's inputs and reads no
//! artifact; the leak audit itself is [`crate::protect::audit`].

use crate::diagnostic::Diagnostic;
use crate::model::raw::{Audience, Consent};
use crate::model::resolved::{Consented, Mechanism, Output, Purpose, Report};
use crate::parse::markdown::{RefKind, scan};
use crate::view::publication::attribution;
use anyhow::Result;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

#[derive(Serialize)]
struct ReviewEntry {
    id: String,
    consent: Consent,
    file: String,
    line: u32,
    paraphrased: bool,
    cited: Vec<String>,
    attributions: Vec<(String, String)>,
    protected: Vec<String>,
    warnings: Vec<String>,
    /// Consent per purpose: `publication`, `un`, `partners`, `court`, each "given DATE",
    /// "by level" (a file without `purposes:`), "withdrawn DATE" or "no".
    purposes: std::collections::BTreeMap<&'static str, String>,
}

/// One cell of the consent matrix.
fn cell(c: &Consented) -> String {
    let date = |d: &Option<crate::parse::date::PartialDate>| {
        d.map(|d| format!(" {d}")).unwrap_or_default()
    };
    match c {
        Consented::Given(d) => format!("given{}", date(d)),
        Consented::ByLevel => "by level".into(),
        Consented::No => "no".into(),
        Consented::Withdrawn(d) => format!("withdrawn{}", date(d)),
    }
}

/// The consent matrix: one row per testimony, one column per purpose.
fn print_matrix(entries: &[ReviewEntry]) {
    let width = entries
        .iter()
        .map(|e| e.id.len())
        .max()
        .unwrap_or(2)
        .max(10);
    print!("{:width$}", "consent");
    for p in Purpose::ALL {
        print!("  {:18}", p.as_str());
    }
    println!();
    for e in entries {
        print!("{:width$}", e.id);
        for p in Purpose::ALL {
            print!("  {:18}", e.purposes[p.as_str()]);
        }
        println!();
    }
    println!();
}

pub fn run(project: &Path, json: bool) -> Result<i32> {
    let checked = crate::check(project)?;
    let entries = review(&checked);
    if json {
        println!("{}", serde_json::to_string_pretty(&entries)?);
    } else {
        print_review(project, &entries);
    }
    Ok(if checked.diagnostics.has_errors() {
        1
    } else {
        0
    })
}

/// One entry per testimony, in the report's order.
fn review(checked: &crate::Checked) -> Vec<ReviewEntry> {
    let report = &checked.report;
    // The other editions (`languages:`) have their own outputs (a submission is often in an
    // edition in a language the body takes): each is reviewed as `build --draft` would make it.
    let editions: Vec<crate::Checked> = report
        .meta
        .languages
        .iter()
        .skip(1)
        .map(|l| crate::check_edition(checked, l, true))
        .collect();
    let carriers: Vec<(&crate::Checked, Carrier)> = std::iter::once(checked)
        .chain(&editions)
        .flat_map(|c| outputs(c).into_iter().map(move |o| (c, o)))
        .collect();
    let mut cited_at = cited_at(report);
    let mut protected_of = protected_of(report);
    let diags = checked.diagnostics.clone().sorted();
    let mut warnings_of = warnings_of(report, &diags);
    let mut entries = vec![];
    for t in &report.testimonies {
        let mut attributions = vec![];
        for (c, o) in carriers
            .iter()
            .filter(|(_, o)| o.testimonies.contains(&t.id))
        {
            let a = if t.consent == Consent::Internal && o.audience == Audience::Public {
                "never published (consent internal)".to_string()
            } else {
                let t = c.report.testimony(&t.id).unwrap_or(t);
                attribution(&c.report.locale, t, &checked.dataset, o.audience)
            };
            let audience = format!("{:?}", o.audience).to_lowercase();
            let edition = if std::ptr::eq(*c, checked) {
                String::new()
            } else {
                format!("`{}` edition: ", c.report.meta.language)
            };
            attributions.push((format!("{edition}{} ({audience})", o.name), a));
        }
        entries.push(ReviewEntry {
            id: t.id.clone(),
            consent: t.consent,
            file: t.file.clone(),
            line: t.line,
            paraphrased: t.paraphrased,
            cited: cited_at.remove(t.id.as_str()).unwrap_or_default(),
            attributions,
            protected: protected_of.remove(t.id.as_str()).unwrap_or_default(),
            warnings: warnings_of.remove(t.id.as_str()).unwrap_or_default(),
            purposes: Purpose::ALL
                .iter()
                .map(|p| (p.as_str(), cell(&t.consent_for(*p))))
                .collect(),
        });
    }
    entries
}

/// An output of the project, as `build` would make it: its name, its audience and the
/// testimonies it carries.
struct Carrier {
    name: String,
    audience: Audience,
    testimonies: BTreeSet<String>,
}

/// Each output of a project, as `build` would make it, with the testimonies it carries
/// (learnt from the texts it converts, [`crate::view::carried`], without building its view).
fn outputs(checked: &crate::Checked) -> Vec<Carrier> {
    let (report, ds) = (&checked.report, &checked.dataset);
    let carriage = crate::view::carried::Carriage::of(report);
    let mut outputs = vec![];
    for o in &report.outputs {
        match o {
            Output::Publication { audience, .. } => {
                outputs.push(Carrier {
                    name: "publication".into(),
                    audience: audience.unwrap_or(Audience::Public),
                    testimonies: carriage.publication(),
                });
            }
            Output::Submission(sub) => {
                let audience = sub.audience.unwrap_or(Audience::Public);
                let name = match &sub.mechanism {
                    Mechanism::TreatyBody(b) => {
                        format!("alternative report to the {b} on {}", sub.state)
                    }
                    Mechanism::Upr => format!("UPR submission on {}", sub.state),
                };
                outputs.push(Carrier {
                    name,
                    audience,
                    testimonies: carriage.submission(ds, sub, audience),
                });
            }
            Output::Recommendations { .. } => {}
        }
    }
    outputs
}

/// Where each testimony is embedded or cited, in text order: one pass over the chapters,
/// findings and recommendations.
fn cited_at(report: &Report) -> HashMap<&str, Vec<String>> {
    let chapters = report
        .chapters
        .iter()
        .map(|c| (format!("chapter `{}` ({})", c.title, c.file), &c.body));
    let findings = report
        .findings
        .iter()
        .map(|f| (format!("finding `{}` ({})", f.id, f.file), &f.body));
    let recommendations = report
        .recommendations
        .iter()
        .map(|r| (format!("recommendation `{}` ({})", r.id, r.file), &r.text));
    let mut cited_at: HashMap<&str, Vec<String>> = HashMap::new();
    for (place, text) in chapters.chain(findings).chain(recommendations) {
        for r in scan(&text.markdown) {
            let how = match r.kind {
                RefKind::Embed { .. } => "embedded in",
                RefKind::Cite { .. } => "cited in",
                _ => continue,
            };
            if let Some(t) = report.testimony(&r.target) {
                cited_at
                    .entry(t.id.as_str())
                    .or_default()
                    .push(format!("{how} {place}"));
            }
        }
    }
    cited_at
}

/// What the leak audit protects of each testimony (the names and strings it stops, not the
/// phrases the authors allowed).
fn protected_of(report: &Report) -> HashMap<&str, Vec<String>> {
    let mut protected_of: HashMap<&str, Vec<String>> = HashMap::new();
    for p in crate::protect::protected_items(report)
        .into_iter()
        .filter(|p| p.what != crate::protect::matcher::What::Allowed)
    {
        if let Some(t) = report.testimony(&p.testimony) {
            let shown = protected_of.entry(t.id.as_str()).or_default();
            // A string listed under `protected:` that is also a part of the name is one item.
            if !shown.contains(&p.shown) {
                shown.push(p.shown);
            }
        }
    }
    protected_of
}

/// The diagnostics about each testimony: those naming its id in backquotes, once each.
fn warnings_of<'r>(report: &'r Report, diags: &[Diagnostic]) -> HashMap<&'r str, Vec<String>> {
    let mut warnings_of: HashMap<&str, Vec<String>> = HashMap::new();
    for d in diags {
        let named: BTreeSet<&str> = d.message.split('`').skip(1).step_by(2).collect();
        for id in named {
            if let Some(t) = report.testimony(id) {
                warnings_of.entry(t.id.as_str()).or_default().push(format!(
                    "{}: {}",
                    d.severity.as_str(),
                    d.message
                ));
            }
        }
    }
    warnings_of
}

/// The review as text: the counts, the consent matrix, then each testimony.
fn print_review(project: &Path, entries: &[ReviewEntry]) {
    let count = |c: Consent| entries.iter().filter(|e| e.consent == c).count();
    println!(
        "{}: {} testimonies ({} named, {} pseudonymous, {} anonymous, {} internal)\n",
        project.display(),
        entries.len(),
        count(Consent::Named),
        count(Consent::Pseudonymous),
        count(Consent::Anonymous),
        count(Consent::Internal)
    );
    let internal_uncited = entries
        .iter()
        .filter(|e| e.consent == Consent::Internal && e.cited.is_empty())
        .count();
    if internal_uncited > 0 {
        println!(
            "{internal_uncited} internal testimon{} not cited anywhere, as intended: kept for the authors, never published.\n",
            if internal_uncited == 1 {
                "y is"
            } else {
                "ies are"
            }
        );
    }
    print_matrix(entries);
    for e in entries {
        print_entry(e);
    }
}

/// One testimony: where it is cited, how each output attributes it, what is never published,
/// the warnings about it.
fn print_entry(e: &ReviewEntry) {
    println!(
        "{}  [{}]  {}:{}{}",
        e.id,
        e.consent.as_str(),
        e.file,
        e.line,
        if e.paraphrased { "  (paraphrased)" } else { "" }
    );
    if e.cited.is_empty() {
        println!("    not cited anywhere");
    }
    for c in &e.cited {
        println!("    {c}");
    }
    for (o, a) in &e.attributions {
        println!("    {o}: {a}");
    }
    if !e.protected.is_empty() {
        println!(
            "    never published: {}",
            e.protected
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    for w in &e.warnings {
        println!("    {w}");
    }
}
