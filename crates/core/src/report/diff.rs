//! What changed between two assessments (`trustgap diff OLD NEW`):
//! readiness per framework, answers that improved or regressed, gaps
//! opened and closed, plan items added, removed or ticked, and AI Act
//! classification changes. Both sides are evaluated on the same date.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};

use super::markdown::{code, esc, row};
use super::{Input, done_to_verify, pct, short};
use crate::engine::Coverage;

/// Output format of a diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Md,
    Table,
}

/// One section of the diff: a title, column names and rows of plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: String,
    pub level: usize,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
    /// Said when there are no rows.
    pub empty: &'static str,
}

/// The computed differences, before formatting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    pub sections: Vec<Section>,
    /// Whether anything differs.
    pub changed: bool,
}

/// How far an answer gets a requirement: `None` for states that are not
/// on the gap → covered scale (not assessed, not applicable).
fn level(c: Coverage) -> Option<u8> {
    match c {
        Coverage::Gap | Coverage::Unknown => Some(0),
        Coverage::Partial => Some(1),
        Coverage::Covered => Some(2),
        _ => None,
    }
}

fn open(c: Coverage) -> bool {
    matches!(c, Coverage::Gap | Coverage::Partial | Coverage::Unknown)
}

fn delta(old: Option<f64>, new: Option<f64>) -> String {
    match (old, new) {
        (Some(o), Some(n)) => {
            let d = n.round() - o.round();
            if d == 0.0 {
                "no change".into()
            } else {
                format!("{}{:.0} pts", if d > 0.0 { "+" } else { "−" }, d.abs())
            }
        }
        (None, Some(_)) => "now assessed".into(),
        (Some(_), None) => "no longer assessed".into(),
        (None, None) => "—".into(),
    }
}

