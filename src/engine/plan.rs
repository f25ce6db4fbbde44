//! The remediation plan: one item per remediation with a gap behind it,
//! ranked by severity, breadth, legal urgency and effort, in phases.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use super::analyze::{Analysis, Coverage};
use super::scope::Scope;
use super::{add_days, days_between};
use crate::assessment::Assessment;
use crate::catalog::{Catalog, Level, Questionnaire, ReqRef};

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
    pub framework: String,
    pub id: String,
    pub title: String,
    pub coverage: Coverage,
    /// For EU AI Act obligations: the earliest date it applies to one of your systems.
    pub applies_from: Option<Date>,
}

/// One remediation item.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PlanItem {
    pub id: String,
    pub title: String,
    pub steps: Vec<String>,
    pub evidence: Vec<String>,
    pub effort_days: u32,
    pub owner: String,
    /// The owner was assigned in an answer (otherwise it is the suggested role).
    pub owner_assigned: bool,
    pub category: String,
    pub severity: Level,
    /// Questions behind the item with their coverage (`system/question` for system questions).
    pub gaps: Vec<(String, Coverage)>,
    pub requirements: Vec<ReqClosed>,
    pub frameworks: Vec<String>,
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

fn severity_points(l: Level) -> i64 {
    match l {
        Level::Critical => 40,
        Level::High => 30,
        Level::Medium => 18,
        Level::Low => 8,
    }
}

/// Calendar days for `effort` person-days (five working days a week).
fn calendar_days(effort: u32) -> i64 {
    (effort as i64 * 7 + 4) / 5
}

