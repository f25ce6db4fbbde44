//! Dialogs drawn over the screen: help, forms, confirmation, search,
//! export, the document pack's report and evidence links.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::*;
use super::input::TextInput;
use super::strings as s;
use super::text::{fit, truncate, wrap};
use super::widgets::{block, centered, dialog, scrolled, window};

pub fn draw(app: &App, ov: &Overlay, f: &mut Frame, body: Rect) {
    let full = f.area();
    match ov {
        Overlay::Help { scroll } => help(app, *scroll, f, full),
        Overlay::Form(form) => form_box(app, form, f, body),
        Overlay::Confirm { text, .. } => {
            let message = (text.as_str(), app.theme.plain());
            question_box(
                app,
                f,
                body,
                s::D_CONFIRM_TITLE,
                message,
                s::D_CONFIRM_HINTS,
            )
        }
        Overlay::Search { input, sel } => search(app, input, *sel, f, body),
        Overlay::Export { format, path, .. } => export(app, *format, path, f, body),
        Overlay::Evidence { q, input, sel } => evidence(app, q, input, *sel, f, body),
        Overlay::SaveFailed { error, path } => save_failed(app, error, path, f, body),
        Overlay::EndSitting { notes } => end_sitting(app, notes, f, body),
        Overlay::Pack { dir, outcome } => pack(app, dir, outcome, f, body),
        Overlay::QuitUnsaved => {
            let message = (s::D_QUIT_UNSAVED, app.theme.error());
            let hints = s::D_QUIT_UNSAVED_HINTS;
            question_box(app, f, body, s::D_QUIT_UNSAVED_TITLE, message, hints)
        }
    }
}

/// A short dialog: a wrapped message (in its style) and the keys that answer it.
fn question_box(
    app: &App,
    f: &mut Frame,
    body: Rect,
    title: &str,
    (text, style): (&str, Style),
    hints: &str,
) {
    let lines = wrap(text, 50);
    let area = centered(body, 56, lines.len() as u16 + 4);
    let inner = dialog(f, app.theme, area, title);
    let mut out: Vec<Line> = lines
        .into_iter()
        .map(|l| Line::styled(format!(" {l}"), style))
        .collect();
    out.push(Line::raw(""));
    out.push(Line::styled(format!(" {hints}"), app.theme.dim()));
    f.render_widget(Paragraph::new(out), inner);
}

/// The sitting's summary and a line for the facilitator's notes.
fn end_sitting(app: &App, notes: &TextInput, f: &mut Frame, body: Rect) {
    let th = app.theme;
    let st = &app.sitting;
    let w = body.width.saturating_sub(4).min(76);
    let mut rows = vec![Line::styled(
        format!(
            " {}",
            s::sitting_summary(
                st.answered.len(),
                st.changed.len(),
                st.parked.len(),
                st.owners.len()
            )
        ),
        th.bold(),
    )];
    if let Some(doc) = &app.doc {
        let (done, asked) = doc.progress;
        rows.push(Line::raw(format!(" {}", s::progress_of(done, asked))));
    }
    rows.push(Line::raw(""));
    rows.push(Line::styled(format!(" {}", s::D_END_NOTES), th.heading()));
    let text_rows = rows.len() as u16;
    let area = centered(body, w, text_rows + 5);
    let inner = dialog(f, th, area, s::D_END_TITLE);
    f.render_widget(
        Paragraph::new(rows),
        Rect::new(inner.x, inner.y, inner.width, text_rows),
    );
    input_line(
        app,
        f,
        Rect::new(inner.x, inner.y + text_rows, inner.width, 1),
        notes,
        true,
    );
    f.render_widget(
        Paragraph::new(Line::styled(format!(" {}", s::D_END_HINTS), th.dim())),
        Rect::new(inner.x, inner.y + inner.height - 1, inner.width, 1),
    );
}

/// What failed, that the answers are kept in memory, and the file to save
/// them to instead.
fn save_failed(app: &App, error: &str, path: &TextInput, f: &mut Frame, body: Rect) {
    let th = app.theme;
    let w = body.width.saturating_sub(4).min(76);
    let text_w = usize::from(w.saturating_sub(4)).max(20);
    let mut rows: Vec<Line> = wrap(&s::save_failed(error), text_w)
        .into_iter()
        .map(|l| Line::styled(format!(" {l}"), th.error()))
        .collect();
    rows.push(Line::raw(""));
    rows.extend(
        wrap(s::D_SAVE_FAILED_KEEP, text_w)
            .into_iter()
            .map(|l| Line::raw(format!(" {l}"))),
    );
    let text_rows = rows.len() as u16;
    let area = centered(body, w, text_rows + 6);
    let inner = dialog(f, th, area, s::D_SAVE_FAILED_TITLE);
    f.render_widget(
        Paragraph::new(rows),
        Rect::new(inner.x, inner.y, inner.width, text_rows),
    );
    input_line(
        app,
        f,
        Rect::new(inner.x, inner.y + text_rows + 1, inner.width, 1),
        path,
        true,
    );
    f.render_widget(
        Paragraph::new(Line::styled(
            format!(" {}", s::D_SAVE_FAILED_HINTS),
            th.dim(),
        )),
        Rect::new(inner.x, inner.y + inner.height - 1, inner.width, 1),
    );
}

