//! One test per validation error kind: each asserts the message names the
//! file, the line and the key.

use std::path::Path;

use trustgap::catalog::validate::validate;
use trustgap::catalog::{LoadOptions, Problem, Severity, load_catalog};

const FW: &str = r#"id = "fw"
name = "Test framework"
version = "1"
publisher = "Test"
source = "Test"
last_checked = 2026-01-01
kind = "guidance"
description = "A tiny framework for tests."

[[groups]]
id = "G1"
title = "Group one"

[[requirements]]
id = "R1"
title = "One"
summary = "First requirement."
group = "G1"

[[requirements]]
id = "R2"
title = "Two"
summary = "Second requirement."
group = "G1"
"#;

/// The `maps` of question `g.one` in [`QN`].
const MAPS: &str = "maps = [\n    { to = \"fw:R1\", why = \"The record shows it is done.\" },\n    { to = \"fw:R2\", why = \"The record names who does it.\" },\n]\n";

const QN: &str = r#"id = "q"
name = "Q"
version = "1"
last_checked = 2026-01-01

[[sections]]
id = "s"
title = "Scoping"
kind = "scoping"

[[sections]]
id = "g"
title = "Gaps"
kind = "gap"

[[questions]]
id = "s.multi"
section = "s"
text = "Pick some"
kind = "multi"
options = [{ id = "a", label = "A" }, { id = "b", label = "B" }]

[[questions]]
id = "g.one"
section = "g"
text = "Do you do it?"
risk = "It is not done and nobody notices."
kind = "readiness"
maps = [
    { to = "fw:R1", why = "The record shows it is done." },
    { to = "fw:R2", why = "The record names who does it." },
]
remediation = "rem.one"
when = "s.multi has a"

[[remediations]]
id = "rem.one"
title = "Do it"
steps = ["Write it down"]
effort_days = 1
owner = "CTO"
category = "policy"
severity = "low"
"#;

fn run(
    fw: &str,
    qn: &str,
) -> (
    tempfile::TempDir,
    Vec<Problem>,
    trustgap::catalog::validate::Report,
) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("frameworks")).unwrap();
    std::fs::create_dir_all(dir.path().join("questionnaires")).unwrap();
    std::fs::write(dir.path().join("frameworks/fw.toml"), fw).unwrap();
    std::fs::write(dir.path().join("questionnaires/q.toml"), qn).unwrap();
    let cat = load_catalog(&LoadOptions {
        dirs: vec![dir.path().to_path_buf()],
        user_dir: None,
        no_embedded: true,
    });
    let report = validate(&cat);
    let errors = report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .cloned()
        .collect();
    (dir, errors, report)
}

/// 1-based line of the first line containing `needle`.
fn line_of(src: &str, needle: &str) -> usize {
    src.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("{needle} not in source"))
}

fn find<'a>(problems: &'a [Problem], text: &str) -> &'a Problem {
    problems
        .iter()
        .find(|p| p.message.contains(text))
        .unwrap_or_else(|| panic!("no problem mentions {text:?}; got {problems:#?}"))
}

fn assert_at(p: &Problem, file: &str, line: usize, key: &str) {
    assert!(
        Path::new(&p.file).ends_with(file),
        "file {} should end with {file}",
        p.file
    );
    assert_eq!(p.at.line, line, "line of {p}");
    assert!(p.at.col >= 1);
    assert!(
        p.key.contains(key),
        "key {:?} should contain {key:?} ({p})",
        p.key
    );
    let shown = p.to_string();
    assert!(shown.contains(&format!(":{line}:")), "{shown}");
}

#[test]
fn baseline_is_clean() {
    let (_d, errors, report) = run(FW, QN);
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(report.holes.iter().all(|h| h.missing.is_empty()));
}

#[test]
fn toml_syntax_error() {
    let fw = FW.replace("title = \"Two\"", "title = \"Two");
    let (_d, errors, _) = run(&fw, QN);
    let p = find(&errors, "TOML syntax error");
    assert!(Path::new(&p.file).ends_with("frameworks/fw.toml"));
    assert_eq!(p.at.line, line_of(&fw, "title = \"Two"));
}

