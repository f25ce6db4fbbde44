//! The wizard without a terminal: `update` driven by synthetic key events,
//! `view` drawn into ratatui's `TestBackend` and snapshotted at 80x24 and
//! 120x40. Dates come from an injected `today`, timestamps from an injected
//! clock, so the snapshots are stable.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};
use jiff::Timestamp;
use jiff::civil::{Date, date};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use trustgap::assessment::{self, Status, Value};
use trustgap::catalog::{Catalog, LoadOptions, load_catalog};
use trustgap::tui::app::{Entry, Form, PackOutcome, Purpose};
use trustgap::tui::{App, Doc, Effect, Overlay, QRef, Screen, Theme, effects, update, view};
use trustgap::workspace::Summary;

fn catalog() -> Arc<Catalog> {
    static CAT: OnceLock<Arc<Catalog>> = OnceLock::new();
    CAT.get_or_init(|| {
        Arc::new(load_catalog(&LoadOptions {
            dirs: Vec::new(),
            user_dir: None,
            no_embedded: false,
        }))
    })
    .clone()
}

fn today() -> Date {
    date(2026, 11, 23)
}

fn clock() -> Timestamp {
    "2026-11-23T10:15:00Z".parse().unwrap()
}

fn app() -> App {
    App::new(catalog(), today(), clock, Theme { color: false })
}

const EXAMPLE: &str = include_str!("../examples/seed-llm-startup.toml");

/// The seed-stage example, opened from a fixed (never written) path.
fn example_app() -> App {
    let mut app = app();
    let a = assessment::parse("quillstack.toml", EXAMPLE).unwrap();
    let doc = Doc::new(
        &app.cat,
        PathBuf::from("/data/trustgap/quillstack.toml"),
        a,
        today(),
    )
    .unwrap();
    app.open_doc(doc);
    app
}

/// A fresh assessment in a temporary directory, created through the effect.
fn new_app(dir: &Path) -> App {
    let mut app = app();
    app.start.data_dir = Some(dir.to_path_buf());
    let fx = Effect::Create {
        path: dir.join("acme.toml"),
        organisation: "Acme AI".into(),
        assessor: "Dana Kim".into(),
    };
    effects::perform(&mut app, fx);
    assert!(app.doc.is_some(), "{:?}", app.notice);
    app
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ch(c: char) -> Event {
    key(KeyCode::Char(c))
}

/// Sends events through `update` and performs the effects, like the runtime.
fn send(app: &mut App, events: &[Event]) -> Vec<Effect> {
    let mut all = Vec::new();
    for e in events {
        for fx in update(app, e) {
            all.push(fx.clone());
            effects::perform(app, fx);
        }
    }
    all
}

fn typed(app: &mut App, text: &str) {
    let events: Vec<Event> = text.chars().map(ch).collect();
    send(app, &events);
}

fn cur(app: &App) -> String {
    app.question.cur.as_ref().unwrap().key()
}

fn goto(app: &mut App, qid: &str) {
    app.set_question(QRef::parse(qid));
    app.screen = Screen::Question;
}

fn render(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view(app, f)).unwrap();
    t.backend().to_string()
}

