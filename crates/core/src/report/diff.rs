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
    let (readiness, readiness_changed) = readiness(old, new);
    let answers = answers(old, new);
    let gaps = gaps(old, new);
    let plan = plan_items(old, new);
    let tiers = tiers(old, new);
    let changed = readiness_changed
        || answers
            .iter()
            .chain(&gaps)
            .chain([&plan])
            .chain(&tiers)
            .any(|s| !s.rows.is_empty());
    // The answer and gap sections sit under level-2 headings.
    let mut sections = vec![readiness, heading("Answers")];
    sections.extend(answers);
    sections.push(heading("Gaps"));
    sections.extend(gaps);
    sections.push(plan);
    sections.extend(tiers);
    Diff { sections, changed }
}

/// A level-2 heading over the sections that follow.
fn heading(title: &str) -> Section {
    Section {
        title: title.into(),
        level: 2,
        columns: Vec::new(),
        rows: Vec::new(),
        empty: "",
    }
}

/// Readiness per framework in scope on either side, and whether any changed.
fn readiness(old: &Input<'_>, new: &Input<'_>) -> (Section, bool) {
    let mut changed = false;
    let mut rows = Vec::new();
    for f in &new.catalog.frameworks {
        let o = old.eval.analysis.framework(&f.id).filter(|x| x.in_scope);
        let n = new.eval.analysis.framework(&f.id).filter(|x| x.in_scope);
        let change = match (o, n) {
            (None, None) => continue,
            (None, Some(_)) => "now in scope".to_string(),
            (Some(_), None) => "no longer in scope".to_string(),
            (Some(o), Some(n)) => delta(o.readiness, n.readiness),
        };
        changed |= change != "no change" && change != "—";
        let shown = |x: Option<&crate::engine::FrameworkReadiness>| {
            x.map_or("out of scope".into(), |x| pct(x.readiness))
        };
        rows.push(vec![f.short.to_string(), shown(o), shown(n), change]);
    }
    let section = Section {
        title: "Readiness".into(),
        level: 2,
        columns: vec!["Framework", "Before", "After", "Change"],
        rows,
        empty: "No framework is in scope on either side.",
    };
    (section, changed)
}

