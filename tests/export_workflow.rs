//! The repository workflow through the real binary: `check` exit codes,
//! `diff`, and `sync` round trips (export, tick boxes, sync, export again).

use assert_cmd::Command;

fn tg() -> Command {
    let mut c = Command::cargo_bin("trustgap").unwrap();
    c.env("TRUSTGAP_CONFIG_DIR", "/nonexistent/trustgap-test");
    c
}

const BASE: &str = r#"[assessment]
organisation = "Acme AI"
questionnaire = "trustgap-core"
questionnaire_version = "1.0.0"
trustgap_version = "0.1.0"
created = 2026-11-01

[answers."org.markets"]
value = ["us", "eu"]

[answers."org.customers"]
value = ["enterprise"]

[answers."target.goals"]
value = ["soc2-type2", "euaiact"]

[answers."target.date"]
value = 2027-06-30

[answers."ai.usage"]
value = ["third-party-api"]

[answers."gov.policy_set"]
status = "partial"

[answers."iam.mfa"]
status = "partial"
owner = "Priya Shah"

[answers."iam.sso"]
status = "missing"

[answers."iam.secrets"]
status = "implemented"

[answers."vendor.inventory"]
status = "missing"

[answers."literacy.programme"]
status = "partial"

[systems.bot]
name = "Support bot"

[systems.bot.answers."sys.roles"]
value = ["provider"]

[systems.bot.answers."sys.eu_scope"]
value = ["placed-eu"]

