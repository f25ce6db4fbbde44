//! What a sitting of `trustgap ask` works on and what it comes to: the
//! assessment being answered, who answers, and the outcome.

use std::path::PathBuf;

use jiff::Timestamp;
use jiff::civil::Date;

use crate::assessment::{self, Answer, Assessment};
use crate::catalog::Catalog;

/// Everything a sitting needs.
pub struct Sitting<'a> {
    pub catalog: &'a Catalog,
    pub path: PathBuf,
    pub assessment: Assessment,
    /// The file as this sitting last read or wrote it: what another writer
    /// (a wizard, a second `ask`) saved since is brought in at each save.
    pub base: Assessment,
    pub today: Date,
    /// The clock for `updated` stamps (injected so tests are stable).
    pub now: &'a dyn Fn() -> Timestamp,
    /// Who is answering (recorded as `by`).
    pub by: Option<String>,
    /// Only this section, when given (`--section`).
    pub section: Option<String>,
    /// Who takes part in this sitting (added to the participants).
    pub attendees: Vec<String>,
}

/// What happened in a sitting.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    /// Questions answered this time (`question` or `system/question`).
    pub answered: Vec<String>,
    /// Of those, answered missing or partial.
    pub new_gaps: Vec<String>,
    /// Don't-knows open in the whole assessment: (question, who finds out).
    pub parking_lot: Vec<(String, String)>,
    /// Stopped with Ctrl-C (rather than finishing).
    pub interrupted: bool,
    /// (answered, asked) at the end.
    pub progress: (usize, usize),
}

impl Sitting<'_> {
    /// The current answer to question `qid` (of system `sys`), or an empty one.
    pub fn answer(&self, sys: Option<&str>, qid: &str) -> Answer {
        self.assessment
            .answer(sys, qid)
            .cloned()
            .unwrap_or_default()
    }

    /// Stamps answer `a` (when, by whom) and records it for question `qid`
    /// (of system `sys`).
    pub fn set_answer(&mut self, sys: Option<&str>, qid: &str, mut a: Answer) {
        a.touch((self.now)(), self.by.as_deref());
        *self.assessment.answer_mut(sys, qid) = a;
    }

    /// Saves the assessment (atomically) to its file, keeping what another
    /// writer saved there meanwhile (both changed one answer: the later wins).
    pub fn save(&mut self) -> Result<(), String> {
        let (written, _overlaps) =
            assessment::save_rebased(&self.base, &self.assessment, &self.path)
                .map_err(|e| e.to_string())?;
        self.assessment = written.clone();
        self.base = written;
        Ok(())
    }
}
