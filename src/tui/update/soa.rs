//! Keys on the Statement of Applicability: choose an Annex A control, mark
//! it applicable or not (with why), or back to not decided. Every change
//! is saved at once, like an answer.

use crossterm::event::{KeyCode, KeyEvent};

use super::answers::{moved, readiness};
use super::dialogs::open_field;
use super::navigate::nav;
use crate::assessment::SoaEntry;
use crate::tui::app::*;
use crate::tui::strings as s;

/// Opens the SoA screen (when ISO/IEC 42001 is in scope).
pub(super) fn open(app: &mut App) {
    let Some(doc) = &app.doc else {
        app.info(s::NO_DOC);
        return;
    };
    if doc.soa_rows(&app.cat).is_empty() {
        app.info(s::SOA_NOT_IN_SCOPE);
        return;
    }
    if app.screen != Screen::Soa {
        app.soa.back = Some(app.screen);
    }
    app.screen = Screen::Soa;
}

pub(super) fn key(app: &mut App, k: &KeyEvent) -> Vec<Effect> {
    let rows = app
        .doc
        .as_ref()
        .map(|d| d.soa_rows(&app.cat))
        .unwrap_or_default();
    if let Some(i) = match k.code {
        KeyCode::PageUp | KeyCode::PageDown => None,
        _ => nav(app.soa.sel, rows.len(), k, 10),
    } {
        if i != app.soa.sel {
            app.soa.scroll = 0;
        }
        app.soa.sel = i;
        return Vec::new();
    }
    let Some(row) = rows.get(app.soa.sel.min(rows.len().saturating_sub(1))) else {
        if matches!(k.code, KeyCode::Esc | KeyCode::Char('S')) {
            back(app);
        }
        return Vec::new();
    };
    let id = row.id.clone();
    match k.code {
        KeyCode::Esc | KeyCode::Char('S') => back(app),
        KeyCode::PageDown => app.soa.scroll = app.soa.scroll.saturating_add(5),
        KeyCode::PageUp => app.soa.scroll = app.soa.scroll.saturating_sub(5),
        KeyCode::Char('a') => {
            // A reason for leaving it out is no reason for including it.
            let keep = if row.decision == Some(false) {
                String::new()
            } else {
                row.justification.clone()
            };
            return decide(app, &id, Some((true, keep)));
        }
        KeyCode::Char('n') | KeyCode::Char('x') => {
            let current = if row.decision == Some(false) {
                row.justification.clone()
            } else {
                String::new()
            };
            open_field(
                app,
                Purpose::SoaExclude(id.clone()),
                &format!("{}: {id} {}", s::D_SOA_EXCLUDE_TITLE, row.title),
                s::D_SOA_EXCLUDE_FIELD,
                current,
            );
        }
        KeyCode::Char('t') | KeyCode::Enter => {
            let purpose = if row.decision == Some(false) {
                Purpose::SoaExclude(id.clone())
            } else {
                Purpose::SoaJustify(id.clone())
            };
            let (title, label) = if row.decision == Some(false) {
                (s::D_SOA_EXCLUDE_TITLE, s::D_SOA_EXCLUDE_FIELD)
            } else {
                (s::D_SOA_JUSTIFY_TITLE, s::D_SOA_JUSTIFY_FIELD)
            };
            open_field(
                app,
                purpose,
                &format!("{title}: {id} {}", row.title),
                label,
                row.justification.clone(),
            );
        }
        KeyCode::Char('c') | KeyCode::Delete | KeyCode::Backspace if row.decision.is_some() => {
            return decide(app, &id, None);
        }
        _ => {}
    }
    Vec::new()
}

fn back(app: &mut App) {
    app.screen = app.soa.back.take().unwrap_or(Screen::Results);
}

/// Records the decision on control `id` (`None`: not decided), counts it
/// in the running sitting, re-evaluates and asks for a save. The notice
/// says what it changed in readiness (an excluded control leaves it).
pub(super) fn decide(app: &mut App, id: &str, decision: Option<(bool, String)>) -> Vec<Effect> {
    let Some(doc) = app.doc.as_mut() else {
        return Vec::new();
    };
    let before_entry = doc.a.soa.get(id).cloned();
    match decision {
        Some((included, justification)) => {
            let extra = before_entry.as_ref().map(|e| e.extra.clone());
            doc.a.soa.insert(
                id.to_string(),
                SoaEntry {
                    included,
                    justification,
                    extra: extra.unwrap_or_default(),
                },
            );
        }
        None => {
            doc.a.soa.remove(id);
        }
    }
    let after_entry = doc.a.soa.get(id).cloned();
    if before_entry == after_entry {
        return Vec::new();
    }
    let key = format!("soa.{id}");
    match (&before_entry, &after_entry) {
        (None, Some(_)) => {
            app.sitting.answered.insert(key);
        }
        _ if !app.sitting.answered.contains(&key) => {
            app.sitting.changed.insert(key);
        }
        _ => {}
    }
    let before = readiness(doc);
    doc.refresh(&app.cat, app.today);
    let moved = moved(&before, &readiness(doc));
    let what = match &after_entry {
        Some(e) if e.included => s::soa_marked(id, s::SOA_APPLICABLE),
        Some(_) => s::soa_marked(id, s::SOA_EXCLUDED),
        None => s::soa_cleared(id),
    };
    if moved.is_empty() {
        app.info(what);
    } else {
        app.info(format!("{what}. {}", s::readiness_moved(&moved)));
    }
    vec![Effect::Save]
}
