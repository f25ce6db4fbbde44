//! Rendering the pack: one minijinja environment over the templates, with
//! markdown escaping of every value (`|safe` for text already formatted),
//! strict undefined variables (a misspelt name is an error, never a blank)
//! and `ask(who, question)`, the one way a template says what the answers
//! do not: it prints "Question for WHO: …" and the index page lists it.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};

use super::context::{self, Context, DocLink, OpenQuestion, Sources};
use super::files;
use super::table::{self, Table};
use crate::assessment::Assessment;
use crate::catalog::{Catalog, Questionnaire};
use crate::engine::Evaluation;
use crate::report::markdown::{code, esc};

/// The data table's file name among the templates.
pub const TABLE: &str = "pack.toml";
/// The index page's template.
pub const INDEX: &str = "index.md.j2";
/// The macros put in front of every document template.
pub const MACROS: &str = "_macros.j2";

/// A set of templates (and the data table), by file name.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    /// File name → (source, where it came from for messages).
    pub files: BTreeMap<String, (String, String)>,
}

/// Why a pack could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DocsError {
    #[error("{0}")]
    Template(String),
    #[error("{file}: {message}")]
    Table { file: String, message: String },
    #[error("{0}")]
    Io(String),
}

/// One rendered pack: file name → content, in index order.
#[derive(Debug, Clone)]
pub struct Pack {
    pub files: Vec<(String, String)>,
    pub open_questions: Vec<OpenQuestion>,
}

impl Templates {
    /// The built-in templates (name, source).
    pub fn builtin(files: impl IntoIterator<Item = (String, String)>) -> Templates {
        Templates {
            files: files
                .into_iter()
                .map(|(n, s)| {
                    let origin = format!("templates/{n}");
                    (n, (s, origin))
                })
                .collect(),
        }
    }

    /// These templates with the files of `dir` over them, by file name. A
    /// file whose name is not a built-in template is an error (a misspelt
    /// name would otherwise be silently ignored).
    pub fn with_dir(mut self, dir: &Path) -> Result<Templates, DocsError> {
        let rd =
            std::fs::read_dir(dir).map_err(|e| DocsError::Io(format!("{}: {e}", dir.display())))?;
        let mut names: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        names.sort();
        let mut unknown = Vec::new();
        for path in names.into_iter().filter(|p| p.is_file()) {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.starts_with('.') {
                continue;
            }
            if !self.files.contains_key(&name) {
                unknown.push(format!(
                    "{}: unknown template name `{name}`; a template directory overrides built-in templates by file name ({})",
                    path.display(),
                    self.files.keys().cloned().collect::<Vec<_>>().join(", ")
                ));
                continue;
            }
            let src = std::fs::read_to_string(&path)
                .map_err(|e| DocsError::Io(format!("{}: {e}", path.display())))?;
            self.files.insert(name, (src, path.display().to_string()));
        }
        if unknown.is_empty() {
            Ok(self)
        } else {
            Err(DocsError::Template(unknown.join("\n")))
        }
    }

    /// The data table.
    pub fn table(&self) -> Result<Table, DocsError> {
        let (src, origin) = self.files.get(TABLE).ok_or_else(|| DocsError::Table {
            file: TABLE.into(),
            message: "missing".into(),
        })?;
        Table::parse(src).map_err(|m| DocsError::Table {
            file: origin.clone(),
            message: m,
        })
    }

    /// The data table's text (for the lines its problems are on).
    fn table_source(&self) -> &str {
        self.files.get(TABLE).map_or("", |(src, _)| src.as_str())
    }

    fn origin(&self, name: &str) -> String {
        self.files
            .get(name)
            .map(|(_, o)| o.clone())
            .unwrap_or_else(|| name.to_string())
    }

