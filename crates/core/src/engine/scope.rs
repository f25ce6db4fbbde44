//! Which frameworks, SOC 2 categories and AI Act duties apply, and why.

use std::collections::BTreeSet;

use jiff::civil::Date;

use super::classify::{self, SystemClass, Tier};
use super::shared::{Answers, add_days, days_between};
use crate::assessment::Assessment;
use crate::catalog::{Catalog, Framework, Questionnaire, Section};
use crate::text::Text;

/// One framework's place in scope.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FrameworkScope {
    pub id: Text,
    pub short: Text,
    pub in_scope: bool,
    /// In scope because trustgap recommends it, not because it was chosen.
    pub recommended: bool,
    pub reason: String,
}

/// One SOC 2 Trust Services Category.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TscScope {
    /// `Security`, `Availability`, …
    pub category: String,
    /// Fact suffix: `security`, `availability`, …
    pub key: String,
    pub in_scope: bool,
    pub reason: String,
}

/// Which SOC 2 report to aim for first.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Soc2Type {
    /// "Type I" or "Type II".
    pub report: String,
    pub reason: String,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Scope {
    pub frameworks: Vec<FrameworkScope>,
    pub tsc: Vec<TscScope>,
    pub soc2_type: Option<Soc2Type>,
    pub systems: Vec<SystemClass>,
    /// Facts usable in conditions (`tsc.privacy`, `euaiact`, `aiact.high-risk` …).
    pub facts: BTreeSet<String>,
    /// Organisation-level questions that are asked (scoping and gap).
    pub asked: BTreeSet<Text>,
    /// Scoping questions still unanswered that change the scope.
    pub open: Vec<String>,
    pub target_date: Option<Date>,
    /// The goals the company targets, each with its own date, earliest first.
    pub goals: Vec<TargetGoal>,
}

/// One goal the company targets and when it must be met.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TargetGoal {
    /// The goal id (`soc2-type1`, `iso42001` …).
    pub id: Text,
    pub framework: Text,
    pub title: Text,
    /// The goal's own date, or the common target date.
    pub date: Option<Date>,
    /// When the work must be done: the date less the observation window and buffer.
    pub work_due: Option<Date>,
    pub buffer_days: u32,
    pub observation_days: u32,
}

impl Scope {
    pub fn framework(&self, id: &str) -> Option<&FrameworkScope> {
        self.frameworks.iter().find(|f| f.id == id)
    }

    pub fn in_scope(&self, id: &str) -> bool {
        self.framework(id).is_some_and(|f| f.in_scope)
    }

    /// Names of the SOC 2 categories in scope, in the standard order.
    pub fn tsc_names(&self) -> Vec<&str> {
        self.tsc
            .iter()
            .filter(|t| t.in_scope)
            .map(|t| t.category.as_str())
            .collect()
    }

    pub fn tsc_in_scope(&self, category: &str) -> bool {
        self.tsc
            .iter()
            .any(|t| t.in_scope && t.category.eq_ignore_ascii_case(category))
    }
}

const TSC: [(&str, &str); 5] = [
    ("Security", "security"),
    ("Availability", "availability"),
    ("Confidentiality", "confidentiality"),
    ("Processing Integrity", "processing-integrity"),
    ("Privacy", "privacy"),
];

/// Scoping questions whose answers change the scope.
const SCOPE_QUESTIONS: &[&str] = &[
    "org.markets",
    "org.customers",
    "org.data",
    "org.uptime_commitment",
    "org.processing_commitment",
    "target.goals",
    "target.soc2_current",
    "ai.usage",
];

/// The organisation's scoping answers that decide what is in scope.
struct Org<'a> {
    answers: Answers<'a>,
    goals: Vec<&'a str>,
    usage: Vec<&'a str>,
    customers: Vec<&'a str>,
    data: Vec<&'a str>,
    markets: Vec<&'a str>,
    /// Builds or uses AI (an answer to `ai.usage` or a recorded system).
    uses_ai: bool,
}

