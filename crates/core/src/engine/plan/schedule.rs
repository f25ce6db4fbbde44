//! Dates: each item's deadline (a legal date, or a goal's date less its
//! observation window and buffer, passed on to its prerequisites), a start
//! and finish that respect prerequisites and each owner's time, the items
//! that cannot make their deadline and what would fix them, the phase and
//! the due date.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;

use super::items::Context;
use super::{AtRisk, Deadline, ItemKind, OwnerLoad, Phase, PlanItem, words};
use crate::assessment::Assessment;
use crate::engine::shared::{add_days, days_between};

/// Person-days a week an owner gives the plan by default: in a company of
/// about twenty, nobody is full-time on compliance.
pub const DEFAULT_DAYS_PER_WEEK: f64 = 2.0;

/// Hundredths of a person-day: the unit work is counted in.
const UNIT: f64 = 100.0;

/// The schedule gives up looking for free time after this many days: work
/// still left then finishes on the horizon (and is at risk if it has a date).
const HORIZON_DAYS: i64 = 10 * 365;

/// Each owner's time for the plan.
pub(super) struct Settings {
    pub default_days: f64,
    per_owner: BTreeMap<String, f64>,
}

impl Settings {
    pub fn new(a: &Assessment) -> Settings {
        Settings {
            default_days: a
                .plan
                .days_per_week
                .filter(|d| *d > 0.0)
                .unwrap_or(DEFAULT_DAYS_PER_WEEK),
            per_owner: a
                .plan
                .capacity
                .iter()
                .filter(|(_, d)| **d > 0.0)
                .map(|(k, d)| (k.clone(), *d))
                .collect(),
        }
    }

    /// Person-days a week `owner` gives the plan.
    pub fn days(&self, owner: &str) -> f64 {
        self.per_owner
            .get(owner)
            .copied()
            .unwrap_or(self.default_days)
    }

    /// Units of work `owner` can do on one working day.
    fn per_day(&self, owner: &str) -> u32 {
        // Rounded down, so a week never holds more than the owner's time.
        ((self.days(owner) * UNIT / 5.0).floor() as u32).max(1)
    }
}

/// The last day of `d`'s month.
fn month_end(d: Date) -> Date {
    d.last_of_month()
}

/// The positions of each item's prerequisites (items come in rank order,
/// prerequisites first).
fn prerequisites(items: &[PlanItem]) -> Vec<Vec<usize>> {
    let position: BTreeMap<&str, usize> = items
        .iter()
        .enumerate()
        .map(|(i, it)| (it.id.as_str(), i))
        .collect();
    items
        .iter()
        .map(|it| {
            it.after
                .iter()
                .filter_map(|p| position.get(p.as_str()).copied())
                .collect()
        })
        .collect()
}

/// Deadlines, then dates, then risks, phases and due dates, in rank order.
pub(super) fn schedule(ctx: &Context<'_>, settings: &Settings, items: &mut [PlanItem]) {
    let prereqs = prerequisites(items);
    pass_deadlines_down(items, &prereqs);
    let later_start = ctx
        .scope
        .goals
        .iter()
        .filter_map(|g| g.work_due)
        .max()
        .filter(|d| *d > ctx.today)
        .unwrap_or(ctx.today);
    let mut diaries: HashMap<String, Diary> = HashMap::new();
    let mut earliest_of: Vec<Date> = Vec::with_capacity(items.len());
    for i in 0..items.len() {
        let after_prereqs = prereqs[i]
            .iter()
            .map(|p| add_days(items[*p].finish, 1))
            .max()
            .unwrap_or(ctx.today)
            .max(ctx.today);
        let it = &mut items[i];
        let earliest = if it.deadline.is_none() && it.goal.is_none() {
            after_prereqs.max(later_start)
        } else if it.kind == ItemKind::Milestone && !it.lead {
            // Audit preparation (the system description, the readiness
            // review) is done close to its date, after the controls.
            after_prereqs.max(just_in_time(settings, it))
        } else {
            after_prereqs
        };
        earliest_of.push(earliest);
        if !it.event {
            let diary = diaries.entry(it.owner.clone()).or_default();
            allocate(ctx.today, settings.per_day(&it.owner), diary, earliest, it);
        }
    }
    for i in 0..items.len() {
        let risk = at_risk(ctx, items, &prereqs[i], i, earliest_of[i]);
        let it = &mut items[i];
        it.at_risk = risk;
        it.phase = phase(ctx, it);
        it.due = due(it);
    }
    // Work a Now item waits for is Now too.
    for i in (0..items.len()).rev() {
        if items[i].phase == Phase::Now {
            for p in &prereqs[i] {
                items[*p].phase = Phase::Now;
            }
        }
    }
}

