//! The options every command takes (`--catalog`, `--today`), resolved.

use std::path::PathBuf;

use anyhow::Result;
use jiff::civil::Date;

use crate::catalog::{Catalog, LoadOptions, Severity};
use crate::exit::bad_input;

/// `--catalog` and `--today`, checked. A bad `--today` is reported by the
/// first command that needs the date, so each command fails on the first
/// thing it needs, in its own order.
pub struct Globals {
    catalog_dirs: Vec<PathBuf>,
    /// The `--today` date if given (`None`: the clock's, read when needed).
    today: Result<Option<Date>, String>,
}

impl Globals {
    pub fn resolve(catalog_dirs: &[PathBuf], today: Option<&str>) -> Globals {
        Globals {
            catalog_dirs: catalog_dirs.to_vec(),
            today: today
                .map(|s| {
                    s.parse::<Date>()
                        .map_err(|e| format!("--today {s}: not a date like 2026-11-23 ({e})"))
                })
                .transpose(),
        }
    }

    /// The date to evaluate as of: `--today`, else today.
    pub fn today(&self) -> Result<Date> {
        match &self.today {
            Ok(Some(d)) => Ok(*d),
            Ok(None) => Ok(jiff::Zoned::now().date()),
            Err(e) => Err(bad_input(e.clone())),
        }
    }

    /// Whether `--today` was given (stamps are then reproducible).
    pub fn today_given(&self) -> bool {
        !matches!(self.today, Ok(None))
    }

    /// The built-in catalog with the user's and the `--catalog`
    /// directories over it, problems and all (for `validate`).
    pub fn catalog(&self) -> Catalog {
        crate::embedded::load_catalog(&LoadOptions {
            dirs: self.catalog_dirs.clone(),
            user_dir: user_config_dir(),
            no_embedded: false,
        })
    }

    /// [`Globals::catalog`], failing on its errors (every command but
    /// `validate`).
    pub fn checked_catalog(&self) -> Result<Catalog> {
        let cat = self.catalog();
        let errors: Vec<String> = cat
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| p.to_string())
            .collect();
        if !errors.is_empty() {
            return Err(bad_input(format!(
                "the catalog has errors (run `trustgap validate` for the full list):\n{}",
                errors.join("\n")
            )));
        }
        Ok(cat)
    }
}

/// The user's config directory for custom catalogs (`TRUSTGAP_CONFIG_DIR` overrides).
fn user_config_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("TRUSTGAP_CONFIG_DIR") {
        return Some(PathBuf::from(d));
    }
    directories::ProjectDirs::from("", "", "trustgap").map(|p| p.config_dir().to_path_buf())
}