/// Replaces temporary paths (`/tmp/…` up to a space, quote or border) with `[TMP]`.
fn redact(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("/tmp/") {
        out.push_str(&rest[..i]);
        out.push_str("[TMP]");
        let tail = &rest[i..];
        let end = tail.find([' ', '"', '│']).unwrap_or(tail.len());
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

fn snap(name: &str, app: &App) {
    for (w, h) in [(80, 24), (120, 40)] {
        let text = redact(&render(app, w, h));
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
    }
}

fn reread(app: &App) -> assessment::Assessment {
    assessment::load(&app.doc.as_ref().unwrap().path).unwrap()
}

// ------------------------------------------------------------------ update

#[test]
fn key_releases_and_repeats_are_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_app(dir.path());
    let before = cur(&app);
    for kind in [KeyEventKind::Release, KeyEventKind::Repeat] {
        let ev = Event::Key(KeyEvent {
            code: KeyCode::Char('2'),
            modifiers: KeyModifiers::NONE,
            kind,
            state: KeyEventState::NONE,
        });
        assert!(update(&mut app, &ev).is_empty());
        let ev = Event::Key(KeyEvent {
            code: KeyCode::Char('q'),
            modifiers: KeyModifiers::NONE,
            kind,
            state: KeyEventState::NONE,
        });
        update(&mut app, &ev);
    }
    assert!(!app.quit);
    assert_eq!(cur(&app), before);
    assert!(!app.doc.as_ref().unwrap().a.answers["org.stage"].is_answered());
}

#[test]
fn a_new_assessment_starts_with_the_scoping_flow_and_saves_every_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_app(dir.path());
    assert_eq!(app.screen, Screen::Question);
    assert_eq!(cur(&app), "org.stage");
    // A single choice by number: saved and on to the next question.
    let fx = send(&mut app, &[ch('2')]);
    assert_eq!(fx, vec![Effect::Save]);
    assert_eq!(cur(&app), "org.headcount");
    let saved = reread(&app);
    let a = &saved.answers["org.stage"];
    assert_eq!(a.value, Some(Value::Text("seed".into())));
    assert_eq!(a.updated, Some(clock()));
    assert_eq!(a.by.as_deref(), Some("Dana Kim"));
    // A number: a digit starts typing.
    send(&mut app, &[ch('1')]);
    typed(&mut app, "2");
    send(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(
        reread(&app).answers["org.headcount"].value,
        Some(Value::Number(12.0))
    );
    assert_eq!(cur(&app), "org.markets");
    // Multiple choice: toggles, then Enter goes on.
    send(&mut app, &[ch('1'), ch('2'), ch('2'), ch('2')]);
    send(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(
        reread(&app).answers["org.markets"].value,
        Some(Value::List(vec!["us".into(), "eu".into()]))
    );
    assert_eq!(cur(&app), "org.eu_established");
    // Yes/no with y and n.
    send(&mut app, &[ch('n')]);
    assert_eq!(
        reread(&app).answers["org.eu_established"].value,
        Some(Value::Text("no".into()))
    );
    // Back goes to the previous question, and shows the answer highlighted.
    send(&mut app, &[key(KeyCode::Left)]);
    assert_eq!(cur(&app), "org.eu_established");
    assert_eq!(app.question.hl, 1);
    send(&mut app, &[key(KeyCode::Left)]);
    assert_eq!(cur(&app), "org.markets");
    send(&mut app, &[ch('l')]);
    assert_eq!(cur(&app), "org.eu_established");
}

#[test]
fn multiple_choice_none_excludes_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_app(dir.path());
    goto(&mut app, "org.data");
    let q = app.qn().unwrap().question("org.data").unwrap().clone();
    let none = q.options.iter().position(|o| o.id == "none").unwrap();
    send(&mut app, &[ch('1')]);
    // Arrows and space reach options beyond nine too.
    for _ in 0..none {
        send(&mut app, &[key(KeyCode::Down)]);
    }
    send(&mut app, &[ch(' ')]);
    let v = reread(&app).answers["org.data"].value.clone();
    assert_eq!(v, Some(Value::List(vec!["none".into()])));
    send(&mut app, &[ch('1')]);
    let v = reread(&app).answers["org.data"].value.clone();
    assert_eq!(v, Some(Value::List(vec![q.options[0].id.to_string()])));
    send(&mut app, &[ch('1')]);
    assert_eq!(reread(&app).answers["org.data"].value, None);
}

#[test]
fn readiness_keys_not_applicable_needs_a_justification_and_dont_know_asks_who() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_app(dir.path());
    goto(&mut app, "iam.mfa");
    send(&mut app, &[ch('p')]);
    assert_eq!(
        reread(&app).answers["iam.mfa"].status,
        Some(Status::Partial)
    );
    goto(&mut app, "iam.mfa");
    send(&mut app, &[ch('i')]);
    assert_eq!(
        reread(&app).answers["iam.mfa"].status,
        Some(Status::Implemented)
    );
    goto(&mut app, "iam.mfa");
    send(&mut app, &[ch('m')]);
    assert_eq!(
        reread(&app).answers["iam.mfa"].status,
        Some(Status::Missing)
    );

    goto(&mut app, "iam.mfa");
    send(&mut app, &[ch('n')]);
    assert!(
        matches!(&app.overlay, Some(Overlay::Form(f)) if matches!(f.purpose, Purpose::Justify(_)))
    );
    send(&mut app, &[key(KeyCode::Enter)]);
    match &app.overlay {
        Some(Overlay::Form(f)) => assert!(f.error.is_some(), "an empty justification is refused"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        reread(&app).answers["iam.mfa"].status,
        Some(Status::Missing)
    );
    typed(&mut app, "No production systems yet");
    send(&mut app, &[key(KeyCode::Enter)]);
    assert!(app.overlay.is_none());
    let a = &reread(&app).answers["iam.mfa"];
    assert_eq!(a.status, Some(Status::NotApplicable));
    assert_eq!(
        a.justification.as_deref(),
        Some("No production systems yet")
    );
    // (iam.mfa is not asked in this empty assessment; in one that asks it,
    // an answer moves on to the next question.)
    let mut ex = example_app();
    goto(&mut ex, "iam.mfa");
    send(&mut ex, &[ch('i')]);
    assert_ne!(cur(&ex), "iam.mfa", "moved on");

    goto(&mut app, "iam.mfa");
    send(&mut app, &[ch('d')]);
    assert_eq!(
        reread(&app).answers["iam.mfa"].status,
        Some(Status::DontKnow)
    );
    assert_eq!(reread(&app).answers["iam.mfa"].justification, None);
    typed(&mut app, "Sam");
    send(&mut app, &[key(KeyCode::Enter)]);
    let saved = reread(&app);
    assert_eq!(saved.answers["iam.mfa"].finder.as_deref(), Some("Sam"));
    assert_eq!(
        saved.answers["iam.mfa"].owner, None,
        "finding out is not owning the fix"
    );
    // Then: who owns the fix (asked, not assumed).
    typed(&mut app, "Priya");
    send(&mut app, &[key(KeyCode::Enter)]);
    let saved = reread(&app);
    assert_eq!(saved.answers["iam.mfa"].owner.as_deref(), Some("Priya"));
    assert_eq!(saved.parking_lot()[0].0, "iam.mfa");
    // Clear.
    goto(&mut app, "iam.mfa");
    send(&mut app, &[ch('c')]);
    assert!(!reread(&app).answers["iam.mfa"].is_answered());
}

#[test]
fn note_owner_target_and_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_app(dir.path());
    goto(&mut app, "iam.mfa");
    send(&mut app, &[ch('t')]);
    typed(&mut app, "AWS root still on a password");
    send(&mut app, &[key(KeyCode::Enter)]);
    send(&mut app, &[ch('o')]);
    typed(&mut app, "Priya");
    send(&mut app, &[key(KeyCode::Enter)]);
    send(&mut app, &[ch('w')]);
    typed(&mut app, "2027-13-01");
    send(&mut app, &[key(KeyCode::Enter)]);
    assert!(matches!(&app.overlay, Some(Overlay::Form(f)) if f.error.is_some()));
    for _ in 0..10 {
        send(&mut app, &[key(KeyCode::Backspace)]);
    }
    typed(&mut app, "2027-01-15");
    send(&mut app, &[key(KeyCode::Enter)]);
    send(&mut app, &[ch('e')]);
    typed(&mut app, "https://wiki/mfa");
    send(&mut app, &[key(KeyCode::Enter)]);
    send(&mut app, &[Event::Paste("https://wiki/sso\n".into())]);
    send(&mut app, &[key(KeyCode::Enter)]);
    let a = reread(&app).answers["iam.mfa"].clone();
    assert_eq!(a.evidence, vec!["https://wiki/mfa", "https://wiki/sso"]);
    // Remove the first link.
    send(
        &mut app,
        &[key(KeyCode::Up), key(KeyCode::Up), key(KeyCode::Delete)],
    );
    send(&mut app, &[key(KeyCode::Esc)]);
    let a = reread(&app).answers["iam.mfa"].clone();
    assert_eq!(a.note.as_deref(), Some("AWS root still on a password"));
    assert_eq!(a.owner.as_deref(), Some("Priya"));
    assert_eq!(a.target, Some(date(2027, 1, 15)));
    assert_eq!(a.evidence, vec!["https://wiki/sso"]);
    assert_eq!(a.status, None, "details do not answer the question");
}

#[test]
fn pasted_text_outside_an_input_is_not_typed_as_commands() {
    let mut app = example_app();
    goto(&mut app, "iam.mfa");
    let before = app.doc.as_ref().unwrap().a.answers["iam.mfa"].clone();
    assert!(update(&mut app, &Event::Paste("imqqq".into())).is_empty());
    assert!(!app.quit);
    assert_eq!(app.doc.as_ref().unwrap().a.answers["iam.mfa"], before);
}

