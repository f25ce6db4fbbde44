//! The commands end to end, through the real binary.

use assert_cmd::Command;

fn tg() -> Command {
    let mut c = Command::cargo_bin("trustgap").unwrap();
    // Keep the user's own catalog out of the tests.
    c.env("TRUSTGAP_CONFIG_DIR", "/nonexistent/trustgap-test");
    c
}

const SMALL: &str = r#"[assessment]
organisation = "Pipe | Co <b>"
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

[answers."iam.mfa"]
status = "partial"
note = "MFA on Google | not on AWS\n# not a heading"

[answers."iam.sso"]
status = "missing"

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

fn stdout(c: &mut Command) -> String {
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "exit {:?}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn no_arguments_without_a_terminal_points_to_line_commands() {
    // `trustgap` alone opens the full-screen wizard; without a terminal it
    // says so and points to the commands that work anywhere (exit 2). `ask`
    // needs a terminal on standard input too, so it is not offered here.
    for args in [&[][..], &["new", "x.toml"][..], &["open", "x.toml"][..]] {
        let out = tg().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        for cmd in ["trustgap report", "trustgap demo"] {
            assert!(err.contains(cmd), "{args:?}: {err}");
        }
        assert!(!err.contains("trustgap ask"), "{args:?}: {err}");
    }
}

#[test]
fn demo_prints_a_plan_without_setup() {
    let s = stdout(tg().args(["demo", "--today", "2026-11-23"]));
    assert!(s.contains("Remediation plan"), "{s}");
    assert!(s.contains("SOC 2"));
    let md = stdout(tg().args(["demo", "--format", "md", "--today", "2026-11-23"]));
    assert!(md.starts_with("# ") && md.lines().next().unwrap().ends_with(": readiness plan"));
    assert!(md.contains("- [ ] **"));
    let list = stdout(tg().args(["demo", "--list"]));
    assert!(list.lines().count() >= 3, "{list}");
}

#[test]
fn every_example_reports_in_every_format() {
    let list = stdout(tg().args(["demo", "--list"]));
    for line in list.lines() {
        let name = line.split('\t').next().unwrap();
        for format in ["md", "json", "table"] {
            let out = tg()
                .args([
                    "demo",
                    "--example",
                    name,
                    "--format",
                    format,
                    "--today",
                    "2026-11-23",
                ])
                .output()
                .unwrap();
            assert!(out.status.success(), "{name} {format}");
            assert!(
                out.stderr.is_empty(),
                "{name}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

#[test]
fn report_is_byte_identical_between_runs() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "a.toml", SMALL);
    for format in ["md", "json", "table"] {
        let one = stdout(tg().args(["report"]).arg(&f).args([
            "--format",
            format,
            "--today",
            "2026-11-23",
        ]));
        let two = stdout(tg().args(["report"]).arg(&f).args([
            "--format",
            format,
            "--today",
            "2026-11-23",
        ]));
        assert_eq!(one, two, "{format}");
    }
}

#[test]
fn report_escapes_user_text_and_writes_files() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "a.toml", SMALL);
    let out = dir.path().join("plan.md");
    tg().args(["report"])
        .arg(&f)
        .args(["--format", "md", "--today", "2026-11-23", "-o"])
        .arg(&out)
        .assert()
        .success();
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(
        md.starts_with("# Pipe \\| Co &lt;b&gt;: readiness plan"),
        "{}",
        &md[..200]
    );
    assert!(!md.contains("<b>"));
    let json: serde_json::Value =
        serde_json::from_str(&stdout(tg().args(["report"]).arg(&f).args([
            "--format",
            "json",
            "--today",
            "2026-11-23",
        ])))
        .unwrap();
    assert_eq!(json["schema_version"], 2);
    assert_eq!(json["assessment"]["organisation"], "Pipe | Co <b>");
    assert!(json["plan"]["items"].as_array().unwrap().len() >= 2);
    assert_eq!(json["scope"]["systems"][0]["tier"], "transparency");
}

