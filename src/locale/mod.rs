//! Locales: every word rapporteur writes around the authors' text. The built-in locales (the
//! repository's `locales/` folder: `en`, `ru`, `fr`, `es`) are compiled into the binary; a
//! project's `locales/<tag>.yaml` overrides entries of a built-in locale, or adds a language,
//! as a project's `templates/` overrides templates.
//!
//! A locale holds messages (plain, or chosen by a CLDR plural category of a count), month names
//! (standing alone and inside a full date, where Russian uses the genitive), date patterns,
//! ordinals (chosen by the CLDR ordinal category), list joining and quotation marks. The CLDR
//! plural rules come from ICU4X (`icu_plurals`), not from rules written here. [`tag`] reads the
//! `language:` of report.yaml as a BCP 47 tag.

pub mod tag;

use crate::diagnostic::{Diagnostics, Location};
use crate::load::SourceFile;
use crate::parse::date::PartialDate;
use crate::parse::yaml;
use icu_plurals::{PluralCategory, PluralRules};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

static BUILTIN: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/locales");

/// The languages rapporteur has a built-in locale for.
pub const BUILTIN_LANGUAGES: &[&str] = &["en", "ru", "fr", "es"];

/// One message: a text, or texts by CLDR plural category (`one`, `few`, `many`, `other`...).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Message {
    Text(String),
    Plural(BTreeMap<String, String>),
}

/// A locale file as written: the fixed entries, and `messages` as nested groups.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    language: Option<String>,
    name: Option<String>,
    quotes: Option<[String; 4]>,
    months: Option<[String; 12]>,
    months_in_date: Option<[String; 12]>,
    date: Option<BTreeMap<String, String>>,
    ordinal: Option<BTreeMap<String, String>>,
    list: Option<BTreeMap<String, String>>,
    contractions: Option<Vec<[String; 2]>>,
    language_names: Option<BTreeMap<String, String>>,
    language_display_names: Option<BTreeMap<String, String>>,
    not_bound: Option<Vec<String>>,
    #[serde(default)]
    messages: BTreeMap<String, Node>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum Node {
    Text(String),
    Group(BTreeMap<String, Node>),
}

const CATEGORIES: &[&str] = &["zero", "one", "two", "few", "many", "other"];

/// A locale, complete: every entry of the English locale has a value.
#[derive(Debug, Clone, Serialize)]
pub struct Locale {
    /// The BCP 47 tag the report asked for (`ru`, `fr-CH`): given to Typst and to HTML `lang`.
    pub tag: String,
    /// The language subtag (`ru`), which chooses the locale and the dataset's names.
    pub language: String,
    /// The language's own name ("Русский").
    pub name: String,
    pub quotes: [String; 4],
    months: [String; 12],
    months_in_date: [String; 12],
    date: BTreeMap<String, String>,
    ordinal: BTreeMap<String, String>,
    list: BTreeMap<String, String>,
    /// Words that contract when a name with its article follows them ("de le " -> "du ").
    contractions: Vec<[String; 2]>,
    /// Languages' names by subtag, as they stand in "translated from {language}".
    language_names: BTreeMap<String, String>,
    /// Languages' names standing alone ("Russian", "русский"), by language subtag.
    language_display_names: BTreeMap<String, String>,
    /// The words by which a text says that a state is not bound by an instrument, or discusses
    /// its ratification ("ratif", "not a party", "ратиф"), in lower case: read in the authors'
    /// texts, never written.
    #[serde(skip)]
    not_bound: Vec<String>,
    /// Dotted key (`cover.session`) -> message.
    messages: BTreeMap<String, Message>,
}

impl Default for Locale {
    fn default() -> Self {
        Locale::builtin("en").expect("the English locale is built in")
    }
}

