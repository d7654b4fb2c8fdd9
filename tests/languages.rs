//! Languages: `language:` read as a BCP 47 tag, the locale it chooses, and the languages each UN
//! body takes submissions in.

mod harness;

use harness::Project;

/// The base fixture with `language:` set to `lang` and the given extra outputs.
fn project_in(lang: &str, outputs: &str) -> Project {
    let p = Project::base();
    let manifest = p
        .read("report.yaml")
        .replace("language: en", &format!("language: {lang}"))
        .replace(
            "  - publication: {formats: [html, pdf]}",
            &format!("  - publication: {{formats: [html, pdf]}}\n{outputs}"),
        );
    p.write("report.yaml", manifest);
    p
}

#[test]
fn a_language_name_is_refused_with_its_tag_suggested() {
    let run = project_in("Russian", "").check();
    run.expect(
        1,
        &["report.yaml:3:11: error: `Russian` is not a BCP 47 language tag such as `en`, `ru`, `fr` or `es`"],
    );
    assert_eq!(
        run.hints(),
        ["report.yaml:3:11: help: did you mean `ru`?"],
        "{run}"
    );
}

#[test]
fn tags_of_the_built_in_languages_are_accepted_with_or_without_a_region() {
    for tag in ["ru", "fr", "es", "en-GB", "FR-ch"] {
        project_in(tag, "").check().expect_clean();
    }
}

#[test]
fn a_language_without_a_locale_is_an_error_until_the_project_gives_one() {
    let p = project_in("ky", "");
    p.check().expect(
        1,
        &["report.yaml:3:11: error: rapporteur has no locale for `ky`: its built-in languages are en, ru, fr, es"],
    );
    p.write(
        "locales/ky.yaml",
        "name: Кыргызча\nmessages:\n  contents: \"Мазмуну\"\n",
    );
    p.check().expect_clean();
}

#[test]
fn a_misspelt_entry_of_a_project_locale_is_warned_about() {
    let p = project_in("ru", "");
    p.write(
        "locales/ru.yaml",
        "messages:\n  cover:\n    sesion: \"Сессия\"\n",
    );
    p.check().expect(
        0,
        &["locales/ru.yaml:3:1: warning: `cover.sesion` is not an entry rapporteur uses: it is ignored; did you mean `cover.session`?"],
    );
}

#[test]
fn a_submission_in_a_language_its_body_does_not_take_is_an_error() {
    let outputs = "  - alternative-report: {body: CESCR, state: KGZ, formats: [html]}";
    let run = project_in("ru", outputs).check();
    let errors: Vec<&str> = run
        .diagnostics()
        .into_iter()
        .filter(|d| d.contains("error"))
        .collect();
    assert_eq!(
        errors,
        [
            "report.yaml:13:5: error: the CESCR takes submissions in `en`, `fr`, `es`, not in `ru` (the report's `language:`)"
        ],
        "{run}"
    );
    assert!(
        run.hints().iter().any(|h| h.contains("note: source: ")),
        "the body's languages come with their source\n{run}"
    );
    // French is one of the CESCR's languages.
    let run = project_in("fr", outputs).check();
    assert!(
        !run.stdout.contains("submission-language") && !run.stdout.contains("takes submissions"),
        "{run}"
    );
}
