//! The command line, declared with clap. No logic here: `main.rs` dispatches to [`crate::commands`].

use crate::diagnostic::Format;
use crate::model::raw::Audience;
pub use crate::model::raw::Format as OnlyFormat;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// `rapporteur --version`: the version, how current the built-in conventions dataset is (its
/// facts' as-of dates) and the typst the PDFs need (a test keeps it in step with
/// `write::typst_cli::TYPST_VERSION`).
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (conventions dataset as of ",
    env!("RAPPORTEUR_DATASET_AS_OF"),
    "; PDF with typst 0.15.x, tested with 0.15.1; see `rapporteur conventions --about`)"
);

/// Compile human-rights reports: findings, testimonies and recommendations kept as structured
/// files, checked against a dataset of UN and ILO conventions, built into publications.
#[derive(Debug, Parser)]
#[command(name = "rapporteur", version = VERSION, about, long_about = None)]
pub struct Cli {
    /// The key file (`AGE-SECRET-KEY-1...` lines) that opens the project's sealed files
    /// (`*.age`). Without it: the file named by RAPPORTEUR_KEY_FILE, or the key itself in
    /// RAPPORTEUR_KEY.
    #[arg(long, global = true, value_name = "FILE")]
    pub key: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a key for sealed files: prints the public key (for `recipients:` in report.yaml) and
    /// writes the secret key to --out (never in the project), or prints it when --out is not given.
    Keygen {
        /// The file to write the secret key to (created, readable by its owner only; an
        /// existing file is not overwritten).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Seal files of a project (`testimonies/internal.yaml` becomes `testimonies/internal.yaml.age`)
    /// for the recipients listed in its report.yaml (and --to), then delete the plain file. A
    /// file already sealed (`*.age`) is opened with the key and sealed again for the current
    /// recipients (after one joins or leaves the team).
    Seal {
        /// The files to seal (inside the project).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The project folder (with a report.yaml listing `recipients:`).
        #[arg(long, default_value = ".")]
        project: PathBuf,
        /// Another recipient's public key (age1...), besides those of report.yaml.
        #[arg(long, value_name = "PUBLIC_KEY")]
        to: Vec<String>,
        /// Keep the plain file (the project then holds both: `check` reports it).
        #[arg(long)]
        keep: bool,
    },
    /// Print the decrypted text of a sealed file to stdout (never to a file of its own): to
    /// read it, or to edit it (`rapporteur unseal F.age > F`, edit, `rapporteur seal F`).
    Unseal {
        /// The sealed file (`*.age`).
        file: PathBuf,
    },
    /// Load and check a report project; print every problem with its file, line and column.
    ///
    /// Exit status: 0 when clean or warnings only, 1 when the content has errors,
    /// 2 for a usage or environment problem.
    Check {
        /// The project folder (with a report.yaml).
        #[arg(default_value = ".")]
        project: PathBuf,
        /// How to print diagnostics: human (source line and caret; the default on a terminal),
        /// short (`path:line:col: error: message`; the default otherwise), json, or github
        /// (GitHub Actions annotations on the lines of a pull request).
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Treat warnings as errors (exit 1 when there is any warning).
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Check a project, then build every output named in its report.yaml (HTML, PDF, ...) into
    /// the output folder. Nothing is written when there are errors or when the leak audit fails.
    Build(BuildArgs),
    /// Propose pseudonyms for the pseudonymous testimonies of a project: a random first name of
    /// the same gender and culture with its own initial ("Umar U."), never the real initial, never
    /// one already used. A fresh random seed every run (printed, to repeat a run with --seed).
    Pseudonym {
        /// The project folder (with a report.yaml).
        #[arg(default_value = ".")]
        project: PathBuf,
        /// Only this testimony.
        #[arg(long)]
        testimony: Option<String>,
        /// How many proposals per testimony (at least 1).
        #[arg(long, default_value_t = 5, value_parser = |s: &str| -> Result<usize, String> {
            match s.trim().parse::<usize>() {
                Ok(0) => Err("--count must be at least 1".into()),
                Ok(n) => Ok(n),
                Err(e) => Err(format!("{e} (--count is a whole number, at least 1)")),
            }
        })]
        count: usize,
        /// Seed of the random choice (default: a fresh one).
        #[arg(long)]
        seed: Option<u64>,
        /// Names of this culture (kyrgyz, kazakh, uzbek, tajik, russian) instead of the one of the
        /// speaker's nationality.
        #[arg(long)]
        culture: Option<String>,
    },
    /// The translations of a project: for each translatable file, whether its translation into
    /// each language of `languages:` is current, stale (the source changed since), untracked
    /// or missing.
    ///
    /// Exit status: 0 when every translation is current, 1 otherwise.
    Translations {
        /// The project folder (with a report.yaml).
        #[arg(default_value = ".")]
        project: PathBuf,
        /// Print JSON instead of the table.
        #[arg(long)]
        json: bool,
    },
    /// The witness review: every testimony of a project before publication, its consent per
    /// purpose, where it is cited, how each output attributes it, and what the leak audit protects.
    Audit {
        /// The project folder (with a report.yaml).
        #[arg(default_value = ".")]
        project: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Look things up in the conventions dataset: an instrument and article, a state's
    /// ratifications, a theme's provisions, or a treaty body.
    ///
    /// One lookup at a time: an instrument, --state, --theme, --body, --themes or --bodies (they
    /// cannot be combined).
    ///
    /// Examples: `rapporteur conventions ICRMW 21`, `rapporteur conventions "ICCPR, article 9"`,
    /// `rapporteur conventions CRC "2(2)"`, `rapporteur conventions --state KAZ`,
    /// `rapporteur conventions --theme forced-labour`, `rapporteur conventions --body CMW`,
    /// `rapporteur conventions --themes`.
    Conventions(ConventionsArgs),
    /// List the recommendations that concern an addressee, a theme, an instrument, a treaty
    /// body, a state or a priority; filters combine (a recommendation must pass all of them).
    ///
    /// `--to X` lists what is addressed to X, to the bodies X belongs to, and to X's members.
    /// `--body B` and `--instrument I` look at the provisions a recommendation cites (inline or in
    /// `provisions:`). `--state S` looks at the addressees' state. Examples:
    /// `rapporteur recs content --to kaz-mlsp`, `rapporteur recs content --body CESCR --state KAZ
    /// --format csv --out cescr.csv`. Exit status 2 for an unknown addressee, theme, instrument,
    /// body or state (with a suggestion).
    Recs(RecsArgs),
    /// Summarise the uptake of the recommendations by UN bodies, or match them against a body's
    /// concluding observations and record the pairs the author confirms.
    ///
    /// Without --match: per body and per document, how many recommendations were reflected,
    /// partly reflected or not reflected. With --match FILE: every recommendation is scored
    /// against every numbered paragraph of FILE (TF-IDF cosine) and the likely pairs are printed,
    /// best first. With --write: the pairs given by --accept (or confirmed at the prompt, on a
    /// terminal) are recorded as `uptake:` entries in the recommendations' YAML files, leaving
    /// the rest of each file as it was.
    Uptake(UptakeArgs),
    /// Explain a diagnostic code: what it means, an example and the fix (the user guide's
    /// entry). Without a code, list every code.
    ///
    /// Example: `rapporteur explain unknown-theme`.
    Explain {
        /// A code as diagnostics print it: `unknown-theme` (or `error[unknown-theme]`).
        code: Option<String>,
    },
    /// Write JSON Schemas of the project files (report.yaml, findings' front matter,
    /// testimonies, recommendations, addressees, sources) for editors that complete and check
    /// YAML as you type.
    Schema {
        /// The folder to write them to.
        #[arg(long, default_value = "schemas")]
        out: PathBuf,
    },
    /// Create a new report project that checks clean and builds: one example of each kind of
    /// file, with comments pointing to the guide.
    Init {
        /// The folder to create (it must not exist, or be empty).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The organisation that publishes the report.
        #[arg(long, default_value = "Example Human Rights Centre")]
        organisation: String,
        /// The states concerned (ISO 3166-1 alpha-3), comma-separated: the first is the state
        /// the example findings and submission are about.
        #[arg(long, value_delimiter = ',', default_value = "KGZ")]
        states: Vec<String>,
        /// The language of the edition (ISO 639-1).
        #[arg(long, default_value = "en")]
        language: String,
    },
    /// Rebuild on every save and serve the HTML publication on localhost with live reload;
    /// the PDF is rebuilt in the background. Diagnostics are shown in the terminal and over
    /// the served page (never in the artifact).
    #[command(alias = "serve")]
    Watch {
        /// The project folder (with a report.yaml).
        #[arg(default_value = ".")]
        project: PathBuf,
        /// The port to serve on (on 127.0.0.1).
        #[arg(long, default_value_t = 3000)]
        port: u16,
        /// Do not rebuild the PDF in the background.
        #[arg(long)]
        no_pdf: bool,
        /// Where the publication is written (default: `out/` inside the project).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Recommendations the state received from UN bodies: import them from UPR Info, OHCHR,
    /// concluding observations or IMPACT OSS; export them as a UPR Info-style table.
    Received {
        #[command(subcommand)]
        command: ReceivedCommand,
    },
}

/// What `rapporteur received` does.
#[derive(Debug, Subcommand)]
pub enum ReceivedCommand {
    /// Import recommendations a state received into a `received/` file (YAML), and report what
    /// was recognised and what was not. Check the file against the document, then add the
    /// assessments.
    Import {
        /// The file to read (CSV or text, as the format says).
        file: PathBuf,
        /// upr-info (UPR Info database CSV), ohchr (OHCHR thematic list, copied text),
        /// observations (concluding observations, copied text) or impact (IMPACT OSS CSV).
        #[arg(long, value_enum)]
        format: crate::received::ImportFormat,
        /// The document's UN symbol (A/HRC/43/10, CCPR/C/KAZ/CO/2), when the data does not carry it.
        #[arg(long)]
        symbol: Option<String>,
        /// The state that received them (ISO 3166-1 alpha-3), when the data does not say.
        #[arg(long)]
        state: Option<String>,
        /// The UPR cycle, when the data does not say.
        #[arg(long)]
        cycle: Option<u32>,
        /// The session, when the data does not say.
        #[arg(long)]
        session: Option<u32>,
        /// Where the state gave its responses (A/HRC/43/10/Add.1), when the data does not say.
        #[arg(long)]
        responses: Option<String>,
        /// Write the YAML to this file (atomically; refused if it exists) instead of stdout.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write the recommendations of a project's received document as a UPR Info-style table (CSV).
    Export {
        /// The project folder (with a report.yaml).
        #[arg(default_value = ".")]
        project: PathBuf,
        /// The document's symbol (A/HRC/43/10); without it, the project's only received document.
        #[arg(long)]
        symbol: Option<String>,
        /// Write to this file instead of stdout.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// `rapporteur conventions import`.
#[derive(Debug, Subcommand)]
pub enum ConventionsCommand {
    /// Read saved status pages and print what they change in the dataset, for review; with
    /// --write, record it.
    ///
    /// Pages: a UN Treaty Collection status page (the page's text, the saved HTML page or the
    /// status XML, e.g. iv-13.en.xml) or an ILO NORMLEX ratification list (per convention or per
    /// country, as saved). Participant names are matched to states by their names in the
    /// dataset (English, French and Russian names and the sources' other names). A page that
    /// lists fewer parties than it counts (a trimmed copy) changes only the states it lists; a
    /// complete page also records the states it does not list as not party.
    Import(ImportArgs),
}

/// Formats of `rapporteur uptake`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum UptakeFormat {
    Text,
    Html,
    Csv,
    Json,
}

// The options of `rapporteur build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The project folder (with a report.yaml).
    #[arg(default_value = ".")]
    pub project: PathBuf,
    /// The output folder (default: `out/` inside the project). Internal builds go to a folder
    /// beside it, `<out>-internal/` (`out-internal/`), never inside the public one.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Build every output for this audience. public: apply the consent rules and the leak
    /// audit; internal: include everything and mark every page confidential. Without it,
    /// each output has its own (`audience:` in report.yaml, public by default).
    #[arg(long, value_enum)]
    pub audience: Option<Audience>,
    /// Build only this format.
    #[arg(long, value_enum)]
    pub only: Option<OnlyFormat>,
    /// A draft: a submission over its body's length limit is written with a warning
    /// instead of stopping the build.
    #[arg(long)]
    pub draft: bool,
    /// Also write the generated Typst source and its JSON data beside each PDF
    /// (`publication.typ` and `publication.json`, `submissions/<slug>.typ`, ...): what typst
    /// compiled, to review it or to pin it in tests. A public build audits them like
    /// every other artifact.
    #[arg(long)]
    pub keep_typst: bool,
    /// Every warning stops the build, as an error would. (Without it, a public build of a
    /// project with `strict: true`, the default, stops on quasi-identifier warnings only.)
    #[arg(long)]
    pub deny_warnings: bool,
    /// Build only the edition in this language (one of `languages:` in report.yaml). Without
    /// it, every complete edition is built, each in `<out>/<tag>/` (the source edition in
    /// `<out>/`); with `--draft`, incomplete ones too, the source text marked in place of
    /// each missing translation.
    #[arg(long)]
    pub language: Option<String>,
    /// How to print diagnostics: human (the default on a terminal), short (the default
    /// otherwise) or github (GitHub Actions annotations). json is for `check`.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
}

// The options of `rapporteur recs`.
#[derive(Debug, Args)]
pub struct RecsArgs {
    /// The project folder (with a report.yaml).
    #[arg(default_value = ".")]
    pub project: PathBuf,
    /// An addressee id (addressees.yaml).
    #[arg(long)]
    pub to: Option<String>,
    /// A theme id (themes.yaml, the built-in vocabulary and the project's own).
    #[arg(long)]
    pub theme: Option<String>,
    /// An instrument id or alias (ICRMW, C29, ...): recommendations citing it.
    #[arg(long)]
    pub instrument: Option<String>,
    /// A treaty body (CMW, CESCR, ...): recommendations citing an instrument it monitors.
    #[arg(long)]
    pub body: Option<String>,
    /// A state (ISO 3166-1 alpha-3): recommendations addressed to its authorities.
    #[arg(long)]
    pub state: Option<String>,
    /// Priority 1 (highest) to 3: recommendations of this priority or higher.
    #[arg(long)]
    pub priority: Option<u8>,
    /// md (to the terminal), csv or json (to stdout unless --out), html, pdf (needs --out), docx
    /// (needs --out). Without it: the extension of --out (.md, .csv, .json, .html, .pdf,
    /// .docx), or md. It must agree with the extension of --out.
    #[arg(long, value_enum)]
    pub format: Option<OnlyFormat>,
    /// Write to this file instead of stdout (after the leak audit, atomically).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// public: apply the consent rules and the leak audit; internal: mark it confidential.
    #[arg(long, value_enum, default_value = "public")]
    pub audience: Audience,
}

// The options of `rapporteur uptake`.
#[derive(Debug, Args)]
pub struct UptakeArgs {
    /// The project folder (with a report.yaml).
    #[arg(default_value = ".")]
    pub project: PathBuf,
    /// text (default), html, csv or json.
    #[arg(long, value_enum, default_value = "text")]
    pub format: UptakeFormat,
    /// Write to this file instead of stdout (after the leak audit, atomically).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Concluding observations to match (plain text or Markdown; paragraphs numbered
    /// `23. ...` as in the UN document).
    #[arg(long = "match", value_name = "FILE")]
    pub match_file: Option<PathBuf>,
    /// The document's UN symbol (E/C.12/KAZ/CO/2): says which body and state it concerns;
    /// required with --write.
    #[arg(long)]
    pub symbol: Option<String>,
    /// Proposals per recommendation (its best paragraphs; at least 1).
    #[arg(long, default_value_t = 1, value_parser = |s: &str| -> Result<usize, String> {
        match s.trim().parse::<usize>() {
            Ok(0) => Err("--top must be at least 1".into()),
            Ok(n) => Ok(n),
            Err(e) => Err(format!("{e} (--top is a whole number, at least 1)")),
        }
    })]
    pub top: usize,
    /// Lowest score proposed (cosine similarity, 0 to 1).
    #[arg(long, default_value_t = 0.15, allow_negative_numbers = true, value_parser = |s: &str| -> Result<f64, String> {
        match s.trim().parse::<f64>() {
            Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
            Ok(_) => Err("the threshold is a cosine similarity, from 0 to 1".into()),
            Err(e) => Err(format!("{e} (the threshold is a number from 0 to 1)")),
        }
    })]
    pub threshold: f64,
    /// Match against every recommendation, not only those addressed to the symbol's state.
    #[arg(long)]
    pub all: bool,
    /// The other direction: how the state acted on the recommendations it received
    /// (`received/`), counted by the authors' assessment, per document.
    #[arg(long, conflicts_with = "match_file")]
    pub received: bool,
    /// Record confirmed pairs in the recommendations' YAML files.
    #[arg(long, requires = "match_file")]
    pub write: bool,
    /// A confirmed pair: `REC-ID:PARAGRAPH[:STATUS]` (status reflected, partial or
    /// not-reflected; default reflected). Repeat for several.
    #[arg(long, value_name = "REC:PARA[:STATUS]", requires = "write")]
    pub accept: Vec<String>,
}

