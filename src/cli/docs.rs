//! `trustgap docs FILE --out DIR`: the document pack (policies, registers,
//! audit documents) drafted from an assessment's answers.

use std::path::PathBuf;

use anyhow::Result;

use super::files::{load_assessment, print_warnings};
use super::globals::Globals;
use crate::docs::{self, PackError, WriteError};
use crate::exit::bad_input;

#[derive(clap::Args, Debug)]
pub struct DocsArgs {
    /// The assessment file (TOML).
    pub file: PathBuf,
    /// The directory to write the pack into (created when missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// A directory of templates that override the built-in ones by file name.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Overwrite files edited since trustgap wrote them.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: DocsArgs, g: &Globals) -> Result<i32> {
    let cat = g.checked_catalog()?;
    let today = g.today()?;
    let a = load_assessment(&args.file)?;
    let file = args.file.display().to_string();
    print_warnings(&cat, &a, &file);
    let mut templates = crate::embedded::templates();
    if let Some(dir) = &args.templates {
        templates = templates
            .with_dir(dir)
            .map_err(|e| bad_input(e.to_string()))?;
    }
    match docs::generate(&cat, &a, &file, today, &templates, &args.out, args.force) {
        Ok(done) => {
            let w = &done.written;
            println!(
                "{}: {} file(s) written, {} unchanged{}; {} open question(s) listed in {}",
                args.out.display(),
                w.written.len(),
                w.unchanged.len(),
                if w.overwritten.is_empty() {
                    String::new()
                } else {
                    format!(
                        " ({} edited file(s) overwritten: {})",
                        w.overwritten.len(),
                        w.overwritten.join(", ")
                    )
                },
                done.open_questions,
                args.out.join("index.md").display()
            );
            Ok(0)
        }
        Err(PackError::Write(WriteError::Io(e))) => Err(anyhow::anyhow!(e)),
        Err(e) => Err(bad_input(e.to_string())),
    }
}