/// Answers whose coverage changed: improved, regressed, newly answered, other.
fn answers(old: &Input<'_>, new: &Input<'_>) -> Vec<Section> {
    let qtext = |key: &str| -> String {
        let qid = key.rsplit('/').next().unwrap_or(key);
        new.questionnaire
            .question(qid)
            .or_else(|| old.questionnaire.question(qid))
            .map(|q| q.text.to_string())
            .unwrap_or_default()
    };
    let (o_questions, n_questions) = (&old.eval.analysis.questions, &new.eval.analysis.questions);
    let keys: BTreeSet<&String> = o_questions.keys().chain(n_questions.keys()).collect();
    let [mut improved, mut regressed, mut answered, mut other] = [(); 4].map(|_| Vec::new());
    for k in keys {
        let o = o_questions.get(k).copied();
        let n = n_questions.get(k).copied();
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
    [
        ("Answers that improved", improved),
        ("Answers that regressed", regressed),
        ("Newly answered", answered),
        ("Other answer changes", other),
    ]
    .into_iter()
    .map(|(title, rows)| Section {
        title: title.into(),
        level: 3,
        columns: vec!["Question", "Text", "Before", "After"],
        rows,
        empty: "None.",
    })
    .collect()
}

/// Requirements that became gaps, and gaps that were settled, in catalog order.
fn gaps(old: &Input<'_>, new: &Input<'_>) -> Vec<Section> {
    let cat = new.catalog;
    let status = |i: &Input<'_>| -> BTreeMap<(String, String), Coverage> {
        i.eval
            .analysis
            .requirements
            .iter()
            .map(|r| ((r.framework.to_string(), r.id.to_string()), r.coverage))
            .collect()
    };
    let (os, ns) = (status(old), status(new));
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
    let all: BTreeSet<&(String, String)> = os.keys().chain(ns.keys()).collect();
    let mut all: Vec<&(String, String)> = all.into_iter().collect();
    all.sort_by_key(|k| (order.get(*k).copied().unwrap_or(usize::MAX), (*k).clone()));
    // Settled: covered, not applicable, informational or out of scope.
    let settled = |c: Option<Coverage>| c.is_none_or(|c| !open(c) && c != Coverage::NotAssessed);
    let label = |c: Option<Coverage>| c.map(|c| c.label()).unwrap_or("out of scope").to_string();
    let mut opened = Vec::new();
    let mut closed = Vec::new();
    for k in all {
        let o = os.get(k).copied();
        let n = ns.get(k).copied();
        let (was, is) = (o.is_some_and(open), n.is_some_and(open));
        let title = cat
            .framework(&k.0)
            .and_then(|f| f.requirement(&k.1))
            .map(|r| r.title.to_string())
            .unwrap_or_default();
        let row = vec![
            format!("{} {}", short(cat, &k.0), k.1),
            title,
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
    [("Gaps opened", opened), ("Gaps closed", closed)]
        .into_iter()
        .map(|(title, rows)| Section {
            title: title.into(),
            level: 3,
            columns: vec!["Requirement", "Title", "Before", "After"],
            rows,
            empty: "None.",
        })
        .collect()
}

/// Plan items added, ticked, reopened, re-ranked or removed.
fn plan_items(old: &Input<'_>, new: &Input<'_>) -> Section {
    let o_items: BTreeMap<&str, &crate::engine::PlanItem> = old
        .eval
        .plan
        .items
        .iter()
        .map(|i| (i.id.as_str(), i))
        .collect();
    let mut rows = Vec::new();
    for it in &new.eval.plan.items {
        let row = |change: &str, detail: String| {
            vec![
                it.id.to_string(),
                it.title.to_string(),
                change.into(),
                detail,
            ]
        };
        let Some(o) = o_items.get(it.id.as_str()) else {
            rows.push(row(
                "added",
                format!("priority {}, {}", it.priority, it.phase.label()),
            ));
            continue;
        };
        let n_done = done_to_verify(new.assessment, &it.id).is_some();
        let o_done = done_to_verify(old.assessment, &it.id).is_some();
        if n_done && !o_done {
            rows.push(row("done, to verify", "ticked since".into()));
        } else if o_done && !n_done {
            rows.push(row("reopened", "unticked since".into()));
        } else if o.phase != it.phase || o.priority != it.priority {
            let detail = format!(
                "priority {} → {}, {} → {}",
                o.priority,
                it.priority,
                o.phase.label(),
                it.phase.label()
            );
            rows.push(row("re-ranked", detail));
        }
    }
    let n_ids: BTreeSet<&str> = new.eval.plan.items.iter().map(|i| i.id.as_str()).collect();
    for it in old
        .eval
        .plan
        .items
        .iter()
        .filter(|it| !n_ids.contains(it.id.as_str()))
    {
        rows.push(vec![
            it.id.to_string(),
            it.title.to_string(),
            "removed".into(),
            "no gap left behind it".into(),
        ]);
    }
    Section {
        title: "Plan items".into(),
        level: 2,
        columns: vec!["Item", "Title", "Change", "Detail"],
        rows,
        empty: "No item added, removed, ticked or re-ranked.",
    }
}

/// AI systems whose EU AI Act tier changed (none when neither side has a system).
fn tiers(old: &Input<'_>, new: &Input<'_>) -> Option<Section> {
    let tiers = |i: &Input<'_>| -> BTreeMap<String, (String, String)> {
        i.eval
            .scope
            .systems
            .iter()
            .map(|s| {
                let provisional = if s.provisional { " (provisional)" } else { "" };
                let tier = format!("{}{provisional}", s.tier.label());
                (s.id.clone(), (s.name.clone(), tier))
            })
            .collect()
    };
    let (ot, nt) = (tiers(old), tiers(new));
    if ot.is_empty() && nt.is_empty() {
        return None;
    }
    let mut rows = Vec::new();
    let ids: BTreeSet<&String> = ot.keys().chain(nt.keys()).collect();
    for id in ids {
        let (o, n) = (ot.get(id), nt.get(id));
        if o.map(|x| &x.1) == n.map(|x| &x.1) {
            continue;
        }
        let tier = |x: Option<&(String, String)>| x.map_or("not recorded".into(), |x| x.1.clone());
        let name = n.or(o).map(|x| x.0.clone()).unwrap_or_default();
        rows.push(vec![name, tier(o), tier(n)]);
    }
    Some(Section {
        title: "EU AI Act classification".into(),
        level: 2,
        columns: vec!["AI system", "Before", "After"],
        rows,
        empty: "No AI system changed tier.",
    })
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
