//! The real binary in a pseudo-terminal: start an assessment, answer,
//! quit, reopen and find the answers; and check every time that the
//! terminal was given back (alternate screen left, cursor shown, mouse and
//! bracketed paste off), also after SIGTERM and SIGHUP.

#![cfg(unix)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    _master: Box<dyn MasterPty + Send>,
    started: Instant,
}

fn spawn(args: &[&str], data_dir: &Path) -> Session {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_trustgap"));
    cmd.args(args);
    cmd.args(["--today", "2026-11-23"]);
    cmd.env("TERM", "xterm-256color");
    cmd.env("TRUSTGAP_DATA_DIR", data_dir);
    cmd.env("TRUSTGAP_CONFIG_DIR", "/nonexistent/trustgap-test");
    cmd.env("NO_COLOR", "1");
    cmd.cwd(data_dir);
    let started = Instant::now();
    let child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let writer = pair.master.take_writer().unwrap();
    let screen = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
    let raw = Arc::new(Mutex::new(Vec::new()));
    let (s2, r2) = (Arc::clone(&screen), Arc::clone(&raw));
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    s2.lock().unwrap().process(&buf[..n]);
                    r2.lock().unwrap().extend_from_slice(&buf[..n]);
                }
            }
        }
    });
    Session {
        child,
        writer,
        screen,
        raw,
        _master: pair.master,
        started,
    }
}

