//! The plan screen: a filter bar, the ranked remediation items as a table,
//! and the chosen item in detail (why it ranks there, steps, evidence, the
//! requirements it closes and the answers behind it).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::catalog::ReqRef;
use crate::engine::PlanItem;
use crate::tui::app::*;
use crate::tui::strings as s;
use crate::tui::text::fit;
use crate::tui::widgets::{
    badge, block, bullet, code, requirement_line, scrolled, window, wrapped,
};

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let Some(doc) = &app.doc else { return };
    let items = app.plan_items();
    let [bar_area, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    filter_bar(app, doc, f, bar_area, &items);
    let wide = body.width >= 140;
    let (table_area, detail_area) = if wide {
        let [a, b] = Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
            .areas(body);
        (a, b)
    } else {
        let rows = (items.len() as u16 + 3).clamp(5, body.height / 2);
        let [a, b] = Layout::vertical([Constraint::Length(rows), Constraint::Min(3)]).areas(body);
        (a, b)
    };
    if app.plan.timeline {
        timeline(app, doc, f, table_area, &items);
    } else {
        table(app, doc, f, table_area, &items);
    }
    if let Some(it) = app.selected_plan_item() {
        detail(app, f, detail_area, it);
    }
}

/// How many items (of how many) and days of effort, and the filters.
fn filter_bar(app: &App, doc: &Doc, f: &mut Frame, area: Rect, items: &[usize]) {
    let th = app.theme;
    let all = &doc.eval.plan.items;
    let left: f64 = items.iter().map(|i| all[*i].remaining_days).sum();
    let at_risk = items.iter().filter(|i| all[**i].at_risk.is_some()).count();
    let filt = |k: &str, v: Option<String>| {
        vec![
            Span::styled(format!("{k}: "), th.key()),
            Span::raw(v.unwrap_or_else(|| s::P_ALL.to_string())),
            Span::raw("  "),
        ]
    };
    let mut spans = vec![Span::styled(
        format!(
            " {}   ",
            s::p_summary(all.len(), items.len(), &days(left), at_risk)
        ),
        th.dim(),
    )];
    spans.extend(filt(
        s::P_FILTER_FW,
        app.plan
            .framework
            .as_ref()
            .map(|x| badge(app, x).content.into_owned()),
    ));
    spans.extend(filt(
        s::P_FILTER_PHASE,
        app.plan.phase.map(|p| p.label().to_string()),
    ));
    spans.extend(filt(s::P_FILTER_OWNER, app.plan.owner.clone()));
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The items after the filters, one row each; only the rows in view are
/// built.
fn table(app: &App, doc: &Doc, f: &mut Frame, area: Rect, items: &[usize]) {
    let th = app.theme;
    let all = &doc.eval.plan.items;
    let b = block(th, s::P_TITLE, true);
    let inner = b.inner(area);
    f.render_widget(b, area);
    let w = inner.width as usize;
    if all.is_empty() || items.is_empty() {
        let msg = if all.is_empty() {
            s::P_EMPTY
        } else {
            s::P_EMPTY_FILTER
        };
        f.render_widget(Paragraph::new(wrapped(msg, w, 1, th.dim())), inner);
        return;
    }
    let cols = Columns::new(w);
    let [h_area, rows_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    f.render_widget(
        Paragraph::new(Line::styled(cols.head(), th.heading())),
        h_area,
    );
    let lines = rows_in_view(app, items, rows_area, |i| cols.row(app, i, &all[i]));
    f.render_widget(Paragraph::new(lines), rows_area);
}

/// Widths of the table's columns; the owner only on a wide table.
struct Columns {
    rank: usize,
    dates: usize,
    phase: usize,
    item: usize,
    fw: usize,
    owner: Option<usize>,
    due: usize,
}

impl Columns {
    fn new(w: usize) -> Columns {
        let (rank, dates, phase, fw, due) = (4, 12, 8, 17, 11);
        let owner = (w >= 110).then_some(20);
        Columns {
            rank,
            dates,
            phase,
            item: w.saturating_sub(rank + dates + phase + fw + due + owner.unwrap_or(0) + 1),
            fw,
            owner,
            due,
        }
    }

    fn head(&self) -> String {
        let mut head = format!(
            "{}{}{}{}{}",
            fit(s::P_HEAD_RANK, self.rank),
            fit(s::P_HEAD_PHASE, self.phase),
            fit(s::P_HEAD_DATES, self.dates),
            fit(s::P_HEAD_ITEM, self.item),
            fit(s::P_HEAD_FW, self.fw)
        );
        if let Some(c) = self.owner {
            head.push_str(&fit(s::P_HEAD_OWNER, c));
        }
        head.push_str(&fit(s::P_HEAD_DUE, self.due));
        head
    }

    /// An item: rank, phase, start and finish (month-day), title (`!`
    /// when at risk), frameworks, owner (dim when only suggested), due date
    /// (`!` when overdue).
    fn row<'a>(&self, app: &App, _i: usize, it: &PlanItem) -> Line<'a> {
        let th = app.theme;
        let dates = format!(
            "{}→{}",
            &it.start.to_string()[5..],
            &it.finish.to_string()[5..]
        );
        let title = if it.at_risk.is_some() {
            format!("! {}", it.title)
        } else {
            it.title.to_string()
        };
        let mut spans = vec![
            Span::raw(fit(&format!("{:>3}", it.rank), self.rank)),
            Span::raw(fit(s::phase_code(it.phase.key()), self.phase)),
            Span::styled(fit(&dates, self.dates), th.dim()),
            Span::styled(
                fit(&title, self.item.saturating_sub(1)),
                if it.at_risk.is_some() {
                    th.bad()
                } else {
                    th.plain()
                },
            ),
            Span::raw(" "),
        ];
        let mut used = 0;
        for fw in &it.frameworks {
            let c = code(app, fw);
            used += c.width() + 1;
            spans.push(c);
            spans.push(Span::raw(" "));
        }
        spans.push(Span::raw(" ".repeat(self.fw.saturating_sub(used))));
        if let Some(c) = self.owner {
            spans.push(Span::styled(
                fit(&it.owner, c),
                if it.owner_assigned {
                    th.plain()
                } else {
                    th.dim()
                },
            ));
        }
        let due = it.due.map(|d| d.to_string()).unwrap_or_default();
        spans.push(Span::styled(
            format!("{due}{}", if it.overdue { "!" } else { "" }),
            if it.overdue { th.bad() } else { th.plain() },
        ));
        Line::from(spans)
    }
}

/// The chosen item in full, scrolled by PageUp and PageDown.
fn detail(app: &App, f: &mut Frame, area: Rect, it: &PlanItem) {
    let th = app.theme;
    let b = block(th, &it.id, false);
    let w = b.inner(area).width as usize;
    let mut out: Vec<Line> = Vec::new();
    out.extend(wrapped(&it.title, w, 1, th.bold()));
    let mut fw_spans = vec![Span::raw(" ")];
    for fw in &it.frameworks {
        fw_spans.push(badge(app, fw));
        fw_spans.push(Span::raw(" "));
    }
    fw_spans.push(Span::styled(
        s::p_priority(it.rank, it.priority, it.phase.label()),
        th.heading(),
    ));
    out.push(Line::from(fw_spans));
    out.push(Line::raw(format!(
        " {}",
        s::p_effort(
            &days(it.remaining_days),
            it.effort_days,
            &it.start.to_string(),
            &it.finish.to_string()
        )
    )));
    out.push(owner_line(app, it));
    let section = |out: &mut Vec<Line>, title: &str| {
        out.push(Line::raw(""));
        out.push(Line::styled(format!(" {title}"), th.heading()));
    };
    if let Some(d) = &it.deadline {
        let text = s::p_deadline(d.kind, &d.date.to_string(), &d.reason);
        out.extend(wrapped(&text, w, 1, th.plain()));
    }
    if !it.after.is_empty() {
        let text = format!("{}: {}", s::P_AFTER, after_ranks(app, it));
        out.extend(wrapped(&text, w, 1, th.plain()));
    }
    if let Some(r) = &it.at_risk {
        section(&mut out, s::P_AT_RISK);
        out.extend(bullet("!", &s::p_late(r.late_days), w, 1, th.bad()));
        for fix in &r.fixes {
            out.extend(bullet("•", fix, w, 1, th.plain()));
        }
    }
    section(&mut out, s::P_WHY);
    for y in &it.why {
        out.extend(bullet("•", y, w, 1, th.plain()));
    }
    if !it.steps.is_empty() {
        section(&mut out, s::P_STEPS);
    }
    for (n, st) in it.steps.iter().enumerate() {
        out.extend(bullet(&format!("{}.", n + 1), st, w, 1, th.plain()));
    }
    if !it.evidence.is_empty() {
        section(&mut out, s::P_EVIDENCE);
    }
    for e in &it.evidence {
        out.extend(bullet("•", e, w, 1, th.plain()));
    }
    if !it.requirements.is_empty() {
        section(&mut out, s::P_CLOSES);
    }
    for r in &it.requirements {
        let rr = ReqRef {
            framework: r.framework.clone(),
            id: r.id.clone(),
        };
        out.push(requirement_line(app, &rr, Some(r.coverage), w));
    }
    if !it.gaps.is_empty() {
        section(&mut out, s::P_GAPS);
    }
    for (k, c) in &it.gaps {
        out.push(Line::from(vec![
            Span::raw(format!("  {k} ")),
            Span::styled(c.label().to_string(), th.coverage(*c)),
        ]));
    }
    scrolled(f, area, out, app.plan.scroll, Some(b));
}

/// Owner (or "suggested") and due date.
fn owner_line<'a>(app: &App, it: &PlanItem) -> Line<'a> {
    let th = app.theme;
    let mut spans = vec![
        Span::styled(format!(" {}: ", s::Q_OWNER), th.heading()),
        Span::raw(it.owner.clone()),
    ];
    if !it.owner_assigned {
        spans.push(Span::styled(format!(" {}", s::P_SUGGESTED), th.dim()));
    }
    if let Some(d) = it.due {
        spans.push(Span::styled(
            format!(" · {}", s::p_due(&d.to_string())),
            if it.overdue { th.bad() } else { th.plain() },
        ));
    }
    Line::from(spans)
}

/// The rows in view around the selection, each built by `row` from the
/// item's index in the plan; the selected one highlighted.
fn rows_in_view<'a>(
    app: &App,
    items: &[usize],
    area: Rect,
    row: impl Fn(usize) -> Line<'a>,
) -> Vec<Line<'a>> {
    let height = area.height as usize;
    let sel = app.plan.sel.min(items.len() - 1);
    let off = window(sel, items.len(), height);
    items
        .iter()
        .enumerate()
        .skip(off)
        .take(height)
        .map(|(n, &i)| {
            let y = area.y + (n - off) as u16;
            app.hit(Rect::new(area.x, y, area.width, 1), Hit::PlanRow(n));
            let l = row(i);
            if n == sel {
                l.style(app.theme.selected())
            } else {
                l
            }
        })
        .collect()
}

