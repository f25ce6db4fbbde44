//! Reading assessment files for a command: errors as users should read
//! them, and warnings about what the questionnaire does not know.

use std::path::Path;

use anyhow::Result;

use crate::assessment::{self, Assessment, AssessmentError};
use crate::catalog::Catalog;
use crate::exit::bad_input;

/// Loads an assessment file; every failure is bad input (exit code 2).
pub fn load_assessment(path: &Path) -> Result<Assessment> {
    assessment::load(path).map_err(|e| match e {
        AssessmentError::Io { path, source } => bad_input(format!("cannot read {path}: {source}")),
        AssessmentError::Invalid(problems) => bad_input(
            problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        AssessmentError::Conflicted(m) => bad_input(m.explain()),
    })
}

/// Warns (on standard error) about answers and keys the questionnaire does
/// not know; they are kept, not scored. Commands call this; the wizard does
/// not, since it owns the screen.
pub fn print_warnings(cat: &Catalog, a: &Assessment, file: &str) {
    let qid = a.questionnaire_id();
    if let Some(qn) = cat.questionnaire(qid) {
        for w in assessment::unknown_report(a, qn, file) {
            eprintln!("{w}");
        }
    }
}
