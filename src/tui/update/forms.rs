//! Forms: moving between fields, typing, and submitting, one function per
//! kind of form. A form that fails to submit stays open with the error.

use crossterm::event::{KeyCode, KeyEvent};
use jiff::civil::Date;

use super::answers::{change, set_value};
use super::navigate::next_question;
use crate::assessment::{Assessment, Session, Status, System, Value};
use crate::catalog::AnswerKind;
use crate::tui::app::*;
use crate::tui::input::Edit;
use crate::tui::strings as s;

pub(super) fn key(app: &mut App, mut form: Form, k: &KeyEvent) -> Vec<Effect> {
    let last = form.fields.len().saturating_sub(1);
    match k.code {
        KeyCode::Esc => {
            match &form.purpose {
                Purpose::Finder(_) | Purpose::FixOwner(_) => next_question(app),
                Purpose::AddSystem { first: true, .. } => next_question(app),
                _ => {}
            }
            return Vec::new();
        }
        // A person form: ↑↓ pick among the people that match, Tab or
        // Enter takes the pick (free text still works).
        KeyCode::Down if !form.people.is_empty() => {
            let n = form.matching_people().len();
            if n > 0 {
                form.pick = Some(form.pick.map_or(0, |i| (i + 1).min(n - 1)));
            }
        }
        KeyCode::Up if !form.people.is_empty() => {
            form.pick = form.pick.and_then(|i| i.checked_sub(1));
        }
        KeyCode::Tab | KeyCode::Enter if form.pick.is_some() => {
            take_pick(&mut form);
            if k.code == KeyCode::Enter {
                return submit(app, form);
            }
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
                form.pick = None;
                follow_org(app, &mut form, focus);
            }
        }
    }
    app.overlay = Some(Overlay::Form(form));
    Vec::new()
}

