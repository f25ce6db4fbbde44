use clap::Parser;

fn main() {
    // Behave like other command-line tools when the reader of a pipe goes
    // away (`trustgap frameworks | head`): end quietly instead of failing.
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread
    // starts; no handler is installed.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = trustgap::cli::Cli::parse();
    let code = match trustgap::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            let code = e
                .downcast_ref::<trustgap::exit::Exit>()
                .map(|x| x.code)
                .unwrap_or(2);
            eprintln!("trustgap: {e:#}");
            code
        }
    };
    std::process::exit(code);
}
