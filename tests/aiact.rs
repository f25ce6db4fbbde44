//! EU AI Act wording and article scope limits (issue 17, "AI Act wording"):
//! the disputed Art. 49(2) date, the Art. 50 fine tier, prohibited systems,
//! the Art. 5 prohibitions as checks, the limits articles put on their own
//! scope (as data), the exceptions asked as follow-up questions, and plain
//! questions with their legal reference.

use jiff::civil::{Date, date};
use trustgap::assessment::{self, Assessment};
use trustgap::catalog::validate::validate;
use trustgap::catalog::{Catalog, LoadOptions, Severity, load_catalog};
use trustgap::engine::{CheckState, Coverage, Evaluation, SystemClass, Tier, evaluate};
use trustgap::report::export::{Format, Options, render_with};

fn real() -> &'static Catalog {
    static CAT: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CAT.get_or_init(|| load_catalog(&LoadOptions::default()))
}

fn today() -> Date {
    date(2026, 11, 23)
}

const HEADER: &str = "[assessment]\norganisation = \"T\"\nquestionnaire = \"trustgap-core\"\n";

/// The Art 5 questions, all answered "no" unless a test says otherwise.
const ART5: [&str; 10] = ["a", "b", "ba", "bb", "c", "d", "e", "f", "g", "h"];

/// An assessment with organisation answers `org` and one system `s` with
/// answers `sys` (later keys win; the Art 5 questions default to "no").
fn source(org: &[(&str, &str)], sys: &[(&str, &str)]) -> String {
    let mut s = HEADER.to_string();
    for (k, v) in org {
        s.push_str(&format!("\n[answers.\"{k}\"]\nvalue = {v}\n"));
    }
    s.push_str("\n[systems.s]\nname = \"System\"\n");
    let mut all: Vec<(String, String)> = ART5
        .iter()
        .map(|p| (format!("sys.art5.{p}"), "\"no\"".to_string()))
        .collect();
    for (k, v) in sys {
        all.retain(|(x, _)| x != k);
        all.push((k.to_string(), v.to_string()));
    }
    for (k, v) in all {
        s.push_str(&format!("\n[systems.s.answers.\"{k}\"]\nvalue = {v}\n"));
    }
    s
}

fn parse(src: &str) -> Assessment {
    assessment::parse("t.toml", src).unwrap_or_else(|e| panic!("{e}\n{src}"))
}

fn eval(org: &[(&str, &str)], sys: &[(&str, &str)]) -> Evaluation {
    let a = parse(&source(org, sys));
    let qn = real().questionnaire("trustgap-core").unwrap();
    evaluate(real(), qn, &a, today())
}

fn classify(org: &[(&str, &str)], sys: &[(&str, &str)]) -> SystemClass {
    eval(org, sys).scope.systems.into_iter().next().unwrap()
}

fn markdown(org: &[(&str, &str)], sys: &[(&str, &str)]) -> String {
    let a = parse(&source(org, sys));
    render_with(
        real(),
        &a,
        "t.toml",
        Format::Md,
        today(),
        &Options::default(),
    )
    .unwrap()
}

fn has(s: &SystemClass, id: &str) -> bool {
    s.obligations.iter().any(|o| o.id == id)
}

fn decided(s: &SystemClass, article: &str) -> bool {
    s.decisions.iter().any(|d| d.article.contains(article))
}

/// The table row of markdown `md` that starts with `start`.
fn row<'a>(md: &'a str, start: &str) -> &'a str {
    md.lines()
        .find(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no row starting {start:?} in\n{md}"))
}

const YES: &str = "\"yes\"";
const NO: &str = "\"no\"";

fn provider(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut v = vec![
        ("sys.kind", "\"system\""),
        ("sys.roles", "[\"provider\"]"),
        ("sys.eu_scope", "[\"placed-eu\"]"),
        ("sys.transparency", "[\"none\"]"),
    ];
    for (k, x) in extra {
        v.retain(|(y, _)| y != k);
        v.push((k, x));
    }
    v
}