[systems.bot.answers."sys.transparency"]
value = ["interacts"]
"#;

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn run(c: &mut Command) -> (i32, String, String) {
    let out = c.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn ok(c: &mut Command) -> String {
    let (code, out, err) = run(c);
    assert_eq!(code, 0, "stdout: {out}\nstderr: {err}");
    out
}

const DAY: [&str; 2] = ["--today", "2026-11-23"];

#[test]
fn check_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "a.toml", BASE);
    let check = |args: &[&str]| run(tg().arg("check").arg(&f).args(args).args(DAY));
    let (code, out, _) = check(&["--framework", "soc2"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("ok: SOC 2 "), "{out}");
    let (code, out, _) = check(&["--framework", "soc2", "--min-readiness", "95"]);
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 1, "one line: {out}");
    assert!(out.starts_with("short: SOC 2 readiness "), "{out}");
    let (code, out, _) = check(&["--framework", "euaiact"]);
    assert_eq!(code, 0, "{out}");
    let (code, out, _) = check(&["--framework", "euaiact", "--no-overdue"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("already apply"), "{out}");
    assert_eq!(out.lines().count(), 1);
    let (code, out, _) = check(&["--framework", "iso42001"]);
    assert_eq!((code, out.contains("not in scope")), (1, true), "{out}");
    let (code, _, err) = check(&["--framework", "nope"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, _) = run(tg().args(["check", "/nonexistent.toml"]));
    assert_eq!(code, 2);
}

#[test]
fn diff_shows_readiness_answers_gaps_and_items() {
    let dir = tempfile::tempdir().unwrap();
    let old = write(&dir, "old.toml", BASE);
    let new_text = BASE
        .replace(
            "[answers.\"iam.mfa\"]\nstatus = \"partial\"",
            "[answers.\"iam.mfa\"]\nstatus = \"implemented\"",
        )
        .replace(
            "[answers.\"iam.secrets\"]\nstatus = \"implemented\"",
            "[answers.\"iam.secrets\"]\nstatus = \"missing\"",
        )
        .replace(
            "[answers.\"iam.sso\"]\nstatus = \"missing\"",
            "[answers.\"iam.sso\"]\nstatus = \"missing\"\n\n[answers.\"iam.privileged\"]\nstatus = \"dont-know\"",
        );
    let new = write(&dir, "new.toml", &new_text);
    let md = ok(tg()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .args(["--format", "md"])
        .args(DAY));
    let section = |title: &str| -> String {
        let start = md
            .find(&format!(" {title}\n"))
            .unwrap_or_else(|| panic!("{title} in {md}"));
        let rest = &md[start + title.len() + 2..];
        let end = rest.find("\n#").unwrap_or(rest.len());
        rest[..end].to_string()
    };
    assert!(
        section("Answers that improved").contains("`iam.mfa`"),
        "{md}"
    );
    assert!(
        section("Answers that regressed").contains("`iam.secrets`"),
        "{md}"
    );
    assert!(
        section("Newly answered").contains("`iam.privileged`"),
        "{md}"
    );
    assert!(section("Readiness").contains("| SOC 2 |"), "{md}");
    assert!(section("Gaps opened").contains("unknown"), "{md}");
    assert!(section("Plan items").contains("`rem.iam.mfa`"), "{md}");
    assert!(section("Plan items").contains("removed"), "{md}");
    assert!(md.starts_with("# Changes from "));
    let table = ok(tg().arg("diff").arg(&old).arg(&new).args(DAY));
    assert!(table.contains("Answers that improved:"), "{table}");
    // No change: said so.
    let same = ok(tg()
        .arg("diff")
        .arg(&old)
        .arg(&old)
        .args(["--format", "md"])
        .args(DAY));
    assert!(same.contains("Nothing changed."), "{same}");
    let (code, _, _) = run(tg().arg("diff").arg(&old).arg("/nonexistent.toml"));
    assert_eq!(code, 2);
}

fn export(f: &std::path::Path, format: &str) -> String {
    ok(tg()
        .arg("report")
        .arg(f)
        .args(["--format", format])
        .args(DAY))
}

/// Ticks the box of item `id` in a markdown plan.
fn tick(md: &str, id: &str) -> String {
    let needle = format!("(`{id}`)");
    md.lines()
        .map(|l| {
            if l.starts_with("- [ ] ") && l.contains(&needle) {
                l.replacen("- [ ] ", "- [x] ", 1)
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn sync_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "acme.toml", BASE);
    let plan = dir.path().join("PLAN.md");
    ok(tg()
        .arg("report")
        .arg(&f)
        .args(["--format", "md", "-o"])
        .arg(&plan)
        .args(DAY));
    let md = std::fs::read_to_string(&plan).unwrap();
    let before_json: serde_json::Value = serde_json::from_str(&export(&f, "json")).unwrap();
    assert!(md.contains("(`rem.iam.mfa`)") && md.contains("(`rem.iam.sso`)"));

    // Tick two boxes, as a reviewer would in a pull request.
    let ticked = tick(&tick(&md, "rem.iam.mfa"), "rem.iam.sso");
    std::fs::write(&plan, &ticked).unwrap();
    let out = ok(tg()
        .arg("sync")
        .arg(&f)
        .arg("--from")
        .arg(&plan)
        .args(["--by", "Priya Shah"])
        .args(DAY));
    assert!(out.contains("done, to verify: rem.iam.mfa"), "{out}");
    assert!(out.contains("done, to verify: rem.iam.sso"), "{out}");
    assert!(
        out.contains("2 item(s) recorded as done, to verify"),
        "{out}"
    );
    let saved = std::fs::read_to_string(&f).unwrap();
    assert!(
        saved.contains(
            "[remediations.\"rem.iam.mfa\"]\nstate = \"done-to-verify\"\nupdated = 2026-11-23T00:00:00Z\nby = \"Priya Shah\"\n"
        ),
        "{saved}"
    );

    // Export again: the boxes are ticked and say "to verify"; nothing counts as covered yet.
    let again = export(&f, "md");
    let mfa = again
        .lines()
        .find(|l| l.contains("(`rem.iam.mfa`)"))
        .unwrap();
    assert!(
        mfa.starts_with("- [x] ") && mfa.ends_with("— done, to verify"),
        "{mfa}"
    );
    assert!(again.contains("Marked done on 2026-11-23 by Priya Shah."));
    assert_eq!(again.matches("- [x] ").count(), 2);
    let after_json: serde_json::Value = serde_json::from_str(&export(&f, "json")).unwrap();
    assert_eq!(
        before_json["analysis"], after_json["analysis"],
        "ticking does not change coverage"
    );
    let item = after_json["plan"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "rem.iam.mfa")
        .unwrap();
    assert_eq!(item["state"], "done-to-verify");
    assert_eq!(item["state_by"], "Priya Shah");
    let csv = export(&f, "csv");
    assert!(
        csv.lines()
            .any(|l| l.starts_with("rem.iam.mfa,") && l.contains(",done-to-verify,")),
        "{csv}"
    );
    let poam = export(&f, "oscal");
    assert!(poam.contains("\"remediating\""));
    let (_, table, _) = run(tg()
        .arg("report")
        .arg(&f)
        .args(["--format", "table"])
        .args(DAY));
    assert!(table.contains("(done, to verify)"), "{table}");

    // Syncing the re-exported plan changes nothing and leaves the file alone.
    std::fs::write(&plan, &again).unwrap();
    let out = ok(tg().arg("sync").arg(&f).arg("--from").arg(&plan).args(DAY));
    assert!(
        out.contains("0 item(s) recorded") && out.contains("not changed"),
        "{out}"
    );
    assert_eq!(std::fs::read_to_string(&f).unwrap(), saved);

    // Untick one: it is reopened.
    let unticked = again.replacen("- [x] **", "- [ ] **", 1);
    std::fs::write(&plan, &unticked).unwrap();
    let out = ok(tg().arg("sync").arg(&f).arg("--from").arg(&plan).args(DAY));
    assert!(out.contains("reopened: "), "{out}");
    let saved = std::fs::read_to_string(&f).unwrap();
    assert_eq!(saved.matches("state = \"open\"").count(), 1, "{saved}");
    assert_eq!(saved.matches("state = \"done-to-verify\"").count(), 1);

    // When the answer says implemented, the item leaves the plan and the
    // requirement counts as covered.
    let implemented = saved.replace(
        "[answers.\"iam.sso\"]\nstatus = \"missing\"",
        "[answers.\"iam.sso\"]\nstatus = \"implemented\"",
    );
    std::fs::write(&f, &implemented).unwrap();
    let md = export(&f, "md");
    assert!(!md.contains("(`rem.iam.sso`)"));
}

#[test]
fn sync_never_guesses() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "acme.toml", BASE);
    let plan = dir.path().join("PLAN.md");
    let md = export(&f, "md");
    // An unknown id: reported with its line, nothing written, exit 2.
    let bad = format!(
        "{}\n- [x] **Something else** (`rem.iam.mfaa`)\n",
        tick(&md, "rem.iam.mfa").trim_end()
    );
    std::fs::write(&plan, &bad).unwrap();
    let (code, _, err) = run(tg().arg("sync").arg(&f).arg("--from").arg(&plan).args(DAY));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("`rem.iam.mfaa`") && err.contains("line "),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&f).unwrap(), BASE);
    // The same item ticked and unticked.
    let both = format!(
        "{}\n- [ ] **Again** (`rem.iam.mfa`)\n",
        tick(&md, "rem.iam.mfa").trim_end()
    );
    std::fs::write(&plan, &both).unwrap();
    let (code, _, err) = run(tg().arg("sync").arg(&f).arg("--from").arg(&plan).args(DAY));
    assert_eq!(code, 2);
    assert!(err.contains("ticks and unticks"), "{err}");
    assert_eq!(std::fs::read_to_string(&f).unwrap(), BASE);
    // No task items at all.
    std::fs::write(&plan, "# nothing here\n").unwrap();
    let (code, _, err) = run(tg().arg("sync").arg(&f).arg("--from").arg(&plan));
    assert_eq!(code, 2, "{err}");
    // A dry run writes nothing.
    std::fs::write(&plan, tick(&md, "rem.iam.mfa")).unwrap();
    let out = ok(tg()
        .arg("sync")
        .arg(&f)
        .arg("--from")
        .arg(&plan)
        .arg("--dry-run")
        .args(DAY));
    assert!(out.contains("dry run"), "{out}");
    assert_eq!(std::fs::read_to_string(&f).unwrap(), BASE);
}

