//! EU AI Act classification of one AI system or general-purpose AI model.
//!
//! Follows the decision rules of Regulation (EU) 2024/1689 as amended by
//! Regulation (EU) 2026/1744: scope (Art 2), exclusions, prohibited practices
//! (Art 5), high-risk via Annex I (Art 6(1), narrowed by 6(1a)-(1c)) or Annex
//! III (Art 6(2)) with the Art 6(3) derogation asked condition by condition
//! and the profiling override, the value chain (Art 25), the FRIA (Art 27),
//! transparency (Art 50) and general-purpose AI models (Arts 51-55). Every
//! decision records the article that drove it.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use super::shared::{Answers, Ctx};
use crate::assessment::System;
use crate::catalog::{AnnexIiiPoint, Framework, Questionnaire, Requirement, Section, SectionKind};
use crate::text::Text;

/// The headline classification of a system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tier {
    /// Not enough answers to classify.
    Incomplete,
    /// Not an AI system, or outside the territorial scope.
    OutOfScope,
    /// Excluded by Art 2(3)-(12).
    Excluded,
    /// An Art 5 practice.
    Prohibited,
    /// High-risk under Art 6(1) or 6(2).
    HighRisk,
    /// Annex III use relying on the Art 6(3) derogation.
    AnnexIiiDerogation,
    /// Annex I Section B product: duties arrive through sectoral law.
    SectoralHighRisk,
    /// General-purpose AI model with systemic risk.
    GpaiSystemic,
    /// General-purpose AI model.
    Gpai,
    /// Only Art 50 transparency duties.
    Transparency,
    /// In scope, no specific duties beyond AI literacy.
    Minimal,
}

impl Tier {
    pub fn label(self) -> &'static str {
        match self {
            Tier::Incomplete => "not yet classified",
            Tier::OutOfScope => "out of scope",
            Tier::Excluded => "excluded",
            Tier::Prohibited => "prohibited practice",
            Tier::HighRisk => "high-risk",
            Tier::AnnexIiiDerogation => "Annex III, not high-risk (Art. 6(3))",
            Tier::SectoralHighRisk => "high-risk via sectoral law (Annex I Section B)",
            Tier::GpaiSystemic => "GPAI model with systemic risk",
            Tier::Gpai => "general-purpose AI model",
            Tier::Transparency => "transparency duties only",
            Tier::Minimal => "minimal risk",
        }
    }

    /// Whether the system is within the Act and not excluded.
    pub fn in_scope(self) -> bool {
        !matches!(self, Tier::Incomplete | Tier::OutOfScope | Tier::Excluded)
    }
}

/// One decision and the article behind it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Decision {
    pub article: String,
    pub text: String,
}

/// One obligation that applies to a system.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Obligation {
    pub id: Text,
    pub title: Text,
    pub reference: Text,
    /// The role it applies to.
    pub role: Text,
    /// The date it applies from under current law.
    pub date: Option<Date>,
    pub date_note: Option<Text>,
    /// Whether it already applies on the evaluation date (on the earlier
    /// reading when sources differ, see `later_date`).
    pub in_force: bool,
    pub penalty: Option<Text>,
    /// Where sources differ on the date: the date under the later reading
    /// (`date` holds the earlier one, which the plan uses as the prudent
    /// reading; `date_note` says why).
    pub later_date: Option<Date>,
    /// A prohibition to confirm (an Art 5 point), not work to do: shown
    /// with [`SystemClass::checks`] and not counted among the duties.
    pub check: bool,
}

/// How one prohibition check stands for a system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckState {
    /// The answers rule the practice out.
    RuledOut,
    /// The system does it, but an exception written into the point holds.
    Exception,
    /// The system engages in the practice: stop it.
    Prohibited,
    /// Not answered yet.
    ToConfirm,
}

impl CheckState {
    pub fn label(self) -> &'static str {
        match self {
            CheckState::RuledOut => "ruled out",
            CheckState::Exception => "allowed by an exception",
            CheckState::Prohibited => "prohibited: stop it",
            CheckState::ToConfirm => "to confirm",
        }
    }
}

/// One Art 5 prohibition as a check to confirm for a system, with the
/// answer that decides it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Check {
    pub id: Text,
    pub title: Text,
    pub reference: Text,
    /// The date the prohibition applies from.
    pub date: Option<Date>,
    pub in_force: bool,
    pub state: CheckState,
    /// The question whose answer decides it (for an exception, the
    /// follow-up question about the exception).
    pub question: Text,
    /// That answer's option id (`no`, `yes`), when answered.
    pub answer: Option<Text>,
    pub penalty: Option<Text>,
}

/// The classification of one system.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SystemClass {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub declared_roles: Vec<String>,
    pub effective_roles: BTreeSet<String>,
    pub tier: Tier,
    /// Part of the tier that is provisional because answers are missing.
    pub provisional: bool,
    pub triggers: BTreeSet<String>,
    /// The Annex III points the system is used for.
    pub annex_iii: Vec<Text>,
    pub decisions: Vec<Decision>,
    /// What the law asks of this system: its duties, and the Art 5
    /// prohibitions as checks (`check = true`), which the analysis
    /// evaluates like any requirement but does not count as readiness.
    pub obligations: Vec<Obligation>,
    /// The Art 5 prohibitions that bind this system, once each, with the
    /// answer that rules each out (or does not).
    pub checks: Vec<Check>,
    /// For a prohibited system: what a redesign without the prohibited
    /// practice would owe. Conditional: none of it applies while the
    /// practice remains, and the analysis and plan leave it out.
    pub conditional: Vec<Obligation>,
    /// System questions still unanswered that could change the result.
    pub open: Vec<String>,
    /// System questions asked for this system (their conditions hold).
    pub asked: BTreeSet<Text>,
}

impl SystemClass {
    pub fn has(&self, trigger: &str) -> bool {
        self.triggers.contains(trigger)
    }

    /// The duties: obligations that are work to do, not checks.
    pub fn duties(&self) -> impl Iterator<Item = &Obligation> {
        self.obligations.iter().filter(|o| !o.check)
    }

    /// The next date a duty not yet in force starts to apply.
    pub fn next_date(&self) -> Option<Date> {
        self.duties()
            .filter(|o| !o.in_force)
            .filter_map(|o| o.date)
            .min()
    }

    /// How many checks stand in `state`.
    pub fn checks_in(&self, state: CheckState) -> usize {
        self.checks.iter().filter(|c| c.state == state).count()
    }
}

struct Builder<'a> {
    sys: Answers<'a>,
    org: Answers<'a>,
    law: &'a Framework,
    today: Date,
    decisions: Vec<Decision>,
    triggers: BTreeSet<String>,
    open: Vec<String>,
    provisional: bool,
    /// The Annex III points the system is used for.
    annex_iii: Vec<Text>,
    /// The Art 5 checks: (point, state, deciding question, its answer).
    checks: Vec<(&'static str, CheckState, String, Option<&'static str>)>,
}

impl<'a> Builder<'a> {
    fn decide(&mut self, article: &str, text: impl Into<String>) {
        self.decisions.push(Decision {
            article: article.to_string(),
            text: text.into(),
        });
    }

    fn need(&mut self, q: &str) {
        if self.sys.get(q).is_none_or(|a| !a.is_answered()) && !self.open.iter().any(|x| x == q) {
            self.open.push(q.to_string());
        }
    }

    fn trigger(&mut self, t: &str) {
        self.triggers.insert(t.to_string());
    }

