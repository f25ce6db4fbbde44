//! Exports: markdown, CSV, JSON and OSCAL. Snapshots of a small assessment
//! full of hostile notes, properties of the escaping, determinism, filters
//! (the same for every format) and OSCAL's identifiers and references.

use std::collections::BTreeSet;

use jiff::civil::Date;
use proptest::prelude::*;
use trustgap::assessment::{self, Assessment};
use trustgap::catalog::{Catalog, LoadOptions, load_catalog};
use trustgap::embedded::bundled_examples;
use trustgap::engine::Phase as PhaseArg;
use trustgap::report::csv::View as CsvWhat;
use trustgap::report::export::{Format as ReportFormat, Options as ExportArgs, render_with};
use trustgap::report::markdown::{code, esc};

/// A small assessment whose user-typed text tries everything: pipes,
/// backticks, HTML, newlines, headings, task boxes, very long text,
/// right-to-left marks and overrides, emoji, formulas, math and mentions.
pub const HOSTILE: &str = r#"[assessment]
organisation = "Pipe | Co <b>bold</b> # not a heading"
assessor = "Dana `Kim` \u202Eevil"
participants = ["- [ ] not a task", "Émile 🚀 Zoë", "<script>alert(1)</script>", "1. ordered"]
created = 2026-11-01
questionnaire = "trustgap-core"
questionnaire_version = "1.0.0"
trustgap_version = "0.1.0"

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
status = "implemented"
updated = 2026-11-02T10:00:00Z

[answers."iam.mfa"]
status = "partial"
note = "MFA on Google | not on AWS\n# not a heading\n- [ ] not a task\n<img src=x onerror=alert(1)>\n```\ncode"
owner = "Priya | Shah"
target = 2027-01-15
evidence = ["https://wiki.example.com/a_b#mfa", "see `runbook` | page", "http://x.test/a|b"]
updated = 2026-11-03T09:00:00Z

[answers."iam.sso"]
status = "missing"
note = "LONG"

[answers."iam.secrets"]
status = "dont-know"
owner = "Leo \u200Fשלום\u200F (CTO)"
note = "\u200FRTL mark then text 🧑‍💻 and $5 and $10 @here =SUM(A1) www.example.com bob@example.com"

[answers."vendor.inventory"]
status = "missing"
owner = "=HYPERLINK(\"http://x.test\")"

[systems.bot]
name = "Support | bot \u202E"

[systems.bot.answers."sys.roles"]
value = ["provider"]

[systems.bot.answers."sys.eu_scope"]
value = ["placed-eu"]

[systems.bot.answers."sys.transparency"]
value = ["interacts"]

[sessions."2026-11-01"]
date = 2026-11-01
facilitator = "Dana | Kim"
attendees = ["Priya", "Leo <leo@example.com>"]
sections = ["iam", "org"]
summary = "Covered IAM.\n\n## injected heading"

[section_notes.iam]
text = "First paragraph | with a pipe.\n\n# Heading?\n\n- [x] fake done task (`rem.iam.mfa`)\n\n1. ordered\n\n---\n\n<details>open</details>"
"#;

pub fn hostile() -> String {
    HOSTILE.replace(
        "\"LONG\"",
        &format!("\"{}\"", "very long text | ".repeat(400)),
    )
}

fn cat() -> Catalog {
    load_catalog(&LoadOptions::default())
}

fn today() -> Date {
    "2026-11-23".parse().unwrap()
}

fn parse(src: &str) -> Assessment {
    assessment::parse("hostile.toml", src).unwrap()
}

fn render(cat: &Catalog, a: &Assessment, format: ReportFormat, export: &ExportArgs) -> String {
    render_with(cat, a, "hostile.toml", format, today(), export).unwrap()
}

fn all() -> ExportArgs {
    ExportArgs::default()
}

