//! Which frameworks, SOC 2 categories and AI Act duties apply, and why.

use std::collections::BTreeSet;

use jiff::civil::Date;

use super::analyze::Rules;
use super::classify::{self, SystemClass, Tier};
use super::{Answers, Ctx, Refs, add_days, days_between};
use crate::assessment::Assessment;
use crate::catalog::{Catalog, Questionnaire, Section, SectionKind};
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

pub(crate) fn scope(
    cat: &Catalog,
    refs: &Refs<'_>,
    qn: &Questionnaire,
    a: &Assessment,
    today: Date,
    sections: &[Option<&Section>],
) -> Scope {
    let org = Answers { map: &a.answers };
    let systems: Vec<SystemClass> = match cat.framework("euaiact") {
        Some(law) => a
            .systems
            .iter()
            .map(|(id, s)| classify::classify(id, s, org, law, qn, sections, today))
            .collect(),
        None => Vec::new(),
    };
    let goals = org.list("target.goals").unwrap_or_default();
    let usage = org.list("ai.usage").unwrap_or_default();
    let customers = org.list("org.customers").unwrap_or_default();
    let data = org.list("org.data").unwrap_or_default();
    let markets = org.list("org.markets").unwrap_or_default();
    let uses_ai = !usage.is_empty() || !a.systems.is_empty();
    let target_date = org.date("target.date");

    let mut frameworks = Vec::new();
    for fw in &cat.frameworks {
        let (in_scope, recommended, reason) = match fw.id.as_str() {
            "soc2" => {
                if let Some(cur @ ("type1" | "type2")) = org.text("target.soc2_current") {
                    (
                        true,
                        false,
                        format!(
                            "You hold a SOC 2 {} report: the controls must keep operating for the next report period.",
                            if cur == "type2" { "Type II" } else { "Type I" }
                        ),
                    )
                } else if goals.iter().any(|g| g.starts_with("soc2")) {
                    (
                        true,
                        false,
                        "You chose a SOC 2 report as a target.".to_string(),
                    )
                } else if customers
                    .iter()
                    .any(|c| matches!(*c, "enterprise" | "regulated" | "public-sector"))
                {
                    (
                        true,
                        true,
                        "Recommended: enterprise, regulated and public-sector buyers ask for a SOC 2 report before sharing data."
                            .to_string(),
                    )
                } else {
                    (
                        false,
                        false,
                        "Not a target, and you do not sell to enterprise, regulated or public-sector customers.".to_string(),
                    )
                }
            }
            "iso42001" => {
                if goals.contains(&"iso42001") {
                    (
                        true,
                        false,
                        "You chose ISO/IEC 42001 certification as a target.".to_string(),
                    )
                } else if usage.iter().any(|u| {
                    matches!(
                        *u,
                        "train-own" | "fine-tune-customer-data" | "decisions-about-people"
                    )
                }) {
                    (
                        true,
                        true,
                        "Recommended: you train or fine-tune models or make decisions about people, and buyers increasingly ask for AI governance evidence; ISO/IEC 42001 is the certifiable way to show it."
                            .to_string(),
                    )
                } else {
                    (
                        false,
                        false,
                        "Not a target; answers that evidence ISO/IEC 42001 are still recorded."
                            .to_string(),
                    )
                }
            }
            "euaiact" => {
                let in_scope_systems = systems.iter().filter(|s| s.tier.in_scope()).count();
                if in_scope_systems > 0 {
                    (
                        true,
                        false,
                        if in_scope_systems == 1 {
                            "One of your AI systems falls within the Act's territorial scope (Art. 2(1)).".to_string()
                        } else {
                            format!(
                                "{in_scope_systems} of your AI systems fall within the Act's territorial scope (Art. 2(1))."
                            )
                        },
                    )
                } else if !a.systems.is_empty()
                    && systems
                        .iter()
                        .all(|s| !s.tier.in_scope() && s.tier != Tier::Incomplete)
                {
                    (
                        false,
                        false,
                        "Every AI system you recorded is outside the Act's scope or excluded (see each system's reasons).".to_string(),
                    )
                } else if goals.contains(&"euaiact") || (markets.contains(&"eu") && uses_ai) {
                    (
                        true,
                        a.systems.is_empty() && !goals.contains(&"euaiact"),
                        if a.systems.is_empty() {
                            "You sell in the EU and use AI: add each AI system so trustgap can classify it (Art. 2(1) reaches providers placing systems on the EU market and output used in the EU).".to_string()
                        } else {
                            "You sell in the EU and use AI; finish classifying your AI systems."
                                .to_string()
                        },
                    )
                } else {
                    (
                        false,
                        false,
                        "No EU market, no EU use of your AI's output, and no AI system recorded."
                            .to_string(),
                    )
                }
            }
            "nist-ai-rmf" => {
                if goals.contains(&"nist-ai-rmf") {
                    (
                        true,
                        false,
                        "You chose the NIST AI RMF as a target.".to_string(),
                    )
                } else if uses_ai {
                    (
                        true,
                        true,
                        "Used as the risk methodology for your AI (voluntary): it structures how AI risks are mapped, measured and managed.".to_string(),
                    )
                } else {
                    (false, false, "You do not build or use AI.".to_string())
                }
            }
            _ => (
                true,
                false,
                "Added from a custom catalog; every requirement is assessed.".to_string(),
            ),
        };
        frameworks.push(FrameworkScope {
            id: fw.id.clone(),
            short: fw.short.clone(),
            in_scope,
            recommended,
            reason,
        });
    }

    // SOC 2 categories.
    let mut tsc = Vec::new();
    let yes = |q: &str| org.yes(q);
    for (category, key) in TSC {
        let (in_scope, reason) = match key {
            "security" => (
                true,
                "Always included: the common criteria (CC1-CC9) are the Security category.".to_string(),
            ),
            "availability" => match yes("org.uptime_commitment") {
                Some(true) => (
                    true,
                    "You commit to uptime or availability in contracts or an SLA.".to_string(),
                ),
                Some(false) => (false, "You make no uptime commitment to customers.".to_string()),
                None => (
                    false,
                    "Not included until you say whether you commit to uptime (org.uptime_commitment).".to_string(),
                ),
            },
            "confidentiality" => {
                if data.contains(&"customer-confidential") {
                    (
                        true,
                        "You hold customers' confidential information (documents, code, prompts, business data).".to_string(),
                    )
                } else if customers.contains(&"enterprise") {
                    (
                        true,
                        "Enterprise customers share proprietary data with AI products and expect it to be covered.".to_string(),
                    )
                } else {
                    (false, "You hold no customer confidential information.".to_string())
                }
            }
            "processing-integrity" => match yes("org.processing_commitment") {
                Some(true) => (
                    true,
                    "Customers rely on the completeness and accuracy of your processing (commitments on outputs).".to_string(),
                ),
                _ if data.contains(&"financial") => (
                    true,
                    "You process financial data, where completeness and accuracy of processing are usually promised.".to_string(),
                ),
                Some(false) => (
                    false,
                    "You make no commitments on the completeness or accuracy of processing.".to_string(),
                ),
                None => (
                    false,
                    "Not included until you say whether customers rely on your processing accuracy (org.processing_commitment).".to_string(),
                ),
            },
            "privacy" => {
                let personal = data
                    .iter()
                    .any(|d| matches!(*d, "personal" | "special-category" | "children"));
                if data.iter().any(|d| matches!(*d, "special-category" | "children")) {
                    (
                        true,
                        "You handle special-category or children's personal data.".to_string(),
                    )
                } else if personal && customers.contains(&"consumers") {
                    (
                        true,
                        "You collect personal data directly from consumers.".to_string(),
                    )
                } else if personal {
                    (
                        false,
                        "Optional: you process personal data for business customers; Security and Confidentiality usually cover it, add Privacy if customers ask.".to_string(),
                    )
                } else {
                    (false, "You handle no personal data.".to_string())
                }
            }
            _ => (false, String::new()),
        };
        tsc.push(TscScope {
            category: category.to_string(),
            key: key.to_string(),
            in_scope,
            reason,
        });
    }
    if !frameworks.iter().any(|f| f.id == "soc2" && f.in_scope) {
        for t in &mut tsc {
            t.in_scope = false;
        }
    }

    // SOC 2 report type.
    let soc2_type = frameworks
        .iter()
        .find(|f| f.id == "soc2" && f.in_scope)
        .map(|_| match org.text("target.soc2_current") {
            Some("type2") => Soc2Type {
                report: "Type II".into(),
                reason: "You already hold a Type II report: plan the next observation period so it starts where the last one ended, with no gap in coverage.".into(),
            },
            Some("type1") => Soc2Type {
                report: "Type II".into(),
                reason: "You hold a Type I report: start the Type II observation window (3-12 months) now, since buyers ask for evidence that controls operate over time.".into(),
            },
            _ => soc2_report(&goals, target_date, today),
        });

    // Facts.
    let mut facts = BTreeSet::new();
    for f in &frameworks {
        if f.in_scope {
            facts.insert(f.id.to_string());
        }
    }
    for t in &tsc {
        if t.in_scope {
            facts.insert(format!("tsc.{}", t.key));
        }
    }
    for s in &systems {
        for t in &s.triggers {
            facts.insert(format!("aiact.{t}"));
        }
        if s.tier.in_scope() {
            for r in &s.effective_roles {
                facts.insert(format!("aiact.role.{r}"));
            }
        }
    }

    let open = SCOPE_QUESTIONS
        .iter()
        .filter(|q| org.get(q).is_none_or(|a| !a.is_answered()))
        .map(|q| q.to_string())
        .collect();

    let mut s = Scope {
        frameworks,
        tsc,
        soc2_type,
        systems,
        facts,
        asked: BTreeSet::new(),
        open,
        target_date,
    };
    s.asked = asked_questions(refs, qn, a, &s, sections);
    s
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

/// Organisation-level questions asked: scoping questions whose condition
/// holds, and gap questions whose condition holds and that evidence at least
/// one applicable requirement.
fn asked_questions(
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
