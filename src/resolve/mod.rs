//! Resolution: parses every file of a project into the raw model, registers every id, resolves
//! every reference and citation, runs the checks of the content model, and produces the
//! [`Report`]. Pure: it takes the files already in memory and the dataset, and reports through
//! [`Diagnostics`].

pub(crate) mod checks;
mod cover;
mod fork;
pub mod glyphs;
mod reference;
pub mod received;
pub mod risk;
pub mod roles;
pub mod scope;
mod secrets;
pub mod text;

use crate::conventions::Dataset;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::load::{ProjectFiles, SourceFile};
use crate::model::raw::{self, S};
use crate::model::resolved::*;
use crate::parse::date::PartialDate;
use crate::parse::{frontmatter, yaml};
use std::collections::BTreeMap;

pub use text::locate;

/// How many of each record a project holds (printed by `check`).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Counts {
    pub chapters: usize,
    pub findings: usize,
    pub testimonies: usize,
    pub recommendations: usize,
    pub addressees: usize,
    pub documents: usize,
    pub meetings: usize,
    pub received: usize,
}

impl Report {
    pub fn counts(&self) -> Counts {
        Counts {
            chapters: self.chapters.len(),
            findings: self.findings.len(),
            testimonies: self.testimonies.len(),
            recommendations: self.recommendations.len(),
            addressees: self.addressees.len(),
            documents: self.documents.len(),
            meetings: self.meetings.len(),
            received: self.received.len(),
        }
    }
}

/// Resolves a loaded project against the dataset. The report is returned even when there are
/// errors (as far as it could be built), so `check` can count; `build` stops on errors.
pub fn resolve<'a>(files: &'a ProjectFiles, ds: &'a Dataset, diags: &'a mut Diagnostics) -> Report {
    let mut r = Resolver {
        ds,
        diags,
        sources: BTreeMap::new(),
        ids: Default::default(),
        line_offset: 0,
        broken_ids: Default::default(),
        incomplete: false,
        report_states: vec![],
        locale_files: &files.locales,
        finding_files: files.findings.len()
            + files
                .unreadable
                .iter()
                .filter(|f| f.path.starts_with("findings/"))
                .count(),
    };
    // Each file's lines indexed side by side.
    let all: Vec<&SourceFile> = files.all().collect();
    let indexes: Vec<crate::parse::LineIndex> = {
        use rayon::prelude::*;
        all.par_iter()
            .with_max_len(64)
            .map(|f| crate::parse::LineIndex::new(&f.text))
            .collect()
    };
    for (f, index) in all.into_iter().zip(indexes) {
        r.sources.insert(f.path.clone(), index);
    }
    r.run(files)
}

pub(crate) struct Resolver<'a> {
    pub ds: &'a Dataset,
    pub diags: &'a mut Diagnostics,
    /// Each file's lines, indexed once (positions of YAML text fields are looked up in them).
    pub sources: BTreeMap<String, crate::parse::LineIndex<'a>>,
    /// Every id of the project: what it names and where it is defined.
    pub ids: rustc_hash::FxHashMap<String, (Target, Location)>,
    /// Lines to add to YAML positions (front matter starts after its `---` line).
    pub line_offset: u32,
    /// Ids written in records that failed to parse: references to them are not reported again.
    pub broken_ids: std::collections::BTreeSet<String>,
    /// How many files `findings/` holds (read or not).
    pub finding_files: usize,
    /// The states of report.yaml (for suggestions).
    pub report_states: Vec<String>,
    /// Some record could not be read: "never cited" and "no evidence" warnings would be guesses.
    pub incomplete: bool,
    /// The project's own `locales/` files.
    pub locale_files: &'a [crate::load::SourceFile],
}

/// Each file read by `read`, with the problems of reading it, the files read in parallel.
fn read_each<'f, T: Send>(
    files: &'f [SourceFile],
    read: impl Fn(&'f SourceFile, &mut Diagnostics) -> T + Sync,
) -> Vec<(T, Diagnostics)> {
    use rayon::prelude::*;
    files
        .par_iter()
        .with_max_len(8)
        .map(|f| {
            let mut diags = Diagnostics::default();
            let read = read(f, &mut diags);
            (read, diags)
        })
        .collect()
}