/// The locale `init` writes for a language without a built-in one: the English locale under the
/// language's tag, headed by what to do with it (its entries to translate). `None` for a built-in
/// language.
pub fn starter(language: &str) -> Option<String> {
    if BUILTIN_LANGUAGES.contains(&language) {
        return None;
    }
    let (_, english) = builtin_file("en")?;
    let body = english
        .replacen("\nlanguage: en\n", &format!("\nlanguage: {language}\n"), 1)
        .replacen("\nname: English\n", &format!("\nname: {language}\n"), 1);
    Some(format!(
        "# Written by `rapporteur init`: rapporteur has no built-in locale for `{language}`, so this is\n\
         # its English one. Translate every entry (keep the `{{placeholders}}`, and give the plural\n\
         # categories the language has); until then this edition's headings, labels and dates are\n\
         # in English. `name:` is the language's name, written in it.\n#\n{body}"
    ))
}

fn builtin_file(language: &str) -> Option<(String, String)> {
    let name = format!("{language}.yaml");
    BUILTIN.get_file(&name).map(|f| {
        (
            format!("<built-in>/locales/{name}"),
            f.contents_utf8().unwrap_or_default().to_string(),
        )
    })
}

fn parse_file(path: &str, text: &str, diags: &mut Diagnostics) -> Option<File> {
    yaml::parse::<File>(path, text, 0, diags)
}

/// Flattens nested message groups into dotted keys; a group whose keys are all plural categories
/// (with `other`) is one plural message.
fn flatten(prefix: &str, nodes: &BTreeMap<String, Node>, out: &mut BTreeMap<String, Message>) {
    for (k, node) in nodes {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match node {
            Node::Text(t) => {
                out.insert(key, Message::Text(t.clone()));
            }
            Node::Group(g) if is_plural(g) => {
                let forms = g
                    .iter()
                    .filter_map(|(c, n)| match n {
                        Node::Text(t) => Some((c.clone(), t.clone())),
                        Node::Group(_) => None,
                    })
                    .collect();
                out.insert(key, Message::Plural(forms));
            }
            Node::Group(g) => flatten(&key, g, out),
        }
    }
}

fn is_plural(g: &BTreeMap<String, Node>) -> bool {
    g.contains_key("other")
        && g.iter()
            .all(|(k, n)| CATEGORIES.contains(&k.as_str()) && matches!(n, Node::Text(_)))
}

impl Locale {
    /// The built-in locale of a language subtag (`en`, `ru`, `fr`, `es`).
    pub fn builtin(language: &str) -> Option<Locale> {
        // Each built-in locale is read once a run, then copied: a run asks for them again for
        // every edition and output (thirteen times in the flagship's `check`).
        static READ: std::sync::Mutex<BTreeMap<String, Option<Locale>>> =
            std::sync::Mutex::new(BTreeMap::new());
        let mut read = READ.lock().unwrap_or_else(|e| e.into_inner());
        read.entry(language.to_string())
            .or_insert_with(|| Locale::read_builtin(language))
            .clone()
    }

    /// [`Locale::builtin`], read from its file.
    fn read_builtin(language: &str) -> Option<Locale> {
        let (path, text) = builtin_file(language)?;
        let mut diags = Diagnostics::default();
        let file = parse_file(&path, &text, &mut diags)?;
        let mut locale = Locale {
            tag: language.to_string(),
            language: language.to_string(),
            name: String::new(),
            quotes: Default::default(),
            months: Default::default(),
            months_in_date: Default::default(),
            date: BTreeMap::new(),
            ordinal: BTreeMap::new(),
            list: BTreeMap::new(),
            contractions: vec![],
            language_names: BTreeMap::new(),
            language_display_names: BTreeMap::new(),
            not_bound: vec![],
            messages: BTreeMap::new(),
        };
        locale.apply(file);
        Some(locale)
    }

