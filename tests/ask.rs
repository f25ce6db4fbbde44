//! `trustgap ask` scripted through the prompt trait: answers, skips, back,
//! don't know, not applicable, interrupt and resume, and the session log.

use jiff::Timestamp;
use jiff::civil::date;
use trustgap::assessment::{self, Assessment, Status, Value};
use trustgap::catalog::{Catalog, load_from_strs};
use trustgap::prompt::ask::{Sitting, run};
use trustgap::prompt::{Reply, Scripted};

const FW: &str = r#"id = "alpha"
name = "Alpha"
version = "1"
publisher = "T"
source = "T"
last_checked = 2026-01-01
kind = "guidance"
description = "Test framework."

[[groups]]
id = "G"
title = "Group"

[[requirements]]
id = "R1"
title = "R1"
summary = "s"
group = "G"

[[requirements]]
id = "R2"
title = "R2"
summary = "s"
group = "G"
"#;

const QN: &str = r#"id = "trustgap-core"
name = "Q"
version = "1"
last_checked = 2026-01-01

[[sections]]
id = "org"
title = "Company"
kind = "scoping"

[[sections]]
id = "g"
title = "Gaps"
kind = "gap"

[[questions]]
id = "org.size"
section = "org"
text = "How many people?"
kind = "number"

[[questions]]
id = "org.markets"
section = "org"
text = "Where do you sell?"
kind = "multi"
options = [{ id = "us", label = "US" }, { id = "eu", label = "EU" }, { id = "none", label = "Nowhere" }]

[[questions]]
id = "g.mfa"
section = "g"
text = "Is MFA enforced?"
why = "Stolen passwords."
auditor = "The IdP policy."
kind = "readiness"
maps = ["alpha:R1"]
remediation = "rem.x"

[[questions]]
id = "g.sso"
section = "g"
text = "Is SSO in place?"
kind = "readiness"
maps = ["alpha:R1", "alpha:R2"]
remediation = "rem.x"

[[questions]]
id = "g.eu_only"
section = "g"
text = "EU-only question?"
kind = "readiness"
when = "org.markets has eu"
maps = ["alpha:R2"]
remediation = "rem.x"

[[questions]]
id = "g.dpo"
section = "g"
text = "Do you have a DPO?"
kind = "yes-no"
maps = ["alpha:R2"]
remediation = "rem.x"

[[remediations]]
id = "rem.x"
title = "Fix"
steps = ["x"]
effort_days = 1
owner = "CTO"
category = "policy"
severity = "low"
"#;

fn cat() -> Catalog {
    load_from_strs(&[
        ("frameworks/alpha.toml", FW),
        ("questionnaires/trustgap-core.toml", QN),
    ])
}

fn now() -> Timestamp {
    "2026-11-23T10:00:00Z".parse().unwrap()
}

fn sitting<'a>(
    cat: &'a Catalog,
    path: &std::path::Path,
    clock: &'a dyn Fn() -> Timestamp,
) -> Sitting<'a> {
    let a = if path.exists() {
        assessment::load(path).unwrap()
    } else {
        let qn = cat.questionnaire("trustgap-core").unwrap();
        let mut a = Assessment::new("Acme", qn, date(2026, 11, 23));
        a.ensure_placeholders(qn);
        a
    };
    Sitting {
        catalog: cat,
        path: path.to_path_buf(),
        base: a.clone(),
        assessment: a,
        today: date(2026, 11, 23),
        now: clock,
        by: Some("Dana".into()),
        section: None,
        attendees: vec!["Dana".into(), "Leo (CEO)".into()],
    }
}

// Select menus for readiness questions: 0 implemented, 1 partial, 2 missing,
// 3 don't know, 4 not applicable, 5 help, 6 note, 7 skip, 8 back, 9 quit.
// Yes-no: 0 yes, 1 no, 2 don't know, 3 help, 4 note, 5 skip, 6 back, 7 quit.

