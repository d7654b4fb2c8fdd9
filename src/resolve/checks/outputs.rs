//! The check of the outputs of report.yaml: the formats each takes, the sheets' grouping, and
//! the submissions: their body (a treaty body, or the UPR), language, the state's standing,
//! what they carry (in scope of the body and state) and their file names, one per submission.

use super::super::{Raw, Resolver, scope};
use crate::conventions::{Body, BodyKind, Status};
use crate::diagnostic::{Diagnostic, Location, with_suggestion};
use crate::model::raw::{self, Format};
use crate::model::resolved::*;
use std::collections::{BTreeMap, BTreeSet};

/// The parts of a submission output that name records of the project.
struct SubmissionFields<'a> {
    contact: &'a Option<String>,
    findings: &'a Option<Vec<raw::S>>,
    recommendations: &'a Option<Vec<raw::S>>,
    list_of_issues: &'a [raw::IssueEntry],
    questions: &'a [raw::QuestionEntry],
}

/// What a submission may carry: findings and recommendations about its state that engage the
/// instruments of its body.
struct SubmissionScope<'a> {
    file: &'a str,
    report: &'a Report,
    instruments: scope::Instruments<'a>,
    state: &'a str,
}

/// What a submission carries by id.
#[derive(Clone, Copy)]
enum Carried {
    Finding,
    Recommendation,
}

impl Carried {
    /// The kind of id, as `unknown` names it.
    fn kind(self) -> &'static str {
        match self {
            Carried::Finding => "finding",
            Carried::Recommendation => "recommendation",
        }
    }

    fn scope_hint(self) -> &'static str {
        match self {
            Carried::Finding => {
                "a submission carries only findings about its state that engage the body's instrument"
            }
            Carried::Recommendation => {
                "a submission carries only recommendations to its state that engage the body's instrument"
            }
        }
    }
}

