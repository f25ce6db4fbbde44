//! Git merge conflicts in assessment files.
//!
//! When two people change the same answer on two branches, git leaves
//! conflict markers in the file. trustgap reads both sides, names every
//! question answered differently (with both answers and who changed them),
//! merges everything else, and lets the user pick per question
//! (`trustgap resolve`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::assessment::model::{Answer, Assessment, SoaEntry, System, Value};
use crate::assessment::read::parse_clean;
use crate::catalog::{Problem, Severity};
use crate::location::LineCol;

/// One hunk of conflict markers (0-based line numbers of the markers).
#[derive(Debug, Clone, Copy)]
struct Hunk {
    start: usize,
    end: usize,
}

/// The two sides of a conflicted file.
#[derive(Debug, Clone)]
pub struct Sides {
    pub ours_label: String,
    pub theirs_label: String,
    pub ours: String,
    pub theirs: String,
    hunks: Vec<Hunk>,
}

/// Whether the text has git conflict markers.
pub fn has_markers(src: &str) -> bool {
    src.lines()
        .any(|l| l == "<<<<<<<" || l.starts_with("<<<<<<< "))
}

/// Splits a conflicted file into "ours" and "theirs" texts (diff3 base
/// sections are dropped). `None` if the markers are unbalanced.
pub fn split(src: &str) -> Option<Sides> {
    #[derive(PartialEq)]
    enum State {
        Both,
        Ours,
        Base,
        Theirs,
    }
    let mut state = State::Both;
    let mut ours = String::new();
    let mut theirs = String::new();
    let mut ours_label = String::new();
    let mut theirs_label = String::new();
    let mut hunks = Vec::new();
    let mut start = 0;
    for (i, line) in src.lines().enumerate() {
        if line == "<<<<<<<" || line.starts_with("<<<<<<< ") {
            if state != State::Both {
                return None;
            }
            state = State::Ours;
            start = i;
            if ours_label.is_empty() {
                ours_label = line.trim_start_matches('<').trim().to_string();
            }
            continue;
        }
        if line == "|||||||" || line.starts_with("||||||| ") {
            if state != State::Ours {
                return None;
            }
            state = State::Base;
            continue;
        }
        if line == "=======" && matches!(state, State::Ours | State::Base) {
            state = State::Theirs;
            continue;
        }
        if line == ">>>>>>>" || line.starts_with(">>>>>>> ") {
            if state != State::Theirs {
                return None;
            }
            state = State::Both;
            hunks.push(Hunk { start, end: i });
            if theirs_label.is_empty() {
                theirs_label = line.trim_start_matches('>').trim().to_string();
            }
            continue;
        }
        match state {
            State::Both => {
                ours.push_str(line);
                ours.push('\n');
                theirs.push_str(line);
                theirs.push('\n');
            }
            State::Ours => {
                ours.push_str(line);
                ours.push('\n');
            }
            State::Base => {}
            State::Theirs => {
                theirs.push_str(line);
                theirs.push('\n');
            }
        }
    }
    if state != State::Both || hunks.is_empty() {
        return None;
    }
    if ours_label.is_empty() {
        ours_label = "ours".into();
    }
    if theirs_label.is_empty() {
        theirs_label = "theirs".into();
    }
    Some(Sides {
        ours_label,
        theirs_label,
        ours,
        theirs,
        hunks,
    })
}

/// One question (or header field) answered differently on the two sides.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// `answers.iam.mfa`, `systems.bot.answers.sys.roles`, `assessment.assessor`, `soa.A.5.5` …
    pub key: String,
    /// The question id when the conflict is about an answer.
    pub question: Option<String>,
    pub ours: String,
    pub theirs: String,
    pub ours_by: Option<String>,
    pub theirs_by: Option<String>,
    /// 1-based line of the conflict markers around it.
    pub line: usize,
}

/// Which side to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Ours,
    Theirs,
}

/// A conflicted assessment, read on both sides.
#[derive(Debug, Clone)]
pub struct Merge {
    pub file: String,
    pub ours_label: String,
    pub theirs_label: String,
    pub ours: Assessment,
    pub theirs: Assessment,
    pub conflicts: Vec<Conflict>,
}

