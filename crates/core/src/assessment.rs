//! The assessment file: one TOML file per organisation.
//!
//! Layout (built to merge cleanly in git): a small `[assessment]` header, then
//! one table per answer in sorted order (`[answers."iam.mfa"]`), one table per
//! AI system and per system answer, and one per Statement of Applicability
//! entry. Nothing derived (scores, counts, a whole-file "updated" stamp) is
//! stored. Keys and answers trustgap does not recognise are kept on save.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Deserialize as _;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::value::{Datetime, Offset};
use toml::{Spanned, Table, Value as Toml};
use toml_edit::{DocumentMut, Item};

use crate::catalog::{Origin, Problem, Questionnaire, SectionKind, Severity};
use crate::location::{LineCol, Seg, line_col, locate_in};

/// The state of a control, as answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Implemented,
    Partial,
    Missing,
    NotApplicable,
    DontKnow,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Implemented,
        Status::Partial,
        Status::Missing,
        Status::NotApplicable,
        Status::DontKnow,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Implemented => "implemented",
            Status::Partial => "partial",
            Status::Missing => "missing",
            Status::NotApplicable => "not-applicable",
            Status::DontKnow => "dont-know",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Implemented => "implemented",
            Status::Partial => "partial",
            Status::Missing => "missing",
            Status::NotApplicable => "not applicable",
            Status::DontKnow => "don't know",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// An answer's value for non-readiness questions.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum Value {
    Text(String),
    List(Vec<String>),
    Number(f64),
    Date(Date),
}

/// One answer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answer {
    pub value: Option<Value>,
    pub status: Option<Status>,
    pub justification: Option<String>,
    pub note: Option<String>,
    pub evidence: Vec<String>,
    pub owner: Option<String>,
    pub target: Option<Date>,
    pub updated: Option<Timestamp>,
    pub by: Option<String>,
    /// Keys this version does not know, kept as they were.
    pub extra: Table,
}

impl Answer {
    /// Whether anything was answered (a status or a value).
    pub fn is_answered(&self) -> bool {
        self.status.is_some() || self.value.is_some()
    }

    pub fn is_empty(&self) -> bool {
        *self == Answer::default()
    }
}

/// One AI system (or general-purpose model) classified under the EU AI Act.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct System {
    pub name: String,
    pub description: String,
    pub answers: BTreeMap<String, Answer>,
    pub extra: Table,
}

/// One Statement of Applicability decision (ISO/IEC 42001 Annex A).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SoaEntry {
    pub included: bool,
    pub justification: String,
    pub extra: Table,
}

/// Progress on one remediation item, recorded outside the answers (for
/// example by `trustgap sync` from ticked task boxes in an exported plan).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RemediationState {
    /// Not done (or reopened: the box was unticked again).
    Open,
    /// Someone says it is done; the answers still have to say implemented
    /// before its requirements count as covered.
    DoneToVerify,
}

impl RemediationState {
    pub const ALL: [RemediationState; 2] = [RemediationState::Open, RemediationState::DoneToVerify];

    pub fn as_str(self) -> &'static str {
        match self {
            RemediationState::Open => "open",
            RemediationState::DoneToVerify => "done-to-verify",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RemediationState::Open => "open",
            RemediationState::DoneToVerify => "done, to verify",
        }
    }

    pub fn parse(s: &str) -> Option<RemediationState> {
        RemediationState::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// `[remediations."rem.iam-mfa"]`: the recorded state of one remediation item.
#[derive(Debug, Clone, PartialEq)]
pub struct RemediationProgress {
    pub state: RemediationState,
    pub updated: Option<Timestamp>,
    pub by: Option<String>,
    pub extra: Table,
}

/// One workshop sitting: who attended and what was covered.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Session {
    pub date: Option<Date>,
    pub facilitator: String,
    pub attendees: Vec<String>,
    /// Section ids covered.
    pub sections: Vec<String>,
    pub summary: String,
    pub extra: Table,
}

/// The whole assessment.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Assessment {
    pub organisation: String,
    pub assessor: String,
    pub participants: Vec<String>,
    pub created: Option<Date>,
    pub questionnaire: String,
    pub questionnaire_version: String,
    pub trustgap_version: String,
    pub answers: BTreeMap<String, Answer>,
    pub systems: BTreeMap<String, System>,
    pub soa: BTreeMap<String, SoaEntry>,
    /// Workshop sittings, keyed `YYYY-MM-DD` or `YYYY-MM-DD-N`.
    pub sessions: BTreeMap<String, Session>,
    /// Facilitator notes per section id.
    pub section_notes: BTreeMap<String, String>,
    /// Recorded progress per remediation id (`done-to-verify` …).
    pub remediations: BTreeMap<String, RemediationProgress>,
    /// Unknown keys of the `[assessment]` header.
    pub header_extra: Table,
    /// Unknown top-level keys and tables.
    pub extra: Table,
}

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

impl Assessment {
    pub fn new(organisation: &str, questionnaire: &Questionnaire, today: Date) -> Assessment {
        Assessment {
            organisation: organisation.to_string(),
            created: Some(today),
            questionnaire: questionnaire.id.to_string(),
            questionnaire_version: questionnaire.version.to_string(),
            trustgap_version: env!("CARGO_PKG_VERSION").to_string(),
            ..Assessment::default()
        }
    }

    /// The questionnaire this assessment answers (the default when unnamed).
    pub fn questionnaire_id(&self) -> &str {
        if self.questionnaire.is_empty() {
            crate::catalog::DEFAULT_QUESTIONNAIRE
        } else {
            &self.questionnaire
        }
    }

