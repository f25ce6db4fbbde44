//! The assessment on disk: reading a file (with git conflict markers
//! explained), and saving it atomically.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::model::Assessment;
use super::read::parse_clean;
use super::write::{to_toml, update_text};
use crate::catalog::Problem;

/// Errors reading or writing an assessment.
#[derive(Debug, thiserror::Error)]
pub enum AssessmentError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: io::Error,
    },
    #[error("{}", .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Problem>),
    #[error("{}", .0.explain())]
    Conflicted(Box<crate::merge::Merge>),
}

/// Parses an assessment from text. `file` is used in messages. A file with
/// git conflict markers gives [`AssessmentError::Conflicted`], naming every
/// question answered differently on the two sides.
pub fn parse(file: &str, src: &str) -> Result<Assessment, AssessmentError> {
    // A conflict marker is a line starting with seven `<`: look for the
    // character, then the run, before looking at lines.
    if src.as_bytes().contains(&b'<') && src.contains("<<<<<<<") && crate::merge::has_markers(src) {
        let merge = crate::merge::analyse(file, src).map_err(AssessmentError::Invalid)?;
        return Err(AssessmentError::Conflicted(Box::new(merge)));
    }
    parse_clean(file, src).map_err(AssessmentError::Invalid)
}

/// Reads an assessment file.
pub fn load(path: &Path) -> Result<Assessment, AssessmentError> {
    let src = std::fs::read_to_string(path).map_err(|e| AssessmentError::Io {
        path: path.display().to_string(),
        source: e,
    })?;
    parse(&path.display().to_string(), &src)
}

/// Writes `path` atomically: a temporary file in the same directory is
/// written by `fill`, flushed and synced, then renamed over `path`. New files
/// are created readable by their owner only (0600 on Unix); an existing
/// file keeps its permissions. If anything fails the old file is untouched
/// and the temporary file is removed.
pub fn atomic_write(
    path: &Path,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), AssessmentError> {
    let io_err = |e: io::Error| AssessmentError::Io {
        path: path.display().to_string(),
        source: e,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "assessment.toml".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let existing_mode = std::fs::metadata(path).ok().map(|m| m.permissions());
    let result = (|| -> io::Result<()> {
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts.open(&tmp)?;
        fill(&mut f)?;
        f.flush()?;
        f.sync_all()?;
        if let Some(perm) = existing_mode {
            std::fs::set_permissions(&tmp, perm)?;
        }
        std::fs::rename(&tmp, path)?;
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(io_err(e));
    }
    Ok(())
}

/// Saves an assessment atomically. When the file exists, only what changed
/// is rewritten: comments, blank lines and the order of the rest stay as
/// the user left them (see [`update_text`]).
pub fn save(a: &Assessment, path: &Path) -> Result<(), AssessmentError> {
    let fresh = to_toml(a);
    let text = match std::fs::read_to_string(path) {
        Ok(old) => update_text(&old, &fresh),
        Err(_) => fresh,
    };
    atomic_write(path, |f| f.write_all(text.as_bytes()))
}

/// Saves `ours` to `path`, first bringing in what another writer (a second
/// wizard, `ask`, an editor) saved there since we last read or wrote it
/// (`base`). Returns what was written, which becomes the next base, and the
/// answers both sides changed (the later one was kept). A file that does
/// not read as an assessment is simply replaced.
pub fn save_rebased(
    base: &Assessment,
    ours: &Assessment,
    path: &Path,
) -> Result<(Assessment, Vec<crate::merge::Overlap>), AssessmentError> {
    let on_disk = std::fs::read_to_string(path)
        .ok()
        .and_then(|src| parse(&path.display().to_string(), &src).ok());
    let (merged, overlaps) = match on_disk {
        Some(theirs) if theirs != *base => crate::merge::rebase(base, ours, &theirs),
        _ => (ours.clone(), Vec::new()),
    };
    save(&merged, path)?;
    Ok((merged, overlaps))
}

/// Whether the file at `path` is an assessment: it reads as one, or it has
/// an `[assessment]` table (as a file with merge conflicts does). Exports
/// never replace such a file.
pub fn is_assessment_file(path: &std::path::Path) -> bool {
    // An assessment is a few hundred KB at most; anything far larger is not one.
    let small = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() <= 16 * 1024 * 1024);
    if !small {
        return false;
    }
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    text.lines().any(|l| l.trim() == "[assessment]")
        || parse(&path.display().to_string(), &text).is_ok()
}
