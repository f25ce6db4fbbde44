//! The markdown plan: reads well on a code host and diffs cleanly (stable
//! order, stable ids, no timestamps).

use std::fmt::Write as _;

use super::{Input, pct, short};
use crate::engine::{Coverage, Phase, PlanItem, SystemClass};

/// Escapes text a user typed so it cannot break a table, start a heading,
/// a list or a task, or inject HTML. Newlines become spaces.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

fn coverage_label(c: Coverage) -> &'static str {
    c.label()
}

/// Renders the plan.
pub fn render(input: &Input<'_>) -> String {
    let mut o = String::new();
    let cat = input.catalog;
    let a = input.assessment;
    let ev = input.eval;
    let qn = input.questionnaire;

    let _ = writeln!(o, "# {}: readiness plan", esc(&a.organisation));
    o.push('\n');
    let _ = writeln!(
        o,
        "Evaluated on {} with trustgap {} and questionnaire `{}` {}.",
        ev.today,
        env!("CARGO_PKG_VERSION"),
        qn.id,
        qn.version
    );
    if !a.assessor.is_empty() {
        let _ = writeln!(o, "Assessor: {}.", esc(&a.assessor));
    }
    if !a.participants.is_empty() {
        let names: Vec<String> = a.participants.iter().map(|p| esc(p)).collect();
        let _ = writeln!(o, "Participants: {}.", names.join(", "));
    }
    o.push('\n');
    o.push_str("Framework versions:\n\n");
    for f in &cat.frameworks {
        let _ = writeln!(
            o,
            "- {}: {} (content checked {})",
            f.short, f.version, f.last_checked
        );
    }
    o.push('\n');

    // Summary.
    o.push_str("## Summary\n\n");
    o.push_str(
        "| Framework | Scope | Readiness | Assessed | Covered | Partial | Gaps | Unknown |\n",
    );
    o.push_str("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for fr in &ev.analysis.frameworks {
        let fs = ev.scope.framework(&fr.id);
        let scope = match fs {
            Some(f) if f.in_scope && f.recommended => "recommended",
            Some(f) if f.in_scope => "in scope",
            _ => "out of scope",
        };
        if !fr.in_scope {
            let _ = writeln!(o, "| {} | {scope} | — | — | — | — | — | — |", fr.short);
            continue;
        }
        let c = &fr.counts;
        let _ = writeln!(
            o,
            "| {} | {scope} | {} | {:.0}% of {} | {} | {} | {} | {} |",
            fr.short,
            pct(fr.readiness),
            c.assessed_pct(),
            c.applicable,
            c.covered,
            c.partial,
            c.gap,
            c.unknown
        );
    }
    o.push('\n');
    o.push_str(
        "Readiness counts covered requirements as 1 and partial ones as ½ over every applicable requirement; \
         \"not assessed\" means nothing applicable has been answered yet, and a \"don't know\" counts as a gap to investigate.\n\n",
    );
    o.push_str("Why each framework is in scope:\n\n");
    for f in &ev.scope.frameworks {
        let _ = writeln!(o, "- **{}**: {}", f.short, esc(&f.reason));
    }
    o.push('\n');

    if let Some(t) = &ev.scope.soc2_type {
        o.push_str("### SOC 2 scope\n\n");
        let _ = writeln!(
            o,
            "Report to aim for first: **{}**. {}",
            t.report,
            esc(&t.reason)
        );
        o.push('\n');
        o.push_str("| Category | Included | Why |\n| --- | --- | --- |\n");
        for t in &ev.scope.tsc {
            let _ = writeln!(
                o,
                "| {} | {} | {} |",
                t.category,
                if t.in_scope { "yes" } else { "no" },
                esc(&t.reason)
            );
        }
        o.push('\n');
    }

    if !ev.scope.systems.is_empty() {
        o.push_str("### EU AI Act classification\n\n");
        for s in &ev.scope.systems {
            render_system(&mut o, cat, s, &ev.analysis, ev.today);
        }
    }

    // Plan.
    o.push_str("## Remediation plan\n\n");
    let plan = &ev.plan;
    if plan.items.is_empty() {
        o.push_str("No gaps behind any remediation: nothing to plan yet. Answer more questions to find gaps.\n\n");
    } else {
        let _ = writeln!(
            o,
            "{} items, about {} person-days of work{}. Items are ranked by severity, breadth (requirements and frameworks closed), legal urgency and effort; each says why.",
            plan.items.len(),
            plan.total_effort_days,
            plan.finish
                .map(|d| format!(
                    ", roughly finished by {d} if each owner works through their items in order"
                ))
                .unwrap_or_default()
        );
        o.push('\n');
        for phase in Phase::ALL {
            let items: Vec<&PlanItem> = plan.items.iter().filter(|i| i.phase == phase).collect();
            if items.is_empty() {
                continue;
            }
            let _ = writeln!(o, "### {}\n", phase.label());
            for it in items {
                render_item(&mut o, input, it);
            }
            o.push('\n');
        }
    }

    // Coverage.
    o.push_str("## Coverage by framework\n\n");
    for fr in ev.analysis.frameworks.iter().filter(|f| f.in_scope) {
        let _ = writeln!(o, "### {}\n", fr.short);
        let _ = writeln!(
            o,
            "Readiness {} over {} applicable requirements.\n",
            pct(fr.readiness),
            fr.counts.applicable
        );
        o.push_str("| Area | Readiness | Covered | Partial | Gaps | Unknown | Not assessed |\n");
        o.push_str("| --- | --- | --- | --- | --- | --- | --- |\n");
        for g in &fr.groups {
            let c = &g.counts;
            let _ = writeln!(
                o,
                "| {} {} | {} | {} | {} | {} | {} | {} |",
                g.id,
                esc(&g.title),
                pct(g.readiness),
                c.covered,
                c.partial,
                c.gap,
                c.unknown,
                c.not_assessed
            );
        }
        o.push('\n');
    }

    // Statement of Applicability.
    if let (Some(fw), true) = (cat.framework("iso42001"), ev.scope.in_scope("iso42001")) {
        o.push_str("## ISO/IEC 42001 Statement of Applicability\n\n");
        o.push_str("| Control | Title | Included | Justification | Status |\n| --- | --- | --- | --- | --- |\n");
        for r in fw.requirements.iter().filter(|r| r.soa) {
            let entry = a.soa.get(&r.id);
            let included = entry.is_none_or(|e| e.included);
            let just = entry
                .map(|e| esc(&e.justification))
                .filter(|j| !j.is_empty())
                .unwrap_or_else(|| {
                    if included {
                        "Default: included".to_string()
                    } else {
                        String::new()
                    }
                });
            let status = ev
                .analysis
                .requirement("iso42001", &r.id)
                .map(|s| coverage_label(s.coverage))
                .unwrap_or("—");
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} |",
                r.id,
                esc(&r.title),
                if included { "yes" } else { "no" },
                just,
                status
            );
        }
        o.push('\n');
    }

    // Open questions.
    let unknowns: Vec<(&String, &crate::engine::Coverage)> = ev
        .analysis
        .questions
        .iter()
        .filter(|(_, c)| **c == Coverage::Unknown)
        .collect();
    if !unknowns.is_empty() || !ev.scope.open.is_empty() {
        o.push_str("## Open questions\n\n");
        for q in &ev.scope.open {
            let text = qn.question(q).map(|x| x.text.as_str()).unwrap_or("");
            let _ = writeln!(o, "- `{q}` (scoping, unanswered): {}", esc(text));
        }
        for (key, _) in unknowns {
            let qid = key.rsplit('/').next().unwrap_or(key);
            let ans = match key.split_once('/') {
                Some((sid, _)) => a.systems.get(sid).and_then(|s| s.answers.get(qid)),
                None => a.answers.get(qid),
            };
            let who = ans
                .and_then(|x| x.owner.as_deref())
                .map(|w| format!(" — to find out: {}", esc(w)))
                .unwrap_or_default();
            let text = qn.question(qid).map(|x| x.text.as_str()).unwrap_or("");
            let _ = writeln!(o, "- `{key}` (don't know): {}{who}", esc(text));
        }
        o.push('\n');
    }
    while o.ends_with("\n\n") {
        o.pop();
    }
    o
}