    /// The latest `updated` stamp of any answer (derived, never stored).
    pub fn updated(&self) -> Option<Timestamp> {
        self.answers
            .values()
            .chain(self.systems.values().flat_map(|s| s.answers.values()))
            .filter_map(|a| a.updated)
            .max()
    }

    /// Adds an empty table for every question not yet in the file, so that
    /// later answers change lines inside their own table (clean git merges).
    pub fn ensure_placeholders(&mut self, qn: &Questionnaire) {
        for q in &qn.questions {
            if qn.section_kind(q) == SectionKind::System {
                for s in self.systems.values_mut() {
                    s.answers.entry(q.id.to_string()).or_default();
                }
            } else {
                self.answers.entry(q.id.to_string()).or_default();
            }
        }
    }

    /// Answer ids the questionnaire does not know (kept, reported).
    pub fn unknown_answers(&self, qn: &Questionnaire) -> Vec<String> {
        let mut out: Vec<String> = self
            .answers
            .keys()
            .filter(|k| qn.question(k).is_none())
            .cloned()
            .collect();
        for (sid, s) in &self.systems {
            for k in s.answers.keys() {
                if qn.question(k).is_none() {
                    out.push(format!("systems.{sid}.{k}"));
                }
            }
        }
        out
    }

    /// Answers whose value does not fit the question (unknown option ids,
    /// wrong kind of value), as readable descriptions.
    pub fn invalid_values(&self, qn: &Questionnaire) -> Vec<String> {
        use crate::catalog::AnswerKind;
        let mut out = Vec::new();
        let mut check = |prefix: &str, id: &str, ans: &Answer| {
            let Some(q) = qn.question(id) else { return };
            let Some(v) = &ans.value else {
                if q.kind == AnswerKind::Readiness
                    && matches!(ans.status, Some(Status::NotApplicable))
                    && ans
                        .justification
                        .as_deref()
                        .is_none_or(|j| j.trim().is_empty())
                {
                    out.push(format!(
                        "{prefix}{id}: not-applicable needs a justification"
                    ));
                }
                return;
            };
            let options: Vec<&str> = q.options.iter().map(|o| o.id.as_str()).collect();
            let problem = match (q.kind, v) {
                (AnswerKind::Readiness, _) => {
                    Some("a readiness question takes status, not value".to_string())
                }
                (AnswerKind::YesNo | AnswerKind::Single, Value::Text(t))
                    if !options.contains(&t.as_str()) =>
                {
                    Some(format!("`{t}` is not one of {}", options.join(", ")))
                }
                (AnswerKind::Multi, Value::List(l)) => {
                    let unknown: Vec<&str> = l
                        .iter()
                        .map(String::as_str)
                        .filter(|x| !options.contains(x))
                        .collect();
                    (!unknown.is_empty())
                        .then(|| format!("{} not among {}", unknown.join(", "), options.join(", ")))
                }
                (AnswerKind::YesNo | AnswerKind::Single, Value::Text(_)) => None,
                (AnswerKind::Multi, Value::Text(t)) if options.contains(&t.as_str()) => None,
                (AnswerKind::Number, Value::Number(_)) => None,
                (AnswerKind::Text, Value::Text(_)) => None,
                (AnswerKind::Date, Value::Date(_)) => None,
                (kind, _) => Some(format!("expected a {} answer", kind.label())),
            };
            if let Some(p) = problem {
                out.push(format!("{prefix}{id}: {p}"));
            }
        };
        for (id, ans) in &self.answers {
            check("", id, ans);
        }
        for (sid, s) in &self.systems {
            for (id, ans) in &s.answers {
                check(&format!("systems.{sid}."), id, ans);
            }
        }
        out
    }

    /// Unknown keys anywhere in the file, as dotted paths (kept, reported).
    pub fn unknown_keys(&self) -> Vec<String> {
        let mut out = Vec::new();
        out.extend(self.header_extra.keys().map(|k| format!("assessment.{k}")));
        out.extend(self.extra.keys().cloned());
        for (id, a) in &self.answers {
            out.extend(a.extra.keys().map(|k| format!("answers.{id}.{k}")));
        }
        for (sid, s) in &self.systems {
            out.extend(s.extra.keys().map(|k| format!("systems.{sid}.{k}")));
            for (id, a) in &s.answers {
                out.extend(
                    a.extra
                        .keys()
                        .map(|k| format!("systems.{sid}.answers.{id}.{k}")),
                );
            }
        }
        for (id, e) in &self.soa {
            out.extend(e.extra.keys().map(|k| format!("soa.{id}.{k}")));
        }
        for (id, e) in &self.sessions {
            out.extend(e.extra.keys().map(|k| format!("sessions.{id}.{k}")));
        }
        for (id, e) in &self.remediations {
            out.extend(e.extra.keys().map(|k| format!("remediations.{id}.{k}")));
        }
        out
    }

    /// The answer to `question` (of `system` when given), created if absent.
    pub fn answer_mut(&mut self, system: Option<&str>, question: &str) -> &mut Answer {
        match system {
            Some(sid) => self
                .systems
                .entry(sid.to_string())
                .or_insert_with(|| System {
                    name: sid.to_string(),
                    ..System::default()
                })
                .answers
                .entry(question.to_string())
                .or_default(),
            None => self.answers.entry(question.to_string()).or_default(),
        }
    }

    /// The answer to `question` (of `system` when given).
    pub fn answer(&self, system: Option<&str>, question: &str) -> Option<&Answer> {
        match system {
            Some(sid) => self.systems.get(sid)?.answers.get(question),
            None => self.answers.get(question),
        }
    }

