//! The assessment file: round trips, unknown content, atomic saves, errors.

use std::io::Write;

use trustgap::assessment::{self, AssessmentError, Status, Value, atomic_write};
use trustgap::catalog::{LoadOptions, load_catalog};

const FILE: &str = r#"# a comment
[assessment]
organisation = "Acme AI"
assessor = "Dana Kim"
participants = ["Priya (CTO)", "Leo (CEO)"]
created = 2026-11-02
questionnaire = "trustgap-core"
questionnaire_version = "1.0.0"
trustgap_version = "0.1.0"
future_header_key = "kept"

[answers."org.markets"]
value = ["us", "eu"]
updated = 2026-11-02T10:15:00Z
by = "Priya"

[answers."iam.mfa"]
status = "partial"
note = "MFA on Google | not on AWS <root>"
evidence = ["https://wiki.example.com/mfa"]
owner = "Priya"
target = 2027-01-15
updated = 2026-11-03T09:00:00Z
confidence = 0.8

[answers."q.from.a.newer.questionnaire"]
status = "implemented"

[systems.bot]
name = "Support bot"
description = "Answers tickets"
risk_owner = "Leo"

[systems.bot.answers."sys.roles"]
value = ["provider", "deployer"]

[soa."A.5.5"]
included = false
justification = "No societal-scale use"

[future_section]
enabled = true
"#;

#[test]
fn round_trip_keeps_everything() {
    let a = assessment::parse("a.toml", FILE).unwrap();
    assert_eq!(a.organisation, "Acme AI");
    assert_eq!(a.participants.len(), 2);
    let mfa = &a.answers["iam.mfa"];
    assert_eq!(mfa.status, Some(Status::Partial));
    assert_eq!(mfa.target.unwrap().to_string(), "2027-01-15");
    assert_eq!(
        a.answers["org.markets"].value,
        Some(Value::List(vec!["us".into(), "eu".into()]))
    );
    // Unknown keys are kept where they were.
    assert!(a.header_extra.contains_key("future_header_key"));
    assert!(mfa.extra.contains_key("confidence"));
    assert!(a.systems["bot"].extra.contains_key("risk_owner"));
    assert!(a.extra.contains_key("future_section"));
    assert!(!a.soa["A.5.5"].included);

    let text = assessment::to_toml(&a);
    let b = assessment::parse("b.toml", &text).unwrap();
    assert_eq!(a, b, "parse(to_toml(a)) == a");
    // Writing again gives the same bytes.
    assert_eq!(text, assessment::to_toml(&b));
    assert_eq!(a.updated().unwrap().to_string(), "2026-11-03T09:00:00Z");
}

#[test]
fn unknown_answers_and_keys_are_reported_not_dropped() {
    let cat = load_catalog(&LoadOptions::default());
    let qn = cat.questionnaire("trustgap-core").unwrap();
    let a = assessment::parse("a.toml", FILE).unwrap();
    assert_eq!(a.unknown_answers(qn), vec!["q.from.a.newer.questionnaire"]);
    let report = assessment::unknown_report(&a, qn, "a.toml");
    assert_eq!(report.len(), 2);
    assert!(report[0].message.contains("q.from.a.newer.questionnaire"));
    assert!(report[1].message.contains("answers.iam.mfa.confidence"));
    assert!(report[1].message.contains("future_section"));
    let saved = assessment::to_toml(&a);
    assert!(saved.contains("[answers.\"q.from.a.newer.questionnaire\"]"));
    assert!(saved.contains("confidence = 0.8"));
}

#[test]
fn placeholders_give_every_question_its_own_table() {
    let cat = load_catalog(&LoadOptions::default());
    let qn = cat.questionnaire("trustgap-core").unwrap();
    let mut a = assessment::parse("a.toml", FILE).unwrap();
    a.ensure_placeholders(qn);
    let text = assessment::to_toml(&a);
    assert!(text.contains("[answers.\"iam.sso\"]\n\n"));
    assert!(text.contains("[systems.bot.answers.\"sys.kind\"]\n"));
    let b = assessment::parse("b.toml", &text).unwrap();
    assert_eq!(a, b);
    assert!(!b.answers["iam.sso"].is_answered());
}

