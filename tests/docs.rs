//! `trustgap docs`: the document pack for the bundled examples, through the
//! real binary. What differs between two examples' answers shows in their
//! packs; every markdown file lints clean (when the validators are
//! installed); the CSVs load; the calendar parses; a re-run is
//! byte-identical; an edited file is kept unless --force.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

const TODAY: &str = "2026-12-04";

fn tg() -> Command {
    let mut c = Command::cargo_bin("trustgap").unwrap();
    c.env("TRUSTGAP_CONFIG_DIR", "/nonexistent/trustgap-test");
    c
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(format!("{name}.toml"))
}

/// Generates the pack of example `name` into `dir`; returns file → content.
fn pack(name: &str, dir: &Path) -> BTreeMap<String, String> {
    tg().args(["--today", TODAY, "docs"])
        .arg(example(name))
        .arg("--out")
        .arg(dir)
        .assert()
        .success();
    read_dir(dir)
}

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

const PLACEHOLDERS: [&str; 4] = ["TODO", "lorem", "[insert", "TBD"];

#[test]
fn every_example_gets_every_document_that_applies_without_placeholders() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["seed-llm-startup", "eu-hr-tech", "frontier-model-lab"] {
        let out = dir.path().join(name);
        let files = pack(name, &out);
        let a = trustgap::assessment::load(&example(name)).unwrap();
        for must in [
            "index.md",
            "policy-information-security.md",
            "policy-access-control.md",
            "policy-change-management.md",
            "policy-incident-response.md",
            "policy-business-continuity.md",
            "policy-vendor-management.md",
            "policy-data-classification.md",
            "policy-acceptable-use.md",
            "policy-ai.md",
            "risk-register.md",
            "risk-register.csv",
            "soc2-system-description.md",
            "evidence-requests.md",
            "evidence-requests.csv",
            "control-calendar.md",
            "control-calendar.ics",
            "audit-path.md",
            "trust-summary.md",
        ] {
            assert!(files.contains_key(must), "{name}: no {must}");
        }
        for (sid, s) in &a.systems {
            let f = format!("ai-impact-assessment-{sid}.md");
            let text = files.get(&f).unwrap_or_else(|| panic!("{name}: no {f}"));
            assert!(
                text.contains(&s.name),
                "{name}: {f} does not name {}",
                s.name
            );
        }
        for (file, text) in &files {
            if !file.ends_with(".md") {
                continue;
            }
            assert!(
                text.contains(&a.organisation),
                "{name}/{file} does not name the company"
            );
            assert!(
                a.systems.values().any(|s| text.contains(&s.name)),
                "{name}/{file} names none of the AI systems"
            );
            for p in PLACEHOLDERS {
                assert!(!text.contains(p), "{name}/{file} contains {p:?}");
            }
            // A line break a block tag ate would glue a list item to the
            // line before it.
            for line in text.lines() {
                for glued in [".- ", ")- "] {
                    assert!(!line.contains(glued), "{name}/{file}: {line}");
                }
            }
            // Every link on the index page goes to a file of the pack.
            if file == "index.md" {
                for link in text.split("](").skip(1) {
                    let target = &link[..link.find(')').unwrap()];
                    assert!(
                        files.contains_key(target),
                        "{name}: index links to {target}"
                    );
                }
            }
        }
        // One heading per person on the index page, however the answers
        // spell them ("Maya Ruiz (CTO, Quillstack)" and "Maya Ruiz (CTO)").
        let mut people: Vec<&str> = files["index.md"]
            .lines()
            .filter_map(|l| l.strip_prefix("### "))
            .map(|h| h.split(" (").next().unwrap())
            .collect();
        let all = people.len();
        people.sort();
        people.dedup();
        assert_eq!(people.len(), all, "{name}: a person under two headings");
        let systems = files["index.md"].clone();
        for s in a.systems.values() {
            assert!(
                systems.contains(&s.name),
                "{name}: index does not name {}",
                s.name
            );
        }
    }
}

