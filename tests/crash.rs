//! Crash safety: the real `trustgap ask` in a pseudo-terminal, killed with
//! SIGKILL at random moments. The file must always parse and hold every
//! answer acknowledged before the kill (an answer is acknowledged when the
//! next question appears).
//!
//! `cargo test --test crash` runs a few kills; set TRUSTGAP_CRASH_RUNS=100
//! for the long run (documented in BENCHMARKS.md).

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use trustgap::assessment::{self, Assessment};
use trustgap::catalog::{LoadOptions, SectionKind, load_catalog};

fn answered(a: &Assessment) -> usize {
    a.answers.values().filter(|x| x.is_answered()).count()
}

/// The seed example with every gap answer removed: ask starts at the gap
/// questions, where Enter answers "Implemented".
fn base_file(dir: &std::path::Path) -> (std::path::PathBuf, usize) {
    let cat = load_catalog(&LoadOptions::default());
    let qn = cat.questionnaire("trustgap-core").unwrap();
    let src = trustgap::embedded::bundled_examples()
        .iter()
        .find(|(n, _)| *n == "seed-llm-startup")
        .unwrap()
        .1;
    let mut a = assessment::parse("seed", src).unwrap();
    a.answers.retain(|id, _| {
        qn.question(id)
            .is_some_and(|q| qn.section_kind(q) == SectionKind::Scoping)
    });
    a.ensure_placeholders(qn);
    let path = dir.join("crash.toml");
    assessment::save(&a, &path).unwrap();
    (path, answered(&a))
}

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

fn headers(screen: &Arc<Mutex<Vec<u8>>>) -> usize {
    let bytes = screen.lock().unwrap();
    let text = String::from_utf8_lossy(&bytes);
    text.match_indices(" answered")
        .filter(|(i, m)| matches!(text.as_bytes().get(i + m.len()), Some(b'\r' | b'\n')))
        .count()
}

fn one_run(path: &std::path::Path, rng: &mut Lcg) -> usize {
    let before = answered(&assessment::load(path).unwrap());
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 160,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_trustgap"));
    cmd.args([
        "ask",
        path.to_str().unwrap(),
        "--by",
        "crash-test",
        "--today",
        "2026-11-23",
    ]);
    cmd.env("TRUSTGAP_CONFIG_DIR", "/nonexistent/trustgap-test");
    cmd.env("TERM", "xterm-256color");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut writer = pty.master.take_writer().unwrap();
    let out = Arc::new(Mutex::new(Vec::new()));
    let o2 = out.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            o2.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
    // Waits for the n-th question and for its prompt to be drawn (keys
    // typed before the prompt takes the terminal could be lost).
    let wait_headers = |n: usize| {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            if headers(&out) >= n {
                let bytes = out.lock().unwrap().clone();
                let text = String::from_utf8_lossy(&bytes);
                let last = text.rfind(" answered").unwrap_or(0);
                if text[last..].contains("Ctrl-C stop") {
                    std::thread::sleep(Duration::from_millis(20));
                    return true;
                }
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        false
    };
    // ask first offers to add AI systems: choose "Continue".
    let start = Instant::now();
    while !String::from_utf8_lossy(&out.lock().unwrap()).contains("Add one?") {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the systems prompt never appeared"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    writer.write_all(b"\x1b[B\r").unwrap();
    writer.flush().unwrap();
    assert!(wait_headers(1), "first question never appeared");
    let acknowledged = 1 + rng.next(5) as usize;
    for k in 1..=acknowledged {
        writer.write_all(b"\r").unwrap();
        writer.flush().unwrap();
        if !wait_headers(k + 1) {
            let bytes = out.lock().unwrap().clone();
            let text = String::from_utf8_lossy(&bytes);
            let tail: String = text
                .chars()
                .rev()
                .take(1500)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            panic!(
                "question {} never appeared; output ends with:\n{tail}",
                k + 1
            );
        }
    }
    // One more answer in flight, then SIGKILL at a random moment.
    writer.write_all(b"\r").unwrap();
    writer.flush().unwrap();
    std::thread::sleep(Duration::from_micros(rng.next(20_000)));
    let pid = child.process_id().unwrap();
    let _ = std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status();
    let _ = child.wait();
    drop(pty.master);

    let a =
        assessment::load(path).unwrap_or_else(|e| panic!("the file must parse after SIGKILL: {e}"));
    let after = answered(&a);
    assert!(
        after >= before + acknowledged,
        "{acknowledged} acknowledged answers, but only {} new in the file",
        after - before
    );
    assert!(
        after <= before + acknowledged + 1,
        "at most the answer in flight is extra"
    );
    after - before
}

#[test]
fn sigkill_never_loses_acknowledged_answers() {
    let runs: usize = std::env::var("TRUSTGAP_CRASH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = base_file(dir.path());
    let mut rng = Lcg(0x5eed_2026_1123);
    let mut total = 0;
    for i in 0..runs {
        // About five answers a run: start afresh before the questions run out.
        if i > 0 && i % 20 == 0 {
            base_file(dir.path());
        }
        total += one_run(&path, &mut rng);
    }
    assert!(total >= runs);
    // Only temporary files of writes cut short by SIGKILL may remain beside it.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "crash.toml")
        .collect();
    assert!(
        leftovers.iter().all(|n| n.ends_with(".tmp")),
        "{leftovers:?}"
    );
}
