//! The user guide (`docs/`) against the code: every diagnostic code has an entry, the generated
//! references (fields, themes, bodies) are current, the schemas accept every project of the
//! repository and refuse a bad file, and `explain` prints the entries.
//!
//! The references are generated: `UPDATE_GUIDE=1 cargo test --test guide` rewrites them.

mod harness;

use harness::{rapporteur, repo};
use rapporteur::conventions::{Dataset, theme_label};
use rapporteur::model::schema;
use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

// ------------------------------------------------------------------ diagnostic codes

/// The codes the source emits: the first argument of `Diagnostic::error(`, `warning(`,
/// `.error(`, `.warning(`, `unknown(` when it is a string literal, and the codes of the YAML
/// error classifier (tuples that start a line with a code). Test modules are left out.
fn codes_in_source() -> BTreeSet<String> {
    let mut codes = BTreeSet::new();
    for entry in walkdir::WalkDir::new(repo().join("src")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let text = text.split("#[cfg(test)]").next().unwrap();
        for call in ["error(", "warning(", "unknown("] {
            for (at, _) in text.match_indices(call) {
                if let Some(code) = literal_at(&text[at + call.len()..]) {
                    codes.insert(code);
                }
            }
        }
        if entry.path().ends_with("parse/yaml.rs") {
            for (at, _) in text.match_indices('(') {
                let before = text[..at].trim_end_matches(' ');
                if (before.ends_with('\n') || before.ends_with("return"))
                    && let Some(code) = literal_at(&text[at + 1..])
                {
                    codes.insert(code);
                }
            }
        }
    }
    codes
}

/// A code literal (`"kebab-case"` followed by a comma) at the start of `s`, after whitespace.
fn literal_at(s: &str) -> Option<String> {
    let rest = s.trim_start().strip_prefix('"')?;
    let end = rest.find('"')?;
    let code = &rest[..end];
    let ok = !code.is_empty()
        && code.chars().all(|c| c.is_ascii_lowercase() || c == '-')
        && rest[end + 1..].trim_start().starts_with(',');
    ok.then(|| code.to_string())
}

fn entries() -> BTreeSet<String> {
    std::fs::read_dir(repo().join("docs/diagnostics"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.strip_suffix(".md")
                .filter(|n| *n != "README")
                .map(str::to_string)
        })
        .collect()
}

/// A code without an entry in the guide fails here: add `docs/diagnostics/CODE.md` (the
/// entries are one file each, with a summary, an example and a fix).
#[test]
fn every_diagnostic_code_has_a_guide_entry() {
    let codes = codes_in_source();
    assert!(codes.len() > 30, "the scan found too few codes: {codes:?}");
    let missing: Vec<_> = codes.difference(&entries()).cloned().collect();
    assert!(
        missing.is_empty(),
        "diagnostic codes without an entry in docs/diagnostics/: {missing:?}"
    );
}

/// No entry for a code the source no longer emits.
#[test]
fn every_guide_entry_is_a_code_the_source_emits() {
    let stale: Vec<_> = entries().difference(&codes_in_source()).cloned().collect();
    assert!(stale.is_empty(), "entries for unknown codes: {stale:?}");
}

/// Each entry has its code as title, a summary that says error or warning, an example of what
/// `check` prints with that code, and a fix; the index lists every entry.
#[test]
fn every_entry_has_a_summary_an_example_and_a_fix() {
    let index = std::fs::read_to_string(repo().join("docs/diagnostics/README.md")).unwrap();
    for code in entries() {
        let text =
            std::fs::read_to_string(repo().join(format!("docs/diagnostics/{code}.md"))).unwrap();
        assert!(text.starts_with(&format!("# {code}\n\n")), "{code}: title");
        let summary = text.split("\n\n").nth(1).unwrap_or("");
        assert!(
            summary.starts_with("An error") || summary.starts_with("A warning"),
            "{code}: the summary starts with 'An error' or 'A warning'"
        );
        assert!(text.contains("\n## Example\n"), "{code}: no example");
        assert!(text.contains("\n## Fix\n"), "{code}: no fix");
        assert!(
            text.contains(&format!("error[{code}]")) || text.contains(&format!("warning[{code}]")),
            "{code}: the example shows no diagnostic with this code"
        );
        assert!(
            index.contains(&format!("[{code}]({code}.md)")),
            "{code}: not listed in docs/diagnostics/README.md"
        );
    }
}

