//! What the engine's steps share: the catalog's requirements numbered once
//! per evaluation, typed views of answers, the context conditions are
//! evaluated in, and date arithmetic. It sits below every step and imports
//! none of them.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use crate::assessment::{Answer, Value};
use crate::catalog::{Catalog, Framework, ReqRef, Requirement, Section, SectionKind};
use crate::condition::{CondValue, Context};

/// The catalog's requirements, numbered (in catalog order) once per
/// evaluation so that references are looked up cheaply.
pub(crate) struct Refs<'c> {
    /// Each requirement with its framework, by number.
    all: Vec<(&'c Framework, &'c Requirement)>,
    /// The numbered frameworks: the first one with each id.
    blocks: Vec<Block<'c>>,
}

/// One framework's requirements in [`Refs`].
struct Block<'c> {
    framework: &'c Framework,
    /// Number of its first requirement.
    first: usize,
    /// Requirement id → number.
    ids: FxMap<&'c str, usize>,
}

impl<'c> Refs<'c> {
    pub fn new(cat: &'c Catalog) -> Self {
        let mut all = Vec::new();
        let mut blocks: Vec<Block<'c>> = Vec::new();
        for fw in &cat.frameworks {
            // As `Catalog::framework`: the first framework with an id.
            if blocks.iter().any(|b| b.framework.id == fw.id) {
                continue;
            }
            let first = all.len();
            let mut ids =
                FxMap::with_capacity_and_hasher(fw.requirements.len(), Default::default());
            for req in &fw.requirements {
                // As `Framework::reindex`: the last requirement with an id.
                ids.insert(req.id.as_str(), all.len());
                all.push((fw, req));
            }
            blocks.push(Block {
                framework: fw,
                first,
                ids,
            });
        }
        Refs { all, blocks }
    }

    /// How many requirements are numbered.
    pub fn len(&self) -> usize {
        self.all.len()
    }

    /// The number of the requirement [`Catalog::requirement`] finds.
    pub fn number(&self, framework: &str, id: &str) -> Option<usize> {
        let block = self.blocks.iter().find(|b| b.framework.id == framework)?;
        block.ids.get(id).copied()
    }

    /// The number of the requirement [`Catalog::requirement`] finds for
    /// the id of requirement `i` of `fw` (itself, unless ids repeat).
    pub fn number_of(&self, fw: &Framework, i: usize) -> Option<usize> {
        let block = self.blocks.iter().find(|b| b.framework.id == fw.id)?;
        if std::ptr::eq(block.framework, fw) && block.ids.len() == fw.requirements.len() {
            return Some(block.first + i);
        }
        block.ids.get(fw.requirements.get(i)?.id.as_str()).copied()
    }

    /// Requirement number `n` and its framework.
    pub fn get(&self, n: usize) -> (&'c Framework, &'c Requirement) {
        self.all[n]
    }

    /// What [`Catalog::requirement`] finds for `r`.
    pub fn find(&self, r: &ReqRef) -> Option<(&'c Framework, &'c Requirement)> {
        self.number(&r.framework, &r.id).map(|n| self.all[n])
    }
}

/// A hash map for the engine's own short keys (catalog ids), with the fast
/// hash rustc uses (FxHash): these keys need no protection from crafted
/// collisions.
pub(crate) type FxMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// A hash set with FxHash, for the same kind of keys.
pub(crate) type FxSet<T> = rustc_hash::FxHashSet<T>;

/// Kind of a question's section, as [`Questionnaire::section_kind`] says
/// (gap when the section is unknown).
pub(crate) fn section_kind(section: Option<&Section>) -> SectionKind {
    section.map(|s| s.kind).unwrap_or(SectionKind::Gap)
}

// ----------------------------------------------------------- answer helpers

/// Read-only view of a set of answers, with typed accessors.
#[derive(Clone, Copy)]
pub(crate) struct Answers<'a> {
    pub map: &'a BTreeMap<String, Answer>,
}

impl<'a> Answers<'a> {
    pub fn get(&self, id: &str) -> Option<&'a Answer> {
        self.map.get(id)
    }

    pub fn text(&self, id: &str) -> Option<&'a str> {
        match &self.get(id)?.value {
            Some(Value::Text(t)) => Some(t.as_str()),
            _ => None,
        }
    }

    /// Selected options of a multiple-choice answer, without `none`.
    /// `None` when unanswered; `Some(empty)` when answered "none".
    pub fn list(&self, id: &str) -> Option<Vec<&'a str>> {
        match &self.get(id)?.value {
            Some(Value::List(l)) => Some(
                l.iter()
                    .map(String::as_str)
                    .filter(|x| *x != "none")
                    .collect(),
            ),
            Some(Value::Text(t)) if t != "none" => Some(vec![t.as_str()]),
            Some(Value::Text(_)) => Some(Vec::new()),
            _ => None,
        }
    }

    pub fn has(&self, id: &str, option: &str) -> bool {
        self.list(id).is_some_and(|l| l.contains(&option))
    }

    /// `Some(true)` for "yes", `Some(false)` for "no", `None` otherwise.
    pub fn yes(&self, id: &str) -> Option<bool> {
        match self.text(id)? {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        }
    }

    pub fn number(&self, id: &str) -> Option<f64> {
        match &self.get(id)?.value {
            Some(Value::Number(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn date(&self, id: &str) -> Option<Date> {
        match &self.get(id)?.value {
            Some(Value::Date(d)) => Some(*d),
            _ => None,
        }
    }
}

/// Condition context over answers (system answers first, then the
/// organisation's) and facts.
pub(crate) struct Ctx<'a> {
    pub primary: Answers<'a>,
    pub fallback: Option<Answers<'a>>,
    pub facts: &'a BTreeSet<String>,
}

impl Context for Ctx<'_> {
    fn value(&self, question: &str) -> Option<CondValue<'_>> {
        let a = self
            .primary
            .get(question)
            .filter(|a| a.value.is_some())
            .or_else(|| self.fallback.and_then(|f| f.get(question)))?;
        match a.value.as_ref()? {
            Value::Text(t) => Some(CondValue::Text(t)),
            Value::List(l) => Some(CondValue::List(l)),
            Value::Number(n) => Some(CondValue::Number(*n)),
            Value::Date(_) => Some(CondValue::Text("date")),
        }
    }

    fn fact(&self, name: &str) -> bool {
        self.facts.contains(name)
    }
}

/// Adds `days` calendar days to a date (saturating).
pub(crate) fn add_days(d: Date, days: i64) -> Date {
    d.checked_add(jiff::Span::new().days(days)).unwrap_or(d)
}

/// Days from `a` to `b` (negative when `b` is earlier).
pub(crate) fn days_between(a: Date, b: Date) -> i64 {
    a.until(b).map(|s| s.get_days() as i64).unwrap_or(0)
}
