//! Renderings of an evaluation. Renderers decide nothing: they format what
//! the engine concluded.

pub mod crosswalk;
pub mod csv;
pub mod diff;
pub mod export;
pub mod glance;
pub mod json;
pub mod markdown;
pub mod oscal;
pub mod table;

use crate::assessment::{Assessment, RemediationProgress, RemediationState};
use crate::catalog::{Catalog, Questionnaire};
use crate::engine::{Evaluation, Phase, PlanItem};

/// Everything a renderer needs.
pub struct Input<'a> {
    pub catalog: &'a Catalog,
    pub questionnaire: &'a Questionnaire,
    pub assessment: &'a Assessment,
    /// The evaluation as rendered (already narrowed by `filter`, see [`Filter::apply`]).
    pub eval: &'a Evaluation,
    /// The filter the evaluation was narrowed by, so exports can say so.
    pub filter: &'a Filter,
}

static NO_FILTER: Filter = Filter {
    frameworks: Vec::new(),
    phases: Vec::new(),
    owners: Vec::new(),
    min_priority: None,
};

impl<'a> Input<'a> {
    /// The requirements a question's answer counts for whose framework is
    /// in scope, each with why it counts and the words that say a
    /// reference covers only part of its requirement.
    pub fn references_in_scope<'q>(
        &self,
        q: &'q crate::catalog::Question,
    ) -> impl Iterator<
        Item = (
            &'q crate::catalog::ReqRef,
            &'q crate::catalog::MapReason,
            &'static str,
        ),
    > {
        let frameworks = &self.eval.analysis.frameworks;
        q.references()
            .filter(move |(r, _)| frameworks.iter().any(|f| f.in_scope && f.id == r.framework))
            .map(|(r, why)| (r, why, if why.partial { " (part of it)" } else { "" }))
    }

    /// An unfiltered input.
    pub fn new(
        catalog: &'a Catalog,
        questionnaire: &'a Questionnaire,
        assessment: &'a Assessment,
        eval: &'a Evaluation,
    ) -> Input<'a> {
        Input {
            catalog,
            questionnaire,
            assessment,
            eval,
            filter: &NO_FILTER,
        }
    }

    /// The recorded progress of a plan item, when it is "done, to verify".
    pub fn done_to_verify(&self, item: &PlanItem) -> Option<&'a RemediationProgress> {
        done_to_verify(self.assessment, &item.id)
    }
}

/// The recorded progress of remediation `id`, when it is "done, to verify".
pub fn done_to_verify<'a>(a: &'a Assessment, id: &str) -> Option<&'a RemediationProgress> {
    a.remediations
        .get(id)
        .filter(|p| p.state == RemediationState::DoneToVerify)
}

/// The state of a plan item for exports: `open` or `done-to-verify`.
pub fn item_state(a: &Assessment, id: &str) -> RemediationState {
    if done_to_verify(a, id).is_some() {
        RemediationState::DoneToVerify
    } else {
        RemediationState::Open
    }
}

