//! The remediation plan: one item per remediation with a gap behind it and
//! one per milestone of a targeted goal, ranked by what the company is
//! trying to achieve (legal duties, then the audits it targets, then
//! severity), put in an order that keeps prerequisites first, then
//! scheduled against each owner's time.
//!
//! `items` builds the items, `rank` scores and orders them, `schedule`
//! gives them dates; `words` holds every sentence they say.

mod items;
mod rank;
mod schedule;
mod words;

use jiff::civil::Date;

use super::analyze::{Analyzed, Coverage};
use super::scope::{Scope, TargetGoal};
use super::shared::Refs;
use crate::assessment::Assessment;
use crate::catalog::{Catalog, Level, Questionnaire};
use crate::text::Text;

pub use schedule::DEFAULT_DAYS_PER_WEEK;

/// When to do it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// A legal duty that already applies (or work it waits for).
    Now,
    /// Scheduled to start within 30 days, for a legal or audit date.
    Next30Days,
    /// Scheduled later, before its legal or audit date (shown by month).
    BeforeAudit,
    /// No goal of the company's needs it by a date.
    Later,
}

impl Phase {
    pub const ALL: [Phase; 4] = [
        Phase::Now,
        Phase::Next30Days,
        Phase::BeforeAudit,
        Phase::Later,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Phase::Now => "Now",
            Phase::Next30Days => "Next 30 days",
            Phase::BeforeAudit => "Before the audit or legal deadline",
            Phase::Later => "Later",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Phase::Now => "now",
            Phase::Next30Days => "next-30-days",
            Phase::BeforeAudit => "before-audit",
            Phase::Later => "later",
        }
    }

    pub fn parse(s: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.key() == s)
    }
}

/// A remediation closing gaps, or a step of an audit or certification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    Remediation,
    Milestone,
}

/// One requirement an item closes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ReqClosed {
    pub framework: Text,
    pub id: Text,
    pub title: Text,
    pub coverage: Coverage,
    /// For EU AI Act obligations: the earliest date it applies to one of your systems.
    pub applies_from: Option<Date>,
}

/// One factor of an item's score, in the order it counted.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Factor {
    /// `legal`, `goal`, `blocker`, `severity` or `also-helps`.
    pub factor: &'static str,
    /// Its points in the score (the factor's digit times its place).
    pub points: u32,
    pub reason: String,
}

/// The date an item must be finished by, and what sets it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Deadline {
    pub date: Date,
    /// `legal` (an EU AI Act date) or `audit` (a goal's date less its
    /// observation window and buffer).
    pub kind: &'static str,
    /// What sets it, in words.
    pub reason: String,
}

/// An item that cannot finish by its deadline, by how much, and what would fix it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AtRisk {
    pub late_days: i64,
    pub fixes: Vec<String>,
}

/// One item of the plan.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PlanItem {
    pub id: Text,
    pub kind: ItemKind,
    pub title: Text,
    /// Position in the plan's order (1 = first).
    pub rank: u32,
    /// The score the rank follows: its digits are the factors (see `factors`).
    pub priority: u32,
    pub factors: Vec<Factor>,
    /// What it is worked for, as the plan's headings read: the legal duties
    /// due now, then each goal, then what no goal needs.
    pub section: String,
    pub steps: Vec<Text>,
    pub evidence: Vec<Text>,
    /// Person-days for the whole piece of work.
    pub effort_days: u32,
    /// Person-days left: partial answers count as half done.
    pub remaining_days: f64,
    pub owner: String,
    /// The owner was assigned in an answer (otherwise it is the suggested role).
    pub owner_assigned: bool,
    pub category: Text,
    pub severity: Level,
    /// Questions behind the item with their coverage (`system/question` for system questions).
    pub gaps: Vec<(String, Coverage)>,
    pub requirements: Vec<ReqClosed>,
    pub frameworks: Vec<Text>,
    /// The goal it mainly serves (`soc2-type1` …), if any.
    pub goal: Option<Text>,
    /// Frameworks it also helps that are not the reason for its rank.
    pub also_helps: Vec<Text>,
    /// An audit blocker for this goal.
    pub blocker: Option<Text>,
    /// Prerequisites in this plan: items that must finish before it starts.
    pub after: Vec<Text>,
    /// Only "don't know" or unanswered questions behind it: find out first.
    pub investigate: bool,
    /// An EU AI Act duty that applies and has not been assessed yet.
    pub find_out: bool,
    pub legal_date: Option<Date>,
    pub overdue: bool,
    pub deadline: Option<Deadline>,
    /// The target date set in the answers behind it, if any.
    pub target: Option<Date>,
    /// When it is due: never before its scheduled finish unless at risk.
    pub due: Option<Date>,
    pub phase: Phase,
    /// The reasons, in the order they counted (the factors, then notes).
    pub why: Vec<String>,
    pub start: Date,
    pub finish: Date,
    pub at_risk: Option<AtRisk>,
    /// An event on a fixed date run by an auditor (fieldwork, an
    /// observation window, a stage audit): placed, not scheduled by capacity.
    pub event: bool,
    /// A milestone with a long lead time, ranked before its goal's blockers.
    #[serde(skip)]
    pub lead: bool,
    /// Frameworks whose first audit it blocks (from the remediation).
    #[serde(skip)]
    pub blocks: Vec<Text>,
    /// Work per week (Monday, person-days), as scheduled.
    #[serde(skip)]
    pub work: Vec<(Date, f64)>,
}