/// Each file's list of records with the problems of parsing it, the files parsed in parallel.
fn parse_lists<T: serde::de::DeserializeOwned + Send>(
    files: &[SourceFile],
) -> Vec<(Vec<T>, Diagnostics)> {
    read_each(files, |f, diags| {
        yaml::parse_list::<T>(&f.path, &f.text, diags)
    })
}

/// How many records the files' lists hold.
fn records<T>(lists: &[(Vec<T>, Diagnostics)]) -> usize {
    lists.iter().map(|(list, _)| list.len()).sum()
}

/// Every file of records parsed (each with the problems of parsing it), all side by side:
/// what [`Resolver::run`] then loads in the files' order, registering their ids.
struct Parsed<'f> {
    chapters: Vec<(Option<ChapterRead>, Diagnostics)>,
    findings: Vec<(Option<FindingRead<'f>>, Diagnostics)>,
    testimonies: Vec<(Vec<raw::Testimony>, Diagnostics)>,
    recommendations: Vec<(Vec<raw::Recommendation>, Diagnostics)>,
    sources: Vec<(Option<raw::SourcesFile>, Diagnostics)>,
}

impl<'f> Parsed<'f> {
    fn of(files: &'f ProjectFiles) -> Self {
        let ((chapters, findings), ((testimonies, recommendations), sources)) = rayon::join(
            || {
                rayon::join(
                    || read_each(&files.chapters, read_chapter),
                    || read_each(&files.findings, read_finding),
                )
            },
            || {
                rayon::join(
                    || {
                        rayon::join(
                            || parse_lists::<raw::Testimony>(&files.testimonies),
                            || parse_lists::<raw::Recommendation>(&files.recommendations),
                        )
                    },
                    || {
                        read_each(&files.sources, |f, diags| {
                            yaml::parse::<raw::SourcesFile>(&f.path, &f.text, 0, diags)
                        })
                    },
                )
            },
        );
        Parsed {
            chapters,
            findings,
            testimonies,
            recommendations,
            sources,
        }
    }
}

/// A chapter's front matter read, with its title (`title:`, else its first heading) and body.
struct ChapterRead {
    id: Option<S>,
    title: String,
    body: String,
    /// Where the body starts in the file (a byte offset).
    body_offset: usize,
}

/// Reads a chapter (`chapters/*.md`): its front matter, if any, and body.
fn read_chapter(f: &SourceFile, diags: &mut Diagnostics) -> Option<ChapterRead> {
    let (front, body, body_offset) = match frontmatter::split(&f.text) {
        Ok(s) => (s.front, s.body, s.body_offset),
        Err(e) => {
            diags.error("front-matter", Location::new(&f.path, 1, 1), e);
            return None;
        }
    };
    let fm: raw::ChapterFront = match front {
        Some(y) => yaml::parse(&f.path, y, frontmatter::FRONT_LINE_OFFSET, diags)?,
        None => raw::ChapterFront::default(),
    };
    let (title, body) = match fm.title {
        Some(t) => (t, body.to_string()),
        // No title: a part's intro takes the part's; any other chapter is an error of the
        // outline check, which knows how the chapter is used.
        None => match text::first_heading(body) {
            Some((t, rest)) => (t, rest),
            None => (String::new(), body.to_string()),
        },
    };
    Some(ChapterRead {
        id: fm.id,
        title,
        body,
        body_offset,
    })
}

/// A finding's front matter read, with its body.
struct FindingRead<'f> {
    fm: raw::FindingFront,
    body: &'f str,
    /// Where the body starts in the file (a byte offset).
    body_offset: usize,
}

/// Reads a finding (`findings/*.md`): its front matter, which it must have, and body.
fn read_finding<'f>(f: &'f SourceFile, diags: &mut Diagnostics) -> Option<FindingRead<'f>> {
    let split = match frontmatter::split(&f.text) {
        Ok(s) => s,
        Err(e) => {
            diags.error("front-matter", Location::new(&f.path, 1, 1), e);
            return None;
        }
    };
    let Some(front) = split.front else {
        diags.error(
            "front-matter",
            Location::new(&f.path, 1, 1),
            "a finding starts with YAML front matter between `---` lines (with at least `id:` and `title:`)",
        );
        return None;
    };
    let fm =
        yaml::parse::<raw::FindingFront>(&f.path, front, frontmatter::FRONT_LINE_OFFSET, diags)?;
    Some(FindingRead {
        fm,
        body: split.body,
        body_offset: split.body_offset,
    })
}

