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

// ------------------------------------------------------------------ translations

/// The base fixture with a Russian edition and every file translated (a copy of each source
/// with its `# translates:` line), as `rapporteur translations --json` gives the hashes.
fn translated_project() -> Project {
    let p = project_in("en\nlanguages: [en, ru]", "");
    translate_all(&p);
    p
}

/// A Russian translation of each of the base fixture's files: a copy with its `# translates:`
/// line.
fn translate_all(p: &Project) {
    let files = [
        "report.yaml",
        "findings/wages.md",
        "testimonies/workers.yaml",
        "recommendations/recs.yaml",
        "addressees.yaml",
    ];
    for f in files {
        let text = p.read(f);
        let hash = rapporteur::translation::hash(&text);
        let translated = match text.strip_prefix("---\n") {
            Some(rest) => format!("---\n# translates: {hash}\n{rest}"),
            None => format!("# translates: {hash}\n{text}"),
        };
        p.write(&format!("translations/ru/{f}"), translated);
    }
}

#[test]
fn a_complete_translation_checks_clean_and_its_table_says_current() {
    let p = translated_project();
    p.check().expect_clean();
    let run = harness::rapporteur([std::ffi::OsStr::new("translations"), p.path().as_os_str()]);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(run.stdout.contains("findings/wages.md"), "{run}");
    assert!(
        run.stdout
            .contains("ru: 5 of 5 current, 0 stale, 0 untracked, 0 missing"),
        "{run}"
    );
}

#[test]
fn editing_a_source_marks_its_translation_stale_at_its_translates_line() {
    let p = translated_project();
    let edited = p
        .read("findings/wages.md")
        .replace("Employers", "Many employers");
    p.write("findings/wages.md", edited);
    let run = p.check();
    assert_eq!(run.code, Some(0), "{run}");
    let d = run.diagnostics();
    assert_eq!(d.len(), 1, "{run}");
    assert!(
        d[0].starts_with("translations/ru/findings/wages.md:2:1: warning: this translation translates an older version of findings/wages.md"),
        "{run}"
    );
    let table = harness::rapporteur([std::ffi::OsStr::new("translations"), p.path().as_os_str()]);
    assert_eq!(table.code, Some(1), "{table}");
    assert!(
        table
            .stdout
            .contains("ru: 4 of 5 current, 1 stale, 0 untracked, 0 missing"),
        "{table}"
    );
}

#[test]
fn missing_translations_are_named_once_per_language() {
    let p = translated_project();
    std::fs::remove_file(p.path().join("translations/ru/findings/wages.md")).unwrap();
    p.write("translations/ru/findings/wage.md", "---\nid: wages\n---\n");
    p.check().expect(
        0,
        &[
            "report.yaml:4:1: warning: the `ru` edition has 4 of 5 files translated: 1 missing",
            "translations/ru/findings/wage.md:1:1: warning: this translation is not used: there is no `findings/wage.md` to translate",
        ],
    );
    let run = p.check();
    assert!(
        run.hints()
            .iter()
            .any(|h| h.ends_with("note: missing under `translations/ru/`: findings/wages.md")),
        "{run}"
    );
}

#[test]
fn a_problem_in_a_translation_is_reported_in_the_translation() {
    let p = translated_project();
    let path = "translations/ru/findings/wages.md";
    let broken = p
        .read(path)
        .replace("[[ICRMW art. 25]]", "[[ICRMW art. 250]]");
    p.write(path, broken);
    let run = p.check();
    assert_eq!(run.code, Some(1), "{run}");
    let d = run.diagnostics();
    assert!(
        d.iter()
            .any(|l| l.starts_with(&format!("{path}:")) && l.contains("error")),
        "{run}"
    );
    assert!(
        !d.iter().any(|l| l.starts_with("findings/wages.md")),
        "{run}"
    );
}

/// A second witness under the pseudonym "Umar U.", appended to the base fixture's testimonies.
const SECOND_UMAR: &str = "
- id: t-second
  consent: pseudonymous
  speaker:
    name: \"Bakyt Toktogulov\"
    pseudonym: \"Umar U.\"
  date: 2023-10-03
  country: KGZ
  interviewer: ngo
  text: |
    We slept on the site.
";

/// The warnings of a run about a pseudonym given to two people.
fn shared_pseudonyms(run: &harness::Run) -> Vec<&str> {
    let d = run.diagnostics();
    d.into_iter()
        .filter(|l| l.contains("uses the pseudonym"))
        .collect()
}

