//! Integration tests: the real `rapporteur` binary run on report projects.
//!
//! Every invalid fixture under `tests/fixtures/invalid/<kind>/` is `tests/fixtures/valid/base/`
//! with one thing broken (see `tests/fixtures/README.md`); each test pins the exact
//! `path:line:col: severity: message` lines that `check --format short` prints, and the exit code.

mod harness;

use harness::{Project, fixture_path, rapporteur, repo};

/// `check --format short` on `tests/fixtures/invalid/<kind>`.
fn check_invalid(kind: &str) -> harness::Run {
    Project::fixture(&format!("invalid/{kind}")).check()
}

// ------------------------------------------------------------------ valid projects

/// The base that every invalid fixture is derived from is itself clean.
#[test]
fn base_fixture_is_clean() {
    Project::base().check().expect_clean();
}

/// Every project under examples/ checks with no error and no warning.
#[test]
fn examples_check_clean() {
    let mut seen = 0;
    for entry in std::fs::read_dir(repo().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            seen += 1;
            let run = Project::copy_of(&path).check();
            assert_eq!(run.code, Some(0), "{}\n{run}", path.display());
            assert_eq!(
                run.diagnostics(),
                Vec::<&str>::new(),
                "{}\n{run}",
                path.display()
            );
            assert_eq!(
                run.totals(),
                "0 errors, 0 warnings",
                "{}\n{run}",
                path.display()
            );
        }
    }
    assert!(seen > 0, "no example under examples/");
}

/// The minimal example has what its report.yaml promises (so it stays a complete example).
#[test]
fn minimal_example_has_every_kind_of_record() {
    let run = rapporteur(["check", "examples/minimal", "--format", "short"]);
    assert_eq!(run.code, Some(0), "{run}");
    assert_eq!(
        run.stdout.lines().next().unwrap(),
        "examples/minimal: 1 chapter, 3 findings, 3 testimonies, 3 recommendations, 3 addressees, 1 document, 2 meetings"
    );
}

/// The flagship `content/` project checks without errors (warnings are allowed).
#[test]
fn flagship_content_checks_without_errors() {
    let run = rapporteur(["check", "content", "--format", "short"]);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(run.totals().starts_with("0 errors, "), "{run}");
    assert!(run.stderr.is_empty(), "{run}");
}

/// Every invalid fixture really is invalid: it fails, or at least warns.
#[test]
fn every_invalid_fixture_is_reported() {
    for entry in std::fs::read_dir(fixture_path("invalid")).unwrap() {
        let path = entry.unwrap().path();
        let run = Project::copy_of(&path).check();
        let clean = run.code == Some(0) && run.totals() == "0 errors, 0 warnings";
        assert!(!clean, "{} checks clean\n{run}", path.display());
    }
}

/// Every invalid fixture is used by a test of this file (no stale fixtures).
#[test]
fn every_invalid_fixture_has_a_test() {
    let source = include_str!("cli.rs");
    for entry in std::fs::read_dir(fixture_path("invalid")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            source.contains(&format!("\"{name}\""))
                || source.contains(&format!("\"invalid/{name}\"")),
            "tests/fixtures/invalid/{name} is used by no test"
        );
    }
}

/// CRLF line endings and a byte-order mark change neither the lines nor the columns reported.
#[test]
fn positions_survive_crlf_and_bom() {
    let p = Project::fixture("invalid/unknown-theme");
    let crlf = p.read("findings/wages.md").replace('\n', "\r\n");
    p.write("findings/wages.md", format!("\u{feff}{crlf}"));
    p.check().expect(
        1,
        &["findings/wages.md:5:10: error: unknown theme `wage-theff`; did you mean `wage-theft`?"],
    );
}

/// Columns count characters, not bytes, in Markdown bodies and in quoted YAML text.
#[test]
fn columns_count_characters() {
    let p = Project::base();
    let body = p.read("findings/wages.md").replace(
        "Employers withhold wages",
        "Работодатели — employers — withhold wages",
    );
    p.write(
        "findings/wages.md",
        body.replace("[[ICRMW art. 25]].", "[[ICCPR art. 99]]."),
    );
    let t = p.read("testimonies/workers.yaml");
    p.write(
        "testimonies/workers.yaml",
        t.replace(
            "text: |\n    They paid us nothing for three months.",
            "text: \"Ош: [[ICCPR art. 98]]\"",
        ),
    );
    p.check().expect(
        1,
        &[
            "findings/wages.md:8:68: error: article 99 is out of range: ICCPR has 53 articles (1 to 53; `rapporteur conventions ICCPR` lists their subjects)",
            "testimonies/workers.yaml:10:14: error: article 98 is out of range: ICCPR has 53 articles (1 to 53; `rapporteur conventions ICCPR` lists their subjects)",
        ],
    );
}

// ------------------------------------------------------------------ YAML and files

/// A YAML syntax error (an unclosed `[`) points at the bracket that is never closed, and the
/// broken manifest causes no follow-on errors (its author ids are not reported unknown).
#[test]
fn reports_yaml_syntax_error() {
    check_invalid("yaml-syntax").expect(
        1,
        &["report.yaml:6:9: error: invalid YAML: this `[` is never closed (the parser stopped at line 7: illegal placement of ':' indicator)"],
    );
}

/// A missing required field is named, at the start of the record it is missing from.
#[test]
fn reports_missing_required_field() {
    check_invalid("missing-field").expect(
        1,
        &["recommendations/recs.yaml:1:3: error: missing required field `to`"],
    );
}

/// A value of the wrong type (`priority: high`) is reported at the value, in plain words.
#[test]
fn reports_wrong_type_at_the_value() {
    check_invalid("wrong-type").expect(
        1,
        &["recommendations/recs.yaml:6:13: error: wrong type: expected a whole number"],
    );
}

/// An unknown field in front matter is reported at its line in the Markdown file, with the
/// nearest field name.
/// The finding that could not be read causes no follow-on diagnostics.
#[test]
fn reports_unknown_field_with_suggestion() {
    check_invalid("unknown-field").expect(
        1,
        &["findings/wages.md:3:1: error: unknown field `titel`; did you mean `title`?"],
    );
}

/// A key written twice in one mapping is an error at the second one, with no follow-on errors.
#[test]
fn reports_duplicate_key() {
    check_invalid("duplicate-key").expect(
        1,
        &["testimonies/workers.yaml:8:3: error: duplicate key `date`: a key may appear only once in a mapping"],
    );
}

