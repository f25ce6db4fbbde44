//! Scoring and ordering. An item's score is five digits, one per factor,
//! so that a factor can only break ties of the factors before it:
//!
//! | digit | factor | values |
//! | --- | --- | --- |
//! | 10 000s | legal | 2 = an EU duty that already applies, 1 = applies within 90 days |
//! | 1 000s | goal | 9, 8, 7 … for the goals and later legal dates it serves, earliest first; 1 = a goal without a date; 0 = no goal |
//! | 100s | blocker | 9 = a milestone with a long lead time; 8 … 2 = an audit blocker, by its goal's step; 1 = another audit milestone |
//! | 10s | severity | 4 critical, 3 high, 2 medium, 1 low |
//! | 1s | also helps | how many other frameworks it closes requirements in |
//!
//! The order then puts every prerequisite before what waits for it: a
//! prerequisite is worked at the rank of the most urgent item waiting for it.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};

use jiff::civil::Date;

use super::items::Context;
use super::{Factor, PlanItem, words};
use crate::catalog::Level;
use crate::engine::scope::TargetGoal;
use crate::text::Text;

/// Scores every item and records its reasons in the order they counted.
pub(super) fn score(ctx: &Context<'_>, items: &mut [PlanItem]) {
    let groups = DeadlineGroups::new(ctx, items);
    for it in items.iter_mut() {
        score_item(ctx, &groups, it);
    }
}

/// The dated things an item can serve, earliest first: each targeted goal
/// (by the date its work is due) and each EU date later than the "due
/// soon" window. The first gets the goal digit 9, the next 8, and so on.
struct DeadlineGroups<'a> {
    dated: Vec<(Date, Group<'a>)>,
}

#[derive(Clone, Copy, PartialEq)]
enum Group<'a> {
    Goal(&'a TargetGoal),
    Legal(Date),
}

