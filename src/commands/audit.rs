//! `rapporteur audit`: a review of every testimony before publication — consent level, where it is
//! cited, how each output attributes it, what the leak audit protects, and the warnings about it.

use crate::model::raw::{Audience, Consent};
use crate::model::resolved::{Consented, Mechanism, Output, Purpose};
use crate::parse::markdown::{RefKind, scan};
use crate::view::publication::attribution;
use anyhow::Result;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

#[derive(Serialize)]
struct Entry {
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
fn print_matrix(entries: &[Entry]) {
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
    let report = &checked.report;
    let diags = checked.diagnostics.clone().sorted();
    // Where each testimony is cited or embedded.
    let mut texts: Vec<(String, &str)> = vec![];
    for c in &report.chapters {
        texts.push((
            format!("chapter `{}` ({})", c.title, c.file),
            &c.body.markdown,
        ));
    }
    for f in &report.findings {
        texts.push((format!("finding `{}` ({})", f.id, f.file), &f.body.markdown));
    }
    for r in &report.recommendations {
        texts.push((
            format!("recommendation `{}` ({})", r.id, r.file),
            &r.text.markdown,
        ));
    }
    let protected: Vec<_> = crate::protect::protected_items(report)
        .into_iter()
        .filter(|p| p.what != crate::protect::matcher::What::Allowed)
        .collect();
    // Each output's view, built as `build` builds it, says which testimonies it carries.
    let mut outputs: Vec<(String, Audience, BTreeSet<String>)> = vec![];
    for o in &report.outputs {
        match o {
            Output::Publication { audience, .. } => {
                let audience = audience.unwrap_or(Audience::Public);
                let v = crate::view::publication::publication(report, &checked.dataset, audience);
                outputs.push(("publication".into(), audience, v.testimonies));
            }
            Output::Submission(sub) => {
                let audience = sub.audience.unwrap_or(Audience::Public);
                let v = crate::view::submission::build(report, &checked.dataset, sub, audience);
                let name = match &sub.mechanism {
                    Mechanism::TreatyBody(b) => {
                        format!("alternative report to the {b} on {}", sub.state)
                    }
                    Mechanism::Upr => format!("UPR submission on {}", sub.state),
                };
                outputs.push((name, audience, v.testimonies));
            }
            Output::Recommendations { .. } => {}
        }
    }
    // One pass over every text: where each testimony is embedded or cited, in text order.
    let mut cited_at: HashMap<&str, Vec<String>> = HashMap::new();
    for (place, text) in &texts {
        for r in scan(text) {
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
    let mut protected_of: HashMap<&str, Vec<String>> = HashMap::new();
    for p in &protected {
        protected_of
            .entry(p.testimony.as_str())
            .or_default()
            .push(p.shown.clone());
    }
    // The diagnostics about each testimony: those naming its id in backquotes, once each.
    let mut warnings_of: HashMap<&str, Vec<String>> = HashMap::new();
    for d in &diags {
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
    let mut entries = vec![];
    for t in &report.testimonies {
        let cited = cited_at.remove(t.id.as_str()).unwrap_or_default();
        let mut attributions = vec![];
        for (name, audience, carried) in &outputs {
            if !carried.contains(&t.id) {
                continue;
            }
            let a = if t.consent == Consent::Internal && *audience == Audience::Public {
                "never published (consent internal)".to_string()
            } else {
                attribution(&report.locale, t, &checked.dataset, *audience)
            };
            let audience = format!("{audience:?}").to_lowercase();
            attributions.push((format!("{name} ({audience})"), a));
        }
        let prot = protected_of.remove(t.id.as_str()).unwrap_or_default();
        let warnings = warnings_of.remove(t.id.as_str()).unwrap_or_default();
        entries.push(Entry {
            id: t.id.clone(),
            consent: t.consent,
            file: t.file.clone(),
            line: t.line,
            paraphrased: t.paraphrased,
            cited,
            attributions,
            protected: prot,
            warnings,
            purposes: Purpose::ALL
                .iter()
                .map(|p| (p.as_str(), cell(&t.consent_for(*p))))
                .collect(),
        });
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&entries)?);
        return Ok(if checked.diagnostics.has_errors() {
            1
        } else {
            0
        });
    }
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
    print_matrix(&entries);
    for e in &entries {
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
    Ok(if checked.diagnostics.has_errors() {
        1
    } else {
        0
    })
}