/// What applies to the organisation: the frameworks, the SOC 2 categories
/// and report type, each AI system's EU AI Act classification, and the
/// facts conditions test (`@soc2`, `@tsc.privacy`, `@aiact.high-risk`).
/// Which questions are asked follows from this (`rules::asked_questions`).
pub(crate) fn scope(
    cat: &Catalog,
    qn: &Questionnaire,
    a: &Assessment,
    today: Date,
    sections: &[Option<&Section>],
) -> Scope {
    let answers = Answers { map: &a.answers };
    let systems: Vec<SystemClass> = match cat.framework("euaiact") {
        Some(law) => a
            .systems
            .iter()
            .map(|(id, s)| classify::classify(id, s, answers, law, qn, sections, today))
            .collect(),
        None => Vec::new(),
    };
    let list = |q: &str| answers.list(q).unwrap_or_default();
    let org = Org {
        answers,
        goals: list("target.goals"),
        usage: list("ai.usage"),
        customers: list("org.customers"),
        data: list("org.data"),
        markets: list("org.markets"),
        uses_ai: !list("ai.usage").is_empty() || !a.systems.is_empty(),
    };
    let target_date = answers.date("target.date");
    let soc2_date = answers.date("target.soc2_date").or(target_date);
    let frameworks: Vec<FrameworkScope> = cat
        .frameworks
        .iter()
        .map(|fw| framework_scope(fw, &org, a, &systems))
        .collect();
    let soc2 = frameworks.iter().any(|f| f.id == "soc2" && f.in_scope);
    let tsc = tsc_scope(&org, soc2);
    let soc2_type = soc2.then(|| soc2_type(&org, soc2_date, today));
    let facts = facts(&frameworks, &tsc, &systems);
    let open = SCOPE_QUESTIONS
        .iter()
        .filter(|q| answers.get(q).is_none_or(|a| !a.is_answered()))
        .map(|q| q.to_string())
        .collect();
    let goals = target_goals(
        cat,
        &org,
        &frameworks,
        soc2_type.as_ref(),
        target_date,
        a.plan.buffer_days,
    );
    Scope {
        frameworks,
        tsc,
        soc2_type,
        systems,
        facts,
        asked: BTreeSet::new(),
        open,
        target_date,
        goals,
    }
}

/// The goals chosen (and in scope), with their dates, earliest first: a
/// SOC 2 goal is the report to aim for first, a holder of a report aims at
/// the next Type II.
fn target_goals(
    cat: &Catalog,
    org: &Org<'_>,
    frameworks: &[FrameworkScope],
    soc2_type: Option<&Soc2Type>,
    target_date: Option<Date>,
    buffer_days: Option<u32>,
) -> Vec<TargetGoal> {
    let holds_report = matches!(
        org.answers.text("target.soc2_current"),
        Some("type1" | "type2")
    );
    let wants_soc2 = holds_report || org.goals.iter().any(|g| g.starts_with("soc2"));
    let soc2_goal = soc2_type.filter(|_| wants_soc2).map(|t| {
        if t.report == "Type II" {
            "soc2-type2"
        } else {
            "soc2-type1"
        }
    });
    let chosen = |fw: &str, id: &str| -> bool {
        if fw == "soc2" {
            return soc2_goal == Some(id);
        }
        org.goals.contains(&id)
    };
    let mut goals: Vec<TargetGoal> = cat
        .frameworks
        .iter()
        .filter(|fw| frameworks.iter().any(|f| f.id == fw.id && f.in_scope))
        .flat_map(|fw| fw.goals.iter().map(move |g| (fw, g)))
        .filter(|(fw, g)| chosen(&fw.id, &g.id))
        .map(|(fw, g)| {
            let date = g
                .date_question
                .as_deref()
                .and_then(|q| org.answers.date(q))
                .or(target_date);
            // The assessment's own buffer, when it sets one, for every audit goal.
            let buffer_days = match buffer_days {
                Some(b) if !g.blocker_steps.is_empty() => b,
                _ => g.buffer_days,
            };
            TargetGoal {
                id: g.id.clone(),
                framework: fw.id.clone(),
                title: g.title.clone(),
                date,
                work_due: date.map(|d| add_days(d, -i64::from(g.observation_days + buffer_days))),
                buffer_days,
                observation_days: g.observation_days,
            }
        })
        .collect();
    goals.sort_by_key(|g| (g.work_due.is_none(), g.work_due));
    goals
}

