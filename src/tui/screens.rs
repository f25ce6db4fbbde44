//! The screens: start, sections, question, results, plan, workshop.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::app::*;
use super::strings as s;
use super::text::{fit, format_number, truncate, wrap};
use super::theme::Theme;
use super::widgets::{
    badge, bar, block, bullet, code, list, pct, scrolled, sel_style, window, wrapped,
};
use crate::assessment::{Answer, Status, Value};
use crate::catalog::{AnswerKind, Question, ReqRef, SectionKind};
use crate::engine::Coverage;

// ------------------------------------------------------------------ start

pub fn start(app: &App, f: &mut Frame, area: Rect) {
    let th = app.theme;
    let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    let line = match &app.start.data_dir {
        Some(d) if app.start.list.is_empty() => s::start_empty(d),
        Some(d) => s::start_saved_in(d),
        None => s::START_NO_DATA_DIR.to_string(),
    };
    f.render_widget(
        Paragraph::new(Line::styled(
            truncate(&format!(" {line}"), head.width as usize),
            th.dim(),
        )),
        head,
    );
    let b = block(th, s::START_LIST, true);
    let inner = b.inner(body);
    f.render_widget(b, body);
    let w = inner.width as usize;
    let wide = w >= 100;
    let (c_prog, c_upd) = (10usize, 17usize);
    let c_file = if wide { 24 } else { 0 };
    let rest = w.saturating_sub(c_prog + c_upd + c_file + 4);
    let c_org = (rest * 2 / 5).max(12);
    let c_ready = rest.saturating_sub(c_org);
    let col = |text: &str, w: usize| format!("{} ", fit(text, w.saturating_sub(1)));
    let row = |org: &str, file: &str, prog: &str, ready: &str, upd: &str| {
        let mut t = format!(" {}", col(org, c_org));
        if wide {
            t.push_str(&col(file, c_file));
        }
        t.push_str(&col(prog, c_prog));
        t.push_str(&col(ready, c_ready));
        t.push_str(&col(upd, c_upd));
        t
    };
    let mut lines = vec![Line::styled(
        row(
            s::START_HEAD_ORG,
            "",
            s::START_HEAD_PROGRESS,
            s::START_HEAD_READINESS,
            s::START_HEAD_UPDATED,
        ),
        th.heading(),
    )];
    lines.push(Line::styled(
        fit(&format!(" {}", s::START_NEW), w),
        sel_style(app, app.start.sel == 0, th.key()),
    ));
    for (i, sm) in app.start.list.iter().enumerate() {
        let file = sm
            .path
            .file_name()
            .map(|x| x.to_string_lossy().into_owned())
            .unwrap_or_default();
        let org = if sm.organisation.is_empty() {
            file.clone()
        } else {
            sm.organisation.clone()
        };
        let text = match &sm.error {
            Some(e) => row(&org, &file, "—", &s::start_unreadable(e), "—"),
            None => {
                let ready: Vec<String> = sm
                    .readiness
                    .iter()
                    .map(|(fw, r)| format!("{fw} {}", pct(*r)))
                    .collect();
                row(
                    &org,
                    &file,
                    &format!("{}/{}", sm.answered, sm.asked),
                    &ready.join(" · "),
                    sm.updated.as_deref().unwrap_or(s::NEVER),
                )
            }
        };
        let base = if sm.error.is_some() {
            th.dim()
        } else {
            th.plain()
        };
        lines.push(Line::styled(
            fit(&text, w),
            sel_style(app, app.start.sel == i + 1, base),
        ));
    }
    let sel = app.start.sel + 1;
    list(f, inner, lines, sel);
}

// ------------------------------------------------------------------ sections

