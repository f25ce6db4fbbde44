//! Where assessments live: the data directory, summaries for `list` and
//! the wizard's start screen, and evaluating an assessment file against the
//! questionnaire it names.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::assessment::{self, Assessment};
use crate::catalog::{Catalog, Questionnaire};
use crate::engine::{self, Evaluation};

/// The directory for saved assessments (`TRUSTGAP_DATA_DIR` overrides).
pub fn data_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("TRUSTGAP_DATA_DIR") {
        return Some(PathBuf::from(d));
    }
    directories::ProjectDirs::from("", "", "trustgap").map(|p| p.data_dir().to_path_buf())
}

/// An assessment names a questionnaire the catalog does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{file}: the assessment uses questionnaire `{id}`, which is not loaded; add it with --catalog DIR"
)]
pub struct MissingQuestionnaire {
    /// The assessment file, as the user named it.
    pub file: String,
    /// The questionnaire id it names.
    pub id: String,
}

/// The questionnaire assessment `a` (read from `file`) is answered against.
pub fn questionnaire_of<'c>(
    cat: &'c Catalog,
    a: &Assessment,
    file: &str,
) -> Result<&'c Questionnaire, MissingQuestionnaire> {
    let id = a.questionnaire_id();
    cat.questionnaire(id).ok_or_else(|| MissingQuestionnaire {
        file: file.to_string(),
        id: id.to_string(),
    })
}

/// Evaluates assessment `a` (read from `file`) against its questionnaire.
pub fn evaluate(
    cat: &Catalog,
    a: &Assessment,
    file: &str,
    today: Date,
) -> Result<Evaluation, MissingQuestionnaire> {
    let qn = questionnaire_of(cat, a, file)?;
    Ok(engine::evaluate(cat, qn, a, today))
}

/// A file name for an organisation: `Acme AI, Inc.` → `acme-ai-inc.toml`.
pub fn file_name_for(organisation: &str) -> String {
    let mut slug = String::new();
    for c in organisation.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "assessment.toml".to_string()
    } else {
        format!("{slug}.toml")
    }
}

/// One saved assessment, summarised.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Summary {
    pub path: PathBuf,
    pub organisation: String,
    pub answered: usize,
    pub asked: usize,
    /// (framework short name, readiness) for frameworks in scope.
    pub readiness: Vec<(String, Option<f64>)>,
    /// Latest answer timestamp, as `YYYY-MM-DD HH:MM`.
    pub updated: Option<String>,
    /// Why the file could not be read, if it could not.
    pub error: Option<String>,
}

/// Summarises one assessment.
pub fn summarise(cat: &Catalog, path: &Path, a: &Assessment, today: Date) -> Summary {
    let qid = a.questionnaire_id();
    let updated = a
        .updated()
        .map(|t| t.strftime("%Y-%m-%d %H:%M").to_string());
    let Some(qn) = cat.questionnaire(qid) else {
        return Summary {
            path: path.to_path_buf(),
            organisation: a.organisation.clone(),
            answered: 0,
            asked: 0,
            readiness: Vec::new(),
            updated,
            error: Some(format!("questionnaire `{qid}` is not loaded")),
        };
    };
    let ev = engine::evaluate(cat, qn, a, today);
    let (answered, asked) = engine::progress(&ev, a);
    Summary {
        path: path.to_path_buf(),
        organisation: a.organisation.clone(),
        answered,
        asked,
        readiness: ev
            .analysis
            .frameworks
            .iter()
            .filter(|f| f.in_scope)
            .map(|f| (f.short.to_string(), f.readiness))
            .collect(),
        updated,
        error: None,
    }
}

/// Every `*.toml` assessment in `dir`, most recently updated first. Files
/// that cannot be read are listed with their error, never skipped silently.
pub fn list(cat: &Catalog, dir: &Path, today: Date) -> std::io::Result<Vec<Summary>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let mut out: Vec<Summary> = files
        .into_iter()
        .map(|p| match assessment::load(&p) {
            Ok(a) => summarise(cat, &p, &a, today),
            Err(e) => Summary {
                path: p.clone(),
                organisation: String::new(),
                answered: 0,
                asked: 0,
                readiness: Vec::new(),
                updated: None,
                error: Some(e.to_string().lines().next().unwrap_or_default().to_string()),
            },
        })
        .collect();
    out.sort_by(|a, b| b.updated.cmp(&a.updated).then(a.path.cmp(&b.path)));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_slugs() {
        assert_eq!(file_name_for("Acme AI, Inc."), "acme-ai-inc.toml");
        assert_eq!(file_name_for("  Über  Café "), "über-café.toml");
        assert_eq!(file_name_for("!!!"), "assessment.toml");
    }
}
