//! The sections screen: every section in the flow with its progress,
//! grouped under scoping, AI systems and gap analysis, and beside (or
//! below) it the chosen section's introduction, note and readiness.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use crate::catalog::SectionKind;
use crate::tui::app::*;
use crate::tui::strings as s;
use crate::tui::text::{fit, truncate, wrap};
use crate::tui::widgets::{bar, block, clickable_list, pct, scrolled, sel_style, wrapped};

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let Some(doc) = &app.doc else { return };
    let wide = area.width >= 110;
    let (list_area, side) = if wide {
        let [a, b] = Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
            .areas(area);
        (a, b)
    } else {
        let [a, b] = Layout::vertical([Constraint::Min(6), Constraint::Length(5)]).areas(area);
        (a, b)
    };
    let entries = app.section_entries();
    let sel = app.sections.sel.min(entries.len().saturating_sub(1));
    section_list(app, doc, f, list_area, &entries, sel);
    let chosen = match entries.get(sel) {
        Some(Entry::Row(r)) => doc.rows.get(*r),
        _ => None,
    };
    if wide {
        side_pane(app, doc, f, side, chosen);
    } else {
        bottom_pane(app, doc, f, side, chosen);
    }
}

/// The sections under a heading per kind, the chosen one kept in view.
fn section_list(app: &App, doc: &Doc, f: &mut Frame, area: Rect, entries: &[Entry], sel: usize) {
    let th = app.theme;
    let title = format!("{} · {}", doc.a.organisation, doc.file_name());
    let b = block(th, &title, true);
    let inner = b.inner(area);
    f.render_widget(b, area);
    let w = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    // The entry each line shows (headings show none), for clicks.
    let mut entry_of: Vec<Option<usize>> = Vec::new();
    let mut sel_line = 0;
    let mut last: Option<SectionKind> = None;
    for (i, e) in entries.iter().enumerate() {
        let kind = match e {
            Entry::Row(r) => doc.rows[*r].kind,
            Entry::AddSystem => SectionKind::System,
        };
        if last != Some(kind) {
            if last.is_some() {
                lines.push(Line::raw(""));
            }
            lines.extend(group_heading(app, doc, kind, w));
            entry_of.resize(lines.len(), None);
            last = Some(kind);
        }
        let selected = i == sel;
        if selected {
            sel_line = lines.len();
        }
        lines.push(match e {
            Entry::AddSystem => Line::styled(
                fit(&format!("  {}", s::SECTIONS_ADD_SYSTEM), w),
                sel_style(app, selected, th.key()),
            ),
            Entry::Row(r) => row_line(app, doc, &doc.rows[*r], w, selected),
        });
        entry_of.push(Some(i));
    }
    let hits: Vec<Option<Hit>> = entry_of.iter().map(|e| e.map(Hit::Section)).collect();
    clickable_list(app, f, inner, lines, sel_line, &hits);
}

/// "Scoping", "AI systems" (saying what they are while there are none),
/// "Gap analysis".
fn group_heading<'a>(app: &App, doc: &Doc, kind: SectionKind, w: usize) -> Vec<Line<'a>> {
    let th = app.theme;
    let head = match kind {
        SectionKind::Scoping => s::SECTIONS_SCOPING,
        SectionKind::System => s::SECTIONS_SYSTEMS,
        SectionKind::Gap => s::SECTIONS_GAP,
    };
    let mut lines = vec![Line::styled(truncate(head, w), th.heading())];
    if kind == SectionKind::System && doc.a.systems.is_empty() {
        for l in wrap(s::SECTIONS_NO_SYSTEMS, w.saturating_sub(2)) {
            lines.push(Line::styled(format!("  {l}"), th.dim()));
        }
    }
    lines
}

/// A section: title, progress bar, answered/asked, ✎ when it has a note.
fn row_line<'a>(app: &App, doc: &Doc, row: &SectionRow, w: usize, selected: bool) -> Line<'a> {
    let th = app.theme;
    let bar_w = if w >= 70 { 12 } else { 8 };
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
    let line = Line::from(spans);
    if selected {
        line.style(th.selected())
    } else {
        line
    }
}

/// The chosen section's title and introduction (for "add an AI system",
/// what systems are).
fn about(app: &App, doc: &Doc, chosen: Option<&SectionRow>) -> (String, String) {
    let qn = doc.questionnaire(&app.cat);
    match chosen {
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
    }
}

/// On a wide screen, beside the list: introduction, note, readiness.
fn side_pane(app: &App, doc: &Doc, f: &mut Frame, area: Rect, chosen: Option<&SectionRow>) {
    let th = app.theme;
    let (title, intro) = about(app, doc, chosen);
    let note = chosen.and_then(|r| doc.a.section_notes.get(r.section.as_str()));
    let b = block(th, &title, false);
    let iw = b.inner(area).width as usize;
    let mut lines = wrapped(&intro, iw, 0, th.plain());
    if let Some(n) = note {
        lines.push(Line::raw(""));
        lines.push(Line::styled(s::SECTIONS_NOTE, th.heading()));
        lines.extend(wrapped(n, iw, 0, th.plain()));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(s::R_READINESS, th.heading()));
    lines.extend(readiness_summary(app, iw));
    scrolled(f, area, lines, 0, Some(b));
}

/// On a narrow screen, below the list: the note's first line, introduction.
fn bottom_pane(app: &App, doc: &Doc, f: &mut Frame, area: Rect, chosen: Option<&SectionRow>) {
    let th = app.theme;
    let (title, intro) = about(app, doc, chosen);
    let note = chosen.and_then(|r| doc.a.section_notes.get(r.section.as_str()));
    let b = Block::default()
        .borders(Borders::TOP)
        .border_style(th.border())
        .title(Span::styled(format!(" {title} "), th.heading()));
    let iw = area.width as usize;
    let mut lines = wrapped(&intro, iw, 1, th.dim());
    if let Some(n) = note {
        lines.insert(
            0,
            Line::styled(truncate(&format!(" ✎ {n}"), iw), th.plain()),
        );
    }
    scrolled(f, area, lines, 0, Some(b));
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