#[test]
fn parse_plan_reads_only_item_task_boxes() {
    let text = "\
- [x] **A** (`rem.a`) — done, to verify
  - [ ] nested (`rem.b`)
* [X] star (`rem.c`)
1. [ ] ordered (`rem.d`)
- [ ] no id here
- not a task (`rem.e`)
\\- \\[x\\] escaped (\\`rem.f\\`)
```
- [x] in a code block (`rem.g`)
```
- [x]no space (`rem.h`)
";
    let marks = trustgap::sync::parse_plan(text);
    let got: Vec<(&str, bool, usize)> = marks
        .iter()
        .map(|m| (m.id.as_str(), m.done, m.line))
        .collect();
    assert_eq!(
        got,
        vec![
            ("rem.a", true, 1),
            ("rem.b", false, 2),
            ("rem.c", true, 3),
            ("rem.d", false, 4),
        ]
    );
}

#[test]
fn remediation_progress_round_trips_in_the_assessment_file() {
    let text = format!(
        "{BASE}\n[remediations.\"rem.iam.mfa\"]\nstate = \"done-to-verify\"\nupdated = 2026-11-23T10:00:00Z\nby = \"Priya\"\nreviewer = \"kept\"\n"
    );
    let a = trustgap::assessment::parse("a.toml", &text).unwrap();
    let p = &a.remediations["rem.iam.mfa"];
    assert_eq!(
        p.state,
        trustgap::assessment::RemediationState::DoneToVerify
    );
    assert!(p.extra.contains_key("reviewer"));
    let out = trustgap::assessment::to_toml(&a);
    let b = trustgap::assessment::parse("b.toml", &out).unwrap();
    assert_eq!(a, b);
    assert_eq!(out, trustgap::assessment::to_toml(&b));
    let bad = text.replace("done-to-verify", "finished");
    let err = trustgap::assessment::parse("a.toml", &bad).unwrap_err();
    assert!(
        err.to_string().contains("remediations.rem.iam.mfa.state"),
        "{err}"
    );
}
