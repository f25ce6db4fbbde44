//! `trustgap demo`: the plan for a bundled example assessment; no input
//! needed.

use anyhow::Result;

use super::files::print_warnings;
use super::globals::Globals;
use super::output::{emit, skip_free};
use super::report::{ExportArgs, ReportFormat};
use crate::assessment::{self, Assessment};
use crate::embedded::{bundled_example, bundled_examples, example_names};
use crate::exit::bad_input;
use crate::report::export::{self, Format, Options};

#[derive(clap::Args, Debug)]
pub struct DemoArgs {
    /// Which example (see --list).
    #[arg(long, default_value = "seed-llm-startup")]
    pub example: String,
    /// List the bundled examples.
    #[arg(long)]
    pub list: bool,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "table")]
    pub format: ReportFormat,
    #[command(flatten)]
    pub export: ExportArgs,
}

/// What `demo` runs on.
enum Demo {
    List,
    Show {
        example: String,
        format: Format,
        options: Options,
    },
}

impl DemoArgs {
    fn resolve(self) -> Demo {
        if self.list {
            return Demo::List;
        }
        Demo::Show {
            format: self.format.resolve(),
            options: self.export.resolve(),
            example: self.example,
        }
    }
}

pub fn run(args: DemoArgs, g: &Globals) -> Result<i32> {
    match args.resolve() {
        Demo::List => {
            list();
            Ok(0)
        }
        Demo::Show {
            example,
            format,
            options,
        } => show(&example, format, &options, g),
    }
}

/// One line per bundled example: its name and organisation.
fn list() {
    for (name, src) in bundled_examples() {
        let org = bundled_assessment(name, src)
            .map(|a| a.organisation)
            .unwrap_or_default();
        println!("{name}\t{org}");
    }
}

fn show(example: &str, format: Format, options: &Options, g: &Globals) -> Result<i32> {
    let Some(src) = bundled_example(example) else {
        let names: Vec<&str> = example_names().collect();
        return Err(bad_input(format!(
            "no bundled example `{example}`; choose one of: {}",
            names.join(", ")
        )));
    };
    let name = example;
    let cat = g.checked_catalog()?;
    let a = bundled_assessment(name, &src)?;
    print_warnings(&cat, &a, name);
    let exported = export::export(&cat, &a, name, format, g.today()?, options)
        .map_err(|e| bad_input(e.to_string()))?;
    emit(&exported.text)?;
    skip_free((cat, a, exported));
    Ok(0)
}

/// A bundled example's answers.
fn bundled_assessment(name: &str, src: &str) -> Result<Assessment> {
    assessment::parse(&format!("examples/{name}.toml"), src).map_err(|e| bad_input(e.to_string()))
}
