//! `trustgap sync FILE --from PLAN.md`: records the ticked task boxes of an
//! exported markdown plan in the assessment.

use std::path::PathBuf;

use anyhow::Result;
use jiff::Timestamp;

use super::files::{load_assessment, print_warnings};
use super::globals::Globals;
use crate::assessment;
use crate::exit::bad_input;
use crate::sync::Outcome;
use crate::workspace;

#[derive(clap::Args, Debug)]
pub struct SyncArgs {
    /// The assessment file to update.
    pub file: PathBuf,
    /// The exported plan (markdown) whose boxes were ticked.
    #[arg(long = "from", value_name = "PLAN.md")]
    pub from: PathBuf,
    /// Who ticked them (recorded with each change).
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// Say what would change without writing the file.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(args: SyncArgs, g: &Globals) -> Result<i32> {
    let cat = g.checked_catalog()?;
    let name = args.file.display().to_string();
    let plan_name = args.from.display().to_string();
    let mut a = load_assessment(&args.file)?;
    let plan_text = std::fs::read_to_string(&args.from)
        .map_err(|e| bad_input(format!("cannot read {plan_name}: {e}")))?;
    let marks = crate::sync::parse_plan(&plan_text);
    if marks.is_empty() {
        return Err(bad_input(format!(
            "{plan_name} has no task items with an item id (`- [ ] **Title** (`rem.id`)`); export one with `trustgap report {name} --format md -o {plan_name}`"
        )));
    }
    print_warnings(&cat, &a, &name);
    let missing = |e: workspace::MissingQuestionnaire| bad_input(e.to_string());
    let eval = workspace::evaluate(&cat, &a, &name, g.today()?).map_err(missing)?;
    let qn = workspace::questionnaire_of(&cat, &a, &name).map_err(missing)?;
    let now = stamp(g)?;
    let outcome = crate::sync::apply(&mut a, qn, &eval.plan, &marks, now, args.by.as_deref())
        .map_err(|e| bad_input(format!("{plan_name}: {e}")))?;
    let summary = print_changes(&outcome);
    if !outcome.changed() {
        println!("{summary}; {name} not changed");
    } else if args.dry_run {
        println!("{summary}; dry run, {name} not written");
    } else {
        assessment::save(&a, &args.file).map_err(|e| bad_input(e.to_string()))?;
        println!("{summary}; wrote {name}");
    }
    Ok(0)
}

/// The stamp of the changes: the `--today` date at midnight UTC when given
/// (reproducible), else now.
fn stamp(g: &Globals) -> Result<Timestamp> {
    Ok(if g.today_given() {
        g.today()?
            .to_zoned(jiff::tz::TimeZone::UTC)
            .map(|z| z.timestamp())
            .unwrap_or_else(|_| Timestamp::now())
    } else {
        Timestamp::now()
            .round(jiff::Unit::Second)
            .unwrap_or_else(|_| Timestamp::now())
    })
}

/// Prints one line per changed item; returns the counts as one phrase.
fn print_changes(outcome: &Outcome) -> String {
    for id in &outcome.done {
        println!("done, to verify: {id}");
    }
    for id in &outcome.reopened {
        println!("reopened: {id}");
    }
    for id in &outcome.not_in_plan {
        println!("skipped: {id} is ticked but has no gap behind it any more (nothing to record)");
    }
    format!(
        "{} item(s) recorded as done, to verify; {} reopened; {} unchanged",
        outcome.done.len(),
        outcome.reopened.len(),
        outcome.unchanged
    )
}