/// Computes the differences between `old` and `new`.
pub fn compute(old: &Input<'_>, new: &Input<'_>) -> Diff {
    let cat = new.catalog;
    let mut sections = Vec::new();
    let mut changed = false;

    // Readiness per framework.
    let mut rows = Vec::new();
    for f in &cat.frameworks {
        let o = old.eval.analysis.framework(&f.id);
        let n = new.eval.analysis.framework(&f.id);
        let o_in = o.is_some_and(|x| x.in_scope);
        let n_in = n.is_some_and(|x| x.in_scope);
        if !o_in && !n_in {
            continue;
        }
        let o_r = o.filter(|x| x.in_scope).and_then(|x| x.readiness);
        let n_r = n.filter(|x| x.in_scope).and_then(|x| x.readiness);
        let change = match (o_in, n_in) {
            (false, true) => "now in scope".to_string(),
            (true, false) => "no longer in scope".to_string(),
            _ => delta(o_r, n_r),
        };
        if change != "no change" && change != "—" {
            changed = true;
        }
        rows.push(vec![
            f.short.to_string(),
            if o_in {
                pct(o_r)
            } else {
                "out of scope".into()
            },
            if n_in {
                pct(n_r)
            } else {
                "out of scope".into()
            },
            change,
        ]);
    }
    sections.push(Section {
        title: "Readiness".into(),
        level: 2,
        columns: vec!["Framework", "Before", "After", "Change"],
        rows,
        empty: "No framework is in scope on either side.",
    });

    // Answers.
    let qtext = |key: &str| -> String {
        let qid = key.rsplit('/').next().unwrap_or(key);
        new.questionnaire
            .question(qid)
            .or_else(|| old.questionnaire.question(qid))
            .map(|q| q.text.to_string())
            .unwrap_or_default()
    };
    let keys: BTreeSet<&String> = old
        .eval
        .analysis
        .questions
        .keys()
        .chain(new.eval.analysis.questions.keys())
        .collect();
    let mut improved = Vec::new();
    let mut regressed = Vec::new();
    let mut answered = Vec::new();
    let mut other = Vec::new();
    for k in keys {
        let o = old.eval.analysis.questions.get(k).copied();
        let n = new.eval.analysis.questions.get(k).copied();
        if o == n {
            continue;
        }
        let label = |c: Option<Coverage>| c.map(|c| c.label()).unwrap_or("not asked").to_string();
        let row = vec![k.clone(), qtext(k), label(o), label(n)];
        match (o.and_then(level), n.and_then(level)) {
            (Some(a), Some(b)) if b > a => improved.push(row),
            (Some(a), Some(b)) if b < a => regressed.push(row),
            (None, Some(_)) if matches!(o, None | Some(Coverage::NotAssessed)) => {
                answered.push(row)
            }
            _ => other.push(row),
        }
    }
    for (title, rows, empty) in [
        ("Answers that improved", improved, "None."),
        ("Answers that regressed", regressed, "None."),
        ("Newly answered", answered, "None."),
        ("Other answer changes", other, "None."),
    ] {
        changed |= !rows.is_empty();
        sections.push(Section {
            title: title.into(),
            level: 3,
            columns: vec!["Question", "Text", "Before", "After"],
            rows,
            empty,
        });
    }

    // Gaps opened and closed (requirement level).
    let status = |i: &Input<'_>| -> BTreeMap<(String, String), Coverage> {
        i.eval
            .analysis
            .requirements
            .iter()
            .map(|r| ((r.framework.to_string(), r.id.to_string()), r.coverage))
            .collect()
    };
    let (os, ns) = (status(old), status(new));
    let mut opened = Vec::new();
    let mut closed = Vec::new();
    let all: BTreeSet<&(String, String)> = os.keys().chain(ns.keys()).collect();
    // Catalog order.
    let order: BTreeMap<(String, String), usize> = cat
        .frameworks
        .iter()
        .flat_map(|f| {
            f.requirements
                .iter()
                .map(move |r| (f.id.to_string(), r.id.to_string()))
        })
        .enumerate()
        .map(|(i, k)| (k, i))
        .collect();
    let mut all: Vec<&(String, String)> = all.into_iter().collect();
    all.sort_by_key(|k| (order.get(*k).copied().unwrap_or(usize::MAX), (*k).clone()));
    for k in all {
        let o = os.get(k).copied();
        let n = ns.get(k).copied();
        let was = o.is_some_and(open);
        let is = n.is_some_and(open);
        // Settled: covered, not applicable, informational or out of scope.
        let settled =
            |c: Option<Coverage>| c.is_none_or(|c| !open(c) && c != Coverage::NotAssessed);
        let label =
            |c: Option<Coverage>| c.map(|c| c.label()).unwrap_or("out of scope").to_string();
        let title = cat
            .framework(&k.0)
            .and_then(|f| f.requirement(&k.1))
            .map(|r| r.title.clone())
            .unwrap_or_default();
        let row = vec![
            format!("{} {}", short(cat, &k.0), k.1),
            title.to_string(),
            label(o),
            label(n),
        ];
        // A gap found where there was none (or nothing known), or a gap
        // settled; a gap whose evidence is now incomplete is neither.
        if is && !was {
            opened.push(row);
        } else if was && settled(n) {
            closed.push(row);
        }
    }
    for (title, rows) in [("Gaps opened", opened), ("Gaps closed", closed)] {
        changed |= !rows.is_empty();
        sections.push(Section {
            title: title.into(),
            level: 3,
            columns: vec!["Requirement", "Title", "Before", "After"],
            rows,
            empty: "None.",
        });
    }

    // Plan items.
    let o_items: BTreeMap<&str, &crate::engine::PlanItem> = old
        .eval
        .plan
        .items
        .iter()
        .map(|i| (i.id.as_str(), i))
        .collect();
    let mut rows = Vec::new();
    for it in &new.eval.plan.items {
        let n_done = done_to_verify(new.assessment, &it.id).is_some();
        match o_items.get(it.id.as_str()) {
            None => rows.push(vec![
                it.id.to_string(),
                it.title.to_string(),
                "added".into(),
                format!("priority {}, {}", it.priority, it.phase.label()),
            ]),
            Some(o) => {
                let o_done = done_to_verify(old.assessment, &it.id).is_some();
                if n_done && !o_done {
                    rows.push(vec![
                        it.id.to_string(),
                        it.title.to_string(),
                        "done, to verify".into(),
                        "ticked since".into(),
                    ]);
                } else if o_done && !n_done {
                    rows.push(vec![
                        it.id.to_string(),
                        it.title.to_string(),
                        "reopened".into(),
                        "unticked since".into(),
                    ]);
                } else if o.phase != it.phase || o.priority != it.priority {
                    rows.push(vec![
                        it.id.to_string(),
                        it.title.to_string(),
                        "re-ranked".into(),
                        format!(
                            "priority {} → {}, {} → {}",
                            o.priority,
                            it.priority,
                            o.phase.label(),
                            it.phase.label()
                        ),
                    ]);
                }
            }
        }
    }
    let n_ids: BTreeSet<&str> = new.eval.plan.items.iter().map(|i| i.id.as_str()).collect();
    for it in &old.eval.plan.items {
        if !n_ids.contains(it.id.as_str()) {
            rows.push(vec![
                it.id.to_string(),
                it.title.to_string(),
                "removed".into(),
                "no gap left behind it".into(),
            ]);
        }
    }
    changed |= !rows.is_empty();
    sections.push(Section {
        title: "Plan items".into(),
        level: 2,
        columns: vec!["Item", "Title", "Change", "Detail"],
        rows,
        empty: "No item added, removed, ticked or re-ranked.",
    });

    // AI Act classification.
    let tiers = |i: &Input<'_>| -> BTreeMap<String, (String, String)> {
        i.eval
            .scope
            .systems
            .iter()
            .map(|s| {
                (
                    s.id.clone(),
                    (
                        s.name.clone(),
                        format!(
                            "{}{}",
                            s.tier.label(),
                            if s.provisional { " (provisional)" } else { "" }
                        ),
                    ),
                )
            })
            .collect()
    };
    let (ot, nt) = (tiers(old), tiers(new));
    let mut rows = Vec::new();
    let ids: BTreeSet<&String> = ot.keys().chain(nt.keys()).collect();
    for id in ids {
        let o = ot.get(id);
        let n = nt.get(id);
        if o.map(|x| &x.1) == n.map(|x| &x.1) {
            continue;
        }
        let name = n.or(o).map(|x| x.0.clone()).unwrap_or_default();
        rows.push(vec![
            name,
            o.map(|x| x.1.clone())
                .unwrap_or_else(|| "not recorded".into()),
            n.map(|x| x.1.clone())
                .unwrap_or_else(|| "not recorded".into()),
        ]);
    }
    if !ot.is_empty() || !nt.is_empty() {
        changed |= !rows.is_empty();
        sections.push(Section {
            title: "EU AI Act classification".into(),
            level: 2,
            columns: vec!["AI system", "Before", "After"],
            rows,
            empty: "No AI system changed tier.",
        });
    }

    // Group the answer and gap sections under level-2 headings.
    let mut out = Vec::new();
    for s in sections {
        if s.title == "Answers that improved" {
            out.push(Section {
                title: "Answers".into(),
                level: 2,
                columns: Vec::new(),
                rows: Vec::new(),
                empty: "",
            });
        }
        if s.title == "Gaps opened" {
            out.push(Section {
                title: "Gaps".into(),
                level: 2,
                columns: Vec::new(),
                rows: Vec::new(),
                empty: "",
            });
        }
        out.push(s);
    }
    Diff {
        sections: out,
        changed,
    }
}

