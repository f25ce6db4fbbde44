//! `update(app, event)`: every change of state, in response to one event.
//! Pure apart from the clock injected into the app: file work is returned as
//! [`Effect`]s for the runtime to perform.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use jiff::civil::Date;

use super::app::*;
use super::input::{Edit, TextInput};
use super::strings as s;
use super::text::format_number;
use crate::assessment::{Answer, Session, Status, System, Value};
use crate::catalog::AnswerKind;
use crate::engine::Phase;

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

fn press(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn key(app: &mut App, k: &KeyEvent) -> Vec<Effect> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(k.code, KeyCode::Char('c') | KeyCode::Char('d')) {
        app.quit = true;
        return Vec::new();
    }
    if let Some(ov) = app.overlay.take() {
        return overlay_key(app, ov, k);
    }
    let has_doc = app.doc.is_some();
    match k.code {
        KeyCode::Char('?') | KeyCode::F(1) => {
            app.overlay = Some(Overlay::Help { scroll: 0 });
            return Vec::new();
        }
        KeyCode::Char('l') if ctrl => return vec![Effect::Redraw],
        KeyCode::Char('e') if ctrl => return open_export(app),
        KeyCode::F(7) => return open_export(app),
        KeyCode::Char('q') if !ctrl => {
            app.quit = true;
            return Vec::new();
        }
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
            return Vec::new();
        }
        KeyCode::F(n @ 2..=6) if has_doc => {
            if let Some(t) = Screen::TABS.iter().find(|t| t.fkey() == n) {
                go(app, *t);
            }
            return Vec::new();
        }
        KeyCode::Char('/') if has_doc && !ctrl => {
            app.overlay = Some(Overlay::Search {
                input: TextInput::default(),
                sel: 0,
            });
            return Vec::new();
        }
        _ => {}
    }
    match app.screen {
        Screen::Start => start_key(app, k),
        Screen::Sections => sections_key(app, k),
        Screen::Question => question_key(app, k),
        Screen::Results => results_key(app, k),
        Screen::Plan => plan_key(app, k),
        Screen::Workshop => workshop_key(app, k),
    }
}

fn go(app: &mut App, screen: Screen) {
    if screen == Screen::Sections {
        app.select_row_of_current();
    }
    if screen == Screen::Question && app.question.cur.is_none() {
        next_unanswered(app);
    }
    app.screen = screen;
}

fn open_export(app: &mut App) -> Vec<Effect> {
    if app.doc.is_none() {
        app.info(s::NO_DOC);
        return Vec::new();
    }
    app.overlay = Some(Overlay::Export {
        format: 0,
        path: TextInput::new(&app.export_path(0)),
        edited: false,
    });
    Vec::new()
}

