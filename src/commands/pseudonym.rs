//! `rapporteur pseudonym`: proposals for the pseudonymous testimonies of a project.

use crate::diagnostic::with_suggestion;
use crate::model::raw::Consent;
use crate::protect::pseudonym::{Rng, culture_of, cultures, propose};
use anyhow::{Result, bail};
use std::path::Path;

pub fn run(
    project: &Path,
    only: Option<&str>,
    count: usize,
    seed: Option<u64>,
    culture: Option<&str>,
) -> Result<i32> {
    let checked = crate::check(project)?;
    let report = &checked.report;
    if let Some(c) = culture
        && !cultures().any(|k| k == c)
    {
        bail!(
            "{}",
            with_suggestion(
                format!(
                    "unknown culture `{c}` (known: {})",
                    cultures().collect::<Vec<_>>().join(", ")
                ),
                c,
                cultures()
            )
        );
    }
    if let Some(id) = only
        && report.testimony(id).is_none()
    {
        let ids: Vec<&str> = report.testimonies.iter().map(|t| t.id.as_str()).collect();
        bail!(
            "{}",
            with_suggestion(format!("unknown testimony `{id}`"), id, ids)
        );
    }
    let seed = seed.unwrap_or_else(Rng::fresh_seed);
    let mut rng = Rng::new(seed);
    let mut taken: Vec<String> = report
        .testimonies
        .iter()
        .filter_map(|t| t.pseudonym.clone())
        .collect();
    let mut shown = 0;
    // One line per person (testimonies with the same `speaker.person` share a pseudonym), and
    // no name proposed twice in one run.
    let mut people = std::collections::BTreeSet::new();
    for t in &report.testimonies {
        let wanted = match only {
            Some(id) => t.id == id,
            None => t.consent == Consent::Pseudonymous,
        };
        if !wanted || !people.insert(t.person.clone().unwrap_or_else(|| t.id.clone())) {
            continue;
        }
        shown += 1;
        let cult = culture.map(str::to_string).or_else(|| {
            t.nationality
                .as_deref()
                .or(t.country.as_deref())
                .and_then(culture_of)
                .map(str::to_string)
        });
        let Some(cult) = cult else {
            println!(
                "{}: no culture known for its nationality; pass --culture ({})",
                t.id,
                cultures().collect::<Vec<_>>().join(", ")
            );
            continue;
        };
        let gender = t.gender.map_or("gender not stated".to_string(), |g| {
            format!("{g:?}").to_lowercase()
        });
        let current = t
            .pseudonym
            .as_deref()
            .map_or(String::new(), |p| format!("; now `{p}`"));
        let proposals = propose(&cult, t.gender, t.name.as_deref(), &taken, count, &mut rng);
        taken.extend(proposals.iter().cloned());
        println!(
            "{} ({cult}, {gender}{current}): {}",
            t.id,
            proposals.join(", ")
        );
    }
    if shown == 0 {
        println!("no pseudonymous testimony in {}", project.display());
    }
    println!("seed {seed} (rapporteur pseudonym --seed {seed} repeats these proposals)");
    Ok(0)
}
