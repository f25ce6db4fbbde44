//! `trustgap ask [FILE]`: the questionnaire as line-by-line prompts. This
//! module picks or creates the file; the sitting itself is
//! [`crate::prompt::ask`].

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::Result;
use jiff::civil::Date;

use super::files::load_assessment;
use super::globals::Globals;
use crate::assessment::{self, Assessment};
use crate::catalog::{self, Catalog, Questionnaire};
use crate::exit::bad_input;
use crate::prompt::{self, Prompter, Terminal};
use crate::workspace::{self, Summary};

#[derive(clap::Args, Debug)]
pub struct AskArgs {
    /// The assessment file; created when it does not exist. Default: choose from the data directory.
    pub file: Option<PathBuf>,
    /// Organisation name for a new assessment.
    #[arg(long)]
    pub org: Option<String>,
    /// Take only this section in this sitting (for example iam).
    #[arg(long, value_name = "ID")]
    pub section: Option<String>,
    /// Who is answering (recorded with each answer and in the session log).
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// Who takes part in this sitting, comma-separated (kept as participants).
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    pub attendees: Vec<String>,
}

/// What `ask` runs on: the arguments with the attendees' names trimmed.
struct Ask {
    file: Option<PathBuf>,
    org: Option<String>,
    section: Option<String>,
    by: Option<String>,
    attendees: Vec<String>,
}

impl AskArgs {
    fn resolve(self) -> Ask {
        Ask {
            file: self.file,
            org: self.org,
            section: self.section,
            by: self.by,
            attendees: self
                .attendees
                .iter()
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect(),
        }
    }
}

/// Says that an interactive command needs a terminal, and what to use instead.
fn require_terminal(command: &str) -> Result<()> {
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        return Ok(());
    }
    Err(bad_input(format!(
        "`trustgap {command}` asks questions and needs a terminal (standard input and output are not one). \
         Without a terminal, use `trustgap report FILE` for an assessment file, or `trustgap demo` for an example."
    )))
}

pub fn run(args: AskArgs, g: &Globals) -> Result<i32> {
    let ask = args.resolve();
    require_terminal("ask")?;
    prompt::install_signal_guard();
    let cat = g.checked_catalog()?;
    let today = g.today()?;
    let qn = cat
        .questionnaire(catalog::DEFAULT_QUESTIONNAIRE)
        .ok_or_else(|| bad_input("the default questionnaire is not loaded"))?;
    let mut p = Terminal;
    let path = match &ask.file {
        Some(f) => f.to_path_buf(),
        None => match choose_file(&cat, today, ask.org.as_deref(), &mut p)? {
            Some(path) => path,
            None => return Ok(0),
        },
    };
    let Some(a) = open_or_create(&path, &ask, qn, today, &mut p)? else {
        return Ok(0);
    };
    let now = || jiff::Timestamp::now();
    let mut sitting = prompt::ask::Sitting {
        catalog: &cat,
        path,
        base: a.clone(),
        assessment: a,
        today,
        now: &now,
        by: ask.by,
        section: ask.section,
        attendees: ask.attendees,
    };
    match prompt::ask::run(&mut sitting, &mut p) {
        Ok(_) => Ok(0),
        Err(e) => Err(bad_input(e)),
    }
}

/// Asks which assessment in the data directory to continue, or where a new
/// one goes; `None` when the user stopped.
fn choose_file(
    cat: &Catalog,
    today: Date,
    org: Option<&str>,
    p: &mut dyn Prompter,
) -> Result<Option<PathBuf>> {
    let dir = workspace::data_dir()
        .ok_or_else(|| bad_input("no data directory on this system; give a FILE"))?;
    let existing = if dir.is_dir() {
        workspace::list(cat, &dir, today).unwrap_or_default()
    } else {
        Vec::new()
    };
    let readable: Vec<&Summary> = existing.iter().filter(|s| s.error.is_none()).collect();
    let mut options: Vec<String> = readable
        .iter()
        .map(|s| {
            format!(
                "{} — {} of {} answered, updated {}",
                s.organisation,
                s.answered,
                s.asked,
                s.updated.clone().unwrap_or_else(|| "never".into())
            )
        })
        .collect();
    options.push("Start a new assessment".into());
    let choice = if options.len() == 1 {
        0
    } else {
        match p.select("Which assessment?", &options, None) {
            Ok(c) => c,
            Err(_) => return Ok(None),
        }
    };
    if choice < readable.len() {
        return Ok(Some(readable[choice].path.clone()));
    }
    let Some(name) = organisation(org, "", p) else {
        return Ok(None);
    };
    std::fs::create_dir_all(&dir)
        .map_err(|e| bad_input(format!("cannot create {}: {e}", dir.display())))?;
    Ok(Some(dir.join(workspace::file_name_for(&name))))
}

/// The assessment at `path`, or a new one saved there; `None` when the
/// user stopped before naming the organisation.
fn open_or_create(
    path: &Path,
    ask: &Ask,
    qn: &Questionnaire,
    today: Date,
    p: &mut dyn Prompter,
) -> Result<Option<Assessment>> {
    if path.exists() {
        return load_assessment(path).map(Some);
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Some(name) = organisation(ask.org.as_deref(), &stem, p) else {
        return Ok(None);
    };
    let mut a = Assessment::new(&name, qn, today);
    if let Some(b) = &ask.by {
        a.assessor = b.clone();
    }
    a.ensure_placeholders(qn);
    assessment::save(&a, path).map_err(|e| bad_input(e.to_string()))?;
    p.say(&format!("Created {}", path.display()));
    Ok(Some(a))
}

/// The organisation's name: `--org`, else asked (with `default`); `None`
/// when the user gave none.
fn organisation(org: Option<&str>, default: &str, p: &mut dyn Prompter) -> Option<String> {
    if let Some(o) = org {
        return Some(o.to_string());
    }
    match p.text("Organisation name:", default, None) {
        Ok(n) if !n.trim().is_empty() => Some(n.trim().to_string()),
        _ => None,
    }
}
