//! Writing the assessment file: the stable, merge-friendly layout for a new
//! file, and in-place updates (keeping hand edits) for an existing one.

use std::fmt::Write as _;

use toml::{Table, Value as Toml};
use toml_edit::{DocumentMut, Item};

use super::model::{Answer, Assessment, RemediationProgress, Session, System, Value};
use super::read::parse_clean;

// ------------------------------------------------------------------ writing

fn key(k: &str) -> String {
    if !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        k.to_string()
    } else {
        Toml::String(k.to_string()).to_string()
    }
}

fn s(v: &str) -> String {
    Toml::String(v.to_string()).to_string()
}

fn list(v: &[String]) -> String {
    if v.is_empty() {
        return "[]".into();
    }
    let items: Vec<String> = v.iter().map(|x| s(x)).collect();
    let one = format!("[{}]", items.join(", "));
    if one.len() <= 80 {
        one
    } else {
        format!("[\n    {},\n]", items.join(",\n    "))
    }
}

fn write_extra(out: &mut String, t: &Table) {
    for (k, v) in t {
        let _ = writeln!(out, "{} = {}", key(k), v);
    }
}

fn write_answer(out: &mut String, header: &str, a: &Answer) {
    let _ = writeln!(out, "[{header}]");
    if let Some(v) = &a.value {
        let text = match v {
            Value::Text(t) => s(t),
            Value::List(l) => list(l),
            Value::Number(n) => crate::assessment::number_text(*n),
            Value::Date(d) => d.to_string(),
        };
        let _ = writeln!(out, "value = {text}");
    }
    if let Some(st) = a.status {
        let _ = writeln!(out, "status = {}", s(st.as_str()));
    }
    if let Some(j) = &a.justification {
        let _ = writeln!(out, "justification = {}", s(j));
    }
    if let Some(n) = &a.note {
        let _ = writeln!(out, "note = {}", s(n));
    }
    if !a.evidence.is_empty() {
        let _ = writeln!(out, "evidence = {}", list(&a.evidence));
    }
    if let Some(o) = &a.owner {
        let _ = writeln!(out, "owner = {}", s(o));
    }
    if let Some(f) = &a.finder {
        let _ = writeln!(out, "finder = {}", s(f));
    }
    if let Some(t) = a.target {
        let _ = writeln!(out, "target = {t}");
    }
    if let Some(u) = a.updated {
        let _ = writeln!(out, "updated = {}", u.strftime("%Y-%m-%dT%H:%M:%SZ"));
    }
    if let Some(b) = &a.by {
        let _ = writeln!(out, "by = {}", s(b));
    }
    write_extra(out, &a.extra);
    out.push('\n');
}