/// Raw records with the file they came from, which the checks read: each kind is released
/// after the last check that reads it (the texts of testimonies and recommendations moved into
/// the report, where the checks read them). Addressees, documents and meetings are resolved as
/// they are loaded, and not kept.
#[derive(Default)]
pub(crate) struct Raw {
    pub manifest: Option<(String, raw::Manifest)>,
    pub findings: Vec<(String, raw::FindingFront, u32)>,
    pub testimonies: Vec<(String, raw::Testimony)>,
    pub recommendations: Vec<(String, raw::Recommendation)>,
}

impl Resolver<'_> {
    pub fn loc<T>(&self, file: &str, s: &crate::model::raw::Spanned<T>) -> Location {
        yaml::loc(file, s, self.line_offset)
    }

    /// The line (1-based) of byte `offset` of a project file, from its line index.
    fn line_of(&self, file: &str, offset: usize) -> u32 {
        self.sources.get(file).map_or(1, |l| l.position(offset).0)
    }

    /// Registers an id, reporting a bad form or a duplicate (pointing at the first definition).
    pub fn register(&mut self, id: &str, target: Target, at: Location) {
        if id.is_empty()
            || !id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            let suggestion: String = id
                .to_lowercase()
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .collect::<String>()
                .trim_matches('-')
                .to_string();
            self.diags.push(
                Diagnostic::error(
                    "bad-id",
                    at.clone(),
                    format!("invalid id `{id}`: ids use only lowercase letters, digits and `-`"),
                )
                .with_hint(format!("try `{suggestion}`")),
            );
        }
        if let Some((prev, prev_at)) = self.ids.get(id) {
            let msg = format!(
                "duplicate id `{id}`: already used by the {} at {}:{}:{}",
                prev.kind(),
                prev_at.file,
                prev_at.line,
                prev_at.col
            );
            self.diags.push(
                Diagnostic::error("duplicate-id", at, msg)
                    .with_hint("ids must be unique across the whole project"),
            );
            return;
        }
        self.ids.insert(id.to_string(), (target, at));
    }

    /// Parses a date field, reporting a bad one.
    pub fn date(&mut self, file: &str, s: &S) -> Option<PartialDate> {
        self.forked(|f| f.date(file, s))
    }

    /// Checks a state code against the dataset.
    pub fn state(&mut self, file: &str, s: &S) -> Option<String> {
        self.forked(|f| f.state(file, s))
    }

    /// Checks a theme id against the dataset.
    pub fn theme(&mut self, file: &str, s: &S) -> Option<String> {
        self.forked(|f| f.theme(file, s))
    }

    fn run(&mut self, files: &ProjectFiles) -> Report {
        let mut raw = Raw::default();
        let mut report = empty_report();
        if let Some(m) = &files.manifest
            && let Some(manifest) = yaml::parse::<raw::Manifest>(&m.path, &m.text, 0, self.diags)
        {
            raw.manifest = Some((m.path.clone(), manifest));
        }
        self.load_meta(&raw, &mut report);
        if let Some((file, m)) = &raw.manifest
            && let Some(c) = &m.cover
        {
            report.meta.cover = self.cover(file, c, &files.images);
        }
        if let Some((file, m)) = &raw.manifest
            && let Some(r) = &m.reference_docx
        {
            report.meta.word_styles = self.reference_docx(file, r, &files.styles);
        }
        report.locale =
            crate::locale::Locale::for_report(&report.meta.language, self.locale_files, self.diags);
        // Every file of records is parsed side by side, then loaded in the files' order.
        let parsed = Parsed::of(files);
        self.load_markdown(
            files,
            parsed.chapters,
            parsed.findings,
            &mut raw,
            &mut report,
        );
        self.load_testimonies(files, parsed.testimonies, &mut raw, &mut report);
        self.load_recommendations(files, parsed.recommendations, &mut raw, &mut report);
        if let Some(f) = &files.addressees {
            let before = self.diags.errors();
            for a in yaml::parse_list::<raw::Addressee>(&f.path, &f.text, self.diags) {
                self.load_addressee(&f.path, a, None, 0, &mut report);
            }
            self.note_broken(before, &f.text);
        }
        for (f, (read, parsed)) in files.sources.iter().zip(parsed.sources) {
            let before = self.diags.errors();
            self.diags.extend(parsed);
            self.note_broken(before, &f.text);
            if let Some(s) = read {
                for d in s.documents {
                    self.load_document(&f.path, d, &mut report);
                }
                for m in s.meetings {
                    self.load_meeting(&f.path, m, &mut report);
                }
            }
        }
        // Files that are not text were reported by the loader: what they define is unknown, so
        // references to their ids are not reported again, nor are "never cited" guesses made.
        for f in &files.unreadable {
            self.note_broken(usize::MAX, &f.text);
        }
        report.index = self.ids.iter().map(|(k, (t, _))| (k.clone(), *t)).collect();
        self.check_all(raw, &mut report);
        for f in &files.received {
            let before = self.diags.errors();
            let parsed = yaml::parse::<raw::ReceivedFile>(&f.path, &f.text, 0, self.diags);
            self.note_broken(before, &f.text);
            if let Some(r) = parsed {
                self.load_received(&f.path, r, &mut report);
            }
        }
        self.mark_reviewed(&mut report);
        report
    }

    /// The chapters and findings, read ([`Parsed`]), loaded in the files' order.
    fn load_markdown(
        &mut self,
        files: &ProjectFiles,
        chapters: Vec<(Option<ChapterRead>, Diagnostics)>,
        findings: Vec<(Option<FindingRead>, Diagnostics)>,
        raw: &mut Raw,
        report: &mut Report,
    ) {
        for (f, (read, parsed)) in files.chapters.iter().zip(chapters) {
            let before = self.diags.errors();
            self.diags.extend(parsed);
            if let Some(read) = read {
                self.load_chapter(f, read, report);
            }
            self.note_broken(before, &f.text);
        }
        raw.findings.reserve(files.findings.len());
        report.findings.reserve(files.findings.len());
        for (f, (read, parsed)) in files.findings.iter().zip(findings) {
            let before = self.diags.errors();
            self.diags.extend(parsed);
            if let Some(read) = read {
                self.load_finding(f, read, raw, report);
            }
            self.note_broken(before, &f.text);
        }
    }

    /// The testimonies, parsed, each given its secrets and registered in the files' order, then
    /// resolved side by side.
    fn load_testimonies(
        &mut self,
        files: &ProjectFiles,
        testimonies: Vec<(Vec<raw::Testimony>, Diagnostics)>,
        raw: &mut Raw,
        report: &mut Report,
    ) {
        let n = records(&testimonies);
        raw.testimonies.reserve(n);
        report.testimonies.reserve(n);
        let mut secrets = self.read_secrets(files);
        let mut lists = Vec::with_capacity(testimonies.len());
        let mut idx = report.testimonies.len();
        for (f, (mut list, parsed)) in files.testimonies.iter().zip(testimonies) {
            let before = self.diags.errors();
            self.diags.extend(parsed);
            for t in &mut list {
                self.give_secret(&f.path, t, &mut secrets);
                let at = self.loc(&f.path, &t.id);
                self.register(&t.id.value, Target::Testimony(idx), at);
                idx += 1;
            }
            self.note_broken(before, &f.text);
            lists.push(list);
        }
        self.unused_secrets(secrets);
        let into = (&mut report.testimonies, &mut raw.testimonies);
        self.resolve_each(&files.testimonies, lists, testimony_of, into);
    }

    /// The recommendations, parsed, registered in the files' order, then resolved side by side.
    fn load_recommendations(
        &mut self,
        files: &ProjectFiles,
        recommendations: Vec<(Vec<raw::Recommendation>, Diagnostics)>,
        raw: &mut Raw,
        report: &mut Report,
    ) {
        let n = records(&recommendations);
        raw.recommendations.reserve(n);
        report.recommendations.reserve(n);
        let mut lists = Vec::with_capacity(recommendations.len());
        let mut idx = report.recommendations.len();
        for (f, (list, parsed)) in files.recommendations.iter().zip(recommendations) {
            let before = self.diags.errors();
            self.diags.extend(parsed);
            for rec in &list {
                let at = self.loc(&f.path, &rec.id);
                self.register(&rec.id.value, Target::Recommendation(idx), at);
                idx += 1;
            }
            self.note_broken(before, &f.text);
            lists.push(list);
        }
        let into = (&mut report.recommendations, &mut raw.recommendations);
        self.resolve_each(&files.recommendations, lists, recommendation_of, into);
    }

    /// Each file's records resolved (`one` given the file, its line index and the record) and
    /// appended to `report_list`, on all cores, in the files' order (each written in place);
    /// then the raw records, with their file, moved to `raw_list`, which the checks read.
    fn resolve_each<T: Send, R: Send>(
        &self,
        files: &[SourceFile],
        mut lists: Vec<Vec<T>>,
        one: impl Fn(&str, &crate::parse::LineIndex, u32, &mut T) -> R + Sync,
        (report_list, raw_list): (&mut Vec<R>, &mut Vec<(String, T)>),
    ) {
        use rayon::prelude::*;
        let empty = crate::parse::LineIndex::new("");
        let sources: Vec<&crate::parse::LineIndex> = files
            .iter()
            .map(|f| self.sources.get(&f.path).unwrap_or(&empty))
            .collect();
        let line_offset = self.line_offset;
        // Every record beside its file's place in `files`: one list the cores share out.
        let records: Vec<(usize, &mut T)> = lists
            .iter_mut()
            .enumerate()
            .flat_map(|(k, list)| list.iter_mut().map(move |t| (k, t)))
            .collect();
        report_list.par_extend(
            records
                .into_par_iter()
                .with_max_len(64)
                .map(|(k, t)| one(&files[k].path, sources[k], line_offset, t)),
        );
        for (f, list) in files.iter().zip(lists) {
            raw_list.extend(list.into_iter().map(|t| (f.path.clone(), t)));
        }
    }

    /// After a file was parsed: if it had errors, remember the ids written in it, so that
    /// references to records that could not be read are not reported as unknown as well.
    fn note_broken(&mut self, errors_before: usize, text: &str) {
        if errors_before != usize::MAX && self.diags.errors() == errors_before {
            return;
        }
        self.incomplete = true;
        for line in text.lines() {
            let t = line
                .trim_start()
                .trim_start_matches("- ")
                .trim_start_matches('{')
                .trim_start();
            let Some(rest) = t.strip_prefix("id:") else {
                continue;
            };
            let id: String = rest
                .trim()
                .trim_matches(|c| c == '"' || c == '\'')
                .chars()
                .take_while(|c| !matches!(c, ',' | '}' | ' ' | '"' | '\''))
                .collect();
            if !id.is_empty() && !self.ids.contains_key(&id) {
                self.broken_ids.insert(id);
            }
        }
    }

    /// `languages:`: the editions, each a tag with a locale; the report's `language:` first
    /// (added when the list leaves it out).
    fn load_languages(&mut self, file: &str, m: &raw::Manifest, report: &mut Report) {
        report.meta.languages = vec![report.meta.language.clone()];
        for l in &m.languages {
            if let Some(tag) = self.language_tag(file, l)
                && !report.meta.languages.contains(&tag)
            {
                report.meta.languages.push(tag);
            }
        }
    }

    /// A `language:` or `languages:` entry: a BCP 47 tag (`bad-language` with a suggestion
    /// otherwise) for which rapporteur has a locale, built in or the project's own (`no-locale`).
    fn language_tag(&mut self, file: &str, l: &raw::S) -> Option<String> {
        let at = self.loc(file, l);
        match crate::locale::tag::parse(&l.value) {
            Ok(tag) => {
                let language = crate::locale::tag::language_of(&tag);
                let own = format!("locales/{language}.yaml");
                let builtin = crate::locale::BUILTIN_LANGUAGES.contains(&language.as_str());
                if builtin || self.locale_files.iter().any(|f| f.path == own) {
                    return Some(tag);
                }
                self.diags.push(
                    Diagnostic::error(
                        "no-locale",
                        at,
                        format!(
                            "rapporteur has no locale for `{tag}`: its built-in languages are {}",
                            crate::locale::BUILTIN_LANGUAGES.join(", ")
                        ),
                    )
                    .with_hint(format!(
                        "write the generated words in `{own}` (copy a built-in locale, see the user guide), or choose a built-in language"
                    )),
                );
                None
            }
            Err((message, hint)) => {
                let mut d = Diagnostic::error("bad-language", at, message);
                if let Some(h) = hint {
                    d = d.with_hint(h);
                }
                self.diags.push(d);
                None
            }
        }
    }

    fn load_meta(&mut self, raw: &Raw, report: &mut Report) {
        let Some((file, m)) = &raw.manifest else {
            return;
        };
        report.meta.title = m.title.clone();
        report.meta.subtitle = m.subtitle.clone();
        report.meta.number = m.number.clone();
        report.meta.contact = m.contact.clone();
        report.meta.strict = m.strict.unwrap_or(true);
        for r in &m.recipients {
            match crate::load::sealed::recipients(std::slice::from_ref(&r.value)) {
                Ok(_) => report.meta.recipients.push(r.value.trim().to_string()),
                Err(why) => {
                    let at = self.loc(file, r);
                    self.diags.push(
                        Diagnostic::error("sealed", at, format!("recipient: {why}")).with_hint(
                            "`rapporteur keygen` prints a public key (age1...) to list here",
                        ),
                    );
                }
            }
        }
        if let Some(d) = self.date(file, &m.date) {
            report.meta.date = d;
        }
        if let Some(l) = &m.language
            && let Some(tag) = self.language_tag(file, l)
        {
            report.meta.language = tag;
        }
        self.load_languages(file, m, report);
        for (i, a) in m.authors.iter().enumerate() {
            let at = self.loc(file, &a.id);
            self.register(&a.id.value, Target::Author(i), at);
            report.meta.authors.push(Author {
                id: a.id.value.clone(),
                name: a.name.clone(),
                url: a.url.clone(),
                about: a.about.clone(),
            });
        }
        if m.authors.is_empty() {
            self.diags.warning(
                "no-authors",
                Location::new(file, 1, 1),
                "the report has no `authors:`; the cover will name no organisation",
            );
        }
        self.report_states = m
            .states
            .iter()
            .map(|s| s.value.clone())
            .filter(|c| self.ds.state(c).is_some())
            .collect();
        for s in &m.states {
            if let Some(code) = self.state(file, s) {
                report.meta.states.push(code);
            }
        }
    }

    fn load_chapter(&mut self, f: &SourceFile, read: ChapterRead, report: &mut Report) {
        let idx = report.chapters.len();
        if let Some(id) = &read.id {
            let at = yaml::loc(&f.path, id, frontmatter::FRONT_LINE_OFFSET);
            self.register(&id.value, Target::Chapter(idx), at);
        }
        report.chapters.push(Chapter {
            id: read.id.map(|i| i.value),
            title: read.title,
            file: f.path.clone(),
            body: Text {
                markdown: read.body,
                origin: Origin {
                    file: f.path.clone(),
                    line: self.line_of(&f.path, read.body_offset),
                    indent: 0,
                    inline_col: None,
                },
            },
        });
    }

    fn load_finding(
        &mut self,
        f: &SourceFile,
        read: FindingRead,
        raw: &mut Raw,
        report: &mut Report,
    ) {
        let FindingRead {
            fm,
            body,
            body_offset,
        } = read;
        let line = self.line_of(&f.path, body_offset);
        let idx = report.findings.len();
        let at = yaml::loc(&f.path, &fm.id, frontmatter::FRONT_LINE_OFFSET);
        self.register(&fm.id.value, Target::Finding(idx), at);
        report.findings.push(Finding {
            id: fm.id.value.clone(),
            title: fm.title.clone(),
            file: f.path.clone(),
            states: vec![],
            concerned: vec![],
            concern: None,
            themes: vec![],
            provisions: vec![],
            cited: vec![],
            period: None,
            places: fm.places.clone(),
            body: Text {
                markdown: body.to_string(),
                origin: Origin {
                    file: f.path.clone(),
                    line,
                    indent: 0,
                    inline_col: None,
                },
            },
            subs: vec![],
            parent: None,
        });
        raw.findings
            .push((f.path.clone(), fm, frontmatter::FRONT_LINE_OFFSET));
    }

    fn load_addressee(
        &mut self,
        file: &str,
        a: raw::Addressee,
        parent: Option<usize>,
        depth: usize,
        report: &mut Report,
    ) {
        let idx = report.addressees.len();
        let at = self.loc(file, &a.id);
        self.register(&a.id.value, Target::Addressee(idx), at);
        let inherited = parent.and_then(|p| report.addressees[p].state.clone());
        let state = match &a.state {
            Some(s) => self.state(file, s),
            None => inherited,
        };
        report.addressees.push(Addressee {
            id: a.id.value,
            name: a.name,
            state,
            parent,
            members: vec![],
            depth,
        });
        if let Some(p) = parent {
            report.addressees[p].members.push(idx);
        }
        for m in a.members {
            self.load_addressee(file, m, Some(idx), depth + 1, report);
        }
    }

    fn load_document(&mut self, file: &str, d: raw::Document, report: &mut Report) {
        let idx = report.documents.len();
        let at = self.loc(file, &d.id);
        self.register(&d.id.value, Target::Document(idx), at);
        let date = d.date.as_ref().and_then(|s| self.date(file, s));
        report.documents.push(Document {
            id: d.id.value,
            title: d.title,
            symbol: d.symbol.map(|s| s.value),
            author: d.author,
            publisher: d.publisher,
            date,
            url: d.url,
            note: d.note,
        });
    }

    fn load_meeting(&mut self, file: &str, m: raw::Meeting, report: &mut Report) {
        let idx = report.meetings.len();
        let at = self.loc(file, &m.id);
        self.register(&m.id.value, Target::Meeting(idx), at);
        let date = m.date.as_ref().and_then(|s| self.date(file, s));
        let state = m.state.as_ref().and_then(|s| self.state(file, s));
        report.meetings.push(Meeting {
            id: m.id.value,
            with: m.with,
            kind: m.kind.value,
            state,
            place: m.place,
            date,
            note: m.note,
        });
    }
}