/// Splits a GFM table row into cells (pipes preceded by an odd number of
/// backslashes are escaped).
fn cells(row: &str) -> Vec<String> {
    let inner = row.trim().trim_start_matches('|').trim_end_matches('|');
    let mut out = vec![String::new()];
    let mut backslashes = 0;
    for c in inner.chars() {
        if c == '|' && backslashes % 2 == 0 {
            out.push(String::new());
        } else {
            out.last_mut().unwrap().push(c);
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
    }
    out
}

/// Checks the structure of a markdown export: tables keep their column
/// count, only our headings and task items exist, no raw HTML but the
/// allowed details/summary, no bidi overrides.
fn check_markdown(md: &str, expected_tasks: usize) {
    let mut cols: Option<usize> = None;
    let mut tasks = 0;
    for (n, line) in md.lines().enumerate() {
        let at = format!("line {}: {line}", n + 1);
        if line.starts_with('|') {
            let c = cells(line).len();
            match cols {
                None => cols = Some(c),
                Some(k) => assert_eq!(k, c, "column count changes at {at}"),
            }
        } else {
            cols = None;
        }
        if line.starts_with('#') {
            let text = line.trim_start_matches('#');
            assert!(text.starts_with(' '), "{at}");
            assert!(
                n == 0 || !text.contains("not a heading") && !text.contains("injected"),
                "{at}"
            );
        }
        if line.starts_with("- [ ] ") || line.starts_with("- [x] ") {
            tasks += 1;
            assert!(
                line.contains("** (`rem.")
                    || line.contains("** (`soc2.")
                    || line.contains("** (`iso42001."),
                "a task item that is not a plan item: {at}"
            );
        }
        assert!(!line.trim_start().starts_with("- - "), "{at}");
        for bad in ["<b>", "<script", "<img", "</details>open", "\u{202E}"] {
            assert!(!line.contains(bad), "{bad:?} at {at}");
        }
        for (i, _) in line.match_indices('<') {
            let rest = &line[i..];
            assert!(
                rest.starts_with("<http")
                    || rest.starts_with("<details>")
                    || rest.starts_with("</details>")
                    || rest.starts_with("<summary>")
                    || rest.starts_with("</summary>"),
                "raw HTML at {at}"
            );
        }
    }
    assert_eq!(tasks, expected_tasks, "one task item per plan item");
    assert!(md.ends_with('\n') && !md.ends_with("\n\n"));
    assert_eq!(md.lines().filter(|l| l.starts_with("# ")).count(), 1);
}

#[test]
fn markdown_of_hostile_notes_is_escaped_and_structured() {
    let cat = cat();
    let a = parse(&hostile());
    let md = render(&cat, &a, ReportFormat::Md, &all());
    let json: serde_json::Value =
        serde_json::from_str(&render(&cat, &a, ReportFormat::Json, &all())).unwrap();
    let items = json["plan"]["items"].as_array().unwrap().len();
    assert!(items >= 3, "{items}");
    check_markdown(&md, items);
    // Every section of the plan is there.
    for h in [
        "## At a glance",
        "## Readiness and scope",
        "### SOC 2 scope",
        "### EU AI Act systems",
        "## Remediation plan",
        "## Coverage by framework",
        "## Parking lot",
        "## Workshop record",
        "### Sessions",
        "### Facilitator notes",
        "## Appendix: answers",
    ] {
        assert!(md.lines().any(|l| l == h), "missing {h}");
    }
    assert!(
        md.starts_with("# Pipe \\| Co &lt;b&gt;bold&lt;/b&gt; \\# not a heading: readiness plan\n")
    );
    // The parking lot names who will find out.
    assert!(md.contains("| `iam.secrets` |"), "{md}");
    assert!(md.contains("Leo \u{200F}שלום\u{200F} (CTO)"));
    // URLs that are safe become links; the rest cannot autolink.
    assert!(md.contains("<https://wiki.example.com/a_b#mfa>"));
    assert!(md.contains("http\\://x.test/a\\|b"));
    assert!(md.contains("www\\.example.com"));
    // Money is not math, mentions are not mentions.
    assert!(md.contains("\\$5 and \\$10 \\@here"));
    assert!(md.contains("🧑‍💻"));
    // The very long note is kept whole, on one line.
    assert!(md.contains(&"very long text \\| ".repeat(399)));
}

#[test]
fn markdown_snapshot() {
    let cat = cat();
    let a = parse(HOSTILE);
    insta::assert_snapshot!("hostile_md", render(&cat, &a, ReportFormat::Md, &all()));
}

#[test]
fn csv_snapshots_and_formula_guard() {
    let cat = cat();
    let a = parse(HOSTILE);
    let items = render(&cat, &a, ReportFormat::Csv, &all());
    insta::assert_snapshot!("hostile_csv_items", items);
    let mut r = csv::Reader::from_reader(items.as_bytes());
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        trustgap::report::csv::ITEM_COLUMNS
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
    );
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert!(rows.iter().all(|row| row.len() == headers.len()));
    let owner = headers.iter().position(|h| h == "owner").unwrap();
    assert!(
        rows.iter()
            .any(|row| &row[owner] == "'=HYPERLINK(\"http://x.test\")"),
        "formula cells are neutralised"
    );
    assert!(rows.iter().any(|row| &row[owner] == "Priya | Shah"));

    let answers = render(
        &cat,
        &a,
        ReportFormat::Csv,
        &ExportArgs {
            what: Some(CsvWhat::Answers),
            ..all()
        },
    );
    insta::assert_snapshot!("hostile_csv_answers", answers);
    let mut r = csv::Reader::from_reader(answers.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let mfa = rows.iter().find(|r| &r[1] == "iam.mfa").unwrap();
    assert!(
        mfa[6].contains("\n# not a heading\n"),
        "notes keep their lines"
    );
    assert!(rows.iter().any(|r| &r[0] == "bot" && &r[1] == "sys.roles"));

    let reqs = render(
        &cat,
        &a,
        ReportFormat::Csv,
        &ExportArgs {
            what: Some(CsvWhat::Requirements),
            ..all()
        },
    );
    let mut r = csv::Reader::from_reader(reqs.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let cc61 = rows
        .iter()
        .find(|r| &r[0] == "soc2" && &r[1] == "CC6.1")
        .expect("CC6.1 row");
    assert_eq!(&cc61[4], "gap", "weakest answer wins (iam.sso is missing)");
    assert!(cc61[7].contains("rem.iam.mfa"), "{cc61:?}");
}

#[test]
fn json_has_a_schema_version_state_and_filter() {
    let cat = cat();
    let a = parse(HOSTILE);
    let j: serde_json::Value =
        serde_json::from_str(&render(&cat, &a, ReportFormat::Json, &all())).unwrap();
    assert_eq!(j["schema_version"], 2);
    assert!(j["filter"].is_null());
    let item = &j["plan"]["items"][0];
    for field in [
        "id",
        "title",
        "steps",
        "evidence",
        "effort_days",
        "owner",
        "priority",
        "phase",
        "why",
        "due",
        "requirements",
        "frameworks",
        "state",
    ] {
        assert!(item.get(field).is_some(), "plan item field {field}");
    }
    assert_eq!(item["state"], "open");
    let f: serde_json::Value = serde_json::from_str(&render(
        &cat,
        &a,
        ReportFormat::Json,
        &ExportArgs {
            phases: vec![PhaseArg::Now, PhaseArg::Next30Days],
            min_priority: Some(10),
            ..all()
        },
    ))
    .unwrap();
    assert_eq!(
        f["filter"]["phases"],
        serde_json::json!(["now", "next-30-days"])
    );
    assert_eq!(f["filter"]["min_priority"], 10);
}

fn json_item_ids(cat: &Catalog, a: &Assessment, export: &ExportArgs) -> Vec<String> {
    let j: serde_json::Value =
        serde_json::from_str(&render(cat, a, ReportFormat::Json, export)).unwrap();
    j["plan"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

/// Plan item ids in each format's own output, in order.
fn ids_in_every_format(cat: &Catalog, a: &Assessment, export: &ExportArgs) -> Vec<Vec<String>> {
    let md = render(cat, a, ReportFormat::Md, export);
    let from_md: Vec<String> = trustgap::sync::parse_plan(&md)
        .into_iter()
        .map(|m| m.id)
        .collect();
    let csv_text = render(cat, a, ReportFormat::Csv, export);
    let from_csv: Vec<String> = csv::Reader::from_reader(csv_text.as_bytes())
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    let mut out = vec![json_item_ids(cat, a, export), from_md, from_csv];
    if !out[0].is_empty() {
        let poam: serde_json::Value =
            serde_json::from_str(&render(cat, a, ReportFormat::Oscal, export)).unwrap();
        let from_oscal: Vec<String> = poam["plan-of-action-and-milestones"]["poam-items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                p["props"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|x| x["name"] == "item-id")
                    .unwrap()["value"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        out.push(from_oscal);
    }
    out
}

#[test]
fn filters_are_the_same_for_every_format() {
    let cat = cat();
    let (_, src) = bundled_examples()
        .iter()
        .find(|(n, _)| *n == "eu-hr-tech")
        .unwrap();
    let a = assessment::parse("eu-hr-tech.toml", src).unwrap();
    let everything = json_item_ids(&cat, &a, &all());
    let j: serde_json::Value =
        serde_json::from_str(&render(&cat, &a, ReportFormat::Json, &all())).unwrap();
    let items = j["plan"]["items"].as_array().unwrap();
    let owner = items[0]["owner"].as_str().unwrap().to_string();
    let first_word = owner.split_whitespace().next().unwrap().to_lowercase();
    let filters = [
        ExportArgs {
            frameworks: vec!["soc2".into()],
            ..all()
        },
        ExportArgs {
            phases: vec![PhaseArg::Now],
            ..all()
        },
        ExportArgs {
            owners: vec![first_word.clone()],
            ..all()
        },
        ExportArgs {
            min_priority: Some(50),
            ..all()
        },
        ExportArgs {
            frameworks: vec!["euaiact".into()],
            phases: vec![PhaseArg::Now, PhaseArg::Next30Days],
            min_priority: Some(40),
            ..all()
        },
    ];
    for f in &filters {
        let per_format = ids_in_every_format(&cat, &a, f);
        for ids in &per_format[1..] {
            assert_eq!(ids, &per_format[0], "{f:?}");
        }
        let kept = &per_format[0];
        assert!(!kept.is_empty() && kept.len() < everything.len(), "{f:?}");
        // Order is the unfiltered plan's order.
        let pos: Vec<usize> = kept
            .iter()
            .map(|id| everything.iter().position(|e| e == id).unwrap())
            .collect();
        assert!(pos.windows(2).all(|w| w[0] < w[1]));
        let j: serde_json::Value =
            serde_json::from_str(&render(&cat, &a, ReportFormat::Json, f)).unwrap();
        for it in j["plan"]["items"].as_array().unwrap() {
            if !f.frameworks.is_empty() {
                for r in it["requirements"].as_array().unwrap() {
                    assert!(f.frameworks.iter().any(|x| r["framework"] == **x));
                }
            }
            if let Some(m) = f.min_priority {
                assert!(it["priority"].as_u64().unwrap() >= m as u64);
            }
            if f.phases == [PhaseArg::Now] {
                assert_eq!(it["phase"], "now");
            }
            if !f.owners.is_empty() {
                assert!(
                    it["owner"]
                        .as_str()
                        .unwrap()
                        .to_lowercase()
                        .contains(&first_word)
                );
            }
        }
        if !f.frameworks.is_empty() {
            let fws: Vec<&str> = j["analysis"]["frameworks"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["id"].as_str().unwrap())
                .collect();
            assert_eq!(
                fws,
                f.frameworks.iter().map(String::as_str).collect::<Vec<_>>()
            );
        }
        let md = render(&cat, &a, ReportFormat::Md, f);
        assert!(md.contains("> **Filtered export** ("), "{f:?}");
    }
    // A filter nothing matches: an empty plan, and OSCAL says why.
    let none = ExportArgs {
        min_priority: Some(100),
        phases: vec![PhaseArg::Later],
        ..all()
    };
    assert!(json_item_ids(&cat, &a, &none).is_empty());
    assert!(render(&cat, &a, ReportFormat::Md, &none).contains("No plan item matches the filter."));
    let err = render_with(&cat, &a, "x.toml", ReportFormat::Oscal, today(), &none).unwrap_err();
    assert!(
        err.to_string().contains("no items matching the filter"),
        "{err}"
    );
    // Bad filters are usage errors.
    let bad = ExportArgs {
        frameworks: vec!["nope".into()],
        ..all()
    };
    assert!(render_with(&cat, &a, "x.toml", ReportFormat::Md, today(), &bad).is_err());
    let bad = ExportArgs {
        what: Some(CsvWhat::Answers),
        ..all()
    };
    assert!(render_with(&cat, &a, "x.toml", ReportFormat::Md, today(), &bad).is_err());
}

#[test]
fn every_export_is_deterministic() {
    let cat = cat();
    let mut inputs: Vec<(String, Assessment)> = bundled_examples()
        .iter()
        .map(|(n, s)| (n.to_string(), assessment::parse(n, s).unwrap()))
        .collect();
    inputs.push(("hostile".into(), parse(&hostile())));
    let formats = [
        ReportFormat::Md,
        ReportFormat::Json,
        ReportFormat::Csv,
        ReportFormat::Oscal,
        ReportFormat::OscalAr,
        ReportFormat::Table,
    ];
    for (name, a) in &inputs {
        for f in formats {
            let one = render(&cat, a, f, &all());
            let two = render(&cat, &a.clone(), f, &all());
            assert_eq!(one, two, "{name} {f:?}");
        }
        for what in [CsvWhat::Requirements, CsvWhat::Answers] {
            let e = ExportArgs {
                what: Some(what),
                ..all()
            };
            assert_eq!(
                render(&cat, a, ReportFormat::Csv, &e),
                render(&cat, a, ReportFormat::Csv, &e)
            );
        }
    }
}

/// Every `uuid` in an OSCAL document: unique, version 5; every `*-uuid`
/// reference resolves; every date-time is at midnight UTC or an answer's
/// own timestamp.
fn check_oscal(doc: &serde_json::Value) {
    fn walk(
        v: &serde_json::Value,
        key: &str,
        defined: &mut Vec<String>,
        refs: &mut Vec<String>,
        times: &mut Vec<String>,
    ) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    walk(x, k, defined, refs, times);
                }
            }
            serde_json::Value::Array(a) => {
                for x in a {
                    walk(x, key, defined, refs, times);
                }
            }
            serde_json::Value::String(s) => {
                if key == "uuid" {
                    defined.push(s.clone());
                } else if key.ends_with("-uuid") {
                    refs.push(s.clone());
                } else if matches!(
                    key,
                    "last-modified" | "collected" | "start" | "date" | "deadline"
                ) {
                    times.push(s.clone());
                }
                if key != "id" && key != "target-id" && key != "control-id" {
                    assert_eq!(s.trim(), s, "OSCAL strings are not padded: {key}");
                    assert!(!s.is_empty(), "{key} is empty");
                }
            }
            _ => {}
        }
    }
    let (mut defined, mut refs, mut times) = (Vec::new(), Vec::new(), Vec::new());
    walk(doc, "", &mut defined, &mut refs, &mut times);
    let set: BTreeSet<&String> = defined.iter().collect();
    assert_eq!(set.len(), defined.len(), "duplicate uuids");
    for u in &defined {
        let parsed = uuid::Uuid::parse_str(u).unwrap();
        assert_eq!(parsed.get_version_num(), 5, "{u}");
    }
    for r in &refs {
        assert!(set.contains(r), "unresolved reference {r}");
    }
    assert!(!times.is_empty());
    for t in &times {
        assert!(t.ends_with('Z') && t.len() == 20, "{t}");
    }
}

#[test]
fn oscal_poam_and_results_are_consistent() {
    let cat = cat();
    let a = parse(&hostile());
    let poam: serde_json::Value =
        serde_json::from_str(&render(&cat, &a, ReportFormat::Oscal, &all())).unwrap();
    check_oscal(&poam);
    let p = &poam["plan-of-action-and-milestones"];
    assert_eq!(p["metadata"]["oscal-version"], "1.2.1");
    assert_eq!(p["metadata"]["last-modified"], "2026-11-23T00:00:00Z");
    let n = p["poam-items"].as_array().unwrap().len();
    assert_eq!(p["risks"].as_array().unwrap().len(), n);
    let risk = &p["risks"][0];
    let tasks = risk["remediations"][0]["tasks"].as_array().unwrap();
    assert!(tasks.iter().all(|t| t["type"] == "milestone"));
    assert!(
        p["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["target"]["status"]["state"] == "not-satisfied")
    );
    let target = p["findings"][0]["target"]["target-id"].as_str().unwrap();
    assert!(
        target.starts_with(|c: char| c.is_alphabetic() || c == '_'),
        "{target}"
    );

    let ar: serde_json::Value =
        serde_json::from_str(&render(&cat, &a, ReportFormat::OscalAr, &all())).unwrap();
    check_oscal(&ar);
    let r = &ar["assessment-results"];
    assert!(r["import-ap"]["href"].as_str().unwrap().starts_with('#'));
    let res = &r["results"][0];
    assert_eq!(res["start"], "2026-11-23T00:00:00Z");
    assert!(
        res["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["target"]["status"]["state"] == "not-satisfied")
    );
    // The same subject keeps its UUID in both documents and across runs.
    let risk_ids = |v: &serde_json::Value| -> BTreeSet<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x["uuid"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(risk_ids(&p["risks"]), risk_ids(&res["risks"]));
    insta::assert_snapshot!(
        "hostile_oscal_poam",
        render(&cat, &parse(HOSTILE), ReportFormat::Oscal, &all())
    );
}

#[test]
fn oscal_of_every_example_is_consistent() {
    let cat = cat();
    for (name, src) in bundled_examples() {
        let a = assessment::parse(name, src).unwrap();
        for f in [ReportFormat::Oscal, ReportFormat::OscalAr] {
            let doc: serde_json::Value =
                serde_json::from_str(&render(&cat, &a, f, &all())).unwrap();
            check_oscal(&doc);
            if f == ReportFormat::OscalAr {
                let states: BTreeSet<&str> = doc["assessment-results"]["results"][0]["findings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| f["target"]["status"]["state"].as_str().unwrap())
                    .collect();
                assert_eq!(
                    states,
                    BTreeSet::from(["satisfied", "not-satisfied"]),
                    "{name}: covered and open requirements"
                );
            }
        }
    }
}

#[test]
fn markdown_of_every_example_is_structured() {
    let cat = cat();
    for (name, src) in bundled_examples() {
        let a = assessment::parse(name, src).unwrap();
        let md = render(&cat, &a, ReportFormat::Md, &all());
        let n = json_item_ids(&cat, &a, &all()).len();
        check_markdown(&md, n);
        let _ = name;
    }
}

#[test]
fn code_spans_only_for_plain_ids() {
    assert_eq!(code("rem.iam-mfa"), "`rem.iam-mfa`");
    assert_eq!(code("bot/sys.roles"), "`bot/sys.roles`");
    assert_eq!(code("a`b"), "a\\`b");
    assert_eq!(code("a b|c"), "a b\\|c");
}

#[test]
fn escaping_examples() {
    assert_eq!(esc("a | b"), "a \\| b");
    assert_eq!(esc("# h"), "\\# h");
    assert_eq!(esc("- x"), "\\- x");
    assert_eq!(esc("---"), "\\---");
    assert_eq!(esc("1. x"), "1\\. x");
    assert_eq!(esc("1.0.0"), "1.0.0");
    assert_eq!(esc("-5%"), "-5%");
    assert_eq!(esc("[ ] x"), "“\\[ \\] x”");
    assert_eq!(esc("<b>&"), "&lt;b&gt;&amp;");
    assert_eq!(esc("a\nb\r\nc\td"), "a b  c d");
    assert_eq!(esc("x\u{202E}y\u{2066}z"), "xyz");
    assert_eq!(esc("\u{200F}שלום"), "\u{200F}שלום");
    assert_eq!(esc("see https://e.com/a_b."), "see <https://e.com/a_b>.");
    assert_eq!(esc("(https://e.com/x)"), "(<https://e.com/x>)");
    assert_eq!(esc("https://e.com/a|b"), "https\\://e.com/a\\|b");
    assert_eq!(esc("`rm -rf`"), "\\`rm -rf\\`");
    assert_eq!(esc("🧑‍💻 ok"), "🧑‍💻 ok");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Whatever a user types, the escaped text stays inside one table cell
    /// on one line, cannot start a block, and carries no raw HTML.
    #[test]
    fn escaped_text_stays_in_its_cell(s in "(\\PC|[|<>`*_\\[\\]#~\\\\\n\r\t\u{202E}\u{200F}]|https://e\\.com/[a-z|_()]{0,6}| |- |1\\. |\\[ \\] ){0,40}") {
        let e = esc(&s);
        prop_assert!(!e.contains('\n') && !e.contains('\r'));
        prop_assert!(!e.contains('\u{202E}'), "bidi override kept: {:?}", e);
        let row = format!("| a | {e} | b |");
        prop_assert_eq!(cells(&row).len(), 3, "{:?} → {:?}", s, e);
        for (i, _) in e.match_indices('<') {
            let rest = &e[i..];
            prop_assert!(rest.starts_with("<http"), "{:?}", e);
            let end = rest.find('>').unwrap();
            prop_assert!(!rest[..end].contains([' ', '|', '`', '\\']), "{:?}", e);
        }
        let start = e.trim_start();
        prop_assert!(!start.starts_with('#') && !start.starts_with('>'));
        prop_assert!(!start.starts_with("- ") && !start.starts_with("+ ") && !start.starts_with("* "));
        prop_assert!(!start.starts_with("\\[ \\]") && !start.starts_with("[ ]"));
        let d = start.chars().take_while(|c| c.is_ascii_digit()).count();
        let after = &start[d..];
        let list_marker = (1..=9).contains(&d)
            && (after.starts_with(". ") || after.starts_with(") ") || after == "." || after == ")");
        prop_assert!(!list_marker, "starts an ordered list: {:?}", e);
        prop_assert_eq!(esc(&s), e.clone(), "deterministic");
    }
}

#[test]
fn diff_snapshots() {
    use trustgap::report::{Input, diff};
    let cat = cat();
    let qn = cat.questionnaire("trustgap-core").unwrap();
    let old = parse(HOSTILE);
    let new = parse(
        &HOSTILE
            .replace(
                "[answers.\"iam.mfa\"]\nstatus = \"partial\"",
                "[answers.\"iam.mfa\"]\nstatus = \"implemented\"",
            )
            .replace(
                "[answers.\"gov.policy_set\"]\nstatus = \"implemented\"",
                "[answers.\"gov.policy_set\"]\nstatus = \"missing\"",
            )
            .replace(
                "[systems.bot]",
                "[remediations.\"rem.iam.sso\"]\nstate = \"done-to-verify\"\n\n[systems.bot]",
            ),
    );
    let oe = trustgap::engine::evaluate(&cat, qn, &old, today());
    let ne = trustgap::engine::evaluate(&cat, qn, &new, today());
    let oi = Input::new(&cat, qn, &old, &oe);
    let ni = Input::new(&cat, qn, &new, &ne);
    let md = diff::render(&oi, &ni, "old.toml", "new.toml", diff::Format::Md);
    assert!(md.contains("| `iam.mfa` |") && md.contains("| `gov.policy_set` |"));
    assert!(md.contains(
        "| `rem.iam.sso` | Move all in-scope systems behind single sign-on | done, to verify |"
    ));
    check_markdown(&md, 0);
    insta::assert_snapshot!("diff_md", md);
    let table = diff::render(&oi, &ni, "old.toml", "new.toml", diff::Format::Table);
    insta::assert_snapshot!("diff_table", table);
    let same = diff::compute(&oi, &oi);
    assert!(!same.changed);
}

/// A framework filter keeps each remaining requirement's findings exactly as
/// in the unfiltered report (the analysis index is renumbered, not stale).
#[test]
fn filtered_findings_match_the_unfiltered_ones() {
    let cat = cat();
    let (name, src) = bundled_examples()
        .iter()
        .find(|(n, _)| *n == "eu-hr-tech")
        .unwrap();
    let a = assessment::parse(name, src).unwrap();
    let findings = |export: &ExportArgs| -> Vec<(String, String)> {
        let text = render(&cat, &a, ReportFormat::OscalAr, export);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let results = &v["assessment-results"]["results"][0]["findings"];
        results
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["title"].as_str().unwrap().to_string(),
                    f["description"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let everything = findings(&all());
    for fw in ["euaiact", "iso42001", "nist-ai-rmf"] {
        let only = findings(&ExportArgs {
            frameworks: vec![fw.to_string()],
            ..all()
        });
        assert!(!only.is_empty(), "{fw}");
        assert!(
            only.iter().any(|(_, d)| d.contains("evidenced by")),
            "{fw}: evidence is kept"
        );
        for f in &only {
            assert!(
                everything.contains(f),
                "{fw}: {f:?} differs from the full report"
            );
        }
    }
}
