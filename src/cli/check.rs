//! `trustgap check FILE`: a CI gate. Exit 1 with a one-line reason when
//! readiness is short (or, with `--no-overdue`, when an EU AI Act duty that
//! already applies has a gap).

use std::path::PathBuf;

use anyhow::Result;

use super::files::{load_assessment, print_warnings};
use super::globals::Globals;
use crate::catalog::Catalog;
use crate::engine::Evaluation;
use crate::exit::bad_input;
use crate::workspace;

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// The assessment file.
    pub file: PathBuf,
    /// Minimum readiness in percent for every framework checked.
    #[arg(long, value_name = "PCT", default_value_t = 0.0)]
    pub min_readiness: f64,
    /// Check only this framework (repeatable); default: every framework in scope.
    #[arg(long = "framework", value_name = "ID")]
    pub frameworks: Vec<String>,
    /// Also fail when an EU AI Act obligation that already applies has a gap.
    #[arg(long)]
    pub no_overdue: bool,
}

/// What a check asks for.
struct Gate {
    min: f64,
    /// Only these frameworks (empty: every one in scope).
    only: Vec<String>,
    no_overdue: bool,
}

pub fn run(args: CheckArgs, g: &Globals) -> Result<i32> {
    let cat = g.checked_catalog()?;
    let gate = Gate {
        min: args.min_readiness,
        only: check_known(&cat, &args.frameworks)?,
        no_overdue: args.no_overdue,
    };
    let a = load_assessment(&args.file)?;
    let name = args.file.display().to_string();
    print_warnings(&cat, &a, &name);
    let eval =
        workspace::evaluate(&cat, &a, &name, g.today()?).map_err(|e| bad_input(e.to_string()))?;
    let (passes, failures) = gate.judge(&eval);
    if failures.is_empty() {
        println!(
            "ok: {}",
            if passes.is_empty() {
                "nothing to check".to_string()
            } else {
                passes.join(", ")
            }
        );
        Ok(0)
    } else {
        println!("short: {}", failures.join("; "));
        Ok(1)
    }
}

/// The framework ids named (by id in any case, or by short name), or an
/// error for one the catalog does not have.
fn check_known(cat: &Catalog, only: &[String]) -> Result<Vec<String>> {
    only.iter()
        .map(|name| match cat.find_framework(name) {
            Some(fw) => Ok(fw.id.to_string()),
            None => {
                let ids: Vec<&str> = cat.frameworks.iter().map(|f| f.id.as_str()).collect();
                Err(bad_input(format!(
                    "no framework `{name}`; choose one of: {}",
                    ids.join(", ")
                )))
            }
        })
        .collect()
}

impl Gate {
    /// What passed and what fell short, one phrase each.
    fn judge(&self, eval: &Evaluation) -> (Vec<String>, Vec<String>) {
        let mut failures = Vec::new();
        let mut passes = Vec::new();
        for fr in &eval.analysis.frameworks {
            let named = self.only.iter().any(|o| o == &fr.id);
            if !self.only.is_empty() && !named {
                continue;
            }
            if !fr.in_scope {
                if named {
                    failures.push(format!("{} is not in scope for this assessment", fr.short));
                }
                continue;
            }
            match fr.readiness {
                None => failures.push(format!(
                    "{} is not assessed (nothing applicable answered)",
                    fr.short
                )),
                Some(r) if r + 1e-9 < self.min => failures.push(format!(
                    "{} readiness {r:.0}% is below {:.0}%",
                    fr.short, self.min
                )),
                Some(r) => passes.push(format!("{} {r:.0}%", fr.short)),
            }
        }
        if self.no_overdue {
            failures.extend(overdue(eval));
        }
        (passes, failures)
    }
}

/// Plan items that close EU AI Act obligations already in force, as one
/// failure (or none).
fn overdue(eval: &Evaluation) -> Option<String> {
    let overdue: Vec<&str> = eval
        .plan
        .items
        .iter()
        .filter(|i| i.overdue)
        .map(|i| i.id.as_str())
        .collect();
    (!overdue.is_empty()).then(|| {
        format!(
            "{} plan item(s) close EU AI Act obligations that already apply: {}",
            overdue.len(),
            overdue.join(", ")
        )
    })
}
