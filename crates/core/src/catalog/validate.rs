//! Cross-reference checks over a loaded catalog.

use std::collections::{BTreeMap, BTreeSet};

use super::*;
use crate::condition::Op;

/// Roles an EU AI Act obligation can apply to.
pub const ROLES: &[&str] = &[
    "provider",
    "deployer",
    "importer",
    "distributor",
    "authorised-representative",
    "product-manufacturer",
    "gpai-provider",
];

/// Situations the classification emits (see docs/formats.md).
pub const TRIGGERS: &[&str] = &[
    "in-scope",
    "high-risk",
    "high-risk-annex-i",
    "high-risk-annex-iii",
    "annex-i-section-b",
    "annex-iii-derogation",
    "fria",
    "workplace",
    "public-authority",
    "non-eu-provider",
    "value-chain-provider",
    "value-chain-upstream",
    "interacts-with-people",
    "synthetic-content",
    "emotion-or-biometric",
    "deep-fake",
    "public-interest-text",
    "gpai",
    "gpai-open-source",
    "gpai-non-eu",
    "gpai-systemic",
    // Exceptions written into an article, from the follow-up questions.
    "biometric-dataset-labelling",
    "rbi-authorised-exception",
    "obvious-ai",
    "assistive-editing",
    "editorial-responsibility",
    "artistic-work",
    "law-enforcement-authorised",
    "high-risk-use-excluded",
];

/// SOC 2 categories as fact suffixes.
pub const TSC: &[&str] = &[
    "security",
    "availability",
    "confidentiality",
    "processing-integrity",
    "privacy",
];

/// Coverage holes of one framework.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holes {
    pub framework: String,
    pub total: usize,
    pub informational: usize,
    pub missing: Vec<String>,
}

/// Everything `trustgap validate` reports.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub problems: Vec<Problem>,
    pub holes: Vec<Holes>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }
    pub fn warnings(&self) -> usize {
        self.problems.len() - self.errors()
    }
}

/// Whether `name` (without `@`) is a fact the engine computes.
pub fn is_known_fact(cat: &Catalog, name: &str) -> bool {
    if cat.framework(name).is_some() {
        return true;
    }
    if let Some(t) = name.strip_prefix("tsc.") {
        return TSC.contains(&t);
    }
    if let Some(r) = name.strip_prefix("aiact.role.") {
        return ROLES.contains(&r);
    }
    if let Some(t) = name.strip_prefix("aiact.") {
        return TRIGGERS.contains(&t);
    }
    false
}

fn dupes<'a>(
    items: impl Iterator<Item = (&'a str, &'a Origin)>,
    what: &str,
    key: &str,
    out: &mut Vec<Problem>,
) {
    let mut seen: BTreeMap<&str, &Origin> = BTreeMap::new();
    for (id, origin) in items {
        if let Some(first) = seen.get(id) {
            out.push(Problem::error(
                origin,
                key,
                format!(
                    "duplicate {what} id `{id}` (first defined at {first}); ids must be unique"
                ),
            ));
        } else {
            seen.insert(id, origin);
        }
    }
}

/// Runs every check and returns load problems plus cross-reference problems,
/// sorted by file and position.
pub fn validate(cat: &Catalog) -> Report {
    let mut out = cat.problems.clone();
    for fw in &cat.frameworks {
        check_framework(fw, &mut out);
    }
    for qn in &cat.questionnaires {
        check_questionnaire(cat, qn, &mut out);
    }
    check_goals(cat, &mut out);
    if cat.questionnaires.is_empty() {
        out.push(Problem::error(
            &Origin::default(),
            "",
            "no questionnaire loaded; add questionnaires/<id>.toml",
        ));
    }
    out.sort_by(|a, b| (&a.file, a.at, &a.key).cmp(&(&b.file, b.at, &b.key)));
    out.dedup();
    let holes = coverage(cat);
    Report {
        problems: out,
        holes,
    }
}

