//! The file work `update` asks for: saving (atomically, after every change),
//! opening, creating, exporting and writing the document pack. No terminal
//! here either.

use std::io::Write as _;
use std::path::Path;

use super::app::*;
use super::input::TextInput;
use super::strings as s;
use crate::assessment::{self, Assessment, AssessmentError};

/// Performs one effect. Returns true when the whole screen must be repainted.
pub fn perform(app: &mut App, effect: Effect) -> bool {
    match effect {
        Effect::Save => {
            save(app);
            false
        }
        Effect::SaveAs(path) => {
            save_as(app, &path);
            false
        }
        Effect::Redraw => true,
        Effect::Open(path) => {
            open(app, &path);
            false
        }
        Effect::Create {
            path,
            organisation,
            assessor,
        } => {
            match create(app, &path, &organisation, &assessor) {
                Ok(()) => {
                    app.overlay = None;
                    app.info(s::created(&path));
                }
                Err(e) => match app.overlay.as_mut() {
                    Some(Overlay::Form(f)) => f.error = Some(e),
                    _ => app.error(e),
                },
            }
            false
        }
        Effect::Export { path, format } => {
            export(app, &path, format);
            // The report code may have written warnings to stderr: repaint.
            true
        }
        Effect::Pack { dir, force } => {
            pack(app, &dir, force);
            true
        }
    }
}

fn save(app: &mut App) {
    let Some(doc) = app.doc.as_mut() else { return };
    match assessment::save_rebased(&doc.base, &doc.a, &doc.path) {
        Ok((written, overlaps)) => {
            if written != doc.a {
                // Another window or `ask` saved answers meanwhile: show them.
                doc.a = written.clone();
                doc.refresh(&app.cat, app.today);
            }
            doc.base = written;
            saved(app);
            if let Some(o) = overlaps.first() {
                app.info(s::overlap(
                    &o.key,
                    o.kept_ours,
                    o.other_by.as_deref(),
                    overlaps.len(),
                ));
            }
        }
        Err(e) => save_failed(app, e.to_string()),
    }
}

/// The answers are on disk: say when, and forget any earlier failure.
fn saved(app: &mut App) {
    let t = app.now().strftime("%H:%M").to_string();
    app.saved_at = Some(t);
    app.unsaved = None;
    if app.notice.as_ref().is_some_and(|n| n.error) {
        app.notice = None;
    }
}

/// A save failed: the flow stops with a dialog that says what failed and
/// offers another file; the answers stay in memory until they are saved.
fn save_failed(app: &mut App, error: String) {
    app.saved_at = None;
    app.error(s::save_failed(&error));
    let suggestion = app.save_elsewhere_path();
    app.overlay = Some(Overlay::SaveFailed {
        error: error.clone(),
        path: TextInput::new(&suggestion.display().to_string()),
    });
    app.unsaved = Some(error);
}

/// Saves to `path` (never over another assessment) and keeps working there.
fn save_as(app: &mut App, path: &Path) {
    if app.doc.is_none() {
        return;
    }
    let path = &absolute(path);
    let taken = path.is_dir()
        || (path.exists()
            && app.doc.as_ref().is_some_and(|d| d.path != *path)
            && assessment::is_assessment_file(path));
    if taken {
        let error = s::save_as_taken(path);
        save_failed(app, error);
        return;
    }
    let Some(doc) = app.doc.as_mut() else { return };
    match assessment::save(&doc.a, path) {
        Ok(()) => {
            doc.path = path.to_path_buf();
            doc.base = doc.a.clone();
            saved(app);
            app.info(s::saved_elsewhere(path));
        }
        Err(e) => save_failed(app, e.to_string()),
    }
}

/// `path` from the current directory when it is relative (what the
/// messages then show).
fn absolute(path: &Path) -> std::path::PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn explain(e: AssessmentError) -> String {
    match e {
        AssessmentError::Io { path, source } => format!("{path}: {source}"),
        AssessmentError::Invalid(problems) => problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("; "),
        AssessmentError::Conflicted(m) => m.explain().lines().next().unwrap_or("").to_string(),
    }
}

