//! The conventions dataset: every state has a status for every instrument, unknown facts are
//! shown as unknown, and `conventions import` reads real saved status pages (stored public copies
//! of UN Treaty Collection and ILO NORMLEX pages under `tests/fixtures/conventions-import/`).

mod harness;

use harness::{Project, fixture_path, rapporteur};
use rapporteur::conventions::import::{Origin, read_page};
use rapporteur::conventions::{Action, Dataset, Status};
use std::path::Path;

fn dataset() -> Dataset {
    let mut diags = rapporteur::diagnostic::Diagnostics::default();
    let ds = Dataset::builtin(&mut diags);
    assert!(diags.is_empty(), "{:?}", diags.sorted());
    ds
}

fn page(name: &str) -> String {
    std::fs::read_to_string(fixture_path(&format!("conventions-import/{name}"))).unwrap()
}

/// A dataset folder for the import to write into, holding these states' files
/// (`states/<CODE>.yaml`, with their text); returns it and its `states` folder.
fn dataset_folder(states: &[(&str, &str)]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("states");
    std::fs::create_dir_all(&folder).unwrap();
    for (code, text) in states {
        std::fs::write(folder.join(format!("{code}.yaml")), text).unwrap();
    }
    (dir, folder)
}

/// `conventions import PAGE OPTIONS --write DIR`: an import that writes into a dataset folder.
fn import_writing(page: &Path, options: &[&str], dir: &Path) -> harness::Run {
    let mut args = vec!["conventions", "import", page.to_str().unwrap()];
    args.extend_from_slice(options);
    args.extend(["--write", dir.to_str().unwrap()]);
    rapporteur(args)
}

// ------------------------------------------------------------------ coverage

/// A note never contradicts its fact: a fact with a date of consent carries no note saying the
/// source gave its status only (such notes go when an import gives the date).
#[test]
fn no_dated_fact_keeps_a_status_only_note() {
    let ds = dataset();
    for s in ds.states.values() {
        for r in &s.ratifications {
            if r.date.is_some() {
                let note = r.note.as_deref().unwrap_or("");
                assert!(
                    !note.starts_with("status only"),
                    "{} {}: {note}",
                    s.code,
                    r.instrument
                );
            }
        }
    }
}

/// The 193 UN member states and the four non-member parties (State of Palestine, Holy See,
/// Cook Islands, Niue) are all in the dataset, and each has a standing for each instrument.
#[test]
fn every_state_has_a_standing_for_every_instrument() {
    let ds = dataset();
    let members = ds.states.values().filter(|s| s.un_member).count();
    assert_eq!(members, 193);
    for code in ["PSE", "VAT", "COK", "NIU"] {
        let s = ds.state(code).unwrap_or_else(|| panic!("no {code}"));
        assert!(!s.un_member, "{code}");
    }
    assert_eq!(ds.states.len(), 197);
    let mut unknown = 0;
    for s in ds.states.values() {
        for i in ds.instruments.values() {
            let st = ds.standing(&s.code, &i.id);
            if st.record.is_none() {
                assert_eq!(st.status, Status::Unknown);
            }
            if st.status == Status::Unknown {
                unknown += 1;
            }
        }
    }
    // Many ILO statuses outside the focus states are not established (C122, C129, C143, C144,
    // C156, C181 ...): they must be unknown, not "not party".
    assert!(unknown > 100, "{unknown}");
    let (state, instrument) = without_a_fact(&ds);
    assert_eq!(ds.standing(&state, &instrument).status, Status::Unknown);
    assert!(!ds.standing(&state, &instrument).known_not_bound());
    assert!(!ds.is_party(&state, &instrument));
}

/// The first state and instrument (in the codes' order) the dataset has no fact on, recorded or
/// inferred (research passes settle them one by one: which is first changes).
fn without_a_fact(ds: &Dataset) -> (String, String) {
    ds.states
        .values()
        .flat_map(|s| ds.instruments.values().map(move |i| (s, i)))
        .find(|(s, i)| ds.standing(&s.code, &i.id).record.is_none())
        .map(|(s, i)| (s.code.clone(), i.id.clone()))
        .expect("a status without a fact")
}

