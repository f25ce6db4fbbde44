//! Frameworks and questionnaires: the data trustgap reasons over.
//!
//! Everything here is loaded from TOML (embedded defaults, then `--catalog
//! DIR`, then the user's config directory) and cross-checked by
//! [`validate`](validate::validate).

mod load;
pub mod validate;

use rustc_hash::FxHashMap as HashMap;
use std::fmt;

use jiff::civil::Date;

use crate::condition::Expr;
use crate::location::LineCol;
pub use crate::text::Text;

pub use load::{LoadOptions, load_files, load_from_strs, load_over};

/// Where something was defined, for error messages.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Origin {
    pub file: Text,
    pub at: LineCol,
}

/// Thousands of origins name the same few files: a run of origins in one
/// file shares one copy of its name instead of one allocation each.
impl<'de> serde::Deserialize<'de> for Origin {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Origin, D::Error> {
        #[derive(serde::Deserialize)]
        struct Raw<'a> {
            #[serde(borrow)]
            file: std::borrow::Cow<'a, str>,
            at: LineCol,
        }
        thread_local! {
            static LAST_FILE: std::cell::RefCell<Option<Text>> = const { std::cell::RefCell::new(None) };
        }
        let raw = Raw::deserialize(d)?;
        let file = LAST_FILE.with(|last| {
            let mut last = last.borrow_mut();
            match &*last {
                Some(t) if **t == *raw.file => t.clone(),
                _ => {
                    let t = Text::from(raw.file.as_ref());
                    *last = Some(t.clone());
                    t
                }
            }
        });
        Ok(Origin { file, at: raw.at })
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.at)
    }
}

/// How bad a problem is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found while loading or validating: what, where, which key.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    pub severity: Severity,
    pub file: String,
    pub at: LineCol,
    pub key: String,
    pub message: String,
}

impl Problem {
    /// A TOML syntax error in `src`, at its line and column.
    pub fn toml_syntax(file: &str, src: &str, e: &toml::de::Error) -> Self {
        let offset = e.span().map(|s| s.start).unwrap_or(0);
        Problem {
            severity: Severity::Error,
            file: file.to_string(),
            at: crate::location::line_col(src, offset),
            key: String::new(),
            message: format!("TOML syntax error: {}", e.message().trim()),
        }
    }

