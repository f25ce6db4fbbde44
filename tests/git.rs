//! Assessments shared through git: clean merges of different answers,
//! conflicts named question by question, and `resolve`.

use std::path::Path;
use std::process::Command as Proc;

use assert_cmd::Command;
use jiff::civil::date;
use trustgap::assessment::{self, Answer, Assessment, AssessmentError, Status};
use trustgap::catalog::{Catalog, LoadOptions, load_catalog};
use trustgap::merge::Pick;
use trustgap::prompt::{Reply, Scripted, resolve_conflicts};

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Proc::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", "2026-11-20T10:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-11-20T10:00:00Z")
        .output()
        .expect("git runs")
}

fn ok(dir: &Path, args: &[&str]) {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["init", "-q", "-b", "main"]);
    ok(dir.path(), &["config", "user.email", "t@example.com"]);
    ok(dir.path(), &["config", "user.name", "Test"]);
    ok(dir.path(), &["config", "commit.gpgsign", "false"]);
    dir
}

fn catalog() -> Catalog {
    load_catalog(&LoadOptions::default())
}

fn answer(status: Status, by: &str, note: &str) -> Answer {
    Answer {
        status: Some(status),
        note: Some(note.to_string()),
        by: Some(by.to_string()),
        updated: Some("2026-11-20T10:00:00Z".parse().unwrap()),
        ..Answer::default()
    }
}

/// Two gap questions next to each other in the file's sorted order.
fn adjacent_pair(a: &Assessment) -> (String, String) {
    let keys: Vec<&String> = a.answers.keys().filter(|k| k.starts_with("iam.")).collect();
    (keys[0].clone(), keys[1].clone())
}

fn start(dir: &Path, cat: &Catalog) -> Assessment {
    let qn = cat.questionnaire("trustgap-core").unwrap();
    let mut a = Assessment::new("Acme AI", qn, date(2026, 11, 20));
    a.systems
        .insert("bot".into(), trustgap::merge::system("Support bot"));
    a.ensure_placeholders(qn);
    assessment::save(&a, &dir.join("acme.toml")).unwrap();
    ok(dir, &["add", "acme.toml"]);
    ok(dir, &["commit", "-q", "-m", "start"]);
    a
}

fn edit(dir: &Path, f: impl FnOnce(&mut Assessment)) {
    let path = dir.join("acme.toml");
    let mut a = assessment::load(&path).unwrap();
    f(&mut a);
    assessment::save(&a, &path).unwrap();
    ok(dir, &["commit", "-q", "-am", "answer"]);
}

#[test]
fn different_answers_on_two_branches_merge_cleanly() {
    let cat = catalog();
    let dir = repo();
    let d = dir.path();
    let base = start(d, &cat);
    let (q1, q2) = adjacent_pair(&base);

    ok(d, &["checkout", "-q", "-b", "dana"]);
    edit(d, |a| {
        a.answers.insert(
            q1.clone(),
            answer(Status::Implemented, "Dana", "SSO via Okta"),
        );
        a.systems.get_mut("bot").unwrap().answers.insert(
            "sys.roles".into(),
            Answer {
                value: Some(assessment::Value::List(vec!["provider".into()])),
                ..Answer::default()
            },
        );
    });
    ok(d, &["checkout", "-q", "main"]);
    ok(d, &["checkout", "-q", "-b", "sam"]);
    edit(d, |a| {
        a.answers.insert(
            q2.clone(),
            answer(Status::Partial, "Sam", "reviews twice a year"),
        );
        a.answers.insert(
            "org.markets".into(),
            Answer {
                value: Some(assessment::Value::List(vec!["us".into(), "eu".into()])),
                ..Answer::default()
            },
        );
    });
    ok(d, &["checkout", "-q", "dana"]);
    ok(d, &["merge", "-q", "--no-edit", "sam"]);

    let merged = assessment::load(&d.join("acme.toml")).unwrap();
    assert_eq!(merged.answers[&q1].status, Some(Status::Implemented));
    assert_eq!(merged.answers[&q2].status, Some(Status::Partial));
    assert!(merged.answers["org.markets"].is_answered());
    assert!(merged.systems["bot"].answers["sys.roles"].is_answered());

    // The same answers given in one sitting produce the same report.
    let mut single = base.clone();
    single
        .answers
        .insert(q1.clone(), merged.answers[&q1].clone());
    single
        .answers
        .insert(q2.clone(), merged.answers[&q2].clone());
    single
        .answers
        .insert("org.markets".into(), merged.answers["org.markets"].clone());
    single.systems.get_mut("bot").unwrap().answers.insert(
        "sys.roles".into(),
        merged.systems["bot"].answers["sys.roles"].clone(),
    );
    assert_eq!(single, merged);
    let one = d.join("single.toml");
    assessment::save(&single, &one).unwrap();
    let report = |p: &Path| {
        let out = Command::cargo_bin("trustgap")
            .unwrap()
            .env("TRUSTGAP_CONFIG_DIR", "/nonexistent")
            .args(["report"])
            .arg(p)
            .args(["--format", "json", "--today", "2026-11-23"])
            .output()
            .unwrap();
        assert!(out.status.success());
        out.stdout
    };
    assert_eq!(report(&d.join("acme.toml")), report(&one));
}

