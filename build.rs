// The conventions dataset and the templates are embedded in the binary with include_dir;
// rebuild when they change. The span of the facts' as-of dates goes into `--version`.
//
// The tests that need an outside tool are marked `#[cfg_attr(no_typst, ignore = "...")]` (and
// `no_pdftotext`, `no_chromium`, `no_libreoffice`): this script sets `no_<tool>` when the tool is
// not on PATH, so that `cargo test` reports such a test as ignored instead of passing it. With
// RAPPORTEUR_REQUIRE_TOOLS=1 (scripts/test and CI) nothing is ignored, and a missing tool fails
// the tests that need it. `no_axe` likewise: node is not on PATH, or the npm packages of
// tests/a11y (axe-core, puppeteer-core; `npm ci` there) are not installed.
use std::path::{Path, PathBuf};

/// Each cfg, and the programs of which one must be on PATH for it not to be set.
const TOOLS: &[(&str, &[&str])] = &[
    ("no_typst", &["typst"]),
    ("no_pdftotext", &["pdftotext"]),
    ("no_chromium", &["chromium"]),
    ("no_libreoffice", &["libreoffice"]),
];

fn main() {
    println!("cargo:rerun-if-changed=conventions");
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=docs/diagnostics");
    println!("cargo:rerun-if-changed=docs/diagnostics");
    println!("cargo:rerun-if-env-changed=PATH");
    println!("cargo:rerun-if-env-changed=RAPPORTEUR_REQUIRE_TOOLS");
    println!("cargo:rerun-if-env-changed=RAPPORTEUR_TYPST");
    let path = std::env::var_os("PATH").unwrap_or_default();
    let dirs: Vec<PathBuf> = std::env::split_paths(&path).collect();
    // A tool installed into a folder already on PATH changes the folder, not PATH. (Not a
    // relative folder, nor one that holds this package or is inside it: `target/` changes with
    // every build.)
    let package = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let watched = |d: &&PathBuf| {
        d.is_absolute() && d.is_dir() && !package.starts_with(d) && !d.starts_with(&package)
    };
    for d in dirs.iter().filter(watched) {
        println!("cargo:rerun-if-changed={}", d.display());
    }
    let require = std::env::var("RAPPORTEUR_REQUIRE_TOOLS").is_ok_and(|v| !v.is_empty());
    for (cfg, programs) in TOOLS {
        println!("cargo:rustc-check-cfg=cfg({cfg})");
        let mut found = programs.iter().any(|p| on_path(&dirs, p));
        if *cfg == "no_typst" {
            // rapporteur runs RAPPORTEUR_TYPST instead of `typst` when it is set.
            found |= std::env::var_os("RAPPORTEUR_TYPST").is_some_and(|t| Path::new(&t).is_file());
        }
        if !found && !require {
            println!("cargo:rustc-cfg={cfg}");
        }
    }
    axe(&dirs, require);
    dataset_as_of();
}

/// `no_axe`: the accessibility test cannot run (no `node` on PATH, or tests/a11y's packages not
/// installed).
fn axe(dirs: &[PathBuf], require: bool) {
    println!("cargo:rustc-check-cfg=cfg(no_axe)");
    let packages = ["axe-core", "puppeteer-core"]
        .map(|p| PathBuf::from(format!("tests/a11y/node_modules/{p}/package.json")));
    let installed = packages.iter().all(|p| p.is_file());
    // Watch the packages once they are there, the folder (small without them) until then: a
    // missing path would make cargo run this script on every build.
    if installed {
        for p in &packages {
            println!("cargo:rerun-if-changed={}", p.display());
        }
    } else {
        println!("cargo:rerun-if-changed=tests/a11y");
    }
    let found = installed && on_path(dirs, "node");
    if !found && !require {
        println!("cargo:rustc-cfg=no_axe");
    }
}

/// `RAPPORTEUR_DATASET_AS_OF`: the oldest and newest `as_of` dates of the ratification facts.
fn dataset_as_of() {
    let mut dates: Vec<String> = vec![];
    if let Ok(entries) = std::fs::read_dir("conventions/states") {
        for e in entries.flatten() {
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            for line in text.lines() {
                if let Some(v) = line.trim().strip_prefix("as_of:") {
                    dates.push(v.trim().trim_matches('"').to_string());
                }
            }
        }
    }
    dates.sort();
    let span = match (dates.first(), dates.last()) {
        (Some(lo), Some(hi)) => format!("{lo} to {hi}"),
        _ => "unknown".to_string(),
    };
    println!("cargo:rustc-env=RAPPORTEUR_DATASET_AS_OF={span}");
}

fn on_path(dirs: &[PathBuf], program: &str) -> bool {
    dirs.iter().any(|d| is_executable(&d.join(program)))
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file() || p.with_extension("exe").is_file()
}
