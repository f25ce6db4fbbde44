//! The remediation plan: one item per remediation with a gap behind it,
//! scored by severity, breadth, legal urgency and effort, phased, ranked,
//! then scheduled per owner.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use super::analyze::{Analyzed, Coverage};
use super::scope::Scope;
use super::shared::{Refs, add_days, days_between};
use crate::assessment::Assessment;
use crate::catalog::{Catalog, Level, Question, Questionnaire, Remediation};
use crate::text::Text;

/// When to do it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    Now,
    Next30Days,
    BeforeAudit,
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

/// One remediation item.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PlanItem {
    pub id: Text,
    pub title: Text,
    pub steps: Vec<Text>,
    pub evidence: Vec<Text>,
    pub effort_days: u32,
    pub owner: String,
    /// The owner was assigned in an answer (otherwise it is the suggested role).
    pub owner_assigned: bool,
    pub category: Text,
    pub severity: Level,
    /// Questions behind the item with their coverage (`system/question` for system questions).
    pub gaps: Vec<(String, Coverage)>,
    pub requirements: Vec<ReqClosed>,
    pub frameworks: Vec<Text>,
    /// Only "don't know" answers behind it: find out first.
    pub investigate: bool,
    pub legal_date: Option<Date>,
    pub overdue: bool,
    pub due: Option<Date>,
    pub priority: u32,
    pub phase: Phase,
    pub why: Vec<String>,
    pub start: Date,
    pub finish: Date,
}

impl PlanItem {
    pub fn closes(&self, framework: &str) -> bool {
        self.frameworks.iter().any(|f| f == framework)
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Plan {
    pub items: Vec<PlanItem>,
    pub total_effort_days: u32,
    pub finish: Option<Date>,
}

/// Calendar days for `effort` person-days (five working days a week).
fn calendar_days(effort: u32) -> i64 {
    (effort as i64 * 7 + 4) / 5
}

/// Short name of framework `id`.
fn short<'a>(cat: &'a Catalog, id: &'a str) -> &'a str {
    cat.framework(id).map_or(id, |f| &f.short)
}

/// A gap question behind a remediation: its key (`system/question` for
/// system questions), coverage and question.
type Gap<'a> = (&'a str, Coverage, &'a Question);

/// What every item of one plan is weighed against.
struct Context<'a> {
    cat: &'a Catalog,
    refs: &'a Refs<'a>,
    a: &'a Assessment,
    analyzed: &'a Analyzed,
    /// The earliest date per EU AI Act obligation over all systems.
    legal: BTreeMap<&'a str, Date>,
    /// SOC 2 and ISO/IEC 42001 when in scope: the audits the company targets.
    audit_frameworks: BTreeSet<&'a str>,
    target: Option<Date>,
    today: Date,
}

/// The plan in three steps: one item per remediation with gaps behind it
/// (each scored, with the reasons in the order they counted, and phased),
/// then ranked, then scheduled per owner.
pub(crate) fn plan(
    cat: &Catalog,
    refs: &Refs<'_>,
    qn: &Questionnaire,
    a: &Assessment,
    scope: &Scope,
    analyzed: &Analyzed,
    today: Date,
) -> Plan {
    let ctx = Context {
        cat,
        refs,
        a,
        analyzed,
        legal: legal_dates(scope),
        audit_frameworks: ["soc2", "iso42001"]
            .into_iter()
            .filter(|f| scope.in_scope(f))
            .collect(),
        target: scope.target_date,
        today,
    };
    let items: Vec<PlanItem> = gaps_by_remediation(qn, analyzed)
        .into_iter()
        .filter_map(|(rem, gaps)| item(&ctx, qn.remediation(rem)?, &gaps))
        .collect();
    let mut items = rank(items);
    schedule(&mut items, today, ctx.target);
    Plan {
        total_effort_days: items.iter().map(|i| i.effort_days).sum(),
        finish: items.iter().map(|i| i.finish).max(),
        items,
    }
}

/// Gap, partial and unknown questions grouped by their remediation, in id order.
fn gaps_by_remediation<'a>(
    qn: &'a Questionnaire,
    analyzed: &'a Analyzed,
) -> BTreeMap<&'a str, Vec<Gap<'a>>> {
    let mut by_rem: BTreeMap<&str, Vec<Gap<'_>>> = BTreeMap::new();
    for (key, cov) in &analyzed.analysis.questions {
        if !matches!(cov, Coverage::Gap | Coverage::Partial | Coverage::Unknown) {
            continue;
        }
        let qid = key.rsplit('/').next().unwrap_or(key);
        let Some(q) = qn.question(qid) else { continue };
        let Some(rem) = q.remediation.as_deref() else {
            continue;
        };
        by_rem.entry(rem).or_default().push((key, *cov, q));
    }
    by_rem
}