/// An Annex III recruitment system relying on the Art 6(3) derogation.
fn self_exempted() -> Vec<(&'static str, &'static str)> {
    provider(&[
        ("sys.annex_iii", "[\"4-a\"]"),
        ("sys.profiling", NO),
        ("sys.significant_risk", NO),
        ("sys.art6_3.a", NO),
        ("sys.art6_3.b", NO),
        ("sys.art6_3.c", NO),
        ("sys.art6_3.d", YES),
    ])
}

// ------------------------------------------------ 1. Art 49(2) two readings

#[test]
fn art_49_2_registration_shows_both_readings_and_why_the_plan_uses_the_earlier() {
    let s = classify(&[], &self_exempted());
    assert_eq!(s.tier, Tier::AnnexIiiDerogation);
    let reg = s.obligations.iter().find(|o| o.id == "art-49-2").unwrap();
    assert_eq!(reg.date, Some(date(2026, 8, 2)), "the earlier reading");
    assert_eq!(reg.later_date, Some(date(2027, 12, 2)), "the later reading");
    let note = reg.date_note.as_deref().unwrap();
    for part in [
        "2 August 2026",
        "2 December 2027",
        "Section 5",
        "Section 1",
        "prudent",
    ] {
        assert!(note.contains(part), "{part:?} missing from {note}");
    }
    // The decision says so too, with both dates.
    let d = s
        .decisions
        .iter()
        .find(|d| d.article.starts_with("Art. 6(3)("))
        .unwrap();
    assert!(
        d.text.contains("2026-08-02") && d.text.contains("2027-12-02"),
        "{}",
        d.text
    );

    let md = markdown(&[], &self_exempted());
    let line = row(&md, "| Art. 49(2) Register self-exempted");
    assert!(
        line.contains("2026-08-02 or 2027-12-02 (sources differ)"),
        "{line}"
    );
    assert!(line.contains("on the earlier reading"), "{line}");
    assert!(md.contains("Note on Art. 49(2): Sources differ"));

    // The plan item that answers it gives the reading it plans on.
    let ev = eval(&[], &self_exempted());
    let reasons: Vec<&str> = ev
        .plan
        .items
        .iter()
        .flat_map(|it| it.why.iter().map(String::as_str))
        .filter(|r| r.contains("Art. 49(2)"))
        .collect();
    assert!(!reasons.is_empty(), "no plan item is due by Art. 49(2)");
    for r in reasons {
        assert!(
            r.contains("on the earlier of two readings (the other gives 2027-12-02)"),
            "{r}"
        );
    }

    // No question tells users to treat it as due now without saying why.
    let qn = real().questionnaire("trustgap-core").unwrap();
    for q in &qn.questions {
        assert!(!q.why.contains("treat it as due now"), "{}", q.id);
    }
}

// ----------------------------------------------------- 2. Art 50 fine tier

#[test]
fn art_50_sits_in_the_art_99_4_tier_and_nothing_calls_it_higher() {
    let law = real().framework("euaiact").unwrap();
    let tier = |id: &str| law.requirement(id).unwrap().penalty.clone().unwrap();
    for id in ["art-50-1", "art-50-2", "art-50-3", "art-50-4"] {
        assert_eq!(tier(id), "art-99-4", "{id}");
        assert_eq!(tier(id), tier("art-16"), "{id}: same tier as providers");
        assert_eq!(tier(id), tier("art-26-1"), "{id}: same tier as deployers");
    }
    // No text anywhere in the repository calls it a higher tier.
    let root = env!("CARGO_MANIFEST_DIR");
    let mut files = vec![format!("{root}/README.md")];
    for dir in [
        "frameworks",
        "questionnaires",
        "docs",
        "crates/core/src/engine",
    ] {
        for e in std::fs::read_dir(format!("{root}/{dir}")).unwrap() {
            files.push(e.unwrap().path().display().to_string());
        }
    }
    for f in files.iter().filter(|f| !f.ends_with("/plan")) {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        let lower = text.to_lowercase();
        for bad in ["higher fine tier", "higher tier", "higher penalty tier"] {
            assert!(!lower.contains(bad), "{f} says {bad:?}");
        }
    }
}

