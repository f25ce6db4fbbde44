//! Coverage per requirement and readiness per framework and group.

use std::collections::BTreeMap;
use std::collections::hash_map::Entry;

use super::rules::{Applicability, Rules};
use super::scope::Scope;
use super::shared::{Answers, FxMap, Refs, section_kind};
use crate::assessment::{Answer, Assessment, Status, Value};
use crate::catalog::{
    AnswerKind, Catalog, Framework, Question, Questionnaire, ReqRef, Section, SectionKind,
};
use crate::text::Text;

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

/// One requirement's result.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RequirementStatus {
    pub framework: Text,
    pub id: Text,
    pub group: Text,
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
    /// Prohibitions confirmed not to apply, or not yet checked: checks, not
    /// readiness, so they are left out of it.
    pub checks: usize,
    /// Sum over applicable requirements of the share of their evidence in
    /// place (each question covered = 1, partial = ½, else 0).
    pub progress: f64,
}

impl Counts {
    fn add(&mut self, c: Coverage, progress: f64, check: bool) {
        if check && matches!(c, Coverage::Covered | Coverage::NotAssessed) {
            self.checks += 1;
            return;
        }
        self.progress += progress;
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

    /// Progress in percent over applicable requirements: each counts the
    /// share of its evidence in place, so partial work shows; `None` when
    /// nothing applicable was assessed.
    pub fn readiness(&self) -> Option<f64> {
        self.assessed()
            .then(|| 100.0 * self.progress / self.applicable as f64)
    }

    /// Requirements fully met, in percent of the applicable ones; `None`
    /// when nothing applicable was assessed.
    pub fn met(&self) -> Option<f64> {
        self.assessed()
            .then(|| 100.0 * self.covered as f64 / self.applicable as f64)
    }

    fn assessed(&self) -> bool {
        self.applicable > 0 && self.applicable > self.not_assessed
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
    pub id: Text,
    pub title: Text,
    pub counts: Counts,
    pub readiness: Option<f64>,
    pub met: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FrameworkReadiness {
    pub id: Text,
    pub short: Text,
    pub in_scope: bool,
    pub counts: Counts,
    /// Progress: the share of evidence in place over applicable
    /// requirements. `None` = not assessed (nothing applicable answered) or
    /// out of scope.
    pub readiness: Option<f64>,
    /// Requirements fully met, in percent; `None` as for `readiness`.
    pub met: Option<f64>,
    pub groups: Vec<GroupReadiness>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Analysis {
    pub requirements: Vec<RequirementStatus>,
    pub frameworks: Vec<FrameworkReadiness>,
    /// Coverage contributed by each asked question (org-level id or `system/question`).
    pub questions: BTreeMap<String, Coverage>,
    /// Framework id → requirement id → position in `requirements`.
    #[serde(skip)]
    index: FxMap<Text, FxMap<Text, usize>>,
}

impl Analysis {
    pub fn requirement(&self, framework: &str, id: &str) -> Option<&RequirementStatus> {
        self.index
            .get(framework)?
            .get(id)
            .and_then(|i| self.requirements.get(*i))
    }

    pub fn framework(&self, id: &str) -> Option<&FrameworkReadiness> {
        self.frameworks.iter().find(|f| f.id == id)
    }

    /// Keeps the requirements `keep` accepts (for a filtered report) and
    /// renumbers the lookup index so [`Analysis::requirement`] still finds them.
    pub fn retain_requirements(&mut self, keep: impl Fn(&RequirementStatus) -> bool) {
        self.requirements.retain(|r| keep(r));
        self.index.clear();
        for (i, r) in self.requirements.iter().enumerate() {
            self.index
                .entry(r.framework.clone())
                .or_default()
                .insert(r.id.clone(), i);
        }
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
    let values: &[String] = match &a.value {
        Some(Value::Text(t)) => std::slice::from_ref(t),
        Some(Value::List(l)) => l,
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
        .all(|v| q.pass.iter().any(|p| p == v) || q.partial.iter().any(|p| p == v))
        && !values.is_empty()
    {
        Coverage::Partial
    } else {
        Coverage::Gap
    }
}

/// An analysis with what the plan needs to find statuses by number.
pub(crate) struct Analyzed {
    pub analysis: Analysis,
    /// For each requirement number (see [`Refs`]), the position of its
    /// status in `analysis.requirements` (what [`Analysis::requirement`]
    /// finds).
    pub status_of: Vec<Option<usize>>,
}

impl Analyzed {
    /// The status of requirement number `n`.
    pub fn status(&self, n: usize) -> Option<&RequirementStatus> {
        self.status_of[n].map(|i| &self.analysis.requirements[i])
    }
}

/// Coverage and readiness: each asked question's coverage, each applicable
/// requirement's coverage from the questions that evidence it (the weakest
/// counts), and readiness per framework and group.
pub(crate) fn analyze(
    cat: &Catalog,
    refs: &Refs<'_>,
    qn: &Questionnaire,
    a: &Assessment,
    scope: &Scope,
    sections: &[Option<&Section>],
) -> Analyzed {
    let evidence = Evidence::collect(refs, qn, a, scope, sections);
    let rules = Rules::new(refs, a, scope);
    let mut statuses = Statuses {
        requirements: Vec::with_capacity(refs.len()),
        status_of: vec![None; refs.len()],
        index: FxMap::default(),
    };
    let frameworks = cat
        .frameworks
        .iter()
        .map(|fw| {
            framework(
                fw,
                scope.in_scope(&fw.id),
                refs,
                &rules,
                &evidence,
                &mut statuses,
            )
        })
        .collect();
    Analyzed {
        analysis: Analysis {
            requirements: statuses.requirements,
            frameworks,
            questions: evidence.asked.into_iter().collect(),
            index: statuses.index,
        },
        status_of: statuses.status_of,
    }
}

/// Every asked question that evidences something, and what it evidences.
struct Evidence {
    /// The asked questions with their coverage (org-level id or
    /// `system/question`), in questionnaire order.
    asked: Vec<(String, Coverage)>,
    /// Positions in `asked`, grouped by requirement number, each group in
    /// questionnaire order: requirement n's are `grouped[starts[n]..starts[n + 1]]`.
    grouped: Vec<usize>,
    starts: Vec<usize>,
}

impl Evidence {
    fn collect(
        refs: &Refs<'_>,
        qn: &Questionnaire,
        a: &Assessment,
        scope: &Scope,
        sections: &[Option<&Section>],
    ) -> Evidence {
        let mut asked: Vec<(String, Coverage)> = Vec::with_capacity(qn.questions.len());
        // (requirement number, position in `asked`).
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        let org = Answers { map: &a.answers };
        // Systems in scope, with their answers.
        let systems: Vec<_> = scope
            .systems
            .iter()
            .filter(|s| s.tier.in_scope())
            .filter_map(|s| Some((s, a.systems.get(s.id.as_str())?)))
            .collect();
        for (q, section) in qn.questions.iter().zip(sections) {
            if q.maps.is_empty() {
                continue;
            }
            if section_kind(*section) == SectionKind::System {
                for (s, sys) in &systems {
                    if !s.asked.contains(q.id.as_str()) {
                        continue;
                    }
                    let c = question_coverage(q, sys.answers.get(q.id.as_str()));
                    asked.push((format!("{}/{}", s.id, q.id), c));
                    // A system answer only speaks for obligations of that system.
                    let own = |r: &&ReqRef| {
                        r.framework != "euaiact" || s.obligations.iter().any(|o| o.id == r.id)
                    };
                    for r in q.maps.iter().filter(own) {
                        if let Some(n) = refs.number(&r.framework, &r.id) {
                            pairs.push((n, asked.len() - 1));
                        }
                    }
                }
            } else if scope.asked.contains(q.id.as_str()) {
                let c = question_coverage(q, org.get(q.id.as_str()));
                asked.push((q.id.to_string(), c));
                for r in &q.maps {
                    if let Some(n) = refs.number(&r.framework, &r.id) {
                        pairs.push((n, asked.len() - 1));
                    }
                }
            }
        }
        Evidence::group(asked, pairs, refs.len())
    }

    /// Groups the pairs by requirement (a counting sort, keeping their order).
    fn group(asked: Vec<(String, Coverage)>, pairs: Vec<(usize, usize)>, n: usize) -> Evidence {
        let mut starts = vec![0; n + 1];
        for (r, _) in &pairs {
            starts[r + 1] += 1;
        }
        for r in 0..n {
            starts[r + 1] += starts[r];
        }
        let mut grouped = vec![0; pairs.len()];
        let mut next = starts.clone();
        for (r, i) in pairs {
            grouped[next[r]] = i;
            next[r] += 1;
        }
        Evidence {
            asked,
            grouped,
            starts,
        }
    }

    /// The asked questions that evidence requirement number `n`.
    fn of(&self, n: usize) -> impl Iterator<Item = &(String, Coverage)> {
        self.grouped[self.starts[n]..self.starts[n + 1]]
            .iter()
            .map(|i| &self.asked[*i])
    }
}

/// The requirement statuses found so far, and where to find them.
struct Statuses {
    requirements: Vec<RequirementStatus>,
    /// Per requirement number, the position of its status.
    status_of: Vec<Option<usize>>,
    index: FxMap<Text, FxMap<Text, usize>>,
}

/// One requirement's finding.
struct Finding {
    coverage: Coverage,
    /// Why it does not apply, or is not assessed.
    reason: Option<String>,
    questions: Vec<String>,
    /// Applies, but no asked question evidences it.
    hole: bool,
    /// The share of its evidence in place (0 to 1).
    progress: f64,
}

/// The share of a requirement's evidence in place: the mean over the
/// questions behind it (not-applicable answers left out) of covered = 1,
/// partial = ½, anything else 0.
fn progress(coverages: impl Iterator<Item = Coverage>) -> f64 {
    let (mut sum, mut n) = (0.0, 0u32);
    for c in coverages.filter(|c| *c != Coverage::NotApplicable) {
        n += 1;
        sum += match c {
            Coverage::Covered => 1.0,
            Coverage::Partial => 0.5,
            _ => 0.0,
        };
    }
    if n == 0 { 0.0 } else { sum / f64::from(n) }
}

/// The finding for requirement number `n`, or `None` when its framework
/// is out of scope.
fn finding(applicability: Applicability<'_>, evidence: &Evidence, n: usize) -> Option<Finding> {
    let not = |coverage, reason: String| Finding {
        coverage,
        reason: Some(reason),
        questions: Vec::new(),
        hole: false,
        progress: 0.0,
    };
    Some(match applicability {
        Applicability::OutOfScope => return None,
        Applicability::Informational(why) => not(Coverage::Informational, why.to_string()),
        Applicability::NotApplicable(why) => not(Coverage::NotApplicable, why.text()),
        Applicability::Applies => {
            let questions: Vec<String> = evidence.of(n).map(|(q, _)| q.clone()).collect();
            let weakest = evidence
                .of(n)
                .map(|(_, c)| *c)
                .filter(|c| *c != Coverage::NotApplicable)
                .min();
            let (coverage, reason) = match weakest {
                _ if questions.is_empty() => (Coverage::NotAssessed, None),
                Some(weakest) => (weakest, None),
                None => (
                    Coverage::NotApplicable,
                    Some("every question that evidences it was answered not applicable".into()),
                ),
            };
            Finding {
                coverage,
                reason,
                hole: questions.is_empty(),
                questions,
                progress: progress(evidence.of(n).map(|(_, c)| *c)),
            }
        }
    })
}

/// The statuses of one framework's requirements (none when it is out of
/// scope) and its readiness, overall and per top-level group.
fn framework(
    fw: &Framework,
    in_scope: bool,
    refs: &Refs<'_>,
    rules: &Rules<'_>,
    evidence: &Evidence,
    out: &mut Statuses,
) -> FrameworkReadiness {
    let mut counts = Counts::default();
    let mut groups: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut positions = FxMap::with_capacity_and_hasher(
        if in_scope { fw.requirements.len() } else { 0 },
        Default::default(),
    );
    // Requirements come grouped: remember the last group's root.
    let mut root: Option<(&str, &str)> = None;
    let requirements = if in_scope { &fw.requirements[..] } else { &[] };
    for (i, req) in requirements.iter().enumerate() {
        // The requirement its id refers to (itself, unless ids repeat).
        let Some(n) = refs.number_of(fw, i) else {
            continue;
        };
        let (found_fw, found) = refs.get(n);
        let Some(f) = finding(rules.applies_to(found_fw, found), evidence, n) else {
            continue;
        };
        let check = found.check;
        counts.add(f.coverage, f.progress, check);
        let top = match root {
            Some((group, top)) if group == req.group => top,
            _ => fw.root_group(&req.group),
        };
        root = Some((&req.group, top));
        groups
            .entry(top)
            .or_default()
            .add(f.coverage, f.progress, check);
        positions.insert(req.id.clone(), out.requirements.len());
        out.status_of[n] = Some(out.requirements.len());
        out.requirements.push(RequirementStatus {
            framework: fw.id.clone(),
            id: req.id.clone(),
            group: req.group.clone(),
            coverage: f.coverage,
            reason: f.reason,
            questions: f.questions,
            hole: f.hole,
        });
    }
    if !positions.is_empty() {
        match out.index.entry(fw.id.clone()) {
            Entry::Vacant(e) => {
                e.insert(positions);
            }
            // Another framework with this id: as one map, the later wins.
            Entry::Occupied(e) => e.into_mut().extend(positions),
        }
    }
    let group_list = if in_scope {
        group_readiness(fw, groups)
    } else {
        Vec::new()
    };
    FrameworkReadiness {
        id: fw.id.clone(),
        short: fw.short.clone(),
        in_scope,
        readiness: if in_scope { counts.readiness() } else { None },
        met: if in_scope { counts.met() } else { None },
        counts,
        groups: group_list,
    }
}

/// Readiness per top-level group, in the framework's own order.
fn group_readiness(fw: &Framework, mut groups: BTreeMap<&str, Counts>) -> Vec<GroupReadiness> {
    fw.groups
        .iter()
        .filter(|g| g.parent.is_none())
        .filter_map(|g| {
            let c = groups.remove(g.id.as_str())?;
            Some(GroupReadiness {
                id: g.id.clone(),
                title: g.title.clone(),
                readiness: c.readiness(),
                met: c.met(),
                counts: c,
            })
        })
        .collect()
}
