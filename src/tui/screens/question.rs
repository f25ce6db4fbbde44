//! The question screen: the question with its place in the flow, the
//! answer options, the answer's details (justification, note, owner,
//! target date, evidence), and why it matters; on a wide screen, the other
//! questions of the section.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::assessment::{Answer, Status, Value};
use crate::catalog::{AnswerKind, Question};
use crate::tui::app::*;
use crate::tui::strings as s;
use crate::tui::text::{self, fit, format_number, truncate, wrap};
use crate::tui::theme::Theme;
use crate::tui::widgets::{block, list, requirement_line, scrolled, window, wrapped};

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let th = app.theme;
    let (Some(doc), Some((q, question))) = (&app.doc, app.current()) else {
        f.render_widget(
            Paragraph::new(wrapped(s::Q_NONE, area.width as usize, 1, th.dim())),
            area,
        );
        return;
    };
    let ans = doc.answer(q).cloned().unwrap_or_default();
    let wide = area.width >= 110;
    let (left, right) = if wide {
        let [a, b] = Layout::horizontal([Constraint::Percentage(56), Constraint::Percentage(44)])
            .areas(area);
        (a, Some(b))
    } else {
        (area, None)
    };
    let w = left.width.saturating_sub(1) as usize;
    let pos = doc.position(q);
    let (answer, hl_line, option_of) = answer_lines(app, question, &ans, w);
    let column = Column {
        head: header(app, doc, q, question, pos, w),
        text: wrapped(&question.text, w, 1, th.bold()),
        answer,
        hl_line,
        option_of,
        details: detail_lines(app, &ans, w, wide),
    };
    let info = info_lines(app, question, w_info(right, left));
    let info_min = if wide { 0 } else { 5.min(info.len()) };
    let y = column.draw(app, f, left, info_min);
    // With room to spare: the questions of this section, where you are.
    let spare = (left.y + left.height).saturating_sub(y);
    if right.is_some()
        && spare >= 6
        && let Some(i) = pos
    {
        let area = Rect::new(left.x, y, left.width, spare);
        section_questions(app, doc, f, area, i, w);
    }
    match right {
        Some(r) => {
            let b = block(th, s::Q_WHY, false);
            scrolled(f, r, info, app.question.scroll, Some(b));
        }
        None => {
            let rest = Rect::new(
                left.x,
                y,
                left.width,
                (left.y + left.height).saturating_sub(y),
            );
            if rest.height > 1 {
                let b = Block::default()
                    .borders(Borders::TOP)
                    .border_style(th.border())
                    .title(Span::styled(format!(" {} ", s::Q_WHY), th.heading()));
                scrolled(f, rest, info, app.question.scroll, Some(b));
            }
        }
    }
}

/// Section, position in it, system, and the question's id on the right.
fn header<'a>(
    app: &App,
    doc: &Doc,
    q: &QRef,
    question: &Question,
    pos: Option<usize>,
    w: usize,
) -> Line<'a> {
    let th = app.theme;
    let qn = doc.questionnaire(&app.cat);
    let (section_title, n, of) = match pos.map(|i| &doc.flow[i]) {
        Some(fi) => {
            let row = &doc.rows[fi.row];
            let title = qn
                .section(&row.section)
                .map(|x| x.title.clone())
                .unwrap_or_default();
            (title, pos.unwrap_or(0) - row.first + 1, row.asked)
        }
        None => (
            qn.section(&question.section)
                .map(|x| x.title.clone())
                .unwrap_or_default(),
            0,
            0,
        ),
    };
    let mut head = if of > 0 {
        s::q_position(&section_title, n, of)
    } else {
        section_title.to_string()
    };
    if let Some(sys) = &q.system {
        let name = doc
            .a
            .systems
            .get(sys)
            .map(|x| x.name.as_str())
            .unwrap_or(sys);
        head = format!("{} · {head}", s::q_system(name));
    }
    let id_w = text::width(&question.id);
    Line::from(vec![
        Span::styled(
            fit(&format!(" {head}"), w.saturating_sub(id_w + 1)),
            th.heading(),
        ),
        Span::raw(" "),
        Span::styled(question.id.clone(), th.dim()),
    ])
}

