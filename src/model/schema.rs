//! JSON Schemas of the project files, generated from the types the loader reads them with
//! ([`super::raw`]), for editors (`rapporteur schema`) and for the guide's field reference.

use super::raw;
use schemars::{JsonSchema, generate::SchemaSettings};
use serde_json::Value;

/// One schema: the file it is written to, the project files it describes, and the schema.
pub struct FileSchema {
    pub file: &'static str,
    pub describes: &'static str,
    pub schema: Value,
}

fn schema_of<T: JsonSchema>() -> Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    generator.into_root_schema_for::<T>().to_value()
}

/// A list file (`- id: ...` records) of `T`.
fn list_of<T: JsonSchema>(title: &str, description: &str) -> Value {
    let mut v = schema_of::<Vec<T>>();
    if let Value::Object(m) = &mut v {
        m.insert("title".into(), Value::String(title.into()));
        m.insert("description".into(), Value::String(description.into()));
    }
    v
}

/// Every schema, in the order of the guide.
pub fn all() -> Vec<FileSchema> {
    vec![
        FileSchema {
            file: "report.schema.json",
            describes: "report.yaml",
            schema: schema_of::<raw::Manifest>(),
        },
        FileSchema {
            file: "chapter.schema.json",
            describes: "chapters/*.md (front matter)",
            schema: schema_of::<raw::ChapterFront>(),
        },
        FileSchema {
            file: "finding.schema.json",
            describes: "findings/*.md (front matter)",
            schema: schema_of::<raw::FindingFront>(),
        },
        FileSchema {
            file: "testimonies.schema.json",
            describes: "testimonies/*.yaml",
            schema: list_of::<raw::Testimony>(
                "testimonies",
                "A list of testimonies, each with the consent level of its witness.",
            ),
        },
        FileSchema {
            file: "recommendations.schema.json",
            describes: "recommendations/*.yaml",
            schema: list_of::<raw::Recommendation>(
                "recommendations",
                "A list of recommendations, each addressed to one or more addressees.",
            ),
        },
        FileSchema {
            file: "addressees.schema.json",
            describes: "addressees.yaml",
            schema: list_of::<raw::Addressee>(
                "addressees.yaml",
                "Who recommendations are addressed to, as a tree (`members:`).",
            ),
        },
        FileSchema {
            file: "sources.schema.json",
            describes: "sources.yaml, sources/*.yaml",
            schema: schema_of::<raw::SourcesFile>(),
        },
    ]
}