/// The earliest date each EU AI Act obligation applies to any system.
fn legal_dates(scope: &Scope) -> BTreeMap<&str, Date> {
    let mut legal: BTreeMap<&str, Date> = BTreeMap::new();
    for o in scope.systems.iter().flat_map(|s| &s.obligations) {
        if let Some(d) = o.date {
            legal
                .entry(o.id.as_str())
                .and_modify(|x| *x = (*x).min(d))
                .or_insert(d);
        }
    }
    legal
}

/// The item for one remediation, or `None` when it closes nothing open.
fn item(ctx: &Context<'_>, rem: &Remediation, gaps: &[Gap<'_>]) -> Option<PlanItem> {
    let requirements = requirements_closed(ctx, gaps);
    if requirements.is_empty() {
        return None;
    }
    let frameworks: Vec<Text> = ctx
        .cat
        .frameworks
        .iter()
        .filter(|f| requirements.iter().any(|r| r.framework == f.id))
        .map(|f| f.id.clone())
        .collect();
    let investigate = gaps.iter().all(|(_, c, _)| *c == Coverage::Unknown);
    let legal_date = requirements.iter().filter_map(|r| r.applies_from).min();
    let touches_audit = frameworks
        .iter()
        .any(|f| ctx.audit_frameworks.contains(f.as_str()));
    let (owner, answer_due) = owner_and_target(ctx.a, gaps);
    let (priority, why) = score(
        ctx,
        rem,
        &requirements,
        &frameworks,
        investigate,
        touches_audit,
    );
    let overdue = legal_date.is_some_and(|d| d <= ctx.today);
    let phase = phase(
        ctx.today,
        rem.severity,
        priority,
        overdue,
        legal_date,
        touches_audit,
    );
    let due = due(
        ctx,
        phase,
        rem.effort_days,
        answer_due,
        legal_date,
        touches_audit,
    );
    Some(PlanItem {
        id: rem.id.clone(),
        title: rem.title.clone(),
        steps: rem.steps.clone(),
        evidence: rem.evidence.clone(),
        effort_days: rem.effort_days,
        owner_assigned: owner.is_some(),
        owner: owner.unwrap_or(&rem.owner).to_string(),
        category: rem.category.clone(),
        severity: rem.severity,
        gaps: gaps.iter().map(|(k, c, _)| (k.to_string(), *c)).collect(),
        requirements,
        frameworks,
        investigate,
        legal_date,
        overdue,
        due,
        priority,
        phase,
        why,
        start: ctx.today,
        finish: ctx.today,
    })
}

/// The open requirements the gap questions map to, once each, in catalog
/// order (framework order, then file order).
fn requirements_closed(ctx: &Context<'_>, gaps: &[Gap<'_>]) -> Vec<ReqClosed> {
    let mut reqs: Vec<(usize, ReqClosed)> = Vec::new();
    for r in gaps.iter().flat_map(|(_, _, q)| &q.maps) {
        // Every requirement in the analysis has a number.
        let Some(n) = ctx.refs.number(&r.framework, &r.id) else {
            continue;
        };
        if reqs.iter().any(|(m, _)| *m == n) {
            continue;
        }
        let Some(status) = ctx.analyzed.status(n) else {
            continue;
        };
        if !status.coverage.counts() || status.coverage == Coverage::Covered {
            continue;
        }
        let applies_from = if r.framework == "euaiact" {
            ctx.legal.get(r.id.as_str()).copied()
        } else {
            None
        };
        let closed = ReqClosed {
            framework: r.framework.clone(),
            id: r.id.clone(),
            title: ctx.refs.get(n).1.title.clone(),
            coverage: status.coverage,
            applies_from,
        };
        reqs.push((n, closed));
    }
    reqs.sort_unstable_by_key(|(n, _)| *n);
    reqs.into_iter().map(|(_, r)| r).collect()
}

