//! Engine: scope decisions, coverage (weakest answer wins), not-assessed
//! handling, ranking, determinism, and the EU AI Act classification routes.

use jiff::civil::{Date, date};
use trustgap::assessment::{self, Assessment};
use trustgap::catalog::{Catalog, LoadOptions, load_catalog, load_from_strs};
use trustgap::engine::{Coverage, Evaluation, Phase, SystemClass, Tier, evaluate};

fn real() -> &'static Catalog {
    static CAT: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CAT.get_or_init(|| load_catalog(&LoadOptions::default()))
}

fn today() -> Date {
    date(2026, 11, 23)
}

fn parse(src: &str) -> Assessment {
    assessment::parse("t.toml", src).unwrap_or_else(|e| panic!("{e}\n{src}"))
}

fn eval_with(cat: &Catalog, src: &str, today: Date) -> Evaluation {
    let a = parse(src);
    let qn = cat.questionnaire(&a.questionnaire).expect("questionnaire");
    evaluate(cat, qn, &a, today)
}

const HEADER: &str = "[assessment]\norganisation = \"T\"\nquestionnaire = \"trustgap-core\"\n";

/// An assessment with organisation answers `org` (TOML `key = value` lines
/// become `[answers."key"] value = …`) and one system with `sys` answers.
fn with_system(org: &[(&str, &str)], sys: &[(&str, &str)]) -> String {
    let mut s = HEADER.to_string();
    for (k, v) in org {
        s.push_str(&format!("\n[answers.\"{k}\"]\nvalue = {v}\n"));
    }
    s.push_str("\n[systems.s]\nname = \"System\"\n");
    for (k, v) in sys {
        s.push_str(&format!("\n[systems.s.answers.\"{k}\"]\nvalue = {v}\n"));
    }
    s
}

const ART5_NO: [(&str, &str); 10] = [
    ("sys.art5.a", "\"no\""),
    ("sys.art5.b", "\"no\""),
    ("sys.art5.ba", "\"no\""),
    ("sys.art5.bb", "\"no\""),
    ("sys.art5.c", "\"no\""),
    ("sys.art5.d", "\"no\""),
    ("sys.art5.e", "\"no\""),
    ("sys.art5.f", "\"no\""),
    ("sys.art5.g", "\"no\""),
    ("sys.art5.h", "\"no\""),
];

fn classify(org: &[(&str, &str)], sys: &[(&str, &str)]) -> SystemClass {
    let mut all: Vec<(&str, &str)> = ART5_NO.to_vec();
    all.extend_from_slice(sys);
    // Later entries win: drop earlier duplicates.
    let mut dedup: Vec<(&str, &str)> = Vec::new();
    for (k, v) in all {
        dedup.retain(|(x, _)| *x != k);
        dedup.push((k, v));
    }
    let ev = eval_with(real(), &with_system(org, &dedup), today());
    ev.scope.systems.into_iter().next().unwrap()
}

fn obligation_date(s: &SystemClass, id: &str) -> Option<String> {
    s.obligations
        .iter()
        .find(|o| o.id == id)
        .map(|o| o.date.map(|d| d.to_string()).unwrap_or_default())
}

fn has_obligation(s: &SystemClass, id: &str) -> bool {
    s.obligations.iter().any(|o| o.id == id)
}

fn decided(s: &SystemClass, article: &str) -> bool {
    s.decisions.iter().any(|d| d.article.contains(article))
}

const PROVIDER_EU: [(&str, &str); 4] = [
    ("sys.kind", "\"system\""),
    ("sys.roles", "[\"provider\"]"),
    ("sys.eu_scope", "[\"placed-eu\"]"),
    ("sys.transparency", "[\"none\"]"),
];

fn sys(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut v: Vec<(&str, &str)> = PROVIDER_EU
        .iter()
        .filter(|(k, _)| !extra.iter().any(|(x, _)| x == k))
        .copied()
        .collect();
    v.extend_from_slice(extra);
    v
}

// ------------------------------------------------------------------- scope

#[test]
fn nothing_answered_means_nothing_in_scope_and_nothing_ready() {
    let ev = eval_with(real(), HEADER, today());
    for f in &ev.scope.frameworks {
        assert!(!f.in_scope, "{} should not be in scope", f.id);
    }
    for f in &ev.analysis.frameworks {
        assert_eq!(f.readiness, None, "{} must not report a readiness", f.id);
    }
    assert!(ev.plan.items.is_empty());
}