#[test]
fn a_full_sitting_interrupted_and_resumed() {
    let cat = cat();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acme.toml");

    // First sitting: two scoping answers, then Ctrl-C.
    let mut p = Scripted::new([
        Reply::Text("14".into()),
        Reply::Multi(vec![0, 1]),
        Reply::Interrupt,
    ]);
    let mut s = sitting(&cat, &path, &now);
    let out = run(&mut s, &mut p).unwrap();
    assert!(out.interrupted);
    assert_eq!(out.answered, vec!["org.size", "org.markets"]);
    let saved = assessment::load(&path).unwrap();
    assert_eq!(saved.answers["org.size"].value, Some(Value::Number(14.0)));
    assert_eq!(
        saved.answers["org.markets"].value,
        Some(Value::List(vec!["us".into(), "eu".into()]))
    );
    assert_eq!(saved.answers["org.size"].by.as_deref(), Some("Dana"));
    assert_eq!(saved.sessions.len(), 1, "the sitting is logged");
    assert!(p.said.iter().any(|l| l.contains("stopped early")));

    // Second sitting resumes at the first unanswered question (g.mfa).
    let mut p = Scripted::new([
        Reply::Select(5), // g.mfa: help
        Reply::Select(6), // g.mfa: add a note
        Reply::Text("Okta for staff".into()),
        Reply::Text("https://wiki/mfa".into()),
        Reply::Text("Priya".into()),
        Reply::Select(1),       // g.mfa: partial
        Reply::Select(7),       // g.sso: skip
        Reply::Select(8),       // g.eu_only: back (to g.sso)
        Reply::Select(2),       // g.sso: missing
        Reply::Select(4),       // g.eu_only: not applicable
        Reply::Text("".into()), //   empty justification: not changed
        Reply::Select(4),       // g.eu_only: not applicable again
        Reply::Text("No EU customers yet".into()),
        Reply::Select(2),                              // g.dpo: don't know
        Reply::Text("Leo (CEO)".into()),               // who will find out
        Reply::Text("Priya".into()),                   // who will own the fix
        Reply::Text("Covered in the kick-off".into()), // facilitator notes
    ]);
    let mut s = sitting(&cat, &path, &now);
    let out = run(&mut s, &mut p).unwrap();
    assert_eq!(
        p.asked[0], "Is MFA enforced?",
        "resumes at the first unanswered question"
    );
    assert!(
        p.said
            .iter()
            .any(|l| l.contains("Why it matters: Stolen passwords."))
    );
    assert!(!out.interrupted);
    assert_eq!(out.answered, vec!["g.mfa", "g.sso", "g.eu_only", "g.dpo"]);
    assert_eq!(out.new_gaps, vec!["g.mfa", "g.sso"]);
    assert_eq!(
        out.parking_lot,
        vec![("g.dpo".to_string(), "Leo (CEO)".to_string())]
    );
    assert_eq!(out.progress, (6, 6));

    let a = assessment::load(&path).unwrap();
    let mfa = &a.answers["g.mfa"];
    assert_eq!(mfa.status, Some(Status::Partial));
    assert_eq!(mfa.note.as_deref(), Some("Okta for staff"));
    assert_eq!(mfa.evidence, vec!["https://wiki/mfa"]);
    assert_eq!(mfa.owner.as_deref(), Some("Priya"));
    assert_eq!(a.answers["g.sso"].status, Some(Status::Missing));
    let na = &a.answers["g.eu_only"];
    assert_eq!(na.status, Some(Status::NotApplicable));
    assert_eq!(na.justification.as_deref(), Some("No EU customers yet"));
    assert_eq!(a.answers["g.dpo"].status, Some(Status::DontKnow));
    // Finding out is not owning the fix: both were asked.
    assert_eq!(a.answers["g.dpo"].finder.as_deref(), Some("Leo (CEO)"));
    assert_eq!(a.answers["g.dpo"].owner.as_deref(), Some("Priya"));
    assert_eq!(a.section_notes["g"], "Covered in the kick-off");
    assert_eq!(a.sessions.len(), 2);
    let second = a.sessions.values().last().unwrap();
    assert_eq!(second.sections, vec!["g"]);
    assert!(second.summary.starts_with("4 answered, 2 new gap(s)"));
    assert!(
        p.said
            .iter()
            .any(|l| l.contains("parking lot (1 don't know)"))
    );
    assert_eq!(second.attendees, vec!["Dana", "Leo (CEO)"]);
    assert_eq!(a.participants, vec!["Dana", "Leo (CEO)"]);

    // A third sitting has nothing left to ask.
    let mut p = Scripted::new([]);
    let mut s = sitting(&cat, &path, &now);
    let out = run(&mut s, &mut p).unwrap();
    assert!(out.answered.is_empty());
    assert!(p.asked.is_empty());
}

#[test]
fn conditions_decide_what_is_asked_and_section_limits_a_sitting() {
    let cat = cat();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acme.toml");
    // Only the US: the EU-only question is never asked.
    let mut p = Scripted::new([
        Reply::Text("5".into()),
        Reply::Multi(vec![0]),
        Reply::Select(0),
        Reply::Select(0),
        Reply::Select(0), // g.dpo: yes
        Reply::Text("".into()),
    ]);
    let mut s = sitting(&cat, &path, &now);
    let out = run(&mut s, &mut p).unwrap();
    assert!(!p.asked.iter().any(|q| q.contains("EU-only")));
    assert_eq!(out.progress, (5, 5));

    // --section limits the sitting to one section.
    let path2 = dir.path().join("b.toml");
    let mut p = Scripted::new([
        Reply::Select(0),
        Reply::Select(0),
        Reply::Select(1),
        Reply::Text("".into()),
    ]);
    let mut s = sitting(&cat, &path2, &now);
    s.section = Some("g".into());
    let out = run(&mut s, &mut p).unwrap();
    assert_eq!(out.answered, vec!["g.mfa", "g.sso", "g.dpo"]);
    let mut s = sitting(&cat, &path2, &now);
    s.section = Some("nope".into());
    assert!(
        run(&mut s, &mut Scripted::new([]))
            .unwrap_err()
            .contains("no section `nope`")
    );
}

#[test]
fn bad_typed_values_are_asked_again() {
    let cat = cat();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acme.toml");
    let mut p = Scripted::new([
        Reply::Text("lots".into()),
        Reply::Text("?".into()),
        Reply::Text("12".into()),
        Reply::Interrupt,
    ]);
    let mut s = sitting(&cat, &path, &now);
    run(&mut s, &mut p).unwrap();
    assert!(p.said.iter().any(|l| l.contains("`lots` is not a number")));
    let a = assessment::load(&path).unwrap();
    assert_eq!(a.answers["org.size"].value, Some(Value::Number(12.0)));
}

/// Ctrl-C at "Add an AI system?" ends the sitting like Ctrl-C at a question
/// (it used to be taken as "continue" and the next question was asked).
#[test]
fn ctrl_c_at_the_systems_prompt_ends_the_sitting() {
    let cat = trustgap::catalog::load_catalog(&trustgap::catalog::LoadOptions::default());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seed.toml");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/seed-llm-startup.toml"
        ),
        &path,
    )
    .unwrap();
    let mut p = Scripted::new([Reply::Interrupt]);
    let mut s = sitting(&cat, &path, &now);
    let out = run(&mut s, &mut p).unwrap();
    assert!(out.interrupted);
    assert_eq!(p.asked.len(), 1, "asked: {:?}", p.asked);
    assert!(p.asked[0].contains("Add one?"), "{:?}", p.asked);
    assert!(out.answered.is_empty());
}
