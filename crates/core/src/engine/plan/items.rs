//! The plan's items: one per remediation with open work behind it (gaps,
//! partial answers, "don't know", and applicable EU duties not yet
//! assessed), and one per milestone of a targeted goal.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use super::{Deadline, ItemKind, Phase, PlanItem, ReqClosed, words};
use crate::assessment::Assessment;
use crate::catalog::{Catalog, Goal, Level, Milestone, Question, Questionnaire, Remediation};
use crate::engine::analyze::{Analyzed, Coverage};
use crate::engine::scope::{Scope, TargetGoal};
use crate::engine::shared::{Refs, add_days, days_between};
use crate::text::Text;

/// An EU duty due within this many days counts as due now.
pub(super) const DUE_SOON_DAYS: i64 = 90;

/// What every item of one plan is weighed against.
pub(super) struct Context<'a> {
    pub cat: &'a Catalog,
    pub refs: &'a Refs<'a>,
    pub a: &'a Assessment,
    pub analyzed: &'a Analyzed,
    pub scope: &'a Scope,
    /// The earliest date per EU AI Act obligation over all systems.
    pub legal: BTreeMap<&'a str, Date>,
    /// Frameworks the company is working towards: its goals, and the EU
    /// AI Act when it applies (the law is not optional).
    pub targeted: BTreeSet<&'a str>,
    /// The people the assessment names (answer owners, then participants),
    /// once each, lower-cased beside the name, to find who holds a role.
    people: Vec<(String, &'a str)>,
    pub today: Date,
}

impl<'a> Context<'a> {
    pub fn new(
        cat: &'a Catalog,
        refs: &'a Refs<'a>,
        a: &'a Assessment,
        scope: &'a Scope,
        analyzed: &'a Analyzed,
        today: Date,
    ) -> Context<'a> {
        let mut targeted: BTreeSet<&str> =
            scope.goals.iter().map(|g| g.framework.as_str()).collect();
        if scope.in_scope("euaiact") {
            targeted.insert("euaiact");
        }
        Context {
            cat,
            refs,
            a,
            analyzed,
            scope,
            legal: legal_dates(scope),
            targeted,
            people: people(a),
            today,
        }
    }

    /// Short name of framework `id`.
    pub fn short(&self, id: &'a str) -> &'a str {
        self.cat.framework(id).map_or(id, |f| &f.short)
    }

    /// The catalog's definition of a targeted goal.
    pub fn goal_def(&self, g: &TargetGoal) -> Option<&'a Goal> {
        self.cat
            .framework(&g.framework)?
            .goals
            .iter()
            .find(|x| x.id == g.id)
    }

    /// The article (`Art. 50(2)`) of the item's EU obligation that applies
    /// from `date`, or its id when the catalog gives no reference.
    pub fn obligation_at(&self, it: &PlanItem, date: Date) -> &'a str {
        self.requirement_at(it, date)
            .map(|req| req.reference.as_deref().unwrap_or(&req.id))
            .unwrap_or("duty")
    }

    /// Why an item is due by the legal date `date`: which obligation, and
    /// the other reading of its date where sources differ (Art. 49(2)).
    pub fn legal_reason(&self, it: &PlanItem, date: Date) -> String {
        let later = self.requirement_at(it, date).and_then(|r| r.later_reading);
        words::legal_date(
            self.obligation_at(it, date),
            date,
            days_between(self.today, date),
            later,
        )
    }

    /// The requirement of an item that applies from `date`.
    fn requirement_at(&self, it: &PlanItem, date: Date) -> Option<&'a crate::catalog::Requirement> {
        it.requirements
            .iter()
            .find(|r| r.applies_from == Some(date))
            .and_then(|r| {
                let n = self.refs.number(&r.framework, &r.id)?;
                Some(self.refs.get(n).1)
            })
    }

    /// Whether `d` is on or before today plus the "due soon" window.
    pub fn due_soon(&self, d: Date) -> bool {
        days_between(self.today, d) <= DUE_SOON_DAYS
    }
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

/// A question behind a remediation: its key (`system/question` for
/// system questions), coverage and question.
type Gap<'a> = (&'a str, Coverage, &'a Question);

