//! The markdown plan: reads well on a code host and diffs cleanly (stable
//! order, stable ids, no timestamps).
//!
//! Everything a user typed goes through [`esc`] (or [`code`] for ids), so a
//! note cannot break a table, start a heading, a list or a task, inject
//! HTML, or reorder the text around it with bidirectional controls.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::{Input, answer_text, pct, short};
use crate::assessment::Answer;
use crate::catalog::{Questionnaire, SectionKind};
use crate::engine::{CheckState, Coverage, Phase, PlanItem, SystemClass};

/// Characters that may appear in an autolinked URL (`<https://…>`) without
/// breaking a table or ending the link.
fn url_safe(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#@!&'()*+,;=%".contains(c)
}

/// Tags GitHub's tag filter neuters (`<script>` …).
const FILTERED_TAGS: &[&str] = &[
    "script",
    "iframe",
    "style",
    "textarea",
    "title",
    "xmp",
    "noembed",
    "noframes",
    "plaintext",
];

/// The bytes [`esc_plain`] may change, as a lookup table.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let chars = b"|<>&\\`*_[]#~$@:";
    let mut i = 0;
    while i < chars.len() {
        t[chars[i] as usize] = true;
        i += 1;
    }
    t
};

/// Escapes one run of text with no URL in it.
fn esc_plain(out: &mut String, s: &str) {
    // Most words need nothing: copy them as they are.
    if !s.bytes().any(|b| SPECIAL[usize::from(b)]) {
        out.push_str(s);
        return;
    }
    for (i, c) in s.char_indices() {
        match c {
            '|' => out.push_str("\\|"),
            '<' => {
                out.push_str("&lt;");
                // Text such as `<script>` would read, once rendered, like a
                // tag GitHub's tag filter neutered; a zero-width space keeps
                // it plainly text.
                let rest = &s[i + 1..];
                if FILTERED_TAGS.iter().any(|t| {
                    rest.get(..t.len())
                        .is_some_and(|head| head.eq_ignore_ascii_case(t))
                        && !rest[t.len()..].starts_with(|c: char| c.is_alphanumeric())
                }) {
                    out.push('\u{200B}');
                }
            }
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '~' | '$' | '@' => {
                out.push('\\');
                out.push(c);
            }
            // `scheme://` that is not a safe link: keep it from autolinking.
            ':' if s[i + 1..].starts_with("//") => out.push_str("\\:"),
            c => out.push(c),
        }
    }
}

/// Whether `s` starts with the ASCII `prefix`, ignoring case.
fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Escapes one whitespace-free token: a plain `http(s)://` URL becomes an
/// autolink (`<…>`), anything else is escaped.
fn esc_token(out: &mut String, tok: &str) {
    let body_start = tok
        .char_indices()
        .find(|(_, c)| !"(\"'“‘".contains(*c))
        .map(|(i, _)| i)
        .unwrap_or(tok.len());
    let (lead, rest) = tok.split_at(body_start);
    let https = starts_with_ignore_case(rest, "https://");
    if https || starts_with_ignore_case(rest, "http://") {
        let mut url = rest;
        while let Some(c) = url.chars().last() {
            let opens = url.matches('(').count();
            let closes = url.matches(')').count();
            if ".,;:!?\"'”’]".contains(c) || (c == ')' && closes > opens) {
                url = &url[..url.len() - c.len_utf8()];
            } else {
                break;
            }
        }
        let trail = &rest[url.len()..];
        let scheme_len = if https { 8 } else { 7 };
        if url.len() > scheme_len && url.chars().all(url_safe) {
            esc_plain(out, lead);
            out.push('<');
            out.push_str(url);
            out.push('>');
            esc_plain(out, trail);
            return;
        }
    } else if starts_with_ignore_case(rest, "www.") {
        esc_plain(out, lead);
        out.push_str(&rest[..3]);
        out.push_str("\\.");
        esc_plain(out, &rest[4..]);
        return;
    }
    esc_plain(out, tok);
}

/// Escapes text a user typed so it cannot break a table, start a heading,
/// a list or a task, inject HTML, or reorder text with bidirectional
/// override characters. Newlines and tabs become spaces; other control
/// characters and bidi overrides/isolates are dropped; plain web addresses
/// become links.
pub fn esc(s: &str) -> String {
    // Printable ASCII needs no cleaning (the common case).
    let clean: std::borrow::Cow<'_, str> = if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        s.into()
    } else {
        s.chars()
            .filter_map(|c| match c {
                '\n' | '\r' | '\t' | '\u{85}' | '\u{2028}' | '\u{2029}' => Some(' '),
                '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' => None,
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect::<String>()
            .into()
    };
    let clean = clean.trim();
    let mut out = String::with_capacity(clean.len() + 8);
    for (i, tok) in clean.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        esc_token(&mut out, tok);
    }
    // At the start of a line, `- `, `+ `, `1. `, `1) `, `---` and `===`
    // start lists, rules or headings.
    let marker_end = |rest: &str, c: char| rest.is_empty() || rest.starts_with([' ', c]);
    if let Some(c) = out.chars().next().filter(|c| matches!(c, '-' | '+' | '=')) {
        if marker_end(&out[1..], c) {
            out.insert(0, '\\');
        }
    } else {
        let digits = out.chars().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0
            && digits < 10
            && out[digits..].starts_with(['.', ')'])
            && marker_end(&out[digits + 1..], ' ')
        {
            out.insert(digits, '\\');
        }
    }
    // Text that reads like a task box ("[ ] …") is quoted so that it cannot
    // pass for one at the start of a list item.
    if ["\\[ \\]", "\\[x\\]", "\\[X\\]", "\\[\\]"]
        .iter()
        .any(|p| out.starts_with(p))
    {
        out = format!("“{out}”");
    }
    out
}

