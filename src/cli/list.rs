//! `trustgap list`: saved assessments with organisation, progress,
//! readiness and when they were last updated.

use std::path::PathBuf;

use anyhow::Result;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};

use super::globals::Globals;
use super::output::ListFormat;
use crate::exit::bad_input;
use crate::workspace::{self, Summary};

#[derive(clap::Args, Debug)]
pub struct ListArgs {
    /// Folder to list instead of the data directory.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "table")]
    pub format: ListFormat,
}

pub fn run(args: ListArgs, g: &Globals) -> Result<i32> {
    let cat = g.checked_catalog()?;
    let dir = match args.dir {
        Some(d) => d,
        None => workspace::data_dir().ok_or_else(|| {
            bad_input("no data directory on this system; give one with --dir DIR")
        })?,
    };
    if !dir.is_dir() {
        if args.format == ListFormat::Json {
            println!("[]");
        } else {
            println!(
                "No saved assessments yet: {} does not exist. Start one with `trustgap ask FILE`, or list another folder with --dir.",
                dir.display()
            );
        }
        return Ok(0);
    }
    let list = workspace::list(&cat, &dir, g.today()?)
        .map_err(|e| bad_input(format!("cannot read {}: {e}", dir.display())))?;
    match args.format {
        ListFormat::Json => println!("{}", serde_json::to_string_pretty(&list)?),
        ListFormat::Table if list.is_empty() => println!("No assessments in {}.", dir.display()),
        ListFormat::Table => println!("{}", table(&list)),
    }
    Ok(0)
}

/// One row per assessment; a file that cannot be read says why.
fn table(list: &[Summary]) -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(vec![
            "Organisation",
            "File",
            "Progress",
            "Readiness",
            "Last updated",
        ]);
    for s in list {
        let file = s
            .path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(e) = &s.error {
            t.add_row(vec![
                s.organisation.clone(),
                file,
                "—".into(),
                format!("cannot read: {e}"),
                "—".into(),
            ]);
            continue;
        }
        let readiness: Vec<String> = s
            .readiness
            .iter()
            .map(|(f, r)| format!("{f} {}", crate::report::pct(*r)))
            .collect();
        t.add_row(vec![
            s.organisation.clone(),
            file,
            format!("{} of {}", s.answered, s.asked),
            readiness.join(", "),
            s.updated.clone().unwrap_or_else(|| "—".into()),
        ]);
    }
    t
}
