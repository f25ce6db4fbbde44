//! Command line: parse, resolve, dispatch. Exit codes: 0 success, 1 a check
//! fell short, 2 bad input or usage.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use clap::{Parser, Subcommand, ValueEnum};
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use jiff::civil::Date;

use crate::assessment::{self, Assessment, AssessmentError};
use crate::catalog::{self, Catalog, LoadOptions, Severity, validate};
use crate::embedded::bundled_examples;
use crate::engine;
use crate::exit::bad_input;
use crate::report::{self, Input, export};
use crate::workspace;

#[derive(Parser, Debug)]
#[command(
    name = "trustgap",
    version,
    about = "Readiness assessment for AI companies: SOC 2, ISO/IEC 42001, the EU AI Act and the NIST AI RMF",
    long_about = "trustgap asks plain-language questions about your company, your AI and your controls, maps every answer to SOC 2, ISO/IEC 42001, the EU AI Act and the NIST AI RMF, and turns the gaps into a prioritized remediation plan."
)]
pub struct Cli {
    /// Extra catalog directory with frameworks/ and questionnaires/ (adds or overrides by id); repeatable.
    #[arg(long, global = true, value_name = "DIR")]
    pub catalog: Vec<PathBuf>,
    /// Evaluate as of this date (YYYY-MM-DD) instead of today.
    #[arg(long, global = true, value_name = "DATE")]
    pub today: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Start a new assessment in the full-screen wizard.
    New {
        /// Where to save it; default: the data directory, named after the organisation.
        file: Option<PathBuf>,
        /// The organisation's name (asked in the wizard when missing).
        #[arg(long)]
        org: Option<String>,
    },
    /// Open an assessment in the full-screen wizard.
    Open {
        /// The assessment file (TOML).
        file: PathBuf,
    },
    /// Readiness, scope and the remediation plan for an assessment file.
    Report {
        /// The assessment file (TOML).
        file: PathBuf,
        /// Output format.
        #[arg(long, short, value_enum, default_value = "md")]
        format: ReportFormat,
        /// Write to this file instead of standard output.
        #[arg(long, short, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Overwrite OUT even when it is not an earlier trustgap export.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        export: ExportArgs,
    },
    /// The frameworks, or one framework's requirements.
    Frameworks {
        /// A framework id (soc2, iso42001, euaiact, nist-ai-rmf).
        id: Option<String>,
        /// Output format.
        #[arg(long, short, value_enum, default_value = "table")]
        format: ListFormat,
        /// With euaiact: the application dates, marking those already in force.
        #[arg(long)]
        timeline: bool,
    },
    /// Check frameworks and questionnaires and report every problem with file:line:col.
    Validate,
    /// The questionnaire as line-by-line prompts (for screen readers, narrow panes, slow links).
    Ask {
        /// The assessment file; created when it does not exist. Default: choose from the data directory.
        file: Option<PathBuf>,
        /// Organisation name for a new assessment.
        #[arg(long)]
        org: Option<String>,
        /// Take only this section in this sitting (for example iam).
        #[arg(long, value_name = "ID")]
        section: Option<String>,
        /// Who is answering (recorded with each answer and in the session log).
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
        /// Who takes part in this sitting, comma-separated (kept as participants).
        #[arg(long, value_name = "NAMES", value_delimiter = ',')]
        attendees: Vec<String>,
    },
    /// Saved assessments: organisation, progress, readiness, last updated.
    List {
        /// Folder to list instead of the data directory.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Output format.
        #[arg(long, short, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// A CI gate: exit 1 with a one-line reason when readiness is short.
    Check {
        /// The assessment file.
        file: PathBuf,
        /// Minimum readiness in percent for every framework checked.
        #[arg(long, value_name = "PCT", default_value_t = 0.0)]
        min_readiness: f64,
        /// Check only this framework (repeatable); default: every framework in scope.
        #[arg(long = "framework", value_name = "ID")]
        frameworks: Vec<String>,
        /// Also fail when an EU AI Act obligation that already applies has a gap.
        #[arg(long)]
        no_overdue: bool,
    },
    /// Resolve git conflict markers in an assessment, question by question.
    Resolve {
        /// The conflicted assessment file.
        file: PathBuf,
        /// Keep this side for every conflicting question without asking.
        #[arg(long, value_enum)]
        take: Option<Side>,
    },
    /// What changed between two assessments: readiness, answers, gaps, plan items.
    Diff {
        /// The earlier assessment file.
        old: PathBuf,
        /// The later assessment file.
        new: PathBuf,
        /// Output format.
        #[arg(long, short, value_enum, default_value = "table")]
        format: DiffFormat,
    },
    /// Record the ticked task boxes of an exported markdown plan in the assessment.
    Sync {
        /// The assessment file to update.
        file: PathBuf,
        /// The exported plan (markdown) whose boxes were ticked.
        #[arg(long = "from", value_name = "PLAN.md")]
        from: PathBuf,
        /// Who ticked them (recorded with each change).
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
        /// Say what would change without writing the file.
        #[arg(long)]
        dry_run: bool,
    },
    /// Shell completion script (bash, zsh, fish, elvish, powershell) on standard output.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// The plan for a bundled example assessment; no input needed.
    Demo {
        /// Which example (see --list).
        #[arg(long, default_value = "seed-llm-startup")]
        example: String,
        /// List the bundled examples.
        #[arg(long)]
        list: bool,
        /// Output format.
        #[arg(long, short, value_enum, default_value = "table")]
        format: ReportFormat,
        #[command(flatten)]
        export: ExportArgs,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    /// The plan to commit: markdown with task boxes, tables and the appendix.
    Md,
    /// The whole scope, analysis and plan, with a schema version.
    Json,
    /// A terminal summary.
    Table,
    /// One row per plan item (or per requirement or answer, with --what).
    Csv,
    /// OSCAL 1.2.1 plan of action and milestones (JSON).
    Oscal,
    /// OSCAL 1.2.1 assessment results (JSON).
    OscalAr,
}

/// Rows of a CSV export.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvWhat {
    /// One row per remediation item (tracker import).
    Items,
    /// One row per requirement with its coverage.
    Requirements,
    /// One row per answer.
    Answers,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffFormat {
    Md,
    Table,
}

/// Filters and views shared by `report` and `demo`: the same for every format.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ExportArgs {
    /// Only items that close a requirement of this framework, and only its readiness (repeatable).
    #[arg(long = "framework", value_name = "ID")]
    pub frameworks: Vec<String>,
    /// Only items in this phase (repeatable).
    #[arg(long = "phase", value_enum, value_name = "PHASE")]
    pub phases: Vec<PhaseArg>,
    /// Only items whose owner contains this text, case-insensitive (repeatable).
    #[arg(long = "owner", value_name = "NAME")]
    pub owners: Vec<String>,
    /// Only items with at least this priority (1-100).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=100))]
    pub min_priority: Option<u32>,
    /// With --format csv: which rows to write.
    #[arg(long, value_enum, value_name = "ROWS")]
    pub what: Option<CsvWhat>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhaseArg {
    Now,
    #[value(name = "next-30-days")]
    Next30Days,
    BeforeAudit,
    Later,
}

impl ReportFormat {
    fn resolve(self) -> export::Format {
        match self {
            ReportFormat::Md => export::Format::Md,
            ReportFormat::Json => export::Format::Json,
            ReportFormat::Table => export::Format::Table,
            ReportFormat::Csv => export::Format::Csv,
            ReportFormat::Oscal => export::Format::Oscal,
            ReportFormat::OscalAr => export::Format::OscalAr,
        }
    }
}

impl ExportArgs {
    fn resolve(&self) -> export::Options {
        export::Options {
            frameworks: self.frameworks.clone(),
            phases: self
                .phases
                .iter()
                .map(|p| match p {
                    PhaseArg::Now => engine::Phase::Now,
                    PhaseArg::Next30Days => engine::Phase::Next30Days,
                    PhaseArg::BeforeAudit => engine::Phase::BeforeAudit,
                    PhaseArg::Later => engine::Phase::Later,
                })
                .collect(),
            owners: self
                .owners
                .iter()
                .map(|o| o.trim().to_string())
                .filter(|o| !o.is_empty())
                .collect(),
            min_priority: self.min_priority,
            what: self.what.map(|w| match w {
                CsvWhat::Items => report::csv::View::Items,
                CsvWhat::Requirements => report::csv::View::Requirements,
                CsvWhat::Answers => report::csv::View::Answers,
            }),
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    Table,
    Json,
}

/// A bundled example's answers.
fn bundled_assessment(name: &str, src: &str) -> Result<Assessment> {
    assessment::parse(&format!("examples/{name}.toml"), src).map_err(|e| bad_input(e.to_string()))
}

/// The user's config directory for custom catalogs (`TRUSTGAP_CONFIG_DIR` overrides).
pub fn user_config_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("TRUSTGAP_CONFIG_DIR") {
        return Some(PathBuf::from(d));
    }
    directories::ProjectDirs::from("", "", "trustgap").map(|p| p.config_dir().to_path_buf())
}

fn today(arg: &Option<String>) -> Result<Date> {
    match arg {
        Some(s) => s
            .parse::<Date>()
            .map_err(|e| bad_input(format!("--today {s}: not a date like 2026-11-23 ({e})"))),
        None => Ok(jiff::Zoned::now().date()),
    }
}

fn load(cli: &Cli) -> Catalog {
    crate::embedded::load_catalog(&LoadOptions {
        dirs: cli.catalog.clone(),
        user_dir: user_config_dir(),
        no_embedded: false,
    })
}

/// Loads the catalog and fails on errors (commands other than `validate`).
fn load_checked(cli: &Cli) -> Result<Catalog> {
    let cat = load(cli);
    let errors: Vec<String> = cat
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.to_string())
        .collect();
    if !errors.is_empty() {
        return Err(bad_input(format!(
            "the catalog has errors (run `trustgap validate` for the full list):\n{}",
            errors.join("\n")
        )));
    }
    Ok(cat)
}

/// Runs the command line; returns the exit code.
pub fn run(cli: Cli) -> Result<i32> {
    match &cli.command {
        None => wizard(&cli, crate::tui::Start::Home),
        Some(Command::New { file, org }) => wizard(
            &cli,
            crate::tui::Start::New {
                file: file.clone(),
                org: org.clone(),
            },
        ),
        Some(Command::Open { file }) => wizard(&cli, crate::tui::Start::Open(file.clone())),
        Some(Command::Validate) => cmd_validate(&cli),
        Some(Command::Frameworks {
            id,
            format,
            timeline,
        }) => cmd_frameworks(&cli, id.as_deref(), *format, *timeline),
        Some(Command::Report {
            file,
            format,
            output,
            force,
            export,
        }) => {
            let cat = load_checked(&cli)?;
            let a = load_assessment(file)?;
            print_warnings(&cat, &a, &file.display().to_string());
            let exported = export::export(
                &cat,
                &a,
                &file.display().to_string(),
                format.resolve(),
                today(&cli.today)?,
                &export.resolve(),
            )
            .map_err(|e| bad_input(e.to_string()))?;
            emit_to(&exported.text, output.as_deref(), *force)?;
            skip_free((cat, a, exported));
            Ok(0)
        }
        Some(Command::Diff { old, new, format }) => cmd_diff(&cli, old, new, *format),
        Some(Command::Sync {
            file,
            from,
            by,
            dry_run,
        }) => cmd_sync(&cli, file, from, by.as_deref(), *dry_run),
        Some(Command::Resolve { file, take }) => cmd_resolve(file, *take),
        Some(Command::List { dir, format }) => cmd_list(&cli, dir.as_deref(), *format),
        Some(Command::Completions { shell }) => {
            use clap::CommandFactory;
            let mut cmd = Cli::command();
            clap_complete::generate(*shell, &mut cmd, "trustgap", &mut std::io::stdout());
            Ok(0)
        }
        Some(Command::Ask {
            file,
            org,
            section,
            by,
            attendees,
        }) => cmd_ask(
            &cli,
            file.as_deref(),
            org.as_deref(),
            section.clone(),
            by.clone(),
            attendees
                .iter()
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect(),
        ),
        Some(Command::Check {
            file,
            min_readiness,
            frameworks,
            no_overdue,
        }) => {
            let cat = load_checked(&cli)?;
            let a = load_assessment(file)?;
            print_warnings(&cat, &a, &file.display().to_string());
            let eval = evaluate_file(&cat, &a, &file.display().to_string(), today(&cli.today)?)?;
            cmd_check(&cat, &eval, *min_readiness, frameworks, *no_overdue)
        }
        Some(Command::Demo {
            example,
            list,
            format,
            export,
        }) => {
            if *list {
                for (name, src) in bundled_examples() {
                    let org = bundled_assessment(name, src)
                        .map(|a| a.organisation)
                        .unwrap_or_default();
                    println!("{name}\t{org}");
                }
                return Ok(0);
            }
            let Some((name, src)) = bundled_examples().iter().find(|(n, _)| n == example) else {
                let names: Vec<&str> = bundled_examples().iter().map(|(n, _)| *n).collect();
                return Err(bad_input(format!(
                    "no bundled example `{example}`; choose one of: {}",
                    names.join(", ")
                )));
            };
            let cat = load_checked(&cli)?;
            let a = bundled_assessment(name, src)?;
            print_warnings(&cat, &a, name);
            let exported = export::export(
                &cat,
                &a,
                name,
                format.resolve(),
                today(&cli.today)?,
                &export.resolve(),
            )
            .map_err(|e| bad_input(e.to_string()))?;
            emit(&exported.text, None)?;
            skip_free((cat, a, exported));
            Ok(0)
        }
    }
}

/// The full-screen wizard (start screen, new or open).
fn wizard(cli: &Cli, start: crate::tui::Start) -> Result<i32> {
    let cat = load_checked(cli)?;
    crate::tui::run(cat, start, today(&cli.today)?)
}

fn load_assessment(path: &Path) -> Result<Assessment> {
    assessment::load(path).map_err(|e| match e {
        AssessmentError::Io { path, source } => bad_input(format!("cannot read {path}: {source}")),
        AssessmentError::Invalid(problems) => bad_input(
            problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        AssessmentError::Conflicted(m) => bad_input(m.explain()),
    })
}

/// Evaluates an assessment against its questionnaire.
fn evaluate_file(
    cat: &Catalog,
    a: &Assessment,
    file: &str,
    today: Date,
) -> Result<engine::Evaluation> {
    workspace::evaluate(cat, a, file, today).map_err(|e| bad_input(e.to_string()))
}

/// Warns (on standard error) about answers and keys the questionnaire does
/// not know; they are kept, not scored. Commands call this; the wizard does
/// not, since it owns the screen.
fn print_warnings(cat: &Catalog, a: &Assessment, file: &str) {
    let qid = a.questionnaire_id();
    if let Some(qn) = cat.questionnaire(qid) {
        for w in assessment::unknown_report(a, qn, file) {
            eprintln!("{w}");
        }
    }
}

fn cmd_check(
    cat: &Catalog,
    eval: &engine::Evaluation,
    min: f64,
    only: &[String],
    no_overdue: bool,
) -> Result<i32> {
    for id in only {
        if cat.framework(id).is_none() {
            let ids: Vec<&str> = cat.frameworks.iter().map(|f| f.id.as_str()).collect();
            return Err(bad_input(format!(
                "no framework `{id}`; choose one of: {}",
                ids.join(", ")
            )));
        }
    }
    let mut failures = Vec::new();
    let mut passes = Vec::new();
    for fr in &eval.analysis.frameworks {
        let named = only.iter().any(|o| o == &fr.id);
        if !only.is_empty() && !named {
            continue;
        }
        if !fr.in_scope {
            if named {
                failures.push(format!("{} is not in scope for this assessment", fr.short));
            }
            continue;
        }
        match fr.readiness {
            None => failures.push(format!(
                "{} is not assessed (nothing applicable answered)",
                fr.short
            )),
            Some(r) if r + 1e-9 < min => {
                failures.push(format!("{} readiness {r:.0}% is below {min:.0}%", fr.short))
            }
            Some(r) => passes.push(format!("{} {r:.0}%", fr.short)),
        }
    }
    if no_overdue {
        let overdue: Vec<&str> = eval
            .plan
            .items
            .iter()
            .filter(|i| i.overdue)
            .map(|i| i.id.as_str())
            .collect();
        if !overdue.is_empty() {
            failures.push(format!(
                "{} plan item(s) close EU AI Act obligations that already apply: {}",
                overdue.len(),
                overdue.join(", ")
            ));
        }
    }
    if failures.is_empty() {
        println!(
            "ok: {}",
            if passes.is_empty() {
                "nothing to check".to_string()
            } else {
                passes.join(", ")
            }
        );
        Ok(0)
    } else {
        println!("short: {}", failures.join("; "));
        Ok(1)
    }
}

/// For one-shot commands that end the process right after: leaves the
/// catalog, the answers and the evaluation to the operating system instead
/// of freeing their thousands of allocations one by one (a third of a
/// millisecond at every `report` or `demo`).
fn skip_free<T>(x: T) {
    std::mem::forget(x);
}

/// The questionnaire an assessment uses (checked by `evaluate_file`).
fn questionnaire_of<'c>(
    cat: &'c Catalog,
    a: &Assessment,
    file: &str,
) -> Result<&'c catalog::Questionnaire> {
    workspace::questionnaire_of(cat, a, file).map_err(|e| bad_input(e.to_string()))
}

fn cmd_diff(cli: &Cli, old: &Path, new: &Path, format: DiffFormat) -> Result<i32> {
    let cat = load_checked(cli)?;
    let today = today(&cli.today)?;
    let (old_name, new_name) = (old.display().to_string(), new.display().to_string());
    let oa = load_assessment(old)?;
    let na = load_assessment(new)?;
    print_warnings(&cat, &oa, &old_name);
    print_warnings(&cat, &na, &new_name);
    let oe = evaluate_file(&cat, &oa, &old_name, today)?;
    let ne = evaluate_file(&cat, &na, &new_name, today)?;
    let oi = Input::new(&cat, questionnaire_of(&cat, &oa, &old_name)?, &oa, &oe);
    let ni = Input::new(&cat, questionnaire_of(&cat, &na, &new_name)?, &na, &ne);
    let text = report::diff::render(
        &oi,
        &ni,
        &old_name,
        &new_name,
        match format {
            DiffFormat::Md => report::diff::Format::Md,
            DiffFormat::Table => report::diff::Format::Table,
        },
    );
    emit(&text, None)?;
    Ok(0)
}

fn cmd_sync(cli: &Cli, file: &Path, from: &Path, by: Option<&str>, dry_run: bool) -> Result<i32> {
    let cat = load_checked(cli)?;
    let name = file.display().to_string();
    let plan_name = from.display().to_string();
    let mut a = load_assessment(file)?;
    let plan_text = std::fs::read_to_string(from)
        .map_err(|e| bad_input(format!("cannot read {plan_name}: {e}")))?;
    let marks = crate::sync::parse_plan(&plan_text);
    if marks.is_empty() {
        return Err(bad_input(format!(
            "{plan_name} has no task items with an item id (`- [ ] **Title** (`rem.id`)`); export one with `trustgap report {name} --format md -o {plan_name}`"
        )));
    }
    print_warnings(&cat, &a, &name);
    let eval = evaluate_file(&cat, &a, &name, today(&cli.today)?)?;
    let qn = questionnaire_of(&cat, &a, &name)?;
    // Stamp: the --today date at midnight UTC when given (reproducible), else now.
    let now = match &cli.today {
        Some(_) => today(&cli.today)?
            .to_zoned(jiff::tz::TimeZone::UTC)
            .map(|z| z.timestamp())
            .unwrap_or_else(|_| jiff::Timestamp::now()),
        None => jiff::Timestamp::now()
            .round(jiff::Unit::Second)
            .unwrap_or_else(|_| jiff::Timestamp::now()),
    };
    let outcome = crate::sync::apply(&mut a, qn, &eval.plan, &marks, now, by)
        .map_err(|e| bad_input(format!("{plan_name}: {e}")))?;
    for id in &outcome.done {
        println!("done, to verify: {id}");
    }
    for id in &outcome.reopened {
        println!("reopened: {id}");
    }
    for id in &outcome.not_in_plan {
        println!("skipped: {id} is ticked but has no gap behind it any more (nothing to record)");
    }
    let summary = format!(
        "{} item(s) recorded as done, to verify; {} reopened; {} unchanged",
        outcome.done.len(),
        outcome.reopened.len(),
        outcome.unchanged
    );
    if !outcome.changed() {
        println!("{summary}; {name} not changed");
    } else if dry_run {
        println!("{summary}; dry run, {name} not written");
    } else {
        assessment::save(&a, file).map_err(|e| bad_input(e.to_string()))?;
        println!("{summary}; wrote {name}");
    }
    Ok(0)
}

/// Whether an existing file may be replaced by an export: only earlier
/// trustgap exports (never an assessment file) unless forced.
fn may_overwrite(path: &Path) -> std::result::Result<(), String> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    if meta.is_dir() {
        return Err(format!(
            "{} is a directory; give a file name",
            path.display()
        ));
    }
    let mut head = Vec::new();
    if let Ok(f) = std::fs::File::open(path) {
        use std::io::Read as _;
        let _ = f.take(64 * 1024).read_to_end(&mut head);
    }
    let text = String::from_utf8_lossy(&head);
    if text.lines().any(|l| l.trim() == "[assessment]") {
        return Err(format!(
            "{} is an assessment file, not an export; write the export to another file",
            path.display()
        ));
    }
    let first = text.lines().next().unwrap_or("");
    let ours = text.is_empty()
        || text.contains("trustgap")
        || [
            "id,title,priority",
            "framework,requirement,",
            "system,question,",
        ]
        .iter()
        .any(|h| first.starts_with(h));
    if ours {
        Ok(())
    } else {
        Err(format!(
            "{} exists and is not a trustgap export; use --force to overwrite it, or choose another file",
            path.display()
        ))
    }
}