/// Whether a framework is in scope, whether trustgap recommends it, and why.
fn framework_scope(
    fw: &Framework,
    org: &Org<'_>,
    a: &Assessment,
    systems: &[SystemClass],
) -> FrameworkScope {
    let (in_scope, recommended, reason) = match fw.id.as_str() {
        "soc2" => soc2_scope(org),
        "iso42001" => iso42001_scope(org),
        "euaiact" => euaiact_scope(org, a, systems),
        "nist-ai-rmf" => nist_scope(org),
        _ => (true, false, words::CUSTOM_FRAMEWORK.to_string()),
    };
    FrameworkScope {
        id: fw.id.clone(),
        short: fw.short.clone(),
        in_scope,
        recommended,
        reason,
    }
}

/// (in scope, recommended, reason).
type Decision = (bool, bool, String);

fn soc2_scope(org: &Org<'_>) -> Decision {
    if let Some(current @ ("type1" | "type2")) = org.answers.text("target.soc2_current") {
        let report = if current == "type2" {
            "Type II"
        } else {
            "Type I"
        };
        return (
            true,
            false,
            format!(
                "You hold a SOC 2 {report} report: the controls must keep operating for the next report period."
            ),
        );
    }
    if org.goals.iter().any(|g| g.starts_with("soc2")) {
        return (true, false, words::SOC2_TARGET.to_string());
    }
    let buyers = ["enterprise", "regulated", "public-sector"];
    if org.customers.iter().any(|c| buyers.contains(c)) {
        return (true, true, words::SOC2_RECOMMENDED.to_string());
    }
    (false, false, words::SOC2_NOT_TARGET.to_string())
}

fn iso42001_scope(org: &Org<'_>) -> Decision {
    if org.goals.contains(&"iso42001") {
        return (true, false, words::ISO_TARGET.to_string());
    }
    let builds = [
        "train-own",
        "fine-tune-customer-data",
        "decisions-about-people",
    ];
    if org.usage.iter().any(|u| builds.contains(u)) {
        return (true, true, words::ISO_RECOMMENDED.to_string());
    }
    (false, false, words::ISO_NOT_TARGET.to_string())
}

fn euaiact_scope(org: &Org<'_>, a: &Assessment, systems: &[SystemClass]) -> Decision {
    let in_scope_systems = systems.iter().filter(|s| s.tier.in_scope()).count();
    if in_scope_systems == 1 {
        return (true, false, words::AIACT_ONE_SYSTEM.to_string());
    }
    if in_scope_systems > 1 {
        return (
            true,
            false,
            format!(
                "{in_scope_systems} of your AI systems fall within the Act's territorial scope (Art. 2(1))."
            ),
        );
    }
    let all_classified_out = systems
        .iter()
        .all(|s| !s.tier.in_scope() && s.tier != Tier::Incomplete);
    if !a.systems.is_empty() && all_classified_out {
        return (false, false, words::AIACT_ALL_OUT.to_string());
    }
    let target = org.goals.contains(&"euaiact");
    if target || (org.markets.contains(&"eu") && org.uses_ai) {
        return if a.systems.is_empty() {
            (true, !target, words::AIACT_ADD_SYSTEMS.to_string())
        } else {
            (true, false, words::AIACT_FINISH.to_string())
        };
    }
    (false, false, words::AIACT_NO_EU.to_string())
}

fn nist_scope(org: &Org<'_>) -> Decision {
    if org.goals.contains(&"nist-ai-rmf") {
        (true, false, words::NIST_TARGET.to_string())
    } else if org.uses_ai {
        (true, true, words::NIST_RECOMMENDED.to_string())
    } else {
        (false, false, words::NIST_NO_AI.to_string())
    }
}

/// The SOC 2 categories: Security always, the others from the answers;
/// none when SOC 2 is out of scope.
fn tsc_scope(org: &Org<'_>, soc2: bool) -> Vec<TscScope> {
    TSC.iter()
        .map(|(category, key)| {
            let (in_scope, reason) = match *key {
                "security" => (true, words::SECURITY.to_string()),
                "availability" => availability(org),
                "confidentiality" => confidentiality(org),
                "processing-integrity" => processing_integrity(org),
                "privacy" => privacy(org),
                _ => (false, String::new()),
            };
            TscScope {
                category: category.to_string(),
                key: key.to_string(),
                in_scope: in_scope && soc2,
                reason,
            }
        })
        .collect()
}

fn availability(org: &Org<'_>) -> (bool, String) {
    match org.answers.yes("org.uptime_commitment") {
        Some(true) => (true, words::UPTIME.to_string()),
        Some(false) => (false, words::NO_UPTIME.to_string()),
        None => (false, words::UPTIME_UNKNOWN.to_string()),
    }
}

