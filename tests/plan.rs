//! The remediation plan: properties of the schedule and the ranking over
//! randomly re-answered examples (prerequisites first, owner capacity,
//! deadlines and risks, scores), the top of the plan for "everything
//! missing" profiles, snapshots of the one-page summary and determinism of
//! the exports.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::{Date, date};
use proptest::prelude::*;
use trustgap::assessment::{self, Answer, Assessment, Status};
use trustgap::catalog::{AnswerKind, Catalog, LoadOptions, SectionKind, load_catalog};
use trustgap::engine::{Evaluation, Plan, PlanItem, evaluate};
use trustgap::report::export::{Format, Options, render_with};

/// The three bundled examples: (short name, file, TOML).
const EXAMPLES: [(&str, &str, &str); 3] = [
    (
        "seed",
        "examples/seed-llm-startup.toml",
        include_str!("../examples/seed-llm-startup.toml"),
    ),
    (
        "eu_hr",
        "examples/eu-hr-tech.toml",
        include_str!("../examples/eu-hr-tech.toml"),
    ),
    (
        "frontier",
        "examples/frontier-model-lab.toml",
        include_str!("../examples/frontier-model-lab.toml"),
    ),
];

/// The section heading of EU AI Act duties that already apply.
const LEGAL_NOW: &str = "EU AI Act duties that already apply";

fn cat() -> &'static Catalog {
    static CAT: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CAT.get_or_init(|| load_catalog(&LoadOptions::default()))
}

fn today() -> Date {
    date(2026, 12, 4)
}

