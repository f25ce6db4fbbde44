//! Reading framework and questionnaire files.

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Deserialize;
use toml::Spanned;
use toml::de::DeTable;
use toml::value::Datetime;

use super::*;
use crate::condition;
use crate::location::{Src, locate, path_at, path_string, segs_from_ignored};

#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Extra directories (`--catalog DIR`), applied after the built-in catalog.
    pub dirs: Vec<PathBuf>,
    /// The user's config directory, applied last when it exists.
    pub user_dir: Option<PathBuf>,
    /// Start without the built-in catalog (for tests of a hand-made
    /// catalog). Read by the binary, which holds the built-in catalog and
    /// passes it to [`load_over`] as the base.
    pub no_embedded: bool,
}

/// Loads every directory of `opts` over `base` (the built-in catalog as
/// [`load_files`] returned it, or an empty one) and merges by id: later
/// sources override earlier ones. Problems are collected in
/// `Catalog::problems`; a file with a problem that stops it from being read
/// is left out.
pub fn load_over(base: Catalog, opts: &LoadOptions) -> Catalog {
    let mut cat = base;
    cat.reindex();
    let mut dirs: Vec<&Path> = opts.dirs.iter().map(PathBuf::as_path).collect();
    if let Some(u) = &opts.user_dir
        && u.is_dir()
    {
        dirs.push(u);
    }
    for dir in dirs {
        load_dir(&mut cat, dir);
    }
    // A stable, meaningful order: the built-in frameworks first, then others by id.
    finish(cat)
}

/// Reads in-memory files (`frameworks/x.toml` or `questionnaires/x.toml`
/// names decide the kind) without the final merge step: what the build
/// script stores as the built-in catalog, to be given to [`load_over`].
pub fn load_files(files: &[(&str, &str)]) -> Catalog {
    let mut cat = Catalog::default();
    for (name, src) in files {
        load_file(&mut cat, name, src);
    }
    cat
}

/// Builds a catalog from in-memory files (`frameworks/x.toml` or
/// `questionnaires/x.toml` names decide the kind), without the embedded defaults.
pub fn load_from_strs(files: &[(&str, &str)]) -> Catalog {
    finish(load_files(files))
}

fn finish(mut cat: Catalog) -> Catalog {
    resolve_options(&mut cat);
    cat.frameworks.sort_by_key(|f| {
        let rank = FRAMEWORK_ORDER
            .iter()
            .position(|x| *x == f.id)
            .unwrap_or(FRAMEWORK_ORDER.len());
        (rank, f.id.clone())
    });
    cat
}

/// Display order of the built-in frameworks.
const FRAMEWORK_ORDER: &[&str] = &["soc2", "iso42001", "euaiact", "nist-ai-rmf"];

fn load_dir(cat: &mut Catalog, dir: &Path) {
    let origin = Origin {
        file: dir.display().to_string().into(),
        at: LineCol { line: 1, col: 1 },
    };
    if !dir.is_dir() {
        cat.problems.push(Problem::error(
            &origin,
            "",
            "catalog directory not found; give a directory that contains frameworks/ or questionnaires/",
        ));
        return;
    }
    let mut found = false;
    for sub in ["frameworks", "questionnaires"] {
        let d = dir.join(sub);
        if !d.is_dir() {
            continue;
        }
        found = true;
        let mut files: Vec<PathBuf> = match std::fs::read_dir(&d) {
            Ok(rd) => rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect(),
            Err(e) => {
                cat.problems.push(Problem::error(
                    &origin,
                    "",
                    format!("cannot read {}: {e}", d.display()),
                ));
                continue;
            }
        };
        files.sort();
        for f in files {
            let name = f.display().to_string();
            match std::fs::read_to_string(&f) {
                Ok(src) => load_file(cat, &name, &src),
                Err(e) => cat.problems.push(Problem::error(
                    &Origin {
                        file: name.into(),
                        at: LineCol { line: 1, col: 1 },
                    },
                    "",
                    format!("cannot read file: {e}"),
                )),
            }
        }
    }
    if !found {
        cat.problems.push(Problem::error(
            &origin,
            "",
            "no frameworks/ or questionnaires/ directory inside; put framework files in DIR/frameworks/*.toml and questionnaires in DIR/questionnaires/*.toml",
        ));
    }
}