/// `rapporteur explain CODE` prints the guide's entry, as written.
#[test]
fn explain_prints_the_guide_entry() {
    let run = rapporteur(["explain", "unknown-theme"]);
    assert_eq!(run.code, Some(0), "{run}");
    let entry = std::fs::read_to_string(repo().join("docs/diagnostics/unknown-theme.md")).unwrap();
    assert_eq!(run.stdout, entry);
    // As a diagnostic prints it.
    let run = rapporteur(["explain", "error[unknown-theme]"]);
    assert_eq!(run.stdout, entry);
}

/// An unknown code is a usage error with the nearest code.
#[test]
fn explain_suggests_the_nearest_code() {
    let run = rapporteur(["explain", "unknown-thme"]);
    assert_eq!(run.code, Some(2), "{run}");
    assert!(
        run.stderr
            .contains("no diagnostic code `unknown-thme`; did you mean `unknown-theme`?"),
        "{run}"
    );
}

/// Without a code, `explain` lists every code with its summary.
#[test]
fn explain_lists_every_code() {
    let run = rapporteur(["explain"]);
    assert_eq!(run.code, Some(0), "{run}");
    for code in entries() {
        assert!(
            run.stdout
                .lines()
                .any(|l| l.starts_with(&format!("{code} "))),
            "{code} not listed:\n{run}"
        );
    }
}

// ------------------------------------------------------------------ generated references

/// Compares a generated page with the guide's copy; `UPDATE_GUIDE=1` rewrites it.
fn expect_page(rel: &str, generated: &str) {
    let path = repo().join(rel);
    if std::env::var_os("UPDATE_GUIDE").is_some() {
        std::fs::write(&path, generated).unwrap();
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == generated,
        "{rel} is out of date: run `UPDATE_GUIDE=1 cargo test --test guide` and commit it"
    );
}

/// The type of a schema, in words.
fn type_of(s: &Value) -> String {
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap();
        return match name {
            "Date" => "date".into(),
            "Scalar" => "text or number".into(),
            "OneOrMany" => "text or list of text".into(),
            _ => format!("[{name}](#{})", name.to_lowercase()),
        };
    }
    if let Some(any) = s
        .get("anyOf")
        .or_else(|| s.get("oneOf"))
        .and_then(Value::as_array)
    {
        let parts: Vec<String> = any
            .iter()
            .filter(|v| v.get("type").and_then(Value::as_str) != Some("null"))
            .map(type_of)
            .collect();
        return parts.join(" or ");
    }
    if let Some(values) = s.get("enum").and_then(Value::as_array) {
        let v: Vec<String> = values
            .iter()
            .map(|v| format!("`{}`", v.as_str().unwrap_or("?")))
            .collect();
        return format!("one of {}", v.join(", "));
    }
    if let Some(c) = s.get("const") {
        return format!("`{}`", c.as_str().unwrap_or("?"));
    }
    let types: Vec<String> = match s.get("type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| *t != "null")
            .map(str::to_string)
            .collect(),
        _ => vec![],
    };
    types
        .iter()
        .map(|t| match t.as_str() {
            "array" => format!(
                "list of {}",
                s.get("items").map_or("values".into(), type_of)
            ),
            "object" => "mapping".into(),
            "string" => "text".into(),
            "integer" => "whole number".into(),
            "boolean" => "`true` or `false`".into(),
            other => other.into(),
        })
        .collect::<Vec<_>>()
        .join(" or ")
}