/// The latest start that still finishes by the deadline at the owner's
/// pace, less a week of slack.
fn just_in_time(settings: &Settings, it: &PlanItem) -> Date {
    let Some(d) = &it.deadline else {
        return it.start;
    };
    let weeks = it.remaining_days / settings.days(&it.owner);
    add_days(d.date, -((weeks * 7.0).ceil() as i64) - 7)
}

/// Each item's own deadline: the earliest of its legal date and the dates
/// its goals need the work by.
pub(super) fn deadlines(ctx: &Context<'_>, items: &mut [PlanItem]) {
    for it in items.iter_mut() {
        if it.deadline.is_some() || it.event {
            continue;
        }
        let legal = it.legal_date.map(|date| Deadline {
            date,
            kind: "legal",
            reason: words::legal_deadline(ctx.obligation_at(it, date)),
        });
        let audit = ctx
            .scope
            .goals
            .iter()
            .filter(|g| it.closes(&g.framework) && g.work_due.is_some())
            .filter_map(|g| {
                Some(Deadline {
                    date: g.work_due?,
                    kind: "audit",
                    reason: words::audit_deadline(
                        &g.title,
                        g.date?,
                        g.observation_days,
                        g.buffer_days,
                    ),
                })
            })
            .min_by_key(|d| d.date);
        it.deadline = [legal, audit].into_iter().flatten().min_by_key(|d| d.date);
    }
}

/// A prerequisite must finish by the deadline of what waits for it. Items
/// come prerequisites first: walking back lets deadlines flow down chains.
fn pass_deadlines_down(items: &mut [PlanItem], prereqs: &[Vec<usize>]) {
    for i in (0..items.len()).rev() {
        let Some(d) = items[i].deadline.clone() else {
            continue;
        };
        for &p in &prereqs[i] {
            if items[p]
                .deadline
                .as_ref()
                .is_none_or(|own| own.date > d.date)
            {
                let reason = words::before_dependent(&items[i].title, &d.reason);
                items[p].deadline = Some(Deadline {
                    date: d.date,
                    kind: d.kind,
                    reason,
                });
            }
        }
    }
}

/// One owner's booked work per day (from today) and the first day that
/// still has free time, so later items skip the days already full.
#[derive(Default)]
struct Diary {
    booked: Vec<u32>,
    first_free: i64,
}

/// Books the item's remaining work on its owner's free working days from
/// `earliest`, and sets its start, finish and weekly work. Work that does
/// not fit before the horizon finishes on the horizon. Days are counted
/// from today (`day` 0), which makes the weekday simple arithmetic.
fn allocate(today: Date, per_day: u32, diary: &mut Diary, earliest: Date, it: &mut PlanItem) {
    let weekday = |day: i64| (i64::from(today.weekday().to_monday_zero_offset()) + day) % 7;
    let mut need = (it.remaining_days * UNIT).round() as u32;
    let from = days_between(today, earliest).max(0);
    let mut day = if need == 0 {
        from
    } else {
        from.max(diary.first_free)
    };
    let mut start = None;
    // Work per week, keyed by the day its Monday is.
    let mut weeks: BTreeMap<i64, u32> = BTreeMap::new();
    let mut last = day;
    while day <= HORIZON_DAYS {
        if weekday(day) < 5 {
            let slot = day as usize;
            if diary.booked.len() <= slot {
                diary.booked.resize(slot + 1, 0);
            }
            let take = per_day.saturating_sub(diary.booked[slot]).min(need);
            if take > 0 || need == 0 {
                start.get_or_insert(day);
                last = day;
            }
            if take > 0 {
                diary.booked[slot] += take;
                need -= take;
                *weeks.entry(day - weekday(day)).or_default() += take;
            }
            if diary.booked[slot] >= per_day && day == diary.first_free {
                diary.first_free = day + 1;
            }
            if need == 0 {
                break;
            }
        } else if day == diary.first_free {
            diary.first_free = day + 1;
        }
        day += 1;
    }
    if need > 0 {
        last = HORIZON_DAYS;
    }
    it.start = start.map_or(earliest, |d| add_days(today, d));
    it.finish = add_days(today, last).max(it.start);
    it.work = weeks
        .into_iter()
        .map(|(monday, u)| (add_days(today, monday), f64::from(u) / UNIT))
        .collect();
}