#[test]
fn unknown_key() {
    let qn = QN.replace("effort_days = 1", "effort_days = 1\nefort = 3");
    let (_d, errors, _) = run(FW, &qn);
    let p = find(&errors, "unknown key `efort`");
    assert_at(
        p,
        "questionnaires/q.toml",
        line_of(&qn, "efort"),
        "remediations[0].efort",
    );
}

#[test]
fn wrong_type_names_the_key() {
    let qn = QN.replace("effort_days = 1", "effort_days = \"one\"");
    let (_d, errors, _) = run(FW, &qn);
    let p = find(&errors, "invalid type");
    assert_at(
        p,
        "questionnaires/q.toml",
        line_of(&qn, "effort_days"),
        "effort_days",
    );
}

#[test]
fn missing_key() {
    let fw = FW.replace("summary = \"Second requirement.\"\n", "");
    let (_d, errors, _) = run(&fw, QN);
    let p = find(&errors, "missing field `summary`");
    assert!(Path::new(&p.file).ends_with("frameworks/fw.toml"));
    assert!(p.key.contains("requirements"), "{p}");
}

#[test]
fn duplicate_ids() {
    let fw = FW.replace("id = \"R2\"", "id = \"R1\"");
    let (_d, errors, _) = run(&fw, QN);
    let p = find(&errors, "duplicate requirement id `R1`");
    // The second definition is reported, with a pointer to the first.
    let second = fw
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("id = \"R1\""))
        .nth(1)
        .unwrap()
        .0
        + 1;
    assert_at(p, "frameworks/fw.toml", second, "requirements.id");
    assert!(p.message.contains("first defined at"));
}

#[test]
fn reference_that_does_not_resolve() {
    let qn = QN.replace("\"fw:R2\"", "\"fw:R9\"");
    let (_d, errors, _) = run(FW, &qn);
    let p = find(&errors, "`fw:R9` does not resolve");
    assert_at(
        p,
        "questionnaires/q.toml",
        line_of(&qn, "fw:R9"),
        "questions[g.one].maps",
    );

    let qn = QN.replace("remediation = \"rem.one\"", "remediation = \"rem.two\"");
    let (_d, errors, _) = run(FW, &qn);
    let p = find(&errors, "remediation `rem.two` is not defined");
    assert_at(
        p,
        "questionnaires/q.toml",
        line_of(&qn, "id = \"g.one\""),
        "questions[g.one].remediation",
    );

    let fw = FW.replace(
        "group = \"G1\"\n\n[[requirements]]\nid = \"R2\"",
        "group = \"G9\"\n\n[[requirements]]\nid = \"R2\"",
    );
    let (_d, errors, _) = run(&fw, QN);
    let p = find(&errors, "group `G9` is not defined");
    assert_at(
        p,
        "frameworks/fw.toml",
        line_of(&fw, "id = \"R1\""),
        "requirements[R1].group",
    );
}

#[test]
fn condition_on_unknown_question() {
    let qn = QN.replace("when = \"s.multi has a\"", "when = \"s.nothing has a\"");
    let (_d, errors, _) = run(FW, &qn);
    let p = find(&errors, "unknown question `s.nothing`");
    assert_at(
        p,
        "questionnaires/q.toml",
        line_of(&qn, "id = \"g.one\""),
        "questions[g.one].when",
    );
}

#[test]
fn condition_on_unknown_option() {
    let qn = QN.replace("when = \"s.multi has a\"", "when = \"s.multi has zzz\"");
    let (_d, errors, _) = run(FW, &qn);
    let p = find(&errors, "`zzz` is not an option of `s.multi`");
    assert_at(
        p,
        "questionnaires/q.toml",
        line_of(&qn, "id = \"g.one\""),
        "questions[g.one].when",
    );
}

#[test]
fn condition_syntax_error_points_inside_the_string() {
    let qn = QN.replace("when = \"s.multi has a\"", "when = \"s.multi has\"");
    let (_d, errors, _) = run(FW, &qn);
    let p = find(&errors, "bad condition");
    assert_at(
        p,
        "questionnaires/q.toml",
        line_of(&qn, "when = \"s.multi has\""),
        "when",
    );
    assert!(p.at.col > 8, "column should point into the condition: {p}");
}