#[test]
fn soc2_categories_follow_the_answers_with_reasons() {
    let src = with_system(
        &[
            ("target.goals", "[\"soc2-type2\"]"),
            ("org.uptime_commitment", "\"yes\""),
            ("org.data", "[\"financial\", \"personal\"]"),
            ("org.customers", "[\"smb\"]"),
        ],
        &[],
    );
    let ev = eval_with(real(), &src, today());
    let tsc = |k: &str| ev.scope.tsc.iter().find(|t| t.key == k).unwrap().clone();
    assert!(tsc("security").in_scope);
    assert!(tsc("availability").in_scope);
    assert!(tsc("availability").reason.contains("uptime"));
    assert!(tsc("processing-integrity").in_scope, "financial data");
    assert!(!tsc("confidentiality").in_scope);
    assert!(!tsc("privacy").in_scope, "B2B personal data only");
    assert!(tsc("privacy").reason.starts_with("Optional"));
    // Requirements of categories out of scope are not applicable.
    let p11 = ev.analysis.requirement("soc2", "P1.1").unwrap();
    assert_eq!(p11.coverage, Coverage::NotApplicable);
    let a11 = ev.analysis.requirement("soc2", "A1.1").unwrap();
    assert_ne!(a11.coverage, Coverage::NotApplicable);

    let src = with_system(
        &[
            ("target.goals", "[\"soc2-type1\"]"),
            ("org.data", "[\"special-category\"]"),
        ],
        &[],
    );
    let ev = eval_with(real(), &src, today());
    assert!(ev.scope.tsc_in_scope("Privacy"));
    assert!(ev.scope.facts.contains("tsc.privacy"));
}

#[test]
fn soc2_type_follows_the_target_date() {
    let far = with_system(
        &[
            ("target.goals", "[\"soc2-type2\"]"),
            ("target.date", "2028-01-31"),
        ],
        &[],
    );
    let near = with_system(
        &[
            ("target.goals", "[\"soc2-type2\"]"),
            ("target.date", "2027-03-31"),
        ],
        &[],
    );
    let ev = eval_with(real(), &far, today());
    assert_eq!(ev.scope.soc2_type.unwrap().report, "Type II");
    let ev = eval_with(real(), &near, today());
    let t = ev.scope.soc2_type.unwrap();
    assert_eq!(t.report, "Type I");
    assert!(t.reason.contains("Type II window"));
}

#[test]
fn frameworks_in_scope_carry_reasons() {
    let src = with_system(
        &[
            ("org.markets", "[\"eu\"]"),
            ("org.customers", "[\"enterprise\"]"),
            ("ai.usage", "[\"train-own\"]"),
        ],
        &[],
    );
    let ev = eval_with(real(), &src, today());
    let soc2 = ev.scope.framework("soc2").unwrap();
    assert!(soc2.in_scope && soc2.recommended);
    assert!(ev.scope.framework("iso42001").unwrap().in_scope);
    assert!(ev.scope.framework("nist-ai-rmf").unwrap().in_scope);
    // A system with no answers keeps the AI Act in scope (EU market + AI).
    assert!(ev.scope.framework("euaiact").unwrap().in_scope);
    for f in &ev.scope.frameworks {
        assert!(!f.reason.is_empty());
    }
}

#[test]
fn questions_appear_only_when_relevant() {
    let base = [
        ("target.goals", "[\"soc2-type1\", \"iso42001\"]"),
        ("ai.usage", "[\"third-party-api\"]"),
    ];
    let ev = eval_with(real(), &with_system(&base, &[]), today());
    let cat = real();
    let qn = cat.questionnaire("trustgap-core").unwrap();
    let agent_questions: Vec<&str> = qn
        .questions
        .iter()
        .filter(|q| q.when_src.as_deref().is_some_and(|w| w.contains("agents")))
        .map(|q| q.id.as_str())
        .collect();
    assert!(!agent_questions.is_empty());
    for q in &agent_questions {
        assert!(!ev.scope.asked.contains(*q), "{q} asked without agents");
    }
    let with_agents = [
        ("target.goals", "[\"soc2-type1\", \"iso42001\"]"),
        ("ai.usage", "[\"agents\"]"),
    ];
    let ev = eval_with(real(), &with_system(&with_agents, &[]), today());
    assert!(agent_questions.iter().any(|q| ev.scope.asked.contains(*q)));
    // High-risk provider duties are never asked without a high-risk system.
    let art9: Vec<&str> = qn
        .questions
        .iter()
        .filter(|q| {
            q.maps.iter().all(|m| m.framework == "euaiact")
                && q.maps.iter().any(|m| m.id == "art-9")
        })
        .map(|q| q.id.as_str())
        .collect();
    assert!(!art9.is_empty());
    for q in art9 {
        assert!(!ev.scope.asked.contains(q));
    }
}

