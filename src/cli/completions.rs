//! `trustgap completions SHELL`: the shell completion script on standard
//! output.

use anyhow::Result;

#[derive(clap::Args, Debug)]
pub struct CompletionsArgs {
    /// The shell.
    pub shell: clap_complete::Shell,
}

/// Writes the completion script for `cli`, the whole command line.
pub fn run(args: CompletionsArgs, cli: &mut clap::Command) -> Result<i32> {
    clap_complete::generate(args.shell, cli, "trustgap", &mut std::io::stdout());
    Ok(0)
}
