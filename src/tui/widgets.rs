//! Small drawing pieces shared by the screens, the dialogs and the frame
//! around them: wrapped and bulleted lines, bars, badges, bordered blocks,
//! scrolling lists.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::app::{App, Hit};
use super::strings as s;
use super::text::{self, truncate, wrap};
use super::theme::Theme;
use crate::catalog::ReqRef;
use crate::engine::Coverage;

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
    let mw = text::width(mark) + 1;
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

/// `base`, highlighted when selected.
pub fn sel_style(app: &App, selected: bool, base: Style) -> Style {
    if selected {
        base.patch(app.theme.selected())
    } else {
        base
    }
}

/// Renders `lines` in `area` keeping line `sel` in view.
/// [`list`], recording what a click on each visible line picks (`hits`
/// runs beside `lines`; `None` for headings and blank lines).
pub fn clickable_list(
    app: &App,
    f: &mut Frame,
    area: Rect,
    lines: Vec<Line<'_>>,
    sel: usize,
    hits: &[Option<Hit>],
) {
    let h = area.height as usize;
    let off = window(sel, lines.len(), h);
    for (k, hit) in hits.iter().skip(off).take(h).enumerate() {
        if let Some(hit) = hit {
            app.hit(Rect::new(area.x, area.y + k as u16, area.width, 1), *hit);
        }
    }
    list(f, area, lines, sel);
}

pub fn list(f: &mut Frame, area: Rect, lines: Vec<Line<'_>>, sel: usize) {
    let h = area.height as usize;
    let off = window(sel, lines.len(), h);
    let shown: Vec<Line> = lines.into_iter().skip(off).take(h).collect();
    f.render_widget(Paragraph::new(shown), area);
}

/// ` [SOC 2] CC6.1 Logical access security` (with coverage when given).
pub fn requirement_line<'a>(app: &App, r: &ReqRef, cov: Option<Coverage>, w: usize) -> Line<'a> {
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
