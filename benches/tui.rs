//! The wizard's frame time and update time.
//!
//! `cargo bench --bench tui`: draws every screen of the seed-stage example
//! into ratatui's `TestBackend` at 80x24, 120x40 and 250x80 (view + buffer
//! diff, what a frame costs apart from writing to the terminal), and times
//! `update` for a move and for an answer (which re-evaluates the engine).

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use jiff::civil::date;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use trustgap::catalog::{LoadOptions, load_catalog};
use trustgap::tui::{App, Doc, Overlay, QRef, Screen, Theme, update, view};

fn app() -> App {
    let cat = Arc::new(load_catalog(&LoadOptions {
        dirs: Vec::new(),
        user_dir: None,
        no_embedded: false,
    }));
    let mut app = App::new(
        cat,
        date(2026, 11, 23),
        || "2026-11-23T10:15:00Z".parse().unwrap(),
        Theme { color: true },
    );
    let src = include_str!("../examples/seed-llm-startup.toml");
    let a = trustgap::assessment::parse("seed.toml", src).unwrap();
    let doc = Doc::new(&app.cat, PathBuf::from("/bench/seed.toml"), a, app.today).unwrap();
    app.open_doc(doc);
    app
}

fn key(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn render(c: &mut Criterion) {
    let mut app = app();
    let screens: [(&str, Screen); 6] = [
        ("sections", Screen::Sections),
        ("question", Screen::Question),
        ("results", Screen::Results),
        ("plan", Screen::Plan),
        ("workshop", Screen::Workshop),
        ("help", Screen::Sections),
    ];
    let mut g = c.benchmark_group("render");
    for (w, h) in [(80u16, 24u16), (120, 40), (250, 80)] {
        for (name, screen) in screens {
            app.screen = screen;
            app.overlay = (name == "help").then_some(Overlay::Help { scroll: 0 });
            if screen == Screen::Question {
                app.set_question(QRef::org("iam.mfa"));
            }
            let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
            // Alternate between two states so every frame really draws.
            g.bench_function(format!("{name}/{w}x{h}"), |b| {
                b.iter(|| {
                    app.results.scroll[0] ^= 1;
                    app.plan.sel ^= 1;
                    t.draw(|f| view(black_box(&app), f)).unwrap();
                })
            });
        }
    }
    app.overlay = None;
    app.screen = Screen::Start;
    app.doc = None;
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    g.bench_function("start/120x40", |b| {
        b.iter(|| {
            t.draw(|f| view(black_box(&app), f)).unwrap();
        })
    });
    g.finish();
}

fn updates(c: &mut Criterion) {
    let mut g = c.benchmark_group("update");
    let mut app = app();
    app.screen = Screen::Sections;
    g.bench_function("move (sections, down/up)", |b| {
        b.iter(|| {
            update(&mut app, &key(KeyCode::Down));
            update(&mut app, &key(KeyCode::Up));
        })
    });
    let mut app = self::app();
    g.bench_function("answer (readiness, re-evaluate)", |b| {
        b.iter(|| {
            app.set_question(QRef::org("iam.mfa"));
            app.screen = Screen::Question;
            black_box(update(&mut app, &key(KeyCode::Char('p'))));
        })
    });
    g.finish();
}

criterion_group!(benches, render, updates);
criterion_main!(benches);