fn emit(text: &str, output: Option<&Path>) -> Result<()> {
    emit_to(text, output, false)
}

fn emit_to(text: &str, output: Option<&Path>, force: bool) -> Result<()> {
    match output {
        Some(p) => {
            if !force {
                may_overwrite(p).map_err(bad_input)?;
            }
            assessment::atomic_write(p, |f| f.write_all(text.as_bytes()))
                .map_err(|e| bad_input(format!("cannot write the report: {e}")))?;
            eprintln!("wrote {}", p.display());
        }
        None => {
            let mut out = std::io::stdout().lock();
            if let Err(e) = out.write_all(text.as_bytes()).and_then(|_| out.flush())
                && e.kind() != std::io::ErrorKind::BrokenPipe
            {
                return Err(anyhow!(e).context("writing to standard output"));
            }
        }
    }
    Ok(())
}

fn cmd_validate(cli: &Cli) -> Result<i32> {
    let cat = load(cli);
    let report = validate::validate(&cat);
    for p in &report.problems {
        println!("{p}");
    }
    let mut total_holes = 0;
    for h in &report.holes {
        let short = cat
            .framework(&h.framework)
            .map(|f| f.short.as_str())
            .unwrap_or(&h.framework);
        if h.missing.is_empty() {
            println!(
                "coverage {short}: every requirement is reached by a question ({} requirements, {} informational)",
                h.total, h.informational
            );
        } else {
            total_holes += h.missing.len();
            println!(
                "coverage {short}: {} of {} requirements reached by no question (coverage holes): {}",
                h.missing.len(),
                h.total,
                h.missing.join(", ")
            );
        }
    }
    let qs: usize = cat.questionnaires.iter().map(|q| q.questions.len()).sum();
    println!(
        "{} file(s), {} framework(s), {} questionnaire(s) with {qs} questions: {} error(s), {} warning(s), {total_holes} coverage hole(s)",
        cat.files.len(),
        cat.frameworks.len(),
        cat.questionnaires.len(),
        report.errors(),
        report.warnings()
    );
    Ok(if report.errors() > 0 { 2 } else { 0 })
}