/// The witness review covers every edition's outputs: a submission is often an output of an
/// edition in a language the body takes, and its attributions are what partners review.
#[test]
fn audit_shows_how_each_edition_attributes_a_testimony() {
    let p = translated_project();
    let run = harness::rapporteur([std::ffi::OsStr::new("audit"), p.path().as_os_str()]);
    assert_eq!(run.code, Some(0), "{run}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("    publication (public): ")),
        "{run}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("    `ru` edition: publication (public): ")),
        "{run}"
    );
}

#[test]
fn a_pseudonym_shared_in_the_source_is_warned_about_once_not_again_per_translation() {
    let p = project_in("en\nlanguages: [en, ru]", "");
    let workers = p.read("testimonies/workers.yaml") + SECOND_UMAR;
    p.write("testimonies/workers.yaml", workers);
    translate_all(&p);
    let warning =
        "warning: testimony `t-second` uses the pseudonym `Umar U.` of testimony `t-worker`";
    let run = p.check();
    let d = shared_pseudonyms(&run);
    assert_eq!(d.len(), 1, "{run}");
    assert!(d[0].starts_with("testimonies/workers.yaml:"), "{run}");
    assert!(d[0].ends_with(warning), "{run}");
}

#[test]
fn a_pseudonym_a_translation_alone_shares_is_warned_about_in_the_translation() {
    let p = project_in("en\nlanguages: [en, ru]", "");
    let base = p.read("testimonies/workers.yaml");
    // The source gives the second witness a pseudonym of their own; the translation does not.
    let source = base.clone() + &SECOND_UMAR.replace("Umar U.", "Kamil K.");
    p.write("testimonies/workers.yaml", source.clone());
    translate_all(&p);
    let path = "translations/ru/testimonies/workers.yaml";
    let hash = rapporteur::translation::hash(&source);
    p.write(path, format!("# translates: {hash}\n{base}{SECOND_UMAR}"));
    let run = p.check();
    let d = shared_pseudonyms(&run);
    assert_eq!(d.len(), 1, "{run}");
    assert!(d[0].starts_with(&format!("{path}:")), "{run}");
    assert!(
        d[0].ends_with("uses the pseudonym `Umar U.` of testimony `t-worker`"),
        "{run}"
    );
}

// ------------------------------------------------------------------ a Russian build, read back

/// Words rapporteur itself writes into an English publication and submission (headings, labels,
/// dates, counts, notes): none may be left in a Russian build.
const ENGLISH_GENERATED: &[&str] = &[
    "Contents",
    "Part 1",
    "Annex",
    "Ratification of the instruments cited",
    "Meetings held",
    "Table of authorities",
    "Recommendations",
    "Provisions engaged",
    "Interview by",
    "Account given",
    "interviews",
    "October 2023",
    "May 2024",
    "Alternative report",
    "State party",
    "Submitted by",
    "Session",
    "session",
    "Suggested questions",
    "Suggested recommendations",
    "What measures",
    "Introduction",
    "Page ",
    "Drawn from",
    "Paragraphs are numbered",
    "concern about",
    "concerns about",
    "Covenant",
    "Testimonies are attributed",
    "Year of ratification",
];

#[test]
#[cfg_attr(any(no_typst, no_pdftotext), ignore = "needs typst and pdftotext")]
fn a_russian_build_has_no_english_generated_words() {
    let p = project_in(
        "ru",
        "  - alternative-report: {body: CMW, state: KGZ, session: \"38\", publish: true, formats: [pdf]}",
    );
    let manifest = p.read("report.yaml").replace(
        "  - recommendations\n",
        "  - recommendations\n  - annex: ratifications\n  - annex: meetings\n  - annex: authorities\n",
    );
    p.write("report.yaml", manifest);
    let out = harness::temp_out();
    let run = harness::build_into(p.path(), out.path(), &[]);
    assert_eq!(run.code, Some(0), "{run}");
    for pdf in ["publication.pdf", "submissions/cmw-kgz.pdf"] {
        let text = harness::pdf_text(&out.path().join(pdf));
        for english in ENGLISH_GENERATED {
            assert!(
                !text.contains(english),
                "`{english}` in the Russian {pdf}:\n{text}"
            );
        }
    }
    let publication = harness::pdf_text(&out.path().join("publication.pdf"));
    for russian in [
        "Содержание",
        "Часть I.",
        "Рекомендации",
        "Приложение 1. Ратификация упомянутых договоров",
        "Приложение 2. Проведенные встречи",
        "Приложение 3. Перечень упомянутых документов",
        "май 2024 г.",
        "октябрь 2023 г.",
    ] {
        assert!(
            publication.contains(russian),
            "no `{russian}`:\n{publication}"
        );
    }
    let submission = harness::pdf_text(&out.path().join("submissions/cmw-kgz.pdf"));
    for russian in [
        "Альтернативный доклад",
        "38-я сессия",
        "Представлено",
        "Кыргызстан",
        "Комитет по защите прав всех трудящихся-мигрантов и членов их семей",
        "1 проблема",
        "Предлагаемые вопросы",
        "Стр. 2 из",
    ] {
        assert!(
            fold(&submission).contains(&fold(russian)),
            "no `{russian}`:\n{submission}"
        );
    }
}