/// The question's column, top to bottom: header, text, a blank line, the
/// answer options, a blank line, the details.
struct Column<'a> {
    head: Line<'a>,
    text: Vec<Line<'a>>,
    answer: Vec<Line<'a>>,
    /// The answer line to keep in view.
    hl_line: usize,
    /// The option each answer line shows, for clicks.
    option_of: Vec<Option<usize>>,
    details: Vec<Line<'a>>,
}

impl Column<'_> {
    /// Draws the column in `area`, sharing the height out (leaving
    /// `info_min` lines below for why the question matters); returns the
    /// first row below it.
    fn draw(self, app: &App, f: &mut Frame, area: Rect, info_min: usize) -> u16 {
        let total = area.height as usize;
        let fixed = 1 + 1 + self.details.len().min(4);
        let text_h = self
            .text
            .len()
            .min(total.saturating_sub(fixed + 3 + info_min).max(1));
        let ans_budget = total.saturating_sub(fixed + text_h + info_min + 1).max(1);
        let ans_h = self.answer.len().min(ans_budget);
        let det_h = self
            .details
            .len()
            .min(total.saturating_sub(1 + text_h + 1 + ans_h + 1 + info_min));
        let mut y = area.y;
        let mut put = |h: usize, lines: Vec<Line>, f: &mut Frame| -> Rect {
            let r = Rect::new(
                area.x,
                y,
                area.width,
                (h as u16).min(area.y + area.height - y),
            );
            y += r.height;
            if !lines.is_empty() {
                f.render_widget(Paragraph::new(lines), r);
            }
            r
        };
        put(1, vec![self.head], f);
        put(text_h, self.text.into_iter().take(text_h).collect(), f);
        put(1, Vec::new(), f);
        let ans_area = put(ans_h, Vec::new(), f);
        let h = ans_area.height as usize;
        let off = window(self.hl_line, self.answer.len(), h);
        for (k, o) in self.option_of.iter().skip(off).take(h).enumerate() {
            if let Some(i) = o {
                let row = Rect::new(ans_area.x, ans_area.y + k as u16, ans_area.width, 1);
                app.hit(row, Hit::Option(*i));
            }
        }
        list(f, ans_area, self.answer, self.hl_line);
        put(1, Vec::new(), f);
        put(det_h, self.details.into_iter().take(det_h).collect(), f);
        y
    }
}

/// "In this section": the section's questions with their answer marks,
/// flow item `i` (the current question) highlighted.
fn section_questions(app: &App, doc: &Doc, f: &mut Frame, area: Rect, i: usize, w: usize) {
    let th = app.theme;
    let row_i = doc.flow[i].row;
    let qn = doc.questionnaire(&app.cat);
    let lines = vec![
        Line::raw(""),
        Line::styled(format!(" {}", s::Q_IN_SECTION), th.heading()),
    ];
    let items: Vec<(usize, &FlowItem)> = doc
        .flow
        .iter()
        .enumerate()
        .filter(|(_, f)| f.row == row_i)
        .collect();
    let sel = items.iter().position(|(j, _)| *j == i).unwrap_or(0);
    let mut body = Vec::new();
    for (j, fi) in &items {
        let text = qn
            .question(&fi.q.qid)
            .map(|x| x.text.as_str())
            .unwrap_or("");
        let status = doc
            .answer(&fi.q)
            .map(|a| answer_mark(th, a))
            .unwrap_or(("·", th.dim()));
        let mut l = Line::from(vec![
            Span::styled(format!("  {} ", status.0), status.1),
            Span::raw(truncate(text, w.saturating_sub(5))),
        ]);
        if *j == i {
            l = l.style(th.selected());
        }
        body.push(l);
    }
    f.render_widget(Paragraph::new(lines), area);
    let list_area = Rect::new(area.x, area.y + 2, area.width, area.height - 2);
    list(f, list_area, body, sel);
}