/// Short description of an answer: `partial — "note…"`.
pub fn describe(a: &Answer) -> String {
    let mut s = match (&a.status, &a.value) {
        (Some(st), _) => st.label().to_string(),
        (None, Some(Value::Text(t))) => t.clone(),
        (None, Some(Value::List(l))) => l.join(", "),
        (None, Some(Value::Number(n))) => n.to_string(),
        (None, Some(Value::Date(d))) => d.to_string(),
        (None, None) => "unanswered".to_string(),
    };
    if let (Some(_), Some(v)) = (&a.status, &a.value) {
        let _ = write!(s, " ({v:?})");
    }
    if let Some(n) = a.note.as_deref().filter(|n| !n.is_empty()) {
        let short: String = n.chars().take(60).collect();
        let _ = write!(
            s,
            " — \"{short}{}\"",
            if n.chars().count() > 60 { "…" } else { "" }
        );
    }
    if let Some(o) = &a.owner {
        let _ = write!(s, "; owner {o}");
    }
    s
}

fn who(a: &Answer) -> Option<String> {
    match (&a.by, a.updated) {
        (Some(b), Some(u)) => Some(format!("{b}, {}", u.strftime("%Y-%m-%d %H:%M UTC"))),
        (Some(b), None) => Some(b.clone()),
        (None, Some(u)) => Some(u.strftime("%Y-%m-%d %H:%M UTC").to_string()),
        (None, None) => None,
    }
}

impl Sides {
    /// The 1-based line of the hunk that holds (or follows) `needle`.
    fn line_for(&self, src: &str, needle: &str) -> usize {
        let lines: Vec<&str> = src.lines().collect();
        let Some(h) = lines.iter().position(|l| l.trim() == needle) else {
            return self.hunks.first().map(|h| h.start + 1).unwrap_or(1);
        };
        for hunk in &self.hunks {
            if hunk.start <= h && h <= hunk.end {
                return hunk.start + 1;
            }
            if hunk.start > h {
                return hunk.start + 1;
            }
        }
        h + 1
    }
}

fn header_needle(key: &str) -> String {
    // `answers.iam.mfa` → `[answers."iam.mfa"]`
    if let Some(q) = key.strip_prefix("answers.") {
        return format!("[answers.\"{q}\"]");
    }
    if let Some(rest) = key.strip_prefix("systems.") {
        if let Some((sid, q)) = rest.split_once(".answers.") {
            return format!("[systems.{sid}.answers.\"{q}\"]");
        }
        return format!("[systems.{rest}]");
    }
    if let Some(id) = key.strip_prefix("soa.") {
        return format!("[soa.\"{id}\"]");
    }
    "[assessment]".to_string()
}

/// Reads a conflicted file. Fails (with a location) if either side does
/// not parse on its own.
pub fn analyse(file: &str, src: &str) -> Result<Merge, Vec<Problem>> {
    let sides = split(src).ok_or_else(|| {
        vec![Problem {
            severity: Severity::Error,
            file: file.to_string(),
            at: LineCol { line: 1, col: 1 },
            key: String::new(),
            message: "unbalanced git conflict markers (<<<<<<<, =======, >>>>>>>); fix them by hand, keeping one answer per question".into(),
        }]
    })?;
    let ours = parse_clean(&format!("{file} (side {})", sides.ours_label), &sides.ours)?;
    let theirs = parse_clean(
        &format!("{file} (side {})", sides.theirs_label),
        &sides.theirs,
    )?;
    let mut conflicts = Vec::new();
    let mut push = |key: String,
                    question: Option<String>,
                    ours: String,
                    theirs: String,
                    ob: Option<String>,
                    tb: Option<String>| {
        let line = sides.line_for(src, &header_needle(&key));
        conflicts.push(Conflict {
            key,
            question,
            ours,
            theirs,
            ours_by: ob,
            theirs_by: tb,
            line,
        });
    };
    header_conflicts(&ours, &theirs, &mut push);
    answer_conflicts(&ours.answers, &theirs.answers, "answers.", &mut push);
    system_conflicts(&ours, &theirs, &mut push);
    soa_conflicts(&ours, &theirs, &mut push);
    Ok(Merge {
        file: file.to_string(),
        ours_label: sides.ours_label,
        theirs_label: sides.theirs_label,
        ours,
        theirs,
        conflicts,
    })
}

