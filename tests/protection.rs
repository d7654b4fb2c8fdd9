//! Witness protection: the checks and commands around consent. The leak corpus (leak attempts
//! and legitimate texts) is `tests/leaks.rs`.
//!
//! The fixture `tests/fixtures/build` has a pseudonymous witness, real name "Nurlanbek Zhumabaev",
//! published as "Umar U.", with the protected phone number "+996 555 123 456".

mod harness;

use harness::{Project, build_into, rapporteur};

fn append(p: &Project, file: &str, text: &str) {
    let mut s = p.read(file);
    s.push_str(text);
    p.write(file, s);
}

fn replace(p: &Project, file: &str, from: &str, to: &str) {
    let s = p.read(file);
    assert!(s.contains(from), "`{from}` not in {file}");
    p.write(file, s.replacen(from, to, 1));
}

/// Contact details in a testimony's text are an error for `check`, whatever the consent.
#[test]
fn contact_details_in_testimony_text_are_errors() {
    let p = Project::fixture("build");
    replace(
        &p,
        "testimonies/all.yaml",
        "Nobody gave us a contract.",
        "Nobody gave us a contract; write to farm.worker@example.org or call +996 700 111 222.",
    );
    let run = p.check();
    assert_eq!(run.code, Some(1), "{run}");
    assert!(run.stdout.contains("error: the text of testimony `t-anon` contains an e-mail address (`farm.worker@example.org`): contact details are never published"), "{run}");
    assert!(
        run.stdout
            .contains("contains a phone number (`+996 700 111 222`)"),
        "{run}"
    );
}

/// `check` warns when a pseudonym shares the real initial, when two people share a pseudonym,
/// when a protected name part is published by another testimony, and about quasi-identifiers.
#[test]
fn check_warns_about_pseudonyms_and_quasi_identifiers() {
    let p = Project::fixture("build");
    replace(
        &p,
        "testimonies/all.yaml",
        "pseudonym: \"Umar U.\"",
        "pseudonym: \"Nurbek N.\"",
    );
    replace(
        &p,
        "testimonies/all.yaml",
        "speaker: {description: \"a seasonal farm worker\", gender: female}",
        "speaker: {description: \"a 41-year-old baker from Kara-Suu\", gender: female, age: 41, occupation: baker, pseudonym: \"Nurbek N.\", name: \"Aida Zhumabaeva\"}\n  region: \"Osh Oblast\"",
    );
    replace(
        &p,
        "testimonies/all.yaml",
        "- id: t-anon\n  consent: anonymous",
        "- id: t-anon\n  consent: pseudonymous",
    );
    let run = p.check();
    let out = &run.stdout;
    assert!(out.contains("warning: testimony `t-pseudo`: the pseudonym `Nurbek N.` starts with the same letter as the real first name"), "{run}");
    assert!(
        out.contains(
            "warning: testimony `t-anon` uses the pseudonym `Nurbek N.` of testimony `t-pseudo`"
        ),
        "{run}"
    );
    assert!(out.contains("the description names the exact place `Kara-Suu`; write the region (`Osh Oblast`) instead"), "{run}");
    assert!(
        out.contains("age, occupation, place and date together may identify the person"),
        "{run}"
    );
}

/// A name part that another witness publishes is reported, and `publishable` records the
/// authors' decision (and the audit then lets it through).
#[test]
fn shared_name_parts_are_reported_and_can_be_allowed() {
    let p = Project::fixture("build");
    replace(
        &p,
        "testimonies/all.yaml",
        "speaker: {description: \"a tester\", gender: undisclosed}",
        "speaker: {name: \"Nurlanbek Asanov\", description: \"a tester\", gender: undisclosed}",
    );
    replace(
        &p,
        "testimonies/all.yaml",
        "- id: t-hostile\n  consent: anonymous",
        "- id: t-hostile\n  consent: named",
    );
    let run = p.check();
    assert!(run.stdout.contains("warning: `Nurlanbek`, part of the real name in testimony `t-pseudo`, is also published by testimony `t-hostile`; the leak audit will stop a public build"), "{run}");
    let out = tempfile::tempdir().unwrap();
    let b = build_into(p.path(), out.path(), &["--only", "html"]);
    assert_eq!(b.code, Some(1), "{b}");
    replace(
        &p,
        "testimonies/all.yaml",
        "    pseudonym: \"Umar U.\"",
        "    pseudonym: \"Umar U.\"\n    publishable: [Nurlanbek]",
    );
    let run = p.check();
    assert!(
        !run.stdout.contains("shared-name") && !run.stdout.contains("is also published by"),
        "{run}"
    );
    let b = build_into(p.path(), out.path(), &["--only", "html"]);
    assert_eq!(b.code, Some(0), "{b}");
}

