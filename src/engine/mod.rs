//! The engine: pure functions from (catalog, assessment, today) to scope,
//! analysis and plan. No I/O, no clock, no terminal.

mod analyze;
mod classify;
mod plan;
mod scope;

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use crate::assessment::{Answer, Assessment, Value};
use crate::catalog::{Catalog, Questionnaire};
use crate::condition::{CondValue, Context};

pub use analyze::{Analysis, Coverage, FrameworkReadiness, GroupReadiness, RequirementStatus};
pub use classify::{Decision, Obligation, SystemClass, Tier};
pub use plan::{Phase, Plan, PlanItem, ReqClosed};
pub use scope::{FrameworkScope, Scope, Soc2Type, TscScope};

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
    let scope = scope::scope(cat, qn, a, today);
    let analysis = analyze::analyze(cat, qn, a, &scope);
    let plan = plan::plan(cat, qn, a, &scope, &analysis, today);
    Evaluation {
        today,
        scope,
        analysis,
        plan,
    }
}

// ----------------------------------------------------------- answer helpers

/// Read-only view of a set of answers, with typed accessors.
#[derive(Clone, Copy)]
pub(crate) struct Answers<'a> {
    pub map: &'a BTreeMap<String, Answer>,
}

impl<'a> Answers<'a> {
    pub fn get(&self, id: &str) -> Option<&'a Answer> {
        self.map.get(id)
    }

    pub fn text(&self, id: &str) -> Option<&'a str> {
        match &self.get(id)?.value {
            Some(Value::Text(t)) => Some(t.as_str()),
            _ => None,
        }
    }

    /// Selected options of a multiple-choice answer, without `none`.
    /// `None` when unanswered; `Some(empty)` when answered "none".
    pub fn list(&self, id: &str) -> Option<Vec<&'a str>> {
        match &self.get(id)?.value {
            Some(Value::List(l)) => Some(
                l.iter()
                    .map(String::as_str)
                    .filter(|x| *x != "none")
                    .collect(),
            ),
            Some(Value::Text(t)) if t != "none" => Some(vec![t.as_str()]),
            Some(Value::Text(_)) => Some(Vec::new()),
            _ => None,
        }
    }

    pub fn has(&self, id: &str, option: &str) -> bool {
        self.list(id).is_some_and(|l| l.contains(&option))
    }

    /// `Some(true)` for "yes", `Some(false)` for "no", `None` otherwise.
    pub fn yes(&self, id: &str) -> Option<bool> {
        match self.text(id)? {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        }
    }

    pub fn number(&self, id: &str) -> Option<f64> {
        match &self.get(id)?.value {
            Some(Value::Number(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn date(&self, id: &str) -> Option<Date> {
        match &self.get(id)?.value {
            Some(Value::Date(d)) => Some(*d),
            _ => None,
        }
    }
}

/// Condition context over answers (system answers first, then the
/// organisation's) and facts.
pub(crate) struct Ctx<'a> {
    pub primary: Answers<'a>,
    pub fallback: Option<Answers<'a>>,
    pub facts: &'a BTreeSet<String>,
}

impl Context for Ctx<'_> {
    fn value(&self, question: &str) -> Option<CondValue<'_>> {
        let a = self
            .primary
            .get(question)
            .filter(|a| a.value.is_some())
            .or_else(|| self.fallback.and_then(|f| f.get(question)))?;
        match a.value.as_ref()? {
            Value::Text(t) => Some(CondValue::Text(t)),
            Value::List(l) => Some(CondValue::List(l)),
            Value::Number(n) => Some(CondValue::Number(*n)),
            Value::Date(_) => Some(CondValue::Text("date")),
        }
    }

    fn fact(&self, name: &str) -> bool {
        self.facts.contains(name)
    }
}

/// Adds `days` calendar days to a date (saturating).
pub(crate) fn add_days(d: Date, days: i64) -> Date {
    d.checked_add(jiff::Span::new().days(days)).unwrap_or(d)
}

/// Days from `a` to `b` (negative when `b` is earlier).
pub(crate) fn days_between(a: Date, b: Date) -> i64 {
    a.until(b).map(|s| s.get_days() as i64).unwrap_or(0)
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
        if a.answers.get(q).is_some_and(|x| x.is_answered()) {
            answered += 1;
        }
    }
    for s in &ev.scope.systems {
        let Some(sys) = a.systems.get(&s.id) else {
            continue;
        };
        for q in &s.asked {
            asked += 1;
            if sys.answers.get(q).is_some_and(|x| x.is_answered()) {
                answered += 1;
            }
        }
    }
    (answered, asked)
}
