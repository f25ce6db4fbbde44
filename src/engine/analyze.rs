//! Coverage per requirement and readiness per framework and group.

use std::collections::BTreeMap;

use super::Answers;
use super::scope::Scope;
use crate::assessment::{Answer, Assessment, Status, Value};
use crate::catalog::{AnswerKind, Catalog, Question, Questionnaire, ReqRef, SectionKind};

/// The state of one requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Coverage {
    // Ordered weakest first: the minimum over several questions wins.
    Gap,
    Unknown,
    NotAssessed,
    Partial,
    Covered,
    NotApplicable,
    Informational,
}

impl Coverage {
    pub fn label(self) -> &'static str {
        match self {
            Coverage::Gap => "gap",
            Coverage::Unknown => "unknown",
            Coverage::NotAssessed => "not assessed",
            Coverage::Partial => "partial",
            Coverage::Covered => "covered",
            Coverage::NotApplicable => "not applicable",
            Coverage::Informational => "informational",
        }
    }

    /// Whether this counts towards readiness (applicable and assessable).
    pub fn counts(self) -> bool {
        !matches!(self, Coverage::NotApplicable | Coverage::Informational)
    }
}

/// Whether a requirement applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applicability {
    Applies,
    OutOfScope,
    NotApplicable(String),
    Informational(String),
}

impl Applicability {
    pub fn is_applicable(&self) -> bool {
        matches!(self, Applicability::Applies)
    }
}

/// Decides whether one requirement applies, given the scope.
pub(crate) fn applies(cat: &Catalog, a: &Assessment, scope: &Scope, r: &ReqRef) -> Applicability {
    let Some((fw, req)) = cat.requirement(r) else {
        return Applicability::OutOfScope;
    };
    if !scope.in_scope(&fw.id) {
        return Applicability::OutOfScope;
    }
    if let Some(why) = &req.informational {
        return Applicability::Informational(why.clone());
    }
    if fw.id == "soc2"
        && let Some(cat) = &req.category
        && !scope.tsc_in_scope(cat)
    {
        return Applicability::NotApplicable(format!("{cat} is not in the SOC 2 scope"));
    }
    if req.soa
        && let Some(e) = a.soa.get(&req.id)
        && !e.included
    {
        return Applicability::NotApplicable(if e.justification.is_empty() {
            "excluded in the Statement of Applicability (no justification given)".into()
        } else {
            format!(
                "excluded in the Statement of Applicability: {}",
                e.justification
            )
        });
    }
    if fw.kind == crate::catalog::FrameworkKind::Law {
        let applies = scope
            .systems
            .iter()
            .any(|s| s.obligations.iter().any(|o| o.id == req.id));
        if !applies {
            return Applicability::NotApplicable(
                "no classified AI system triggers this obligation".into(),
            );
        }
    }
    Applicability::Applies
}

/// One requirement's result.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RequirementStatus {
    pub framework: String,
    pub id: String,
    pub group: String,
    pub coverage: Coverage,
    /// Why it is not applicable or informational.
    pub reason: Option<String>,
    /// Questions that evidence it and were asked (org-level ids, or `system/question`).
    pub questions: Vec<String>,
    /// No asked question reaches it.
    pub hole: bool,
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Counts {
    pub applicable: usize,
    pub covered: usize,
    pub partial: usize,
    pub gap: usize,
    pub unknown: usize,
    pub not_assessed: usize,
    pub not_applicable: usize,
    pub informational: usize,
}

impl Counts {
    fn add(&mut self, c: Coverage) {
        match c {
            Coverage::Covered => self.covered += 1,
            Coverage::Partial => self.partial += 1,
            Coverage::Gap => self.gap += 1,
            Coverage::Unknown => self.unknown += 1,
            Coverage::NotAssessed => self.not_assessed += 1,
            Coverage::NotApplicable => self.not_applicable += 1,
            Coverage::Informational => self.informational += 1,
        }
        if c.counts() {
            self.applicable += 1;
        }
    }

