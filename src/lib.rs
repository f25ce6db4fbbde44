//! trustgap: readiness assessment for AI companies against SOC 2,
//! ISO/IEC 42001, the EU AI Act and the NIST AI RMF.
//!
//! Data flow: [`catalog`] (frameworks and questionnaires as TOML) →
//! [`assessment`] (the answers file) → [`engine`] (scope → analyze → plan,
//! pure) → [`report`] (markdown, CSV, JSON, OSCAL, terminal table).

pub mod assessment;
pub mod catalog;
pub mod cli;
pub mod condition;
pub mod engine;
pub mod location;
pub mod merge;
pub mod prompt;
pub mod report;
mod snapshot;
pub mod sync;
pub mod synthetic;
pub mod text;
pub mod tui;
pub mod workspace;

/// Files built into the binary by `build.rs`: the pre-parsed catalog.
pub(crate) mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}