    /// The locale for a report: the built-in locale of `tag`'s language (English for a language
    /// rapporteur has none for) with the project's `locales/<language>.yaml` over it. Entries a
    /// project file gets wrong are reported; entries it does not know are warned about.
    pub fn for_report(tag: &str, project: &[SourceFile], diags: &mut Diagnostics) -> Locale {
        let language = tag::language_of(tag);
        let english = Locale::default();
        let mut locale = Locale::builtin(&language).unwrap_or_else(|| english.clone());
        locale.tag = tag.to_string();
        locale.language = language.clone();
        let wanted = format!("locales/{language}.yaml");
        for f in project.iter().filter(|f| f.path == wanted) {
            if let Some(file) = parse_file(&f.path, &f.text, diags) {
                let mut added = BTreeMap::new();
                flatten("", &file.messages, &mut added);
                for key in added.keys().filter(|k| !english.messages.contains_key(*k)) {
                    diags.warning(
                        "unknown-locale-entry",
                        Location::new(&f.path, line_of(&f.text, key), 1),
                        crate::diagnostic::with_suggestion(
                            format!("`{key}` is not an entry rapporteur uses: it is ignored"),
                            key,
                            english.messages.keys().map(String::as_str),
                        ),
                    );
                }
                locale.apply(file);
            }
        }
        locale
    }

    fn apply(&mut self, file: File) {
        if let Some(n) = file.name {
            self.name = n;
        }
        if let Some(l) = file.language
            && self.language.is_empty()
        {
            self.language = l;
        }
        if let Some(q) = file.quotes {
            self.quotes = q;
        }
        if let Some(m) = file.months {
            self.months = m;
        }
        if let Some(m) = file.months_in_date {
            self.months_in_date = m;
        }
        self.date.extend(file.date.unwrap_or_default());
        self.ordinal.extend(file.ordinal.unwrap_or_default());
        self.list.extend(file.list.unwrap_or_default());
        self.language_names
            .extend(file.language_names.unwrap_or_default());
        self.language_display_names
            .extend(file.language_display_names.unwrap_or_default());
        if let Some(c) = file.contractions {
            self.contractions = c;
        }
        if let Some(w) = file.not_bound {
            self.not_bound = w.iter().map(|w| w.to_lowercase()).collect();
        }
        flatten("", &file.messages, &mut self.messages);
    }

    /// The words by which a text says that a state is not bound by an instrument, or discusses
    /// its ratification (`not-bound:`), in lower case.
    pub fn not_bound(&self) -> &[String] {
        &self.not_bound
    }