/// Every fact has a source, every date is YYYY, YYYY-MM or YYYY-MM-DD, an action only on a
/// party or denounced fact, and a denunciation only on a denounced or re-acceded fact.
#[test]
fn every_fact_is_sourced_and_well_formed() {
    let ds = dataset();
    for s in ds.states.values() {
        for r in &s.ratifications {
            let what = format!("{} {}", s.code, r.instrument);
            assert!(!r.source.trim().is_empty(), "{what}: no source");
            assert!(
                ds.instruments.contains_key(&r.instrument),
                "{what}: unknown instrument"
            );
            if r.action.is_some() {
                assert!(
                    matches!(r.status, Status::Party | Status::Denounced),
                    "{what}"
                );
            }
            if r.status == Status::Signatory {
                assert!(r.date.is_none(), "{what}: a signatory has no consent date");
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for r in &s.ratifications {
            assert!(
                seen.insert(&r.instrument),
                "{} lists {} twice",
                s.code,
                r.instrument
            );
        }
    }
}

/// `conventions --state` prints unknown for the ILO conventions the dataset has no fact on,
/// never "no action"; a status inferred from a complete list of parties (France's C143) says
/// so.
#[test]
fn state_table_prints_unknown_for_missing_facts() {
    let (state, instrument) = without_a_fact(&dataset());
    let table = rapporteur(["conventions", "--state", &state]);
    assert_eq!(table.code, Some(0), "{table}");
    let row = table
        .stdout
        .lines()
        .find(|l| l.starts_with(&format!("{instrument} ")))
        .unwrap();
    assert!(
        row.starts_with(&format!("{instrument:<10} unknown ")),
        "{row}"
    );
    assert!(
        table.stdout.contains("(unknown is not \"not party\")"),
        "{table}"
    );
    let run = rapporteur(["conventions", "--state", "FRA"]);
    assert_eq!(run.code, Some(0), "{run}");
    // No status column says "no action" (a source may say the 2022 list recorded none).
    for line in run.stdout.lines().skip(2) {
        let status = line.split_whitespace().nth(1).unwrap_or("");
        assert!(status != "no" && status != "not", "{line}");
    }
    let c143 = run.stdout.lines().find(|l| l.starts_with("C143 ")).unwrap();
    assert!(c143.starts_with("C143       not-party "), "{c143}");
    assert!(
        c143.contains(" inferred from the complete list of parties to C143 as at 2013 "),
        "{c143}"
    );
    let icrmw = run
        .stdout
        .lines()
        .find(|l| l.starts_with("ICRMW "))
        .unwrap();
    assert!(icrmw.starts_with("ICRMW      not-party "), "{icrmw}");
    assert!(icrmw.contains(" 2026-02-03 "), "{icrmw}");
}

/// `conventions --about --json` is one JSON object with the counts the text gives.
#[test]
fn about_in_json_gives_the_counts_of_the_text() {
    let text = rapporteur(["conventions", "--about"]);
    let run = rapporteur(["conventions", "--about", "--json"]);
    assert_eq!(run.code, Some(0), "{run}");
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let n = |path: &[&str]| {
        let mut x = &v;
        for k in path {
            x = &x[*k];
        }
        x.as_u64().unwrap_or_else(|| panic!("{path:?} in {v}"))
    };
    let statuses = format!(
        "{} states x {} instruments = {} statuses: {} known, {} unknown",
        n(&["states"]),
        n(&["instruments"]),
        n(&["statuses", "all"]),
        n(&["statuses", "known"]),
        n(&["statuses", "unknown"])
    );
    assert!(text.stdout.contains(&statuses), "{statuses}\n{text}");
    let recorded = format!(
        "facts recorded: {} party, {} signatory, {} not party, {} denounced, {} explicitly unknown; {} with a full date, {} with an as-of date",
        n(&["recorded", "party"]),
        n(&["recorded", "signatory"]),
        n(&["recorded", "not_party"]),
        n(&["recorded", "denounced"]),
        n(&["recorded", "unknown"]),
        n(&["recorded", "with_full_date"]),
        n(&["recorded", "with_as_of"])
    );
    assert!(text.stdout.contains(&recorded), "{recorded}\n{text}");
    let inferred = format!(
        "facts inferred: {} not party",
        n(&["inferred", "not_party"])
    );
    assert!(text.stdout.contains(&inferred), "{inferred}\n{text}");
    let c097 = format!(
        "C097 {} (as at {})",
        n(&["inferred", "by_instrument", "C097", "not_party"]),
        v["inferred"]["by_instrument"]["C097"]["as_at"]
            .as_str()
            .unwrap()
    );
    assert!(text.stdout.contains(&c097), "{c097}\n{text}");
    let span = format!(
        "as of {} to {}",
        v["as_of"]["from"].as_str().unwrap(),
        v["as_of"]["to"].as_str().unwrap()
    );
    assert!(text.stdout.contains(&span), "{span}\n{text}");
}

/// `conventions --about` gives the span of the facts' as-of dates; `--version` says it too.
#[test]
fn about_and_version_say_how_current_the_dataset_is() {
    let run = rapporteur(["conventions", "--about"]);
    assert_eq!(run.code, Some(0), "{run}");
    let first = run
        .stdout
        .strip_prefix("conventions dataset: ratification facts as of ")
        .unwrap_or_else(|| panic!("{run}"));
    assert!(
        first.len() > 4 && first[..4].chars().all(|c| c.is_ascii_digit()),
        "the span starts with a year: {run}"
    );
    assert!(
        run.stdout
            .contains("197 states x 43 instruments = 8471 statuses"),
        "{run}"
    );
    let v = rapporteur(["--version"]);
    let span = run
        .stdout
        .split(" as of ")
        .nth(1)
        .unwrap()
        .split(" (")
        .next()
        .unwrap();
    assert!(
        v.stdout
            .contains(&format!("conventions dataset as of {span};")),
        "{v}\n{span}"
    );
}

// ------------------------------------------------------------------ reading pages

/// The ICRMW status page (UNTC IV-13): signatures, ratifications, accessions; the Parties
/// count; the row cut by the trimmed copy left out.
#[test]
fn reads_untc_icrmw_page() {
    let p = read_page(&page("untc-iv-13.en.txt")).unwrap();
    assert_eq!(p.origin, Origin::Untc);
    assert_eq!(p.reference.as_deref(), Some("IV-13"));
    assert_eq!(p.parties_header, Some(59));
    assert!(!p.complete);
    assert_eq!(p.as_of.as_deref(), Some("2023-09-26"));
    assert!(p.as_of_inferred);
    let row = |n: &str| {
        p.rows
            .iter()
            .find(|r| r.name == n)
            .unwrap_or_else(|| panic!("{n}"))
    };
    let chad = row("Chad");
    assert_eq!(chad.signed.as_deref(), Some("2012-09-26"));
    assert_eq!(chad.consent.as_deref(), Some("2022-02-22"));
    assert_eq!(chad.action, Some(Action::Ratification));
    let civ = row("Côte d'Ivoire");
    assert_eq!(
        (civ.signed.as_deref(), civ.consent.as_deref()),
        (None, Some("2023-09-26"))
    );
    assert_eq!(civ.action, Some(Action::Accession));
    let armenia = row("Armenia");
    assert_eq!(
        (armenia.signed.as_deref(), armenia.consent.as_deref()),
        (Some("2013-09-26"), None)
    );
    assert_eq!(
        row("Bolivia (Plurinational State of)").action,
        Some(Action::Accession)
    );
    assert_eq!(p.rows.last().unwrap().name, "Mali");
    assert!(
        p.remarks.iter().any(|r| r.contains("`Maurita`")),
        "{:?}",
        p.remarks
    );
}

/// The OP-CRC-IC page (IV-11-d): a footnote mark on a name, a 2024 signature.
#[test]
fn reads_untc_page_with_footnote_marks() {
    let p = read_page(&page("untc-iv-11-d.en.txt")).unwrap();
    assert_eq!(p.reference.as_deref(), Some("IV-11-d"));
    assert_eq!(p.parties_header, Some(52));
    let denmark = p.rows.iter().find(|r| r.name == "Denmark").unwrap();
    assert_eq!(denmark.footnotes, vec![1]);
    assert_eq!(denmark.consent.as_deref(), Some("2015-10-07"));
    assert_eq!(denmark.action, Some(Action::Accession));
    let kaz = p.rows.iter().find(|r| r.name == "Kazakhstan").unwrap();
    assert_eq!(
        (kaz.signed.as_deref(), kaz.consent.as_deref()),
        (Some("2023-02-07"), Some("2024-02-07"))
    );
}

/// The OP-ICESCR page (IV-3-a) stops inside Maldives' ratification date: the row is left out
/// rather than read as a signature only; Germany's 2023 accession is read.
#[test]
fn reads_untc_page_cut_inside_a_date() {
    let p = read_page(&page("untc-iv-3-a.en.txt")).unwrap();
    assert_eq!(p.reference.as_deref(), Some("IV-3-a"));
    assert!(p.rows.iter().all(|r| r.name != "Maldives"));
    assert_eq!(p.rows.last().unwrap().name, "Madagascar");
    assert!(
        p.remarks.iter().any(|r| r.contains("`Maldives`")),
        "{:?}",
        p.remarks
    );
    let de = p.rows.iter().find(|r| r.name == "Germany").unwrap();
    assert_eq!(
        (de.consent.as_deref(), de.action),
        (Some("2023-04-20"), Some(Action::Accession))
    );
}

/// The ICCPR-OP1 page (IV-5): the participant heading carries footnote marks, the count runs
/// into footnote digits (`Parties116123`) and is not used, and Belarus' entry, its dates in
/// square brackets after the name and footnote, is read as denounced.
#[test]
fn reads_untc_page_with_a_denounced_entry() {
    let p = read_page(&page("untc-iv-5.en.txt")).unwrap();
    assert_eq!(p.reference.as_deref(), Some("IV-5"));
    assert_eq!(p.parties_header, None);
    assert!(!p.complete);
    assert!(
        p.remarks.iter().any(|r| r.contains("`116123`")),
        "{:?}",
        p.remarks
    );
    assert_eq!(p.rows.first().unwrap().name, "Albania");
    let belarus = p.rows.iter().find(|r| r.name == "Belarus").unwrap();
    assert!(belarus.denounced);
    assert_eq!(belarus.footnotes, vec![6]);
    assert_eq!(
        (belarus.consent.as_deref(), belarus.action),
        (Some("1992-09-30"), Some(Action::Accession))
    );
    let belgium = p.rows.iter().find(|r| r.name == "Belgium").unwrap();
    assert!(!belgium.denounced);
    assert_eq!(p.rows.last().unwrap().name, "Italy");
    assert!(
        p.remarks.iter().any(|r| r.contains("`Jamaica`")),
        "{:?}",
        p.remarks
    );
}

/// The Collection's own status page (OP-CRPD, IV-15-a) as copied: one cell per line, the
/// letter of the chapter written apart (`15 .a`), `STATUS AS AT` in capitals, empty cells as
/// blank lines, footnote marks as numbers after the name; Armenia's 2022 ratification.
#[test]
fn reads_untc_status_page_one_cell_per_line() {
    let p = read_page(&page("untc-iv-15-a.en.txt")).unwrap();
    assert_eq!(p.reference.as_deref(), Some("IV-15-a"));
    assert_eq!(p.parties_header, Some(106));
    assert_eq!(
        (p.as_of.as_deref(), p.as_of_inferred),
        (Some("2024-04-19"), false)
    );
    let row = |n: &str| {
        p.rows
            .iter()
            .find(|r| r.name == n)
            .unwrap_or_else(|| panic!("{n}"))
    };
    let armenia = row("Armenia");
    assert_eq!(
        (
            armenia.signed.as_deref(),
            armenia.consent.as_deref(),
            armenia.action
        ),
        (
            Some("2007-03-30"),
            Some("2022-12-26"),
            Some(Action::Ratification)
        )
    );
    let afghanistan = row("Afghanistan");
    assert_eq!(
        (
            afghanistan.signed.as_deref(),
            afghanistan.consent.as_deref(),
            afghanistan.action
        ),
        (None, Some("2012-09-18"), Some(Action::Accession))
    );
    let algeria = row("Algeria");
    assert_eq!(
        (algeria.signed.as_deref(), algeria.consent.as_deref()),
        (Some("2007-03-30"), None)
    );
    let bolivia = row("Bolivia (Plurinational State of)");
    assert_eq!(bolivia.footnotes, vec![1]);
    assert_eq!(bolivia.consent.as_deref(), Some("2009-11-16"));
    assert_eq!(p.rows.len(), 33);
    assert_eq!(
        p.rows.last().unwrap().name,
        "Democratic Republic of the Congo"
    );
}

/// A complete NORMLEX list with German month names: 35 ratifications, one not yet in force.
#[test]
fn reads_normlex_convention_list() {
    let p = read_page(&page("normlex-c167.txt")).unwrap();
    assert_eq!(p.origin, Origin::Normlex);
    assert_eq!(p.reference.as_deref(), Some("C167"));
    assert_eq!(p.rows.len(), 35);
    assert!(p.complete);
    let row = |n: &str| p.rows.iter().find(|r| r.name == n).unwrap();
    assert_eq!(row("China").consent.as_deref(), Some("2002-03-07"));
    assert_eq!(
        row("Russian Federation").consent.as_deref(),
        Some("2018-10-29")
    );
    assert!(row("Spain").not_yet_in_force);
    assert!(!row("Uzbekistan").not_yet_in_force);
    let trimmed = read_page(&page("normlex-c098.txt")).unwrap();
    assert_eq!(trimmed.parties_header, Some(168));
    assert_eq!(trimmed.rows.len(), 52);
    assert!(!trimmed.complete);
}

/// A French NORMLEX list (French names and month abbreviations, notes run into the name, a
/// ratification not yet in force), trimmed after Kyrgyzstan: 28 of 54 rows.
#[test]
fn reads_french_normlex_list() {
    let p = read_page(&page("normlex-c097.fr.txt")).unwrap();
    assert_eq!(p.origin, Origin::Normlex);
    assert_eq!(p.reference.as_deref(), Some("C097"));
    assert_eq!(p.parties_header, Some(54));
    assert_eq!(p.rows.len(), 28);
    assert!(!p.complete);
    let row = |n: &str| p.rows.iter().find(|r| r.name == n).unwrap();
    assert_eq!(row("Algérie").consent.as_deref(), Some("1962-10-19"));
    assert_eq!(row("Dominique").consent.as_deref(), Some("1983-02-28"));
    assert_eq!(row("Kirghizistan").consent.as_deref(), Some("2008-09-10"));
    assert!(row("Congo").not_yet_in_force);
    assert!(!row("Comores").not_yet_in_force);
}

/// The Netherlands' Treaty Database's page of C097 (its text as saved, cut inside a name after
/// Malaysia): the treaty number, each party's date of consent (`(R)`, `(Su)`), the entry into
/// force after it passed over, the cut row left out with a remark; no count, so incomplete.
#[test]
fn reads_a_dutch_treaty_database_table() {
    let p = read_page(&page("verdragenbank-c097.en.txt")).unwrap();
    assert_eq!(p.origin, Origin::Verdragenbank);
    assert_eq!(p.reference.as_deref(), Some("007101"));
    assert_eq!(p.rows.len(), 30);
    assert!(!p.complete);
    assert_eq!(p.as_of.as_deref(), Some("2023-10-26"));
    let row = |n: &str| p.rows.iter().find(|r| r.name == n).unwrap();
    assert_eq!(row("Albania").consent.as_deref(), Some("2005-03-02"));
    assert_eq!(row("Algeria").consent.as_deref(), Some("1962-10-19"));
    assert_eq!(row("Algeria").signed, None);
    assert_eq!(row("Algeria").action, None);
    assert_eq!(row("Malaysia").consent.as_deref(), Some("1964-03-03"));
    assert!(
        p.remarks.iter().any(|r| r.contains("`Mauritiu`")),
        "{:?}",
        p.remarks
    );
}

/// A renunciation or termination date after the entry into force, which the saved text does
/// not tell apart, leaves the row out; a signature before the consent is read as such.
#[test]
fn leaves_out_a_dutch_row_with_a_date_after_its_entry_into_force() {
    let text = "Treaty number 000001\nParty Signature Ratification S=Signature without reservation or requirement of ratification Entry into force Renunciation Termination\nAlbania 01-02-2000 03-04-2001 (R) 03-05-2001\nBelgium 01-02-2000 (R) 01-03-2000 01-02-2010\n";
    let p = read_page(text).unwrap();
    assert_eq!(p.rows.len(), 1);
    assert_eq!(p.rows[0].signed.as_deref(), Some("2000-02-01"));
    assert_eq!(p.rows[0].consent.as_deref(), Some("2001-04-03"));
    assert!(
        p.remarks
            .iter()
            .any(|r| r.contains("Belgium") && r.contains("renunciation"))
    );
}

/// NORMLEX's "Denounced on DATE" is the day the ILO registered the denunciation, not the day
/// it took effect a year later (ILOLEX printed Brazil's C158 denunciation under the date
/// Brazil's decree says the ILO registered it). The fixture is rows of a scraper's copy of the
/// C105 table: the two denounced rows and their neighbours.
#[test]
fn reads_a_normlex_denunciation_as_the_date_it_was_registered() {
    let p = read_page(&page("normlex-c105.table.csv")).unwrap();
    let row = |n: &str| p.rows.iter().find(|r| r.name == n).unwrap().clone();
    let malaysia = row("Malaysia");
    assert!(malaysia.denounced);
    assert_eq!(
        (
            malaysia.consent.as_deref(),
            malaysia.denounced_on.as_deref()
        ),
        (Some("1958-10-13"), Some("1990-01-10"))
    );
    assert_eq!(malaysia.denunciation_effective, None);
    assert_eq!(row("Singapore").denounced_on.as_deref(), Some("1979-04-19"));
    assert!(!row("Maldives").denounced);
    let ds = dataset();
    let fact = ds.ratification("SGP", "C105").unwrap();
    assert_eq!(
        (
            fact.status,
            fact.denounced.as_deref(),
            fact.denunciation_effective.as_deref()
        ),
        (Status::Denounced, Some("1979-04-19"), None)
    );
}

/// A NORMLEX country page (a stored copy of Brazil's, its first part: the summary, the
/// fundamental and governance lists whole, the technical list cut after three rows): each
/// group's count and the conventions listed under its heading are read, and a group is whole
/// when its list was read to the next heading and agrees with the count.
#[test]
fn reads_the_groups_of_a_normlex_country_page() {
    let p = read_page(&page("normlex-brazil.txt")).unwrap();
    assert_eq!(p.country.as_deref(), Some("Brazil"));
    let group = |n: &str| p.groups.iter().find(|g| g.name == n).unwrap();
    let fundamental = group("Fundamental");
    assert_eq!((fundamental.ratified, fundamental.of), (8, 10));
    assert_eq!(fundamental.listed.len(), 8);
    assert!(fundamental.whole());
    assert_eq!(group("Governance").listed, ["C081", "C122", "C144"]);
    assert!(group("Governance").whole());
    let technical = group("Technical");
    assert_eq!((technical.ratified, technical.of), (87, 177));
    assert!(!technical.closed && !technical.whole());
}

/// A Spanish country page (a stored copy of Spain's, cut inside its governance list): the
/// title names the country, the groups are read under their Spanish names, and the protocol
/// printed in C029's cell is a row of its own, with C029 keeping its own date.
#[test]
fn reads_a_spanish_normlex_country_page() {
    let p = read_page(&page("normlex-spain.es.txt")).unwrap();
    assert_eq!(
        (p.country.as_deref(), p.reference.as_deref()),
        (Some("España"), None)
    );
    let row = |n: &str| p.rows.iter().find(|r| r.name.starts_with(n)).unwrap();
    assert_eq!(row("C029").consent.as_deref(), Some("1932-08-29"));
    assert_eq!(row("P029").consent.as_deref(), Some("2017-09-20"));
    assert_eq!(row("C187").consent.as_deref(), Some("2009-05-05"));
    let group = |n: &str| p.groups.iter().find(|g| g.name == n).unwrap();
    assert!(group("Fundamental").whole());
    assert_eq!(group("Fundamental").listed.len(), 10);
    let governance = group("Governance");
    assert_eq!((governance.ratified, governance.of), (4, 4));
    assert_eq!(governance.listed, ["C081"]);
    assert!(!governance.closed);
}

/// A country page records the conventions it lists and, for a group it lists whole, the
/// group's other conventions as not ratified; conventions outside the dataset are passed
/// over; `--not-before` dates a page that states no date. A group whose list is cut (the page
/// ends inside it) leaves the conventions it does not list alone.
#[test]
fn import_of_a_country_page_records_the_groups_it_lists_whole() {
    // Brazil's four statuses the page gives, as they were before it was imported: unknown.
    let unknown =
        |i: &str| format!("  - instrument: {i}\n    status: unknown\n    source: not looked for\n");
    let record = format!(
        "code: BRA\nname: Brazil\nun_member: true\nratifications:\n{}",
        ["C122", "C129", "C144", "C187"].map(unknown).concat()
    );
    let (dir, states) = dataset_folder(&[("BRA", &record)]);
    let fixture = fixture_path("conventions-import/normlex-brazil.txt");
    let options = ["--not-before", "2022-06-10", "--from", "a stored copy"];
    let run = import_writing(&fixture, &options, dir.path());
    assert_eq!(run.code, Some(0), "{run}");
    assert!(
        run.stdout
            .contains("3 of the conventions listed are not in the dataset: passed over"),
        "{run}"
    );
    assert!(
        run.stdout
            .contains("4 new, 0 changed, 10 confirmed, 0 unmatched"),
        "{run}"
    );
    let brazil = std::fs::read_to_string(states.join("BRA.yaml")).unwrap();
    for (instrument, fact) in [
        (
            "C122",
            "status: party\n    action: ratification\n    date: \"1969-03-24\"\n    as_of: \"2022-06-10\"\n",
        ),
        (
            "C144",
            "status: party\n    action: ratification\n    date: \"1994-09-27\"\n",
        ),
        ("C129", "status: not-party\n    as_of: \"2022-06-10\"\n"),
        ("C187", "status: not-party\n    as_of: \"2022-06-10\"\n"),
    ] {
        let entry = format!("  - instrument: {instrument}\n    {fact}");
        assert!(brazil.contains(&entry), "{entry}\n{brazil}");
    }
    assert!(brazil.contains("status as shown on or after 2022-06-10; read from a stored copy (not among the 8 of 10 fundamental conventions the page lists for the country)"), "{brazil}");
    // The same page cut inside its governance list.
    let cut = dir.path().join("cut.txt");
    let text = page("normlex-brazil.txt");
    std::fs::write(&cut, &text[..text.find("\nTechnical\n").unwrap()]).unwrap();
    let run = rapporteur(["conventions", "import", cut.to_str().unwrap()]);
    assert!(run.stdout.contains(" BRA C187      not party"), "{run}");
    assert!(!run.stdout.contains("BRA C129"), "{run}");
    assert!(
        run.stdout.contains(
            "Governance conventions: the page counts 3 of 4 and 3 listed before the page ends (cut)"
        ),
        "{run}"
    );
}

/// NORMLEX's table of ratifications saved alone as delimited text (a scraper's copy of the
/// C138 page, trimmed after Burundi): notes run into the names are dropped, even after a
/// closing parenthesis; the table names no treaty and has no count, so it is incomplete.
#[test]
fn reads_a_normlex_table_saved_as_delimited_text() {
    let p = read_page(&page("normlex-c138.table.csv")).unwrap();
    assert_eq!(p.origin, Origin::Normlex);
    assert_eq!(p.reference, None);
    assert_eq!(p.rows.len(), 26);
    assert!(!p.complete);
    let row = |n: &str| p.rows.iter().find(|r| r.name == n).unwrap();
    assert_eq!(row("Afghanistan").consent.as_deref(), Some("2010-04-07"));
    assert_eq!(
        row("Bolivia (Plurinational State of)").consent.as_deref(),
        Some("1997-06-11")
    );
    // Australia's registration of 13 Jun 2023 was not yet in force on the table's date.
    assert!(row("Australia").not_yet_in_force);
    assert!(!row("Austria").not_yet_in_force);
    assert_eq!(p.as_of.as_deref(), Some("2023-06-13"));
    assert!(p.as_of_inferred);
}

/// The Collection's participant table saved alone as delimited text (CEDAW, IV-8, trimmed
/// after Denmark): signature and consent cells, the a/d markers, footnote marks after names.
#[test]
fn reads_a_untc_table_saved_as_delimited_text() {
    let p = read_page(&page("untc-iv-8.table.csv")).unwrap();
    assert_eq!(p.origin, Origin::Untc);
    assert_eq!(p.rows.len(), 53);
    assert!(!p.complete);
    let row = |n: &str| p.rows.iter().find(|r| r.name == n).unwrap();
    let afg = row("Afghanistan");
    assert_eq!(afg.signed.as_deref(), Some("1980-08-14"));
    assert_eq!(afg.consent.as_deref(), Some("2003-03-05"));
    assert_eq!(afg.action, Some(Action::Ratification));
    let cpv = row("Cabo Verde");
    assert_eq!(
        (cpv.signed.as_deref(), cpv.consent.as_deref()),
        (None, Some("1980-12-05"))
    );
    assert_eq!(cpv.action, Some(Action::Accession));
    assert_eq!(row("Croatia").action, Some(Action::Succession));
    assert_eq!(row("Cambodia").footnotes, vec![10, 11]);
    assert_eq!(row("Cambodia").action, Some(Action::Accession));
    assert_eq!(row("Algeria").footnotes, vec![2]);
}

/// Markers and brackets the fixtures do not show, in the page's text form: acceptance (A),
/// approval (AA), formal confirmation (c), succession (d), a bracketed (denounced) entry.
#[test]
fn reads_every_consent_marker() {
    let text = "CHAPTER IV\nHUMAN RIGHTS\n15Convention\nParties4\nParticipantSignatureRatification, Accession(a)\
                Aland 1 Jan 2000 2 Feb 2001 ABeta 3 Mar 2002 4 Apr 2003 AACzechoslovakia 5 May 1990 dDelta 6 Jun 2004 7 Jul 2005 c[Epsilon 8 Aug 2006 9 Sep 2007]";
    let p = read_page(text).unwrap();
    let actions: Vec<_> = p
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.action, r.denounced))
        .collect();
    assert_eq!(
        actions,
        vec![
            ("Aland", Some(Action::Acceptance), false),
            ("Beta", Some(Action::Approval), false),
            ("Czechoslovakia", Some(Action::Succession), false),
            ("Delta", Some(Action::FormalConfirmation), false),
            ("Epsilon", Some(Action::Ratification), true),
        ]
    );
    assert!(p.complete);
}

