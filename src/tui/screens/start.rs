//! The start screen: where assessments are saved, and a table of them with
//! progress and readiness, below "new assessment".

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::tui::app::*;
use crate::tui::strings as s;
use crate::tui::text::{fit, truncate};
use crate::tui::widgets::{block, clickable_list, pct, sel_style};
use crate::workspace::Summary;

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
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
    let cols = Columns::new(w);
    let mut lines = vec![Line::styled(
        cols.row(
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
        let base = if sm.error.is_some() {
            th.dim()
        } else {
            th.plain()
        };
        lines.push(Line::styled(
            fit(&summary_row(&cols, sm), w),
            sel_style(app, app.start.sel == i + 1, base),
        ));
    }
    let sel = app.start.sel + 1;
    let hits: Vec<Option<Hit>> = std::iter::once(None)
        .chain((0..lines.len() - 1).map(|i| Some(Hit::StartRow(i))))
        .collect();
    clickable_list(app, f, inner, lines, sel, &hits);
}

/// Widths of the table's columns; the file name only on a wide screen.
struct Columns {
    wide: bool,
    org: usize,
    file: usize,
    progress: usize,
    readiness: usize,
    updated: usize,
}

impl Columns {
    fn new(w: usize) -> Columns {
        let wide = w >= 100;
        let (progress, updated) = (10, 17);
        let file = if wide { 24 } else { 0 };
        let rest = w.saturating_sub(progress + updated + file + 4);
        let org = (rest * 2 / 5).max(12);
        Columns {
            wide,
            org,
            file,
            progress,
            readiness: rest.saturating_sub(org),
            updated,
        }
    }

    fn row(&self, org: &str, file: &str, progress: &str, readiness: &str, updated: &str) -> String {
        let col = |text: &str, w: usize| format!("{} ", fit(text, w.saturating_sub(1)));
        let mut t = format!(" {}", col(org, self.org));
        if self.wide {
            t.push_str(&col(file, self.file));
        }
        t.push_str(&col(progress, self.progress));
        t.push_str(&col(readiness, self.readiness));
        t.push_str(&col(updated, self.updated));
        t
    }
}

/// A saved assessment's row (an unreadable file says why).
fn summary_row(cols: &Columns, sm: &Summary) -> String {
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
    match &sm.error {
        Some(e) => cols.row(&org, &file, "—", &s::start_unreadable(e), "—"),
        None => {
            let ready: Vec<String> = sm
                .readiness
                .iter()
                .map(|(fw, r)| format!("{fw} {}", pct(*r)))
                .collect();
            cols.row(
                &org,
                &file,
                &format!("{}/{}", sm.answered, sm.asked),
                &ready.join(" · "),
                sm.updated.as_deref().unwrap_or(s::NEVER),
            )
        }
    }
}
