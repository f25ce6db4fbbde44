//! Command line: parse, resolve, dispatch. Exit codes: 0 success, 1 a check
//! fell short, 2 bad input or usage.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, anyhow, bail};
use clap::{Parser, Subcommand, ValueEnum};
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use jiff::civil::Date;

use crate::assessment::{self, Assessment, AssessmentError};
use crate::catalog::{self, Catalog, LoadOptions, Severity, validate};
use crate::engine;
use crate::report::{self, Input};

/// An error that carries its exit code and a message already fit for users.
#[derive(Debug)]
pub struct Exit {
    pub code: i32,
    pub message: String,
}

impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Exit {}

fn bad_input(message: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(Exit {
        code: 2,
        message: message.into(),
    })
}

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
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Md,
    Json,
    Table,
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

mod examples {
    include!(concat!(env!("OUT_DIR"), "/examples.rs"));
}

/// The bundled example assessments: (name, TOML).
pub fn bundled_examples() -> &'static [(&'static str, &'static str)] {
    examples::EXAMPLES
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
    catalog::load_catalog(&LoadOptions {
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
        None => {
            print_overview();
            Ok(0)
        }
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
        }) => {
            let cat = load_checked(&cli)?;
            let a = load_assessment(file)?;
            let text = render(
                &cat,
                &a,
                &file.display().to_string(),
                *format,
                today(&cli.today)?,
            )?;
            emit(&text, output.as_deref())?;
            Ok(0)
        }
        Some(Command::Resolve { file, take }) => cmd_resolve(file, *take),
        Some(Command::List { dir, format }) => cmd_list(&cli, dir.as_deref(), *format),
        Some(Command::Check {
            file,
            min_readiness,
            frameworks,
            no_overdue,
        }) => {
            let cat = load_checked(&cli)?;
            let a = load_assessment(file)?;
            let eval = evaluate_file(&cat, &a, &file.display().to_string(), today(&cli.today)?)?;
            cmd_check(&cat, &eval, *min_readiness, frameworks, *no_overdue)
        }
        Some(Command::Demo {
            example,
            list,
            format,
        }) => {
            if *list {
                for (name, src) in bundled_examples() {
                    let org = assessment::parse(name, src)
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
            let a = assessment::parse(&format!("examples/{name}.toml"), src)
                .map_err(|e| bad_input(e.to_string()))?;
            let text = render(&cat, &a, name, *format, today(&cli.today)?)?;
            emit(&text, None)?;
            Ok(0)
        }
    }
}

fn print_overview() {
    println!(
        "trustgap {} — readiness for SOC 2, ISO/IEC 42001, the EU AI Act and the NIST AI RMF\n\n\
         Try it:\n  trustgap demo                      the plan for a bundled example company\n  \
         trustgap report FILE --format md   the full plan for your assessment file\n  \
         trustgap frameworks                the frameworks and their requirement counts\n  \
         trustgap frameworks euaiact --timeline\n  \
         trustgap validate                  check the catalog (and any --catalog DIR)\n\n\
         Run `trustgap --help` for every command and option.",
        env!("CARGO_PKG_VERSION")
    );
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
    let qid = if a.questionnaire.is_empty() {
        catalog::DEFAULT_QUESTIONNAIRE
    } else {
        &a.questionnaire
    };
    let qn = cat.questionnaire(qid).ok_or_else(|| {
        bad_input(format!(
            "{file}: the assessment uses questionnaire `{qid}`, which is not loaded; add it with --catalog DIR"
        ))
    })?;
    for w in assessment::unknown_report(a, qn, file) {
        eprintln!("{w}");
    }
    Ok(engine::evaluate(cat, qn, a, today))
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

/// Evaluates and renders an assessment.
pub fn render(
    cat: &Catalog,
    a: &Assessment,
    file: &str,
    format: ReportFormat,
    today: Date,
) -> Result<String> {
    let eval = evaluate_file(cat, a, file, today)?;
    let qn = cat
        .questionnaire(if a.questionnaire.is_empty() {
            catalog::DEFAULT_QUESTIONNAIRE
        } else {
            &a.questionnaire
        })
        .expect("checked by evaluate_file");
    let input = Input {
        catalog: cat,
        questionnaire: qn,
        assessment: a,
        eval: &eval,
    };
    Ok(match format {
        ReportFormat::Md => report::markdown::render(&input),
        ReportFormat::Json => report::json::render(&input),
        ReportFormat::Table => report::table::render(&input, None),
    })
}

fn emit(text: &str, output: Option<&Path>) -> Result<()> {
    match output {
        Some(p) => {
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
                        f.id.clone(),
                        f.name.clone(),
                        f.version.clone(),
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
            println!(
                "{}",
                serde_json::to_string_pretty(fw).context("serialising")?
            );
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
                        r.applies_to.join(", "),
                        r.applies_from.map(|d| d.to_string()).unwrap_or_default(),
                    ]);
                } else {
                    let g = fw.group(&r.group).map(|g| g.title.as_str()).unwrap_or("");
                    t.add_row(vec![
                        r.id.clone(),
                        format!("{} {g}", r.group),
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
            dates
                .entry(d)
                .or_default()
                .push(r.reference.clone().unwrap_or_else(|| r.id.clone()));
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
