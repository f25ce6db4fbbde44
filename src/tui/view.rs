//! `view(&app, frame)`: draws the state. A pure function of the state and the
//! frame's size; no decisions (the engine made them), no I/O.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::app::*;
use super::screens;
use super::strings as s;
use super::theme::Theme;

/// Draws the whole screen.
pub fn view(app: &App, f: &mut Frame) {
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
        Screen::Start => screens::start(app, f, body),
        Screen::Sections => screens::sections(app, f, body),
        Screen::Question => screens::question(app, f, body),
        Screen::Results => screens::results(app, f, body),
        Screen::Plan => screens::plan(app, f, body),
        Screen::Workshop => screens::workshop(app, f, body),
    }
    footer(app, f, bottom);
    if let Some(ov) = &app.overlay {
        super::overlays::draw(app, ov, f, body);
    }
}

fn tab_label(t: Screen) -> String {
    format!(" F{} {} ", t.fkey(), t.label())
}

/// The screen whose tab is at column `col` of the top row.
pub fn tab_at(app: &App, col: u16) -> Option<Screen> {
    app.doc.as_ref()?;
    let mut x = 0u16;
    for t in Screen::TABS {
        let w = Span::raw(tab_label(t)).width() as u16;
        if col >= x && col < x + w {
            return Some(t);
        }
        x += w + 1;
    }
    None
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
                left.push(Span::styled(tab_label(*t), style));
            }
            let prog = s::progress(doc.progress.0, doc.progress.1);
            right = if area.width >= 110 {
                format!("{} · {prog} ", doc.a.organisation)
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
    }
}

// ------------------------------------------------------------------ helpers

/// Word-wraps text to `width` columns (explicit newlines kept).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut lw = 0;
        for word in para.split_whitespace() {
            let ww = Span::raw(word).width();
            if lw > 0 && lw + 1 + ww > width {
                out.push(std::mem::take(&mut line));
                lw = 0;
            }
            if ww > width {
                // A word longer than the line: break it.
                for c in word.chars() {
                    let cw = char_width(c);
                    if lw + cw > width {
                        out.push(std::mem::take(&mut line));
                        lw = 0;
                    }
                    line.push(c);
                    lw += cw;
                }
                continue;
            }
            if lw > 0 {
                line.push(' ');
                lw += 1;
            }
            line.push_str(word);
            lw += ww;
        }
        out.push(line);
    }
    out
}

/// Wrapped lines with an indent on every line and a style.
pub fn wrapped<'a>(text: &str, width: usize, indent: usize, style: Style) -> Vec<Line<'a>> {
    wrap(text, width.saturating_sub(indent).max(8))
        .into_iter()
        .map(|l| Line::from(Span::styled(format!("{}{l}", " ".repeat(indent)), style)))
        .collect()
}

/// A bullet item: `• text`, continuation lines indented.
pub fn bullet<'a>(
    mark: &str,
    text: &str,
    width: usize,
    indent: usize,
    style: Style,
) -> Vec<Line<'a>> {
    let mw = Span::raw(mark).width() + 1;
    let lines = wrap(text, width.saturating_sub(indent + mw).max(8));
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let lead = if i == 0 {
                format!("{}{mark} ", " ".repeat(indent))
            } else {
                " ".repeat(indent + mw)
            };
            Line::from(Span::styled(format!("{lead}{l}"), style))
        })
        .collect()
}

/// Display width of one character (without allocating).
pub fn char_width(c: char) -> usize {
    let mut buf = [0u8; 4];
    Span::raw(&*c.encode_utf8(&mut buf)).width()
}

/// Cuts text to `width` columns, ending with `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if Span::raw(text).width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in text.chars() {
        let cw = char_width(c);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Pads or cuts text to exactly `width` columns.
pub fn fit(text: &str, width: usize) -> String {
    let t = truncate(text, width);
    let w = Span::raw(&t).width();
    format!("{t}{}", " ".repeat(width.saturating_sub(w)))
}

/// A text readiness bar: `███████░░░`. Readable without colour.
pub fn bar(pct: Option<f64>, width: usize) -> String {
    let Some(p) = pct else {
        return "·".repeat(width);
    };
    let filled = ((p.clamp(0.0, 100.0) / 100.0) * width as f64).round() as usize;
    format!(
        "{}{}",
        "█".repeat(filled),
        "░".repeat(width - filled.min(width))
    )
}

/// `62%` or `—`.
pub fn pct(p: Option<f64>) -> String {
    match p {
        Some(v) => format!("{v:.0}%"),
        None => "—".to_string(),
    }
}

/// A framework badge: `[SOC 2]`.
pub fn badge<'a>(app: &App, fw: &str) -> Span<'a> {
    let short = app.cat.framework(fw).map_or(fw, |f| f.short.as_str());
    Span::styled(format!("[{short}]"), app.theme.badge(fw))
}

/// A compact framework code for tables.
pub fn code<'a>(app: &App, fw: &str) -> Span<'a> {
    Span::styled(s::framework_code(fw).to_string(), app.theme.badge(fw))
}

/// First visible index so that `sel` stays in view, with some context.
pub fn window(sel: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    let max = len - height;
    sel.saturating_sub(height / 3).min(max)
}

pub fn block<'a>(th: Theme, title: &str, focus: bool) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(if focus {
            th.border_focus()
        } else {
            th.border()
        })
        .title(Span::styled(
            format!(" {title} "),
            if focus { th.title() } else { th.heading() },
        ))
}

/// A centred rectangle of at most `w`×`h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Renders lines with a scroll offset clamped to the content.
pub fn scrolled(
    f: &mut Frame,
    area: Rect,
    lines: Vec<Line<'_>>,
    scroll: u16,
    block: Option<Block<'_>>,
) {
    let inner_h = match &block {
        Some(b) => b.inner(area).height,
        None => area.height,
    } as usize;
    let max = lines.len().saturating_sub(inner_h) as u16;
    let mut p = Paragraph::new(Text::from(lines)).scroll((scroll.min(max), 0));
    if let Some(b) = block {
        p = p.block(b);
    }
    f.render_widget(p, area);
}

/// Clears an area and draws a bordered dialog box; returns the inner area.
pub fn dialog(f: &mut Frame, th: Theme, area: Rect, title: &str) -> Rect {
    f.render_widget(Clear, area);
    let b = block(th, title, true);
    let inner = b.inner(area);
    f.render_widget(b, area);
    inner
}