/// Draws an input line and places the terminal cursor in it.
fn input_line(app: &App, f: &mut Frame, area: Rect, input: &TextInput, focus: bool) {
    let (text, cx) = input.visible(area.width.saturating_sub(2));
    let style = if focus {
        app.theme.bold()
    } else {
        app.theme.plain()
    };
    let marker = if focus { "›" } else { " " };
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(marker, app.theme.key()),
            Span::raw(" "),
            Span::styled(text, style),
        ])),
        area,
    );
    if focus {
        f.set_cursor_position(Position::new(area.x + 2 + cx, area.y));
    }
}

fn help(app: &App, scroll: u16, f: &mut Frame, area: Rect) {
    let th = app.theme;
    let w = area.width.saturating_sub(4).min(96);
    let h = area.height.saturating_sub(2);
    let r = centered(area, w, h);
    let inner_w = w.saturating_sub(2) as usize;
    let key_w = 30.min(inner_w / 2);
    let mut lines = Vec::new();
    for (head, keys) in s::HELP {
        lines.push(Line::styled(format!(" {head}"), th.heading()));
        for (k, what) in keys.iter() {
            let what_lines = wrap(what, inner_w.saturating_sub(key_w + 3).max(10));
            for (i, wl) in what_lines.into_iter().enumerate() {
                let kk = if i == 0 { *k } else { "" };
                lines.push(Line::from(vec![
                    Span::styled(format!("   {}", fit(kk, key_w)), th.key()),
                    Span::raw(wl),
                ]));
            }
        }
        lines.push(Line::raw(""));
    }
    f.render_widget(ratatui::widgets::Clear, r);
    let b = block(th, s::D_HELP_TITLE, true);
    scrolled(f, r, lines, scroll, Some(b));
}

fn form_box(app: &App, form: &Form, f: &mut Frame, body: Rect) {
    let th = app.theme;
    let w = body.width.saturating_sub(4).min(76);
    let n = form.fields.len() as u16;
    // A person form lists the people that match what is typed.
    let people = form.matching_people();
    let shown = people.len().min(6) as u16;
    let people_h = if form.people.is_empty() { 0 } else { shown + 2 };
    let h = 2 + n * 2 + 1 + 1 + u16::from(form.error.is_some()) * 2 + people_h;
    let area = centered(body, w, h);
    let inner = dialog(f, th, area, &form.title);
    let mut y = inner.y;
    for (i, field) in form.fields.iter().enumerate() {
        if y + 1 >= inner.y + inner.height {
            break;
        }
        f.render_widget(
            Paragraph::new(Line::styled(
                truncate(&format!(" {}", field.label), inner.width as usize),
                if i == form.focus {
                    th.heading()
                } else {
                    th.dim()
                },
            )),
            Rect::new(inner.x, y, inner.width, 1),
        );
        input_line(
            app,
            f,
            Rect::new(inner.x, y + 1, inner.width, 1),
            &field.input,
            i == form.focus,
        );
        y += 2;
    }
    let mut tail = Vec::new();
    if !form.people.is_empty() {
        tail.push(Line::raw(""));
        tail.push(Line::styled(
            truncate(&format!(" {}", s::D_PEOPLE), inner.width as usize),
            th.dim(),
        ));
        let start = form.pick.map_or(0, |p| p.saturating_sub(5));
        for (i, name) in people.iter().enumerate().skip(start).take(6) {
            let l = Line::raw(truncate(&format!("   {name}"), inner.width as usize));
            tail.push(if form.pick == Some(i) {
                l.style(th.selected())
            } else {
                l
            });
        }
    }
    if let Some(e) = &form.error {
        tail.push(Line::raw(""));
        tail.push(Line::styled(
            truncate(&format!(" {e}"), inner.width as usize),
            th.error(),
        ));
    }
    tail.push(Line::raw(""));
    tail.push(Line::styled(
        format!(
            " {}",
            if form.fields.len() > 1 {
                s::D_SUBMIT
            } else {
                s::D_SUBMIT_ONE
            }
        ),
        th.dim(),
    ));
    let rest = Rect::new(
        inner.x,
        y,
        inner.width,
        (inner.y + inner.height).saturating_sub(y),
    );
    f.render_widget(Paragraph::new(tail), rest);
}