impl PlanItem {
    pub fn closes(&self, framework: &str) -> bool {
        self.frameworks.iter().any(|f| f == framework)
    }
}

/// One owner's share of the plan.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct OwnerLoad {
    pub owner: String,
    pub days_per_week: f64,
    pub items: usize,
    pub effort_days: u32,
    pub remaining_days: f64,
    pub finish: Option<Date>,
    pub at_risk: usize,
    /// What would let this owner keep every date, when some are at risk.
    pub advice: Option<String>,
}

/// One external cost of a targeted goal, as a range with its source.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CostLine {
    pub goal: Text,
    pub item: Text,
    pub low: u32,
    pub high: u32,
    pub currency: Text,
    pub per: Text,
    pub source: Text,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Plan {
    pub items: Vec<PlanItem>,
    pub total_effort_days: u32,
    pub remaining_days: f64,
    pub finish: Option<Date>,
    /// The goals the plan works towards, earliest first.
    pub goals: Vec<TargetGoal>,
    pub owners: Vec<OwnerLoad>,
    pub costs: Vec<CostLine>,
    /// Targeted goals with no cost range in trustgap's sources.
    pub costs_unknown: Vec<Text>,
    pub days_per_week: f64,
}

impl Plan {
    pub fn at_risk(&self) -> impl Iterator<Item = &PlanItem> {
        self.items.iter().filter(|i| i.at_risk.is_some())
    }
}

/// The plan: items (each scored, with its reasons in the order they
/// counted), ordered so prerequisites come first, then scheduled.
pub(crate) fn plan(
    cat: &Catalog,
    refs: &Refs<'_>,
    qn: &Questionnaire,
    a: &Assessment,
    scope: &Scope,
    analyzed: &Analyzed,
    today: Date,
) -> Plan {
    let ctx = items::Context::new(cat, refs, a, scope, analyzed, today);
    let mut items = items::items(&ctx, qn);
    rank::score(&ctx, &mut items);
    schedule::deadlines(&ctx, &mut items);
    let mut items = rank::order(items);
    let settings = schedule::Settings::new(a);
    schedule::schedule(&ctx, &settings, &mut items);
    let owners = schedule::owners(today, &settings, &items);
    let (costs, costs_unknown) = costs(cat, &scope.goals);
    Plan {
        total_effort_days: items.iter().map(|i| i.effort_days).sum(),
        remaining_days: items.iter().map(|i| i.remaining_days).sum(),
        finish: items.iter().map(|i| i.finish).max(),
        goals: scope.goals.clone(),
        owners,
        costs,
        costs_unknown,
        days_per_week: settings.default_days,
        items,
    }
}

/// The external cost ranges of the targeted goals, and the goals without one.
fn costs(cat: &Catalog, goals: &[TargetGoal]) -> (Vec<CostLine>, Vec<Text>) {
    let mut lines = Vec::new();
    let mut unknown = Vec::new();
    for g in goals {
        let Some(def) = cat
            .framework(&g.framework)
            .and_then(|f| f.goals.iter().find(|x| x.id == g.id))
        else {
            continue;
        };
        if def.costs.is_empty() && !def.blocker_steps.is_empty() {
            unknown.push(g.title.clone());
        }
        lines.extend(def.costs.iter().map(|c| CostLine {
            goal: g.title.clone(),
            item: c.item.clone(),
            low: c.low,
            high: c.high,
            currency: c.currency.clone(),
            per: c.per.clone(),
            source: c.source.clone(),
        }));
    }
    (lines, unknown)
}
