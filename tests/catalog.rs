//! The built-in catalogs: exact requirement id sets, versions and dates.

use std::collections::BTreeSet;

use trustgap::catalog::{Catalog, LoadOptions, load_catalog};

fn cat() -> Catalog {
    load_catalog(&LoadOptions::default())
}

fn ids(cat: &Catalog, fw: &str) -> Vec<String> {
    cat.framework(fw)
        .unwrap()
        .requirements
        .iter()
        .map(|r| r.id.to_string())
        .collect()
}

fn set(list: &str) -> BTreeSet<String> {
    list.split_whitespace().map(str::to_string).collect()
}

#[test]
fn soc2_has_exactly_the_61_criteria() {
    let cat = cat();
    let got = ids(&cat, "soc2");
    let want = set(
        "CC1.1 CC1.2 CC1.3 CC1.4 CC1.5 CC2.1 CC2.2 CC2.3 CC3.1 CC3.2 CC3.3 CC3.4 CC4.1 CC4.2 \
         CC5.1 CC5.2 CC5.3 CC6.1 CC6.2 CC6.3 CC6.4 CC6.5 CC6.6 CC6.7 CC6.8 CC7.1 CC7.2 CC7.3 \
         CC7.4 CC7.5 CC8.1 CC9.1 CC9.2 A1.1 A1.2 A1.3 C1.1 C1.2 PI1.1 PI1.2 PI1.3 PI1.4 PI1.5 \
         P1.1 P2.1 P3.1 P3.2 P4.1 P4.2 P4.3 P5.1 P5.2 P6.1 P6.2 P6.3 P6.4 P6.5 P6.6 P6.7 P7.1 P8.1",
    );
    assert_eq!(got.len(), 61);
    assert_eq!(got.iter().cloned().collect::<BTreeSet<_>>(), want);
    let fw = cat.framework("soc2").unwrap();
    let count = |c: &str| {
        fw.requirements
            .iter()
            .filter(|r| r.category.as_deref() == Some(c))
            .count()
    };
    assert_eq!(count("Security"), 33);
    assert_eq!(count("Availability"), 3);
    assert_eq!(count("Confidentiality"), 2);
    assert_eq!(count("Processing Integrity"), 5);
    assert_eq!(count("Privacy"), 18);
    // COSO principles on CC1-CC5.
    assert_eq!(
        fw.requirement("CC1.1").unwrap().reference.as_deref(),
        Some("COSO principle 1")
    );
    assert_eq!(
        fw.requirement("CC2.1").unwrap().reference.as_deref(),
        Some("COSO principle 13")
    );
    assert_eq!(
        fw.requirement("CC3.1").unwrap().reference.as_deref(),
        Some("COSO principle 6")
    );
    assert_eq!(
        fw.requirement("CC5.3").unwrap().reference.as_deref(),
        Some("COSO principle 12")
    );
    // Type I / Type II facts are recorded.
    assert!(fw.facts.iter().any(|f| f.title.contains("Type I")));
    assert!(fw.facts.iter().any(|f| f.title.contains("Type II")));
    for r in &fw.requirements {
        assert!(
            !r.points_of_focus.is_empty(),
            "{} has points of focus",
            r.id
        );
        assert_ne!(r.summary, r.title);
    }
}

