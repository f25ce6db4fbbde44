//! Renderings of an evaluation. Renderers decide nothing: they format what
//! the engine concluded.

pub mod json;
pub mod markdown;
pub mod table;

use crate::assessment::Assessment;
use crate::catalog::{Catalog, Questionnaire};
use crate::engine::Evaluation;

/// Everything a renderer needs.
pub struct Input<'a> {
    pub catalog: &'a Catalog,
    pub questionnaire: &'a Questionnaire,
    pub assessment: &'a Assessment,
    pub eval: &'a Evaluation,
}

/// Formats a readiness value: `62%`, or `not assessed`.
pub fn pct(r: Option<f64>) -> String {
    match r {
        Some(v) => format!("{:.0}%", v),
        None => "not assessed".to_string(),
    }
}

/// Short name of a framework id.
pub fn short<'a>(cat: &'a Catalog, id: &'a str) -> &'a str {
    cat.framework(id).map(|f| f.short.as_str()).unwrap_or(id)
}