// ------------------------------------------------- coverage and readiness

const FW_A: &str = r#"id = "alpha"
name = "Alpha"
version = "1"
publisher = "T"
source = "T"
last_checked = 2026-01-01
kind = "guidance"
description = "Test framework A."

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

[[requirements]]
id = "R3"
title = "R3"
summary = "s"
group = "G"
"#;

fn fw_b() -> String {
    FW_A.replace("id = \"alpha\"", "id = \"beta\"")
        .replace("name = \"Alpha\"", "name = \"Beta\"")
}

const QN: &str = r#"id = "trustgap-core"
name = "Q"
version = "1"
last_checked = 2026-01-01

[[sections]]
id = "g"
title = "Gaps"
kind = "gap"

[[questions]]
id = "g.one"
section = "g"
text = "One?"
kind = "readiness"
maps = ["alpha:R1"]
remediation = "rem.narrow"

[[questions]]
id = "g.two"
section = "g"
text = "Two?"
kind = "readiness"
maps = ["alpha:R1", "alpha:R2", "beta:R1", "beta:R2"]
remediation = "rem.broad"

[[remediations]]
id = "rem.narrow"
title = "Narrow fix"
steps = ["x"]
effort_days = 4
owner = "CTO"
category = "policy"
severity = "high"

[[remediations]]
id = "rem.broad"
title = "Broad fix"
steps = ["x"]
effort_days = 4
owner = "CTO"
category = "policy"
severity = "high"
"#;

fn small() -> Catalog {
    let b = fw_b();
    load_from_strs(&[
        ("frameworks/alpha.toml", FW_A),
        ("frameworks/beta.toml", &b),
        ("questionnaires/trustgap-core.toml", QN),
    ])
}

fn answers(one: Option<&str>, two: Option<&str>) -> String {
    let mut s = HEADER.to_string();
    if let Some(x) = one {
        s.push_str(&format!("\n[answers.\"g.one\"]\nstatus = \"{x}\"\n"));
    }
    if let Some(x) = two {
        s.push_str(&format!("\n[answers.\"g.two\"]\nstatus = \"{x}\"\n"));
    }
    s
}

fn r1(one: Option<&str>, two: Option<&str>) -> Coverage {
    let ev = eval_with(&small(), &answers(one, two), today());
    ev.analysis.requirement("alpha", "R1").unwrap().coverage
}

#[test]
fn weakest_answer_wins() {
    assert_eq!(
        r1(Some("implemented"), Some("implemented")),
        Coverage::Covered
    );
    assert_eq!(r1(Some("implemented"), Some("partial")), Coverage::Partial);
    assert_eq!(r1(Some("implemented"), Some("missing")), Coverage::Gap);
    assert_eq!(r1(Some("partial"), Some("dont-know")), Coverage::Unknown);
    assert_eq!(r1(Some("missing"), Some("dont-know")), Coverage::Gap);
    assert_eq!(r1(Some("implemented"), None), Coverage::NotAssessed);
    // Not applicable only wins when every question says so.
    assert_eq!(
        r1(Some("not-applicable"), Some("implemented")),
        Coverage::Covered
    );
    assert_eq!(
        r1(Some("not-applicable"), Some("not-applicable")),
        Coverage::NotApplicable
    );
}