/// `pseudonym` proposes names of the speaker's gender and culture, never the real initials nor a
/// name already used, and a fresh seed gives other proposals.
#[test]
fn pseudonym_command_proposes_safe_names() {
    let fixture = harness::fixture_path("build");
    let run = rapporteur([
        "pseudonym",
        &fixture.display().to_string(),
        "--seed",
        "42",
        "--count",
        "6",
    ]);
    assert_eq!(run.code, Some(0), "{run}");
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("t-pseudo (kyrgyz, male; now `Umar U.`): "))
        .expect("a line for t-pseudo");
    let names: Vec<&str> = line.split(": ").nth(1).unwrap().split(", ").collect();
    assert_eq!(names.len(), 6);
    for n in &names {
        assert!(
            !n.starts_with('N') && !n.starts_with('Z') && !n.starts_with("Umar"),
            "{n}"
        );
    }
    let again = rapporteur([
        "pseudonym",
        &fixture.display().to_string(),
        "--seed",
        "42",
        "--count",
        "6",
    ]);
    assert_eq!(
        again.stdout, run.stdout,
        "the same seed repeats the proposals"
    );
    let other = rapporteur(["pseudonym", &fixture.display().to_string(), "--count", "6"]);
    assert!(other.stdout.contains("seed "), "{other}");
}

/// `audit` lists, per testimony, consent, where it is cited and how it is attributed.
#[test]
fn audit_command_reviews_every_testimony() {
    let run = rapporteur([
        "audit",
        &harness::fixture_path("build").display().to_string(),
    ]);
    assert_eq!(run.code, Some(0), "{run}");
    let out = &run.stdout;
    assert!(
        out.contains("3 testimonies (0 named, 1 pseudonymous, 2 anonymous, 0 internal)"),
        "{out}"
    );
    assert!(
        out.contains("t-pseudo  [pseudonymous]  testimonies/all.yaml:8  (paraphrased)"),
        "{out}"
    );
    assert!(
        out.contains("    embedded in finding `consent` (findings/consent.md)"),
        "{out}"
    );
    assert!(
        out.contains(
            "    publication (public): Umar U., a construction worker, Osh Oblast, March 2024"
        ),
        "{out}"
    );
    assert!(out.contains("    never published: `Nurlanbek Zhumabaev`, `Nurlanbek`, `Zhumabaev`, `+996 555 123 456`"), "{out}");
}

/// An internal testimony that nothing cites is what internal means: `check` does not warn about
/// it on every run; `audit` says once that it is kept for the authors and never published.
#[test]
fn an_uncited_internal_testimony_is_reported_once_by_audit_not_by_check() {
    let p = Project::base();
    p.write(
        "testimonies/internal.yaml",
        "- id: t-internal\n  consent: internal\n  speaker: {name: \"Aibek Sultanov\", description: \"a driver\"}\n  country: KGZ\n  text: Notes for the authors only.\n",
    );
    p.check().expect_clean();
    let run = rapporteur(["audit", &p.path().display().to_string()]);
    assert_eq!(run.code, Some(0), "{run}");
    assert_eq!(
        run.stdout
            .matches("1 internal testimony is not cited anywhere, as intended: kept for the authors, never published.")
            .count(),
        1,
        "{run}"
    );
}

/// `![[stats:interviews]]` becomes a table and a chart in the HTML and the PDF.
#[test]
#[cfg_attr(
    any(no_typst, no_pdftotext),
    ignore = "needs typst and pdftotext on PATH"
)]
fn interview_figures_appear_in_html_and_pdf() {
    let p = Project::fixture("build");
    append(&p, "chapters/intro.md", "\n![[stats:interviews]]\n");
    let out = tempfile::tempdir().unwrap();
    let run = build_into(p.path(), out.path(), &[]);
    assert_eq!(run.code, Some(0), "{run}");
    let html = std::fs::read_to_string(out.path().join("publication.html")).unwrap();
    assert!(html.contains("<figure class=\"stats\"><figcaption>3 interviews, March 2024 to March 2024</figcaption>"), "{html}");
    assert!(
        html.contains("<td>women</td><td class=\"num\">1 <span class=\"bar\""),
        "{html}"
    );
    let txt = harness::pdf_text(&out.path().join("publication.pdf"));
    assert!(
        txt.contains("3 interviews, March 2024 to March 2024"),
        "{txt}"
    );
}