fn confidentiality(org: &Org<'_>) -> (bool, String) {
    if org.data.contains(&"customer-confidential") {
        (true, words::CONFIDENTIAL_DATA.to_string())
    } else if org.customers.contains(&"enterprise") {
        (true, words::ENTERPRISE_DATA.to_string())
    } else {
        (false, words::NO_CONFIDENTIAL_DATA.to_string())
    }
}

fn processing_integrity(org: &Org<'_>) -> (bool, String) {
    match org.answers.yes("org.processing_commitment") {
        Some(true) => (true, words::PROCESSING_COMMITMENT.to_string()),
        _ if org.data.contains(&"financial") => (true, words::FINANCIAL_DATA.to_string()),
        Some(false) => (false, words::NO_PROCESSING_COMMITMENT.to_string()),
        None => (false, words::PROCESSING_UNKNOWN.to_string()),
    }
}

fn privacy(org: &Org<'_>) -> (bool, String) {
    let sensitive = ["special-category", "children"];
    let personal = org
        .data
        .iter()
        .any(|d| *d == "personal" || sensitive.contains(d));
    if org.data.iter().any(|d| sensitive.contains(d)) {
        (true, words::SENSITIVE_DATA.to_string())
    } else if personal && org.customers.contains(&"consumers") {
        (true, words::CONSUMER_DATA.to_string())
    } else if personal {
        (false, words::BUSINESS_PERSONAL_DATA.to_string())
    } else {
        (false, words::NO_PERSONAL_DATA.to_string())
    }
}

/// The SOC 2 report to aim for: Type II once a report is held, otherwise
/// from the goals and the target date.
fn soc2_type(org: &Org<'_>, target: Option<Date>, today: Date) -> Soc2Type {
    match org.answers.text("target.soc2_current") {
        Some("type2") => Soc2Type {
            report: "Type II".into(),
            reason: words::HOLD_TYPE2.into(),
        },
        Some("type1") => Soc2Type {
            report: "Type II".into(),
            reason: words::HOLD_TYPE1.into(),
        },
        _ => soc2_report(&org.goals, target, today),
    }
}

/// The facts conditions can test: frameworks and SOC 2 categories in
/// scope, and each system's EU AI Act triggers and roles.
fn facts(
    frameworks: &[FrameworkScope],
    tsc: &[TscScope],
    systems: &[SystemClass],
) -> BTreeSet<String> {
    let mut facts = BTreeSet::new();
    facts.extend(
        frameworks
            .iter()
            .filter(|f| f.in_scope)
            .map(|f| f.id.to_string()),
    );
    facts.extend(
        tsc.iter()
            .filter(|t| t.in_scope)
            .map(|t| format!("tsc.{}", t.key)),
    );
    for s in systems {
        facts.extend(s.triggers.iter().map(|t| format!("aiact.{t}")));
        if s.tier.in_scope() {
            facts.extend(s.effective_roles.iter().map(|r| format!("aiact.role.{r}")));
        }
    }
    facts
}

fn soc2_report(goals: &[&str], target: Option<Date>, today: Date) -> Soc2Type {
    let wants_type2 = goals.contains(&"soc2-type2");
    let wants_type1 = goals.contains(&"soc2-type1");
    match target {
        Some(t) if wants_type2 && days_between(today, t) >= 270 => Soc2Type {
            report: "Type II".into(),
            reason: format!(
                "Your target date {t} leaves room for about three months of preparation and a Type II observation window of at least three months."
            ),
        },
        Some(t) if wants_type2 => Soc2Type {
            report: "Type I".into(),
            reason: format!(
                "Your target date {t} is too close for a Type II observation window after preparation: get a Type I report first, then start a 3-6 month Type II window right after (ends around {}).",
                add_days(t, 180)
            ),
        },
        _ if wants_type1 && !wants_type2 => Soc2Type {
            report: "Type I".into(),
            reason: "You chose Type I: a point-in-time report on control design; plan a Type II window after it, as most enterprise buyers ask for Type II.".into(),
        },
        Some(t) => Soc2Type {
            report: if days_between(today, t) >= 270 { "Type II" } else { "Type I" }.into(),
            reason: if days_between(today, t) >= 270 {
                format!("Your target date {t} leaves room for a Type II observation window, which most enterprise buyers ask for.")
            } else {
                format!("Your target date {t} is close: a Type I report first unblocks sales; roll into a Type II window after it.")
            },
        },
        None => Soc2Type {
            report: "Type I".into(),
            reason: "No target date given: a Type I report is the fastest first signal to buyers; plan a Type II window after it.".into(),
        },
    }
}

