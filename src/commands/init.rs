//! `rapporteur init [DIR]`: a new project that checks clean and builds, with one example of each
//! kind of file, the schemas for editors, and comments that point to the guide.
//!
//! The example findings cite provisions of an instrument the first state has ratified (so that
//! the project checks clean whatever the state), and the submission goes to that instrument's
//! treaty body, or to the UPR when the state has ratified none of them.

use crate::conventions::Dataset;
use crate::diagnostic::{Diagnostics, with_suggestion};
use anyhow::{Result, bail};
use std::path::PathBuf;

pub struct Options {
    pub dir: PathBuf,
    pub organisation: String,
    pub states: Vec<String>,
    pub language: String,
}

/// The provisions the example project cites, chosen from an instrument the state has ratified.
struct Law {
    /// The treaty body of the submission (`None`: a UPR submission).
    body: Option<&'static str>,
    /// For the three findings: identity documents, pay, health care.
    documents: &'static str,
    pay: &'static str,
    health: &'static str,
}

const LAWS: &[(&str, Law)] = &[
    (
        "ICRMW",
        Law {
            body: Some("CMW"),
            documents: "ICRMW art. 21",
            pay: "ICRMW art. 25",
            health: "ICRMW art. 28",
        },
    ),
    (
        "ICESCR",
        Law {
            body: Some("CESCR"),
            documents: "ICESCR art. 6",
            pay: "ICESCR art. 7",
            health: "ICESCR art. 12",
        },
    ),
    (
        "ICCPR",
        Law {
            body: Some("CCPR"),
            documents: "ICCPR art. 12",
            pay: "ICCPR art. 8",
            health: "ICCPR art. 26",
        },
    ),
];

pub fn run(o: Options) -> Result<i32> {
    let mut diags = Diagnostics::default();
    let ds = Dataset::builtin(&mut diags);
    let mut states = vec![];
    for s in &o.states {
        let code = s.trim().to_uppercase();
        if ds.state(&code).is_none() {
            bail!(
                "{}",
                with_suggestion(
                    format!(
                        "unknown state `{s}`: states are ISO 3166-1 alpha-3 codes (KAZ, KGZ, TJK, RUS...)"
                    ),
                    &code,
                    ds.states.keys().map(String::as_str)
                )
            );
        }
        states.push(code);
    }
    let Some(state) = states.first().cloned() else {
        bail!("--states needs at least one state (ISO 3166-1 alpha-3, e.g. KGZ)");
    };
    let lang = o.language.trim().to_lowercase();
    if lang.len() != 2 || !lang.chars().all(|c| c.is_ascii_lowercase()) {
        bail!(
            "invalid language `{}`: use an ISO 639-1 code such as `en`, `ru` or `fr`",
            o.language
        );
    }
    if o.dir.exists() && std::fs::read_dir(&o.dir).is_ok_and(|mut d| d.next().is_some()) {
        bail!(
            "`{}` is not empty: `rapporteur init` creates a project in a new or empty folder",
            o.dir.display()
        );
    }
    let law = LAWS
        .iter()
        .find(|(instrument, _)| ds.is_party(&state, instrument))
        .map(|(_, law)| law)
        .unwrap_or(&Law {
            body: None,
            documents: "",
            pay: "",
            health: "",
        });
    let state_name = ds.state(&state).map_or(state.clone(), |s| s.name_in("en"));
    let accepted = ds
        .body(law.body.unwrap_or("UPR"))
        .and_then(|b| b.submission.as_ref())
        .map(|s| s.languages.clone())
        .unwrap_or_default();
    let submission_languages = if accepted.is_empty() || accepted.contains(&lang) {
        vec![]
    } else {
        accepted
    };
    let p = Project {
        org: o.organisation.trim().to_string(),
        org_id: slug(&o.organisation),
        states,
        state,
        state_name,
        lang,
        law,
        submission_languages,
    };
    let mut files: Vec<(String, Vec<u8>)> = p
        .files()
        .into_iter()
        .map(|(path, text)| (path.to_string(), text.into_bytes()))
        .collect();
    let starter = crate::locale::starter(&p.lang);
    if let Some(text) = &starter {
        files.push((
            format!("locales/{}.yaml", p.lang),
            text.clone().into_bytes(),
        ));
    }
    for s in crate::model::schema::all() {
        let text = serde_json::to_string_pretty(&s.schema)? + "\n";
        files.push((format!("schemas/{}", s.file), text.into_bytes()));
    }
    crate::emit::project_files(&o.dir, &files)?;
    say_created(
        &o.dir,
        files.len(),
        starter.is_some().then_some(p.lang.as_str()),
    );
    Ok(0)
}