fn render_system(
    o: &mut String,
    cat: &crate::catalog::Catalog,
    s: &SystemClass,
    analysis: &crate::engine::Analysis,
    today: jiff::civil::Date,
) {
    let _ = writeln!(
        o,
        "#### {}: {}{}\n",
        esc(&s.name),
        s.tier.label(),
        if s.provisional { " (provisional)" } else { "" }
    );
    let roles: Vec<&str> = s.effective_roles.iter().map(String::as_str).collect();
    let _ = writeln!(
        o,
        "Roles: {}.{}\n",
        if roles.is_empty() {
            "none recorded".to_string()
        } else {
            roles.join(", ")
        },
        if s.open.is_empty() {
            String::new()
        } else {
            format!(
                " Unanswered questions that can change this: {}.",
                s.open
                    .iter()
                    .map(|q| format!("`{q}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    );
    if !s.decisions.is_empty() {
        o.push_str("| Article | Decision |\n| --- | --- |\n");
        for d in &s.decisions {
            let _ = writeln!(o, "| {} | {} |", esc(&d.article), esc(&d.text));
        }
        o.push('\n');
    }
    if !s.obligations.is_empty() {
        o.push_str("| Obligation | Role | Applies from | In force | Status |\n| --- | --- | --- | --- | --- |\n");
        for ob in &s.obligations {
            let date = ob.date.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
            let note = if ob.date_note.is_some() {
                " (date uncertain)"
            } else {
                ""
            };
            let state = if ob.in_force {
                "**yes**".to_string()
            } else {
                match ob.date {
                    Some(d) => format!("in {} days", crate::engine::days_until(today, d)),
                    None => "—".into(),
                }
            };
            let status = analysis
                .requirement("euaiact", &ob.id)
                .map(|r| r.coverage.label())
                .unwrap_or("—");
            let _ = writeln!(
                o,
                "| {} {} | {} | {date}{note} | {state} | {status} |",
                esc(&ob.reference),
                esc(&ob.title),
                ob.role
            );
        }
        o.push('\n');
        if let Some(law) = cat.framework("euaiact") {
            let mut tiers: Vec<&str> = s
                .obligations
                .iter()
                .filter_map(|o| o.penalty.as_deref())
                .collect();
            tiers.sort_unstable();
            tiers.dedup();
            let lines: Vec<String> = law
                .penalties
                .iter()
                .filter(|p| tiers.contains(&p.id.as_str()))
                .map(|p| format!("- {}: {}", esc(&p.title), esc(&p.max)))
                .collect();
            if !lines.is_empty() {
                o.push_str("Maximum fines for these obligations:\n\n");
                for l in &lines {
                    o.push_str(l);
                    o.push('\n');
                }
                o.push('\n');
            }
        }
        for ob in s.obligations.iter().filter(|o| o.date_note.is_some()) {
            let _ = writeln!(
                o,
                "Note on {}: {}\n",
                esc(&ob.reference),
                esc(ob.date_note.as_deref().unwrap_or(""))
            );
        }
    }
}

fn render_item(o: &mut String, input: &Input<'_>, it: &PlanItem) {
    let cat = input.catalog;
    let _ = writeln!(o, "- [ ] **{}** (`{}`)", esc(&it.title), it.id);
    let _ = writeln!(
        o,
        "  - Priority {} · {} severity · owner: {}{} · effort: {} person-day{}{}{}",
        it.priority,
        it.severity.label(),
        esc(&it.owner),
        if it.owner_assigned {
            ""
        } else {
            " (suggested)"
        },
        it.effort_days,
        if it.effort_days == 1 { "" } else { "s" },
        it.due.map(|d| format!(" · due {d}")).unwrap_or_default(),
        if it.overdue { " · **overdue**" } else { "" }
    );
    let _ = writeln!(o, "  - Why this rank: {}.", esc(&it.why.join("; ")));
    let _ = writeln!(o, "  - Timeline: {} to {}.", it.start, it.finish);
    o.push_str("  - Steps:\n");
    for (i, s) in it.steps.iter().enumerate() {
        let _ = writeln!(o, "    {}. {}", i + 1, esc(s));
    }
    if !it.evidence.is_empty() {
        o.push_str("  - Evidence to collect:\n");
        for e in &it.evidence {
            let _ = writeln!(o, "    - {}", esc(e));
        }
    }
    o.push_str("  - Closes:\n");
    for fw in &it.frameworks {
        let ids: Vec<String> = it
            .requirements
            .iter()
            .filter(|r| &r.framework == fw)
            .map(|r| {
                let overdue = r.applies_from.is_some_and(|d| d <= input.eval.today);
                format!("{}{}", r.id, if overdue { " (in force)" } else { "" })
            })
            .collect();
        let _ = writeln!(o, "    - {}: {}", short(cat, fw), ids.join(", "));
    }
    let qs: Vec<String> = it
        .gaps
        .iter()
        .map(|(q, c)| format!("`{q}` ({})", c.label()))
        .collect();
    let _ = writeln!(o, "  - Answers behind it: {}", qs.join(", "));
}
