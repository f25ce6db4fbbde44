//! `trustgap validate`: checks the frameworks and questionnaires and
//! reports every problem with file:line:col, and the coverage holes.

use anyhow::Result;

use super::globals::Globals;
use crate::catalog::validate;

pub fn run(g: &Globals) -> Result<i32> {
    let cat = g.catalog();
    let report = validate::validate(&cat);
    for p in &report.problems {
        println!("{p}");
    }
    let mut total_holes = 0;
    for h in &report.holes {
        let short = cat
            .framework(&h.framework)
            .map(|f| f.short.as_str())
            .unwrap_or(&h.framework);
        if h.missing.is_empty() {
            println!(
                "coverage {short}: every requirement is reached by a question ({} requirements, {} informational)",
                h.total, h.informational
            );
        } else {
            total_holes += h.missing.len();
            println!(
                "coverage {short}: {} of {} requirements reached by no question (coverage holes): {}",
                h.missing.len(),
                h.total,
                h.missing.join(", ")
            );
        }
    }
    let qs: usize = cat.questionnaires.iter().map(|q| q.questions.len()).sum();
    println!(
        "{} file(s), {} framework(s), {} questionnaire(s) with {qs} questions: {} error(s), {} warning(s), {total_holes} coverage hole(s)",
        cat.files.len(),
        cat.frameworks.len(),
        cat.questionnaires.len(),
        report.errors(),
        report.warnings()
    );
    Ok(if report.errors() > 0 { 2 } else { 0 })
}