#[test]
fn iso42001_clauses_and_38_annex_a_controls() {
    let cat = cat();
    let fw = cat.framework("iso42001").unwrap();
    let clauses = set(
        "4.1 4.2 4.3 4.4 5.1 5.2 5.3 6.1.1 6.1.2 6.1.3 6.1.4 6.2 6.3 7.1 7.2 7.3 7.4 7.5.1 7.5.2 \
         7.5.3 8.1 8.2 8.3 8.4 9.1 9.2.1 9.2.2 9.3.1 9.3.2 9.3.3 10.1 10.2",
    );
    let controls = set(
        "A.2.2 A.2.3 A.2.4 A.3.2 A.3.3 A.4.2 A.4.3 A.4.4 A.4.5 A.4.6 A.5.2 A.5.3 A.5.4 A.5.5 \
         A.6.1.2 A.6.1.3 A.6.2.2 A.6.2.3 A.6.2.4 A.6.2.5 A.6.2.6 A.6.2.7 A.6.2.8 A.7.2 A.7.3 \
         A.7.4 A.7.5 A.7.6 A.8.2 A.8.3 A.8.4 A.8.5 A.9.2 A.9.3 A.9.4 A.10.2 A.10.3 A.10.4",
    );
    assert_eq!(controls.len(), 38);
    let got: BTreeSet<String> = ids(&cat, "iso42001").into_iter().collect();
    assert_eq!(got, clauses.union(&controls).cloned().collect());
    // Annex A controls are in the Statement of Applicability; clauses are not.
    for r in &fw.requirements {
        assert_eq!(r.soa, controls.contains(r.id.as_str()), "{}", r.id);
    }
    // Nine Annex A groups.
    let groups: BTreeSet<&str> = fw
        .requirements
        .iter()
        .filter(|r| r.soa)
        .map(|r| fw.root_group(&r.group))
        .collect();
    assert_eq!(groups.len(), 9, "{groups:?}");
    // Clauses that require documented information are marked.
    for id in [
        "4.3", "5.2", "6.1.3", "6.1.4", "8.2", "9.2.2", "9.3.3", "10.2",
    ] {
        assert!(
            fw.requirement(id).unwrap().documented_information.is_some(),
            "{id}"
        );
    }
    assert!(
        fw.requirement("5.1")
            .unwrap()
            .documented_information
            .is_none()
    );
}

#[test]
fn nist_ai_rmf_has_the_72_subcategories() {
    let cat = cat();
    let mut want = BTreeSet::new();
    for (function, cats) in [
        ("GOVERN", vec![7, 3, 2, 3, 2, 2]),
        ("MAP", vec![6, 3, 5, 2, 2]),
        ("MEASURE", vec![3, 13, 3, 3]),
        ("MANAGE", vec![4, 4, 2, 3]),
    ] {
        for (i, n) in cats.iter().enumerate() {
            for j in 1..=*n {
                want.insert(format!("{function}-{}.{j}", i + 1));
            }
        }
    }
    assert_eq!(want.len(), 72);
    let got: BTreeSet<String> = ids(&cat, "nist-ai-rmf").into_iter().collect();
    assert_eq!(got, want);
    let fw = cat.framework("nist-ai-rmf").unwrap();
    // 4 functions + 19 categories.
    assert_eq!(fw.groups.len(), 23);
    let tags: BTreeSet<&str> = fw.tags.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(tags.iter().filter(|t| t.starts_with("gai-")).count(), 12);
    assert_eq!(tags.iter().filter(|t| t.starts_with("trust-")).count(), 7);
}

