//! The pack's data files (the registers as CSV, the control calendar as
//! iCalendar) and writing a pack to a directory.
//!
//! Writing keeps a manifest (`.trustgap-docs.json`) with a hash of every
//! file written. On a re-run a file whose content no longer matches its
//! recorded hash was edited by a person: nothing is written unless
//! `force`, and the edited files are named. Unchanged files are not
//! rewritten; the output depends only on the inputs and the evaluation
//! date, so a re-run is byte-identical.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use icalendar::{Calendar, Component, Property};

use super::context::Context;

/// The CSV risk register.
pub const RISKS_CSV: &str = "risk-register.csv";
/// The CSV evidence request list.
pub const EVIDENCE_CSV: &str = "evidence-requests.csv";
/// The control calendar.
pub const CALENDAR: &str = "control-calendar.ics";
/// The manifest of a written pack.
pub const MANIFEST: &str = ".trustgap-docs.json";

/// The data files and their titles on the index page.
pub const DATA_FILES: &[(&str, &str)] = &[
    (RISKS_CSV, "Risk register (CSV)"),
    (EVIDENCE_CSV, "Evidence request list (CSV)"),
    (CALENDAR, "Control calendar (iCalendar)"),
];

/// A cell a spreadsheet must not run as a formula.
fn cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn csv_text(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(r.iter().map(|c| cell(c)));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The CSVs and the calendar for a context.
pub fn data_files(ctx: &Context) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let risks = ctx
        .risks
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                r.title.clone(),
                r.source.clone(),
                r.system.clone().unwrap_or_default(),
                r.likelihood.to_string(),
                r.impact.to_string(),
                r.score.to_string(),
                r.level.clone(),
                r.treatment.clone(),
                r.treatment_status.clone(),
                r.owner.clone(),
                r.item.as_ref().map(|i| i.id.clone()).unwrap_or_default(),
                r.item
                    .as_ref()
                    .and_then(|i| i.due.clone())
                    .unwrap_or_default(),
            ]
        })
        .collect();
    out.push((
        RISKS_CSV.to_string(),
        csv_text(
            &[
                "id",
                "risk",
                "source",
                "system",
                "likelihood",
                "impact",
                "score",
                "level",
                "treatment",
                "treatment_status",
                "owner",
                "plan_item",
                "due",
            ],
            risks,
        ),
    ));
    let evidence = ctx
        .evidence
        .iter()
        .map(|e| {
            vec![
                e.evidence.clone(),
                e.area.clone(),
                e.requirements.join("; "),
                e.questions.join("; "),
                e.owner.clone(),
                e.due.clone().unwrap_or_default(),
                e.status.clone(),
                e.item.clone().unwrap_or_default(),
            ]
        })
        .collect();
    out.push((
        EVIDENCE_CSV.to_string(),
        csv_text(
            &[
                "evidence",
                "area",
                "requirements",
                "questions",
                "owner",
                "due",
                "status",
                "plan_item",
            ],
            evidence,
        ),
    ));
    if ctx.controls.iter().any(|c| c.months > 0) {
        out.push((CALENDAR.to_string(), calendar(ctx)));
    }
    out
}

/// A lower-case slug for UIDs.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The control calendar: one all-day recurring event per dated control.
/// UIDs come from the control id and the company, DTSTAMP from the
/// evaluation date: no clock, so a re-run gives the same bytes.
pub fn calendar(ctx: &Context) -> String {
    let company = slug(&ctx.company.name);
    let stamp = format!("{}T000000Z", ctx.doc.date.replace('-', ""));
    let mut cal = Calendar::new();
    // Only X-WR-CALNAME: the crate writes RFC 7986's NAME without escaping
    // its commas ("Quillstack, Inc.").
    cal.append_property(Property::new(
        "X-WR-CALNAME",
        format!("{}: control calendar", ctx.company.name),
    ));
    for c in ctx.controls.iter().filter(|c| c.months > 0) {
        let Some(next) = c
            .next
            .as_deref()
            .and_then(|d| d.parse::<jiff::civil::Date>().ok())
        else {
            continue;
        };
        let rule = if c.months == 12 {
            "FREQ=YEARLY".to_string()
        } else {
            format!("FREQ=MONTHLY;INTERVAL={}", c.months)
        };
        let start = Property::new("DTSTART", next.strftime("%Y%m%d").to_string())
            .add_parameter("VALUE", "DATE")
            .done();
        let mut ev = icalendar::Event::new();
        ev.uid(&format!("{}@{company}.trustgap", c.id))
            .summary(&format!("{} ({})", c.title, c.every_label))
            .description(&format!(
                "Owner: {}. {}. Evidence to keep: {}",
                c.owner,
                c.practice.rule.trim_end_matches('.'),
                c.practice.auditor
            ))
            .append_property(start)
            .append_property(Property::new("DTSTAMP", &stamp))
            .append_property(Property::new("RRULE", &rule));
        cal.push(ev.done());
    }
    cal.done().to_string()
}