#[test]
fn save_is_atomic_and_private() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acme.toml");
    let a = assessment::parse("a.toml", FILE).unwrap();
    assessment::save(&a, &path).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "new files are readable by the owner only");
    }
    let before = std::fs::read_to_string(&path).unwrap();

    // A write that fails half way leaves the old file intact and no temp file.
    let err = atomic_write(&path, |f| {
        f.write_all(b"[assessment]\norganisation = \"half")?;
        Err(std::io::Error::other("disk full"))
    })
    .unwrap_err();
    assert!(matches!(err, AssessmentError::Io { .. }));
    assert!(err.to_string().contains("disk full"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    assert_eq!(assessment::load(&path).unwrap(), a);
}

#[test]
fn save_into_a_missing_directory_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no/such/dir/acme.toml");
    let a = assessment::parse("a.toml", FILE).unwrap();
    let err = assessment::save(&a, &path).unwrap_err();
    assert!(err.to_string().contains("acme.toml"), "{err}");
}

fn problems(src: &str) -> Vec<trustgap::catalog::Problem> {
    match assessment::parse("bad.toml", src) {
        Err(AssessmentError::Invalid(p)) => p,
        other => panic!("expected an invalid-file error, got {other:?}"),
    }
}

#[test]
fn syntax_error_has_file_line_col() {
    let src = FILE.replace("status = \"partial\"", "status = \"partial");
    let p = problems(&src);
    assert_eq!(p[0].file, "bad.toml");
    assert_eq!(p[0].at.line, 18);
    assert!(p[0].to_string().starts_with("bad.toml:18:"));
}

#[test]
fn bad_values_name_the_key() {
    let src = FILE.replace("status = \"partial\"", "status = \"almost\"");
    let p = problems(&src);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].key, "answers.iam.mfa.status");
    assert_eq!(p[0].at.line, 18);
    assert!(p[0].message.contains("implemented, partial, missing"));

    let src = FILE.replace("target = 2027-01-15", "target = \"soon\"");
    let p = problems(&src);
    assert_eq!(p[0].key, "answers.iam.mfa.target");
    assert_eq!(p[0].at.line, 22);

    let src = FILE.replace("organisation = \"Acme AI\"\n", "");
    let p = problems(&src);
    assert!(p[0].message.contains("organisation"));
}

#[test]
fn git_conflict_markers_are_named() {
    let src = FILE.replace(
        "status = \"partial\"\n",
        "<<<<<<< HEAD\nstatus = \"partial\"\n=======\nstatus = \"implemented\"\n>>>>>>> other\n",
    );
    match assessment::parse("bad.toml", &src) {
        Err(AssessmentError::Conflicted(m)) => {
            assert_eq!(m.conflicts.len(), 1);
            assert_eq!(m.conflicts[0].key, "answers.iam.mfa");
            assert_eq!(m.conflicts[0].line, 18);
            assert_eq!(m.ours_label, "HEAD");
            assert_eq!(m.theirs_label, "other");
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    // Unbalanced markers are a plain error with a location.
    let src = FILE.replace(
        "status = \"partial\"\n",
        "<<<<<<< HEAD\nstatus = \"partial\"\n",
    );
    let p = problems(&src);
    assert!(p[0].message.contains("unbalanced"));
}

#[test]
fn workshop_records_survive_round_trips() {
    let src = format!(
        "{FILE}\n[section_notes.iam]\ntext = \"Okta rollout | next week\"\n\n[sessions.\"2026-11-20\"]\ndate = 2026-11-20\nfacilitator = \"Marta\"\nattendees = [\"Priya\", \"Leo\"]\nsections = [\"iam\", \"ops\"]\nsummary = \"12 answered\"\n"
    );
    let a = assessment::parse("a.toml", &src).unwrap();
    assert_eq!(a.section_notes["iam"], "Okta rollout | next week");
    let s = &a.sessions["2026-11-20"];
    assert_eq!(s.attendees, vec!["Priya", "Leo"]);
    assert_eq!(s.sections, vec!["iam", "ops"]);
    let b = assessment::parse("b.toml", &assessment::to_toml(&a)).unwrap();
    assert_eq!(a, b);
    assert_eq!(
        a.next_session_id(jiff::civil::date(2026, 11, 20)),
        "2026-11-20-2"
    );
    assert_eq!(
        a.next_session_id(jiff::civil::date(2026, 11, 21)),
        "2026-11-21"
    );
}