/// An unknown enumeration value (`consent: pseudonimous`) suggests the nearest allowed value.
/// The testimony that could not be read is not reported unknown where it is embedded.
#[test]
fn reports_unknown_enum_value_with_suggestion() {
    check_invalid("unknown-value").expect(
        1,
        &["testimonies/workers.yaml:2:12: error: unknown value `pseudonimous`; did you mean `pseudonymous`?"],
    );
}

/// An impossible date is reported at the date, with the rule.
#[test]
fn reports_bad_date() {
    check_invalid("bad-date").expect(
        1,
        &["testimonies/workers.yaml:7:9: error: invalid date `2017-13-01`: the month must be 01 to 12; write dates as YYYY, YYYY-MM or YYYY-MM-DD"],
    );
}

/// A date written day first (`15.06.2026`), as many authors write it, is reported with its
/// year-first form rather than as a date whose year has the wrong length.
#[test]
fn reports_day_first_date_with_its_year_first_form() {
    let p = Project::fixture("invalid/bad-date");
    let yaml = p
        .read("testimonies/workers.yaml")
        .replace("2017-13-01", "15.06.2017");
    p.write("testimonies/workers.yaml", yaml);
    p.check().expect(
        1,
        &["testimonies/workers.yaml:7:9: error: invalid date `15.06.2017`: dates are written year first: `2017-06-15` (YYYY, YYYY-MM or YYYY-MM-DD)"],
    );
}

/// A testimony without `consent:` is reported at the testimony, with the four levels to choose
/// from.
#[test]
fn reports_missing_consent_with_the_levels() {
    let p = Project::base();
    let yaml = p
        .read("testimonies/workers.yaml")
        .replace("  consent: pseudonymous\n", "");
    p.write("testimonies/workers.yaml", yaml);
    let run = p.check();
    run.expect(
        1,
        &["testimonies/workers.yaml:1:3: error: missing required field `consent`"],
    );
    assert!(
        run.hints().iter().any(|h| h.ends_with("help: add `consent:` with one of named, pseudonymous, anonymous, internal (what each publishes: `rapporteur explain consent`)")),
        "{run}"
    );
}

/// A finding whose front matter is never closed says so, without follow-on errors.
#[test]
fn reports_unclosed_front_matter() {
    check_invalid("unclosed-front-matter").expect(
        1,
        &["findings/wages.md:1:1: error: front matter opened with `---` on line 1 is never closed: end it with a line holding only `---`"],
    );
}

/// A file with a NUL byte is reported as binary, at the byte.
#[test]
fn reports_binary_file_with_nul_byte() {
    let p = Project::base();
    p.write(
        "findings/notes.md",
        b"---\nid: notes\ntitle: N\n---\nab\0cd\n",
    );
    p.check().expect(
        1,
        &["findings/notes.md:5:3: error: not a text file: it contains a NUL byte (is it a binary file, or saved as UTF-16?); save it as UTF-8 text"],
    );
}

/// A file that is not valid UTF-8 is reported at the first bad byte (columns in characters).
#[test]
fn reports_invalid_utf8_file() {
    let p = Project::base();
    p.write("findings/notes.md", b"caf\xc3\xa9 \xff\n");
    p.check().expect(1, &["findings/notes.md:1:6: error: not a text file: it is not valid UTF-8; save it as UTF-8 text"]);
}

/// A file with the wrong extension in a content folder is skipped with a warning.
#[test]
fn warns_about_ignored_file() {
    let p = Project::base();
    p.write("findings/draft.txt", "notes");
    p.check().expect(
        0,
        &["findings/draft.txt:1:1: warning: ignored: files in `findings/` must end in .md"],
    );
}

// ------------------------------------------------------------------ ids and references

/// An unknown addressee id suggests the nearest one.
#[test]
fn reports_unknown_addressee_with_suggestion() {
    check_invalid("unknown-addressee")
        .expect(1, &["recommendations/recs.yaml:2:8: error: unknown addressee `kgz-mlms`; did you mean `kgz-mlsm`?"]);
}

/// An id defined twice, in two files, names the first definition.
#[test]
fn reports_duplicate_id_across_files_naming_the_first() {
    check_invalid("duplicate-id").expect(
        1,
        &["recommendations/second.yaml:1:7: error: duplicate id `pay-wages`: already used by the recommendation at recommendations/recs.yaml:1:7"],
    );
}

/// An id with capitals or underscores is an error.
#[test]
fn reports_malformed_id() {
    check_invalid("bad-id").expect(
        1,
        &["findings/wages.md:2:5: error: invalid id `Wages_Withheld`: ids use only lowercase letters, digits and `-`"],
    );
}

/// An unknown state code is reported at the code, suggesting the report's own state.
#[test]
fn reports_unknown_state() {
    check_invalid("unknown-state").expect(
        1,
        &["addressees.yaml:3:10: error: unknown state `KYR`: states are ISO 3166-1 alpha-3 codes (e.g. KAZ, KGZ); did you mean `KGZ`?"],
    );
}

/// An interviewer that is not an author id suggests the nearest author.
#[test]
fn reports_unknown_interviewer_with_suggestion() {
    check_invalid("unknown-interviewer").expect(
        1,
        &["testimonies/workers.yaml:9:16: error: unknown interviewer `ngo-team`: interviewers are author ids from report.yaml; did you mean `ngo`?"],
    );
}

/// An unknown theme suggests the nearest theme id.
#[test]
fn reports_unknown_theme_with_suggestion() {
    check_invalid("unknown-theme").expect(
        1,
        &["findings/wages.md:5:10: error: unknown theme `wage-theff`; did you mean `wage-theft`?"],
    );
}

/// A `[@id]` citation of nothing suggests the nearest source.
#[test]
fn reports_unknown_citation_with_suggestion() {
    check_invalid("unknown-citation").expect(
        1,
        &["findings/wages.md:8:26: error: unknown source `m-unoin`; did you mean `m-union`?"],
    );
}

/// A `[[#id]]` cross-reference to nothing suggests the nearest finding.
#[test]
fn reports_unknown_cross_reference_with_suggestion() {
    check_invalid("unknown-cross-reference").expect(
        1,
        &["findings/wages.md:8:79: error: unknown cross-reference `wage`; did you mean `wages`?"],
    );
}

