//! Thin: parse the command line, run the command, print, exit with its status.

use clap::Parser;
use rapporteur::cli::Cli;

/// mimalloc: the many small allocations of reading and resolving cost about a fifth less CPU
/// than with the system allocator, and its heaps return freed memory where glibc's per-thread
/// pools kept it (README, "Other crates").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's number for its `allow_thp` option in its version 3 (`mimalloc.h`; the crate names
/// only the options of older versions).
#[cfg(target_os = "linux")]
const MI_OPTION_ALLOW_THP: libmimalloc_sys::mi_option_t = 43;

/// Our default for mimalloc, set before the first allocation reserves its first arena (the
/// environment variable `MIMALLOC_ALLOW_THP` still wins): no transparent huge pages. mimalloc
/// asks for them on its arenas, so that the first touch of each 2 MiB has the kernel find (and
/// often compact memory for) a huge page and zero it whole, and its purges of freed memory split
/// them up again: on the generated 20,000 findings the kernel's page zeroing was 15 to 24 % of
/// `check`'s CPU samples and the system time varied from 0.4 to 2.4 s; without them it is
/// steady, and the peak is lower (README, "Other crates"). Huge pages are a Linux matter.
#[cfg(target_os = "linux")]
extern "C" fn allocator_defaults() {
    // SAFETY: mimalloc's options are plain integers, set before any thread starts.
    unsafe { libmimalloc_sys::mi_option_set_default(MI_OPTION_ALLOW_THP, 0) }
}

/// Run [`allocator_defaults`] as the program is loaded, before Rust's runtime allocates.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static ALLOCATOR_DEFAULTS: extern "C" fn() = allocator_defaults;

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