    /// Answers that are "don't know": the parking lot (question key, answer).
    /// System answers are keyed `system/question`.
    pub fn parking_lot(&self) -> Vec<(String, &Answer)> {
        let mut out: Vec<(String, &Answer)> = self
            .answers
            .iter()
            .filter(|(_, a)| a.status == Some(Status::DontKnow))
            .map(|(k, a)| (k.clone(), a))
            .collect();
        for (sid, s) in &self.systems {
            for (k, a) in &s.answers {
                if a.status == Some(Status::DontKnow) {
                    out.push((format!("{sid}/{k}"), a));
                }
            }
        }
        out
    }

    /// A fresh session id for `date` (`2026-11-20`, then `2026-11-20-2` …).
    pub fn next_session_id(&self, date: Date) -> String {
        let base = date.to_string();
        if !self.sessions.contains_key(&base) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|k| !self.sessions.contains_key(k))
            .unwrap_or(base)
    }
}

impl Answer {
    /// Records who changed the answer and when.
    pub fn touch(&mut self, now: Timestamp, by: Option<&str>) {
        self.updated = Some(now);
        if let Some(b) = by.filter(|b| !b.trim().is_empty()) {
            self.by = Some(b.to_string());
        }
    }
}

// ------------------------------------------------------------------ reading

struct Reader<'a> {
    file: &'a str,
    src: &'a str,
    problems: Vec<Problem>,
}

impl Reader<'_> {
    fn at(&self, path: &[&str]) -> LineCol {
        let segs: Vec<Seg> = path.iter().map(|s| Seg::Key(s.to_string())).collect();
        locate_in(self.src, &segs).unwrap_or(LineCol { line: 1, col: 1 })
    }

    fn bad(&mut self, path: &[&str], message: impl Into<String>) {
        let at = self.at(path);
        self.problems.push(Problem {
            severity: Severity::Error,
            file: self.file.to_string(),
            at,
            key: path.join("."),
            message: message.into(),
        });
    }

    fn string(&mut self, t: &mut DeTable<'_>, path: &[&str], key: &str) -> Option<String> {
        let v = t.remove(key)?.into_inner();
        self.string_value(v, path, key)
    }

    /// The string at `path.key`.
    fn string_value(&mut self, v: DeValue<'_>, path: &[&str], key: &str) -> Option<String> {
        match v {
            DeValue::String(s) => Some(s.into_owned()),
            other => {
                let p = [path, &[key]].concat();
                self.bad(&p, format!("expected a string, found {}", other.type_str()));
                None
            }
        }
    }

    fn strings(&mut self, t: &mut DeTable<'_>, path: &[&str], key: &str) -> Vec<String> {
        let v = t.remove(key).map(Spanned::into_inner);
        self.strings_value(v, path, key)
    }

    /// The list of strings at `path.key` (empty when absent).
    fn strings_value(&mut self, v: Option<DeValue<'_>>, path: &[&str], key: &str) -> Vec<String> {
        match v {
            None => Vec::new(),
            Some(DeValue::Array(a)) => {
                let mut out = Vec::with_capacity(a.len());
                for v in a {
                    match v.into_inner() {
                        DeValue::String(s) => out.push(s.into_owned()),
                        other => {
                            let p = [path, &[key]].concat();
                            self.bad(
                                &p,
                                format!("expected a list of strings, found {}", other.type_str()),
                            );
                        }
                    }
                }
                out
            }
            Some(other) => {
                let p = [path, &[key]].concat();
                self.bad(
                    &p,
                    format!("expected a list of strings, found {}", other.type_str()),
                );
                Vec::new()
            }
        }
    }

    fn date(&mut self, t: &mut DeTable<'_>, path: &[&str], key: &str) -> Option<Date> {
        let v = t.remove(key)?.into_inner();
        self.date_value(&v, path, key)
    }

    /// The plain date at `path.key`.
    fn date_value(&mut self, v: &DeValue<'_>, path: &[&str], key: &str) -> Option<Date> {
        if let DeValue::Datetime(dt) = v
            && let Some(date) = plain_date(dt)
        {
            return Some(date);
        }
        let p = [path, &[key]].concat();
        self.bad(&p, "expected a date like 2027-03-31 (no quotes, no time)");
        None
    }

    fn timestamp(&mut self, t: &mut DeTable<'_>, path: &[&str], key: &str) -> Option<Timestamp> {
        let v = t.remove(key)?.into_inner();
        self.timestamp_value(&v, path, key)
    }

    /// The UTC timestamp at `path.key`.
    fn timestamp_value(&mut self, v: &DeValue<'_>, path: &[&str], key: &str) -> Option<Timestamp> {
        if let DeValue::Datetime(dt) = v
            && dt.offset.is_some()
            && let Some(ts) = instant(dt).or_else(|| dt.to_string().parse().ok())
        {
            return Some(ts);
        }
        let p = [path, &[key]].concat();
        self.bad(
            &p,
            "expected a UTC timestamp like 2026-11-23T10:15:00Z (no quotes)",
        );
        None
    }

    fn sub_table<'i>(&mut self, t: &mut DeTable<'i>, path: &[&str], key: &str) -> DeTable<'i> {
        match t.remove(key).map(Spanned::into_inner) {
            None => DeTable::new(),
            Some(DeValue::Table(x)) => x,
            Some(other) => {
                let p = [path, &[key]].concat();
                self.bad(&p, format!("expected a table, found {}", other.type_str()));
                DeTable::new()
            }
        }
    }

    fn answer(&mut self, t: DeTable<'_>, path: &[&str]) -> Answer {
        // The known keys, taken in one pass; the rest is kept as it is.
        let mut f = AnswerFields::default();
        let mut rest = DeTable::new();
        for (k, v) in t {
            let slot = match k.get_ref().as_ref() {
                "value" => &mut f.value,
                "status" => &mut f.status,
                "justification" => &mut f.justification,
                "note" => &mut f.note,
                "evidence" => &mut f.evidence,
                "owner" => &mut f.owner,
                "target" => &mut f.target,
                "updated" => &mut f.updated,
                "by" => &mut f.by,
                _ => {
                    rest.insert(k, v);
                    continue;
                }
            };
            *slot = Some(v.into_inner());
        }
        let value = match f.value {
            None => None,
            Some(DeValue::String(s)) => Some(Value::Text(s.into_owned())),
            // Both parse: `representable` checked every number.
            Some(DeValue::Integer(i)) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| Value::Number(n as f64)),
            Some(DeValue::Float(f)) => f.as_str().parse().ok().map(Value::Number),
            Some(DeValue::Boolean(b)) => Some(Value::Text(if b { "yes" } else { "no" }.into())),
            Some(DeValue::Array(a)) => {
                let mut list = Vec::new();
                for v in a {
                    match v.into_inner() {
                        DeValue::String(s) => list.push(s.into_owned()),
                        other => {
                            let p = [path, &["value"]].concat();
                            self.bad(
                                &p,
                                format!(
                                    "expected a list of option ids, found {}",
                                    other.type_str()
                                ),
                            );
                        }
                    }
                }
                Some(Value::List(list))
            }
            Some(DeValue::Datetime(dt)) => match (dt.date, dt.time) {
                (Some(_), None) => plain_date(&dt).map(Value::Date),
                _ => {
                    let p = [path, &["value"]].concat();
                    self.bad(&p, "a date answer must be a plain date like 2027-03-31");
                    None
                }
            },
            Some(DeValue::Table(_)) => {
                let p = [path, &["value"]].concat();
                self.bad(&p, "expected a value, found a table");
                None
            }
        };
        let status = match f.status.and_then(|v| self.string_value(v, path, "status")) {
            None => None,
            Some(s) => match Status::parse(&s) {
                Some(st) => Some(st),
                None => {
                    let p = [path, &["status"]].concat();
                    self.bad(
                        &p,
                        format!(
                            "unknown status `{s}`; use one of implemented, partial, missing, not-applicable, dont-know"
                        ),
                    );
                    None
                }
            },
        };
        Answer {
            value,
            status,
            justification: f
                .justification
                .and_then(|v| self.string_value(v, path, "justification")),
            note: f.note.and_then(|v| self.string_value(v, path, "note")),
            evidence: self.strings_value(f.evidence, path, "evidence"),
            owner: f.owner.and_then(|v| self.string_value(v, path, "owner")),
            target: f.target.and_then(|v| self.date_value(&v, path, "target")),
            updated: f
                .updated
                .and_then(|v| self.timestamp_value(&v, path, "updated")),
            by: f.by.and_then(|v| self.string_value(v, path, "by")),
            extra: extra(rest),
        }
    }

    fn answers(&mut self, t: DeTable<'_>, path: &[&str]) -> BTreeMap<String, Answer> {
        let mut out = BTreeMap::new();
        for (id, v) in t {
            let id = id.into_inner();
            let p = [path, &[id.as_ref()]].concat();
            match v.into_inner() {
                DeValue::Table(a) => {
                    let ans = self.answer(a, &p);
                    out.insert(id.into_owned(), ans);
                }
                other => self.bad(
                    &p,
                    format!(
                        "expected a table per answer ([answers.\"{id}\"]), found {}",
                        other.type_str()
                    ),
                ),
            }
        }
        out
    }
}

