//! Line-by-line prompts behind a small trait, so that tests can script the
//! answers and the real program uses inquire.
//!
//! inquire must never run while the full-screen wizard holds the terminal:
//! these prompts are only used by line-mode commands.

pub mod ask;
mod question;
mod sitting;
mod systems;

use std::collections::VecDeque;

/// Why a prompt did not return an answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PromptError {
    /// Ctrl-C: stop, keep what was saved.
    #[error("interrupted")]
    Interrupted,
    /// Esc: go back one step.
    #[error("cancelled")]
    Cancelled,
    #[error("{0}")]
    Other(String),
}

/// The prompts trustgap needs.
pub trait Prompter {
    /// Pick one of `options`; returns its index.
    fn select(
        &mut self,
        message: &str,
        options: &[String],
        help: Option<&str>,
    ) -> Result<usize, PromptError>;
    /// Pick any of `options`; returns their indexes.
    fn multi_select(
        &mut self,
        message: &str,
        options: &[String],
        defaults: &[usize],
        help: Option<&str>,
    ) -> Result<Vec<usize>, PromptError>;
    /// Free text.
    fn text(
        &mut self,
        message: &str,
        default: &str,
        help: Option<&str>,
    ) -> Result<String, PromptError>;
    /// Yes or no.
    fn confirm(&mut self, message: &str, default: bool) -> Result<bool, PromptError>;
    /// A line of output between prompts.
    fn say(&mut self, line: &str);
}

/// One scripted reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    Select(usize),
    Multi(Vec<usize>),
    Text(String),
    Confirm(bool),
    Interrupt,
    Cancel,
}

/// A prompter that replays a script (for tests) and records what it said.
#[derive(Debug, Default)]
pub struct Scripted {
    pub replies: VecDeque<Reply>,
    pub said: Vec<String>,
    pub asked: Vec<String>,
}

impl Scripted {
    pub fn new(replies: impl IntoIterator<Item = Reply>) -> Self {
        Scripted {
            replies: replies.into_iter().collect(),
            ..Scripted::default()
        }
    }

    fn next(&mut self, message: &str) -> Result<Reply, PromptError> {
        self.asked.push(message.to_string());
        match self.replies.pop_front() {
            None | Some(Reply::Interrupt) => Err(PromptError::Interrupted),
            Some(Reply::Cancel) => Err(PromptError::Cancelled),
            Some(r) => Ok(r),
        }
    }
}

fn mismatch(message: &str, reply: &Reply) -> PromptError {
    PromptError::Other(format!("script gave {reply:?} for prompt {message:?}"))
}

impl Prompter for Scripted {
    fn select(
        &mut self,
        message: &str,
        options: &[String],
        _help: Option<&str>,
    ) -> Result<usize, PromptError> {
        match self.next(message)? {
            Reply::Select(i) if i < options.len() => Ok(i),
            r => Err(mismatch(message, &r)),
        }
    }

    fn multi_select(
        &mut self,
        message: &str,
        options: &[String],
        _defaults: &[usize],
        _help: Option<&str>,
    ) -> Result<Vec<usize>, PromptError> {
        match self.next(message)? {
            Reply::Multi(v) if v.iter().all(|i| *i < options.len()) => Ok(v),
            r => Err(mismatch(message, &r)),
        }
    }

    fn text(
        &mut self,
        message: &str,
        default: &str,
        _help: Option<&str>,
    ) -> Result<String, PromptError> {
        match self.next(message)? {
            Reply::Text(t) if t.is_empty() => Ok(default.to_string()),
            Reply::Text(t) => Ok(t),
            r => Err(mismatch(message, &r)),
        }
    }

    fn confirm(&mut self, message: &str, _default: bool) -> Result<bool, PromptError> {
        match self.next(message)? {
            Reply::Confirm(b) => Ok(b),
            r => Err(mismatch(message, &r)),
        }
    }