#[test]
fn navigation_sections_unanswered_and_search() {
    let mut app = example_app();
    // The example is mostly answered: it opens on the sections screen.
    assert_eq!(app.screen, Screen::Sections);
    send(&mut app, &[ch('u')]);
    assert_eq!(app.screen, Screen::Question);
    let first = cur(&app);
    let doc = app.doc.as_ref().unwrap();
    let unanswered: Vec<String> = doc
        .flow
        .iter()
        .filter(|f| !f.answered)
        .map(|f| f.q.key())
        .collect();
    assert!(unanswered.contains(&first));
    send(&mut app, &[ch('u')]);
    assert_ne!(cur(&app), first);
    assert!(unanswered.contains(&cur(&app)));
    // Esc goes to the sections, Enter on a section opens it.
    send(
        &mut app,
        &[key(KeyCode::Esc), key(KeyCode::Home), key(KeyCode::Enter)],
    );
    assert_eq!(app.screen, Screen::Question);
    assert!(cur(&app).starts_with("org."));
    // Search.
    send(&mut app, &[ch('/')]);
    typed(&mut app, "multi-factor");
    send(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(cur(&app), "iam.mfa");
    // Tab and F-keys switch screens; Ctrl-C quits.
    send(&mut app, &[key(KeyCode::Tab)]);
    assert_eq!(app.screen, Screen::Results);
    send(&mut app, &[key(KeyCode::BackTab), key(KeyCode::F(5))]);
    assert_eq!(app.screen, Screen::Plan);
    send(
        &mut app,
        &[Event::Key(KeyEvent::new(
            KeyCode::Char('c'),
            KeyModifiers::CONTROL,
        ))],
    );
    assert!(app.quit);
}

#[test]
fn only_asked_questions_are_in_the_flow() {
    let app = example_app();
    let doc = app.doc.as_ref().unwrap();
    for f in &doc.flow {
        match &f.q.system {
            None => assert!(doc.eval.scope.asked.contains(f.q.qid.as_str())),
            Some(sys) => {
                let class = doc
                    .eval
                    .scope
                    .systems
                    .iter()
                    .find(|s| &s.id == sys)
                    .unwrap();
                assert!(class.asked.contains(f.q.qid.as_str()));
            }
        }
    }
    let asked: usize = doc.eval.scope.asked.len()
        + doc
            .eval
            .scope
            .systems
            .iter()
            .map(|s| s.asked.len())
            .sum::<usize>();
    assert_eq!(doc.flow.len(), asked);
}

#[test]
fn ai_systems_add_rename_remove() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_app(dir.path());
    send(&mut app, &[key(KeyCode::F(2)), ch('a')]);
    typed(&mut app, "Support Bot");
    send(&mut app, &[key(KeyCode::Tab)]);
    typed(&mut app, "Answers tickets");
    send(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    let saved = reread(&app);
    assert_eq!(saved.systems["support-bot"].name, "Support Bot");
    assert_eq!(saved.systems["support-bot"].description, "Answers tickets");
    assert_eq!(app.screen, Screen::Question);
    assert!(cur(&app).starts_with("support-bot/sys."));
    // Answer a system question: it lands in the system's answers.
    let q = app.current().unwrap().1.clone();
    send(&mut app, &[ch('1')]);
    let saved = reread(&app);
    assert!(saved.systems["support-bot"].answers[q.id.as_str()].is_answered());
    // A second system with the same name gets a fresh id.
    send(&mut app, &[key(KeyCode::F(2)), ch('a')]);
    typed(&mut app, "Support Bot");
    match &app.overlay {
        Some(Overlay::Form(f)) => assert_eq!(f.value(2), "support-bot-2"),
        other => panic!("{other:?}"),
    }
    send(
        &mut app,
        &[
            key(KeyCode::Enter),
            key(KeyCode::Enter),
            key(KeyCode::Enter),
        ],
    );
    assert!(reread(&app).systems.contains_key("support-bot-2"));
    // An id can be chosen; one in use is refused.
    send(&mut app, &[key(KeyCode::F(2)), ch('a')]);
    typed(&mut app, "Triage");
    send(&mut app, &[key(KeyCode::Tab), key(KeyCode::Tab)]);
    send(
        &mut app,
        &[Event::Key(KeyEvent::new(
            KeyCode::Char('u'),
            KeyModifiers::CONTROL,
        ))],
    );
    typed(&mut app, "support-bot");
    send(&mut app, &[key(KeyCode::Enter)]);
    assert!(matches!(&app.overlay, Some(Overlay::Form(f)) if f.error.is_some()));
    send(
        &mut app,
        &[Event::Key(KeyEvent::new(
            KeyCode::Char('u'),
            KeyModifiers::CONTROL,
        ))],
    );
    typed(&mut app, "Ticket Triage");
    send(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(reread(&app).systems["ticket-triage"].name, "Triage");
    // Rename the chosen system row.
    send(&mut app, &[key(KeyCode::F(2))]);
    let entries = app.section_entries();
    let doc = app.doc.as_ref().unwrap();
    let i = entries
        .iter()
        .position(|e| matches!(e, Entry::Row(r) if doc.rows[*r].system.as_deref() == Some("support-bot-2")))
        .unwrap();
    app.sections.sel = i;
    send(&mut app, &[ch('r')]);
    for _ in 0..20 {
        send(&mut app, &[key(KeyCode::Backspace)]);
    }
    typed(&mut app, "Sales agent");
    send(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    assert_eq!(reread(&app).systems["support-bot-2"].name, "Sales agent");
    // Remove asks first.
    send(&mut app, &[ch('x')]);
    assert!(matches!(app.overlay, Some(Overlay::Confirm { .. })));
    send(&mut app, &[ch('n')]);
    assert!(reread(&app).systems.contains_key("support-bot-2"));
    send(&mut app, &[ch('x'), ch('y')]);
    let saved = reread(&app);
    assert!(!saved.systems.contains_key("support-bot-2"));
    assert!(saved.systems.contains_key("support-bot"));
}

#[test]
fn end_of_scoping_offers_to_add_the_first_ai_system() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_app(dir.path());
    goto(&mut app, "ai.usage");
    send(&mut app, &[ch('3'), key(KeyCode::Enter)]);
    // Walk the remaining scoping questions, if any, until the offer.
    for _ in 0..20 {
        if app.overlay.is_some() {
            break;
        }
        send(&mut app, &[key(KeyCode::Right)]);
    }
    match &app.overlay {
        Some(Overlay::Form(Form {
            purpose: Purpose::AddSystem { first: true, .. },
            ..
        })) => {}
        other => panic!("expected the add-system offer, got {other:?}"),
    }
    // Esc skips it and goes on with the flow.
    send(&mut app, &[key(KeyCode::Esc)]);
    assert!(app.overlay.is_none());
}

#[test]
fn plan_filters_and_owner_assignment_write_to_the_answers_behind_the_item() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("q.toml");
    std::fs::write(&path, EXAMPLE).unwrap();
    let mut app = app();
    effects::open(&mut app, &path);
    // Opening starts a sitting and asks who is present: keep the default.
    send(&mut app, &[key(KeyCode::Esc)]);
    send(&mut app, &[key(KeyCode::F(5))]);
    let total = app.plan_items().len();
    assert!(total > 3);
    send(&mut app, &[ch('f')]);
    let fw = app.plan.framework.clone().unwrap();
    let doc = app.doc.as_ref().unwrap();
    assert!(
        app.plan_items()
            .iter()
            .all(|i| doc.eval.plan.items[*i].closes(&fw))
    );
    send(&mut app, &[ch('p')]);
    assert!(app.plan.phase.is_some());
    send(&mut app, &[ch('b')]);
    assert!(app.plan.owner.is_some());
    // Cycle every filter back to "all".
    while app.plan.framework.is_some() {
        send(&mut app, &[ch('f')]);
    }
    while app.plan.phase.is_some() {
        send(&mut app, &[ch('p')]);
    }
    while app.plan.owner.is_some() {
        send(&mut app, &[ch('b')]);
    }
    assert_eq!(app.plan_items().len(), total);
    send(&mut app, &[key(KeyCode::Down)]);
    let item = app.selected_plan_item().unwrap().clone();
    send(&mut app, &[ch('o')]);
    for _ in 0..60 {
        send(&mut app, &[key(KeyCode::Backspace)]);
    }
    typed(&mut app, "Jo Lee");
    send(&mut app, &[key(KeyCode::Enter)]);
    send(&mut app, &[ch('w')]);
    for _ in 0..12 {
        send(&mut app, &[key(KeyCode::Backspace)]);
    }
    typed(&mut app, "2027-02-01");
    send(&mut app, &[key(KeyCode::Enter)]);
    let saved = assessment::load(&path).unwrap();
    for (k, _) in &item.gaps {
        let q = QRef::parse(k);
        let a = saved.answer(q.system.as_deref(), &q.qid).unwrap();
        assert_eq!(a.owner.as_deref(), Some("Jo Lee"), "{k}");
        assert_eq!(a.target, Some(date(2027, 2, 1)), "{k}");
    }
    // The engine now reports the assigned owner.
    let doc = app.doc.as_ref().unwrap();
    let again = doc
        .eval
        .plan
        .items
        .iter()
        .find(|i| i.id == item.id)
        .unwrap();
    assert_eq!(again.owner, "Jo Lee");
    assert!(again.owner_assigned);
    // Enter goes to the question behind the item.
    let pos = app
        .plan_items()
        .iter()
        .position(|i| doc.eval.plan.items[*i].id == item.id)
        .unwrap();
    app.plan.sel = pos;
    send(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Question);
    assert_eq!(cur(&app), item.gaps[0].0);
}

#[test]
fn workshop_participants_sittings_and_parking_lot() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_app(dir.path());
    send(&mut app, &[key(KeyCode::F(6)), ch('a')]);
    typed(&mut app, "Leo Park (CEO)");
    send(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(reread(&app).participants, vec!["Leo Park (CEO)"]);
    // Creating the assessment started this run's sitting, with the assessor.
    assert_eq!(
        reread(&app).sessions["2026-11-23"].attendees,
        vec!["Dana Kim"]
    );
    send(&mut app, &[ch('s')]);
    // Date, facilitator, attendees (prefilled with the participants).
    send(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    typed(&mut app, ", Priya Shah");
    send(&mut app, &[key(KeyCode::Enter)]);
    let saved = reread(&app);
    let se = &saved.sessions["2026-11-23-2"];
    assert_eq!(se.date, Some(today()));
    assert_eq!(se.facilitator, "Dana Kim");
    assert_eq!(se.attendees, vec!["Leo Park (CEO)", "Priya Shah"]);
    assert_eq!(saved.participants, vec!["Leo Park (CEO)", "Priya Shah"]);
    // Answering records the section in the running sitting.
    goto(&mut app, "org.stage");
    send(&mut app, &[ch('1')]);
    goto(&mut app, "iam.mfa");
    send(&mut app, &[ch('d')]);
    typed(&mut app, "Sam");
    send(&mut app, &[key(KeyCode::Enter)]);
    send(&mut app, &[key(KeyCode::Esc)]); // who owns the fix: decide later
    let saved = reread(&app);
    assert_eq!(saved.sessions["2026-11-23-2"].sections, vec!["org", "iam"]);
    // The parking lot: Enter goes to the question, o changes who finds out.
    send(&mut app, &[key(KeyCode::F(6)), ch('3'), ch('o')]);
    send(
        &mut app,
        &[Event::Key(KeyEvent::new(
            KeyCode::Char('u'),
            KeyModifiers::CONTROL,
        ))],
    );
    typed(&mut app, "Priya");
    send(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(
        reread(&app).answers["iam.mfa"].finder.as_deref(),
        Some("Priya")
    );
    send(&mut app, &[key(KeyCode::Esc)]); // who owns the fix: decide later
    send(&mut app, &[key(KeyCode::F(6))]);
    send(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Question);
    assert_eq!(cur(&app), "iam.mfa");
    // Facilitator note on a section.
    send(&mut app, &[key(KeyCode::F(2)), key(KeyCode::Home), ch('t')]);
    typed(&mut app, "Ask Leo about the board");
    send(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(reread(&app).section_notes["org"], "Ask Leo about the board");
    // A second sitting the same day gets its own id; removing asks first.
    send(
        &mut app,
        &[
            key(KeyCode::F(6)),
            ch('s'),
            key(KeyCode::Enter),
            key(KeyCode::Enter),
            key(KeyCode::Enter),
        ],
    );
    assert!(reread(&app).sessions.contains_key("2026-11-23-3"));
    send(&mut app, &[ch('2'), ch('x'), ch('y')]);
    // Three sittings (the wizard's own, and two started with s), one removed.
    assert_eq!(reread(&app).sessions.len(), 2);
}

#[test]
fn export_writes_the_file_atomically_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = example_app();
    for (fmt, first) in [(0usize, "# "), (1, "{"), (2, "")] {
        let out = dir.path().join(format!("plan-{fmt}"));
        send(&mut app, &[key(KeyCode::F(7))]);
        for _ in 0..fmt {
            send(&mut app, &[key(KeyCode::Right)]);
        }
        send(
            &mut app,
            &[Event::Key(KeyEvent::new(
                KeyCode::Char('u'),
                KeyModifiers::CONTROL,
            ))],
        );
        send(&mut app, &[Event::Paste(out.display().to_string())]);
        let fx = send(&mut app, &[key(KeyCode::Enter)]);
        assert_eq!(
            fx,
            vec![Effect::Export {
                path: out.clone(),
                format: fmt
            }]
        );
        assert!(app.overlay.is_none(), "{:?}", app.notice);
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.starts_with(first), "{text}");
        let expected = trustgap::report::export::render(
            &app.cat,
            &app.doc.as_ref().unwrap().a,
            "/data/trustgap/quillstack.toml",
            trustgap::tui::app::EXPORT_FORMATS[fmt].0,
            today(),
        )
        .unwrap();
        assert_eq!(text, expected);
        assert!(
            app.notice
                .as_ref()
                .unwrap()
                .text
                .contains(&out.display().to_string())
        );
    }
}

#[test]
fn new_assessment_form_names_the_file_after_the_organisation_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    app.start.data_dir = Some(dir.path().to_path_buf());
    send(&mut app, &[key(KeyCode::Enter)]);
    typed(&mut app, "Acme AI, Inc.");
    match &app.overlay {
        Some(Overlay::Form(f)) => {
            assert_eq!(
                PathBuf::from(f.value(2)),
                dir.path().join("acme-ai-inc.toml")
            )
        }
        other => panic!("{other:?}"),
    }
    send(
        &mut app,
        &[
            key(KeyCode::Enter),
            key(KeyCode::Enter),
            key(KeyCode::Enter),
        ],
    );
    assert!(app.overlay.is_none());
    let path = dir.path().join("acme-ai-inc.toml");
    let a = assessment::load(&path).unwrap();
    assert_eq!(a.organisation, "Acme AI, Inc.");
    assert!(
        a.answers.contains_key("iam.mfa"),
        "placeholders for every question"
    );
    // Again: the file exists, the form says so and stays open.
    let mut app2 = self::app();
    app2.start.data_dir = Some(dir.path().to_path_buf());
    send(&mut app2, &[ch('n')]);
    typed(&mut app2, "Acme AI, Inc.");
    send(
        &mut app2,
        &[
            key(KeyCode::Enter),
            key(KeyCode::Enter),
            key(KeyCode::Enter),
        ],
    );
    match &app2.overlay {
        Some(Overlay::Form(f)) => assert!(f.error.as_ref().unwrap().contains("already exists")),
        other => panic!("{other:?}"),
    }
    assert_eq!(assessment::load(&path).unwrap(), a);
}

#[test]
fn a_failed_save_says_so_and_keeps_the_answer_in_memory() {
    let mut app = example_app(); // its path does not exist
    goto(&mut app, "iam.mfa");
    send(&mut app, &[ch('m')]);
    let n = app.notice.clone().unwrap();
    assert!(n.error && n.text.contains("NOT SAVED"), "{n:?}");
    assert_eq!(
        app.doc.as_ref().unwrap().a.answers["iam.mfa"].status,
        Some(Status::Missing)
    );
    // An error notice stays until a save succeeds.
    send(&mut app, &[key(KeyCode::Down)]);
    assert!(app.notice.as_ref().is_some_and(|n| n.error));
}

#[test]
fn help_quit_and_mouse() {
    let mut app = example_app();
    send(&mut app, &[ch('?')]);
    assert!(matches!(app.overlay, Some(Overlay::Help { .. })));
    send(&mut app, &[key(KeyCode::Down), key(KeyCode::Esc)]);
    assert!(app.overlay.is_none());
    // A click on a tab in the top row.
    let col = 30; // inside " F4 Results "
    send(
        &mut app,
        &[Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: col,
            row: 0,
            modifiers: KeyModifiers::NONE,
        })],
    );
    assert_eq!(app.screen, Screen::Results);
    send(&mut app, &[ch('q')]);
    assert!(app.quit);
}