/// An identifier in a code span when it is plain (letters, digits and
/// `._/:+-@`), otherwise escaped text.
pub fn code(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "._/:+-@".contains(c))
    {
        format!("`{s}`")
    } else {
        esc(s)
    }
}

/// One table row; empty cells become `—` (a row of `|  |` breaks
/// markdownlint's table style rule).
pub fn row(cells: &[String]) -> String {
    let cells: Vec<&str> = cells
        .iter()
        .map(|c| {
            if c.trim().is_empty() {
                "—"
            } else {
                c.as_str()
            }
        })
        .collect();
    format!("| {} |", cells.join(" | "))
}

/// Escaped heading text without trailing punctuation (markdownlint MD026).
fn heading(s: &str) -> String {
    let e = esc(s);
    let t = e.trim_end_matches(['.', ',', ';', ':', '!', '。', '，', '；', '：', '！']);
    // An escaped character's backslash must not be left dangling.
    let t = t.strip_suffix('\\').unwrap_or(t).trim_end();
    if t.is_empty() {
        "Untitled".to_string()
    } else {
        t.to_string()
    }
}

/// Whether a requirement status leaves work to do.
fn open_coverage(c: Coverage) -> bool {
    matches!(
        c,
        Coverage::Gap | Coverage::Partial | Coverage::Unknown | Coverage::NotAssessed
    )
}

/// Renders the plan.
pub fn render(input: &Input<'_>) -> String {
    let mut o = String::new();
    render_header(&mut o, input);
    super::glance::render(&mut o, input);
    render_summary(&mut o, input);
    render_plan(&mut o, input);
    render_coverage(&mut o, input);

    render_soa(&mut o, input);
    render_parking_lot(&mut o, input);
    render_workshop(&mut o, input);
    render_appendix(&mut o, input);

    while o.ends_with("\n\n") {
        o.pop();
    }
    o
}

/// The one-page summary alone: the header and "At a glance" (`report --summary`).
pub fn render_summary_page(input: &Input<'_>) -> String {
    let mut o = String::new();
    render_header(&mut o, input);
    super::glance::render(&mut o, input);
    while o.ends_with("\n\n") {
        o.pop();
    }
    o
}

fn render_summary(o: &mut String, input: &Input<'_>) {
    let ev = input.eval;
    o.push_str("## Readiness and scope\n\n");
    o.push_str(
        "| Framework | Scope | Met | Progress | Assessed | Covered | Partial | Gaps | Unknown |\n",
    );
    o.push_str("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for fr in &ev.analysis.frameworks {
        let fs = ev.scope.framework(&fr.id);
        let scope = match fs {
            Some(f) if f.in_scope && f.recommended => "recommended",
            Some(f) if f.in_scope => "in scope",
            _ => "out of scope",
        };
        if !fr.in_scope {
            let _ = writeln!(
                o,
                "| {} | {scope} | — | — | — | — | — | — | — |",
                esc(&fr.short)
            );
            continue;
        }
        let c = &fr.counts;
        let _ = writeln!(
            o,
            "| {} | {scope} | {} | {} | {:.0}% of {} | {} | {} | {} | {} |",
            esc(&fr.short),
            pct(fr.met),
            pct(fr.readiness),
            c.assessed_pct(),
            c.applicable,
            c.covered,
            c.partial,
            c.gap,
            c.unknown
        );
    }
    o.push('\n');
    o.push_str(
        "Met is the share of applicable requirements whose evidence is all in place. Progress also counts partial work: \
         each requirement scores the share of the answers behind it that are in place (partial = ½). \
         \"Not assessed\" means nothing applicable has been answered yet, and a \"don't know\" counts as a gap to investigate. \
         Confirming that an EU AI Act prohibition does not apply is a check, not readiness: it is left out of both numbers. \
         Items marked done, to verify, still count as gaps until the answers behind them say implemented.\n\n",
    );
    if !ev.scope.frameworks.is_empty() {
        o.push_str("Why each framework is in scope:\n\n");
        for f in &ev.scope.frameworks {
            let _ = writeln!(o, "- **{}**: {}", esc(&f.short), esc(&f.reason));
        }
        o.push('\n');
    }

    render_soc2_scope(o, input);
    render_aiact_systems(o, input);
}