// ------------------------------------------------ 3. a prohibited system

#[test]
fn a_prohibited_system_is_stopped_and_its_redesign_duties_are_conditional() {
    // An emotion-recognition hiring tool already on the market.
    let sys = provider(&[
        ("sys.art5.f", YES),
        ("sys.annex_iii", "[\"4-a\"]"),
        ("sys.profiling", YES),
        ("sys.placed_date", "2025-03-01"),
    ]);
    let ev = eval(&[], &sys);
    let s = &ev.scope.systems[0];
    assert_eq!(s.tier, Tier::Prohibited);
    // What to stop: the prohibition, now.
    let stop = s
        .decisions
        .iter()
        .find(|d| d.article == "Art. 5(1)(f)")
        .unwrap();
    assert!(stop.text.contains("Stop it now"), "{}", stop.text);
    // No Art 111 transition note and no high-risk duty as if it could stay.
    assert!(!decided(s, "Art. 111"));
    assert!(
        s.obligations.iter().all(|o| o.check),
        "only the prohibitions apply"
    );
    assert!(s.duties().next().is_none());
    // What a redesign would owe: conditional, worded as such.
    for id in ["art-9", "art-16", "art-43", "art-4"] {
        assert!(s.conditional.iter().any(|o| o.id == id), "{id}");
    }
    let marker = s.decisions.iter().find(|d| d.article == "Art. 5").unwrap();
    assert!(marker.text.contains("conditional"), "{}", marker.text);
    // The analysis does not count the redesign's duties as applying.
    let art9 = ev.analysis.requirement("euaiact", "art-9").unwrap();
    assert_eq!(art9.coverage, Coverage::NotApplicable);
    // The withdrawal is in the plan.
    assert!(ev.plan.items.iter().any(|i| i.id == "rem.sys.prohibited"));

    let md = markdown(&[], &sys);
    assert!(md.contains("If you redesign it without the prohibited practice"));
    assert!(md.contains("| Obligation (if redesigned) | Role | Would apply from |"));
    assert!(!md.contains("| Art. 111(2) |"));
    let summary = row(&md, "| System | prohibited practice |");
    assert!(
        summary.contains("| 0 (+"),
        "no duties, only conditional ones: {summary}"
    );
    assert!(summary.contains("**1 prohibited**"), "{summary}");
}

// ------------------------------------------- 4. prohibitions are checks

#[test]
fn prohibitions_are_one_check_each_not_duties() {
    let sys = provider(&[
        ("sys.roles", "[\"provider\", \"deployer\"]"),
        ("sys.transparency", "[\"interacts\"]"),
        ("sys.art50.obvious", NO),
    ]);
    let s = classify(&[], &sys);
    assert_eq!(s.tier, Tier::Transparency);
    // Every prohibition once, with the answer that rules it out.
    assert_eq!(s.checks.len(), 10);
    for c in &s.checks {
        assert_eq!(c.state, CheckState::RuledOut, "{}", c.id);
        assert_eq!(c.answer.as_deref(), Some("no"));
        assert!(c.question.starts_with("sys.art5."));
    }
    // They are obligations for the analysis, flagged as checks, and not duties.
    assert_eq!(s.obligations.iter().filter(|o| o.check).count(), 10);
    let duties: Vec<&str> = s.duties().map(|o| o.id.as_str()).collect();
    assert_eq!(duties, ["art-4", "art-50-1"]);
    // The next date is a duty's, not the new prohibitions' of 2 Dec 2026.
    assert_eq!(s.next_date(), None);

    let md = markdown(&[], &sys);
    let summary = row(&md, "| System | transparency duties only |");
    let cells: Vec<&str> = summary.split(" | ").collect();
    assert_eq!(cells[3], "2", "two duties: {summary}");
    assert!(summary.ends_with("| 10 ruled out |"), "{summary}");
    assert!(md.contains(
        "<summary>Prohibited practices (Art. 5): all 10 ruled out by your answers</summary>"
    ));
    assert!(md.contains("| Art. 5(1)(a) No manipulative or deceptive techniques | 2025-02-02 | \"No\" to `sys.art5.a` | ruled out |"));
    // The duty table has no prohibition in it.
    let duties_table = md.split("| Obligation | Role |").nth(1).unwrap();
    let duties_table = duties_table.split("\n\n").next().unwrap();
    assert!(!duties_table.contains("Art. 5(1)"), "{duties_table}");

    // An unanswered prohibition is a check to confirm, not an overdue duty.
    let src = source(&[], &sys);
    let without = src.replace("\n[systems.s.answers.\"sys.art5.c\"]\nvalue = \"no\"\n", "");
    assert_ne!(src, without);
    let a = parse(&without);
    let qn = real().questionnaire("trustgap-core").unwrap();
    let ev = evaluate(real(), qn, &a, today());
    let s = &ev.scope.systems[0];
    let c = s.checks.iter().find(|c| c.id == "art-5-1-c").unwrap();
    assert_eq!(c.state, CheckState::ToConfirm);
    assert_eq!(c.answer, None);
}

