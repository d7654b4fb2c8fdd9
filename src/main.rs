//! Thin: parse the command line, run the command, print, exit with its status.

use clap::Parser;
use rapporteur::cli::Cli;

fn main() {
    let cli = Cli::parse();
    let code = match rapporteur::commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            for cause in e.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            2
        }
    };
    std::process::exit(code);
}