/// A footnote reference without a definition is an error at the reference.
#[test]
fn reports_undefined_footnote() {
    check_invalid("undefined-footnote").expect(
        1,
        &["findings/wages.md:8:69: error: footnote `[^inspection]` is never defined"],
    );
}

/// A document symbol in `uptake:` must belong to a known body.
#[test]
fn reports_unknown_uptake_symbol() {
    check_invalid("bad-uptake-symbol")
        .expect(1, &["recommendations/recs.yaml:8:16: error: `CMX/C/KGZ/CO/1` is not a UN document symbol of a known body"]);
}

/// A priority outside 1 to 3 is an error at the value.
#[test]
fn reports_priority_out_of_range() {
    check_invalid("priority-out-of-range")
        .expect(1, &["recommendations/recs.yaml:6:13: error: priority 5 is out of range: use 1 (highest), 2 or 3"]);
}

// ------------------------------------------------------------------ legal citations

/// An unknown instrument in an inline citation suggests the nearest, keeping the article.
#[test]
fn reports_unknown_instrument_with_suggestion() {
    check_invalid("unknown-instrument")
        .expect(1, &["findings/wages.md:8:51: error: unknown instrument `ICRWM`; did you mean `ICRMW art. 25`?"]);
}

/// An article beyond the instrument's last one is an error that gives the range.
#[test]
fn reports_article_out_of_range() {
    check_invalid("article-out-of-range")
        .expect(1, &["findings/wages.md:8:73: error: article 99 is out of range: ICCPR has 53 articles (1 to 53; `rapporteur conventions ICCPR` lists their subjects)"]);
}

/// A finding that lists a provision of an instrument its state has not ratified gets a warning.
#[test]
fn warns_when_finding_cites_unratified_instrument() {
    check_invalid("finding-not-ratified").expect(0, &[C189_NOT_RATIFIED]);
}

/// The warning on the finding of `invalid/finding-not-ratified`.
const C189_NOT_RATIFIED: &str = "findings/wages.md:6:29: warning: finding `wages` lists ILO C189 art. 9 among the provisions engaged, but Kyrgyzstan has not ratified C189";

/// The fixture whose finding lists ILO C189 for Kyrgyzstan, with `sentence` after its first one.
fn unratified_finding_saying(sentence: &str) -> Project {
    let p = Project::fixture("invalid/finding-not-ratified");
    p.replace(
        "findings/wages.md",
        "[[ICRMW art. 25]].",
        &format!("[[ICRMW art. 25]]. {sentence}"),
    );
    p
}

/// A finding whose text says the state is not bound, in any of the users' languages and in any
/// case, cites the unratified instrument on purpose: no warning. The same finding without the
/// phrase is warned about.
#[test]
fn no_warning_when_the_finding_says_its_state_is_not_bound_in_any_language() {
    for phrase in [
        "Kyrgyzstan has not ratified C189.",
        "Kyrgyzstan is NOT A PARTY to C189.",
        "Кыргызстан не ратифицировал Конвенцию № 189.",
        "Кыргызстан Конвенцияны РАТИФИКАЦИЯЛАГАН ЖОК.",
        "Кыргызстан не является участником Конвенции № 189.",
        "Le Kirghizistan n\u{2019}est pas partie à la Convention.",
        "Kirguistán no es Estado parte del Convenio.",
    ] {
        unratified_finding_saying(phrase).check().expect_clean();
    }
    unratified_finding_saying("Рабочие мигранты.")
        .check()
        .expect(0, &[C189_NOT_RATIFIED]);
}

/// A recommendation whose text calls for accession, in Russian, invokes the unratified
/// instrument on purpose: no warning.
#[test]
fn no_warning_when_the_recommendation_calls_for_ratification_in_russian() {
    let p = Project::fixture("invalid/recommendation-not-ratified");
    p.replace(
        "recommendations/recs.yaml",
        "Ensure that wages are paid in full, as [[ILO C167 art. 7]] requires.",
        "Ратифицировать Конвенцию МОТ № 167 ([[ILO C167 art. 7]]).",
    );
    p.check().expect_clean();
}

/// A project's own locale adds its language's words for "not bound".
#[test]
fn a_project_locale_adds_its_own_words_for_not_bound() {
    let p = unratified_finding_saying("Kyrgyzstan still stands aloof.");
    p.check().expect(0, &[C189_NOT_RATIFIED]);
    p.write("locales/en.yaml", "not-bound: [\"stands aloof\"]\n");
    p.check().expect_clean();
}

/// A recommendation that invokes an instrument the addressed state has not ratified gets a
/// warning (and the check still passes).
#[test]
fn warns_when_recommendation_invokes_unratified_instrument() {
    check_invalid("recommendation-not-ratified").expect(
        0,
        &["recommendations/recs.yaml:4:48: warning: recommendation `pay-wages` invokes ILO C167 art. 7, which Kyrgyzstan has not ratified"],
    );
}

/// No "not ratified" warning when the dataset does not know the state's status: unknown is not
/// "not party".
#[test]
fn no_warning_when_ratification_status_is_unknown() {
    let p = Project::base();
    // Kyrgyzstan's status for C129 is unknown in the dataset (an explicit unknown: C129 has no
    // complete list of parties).
    p.replace(
        "recommendations/recs.yaml",
        "[[ILO C095 art. 9]]",
        "[[ILO C129 art. 7]]",
    );
    p.check().expect_clean();
}

/// Citing a C029 article that the Protocol of 2014 deleted, for a state party to the Protocol.
#[test]
fn warns_when_citing_article_deleted_by_protocol() {
    check_invalid("deleted-article-cited").expect(
        0,
        &["findings/wages.md:6:29: warning: finding `wages` lists ILO C029 art. 4, which the Protocol of 2014 to the Forced Labour Convention (P029) deleted for its parties, Kyrgyzstan among them"],
    );
}

/// The same warning for a provision in the recommendation's `provisions:` list.
#[test]
fn warns_when_recommendation_lists_unratified_provision() {
    check_invalid("recommendation-provision-not-ratified").expect(
        0,
        &["recommendations/recs.yaml:7:31: warning: recommendation `pay-wages` invokes ILO C167 art. 7, which Kyrgyzstan has not ratified"],
    );
}

// ------------------------------------------------------------------ testimonies and consent