/// The keys of an answer table.
#[derive(Default)]
struct AnswerFields<'i> {
    value: Option<DeValue<'i>>,
    status: Option<DeValue<'i>>,
    justification: Option<DeValue<'i>>,
    note: Option<DeValue<'i>>,
    evidence: Option<DeValue<'i>>,
    owner: Option<DeValue<'i>>,
    target: Option<DeValue<'i>>,
    updated: Option<DeValue<'i>>,
    by: Option<DeValue<'i>>,
}

/// A plain date (no time) as a calendar date.
fn plain_date(dt: &Datetime) -> Option<Date> {
    match (dt.date, dt.time) {
        (Some(d), None) => Date::new(d.year as i16, d.month as i8, d.day as i8).ok(),
        _ => None,
    }
}

/// The instant an offset date-time names, built from its parts (leap
/// seconds and anything unusual are left to jiff's parser).
fn instant(dt: &Datetime) -> Option<Timestamp> {
    let (d, t) = (dt.date?, dt.time?);
    let second = t.second.filter(|s| *s < 60)?;
    let civil = jiff::civil::DateTime::new(
        d.year as i16,
        d.month as i8,
        d.day as i8,
        t.hour as i8,
        t.minute as i8,
        second as i8,
        t.nanosecond.unwrap_or(0) as i32,
    )
    .ok()?;
    let offset = match dt.offset? {
        Offset::Z => jiff::tz::Offset::UTC,
        Offset::Custom { minutes } => {
            jiff::tz::Offset::from_seconds(i32::from(minutes) * 60).ok()?
        }
    };
    offset.to_timestamp(civil).ok()
}