// ------------------------------------------------------------------ the import command

/// The built-in dataset agrees with every saved page: importing them changes nothing.
#[test]
fn dataset_agrees_with_saved_pages() {
    for name in [
        "untc-iv-13.en.txt",
        "untc-iv-11-d.en.txt",
        "untc-iv-3-a.en.txt",
        "untc-iv-5.en.txt",
        "untc-iv-15-a.en.txt",
        "untc-iv-16.en.txt",
        "untc-iv-8-b.en.txt",
        "normlex-c167.txt",
        "normlex-c098.txt",
        "normlex-c097.fr.txt",
        "untc-iv-5.saved.html",
        "untc-iv-5-notes.saved.html",
        "untc-iv-15.saved.html",
        "normlex-brazil.txt",
        "normlex-spain.es.txt",
    ] {
        let path = fixture_path(&format!("conventions-import/{name}"));
        let run = rapporteur(["conventions", "import", path.to_str().unwrap()]);
        assert_eq!(run.code, Some(0), "{run}");
        assert!(run.stdout.contains("\n0 new, 0 changed, "), "{name}\n{run}");
        assert!(
            run.stdout.contains("(review only: nothing written"),
            "{run}"
        );
    }
    for (name, instrument) in [
        ("normlex-c138.table.csv", "C138"),
        ("normlex-c105.table.csv", "C105"),
        ("untc-iv-8.table.csv", "CEDAW"),
    ] {
        let path = fixture_path(&format!("conventions-import/{name}"));
        let run = rapporteur([
            "conventions",
            "import",
            path.to_str().unwrap(),
            "--instrument",
            instrument,
        ]);
        assert_eq!(run.code, Some(0), "{run}");
        assert!(run.stdout.contains("\n0 new, 0 changed, "), "{name}\n{run}");
    }
    // The Netherlands' table of C097 agrees with the dataset but for one row: it gives the
    // ratification of 26 October 2023 to the Democratic Republic of the Congo, which NORMLEX's
    // own page of C097 gives to the Congo, so the dataset does not take it.
    let path = fixture_path("conventions-import/verdragenbank-c097.en.txt");
    let run = rapporteur([
        "conventions",
        "import",
        path.to_str().unwrap(),
        "--instrument",
        "C097",
    ]);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(run.stdout.contains("\n1 new, 0 changed, "), "{run}");
    assert!(run.stdout.contains("+ COD"), "{run}");
}