#[test]
fn the_answers_that_differ_between_two_examples_show_in_their_packs() {
    let dir = tempfile::tempdir().unwrap();
    let seed = pack("seed-llm-startup", &dir.path().join("seed"));
    let hr = pack("eu-hr-tech", &dir.path().join("hr"));
    // ISO/IEC 42001 is in scope for the HR company only: its Statement of
    // Applicability, with its recorded exclusion of A.5.5.
    assert!(!seed.contains_key("statement-of-applicability.md"));
    let soa = &hr["statement-of-applicability.md"];
    assert!(soa.contains("| A.5.5 |"));
    assert!(soa.contains("## 3. Excluded controls"));
    assert_eq!(soa.matches("\n| A.").count(), 38, "all 38 Annex A controls");
    // The HR ranking engine is high-risk: the Annex IV outline; the seed
    // company's contract assistant is not.
    let hr_ia = &hr["ai-impact-assessment-talento-match.md"];
    assert!(hr_ia.contains("Annex IV"));
    assert!(hr_ia.contains("Workers the system is used on"));
    let seed_ia = &seed["ai-impact-assessment-contract-assistant.md"];
    assert!(!seed_ia.contains("Annex IV"));
    // SOC 2: Type I with Privacy for the HR company, no Privacy for the seed company.
    assert!(hr["soc2-system-description.md"].contains("| Privacy | yes |"));
    assert!(seed["soc2-system-description.md"].contains("| Privacy | no |"));
    // The seed company named its model providers in its answers.
    assert!(seed["policy-vendor-management.md"].contains("Anthropic Claude"));
    // MFA is implemented at the seed company: the policy says so with its note.
    assert!(seed["policy-access-control.md"].contains("Vanta test passing"));
    // The SOC 2 description uses the answers on subservice organizations,
    // customer-side controls and the model pipeline.
    let seed_sd = &seed["soc2-system-description.md"];
    assert!(seed_sd.contains("Anthropic and OpenAI also process customer text"));
    assert!(seed_sd.contains("nothing tells customers which controls are theirs"));
    assert!(seed_sd.contains("neither trains its own models nor fine-tunes"));
    let hr_sd = &hr["soc2-system-description.md"];
    assert!(hr_sd.contains("Vertex AI training pipelines"));
    assert!(hr_sd.contains("Google Cloud and Azure OpenAI will be carved out"));
    // The HR company sells to a public agency: its public-sector customers
    // owe the Art. 27 assessment, not the company itself.
    assert!(hr_ia.contains("sells to the public sector"));
    assert!(!seed_ia.contains("Art. 27"));
    // The incident policy says what an AI incident is; the HR company
    // provides a high-risk system, so serious incidents go to the authority.
    assert!(seed["policy-incident-response.md"].contains("- prompt injection:"));
    assert!(hr["policy-incident-response.md"].contains("Art. 73"));
    assert!(!seed["policy-incident-response.md"].contains("Art. 73"));
    // Requirements are cited as the law writes them, not by trustgap's ids.
    assert!(hr["evidence-requests.md"].contains("EU AI Act Art. 10"));
    assert!(!hr["evidence-requests.md"].contains("EU AI Act art-"));
    // Different companies, different owners.
    assert!(seed["risk-register.md"].contains("Maya Ruiz"));
    assert!(hr["risk-register.md"].contains("Talento Match"));
}

#[test]
fn the_trust_summary_says_what_report_the_company_holds() {
    let dir = tempfile::tempdir().unwrap();
    let lab = pack("frontier-model-lab", &dir.path().join("lab"));
    let seed = pack("seed-llm-startup", &dir.path().join("seed"));
    let t = &lab["trust-summary.md"];
    assert!(t.contains("holds a SOC 2 Type II report."), "{t}");
    assert!(!t.contains("Yes, a"));
    assert!(seed["trust-summary.md"].contains("SOC 2: no report yet."));
    assert!(lab["audit-path.md"].contains("**Next report: Type II.**"));
    assert!(seed["audit-path.md"].contains("**Report first: Type I.**"));
    // Cost ranges read as amounts, with their source.
    assert!(seed["audit-path.md"].contains("USD 7,500 to 60,000"));
}

