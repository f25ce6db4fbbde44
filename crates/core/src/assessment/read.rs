//! Reading the assessment file: every problem is collected, each with its
//! file, line, column and key.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Deserialize as _;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::value::{Datetime, Offset};
use toml::{Spanned, Table};

use super::model::{
    Answer, Assessment, RemediationProgress, RemediationState, Session, SoaEntry, Status, System,
    Value,
};
use crate::catalog::{Problem, Severity};
use crate::location::{LineCol, Seg, line_col, locate_in};

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
fn syntax_error(file: &str, src: &str, e: &toml::de::Error) -> Vec<Problem> {
    let offset = e.span().map(|s| s.start).unwrap_or(0);
    vec![Problem {
        severity: Severity::Error,
        file: file.to_string(),
        at: line_col(src, offset),
        key: String::new(),
        message: format!("TOML syntax error: {}", e.message().trim()),
    }]
}

/// Parses text that has no conflict markers. `file` is used in messages.
pub(crate) fn parse_clean(file: &str, src: &str) -> Result<Assessment, Vec<Problem>> {
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
        Err(r.problems)
    }
}
