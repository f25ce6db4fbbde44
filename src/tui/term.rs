//! The runtime: owns the terminal, reads events, calls `update`, performs
//! effects and draws. Terminal state is restored in exactly one place,
//! [`restore`], which the drop guard, the panic hook and the signal path all
//! reach, and which runs once.

use std::io::{self, IsTerminal, Stdout, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Result;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use jiff::civil::Date;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::app::{App, Doc, display_path};
use super::strings as s;
use super::theme::Theme;
use super::{effects, update, view};
use crate::catalog::Catalog;
use crate::exit::Exit;

/// How the wizard starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    /// The start screen: new, resume, or open from the data directory.
    Home,
    /// A new assessment (in the data directory unless a file is given).
    New {
        file: Option<PathBuf>,
        org: Option<String>,
    },
    /// An existing assessment file.
    Open(PathBuf),
}

fn usage(message: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(Exit {
        code: 2,
        message: message.into(),
    })
}

/// Builds the first state for a start request (checks files before the
/// terminal is taken over, so errors print as plain lines).
pub fn prepare(cat: Catalog, start: &Start, today: Date, theme: Theme) -> Result<App> {
    let mut app = App::new(Arc::new(cat), today, jiff::Timestamp::now, theme);
    let data_dir = crate::workspace::data_dir();
    app.start.data_dir = data_dir.clone();
    match start {
        Start::Home => {
            if let Some(d) = data_dir.as_ref().filter(|d| d.is_dir()) {
                app.start.list = crate::workspace::list(&app.cat, d, today).unwrap_or_default();
            }
        }
        Start::Open(path) => {
            let a = crate::assessment::load(path).map_err(|e| usage(e.to_string()))?;
            let doc = Doc::new(&app.cat, path.clone(), a, today).map_err(usage)?;
            app.open_doc(doc);
            app.begin_sitting(true);
            app.info(s::opened(path));
        }
        Start::New { file, org } => {
            let path = match (file, org, &data_dir) {
                (Some(f), _, _) => Some(f.clone()),
                (None, Some(o), Some(d)) => Some(d.join(crate::workspace::file_name_for(o))),
                (None, Some(_), None) => {
                    return Err(usage(s::NO_DATA_DIR_FOR_NEW));
                }
                (None, None, _) => None,
            };
            if let Some(p) = &path
                && p.exists()
            {
                return Err(usage(s::exists_use_open(p)));
            }
            match (org, path) {
                (Some(o), Some(p)) => {
                    effects::create(&mut app, &p, o, "").map_err(usage)?;
                    app.info(s::created(&p));
                }
                (_, p) => {
                    update::open_new_form(&mut app, p);
                }
            }
        }
    }
    Ok(app)
}

/// Runs the wizard; returns the exit code.
pub fn run(cat: Catalog, start: Start, today: Date) -> Result<i32> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        // `ask` needs a terminal on standard input too: offer it only then.
        let message = if io::stdin().is_terminal() {
            format!("{}{}", s::NOT_A_TERMINAL, s::NOT_A_TERMINAL_ASK)
        } else {
            s::NOT_A_TERMINAL.to_string()
        };
        return Err(usage(message));
    }
    let app = prepare(cat, &start, today, Theme::from_env())?;
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGQUIT,
    ] {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
    }
    let (app, result) = {
        let _guard = Guard;
        let mut terminal = setup()?;
        let mut app = app;
        let r = event_loop(&mut terminal, &mut app, &signal);
        if terminal_gone() {
            // The terminal hung up. ratatui's drop would try to show the
            // cursor and report the failure on the dead terminal (a panic).
            std::mem::forget(terminal);
        }
        (app, r)
        // `_guard` restores the terminal here, before anything is printed.
    };
    restore();
    let sig = signal.load(Ordering::SeqCst) as i32;
    if terminal_gone() {
        // The terminal hung up: there is no one to tell, and nothing is lost
        // (every change was saved when it was made).
        return Ok(128
            + if sig != 0 {
                sig
            } else {
                signal_hook::consts::SIGHUP
            });
    }
    result?;
    if let Some(doc) = &app.doc {
        let path = display_path(&doc.path);
        if let Some(error) = &app.unsaved {
            // Never claim a save that did not happen.
            let _ = writeln!(io::stderr(), "{}", s::goodbye_unsaved(&path, error));
            return Ok(if sig != 0 { 128 + sig } else { 1 });
        }
        let _ = writeln!(io::stdout(), "{}", s::goodbye(&path));
        // The sitting's summary, as `ask` prints it.
        if let Some(se) = app
            .workshop
            .current
            .as_ref()
            .and_then(|id| doc.a.sessions.get(id).map(|se| (id, se)))
            .filter(|(_, se)| !se.summary.is_empty())
        {
            let _ = writeln!(io::stdout(), "Sitting {}: {}", se.0, se.1.summary);
        }
    }
    Ok(if sig != 0 { 128 + sig } else { 0 })
}

