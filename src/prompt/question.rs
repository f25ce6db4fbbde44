//! One question of a sitting, asked the way its answer kind needs: a
//! choice (readiness, yes/no, one option), several options, or a typed
//! number, text or date. Also the extras at every question: help, a note
//! with evidence and owner, and the follow-ups of "don't know" and "not
//! applicable".

use jiff::civil::Date;

use super::sitting::Sitting;
use super::{PromptError, Prompter};
use crate::assessment::{Answer, Status, Value};
use crate::catalog::{AnswerKind, Question};

/// How a question ended.
pub enum Step {
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

/// Asks question `q` (of system `sys`) until it is answered, skipped, or
/// the user goes back or stops.
pub fn ask_one(
    s: &mut Sitting<'_>,
    q: &Question,
    sys: Option<&str>,
    p: &mut dyn Prompter,
) -> Result<Step, PromptError> {
    loop {
        let current = s.answer(sys, &q.id);
        let step = match q.kind {
            AnswerKind::Readiness | AnswerKind::YesNo | AnswerKind::Single => {
                ask_choice(s, q, sys, current, p)?
            }
            AnswerKind::Multi => Some(ask_multi(s, q, sys, current, p)?),
            AnswerKind::Number | AnswerKind::Text | AnswerKind::Date => {
                ask_typed(s, q, sys, current, p)?
            }
        };
        if let Some(step) = step {
            return Ok(step);
        }
    }
}

/// One entry of a choice question's menu.
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

/// The menu of a choice question: the answers (readiness levels or the
/// question's options), then don't know, not applicable (readiness only)
/// and the extras.
fn menu(q: &Question) -> (Vec<String>, Vec<Choice>) {
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
        if q.kind != AnswerKind::Readiness && matches!(c, Choice::Status(Status::NotApplicable)) {
            continue;
        }
        labels.push(label.into());
        values.push(c);
    }
    (labels, values)
}

/// A readiness, yes/no or single-option question; `None` to ask again
/// (after help, a note, or a follow-up the user backed out of).
fn ask_choice(
    s: &mut Sitting<'_>,
    q: &Question,
    sys: Option<&str>,
    current: Answer,
    p: &mut dyn Prompter,
) -> Result<Option<Step>, PromptError> {
    let (labels, values) = menu(q);
    let help = Some("↑↓ move · enter choose · Esc back · Ctrl-C stop");
    let i = p.select(&question_line(q, &current), &labels, help)?;
    Ok(match values[i].clone() {
        Choice::Status(st) => record_status(s, sys, q, st, p)?.then_some(Step::Answered),
        Choice::Value(v) => {
            let mut a = current;
            a.value = Some(Value::Text(v));
            a.status = None;
            a.justification = None;
            s.set_answer(sys, &q.id, a);
            Some(Step::Answered)
        }
        Choice::Help => {
            show_help(q, p);
            None
        }
        Choice::Note => {
            add_details(s, sys, q, p)?;
            None
        }
        Choice::Skip => Some(Step::Skip),
        Choice::Back => Some(Step::Back),
        Choice::Quit => Some(Step::Quit),
    })
}

/// A question with several options; choosing none skips it.
fn ask_multi(
    s: &mut Sitting<'_>,
    q: &Question,
    sys: Option<&str>,
    current: Answer,
    p: &mut dyn Prompter,
) -> Result<Step, PromptError> {
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
    let mut a = current;
    a.value = Some(Value::List(ids));
    a.status = None;
    s.set_answer(sys, &q.id, a);
    Ok(Step::Answered)
}

/// A number, text or date, typed; empty skips, `?` shows the help. `None`
/// to ask again (after the help, or input that does not parse).
fn ask_typed(
    s: &mut Sitting<'_>,
    q: &Question,
    sys: Option<&str>,
    current: Answer,
    p: &mut dyn Prompter,
) -> Result<Option<Step>, PromptError> {
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
        return Ok(None);
    }
    if text.is_empty() {
        return Ok(Some(Step::Skip));
    }
    let value = match typed_value(q.kind, text) {
        Ok(v) => v,
        Err(why) => {
            p.say(&why);
            return Ok(None);
        }
    };
    let mut a = current;
    a.value = Some(value);
    a.status = None;
    s.set_answer(sys, &q.id, a);
    Ok(Some(Step::Answered))
}