/// Each output may have its own audience: one build writes the public artifacts to `out/` (after
/// the leak audit) and the internal ones to `out-internal/` beside it, never inside it.
#[test]
fn per_output_audiences_go_to_separate_folders() {
    let p = Project::fixture("build");
    replace(
        &p,
        "report.yaml",
        "  - publication: {formats: [html, pdf]}",
        "  - publication: {formats: [html]}\n  - publication: {formats: [html], audience: internal}",
    );
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let run = build_into(p.path(), &out, &[]);
    assert_eq!(run.code, Some(0), "{run}");
    let public = std::fs::read_to_string(out.join("publication.html")).unwrap();
    let internal =
        std::fs::read_to_string(tmp.path().join("out-internal/publication.html")).unwrap();
    assert!(
        !out.join("internal").exists(),
        "nothing internal inside out/"
    );
    assert!(!public.contains("Zhumabaev") && !public.contains("CONFIDENTIAL"));
    assert!(internal.contains("Nurlanbek Zhumabaev") && internal.contains("CONFIDENTIAL"));
}

/// `check` finds a protected name written in published source text, with its file and line,
/// before any build.
#[test]
fn check_finds_protected_names_in_the_sources() {
    let p = Project::fixture("build");
    append(&p, "findings/consent.md", "\nWe met Zhumabaev in March.\n");
    replace(
        &p,
        "sources.yaml",
        "A fictional source document",
        "Statement of Нурланбек",
    );
    let run = p.check();
    assert_eq!(run.code, Some(1), "{run}");
    let lines = p.read("findings/consent.md").lines().count();
    assert!(
        run.stdout.contains(&format!(
            "findings/consent.md:{lines}:8: error: `Zhumabaev` is protected by testimony `t-pseudo`"
        )),
        "{run}"
    );
    assert!(run.stdout.contains("sources.yaml:2:"), "{run}");
}

/// A whole protected name written in published text is one leak, reported once at the name,
/// not once more for each of its parts.
#[test]
fn check_reports_a_leaked_full_name_once_not_once_per_part() {
    let p = Project::fixture("build");
    append(
        &p,
        "findings/consent.md",
        "\nWe met Nurlanbek Zhumabaev in March.\n",
    );
    let run = p.check();
    assert_eq!(run.code, Some(1), "{run}");
    let lines = p.read("findings/consent.md").lines().count();
    let at = format!("findings/consent.md:{lines}:");
    let leaks: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with(&at) && l.contains("is protected by testimony"))
        .collect();
    assert_eq!(
        leaks,
        [format!(
            "{at}8: error: `Nurlanbek Zhumabaev` is protected by testimony `t-pseudo` (its consent level forbids publishing it), and this text is published"
        )],
        "{run}"
    );
}

/// A pseudonym that keeps a part of the real name, in any spelling, is an error unless the
/// authors list that part under `speaker.publishable`; an anonymous witness with a pseudonym is an
/// error.
#[test]
fn pseudonyms_that_keep_the_name_and_pseudonymous_anonymous_witnesses_are_errors() {
    let p = Project::fixture("build");
    replace(
        &p,
        "testimonies/all.yaml",
        "pseudonym: \"Umar U.\"",
        "pseudonym: \"Umar Jumabaev\"",
    );
    replace(
        &p,
        "testimonies/all.yaml",
        "speaker: {description: \"a seasonal farm worker\", gender: female}",
        "speaker: {description: \"a seasonal farm worker\", gender: female, pseudonym: \"Aida A.\"}",
    );
    let run = p.check();
    assert_eq!(run.code, Some(1), "{run}");
    assert!(run.stdout.contains("error: testimony `t-pseudo`: the pseudonym `Umar Jumabaev` contains `Zhumabaev`, part of the real name"), "{run}");
    assert!(
        run.stdout.contains(
            "error: testimony `t-anon` has consent `anonymous` but a `speaker.pseudonym`"
        ),
        "{run}"
    );
    replace(
        &p,
        "testimonies/all.yaml",
        "    pseudonym: \"Umar Jumabaev\"",
        "    pseudonym: \"Umar Jumabaev\"\n    publishable: [Zhumabaev]",
    );
    assert!(!p.check().stdout.contains("part of the real name"));
}