fn search(app: &App, input: &TextInput, sel: usize, f: &mut Frame, body: Rect) {
    let th = app.theme;
    let w = body.width.saturating_sub(4).min(110);
    let h = body.height.saturating_sub(2);
    let area = centered(body, w, h);
    let inner = dialog(f, th, area, s::D_SEARCH_TITLE);
    if inner.height < 3 {
        return;
    }
    input_line(
        app,
        f,
        Rect::new(inner.x, inner.y, inner.width, 1),
        input,
        true,
    );
    let Some(doc) = &app.doc else { return };
    let qn = doc.questionnaire(&app.cat);
    let results = app.search(input.value());
    let list_area = Rect::new(
        inner.x,
        inner.y + 2,
        inner.width,
        inner.height.saturating_sub(3),
    );
    let iw = inner.width as usize;
    if results.is_empty() {
        f.render_widget(
            Paragraph::new(Line::styled(format!(" {}", s::D_SEARCH_NONE), th.dim())),
            list_area,
        );
    } else {
        let sel = sel.min(results.len() - 1);
        let hgt = list_area.height as usize;
        let off = window(sel, results.len(), hgt);
        let lines: Vec<Line> = results
            .iter()
            .enumerate()
            .skip(off)
            .take(hgt)
            .map(|(n, &i)| {
                let fi = &doc.flow[i];
                let text = qn
                    .question(&fi.q.qid)
                    .map(|q| q.text.as_str())
                    .unwrap_or("");
                let key = fi.q.key();
                let mark = if fi.answered { "✓" } else { " " };
                let key_w = 28.min(iw / 3);
                let mut l = Line::from(vec![
                    Span::styled(format!(" {mark} "), th.ok()),
                    Span::styled(fit(&key, key_w), th.key()),
                    Span::raw(" "),
                    Span::raw(truncate(text, iw.saturating_sub(key_w + 5))),
                ]);
                if n == sel {
                    l = l.style(th.selected());
                }
                l
            })
            .collect();
        f.render_widget(Paragraph::new(lines), list_area);
    }
    f.render_widget(
        Paragraph::new(Line::styled(format!(" {}", s::D_SEARCH_HINTS), th.dim())),
        Rect::new(inner.x, inner.y + inner.height - 1, inner.width, 1),
    );
}

fn export(app: &App, format: usize, path: &TextInput, f: &mut Frame, body: Rect) {
    let th = app.theme;
    let w = body.width.saturating_sub(4).min(76);
    // The formats, wrapped over as many lines as the dialog's width needs.
    let head = format!(" {}: ", s::D_EXPORT_FORMAT);
    let room = usize::from(w.saturating_sub(2));
    let mut lines: Vec<Vec<Span>> = vec![vec![Span::styled(head.clone(), th.heading())]];
    let mut used = head.chars().count();
    let labels = EXPORT_FORMATS
        .iter()
        .map(|(_, label, _)| *label)
        .chain([s::PACK_LABEL]);
    for (i, label) in labels.enumerate() {
        let cell = format!(" {label} ");
        let width = cell.chars().count() + 1;
        if used + width > room && used > head.chars().count() {
            lines.push(vec![Span::raw(" ".repeat(head.chars().count()))]);
            used = head.chars().count();
        }
        let style = if i == format {
            th.tab_active()
        } else {
            th.plain()
        };
        let line = lines.last_mut().expect("one line at least");
        line.push(Span::styled(cell, style));
        line.push(Span::raw(" "));
        used += width;
    }
    let format_lines = lines.len() as u16;
    let area = centered(body, w, 8 + format_lines);
    let inner = dialog(f, th, area, s::D_EXPORT_TITLE);
    let mut rows: Vec<Line> = lines.into_iter().map(Line::from).collect();
    rows.push(Line::raw(""));
    let path_label = if format == EXPORT_PACK {
        s::D_EXPORT_FOLDER
    } else {
        s::D_EXPORT_PATH
    };
    rows.push(Line::styled(format!(" {path_label}"), th.heading()));
    f.render_widget(
        Paragraph::new(rows),
        Rect::new(inner.x, inner.y, inner.width, format_lines + 2),
    );
    input_line(
        app,
        f,
        Rect::new(inner.x, inner.y + format_lines + 2, inner.width, 1),
        path,
        true,
    );
    f.render_widget(
        Paragraph::new(Line::styled(format!(" {}", s::D_EXPORT_HINTS), th.dim())),
        Rect::new(inner.x, inner.y + inner.height - 1, inner.width, 1),
    );
}

