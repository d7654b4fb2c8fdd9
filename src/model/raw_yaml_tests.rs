//! The fast path against serde-saphyr: on every text the fast path takes, both must give the
//! same value with the same positions; on a text serde-saphyr rejects, the fast path must give up.

use crate::model::raw;
use crate::model::raw::Spanned;
use crate::parse::yaml::fast::parse;
use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Visitor};
use std::fmt::{self, Debug};
use std::path::Path;

/// Any YAML value, every node with its position: what both parsers are compared on.
#[derive(Debug)]
#[allow(dead_code)]
enum Tree {
    Text(String),
    Other(String),
    Seq(Vec<Spanned<Tree>>),
    Map(Vec<(Spanned<String>, Spanned<Tree>)>),
}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Tree;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("anything")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Tree, E> {
                Ok(Tree::Text(s.to_string()))
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<Tree, E> {
                Ok(Tree::Other(format!("bool {b}")))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Tree, E> {
                Ok(Tree::Other(format!("u64 {n}")))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Tree, E> {
                Ok(Tree::Other(format!("i64 {n}")))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Tree, E> {
                Ok(Tree::Other(format!("f64 {n}")))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Tree, E> {
                Ok(Tree::Other("unit".into()))
            }
            fn visit_none<E: de::Error>(self) -> Result<Tree, E> {
                Ok(Tree::Other("none".into()))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut a: A) -> Result<Tree, A::Error> {
                let mut v = vec![];
                while let Some(x) = a.next_element()? {
                    v.push(x);
                }
                Ok(Tree::Seq(v))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut a: A) -> Result<Tree, A::Error> {
                let mut v = vec![];
                while let Some(k) = a.next_key()? {
                    v.push((k, a.next_value()?));
                }
                Ok(Tree::Map(v))
            }
        }
        d.deserialize_any(V)
    }
}

/// The debug form without serde-saphyr's spans (offsets the fast path does not give and the
/// project does not read); lines and columns stay.
fn shown(v: &impl Debug) -> String {
    let s = format!("{v:?}");
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(i) = rest.find("span: Span {") {
        out.push_str(&rest[..i]);
        let end = rest[i..].find("}, ").expect("a span's end");
        rest = &rest[i + end + 3..];
    }
    out.push_str(rest);
    out
}

/// Compares the two parsers on `text` read as `T`: whether the fast path took it.
fn same<T: DeserializeOwned + Debug>(text: &str, what: &str) -> bool {
    let Some(fast) = parse::<T>(text) else {
        return false;
    };
    let slow = serde_saphyr::from_str_with_options::<T>(text, crate::parse::yaml::options(text));
    match slow {
        Ok(slow) => assert_eq!(shown(&fast), shown(&slow), "{what}:\n{text}"),
        Err(e) => panic!("{what}: the fast path took a text serde-saphyr rejects ({e}):\n{text}"),
    }
    true
}

/// Every YAML file and front matter of the project's fixtures, examples, flagship, dataset and
/// locales: (path, text).
fn corpus() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = vec![];
    for dir in [
        "tests/fixtures",
        "examples",
        "content",
        "conventions",
        "locales",
    ] {
        for e in walkdir::WalkDir::new(root.join(dir)).sort_by_file_name() {
            let e = e.unwrap();
            let p = e.path();
            let Ok(text) = std::fs::read_to_string(p) else {
                continue;
            };
            let name = p.display().to_string();
            match p.extension().and_then(|e| e.to_str()) {
                Some("yaml" | "yml") => out.push((name, text)),
                Some("md") => {
                    if let Ok(Some(front)) =
                        crate::parse::frontmatter::split(&text).map(|s| s.front)
                    {
                        out.push((name, front.to_string()));
                    }
                }
                _ => {}
            }
        }
    }
    out
}

#[test]
fn gives_serde_saphyrs_values_and_positions_on_every_project_file() {
    let files = corpus();
    let mut taken = 0;
    for (path, text) in &files {
        let mut took = same::<Spanned<Tree>>(text, path);
        if path.contains("/testimonies/") {
            took |= same::<Vec<raw::Testimony>>(text, path);
        } else if path.contains("/recommendations/") {
            took |= same::<Vec<raw::Recommendation>>(text, path);
        } else if path.ends_with("sources.yaml") {
            took |= same::<raw::SourcesFile>(text, path);
        } else if path.contains("/findings/") {
            took |= same::<raw::FindingFront>(text, path);
        } else if path.contains("/chapters/") {
            took |= same::<raw::ChapterFront>(text, path);
        } else if path.ends_with("report.yaml") {
            took |= same::<raw::Manifest>(text, path);
        } else if path.ends_with("addressees.yaml") {
            took |= same::<Vec<raw::Addressee>>(text, path);
        } else if path.contains("conventions/instruments/") {
            took |= same::<crate::conventions::Instrument>(text, path);
        } else if path.contains("conventions/states/") {
            took |= same::<crate::conventions::State>(text, path);
        } else if path.ends_with("conventions/bodies.yaml") {
            took |= same::<Vec<crate::conventions::Body>>(text, path);
        }
        taken += usize::from(took);
    }
    // Most files are in the subset: the comparison is not vacuous.
    assert!(taken * 2 > files.len(), "{taken} of {} files", files.len());
}

#[test]
fn reads_the_core_schemas_nulls_where_an_option_is_as_serde_saphyr_does() {
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Options {
        a: Option<String>,
        s: Option<Spanned<String>>,
        l: Option<Vec<String>>,
        m: Option<std::collections::BTreeMap<String, String>>,
    }
    let fields = [("a", "v"), ("s", "w"), ("l", "[p]"), ("m", "{k: x}")];
    let values = [
        "null", "Null", "NULL", "~", "nUll", "NuLL", "\"null\"", "'~'", "x", "[]", "{}",
    ];
    let plain: String = fields.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
    assert!(same::<Options>(&plain, &plain), "not taken:\n{plain}");
    for value in values {
        for (key, _) in fields {
            let text: String = fields
                .iter()
                .map(|(k, v)| format!("{k}: {}\n", if *k == key { value } else { v }))
                .collect();
            let took = same::<Options>(&text, &text);
            let core_null = matches!(value, "null" | "Null" | "NULL" | "~");
            assert!(!core_null || took, "a core null not taken:\n{text}");
        }
    }
}

#[test]
fn points_at_the_node_as_serde_saphyr_does() {
    let cases = [
        "a: x\nb: [p, q]\nc: {k: v}\n",
        "- a: x\n  b: |\n    text\n    more\n\n- a: z\n",
        "list:\n- x\n- 'y'\nmap:\n  k: \"v\"\n",
        "t: >-\n  folded\n  lines\n\n  para\n",
        "t: |+\n  keep\n\n\nu: v\n",
        "k: Кыргызстан — ңөү\nl: [Қазақстан, \"ә\"]\n",
    ];
    for text in cases {
        assert!(same::<Spanned<Tree>>(text, text), "not taken:\n{text}");
    }
}

#[test]
fn gives_up_on_what_it_does_not_read_exactly() {
    let cases = [
        "a: &x 1\nb: *x\n",
        "a: !tag x\n",
        "a:\tx\n",
        "a: x\r\nb: y\r\n",
        "a: x\nb: y\na: z\n",
        "a: x\n  continued\n",
        "a: \"two\n  lines\"\n",
        "a: null\n",
        "a:\n",
        "? a\n: b\n",
        "a: [x, [y]]\n",
        "---\na: x\n",
        "a: |2\n   x\n",
        "a: 'x' y\n",
        "a: x: y\n",
        "\u{feff}a: x\n",
        "\"a\": x\n",
        "<<: {b: c}\n",
    ];
    for text in cases {
        assert!(parse::<Spanned<Tree>>(text).is_none(), "taken:\n{text}");
    }
}

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'t>(&mut self, items: &[&'t str]) -> &'t str {
        items[(self.next() % items.len() as u64) as usize]
    }
    /// A scalar, odd one time in `odds`.
    fn scalar(&mut self, odds: u64) -> &'static str {
        if self.next().is_multiple_of(odds) {
            self.pick(ODD)
        } else {
            self.pick(SCALARS)
        }
    }
}

