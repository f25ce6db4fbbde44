//! The document pack (`trustgap docs`): first drafts of the policies,
//! registers and audit documents, rendered from templates (minijinja) over
//! a context built from the catalog, the answers and the evaluation.
//!
//! - [`context`] gathers what the documents may say;
//! - [`table`] is `templates/pack.toml`, the one place that names questions;
//! - [`render`] runs the templates (markdown escaping, strict undefined
//!   variables, the `ask` function for what the answers do not say);
//! - [`files`] writes the CSVs and the calendar, and the pack to a
//!   directory with a manifest that protects a person's edits.

pub mod context;
pub mod files;
pub mod render;
pub mod table;

pub use files::{WriteError, Written, write_pack};
pub use render::{DocsError, Pack, Templates, render_pack};

use std::path::Path;

use jiff::civil::Date;

use crate::assessment::Assessment;
use crate::catalog::Catalog;

/// Why `trustgap docs` (or the wizard's export) wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error(transparent)]
    Docs(#[from] DocsError),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error(transparent)]
    MissingQuestionnaire(#[from] crate::workspace::MissingQuestionnaire),
}

/// What a generated pack did: the files and the open questions.
#[derive(Debug, Clone)]
pub struct Generated {
    pub written: Written,
    pub files: usize,
    pub open_questions: usize,
}

/// One pack, start to end: evaluate assessment `a` (read from `file`) as of
/// `today`, render every document with `templates`, and write them into
/// `out`. The command line and the wizard both come here.
pub fn generate(
    cat: &Catalog,
    a: &Assessment,
    file: &str,
    today: Date,
    templates: &Templates,
    out: &Path,
    force: bool,
) -> Result<Generated, PackError> {
    let qn = crate::workspace::questionnaire_of(cat, a, file)?;
    let ev = crate::engine::evaluate(cat, qn, a, today);
    let pack = render_pack(cat, qn, a, &ev, templates)?;
    let written = write_pack(out, &pack.files, force)?;
    Ok(Generated {
        written,
        files: pack.files.len(),
        open_questions: pack.open_questions.len(),
    })
}