/// What `init` made, and what to do next (`untranslated`: the language whose locale it wrote
/// for the author to translate).
fn say_created(dir: &std::path::Path, files: usize, untranslated: Option<&str>) {
    println!(
        "created the report project `{}` ({files} files): check it with `rapporteur check {0}`, build it with `rapporteur build {0}`, preview it with `rapporteur watch {0}`",
        dir.display(),
    );
    println!(
        "every file starts with a comment naming the guide's page about it; `rapporteur explain CODE` explains a diagnostic"
    );
    if let Some(lang) = untranslated {
        println!(
            "rapporteur has no built-in locale for `{lang}` (built-in: {}): locales/{lang}.yaml is a copy of the English one, to translate; until then the report's headings, labels and dates are in English",
            crate::locale::BUILTIN_LANGUAGES.join(", ")
        );
    }
}

/// An id from a name: lowercase letters and digits, words joined by `-`.
fn slug(name: &str) -> String {
    let s: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let s = s
        .split('-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if s.is_empty() { "authors".into() } else { s }
}

/// What the example files are written from.
struct Project<'a> {
    org: String,
    org_id: String,
    states: Vec<String>,
    state: String,
    state_name: String,
    lang: String,
    law: &'a Law,
    /// The languages the submission's body takes when the report's language is not one of them
    /// (empty: the submission can be written in the report's language).
    submission_languages: Vec<String>,
}

