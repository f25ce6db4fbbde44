//! Reading the assessment file. The model's types derive `Deserialize`;
//! this module adds what the file's layout needs: the `[assessment]`
//! header, unknown keys kept as they are (for a newer or older
//! questionnaire), and a problem with file, line, column and key when
//! something does not read.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Deserialize;
use toml::Table;
use toml::de::DeTable;

use super::de;
use super::model::{
    Answer, Assessment, PlanSettings, RemediationProgress, Session, SoaEntry, System,
};
use crate::catalog::{Problem, Severity};
use crate::location::{LineCol, Seg, line_col, locate, path_at, path_string, segs_from_ignored};

/// The file's top level: the header, then one table per id.
#[derive(Deserialize)]
struct File {
    #[serde(default)]
    assessment: Header,
    #[serde(default)]
    answers: BTreeMap<String, Answer>,
    #[serde(default)]
    systems: BTreeMap<String, System>,
    #[serde(default)]
    soa: BTreeMap<String, SoaEntry>,
    #[serde(default)]
    sessions: BTreeMap<String, Session>,
    #[serde(default)]
    remediations: BTreeMap<String, RemediationProgress>,
    #[serde(default)]
    section_notes: BTreeMap<String, Note>,
    #[serde(default)]
    plan: PlanSettings,
}

/// `[assessment]`: who, and which questionnaire.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Header {
    organisation: String,
    assessor: String,
    participants: Vec<String>,
    #[serde(deserialize_with = "de::date")]
    created: Option<Date>,
    questionnaire: String,
    questionnaire_version: String,
    trustgap_version: String,
}

/// `[section_notes.iam] text = "…"`.
#[derive(Deserialize)]
struct Note {
    #[serde(default)]
    text: String,
}

/// Parses text that has no conflict markers. `file` is used in messages.
pub(crate) fn parse_clean(file: &str, src: &str) -> Result<Assessment, Vec<Problem>> {
    let doc = DeTable::parse(src).map_err(|e| vec![Problem::toml_syntax(file, src, &e)])?;
    let mut unknown = Vec::new();
    let read: Result<File, _> =
        serde_ignored::deserialize(toml::de::Deserializer::from(doc), |path| {
            unknown.push(segs_from_ignored(&path))
        });
    let read = match read {
        Ok(read) => read,
        Err(e) => return Err(vec![field_problem(file, src, &e)]),
    };
    let mut a = assessment(read);
    if a.organisation.trim().is_empty() {
        let path = [Seg::Key("assessment".into())];
        let message = "the [assessment] table needs organisation = \"…\"";
        return Err(vec![problem(file, src, &path, message)]);
    }
    if !unknown.is_empty() {
        keep_unknown(&mut a, file, src, &unknown)?;
    }
    Ok(a)
}

/// The model built from what the file holds.
fn assessment(f: File) -> Assessment {
    let h = f.assessment;
    let mut systems = f.systems;
    for (id, system) in &mut systems {
        if system.name.is_empty() {
            system.name = id.clone();
        }
    }
    Assessment {
        organisation: h.organisation,
        assessor: h.assessor,
        participants: h.participants,
        created: h.created,
        questionnaire: h.questionnaire,
        questionnaire_version: h.questionnaire_version,
        trustgap_version: h.trustgap_version,
        answers: f.answers,
        systems,
        soa: f.soa,
        sessions: f.sessions,
        section_notes: f
            .section_notes
            .into_iter()
            .map(|(k, n)| (k, n.text))
            .collect(),
        remediations: f.remediations,
        plan: f.plan,
        ..Assessment::default()
    }
}

