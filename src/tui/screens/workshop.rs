//! The workshop screen: participants, sittings (the running one marked)
//! and the parking lot of questions answered "don't know", each a pane.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::app::*;
use crate::tui::strings as s;
use crate::tui::text::{self, fit, truncate};
use crate::tui::widgets::{block, clickable_list, sel_style, wrapped};

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let Some(doc) = &app.doc else { return };
    let (pa, sa, la) = if area.width >= 120 {
        let [a, b, c] = Layout::horizontal([
            Constraint::Percentage(25),
            Constraint::Percentage(35),
            Constraint::Percentage(40),
        ])
        .areas(area);
        (a, b, c)
    } else {
        let [l, r] = Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
            .areas(area);
        let [a, b] =
            Layout::vertical([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(l);
        (a, b, r)
    };
    participants(app, doc, f, pa);
    sittings(app, doc, f, sa);
    parking_lot(app, doc, f, la);
}

/// Draws pane `p`'s border (highlighted when it has the focus) and returns
/// its inner area, or says `empty` and returns `None` when there is
/// nothing to list.
fn pane(
    app: &App,
    f: &mut Frame,
    area: Rect,
    p: usize,
    title: &str,
    empty: Option<&str>,
) -> Option<Rect> {
    let th = app.theme;
    let b = block(th, title, app.workshop.pane.min(2) == p);
    let inner = b.inner(area);
    f.render_widget(b, area);
    if let Some(text) = empty {
        let w = inner.width as usize;
        f.render_widget(Paragraph::new(wrapped(text, w, 1, th.dim())), inner);
        return None;
    }
    Some(inner)
}

/// The selected row of pane `p`, within `len` rows, and whether the pane
/// has the focus (the selection is shown only then).
fn selection(app: &App, p: usize, len: usize) -> (usize, bool) {
    let focus = app.workshop.pane.min(2) == p;
    (app.workshop.sel[p].min(len.saturating_sub(1)), focus)
}

fn participants(app: &App, doc: &Doc, f: &mut Frame, area: Rect) {
    let ps = &doc.a.participants;
    let empty = ps.is_empty().then_some(s::W_NO_PARTICIPANTS);
    let Some(inner) = pane(app, f, area, 0, s::W_PARTICIPANTS, empty) else {
        return;
    };
    let w = inner.width as usize;
    let (sel, focus) = selection(app, 0, ps.len());
    let lines: Vec<Line> = ps
        .iter()
        .enumerate()
        .map(|(i, p)| {
            Line::styled(
                fit(&format!(" {p}"), w),
                sel_style(app, focus && i == sel, app.theme.plain()),
            )
        })
        .collect();
    let hits: Vec<Option<Hit>> = (0..lines.len())
        .map(|i| Some(Hit::WorkshopRow(0, i)))
        .collect();
    clickable_list(app, f, inner, lines, sel, &hits);
}

/// Each sitting: date, attendees, sections covered, summary.
fn sittings(app: &App, doc: &Doc, f: &mut Frame, area: Rect) {
    let th = app.theme;
    let empty = doc.a.sessions.is_empty().then_some(s::W_NO_SESSIONS);
    let Some(inner) = pane(app, f, area, 1, s::W_SESSIONS, empty) else {
        return;
    };
    let w = inner.width as usize;
    let (sel, focus) = selection(app, 1, doc.a.sessions.len());
    let mut lines = Vec::new();
    let mut hits: Vec<Option<Hit>> = Vec::new();
    let mut sel_line = 0;
    for (i, (id, se)) in doc.a.sessions.iter().enumerate() {
        if i == sel {
            sel_line = lines.len();
        }
        let current = app.workshop.current.as_deref() == Some(id.as_str());
        let head = format!(
            "{}{}",
            if current { "● " } else { "" },
            s::w_session_line(id, se.attendees.len(), se.sections.len())
        );
        lines.push(Line::styled(
            fit(&format!(" {head}"), w),
            sel_style(app, focus && i == sel, th.bold()),
        ));
        if !se.attendees.is_empty() {
            lines.extend(wrapped(&se.attendees.join(", "), w, 3, th.dim()));
        }
        if !se.sections.is_empty() {
            lines.extend(wrapped(&se.sections.join(", "), w, 3, th.plain()));
        }
        if !se.summary.is_empty() {
            lines.extend(wrapped(&se.summary, w, 3, th.plain()));
        }
        hits.resize(lines.len(), Some(Hit::WorkshopRow(1, i)));
    }
    clickable_list(app, f, inner, lines, sel_line, &hits);
}

/// Each parked question: its key, its text, and who will find out.
fn parking_lot(app: &App, doc: &Doc, f: &mut Frame, area: Rect) {
    let th = app.theme;
    let lot = doc.a.parking_lot();
    let empty = lot.is_empty().then_some(s::W_NO_PARKING);
    let Some(inner) = pane(app, f, area, 2, s::W_PARKING, empty) else {
        return;
    };
    let w = inner.width as usize;
    let qn = doc.questionnaire(&app.cat);
    let (sel, focus) = selection(app, 2, lot.len());
    let mut lines = Vec::new();
    let mut hits: Vec<Option<Hit>> = Vec::new();
    let mut sel_line = 0;
    for (i, (key, ans)) in lot.iter().enumerate() {
        if i == sel {
            sel_line = lines.len();
        }
        let q = QRef::parse(key);
        let text = qn.question(&q.qid).map(|x| x.text.as_str()).unwrap_or("");
        lines.push(Line::styled(
            fit(&format!(" {key}"), w),
            sel_style(app, focus && i == sel, th.bold()),
        ));
        lines.push(Line::raw(truncate(&format!("   {text}"), w)));
        let who = ans
            .who_finds_out()
            .map_or_else(|| s::W_NOBODY.to_string(), str::to_string);
        let lead = format!("   {}: ", s::Q_OWNER);
        let who = truncate(&who, w.saturating_sub(text::width(&lead)));
        lines.push(Line::from(vec![
            Span::styled(lead, th.heading()),
            Span::styled(
                who,
                if ans.who_finds_out().is_some() {
                    th.plain()
                } else {
                    th.warn()
                },
            ),
        ]));
        hits.resize(lines.len(), Some(Hit::WorkshopRow(2, i)));
    }
    clickable_list(app, f, inner, lines, sel_line, &hits);
}
