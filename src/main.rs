//! Thin: parse the command line, run the command, print, exit with its status.

use clap::Parser;
use rapporteur::cli::Cli;

/// mimalloc: the many small allocations of reading and resolving cost about a fifth less CPU
/// than with the system allocator, and its heaps return freed memory where glibc's per-thread
/// pools kept it (README, "Other crates").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // Like other command-line tools, stop quietly when the reader of our output goes away
    // (`rapporteur check | head`) instead of failing on a broken pipe.
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
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
