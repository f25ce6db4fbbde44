//! Keys on the question screen: moving through the flow, the answer's
//! details (note, owner, target date, evidence), and answering, one
//! function per kind of answer.

use crossterm::event::{KeyCode, KeyEvent};

use super::answers::{change, set_status, set_value};
use super::dialogs::{open_field, open_justify};
use super::navigate::{go, next_question, next_unanswered, prev_question};
use crate::assessment::{Answer, Status, Value};
use crate::catalog::AnswerKind;
use crate::tui::app::*;
use crate::tui::input::TextInput;
use crate::tui::strings as s;
use crate::tui::text::format_number;

pub(super) fn key(app: &mut App, k: &KeyEvent) -> Vec<Effect> {
    let Some((q, question)) = app.current() else {
        if k.code == KeyCode::Esc {
            go(app, Screen::Sections);
        }
        return Vec::new();
    };
    let q = q.clone();
    let kind = question.kind;
    let options: Vec<String> = question.options.iter().map(|o| o.id.to_string()).collect();
    let labels: Vec<String> = question
        .options
        .iter()
        .map(|o| o.label.to_string())
        .collect();
    let ans = app.doc.as_ref().and_then(|d| d.answer(&q)).cloned();
    let ans = ans.unwrap_or_default();
    let n_choices = match kind {
        AnswerKind::Readiness => 5,
        _ => options.len(),
    };
    if kind.has_options() && !options.is_empty() {
        if app.question.filter.is_some() {
            if let Some(fx) = filter_key(app, k, &labels) {
                return fx;
            }
        } else if k.code == KeyCode::Char('f') {
            app.question.filter = Some(TextInput::default());
            app.info(s::Q_FILTER_HINT);
            return Vec::new();
        }
    }
    if move_key(app, k, n_choices) {
        return Vec::new();
    }
    if let Some(fx) = detail_key(app, k, &q, &ans) {
        return fx;
    }
    if let KeyCode::Char(c) = k.code
        && !known_key(kind, c)
        && kind.has_options()
    {
        return letter_key(app, c, &q, kind, &ans, &options, &labels);
    }
    if let KeyCode::Char(c) = k.code
        && !known_key(kind, c)
    {
        app.info(s::keys_here(kind));
        return Vec::new();
    }
    match kind {
        AnswerKind::Readiness => readiness_key(app, k, &q, &ans),
        AnswerKind::YesNo | AnswerKind::Single => choice_key(app, k, &q, kind, &options),
        AnswerKind::Multi => multi_key(app, k, &q, &ans, &options),
        AnswerKind::Number | AnswerKind::Date => match k.code {
            // A digit starts typing a number or a date straight away.
            KeyCode::Char(c) if c.is_ascii_digit() => {
                let label = if kind == AnswerKind::Number {
                    s::D_NUMBER_FIELD
                } else {
                    s::D_DATE_FIELD
                };
                open_field(
                    app,
                    Purpose::Typed(q),
                    s::D_ANSWER_TITLE,
                    label,
                    c.to_string(),
                );
                Vec::new()
            }
            _ => typed_key(app, k, q, kind, &ans),
        },
        AnswerKind::Text => typed_key(app, k, q, kind, &ans),
    }
}

/// Keys while a filter narrows the options: typing edits it (the
/// highlight goes to the first option that matches), ↑↓ move among the
/// matches, Esc drops the filter. Enter and Space answer or toggle as
/// usual (`None`: handled by the usual keys).
fn filter_key(app: &mut App, k: &KeyEvent, labels: &[String]) -> Option<Vec<Effect>> {
    let visible: Vec<usize> = (0..labels.len())
        .filter(|i| app.question.shows(&labels[*i]))
        .collect();
    match k.code {
        KeyCode::Esc => app.question.filter = None,
        KeyCode::Enter | KeyCode::Char(' ') => return None,
        KeyCode::Down => {
            if let Some(next) = visible.iter().find(|i| **i > app.question.hl) {
                app.question.hl = *next;
            }
        }
        KeyCode::Up => {
            if let Some(prev) = visible.iter().rev().find(|i| **i < app.question.hl) {
                app.question.hl = *prev;
            }
        }
        _ => {
            if let Some(f) = app.question.filter.as_mut() {
                f.handle(k);
            }
            if let Some(first) = (0..labels.len()).find(|i| app.question.shows(&labels[*i])) {
                app.question.hl = first;
            }
        }
    }
    Some(Vec::new())
}

/// Lists longer than this page through their options with PageUp/PageDown.
const LONG_LIST: usize = 10;
const PAGE: usize = 10;

/// Whether a letter or digit already means something on a question of
/// this kind (moving, the answer's details, answering by number).
fn known_key(kind: AnswerKind, c: char) -> bool {
    let moves_and_details = "hlujktowecxdqf?/";
    if moves_and_details.contains(c) || c == ' ' {
        return true;
    }
    match kind {
        AnswerKind::Readiness => "ipmn12345".contains(c),
        AnswerKind::YesNo => c == 'y' || c == 'n' || c.is_ascii_digit(),
        AnswerKind::Single | AnswerKind::Multi => c.is_ascii_digit(),
        AnswerKind::Number | AnswerKind::Date => c.is_ascii_digit(),
        AnswerKind::Text => false,
    }
}