/// Serialises an assessment in the stable, merge-friendly layout: the
/// header, then one table per entry, each kind in sorted order.
pub fn to_toml(a: &Assessment) -> String {
    let mut out = String::new();
    out.push_str(
        "# trustgap assessment: one table per answer, in sorted order, so that\n\
         # people answering different questions on different branches merge cleanly.\n\
         # Edit with `trustgap`, `trustgap ask` or by hand.\n\n",
    );
    write_header(&mut out, a);
    for (id, ans) in &a.answers {
        write_answer(&mut out, &format!("answers.{}", key(id)), ans);
    }
    for (id, sys) in &a.systems {
        write_system(&mut out, id, sys);
    }
    for (id, e) in &a.soa {
        let _ = writeln!(out, "[soa.{}]", key(id));
        let _ = writeln!(out, "included = {}", e.included);
        if !e.justification.is_empty() {
            let _ = writeln!(out, "justification = {}", s(&e.justification));
        }
        write_extra(&mut out, &e.extra);
        out.push('\n');
    }
    for (id, e) in &a.remediations {
        write_remediation(&mut out, id, e);
    }
    if !a.plan.is_empty() {
        write_plan(&mut out, &a.plan);
    }
    for (id, text) in &a.section_notes {
        let _ = writeln!(out, "[section_notes.{}]", key(id));
        let _ = writeln!(out, "text = {}", s(text));
        out.push('\n');
    }
    for (id, se) in &a.sessions {
        write_session(&mut out, id, se);
    }
    if !a.extra.is_empty() {
        // Unknown top-level content, kept as the TOML library writes it.
        let text = toml::to_string(&a.extra).unwrap_or_default();
        out.push_str(&text);
        if !text.ends_with('\n') {
            out.push('\n');
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// `[assessment]` and any unknown tables under it.
fn write_header(out: &mut String, a: &Assessment) {
    out.push_str("[assessment]\n");
    let _ = writeln!(out, "organisation = {}", s(&a.organisation));
    if !a.assessor.is_empty() {
        let _ = writeln!(out, "assessor = {}", s(&a.assessor));
    }
    if !a.participants.is_empty() {
        let _ = writeln!(out, "participants = {}", list(&a.participants));
    }
    if let Some(c) = a.created {
        let _ = writeln!(out, "created = {c}");
    }
    let _ = writeln!(out, "questionnaire = {}", s(&a.questionnaire));
    let _ = writeln!(
        out,
        "questionnaire_version = {}",
        s(&a.questionnaire_version)
    );
    let _ = writeln!(out, "trustgap_version = {}", s(&a.trustgap_version));
    let (tables, values): (Vec<_>, Vec<_>) = a.header_extra.iter().partition(|(_, v)| v.is_table());
    for (k, v) in values {
        let _ = writeln!(out, "{} = {}", key(k), v);
    }
    out.push('\n');
    for (k, v) in tables {
        if let Toml::Table(t) = v {
            let _ = writeln!(out, "[assessment.{}]", key(k));
            write_extra(out, t);
            out.push('\n');
        }
    }
}

/// `[systems.ID]` and the system's answers.
fn write_system(out: &mut String, id: &str, sys: &System) {
    let _ = writeln!(out, "[systems.{}]", key(id));
    let _ = writeln!(out, "name = {}", s(&sys.name));
    if !sys.description.is_empty() {
        let _ = writeln!(out, "description = {}", s(&sys.description));
    }
    write_extra(out, &sys.extra);
    out.push('\n');
    for (q, ans) in &sys.answers {
        let header = format!("systems.{}.answers.{}", key(id), key(q));
        write_answer(out, &header, ans);
    }
}

fn write_remediation(out: &mut String, id: &str, e: &RemediationProgress) {
    let _ = writeln!(out, "[remediations.{}]", key(id));
    let _ = writeln!(out, "state = {}", s(e.state.as_str()));
    if let Some(u) = e.updated {
        let _ = writeln!(out, "updated = {}", u.strftime("%Y-%m-%dT%H:%M:%SZ"));
    }
    if let Some(b) = &e.by {
        let _ = writeln!(out, "by = {}", s(b));
    }
    write_extra(out, &e.extra);
    out.push('\n');
}

fn write_plan(out: &mut String, p: &super::model::PlanSettings) {
    out.push_str("[plan]\n");
    if let Some(d) = p.days_per_week {
        let _ = writeln!(out, "days_per_week = {}", toml::Value::Float(d));
    }
    if let Some(b) = p.buffer_days {
        let _ = writeln!(out, "buffer_days = {b}");
    }
    if !p.capacity.is_empty() {
        let pairs: Vec<String> = p
            .capacity
            .iter()
            .map(|(k, v)| format!("{} = {}", key(k), toml::Value::Float(*v)))
            .collect();
        let _ = writeln!(out, "capacity = {{ {} }}", pairs.join(", "));
    }
    write_extra(out, &p.extra);
    out.push('\n');
}

fn write_session(out: &mut String, id: &str, se: &Session) {
    let _ = writeln!(out, "[sessions.{}]", key(id));
    if let Some(d) = se.date {
        let _ = writeln!(out, "date = {d}");
    }
    if !se.facilitator.is_empty() {
        let _ = writeln!(out, "facilitator = {}", s(&se.facilitator));
    }
    if !se.attendees.is_empty() {
        let _ = writeln!(out, "attendees = {}", list(&se.attendees));
    }
    if !se.sections.is_empty() {
        let _ = writeln!(out, "sections = {}", list(&se.sections));
    }
    if !se.summary.is_empty() {
        let _ = writeln!(out, "summary = {}", s(&se.summary));
    }
    write_extra(out, &se.extra);
    out.push('\n');
}

/// `old` (the file as it is on disk) changed to say what `fresh` (the
/// assessment in the layout of [`to_toml`]) says, touching only what
/// differs: a value that changed is replaced where it stands (keeping the
/// comments around it), keys and tables that are gone are removed, and new
/// ones are placed where [`to_toml`] would put them. When `old` is not a
/// TOML document, or the result would not read back as exactly `fresh`
/// says, the result is `fresh`: nothing is ever lost to a hand edit.
pub fn update_text(old: &str, fresh: &str) -> String {
    let (Ok(mut doc), Ok(new)) = (old.parse::<DocumentMut>(), fresh.parse::<DocumentMut>()) else {
        return fresh.to_string();
    };
    let before = table_order(doc.as_table());
    update_table(doc.as_table_mut(), new.as_table());
    let order = merged_order(before, table_order(new.as_table()));
    renumber_tables(doc.as_table_mut(), &mut Vec::new(), &order);
    let text = doc.to_string();
    let same = |t: &str| parse_clean("", t).is_ok_and(|a| to_toml(&a) == fresh);
    if same(&text) { text } else { fresh.to_string() }
}

/// Makes `old` hold what `fresh` holds, keeping whatever is already equal.
fn update_table(old: &mut toml_edit::Table, fresh: &toml_edit::Table) {
    let gone: Vec<String> = old
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| !fresh.contains_key(k))
        .collect();
    for k in gone {
        old.remove(&k);
    }
    let mut added = false;
    for (k, new) in fresh.iter() {
        match (old.get_mut(k), new) {
            (Some(Item::Table(o)), Item::Table(n)) => update_table(o, n),
            (Some(Item::Value(o)), Item::Value(n)) if same_value(o, n) => {}
            (Some(Item::Value(o)), Item::Value(n)) => {
                // The new value, with the spacing and trailing comment of the old.
                let decor = o.decor().clone();
                *o = n.clone();
                *o.decor_mut() = decor;
            }
            (Some(o), n) => *o = n.clone(),
            (None, n) => {
                old.insert(k, n.clone());
                added = true;
            }
        }
    }
    if added {
        // New keys go where `to_toml` puts them, not at the end.
        let rank = |k: &toml_edit::Key| fresh.iter().position(|(f, _)| f == k.get());
        old.sort_values_by(|k1, _, k2, _| rank(k1).cmp(&rank(k2)));
    }
}

/// Whether two values say the same, however they are written.
fn same_value(a: &toml_edit::Value, b: &toml_edit::Value) -> bool {
    use toml_edit::Value as V;
    match (a, b) {
        (V::String(x), V::String(y)) => x.value() == y.value(),
        (V::Integer(x), V::Integer(y)) => x.value() == y.value(),
        (V::Float(x), V::Float(y)) => x.value().to_bits() == y.value().to_bits(),
        (V::Boolean(x), V::Boolean(y)) => x.value() == y.value(),
        (V::Datetime(x), V::Datetime(y)) => x.value() == y.value(),
        (V::Array(x), V::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| same_value(p, q))
        }
        (V::InlineTable(x), V::InlineTable(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_value(v, w)))
        }
        _ => false,
    }
}