#[test]
fn not_assessed_is_never_zero_or_hundred() {
    let ev = eval_with(&small(), HEADER, today());
    let alpha = ev.analysis.framework("alpha").unwrap();
    assert!(alpha.in_scope);
    assert_eq!(alpha.readiness, None);
    assert_eq!(alpha.counts.not_assessed, 3);

    let ev = eval_with(&small(), &answers(Some("implemented"), None), today());
    let alpha = ev.analysis.framework("alpha").unwrap();
    // R1 not assessed (g.two open), R2 reached only by g.two, R3 by nothing.
    assert_eq!(alpha.readiness, None);

    let ev = eval_with(
        &small(),
        &answers(Some("implemented"), Some("implemented")),
        today(),
    );
    let alpha = ev.analysis.framework("alpha").unwrap();
    // R1 and R2 covered, R3 is a hole: 2 of 3.
    let r = alpha.readiness.unwrap();
    assert!((r - 200.0 / 3.0).abs() < 0.01, "{r}");
    assert!(ev.analysis.requirement("alpha", "R3").unwrap().hole);

    let ev = eval_with(
        &small(),
        &answers(Some("dont-know"), Some("partial")),
        today(),
    );
    let alpha = ev.analysis.framework("alpha").unwrap();
    // Don't know is not a pass. Progress counts each requirement's share
    // of evidence in place: R1 (g.one unknown = 0, g.two partial = ½) ¼,
    // R2 partial ½, R3 a hole 0. Nothing is fully met.
    let r = alpha.readiness.unwrap();
    assert!((r - 25.0).abs() < 0.01, "{r}");
    assert_eq!(alpha.met, Some(0.0));
}

#[test]
fn ranking_rewards_breadth() {
    let ev = eval_with(
        &small(),
        &answers(Some("missing"), Some("missing")),
        today(),
    );
    let ids: Vec<&str> = ev.plan.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, vec!["rem.broad", "rem.narrow"]);
    let broad = &ev.plan.items[0];
    assert_eq!(broad.requirements.len(), 4);
    assert_eq!(broad.frameworks, vec!["alpha", "beta"]);
    assert!(broad.priority > ev.plan.items[1].priority);
    // Breadth only breaks ties: the last factor, worth one point a framework.
    let last = broad.factors.last().unwrap();
    assert_eq!((last.factor, last.points), ("also-helps", 1));
    assert!(
        broad.why.iter().any(|w| w.contains("beta")),
        "{:?}",
        broad.why
    );
    // One item per remediation, listing every requirement it closes.
    assert_eq!(ev.plan.items[1].requirements.len(), 1);
}

#[test]
fn ranking_rewards_legal_urgency() {
    // A provider system that talks to people: Art. 50(1) applies since 2026-08-02.
    let cat = real();
    let qn = cat.questionnaire("trustgap-core").unwrap();
    let disclosure = qn
        .questions
        .iter()
        .find(|q| {
            q.maps
                .iter()
                .any(|m| m.framework == "euaiact" && m.id == "art-50-1")
        })
        .expect("a question evidences Art. 50(1)");
    let mut org = vec![
        ("target.goals", "[\"soc2-type1\", \"euaiact\"]"),
        ("org.customers", "[\"enterprise\"]"),
        ("ai.usage", "[\"third-party-api\"]"),
    ];
    org.push(("org.markets", "[\"eu\"]"));
    let mut s = ART5_NO.to_vec();
    s.extend(sys(&[("sys.transparency", "[\"interacts\"]")]));
    let mut src = with_system(&org, &s);
    src.push_str(&format!(
        "\n[answers.\"{}\"]\nstatus = \"missing\"\n",
        disclosure.id
    ));
    let ev = eval_with(cat, &src, today());
    let item_for = |q: &str| {
        ev.plan
            .items
            .iter()
            .find(|i| i.gaps.iter().any(|(k, _)| k == q))
            .unwrap()
            .clone()
    };
    let legal = item_for(&disclosure.id);
    assert!(legal.overdue, "Art. 50(1) has applied since 2026-08-02");
    assert_eq!(legal.phase, Phase::Now);
    assert!(legal.why.iter().any(|w| w.contains("overdue")));
    // Before the date it applies, the same gap is not overdue.
    let ev_before = eval_with(cat, &src, date(2026, 1, 10));
    let early = ev_before
        .plan
        .items
        .iter()
        .find(|i| i.id == legal.id)
        .unwrap();
    assert!(!early.overdue);
    assert!(early.priority < legal.priority);
}

#[test]
fn evaluation_is_deterministic() {
    let cat = real();
    for &(name, src) in trustgap::embedded::bundled_examples() {
        let a = parse(src);
        let qn = cat.questionnaire(&a.questionnaire).unwrap();
        let one = evaluate(cat, qn, &a, today());
        let two = evaluate(cat, qn, &a, today());
        let j1 = serde_json::to_string(&one.plan).unwrap();
        let j2 = serde_json::to_string(&two.plan).unwrap();
        assert_eq!(j1, j2, "{name}");
        assert_eq!(
            serde_json::to_string(&one.analysis).unwrap(),
            serde_json::to_string(&two.analysis).unwrap()
        );
    }
}