/// An `internal` testimony may not be embedded in a published finding.
#[test]
fn reports_internal_testimony_cited() {
    check_invalid("internal-testimony-cited").expect(
        1,
        &["findings/wages.md:10:1: error: testimony `t-worker` has consent `internal`: it may not be cited or embedded in text that is published"],
    );
}

/// A pseudonymous testimony needs a pseudonym.
#[test]
fn reports_pseudonymous_testimony_without_pseudonym() {
    check_invalid("pseudonym-missing").expect(
        1,
        &["testimonies/workers.yaml:2:12: error: testimony `t-worker` has consent `pseudonymous` but no `speaker.pseudonym`"],
    );
}

/// The surname of a pseudonymous speaker may not appear in the testimony's text.
#[test]
fn reports_real_name_in_pseudonymous_text() {
    check_invalid("real-name-in-text").expect(
        1,
        &["testimonies/workers.yaml:11:49: error: the text of testimony `t-worker` contains `Asanov`, part of the speaker's real name, which consent `pseudonymous` forbids publishing"],
    );
}

/// In a `|` block, positions on later lines count the block's indentation.
#[test]
fn reports_real_name_on_a_later_line_of_a_block() {
    let p = Project::base();
    let t = p.read("testimonies/workers.yaml");
    p.write(
        "testimonies/workers.yaml",
        t.replace("three months.\n", "three months.\n    Ask Asanov.\n"),
    );
    p.check().expect(
        1,
        &["testimonies/workers.yaml:12:9: error: the text of testimony `t-worker` contains `Asanov`, part of the speaker's real name, which consent `pseudonymous` forbids publishing"],
    );
}

/// An embed must be the only thing in its paragraph.
#[test]
fn reports_embed_not_alone_in_paragraph() {
    check_invalid("embed-not-alone").expect(
        1,
        &["findings/wages.md:9:23: error: `![[t-worker]]` must stand alone in its paragraph"],
    );
}

/// A testimony cannot be embedded in a recommendation; the column counts the block's indentation.
#[test]
fn reports_embed_in_recommendation() {
    check_invalid("embed-in-recommendation")
        .expect(1, &["recommendations/recs.yaml:7:5: error: a testimony can be embedded only in a chapter or finding body"]);
}

/// A testimony that nothing embeds or cites is a warning.
#[test]
fn warns_about_unused_testimony() {
    check_invalid("unused-testimony").expect(
        0,
        &["testimonies/workers.yaml:1:7: warning: testimony `t-worker` is never embedded or cited"],
    );
}

/// `--deny-warnings` turns a run with warnings into a failure.
#[test]
fn deny_warnings_fails_on_warnings() {
    let run = Project::fixture("invalid/unused-testimony").check_with(&[
        "--format",
        "short",
        "--deny-warnings",
    ]);
    run.expect(
        1,
        &["testimonies/workers.yaml:1:7: warning: testimony `t-worker` is never embedded or cited"],
    );
}

/// A finding with neither testimony nor source is a warning (its testimony is now unused too).
#[test]
fn warns_about_finding_without_evidence() {
    check_invalid("no-evidence").expect(
        0,
        &[
            "findings/wages.md:2:5: warning: finding `wages` cites neither a testimony nor a source",
            "testimonies/workers.yaml:1:7: warning: testimony `t-worker` is never embedded or cited",
        ],
    );
}

// ------------------------------------------------------------------ outline and outputs

/// A part's intro need not repeat the part's title from report.yaml; any other chapter needs one.
#[test]
fn part_intro_takes_the_part_title_and_a_chapter_needs_its_own() {
    let p = Project::base();
    p.write("chapters/intro.md", "What this part is about [@survey].\n");
    let report = p.read("report.yaml").replace(
        "  - part: \"Findings\"\n",
        "  - part: \"Findings\"\n    intro: chapters/intro.md\n",
    );
    p.write("report.yaml", &report);
    p.check().expect_clean();
    p.write(
        "report.yaml",
        report.replace(
            "outline:\n",
            "outline:\n  - chapter: chapters/untitled.md\n",
        ),
    );
    p.write("chapters/untitled.md", "No heading here [@survey].\n");
    p.check().expect(
        1,
        &["chapters/untitled.md:1:1: error: chapter has no title: add `title:` in front matter or start it with a `# Heading` (only a part's intro takes the part's title)"],
    );
}

/// An unknown annex in the outline suggests the nearest one.
#[test]
fn reports_unknown_outline_annex_with_suggestion() {
    check_invalid("unknown-annex").expect(
        1,
        &["report.yaml:11:12: error: unknown annex `ratification`; did you mean `ratifications`?"],
    );
}

/// An unknown finding in the outline suggests the nearest; the finding left out is a warning.
#[test]
fn reports_unknown_outline_finding_with_suggestion() {
    check_invalid("unknown-outline-finding").expect(
        1,
        &[
            "findings/wages.md:2:5: warning: finding `wages` is not in the outline of report.yaml, so it is not published",
            "report.yaml:9:16: error: unknown finding `wage`; did you mean `wages`?",
        ],
    );
}

/// A chapter file named in the outline must exist.
#[test]
fn reports_unknown_chapter_file() {
    check_invalid("unknown-chapter-file").expect(
        1,
        &["report.yaml:8:14: error: no chapter file `chapters/intro.md` in the project"],
    );
}

/// An alternative report to a body whose instrument the state has not ratified is an error.
#[test]
fn reports_alternative_report_for_state_not_party() {
    check_invalid("alternative-report-not-party").expect(
        1,
        &["report.yaml:13:44: error: Kazakhstan is not a party to the ICRMW, so the CMW does not review it: no alternative report to the CMW on KAZ"],
    );
}

/// An unknown treaty body suggests the nearest.
#[test]
fn reports_unknown_treaty_body_with_suggestion() {
    check_invalid("unknown-body").expect(
        1,
        &["report.yaml:13:32: error: unknown treaty body `CMV`; did you mean `CMW`?"],
    );
}

// ------------------------------------------------------------------ environment problems

/// A folder without report.yaml is an environment error: exit 2, message on stderr.
#[test]
fn fails_with_exit_2_without_report_yaml() {
    let p = Project::fixture("invalid/no-report-yaml");
    let run = p.check();
    assert_eq!(run.code, Some(2), "{run}");
    assert_eq!(run.stdout, "", "{run}");
    assert_eq!(
        run.stderr,
        format!(
            "error: no report.yaml in `{}`: a report project is a folder with a report.yaml at its root (`rapporteur init` creates one)\n",
            p.path().display()
        )
    );
}