/// The review names what a page changes, and --write records it in a conventions folder,
/// keeping the file's comments; a trimmed page leaves the states it does not list alone.
#[test]
fn import_reviews_then_writes_changes() {
    // An older record of Chad: a signatory of the ICRMW.
    let (dir, states) = dataset_folder(&[(
        "TCD",
        "code: TCD\nname: Chad\nun_member: true\n# a comment to keep\nratifications:\n  - instrument: ICRMW\n    status: signatory\n    signed: \"2012\"\n    source: an older list\n",
    )]);
    let page = fixture_path("conventions-import/untc-iv-13.en.txt");
    let review = rapporteur([
        "conventions",
        "import",
        page.to_str().unwrap(),
        "--as-of",
        "2024-01-15",
    ]);
    assert!(review.stdout.contains("as of 2024-01-15"), "{review}");
    let run = import_writing(&page, &["--from", "a test copy"], dir.path());
    assert_eq!(run.code, Some(0), "{run}");
    assert!(
        run.stdout.contains("  ~ TCD ICRMW     status signatory -> party, action - -> ratification, signed 2012 -> 2012-09-26, date - -> 2022-02-22"),
        "{run}"
    );
    let chad = std::fs::read_to_string(states.join("TCD.yaml")).unwrap();
    assert!(chad.contains("# a comment to keep\n"), "{chad}");
    assert!(
        chad.contains("  - instrument: ICRMW\n    status: party\n    action: ratification\n    signed: \"2012-09-26\"\n    date: \"2022-02-22\"\n    as_of: \"2023-09-26\"\n"),
        "{chad}"
    );
    assert!(chad.contains("read from a test copy"), "{chad}");
    // Mauritania is beyond the trimmed copy: not written.
    assert!(!states.join("MRT.yaml").exists());
}

