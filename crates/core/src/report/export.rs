//! One export, start to end: evaluate an assessment, narrow the evaluation
//! by the chosen filters, render it in the chosen format. The command line
//! (`report`, `demo`) and the wizard's export overlay both come here, so an
//! export is the same whichever front end asks for it.

use jiff::civil::Date;

use super::{Filter, Input, csv, json, markdown, oscal, table};
use crate::assessment::Assessment;
use crate::catalog::Catalog;
use crate::engine::{self, Evaluation, Phase};
use crate::workspace::{self, MissingQuestionnaire};

/// The formats an evaluation can be exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The plan to commit: markdown with task boxes, tables and the appendix.
    Md,
    /// The whole scope, analysis and plan, with a schema version.
    Json,
    /// A terminal summary.
    Table,
    /// One row per plan item (or per requirement or answer, see [`Options::what`]).
    Csv,
    /// OSCAL plan of action and milestones (JSON).
    Oscal,
    /// OSCAL assessment results (JSON).
    OscalAr,
}

/// Which part of the evaluation to export: the filters (the same for every
/// format) and, for CSV, which rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// Only items that close a requirement of these frameworks, and only
    /// their readiness.
    pub frameworks: Vec<String>,
    /// Only items in these phases.
    pub phases: Vec<Phase>,
    /// Only items whose owner contains one of these, case-insensitive.
    pub owners: Vec<String>,
    /// Only items with at least this priority.
    pub min_priority: Option<u32>,
    /// With [`Format::Csv`]: which rows (default: one per plan item).
    pub what: Option<csv::View>,
    /// With [`Format::Md`]: only the one-page summary.
    pub summary: bool,
}

impl Options {
    /// The filters as the renderers take them.
    pub fn filter(&self) -> Filter {
        Filter {
            frameworks: self.frameworks.clone(),
            phases: self.phases.clone(),
            owners: self.owners.clone(),
            min_priority: self.min_priority,
        }
    }
}

/// Why an export could not be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ExportError {
    /// A filter names a framework the catalog does not have.
    #[error("{0}")]
    UnknownFramework(String),
    /// CSV rows were chosen for a format other than CSV.
    #[error("--what applies to --format csv only")]
    RowsWithoutCsv,
    /// The one-page summary was asked for in a format other than markdown.
    #[error("--summary applies to --format md only; --format table is the terminal summary")]
    SummaryWithoutMd,
    #[error(transparent)]
    MissingQuestionnaire(#[from] MissingQuestionnaire),
    /// The format cannot represent what is left (an OSCAL plan with no items).
    #[error("{file}: {message}")]
    Unrepresentable { file: String, message: String },
}

/// An export and the (filtered) evaluation it renders.
pub struct Exported {
    pub text: String,
    pub eval: Evaluation,
}

/// Evaluates assessment `a` (read from `file`) as of `today` and renders the
/// whole plan in `format`.
pub fn render(
    cat: &Catalog,
    a: &Assessment,
    file: &str,
    format: Format,
    today: Date,
) -> Result<String, ExportError> {
    render_with(cat, a, file, format, today, &Options::default())
}

/// [`render`] with filters and the CSV rows of `options`.
pub fn render_with(
    cat: &Catalog,
    a: &Assessment,
    file: &str,
    format: Format,
    today: Date,
    options: &Options,
) -> Result<String, ExportError> {
    export(cat, a, file, format, today, options).map(|e| e.text)
}

/// [`render_with`], also handing back the evaluation it rendered (a
/// command that ends right after may leave it to the operating system
/// instead of freeing it).
pub fn export(
    cat: &Catalog,
    a: &Assessment,
    file: &str,
    format: Format,
    today: Date,
    options: &Options,
) -> Result<Exported, ExportError> {
    let mut filter = options.filter();
    // A framework may be named by its id in any case or its short name.
    for f in &mut filter.frameworks {
        if let Some(fw) = cat.find_framework(f) {
            *f = fw.id.to_string();
        }
    }
    filter.check(cat).map_err(ExportError::UnknownFramework)?;
    if options.what.is_some() && format != Format::Csv {
        return Err(ExportError::RowsWithoutCsv);
    }
    if options.summary && format != Format::Md {
        return Err(ExportError::SummaryWithoutMd);
    }
    let qn = workspace::questionnaire_of(cat, a, file)?;
    let shown = filter.apply(engine::evaluate(cat, qn, a, today));
    let input = Input {
        catalog: cat,
        questionnaire: qn,
        assessment: a,
        eval: &shown,
        filter: &filter,
    };
    let text = if options.summary {
        markdown::render_summary_page(&input)
    } else {
        render_input(&input, format, options.what.unwrap_or_default(), file)?
    };
    Ok(Exported { text, eval: shown })
}

/// Renders what the evaluation (already filtered) says in `format`.
fn render_input(
    input: &Input<'_>,
    format: Format,
    rows: csv::View,
    file: &str,
) -> Result<String, ExportError> {
    let oscal = |model| {
        oscal::render(input, model).map_err(|e| ExportError::Unrepresentable {
            file: file.to_string(),
            message: e.to_string(),
        })
    };
    Ok(match format {
        Format::Md => markdown::render(input),
        Format::Json => json::render(input),
        Format::Table => table::render(input, None),
        Format::Csv => csv::render(input, rows),
        Format::Oscal => oscal(oscal::Model::Poam)?,
        Format::OscalAr => oscal(oscal::Model::AssessmentResults)?,
    })
}