/// Loads one file; `name` decides whether it is a framework or a questionnaire
/// (by its parent directory name).
fn load_file(cat: &mut Catalog, name: &str, src: &str) {
    cat.files.push(name.to_string());
    let is_questionnaire = Path::new(name)
        .parent()
        .and_then(|p| p.file_name())
        .is_some_and(|n| n == "questionnaires");
    if is_questionnaire {
        if let Some(q) = parse_questionnaire(name, src, &mut cat.problems) {
            cat.questionnaires.retain(|x| x.id != q.id);
            cat.questionnaires.push(q);
        }
    } else if let Some(f) = parse_framework(name, src, &mut cat.problems) {
        cat.frameworks.retain(|x| x.id != f.id);
        cat.frameworks.push(f);
    }
}

/// Parses a document with spans, deserializes it, and reports syntax errors,
/// type errors and unknown keys with file:line:col and key.
pub(crate) fn parse_doc<T: for<'de> Deserialize<'de>>(
    file: &str,
    src: &Src<'_>,
    what: &str,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let doc = match DeTable::parse(src) {
        Ok(d) => d,
        Err(e) => {
            problems.push(Problem::toml_syntax(file, src, &e));
            return None;
        }
    };
    let mut unknown = Vec::new();
    let de = toml::de::Deserializer::from(doc);
    let result: Result<T, _> = serde_ignored::deserialize(de, |path| {
        unknown.push(segs_from_ignored(&path));
    });
    if unknown.is_empty() && result.is_ok() {
        return result.ok();
    }
    // Only on problems: parse again to locate keys (the first parse was
    // consumed by the deserializer; keeping a copy costs every clean load).
    let Ok(reparsed) = DeTable::parse(src) else {
        return None;
    };
    let root = reparsed.get_ref();
    for path in &unknown {
        let at = locate(root, path)
            .map(|s| src.at(s.start))
            .unwrap_or_default();
        let key = path_string(path);
        let last = match path.last() {
            Some(crate::location::Seg::Key(k)) => k.clone(),
            _ => key.clone(),
        };
        problems.push(Problem {
            severity: Severity::Error,
            file: file.to_string(),
            at,
            key: key.clone(),
            message: format!(
                "unknown key `{last}` in this {what} file; check the spelling against docs/formats.md or remove it"
            ),
        });
    }
    match result {
        Ok(v) => Some(v),
        Err(e) => {
            let offset = e.span().map(|s| s.start).unwrap_or(0);
            let path = path_at(root, offset);
            problems.push(Problem {
                severity: Severity::Error,
                file: file.to_string(),
                at: src.at(offset),
                key: path_string(&path),
                message: e.message().trim().to_string(),
            });
            None
        }
    }
}

fn origin_of(file: &str, src: &Src<'_>, span: std::ops::Range<usize>) -> Origin {
    Origin {
        file: file.into(),
        at: src.at(span.start),
    }
}

/// Converts a TOML date into a civil date, reporting anything else.
pub(crate) fn to_date(
    v: &Spanned<Datetime>,
    file: &str,
    src: &Src<'_>,
    key: &str,
    problems: &mut Vec<Problem>,
) -> Option<Date> {
    let dt = v.get_ref();
    let origin = origin_of(file, src, v.span());
    match (dt.date, dt.time) {
        (Some(d), None) => match Date::new(d.year as i16, d.month as i8, d.day as i8) {
            Ok(date) => Some(date),
            Err(e) => {
                problems.push(Problem::error(&origin, key, format!("invalid date: {e}")));
                None
            }
        },
        _ => {
            problems.push(Problem::error(
                &origin,
                key,
                "expected a date like 2026-11-22 (no time, no quotes)",
            ));
            None
        }
    }
}

// ---------------------------------------------------------------- frameworks

#[derive(Deserialize)]
struct RawFramework {
    id: Spanned<String>,
    name: Text,
    short: Option<Text>,
    version: Text,
    publisher: Text,
    source: Text,
    url: Option<Text>,
    last_checked: Spanned<Datetime>,
    kind: FrameworkKind,
    description: Text,
    #[serde(default)]
    facts: Vec<Fact>,
    #[serde(default)]
    groups: Vec<RawGroup>,
    #[serde(default)]
    tags: Vec<Tag>,
    #[serde(default)]
    requirements: Vec<RawRequirement>,
    #[serde(default)]
    penalties: Vec<Penalty>,
    #[serde(default)]
    annex_iii: Vec<AnnexIiiPoint>,
    #[serde(default)]
    annex_i: Vec<AnnexIEntry>,
    #[serde(default)]
    derogations: Vec<Derogation>,
    #[serde(default)]
    goals: Vec<RawGoal>,
}

