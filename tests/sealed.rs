//! Sealed files: project files kept encrypted (age format) and opened in memory with a key.
//! Every key here is made by the test (`rapporteur keygen`); none is committed.
//!
//! The fixture `tests/fixtures/build` has a pseudonymous witness, real name "Nurlanbek Zhumabaev",
//! published as "Umar U.", in `testimonies/all.yaml`.

mod harness;

use harness::{Project, rapporteur, rapporteur_env};
use std::path::{Path, PathBuf};

/// A key made by `rapporteur keygen`, in a folder of its own (outside any project).
struct Key {
    dir: tempfile::TempDir,
    public: String,
}

impl Key {
    fn new() -> Key {
        let dir = tempfile::tempdir().unwrap();
        let run = rapporteur([
            "keygen",
            "--out",
            &dir.path().join("key.txt").to_string_lossy(),
        ]);
        assert_eq!(run.code, Some(0), "{run}");
        let public = run.stdout.trim().to_string();
        assert!(public.starts_with("age1"), "{run}");
        Key { dir, public }
    }
    fn file(&self) -> PathBuf {
        self.dir.path().join("key.txt")
    }
    fn secret(&self) -> String {
        let text = std::fs::read_to_string(self.file()).unwrap();
        text.lines()
            .find(|l| l.starts_with("AGE-SECRET-KEY-1"))
            .unwrap()
            .to_string()
    }
}

/// The build fixture with `key` as its one recipient and `testimonies/all.yaml` sealed.
fn sealed_project(key: &Key) -> Project {
    let p = Project::fixture("build");
    let manifest = p.read("report.yaml");
    p.write(
        "report.yaml",
        format!(
            "{manifest}recipients:\n  - {}  # the test's key\n",
            key.public
        ),
    );
    seal(&p, "testimonies/all.yaml", &[]);
    p
}

fn seal(p: &Project, file: &str, extra: &[&str]) {
    let mut args = vec![
        "seal".to_string(),
        "--project".into(),
        p.path().display().to_string(),
        p.path().join(file).display().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let run = rapporteur(&args);
    assert_eq!(run.code, Some(0), "{run}");
}

fn check(p: &Project, env: &[(&str, &str)]) -> harness::Run {
    rapporteur_env(
        ["check", &p.path().to_string_lossy(), "--format", "short"],
        env,
    )
}

fn build(p: &Project, out: &Path, env: &[(&str, &str)]) -> harness::Run {
    rapporteur_env(
        [
            "build",
            &p.path().to_string_lossy(),
            "--out",
            &out.to_string_lossy(),
            "--only",
            "html",
        ],
        env,
    )
}

/// No file of the project holds `text` in clear.
fn nowhere_in_clear(p: &Project, text: &str) {
    for entry in walkdir::WalkDir::new(p.path()) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            assert!(
                !String::from_utf8_lossy(&bytes).contains(text),
                "`{text}` in clear in {}",
                entry.path().display()
            );
        }
    }
}

#[test]
fn a_sealed_testimony_file_is_checked_and_built_with_the_key_and_refused_without() {
    let key = Key::new();
    let p = sealed_project(&key);
    assert!(!p.path().join("testimonies/all.yaml").exists());
    assert!(
        p.read("testimonies/all.yaml.age")
            .starts_with("-----BEGIN AGE ENCRYPTED FILE-----")
    );
    nowhere_in_clear(&p, "Nurlanbek");

    // Without the key: check runs on the rest and says what it could not read.
    let run = check(&p, &[]);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(
        run.stdout.contains(
            "testimonies/all.yaml.age:1:1: warning: sealed, and not read: no key was given"
        ),
        "{run}"
    );
    assert!(
        run.stdout.contains("warning: unknown testimony `t-pseudo`"),
        "{run}"
    );
    assert!(
        run.stdout.contains("the id may be defined in one of them"),
        "{run}"
    );

    // Without the key a build is refused, at the sealed file, with the ways to give the key.
    let out = tempfile::tempdir().unwrap();
    let run = build(&p, &out.path().join("out"), &[]);
    assert_eq!(run.code, Some(1), "{run}");
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(all.contains("testimonies/all.yaml.age:1:1: error: sealed, and not read: a build needs the key, because the leak audit cannot look for the real names"), "{run}");
    assert!(
        all.contains("help: give the key with `--key FILE`"),
        "{run}"
    );
    assert!(!out.path().join("out").exists(), "{run}");

    // With the key (a file, or the key itself in the environment): clean, and built.
    let run = rapporteur([
        "--key",
        &key.file().to_string_lossy(),
        "check",
        &p.path().to_string_lossy(),
    ]);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(run.stdout.contains("3 testimonies"), "{run}");
    assert!(run.stdout.contains("0 errors, 0 warnings"), "{run}");
    let secret = key.secret();
    let run = build(&p, &out.path().join("out"), &[("RAPPORTEUR_KEY", &secret)]);
    assert_eq!(run.code, Some(0), "{run}");
    let html = std::fs::read_to_string(out.path().join("out/publication.html")).unwrap();
    assert!(html.contains("We were paid half of what was promised."));
    assert!(html.contains("Umar U."));
    assert!(!html.contains("Nurlanbek"));
    nowhere_in_clear(&p, "Nurlanbek");
}