/// A folder that does not exist is an environment error: exit 2, message on stderr.
#[test]
fn fails_with_exit_2_on_missing_folder() {
    let p = Project::base();
    let missing = p.path().join("no-such-project");
    let run = rapporteur([
        "check".as_ref(),
        missing.as_os_str(),
        "--format".as_ref(),
        "short".as_ref(),
    ]);
    assert_eq!(run.code, Some(2), "{run}");
    assert_eq!(run.stdout, "", "{run}");
    assert_eq!(
        run.stderr,
        format!(
            "error: `{}` is not a folder: give the path of a report project (a folder with a report.yaml)\n",
            missing.display()
        )
    );
}

/// A bad command-line option is a usage error: exit 2.
#[test]
fn fails_with_exit_2_on_bad_option() {
    let run = rapporteur(["check", "examples/minimal", "--format", "xml"]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stderr.contains("invalid value 'xml'"), "{run}");
}

/// A project with a sub-finding `fines` under `wages` and a cross-reference to it in `wages`'s
/// parent part intro, and the base's finding cross-referring to it.
fn with_sub_finding() -> Project {
    let p = Project::fixture("valid/base");
    p.replace("report.yaml", "findings: [wages]", "findings: [{id: wages, sub: [fines]}]")
        .write(
            "findings/fines.md",
            "---\nid: fines\ntitle: Fines\nstate: KGZ\nthemes: [wage-theft]\n---\nEmployers fine workers for lateness [@m-union].\n\n![[t-worker]]\n",
        )
        .replace("findings/wages.md", "[[ICRMW art. 25]].", "[[ICRMW art. 25]] (see [[#fines]]).");
    p
}

/// One problem in a file is reported once: a finding that cannot be read does not make its
/// sub-findings "not in the outline", and report.yaml that cannot be read does not make every
/// cross-reference to a finding "unpublished".
#[test]
fn a_broken_file_is_reported_without_consequential_errors() {
    let p = with_sub_finding();
    let clean = p.check();
    assert!(clean.stdout.contains("0 errors, 0 warnings"), "{clean}");

    p.replace("findings/wages.md", "\nstate: KGZ", "\nstat: KGZ");
    let run = p.check();
    assert!(run.stdout.contains("unknown field `stat`"), "{run}");
    assert!(run.stdout.contains("1 error, 0 warnings"), "{run}");

    let p = with_sub_finding();
    p.replace(
        "report.yaml",
        "date: 2024-05",
        "date: 2024-05\ndatee: 2024-05",
    );
    let run = p.check();
    assert!(run.stdout.contains("unknown field `datee`"), "{run}");
    assert!(run.stdout.contains("1 error, 0 warnings"), "{run}");
}

// ------------------------------------------------------------------ output formats

/// `--format json` is one JSON document with errors, warnings, every diagnostic and the counts.
#[test]
fn json_format_is_valid_and_complete() {
    let run = Project::fixture("invalid/unknown-outline-finding").check_with(&["--format", "json"]);
    assert_eq!(run.code, Some(1), "{run}");
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("stdout is not JSON");
    assert_eq!(doc["errors"], 1);
    assert_eq!(doc["warnings"], 1);
    let diags = doc["diagnostics"]
        .as_array()
        .expect("diagnostics is an array");
    assert_eq!(diags.len(), 2);
    for d in diags {
        for key in ["file", "severity", "code", "message"] {
            assert!(d[key].is_string(), "`{key}` is not a string in {d}");
        }
        for key in ["line", "col"] {
            assert!(
                d[key].as_u64().is_some_and(|n| n >= 1),
                "`{key}` is not a positive number in {d}"
            );
        }
    }
    assert_eq!(diags[1]["file"], "report.yaml");
    assert_eq!(diags[1]["line"], 9);
    assert_eq!(diags[1]["col"], 16);
    assert_eq!(diags[1]["severity"], "error");
    assert_eq!(diags[1]["code"], "unknown-reference");
    assert_eq!(
        diags[1]["message"],
        "unknown finding `wage`; did you mean `wages`?"
    );
    assert_eq!(diags[0]["severity"], "warning");
    assert_eq!(diags[0]["code"], "not-in-outline");
    let counts = &doc["counts"];
    for key in [
        "chapters",
        "findings",
        "testimonies",
        "recommendations",
        "addressees",
        "documents",
        "meetings",
    ] {
        assert!(counts[key].is_u64(), "counts.{key} missing in {counts}");
    }
    assert_eq!(counts["findings"], 1);
    assert_eq!(counts["addressees"], 3);
}

/// `--format human` shows the source line with a caret under the column.
#[test]
fn human_format_shows_source_line_and_caret() {
    let run = Project::fixture("invalid/unknown-addressee").check_with(&["--format", "human"]);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(
        run.stdout.starts_with(
            "error[unknown-reference]: unknown addressee `kgz-mlms`; did you mean `kgz-mlsm`?\n --> recommendations/recs.yaml:2:8\n  |\n2 |   to: [kgz-mlms]\n  |        ^\n"
        ),
        "{run}"
    );
}

// ------------------------------------------------------------------ robustness