#[derive(Deserialize)]
struct RawGoal {
    id: Spanned<String>,
    title: Text,
    date_question: Option<Text>,
    #[serde(default)]
    buffer_days: u32,
    #[serde(default)]
    observation_days: u32,
    #[serde(default)]
    blocker_steps: Vec<Vec<Text>>,
    #[serde(default)]
    milestones: Vec<RawMilestone>,
    #[serde(default)]
    costs: Vec<Cost>,
}

#[derive(Deserialize)]
struct RawMilestone {
    id: Spanned<String>,
    title: Text,
    #[serde(default)]
    why: Text,
    #[serde(default)]
    steps: Vec<Text>,
    #[serde(default)]
    evidence: Vec<Text>,
    days_before: u32,
    #[serde(default)]
    effort_days: u32,
    owner: Text,
    #[serde(default)]
    fixed: bool,
    #[serde(default)]
    duration_days: u32,
    #[serde(default)]
    first: bool,
}

#[derive(Deserialize)]
struct RawGroup {
    id: Spanned<String>,
    title: Text,
    #[serde(default)]
    description: Text,
    parent: Option<Text>,
}

#[derive(Deserialize)]
struct RawDateRule {
    trigger: Option<Text>,
    placed_before: Option<Spanned<Datetime>>,
    date: Spanned<Datetime>,
    #[serde(default)]
    note: Text,
}

#[derive(Deserialize)]
struct RawRequirement {
    id: Spanned<String>,
    title: Text,
    summary: Text,
    group: Text,
    category: Option<Text>,
    reference: Option<Text>,
    #[serde(default)]
    points_of_focus: Vec<Text>,
    documented_information: Option<Text>,
    #[serde(default)]
    soa: bool,
    informational: Option<Text>,
    #[serde(default)]
    applies_to: Vec<Text>,
    #[serde(default)]
    triggers: Vec<Text>,
    applies_from: Option<Spanned<Datetime>>,
    penalty: Option<Text>,
    date_note: Option<Text>,
    #[serde(default)]
    dates: Vec<RawDateRule>,
    #[serde(default)]
    check: bool,
    #[serde(default)]
    except_triggers: Vec<Text>,
    #[serde(default)]
    except_annex_iii: Vec<Text>,
    later_reading: Option<Spanned<Datetime>>,
}

pub(crate) fn parse_framework(
    file: &str,
    src: &str,
    problems: &mut Vec<Problem>,
) -> Option<Framework> {
    let src = &Src::new(src);
    let raw: RawFramework = parse_doc(file, src, "framework", problems)?;
    let origin = origin_of(file, src, raw.id.span());
    let last_checked = to_date(&raw.last_checked, file, src, "last_checked", problems)?;
    let requirements = raw
        .requirements
        .into_iter()
        .map(|r| requirement(r, file, src, problems))
        .collect();
    let id = raw.id.into_inner();
    let mut fw = Framework {
        short: raw.short.unwrap_or_else(|| id.clone().into()),
        id: id.into(),
        name: raw.name,
        version: raw.version,
        publisher: raw.publisher,
        source: raw.source,
        url: raw.url,
        last_checked,
        kind: raw.kind,
        description: raw.description,
        facts: raw.facts,
        groups: raw
            .groups
            .into_iter()
            .map(|g| Group {
                origin: origin_of(file, src, g.id.span()),
                id: g.id.into_inner().into(),
                title: g.title,
                description: g.description,
                parent: g.parent,
            })
            .collect(),
        tags: raw.tags,
        requirements,
        penalties: raw.penalties,
        annex_iii: raw.annex_iii,
        annex_i: raw.annex_i,
        derogations: raw.derogations,
        goals: raw.goals.into_iter().map(|g| goal(g, file, src)).collect(),
        origin,
        index: Default::default(),
        group_index: Default::default(),
    };
    fw.reindex();
    Some(fw)
}

