//! The command line, declared with clap. No logic here: `main.rs` dispatches to [`crate::commands`].

use crate::diagnostic::Format;
use crate::model::raw::Audience;
pub use crate::model::raw::Format as OnlyFormat;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Compile human-rights reports: findings, testimonies and recommendations kept as structured
/// files, checked against a dataset of UN and ILO conventions, built into publications.
#[derive(Debug, Parser)]
#[command(name = "rapporteur", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load and check a report project; print every problem with its file, line and column.
    ///
    /// Exit status: 0 when clean or warnings only, 1 when the content has errors,
    /// 2 for a usage or environment problem.
    Check {
        /// The project folder (with a report.yaml).
        #[arg(default_value = ".")]
        project: PathBuf,
        /// How to print diagnostics: human (source line and caret; the default on a terminal),
        /// short (`path:line:col: error: message`; the default otherwise) or json.
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Treat warnings as errors (exit 1 when there is any warning).
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Check a project, then build every output named in its report.yaml (HTML, PDF, ...) into
    /// the output folder. Nothing is written when there are errors or when the leak audit fails.
    Build {
        /// The project folder (with a report.yaml).
        #[arg(default_value = ".")]
        project: PathBuf,
        /// The output folder (default: `out/` inside the project). Internal builds go to its
        /// `internal/` subfolder, never beside public artifacts.
        #[arg(long)]
        out: Option<PathBuf>,
        /// public: apply the consent rules and the leak audit; internal: include everything and
        /// mark every page confidential.
        #[arg(long, value_enum, default_value = "public")]
        audience: Audience,
        /// Build only this format.
        #[arg(long, value_enum)]
        only: Option<OnlyFormat>,
        /// A draft: a submission over its body's length limit is written with a warning
        /// instead of stopping the build.
        #[arg(long)]
        draft: bool,
    },
    /// Look things up in the conventions dataset: an instrument and article, a state's
    /// ratifications, a theme's provisions, or a treaty body.
    ///
    /// Examples: `rapporteur conventions ICRMW 21`, `rapporteur conventions --state KAZ`,
    /// `rapporteur conventions --theme forced-labour`, `rapporteur conventions --body CMW`.
    Conventions {
        /// An instrument id or alias (ICCPR, C29, ILO C029, ...). Without one, list all instruments.
        instrument: Option<String>,
        /// An article of the instrument.
        article: Option<u32>,
        /// Show this state's ratifications (ISO 3166-1 alpha-3 code, e.g. KAZ).
        #[arg(long)]
        state: Option<String>,
        /// Show the provisions a theme usually engages.
        #[arg(long)]
        theme: Option<String>,
        /// Show a treaty body and its submission settings.
        #[arg(long)]
        body: Option<String>,
        /// Merge this project's own `conventions/` over the built-in dataset.
        #[arg(long)]
        project: Option<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
