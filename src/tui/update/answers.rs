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
    let before = ans.clone();
    f(ans);
    ans.touch(now, by.as_deref());
    count(&mut app.sitting, &q.key(), &before, ans);
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
    let before = readiness(doc);
    doc.refresh(&app.cat, app.today);
    let moved = moved(&before, &readiness(doc));
    if !moved.is_empty() {
        app.info(crate::tui::strings::readiness_moved(&moved));
    }
    vec![Effect::Save]
}

/// What an answer's change counts for in the sitting's summary.
fn count(stats: &mut SittingStats, key: &str, before: &Answer, after: &Answer) {
    let same = |a: &Answer, b: &Answer| {
        a.status == b.status && a.value == b.value && a.justification == b.justification
    };
    if !before.is_answered() && after.is_answered() {
        stats.answered.insert(key.to_string());
    } else if before.is_answered() && !same(before, after) && !stats.answered.contains(key) {
        // A question first answered in this sitting stays "answered".
        stats.changed.insert(key.to_string());
    }
    if after.status == Some(Status::DontKnow) && before.status != Some(Status::DontKnow) {
        stats.parked.insert(key.to_string());
    }
    if after.owner.is_some() && after.owner != before.owner {
        stats.owners.insert(key.to_string());
    }
}

/// Each framework in scope: short name, requirements met and progress.
pub(super) fn readiness(doc: &Doc) -> Vec<(String, Option<f64>, Option<f64>)> {
    doc.eval
        .analysis
        .frameworks
        .iter()
        .filter(|f| f.in_scope)
        .map(|f| (f.short.to_string(), f.met, f.readiness))
        .collect()
}

/// Each framework whose requirements met or progress changed, to one decimal.
pub(super) fn moved(
    before: &[(String, Option<f64>, Option<f64>)],
    after: &[(String, Option<f64>, Option<f64>)],
) -> Vec<ReadinessMove> {
    // One decimal: a single answer often moves a framework by less than 1%.
    let pct = |r: Option<f64>| r.map_or("not assessed".to_string(), |r| format!("{r:.1}%"));
    after
        .iter()
        .filter_map(|(name, met, progress)| {
            let (_, met0, progress0) = before.iter().find(|(n, _, _)| n == name)?;
            let m = (pct(*met0), pct(*met));
            let p = (pct(*progress0), pct(*progress));
            (m.0 != m.1 || p.0 != p.1).then(|| ReadinessMove {
                framework: name.clone(),
                met: m,
                progress: p,
            })
        })
        .collect()
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