/// Keys trustgap does not know, kept as the TOML library's table (what
/// `src.parse::<Table>()` makes of them; it cannot fail on a document
/// [`representable`] accepted).
fn extra(t: DeTable<'_>) -> Table {
    if t.is_empty() {
        return Table::new();
    }
    let value = Spanned::new(0..0, DeValue::Table(t));
    Table::deserialize(ValueDeserializer::from(value)).unwrap_or_default()
}

/// Whether the TOML library turns `v` into its `Value` as it reads: every
/// integer fits an `i64`, no float overflows, and no table starts with the
/// key it reserves for date-times. Otherwise `src.parse::<Table>()` fails
/// (and so does [`parse_clean`], with the library's message) or, for that
/// key, makes a date-time of the table.
fn representable(v: &DeValue<'_>) -> bool {
    match v {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).is_ok(),
        DeValue::Float(f) => f
            .as_str()
            .parse::<f64>()
            .is_ok_and(|x| !x.is_infinite() || f.as_str().contains("inf")),
        DeValue::Array(a) => a.iter().all(|x| representable(x.get_ref())),
        DeValue::Table(t) => {
            t.keys()
                .next()
                .is_none_or(|k| k.get_ref() != "$__toml_private_datetime")
                && t.values().all(|x| representable(x.get_ref()))
        }
        DeValue::String(_) | DeValue::Boolean(_) | DeValue::Datetime(_) => true,
    }
}

/// A TOML syntax error as a problem at its position.
fn syntax_error(file: &str, src: &str, e: &toml::de::Error) -> AssessmentError {
    let offset = e.span().map(|s| s.start).unwrap_or(0);
    AssessmentError::Invalid(vec![Problem {
        severity: Severity::Error,
        file: file.to_string(),
        at: line_col(src, offset),
        key: String::new(),
        message: format!("TOML syntax error: {}", e.message().trim()),
    }])
}

/// Parses an assessment from text. `file` is used in messages. A file with
/// git conflict markers gives [`AssessmentError::Conflicted`], naming every
/// question answered differently on the two sides.
pub fn parse(file: &str, src: &str) -> Result<Assessment, AssessmentError> {
    // A conflict marker is a line starting with seven `<`: look for the
    // character, then the run, before looking at lines.
    if src.as_bytes().contains(&b'<') && src.contains("<<<<<<<") && crate::merge::has_markers(src) {
        let merge = crate::merge::analyse(file, src)?;
        return Err(AssessmentError::Conflicted(Box::new(merge)));
    }
    parse_clean(file, src)
}

