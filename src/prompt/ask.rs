//! `trustgap ask`: the questionnaire as line-by-line prompts.
//!
//! Same questions, same engine, same file as the full-screen wizard. Every
//! answer is saved atomically before the next prompt; Ctrl-C stops cleanly
//! (the last answer is already on disk); resuming continues at the first
//! unanswered question.
//!
//! A sitting goes: scoping questions, then the AI systems (added before
//! their classification questions), then the gap questions; at the end the
//! facilitator's notes per section, the session log and a summary.

use std::collections::BTreeSet;

use super::question::{Step, ask_one};
use super::systems::{Stopped, manage_systems};
use super::{PromptError, Prompter};
use crate::assessment::{Answer, Assessment, Session, Status};
use crate::catalog::{Catalog, Question, Questionnaire, SectionKind};
use crate::engine::{self, Evaluation};

pub use super::sitting::{Outcome, Sitting};

/// One question to ask: for the organisation or for one AI system.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Slot {
    system: Option<String>,
    question: String,
}

impl Slot {
    fn key(&self) -> String {
        match &self.system {
            Some(s) => format!("{s}/{}", self.question),
            None => self.question.clone(),
        }
    }
}

fn questionnaire<'a>(cat: &'a Catalog, a: &Assessment) -> Result<&'a Questionnaire, String> {
    let id = a.questionnaire_id();
    cat.questionnaire(id)
        .ok_or_else(|| format!("questionnaire `{id}` is not loaded"))
}

/// The questions asked, in order: scoping, each AI system, then gap sections.
fn slots(qn: &Questionnaire, ev: &Evaluation, only: Option<&str>) -> Vec<Slot> {
    let mut out = Vec::new();
    let keep = |s: &str| only.is_none_or(|o| o == s);
    for kind in [SectionKind::Scoping, SectionKind::System, SectionKind::Gap] {
        for section in qn.sections.iter().filter(|s| s.kind == kind && keep(&s.id)) {
            if kind == SectionKind::System {
                for sys in &ev.scope.systems {
                    for q in qn.questions_in(&section.id) {
                        if sys.asked.contains(q.id.as_str()) {
                            out.push(Slot {
                                system: Some(sys.id.clone()),
                                question: q.id.to_string(),
                            });
                        }
                    }
                }
            } else {
                for q in qn.questions_in(&section.id) {
                    if ev.scope.asked.contains(q.id.as_str()) {
                        out.push(Slot {
                            system: None,
                            question: q.id.to_string(),
                        });
                    }
                }
            }
        }
    }
    out
}

/// Runs a sitting. Saves after every answer; returns what happened.
pub fn run(s: &mut Sitting<'_>, p: &mut dyn Prompter) -> Result<Outcome, String> {
    let qn = questionnaire(s.catalog, &s.assessment)?;
    if let Some(sec) = &s.section
        && qn.section(sec).is_none()
    {
        let ids: Vec<&str> = qn.sections.iter().map(|x| x.id.as_str()).collect();
        return Err(format!(
            "no section `{sec}`; choose one of: {}",
            ids.join(", ")
        ));
    }
    for who in &s.attendees {
        if !s.assessment.participants.contains(who) {
            s.assessment.participants.push(who.clone());
        }
    }
    p.say(&format!(
        "trustgap — {} ({}). Answers are saved after each question; Ctrl-C stops, Esc goes back.",
        s.assessment.organisation,
        s.path.display()
    ));
    let mut out = Outcome::default();
    let covered = ask_questions(s, qn, p, &mut out)?;
    if !out.answered.is_empty() {
        if !out.interrupted {
            facilitator_notes(s, qn, &covered, p);
        }
        log_session(s, &out, &covered)?;
    }
    let ev = engine::evaluate(s.catalog, qn, &s.assessment, s.today);
    out.progress = engine::progress(&ev, &s.assessment);
    out.parking_lot = s
        .assessment
        .parking_lot()
        .into_iter()
        .map(|(k, a)| {
            let who = a.who_finds_out().unwrap_or("nobody yet").to_string();
            (k, who)
        })
        .collect();
    for line in summary_lines(&out, &ev) {
        p.say(&line);
    }
    Ok(out)
}

