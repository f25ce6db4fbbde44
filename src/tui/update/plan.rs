//! Keys on the plan screen: choose an item, filter by framework, phase or
//! owner, assign an owner or a date to the answers behind an item.

use crossterm::event::{KeyCode, KeyEvent};

use super::dialogs::{open_export, open_field};
use super::navigate::nav;
use crate::engine::Phase;
use crate::tui::app::*;
use crate::tui::strings as s;

pub(super) fn key(app: &mut App, k: &KeyEvent) -> Vec<Effect> {
    let items = app.plan_items();
    if let Some(i) = match k.code {
        KeyCode::PageUp | KeyCode::PageDown => None,
        _ => nav(app.plan.sel, items.len(), k, 10),
    } {
        if i != app.plan.sel {
            app.plan.scroll = 0;
        }
        app.plan.sel = i;
        return Vec::new();
    }
    if app.doc.is_none() {
        return Vec::new();
    }
    match k.code {
        KeyCode::Char(c @ ('f' | 'p' | 'b')) => {
            next_filter(app, c);
            app.plan.sel = 0;
        }
        KeyCode::PageDown => app.plan.scroll = app.plan.scroll.saturating_add(5),
        KeyCode::PageUp => app.plan.scroll = app.plan.scroll.saturating_sub(5),
        KeyCode::Char('o') | KeyCode::Char('w') | KeyCode::Enter => item_key(app, k.code),
        KeyCode::Char('x') => return open_export(app),
        KeyCode::Char('t') => app.plan.timeline = !app.plan.timeline,
        _ => {}
    }
    Vec::new()
}

/// The next value of a filter (`f` framework, `p` phase, `b` owner), from
/// the values the plan has, then none.
fn next_filter(app: &mut App, key: char) {
    let Some(doc) = &app.doc else { return };
    let all = &doc.eval.plan.items;
    match key {
        'f' => {
            let fws: Vec<String> = app
                .cat
                .frameworks
                .iter()
                .filter(|f| all.iter().any(|it| it.closes(&f.id)))
                .map(|f| f.id.to_string())
                .collect();
            app.plan.framework = cycle(&app.plan.framework, &fws);
        }
        'p' => {
            let phases: Vec<Phase> = Phase::ALL
                .into_iter()
                .filter(|p| all.iter().any(|it| it.phase == *p))
                .collect();
            app.plan.phase = cycle(&app.plan.phase, &phases);
        }
        _ => {
            let mut owners: Vec<String> = all.iter().map(|it| it.owner.clone()).collect();
            owners.sort();
            owners.dedup();
            app.plan.owner = cycle(&app.plan.owner, &owners);
        }
    }
}

fn cycle<T: Clone + PartialEq>(cur: &Option<T>, all: &[T]) -> Option<T> {
    match cur {
        None => all.first().cloned(),
        Some(c) => match all.iter().position(|x| x == c) {
            Some(i) if i + 1 < all.len() => Some(all[i + 1].clone()),
            _ => None,
        },
    }
}

/// On the chosen item: `o` owner and `w` date for every answer behind it,
/// Enter opens its first question.
fn item_key(app: &mut App, code: KeyCode) {
    let (Some(doc), Some(item)) = (&app.doc, app.selected_plan_item()) else {
        return;
    };
    let qs: Vec<QRef> = item.gaps.iter().map(|(k, _)| QRef::parse(k)).collect();
    let owner = if item.owner_assigned {
        item.owner.clone()
    } else {
        String::new()
    };
    let due = qs
        .iter()
        .filter_map(|q| doc.answer(q).and_then(|a| a.target))
        .min();
    match code {
        KeyCode::Char('o') => open_field(
            app,
            Purpose::Owner(qs),
            s::D_OWNER_TITLE,
            s::D_OWNER_FIELD,
            owner,
        ),
        KeyCode::Char('w') => open_field(
            app,
            Purpose::Target(qs),
            s::D_TARGET_TITLE,
            s::D_TARGET_FIELD,
            due.map(|d| d.to_string()).unwrap_or_default(),
        ),
        _ => {
            if let Some(q) = qs.into_iter().next() {
                app.set_question(q);
                app.screen = Screen::Question;
            }
        }
    }
}