    pub fn error(origin: &Origin, key: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            file: origin.file.to_string(),
            at: origin.at,
            key: key.into(),
            message: message.into(),
        }
    }

    pub fn warning(origin: &Origin, key: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(origin, key, message)
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}:{}: {level}", self.file, self.at)?;
        if !self.key.is_empty() {
            write!(f, " [{}]", self.key)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Kinds of framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FrameworkKind {
    Attestation,
    Certification,
    Law,
    Guidance,
}

impl FrameworkKind {
    pub fn label(self) -> &'static str {
        match self {
            FrameworkKind::Attestation => "attestation",
            FrameworkKind::Certification => "certification",
            FrameworkKind::Law => "law",
            FrameworkKind::Guidance => "guidance",
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Fact {
    pub title: Text,
    pub text: Text,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Group {
    pub id: Text,
    pub title: Text,
    pub description: Text,
    pub parent: Option<Text>,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Tag {
    pub id: Text,
    pub title: Text,
    #[serde(default)]
    pub description: Text,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DateRule {
    pub trigger: Option<Text>,
    pub placed_before: Option<Date>,
    pub date: Date,
    pub note: Text,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Requirement {
    pub id: Text,
    pub title: Text,
    pub summary: Text,
    pub group: Text,
    pub category: Option<Text>,
    pub reference: Option<Text>,
    pub points_of_focus: Vec<Text>,
    pub documented_information: Option<Text>,
    pub soa: bool,
    pub informational: Option<Text>,
    pub applies_to: Vec<Text>,
    pub triggers: Vec<Text>,
    pub applies_from: Option<Date>,
    pub penalty: Option<Text>,
    pub date_note: Option<Text>,
    pub dates: Vec<DateRule>,
    /// A check to confirm (an Art. 5 prohibition) rather than work to do:
    /// confirming it does not lift readiness.
    pub check: bool,
    /// Law: the obligation does not apply to a system where any of these
    /// triggers holds, however its own triggers match (a scope limit or
    /// an exception written into the article, or Art. 2(2)).
    pub except_triggers: Vec<Text>,
    /// Law: Annex III points the article leaves out; the obligation does
    /// not apply to a system whose Annex III uses are all among them.
    pub except_annex_iii: Vec<Text>,
    /// Law: where sources differ on the date, the date under the later
    /// reading (`applies_from` holds the earlier one, which the plan uses
    /// as the prudent reading; `date_note` explains both).
    pub later_reading: Option<Date>,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Penalty {
    pub id: Text,
    pub title: Text,
    pub max: Text,
    #[serde(default)]
    pub note: Text,
}

/// One Annex III point (EU AI Act).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AnnexIiiPoint {
    pub id: Text,
    pub area: u8,
    pub area_title: Text,
    pub title: Text,
    #[serde(default)]
    pub fria: bool,
    #[serde(default)]
    pub notified_body: bool,
}

/// One Annex I entry (EU AI Act).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AnnexIEntry {
    pub id: Text,
    pub section: Text,
    pub title: Text,
    pub law: Option<Text>,
}

/// One Art 6(3) condition.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Derogation {
    pub id: Text,
    pub title: Text,
    #[serde(default)]
    pub description: Text,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Framework {
    pub id: Text,
    pub name: Text,
    pub short: Text,
    pub version: Text,
    pub publisher: Text,
    pub source: Text,
    pub url: Option<Text>,
    pub last_checked: Date,
    pub kind: FrameworkKind,
    pub description: Text,
    pub facts: Vec<Fact>,
    pub groups: Vec<Group>,
    pub tags: Vec<Tag>,
    pub requirements: Vec<Requirement>,
    pub penalties: Vec<Penalty>,
    pub annex_iii: Vec<AnnexIiiPoint>,
    pub annex_i: Vec<AnnexIEntry>,
    pub derogations: Vec<Derogation>,
    /// The goals this framework can be targeted with, for the plan.
    pub goals: Vec<Goal>,
    pub origin: Origin,
    /// Requirement id → position (rebuilt by [`Framework::reindex`]).
    #[serde(skip)]
    pub index: HashMap<Text, usize>,
    #[serde(skip)]
    pub group_index: HashMap<Text, usize>,
}

impl Framework {
    /// Rebuilds the lookup indexes after the vectors changed.
    pub fn reindex(&mut self) {
        self.index = self
            .requirements
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        self.group_index = self
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.id.clone(), i))
            .collect();
    }

    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        match self.index.get(id) {
            Some(i) => self.requirements.get(*i).filter(|r| r.id == id),
            None if self.index.len() == self.requirements.len() => None,
            None => self.requirements.iter().find(|r| r.id == id),
        }
    }

    pub fn group(&self, id: &str) -> Option<&Group> {
        match self.group_index.get(id) {
            Some(i) => self.groups.get(*i).filter(|g| g.id == id),
            None if self.group_index.len() == self.groups.len() => None,
            None => self.groups.iter().find(|g| g.id == id),
        }
    }

    /// The top-level group a group belongs to (following `parent`).
    pub fn root_group<'a>(&'a self, id: &'a str) -> &'a str {
        let mut current = id;
        for _ in 0..8 {
            match self.group(current).and_then(|g| g.parent.as_deref()) {
                Some(p) => current = p,
                None => break,
            }
        }
        current
    }
}

/// Section kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    /// About the organisation; decides scope.
    Scoping,
    /// Asked once per AI system; classification.
    System,
    /// Gap analysis.
    Gap,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Section {
    pub id: Text,
    pub title: Text,
    pub intro: Text,
    pub kind: SectionKind,
    pub when: Option<Expr>,
    pub origin: Origin,
}

/// Answer kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnswerKind {
    Readiness,
    YesNo,
    Single,
    Multi,
    Number,
    Text,
    Date,
}

impl AnswerKind {
    pub fn label(self) -> &'static str {
        match self {
            AnswerKind::Readiness => "readiness",
            AnswerKind::YesNo => "yes-no",
            AnswerKind::Single => "single",
            AnswerKind::Multi => "multi",
            AnswerKind::Number => "number",
            AnswerKind::Text => "text",
            AnswerKind::Date => "date",
        }
    }

    /// Whether answers are chosen from options.
    pub fn has_options(self) -> bool {
        matches!(
            self,
            AnswerKind::YesNo | AnswerKind::Single | AnswerKind::Multi
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Choice {
    pub id: Text,
    pub label: Text,
}

/// A `FRAMEWORK:ID` reference.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct ReqRef {
    pub framework: Text,
    pub id: Text,
}

impl ReqRef {
    pub fn parse(s: &str) -> Option<ReqRef> {
        let (fw, id) = s.split_once(':')?;
        if fw.is_empty() || id.is_empty() {
            return None;
        }
        Some(ReqRef {
            framework: fw.into(),
            id: id.into(),
        })
    }
}

impl fmt::Display for ReqRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.framework, self.id)
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Question {
    pub id: Text,
    pub section: Text,
    pub text: Text,
    pub why: Text,
    pub auditor: Text,
    pub help: Text,
    /// For a gap question: the risk a gap here leaves open, in one
    /// sentence (the document pack's risk register states it).
    pub risk: Text,
    pub kind: AnswerKind,
    pub options: Vec<Choice>,
    pub options_from: Option<Text>,
    pub pass: Vec<Text>,
    pub partial: Vec<Text>,
    pub when: Option<Expr>,
    pub when_src: Option<Text>,
    pub maps: Vec<ReqRef>,
    pub tags: Vec<Text>,
    pub remediation: Option<Text>,
    pub origin: Origin,
    /// Where each `maps` entry is written (in the question's file).
    pub maps_at: Vec<LineCol>,
    /// Why each `maps` entry holds, in the same order as `maps`.
    pub map_reasons: Vec<MapReason>,
}

/// Why an answer counts for a requirement: what in its evidence the auditor
/// or assessor examines for it, and whether it covers only part of it.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MapReason {
    pub why: Text,
    /// The evidence covers a point of focus of the requirement, not all of it.
    pub partial: bool,
}

impl Question {
    /// Where `maps` entry `i` is written.
    pub fn map_origin(&self, i: usize) -> Origin {
        Origin {
            file: self.origin.file.clone(),
            at: self.maps_at.get(i).copied().unwrap_or(self.origin.at),
        }
    }

    /// Why `maps` entry `i` holds (an empty reason when it has none).
    pub fn map_reason(&self, i: usize) -> &MapReason {
        static NONE: std::sync::LazyLock<MapReason> = std::sync::LazyLock::new(MapReason::default);
        self.map_reasons.get(i).unwrap_or(&NONE)
    }

    /// Each reference with why it holds.
    pub fn references(&self) -> impl Iterator<Item = (&ReqRef, &MapReason)> {
        self.maps
            .iter()
            .enumerate()
            .map(|(i, r)| (r, self.map_reason(i)))
    }

    pub fn option(&self, id: &str) -> Option<&Choice> {
        self.options.iter().find(|o| o.id == id)
    }

    /// Label of an option id, or the id itself.
    pub fn option_label<'a>(&'a self, id: &'a str) -> &'a str {
        self.option(id).map(|o| o.label.as_str()).unwrap_or(id)
    }
}

/// Severity of a remediation.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Low,
    Medium,
    High,
    Critical,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
            Level::Critical => "critical",
        }
    }
}