    /// Readiness in percent over applicable requirements (covered = 1,
    /// partial = ½); `None` when nothing applicable was assessed.
    pub fn readiness(&self) -> Option<f64> {
        let assessed = self.applicable - self.not_assessed;
        if self.applicable == 0 || assessed == 0 {
            return None;
        }
        Some(100.0 * (self.covered as f64 + 0.5 * self.partial as f64) / self.applicable as f64)
    }

    /// Share of applicable requirements with an answer behind them.
    pub fn assessed_pct(&self) -> f64 {
        if self.applicable == 0 {
            return 0.0;
        }
        100.0 * (self.applicable - self.not_assessed) as f64 / self.applicable as f64
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct GroupReadiness {
    pub id: String,
    pub title: String,
    pub counts: Counts,
    pub readiness: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FrameworkReadiness {
    pub id: String,
    pub short: String,
    pub in_scope: bool,
    pub counts: Counts,
    /// `None` = not assessed (nothing applicable answered) or out of scope.
    pub readiness: Option<f64>,
    pub groups: Vec<GroupReadiness>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Analysis {
    pub requirements: Vec<RequirementStatus>,
    pub frameworks: Vec<FrameworkReadiness>,
    /// Coverage contributed by each asked question (org-level id or `system/question`).
    pub questions: BTreeMap<String, Coverage>,
    #[serde(skip)]
    index: std::collections::HashMap<(String, String), usize>,
}

impl Analysis {
    pub fn requirement(&self, framework: &str, id: &str) -> Option<&RequirementStatus> {
        self.index
            .get(&(framework.to_string(), id.to_string()))
            .and_then(|i| self.requirements.get(*i))
    }

    pub fn framework(&self, id: &str) -> Option<&FrameworkReadiness> {
        self.frameworks.iter().find(|f| f.id == id)
    }
}

/// What one answer says about the requirements its question evidences.
pub fn question_coverage(q: &Question, a: Option<&Answer>) -> Coverage {
    let Some(a) = a else {
        return Coverage::NotAssessed;
    };
    match a.status {
        Some(Status::DontKnow) => return Coverage::Unknown,
        Some(Status::NotApplicable) => return Coverage::NotApplicable,
        _ => {}
    }
    if q.kind == AnswerKind::Readiness {
        return match a.status {
            Some(Status::Implemented) => Coverage::Covered,
            Some(Status::Partial) => Coverage::Partial,
            Some(Status::Missing) => Coverage::Gap,
            _ => Coverage::NotAssessed,
        };
    }
    let values: Vec<&str> = match &a.value {
        Some(Value::Text(t)) => vec![t.as_str()],
        Some(Value::List(l)) => l.iter().map(String::as_str).collect(),
        Some(_) => return Coverage::Covered,
        None => {
            return match a.status {
                Some(Status::Implemented) => Coverage::Covered,
                Some(Status::Partial) => Coverage::Partial,
                Some(Status::Missing) => Coverage::Gap,
                _ => Coverage::NotAssessed,
            };
        }
    };
    if q.pass.is_empty() && q.partial.is_empty() {
        return Coverage::Covered;
    }
    if values.iter().all(|v| q.pass.iter().any(|p| p == v)) && !values.is_empty() {
        Coverage::Covered
    } else if values
        .iter()
        .all(|v| q.pass.iter().chain(&q.partial).any(|p| p == v))
        && !values.is_empty()
    {
        Coverage::Partial
    } else {
        Coverage::Gap
    }
}

pub(crate) fn analyze(
    cat: &Catalog,
    qn: &Questionnaire,
    a: &Assessment,
    scope: &Scope,
) -> Analysis {
    // Evidence per requirement from every asked question.
    let mut evidence: BTreeMap<ReqRef, Vec<(String, Coverage)>> = BTreeMap::new();
    let mut per_question = BTreeMap::new();
    let org = Answers { map: &a.answers };
    for q in &qn.questions {
        if q.maps.is_empty() {
            continue;
        }
        if qn.section_kind(q) == SectionKind::System {
            for s in &scope.systems {
                if !s.asked.contains(&q.id) || !s.tier.in_scope() {
                    continue;
                }
                let Some(sys) = a.systems.get(&s.id) else {
                    continue;
                };
                let c = question_coverage(q, sys.answers.get(&q.id));
                let key = format!("{}/{}", s.id, q.id);
                per_question.insert(key.clone(), c);
                for r in &q.maps {
                    // A system answer only speaks for obligations of that system.
                    if r.framework == "euaiact" && !s.obligations.iter().any(|o| o.id == r.id) {
                        continue;
                    }
                    evidence
                        .entry(r.clone())
                        .or_default()
                        .push((key.clone(), c));
                }
            }
        } else if scope.asked.contains(&q.id) {
            let c = question_coverage(q, org.get(&q.id));
            per_question.insert(q.id.clone(), c);
            for r in &q.maps {
                evidence
                    .entry(r.clone())
                    .or_default()
                    .push((q.id.clone(), c));
            }
        }
    }

    let mut requirements = Vec::new();
    let mut frameworks = Vec::new();
    for fw in &cat.frameworks {
        let in_scope = scope.in_scope(&fw.id);
        let mut counts = Counts::default();
        let mut groups: BTreeMap<String, Counts> = BTreeMap::new();
        for req in &fw.requirements {
            let rr = ReqRef {
                framework: fw.id.clone(),
                id: req.id.clone(),
            };
            let (coverage, reason, questions, hole) = match applies(cat, a, scope, &rr) {
                Applicability::OutOfScope => continue,
                Applicability::Informational(why) => {
                    (Coverage::Informational, Some(why), Vec::new(), false)
                }
                Applicability::NotApplicable(why) => {
                    (Coverage::NotApplicable, Some(why), Vec::new(), false)
                }
                Applicability::Applies => {
                    let ev = evidence.get(&rr).cloned().unwrap_or_default();
                    let qs: Vec<String> = ev.iter().map(|(q, _)| q.clone()).collect();
                    let relevant: Vec<Coverage> = ev
                        .iter()
                        .map(|(_, c)| *c)
                        .filter(|c| *c != Coverage::NotApplicable)
                        .collect();
                    if ev.is_empty() {
                        (Coverage::NotAssessed, None, qs, true)
                    } else if relevant.is_empty() {
                        (
                            Coverage::NotApplicable,
                            Some(
                                "every question that evidences it was answered not applicable"
                                    .into(),
                            ),
                            qs,
                            false,
                        )
                    } else {
                        let weakest = relevant.into_iter().min().unwrap_or(Coverage::NotAssessed);
                        (weakest, None, qs, false)
                    }
                }
            };
            counts.add(coverage);
            let top = fw.root_group(&req.group).to_string();
            groups.entry(top).or_default().add(coverage);
            requirements.push(RequirementStatus {
                framework: fw.id.clone(),
                id: req.id.clone(),
                group: req.group.clone(),
                coverage,
                reason,
                questions,
                hole,
            });
        }
        if !in_scope {
            frameworks.push(FrameworkReadiness {
                id: fw.id.clone(),
                short: fw.short.clone(),
                in_scope,
                counts,
                readiness: None,
                groups: Vec::new(),
            });
            continue;
        }
        // Groups in the framework's own order.
        let group_list = fw
            .groups
            .iter()
            .filter(|g| g.parent.is_none())
            .filter_map(|g| {
                let c = groups.remove(&g.id)?;
                Some(GroupReadiness {
                    id: g.id.clone(),
                    title: g.title.clone(),
                    readiness: c.readiness(),
                    counts: c,
                })
            })
            .collect();
        frameworks.push(FrameworkReadiness {
            id: fw.id.clone(),
            short: fw.short.clone(),
            in_scope,
            readiness: counts.readiness(),
            counts,
            groups: group_list,
        });
    }
    let index = requirements
        .iter()
        .enumerate()
        .map(|(i, r)| ((r.framework.clone(), r.id.clone()), i))
        .collect();
    Analysis {
        requirements,
        frameworks,
        questions: per_question,
        index,
    }
}