#[test]
fn the_same_answer_changed_on_both_sides_is_named_and_resolved() {
    let cat = catalog();
    let dir = repo();
    let d = dir.path();
    let base = start(d, &cat);
    let (q1, q2) = adjacent_pair(&base);

    ok(d, &["checkout", "-q", "-b", "lee"]);
    edit(d, |a| {
        a.answers
            .insert(q1.clone(), answer(Status::Partial, "Lee", "only on Google"));
    });
    ok(d, &["checkout", "-q", "main"]);
    ok(d, &["checkout", "-q", "-b", "kim"]);
    edit(d, |a| {
        a.answers
            .insert(q1.clone(), answer(Status::Missing, "Kim", "not on AWS"));
        a.answers
            .insert(q2.clone(), answer(Status::Implemented, "Kim", "done"));
    });
    ok(d, &["checkout", "-q", "lee"]);
    let out = git(d, &["merge", "--no-edit", "kim"]);
    assert!(
        !out.status.success(),
        "the same answer on both sides conflicts"
    );

    let path = d.join("acme.toml");
    let err = assessment::load(&path).unwrap_err();
    let AssessmentError::Conflicted(merge) = &err else {
        panic!("expected a conflict, got {err}");
    };
    assert_eq!(merge.conflicts.len(), 1, "{:#?}", merge.conflicts);
    let c = &merge.conflicts[0];
    assert_eq!(c.question.as_deref(), Some(q1.as_str()));
    assert!(
        c.ours.contains("partial") && c.theirs.contains("missing"),
        "{c:?}"
    );
    assert!(c.ours_by.as_deref().unwrap().starts_with("Lee"));
    assert!(c.theirs_by.as_deref().unwrap().starts_with("Kim"));
    let text = err.to_string();
    assert!(
        text.contains(&q1) && text.contains("trustgap resolve"),
        "{text}"
    );
    assert!(text.contains(&format!("acme.toml:{}", c.line)));

    // The CLI reports the conflict instead of a TOML syntax error.
    let out = Command::cargo_bin("trustgap")
        .unwrap()
        .env("TRUSTGAP_CONFIG_DIR", "/nonexistent")
        .args(["report"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&q1) && stderr.contains("Kim") && !stderr.contains("syntax"),
        "{stderr}"
    );

    // Resolve by script: keep Kim's answer.
    let mut script = Scripted::new([Reply::Select(1)]);
    let picks = resolve_conflicts(merge, &mut script).unwrap();
    assert_eq!(picks, vec![Pick::Theirs]);
    let resolved = merge.resolve(&picks);
    assessment::save(&resolved, &path).unwrap();
    let clean = std::fs::read_to_string(&path).unwrap();
    assert!(!clean.contains("<<<<<<<") && !clean.contains(">>>>>>>"));
    let a = assessment::load(&path).unwrap();
    assert_eq!(a.answers[&q1].status, Some(Status::Missing));
    assert_eq!(a.answers[&q1].by.as_deref(), Some("Kim"));
    // The non-conflicting answer from the other side survived.
    assert_eq!(a.answers[&q2].status, Some(Status::Implemented));
    ok(d, &["commit", "-q", "-am", "resolved"]);
}

#[test]
fn resolve_command_takes_a_side_without_a_terminal() {
    let cat = catalog();
    let dir = repo();
    let d = dir.path();
    let base = start(d, &cat);
    let (q1, _) = adjacent_pair(&base);
    ok(d, &["checkout", "-q", "-b", "x"]);
    edit(d, |a| {
        a.answers
            .insert(q1.clone(), answer(Status::Partial, "X", "x"));
    });
    ok(d, &["checkout", "-q", "main"]);
    edit(d, |a| {
        a.answers
            .insert(q1.clone(), answer(Status::Implemented, "M", "m"));
    });
    assert!(!git(d, &["merge", "--no-edit", "x"]).status.success());
    let path = d.join("acme.toml");
    let tg = || {
        let mut c = Command::cargo_bin("trustgap").unwrap();
        c.env("TRUSTGAP_CONFIG_DIR", "/nonexistent");
        c
    };
    // Without a terminal and without --take it explains and changes nothing.
    let before = std::fs::read_to_string(&path).unwrap();
    let out = tg().arg("resolve").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--take"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    tg().arg("resolve")
        .arg(&path)
        .args(["--take", "theirs"])
        .assert()
        .success();
    let a = assessment::load(&path).unwrap();
    assert_eq!(a.answers[&q1].status, Some(Status::Partial));
    tg().arg("resolve").arg(&path).assert().success();
}

#[test]
fn workshop_records_from_both_sides_are_kept() {
    let cat = catalog();
    let dir = repo();
    let d = dir.path();
    let base = start(d, &cat);
    let (q1, _) = adjacent_pair(&base);
    ok(d, &["checkout", "-q", "-b", "a"]);
    edit(d, |a| {
        a.answers
            .insert(q1.clone(), answer(Status::Partial, "A", "a"));
        a.section_notes
            .insert("iam".into(), "Okta next week".into());
        a.sessions.insert(
            "2026-11-20".into(),
            assessment::Session {
                summary: "A's sitting".into(),
                ..Default::default()
            },
        );
    });
    ok(d, &["checkout", "-q", "main"]);
    edit(d, |a| {
        a.answers
            .insert(q1.clone(), answer(Status::Missing, "B", "b"));
        a.section_notes.insert("ops".into(), "No SIEM yet".into());
        a.sessions.insert(
            "2026-11-20".into(),
            assessment::Session {
                summary: "B's sitting".into(),
                ..Default::default()
            },
        );
    });
    assert!(!git(d, &["merge", "--no-edit", "a"]).status.success());
    let path = d.join("acme.toml");
    let AssessmentError::Conflicted(m) = assessment::load(&path).unwrap_err() else {
        panic!("expected a conflict")
    };
    let merged = m.resolve(&[Pick::Ours]);
    assert_eq!(merged.section_notes.len(), 2);
    let summaries: Vec<&str> = merged
        .sessions
        .values()
        .map(|s| s.summary.as_str())
        .collect();
    assert_eq!(summaries.len(), 2, "{summaries:?}");
    assert!(summaries.contains(&"A's sitting") && summaries.contains(&"B's sitting"));
}