#[test]
fn no_color_draws_without_colours_and_colour_mode_uses_named_colours() {
    let mut app = example_app();
    for screen in [Screen::Sections, Screen::Results, Screen::Plan] {
        app.screen = screen;
        let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
        t.draw(|f| view(&app, f)).unwrap();
        for cell in t.backend().buffer().content() {
            assert_eq!(cell.fg, Color::Reset);
            assert_eq!(cell.bg, Color::Reset);
        }
    }
    app.theme = Theme { color: true };
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    t.draw(|f| view(&app, f)).unwrap();
    let cells = t.backend().buffer().content();
    assert!(cells.iter().any(|c| c.fg != Color::Reset));
    // Never a fixed background (unreadable on one theme or the other).
    assert!(cells.iter().all(|c| c.bg == Color::Reset));
    assert!(cells.iter().all(|c| !matches!(
        c.fg,
        Color::Rgb(..) | Color::Indexed(_) | Color::White | Color::Black
    )));
}

#[test]
fn every_screen_draws_at_every_size_without_panicking() {
    let mut app = example_app();
    let screens = [
        Screen::Sections,
        Screen::Question,
        Screen::Results,
        Screen::Plan,
        Screen::Workshop,
        Screen::Soa,
    ];
    for (w, h) in [
        (64, 18),
        (80, 24),
        (100, 30),
        (120, 40),
        (160, 50),
        (250, 80),
        (20, 5),
        (1, 1),
    ] {
        for s in screens {
            app.screen = s;
            for pane in 0..3 {
                app.results.pane = pane;
                app.workshop.pane = pane;
                let _ = render(&app, w, h);
            }
        }
        app.overlay = Some(Overlay::Help { scroll: 500 });
        let _ = render(&app, w, h);
        app.overlay = None;
    }
}