/// Parses text that has no conflict markers.
pub(crate) fn parse_clean(file: &str, src: &str) -> Result<Assessment, AssessmentError> {
    // The document is read in place (strings borrowed from `src`) rather
    // than converted to a `toml::Table` first.
    let mut root = match DeTable::parse(src) {
        Ok(t) => t.into_inner(),
        Err(e) => return Err(syntax_error(file, src, &e)),
    };
    let converted;
    if !root.values().all(|v| representable(v.get_ref())) {
        match src.parse::<Table>() {
            Err(e) => return Err(syntax_error(file, src, &e)),
            // The library reads a table under its date-time key as a
            // date-time: read the document as it converts it.
            Ok(t) => {
                converted = toml::to_string(&t).unwrap_or_default();
                root = DeTable::parse(&converted)
                    .map(Spanned::into_inner)
                    .unwrap_or_default();
            }
        }
    }
    let mut r = Reader {
        file,
        src,
        problems: Vec::new(),
    };
    let mut header = r.sub_table(&mut root, &[], "assessment");
    let h = &["assessment"];
    let mut a = Assessment {
        organisation: r.string(&mut header, h, "organisation").unwrap_or_default(),
        assessor: r.string(&mut header, h, "assessor").unwrap_or_default(),
        participants: r.strings(&mut header, h, "participants"),
        created: r.date(&mut header, h, "created"),
        questionnaire: r
            .string(&mut header, h, "questionnaire")
            .unwrap_or_default(),
        questionnaire_version: r
            .string(&mut header, h, "questionnaire_version")
            .unwrap_or_default(),
        trustgap_version: r
            .string(&mut header, h, "trustgap_version")
            .unwrap_or_default(),
        ..Assessment::default()
    };
    if a.organisation.trim().is_empty() {
        r.bad(
            &["assessment"],
            "the [assessment] table needs organisation = \"…\"",
        );
    }
    a.header_extra = extra(header);
    let answers = r.sub_table(&mut root, &[], "answers");
    a.answers = r.answers(answers, &["answers"]);
    let systems = r.sub_table(&mut root, &[], "systems");
    for (sid, v) in systems {
        let sid = sid.into_inner();
        let p = ["systems", sid.as_ref()];
        let DeValue::Table(mut st) = v.into_inner() else {
            r.bad(&p, "expected a table per AI system ([systems.ID])");
            continue;
        };
        let name = r
            .string(&mut st, &p, "name")
            .unwrap_or_else(|| sid.to_string());
        let description = r.string(&mut st, &p, "description").unwrap_or_default();
        let answers = r.sub_table(&mut st, &p, "answers");
        let ap = ["systems", sid.as_ref(), "answers"];
        let answers = r.answers(answers, &ap);
        a.systems.insert(
            sid.into_owned(),
            System {
                name,
                description,
                answers,
                extra: extra(st),
            },
        );
    }
    let soa = r.sub_table(&mut root, &[], "soa");
    for (id, v) in soa {
        let id = id.into_inner();
        let p = ["soa", id.as_ref()];
        let DeValue::Table(mut st) = v.into_inner() else {
            r.bad(&p, "expected a table per Annex A control ([soa.\"A.2.2\"])");
            continue;
        };
        let included = match st.remove("included").map(Spanned::into_inner) {
            Some(DeValue::Boolean(b)) => b,
            None => true,
            Some(_) => {
                r.bad(&p, "included must be true or false");
                true
            }
        };
        let justification = r.string(&mut st, &p, "justification").unwrap_or_default();
        a.soa.insert(
            id.into_owned(),
            SoaEntry {
                included,
                justification,
                extra: extra(st),
            },
        );
    }
    let sessions = r.sub_table(&mut root, &[], "sessions");
    for (id, v) in sessions {
        let id = id.into_inner();
        let p = ["sessions", id.as_ref()];
        let DeValue::Table(mut st) = v.into_inner() else {
            r.bad(
                &p,
                "expected a table per session ([sessions.\"2026-11-20\"])",
            );
            continue;
        };
        let session = Session {
            date: r.date(&mut st, &p, "date"),
            facilitator: r.string(&mut st, &p, "facilitator").unwrap_or_default(),
            attendees: r.strings(&mut st, &p, "attendees"),
            sections: r.strings(&mut st, &p, "sections"),
            summary: r.string(&mut st, &p, "summary").unwrap_or_default(),
            extra: extra(st),
        };
        a.sessions.insert(id.into_owned(), session);
    }
    let rems = r.sub_table(&mut root, &[], "remediations");
    for (id, v) in rems {
        let id = id.into_inner();
        let p = ["remediations", id.as_ref()];
        let DeValue::Table(mut st) = v.into_inner() else {
            r.bad(
                &p,
                "expected a table per remediation ([remediations.\"rem.iam-mfa\"] state = \"done-to-verify\")",
            );
            continue;
        };
        let state = match r.string(&mut st, &p, "state") {
            Some(s) => match RemediationState::parse(&s) {
                Some(x) => x,
                None => {
                    let sp = ["remediations", id.as_ref(), "state"];
                    r.bad(
                        &sp,
                        format!("unknown state `{s}`; use open or done-to-verify"),
                    );
                    continue;
                }
            },
            None => {
                r.bad(
                    &p,
                    "a remediation entry needs state = \"open\" or \"done-to-verify\"",
                );
                continue;
            }
        };
        let progress = RemediationProgress {
            state,
            updated: r.timestamp(&mut st, &p, "updated"),
            by: r.string(&mut st, &p, "by"),
            extra: extra(st),
        };
        a.remediations.insert(id.into_owned(), progress);
    }
    let notes = r.sub_table(&mut root, &[], "section_notes");
    for (id, v) in notes {
        let id = id.into_inner();
        let p = ["section_notes", id.as_ref()];
        let DeValue::Table(mut st) = v.into_inner() else {
            r.bad(
                &p,
                "expected a table per section ([section_notes.iam] text = \"…\")",
            );
            continue;
        };
        let text = r.string(&mut st, &p, "text").unwrap_or_default();
        if !st.is_empty() {
            r.bad(&p, "a section note has only `text`");
        }
        a.section_notes.insert(id.into_owned(), text);
    }
    a.extra = extra(root);
    if r.problems.is_empty() {
        Ok(a)
    } else {
        Err(AssessmentError::Invalid(r.problems))
    }
}

/// Reads an assessment file.
pub fn load(path: &Path) -> Result<Assessment, AssessmentError> {
    let src = std::fs::read_to_string(path).map_err(|e| AssessmentError::Io {
        path: path.display().to_string(),
        source: e,
    })?;
    parse(&path.display().to_string(), &src)
}

/// Warnings about content this questionnaire does not know (kept on save).
pub fn unknown_report(a: &Assessment, qn: &Questionnaire, file: &str) -> Vec<Problem> {
    let origin = Origin {
        file: file.into(),
        at: LineCol { line: 1, col: 1 },
    };
    let mut out = Vec::new();
    let ua = a.unknown_answers(qn);
    if !ua.is_empty() {
        out.push(Problem::warning(
            &origin,
            "answers",
            format!(
                "{} answer(s) are for questions questionnaire {} {} does not have; they are kept but not scored: {}",
                ua.len(),
                qn.id,
                qn.version,
                ua.join(", ")
            ),
        ));
    }
    let bad = a.invalid_values(qn);
    if !bad.is_empty() {
        out.push(Problem::warning(
            &origin,
            "answers",
            format!(
                "{} answer(s) do not fit their question and are not scored until fixed: {}",
                bad.len(),
                bad.join("; ")
            ),
        ));
    }
    let uk = a.unknown_keys();
    if !uk.is_empty() {
        out.push(Problem::warning(
            &origin,
            "",
            format!(
                "{} key(s) this version of trustgap does not know are kept as they are: {}",
                uk.len(),
                uk.join(", ")
            ),
        ));
    }
    out
}

// ------------------------------------------------------------------ writing

fn key(k: &str) -> String {
    if !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        k.to_string()
    } else {
        Toml::String(k.to_string()).to_string()
    }
}

fn s(v: &str) -> String {
    Toml::String(v.to_string()).to_string()
}

fn list(v: &[String]) -> String {
    if v.is_empty() {
        return "[]".into();
    }
    let items: Vec<String> = v.iter().map(|x| s(x)).collect();
    let one = format!("[{}]", items.join(", "));
    if one.len() <= 80 {
        one
    } else {
        format!("[\n    {},\n]", items.join(",\n    "))
    }
}

fn write_extra(out: &mut String, t: &Table) {
    for (k, v) in t {
        let _ = writeln!(out, "{} = {}", key(k), v);
    }
}