/// A page older than what the dataset knows adds its dates but keeps the later as-of date of
/// the same status, naming both sources: a stored copy never makes a fact look less current.
#[test]
fn import_of_an_older_page_keeps_the_later_as_of() {
    let (dir, states) = dataset_folder(&[(
        "TCD",
        "code: TCD\nname: Chad\nun_member: true\nratifications:\n  - instrument: ICRMW\n    status: party\n    date: \"2022\"\n    as_of: \"2025-06\"\n    source: a newer list\n",
    )]);
    let page = fixture_path("conventions-import/untc-iv-13.en.txt");
    let run = import_writing(&page, &["--as-of", "2024-01-15"], dir.path());
    assert_eq!(run.code, Some(0), "{run}");
    let chad = std::fs::read_to_string(states.join("TCD.yaml")).unwrap();
    assert!(
        chad.contains("    date: \"2022-02-22\"\n    as_of: \"2025-06\"\n"),
        "{chad}"
    );
    assert!(
        chad.contains("status as at 2025-06: a newer list"),
        "{chad}"
    );
}

/// A page older than the dataset's fact that shows another status (CPED, 2014: Benin a
/// signatory; the dataset: party as of 2022) does not undo what the state did since: the
/// status, date and as-of stay, and only the signature date the page adds is recorded.
#[test]
fn import_of_an_older_page_keeps_a_later_status() {
    let (dir, states) = dataset_folder(&[(
        "BEN",
        "code: BEN\nname: Benin\nun_member: true\nratifications:\n  - instrument: CPED\n    status: party\n    date: \"2017\"\n    as_of: \"2022-06\"\n    source: a newer list\n",
    )]);
    let page = fixture_path("conventions-import/untc-iv-16.en.txt");
    let run = import_writing(&page, &[], dir.path());
    assert_eq!(run.code, Some(0), "{run}");
    assert!(
        run.stdout.contains("  ~ BEN CPED      signed - -> 2010-03-19 (status kept: the dataset's party as of 2022-06 is newer than the page)"),
        "{run}"
    );
    let benin = std::fs::read_to_string(states.join("BEN.yaml")).unwrap();
    assert!(
        benin.contains("    status: party\n    signed: \"2010-03-19\"\n    date: \"2017\"\n    as_of: \"2022-06\"\n"),
        "{benin}"
    );
    assert!(
        benin.contains("a newer list; signature date: UN Treaty Collection"),
        "{benin}"
    );
    let again = import_writing(&page, &[], dir.path());
    assert!(again.stdout.contains("  = BEN CPED"), "{again}");
}

/// A signature does not lapse: where the dataset says no action as of a later date and an
/// older page shows a signature (CPED, 2014: Algeria signed on 6 Feb 2007), the later source
/// missed it, and the fact becomes the page's signature, with a note saying so.
#[test]
fn import_of_an_older_page_restores_a_missed_signature() {
    let (dir, states) = dataset_folder(&[(
        "DZA",
        "code: DZA\nname: Algeria\nun_member: true\nratifications:\n  - instrument: CPED\n    status: not-party\n    as_of: \"2022-06\"\n    source: a newer list\n",
    )]);
    let page = fixture_path("conventions-import/untc-iv-16.en.txt");
    let run = import_writing(&page, &[], dir.path());
    assert_eq!(run.code, Some(0), "{run}");
    assert!(
        run.stdout
            .contains("  ~ DZA CPED      status not party -> signatory, signed - -> 2007-02-06"),
        "{run}"
    );
    let algeria = std::fs::read_to_string(states.join("DZA.yaml")).unwrap();
    assert!(
        algeria.contains(
            "    status: signatory\n    signed: \"2007-02-06\"\n    as_of: \"2014-04-24\"\n"
        ),
        "{algeria}"
    );
    assert!(
        algeria.contains("a later source (a newer list, as of 2022-06) recorded no action; a signature does not lapse"),
        "{algeria}"
    );
}