/// Title, provenance, the filter in force and the framework versions.
fn render_header(o: &mut String, input: &Input<'_>) {
    let cat = input.catalog;
    let a = input.assessment;
    let ev = input.eval;
    let qn = input.questionnaire;
    let _ = writeln!(o, "# {}: readiness plan", esc(&a.organisation));
    o.push('\n');
    let _ = writeln!(
        o,
        "Evaluated on {} with trustgap {} and questionnaire {} {}.",
        ev.today,
        env!("CARGO_PKG_VERSION"),
        code(&qn.id),
        esc(&qn.version)
    );
    match (a.created, a.updated()) {
        (Some(c), Some(u)) => {
            let _ = writeln!(
                o,
                "Assessment started {c}; latest answer recorded {}.",
                u.strftime("%Y-%m-%d")
            );
        }
        (Some(c), None) => {
            let answered = a
                .answers
                .values()
                .chain(a.systems.values().flat_map(|s| s.answers.values()))
                .filter(|x| x.is_answered())
                .count();
            if answered == 0 {
                let _ = writeln!(o, "Assessment started {c}; no answers recorded yet.");
            } else {
                let _ = writeln!(
                    o,
                    "Assessment started {c}; {answered} answer{} recorded, without dates.",
                    if answered == 1 { "" } else { "s" }
                );
            }
        }
        (None, Some(u)) => {
            let _ = writeln!(o, "Latest answer recorded {}.", u.strftime("%Y-%m-%d"));
        }
        (None, None) => {}
    }
    if !a.assessor.trim().is_empty() {
        let _ = writeln!(o, "Assessor: {}.", esc(&a.assessor));
    }
    o.push('\n');
    if let Some(f) = input.filter.describe(cat) {
        let _ = writeln!(
            o,
            "> **Filtered export** ({}): only the matching plan items and frameworks are shown; this is not the whole plan.\n",
            esc(&f)
        );
    }
    o.push_str("Framework versions:\n\n");
    for f in cat
        .frameworks
        .iter()
        .filter(|f| input.filter.shows_framework(&f.id))
    {
        let _ = writeln!(
            o,
            "- {}: {} (content checked {})",
            esc(&f.short),
            esc(&f.version),
            f.last_checked
        );
    }
    o.push('\n');
}

/// The ISO/IEC 42001 Statement of Applicability, when ISO 42001 is in scope.
fn render_soa(o: &mut String, input: &Input<'_>) {
    let cat = input.catalog;
    let a = input.assessment;
    let ev = input.eval;
    if let (Some(fw), true, true) = (
        cat.framework("iso42001"),
        ev.scope.in_scope("iso42001"),
        input.filter.shows_framework("iso42001"),
    ) {
        o.push_str("## ISO/IEC 42001 Statement of Applicability\n\n");
        o.push_str("| Control | Title | Included | Justification | Status |\n| --- | --- | --- | --- | --- |\n");
        for r in fw.requirements.iter().filter(|r| r.soa) {
            let entry = a.soa.get(r.id.as_str());
            let included = entry.is_none_or(|e| e.included);
            let just = entry
                .map(|e| esc(&e.justification))
                .filter(|j| !j.is_empty())
                .unwrap_or_else(|| {
                    if included {
                        "Default: included".to_string()
                    } else {
                        "No justification recorded".to_string()
                    }
                });
            let status = ev
                .analysis
                .requirement("iso42001", &r.id)
                .map(|s| s.coverage.label())
                .unwrap_or("—");
            let _ = writeln!(
                o,
                "{}",
                row(&[
                    esc(&r.id),
                    esc(&r.title),
                    if included { "yes" } else { "no" }.to_string(),
                    just,
                    status.to_string(),
                ])
            );
        }
        o.push('\n');
    }
}

/// The SOC 2 report type and categories in scope, with why.
fn render_soc2_scope(o: &mut String, input: &Input<'_>) {
    let ev = input.eval;
    if let Some(t) = &ev.scope.soc2_type {
        o.push_str("### SOC 2 scope\n\n");
        let _ = writeln!(
            o,
            "Report to aim for first: **{}**. {}",
            esc(&t.report),
            esc(&t.reason)
        );
        if let Some(fr) = ev.analysis.framework("soc2") {
            let cats = ev.scope.tsc_names();
            let _ = writeln!(
                o,
                "{} criteria in scope ({}).",
                fr.counts.applicable,
                esc(&cats.join(", "))
            );
        }
        o.push('\n');
        o.push_str("| Category | Included | Why |\n| --- | --- | --- |\n");
        for t in &ev.scope.tsc {
            let _ = writeln!(
                o,
                "{}",
                row(&[
                    esc(&t.category),
                    if t.in_scope { "yes" } else { "no" }.to_string(),
                    esc(&t.reason),
                ])
            );
        }
        o.push('\n');
    }
}

/// Each AI system's EU AI Act tier and duties, then its classification.
fn render_aiact_systems(o: &mut String, input: &Input<'_>) {
    let ev = input.eval;
    if !ev.scope.systems.is_empty() {
        o.push_str("### EU AI Act systems\n\n");
        o.push_str(
            "| AI system | Tier | Roles | Duties | In force | Overdue | Next date | Art. 5 checks |\n",
        );
        o.push_str("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for s in &ev.scope.systems {
            let in_force = s.duties().filter(|o| o.in_force).count();
            // A prohibited practice in use is overdue; a check is not a duty.
            let overdue = s
                .duties()
                .filter(|ob| ob.in_force && obligation_open(input, &ob.id))
                .count()
                + s.checks
                    .iter()
                    .filter(|c| c.in_force && c.state == CheckState::Prohibited)
                    .count();
            let next = s.next_date().map_or("—".into(), |d| d.to_string());
            let duties = match (s.duties().count(), s.conditional.len()) {
                (n, 0) => n.to_string(),
                (n, c) => format!("{n} (+{c} if redesigned)"),
            };
            let roles: Vec<&str> = s.effective_roles.iter().map(String::as_str).collect();
            let _ = writeln!(
                o,
                "{}",
                row(&[
                    esc(&s.name),
                    format!(
                        "{}{}",
                        s.tier.label(),
                        if s.provisional { " (provisional)" } else { "" }
                    ),
                    esc(&roles.join(", ")),
                    duties,
                    in_force.to_string(),
                    if overdue > 0 {
                        format!("**{overdue} overdue**")
                    } else {
                        "0".to_string()
                    },
                    next,
                    checks_summary(s),
                ])
            );
        }
        o.push('\n');
        o.push_str(
            "Overdue: the obligation already applies and the answers do not show it covered. \
             Art. 5 checks: the prohibitions that bind the system, each confirmed once per system; \
             they are not counted as duties.\n\n",
        );
        o.push_str("### EU AI Act classification\n\n");
        let mut seen = BTreeSet::new();
        for s in &ev.scope.systems {
            let dup = !seen.insert(heading(&s.name));
            render_system(o, input, s, dup);
        }
    }
}