    /// Every message key, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.messages.keys().map(String::as_str)
    }

    /// A plain message, or the `other` form of a plural one; the key itself when there is none
    /// (a test checks every built-in locale has every key).
    pub fn t(&self, key: &str) -> String {
        match self.messages.get(key) {
            Some(Message::Text(t)) => t.clone(),
            Some(Message::Plural(p)) => p.get("other").cloned().unwrap_or_default(),
            None => key.to_string(),
        }
    }

    /// A message with its `{name}` placeholders filled, and the language's contractions made
    /// where a filled-in name brings its article ("de le Kirghizistan" -> "du Kirghizistan").
    pub fn fmt(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.contract(fill(&self.t(key), args))
    }

    /// Contractions at the start of a word only: Spanish "a el " is "al ", but "para el " stays.
    fn contract(&self, mut text: String) -> String {
        for [from, to] in &self.contractions {
            let mut out = String::with_capacity(text.len());
            let mut rest = text.as_str();
            while let Some(at) = rest.find(from.as_str()) {
                out.push_str(&rest[..at]);
                let starts_word = !out.chars().next_back().is_some_and(char::is_alphanumeric);
                out.push_str(if starts_word { to } else { from });
                rest = &rest[at + from.len()..];
            }
            out.push_str(rest);
            text = out;
        }
        text
    }

    /// A counted message: the form of `count`'s CLDR plural category, `{count}` and the other
    /// placeholders filled ("5 рекомендаций").
    pub fn count(&self, key: &str, count: usize, args: &[(&str, &str)]) -> String {
        let form = match self.messages.get(key) {
            Some(Message::Plural(forms)) => {
                let cat = self.cardinal(count);
                forms
                    .get(category_name(cat))
                    .or_else(|| forms.get("other"))
                    .cloned()
                    .unwrap_or_default()
            }
            Some(Message::Text(t)) => t.clone(),
            None => key.to_string(),
        };
        let n = count.to_string();
        let mut all = vec![("count", n.as_str())];
        all.extend_from_slice(args);
        self.contract(fill(&form, &all))
    }

    fn rules(&self, ordinal: bool) -> Option<PluralRules> {
        let loc: icu_locale_core::Locale = self.language.parse().ok()?;
        if ordinal {
            PluralRules::try_new_ordinal(loc.into()).ok()
        } else {
            PluralRules::try_new_cardinal(loc.into()).ok()
        }
    }

    /// The CLDR cardinal plural category of `n` in this language.
    pub fn cardinal(&self, n: usize) -> PluralCategory {
        self.rules(false)
            .map_or(PluralCategory::Other, |r| r.category_for(n))
    }

    /// An ordinal number ("76th", "76-я", "76e", "1re", "76º"), by the CLDR ordinal category.
    pub fn ordinal(&self, n: u32) -> String {
        let cat = self
            .rules(true)
            .map_or(PluralCategory::Other, |r| r.category_for(n as usize));
        let form = self
            .ordinal
            .get(category_name(cat))
            .or_else(|| self.ordinal.get("other"))
            .cloned()
            .unwrap_or_else(|| "{n}".into());
        fill(&form, &[("n", &n.to_string())])
    }

    /// "38" -> "38th session" ("38-я сессия", "38e session"); anything else is kept as written
    /// ("pre-sessional working group").
    pub fn session(&self, s: &str) -> String {
        match s.trim().parse::<u32>() {
            Ok(n) => self.fmt("session", &[("ordinal", &self.ordinal(n)), ("n", s.trim())]),
            Err(_) => s.trim().to_string(),
        }
    }

    /// A date as far as it is known: "12 June 2018", "12 июня 2018 г.", "June 2018", "июнь 2018 г.".
    pub fn date(&self, d: &PartialDate) -> String {
        let year = d.year.to_string();
        let pattern = |k: &str| self.date.get(k).cloned().unwrap_or_default();
        match (d.month, d.day) {
            (Some(m), Some(day)) => fill(
                &pattern("day"),
                &[
                    ("day", &day.to_string()),
                    ("month", &self.months_in_date[m as usize - 1]),
                    ("year", &year),
                ],
            ),
            (Some(m), None) => fill(
                &pattern("month"),
                &[("month", &self.months[m as usize - 1]), ("year", &year)],
            ),
            _ => fill(&pattern("year"), &[("year", &year)]),
        }
    }

    /// A language's name as it stands in "translated from {language}" ("Russian", "русского",
    /// "du russe"); the tag itself for a language the locale does not name.
    pub fn language_name(&self, tag: &str) -> String {
        let language = tag::language_of(tag);
        self.language_names
            .get(&language)
            .cloned()
            .unwrap_or(language)
    }

    /// A language's name standing alone, as a table shows it ("Russian", "Русский"), first
    /// letter capitalised; the tag itself for a language the locale does not name.
    pub fn language_display_name(&self, tag: &str) -> String {
        let language = tag::language_of(tag);
        match self.language_display_names.get(&language) {
            Some(n) => {
                let mut c = n.chars();
                c.next()
                    .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                    .unwrap_or_default()
            }
            None => tag.to_string(),
        }
    }

    /// A month's name standing alone (`month` 1 to 12).
    pub fn month(&self, month: u8) -> &str {
        &self.months[(month.clamp(1, 12) - 1) as usize]
    }

    /// "A", "A and B", "A, B and C".
    pub fn join(&self, items: &[String]) -> String {
        let get = |k: &str| self.list.get(k).cloned().unwrap_or_default();
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [first, last] => fill(&get("two"), &[("first", first), ("last", last)]),
            [rest @ .., last] => fill(
                &get("many"),
                &[("rest", &rest.join(&get("separator"))), ("last", last)],
            ),
        }
    }

    /// A provision as cited: "ICCPR art. 9", "МПГПП, ст. 9" is not made (instrument ids stay
    /// as the dataset writes them), "ICCPR, ст. 9", "OIT C029, art. 2". `ilo` adds the ILO's
    /// prefix to a convention number.
    pub fn provision(&self, instrument: &str, ilo: bool, article: Option<&str>) -> String {
        let instrument = if ilo {
            self.fmt("citation.ilo", &[("id", instrument)])
        } else {
            instrument.to_string()
        };
        match article {
            None => instrument,
            Some(a) => self.fmt(
                "citation.article",
                &[("instrument", &instrument), ("article", a)],
            ),
        }
    }

    /// A locator as an author writes it in `[@doc, p. 3]` (`p.`, `pp.`, `para.`, `paras.`, as
    /// pandoc's citations know them, and `art.`, `arts.` of a law), in the language's
    /// abbreviation ("с. 3", "párr. 12", "ст. 517(5)");
    /// any other locator is kept as written.
    pub fn locator(&self, written: &str) -> String {
        let w = written.trim();
        for (term, key) in [
            ("pp.", "citation.pages"),
            ("p.", "citation.page"),
            ("paras.", "citation.paragraphs"),
            ("para.", "citation.paragraph"),
            ("arts.", "citation.locator-articles"),
            ("art.", "citation.locator-article"),
        ] {
            if let Some(rest) = w.strip_prefix(term)
                && rest.starts_with(' ')
                && rest.trim_start().starts_with(|c: char| c.is_ascii_digit())
            {
                return self.fmt(key, &[("n", rest.trim_start())]);
            }
        }
        w.to_string()
    }

    /// Text in the language's quotation marks: “…” in English, «…» in Russian and French.
    pub fn quote(&self, s: &str) -> String {
        format!("{}{s}{}", self.quotes[0], self.quotes[1])
    }

    /// The messages as nested groups, for templates (`t.cover.session`): a plural message
    /// appears as its `other` form.
    pub fn table(&self) -> serde_json::Value {
        let mut root = serde_json::Map::new();
        for key in self.messages.keys() {
            let mut node = &mut root;
            let parts: Vec<&str> = key.split('.').collect();
            for p in &parts[..parts.len() - 1] {
                node = node
                    .entry(p.to_string())
                    .or_insert_with(|| serde_json::Value::Object(Default::default()))
                    .as_object_mut()
                    .expect("a group");
            }
            node.insert(
                parts[parts.len() - 1].to_string(),
                serde_json::Value::String(self.t(key)),
            );
        }
        serde_json::Value::Object(root)
    }
}

