//! Keys in the dialogs over the screen: help, confirmation, search, export
//! and evidence links (forms are in `forms`).

use crossterm::event::{KeyCode, KeyEvent};

use super::answers::change;
use super::forms;
use crate::tui::app::*;
use crate::tui::input::{Edit, TextInput};
use crate::tui::strings as s;

/// Handles a key in the open dialog, which was taken out of the app: each
/// handler puts it back unless the key closes it.
pub(super) fn key(app: &mut App, ov: Overlay, k: &KeyEvent) -> Vec<Effect> {
    match ov {
        Overlay::Help { scroll } => help_key(app, scroll, k),
        Overlay::Confirm { text, action } => match k.code {
            KeyCode::Char('y') | KeyCode::Char('Y') => confirm(app, action),
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => Vec::new(),
            _ => {
                app.overlay = Some(Overlay::Confirm { text, action });
                Vec::new()
            }
        },
        Overlay::Search { input, sel } => search_key(app, input, sel, k),
        Overlay::Export {
            format,
            path,
            edited,
        } => export_key(app, format, path, edited, k),
        Overlay::Evidence { q, input, sel } => evidence_key(app, q, input, sel, k),
        Overlay::Form(form) => forms::key(app, form, k),
        Overlay::SaveFailed { error, path } => save_failed_key(app, error, path, k),
        Overlay::QuitUnsaved => quit_unsaved_key(app, k),
        Overlay::EndSitting { notes } => end_sitting_key(app, notes, k),
        Overlay::Pack { dir, outcome } => pack_key(app, dir, outcome, k),
    }
}

