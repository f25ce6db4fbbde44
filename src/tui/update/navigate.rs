//! Moving around: a selection in a list, the question flow (next, previous,
//! next unanswered) and the screens.

use crossterm::event::{KeyCode, KeyEvent};

use super::dialogs::open_system_form;
use crate::tui::app::*;
use crate::tui::strings as s;

/// Moves a selection by a key; returns the new index.
pub(super) fn nav(sel: usize, len: usize, k: &KeyEvent, page: usize) -> Option<usize> {
    if len == 0 {
        return None;
    }
    let last = len - 1;
    let sel = sel.min(last);
    Some(match k.code {
        KeyCode::Up | KeyCode::Char('k') => sel.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => (sel + 1).min(last),
        KeyCode::PageUp => sel.saturating_sub(page),
        KeyCode::PageDown => (sel + page).min(last),
        KeyCode::Home | KeyCode::Char('g') => 0,
        KeyCode::End | KeyCode::Char('G') => last,
        _ => return None,
    })
}

/// Shows a screen: the sections at the current question's row, the
/// question screen at the next unanswered question when none is chosen.
pub(super) fn go(app: &mut App, screen: Screen) {
    if screen == Screen::Sections {
        app.select_row_of_current();
    }
    if screen == Screen::Question && app.question.cur.is_none() {
        next_unanswered(app);
    }
    app.screen = screen;
}

/// Goes to the next unanswered question after the current one (wrapping).
pub(super) fn next_unanswered(app: &mut App) {
    let Some(doc) = &app.doc else { return };
    let start = app
        .question
        .cur
        .as_ref()
        .and_then(|q| doc.position(q))
        .map(|i| i + 1)
        .unwrap_or(0);
    let n = doc.flow.len();
    let found = (0..n)
        .map(|i| (start + i) % n.max(1))
        .find(|&i| !doc.flow[i].answered)
        .map(|i| doc.flow[i].q.clone());
    match found {
        Some(q) => app.set_question(q),
        None => {
            app.info(s::ALL_ANSWERED);
        }
    }
}

/// Index of the next flow item after the current question (which may have
/// dropped out of the flow after its own answer changed the scope).
fn after_current(app: &App) -> Option<usize> {
    let doc = app.doc.as_ref()?;
    let cur = app.question.cur.as_ref()?;
    match doc.position(cur) {
        Some(i) => Some(i + 1),
        None => {
            let key = doc.order_of(&app.cat, cur);
            Some(
                doc.flow
                    .iter()
                    .position(|f| f.order > key)
                    .unwrap_or(doc.flow.len()),
            )
        }
    }
}

/// The next question in the flow; at the end of scoping, when the company
/// uses AI and has named no system yet, the form for its first one.
pub(super) fn next_question(app: &mut App) {
    let Some(doc) = &app.doc else { return };
    let Some(i) = after_current(app) else { return };
    let was_scoping = app
        .question
        .cur
        .as_ref()
        .is_some_and(|q| doc.order_of(&app.cat, q).0 == 0);
    let next = doc.flow.get(i).map(|f| f.q.clone());
    let next_scoping = next
        .as_ref()
        .is_some_and(|q| doc.order_of(&app.cat, q).0 == 0);
    if was_scoping
        && !next_scoping
        && !app.offered_system
        && doc.a.systems.is_empty()
        && doc.uses_ai()
    {
        app.offered_system = true;
        open_system_form(app, true);
        return;
    }
    match next {
        Some(q) => app.set_question(q),
        None => {
            let all = doc.flow.iter().all(|f| f.answered);
            app.info(if all { s::ALL_ANSWERED } else { s::END_OF_FLOW });
        }
    }
}

pub(super) fn prev_question(app: &mut App) {
    let Some(doc) = &app.doc else { return };
    let Some(cur) = &app.question.cur else { return };
    let i = match doc.position(cur) {
        Some(i) => i,
        None => {
            let key = doc.order_of(&app.cat, cur);
            doc.flow
                .iter()
                .position(|f| f.order > key)
                .unwrap_or(doc.flow.len())
        }
    };
    if i > 0 {
        let q = doc.flow[i - 1].q.clone();
        app.set_question(q);
    }
}