// ---------------------------------------- 5. article scope limits as data

#[test]
fn a_section_b_product_gets_no_direct_ai_act_duties() {
    let s = classify(
        &[],
        &provider(&[
            ("sys.annex_i", "[\"b-motor-vehicles\"]"),
            ("sys.safety_function", "\"safety-component\""),
            ("sys.third_party_ca", YES),
            ("sys.transparency", "[\"interacts\"]"),
        ]),
    );
    assert_eq!(s.tier, Tier::SectoralHighRisk);
    assert!(decided(&s, "Art. 2(2)"));
    assert!(!has(&s, "art-4"), "Art. 2(2): not Art. 4");
    assert!(s.obligations.is_empty(), "{:?}", s.obligations);
    assert!(s.checks.is_empty(), "Art. 2(2): no Art. 5 checks either");
    // The data says so: Art 4 and every Art 5 point leave Section B out.
    let law = real().framework("euaiact").unwrap();
    for r in law
        .requirements
        .iter()
        .filter(|r| r.id == "art-4" || r.id.starts_with("art-5-1-") || r.id.starts_with("art-50-"))
    {
        assert!(
            r.except_triggers.iter().any(|t| t == "annex-i-section-b"),
            "{}",
            r.id
        );
    }
    // An assistance-only function in the same product is not high-risk, so
    // Art 2(2) does not apply and the ordinary duties do.
    let s = classify(
        &[],
        &provider(&[
            ("sys.annex_i", "[\"b-motor-vehicles\"]"),
            ("sys.safety_function", "\"assistance-only\""),
        ]),
    );
    assert_eq!(s.tier, Tier::Minimal);
    assert!(has(&s, "art-4"));
    assert_eq!(s.checks.len(), 9);
}