/// In the new-assessment form the file follows the organisation's name,
/// and in the new-system form the id follows the name, until edited by hand.
pub(super) fn follow_org(app: &App, form: &mut Form, focus: usize) {
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

fn submit(app: &mut App, form: Form) -> Vec<Effect> {
    let v0 = form.value(0).to_string();
    match form.purpose.clone() {
        Purpose::NewAssessment { .. } => new_assessment(app, form),
        Purpose::Note(q) => change(app, &q, |a| a.note = (!v0.is_empty()).then_some(v0)),
        Purpose::Owner(qs) => assign_owner(app, &qs, &v0),
        Purpose::Finder(q) => {
            let fx = change(app, &q, |a| a.finder = (!v0.is_empty()).then_some(v0));
            // Finding out is not owning the fix: ask who does.
            let owner = app
                .doc
                .as_ref()
                .and_then(|d| d.answer(&q))
                .and_then(|a| a.owner.clone())
                .unwrap_or_default();
            let mut form = Form::new(
                Purpose::FixOwner(q),
                s::D_FIX_OWNER_TITLE,
                vec![(s::D_FIX_OWNER_FIELD, owner)],
            );
            form.people = app.people();
            app.overlay = Some(Overlay::Form(form));
            fx
        }
        Purpose::FixOwner(q) => {
            let fx = change(app, &q, |a| a.owner = (!v0.is_empty()).then_some(v0));
            next_question(app);
            fx
        }
        Purpose::Target(qs) => assign_target(app, form, &qs),
        Purpose::Justify(q) => justify(app, form, &q),
        Purpose::Typed(q) => typed_answer(app, form, &q),
        Purpose::AddSystem { .. } => new_system(app, form),
        Purpose::RenameSystem(id) => rename_system(app, form, &id),
        Purpose::SectionNote(sec) => section_note(app, sec, v0),
        Purpose::AddParticipant => add_participant(app, v0),
        Purpose::RenamePerson(old) => rename_person(app, &old, v0),
        Purpose::Attendees(id) => attendees(app, &id, &v0),
        Purpose::Session(existing) => session(app, form, existing),
        Purpose::SoaExclude(id) => {
            if v0.is_empty() {
                return fail(app, form, s::D_JUSTIFY_REQUIRED);
            }
            super::soa::decide(app, &id, Some((false, v0)))
        }
        Purpose::SoaJustify(id) => super::soa::decide(app, &id, Some((true, v0))),
    }
}

/// Puts the picked person's name in the field.
fn take_pick(form: &mut Form) {
    let Some(i) = form.pick.take() else { return };
    let Some(name) = form.matching_people().get(i).map(|n| n.to_string()) else {
        return;
    };
    if let Some(f) = form.fields.get_mut(0) {
        f.input = crate::tui::input::TextInput::new(&name);
    }
}

/// Keeps the form open with an error under its fields.
fn fail(app: &mut App, mut form: Form, msg: &str) -> Vec<Effect> {
    form.error = Some(msg.to_string());
    app.overlay = Some(Overlay::Form(form));
    Vec::new()
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

/// Fields: organisation, assessor, file. The form stays open until the
/// file is created (errors show in it).
fn new_assessment(app: &mut App, form: Form) -> Vec<Effect> {
    let organisation = form.value(0).to_string();
    if organisation.is_empty() {
        return fail(app, form, s::D_ORG_REQUIRED);
    }
    let path = form.value(2).to_string();
    if path.is_empty() {
        return fail(app, form, s::D_FILE_REQUIRED);
    }
    let assessor = form.value(1).to_string();
    app.overlay = Some(Overlay::Form(form));
    vec![Effect::Create {
        path: path.into(),
        organisation,
        assessor,
    }]
}

/// The owner of one answer, or of every answer behind a plan item.
fn assign_owner(app: &mut App, qs: &[QRef], owner: &str) -> Vec<Effect> {
    let mut fx = Vec::new();
    for q in qs {
        let v = owner.to_string();
        fx = change(app, q, |a| a.owner = (!v.is_empty()).then_some(v));
    }
    if qs.len() > 1 {
        app.info(s::assigned(s::Q_OWNER, qs.len()));
    }
    fx
}

/// The target date of one answer, or of every answer behind a plan item.
fn assign_target(app: &mut App, form: Form, qs: &[QRef]) -> Vec<Effect> {
    let v0 = form.value(0);
    let date = if v0.is_empty() {
        None
    } else {
        match parse_date(v0) {
            Some(d) => Some(d),
            None => return fail(app, form, s::D_BAD_DATE),
        }
    };
    let mut fx = Vec::new();
    for q in qs {
        fx = change(app, q, |a| a.target = date);
    }
    if qs.len() > 1 {
        app.info(s::assigned(s::Q_TARGET, qs.len()));
    }
    fx
}

/// Not applicable, with the reason why.
fn justify(app: &mut App, form: Form, q: &QRef) -> Vec<Effect> {
    let reason = form.value(0).to_string();
    if reason.is_empty() {
        return fail(app, form, s::D_JUSTIFY_REQUIRED);
    }
    let fx = change(app, q, |a| {
        a.status = Some(Status::NotApplicable);
        a.value = None;
        a.justification = Some(reason);
    });
    next_question(app);
    fx
}

/// A number, date or text answer; empty clears it.
fn typed_answer(app: &mut App, form: Form, q: &QRef) -> Vec<Effect> {
    let kind = app
        .qn()
        .and_then(|qn| qn.question(&q.qid))
        .map(|x| x.kind)
        .unwrap_or(AnswerKind::Text);
    let value = match parse_typed(kind, form.value(0)) {
        Ok(v) => v,
        Err(msg) => return fail(app, form, msg),
    };
    let answered = value.is_some();
    let fx = set_value(app, q, value);
    if answered {
        next_question(app);
    }
    fx
}

/// A typed answer's value (`None` when empty), or the error to show.
/// Numbers may group digits with commas, underscores or spaces.
fn parse_typed(kind: AnswerKind, text: &str) -> Result<Option<Value>, &'static str> {
    if text.is_empty() {
        return Ok(None);
    }
    match kind {
        AnswerKind::Number => {
            let clean: String = text
                .chars()
                .filter(|c| !matches!(c, ',' | '_' | ' '))
                .collect();
            match clean.parse::<f64>() {
                Ok(n) if n.is_finite() => Ok(Some(Value::Number(n))),
                _ => Err(s::D_BAD_NUMBER),
            }
        }
        AnswerKind::Date => match parse_date(text) {
            Some(d) => Ok(Some(Value::Date(d))),
            None => Err(s::D_BAD_DATE),
        },
        _ => Ok(Some(Value::Text(text.to_string()))),
    }
}

/// Fields: name, description, id (a slug of the name when empty).
fn new_system(app: &mut App, form: Form) -> Vec<Effect> {
    let name = form.value(0).to_string();
    if name.is_empty() {
        return fail(app, form, s::D_SYSTEM_REQUIRED);
    }
    let desc = form.value(1).to_string();
    let id = slug(if form.value(2).is_empty() {
        &name
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
    add_system(app, &id, &name, &desc)
}

/// A system id not yet used: `base`, else `base-2`, `base-3` …
fn unique_system_id(a: &Assessment, base: &str) -> String {
    if !a.systems.contains_key(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|k| !a.systems.contains_key(k))
        .unwrap_or_else(|| base.to_string())
}

/// Adds an AI system (`id` is a slug; made unique) and goes to its first question.
fn add_system(app: &mut App, id: &str, name: &str, description: &str) -> Vec<Effect> {
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

/// Fields: name, description.
fn rename_system(app: &mut App, form: Form, id: &str) -> Vec<Effect> {
    let name = form.value(0).to_string();
    if name.is_empty() {
        return fail(app, form, s::D_SYSTEM_REQUIRED);
    }
    let desc = form.value(1).to_string();
    let Some(doc) = app.doc.as_mut() else {
        return Vec::new();
    };
    if let Some(sys) = doc.a.systems.get_mut(id) {
        sys.name = name;
        sys.description = desc;
    }
    doc.refresh(&app.cat, app.today);
    vec![Effect::Save]
}

/// A section's note; empty removes it.
fn section_note(app: &mut App, section: String, note: String) -> Vec<Effect> {
    let Some(doc) = app.doc.as_mut() else {
        return Vec::new();
    };
    if note.is_empty() {
        doc.a.section_notes.remove(&section);
    } else {
        doc.a.section_notes.insert(section, note);
    }
    vec![Effect::Save]
}

/// Who is present at the sitting: recorded on it (and added to the
/// participants), written with the first answer.
fn attendees(app: &mut App, id: &str, list: &str) -> Vec<Effect> {
    let Some(doc) = app.doc.as_mut() else {
        return Vec::new();
    };
    let names: Vec<String> = list
        .split(',')
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    for n in &names {
        if !doc.a.participants.contains(n) {
            doc.a.participants.push(n.clone());
        }
    }
    if let Some(se) = doc.a.sessions.get_mut(id) {
        se.attendees = names;
    }
    Vec::new()
}

/// Corrects a name everywhere: participants, answer owners and authors,
/// sittings (facilitator and attendees) and the assessor.
fn rename_person(app: &mut App, old: &str, new: String) -> Vec<Effect> {
    let Some(doc) = app.doc.as_mut() else {
        return Vec::new();
    };
    if new.is_empty() || new == old {
        return Vec::new();
    }
    let a = &mut doc.a;
    let fix = |s: &mut String| {
        if s == old {
            *s = new.clone();
        }
    };
    a.participants.iter_mut().for_each(fix);
    // The corrected name may already be there: keep it once.
    let mut seen: Vec<String> = Vec::new();
    a.participants.retain(|p| {
        let first = !seen.contains(p);
        seen.push(p.clone());
        first
    });
    fix(&mut a.assessor);
    let answers = a
        .answers
        .values_mut()
        .chain(a.systems.values_mut().flat_map(|s| s.answers.values_mut()));
    let mut changed = 0;
    for ans in answers {
        for field in [&mut ans.owner, &mut ans.by] {
            if field.as_deref() == Some(old) {
                *field = Some(new.clone());
                changed += 1;
            }
        }
    }
    for se in a.sessions.values_mut() {
        fix(&mut se.facilitator);
        se.attendees.iter_mut().for_each(fix);
    }
    doc.refresh(&app.cat, app.today);
    app.info(s::renamed(old, &new, changed));
    vec![Effect::Save]
}

fn add_participant(app: &mut App, name: String) -> Vec<Effect> {
    let Some(doc) = app.doc.as_mut() else {
        return Vec::new();
    };
    if name.is_empty() {
        return Vec::new();
    }
    if !doc.a.participants.contains(&name) {
        doc.a.participants.push(name);
    }
    app.workshop.sel[0] = doc.a.participants.len() - 1;
    vec![Effect::Save]
}

/// Fields: date, facilitator, attendees, and for a sitting being edited
/// sections and summary. A new sitting becomes the running one: the
/// sections answered from now on are recorded in it.
fn session(app: &mut App, form: Form, existing: Option<String>) -> Vec<Effect> {
    let Some(date) = parse_date(form.value(0)) else {
        return fail(app, form, s::D_BAD_DATE);
    };
    let facilitator = form.value(1).to_string();
    let attendees = split_list(form.value(2));
    let Some(doc) = app.doc.as_mut() else {
        return Vec::new();
    };
    match existing {
        Some(id) => {
            if let Some(se) = doc.a.sessions.get_mut(&id) {
                se.date = Some(date);
                se.facilitator = facilitator;
                se.attendees = attendees;
                se.sections = split_list(form.value(3));
                se.summary = form.value(4).to_string();
            }
        }
        None => {
            let id = doc.a.next_session_id(date);
            for p in &attendees {
                if !doc.a.participants.contains(p) {
                    doc.a.participants.push(p.clone());
                }
            }
            let session = Session {
                date: Some(date),
                facilitator,
                attendees,
                ..Session::default()
            };
            doc.a.sessions.insert(id.clone(), session);
            app.workshop.sel[1] = doc.a.sessions.keys().position(|k| *k == id).unwrap_or(0);
            app.workshop.current = Some(id.clone());
            app.info(s::session_started(&id));
        }
    }
    vec![Effect::Save]
}