/// How the scope decisions are worded.
mod words {
    pub const CUSTOM_FRAMEWORK: &str =
        "Added from a custom catalog; every requirement is assessed.";
    pub const SOC2_TARGET: &str = "You chose a SOC 2 report as a target.";
    pub const SOC2_RECOMMENDED: &str = "Recommended: enterprise, regulated and public-sector buyers ask for a SOC 2 report before sharing data.";
    pub const SOC2_NOT_TARGET: &str =
        "Not a target, and you do not sell to enterprise, regulated or public-sector customers.";
    pub const ISO_TARGET: &str = "You chose ISO/IEC 42001 certification as a target.";
    pub const ISO_RECOMMENDED: &str = "Recommended: you train or fine-tune models or make decisions about people, and buyers increasingly ask for AI governance evidence; ISO/IEC 42001 is the certifiable way to show it.";
    pub const ISO_NOT_TARGET: &str =
        "Not a target; answers that evidence ISO/IEC 42001 are still recorded.";
    pub const AIACT_ONE_SYSTEM: &str =
        "One of your AI systems falls within the Act's territorial scope (Art. 2(1)).";
    pub const AIACT_ALL_OUT: &str = "Every AI system you recorded is outside the Act's scope or excluded (see each system's reasons).";
    pub const AIACT_ADD_SYSTEMS: &str = "You sell in the EU and use AI: add each AI system so trustgap can classify it (Art. 2(1) reaches providers placing systems on the EU market and output used in the EU).";
    pub const AIACT_FINISH: &str =
        "You sell in the EU and use AI; finish classifying your AI systems.";
    pub const AIACT_NO_EU: &str =
        "No EU market, no EU use of your AI's output, and no AI system recorded.";
    pub const NIST_TARGET: &str = "You chose the NIST AI RMF as a target.";
    pub const NIST_RECOMMENDED: &str = "Used as the risk methodology for your AI (voluntary): it structures how AI risks are mapped, measured and managed.";
    pub const NIST_NO_AI: &str = "You do not build or use AI.";

    pub const SECURITY: &str =
        "Always included: the common criteria (CC1-CC9) are the Security category.";
    pub const UPTIME: &str = "You commit to uptime or availability in contracts or an SLA.";
    pub const NO_UPTIME: &str = "You make no uptime commitment to customers.";
    pub const UPTIME_UNKNOWN: &str =
        "Not included until you say whether you commit to uptime (org.uptime_commitment).";
    pub const CONFIDENTIAL_DATA: &str =
        "You hold customers' confidential information (documents, code, prompts, business data).";
    pub const ENTERPRISE_DATA: &str =
        "Enterprise customers share proprietary data with AI products and expect it to be covered.";
    pub const NO_CONFIDENTIAL_DATA: &str = "You hold no customer confidential information.";
    pub const PROCESSING_COMMITMENT: &str = "Customers rely on the completeness and accuracy of your processing (commitments on outputs).";
    pub const FINANCIAL_DATA: &str = "You process financial data, where completeness and accuracy of processing are usually promised.";
    pub const NO_PROCESSING_COMMITMENT: &str =
        "You make no commitments on the completeness or accuracy of processing.";
    pub const PROCESSING_UNKNOWN: &str = "Not included until you say whether customers rely on your processing accuracy (org.processing_commitment).";
    pub const SENSITIVE_DATA: &str = "You handle special-category or children's personal data.";
    pub const CONSUMER_DATA: &str = "You collect personal data directly from consumers.";
    pub const BUSINESS_PERSONAL_DATA: &str = "Optional: you process personal data for business customers; Security and Confidentiality usually cover it, add Privacy if customers ask.";
    pub const NO_PERSONAL_DATA: &str = "You handle no personal data.";

    pub const HOLD_TYPE2: &str = "You already hold a Type II report: plan the next observation period so it starts where the last one ended, with no gap in coverage.";
    pub const HOLD_TYPE1: &str = "You hold a Type I report: start the Type II observation window (3-12 months) now, since buyers ask for evidence that controls operate over time.";
}