#[test]
fn a_real_name_that_lives_only_in_a_sealed_file_is_caught_with_the_key() {
    let key = Key::new();
    let p = sealed_project(&key);
    let finding = p.read("findings/consent.md");
    p.write(
        "findings/consent.md",
        finding.replace(
            "Three witnesses spoke to us",
            "Three witnesses, among them Nurlanbek Zhumabaevym's brother, spoke to us",
        ),
    );
    let key_file = key.file().to_string_lossy().to_string();
    let env = [("RAPPORTEUR_KEY_FILE", key_file.as_str())];
    let run = check(&p, &env);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(
        run.diagnostics()
            .iter()
            .any(|d| d.starts_with("findings/consent.md:7:") && d.contains("error")),
        "{run}"
    );
    // Without the key the name is unknown: check cannot see it, and the build is refused.
    let run = check(&p, &[]);
    assert_eq!(run.code, Some(0), "{run}");
    let out = tempfile::tempdir().unwrap();
    let run = build(&p, &out.path().join("out"), &[]);
    assert_eq!(run.code, Some(1), "{run}");
    let run = build(&p, &out.path().join("out"), &env);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(!out.path().join("out").exists(), "{run}");
}

#[test]
fn diagnostics_in_a_sealed_file_point_at_lines_of_its_decrypted_text() {
    let key = Key::new();
    let p = Project::fixture("build");
    let manifest = p.read("report.yaml");
    p.write(
        "report.yaml",
        format!("{manifest}recipients: [{}]\n", key.public),
    );
    let t = p.read("testimonies/all.yaml");
    p.write(
        "testimonies/all.yaml",
        t.replace(
            "  interviewer: test-ngo\n",
            "  interviewer: test-ngo\n  mood: calm\n",
        ),
    );
    seal(&p, "testimonies/all.yaml", &[]);
    let run = rapporteur([
        "--key",
        &key.file().to_string_lossy(),
        "check",
        &p.path().to_string_lossy(),
        "--format",
        "short",
    ]);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(
        run.stdout.contains("testimonies/all.yaml.age:20:3: error:"),
        "{run}"
    );
    assert!(run.stdout.contains("testimonies/all.yaml.age:20:3: note: a sealed file: the line and column are in its decrypted text"), "{run}");
}