    /// The environment with every template added; the first syntax error
    /// of each template is reported with file and line.
    fn environment(&self) -> (Environment<'static>, Vec<String>) {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_syntax(
            minijinja::syntax::SyntaxConfig::builder()
                .trim_blocks(true)
                .lstrip_blocks(true)
                .build()
                .expect("default delimiters"),
        );
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".j2") {
                AutoEscape::Custom("markdown".into())
            } else {
                AutoEscape::None
            }
        });
        env.set_formatter(|out, state, value| {
            if matches!(state.auto_escape(), AutoEscape::Custom(_)) && !value.is_safe() {
                if value.is_none() {
                    return Err(minijinja::Error::new(
                        minijinja::ErrorKind::InvalidOperation,
                        "a value that is `none` was printed; test it first (`{% if x %}`) or use ask()",
                    ));
                }
                let text = value.to_string();
                out.write_str(&esc(&text))
                    .map_err(|_| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "write"))
            } else {
                minijinja::escape_formatter(out, state, value)
            }
        });
        env.add_filter("code", |s: String| Value::from_safe_string(code(&s)));
        env.add_filter("md", |s: String| Value::from_safe_string(esc(&s)));
        // The few list filters the templates use (minijinja's built-in
        // filters are left out of the binary for its size).
        env.add_filter("length", |v: Value| v.len().unwrap_or(0));
        env.add_filter("lower", |s: String| s.to_lowercase());
        env.add_filter(
            "join",
            |v: Value, sep: Option<String>| -> Result<String, minijinja::Error> {
                let parts: Vec<String> = v.try_iter()?.map(|x| x.to_string()).collect();
                Ok(parts.join(sep.as_deref().unwrap_or("")))
            },
        );
        env.add_filter(
            "where",
            |v: Value, attr: String, want: Value| -> Result<Value, minijinja::Error> {
                let keep: Vec<Value> = v
                    .try_iter()?
                    .filter(|x| x.get_attr(&attr).is_ok_and(|a| a == want))
                    .collect();
                Ok(Value::from(keep))
            },
        );
        env.add_filter(
            "group_by",
            |v: Value, attr: String| -> Result<Value, minijinja::Error> {
                let mut groups: Vec<(Value, Vec<Value>)> = Vec::new();
                for x in v.try_iter()? {
                    let key = x.get_attr(&attr)?;
                    match groups.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, items)) => items.push(x),
                        None => groups.push((key, vec![x])),
                    }
                }
                Ok(Value::from(
                    groups
                        .into_iter()
                        .map(|(k, items)| Value::from(vec![k, Value::from(items)]))
                        .collect::<Vec<_>>(),
                ))
            },
        );
        env.add_filter("sentence", |s: String| {
            let t = s.trim();
            if t.ends_with(['.', '!', '?']) {
                t.to_string()
            } else {
                format!("{t}.")
            }
        });
        env.add_filter("thousands", |n: i64| {
            let digits = n.unsigned_abs().to_string();
            let mut out = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    out.push(',');
                }
                out.push(c);
            }
            if n < 0 { format!("-{out}") } else { out }
        });
        env.add_filter("lower_first", |s: String| {
            let mut c = s.chars();
            match c.next() {
                Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        });
        let mut errors = Vec::new();
        let macros = self.macros();
        for (name, (src, _)) in &self.files {
            if !name.ends_with(".j2") || name.starts_with('_') {
                continue;
            }
            if let Err(e) = env.add_template_owned(name.clone(), format!("{macros}{src}")) {
                errors.push(self.describe(&e));
            }
        }
        (env, errors)
    }

    /// The macros file's text, ending with a newline.
    fn macros(&self) -> String {
        let mut m = self
            .files
            .get(MACROS)
            .map(|(s, _)| s.clone())
            .unwrap_or_default();
        if !m.is_empty() && !m.ends_with('\n') {
            m.push('\n');
        }
        m
    }

    /// Where line `line` of rendered template `name` comes from: the macros
    /// in front of it, or the template's own file.
    fn locate(&self, name: &str, line: Option<usize>) -> String {
        let lines = self.macros().matches('\n').count();
        match line {
            Some(l) if l <= lines => format!("{}:{l}", self.origin(MACROS)),
            Some(l) => format!("{}:{}", self.origin(name), l - lines),
            None => self.origin(name),
        }
    }

    /// An error as `FILE:LINE: message`.
    fn describe(&self, e: &minijinja::Error) -> String {
        let at = self.locate(e.name().unwrap_or_default(), e.line());
        let detail = e.detail().map(|d| format!(": {d}")).unwrap_or_default();
        format!("{at}: {}{detail}", e.kind())
    }

    /// Names of the document templates (not partials, not the table).
    pub fn documents(&self) -> Vec<&str> {
        self.files
            .keys()
            .filter(|n| n.ends_with(".j2") && !n.starts_with('_') && *n != INDEX)
            .map(String::as_str)
            .collect()
    }
}

