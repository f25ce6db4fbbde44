//! `trustgap sync FILE --from PLAN.md`: brings ticked task boxes of an
//! exported markdown plan back into the assessment.
//!
//! A plan item is a task line whose text carries its id in a code span in
//! parentheses, as the markdown export writes it:
//! `- [x] **Enforce MFA** (`rem.iam-mfa`)`. A ticked box records the item
//! as "done, to verify" (`[remediations."rem.iam-mfa"] state =
//! "done-to-verify"`); unticking a box that was recorded reopens it. The
//! requirements still count as covered only once the answers say
//! implemented. Ids that are not remediations of the questionnaire are
//! reported and nothing is written: sync never guesses.

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;

use crate::assessment::{Assessment, RemediationProgress, RemediationState};
use crate::catalog::Questionnaire;
use crate::engine::Plan;

/// One task box found in a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub id: String,
    pub done: bool,
    /// 1-based line number.
    pub line: usize,
}

/// Why nothing was synced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    #[error("{}", unknown_message(.0))]
    Unknown(Vec<Mark>),
    #[error("{}", contradiction_message(.0))]
    Contradiction(Vec<(String, Vec<usize>)>),
}

fn unknown_message(marks: &[Mark]) -> String {
    let list: Vec<String> = marks
        .iter()
        .map(|m| format!("line {}: `{}`", m.line, m.id))
        .collect();
    format!(
        "{} task item(s) name an id that is not a remediation of this questionnaire, so nothing was recorded: {}. Fix or remove them (export the plan again to see the current ids).",
        marks.len(),
        list.join(", ")
    )
}

fn contradiction_message(items: &[(String, Vec<usize>)]) -> String {
    let list: Vec<String> = items
        .iter()
        .map(|(id, lines)| {
            let l: Vec<String> = lines.iter().map(|n| n.to_string()).collect();
            format!("`{id}` (lines {})", l.join(", "))
        })
        .collect();
    format!(
        "the plan ticks and unticks the same item, so nothing was recorded: {}",
        list.join(", ")
    )
}

/// What a sync changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Newly recorded as done, to verify.
    pub done: Vec<String>,
    /// Unticked again: recorded as open.
    pub reopened: Vec<String>,
    /// Boxes whose state was already recorded.
    pub unchanged: usize,
    /// Ticked items with no gap behind them any more (nothing to record).
    pub not_in_plan: Vec<String>,
}

impl Outcome {
    pub fn changed(&self) -> bool {
        !self.done.is_empty() || !self.reopened.is_empty()
    }
}

/// A plausible item id: no spaces or backticks.
fn plausible_id(s: &str) -> bool {
    !s.is_empty() && !s.chars().any(|c| c.is_whitespace() || c == '`')
}

/// Finds every task line with an item id (outside fenced code blocks).
pub fn parse_plan(text: &str) -> Vec<Mark> {
    let mut out = Vec::new();
    let mut fence: Option<&str> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_start();
        if let Some(f) = fence {
            if line.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if line.starts_with("```") {
            fence = Some("```");
            continue;
        }
        if line.starts_with("~~~") {
            fence = Some("~~~");
            continue;
        }
        // List marker: `-`, `*`, `+`, or `1.` / `1)`.
        let rest = if let Some(r) = line
            .strip_prefix("- ")
            .or_else(|| line.strip_prefix("* "))
            .or_else(|| line.strip_prefix("+ "))
        {
            r
        } else {
            let digits = line.chars().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 || digits > 9 {
                continue;
            }
            match line[digits..]
                .strip_prefix(". ")
                .or_else(|| line[digits..].strip_prefix(") "))
            {
                Some(r) => r,
                None => continue,
            }
        };
        let rest = rest.trim_start();
        let (done, after) = if let Some(r) = rest.strip_prefix("[ ]") {
            (false, r)
        } else if let Some(r) = rest
            .strip_prefix("[x]")
            .or_else(|| rest.strip_prefix("[X]"))
        {
            (true, r)
        } else {
            continue;
        };
        if !(after.is_empty() || after.starts_with([' ', '\t'])) {
            continue;
        }
        let Some(start) = after.find("(`") else {
            continue;
        };
        let tail = &after[start + 2..];
        let Some(end) = tail.find("`)") else { continue };
        let id = &tail[..end];
        if !plausible_id(id) {
            continue;
        }
        out.push(Mark {
            id: id.to_string(),
            done,
            line: i + 1,
        });
    }
    out
}

/// Whether `id` is an audit milestone of the plan (booking the auditor,
/// the system description …), which can be ticked like a remediation.
fn is_milestone(plan: &Plan, id: &str) -> bool {
    plan.items
        .iter()
        .any(|i| i.id == id && i.kind == crate::engine::ItemKind::Milestone)
}

/// Records the marks in the assessment. `plan` is the current plan for the
/// assessment (unfiltered); `now` and `by` are stamped on every change.
/// On an error the assessment is unchanged.
pub fn apply(
    a: &mut Assessment,
    qn: &Questionnaire,
    plan: &Plan,
    marks: &[Mark],
    now: Timestamp,
    by: Option<&str>,
) -> Result<Outcome, SyncError> {
    let unknown: Vec<Mark> = marks
        .iter()
        .filter(|m| qn.remediation(&m.id).is_none() && !is_milestone(plan, &m.id))
        .cloned()
        .collect();
    if !unknown.is_empty() {
        return Err(SyncError::Unknown(unknown));
    }
    let mut state: BTreeMap<&str, (bool, Vec<usize>)> = BTreeMap::new();
    let mut contradictions: BTreeSet<&str> = BTreeSet::new();
    for m in marks {
        let e = state.entry(m.id.as_str()).or_insert((m.done, Vec::new()));
        if e.0 != m.done {
            contradictions.insert(m.id.as_str());
        }
        e.1.push(m.line);
    }
    if !contradictions.is_empty() {
        return Err(SyncError::Contradiction(
            contradictions
                .iter()
                .map(|id| (id.to_string(), state[id].1.clone()))
                .collect(),
        ));
    }
    let in_plan: BTreeSet<&str> = plan.items.iter().map(|i| i.id.as_str()).collect();
    let by = by
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(String::from);
    let mut out = Outcome::default();
    for (id, (done, _)) in state {
        let current = a.remediations.get(id).map(|p| p.state);
        let target = if done {
            if !in_plan.contains(id) {
                out.not_in_plan.push(id.to_string());
                continue;
            }
            RemediationState::DoneToVerify
        } else if current == Some(RemediationState::DoneToVerify) {
            RemediationState::Open
        } else {
            out.unchanged += 1;
            continue;
        };
        if current == Some(target) {
            out.unchanged += 1;
            continue;
        }
        let entry = a
            .remediations
            .entry(id.to_string())
            .or_insert_with(|| RemediationProgress {
                state: target,
                updated: None,
                by: None,
                extra: Default::default(),
            });
        entry.state = target;
        entry.updated = Some(now);
        entry.by = by.clone();
        match target {
            RemediationState::DoneToVerify => out.done.push(id.to_string()),
            RemediationState::Open => out.reopened.push(id.to_string()),
        }
    }
    Ok(out)
}