#[test]
fn articles_leave_out_what_their_text_leaves_out() {
    let deployer = |points: &'static str| {
        vec![
            ("sys.kind", "\"system\""),
            ("sys.roles", "[\"deployer\"]"),
            ("sys.eu_scope", "[\"established-eu\"]"),
            ("sys.transparency", "[\"none\"]"),
            ("sys.annex_iii", points),
            ("sys.profiling", YES),
        ]
    };
    let public = [("org.public_role", "\"public-body\"")];
    // Art 27 and Art 49(3) leave out critical infrastructure (point 2).
    let s = classify(&public, &deployer("[\"2\"]"));
    assert!(!has(&s, "art-27") && !has(&s, "art-49-3"));
    assert!(has(&s, "art-26-8"));
    // Not when another point is also in use.
    let s = classify(&public, &deployer("[\"2\", \"4-a\"]"));
    assert!(has(&s, "art-27") && has(&s, "art-49-3"));
    // Art 26(11) is for Annex III systems only, not Annex I products.
    let s = classify(
        &[],
        &[
            ("sys.kind", "\"system\""),
            ("sys.roles", "[\"deployer\"]"),
            ("sys.eu_scope", "[\"established-eu\"]"),
            ("sys.transparency", "[\"none\"]"),
            ("sys.annex_i", "[\"a-medical\"]"),
            ("sys.safety_function", "\"safety-component\""),
            ("sys.third_party_ca", YES),
        ],
    );
    assert_eq!(s.tier, Tier::HighRisk);
    assert!(has(&s, "art-26-1") && !has(&s, "art-26-11"));
    // Art 5(1)(h) bans the use: a provider is not its addressee.
    let s = classify(&[], &provider(&[("sys.art5.h", YES)]));
    assert_ne!(s.tier, Tier::Prohibited);
    assert!(!has(&s, "art-5-1-h") && !s.checks.iter().any(|c| c.id == "art-5-1-h"));
    assert!(decided(&s, "Art. 5(1)(h)"));
    // Art 53(2): an open-source model without systemic risk.
    let model = |open: &'static str, compute: &'static str| {
        classify(
            &[("org.eu_established", NO)],
            &[
                ("sys.kind", "\"gpai-model\""),
                ("sys.roles", "[\"provider\"]"),
                ("sys.eu_scope", "[\"placed-eu\"]"),
                ("sys.compute", compute),
                ("sys.open_source", open),
            ],
        )
    };
    let s = model(YES, "\"1e23-1e25\"");
    assert!(s.has("gpai-open-source"));
    assert!(!has(&s, "art-53-1-a") && !has(&s, "art-53-1-b") && !has(&s, "art-54"));
    assert!(has(&s, "art-53-1-c") && has(&s, "art-53-1-d"));
    let s = model(YES, "\"above-1e25\"");
    assert!(
        has(&s, "art-53-1-a") && has(&s, "art-54"),
        "systemic risk keeps them"
    );
}

#[test]
fn validate_checks_the_scope_limit_fields() {
    let law = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/frameworks/euaiact.toml"
    ))
    .unwrap();
    let broken = law
        .replacen(
            "except_triggers = [\"annex-i-section-b\"]\napplies_from = 2025-02-02",
            "except_triggers = [\"annex-i-section-c\"]\napplies_from = 2025-02-02",
            1,
        )
        .replacen(
            "except_annex_iii = [\"2\"]",
            "except_annex_iii = [\"9-z\"]",
            1,
        )
        .replacen(
            "later_reading = 2027-12-02",
            "later_reading = 2026-01-01",
            1,
        );
    assert_ne!(broken, law);
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("frameworks")).unwrap();
    std::fs::write(dir.path().join("frameworks/euaiact.toml"), &broken).unwrap();
    let cat = load_catalog(&LoadOptions {
        dirs: vec![dir.path().to_path_buf()],
        user_dir: None,
        no_embedded: false,
    });
    let report = validate(&cat);
    let errors: Vec<String> = report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| format!("{} {}", p.key, p.message))
        .collect();
    for (key, text) in [
        (
            "requirements[art-4].except_triggers",
            "unknown trigger `annex-i-section-c`",
        ),
        (
            "requirements[art-27].except_annex_iii",
            "Annex III point `9-z` is not defined",
        ),
        (
            "requirements[art-49-2].later_reading",
            "must come after applies_from",
        ),
    ] {
        assert!(
            errors.iter().any(|e| e.contains(key) && e.contains(text)),
            "{key}: {text}\n{errors:#?}"
        );
    }
}

// ------------------------------------------- 6. exceptions as follow-ups

