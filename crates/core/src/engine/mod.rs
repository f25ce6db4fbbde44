//! The engine: pure functions from (catalog, assessment, today) to scope,
//! analysis and plan. No I/O, no clock, no terminal.

mod analyze;
mod classify;
mod plan;
mod rules;
mod scope;
mod shared;

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::assessment::{Answer, Assessment};
use crate::catalog::{Catalog, Questionnaire, Section};
use shared::{Answers, Refs, days_between};

pub use analyze::{Analysis, Coverage, FrameworkReadiness, GroupReadiness, RequirementStatus};
pub use classify::{Check, CheckState, Decision, Obligation, SystemClass, Tier};
pub use plan::{
    AtRisk, CostLine, DEFAULT_DAYS_PER_WEEK, Deadline, Factor, ItemKind, OwnerLoad, Phase, Plan,
    PlanItem, ReqClosed,
};
pub use scope::{FrameworkScope, Scope, Soc2Type, TargetGoal, TscScope};

/// Everything the engine concludes about one assessment.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub today: Date,
    pub scope: Scope,
    pub analysis: Analysis,
    pub plan: Plan,
}

/// Runs scope → analyze → plan.
pub fn evaluate(cat: &Catalog, qn: &Questionnaire, a: &Assessment, today: Date) -> Evaluation {
    let sections = sections(qn);
    let refs = Refs::new(cat);
    let mut scope = scope::scope(cat, qn, a, today, &sections);
    scope.asked = rules::asked_questions(&refs, qn, a, &scope, &sections);
    let analyzed = analyze::analyze(cat, &refs, qn, a, &scope, &sections);
    let plan = plan::plan(cat, &refs, qn, a, &scope, &analyzed, today);
    Evaluation {
        today,
        scope,
        analysis: analyzed.analysis,
        plan,
    }
}

/// The section of each question of `qn` (by position), looked up once.
fn sections(qn: &Questionnaire) -> Vec<Option<&Section>> {
    // Questions come grouped by section: look up only when it changes.
    let mut last: Option<&Section> = None;
    qn.questions
        .iter()
        .map(|q| {
            if last.is_none_or(|s| s.id != q.section) {
                last = qn.section(&q.section);
            }
            last
        })
        .collect()
}

// ----------------------------------------------------------- answer helpers

/// Whether the answers say the company builds or uses AI at all (the
/// `ai.usage` question answered with anything but "none"): the front ends
/// offer to describe AI systems only then.
pub fn uses_ai(answers: &BTreeMap<String, Answer>) -> bool {
    Answers { map: answers }
        .list("ai.usage")
        .is_some_and(|l| !l.is_empty())
}

/// Days from `today` until `d` (for display).
pub fn days_until(today: Date, d: Date) -> i64 {
    days_between(today, d)
}

/// Progress through the questions that are asked: (answered, asked).
pub fn progress(ev: &Evaluation, a: &Assessment) -> (usize, usize) {
    let mut answered = 0;
    let mut asked = 0;
    for q in &ev.scope.asked {
        asked += 1;
        if a.answers.get(q.as_str()).is_some_and(|x| x.is_answered()) {
            answered += 1;
        }
    }
    for s in &ev.scope.systems {
        let Some(sys) = a.systems.get(s.id.as_str()) else {
            continue;
        };
        for q in &s.asked {
            asked += 1;
            if sys.answers.get(q.as_str()).is_some_and(|x| x.is_answered()) {
                answered += 1;
            }
        }
    }
    (answered, asked)
}