const KEYS: &[&str] = &[
    "id", "name", "text", "to", "themes", "date", "age", "a_b", "x-y", "id",
];
/// Scalars in the subset.
const SCALARS: &[&str] = &[
    "word",
    "two words",
    "Бишкек",
    "Қазақстан ңөү",
    "кыргыз тили",
    "\"quoted # not a comment\"",
    "\"esc \\\" \\\\ \\n \\t \\u00e9 \\/\"",
    "\"\"",
    "''",
    "'it''s'",
    "a #comment",
    "a#b",
    "https://example.org/a:b",
    "[a, b]",
    "[]",
    "[\"q\", 'r', ü]",
    "{id: d1, title: \"T\", url: https://x.org/1}",
    "{}",
    "trailing   ",
];
/// Scalars that are not, or only for some types.
const ODD: &[&str] = &[
    "2018-06",
    "44",
    "007",
    "-3",
    "1e3",
    "true",
    "yes",
    "No",
    "null",
    "Null",
    "NULL",
    "nUll",
    "~",
    "\"quoted # not a comment\"",
    "\"esc \\\" \\\\ \\n \\t \\u00e9 \\/\"",
    "\"bad \\x41\"",
    "\"\"",
    "''",
    "'it''s'",
    "'a'b'",
    "a #comment",
    "a#b",
    "https://example.org/a:b",
    "a: b",
    "x:",
    "&anchor v",
    "*alias",
    "!tag v",
    "@at",
    "`tick`",
    "%pct",
    "[a, b]",
    "[]",
    "[a, ]",
    "[\"q\", 'r', ü]",
    "[a: b]",
    "{id: d1, title: \"T\", url: https://x.org/1}",
    "{}",
    "{a: 1, a: 2}",
    "{a: [b]}",
    "{a: [b, [c]]}",
    "{a: {b: c}}",
    "trailing   ",
    "tab\there",
    "cr\r",
];
const BLOCKS: &[&str] = &[
    "|\n{i}  line one\n{i}  line two\n",
    "|-\n{i}  stripped\n\n",
    "|+\n{i}  kept\n\n\n",
    ">\n{i}  folded\n{i}  text\n\n{i}  next\n",
    ">-\n{i}  folded\n{i}    more indented\n",
    "|\n\n{i}  leading empty\n",
    "|\n{i}  trailing space  \n{i}  # not a comment\n",
    "|\n{i}  a\n{i}   \n{i}  b\n",
    "|2\n{i}   x\n",
    "| # c\n{i}  x\n",
    "|\n{i}x\n",
];

