//! Keys on the workshop screen: participants, sittings and the parking lot
//! (questions answered "don't know", with who will find out).

use crossterm::event::{KeyCode, KeyEvent};

use super::dialogs::open_field;
use super::navigate::nav;
use crate::tui::app::*;
use crate::tui::strings as s;

pub(super) fn key(app: &mut App, k: &KeyEvent) -> Vec<Effect> {
    let Some(doc) = &app.doc else {
        return Vec::new();
    };
    let lens = [
        doc.a.participants.len(),
        doc.a.sessions.len(),
        doc.a.parking_lot().len(),
    ];
    let p = app.workshop.pane.min(2);
    if let Some(i) = nav(app.workshop.sel[p], lens[p], k, 10) {
        app.workshop.sel[p] = i;
        return Vec::new();
    }
    let sel = app.workshop.sel[p].min(lens[p].saturating_sub(1));
    match k.code {
        KeyCode::Left | KeyCode::Char('h') => app.workshop.pane = (p + 2) % 3,
        KeyCode::Right | KeyCode::Char('l') => app.workshop.pane = (p + 1) % 3,
        KeyCode::Char(c @ '1'..='3') => app.workshop.pane = c as usize - '1' as usize,
        KeyCode::Char('a') => {
            app.workshop.pane = 0;
            open_field(
                app,
                Purpose::AddParticipant,
                s::D_PARTICIPANT_TITLE,
                s::D_PARTICIPANT_FIELD,
                String::new(),
            );
        }
        KeyCode::Char('s') => {
            app.workshop.pane = 1;
            open_new_session(app);
        }
        KeyCode::Char('r') if p == 0 && lens[0] > 0 => {
            let old = doc.a.participants[sel].clone();
            open_field(
                app,
                Purpose::RenamePerson(old.clone()),
                s::D_RENAME_PERSON_TITLE,
                s::D_RENAME_PERSON_FIELD,
                old,
            );
        }
        KeyCode::Enter if p == 1 && lens[1] > 0 => open_session(app, sel),
        KeyCode::Enter | KeyCode::Char('o') if p == 2 && lens[2] > 0 => {
            parking_lot_key(app, k.code, sel)
        }
        KeyCode::Char('x') | KeyCode::Delete if p < 2 && lens[p] > 0 => confirm_remove(app, p, sel),
        _ => {}
    }
    Vec::new()
}

/// A new sitting: today, the assessor facilitating, every participant.
fn open_new_session(app: &mut App) {
    let Some(doc) = &app.doc else { return };
    let date = app.today.to_string();
    let fac = doc.a.assessor.clone();
    let att = doc.a.participants.join(", ");
    app.overlay = Some(Overlay::Form(Form::new(
        Purpose::Session(None),
        s::D_SESSION_TITLE,
        vec![
            (s::D_SESSION_DATE, date),
            (s::D_SESSION_FACILITATOR, fac),
            (s::D_SESSION_ATTENDEES, att),
        ],
    )));
}

/// Edits the chosen sitting.
fn open_session(app: &mut App, sel: usize) {
    let Some(doc) = &app.doc else { return };
    let Some((id, se)) = doc.a.sessions.iter().nth(sel) else {
        return;
    };
    app.overlay = Some(Overlay::Form(Form::new(
        Purpose::Session(Some(id.clone())),
        &format!("{} {id}", s::D_SESSION_EDIT),
        vec![
            (
                s::D_SESSION_DATE,
                se.date.map(|d| d.to_string()).unwrap_or_default(),
            ),
            (s::D_SESSION_FACILITATOR, se.facilitator.clone()),
            (s::D_SESSION_ATTENDEES, se.attendees.join(", ")),
            (s::D_SESSION_SECTIONS, se.sections.join(", ")),
            (s::D_SESSION_SUMMARY, se.summary.clone()),
        ],
    )));
}

/// On a parked question: Enter opens it, `o` asks who will find out.
fn parking_lot_key(app: &mut App, code: KeyCode, sel: usize) {
    let Some(doc) = &app.doc else { return };
    let lot = doc.a.parking_lot();
    let Some((key, ans)) = lot.get(sel) else {
        return;
    };
    let q = QRef::parse(key);
    if code == KeyCode::Enter {
        app.set_question(q);
        app.screen = Screen::Question;
    } else {
        let finder = ans.who_finds_out().unwrap_or_default().to_string();
        open_field(
            app,
            Purpose::Finder(q),
            s::D_FINDER_TITLE,
            s::D_FINDER_FIELD,
            finder,
        );
    }
}

/// Removing a participant (pane 0) or a sitting (pane 1) asks first.
fn confirm_remove(app: &mut App, pane: usize, sel: usize) {
    let Some(doc) = &app.doc else { return };
    app.overlay = Some(if pane == 0 {
        Overlay::Confirm {
            text: s::confirm_remove_participant(&doc.a.participants[sel]),
            action: ConfirmAction::RemoveParticipant(sel),
        }
    } else {
        let id = doc.a.sessions.keys().nth(sel).cloned().unwrap_or_default();
        Overlay::Confirm {
            text: s::confirm_remove_session(&id),
            action: ConfirmAction::RemoveSession(id),
        }
    });
}
