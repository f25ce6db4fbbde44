//! The remediation plan: one item per remediation with a gap behind it,
//! ranked by severity, breadth, legal urgency and effort, in phases.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use jiff::civil::Date;

use super::analyze::{Analyzed, Coverage};
use super::scope::Scope;
use super::{Refs, add_days, days_between};
use crate::assessment::Assessment;
use crate::catalog::{Catalog, Level, Question, Questionnaire};
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

/// A piece of a reason line.
enum Piece<'a> {
    Text(&'a str),
    Number(i64),
    Date(Date),
}

use Piece::{Date as D, Number as N, Text as T};

/// Short name of framework `id`.
fn short<'a>(cat: &'a Catalog, id: &'a str) -> &'a str {
    cat.framework(id).map_or(id, |f| &f.short)
}

/// Joins the pieces of a reason line: what `format!` would write, for a
/// fraction of the work (the plan writes several lines per item).
fn line(pieces: &[Piece<'_>]) -> String {
    let mut s = String::with_capacity(line_len(pieces));
    push_line(&mut s, pieces);
    s
}

/// Room for the pieces of a line (at least).
fn line_len(pieces: &[Piece<'_>]) -> usize {
    pieces
        .iter()
        .map(|p| match p {
            T(t) => t.len(),
            N(_) => 20,
            D(_) => 10,
        })
        .sum()
}

/// Appends the pieces of a line.
fn push_line(s: &mut String, pieces: &[Piece<'_>]) {
    for piece in pieces {
        match piece {
            T(t) => s.push_str(t),
            N(n) => {
                if *n < 0 {
                    s.push('-');
                }
                push_digits(s, n.unsigned_abs(), 1);
            }
            D(d) if (0..=9999).contains(&d.year()) => {
                push_digits(s, d.year().unsigned_abs().into(), 4);
                s.push('-');
                push_digits(s, d.month().unsigned_abs().into(), 2);
                s.push('-');
                push_digits(s, d.day().unsigned_abs().into(), 2);
            }
            D(d) => {
                let _ = write!(s, "{d}");
            }
        }
    }
}

/// Appends `n` in decimal, with leading zeros up to `width` digits.
fn push_digits(s: &mut String, mut n: u64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut start = digits.len();
    while n > 0 || digits.len() - start < width {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    for d in &digits[start..] {
        s.push(char::from(*d));
    }
}

pub(crate) fn plan(
    cat: &Catalog,
    refs: &Refs<'_>,
    qn: &Questionnaire,
    a: &Assessment,
    scope: &Scope,
    analyzed: &Analyzed,
    today: Date,
) -> Plan {
    // Gap questions grouped by remediation.
    let mut by_rem: BTreeMap<&str, Vec<(&str, Coverage, &Question)>> = BTreeMap::new();
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

    let mut items = Vec::with_capacity(by_rem.len());
    for (rem_id, gaps) in by_rem {
        let Some(rem) = qn.remediation(rem_id) else {
            continue;
        };
        // Requirements it closes, once each, by number.
        let mut reqs: Vec<(usize, ReqClosed)> = Vec::new();
        for (_, _, q) in &gaps {
            for r in &q.maps {
                // Every requirement in the analysis has a number.
                let Some(n) = refs.number(&r.framework, &r.id) else {
                    continue;
                };
                if reqs.iter().any(|(m, _)| *m == n) {
                    continue;
                }
                let Some(status) = analyzed.status(n) else {
                    continue;
                };
                if !status.coverage.counts() || status.coverage == Coverage::Covered {
                    continue;
                }
                let title = refs.get(n).1.title.clone();
                let applies_from = if r.framework == "euaiact" {
                    legal.get(r.id.as_str()).copied()
                } else {
                    None
                };
                reqs.push((
                    n,
                    ReqClosed {
                        framework: r.framework.clone(),
                        id: r.id.clone(),
                        title,
                        coverage: status.coverage,
                        applies_from,
                    },
                ));
            }
        }
        if reqs.is_empty() {
            continue;
        }
        // In catalog order (framework order, then file order).
        reqs.sort_unstable_by_key(|(n, _)| *n);
        let requirements: Vec<ReqClosed> = reqs.into_iter().map(|(_, r)| r).collect();
        let frameworks: Vec<Text> = cat
            .frameworks
            .iter()
            .filter(|f| requirements.iter().any(|r| r.framework == f.id))
            .map(|f| f.id.clone())
            .collect();
        let investigate = gaps.iter().all(|(_, c, _)| *c == Coverage::Unknown);
        let legal_date = requirements.iter().filter_map(|r| r.applies_from).min();
        let overdue = legal_date.is_some_and(|d| d <= today);
        // Owner and target from the answers behind it.
        let mut owner = None;
        let mut answer_due: Option<Date> = None;
        for (key, _, q) in &gaps {
            let ans = match key.split_once('/') {
                Some((sid, _)) => a
                    .systems
                    .get(sid)
                    .and_then(|s| s.answers.get(q.id.as_str())),
                None => a.answers.get(q.id.as_str()),
            };
            if let Some(ans) = ans {
                if owner.is_none() {
                    owner = ans.owner.as_deref().filter(|o| !o.trim().is_empty());
                }
                if let Some(t) = ans.target {
                    answer_due = Some(answer_due.map_or(t, |d: Date| d.min(t)));
                }
            }
        }

        // Priority.
        let mut why = Vec::with_capacity(6);
        let mut score = severity_points(rem.severity);
        why.push([rem.severity.label(), " severity"].concat());
        let breadth =
            (requirements.len() as i64).min(12) + 4 * (frameworks.len() as i64 - 1).min(3);
        score += breadth;
        let closes = [
            T("closes "),
            N(requirements.len() as i64),
            T(if requirements.len() == 1 {
                " requirement in "
            } else {
                " requirements in "
            }),
            N(frameworks.len() as i64),
            T(if frameworks.len() == 1 {
                " framework ("
            } else {
                " frameworks ("
            }),
        ];
        let names: usize = frameworks.iter().map(|f| short(cat, f).len() + 2).sum();
        let mut text = String::with_capacity(line_len(&closes) + names);
        push_line(&mut text, &closes);
        for (i, f) in frameworks.iter().enumerate() {
            if i > 0 {
                text.push_str(", ");
            }
            text.push_str(short(cat, f));
        }
        text.push(')');
        why.push(text);
        let mut urgency = 0;
        if let Some(d) = legal_date {
            let days = days_between(today, d);
            let ob = requirements
                .iter()
                .find(|r| r.applies_from == Some(d))
                .map(|r| {
                    refs.number(&r.framework, &r.id)
                        .and_then(|n| refs.get(n).1.reference.as_deref())
                        .unwrap_or(&r.id)
                })
                .unwrap_or_default();
            let soon = [
                T("EU AI Act "),
                T(ob),
                T(" applies from "),
                D(d),
                T(", in "),
                N(days),
                T(" days"),
            ];
            let (pts, text) = if days <= 0 {
                (
                    30,
                    line(&[
                        T("EU AI Act "),
                        T(ob),
                        T(" has applied since "),
                        D(d),
                        T(": overdue"),
                    ]),
                )
            } else if days <= 30 {
                (25, line(&soon))
            } else if days <= 90 {
                (18, line(&soon))
            } else if days <= 180 {
                (10, line(&soon))
            } else {
                (4, line(&soon[..4]))
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
                line(&[T("audit target "), D(t), T(" has passed")])
            } else {
                line(&[T("audit target "), D(t), T(" in "), N(days), T(" days")])
            });
        }
        score += urgency;
        let effort = i64::from(rem.effort_days);
        if rem.effort_days <= 2 {
            score += 6;
            why.push(line(&[
                T("quick win: about "),
                N(effort),
                T(if rem.effort_days == 1 {
                    " person-day"
                } else {
                    " person-days"
                }),
            ]));
        } else if rem.effort_days <= 5 {
            score += 3;
            why.push(line(&[T("small: about "), N(effort), T(" person-days")]));
        } else if rem.effort_days >= 20 {
            score -= 4;
            why.push(line(&[T("large: about "), N(effort), T(" person-days")]));
        } else {
            why.push(line(&[T("about "), N(effort), T(" person-days")]));
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
            start: today,
            finish: today,
        });
    }
    // Ranked by phase, priority and id (items were made in id order, which
    // the stable sort keeps among equals). The order is found on positions,
    // so that the large items move once.
    debug_assert!(items.windows(2).all(|w| w[0].id < w[1].id));
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| (items[i].phase, std::cmp::Reverse(items[i].priority)));
    let mut unranked: Vec<Option<PlanItem>> = items.into_iter().map(Some).collect();
    let mut items: Vec<PlanItem> = order.iter().filter_map(|&i| unranked[i].take()).collect();

    // Rough timeline: each owner works through their items in order.
    let later_start = target
        .filter(|t| *t > today)
        .unwrap_or(add_days(today, 90))
        .min(add_days(today, 180));
    let mut free: BTreeMap<&str, Date> = BTreeMap::new();
    let slots: Vec<(Date, Date)> = items
        .iter()
        .map(|it| {
            let phase_start = match it.phase {
                Phase::Now | Phase::Next30Days | Phase::BeforeAudit => today,
                Phase::Later => later_start,
            };
            let start = free
                .get(it.owner.as_str())
                .copied()
                .unwrap_or(today)
                .max(phase_start);
            let finish = add_days(start, calendar_days(it.effort_days));
            free.insert(&it.owner, finish);
            (start, finish)
        })
        .collect();
    for (it, (start, finish)) in items.iter_mut().zip(slots) {
        it.start = start;
        it.finish = finish;
    }
    Plan {
        total_effort_days: items.iter().map(|i| i.effort_days).sum(),
        finish: items.iter().map(|i| i.finish).max(),
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn lines_read_as_format_writes_them() {
        let dates = [
            date(0, 1, 1),
            date(5, 3, 9),
            date(999, 12, 31),
            date(2026, 11, 23),
            date(9999, 12, 31),
            date(-5, 1, 1),
            date(-9999, 1, 1),
        ];
        let numbers = [0, 7, 10, 99, 100, 12345, -1, -250, i64::MIN, i64::MAX];
        for d in dates {
            for n in numbers {
                assert_eq!(
                    line(&[T("a "), N(n), T(" b "), D(d), T("")]),
                    format!("a {n} b {d}")
                );
            }
        }
    }
}
