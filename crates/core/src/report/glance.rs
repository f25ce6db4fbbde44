//! The one-page summary at the top of the markdown plan (and all that
//! `report --summary` prints): readiness, the goals, the first ten items,
//! what is at risk, each owner's load, external costs and a timeline as a
//! mermaid gantt chart.

use std::fmt::Write;

use super::markdown::{code, esc, row};
use super::{Input, csv::days, pct};
use crate::engine::{PlanItem, TargetGoal};

/// How many items the summary lists and draws.
const FIRST: usize = 10;

pub fn render(o: &mut String, input: &Input<'_>) {
    o.push_str("## At a glance\n\n");
    readiness(o, input);
    goals(o, &input.eval.plan.goals);
    first_items(o, input);
    at_risk(o, input);
    owners(o, input);
    costs(o, input);
    timeline(o, input);
}

fn readiness(o: &mut String, input: &Input<'_>) {
    o.push_str("| Framework | Requirements met | Progress |\n| --- | --- | --- |\n");
    for fr in &input.eval.analysis.frameworks {
        let (met, progress) = if fr.in_scope {
            (
                fr.met.map_or("not assessed".into(), |m| {
                    format!(
                        "{:.0}% ({} of {})",
                        m, fr.counts.covered, fr.counts.applicable
                    )
                }),
                pct(fr.readiness),
            )
        } else {
            ("out of scope".to_string(), "—".to_string())
        };
        let _ = writeln!(o, "{}", row(&[esc(&fr.short), met, progress]));
    }
    o.push('\n');
    o.push_str(
        "Met counts requirements whose evidence is all in place. Progress also counts partial work: \
         each requirement scores the share of its answers that are in place (partial = ½).\n\n",
    );
}

fn goals(o: &mut String, goals: &[TargetGoal]) {
    if goals.is_empty() {
        o.push_str("No goal chosen yet: the plan ranks by legal duties and severity. Answer `target.goals` to rank by what you are preparing for.\n\n");
        return;
    }
    o.push_str("Goals, earliest first:\n\n");
    for g in goals {
        let line = match (g.date, g.work_due) {
            (Some(d), Some(w)) if w < d => {
                format!("by {d}; the work must be done by {w}")
            }
            (Some(d), _) => format!("by {d}"),
            _ => "no date set".to_string(),
        };
        let _ = writeln!(o, "- **{}**: {line}", esc(&g.title));
    }
    o.push('\n');
}

fn first_items(o: &mut String, input: &Input<'_>) {
    let plan = &input.eval.plan;
    if plan.items.is_empty() {
        return;
    }
    let _ = writeln!(
        o,
        "The first {} of {} items:\n",
        FIRST.min(plan.items.len()),
        plan.items.len()
    );
    o.push_str("| # | Item | Owner | Start | Finish | Due | After |\n| --- | --- | --- | --- | --- | --- | --- |\n");
    for it in plan.items.iter().take(FIRST) {
        let _ = writeln!(
            o,
            "{}",
            row(&[
                it.rank.to_string(),
                title_cell(it),
                esc(&it.owner),
                it.start.to_string(),
                it.finish.to_string(),
                due_cell(it),
                after_cell(input, it),
            ])
        );
    }
    o.push('\n');
}

/// The title, marked when at risk.
fn title_cell(it: &PlanItem) -> String {
    match &it.at_risk {
        Some(r) => format!(
            "{} (**at risk**, {} days late)",
            esc(&it.title),
            r.late_days
        ),
        None => esc(&it.title),
    }
}

fn due_cell(it: &PlanItem) -> String {
    match (&it.due, &it.deadline) {
        (Some(d), Some(dl)) if dl.date != *d => format!("{d} ({} date {})", dl.kind, dl.date),
        (Some(d), Some(dl)) => format!("{d} ({})", dl.kind),
        (Some(d), None) => d.to_string(),
        (None, _) => "—".to_string(),
    }
}

/// The prerequisites, by rank.
pub(crate) fn after_cell(input: &Input<'_>, it: &PlanItem) -> String {
    let ranks: Vec<String> = it
        .after
        .iter()
        .map(|id| {
            input
                .eval
                .plan
                .items
                .iter()
                .find(|x| x.id == *id)
                .map_or_else(|| code(id), |x| format!("#{}", x.rank))
        })
        .collect();
    if ranks.is_empty() {
        "—".into()
    } else {
        ranks.join(", ")
    }
}

fn at_risk(o: &mut String, input: &Input<'_>) {
    if input.eval.plan.items.is_empty() {
        return;
    }
    let risky: Vec<&PlanItem> = input.eval.plan.at_risk().collect();
    if risky.is_empty() {
        o.push_str("No item is at risk: at each owner's pace every item finishes by its legal or audit date.\n\n");
        return;
    }
    let _ = writeln!(
        o,
        "**{} item{} at risk** of missing a legal or audit date:\n",
        risky.len(),
        if risky.len() == 1 { "" } else { "s" }
    );
    for it in risky {
        let (Some(r), Some(d)) = (&it.at_risk, &it.deadline) else {
            continue;
        };
        let _ = writeln!(
            o,
            "- #{} {}: finishes {}, {} days after its {} date {}. Fix: {}.",
            it.rank,
            esc(&it.title),
            it.finish,
            r.late_days,
            d.kind,
            d.date,
            esc(&r.fixes.join("; "))
        );
    }
    o.push('\n');
}