#[test]
fn a_wrong_key_a_damaged_file_and_a_bad_key_are_clear_errors() {
    let key = Key::new();
    let other = Key::new();
    let p = sealed_project(&key);
    let path = p.path().to_string_lossy().to_string();
    // A key the file was not sealed for.
    let run = rapporteur(["--key", &other.file().to_string_lossy(), "check", &path]);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(
        run.stdout
            .contains("cannot open this sealed file: it is sealed for other recipients"),
        "{run}"
    );
    // A damaged file: a line of the armored body cut out.
    let sealed = p.read("testimonies/all.yaml.age");
    let mut lines: Vec<&str> = sealed.lines().collect();
    lines.remove(3);
    p.write("testimonies/all.yaml.age", lines.join("\n"));
    let run = rapporteur(["--key", &key.file().to_string_lossy(), "check", &path]);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(
        run.stdout.contains("cannot open this sealed file: it"),
        "{run}"
    );
    assert!(!run.stderr.contains("panicked"), "{run}");
    // Not an age file at all.
    p.write("testimonies/all.yaml.age", "- id: t-x\n");
    let run = rapporteur(["--key", &key.file().to_string_lossy(), "check", &path]);
    assert!(
        run.stdout
            .contains("it is not an age file, or it is damaged"),
        "{run}"
    );
    // A key that is not a key, or a public key given as the key: an environment error (exit 2).
    let run = rapporteur_env(["check", &path], &[("RAPPORTEUR_KEY", "not a key")]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(
        run.stderr
            .contains("RAPPORTEUR_KEY, line 1: not an age key"),
        "{run}"
    );
    let run = rapporteur_env(["check", &path], &[("RAPPORTEUR_KEY", &key.public)]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(run.stderr.contains("this is a public key"), "{run}");
    let run = rapporteur(["--key", "no-such-key.txt", "check", &path]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(
        run.stderr
            .contains("cannot read the key file of --key no-such-key.txt"),
        "{run}"
    );
}

#[test]
fn sealing_again_opens_the_file_for_a_new_recipient_and_unseal_prints_it() {
    let key = Key::new();
    let newcomer = Key::new();
    let p = sealed_project(&key);
    let file = p.path().join("testimonies/all.yaml.age");
    let run = rapporteur([
        "--key",
        &newcomer.file().to_string_lossy(),
        "unseal",
        &file.to_string_lossy(),
    ]);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(run.stderr.contains("sealed for other recipients"), "{run}");
    // The newcomer's public key joins `recipients:`; a member with a key seals the file again.
    let manifest = p.read("report.yaml");
    p.write(
        "report.yaml",
        format!("{manifest}  - {}\n", newcomer.public),
    );
    let run = rapporteur([
        "--key",
        &key.file().to_string_lossy(),
        "seal",
        "--project",
        &p.path().to_string_lossy(),
        &file.to_string_lossy(),
    ]);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(run.stdout.contains("sealed again"), "{run}");
    assert!(run.stdout.contains("for 2 recipient(s)"), "{run}");
    let run = rapporteur([
        "--key",
        &newcomer.file().to_string_lossy(),
        "unseal",
        &file.to_string_lossy(),
    ]);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(
        run.stdout.contains("name: \"Nurlanbek Zhumabaev\""),
        "{run}"
    );
    nowhere_in_clear(&p, "Nurlanbek");
}

#[test]
fn a_secret_key_among_the_recipients_or_a_plain_copy_beside_a_sealed_file_is_an_error() {
    let key = Key::new();
    let p = sealed_project(&key);
    // The plain file kept beside the sealed one.
    p.write("testimonies/all.yaml", "[]\n");
    let run = rapporteur([
        "--key",
        &key.file().to_string_lossy(),
        "check",
        &p.path().to_string_lossy(),
        "--format",
        "short",
    ]);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(run.stdout.contains("testimonies/all.yaml:1:1: error: the plain text of the sealed `testimonies/all.yaml.age` is beside it"), "{run}");
    std::fs::remove_file(p.path().join("testimonies/all.yaml")).unwrap();
    // A secret key written where public keys go.
    let manifest = p.read("report.yaml");
    p.write("report.yaml", format!("{manifest}  - {}\n", key.secret()));
    let run = check(&p, &[]);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(
        run.stdout
            .contains("error: recipient: this is a secret key"),
        "{run}"
    );
    // And keygen refuses to write a key inside a project.
    let run = rapporteur([
        "keygen",
        "--out",
        &p.path().join("key.txt").to_string_lossy(),
    ]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(!p.path().join("key.txt").exists());
}

/// The real name and phone kept only in the sealed `secrets.yaml.age`: without the key the
/// whole project checks (testimonies included) and the build is refused; with it, the name and
/// the phone written in a finding are caught at their line.
#[test]
fn real_names_kept_in_sealed_secrets_are_protected_with_the_key() {
    let key = Key::new();
    let p = Project::fixture("build");
    let manifest = p.read("report.yaml");
    p.write(
        "report.yaml",
        format!("{manifest}recipients: [{}]\n", key.public),
    );
    let t = p.read("testimonies/all.yaml");
    p.write(
        "testimonies/all.yaml",
        t.replace("    name: \"Nurlanbek Zhumabaev\"\n", "")
            .replace("  protected: [\"+996 555 123 456\"]\n", ""),
    );
    p.write(
        "secrets.yaml",
        "# real names by testimony id\n- id: t-pseudo\n  name: \"Nurlanbek Zhumabaev\"\n  protected: [\"+996 555 123 456\"]\n",
    );
    // A plain secrets file is refused.
    let run = check(&p, &[]);
    assert!(
        run.stdout.contains(
            "secrets.yaml:1:1: error: `secrets.yaml` holds real names and must be sealed"
        ),
        "{run}"
    );
    seal(&p, "secrets.yaml", &[]);
    nowhere_in_clear(&p, "Nurlanbek");
    let finding = p.read("findings/consent.md");
    p.write(
        "findings/consent.md",
        finding.replace(
            "Three witnesses spoke to us",
            "Three witnesses (one of them Zhumabaevu, on 0555 123 456) spoke to us",
        ),
    );
    let run = check(&p, &[]);
    assert_eq!(run.code, Some(0), "{run}");
    assert!(run.stdout.contains("3 testimonies"), "{run}");
    assert!(
        run.stdout.contains("secrets.yaml.age:1:1: warning: sealed"),
        "{run}"
    );
    let key_file = key.file().to_string_lossy().to_string();
    let env = [("RAPPORTEUR_KEY_FILE", key_file.as_str())];
    let run = check(&p, &env);
    assert_eq!(run.code, Some(1), "{run}");
    let errors: Vec<_> = run
        .diagnostics()
        .into_iter()
        .filter(|d| d.starts_with("findings/consent.md:7:") && d.contains(": error: "))
        .collect();
    assert_eq!(errors.len(), 2, "{run}");
    // Without the leak, the build with the key goes through.
    let finding = p.read("findings/consent.md");
    p.write(
        "findings/consent.md",
        finding.replace(" (one of them Zhumabaevu, on 0555 123 456)", ""),
    );
    let run = check(&p, &env);
    assert_eq!(run.code, Some(0), "{run}");
    let out = tempfile::tempdir().unwrap();
    let run = build(&p, &out.path().join("out"), &env);
    assert_eq!(run.code, Some(0), "{run}");
}