/// A one-character mark for an answer in lists, with its style.
fn answer_mark(th: Theme, a: &Answer) -> (&'static str, Style) {
    match (a.status, &a.value) {
        (Some(st @ Status::Implemented), _) => ("✓", th.status(st)),
        (Some(st @ Status::Partial), _) => ("◐", th.status(st)),
        (Some(st @ Status::Missing), _) => ("✗", th.status(st)),
        (Some(st @ Status::NotApplicable), _) => ("–", th.status(st)),
        (Some(st @ Status::DontKnow), _) => ("?", th.status(st)),
        (None, Some(_)) => ("✓", th.ok()),
        (None, None) => ("·", th.dim()),
    }
}

fn w_info(right: Option<Rect>, left: Rect) -> usize {
    match right {
        Some(r) => r.width.saturating_sub(2) as usize,
        None => left.width as usize,
    }
}

/// The answer options with the current answer marked; returns the line to
/// keep in view.
fn answer_lines<'a>(
    app: &App,
    q: &Question,
    a: &Answer,
    w: usize,
) -> (Vec<Line<'a>>, usize, Vec<Option<usize>>) {
    let th = app.theme;
    let hl = app.question.hl;
    // The line the highlighted option starts on (long options wrap).
    let mut hl_at = hl;
    let mut option_of: Vec<Option<usize>> = Vec::new();
    let mut lines = match q.kind {
        AnswerKind::Readiness => {
            let lines = readiness_options(app, a, hl);
            option_of = (0..lines.len()).map(Some).collect();
            lines
        }
        AnswerKind::YesNo | AnswerKind::Single | AnswerKind::Multi => {
            let (lines, at, of) = choices(app, q, a, w, hl);
            hl_at = at;
            option_of = of;
            lines
        }
        AnswerKind::Number | AnswerKind::Text | AnswerKind::Date => typed_value(app, a, w),
    };
    if q.kind != AnswerKind::Readiness {
        match a.status {
            Some(Status::DontKnow) => lines.push(Line::styled(
                format!("  → {}", s::Q_DONT_KNOW),
                th.status(Status::DontKnow),
            )),
            Some(Status::NotApplicable) => lines.push(Line::styled(
                format!("  → {}", s::Q_NOT_APPLICABLE),
                th.status(Status::NotApplicable),
            )),
            _ => {}
        }
        if q.kind.has_options() || a.status.is_some() {
            lines.push(Line::styled(format!("  {}", s::Q_EXTRA_KEYS), th.dim()));
        }
    }
    let hl_line = if q.kind == AnswerKind::Readiness || q.kind.has_options() {
        hl_at
    } else {
        0
    };
    option_of.resize(lines.len(), None);
    (lines, hl_line, option_of)
}

/// Implemented, partial, missing, not applicable, don't know, each with
/// its key.
fn readiness_options<'a>(app: &App, a: &Answer, hl: usize) -> Vec<Line<'a>> {
    let th = app.theme;
    let mut lines = Vec::new();
    for (i, (key, label)) in s::READINESS.iter().enumerate() {
        let st = Status::ALL[i];
        let chosen = a.status == Some(st);
        let style = if chosen {
            th.status(st).patch(th.bold())
        } else {
            th.plain()
        };
        let mut l = Line::from(vec![
            Span::styled(format!("  {key} "), th.key()),
            Span::styled(format!("{} {label}", if chosen { "●" } else { "○" }), style),
        ]);
        if i == hl {
            l = l.style(th.selected());
        }
        lines.push(l);
    }
    lines
}

