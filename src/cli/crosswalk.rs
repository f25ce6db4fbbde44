//! `trustgap crosswalk --from FRAMEWORK --to FRAMEWORK`: which requirements
//! of one framework share evidence with which of the other, through the
//! question bank, with the reason each reference holds.

use std::path::PathBuf;

use anyhow::Result;
use clap::ValueEnum;

use super::globals::Globals;
use super::output::emit_to;
use crate::catalog::{Catalog, Framework};
use crate::exit::bad_input;
use crate::report::crosswalk::{self, Crosswalk};

#[derive(clap::Args, Debug)]
pub struct CrosswalkArgs {
    /// The framework whose requirements are listed (soc2, iso42001, euaiact, nist-ai-rmf).
    #[arg(long, value_name = "FRAMEWORK")]
    pub from: String,
    /// The framework they are linked to.
    #[arg(long, value_name = "FRAMEWORK")]
    pub to: String,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "md")]
    pub format: CrosswalkFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace an existing file that is not a trustgap export.
    #[arg(long)]
    pub force: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CrosswalkFormat {
    Md,
    Csv,
    Json,
}

pub fn run(args: CrosswalkArgs, g: &Globals) -> Result<i32> {
    let cat = g.checked_catalog()?;
    let from = framework(&cat, &args.from, "--from")?;
    let to = framework(&cat, &args.to, "--to")?;
    if from.id == to.id {
        return Err(bad_input(format!(
            "--from and --to both name {}; choose two different frameworks",
            from.short
        )));
    }
    let x = Crosswalk::build(&cat, from, to);
    let text = match args.format {
        CrosswalkFormat::Md => crosswalk::markdown(&x),
        CrosswalkFormat::Csv => crosswalk::csv(&x),
        CrosswalkFormat::Json => crosswalk::json(&x),
    };
    emit_to(&text, args.output.as_deref(), args.force)?;
    Ok(0)
}

fn framework<'a>(cat: &'a Catalog, name: &str, flag: &str) -> Result<&'a Framework> {
    cat.find_framework(name).ok_or_else(|| {
        let ids: Vec<&str> = cat.frameworks.iter().map(|f| f.id.as_str()).collect();
        bad_input(format!(
            "{flag}: no framework `{name}`; choose one of: {}",
            ids.join(", ")
        ))
    })
}