/// A testimony resolved as far as it can be on its own: its text moved out of the raw record
/// (the checks read it here), where that text starts in the file.
fn testimony_of(
    file: &str,
    source: &crate::parse::LineIndex,
    line_offset: u32,
    t: &mut raw::Testimony,
) -> Testimony {
    let at = yaml::loc(file, &t.id, line_offset);
    let origin = text::origin(file, source, &t.text);
    Testimony {
        id: t.id.value.clone(),
        file: file.to_string(),
        line: at.line,
        consent: t.consent.value,
        name: t.speaker.name.as_ref().map(|s| s.value.clone()),
        pseudonym: t.speaker.pseudonym.as_ref().map(|s| s.value.clone()),
        description: t.speaker.description.clone(),
        gender: t.speaker.gender,
        age: t.speaker.age,
        nationality: None,
        occupation: t.speaker.occupation.clone(),
        person: t.speaker.person.clone(),
        publishable: t
            .speaker
            .publishable
            .iter()
            .map(|s| s.value.clone())
            .collect(),
        date: None,
        place: t.place.clone(),
        region: t.region.clone(),
        country: None,
        interviewer: t.interviewer.as_ref().map(|s| s.value.clone()),
        language: t.language.as_ref().map(|s| s.value.clone()),
        themes: vec![],
        protected: t.protected.clone(),
        text: Text {
            markdown: std::mem::take(&mut t.text.value),
            origin,
        },
        paraphrased: t.paraphrased,
        source: t.source.as_ref().map(|s| s.value.clone()),
        purposes: None,
    }
}

