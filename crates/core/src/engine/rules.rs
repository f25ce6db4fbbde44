//! Which requirements apply, given the scope, and so which questions are
//! asked: a gap question is asked when it evidences at least one
//! requirement that applies.

use std::collections::BTreeSet;

use super::scope::Scope;
use super::shared::{Answers, Ctx, FxSet, Refs};
use crate::assessment::Assessment;
use crate::catalog::{
    Framework, FrameworkKind, Questionnaire, ReqRef, Requirement, Section, SectionKind,
};
use crate::text::Text;

/// Whether a requirement applies. Reasons stay borrowed until a report
/// needs their text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Applicability<'a> {
    Applies,
    OutOfScope,
    NotApplicable(Why<'a>),
    /// Informational, with the catalog's explanation.
    Informational(&'a str),
}

impl Applicability<'_> {
    pub fn is_applicable(&self) -> bool {
        matches!(self, Applicability::Applies)
    }
}

/// Why a requirement of a framework in scope does not apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Why<'a> {
    /// A SOC 2 criterion of this category, which is not in scope.
    TscOutOfScope(&'a str),
    /// Excluded in the Statement of Applicability, with this justification.
    ExcludedInSoa(&'a str),
    /// An EU AI Act obligation no classified system triggers.
    NoObligation,
}

impl Why<'_> {
    pub(crate) fn text(self) -> String {
        match self {
            Why::TscOutOfScope(category) => format!("{category} is not in the SOC 2 scope"),
            Why::ExcludedInSoa("") => {
                "excluded in the Statement of Applicability (no justification given)".into()
            }
            Why::ExcludedInSoa(justification) => {
                format!("excluded in the Statement of Applicability: {justification}")
            }
            Why::NoObligation => "no classified AI system triggers this obligation".into(),
        }
    }
}

/// Decides whether requirements apply, given the scope.
pub(crate) struct Rules<'a> {
    refs: &'a Refs<'a>,
    a: &'a Assessment,
    scope: &'a Scope,
    /// Ids of the obligations of every classified system.
    obligations: FxSet<&'a str>,
}

impl<'a> Rules<'a> {
    pub fn new(refs: &'a Refs<'a>, a: &'a Assessment, scope: &'a Scope) -> Rules<'a> {
        Rules {
            refs,
            a,
            scope,
            obligations: scope
                .systems
                .iter()
                .flat_map(|s| &s.obligations)
                .map(|o| o.id.as_str())
                .collect(),
        }
    }

    /// Whether the requirement `r` refers to applies.
    pub fn applies(&self, r: &ReqRef) -> Applicability<'a> {
        match self.refs.find(r) {
            Some((fw, req)) => self.applies_to(fw, req),
            None => Applicability::OutOfScope,
        }
    }

    /// Whether requirement `req` of `fw` applies.
    pub fn applies_to(&self, fw: &'a Framework, req: &'a Requirement) -> Applicability<'a> {
        if !self.scope.in_scope(&fw.id) {
            return Applicability::OutOfScope;
        }
        if let Some(why) = &req.informational {
            return Applicability::Informational(why);
        }
        if fw.id == "soc2"
            && let Some(category) = &req.category
            && !self.scope.tsc_in_scope(category)
        {
            return Applicability::NotApplicable(Why::TscOutOfScope(category));
        }
        if req.soa
            && let Some(e) = self.a.soa.get(req.id.as_str())
            && !e.included
        {
            return Applicability::NotApplicable(Why::ExcludedInSoa(&e.justification));
        }
        if fw.kind == FrameworkKind::Law && !self.obligations.contains(req.id.as_str()) {
            return Applicability::NotApplicable(Why::NoObligation);
        }
        Applicability::Applies
    }
}

/// Organisation-level questions asked: scoping questions whose condition
/// holds, and gap questions whose condition holds and that evidence at least
/// one applicable requirement.
pub(crate) fn asked_questions(
    refs: &Refs<'_>,
    qn: &Questionnaire,
    a: &Assessment,
    s: &Scope,
    sections: &[Option<&Section>],
) -> BTreeSet<Text> {
    let ctx = Ctx {
        primary: Answers { map: &a.answers },
        fallback: None,
        facts: &s.facts,
    };
    let rules = Rules::new(refs, a, s);
    let mut out = BTreeSet::new();
    for (q, section) in qn.questions.iter().zip(sections) {
        let Some(section) = section else {
            continue;
        };
        if section.kind == SectionKind::System {
            continue;
        }
        if section.when.as_ref().is_some_and(|w| !w.eval(&ctx)) {
            continue;
        }
        if q.when.as_ref().is_some_and(|w| !w.eval(&ctx)) {
            continue;
        }
        if section.kind == SectionKind::Gap
            && !q.maps.iter().any(|r| rules.applies(r).is_applicable())
        {
            continue;
        }
        out.insert(q.id.clone());
    }
    out
}
