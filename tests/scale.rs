//! A generated questionnaire with 5,000 questions over 2,000 requirements
//! validates, evaluates and reports. Speed is measured by the benchmarks
//! (`cargo bench --bench engine`), not asserted here.

use jiff::civil::date;
use trustgap::catalog::{load_from_strs, validate::validate};
use trustgap::{assessment, engine, synthetic};

#[test]
fn five_thousand_questions_over_two_thousand_requirements() {
    let files = synthetic::catalog(5000, 2000);
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, s)| (n.as_str(), s.as_str()))
        .collect();
    let cat = load_from_strs(&refs);
    assert!(cat.problems.is_empty(), "{:?}", cat.problems.first());
    let report = validate(&cat);
    assert_eq!(report.errors(), 0, "{:?}", report.problems.first());
    let qn = cat.questionnaire("trustgap-core").unwrap();
    assert_eq!(qn.questions.len(), 5000);
    assert_eq!(cat.framework("scale").unwrap().requirements.len(), 2000);

    let a = assessment::parse("scale.toml", &synthetic::assessment(5000)).unwrap();
    let ev = engine::evaluate(&cat, qn, &a, date(2026, 11, 23));
    assert_eq!(ev.scope.asked.len(), 5000);
    let fr = ev.analysis.framework("scale").unwrap();
    assert_eq!(fr.counts.applicable, 2000);
    assert!(fr.readiness.is_some());
    assert_eq!(ev.plan.items.len(), 1000);
    let (answered, asked) = engine::progress(&ev, &a);
    assert_eq!((answered, asked), (5000, 5000));
}