/// Renders the pack for one evaluated assessment.
pub fn render_pack(
    cat: &Catalog,
    qn: &Questionnaire,
    a: &Assessment,
    ev: &Evaluation,
    templates: &Templates,
) -> Result<Pack, DocsError> {
    let table = templates.table()?;
    let problems = table.check_at(templates.table_source(), qn, &templates.documents());
    if !problems.is_empty() {
        return Err(DocsError::Table {
            file: templates.origin(TABLE),
            message: problems.join("\n"),
        });
    }
    let (mut env, errors) = templates.environment();
    if !errors.is_empty() {
        return Err(DocsError::Template(errors.join("\n")));
    }
    let asked: Arc<Mutex<(String, Vec<OpenQuestion>)>> = Arc::default();
    {
        let asked = asked.clone();
        env.add_function("ask", move |who: String, question: String| {
            let mut g = asked.lock().expect("not poisoned");
            let doc = g.0.clone();
            match g
                .1
                .iter_mut()
                .find(|x| x.who == who && x.question == question)
            {
                Some(x) => {
                    if !x.documents.contains(&doc) {
                        x.documents.push(doc);
                    }
                }
                None => g.1.push(OpenQuestion {
                    documents: vec![doc],
                    who: who.clone(),
                    question: question.clone(),
                }),
            }
            Value::from_safe_string(format!(
                "**Question for {}:** {}",
                esc(&who),
                esc(&question)
            ))
        });
    }

    let mut ctx = context::build(&Sources {
        catalog: cat,
        questionnaire: qn,
        assessment: a,
        eval: ev,
        table: &table,
    });
    let facts: std::collections::BTreeSet<String> = ctx.company.facts.iter().cloned().collect();

    // Which documents apply, and their file names.
    let mut plan: Vec<(String, String, Option<usize>)> = Vec::new(); // (template, file, system)
    for d in &table.documents {
        if !table::holds(&d.when, &facts) {
            continue;
        }
        let base = d.template.trim_end_matches(".j2").to_string();
        if d.per.as_deref() == Some("system") {
            for (i, s) in ctx.systems.iter().enumerate() {
                let file = format!("{}-{}.md", base.trim_end_matches(".md"), s.id);
                ctx.documents.push(DocLink {
                    title: format!("{}: {}", d.title, s.name),
                    file: file.clone(),
                    group: d.group.clone(),
                });
                plan.push((d.template.clone(), file, Some(i)));
            }
        } else {
            ctx.documents.push(DocLink {
                title: d.title.clone(),
                file: base.clone(),
                group: d.group.clone(),
            });
            plan.push((d.template.clone(), base, None));
        }
    }
    for (file, title) in files::DATA_FILES {
        if *file == files::CALENDAR && ctx.controls.iter().all(|c| c.months == 0) {
            continue;
        }
        ctx.documents.push(DocLink {
            title: title.to_string(),
            file: file.to_string(),
            group: "Data files".into(),
        });
    }

    let mut out = Vec::new();
    for (template, file, system) in &plan {
        ctx.system = system.map(|i| ctx.systems[i].clone());
        asked.lock().expect("not poisoned").0 = file.clone();
        let text = render_one(&env, templates, template, &ctx)?;
        out.push((file.clone(), text));
    }
    ctx.system = None;
    ctx.open_questions = asked.lock().expect("not poisoned").1.clone();
    asked.lock().expect("not poisoned").0 = "index.md".into();
    let index = render_one(&env, templates, INDEX, &ctx)?;
    out.insert(0, ("index.md".to_string(), index));
    out.extend(files::data_files(&ctx));
    let open_questions = ctx.open_questions;
    Ok(Pack {
        files: out,
        open_questions,
    })
}

fn render_one(
    env: &Environment<'_>,
    templates: &Templates,
    name: &str,
    ctx: &Context,
) -> Result<String, DocsError> {
    let t = env
        .get_template(name)
        .map_err(|e| DocsError::Template(templates.describe(&e)))?;
    let text = t
        .render(to_value(&serde_json::to_value(ctx).unwrap_or_default()))
        .map_err(|e| DocsError::Template(templates.describe(&e)))?;
    Ok(tidy(&text))
}