/// After writing the document pack: any key closes the report; over
/// edited files, `y` writes the pack over them and anything else keeps them.
fn pack_key(
    app: &mut App,
    dir: std::path::PathBuf,
    outcome: PackOutcome,
    k: &KeyEvent,
) -> Vec<Effect> {
    match (&outcome, k.code) {
        (PackOutcome::Edited(_), KeyCode::Char('y') | KeyCode::Char('Y')) => {
            vec![Effect::Pack { dir, force: true }]
        }
        (PackOutcome::Edited(files), KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc) => {
            app.info(s::pack_kept(files.len()));
            Vec::new()
        }
        (PackOutcome::Edited(_), _) => {
            app.overlay = Some(Overlay::Pack { dir, outcome });
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// The end of a sitting: Enter records its summary and the notes, saves
/// and quits; Ctrl-C records the summary and quits; Esc goes back to work.
fn end_sitting_key(app: &mut App, mut notes: TextInput, k: &KeyEvent) -> Vec<Effect> {
    use crossterm::event::KeyModifiers;
    let ctrl_c = k.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(k.code, KeyCode::Char('c') | KeyCode::Char('d'));
    match k.code {
        KeyCode::Esc => Vec::new(),
        KeyCode::Enter => finish_sitting(app, notes.trimmed()),
        _ if ctrl_c => finish_sitting(app, ""),
        _ => {
            notes.handle(k);
            app.overlay = Some(Overlay::EndSitting { notes });
            Vec::new()
        }
    }
}

/// Writes the sitting's summary (and notes) on its record and quits after
/// the save.
fn finish_sitting(app: &mut App, notes: &str) -> Vec<Effect> {
    let st = &app.sitting;
    let summary = s::sitting_summary(
        st.answered.len(),
        st.changed.len(),
        st.parked.len(),
        st.owners.len(),
    );
    let text = if notes.is_empty() {
        summary
    } else {
        format!("{summary}. Notes: {notes}")
    };
    if let (Some(doc), Some(id)) = (app.doc.as_mut(), app.workshop.current.as_ref())
        && let Some(se) = doc.a.sessions.get_mut(id)
    {
        se.summary = text;
    }
    app.quit = true;
    vec![Effect::Save]
}

/// The failed-save dialog: Enter saves to the file named, Esc goes back to
/// work with the answers still only in memory.
fn save_failed_key(app: &mut App, error: String, mut path: TextInput, k: &KeyEvent) -> Vec<Effect> {
    match k.code {
        KeyCode::Esc => Vec::new(),
        KeyCode::Enter => {
            let p = path.trimmed().to_string();
            if p.is_empty() {
                app.overlay = Some(Overlay::SaveFailed { error, path });
                app.error(s::D_FILE_REQUIRED);
                return Vec::new();
            }
            vec![Effect::SaveAs(p.into())]
        }
        _ => {
            path.handle(k);
            app.overlay = Some(Overlay::SaveFailed { error, path });
            Vec::new()
        }
    }
}

/// Quit with answers not saved: `y` leaves anyway (the exit code says so),
/// `s` offers another file, anything else stays.
fn quit_unsaved_key(app: &mut App, k: &KeyEvent) -> Vec<Effect> {
    use crossterm::event::KeyModifiers;
    let ctrl_c = k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char('c');
    match k.code {
        KeyCode::Char('y') | KeyCode::Char('Y') => app.quit = true,
        _ if ctrl_c => app.quit = true,
        KeyCode::Char('s') | KeyCode::Char('S') => {
            let error = app.unsaved.clone().unwrap_or_default();
            let suggestion = app.save_elsewhere_path();
            app.overlay = Some(Overlay::SaveFailed {
                error,
                path: TextInput::new(&suggestion.display().to_string()),
            });
        }
        _ => {}
    }
    Vec::new()
}

fn help_key(app: &mut App, scroll: u16, k: &KeyEvent) -> Vec<Effect> {
    let scroll = match k.code {
        KeyCode::Up | KeyCode::Char('k') => scroll.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => scroll.saturating_add(1),
        KeyCode::PageUp => scroll.saturating_sub(10),
        KeyCode::PageDown | KeyCode::Char(' ') => scroll.saturating_add(10),
        KeyCode::Home | KeyCode::Char('g') => 0,
        _ => return Vec::new(), // any other key closes the help
    };
    app.overlay = Some(Overlay::Help { scroll });
    Vec::new()
}

/// Carries out a confirmed removal.
fn confirm(app: &mut App, action: ConfirmAction) -> Vec<Effect> {
    let Some(doc) = app.doc.as_mut() else {
        return Vec::new();
    };
    match action {
        ConfirmAction::RemoveSystem(id) => {
            doc.a.systems.remove(&id);
            doc.refresh(&app.cat, app.today);
            if app
                .question
                .cur
                .as_ref()
                .is_some_and(|q| q.system.as_deref() == Some(id.as_str()))
            {
                app.question.cur = None;
            }
            let n = app.section_entries().len();
            app.sections.sel = app.sections.sel.min(n.saturating_sub(1));
            app.info(s::removed_system(&id));
        }
        ConfirmAction::RemoveParticipant(i) => {
            if i < doc.a.participants.len() {
                doc.a.participants.remove(i);
            }
            app.workshop.sel[0] = i.min(doc.a.participants.len().saturating_sub(1));
        }
        ConfirmAction::RemoveSession(id) => {
            doc.a.sessions.remove(&id);
            if app.workshop.current.as_deref() == Some(id.as_str()) {
                app.workshop.current = None;
            }
            app.workshop.sel[1] = app.workshop.sel[1].min(doc.a.sessions.len().saturating_sub(1));
        }
    }
    vec![Effect::Save]
}

/// Typing filters the questions; Enter opens the chosen one.
fn search_key(app: &mut App, mut input: TextInput, mut sel: usize, k: &KeyEvent) -> Vec<Effect> {
    let results = app.search(input.value());
    match k.code {
        KeyCode::Esc => return Vec::new(),
        KeyCode::Enter => {
            if let Some(&i) = results.get(sel)
                && let Some(doc) = &app.doc
            {
                let q = doc.flow[i].q.clone();
                app.set_question(q);
                app.screen = Screen::Question;
            }
            return Vec::new();
        }
        KeyCode::Up => sel = sel.saturating_sub(1),
        KeyCode::Down => sel = (sel + 1).min(results.len().saturating_sub(1)),
        KeyCode::PageUp => sel = sel.saturating_sub(10),
        KeyCode::PageDown => sel = (sel + 10).min(results.len().saturating_sub(1)),
        _ => {
            if input.handle(k) == Edit::Changed {
                sel = 0;
            }
        }
    }
    app.overlay = Some(Overlay::Search { input, sel });
    Vec::new()
}

/// Left and right choose the format (the path follows it until edited);
/// Enter exports, keeping the dialog open for errors.
fn export_key(
    app: &mut App,
    mut format: usize,
    mut path: TextInput,
    mut edited: bool,
    k: &KeyEvent,
) -> Vec<Effect> {
    match k.code {
        KeyCode::Esc => return Vec::new(),
        KeyCode::Enter => {
            let p = path.trimmed().to_string();
            app.overlay = Some(Overlay::Export {
                format,
                path,
                edited,
            });
            if p.is_empty() {
                app.error(s::D_FILE_REQUIRED);
                return Vec::new();
            }
            if format == EXPORT_PACK {
                return vec![Effect::Pack {
                    dir: p.into(),
                    force: false,
                }];
            }
            return vec![Effect::Export {
                path: p.into(),
                format,
            }];
        }
        KeyCode::Left | KeyCode::Right | KeyCode::Tab | KeyCode::BackTab => {
            let was_pack = format == EXPORT_PACK;
            format = if matches!(k.code, KeyCode::Left | KeyCode::BackTab) {
                (format + EXPORT_CHOICES - 1) % EXPORT_CHOICES
            } else {
                (format + 1) % EXPORT_CHOICES
            };
            // A file name typed for a report is no folder for the pack (nor
            // the other way round): crossing over starts from the default.
            if !edited || was_pack != (format == EXPORT_PACK) {
                path = TextInput::new(&app.export_path(format));
                edited = false;
            }
        }
        _ => {
            if path.handle(k) == Edit::Changed {
                edited = true;
            }
        }
    }
    app.overlay = Some(Overlay::Export {
        format,
        path,
        edited,
    });
    Vec::new()
}

/// The evidence links of an answer: Up and Down choose one (Delete
/// removes it); Enter on the input line adds a link.
fn evidence_key(
    app: &mut App,
    q: QRef,
    mut input: TextInput,
    mut sel: Option<usize>,
    k: &KeyEvent,
) -> Vec<Effect> {
    let list = app
        .doc
        .as_ref()
        .and_then(|d| d.answer(&q))
        .map(|a| a.evidence.clone())
        .unwrap_or_default();
    let mut fx = Vec::new();
    match k.code {
        KeyCode::Esc => return Vec::new(),
        KeyCode::Up => {
            sel = match sel {
                None if !list.is_empty() => Some(list.len() - 1),
                Some(i) if i > 0 => Some(i - 1),
                other => other,
            }
        }
        KeyCode::Down => {
            sel = match sel {
                Some(i) if i + 1 < list.len() => Some(i + 1),
                _ => None,
            }
        }
        KeyCode::Delete if sel.is_some() => {
            let i = sel.unwrap_or(0);
            fx = change(app, &q, |a| {
                if i < a.evidence.len() {
                    a.evidence.remove(i);
                }
            });
            sel = if list.len() <= 1 {
                None
            } else {
                Some(i.min(list.len() - 2))
            };
        }
        KeyCode::Enter if !input.trimmed().is_empty() => {
            let link = input.trimmed().to_string();
            input = TextInput::default();
            sel = None;
            fx = change(app, &q, |a| {
                if !a.evidence.contains(&link) {
                    a.evidence.push(link)
                }
            });
        }
        KeyCode::Enter => return Vec::new(),
        _ => {
            sel = None;
            input.handle(k);
        }
    }
    app.overlay = Some(Overlay::Evidence { q, input, sel });
    fx
}