/// Where a sitting is in the questionnaire.
#[derive(Default)]
struct Walk {
    /// Skipped in this sitting (not asked again until the user goes back).
    skipped: BTreeSet<Slot>,
    /// Answered or skipped, in order, for going back.
    history: Vec<Slot>,
    /// Ask this one next (after going back).
    redo: Option<Slot>,
    /// Sections with an answer in this sitting.
    covered: BTreeSet<String>,
    /// Whether the AI systems were offered yet.
    systems_offered: bool,
}

impl Walk {
    /// Whether to offer the AI systems now: once, when the scoping
    /// questions are done, unless the sitting takes a section of another
    /// kind.
    fn offer_systems(&mut self, s: &Sitting<'_>, qn: &Questionnaire, order: &[Slot]) -> bool {
        let scoping_done = order
            .iter()
            .filter(|sl| {
                sl.system.is_none()
                    && qn
                        .question(&sl.question)
                        .is_some_and(|q| qn.section_kind(q) == SectionKind::Scoping)
            })
            .all(|sl| {
                s.assessment
                    .answer(None, &sl.question)
                    .is_some_and(Answer::is_answered)
                    || self.skipped.contains(sl)
            });
        let wants_systems = s.section.as_deref().is_none_or(|x| {
            qn.section(x)
                .is_some_and(|sec| sec.kind == SectionKind::System)
        });
        if scoping_done && !self.systems_offered && wants_systems {
            self.systems_offered = true;
            return true;
        }
        false
    }

    /// The question to ask next: the one gone back to, else the first in
    /// `order` neither answered nor skipped.
    fn next(&mut self, s: &Sitting<'_>, order: &[Slot]) -> Option<Slot> {
        self.redo.take().or_else(|| {
            order
                .iter()
                .find(|sl| {
                    !self.skipped.contains(*sl)
                        && !s
                            .assessment
                            .answer(sl.system.as_deref(), &sl.question)
                            .is_some_and(Answer::is_answered)
                })
                .cloned()
        })
    }

    /// Goes back from `current` to the previous question; false (and
    /// `current` again) when there is none.
    fn back(&mut self, current: Slot) -> bool {
        match self.history.pop() {
            Some(prev) => {
                self.skipped.remove(&prev);
                self.redo = Some(prev);
                true
            }
            None => {
                self.redo = Some(current);
                false
            }
        }
    }
}

/// Asks the questions in order, each evaluated afresh (answers change what
/// is asked), until none is left or the user stops. Returns the sections
/// covered.
fn ask_questions(
    s: &mut Sitting<'_>,
    qn: &Questionnaire,
    p: &mut dyn Prompter,
    out: &mut Outcome,
) -> Result<BTreeSet<String>, String> {
    let mut walk = Walk::default();
    loop {
        let ev = engine::evaluate(s.catalog, qn, &s.assessment, s.today);
        let order = slots(qn, &ev, s.section.as_deref());
        out.progress = engine::progress(&ev, &s.assessment);
        if walk.offer_systems(s, qn, &order)
            && (engine::uses_ai(&s.assessment.answers) || !s.assessment.systems.is_empty())
        {
            match manage_systems(s, qn, p)? {
                Stopped::No => continue,
                Stopped::Interrupted => {
                    out.interrupted = true;
                    break;
                }
            }
        }
        let Some(slot) = walk.next(s, &order) else {
            break;
        };
        let Some(q) = qn.question(&slot.question) else {
            walk.skipped.insert(slot);
            continue;
        };
        p.say(&position(s, qn, q, &slot, &order, out.progress.0));
        match ask_one(s, q, slot.system.as_deref(), p) {
            Ok(Step::Answered) => {
                walk.covered.insert(q.section.to_string());
                answered(s, &slot, q, out);
                s.save()?;
                walk.history.push(slot);
            }
            Ok(Step::Skip) => {
                walk.skipped.insert(slot.clone());
                walk.history.push(slot);
            }
            Ok(Step::Back) => {
                if !walk.back(slot) {
                    p.say("(this is the first question of the sitting)");
                }
            }
            Ok(Step::Quit) => break,
            Err(PromptError::Interrupted) => {
                out.interrupted = true;
                break;
            }
            Err(PromptError::Cancelled) => {
                walk.back(slot);
            }
            Err(PromptError::Other(e)) => return Err(e),
        }
    }
    Ok(walk.covered)
}