fn cmd_frameworks(cli: &Cli, id: Option<&str>, format: ListFormat, timeline: bool) -> Result<i32> {
    let cat = load_checked(cli)?;
    let today = today(&cli.today)?;
    let Some(id) = id else {
        if timeline {
            bail!(bad_input(
                "--timeline needs a framework id, for example `trustgap frameworks euaiact --timeline`"
            ));
        }
        match format {
            ListFormat::Json => {
                let list: Vec<serde_json::Value> = cat
                    .frameworks
                    .iter()
                    .map(|f| {
                        serde_json::json!({
                            "id": f.id, "name": f.name, "short": f.short, "version": f.version,
                            "publisher": f.publisher, "kind": f.kind.label(),
                            "last_checked": f.last_checked.to_string(),
                            "requirements": f.requirements.len(), "groups": f.groups.len(),
                        })
                    })
                    .collect();
                println!("{}", serde_json::to_string_pretty(&list)?);
            }
            ListFormat::Table => {
                let mut t = Table::new();
                t.load_style(UTF8_FULL_CONDENSED)
                    .set_content_arrangement(ContentArrangement::Dynamic)
                    .set_header(vec![
                        "Id",
                        "Framework",
                        "Version",
                        "Kind",
                        "Requirements",
                        "Checked",
                    ]);
                for f in &cat.frameworks {
                    t.add_row(vec![
                        f.id.to_string(),
                        f.name.to_string(),
                        f.version.to_string(),
                        f.kind.label().to_string(),
                        f.requirements.len().to_string(),
                        f.last_checked.to_string(),
                    ]);
                }
                println!("{t}");
            }
        }
        return Ok(0);
    };
    let fw = cat.framework(id).ok_or_else(|| {
        let ids: Vec<&str> = cat.frameworks.iter().map(|f| f.id.as_str()).collect();
        bad_input(format!(
            "no framework `{id}`; choose one of: {}",
            ids.join(", ")
        ))
    })?;
    if timeline {
        return frameworks_timeline(fw, format, today);
    }
    match format {
        ListFormat::Json => {
            println!("{}", report::json::framework(fw));
        }
        ListFormat::Table => {
            println!(
                "{} — {} ({}), content checked {}\n",
                fw.name, fw.version, fw.publisher, fw.last_checked
            );
            let law = fw.kind == catalog::FrameworkKind::Law;
            let mut t = Table::new();
            t.load_style(UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic);
            if law {
                t.set_header(vec!["Id", "Title", "Applies to", "From"]);
            } else {
                t.set_header(vec!["Id", "Group", "Title"]);
            }
            for r in &fw.requirements {
                if law {
                    t.add_row(vec![
                        r.id.clone(),
                        r.title.clone(),
                        r.applies_to.join(", ").into(),
                        r.applies_from
                            .map(|d| d.to_string())
                            .unwrap_or_default()
                            .into(),
                    ]);
                } else {
                    let g = fw.group(&r.group).map(|g| g.title.as_str()).unwrap_or("");
                    t.add_row(vec![
                        r.id.clone(),
                        format!("{} {g}", r.group).into(),
                        r.title.clone(),
                    ]);
                }
            }
            println!("{t}");
            println!("{} requirements.", fw.requirements.len());
        }
    }
    Ok(0)
}