impl Project<'_> {
    fn files(&self) -> Vec<(&'static str, String)> {
        vec![
            ("report.yaml", self.report()),
            ("chapters/introduction.md", self.introduction()),
            ("chapters/conditions.md", self.part_intro()),
            (
                "findings/document-confiscation.md",
                self.finding_documents(),
            ),
            ("findings/wage-deductions.md", self.finding_pay()),
            ("findings/medical-care.md", self.finding_health()),
            ("testimonies/interviews.yaml", self.testimonies()),
            (
                "recommendations/recommendations.yaml",
                self.recommendations(),
            ),
            ("addressees.yaml", self.addressees()),
            ("sources.yaml", self.sources()),
            (
                ".gitignore",
                "# What `rapporteur build` writes: the public outputs, and the internal ones, which\n# name every witness and must never be shared or committed.\nout/\nout-internal/\n"
                    .to_string(),
            ),
        ]
    }

    /// ` [[PROVISION]]` when the state has ratified an instrument of the list, else nothing.
    fn cite(&self, provision: &str) -> String {
        if provision.is_empty() {
            String::new()
        } else {
            format!(" [[{provision}]]")
        }
    }

    fn provisions(&self, provision: &str) -> String {
        if provision.is_empty() {
            String::new()
        } else {
            format!("provisions: [{provision}]\n")
        }
    }

    fn report(&self) -> String {
        let submission = match self.law.body {
            Some(body) => format!(
                "  - alternative-report: {{body: {body}, state: {}, publish: true, formats: [pdf, docx, html]}}",
                self.state
            ),
            None => format!(
                "  - upr: {{state: {}, formats: [pdf, docx, html]}}",
                self.state
            ),
        };
        let submission = if self.submission_languages.is_empty() {
            submission
        } else {
            // The body does not take the report's language: the submission belongs to an edition
            // in one of the body's languages, so it is left here as a comment to move there.
            format!(
                "  # The {body} takes submissions in {langs}, not in {lang}: write it in an edition in one\n  # of them (docs/languages.md) and move this line to that edition's report.yaml.\n  #{line}",
                body = self.law.body.unwrap_or("UPR"),
                langs = self.submission_languages.join(", "),
                lang = self.lang,
                line = &submission[1..],
            )
        };
        format!(
            r#"# yaml-language-server: $schema=schemas/report.schema.json
# The report: its metadata, its outline (the reading order) and what `rapporteur build` makes.
# Every field: docs/files/report-yaml.md in the rapporteur guide. Everything in this project is an
# invented example to replace with your own content.
title: "Papers kept: migrant workers and their documents"
subtitle: "An example project made by rapporteur init"
date: 2025-01
language: {lang}
authors:
  - id: {org_id}
    name: "{org}"
    about: "{org} documents the situation of migrant workers (replace this sentence)."
states: [{states}]
outline:
  - chapter: chapters/introduction.md
  - part: "Conditions of work"
    id: conditions-of-work
    intro: chapters/conditions.md      # a chapter printed at the start of the part
    findings:
      - id: document-confiscation
        sub: [wage-deductions]           # a sub-finding, numbered (a) under its parent
      - medical-care
  - recommendations                      # generated: grouped by addressee, then theme
  - annex: meetings                      # generated: the meetings of sources.yaml
  - annex: authorities                   # generated: every provision cited, and where
outputs:
  - publication: {{formats: [html, pdf]}}
  # A submission to a UN body (docs/submissions.md); `rapporteur conventions --state {state}`
  # shows which treaty bodies review {state_name}.
{submission}
  # One recommendation sheet per addressee (docs/recommendations.md).
  - recommendations: {{by: addressee, formats: [html, pdf, csv]}}
"#,
            lang = self.lang,
            org_id = self.org_id,
            org = self.org.replace('"', "'"),
            states = self.states.join(", "),
            state = self.state,
            state_name = self.state_name,
        )
    }

    fn introduction(&self) -> String {
        format!(
            r#"---
# A chapter: Markdown with optional front matter (docs/files/findings.md in the rapporteur guide).
id: introduction
title: Introduction
---
This example report, made by `rapporteur init`, shows each kind of file a project holds. Its
findings, witnesses and meetings are invented: replace them with your own.

It looks at workers whose employer keeps their identity documents in {state_name}
([[#document-confiscation]]). {org} interviewed workers and met the authorities [@m-ministry];
its survey gives the wider picture [@survey].

![[stats:interviews]]
"#,
            state_name = self.state_name,
            org = self.org,
        )
    }

    fn part_intro(&self) -> String {
        r#"---
# The introduction of a part (`intro:` in the outline of report.yaml).
title: Conditions of work
---
This part follows a worker from the first day of work, when the papers are taken, to the day
they must be bought back ([[#wage-deductions]]), and to the clinic that turns the worker away
([[#medical-care]]).
"#
        .to_string()
    }

    fn finding_documents(&self) -> String {
        format!(
            r#"---
# A finding: front matter (docs/files/findings.md in the rapporteur guide; every field in
# docs/reference/fields.md), then the text with the inline syntax (docs/inline-syntax.md).
id: document-confiscation
title: Employers keep workers' identity documents
state: {state}
themes: [forced-labour, registration]
{provisions}period: {{from: 2024-03, to: 2024-11}}
---
In the example survey, two workers in three said that their employer held their passport
[@survey, p. 4]. Keeping a worker's identity documents is a way to keep the worker{cite}.

![[t-farm-worker]]

The ministry told the authors that no worker had complained [@m-ministry].
"#,
            state = self.state,
            provisions = self.provisions(self.law.documents),
            cite = self.cite(self.law.documents),
        )
    }

    fn finding_pay(&self) -> String {
        format!(
            r#"---
# A sub-finding: an ordinary finding that the outline places under another.
id: wage-deductions
title: Deductions to get the documents back
state: {state}
themes: [wage-theft, corruption]
{provisions}---
Workers had to pay to get their papers back, and the sum was taken from their wages{cite}.

![[t-construction-worker]]
"#,
            state = self.state,
            provisions = self.provisions(self.law.pay),
            cite = self.cite(self.law.pay),
        )
    }

    fn finding_health(&self) -> String {
        format!(
            r#"---
id: medical-care
title: Clinics turn away workers without their papers
state: {state}
themes: [health-care]
{provisions}---
Without their documents, workers are turned away from clinics{cite} [@survey, p. 6].[^union]

[^union]: An ordinary Markdown footnote: the trade union described such cases [@m-union].
"#,
            state = self.state,
            provisions = self.provisions(self.law.health),
            cite = self.cite(self.law.health),
        )
    }

    fn testimonies(&self) -> String {
        format!(
            r#"# yaml-language-server: $schema=../schemas/testimonies.schema.json
# Testimonies, each with the consent level its witness agreed to (docs/files/testimonies.md and
# docs/witness-protection.md in the rapporteur guide). These people are invented.

# Pseudonymous: the pseudonym, the description, the region, month and year are published; the
# real name is protected, and `rapporteur build` stops if it appears in any public file.
# `rapporteur pseudonym` proposes pseudonyms.
- id: t-farm-worker
  consent: pseudonymous
  speaker:
    name: "Dilbar Yusupova"
    pseudonym: "Malika S."
    description: "a seasonal farm worker"
    gender: female
    age: 29
{nationality}  date: 2024-09-12
  place: "Example Town"                # the exact place: published only for named witnesses
  region: "Example Region"             # published for pseudonymous witnesses
  country: {state}
  interviewer: {org_id}
  language: ru
  themes: [forced-labour]
  protected: ["+000 000 000 000"]     # more strings never to publish (a phone number, a nickname)
  text: |
    They gave me my passport back only when I agreed that a week of wages would be kept "for
    the paperwork".

# Anonymous: only the description, the country and the year are published.
- id: t-construction-worker
  consent: anonymous
  speaker:
    description: "a construction worker"
    gender: male
  date: 2024-10-02
  country: {state}
  interviewer: {org_id}
  paraphrased: true                    # the authors' paraphrase, marked as such in every output
  text: |
    He paid a month of wages to the foreman to get his passport back.

# Internal: never published, not even cited (not in the public interview figures either); kept
# for the authors and the internal edition (`rapporteur build --audience internal`).
- id: t-background
  consent: internal
  speaker:
    name: "Timur Rakhimov"
    description: "a worker who asked not to be quoted"
    gender: male
  date: 2024-10-05
  country: {state}
  interviewer: {org_id}
  text: |
    Background account for the authors only.
"#,
            state = self.state,
            org_id = self.org_id,
            nationality = self.nationality_line(),
        )
    }

    /// The witness's nationality: the second state of `--states` (migrants from it, working in
    /// the first); with one state none is given, since a migrant's nationality cannot be guessed
    /// (and the state's own nationals would make it the State of origin of the finding).
    fn nationality_line(&self) -> String {
        match self.states.get(1) {
            Some(origin) => format!("    nationality: {origin}\n"),
            None => String::new(),
        }
    }

    fn recommendations(&self) -> String {
        let docs = if self.law.documents.is_empty() {
            String::new()
        } else {
            format!(", as [[{}]] requires", self.law.documents)
        };
        let pay = self.cite(self.law.pay);
        let gov = format!("{}-gov", self.state.to_lowercase());
        format!(
            r#"# yaml-language-server: $schema=../schemas/recommendations.schema.json
# Recommendations (docs/files/recommendations.md in the rapporteur guide): `to:` names addressees
# of addressees.yaml; `findings:` the evidence each answers.
- id: {gov}-end-confiscation
  to: [{gov}]
  theme: forced-labour
  text: Make the confiscation of workers' identity documents by employers an offence{docs}.
  findings: [document-confiscation]
  priority: 1

- id: {gov}-labour-inspections
  to: [{gov}-labour]
  theme: wage-theft
  text: |
    Instruct the labour inspection to check that no deductions are made from wages to return
    documents{pay}.
  findings: [wage-deductions]
  priority: 2

- id: ilo-clinic-access
  to: [ilo]
  theme: health-care
  text: Support the authorities in guaranteeing urgent medical care to every worker.
  findings: [medical-care]
  priority: 3
"#
        )
    }

    fn addressees(&self) -> String {
        let gov = format!("{}-gov", self.state.to_lowercase());
        format!(
            r#"# yaml-language-server: $schema=schemas/addressees.schema.json
# Who recommendations are addressed to, as a tree (docs/files/recommendations.md in the
# rapporteur guide): a recommendation to the authorities concerns each of their members too.
- id: {gov}
  name: "The authorities of {name}"
  state: {state}
  members:
    - {{id: {gov}-labour, name: "Ministry of Labour"}}
- {{id: ilo, name: "The International Labour Organization"}}
"#,
            name = self.state_name,
            state = self.state,
        )
    }

    fn sources(&self) -> String {
        format!(
            r#"# yaml-language-server: $schema=schemas/sources.schema.json
# Documents cited and meetings held, cited in text as [@id] (docs/files/sources.md in the
# rapporteur guide).
documents:
  - id: survey
    title: "Migrant workers and their documents: a survey (example)"
    author: "{org}"
    date: 2024-12
meetings:
  - {{id: m-ministry, with: "Ministry of Labour", kind: government, state: {state}, date: 2024-11-14}}
  - {{id: m-union, with: "Trade union of construction workers", kind: trade-union, state: {state}, date: 2024-11-16}}
"#,
            org = self.org.replace('"', "'"),
            state = self.state,
        )
    }
}
