//! trustgap's core: everything that knows nothing of terminals or
//! command-line arguments. The data flows through the modules in this order:
//!
//! [`catalog`] (frameworks and questionnaires as TOML) → [`assessment`] (the
//! answers file) → [`engine`] (scope → analyze → plan, pure) → [`report`]
//! (markdown, CSV, JSON, OSCAL, terminal table).
//!
//! The front ends (the `trustgap` binary's wizard, line prompts and
//! commands) sit on top of this crate side by side.

pub mod assessment;
pub mod catalog;
pub mod condition;
#[cfg(feature = "docs")]
pub mod docs;
pub mod engine;
pub mod location;
pub mod merge;
#[cfg(feature = "report")]
pub mod report;
pub mod sync;
pub mod synthetic;
pub mod text;
pub mod workspace;