/// A name that matches no state is reported, and the exit status says so.
#[test]
fn import_reports_unmatched_names() {
    let dir = tempfile::tempdir().unwrap();
    let text = page("normlex-c167.txt").replace("Lesotho", "Atlantis");
    let path = dir.path().join("c167.txt");
    std::fs::write(&path, text).unwrap();
    let run = rapporteur(["conventions", "import", path.to_str().unwrap()]);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(
        run.stdout
            .contains("  ? `Atlantis` matches no state of the dataset"),
        "{run}"
    );
}

/// A table saved whole (--complete) records the states it does not list as not party (here a
/// state whose fact is unknown in the folder written to); a fact
/// that records a later date than the table (a ratification of 2024 without an as-of date)
/// keeps its status.
#[test]
fn import_of_a_table_saved_whole_records_unlisted_states() {
    let (dir, states) = dataset_folder(&[
        (
            "UZB",
            "code: UZB\nname: Uzbekistan\nun_member: true\nratifications:\n  - instrument: C138\n    status: party\n    date: \"2024\"\n    source: a later law\n",
        ),
        // Zimbabwe, beyond the trimmed table: unknown in this folder.
        (
            "ZWE",
            "code: ZWE\nname: Zimbabwe\nun_member: true\nratifications:\n  - instrument: C138\n    status: unknown\n    source: not looked for\n",
        ),
    ]);
    let page = fixture_path("conventions-import/normlex-c138.table.csv");
    let run = import_writing(&page, &["--instrument", "C138", "--complete"], dir.path());
    assert_eq!(run.code, Some(0), "{run}");
    assert!(
        run.stdout.contains("read as complete (--complete)"),
        "{run}"
    );
    assert!(run.stdout.contains("  = UZB C138"), "{run}");
    let zimbabwe = std::fs::read_to_string(states.join("ZWE.yaml")).unwrap();
    assert!(
        zimbabwe
            .contains("  - instrument: C138\n    status: not-party\n    as_of: \"2023-06-13\"\n"),
        "{zimbabwe}"
    );
    assert!(
        zimbabwe.contains("(not listed on the complete page)"),
        "{zimbabwe}"
    );
    let albania = std::fs::read_to_string(states.join("ALB.yaml")).unwrap();
    assert!(
        albania.contains("  - instrument: C138\n    status: party\n    action: ratification\n    date: \"1998-02-16\"\n"),
        "{albania}"
    );
    let uzbekistan = std::fs::read_to_string(states.join("UZB.yaml")).unwrap();
    assert!(
        uzbekistan.contains("    status: party\n    date: \"2024\"\n"),
        "{uzbekistan}"
    );
}

/// A complete table with a name that matches no state cannot say which states it leaves out:
/// it records only the states it names.
#[test]
fn import_of_a_complete_table_with_an_unmatched_name_leaves_unlisted_states() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("c138.csv");
    std::fs::write(
        &table,
        "Country;Date;Status;Note\nAlbania;16 Feb 1998;In Force;\nAtlantis;01 Jan 2000;In Force;\n",
    )
    .unwrap();
    let run = import_writing(&table, &["--instrument", "C138", "--complete"], dir.path());
    assert_eq!(run.code, Some(1), "{run}");
    assert!(
        run.stdout.contains("? `Atlantis` matches no state"),
        "{run}"
    );
    assert!(
        run.stdout
            .contains("the states the page does not list are left as they are"),
        "{run}"
    );
    assert!(dir.path().join("states/ALB.yaml").exists());
    assert!(!dir.path().join("states/ZWE.yaml").exists());
}

// ------------------------------------------------------------------ complete lists of parties

/// A project whose conventions add C900, declaring its complete list of `count` parties as at
/// 2024-01-01: Kyrgyzstan a party of 2020, Kazakhstan an explicit unknown.
fn project_with_a_list_of_parties(count: u32) -> Project {
    let p = Project::base();
    p.write(
        "conventions/instruments/C900.yaml",
        format!(
            "id: C900\nfamily: ilo-technical\ntitle: \"A test convention\"\narticles: 10\nsource: \"a test\"\n\
             parties: {{count: {count}, as_of: \"2024-01-01\", source: \"ILO NORMLEX, Ratifications of C900\"}}\n"
        ),
    );
    p.write(
        "conventions/states/KGZ.yaml",
        "code: KGZ\nname: Kyrgyzstan\nratifications:\n  - {instrument: C900, status: party, date: \"2020-05-06\", source: \"a test\"}\n",
    );
    p.write(
        "conventions/states/KAZ.yaml",
        "code: KAZ\nname: Kazakhstan\nratifications:\n  - {instrument: C900, status: unknown, source: \"looked for, not found\"}\n",
    );
    p
}

/// A declared list the facts reach fills the states without a fact as not party, shown as
/// inferred, as at the list's date; an explicit unknown stays unknown.
#[test]
fn a_declared_list_of_parties_makes_the_states_without_a_fact_not_party_by_inference() {
    let p = project_with_a_list_of_parties(1);
    let project = p.path().to_str().unwrap();
    let run = rapporteur(["conventions", "--state", "FRA", "--project", project]);
    assert_eq!(run.code, Some(0), "{run}");
    let line = run.stdout.lines().find(|l| l.starts_with("C900 ")).unwrap();
    assert!(line.starts_with("C900       not-party "), "{line}");
    assert!(line.contains(" 2024-01-01 "), "{line}");
    assert!(
        line.contains("inferred from the complete list of parties to C900 as at 2024-01-01"),
        "{line}"
    );
    assert!(run.stdout.contains(" inferred: not party as the state is not among the parties of the instrument's complete list"), "{run}");
    let kaz = rapporteur(["conventions", "--state", "KAZ", "--project", project]);
    let line = kaz.stdout.lines().find(|l| l.starts_with("C900 ")).unwrap();
    assert!(line.starts_with("C900       unknown "), "{line}");
}

/// `conventions --about` counts the facts inferred from complete lists apart from the
/// recorded ones, by instrument with the list's date.
#[test]
fn conventions_about_counts_the_inferred_facts_apart() {
    let p = project_with_a_list_of_parties(1);
    let project = p.path().to_str().unwrap();
    let run = rapporteur(["conventions", "--about", "--project", project]);
    assert_eq!(run.code, Some(0), "{run}");
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("facts inferred: "))
        .unwrap_or_else(|| panic!("{run}"));
    // 197 states: Kyrgyzstan is a party, Kazakhstan's status is explicitly unknown.
    assert!(line.contains("C900 195 (as at 2024-01-01)"), "{line}");
    assert!(run.stdout.contains("\nfacts recorded: "), "{run}");
}

/// A declared count the recorded facts do not reach is a warning naming the instrument and
/// both numbers, and nothing is inferred from the list.
#[test]
fn a_wrong_count_of_parties_is_a_warning_with_both_numbers() {
    let p = project_with_a_list_of_parties(2);
    let run = p.check();
    let warning = run
        .diagnostics()
        .into_iter()
        .find(|d| d.contains(": warning: C900: `parties:`"))
        .unwrap_or_else(|| panic!("{run}"));
    assert!(
        warning.contains("conventions/instruments/C900.yaml"),
        "{warning}"
    );
    assert!(
        warning.contains(
            "C900: `parties:` declares 2 parties as at 2024-01-01, but the dataset records 1"
        ),
        "{warning}"
    );
    let project = p.path().to_str().unwrap();
    let fra = rapporteur(["conventions", "--state", "FRA", "--project", project]);
    let line = fra.stdout.lines().find(|l| l.starts_with("C900 ")).unwrap();
    assert!(line.starts_with("C900       unknown "), "{line}");
}