/// One table per object of a schema: field, type, required or default, description.
fn object_table(out: &mut String, title: &str, s: &Value) {
    let Some(props) = s.get("properties").and_then(Value::as_object) else {
        return;
    };
    let required: BTreeSet<&str> = s
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let _ = writeln!(out, "### {title}\n");
    if let Some(d) = s.get("description").and_then(Value::as_str) {
        let _ = writeln!(out, "{d}\n");
    }
    let _ = writeln!(out, "| field | type | required / default | description |");
    let _ = writeln!(out, "| --- | --- | --- | --- |");
    for (name, p) in props {
        let need = if required.contains(name.as_str()) {
            "required".to_string()
        } else if let Some(d) = p.get("default").filter(|d| !d.is_null()) {
            format!("default `{d}`")
        } else {
            "optional".to_string()
        };
        let mut desc = p
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or("")
            .replace('\n', " ");
        if let Some(pattern) = p.get("pattern").and_then(Value::as_str) {
            let _ = write!(desc, " (pattern `{pattern}`)");
        }
        let _ = writeln!(
            out,
            "| `{name}` | {} | {need} | {} |",
            type_of(p).replace('|', "\\|"),
            desc.replace('|', "\\|")
        );
    }
    out.push('\n');
}

/// docs/reference/fields.md: every field of every file kind, from the schemas (themselves
/// generated from the loader's types).
#[test]
fn field_reference_matches_the_loader_types() {
    let mut out = String::from(
        "<!-- Generated from the loader's types (src/model/raw.rs) by tests/guide.rs: \
         `UPDATE_GUIDE=1 cargo test --test guide` rewrites it. -->\n\n# Field reference\n\n\
         Every field of every kind of project file: its type, whether it is required (or its \
         default) and what it means. The same descriptions appear in an editor that uses the \
         schemas of `rapporteur schema`. Dates are written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; \
         ids use lowercase letters, digits and `-`.\n\n",
    );
    for f in schema::all() {
        let _ = writeln!(out, "## {}\n\nSchema: `{}`.\n", f.describes, f.file);
        let root = &f.schema;
        let root_obj = if root.get("type").and_then(Value::as_str) == Some("array") {
            let _ = writeln!(
                out,
                "A list; each item is a [{0}](#{1}).\n",
                type_of(&root["items"])
                    .trim_start_matches('[')
                    .split(']')
                    .next()
                    .unwrap(),
                type_of(&root["items"])
                    .split("(#")
                    .nth(1)
                    .unwrap_or("")
                    .trim_end_matches(')')
            );
            None
        } else {
            Some(root)
        };
        if let Some(r) = root_obj {
            object_table(&mut out, "Fields", r);
        }
        if let Some(defs) = root.get("$defs").and_then(Value::as_object) {
            for (name, d) in defs {
                if d.get("properties").is_some() {
                    object_table(&mut out, name, d);
                } else if name != "Date" && name != "Scalar" && name != "OneOrMany" {
                    let _ = writeln!(out, "### {name}\n");
                    if let Some(desc) = d.get("description").and_then(Value::as_str) {
                        let _ = writeln!(out, "{desc}\n");
                    }
                    let _ = writeln!(out, "Values: {}\n", values_of(d));
                }
            }
        }
    }
    expect_page("docs/reference/fields.md", &out);
}