/// Garbage input never makes the checker panic: it exits 0 or 1 with diagnostics.
#[test]
fn garbage_input_does_not_panic() {
    let deep_flow = format!("- {}{}\n", "[".repeat(200_000), "]".repeat(200_000));
    let deep_map = format!("x: {}{}\n", "{a: ".repeat(100_000), "}".repeat(100_000));
    let deep_quote = format!("{}deep\n", "> ".repeat(5_000));
    let deep_list: String = (0..1_000)
        .map(|i| format!("{}- x\n", "  ".repeat(i)))
        .collect();
    let cases: Vec<(&str, &str, String)> = vec![
        ("empty report.yaml", "report.yaml", String::new()),
        ("report.yaml is a list", "report.yaml", "- a\n- b\n".into()),
        (
            "report.yaml is a scalar",
            "report.yaml",
            "just words\n".into(),
        ),
        ("report.yaml deeply nested", "report.yaml", deep_map),
        ("finding is only ---", "findings/wages.md", "---\n".into()),
        (
            "finding with empty front matter",
            "findings/wages.md",
            "---\n---\n".into(),
        ),
        (
            "finding front matter is a list",
            "findings/wages.md",
            "---\n- a\n---\nbody\n".into(),
        ),
        (
            "finding body deeply quoted",
            "findings/other.md",
            format!("---\nid: other\ntitle: O\n---\n{deep_quote}"),
        ),
        (
            "finding body deeply listed",
            "findings/other.md",
            format!("---\nid: other\ntitle: O\n---\n{deep_list}"),
        ),
        (
            "finding body of brackets",
            "findings/other.md",
            format!("---\nid: other\ntitle: O\n---\n{}\n", "[[".repeat(10_000)),
        ),
        (
            "testimony file is a scalar",
            "testimonies/workers.yaml",
            "just a scalar\n".into(),
        ),
        (
            "testimony file deeply nested",
            "testimonies/workers.yaml",
            deep_flow,
        ),
        (
            "testimony text empty",
            "testimonies/workers.yaml",
            "- id: t-worker\n  consent: anonymous\n  speaker: {}\n  text: \"\"\n".into(),
        ),
        (
            "recommendations are a mapping",
            "recommendations/recs.yaml",
            "a: b\n".into(),
        ),
        ("addressees are null", "addressees.yaml", "~\n".into()),
        ("sources are a list", "sources.yaml", "- 1\n- 2\n".into()),
        (
            "outline entry is a number",
            "report.yaml",
            "title: T\ndate: 2024\noutline: [1, {}, [a]]\n".into(),
        ),
    ];
    for (what, file, text) in cases {
        let p = Project::base();
        p.write(file, text);
        let run = p.check();
        eprintln!("{what}");
        run.expect_no_panic();
    }
}

// ------------------------------------------------------------------ rapporteur conventions

/// `conventions ICRMW 21` prints the instrument and the article's topic.
#[test]
fn conventions_prints_article_topic() {
    let run = rapporteur(["conventions", "ICRMW", "21"]);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(
        run.stdout.starts_with("ICRMW — International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families\n"),
        "{run}"
    );
    assert!(
        run.stdout.contains("\narticle 21: only authorised officials may confiscate identity/travel/work documents; no destruction\n"),
        "{run}"
    );
}

/// `conventions --state KAZ` prints a ratification table: not party to the ICRMW, party to the ICCPR.
#[test]
fn conventions_prints_state_ratifications() {
    let run = rapporteur(["conventions", "--state", "KAZ"]);
    assert_eq!(run.code, Some(0), "{run}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "Kazakhstan (KAZ)");
    assert!(
        lines[1].starts_with(
            "instrument status     action        signed      date        as of       source"
        ),
        "{run}"
    );
    let row = |id: &str| {
        *lines
            .iter()
            .find(|l| l.starts_with(&format!("{id:<10} ")))
            .unwrap_or_else(|| panic!("no row for {id}\n{run}"))
    };
    assert!(row("ICRMW").starts_with("ICRMW      not-party "), "{run}");
    assert!(
        row("ICCPR")
            .starts_with("ICCPR      party      ratification  2003-12-02  2006-01-24  2026-02-03 "),
        "{run}"
    );
}

/// `conventions --theme forced-labour` lists the provisions the theme engages, ILO C029 among them.
#[test]
fn conventions_lists_theme_provisions() {
    let run = rapporteur(["conventions", "--theme", "forced-labour"]);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(
        run.stdout.starts_with("forced-labour — Forced labour\n"),
        "{run}"
    );
    assert!(
        run.stdout
            .lines()
            .any(|l| l.trim_start().starts_with("primary   ILO C029 art. 2 ")),
        "{run}"
    );
}

/// `conventions C29` resolves the ILO alias to C029.
#[test]
fn conventions_resolves_ilo_alias() {
    for alias in ["C29", "C029", "ILO C029"] {
        let run = rapporteur(["conventions", alias]);
        assert_eq!(run.code, Some(0), "{alias}: {run}");
        assert!(
            run.stdout
                .starts_with("C029 — Forced Labour Convention, 1930 (No. 29)\n"),
            "{alias}: {run}"
        );
    }
}

/// The names bodies and authors use for a convention resolve to it: `CERD art. 5` is ICERD's
/// article 5, `CMW` the Migrant Workers Convention.
#[test]
fn conventions_accepts_treaty_body_names_for_their_convention() {
    for (name, id) in [
        ("CERD art. 5", "ICERD"),
        ("CMW", "ICRMW"),
        ("CCPR art. 9", "ICCPR"),
    ] {
        let run = rapporteur(["conventions", name]);
        assert_eq!(run.code, Some(0), "{name}: {run}");
        assert!(run.stdout.starts_with(&format!("{id} — ")), "{name}: {run}");
    }
}

/// `conventions ICRMW 23` says in which roles the article binds a State party.
#[test]
fn conventions_prints_the_roles_an_article_binds() {
    let run = rapporteur(["conventions", "ICRMW", "23"]);
    assert!(
        run.stdout.contains(
            "binds a State party as: State of origin, State of transit, State of employment\n"
        ),
        "{run}"
    );
    let run = rapporteur(["conventions", "ICRMW", "25"]);
    assert!(
        run.stdout
            .contains("binds a State party as: State of employment\n"),
        "{run}"
    );
}

/// An unknown instrument is a usage error (exit 2) with a did-you-mean on stderr.
#[test]
fn conventions_unknown_instrument_suggests_nearest() {
    let run = rapporteur(["conventions", "ICRMX"]);
    assert_eq!(run.code, Some(2), "{run}");
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: unknown instrument `ICRMX`; did you mean `ICRMW`?\n"
    );
}

/// An article out of range is a usage error (exit 2) that gives the range.
#[test]
fn conventions_article_out_of_range_fails() {
    let run = rapporteur(["conventions", "ICCPR", "99"]);
    assert_eq!(run.code, Some(2), "{run}");
    assert_eq!(
        run.stderr,
        "error: article 99 is out of range: ICCPR has 53 articles (1 to 53; `rapporteur conventions ICCPR` lists their subjects)\n"
    );
}