/// Words rapporteur writes into the flagship's recommendation sheets, annexes, notes and
/// citations in English, which its authors' text never uses: none may be left in any PDF of the
/// Russian edition, whatever is still untranslated (in a draft, the English source text stands,
/// marked, where a translation is missing, so the words of the English findings may be there).
const ENGLISH_GENERATED_IN_FLAGSHIP: &[&str] = &[
    "Legal basis",
    "Evidence:",
    "Uptake:",
    "Source:",
    "numbers are the report",
    "Recommendations to the",
    "Recommendations by addressee",
    "Other recommendations",
    "Part I.",
    "Annex 1",
    "Ratification of the instruments cited",
    "Meetings held",
    "Table of authorities",
    "Interview by",
    "Account given",
    "paraphrased account",
    "Account paraphrased",
    "Provisions engaged",
    "Translated from",
    "June 2018",
    "Government agencies",
    "Civil society organisations",
    "Trade unions and workers",
    "Representatives of foreign states",
    "International organisations",
    "(priority)",
    " art. ",
    "ILO C0",
    "ILO C1",
    "Page ",
    "Contents",
    "Meeting with",
    "Year of ratification",
    "Not yet translated",
];

#[test]
#[cfg_attr(any(no_typst, no_pdftotext), ignore = "needs typst and pdftotext")]
fn the_flagships_russian_edition_has_no_english_generated_words_in_any_pdf() {
    let out = harness::temp_out();
    let run = harness::build_into(
        &harness::content(),
        out.path(),
        &["--draft", "--language", "ru"],
    );
    assert_eq!(run.code, Some(0), "{run}");
    let pdfs: Vec<_> = walkdir::WalkDir::new(out.path().join("ru"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    assert!(
        pdfs.iter()
            .any(|p| p.ends_with("recommendations/kaz-mlsp.pdf")),
        "the sheets are built: {pdfs:?}"
    );
    for pdf in &pdfs {
        let text = harness::pdf_text(pdf);
        for english in ENGLISH_GENERATED_IN_FLAGSHIP {
            assert!(
                !text.contains(english),
                "`{english}` in {}:\n{text}",
                pdf.display()
            );
        }
    }
    // No English title is left for an instrument the dataset titles in Russian.
    let ds = rapporteur::conventions::Dataset::builtin(&mut Default::default());
    let titled: Vec<_> = ds
        .instruments
        .values()
        .filter(|i| i.titles.contains_key("ru"))
        .collect();
    let mut russian_titles = 0;
    for pdf in &pdfs {
        let text = harness::pdf_text(pdf);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for i in &titled {
            assert!(
                !text.contains(&i.title),
                "the English title of {} in {}",
                i.id,
                pdf.display()
            );
            russian_titles += usize::from(text.contains(&i.title_alone("ru")));
        }
    }
    assert!(russian_titles > 0, "no instrument titled in Russian");
    let sheet = harness::pdf_text(&out.path().join("ru/recommendations/kaz-mlsp.pdf"));
    for russian in [
        "Рекомендации. Адресат:",
        "Из доклада",
        "июнь 2018 г.",
        "рекомендаци",
        "номера — как в докладе",
        "Обоснование:",
        "Правовая основа:",
        "МОТ C095, ст. 9",
    ] {
        assert!(
            sheet.contains(russian),
            "no `{russian}` in the sheet:\n{sheet}"
        );
    }
    let publication = harness::pdf_text(&out.path().join("ru/publication.pdf"));
    for russian in [
        "Государственные органы",
        "Организации гражданского общества",
        "Встреча:",
        "Перечень упомянутых документов",
    ] {
        assert!(
            publication.contains(russian),
            "no `{russian}` in the publication:\n{publication}"
        );
    }
}

/// Line breaks and hyphenation in a PDF's text made comparable.
fn fold(s: &str) -> String {
    harness::fold(s)
}

#[test]
#[cfg_attr(any(no_typst, no_pdftotext), ignore = "needs typst and pdftotext")]
fn a_french_submission_has_its_cover_and_headings_in_french() {
    let p = project_in(
        "fr",
        "  - alternative-report: {body: CESCR, state: KGZ, session: \"76\", publish: true, formats: [pdf]}",
    );
    let out = harness::temp_out();
    let run = harness::build_into(p.path(), out.path(), &[]);
    assert_eq!(run.code, Some(0), "{run}");
    let text = harness::pdf_text(&out.path().join("submissions/cescr-kgz.pdf"));
    for french in [
        "Rapport alternatif au CESCR : Kirghizistan",
        "Comité des droits économiques, sociaux et culturels (CESCR)",
        "76e session",
        "État partie",
        "Présenté par",
        "mai 2024",
        "Table des matières",
        "en vue de l'examen du Kirghizistan",
        "Préoccupations au regard du Pacte international relatif aux droits économiques, sociaux et culturels",
        "Questions proposées",
        "Recommandations proposées",
    ] {
        assert!(text.contains(french), "no `{french}`:\n{text}");
    }
    // The words French shares with English ("Session", "Introduction", "Page") are left out.
    let shared = ["Session", "session", "Introduction", "Page "];
    for english in ENGLISH_GENERATED.iter().filter(|e| !shared.contains(e)) {
        assert!(
            !text.contains(english),
            "`{english}` in the French submission:\n{text}"
        );
    }
}

// ------------------------------------------------------------------ draft editions

/// The Russian edition of the base fixture with its publication in HTML only; every file but
/// those listed translated (a copy of the source, the finding's text in Russian).
fn russian_edition_without(missing: &[&str]) -> Project {
    let p = translated_project();
    for f in ["report.yaml", "translations/ru/report.yaml"] {
        let text = p
            .read(f)
            .replace("{formats: [html, pdf]}", "{formats: [html]}");
        p.write(f, text);
    }
    let wages = p.read("translations/ru/findings/wages.md").replace(
        "Employers withhold wages",
        "Работодатели удерживают заработную плату",
    );
    p.write("translations/ru/findings/wages.md", wages);
    for f in missing {
        std::fs::remove_file(p.path().join("translations/ru").join(f)).unwrap();
    }
    p
}

/// The text of an HTML page, tags out and white space folded.
fn html_text(path: &std::path::Path) -> String {
    let html = std::fs::read_to_string(path).unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    harness::fold(&text)
}

#[test]
fn an_untranslated_yaml_file_in_a_draft_edition_is_marked_and_not_said_translated() {
    let p = russian_edition_without(&["testimonies/workers.yaml", "recommendations/recs.yaml"]);
    let out = harness::temp_out();
    let run = harness::build_into(p.path(), out.path(), &["--draft"]);
    assert_eq!(run.code, Some(0), "{run}");
    let text = html_text(&out.path().join("ru/publication.html"));
    let marker = "[Перевод еще не готов; текст оригинала (English):]";
    for marked in [
        format!("{marker} They paid us nothing"),
        format!("{marker} Ensure that wages are paid"),
    ] {
        assert!(text.contains(&marked), "no `{marked}`:\n{text}");
    }
    // The testimony is quoted in English, untranslated: nothing says it was translated.
    assert!(!text.contains("Перевод с"), "{text}");
    // The source edition is not marked.
    let english = html_text(&out.path().join("publication.html"));
    assert!(!english.contains("Not yet translated"), "{english}");
    assert!(english.contains("They paid us nothing"), "{english}");
}

#[test]
fn a_testimony_given_in_russian_is_quoted_as_given_in_russian_and_as_translated_in_english() {
    let p = russian_edition_without(&[]);
    let source = p.read("testimonies/workers.yaml").replace(
        "  interviewer: ngo\n",
        "  interviewer: ngo\n  language: ru\n",
    );
    let hash = rapporteur::translation::hash(&source);
    p.write("testimonies/workers.yaml", source.clone());
    let russian = source.replace(
        "They paid us nothing for three months.",
        "Нам три месяца ничего не платили.",
    );
    p.write(
        "translations/ru/testimonies/workers.yaml",
        format!("# translates: {hash}\n{russian}"),
    );
    let out = harness::temp_out();
    let run = harness::build_into(p.path(), out.path(), &[]);
    assert_eq!(run.code, Some(0), "{run}");
    let ru = html_text(&out.path().join("ru/publication.html"));
    assert!(ru.contains("Нам три месяца ничего не платили."), "{ru}");
    assert!(
        !ru.contains("Перевод с"),
        "given in Russian, quoted as given:\n{ru}"
    );
    assert!(!ru.contains("Перевод еще не готов"), "{ru}");
    let en = html_text(&out.path().join("publication.html"));
    assert!(en.contains("They paid us nothing"), "{en}");
    assert!(en.contains("Translated from Russian."), "{en}");
}

// ------------------------------------------------------------------ instrument titles per edition

/// The text outputs a locale's golden case pins (HTML, Typst, the lists), joined, with runs of
/// white space as one space.
fn golden_text(language: &str) -> String {
    let root = harness::repo().join("tests/golden").join(language);
    let mut text = String::new();
    for group in ["html", "typst", "recs"] {
        for e in walkdir::WalkDir::new(root.join(group))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            if let Ok(s) = std::fs::read_to_string(e.path()) {
                text.push_str(&s);
                text.push('\n');
            }
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn an_edition_prints_the_official_title_in_its_language_and_no_english_caption() {
    let ds = rapporteur::conventions::Dataset::builtin(&mut Default::default());
    for language in ["ru", "fr", "es"] {
        let text = golden_text(language);
        let mut seen = 0;
        for i in ds.instruments.values() {
            if i.titles.contains_key(language) {
                assert!(
                    !text.contains(&i.title),
                    "{language}: the English title of {} is left: {}",
                    i.id,
                    i.title
                );
                seen += usize::from(text.contains(&i.title_alone(language)));
            }
            // No article has a caption in another language yet: none is printed.
            for p in i.provisions.iter().filter(|p| p.topic.len() >= 20) {
                assert!(
                    !text.contains(&p.topic),
                    "{language}: the English caption of {} art. {} is left",
                    i.id,
                    p.article
                );
            }
        }
        // ICRMW, C029 and C095 are cited by each case, titled in each language.
        assert!(seen >= 3, "{language}: {seen} titles in the language");
    }
}

// ------------------------------------------------------------------ editions side by side

/// Where `needle` first appears in `haystack` (panics with both when it does not).
fn position(haystack: &str, needle: &str) -> usize {
    haystack
        .find(needle)
        .unwrap_or_else(|| panic!("no `{needle}` in:\n{haystack}"))
}

#[test]
fn editions_rendered_side_by_side_are_reported_and_written_in_the_order_of_languages() {
    let p = russian_edition_without(&[]);
    let out = harness::temp_out();
    let run = harness::build_into(p.path(), out.path(), &[]);
    assert_eq!(run.code, Some(0), "{run}");
    let source = position(&run.stdout, "publication.html (");
    let heading = position(&run.stdout, "edition `ru`:");
    let russian = position(&run.stdout, "ru/publication.html (");
    assert!(source < heading && heading < russian, "{}", run.stdout);
    assert_eq!(run.stdout.matches("built in ").count(), 2, "{}", run.stdout);
    let ru = html_text(&out.path().join("ru/publication.html"));
    assert!(ru.contains("Работодатели удерживают"), "{ru}");
    assert!(out.path().join("publication.html").exists());
}

#[test]
fn a_source_edition_that_stops_leaves_every_edition_unwritten() {
    let p = russian_edition_without(&[]);
    let wages = p.read("findings/wages.md");
    p.write(
        "findings/wages.md",
        format!("{wages}\nAs reported [@no-such-source].\n"),
    );
    let out = harness::temp_out();
    let run = harness::build_into(p.path(), out.path(), &[]);
    assert_eq!(run.code, Some(1), "{run}");
    // The Russian edition, rendered beside it, is neither reported nor written.
    assert!(!run.stdout.contains("edition `ru`"), "{run}");
    assert!(run.stderr.contains("no-such-source"), "{run}");
    assert!(run.stderr.contains("nothing was written"), "{run}");
    let written: Vec<_> = walkdir::WalkDir::new(out.path())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().display().to_string())
        .collect();
    assert!(written.is_empty(), "{written:?}");
}
