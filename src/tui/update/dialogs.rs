//! Opening the dialogs: one-field forms, the new-assessment and new-system
//! forms, and the export dialog.

use std::path::PathBuf;

use crate::assessment::Answer;
use crate::tui::app::*;
use crate::tui::input::TextInput;
use crate::tui::strings as s;

/// A form with one field.
pub(super) fn open_field(
    app: &mut App,
    purpose: Purpose,
    title: &str,
    label: &'static str,
    value: String,
) {
    let picks_a_person = matches!(
        purpose,
        Purpose::Owner(_) | Purpose::Finder(_) | Purpose::FixOwner(_)
    );
    let mut form = Form::new(purpose, title, vec![(label, value)]);
    if picks_a_person {
        form.people = app.people();
    }
    app.overlay = Some(Overlay::Form(form));
}

/// Not applicable needs a justification.
pub(super) fn open_justify(app: &mut App, q: &QRef, ans: &Answer) {
    open_field(
        app,
        Purpose::Justify(q.clone()),
        s::D_JUSTIFY_TITLE,
        s::D_JUSTIFY_FIELD,
        ans.justification.clone().unwrap_or_default(),
    );
}

/// The new-assessment form (the file follows the organisation's name unless given).
pub fn open_new_form(app: &mut App, file: Option<PathBuf>) -> Vec<Effect> {
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

/// The new-system form; `first` when offered at the end of scoping.
pub(super) fn open_system_form(app: &mut App, first: bool) -> Vec<Effect> {
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

pub(super) fn open_export(app: &mut App) -> Vec<Effect> {
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