/// An unknown theme is a usage error (exit 2) with a did-you-mean.
#[test]
fn conventions_unknown_theme_suggests_nearest() {
    let run = rapporteur(["conventions", "--theme", "forced-labor"]);
    assert_eq!(run.code, Some(2), "{run}");
    assert_eq!(
        run.stderr,
        "error: unknown theme `forced-labor`; did you mean `forced-labour`?\n"
    );
}

/// Every legal citation of the FIDH report's recommendations section, written as the report
/// writes it, resolves to the right instrument and article; its one wrong citation (C139 for
/// labour inspection in agriculture) is reported with the right suggestion (C129).
#[test]
fn fidh_recommendation_citations_resolve() {
    let mut diags = rapporteur::diagnostic::Diagnostics::default();
    let ds = rapporteur::conventions::Dataset::builtin(&mut diags);
    assert!(diags.is_empty());
    let cases = [
        (
            "UN International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families",
            "ICRMW",
        ),
        (
            "Optional Protocol to the UN International Covenant on Economic, Social and Cultural Rights",
            "OP-ICESCR",
        ),
        ("ILO Convention N°181", "ILO C181"),
        ("ILO Convention N°189", "ILO C189"),
        ("ILO Convention N°111", "ILO C111"),
        ("ILO convention N°156", "ILO C156"),
        ("ILO Convention N°118", "ILO C118"),
        ("ILO Convention N°143", "ILO C143"),
        ("ILO Convention N°81", "ILO C081"),
        ("ILO Convention N°97", "ILO C097"),
        ("ILO Convention N°95", "ILO C095"),
        ("article 3 of the ILO Convention N°97", "ILO C097 art. 3"),
        (
            "article 8 of the UN International Covenant on Civil and Political Rights",
            "ICCPR art. 8",
        ),
        (
            "article 22 of the International Covenant on Civil and Political Rights",
            "ICCPR art. 22",
        ),
        (
            "article 8 of the UN International Covenant on Economic, Social and Cultural Rights",
            "ICESCR art. 8",
        ),
        (
            "article 23 of the UN International Convention on the Rights of All Migrant Workers and Members of Their Families",
            "ICRMW art. 23",
        ),
        (
            "article 24 of the Convention on the Rights of the Child",
            "CRC art. 24",
        ),
        (
            "article 2.2 of the Convention on the Rights of the Child",
            "CRC art. 2(2)",
        ),
        ("ICRMW art. 45", "ICRMW art. 45"),
        ("C129 art. 16", "ILO C129 art. 16"),
        ("P029", "ILO P029"),
        ("C29", "ILO C029"),
    ];
    for (written, expected) in cases {
        let got = ds.resolve_citation(written).map(|p| p.display());
        assert_eq!(got.as_deref(), Ok(expected), "`{written}`");
    }
    assert_eq!(
        ds.resolve_citation("ILO Convention N°139 art. 16"),
        Err("unknown instrument `C139`; did you mean `C129 art. 16`?".to_string())
    );
}

/// A citation quoted as one argument, in the forms the README advertises, looks up its article,
/// not the whole instrument.
#[test]
fn conventions_citation_in_one_argument_keeps_its_article() {
    for (citation, heading, article) in [
        (
            "ICRMW art. 21",
            "ICRMW — ",
            "\narticle 21: only authorised officials",
        ),
        (
            "ICCPR, article 9",
            "ICCPR — ",
            "\narticle 9: liberty and security of person",
        ),
        ("ILO C029 art. 2", "C029 — ", "\narticle 2: definition"),
        ("CRC art. 2(2)", "CRC — ", "\narticle 2(2): "),
        ("article 8 of the ICCPR", "ICCPR — ", "\narticle 8: "),
    ] {
        let run = rapporteur(["conventions", citation]);
        assert_eq!(run.code, Some(0), "{citation}: {run}");
        assert!(run.stdout.starts_with(heading), "{citation}: {run}");
        assert!(run.stdout.contains(article), "{citation}: {run}");
        assert!(!run.stdout.contains("key articles:"), "{citation}: {run}");
    }
    let run = rapporteur(["conventions", "ICCPR, article 9", "--json"]);
    assert_eq!(run.code, Some(0), "{run}");
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["article"]["number"], 9, "{run}");
}

