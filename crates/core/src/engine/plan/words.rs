//! Every sentence the plan says about an item: its factors, notes,
//! deadlines and the fixes for an item at risk.

use jiff::civil::Date;

use crate::catalog::Level;

pub const INVESTIGATE: &str = "answered \"don't know\": find out the facts first";

pub const FIND_OUT: &str =
    "not answered yet, and the duty already applies or soon will: find out, then act";

pub const FIX_LEGAL: &str = "the legal date cannot move: start now and add people to it";

pub const ALREADY_LATE: &str = "the date has already passed: record what you are doing about it";

pub fn severity(level: Level) -> String {
    format!("{} severity", level.label())
}

pub fn also_helps(frameworks: &[&str], any_targeted: bool) -> String {
    let list = frameworks.join(", ");
    if any_targeted {
        format!("also counts for {list}")
    } else {
        format!("also helps {list} (not a goal)")
    }
}

pub fn answer_target(date: Date) -> String {
    format!("the owner's own target: {date}")
}

/// `later`: the date another reading of the law gives the same duty; the
/// plan keeps the earlier one and says so.
pub fn legal_date(obligation: &str, date: Date, days: i64, later: Option<Date>) -> String {
    let reading = match later {
        Some(l) => format!(" on the earlier of two readings (the other gives {l})"),
        None => String::new(),
    };
    match days {
        ..=0 => format!("EU AI Act {obligation} has applied since {date}{reading}: overdue"),
        1..=180 => format!("EU AI Act {obligation} applies from {date}{reading}, in {days} days"),
        _ => format!("EU AI Act {obligation} applies from {date}{reading}"),
    }
}

pub fn goal(title: &str, date: Option<Date>, work_due: Option<Date>) -> String {
    match (date, work_due) {
        (Some(d), Some(w)) if w < d => {
            format!("needed for your {title} by {d} (work done by {w})")
        }
        (Some(d), _) => format!("needed for your {title} by {d}"),
        _ => format!("needed for your {title} (no date set)"),
    }
}

pub fn no_goal(frameworks: &[&str]) -> String {
    format!(
        "none of your goals needs it: it helps {} only",
        frameworks.join(", ")
    )
}

pub fn lead_time(title: &str) -> String {
    format!("long lead time: book it before the rest of the {title} work")
}

pub fn audit_step(title: &str) -> String {
    format!("a step of the {title} itself, after its blockers")
}

pub fn blocker(title: &str, step: u32, steps: u32, category: &str) -> String {
    format!(
        "an audit blocker for your {title}: step {step} of {steps} ({})",
        category_label(category)
    )
}

/// A remediation category in words.
fn category_label(category: &str) -> &str {
    match category {
        "access-control" => "access control",
        "ai-security" => "AI security",
        "logging-monitoring" => "logging and monitoring",
        "policy" => "policies",
        "people" => "people",
        "vendor" => "vendor management",
        "risk-management" => "risk management",
        "change-management" => "change management",
        "incident-response" => "incident response",
        "continuity" => "continuity and backups",
        "infrastructure" => "infrastructure",
        "data-governance" => "data governance",
        "ai-lifecycle" => "AI lifecycle",
        "transparency" => "transparency",
        "privacy" => "privacy",
        "regulatory" => "regulatory duties",
        other => other,
    }
}

pub fn needed_first_by(title: &str) -> String {
    format!("comes first: \"{title}\" waits for it")
}

pub fn milestone_deadline(goal: &str, days_before: u32, date: Option<Date>) -> String {
    match date {
        Some(d) => format!("{days_before} days before your {goal} date ({d})"),
        None => format!("{days_before} days before your {goal} date"),
    }
}

pub fn legal_deadline(obligation: &str) -> String {
    format!("EU AI Act {obligation}")
}

pub fn audit_deadline(title: &str, date: Date, observation_days: u32, buffer_days: u32) -> String {
    if observation_days > 0 {
        format!(
            "your {title} by {date}: in place {observation_days} days before for the observation period, plus a {buffer_days}-day buffer"
        )
    } else {
        format!("your {title} by {date}, less a {buffer_days}-day buffer for evidence")
    }
}

pub fn before_dependent(title: &str, reason: &str) -> String {
    format!("\"{title}\" waits for it ({reason})")
}

pub fn fix_owner(owner: &str, start: Date) -> String {
    format!(
        "another owner: {owner} is busy with higher-ranked work until {start}, or give them more time a week"
    )
}

pub fn fix_prerequisites(finish: Date) -> String {
    format!("its prerequisites finish only on {finish}: speed those up first")
}

pub fn fix_drop(n: usize) -> String {
    let items = if n == 1 { "item" } else { "items" };
    format!("drop or defer {n} optional {items} the same owner works on first")
}

pub fn fix_later_target(late_days: i64) -> String {
    format!("a later target: the goal date would have to move by {late_days} days")
}

pub fn owner_advice(days: f64, needed: f64, stuck: usize) -> String {
    let mut parts = Vec::new();
    if needed > days {
        parts.push(format!(
            "needs about {:.1} person-days a week to keep its dates (has {days:.1}): set more in [plan] capacity, hand items to another owner, or move a target",
            needed
        ));
    }
    if stuck > 0 {
        let items = if stuck == 1 { "item is" } else { "items are" };
        parts.push(format!("{stuck} {items} due now or already overdue"));
    }
    if parts.is_empty() {
        parts.push("waits on prerequisites owned by others: move those first".to_string());
    }
    parts.join("; ")
}

pub const SECTION_LEGAL_NOW: &str = "EU AI Act duties that already apply";

pub const SECTION_NO_GOAL: &str = "Not needed for your goals";

pub fn section_legal_soon(date: Option<Date>) -> String {
    match date {
        Some(d) => format!("EU AI Act duties that apply within 90 days (from {d})"),
        None => "EU AI Act duties that apply within 90 days".to_string(),
    }
}

pub fn section_goal(title: &str, work_due: Option<Date>) -> String {
    match work_due {
        Some(d) => format!("For your {title} (work done by {d})"),
        None => format!("For your {title} (no date set)"),
    }
}

pub fn section_legal_later(date: Date) -> String {
    format!("EU AI Act duties that apply from {date}")
}