// ------------------------------------------------------------------ snapshots

#[test]
fn snapshot_too_small() {
    let app = example_app();
    let text = render(&app, 50, 12);
    assert!(text.contains("at least 64×18"), "{text}");
    insta::assert_snapshot!("too_small_50x12", text);
}

#[test]
fn snapshot_start() {
    let mut app = app();
    app.start.data_dir = Some(PathBuf::from("/home/dana/.local/share/trustgap"));
    app.start.list = vec![
        Summary {
            path: PathBuf::from("/home/dana/.local/share/trustgap/quillstack-inc.toml"),
            organisation: "Quillstack, Inc.".into(),
            answered: 181,
            asked: 183,
            readiness: vec![
                ("SOC 2".into(), Some(13.2)),
                ("NIST AI RMF".into(), Some(21.0)),
            ],
            updated: Some("2026-11-16 10:24".into()),
            error: None,
        },
        Summary {
            path: PathBuf::from("/home/dana/.local/share/trustgap/acme.toml"),
            organisation: "Acme AI".into(),
            answered: 3,
            asked: 15,
            readiness: vec![],
            updated: Some("2026-11-02 09:00".into()),
            error: None,
        },
        Summary {
            path: PathBuf::from("/home/dana/.local/share/trustgap/broken.toml"),
            organisation: String::new(),
            answered: 0,
            asked: 0,
            readiness: vec![],
            updated: None,
            error: Some("broken.toml:3:1: TOML syntax error".into()),
        },
    ];
    app.start.sel = 1;
    snap("start", &app);
    send(&mut app, &[ch('n')]);
    typed(&mut app, "Acme AI, Inc.");
    snap("new_form", &app);
}

#[test]
fn snapshot_sections() {
    let mut app = example_app();
    app.doc
        .as_mut()
        .unwrap()
        .a
        .section_notes
        .insert("iam".into(), "Sam to bring the IdP export".into());
    let entries = app.section_entries();
    let doc = app.doc.as_ref().unwrap();
    app.sections.sel = entries
        .iter()
        .position(|e| matches!(e, Entry::Row(r) if doc.rows[*r].section == "iam"))
        .unwrap();
    snap("sections", &app);
}

#[test]
fn snapshot_question_screens() {
    let mut app = example_app();
    goto(&mut app, "iam.mfa");
    snap("question_readiness", &app);
    goto(&mut app, "org.customers");
    snap("question_multi", &app);
    goto(&mut app, "contract-assistant/sys.roles");
    snap("question_system", &app);
    goto(&mut app, "target.date");
    snap("question_date", &app);
    goto(&mut app, "iam.mfa");
    send(&mut app, &[ch('e')]);
    snap("evidence", &app);
}

#[test]
fn snapshot_results() {
    let mut app = example_app();
    app.screen = Screen::Results;
    for pane in 0..3 {
        app.results.pane = pane;
        let text = render(&app, 80, 24);
        insta::assert_snapshot!(format!("results_pane{pane}_80x24"), text);
    }
    app.results.pane = 0;
    let text = render(&app, 120, 40);
    insta::assert_snapshot!("results_120x40", text);
}

