//! trustgap: readiness assessment for AI companies against SOC 2,
//! ISO/IEC 42001, the EU AI Act and the NIST AI RMF.
//!
//! The core ([`trustgap_core`]: catalog → assessment → engine → report)
//! knows nothing of terminals or arguments. This crate puts the built-in
//! catalog ([`embedded`]) and the front ends on top of it: the command line
//! ([`cli`]), the full-screen wizard ([`tui`]) and the line prompts
//! ([`prompt`]), side by side: none of them imports another (the command
//! line only starts the other two). What they share sits below them: the
//! core, [`embedded`], and [`exit`] (exit codes).

pub use trustgap_core::{
    assessment, condition, docs, engine, location, merge, report, sync, synthetic, text, workspace,
};

/// The core's catalog module, with the loader that starts from the
/// built-in catalog.
pub mod catalog {
    pub use crate::embedded::load_catalog;
    pub use trustgap_core::catalog::*;
}

pub mod cli;
pub mod embedded;
pub mod exit;
pub mod prompt;
pub mod tui;
