//! CSV for spreadsheets and trackers: one row per remediation item (the
//! default), per requirement, or per answer.
//!
//! Written with the `csv` crate (RFC 4180 quoting, `\n` line ends, UTF-8, a
//! header row). Cells a user typed that begin with `=`, `+`, `-` or `@` get
//! a leading `'` so spreadsheets do not run them as formulas.

use std::collections::BTreeMap;

use super::{Input, answer_text, item_state, short};
use crate::catalog::SectionKind;

/// Which rows to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// One row per remediation item (tracker import).
    #[default]
    Items,
    /// One row per requirement with its coverage.
    Requirements,
    /// One row per answer.
    Answers,
}

/// Column names of the items view, in order.
pub const ITEM_COLUMNS: &[&str] = &[
    "id",
    "rank",
    "kind",
    "title",
    "priority",
    "score_factors",
    "severity",
    "phase",
    "goal",
    "blocker",
    "after",
    "effort_days",
    "remaining_days",
    "owner",
    "start",
    "finish",
    "due",
    "deadline",
    "deadline_kind",
    "at_risk",
    "late_days",
    "overdue",
    "frameworks",
    "also_helps",
    "requirements",
    "status",
    "category",
    "questions",
    "description",
];

/// Column names of the requirements view, in order.
pub const REQUIREMENT_COLUMNS: &[&str] = &[
    "framework",
    "requirement",
    "title",
    "group",
    "status",
    "reason",
    "questions",
    "remediations",
];

/// Column names of the answers view, in order.
pub const ANSWER_COLUMNS: &[&str] = &[
    "system",
    "question",
    "section",
    "text",
    "answer",
    "coverage",
    "note",
    "justification",
    "evidence",
    "owner",
    "target",
    "updated",
    "by",
];

/// Keeps a typed cell from running as a spreadsheet formula.
fn cell(s: &str) -> String {
    let s = s.replace("\r\n", "\n");
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s
    }
}

/// A CSV table with `header`, every cell kept from running as a formula.
pub fn table(rows: Vec<Vec<String>>, header: &[&str]) -> String {
    let rows = rows
        .into_iter()
        .map(|r| r.iter().map(|c| cell(c)).collect())
        .collect();
    write(rows, header)
}

fn write(rows: Vec<Vec<String>>, header: &[&str]) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to memory cannot fail; the results are checked anyway.
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(&r);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// Renders the chosen view.
pub fn render(input: &Input<'_>, view: View) -> String {
    match view {
        View::Items => items(input),
        View::Requirements => requirements(input),
        View::Answers => answers(input),
    }
}

fn items(input: &Input<'_>) -> String {
    let cat = input.catalog;
    let mut rows = Vec::new();
    for it in &input.eval.plan.items {
        let frameworks: Vec<&str> = it.frameworks.iter().map(|f| short(cat, f)).collect();
        let reqs: Vec<String> = it
            .requirements
            .iter()
            .map(|r| format!("{}:{}", r.framework, r.id))
            .collect();
        let questions: Vec<&str> = it.gaps.iter().map(|(q, _)| q.as_str()).collect();
        let mut desc = format!("Why this rank: {}.\n", it.why.join("; "));
        if let Some(r) = &it.at_risk {
            desc.push_str(&format!(
                "\nAt risk, {} days late. What would fix it: {}.\n",
                r.late_days,
                r.fixes.join("; ")
            ));
        }
        desc.push_str("\nSteps:\n");
        for (i, s) in it.steps.iter().enumerate() {
            desc.push_str(&format!("{}. {s}\n", i + 1));
        }
        if !it.evidence.is_empty() {
            desc.push_str("\nEvidence to collect:\n");
            for e in &it.evidence {
                desc.push_str(&format!("- {e}\n"));
            }
        }
        desc.push_str(&format!("\ntrustgap item {}", it.id));
        let factors: Vec<String> = it
            .factors
            .iter()
            .map(|f| format!("{} {}", f.factor, f.points))
            .collect();
        let also: Vec<&str> = it.also_helps.iter().map(|f| short(cat, f)).collect();
        let after: Vec<&str> = it.after.iter().map(|a| a.as_str()).collect();
        rows.push(vec![
            it.id.to_string(),
            it.rank.to_string(),
            kind(it.kind).to_string(),
            cell(&it.title),
            it.priority.to_string(),
            factors.join("; "),
            it.severity.label().to_string(),
            it.phase.key().to_string(),
            it.goal.as_deref().unwrap_or_default().to_string(),
            it.blocker.as_deref().unwrap_or_default().to_string(),
            after.join("; "),
            it.effort_days.to_string(),
            days(it.remaining_days),
            cell(&it.owner),
            it.start.to_string(),
            it.finish.to_string(),
            it.due.map(|d| d.to_string()).unwrap_or_default(),
            it.deadline
                .as_ref()
                .map(|d| d.date.to_string())
                .unwrap_or_default(),
            it.deadline
                .as_ref()
                .map(|d| d.kind)
                .unwrap_or_default()
                .to_string(),
            if it.at_risk.is_some() { "yes" } else { "no" }.to_string(),
            it.at_risk
                .as_ref()
                .map(|r| r.late_days.to_string())
                .unwrap_or_default(),
            if it.overdue { "yes" } else { "no" }.to_string(),
            frameworks.join("; "),
            also.join("; "),
            reqs.join("; "),
            item_state(input.assessment, &it.id).as_str().to_string(),
            it.category.to_string(),
            questions.join("; "),
            cell(&desc),
        ]);
    }
    write(rows, ITEM_COLUMNS)
}