fn example(i: usize) -> Assessment {
    let (_, file, src) = EXAMPLES[i];
    assessment::parse(file, src).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn eval(a: &Assessment, today: Date) -> Evaluation {
    let cat = cat();
    let qn = cat.questionnaire(&a.questionnaire).expect("questionnaire");
    evaluate(cat, qn, a, today)
}

/// Ids of the readiness questions of the assessment's questionnaire.
fn readiness_questions() -> Vec<String> {
    let qn = cat().questionnaire("trustgap-core").expect("questionnaire");
    qn.questions
        .iter()
        .filter(|q| q.kind == AnswerKind::Readiness)
        .map(|q| q.id.to_string())
        .collect()
}

/// The frameworks the plan works towards: the goals' frameworks, and the
/// EU AI Act when it applies.
fn targeted(e: &Evaluation) -> BTreeSet<String> {
    let mut t: BTreeSet<String> = e
        .plan
        .goals
        .iter()
        .map(|g| g.framework.to_string())
        .collect();
    if e.scope.in_scope("euaiact") {
        t.insert("euaiact".to_string());
    }
    t
}

/// A readable line per item: rank, score, id, owner, dates.
fn line(it: &PlanItem) -> String {
    format!(
        "{:>3} {:>5} {:<40} {:<45} {} .. {}",
        it.rank, it.priority, it.id, it.owner, it.start, it.finish
    )
}

fn capacity(a: &Assessment, plan: &Plan, owner: &str) -> f64 {
    a.plan
        .capacity
        .get(owner)
        .copied()
        .filter(|d| *d > 0.0)
        .unwrap_or(plan.days_per_week)
}

/// Every property the schedule and the ranking must keep, whatever the answers.
fn check_plan(a: &Assessment, e: &Evaluation) -> Result<(), TestCaseError> {
    let plan = &e.plan;
    let by_id: BTreeMap<&str, &PlanItem> = plan.items.iter().map(|i| (i.id.as_str(), i)).collect();
    prop_assert_eq!(by_id.len(), plan.items.len(), "item ids are unique");

    // d. ranks 1..N, in order, no gaps.
    for (i, it) in plan.items.iter().enumerate() {
        prop_assert_eq!(it.rank as usize, i + 1, "rank of {}", it.id);
    }

    // a. prerequisites finish before what waits for them starts, and rank first.
    for it in &plan.items {
        for p in &it.after {
            let pre = by_id.get(p.as_str());
            prop_assert!(
                pre.is_some(),
                "{}: prerequisite {} not in the plan",
                it.id,
                p
            );
            let pre = pre.unwrap();
            prop_assert!(
                it.start > pre.finish,
                "{} starts {} but its prerequisite {} finishes {}",
                it.id,
                it.start,
                pre.id,
                pre.finish
            );
            prop_assert!(
                pre.rank < it.rank,
                "{} (rank {}) ranks before its prerequisite {} (rank {})",
                it.id,
                it.rank,
                pre.id,
                pre.rank
            );
        }
    }

    // b. no owner works more than their capacity in any week, and every
    // item's remaining work is booked.
    // The schedule stops looking for time three years from today: an owner
    // booked up to then, and whatever waits for their work, is left to
    // `unscheduled_work_is_not_shown_as_done`.
    let horizon = e
        .today
        .checked_add(jiff::Span::new().days(3 * 365 - 14))
        .unwrap();
    let saturated: BTreeSet<&str> = plan
        .items
        .iter()
        .filter(|i| i.work.iter().any(|(w, _)| *w >= horizon))
        .map(|i| i.owner.as_str())
        .collect();
    let mut beyond: BTreeSet<&str> = BTreeSet::new();
    for it in &plan.items {
        if saturated.contains(it.owner.as_str())
            || it.after.iter().any(|p| beyond.contains(p.as_str()))
        {
            beyond.insert(it.id.as_str());
        }
    }
    let mut weekly: BTreeMap<(&str, Date), f64> = BTreeMap::new();
    for it in &plan.items {
        prop_assert!(
            !it.event || it.work.is_empty(),
            "event {} has capacity-scheduled work",
            it.id
        );
        for (monday, days) in &it.work {
            prop_assert!(*days > 0.0, "{}: empty week {}", it.id, monday);
            *weekly.entry((it.owner.as_str(), *monday)).or_default() += days;
        }
        let booked: f64 = it.work.iter().map(|(_, d)| d).sum();
        if !it.event && !beyond.contains(it.id.as_str()) {
            prop_assert!(
                (booked - it.remaining_days).abs() < 0.011,
                "{}: {} days booked for {} remaining",
                it.id,
                booked,
                it.remaining_days
            );
        }
    }
    for ((owner, monday), days) in &weekly {
        let cap = capacity(a, plan, owner);
        prop_assert!(
            *days <= cap + 0.01,
            "{} works {} days in the week of {} (capacity {})",
            owner,
            days,
            monday,
            cap
        );
    }

    // c. at risk exactly when the finish is past the deadline; due dates.
    for it in &plan.items {
        let late = it.deadline.as_ref().is_some_and(|d| it.finish > d.date);
        if it.event {
            prop_assert!(it.at_risk.is_none(), "event {} at risk", it.id);
        } else {
            prop_assert_eq!(
                late,
                it.at_risk.is_some(),
                "{}: finish {} deadline {:?} at_risk {:?}",
                it.id,
                it.finish,
                it.deadline.as_ref().map(|d| d.date),
                it.at_risk
            );
        }
        if let Some(r) = &it.at_risk {
            prop_assert!(
                r.late_days > 0,
                "{}: at risk by {} days",
                it.id,
                r.late_days
            );
        }
        if it.at_risk.is_none()
            && let Some(due) = it.due
        {
            prop_assert!(
                due >= it.finish,
                "{}: due {} before its finish {}",
                it.id,
                due,
                it.finish
            );
        }
        prop_assert!(it.start <= it.finish, "{}: starts after it finishes", it.id);
        prop_assert!(
            it.event || it.start >= e.today,
            "{}: starts {} before today",
            it.id,
            it.start
        );
    }

    // d. an item closing only frameworks nobody targets never outscores a
    // targeted item of the same severity.
    let targeted = targeted(e);
    let is_targeted = |it: &PlanItem| it.frameworks.iter().any(|f| targeted.contains(f.as_str()));
    for un in plan.items.iter().filter(|i| !is_targeted(i)) {
        for t in plan
            .items
            .iter()
            .filter(|i| is_targeted(i) && i.severity == un.severity)
        {
            prop_assert!(
                un.priority <= t.priority,
                "{} (frameworks {:?}, priority {}) outscores {} (frameworks {:?}, priority {}) of the same severity; targeted {:?}",
                un.id,
                un.frameworks,
                un.priority,
                t.id,
                t.frameworks,
                t.priority,
                targeted
            );
        }
    }
    Ok(())
}

/// A re-answer of one readiness question: `None` removes the answer.
fn status() -> impl Strategy<Value = Option<Status>> {
    prop_oneof![
        Just(Some(Status::Implemented)),
        Just(Some(Status::Partial)),
        Just(Some(Status::Missing)),
        Just(Some(Status::DontKnow)),
        Just(None),
    ]
}

/// Person-days a week in 0.5..=5.0, in twentieths of a day: the schedule
/// books whole hundredths of a day per working day, so a capacity that is
/// not a multiple of 0.05 is rounded (up to 0.025 a week over).
fn days_per_week() -> impl Strategy<Value = f64> {
    (10u32..=100).prop_map(|n| f64::from(n) * 0.05)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn plan_keeps_its_promises(
        which in 0usize..3,
        changes in prop::collection::vec((any::<prop::sample::Index>(), status()), 0..60),
        days_per_week in days_per_week(),
        override_cap in prop::option::of((any::<prop::sample::Index>(), days_per_week())),
        offset in -60i64..120,
    ) {
        let questions = readiness_questions();
        let mut a = example(which);
        for (q, st) in &changes {
            let id = q.get(&questions);
            match st {
                Some(st) => a.answers.entry(id.clone()).or_default().status = Some(*st),
                None => {
                    a.answers.remove(id);
                }
            }
        }
        a.plan.days_per_week = Some(days_per_week);
        a.plan.capacity.clear();
        let today = today()
            .checked_add(jiff::Span::new().days(offset))
            .unwrap();
        let mut e = eval(&a, today);
        if let Some((owner, cap)) = override_cap
            && !e.plan.owners.is_empty()
        {
            let owner = owner.get(&e.plan.owners).owner.clone();
            a.plan.capacity.insert(owner, cap);
            e = eval(&a, today);
        }
        check_plan(&a, &e)?;
    }
}

/// The bundled examples as they are pass the same checks.
#[test]
fn examples_keep_the_plan_promises() {
    for (i, (name, _, _)) in EXAMPLES.iter().enumerate() {
        let a = example(i);
        let e = eval(&a, today());
        assert!(!e.plan.items.is_empty(), "{name}: empty plan");
        if let Err(err) = check_plan(&a, &e) {
            panic!("{name}: {err}");
        }
    }
}

// ------------------------------------------------------- everything missing

/// The example's profile (header, scoping answers and systems) with every
/// readiness question answered "missing".
fn everything_missing(mut a: Assessment) -> Assessment {
    let qn = cat().questionnaire("trustgap-core").expect("questionnaire");
    let scoping: BTreeSet<&str> = qn
        .sections
        .iter()
        .filter(|s| s.kind == SectionKind::Scoping)
        .map(|s| s.id.as_str())
        .collect();
    a.answers.retain(|id, _| {
        qn.question(id)
            .is_some_and(|q| scoping.contains(q.section.as_str()))
    });
    for q in qn
        .questions
        .iter()
        .filter(|q| q.kind == AnswerKind::Readiness)
    {
        a.answers.insert(
            q.id.to_string(),
            Answer {
                status: Some(Status::Missing),
                ..Answer::default()
            },
        );
    }
    a.soa.clear();
    a.remediations.clear();
    a.plan = Default::default();
    a
}

fn print_top(name: &str, e: &Evaluation) {
    eprintln!(
        "== {name}: {} items, goals {:?}, targeted {:?}",
        e.plan.items.len(),
        e.plan
            .goals
            .iter()
            .map(|g| (g.id.as_str(), g.work_due))
            .collect::<Vec<_>>(),
        targeted(e)
    );
    for it in e.plan.items.iter().take(15) {
        eprintln!("{}", line(it));
    }
}

#[test]
fn everything_missing_puts_what_matters_first() {
    let mut profiles: Vec<(String, Assessment)> = (0..EXAMPLES.len())
        .map(|i| (EXAMPLES[i].0.to_string(), everything_missing(example(i))))
        .collect();
    let mut us = everything_missing(example(0));
    us.answers
        .get_mut("org.markets")
        .expect("org.markets")
        .value = Some(assessment::Value::List(vec!["us".into()]));
    us.systems.clear();
    profiles.push(("seed_us_only".into(), us));

    for (name, a) in &profiles {
        let e = eval(a, today());
        print_top(name, &e);
        if let Err(err) = check_plan(a, &e) {
            panic!("{name}: {err}");
        }
        let items = &e.plan.items;
        assert!(items.len() >= 15, "{name}: only {} items", items.len());
        let top = &items[..15];
        let eu = matches!(
            a.answers.get("org.markets").and_then(|x| x.value.as_ref()),
            Some(assessment::Value::List(l)) if l.iter().any(|m| m == "eu")
        );

        // Legal duties due now lead, and only with EU exposure.
        let legal: Vec<u32> = items
            .iter()
            .filter(|i| i.section == LEGAL_NOW)
            .map(|i| i.rank)
            .collect();
        if eu {
            assert!(!legal.is_empty(), "{name}: no EU duty applies already");
            assert_eq!(
                legal,
                (1..=legal.len() as u32).collect::<Vec<_>>(),
                "{name}: the legal duties due now are not first"
            );
        } else {
            assert!(legal.is_empty(), "{name}: legal duties without EU exposure");
            assert!(
                items.iter().all(|i| i.legal_date.is_none()),
                "{name}: EU dates without EU exposure"
            );
        }

        if name == "seed_us_only" {
            assert!(!e.plan.goals.is_empty(), "{name}: no goal");
            for it in top {
                assert!(
                    it.frameworks.iter().any(|f| f != "euaiact"),
                    "{name}: {} closes only EU AI Act requirements, rank {}",
                    it.id,
                    it.rank
                );
                assert!(
                    it.goal.is_some(),
                    "{name}: {} serves no goal but ranks {}",
                    it.id,
                    it.rank
                );
            }
        }

        if name.starts_with("seed") {
            let iam: Vec<&PlanItem> = items
                .iter()
                .filter(|i| i.id.starts_with("rem.iam.") && i.blocker.is_some())
                .collect();
            assert!(!iam.is_empty(), "{name}: no access-control SOC 2 blocker");
            let first_no_goal = items
                .iter()
                .find(|i| i.goal.is_none() && i.section != LEGAL_NOW)
                .map_or(u32::MAX, |i| i.rank);
            for it in &iam {
                assert!(
                    it.rank < first_no_goal,
                    "{name}: SOC 2 blocker {} (rank {}) after an item serving no goal (rank {})",
                    it.id,
                    it.rank,
                    first_no_goal
                );
            }
        }
    }
}

/// An owner whose work does not fit the schedule's horizon: every item is
/// either fully booked or flagged at risk (work left over finishes on the
/// horizon), never shown as done with nothing booked.
#[test]
fn unscheduled_work_is_not_shown_as_done() {
    let mut a = everything_missing(example(0));
    a.plan.days_per_week = Some(0.5);
    let e = eval(&a, today());
    for it in e.plan.items.iter().filter(|i| !i.event) {
        let booked: f64 = it.work.iter().map(|(_, d)| d).sum();
        assert!(
            (booked - it.remaining_days).abs() < 0.011 || it.at_risk.is_some(),
            "{}: {} of {} days booked ({} .. {}), deadline {:?}, not at risk",
            it.id,
            booked,
            it.remaining_days,
            it.start,
            it.finish,
            it.deadline.as_ref().map(|d| d.date)
        );
    }
}

// ------------------------------------------------------------- the exports

fn render(a: &Assessment, file: &str, format: Format, options: &Options) -> String {
    render_with(cat(), a, file, format, today(), options).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn summary(i: usize) -> String {
    let summary = Options {
        summary: true,
        ..Default::default()
    };
    render(&example(i), EXAMPLES[i].1, Format::Md, &summary)
}

#[test]
fn summary_seed() {
    insta::assert_snapshot!("summary_seed", summary(0));
}

#[test]
fn summary_eu_hr() {
    insta::assert_snapshot!("summary_eu_hr", summary(1));
}

#[test]
fn summary_frontier() {
    insta::assert_snapshot!("summary_frontier", summary(2));
}

#[test]
fn exports_are_deterministic() {
    for (i, (name, file, _)) in EXAMPLES.iter().enumerate() {
        for format in [Format::Md, Format::Csv, Format::Json] {
            let one = render(&example(i), file, format, &Options::default());
            let two = render(&example(i), file, format, &Options::default());
            assert!(!one.is_empty(), "{name} {format:?}: empty");
            assert!(one == two, "{name} {format:?}: two renderings differ");
        }
    }
}
