//! Hand edits survive a save: comments and blank lines a user adds to an
//! assessment stay where they were when the wizard changes answers.

use std::path::Path;
use std::sync::Arc;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use jiff::Timestamp;
use jiff::civil::date;
use trustgap::assessment::{self, Status};
use trustgap::catalog::{LoadOptions, load_catalog};
use trustgap::tui::{App, QRef, Screen, Theme, effects, update};

const EXAMPLE: &str = include_str!("../examples/seed-llm-startup.toml");

fn clock() -> Timestamp {
    "2026-11-23T10:15:00Z".parse().unwrap()
}

/// The example with comments and blank lines added by hand: above a table,
/// above a key, after a value, and at the end of the file.
fn hand_edited() -> String {
    let text = EXAMPLE
        .replace(
            "[answers.\"iam.mfa\"]\n",
            "# Checked with Maya on 2026-11-20: passkeys everywhere.\n\n[answers.\"iam.mfa\"]\n",
        )
        .replace(
            "[answers.\"iam.access_reviews\"]\nstatus = \"missing\"",
            "[answers.\"iam.access_reviews\"]\n# Quarterly reviews start in January.\nstatus = \"missing\" # owner: Daniel",
        );
    format!("{text}\n# end of hand notes\n")
}

/// Sends key presses through the wizard's `update` and performs the
/// effects (including the save), as the running wizard does.
fn press(app: &mut App, keys: &[char]) {
    for c in keys {
        let event = Event::Key(KeyEvent::new(KeyCode::Char(*c), KeyModifiers::NONE));
        for fx in update(app, &event) {
            effects::perform(app, fx);
        }
    }
}

fn answer(app: &mut App, question: &str, key: char) {
    app.set_question(QRef::parse(question));
    app.screen = Screen::Question;
    press(app, &[key]);
}

fn open(path: &Path) -> App {
    let cat = Arc::new(load_catalog(&LoadOptions::default()));
    let mut app = App::new(cat, date(2026, 11, 23), clock, Theme { color: false });
    effects::open(&mut app, path);
    assert!(app.doc.is_some(), "{:?}", app.notice);
    // Opening starts a sitting and asks who is present: keep the default.
    app.overlay = None;
    app
}

/// Each line of `needle` appears in `hay` in the same order, right after
/// the same line as in the original.
fn assert_kept(hay: &str, original: &str, line: &str) {
    let before = |text: &str| -> Option<String> {
        let lines: Vec<&str> = text.lines().collect();
        let i = lines.iter().position(|l| *l == line)?;
        Some(lines[..i].last().copied().unwrap_or("").to_string())
    };
    assert!(hay.lines().any(|l| l == line), "`{line}` was lost:\n{hay}");
    assert_eq!(
        before(hay),
        before(original),
        "`{line}` moved (the line before it changed)"
    );
}

#[test]
fn comments_and_blank_lines_survive_answers_changed_in_the_wizard() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quillstack.toml");
    let original = hand_edited();
    std::fs::write(&path, &original).unwrap();
    let mut app = open(&path);

    // An answer elsewhere, then the commented answers themselves.
    answer(&mut app, "iam.sso", 'p');
    answer(&mut app, "iam.access_reviews", 'p');
    answer(&mut app, "iam.mfa", 'm');

    let saved = std::fs::read_to_string(&path).unwrap();
    for line in [
        "# Checked with Maya on 2026-11-20: passkeys everywhere.",
        "[answers.\"iam.mfa\"]",
        "# Quarterly reviews start in January.",
        "# end of hand notes",
    ] {
        assert_kept(&saved, &original, line);
    }
    assert!(
        saved.contains("status = \"partial\" # owner: Daniel"),
        "a changed value keeps its trailing comment:\n{saved}"
    );
    // The answers did change, and nothing else did.
    let a = assessment::load(&path).unwrap();
    assert_eq!(a.answers["iam.sso"].status, Some(Status::Partial));
    assert_eq!(
        a.answers["iam.access_reviews"].status,
        Some(Status::Partial)
    );
    assert_eq!(a.answers["iam.mfa"].status, Some(Status::Missing));
    let before = assessment::parse("before.toml", &original).unwrap();
    let changed = ["iam.sso", "iam.access_reviews", "iam.mfa"];
    for (id, ans) in &before.answers {
        if !changed.contains(&id.as_str()) {
            assert_eq!(&a.answers[id], ans, "{id} changed");
        }
    }
    // Only the changed lines differ from the hand-edited file.
    let differing = original
        .lines()
        .zip(saved.lines())
        .filter(|(x, y)| x != y)
        .count();
    assert!(
        differing <= 12,
        "{differing} lines differ; expected only the three answers' status and stamps:\n{saved}"
    );
}

#[test]
fn new_tables_take_their_sorted_place_and_untouched_files_stay_byte_identical() {
    let original = hand_edited();
    let mut a = assessment::parse("q.toml", &original).unwrap();
    // Nothing changed: the file is written back exactly.
    assert_eq!(
        assessment::update_text(&original, &assessment::to_toml(&a)),
        original
    );
    // A new AI system and a new answer table land where `to_toml` puts them.
    a.systems
        .insert("aaa-first".into(), trustgap::merge::system("AAA first"));
    a.answer_mut(None, "zz.unknown").note = Some("kept".into());
    let text = assessment::update_text(&original, &assessment::to_toml(&a));
    assert!(text.contains("# Checked with Maya on 2026-11-20: passkeys everywhere."));
    let pos = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle}:\n{text}"))
    };
    assert!(pos("[systems.aaa-first]") < pos("[systems.contract-assistant]"));
    assert!(pos("[answers.\"zz.unknown\"]") < pos("[systems.aaa-first]"));
    assert!(pos("[answers.\"iam.mfa\"]") < pos("[answers.\"zz.unknown\"]"));
    assert_eq!(assessment::parse("q.toml", &text).unwrap(), a);
}

#[test]
fn a_file_that_is_not_toml_is_written_fresh() {
    let a = assessment::parse("q.toml", EXAMPLE).unwrap();
    let fresh = assessment::to_toml(&a);
    assert_eq!(assessment::update_text("not = [toml", &fresh), fresh);
}
