//! Where a command's output goes: standard output, or a file that may only
//! replace an earlier export.

use std::io::Write as _;
use std::path::Path;

use anyhow::{Result, anyhow};
use clap::ValueEnum;

use crate::assessment;
use crate::exit::bad_input;

/// Output of the listing commands (`frameworks`, `list`).
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    Table,
    Json,
}

/// Writes `text` to standard output (a closed pipe is not an error).
pub fn emit(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|_| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(anyhow!(e).context("writing to standard output"));
    }
    Ok(())
}

/// Writes `text` to `output`, or to standard output when there is none.
/// An existing file is only replaced when it is an earlier export, or when
/// `force` says so; an assessment file or a directory never is.
pub fn emit_to(text: &str, output: Option<&Path>, force: bool) -> Result<()> {
    let Some(p) = output else {
        return emit(text);
    };
    never_overwrite(p).map_err(bad_input)?;
    if !force {
        may_overwrite(p).map_err(bad_input)?;
    }
    assessment::atomic_write(p, |f| f.write_all(text.as_bytes()))
        .map_err(|e| bad_input(format!("cannot write the report: {e}")))?;
    eprintln!("wrote {}", p.display());
    Ok(())
}

/// What no export may replace, `--force` or not: a directory, or an
/// assessment (a file that reads as one, or that has an `[assessment]`
/// table, as a file with merge conflicts does).
fn never_overwrite(path: &Path) -> std::result::Result<(), String> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    if meta.is_dir() {
        return Err(format!(
            "{} is a directory; give a file name",
            path.display()
        ));
    }
    if assessment::is_assessment_file(path) {
        return Err(format!(
            "{} is an assessment file, not an export: trustgap never writes an export over it, even with --force; write the export to another file",
            path.display()
        ));
    }
    Ok(())
}

/// Whether an existing file may be replaced by an export without
/// `--force`: only an earlier trustgap export.
fn may_overwrite(path: &Path) -> std::result::Result<(), String> {
    let mut head = Vec::new();
    match std::fs::File::open(path) {
        Ok(f) => {
            use std::io::Read as _;
            let _ = f.take(64 * 1024).read_to_end(&mut head);
        }
        Err(_) => return Ok(()),
    }
    let text = String::from_utf8_lossy(&head);
    let first = text.lines().next().unwrap_or("");
    let ours = text.is_empty()
        || text.contains("trustgap")
        || [
            "id,rank,",
            "id,title,priority",
            "framework,requirement,",
            "system,question,",
        ]
        .iter()
        .any(|h| first.starts_with(h));
    if ours {
        Ok(())
    } else {
        Err(format!(
            "{} exists and is not a trustgap export; use --force to overwrite it, or choose another file",
            path.display()
        ))
    }
}

/// For one-shot commands that end the process right after: leaves the
/// catalog, the answers and the evaluation to the operating system instead
/// of freeing their thousands of allocations one by one (a third of a
/// millisecond at every `report` or `demo`).
pub fn skip_free<T>(x: T) {
    std::mem::forget(x);
}
