//! `templates/pack.toml`: the data table that says which questions feed
//! which document. Templates read it through the context; it is the one
//! place where the pack names questions, and [`Table::check`] verifies
//! every id against the questionnaire.

use std::collections::BTreeMap;

use crate::catalog::Questionnaire;

/// The whole table.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    pub documents: Vec<DocumentDef>,
    #[serde(default)]
    pub policies: BTreeMap<String, PolicyDef>,
    #[serde(default)]
    pub controls: Vec<ControlDef>,
    #[serde(default)]
    pub system_risks: Vec<SystemRiskDef>,
    #[serde(default)]
    pub annex_iv: Vec<OutlineDef>,
    #[serde(default)]
    pub buyer_questions: Vec<BuyerQuestionDef>,
}

/// One document of the pack.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentDef {
    /// Its template (`policy-ai.md.j2`); the output is the name without `.j2`.
    pub template: String,
    pub title: String,
    /// The heading it is listed under on the index page.
    pub group: String,
    /// When it is written (see the table's header).
    pub when: String,
    /// `system`: one file per AI system.
    #[serde(default)]
    pub per: Option<String>,
}

/// One policy: its sections and the question whose owner owns it.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyDef {
    pub owner: String,
    pub sections: Vec<SectionDef>,
}

#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    pub title: String,
    pub practices: Vec<String>,
}

/// One recurring control of the calendar.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ControlDef {
    pub id: String,
    pub title: String,
    /// month, quarter, half-year, year or release.
    pub every: String,
    pub practice: String,
}

/// A risk that follows from an AI system's profile.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct SystemRiskDef {
    pub id: String,
    pub title: String,
    pub when: String,
    pub likelihood: u8,
    pub impact: u8,
    pub treatment: Vec<String>,
}

/// One part of the Annex IV outline.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct OutlineDef {
    pub title: String,
    pub practices: Vec<String>,
}

/// A question enterprise buyers ask, and the answers that reply to it.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct BuyerQuestionDef {
    pub question: String,
    pub practices: Vec<String>,
}

/// The `every` values a control may have, with their length in months
/// (0: before each release).
pub const PERIODS: [(&str, i8); 5] = [
    ("month", 1),
    ("quarter", 3),
    ("half-year", 6),
    ("year", 12),
    ("release", 0),
];

/// Company facts a `when` may name besides the `uses:`, `data:` and
/// `customers:` families.
pub const COMPANY_FACTS: [&str; 5] = ["always", "builds-ai", "soc2", "iso42001", "euaiact"];

impl Table {
    /// Reads the table; the error says where (line and column) and what.
    pub fn parse(src: &str) -> Result<Table, String> {
        toml::from_str(src).map_err(|e| {
            let at = e
                .span()
                .map(|s| {
                    let lc = crate::location::line_col(src, s.start);
                    format!("{}:{}: ", lc.line, lc.col)
                })
                .unwrap_or_default();
            format!("{at}{}", e.message())
        })
    }

    /// [`Table::check`], each problem with the line of `src` (the table's
    /// text) it is written on: `line 181: policies.x.sections[…]: …`.
    pub fn check_at(&self, src: &str, qn: &Questionnaire, templates: &[&str]) -> Vec<String> {
        self.check(qn, templates)
            .into_iter()
            .map(|p| match line_of(src, &p.entry, &p.value) {
                Some(line) => format!("line {line}: {}", p.message),
                None => p.message,
            })
            .collect()
    }