/// The typed `text` as a value of `kind`, or what to tell the user.
fn typed_value(kind: AnswerKind, text: String) -> Result<Value, String> {
    match kind {
        AnswerKind::Number => match text.replace([',', '_'], "").parse::<f64>() {
            Ok(n) if n.is_finite() => Ok(Value::Number(n)),
            _ => Err(format!(
                "`{text}` is not a number; try again (for example 42)"
            )),
        },
        AnswerKind::Date => text.parse::<Date>().map(Value::Date).map_err(|_| {
            format!("`{text}` is not a date; write it as YYYY-MM-DD, for example 2027-06-30")
        }),
        _ => Ok(Value::Text(text)),
    }
}

/// The question, with the current answer when there is one.
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
    if !q.help.trim().is_empty() {
        p.say(&format!("In plain words: {}", q.help));
    }
    if !q.auditor.is_empty() {
        p.say(&format!("What an auditor will ask to see: {}", q.auditor));
    }
    if !q.maps.is_empty() {
        p.say("Counts as evidence for:");
        for (r, why) in q.references() {
            let part = if why.partial { " (part of it)" } else { "" };
            p.say(&format!("  {r}{part}: {}", why.why));
        }
    }
    if q.why.is_empty() && q.help.trim().is_empty() && q.auditor.is_empty() && q.maps.is_empty() {
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
    let mut a = s.answer(sys, &q.id);
    let asked = match st {
        Status::NotApplicable => justify(&mut a, p)?,
        Status::DontKnow => who_finds_out(&mut a, p)?,
        _ => true,
    };
    if !asked {
        return Ok(false);
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
    s.set_answer(sys, &q.id, a);
    Ok(true)
}

/// Not applicable: asks why (required); false when none was given.
fn justify(a: &mut Answer, p: &mut dyn Prompter) -> Result<bool, PromptError> {
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
    Ok(true)
}

/// Don't know: asks who will find out, then (apart) who will own the fix;
/// either may stay open. False when the user backed out.
fn who_finds_out(a: &mut Answer, p: &mut dyn Prompter) -> Result<bool, PromptError> {
    let finder = "Who will find out? (name or role; enter to leave open)";
    match ask_name(p, finder, a.who_finds_out())? {
        Asked::Cancelled => return Ok(false),
        Asked::Name(n) => a.finder = Some(n),
        Asked::Empty => {}
    }
    let owner = "Who will own the fix once it is known? (enter to decide later)";
    if let Asked::Name(n) = ask_name(p, owner, a.owner.as_deref())? {
        a.owner = Some(n);
    }
    Ok(true)
}

/// What a name prompt gave.
enum Asked {
    Name(String),
    Empty,
    Cancelled,
}

fn ask_name(
    p: &mut dyn Prompter,
    prompt: &str,
    current: Option<&str>,
) -> Result<Asked, PromptError> {
    match p.text(prompt, current.unwrap_or(""), None) {
        Ok(n) if n.trim().is_empty() => Ok(Asked::Empty),
        Ok(n) => Ok(Asked::Name(n.trim().to_string())),
        Err(PromptError::Cancelled) => Ok(Asked::Cancelled),
        Err(e) => Err(e),
    }
}

/// Note, evidence link and owner for the current question.
fn add_details(
    s: &mut Sitting<'_>,
    sys: Option<&str>,
    q: &Question,
    p: &mut dyn Prompter,
) -> Result<(), PromptError> {
    let mut a = s.answer(sys, &q.id);
    let note = p.text("Note:", a.note.as_deref().unwrap_or(""), None)?;
    a.note = Some(note.trim().to_string()).filter(|n| !n.is_empty());
    let link = p.text("Evidence link or document (enter to skip):", "", None)?;
    if !link.trim().is_empty() && !a.evidence.iter().any(|e| e == link.trim()) {
        a.evidence.push(link.trim().to_string());
    }
    let owner = p.text("Owner:", a.owner.as_deref().unwrap_or(""), None)?;
    a.owner = Some(owner.trim().to_string()).filter(|n| !n.is_empty());
    s.set_answer(sys, &q.id, a);
    s.save().map_err(PromptError::Other)?;
    p.say("Saved. Now choose the answer.");
    Ok(())
}