pub fn sections(app: &App, f: &mut Frame, area: Rect) {
    let Some(doc) = &app.doc else { return };
    let th = app.theme;
    let wide = area.width >= 110;
    let (list_area, side) = if wide {
        let [a, b] = Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
            .areas(area);
        (a, b)
    } else {
        let [a, b] = Layout::vertical([Constraint::Min(6), Constraint::Length(5)]).areas(area);
        (a, b)
    };
    let title = format!("{} · {}", doc.a.organisation, doc.file_name());
    let b = block(th, &title, true);
    let inner = b.inner(list_area);
    f.render_widget(b, list_area);
    let w = inner.width as usize;
    let bar_w = if w >= 70 { 12 } else { 8 };
    let entries = app.section_entries();
    let sel = app.sections.sel.min(entries.len().saturating_sub(1));
    let mut lines: Vec<Line> = Vec::new();
    let mut sel_line = 0;
    let mut last: Option<SectionKind> = None;
    let has_systems = !doc.a.systems.is_empty();
    for (i, e) in entries.iter().enumerate() {
        let kind = match e {
            Entry::Row(r) => doc.rows[*r].kind,
            Entry::AddSystem => SectionKind::System,
        };
        if last != Some(kind) {
            if last.is_some() {
                lines.push(Line::raw(""));
            }
            let head = match kind {
                SectionKind::Scoping => s::SECTIONS_SCOPING,
                SectionKind::System => s::SECTIONS_SYSTEMS,
                SectionKind::Gap => s::SECTIONS_GAP,
            };
            lines.push(Line::styled(truncate(head, w), th.heading()));
            if kind == SectionKind::System && !has_systems {
                for l in wrap(s::SECTIONS_NO_SYSTEMS, w.saturating_sub(2)) {
                    lines.push(Line::styled(format!("  {l}"), th.dim()));
                }
            }
            last = Some(kind);
        }
        let selected = i == sel;
        if selected {
            sel_line = lines.len();
        }
        match e {
            Entry::AddSystem => lines.push(Line::styled(
                fit(&format!("  {}", s::SECTIONS_ADD_SYSTEM), w),
                sel_style(app, selected, th.key()),
            )),
            Entry::Row(r) => {
                let row = &doc.rows[*r];
                let done = row.answered == row.asked;
                let count = format!("{:>3}/{:<3}", row.answered, row.asked);
                let title_w = w.saturating_sub(bar_w + count.len() + 6);
                let ratio = Some(100.0 * row.answered as f64 / row.asked.max(1) as f64);
                let spans = vec![
                    Span::raw("  "),
                    Span::raw(fit(&row.title, title_w)),
                    Span::raw(" "),
                    Span::styled(bar(ratio, bar_w), if done { th.ok() } else { th.heading() }),
                    Span::raw(" "),
                    Span::styled(count, if done { th.ok() } else { th.plain() }),
                    Span::raw(if doc.a.section_notes.contains_key(&row.section) {
                        " ✎"
                    } else {
                        "  "
                    }),
                ];
                let mut line = Line::from(spans);
                if selected {
                    line = line.style(th.selected());
                }
                lines.push(line);
            }
        }
    }
    list(f, inner, lines, sel_line);

    // The side pane: about the chosen section, its note, and readiness.
    let chosen = match entries.get(sel) {
        Some(Entry::Row(r)) => doc.rows.get(*r),
        _ => None,
    };
    let qn = doc.questionnaire(&app.cat);
    let (stitle, intro) = match chosen {
        Some(r) => (
            r.title.to_string(),
            qn.section(&r.section)
                .map(|x| x.intro.to_string())
                .unwrap_or_default(),
        ),
        None => (
            s::SECTIONS_ADD_SYSTEM.to_string(),
            s::SECTIONS_NO_SYSTEMS.to_string(),
        ),
    };
    let note = chosen.and_then(|r| doc.a.section_notes.get(r.section.as_str()));
    if wide {
        let b = block(th, &stitle, false);
        let iw = b.inner(side).width as usize;
        let mut lines = wrapped(&intro, iw, 0, th.plain());
        if let Some(n) = note {
            lines.push(Line::raw(""));
            lines.push(Line::styled(s::SECTIONS_NOTE, th.heading()));
            lines.extend(wrapped(n, iw, 0, th.plain()));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(s::R_READINESS, th.heading()));
        lines.extend(readiness_summary(app, iw));
        scrolled(f, side, lines, 0, Some(b));
    } else {
        let b = Block::default()
            .borders(Borders::TOP)
            .border_style(th.border())
            .title(Span::styled(format!(" {stitle} "), th.heading()));
        let iw = side.width as usize;
        let mut lines = wrapped(&intro, iw, 1, th.dim());
        if let Some(n) = note {
            lines.insert(
                0,
                Line::styled(truncate(&format!(" ✎ {n}"), iw), th.plain()),
            );
        }
        scrolled(f, side, lines, 0, Some(b));
    }
}

