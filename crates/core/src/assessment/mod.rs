//! The assessment file: one TOML file per organisation.
//!
//! Layout (built to merge cleanly in git): a small `[assessment]` header, then
//! one table per answer in sorted order (`[answers."iam.mfa"]`), one table per
//! AI system and per system answer, and one per Statement of Applicability
//! entry. Nothing derived (scores, counts, a whole-file "updated" stamp) is
//! stored. Keys and answers trustgap does not recognise are kept on save.

//!
//! The modules build on each other in this order: [`model`] (the types),
//! `read` and `write` (the text), then `file` (the file on disk, which
//! explains git conflicts with [`crate::merge`]).

pub(crate) mod de;
pub(crate) mod file;
pub(crate) mod model;
pub(crate) mod read;
pub(crate) mod write;

pub use file::{
    AssessmentError, atomic_write, is_assessment_file, load, parse, save, save_rebased,
};
pub use model::*;
pub use write::{to_toml, update_text};