fn frameworks_timeline(fw: &catalog::Framework, format: ListFormat, today: Date) -> Result<i32> {
    // Every distinct date with the obligations that start then.
    let mut dates: std::collections::BTreeMap<Date, Vec<String>> = Default::default();
    for r in &fw.requirements {
        if let Some(d) = r.applies_from {
            dates.entry(d).or_default().push(
                r.reference
                    .clone()
                    .unwrap_or_else(|| r.id.clone())
                    .to_string(),
            );
        }
        for rule in &r.dates {
            let what = format!(
                "{} ({})",
                r.reference.clone().unwrap_or_else(|| r.id.clone()),
                rule.note
            );
            dates.entry(rule.date).or_default().push(what);
        }
    }
    if dates.is_empty() {
        return Err(bad_input(format!(
            "{} has no application dates; --timeline is for laws such as euaiact",
            fw.id
        )));
    }
    for v in dates.values_mut() {
        v.dedup();
    }
    match format {
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = dates
                .iter()
                .map(|(d, what)| serde_json::json!({"date": d.to_string(), "in_force": *d <= today, "applies": what}))
                .collect();
            println!("{}", serde_json::to_string_pretty(&list)?);
        }
        ListFormat::Table => {
            println!("{} application timeline as of {today}\n", fw.short);
            let mut t = Table::new();
            t.load_style(UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_header(vec!["Date", "Status", "What applies"]);
            for (d, what) in &dates {
                let status = if *d <= today {
                    "in force".to_string()
                } else {
                    format!("in {} days", engine::days_until(today, *d))
                };
                t.add_row(vec![d.to_string(), status, what.join(", ")]);
            }
            println!("{t}");
        }
    }
    Ok(0)
}

