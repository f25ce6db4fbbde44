//! The results screen: readiness per framework and area, the EU AI Act
//! classification of each AI system with its duties, and the SOC 2 scope,
//! as three panes side by side or one at a time.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::engine::{CheckState, Coverage, Obligation, SystemClass, Tier};
use crate::tui::app::*;
use crate::tui::strings as s;
use crate::tui::text::{self, fit, truncate};
use crate::tui::widgets::{bar, block, bullet, pct, scrolled, wrapped};

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let th = app.theme;
    let pane = app.results.pane.min(2);
    let titles = [s::R_READINESS, s::R_AIACT, s::R_SOC2];
    let sc = app.results.scroll;
    if area.width >= 160 {
        let cols: [Rect; 3] = Layout::horizontal([
            Constraint::Percentage(36),
            Constraint::Percentage(36),
            Constraint::Percentage(28),
        ])
        .areas(area);
        for (i, c) in cols.iter().enumerate() {
            let b = block(th, titles[i], pane == i);
            let lines = pane_lines(app, i, b.inner(*c).width as usize);
            scrolled(f, *c, lines, sc[i], Some(b));
        }
    } else if area.width >= 100 {
        let [l, r] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(area);
        let [rt, rb] =
            Layout::vertical([Constraint::Percentage(62), Constraint::Percentage(38)]).areas(r);
        for (i, c) in [l, rt, rb].iter().enumerate() {
            let b = block(th, titles[i], pane == i);
            let lines = pane_lines(app, i, b.inner(*c).width as usize);
            scrolled(f, *c, lines, sc[i], Some(b));
        }
    } else {
        let [tabs, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
        let mut spans = Vec::new();
        for (i, t) in titles.iter().enumerate() {
            spans.push(Span::styled(
                format!(" {} {t} ", i + 1),
                if i == pane {
                    th.tab_active()
                } else {
                    th.plain()
                },
            ));
            spans.push(Span::raw(" "));
        }
        f.render_widget(Paragraph::new(Line::from(spans)), tabs);
        let b = block(th, titles[pane], true);
        let lines = pane_lines(app, pane, b.inner(body).width as usize);
        scrolled(f, body, lines, sc[pane], Some(b));
    }
}

fn pane_lines<'a>(app: &App, pane: usize, w: usize) -> Vec<Line<'a>> {
    match pane {
        0 => readiness_lines(app, w),
        1 => aiact_lines(app, w),
        _ => soc2_lines(app, w),
    }
}

fn readiness_lines<'a>(app: &App, w: usize) -> Vec<Line<'a>> {
    let Some(doc) = &app.doc else {
        return Vec::new();
    };
    let th = app.theme;
    let mut out = Vec::new();
    let name_w = 16.min(w / 3);
    let bar_w = w.saturating_sub(name_w + 7).clamp(4, 40);
    for fr in &doc.eval.analysis.frameworks {
        let scope = doc.eval.scope.framework(&fr.id);
        if !fr.in_scope {
            continue;
        }
        out.push(Line::from(vec![
            Span::styled(fit(&fr.short, name_w), th.badge(&fr.id)),
            Span::raw(" "),
            Span::styled(bar(fr.readiness, bar_w), th.readiness(fr.readiness)),
            Span::styled(format!(" {:>4}", pct(fr.readiness)), th.bold()),
        ]));
        let c = &fr.counts;
        out.push(Line::styled(
            truncate(
                &format!(
                    " {} · {}",
                    s::r_met(&pct(fr.met)),
                    s::r_counts(c.covered, c.partial, c.gap, c.unknown, c.not_assessed)
                ),
                w,
            ),
            th.dim(),
        ));
        if let Some(sc) = scope {
            let reason = if sc.recommended {
                format!("{}: {}", s::R_RECOMMENDED, sc.reason)
            } else {
                sc.reason.clone()
            };
            out.extend(wrapped(&reason, w, 1, th.dim()));
        }
        let gname_w = w.saturating_sub(bar_w.min(16) + 9).max(10);
        for g in fr.groups.iter().filter(|g| g.counts.applicable > 0) {
            out.push(Line::from(vec![
                Span::raw(fit(&format!("   {} {}", g.id, g.title), gname_w)),
                Span::raw(" "),
                Span::styled(bar(g.readiness, bar_w.min(16)), th.readiness(g.readiness)),
                Span::raw(format!(" {:>4}", pct(g.readiness))),
            ]));
        }
        out.push(Line::raw(""));
    }
    let out_of_scope: Vec<_> = doc
        .eval
        .scope
        .frameworks
        .iter()
        .filter(|x| !x.in_scope)
        .collect();
    for x in out_of_scope {
        out.push(Line::from(vec![
            Span::styled(fit(&x.short, name_w), th.dim()),
            Span::styled(format!(" {}", s::R_OUT_OF_SCOPE), th.dim()),
        ]));
        out.extend(wrapped(&x.reason, w, 1, th.dim()));
    }
    out
}