/// A recommendation resolved as far as it can be on its own: its text moved out of the raw
/// record (the checks read it here), where that text starts in the file.
fn recommendation_of(
    file: &str,
    source: &crate::parse::LineIndex,
    _line_offset: u32,
    rec: &mut raw::Recommendation,
) -> Recommendation {
    let origin = text::origin(file, source, &rec.text);
    Recommendation {
        id: rec.id.value.clone(),
        file: file.to_string(),
        to: vec![],
        theme: None,
        text: Text {
            markdown: std::mem::take(&mut rec.text.value),
            origin,
        },
        provisions: vec![],
        cited: vec![],
        findings: vec![],
        priority: rec.priority.as_ref().map(|p| p.value),
        uptake: vec![],
    }
}

/// A report with nothing in it yet: what `run` fills, file by file.
fn empty_report() -> Report {
    Report {
        meta: Meta {
            title: String::new(),
            subtitle: None,
            number: None,
            date: PartialDate {
                year: 1970,
                month: None,
                day: None,
            },
            language: "en".into(),
            languages: vec![],
            authors: vec![],
            states: vec![],
            contact: None,
            cover: Cover::default(),
            word_styles: None,
            strict: true,
            recipients: vec![],
        },
        outline: vec![],
        chapters: vec![],
        findings: vec![],
        testimonies: vec![],
        recommendations: vec![],
        addressees: vec![],
        documents: vec![],
        meetings: vec![],
        outputs: vec![],
        index: Default::default(),
        received_documents: vec![],
        received: vec![],
        locale: Default::default(),
        untranslated: Default::default(),
    }
}