/// Every item: remediations in id order, then milestones in goal order.
pub(super) fn items(ctx: &Context<'_>, qn: &Questionnaire) -> Vec<PlanItem> {
    let mut items: Vec<PlanItem> = gaps_by_remediation(ctx, qn)
        .into_iter()
        .filter_map(|(rem, gaps)| remediation_item(ctx, qn.remediation(rem)?, &gaps))
        .collect();
    let present: BTreeSet<Text> = items.iter().map(|i| i.id.clone()).collect();
    for it in &mut items {
        it.after.retain(|p| present.contains(p));
    }
    for g in &ctx.scope.goals {
        let Some(def) = ctx.goal_def(g) else { continue };
        for m in &def.milestones {
            if m.fixed && g.date.is_none() {
                continue;
            }
            if items.iter().any(|i| i.id == m.id) {
                continue;
            }
            items.push(milestone_item(ctx, g, m));
        }
    }
    items
}

/// Gap, partial and unknown questions grouped by their remediation, in id
/// order, with the unanswered questions behind an EU duty that already
/// applies (or soon will) and that nothing has assessed yet.
fn gaps_by_remediation<'a>(
    ctx: &Context<'a>,
    qn: &'a Questionnaire,
) -> BTreeMap<&'a str, Vec<Gap<'a>>> {
    let mut by_rem: BTreeMap<&str, Vec<Gap<'_>>> = BTreeMap::new();
    for (key, cov) in &ctx.analyzed.analysis.questions {
        let open = matches!(
            cov,
            Coverage::Gap | Coverage::Partial | Coverage::Unknown | Coverage::NotAssessed
        );
        if !open {
            continue;
        }
        let qid = key.rsplit('/').next().unwrap_or(key);
        let Some(q) = qn.question(qid) else { continue };
        let Some(rem) = q.remediation.as_deref() else {
            continue;
        };
        if *cov == Coverage::NotAssessed && !unassessed_duty_due(ctx, q) {
            continue;
        }
        by_rem.entry(rem).or_default().push((key, *cov, q));
    }
    by_rem
}

/// Whether an unanswered question is all that stands between the company
/// and knowing whether it meets an EU duty that applies now or soon.
fn unassessed_duty_due(ctx: &Context<'_>, q: &Question) -> bool {
    q.maps.iter().any(|r| {
        r.framework == "euaiact"
            && ctx
                .legal
                .get(r.id.as_str())
                .is_some_and(|d| ctx.due_soon(*d))
            && ctx
                .refs
                .number(&r.framework, &r.id)
                .and_then(|n| ctx.analyzed.status(n))
                .is_some_and(|s| s.coverage == Coverage::NotAssessed)
    })
}

/// The item for one remediation, or `None` when it closes nothing open.
fn remediation_item(ctx: &Context<'_>, rem: &Remediation, gaps: &[Gap<'_>]) -> Option<PlanItem> {
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
    let unanswered = |c: &Coverage| matches!(c, Coverage::Unknown | Coverage::NotAssessed);
    let investigate = gaps.iter().all(|(_, c, _)| unanswered(c));
    let find_out = gaps.iter().all(|(_, c, _)| *c == Coverage::NotAssessed);
    let legal_date = requirements.iter().filter_map(|r| r.applies_from).min();
    let (owner, answer_due) = owner_and_target(ctx.a, gaps);
    Some(PlanItem {
        id: rem.id.clone(),
        kind: ItemKind::Remediation,
        title: rem.title.clone(),
        rank: 0,
        priority: 0,
        factors: Vec::new(),
        section: String::new(),
        steps: in_scope_lines(ctx, &rem.steps, &rem.step_frameworks),
        evidence: in_scope_lines(ctx, &rem.evidence, &rem.evidence_frameworks),
        effort_days: rem.effort_days,
        remaining_days: remaining(rem.effort_days, gaps),
        owner_assigned: owner.is_some(),
        owner: owner.map_or_else(|| person_for_role(ctx, &rem.owner), str::to_string),
        category: rem.category.clone(),
        severity: rem.severity,
        gaps: gaps.iter().map(|(k, c, _)| (k.to_string(), *c)).collect(),
        requirements,
        frameworks,
        goal: None,
        also_helps: Vec::new(),
        blocker: None,
        after: rem.after.clone(),
        investigate,
        find_out,
        legal_date,
        overdue: legal_date.is_some_and(|d| d <= ctx.today),
        deadline: None,
        target: answer_due,
        due: None,
        phase: Phase::Later,
        why: Vec::new(),
        start: ctx.today,
        finish: ctx.today,
        at_risk: None,
        event: false,
        lead: false,
        blocks: rem.blocks.clone(),
        work: Vec::new(),
    })
}

