//! The context every template renders from: the catalog, the answers and
//! the engine's evaluation, gathered into plain serializable values. It
//! decides nothing the engine has not decided; it only looks things up and
//! says, where the answers are silent, whom to ask (`who`).
//!
//! Every field is listed in docs/formats.md ("The document pack's context").

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use serde::Serialize;

use super::table::{self, Table};
use crate::assessment::{Answer, Assessment, Status};
use crate::catalog::{AnswerKind, Catalog, Question, Questionnaire, SectionKind};
use crate::engine::{Coverage, Evaluation, ItemKind, PlanItem, SystemClass, Tier};
use crate::report::{answer_text, item_state};

/// Questions the pack reads for company facts (scoping answers).
pub mod q {
    pub const SERVICE: &str = "org.service_name";
    pub const APPROVER: &str = "org.doc_approver";
    pub const STAGE: &str = "org.stage";
    pub const HEADCOUNT: &str = "org.headcount";
    pub const MARKETS: &str = "org.markets";
    pub const CUSTOMERS: &str = "org.customers";
    pub const DATA: &str = "org.data";
    pub const HOSTING: &str = "org.hosting";
    pub const TENANCY: &str = "org.tenancy";
    pub const AI_USAGE: &str = "ai.usage";
    pub const SOC2_CURRENT: &str = "target.soc2_current";
    pub const ALL: [&str; 11] = [
        SERVICE,
        APPROVER,
        STAGE,
        HEADCOUNT,
        MARKETS,
        CUSTOMERS,
        DATA,
        HOSTING,
        TENANCY,
        AI_USAGE,
        SOC2_CURRENT,
    ];
}