    fn yes(&mut self, q: &str) -> Option<bool> {
        let v = self.sys.yes(q);
        if v.is_none() {
            self.need(q);
        }
        v
    }

    fn list(&mut self, q: &str) -> Option<Vec<&'a str>> {
        let v = self.sys.list(q);
        if v.is_none() {
            self.need(q);
        }
        v
    }
}

const ART5: [&str; 10] = ["a", "b", "ba", "bb", "c", "d", "e", "f", "g", "h"];

/// Classifies one system.
pub(crate) fn classify(
    id: &str,
    system: &System,
    org: Answers<'_>,
    law: &Framework,
    qn: &Questionnaire,
    sections: &[Option<&Section>],
    today: Date,
) -> SystemClass {
    let sys = Answers {
        map: &system.answers,
    };
    let mut b = Builder {
        sys,
        org,
        law,
        today,
        decisions: Vec::new(),
        triggers: BTreeSet::new(),
        open: Vec::new(),
        provisional: false,
        annex_iii: Vec::new(),
        checks: Vec::new(),
    };
    let kind = sys.text("sys.kind").unwrap_or("system").to_string();
    let declared: Vec<String> = sys
        .list("sys.roles")
        .unwrap_or_default()
        .into_iter()
        .map(str::to_string)
        .collect();
    let mut roles: BTreeSet<String> = declared.iter().cloned().collect();
    let tier = if kind == "gpai-model" {
        classify_model(&mut b, &mut roles)
    } else {
        classify_system(&mut b, &mut roles)
    };
    let mut class = SystemClass {
        id: id.to_string(),
        name: system.name.clone(),
        kind,
        declared_roles: declared,
        effective_roles: roles,
        tier,
        provisional: b.provisional,
        triggers: b.triggers,
        annex_iii: b.annex_iii,
        decisions: b.decisions,
        obligations: Vec::new(),
        checks: Vec::new(),
        conditional: Vec::new(),
        open: b.open,
        asked: BTreeSet::new(),
    };
    if class.tier.in_scope() {
        let all = obligations(law, &class, sys.date("sys.placed_date"), today);
        if class.tier == Tier::Prohibited {
            // Nothing but the prohibitions applies to a system that may not
            // be on the market; the rest is what a redesign would owe.
            (class.obligations, class.conditional) = all.into_iter().partition(|o| o.check);
        } else {
            class.obligations = all;
        }
        class.checks = checks(law, &b.checks, today);
    }
    class.asked = asked(qn, sections, system, org);
    class
}

/// The Art 5 checks the classification recorded, with their dates.
fn checks(
    law: &Framework,
    recorded: &[(&str, CheckState, String, Option<&str>)],
    today: Date,
) -> Vec<Check> {
    recorded
        .iter()
        .filter_map(|(p, state, question, answer)| {
            let r = law.requirement(&format!("art-5-1-{p}"))?;
            Some(Check {
                id: r.id.clone(),
                title: r.title.clone(),
                reference: r.reference.clone().unwrap_or_default(),
                date: r.applies_from,
                in_force: r.applies_from.is_some_and(|d| d <= today),
                state: *state,
                question: question.as_str().into(),
                answer: answer.map(Into::into),
                penalty: r.penalty.clone(),
            })
        })
        .collect()
}

/// The decision flow for an AI system, in the order of
/// `reference/ai-act-classification.md`: who you are and whether it is an
/// AI system (Art 3), scope and exclusions (Art 2, including the Annex I
/// Section B products that Art 2(2) hands to sectoral law), prohibitions
/// (Art 5), high-risk (Art 6), the value chain (Art 25), deployer and
/// representative duties (Arts 22, 26, 27), transparency (Art 50), then
/// the headline tier.
fn classify_system(b: &mut Builder<'_>, roles: &mut BTreeSet<String>) -> Tier {
    if let Some(tier) = art3_role_and_definition(b, roles) {
        return tier;
    }
    let exclusions = match art2_scope_and_exclusions(b, roles) {
        Ok(exclusions) => exclusions,
        Err(tier) => return tier,
    };
    let annex_i = match art2_2_and_6_1_annex_i(b) {
        AnnexI::SectionB => return Tier::SectoralHighRisk,
        AnnexI::SectionA => true,
        AnnexI::NotHighRisk => false,
    };
    let prohibited = art5_prohibitions(b, roles);
    if !prohibited.is_empty() {
        b.decide("Art. 5", words::REDESIGN_ONLY);
    }
    let annex_iii = art6_2_annex_iii(b);
    let high = annex_i || annex_iii.high;
    record_risk_triggers(b, annex_i, &annex_iii);
    art25_value_chain(b, roles, high, annex_i);
    art27_fria_and_public_deployers(b, roles, &annex_iii);
    art26_7_workplace(b, roles, high);
    art22_authorised_representative(b, roles, high);
    let transparency = art50_transparency(b, roles);
    if exclusions.contains(&"open-source-component")
        && art2_12_open_source(b, high || !prohibited.is_empty() || transparency)
    {
        return Tier::Excluded;
    }
    if high {
        // No transition for a practice that may not be on the market at all.
        if prohibited.is_empty() {
            art111_placed_before(b, annex_iii.high);
        }
        art11_17_99_smaller_providers(b, roles);
    }
    b.trigger("in-scope");
    art4_ai_literacy(b, roles);
    headline(
        b,
        !prohibited.is_empty(),
        high,
        annex_iii.derogation,
        transparency,
    )
}

/// Art 3: the organisation's role must be known, and the system must infer
/// its outputs (Art 3(1)). `Some(tier)` ends the classification.
fn art3_role_and_definition(b: &mut Builder<'_>, roles: &BTreeSet<String>) -> Option<Tier> {
    if roles.is_empty() {
        b.need("sys.roles");
        b.decide("Art. 3", words::ROLE_UNKNOWN);
        return Some(Tier::Incomplete);
    }
    if b.sys.yes("sys.is_ai") == Some(false) {
        b.decide("Art. 3(1)", words::NOT_AI);
        return Some(Tier::OutOfScope);
    }
    None
}

/// Art 2(1) territorial scope, then the exclusions of Art 2(3)-(10). Gives
/// the exclusions answered (Art 2(12) is decided later, once the duties are
/// known), or the tier that ends the classification.
fn art2_scope_and_exclusions<'a>(
    b: &mut Builder<'a>,
    roles: &mut BTreeSet<String>,
) -> Result<Vec<&'a str>, Tier> {
    let Some(reach) = b.list("sys.eu_scope") else {
        b.decide("Art. 2(1)", words::REACH_UNKNOWN);
        return Err(Tier::Incomplete);
    };
    if reach.is_empty() {
        b.decide("Art. 2(1)", words::OUT_OF_TERRITORY);
        return Err(Tier::OutOfScope);
    }
    let reach_text: Vec<&str> = reach.iter().map(|r| words::reach(r)).collect();
    b.decide(
        "Art. 2(1)",
        format!("In territorial scope: {}.", reach_text.join("; ")),
    );
    let exclusions = b.sys.list("sys.exclusions").unwrap_or_default();
    for (option, article, text) in words::EXCLUSIONS {
        if exclusions.contains(&option) {
            b.decide(article, text);
            return Err(Tier::Excluded);
        }
    }
    if exclusions.contains(&"personal-use") && roles.remove("deployer") {
        b.decide("Art. 2(10)", words::PERSONAL_USE);
    }
    Ok(exclusions)
}