/// The lines whose framework (if they name one) is in scope: no ISO/IEC
/// 42001 wording for a company that does not pursue it.
fn in_scope_lines(ctx: &Context<'_>, lines: &[Text], frameworks: &[Option<Text>]) -> Vec<Text> {
    lines
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            frameworks
                .get(*i)
                .and_then(Option::as_ref)
                .is_none_or(|f| ctx.scope.in_scope(f))
        })
        .map(|(_, l)| l.clone())
        .collect()
}

/// The item for one milestone of a targeted goal.
fn milestone_item(ctx: &Context<'_>, g: &TargetGoal, m: &Milestone) -> PlanItem {
    // A milestone ticked in the plan and synced is done: nothing is left.
    let done = ctx
        .a
        .remediations
        .get(m.id.as_str())
        .is_some_and(|p| p.state == crate::assessment::RemediationState::DoneToVerify);
    let by = g.date.map(|d| add_days(d, -i64::from(m.days_before)));
    let (start, finish) = match by {
        Some(d) if m.fixed => (d, add_days(d, i64::from(m.duration_days.max(1)) - 1)),
        _ => (ctx.today, ctx.today),
    };
    let deadline = by.filter(|_| !m.fixed).map(|date| Deadline {
        date,
        kind: "audit",
        reason: words::milestone_deadline(&g.title, m.days_before, g.date),
    });
    PlanItem {
        id: m.id.clone(),
        kind: ItemKind::Milestone,
        title: m.title.clone(),
        rank: 0,
        priority: 0,
        factors: Vec::new(),
        section: String::new(),
        steps: m.steps.clone(),
        evidence: m.evidence.clone(),
        effort_days: if m.fixed { 0 } else { m.effort_days },
        remaining_days: if m.fixed || done {
            0.0
        } else {
            f64::from(m.effort_days)
        },
        owner: person_for_role(ctx, &m.owner),
        owner_assigned: false,
        category: "audit".into(),
        severity: Level::High,
        gaps: Vec::new(),
        requirements: Vec::new(),
        frameworks: vec![g.framework.clone()],
        goal: Some(g.id.clone()),
        also_helps: Vec::new(),
        blocker: None,
        after: Vec::new(),
        investigate: false,
        find_out: false,
        legal_date: None,
        overdue: false,
        deadline,
        target: None,
        due: None,
        phase: Phase::Later,
        // Joined with the other reasons ("…; …."): without its own full stop.
        why: vec![m.why.trim_end_matches('.').to_string()],
        start,
        finish,
        at_risk: None,
        event: m.fixed,
        lead: m.first,
        blocks: Vec::new(),
        work: Vec::new(),
    }
}

/// The people an assessment names: answer owners first, then the
/// participants, once each.
fn people(a: &Assessment) -> Vec<(String, &str)> {
    let mut out: Vec<(String, &str)> = Vec::new();
    let owners = a
        .answers
        .values()
        .chain(a.systems.values().flat_map(|s| s.answers.values()))
        .filter_map(|x| x.owner.as_deref());
    for name in owners.chain(a.participants.iter().map(String::as_str)) {
        if !out.iter().any(|(_, n)| *n == name) {
            out.push((name.to_lowercase(), name));
        }
    }
    out
}

/// The person who holds a suggested role, when the assessment names one
/// (an answer's owner or a participant written `Name (Role)`), else the role.
fn person_for_role(ctx: &Context<'_>, role: &str) -> String {
    let wanted = format!("({}", role.to_lowercase());
    ctx.people
        .iter()
        .find(|(lower, _)| {
            lower.find(&wanted).is_some_and(|i| {
                let rest = &lower[i + wanted.len()..];
                rest.starts_with(')') || rest.starts_with(',')
            })
        })
        .map_or_else(|| role.to_string(), |(_, name)| name.to_string())
}

/// Person-days left: each question behind the item shares the work
/// equally, and a partial answer has done half of its share. Rounded up to
/// half a day.
fn remaining(effort_days: u32, gaps: &[Gap<'_>]) -> f64 {
    if gaps.is_empty() {
        return f64::from(effort_days);
    }
    let left: f64 = gaps
        .iter()
        .map(|(_, c, _)| if *c == Coverage::Partial { 0.5 } else { 1.0 })
        .sum::<f64>()
        / gaps.len() as f64;
    (f64::from(effort_days) * left * 2.0).ceil() / 2.0
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