/// Whether item `i` finishes after its deadline, by how much, and what
/// would let it keep the date.
fn at_risk(
    ctx: &Context<'_>,
    items: &[PlanItem],
    prereqs: &[usize],
    i: usize,
    earliest: Date,
) -> Option<AtRisk> {
    let it = &items[i];
    let deadline = it.deadline.as_ref()?;
    if it.event || it.finish <= deadline.date {
        return None;
    }
    let late_days = days_between(deadline.date, it.finish);
    let mut fixes = Vec::new();
    if it.start > earliest {
        fixes.push(words::fix_owner(&it.owner, it.start));
    }
    let prereq_finish = prereqs.iter().map(|p| items[*p].finish).max();
    if let Some(f) = prereq_finish.filter(|f| *f >= deadline.date) {
        fixes.push(words::fix_prerequisites(f));
    }
    let optional_before = items[..i]
        .iter()
        .filter(|x| x.owner == it.owner && x.deadline.is_none() && x.goal.is_none())
        .count();
    if optional_before > 0 {
        fixes.push(words::fix_drop(optional_before));
    }
    if deadline.kind == "legal" {
        fixes.push(words::FIX_LEGAL.to_string());
    } else {
        fixes.push(words::fix_later_target(late_days));
    }
    if deadline.date <= ctx.today {
        fixes.push(words::ALREADY_LATE.to_string());
    }
    Some(AtRisk { late_days, fixes })
}

/// Now for a legal duty that already applies; otherwise by when the work
/// starts, for anything a goal or the law needs; Later for the rest.
fn phase(ctx: &Context<'_>, it: &PlanItem) -> Phase {
    if it.overdue {
        Phase::Now
    } else if it.deadline.is_none() && it.goal.is_none() {
        Phase::Later
    } else if days_between(ctx.today, it.start) <= 30 {
        Phase::Next30Days
    } else {
        Phase::BeforeAudit
    }
}

/// The due date: the deadline when the item is at risk; otherwise the
/// owner's own target or the end of the month it finishes in, whichever is
/// later, but never past the deadline. Never before the scheduled finish
/// unless the item is at risk.
fn due(it: &PlanItem) -> Option<Date> {
    if it.at_risk.is_some() || it.event {
        return Some(it.finish);
    }
    let planned = it.target.map_or(month_end(it.finish), |t| t.max(it.finish));
    match &it.deadline {
        Some(d) => Some(planned.min(d.date)),
        None => it.target.map(|t| t.max(it.finish)),
    }
}

/// Each owner's share: items, effort, when they finish, and, when some of
/// their items are at risk, the time a week that would keep every date.
pub(super) fn owners(ctx_today: Date, settings: &Settings, items: &[PlanItem]) -> Vec<OwnerLoad> {
    let mut by_owner: BTreeMap<&str, Vec<&PlanItem>> = BTreeMap::new();
    for it in items.iter().filter(|i| !i.event) {
        by_owner.entry(&it.owner).or_default().push(it);
    }
    by_owner
        .into_iter()
        .map(|(owner, list)| {
            let days = settings.days(owner);
            let at_risk = list.iter().filter(|i| i.at_risk.is_some()).count();
            OwnerLoad {
                owner: owner.to_string(),
                days_per_week: days,
                items: list.len(),
                effort_days: list.iter().map(|i| i.effort_days).sum(),
                remaining_days: list.iter().map(|i| i.remaining_days).sum(),
                finish: list.iter().map(|i| i.finish).max(),
                at_risk,
                advice: (at_risk > 0).then(|| advice(ctx_today, days, &list)),
            }
        })
        .collect()
}

/// The time a week that would let an owner finish each dated item by its
/// deadline, working in rank order.
fn advice(today: Date, days: f64, list: &[&PlanItem]) -> String {
    let mut needed: f64 = 0.0;
    let mut done = 0.0;
    let mut stuck = 0;
    for it in list {
        done += it.remaining_days;
        let Some(d) = &it.deadline else { continue };
        let weeks = days_between(today, d.date) as f64 / 7.0;
        if weeks < 0.5 {
            stuck += 1;
            continue;
        }
        needed = needed.max(done / weeks);
    }
    words::owner_advice(days, needed, stuck)
}