/// Art 5(1): each prohibition that binds the system in your role, as a
/// check (ruled out, allowed by an exception written into the point,
/// prohibited, or still to confirm). Gives the points the system breaches.
fn art5_prohibitions(b: &mut Builder<'_>, roles: &BTreeSet<String>) -> Vec<&'static str> {
    let law = b.law;
    let mut prohibited = Vec::new();
    for p in ART5 {
        let Some(req) = law.requirement(&format!("art-5-1-{p}")) else {
            continue;
        };
        let article = format!("Art. 5(1)({p})");
        let question = format!("sys.art5.{p}");
        let answer = b.yes(&question);
        if !req.applies_to.iter().any(|r| roles.contains(r.as_str())) {
            // The point binds other roles only (Art 5(1)(h) bans the use).
            if answer == Some(true) {
                let whom: Vec<&str> = req.applies_to.iter().map(|r| r.as_str()).collect();
                b.decide(&article, words::not_your_ban(&req.title, &whom.join(", ")));
            }
            continue;
        }
        let check = match answer {
            None => (p, CheckState::ToConfirm, question, None),
            Some(false) => (p, CheckState::RuledOut, question, Some("no")),
            Some(true) => match art5_exception(b, p, &req.except_triggers) {
                Exception::Holds(q) => (p, CheckState::Exception, q.to_string(), Some("yes")),
                other => {
                    let text = words::prohibited(&req.title, req.applies_from, b.today);
                    let text = match other {
                        Exception::Unanswered(q) => {
                            b.provisional = true;
                            format!("{text} {}", words::exception_unanswered(q))
                        }
                        _ => text,
                    };
                    b.decide(&article, text);
                    prohibited.push(p);
                    (p, CheckState::Prohibited, question, Some("yes"))
                }
            },
        };
        b.checks.push(check);
    }
    prohibited
}

/// Whether an exception written into an Art 5 point holds.
enum Exception {
    /// The point has no exception the answers can reach, or it does not hold.
    None,
    /// It holds: the follow-up question that says so.
    Holds(&'static str),
    /// The follow-up question is not answered yet.
    Unanswered(&'static str),
}

/// Art 5(1)(g) and (h) carry their own exceptions: the follow-up answer
/// decides, and the law data must list the exception's trigger among the
/// point's `except_triggers` for it to lift the prohibition.
fn art5_exception(b: &mut Builder<'_>, point: &str, except: &[Text]) -> Exception {
    let Some((_, question, trigger, article, text)) = words::ART5_EXCEPTIONS
        .iter()
        .find(|(p, _, t, _, _)| *p == point && except.iter().any(|e| e == t))
    else {
        return Exception::None;
    };
    match b.yes(question) {
        Some(true) => {
            b.trigger(trigger);
            b.decide(article, *text);
            Exception::Holds(question)
        }
        Some(false) => Exception::None,
        None => Exception::Unanswered(question),
    }
}

/// What Art 6(1) with Annex I decided.
enum AnnexI {
    /// Not (a safety component of) an Annex I product that needs
    /// third-party conformity assessment.
    NotHighRisk,
    /// High-risk through a Section A product (Art 6(1)).
    SectionA,
    /// High-risk through a Section B product: Art 2(2) leaves only Art 6(1),
    /// Art 60a and Arts 102-112, so the sectoral law carries the duties.
    SectionB,
}

/// Art 6(1) with Annex I, and Art 2(2) for Section B products: the AI is
/// high-risk when it is (a safety component of) such a product and the
/// product needs third-party conformity assessment; for a Section B
/// product the Act then steps back to Art 6(1), Art 60a and Arts 102-112.
fn art2_2_and_6_1_annex_i(b: &mut Builder<'_>) -> AnnexI {
    let law = b.law;
    let entries = b.list("sys.annex_i").unwrap_or_default();
    let titles = |section: &str| -> Vec<&str> {
        entries
            .iter()
            .filter_map(|id| law.annex_i.iter().find(|e| e.id == *id))
            .filter(|e| e.section == section)
            .map(|e| e.title.as_str())
            .collect()
    };
    let (section_a, section_b) = (titles("A"), titles("B"));
    if section_a.is_empty() && section_b.is_empty() {
        return AnnexI::NotHighRisk;
    }
    let safety = art6_1_safety_component(b);
    if safety == Some(false) {
        return AnnexI::NotHighRisk;
    }
    if !section_b.is_empty() {
        b.trigger("in-scope");
        b.trigger("annex-i-section-b");
        b.decide(
            "Art. 2(2), Art. 6(1)",
            words::section_b(&section_b.join(", ")),
        );
        return AnnexI::SectionB;
    }
    if safety == Some(true) {
        b.decide("Art. 6(1)", words::ANNEX_I_HIGH_RISK);
    }
    AnnexI::SectionA
}

/// Art 6(1)(a)-(b), narrowed by 6(1a)-(1c): an Annex I product makes the
/// AI high-risk when the AI is a safety component (not mere assistance) and
/// the product needs third-party conformity assessment. `None` while
/// answers are missing (treated as high-risk until then).
fn art6_1_safety_component(b: &mut Builder<'_>) -> Option<bool> {
    match b.sys.text("sys.safety_function") {
        Some("assistance-only") => {
            b.decide("Art. 6(1a)", words::ASSISTANCE_ONLY);
            Some(false)
        }
        Some(_) => match b.yes("sys.third_party_ca") {
            Some(true) => Some(true),
            Some(false) => {
                b.decide("Art. 6(1)(b), 6(1c)", words::NO_THIRD_PARTY_ASSESSMENT);
                Some(false)
            }
            None => {
                b.provisional = true;
                b.decide("Art. 6(1)", words::THIRD_PARTY_UNKNOWN);
                None
            }
        },
        None => {
            b.need("sys.safety_function");
            b.provisional = true;
            b.decide("Art. 6(1)", words::SAFETY_FUNCTION_UNKNOWN);
            None
        }
    }
}

/// What Art 6(2) with Annex III decided.
struct AnnexIii<'a> {
    /// The Annex III points the system is used for.
    points: Vec<&'a AnnexIiiPoint>,
    /// High-risk (or treated so until answers are in).
    high: bool,
    /// Not high-risk thanks to the Art 6(3) derogation.
    derogation: bool,
}

/// Art 6(2) with Annex III: an Annex III use is high-risk unless the Art
/// 6(3) derogation holds, which it never does for profiling.
fn art6_2_annex_iii<'a>(b: &mut Builder<'a>) -> AnnexIii<'a> {
    let law = b.law;
    let points: Vec<&AnnexIiiPoint> = b
        .list("sys.annex_iii")
        .unwrap_or_default()
        .iter()
        .filter_map(|id| law.annex_iii.iter().find(|p| p.id == *id))
        .collect();
    b.annex_iii = points.iter().map(|p| p.id.clone()).collect();
    let mut result = AnnexIii {
        points,
        high: false,
        derogation: false,
    };
    if result.points.is_empty() {
        return result;
    }
    let listed: Vec<String> = result
        .points
        .iter()
        .map(|p| format!("{} ({})", p.id, p.title))
        .collect();
    let listed = listed.join(", ");
    let profiling = b.yes("sys.profiling");
    if profiling == Some(true) {
        result.high = true;
        b.decide(
            "Art. 6(3), third subparagraph",
            format!(
                "High-risk: Annex III use {listed} that profiles natural persons; profiling always makes an Annex III system high-risk, whatever the Art. 6(3) conditions."
            ),
        );
    } else {
        result.derogation = art6_3_derogation(b, &listed, profiling);
        result.high = !result.derogation;
    }
    result
}