    fn say(&mut self, line: &str) {
        self.said.push(line.to_string());
    }
}

/// The real prompts, drawn by inquire on the terminal.
#[derive(Debug, Default)]
pub struct Terminal;

fn map_err(e: inquire::InquireError) -> PromptError {
    match e {
        inquire::InquireError::OperationInterrupted => PromptError::Interrupted,
        inquire::InquireError::OperationCanceled => PromptError::Cancelled,
        other => PromptError::Other(other.to_string()),
    }
}

impl Prompter for Terminal {
    fn select(
        &mut self,
        message: &str,
        options: &[String],
        help: Option<&str>,
    ) -> Result<usize, PromptError> {
        let mut p = inquire::Select::new(message, options.to_vec()).with_page_size(12);
        if let Some(h) = help {
            p = p.with_help_message(h);
        }
        p.raw_prompt().map(|o| o.index).map_err(map_err)
    }

    fn multi_select(
        &mut self,
        message: &str,
        options: &[String],
        defaults: &[usize],
        help: Option<&str>,
    ) -> Result<Vec<usize>, PromptError> {
        let mut p = inquire::MultiSelect::new(message, options.to_vec())
            .with_default(defaults)
            .with_page_size(12);
        if let Some(h) = help {
            p = p.with_help_message(h);
        }
        p.raw_prompt()
            .map(|v| v.into_iter().map(|o| o.index).collect())
            .map_err(map_err)
    }

    fn text(
        &mut self,
        message: &str,
        default: &str,
        help: Option<&str>,
    ) -> Result<String, PromptError> {
        let mut p = inquire::Text::new(message);
        if !default.is_empty() {
            p = p.with_default(default);
        }
        if let Some(h) = help {
            p = p.with_help_message(h);
        }
        p.prompt().map_err(map_err)
    }

    fn confirm(&mut self, message: &str, default: bool) -> Result<bool, PromptError> {
        inquire::Confirm::new(message)
            .with_default(default)
            .prompt()
            .map_err(map_err)
    }

    fn say(&mut self, line: &str) {
        println!("{line}");
    }
}

/// Walks the conflicts of a merge, asking which side to keep for each.
pub fn resolve_conflicts(
    merge: &crate::merge::Merge,
    p: &mut dyn Prompter,
) -> Result<Vec<crate::merge::Pick>, PromptError> {
    use crate::merge::Pick;
    let mut picks = Vec::new();
    let n = merge.conflicts.len();
    for (i, c) in merge.conflicts.iter().enumerate() {
        p.say(&format!("[{}/{n}] {} (line {})", i + 1, c.key, c.line));
        let by = |b: &Option<String>| b.as_ref().map(|b| format!(" (by {b})")).unwrap_or_default();
        let options = vec![
            format!("{}: {}{}", merge.ours_label, c.ours, by(&c.ours_by)),
            format!("{}: {}{}", merge.theirs_label, c.theirs, by(&c.theirs_by)),
        ];
        let choice = p.select(
            &format!("Which answer should {} keep?", c.key),
            &options,
            Some("↑↓ to move, enter to choose, Ctrl-C to stop without writing"),
        )?;
        picks.push(if choice == 0 {
            Pick::Ours
        } else {
            Pick::Theirs
        });
    }
    Ok(picks)
}

/// Restores the terminal and exits on SIGTERM or SIGHUP while prompts run.
/// Every answer is already saved atomically, so nothing is lost; inquire's
/// raw mode and hidden cursor are undone before the process ends.
pub fn install_signal_guard() {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            let _ = crossterm::terminal::disable_raw_mode();
            let mut out = std::io::stdout();
            let _ = crossterm::execute!(out, crossterm::cursor::Show);
            let name = if sig == SIGHUP { "SIGHUP" } else { "SIGTERM" };
            eprintln!("\r\nstopped by {name}; every answer given so far is saved");
            std::process::exit(128 + sig);
        }
    });
}
