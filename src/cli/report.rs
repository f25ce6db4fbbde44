//! `trustgap report FILE`: readiness, scope and the remediation plan of an
//! assessment file, in any export format. The export options here are
//! shared with `demo`.

use std::path::PathBuf;

use anyhow::Result;
use clap::ValueEnum;

use super::files::{load_assessment, print_warnings};
use super::globals::Globals;
use super::output::{emit_to, skip_free};
use crate::engine::Phase;
use crate::exit::bad_input;
use crate::report::csv;
use crate::report::export::{self, Format, Options};

#[derive(clap::Args, Debug)]
pub struct ReportArgs {
    /// The assessment file (TOML).
    pub file: PathBuf,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "md")]
    pub format: ReportFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Overwrite OUT even when it is not an earlier trustgap export.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub export: ExportArgs,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    /// The plan to commit: markdown with task boxes, tables and the appendix.
    Md,
    /// The whole scope, analysis and plan, with a schema version.
    Json,
    /// A terminal summary.
    Table,
    /// One row per plan item (or per requirement or answer, with --what).
    Csv,
    /// OSCAL 1.2.1 plan of action and milestones (JSON).
    Oscal,
    /// OSCAL 1.2.1 assessment results (JSON).
    OscalAr,
}

/// Rows of a CSV export.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvWhat {
    /// One row per remediation item (tracker import).
    Items,
    /// One row per requirement with its coverage.
    Requirements,
    /// One row per answer.
    Answers,
}

/// Filters and views shared by `report` and `demo`: the same for every format.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ExportArgs {
    /// Only items that close a requirement of this framework, and only its readiness (repeatable).
    #[arg(long = "framework", value_name = "ID")]
    pub frameworks: Vec<String>,
    /// Only items in this phase (repeatable).
    #[arg(long = "phase", value_enum, value_name = "PHASE")]
    pub phases: Vec<PhaseArg>,
    /// Only items whose owner contains this text, case-insensitive (repeatable).
    #[arg(long = "owner", value_name = "NAME")]
    pub owners: Vec<String>,
    /// Only items with at least this score (its digits are the factors: see docs/plan-method.md).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=99_999))]
    pub min_priority: Option<u32>,
    /// With --format csv: which rows to write.
    #[arg(long, value_enum, value_name = "ROWS")]
    pub what: Option<CsvWhat>,
    /// With --format md: only the one-page summary (readiness, the first ten items, what is at risk, effort, costs, timeline).
    #[arg(long)]
    pub summary: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhaseArg {
    Now,
    #[value(name = "next-30-days")]
    Next30Days,
    BeforeAudit,
    Later,
}

impl ReportFormat {
    pub fn resolve(self) -> Format {
        match self {
            ReportFormat::Md => Format::Md,
            ReportFormat::Json => Format::Json,
            ReportFormat::Table => Format::Table,
            ReportFormat::Csv => Format::Csv,
            ReportFormat::Oscal => Format::Oscal,
            ReportFormat::OscalAr => Format::OscalAr,
        }
    }
}

impl ExportArgs {
    /// The export options in the core's terms; owners are trimmed and
    /// empty ones dropped. Framework ids are checked against the catalog
    /// by the export itself.
    pub fn resolve(&self) -> Options {
        Options {
            frameworks: self.frameworks.clone(),
            phases: self
                .phases
                .iter()
                .map(|p| match p {
                    PhaseArg::Now => Phase::Now,
                    PhaseArg::Next30Days => Phase::Next30Days,
                    PhaseArg::BeforeAudit => Phase::BeforeAudit,
                    PhaseArg::Later => Phase::Later,
                })
                .collect(),
            owners: self
                .owners
                .iter()
                .map(|o| o.trim().to_string())
                .filter(|o| !o.is_empty())
                .collect(),
            min_priority: self.min_priority,
            what: self.what.map(|w| match w {
                CsvWhat::Items => csv::View::Items,
                CsvWhat::Requirements => csv::View::Requirements,
                CsvWhat::Answers => csv::View::Answers,
            }),
            summary: self.summary,
        }
    }
}

/// What `report` runs on.
struct Report {
    file: PathBuf,
    format: Format,
    output: Option<PathBuf>,
    force: bool,
    options: Options,
}

impl ReportArgs {
    fn resolve(self) -> Report {
        Report {
            format: self.format.resolve(),
            options: self.export.resolve(),
            file: self.file,
            output: self.output,
            force: self.force,
        }
    }
}

pub fn run(args: ReportArgs, g: &Globals) -> Result<i32> {
    let r = args.resolve();
    let cat = g.checked_catalog()?;
    let a = load_assessment(&r.file)?;
    let name = r.file.display().to_string();
    print_warnings(&cat, &a, &name);
    let exported = export::export(&cat, &a, &name, r.format, g.today()?, &r.options)
        .map_err(|e| bad_input(e.to_string()))?;
    emit_to(&exported.text, r.output.as_deref(), r.force)?;
    skip_free((cat, a, exported));
    Ok(0)
}
