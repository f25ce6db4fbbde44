//! The assessment file: one TOML file per organisation.
//!
//! Layout (built to merge cleanly in git): a small `[assessment]` header, then
//! one table per answer in sorted order (`[answers."iam.mfa"]`), one table per
//! AI system and per system answer, and one per Statement of Applicability
//! entry. Nothing derived (scores, counts, a whole-file "updated" stamp) is
//! stored. Keys and answers trustgap does not recognise are kept on save.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;
use toml::Table;

use super::de;
use crate::catalog::{Origin, Problem, Questionnaire, SectionKind};
use crate::location::LineCol;

/// The state of a control, as answered.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case", try_from = "String")]
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

/// A number as the file and the reports write it: whole numbers without a
/// decimal point.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

impl TryFrom<String> for Status {
    type Error = String;
    fn try_from(s: String) -> Result<Status, String> {
        Status::parse(&s).ok_or_else(|| {
            format!(
                "unknown status `{s}`; use one of implemented, partial, missing, not-applicable, dont-know"
            )
        })
    }
}

impl<'de> serde::Deserialize<'de> for Value {
    /// Text, a list of option ids, a number, `true`/`false` (read as
    /// yes/no) or a plain date.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        use serde::de::Error;
        use toml::Value as Toml;
        let found =
            |v: &Toml| D::Error::custom(format!("expected a value, found {}", v.type_str()));
        match <Toml as serde::Deserialize>::deserialize(d)? {
            Toml::String(s) => Ok(Value::Text(s)),
            Toml::Integer(n) => Ok(Value::Number(n as f64)),
            Toml::Float(n) => Ok(Value::Number(n)),
            Toml::Boolean(b) => Ok(Value::Text(if b { "yes" } else { "no" }.into())),
            Toml::Array(items) => items
                .into_iter()
                .map(|v| match v {
                    Toml::String(s) => Ok(s),
                    other => Err(D::Error::custom(format!(
                        "expected a list of option ids, found {}",
                        other.type_str()
                    ))),
                })
                .collect::<Result<_, _>>()
                .map(Value::List),
            Toml::Datetime(dt) => de::plain_date(&dt).map(Value::Date).ok_or_else(|| {
                D::Error::custom("a date answer must be a plain date like 2027-03-31")
            }),
            table @ Toml::Table(_) => Err(found(&table)),
        }
    }
}

/// One answer.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(default)]
pub struct Answer {
    pub value: Option<Value>,
    pub status: Option<Status>,
    pub justification: Option<String>,
    pub note: Option<String>,
    pub evidence: Vec<String>,
    /// Who owns the work (the fix, for a gap).
    pub owner: Option<String>,
    /// Who will find out, for a "don't know" (not necessarily the owner of
    /// the fix).
    pub finder: Option<String>,
    #[serde(deserialize_with = "de::date")]
    pub target: Option<Date>,
    #[serde(deserialize_with = "de::timestamp")]
    pub updated: Option<Timestamp>,
    pub by: Option<String>,
    /// Keys this version does not know, kept as they were.
    #[serde(skip)]
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

    /// Who will find out a "don't know": the finder, or (in files written
    /// before the two were asked apart) the owner.
    pub fn who_finds_out(&self) -> Option<&str> {
        self.finder
            .as_deref()
            .or(self.owner.as_deref())
            .filter(|w| !w.trim().is_empty())
    }
}

/// One AI system (or general-purpose model) classified under the EU AI Act.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(default)]
pub struct System {
    /// The system's id when the file gives no name.
    pub name: String,
    pub description: String,
    pub answers: BTreeMap<String, Answer>,
    #[serde(skip)]
    pub extra: Table,
}

/// One Statement of Applicability decision (ISO/IEC 42001 Annex A).
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
pub struct SoaEntry {
    /// Included unless the file says `included = false`.
    #[serde(default = "included")]
    pub included: bool,
    #[serde(default)]
    pub justification: String,
    #[serde(skip)]
    pub extra: Table,
}

fn included() -> bool {
    true
}

/// Progress on one remediation item, recorded outside the answers (for
/// example by `trustgap sync` from ticked task boxes in an exported plan).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case", try_from = "String")]
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

impl TryFrom<String> for RemediationState {
    type Error = String;
    fn try_from(s: String) -> Result<RemediationState, String> {
        RemediationState::parse(&s)
            .ok_or_else(|| format!("unknown state `{s}`; use open or done-to-verify"))
    }
}

/// `[remediations."rem.iam-mfa"]`: the recorded state of one remediation item.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct RemediationProgress {
    pub state: RemediationState,
    #[serde(default, deserialize_with = "de::timestamp")]
    pub updated: Option<Timestamp>,
    #[serde(default)]
    pub by: Option<String>,
    #[serde(skip)]
    pub extra: Table,
}

/// `[plan]`: how much time each owner can give the plan, and the audit
/// buffer, when the defaults do not fit the company.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(default)]
pub struct PlanSettings {
    /// Person-days a week any owner can give the plan (default 2).
    pub days_per_week: Option<f64>,
    /// Person-days a week for a named owner or role, over the default.
    pub capacity: BTreeMap<String, f64>,
    /// Days before an audit by which work must be done (over each goal's buffer).
    pub buffer_days: Option<u32>,
    #[serde(skip)]
    pub extra: Table,
}

impl PlanSettings {
    pub fn is_empty(&self) -> bool {
        *self == PlanSettings::default()
    }
}

/// One workshop sitting: who attended and what was covered.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(default)]
pub struct Session {
    #[serde(deserialize_with = "de::date")]
    pub date: Option<Date>,
    pub facilitator: String,
    pub attendees: Vec<String>,
    /// Section ids covered.
    pub sections: Vec<String>,
    pub summary: String,
    #[serde(skip)]
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
    /// `[plan]` settings: owner capacity and the audit buffer.
    pub plan: PlanSettings,
    /// Unknown keys of the `[assessment]` header.
    pub header_extra: Table,
    /// Unknown top-level keys and tables.
    pub extra: Table,
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
        out.extend(self.plan.extra.keys().map(|k| format!("plan.{k}")));
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