/// The remediation categories.
pub const CATEGORIES: &[&str] = &[
    "access-control",
    "logging-monitoring",
    "incident-response",
    "policy",
    "risk-management",
    "people",
    "vendor",
    "data-governance",
    "privacy",
    "ai-lifecycle",
    "ai-security",
    "transparency",
    "change-management",
    "infrastructure",
    "continuity",
    "regulatory",
];

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Remediation {
    pub id: Text,
    pub title: Text,
    pub steps: Vec<Text>,
    /// For each step, the framework that must be in scope for it to show.
    pub step_frameworks: Vec<Option<Text>>,
    pub evidence: Vec<Text>,
    /// For each evidence line, the framework that must be in scope for it to show.
    pub evidence_frameworks: Vec<Option<Text>>,
    pub effort_days: u32,
    pub owner: Text,
    pub category: Text,
    pub severity: Level,
    /// Remediations that must be finished before this one starts.
    pub after: Vec<Text>,
    /// Where each `after` entry is written (in the remediation's file).
    pub after_at: Vec<LineCol>,
    /// Frameworks whose first audit (SOC 2 Type I, ISO/IEC 42001 stage 1)
    /// an auditor will not sign while this is open: an audit blocker.
    pub blocks: Vec<Text>,
    pub origin: Origin,
}