// --------------------------------------------- EU AI Act classification

#[test]
fn out_of_scope_when_nothing_reaches_the_eu() {
    let s = classify(&[], &sys(&[("sys.eu_scope", "[\"none\"]")]));
    assert_eq!(s.tier, Tier::OutOfScope);
    assert!(decided(&s, "Art. 2(1)"));
    assert!(s.obligations.is_empty());
    let s = classify(&[], &sys(&[("sys.is_ai", "\"no\"")]));
    assert_eq!(s.tier, Tier::OutOfScope);
    assert!(decided(&s, "Art. 3(1)"));
}

#[test]
fn excluded_systems() {
    let s = classify(&[], &sys(&[("sys.exclusions", "[\"military\"]")]));
    assert_eq!(s.tier, Tier::Excluded);
    assert!(decided(&s, "Art. 2(3)"));
    let s = classify(&[], &sys(&[("sys.exclusions", "[\"research-only\"]")]));
    assert_eq!(s.tier, Tier::Excluded);
    assert!(decided(&s, "Art. 2(6)"));
    // Open-source components are excluded unless they carry Art. 50 duties.
    let s = classify(
        &[],
        &sys(&[("sys.exclusions", "[\"open-source-component\"]")]),
    );
    assert_eq!(s.tier, Tier::Excluded);
    let s = classify(
        &[],
        &sys(&[
            ("sys.exclusions", "[\"open-source-component\"]"),
            ("sys.transparency", "[\"synthetic\"]"),
        ]),
    );
    assert_eq!(s.tier, Tier::Transparency);
    assert!(decided(&s, "Art. 2(12)"));
}

#[test]
fn each_prohibited_practice() {
    for (p, date) in [
        ("a", "2025-02-02"),
        ("b", "2025-02-02"),
        ("ba", "2026-12-02"),
        ("bb", "2026-12-02"),
        ("c", "2025-02-02"),
        ("d", "2025-02-02"),
        ("e", "2025-02-02"),
        ("f", "2025-02-02"),
        ("g", "2025-02-02"),
        ("h", "2025-02-02"),
    ] {
        let key = format!("sys.art5.{p}");
        let key: &'static str = Box::leak(key.into_boxed_str());
        // Art 5(1)(h) bans the use: its addressee is the deployer.
        let role = if p == "h" {
            "[\"deployer\"]"
        } else {
            "[\"provider\"]"
        };
        let s = classify(&[], &sys(&[(key, "\"yes\""), ("sys.roles", role)]));
        assert_eq!(s.tier, Tier::Prohibited, "Art. 5(1)({p})");
        assert!(decided(&s, &format!("Art. 5(1)({p})")), "{p}");
        let id = format!("art-5-1-{p}");
        assert_eq!(obligation_date(&s, &id).as_deref(), Some(date), "{id}");
    }
}

#[test]
fn annex_i_via_third_party_conformity_assessment() {
    let base = [
        ("sys.annex_i", "[\"a-medical\"]"),
        ("sys.safety_function", "\"safety-component\""),
    ];
    let mut v = sys(&base);
    v.push(("sys.third_party_ca", "\"yes\""));
    let s = classify(&[], &v);
    assert_eq!(s.tier, Tier::HighRisk);
    assert!(s.has("high-risk-annex-i"));
    assert!(decided(&s, "Art. 6(1)"));
    assert_eq!(obligation_date(&s, "art-9").as_deref(), Some("2028-08-02"));
    assert_eq!(obligation_date(&s, "art-43").as_deref(), Some("2028-08-02"));
    assert!(
        !has_obligation(&s, "art-49-1"),
        "Annex III registration only"
    );

    let mut v = sys(&base);
    v.push(("sys.third_party_ca", "\"no\""));
    let s = classify(&[], &v);
    assert_ne!(s.tier, Tier::HighRisk, "self-certified product");

    let s = classify(
        &[],
        &sys(&[
            ("sys.annex_i", "[\"a-medical\"]"),
            ("sys.safety_function", "\"assistance-only\""),
            ("sys.third_party_ca", "\"yes\""),
        ]),
    );
    assert_ne!(s.tier, Tier::HighRisk);
    assert!(decided(&s, "Art. 6(1a)"));
}

#[test]
fn annex_i_section_b_goes_through_sectoral_law() {
    let s = classify(&[], &sys(&[("sys.annex_i", "[\"b-machinery\"]")]));
    assert_eq!(s.tier, Tier::SectoralHighRisk);
    assert!(decided(&s, "Art. 2(2)"));
    assert!(!has_obligation(&s, "art-9"));
}

