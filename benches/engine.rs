//! Engine and export benchmarks: catalog load, evaluate (scope + analyze +
//! plan) per example and at scale, and each export format.
//!
//! Run: `cargo bench --bench engine`. Figures in BENCHMARKS.md.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::date;
use trustgap::assessment;
use trustgap::catalog::{LoadOptions, load_catalog, load_from_strs};
use trustgap::embedded::bundled_examples;
use trustgap::report::export::{Format as ReportFormat, render};
use trustgap::{engine, synthetic};

fn catalog_load(c: &mut Criterion) {
    c.bench_function("catalog/load_embedded", |b| {
        b.iter(|| black_box(load_catalog(&LoadOptions::default())))
    });
}

fn evaluate_examples(c: &mut Criterion) {
    let cat = load_catalog(&LoadOptions::default());
    let qn = cat.questionnaire("trustgap-core").unwrap();
    let today = date(2026, 11, 23);
    for (name, src) in bundled_examples() {
        let a = assessment::parse(name, src).unwrap();
        c.bench_function(&format!("evaluate/{name}"), |b| {
            b.iter(|| black_box(engine::evaluate(&cat, qn, &a, today)))
        });
        c.bench_function(&format!("parse_assessment/{name}"), |b| {
            b.iter(|| black_box(assessment::parse(name, src).unwrap()))
        });
        for (label, format) in [
            ("md", ReportFormat::Md),
            ("json", ReportFormat::Json),
            ("table", ReportFormat::Table),
            ("csv", ReportFormat::Csv),
            ("oscal", ReportFormat::Oscal),
            ("oscal_ar", ReportFormat::OscalAr),
        ] {
            c.bench_function(&format!("export_{label}/{name}"), |b| {
                b.iter(|| black_box(render(&cat, &a, name, format, today).unwrap()))
            });
        }
    }
}

fn evaluate_scale(c: &mut Criterion) {
    let files = synthetic::catalog(5000, 2000);
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, s)| (n.as_str(), s.as_str()))
        .collect();
    let cat = load_from_strs(&refs);
    let qn = cat.questionnaire("trustgap-core").unwrap();
    let a = assessment::parse("scale.toml", &synthetic::assessment(5000)).unwrap();
    let today = date(2026, 11, 23);
    let mut g = c.benchmark_group("scale_5000q_2000r");
    g.sample_size(20);
    g.bench_function("load_catalog", |b| {
        b.iter(|| black_box(load_from_strs(&refs)))
    });
    g.bench_function("validate", |b| {
        b.iter(|| black_box(trustgap::catalog::validate::validate(&cat)))
    });
    g.bench_function("evaluate", |b| {
        b.iter(|| black_box(engine::evaluate(&cat, qn, &a, today)))
    });
    g.bench_function("export_md", |b| {
        b.iter(|| black_box(render(&cat, &a, "scale", ReportFormat::Md, today).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, catalog_load, evaluate_examples, evaluate_scale);
criterion_main!(benches);