/// The Art 5 checks of a system in a few words: how many the answers rule
/// out, how many it breaches and how many are still to confirm.
fn checks_summary(s: &SystemClass) -> String {
    if s.checks.is_empty() {
        return "—".into();
    }
    let mut parts = Vec::new();
    let ruled_out = s.checks_in(CheckState::RuledOut) + s.checks_in(CheckState::Exception);
    if ruled_out > 0 {
        parts.push(format!("{ruled_out} ruled out"));
    }
    match s.checks_in(CheckState::Prohibited) {
        0 => {}
        n => parts.push(format!("**{n} prohibited**")),
    }
    match s.checks_in(CheckState::ToConfirm) {
        0 => {}
        n => parts.push(format!("{n} to confirm")),
    }
    parts.join(", ")
}

/// Whether an AI Act obligation still has work to do.
fn obligation_open(input: &Input<'_>, id: &str) -> bool {
    input
        .eval
        .analysis
        .requirement("euaiact", id)
        .is_some_and(|r| open_coverage(r.coverage))
}

/// One system's classification: tier, roles, the decisions with their
/// articles, and its obligations.
fn render_system(o: &mut String, input: &Input<'_>, s: &SystemClass, duplicate_name: bool) {
    let _ = writeln!(
        o,
        "#### {}{}: {}{}\n",
        heading(&s.name),
        if duplicate_name {
            format!(" ({})", code(&s.id))
        } else {
            String::new()
        },
        s.tier.label(),
        if s.provisional { " (provisional)" } else { "" }
    );
    let roles: Vec<&str> = s.effective_roles.iter().map(String::as_str).collect();
    let _ = writeln!(
        o,
        "Roles: {}.{}\n",
        if roles.is_empty() {
            "none recorded".to_string()
        } else {
            esc(&roles.join(", "))
        },
        if s.open.is_empty() {
            String::new()
        } else {
            format!(
                " Unanswered questions that can change this: {}.",
                s.open
                    .iter()
                    .map(|q| code(q))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    );
    if !s.decisions.is_empty() {
        o.push_str("| Article | Decision |\n| --- | --- |\n");
        for d in &s.decisions {
            let _ = writeln!(o, "{}", row(&[esc(&d.article), esc(&d.text)]));
        }
        o.push('\n');
    }
    if !s.checks.is_empty() {
        render_checks(o, input, s);
    }
    if s.duties().next().is_some() {
        render_obligations(o, input, s);
    }
    if !s.conditional.is_empty() {
        render_conditional(o, s);
    }
}

/// The Art 5 prohibitions that bind a system, once each, with the answer
/// that decides each; folded away when every one is ruled out.
fn render_checks(o: &mut String, input: &Input<'_>, s: &SystemClass) {
    let all_clear = s
        .checks
        .iter()
        .all(|c| matches!(c.state, CheckState::RuledOut | CheckState::Exception));
    let ruled_out = s.checks_in(CheckState::RuledOut) + s.checks_in(CheckState::Exception);
    let lead = if all_clear {
        format!("Prohibited practices (Art. 5): all {ruled_out} ruled out by your answers")
    } else {
        format!(
            "Prohibited practices (Art. 5) to confirm: {ruled_out} of {} ruled out by your answers",
            s.checks.len()
        )
    };
    if all_clear {
        let _ = writeln!(o, "<details>\n<summary>{lead}</summary>\n");
    } else {
        let _ = writeln!(o, "{lead}:\n");
    }
    o.push_str("| Prohibition | Applies from | Decided by | State |\n| --- | --- | --- | --- |\n");
    for c in &s.checks {
        let date = c.date.map_or("—".into(), |d| d.to_string());
        let by = match &c.answer {
            Some(a) => format!("\"{}\" to {}", capitalized(a), code(&c.question)),
            None => format!("answer {}", code(&c.question)),
        };
        let state = match c.state {
            CheckState::Prohibited => format!("**{}**", c.state.label()),
            other => other.label().to_string(),
        };
        let _ = writeln!(
            o,
            "{}",
            row(&[
                format!("{} {}", esc(&c.reference), esc(&c.title)),
                date,
                by,
                state,
            ])
        );
    }
    o.push('\n');
    if let Some(law) = input.catalog.framework("euaiact") {
        let mut tiers: Vec<&str> = s
            .checks
            .iter()
            .filter_map(|c| c.penalty.as_deref())
            .collect();
        tiers.sort_unstable();
        tiers.dedup();
        for p in law
            .penalties
            .iter()
            .filter(|p| tiers.contains(&p.id.as_str()))
        {
            let _ = writeln!(
                o,
                "Maximum fine for a prohibited practice:\n\n- {}: {}\n",
                esc(&p.title),
                esc(&p.max)
            );
        }
    }
    if all_clear {
        o.push_str("</details>\n\n");
    }
}

/// What a prohibited system would owe once redesigned without the
/// prohibited practice: conditional, and not in the plan.
fn render_conditional(o: &mut String, s: &SystemClass) {
    o.push_str(
        "If you redesign it without the prohibited practice, the redesigned system would owe the following. \
         These duties are conditional: none applies while the prohibited practice remains, and they are not in the plan.\n\n",
    );
    o.push_str("| Obligation (if redesigned) | Role | Would apply from |\n| --- | --- | --- |\n");
    for ob in &s.conditional {
        let date = ob.date.map_or("—".into(), |d| d.to_string());
        let _ = writeln!(
            o,
            "{}",
            row(&[
                format!("{} {}", esc(&ob.reference), esc(&ob.title)),
                esc(&ob.role),
                date,
            ])
        );
    }
    o.push('\n');
}

/// `no` → `No`.
fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A system's obligations with their dates and status, the fines they
/// carry, and notes on uncertain dates.
fn render_obligations(o: &mut String, input: &Input<'_>, s: &SystemClass) {
    let cat = input.catalog;
    let today = input.eval.today;
    o.push_str("| Obligation | Role | Applies from | In force | Status |\n| --- | --- | --- | --- | --- |\n");
    for ob in s.duties() {
        let date = ob.date.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
        // Where sources differ, both readings, and the plan's prudent one.
        let (note, reading) = match ob.later_date {
            Some(later) => (
                format!(" or {later} (sources differ)"),
                " on the earlier reading",
            ),
            None if ob.date_note.is_some() => (" (date uncertain)".to_string(), ""),
            None => (String::new(), ""),
        };
        let state = if ob.in_force {
            if obligation_open(input, &ob.id) {
                format!("**overdue**{reading}")
            } else {
                format!("yes{reading}")
            }
        } else {
            match ob.date {
                Some(d) => format!("in {} days", crate::engine::days_until(today, d)),
                None => "—".into(),
            }
        };
        let status = input
            .eval
            .analysis
            .requirement("euaiact", &ob.id)
            .map(|r| r.coverage.label())
            .unwrap_or("—");
        let _ = writeln!(
            o,
            "| {} {} | {} | {date}{note} | {state} | {status} |",
            esc(&ob.reference),
            esc(&ob.title),
            esc(&ob.role)
        );
    }
    o.push('\n');
    if let Some(law) = cat.framework("euaiact") {
        let mut tiers: Vec<&str> = s.duties().filter_map(|o| o.penalty.as_deref()).collect();
        tiers.sort_unstable();
        tiers.dedup();
        let lines: Vec<String> = law
            .penalties
            .iter()
            .filter(|p| tiers.contains(&p.id.as_str()))
            .map(|p| format!("- {}: {}", esc(&p.title), esc(&p.max)))
            .collect();
        if !lines.is_empty() {
            o.push_str("Maximum fines for these obligations:\n\n");
            for l in &lines {
                o.push_str(l);
                o.push('\n');
            }
            o.push('\n');
        }
    }
    for ob in s.duties().filter(|o| o.date_note.is_some()) {
        let _ = writeln!(
            o,
            "Note on {}: {}\n",
            esc(&ob.reference),
            esc(ob.date_note.as_deref().unwrap_or(""))
        );
    }
}

fn render_plan(o: &mut String, input: &Input<'_>) {
    o.push_str("## Remediation plan\n\n");
    let plan = &input.eval.plan;
    if plan.items.is_empty() {
        if input.filter.is_empty() {
            o.push_str("No gaps behind any remediation: nothing to plan yet. Answer more questions to find gaps.\n\n");
        } else {
            o.push_str("No plan item matches the filter.\n\n");
        }
        return;
    }
    let _ = writeln!(
        o,
        "{} item{}, about {} of {} person-days of work left{}. Items are ranked by what you are preparing for: \
         EU AI Act duties that already apply first, then what blocks the audit or certification you target (earliest goal first, \
         in the order auditors test the basics), then severity; frameworks you do not target only break ties. \
         Prerequisites always come first. Each item says why, in the order the reasons counted, and is scheduled against its owner's time.",
        plan.items.len(),
        if plan.items.len() == 1 { "" } else { "s" },
        super::csv::days(plan.remaining_days),
        plan.total_effort_days,
        plan.finish
            .map(|d| format!(", finished by {d} at each owner's pace"))
            .unwrap_or_default()
    );
    o.push('\n');
    o.push_str(
        "Tick an item's box when the work is done and run `trustgap sync ASSESSMENT --from PLAN.md`: \
         it is recorded as done, to verify, and its requirements count as covered once the answers behind it say implemented.\n\n",
    );
    // Items come in rank order, each section in one run.
    let mut current: Option<&str> = None;
    for it in &plan.items {
        if current != Some(it.section.as_str()) {
            if current.is_some() {
                o.push('\n');
            }
            let _ = writeln!(o, "### {}\n", esc(&it.section));
            current = Some(&it.section);
        }
        render_item(o, input, it);
    }
    o.push('\n');
}

/// When the work is scheduled, in the plan's phases; the phase before the
/// audit by the month work starts.
fn when(it: &PlanItem) -> String {
    match it.phase {
        Phase::BeforeAudit => format!(
            "Before the audit, starting {} {}",
            MONTHS[it.start.month() as usize - 1],
            it.start.year()
        ),
        p => p.label().to_string(),
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn render_item(o: &mut String, input: &Input<'_>, it: &PlanItem) {
    let done = input.done_to_verify(it);
    let _ = writeln!(
        o,
        "- [{}] **{}** ({}){}",
        if done.is_some() { "x" } else { " " },
        esc(&it.title),
        code(&it.id),
        if done.is_some() {
            " — done, to verify"
        } else {
            ""
        }
    );
    if let Some(p) = done {
        let when = p
            .updated
            .map(|u| format!(" on {}", u.strftime("%Y-%m-%d")))
            .unwrap_or_default();
        let by =
            p.by.as_deref()
                .filter(|b| !b.trim().is_empty())
                .map(|b| format!(" by {}", esc(b)))
                .unwrap_or_default();
        let _ = writeln!(
            o,
            "  - Marked done{when}{by}. It counts as covered once the answers behind it say implemented."
        );
    }
    let _ = writeln!(
        o,
        "  - Rank {} · score {} · {} severity · owner: {}{} · {} of {} person-day{} left",
        it.rank,
        it.priority,
        it.severity.label(),
        esc(&it.owner),
        if it.owner_assigned || it.kind == crate::engine::ItemKind::Milestone {
            ""
        } else {
            " (suggested)"
        },
        super::csv::days(it.remaining_days),
        it.effort_days,
        if it.effort_days == 1 { "" } else { "s" },
    );
    let _ = writeln!(
        o,
        "  - {}: {} to {}{}{}{}",
        when(it),
        it.start,
        it.finish,
        it.due.map(|d| format!(" · due {d}")).unwrap_or_default(),
        it.deadline
            .as_ref()
            .map(|d| format!(" · {} deadline {}: {}", d.kind, d.date, esc(&d.reason)))
            .unwrap_or_default(),
        if it.overdue { " · **overdue**" } else { "" }
    );
    if !it.after.is_empty() {
        let _ = writeln!(o, "  - After: {}", super::glance::after_cell(input, it));
    }
    if let Some(r) = &it.at_risk {
        let _ = writeln!(
            o,
            "  - **At risk**: finishes {} days after its date. What would fix it: {}.",
            r.late_days,
            esc(&r.fixes.join("; "))
        );
    }
    let _ = writeln!(o, "  - Why this rank: {}.", esc(&it.why.join("; ")));
    if !it.steps.is_empty() {
        o.push_str("  - Steps:\n");
    }
    for (i, s) in it.steps.iter().enumerate() {
        let _ = writeln!(o, "    {}. {}", i + 1, esc(s));
    }
    if !it.evidence.is_empty() {
        o.push_str("  - Evidence to collect:\n");
        for e in &it.evidence {
            let _ = writeln!(o, "    - {}", esc(e));
        }
    }
    if it.requirements.is_empty() {
        return;
    }
    render_closes(o, input, it);
    let qs: Vec<String> = it
        .gaps
        .iter()
        .map(|(q, c)| format!("{} ({})", code(q), c.label()))
        .collect();
    let _ = writeln!(o, "  - Answers behind it: {}", qs.join(", "));
}

/// The requirements an item closes, per framework (in force ones marked).
fn render_closes(o: &mut String, input: &Input<'_>, it: &PlanItem) {
    let cat = input.catalog;
    o.push_str("  - Closes:\n");
    for fw in &it.frameworks {
        let ids: Vec<String> = it
            .requirements
            .iter()
            .filter(|r| &r.framework == fw)
            .map(|r| {
                let in_force = r.applies_from.is_some_and(|d| d <= input.eval.today);
                format!(
                    "{}{}",
                    esc(&r.id),
                    if in_force { " (in force)" } else { "" }
                )
            })
            .collect();
        let _ = writeln!(o, "    - {}: {}", esc(short(cat, fw)), ids.join(", "));
    }
}

fn render_coverage(o: &mut String, input: &Input<'_>) {
    let ev = input.eval;
    // Requirements a ticked ("done, to verify") item closes.
    let mut to_verify: BTreeSet<(&str, &str)> = BTreeSet::new();
    for it in &ev.plan.items {
        if input.done_to_verify(it).is_some() {
            for r in &it.requirements {
                to_verify.insert((r.framework.as_str(), r.id.as_str()));
            }
        }
    }
    let shown: Vec<_> = ev
        .analysis
        .frameworks
        .iter()
        .filter(|f| f.in_scope)
        .collect();
    if shown.is_empty() {
        return;
    }
    o.push_str("## Coverage by framework\n\n");
    for fr in shown {
        let _ = writeln!(o, "### {}\n", heading(&fr.short));
        let _ = writeln!(
            o,
            "Readiness {} over {} applicable requirements.\n",
            pct(fr.readiness),
            fr.counts.applicable
        );
        o.push_str("| Area | Readiness | Covered | Partial | Gaps | Unknown | Not assessed |\n");
        o.push_str("| --- | --- | --- | --- | --- | --- | --- |\n");
        for g in &fr.groups {
            let c = &g.counts;
            let _ = writeln!(
                o,
                "| {} {} | {} | {} | {} | {} | {} | {} |",
                esc(&g.id),
                esc(&g.title),
                pct(g.readiness),
                c.covered,
                c.partial,
                c.gap,
                c.unknown,
                c.not_assessed
            );
        }
        o.push('\n');
        render_requirements(o, input, fr, &to_verify);
    }
}

/// Every requirement of a framework with its status and what evidences it,
/// folded away under a summary line.
fn render_requirements(
    o: &mut String,
    input: &Input<'_>,
    fr: &crate::engine::FrameworkReadiness,
    to_verify: &BTreeSet<(&str, &str)>,
) {
    let ev = input.eval;
    let cat = input.catalog;
    let reqs: Vec<_> = ev
        .analysis
        .requirements
        .iter()
        .filter(|r| r.framework == fr.id)
        .collect();
    if reqs.is_empty() {
        return;
    }
    let fw = cat.framework(&fr.id);
    let _ = writeln!(
        o,
        "<details>\n<summary>Every {} requirement ({})</summary>\n",
        esc(&fr.short),
        reqs.len()
    );
    o.push_str("| Requirement | Title | Status | Evidenced by |\n| --- | --- | --- | --- |\n");
    for r in reqs {
        let title = fw
            .and_then(|f| f.requirement(&r.id))
            .map(|x| esc(&x.title))
            .unwrap_or_default();
        let mut status = r.coverage.label().to_string();
        if to_verify.contains(&(r.framework.as_str(), r.id.as_str())) {
            status.push_str(", fix done, to verify");
        }
        let by = if let Some(reason) = &r.reason {
            esc(reason)
        } else if r.questions.is_empty() {
            "—".to_string()
        } else {
            r.questions
                .iter()
                .map(|q| code(q))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(o, "{}", row(&[esc(&r.id), title, status, by]));
    }
    o.push_str("\n</details>\n\n");
}

fn render_parking_lot(o: &mut String, input: &Input<'_>) {
    let a = input.assessment;
    let qn = input.questionnaire;
    let lot = a.parking_lot();
    let open = &input.eval.scope.open;
    let find_out: Vec<&PlanItem> = input
        .eval
        .plan
        .items
        .iter()
        .filter(|i| i.find_out)
        .collect();
    if lot.is_empty() && open.is_empty() && find_out.is_empty() {
        return;
    }
    o.push_str("## Parking lot\n\n");
    if !find_out.is_empty() {
        o.push_str(
            "EU AI Act duties that apply now (or within 90 days) and that no answer has assessed yet: find out, then act. \
             Each is in the plan and fails `trustgap check --no-overdue` until answered.\n\n",
        );
        o.push_str("| Plan item | Duty | Applies from | Questions to answer |\n| --- | --- | --- | --- |\n");
        for it in find_out {
            let duties: Vec<String> = it
                .requirements
                .iter()
                .filter(|r| r.framework == "euaiact")
                .map(|r| esc(&r.id))
                .collect();
            let qs: Vec<String> = it.gaps.iter().map(|(q, _)| code(q)).collect();
            let _ = writeln!(
                o,
                "{}",
                row(&[
                    format!("#{} {}", it.rank, esc(&it.title)),
                    duties.join(", "),
                    it.legal_date.map(|d| d.to_string()).unwrap_or_default(),
                    qs.join(", "),
                ])
            );
        }
        o.push('\n');
    }
    if !lot.is_empty() {
        o.push_str(
            "\"Don't know\" answers: each is a gap to investigate until someone finds out.\n\n",
        );
        o.push_str("| Question | What we asked | Who will find out | By | Note |\n| --- | --- | --- | --- | --- |\n");
        for (key, ans) in &lot {
            let qid = key.rsplit('/').next().unwrap_or(key);
            let text = qn.question(qid).map(|x| esc(&x.text)).unwrap_or_default();
            let who = ans
                .who_finds_out()
                .map(esc)
                .unwrap_or_else(|| "nobody yet".to_string());
            let by = ans
                .target
                .map(|d| d.to_string())
                .unwrap_or_else(|| "—".into());
            let note = ans.note.as_deref().map(esc).unwrap_or_default();
            let _ = writeln!(o, "{}", row(&[code(key), text, who, by, note]));
        }
        o.push('\n');
    }
    if !open.is_empty() {
        o.push_str("Scoping questions still unanswered (the answers can change the scope):\n\n");
        for q in open {
            let text = qn.question(q).map(|x| x.text.as_str()).unwrap_or("");
            let _ = writeln!(o, "- {}: {}", code(q), esc(text));
        }
        o.push('\n');
    }
}

fn render_workshop(o: &mut String, input: &Input<'_>) {
    let a = input.assessment;
    let qn = input.questionnaire;
    if a.participants.is_empty() && a.sessions.is_empty() && a.section_notes.is_empty() {
        return;
    }
    o.push_str("## Workshop record\n\n");
    if !a.participants.is_empty() {
        let names: Vec<String> = a.participants.iter().map(|p| esc(p)).collect();
        let _ = writeln!(o, "Participants: {}.\n", names.join(", "));
    }
    if !a.sessions.is_empty() {
        o.push_str("### Sessions\n\n");
        o.push_str("| Session | Date | Facilitator | Attendees | Sections covered | Summary |\n");
        o.push_str("| --- | --- | --- | --- | --- | --- |\n");
        for (id, s) in &a.sessions {
            let sections: Vec<String> = s
                .sections
                .iter()
                .map(|x| {
                    qn.section(x)
                        .map(|sec| esc(&sec.title))
                        .unwrap_or_else(|| code(x))
                })
                .collect();
            let attendees: Vec<String> = s.attendees.iter().map(|x| esc(x)).collect();
            let _ = writeln!(
                o,
                "{}",
                row(&[
                    code(id),
                    s.date.map(|d| d.to_string()).unwrap_or_default(),
                    esc(&s.facilitator),
                    attendees.join(", "),
                    sections.join(", "),
                    esc(&s.summary),
                ])
            );
        }
        o.push('\n');
    }
    if !a.section_notes.is_empty() {
        o.push_str("### Facilitator notes\n\n");
        // Questionnaire order first, then notes for sections it does not have.
        let mut keys: Vec<&String> = qn
            .sections
            .iter()
            .filter_map(|s| a.section_notes.get_key_value(s.id.as_str()).map(|(k, _)| k))
            .collect();
        for k in a.section_notes.keys() {
            if qn.section(k).is_none() {
                keys.push(k);
            }
        }
        for k in keys {
            let text = &a.section_notes[k];
            let title = qn
                .section(k)
                .map(|s| heading(&s.title))
                .unwrap_or_else(|| heading(k));
            let _ = writeln!(o, "#### {title}\n");
            let paras: Vec<String> = text
                .replace("\r\n", "\n")
                .split("\n\n")
                .map(esc)
                .filter(|p| !p.is_empty())
                .collect();
            if paras.is_empty() {
                o.push_str("(empty)\n\n");
            }
            for p in paras {
                o.push_str(&p);
                o.push_str("\n\n");
            }
        }
    }
}

/// Every answer given, by section, then per AI system, then answers to
/// questions outside the questionnaire.
fn render_appendix(o: &mut String, input: &Input<'_>) {
    let a = input.assessment;
    let qn = input.questionnaire;
    if !a.answers.values().any(answered)
        && !a.systems.values().any(|s| s.answers.values().any(answered))
    {
        return;
    }
    o.push_str("## Appendix: answers\n\n");
    let mut shown = BTreeSet::new();
    for sec in qn.sections.iter().filter(|s| s.kind != SectionKind::System) {
        let qs: Vec<(&str, &Answer)> = qn
            .questions
            .iter()
            .filter(|q| q.section == sec.id)
            .filter_map(|q| {
                a.answers
                    .get(q.id.as_str())
                    .filter(|x| answered(x))
                    .map(|x| (q.id.as_str(), x))
            })
            .collect();
        if qs.is_empty() {
            continue;
        }
        let _ = writeln!(o, "### {}\n", heading(&sec.title));
        o.push_str(ANSWERS_HEADER);
        for &(id, ans) in &qs {
            shown.insert(id.to_string());
            answer_row(o, qn, id, ans);
        }
        o.push('\n');
        render_why_counts(o, input, qs.iter().map(|(id, _)| *id));
    }
    render_system_answers(o, input);
    let other: Vec<(&String, &Answer)> = a
        .answers
        .iter()
        .filter(|(k, x)| !shown.contains(k.as_str()) && answered(x))
        .collect();
    if !other.is_empty() {
        o.push_str("### Other answers\n\n");
        o.push_str(
            "Answers outside the questionnaire's organisation sections (kept as they are).\n\n",
        );
        o.push_str(ANSWERS_HEADER);
        for (k, ans) in other {
            answer_row(o, qn, k, ans);
        }
        o.push('\n');
    }
}

/// Why the answers of a section count for each in-scope requirement they
/// evidence, folded under a summary line.
fn render_why_counts<'a>(o: &mut String, input: &Input<'_>, ids: impl Iterator<Item = &'a str>) {
    let mut lines = String::new();
    for q in ids.filter_map(|id| input.questionnaire.question(id)) {
        for (r, why, part) in input.references_in_scope(q) {
            let _ = writeln!(
                lines,
                "- {} counts for {} {}{part}: {}",
                code(&q.id),
                esc(super::short(input.catalog, &r.framework)),
                esc(&r.id),
                esc(&why.why)
            );
        }
    }
    if !lines.is_empty() {
        o.push_str("<details>\n<summary>Why these answers count</summary>\n\n");
        o.push_str(&lines);
        o.push_str("\n</details>\n\n");
    }
}

const ANSWERS_HEADER: &str =
    "| Question | Answer | Note | Owner | Evidence |\n| --- | --- | --- | --- | --- |\n";

/// Whether an answer says anything (a status, a value or a note).
fn answered(x: &Answer) -> bool {
    x.is_answered() || x.note.is_some()
}

/// The answers of each AI system, in questionnaire order, then any the
/// questionnaire does not know.
fn render_system_answers(o: &mut String, input: &Input<'_>) {
    let qn = input.questionnaire;
    let mut seen = BTreeSet::new();
    for (sid, sys) in &input.assessment.systems {
        let mut keys: Vec<&String> = qn
            .questions
            .iter()
            .filter_map(|q| sys.answers.get_key_value(q.id.as_str()).map(|(k, _)| k))
            .collect();
        keys.extend(sys.answers.keys().filter(|k| qn.question(k).is_none()));
        keys.retain(|k| answered(&sys.answers[*k]));
        if keys.is_empty() {
            continue;
        }
        let name = heading(&sys.name);
        let dup = !seen.insert(name.clone());
        let id = if dup {
            format!(" ({})", code(sid))
        } else {
            String::new()
        };
        let _ = writeln!(o, "### AI system: {name}{id}\n");
        o.push_str(ANSWERS_HEADER);
        for k in keys {
            answer_row(o, qn, k, &sys.answers[k]);
        }
        o.push('\n');
    }
}

/// One answer as a table row: question, answer, note (with the
/// not-applicable justification), owner, evidence.
fn answer_row(o: &mut String, qn: &Questionnaire, id: &str, ans: &Answer) {
    let q = qn.question(id);
    let text = q.map(|x| format!(" {}", esc(&x.text))).unwrap_or_default();
    let mut note = ans.note.as_deref().map(esc).unwrap_or_default();
    if let Some(j) = ans
        .justification
        .as_deref()
        .filter(|j| !j.trim().is_empty())
    {
        if !note.is_empty() {
            note.push(' ');
        }
        let _ = write!(note, "Not applicable because: {}", esc(j));
    }
    let evidence: Vec<String> = ans.evidence.iter().map(|e| esc(e)).collect();
    let value = answer_text(q, ans);
    let _ = writeln!(
        o,
        "{}",
        row(&[
            format!("{}{text}", code(id)),
            esc(&value),
            note,
            ans.owner.as_deref().map(esc).unwrap_or_default(),
            evidence.join("; "),
        ])
    );
}