/// The whole context.
#[derive(Debug, Clone, Serialize)]
pub struct Context {
    pub company: Company,
    pub doc: DocInfo,
    pub frameworks: Frameworks,
    pub soc2: Option<Soc2Info>,
    pub goals: Vec<GoalInfo>,
    pub systems: Vec<SystemInfo>,
    /// Every readiness question of the questionnaire, by id.
    pub practices: BTreeMap<String, Practice>,
    pub policies: BTreeMap<String, Policy>,
    pub soa: Vec<SoaRow>,
    /// Annex A controls with no recorded decision.
    pub soa_undecided: usize,
    pub risks: Vec<Risk>,
    pub evidence: Vec<EvidenceRow>,
    pub controls: Vec<Control>,
    pub milestones: Vec<ItemRef>,
    pub costs: Vec<CostInfo>,
    pub costs_unknown: Vec<String>,
    pub buyer_questions: Vec<Group>,
    pub annex_iv: Vec<Group>,
    pub plan: PlanInfo,
    /// The documents of this pack, in index order.
    pub documents: Vec<DocLink>,
    /// The AI system a per-system document is about (`none` otherwise).
    pub system: Option<SystemInfo>,
    /// Every "Question for …" line of the other documents (the index only).
    pub open_questions: Vec<OpenQuestion>,
    /// The roles the catalog suggests as owners (`DevOps lead`) that no one
    /// named in the assessment holds: an owner or a person to ask that is
    /// one of these is a role to fill, not a person.
    pub unheld_roles: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Company {
    pub name: String,
    pub service: Option<String>,
    pub assessor: String,
    pub participants: Vec<String>,
    pub stage: Option<String>,
    pub headcount: Option<String>,
    pub markets: Vec<String>,
    pub eu_market: bool,
    pub customers: Vec<String>,
    pub data: Vec<String>,
    pub personal_data: bool,
    pub hosting: Option<String>,
    pub hosting_note: Option<String>,
    pub tenancy: Option<String>,
    /// How the company builds or uses AI (labels), and the note given.
    pub ai_usage: Vec<String>,
    pub ai_usage_note: Option<String>,
    /// The same as what the company does, in the third person ("calls
    /// third-party model APIs"), for a sentence that starts with its name.
    pub ai_uses: Vec<String>,
    /// Option ids of `ai.usage`.
    pub uses: Vec<String>,
    pub builds_ai: bool,
    /// The company facts `when` conditions test (`uses:rag`, `soc2` …).
    pub facts: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocInfo {
    pub version: String,
    /// The evaluation date (`--today`): the documents' date.
    pub date: String,
    pub next_review: String,
    pub approver: Option<String>,
    /// Whom to ask what the answers do not say about the pack itself.
    pub ask: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Frameworks {
    pub soc2: bool,
    pub iso42001: bool,
    pub euaiact: bool,
    pub nist: bool,
    pub list: Vec<FrameworkInfo>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FrameworkInfo {
    pub id: String,
    pub name: String,
    pub short: String,
    pub in_scope: bool,
    pub reason: String,
    /// Requirements met and progress, in whole percent (`none`: not assessed).
    pub met: Option<u32>,
    pub progress: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Soc2Info {
    pub report: String,
    pub reason: String,
    /// The report the company already holds, `Type I` or `Type II` (`none`
    /// when it holds none or did not say).
    pub current: Option<String>,
    pub categories: Vec<Category>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Category {
    pub category: String,
    pub in_scope: bool,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct GoalInfo {
    pub id: String,
    pub title: String,
    pub framework: String,
    pub date: Option<String>,
    pub work_due: Option<String>,
    pub observation_days: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct SystemInfo {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub kind: String,
    pub roles: Vec<String>,
    pub tier: String,
    pub tier_label: String,
    pub provisional: bool,
    pub in_scope: bool,
    pub high_risk: bool,
    pub gpai: bool,
    pub triggers: Vec<String>,
    pub decisions: Vec<DecisionInfo>,
    pub obligations: Vec<ObligationInfo>,
    pub fria: bool,
    pub dpia: bool,
    pub dpia_reasons: Vec<String>,
    pub workplace: bool,
    pub annex_iii: Vec<String>,
    pub transparency: Vec<String>,
    /// Who the system's own answers say it affects.
    pub affected: Vec<String>,
    /// Who the company's answers suggest it may affect (to confirm).
    pub affected_maybe: Vec<String>,
    pub risks: Vec<Risk>,
    /// Classification questions still open for this system (question texts).
    pub open: Vec<String>,
    /// The system's own answers: question text and answer.
    pub answers: Vec<Pair>,
    /// Whom to ask about this system.
    pub ask: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionInfo {
    pub article: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ObligationInfo {
    pub id: String,
    pub title: String,
    pub reference: String,
    pub role: String,
    pub date: Option<String>,
    pub in_force: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pair {
    pub question: String,
    pub answer: String,
}

/// One readiness question as the documents use it.
#[derive(Debug, Clone, Serialize)]
pub struct Practice {
    pub id: String,
    pub question: String,
    pub area: String,
    /// Asked for this company (its conditions and frameworks apply).
    pub asked: bool,
    /// implemented, partial, missing, not-applicable, dont-know or unanswered.
    pub status: String,
    pub status_label: String,
    pub note: Option<String>,
    pub owner: Option<String>,
    pub finder: Option<String>,
    pub evidence: Vec<String>,
    pub target: Option<String>,
    pub justification: Option<String>,
    /// Who owns it or is to be asked: the answer's owner, the finder, the
    /// plan item's owner, the person the assessment names for the
    /// remediation's role, or that role.
    pub who: String,
    /// `who` is a person the assessment names (else a suggested role).
    pub who_named: bool,
    /// The target practice: the remediation's title (the question when none).
    pub rule: String,
    pub steps: Vec<String>,
    /// What an auditor will ask to see.
    pub auditor: String,
    /// Why it matters, first sentence.
    pub why: String,
    pub item: Option<ItemRef>,
}

/// A plan item as the documents cite it.
#[derive(Debug, Clone, Serialize)]
pub struct ItemRef {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub rank: u32,
    pub owner: String,
    pub start: String,
    pub finish: String,
    pub due: Option<String>,
    pub phase: String,
    pub at_risk: bool,
    pub event: bool,
    pub done: bool,
    pub goal: Option<String>,
    pub steps: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Policy {
    pub id: String,
    pub owner: String,
    /// Whether the owner is a person the assessment names (else a role to confirm).
    pub owner_named: bool,
    pub sections: Vec<Group>,
}

/// A titled list of practices (a policy section, an Annex IV part, a buyer question).
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub title: String,
    /// The asked practices only.
    pub practices: Vec<Practice>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SoaRow {
    pub id: String,
    pub title: String,
    pub group: String,
    pub included: bool,
    /// A decision is recorded in the assessment (`[soa."A.x.y"]`).
    pub decided: bool,
    pub justification: Option<String>,
    /// Coverage label from the analysis.
    pub status: String,
    pub practices: Vec<Practice>,
    pub items: Vec<ItemRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Risk {
    pub id: String,
    pub title: String,
    /// `gap` (from an open plan item) or `system` (from an AI system's profile).
    pub source: String,
    pub system: Option<String>,
    pub likelihood: u8,
    pub impact: u8,
    pub score: u8,
    pub level: String,
    pub treatment: String,
    pub treatment_status: String,
    pub owner: String,
    pub item: Option<ItemRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceRow {
    pub evidence: String,
    pub area: String,
    pub requirements: Vec<String>,
    pub questions: Vec<String>,
    pub owner: String,
    pub due: Option<String>,
    pub status: String,
    pub item: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Control {
    pub id: String,
    pub title: String,
    pub every: String,
    pub every_label: String,
    /// Months between two runs (0: before each release).
    pub months: u8,
    pub owner: String,
    pub next: Option<String>,
    pub in_place: bool,
    pub practice: Practice,
}

#[derive(Debug, Clone, Serialize)]
pub struct CostInfo {
    pub goal: String,
    pub item: String,
    pub low: u32,
    pub high: u32,
    pub currency: String,
    pub per: String,
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanInfo {
    pub items: usize,
    pub open_items: usize,
    pub at_risk: usize,
    pub finish: Option<String>,
    pub total_effort_days: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocLink {
    pub title: String,
    pub file: String,
    pub group: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OpenQuestion {
    /// The files it appears in.
    pub documents: Vec<String>,
    pub who: String,
    pub question: String,
}

// ------------------------------------------------------------------ building

/// Everything the builder reads.
pub struct Sources<'a> {
    pub catalog: &'a Catalog,
    pub questionnaire: &'a Questionnaire,
    pub assessment: &'a Assessment,
    pub eval: &'a Evaluation,
    pub table: &'a Table,
}

impl Sources<'_> {
    fn answer(&self, id: &str) -> Option<&Answer> {
        self.assessment.answers.get(id).filter(|a| a.is_answered())
    }

    fn text(&self, id: &str) -> Option<String> {
        let a = self.answer(id)?;
        let t = answer_text(self.questionnaire.question(id), a);
        (!t.trim().is_empty() && a.status.is_none()).then_some(t)
    }

    fn list(&self, id: &str) -> Vec<String> {
        use crate::assessment::Value;
        match self.answer(id).and_then(|a| a.value.as_ref()) {
            Some(Value::List(l)) => l.iter().filter(|x| *x != "none").cloned().collect(),
            Some(Value::Text(t)) if t != "none" => vec![t.clone()],
            _ => Vec::new(),
        }
    }

    fn labels(&self, id: &str) -> Vec<String> {
        let q = self.questionnaire.question(id);
        self.list(id)
            .iter()
            .map(|o| {
                q.map(|q| q.option_label(o).to_string())
                    .unwrap_or(o.clone())
            })
            .collect()
    }

    fn note(&self, id: &str) -> Option<String> {
        self.answer(id)
            .and_then(|a| a.note.clone())
            .filter(|n| !n.trim().is_empty())
    }
}

fn date(d: Date) -> String {
    d.to_string()
}

fn first_sentence(s: &str) -> String {
    match s.find(". ") {
        Some(i) => s[..=i].to_string(),
        None => s.to_string(),
    }
}

/// The people an assessment names, written `Name (Role)`: answer owners
/// first, then the participants, then the assessor, once each.
struct People(Vec<String>);

impl People {
    fn of(a: &Assessment) -> Self {
        let mut out: Vec<String> = Vec::new();
        let owners = a
            .answers
            .values()
            .chain(a.systems.values().flat_map(|s| s.answers.values()))
            .filter_map(|x| x.owner.as_deref());
        for name in owners
            .chain(a.participants.iter().map(String::as_str))
            .chain(std::iter::once(a.assessor.as_str()))
        {
            let name = name.trim();
            if !name.is_empty() && !out.iter().any(|n| n == name) {
                out.push(name.to_string());
            }
        }
        People(out)
    }

    /// One spelling per person: "Maya Ruiz (CTO, Quillstack)" and "Maya
    /// Ruiz (CTO)" are the same person, written as the answers first name her.
    fn canonical(&self, who: &str) -> String {
        let name = |s: &str| s.split(" (").next().unwrap_or(s).trim().to_lowercase();
        let n = name(who);
        self.0
            .iter()
            .find(|p| p.contains(" (") && name(p) == n)
            .cloned()
            .unwrap_or_else(|| who.to_string())
    }

    /// The person who holds a suggested role (`DevOps lead`), when the
    /// assessment names one, as the plan does. Each part of a role written
    /// `Legal / DPO` is tried, and `DPO` also spelt out.
    fn for_role(&self, role: &str) -> Option<String> {
        let parts = role.split(" / ").flat_map(|part| {
            let part = part.trim().to_lowercase();
            let long = (part == "dpo").then(|| "data protection officer".to_string());
            std::iter::once(part).chain(long)
        });
        parts.into_iter().find_map(|part| {
            let wanted = format!("({part}");
            self.0
                .iter()
                .find(|p| {
                    let lower = p.to_lowercase();
                    lower.find(&wanted).is_some_and(|i| {
                        let rest = &lower[i + wanted.len()..];
                        rest.starts_with(')') || rest.starts_with(',')
                    })
                })
                .cloned()
        })
    }
}

/// Builds the context (without `documents`, `system` and `open_questions`,
/// which the renderer fills in).
pub fn build(src: &Sources<'_>) -> Context {
    let ev = src.eval;
    let a = src.assessment;
    let items: BTreeMap<&str, &PlanItem> = ev.plan.items.iter().map(|i| (&*i.id, i)).collect();
    let item_ref = |it: &PlanItem| ItemRef {
        id: it.id.to_string(),
        title: it.title.to_string(),
        kind: match it.kind {
            ItemKind::Remediation => "remediation",
            ItemKind::Milestone => "milestone",
        }
        .into(),
        rank: it.rank,
        owner: it.owner.clone(),
        start: date(it.start),
        finish: date(it.finish),
        due: it.due.map(date),
        phase: it.phase.label().into(),
        at_risk: it.at_risk.is_some(),
        event: it.event,
        done: item_state(a, &it.id) == crate::assessment::RemediationState::DoneToVerify,
        goal: it.goal.as_ref().map(|g| g.to_string()),
        steps: it.steps.iter().map(|s| s.to_string()).collect(),
    };

    let company = company(src);
    let people = People::of(a);
    let ask_default = if a.assessor.trim().is_empty() {
        "the assessment's owner".to_string()
    } else {
        people.canonical(&a.assessor)
    };

    // Practices: every readiness question.
    let mut practices = BTreeMap::new();
    for qn_q in &src.questionnaire.questions {
        if qn_q.kind != AnswerKind::Readiness
            || src.questionnaire.section_kind(qn_q) != SectionKind::Gap
        {
            continue;
        }
        let p = practice(src, qn_q, &items, &item_ref, &ask_default, &people);
        practices.insert(qn_q.id.to_string(), p);
    }
    let get = |id: &str| practices.get(id).cloned();
    let asked_group = |title: &str, ids: &[String]| Group {
        title: title.to_string(),
        practices: ids
            .iter()
            .filter_map(|id| get(id))
            .filter(|p| p.asked)
            .collect(),
    };

    let policies = src
        .table
        .policies
        .iter()
        .map(|(id, def)| {
            let owner_p = get(&def.owner);
            let policy = Policy {
                id: id.clone(),
                owner_named: owner_p.as_ref().is_none_or(|p| p.who_named),
                owner: owner_p
                    .map(|p| p.who)
                    .unwrap_or_else(|| ask_default.clone()),
                sections: def
                    .sections
                    .iter()
                    .map(|s| asked_group(&s.title, &s.practices))
                    .filter(|g| !g.practices.is_empty())
                    .collect(),
            };
            (id.clone(), policy)
        })
        .collect();

    // Frameworks.
    let fw_info: Vec<FrameworkInfo> = ev
        .scope
        .frameworks
        .iter()
        .map(|f| {
            let r = ev.analysis.framework(&f.id);
            FrameworkInfo {
                id: f.id.to_string(),
                name: src
                    .catalog
                    .framework(&f.id)
                    .map(|x| x.name.to_string())
                    .unwrap_or_else(|| f.short.to_string()),
                short: f.short.to_string(),
                in_scope: f.in_scope,
                reason: f.reason.clone(),
                met: r.and_then(|r| r.met).map(|x| x.round() as u32),
                progress: r.and_then(|r| r.readiness).map(|x| x.round() as u32),
            }
        })
        .collect();
    let frameworks = Frameworks {
        soc2: ev.scope.in_scope("soc2"),
        iso42001: ev.scope.in_scope("iso42001"),
        euaiact: ev.scope.in_scope("euaiact"),
        nist: ev.scope.in_scope("nist-ai-rmf"),
        list: fw_info,
    };
    let soc2 = ev.scope.soc2_type.as_ref().map(|t| Soc2Info {
        report: t.report.clone(),
        reason: t.reason.clone(),
        current: src
            .list(q::SOC2_CURRENT)
            .first()
            .and_then(|x| match x.as_str() {
                "type1" => Some("Type I".to_string()),
                "type2" => Some("Type II".to_string()),
                _ => None,
            }),
        categories: ev
            .scope
            .tsc
            .iter()
            .map(|c| Category {
                category: c.category.clone(),
                in_scope: c.in_scope,
                reason: c.reason.clone(),
            })
            .collect(),
    });
    let goals = ev
        .scope
        .goals
        .iter()
        .map(|g| GoalInfo {
            id: g.id.to_string(),
            title: g.title.to_string(),
            framework: g.framework.to_string(),
            date: g.date.map(date),
            work_due: g.work_due.map(date),
            observation_days: g.observation_days,
        })
        .collect::<Vec<_>>();

    let company_facts: BTreeSet<String> = company.facts.iter().cloned().collect();
    let systems: Vec<SystemInfo> = ev
        .scope
        .systems
        .iter()
        .map(|s| system(src, s, &company, &company_facts, &practices, &ask_default))
        .collect();

    // SoA.
    let mut soa = Vec::new();
    let mut soa_undecided = 0;
    if let Some(fw) = src.catalog.framework("iso42001") {
        for r in fw.requirements.iter().filter(|r| r.soa) {
            let entry = a.soa.get(r.id.as_str());
            if entry.is_none() {
                soa_undecided += 1;
            }
            let status = ev.analysis.requirement("iso42001", &r.id);
            let ps: Vec<Practice> = status
                .map(|s| {
                    s.questions
                        .iter()
                        .filter_map(|qid| get(qid))
                        .filter(|p| p.asked)
                        .collect()
                })
                .unwrap_or_default();
            let its: Vec<ItemRef> = ev
                .plan
                .items
                .iter()
                .filter(|i| {
                    i.requirements
                        .iter()
                        .any(|x| x.framework == "iso42001" && x.id == r.id)
                })
                .map(item_ref)
                .collect();
            soa.push(SoaRow {
                id: r.id.to_string(),
                title: r.title.to_string(),
                group: fw
                    .group(&r.group)
                    .map(|g| g.title.to_string())
                    .unwrap_or_default(),
                included: entry.is_none_or(|e| e.included),
                decided: entry.is_some(),
                justification: entry
                    .map(|e| e.justification.trim().to_string())
                    .filter(|j| !j.is_empty()),
                status: status
                    .map(|s| s.coverage.label().to_string())
                    .unwrap_or_else(|| Coverage::NotAssessed.label().to_string()),
                practices: ps,
                items: its,
            });
        }
    }

    // Risks: each AI system's profile, then each open gap in plan order.
    let mut risks: Vec<Risk> = systems.iter().flat_map(|s| s.risks.clone()).collect();
    for it in ev
        .plan
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Remediation)
    {
        if item_state(a, &it.id) == crate::assessment::RemediationState::DoneToVerify {
            continue;
        }
        let likelihood = if it.gaps.iter().any(|(_, c)| *c == Coverage::Partial)
            && !it
                .gaps
                .iter()
                .any(|(_, c)| matches!(c, Coverage::Gap | Coverage::Unknown))
        {
            2
        } else {
            3
        };
        let impact = match it.severity {
            crate::catalog::Level::Low => 1,
            crate::catalog::Level::Medium => 2,
            crate::catalog::Level::High => 3,
            crate::catalog::Level::Critical => 4,
        };
        let first_q = it.gaps.first().and_then(|(k, _)| {
            src.questionnaire
                .question(k.rsplit('/').next().unwrap_or(k))
        });
        // The question's own risk statement; else the first sentence of
        // why it matters.
        let title = first_q
            .map(|q| {
                if q.risk.trim().is_empty() {
                    first_sentence(&q.why)
                } else {
                    q.risk.trim().to_string()
                }
            })
            .unwrap_or_else(|| it.title.to_string());
        let status = if it.investigate {
            "not known yet"
        } else if likelihood == 2 {
            "partly in place"
        } else {
            "not in place"
        };
        risks.push(risk(
            format!("R-{}", it.id.trim_start_matches("rem.")),
            title,
            "gap",
            None,
            likelihood,
            impact,
            it.title.to_string(),
            status.into(),
            it.owner.clone(),
            Some(item_ref(it)),
        ));
    }

    // Evidence: one row per distinct piece of evidence.
    let evidence = evidence(src, &practices, &items, &goals);

    // Controls.
    let controls = src
        .table
        .controls
        .iter()
        .filter_map(|c| {
            let p = get(&c.practice)?;
            if !p.asked || p.status == "not-applicable" {
                return None;
            }
            let months = table::PERIODS
                .iter()
                .find(|(k, _)| *k == c.every)
                .map(|(_, m)| *m)
                .unwrap_or(12) as u8;
            let in_place = matches!(p.status.as_str(), "implemented" | "partial");
            let next = (months > 0).then(|| {
                let from = if in_place {
                    ev.today
                } else {
                    p.item
                        .as_ref()
                        .and_then(|i| i.due.as_deref().or(Some(&i.finish)))
                        .and_then(|d| d.parse::<Date>().ok())
                        .unwrap_or(ev.today)
                };
                date(next_run(from, months))
            });
            Some(Control {
                id: c.id.clone(),
                title: c.title.clone(),
                every: c.every.clone(),
                every_label: match c.every.as_str() {
                    "month" => "monthly",
                    "quarter" => "quarterly",
                    "half-year" => "twice a year",
                    "year" => "yearly",
                    _ => "before each release",
                }
                .into(),
                months,
                owner: p.who.clone(),
                next,
                in_place,
                practice: p,
            })
        })
        .collect();

    let milestones = ev
        .plan
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Milestone)
        .map(item_ref)
        .collect();
    let costs = ev
        .plan
        .costs
        .iter()
        .map(|c| CostInfo {
            goal: c.goal.to_string(),
            item: c.item.to_string(),
            low: c.low,
            high: c.high,
            currency: c.currency.to_string(),
            per: c.per.to_string(),
            source: c.source.to_string(),
        })
        .collect();

    let buyer_questions = src
        .table
        .buyer_questions
        .iter()
        .map(|b| asked_group(&b.question, &b.practices))
        .collect();
    let annex_iv = src
        .table
        .annex_iv
        .iter()
        .map(|o| asked_group(&o.title, &o.practices))
        .collect();

    let plan = PlanInfo {
        items: ev.plan.items.len(),
        open_items: ev
            .plan
            .items
            .iter()
            .filter(|i| item_state(a, &i.id) != crate::assessment::RemediationState::DoneToVerify)
            .count(),
        at_risk: ev.plan.at_risk().count(),
        finish: ev.plan.finish.map(date),
        total_effort_days: ev.plan.total_effort_days,
    };

    let doc = DocInfo {
        version: "0.1 (first draft)".into(),
        date: date(ev.today),
        next_review: date(
            ev.today
                .checked_add(jiff::Span::new().years(1))
                .unwrap_or(ev.today),
        ),
        approver: src.text(q::APPROVER),
        ask: ask_default.clone(),
    };

    Context {
        company,
        doc,
        frameworks,
        soc2,
        goals,
        systems,
        practices,
        policies,
        soa,
        soa_undecided,
        risks,
        evidence,
        controls,
        milestones,
        costs,
        costs_unknown: ev
            .plan
            .costs_unknown
            .iter()
            .map(|c| c.to_string())
            .collect(),
        buyer_questions,
        annex_iv,
        plan,
        documents: Vec::new(),
        system: None,
        open_questions: Vec::new(),
        unheld_roles: unheld_roles(src, &people),
    }
}

/// The suggested owner roles of the questionnaire's remediations and the
/// goals' milestones that no one named in the assessment holds.
fn unheld_roles(src: &Sources<'_>, people: &People) -> Vec<String> {
    let roles: BTreeSet<&str> = src
        .questionnaire
        .remediations
        .iter()
        .map(|r| &*r.owner)
        .chain(
            src.catalog
                .frameworks
                .iter()
                .flat_map(|f| f.goals.iter())
                .flat_map(|g| g.milestones.iter())
                .map(|m| &*m.owner),
        )
        .collect();
    roles
        .into_iter()
        .filter(|r| people.for_role(r).is_none())
        .map(str::to_string)
        .collect()
}

fn company(src: &Sources<'_>) -> Company {
    let a = src.assessment;
    let uses = src.list(q::AI_USAGE);
    let data = src.list(q::DATA);
    let customers = src.list(q::CUSTOMERS);
    let markets = src.list(q::MARKETS);
    let builds_ai = !uses.is_empty();
    let personal_data = data
        .iter()
        .any(|d| matches!(d.as_str(), "personal" | "special-category" | "children"));
    let mut facts = vec!["always".to_string()];
    if builds_ai {
        facts.push("builds-ai".into());
    }
    for f in ["soc2", "iso42001", "euaiact"] {
        if src.eval.scope.in_scope(f) {
            facts.push(f.into());
        }
    }
    facts.extend(uses.iter().map(|u| format!("uses:{u}")));
    facts.extend(data.iter().map(|u| format!("data:{u}")));
    facts.extend(customers.iter().map(|u| format!("customers:{u}")));
    Company {
        name: a.organisation.clone(),
        service: src.text(q::SERVICE),
        assessor: a.assessor.clone(),
        participants: a.participants.clone(),
        stage: src.text(q::STAGE),
        headcount: src.text(q::HEADCOUNT),
        eu_market: markets.iter().any(|m| m == "eu"),
        markets: src.labels(q::MARKETS),
        customers: src.labels(q::CUSTOMERS),
        data: src.labels(q::DATA),
        personal_data,
        hosting: src.text(q::HOSTING),
        hosting_note: src.note(q::HOSTING),
        tenancy: src.text(q::TENANCY),
        ai_usage: src.labels(q::AI_USAGE),
        ai_usage_note: src.note(q::AI_USAGE),
        ai_uses: uses
            .iter()
            .map(|u| {
                match u.as_str() {
                    "train-own" => "trains its own models",
                    "fine-tune-customer-data" => "fine-tunes models on customer data",
                    "third-party-api" => "calls third-party model APIs",
                    "open-weights" => "self-hosts open-weight models",
                    "rag" => "retrieves from vector stores (RAG)",
                    "agents" => "runs autonomous agents that use tools",
                    "decisions-about-people" => "uses AI to make or support decisions about people",
                    "talks-to-people" => "has AI that talks with people directly",
                    "generates-content" => "uses AI to generate text, images, audio or video",
                    // An option a catalog added: its label, as answered.
                    other => {
                        return src.questionnaire.question(q::AI_USAGE).map_or_else(
                            || other.to_string(),
                            |q| q.option_label(other).to_string(),
                        );
                    }
                }
                .to_string()
            })
            .collect(),
        uses,
        builds_ai,
        facts,
    }
}

fn practice(
    src: &Sources<'_>,
    question: &Question,
    items: &BTreeMap<&str, &PlanItem>,
    item_ref: &dyn Fn(&PlanItem) -> ItemRef,
    ask_default: &str,
    people: &People,
) -> Practice {
    let ev = src.eval;
    let ans = src.assessment.answers.get(question.id.as_str());
    let status = ans.and_then(|a| a.status);
    let rem = question
        .remediation
        .as_deref()
        .and_then(|r| src.questionnaire.remediation(r));
    let item = question
        .remediation
        .as_deref()
        .and_then(|r| items.get(r))
        .map(|i| item_ref(i));
    let nonempty = |s: &Option<String>| s.clone().filter(|x| !x.trim().is_empty());
    let owner = ans.and_then(|a| nonempty(&a.owner));
    let finder = ans.and_then(|a| nonempty(&a.finder));
    let role = rem.map(|r| r.owner.to_string());
    let who = owner
        .clone()
        .or_else(|| finder.clone())
        .or_else(|| item.as_ref().map(|i| i.owner.clone()))
        .or_else(|| role.as_deref().and_then(|r| people.for_role(r)))
        .or_else(|| role.clone())
        .map(|w| people.canonical(&w))
        .unwrap_or_else(|| ask_default.to_string());
    let who_named = role.as_deref() != Some(who.as_str());
    let steps = match (&item, rem) {
        (Some(i), _) => i.steps.clone(),
        (None, Some(r)) => r
            .steps
            .iter()
            .enumerate()
            .filter(|(i, _)| {
                r.step_frameworks
                    .get(*i)
                    .and_then(|f| f.as_deref())
                    .is_none_or(|f| ev.scope.in_scope(f))
            })
            .map(|(_, s)| s.to_string())
            .collect(),
        _ => Vec::new(),
    };
    Practice {
        id: question.id.to_string(),
        question: question.text.to_string(),
        area: src
            .questionnaire
            .section(&question.section)
            .map(|s| s.title.to_string())
            .unwrap_or_default(),
        asked: ev.scope.asked.contains(question.id.as_str()),
        status: status.map(|s| s.as_str()).unwrap_or("unanswered").into(),
        status_label: status.map(|s| s.label()).unwrap_or("not answered").into(),
        note: ans.and_then(|a| nonempty(&a.note)),
        owner,
        finder,
        evidence: ans.map(|a| a.evidence.clone()).unwrap_or_default(),
        target: ans.and_then(|a| a.target).map(date),
        justification: ans.and_then(|a| nonempty(&a.justification)),
        who,
        who_named,
        rule: rem
            .map(|r| r.title.to_string())
            .unwrap_or_else(|| question.text.to_string()),
        steps,
        auditor: question.auditor.to_string(),
        why: first_sentence(&question.why),
        item,
    }
}

#[allow(clippy::too_many_arguments)]
fn risk(
    id: String,
    title: String,
    source: &str,
    system: Option<String>,
    likelihood: u8,
    impact: u8,
    treatment: String,
    treatment_status: String,
    owner: String,
    item: Option<ItemRef>,
) -> Risk {
    let score = likelihood * impact;
    Risk {
        id,
        title,
        source: source.into(),
        system,
        likelihood,
        impact,
        score,
        level: match score {
            9.. => "high",
            4.. => "medium",
            _ => "low",
        }
        .into(),
        treatment,
        treatment_status,
        owner,
        item,
    }
}

fn system(
    src: &Sources<'_>,
    s: &SystemClass,
    company: &Company,
    company_facts: &BTreeSet<String>,
    practices: &BTreeMap<String, Practice>,
    ask_default: &str,
) -> SystemInfo {
    let qn = src.questionnaire;
    let sys = src.assessment.systems.get(&s.id);
    let answers = sys.map(|x| &x.answers);
    let list = |id: &str| -> Vec<String> {
        use crate::assessment::Value;
        let q = qn.question(id);
        let raw: Vec<String> = match answers
            .and_then(|m| m.get(id))
            .and_then(|a| a.value.as_ref())
        {
            Some(Value::List(l)) => l.clone(),
            Some(Value::Text(t)) => vec![t.clone()],
            _ => Vec::new(),
        };
        let opts = q.map(|q| {
            if q.options.is_empty() {
                q.options_from
                    .as_deref()
                    .and_then(|f| src.catalog.options_from(f))
                    .unwrap_or_default()
            } else {
                q.options.clone()
            }
        });
        raw.into_iter()
            .filter(|x| x != "none")
            .map(|x| {
                opts.as_ref()
                    .and_then(|o| o.iter().find(|c| *c.id == *x))
                    .map(|c| c.label.to_string())
                    .unwrap_or(x)
            })
            .collect()
    };
    let yes = |id: &str| {
        answers
            .and_then(|m| m.get(id))
            .and_then(|a| match &a.value {
                Some(crate::assessment::Value::Text(t)) => Some(t == "yes"),
                _ => None,
            })
    };
    let high_risk = s.tier == Tier::HighRisk;
    let workplace = yes("sys.workplace") == Some(true) || s.has("workplace");
    let profiling = yes("sys.profiling") == Some(true);
    let annex_iii = list("sys.annex_iii");
    let transparency = list("sys.transparency");

    let mut facts = company_facts.clone();
    facts.insert(format!("tier:{}", tier_key(s.tier)));
    facts.extend(s.triggers.iter().map(|t| format!("trigger:{t}")));
    facts.extend(s.effective_roles.iter().map(|r| format!("role:{r}")));
    if yes("sys.open_source") == Some(true) {
        facts.insert("open-weights-release".into());
    }

    // Who is affected: what this system's own answers say, then what the
    // company's answers suggest (to confirm for this system).
    let mut affected = Vec::new();
    if workplace {
        affected.push(
            "Workers the system is used on (hiring, task allocation, monitoring or evaluation)"
                .into(),
        );
    }
    for a in &annex_iii {
        affected.push(format!("People affected by this Annex III use: {a}"));
    }
    if profiling {
        affected.push("People the system profiles or whose outputs evaluate them".into());
    }
    if s.has("interacts-with-people") {
        affected.push("People who talk or chat with the system".into());
    }
    if s.has("synthetic-content") {
        affected.push("People who receive or see the content it generates".into());
    }
    if s.has("emotion-or-biometric") {
        affected.push("People whose emotions or biometric data the system processes".into());
    }
    let mut affected_maybe = Vec::new();
    if !company.customers.is_empty() {
        affected_maybe.push(format!(
            "People at or served by the customers of {} ({})",
            company.name,
            company.customers.join(", ").to_lowercase()
        ));
    }
    if company.uses.iter().any(|u| u == "decisions-about-people") && !profiling {
        affected_maybe.push("People the company's AI evaluates or decides about".into());
    }
    if company
        .data
        .iter()
        .any(|d| d.to_lowercase().contains("child"))
    {
        affected_maybe.push(format!("Children whose data {} holds", company.name));
    }

    let mut dpia_reasons = Vec::new();
    if company.personal_data {
        let data_ids = src.list(q::DATA);
        if data_ids.iter().any(|d| d == "special-category") {
            dpia_reasons.push("special-category personal data".to_string());
        }
        if data_ids.iter().any(|d| d == "children") {
            dpia_reasons.push("children's data".into());
        }
        if src.list(q::CUSTOMERS).iter().any(|c| c == "consumers") {
            dpia_reasons.push("personal data of consumers".into());
        }
        if profiling {
            dpia_reasons.push("profiling".into());
        }
        if high_risk {
            dpia_reasons.push("a high-risk AI system".into());
        }
        if workplace {
            dpia_reasons.push("systematic monitoring or evaluation of workers".into());
        }
        if company.uses.iter().any(|u| u == "decisions-about-people") {
            dpia_reasons.push("automated decisions about people".into());
        }
    }

    let risks = src
        .table
        .system_risks
        .iter()
        .filter(|r| table::holds(&r.when, &facts))
        .map(|r| {
            let treat: Vec<&Practice> = r
                .treatment
                .iter()
                .filter_map(|id| practices.get(id))
                .filter(|p| p.asked)
                .collect();
            let item = treat.iter().find_map(|p| p.item.clone());
            let owner = item
                .as_ref()
                .map(|i| i.owner.clone())
                .or_else(|| treat.first().map(|p| p.who.clone()))
                .unwrap_or_else(|| ask_default.to_string());
            let in_place = treat.iter().filter(|p| p.status == "implemented").count();
            let status = if treat.is_empty() {
                "no control asked yet".to_string()
            } else {
                format!("{in_place} of {} controls in place", treat.len())
            };
            let likelihood = if !treat.is_empty() && in_place == treat.len() {
                r.likelihood.saturating_sub(1).max(1)
            } else {
                r.likelihood
            };
            let treatment = if treat.is_empty() {
                r.treatment
                    .iter()
                    .filter_map(|id| practices.get(id))
                    .map(|p| p.rule.clone())
                    .next()
                    .unwrap_or_default()
            } else {
                treat
                    .iter()
                    .map(|p| p.rule.clone())
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            risk(
                format!("R-{}-{}", s.id, r.id),
                r.title.clone(),
                "system",
                Some(s.name.clone()),
                likelihood,
                r.impact,
                treatment,
                status,
                owner,
                item,
            )
        })
        .collect();

    let pairs = s
        .asked
        .iter()
        .filter_map(|qid| {
            let q = qn.question(qid)?;
            let a = answers?.get(qid.as_str())?;
            a.is_answered().then(|| Pair {
                question: q.text.to_string(),
                answer: system_answer_text(q, a),
            })
        })
        .collect();

    SystemInfo {
        id: s.id.clone(),
        name: s.name.clone(),
        description: sys
            .map(|x| x.description.trim().to_string())
            .filter(|d| !d.is_empty()),
        kind: if s.kind == "gpai-model" {
            "general-purpose AI model".into()
        } else {
            "AI system".into()
        },
        roles: s.effective_roles.iter().cloned().collect(),
        tier: tier_key(s.tier).into(),
        tier_label: s.tier.label().into(),
        provisional: s.provisional,
        in_scope: s.tier.in_scope(),
        high_risk,
        gpai: matches!(s.tier, Tier::Gpai | Tier::GpaiSystemic),
        triggers: s.triggers.iter().cloned().collect(),
        decisions: s
            .decisions
            .iter()
            .map(|d| DecisionInfo {
                article: d.article.clone(),
                text: d.text.clone(),
            })
            .collect(),
        obligations: s
            .obligations
            .iter()
            .map(|o| ObligationInfo {
                id: o.id.to_string(),
                title: o.title.to_string(),
                reference: o.reference.to_string(),
                role: o.role.to_string(),
                date: o.date.map(date),
                in_force: o.in_force,
            })
            .collect(),
        fria: s.has("fria"),
        dpia: !dpia_reasons.is_empty(),
        dpia_reasons,
        workplace,
        annex_iii,
        transparency,
        affected,
        affected_maybe,
        risks,
        open: s
            .open
            .iter()
            .map(|o| {
                qn.question(o)
                    .map(|q| q.text.to_string())
                    .unwrap_or_else(|| o.clone())
            })
            .collect(),
        answers: pairs,
        ask: ask_default.to_string(),
    }
}

/// A system answer as words (`options_from` lists are already filled in
/// when the catalog is loaded); "don't know" on its own.
fn system_answer_text(q: &Question, a: &Answer) -> String {
    if a.status == Some(Status::DontKnow) {
        return Status::DontKnow.label().into();
    }
    answer_text(Some(q), a)
}

fn tier_key(t: Tier) -> &'static str {
    match t {
        Tier::Incomplete => "incomplete",
        Tier::OutOfScope => "out-of-scope",
        Tier::Excluded => "excluded",
        Tier::Prohibited => "prohibited",
        Tier::HighRisk => "high-risk",
        Tier::AnnexIiiDerogation => "annex-iii-derogation",
        Tier::SectoralHighRisk => "sectoral-high-risk",
        Tier::GpaiSystemic => "gpai-systemic",
        Tier::Gpai => "gpai",
        Tier::Transparency => "transparency",
        Tier::Minimal => "minimal",
    }
}

/// The first Monday on or after the first day of the next period of
/// `months` months after `from` (periods start in January).
fn next_run(from: Date, months: u8) -> Date {
    let m = i16::from(months.max(1));
    let month0 = i16::from(from.month()) - 1;
    let next0 = (month0 / m + 1) * m;
    let year = from.year() + next0 / 12;
    let month = (next0 % 12 + 1) as i8;
    let start = Date::new(year, month, 1).unwrap_or(from);
    let mut d = start;
    while d.weekday() != jiff::civil::Weekday::Monday {
        d = d.tomorrow().unwrap_or(d);
    }
    d
}

fn evidence(
    src: &Sources<'_>,
    practices: &BTreeMap<String, Practice>,
    items: &BTreeMap<&str, &PlanItem>,
    goals: &[GoalInfo],
) -> Vec<EvidenceRow> {
    let ev = src.eval;
    let qn = src.questionnaire;
    let first_due = goals.iter().filter_map(|g| g.work_due.clone()).min();
    let rank = |s: &str| match s {
        "implemented" => 4,
        "partial" => 2,
        "dont-know" => 1,
        "unanswered" => 0,
        _ => 3,
    };
    let mut rows: Vec<EvidenceRow> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for question in &qn.questions {
        let Some(p) = practices.get(question.id.as_str()) else {
            continue;
        };
        if !p.asked || p.status == "not-applicable" {
            continue;
        }
        let Some(rem) = question
            .remediation
            .as_deref()
            .and_then(|r| qn.remediation(r))
        else {
            continue;
        };
        let reqs: Vec<String> = question
            .maps
            .iter()
            .filter(|r| ev.scope.in_scope(&r.framework))
            .map(|r| {
                // A client's document cites the law and NIST as they are
                // written (`Art. 55(1)(d)`, `GOVERN 1.1`), not trustgap's ids
                // (`art-55-1-d`, `GOVERN-1.1`); SOC 2 and ISO ids are the same.
                let official = matches!(&*r.framework, "euaiact" | "nist-ai-rmf")
                    .then(|| src.catalog.requirement(r))
                    .flatten()
                    .and_then(|(_, req)| req.reference.as_deref().map(str::to_string));
                let id = official.unwrap_or_else(|| r.id.to_string());
                format!("{} {id}", crate::report::short(src.catalog, &r.framework))
            })
            .collect();
        let item = items.get(rem.id.as_str());
        for (i, e) in rem.evidence.iter().enumerate() {
            if rem
                .evidence_frameworks
                .get(i)
                .and_then(|f| f.as_deref())
                .is_some_and(|f| !ev.scope.in_scope(f))
            {
                continue;
            }
            let key = e.trim().to_lowercase();
            let row = match index.get(&key) {
                Some(&n) => &mut rows[n],
                None => {
                    index.insert(key, rows.len());
                    rows.push(EvidenceRow {
                        evidence: e.to_string(),
                        area: p.area.clone(),
                        requirements: Vec::new(),
                        questions: Vec::new(),
                        owner: p.who.clone(),
                        due: item.and_then(|i| i.due.map(date)).or(first_due.clone()),
                        status: p.status.clone(),
                        item: item.map(|i| i.id.to_string()),
                    });
                    rows.last_mut().expect("just pushed")
                }
            };
            for r in &reqs {
                if !row.requirements.contains(r) {
                    row.requirements.push(r.clone());
                }
            }
            if !row.questions.contains(&p.id) {
                row.questions.push(p.id.clone());
            }
            // The weakest answer behind a piece of evidence sets its status.
            if rank(&p.status) < rank(&row.status) {
                row.status = p.status.clone();
                if let Some(i) = item {
                    row.item = Some(i.id.to_string());
                    row.due = i.due.map(date).or(row.due.take());
                    row.owner = p.who.clone();
                }
            }
        }
    }
    for r in &mut rows {
        r.status = match r.status.as_str() {
            "implemented" => "available: collect it",
            "partial" => "in progress",
            "missing" => "to be created",
            "dont-know" => "to find out",
            _ => "not yet assessed",
        }
        .into();
    }
    rows
}