/// Yes/no, single and multiple choice options, each with its key; a long
/// option wraps over as many lines as it needs. Returns the lines and the
/// line the highlighted option starts on. A multiple choice ends with how
/// many options are chosen.
fn choices<'a>(
    app: &App,
    q: &Question,
    a: &Answer,
    w: usize,
    hl: usize,
) -> (Vec<Line<'a>>, usize, Vec<Option<usize>>) {
    let th = app.theme;
    let chosen: Vec<&str> = match &a.value {
        Some(Value::Text(t)) => vec![t.as_str()],
        Some(Value::List(l)) => l.iter().map(String::as_str).collect(),
        _ => Vec::new(),
    };
    let mut lines = Vec::new();
    let mut option_of = Vec::new();
    let mut hl_at = 0;
    if let Some(f) = &app.question.filter {
        lines.push(Line::styled(
            format!("  {}: {}█", s::Q_FILTER, f.value()),
            th.key(),
        ));
        option_of.push(None);
    }
    for (i, o) in q.options.iter().enumerate() {
        if !app.question.shows(&o.label) {
            continue;
        }
        let key = match (q.kind, o.id.as_str()) {
            (AnswerKind::YesNo, "yes") => "y".to_string(),
            (AnswerKind::YesNo, "no") => "n".to_string(),
            (AnswerKind::Multi, "none") => "0".to_string(),
            _ if i < 9 => (i + 1).to_string(),
            _ => " ".to_string(),
        };
        let on = chosen.contains(&o.id.as_str());
        let mark = match (q.kind, on) {
            (AnswerKind::Multi, true) => "[x]",
            (AnswerKind::Multi, false) => "[ ]",
            (_, true) => "●",
            (_, false) => "○",
        };
        let style = if on {
            th.ok().patch(th.bold())
        } else {
            th.plain()
        };
        if i == hl {
            hl_at = lines.len();
        }
        let indent = 4 + mark.chars().count() + 1;
        let parts = wrap(&o.label, w.saturating_sub(indent + 1).max(10));
        for (n, part) in parts.iter().enumerate() {
            let mut l = if n == 0 {
                Line::from(vec![
                    Span::styled(format!("  {key} "), th.key()),
                    Span::styled(format!("{mark} {part}"), style),
                ])
            } else {
                Line::from(Span::styled(format!("{}{part}", " ".repeat(indent)), style))
            };
            if i == hl {
                l = l.style(th.selected());
            }
            lines.push(l);
            option_of.push(Some(i));
        }
    }
    if q.kind == AnswerKind::Multi {
        lines.push(Line::styled(
            format!(
                "  {}",
                s::q_chosen(
                    chosen.len(),
                    q.options.len(),
                    q.options.iter().any(|o| o.id == "none")
                )
            ),
            th.dim(),
        ));
    }
    (lines, hl_at, option_of)
}

/// A number, text or date answer as typed, or how to type one.
fn typed_value<'a>(app: &App, a: &Answer, w: usize) -> Vec<Line<'a>> {
    let th = app.theme;
    let v = match &a.value {
        Some(Value::Number(n)) => format_number(*n),
        Some(Value::Text(t)) => t.clone(),
        Some(Value::Date(d)) => d.to_string(),
        Some(Value::List(l)) => l.join(", "),
        None => String::new(),
    };
    if v.is_empty() {
        return vec![Line::styled(format!("  {}", s::Q_TYPED_EMPTY), th.dim())];
    }
    wrap(&v, w.saturating_sub(4))
        .into_iter()
        .map(|l| Line::styled(format!("  {l}"), th.ok().patch(th.bold())))
        .collect()
}

fn labelled<'a>(app: &App, label: &str, value: &str, w: usize, max_lines: usize) -> Vec<Line<'a>> {
    let th = app.theme;
    let lead = format!(" {label}: ");
    let lw = Span::raw(&lead).width();
    let mut out = Vec::new();
    for (i, l) in wrap(value, w.saturating_sub(lw).max(8))
        .into_iter()
        .enumerate()
    {
        if i == max_lines {
            if let Some(last) = out.pop() {
                let last: Line = last;
                let text: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
                out.push(Line::raw(truncate(&format!("{text} …"), w)));
            }
            break;
        }
        if i == 0 {
            out.push(Line::from(vec![
                Span::styled(lead.clone(), th.heading()),
                Span::raw(l),
            ]));
        } else {
            out.push(Line::raw(format!("{}{l}", " ".repeat(lw))));
        }
    }
    out
}

