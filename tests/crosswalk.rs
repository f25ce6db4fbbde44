//! `trustgap crosswalk`: every pair of frameworks, each link backed by the
//! question bank, in markdown, CSV and JSON.

use std::collections::BTreeSet;

use assert_cmd::Command;
use trustgap::embedded;

fn tg() -> Command {
    let mut c = Command::cargo_bin("trustgap").unwrap();
    c.env("TRUSTGAP_CONFIG_DIR", "/nonexistent/trustgap-test");
    c
}

fn run(from: &str, to: &str, format: &str) -> String {
    let out = tg()
        .args(["crosswalk", "--from", from, "--to", to, "--format", format])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "crosswalk {from} {to} {format}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// (from requirement, to requirement, question) for every link in a JSON crosswalk.
fn links(json: &serde_json::Value) -> BTreeSet<(String, String, String)> {
    let mut out = BTreeSet::new();
    for r in json["requirements"].as_array().unwrap() {
        for s in r["shares"].as_array().unwrap() {
            out.insert((
                r["id"].as_str().unwrap().to_string(),
                s["requirement"].as_str().unwrap().to_string(),
                s["question"].as_str().unwrap().to_string(),
            ));
            for why in ["from_why", "to_why"] {
                assert!(
                    !s[why].as_str().unwrap().trim().is_empty(),
                    "a link without its reason: {s}"
                );
            }
        }
    }
    out
}

#[test]
fn every_pair_of_frameworks_is_backed_by_the_question_bank() {
    let cat = embedded::catalog();
    let ids: Vec<String> = cat.frameworks.iter().map(|f| f.id.to_string()).collect();
    assert_eq!(ids.len(), 4);
    for from in &ids {
        for to in ids.iter().filter(|t| *t != from) {
            let json: serde_json::Value = serde_json::from_str(&run(from, to, "json")).unwrap();
            let fw = cat.framework(from).unwrap();
            assert_eq!(
                json["requirements"].as_array().unwrap().len(),
                fw.requirements.len(),
                "{from}: every requirement is listed, sharing or not"
            );
            let got = links(&json);
            assert!(!got.is_empty(), "{from} and {to} share no evidence at all");

            // Each link is a question that maps to both requirements.
            let mut want = BTreeSet::new();
            for q in cat.questionnaires.iter().flat_map(|qn| &qn.questions) {
                for a in q.maps.iter().filter(|r| r.framework == *from) {
                    for b in q.maps.iter().filter(|r| r.framework == *to) {
                        want.insert((a.id.to_string(), b.id.to_string(), q.id.to_string()));
                    }
                }
            }
            assert_eq!(got, want, "{from} -> {to}");

            // The reverse crosswalk holds the same links turned around.
            let back: serde_json::Value = serde_json::from_str(&run(to, from, "json")).unwrap();
            let turned: BTreeSet<_> = links(&back)
                .into_iter()
                .map(|(a, b, q)| (b, a, q))
                .collect();
            assert_eq!(got, turned, "{from} <-> {to}");

            // CSV: one row per link, the same links.
            let csv = run(from, to, "csv");
            let mut rd = csv::Reader::from_reader(csv.as_bytes());
            let rows: BTreeSet<_> = rd
                .records()
                .map(|r| {
                    let r = r.unwrap();
                    (r[1].to_string(), r[4].to_string(), r[6].to_string())
                })
                .collect();
            assert_eq!(rows, got, "{from} -> {to} CSV");

            // Markdown: a heading per shared requirement.
            let md = run(from, to, "md");
            let shared: BTreeSet<&str> = got.iter().map(|(a, _, _)| a.as_str()).collect();
            for id in shared {
                assert!(
                    md.lines().any(|l| l.starts_with(&format!("### {id} "))),
                    "{from} -> {to}: no section for {id}"
                );
            }
        }
    }
}

#[test]
fn names_are_found_in_any_case_and_bad_pairs_are_refused() {
    let md = run("SOC 2", "ISO 42001", "md");
    assert!(md.starts_with("# Crosswalk: SOC 2 to ISO 42001\n"), "{md}");

    let out = tg()
        .args(["crosswalk", "--from", "soc2", "--to", "SOC2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("two different frameworks"));

    let out = tg()
        .args(["crosswalk", "--from", "soc2", "--to", "hipaa"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--to: no framework `hipaa`"), "{err}");
    assert!(err.contains("iso42001"), "{err}");
}