#[test]
fn malformed_assessment_gives_location_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        &dir,
        "bad.toml",
        &SMALL.replace("status = \"missing\"", "status = \"missing"),
    );
    let out = tg().args(["report"]).arg(&f).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("bad.toml:28:"), "{err}");
    assert!(!err.contains("panicked"));

    let f = write(
        &dir,
        "bad2.toml",
        &SMALL.replace("status = \"missing\"", "status = \"nope\""),
    );
    let out = tg().args(["report"]).arg(&f).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("bad2.toml:28:") && err.contains("answers.iam.sso.status"),
        "{err}"
    );

    let out = tg()
        .args(["report", "/nonexistent/x.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}

#[test]
fn answers_that_do_not_fit_are_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        &dir,
        "a.toml",
        &SMALL.replace("value = [\"us\", \"eu\"]", "value = [\"us\", \"mars\"]"),
    );
    let out = tg()
        .args(["report"])
        .arg(&f)
        .args(["--format", "table"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("org.markets: mars not among"), "{err}");
}

#[test]
fn malformed_catalog_gives_location_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("frameworks")).unwrap();
    write(
        &dir,
        "frameworks/extra.toml",
        "id = \"extra\"\nname = \"Extra\"\nversion = \"1\"\npublisher = \"x\"\nsource = \"x\"\nlast_checked = 2026-01-01\nkind = \"guidance\"\ndescription = \"x\"\ncolour = \"red\"\n",
    );
    let out = tg()
        .arg("validate")
        .arg("--catalog")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("extra.toml:9:1: error [colour]: unknown key `colour`"),
        "{s}"
    );
    // Other commands refuse a broken catalog too.
    let out = tg()
        .args(["demo", "--catalog"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn validate_is_clean_on_the_embedded_catalog() {
    let s = stdout(tg().arg("validate"));
    assert!(s.contains("0 error(s)"), "{s}");
    assert!(s.contains("0 coverage hole(s)"), "{s}");
    assert!(s.contains("templates (built in): 0 problem(s)"), "{s}");
}

#[test]
fn validate_names_a_question_the_document_templates_need_but_the_catalog_lost() {
    // A catalog that renames a question the document pack's data table uses.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("questionnaires")).unwrap();
    let qn = std::fs::read_to_string("questionnaires/trustgap-core.toml").unwrap();
    assert!(qn.contains("id = \"privacy.retention\""));
    std::fs::write(
        dir.path().join("questionnaires/trustgap-core.toml"),
        qn.replace("id = \"privacy.retention\"", "id = \"privacy.keeping\""),
    )
    .unwrap();
    let out = tg()
        .arg("--catalog")
        .arg(dir.path())
        .arg("validate")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let s = String::from_utf8_lossy(&out.stdout);
    // At the line of the data table that names it.
    let table = std::fs::read_to_string("templates/pack.toml").unwrap();
    let line = table
        .lines()
        .position(|l| !l.starts_with('#') && l.contains("\"privacy.retention\""))
        .unwrap()
        + 1;
    assert!(
        s.contains(&format!("templates/pack.toml: line {line}: policies."))
            && s.contains("question `privacy.retention` is not in questionnaire"),
        "{s}"
    );
    assert!(!s.contains("templates (built in): 0 problem(s)"), "{s}");
}

#[test]
fn frameworks_lists_counts_and_requirements() {
    let s = stdout(tg().arg("frameworks"));
    for (id, n) in [
        ("soc2", "61"),
        ("iso42001", "70"),
        ("euaiact", "65"),
        ("nist-ai-rmf", "72"),
    ] {
        let line = s
            .lines()
            .find(|l| l.contains(id))
            .unwrap_or_else(|| panic!("{id} in {s}"));
        assert!(line.contains(n), "{line}");
    }
    let s = stdout(tg().args(["frameworks", "soc2"]));
    assert!(s.contains("CC6.1") && s.contains("61 requirements"));
    let j: serde_json::Value = serde_json::from_str(&stdout(tg().args([
        "frameworks",
        "iso42001",
        "--format",
        "json",
    ])))
    .unwrap();
    assert_eq!(j["requirements"].as_array().unwrap().len(), 70);
    let t = stdout(tg().args([
        "frameworks",
        "euaiact",
        "--timeline",
        "--today",
        "2026-11-23",
    ]));
    let line = |d: &str| {
        t.lines()
            .find(|l| l.contains(d))
            .unwrap_or_else(|| panic!("{d} in {t}"))
            .to_string()
    };
    assert!(line("2025-02-02").contains("in force"));
    assert!(line("2026-08-02").contains("in force"));
    assert!(line("2026-12-02").contains("in 9 days"));
    assert!(line("2027-12-02").contains("in "));
    assert!(line("2028-08-02").contains("in "));
    let out = tg().args(["frameworks", "nope"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn check_gates_on_readiness_and_overdue_duties() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "a.toml", SMALL);
    let run = |args: &[&str]| {
        let out = tg()
            .arg("check")
            .arg(&f)
            .args(args)
            .args(["--today", "2026-11-23"])
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap())
    };
    let (code, out) = run(&["--min-readiness", "0"]);
    assert_eq!(code, Some(1), "NIST AI RMF is not assessed: {out}");
    assert!(
        out.starts_with("short: ") && out.contains("not assessed"),
        "{out}"
    );
    let (code, out) = run(&["--framework", "soc2", "--min-readiness", "0"]);
    assert_eq!(code, Some(0), "{out}");
    let (code, out) = run(&["--framework", "soc2", "--min-readiness", "90"]);
    assert_eq!(code, Some(1));
    assert!(out.contains("SOC 2 readiness 0% is below 90%"), "{out}");
    assert_eq!(out.lines().count(), 1, "one line: {out}");
    let (code, out) = run(&["--framework", "iso42001"]);
    assert_eq!(code, Some(1));
    assert!(out.contains("not in scope"));
    let out = tg()
        .arg("check")
        .arg(&f)
        .args(["--framework", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn catalog_directories_add_and_override_by_id() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("frameworks")).unwrap();
    let soc2 = std::fs::read_to_string("frameworks/soc2.toml")
        .unwrap()
        .replace("name = \"SOC 2", "name = \"Overridden SOC 2");
    write(&dir, "frameworks/soc2.toml", &soc2);
    write(
        &dir,
        "frameworks/house.toml",
        "id = \"house\"\nname = \"House rules\"\nversion = \"1\"\npublisher = \"Us\"\nsource = \"Our handbook\"\nlast_checked = 2026-11-01\nkind = \"guidance\"\ndescription = \"Internal rules.\"\n\n[[groups]]\nid = \"H\"\ntitle = \"House\"\n\n[[requirements]]\nid = \"H1\"\ntitle = \"Lock the office\"\nsummary = \"Doors are locked at night.\"\ngroup = \"H\"\n",
    );
    let s = stdout(tg().arg("frameworks").arg("--catalog").arg(dir.path()));
    assert!(s.contains("Overridden SOC 2"), "{s}");
    assert!(s.contains("house") && s.contains("House rules"), "{s}");
    assert_eq!(
        s.matches("soc2").count(),
        1,
        "overridden, not added twice: {s}"
    );
    // The user's config directory is a catalog too.
    let out = tg()
        .env("TRUSTGAP_CONFIG_DIR", dir.path())
        .arg("validate")
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("coverage House rules") || s.contains("coverage house"),
        "{s}"
    );
    assert!(
        s.contains("1 of 1 requirements reached by no question"),
        "{s}"
    );
}

#[test]
fn exports_never_overwrite_other_files_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(&dir, "a.toml", SMALL);
    let notes = write(&dir, "notes.md", "# My own notes\n\nDo not lose me.\n");
    let out = tg()
        .args(["report"])
        .arg(&f)
        .args(["-o"])
        .arg(&notes)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        "# My own notes\n\nDo not lose me.\n"
    );
    // The assessment itself is never overwritten by an export.
    let out = tg()
        .args(["report"])
        .arg(&f)
        .args(["-o"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("assessment file"));
    // An earlier export is replaced; --force replaces anything.
    let plan = dir.path().join("plan.md");
    tg().args(["report"])
        .arg(&f)
        .args(["-o"])
        .arg(&plan)
        .assert()
        .success();
    tg().args(["report"])
        .arg(&f)
        .args(["-o"])
        .arg(&plan)
        .assert()
        .success();
    tg().args(["report"])
        .arg(&f)
        .args(["-o"])
        .arg(&notes)
        .arg("--force")
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&notes)
            .unwrap()
            .contains("readiness plan")
    );
    // A path that cannot be written gives a clear error.
    let out = tg()
        .args(["report"])
        .arg(&f)
        .args(["-o", "/nonexistent/dir/plan.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cannot write"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let s = stdout(tg().args(["completions", shell]));
        assert!(s.contains("trustgap") && s.contains("report"), "{shell}");
    }
}