#[test]
fn snapshot_plan_workshop_help_search_export_confirm() {
    let mut app = example_app();
    app.screen = Screen::Plan;
    snap("plan", &app);
    // The timeline: the same items as bars over the weeks.
    send(&mut app, &[ch('t')]);
    snap("plan_timeline", &app);
    send(&mut app, &[ch('t')]);
    app.screen = Screen::Workshop;
    snap("workshop", &app);
    app.overlay = Some(Overlay::Help { scroll: 0 });
    snap("help", &app);
    app.overlay = None;
    app.screen = Screen::Question;
    goto(&mut app, "iam.mfa");
    send(&mut app, &[ch('/')]);
    typed(&mut app, "access");
    snap("search", &app);
    send(&mut app, &[key(KeyCode::Esc), key(KeyCode::F(7))]);
    snap("export", &app);
    send(&mut app, &[key(KeyCode::Esc), key(KeyCode::F(2))]);
    let entries = app.section_entries();
    let doc = app.doc.as_ref().unwrap();
    app.sections.sel = entries
        .iter()
        .position(|e| matches!(e, Entry::Row(r) if doc.rows[*r].system.is_some()))
        .unwrap();
    send(&mut app, &[ch('x')]);
    snap("confirm", &app);
}

/// Notes, names and owners with pipes, backticks, HTML, newlines, 10,000
/// characters, right-to-left marks, combining characters, emoji and CJK:
/// every screen still draws its frame, top bar and key hints.
#[test]
fn hostile_content_keeps_the_layout() {
    let mut app = app();
    let src = include_str!("fixtures/hostile.toml")
        .replace("Pipe | Co", "Pipe | Co 株式会社 e\u{301}\u{301}");
    let a = assessment::parse("hostile.toml", &src).unwrap();
    let doc = Doc::new(
        &app.cat,
        PathBuf::from("/data/trustgap/hostile.toml"),
        a,
        today(),
    )
    .unwrap();
    app.open_doc(doc);
    for (w, h) in [(80, 24), (120, 40)] {
        for s in [
            Screen::Sections,
            Screen::Question,
            Screen::Results,
            Screen::Plan,
            Screen::Workshop,
        ] {
            app.screen = s;
            let text = render(&app, w, h);
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(lines.len(), h as usize, "{s:?} {w}x{h}");
            assert!(
                lines[0].contains("F2 Sections"),
                "{s:?} {w}x{h}: top bar\n{text}"
            );
            assert!(
                lines[h as usize - 1].contains("help"),
                "{s:?} {w}x{h}: key hints on the last line\n{text}"
            );
        }
    }
}

/// On a single choice, a letter answers when one option's label starts
/// with it ("n" for "No"), moves the highlight when several do, and a key
/// that matches nothing says which keys work.
#[test]
fn letters_match_option_labels() {
    let mut app = example_app();
    app.screen = Screen::Question;
    goto(&mut app, "target.soc2_current");
    send(&mut app, &[ch('y')]); // two "Yes, …" options: only the highlight moves
    assert_eq!(app.question.hl, 1);
    send(&mut app, &[ch('Y')]);
    assert_eq!(app.question.hl, 2);
    goto(&mut app, "target.soc2_current");
    send(&mut app, &[ch('n')]);
    assert_eq!(
        app.doc.as_ref().unwrap().a.answers["target.soc2_current"].value,
        Some(trustgap::assessment::Value::Text("none".into()))
    );
    // The example's path is not on this machine: the save failed and its
    // dialog is open; close it before the next key.
    assert!(matches!(app.overlay, Some(Overlay::SaveFailed { .. })));
    app.overlay = None;
    goto(&mut app, "target.soc2_current");
    send(&mut app, &[ch('z')]);
    let notice = app
        .notice
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default();
    assert!(notice.starts_with("Keys here:"), "{notice}");
}

/// An answer that moves readiness says by how much, both numbers, so an
/// answer never seems to do nothing.
#[test]
fn an_answer_shows_what_it_changed_in_readiness() {
    let mut app = example_app();
    // Save somewhere that exists, so the save's own notice stays quiet.
    let dir = tempfile::tempdir().unwrap();
    app.doc.as_mut().unwrap().path = dir.path().join("quillstack.toml");
    app.screen = Screen::Question;
    goto(&mut app, "iam.mfa");
    send(&mut app, &[ch('m')]);
    let notice = app
        .notice
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default();
    assert!(notice.starts_with("Readiness: SOC 2: met"), "{notice}");
    assert!(
        notice.contains("progress") && notice.contains('→'),
        "{notice}"
    );
}

/// The owner dialog offers the people already in the assessment (typing
/// filters them, ↓ and Enter pick one), and a name corrected on the
/// workshop screen changes everywhere at once.
#[test]
fn owners_are_picked_from_people_and_renamed_everywhere() {
    let mut app = example_app();
    let dir = tempfile::tempdir().unwrap();
    app.doc.as_mut().unwrap().path = dir.path().join("quillstack.toml");
    app.screen = Screen::Question;
    goto(&mut app, "iam.mfa");
    send(&mut app, &[ch('o')]);
    // Clear the field (Ctrl-U), type a fragment, pick the first match.
    send(
        &mut app,
        &[Event::Key(KeyEvent::new(
            KeyCode::Char('u'),
            KeyModifiers::CONTROL,
        ))],
    );
    typed(&mut app, "becker");
    send(&mut app, &[key(KeyCode::Down), key(KeyCode::Enter)]);
    let owner = app.doc.as_ref().unwrap().a.answers["iam.mfa"].owner.clone();
    assert_eq!(
        owner.as_deref(),
        Some("Tom Becker (Operations and People lead)")
    );

    app.screen = Screen::Workshop;
    app.workshop.pane = 0;
    let i = app
        .doc
        .as_ref()
        .unwrap()
        .a
        .participants
        .iter()
        .position(|p| p.starts_with("Tom Becker"))
        .unwrap();
    app.workshop.sel[0] = i;
    send(&mut app, &[ch('r')]);
    send(
        &mut app,
        &[Event::Key(KeyEvent::new(
            KeyCode::Char('u'),
            KeyModifiers::CONTROL,
        ))],
    );
    typed(&mut app, "Tom Becker (COO)");
    send(&mut app, &[key(KeyCode::Enter)]);
    let a = &app.doc.as_ref().unwrap().a;
    assert_eq!(
        a.answers["iam.mfa"].owner.as_deref(),
        Some("Tom Becker (COO)")
    );
    assert!(a.participants.iter().any(|p| p == "Tom Becker (COO)"));
    assert!(
        !a.participants
            .iter()
            .any(|p| p.starts_with("Tom Becker (Operations"))
    );
    assert!(
        a.answers
            .values()
            .all(|x| x.owner.as_deref() != Some("Tom Becker (Operations and People lead)"))
    );
}