/// Opens an assessment file in the wizard.
pub fn open(app: &mut App, path: &Path) {
    let loaded = assessment::load(path).map_err(explain).and_then(|a| {
        let unknown = {
            let q = app.cat.questionnaire(a.questionnaire_id());
            q.is_some_and(|q| !assessment::unknown_report(&a, q, "").is_empty())
        };
        Doc::new(&app.cat, path.to_path_buf(), a, app.today).map(|d| (d, unknown))
    });
    match loaded {
        Ok((doc, unknown)) => {
            app.open_doc(doc);
            app.begin_sitting(true);
            if unknown {
                app.info(s::UNKNOWN_KEPT);
            } else {
                app.info(s::opened(path));
            }
        }
        Err(e) => app.error(s::open_failed(&e)),
    }
}

/// Creates a new assessment file (never over an existing one) and opens it.
pub fn create(
    app: &mut App,
    path: &Path,
    organisation: &str,
    assessor: &str,
) -> Result<(), String> {
    if path.exists() {
        return Err(s::exists(path));
    }
    let qn = app
        .cat
        .questionnaire(crate::catalog::DEFAULT_QUESTIONNAIRE)
        .or_else(|| app.cat.questionnaires.first())
        .ok_or_else(|| s::NO_QUESTIONNAIRE.to_string())?;
    let mut a = Assessment::new(organisation, qn, app.today);
    a.assessor = assessor.to_string();
    a.ensure_placeholders(qn);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    assessment::save(&a, path).map_err(explain)?;
    let doc = Doc::new(&app.cat, path.to_path_buf(), a, app.today)?;
    app.open_doc(doc);
    app.begin_sitting(false);
    let t = app.now().strftime("%H:%M").to_string();
    app.saved_at = Some(t);
    Ok(())
}

fn export(app: &mut App, path: &Path, format: usize) {
    let Some(doc) = &app.doc else { return };
    let (fmt, label, _) = EXPORT_FORMATS[format % EXPORT_FORMATS.len()];
    let file = doc.path.display().to_string();
    let text = match crate::report::export::render(&app.cat, &doc.a, &file, fmt, app.today) {
        Ok(t) => t,
        Err(e) => {
            app.error(s::export_failed(&format!("{e:#}")));
            return;
        }
    };
    let abs = absolute(path);
    if abs.is_dir() || assessment::is_assessment_file(&abs) {
        app.error(s::export_failed(&s::not_over_assessment(&abs)));
        return;
    }
    match assessment::atomic_write(&abs, |f| f.write_all(text.as_bytes())) {
        Ok(()) => {
            app.overlay = None;
            app.info(s::exported(label, &abs, text.len()));
        }
        Err(e) => app.error(s::export_failed(&e.to_string())),
    }
}

/// Writes the document pack for the open assessment into `dir` (the same
/// as `trustgap docs FILE --out DIR`). Files a person edited are named and
/// kept unless `force`; the dialog offers to overwrite them.
fn pack(app: &mut App, dir: &Path, force: bool) {
    let Some(doc) = &app.doc else { return };
    let abs = absolute(dir);
    let file = doc.path.display().to_string();
    let templates = crate::embedded::templates();
    let done = crate::docs::generate(&app.cat, &doc.a, &file, app.today, &templates, &abs, force);
    let outcome = match done {
        Ok(g) => PackOutcome::Written {
            written: g.written.written,
            unchanged: g.written.unchanged.len(),
            overwritten: g.written.overwritten,
            open_questions: g.open_questions,
        },
        Err(crate::docs::PackError::Write(crate::docs::WriteError::Edited(paths))) => {
            PackOutcome::Edited(
                paths
                    .iter()
                    .map(|p| p.strip_prefix(&abs).unwrap_or(p).display().to_string())
                    .collect(),
            )
        }
        Err(e) => {
            app.error(s::pack_failed(&e.to_string()));
            return;
        }
    };
    app.overlay = Some(Overlay::Pack { dir: abs, outcome });
}