/// The line before a question: where it is in the sitting, its section and
/// system, and how many are answered.
fn position(
    s: &Sitting<'_>,
    qn: &Questionnaire,
    q: &Question,
    slot: &Slot,
    order: &[Slot],
    answered: usize,
) -> String {
    let position = order
        .iter()
        .position(|x| x == slot)
        .map(|i| i + 1)
        .unwrap_or(0);
    let section = qn
        .section(&q.section)
        .map(|x| x.title.as_str())
        .unwrap_or("");
    let system_name = slot
        .system
        .as_ref()
        .and_then(|sid| s.assessment.systems.get(sid))
        .map(|x| format!(" · {}", x.name))
        .unwrap_or_default();
    format!(
        "\n[{position} of {}] {section}{system_name} · {answered} answered",
        order.len()
    )
}

/// Notes an answer in the outcome: answered this time, and a new gap when
/// it is missing or partial (no longer one when it was answered again).
fn answered(s: &Sitting<'_>, slot: &Slot, q: &Question, out: &mut Outcome) {
    let key = slot.key();
    if !out.answered.contains(&key) {
        out.answered.push(key.clone());
    }
    let a = s.assessment.answer(slot.system.as_deref(), &q.id);
    if a.is_some_and(|a| matches!(a.status, Some(Status::Missing | Status::Partial))) {
        if !out.new_gaps.contains(&key) {
            out.new_gaps.push(key);
        }
    } else {
        out.new_gaps.retain(|g| *g != key);
    }
}

/// Asks for the facilitator's notes on each section covered; stops at the
/// first prompt not answered.
fn facilitator_notes(
    s: &mut Sitting<'_>,
    qn: &Questionnaire,
    covered: &BTreeSet<String>,
    p: &mut dyn Prompter,
) {
    for sec in covered {
        let title = qn.section(sec).map(|x| x.title.clone()).unwrap_or_default();
        let current = s
            .assessment
            .section_notes
            .get(sec)
            .cloned()
            .unwrap_or_default();
        match p.text(
            &format!("Facilitator notes for \"{title}\" (enter to keep as is):"),
            &current,
            None,
        ) {
            Ok(t) if !t.trim().is_empty() => {
                s.assessment
                    .section_notes
                    .insert(sec.clone(), t.trim().to_string());
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
}

/// Records the sitting in the session log and saves.
fn log_session(
    s: &mut Sitting<'_>,
    out: &Outcome,
    covered: &BTreeSet<String>,
) -> Result<(), String> {
    let id = s.assessment.next_session_id(s.today);
    let mut attendees = if s.attendees.is_empty() {
        s.assessment.participants.clone()
    } else {
        s.attendees.clone()
    };
    if let Some(b) = &s.by
        && !attendees.contains(b)
    {
        attendees.push(b.clone());
    }
    let session = Session {
        date: Some(s.today),
        facilitator: s.by.clone().unwrap_or_default(),
        attendees,
        sections: covered.iter().cloned().collect(),
        summary: format!(
            "{} answered, {} new gap(s){}",
            out.answered.len(),
            out.new_gaps.len(),
            if out.interrupted {
                ", stopped early"
            } else {
                ""
            }
        ),
        ..Session::default()
    };
    s.assessment.sessions.insert(id, session);
    s.save()
}

/// The end-of-sitting summary.
pub fn summary_lines(out: &Outcome, ev: &Evaluation) -> Vec<String> {
    let mut lines = vec![String::new(), "Summary of this sitting".to_string()];
    lines.push(format!(
        "  answered this time: {}; progress {} of {} questions",
        out.answered.len(),
        out.progress.0,
        out.progress.1
    ));
    if out.new_gaps.is_empty() {
        lines.push("  new gaps: none".into());
    } else {
        lines.push(format!(
            "  new gaps ({}): {}",
            out.new_gaps.len(),
            out.new_gaps.join(", ")
        ));
    }
    if out.parking_lot.is_empty() {
        lines.push("  parking lot: empty".into());
    } else {
        lines.push(format!(
            "  parking lot ({} don't know):",
            out.parking_lot.len()
        ));
        for (q, who) in &out.parking_lot {
            lines.push(format!("    {q} — to find out: {who}"));
        }
    }
    let readiness: Vec<String> = ev
        .analysis
        .frameworks
        .iter()
        .filter(|f| f.in_scope)
        .map(|f| format!("{} {}", f.short, crate::report::pct(f.readiness)))
        .collect();
    if !readiness.is_empty() {
        lines.push(format!("  readiness: {}", readiness.join(", ")));
    }
    if out.interrupted {
        lines.push(
            "  stopped early: run the same command again to continue where you left off".into(),
        );
    }
    lines
}