fn write_answer(out: &mut String, header: &str, a: &Answer) {
    let _ = writeln!(out, "[{header}]");
    if let Some(v) = &a.value {
        let text = match v {
            Value::Text(t) => s(t),
            Value::List(l) => list(l),
            Value::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    format!("{}", *n as i64)
                } else {
                    format!("{n}")
                }
            }
            Value::Date(d) => d.to_string(),
        };
        let _ = writeln!(out, "value = {text}");
    }
    if let Some(st) = a.status {
        let _ = writeln!(out, "status = {}", s(st.as_str()));
    }
    if let Some(j) = &a.justification {
        let _ = writeln!(out, "justification = {}", s(j));
    }
    if let Some(n) = &a.note {
        let _ = writeln!(out, "note = {}", s(n));
    }
    if !a.evidence.is_empty() {
        let _ = writeln!(out, "evidence = {}", list(&a.evidence));
    }
    if let Some(o) = &a.owner {
        let _ = writeln!(out, "owner = {}", s(o));
    }
    if let Some(t) = a.target {
        let _ = writeln!(out, "target = {t}");
    }
    if let Some(u) = a.updated {
        let _ = writeln!(out, "updated = {}", u.strftime("%Y-%m-%dT%H:%M:%SZ"));
    }
    if let Some(b) = &a.by {
        let _ = writeln!(out, "by = {}", s(b));
    }
    write_extra(out, &a.extra);
    out.push('\n');
}

/// Serialises an assessment in the stable, merge-friendly layout.
pub fn to_toml(a: &Assessment) -> String {
    let mut out = String::new();
    out.push_str(
        "# trustgap assessment: one table per answer, in sorted order, so that\n\
         # people answering different questions on different branches merge cleanly.\n\
         # Edit with `trustgap`, `trustgap ask` or by hand.\n\n",
    );
    out.push_str("[assessment]\n");
    let _ = writeln!(out, "organisation = {}", s(&a.organisation));
    if !a.assessor.is_empty() {
        let _ = writeln!(out, "assessor = {}", s(&a.assessor));
    }
    if !a.participants.is_empty() {
        let _ = writeln!(out, "participants = {}", list(&a.participants));
    }
    if let Some(c) = a.created {
        let _ = writeln!(out, "created = {c}");
    }
    let _ = writeln!(out, "questionnaire = {}", s(&a.questionnaire));
    let _ = writeln!(
        out,
        "questionnaire_version = {}",
        s(&a.questionnaire_version)
    );
    let _ = writeln!(out, "trustgap_version = {}", s(&a.trustgap_version));
    let mut header_tables = Table::new();
    for (k, v) in &a.header_extra {
        if v.is_table() {
            header_tables.insert(k.clone(), v.clone());
        } else {
            let _ = writeln!(out, "{} = {}", key(k), v);
        }
    }
    out.push('\n');
    for (k, v) in &header_tables {
        if let Toml::Table(t) = v {
            let _ = writeln!(out, "[assessment.{}]", key(k));
            write_extra(&mut out, t);
            out.push('\n');
        }
    }
    for (id, ans) in &a.answers {
        write_answer(&mut out, &format!("answers.{}", key(id)), ans);
    }
    for (sid, sys) in &a.systems {
        let _ = writeln!(out, "[systems.{}]", key(sid));
        let _ = writeln!(out, "name = {}", s(&sys.name));
        if !sys.description.is_empty() {
            let _ = writeln!(out, "description = {}", s(&sys.description));
        }
        write_extra(&mut out, &sys.extra);
        out.push('\n');
        for (id, ans) in &sys.answers {
            write_answer(
                &mut out,
                &format!("systems.{}.answers.{}", key(sid), key(id)),
                ans,
            );
        }
    }
    for (id, e) in &a.soa {
        let _ = writeln!(out, "[soa.{}]", key(id));
        let _ = writeln!(out, "included = {}", e.included);
        if !e.justification.is_empty() {
            let _ = writeln!(out, "justification = {}", s(&e.justification));
        }
        write_extra(&mut out, &e.extra);
        out.push('\n');
    }
    for (id, e) in &a.remediations {
        let _ = writeln!(out, "[remediations.{}]", key(id));
        let _ = writeln!(out, "state = {}", s(e.state.as_str()));
        if let Some(u) = e.updated {
            let _ = writeln!(out, "updated = {}", u.strftime("%Y-%m-%dT%H:%M:%SZ"));
        }
        if let Some(b) = &e.by {
            let _ = writeln!(out, "by = {}", s(b));
        }
        write_extra(&mut out, &e.extra);
        out.push('\n');
    }
    for (id, text) in &a.section_notes {
        let _ = writeln!(out, "[section_notes.{}]", key(id));
        let _ = writeln!(out, "text = {}", s(text));
        out.push('\n');
    }
    for (id, se) in &a.sessions {
        let _ = writeln!(out, "[sessions.{}]", key(id));
        if let Some(d) = se.date {
            let _ = writeln!(out, "date = {d}");
        }
        if !se.facilitator.is_empty() {
            let _ = writeln!(out, "facilitator = {}", s(&se.facilitator));
        }
        if !se.attendees.is_empty() {
            let _ = writeln!(out, "attendees = {}", list(&se.attendees));
        }
        if !se.sections.is_empty() {
            let _ = writeln!(out, "sections = {}", list(&se.sections));
        }
        if !se.summary.is_empty() {
            let _ = writeln!(out, "summary = {}", s(&se.summary));
        }
        write_extra(&mut out, &se.extra);
        out.push('\n');
    }
    if !a.extra.is_empty() {
        // Unknown top-level content, kept as the TOML library writes it.
        let text = toml::to_string(&a.extra).unwrap_or_default();
        out.push_str(&text);
        if !text.ends_with('\n') {
            out.push('\n');
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
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

/// `old` (the file as it is on disk) changed to say what `fresh` (the
/// assessment in the layout of [`to_toml`]) says, touching only what
/// differs: a value that changed is replaced where it stands (keeping the
/// comments around it), keys and tables that are gone are removed, and new
/// ones are placed where [`to_toml`] would put them. When `old` is not a
/// TOML document, or the result would not read back as exactly `fresh`
/// says, the result is `fresh`: nothing is ever lost to a hand edit.
pub fn update_text(old: &str, fresh: &str) -> String {
    let (Ok(mut doc), Ok(new)) = (old.parse::<DocumentMut>(), fresh.parse::<DocumentMut>()) else {
        return fresh.to_string();
    };
    let before = table_order(doc.as_table());
    update_table(doc.as_table_mut(), new.as_table());
    let order = merged_order(before, table_order(new.as_table()));
    renumber_tables(doc.as_table_mut(), &mut Vec::new(), &order);
    let text = doc.to_string();
    let same = |t: &str| parse_clean("", t).is_ok_and(|a| to_toml(&a) == fresh);
    if same(&text) { text } else { fresh.to_string() }
}

/// Makes `old` hold what `fresh` holds, keeping whatever is already equal.
fn update_table(old: &mut toml_edit::Table, fresh: &toml_edit::Table) {
    let gone: Vec<String> = old
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| !fresh.contains_key(k))
        .collect();
    for k in gone {
        old.remove(&k);
    }
    let mut added = false;
    for (k, new) in fresh.iter() {
        match (old.get_mut(k), new) {
            (Some(Item::Table(o)), Item::Table(n)) => update_table(o, n),
            (Some(Item::Value(o)), Item::Value(n)) if same_value(o, n) => {}
            (Some(Item::Value(o)), Item::Value(n)) => {
                // The new value, with the spacing and trailing comment of the old.
                let decor = o.decor().clone();
                *o = n.clone();
                *o.decor_mut() = decor;
            }
            (Some(o), n) => *o = n.clone(),
            (None, n) => {
                old.insert(k, n.clone());
                added = true;
            }
        }
    }
    if added {
        // New keys go where `to_toml` puts them, not at the end.
        let rank = |k: &toml_edit::Key| fresh.iter().position(|(f, _)| f == k.get());
        old.sort_values_by(|k1, _, k2, _| rank(k1).cmp(&rank(k2)));
    }
}

/// Whether two values say the same, however they are written.
fn same_value(a: &toml_edit::Value, b: &toml_edit::Value) -> bool {
    use toml_edit::Value as V;
    match (a, b) {
        (V::String(x), V::String(y)) => x.value() == y.value(),
        (V::Integer(x), V::Integer(y)) => x.value() == y.value(),
        (V::Float(x), V::Float(y)) => x.value().to_bits() == y.value().to_bits(),
        (V::Boolean(x), V::Boolean(y)) => x.value() == y.value(),
        (V::Datetime(x), V::Datetime(y)) => x.value() == y.value(),
        (V::Array(x), V::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| same_value(p, q))
        }
        (V::InlineTable(x), V::InlineTable(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_value(v, w)))
        }
        _ => false,
    }
}