/// The most steps a goal's `blocker_steps` may have: each step is one
/// digit of the plan's score (8 down to 2).
pub const MAX_BLOCKER_STEPS: usize = 7;

/// What a goal (a `target.goals` option) asks of the plan: the date its
/// work must be done by, the order its audit blockers are worked in, its
/// lead times and what it costs. Read from the framework file it belongs to.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Goal {
    /// The `target.goals` option (`soc2-type1`, `iso42001` …).
    pub id: Text,
    pub title: Text,
    /// The answer that holds this goal's own date (`target.date` is the
    /// fallback for every goal).
    pub date_question: Option<Text>,
    /// Days before the goal date by which the work must be done: evidence
    /// has to exist, and have operated, before the auditor arrives.
    pub buffer_days: u32,
    /// Days the controls must operate before the goal date (a SOC 2 Type II
    /// observation window).
    pub observation_days: u32,
    /// The steps in which audit blockers are worked, each a list of
    /// remediation categories (at most [`MAX_BLOCKER_STEPS`]).
    pub blocker_steps: Vec<Vec<Text>>,
    pub milestones: Vec<Milestone>,
    pub costs: Vec<Cost>,
    pub origin: Origin,
}

/// A step of an audit or certification that is not closing a gap: booking
/// the auditor, writing the system description, the stage audits.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Milestone {
    pub id: Text,
    pub title: Text,
    pub why: Text,
    pub steps: Vec<Text>,
    pub evidence: Vec<Text>,
    /// It must be done this many days before the goal date.
    pub days_before: u32,
    pub effort_days: u32,
    pub owner: Text,
    /// An event on a fixed date (`days_before` the goal) lasting
    /// `duration_days`, run by the auditor rather than scheduled by capacity.
    pub fixed: bool,
    pub duration_days: u32,
    /// Ranked before the goal's audit blockers (a long lead time), instead of after them.
    pub first: bool,
    pub origin: Origin,
}

/// One external cost of a goal, as a range with its source.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Cost {
    pub item: Text,
    pub low: u32,
    pub high: u32,
    pub currency: Text,
    /// What the range covers (`per report`, `first year` …).
    pub per: Text,
    pub source: Text,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Questionnaire {
    pub id: Text,
    pub name: Text,
    pub version: Text,
    pub last_checked: Date,
    pub description: Text,
    pub sections: Vec<Section>,
    pub questions: Vec<Question>,
    pub remediations: Vec<Remediation>,
    pub origin: Origin,
    /// Lookup indexes (rebuilt by [`Questionnaire::reindex`]).
    #[serde(skip)]
    pub index: QuestionnaireIndex,
}

/// Id → position maps for a questionnaire.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuestionnaireIndex {
    questions: HashMap<Text, usize>,
    sections: HashMap<Text, usize>,
    remediations: HashMap<Text, usize>,
}

fn find<'a, T>(
    index: &HashMap<Text, usize>,
    items: &'a [T],
    id: &str,
    key: impl Fn(&T) -> &str,
) -> Option<&'a T> {
    match index.get(id) {
        Some(i) => items.get(*i).filter(|x| key(x) == id),
        None if index.len() == items.len() => None,
        None => items.iter().find(|x| key(x) == id),
    }
}