/// A letter on a question with options: the option whose label starts
/// with it answers (or toggles) when only one does; with several, the
/// highlight moves to the next of them; with none, the keys that work are
/// shown.
fn letter_key(
    app: &mut App,
    c: char,
    q: &QRef,
    kind: AnswerKind,
    ans: &Answer,
    options: &[String],
    labels: &[String],
) -> Vec<Effect> {
    let wanted = c.to_lowercase().next().unwrap_or(c);
    let matches: Vec<usize> = labels
        .iter()
        .enumerate()
        .filter(|(_, l)| l.chars().next().and_then(|f| f.to_lowercase().next()) == Some(wanted))
        .map(|(i, _)| i)
        .collect();
    match matches.as_slice() {
        [] => {
            app.info(s::keys_here(kind));
            Vec::new()
        }
        [i] => {
            app.question.hl = *i;
            match kind {
                AnswerKind::Multi => toggle(app, q, ans, options, *i),
                _ => {
                    let fx = set_value(app, q, Some(Value::Text(options[*i].clone())));
                    next_question(app);
                    fx
                }
            }
        }
        several => {
            let next = several
                .iter()
                .find(|i| **i > app.question.hl)
                .unwrap_or(&several[0]);
            app.question.hl = *next;
            Vec::new()
        }
    }
}

/// Keys that move: back to the sections, through the flow, the scroll of
/// the information pane, the highlighted option. True when handled.
fn move_key(app: &mut App, k: &KeyEvent, n_choices: usize) -> bool {
    match k.code {
        KeyCode::Esc => go(app, Screen::Sections),
        KeyCode::Left | KeyCode::Char('h') => prev_question(app),
        KeyCode::Right | KeyCode::Char('l') => next_question(app),
        KeyCode::Char('u') => next_unanswered(app),
        // In a long list the page keys move through the options; otherwise
        // they scroll the information pane.
        KeyCode::PageDown if n_choices > LONG_LIST => {
            app.question.hl = (app.question.hl + PAGE).min(n_choices - 1)
        }
        KeyCode::PageUp if n_choices > LONG_LIST => {
            app.question.hl = app.question.hl.saturating_sub(PAGE)
        }
        KeyCode::PageDown => app.question.scroll = app.question.scroll.saturating_add(5),
        KeyCode::PageUp => app.question.scroll = app.question.scroll.saturating_sub(5),
        KeyCode::Up | KeyCode::Char('k') if n_choices > 0 => {
            app.question.hl = app.question.hl.saturating_sub(1)
        }
        KeyCode::Down | KeyCode::Char('j') if n_choices > 0 => {
            app.question.hl = (app.question.hl + 1).min(n_choices - 1)
        }
        KeyCode::Home if n_choices > 0 => app.question.hl = 0,
        KeyCode::End if n_choices > 0 => app.question.hl = n_choices - 1,
        _ => return false,
    }
    true
}

/// Keys for what goes with any answer: note, owner, target date, evidence,
/// clear, not applicable, don't know. `None` when not one of them.
fn detail_key(app: &mut App, k: &KeyEvent, q: &QRef, ans: &Answer) -> Option<Vec<Effect>> {
    match k.code {
        KeyCode::Char('t') => open_field(
            app,
            Purpose::Note(q.clone()),
            s::D_NOTE_TITLE,
            s::Q_NOTE,
            ans.note.clone().unwrap_or_default(),
        ),
        KeyCode::Char('o') => open_field(
            app,
            Purpose::Owner(vec![q.clone()]),
            s::D_OWNER_TITLE,
            s::D_OWNER_FIELD,
            ans.owner.clone().unwrap_or_default(),
        ),
        KeyCode::Char('w') => open_field(
            app,
            Purpose::Target(vec![q.clone()]),
            s::D_TARGET_TITLE,
            s::D_TARGET_FIELD,
            ans.target.map(|d| d.to_string()).unwrap_or_default(),
        ),
        KeyCode::Char('e') => {
            app.overlay = Some(Overlay::Evidence {
                q: q.clone(),
                input: TextInput::default(),
                sel: None,
            })
        }
        KeyCode::Char('c') => {
            return Some(change(app, q, |a| {
                a.status = None;
                a.value = None;
                a.justification = None;
            }));
        }
        KeyCode::Char('x') => open_justify(app, q, ans),
        KeyCode::Char('d') => return Some(dont_know(app, q, ans)),
        _ => return None,
    }
    Some(Vec::new())
}

/// "Don't know" records the answer and asks who would know.
fn dont_know(app: &mut App, q: &QRef, ans: &Answer) -> Vec<Effect> {
    let fx = set_status(app, q, Status::DontKnow);
    open_field(
        app,
        Purpose::Finder(q.clone()),
        s::D_FINDER_TITLE,
        s::D_FINDER_FIELD,
        ans.who_finds_out().unwrap_or_default().to_string(),
    );
    fx
}