// ------------------------------------------------------------------ writing

/// What a write did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Written {
    /// Files written (new or changed).
    pub written: Vec<String>,
    /// Files already up to date (not touched).
    pub unchanged: Vec<String>,
    /// Files a person edited that `force` overwrote.
    pub overwritten: Vec<String>,
}

/// Why a pack was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// Files a person changed since trustgap wrote them (or that trustgap
    /// did not write), with `force` not given: nothing was written.
    #[error("{}", edited_message(.0))]
    Edited(Vec<PathBuf>),
    #[error("{0}")]
    Io(String),
}

fn edited_message(files: &[PathBuf]) -> String {
    let list: Vec<String> = files.iter().map(|f| format!("  {}", f.display())).collect();
    format!(
        "{} file(s) differ from what trustgap last wrote (edited by hand, or not written by trustgap); nothing was written. Keep your edits (copy them into a template with --templates, or move the files away) or run again with --force to overwrite them:\n{}",
        files.len(),
        list.join("\n")
    )
}

fn hash(bytes: &[u8]) -> String {
    sha1_smol::Sha1::from(bytes).digest().to_string()
}

/// Writes `files` into `dir` (created when missing), atomically, file by
/// file, and the manifest last.
pub fn write_pack(
    dir: &Path,
    files: &[(String, String)],
    force: bool,
) -> Result<Written, WriteError> {
    if dir.exists() && !dir.is_dir() {
        return Err(WriteError::Io(format!(
            "{} is a file; the document pack is written into a folder: give another name",
            dir.display()
        )));
    }
    std::fs::create_dir_all(dir).map_err(|e| WriteError::Io(format!("{}: {e}", dir.display())))?;
    let manifest_path = dir.join(MANIFEST);
    let recorded: BTreeMap<String, String> = std::fs::read_to_string(&manifest_path)
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| {
            v.get("files").and_then(|f| f.as_object()).map(|m| {
                m.iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                    .collect()
            })
        })
        .unwrap_or_default();
    let mut report = Written::default();
    let mut edited = Vec::new();
    let mut to_write = Vec::new();
    for (name, text) in files {
        let path = dir.join(name);
        let new_hash = hash(text.as_bytes());
        match std::fs::read(&path) {
            Ok(current) => {
                let current_hash = hash(&current);
                if current_hash == new_hash {
                    report.unchanged.push(name.clone());
                    continue;
                }
                if recorded.get(name) != Some(&current_hash) {
                    edited.push(path.clone());
                    report.overwritten.push(name.clone());
                }
                to_write.push((path, name, text));
            }
            Err(_) => to_write.push((path, name, text)),
        }
    }
    if !edited.is_empty() && !force {
        return Err(WriteError::Edited(edited));
    }
    if force {
        report.overwritten.retain(|_| true);
    } else {
        report.overwritten.clear();
    }
    for (path, name, text) in to_write {
        crate::assessment::atomic_write(&path, |f| {
            use std::io::Write;
            f.write_all(text.as_bytes())
        })
        .map_err(|e| WriteError::Io(e.to_string()))?;
        report.written.push(name.clone());
    }
    let mut manifest = recorded;
    for (name, text) in files {
        manifest.insert(name.clone(), hash(text.as_bytes()));
    }
    let body = serde_json::json!({
        "generator": "trustgap docs",
        "files": manifest,
    });
    let text = serde_json::to_string_pretty(&body).unwrap_or_default() + "\n";
    if std::fs::read_to_string(&manifest_path).ok().as_deref() != Some(text.as_str()) {
        crate::assessment::atomic_write(&manifest_path, |f| {
            use std::io::Write;
            f.write_all(text.as_bytes())
        })
        .map_err(|e| WriteError::Io(e.to_string()))?;
    }
    Ok(report)
}