fn annex_iii(
    profiling: &'static str,
    significant: &'static str,
    conds: [&'static str; 4],
) -> Vec<(&'static str, &'static str)> {
    sys(&[
        ("sys.annex_iii", "[\"4-a\"]"),
        ("sys.profiling", profiling),
        ("sys.significant_risk", significant),
        ("sys.art6_3.a", conds[0]),
        ("sys.art6_3.b", conds[1]),
        ("sys.art6_3.c", conds[2]),
        ("sys.art6_3.d", conds[3]),
    ])
}

const NO: &str = "\"no\"";
const YES: &str = "\"yes\"";

#[test]
fn annex_iii_high_risk() {
    let s = classify(&[], &annex_iii(NO, YES, [NO, NO, NO, NO]));
    assert_eq!(s.tier, Tier::HighRisk);
    assert!(s.has("high-risk-annex-iii"));
    assert!(decided(&s, "Art. 6(2)"));
    for id in [
        "art-9", "art-10", "art-11", "art-12", "art-13", "art-14", "art-15", "art-16", "art-17",
        "art-43", "art-49-1", "art-72", "art-73",
    ] {
        assert_eq!(
            obligation_date(&s, id).as_deref(),
            Some("2027-12-02"),
            "{id}"
        );
    }
    assert!(
        !s.obligations
            .iter()
            .find(|o| o.id == "art-9")
            .unwrap()
            .in_force
    );
    // No significant risk but no condition holds: still high-risk.
    let s = classify(&[], &annex_iii(NO, NO, [NO, NO, NO, NO]));
    assert_eq!(s.tier, Tier::HighRisk);
    assert!(decided(&s, "Art. 6(3)"));
}

#[test]
fn annex_iii_derogation_with_registration_duty() {
    let s = classify(&[], &annex_iii(NO, NO, [NO, NO, NO, YES]));
    assert_eq!(s.tier, Tier::AnnexIiiDerogation);
    assert!(s.has("annex-iii-derogation"));
    assert!(
        decided(&s, "Art. 6(3)(d)"),
        "records the condition relied on"
    );
    assert!(has_obligation(&s, "art-6-4"));
    let reg = s.obligations.iter().find(|o| o.id == "art-49-2").unwrap();
    assert!(
        reg.date_note.is_some(),
        "the registration date is shown as uncertain"
    );
    assert!(!has_obligation(&s, "art-9"));
}

#[test]
fn profiling_overrides_the_derogation() {
    let s = classify(&[], &annex_iii(YES, NO, [YES, YES, YES, YES]));
    assert_eq!(s.tier, Tier::HighRisk);
    assert!(decided(&s, "third subparagraph"));
    assert!(has_obligation(&s, "art-9"));
    assert!(!has_obligation(&s, "art-6-4"));
}

#[test]
fn unanswered_annex_iii_questions_are_provisional_high_risk() {
    let s = classify(&[], &sys(&[("sys.annex_iii", "[\"3-b\"]")]));
    assert_eq!(s.tier, Tier::HighRisk);
    assert!(s.provisional);
    assert!(s.open.iter().any(|q| q == "sys.profiling"));
}

#[test]
fn gpai_models_and_systemic_risk() {
    let model = |compute: &'static str, open: &'static str, placed: &'static str| {
        classify(
            &[("org.eu_established", "\"no\"")],
            &[
                ("sys.kind", "\"gpai-model\""),
                ("sys.roles", "[\"provider\"]"),
                ("sys.eu_scope", "[\"placed-eu\"]"),
                ("sys.compute", compute),
                ("sys.open_source", open),
                ("sys.placed_date", placed),
            ],
        )
    };
    let s = model("\"1e23-1e25\"", NO, "2026-02-01");
    assert_eq!(s.tier, Tier::Gpai);
    assert!(s.effective_roles.contains("gpai-provider"));
    for id in [
        "art-53-1-a",
        "art-53-1-b",
        "art-53-1-c",
        "art-53-1-d",
        "art-54",
    ] {
        assert_eq!(
            obligation_date(&s, id).as_deref(),
            Some("2025-08-02"),
            "{id}"
        );
    }
    assert!(!has_obligation(&s, "art-55-1-a"));

    let s = model("\"above-1e25\"", NO, "2025-05-15");
    assert_eq!(s.tier, Tier::GpaiSystemic);
    assert!(decided(&s, "Art. 51(2)"));
    assert!(has_obligation(&s, "art-52"));
    // Placed before 2 Aug 2025: legacy deadline 2 Aug 2027.
    assert_eq!(
        obligation_date(&s, "art-55-1-a").as_deref(),
        Some("2027-08-02")
    );
    assert_eq!(
        obligation_date(&s, "art-53-1-c").as_deref(),
        Some("2027-08-02")
    );

    // Open source without systemic risk: no 53(1)(a)-(b), no Art. 54.
    let s = model("\"1e23-1e25\"", YES, "2026-02-01");
    assert!(!has_obligation(&s, "art-53-1-a"));
    assert!(!has_obligation(&s, "art-54"));
    assert!(has_obligation(&s, "art-53-1-c"));
    // Open source with systemic risk keeps everything.
    let s = model("\"above-1e25\"", YES, "2026-02-01");
    assert!(has_obligation(&s, "art-53-1-a"));
    assert!(has_obligation(&s, "art-54"));
}