/// Systems only they have are added; for shared ones, picked fields and
/// answers are taken, and unknown keys kept.
fn merge_systems(out: &mut Assessment, theirs: &Assessment, take_theirs: &dyn Fn(&str) -> bool) {
    for (sid, ts) in &theirs.systems {
        match out.systems.get_mut(sid) {
            None => {
                out.systems.insert(sid.clone(), ts.clone());
            }
            Some(os) => {
                if take_theirs(&format!("systems.{sid}.name")) {
                    os.name = ts.name.clone();
                }
                if take_theirs(&format!("systems.{sid}.description")) || os.description.is_empty() {
                    os.description = ts.description.clone();
                }
                merge_answers(
                    &mut os.answers,
                    &ts.answers,
                    &format!("systems.{sid}.answers."),
                    &take_theirs,
                );
                for (k, v) in &ts.extra {
                    os.extra.entry(k.clone()).or_insert_with(|| v.clone());
                }
            }
        }
    }
}

/// Statement of Applicability entries only they have, or picked.
fn merge_soa(out: &mut Assessment, theirs: &Assessment, take_theirs: &dyn Fn(&str) -> bool) {
    for (id, t) in &theirs.soa {
        match out.soa.get(id) {
            None => {
                out.soa.insert(id.clone(), t.clone());
            }
            Some(_) if take_theirs(&format!("soa.{id}")) => {
                out.soa.insert(id.clone(), t.clone());
            }
            Some(_) => {}
        }
    }
}

/// Remediation progress, sittings and facilitator notes, which never
/// conflict: the latest record wins, both sittings and both notes are kept.
fn merge_workshop(out: &mut Assessment, theirs: &Assessment) {
    // Remediation progress (from `trustgap sync`): the latest record wins.
    for (id, t) in &theirs.remediations {
        match out.remediations.get(id) {
            Some(o) if o.updated >= t.updated => {}
            _ => {
                out.remediations.insert(id.clone(), t.clone());
            }
        }
    }
    // Plan settings: ours, unless we have none.
    if out.plan.is_empty() {
        out.plan = theirs.plan.clone();
    }
    // Workshop records: both sides' sittings are kept; a facilitator
    // note written on both sides keeps both texts.
    for (id, t) in &theirs.sessions {
        match out.sessions.get(id) {
            None => {
                out.sessions.insert(id.clone(), t.clone());
            }
            Some(o) if o == t => {}
            Some(_) => {
                let mut n = 2;
                let mut key = format!("{id}-{n}");
                while out.sessions.contains_key(&key) {
                    n += 1;
                    key = format!("{id}-{n}");
                }
                out.sessions.insert(key, t.clone());
            }
        }
    }
    for (id, t) in &theirs.section_notes {
        match out.section_notes.get(id) {
            None => {
                out.section_notes.insert(id.clone(), t.clone());
            }
            Some(o) if o == t || o.contains(t.as_str()) => {}
            Some(o) => {
                let both = format!("{o}\n{t}");
                out.section_notes.insert(id.clone(), both);
            }
        }
    }
}

/// Records a conflict: key, question, our and their text, and who wrote each.
trait Push: FnMut(String, Option<String>, String, String, Option<String>, Option<String>) {}
impl<F: FnMut(String, Option<String>, String, String, Option<String>, Option<String>)> Push for F {}

/// The header fields both sides set differently.
fn header_conflicts(ours: &Assessment, theirs: &Assessment, push: &mut impl Push) {
    for (field, o, t) in [
        ("organisation", &ours.organisation, &theirs.organisation),
        ("assessor", &ours.assessor, &theirs.assessor),
        ("questionnaire", &ours.questionnaire, &theirs.questionnaire),
        (
            "questionnaire_version",
            &ours.questionnaire_version,
            &theirs.questionnaire_version,
        ),
    ] {
        if o != t && !o.is_empty() && !t.is_empty() {
            push(
                format!("assessment.{field}"),
                None,
                o.clone(),
                t.clone(),
                None,
                None,
            );
        }
    }
}