fn check_framework(fw: &Framework, out: &mut Vec<Problem>) {
    let file_stem = std::path::Path::new(fw.origin.file.as_str())
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("");
    if file_stem != fw.id {
        out.push(Problem::warning(
            &fw.origin,
            "id",
            format!(
                "framework id `{}` differs from the file name `{file_stem}.toml`; name the file after the id",
                fw.id
            ),
        ));
    }
    dupes(
        fw.requirements.iter().map(|r| (r.id.as_str(), &r.origin)),
        "requirement",
        "requirements.id",
        out,
    );
    dupes(
        fw.groups.iter().map(|g| (g.id.as_str(), &g.origin)),
        "group",
        "groups.id",
        out,
    );
    for g in &fw.groups {
        if let Some(p) = &g.parent
            && fw.group(p).is_none()
        {
            out.push(Problem::error(
                &g.origin,
                format!("groups[{}].parent", g.id),
                format!("parent group `{p}` is not defined in this file"),
            ));
        }
    }
    let penalties: BTreeSet<&str> = fw.penalties.iter().map(|p| p.id.as_str()).collect();
    for r in &fw.requirements {
        check_requirement(fw, r, &penalties, out);
    }
}

/// One requirement: its group, summary, roles, triggers and penalty tier
/// exist, and a law's obligations say whom they bind, when and why.
fn check_requirement(
    fw: &Framework,
    r: &Requirement,
    penalties: &BTreeSet<&str>,
    out: &mut Vec<Problem>,
) {
    let key = |k: &str| format!("requirements[{}].{k}", r.id);
    if fw.group(&r.group).is_none() {
        out.push(Problem::error(
            &r.origin,
            key("group"),
            format!(
                "group `{}` is not defined; add it under [[groups]] or fix the id",
                r.group
            ),
        ));
    }
    if r.summary.trim().is_empty() {
        out.push(Problem::error(
            &r.origin,
            key("summary"),
            "summary is empty; say in your own words what the requirement asks",
        ));
    }
    for role in &r.applies_to {
        if !ROLES.contains(&role.as_str()) {
            out.push(Problem::error(
                &r.origin,
                key("applies_to"),
                format!("unknown role `{role}`; use one of {}", ROLES.join(", ")),
            ));
        }
    }
    let mut rule_triggers: Vec<&str> = r.triggers.iter().map(Text::as_str).collect();
    rule_triggers.extend(r.dates.iter().filter_map(|d| d.trigger.as_deref()));
    for t in rule_triggers {
        if !TRIGGERS.contains(&t) {
            out.push(Problem::error(
                &r.origin,
                key("triggers"),
                format!("unknown trigger `{t}`; see the trigger table in docs/formats.md"),
            ));
        }
    }
    check_scope_limits(fw, r, out);
    if let Some(p) = &r.penalty
        && !penalties.contains(p.as_str())
    {
        out.push(Problem::error(
            &r.origin,
            key("penalty"),
            format!("penalty `{p}` is not defined under [[penalties]]"),
        ));
    }
    if fw.kind == FrameworkKind::Law && r.informational.is_none() {
        if r.applies_to.is_empty() || r.triggers.is_empty() {
            out.push(Problem::error(
                &r.origin,
                key("applies_to"),
                "an obligation in a law file needs applies_to and triggers (or informational = \"reason\")",
            ));
        }
        if r.applies_from.is_none() {
            out.push(Problem::error(
                &r.origin,
                key("applies_from"),
                "an obligation in a law file needs applies_from (the date it applies)",
            ));
        }
    }
}