/// Fills `{name}` placeholders; an unknown placeholder is left as written.
pub fn fill(pattern: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                let name = &after[..end];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn category_name(c: PluralCategory) -> &'static str {
    match c {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

/// The line of a locale file where an entry's last key part is written (1 when not found).
fn line_of(text: &str, key: &str) -> u32 {
    let last = key.rsplit('.').next().unwrap_or(key);
    text.lines()
        .position(|l| l.trim_start().starts_with(&format!("{last}:")))
        .map_or(1, |i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ru() -> Locale {
        Locale::builtin("ru").unwrap()
    }

    #[test]
    fn every_builtin_locale_has_every_english_entry_and_no_other() {
        let en = Locale::builtin("en").unwrap();
        for lang in BUILTIN_LANGUAGES {
            let l = Locale::builtin(lang).unwrap_or_else(|| panic!("no built-in `{lang}`"));
            let keys: Vec<&str> = l.keys().collect();
            let english: Vec<&str> = en.keys().collect();
            assert_eq!(keys, english, "`{lang}` and `en` differ in their entries");
            assert!(l.months.iter().all(|m| !m.is_empty()), "{lang}: months");
            assert!(l.quotes.iter().all(|q| !q.is_empty()), "{lang}: quotes");
            for k in ["day", "month", "year"] {
                assert!(l.date.contains_key(k), "{lang}: date.{k}");
            }
        }
    }

    #[test]
    fn russian_counts_take_the_cldr_plural_forms() {
        let l = ru();
        let r = |n| l.count("count.recommendations", n, &[]);
        assert_eq!(r(1), "1 рекомендация");
        assert_eq!(r(2), "2 рекомендации");
        assert_eq!(r(5), "5 рекомендаций");
        assert_eq!(r(21), "21 рекомендация");
        assert_eq!(r(11), "11 рекомендаций");
        let en = Locale::builtin("en").unwrap();
        assert_eq!(
            en.count("count.recommendations", 1, &[]),
            "1 recommendation"
        );
        assert_eq!(
            en.count("count.recommendations", 0, &[]),
            "0 recommendations"
        );
    }

    #[test]
    fn sessions_read_as_ordinals_in_each_language() {
        let en = Locale::builtin("en").unwrap();
        assert_eq!(en.session("76"), "76th session");
        assert_eq!(en.session("41"), "41st session");
        assert_eq!(en.session("42"), "42nd session");
        assert_eq!(en.session("43"), "43rd session");
        assert_eq!(en.session("112"), "112th session");
        assert_eq!(en.session("pre-session"), "pre-session");
        assert_eq!(ru().session("76"), "76-я сессия");
        let fr = Locale::builtin("fr").unwrap();
        assert_eq!(fr.session("76"), "76e session");
        assert_eq!(fr.session("1"), "1re session");
        let es = Locale::builtin("es").unwrap();
        assert_eq!(es.session("76"), "76º período de sesiones");
    }

    #[test]
    fn russian_dates_use_the_genitive_month_and_the_year_mark() {
        let d = PartialDate::parse("2018-06-12").unwrap();
        assert_eq!(ru().date(&d), "12 июня 2018 г.");
        let m = PartialDate::parse("2018-06").unwrap();
        assert_eq!(ru().date(&m), "июнь 2018 г.");
        let en = Locale::builtin("en").unwrap();
        assert_eq!(en.date(&d), "12 June 2018");
        assert_eq!(en.date(&m), "June 2018");
        let es = Locale::builtin("es").unwrap();
        assert_eq!(es.date(&d), "12 de junio de 2018");
    }

    #[test]
    fn french_contracts_the_article_a_name_brings() {
        let fr = Locale::builtin("fr").unwrap();
        let s = fr.fmt(
            "submission.intro-body",
            &[
                ("state", "le Kirghizistan"),
                ("authors", "X"),
                ("body", "B"),
                ("id", "I"),
                ("session", ""),
            ],
        );
        assert!(s.contains("l'examen du Kirghizistan"), "{s}");
        let s = fr.fmt("submission.concerns-under", &[("instrument", "le Pacte")]);
        assert_eq!(s, "Préoccupations au regard du Pacte");
        // Only at the start of a word: "para el" is not "paral".
        let es = Locale::builtin("es").unwrap();
        assert_eq!(
            es.contract("para el diálogo, a el Estado".into()),
            "para el diálogo, al Estado"
        );
    }

    #[test]
    fn lists_and_quotes_follow_the_language() {
        let items = vec!["A".to_string(), "B".into(), "C".into()];
        assert_eq!(ru().join(&items), "A, B и C");
        assert_eq!(ru().quote("x"), "«x»");
        let en = Locale::builtin("en").unwrap();
        assert_eq!(en.join(&items[..2]), "A and B");
        assert_eq!(en.quote("x"), "“x”");
    }

    #[test]
    fn a_project_locale_overrides_entries_and_warns_on_unknown_ones() {
        let files = vec![SourceFile {
            path: "locales/ru.yaml".into(),
            text: "messages:\n  contents: \"Оглавление\"\n  contentz: \"x\"\n".into(),
        }];
        let mut diags = Diagnostics::default();
        let l = Locale::for_report("ru", &files, &mut diags);
        assert_eq!(l.t("contents"), "Оглавление");
        assert_eq!(l.t("cover.session"), "Сессия");
        let d: Vec<_> = diags.iter().collect();
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code, "unknown-locale-entry");
        assert!(
            d[0].message.contains("did you mean `contents`"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        assert_eq!(fill("{a} and {b}", &[("a", "1"), ("b", "2")]), "1 and 2");
        assert_eq!(fill("{a} {zz}", &[("a", "1")]), "1 {zz}");
        assert_eq!(fill("open {", &[]), "open {");
    }
}