/// The tables with a `[header]`, by dotted path, in the order they are
/// written (as toml_edit orders them: by position, then as visited).
fn table_order(root: &toml_edit::Table) -> Vec<Vec<String>> {
    fn visit(
        t: &toml_edit::Table,
        path: &mut Vec<String>,
        last: &mut isize,
        out: &mut Vec<(isize, Vec<String>)>,
    ) {
        for (k, item) in t.iter() {
            if let Item::Table(sub) = item {
                path.push(k.to_string());
                *last = sub.position().unwrap_or(*last);
                if !sub.is_implicit() || !sub.is_empty() {
                    out.push((*last, path.clone()));
                }
                visit(sub, path, last, out);
                path.pop();
            }
        }
    }
    let mut out = Vec::new();
    visit(root, &mut Vec::new(), &mut 0, &mut out);
    out.sort_by_key(|(pos, _)| *pos);
    out.into_iter().map(|(_, p)| p).collect()
}

/// The order of the tables after an update: those that were there keep
/// their order; each new one follows the table that precedes it in
/// `fresh` (the canonical order).
fn merged_order(before: Vec<Vec<String>>, fresh: Vec<Vec<String>>) -> Vec<Vec<String>> {
    let mut order: Vec<Vec<String>> = before.into_iter().filter(|p| fresh.contains(p)).collect();
    for (i, path) in fresh.iter().enumerate() {
        if order.contains(path) {
            continue;
        }
        let at = fresh[..i]
            .iter()
            .rev()
            .find_map(|prev| order.iter().position(|p| p == prev))
            .map_or(0, |j| j + 1);
        order.insert(at, path.clone());
    }
    order
}

/// Gives every table its place in `order`.
fn renumber_tables(t: &mut toml_edit::Table, path: &mut Vec<String>, order: &[Vec<String>]) {
    for (k, item) in t.iter_mut() {
        if let Item::Table(sub) = item {
            path.push(k.to_string());
            if let Some(i) = order.iter().position(|p| p == path) {
                sub.set_position(Some(i as isize));
            }
            renumber_tables(sub, path, order);
            path.pop();
        }
    }
}