fn owners(o: &mut String, input: &Input<'_>) {
    let plan = &input.eval.plan;
    if plan.owners.is_empty() {
        return;
    }
    let _ = writeln!(
        o,
        "Effort per owner (each gives the plan {} person-days a week unless `[plan] capacity` says otherwise; {} of {} person-days left in all):\n",
        days(plan.days_per_week),
        days(plan.remaining_days),
        plan.total_effort_days
    );
    o.push_str("| Owner | Items | Person-days left | Days a week | Done by | At risk |\n| --- | --- | --- | --- | --- | --- |\n");
    for w in &plan.owners {
        let risk = match &w.advice {
            Some(a) => format!("{}: {}", w.at_risk, esc(a)),
            None => "0".to_string(),
        };
        let _ = writeln!(
            o,
            "{}",
            row(&[
                esc(&w.owner),
                w.items.to_string(),
                format!("{} of {}", days(w.remaining_days), w.effort_days),
                days(w.days_per_week),
                w.finish.map(|d| d.to_string()).unwrap_or_default(),
                risk,
            ])
        );
    }
    o.push('\n');
}

fn costs(o: &mut String, input: &Input<'_>) {
    let plan = &input.eval.plan;
    if plan.costs.is_empty() && plan.costs_unknown.is_empty() {
        return;
    }
    o.push_str("External costs, as ranges from trustgap's sources (quotes will differ):\n\n");
    if !plan.costs.is_empty() {
        o.push_str("| Goal | Cost | Range | Covers | Source |\n| --- | --- | --- | --- | --- |\n");
        for c in &plan.costs {
            let _ = writeln!(
                o,
                "{}",
                row(&[
                    esc(&c.goal),
                    esc(&c.item),
                    format!(
                        "{} {} to {}",
                        c.currency,
                        thousands(c.low),
                        thousands(c.high)
                    ),
                    esc(&c.per),
                    esc(&c.source),
                ])
            );
        }
        o.push('\n');
    }
    for g in &plan.costs_unknown {
        let _ = writeln!(
            o,
            "- {}: no fee range in our sources; ask accredited bodies for quotes.",
            esc(g)
        );
    }
    if !plan.costs_unknown.is_empty() {
        o.push('\n');
    }
}

/// `12500` as `12,500`.
fn thousands(n: u32) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A mermaid gantt chart: the goals' audit events, then the first items
/// by owner; at-risk items drawn critical.
fn timeline(o: &mut String, input: &Input<'_>) {
    let plan = &input.eval.plan;
    if plan.items.is_empty() {
        return;
    }
    o.push_str("Timeline (the audit events, then the first items by owner):\n\n");
    o.push_str("```mermaid\ngantt\n    dateFormat YYYY-MM-DD\n    axisFormat %b %Y\n");
    let events: Vec<&PlanItem> = plan.items.iter().filter(|i| i.event).collect();
    if !events.is_empty() || plan.goals.iter().any(|g| g.date.is_some()) {
        o.push_str("    section Goals\n");
        for it in events {
            let _ = writeln!(o, "    {} :{}, {}", label(&it.title), it.start, end(it));
        }
        for g in plan.goals.iter().filter(|g| g.date.is_some()) {
            if let Some(d) = g.date {
                let _ = writeln!(o, "    {} :milestone, {d}, 0d", label(&g.title));
            }
        }
    }
    let first: Vec<&PlanItem> = plan
        .items
        .iter()
        .filter(|i| !i.event)
        .take(FIRST * 2)
        .collect();
    let mut owners: Vec<&str> = Vec::new();
    for it in &first {
        if !owners.contains(&it.owner.as_str()) {
            owners.push(&it.owner);
        }
    }
    for owner in owners {
        let _ = writeln!(o, "    section {}", label(owner));
        for it in first.iter().filter(|i| i.owner == owner) {
            let crit = if it.at_risk.is_some() { "crit, " } else { "" };
            let _ = writeln!(
                o,
                "    {}. {} :{crit}{}, {}",
                it.rank,
                label(&it.title),
                it.start,
                end(it)
            );
        }
    }
    o.push_str("```\n\n");
}

/// The day after the finish (mermaid's end dates are exclusive).
fn end(it: &PlanItem) -> String {
    it.finish
        .checked_add(jiff::Span::new().days(1))
        .unwrap_or(it.finish)
        .to_string()
}

/// Text mermaid reads as a plain label: no colons, semicolons or hashes.
fn label(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| match c {
            ':' | ';' | '#' => ' ',
            c => c,
        })
        .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let short = words.join(" ");
    if short.chars().count() > 60 {
        let cut: String = short.chars().take(57).collect();
        format!("{}...", cut.trim_end())
    } else {
        short
    }
}