#[test]
fn reference_without_a_reason_is_rejected_at_its_line() {
    // A bare id, as references were written before they carried reasons.
    let qn = QN.replace(
        "{ to = \"fw:R2\", why = \"The record names who does it.\" }",
        "\"fw:R2\"",
    );
    let (_d, errors, _) = run(FW, &qn);
    let p = find(&errors, "`fw:R2` has no reason");
    assert_at(
        p,
        "questionnaires/q.toml",
        line_of(&qn, "\"fw:R2\""),
        "questions[g.one].maps",
    );
    assert!(p.message.contains("why = "), "{}", p.message);

    // A table with an empty reason is no better.
    let qn = QN.replace("why = \"The record names who does it.\"", "why = \"  \"");
    let (_d, errors, _) = run(FW, &qn);
    find(&errors, "`fw:R2` has no reason");

    // Nor is the same requirement twice.
    let qn = QN.replace("to = \"fw:R2\"", "to = \"fw:R1\"");
    let (_d, errors, _) = run(FW, &qn);
    find(&errors, "`fw:R1` is listed twice");
}

#[test]
fn question_that_maps_to_nothing() {
    let qn = QN.replace(MAPS, "");
    let (_d, errors, _) = run(FW, &qn);
    let p = find(&errors, "maps to no requirement");
    assert_at(
        p,
        "questionnaires/q.toml",
        line_of(&qn, "id = \"g.one\""),
        "questions[g.one].maps",
    );
}

#[test]
fn coverage_holes_are_counted_per_framework() {
    let qn = QN.replace(
        MAPS,
        "maps = [{ to = \"fw:R1\", why = \"The record shows it is done.\" }]\n",
    );
    let (_d, errors, report) = run(FW, &qn);
    assert!(errors.is_empty(), "a hole is not an error: {errors:#?}");
    let h = report.holes.iter().find(|h| h.framework == "fw").unwrap();
    assert_eq!(h.missing, vec!["R2".to_string()]);
    assert_eq!(h.total, 2);
    // Marking it informational closes the hole.
    let fw = FW.replace(
        "summary = \"Second requirement.\"",
        "summary = \"Second requirement.\"\ninformational = \"Classification rule, not a control\"",
    );
    let (_d, _, report) = run(&fw, &qn);
    let h = report.holes.iter().find(|h| h.framework == "fw").unwrap();
    assert!(h.missing.is_empty());
    assert_eq!(h.informational, 1);
}

#[test]
fn every_problem_is_reported_at_once() {
    let qn = QN
        .replace("\"fw:R2\"", "\"fw:R9\"")
        .replace("when = \"s.multi has a\"", "when = \"s.nothing\"")
        .replace("category = \"policy\"", "category = \"vibes\"");
    let (_d, errors, _) = run(FW, &qn);
    assert!(errors.len() >= 3, "{errors:#?}");
}

#[test]
fn embedded_catalog_is_clean_and_complete() {
    let cat = load_catalog(&LoadOptions::default());
    let report = validate(&cat);
    let errors: Vec<_> = report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // Warnings too: one remediation per question, no step written twice.
    assert_eq!(report.warnings(), 0, "{:#?}", report.problems);
    for h in &report.holes {
        assert!(
            h.missing.is_empty(),
            "{} has coverage holes: {:?}",
            h.framework,
            h.missing
        );
    }
}