fn click(column: u16, row: u16) -> Event {
    Event::Mouse(crossterm::event::MouseEvent {
        kind: crossterm::event::MouseEventKind::Down(crossterm::event::MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

/// The row of the drawn screen that shows `text` (0-based).
fn row_of(screen: &str, text: &str) -> u16 {
    screen
        .lines()
        .position(|l| l.contains(text))
        .unwrap_or_else(|| panic!("{text:?} not on screen:\n{screen}")) as u16
}

/// A click on a row selects it: a section, a plan item, an option (which
/// answers, as its key would).
#[test]
fn clicking_a_row_selects_it() {
    let mut app = example_app();
    let dir = tempfile::tempdir().unwrap();
    app.doc.as_mut().unwrap().path = dir.path().join("quillstack.toml");
    app.screen = Screen::Sections;
    let screen = render(&app, 120, 40);
    let y = row_of(&screen, "Vendors and subprocessors");
    send(&mut app, &[click(10, y)]);
    let entries = app.section_entries();
    let doc = app.doc.as_ref().unwrap();
    match &entries[app.sections.sel] {
        Entry::Row(r) => assert!(
            doc.rows[*r].title.starts_with("Vendors"),
            "{}",
            doc.rows[*r].title
        ),
        other => panic!("{other:?}"),
    }

    app.screen = Screen::Plan;
    let screen = render(&app, 120, 40);
    let y = row_of(&screen, "  3 ");
    send(&mut app, &[click(10, y)]);
    assert_eq!(app.plan.sel, 2);

    app.screen = Screen::Question;
    goto(&mut app, "iam.mfa");
    let screen = render(&app, 120, 40);
    let y = row_of(&screen, "○ missing");
    send(&mut app, &[click(6, y)]);
    let status = app.doc.as_ref().unwrap().a.answers["iam.mfa"].status;
    assert_eq!(status, Some(trustgap::assessment::Status::Missing));

    app.screen = Screen::Workshop;
    app.workshop.pane = 2;
    let screen = render(&app, 120, 40);
    let y = row_of(&screen, "Tom Becker");
    send(&mut app, &[click(4, y)]);
    assert_eq!(app.workshop.pane, 0);
    let doc = app.doc.as_ref().unwrap();
    assert!(doc.a.participants[app.workshop.sel[0]].starts_with("Tom Becker"));
}

/// In a long list, `f` narrows the options as you type (letters are text
/// then, not commands); Space toggles the highlighted match; Esc drops the
/// filter.
#[test]
fn a_filter_narrows_a_long_option_list() {
    let mut app = example_app();
    let dir = tempfile::tempdir().unwrap();
    app.doc.as_mut().unwrap().path = dir.path().join("quillstack.toml");
    app.screen = Screen::Question;
    goto(&mut app, "contract-assistant/sys.annex_iii");
    let options: Vec<(String, String)> = {
        let (_, q) = app.current().unwrap();
        q.options
            .iter()
            .map(|o| (o.id.to_string(), o.label.to_string()))
            .collect()
    };
    send(&mut app, &[ch('f')]);
    typed(&mut app, "employment"); // includes t, o, m: not commands here
    assert!(app.question.filter.is_some());
    let hl = app.question.hl;
    assert!(options[hl].1.contains("Employment"), "{}", options[hl].1);
    let screen = render(&app, 120, 40);
    assert!(screen.contains("Filter: employment"), "{screen}");
    assert!(!screen.contains("Biometrics"), "{screen}");
    send(&mut app, &[ch(' ')]);
    let doc = app.doc.as_ref().unwrap();
    let sys = &doc.a.systems["contract-assistant"];
    match &sys.answers["sys.annex_iii"].value {
        Some(trustgap::assessment::Value::List(l)) => {
            assert!(l.contains(&options[hl].0), "{l:?}")
        }
        other => panic!("{other:?}"),
    }
    send(&mut app, &[key(KeyCode::Esc)]);
    assert!(app.question.filter.is_none());
    assert_eq!(app.screen, Screen::Question);
}

// ------------------------------------------------------------------ SoA

const HR_EXAMPLE: &str = include_str!("../examples/eu-hr-tech.toml");

/// The HR-tech example (ISO/IEC 42001 in scope), opened from `path`.
fn hr_app(path: PathBuf) -> App {
    let mut app = app();
    let a = assessment::parse("talento.toml", HR_EXAMPLE).unwrap();
    let doc = Doc::new(&app.cat, path, a, today()).unwrap();
    app.open_doc(doc);
    app
}

fn soa_select(app: &mut App, id: &str) {
    let rows = app.doc.as_ref().unwrap().soa_rows(&app.cat);
    app.soa.sel = rows.iter().position(|r| r.id == id).unwrap();
}

/// `S` opens the Statement of Applicability from the results or the
/// sections (only with ISO/IEC 42001 in scope); each decision is saved at
/// once and read back from the file; not applicable needs a reason.
#[test]
fn soa_decisions_are_saved_at_once_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talento.toml");
    std::fs::write(&path, HR_EXAMPLE).unwrap();
    let mut app = hr_app(path.clone());
    send(&mut app, &[key(KeyCode::F(4)), ch('S')]);
    assert_eq!(app.screen, Screen::Soa);
    let rows = app.doc.as_ref().unwrap().soa_rows(&app.cat);
    assert_eq!(rows.len(), 38, "all 38 Annex A controls");
    assert_eq!(rows.iter().filter(|r| r.decision.is_some()).count(), 5);
    // Not applicable: the reason is required.
    soa_select(&mut app, "A.4.6");
    send(&mut app, &[ch('n')]);
    assert!(
        matches!(&app.overlay, Some(Overlay::Form(f)) if f.purpose == Purpose::SoaExclude("A.4.6".into()))
    );
    let fx = send(&mut app, &[key(KeyCode::Enter)]);
    assert!(fx.is_empty());
    match &app.overlay {
        Some(Overlay::Form(f)) => assert!(f.error.is_some()),
        other => panic!("{other:?}"),
    }
    typed(&mut app, "Staffing is covered by the ISMS HR controls");
    let fx = send(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(fx, vec![Effect::Save]);
    assert!(app.overlay.is_none());
    let e = &reread(&app).soa["A.4.6"];
    assert!(!e.included);
    assert_eq!(
        e.justification,
        "Staffing is covered by the ISMS HR controls"
    );
    // The engine leaves it out of readiness; the screen still shows what
    // the answers say of it.
    let doc = app.doc.as_ref().unwrap();
    let req = doc.eval.analysis.requirement("iso42001", "A.4.6").unwrap();
    assert_eq!(req.coverage, trustgap::engine::Coverage::NotApplicable);
    let row = doc
        .soa_rows(&app.cat)
        .into_iter()
        .find(|r| r.id == "A.4.6")
        .unwrap();
    assert_ne!(row.coverage, trustgap::engine::Coverage::NotApplicable);
    assert!(
        app.notice
            .as_ref()
            .unwrap()
            .text
            .contains("A.4.6: not applicable")
    );
    // Applicable drops the reason for leaving it out.
    send(&mut app, &[ch('a')]);
    let e = &reread(&app).soa["A.4.6"];
    assert!(e.included);
    assert_eq!(e.justification, "");
    // A justification for an undecided control records it as applicable.
    soa_select(&mut app, "A.2.2");
    send(&mut app, &[ch('t')]);
    typed(&mut app, "We build AI for hiring");
    send(&mut app, &[key(KeyCode::Enter)]);
    let e = &reread(&app).soa["A.2.2"];
    assert!(e.included);
    assert_eq!(e.justification, "We build AI for hiring");
    // Back to not decided.
    send(&mut app, &[ch('c')]);
    assert!(!reread(&app).soa.contains_key("A.2.2"));
    // The decisions count in the sitting, and Esc goes back.
    assert!(app.sitting.answered.contains("soa.A.4.6"));
    send(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.screen, Screen::Results);
    // From the sections too; a click picks a control.
    send(&mut app, &[key(KeyCode::F(2)), ch('S')]);
    assert_eq!(app.screen, Screen::Soa);
    let screen = render(&app, 120, 40);
    let y = row_of(&screen, "A.7.4 ");
    send(&mut app, &[click(5, y)]);
    assert_eq!(
        app.soa.sel,
        rows.iter().position(|r| r.id == "A.7.4").unwrap()
    );
    send(&mut app, &[ch('S')]);
    assert_eq!(app.screen, Screen::Sections);
    // Without ISO/IEC 42001 in scope there is no SoA: a notice says why.
    let mut seed = example_app();
    seed.screen = Screen::Results;
    send(&mut seed, &[ch('S')]);
    assert_eq!(seed.screen, Screen::Results);
    assert!(seed.notice.as_ref().unwrap().text.contains("not in scope"));
}

#[test]
fn snapshot_soa() {
    let mut app = hr_app(PathBuf::from("/data/trustgap/talento.toml"));
    app.screen = Screen::Results;
    send(&mut app, &[ch('S')]);
    soa_select(&mut app, "A.5.5");
    snap("soa", &app);
    // An excluded control: its justification, and what the answers would say.
    app.doc.as_mut().unwrap().a.soa.insert(
        "A.4.6".into(),
        assessment::SoaEntry {
            included: false,
            justification: "Staffing is covered by the ISMS HR controls".into(),
            ..Default::default()
        },
    );
    let (cat, today) = (app.cat.clone(), today());
    app.doc.as_mut().unwrap().refresh(&cat, today);
    soa_select(&mut app, "A.4.6");
    snap("soa_excluded", &app);
}

/// The export dialog's last choice writes the document pack into
/// `<stem>-docs` next to the assessment, the same files as `trustgap docs`;
/// a file a person edited is named and kept until a second confirm.
#[test]
fn the_document_pack_from_the_wizard_keeps_edits_until_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talento.toml");
    std::fs::write(&path, HR_EXAMPLE).unwrap();
    let mut app = hr_app(path.clone());
    send(&mut app, &[key(KeyCode::F(7)), key(KeyCode::Left)]);
    let out = dir.path().join("talento-docs");
    match &app.overlay {
        Some(Overlay::Export { format, path, .. }) => {
            assert_eq!(*format, trustgap::tui::app::EXPORT_PACK);
            assert_eq!(PathBuf::from(path.value()), out);
        }
        other => panic!("{other:?}"),
    }
    snap("export_pack", &app);
    let fx = send(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(
        fx,
        vec![Effect::Pack {
            dir: out.clone(),
            force: false
        }]
    );
    let written = match &app.overlay {
        Some(Overlay::Pack {
            outcome: PackOutcome::Written { written, .. },
            ..
        }) => written.clone(),
        other => panic!("{other:?}"),
    };
    assert!(written.contains(&"index.md".to_string()));
    assert!(written.contains(&"statement-of-applicability.md".to_string()));
    // The same bytes as the command line writes.
    let cli = dir.path().join("cli");
    trustgap::docs::generate(
        &app.cat,
        &app.doc.as_ref().unwrap().a,
        &path.display().to_string(),
        today(),
        &trustgap::embedded::templates(),
        &cli,
        false,
    )
    .unwrap();
    for name in &written {
        assert_eq!(
            std::fs::read(out.join(name)).unwrap(),
            std::fs::read(cli.join(name)).unwrap(),
            "{name}"
        );
    }
    send(&mut app, &[key(KeyCode::Esc)]);
    assert!(app.overlay.is_none());
    // A person edits the AI policy; a decision changes the SoA.
    let policy = out.join("policy-ai.md");
    let edited = format!(
        "{}\nEdited by Nora.\n",
        std::fs::read_to_string(&policy).unwrap()
    );
    std::fs::write(&policy, &edited).unwrap();
    let soa_before = std::fs::read_to_string(out.join("statement-of-applicability.md")).unwrap();
    app.screen = Screen::Results;
    send(&mut app, &[ch('S'), ch('a'), key(KeyCode::Esc)]);
    send(
        &mut app,
        &[key(KeyCode::F(7)), key(KeyCode::Left), key(KeyCode::Enter)],
    );
    match &app.overlay {
        Some(Overlay::Pack {
            outcome: PackOutcome::Edited(files),
            ..
        }) => assert_eq!(files, &vec!["policy-ai.md".to_string()]),
        other => panic!("{other:?}"),
    }
    snap("pack_edited", &app);
    // Nothing was written; n keeps the edit.
    send(&mut app, &[ch('n')]);
    assert!(app.overlay.is_none());
    assert_eq!(std::fs::read_to_string(&policy).unwrap(), edited);
    assert_eq!(
        std::fs::read_to_string(out.join("statement-of-applicability.md")).unwrap(),
        soa_before
    );
    // Again, and y: written over the edit.
    send(
        &mut app,
        &[key(KeyCode::F(7)), key(KeyCode::Left), key(KeyCode::Enter)],
    );
    let fx = send(&mut app, &[ch('y')]);
    assert_eq!(
        fx,
        vec![Effect::Pack {
            dir: out.clone(),
            force: true
        }]
    );
    match &app.overlay {
        Some(Overlay::Pack {
            outcome: PackOutcome::Written { overwritten, .. },
            ..
        }) => assert_eq!(overwritten, &vec!["policy-ai.md".to_string()]),
        other => panic!("{other:?}"),
    }
    assert_ne!(std::fs::read_to_string(&policy).unwrap(), edited);
    assert_ne!(
        std::fs::read_to_string(out.join("statement-of-applicability.md")).unwrap(),
        soa_before
    );
    // A file (here the assessment itself) is no folder for the pack.
    let before = std::fs::read_to_string(&path).unwrap();
    send(
        &mut app,
        &[key(KeyCode::Esc), key(KeyCode::F(7)), key(KeyCode::Left)],
    );
    send(
        &mut app,
        &[Event::Key(KeyEvent::new(
            KeyCode::Char('u'),
            KeyModifiers::CONTROL,
        ))],
    );
    send(&mut app, &[Event::Paste(path.display().to_string())]);
    send(&mut app, &[key(KeyCode::Enter)]);
    assert!(matches!(app.overlay, Some(Overlay::Export { .. })));
    assert!(app.notice.as_ref().unwrap().error);
    assert!(app.notice.as_ref().unwrap().text.contains("is a file"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
}