pub(crate) fn plan(
    cat: &Catalog,
    qn: &Questionnaire,
    a: &Assessment,
    scope: &Scope,
    analysis: &Analysis,
    today: Date,
) -> Plan {
    // Gap questions grouped by remediation.
    let mut by_rem: BTreeMap<&str, Vec<(String, Coverage, &crate::catalog::Question)>> =
        BTreeMap::new();
    for (key, cov) in &analysis.questions {
        if !matches!(cov, Coverage::Gap | Coverage::Partial | Coverage::Unknown) {
            continue;
        }
        let qid = key.rsplit('/').next().unwrap_or(key);
        let Some(q) = qn.question(qid) else { continue };
        let Some(rem) = q.remediation.as_deref() else {
            continue;
        };
        by_rem.entry(rem).or_default().push((key.clone(), *cov, q));
    }
    // Earliest date per AI Act obligation over all systems.
    let mut legal: BTreeMap<&str, Date> = BTreeMap::new();
    for s in &scope.systems {
        for o in &s.obligations {
            if let Some(d) = o.date {
                legal
                    .entry(o.id.as_str())
                    .and_modify(|x| *x = (*x).min(d))
                    .or_insert(d);
            }
        }
    }
    let audit_frameworks: BTreeSet<&str> = ["soc2", "iso42001"]
        .into_iter()
        .filter(|f| scope.in_scope(f))
        .collect();
    let target = scope.target_date;

    let mut items = Vec::new();
    for (rem_id, gaps) in by_rem {
        let Some(rem) = qn.remediation(rem_id) else {
            continue;
        };
        let mut reqs: BTreeMap<ReqRef, ReqClosed> = BTreeMap::new();
        for (_, _, q) in &gaps {
            for r in &q.maps {
                let Some(status) = analysis.requirement(&r.framework, &r.id) else {
                    continue;
                };
                if !status.coverage.counts() || status.coverage == Coverage::Covered {
                    continue;
                }
                let title = cat
                    .requirement(r)
                    .map(|(_, req)| req.title.clone())
                    .unwrap_or_default();
                let applies_from = if r.framework == "euaiact" {
                    legal.get(r.id.as_str()).copied()
                } else {
                    None
                };
                reqs.insert(
                    r.clone(),
                    ReqClosed {
                        framework: r.framework.clone(),
                        id: r.id.clone(),
                        title,
                        coverage: status.coverage,
                        applies_from,
                    },
                );
            }
        }
        if reqs.is_empty() {
            continue;
        }
        // Requirements in catalog order (framework order, then file order).
        let position = |r: &ReqRef| {
            let fi = cat
                .frameworks
                .iter()
                .position(|f| f.id == r.framework)
                .unwrap_or(usize::MAX);
            let ri = cat
                .frameworks
                .get(fi)
                .and_then(|f| f.index.get(&r.id).copied())
                .unwrap_or(usize::MAX);
            (fi, ri)
        };
        let mut ordered: Vec<(ReqRef, ReqClosed)> = reqs.into_iter().collect();
        ordered.sort_by_key(|(r, _)| position(r));
        let requirements: Vec<ReqClosed> = ordered.into_iter().map(|(_, x)| x).collect();
        let frameworks: Vec<String> = cat
            .frameworks
            .iter()
            .filter(|f| requirements.iter().any(|r| r.framework == f.id))
            .map(|f| f.id.clone())
            .collect();
        let short = |id: &str| {
            cat.framework(id)
                .map(|f| f.short.clone())
                .unwrap_or_else(|| id.to_string())
        };
        let investigate = gaps.iter().all(|(_, c, _)| *c == Coverage::Unknown);
        let legal_date = requirements.iter().filter_map(|r| r.applies_from).min();
        let overdue = legal_date.is_some_and(|d| d <= today);
        // Owner and target from the answers behind it.
        let mut owner = None;
        let mut answer_due: Option<Date> = None;
        for (key, _, q) in &gaps {
            let ans = match key.split_once('/') {
                Some((sid, _)) => a.systems.get(sid).and_then(|s| s.answers.get(&q.id)),
                None => a.answers.get(&q.id),
            };
            if let Some(ans) = ans {
                if owner.is_none() {
                    owner = ans.owner.clone().filter(|o| !o.trim().is_empty());
                }
                if let Some(t) = ans.target {
                    answer_due = Some(answer_due.map_or(t, |d: Date| d.min(t)));
                }
            }
        }

        // Priority.
        let mut why = Vec::new();
        let mut score = severity_points(rem.severity);
        why.push(format!("{} severity", rem.severity.label()));
        let breadth =
            (requirements.len() as i64).min(12) + 4 * (frameworks.len() as i64 - 1).min(3);
        score += breadth;
        let fw_names: Vec<String> = frameworks.iter().map(|f| short(f)).collect();
        why.push(format!(
            "closes {} requirement{} in {} framework{} ({})",
            requirements.len(),
            if requirements.len() == 1 { "" } else { "s" },
            frameworks.len(),
            if frameworks.len() == 1 { "" } else { "s" },
            fw_names.join(", ")
        ));
        let mut urgency = 0;
        if let Some(d) = legal_date {
            let days = days_between(today, d);
            let ob = requirements
                .iter()
                .filter(|r| r.applies_from == Some(d))
                .map(|r| {
                    cat.requirement(&ReqRef {
                        framework: r.framework.clone(),
                        id: r.id.clone(),
                    })
                    .and_then(|(_, q)| q.reference.clone())
                    .unwrap_or_else(|| r.id.clone())
                })
                .next()
                .unwrap_or_default();
            let (pts, text) = if days <= 0 {
                (30, format!("EU AI Act {ob} has applied since {d}: overdue"))
            } else if days <= 30 {
                (
                    25,
                    format!("EU AI Act {ob} applies from {d}, in {days} days"),
                )
            } else if days <= 90 {
                (
                    18,
                    format!("EU AI Act {ob} applies from {d}, in {days} days"),
                )
            } else if days <= 180 {
                (
                    10,
                    format!("EU AI Act {ob} applies from {d}, in {days} days"),
                )
            } else {
                (4, format!("EU AI Act {ob} applies from {d}"))
            };
            urgency = pts;
            why.push(text);
        }
        let touches_audit = frameworks
            .iter()
            .any(|f| audit_frameworks.contains(f.as_str()));
        if let (Some(t), true) = (target, touches_audit) {
            let days = days_between(today, t);
            let pts = if days <= 60 {
                14
            } else if days <= 120 {
                9
            } else {
                4
            };
            if pts > urgency {
                urgency = pts;
            }
            why.push(if days < 0 {
                format!("audit target {t} has passed")
            } else {
                format!("audit target {t} in {days} days")
            });
        }
        score += urgency;
        if rem.effort_days <= 2 {
            score += 6;
            why.push(format!(
                "quick win: about {} person-day{}",
                rem.effort_days,
                if rem.effort_days == 1 { "" } else { "s" }
            ));
        } else if rem.effort_days <= 5 {
            score += 3;
            why.push(format!("small: about {} person-days", rem.effort_days));
        } else if rem.effort_days >= 20 {
            score -= 4;
            why.push(format!("large: about {} person-days", rem.effort_days));
        } else {
            why.push(format!("about {} person-days", rem.effort_days));
        }
        if investigate {
            score -= 5;
            why.push("answered \"don't know\": find out the facts first".into());
        }
        let priority = score.clamp(1, 100) as u32;

        let phase = if overdue || rem.severity == Level::Critical || priority >= 70 {
            Phase::Now
        } else if priority >= 55 || legal_date.is_some_and(|d| days_between(today, d) <= 90) {
            Phase::Next30Days
        } else if touches_audit || legal_date.is_some() {
            Phase::BeforeAudit
        } else {
            Phase::Later
        };
        let mut due = answer_due;
        // Never due before the work could be done.
        let duration = calendar_days(rem.effort_days);
        let phase_due = match phase {
            Phase::Now => Some(add_days(today, duration.max(14))),
            Phase::Next30Days => Some(add_days(today, duration.max(30))),
            Phase::BeforeAudit => target.filter(|_| touches_audit),
            Phase::Later => None,
        };
        for d in [phase_due, legal_date.filter(|d| *d > today)]
            .into_iter()
            .flatten()
        {
            due = Some(due.map_or(d, |x| x.min(d)));
        }

        items.push(PlanItem {
            id: rem.id.clone(),
            title: rem.title.clone(),
            steps: rem.steps.clone(),
            evidence: rem.evidence.clone(),
            effort_days: rem.effort_days,
            owner_assigned: owner.is_some(),
            owner: owner.unwrap_or_else(|| rem.owner.clone()),
            category: rem.category.clone(),
            severity: rem.severity,
            gaps: gaps.iter().map(|(k, c, _)| (k.clone(), *c)).collect(),
            requirements,
            frameworks,
            investigate,
            legal_date,
            overdue,
            due,
            priority,
            phase,
            why,
            start: today,
            finish: today,
        });
    }
    items.sort_by(|x, y| {
        x.phase
            .cmp(&y.phase)
            .then(y.priority.cmp(&x.priority))
            .then(x.id.cmp(&y.id))
    });

    // Rough timeline: each owner works through their items in order.
    let mut free: BTreeMap<String, Date> = BTreeMap::new();
    let later_start = target.filter(|t| *t > today).unwrap_or(add_days(today, 90));
    for it in &mut items {
        let phase_start = match it.phase {
            Phase::Now | Phase::Next30Days | Phase::BeforeAudit => today,
            Phase::Later => later_start.min(add_days(today, 180)),
        };
        let start = free
            .get(&it.owner)
            .copied()
            .unwrap_or(today)
            .max(phase_start);
        let finish = add_days(start, calendar_days(it.effort_days));
        free.insert(it.owner.clone(), finish);
        it.start = start;
        it.finish = finish;
    }
    Plan {
        total_effort_days: items.iter().map(|i| i.effort_days).sum(),
        finish: items.iter().map(|i| i.finish).max(),
        items,
    }
}