/// The limits an article puts on its own scope (`except_triggers`,
/// `except_annex_iii`) and a disputed date (`later_reading`): known values,
/// in a law file, and a later reading that is later and explained.
fn check_scope_limits(fw: &Framework, r: &Requirement, out: &mut Vec<Problem>) {
    let key = |k: &str| format!("requirements[{}].{k}", r.id);
    let law = fw.kind == FrameworkKind::Law;
    for (k, set) in [
        ("except_triggers", !r.except_triggers.is_empty()),
        ("except_annex_iii", !r.except_annex_iii.is_empty()),
        ("later_reading", r.later_reading.is_some()),
    ] {
        if set && !law {
            out.push(Problem::error(
                &r.origin,
                key(k),
                format!("`{k}` is only read in a law file (kind = \"law\"); remove it"),
            ));
        }
    }
    for t in &r.except_triggers {
        if !TRIGGERS.contains(&t.as_str()) {
            out.push(Problem::error(
                &r.origin,
                key("except_triggers"),
                format!("unknown trigger `{t}`; see the trigger table in docs/formats.md"),
            ));
        } else if r.triggers.contains(t) {
            out.push(Problem::error(
                &r.origin,
                key("except_triggers"),
                format!("`{t}` is both a trigger and an exception; keep it in one list"),
            ));
        }
    }
    for p in &r.except_annex_iii {
        if !fw.annex_iii.iter().any(|a| a.id == *p) {
            out.push(Problem::error(
                &r.origin,
                key("except_annex_iii"),
                format!("Annex III point `{p}` is not defined under [[annex_iii]] in this file"),
            ));
        }
    }
    if let Some(later) = r.later_reading {
        if r.applies_from.is_none_or(|d| d >= later) {
            out.push(Problem::error(
                &r.origin,
                key("later_reading"),
                "later_reading must come after applies_from (which holds the earlier reading)",
            ));
        }
        if r.date_note.as_ref().is_none_or(|n| n.trim().is_empty()) {
            out.push(Problem::error(
                &r.origin,
                key("later_reading"),
                "a disputed date needs date_note saying why sources differ and which reading the plan uses",
            ));
        }
    }
}

fn check_questionnaire(cat: &Catalog, qn: &Questionnaire, out: &mut Vec<Problem>) {
    dupes(
        qn.sections.iter().map(|s| (s.id.as_str(), &s.origin)),
        "section",
        "sections.id",
        out,
    );
    dupes(
        qn.questions.iter().map(|q| (q.id.as_str(), &q.origin)),
        "question",
        "questions.id",
        out,
    );
    dupes(
        qn.remediations.iter().map(|r| (r.id.as_str(), &r.origin)),
        "remediation",
        "remediations.id",
        out,
    );
    let mut used_remediations = BTreeSet::new();
    for q in &qn.questions {
        check_question(cat, qn, q, &mut used_remediations, out);
    }
    for s in &qn.sections {
        if let Some(e) = &s.when {
            let key = format!("sections[{}].when", s.id);
            check_condition(cat, qn, s.kind, e, &s.origin, &key, out);
        }
    }
    check_remediations(qn, &used_remediations, out);
    check_work_counted_once(qn, out);
    check_plan_order(cat, qn, out);
}

/// Each remediation closes one question, and no step is written into two
/// remediations: otherwise a company that did half the work is handed all
/// of it, and the plan counts the same work twice.
fn check_work_counted_once(qn: &Questionnaire, out: &mut Vec<Problem>) {
    let mut first: BTreeMap<&str, &Question> = BTreeMap::new();
    for q in &qn.questions {
        let Some(id) = q.remediation.as_deref() else {
            continue;
        };
        match first.get(id) {
            None => {
                first.insert(id, q);
            }
            Some(other) => out.push(Problem::warning(
                &q.origin,
                format!("questions[{}].remediation", q.id),
                format!(
                    "remediation `{id}` already closes `{}`; give each question a remediation of its own with just the work that closes it",
                    other.id
                ),
            )),
        }
    }
    let mut steps: BTreeMap<String, &str> = BTreeMap::new();
    for r in &qn.remediations {
        for step in &r.steps {
            let plain = step.trim().trim_end_matches('.').to_lowercase();
            match steps.get(&plain) {
                Some(other) if *other != r.id.as_str() => out.push(Problem::warning(
                    &r.origin,
                    format!("remediations[{}].steps", r.id),
                    format!(
                        "the step \"{}\" is also a step of `{other}`; keep it in one remediation so its work is counted once",
                        step.trim()
                    ),
                )),
                _ => {
                    steps.insert(plain, r.id.as_str());
                }
            }
        }
    }
}

