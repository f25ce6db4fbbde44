//! `trustgap validate`: checks the frameworks and questionnaires and
//! reports every problem with file:line:col, and the coverage holes; with
//! `--templates DIR`, also the document pack's templates.

use std::path::PathBuf;

use anyhow::Result;

use super::globals::Globals;
use crate::catalog::validate;

#[derive(clap::Args, Debug, Default)]
pub struct ValidateArgs {
    /// Also check a directory of document templates (over the built-in
    /// ones): syntax, the data table, unknown file names, and variables the
    /// context lacks (by rendering the pack for every bundled example).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

pub fn run(args: ValidateArgs, g: &Globals) -> Result<i32> {
    let cat = g.catalog();
    let template_problems = match &args.templates {
        Some(dir) => templates(&cat, dir, g),
        None => builtin_templates(&cat),
    };
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
    for p in &template_problems {
        println!("{p}");
    }
    let which = match &args.templates {
        Some(dir) => dir.display().to_string(),
        None => "(built in)".to_string(),
    };
    println!("templates {which}: {} problem(s)", template_problems.len());
    let bad_templates = !template_problems.is_empty();
    Ok(if report.errors() > 0 || bad_templates {
        2
    } else {
        0
    })
}

/// The built-in templates against the catalog as loaded: a `--catalog`
/// may rename a question the data table names. Their syntax is fixed when
/// the binary is built (and tested), so only the table is checked here.
fn builtin_templates(cat: &crate::catalog::Catalog) -> Vec<String> {
    crate::docs::render::check_table(cat, &crate::embedded::templates())
}

/// The problems of the templates in `dir` over the built-in ones, each
/// with its file (and line when the template engine gives one).
fn templates(cat: &crate::catalog::Catalog, dir: &std::path::Path, g: &Globals) -> Vec<String> {
    let builtin = crate::embedded::templates();
    let templates = match builtin.with_dir(dir) {
        Ok(t) => t,
        Err(e) => return e.to_string().lines().map(str::to_string).collect(),
    };
    let today = g.today().unwrap_or_else(|_| jiff::Zoned::now().date());
    let samples: Vec<_> = crate::embedded::bundled_examples()
        .iter()
        .filter_map(|(name, text)| {
            let a = crate::assessment::parse(&format!("examples/{name}.toml"), text).ok()?;
            Some((name.to_string(), a, today))
        })
        .collect();
    crate::docs::render::check(cat, &templates, &samples)
}