/// Which part of the plan to export. The same filter applies to every format.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Framework ids: keep items that close a requirement in one of them,
    /// and show only these frameworks' requirements and readiness.
    pub frameworks: Vec<String>,
    /// Keep items in one of these phases.
    pub phases: Vec<Phase>,
    /// Keep items whose owner contains one of these (case-insensitive).
    pub owners: Vec<String>,
    /// Keep items with at least this priority.
    pub min_priority: Option<u32>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Whether framework `id` is shown.
    pub fn shows_framework(&self, id: &str) -> bool {
        self.frameworks.is_empty() || self.frameworks.iter().any(|f| f == id)
    }

    /// Whether a plan item passes the filter.
    pub fn keeps(&self, it: &PlanItem) -> bool {
        (self.frameworks.is_empty() || it.frameworks.iter().any(|f| self.shows_framework(f)))
            && (self.phases.is_empty() || self.phases.contains(&it.phase))
            && (self.owners.is_empty() || {
                let owner = it.owner.to_lowercase();
                self.owners
                    .iter()
                    .any(|o| owner.contains(&o.trim().to_lowercase()))
            })
            && self.min_priority.is_none_or(|m| it.priority >= m)
    }

    /// Unknown framework ids, as a message naming the known ones.
    pub fn check(&self, cat: &Catalog) -> Result<(), String> {
        for id in &self.frameworks {
            if cat.framework(id).is_none() {
                let ids: Vec<&str> = cat.frameworks.iter().map(|f| f.id.as_str()).collect();
                return Err(format!(
                    "no framework `{id}`; choose one of: {}",
                    ids.join(", ")
                ));
            }
        }
        Ok(())
    }

    /// The evaluation narrowed to what the filter keeps: plan items (with
    /// only the selected frameworks' requirements), framework readiness,
    /// requirement statuses and scope for the selected frameworks. Totals
    /// are recomputed over the kept items; ranks and dates are unchanged.
    pub fn apply(&self, ev: Evaluation) -> Evaluation {
        let mut out = ev;
        if self.is_empty() {
            return out;
        }
        out.plan.items.retain(|it| self.keeps(it));
        if !self.frameworks.is_empty() {
            for it in &mut out.plan.items {
                it.requirements
                    .retain(|r| self.shows_framework(&r.framework));
                it.frameworks.retain(|f| self.shows_framework(f));
            }
            out.analysis
                .frameworks
                .retain(|f| self.shows_framework(&f.id));
            out.analysis
                .retain_requirements(|r| self.shows_framework(&r.framework));
            out.scope.frameworks.retain(|f| self.shows_framework(&f.id));
            if !self.shows_framework("soc2") {
                out.scope.soc2_type = None;
                out.scope.tsc.clear();
            }
            if !self.shows_framework("euaiact") {
                out.scope.systems.clear();
            }
        }
        out.plan.total_effort_days = out.plan.items.iter().map(|i| i.effort_days).sum();
        out.plan.finish = out.plan.items.iter().map(|i| i.finish).max();
        out
    }

    /// A one-line description (`framework SOC 2; phase Now; …`), or `None`
    /// when nothing is filtered.
    pub fn describe(&self, cat: &Catalog) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        let mut parts = Vec::new();
        if !self.frameworks.is_empty() {
            let names: Vec<&str> = self.frameworks.iter().map(|f| short(cat, f)).collect();
            parts.push(format!("framework {}", names.join(" or ")));
        }
        if !self.phases.is_empty() {
            let names: Vec<&str> = self.phases.iter().map(|p| p.label()).collect();
            parts.push(format!("phase {}", names.join(" or ")));
        }
        if !self.owners.is_empty() {
            let names: Vec<String> = self.owners.iter().map(|o| format!("\"{o}\"")).collect();
            parts.push(format!("owner containing {}", names.join(" or ")));
        }
        if let Some(m) = self.min_priority {
            parts.push(format!("priority at least {m}"));
        }
        Some(parts.join("; "))
    }
}

/// Formats a readiness value: `62%`, or `not assessed`.
pub fn pct(r: Option<f64>) -> String {
    match r {
        Some(v) => format!("{:.0}%", v),
        None => "not assessed".to_string(),
    }
}

/// Short name of a framework id.
pub fn short<'a>(cat: &'a Catalog, id: &'a str) -> &'a str {
    cat.framework(id).map(|f| f.short.as_str()).unwrap_or(id)
}

/// The answer behind a question key (`question` or `system/question`).
pub fn answer_for<'a>(a: &'a Assessment, key: &str) -> Option<&'a crate::assessment::Answer> {
    match key.split_once('/') {
        Some((sid, qid)) => a.systems.get(sid).and_then(|s| s.answers.get(qid)),
        None => a.answers.get(key),
    }
}

/// A readable summary of an answer: status, value (option labels) or
/// nothing.
pub fn answer_text(q: Option<&crate::catalog::Question>, a: &crate::assessment::Answer) -> String {
    use crate::assessment::Value;
    let label = |v: &str| -> String {
        q.map(|q| q.option_label(v).to_string())
            .unwrap_or_else(|| v.to_string())
    };
    let mut parts = Vec::new();
    if let Some(v) = &a.value {
        parts.push(match v {
            Value::Text(t) => label(t),
            Value::List(l) => l.iter().map(|x| label(x)).collect::<Vec<_>>().join(", "),
            Value::Number(n) => crate::assessment::number_text(*n),
            Value::Date(d) => d.to_string(),
        });
    }
    if let Some(s) = a.status {
        parts.push(s.label().to_string());
    }
    parts.join("; ")
}