fn cmd_resolve(file: &Path, take: Option<Side>) -> Result<i32> {
    use std::io::IsTerminal;
    let name = file.display().to_string();
    let src =
        std::fs::read_to_string(file).map_err(|e| bad_input(format!("cannot read {name}: {e}")))?;
    if !crate::merge::has_markers(&src) {
        // Still check that it parses, so `resolve` doubles as a sanity check.
        assessment::parse(&name, &src).map_err(|e| bad_input(e.to_string()))?;
        println!("{name} has no conflict markers; nothing to resolve.");
        return Ok(0);
    }
    let merge = crate::merge::analyse(&name, &src).map_err(|e| bad_input(e.to_string()))?;
    let picks = match take {
        Some(side) => {
            let p = match side {
                Side::Ours => crate::merge::Pick::Ours,
                Side::Theirs => crate::merge::Pick::Theirs,
            };
            vec![p; merge.conflicts.len()]
        }
        None if merge.conflicts.is_empty() => Vec::new(),
        None => {
            if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
                return Err(bad_input(format!(
                    "{}\nresolve asks one question per conflict and needs a terminal; without one, use --take ours or --take theirs",
                    merge.explain()
                )));
            }
            let mut p = crate::prompt::Terminal;
            crate::prompt::install_signal_guard();
            match crate::prompt::resolve_conflicts(&merge, &mut p) {
                Ok(picks) => picks,
                Err(
                    crate::prompt::PromptError::Interrupted | crate::prompt::PromptError::Cancelled,
                ) => {
                    eprintln!("stopped; {name} was not changed");
                    return Ok(2);
                }
                Err(e) => return Err(bad_input(e.to_string())),
            }
        }
    };
    let merged = merge.resolve(&picks);
    assessment::save(&merged, file).map_err(|e| bad_input(e.to_string()))?;
    println!(
        "resolved {} conflicting question(s); wrote {name} without conflict markers",
        merge.conflicts.len()
    );
    Ok(0)
}

