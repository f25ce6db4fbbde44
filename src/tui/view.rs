//! `view(&app, frame)`: draws the state. A pure function of the state and the
//! frame's size; no decisions (the engine made them), no I/O.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::*;
use super::strings as s;
use super::text::{truncate, wrap};
use super::{overlays, screens};

/// Draws the whole screen.
pub fn view(app: &App, f: &mut Frame) {
    app.hits.borrow_mut().clear();
    let area = f.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = s::too_small(MIN_WIDTH, MIN_HEIGHT, area.width, area.height);
        let lines = wrap(&text, area.width.max(1) as usize);
        let h = (lines.len() as u16).min(area.height);
        let y = area.y + area.height.saturating_sub(h) / 2;
        let p = Paragraph::new(lines.into_iter().map(Line::from).collect::<Vec<_>>())
            .centered()
            .style(app.theme.bold());
        f.render_widget(p, Rect::new(area.x, y, area.width, h));
        return;
    }
    let [top, body, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    tab_bar(app, f, top);
    match app.screen {
        Screen::Start => screens::start::draw(app, f, body),
        Screen::Sections => screens::sections::draw(app, f, body),
        Screen::Question => screens::question::draw(app, f, body),
        Screen::Results => screens::results::draw(app, f, body),
        Screen::Plan => screens::plan::draw(app, f, body),
        Screen::Workshop => screens::workshop::draw(app, f, body),
        Screen::Soa => screens::soa::draw(app, f, body),
    }
    footer(app, f, bottom);
    if let Some(ov) = &app.overlay {
        overlays::draw(app, ov, f, body);
    }
}

fn tab_bar(app: &App, f: &mut Frame, area: Rect) {
    let th = app.theme;
    let mut left: Vec<Span> = Vec::new();
    let mut right = String::new();
    match &app.doc {
        None => {
            left.push(Span::styled(format!(" {} ", s::APP), th.tab_active()));
            left.push(Span::styled(format!(" {}", s::START_TITLE), th.title()));
        }
        Some(doc) => {
            for (i, t) in Screen::TABS.iter().enumerate() {
                if i > 0 {
                    left.push(Span::raw(" "));
                }
                let style = if *t == app.screen {
                    th.tab_active()
                } else {
                    th.plain()
                };
                left.push(Span::styled(t.tab_label(), style));
            }
            // While scoping is open, the total still grows with each
            // scoping answer: show scoping progress on its own.
            let (sc_done, sc_asked) = doc
                .rows
                .iter()
                .filter(|r| r.kind == crate::catalog::SectionKind::Scoping)
                .fold((0, 0), |(d, a), r| (d + r.answered, a + r.asked));
            let prog = if sc_done < sc_asked {
                s::scoping_progress(sc_done, sc_asked)
            } else {
                s::progress(doc.progress.0, doc.progress.1)
            };
            right = if area.width >= 110 {
                format!("{} · {prog} ", doc.a.organisation)
            } else if sc_done < sc_asked {
                format!("{} ", s::scoping_short(sc_done, sc_asked))
            } else {
                format!("{}/{} ", doc.progress.0, doc.progress.1)
            };
        }
    }
    let lw: usize = left.iter().map(|s| s.width()).sum();
    let rw = Span::raw(&right).width();
    if lw + rw < area.width as usize {
        left.push(Span::raw(" ".repeat(area.width as usize - lw - rw)));
        left.push(Span::styled(right, th.title()));
    }
    f.render_widget(Paragraph::new(Line::from(left)), area);
}

fn footer(app: &App, f: &mut Frame, area: Rect) {
    let th = app.theme;
    // A notice gets the whole line; otherwise the last save is shown.
    let saved = match (&app.doc, &app.saved_at, &app.notice) {
        (Some(d), Some(t), None) => s::saved(&d.file_name(), t),
        _ => String::new(),
    };
    let saved_w = Span::raw(&saved).width();
    let room = (area.width as usize).saturating_sub(saved_w + 2);
    let mut spans: Vec<Span> = Vec::new();
    match &app.notice {
        Some(n) => {
            let style = if n.error { th.error() } else { th.bold() };
            spans.push(Span::styled(
                truncate(&format!(" {}", n.text), room.max(1)),
                style,
            ));
        }
        None => {
            // As many hints as fit, always ending with the help key.
            let pairs = hints(app);
            let (hk, hw) = s::HELP_HINT;
            let help_w = Span::raw(format!("  {hk} {hw}")).width();
            let mut used = 0;
            for (k, w) in pairs.iter() {
                let lead = if used == 0 { " " } else { "  " };
                let cell = Span::raw(format!("{lead}{k} {w}")).width();
                if used + cell + help_w > room {
                    break;
                }
                spans.push(Span::styled(format!("{lead}{k}"), th.key()));
                spans.push(Span::styled(format!(" {w}"), th.dim()));
                used += cell;
            }
            spans.push(Span::styled(format!("  {hk}"), th.key()));
            spans.push(Span::styled(format!(" {hw}"), th.dim()));
        }
    }
    let used: usize = spans.iter().map(|x| x.width()).sum();
    let pad = (area.width as usize).saturating_sub(used + saved_w + 1);
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(saved, th.dim()));
    let line = Line::from(spans);
    f.render_widget(Paragraph::new(line), area);
}

fn hints(app: &App) -> s::Hints {
    use crate::catalog::AnswerKind;
    match app.screen {
        Screen::Start => s::START_HINTS,
        Screen::Sections => s::SECTIONS_HINTS,
        Screen::Question => match app.current().map(|(_, q)| q.kind) {
            Some(AnswerKind::Readiness) => s::Q_HINTS_READINESS,
            Some(AnswerKind::YesNo) => s::Q_HINTS_YESNO,
            Some(AnswerKind::Single) => s::Q_HINTS_SINGLE,
            Some(AnswerKind::Multi) => s::Q_HINTS_MULTI,
            Some(_) => s::Q_HINTS_TYPED,
            None => s::SECTIONS_HINTS,
        },
        Screen::Results => s::R_HINTS,
        Screen::Plan => s::P_HINTS,
        Screen::Workshop => s::W_HINTS,
        Screen::Soa => s::SOA_HINTS,
    }
}