/// The import compares a page with the recorded facts: a fact inferred from a complete list is
/// no fact (the page's is new), and the state files it writes hold no inferred fact.
#[test]
fn the_import_does_not_take_an_inferred_fact_for_a_recorded_one() {
    use rapporteur::conventions::import::{Change, Proposal, diff};
    let p = project_with_a_list_of_parties(1);
    let mut diags = rapporteur::diagnostic::Diagnostics::default();
    let mut ds = Dataset::builtin(&mut diags);
    let files: Vec<rapporteur::load::SourceFile> = ["instruments/C900.yaml", "states/KGZ.yaml"]
        .iter()
        .map(|rel| rapporteur::load::SourceFile {
            path: format!("conventions/{rel}"),
            text: p.read(&format!("conventions/{rel}")),
        })
        .collect();
    ds.merge(&files, "conventions/", &mut diags);
    let inferred = ds.ratification("FRA", "C900").unwrap().clone();
    assert!(inferred.inferred, "{inferred:?}");
    let page_fact = rapporteur::conventions::Ratification {
        status: Status::NotParty,
        inferred: false,
        source: "ILO NORMLEX, Ratifications of C900, saved 2025-01-01".into(),
        as_of: Some("2025-01-01".into()),
        ..inferred.clone()
    };
    let proposal = Proposal {
        state: "FRA".into(),
        fact: page_fact,
    };
    assert_eq!(diff(&ds, &proposal), Change::New);
    let written = rapporteur::conventions::state_yaml(ds.state("FRA").unwrap(), &[]);
    assert!(!written.contains("C900"), "{written}");
}

/// A warning that a state has not ratified an instrument says so when the dataset infers it
/// from a complete list of parties, and as at which date.
#[test]
fn a_not_ratified_warning_on_an_inferred_fact_says_it_is_inferred() {
    let p = Project::fixture("invalid/finding-not-ratified");
    p.write(
        "conventions/instruments/C900.yaml",
        "id: C900\nfamily: ilo-technical\ntitle: \"A test convention\"\narticles: 10\nsource: \"a test\"\n\
         parties: {count: 1, as_of: \"2024-01-01\", source: \"ILO NORMLEX, Ratifications of C900\"}\n",
    );
    p.write(
        "conventions/states/KAZ.yaml",
        "code: KAZ\nname: Kazakhstan\nratifications:\n  - {instrument: C900, status: party, date: \"2020-05-06\", source: \"a test\"}\n",
    );
    let finding = p
        .read("findings/wages.md")
        .replace("ILO C189 art. 9]", "ILO C189 art. 9, ILO C900 art. 1]");
    p.write("findings/wages.md", finding);
    let run = p.check();
    assert!(
        run.diagnostics()
            .iter()
            .any(|d| d.ends_with("but Kyrgyzstan has not ratified C900")),
        "{run}"
    );
    assert!(
        run.hints().iter().any(|h| h.contains(
            "note: the dataset infers this: the state is not among the parties of its complete list of C900's parties as at 2024-01-01"
        )),
        "{run}"
    );
}

// ------------------------------------------------------------------ articles

/// C029 articles 3-24 are deleted by P029 for its parties: Tajikistan (a P029 party) and not
/// Kazakhstan (not a party to the Protocol); article 2 is never deleted.
#[test]
fn c029_articles_deleted_by_the_protocol() {
    let ds = dataset();
    let art = |n: u32| ds.resolve_citation(&format!("ILO C029 art. {n}")).unwrap();
    assert!(
        ds.deleted_for("TJK", &art(4))
            .is_some_and(|d| d.by == "P029")
    );
    assert!(ds.deleted_for("TJK", &art(24)).is_some());
    assert!(ds.deleted_for("TJK", &art(2)).is_none());
    assert!(ds.deleted_for("TJK", &art(25)).is_none());
    assert!(ds.deleted_for("KAZ", &art(4)).is_none());
    let run = rapporteur(["conventions", "C029", "4"]);
    assert!(
        run.stdout
            .contains("\ndeleted for the states party to P029 (articles 3-24): "),
        "{run}"
    );
}

/// The ratification annex's cells: a year, marked when after the report's date; "signed YEAR";
/// "not ratified" only on a known fact, marked where it is inferred from a complete list of
/// parties; "unknown" where the dataset has none, or says it does not know; each in the report's
/// language.
#[test]
fn annex_cells_honour_uncertainty() {
    let ds = dataset();
    let en = rapporteur::locale::Locale::builtin("en").unwrap();
    let cell =
        |state: &str, instrument: &str, year: u16| ds.standing(state, instrument).cell(year, &en);
    assert_eq!(cell("FRA", "C143", 2020), "not ratified (inferred)");
    assert_eq!(cell("KAZ", "C143", 2020), "not ratified (inferred)");
    // A party whose year is not known (Jordan's C118, from a list of 1976), and one whose is.
    assert_eq!(cell("JOR", "C118", 2020), "party");
    assert_eq!(cell("FRA", "C118", 2020), "1974");
    assert_eq!(cell("TCD", "ICRMW", 2020), "2022†");
    assert_eq!(cell("TCD", "ICRMW", 2024), "2022");
    assert_eq!(cell("KGZ", "CPED", 2020), "not ratified");
    assert_eq!(cell("KAZ", "OP-ICESCR", 2020), "signed 2010");
    // An explicit unknown (Kyrgyzstan's C129).
    assert_eq!(cell("KGZ", "C129", 2020), "unknown");
    assert!(ds.standing("KGZ", "C129").record.is_some());
    let ru = rapporteur::locale::Locale::builtin("ru").unwrap();
    let in_russian = |state: &str, instrument: &str| ds.standing(state, instrument).cell(2018, &ru);
    assert_eq!(in_russian("KGZ", "CPED"), "не ратифицировано");
    assert_eq!(in_russian("KGZ", "C129"), "неизвестно");
    assert_eq!(in_russian("KAZ", "C143"), "не ратифицировано (вывод)");
    assert_eq!(in_russian("KAZ", "OP-ICESCR"), "подписано 2010");
    assert_eq!(in_russian("JOR", "C118"), "участник");
}