/// Moves a selection by a key; returns the new index.
fn nav(sel: usize, len: usize, k: &KeyEvent, page: usize) -> Option<usize> {
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

// ------------------------------------------------------------------ start

fn start_key(app: &mut App, k: &KeyEvent) -> Vec<Effect> {
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

/// The new-assessment form (the file follows the organisation's name unless given).
pub fn open_new_form(app: &mut App, file: Option<std::path::PathBuf>) -> Vec<Effect> {
    let given = file.is_some();
    let path = file
        .map(|f| f.display().to_string())
        .or_else(|| {
            app.start
                .data_dir
                .as_ref()
                .map(|d| d.join("assessment.toml").display().to_string())
        })
        .unwrap_or_else(|| "assessment.toml".into());
    app.overlay = Some(Overlay::Form(Form::new(
        Purpose::NewAssessment {
            file_given: given,
            file_edited: false,
        },
        s::D_NEW_TITLE,
        vec![
            (s::D_ORG, String::new()),
            (s::D_ASSESSOR, String::new()),
            (s::D_FILE, path),
        ],
    )));
    Vec::new()
}

// ------------------------------------------------------------------ sections

fn sections_key(app: &mut App, k: &KeyEvent) -> Vec<Effect> {
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
                let ri = doc.rows.iter().position(|r| *r == row).unwrap_or(0);
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
        KeyCode::Char('r') => {
            if let Some(sys) = row.and_then(|r| r.system) {
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
            Vec::new()
        }
        KeyCode::Char('x') | KeyCode::Delete => {
            if let Some(sys) = row.and_then(|r| r.system) {
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
            Vec::new()
        }
        KeyCode::Char('t') => {
            if let Some(row) = row {
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
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn open_system_form(app: &mut App, first: bool) -> Vec<Effect> {
    app.overlay = Some(Overlay::Form(Form::new(
        Purpose::AddSystem {
            first,
            id_edited: false,
        },
        if first {
            s::D_SYSTEM_FIRST_TITLE
        } else {
            s::D_SYSTEM_TITLE
        },
        vec![
            (s::D_SYSTEM_NAME, String::new()),
            (s::D_SYSTEM_DESC, String::new()),
            (s::D_SYSTEM_ID, String::new()),
        ],
    )));
    Vec::new()
}

// ------------------------------------------------------------------ question

/// Goes to the next unanswered question after the current one (wrapping).
pub fn next_unanswered(app: &mut App) {
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

fn next_question(app: &mut App) {
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

fn prev_question(app: &mut App) {
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

/// Changes one answer: stamps it, records the section in the running
/// sitting, re-evaluates, and asks for a save.
pub fn change(app: &mut App, q: &QRef, f: impl FnOnce(&mut Answer)) -> Vec<Effect> {
    let now = app.now();
    let by = app.by();
    let current = app.workshop.current.clone();
    let Some(doc) = app.doc.as_mut() else {
        return Vec::new();
    };
    let ans = doc.a.answer_mut(q.system.as_deref(), &q.qid);
    f(ans);
    ans.touch(now, by.as_deref());
    let section = doc
        .questionnaire(&app.cat)
        .question(&q.qid)
        .map(|x| x.section.to_string());
    if let (Some(id), Some(sec)) = (current, section)
        && let Some(se) = doc.a.sessions.get_mut(&id)
        && !se.sections.contains(&sec)
    {
        se.sections.push(sec);
    }
    doc.refresh(&app.cat, app.today);
    vec![Effect::Save]
}

fn set_status(app: &mut App, q: &QRef, st: Status) -> Vec<Effect> {
    change(app, q, |a| {
        a.status = Some(st);
        a.value = None;
        if st != Status::NotApplicable {
            a.justification = None;
        }
    })
}

fn set_value(app: &mut App, q: &QRef, v: Option<Value>) -> Vec<Effect> {
    change(app, q, |a| {
        a.value = v;
        a.status = None;
        a.justification = None;
    })
}

fn question_key(app: &mut App, k: &KeyEvent) -> Vec<Effect> {
    let Some((q, question)) = app.current() else {
        if k.code == KeyCode::Esc {
            go(app, Screen::Sections);
        }
        return Vec::new();
    };
    let q = q.clone();
    let kind = question.kind;
    let options: Vec<String> = question.options.iter().map(|o| o.id.to_string()).collect();
    let ans = app.doc.as_ref().and_then(|d| d.answer(&q)).cloned();
    let ans = ans.unwrap_or_default();
    let n_choices = match kind {
        AnswerKind::Readiness => 5,
        _ => options.len(),
    };
    // Common keys.
    match k.code {
        KeyCode::Esc => {
            go(app, Screen::Sections);
            return Vec::new();
        }
        KeyCode::Left | KeyCode::Char('h') => {
            prev_question(app);
            return Vec::new();
        }
        KeyCode::Right | KeyCode::Char('l') => {
            next_question(app);
            return Vec::new();
        }
        KeyCode::Char('u') => {
            next_unanswered(app);
            return Vec::new();
        }
        KeyCode::PageDown => {
            app.question.scroll = app.question.scroll.saturating_add(5);
            return Vec::new();
        }
        KeyCode::PageUp => {
            app.question.scroll = app.question.scroll.saturating_sub(5);
            return Vec::new();
        }
        KeyCode::Up | KeyCode::Char('k') if n_choices > 0 => {
            app.question.hl = app.question.hl.saturating_sub(1);
            return Vec::new();
        }
        KeyCode::Down | KeyCode::Char('j') if n_choices > 0 => {
            app.question.hl = (app.question.hl + 1).min(n_choices - 1);
            return Vec::new();
        }
        KeyCode::Char('t') => {
            open_field(
                app,
                Purpose::Note(q.clone()),
                s::D_NOTE_TITLE,
                s::Q_NOTE,
                ans.note.clone().unwrap_or_default(),
            );
            return Vec::new();
        }
        KeyCode::Char('o') => {
            open_field(
                app,
                Purpose::Owner(vec![q.clone()]),
                s::D_OWNER_TITLE,
                s::D_OWNER_FIELD,
                ans.owner.clone().unwrap_or_default(),
            );
            return Vec::new();
        }
        KeyCode::Char('w') => {
            open_field(
                app,
                Purpose::Target(vec![q.clone()]),
                s::D_TARGET_TITLE,
                s::D_TARGET_FIELD,
                ans.target.map(|d| d.to_string()).unwrap_or_default(),
            );
            return Vec::new();
        }
        KeyCode::Char('e') => {
            app.overlay = Some(Overlay::Evidence {
                q: q.clone(),
                input: TextInput::default(),
                sel: None,
            });
            return Vec::new();
        }
        KeyCode::Char('c') => {
            return change(app, &q, |a| {
                a.status = None;
                a.value = None;
                a.justification = None;
            });
        }
        KeyCode::Char('x') => {
            open_justify(app, &q, &ans);
            return Vec::new();
        }
        KeyCode::Char('d') => {
            let fx = set_status(app, &q, Status::DontKnow);
            open_field(
                app,
                Purpose::Finder(q.clone()),
                s::D_FINDER_TITLE,
                s::D_FINDER_FIELD,
                ans.owner.clone().unwrap_or_default(),
            );
            return fx;
        }
        _ => {}
    }
    match kind {
        AnswerKind::Readiness => {
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
                    open_justify(app, &q, &ans);
                    Vec::new()
                }
                Some(4) => question_key(app, &press(KeyCode::Char('d'))),
                Some(i) if i < 3 => {
                    app.question.hl = i;
                    let fx = set_status(app, &q, Status::ALL[i]);
                    next_question(app);
                    fx
                }
                _ => Vec::new(),
            }
        }
        AnswerKind::YesNo | AnswerKind::Single => {
            let pick = match k.code {
                KeyCode::Char('y') if kind == AnswerKind::YesNo => {
                    options.iter().position(|o| o == "yes")
                }
                KeyCode::Char('n') if kind == AnswerKind::YesNo => {
                    options.iter().position(|o| o == "no")
                }
                KeyCode::Char(c @ '1'..='9') => Some(c as usize - '1' as usize),
                KeyCode::Enter | KeyCode::Char(' ') => Some(app.question.hl),
                _ => None,
            };
            match pick.and_then(|i| options.get(i).map(|o| (i, o.clone()))) {
                Some((i, id)) => {
                    app.question.hl = i;
                    let fx = set_value(app, &q, Some(Value::Text(id)));
                    next_question(app);
                    fx
                }
                None => Vec::new(),
            }
        }
        AnswerKind::Multi => {
            let toggle = match k.code {
                KeyCode::Char(c @ '1'..='9') => Some(c as usize - '1' as usize),
                KeyCode::Char(' ') => Some(app.question.hl),
                KeyCode::Enter => {
                    next_question(app);
                    return Vec::new();
                }
                _ => None,
            };
            let Some((i, id)) = toggle.and_then(|i| options.get(i).map(|o| (i, o.clone()))) else {
                return Vec::new();
            };
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
            // Keep the questionnaire's order.
            list.sort_by_key(|x| options.iter().position(|o| o == x).unwrap_or(usize::MAX));
            let v = (!list.is_empty()).then_some(Value::List(list));
            set_value(app, &q, v)
        }
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

fn open_field(app: &mut App, purpose: Purpose, title: &str, label: &'static str, value: String) {
    app.overlay = Some(Overlay::Form(Form::new(
        purpose,
        title,
        vec![(label, value)],
    )));
}

fn open_justify(app: &mut App, q: &QRef, ans: &Answer) {
    open_field(
        app,
        Purpose::Justify(q.clone()),
        s::D_JUSTIFY_TITLE,
        s::D_JUSTIFY_FIELD,
        ans.justification.clone().unwrap_or_default(),
    );
}

// ------------------------------------------------------------------ results

fn results_key(app: &mut App, k: &KeyEvent) -> Vec<Effect> {
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
        _ => {}
    }
    Vec::new()
}

// ------------------------------------------------------------------ plan

fn cycle<T: Clone + PartialEq>(cur: &Option<T>, all: &[T]) -> Option<T> {
    match cur {
        None => all.first().cloned(),
        Some(c) => match all.iter().position(|x| x == c) {
            Some(i) if i + 1 < all.len() => Some(all[i + 1].clone()),
            _ => None,
        },
    }
}

fn plan_key(app: &mut App, k: &KeyEvent) -> Vec<Effect> {
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
    let Some(doc) = &app.doc else {
        return Vec::new();
    };
    let all = &doc.eval.plan.items;
    match k.code {
        KeyCode::Char('f') => {
            let fws: Vec<String> = app
                .cat
                .frameworks
                .iter()
                .filter(|f| all.iter().any(|it| it.closes(&f.id)))
                .map(|f| f.id.to_string())
                .collect();
            app.plan.framework = cycle(&app.plan.framework, &fws);
            app.plan.sel = 0;
        }
        KeyCode::Char('p') => {
            let phases: Vec<Phase> = Phase::ALL
                .into_iter()
                .filter(|p| all.iter().any(|it| it.phase == *p))
                .collect();
            app.plan.phase = cycle(&app.plan.phase, &phases);
            app.plan.sel = 0;
        }
        KeyCode::Char('b') => {
            let mut owners: Vec<String> = all.iter().map(|it| it.owner.clone()).collect();
            owners.sort();
            owners.dedup();
            app.plan.owner = cycle(&app.plan.owner, &owners);
            app.plan.sel = 0;
        }
        KeyCode::PageDown => app.plan.scroll = app.plan.scroll.saturating_add(5),
        KeyCode::PageUp => app.plan.scroll = app.plan.scroll.saturating_sub(5),
        KeyCode::Char('o') | KeyCode::Char('w') | KeyCode::Enter => {
            let Some(item) = app.selected_plan_item() else {
                return Vec::new();
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
            match k.code {
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
        KeyCode::Char('x') => return open_export(app),
        _ => {}
    }
    Vec::new()
}

// ------------------------------------------------------------------ workshop

fn workshop_key(app: &mut App, k: &KeyEvent) -> Vec<Effect> {
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
        KeyCode::Enter if p == 1 && lens[1] > 0 => {
            let Some((id, se)) = doc.a.sessions.iter().nth(sel) else {
                return Vec::new();
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
        KeyCode::Enter | KeyCode::Char('o') if p == 2 && lens[2] > 0 => {
            let lot = doc.a.parking_lot();
            let Some((key, ans)) = lot.get(sel) else {
                return Vec::new();
            };
            let q = QRef::parse(key);
            if k.code == KeyCode::Enter {
                app.set_question(q);
                app.screen = Screen::Question;
            } else {
                let owner = ans.owner.clone().unwrap_or_default();
                open_field(
                    app,
                    Purpose::Owner(vec![q]),
                    s::D_FINDER_TITLE,
                    s::D_OWNER_FIELD,
                    owner,
                );
            }
        }
        KeyCode::Char('x') | KeyCode::Delete if p < 2 && lens[p] > 0 => {
            app.overlay = Some(if p == 0 {
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
        _ => {}
    }
    Vec::new()
}

// ------------------------------------------------------------------ overlays

fn overlay_key(app: &mut App, ov: Overlay, k: &KeyEvent) -> Vec<Effect> {
    match ov {
        Overlay::Help { scroll } => {
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
        Overlay::Confirm { text, action } => match k.code {
            KeyCode::Char('y') | KeyCode::Char('Y') => confirm(app, action),
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => Vec::new(),
            _ => {
                app.overlay = Some(Overlay::Confirm { text, action });
                Vec::new()
            }
        },
        Overlay::Search { mut input, mut sel } => {
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
        Overlay::Export {
            mut format,
            mut path,
            mut edited,
        } => {
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
                    return vec![Effect::Export {
                        path: p.into(),
                        format,
                    }];
                }
                KeyCode::Left | KeyCode::Right | KeyCode::Tab | KeyCode::BackTab => {
                    format = if matches!(k.code, KeyCode::Left | KeyCode::BackTab) {
                        (format + 2) % 3
                    } else {
                        (format + 1) % 3
                    };
                    if !edited {
                        path = TextInput::new(&app.export_path(format));
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
        Overlay::Evidence {
            q,
            mut input,
            mut sel,
        } => {
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
        Overlay::Form(form) => form_key(app, form, k),
    }
}

fn form_key(app: &mut App, mut form: Form, k: &KeyEvent) -> Vec<Effect> {
    let last = form.fields.len().saturating_sub(1);
    match k.code {
        KeyCode::Esc => {
            match &form.purpose {
                Purpose::Finder(_) => next_question(app),
                Purpose::AddSystem { first: true, .. } => next_question(app),
                _ => {}
            }
            return Vec::new();
        }
        KeyCode::Tab | KeyCode::Down => form.focus = (form.focus + 1).min(last),
        KeyCode::BackTab | KeyCode::Up => form.focus = form.focus.saturating_sub(1),
        KeyCode::Enter if form.focus < last => form.focus += 1,
        KeyCode::Enter => return submit(app, form),
        _ => {
            let focus = form.focus;
            if let Some(f) = form.fields.get_mut(focus)
                && f.input.handle(k) == Edit::Changed
            {
                form.error = None;
                follow_org(app, &mut form, focus);
            }
        }
    }
    app.overlay = Some(Overlay::Form(form));
    Vec::new()
}

/// In the new-assessment form the file follows the organisation's name,
/// and in the new-system form the id follows the name, until edited by hand.
fn follow_org(app: &App, form: &mut Form, focus: usize) {
    if let Purpose::AddSystem { id_edited, .. } = &mut form.purpose {
        if focus == 2 {
            *id_edited = true;
        } else if focus == 0 && !*id_edited {
            let id = app
                .doc
                .as_ref()
                .map(|d| unique_system_id(&d.a, &slug(form.fields[0].input.value())))
                .unwrap_or_default();
            form.fields[2].input.set(&id);
        }
        return;
    }
    if let Purpose::NewAssessment {
        file_given,
        file_edited,
    } = &mut form.purpose
    {
        if focus == 2 {
            *file_edited = true;
        } else if focus == 0
            && !*file_given
            && !*file_edited
            && let Some(dir) = &app.start.data_dir
        {
            let name = crate::workspace::file_name_for(form.fields[0].input.value());
            let path = dir.join(name).display().to_string();
            form.fields[2].input.set(&path);
        }
    }
}

fn parse_date(s: &str) -> Option<Date> {
    s.trim().parse::<Date>().ok()
}

fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect()
}

fn submit(app: &mut App, form: Form) -> Vec<Effect> {
    let v0 = form.value(0).to_string();
    let fail = |app: &mut App, mut form: Form, msg: &str| {
        form.error = Some(msg.to_string());
        app.overlay = Some(Overlay::Form(form));
        Vec::new()
    };
    match form.purpose.clone() {
        Purpose::NewAssessment { .. } => {
            if v0.is_empty() {
                return fail(app, form, s::D_ORG_REQUIRED);
            }
            let path = form.value(2).to_string();
            if path.is_empty() {
                return fail(app, form, s::D_FILE_REQUIRED);
            }
            let assessor = form.value(1).to_string();
            // Kept open until the file is created (errors show in it).
            app.overlay = Some(Overlay::Form(form));
            vec![Effect::Create {
                path: path.into(),
                organisation: v0,
                assessor,
            }]
        }
        Purpose::Note(q) => change(app, &q, |a| a.note = (!v0.is_empty()).then_some(v0)),
        Purpose::Owner(qs) => {
            let mut fx = Vec::new();
            for q in &qs {
                let v = v0.clone();
                fx = change(app, q, |a| a.owner = (!v.is_empty()).then_some(v));
            }
            if qs.len() > 1 {
                app.info(s::assigned(s::Q_OWNER, qs.len()));
            }
            fx
        }
        Purpose::Finder(q) => {
            let fx = change(app, &q, |a| a.owner = (!v0.is_empty()).then_some(v0));
            next_question(app);
            fx
        }
        Purpose::Target(qs) => {
            let date = if v0.is_empty() {
                None
            } else {
                match parse_date(&v0) {
                    Some(d) => Some(d),
                    None => return fail(app, form, s::D_BAD_DATE),
                }
            };
            let mut fx = Vec::new();
            for q in &qs {
                fx = change(app, q, |a| a.target = date);
            }
            if qs.len() > 1 {
                app.info(s::assigned(s::Q_TARGET, qs.len()));
            }
            fx
        }
        Purpose::Justify(q) => {
            if v0.is_empty() {
                return fail(app, form, s::D_JUSTIFY_REQUIRED);
            }
            let fx = change(app, &q, |a| {
                a.status = Some(Status::NotApplicable);
                a.value = None;
                a.justification = Some(v0);
            });
            next_question(app);
            fx
        }
        Purpose::Typed(q) => {
            let kind = app
                .qn()
                .and_then(|qn| qn.question(&q.qid))
                .map(|x| x.kind)
                .unwrap_or(AnswerKind::Text);
            let value = if v0.is_empty() {
                None
            } else {
                match kind {
                    AnswerKind::Number => {
                        let clean: String = v0
                            .chars()
                            .filter(|c| !matches!(c, ',' | '_' | ' '))
                            .collect();
                        match clean.parse::<f64>() {
                            Ok(n) if n.is_finite() => Some(Value::Number(n)),
                            _ => return fail(app, form, s::D_BAD_NUMBER),
                        }
                    }
                    AnswerKind::Date => match parse_date(&v0) {
                        Some(d) => Some(Value::Date(d)),
                        None => return fail(app, form, s::D_BAD_DATE),
                    },
                    _ => Some(Value::Text(v0)),
                }
            };
            let answered = value.is_some();
            let fx = set_value(app, &q, value);
            if answered {
                next_question(app);
            }
            fx
        }
        Purpose::AddSystem { .. } => {
            if v0.is_empty() {
                return fail(app, form, s::D_SYSTEM_REQUIRED);
            }
            let desc = form.value(1).to_string();
            let id = slug(if form.value(2).is_empty() {
                &v0
            } else {
                form.value(2)
            });
            if app
                .doc
                .as_ref()
                .is_some_and(|d| d.a.systems.contains_key(&id))
            {
                let msg = s::system_id_taken(&id);
                return fail(app, form, &msg);
            }
            add_system(app, &id, &v0, &desc)
        }
        Purpose::RenameSystem(id) => {
            if v0.is_empty() {
                return fail(app, form, s::D_SYSTEM_REQUIRED);
            }
            let desc = form.value(1).to_string();
            let Some(doc) = app.doc.as_mut() else {
                return Vec::new();
            };
            if let Some(sys) = doc.a.systems.get_mut(&id) {
                sys.name = v0;
                sys.description = desc;
            }
            doc.refresh(&app.cat, app.today);
            vec![Effect::Save]
        }
        Purpose::SectionNote(sec) => {
            let Some(doc) = app.doc.as_mut() else {
                return Vec::new();
            };
            if v0.is_empty() {
                doc.a.section_notes.remove(&sec);
            } else {
                doc.a.section_notes.insert(sec, v0);
            }
            vec![Effect::Save]
        }
        Purpose::AddParticipant => {
            let Some(doc) = app.doc.as_mut() else {
                return Vec::new();
            };
            if v0.is_empty() {
                return Vec::new();
            }
            if !doc.a.participants.contains(&v0) {
                doc.a.participants.push(v0);
            }
            app.workshop.sel[0] = doc.a.participants.len() - 1;
            vec![Effect::Save]
        }
        Purpose::Session(existing) => {
            let date = match parse_date(&v0) {
                Some(d) => d,
                None => return fail(app, form, s::D_BAD_DATE),
            };
            let facilitator = form.value(1).to_string();
            let attendees = split_list(form.value(2));
            let Some(doc) = app.doc.as_mut() else {
                return Vec::new();
            };
            match existing {
                Some(id) => {
                    let sections = split_list(form.value(3));
                    let summary = form.value(4).to_string();
                    if let Some(se) = doc.a.sessions.get_mut(&id) {
                        se.date = Some(date);
                        se.facilitator = facilitator;
                        se.attendees = attendees;
                        se.sections = sections;
                        se.summary = summary;
                    }
                }
                None => {
                    let id = doc.a.next_session_id(date);
                    for p in &attendees {
                        if !doc.a.participants.contains(p) {
                            doc.a.participants.push(p.clone());
                        }
                    }
                    doc.a.sessions.insert(
                        id.clone(),
                        Session {
                            date: Some(date),
                            facilitator,
                            attendees,
                            ..Session::default()
                        },
                    );
                    app.workshop.sel[1] = doc.a.sessions.keys().position(|k| *k == id).unwrap_or(0);
                    app.workshop.current = Some(id.clone());
                    app.info(s::session_started(&id));
                }
            }
            vec![Effect::Save]
        }
    }
}

/// A system id not yet used: `base`, else `base-2`, `base-3` …
pub fn unique_system_id(a: &crate::assessment::Assessment, base: &str) -> String {
    if !a.systems.contains_key(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|k| !a.systems.contains_key(k))
        .unwrap_or_else(|| base.to_string())
}

/// Adds an AI system (`id` is a slug; made unique) and goes to its first question.
pub fn add_system(app: &mut App, id: &str, name: &str, description: &str) -> Vec<Effect> {
    let Some(doc) = app.doc.as_mut() else {
        return Vec::new();
    };
    let id = unique_system_id(&doc.a, &slug(id));
    doc.a.systems.insert(
        id.clone(),
        System {
            name: name.to_string(),
            description: description.to_string(),
            ..System::default()
        },
    );
    let qn = doc.questionnaire(&app.cat).clone();
    doc.a.ensure_placeholders(&qn);
    doc.refresh(&app.cat, app.today);
    app.offered_system = true;
    let first = doc
        .flow
        .iter()
        .find(|f| f.q.system.as_deref() == Some(id.as_str()))
        .map(|f| f.q.clone());
    if let Some(q) = first {
        app.set_question(q);
        app.screen = Screen::Question;
    }
    app.info(s::added_system(&id));
    vec![Effect::Save]
}

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

// ------------------------------------------------------------------ paste, mouse

fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    match app.overlay.as_mut() {
        Some(Overlay::Form(form)) => {
            let focus = form.focus;
            if let Some(f) = form.fields.get_mut(focus) {
                f.input.insert(text);
            }
            let mut form = form.clone();
            follow_org(app, &mut form, focus);
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
        _ => Vec::new(),
    }
}