static ACTIVE: AtomicBool = AtomicBool::new(false);
static HOOK: std::sync::Once = std::sync::Once::new();

/// Gives the terminal back: mouse and paste modes off, alternate screen
/// left, cursor shown, raw mode off. Runs once, however many paths call it.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let mut out = io::stdout();
        let _ = execute!(
            out,
            DisableMouseCapture,
            DisableBracketedPaste,
            LeaveAlternateScreen,
            cursor::Show
        );
        let _ = out.flush();
        let _ = disable_raw_mode();
    }
}

struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

fn setup() -> Result<Terminal<CrosstermBackend<Stdout>>> {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
    ACTIVE.store(true, Ordering::SeqCst);
    enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(
        out,
        EnterAlternateScreen,
        EnableBracketedPaste,
        EnableMouseCapture
    )?;
    let mut t = Terminal::new(CrosstermBackend::new(out))?;
    repaint(&mut t)?;
    Ok(t)
}

/// Clears the screen and forgets what was drawn, so the next frame is drawn
/// in full. (`Terminal::clear` would ask the terminal for the cursor
/// position, which not every terminal answers; `resize` does not.)
fn repaint(t: &mut Terminal<CrosstermBackend<Stdout>>) -> io::Result<()> {
    let size = t.size()?;
    t.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

/// Whether the terminal went away (a closed window or SSH connection): a
/// hung-up terminal fails the terminal-attributes query behind `isatty`.
/// (crossterm's `size()` is no test: it falls back to `tput`.)
fn terminal_gone() -> bool {
    !io::stdin().is_terminal() || !io::stdout().is_terminal()
}

/// Reads terminal events on their own thread. crossterm's reader loops
/// without returning when the terminal hangs up (reads of 0 bytes), so the
/// main loop must never block in it: it waits on this channel with a
/// timeout instead, and can always notice signals and a vanished terminal.
fn spawn_reader() -> mpsc::Receiver<io::Result<Event>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        loop {
            let ev = event::read();
            let stop = ev.is_err();
            if tx.send(ev).is_err() || stop {
                break;
            }
        }
    });
    rx
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    signal: &AtomicUsize,
) -> Result<()> {
    let size = terminal.size()?;
    app.size = (size.width, size.height);
    let events = spawn_reader();
    let mut dirty = true;
    loop {
        if signal.load(Ordering::SeqCst) != 0 {
            return Ok(());
        }
        if dirty {
            terminal.draw(|f| view::view(app, f))?;
            dirty = false;
        }
        if app.quit {
            return Ok(());
        }
        // Wake up now and then to notice signals and a hang-up; redraw
        // only on events.
        let first = match events.recv_timeout(Duration::from_millis(200)) {
            Ok(Err(_)) if terminal_gone() => return Ok(()),
            Ok(ev) => ev?,
            Err(mpsc::RecvTimeoutError::Timeout) if terminal_gone() => return Ok(()),
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
        };
        // Take everything pending, keeping only the last resize.
        let mut batch = vec![first];
        while batch.len() < 256 {
            match events.try_recv() {
                Ok(ev) => batch.push(ev?),
                Err(_) => break,
            }
        }
        let last_resize = batch.iter().rposition(|e| matches!(e, Event::Resize(..)));
        for (i, ev) in batch.iter().enumerate() {
            if matches!(ev, Event::Resize(..)) && Some(i) != last_resize {
                continue;
            }
            let mut clear = matches!(ev, Event::Resize(..));
            for effect in update::update(app, ev) {
                clear |= effects::perform(app, effect);
            }
            if clear {
                repaint(terminal)?;
            }
            dirty = true;
            if app.quit {
                break;
            }
        }
    }
}