/// A separate ARTICLE is read with the citation syntax (`2(2)`, `2.2`); garbage is a clear usage
/// error, and so is an article given twice.
#[test]
fn conventions_article_argument_uses_citation_syntax() {
    for article in ["2(2)", "2.2"] {
        let run = rapporteur(["conventions", "CRC", article]);
        assert_eq!(run.code, Some(0), "{article}: {run}");
        assert!(run.stdout.contains("\narticle 2(2): "), "{article}: {run}");
    }
    let run = rapporteur(["conventions", "CRC", "2(2)", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["article"]["number"], 2, "{run}");
    assert_eq!(v["article"]["paragraph"], "(2)", "{run}");
    for bad in ["two", "2(", "2)(", ""] {
        let run = rapporteur(["conventions", "CRC", bad]);
        assert_eq!(run.code, Some(2), "{bad:?}: {run}");
        assert_eq!(run.stdout, "", "{bad:?}");
        assert_eq!(
            run.stderr,
            format!(
                "error: cannot read article `{bad}`: write it as a number with any paragraphs, e.g. `9` or `2(2)`\n"
            )
        );
    }
    let run = rapporteur(["conventions", "ICCPR art. 9", "10"]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(
        run.stderr
            .starts_with("error: `ICCPR art. 9` already names an article, and `10` is another"),
        "{run}"
    );
}

/// The did-you-mean of an unknown instrument is written the way the lookup was typed, and works
/// when typed.
#[test]
fn conventions_suggestion_works_as_typed() {
    let run = rapporteur(["conventions", "ICRMV", "21"]);
    assert_eq!(run.code, Some(2), "{run}");
    assert_eq!(
        run.stderr,
        "error: unknown instrument `ICRMV`; did you mean `ICRMW 21`?\n"
    );
    let ok = rapporteur(["conventions", "ICRMW", "21"]);
    assert_eq!(ok.code, Some(0), "{ok}");
    assert!(ok.stdout.contains("\narticle 21: "), "{ok}");

    let run = rapporteur(["conventions", "ICRMV art. 21"]);
    assert_eq!(run.code, Some(2), "{run}");
    assert_eq!(
        run.stderr,
        "error: unknown instrument `ICRMV`; did you mean `ICRMW art. 21`?\n"
    );
    let ok = rapporteur(["conventions", "ICRMW art. 21"]);
    assert_eq!(ok.code, Some(0), "{ok}");
    assert!(ok.stdout.contains("\narticle 21: "), "{ok}");

    // An alias with spaces is quoted, so that it stays one argument.
    let run = rapporteur(["conventions", "Domestic Workers Convetion", "3"]);
    assert_eq!(run.code, Some(2), "{run}");
    assert_eq!(
        run.stderr,
        "error: unknown instrument `Domestic Workers Convetion`; did you mean `\"Domestic Workers Convention\" 3`?\n"
    );
}

/// One lookup at a time: an instrument, --state, --theme and --body do not combine (exit 2).
#[test]
fn conventions_lookups_do_not_combine() {
    for (args, message) in [
        (
            vec!["--state", "KAZ", "--theme", "forced-labour"],
            "error: the argument '--state <STATE>' cannot be used with '--theme <THEME>'",
        ),
        (
            vec!["ICCPR", "--state", "KAZ"],
            "error: the argument '[INSTRUMENT]' cannot be used with '--state <STATE>'",
        ),
        (
            vec!["ICCPR", "9", "--body", "CMW"],
            "error: the argument '[INSTRUMENT]' cannot be used with '--body <BODY>'",
        ),
    ] {
        let mut a = vec!["conventions"];
        a.extend(&args);
        let run = rapporteur(&a);
        assert_eq!(run.code, Some(2), "{args:?}: {run}");
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(run.stderr.starts_with(message), "{args:?}: {run}");
    }
}

/// A cross-reference to a finding that the outline leaves out would dangle in every output: an
/// error, beside the warning about the finding itself.
#[test]
fn reports_cross_reference_to_unpublished_finding() {
    let p = Project::base();
    p.write(
        "findings/extra.md",
        "---\nid: extra\ntitle: Not in the outline\nstate: KGZ\n---\nSee [@survey].\n",
    );
    let wages = p.read("findings/wages.md");
    p.write(
        "findings/wages.md",
        format!("{wages}\nSee also [[#extra]].\n"),
    );
    let run = p.check();
    let line = wages.lines().count() + 2;
    run.expect(
        1,
        &[
            "findings/extra.md:2:5: warning: finding `extra` is not in the outline of report.yaml, so it is not published",
            &format!("findings/wages.md:{line}:10: error: cross-reference to finding `extra`, which is not in the outline of report.yaml and so is not published"),
        ],
    );
}

/// A file that is not UTF-8 gets one error; what it defines is not reported unknown elsewhere.
#[test]
fn non_utf8_file_causes_no_follow_on_errors() {
    let p = Project::base();
    let mut bytes = p.read("addressees.yaml").into_bytes();
    bytes.extend(b"# caf\xe9\n");
    p.write("addressees.yaml", bytes);
    let run = p.check();
    assert_eq!(run.code, Some(1), "{run}");
    let errors: Vec<&str> = run
        .diagnostics()
        .into_iter()
        .filter(|d| d.contains(": error: "))
        .collect();
    assert_eq!(errors.len(), 1, "{run}");
    assert!(
        errors[0].starts_with("addressees.yaml:") && errors[0].contains("not a text file"),
        "{run}"
    );
}

/// An empty `findings/` gives one error, not one per reference to a finding.
#[test]
fn empty_findings_folder_is_one_error() {
    let p = Project::base();
    std::fs::remove_file(p.path().join("findings/wages.md")).unwrap();
    let run = p.check();
    assert_eq!(run.code, Some(1), "{run}");
    assert_eq!(
        run.diagnostics()
            .into_iter()
            .filter(|d| d.contains(": error: "))
            .collect::<Vec<_>>(),
        [
            "report.yaml:1:1: error: the outline names 1 finding, but `findings/` holds no finding file"
        ],
        "{run}"
    );
}

// ------------------------------------------------------------------ cover

/// The cover's images are checked: a missing file (with the nearest one suggested), an image
/// without alt text, a file whose bytes are not the image its name says, and a colour that is not
/// `#rrggbb` are each an error at its line.
#[test]
fn reports_bad_cover_images_and_colour() {
    let p = Project::base();
    let manifest = p.read("report.yaml");
    p.write("images/logo.png", b"\x89PNG\r\n\x1a\nrest")
        .write("images/photo.jpg", b"not a jpeg")
        .write(
            "report.yaml",
            format!(
                "{manifest}cover:\n  logo: {{file: images/logo.png}}\n  image: {{file: images/photo.jpg, alt: \"A road\"}}\n  colour: \"red\"\n"
            ),
        );
    let lines = manifest.lines().count();
    let run = p.check();
    run.expect(
        1,
        &[
            &format!("report.yaml:{}:16: error: the cover's logo `images/logo.png` has no alt text: every image needs one", lines + 2),
            &format!("report.yaml:{}:17: error: the cover's image `images/photo.jpg` is not a JPG image (its bytes say otherwise): is the file damaged, or misnamed?", lines + 3),
            &format!("report.yaml:{}:11: error: `red` is not a colour: write it as `#` and six hexadecimal digits", lines + 4),
        ],
    );
    p.write(
        "report.yaml",
        format!("{manifest}cover:\n  logo: {{file: images/logo.pgn, alt: \"The NGO's logo\"}}\n"),
    );
    p.check().expect(
        1,
        &[&format!("report.yaml:{}:16: error: the cover's logo `images/logo.pgn` is not a file of `images/`; did you mean `images/logo.png`?", lines + 2)],
    );
}

/// A link to a relative file or an unknown fragment is a located warning (its text is printed
/// without the link); a fragment naming a published finding is a cross-reference, not reported.
#[test]
fn warns_of_links_the_outputs_cannot_follow() {
    let p = Project::base();
    let wages = p.read("findings/wages.md");
    p.write(
        "findings/wages.md",
        format!(
            "{wages}\nSee [the annex](annex.pdf), [below](#nowhere) and [this finding](#wages).\n"
        ),
    );
    let line = wages.lines().count() + 2;
    p.check().expect(
        0,
        &[
            &format!("findings/wages.md:{line}:5: warning: the link to `annex.pdf` is neither a web address nor a part of the report: its text is printed without the link"),
            &format!("findings/wages.md:{line}:29: warning: the link to `#nowhere` is neither a web address nor a part of the report: its text is printed without the link"),
        ],
    );
}