/// A random document of records in the project's shape, with odd corners mixed in.
fn document(rng: &mut Rng, odds: u64) -> String {
    let mut s = String::new();
    if rng.next().is_multiple_of(4) {
        s.push_str("# a comment\n\n");
    }
    for _ in 0..1 + rng.next() % 3 {
        let mut first = true;
        for _ in 0..1 + rng.next() % 5 {
            let lead = if first { "- " } else { "  " };
            first = false;
            let key = rng.pick(KEYS);
            let value = match rng.next() % 10 {
                0 => format!(" {}", rng.pick(BLOCKS).replace("{i}", "  ")),
                1 => format!(
                    "\n    {}: {}\n    {}: {}\n",
                    rng.pick(KEYS),
                    rng.scalar(odds),
                    rng.pick(KEYS),
                    rng.scalar(odds)
                ),
                2 => format!("\n  - {}\n  - {}\n", rng.scalar(odds), rng.scalar(odds)),
                3 => format!("\n    - {}\n", rng.scalar(odds)),
                _ => format!(" {}\n", rng.scalar(odds)),
            };
            s.push_str(&format!("{lead}{key}:{value}"));
            if rng.next().is_multiple_of(8) {
                s.push_str(rng.pick(&["\n", "  # note\n", "    # deeper\n", "\n\n"]));
            }
        }
    }
    s
}