/// The first owner named in the answers behind an item, and the earliest
/// target date they set.
fn owner_and_target<'a>(a: &'a Assessment, gaps: &[Gap<'_>]) -> (Option<&'a str>, Option<Date>) {
    let mut owner = None;
    let mut target: Option<Date> = None;
    for (key, _, q) in gaps {
        let ans = match key.split_once('/') {
            Some((sid, _)) => a
                .systems
                .get(sid)
                .and_then(|s| s.answers.get(q.id.as_str())),
            None => a.answers.get(q.id.as_str()),
        };
        let Some(ans) = ans else { continue };
        if owner.is_none() {
            owner = ans.owner.as_deref().filter(|o| !o.trim().is_empty());
        }
        if let Some(t) = ans.target {
            target = Some(target.map_or(t, |d| d.min(t)));
        }
    }
    (owner, target)
}

/// The item's priority (1-100) and the reasons, in the order they counted:
/// severity, breadth, urgency (a legal date or the audit target), effort,
/// and "don't know".
fn score(
    ctx: &Context<'_>,
    rem: &Remediation,
    requirements: &[ReqClosed],
    frameworks: &[Text],
    investigate: bool,
    touches_audit: bool,
) -> (u32, Vec<String>) {
    let mut why = vec![words::severity(rem.severity)];
    let mut score = severity_points(rem.severity);
    score += (requirements.len() as i64).min(12) + 4 * (frameworks.len() as i64 - 1).min(3);
    let names: Vec<&str> = frameworks.iter().map(|f| short(ctx.cat, f)).collect();
    why.push(words::closes(requirements.len(), &names));
    let legal = legal_urgency(ctx, requirements);
    let audit = ctx
        .target
        .filter(|_| touches_audit)
        .map(|t| audit_urgency(ctx.today, t));
    let mut urgency = 0;
    for (points, reason) in [legal, audit].into_iter().flatten() {
        urgency = urgency.max(points);
        why.push(reason);
    }
    score += urgency;
    let (points, reason) = effort_points(rem.effort_days);
    score += points;
    why.push(reason);
    if investigate {
        score -= 5;
        why.push(words::INVESTIGATE.to_string());
    }
    (score.clamp(1, 100) as u32, why)
}

fn severity_points(l: Level) -> i64 {
    match l {
        Level::Critical => 40,
        Level::High => 30,
        Level::Medium => 18,
        Level::Low => 8,
    }
}

/// Points and the reason for the earliest EU AI Act date among the
/// requirements: the sooner, the more.
fn legal_urgency(ctx: &Context<'_>, requirements: &[ReqClosed]) -> Option<(i64, String)> {
    let d = requirements.iter().filter_map(|r| r.applies_from).min()?;
    let days = days_between(ctx.today, d);
    let obligation = requirements
        .iter()
        .find(|r| r.applies_from == Some(d))
        .map(|r| {
            ctx.refs
                .number(&r.framework, &r.id)
                .and_then(|n| ctx.refs.get(n).1.reference.as_deref())
                .unwrap_or(&r.id)
        })
        .unwrap_or_default();
    let points = match days {
        ..=0 => 30,
        1..=30 => 25,
        31..=90 => 18,
        91..=180 => 10,
        _ => 4,
    };
    Some((points, words::legal_date(obligation, d, days)))
}

/// Points and the reason for the audit target date.
fn audit_urgency(today: Date, target: Date) -> (i64, String) {
    let days = days_between(today, target);
    let points = match days {
        ..=60 => 14,
        61..=120 => 9,
        _ => 4,
    };
    (points, words::audit_target(target, days))
}

/// Points and the reason for the effort: quick wins up, large items down.
fn effort_points(effort_days: u32) -> (i64, String) {
    let points = match effort_days {
        ..=2 => 6,
        3..=5 => 3,
        20.. => -4,
        _ => 0,
    };
    (points, words::effort(effort_days))
}

