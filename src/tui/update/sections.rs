//! Keys on the sections screen: open a section at its first unanswered
//! question, add, rename or remove an AI system, write a section note.

use crossterm::event::{KeyCode, KeyEvent};

use super::dialogs::open_system_form;
use super::navigate::{nav, next_unanswered};
use crate::tui::app::*;
use crate::tui::strings as s;

pub(super) fn key(app: &mut App, k: &KeyEvent) -> Vec<Effect> {
    let entries = app.section_entries();
    if let Some(i) = nav(app.sections.sel, entries.len(), k, 10) {
        app.sections.sel = i;
        return Vec::new();
    }
    let Some(doc) = &app.doc else {
        return Vec::new();
    };
    let entry = entries
        .get(app.sections.sel.min(entries.len().saturating_sub(1)))
        .copied();
    let row = match entry {
        Some(Entry::Row(r)) => doc.rows.get(r).cloned(),
        _ => None,
    };
    match k.code {
        KeyCode::Enter | KeyCode::Right | KeyCode::Char('l') => match (entry, row) {
            (Some(Entry::AddSystem), _) => open_system_form(app, false),
            (_, Some(row)) => {
                open_row(app, &row);
                Vec::new()
            }
            _ => Vec::new(),
        },
        KeyCode::Char('u') => {
            next_unanswered(app);
            app.screen = Screen::Question;
            Vec::new()
        }
        KeyCode::Char('a') => open_system_form(app, false),
        KeyCode::Char('S') => {
            super::soa::open(app);
            Vec::new()
        }
        KeyCode::Char('r') => {
            if let Some(sys) = row.and_then(|r| r.system) {
                open_rename_form(app, sys);
            }
            Vec::new()
        }
        KeyCode::Char('x') | KeyCode::Delete => {
            if let Some(sys) = row.and_then(|r| r.system) {
                confirm_remove(app, sys);
            }
            Vec::new()
        }
        KeyCode::Char('t') => {
            if let Some(row) = row {
                open_note_form(app, &row);
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// The section's first unanswered question, else its first.
fn open_row(app: &mut App, row: &SectionRow) {
    let Some(doc) = &app.doc else { return };
    let ri = doc.rows.iter().position(|r| r == row).unwrap_or(0);
    let target = doc
        .flow
        .iter()
        .find(|f| f.row == ri && !f.answered)
        .or_else(|| doc.flow.get(row.first))
        .map(|f| f.q.clone());
    if let Some(q) = target {
        app.set_question(q);
        app.screen = Screen::Question;
    }
}

fn open_rename_form(app: &mut App, sys: String) {
    let Some(doc) = &app.doc else { return };
    let (name, desc) = doc
        .a
        .systems
        .get(&sys)
        .map(|x| (x.name.clone(), x.description.clone()))
        .unwrap_or_default();
    app.overlay = Some(Overlay::Form(Form::new(
        Purpose::RenameSystem(sys),
        s::D_SYSTEM_RENAME,
        vec![(s::D_SYSTEM_NAME, name), (s::D_SYSTEM_DESC, desc)],
    )));
}

/// Removing a system asks first, saying how many answers go with it.
fn confirm_remove(app: &mut App, sys: String) {
    let Some(doc) = &app.doc else { return };
    let n = doc
        .a
        .systems
        .get(&sys)
        .map(|x| x.answers.values().filter(|a| a.is_answered()).count())
        .unwrap_or(0);
    let name = doc
        .a
        .systems
        .get(&sys)
        .map(|x| x.name.clone())
        .unwrap_or_else(|| sys.clone());
    app.overlay = Some(Overlay::Confirm {
        text: s::confirm_remove_system(&name, n),
        action: ConfirmAction::RemoveSystem(sys),
    });
}

fn open_note_form(app: &mut App, row: &SectionRow) {
    let Some(doc) = &app.doc else { return };
    let note = doc
        .a
        .section_notes
        .get(&row.section)
        .cloned()
        .unwrap_or_default();
    app.overlay = Some(Overlay::Form(Form::new(
        Purpose::SectionNote(row.section.clone()),
        &format!("{}: {}", s::D_SECTION_NOTE_TITLE, row.title),
        vec![(s::D_SECTION_NOTE_FIELD, note)],
    )));
}