fn evidence(app: &App, q: &QRef, input: &TextInput, sel: Option<usize>, f: &mut Frame, body: Rect) {
    let th = app.theme;
    let list = app
        .doc
        .as_ref()
        .and_then(|d| d.answer(q))
        .map(|a| a.evidence.clone())
        .unwrap_or_default();
    let w = body.width.saturating_sub(4).min(90);
    let h = (list.len() as u16 + 7).clamp(8, body.height.saturating_sub(2));
    let area = centered(body, w, h);
    let inner = dialog(
        f,
        th,
        area,
        &format!("{} · {}", s::D_EVIDENCE_TITLE, q.key()),
    );
    let iw = inner.width as usize;
    let list_h = inner.height.saturating_sub(4) as usize;
    let mut lines: Vec<Line> = Vec::new();
    if list.is_empty() {
        lines.push(Line::styled(format!(" {}", s::D_EVIDENCE_NONE), th.dim()));
    } else {
        let off = window(sel.unwrap_or(list.len() - 1), list.len(), list_h);
        for (i, e) in list.iter().enumerate().skip(off).take(list_h) {
            let mut l = Line::raw(truncate(&format!(" {}. {e}", i + 1), iw));
            if sel == Some(i) {
                l = l.style(th.selected());
            }
            lines.push(l);
        }
    }
    f.render_widget(
        Paragraph::new(lines),
        Rect::new(inner.x, inner.y, inner.width, list_h as u16),
    );
    let y = inner.y + list_h as u16;
    f.render_widget(
        Paragraph::new(Line::styled(
            format!(" {}", s::D_EVIDENCE_FIELD),
            th.heading(),
        )),
        Rect::new(inner.x, y, inner.width, 1),
    );
    input_line(
        app,
        f,
        Rect::new(inner.x, y + 1, inner.width, 1),
        input,
        sel.is_none(),
    );
    f.render_widget(
        Paragraph::new(Line::styled(format!(" {}", s::D_EVIDENCE_HINTS), th.dim())),
        Rect::new(inner.x, inner.y + inner.height - 1, inner.width, 1),
    );
}

/// What writing the document pack did: the files written and the open
/// questions, or the edited files it kept (and the offer to overwrite them).
fn pack(app: &App, dir: &std::path::Path, outcome: &PackOutcome, f: &mut Frame, body: Rect) {
    let th = app.theme;
    let w = body.width.saturating_sub(4).min(90);
    let text_w = usize::from(w.saturating_sub(4)).max(20);
    let para = |rows: &mut Vec<Line>, text: &str, style: Style| {
        rows.extend(
            wrap(text, text_w)
                .into_iter()
                .map(|l| Line::styled(format!(" {l}"), style)),
        );
    };
    let mut rows: Vec<Line> = Vec::new();
    let (title, files, hints) = match outcome {
        PackOutcome::Written {
            written,
            unchanged,
            overwritten,
            open_questions,
        } => {
            para(
                &mut rows,
                &s::pack_written(dir, written.len(), *unchanged),
                th.bold(),
            );
            para(
                &mut rows,
                &s::pack_open_questions(*open_questions),
                th.plain(),
            );
            if !overwritten.is_empty() {
                para(&mut rows, &s::pack_overwritten(overwritten), th.warn());
            }
            (s::D_PACK_TITLE, written, s::D_PACK_DONE_HINTS)
        }
        PackOutcome::Edited(files) => {
            para(&mut rows, &s::pack_edited(dir, files.len()), th.warn());
            (s::D_PACK_EDITED_TITLE, files, s::D_PACK_EDITED_HINTS)
        }
    };
    // The files, as many as the screen has room for.
    let room = usize::from(body.height.saturating_sub(6))
        .saturating_sub(rows.len() + 3)
        .max(1);
    if !files.is_empty() {
        rows.push(Line::raw(""));
    }
    let shown = if files.len() > room {
        room - 1
    } else {
        files.len()
    };
    for name in files.iter().take(shown) {
        rows.push(Line::raw(truncate(&format!("   {name}"), text_w + 2)));
    }
    if shown < files.len() {
        rows.push(Line::styled(
            format!("   {}", s::pack_more(files.len() - shown)),
            th.dim(),
        ));
    }
    let text_rows = rows.len() as u16;
    let hint_lines = wrap(hints, text_w);
    let area = centered(body, w, text_rows + hint_lines.len() as u16 + 3);
    let inner = dialog(f, th, area, title);
    f.render_widget(
        Paragraph::new(rows),
        Rect::new(inner.x, inner.y, inner.width, text_rows.min(inner.height)),
    );
    let hy = inner.y + inner.height.saturating_sub(hint_lines.len() as u16);
    f.render_widget(
        Paragraph::new(
            hint_lines
                .into_iter()
                .map(|l| Line::styled(format!(" {l}"), th.dim()))
                .collect::<Vec<_>>(),
        ),
        Rect::new(inner.x, hy, inner.width, inner.height.min(2)),
    );
}
