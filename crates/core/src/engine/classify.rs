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

use super::{Answers, Ctx};
use crate::assessment::System;
use crate::catalog::{Framework, Questionnaire, Section, SectionKind};
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
    /// Whether it already applies on the evaluation date.
    pub in_force: bool,
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
    pub decisions: Vec<Decision>,
    pub obligations: Vec<Obligation>,
    /// System questions still unanswered that could change the result.
    pub open: Vec<String>,
    /// System questions asked for this system (their conditions hold).
    pub asked: BTreeSet<Text>,
}

impl SystemClass {
    pub fn has(&self, trigger: &str) -> bool {
        self.triggers.contains(trigger)
    }
}

struct Builder<'a> {
    sys: Answers<'a>,
    org: Answers<'a>,
    law: &'a Framework,
    decisions: Vec<Decision>,
    triggers: BTreeSet<String>,
    open: Vec<String>,
    provisional: bool,
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
        decisions: Vec::new(),
        triggers: BTreeSet::new(),
        open: Vec::new(),
        provisional: false,
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
        decisions: b.decisions,
        obligations: Vec::new(),
        open: b.open,
        asked: BTreeSet::new(),
    };
    if class.tier.in_scope() {
        class.obligations = obligations(law, &class, sys.date("sys.placed_date"), today);
    }
    class.asked = asked(qn, sections, system, org);
    class
}