fn kind(k: crate::engine::ItemKind) -> &'static str {
    match k {
        crate::engine::ItemKind::Remediation => "remediation",
        crate::engine::ItemKind::Milestone => "milestone",
    }
}

/// Person-days as a spreadsheet reads them: `2` or `2.5`.
pub fn days(d: f64) -> String {
    if d.fract() == 0.0 {
        format!("{d:.0}")
    } else {
        format!("{d:.1}")
    }
}

fn requirements(input: &Input<'_>) -> String {
    let cat = input.catalog;
    // Plan items closing each requirement.
    let mut closers: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
    for it in &input.eval.plan.items {
        for r in &it.requirements {
            closers
                .entry((r.framework.as_str(), r.id.as_str()))
                .or_default()
                .push(it.id.as_str());
        }
    }
    let mut rows = Vec::new();
    for r in &input.eval.analysis.requirements {
        let title = cat
            .framework(&r.framework)
            .and_then(|f| f.requirement(&r.id))
            .map(|x| x.title.clone())
            .unwrap_or_default();
        let rems = closers
            .get(&(r.framework.as_str(), r.id.as_str()))
            .map(|v| v.join("; "))
            .unwrap_or_default();
        rows.push(vec![
            r.framework.to_string(),
            r.id.to_string(),
            cell(&title),
            r.group.to_string(),
            r.coverage.label().to_string(),
            cell(r.reason.as_deref().unwrap_or("")),
            r.questions.join("; "),
            rems,
        ]);
    }
    write(rows, REQUIREMENT_COLUMNS)
}

fn answers(input: &Input<'_>) -> String {
    let a = input.assessment;
    let qn = input.questionnaire;
    let cov = &input.eval.analysis.questions;
    let mut rows = Vec::new();
    let mut row = |system: &str, id: &str, ans: &crate::assessment::Answer| {
        if !ans.is_answered() && ans.note.is_none() {
            return;
        }
        let q = qn.question(id);
        let key = if system.is_empty() {
            id.to_string()
        } else {
            format!("{system}/{id}")
        };
        rows.push(vec![
            system.to_string(),
            id.to_string(),
            q.map(|q| q.section.to_string()).unwrap_or_default(),
            cell(q.map(|q| q.text.as_str()).unwrap_or("")),
            cell(&answer_text(q, ans)),
            cov.get(&key)
                .map(|c| c.label().to_string())
                .unwrap_or_default(),
            cell(ans.note.as_deref().unwrap_or("")),
            cell(ans.justification.as_deref().unwrap_or("")),
            cell(&ans.evidence.join("; ")),
            cell(ans.owner.as_deref().unwrap_or("")),
            ans.target.map(|d| d.to_string()).unwrap_or_default(),
            ans.updated
                .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
                .unwrap_or_default(),
            cell(ans.by.as_deref().unwrap_or("")),
        ]);
    };
    // Questionnaire order, then answers it does not know (sorted).
    for q in &qn.questions {
        if qn.section_kind(q) == SectionKind::System {
            continue;
        }
        if let Some(ans) = a.answers.get(q.id.as_str()) {
            row("", &q.id, ans);
        }
    }
    for (id, ans) in &a.answers {
        if qn
            .question(id)
            .is_none_or(|q| qn.section_kind(q) == SectionKind::System)
        {
            row("", id, ans);
        }
    }
    for (sid, sys) in &a.systems {
        for q in &qn.questions {
            if let Some(ans) = sys.answers.get(q.id.as_str()) {
                row(sid, &q.id, ans);
            }
        }
        for (id, ans) in &sys.answers {
            if qn.question(id).is_none() {
                row(sid, id, ans);
            }
        }
    }
    write(rows, ANSWER_COLUMNS)
}