impl<'a> DeadlineGroups<'a> {
    fn new(ctx: &Context<'a>, items: &[PlanItem]) -> DeadlineGroups<'a> {
        let mut dated: Vec<(Date, Group<'a>)> = ctx
            .scope
            .goals
            .iter()
            .filter_map(|g| Some((g.work_due?, Group::Goal(g))))
            .collect();
        let later_legal: BTreeSet<Date> = items
            .iter()
            .filter_map(|i| i.legal_date)
            .filter(|d| !ctx.due_soon(*d))
            .collect();
        dated.extend(later_legal.into_iter().map(|d| (d, Group::Legal(d))));
        dated.sort_by_key(|(d, g)| (*d, matches!(g, Group::Legal(_))));
        DeadlineGroups { dated }
    }

    /// The goal digit of a group: 9 for the earliest, never below 2.
    fn digit(&self, g: Group<'_>) -> u32 {
        match self.dated.iter().position(|(_, x)| *x == g) {
            Some(i) => 9u32.saturating_sub(i as u32).max(2),
            None => 1,
        }
    }
}

/// What an item serves best: the goal (or later legal date), its digit, and
/// the blocker digit under that goal.
struct Served<'a> {
    group: Option<Group<'a>>,
    goal_digit: u32,
    blocker_digit: u32,
}

fn score_item(ctx: &Context<'_>, groups: &DeadlineGroups<'_>, it: &mut PlanItem) {
    let served = best_served(ctx, groups, it);
    let legal_digit = match it.legal_date {
        Some(d) if d <= ctx.today => 2,
        Some(d) if ctx.due_soon(d) => 1,
        _ => 0,
    };
    let main_framework: Option<&str> = match served.group {
        Some(Group::Goal(g)) => Some(&g.framework),
        Some(Group::Legal(_)) => Some("euaiact"),
        None => it.frameworks.first().map(|f| f.as_str()),
    };
    if legal_digit > 0 && served.group.is_none() {
        // A duty due now serves the law first.
        it.goal = None;
    }
    it.also_helps = it
        .frameworks
        .iter()
        .filter(|f| Some(f.as_str()) != main_framework && (legal_digit == 0 || *f != "euaiact"))
        .cloned()
        .collect();
    let also_digit = (it.also_helps.len() as u32).min(9);
    let severity_digit = severity_digit(it.severity);
    let mut factors = Vec::new();
    if legal_digit > 0 {
        factors.push(Factor {
            factor: "legal",
            points: legal_digit * 10_000,
            reason: legal_reason(ctx, it),
        });
    }
    factors.push(Factor {
        factor: "goal",
        points: served.goal_digit * 1_000,
        reason: goal_reason(ctx, served.group, it),
    });
    if served.blocker_digit > 0 {
        factors.push(Factor {
            factor: "blocker",
            points: served.blocker_digit * 100,
            reason: blocker_reason(ctx, served.group, served.blocker_digit, it),
        });
    }
    factors.push(Factor {
        factor: "severity",
        points: severity_digit * 10,
        reason: words::severity(it.severity),
    });
    if also_digit > 0 {
        let names: Vec<&str> = it.also_helps.iter().map(|f| ctx.short(f)).collect();
        let targeted = it
            .also_helps
            .iter()
            .any(|f| ctx.targeted.contains(f.as_str()));
        factors.push(Factor {
            factor: "also-helps",
            points: also_digit,
            reason: words::also_helps(&names, targeted),
        });
    }
    it.priority = factors.iter().map(|f| f.points).sum();
    it.section = section(legal_digit, served.group, it.legal_date);
    let mut why: Vec<String> = factors.iter().map(|f| f.reason.clone()).collect();
    if it.find_out {
        why.push(words::FIND_OUT.to_string());
    } else if it.investigate {
        why.push(words::INVESTIGATE.to_string());
    }
    if let Some(t) = it.target {
        why.push(words::answer_target(t));
    }
    why.append(&mut it.why);
    it.why = why;
    it.factors = factors;
    if let Some(Group::Goal(g)) = served.group {
        it.goal = Some(g.id.clone());
        if served.blocker_digit > 1 && !it.lead {
            it.blocker = Some(g.id.clone());
        }
    }
}

/// The heading an item is listed under: the tier its two leading digits
/// put it in.
fn section(legal_digit: u32, group: Option<Group<'_>>, legal_date: Option<Date>) -> String {
    match (legal_digit, group) {
        (2, _) => words::SECTION_LEGAL_NOW.to_string(),
        (1, _) => words::section_legal_soon(legal_date),
        (_, Some(Group::Goal(g))) => words::section_goal(&g.title, g.work_due),
        (_, Some(Group::Legal(d))) => words::section_legal_later(d),
        (_, None) => words::SECTION_NO_GOAL.to_string(),
    }
}

fn severity_digit(l: Level) -> u32 {
    match l {
        Level::Critical => 4,
        Level::High => 3,
        Level::Medium => 2,
        Level::Low => 1,
    }
}

/// The goal or later legal date the item serves with the highest
/// (goal digit, blocker digit).
fn best_served<'a>(ctx: &Context<'a>, groups: &DeadlineGroups<'a>, it: &PlanItem) -> Served<'a> {
    let mut best = Served {
        group: None,
        goal_digit: 0,
        blocker_digit: 0,
    };
    let mut consider = |group: Group<'a>, blocker_digit: u32| {
        let goal_digit = groups.digit(group);
        if (goal_digit, blocker_digit) > (best.goal_digit, best.blocker_digit) {
            best = Served {
                group: Some(group),
                goal_digit,
                blocker_digit,
            };
        }
    };
    for g in &ctx.scope.goals {
        let serves = match &it.goal {
            Some(id) => *id == g.id,
            None => it.closes(&g.framework),
        };
        if serves {
            consider(Group::Goal(g), blocker_digit(ctx, g, it));
        }
    }
    if let Some(d) = it.legal_date.filter(|d| !ctx.due_soon(*d)) {
        consider(Group::Legal(d), 0);
    }
    best
}

/// 9 for a milestone with a long lead time, 8 down to 2 for an audit
/// blocker by the step its category is in, 1 for another milestone, 0 for
/// anything else.
fn blocker_digit(ctx: &Context<'_>, g: &TargetGoal, it: &PlanItem) -> u32 {
    if it.goal.is_some() {
        return if it.lead { 9 } else { 1 };
    }
    if !it.blocks.contains(&g.framework) {
        return 0;
    }
    let steps = ctx.goal_def(g).map(|d| &d.blocker_steps[..]).unwrap_or(&[]);
    match steps.iter().position(|s| s.contains(&it.category)) {
        Some(i) => 8u32.saturating_sub(i as u32).max(2),
        None => 2,
    }
}

fn legal_reason(ctx: &Context<'_>, it: &PlanItem) -> String {
    let Some(d) = it.legal_date else {
        return String::new();
    };
    ctx.legal_reason(it, d)
}

