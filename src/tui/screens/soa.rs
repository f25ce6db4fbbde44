//! The ISO/IEC 42001 Statement of Applicability: every Annex A control with
//! its decision (applicable, not applicable, not decided), and the chosen
//! control in detail: the justification, what the answers say of its
//! implementation, the answers behind that and the plan items that close it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::engine::Coverage;
use crate::tui::app::*;
use crate::tui::strings as s;
use crate::tui::text::{fit, truncate};
use crate::tui::widgets::{block, bullet, scrolled, window, wrapped};

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let Some(doc) = &app.doc else { return };
    let rows = doc.soa_rows(&app.cat);
    let th = app.theme;
    if rows.is_empty() {
        let b = block(th, s::SOA_TITLE, true);
        let w = b.inner(area).width as usize;
        f.render_widget(
            Paragraph::new(wrapped(s::SOA_NOT_IN_SCOPE, w, 1, th.dim())).block(b),
            area,
        );
        return;
    }
    let sel = app.soa.sel.min(rows.len() - 1);
    let [bar, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let count = |d: Option<bool>| rows.iter().filter(|r| r.decision == d).count();
    f.render_widget(
        Paragraph::new(Line::styled(
            format!(
                " {}",
                s::soa_summary(
                    rows.len(),
                    count(Some(true)),
                    count(Some(false)),
                    count(None)
                )
            ),
            th.dim(),
        )),
        bar,
    );
    let (list_area, detail_area) = if body.width >= 110 {
        let [a, b] = Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
            .areas(body);
        (a, b)
    } else {
        let h = (body.height / 2).max(5);
        let [a, b] = Layout::vertical([Constraint::Length(h), Constraint::Min(3)]).areas(body);
        (a, b)
    };
    list(app, &rows, sel, f, list_area);
    detail(app, doc, &rows[sel], f, detail_area);
}

/// `✓ applicable`, `✗ not applicable` or `? not decided`, and its style.
fn decision(app: &App, d: Option<bool>) -> (String, ratatui::style::Style) {
    let th = app.theme;
    match d {
        Some(true) => (format!("✓ {}", s::SOA_APPLICABLE), th.ok()),
        Some(false) => (format!("✗ {}", s::SOA_EXCLUDED), th.warn()),
        None => (format!("? {}", s::SOA_UNDECIDED), th.dim()),
    }
}

/// One line per control: id, decision, implementation, title.
fn list(app: &App, rows: &[SoaRow], sel: usize, f: &mut Frame, area: Rect) {
    let th = app.theme;
    let b = block(th, s::SOA_TITLE, true);
    let inner = b.inner(area);
    f.render_widget(b, area);
    let w = inner.width as usize;
    let (id_w, dec_w, st_w) = (9, 17, 15);
    let title_w = w.saturating_sub(id_w + dec_w + st_w);
    let [head, lines_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    f.render_widget(
        Paragraph::new(Line::styled(
            format!(
                "{}{}{}{}",
                fit(&format!(" {}", s::SOA_HEAD_CONTROL), id_w),
                fit(s::SOA_HEAD_DECISION, dec_w),
                fit(s::SOA_HEAD_STATUS, st_w),
                fit(s::SOA_HEAD_TITLE, title_w)
            ),
            th.heading(),
        )),
        head,
    );
    let height = lines_area.height as usize;
    let off = window(sel, rows.len(), height);
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(off)
        .take(height)
        .map(|(i, r)| {
            let y = lines_area.y + (i - off) as u16;
            app.hit(
                Rect::new(lines_area.x, y, lines_area.width, 1),
                Hit::SoaRow(i),
            );
            let (d, d_style) = decision(app, r.decision);
            let l = Line::from(vec![
                Span::raw(fit(&format!(" {}", r.id), id_w)),
                Span::styled(fit(&d, dec_w), d_style),
                Span::styled(fit(r.coverage.label(), st_w), th.coverage(r.coverage)),
                Span::raw(truncate(&r.title, title_w)),
            ]);
            if i == sel { l.style(th.selected()) } else { l }
        })
        .collect();
    f.render_widget(Paragraph::new(lines), lines_area);
}

/// The chosen control in full, scrolled by PageUp and PageDown.
fn detail(app: &App, doc: &Doc, r: &SoaRow, f: &mut Frame, area: Rect) {
    let th = app.theme;
    let b = block(th, &r.id, false);
    let w = b.inner(area).width as usize;
    let mut out: Vec<Line> = Vec::new();
    out.extend(wrapped(&r.title, w, 1, th.bold()));
    if !r.group.is_empty() {
        out.extend(wrapped(&r.group, w, 1, th.dim()));
    }
    let section = |out: &mut Vec<Line>, title: &str| {
        out.push(Line::raw(""));
        out.push(Line::styled(format!(" {title}"), th.heading()));
    };
    section(&mut out, s::SOA_DECISION);
    let (d, d_style) = match r.decision {
        None => (s::SOA_UNDECIDED_LONG.to_string(), th.dim()),
        some => decision(app, some),
    };
    out.extend(wrapped(&d, w, 1, d_style));
    section(&mut out, s::SOA_JUSTIFICATION);
    if r.justification.trim().is_empty() {
        out.extend(wrapped(s::SOA_NO_JUSTIFICATION, w, 1, th.dim()));
    } else {
        out.extend(wrapped(&r.justification, w, 1, th.plain()));
    }
    section(&mut out, s::SOA_STATUS);
    out.push(Line::styled(
        format!(" {}", r.coverage.label()),
        th.coverage(r.coverage).patch(th.bold()),
    ));
    if r.decision == Some(false) {
        out.extend(wrapped(s::SOA_STATUS_EXCLUDED, w, 1, th.dim()));
    }
    section(&mut out, s::SOA_QUESTIONS);
    if r.questions.is_empty() {
        out.extend(wrapped(s::SOA_NO_QUESTIONS, w, 1, th.dim()));
    }
    let qn = doc.questionnaire(&app.cat);
    for key in &r.questions {
        let q = QRef::parse(key);
        let answer = doc.answer(&q);
        let (state, style) = answer_state(app, qn.question(&q.qid), answer);
        let text = qn.question(&q.qid).map_or("", |x| x.text.as_str());
        out.push(Line::from(vec![
            Span::raw(format!("  {key} ")),
            Span::styled(state, style),
        ]));
        out.extend(wrapped(text, w, 3, th.dim()));
    }
    section(&mut out, s::SOA_ITEMS);
    if r.items.is_empty() {
        out.extend(wrapped(s::SOA_NO_ITEMS, w, 1, th.dim()));
    }
    for &i in &r.items {
        if let Some(it) = doc.eval.plan.items.get(i) {
            let due = it.due.map(|d| format!(" · {}", s::p_due(&d.to_string())));
            out.extend(bullet(
                "•",
                &format!("#{} {}{}", it.rank, it.title, due.unwrap_or_default()),
                w,
                1,
                th.plain(),
            ));
        }
    }
    scrolled(f, area, out, app.soa.scroll, Some(b));
}

/// An answer as the detail shows it: its status or value, styled.
fn answer_state(
    app: &App,
    q: Option<&crate::catalog::Question>,
    a: Option<&crate::assessment::Answer>,
) -> (String, ratatui::style::Style) {
    let th = app.theme;
    match a {
        Some(a) if a.is_answered() => match a.status {
            Some(st) => (st.label().to_string(), th.status(st)),
            None => (crate::report::answer_text(q, a), th.plain()),
        },
        _ => (
            s::Q_NOT_ANSWERED.to_string(),
            th.coverage(Coverage::NotAssessed),
        ),
    }
}