impl Session {
    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`; returns the time since start.
    fn wait_for(&self, text: &str) -> Duration {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if self.contents().contains(text) {
                return self.started.elapsed();
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {text:?}; screen:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn keys(&mut self, s: &str) {
        self.writer.write_all(s.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // Let the program draw before the next key (as a person would).
        std::thread::sleep(Duration::from_millis(120));
    }

    fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                // Let the reader drain the last bytes.
                std::thread::sleep(Duration::from_millis(200));
                return st.exit_code();
            }
            assert!(
                Instant::now() < deadline,
                "did not exit; screen:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The terminal is back as it was: main screen, cursor shown, and every
    /// mode the wizard turned on turned off again (last change wins).
    fn assert_restored(&self) {
        let p = self.screen.lock().unwrap();
        assert!(
            !p.screen().alternate_screen(),
            "still on the alternate screen"
        );
        assert!(!p.screen().hide_cursor(), "cursor left hidden");
        let raw = String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned();
        for mode in ["1049", "1000", "1002", "1003", "1006", "2004"] {
            let on = raw.rfind(&format!("\x1b[?{mode}h"));
            let off = raw.rfind(&format!("\x1b[?{mode}l"));
            if let Some(on) = on {
                assert!(off.is_some_and(|off| off > on), "mode ?{mode} left on");
            }
        }
        assert!(raw.contains("\x1b[?1049h"), "used the alternate screen");
    }
}

#[test]
fn start_answer_quit_reopen_and_find_the_answers() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("acme.toml");
    let f = file.to_str().unwrap();
    let mut s = spawn(&["new", f, "--org", "Acme AI"], dir.path());
    let first_frame = s.wait_for("What stage is the company at?");
    eprintln!("first frame after {first_frame:?} (debug build)");
    s.keys("2"); // org.stage: seed
    s.wait_for("How many people");
    s.keys("1");
    s.keys("2");
    s.keys("\r"); // org.headcount: 12
    s.wait_for("Where do you sell");
    s.keys("1");
    s.keys("2");
    s.keys("\r"); // org.markets: us, eu
    s.wait_for("established in the");
    s.keys("n"); // org.eu_established: no
    s.wait_for("Who are your customers");
    s.keys("t");
    s.keys("Ask Leo");
    s.keys("\r"); // a note on org.customers, not answered
    s.keys("q");
    // The end of the sitting: what it did, and a line for notes.
    s.wait_for("End of this sitting");
    s.wait_for("4 answered");
    s.keys("Kick-off went well");
    s.keys("\r");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
    assert!(
        s.contents().contains("Your answers are saved in"),
        "{}",
        s.contents()
    );

    let a = trustgap::assessment::load(&file).unwrap();
    use trustgap::assessment::Value;
    assert_eq!(
        a.answers["org.stage"].value,
        Some(Value::Text("seed".into()))
    );
    assert_eq!(a.answers["org.headcount"].value, Some(Value::Number(12.0)));
    assert_eq!(
        a.answers["org.markets"].value,
        Some(Value::List(vec!["us".into(), "eu".into()]))
    );
    assert_eq!(
        a.answers["org.eu_established"].value,
        Some(Value::Text("no".into()))
    );
    assert_eq!(a.answers["org.customers"].note.as_deref(), Some("Ask Leo"));
    // The sitting was recorded without pressing s: its counts and notes.
    let sitting = a.sessions.values().next().unwrap();
    assert!(
        sitting
            .summary
            .starts_with("4 answered, 0 changed, 0 parked"),
        "{}",
        sitting.summary
    );
    assert!(sitting.summary.ends_with("Notes: Kick-off went well"));
    assert_eq!(sitting.sections, vec!["org"]);

    // Reopen: a new sitting asks who is here; then the sections show the
    // progress, the question shows the answer.
    let mut s = spawn(&["open", f], dir.path());
    s.wait_for("who is here?");
    s.keys("\r");
    s.wait_for("Your company");
    s.wait_for("4/13");
    s.keys("\r"); // open the section: its first unanswered question
    s.wait_for("Who are your customers");
    s.wait_for("Note: Ask Leo");
    s.keys("\x1b[D"); // back: the answered yes/no question
    s.wait_for("● No");
    s.keys("\x03"); // Ctrl-C
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();

    // The start screen lists it, and resumes it with r.
    let mut s = spawn(&[], dir.path());
    s.wait_for("Acme AI");
    s.wait_for("4/");
    s.keys("r"); // the sections, at the first unanswered question's section
    s.wait_for("who is here?");
    s.keys("\r");
    s.wait_for("Your company");
    s.keys("\r");
    s.wait_for("Who are your customers");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

fn kill(pid: u32, sig: &str) {
    let st = std::process::Command::new("kill")
        .args([&format!("-{sig}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(st.success());
}

#[test]
fn sigterm_and_sighup_restore_the_terminal_and_keep_the_file() {
    for (sig, code) in [("TERM", 143), ("HUP", 129)] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("acme.toml");
        let f = file.to_str().unwrap();
        let mut s = spawn(&["new", f, "--org", "Acme AI"], dir.path());
        s.wait_for("What stage is the company at?");
        s.keys("3");
        s.wait_for("How many people");
        let before = std::fs::read_to_string(&file).unwrap();
        kill(s.child.process_id().unwrap(), sig);
        assert_eq!(s.wait_exit(), code, "SIG{sig}");
        s.assert_restored();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), before, "SIG{sig}");
        let a = trustgap::assessment::load(&file).unwrap();
        assert!(a.answers["org.stage"].is_answered());
    }
}

#[test]
fn a_terminal_that_hangs_up_ends_the_wizard_instead_of_spinning() {
    // Close every handle on the terminal's master side, as a terminal window
    // or an SSH connection that goes away does: the wizard must exit (it
    // used to spin in the event reader on end-of-file).
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("acme.toml");
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_trustgap"));
    cmd.args(["new", file.to_str().unwrap(), "--org", "Acme AI"]);
    cmd.env("TERM", "xterm-256color");
    cmd.env("TRUSTGAP_DATA_DIR", dir.path());
    cmd.env("TRUSTGAP_CONFIG_DIR", "/nonexistent/trustgap-test");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    // Read until the first frame, then let go of the reader.
    let seen = std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 8192];
        while !String::from_utf8_lossy(&all).contains("stage") {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => all.extend_from_slice(&buf[..n]),
            }
        }
        String::from_utf8_lossy(&all).contains("stage")
    })
    .join()
    .unwrap();
    assert!(seen, "the first frame was drawn");
    drop(pair.master);
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("the wizard did not exit after the terminal hung up");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    // As after SIGHUP (128 + 1), and no panic on the vanished terminal.
    assert_eq!(status.exit_code(), 129, "{status:?}");
    assert!(
        trustgap::assessment::load(&file).is_ok(),
        "the file is intact"
    );
}

/// A save that fails stops the flow with a dialog; `q` then asks, and
/// leaving anyway exits non-zero without claiming a save. Saving to another
/// file from the dialog keeps working there, and leaving then is clean.
#[test]
fn a_failed_save_stops_with_a_dialog_and_never_claims_a_save() {
    let home = tempfile::tempdir().unwrap();
    let work = home.path().join("client");
    std::fs::create_dir_all(&work).unwrap();
    let file = work.join("acme.toml");
    let f = file.to_str().unwrap().to_string();
    let mut s = spawn(&["new", &f, "--org", "Acme AI"], home.path());
    s.wait_for("What stage is the company at?");
    // The folder disappears (as a pulled drive or a revoked share would):
    // the next save fails.
    std::fs::remove_dir_all(&work).unwrap();
    s.keys("2");
    s.wait_for("Your answers are not saved");
    s.wait_for("Save them to another file");
    s.keys("\x1b"); // keep working, not saved
    s.keys("q");
    s.wait_for("Quit without saving?");
    s.keys("y");
    assert_eq!(s.wait_exit(), 1);
    s.assert_restored();
    let shown = s.contents();
    assert!(!shown.contains("Your answers are saved in"), "{shown}");
    assert!(shown.contains("NOT SAVED"), "{shown}");

    // Again, this time saving elsewhere from the dialog.
    std::fs::create_dir_all(&work).unwrap();
    let mut s = spawn(&["new", &f, "--org", "Acme AI"], home.path());
    s.wait_for("What stage is the company at?");
    std::fs::remove_dir_all(&work).unwrap();
    s.keys("2");
    s.wait_for("Your answers are not saved");
    let elsewhere = home.path().join("rescued.toml");
    s.keys("\x15"); // Ctrl-U: clear the suggested path
    s.keys(elsewhere.to_str().unwrap());
    s.keys("\r");
    s.wait_for("rescued.toml; from now on");
    s.keys("q");
    s.wait_for("End of this sitting");
    s.keys("\r");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
    let a = trustgap::assessment::load(&elsewhere).unwrap();
    assert_eq!(
        a.answers["org.stage"].value,
        Some(trustgap::assessment::Value::Text("seed".into()))
    );
}

/// Two wizards on one file: each keeps what the other saved.
#[test]
fn two_wizards_on_one_file_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("acme.toml");
    let f = file.to_str().unwrap().to_string();
    let mut first = spawn(&["new", &f, "--org", "Acme AI"], dir.path());
    first.wait_for("What stage is the company at?");
    let mut second = spawn(&["open", &f], dir.path());
    second.wait_for("who is here?");
    second.keys("\r");
    second.wait_for("Your company");
    second.keys("\r"); // the section's first question still to answer
    second.wait_for("How many people");
    first.keys("2"); // org.stage: seed (saved)
    first.wait_for("How many people");
    second.keys("1");
    second.keys("2");
    second.keys("\r"); // org.headcount: 12 (saved, keeping the stage)
    second.wait_for("Where do you sell");
    first.keys("q");
    first.wait_for("End of this sitting");
    first.keys("\r");
    assert_eq!(first.wait_exit(), 0);
    second.keys("q");
    second.wait_for("End of this sitting");
    second.keys("\r");
    assert_eq!(second.wait_exit(), 0);
    let a = trustgap::assessment::load(&file).unwrap();
    use trustgap::assessment::Value;
    assert_eq!(
        a.answers["org.stage"].value,
        Some(Value::Text("seed".into()))
    );
    assert_eq!(a.answers["org.headcount"].value, Some(Value::Number(12.0)));
}

/// Long option lists: `0` chooses "None of these" on Annex III in one key,
/// End reaches the last option, and a key that does nothing says which
/// keys work.
#[test]
fn none_of_these_in_one_key_on_annex_iii() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("seed.toml");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/seed-llm-startup.toml"
        ),
        &file,
    )
    .unwrap();
    let f = file.to_str().unwrap().to_string();
    let mut s = spawn(&["open", &f], dir.path());
    // The sitting this opening starts: say who is here.
    s.wait_for("who is here?");
    s.keys("\x15"); // Ctrl-U: replace the last attendees
    s.keys("Maya Ruiz (CTO), Sam Lindqvist");
    s.keys("\r");
    s.keys("/");
    s.keys("purposes listed in Annex III");
    s.keys("\r");
    s.wait_for("Annex III?");
    s.keys("3"); // a use: "None of these" is cleared
    s.wait_for("[x] 1-c");
    s.keys("0"); // none of these, in one key
    s.keys("\x1b[F"); // End: the last option, and the count below it
    s.wait_for("[x] None of these");
    s.wait_for("1 of 26 chosen");
    s.keys("z"); // no option starts with z
    s.wait_for("Keys here:");
    // An owner picked from the people in the assessment: type, ↓, Enter.
    s.keys("o");
    s.wait_for("People in this assessment");
    s.keys("\x15");
    s.keys("lindq");
    s.keys("\x1b[B");
    s.keys("\r");
    s.keys("q");
    s.wait_for("End of this sitting");
    s.keys("\r");
    assert_eq!(s.wait_exit(), 0);
    let a = trustgap::assessment::load(&file).unwrap();
    let sys = a.systems.values().next().unwrap();
    assert_eq!(
        sys.answers["sys.annex_iii"].value,
        Some(trustgap::assessment::Value::List(vec!["none".into()]))
    );
    assert_eq!(
        sys.answers["sys.annex_iii"].owner.as_deref(),
        Some("Sam Lindqvist (Founding engineer, infrastructure)")
    );
    // The sitting was recorded without pressing s: attendees and counts.
    let sitting = &a.sessions["2026-11-23"];
    assert_eq!(sitting.attendees, vec!["Maya Ruiz (CTO)", "Sam Lindqvist"]);
    assert!(
        sitting
            .summary
            .starts_with("0 answered, 1 changed, 0 parked (don't know), 1 owner(s) assigned"),
        "{}",
        sitting.summary
    );
}

/// A click on a row of the sections list selects it (SGR mouse report).
#[test]
fn a_click_on_a_row_selects_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("seed.toml");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/seed-llm-startup.toml"
        ),
        &file,
    )
    .unwrap();
    let f = file.to_str().unwrap().to_string();
    let mut s = spawn(&["open", &f], dir.path());
    s.wait_for("who is here?");
    s.keys("\r");
    s.wait_for("Vendors and subprocessors");
    let row = s
        .contents()
        .lines()
        .position(|l| l.contains("Vendors and subprocessors"))
        .unwrap();
    // Left button press then release at column 10 of that row (1-based).
    s.keys(&format!("\x1b[<0;10;{}M\x1b[<0;10;{}m", row + 1, row + 1));
    s.keys("\r"); // open the clicked section
    s.wait_for("Vendors and subprocessors ·");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}
