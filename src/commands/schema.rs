//! `rapporteur schema [--out DIR]`: writes the JSON Schemas of the project files, for editors
//! (`# yaml-language-server: $schema=...` at the top of a YAML file).

use anyhow::Result;
use std::path::Path;

pub fn run(out: &Path) -> Result<i32> {
    let files: Vec<(String, Vec<u8>)> = crate::model::schema::all()
        .into_iter()
        .map(|s| {
            let text = serde_json::to_string_pretty(&s.schema).unwrap_or_default() + "\n";
            (s.file.to_string(), text.into_bytes())
        })
        .collect();
    crate::emit::project_files(out, &files)?;
    for s in crate::model::schema::all() {
        println!("wrote {}: {}", out.join(s.file).display(), s.describes);
    }
    println!(
        "point an editor at them with a first line such as `# yaml-language-server: $schema={}`",
        out.join("testimonies.schema.json").display()
    );
    Ok(0)
}