#[test]
fn markdown_lints_csvs_load_and_the_calendar_parses() {
    let dir = tempfile::tempdir().unwrap();
    let files = pack("eu-hr-tech", dir.path());
    // CSVs: a header and rows of the same width.
    for name in ["risk-register.csv", "evidence-requests.csv"] {
        let mut r = csv::Reader::from_reader(files[name].as_bytes());
        let width = r.headers().unwrap().len();
        let rows: Vec<_> = r.records().map(|x| x.unwrap()).collect();
        assert!(!rows.is_empty(), "{name} has rows");
        assert!(rows.iter().all(|x| x.len() == width), "{name}");
    }
    // The calendar: parsed with the icalendar crate's parser.
    let ics = &files["control-calendar.ics"];
    let unfolded = icalendar::parser::unfold(ics);
    let parsed = icalendar::parser::read_calendar(&unfolded).expect("the .ics parses");
    let events: Vec<_> = parsed
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .collect();
    assert!(events.len() >= 5, "{} events", events.len());
    for e in &events {
        for key in ["UID", "DTSTAMP", "DTSTART", "RRULE", "SUMMARY"] {
            assert!(
                e.properties.iter().any(|p| p.name == key),
                "an event without {key}"
            );
        }
    }
    assert!(ics.contains("UID:access-review@talento-analytics-gmbh.trustgap"));
    assert!(ics.contains("DTSTAMP:20261204T000000Z"));
    // Markdown: the project's validator, when installed.
    let checker = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/validators/md-check.sh");
    let home = std::env::var("HOME").unwrap_or_default();
    let mdl = Path::new(&home)
        .join(".cache/trustgap-validators/node/node_modules/.bin/markdownlint-cli2");
    if !checker.exists() || !mdl.exists() {
        eprintln!("skipped the markdown lint: run ../shared/validators/setup.sh to install it");
        return;
    }
    for name in files.keys().filter(|n| n.ends_with(".md")) {
        let out = std::process::Command::new("bash")
            .arg(&checker)
            .arg(dir.path().join(name))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn a_rerun_is_byte_identical_and_keeps_a_persons_edits() {
    let dir = tempfile::tempdir().unwrap();
    let first = pack("frontier-model-lab", dir.path());
    let manifest = std::fs::read(dir.path().join(".trustgap-docs.json")).unwrap();
    let again = pack("frontier-model-lab", dir.path());
    assert_eq!(first, again);
    assert_eq!(
        manifest,
        std::fs::read(dir.path().join(".trustgap-docs.json")).unwrap()
    );
    // A person edits a policy: the next run writes nothing, names it, exits 2.
    let edited = dir.path().join("policy-ai.md");
    let mine = format!("{}\nOur own paragraph.\n", first["policy-ai.md"]);
    std::fs::write(&edited, &mine).unwrap();
    let out = tg()
        .args(["--today", "2027-01-15", "docs"])
        .arg(example("frontier-model-lab"))
        .arg("--out")
        .arg(dir.path())
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("policy-ai.md"), "{err}");
    assert_eq!(std::fs::read_to_string(&edited).unwrap(), mine);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("index.md")).unwrap(),
        first["index.md"],
        "nothing written"
    );
    // --force overwrites it.
    tg().args(["--today", TODAY, "docs"])
        .arg(example("frontier-model-lab"))
        .arg("--out")
        .arg(dir.path())
        .arg("--force")
        .assert()
        .success();
    assert_eq!(read_dir(dir.path()), first);
}

#[test]
fn a_template_directory_overrides_by_name_and_validate_reports_lines() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(
        templates.join("trust-summary.md.j2"),
        "# {{ company.name }}: our own trust page\n\nWe answer within a day.\n",
    )
    .unwrap();
    let out = dir.path().join("pack");
    tg().args(["--today", TODAY, "docs"])
        .arg(example("seed-llm-startup"))
        .arg("--out")
        .arg(&out)
        .arg("--templates")
        .arg(&templates)
        .assert()
        .success();
    let text = std::fs::read_to_string(out.join("trust-summary.md")).unwrap();
    assert_eq!(
        text,
        "# Quillstack, Inc.: our own trust page\n\nWe answer within a day.\n"
    );
    tg().args(["validate", "--templates"])
        .arg(&templates)
        .assert()
        .success();

    // A variable the context does not have, on line 3; an unknown name.
    std::fs::write(
        templates.join("trust-summary.md.j2"),
        "# {{ company.name }}\n\n{{ company.revenue }}\n",
    )
    .unwrap();
    std::fs::write(templates.join("polcy-ai.md.j2"), "# typo\n").unwrap();
    let out = tg()
        .args(["validate", "--templates"])
        .arg(&templates)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("unknown template name `polcy-ai.md.j2`"),
        "{text}"
    );
    std::fs::remove_file(templates.join("polcy-ai.md.j2")).unwrap();
    let out = tg()
        .args(["validate", "--templates"])
        .arg(&templates)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("trust-summary.md.j2:3"), "{text}");
    // A syntax error is reported with its line too.
    std::fs::write(
        templates.join("trust-summary.md.j2"),
        "# {{ company.name }}\n{% if %}\n",
    )
    .unwrap();
    let out = tg()
        .args(["validate", "--templates"])
        .arg(&templates)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("trust-summary.md.j2:2"), "{text}");
}