fn goal_reason(ctx: &Context<'_>, group: Option<Group<'_>>, it: &PlanItem) -> String {
    match group {
        Some(Group::Goal(g)) => words::goal(&g.title, g.date, g.work_due),
        Some(Group::Legal(d)) => ctx.legal_reason(it, d),
        None => {
            let names: Vec<&str> = it.frameworks.iter().map(|f| ctx.short(f)).collect();
            words::no_goal(&names)
        }
    }
}

fn blocker_reason(
    ctx: &Context<'_>,
    group: Option<Group<'_>>,
    digit: u32,
    it: &PlanItem,
) -> String {
    let Some(Group::Goal(g)) = group else {
        return String::new();
    };
    match digit {
        9 => words::lead_time(&g.title),
        1 => words::audit_step(&g.title),
        _ => {
            let steps = ctx.goal_def(g).map_or(0, |d| d.blocker_steps.len());
            words::blocker(&g.title, 9 - digit, steps as u32, &it.category)
        }
    }
}

/// The priority order (the plan then groups it by phase): the highest
/// score first, except that every
/// prerequisite comes before what waits for it, worked at the score of the
/// most urgent item waiting for it. Among equal scores the earlier
/// deadline goes first, then the smaller piece of work (a quick win moves
/// up only among its equals), then the id (milestones after remediations).
pub(super) fn order(mut items: Vec<PlanItem>) -> Vec<PlanItem> {
    let index: BTreeMap<Text, usize> = items
        .iter()
        .enumerate()
        .map(|(i, it)| (it.id.clone(), i))
        .collect();
    let prereqs: Vec<Vec<usize>> = items
        .iter()
        .map(|it| {
            it.after
                .iter()
                .filter_map(|p| index.get(p).copied())
                .collect()
        })
        .collect();
    // The score each item is worked at, and who it is needed first by.
    let mut effective: Vec<u32> = items.iter().map(|i| i.priority).collect();
    let mut needed_by: Vec<Option<usize>> = vec![None; items.len()];
    for _ in 0..items.len() {
        let mut changed = false;
        for i in 0..items.len() {
            for &p in &prereqs[i] {
                if effective[i] > effective[p] {
                    effective[p] = effective[i];
                    needed_by[p] = Some(needed_by[i].unwrap_or(i));
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    // Items arrive in id order (remediations, then milestones by goal):
    // the earlier position wins the last tie.
    let key = |i: usize, it: &PlanItem| {
        (
            effective[i],
            it.priority,
            Reverse(it.deadline.as_ref().map_or(Date::MAX, |d| d.date)),
            Reverse((it.remaining_days * 2.0) as u32),
            Reverse(i),
        )
    };
    // Kahn's algorithm with the best ready item first.
    let mut waiting: Vec<usize> = prereqs.iter().map(Vec::len).collect();
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); items.len()];
    for (i, ps) in prereqs.iter().enumerate() {
        for &p in ps {
            dependents[p].push(i);
        }
    }
    let mut ready: BinaryHeap<_> = (0..items.len())
        .filter(|i| waiting[*i] == 0)
        .map(|i| (key(i, &items[i]), i))
        .collect();
    let mut placed = vec![false; items.len()];
    let mut sequence = Vec::with_capacity(items.len());
    while sequence.len() < items.len() {
        // A loop in a user catalog (validate reports it): take the best left.
        let next = match ready.pop() {
            Some((_, i)) => i,
            None => match (0..items.len())
                .filter(|i| !placed[*i])
                .max_by_key(|i| key(*i, &items[*i]))
            {
                Some(i) => i,
                None => break,
            },
        };
        if placed[next] {
            continue;
        }
        placed[next] = true;
        sequence.push(next);
        for &d in &dependents[next] {
            waiting[d] = waiting[d].saturating_sub(1);
            if waiting[d] == 0 && !placed[d] {
                ready.push((key(d, &items[d]), d));
            }
        }
    }
    for (i, by) in needed_by.iter().enumerate() {
        if let Some(by) = by {
            let title = items[*by].title.to_string();
            items[i].why.push(words::needed_first_by(&title));
            items[i].section = items[*by].section.clone();
        }
    }
    let mut slots: Vec<Option<PlanItem>> = items.into_iter().map(Some).collect();
    sequence
        .into_iter()
        .enumerate()
        .filter_map(|(rank, i)| {
            let mut it = slots[i].take()?;
            it.rank = rank as u32 + 1;
            Some(it)
        })
        .collect()
}