#[test]
fn exceptions_in_prohibitions_are_asked_and_lift_the_prohibition() {
    let deployer = |extra: &[(&'static str, &'static str)]| {
        let mut v = provider(&[
            ("sys.roles", "[\"deployer\"]"),
            ("sys.eu_scope", "[\"established-eu\"]"),
        ]);
        v.extend_from_slice(extra);
        v
    };
    // Live biometric identification for law enforcement, within the
    // authorised exceptions: not prohibited, shown as such, nothing to withdraw.
    let ev = eval(
        &[],
        &deployer(&[("sys.art5.h", YES), ("sys.art5.h_exception", YES)]),
    );
    let s = &ev.scope.systems[0];
    assert_ne!(s.tier, Tier::Prohibited);
    assert!(s.asked.contains("sys.art5.h_exception"));
    let c = s.checks.iter().find(|c| c.id == "art-5-1-h").unwrap();
    assert_eq!(c.state, CheckState::Exception);
    assert_eq!(c.question, "sys.art5.h_exception");
    assert!(!has(s, "art-5-1-h"), "the yes no longer evidences a breach");
    let stop = |ev: &Evaluation| {
        ev.plan
            .items
            .iter()
            .any(|i| i.id == "rem.sys.live-biometric-id")
    };
    assert!(!stop(&ev), "nothing to stop inside the exceptions");
    assert!(decided(s, "5(2)-(7)"));
    // Outside them: prohibited, and the plan says to stop it.
    let answers = deployer(&[("sys.art5.h", YES), ("sys.art5.h_exception", NO)]);
    assert_eq!(classify(&[], &answers).tier, Tier::Prohibited);
    assert!(stop(&eval(&[], &answers)));
    // Not answered: prohibited until answered, and the question is open.
    let s = classify(&[], &deployer(&[("sys.art5.h", YES)]));
    assert_eq!(s.tier, Tier::Prohibited);
    assert!(s.provisional);
    assert!(s.open.iter().any(|q| q == "sys.art5.h_exception"));
    // The follow-up is only asked after a yes.
    let s = classify(&[], &deployer(&[]));
    assert!(!s.asked.contains("sys.art5.h_exception"));
    // Art 5(1)(g): labelling lawfully acquired biometric data sets.
    let s = classify(
        &[],
        &provider(&[("sys.art5.g", YES), ("sys.art5.g_exception", YES)]),
    );
    assert_ne!(s.tier, Tier::Prohibited);
    assert!(s.has("biometric-dataset-labelling"));
}

#[test]
fn exceptions_in_transparency_duties_are_asked_and_honoured() {
    // 50(1): obvious to a reasonably well-informed person.
    let s = classify(
        &[],
        &provider(&[
            ("sys.transparency", "[\"interacts\"]"),
            ("sys.art50.obvious", YES),
        ]),
    );
    assert!(!has(&s, "art-50-1"));
    assert_eq!(s.tier, Tier::Minimal);
    assert!(s.asked.contains("sys.art50.obvious"));
    // 50(2): assistive editing only.
    let s = classify(
        &[],
        &provider(&[
            ("sys.transparency", "[\"synthetic\"]"),
            ("sys.art50.assistive", YES),
        ]),
    );
    assert!(!has(&s, "art-50-2"));
    let s = classify(
        &[],
        &provider(&[
            ("sys.transparency", "[\"synthetic\"]"),
            ("sys.art50.assistive", NO),
        ]),
    );
    assert!(has(&s, "art-50-2"));
    // 50(4): public-interest text under editorial responsibility; deep
    // fakes stay covered, lighter in an artistic work.
    let deployer = |t: &'static str, extra: &[(&'static str, &'static str)]| {
        let mut v = provider(&[
            ("sys.roles", "[\"deployer\"]"),
            ("sys.eu_scope", "[\"established-eu\"]"),
            ("sys.transparency", t),
        ]);
        v.extend_from_slice(extra);
        classify(&[], &v)
    };
    let s = deployer(
        "[\"public-interest-text\"]",
        &[("sys.art50.editorial", YES)],
    );
    assert!(!has(&s, "art-50-4") && s.has("editorial-responsibility"));
    let s = deployer(
        "[\"public-interest-text\", \"deep-fake\"]",
        &[("sys.art50.editorial", YES), ("sys.art50.artistic", YES)],
    );
    assert!(has(&s, "art-50-4"), "deep fakes still need disclosure");
    let d = s
        .decisions
        .iter()
        .find(|d| d.text.contains("artistic"))
        .unwrap();
    assert!(d.text.contains("does not spoil"), "{}", d.text);
    // 50(1)-(3): law enforcement, asked of public bodies only.
    let org = [("org.public_role", "\"public-body\"")];
    let s = classify(
        &org,
        &provider(&[
            ("sys.transparency", "[\"interacts\", \"synthetic\"]"),
            ("sys.art50.law_enforcement", YES),
        ]),
    );
    assert!(s.asked.contains("sys.art50.law_enforcement"));
    assert!(!has(&s, "art-50-1") && !has(&s, "art-50-2"));
    let s = classify(&[], &provider(&[("sys.transparency", "[\"interacts\"]")]));
    assert!(!s.asked.contains("sys.art50.law_enforcement"));
    assert!(!s.open.iter().any(|q| q == "sys.art50.law_enforcement"));
    // Art 25(2): the provider had excluded high-risk use.
    let up = |excluded: &'static str| {
        classify(
            &[],
            &provider(&[
                ("sys.downstream_changed", YES),
                ("sys.high_risk_use_excluded", excluded),
            ]),
        )
    };
    assert!(!has(&up(YES), "art-25-2"));
    assert!(has(&up(NO), "art-25-2"));
}