/// A goal as read, each piece with where it is written.
fn goal(g: RawGoal, file: &str, src: &Src<'_>) -> Goal {
    Goal {
        origin: origin_of(file, src, g.id.span()),
        id: g.id.into_inner().into(),
        title: g.title,
        date_question: g.date_question,
        buffer_days: g.buffer_days,
        observation_days: g.observation_days,
        blocker_steps: g.blocker_steps,
        milestones: g
            .milestones
            .into_iter()
            .map(|m| Milestone {
                origin: origin_of(file, src, m.id.span()),
                id: m.id.into_inner().into(),
                title: m.title,
                why: m.why,
                steps: m.steps,
                evidence: m.evidence,
                days_before: m.days_before,
                effort_days: m.effort_days,
                owner: m.owner,
                fixed: m.fixed,
                duration_days: m.duration_days,
                first: m.first,
            })
            .collect(),
        costs: g.costs,
    }
}

/// A requirement as read, with its dates checked.
fn requirement(
    r: RawRequirement,
    file: &str,
    src: &Src<'_>,
    problems: &mut Vec<Problem>,
) -> Requirement {
    let applies_from = match &r.applies_from {
        Some(d) => to_date(d, file, src, "applies_from", problems),
        None => None,
    };
    let later_reading = match &r.later_reading {
        Some(d) => to_date(d, file, src, "later_reading", problems),
        None => None,
    };
    let mut dates = Vec::new();
    for d in &r.dates {
        let Some(date) = to_date(&d.date, file, src, "dates.date", problems) else {
            continue;
        };
        let placed_before = match &d.placed_before {
            Some(p) => to_date(p, file, src, "dates.placed_before", problems),
            None => None,
        };
        dates.push(DateRule {
            trigger: d.trigger.clone(),
            placed_before,
            date,
            note: d.note.clone(),
        });
    }
    Requirement {
        origin: origin_of(file, src, r.id.span()),
        id: r.id.into_inner().into(),
        title: r.title,
        summary: r.summary,
        group: r.group,
        category: r.category,
        reference: r.reference,
        points_of_focus: r.points_of_focus,
        documented_information: r.documented_information,
        soa: r.soa,
        informational: r.informational,
        applies_to: r.applies_to,
        triggers: r.triggers,
        applies_from,
        penalty: r.penalty,
        date_note: r.date_note,
        dates,
        check: r.check,
        except_triggers: r.except_triggers,
        except_annex_iii: r.except_annex_iii,
        later_reading,
    }
}

// ------------------------------------------------------------ questionnaires

#[derive(Deserialize)]
struct RawQuestionnaire {
    id: Spanned<String>,
    name: Text,
    version: Text,
    last_checked: Spanned<Datetime>,
    #[serde(default)]
    description: Text,
    #[serde(default)]
    sections: Vec<RawSection>,
    #[serde(default)]
    questions: Vec<RawQuestion>,
    #[serde(default)]
    remediations: Vec<RawRemediation>,
}

#[derive(Deserialize)]
struct RawSection {
    id: Spanned<String>,
    title: Text,
    #[serde(default)]
    intro: Text,
    kind: SectionKind,
    when: Option<Spanned<String>>,
}

#[derive(Deserialize)]
struct RawQuestion {
    id: Spanned<String>,
    section: Text,
    text: Text,
    #[serde(default)]
    why: Text,
    #[serde(default)]
    auditor: Text,
    #[serde(default)]
    help: Text,
    #[serde(default)]
    risk: Text,
    kind: AnswerKind,
    #[serde(default)]
    options: Vec<Choice>,
    options_from: Option<Text>,
    #[serde(default)]
    pass: Vec<Text>,
    #[serde(default)]
    partial: Vec<Text>,
    when: Option<Spanned<String>>,
    #[serde(default)]
    maps: Vec<Spanned<RawMap>>,
    #[serde(default)]
    tags: Vec<Text>,
    remediation: Option<Text>,
}

/// A `maps` entry: `{ to = "soc2:CC6.1", why = "…", partial = true }`,
/// or a bare `"soc2:CC6.1"` that `validate` rejects for want of a reason.
struct RawMap {
    to: String,
    why: Option<String>,
    partial: bool,
}