/// Each AI system: its risk tier and roles, its duties with their dates,
/// and the decisions behind the classification.
fn aiact_lines<'a>(app: &App, w: usize) -> Vec<Line<'a>> {
    let Some(doc) = &app.doc else {
        return Vec::new();
    };
    if doc.eval.scope.systems.is_empty() {
        return wrapped(s::R_NO_SYSTEMS, w, 1, app.theme.dim());
    }
    let mut out = Vec::new();
    for sys in &doc.eval.scope.systems {
        out.extend(system_lines(app, doc, sys, w));
        out.push(Line::raw(""));
    }
    out
}

fn system_lines<'a>(app: &App, doc: &Doc, sys: &SystemClass, w: usize) -> Vec<Line<'a>> {
    let th = app.theme;
    let mut out = Vec::new();
    let name = doc
        .a
        .systems
        .get(sys.id.as_str())
        .map(|x| x.name.clone())
        .unwrap_or_else(|| sys.id.clone());
    out.push(Line::styled(
        truncate(&format!(" {}", s::system_row(&name, &sys.id)), w),
        th.bold(),
    ));
    let tier_style = match sys.tier {
        Tier::Prohibited => th.bad(),
        Tier::HighRisk | Tier::SectoralHighRisk | Tier::GpaiSystemic => th.warn(),
        Tier::Incomplete => th.dim(),
        _ => th.ok(),
    };
    let roles: Vec<&str> = sys.effective_roles.iter().map(String::as_str).collect();
    let mut tier = sys.tier.label().to_string();
    if !roles.is_empty() {
        tier = format!("{tier} · {}", roles.join(", "));
    }
    out.extend(wrapped(&tier, w, 2, tier_style));
    if sys.provisional || sys.tier == Tier::Incomplete {
        out.extend(wrapped(s::R_PROVISIONAL, w, 2, th.dim()));
    }
    out.push(Line::styled(format!("  {}", s::R_DUTIES), th.heading()));
    if sys.duties().next().is_none() {
        out.push(Line::styled(format!("   {}", s::R_NO_DUTIES), th.dim()));
    }
    for o in sys.duties() {
        out.extend(obligation_lines(app, doc, o, w));
    }
    if !sys.checks.is_empty() {
        out.extend(check_lines(app, sys, w));
    }
    if !sys.conditional.is_empty() {
        out.push(Line::styled(
            format!("  {}", s::R_CONDITIONAL),
            th.heading(),
        ));
        for o in &sys.conditional {
            out.extend(bullet(
                "·",
                &format!("{} {}", o.reference, o.title),
                w,
                3,
                th.dim(),
            ));
        }
    }
    if !sys.decisions.is_empty() {
        out.push(Line::styled(format!("  {}", s::R_DECISIONS), th.heading()));
        for d in &sys.decisions {
            out.extend(bullet(
                "•",
                &format!("{}: {}", d.article, d.text),
                w,
                3,
                th.dim(),
            ));
        }
    }
    out
}

