//! Keys on the start screen: open a saved assessment or start one.

use crossterm::event::{KeyCode, KeyEvent};

use super::dialogs::open_new_form;
use super::navigate::nav;
use crate::tui::app::*;

pub(super) fn key(app: &mut App, k: &KeyEvent) -> Vec<Effect> {
    let len = 1 + app.start.list.len();
    if let Some(i) = nav(app.start.sel, len, k, 10) {
        app.start.sel = i;
        return Vec::new();
    }
    match k.code {
        KeyCode::Char('n') => open_new_form(app, None),
        KeyCode::Char('r') => match app.start.list.first() {
            Some(sm) => vec![Effect::Open(sm.path.clone())],
            None => open_new_form(app, None),
        },
        KeyCode::Enter | KeyCode::Right | KeyCode::Char('l') => {
            if app.start.sel == 0 {
                open_new_form(app, None)
            } else {
                match app.start.list.get(app.start.sel - 1) {
                    Some(sm) => vec![Effect::Open(sm.path.clone())],
                    None => Vec::new(),
                }
            }
        }
        _ => Vec::new(),
    }
}