/// The allowed values of an enumeration, with their descriptions, or its shape.
fn values_of(d: &Value) -> String {
    if let Some(one) = d.get("oneOf").and_then(Value::as_array) {
        if one.iter().all(|v| v.get("const").is_some()) {
            return one
                .iter()
                .map(|v| {
                    let c = v["const"].as_str().unwrap_or("?");
                    match v.get("description").and_then(Value::as_str) {
                        Some(desc) => format!("`{c}` ({desc})"),
                        None => format!("`{c}`"),
                    }
                })
                .collect::<Vec<_>>()
                .join("; ");
        }
        // An enumeration of mappings (outputs): their keys.
        return one
            .iter()
            .map(|v| {
                let key = v
                    .get("required")
                    .and_then(|r| r[0].as_str())
                    .unwrap_or("?")
                    .to_string();
                let ty = v["properties"][&key].clone();
                let desc = v.get("description").and_then(Value::as_str).unwrap_or("");
                format!("`{key}:` {} ({desc})", type_of(&ty))
            })
            .collect::<Vec<_>>()
            .join("; ");
    }
    type_of(d)
}

/// docs/reference/themes.md and bodies.md: the built-in dataset's themes and bodies.
#[test]
fn theme_and_body_references_match_the_dataset() {
    let mut diags = rapporteur::diagnostic::Diagnostics::default();
    let ds = Dataset::builtin(&mut diags);
    let mut out = String::from(
        "<!-- Generated from the built-in dataset (conventions/themes.yaml) by tests/guide.rs. -->\n\n\
         # Themes\n\nThe theme ids for a finding's `themes:`, a testimony's `themes:` and a \
         recommendation's `theme:`. `rapporteur conventions --theme ID` shows the provisions a \
         theme usually engages; a project adds its own in `conventions/themes.yaml` (see \
         [The dataset](../dataset.md)).\n\n| id | label | heading of its recommendations | provisions linked |\n| --- | --- | --- | --- |\n",
    );
    for t in ds.themes.values() {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} |",
            t.id,
            theme_label(t, "en"),
            t.heading.get("en").map_or("", String::as_str),
            t.provisions.len()
        );
    }
    expect_page("docs/reference/themes.md", &out);

    let mut out = String::from(
        "<!-- Generated from the built-in dataset (conventions/bodies.yaml) by tests/guide.rs. -->\n\n\
         # Bodies\n\nThe bodies of the dataset: `body:` of an alternative report is the id of a \
         treaty body; `rapporteur conventions --body ID` shows its submission settings and their \
         sources.\n\n| id | name | kind | instruments | length limit |\n| --- | --- | --- | --- | --- |\n",
    );
    for b in ds.bodies.values() {
        let limit = b.submission.as_ref().map_or(String::new(), |s| {
            let mut v = vec![];
            if let Some(w) = s.word_limit {
                v.push(format!("{w} words"));
            }
            if let Some(p) = s.page_limit {
                v.push(format!("{p} pages"));
            }
            v.join(", ")
        });
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} |",
            b.id,
            b.name,
            format!("{:?}", b.kind).to_lowercase(),
            b.instruments.join(", "),
            if limit.is_empty() { "none set" } else { &limit }
        );
    }
    expect_page("docs/reference/bodies.md", &out);
}

// ------------------------------------------------------------------ schemas

/// The YAML of a file as JSON: the whole file, or a Markdown file's front matter.
fn yaml_value(path: &Path) -> Option<Value> {
    let text = std::fs::read_to_string(path).ok()?;
    let yaml = if path.extension().is_some_and(|e| e == "md") {
        let rest = text.strip_prefix("---\n")?;
        rest.split("\n---").next()?.to_string()
    } else {
        text
    };
    Some(serde_saphyr::from_str::<Value>(&yaml).expect("YAML"))
}

/// The schema that describes a project file, if any.
fn schema_for(rel: &str) -> Option<&'static str> {
    let dir = rel.split('/').next().unwrap_or("");
    Some(match (dir, rel) {
        (_, "report.yaml") => "report.schema.json",
        (_, "addressees.yaml") => "addressees.schema.json",
        (_, "sources.yaml") => "sources.schema.json",
        ("sources", _) => "sources.schema.json",
        ("testimonies", _) => "testimonies.schema.json",
        ("recommendations", _) => "recommendations.schema.json",
        ("findings", _) => "finding.schema.json",
        ("chapters", _) => "chapter.schema.json",
        _ => return None,
    })
}