/// Prerequisites name defined remediations and form no loop; `blocks`
/// names frameworks.
fn check_plan_order(cat: &Catalog, qn: &Questionnaire, out: &mut Vec<Problem>) {
    for r in &qn.remediations {
        for (i, after) in r.after.iter().enumerate() {
            let origin = &Origin {
                file: r.origin.file.clone(),
                at: r.after_at.get(i).copied().unwrap_or(r.origin.at),
            };
            let key = format!("remediations[{}].after", r.id);
            if *after == r.id {
                out.push(Problem::error(
                    origin,
                    key,
                    "a remediation cannot come after itself; remove it from `after`",
                ));
            } else if qn.remediation(after).is_none() {
                out.push(Problem::error(
                    origin,
                    key,
                    format!("remediation `{after}` is not defined under [[remediations]]"),
                ));
            }
        }
        for f in r
            .step_frameworks
            .iter()
            .chain(&r.evidence_frameworks)
            .flatten()
        {
            if cat.framework(f).is_none() {
                out.push(Problem::error(
                    &r.origin,
                    format!("remediations[{}]", r.id),
                    format!("a step or evidence line names `{f}`, which is not a framework id"),
                ));
            }
        }
        for f in &r.blocks {
            if cat.framework(f).is_none() {
                out.push(Problem::error(
                    &r.origin,
                    format!("remediations[{}].blocks", r.id),
                    format!("`{f}` is not a framework id; use one of the ids `trustgap frameworks` lists"),
                ));
            }
        }
    }
    for cycle in prerequisite_cycles(qn) {
        let Some(r) = qn.remediation(cycle[0]) else {
            continue;
        };
        let at = &Origin {
            file: r.origin.file.clone(),
            at: r.after_at.first().copied().unwrap_or(r.origin.at),
        };
        out.push(Problem::error(
            at,
            format!("remediations[{}].after", r.id),
            format!(
                "prerequisites form a loop: {}; remove one of these `after` entries",
                cycle.join(" → ")
            ),
        ));
    }
}

/// Every loop in the `after` graph, each once, as the ids along it (the
/// first id repeated at the end), starting from its smallest id.
pub fn prerequisite_cycles(qn: &Questionnaire) -> Vec<Vec<&str>> {
    // Depth-first search with colours: 1 = on the current path, 2 = done.
    fn visit<'a>(
        qn: &'a Questionnaire,
        id: &'a str,
        colour: &mut BTreeMap<&'a str, u8>,
        path: &mut Vec<&'a str>,
        found: &mut BTreeSet<Vec<&'a str>>,
    ) {
        colour.insert(id, 1);
        path.push(id);
        let next = qn
            .remediation(id)
            .map(|r| r.after.as_slice())
            .unwrap_or_default();
        for n in next {
            let n = n.as_str();
            if qn.remediation(n).is_none() || n == id {
                continue;
            }
            match colour.get(n) {
                Some(1) => {
                    let start = path.iter().position(|p| *p == n).unwrap_or(0);
                    let mut cycle: Vec<&str> = path[start..].to_vec();
                    let min = (0..cycle.len()).min_by_key(|i| cycle[*i]).unwrap_or(0);
                    cycle.rotate_left(min);
                    cycle.push(cycle[0]);
                    found.insert(cycle);
                }
                Some(_) => {}
                None => visit(qn, n, colour, path, found),
            }
        }
        path.pop();
        colour.insert(id, 2);
    }
    let mut colour = BTreeMap::new();
    let mut found = BTreeSet::new();
    for r in &qn.remediations {
        if !colour.contains_key(r.id.as_str()) {
            visit(qn, &r.id, &mut colour, &mut Vec::new(), &mut found);
        }
    }
    found.into_iter().collect()
}