/// An export never replaces an assessment, `--force` or not: the file is
/// left byte for byte as it was and the command exits 2.
#[test]
fn report_never_writes_over_an_assessment() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/seed-llm-startup.toml"
    ))
    .unwrap();
    let file = dir.path().join("client.toml");
    std::fs::write(&file, &src).unwrap();
    // The same assessment written with dotted keys has no `[assessment]`
    // line: it is still recognised by reading it.
    let dotted = dir.path().join("dotted.toml");
    std::fs::write(
        &dotted,
        "assessment.organisation = \"Dotted Ltd\"\nassessment.questionnaire = \"trustgap-core\"\n",
    )
    .unwrap();
    for target in [&file, &dotted] {
        let before = std::fs::read(target).unwrap();
        for force in [false, true] {
            let mut cmd = tg();
            cmd.arg("report")
                .arg(&file)
                .args(["--today", "2026-12-04", "-o"])
                .arg(target);
            if force {
                cmd.arg("--force");
            }
            let out = cmd.output().unwrap();
            assert_eq!(out.status.code(), Some(2), "force {force}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains("is an assessment file"), "{err}");
            assert_eq!(std::fs::read(target).unwrap(), before, "force {force}");
        }
    }
    // An earlier export is still replaced without --force.
    let plan = dir.path().join("plan.md");
    for _ in 0..2 {
        tg().arg("report")
            .arg(&file)
            .args(["--today", "2026-12-04", "-o"])
            .arg(&plan)
            .assert()
            .success();
    }
}

#[test]
fn docs_refuses_a_file_as_its_folder_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("acme.toml");
    std::fs::write(&file, SMALL).unwrap();
    let out = tg()
        .arg("docs")
        .arg(&file)
        .arg("--out")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is a file; the document pack is written into a folder"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), SMALL);
}