/// Each AI system's name, description and answers that differ.
fn system_conflicts(ours: &Assessment, theirs: &Assessment, push: &mut impl Push) {
    for (sid, os) in &ours.systems {
        if let Some(ts) = theirs.systems.get(sid) {
            if os.name != ts.name {
                push(
                    format!("systems.{sid}.name"),
                    None,
                    os.name.clone(),
                    ts.name.clone(),
                    None,
                    None,
                );
            }
            if os.description != ts.description
                && !os.description.is_empty()
                && !ts.description.is_empty()
            {
                push(
                    format!("systems.{sid}.description"),
                    None,
                    os.description.clone(),
                    ts.description.clone(),
                    None,
                    None,
                );
            }
            answer_conflicts(
                &os.answers,
                &ts.answers,
                &format!("systems.{sid}.answers."),
                push,
            );
        }
    }
}

/// Statement of Applicability decisions that differ.
fn soa_conflicts(ours: &Assessment, theirs: &Assessment, push: &mut impl Push) {
    for (id, o) in &ours.soa {
        if let Some(t) = theirs.soa.get(id)
            && o != t
        {
            let d = |e: &SoaEntry| {
                format!(
                    "{}{}",
                    if e.included { "included" } else { "excluded" },
                    if e.justification.is_empty() {
                        String::new()
                    } else {
                        format!(" — {}", e.justification)
                    }
                )
            };
            push(format!("soa.{id}"), None, d(o), d(t), None, None);
        }
    }
}

fn answer_conflicts(
    ours: &BTreeMap<String, Answer>,
    theirs: &BTreeMap<String, Answer>,
    prefix: &str,
    push: &mut impl Push,
) {
    for (id, o) in ours {
        let Some(t) = theirs.get(id) else { continue };
        if o == t || !o.is_answered() && o.is_empty() || t.is_empty() {
            continue;
        }
        push(
            format!("{prefix}{id}"),
            Some(id.clone()),
            describe(o),
            describe(t),
            who(o),
            who(t),
        );
    }
}

impl Merge {
    /// Builds the merged assessment: everything that differs on one side
    /// only is taken from that side; each conflict takes the picked side
    /// (`picks` in the order of `conflicts`; missing picks keep ours).
    pub fn resolve(&self, picks: &[Pick]) -> Assessment {
        let pick = |key: &str| {
            self.conflicts
                .iter()
                .position(|c| c.key == key)
                .map(|i| picks.get(i).copied().unwrap_or(Pick::Ours))
        };
        let mut out = self.ours.clone();
        let take_theirs = |key: &str| pick(key) == Some(Pick::Theirs);
        if take_theirs("assessment.organisation") {
            out.organisation = self.theirs.organisation.clone();
        }
        if take_theirs("assessment.assessor") || out.assessor.is_empty() {
            out.assessor = self.theirs.assessor.clone();
        }
        if take_theirs("assessment.questionnaire") {
            out.questionnaire = self.theirs.questionnaire.clone();
        }
        if take_theirs("assessment.questionnaire_version") {
            out.questionnaire_version = self.theirs.questionnaire_version.clone();
        }
        for p in &self.theirs.participants {
            if !out.participants.contains(p) {
                out.participants.push(p.clone());
            }
        }
        merge_answers(
            &mut out.answers,
            &self.theirs.answers,
            "answers.",
            &take_theirs,
        );
        merge_systems(&mut out, &self.theirs, &take_theirs);
        merge_soa(&mut out, &self.theirs, &take_theirs);
        merge_workshop(&mut out, &self.theirs);
        for (k, v) in &self.theirs.extra {
            out.extra.entry(k.clone()).or_insert_with(|| v.clone());
        }
        for (k, v) in &self.theirs.header_extra {
            out.header_extra
                .entry(k.clone())
                .or_insert_with(|| v.clone());
        }
        out
    }