/// Art 6(3): the derogation for an Annex III use that poses no significant
/// risk and meets one of the four conditions (a)-(d). `true` when it holds;
/// otherwise the system is high-risk (provisionally while answers are missing).
fn art6_3_derogation(b: &mut Builder<'_>, listed: &str, profiling: Option<bool>) -> bool {
    let significant = b.yes("sys.significant_risk");
    let mut conditions = Vec::new();
    let mut unanswered = false;
    for c in ["a", "b", "c", "d"] {
        match b.yes(&format!("sys.art6_3.{c}")) {
            Some(true) => conditions.push(c),
            Some(false) => {}
            None => unanswered = true,
        }
    }
    match (significant, conditions.is_empty(), profiling) {
        (Some(true), _, _) => b.decide(
            "Art. 6(2)",
            format!(
                "High-risk: Annex III use {listed} that poses a significant risk of harm to health, safety or fundamental rights, so the Art. 6(3) derogation is not available."
            ),
        ),
        (Some(false), false, Some(false)) => {
            let names: Vec<String> = conditions
                .iter()
                .map(|c| {
                    let law = b.law;
                    let title = law.derogations.iter().find(|d| d.id == *c);
                    format!("({c}) {}", title.map(|d| d.title.as_str()).unwrap_or(""))
                })
                .collect();
            let registration = b.law.requirement("art-49-2");
            let when = words::registration_dates(
                registration.and_then(|r| r.applies_from),
                registration.and_then(|r| r.later_reading),
            );
            b.decide(
                &format!("Art. 6(3)({})", conditions.join(", ")),
                format!(
                    "Not high-risk despite Annex III use {listed}: no significant risk of harm and it relies on {}. The provider must document this assessment before placing it on the market (Art. 6(4)) and register the system (Art. 49(2){when}); a market surveillance authority can reclassify it (Art. 80).",
                    names.join("; ")
                ),
            );
            return true;
        }
        (Some(false), true, _) if !unanswered => b.decide(
            "Art. 6(3)",
            format!(
                "High-risk: Annex III use {listed}; none of the four Art. 6(3) conditions holds, so the derogation is not available."
            ),
        ),
        _ => {
            b.provisional = true;
            b.decide(
                "Art. 6(2)",
                format!(
                    "Treated as high-risk (Annex III use {listed}) until the significant-risk question, the four Art. 6(3) conditions and the profiling question are answered."
                ),
            );
        }
    }
    false
}

/// The triggers the Art 6 decisions set, which select obligations.
fn record_risk_triggers(b: &mut Builder<'_>, annex_i: bool, annex_iii: &AnnexIii<'_>) {
    if annex_i {
        b.trigger("high-risk-annex-i");
    }
    if annex_iii.high {
        b.trigger("high-risk-annex-iii");
    }
    if annex_i || annex_iii.high {
        b.trigger("high-risk");
    }
    if annex_iii.derogation {
        b.trigger("annex-iii-derogation");
    }
}

/// Art 25: when a deployer, importer, distributor or product manufacturer
/// becomes the provider of a high-risk system (25(1), 25(3)), and what the
/// original provider owes the new one (25(2)).
fn art25_value_chain(b: &mut Builder<'_>, roles: &mut BTreeSet<String>, high: bool, annex_i: bool) {
    if ["deployer", "importer", "distributor"]
        .iter()
        .any(|r| roles.contains(*r))
    {
        art25_1_becoming_provider(b, roles, high);
    }
    if roles.contains("provider") && b.sys.yes("sys.downstream_changed") == Some(true) {
        b.trigger("value-chain-upstream");
        // The last sentence of Art 25(2): no hand-over duty where you had
        // clearly excluded turning the system into a high-risk one.
        match b.yes("sys.high_risk_use_excluded") {
            Some(true) => {
                b.trigger("high-risk-use-excluded");
                b.decide("Art. 25(2)", words::HIGH_RISK_USE_EXCLUDED);
            }
            Some(false) => b.decide("Art. 25(2)", words::DOWNSTREAM_CHANGED),
            None => b.decide(
                "Art. 25(2)",
                format!(
                    "{} {}",
                    words::DOWNSTREAM_CHANGED,
                    words::exception_unanswered("sys.high_risk_use_excluded")
                ),
            ),
        }
    }
    if roles.contains("product-manufacturer") {
        let integrated = b.sys.list("sys.product_integration").unwrap_or_default();
        if !integrated.is_empty() && annex_i {
            roles.insert("provider".into());
            b.decide("Art. 25(3)", words::MANUFACTURER_PROVIDER);
        } else {
            b.decide("Art. 25(3)", words::MANUFACTURER_NOT_PROVIDER);
        }
    }
}

/// Art 25(1)(a)-(c): rebranding, substantially modifying or repurposing a
/// high-risk system makes you its provider.
fn art25_1_becoming_provider(b: &mut Builder<'_>, roles: &mut BTreeSet<String>, high: bool) {
    let changes = b.sys.list("sys.value_chain").unwrap_or_default();
    let mut became = Vec::new();
    for (option, point, what) in words::VALUE_CHAIN {
        if !changes.contains(&option) {
            continue;
        }
        if high {
            became.push(format!("({point}) you {what}"));
        } else if option == "rebrand" {
            b.decide("Art. 25(1), Art. 3(3)", words::REBRAND_NOT_HIGH_RISK);
        } else {
            b.decide(
                "Art. 25(1)",
                format!("You {what}, but the system is not high-risk, so Art. 25(1) does not make you its provider."),
            );
        }
    }
    if became.is_empty() {
        return;
    }
    roles.insert("provider".into());
    b.trigger("value-chain-provider");
    let points: Vec<&str> = became.iter().map(|s| &s[1..2]).collect();
    b.decide(
        &format!("Art. 25(1)({})", points.join(", ")),
        format!(
            "You become the provider of this high-risk system because {}; the provider obligations apply to you and the original provider must hand over documentation and technical access (Art. 25(2)).",
            became.join(" and ")
        ),
    );
}

/// Art 27(1): a deployer of an Annex III high-risk system (outside area 2)
/// assesses its impact on fundamental rights when it is a public body or
/// provides public services, or uses it for credit scoring or insurance
/// pricing; Art 26(8) and 49(3): public authorities register their use.
fn art27_fria_and_public_deployers(
    b: &mut Builder<'_>,
    roles: &BTreeSet<String>,
    annex_iii: &AnnexIii<'_>,
) {
    if !(roles.contains("deployer") && annex_iii.high) {
        return;
    }
    let public_role = b.org.text("org.public_role");
    // Art 27(1) leaves out critical infrastructure (Annex III point 2): the
    // law data says which points each article leaves out.
    let all_area_2 = left_out(b.law, "art-27", &annex_iii.points);
    let fria_points: Vec<&str> = annex_iii
        .points
        .iter()
        .filter(|p| p.fria)
        .map(|p| p.id.as_str())
        .collect();
    let public = matches!(public_role, Some("public-body" | "public-service"));
    if !all_area_2 && (public || !fria_points.is_empty()) {
        b.trigger("fria");
        let why = match public_role {
            Some("public-body") if public => "you are a body governed by public law".to_string(),
            _ if public => "you are a private entity providing public services".to_string(),
            _ => format!(
                "the system is used for Annex III point {} (credit scoring or life and health insurance pricing), which needs a FRIA from every deployer",
                fria_points.join(", ")
            ),
        };
        b.decide(
            "Art. 27(1)",
            format!(
                "Fundamental rights impact assessment required before first use, because {why}; notify the results to the market surveillance authority."
            ),
        );
    } else if !all_area_2 {
        if public_role.is_none() {
            b.open.push("org.public_role".into());
        }
        b.decide("Art. 27(1)", words::NO_FRIA);
    } else {
        b.decide("Art. 27(1)", words::NO_FRIA_CRITICAL_INFRASTRUCTURE);
    }
    if public_role == Some("public-body") {
        b.trigger("public-authority");
        if left_out(b.law, "art-49-3", &annex_iii.points) {
            b.decide("Art. 26(8), Art. 49(5)", words::PUBLIC_AUTHORITY_NATIONAL);
        } else {
            b.decide("Art. 26(8), Art. 49(3)", words::PUBLIC_AUTHORITY);
        }
    }
}