#[test]
fn transparency_only_with_legacy_marking_date() {
    let s = classify(
        &[],
        &sys(&[
            ("sys.transparency", "[\"interacts\", \"synthetic\"]"),
            ("sys.placed_date", "2025-10-01"),
        ]),
    );
    assert_eq!(s.tier, Tier::Transparency);
    assert_eq!(
        obligation_date(&s, "art-50-1").as_deref(),
        Some("2026-08-02")
    );
    assert_eq!(
        obligation_date(&s, "art-50-2").as_deref(),
        Some("2026-12-02"),
        "generative systems already on the market get until 2 Dec 2026"
    );
    assert!(has_obligation(&s, "art-4"));
    let s = classify(
        &[],
        &sys(&[
            ("sys.transparency", "[\"synthetic\"]"),
            ("sys.placed_date", "2026-09-01"),
        ]),
    );
    assert_eq!(
        obligation_date(&s, "art-50-2").as_deref(),
        Some("2026-08-02")
    );
}

#[test]
fn article_25_makes_a_deployer_the_provider() {
    let deployer = |vc: &'static str, high: bool| {
        let mut v = vec![
            ("sys.kind", "\"system\""),
            ("sys.roles", "[\"deployer\"]"),
            ("sys.eu_scope", "[\"established-eu\"]"),
            ("sys.transparency", "[\"none\"]"),
            ("sys.value_chain", vc),
        ];
        if high {
            v.extend_from_slice(&[("sys.annex_iii", "[\"4-a\"]"), ("sys.profiling", YES)]);
        }
        classify(&[], &v)
    };
    let s = deployer("[\"rebrand\"]", true);
    assert!(s.effective_roles.contains("provider"));
    assert!(s.has("value-chain-provider"));
    assert!(decided(&s, "Art. 25(1)(a)"));
    assert!(has_obligation(&s, "art-16"));
    assert!(has_obligation(&s, "art-25-1"));
    // Rebranding a system that is not high-risk does not.
    let s = deployer("[\"rebrand\"]", false);
    assert!(!s.effective_roles.contains("provider"));
    assert!(decided(&s, "Art. 3(3)"));
}

#[test]
fn fria_cases() {
    let deployer = |point: &'static str, public: &'static str| {
        classify(
            &[("org.public_role", public)],
            &[
                ("sys.kind", "\"system\""),
                ("sys.roles", "[\"deployer\"]"),
                ("sys.eu_scope", "[\"established-eu\"]"),
                ("sys.transparency", "[\"none\"]"),
                ("sys.annex_iii", point),
                ("sys.profiling", YES),
            ],
        )
    };
    // Credit scoring: every deployer, private companies included.
    let s = deployer("[\"5-b\"]", "\"neither\"");
    assert!(s.has("fria"));
    assert_eq!(obligation_date(&s, "art-27").as_deref(), Some("2027-12-02"));
    // Recruitment by a private company: no FRIA.
    let s = deployer("[\"4-a\"]", "\"neither\"");
    assert!(!s.has("fria"));
    assert!(has_obligation(&s, "art-26-1"));
    // Recruitment by a public body: FRIA and registration of use.
    let s = deployer("[\"4-a\"]", "\"public-body\"");
    assert!(s.has("fria"));
    assert!(has_obligation(&s, "art-49-3"));
    // Critical infrastructure never needs a FRIA.
    let s = deployer("[\"2\"]", "\"public-body\"");
    assert!(!s.has("fria"));
}