/// Keeps every key trustgap does not know in the `extra` table of the
/// entry it belongs to, as the TOML library reads it. Only files with such
/// keys pay for this second read.
fn keep_unknown(
    a: &mut Assessment,
    file: &str,
    src: &str,
    unknown: &[Vec<Seg>],
) -> Result<(), Vec<Problem>> {
    let whole: Table = src
        .parse()
        .map_err(|e: toml::de::Error| vec![Problem::toml_syntax(file, src, &e)])?;
    for path in unknown {
        let keys: Vec<&str> = path
            .iter()
            .map(|s| match s {
                Seg::Key(k) => k.as_str(),
                Seg::Index(_) => "",
            })
            .collect();
        let Some(value) = value_at(&whole, &keys) else {
            continue;
        };
        let Some((slot, key)) = extra_slot(a, &keys) else {
            let message = "a section note has only `text`";
            return Err(vec![problem(
                file,
                src,
                &path[..2.min(path.len())],
                message,
            )]);
        };
        slot.insert(key.to_string(), value.clone());
    }
    Ok(())
}

/// The value at a path of keys.
fn value_at<'t>(table: &'t Table, keys: &[&str]) -> Option<&'t toml::Value> {
    let (last, parents) = keys.split_last()?;
    let mut t = table;
    for k in parents {
        t = t.get(*k)?.as_table()?;
    }
    t.get(*last)
}

/// Where an unknown key is kept: the `extra` table of its entry, and its
/// name there. `None` for a key that has no place (in a section note).
fn extra_slot<'a, 'k>(a: &'a mut Assessment, keys: &[&'k str]) -> Option<(&'a mut Table, &'k str)> {
    Some(match keys {
        [key] => (&mut a.extra, key),
        ["assessment", key] => (&mut a.header_extra, key),
        ["answers", id, key] => (&mut a.answers.get_mut(*id)?.extra, key),
        ["systems", id, key] => (&mut a.systems.get_mut(*id)?.extra, key),
        ["systems", id, "answers", q, key] => {
            (&mut a.systems.get_mut(*id)?.answers.get_mut(*q)?.extra, key)
        }
        ["soa", id, key] => (&mut a.soa.get_mut(*id)?.extra, key),
        ["sessions", id, key] => (&mut a.sessions.get_mut(*id)?.extra, key),
        ["remediations", id, key] => (&mut a.remediations.get_mut(*id)?.extra, key),
        ["plan", key] => (&mut a.plan.extra, key),
        _ => return None,
    })
}

/// The value that does not fit its field (or the table that misses one),
/// at the key the error's position falls in. Only a file with such a
/// problem is parsed a second time, to find that key.
fn field_problem(file: &str, src: &str, e: &toml::de::Error) -> Problem {
    let Ok(doc) = DeTable::parse(src) else {
        return problem(file, src, &[], "the file could not be read");
    };
    let root = doc.get_ref();
    if e.message().trim() == "missing field `state`" {
        // The one required key: point at the remediation entry without it.
        let entry = root.get("remediations").and_then(|r| match r.get_ref() {
            toml::de::DeValue::Table(t) => t
                .iter()
                .find(|(_, v)| match v.get_ref() {
                    toml::de::DeValue::Table(e) => e.get("state").is_none(),
                    _ => false,
                })
                .map(|(k, _)| k.get_ref().to_string()),
            _ => None,
        });
        let path: Vec<Seg> = match entry {
            Some(id) => vec![Seg::Key("remediations".into()), Seg::Key(id)],
            None => Vec::new(),
        };
        let message = "a remediation entry needs state = \"open\" or \"done-to-verify\"";
        return problem(file, src, &path, message);
    }
    let path = match e.span() {
        Some(span) => path_at(root, span.start),
        None => Vec::new(),
    };
    problem(file, src, &path, e.message().trim())
}

/// A problem at a key path.
fn problem(file: &str, src: &str, path: &[Seg], message: &str) -> Problem {
    let at = DeTable::parse(src)
        .ok()
        .and_then(|doc| locate(doc.get_ref(), path))
        .map(|span| line_col(src, span.start))
        .unwrap_or(LineCol { line: 1, col: 1 });
    Problem {
        severity: Severity::Error,
        file: file.to_string(),
        at,
        key: path_string(path),
        message: message.to_string(),
    }
}