    /// The message shown when a command meets a conflicted file.
    pub fn explain(&self) -> String {
        let mut s = format!(
            "{} has git conflict markers between {} and {}.\n",
            self.file, self.ours_label, self.theirs_label
        );
        if self.conflicts.is_empty() {
            s.push_str("No question was answered differently: `trustgap resolve FILE` merges both sides automatically.\n");
            return s;
        }
        let _ = writeln!(
            s,
            "{} question(s) were answered differently on the two sides:",
            self.conflicts.len()
        );
        for c in &self.conflicts {
            let _ = writeln!(s, "  {}:{}: {}", self.file, c.line, c.key);
            let _ = writeln!(
                s,
                "    {}: {}{}",
                self.ours_label,
                c.ours,
                c.ours_by
                    .as_ref()
                    .map(|b| format!(" (by {b})"))
                    .unwrap_or_default()
            );
            let _ = writeln!(
                s,
                "    {}: {}{}",
                self.theirs_label,
                c.theirs,
                c.theirs_by
                    .as_ref()
                    .map(|b| format!(" (by {b})"))
                    .unwrap_or_default()
            );
        }
        s.push_str("Run `trustgap resolve FILE` to pick an answer per question (or `--take ours|theirs`); everything else is merged for you.");
        s
    }
}

fn merge_answers(
    out: &mut BTreeMap<String, Answer>,
    theirs: &BTreeMap<String, Answer>,
    prefix: &str,
    take_theirs: &dyn Fn(&str) -> bool,
) {
    for (id, t) in theirs {
        match out.get(id) {
            None => {
                out.insert(id.clone(), t.clone());
            }
            Some(o) if o.is_empty() => {
                out.insert(id.clone(), t.clone());
            }
            Some(_) if take_theirs(&format!("{prefix}{id}")) => {
                out.insert(id.clone(), t.clone());
            }
            Some(_) => {}
        }
    }
}

/// Convenience for tests and the CLI: a `System` with a name.
pub fn system(name: &str) -> System {
    System {
        name: name.to_string(),
        ..System::default()
    }
}

// ------------------------------------------------------------ two writers

/// One question both writers changed since they last read the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Overlap {
    /// `answers.iam.mfa` or `systems.bot.answers.sys.roles`.
    pub key: String,
    /// Whose answer was kept: `true` when ours (the later one).
    pub kept_ours: bool,
    /// Who wrote the other writer's answer, when the file says.
    pub other_by: Option<String>,
}

/// Brings what another writer saved to the file (`theirs`) into our copy
/// (`ours`), both changed from `base`, the file as we last read or wrote
/// it. What only one side changed is taken from that side; an answer both
/// changed keeps the later one (by `updated`), and the overlap is reported
/// so that nothing is replaced silently. Sittings, participants and notes
/// from both sides are kept.
pub fn rebase(
    base: &Assessment,
    ours: &Assessment,
    theirs: &Assessment,
) -> (Assessment, Vec<Overlap>) {
    let mut out = ours.clone();
    let mut overlaps = Vec::new();
    rebase_answers(
        &base.answers,
        &mut out.answers,
        &theirs.answers,
        "answers.",
        &mut overlaps,
    );
    for (sid, ts) in &theirs.systems {
        let bs = base.systems.get(sid);
        match out.systems.get_mut(sid) {
            Some(os) => {
                let empty = BTreeMap::new();
                let base_answers = bs.map_or(&empty, |b| &b.answers);
                rebase_answers(
                    base_answers,
                    &mut os.answers,
                    &ts.answers,
                    &format!("systems.{sid}.answers."),
                    &mut overlaps,
                );
                if bs.is_some_and(|b| b.name == os.name) {
                    os.name = ts.name.clone();
                }
                if bs.is_some_and(|b| b.description == os.description) {
                    os.description = ts.description.clone();
                }
            }
            // Added by them, or removed by us (keep ours: removed).
            None if bs.is_none() => {
                out.systems.insert(sid.clone(), ts.clone());
            }
            None => {}
        }
    }
    // Removed by them and untouched by us.
    out.systems
        .retain(|sid, os| theirs.systems.contains_key(sid) || base.systems.get(sid) != Some(os));
    rebase_soa(&base.soa, &mut out.soa, &theirs.soa, &mut overlaps);
    take_if_unchanged(
        &base.section_notes,
        &mut out.section_notes,
        &theirs.section_notes,
    );
    for (id, t) in &theirs.sessions {
        out.sessions.entry(id.clone()).or_insert_with(|| t.clone());
    }
    for p in &theirs.participants {
        if !out.participants.contains(p) && !base.participants.contains(p) {
            out.participants.push(p.clone());
        }
    }
    for (id, t) in &theirs.remediations {
        match out.remediations.get(id) {
            Some(o) if o.updated >= t.updated => {}
            _ => {
                out.remediations.insert(id.clone(), t.clone());
            }
        }
    }
    if base.assessor == out.assessor {
        out.assessor = theirs.assessor.clone();
    }
    if base.organisation == out.organisation {
        out.organisation = theirs.organisation.clone();
    }
    if base.plan == out.plan {
        out.plan = theirs.plan.clone();
    }
    (out, overlaps)
}