/// Person-days as the plan shows them: `2` or `2.5`.
fn days(d: f64) -> String {
    crate::report::csv::days(d)
}

/// An item's prerequisites by rank (`#3, #7`).
fn after_ranks(app: &App, it: &PlanItem) -> String {
    let Some(doc) = &app.doc else {
        return String::new();
    };
    let ranks: Vec<String> = it
        .after
        .iter()
        .map(|id| {
            doc.eval
                .plan
                .items
                .iter()
                .find(|x| x.id == *id)
                .map_or_else(|| id.to_string(), |x| format!("#{}", x.rank))
        })
        .collect();
    ranks.join(", ")
}

/// The items as a chart over weeks: a bar from start to finish (shaded
/// when at risk), a mark at the deadline; the selected row highlighted.
fn timeline(app: &App, doc: &Doc, f: &mut Frame, area: Rect, items: &[usize]) {
    let th = app.theme;
    let all = &doc.eval.plan.items;
    let b = block(th, s::P_TIMELINE_TITLE, true);
    let inner = b.inner(area);
    f.render_widget(b, area);
    let w = inner.width as usize;
    if items.is_empty() || w < 30 {
        f.render_widget(
            Paragraph::new(wrapped(s::P_EMPTY_FILTER, w, 1, th.dim())),
            inner,
        );
        return;
    }
    let label_w = (w / 3).clamp(14, 40);
    let chart_w = w.saturating_sub(label_w + 1).max(1);
    let today = doc.eval.today;
    let end = items
        .iter()
        .flat_map(|i| {
            [
                Some(all[*i].finish),
                all[*i].deadline.as_ref().map(|d| d.date),
            ]
        })
        .flatten()
        .max()
        .unwrap_or(today)
        .max(today);
    let span_days = crate::engine::days_until(today, end).max(1) as f64 + 1.0;
    let col = |d: jiff::civil::Date| -> usize {
        let x = crate::engine::days_until(today, d).max(0) as f64 / span_days * chart_w as f64;
        (x as usize).min(chart_w - 1)
    };
    let [h_area, rows_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    let head = format!(
        "{}{}{}",
        fit(s::P_HEAD_ITEM, label_w + 1),
        fit(&today.to_string(), chart_w.saturating_sub(10)),
        end
    );
    f.render_widget(Paragraph::new(Line::styled(head, th.heading())), h_area);
    let lines = rows_in_view(app, items, rows_area, |i| {
        let it = &all[i];
        let mut cells = vec![' '; chart_w];
        let (a, z) = (col(it.start), col(it.finish));
        let fill = if it.at_risk.is_some() { '▒' } else { '█' };
        for c in cells.iter_mut().take(z + 1).skip(a) {
            *c = fill;
        }
        if let Some(d) = it.deadline.as_ref().filter(|d| d.date >= today) {
            cells[col(d.date)] = '│';
        }
        let label = format!("{:>3} {}", it.rank, it.title);
        Line::from(vec![
            Span::raw(fit(&label, label_w)),
            Span::raw(" "),
            Span::styled(
                cells.into_iter().collect::<String>(),
                if it.at_risk.is_some() {
                    th.bad()
                } else {
                    th.plain()
                },
            ),
        ])
    });
    f.render_widget(Paragraph::new(lines), rows_area);
}
