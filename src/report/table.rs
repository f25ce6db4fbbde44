//! Terminal summary (comfy-table): readiness, scope and the ranked plan.

use std::fmt::Write as _;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};

use super::{Input, pct, short};
use crate::engine::Phase;

fn table(width: Option<u16>) -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(w) = width {
        t.set_width(w);
    }
    t
}

/// Renders the summary. `width` fixes the table width (tests, pipes).
pub fn render(input: &Input<'_>, width: Option<u16>) -> String {
    let ev = input.eval;
    let cat = input.catalog;
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{} — readiness on {} (questionnaire {} {})\n",
        input.assessment.organisation,
        ev.today,
        input.questionnaire.id,
        input.questionnaire.version
    );
    let mut t = table(width);
    t.set_header(vec![
        "Framework",
        "Scope",
        "Readiness",
        "Assessed",
        "Gaps",
        "Unknown",
    ]);
    for fr in &ev.analysis.frameworks {
        let scope = match ev.scope.framework(&fr.id) {
            Some(f) if f.in_scope && f.recommended => "recommended",
            Some(f) if f.in_scope => "in scope",
            _ => "out of scope",
        };
        if fr.in_scope {
            t.add_row(vec![
                fr.short.clone(),
                scope.to_string(),
                pct(fr.readiness),
                format!(
                    "{:.0}% of {}",
                    fr.counts.assessed_pct(),
                    fr.counts.applicable
                ),
                fr.counts.gap.to_string(),
                fr.counts.unknown.to_string(),
            ]);
        } else {
            t.add_row(vec![
                fr.short.clone(),
                scope.to_string(),
                "—".into(),
                "—".into(),
                "—".into(),
                "—".into(),
            ]);
        }
    }
    let _ = writeln!(o, "{t}\n");

    if let Some(st) = &ev.scope.soc2_type {
        let _ = writeln!(
            o,
            "SOC 2 report to aim for: {}; categories: {}.",
            st.report,
            ev.scope.tsc_names().join(", ")
        );
        let _ = writeln!(o, "  {}\n", st.reason);
    }
    if !ev.scope.systems.is_empty() {
        let mut t = table(width);
        t.set_header(vec![
            "AI system",
            "EU AI Act tier",
            "Roles",
            "Duties",
            "In force now",
            "Next date",
        ]);
        for s in &ev.scope.systems {
            let in_force = s.obligations.iter().filter(|o| o.in_force).count();
            let next = s
                .obligations
                .iter()
                .filter(|o| !o.in_force)
                .filter_map(|o| o.date)
                .min()
                .map(|d| d.to_string())
                .unwrap_or_else(|| "—".into());
            t.add_row(vec![
                s.name.clone(),
                format!(
                    "{}{}",
                    s.tier.label(),
                    if s.provisional { " (provisional)" } else { "" }
                ),
                s.effective_roles
                    .iter()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", "),
                s.obligations.len().to_string(),
                in_force.to_string(),
                next,
            ]);
        }
        let _ = writeln!(o, "{t}\n");
    }

    let plan = &ev.plan;
    if plan.items.is_empty() {
        o.push_str("No remediation items yet: answer gap questions to find gaps.\n");
        return o;
    }
    let _ = writeln!(
        o,
        "Remediation plan: {} items, about {} person-days{}.",
        plan.items.len(),
        plan.total_effort_days,
        plan.finish
            .map(|d| format!(", rough finish {d}"))
            .unwrap_or_default()
    );
    let mut t = table(width);
    t.set_header(vec![
        "#", "Phase", "Item", "Priority", "Owner", "Effort", "Closes",
    ]);
    for (i, it) in plan.items.iter().enumerate() {
        let closes: Vec<String> = it
            .frameworks
            .iter()
            .map(|f| {
                let n = it.requirements.iter().filter(|r| &r.framework == f).count();
                format!("{} {}", short(cat, f), n)
            })
            .collect();
        t.add_row(vec![
            (i + 1).to_string(),
            it.phase.label().to_string(),
            format!(
                "{}{}{}",
                it.title,
                if it.overdue { " (overdue)" } else { "" },
                if super::done_to_verify(input.assessment, &it.id).is_some() {
                    " (done, to verify)"
                } else {
                    ""
                }
            ),
            it.priority.to_string(),
            it.owner.clone(),
            format!("{}d", it.effort_days),
            closes.join(", "),
        ]);
    }
    let _ = writeln!(o, "{t}");
    let now = plan.items.iter().filter(|i| i.phase == Phase::Now).count();
    if now > 0 {
        let _ = writeln!(
            o,
            "\nStart with the {now} item{} marked Now. `trustgap report FILE --format md` writes the full plan with steps, evidence and reasons.",
            if now == 1 { "" } else { "s" }
        );
    }
    o
}