fn cmd_list(cli: &Cli, dir: Option<&Path>, format: ListFormat) -> Result<i32> {
    let cat = load_checked(cli)?;
    let dir = match dir {
        Some(d) => d.to_path_buf(),
        None => crate::workspace::data_dir().ok_or_else(|| {
            bad_input("no data directory on this system; give one with --dir DIR")
        })?,
    };
    if !dir.is_dir() {
        if format == ListFormat::Json {
            println!("[]");
        } else {
            println!(
                "No saved assessments yet: {} does not exist. Start one with `trustgap ask FILE`, or list another folder with --dir.",
                dir.display()
            );
        }
        return Ok(0);
    }
    let list = crate::workspace::list(&cat, &dir, today(&cli.today)?)
        .map_err(|e| bad_input(format!("cannot read {}: {e}", dir.display())))?;
    match format {
        ListFormat::Json => println!("{}", serde_json::to_string_pretty(&list)?),
        ListFormat::Table => {
            if list.is_empty() {
                println!("No assessments in {}.", dir.display());
                return Ok(0);
            }
            let mut t = Table::new();
            t.load_style(UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_header(vec![
                    "Organisation",
                    "File",
                    "Progress",
                    "Readiness",
                    "Last updated",
                ]);
            for s in &list {
                let file = s
                    .path
                    .file_name()
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if let Some(e) = &s.error {
                    t.add_row(vec![
                        s.organisation.clone(),
                        file,
                        "—".into(),
                        format!("cannot read: {e}"),
                        "—".into(),
                    ]);
                    continue;
                }
                let readiness: Vec<String> = s
                    .readiness
                    .iter()
                    .map(|(f, r)| format!("{f} {}", crate::report::pct(*r)))
                    .collect();
                t.add_row(vec![
                    s.organisation.clone(),
                    file,
                    format!("{} of {}", s.answered, s.asked),
                    readiness.join(", "),
                    s.updated.clone().unwrap_or_else(|| "—".into()),
                ]);
            }
            println!("{t}");
        }
    }
    Ok(0)
}

/// Says that an interactive command needs a terminal, and what to use instead.
pub fn require_terminal(command: &str) -> Result<()> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        return Ok(());
    }
    Err(bad_input(format!(
        "`trustgap {command}` asks questions and needs a terminal (standard input and output are not one). \
         Without a terminal, use `trustgap report FILE` for an assessment file, or `trustgap demo` for an example."
    )))
}