fn validators() -> Vec<(&'static str, jsonschema::Validator)> {
    schema::all()
        .into_iter()
        .map(|s| {
            (
                s.file,
                jsonschema::validator_for(&s.schema).expect("a valid schema"),
            )
        })
        .collect()
}

/// Every file of the flagship and of every example validates against its schema: the schemas
/// accept what the loader accepts.
#[test]
fn schemas_accept_the_flagship_and_every_example() {
    let validators = validators();
    let mut projects = vec![repo().join("content")];
    for e in std::fs::read_dir(repo().join("examples")).unwrap() {
        let p = e.unwrap().path();
        if p.join("report.yaml").is_file() {
            projects.push(p);
        }
    }
    let mut checked = 0;
    for project in projects {
        for entry in walkdir::WalkDir::new(&project) {
            let entry = entry.unwrap();
            let rel = entry
                .path()
                .strip_prefix(&project)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let Some(file) = schema_for(&rel) else {
                continue;
            };
            if rel.starts_with("out/")
                || rel.starts_with("conventions/")
                || rel.starts_with("templates/")
            {
                continue;
            }
            // A chapter without front matter has nothing to validate.
            let Some(value) = yaml_value(entry.path()) else {
                continue;
            };
            let (_, v) = validators.iter().find(|(f, _)| *f == file).unwrap();
            let errors: Vec<String> = v
                .iter_errors(&value)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", entry.path().display());
            checked += 1;
        }
    }
    assert!(checked > 30, "only {checked} files validated");
}

/// A bad testimony fails its schema where the loader fails it: a misspelt field, a consent
/// level that does not exist, a missing text.
#[test]
fn schemas_refuse_a_bad_testimony() {
    let validators = validators();
    let (_, v) = validators
        .iter()
        .find(|(f, _)| *f == "testimonies.schema.json")
        .unwrap();
    let bad: Value = serde_saphyr::from_str(
        "- id: t-one\n  consent: pseudonym\n  speaker: {name: A B, agge: 3}\n",
    )
    .unwrap();
    let errors: Vec<String> = v.iter_errors(&bad).map(|e| e.to_string()).collect();
    let all = errors.join("\n");
    assert!(all.contains("pseudonym"), "consent value: {all}");
    assert!(all.contains("agge"), "unknown field: {all}");
    assert!(all.contains("text"), "missing text: {all}");
}

/// The repository keeps the schemas in docs/schemas/ (the examples point their editors at
/// them); they are what `rapporteur schema` writes. Every `$schema=` comment of the examples
/// names one of them.
#[test]
fn repository_schemas_are_current_and_examples_point_at_them() {
    for s in schema::all() {
        let text = serde_json::to_string_pretty(&s.schema).unwrap() + "\n";
        expect_page(&format!("docs/schemas/{}", s.file), &text);
    }
    let mut seen = 0;
    for entry in walkdir::WalkDir::new(repo().join("examples")) {
        let entry = entry.unwrap();
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        if let Some(target) = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# yaml-language-server: $schema="))
        {
            let path = entry.path().parent().unwrap().join(target);
            assert!(
                path.is_file(),
                "{}: {target} does not exist",
                entry.path().display()
            );
            seen += 1;
        }
    }
    assert!(seen >= 5, "only {seen} example files name a schema");
}

/// `rapporteur schema --out DIR` writes the schemas the tests validate against.
#[test]
fn schema_command_writes_every_schema() {
    let dir = tempfile::tempdir().unwrap();
    let run = rapporteur(["schema", "--out", &dir.path().display().to_string()]);
    assert_eq!(run.code, Some(0), "{run}");
    for s in schema::all() {
        let written: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join(s.file)).unwrap())
                .unwrap();
        assert_eq!(written, s.schema, "{}", s.file);
    }
}
