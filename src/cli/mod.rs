//! Command line: parse, resolve, run. Exit codes: 0 success, 1 a check
//! fell short, 2 bad input or usage (see [`crate::exit`]).
//!
//! Each command is a module of its own with three parts: its clap arguments
//! (parsed with no side effects), a resolve step that turns them into the
//! settings it runs on, and `run`. A new command is a new module here, one
//! variant of [`Command`] and one line of [`run`].

mod ask;
mod check;
mod completions;
mod crosswalk;
mod demo;
mod diff;
mod docs;
mod files;
mod frameworks;
mod globals;
mod list;
mod output;
mod report;
mod resolve;
mod sync;
mod validate;
mod wizard;

use std::path::PathBuf;

use anyhow::Result;
use clap::{CommandFactory, Parser, Subcommand};

use globals::Globals;

pub use ask::AskArgs;
pub use check::CheckArgs;
pub use completions::CompletionsArgs;
pub use crosswalk::{CrosswalkArgs, CrosswalkFormat};
pub use demo::DemoArgs;
pub use diff::{DiffArgs, DiffFormat};
pub use docs::DocsArgs;
pub use frameworks::FrameworksArgs;
pub use list::ListArgs;
pub use output::ListFormat;
pub use report::{CsvWhat, ExportArgs, PhaseArg, ReportArgs, ReportFormat};
pub use resolve::{ResolveArgs, Side};
pub use sync::SyncArgs;
pub use validate::ValidateArgs;
pub use wizard::{NewArgs, OpenArgs};

#[derive(Parser, Debug)]
#[command(
    name = "trustgap",
    version,
    about = "Readiness assessment for AI companies: SOC 2, ISO/IEC 42001, the EU AI Act and the NIST AI RMF",
    long_about = "trustgap asks plain-language questions about your company, your AI and your controls, maps every answer to SOC 2, ISO/IEC 42001, the EU AI Act and the NIST AI RMF, and turns the gaps into a prioritized remediation plan."
)]
pub struct Cli {
    /// Extra catalog directory with frameworks/ and questionnaires/ (adds or overrides by id); repeatable.
    #[arg(long, global = true, value_name = "DIR")]
    pub catalog: Vec<PathBuf>,
    /// Evaluate as of this date (YYYY-MM-DD) instead of today.
    #[arg(long, global = true, value_name = "DATE")]
    pub today: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Start a new assessment in the full-screen wizard.
    New(NewArgs),
    /// Open an assessment in the full-screen wizard.
    Open(OpenArgs),
    /// Readiness, scope and the remediation plan for an assessment file.
    Report(ReportArgs),
    /// The frameworks, or one framework's requirements.
    Frameworks(FrameworksArgs),
    /// Check frameworks and questionnaires (and, with --templates, document templates) and report every problem with file:line:col.
    Validate(ValidateArgs),
    /// The questionnaire as line-by-line prompts (for screen readers, narrow panes, slow links).
    Ask(AskArgs),
    /// Saved assessments: organisation, progress, readiness, last updated.
    List(ListArgs),
    /// A CI gate: exit 1 with a one-line reason when readiness is short.
    Check(CheckArgs),
    /// Resolve git conflict markers in an assessment, question by question.
    Resolve(ResolveArgs),
    /// What changed between two assessments: readiness, answers, gaps, plan items.
    Diff(DiffArgs),
    /// Record the ticked task boxes of an exported markdown plan in the assessment.
    Sync(SyncArgs),
    /// Which requirements of two frameworks share evidence, through which questions and why.
    Crosswalk(CrosswalkArgs),
    /// Shell completion script (bash, zsh, fish, elvish, powershell) on standard output.
    Completions(CompletionsArgs),
    /// The plan for a bundled example assessment; no input needed.
    Demo(DemoArgs),
    /// The document pack: policies, registers and audit documents drafted from the answers.
    Docs(DocsArgs),
}

/// Runs the command line; returns the exit code.
pub fn run(cli: Cli) -> Result<i32> {
    let g = Globals::resolve(&cli.catalog, cli.today.as_deref());
    let Some(command) = cli.command else {
        return wizard::run(crate::tui::Start::Home, &g);
    };
    match command {
        Command::New(args) => wizard::run(args.resolve(), &g),
        Command::Open(args) => wizard::run(args.resolve(), &g),
        Command::Report(args) => report::run(args, &g),
        Command::Frameworks(args) => frameworks::run(args, &g),
        Command::Validate(args) => validate::run(args, &g),
        Command::Ask(args) => ask::run(args, &g),
        Command::List(args) => list::run(args, &g),
        Command::Check(args) => check::run(args, &g),
        Command::Resolve(args) => resolve::run(args),
        Command::Diff(args) => diff::run(args, &g),
        Command::Sync(args) => sync::run(args, &g),
        Command::Crosswalk(args) => crosswalk::run(args, &g),
        Command::Completions(args) => completions::run(args, &mut Cli::command()),
        Command::Demo(args) => demo::run(args, &g),
        Command::Docs(args) => docs::run(args, &g),
    }
}
