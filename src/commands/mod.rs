//! The commands: each wires pipeline stages together and prints for a person or a program.
//! They return the process exit status: 0 ok, 1 content errors, 2 usage or environment.

mod build;
mod check;
mod conventions;

use crate::cli::{Cli, Command};
use anyhow::Result;

pub fn run(cli: Cli) -> Result<i32> {
    match cli.command {
        Command::Check {
            project,
            format,
            deny_warnings,
        } => check::run(&project, format, deny_warnings),
        Command::Build {
            project,
            out,
            audience,
            only,
            draft,
        } => build::run(build::Options {
            project,
            out,
            audience,
            only,
            draft,
        }),
        Command::Conventions {
            instrument,
            article,
            state,
            theme,
            body,
            project,
            json,
        } => conventions::run(conventions::Query {
            instrument,
            article,
            state,
            theme,
            body,
            project,
            json,
        }),
    }
}