/// Whether requirement `id` leaves out every one of these Annex III points
/// (its `except_annex_iii`).
fn left_out(law: &Framework, id: &str, points: &[&AnnexIiiPoint]) -> bool {
    law.requirement(id).is_some_and(|r| {
        !points.is_empty() && points.iter().all(|p| r.except_annex_iii.contains(&p.id))
    })
}

/// Art 26(7): a high-risk system used at the workplace.
fn art26_7_workplace(b: &mut Builder<'_>, roles: &BTreeSet<String>, high: bool) {
    if roles.contains("deployer") && high && b.sys.yes("sys.workplace") == Some(true) {
        b.trigger("workplace");
        b.decide("Art. 26(7)", words::WORKPLACE);
    }
}

/// Art 22: a provider of a high-risk system established outside the EU
/// needs an authorised representative in the EU.
fn art22_authorised_representative(b: &mut Builder<'_>, roles: &BTreeSet<String>, high: bool) {
    let outside_eu = roles.contains("provider") && b.org.yes("org.eu_established") == Some(false);
    if high && (outside_eu || roles.contains("authorised-representative")) {
        b.trigger("non-eu-provider");
        b.decide("Art. 22", words::NON_EU_PROVIDER);
    }
}

/// Art 50: transparency. 50(1)-(2) bind the provider, 50(3)-(4) the
/// deployer, each with the exceptions written into its paragraph (asked as
/// follow-up questions). `true` when a duty is yours in your role.
fn art50_transparency(b: &mut Builder<'_>, roles: &BTreeSet<String>) -> bool {
    let answered = b.list("sys.transparency").unwrap_or_default();
    let mut yours_any = false;
    for (option, trigger, article, provider_duty, text) in words::TRANSPARENCY {
        if !answered.contains(&option) {
            continue;
        }
        let holder = if provider_duty {
            "provider"
        } else {
            "deployer"
        };
        if !roles.contains(holder) {
            b.trigger(trigger);
            b.decide(
                article,
                format!("{text} This duty sits with the {holder}, not with you in your role; check that they meet it."),
            );
            continue;
        }
        if let Some(route_only) = art50_exception(b, option, trigger, article) {
            // An exception that cancels the whole paragraph is in the law
            // data (`except_triggers`); one that cancels a single route of
            // it (Art 50(4) text under editorial responsibility) is applied
            // here by not raising that route's trigger.
            if !route_only {
                b.trigger(trigger);
            }
            continue;
        }
        b.trigger(trigger);
        yours_any = true;
        if option == "deep-fake" && b.yes("sys.art50.artistic") == Some(true) {
            b.trigger("artistic-work");
            b.decide(article, words::DEEP_FAKE_ARTISTIC);
        } else {
            b.decide(article, text);
        }
    }
    yours_any
}

/// The exception of Art 50 that holds for the `option` answered, if any:
/// records it and gives whether it cancels only that route. An exception
/// that cancels the whole paragraph counts only when the law data lists
/// its trigger among the paragraph's `except_triggers`.
fn art50_exception(b: &mut Builder<'_>, option: &str, route: &str, article: &str) -> Option<bool> {
    let law = b.law;
    for (opt, question, trigger, route_only, text) in words::ART50_EXCEPTIONS {
        if opt != option {
            continue;
        }
        let in_data = route_only
            || law
                .requirements
                .iter()
                .filter(|r| r.triggers.iter().any(|t| t == route))
                .all(|r| r.except_triggers.iter().any(|t| t == trigger));
        // The law-enforcement question is only asked of public bodies and
        // law-enforcement uses: not answering it is no open question.
        let holds = if question == words::LAW_ENFORCEMENT_QUESTION {
            b.sys.yes(question)
        } else {
            b.yes(question)
        };
        if in_data && holds == Some(true) {
            b.trigger(trigger);
            b.decide(article, text);
            return Some(route_only);
        }
    }
    None
}

/// Art 2(12): a free and open-source component is excluded unless it is
/// high-risk, prohibited or has Art 50 duties. `true` when excluded.
fn art2_12_open_source(b: &mut Builder<'_>, has_duties: bool) -> bool {
    if has_duties {
        b.decide("Art. 2(12)", words::OPEN_SOURCE_NOT_EXCLUDED);
        return false;
    }
    b.decide("Art. 2(12)", words::OPEN_SOURCE_EXCLUDED);
    b.triggers.clear();
    true
}

/// Art 111(2): a high-risk system placed on the market before the
/// high-risk rules apply is caught by them at its next significant change.
fn art111_placed_before(b: &mut Builder<'_>, annex_iii: bool) {
    let start = if annex_iii {
        "2027-12-02"
    } else {
        "2028-08-02"
    };
    let start_date: Date = start.parse().expect("valid date");
    if let Some(placed) = b.sys.date("sys.placed_date").filter(|p| *p < start_date) {
        b.decide(
            "Art. 111(2)",
            format!(
                "Placed on the market on {placed}, before the high-risk rules apply ({start}): the requirements reach this system once its design changes significantly after that date (a new model version or intended purpose usually does), and by 2030-08-02 if public authorities use it. The obligations below assume your next significant release."
            ),
        );
    }
}

/// Arts 11(1), 17(2), 99(6)-(6a): lighter documentation, a proportionate
/// quality system and capped fines for SME and small mid-cap providers.
fn art11_17_99_smaller_providers(b: &mut Builder<'_>, roles: &BTreeSet<String>) {
    if !roles.contains("provider") {
        return;
    }
    match b.org.number("org.headcount") {
        Some(n) if n < 250.0 => b.decide("Art. 11(1), 17(2), 99(6)", words::SME),
        Some(n) if n < 750.0 => b.decide("Art. 11(1), 17(2), 99(6a)", words::SMALL_MID_CAP),
        _ => {}
    }
}

/// Art 4: AI literacy, for every provider and deployer.
fn art4_ai_literacy(b: &mut Builder<'_>, roles: &BTreeSet<String>) {
    if roles.iter().any(|r| r == "provider" || r == "deployer") {
        b.decide("Art. 4", words::AI_LITERACY);
    }
}

/// The headline tier: the most serious finding wins.
fn headline(
    b: &mut Builder<'_>,
    prohibited: bool,
    high: bool,
    derogation: bool,
    transparency: bool,
) -> Tier {
    if prohibited {
        Tier::Prohibited
    } else if high {
        Tier::HighRisk
    } else if derogation {
        Tier::AnnexIiiDerogation
    } else if b.triggers.contains("annex-i-section-b") {
        Tier::SectoralHighRisk
    } else if transparency {
        Tier::Transparency
    } else {
        if b.open.is_empty() {
            b.decide("Art. 95", words::MINIMAL);
        }
        Tier::Minimal
    }
}

