use clap::Parser;

fn main() {
    let cli = trustgap::cli::Cli::parse();
    let code = match trustgap::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            let code = e
                .downcast_ref::<trustgap::cli::Exit>()
                .map(|x| x.code)
                .unwrap_or(2);
            eprintln!("trustgap: {e:#}");
            code
        }
    };
    std::process::exit(code);
}