impl Resolver<'_> {
    /// Each output of report.yaml resolved into `report.outputs`; none at all is a warning.
    pub(super) fn check_outputs(&mut self, raw: &Raw, report: &mut Report) {
        let Some((file, m)) = &raw.manifest else {
            return;
        };
        if m.outputs.is_empty() {
            self.diags.push(
                Diagnostic::warning(
                    "no-outputs",
                    Location::new(file, 1, 1),
                    "report.yaml has no `outputs:`, so `build` writes nothing",
                )
                .with_hint("add for example `outputs: [{publication: {formats: [html, pdf]}}]`"),
            );
        }
        // Submission file names (`cescr-kaz`) already used, and where.
        let mut names: BTreeMap<String, Location> = BTreeMap::new();
        for o in &m.outputs {
            let at = Location::new(file, o.referenced.line(), o.referenced.column());
            let output = match &o.value {
                raw::Output::Publication(p) => {
                    self.formats(&at, "a publication", &p.formats, raw::PUBLICATION_FORMATS);
                    if p.formats.contains(&raw::Format::Docx) {
                        self.cover_in_word(&at, report);
                    }
                    Some(Output::Publication {
                        formats: p.formats.clone(),
                        audience: p.audience,
                    })
                }
                raw::Output::Recommendations(r) => Some(self.sheets(file, &at, r)),
                raw::Output::Upr(u) => self.upr_submission(file, &at, u, report),
                raw::Output::AlternativeReport(a) => self.alternative_report(file, &at, a, report),
            };
            let Some(output) = output else { continue };
            if let Output::Submission(sub) = &output {
                self.check_submission_name(&mut names, sub, &at);
            }
            report.outputs.push(output);
        }
    }

    /// A warning for each cover image the Word publication cannot draw: an SVG or WebP image
    /// without a PNG or JPEG of the same name beside it.
    fn cover_in_word(&mut self, at: &Location, report: &Report) {
        let cover = &report.meta.cover;
        for image in [&cover.logo, &cover.image].into_iter().flatten() {
            if image.raster.is_some() {
                continue;
            }
            let (stem, _) = image.path.rsplit_once('.').unwrap_or((&image.path, ""));
            self.diags.push(
                Diagnostic::warning(
                    "cover-image-not-in-word",
                    at.clone(),
                    format!(
                        "the Word publication leaves out the cover's `{}`: Word draws PNG, JPEG and GIF images only",
                        image.path
                    ),
                )
                .with_hint(format!(
                    "put a PNG or JPEG copy of it beside it, `{stem}.png`: the Word file uses that"
                )),
            );
        }
    }

    /// Recommendation sheets, made by addressee.
    fn sheets(&mut self, file: &str, at: &Location, r: &raw::RecommendationsOutput) -> Output {
        if r.by.value != "addressee" {
            let at = self.loc(file, &r.by);
            let msg = with_suggestion(
                format!("unknown grouping `{}`", r.by.value),
                &r.by.value,
                ["addressee"],
            );
            self.diags.push(
                Diagnostic::error("bad-value", at, msg)
                    .with_hint("recommendation sheets are made `by: addressee`"),
            );
        }
        self.formats(at, "recommendations", &r.formats, raw::SHEET_FORMATS);
        Output::Recommendations {
            formats: r.formats.clone(),
            audience: r.audience,
        }
    }

    /// A UPR submission (the UPR reviews every state, on every instrument).
    fn upr_submission(
        &mut self,
        file: &str,
        at: &Location,
        u: &raw::UprOutput,
        report: &Report,
    ) -> Option<Output> {
        self.formats(at, "a UPR submission", &u.formats, raw::SUBMISSION_FORMATS);
        if let Some(upr) = self.ds.body("UPR") {
            self.submission_language(at, upr, &report.meta.language);
        }
        let state = self.state(file, &u.state)?;
        let content = SubmissionFields {
            contact: &u.contact,
            findings: &u.findings,
            recommendations: &u.recommendations,
            list_of_issues: &[],
            questions: &u.questions,
        };
        let sub = self.submission(file, report, None, &state, content);
        Some(Output::Submission(Box::new(Submission {
            session: u.session.as_ref().map(|s| s.value.clone()),
            deadline: None,
            coalition: u.coalition.unwrap_or(report.meta.authors.len() > 1),
            formats: u.formats.clone(),
            audience: u.audience,
            publish: Some(true),
            ..sub
        })))
    }

    /// An alternative report to a treaty body on a state the body reviews.
    fn alternative_report(
        &mut self,
        file: &str,
        at: &Location,
        a: &raw::AlternativeReportOutput,
        report: &Report,
    ) -> Option<Output> {
        self.formats(
            at,
            "an alternative report",
            &a.formats,
            raw::SUBMISSION_FORMATS,
        );
        let state = self.state(file, &a.state);
        let body = self.treaty_body(file, &a.body);
        let deadline = a.deadline.as_ref().and_then(|d| self.date(file, d));
        if let Some(b) = &body {
            self.submission_language(at, b, &report.meta.language);
        }
        let (Some(b), Some(s)) = (body, state) else {
            return None;
        };
        if !self.body_reviews(file, &a.state, &b, &s) {
            return None;
        }
        let content = SubmissionFields {
            contact: &a.contact,
            findings: &a.findings,
            recommendations: &a.recommendations,
            list_of_issues: &a.list_of_issues,
            questions: &a.questions,
        };
        let sub = self.submission(file, report, Some(&b), &s, content);
        Some(Output::Submission(Box::new(Submission {
            session: a.session.as_ref().map(|x| x.value.clone()),
            deadline,
            coalition: a.coalition.unwrap_or(report.meta.authors.len() > 1),
            formats: a.formats.clone(),
            audience: a.audience,
            publish: a.publish,
            ..sub
        })))
    }

    /// The treaty body `body:` names: a body of another kind, or none, is an error.
    fn treaty_body(&mut self, file: &str, body: &raw::S) -> Option<Body> {
        match self.ds.body(&body.value) {
            Some(b) if b.kind == BodyKind::TreatyBody => Some(b.clone()),
            Some(b) => {
                let at = self.loc(file, body);
                let hint = if b.kind == BodyKind::Upr {
                    "use `upr: {state: ...}` for a UPR submission"
                } else {
                    "alternative reports go to UN treaty bodies"
                };
                self.diags.push(
                    Diagnostic::error("bad-value", at, format!("`{}` is not a treaty body", b.id))
                        .with_hint(hint),
                );
                None
            }
            None => {
                let at = self.loc(file, body);
                let ids: Vec<String> = self
                    .ds
                    .bodies
                    .values()
                    .filter(|b| b.kind == BodyKind::TreatyBody)
                    .map(|b| b.id.clone())
                    .collect();
                let msg = with_suggestion(
                    format!("unknown treaty body `{}`", body.value),
                    &body.value,
                    ids.iter().map(String::as_str),
                );
                self.diags.error("unknown-reference", at, msg);
                None
            }
        }
    }

    /// Whether treaty body `b` reviews state `s`: the state is a party to the body's main
    /// instrument (an error if it is known not to be, a warning if the dataset does not know).
    fn body_reviews(&mut self, file: &str, state_at: &raw::S, b: &Body, s: &str) -> bool {
        let main = b.instruments.first().cloned().unwrap_or_default();
        let status = self.ds.standing(s, &main).status;
        if status == Status::Unknown {
            let at = self.loc(file, state_at);
            self.diags.push(
                Diagnostic::warning(
                    "status-unknown",
                    at,
                    format!(
                        "the dataset does not know whether {} is a party to the {main}: check the UN Treaty Collection before submitting to the {}",
                        self.state_name(s),
                        b.id
                    ),
                )
                .with_hint("record the fact in the project's conventions/ (see `rapporteur conventions import`)"),
            );
        }
        if matches!(status, Status::Party | Status::Unknown) {
            return true;
        }
        let at = self.loc(file, state_at);
        let how = match status {
            Status::Signatory => "has signed but not ratified",
            Status::Denounced => "has denounced",
            _ => "is not a party to",
        };
        self.diags.push(
            Diagnostic::error(
                "not-party",
                at,
                format!(
                    "{} {how} the {main}, so the {} does not review it: no alternative report to the {} on {s}",
                    self.state_name(s),
                    b.id,
                    b.id
                ),
            )
            .with_hint(format!("the UPR reviews every state: use `upr: {{state: {s}}}`, or pick a body whose instrument {s} has ratified")),
        );
        false
    }

    /// Two submissions with one file name (the same body and state) would overwrite each other.
    fn check_submission_name(
        &mut self,
        names: &mut BTreeMap<String, Location>,
        sub: &Submission,
        at: &Location,
    ) {
        let name = sub.slug();
        if let Some(first) = names.get(&name) {
            let msg = format!(
                "a second submission named `{name}` (the same body and state, first given at line {}): its files would replace the first's",
                first.line
            );
            self.diags.push(
                Diagnostic::error("duplicate-id", at.clone(), msg)
                    .with_hint("keep one output per body and state"),
            );
        } else {
            names.insert(name, at.clone());
        }
    }

    /// Resolves what a submission names (findings, recommendations, the list of issues, the
    /// authors' questions) and checks that each is in the submission's scope.
    fn submission(
        &mut self,
        file: &str,
        report: &Report,
        body: Option<&Body>,
        state: &str,
        c: SubmissionFields,
    ) -> Submission {
        let sc = SubmissionScope {
            file,
            report,
            instruments: match body {
                Some(b) => scope::Instruments::Body(&b.instruments),
                None => scope::Instruments::All,
            },
            state,
        };
        let findings = c.findings.as_ref().map(|v| {
            v.iter()
                .filter_map(|s| self.scoped(&sc, s, Carried::Finding))
                .collect()
        });
        let list_of_issues = self.list_of_issues(&sc, c.list_of_issues);
        let mut questions = BTreeMap::new();
        for q in c.questions {
            if let Some(id) = self.scoped(&sc, &q.finding, Carried::Finding) {
                questions.insert(id, q.text.trim().to_string());
            }
        }
        let recommendations = c.recommendations.as_ref().map(|v| {
            v.iter()
                .filter_map(|s| self.scoped(&sc, s, Carried::Recommendation))
                .collect()
        });
        Submission {
            mechanism: match body {
                Some(b) => Mechanism::TreatyBody(b.id.clone()),
                None => Mechanism::Upr,
            },
            state: state.to_string(),
            session: None,
            deadline: None,
            coalition: false,
            formats: vec![],
            audience: None,
            publish: None,
            contact: c.contact.clone(),
            findings,
            recommendations,
            list_of_issues,
            questions,
        }
    }

    /// The paragraphs of the list of issues, each given once, with the findings that answer it.
    fn list_of_issues(&mut self, sc: &SubmissionScope, entries: &[raw::IssueEntry]) -> Vec<Issue> {
        let mut list_of_issues = vec![];
        let mut seen = BTreeSet::new();
        for e in entries {
            if !seen.insert(e.paragraph.value) {
                let at = self.loc(sc.file, &e.paragraph);
                self.diags.error(
                    "duplicate-id",
                    at,
                    format!(
                        "paragraph {} of the list of issues is given twice",
                        e.paragraph.value
                    ),
                );
            }
            list_of_issues.push(Issue {
                paragraph: e.paragraph.value,
                text: e.text.clone(),
                findings: e
                    .findings
                    .iter()
                    .filter_map(|s| self.scoped(sc, s, Carried::Finding))
                    .collect(),
            });
        }
        list_of_issues
    }

    /// A finding or recommendation a submission names: known, and in the submission's scope.
    fn scoped(&mut self, sc: &SubmissionScope, s: &raw::S, what: Carried) -> Option<String> {
        let index = match (what, self.ids.get(&s.value)) {
            (Carried::Finding, Some((Target::Finding(i), _)))
            | (Carried::Recommendation, Some((Target::Recommendation(i), _))) => *i,
            _ => {
                let at = self.loc(sc.file, s);
                let kind = what.kind();
                self.unknown("unknown-reference", at, kind, &s.value, &[kind]);
                return None;
            }
        };
        let out_of_scope = match what {
            Carried::Finding => scope::finding_out_of_scope,
            Carried::Recommendation => scope::recommendation_out_of_scope,
        };
        let Some(why) = out_of_scope(sc.report, self.ds, &sc.instruments, sc.state, index) else {
            return Some(s.value.clone());
        };
        let at = self.loc(sc.file, s);
        self.diags
            .push(Diagnostic::error("out-of-scope", at, why).with_hint(what.scope_hint()));
        None
    }

    /// A submission in a language its body does not take is an error, where the dataset records
    /// the body's languages (with their source).
    fn submission_language(&mut self, at: &Location, body: &Body, tag: &str) {
        let Some(accepted) = body.submission.as_ref().map(|s| &s.languages) else {
            return;
        };
        let language = crate::locale::tag::language_of(tag);
        if accepted.is_empty() || accepted.contains(&language) {
            return;
        }
        let mut d = Diagnostic::error(
            "submission-language",
            at.clone(),
            format!(
                "the {} takes submissions in {}, not in `{tag}` (the report's `language:`)",
                body.id,
                accepted
                    .iter()
                    .map(|l| format!("`{l}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
        .with_hint(format!(
            "write the submission in one of them: set `language:` in report.yaml to {0}, or add an edition in one of them (`languages:` in report.yaml) and move this output to its `translations/<tag>/report.yaml` (docs/languages.md)",
            accepted.join(", ")
        ));
        if let Some(src) = body.submission.as_ref().and_then(|s| s.source.as_ref()) {
            d = d.with_note(format!("source: {src}"));
        }
        self.diags.push(d);
    }

    /// Each format is one the output takes.
    fn formats(&mut self, at: &Location, what: &str, formats: &[Format], allowed: &[Format]) {
        for f in formats {
            if !allowed.contains(f) {
                let list: Vec<String> = allowed
                    .iter()
                    .map(|a| format!("{a:?}").to_lowercase())
                    .collect();
                self.diags.error(
                    "bad-value",
                    at.clone(),
                    format!(
                        "format `{}` is not available for {what} (available: {})",
                        format!("{f:?}").to_lowercase(),
                        list.join(", ")
                    ),
                );
            }
        }
    }
}