/// An internal testimony's words copied into published text (eight words or more in a row) are
/// an error at the copy, whatever the case and punctuation; fewer words are not.
#[test]
fn internal_testimony_text_copied_into_published_text_is_an_error() {
    let p = Project::fixture("build");
    append(
        &p,
        "testimonies/all.yaml",
        "- id: t-secret\n  consent: internal\n  speaker: {description: \"a guard\", gender: male}\n  date: 2024-03-20\n  country: KGZ\n  text: \"The manager locked the gate every night and kept the keys himself.\"\n",
    );
    append(
        &p,
        "findings/consent.md",
        "\nWe learnt that the MANAGER locked the gate, every night; and kept the keys.\n\nThe manager locked the gate.\n",
    );
    let run = p.check();
    let lines = p.read("findings/consent.md").lines().count();
    assert!(
        run.stdout.contains(&format!(
            "findings/consent.md:{}:16: error: this text copies testimony `t-secret`",
            lines - 2
        )),
        "{run}"
    );
    assert_eq!(run.stdout.matches("this text copies").count(), 1, "{run}");
}

/// A place finer than a region beside a witness who is not named warns: in the witness's own
/// text, in its `region:`, and in a finding's paragraph that names the pseudonym. A public build
/// of a strict project (the default) stops on these warnings and writes nothing; `strict: false`
/// lets it through; `build --deny-warnings` stops on any warning; a place the authors list under
/// `speaker.publishable` is no alarm.
#[test]
fn places_finer_than_a_region_warn_and_stop_strict_public_builds() {
    let p = Project::fixture("build");
    replace(
        &p,
        "testimonies/all.yaml",
        "We were paid half of what was promised.",
        "We were paid half of what was promised in Kara-Suu.",
    );
    replace(
        &p,
        "testimonies/all.yaml",
        "  place: \"Kara-Suu\"\n  country: KGZ\n  text: \"Nobody",
        "  place: \"Kara-Suu\"\n  region: \"Tash-Bulak village\"\n  country: KGZ\n  text: \"Nobody",
    );
    append(
        &p,
        "findings/consent.md",
        "\nUmar U. told us about the bazaar on Lenin Street, where he was hired.\n",
    );
    let run = p.check();
    assert_eq!(run.code, Some(0), "{run}");
    let out = &run.stdout;
    assert!(out.contains("testimonies/all.yaml:22:"), "{run}");
    assert!(out.contains("warning: testimony `t-pseudo`: its text names `Kara-Suu`, a place finer than a region, and the witness is pseudonymous"), "{run}");
    assert!(
        out.contains(
            "warning: testimony `t-anon`: the region `Tash-Bulak village` is finer than a region"
        ),
        "{run}"
    );
    assert!(out.contains("findings/consent.md:13:37: warning: `Lenin Street`, a place finer than a region, stands in the same paragraph as pseudonymous witness `Umar U.` (testimony `t-pseudo`)"), "{run}");

    let out_dir = harness::temp_out();
    let b = build_into(p.path(), out_dir.path(), &["--only", "html"]);
    assert_eq!(b.code, Some(1), "{b}");
    assert!(
        b.stderr.contains(
            "build stopped: 3 quasi-identifier warning(s) in a public build of a strict project"
        ),
        "{b}"
    );
    assert!(!out_dir.path().join("publication.html").exists(), "{b}");
    // An internal build publishes nothing: the quasi-identifiers do not stop it.
    let b = build_into(
        p.path(),
        out_dir.path(),
        &["--only", "html", "--audience", "internal"],
    );
    assert_eq!(b.code, Some(0), "{b}");

    append(&p, "report.yaml", "strict: false\n");
    let b = build_into(p.path(), out_dir.path(), &["--only", "html"]);
    assert_eq!(b.code, Some(0), "{b}");
    assert!(out_dir.path().join("publication.html").exists(), "{b}");
    let b = build_into(
        p.path(),
        out_dir.path(),
        &["--only", "html", "--deny-warnings"],
    );
    assert_eq!(b.code, Some(1), "{b}");
    assert!(b.stderr.contains("warning(s) and --deny-warnings"), "{b}");

    // The authors' judgement, per witness: these places are publishable.
    replace(
        &p,
        "testimonies/all.yaml",
        "    pseudonym: \"Umar U.\"",
        "    pseudonym: \"Umar U.\"\n    publishable: [Kara-Suu, Lenin Street]",
    );
    replace(
        &p,
        "testimonies/all.yaml",
        "Tash-Bulak village",
        "Osh Oblast",
    );
    let run = p.check();
    assert!(!run.stdout.contains("finer than a region"), "{run}");
}

