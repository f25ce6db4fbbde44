//! `trustgap frameworks [ID]`: the frameworks, one framework's
//! requirements, or (`--timeline`) a law's application dates.

use std::collections::BTreeMap;

use anyhow::Result;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use jiff::civil::Date;

use super::globals::Globals;
use super::output::ListFormat;
use crate::catalog::{Catalog, Framework, FrameworkKind};
use crate::engine;
use crate::exit::bad_input;
use crate::report;

#[derive(clap::Args, Debug)]
pub struct FrameworksArgs {
    /// A framework id (soc2, iso42001, euaiact, nist-ai-rmf).
    pub id: Option<String>,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "table")]
    pub format: ListFormat,
    /// With euaiact: the application dates, marking those already in force.
    #[arg(long)]
    pub timeline: bool,
}

pub fn run(args: FrameworksArgs, g: &Globals) -> Result<i32> {
    let cat = g.checked_catalog()?;
    let today = g.today()?;
    let Some(id) = args.id.as_deref() else {
        if args.timeline {
            return Err(bad_input(
                "--timeline needs a framework id, for example `trustgap frameworks euaiact --timeline`",
            ));
        }
        list(&cat, args.format)?;
        return Ok(0);
    };
    let fw = cat.find_framework(id).ok_or_else(|| {
        let ids: Vec<&str> = cat.frameworks.iter().map(|f| f.id.as_str()).collect();
        bad_input(format!(
            "no framework `{id}`; choose one of: {}",
            ids.join(", ")
        ))
    })?;
    if args.timeline {
        timeline(fw, args.format, today)?;
    } else {
        requirements(fw, args.format);
    }
    Ok(0)
}

fn table() -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    t
}

/// Every framework, one line each.
fn list(cat: &Catalog, format: ListFormat) -> Result<()> {
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
            let mut t = table();
            t.set_header(vec![
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
    Ok(())
}

/// One framework's requirements: for a law with whom they apply to and
/// from when, otherwise with their group.
fn requirements(fw: &Framework, format: ListFormat) {
    if format == ListFormat::Json {
        println!("{}", report::json::framework(fw));
        return;
    }
    println!(
        "{} — {} ({}), content checked {}\n",
        fw.name, fw.version, fw.publisher, fw.last_checked
    );
    let law = fw.kind == FrameworkKind::Law;
    let mut t = table();
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

/// Every distinct application date with the obligations that start then.
fn dates(fw: &Framework) -> BTreeMap<Date, Vec<String>> {
    let mut dates: BTreeMap<Date, Vec<String>> = BTreeMap::new();
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
    for v in dates.values_mut() {
        v.dedup();
    }
    dates
}

/// A law's application timeline as of `today`.
fn timeline(fw: &Framework, format: ListFormat, today: Date) -> Result<()> {
    let dates = dates(fw);
    if dates.is_empty() {
        return Err(bad_input(format!(
            "{} has no application dates; --timeline is for laws such as euaiact",
            fw.id
        )));
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
            let mut t = table();
            t.set_header(vec!["Date", "Status", "What applies"]);
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
    Ok(())
}