/// Statement of Applicability decisions, like answers: each taken from the
/// side that changed it. A decision both changed (differently) keeps ours,
/// the one being saved now (decisions carry no time), and the overlap is
/// recorded so that the other writer's decision is not replaced silently.
fn rebase_soa(
    base: &BTreeMap<String, SoaEntry>,
    ours: &mut BTreeMap<String, SoaEntry>,
    theirs: &BTreeMap<String, SoaEntry>,
    overlaps: &mut Vec<Overlap>,
) {
    let keys: BTreeSet<String> = base.keys().chain(theirs.keys()).cloned().collect();
    for k in keys {
        let (b, t) = (base.get(&k), theirs.get(&k));
        let o = ours.get(&k);
        if t == b || t == o {
            continue; // they did not change it, or both decided the same
        }
        if o == b {
            match t {
                Some(t) => ours.insert(k, t.clone()),
                None => ours.remove(&k),
            };
        } else {
            overlaps.push(Overlap {
                key: format!("soa.{k}"),
                kept_ours: true,
                other_by: None,
            });
        }
    }
}

/// Answers: each taken from the side that changed it; both changed, the
/// later one wins and the overlap is recorded.
fn rebase_answers(
    base: &BTreeMap<String, Answer>,
    ours: &mut BTreeMap<String, Answer>,
    theirs: &BTreeMap<String, Answer>,
    prefix: &str,
    overlaps: &mut Vec<Overlap>,
) {
    let keys: BTreeSet<String> = base.keys().chain(theirs.keys()).cloned().collect();
    for k in keys {
        let (b, t) = (base.get(&k), theirs.get(&k));
        let o = ours.get(&k).cloned();
        if t == b || t == o.as_ref() {
            continue; // they did not change it, or both wrote the same
        }
        if o.as_ref() == b {
            // Only they changed it.
            match t {
                Some(t) => ours.insert(k.clone(), t.clone()),
                None => ours.remove(&k),
            };
            continue;
        }
        // Both changed it: the later answer wins.
        let (o_at, t_at) = (
            o.as_ref().and_then(|a| a.updated),
            t.and_then(|a| a.updated),
        );
        let kept_ours = o_at >= t_at;
        overlaps.push(Overlap {
            key: format!("{prefix}{k}"),
            kept_ours,
            other_by: t.and_then(|a| a.by.clone()),
        });
        if !kept_ours {
            match t {
                Some(t) => ours.insert(k.clone(), t.clone()),
                None => ours.remove(&k),
            };
        }
    }
}

/// Entries they changed and we did not: taken from them.
fn take_if_unchanged<V: Clone + PartialEq>(
    base: &BTreeMap<String, V>,
    ours: &mut BTreeMap<String, V>,
    theirs: &BTreeMap<String, V>,
) {
    let keys: BTreeSet<String> = base.keys().chain(theirs.keys()).cloned().collect();
    for k in keys {
        let (b, t) = (base.get(&k), theirs.get(&k));
        if t != b && ours.get(&k) == b {
            match t {
                Some(t) => ours.insert(k, t.clone()),
                None => ours.remove(&k),
            };
        }
    }
}