impl<'de> Deserialize<'de> for RawMap {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<RawMap, D::Error> {
        use serde::de::{Error, MapAccess, Visitor};
        struct Map;
        const FIELDS: &[&str] = &["to", "why", "partial"];
        impl<'de> Visitor<'de> for Map {
            type Value = RawMap;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(
                    "{ to = \"FRAMEWORK:ID\", why = \"what in this answer's evidence the auditor examines for it\" }",
                )
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<RawMap, E> {
                Ok(RawMap {
                    to: v.to_string(),
                    why: None,
                    partial: false,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawMap, A::Error> {
                let (mut to, mut why, mut partial) = (None, None, false);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "to" => to = Some(map.next_value::<String>()?),
                        "why" => why = Some(map.next_value::<String>()?),
                        "partial" => partial = map.next_value::<bool>()?,
                        other => return Err(Error::unknown_field(other, FIELDS)),
                    }
                }
                let to = to.ok_or_else(|| Error::missing_field("to"))?;
                Ok(RawMap { to, why, partial })
            }
        }
        d.deserialize_any(Map)
    }
}

/// A step or an evidence line: plain text, or text that only applies when
/// a framework is in scope (`{ text = "…", framework = "iso42001" }`).
enum RawLine {
    Plain(Text),
    Scoped { text: Text, framework: Text },
}

impl<'de> Deserialize<'de> for RawLine {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<RawLine, D::Error> {
        use serde::de::{Error, MapAccess, Visitor};
        struct Line;
        impl<'de> Visitor<'de> for Line {
            type Value = RawLine;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(
                    "a string, or { text = \"…\", framework = \"…\" } for a line that only applies when that framework is in scope",
                )
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<RawLine, E> {
                Ok(RawLine::Plain(v.into()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawLine, A::Error> {
                let (mut text, mut framework) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "text" => text = Some(map.next_value::<String>()?),
                        "framework" => framework = Some(map.next_value::<String>()?),
                        other => return Err(Error::unknown_field(other, &["text", "framework"])),
                    }
                }
                match (text, framework) {
                    (Some(text), Some(framework)) => Ok(RawLine::Scoped {
                        text: text.into(),
                        framework: framework.into(),
                    }),
                    (None, _) => Err(Error::missing_field("text")),
                    (_, None) => Err(Error::missing_field("framework")),
                }
            }
        }
        d.deserialize_any(Line)
    }
}

/// The texts of `lines` and the framework each is limited to.
fn split_lines(lines: Vec<RawLine>) -> (Vec<Text>, Vec<Option<Text>>) {
    lines
        .into_iter()
        .map(|l| match l {
            RawLine::Plain(t) => (t, None),
            RawLine::Scoped { text, framework } => (text, Some(framework)),
        })
        .unzip()
}

#[derive(Deserialize)]
struct RawRemediation {
    id: Spanned<String>,
    title: Text,
    steps: Vec<RawLine>,
    #[serde(default)]
    evidence: Vec<RawLine>,
    effort_days: u32,
    owner: Text,
    category: Text,
    severity: Level,
    #[serde(default)]
    after: Vec<Spanned<String>>,
    #[serde(default)]
    blocks: Vec<Text>,
}

fn parse_when(
    when: &Option<Spanned<String>>,
    file: &str,
    src: &Src<'_>,
    key: &str,
    problems: &mut Vec<Problem>,
) -> Option<Expr> {
    let w = when.as_ref()?;
    match condition::parse(w.get_ref()) {
        Ok(e) => Some(e),
        Err(err) => {
            // Point at the character inside the string when possible (+1 for the quote).
            let at = src.at(w.span().start + 1 + err.offset);
            problems.push(Problem {
                severity: Severity::Error,
                file: file.to_string(),
                at,
                key: key.to_string(),
                message: format!("bad condition `{}`: {}", w.get_ref(), err.message),
            });
            None
        }
    }
}

pub(crate) fn parse_questionnaire(
    file: &str,
    src: &str,
    problems: &mut Vec<Problem>,
) -> Option<Questionnaire> {
    let src = &Src::new(src);
    let raw: RawQuestionnaire = parse_doc(file, src, "questionnaire", problems)?;
    let last_checked = to_date(&raw.last_checked, file, src, "last_checked", problems)?;
    let sections = raw
        .sections
        .into_iter()
        .map(|s| {
            let when = parse_when(&s.when, file, src, "sections.when", problems);
            Section {
                origin: origin_of(file, src, s.id.span()),
                id: s.id.into_inner().into(),
                title: s.title,
                intro: s.intro,
                kind: s.kind,
                when,
            }
        })
        .collect();
    let questions = raw
        .questions
        .into_iter()
        .map(|q| question(q, file, src, problems))
        .collect();
    let remediations = raw
        .remediations
        .into_iter()
        .map(|r| {
            let (steps, step_frameworks) = split_lines(r.steps);
            let (evidence, evidence_frameworks) = split_lines(r.evidence);
            Remediation {
                origin: origin_of(file, src, r.id.span()),
                id: r.id.into_inner().into(),
                title: r.title,
                steps,
                step_frameworks,
                evidence,
                evidence_frameworks,
                effort_days: r.effort_days,
                owner: r.owner,
                category: r.category,
                severity: r.severity,
                after_at: r.after.iter().map(|a| src.at(a.span().start)).collect(),
                after: r.after.into_iter().map(|a| a.into_inner().into()).collect(),
                blocks: r.blocks,
            }
        })
        .collect();
    let mut qn = Questionnaire {
        origin: origin_of(file, src, raw.id.span()),
        id: raw.id.into_inner().into(),
        name: raw.name,
        version: raw.version,
        last_checked,
        description: raw.description,
        sections,
        questions,
        remediations,
        index: Default::default(),
    };
    qn.reindex();
    Some(qn)
}

/// A question as read: its condition parsed, its references checked, and
/// yes-no questions given their two options.
fn question(q: RawQuestion, file: &str, src: &Src<'_>, problems: &mut Vec<Problem>) -> Question {
    let when = parse_when(&q.when, file, src, "questions.when", problems);
    let (maps, map_origins, reasons) = requirement_refs(&q, file, src, problems);
    let yes_no = q.kind == AnswerKind::YesNo;
    Question {
        origin: origin_of(file, src, q.id.span()),
        id: q.id.into_inner().into(),
        section: q.section,
        text: q.text,
        why: q.why,
        auditor: q.auditor,
        help: q.help,
        risk: q.risk,
        kind: q.kind,
        options: if yes_no && q.options.is_empty() {
            vec![
                Choice {
                    id: "yes".into(),
                    label: "Yes".into(),
                },
                Choice {
                    id: "no".into(),
                    label: "No".into(),
                },
            ]
        } else {
            q.options
        },
        options_from: q.options_from,
        pass: if yes_no && q.pass.is_empty() {
            vec!["yes".into()]
        } else {
            q.pass
        },
        partial: q.partial,
        when,
        when_src: q.when.map(|w| w.into_inner().into()),
        maps,
        tags: q.tags,
        remediation: q.remediation,
        maps_at: map_origins.iter().map(|o| o.at).collect(),
        map_reasons: reasons,
    }
}

/// The requirement references of a question that parse, with where each is
/// written; the others are reported.
fn requirement_refs(
    q: &RawQuestion,
    file: &str,
    src: &Src<'_>,
    problems: &mut Vec<Problem>,
) -> (Vec<ReqRef>, Vec<Origin>, Vec<MapReason>) {
    let maps_origin = q
        .maps
        .iter()
        .map(|m| origin_of(file, src, m.span()))
        .collect::<Vec<_>>();
    let mut maps = Vec::new();
    let mut map_origins = Vec::new();
    let mut reasons = Vec::new();
    for (m, o) in q.maps.iter().zip(maps_origin) {
        let m = m.get_ref();
        match ReqRef::parse(&m.to) {
            Some(r) => {
                maps.push(r);
                map_origins.push(o);
                reasons.push(MapReason {
                    why: m.why.as_deref().map(str::trim).unwrap_or("").into(),
                    partial: m.partial,
                });
            }
            None => problems.push(Problem::error(
                &o,
                format!("questions[{}].maps", q.id.get_ref()),
                format!(
                    "`{}` is not a requirement reference; write FRAMEWORK:ID, for example soc2:CC6.1",
                    m.to
                ),
            )),
        }
    }
    (maps, map_origins, reasons)
}

/// Fills `options` from `options_from` once all frameworks are loaded.
pub(crate) fn resolve_options(cat: &mut Catalog) {
    let mut fills = Vec::new();
    for (qi, qn) in cat.questionnaires.iter().enumerate() {
        for (i, q) in qn.questions.iter().enumerate() {
            if let Some(spec) = &q.options_from
                && let Some(list) = cat.options_from(spec)
            {
                fills.push((qi, i, list));
            }
        }
    }
    for (qi, i, list) in fills {
        let q = &mut cat.questionnaires[qi].questions[i];
        let extra: Vec<Choice> = q.options.drain(..).collect();
        q.options = list;
        q.options.extend(extra);
    }
}
