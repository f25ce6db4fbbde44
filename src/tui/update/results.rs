//! Keys on the results screen: choose and scroll a pane.

use crossterm::event::{KeyCode, KeyEvent};

use super::dialogs::open_export;
use crate::tui::app::*;

pub(super) fn key(app: &mut App, k: &KeyEvent) -> Vec<Effect> {
    let p = app.results.pane.min(2);
    match k.code {
        KeyCode::Char(c @ '1'..='3') => app.results.pane = c as usize - '1' as usize,
        KeyCode::Left | KeyCode::Char('h') => app.results.pane = (p + 2) % 3,
        KeyCode::Right | KeyCode::Char('l') => app.results.pane = (p + 1) % 3,
        KeyCode::Up | KeyCode::Char('k') => {
            app.results.scroll[p] = app.results.scroll[p].saturating_sub(1)
        }
        KeyCode::Down | KeyCode::Char('j') => {
            app.results.scroll[p] = app.results.scroll[p].saturating_add(1)
        }
        KeyCode::PageUp => app.results.scroll[p] = app.results.scroll[p].saturating_sub(10),
        KeyCode::PageDown => app.results.scroll[p] = app.results.scroll[p].saturating_add(10),
        KeyCode::Home | KeyCode::Char('g') => app.results.scroll[p] = 0,
        KeyCode::Char('x') => return open_export(app),
        KeyCode::Char('S') => super::soa::open(app),
        _ => {}
    }
    Vec::new()
}
