//! `trustgap resolve FILE`: resolves git conflict markers in an assessment,
//! question by question (asked at the terminal, or one side for all with
//! `--take`).

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Result;
use clap::ValueEnum;

use crate::assessment;
use crate::exit::bad_input;
use crate::merge::{self, Merge, Pick};
use crate::prompt::{self, PromptError};

#[derive(clap::Args, Debug)]
pub struct ResolveArgs {
    /// The conflicted assessment file.
    pub file: PathBuf,
    /// Keep this side for every conflicting question without asking.
    #[arg(long, value_enum)]
    pub take: Option<Side>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
}

pub fn run(args: ResolveArgs) -> Result<i32> {
    let take = args.take.map(|side| match side {
        Side::Ours => Pick::Ours,
        Side::Theirs => Pick::Theirs,
    });
    let file = &args.file;
    let name = file.display().to_string();
    let src =
        std::fs::read_to_string(file).map_err(|e| bad_input(format!("cannot read {name}: {e}")))?;
    if !merge::has_markers(&src) {
        // Still check that it parses, so `resolve` doubles as a sanity check.
        assessment::parse(&name, &src).map_err(|e| bad_input(e.to_string()))?;
        println!("{name} has no conflict markers; nothing to resolve.");
        return Ok(0);
    }
    let merge = merge::analyse(&name, &src)
        .map_err(|e| bad_input(assessment::AssessmentError::Invalid(e).to_string()))?;
    let picks = match take {
        Some(p) => vec![p; merge.conflicts.len()],
        None if merge.conflicts.is_empty() => Vec::new(),
        None => match ask(&merge)? {
            Some(picks) => picks,
            None => {
                eprintln!("stopped; {name} was not changed");
                return Ok(2);
            }
        },
    };
    let merged = merge.resolve(&picks);
    assessment::save(&merged, file).map_err(|e| bad_input(e.to_string()))?;
    println!(
        "resolved {} conflicting question(s); wrote {name} without conflict markers",
        merge.conflicts.len()
    );
    Ok(0)
}

/// Asks which side to keep for each conflict; `None` when the user stopped.
fn ask(merge: &Merge) -> Result<Option<Vec<Pick>>> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(bad_input(format!(
            "{}\nresolve asks one question per conflict and needs a terminal; without one, use --take ours or --take theirs",
            merge.explain()
        )));
    }
    prompt::install_signal_guard();
    match prompt::resolve_conflicts(merge, &mut prompt::Terminal) {
        Ok(picks) => Ok(Some(picks)),
        Err(PromptError::Interrupted | PromptError::Cancelled) => Ok(None),
        Err(e) => Err(bad_input(e.to_string())),
    }
}