/// The Art 5 prohibitions as checks: one line when the answers rule them
/// all out, else each one that is prohibited or still to confirm.
fn check_lines<'a>(app: &App, sys: &SystemClass, w: usize) -> Vec<Line<'a>> {
    let th = app.theme;
    let clear = sys.checks_in(CheckState::RuledOut) + sys.checks_in(CheckState::Exception);
    let mut out = vec![Line::styled(
        format!("  {}", s::r_checks(clear, sys.checks.len())),
        th.heading(),
    )];
    for c in sys
        .checks
        .iter()
        .filter(|c| matches!(c.state, CheckState::Prohibited | CheckState::ToConfirm))
    {
        let style = if c.state == CheckState::Prohibited {
            th.bad()
        } else {
            th.warn()
        };
        out.extend(bullet(
            "•",
            &format!(
                "{} {}: {} ({})",
                c.reference,
                c.title,
                c.state.label(),
                c.question
            ),
            w,
            3,
            style,
        ));
    }
    out
}

/// A duty with its date on the right: overdue when in force and not met,
/// in force, or from when (on a line of its own when narrow).
fn obligation_lines<'a>(app: &App, doc: &Doc, o: &Obligation, w: usize) -> Vec<Line<'a>> {
    let th = app.theme;
    let cov = doc
        .eval
        .analysis
        .requirement("euaiact", &o.id)
        .map(|r| r.coverage);
    let open = cov.is_some_and(|c| {
        matches!(
            c,
            Coverage::Gap | Coverage::Unknown | Coverage::NotAssessed | Coverage::Partial
        )
    });
    let (when, style) = match o.date {
        Some(d) if o.in_force && open => (format!("{} {}", s::R_OVERDUE, d), th.bad()),
        Some(d) if o.in_force => (format!("{} {}", s::R_IN_FORCE, d), th.ok()),
        Some(d) => (
            s::r_from(&d.to_string(), crate::engine::days_until(app.today, d)),
            th.plain(),
        ),
        None => (String::new(), th.dim()),
    };
    let when_w = text::width(&when);
    let left = format!("   {} {}", o.reference, o.title);
    let lw = w.saturating_sub(when_w + 1);
    if text::width(&left) + when_w < w && when_w + 12 < w {
        vec![Line::from(vec![
            Span::raw(fit(&left, lw)),
            Span::raw(" "),
            Span::styled(when, style),
        ])]
    } else {
        vec![
            Line::raw(truncate(&left, w)),
            Line::styled(format!("     {when}"), style),
        ]
    }
}

fn soc2_lines<'a>(app: &App, w: usize) -> Vec<Line<'a>> {
    let Some(doc) = &app.doc else {
        return Vec::new();
    };
    let th = app.theme;
    let mut out = Vec::new();
    let Some(t) = &doc.eval.scope.soc2_type else {
        return wrapped(s::R_SOC2_OFF, w, 1, th.dim());
    };
    out.push(Line::from(vec![
        Span::styled(format!(" {}: ", s::R_SOC2_REPORT), th.heading()),
        Span::styled(t.report.clone(), th.bold()),
    ]));
    out.extend(wrapped(&t.reason, w, 1, th.plain()));
    out.push(Line::raw(""));
    out.push(Line::styled(
        format!(" {}", s::R_SOC2_CATEGORIES),
        th.heading(),
    ));
    for c in &doc.eval.scope.tsc {
        let (mark, style) = if c.in_scope {
            ("✓", th.ok())
        } else {
            ("✗", th.dim())
        };
        out.push(Line::styled(
            format!(" {mark} {}", c.category),
            style.patch(th.bold()),
        ));
        out.extend(wrapped(&c.reason, w, 3, th.plain()));
    }
    out
}