fn classify_system(b: &mut Builder<'_>, roles: &mut BTreeSet<String>) -> Tier {
    if roles.is_empty() {
        b.need("sys.roles");
        b.decide(
            "Art. 3",
            "Say which role your organisation has for this system (provider, deployer, importer, distributor, product manufacturer, authorised representative).",
        );
        return Tier::Incomplete;
    }
    if b.sys.yes("sys.is_ai") == Some(false) {
        b.decide(
            "Art. 3(1)",
            "Not an AI system: it does not infer from its input how to generate outputs such as predictions, content, recommendations or decisions with some autonomy.",
        );
        return Tier::OutOfScope;
    }
    let Some(reach) = b.list("sys.eu_scope") else {
        b.decide(
            "Art. 2(1)",
            "Say how the system reaches the EU (placed on the EU market, provider or deployer in the EU, or output used in the EU).",
        );
        return Tier::Incomplete;
    };
    if reach.is_empty() {
        b.decide(
            "Art. 2(1)",
            "Out of territorial scope: not placed on the EU market or put into service there, no deployer in the EU, and no output used in the EU.",
        );
        return Tier::OutOfScope;
    }
    let reach_text: Vec<&str> = reach
        .iter()
        .map(|r| match *r {
            "placed-eu" => "placed on the EU market or put into service there",
            "established-eu" => "your organisation is established or located in the EU",
            "output-eu" => "its output is used in the EU",
            other => other,
        })
        .collect();
    b.decide(
        "Art. 2(1)",
        format!("In territorial scope: {}.", reach_text.join("; ")),
    );
    let exclusions = b.sys.list("sys.exclusions").unwrap_or_default();
    for (opt, art, text) in [
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
    ] {
        if exclusions.contains(&opt) {
            b.decide(art, text);
            return Tier::Excluded;
        }
    }
    if exclusions.contains(&"personal-use") && roles.remove("deployer") {
        b.decide(
            "Art. 2(10)",
            "Purely personal, non-professional use: the deployer duties do not apply to that use (provider, importer and distributor duties still do).",
        );
    }

    // Prohibited practices.
    let mut prohibited = Vec::new();
    for p in ART5 {
        let q = format!("sys.art5.{p}");
        if b.yes(&q) == Some(true) {
            let req = b.law.requirement(&format!("art-5-1-{p}"));
            let title = req
                .map(|r| r.title.as_str())
                .unwrap_or("prohibited practice");
            let from = req
                .and_then(|r| r.applies_from)
                .map(|d| format!(" (prohibited since {d})"))
                .unwrap_or_default();
            b.decide(
                &format!("Art. 5(1)({p})"),
                format!("Prohibited practice: {title}{from}. It may not be placed on the market, put into service or used in the EU."),
            );
            prohibited.push(p);
        }
    }

    // High-risk via Annex I.
    let law = b.law;
    let mut high_annex_i = false;
    let annex_i = b.list("sys.annex_i").unwrap_or_default();
    let section_of = |id: &str| {
        law.annex_i
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.section.as_str())
    };
    let sec_a: Vec<&str> = annex_i
        .iter()
        .copied()
        .filter(|id| section_of(id) == Some("A"))
        .collect();
    let sec_b: Vec<&str> = annex_i
        .iter()
        .copied()
        .filter(|id| section_of(id) == Some("B"))
        .collect();
    if !sec_b.is_empty() {
        let names: Vec<&str> = sec_b
            .iter()
            .map(|id| {
                law.annex_i
                    .iter()
                    .find(|e| e.id == *id)
                    .map(|e| e.title.as_str())
                    .unwrap_or(id)
            })
            .collect();
        b.trigger("annex-i-section-b");
        b.decide(
            "Art. 2(2), Art. 6(1)",
            format!(
                "Annex I Section B product ({}): likely high-risk, but the AI Act requirements reach it through the amended sectoral law; only Art. 6(1), Art. 60a and Arts. 102-112 apply directly.",
                names.join(", ")
            ),
        );
    }
    if !sec_a.is_empty() {
        match b.sys.text("sys.safety_function") {
            Some("assistance-only") => b.decide(
                "Art. 6(1a)",
                "Not a safety component: the AI only assists users or optimises performance, efficiency or quality, and its failure would not endanger health or safety.",
            ),
            Some(_) => match b.yes("sys.third_party_ca") {
                Some(true) => {
                    high_annex_i = true;
                    b.decide(
                        "Art. 6(1)",
                        "High-risk: the AI is a safety component of (or is) an Annex I Section A product that must undergo third-party conformity assessment for health and safety.",
                    );
                }
                Some(false) => b.decide(
                    "Art. 6(1)(b), 6(1c)",
                    "Not high-risk via Annex I: the product needs no third-party conformity assessment for health and safety.",
                ),
                None => {
                    high_annex_i = true;
                    b.provisional = true;
                    b.decide(
                        "Art. 6(1)",
                        "Treated as high-risk until you confirm whether the product needs third-party conformity assessment.",
                    );
                }
            },
            None => {
                b.need("sys.safety_function");
                high_annex_i = true;
                b.provisional = true;
                b.decide(
                    "Art. 6(1)",
                    "Treated as high-risk until you say whether the AI is the product, a safety component, or only an assistance function.",
                );
            }
        }
    }

    // High-risk via Annex III, with the derogation.
    let mut high_annex_iii = false;
    let mut derogation = false;
    let annex_iii = b.list("sys.annex_iii").unwrap_or_default();
    let points: Vec<&crate::catalog::AnnexIiiPoint> = annex_iii
        .iter()
        .filter_map(|id| law.annex_iii.iter().find(|p| p.id == *id))
        .collect();
    if !points.is_empty() {
        let listed: Vec<String> = points
            .iter()
            .map(|p| format!("{} ({})", p.id, p.title))
            .collect();
        let profiling = b.yes("sys.profiling");
        if profiling == Some(true) {
            high_annex_iii = true;
            b.decide(
                "Art. 6(3), third subparagraph",
                format!(
                    "High-risk: Annex III use {} that profiles natural persons; profiling always makes an Annex III system high-risk, whatever the Art. 6(3) conditions.",
                    listed.join(", ")
                ),
            );
        } else {
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
                (Some(true), _, _) => {
                    high_annex_iii = true;
                    b.decide(
                        "Art. 6(2)",
                        format!(
                            "High-risk: Annex III use {} that poses a significant risk of harm to health, safety or fundamental rights, so the Art. 6(3) derogation is not available.",
                            listed.join(", ")
                        ),
                    );
                }
                (Some(false), false, Some(false)) => {
                    derogation = true;
                    let names: Vec<String> = conditions
                        .iter()
                        .map(|c| {
                            let t = b
                                .law
                                .derogations
                                .iter()
                                .find(|d| d.id == *c)
                                .map(|d| d.title.as_str())
                                .unwrap_or("");
                            format!("({c}) {t}")
                        })
                        .collect();
                    b.decide(
                        &format!("Art. 6(3)({})", conditions.join(", ")),
                        format!(
                            "Not high-risk despite Annex III use {}: no significant risk of harm and it relies on {}. The provider must document this assessment before placing it on the market (Art. 6(4)) and register the system (Art. 49(2)); a market surveillance authority can reclassify it (Art. 80).",
                            listed.join(", "),
                            names.join("; ")
                        ),
                    );
                }
                (Some(false), true, _) if !unanswered => {
                    high_annex_iii = true;
                    b.decide(
                        "Art. 6(3)",
                        format!(
                            "High-risk: Annex III use {}; none of the four Art. 6(3) conditions holds, so the derogation is not available.",
                            listed.join(", ")
                        ),
                    );
                }
                _ => {
                    high_annex_iii = true;
                    b.provisional = true;
                    b.decide(
                        "Art. 6(2)",
                        format!(
                            "Treated as high-risk (Annex III use {}) until the significant-risk question, the four Art. 6(3) conditions and the profiling question are answered.",
                            listed.join(", ")
                        ),
                    );
                }
            }
        }
    }
    if high_annex_i {
        b.trigger("high-risk-annex-i");
    }
    if high_annex_iii {
        b.trigger("high-risk-annex-iii");
    }
    let high = high_annex_i || high_annex_iii;
    if high {
        b.trigger("high-risk");
    }
    if derogation {
        b.trigger("annex-iii-derogation");
    }

    // Value chain (Art 25).
    let downstream = ["deployer", "importer", "distributor"];
    if downstream.iter().any(|r| roles.contains(*r)) {
        let vc = b.sys.list("sys.value_chain").unwrap_or_default();
        let mut became = Vec::new();
        for (opt, point, what) in [
            ("rebrand", "a", "put your name or trademark on it"),
            ("substantial-modification", "b", "modified it substantially"),
            ("changed-purpose", "c", "changed its intended purpose"),
        ] {
            if vc.contains(&opt) {
                if high {
                    became.push(format!("({point}) you {what}"));
                } else if opt == "rebrand" {
                    b.decide(
                        "Art. 25(1), Art. 3(3)",
                        "Rebranding a system that is not high-risk does not trigger Art. 25(1); but whoever places it on the market under its own name is its provider (Art. 3(3)), for example for the Art. 50 duties.",
                    );
                } else {
                    b.decide(
                        "Art. 25(1)",
                        format!("You {what}, but the system is not high-risk, so Art. 25(1) does not make you its provider."),
                    );
                }
            }
        }
        if !became.is_empty() {
            roles.insert("provider".into());
            b.trigger("value-chain-provider");
            b.decide(
                &format!(
                    "Art. 25(1)({})",
                    became
                        .iter()
                        .map(|s| &s[1..2])
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                format!(
                    "You become the provider of this high-risk system because {}; the provider obligations apply to you and the original provider must hand over documentation and technical access (Art. 25(2)).",
                    became.join(" and ")
                ),
            );
        }
    }
    if roles.contains("provider") && b.sys.yes("sys.downstream_changed") == Some(true) {
        b.trigger("value-chain-upstream");
        b.decide(
            "Art. 25(2)",
            "A downstream party rebranded, substantially modified or repurposed your system: cooperate with the new provider (documentation, known limitations, technical access), unless you clearly specified that it must not be changed into a high-risk system.",
        );
    }
    if roles.contains("product-manufacturer") {
        let pi = b.sys.list("sys.product_integration").unwrap_or_default();
        if !pi.is_empty() && high_annex_i {
            roles.insert("provider".into());
            b.decide(
                "Art. 25(3)",
                "As the manufacturer of an Annex I Section A product that carries this high-risk AI safety component under your name, you are its provider.",
            );
        } else {
            b.decide(
                "Art. 25(3)",
                "You are not the provider as product manufacturer: that only happens for a high-risk safety component of an Annex I Section A product placed or put into service under your name.",
            );
        }
    }

    // Deployer situations.
    let deployer = roles.contains("deployer");
    let public_role = b.org.text("org.public_role");
    if deployer && high_annex_iii {
        let all_area_2 = points.iter().all(|p| p.area == 2);
        let fria_points: Vec<&str> = points
            .iter()
            .filter(|p| p.fria)
            .map(|p| p.id.as_str())
            .collect();
        let public = matches!(public_role, Some("public-body" | "public-service"));
        if !all_area_2 && (public || !fria_points.is_empty()) {
            b.trigger("fria");
            let why = if public {
                match public_role {
                    Some("public-body") => "you are a body governed by public law".to_string(),
                    _ => "you are a private entity providing public services".to_string(),
                }
            } else {
                format!(
                    "the system is used for Annex III point {} (credit scoring or life and health insurance pricing), which needs a FRIA from every deployer",
                    fria_points.join(", ")
                )
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
            b.decide(
                "Art. 27(1)",
                "No fundamental rights impact assessment: you are not a public body or a private provider of public services, and the use is not credit scoring or life/health insurance pricing.",
            );
        }
        if public_role == Some("public-body") {
            b.trigger("public-authority");
            b.decide(
                "Art. 26(8), Art. 49(3)",
                "As a public-authority deployer, register your use in the EU database and do not use a high-risk system that is not registered.",
            );
        }
    }
    if deployer && high && b.sys.yes("sys.workplace") == Some(true) {
        b.trigger("workplace");
        b.decide(
            "Art. 26(7)",
            "Used at the workplace: inform workers' representatives and the affected workers before putting it into use.",
        );
    }
    if high
        && ((roles.contains("provider") && b.org.yes("org.eu_established") == Some(false))
            || roles.contains("authorised-representative"))
    {
        b.trigger("non-eu-provider");
        b.decide(
            "Art. 22",
            "The provider is established outside the EU: a written mandate to an EU authorised representative is needed before the system is made available.",
        );
    }

    // Transparency: Art. 50(1)-(2) bind the provider, 50(3)-(4) the deployer.
    let transparency = b.list("sys.transparency").unwrap_or_default();
    let is_provider = roles.contains("provider");
    let is_deployer = roles.contains("deployer");
    let mut has_transparency = false;
    for (opt, trig, art, provider_duty, text) in [
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
    ] {
        if !transparency.contains(&opt) {
            continue;
        }
        b.trigger(trig);
        let yours = if provider_duty {
            is_provider
        } else {
            is_deployer
        };
        if yours {
            has_transparency = true;
            b.decide(art, text);
        } else {
            b.decide(
                art,
                format!(
                    "{text} This duty sits with the {}, not with you in your role; check that they meet it.",
                    if provider_duty { "provider" } else { "deployer" }
                ),
            );
        }
    }

    if exclusions.contains(&"open-source-component") {
        if high || !prohibited.is_empty() || has_transparency {
            b.decide(
                "Art. 2(12)",
                "Released under a free and open-source licence, but the exclusion does not hold because the system is high-risk, prohibited or has Art. 50 duties.",
            );
        } else {
            b.decide(
                "Art. 2(12)",
                "Excluded: a free and open-source component that is not high-risk, not a prohibited practice and has no Art. 50 duties.",
            );
            b.triggers.clear();
            return Tier::Excluded;
        }
    }

    if high {
        let start = if high_annex_iii {
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
    if high && roles.contains("provider") {
        match b.org.number("org.headcount") {
            Some(n) if n < 250.0 => b.decide(
                "Art. 11(1), 17(2), 99(6)",
                "As an SME you may use the simplified technical documentation form, keep the quality management system proportionate, and fines are capped at the lower of the amount and the percentage.",
            ),
            Some(n) if n < 750.0 => b.decide(
                "Art. 11(1), 17(2), 99(6a)",
                "As a small mid-cap you may use the simplified technical documentation form and a proportionate quality management system; operator fines are capped at the lower of the amount and the percentage.",
            ),
            _ => {}
        }
    }
    b.trigger("in-scope");
    if roles.iter().any(|r| r == "provider" || r == "deployer") {
        b.decide(
            "Art. 4",
            "As provider or deployer, take measures to support the AI literacy of your staff and of others who operate the system for you.",
        );
    }
    if !prohibited.is_empty() {
        Tier::Prohibited
    } else if high {
        Tier::HighRisk
    } else if derogation {
        Tier::AnnexIiiDerogation
    } else if b.triggers.contains("annex-i-section-b") {
        Tier::SectoralHighRisk
    } else if has_transparency {
        Tier::Transparency
    } else {
        if b.open.is_empty() {
            b.decide(
                "Art. 95",
                "No high-risk, prohibited or transparency duty found; voluntary codes of conduct may still help.",
            );
        }
        Tier::Minimal
    }
}

fn classify_model(b: &mut Builder<'_>, roles: &mut BTreeSet<String>) -> Tier {
    if !roles.contains("provider") && !roles.contains("authorised-representative") {
        if roles.is_empty() {
            b.need("sys.roles");
            return Tier::Incomplete;
        }
        b.decide(
            "Art. 53",
            "The GPAI model duties fall on its provider; you use the model (build on it or deploy it), so classify each AI system you build on it separately.",
        );
        return Tier::OutOfScope;
    }
    let Some(reach) = b.list("sys.eu_scope") else {
        return Tier::Incomplete;
    };
    if reach.is_empty() {
        b.decide(
            "Art. 2(1)",
            "Out of territorial scope: the model is not placed on the EU market.",
        );
        return Tier::OutOfScope;
    }
    let exclusions = b.sys.list("sys.exclusions").unwrap_or_default();
    if exclusions.contains(&"research-only") || exclusions.contains(&"pre-market-testing") {
        b.decide(
            "Art. 2(6), 2(8)",
            "Excluded while used only for research, development or prototyping before it is placed on the market.",
        );
        return Tier::Excluded;
    }
    roles.remove("provider");
    let is_provider = declared_provider(b);
    if is_provider {
        roles.insert("gpai-provider".into());
    }
    b.trigger("gpai");
    b.decide(
        "Art. 53(1)",
        "Provider of a general-purpose AI model placed on the EU market: keep technical documentation, inform downstream providers, have a copyright policy and publish a training-content summary.",
    );
    let compute = b.sys.text("sys.compute");
    if compute.is_none() {
        b.need("sys.compute");
    }
    let designated = b.sys.yes("sys.designated") == Some(true);
    let systemic = compute == Some("above-1e25") || designated;
    if compute == Some("above-1e25") {
        b.decide(
            "Art. 51(2)",
            "Systemic risk presumed: cumulative training compute above 10^25 FLOP. Notify the Commission within two weeks (Art. 52); you may argue that the model nonetheless has no systemic risk.",
        );
    }
    if designated {
        b.decide(
            "Art. 51(1)(b)",
            "Designated by the Commission as a model with systemic risk (Annex XIII criteria).",
        );
    }
    if compute == Some("below-1e23") {
        b.decide(
            "Art. 3(63)",
            "Training compute below the Commission's indicative 10^23 FLOP threshold: check that the model really is general-purpose (wide range of tasks, significant generality).",
        );
    }
    if systemic {
        b.trigger("gpai-systemic");
    }
    let open = b.sys.yes("sys.open_source") == Some(true);
    if open && !systemic {
        b.decide(
            "Art. 53(2)",
            "Released under a free and open-source licence with public weights: exempt from the documentation duties of Art. 53(1)(a)-(b) and from appointing a representative (Art. 54), but not from the copyright policy and training summary.",
        );
    } else {
        b.trigger("gpai-not-open");
        if b.org.yes("org.eu_established") == Some(false) {
            b.trigger("gpai-non-eu");
            b.decide(
                "Art. 54",
                "Provider established outside the EU: appoint an authorised representative in the EU by written mandate before placing the model on the market.",
            );
        }
    }
    b.trigger("in-scope");
    if systemic {
        Tier::GpaiSystemic
    } else {
        Tier::Gpai
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
            },
        );
    }
    // Keep the law file's order.
    law.requirements
        .iter()
        .filter_map(|r| out.remove(r.id.as_str()))
        .collect()
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