/// The status XML (rows of `Entry` cells under `Participants`, the count under `Status`) and a
/// saved HTML table read as the page's text does. Constructed in the published layout: no stored
/// copy of the raw XML or of a saved page was available.
#[test]
fn reads_status_xml_and_saved_html() {
    let xml = r#"<?xml version="1.0" encoding="utf-8"?>
<Treaty><Chapter><Header>CHAPTER IV</Header><Name>HUMAN RIGHTS</Name></Chapter>
<ExternalData><Titlesect>13International Convention</Titlesect><Status><Signatories>2</Signatories><Parties>2</Parties></Status></ExternalData>
<Participants><Table><TGroup><Thead><Row><Entry>Participant</Entry><Entry>Signature</Entry><Entry>Ratification, Accession(a)</Entry></Row></Thead>
<Tbody><Rows>
<Row><Entry>Albania</Entry><Entry/><Entry> 5 Jun 2007 a</Entry></Row>
<Row><Entry>Chad</Entry><Entry>26 Sep 2012</Entry><Entry>22 Feb 2022</Entry></Row>
<Row><Entry>Armenia</Entry><Entry>26 Sep 2013</Entry><Entry/></Row>
</Rows></Tbody></TGroup></Table></Participants></Treaty>"#;
    let p = read_page(xml).unwrap();
    assert_eq!(p.reference.as_deref(), Some("IV-13"));
    assert_eq!(p.parties_header, Some(2));
    assert!(p.complete);
    let got: Vec<_> = p
        .rows
        .iter()
        .map(|r| {
            (
                r.name.as_str(),
                r.signed.as_deref(),
                r.consent.as_deref(),
                r.action,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("Albania", None, Some("2007-06-05"), Some(Action::Accession)),
            (
                "Chad",
                Some("2012-09-26"),
                Some("2022-02-22"),
                Some(Action::Ratification)
            ),
            ("Armenia", Some("2013-09-26"), None, None),
        ]
    );
    let html = "<html><body><p>Status as at : 15-01-2027</p><table><tr><th>Participant</th><th>Signature</th><th>Ratification, Accession(a)</th></tr>\
                <tr><td>Denmark<sup>1</sup></td><td></td><td>7 Oct 2015 a</td></tr>\
                <tr><td>Chad</td><td>26 Sep 2012</td><td>22 Feb 2022</td></tr></table></body></html>";
    let p = read_page(html).unwrap();
    assert_eq!(p.as_of.as_deref(), Some("2027-01-15"));
    assert!(!p.as_of_inferred);
    assert_eq!(p.rows.len(), 2, "{:?}", p.rows);
    assert_eq!(p.rows[0].footnotes, vec![1]);
    assert_eq!(p.rows[1].consent.as_deref(), Some("2022-02-22"));
}

/// The Collection's status page saved whole as HTML (ICCPR-OP1, IV-5, as at 3 February 2026,
/// trimmed): the chapter from the form's address, the stated date, the count (its footnote
/// marks apart), the header row's footnotes left out, a footnote on a name and a denounced
/// entry in square brackets; a trimmed table is incomplete.
#[test]
fn reads_untc_status_page_saved_as_html() {
    let p = read_page(&page("untc-iv-5.saved.html")).unwrap();
    assert_eq!(p.origin, Origin::Untc);
    assert_eq!(p.reference.as_deref(), Some("IV-5"));
    assert_eq!(p.parties_header, Some(116));
    assert_eq!(p.as_of.as_deref(), Some("2026-02-03"));
    assert!(!p.as_of_inferred);
    assert!(!p.complete, "{:?}", p.remarks);
    assert_eq!(p.rows.len(), 14);
    assert_eq!(p.rows[0].name, "Albania");
    assert_eq!(
        (p.rows[0].consent.as_deref(), p.rows[0].action),
        (Some("2007-10-04"), Some(Action::Accession))
    );
    let austria = p.rows.iter().find(|r| r.name == "Austria").unwrap();
    assert_eq!(
        (austria.signed.as_deref(), austria.consent.as_deref()),
        (Some("1973-12-10"), Some("1987-12-10"))
    );
    let belarus = p.rows.iter().find(|r| r.name == "Belarus").unwrap();
    assert!(belarus.denounced);
    assert_eq!(belarus.footnotes, vec![6]);
    assert_eq!(belarus.consent.as_deref(), Some("1992-09-30"));
}

/// The saved page's end notes are read by number, and a bracketed entry takes its
/// denunciation's dates from its note: the latest dated notice that names the state (Trinidad
/// and Tobago denounced twice; a quoted objection repeats the first), the notification alone
/// where the note gives no effective date (Jamaica); a party's entry whose note says it
/// denounced and re-acceded the same day is a re-accession (Guyana).
#[test]
fn reads_denunciations_from_the_end_notes_of_a_saved_page() {
    use rapporteur::conventions::import::denunciation_in;
    let p = read_page(&page("untc-iv-5-notes.saved.html")).unwrap();
    assert_eq!(
        p.notes.keys().copied().collect::<Vec<_>>(),
        vec![1, 2, 3, 6]
    );
    assert!(p.notes[&3].starts_with("On 23 October 1997, the Government of Jamaica notified"));
    let noted = |name: &str, n: u32| denunciation_in(name, &p.notes[&n]).unwrap();
    let tto = noted("Trinidad and Tobago", 1);
    assert_eq!(
        (tto.notified.as_deref(), tto.effective.as_deref()),
        (Some("2000-03-27"), Some("2000-06-27"))
    );
    assert!(tto.earlier && !tto.reaccession);
    let jam = noted("Jamaica", 3);
    assert_eq!(
        (jam.notified.as_deref(), jam.effective),
        (Some("1997-10-23"), None)
    );
    let guy = noted("Guyana", 2);
    assert_eq!(
        (guy.notified.as_deref(), guy.effective.as_deref()),
        (Some("1999-01-05"), Some("1999-04-05"))
    );
    assert!(guy.reaccession && !guy.earlier);
    assert_eq!(denunciation_in("Guyana", &p.notes[&3]), None);

    let (dir, states) = dataset_folder(&[
        (
            "JAM",
            "code: JAM\nname: Jamaica\nun_member: true\nratifications: []\n",
        ),
        (
            "GUY",
            "code: GUY\nname: Guyana\nun_member: true\nratifications: []\n",
        ),
    ]);
    let path = fixture_path("conventions-import/untc-iv-5-notes.saved.html");
    let run = import_writing(&path, &["--from", "a test copy"], dir.path());
    assert_eq!(run.code, Some(0), "{run}");
    let jamaica = std::fs::read_to_string(states.join("JAM.yaml")).unwrap();
    assert!(
        jamaica.contains("    status: denounced\n    action: ratification\n    signed: \"1966-12-19\"\n    date: \"1975-10-03\"\n    denounced: \"1997-10-23\"\n    as_of: \"2026-02-03\"\n"),
        "{jamaica}"
    );
    let guyana = std::fs::read_to_string(states.join("GUY.yaml")).unwrap();
    assert!(
        guyana.contains("    status: party\n    action: accession\n    date: \"1999-01-05\"\n    denounced: \"1999-01-05\"\n    denunciation_effective: \"1999-04-05\"\n    reaccession: true\n"),
        "{guyana}"
    );
}

/// A participant that is not a state (the European Union's formal confirmation of the CRPD)
/// is passed over with a note: it is not an unmatched name, so it neither fails the import nor
/// keeps a complete page from recording the states it does not list.
#[test]
fn import_passes_over_a_participant_that_is_not_a_state() {
    let page = fixture_path("conventions-import/untc-iv-15.saved.html");
    let run = rapporteur(["conventions", "import", page.to_str().unwrap()]);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(
        run.stdout
            .contains("note: `European Union` is not a state: its row is passed over"),
        "{run}"
    );
    assert!(run.stdout.contains(", 0 unmatched"), "{run}");
    assert!(!run.stdout.contains("  ? "), "{run}");
}

/// A page that shows a denounced entry without the denunciation's dates (the Collection keeps
/// them in a footnote) leaves the recorded dates, and names their source.
#[test]
fn import_keeps_the_recorded_dates_of_a_denunciation() {
    let (dir, states) = dataset_folder(&[(
        "BLR",
        "code: BLR\nname: Belarus\nun_member: true\nratifications:\n  - instrument: ICCPR-OP1\n    status: denounced\n    action: accession\n    date: \"1992-09-30\"\n    denounced: \"2022-11-08\"\n    denunciation_effective: \"2023-02-08\"\n    as_of: \"2023-02-08\"\n    source: the committee's statement\n",
    )]);
    let page = fixture_path("conventions-import/untc-iv-5.saved.html");
    let run = import_writing(&page, &["--from", "a test copy"], dir.path());
    assert_eq!(run.code, Some(0), "{run}");
    let belarus = std::fs::read_to_string(states.join("BLR.yaml")).unwrap();
    assert!(
        belarus.contains("    status: denounced\n    action: accession\n    date: \"1992-09-30\"\n    denounced: \"2022-11-08\"\n    denunciation_effective: \"2023-02-08\"\n    as_of: \"2026-02-03\"\n"),
        "{belarus}"
    );
    assert!(
        belarus.contains("the denunciation's dates: the committee's statement"),
        "{belarus}"
    );
}