/// One line per framework in scope: name, bar, readiness.
fn readiness_summary<'a>(app: &App, w: usize) -> Vec<Line<'a>> {
    let Some(doc) = &app.doc else {
        return Vec::new();
    };
    let th = app.theme;
    let name_w = 14.min(w / 3);
    let bar_w = w.saturating_sub(name_w + 7).clamp(4, 30);
    doc.eval
        .analysis
        .frameworks
        .iter()
        .filter(|fr| fr.in_scope)
        .map(|fr| {
            Line::from(vec![
                Span::raw(fit(&fr.short, name_w)),
                Span::raw(" "),
                Span::styled(bar(fr.readiness, bar_w), th.readiness(fr.readiness)),
                Span::raw(format!(" {:>4}", pct(fr.readiness))),
            ])
        })
        .collect()
}

// ------------------------------------------------------------------ question

pub fn question(app: &App, f: &mut Frame, area: Rect) {
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

    // Header: section, position, system, id.
    let pos = doc.position(q);
    let (section_title, n, of) = match pos.map(|i| &doc.flow[i]) {
        Some(fi) => {
            let row = &doc.rows[fi.row];
            let qn = doc.questionnaire(&app.cat);
            let title = qn
                .section(&row.section)
                .map(|x| x.title.clone())
                .unwrap_or_default();
            (title, pos.unwrap_or(0) - row.first + 1, row.asked)
        }
        None => (
            doc.questionnaire(&app.cat)
                .section(&question.section)
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
    let id_w = Span::raw(&*question.id).width();
    let head_line = Line::from(vec![
        Span::styled(
            fit(&format!(" {head}"), w.saturating_sub(id_w + 1)),
            th.heading(),
        ),
        Span::raw(" "),
        Span::styled(question.id.clone(), th.dim()),
    ]);

    let text: Vec<Line> = wrapped(&question.text, w, 1, th.bold());
    let (answer, hl_line) = answer_lines(app, question, &ans, w);
    let details = detail_lines(app, &ans, w, wide);
    let info = info_lines(app, question, w_info(right, left));

    // Vertical budget.
    let total = left.height as usize;
    let fixed = 1 + 1 + details.len().min(4);
    let info_min = if wide { 0 } else { 5.min(info.len()) };
    let text_h = text
        .len()
        .min(total.saturating_sub(fixed + 3 + info_min).max(1));
    let ans_budget = total.saturating_sub(fixed + text_h + info_min + 1).max(1);
    let ans_h = answer.len().min(ans_budget);
    let det_h = details
        .len()
        .min(total.saturating_sub(1 + text_h + 1 + ans_h + 1 + info_min));
    let mut y = left.y;
    let mut put = |h: usize, lines: Vec<Line>, f: &mut Frame| -> Rect {
        let r = Rect::new(
            left.x,
            y,
            left.width,
            (h as u16).min(left.y + left.height - y),
        );
        y += r.height;
        if !lines.is_empty() {
            f.render_widget(Paragraph::new(lines), r);
        }
        r
    };
    put(1, vec![head_line], f);
    put(text_h, text.into_iter().take(text_h).collect(), f);
    put(1, Vec::new(), f);
    let ans_area = put(ans_h, Vec::new(), f);
    list(f, ans_area, answer, hl_line);
    put(1, Vec::new(), f);
    put(det_h, details.into_iter().take(det_h).collect(), f);
    // With room to spare: the questions of this section, where you are.
    let spare = (left.y + left.height).saturating_sub(y);
    if right.is_some()
        && spare >= 6
        && let Some(i) = pos
    {
        let row_i = doc.flow[i].row;
        let qn = doc.questionnaire(&app.cat);
        let mut lines = vec![
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
        let r = Rect::new(left.x, y, left.width, spare);
        f.render_widget(Paragraph::new(std::mem::take(&mut lines)), r);
        let list_area = Rect::new(left.x, y + 2, left.width, spare - 2);
        list(f, list_area, body, sel);
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
fn answer_lines<'a>(app: &App, q: &Question, a: &Answer, w: usize) -> (Vec<Line<'a>>, usize) {
    let th = app.theme;
    let hl = app.question.hl;
    let mut lines = Vec::new();
    match q.kind {
        AnswerKind::Readiness => {
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
        }
        AnswerKind::YesNo | AnswerKind::Single | AnswerKind::Multi => {
            let chosen: Vec<&str> = match &a.value {
                Some(Value::Text(t)) => vec![t.as_str()],
                Some(Value::List(l)) => l.iter().map(String::as_str).collect(),
                _ => Vec::new(),
            };
            for (i, o) in q.options.iter().enumerate() {
                let key = match (q.kind, o.id.as_str()) {
                    (AnswerKind::YesNo, "yes") => "y".to_string(),
                    (AnswerKind::YesNo, "no") => "n".to_string(),
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
                let label = truncate(&o.label, w.saturating_sub(10));
                let mut l = Line::from(vec![
                    Span::styled(format!("  {key} "), th.key()),
                    Span::styled(format!("{mark} {label}"), style),
                ]);
                if i == hl {
                    l = l.style(th.selected());
                }
                lines.push(l);
            }
        }
        AnswerKind::Number | AnswerKind::Text | AnswerKind::Date => {
            let v = match &a.value {
                Some(Value::Number(n)) => format_number(*n),
                Some(Value::Text(t)) => t.clone(),
                Some(Value::Date(d)) => d.to_string(),
                Some(Value::List(l)) => l.join(", "),
                None => String::new(),
            };
            if v.is_empty() {
                lines.push(Line::styled(format!("  {}", s::Q_TYPED_EMPTY), th.dim()));
            } else {
                for l in wrap(&v, w.saturating_sub(4)) {
                    lines.push(Line::styled(format!("  {l}"), th.ok().patch(th.bold())));
                }
            }
        }
    }
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
        hl
    } else {
        0
    };
    (lines, hl_line)
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
        for r in &q.maps {
            out.push(requirement_line(app, r, None, w));
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

/// ` [SOC 2] CC6.1 Logical access security` (with coverage when given).
fn requirement_line<'a>(app: &App, r: &ReqRef, cov: Option<Coverage>, w: usize) -> Line<'a> {
    let title = app
        .cat
        .requirement(r)
        .map(|(_, q)| q.title.clone())
        .unwrap_or_default();
    let b = badge(app, &r.framework);
    let mut spans = vec![Span::raw(" "), b, Span::raw(format!(" {} ", r.id))];
    if let Some(c) = cov {
        spans.push(Span::styled(
            format!("{} ", c.label()),
            app.theme.coverage(c),
        ));
    }
    let used: usize = spans.iter().map(|s| s.width()).sum();
    spans.push(Span::raw(truncate(&title, w.saturating_sub(used))));
    Line::from(spans)
}

// ------------------------------------------------------------------ results

pub fn results(app: &App, f: &mut Frame, area: Rect) {
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
                    " {}",
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

fn aiact_lines<'a>(app: &App, w: usize) -> Vec<Line<'a>> {
    let Some(doc) = &app.doc else {
        return Vec::new();
    };
    let th = app.theme;
    let mut out = Vec::new();
    if doc.eval.scope.systems.is_empty() {
        return wrapped(s::R_NO_SYSTEMS, w, 1, th.dim());
    }
    for sys in &doc.eval.scope.systems {
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
            crate::engine::Tier::Prohibited => th.bad(),
            crate::engine::Tier::HighRisk
            | crate::engine::Tier::SectoralHighRisk
            | crate::engine::Tier::GpaiSystemic => th.warn(),
            crate::engine::Tier::Incomplete => th.dim(),
            _ => th.ok(),
        };
        let roles: Vec<&str> = sys.effective_roles.iter().map(String::as_str).collect();
        let mut tier = sys.tier.label().to_string();
        if !roles.is_empty() {
            tier = format!("{tier} · {}", roles.join(", "));
        }
        out.extend(wrapped(&tier, w, 2, tier_style));
        if sys.provisional || sys.tier == crate::engine::Tier::Incomplete {
            out.extend(wrapped(s::R_PROVISIONAL, w, 2, th.dim()));
        }
        out.push(Line::styled(format!("  {}", s::R_DUTIES), th.heading()));
        if sys.obligations.is_empty() {
            out.push(Line::styled(format!("   {}", s::R_NO_DUTIES), th.dim()));
        }
        for o in &sys.obligations {
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
            let when_w = Span::raw(&when).width();
            let left = format!("   {} {}", o.reference, o.title);
            let lw = w.saturating_sub(when_w + 1);
            if Span::raw(&left).width() + when_w < w && when_w + 12 < w {
                out.push(Line::from(vec![
                    Span::raw(fit(&left, lw)),
                    Span::raw(" "),
                    Span::styled(when, style),
                ]));
            } else {
                out.push(Line::raw(truncate(&left, w)));
                out.push(Line::styled(format!("     {when}"), style));
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
        out.push(Line::raw(""));
    }
    out
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

// ------------------------------------------------------------------ plan

pub fn plan(app: &App, f: &mut Frame, area: Rect) {
    let Some(doc) = &app.doc else { return };
    let th = app.theme;
    let all = &doc.eval.plan.items;
    let items = app.plan_items();
    let [bar_area, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let effort: u32 = items.iter().map(|i| all[*i].effort_days).sum();
    let filt = |k: &str, v: Option<String>| {
        vec![
            Span::styled(format!("{k}: "), th.key()),
            Span::raw(v.unwrap_or_else(|| s::P_ALL.to_string())),
            Span::raw("  "),
        ]
    };
    let mut spans = vec![Span::styled(
        format!(" {}   ", s::p_summary(all.len(), items.len(), effort)),
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
    f.render_widget(Paragraph::new(Line::from(spans)), bar_area);

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
    let b = block(th, s::P_TITLE, true);
    let inner = b.inner(table_area);
    f.render_widget(b, table_area);
    let w = inner.width as usize;
    if all.is_empty() || items.is_empty() {
        let msg = if all.is_empty() {
            s::P_EMPTY
        } else {
            s::P_EMPTY_FILTER
        };
        f.render_widget(Paragraph::new(wrapped(msg, w, 1, th.dim())), inner);
    } else {
        let show_owner = w >= 110;
        let (c_rank, c_prio, c_phase, c_fw, c_due) = (4, 5, 8, 17, 11);
        let c_owner = if show_owner { 20 } else { 0 };
        let c_item = w.saturating_sub(c_rank + c_prio + c_phase + c_fw + c_due + c_owner + 1);
        let mut head = format!(
            "{}{}{}{}{}",
            fit(s::P_HEAD_RANK, c_rank),
            fit(s::P_HEAD_PRIO, c_prio),
            fit(s::P_HEAD_PHASE, c_phase),
            fit(s::P_HEAD_ITEM, c_item),
            fit(s::P_HEAD_FW, c_fw)
        );
        if show_owner {
            head.push_str(&fit(s::P_HEAD_OWNER, c_owner));
        }
        head.push_str(&fit(s::P_HEAD_DUE, c_due));
        let [h_area, rows_area] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
        f.render_widget(Paragraph::new(Line::styled(head, th.heading())), h_area);
        let sel = app.plan.sel.min(items.len() - 1);
        let mut lines = Vec::new();
        // Only the rows in view are built.
        let h = rows_area.height as usize;
        let off = window(sel, items.len(), h);
        for (n, &i) in items.iter().enumerate().skip(off).take(h) {
            let it = &all[i];
            let mut spans = vec![
                Span::raw(fit(&format!("{:>3}", i + 1), c_rank)),
                Span::styled(fit(&format!("{:>3}", it.priority), c_prio), th.bold()),
                Span::raw(fit(s::phase_code(it.phase.key()), c_phase)),
                Span::raw(fit(&it.title, c_item.saturating_sub(1))),
                Span::raw(" "),
            ];
            let mut used = 0;
            for fw in &it.frameworks {
                let c = code(app, fw);
                used += c.width() + 1;
                spans.push(c);
                spans.push(Span::raw(" "));
            }
            spans.push(Span::raw(" ".repeat(c_fw.saturating_sub(used))));
            if show_owner {
                spans.push(Span::styled(
                    fit(&it.owner, c_owner),
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
            let mut l = Line::from(spans);
            if n == sel {
                l = l.style(th.selected());
            }
            lines.push(l);
        }
        f.render_widget(Paragraph::new(lines), rows_area);
    }

    // Detail.
    let Some(it) = app.selected_plan_item() else {
        return;
    };
    let b = block(th, &it.id, false);
    let w = b.inner(detail_area).width as usize;
    let mut out: Vec<Line> = Vec::new();
    out.extend(wrapped(&it.title, w, 1, th.bold()));
    let mut fw_spans = vec![Span::raw(" ")];
    for fw in &it.frameworks {
        fw_spans.push(badge(app, fw));
        fw_spans.push(Span::raw(" "));
    }
    fw_spans.push(Span::styled(
        s::p_priority(it.priority, it.phase.label()),
        th.heading(),
    ));
    out.push(Line::from(fw_spans));
    out.push(Line::raw(format!(
        " {}",
        s::p_effort(
            it.effort_days,
            &it.start.to_string(),
            &it.finish.to_string()
        )
    )));
    let mut owner_line = vec![
        Span::styled(format!(" {}: ", s::Q_OWNER), th.heading()),
        Span::raw(it.owner.clone()),
    ];
    if !it.owner_assigned {
        owner_line.push(Span::styled(format!(" {}", s::P_SUGGESTED), th.dim()));
    }
    if let Some(d) = it.due {
        owner_line.push(Span::styled(
            format!(" · {}", s::p_due(&d.to_string())),
            if it.overdue { th.bad() } else { th.plain() },
        ));
    }
    out.push(Line::from(owner_line));
    let section = |out: &mut Vec<Line>, title: &str| {
        out.push(Line::raw(""));
        out.push(Line::styled(format!(" {title}"), th.heading()));
    };
    section(&mut out, s::P_WHY);
    for y in &it.why {
        out.extend(bullet("•", y, w, 1, th.plain()));
    }
    section(&mut out, s::P_STEPS);
    for (n, st) in it.steps.iter().enumerate() {
        out.extend(bullet(&format!("{}.", n + 1), st, w, 1, th.plain()));
    }
    section(&mut out, s::P_EVIDENCE);
    for e in &it.evidence {
        out.extend(bullet("•", e, w, 1, th.plain()));
    }
    section(&mut out, s::P_CLOSES);
    for r in &it.requirements {
        let rr = ReqRef {
            framework: r.framework.clone(),
            id: r.id.clone(),
        };
        out.push(requirement_line(app, &rr, Some(r.coverage), w));
    }
    section(&mut out, s::P_GAPS);
    for (k, c) in &it.gaps {
        out.push(Line::from(vec![
            Span::raw(format!("  {k} ")),
            Span::styled(c.label().to_string(), th.coverage(*c)),
        ]));
    }
    scrolled(f, detail_area, out, app.plan.scroll, Some(b));
}

// ------------------------------------------------------------------ workshop

pub fn workshop(app: &App, f: &mut Frame, area: Rect) {
    let Some(doc) = &app.doc else { return };
    let th = app.theme;
    let pane = app.workshop.pane.min(2);
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
    let sel = |p: usize, len: usize| app.workshop.sel[p].min(len.saturating_sub(1));

    // Participants.
    let b = block(th, s::W_PARTICIPANTS, pane == 0);
    let inner = b.inner(pa);
    f.render_widget(b, pa);
    let w = inner.width as usize;
    let ps = &doc.a.participants;
    if ps.is_empty() {
        f.render_widget(
            Paragraph::new(wrapped(s::W_NO_PARTICIPANTS, w, 1, th.dim())),
            inner,
        );
    } else {
        let s0 = sel(0, ps.len());
        let lines: Vec<Line> = ps
            .iter()
            .enumerate()
            .map(|(i, p)| {
                Line::styled(
                    fit(&format!(" {p}"), w),
                    sel_style(app, pane == 0 && i == s0, th.plain()),
                )
            })
            .collect();
        list(f, inner, lines, s0);
    }

    // Sittings.
    let b = block(th, s::W_SESSIONS, pane == 1);
    let inner = b.inner(sa);
    f.render_widget(b, sa);
    let w = inner.width as usize;
    if doc.a.sessions.is_empty() {
        f.render_widget(
            Paragraph::new(wrapped(s::W_NO_SESSIONS, w, 1, th.dim())),
            inner,
        );
    } else {
        let s1 = sel(1, doc.a.sessions.len());
        let mut lines = Vec::new();
        let mut sel_line = 0;
        for (i, (id, se)) in doc.a.sessions.iter().enumerate() {
            if i == s1 {
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
                sel_style(app, pane == 1 && i == s1, th.bold()),
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
        }
        list(f, inner, lines, sel_line);
    }

    // Parking lot.
    let b = block(th, s::W_PARKING, pane == 2);
    let inner = b.inner(la);
    f.render_widget(b, la);
    let w = inner.width as usize;
    let lot = doc.a.parking_lot();
    if lot.is_empty() {
        f.render_widget(
            Paragraph::new(wrapped(s::W_NO_PARKING, w, 1, th.dim())),
            inner,
        );
    } else {
        let qn = doc.questionnaire(&app.cat);
        let s2 = sel(2, lot.len());
        let mut lines = Vec::new();
        let mut sel_line = 0;
        for (i, (key, ans)) in lot.iter().enumerate() {
            if i == s2 {
                sel_line = lines.len();
            }
            let q = QRef::parse(key);
            let text = qn.question(&q.qid).map(|x| x.text.as_str()).unwrap_or("");
            lines.push(Line::styled(
                fit(&format!(" {key}"), w),
                sel_style(app, pane == 2 && i == s2, th.bold()),
            ));
            lines.push(Line::raw(truncate(&format!("   {text}"), w)));
            let who = ans.owner.clone().unwrap_or_else(|| s::W_NOBODY.to_string());
            let lead = format!("   {}: ", s::Q_OWNER);
            let who = truncate(&who, w.saturating_sub(Span::raw(&lead).width()));
            lines.push(Line::from(vec![
                Span::styled(lead, th.heading()),
                Span::styled(
                    who,
                    if ans.owner.is_some() {
                        th.plain()
                    } else {
                        th.warn()
                    },
                ),
            ]));
        }
        list(f, inner, lines, sel_line);
    }
}