#[test]
fn importer_and_distributor_duties() {
    let role = |r: &'static str| {
        classify(
            &[],
            &[
                ("sys.kind", "\"system\""),
                ("sys.roles", r),
                ("sys.eu_scope", "[\"placed-eu\"]"),
                ("sys.transparency", "[\"none\"]"),
                ("sys.annex_iii", "[\"3-a\"]"),
                ("sys.profiling", YES),
            ],
        )
    };
    let s = role("[\"importer\"]");
    assert!(has_obligation(&s, "art-23"));
    assert!(!has_obligation(&s, "art-16"));
    let s = role("[\"distributor\"]");
    assert!(has_obligation(&s, "art-24"));
    assert!(!has_obligation(&s, "art-23"));
}

#[test]
fn non_eu_provider_needs_a_representative() {
    let s = classify(
        &[("org.eu_established", "\"no\"")],
        &annex_iii(YES, YES, [NO, NO, NO, NO]),
    );
    assert!(has_obligation(&s, "art-22"));
    let s = classify(
        &[("org.eu_established", "\"yes\"")],
        &annex_iii(YES, YES, [NO, NO, NO, NO]),
    );
    assert!(!has_obligation(&s, "art-22"));
}

/// The seed example with the questions behind its EU duties left
/// unanswered, as a half-finished first sitting would leave them.
fn seed_without(questions: &[&str]) -> Assessment {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/seed-llm-startup.toml"
    ))
    .unwrap();
    let mut a = parse(&src);
    for q in questions {
        a.answers.remove(*q);
        for s in a.systems.values_mut() {
            s.answers.remove(*q);
        }
    }
    a
}

#[test]
fn unassessed_duties_due_now_are_plan_items_and_prohibitions_do_not_lift_readiness() {
    let cat = real();
    let qn = cat.questionnaire("trustgap-core").unwrap();
    let a = seed_without(&["literacy.programme", "transparency.content_marking"]);
    let ev = evaluate(cat, qn, &a, date(2026, 12, 4));
    // Both duties apply already: each is a "find out, then act" item in the
    // first section, overdue (so `check --no-overdue` fails).
    for id in ["rem.literacy.programme", "rem.transparency.content_marking"] {
        let it = ev.plan.items.iter().find(|i| i.id == id).expect(id);
        assert!(it.find_out && it.investigate && it.overdue, "{id}");
        assert_eq!(it.phase, Phase::Now, "{id}");
        assert!(it.rank <= 2, "{id} at {}", it.rank);
        assert!(it.why.iter().any(|w| w.contains("find out, then act")));
    }
    // The prohibitions answered "no" are checks: with the only other EU
    // duties unanswered, EU AI Act readiness is 0 or not assessed, not 85%.
    let eu = ev.analysis.framework("euaiact").unwrap();
    // Nine: Art 5(1)(h) bans the use, and the seed company only provides.
    assert!(eu.counts.checks >= 9, "{:?}", eu.counts);
    assert!(eu.readiness.unwrap_or(0.0) < 50.0, "{:?}", eu.readiness);
}

#[test]
fn goals_have_their_own_dates_and_weight_the_order() {
    let cat = real();
    let qn = cat.questionnaire("trustgap-core").unwrap();
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/eu-hr-tech.toml"
    ))
    .unwrap();
    let ev = evaluate(cat, qn, &parse(&src), date(2026, 12, 4));
    let goals: Vec<(&str, Option<Date>)> = ev
        .plan
        .goals
        .iter()
        .map(|g| (g.id.as_str(), g.date))
        .collect();
    // SOC 2 by May, ISO/IEC 42001 by September: SOC 2 first.
    assert_eq!(goals[0], ("soc2-type1", Some(date(2027, 5, 31))));
    assert_eq!(goals[1], ("iso42001", Some(date(2027, 9, 30))));
    let rank = |id: &str| ev.plan.items.iter().find(|i| i.id == id).unwrap().rank;
    assert!(rank("soc2.auditor") < rank("iso42001.certification_body"));
    // The ISO goal's stage audits sit on their own dates.
    let stage2 = ev
        .plan
        .items
        .iter()
        .find(|i| i.id == "iso42001.stage2")
        .unwrap();
    assert!(stage2.event);
    assert_eq!(stage2.start, date(2027, 8, 31));
}
