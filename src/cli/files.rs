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
    let Some(qn) = cat.questionnaire(qid) else {
        return;
    };
    let src = std::fs::read_to_string(file).ok();
    let first_unknown = a.unknown_answers(qn).into_iter().next();
    for mut w in assessment::unknown_report(a, qn, file) {
        // Point at the first unknown answer's table rather than the file's top.
        if w.key == "answers"
            && w.message.contains("does not have")
            && let (Some(src), Some(id)) = (&src, &first_unknown)
            && let Some(line) = table_line(src, id)
        {
            w.at.line = line;
        }
        eprintln!("{w}");
    }
}

/// The 1-based line of the table header that names answer `id`
/// (`[answers."id"]`, or `[systems.S.answers."q"]` for `systems.S.q`).
fn table_line(src: &str, id: &str) -> Option<usize> {
    let q = id.rsplit('.').next().unwrap_or(id);
    let wanted = match id.strip_prefix("systems.") {
        Some(_) => q.to_string(),
        None => id.to_string(),
    };
    src.lines()
        .position(|l| {
            let l = l.trim();
            l.starts_with('[') && l.contains("answers") && l.contains(&wanted)
        })
        .map(|i| i + 1)
}