/// The decision flow for a general-purpose AI model: whose duties they are
/// and scope (Arts 2, 53), the provider duties (Art 53(1)), systemic risk
/// (Arts 51-52, 55), the open-source relief (Art 53(2)) and the authorised
/// representative (Art 54).
fn classify_model(b: &mut Builder<'_>, roles: &mut BTreeSet<String>) -> Tier {
    if let Some(tier) = gpai_scope(b, roles) {
        return tier;
    }
    roles.remove("provider");
    if declared_provider(b) {
        roles.insert("gpai-provider".into());
    }
    b.trigger("gpai");
    b.decide("Art. 53(1)", words::GPAI_PROVIDER);
    let systemic = art51_systemic_risk(b);
    art53_2_open_source_and_art54(b, systemic);
    b.trigger("in-scope");
    if systemic {
        Tier::GpaiSystemic
    } else {
        Tier::Gpai
    }
}

/// Arts 53 and 2: the model duties are the provider's; the model must
/// reach the EU market and not be excluded. `Some(tier)` ends it.
fn gpai_scope(b: &mut Builder<'_>, roles: &BTreeSet<String>) -> Option<Tier> {
    if !roles.contains("provider") && !roles.contains("authorised-representative") {
        if roles.is_empty() {
            b.need("sys.roles");
            return Some(Tier::Incomplete);
        }
        b.decide("Art. 53", words::GPAI_USER);
        return Some(Tier::OutOfScope);
    }
    let Some(reach) = b.list("sys.eu_scope") else {
        return Some(Tier::Incomplete);
    };
    if reach.is_empty() {
        b.decide("Art. 2(1)", words::GPAI_OUT_OF_TERRITORY);
        return Some(Tier::OutOfScope);
    }
    let exclusions = b.sys.list("sys.exclusions").unwrap_or_default();
    if exclusions.contains(&"research-only") || exclusions.contains(&"pre-market-testing") {
        b.decide("Art. 2(6), 2(8)", words::GPAI_RESEARCH);
        return Some(Tier::Excluded);
    }
    None
}

/// Art 51: systemic risk, presumed above 10^25 FLOP of training compute
/// (51(2)) or designated by the Commission (51(1)(b)).
fn art51_systemic_risk(b: &mut Builder<'_>) -> bool {
    let compute = b.sys.text("sys.compute");
    if compute.is_none() {
        b.need("sys.compute");
    }
    let designated = b.sys.yes("sys.designated") == Some(true);
    if compute == Some("above-1e25") {
        b.decide("Art. 51(2)", words::COMPUTE_ABOVE_THRESHOLD);
    }
    if designated {
        b.decide("Art. 51(1)(b)", words::DESIGNATED);
    }
    if compute == Some("below-1e23") {
        b.decide("Art. 3(63)", words::COMPUTE_BELOW_INDICATIVE);
    }
    let systemic = compute == Some("above-1e25") || designated;
    if systemic {
        b.trigger("gpai-systemic");
    }
    systemic
}

/// Art 53(2): open-source models without systemic risk are spared some
/// documentation duties; Art 54: others from outside the EU appoint a
/// representative.
fn art53_2_open_source_and_art54(b: &mut Builder<'_>, systemic: bool) {
    let open = b.sys.yes("sys.open_source") == Some(true) && !systemic;
    if open {
        // The law data lists this trigger among the exceptions of Art
        // 53(1)(a)-(b) and Art 54.
        b.trigger("gpai-open-source");
        b.decide("Art. 53(2)", words::GPAI_OPEN_SOURCE);
    }
    if b.org.yes("org.eu_established") == Some(false) {
        b.trigger("gpai-non-eu");
        if !open {
            b.decide("Art. 54", words::GPAI_NON_EU);
        }
    }
}

fn declared_provider(b: &Builder<'_>) -> bool {
    b.sys.has("sys.roles", "provider")
}

/// The obligations that apply to a classified system, with their dates.
fn obligations(
    law: &Framework,
    class: &SystemClass,
    placed: Option<Date>,
    today: Date,
) -> Vec<Obligation> {
    let mut out: BTreeMap<&str, Obligation> = BTreeMap::new();
    for r in &law.requirements {
        if r.informational.is_some() {
            continue;
        }
        let Some(role) = r
            .applies_to
            .iter()
            .find(|role| class.effective_roles.contains(role.as_str()))
        else {
            continue;
        };
        if !r
            .triggers
            .iter()
            .any(|t| class.triggers.contains(t.as_str()))
        {
            continue;
        }
        if !within_article_scope(r, class) {
            continue;
        }
        // The earliest matching date rule, else the general date.
        let date = r
            .dates
            .iter()
            .filter(|d| {
                d.trigger
                    .as_ref()
                    .is_none_or(|t| class.triggers.contains(t.as_str()))
                    && d.placed_before
                        .is_none_or(|pb| placed.is_some_and(|p| p < pb))
            })
            .map(|d| d.date)
            .min()
            .or(r.applies_from);
        out.insert(
            &r.id,
            Obligation {
                id: r.id.clone(),
                title: r.title.clone(),
                reference: r.reference.clone().unwrap_or_default(),
                role: role.clone(),
                date,
                date_note: r.date_note.clone(),
                in_force: date.is_some_and(|d| d <= today),
                penalty: r.penalty.clone(),
                later_date: r.later_reading.filter(|l| date.is_some_and(|d| d < *l)),
                check: r.check,
            },
        );
    }
    // Keep the law file's order.
    law.requirements
        .iter()
        .filter_map(|r| out.remove(r.id.as_str()))
        .collect()
}

/// The limits an article puts on its own scope, from the law data: not
/// where one of its `except_triggers` holds (an exception written into it,
/// or Art 2(2) for Section B products), and not for a system whose Annex
/// III uses are all points it leaves out (`except_annex_iii`).
fn within_article_scope(r: &Requirement, class: &SystemClass) -> bool {
    let excepted = r
        .except_triggers
        .iter()
        .any(|t| class.triggers.contains(t.as_str()));
    let left_out = !r.except_annex_iii.is_empty()
        && !class.annex_iii.is_empty()
        && class
            .annex_iii
            .iter()
            .all(|p| r.except_annex_iii.contains(p));
    !excepted && !left_out
}

/// System questions asked for this system.
fn asked(
    qn: &Questionnaire,
    sections: &[Option<&Section>],
    system: &System,
    org: Answers<'_>,
) -> BTreeSet<Text> {
    let facts = BTreeSet::new();
    let ctx = Ctx {
        primary: Answers {
            map: &system.answers,
        },
        fallback: Some(org),
        facts: &facts,
    };
    qn.questions
        .iter()
        .zip(sections)
        .filter(|(q, section)| {
            section.is_some_and(|s| {
                s.kind == SectionKind::System && s.when.as_ref().is_none_or(|w| w.eval(&ctx))
            }) && q.when.as_ref().is_none_or(|w| w.eval(&ctx))
        })
        .map(|(q, _)| q.id.clone())
        .collect()
}

/// What the classification says, kept apart from the decision steps so the
/// wording can be read and reviewed in one place.
mod words {
    pub const ROLE_UNKNOWN: &str = "Say which role your organisation has for this system (provider, deployer, importer, distributor, product manufacturer, authorised representative).";
    pub const NOT_AI: &str = "Not an AI system: it does not infer from its input how to generate outputs such as predictions, content, recommendations or decisions with some autonomy.";
    pub const REACH_UNKNOWN: &str = "Say how the system reaches the EU (placed on the EU market, provider or deployer in the EU, or output used in the EU).";
    pub const OUT_OF_TERRITORY: &str = "Out of territorial scope: not placed on the EU market or put into service there, no deployer in the EU, and no output used in the EU.";

