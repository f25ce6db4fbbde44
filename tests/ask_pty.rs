//! The real `trustgap ask` in a pseudo-terminal: answer a few prompts,
//! interrupt with Ctrl-C, resume, and find every answer.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use trustgap::assessment::{self, Value};

struct Session {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
}

impl Session {
    fn start(args: &[&str]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_trustgap"));
        cmd.args(args);
        cmd.env("TRUSTGAP_CONFIG_DIR", "/nonexistent/trustgap-test");
        cmd.env("TERM", "xterm-256color");
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(40, 120, 0)));
        let s2 = screen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => s2.lock().unwrap().process(&buf[..n]),
                }
            }
        });
        // Keep the master alive for the session's lifetime.
        std::mem::forget(pty.master);
        Session {
            child,
            writer,
            screen,
        }
    }

    fn text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, needle: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            if self.text().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("timed out waiting for {needle:?}; screen:\n{}", self.text());
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(150));
    }

    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        panic!("did not exit; screen:\n{}", self.text());
    }
}

const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";
const CTRL_C: &str = "\x03";

#[test]
fn ask_interrupted_and_resumed_keeps_every_answer() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("acme.toml");
    let f = file.to_str().unwrap();

    let mut s = Session::start(&[
        "ask",
        f,
        "--org",
        "Acme AI",
        "--by",
        "Dana",
        "--today",
        "2026-11-23",
    ]);
    s.wait_for("What stage is the company at?");
    s.send(DOWN);
    s.send(ENTER);
    s.wait_for("How many people work");
    s.send("14");
    s.send(ENTER);
    s.wait_for("Where do you sell");
    s.send(" ");
    s.send(ENTER);
    s.wait_for("established in the EU");
    s.send(CTRL_C);
    s.wait_for("stopped early");
    assert_eq!(s.wait_exit(), 0);

    let a = assessment::load(&file).unwrap();
    assert_eq!(a.organisation, "Acme AI");
    assert_eq!(
        a.answers["org.stage"].value,
        Some(Value::Text("seed".into()))
    );
    assert_eq!(a.answers["org.headcount"].value, Some(Value::Number(14.0)));
    assert_eq!(
        a.answers["org.markets"].value,
        Some(Value::List(vec!["us".into()]))
    );
    assert!(!a.answers["org.eu_established"].is_answered());

    // Resume: the first prompt is the first unanswered question.
    let mut s = Session::start(&["ask", f, "--by", "Dana", "--today", "2026-11-23"]);
    s.wait_for("established in the EU");
    assert!(!s.text().contains("What stage is the company at?"));
    s.send(DOWN);
    s.send(ENTER);
    s.wait_for("Who are your customers?");
    s.send(CTRL_C);
    assert_eq!(s.wait_exit(), 0);

    let a = assessment::load(&file).unwrap();
    assert_eq!(
        a.answers["org.stage"].value,
        Some(Value::Text("seed".into()))
    );
    assert_eq!(a.answers["org.headcount"].value, Some(Value::Number(14.0)));
    assert_eq!(
        a.answers["org.eu_established"].value,
        Some(Value::Text("no".into()))
    );
    assert_eq!(a.sessions.len(), 2, "both sittings are in the session log");
}

#[test]
fn ask_without_a_terminal_points_elsewhere() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_trustgap"))
        .args(["ask", "/tmp/never-created.toml"])
        .env("TRUSTGAP_CONFIG_DIR", "/nonexistent")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("needs a terminal") && err.contains("trustgap report"),
        "{err}"
    );
    assert!(!std::path::Path::new("/tmp/never-created.toml").exists());
}

#[test]
fn sigterm_and_sighup_restore_the_terminal_and_keep_answers() {
    for sig in ["TERM", "HUP"] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("acme.toml");
        let f = file.to_str().unwrap();
        let mut s = Session::start(&["ask", f, "--org", "Acme AI", "--today", "2026-11-23"]);
        s.wait_for("What stage is the company at?");
        s.send(DOWN);
        s.send(ENTER);
        s.wait_for("How many people work");
        let pid = s.child.process_id().unwrap();
        let _ = std::process::Command::new("kill")
            .args([&format!("-{sig}"), &pid.to_string()])
            .status();
        s.wait_for("every answer given so far is saved");
        let code = s.wait_exit();
        assert_ne!(code, 0, "SIG{sig} ends the process");
        // The cursor is visible again (inquire hides it while a prompt is open).
        assert!(
            !s.screen.lock().unwrap().screen().hide_cursor(),
            "SIG{sig}: cursor restored"
        );
        let a = assessment::load(&file).unwrap();
        assert_eq!(
            a.answers["org.stage"].value,
            Some(Value::Text("seed".into()))
        );
    }
}