fn cmd_ask(
    cli: &Cli,
    file: Option<&Path>,
    org: Option<&str>,
    section: Option<String>,
    by: Option<String>,
    attendees: Vec<String>,
) -> Result<i32> {
    use crate::prompt::{Prompter, Terminal};
    require_terminal("ask")?;
    crate::prompt::install_signal_guard();
    let cat = load_checked(cli)?;
    let today = today(&cli.today)?;
    let qn = cat
        .questionnaire(catalog::DEFAULT_QUESTIONNAIRE)
        .ok_or_else(|| bad_input("the default questionnaire is not loaded"))?;
    let mut p = Terminal;
    let path = match file {
        Some(f) => f.to_path_buf(),
        None => {
            let dir = crate::workspace::data_dir()
                .ok_or_else(|| bad_input("no data directory on this system; give a FILE"))?;
            let existing = if dir.is_dir() {
                crate::workspace::list(&cat, &dir, today).unwrap_or_default()
            } else {
                Vec::new()
            };
            let mut options: Vec<String> = existing
                .iter()
                .filter(|s| s.error.is_none())
                .map(|s| {
                    format!(
                        "{} — {} of {} answered, updated {}",
                        s.organisation,
                        s.answered,
                        s.asked,
                        s.updated.clone().unwrap_or_else(|| "never".into())
                    )
                })
                .collect();
            options.push("Start a new assessment".into());
            let choice = if options.len() == 1 {
                0
            } else {
                match p.select("Which assessment?", &options, None) {
                    Ok(c) => c,
                    Err(_) => return Ok(0),
                }
            };
            let readable: Vec<&crate::workspace::Summary> =
                existing.iter().filter(|s| s.error.is_none()).collect();
            if choice < readable.len() {
                readable[choice].path.clone()
            } else {
                let name = match org {
                    Some(o) => o.to_string(),
                    None => match p.text("Organisation name:", "", None) {
                        Ok(n) if !n.trim().is_empty() => n.trim().to_string(),
                        _ => return Ok(0),
                    },
                };
                std::fs::create_dir_all(&dir)
                    .map_err(|e| bad_input(format!("cannot create {}: {e}", dir.display())))?;
                dir.join(crate::workspace::file_name_for(&name))
            }
        }
    };
    let a = if path.exists() {
        load_assessment(&path)?
    } else {
        let name = match org {
            Some(o) => o.to_string(),
            None => {
                let stem = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                match p.text("Organisation name:", &stem, None) {
                    Ok(n) if !n.trim().is_empty() => n.trim().to_string(),
                    _ => return Ok(0),
                }
            }
        };
        let mut a = Assessment::new(&name, qn, today);
        if let Some(b) = &by {
            a.assessor = b.clone();
        }
        a.ensure_placeholders(qn);
        assessment::save(&a, &path).map_err(|e| bad_input(e.to_string()))?;
        p.say(&format!("Created {}", path.display()));
        a
    };
    let now = || jiff::Timestamp::now();
    let mut sitting = crate::prompt::ask::Sitting {
        catalog: &cat,
        path: path.clone(),
        assessment: a,
        today,
        now: &now,
        by,
        section,
        attendees,
    };
    match crate::prompt::ask::run(&mut sitting, &mut p) {
        Ok(_) => Ok(0),
        Err(e) => Err(bad_input(e)),
    }
}