    /// How an answer to `sys.eu_scope` brings the system into scope.
    pub fn reach(option: &str) -> &str {
        match option {
            "placed-eu" => "placed on the EU market or put into service there",
            "established-eu" => "your organisation is established or located in the EU",
            "output-eu" => "its output is used in the EU",
            other => other,
        }
    }

    /// The exclusions of Art 2(3)-(8): (option of `sys.exclusions`, article, decision).
    pub const EXCLUSIONS: [(&str, &str, &str); 4] = [
        (
            "military",
            "Art. 2(3)",
            "Excluded: placed on the market, put into service or used exclusively for military, defence or national-security purposes.",
        ),
        (
            "third-country-authority",
            "Art. 2(4)",
            "Excluded: used by a third-country public authority or international organisation under a cooperation agreement with adequate safeguards.",
        ),
        (
            "research-only",
            "Art. 2(6)",
            "Excluded: developed and put into service for the sole purpose of scientific research and development.",
        ),
        (
            "pre-market-testing",
            "Art. 2(8)",
            "Excluded while in research, testing or development before it is placed on the market or put into service (testing in real-world conditions is not covered by this exclusion).",
        ),
    ];
    pub const PERSONAL_USE: &str = "Purely personal, non-professional use: the deployer duties do not apply to that use (provider, importer and distributor duties still do).";

    /// Art 2(2): a high-risk Annex I Section B product.
    pub fn section_b(products: &str) -> String {
        format!(
            "High-risk as (a safety component of) an Annex I Section B product ({products}), but Art. 2(2) leaves only Art. 6(1), Art. 60a and Arts. 102-112 to apply to it: the AI Act requirements reach it through the amended sectoral law. So no AI Act duty is listed for it here, not AI literacy (Art. 4), the prohibitions (Art. 5) or transparency (Art. 50) either; follow the sectoral approval rules as they take the requirements up."
        )
    }

    /// The practice an Art 5 point bans, from its title ("No social
    /// scoring" gives "social scoring").
    fn practice(title: &str) -> &str {
        title.strip_prefix("No ").unwrap_or(title)
    }

    /// Art 5(1): a prohibited practice the system engages in.
    pub fn prohibited(
        title: &str,
        from: Option<jiff::civil::Date>,
        today: jiff::civil::Date,
    ) -> String {
        let title = practice(title);
        let when = match from {
            Some(d) if d > today => format!(", banned from {d}. Stop it before then"),
            Some(d) => format!(", banned since {d}. Stop it now"),
            None => ". Stop it now".to_string(),
        };
        format!(
            "Prohibited practice: {title}{when}: it may not be placed on the market, put into service or used in the EU, so switch it off for EU users and record what you stopped and when."
        )
    }
    pub const REDESIGN_ONLY: &str = "A prohibited practice cannot be brought into line, only stopped. The findings below describe what the system would owe if you redesign it without the prohibited practice: they are conditional and apply only once the redesigned system is placed on the market or put into service.";

    /// An Art 5 point that binds other roles only.
    pub fn not_your_ban(title: &str, whom: &str) -> String {
        let practice = practice(title);
        let mut chars = practice.chars();
        let title: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        format!(
            "{title}: this point bans the use, so it binds the {whom}, not you in your role. Make sure your customers use the system only within the law (contract terms, acceptable-use policy); such a system is usually high-risk under Annex III."
        )
    }

    /// An exception that could lift a prohibition or a duty, not answered yet.
    pub fn exception_unanswered(question: &str) -> String {
        format!(
            "The Act allows a narrow exception here: answer `{question}` to say whether it holds."
        )
    }

    /// The exceptions written into Art 5 points: (point, follow-up
    /// question, trigger, article, decision when it holds).
    pub const ART5_EXCEPTIONS: [(&str, &str, &str, &str, &str); 2] = [
        (
            "g",
            "sys.art5.g_exception",
            "biometric-dataset-labelling",
            "Art. 5(1)(g)",
            "Biometric categorisation used only to label or filter lawfully acquired biometric datasets, or for categorisation by law enforcement: outside the Art. 5(1)(g) ban. Keep a record of the datasets, their lawful source and what the labels are used for.",
        ),
        (
            "h",
            "sys.art5.h_exception",
            "rbi-authorised-exception",
            "Art. 5(1)(h), 5(2)-(7)",
            "Live remote biometric identification for law enforcement, used only where strictly necessary to search for specific victims or missing persons, prevent a specific and imminent threat to life or a terrorist attack, or locate suspects of serious crimes, each use with prior authorisation: not prohibited, but every use needs the Art. 5(2)-(7) safeguards (fundamental rights impact assessment, registration, prior authorisation), and the system is high-risk (Annex III point 1(a)).",
        ),
    ];

    pub const ASSISTANCE_ONLY: &str = "Not a safety component: the AI only assists users or optimises performance, efficiency or quality, and its failure would not endanger health or safety.";
    pub const ANNEX_I_HIGH_RISK: &str = "High-risk: the AI is a safety component of (or is) an Annex I Section A product that must undergo third-party conformity assessment for health and safety.";
    pub const NO_THIRD_PARTY_ASSESSMENT: &str = "Not high-risk via Annex I: the product needs no third-party conformity assessment for health and safety.";
    pub const THIRD_PARTY_UNKNOWN: &str = "Treated as high-risk until you confirm whether the product needs third-party conformity assessment.";
    pub const SAFETY_FUNCTION_UNKNOWN: &str = "Treated as high-risk until you say whether the AI is the product, a safety component, or only an assistance function.";

    /// Art 25(1)(a)-(c): (option of `sys.value_chain`, point, what you did).
    pub const VALUE_CHAIN: [(&str, &str, &str); 3] = [
        ("rebrand", "a", "put your name or trademark on it"),
        ("substantial-modification", "b", "modified it substantially"),
        ("changed-purpose", "c", "changed its intended purpose"),
    ];
    pub const REBRAND_NOT_HIGH_RISK: &str = "Rebranding a system that is not high-risk does not trigger Art. 25(1); but whoever places it on the market under its own name is its provider (Art. 3(3)), for example for the Art. 50 duties.";
    pub const DOWNSTREAM_CHANGED: &str = "A downstream party rebranded, substantially modified or repurposed your system for a high-risk use and became its provider: cooperate with it (documentation, known limitations and failure modes, technical access and help).";
    pub const HIGH_RISK_USE_EXCLUDED: &str = "A downstream party turned your system into a high-risk one, but you had clearly stated that it must not be: Art. 25(2) then asks no hand-over from you. Keep the terms that said so.";
    pub const MANUFACTURER_PROVIDER: &str = "As the manufacturer of an Annex I Section A product that carries this high-risk AI safety component under your name, you are its provider.";
    pub const MANUFACTURER_NOT_PROVIDER: &str = "You are not the provider as product manufacturer: that only happens for a high-risk safety component of an Annex I Section A product placed or put into service under your name.";