#[test]
fn eu_ai_act_obligations_and_dates() {
    let cat = cat();
    let fw = cat.framework("euaiact").unwrap();
    let want = set(
        "art-4 art-5-1-a art-5-1-b art-5-1-ba art-5-1-bb art-5-1-c art-5-1-d art-5-1-e art-5-1-f \
         art-5-1-g art-5-1-h art-6-4 art-49-2 art-9 art-10 art-11 art-12 art-13 art-14 art-15 \
         art-16 art-17 art-18 art-19 art-20 art-21 art-22 art-23 art-24 art-25-1 art-25-2 \
         art-25-4 art-26-1 art-26-2 art-26-4 art-26-5 art-26-6 art-26-7 art-26-8 art-26-9 \
         art-26-11 art-26-12 art-27 art-43 art-47 art-48 art-49-1 art-49-3 art-50-1 art-50-2 \
         art-50-3 art-50-4 art-51 art-52 art-53-1-a art-53-1-b art-53-1-c art-53-1-d art-54 \
         art-55-1-a art-55-1-b art-55-1-c art-55-1-d art-72 art-73",
    );
    let got: BTreeSet<String> = ids(&cat, "euaiact").into_iter().collect();
    assert_eq!(got, want);
    let date = |id: &str| {
        fw.requirement(id)
            .unwrap()
            .applies_from
            .unwrap()
            .to_string()
    };
    let rule = |id: &str, pred: &dyn Fn(&trustgap::catalog::DateRule) -> bool| {
        fw.requirement(id)
            .unwrap()
            .dates
            .iter()
            .find(|d| pred(d))
            .map(|d| d.date.to_string())
    };
    assert_eq!(date("art-4"), "2025-02-02");
    for p in ["a", "b", "c", "d", "e", "f", "g", "h"] {
        assert_eq!(date(&format!("art-5-1-{p}")), "2025-02-02");
    }
    assert_eq!(date("art-5-1-ba"), "2026-12-02");
    assert_eq!(date("art-5-1-bb"), "2026-12-02");
    for id in [
        "art-9", "art-10", "art-11", "art-12", "art-13", "art-14", "art-15", "art-16", "art-17",
        "art-26-1", "art-43", "art-72", "art-73",
    ] {
        assert_eq!(date(id), "2027-12-02", "{id}: Annex III high-risk");
        assert_eq!(
            rule(id, &|d| d.trigger.as_deref() == Some("high-risk-annex-i")).as_deref(),
            Some("2028-08-02"),
            "{id}: Annex I high-risk"
        );
    }
    assert_eq!(date("art-27"), "2027-12-02");
    for id in ["art-50-1", "art-50-2", "art-50-3", "art-50-4"] {
        assert_eq!(date(id), "2026-08-02", "{id}");
    }
    assert_eq!(
        rule("art-50-2", &|d| d.placed_before.is_some()).as_deref(),
        Some("2026-12-02"),
        "marking grace for generative systems placed before 2026-08-02"
    );
    for id in [
        "art-52",
        "art-53-1-a",
        "art-53-1-b",
        "art-53-1-c",
        "art-53-1-d",
        "art-54",
        "art-55-1-a",
        "art-55-1-d",
    ] {
        assert_eq!(date(id), "2025-08-02", "{id}");
        assert_eq!(
            rule(id, &|d| d.placed_before.map(|p| p.to_string()).as_deref()
                == Some("2025-08-02"))
            .as_deref(),
            Some("2027-08-02"),
            "{id}: models placed before 2025-08-02"
        );
    }
    // Penalty tiers.
    assert_eq!(
        fw.requirement("art-5-1-a").unwrap().penalty.as_deref(),
        Some("art-99-3")
    );
    assert_eq!(
        fw.requirement("art-50-1").unwrap().penalty.as_deref(),
        Some("art-99-4")
    );
    assert_eq!(
        fw.requirement("art-53-1-c").unwrap().penalty.as_deref(),
        Some("art-101")
    );
    // Classification data: 25 Annex III points in 8 areas, Annex I A (11) and B (8), 4 conditions.
    assert_eq!(fw.annex_iii.len(), 25);
    let areas: BTreeSet<u8> = fw.annex_iii.iter().map(|p| p.area).collect();
    assert_eq!(areas.len(), 8);
    let fria: Vec<&str> = fw
        .annex_iii
        .iter()
        .filter(|p| p.fria)
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(fria, vec!["5-b", "5-c"]);
    assert_eq!(fw.annex_i.iter().filter(|e| e.section == "A").count(), 11);
    assert_eq!(fw.annex_i.iter().filter(|e| e.section == "B").count(), 8);
    assert!(
        fw.annex_i
            .iter()
            .any(|e| e.id.contains("machinery") && e.section == "B")
    );
    assert_eq!(fw.derogations.len(), 4);
    // The registration date of self-exempted systems is flagged as uncertain.
    assert!(fw.requirement("art-49-2").unwrap().date_note.is_some());
}

#[test]
fn every_framework_records_version_source_and_check_date() {
    let cat = cat();
    assert_eq!(cat.frameworks.len(), 4);
    for f in &cat.frameworks {
        assert!(
            !f.version.is_empty() && !f.source.is_empty() && !f.publisher.is_empty(),
            "{}",
            f.id
        );
        assert!(f.last_checked.year() >= 2026, "{}", f.id);
    }
    let qn = cat.questionnaire("trustgap-core").unwrap();
    let gap = qn
        .questions
        .iter()
        .filter(|q| qn.section_kind(q) == trustgap::catalog::SectionKind::Gap)
        .count();
    assert!(gap >= 120, "at least 120 gap questions, found {gap}");
    for q in &qn.questions {
        if qn.section_kind(q) == trustgap::catalog::SectionKind::Gap {
            assert!(!q.why.is_empty() && !q.auditor.is_empty(), "{}", q.id);
        }
    }
}