// ---------------------------------------------------- 7. plain language

#[test]
fn system_questions_carry_their_legal_reference_beside_plain_words() {
    let qn = real().questionnaire("trustgap-core").unwrap();
    let new = [
        "sys.art5.g_exception",
        "sys.art5.h_exception",
        "sys.high_risk_use_excluded",
        "sys.art50.obvious",
        "sys.art50.assistive",
        "sys.art50.editorial",
        "sys.art50.artistic",
        "sys.art50.law_enforcement",
    ];
    for id in new {
        let q = qn.question(id).unwrap_or_else(|| panic!("{id} missing"));
        assert!(
            q.when_src.is_some(),
            "{id} is a follow-up: it needs a condition"
        );
        // The reference sits in the explanation, not in the question.
        assert!(q.why.contains("Art. "), "{id}: why without its article");
        assert!(
            !q.text.contains("Art. "),
            "{id}: keep articles out of the question"
        );
    }
    for q in qn.questions.iter().filter(|q| q.section == "sys") {
        assert!(
            q.why.contains("Art") || q.why.contains("Annex"),
            "{}: no legal reference beside the question",
            q.id
        );
        for jargon in ["remote biometric identification", "deployer"] {
            assert!(
                !q.text.contains(jargon) || q.id == "sys.roles",
                "{}: {jargon}",
                q.id
            );
        }
    }
}

#[test]
fn ai_act_duty_questions_are_plain_and_name_their_article() {
    let qn = real().questionnaire("trustgap-core").unwrap();
    // Terms a founder cannot be expected to know: a question may use one
    // only when its `help` explains it (names it, case aside).
    let terms = [
        "Annex III",
        "Annex IV",
        "Annex XI",
        "Annex XII",
        "conformity assessment",
        "CE mark",
        "DPIA",
        "fundamental rights impact assessment",
        "post-market monitoring",
        "quality management system",
        "authorised representative",
        "GPAI",
        "general-purpose",
        "systemic risk",
        "AI Office",
        "EU database",
        "notified body",
        "serious incident",
        "deep fake",
        "red-team",
    ];
    let aiact: Vec<_> = qn
        .questions
        .iter()
        .filter(|q| q.section == "aiact")
        .collect();
    assert!(!aiact.is_empty(), "no aiact questions");
    for q in aiact {
        assert!(
            q.text.contains("Art. ") || q.why.contains("Art. "),
            "{}: names no article (\"Art. N\") in its text or why",
            q.id
        );
        let text = q.text.to_lowercase();
        let help = q.help.to_lowercase();
        for term in terms {
            let term = term.to_lowercase();
            assert!(
                !text.contains(&term) || help.contains(&term),
                "{}: uses `{term}` without a help that explains it",
                q.id
            );
        }
    }
}