/// A second remediation for prerequisite checks, with its question.
fn with_second_remediation(after_one: &str, after_two: &str) -> String {
    let qn = QN.replace(
        "severity = \"low\"\n",
        &format!("severity = \"low\"\nafter = [{after_one}]\n"),
    );
    format!(
        "{qn}
[[questions]]
id = \"g.two\"
section = \"g\"
text = \"And this?\"
risk = \"That is not done either.\"
kind = \"readiness\"
maps = [{{ to = \"fw:R2\", why = \"The log names who does it.\" }}]
remediation = \"rem.two\"

[[remediations]]
id = \"rem.two\"
title = \"Do that\"
steps = [\"Write that down\"]
effort_days = 1
owner = \"CTO\"
category = \"policy\"
severity = \"low\"
after = [{after_two}]
"
    )
}

#[test]
fn prerequisites_name_remediations_and_form_no_loop() {
    let qn = with_second_remediation("\"rem.zero\"", "");
    let (_d, errors, _) = run(FW, &qn);
    let p = find(&errors, "remediation `rem.zero` is not defined");
    assert_at(
        p,
        "questionnaires/q.toml",
        line_of(&qn, "after = [\"rem.zero\"]"),
        "remediations[rem.one].after",
    );

    let qn = with_second_remediation("\"rem.two\"", "\"rem.one\"");
    let (_d, errors, _) = run(FW, &qn);
    let p = find(&errors, "prerequisites form a loop");
    assert!(p.message.contains("rem.one → rem.two → rem.one"), "{p}");
    assert_at(
        p,
        "questionnaires/q.toml",
        line_of(&qn, "after = [\"rem.two\"]"),
        "remediations[rem.one].after",
    );

    let qn = with_second_remediation("\"rem.one\"", "");
    let (_d, errors, _) = run(FW, &qn);
    find(&errors, "cannot come after itself");

    // Without prerequisites problems, the pair is clean.
    let qn = with_second_remediation("\"rem.two\"", "");
    let (_d, errors, _) = run(FW, &qn);
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn goals_are_checked() {
    let fw = format!(
        "{FW}
[[goals]]
id = \"fw-goal\"
title = \"A goal\"
date_question = \"target.nowhere\"
blocker_steps = [[\"policy\"], [\"nonsense\"]]

[[goals.costs]]
item = \"Audit\"
low = 10
high = 5
currency = \"USD\"
per = \"report\"
source = \"\"
"
    );
    let (_d, errors, _) = run(&fw, QN);
    let p = find(&errors, "question `target.nowhere` is not defined");
    assert_at(
        p,
        "frameworks/fw.toml",
        line_of(&fw, "id = \"fw-goal\""),
        "goals[fw-goal]",
    );
    find(&errors, "unknown category `nonsense`");
    find(&errors, "needs low <= high and a source");
}

#[test]
fn work_is_written_once_one_remediation_per_question_and_no_repeated_step() {
    let clean = with_second_remediation("", "");
    let (_d, errors, report) = run(FW, &clean);
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(report.warnings(), 0, "{:#?}", report.problems);

    // A second question closed by the first question's remediation.
    let shared = clean.replace("remediation = \"rem.two\"", "remediation = \"rem.one\"");
    let (_d, _, report) = run(FW, &shared);
    let p = find(
        &report.problems,
        "remediation `rem.one` already closes `g.one`",
    );
    assert_eq!(p.severity, Severity::Warning);
    assert_at(
        p,
        "questionnaires/q.toml",
        line_of(&shared, "id = \"g.two\""),
        "questions[g.two].remediation",
    );

    // The same step in two remediations, whatever its case or full stop.
    let repeated = clean.replace(
        "steps = [\"Write that down\"]",
        "steps = [\"write it down.\"]",
    );
    let (_d, _, report) = run(FW, &repeated);
    let p = find(&report.problems, "is also a step of `rem.one`");
    assert_eq!(p.severity, Severity::Warning);
    assert_eq!(p.key, "remediations[rem.two].steps");
}

#[test]
fn a_gap_question_without_its_risk_gets_a_warning() {
    let qn = QN.replace("risk = \"It is not done and nobody notices.\"\n", "");
    let (_d, errors, report) = run(FW, &qn);
    assert!(errors.is_empty(), "{errors:#?}");
    let p = find(&report.problems, "the risk a gap here leaves open");
    assert_eq!(p.severity, Severity::Warning);
    assert_at(
        p,
        "questionnaires/q.toml",
        line_of(&qn, "id = \"g.one\""),
        "questions[g.one].risk",
    );
}
