//! `trustgap`, `trustgap new` and `trustgap open`: the full-screen wizard.

use std::path::PathBuf;

use anyhow::Result;

use super::globals::Globals;
use crate::tui::Start;

#[derive(clap::Args, Debug)]
pub struct NewArgs {
    /// Where to save it; default: the data directory, named after the organisation.
    pub file: Option<PathBuf>,
    /// The organisation's name (asked in the wizard when missing).
    #[arg(long)]
    pub org: Option<String>,
}

#[derive(clap::Args, Debug)]
pub struct OpenArgs {
    /// The assessment file (TOML).
    pub file: PathBuf,
}

impl NewArgs {
    pub fn resolve(self) -> Start {
        Start::New {
            file: self.file,
            org: self.org,
        }
    }
}

impl OpenArgs {
    pub fn resolve(self) -> Start {
        Start::Open(self.file)
    }
}

/// Opens the wizard at `start`.
pub fn run(start: Start, g: &Globals) -> Result<i32> {
    let cat = g.checked_catalog()?;
    crate::tui::run(cat, start, g.today()?)
}