fn detail_lines<'a>(app: &App, a: &Answer, w: usize, wide: bool) -> Vec<Line<'a>> {
    let th = app.theme;
    let max = if wide { 4 } else { 1 };
    let mut out = Vec::new();
    if let Some(j) = &a.justification {
        out.extend(labelled(app, s::Q_JUSTIFICATION, j, w, max));
    }
    out.extend(labelled(
        app,
        s::Q_NOTE,
        a.note.as_deref().unwrap_or("—"),
        w,
        max,
    ));
    let mut spans = vec![
        Span::styled(format!(" {}: ", s::Q_OWNER), th.heading()),
        Span::raw(a.owner.clone().unwrap_or_else(|| "—".into())),
        Span::styled(format!(" · {}: ", s::Q_TARGET), th.heading()),
        Span::raw(
            a.target
                .map(|d| d.to_string())
                .unwrap_or_else(|| "—".into()),
        ),
        Span::styled(format!(" · {}: ", s::Q_EVIDENCE), th.heading()),
        Span::raw(s::q_evidence_count(a.evidence.len())),
    ];
    let total: usize = spans.iter().map(|s| s.width()).sum();
    if total > w {
        // Too long for one line: owner and target, then evidence.
        let ev: Vec<Span> = spans.drain(4..).collect();
        out.push(Line::from(spans));
        let mut ev = ev;
        ev[0] = Span::styled(format!(" {}: ", s::Q_EVIDENCE), th.heading());
        out.push(Line::from(ev));
    } else {
        out.push(Line::from(spans));
    }
    if wide {
        for e in &a.evidence {
            out.push(Line::raw(truncate(&format!("   • {e}"), w)));
        }
    }
    if let Some(u) = a.updated {
        let by =
            a.by.as_deref()
                .map(|b| format!(" · {b}"))
                .unwrap_or_default();
        out.push(Line::styled(
            format!(" {}: {}{by}", s::Q_UPDATED, u.strftime("%Y-%m-%d %H:%M")),
            th.dim(),
        ));
    }
    out
}

fn info_lines<'a>(app: &App, q: &Question, w: usize) -> Vec<Line<'a>> {
    let th = app.theme;
    let mut out: Vec<Line> = Vec::new();
    out.extend(wrapped(&q.why, w, 1, th.plain()));
    if !q.help.trim().is_empty() {
        out.push(Line::raw(""));
        out.push(Line::styled(format!(" {}", s::Q_HELP), th.heading()));
        out.extend(wrapped(&q.help, w, 1, th.plain()));
    }
    if !q.auditor.trim().is_empty() {
        out.push(Line::raw(""));
        out.push(Line::styled(format!(" {}", s::Q_AUDITOR), th.heading()));
        out.extend(wrapped(&q.auditor, w, 1, th.plain()));
    }
    if !q.maps.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::styled(format!(" {}", s::Q_EVIDENCES), th.heading()));
        for (r, why) in q.references() {
            out.push(requirement_line(app, r, None, w));
            let text = if why.partial {
                format!("{} {}", s::Q_PARTIAL, why.why)
            } else {
                why.why.to_string()
            };
            out.extend(wrapped(&text, w, 3, th.dim()));
        }
    }
    if let Some(doc) = &app.doc
        && let Some(note) = doc.a.section_notes.get(q.section.as_str())
    {
        out.push(Line::raw(""));
        out.push(Line::styled(
            format!(" {}", s::Q_SECTION_NOTE),
            th.heading(),
        ));
        out.extend(wrapped(note, w, 1, th.plain()));
    }
    out
}
