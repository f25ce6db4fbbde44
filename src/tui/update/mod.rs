//! `update(app, event)`: every change of state, in response to one event.
//! Pure apart from the clock injected into the app: file work is returned as
//! [`Effect`]s for the runtime to perform.
//!
//! Keys go to the open dialog if there is one, else to the few keys that
//! work everywhere, else to the screen's own handler: one module per
//! screen (`soa`: the Statement of Applicability), `overlays` and `forms`
//! for the dialogs, and below them
//! `navigate` (moving around), `answers` (changing an answer) and
//! `dialogs` (opening one).

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

mod answers;
mod dialogs;
mod forms;
mod navigate;
mod overlays;
mod plan;
mod question;
mod results;
mod sections;
mod soa;
mod start;
mod workshop;

use super::app::*;
use super::input::TextInput;
use dialogs::open_export;
pub use dialogs::open_new_form;
use navigate::go;

/// Handles one event. Key releases and repeats are ignored (Windows sends
/// them); only presses count.
pub fn update(app: &mut App, ev: &Event) -> Vec<Effect> {
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => {
            if app.notice.as_ref().is_some_and(|n| !n.error) {
                app.notice = None;
            }
            // A Return typed while the terminal was still in cooked mode
            // arrives as a line feed, which reads as Ctrl-J: treat it as Enter.
            if k.code == KeyCode::Char('j') && k.modifiers == KeyModifiers::CONTROL {
                return key(app, &press(KeyCode::Enter));
            }
            key(app, k)
        }
        Event::Paste(text) => paste(app, text),
        Event::Mouse(m) => mouse(app, m),
        Event::Resize(w, h) => {
            app.size = (*w, *h);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Leaves, unless answers are not saved (then asks first), or a sitting
/// did something (then shows its summary and asks for notes).
fn quit(app: &mut App) {
    if app.unsaved.is_some() {
        app.overlay = Some(Overlay::QuitUnsaved);
    } else if app.workshop.current.is_some() && !app.sitting.is_empty() {
        app.overlay = Some(Overlay::EndSitting {
            notes: crate::tui::input::TextInput::default(),
        });
    } else {
        app.quit = true;
    }
}

fn press(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn key(app: &mut App, k: &KeyEvent) -> Vec<Effect> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let asking = matches!(
        app.overlay,
        Some(Overlay::QuitUnsaved | Overlay::EndSitting { .. })
    );
    if ctrl && matches!(k.code, KeyCode::Char('c') | KeyCode::Char('d')) && !asking {
        quit(app);
        return Vec::new();
    }
    if let Some(ov) = app.overlay.take() {
        return overlays::key(app, ov, k);
    }
    // Typing into an option filter: letters are text, not commands.
    let filtering = app.screen == Screen::Question && app.question.filter.is_some();
    if filtering && !ctrl && matches!(k.code, KeyCode::Char(_)) {
        return question::key(app, k);
    }
    if let Some(fx) = global_key(app, k) {
        return fx;
    }
    match app.screen {
        Screen::Start => start::key(app, k),
        Screen::Sections => sections::key(app, k),
        Screen::Question => question::key(app, k),
        Screen::Results => results::key(app, k),
        Screen::Plan => plan::key(app, k),
        Screen::Workshop => workshop::key(app, k),
        Screen::Soa => soa::key(app, k),
    }
}

/// Keys that work on every screen: help, redraw, export, quit, the tabs,
/// search. `None` when not one of them.
fn global_key(app: &mut App, k: &KeyEvent) -> Option<Vec<Effect>> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let has_doc = app.doc.is_some();
    match k.code {
        KeyCode::Char('?') | KeyCode::F(1) => app.overlay = Some(Overlay::Help { scroll: 0 }),
        KeyCode::Char('l') if ctrl => return Some(vec![Effect::Redraw]),
        KeyCode::Char('e') if ctrl => return Some(open_export(app)),
        KeyCode::F(7) => return Some(open_export(app)),
        KeyCode::Char('q') if !ctrl => quit(app),
        KeyCode::Tab | KeyCode::BackTab if has_doc => {
            let tabs = Screen::TABS;
            let i = tabs.iter().position(|t| *t == app.screen).unwrap_or(0);
            let n = tabs.len();
            let j = if k.code == KeyCode::Tab {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            };
            go(app, tabs[j]);
        }
        KeyCode::F(n @ 2..=6) if has_doc => {
            if let Some(t) = Screen::TABS.iter().find(|t| t.fkey() == n) {
                go(app, *t);
            }
        }
        KeyCode::Char('/') if has_doc && !ctrl => {
            app.overlay = Some(Overlay::Search {
                input: TextInput::default(),
                sel: 0,
            })
        }
        _ => return None,
    }
    Some(Vec::new())
}

// ------------------------------------------------------------------ paste, mouse

fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    match app.overlay.as_mut() {
        Some(Overlay::Form(form)) => {
            let focus = form.focus;
            if let Some(f) = form.fields.get_mut(focus) {
                f.input.insert(text);
            }
            let mut form = form.clone();
            forms::follow_org(app, &mut form, focus);
            app.overlay = Some(Overlay::Form(form));
        }
        Some(Overlay::Search { input, sel }) => {
            input.insert(text);
            *sel = 0;
        }
        Some(Overlay::Export { path, edited, .. }) => {
            path.insert(text);
            *edited = true;
        }
        Some(Overlay::Evidence { input, sel, .. }) => {
            input.insert(text);
            *sel = None;
        }
        // Pasted text outside an input is ignored: never typed as commands.
        _ => {}
    }
    Vec::new()
}

/// A click on a row selects it: a section, a plan item, or a question's
/// option (which, like its key, answers or toggles).
fn click(app: &mut App, column: u16, row: u16) -> Vec<Effect> {
    match app.hit_at(column, row) {
        Some(Hit::Section(i)) => app.sections.sel = i,
        Some(Hit::PlanRow(n)) => {
            if app.plan.sel != n {
                app.plan.scroll = 0;
            }
            app.plan.sel = n;
        }
        Some(Hit::StartRow(i)) => app.start.sel = i,
        Some(Hit::SoaRow(i)) => {
            if app.soa.sel != i {
                app.soa.scroll = 0;
            }
            app.soa.sel = i;
        }
        Some(Hit::WorkshopRow(pane, i)) => {
            app.workshop.pane = pane;
            app.workshop.sel[pane] = i;
        }
        Some(Hit::Option(i)) => {
            app.question.hl = i;
            // The same as Space (toggle) or Enter (choose) on the highlight.
            let multi = app
                .current()
                .is_some_and(|(_, q)| q.kind == crate::catalog::AnswerKind::Multi);
            let k = if multi {
                KeyCode::Char(' ')
            } else {
                KeyCode::Enter
            };
            return key(app, &press(k));
        }
        None => {}
    }
    Vec::new()
}

fn mouse(app: &mut App, m: &MouseEvent) -> Vec<Effect> {
    match m.kind {
        MouseEventKind::ScrollDown => key(app, &press(KeyCode::Down)),
        MouseEventKind::ScrollUp => key(app, &press(KeyCode::Up)),
        MouseEventKind::Down(MouseButton::Left) if m.row == 0 && app.overlay.is_none() => {
            if let Some(t) = app.tab_at(m.column) {
                go(app, t);
            }
            Vec::new()
        }
        MouseEventKind::Down(MouseButton::Left) if app.overlay.is_none() => {
            click(app, m.column, m.row)
        }
        _ => Vec::new(),
    }
}
