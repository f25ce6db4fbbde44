//! JSON: the whole scope, analysis and plan, with a schema version.

use serde::Serialize;

use super::Input;

/// Bump when a field is renamed or removed (adding fields does not bump it).
pub const SCHEMA_VERSION: u32 = 2;

#[derive(Serialize)]
struct Doc<'a> {
    schema_version: u32,
    trustgap_version: &'static str,
    evaluated_on: String,
    assessment: Header<'a>,
    frameworks: Vec<FrameworkInfo<'a>>,
    /// The filter this export was narrowed by (`null` for the whole plan).
    filter: Option<FilterOut<'a>>,
    scope: &'a crate::engine::Scope,
    analysis: &'a crate::engine::Analysis,
    plan: PlanOut<'a>,
}

#[derive(Serialize)]
struct FilterOut<'a> {
    frameworks: &'a [String],
    phases: Vec<&'static str>,
    owners: &'a [String],
    min_priority: Option<u32>,
}

#[derive(Serialize)]
struct PlanOut<'a> {
    items: Vec<ItemOut<'a>>,
    total_effort_days: u32,
    remaining_days: f64,
    finish: Option<jiff::civil::Date>,
    goals: &'a [crate::engine::TargetGoal],
    default_days_per_week: f64,
    owners: &'a [crate::engine::OwnerLoad],
    costs: &'a [crate::engine::CostLine],
    costs_unknown: &'a [crate::text::Text],
}

/// A plan item with its recorded progress.
#[derive(Serialize)]
struct ItemOut<'a> {
    #[serde(flatten)]
    item: &'a crate::engine::PlanItem,
    /// `open` or `done-to-verify`.
    state: crate::assessment::RemediationState,
    state_updated: Option<String>,
    state_by: Option<&'a str>,
}

#[derive(Serialize)]
struct Header<'a> {
    organisation: &'a str,
    assessor: &'a str,
    participants: &'a [String],
    created: Option<String>,
    updated: Option<String>,
    questionnaire: &'a str,
    questionnaire_version: &'a str,
}

#[derive(Serialize)]
struct FrameworkInfo<'a> {
    id: &'a str,
    name: &'a str,
    version: &'a str,
    last_checked: String,
}

/// Renders pretty-printed JSON with a trailing newline.
pub fn render(input: &Input<'_>) -> String {
    let a = input.assessment;
    let doc = Doc {
        schema_version: SCHEMA_VERSION,
        trustgap_version: env!("CARGO_PKG_VERSION"),
        evaluated_on: input.eval.today.to_string(),
        assessment: Header {
            organisation: &a.organisation,
            assessor: &a.assessor,
            participants: &a.participants,
            created: a.created.map(|d| d.to_string()),
            updated: a
                .updated()
                .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()),
            questionnaire: &input.questionnaire.id,
            questionnaire_version: &input.questionnaire.version,
        },
        frameworks: input
            .catalog
            .frameworks
            .iter()
            .map(|f| FrameworkInfo {
                id: &f.id,
                name: &f.name,
                version: &f.version,
                last_checked: f.last_checked.to_string(),
            })
            .collect(),
        filter: (!input.filter.is_empty()).then(|| FilterOut {
            frameworks: &input.filter.frameworks,
            phases: input.filter.phases.iter().map(|p| p.key()).collect(),
            owners: &input.filter.owners,
            min_priority: input.filter.min_priority,
        }),
        scope: &input.eval.scope,
        analysis: &input.eval.analysis,
        plan: PlanOut {
            items: input
                .eval
                .plan
                .items
                .iter()
                .map(|it| {
                    let done = input.done_to_verify(it);
                    ItemOut {
                        item: it,
                        state: super::item_state(a, &it.id),
                        state_updated: done
                            .and_then(|p| p.updated)
                            .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()),
                        state_by: done.and_then(|p| p.by.as_deref()),
                    }
                })
                .collect(),
            total_effort_days: input.eval.plan.total_effort_days,
            remaining_days: input.eval.plan.remaining_days,
            finish: input.eval.plan.finish,
            goals: &input.eval.plan.goals,
            default_days_per_week: input.eval.plan.days_per_week,
            owners: &input.eval.plan.owners,
            costs: &input.eval.plan.costs,
            costs_unknown: &input.eval.plan.costs_unknown,
        },
    };
    let mut s =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// A framework as `trustgap frameworks ID --format json` shows it: the