    /// Every problem with the table's references: question ids the
    /// questionnaire does not have, unknown periods and facts, templates
    /// that `templates` does not contain. Each problem names its key.
    fn check(&self, qn: &Questionnaire, templates: &[&str]) -> Vec<TableProblem> {
        let mut out = Vec::new();
        let mut question = |entry: String, key: String, id: &str| {
            if qn.question(id).is_none() {
                out.push(TableProblem {
                    entry,
                    value: format!("\"{id}\""),
                    message: format!("{key}: question `{id}` is not in questionnaire {}", qn.id),
                });
            }
        };
        for (name, p) in &self.policies {
            question(
                format!("[policies.{name}]"),
                format!("policies.{name}.owner"),
                &p.owner,
            );
            for s in &p.sections {
                for id in &s.practices {
                    question(
                        format!("\"{}\"", s.title),
                        format!("policies.{name}.sections[{}]", s.title),
                        id,
                    );
                }
            }
        }
        for c in &self.controls {
            question(
                format!("\"{}\"", c.id),
                format!("controls[{}].practice", c.id),
                &c.practice,
            );
        }
        for r in &self.system_risks {
            for id in &r.treatment {
                question(
                    format!("\"{}\"", r.id),
                    format!("system_risks[{}].treatment", r.id),
                    id,
                );
            }
        }
        for o in &self.annex_iv {
            for id in &o.practices {
                question(
                    format!("\"{}\"", o.title),
                    format!("annex_iv[{}]", o.title),
                    id,
                );
            }
        }
        for b in &self.buyer_questions {
            for id in &b.practices {
                question(
                    format!("\"{}\"", b.question),
                    format!("buyer_questions[{}]", b.question),
                    id,
                );
            }
        }
        for c in &self.controls {
            if !PERIODS.iter().any(|(p, _)| *p == c.every) {
                out.push(TableProblem {
                    entry: format!("\"{}\"", c.id),
                    value: format!("\"{}\"", c.every),
                    message: format!(
                        "controls[{}].every: `{}` is not one of month, quarter, half-year, year, release",
                        c.id, c.every
                    ),
                });
            }
        }
        for r in &self.system_risks {
            if !(1..=3).contains(&r.likelihood) || !(1..=4).contains(&r.impact) {
                out.push(TableProblem {
                    entry: format!("\"{}\"", r.id),
                    value: "likelihood".into(),
                    message: format!(
                        "system_risks[{}]: likelihood must be 1-3 and impact 1-4",
                        r.id
                    ),
                });
            }
            out.extend(bad_facts(&r.when, true).into_iter().map(|f| TableProblem {
                entry: format!("\"{}\"", r.id),
                value: f.clone(),
                message: format!("system_risks[{}].when: unknown fact `{f}`", r.id),
            }));
        }
        for d in &self.documents {
            if !templates.contains(&d.template.as_str()) {
                out.push(TableProblem {
                    entry: format!("\"{}\"", d.template),
                    value: format!("\"{}\"", d.template),
                    message: format!(
                        "documents[{}].template: no template named `{}`",
                        d.title, d.template
                    ),
                });
            }
            if let Some(per) = d.per.as_deref().filter(|p| *p != "system") {
                out.push(TableProblem {
                    entry: format!("\"{}\"", d.template),
                    value: format!("\"{per}\""),
                    message: format!("documents[{}].per: only `system` is known", d.title),
                });
            }
            out.extend(bad_facts(&d.when, false).into_iter().map(|f| TableProblem {
                entry: format!("\"{}\"", d.template),
                value: f.clone(),
                message: format!("documents[{}].when: unknown fact `{f}`", d.title),
            }));
        }
        out
    }
}

/// A problem with the table: the text that starts its entry and the value
/// it is about (to find its line), and what is wrong.
struct TableProblem {
    entry: String,
    value: String,
    message: String,
}

/// The 1-based line of `value` in `src`: the first line that holds it on
/// or after the first line that holds `entry`, comments left out.
fn line_of(src: &str, entry: &str, value: &str) -> Option<usize> {
    let lines: Vec<&str> = src.lines().collect();
    let code = |l: &&str| !l.trim_start().starts_with('#');
    let start = lines
        .iter()
        .position(|l| code(l) && l.contains(entry))
        .unwrap_or(0);
    lines[start..]
        .iter()
        .position(|l| code(l) && l.contains(value))
        .map(|i| start + i + 1)
}

/// System facts without a family: a model whose weights are published.
pub const SYSTEM_FACTS: [&str; 1] = ["open-weights-release"];

/// The facts of a `when` that are not known ones.
fn bad_facts(when: &str, system: bool) -> Vec<String> {
    when.split(" or ")
        .map(str::trim)
        .filter(|f| {
            let family = f.split_once(':').map(|(fam, _)| fam);
            let ok = COMPANY_FACTS.contains(f)
                || matches!(family, Some("uses" | "data" | "customers"))
                || (system
                    && (matches!(family, Some("tier" | "trigger" | "role"))
                        || SYSTEM_FACTS.contains(f)));
            !ok
        })
        .map(str::to_string)
        .collect()
}

/// Whether `when` holds for a set of facts.
pub fn holds(when: &str, facts: &std::collections::BTreeSet<String>) -> bool {
    when.split(" or ")
        .map(str::trim)
        .any(|f| f == "always" || facts.contains(f))
}