/// Each goal is a `target.goals` option, its date question exists, its
/// blocker order names categories, and its milestones and costs make sense.
fn check_goals(cat: &Catalog, out: &mut Vec<Problem>) {
    let options: BTreeSet<&str> = cat
        .questionnaires
        .iter()
        .filter_map(|qn| qn.question("target.goals"))
        .flat_map(|q| q.options.iter().map(|o| o.id.as_str()))
        .collect();
    for fw in &cat.frameworks {
        dupes(
            fw.goals.iter().map(|g| (g.id.as_str(), &g.origin)),
            "goal",
            "goals.id",
            out,
        );
        for g in &fw.goals {
            let key = |k: &str| format!("goals[{}].{k}", g.id);
            if !options.is_empty() && !options.contains(g.id.as_str()) {
                out.push(Problem::error(
                    &g.origin,
                    key("id"),
                    format!(
                        "`{}` is not an option of `target.goals`; use one of {}",
                        g.id,
                        options.iter().copied().collect::<Vec<_>>().join(", ")
                    ),
                ));
            }
            if let Some(q) = &g.date_question
                && !cat.questionnaires.iter().any(|qn| qn.question(q).is_some())
            {
                out.push(Problem::error(
                    &g.origin,
                    key("date_question"),
                    format!("question `{q}` is not defined in any questionnaire"),
                ));
            }
            if g.blocker_steps.len() > MAX_BLOCKER_STEPS {
                out.push(Problem::error(
                    &g.origin,
                    key("blocker_steps"),
                    format!(
                        "{} steps; the plan's score has room for at most {MAX_BLOCKER_STEPS}: put categories that go together in one step",
                        g.blocker_steps.len()
                    ),
                ));
            }
            for c in g.blocker_steps.iter().flatten() {
                if !CATEGORIES.contains(&c.as_str()) {
                    out.push(Problem::error(
                        &g.origin,
                        key("blocker_steps"),
                        format!(
                            "unknown category `{c}`; use one of {}",
                            CATEGORIES.join(", ")
                        ),
                    ));
                }
            }
            check_milestones(g, out);
            for c in &g.costs {
                if c.low > c.high || c.source.trim().is_empty() {
                    out.push(Problem::error(
                        &g.origin,
                        key("costs"),
                        format!(
                            "cost `{}` needs low <= high and a source saying where the range comes from",
                            c.item
                        ),
                    ));
                }
            }
        }
    }
}

fn check_milestones(g: &Goal, out: &mut Vec<Problem>) {
    dupes(
        g.milestones.iter().map(|m| (m.id.as_str(), &m.origin)),
        "milestone",
        "goals.milestones.id",
        out,
    );
    for m in &g.milestones {
        let key = format!("goals[{}].milestones[{}]", g.id, m.id);
        if m.fixed && m.duration_days == 0 {
            out.push(Problem::error(
                &m.origin,
                format!("{key}.duration_days"),
                "a fixed event needs duration_days of at least 1",
            ));
        }
        if !m.fixed && m.effort_days == 0 {
            out.push(Problem::error(
                &m.origin,
                format!("{key}.effort_days"),
                "a milestone that is work needs effort_days of at least 1 (or fixed = true for an event)",
            ));
        }
    }
}

/// Each remediation has a known category, steps and effort, and is used.
fn check_remediations(qn: &Questionnaire, used: &BTreeSet<&str>, out: &mut Vec<Problem>) {
    for r in &qn.remediations {
        if !CATEGORIES.contains(&r.category.as_str()) {
            out.push(Problem::error(
                &r.origin,
                format!("remediations[{}].category", r.id),
                format!(
                    "unknown category `{}`; use one of {}",
                    r.category,
                    CATEGORIES.join(", ")
                ),
            ));
        }
        if r.steps.is_empty() {
            out.push(Problem::error(
                &r.origin,
                format!("remediations[{}].steps", r.id),
                "a remediation needs concrete steps",
            ));
        }
        if r.effort_days == 0 {
            out.push(Problem::error(
                &r.origin,
                format!("remediations[{}].effort_days", r.id),
                "effort_days must be at least 1",
            ));
        }
        if !used.contains(r.id.as_str()) {
            out.push(Problem::warning(
                &r.origin,
                format!("remediations[{}]", r.id),
                "no question uses this remediation",
            ));
        }
    }
}