/// The context as a template value (through JSON values, which the
/// program already has, instead of minijinja's own serializer).
fn to_value(v: &serde_json::Value) -> Value {
    use serde_json::Value as J;
    match v {
        J::Null => Value::from(()),
        J::Bool(b) => Value::from(*b),
        J::Number(n) => match n.as_i64() {
            Some(i) => Value::from(i),
            None => Value::from(n.as_f64().unwrap_or_default()),
        },
        J::String(s) => Value::from(s.as_str()),
        J::Array(a) => Value::from(a.iter().map(to_value).collect::<Vec<_>>()),
        J::Object(o) => Value::from_object(Map(o
            .iter()
            .map(|(k, v)| (k.clone(), to_value(v)))
            .collect())),
    }
}

/// A JSON object as a template map.
#[derive(Debug)]
struct Map(BTreeMap<String, Value>);

impl minijinja::value::Object for Map {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.0.get(key.as_str()?).cloned()
    }

    fn enumerate(self: &Arc<Self>) -> minijinja::value::Enumerator {
        minijinja::value::Enumerator::Values(
            self.0.keys().map(|k| Value::from(k.as_str())).collect(),
        )
    }

    fn repr(self: &Arc<Self>) -> minijinja::value::ObjectRepr {
        minijinja::value::ObjectRepr::Map
    }
}

/// Lint-clean whitespace: no trailing spaces, at most one blank line in a
/// row, a blank line around every heading, list and table, no blank line
/// at the start, one newline at the end.
fn tidy(text: &str) -> String {
    #[derive(PartialEq, Clone, Copy)]
    enum Kind {
        Heading,
        List,
        Table,
        Text,
    }
    let kind = |l: &str| {
        if l.starts_with('#') {
            Kind::Heading
        } else if l.starts_with("- ")
            || l.split_once(". ")
                .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        {
            Kind::List
        } else if l.starts_with('|') {
            Kind::Table
        } else {
            Kind::Text
        }
    };
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    let mut last: Option<Kind> = None;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank = true;
            continue;
        }
        let k = kind(line);
        if let Some(prev) = last {
            let joined = !blank && prev == k && k != Kind::Heading;
            if !joined {
                out.push('\n');
            }
        }
        blank = false;
        last = Some(k);
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The quick half of [`check`]: every template's syntax, and the data
/// table against the questionnaire (a renamed question shows here).
pub fn check_syntax_and_table(cat: &Catalog, templates: &Templates) -> Vec<String> {
    let (_, mut out) = templates.environment();
    out.extend(check_table(cat, templates));
    out
}

/// The data table against the questionnaire: every question it names
/// exists (a `--catalog` that renames one shows here).
pub fn check_table(cat: &Catalog, templates: &Templates) -> Vec<String> {
    let mut out = Vec::new();
    match templates.table() {
        Err(e) => out.push(e.to_string()),
        Ok(t) => {
            if let Some(qn) = cat.questionnaire(crate::catalog::DEFAULT_QUESTIONNAIRE) {
                out.extend(
                    t.check_at(templates.table_source(), qn, &templates.documents())
                        .into_iter()
                        .map(|p| format!("{}: {p}", templates.origin(TABLE))),
                );
            }
        }
    }
    out
}

/// Checks a set of templates: the data table against the questionnaire,
/// every template's syntax, and (by rendering the pack for each
/// assessment given, such as the bundled examples) names the context does
/// not have. Each problem names its file and line.
pub fn check(
    cat: &Catalog,
    templates: &Templates,
    samples: &[(String, Assessment, jiff::civil::Date)],
) -> Vec<String> {
    let mut out = check_syntax_and_table(cat, templates);
    if !out.is_empty() {
        return out;
    }
    for (name, a, today) in samples {
        let Some(qn) = cat.questionnaire(a.questionnaire_id()) else {
            continue;
        };
        let ev = crate::engine::evaluate(cat, qn, a, *today);
        if let Err(e) = render_pack(cat, qn, a, &ev, templates) {
            let msg = format!("{e} (rendering the pack for {name})");
            if !out.contains(&msg) {
                out.push(msg);
            }
        }
    }
    out
}