impl Questionnaire {
    /// Rebuilds the lookup indexes after the vectors changed.
    pub fn reindex(&mut self) {
        fn map<T>(items: &[T], key: impl Fn(&T) -> &Text) -> HashMap<Text, usize> {
            let mut m = HashMap::with_capacity_and_hasher(items.len(), Default::default());
            for (i, x) in items.iter().enumerate() {
                m.entry(key(x).clone()).or_insert(i);
            }
            m
        }
        self.index = QuestionnaireIndex {
            questions: map(&self.questions, |q| &q.id),
            sections: map(&self.sections, |s| &s.id),
            remediations: map(&self.remediations, |r| &r.id),
        };
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        find(&self.index.questions, &self.questions, id, |q| &q.id)
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        find(&self.index.sections, &self.sections, id, |s| &s.id)
    }

    pub fn remediation(&self, id: &str) -> Option<&Remediation> {
        find(&self.index.remediations, &self.remediations, id, |r| &r.id)
    }

    /// Kind of the section a question belongs to.
    pub fn section_kind(&self, q: &Question) -> SectionKind {
        self.section(&q.section)
            .map(|s| s.kind)
            .unwrap_or(SectionKind::Gap)
    }

    pub fn questions_in<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'a Question> {
        self.questions.iter().filter(move |q| q.section == section)
    }
}

/// All frameworks and questionnaires, merged from every source.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Catalog {
    pub frameworks: Vec<Framework>,
    pub questionnaires: Vec<Questionnaire>,
    /// Problems found while loading (syntax, unknown keys, types).
    pub problems: Vec<Problem>,
    /// Files that were read, in order.
    pub files: Vec<String>,
}

/// The questionnaire used when an assessment does not name one.
pub const DEFAULT_QUESTIONNAIRE: &str = "trustgap-core";

impl Catalog {
    /// Rebuilds every lookup index (they are not stored with the catalog).
    pub fn reindex(&mut self) {
        self.frameworks.iter_mut().for_each(Framework::reindex);
        self.questionnaires
            .iter_mut()
            .for_each(Questionnaire::reindex);
    }

    pub fn framework(&self, id: &str) -> Option<&Framework> {
        self.frameworks.iter().find(|f| f.id == id)
    }

    /// The framework a person names on the command line: its id in any
    /// case, or its short name as the tables show it (`SOC2`, `soc 2` and
    /// `SOC 2` all find `soc2`; `EU AI Act` finds `euaiact`).
    pub fn find_framework(&self, name: &str) -> Option<&Framework> {
        if let Some(f) = self.framework(name) {
            return Some(f);
        }
        let plain = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let wanted = plain(name);
        self.frameworks
            .iter()
            .find(|f| plain(&f.id) == wanted || plain(&f.short) == wanted)
    }

    pub fn questionnaire(&self, id: &str) -> Option<&Questionnaire> {
        self.questionnaires.iter().find(|q| q.id == id)
    }

    pub fn requirement(&self, r: &ReqRef) -> Option<(&Framework, &Requirement)> {
        let fw = self.framework(&r.framework)?;
        Some((fw, fw.requirement(&r.id)?))
    }

    /// Every tag defined by any framework.
    pub fn tag(&self, id: &str) -> Option<&Tag> {
        self.frameworks
            .iter()
            .flat_map(|f| f.tags.iter())
            .find(|t| t.id == id)
    }

    /// Choices for `options_from = "framework:table"`.
    pub fn options_from(&self, spec: &str) -> Option<Vec<Choice>> {
        let (fw, table) = spec.split_once(':')?;
        let fw = self.framework(fw)?;
        let list: Vec<Choice> = match table {
            "annex_iii" => fw
                .annex_iii
                .iter()
                .map(|p| Choice {
                    id: p.id.clone(),
                    label: format!("{} — {}: {}", p.id, p.area_title, p.title).into(),
                })
                .collect(),
            "annex_i" => fw
                .annex_i
                .iter()
                .map(|p| Choice {
                    id: p.id.clone(),
                    label: format!("Section {}: {}", p.section, p.title).into(),
                })
                .collect(),
            "derogations" => fw
                .derogations
                .iter()
                .map(|p| Choice {
                    id: p.id.clone(),
                    label: p.title.clone(),
                })
                .collect(),
            _ => return None,
        };
        Some(list)
    }
}
