//! `trustgap ask`: the questionnaire as line-by-line prompts.
//!
//! Same questions, same engine, same file as the full-screen wizard. Every
//! answer is saved atomically before the next prompt; Ctrl-C stops cleanly
//! (the last answer is already on disk); resuming continues at the first
//! unanswered question.

use std::collections::BTreeSet;
use std::path::PathBuf;

use jiff::Timestamp;
use jiff::civil::Date;

use super::{PromptError, Prompter};
use crate::assessment::{self, Answer, Assessment, Session, Status, Value};
use crate::catalog::{AnswerKind, Catalog, Question, Questionnaire, SectionKind};
use crate::engine::{self, Evaluation};

/// Everything a sitting needs.
pub struct Sitting<'a> {
    pub catalog: &'a Catalog,
    pub path: PathBuf,
    pub assessment: Assessment,
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

fn slug(name: &str) -> String {
    let f = crate::workspace::file_name_for(name);
    f.trim_end_matches(".toml").to_string()
}

/// Runs a sitting. Saves after every answer; returns what happened.
pub fn run(s: &mut Sitting<'_>, p: &mut dyn Prompter) -> Result<Outcome, String> {
    let cat = s.catalog;
    let qn = questionnaire(cat, &s.assessment)?;
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
    let mut out = Outcome::default();
    let mut skipped: BTreeSet<Slot> = BTreeSet::new();
    let mut history: Vec<Slot> = Vec::new();
    let mut redo: Option<Slot> = None;
    let mut covered_sections: BTreeSet<String> = BTreeSet::new();
    let mut systems_offered = false;
    p.say(&format!(
        "trustgap — {} ({}). Answers are saved after each question; Ctrl-C stops, Esc goes back.",
        s.assessment.organisation,
        s.path.display()
    ));

    let result = loop {
        let ev = engine::evaluate(cat, qn, &s.assessment, s.today);
        let order = slots(qn, &ev, s.section.as_deref());
        let (answered, asked) = engine::progress(&ev, &s.assessment);
        out.progress = (answered, asked);
        // Offer to record AI systems once the scoping questions are done.
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
                    || skipped.contains(sl)
            });
        let wants_systems = s.section.as_deref().is_none_or(|x| {
            qn.section(x)
                .is_some_and(|sec| sec.kind == SectionKind::System)
        });
        if scoping_done && !systems_offered && wants_systems {
            systems_offered = true;
            let uses_ai = crate::engine::uses_ai(&s.assessment.answers);
            if uses_ai || !s.assessment.systems.is_empty() {
                match manage_systems(s, qn, p) {
                    Ok(Stopped::No) => continue,
                    Ok(Stopped::Interrupted) => {
                        out.interrupted = true;
                        break Ok(());
                    }
                    Err(e) => break Err(e),
                }
            }
        }
        let next = redo.take().or_else(|| {
            order
                .iter()
                .find(|sl| {
                    !skipped.contains(*sl)
                        && !s
                            .assessment
                            .answer(sl.system.as_deref(), &sl.question)
                            .is_some_and(Answer::is_answered)
                })
                .cloned()
        });
        let Some(slot) = next else {
            break Ok(());
        };
        let Some(q) = qn.question(&slot.question) else {
            skipped.insert(slot);
            continue;
        };
        let position = order
            .iter()
            .position(|x| *x == slot)
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
        p.say(&format!(
            "\n[{position} of {}] {section}{system_name} · {answered} answered",
            order.len()
        ));
        match ask_one(s, qn, q, &slot, p) {
            Ok(Step::Answered) => {
                covered_sections.insert(q.section.to_string());
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
                if let Err(e) = assessment::save(&s.assessment, &s.path) {
                    break Err(e.to_string());
                }
                history.push(slot);
            }
            Ok(Step::Skip) => {
                skipped.insert(slot.clone());
                history.push(slot);
            }
            Ok(Step::Back) => match history.pop() {
                Some(prev) => {
                    skipped.remove(&prev);
                    redo = Some(prev);
                }
                None => {
                    p.say("(this is the first question of the sitting)");
                    redo = Some(slot);
                }
            },
            Ok(Step::Quit) => break Ok(()),
            Err(PromptError::Interrupted) => {
                out.interrupted = true;
                break Ok(());
            }
            Err(PromptError::Cancelled) => match history.pop() {
                Some(prev) => {
                    skipped.remove(&prev);
                    redo = Some(prev);
                }
                None => redo = Some(slot),
            },
            Err(PromptError::Other(e)) => break Err(e),
        }
    };
    result?;

    // Facilitator notes and the session log.
    if !out.interrupted && !out.answered.is_empty() {
        for sec in &covered_sections {
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
    if !out.answered.is_empty() {
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
        s.assessment.sessions.insert(
            id,
            Session {
                date: Some(s.today),
                facilitator: s.by.clone().unwrap_or_default(),
                attendees,
                sections: covered_sections.iter().cloned().collect(),
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
            },
        );
        assessment::save(&s.assessment, &s.path).map_err(|e| e.to_string())?;
    }
    let ev = engine::evaluate(cat, qn, &s.assessment, s.today);
    out.progress = engine::progress(&ev, &s.assessment);
    out.parking_lot = s
        .assessment
        .parking_lot()
        .into_iter()
        .map(|(k, a)| (k, a.owner.clone().unwrap_or_else(|| "nobody yet".into())))
        .collect();
    for line in summary_lines(&out, &ev) {
        p.say(&line);
    }
    Ok(out)
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

enum Step {
    Answered,
    Skip,
    Back,
    Quit,
}

const SKIP: &str = "Skip for now";
const BACK: &str = "Back to the previous question";
const HELP: &str = "Why it matters / what an auditor will ask";
const NOTE: &str = "Add a note, evidence link or owner";
const QUIT: &str = "Stop here (answers are saved)";
const DONT_KNOW: &str = "Don't know (park it; say who will find out)";
const NOT_APPLICABLE: &str = "Not applicable (needs a justification)";

fn stamp(s: &Sitting<'_>, a: &mut Answer) {
    a.touch((s.now)(), s.by.as_deref());
}

fn ask_one(
    s: &mut Sitting<'_>,
    qn: &Questionnaire,
    q: &Question,
    slot: &Slot,
    p: &mut dyn Prompter,
) -> Result<Step, PromptError> {
    let _ = qn;
    let sys = slot.system.as_deref();
    loop {
        let current = s.assessment.answer(sys, &q.id).cloned().unwrap_or_default();
        let help = Some("↑↓ move · enter choose · Esc back · Ctrl-C stop");
        match q.kind {
            AnswerKind::Readiness | AnswerKind::YesNo | AnswerKind::Single => {
                let mut labels: Vec<String> = Vec::new();
                let mut values: Vec<Choice> = Vec::new();
                if q.kind == AnswerKind::Readiness {
                    for (st, label) in [
                        (Status::Implemented, "Implemented"),
                        (Status::Partial, "Partly in place"),
                        (Status::Missing, "Missing"),
                    ] {
                        labels.push(label.into());
                        values.push(Choice::Status(st));
                    }
                } else {
                    for o in &q.options {
                        labels.push(o.label.to_string());
                        values.push(Choice::Value(o.id.to_string()));
                    }
                }
                for (label, c) in [
                    (DONT_KNOW, Choice::Status(Status::DontKnow)),
                    (NOT_APPLICABLE, Choice::Status(Status::NotApplicable)),
                    (HELP, Choice::Help),
                    (NOTE, Choice::Note),
                    (SKIP, Choice::Skip),
                    (BACK, Choice::Back),
                    (QUIT, Choice::Quit),
                ] {
                    if q.kind != AnswerKind::Readiness
                        && matches!(c, Choice::Status(Status::NotApplicable))
                    {
                        continue;
                    }
                    labels.push(label.into());
                    values.push(c);
                }
                let msg = question_line(q, &current);
                let i = p.select(&msg, &labels, help)?;
                match values[i].clone() {
                    Choice::Status(st) => {
                        if !record_status(s, sys, q, st, p)? {
                            continue;
                        }
                        return Ok(Step::Answered);
                    }
                    Choice::Value(v) => {
                        let mut a = current.clone();
                        a.value = Some(Value::Text(v));
                        a.status = None;
                        a.justification = None;
                        stamp(s, &mut a);
                        *s.assessment.answer_mut(sys, &q.id) = a;
                        return Ok(Step::Answered);
                    }
                    Choice::Help => show_help(q, p),
                    Choice::Note => add_details(s, sys, q, p)?,
                    Choice::Skip => return Ok(Step::Skip),
                    Choice::Back => return Ok(Step::Back),
                    Choice::Quit => return Ok(Step::Quit),
                }
            }
            AnswerKind::Multi => {
                let labels: Vec<String> = q.options.iter().map(|o| o.label.to_string()).collect();
                let defaults: Vec<usize> = match &current.value {
                    Some(Value::List(l)) => q
                        .options
                        .iter()
                        .enumerate()
                        .filter(|(_, o)| l.iter().any(|x| *x == o.id))
                        .map(|(i, _)| i)
                        .collect(),
                    _ => Vec::new(),
                };
                let picked = p.multi_select(
                    &question_line(q, &current),
                    &labels,
                    &defaults,
                    Some("space select · enter confirm (nothing selected skips) · Esc back · Ctrl-C stop"),
                )?;
                if picked.is_empty() {
                    return Ok(Step::Skip);
                }
                let mut ids: Vec<String> = picked
                    .iter()
                    .map(|i| q.options[*i].id.to_string())
                    .collect();
                if ids.len() > 1 {
                    ids.retain(|x| x != "none");
                }
                let mut a = current.clone();
                a.value = Some(Value::List(ids));
                a.status = None;
                stamp(s, &mut a);
                *s.assessment.answer_mut(sys, &q.id) = a;
                return Ok(Step::Answered);
            }
            AnswerKind::Number | AnswerKind::Text | AnswerKind::Date => {
                let default = match &current.value {
                    Some(Value::Number(n)) => n.to_string(),
                    Some(Value::Text(t)) => t.clone(),
                    Some(Value::Date(d)) => d.to_string(),
                    _ => String::new(),
                };
                let hint = match q.kind {
                    AnswerKind::Number => "a number; empty to skip; ? for help",
                    AnswerKind::Date => "a date like 2027-06-30; empty to skip; ? for help",
                    _ => "empty to skip; ? for help",
                };
                let text = p.text(&question_line(q, &current), &default, Some(hint))?;
                let text = text.trim().to_string();
                if text == "?" {
                    show_help(q, p);
                    continue;
                }
                if text.is_empty() {
                    return Ok(Step::Skip);
                }
                let value = match q.kind {
                    AnswerKind::Number => match text.replace([',', '_'], "").parse::<f64>() {
                        Ok(n) if n.is_finite() => Value::Number(n),
                        _ => {
                            p.say(&format!(
                                "`{text}` is not a number; try again (for example 42)"
                            ));
                            continue;
                        }
                    },
                    AnswerKind::Date => match text.parse::<Date>() {
                        Ok(d) => Value::Date(d),
                        Err(_) => {
                            p.say(&format!("`{text}` is not a date; write it as YYYY-MM-DD, for example 2027-06-30"));
                            continue;
                        }
                    },
                    _ => Value::Text(text),
                };
                let mut a = current.clone();
                a.value = Some(value);
                a.status = None;
                stamp(s, &mut a);
                *s.assessment.answer_mut(sys, &q.id) = a;
                return Ok(Step::Answered);
            }
        }
    }
}

#[derive(Clone)]
enum Choice {
    Status(Status),
    Value(String),
    Help,
    Note,
    Skip,
    Back,
    Quit,
}

fn question_line(q: &Question, current: &Answer) -> String {
    let now = crate::merge::describe(current);
    if current.is_answered() {
        format!("{} (now: {now})", q.text)
    } else {
        q.text.to_string()
    }
}

fn show_help(q: &Question, p: &mut dyn Prompter) {
    if !q.why.is_empty() {
        p.say(&format!("Why it matters: {}", q.why));
    }
    if !q.auditor.is_empty() {
        p.say(&format!("What an auditor will ask to see: {}", q.auditor));
    }
    if !q.maps.is_empty() {
        let refs: Vec<String> = q.maps.iter().map(|r| r.to_string()).collect();
        p.say(&format!("Evidences: {}", refs.join(", ")));
    }
    if q.why.is_empty() && q.auditor.is_empty() && q.maps.is_empty() {
        p.say("No further help for this question.");
    }
}

/// Records a status; asks for the justification (not applicable) or who
/// will find out (don't know). Returns false when the user backed out.
fn record_status(
    s: &mut Sitting<'_>,
    sys: Option<&str>,
    q: &Question,
    st: Status,
    p: &mut dyn Prompter,
) -> Result<bool, PromptError> {
    let mut a = s.assessment.answer(sys, &q.id).cloned().unwrap_or_default();
    match st {
        Status::NotApplicable => {
            let j = match p.text(
                "Why does it not apply? (a justification is required)",
                a.justification.as_deref().unwrap_or(""),
                None,
            ) {
                Ok(j) => j,
                Err(PromptError::Cancelled) => return Ok(false),
                Err(e) => return Err(e),
            };
            if j.trim().is_empty() {
                p.say("Not applicable needs a justification; the answer was not changed.");
                return Ok(false);
            }
            a.justification = Some(j.trim().to_string());
        }
        Status::DontKnow => {
            let who = match p.text(
                "Who will find out? (name or role; enter to leave open)",
                a.owner.as_deref().unwrap_or(""),
                None,
            ) {
                Ok(w) => w,
                Err(PromptError::Cancelled) => return Ok(false),
                Err(e) => return Err(e),
            };
            if !who.trim().is_empty() {
                a.owner = Some(who.trim().to_string());
            }
        }
        _ => {}
    }
    if q.kind == AnswerKind::Readiness || matches!(st, Status::DontKnow | Status::NotApplicable) {
        a.status = Some(st);
        if q.kind != AnswerKind::Readiness {
            a.value = None;
        }
    }
    if st != Status::NotApplicable {
        a.justification = None;
    }
    stamp(s, &mut a);
    *s.assessment.answer_mut(sys, &q.id) = a;
    Ok(true)
}

/// Note, evidence link and owner for the current question.
fn add_details(
    s: &mut Sitting<'_>,
    sys: Option<&str>,
    q: &Question,
    p: &mut dyn Prompter,
) -> Result<(), PromptError> {
    let mut a = s.assessment.answer(sys, &q.id).cloned().unwrap_or_default();
    let note = p.text("Note:", a.note.as_deref().unwrap_or(""), None)?;
    a.note = Some(note.trim().to_string()).filter(|n| !n.is_empty());
    let link = p.text("Evidence link or document (enter to skip):", "", None)?;
    if !link.trim().is_empty() && !a.evidence.iter().any(|e| e == link.trim()) {
        a.evidence.push(link.trim().to_string());
    }
    let owner = p.text("Owner:", a.owner.as_deref().unwrap_or(""), None)?;
    a.owner = Some(owner.trim().to_string()).filter(|n| !n.is_empty());
    stamp(s, &mut a);
    *s.assessment.answer_mut(sys, &q.id) = a;
    assessment::save(&s.assessment, &s.path).map_err(|e| PromptError::Other(e.to_string()))?;
    p.say("Saved. Now choose the answer.");
    Ok(())
}

/// How [`manage_systems`] ended.
enum Stopped {
    /// Done adding systems; go on with the questions.
    No,
    /// Ctrl-C: end the sitting, as at any question.
    Interrupted,
}

/// Lists the AI systems and lets the user add more before the
/// classification questions.
fn manage_systems(
    s: &mut Sitting<'_>,
    qn: &Questionnaire,
    p: &mut dyn Prompter,
) -> Result<Stopped, String> {
    loop {
        let names: Vec<String> = s
            .assessment
            .systems
            .values()
            .map(|x| x.name.clone())
            .collect();
        p.say(&format!(
            "\nAI systems and models in this assessment: {}",
            if names.is_empty() {
                "none yet".to_string()
            } else {
                names.join(", ")
            }
        ));
        let options = vec![
            "Add an AI system or general-purpose model".to_string(),
            "Continue".to_string(),
        ];
        let choice = match p.select(
            "Each AI system is classified on its own under the EU AI Act. Add one?",
            &options,
            None,
        ) {
            Ok(c) => c,
            Err(PromptError::Interrupted) => return Ok(Stopped::Interrupted),
            Err(PromptError::Cancelled) => return Ok(Stopped::No),
            Err(PromptError::Other(e)) => return Err(e),
        };
        if choice == 1 {
            return Ok(Stopped::No);
        }
        let name = match p.text(
            "Name of the system (for example \"Support assistant\"):",
            "",
            None,
        ) {
            Ok(n) => n.trim().to_string(),
            Err(PromptError::Interrupted) => return Ok(Stopped::Interrupted),
            Err(PromptError::Cancelled) => return Ok(Stopped::No),
            Err(PromptError::Other(e)) => return Err(e),
        };
        if name.is_empty() {
            continue;
        }
        let mut id = slug(&name);
        if id == "assessment" {
            id = "system".into();
        }
        let base = id.clone();
        let mut n = 2;
        while s.assessment.systems.contains_key(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        s.assessment.systems.insert(id, crate::merge::system(&name));
        s.assessment.ensure_placeholders(qn);
        assessment::save(&s.assessment, &s.path).map_err(|e| e.to_string())?;
    }
}