/// Consent per purpose: a public output that would carry a testimony its witness did not
/// consent to for that purpose (the publication; `un` for a submission to a UN body), or whose
/// consent was withdrawn, is refused by `check` and by `build` with an error at the testimony,
/// and nothing is written; an internal build is not refused; an internal testimony consented to
/// the publication is a contradiction; `audit` prints the matrix; a file without `purposes:`
/// keeps the meaning of its level.
#[test]
fn a_testimony_goes_only_into_outputs_its_witness_consented_to() {
    let p = Project::fixture("build");
    append(
        &p,
        "report.yaml",
        "  - alternative-report: {body: CMW, state: KGZ, publish: true, formats: [html]}\n",
    );
    // Before: no `purposes:` anywhere, every public output allowed, as before.
    let run = p.check();
    assert_eq!(run.code, Some(0), "{run}");
    let audit = rapporteur(["audit", &p.path().display().to_string()]);
    assert!(
        audit
            .stdout
            .contains("t-pseudo    by level            by level            by level            no"),
        "{audit}"
    );

    replace(
        &p,
        "testimonies/all.yaml",
        "  protected: [\"+996 555 123 456\"]\n",
        "  protected: [\"+996 555 123 456\"]\n  purposes:\n    publication: {date: 2024-03-14}\n    un: {date: 2024-03-14, withdrawn: 2025-01-10}\n",
    );
    let run = p.check();
    assert_eq!(run.code, Some(1), "{run}");
    assert!(run.stdout.contains("testimonies/all.yaml:24:9: error: testimony `t-pseudo` is in the alternative report to the CMW on KGZ, but its witness withdrew consent to UN submissions on "), "{run}");
    assert!(!run.stdout.contains("is in the publication"), "{run}");
    let out = harness::temp_out();
    let b = build_into(p.path(), out.path(), &["--only", "html"]);
    assert_eq!(b.code, Some(1), "{b}");
    assert!(
        b.stderr
            .contains("error: testimony `t-pseudo` is in the alternative report to the CMW on KGZ"),
        "{b}"
    );
    assert!(b.stderr.contains("nothing was written"), "{b}");
    assert!(!out.path().join("publication.html").exists(), "{b}");
    let b = build_into(
        p.path(),
        out.path(),
        &["--only", "html", "--audience", "internal"],
    );
    assert_eq!(b.code, Some(0), "{b}");
    let audit = rapporteur(["audit", &p.path().display().to_string()]);
    assert!(
        audit.stdout.contains(
            "t-pseudo    given 2024-03-14    withdrawn 2025-01-10  no                  no"
        ),
        "{audit}"
    );

    // The publication left out: refused there too.
    replace(
        &p,
        "testimonies/all.yaml",
        "    publication: {date: 2024-03-14}\n",
        "",
    );
    let run = p.check();
    assert!(run.stdout.contains("error: testimony `t-pseudo` is in the publication, but its witness did not consent to the publication (`purposes:` has no `publication`)"), "{run}");

    // An internal testimony consented to the publication contradicts its level.
    replace(
        &p,
        "testimonies/all.yaml",
        "- id: t-anon\n  consent: anonymous",
        "- id: t-anon\n  consent: internal\n  purposes: {publication: {date: 2024-03-15}}",
    );
    let run = p.check();
    assert!(run.stdout.contains("error: testimony `t-anon` has consent `internal` (never published) but `purposes:` consents to the publication"), "{run}");
}