    pub const NO_FRIA: &str = "No fundamental rights impact assessment: you are not a public body or a private provider of public services, and the use is not credit scoring or life/health insurance pricing.";
    pub const PUBLIC_AUTHORITY: &str = "As a public-authority deployer, register your use in the EU database and do not use a high-risk system that is not registered.";
    pub const PUBLIC_AUTHORITY_NATIONAL: &str = "As a public-authority deployer of a critical-infrastructure system (Annex III point 2), you do not record your use in the EU database (Art. 49(3) leaves point 2 out; such systems are registered at national level); still check that the system is registered before you use it.";
    pub const NO_FRIA_CRITICAL_INFRASTRUCTURE: &str = "No fundamental rights impact assessment: Art. 27(1) leaves out critical-infrastructure systems (Annex III point 2).";
    pub const WORKPLACE: &str = "Used at the workplace: inform workers' representatives and the affected workers before putting it into use.";
    pub const NON_EU_PROVIDER: &str = "The provider is established outside the EU: a written mandate to an EU authorised representative is needed before the system is made available.";

    /// Art 50: (option of `sys.transparency`, trigger, article, whether the
    /// provider (else the deployer) holds the duty, decision).
    pub const TRANSPARENCY: [(&str, &str, &str, bool, &str); 5] = [
        (
            "interacts",
            "interacts-with-people",
            "Art. 50(1)",
            true,
            "Interacts directly with people: design it so they are told they are dealing with an AI, unless that is obvious.",
        ),
        (
            "synthetic",
            "synthetic-content",
            "Art. 50(2)",
            true,
            "Generates synthetic audio, images, video or text: mark outputs as AI-generated in a machine-readable, detectable way.",
        ),
        (
            "emotion-biometric",
            "emotion-or-biometric",
            "Art. 50(3)",
            false,
            "Emotion recognition or biometric categorisation: inform the people exposed to it.",
        ),
        (
            "deep-fake",
            "deep-fake",
            "Art. 50(4)",
            false,
            "Produces deep fakes: disclose that the content was generated or manipulated by AI.",
        ),
        (
            "public-interest-text",
            "public-interest-text",
            "Art. 50(4)",
            false,
            "Publishes AI-generated text on matters of public interest: disclose it unless a person reviews it and holds editorial responsibility.",
        ),
    ];
    pub const DEEP_FAKE_ARTISTIC: &str = "Produces deep fakes within an evidently artistic, creative, satirical or fictional work: disclose that the content is generated or manipulated, in a way that does not spoil the display or enjoyment of the work (the lighter duty of Art. 50(4)).";

    /// The question about the law-enforcement carve-outs of Art 50(1)-(3).
    pub const LAW_ENFORCEMENT_QUESTION: &str = "sys.art50.law_enforcement";

    /// The exceptions written into Art 50: (option of `sys.transparency`,
    /// follow-up question, trigger, whether it cancels only that route of
    /// the paragraph, decision when it holds).
    pub const ART50_EXCEPTIONS: [(&str, &str, &str, bool, &str); 6] = [
        (
            "interacts",
            LAW_ENFORCEMENT_QUESTION,
            "law-enforcement-authorised",
            false,
            "Interacts directly with people, but it is authorised by law only to detect, prevent, investigate or prosecute crime and the public cannot use it to report a crime: Art. 50(1) asks for no notice.",
        ),
        (
            "interacts",
            "sys.art50.obvious",
            "obvious-ai",
            false,
            "Interacts directly with people, but you answered that anyone reasonably well informed sees at once that it is an AI, so Art. 50(1) asks for no notice. Record why it is obvious; when in doubt, tell people anyway.",
        ),
        (
            "synthetic",
            LAW_ENFORCEMENT_QUESTION,
            "law-enforcement-authorised",
            false,
            "Generates synthetic content, but it is authorised by law only to detect, prevent, investigate or prosecute crime: Art. 50(2) asks for no marking.",
        ),
        (
            "synthetic",
            "sys.art50.assistive",
            "assistive-editing",
            false,
            "Produces or edits content only as an aid to standard editing, or without substantially changing what the user gave it or its meaning: Art. 50(2) asks for no marking. Check again when a feature starts producing new content.",
        ),
        (
            "emotion-biometric",
            LAW_ENFORCEMENT_QUESTION,
            "law-enforcement-authorised",
            false,
            "Emotion recognition or biometric categorisation authorised by law only to detect, prevent or investigate crime: Art. 50(3) asks for no notice (data protection law still applies).",
        ),
        (
            "public-interest-text",
            "sys.art50.editorial",
            "editorial-responsibility",
            true,
            "Publishes AI-generated text on matters of public interest, but a person reviews or edits it and your organisation holds editorial responsibility for it: Art. 50(4) asks for no AI disclosure on that text. Keep the review records.",
        ),
    ];

    /// When the Art 49(2) registration is due, where sources differ.
    pub fn registration_dates(
        from: Option<jiff::civil::Date>,
        later: Option<jiff::civil::Date>,
    ) -> String {
        match (from, later) {
            (Some(a), Some(b)) => format!(
                "; sources differ on whether that is due since {a} or only from {b}, see the note on Art. 49(2)"
            ),
            _ => String::new(),
        }
    }

    pub const OPEN_SOURCE_NOT_EXCLUDED: &str = "Released under a free and open-source licence, but the exclusion does not hold because the system is high-risk, prohibited or has Art. 50 duties.";
    pub const OPEN_SOURCE_EXCLUDED: &str = "Excluded: a free and open-source component that is not high-risk, not a prohibited practice and has no Art. 50 duties.";

    pub const SME: &str = "As an SME you may use the simplified technical documentation form, keep the quality management system proportionate, and fines are capped at the lower of the amount and the percentage.";
    pub const SMALL_MID_CAP: &str = "As a small mid-cap you may use the simplified technical documentation form and a proportionate quality management system; operator fines are capped at the lower of the amount and the percentage.";
    pub const AI_LITERACY: &str = "As provider or deployer, take measures to support the AI literacy of your staff and of others who operate the system for you.";
    pub const MINIMAL: &str = "No high-risk, prohibited or transparency duty found; voluntary codes of conduct may still help.";

    pub const GPAI_USER: &str = "The GPAI model duties fall on its provider; you use the model (build on it or deploy it), so classify each AI system you build on it separately.";
    pub const GPAI_OUT_OF_TERRITORY: &str =
        "Out of territorial scope: the model is not placed on the EU market.";
    pub const GPAI_RESEARCH: &str = "Excluded while used only for research, development or prototyping before it is placed on the market.";
    pub const GPAI_PROVIDER: &str = "Provider of a general-purpose AI model placed on the EU market: keep technical documentation, inform downstream providers, have a copyright policy and publish a training-content summary.";
    pub const COMPUTE_ABOVE_THRESHOLD: &str = "Systemic risk presumed: cumulative training compute above 10^25 FLOP. Notify the Commission within two weeks (Art. 52); you may argue that the model nonetheless has no systemic risk.";
    pub const DESIGNATED: &str =
        "Designated by the Commission as a model with systemic risk (Annex XIII criteria).";
    pub const COMPUTE_BELOW_INDICATIVE: &str = "Training compute below the Commission's indicative 10^23 FLOP threshold: check that the model really is general-purpose (wide range of tasks, significant generality).";
    pub const GPAI_OPEN_SOURCE: &str = "Released under a free and open-source licence with public weights: exempt from the documentation duties of Art. 53(1)(a)-(b) and from appointing a representative (Art. 54), but not from the copyright policy and training summary.";
    pub const GPAI_NON_EU: &str = "Provider established outside the EU: appoint an authorised representative in the EU by written mandate before placing the model on the market.";
}