/// When to do it: now for what is overdue, critical or scored high; within
/// 30 days for what scores well or is legally due within 90 days; before
/// the audit or legal date for the rest of what either needs; later for
/// everything else.
fn phase(
    today: Date,
    severity: Level,
    priority: u32,
    overdue: bool,
    legal_date: Option<Date>,
    touches_audit: bool,
) -> Phase {
    if overdue || severity == Level::Critical || priority >= 70 {
        Phase::Now
    } else if priority >= 55 || legal_date.is_some_and(|d| days_between(today, d) <= 90) {
        Phase::Next30Days
    } else if touches_audit || legal_date.is_some() {
        Phase::BeforeAudit
    } else {
        Phase::Later
    }
}

/// The due date: the earliest of the target set in the answers, the end of
/// the phase (never before the work could be done) and a future legal date.
fn due(
    ctx: &Context<'_>,
    phase: Phase,
    effort_days: u32,
    answer_due: Option<Date>,
    legal_date: Option<Date>,
    touches_audit: bool,
) -> Option<Date> {
    let duration = calendar_days(effort_days);
    let phase_due = match phase {
        Phase::Now => Some(add_days(ctx.today, duration.max(14))),
        Phase::Next30Days => Some(add_days(ctx.today, duration.max(30))),
        Phase::BeforeAudit => ctx.target.filter(|_| touches_audit),
        Phase::Later => None,
    };
    [answer_due, phase_due, legal_date.filter(|d| *d > ctx.today)]
        .into_iter()
        .flatten()
        .min()
}

/// Ranked by phase, then priority, then id (items arrive in id order, which
/// the stable sort keeps among equals).
fn rank(mut items: Vec<PlanItem>) -> Vec<PlanItem> {
    debug_assert!(items.windows(2).all(|w| w[0].id < w[1].id));
    items.sort_by_key(|it| (it.phase, std::cmp::Reverse(it.priority)));
    items
}

/// A rough timeline: each owner works through their items in rank order;
/// "later" items start at the audit target (or in 90 days, at most 180).
fn schedule(items: &mut [PlanItem], today: Date, target: Option<Date>) {
    let later_start = target
        .filter(|t| *t > today)
        .unwrap_or(add_days(today, 90))
        .min(add_days(today, 180));
    let mut free: BTreeMap<String, Date> = BTreeMap::new();
    for it in items {
        let phase_start = match it.phase {
            Phase::Now | Phase::Next30Days | Phase::BeforeAudit => today,
            Phase::Later => later_start,
        };
        let start = free
            .get(it.owner.as_str())
            .copied()
            .unwrap_or(today)
            .max(phase_start);
        it.start = start;
        it.finish = add_days(start, calendar_days(it.effort_days));
        free.insert(it.owner.clone(), it.finish);
    }
}

/// The reasons as the plan words them.
mod words {
    use jiff::civil::Date;

    use crate::catalog::Level;

    pub const INVESTIGATE: &str = "answered \"don't know\": find out the facts first";

    pub fn severity(level: Level) -> String {
        format!("{} severity", level.label())
    }

    pub fn closes(requirements: usize, frameworks: &[&str]) -> String {
        let r = if requirements == 1 {
            "requirement"
        } else {
            "requirements"
        };
        let f = if frameworks.len() == 1 {
            "framework"
        } else {
            "frameworks"
        };
        format!(
            "closes {requirements} {r} in {} {f} ({})",
            frameworks.len(),
            frameworks.join(", ")
        )
    }

    pub fn legal_date(obligation: &str, date: Date, days: i64) -> String {
        match days {
            ..=0 => format!("EU AI Act {obligation} has applied since {date}: overdue"),
            1..=180 => format!("EU AI Act {obligation} applies from {date}, in {days} days"),
            _ => format!("EU AI Act {obligation} applies from {date}"),
        }
    }

    pub fn audit_target(date: Date, days: i64) -> String {
        if days < 0 {
            format!("audit target {date} has passed")
        } else {
            format!("audit target {date} in {days} days")
        }
    }

    pub fn effort(days: u32) -> String {
        match days {
            1 => "quick win: about 1 person-day".to_string(),
            ..=2 => format!("quick win: about {days} person-days"),
            3..=5 => format!("small: about {days} person-days"),
            20.. => format!("large: about {days} person-days"),
            _ => format!("about {days} person-days"),
        }
    }
}