/// Implemented, partial, missing, not applicable, don't know: by letter,
/// by number, or the highlighted one.
fn readiness_key(app: &mut App, k: &KeyEvent, q: &QRef, ans: &Answer) -> Vec<Effect> {
    let pick = match k.code {
        KeyCode::Char(c @ ('i' | 'p' | 'm' | 'n')) => {
            s::READINESS.iter().position(|(x, _)| *x == c)
        }
        KeyCode::Char(c @ '1'..='5') => Some(c as usize - '1' as usize),
        KeyCode::Enter | KeyCode::Char(' ') => Some(app.question.hl),
        _ => None,
    };
    match pick {
        Some(3) => {
            app.question.hl = 3;
            open_justify(app, q, ans);
            Vec::new()
        }
        Some(4) => dont_know(app, q, ans),
        Some(i) if i < 3 => {
            app.question.hl = i;
            let fx = set_status(app, q, Status::ALL[i]);
            next_question(app);
            fx
        }
        _ => Vec::new(),
    }
}

/// Yes/no and single choice: the option answers and moves on.
fn choice_key(
    app: &mut App,
    k: &KeyEvent,
    q: &QRef,
    kind: AnswerKind,
    options: &[String],
) -> Vec<Effect> {
    let pick = match k.code {
        KeyCode::Char('y') if kind == AnswerKind::YesNo => options.iter().position(|o| o == "yes"),
        KeyCode::Char('n') if kind == AnswerKind::YesNo => options.iter().position(|o| o == "no"),
        KeyCode::Char(c @ '1'..='9') => Some(c as usize - '1' as usize),
        KeyCode::Enter | KeyCode::Char(' ') => Some(app.question.hl),
        _ => None,
    };
    match pick.and_then(|i| options.get(i).map(|o| (i, o.clone()))) {
        Some((i, id)) => {
            app.question.hl = i;
            let fx = set_value(app, q, Some(Value::Text(id)));
            next_question(app);
            fx
        }
        None => Vec::new(),
    }
}

/// Multiple choice: a number or space toggles an option ("none" excludes
/// the others), `0` chooses "none of these", Enter moves on.
fn multi_key(
    app: &mut App,
    k: &KeyEvent,
    q: &QRef,
    ans: &Answer,
    options: &[String],
) -> Vec<Effect> {
    let pick = match k.code {
        KeyCode::Char('0') => options.iter().position(|o| o == "none"),
        KeyCode::Char(c @ '1'..='9') => Some(c as usize - '1' as usize),
        KeyCode::Char(' ') => Some(app.question.hl),
        KeyCode::Enter => {
            next_question(app);
            return Vec::new();
        }
        _ => None,
    };
    match pick.filter(|i| *i < options.len()) {
        Some(i) => toggle(app, q, ans, options, i),
        None => Vec::new(),
    }
}

/// Turns option `i` of a multiple choice on or off; "none" excludes the
/// others, and the questionnaire's order is kept.
fn toggle(app: &mut App, q: &QRef, ans: &Answer, options: &[String], i: usize) -> Vec<Effect> {
    let id = options[i].clone();
    app.question.hl = i;
    let mut list: Vec<String> = match &ans.value {
        Some(Value::List(l)) => l.clone(),
        Some(Value::Text(t)) => vec![t.clone()],
        _ => Vec::new(),
    };
    if let Some(pos) = list.iter().position(|x| *x == id) {
        list.remove(pos);
    } else if id == "none" {
        list = vec![id];
    } else {
        list.retain(|x| x != "none");
        list.push(id);
    }
    list.sort_by_key(|x| options.iter().position(|o| o == x).unwrap_or(usize::MAX));
    let v = (!list.is_empty()).then_some(Value::List(list));
    set_value(app, q, v)
}

/// Number, date and text answers are typed in a form.
fn typed_key(app: &mut App, k: &KeyEvent, q: QRef, kind: AnswerKind, ans: &Answer) -> Vec<Effect> {
    if matches!(k.code, KeyCode::Enter | KeyCode::Char(' ')) {
        let (label, current) = match (kind, &ans.value) {
            (AnswerKind::Number, Some(Value::Number(n))) => (s::D_NUMBER_FIELD, format_number(*n)),
            (AnswerKind::Number, _) => (s::D_NUMBER_FIELD, String::new()),
            (AnswerKind::Date, Some(Value::Date(d))) => (s::D_DATE_FIELD, d.to_string()),
            (AnswerKind::Date, _) => (s::D_DATE_FIELD, String::new()),
            (_, Some(Value::Text(t))) => (s::D_TEXT_FIELD, t.clone()),
            _ => (s::D_TEXT_FIELD, String::new()),
        };
        open_field(app, Purpose::Typed(q), s::D_ANSWER_TITLE, label, current);
    }
    Vec::new()
}