/// catalog entry without where each item was defined.
pub fn framework(fw: &crate::catalog::Framework) -> String {
    let out = FrameworkOut {
        id: &fw.id,
        name: &fw.name,
        short: &fw.short,
        version: &fw.version,
        publisher: &fw.publisher,
        source: &fw.source,
        url: fw.url.as_deref(),
        last_checked: fw.last_checked,
        kind: fw.kind,
        description: &fw.description,
        facts: &fw.facts,
        groups: fw.groups.iter().map(group).collect(),
        tags: &fw.tags,
        requirements: fw.requirements.iter().map(requirement).collect(),
        penalties: &fw.penalties,
        annex_iii: &fw.annex_iii,
        annex_i: &fw.annex_i,
        derogations: &fw.derogations,
        goals: fw.goals.iter().map(goal).collect(),
    };
    serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

#[derive(Serialize)]
struct GroupOut<'a> {
    id: &'a str,
    title: &'a str,
    description: &'a str,
    parent: Option<&'a str>,
}

/// A requirement: every field but its origin.
#[derive(Serialize)]
struct RequirementOut<'a> {
    id: &'a str,
    title: &'a str,
    summary: &'a str,
    group: &'a str,
    category: &'a Option<crate::text::Text>,
    reference: &'a Option<crate::text::Text>,
    points_of_focus: &'a [crate::text::Text],
    documented_information: &'a Option<crate::text::Text>,
    soa: bool,
    informational: &'a Option<crate::text::Text>,
    applies_to: &'a [crate::text::Text],
    triggers: &'a [crate::text::Text],
    applies_from: Option<jiff::civil::Date>,
    penalty: &'a Option<crate::text::Text>,
    date_note: &'a Option<crate::text::Text>,
    dates: &'a [crate::catalog::DateRule],
    /// A prohibition to confirm rather than work to do.
    check: bool,
}

#[derive(Serialize)]
struct FrameworkOut<'a> {
    id: &'a str,
    name: &'a str,
    short: &'a str,
    version: &'a str,
    publisher: &'a str,
    source: &'a str,
    url: Option<&'a str>,
    last_checked: jiff::civil::Date,
    kind: crate::catalog::FrameworkKind,
    description: &'a str,
    facts: &'a [crate::catalog::Fact],
    groups: Vec<GroupOut<'a>>,
    tags: &'a [crate::catalog::Tag],
    requirements: Vec<RequirementOut<'a>>,
    penalties: &'a [crate::catalog::Penalty],
    annex_iii: &'a [crate::catalog::AnnexIiiPoint],
    annex_i: &'a [crate::catalog::AnnexIEntry],
    derogations: &'a [crate::catalog::Derogation],
    goals: Vec<GoalOut<'a>>,
}

/// A goal without where it is defined.
#[derive(Serialize)]
struct GoalOut<'a> {
    id: &'a str,
    title: &'a str,
    date_question: Option<&'a str>,
    buffer_days: u32,
    observation_days: u32,
    blocker_steps: &'a [Vec<crate::text::Text>],
    milestones: Vec<MilestoneOut<'a>>,
    costs: &'a [crate::catalog::Cost],
}

#[derive(Serialize)]
struct MilestoneOut<'a> {
    id: &'a str,
    title: &'a str,
    why: &'a str,
    steps: &'a [crate::text::Text],
    evidence: &'a [crate::text::Text],
    days_before: u32,
    effort_days: u32,
    owner: &'a str,
    fixed: bool,
    duration_days: u32,
    first: bool,
}

fn goal(g: &crate::catalog::Goal) -> GoalOut<'_> {
    GoalOut {
        id: &g.id,
        title: &g.title,
        date_question: g.date_question.as_deref(),
        buffer_days: g.buffer_days,
        observation_days: g.observation_days,
        blocker_steps: &g.blocker_steps,
        milestones: g
            .milestones
            .iter()
            .map(|m| MilestoneOut {
                id: &m.id,
                title: &m.title,
                why: &m.why,
                steps: &m.steps,
                evidence: &m.evidence,
                days_before: m.days_before,
                effort_days: m.effort_days,
                owner: &m.owner,
                fixed: m.fixed,
                duration_days: m.duration_days,
                first: m.first,
            })
            .collect(),
        costs: &g.costs,
    }
}

fn group(g: &crate::catalog::Group) -> GroupOut<'_> {
    GroupOut {
        id: &g.id,
        title: &g.title,
        description: &g.description,
        parent: g.parent.as_deref(),
    }
}
fn requirement(r: &crate::catalog::Requirement) -> RequirementOut<'_> {
    RequirementOut {
        id: &r.id,
        title: &r.title,
        summary: &r.summary,
        group: &r.group,
        category: &r.category,
        reference: &r.reference,
        points_of_focus: &r.points_of_focus,
        documented_information: &r.documented_information,
        soa: r.soa,
        informational: &r.informational,
        applies_to: &r.applies_to,
        triggers: &r.triggers,
        applies_from: r.applies_from,
        penalty: &r.penalty,
        date_note: &r.date_note,
        dates: &r.dates,
        check: r.check,
    }
}