#[test]
fn gives_serde_saphyrs_values_on_generated_and_odd_documents() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut taken, mut blocks, total) = (0, 0, 4000);
    for _ in 0..total {
        let odds = [3, 12, 60][rng.next() as usize % 3];
        let text = document(&mut rng, odds);
        let took = same::<Spanned<Tree>>(&text, "generated");
        taken += usize::from(took);
        blocks += usize::from(took && (text.contains(": |") || text.contains(": >")));
        same::<Vec<raw::Testimony>>(&text, "generated testimonies");
        same::<Vec<raw::Recommendation>>(&text, "generated recommendations");
    }
    assert!(taken > total / 10, "only {taken} of {total} taken");
    assert!(
        blocks > total / 40,
        "only {blocks} with block scalars taken"
    );
}

#[test]
fn reads_outputs_written_as_one_entry_mappings() {
    let text = "title: T\ndate: 2018-06\noutputs:\n  - publication: {formats: [html, pdf]}\n  \
                - recommendations:\n      by: addressee\n  - alternative-report: {body: CMW, state: KGZ, publish: true, findings: [f1]}\n";
    assert!(same::<raw::Manifest>(text, text), "not taken");
}

/// The flagship's testimonies written `copies` times over, one list: a file of many records,
/// with the comments between them.
fn long_list(copies: usize) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/testimonies");
    let mut one = String::new();
    for e in walkdir::WalkDir::new(root).sort_by_file_name() {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "yaml") {
            one.push_str(&std::fs::read_to_string(e.path()).unwrap());
        }
    }
    one.repeat(copies)
}

/// serde-saphyr's reading of a whole list.
fn whole<T: DeserializeOwned>(text: &str) -> Vec<T> {
    serde_saphyr::from_str_with_options::<Vec<T>>(text, crate::parse::yaml::options(text)).unwrap()
}

/// Generated documents the fast path takes, one after the other, to `bytes` bytes: one list.
fn generated_list(bytes: usize) -> String {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut text = String::new();
    while text.len() < bytes {
        let doc = document(&mut rng, u64::MAX);
        if parse::<Vec<Spanned<Tree>>>(&doc).is_some() {
            text.push_str(&doc);
        }
    }
    text
}

#[test]
fn a_long_list_read_in_parts_gives_serde_saphyrs_values_and_positions() {
    use crate::parse::yaml::{fast_in_parts, parts_of};
    // Parts of 16 KiB stand for the megabyte parts of a large file (serde-saphyr, unoptimised
    // in tests, reads the text it is compared with slowly).
    let size = 16 << 10;
    for text in [long_list(2), generated_list(160 << 10)] {
        let parts = parts_of(&text, size);
        assert!(parts.len() >= 8, "{} parts", parts.len());
        assert_eq!(parts.iter().map(|p| p.1).collect::<String>(), text);
        // Each part after the first starts with an item, on the line its index says.
        let mut start = parts[0].1.len();
        for (line, part) in &parts[1..] {
            assert!(part.starts_with("- "), "{part:.40}");
            assert_eq!(*line as usize, text[..start].matches('\n').count());
            start += part.len();
        }
    }
    let text = long_list(2);
    let testimonies = fast_in_parts::<raw::Testimony>(&text, size).expect("read in parts");
    assert_eq!(shown(&testimonies), shown(&whole::<raw::Testimony>(&text)));
    let text = generated_list(160 << 10);
    let in_parts = fast_in_parts::<Spanned<Tree>>(&text, size).expect("read in parts");
    assert_eq!(shown(&in_parts), shown(&whole::<Spanned<Tree>>(&text)));
}

#[test]
fn a_long_list_with_a_part_outside_the_subset_is_read_whole() {
    use crate::parse::yaml::fast_in_parts;
    // An anchor in the first item, its alias in the last: no part alone reads the alias.
    let mut text = generated_list(160 << 10).replacen(": word\n", ": &w word\n", 1);
    text.push_str("- last: *w\n");
    assert!(fast_in_parts::<Spanned<Tree>>(&text, 16 << 10).is_none());
    // `parse_list` then reads it whole, as serde-saphyr does.
    let mut d = crate::diagnostic::Diagnostics::default();
    let read = crate::parse::yaml::parse_list::<Spanned<Tree>>("t.yaml", &text, &mut d);
    assert!(d.is_empty());
    assert_eq!(shown(&read), shown(&whole::<Spanned<Tree>>(&text)));
}