/// Renders the differences between `old` and `new` (labelled with their
/// file names).
pub fn render(
    old: &Input<'_>,
    new: &Input<'_>,
    old_label: &str,
    new_label: &str,
    format: Format,
) -> String {
    let d = compute(old, new);
    match format {
        Format::Md => markdown(&d, new, old_label, new_label),
        Format::Table => table(&d, new, old_label, new_label),
    }
}

fn markdown(d: &Diff, new: &Input<'_>, old_label: &str, new_label: &str) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "# Changes from {} to {}\n",
        esc(old_label),
        esc(new_label)
    );
    let _ = writeln!(
        o,
        "Both evaluated on {} with trustgap {}.{}\n",
        new.eval.today,
        env!("CARGO_PKG_VERSION"),
        if d.changed { "" } else { " Nothing changed." }
    );
    for s in &d.sections {
        let _ = writeln!(o, "{} {}\n", "#".repeat(s.level), esc(&s.title));
        if s.columns.is_empty() {
            continue;
        }
        if s.rows.is_empty() {
            let _ = writeln!(o, "{}\n", s.empty);
            continue;
        }
        let _ = writeln!(o, "| {} |", s.columns.join(" | "));
        let _ = writeln!(
            o,
            "|{}",
            s.columns.iter().map(|_| " --- |").collect::<String>()
        );
        for r in &s.rows {
            let cells: Vec<String> = r
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    if i == 0 && matches!(s.columns[0], "Question" | "Item") {
                        code(c)
                    } else {
                        esc(c)
                    }
                })
                .collect();
            let _ = writeln!(o, "{}", row(&cells));
        }
        o.push('\n');
    }
    while o.ends_with("\n\n") {
        o.pop();
    }
    o
}

fn table(d: &Diff, new: &Input<'_>, old_label: &str, new_label: &str) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Changes from {old_label} to {new_label} (both evaluated on {}){}\n",
        new.eval.today,
        if d.changed { "" } else { ": nothing changed" }
    );
    for s in &d.sections {
        if s.columns.is_empty() {
            continue;
        }
        if s.rows.is_empty() {
            let _ = writeln!(o, "{}: {}\n", s.title, s.empty);
            continue;
        }
        let _ = writeln!(o, "{}:", s.title);
        let mut t = Table::new();
        t.load_style(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_header(s.columns.clone());
        for r in &s.rows {
            t.add_row(r.clone());
        }
        let _ = writeln!(o, "{t}\n");
    }
    while o.ends_with("\n\n") {
        o.pop();
    }
    o
}