/// One question: its section, options, mappings, remediation, tags and
/// condition resolve.
fn check_question<'a>(
    cat: &Catalog,
    qn: &Questionnaire,
    q: &'a Question,
    used_remediations: &mut BTreeSet<&'a str>,
    out: &mut Vec<Problem>,
) {
    let key = |k: &str| format!("questions[{}].{k}", q.id);
    let Some(section) = qn.section(&q.section) else {
        out.push(Problem::error(
            &q.origin,
            key("section"),
            format!(
                "section `{}` is not defined; add it under [[sections]] or fix the id",
                q.section
            ),
        ));
        return;
    };
    check_options(cat, q, out);
    check_maps(cat, q, out);
    check_remediation_ref(qn, q, section.kind, used_remediations, out);
    for t in &q.tags {
        if cat.tag(t).is_none() {
            out.push(Problem::error(
                &q.origin,
                key("tags"),
                format!("tag `{t}` is not defined by any framework's [[tags]]"),
            ));
        }
    }
    if let Some(e) = &q.when {
        check_condition(cat, qn, section.kind, e, &q.origin, &key("when"), out);
    }
}

/// A question's options: `options_from` resolves, a choice question has
/// options, and `pass`/`partial` name them.
fn check_options(cat: &Catalog, q: &Question, out: &mut Vec<Problem>) {
    let key = |k: &str| format!("questions[{}].{k}", q.id);
    if let Some(spec) = &q.options_from
        && cat.options_from(spec).is_none()
    {
        out.push(Problem::error(
                &q.origin,
                key("options_from"),
                format!(
                    "`{spec}` does not resolve; use FRAMEWORK:annex_iii, FRAMEWORK:annex_i or FRAMEWORK:derogations of a loaded law file"
                ),
            ));
    }
    if matches!(q.kind, AnswerKind::Single | AnswerKind::Multi) && q.options.is_empty() {
        out.push(Problem::error(
            &q.origin,
            key("options"),
            format!(
                "a {} question needs options (or options_from)",
                q.kind.label()
            ),
        ));
    }
    for v in q.pass.iter().chain(&q.partial) {
        if q.option(v).is_none() {
            out.push(Problem::error(
                &q.origin,
                key("pass"),
                format!("`{v}` is not one of this question's options"),
            ));
        }
    }
}

/// Every requirement a question maps to exists, once, with its reason.
fn check_maps(cat: &Catalog, q: &Question, out: &mut Vec<Problem>) {
    let key = |k: &str| format!("questions[{}].{k}", q.id);
    for (i, r) in q.maps.iter().enumerate() {
        let o = &q.map_origin(i);
        if q.maps[..i].contains(r) {
            out.push(Problem::error(
                o,
                key("maps"),
                format!("`{r}` is listed twice; keep one entry"),
            ));
        }
        if q.map_reason(i).why.trim().is_empty() {
            out.push(Problem::error(
                o,
                key("maps"),
                format!(
                    "`{r}` has no reason; write {{ to = \"{r}\", why = \"what in this answer's evidence the auditor examines for it\" }} (see docs/mapping-method.md)"
                ),
            ));
        }
        match cat.framework(&r.framework) {
            None => out.push(Problem::error(
                o,
                key("maps"),
                format!(
                    "`{r}` names framework `{}`, which is not loaded",
                    r.framework
                ),
            )),
            Some(fw) => {
                if fw.requirement(&r.id).is_none() {
                    out.push(Problem::error(
                        o,
                        key("maps"),
                        format!(
                            "`{r}` does not resolve: {} has no requirement `{}`",
                            fw.short, r.id
                        ),
                    ));
                }
            }
        }
    }
}

/// A gap question maps somewhere and has a remediation; any remediation
/// named exists (and is noted as used).
fn check_remediation_ref<'a>(
    qn: &Questionnaire,
    q: &'a Question,
    kind: SectionKind,
    used_remediations: &mut BTreeSet<&'a str>,
    out: &mut Vec<Problem>,
) {
    let key = |k: &str| format!("questions[{}].{k}", q.id);
    if kind == SectionKind::Gap {
        if q.risk.trim().is_empty() {
            out.push(Problem::warning(
                &q.origin,
                key("risk"),
                "a gap question should say in one sentence the risk a gap here leaves open (`risk = \"…\"`); the document pack's risk register falls back to the first sentence of `why`",
            ));
        }
        if q.maps.is_empty() {
            out.push(Problem::error(
                &q.origin,
                key("maps"),
                "this gap question maps to no requirement; list the requirements it evidences as FRAMEWORK:ID",
            ));
        }
        match &q.remediation {
            None => out.push(Problem::error(
                &q.origin,
                key("remediation"),
                "a gap question needs a remediation id",
            )),
            Some(id) => {
                used_remediations.insert(id.as_str());
                if qn.remediation(id).is_none() {
                    out.push(Problem::error(
                        &q.origin,
                        key("remediation"),
                        format!("remediation `{id}` is not defined under [[remediations]]"),
                    ));
                }
            }
        }
    } else if let Some(id) = &q.remediation {
        used_remediations.insert(id.as_str());
        if qn.remediation(id).is_none() {
            out.push(Problem::error(
                &q.origin,
                key("remediation"),
                format!("remediation `{id}` is not defined under [[remediations]]"),
            ));
        }
    }
}