/// Every project under `dir` (a folder with a report.yaml), sorted.
fn projects_under(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    if dir.join("report.yaml").is_file() {
        out.push(dir.to_path_buf());
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut dirs: Vec<_> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for d in dirs {
        projects_under(&d, out);
    }
}

/// The testimonies an output carries, as `check` and `audit` learn them without building its
/// view ([`rapporteur::view::carried`]), and as the view records them while it converts the
/// output's texts: the same, for every output of every project the repository has (each for
/// both audiences), and for a project whose texts bring testimonies in every way the
/// conversion reads: cited and embedded, in footnotes called twice, from a note inside a note,
/// in a note never called (not carried), in a heading, a table and a list, by a testimony
/// embedded in turn.
#[test]
fn an_outputs_testimonies_known_without_its_view_are_those_its_view_carries() {
    use rapporteur::model::raw::Audience;
    use rapporteur::model::resolved::Output;
    use rapporteur::view::{carried::Carriage, publication, submission};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut projects = vec![root.join("content")];
    for dir in ["examples", "tests"] {
        projects_under(&root.join(dir), &mut projects);
    }
    let tricky = tricky_carriage_project();
    projects.push(tricky.path().to_path_buf());
    let (mut outputs, mut nonempty) = (0, 0);
    for project in &projects {
        let Ok(checked) = rapporteur::check_inputs(project) else {
            continue;
        };
        let (r, ds) = (&checked.report, &checked.dataset);
        let carriage = Carriage::of(r);
        for audience in [Audience::Public, Audience::Internal] {
            for o in &r.outputs {
                let (fast, view) = match o {
                    Output::Publication { .. } => (
                        carriage.publication(),
                        publication::publication(r, ds, audience).testimonies,
                    ),
                    Output::Submission(sub) => (
                        carriage.submission(ds, sub, audience),
                        submission::build(r, ds, sub, audience).testimonies,
                    ),
                    Output::Recommendations { .. } => continue,
                };
                assert_eq!(fast, view, "{}: {o:?}", project.display());
                outputs += 1;
                nonempty += usize::from(!view.is_empty());
            }
        }
    }
    assert!(
        outputs >= 60 && nonempty >= 40,
        "{outputs} outputs, {nonempty} carrying"
    );
    // The tricky project: what its publication carries, and what it does not.
    let checked = rapporteur::check_inputs(tricky.path()).unwrap();
    let carried = Carriage::of(&checked.report).publication();
    let want = [
        "t-cited",
        "t-embedded",
        "t-heading",
        "t-inner",
        "t-list",
        "t-note",
        "t-note-in-note",
        "t-table",
        "t-worker",
    ];
    assert_eq!(carried.iter().collect::<Vec<_>>(), want, "{carried:?}");
}

/// A copy of the base fixture whose texts bring testimonies in every way the conversion reads
/// them (see the test above); `t-uncalled` is only in a note that is never called.
fn tricky_carriage_project() -> Project {
    let p = Project::base();
    let mut testimonies = p.read("testimonies/workers.yaml");
    for (id, text) in [
        ("t-cited", "Cited."),
        (
            "t-embedded",
            "Embedded, and it embeds another:\n\n    ![[t-inner]]",
        ),
        ("t-inner", "Inside another."),
        ("t-heading", "In a heading."),
        ("t-note", "In a note."),
        ("t-note-in-note", "In a note inside a note."),
        ("t-uncalled", "In a note never called."),
        ("t-table", "In a table."),
        ("t-list", "In a list."),
    ] {
        testimonies.push_str(&format!(
            "- id: {id}\n  consent: anonymous\n  speaker: {{description: \"a worker\"}}\n  date: 2023-10-02\n  country: KGZ\n  text: |\n    {text}\n"
        ));
    }
    p.write("testimonies/workers.yaml", testimonies);
    let finding = p.read("findings/wages.md");
    p.write(
        "findings/wages.md",
        format!(
            "{finding}\nA citation [@t-cited], twice [@ t-cited, para. 2].\n\n![[t-embedded]]\n\n\
             ## Heading [@t-heading]\n\n| a | b |\n| --- | --- |\n| [@t-table] | x |\n\n\
             - an item [@t-list]\n\nA note[^n], called again[^n], and one inside[^outer].\n\n\
             [^n]: Said [@t-note].\n[^outer]: Outer[^inner].\n[^inner]: Inner [@t-note-in-note].\n\
             [^never]: Never called [@t-uncalled].\n"
        ),
    );
    p
}