/// The tables with a `[header]`, by dotted path, in the order they are
/// written (as toml_edit orders them: by position, then as visited).
fn table_order(root: &toml_edit::Table) -> Vec<Vec<String>> {
    fn visit(
        t: &toml_edit::Table,
        path: &mut Vec<String>,
        last: &mut isize,
        out: &mut Vec<(isize, Vec<String>)>,
    ) {
        for (k, item) in t.iter() {
            if let Item::Table(sub) = item {
                path.push(k.to_string());
                *last = sub.position().unwrap_or(*last);
                if !sub.is_implicit() || !sub.is_empty() {
                    out.push((*last, path.clone()));
                }
                visit(sub, path, last, out);
                path.pop();
            }
        }
    }
    let mut out = Vec::new();
    visit(root, &mut Vec::new(), &mut 0, &mut out);
    out.sort_by_key(|(pos, _)| *pos);
    out.into_iter().map(|(_, p)| p).collect()
}

/// The order of the tables after an update: those that were there keep
/// their order; each new one follows the table that precedes it in
/// `fresh` (the canonical order).
fn merged_order(before: Vec<Vec<String>>, fresh: Vec<Vec<String>>) -> Vec<Vec<String>> {
    let mut order: Vec<Vec<String>> = before.into_iter().filter(|p| fresh.contains(p)).collect();
    for (i, path) in fresh.iter().enumerate() {
        if order.contains(path) {
            continue;
        }
        let at = fresh[..i]
            .iter()
            .rev()
            .find_map(|prev| order.iter().position(|p| p == prev))
            .map_or(0, |j| j + 1);
        order.insert(at, path.clone());
    }
    order
}

/// Gives every table its place in `order`.
fn renumber_tables(t: &mut toml_edit::Table, path: &mut Vec<String>, order: &[Vec<String>]) {
    for (k, item) in t.iter_mut() {
        if let Item::Table(sub) = item {
            path.push(k.to_string());
            if let Some(i) = order.iter().position(|p| p == path) {
                sub.set_position(Some(i as isize));
            }
            renumber_tables(sub, path, order);
            path.pop();
        }
    }
}
