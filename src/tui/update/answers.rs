//! Changing an answer: every change is stamped, recorded in the running
//! sitting, re-evaluated and saved.

use crate::assessment::{Answer, Status, Value};
use crate::tui::app::*;

/// Changes one answer: stamps it, records the section in the running
/// sitting, re-evaluates, and asks for a save.
pub(super) fn change(app: &mut App, q: &QRef, f: impl FnOnce(&mut Answer)) -> Vec<Effect> {
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

/// A readiness answer (clears any value; a justification only stays with
/// not applicable).
pub(super) fn set_status(app: &mut App, q: &QRef, st: Status) -> Vec<Effect> {
    change(app, q, |a| {
        a.status = Some(st);
        a.value = None;
        if st != Status::NotApplicable {
            a.justification = None;
        }
    })
}

/// A value answer (clears status and justification).
pub(super) fn set_value(app: &mut App, q: &QRef, v: Option<Value>) -> Vec<Effect> {
    change(app, q, |a| {
        a.value = v;
        a.status = None;
        a.justification = None;
    })
}