// The options of `rapporteur conventions`: a lookup, or `import`.
#[derive(Debug, Args)]
#[command(group(
    clap::ArgGroup::new("lookup")
        .args(["instrument", "state", "theme", "body", "about", "themes", "bodies"])
        .multiple(false)
))]
#[command(args_conflicts_with_subcommands = true)]
pub struct ConventionsArgs {
    #[command(subcommand)]
    pub command: Option<ConventionsCommand>,
    /// An instrument id or alias (ICCPR, C29, ILO C029, ...), or a whole citation in one
    /// argument ("ICRMW art. 21", "ICCPR, article 9"). Without one, list all instruments.
    pub instrument: Option<String>,
    /// An article of the instrument, as citations write it: 9, 2(2), 9(1)(b).
    pub article: Option<String>,
    /// Show this state's ratifications (ISO 3166-1 alpha-3 code, e.g. KAZ).
    #[arg(long)]
    pub state: Option<String>,
    /// Show the provisions a theme usually engages.
    #[arg(long)]
    pub theme: Option<String>,
    /// Show a treaty body and its submission settings.
    #[arg(long)]
    pub body: Option<String>,
    /// Say how current the dataset is: the span of its facts' as-of dates, and how many
    /// facts are known, unknown and dated.
    #[arg(long)]
    pub about: bool,
    /// List the themes (ids for `themes:` and `theme:`).
    #[arg(long)]
    pub themes: bool,
    /// List the bodies (ids for `body:` of an alternative report).
    #[arg(long)]
    pub bodies: bool,
    /// Merge this project's own `conventions/` over the built-in dataset.
    #[arg(long)]
    pub project: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

// The options of `rapporteur conventions import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The saved pages.
    #[arg(required = true)]
    pub pages: Vec<PathBuf>,
    /// The instrument of the pages (read from the page when it says: UNTC chapter number,
    /// NORMLEX convention).
    #[arg(long)]
    pub instrument: Option<String>,
    /// Where the copy comes from (an address, an archive), recorded in each fact's source.
    #[arg(long)]
    pub from: Option<String>,
    /// The date the page showed (YYYY-MM-DD), when the page does not state it; otherwise
    /// the page's newest date is taken as a lower bound.
    #[arg(long)]
    pub as_of: Option<String>,
    /// The pages show no date but are known to be of this date or later (YYYY-MM-DD; say
    /// how in --from, e.g. a count that only pages after a change can show): their facts are
    /// recorded as shown on or after it, in place of the page's newest date.
    #[arg(long, value_name = "DATE", conflicts_with = "as_of")]
    pub not_before: Option<String>,
    /// The pages list every participant though they carry no count of their own (a table
    /// saved whole, without the page around it): a state they do not list is recorded as
    /// not party. Without it such a page changes only the states it lists.
    #[arg(long)]
    pub complete: bool,
    /// Write the changes into this conventions folder (its states/ files): the repository's
    /// `conventions/` or a project's own.
    #[arg(long, value_name = "DIR")]
    pub write: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    #[test]
    fn version_names_the_supported_typst() {
        use crate::write::typst_cli::TYPST_VERSION;
        assert!(super::VERSION.contains(&format!("tested with {TYPST_VERSION};")));
        let series = TYPST_VERSION.rsplit_once('.').unwrap().0;
        assert!(super::VERSION.contains(&format!("typst {series}.x")));
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
