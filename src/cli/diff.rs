//! `trustgap diff OLD NEW`: what changed between two assessments:
//! readiness, answers, gaps, plan items.

use std::path::PathBuf;

use anyhow::Result;
use clap::ValueEnum;

use super::files::{load_assessment, print_warnings};
use super::globals::Globals;
use super::output::emit;
use crate::exit::bad_input;
use crate::report::{self, Input};
use crate::workspace;

#[derive(clap::Args, Debug)]
pub struct DiffArgs {
    /// The earlier assessment file.
    pub old: PathBuf,
    /// The later assessment file.
    pub new: PathBuf,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "table")]
    pub format: DiffFormat,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffFormat {
    Md,
    Table,
}

pub fn run(args: DiffArgs, g: &Globals) -> Result<i32> {
    let format = match args.format {
        DiffFormat::Md => report::diff::Format::Md,
        DiffFormat::Table => report::diff::Format::Table,
    };
    let cat = g.checked_catalog()?;
    let today = g.today()?;
    let (old_name, new_name) = (
        args.old.display().to_string(),
        args.new.display().to_string(),
    );
    let oa = load_assessment(&args.old)?;
    let na = load_assessment(&args.new)?;
    print_warnings(&cat, &oa, &old_name);
    print_warnings(&cat, &na, &new_name);
    let missing = |e: workspace::MissingQuestionnaire| bad_input(e.to_string());
    let oe = workspace::evaluate(&cat, &oa, &old_name, today).map_err(missing)?;
    let ne = workspace::evaluate(&cat, &na, &new_name, today).map_err(missing)?;
    let oq = workspace::questionnaire_of(&cat, &oa, &old_name).map_err(missing)?;
    let nq = workspace::questionnaire_of(&cat, &na, &new_name).map_err(missing)?;
    let oi = Input::new(&cat, oq, &oa, &oe);
    let ni = Input::new(&cat, nq, &na, &ne);
    let text = report::diff::render(&oi, &ni, &old_name, &new_name, format);
    emit(&text)?;
    Ok(0)
}