fn check_condition(
    cat: &Catalog,
    qn: &Questionnaire,
    kind: SectionKind,
    e: &crate::condition::Expr,
    origin: &Origin,
    key: &str,
    out: &mut Vec<Problem>,
) {
    for (name, cmp) in e.terms() {
        if let Some(fact) = name.strip_prefix('@') {
            if kind != SectionKind::Gap {
                out.push(Problem::error(
                    origin,
                    key,
                    format!(
                        "`{name}` is a fact; scoping and system questions may only use answers"
                    ),
                ));
            } else if !is_known_fact(cat, fact) {
                out.push(Problem::error(
                    origin,
                    key,
                    format!(
                        "unknown fact `{name}`; facts are @FRAMEWORK, @tsc.CATEGORY, @aiact.TRIGGER or @aiact.role.ROLE"
                    ),
                ));
            }
            continue;
        }
        let Some(target) = qn.question(name) else {
            out.push(Problem::error(
                origin,
                key,
                format!("condition refers to unknown question `{name}`"),
            ));
            continue;
        };
        let target_kind = qn.section_kind(target);
        if target_kind == SectionKind::System && kind != SectionKind::System {
            out.push(Problem::error(
                origin,
                key,
                format!("`{name}` is asked per AI system; only system questions can refer to it"),
            ));
        }
        if let Some((op, value)) = cmp {
            check_comparison(target, name, op, value, origin, key, out);
        }
    }
}

/// A comparison in a condition fits the question it tests: the value is one
/// of its options, `has` tests a multiple choice, an order tests a number.
fn check_comparison(
    target: &Question,
    name: &str,
    op: Op,
    value: &str,
    origin: &Origin,
    key: &str,
    out: &mut Vec<Problem>,
) {
    if target.kind.has_options() && target.option(value).is_none() {
        out.push(Problem::error(
            origin,
            key,
            format!(
                "`{value}` is not an option of `{name}` (options: {})",
                target
                    .options
                    .iter()
                    .map(|o| o.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    if op == Op::Has && target.kind != AnswerKind::Multi {
        out.push(Problem::error(
            origin,
            key,
            format!(
                "`has` needs a multiple-choice question; `{name}` is {}",
                target.kind.label()
            ),
        ));
    }
    if matches!(op, Op::Gt | Op::Ge | Op::Lt | Op::Le) && target.kind != AnswerKind::Number {
        out.push(Problem::error(
            origin,
            key,
            format!(
                "`{op}` needs a number question; `{name}` is {}",
                target.kind.label()
            ),
        ));
    }
}

/// Requirements that no question of any questionnaire reaches.
pub fn coverage(cat: &Catalog) -> Vec<Holes> {
    let reached: BTreeSet<ReqRef> = cat
        .questionnaires
        .iter()
        .flat_map(|q| q.questions.iter())
        .flat_map(|q| q.maps.iter().cloned())
        .collect();
    cat.frameworks
        .iter()
        .map(|fw| {
            let mut missing = Vec::new();
            let mut informational = 0;
            for r in &fw.requirements {
                if r.informational.is_some() {
                    informational += 1;
                    continue;
                }
                let rr = ReqRef {
                    framework: fw.id.clone(),
                    id: r.id.clone(),
                };
                if !reached.contains(&rr) {
                    missing.push(r.id.to_string());
                }
            }
            Holes {
                framework: fw.id.to_string(),
                total: fw.requirements.len(),
                informational,
                missing,
            }
        })
        .collect()
}
