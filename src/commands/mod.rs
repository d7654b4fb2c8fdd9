//! The commands: each wires pipeline stages together and prints for a person or a program.
//! They return the process exit status: 0 ok, 1 content errors, 2 usage or environment.

mod build;
mod check;
mod common;
mod conventions;
mod conventions_import;
pub mod explain;
mod init;
mod pseudonym;
mod received;
mod recs;
mod schema;
mod seal;
mod translations;
mod uptake;
mod witness_review;
pub mod watch;

use crate::cli::{Cli, Command, ConventionsArgs, ConventionsCommand};
use anyhow::Result;

/// Runs the command the command line names; each command reads its own options.
pub fn run(cli: Cli) -> Result<i32> {
    if let Some(key) = cli.key {
        crate::load::sealed::use_key_file(key);
    }
    match cli.command {
        Command::Keygen { out } => seal::keygen(out.as_deref()),
        Command::Seal {
            files,
            project,
            to,
            keep,
        } => seal::seal(&project, &files, &to, keep),
        Command::Unseal { file } => seal::unseal(&file),
        Command::Check {
            project,
            format,
            deny_warnings,
        } => check::run(&project, format, deny_warnings),
        Command::Build(args) => build::run(args),
        Command::Pseudonym {
            project,
            testimony,
            count,
            seed,
            culture,
        } => pseudonym::run(
            &project,
            testimony.as_deref(),
            count,
            seed,
            culture.as_deref(),
        ),
        Command::Audit { project, json } => witness_review::run(&project, json),
        Command::Translations { project, json } => translations::run(&project, json),
        Command::Conventions(ConventionsArgs {
            command: Some(ConventionsCommand::Import(args)),
            ..
        }) => conventions_import::run(args),
        Command::Conventions(query) => conventions::run(query),
        Command::Recs(args) => recs::run(args),
        Command::Uptake(args) => uptake::run(args),
        Command::Explain { code } => explain::run(code.as_deref()),
        Command::Schema { out } => schema::run(&out),
        Command::Init {
            dir,
            organisation,
            states,
            language,
        } => init::run(init::Options {
            dir,
            organisation,
            states,
            language,
        }),
        Command::Watch {
            project,
            port,
            no_pdf,
            out,
        } => watch::run(watch::Options {
            project,
            port,
            pdf: !no_pdf,
            out,
        }),
        Command::Received { command } => received::run(command),
    }
}
