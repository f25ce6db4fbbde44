//! Terminal summary: readiness, scope and the ranked plan, as tables in
//! comfy-table's `UTF8_FULL_CONDENSED` style.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::IsTerminal as _;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};

use super::{Input, pct};
use crate::engine::{CheckState, Phase, SystemClass};

/// One table: a header and rows of cells (a cell may hold several lines).
struct Grid<'a> {
    header: &'static [&'static str],
    rows: Vec<Vec<Cow<'a, str>>>,
}

impl<'a> Grid<'a> {
    fn new(header: &'static [&'static str]) -> Self {
        Grid {
            header,
            rows: Vec::new(),
        }
    }

    fn row(&mut self, cells: Vec<Cow<'a, str>>) {
        debug_assert_eq!(cells.len(), self.header.len());
        self.rows.push(cells);
    }

    /// Draws the table (no newline at the end). When its width is limited
    /// (by `width`, or by the terminal it is printed to) comfy-table fits
    /// it, wrapping cells; otherwise each column is as wide as its widest
    /// line, and the grid is drawn here, as comfy-table would draw it.
    fn draw(&self, out: &mut String, width: Option<u16>) {
        if width.is_none() && !std::io::stdout().is_terminal() && self.draw_unlimited(out) {
            return;
        }
        let mut t = Table::new();
        t.load_style(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
        if let Some(w) = width {
            t.set_width(w);
        }
        t.set_header(self.header);
        for row in &self.rows {
            t.add_row(row);
        }
        let _ = write!(out, "{t}");
    }

    /// Draws the table with every column at its natural width; `false`
    /// (and nothing drawn) when a line is too wide for comfy-table to leave
    /// unwrapped.
    fn draw_unlimited(&self, out: &mut String) -> bool {
        // comfy-table counts widths in u16, padding included.
        const MAX_WIDTH: usize = u16::MAX as usize - 2;
        let header: Vec<Cow<'a, str>> = self.header.iter().map(|h| Cow::Borrowed(*h)).collect();
        let rows = || std::iter::once(&header).chain(&self.rows);
        // The width of each cell's widest line (`None` for a cell of several
        // lines), and of each column: its widest cell, at least 1.
        let mut widths = vec![1; self.header.len()];
        let mut cells: Vec<Option<usize>> =
            Vec::with_capacity((self.rows.len() + 1) * widths.len());
        for row in rows() {
            for (w, cell) in widths.iter_mut().zip(row) {
                let (single, width) = if cell.contains('\n') {
                    (None, cell.split('\n').map(line_width).max().unwrap_or(0))
                } else {
                    let width = line_width(cell);
                    (Some(width), width)
                };
                cells.push(single);
                *w = width.max(*w);
            }
        }
        if widths.iter().any(|w| *w > MAX_WIDTH) {
            return false;
        }
        let rule = |out: &mut String, [left, fill, junction, right]: [char; 4]| {
            out.push(left);
            for (i, w) in widths.iter().enumerate() {
                if i > 0 {
                    out.push(junction);
                }
                out.extend(std::iter::repeat_n(fill, w + 2));
            }
            out.push(right);
        };
        rule(out, ['┌', '─', '┬', '┐']);
        for (r, (row, cells)) in rows().zip(cells.chunks(widths.len())).enumerate() {
            if cells.iter().all(Option::is_some) {
                // One line per cell.
                out.push_str("\n│");
                for (i, ((cell, width), w)) in row.iter().zip(cells).zip(&widths).enumerate() {
                    if i > 0 {
                        out.push('┆');
                    }
                    out.push(' ');
                    out.push_str(cell);
                    push_spaces(out, w - width.unwrap_or(0) + 1);
                }
                out.push('│');
            } else {
                let height = row.iter().map(|c| c.split('\n').count()).max().unwrap_or(0);
                let mut lines: Vec<_> = row.iter().map(|cell| cell.split('\n')).collect();
                for _ in 0..height {
                    out.push_str("\n│");
                    for (i, (cell, w)) in lines.iter_mut().zip(&widths).enumerate() {
                        if i > 0 {
                            out.push('┆');
                        }
                        let line = cell.next().unwrap_or("");
                        out.push(' ');
                        out.push_str(line);
                        push_spaces(out, w.saturating_sub(line_width(line)) + 1);
                    }
                    out.push('│');
                }
            }
            if r == 0 {
                out.push('\n');
                rule(out, ['╞', '═', '╪', '╡']);
            }
        }
        out.push('\n');
        rule(out, ['└', '─', '┴', '┘']);
        true
    }
}

/// Appends `n` spaces.
fn push_spaces(out: &mut String, mut n: usize) {
    const SPACES: &str = "                                                                ";
    while n > 0 {
        let k = n.min(SPACES.len());
        out.push_str(&SPACES[..k]);
        n -= k;
    }
}

/// Display width of one line of a cell, as comfy-table measures it (with
/// the unicode-width crate).
fn line_width(line: &str) -> usize {
    if line.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        line.len()
    } else {
        unicode_width::UnicodeWidthStr::width(line)
    }
}

/// Renders the summary. `width` fixes the table width (tests, pipes).
pub fn render(input: &Input<'_>, width: Option<u16>) -> String {
    let ev = input.eval;
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{} — readiness on {} (questionnaire {} {})\n",
        input.assessment.organisation,
        ev.today,
        input.questionnaire.id,
        input.questionnaire.version
    );
    frameworks(&mut o, input, width);
    if let Some(st) = &ev.scope.soc2_type {
        let _ = writeln!(
            o,
            "SOC 2 report to aim for: {}; categories: {}.",
            st.report,
            ev.scope.tsc_names().join(", ")
        );
        let _ = writeln!(o, "  {}\n", st.reason);
    }
    if !ev.scope.systems.is_empty() {
        systems(&mut o, input, width);
    }
    if ev.plan.items.is_empty() {
        o.push_str("No remediation items yet: answer gap questions to find gaps.\n");
        return o;
    }
    plan(&mut o, input, width);
    o
}

/// Readiness per framework.
fn frameworks(o: &mut String, input: &Input<'_>, width: Option<u16>) {
    let ev = input.eval;
    let mut t = Grid::new(&[
        "Framework",
        "Scope",
        "Met",
        "Progress",
        "Assessed",
        "Gaps",
        "Unknown",
    ]);
    for fr in &ev.analysis.frameworks {
        let scope = match ev.scope.framework(&fr.id) {
            Some(f) if f.in_scope && f.recommended => "recommended",
            Some(f) if f.in_scope => "in scope",
            _ => "out of scope",
        };
        if !fr.in_scope {
            let dash = || "—".into();
            t.row(vec![
                fr.short.as_str().into(),
                scope.into(),
                dash(),
                dash(),
                dash(),
                dash(),
                dash(),
            ]);
            continue;
        }
        let assessed = format!(
            "{:.0}% of {}",
            fr.counts.assessed_pct(),
            fr.counts.applicable
        );
        t.row(vec![
            fr.short.as_str().into(),
            scope.into(),
            pct(fr.met).into(),
            pct(fr.readiness).into(),
            assessed.into(),
            fr.counts.gap.to_string().into(),
            fr.counts.unknown.to_string().into(),
        ]);
    }
    t.draw(o, width);
    o.push_str("\n\n");
}

/// The Art 5 checks of a system: ruled out, prohibited, to confirm.
fn checks_summary(s: &SystemClass) -> String {
    let ruled_out = s.checks_in(CheckState::RuledOut) + s.checks_in(CheckState::Exception);
    let parts = [
        (ruled_out, "ruled out"),
        (s.checks_in(CheckState::Prohibited), "PROHIBITED"),
        (s.checks_in(CheckState::ToConfirm), "to confirm"),
    ];
    let parts: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    if parts.is_empty() {
        "—".into()
    } else {
        parts.join(", ")
    }
}

/// Each AI system's EU AI Act tier, roles, duties and Art 5 checks.
fn systems(o: &mut String, input: &Input<'_>, width: Option<u16>) {
    let mut t = Grid::new(&[
        "AI system",
        "EU AI Act tier",
        "Roles",
        "Duties",
        "In force now",
        "Next date",
        "Art. 5 checks",
    ]);
    for s in &input.eval.scope.systems {
        let in_force = s.duties().filter(|o| o.in_force).count();
        let next = s.next_date().map_or("—".into(), |d| d.to_string().into());
        let tier = if s.provisional {
            format!("{} (provisional)", s.tier.label()).into()
        } else {
            s.tier.label().into()
        };
        let roles: Vec<&str> = s.effective_roles.iter().map(String::as_str).collect();
        t.row(vec![
            s.name.as_str().into(),
            tier,
            roles.join(", ").into(),
            match s.conditional.len() {
                0 => s.duties().count().to_string().into(),
                c => format!("{} (+{c} if redesigned)", s.duties().count()).into(),
            },
            in_force.to_string().into(),
            next,
            checks_summary(s).into(),
        ]);
    }
    t.draw(o, width);
    o.push_str("\n\n");
}

/// The plan: a line with its size, the items, and where to start.
fn plan(o: &mut String, input: &Input<'_>, width: Option<u16>) {
    let plan = &input.eval.plan;
    let _ = write!(
        o,
        "Remediation plan: {} items, about {} of {} person-days left",
        plan.items.len(),
        super::csv::days(plan.remaining_days),
        plan.total_effort_days,
    );
    if let Some(d) = plan.finish {
        let _ = write!(o, ", done by {d} at each owner's pace");
    }
    o.push_str(".\n");
    let mut t = Grid::new(&["#", "Item", "Owner", "Scheduled", "Due", "Left", "After"]);
    for it in &plan.items {
        let done = super::done_to_verify(input.assessment, &it.id).is_some();
        let mut title = it.title.to_string();
        if let Some(r) = &it.at_risk {
            title.push_str(&format!(" (at risk, {} days late)", r.late_days));
        } else if it.overdue {
            title.push_str(" (overdue)");
        }
        if done {
            title.push_str(" (done, to verify)");
        }
        let after: Vec<String> = it
            .after
            .iter()
            .filter_map(|id| plan.items.iter().find(|x| x.id == *id))
            .map(|x| format!("#{}", x.rank))
            .collect();
        t.row(vec![
            it.rank.to_string().into(),
            title.into(),
            it.owner.as_str().into(),
            format!("{} to {}", it.start, it.finish).into(),
            it.due.map_or("—".into(), |d| d.to_string().into()),
            format!("{}d", super::csv::days(it.remaining_days)).into(),
            after.join(", ").into(),
        ]);
    }
    t.draw(o, width);
    o.push('\n');
    let now = plan.items.iter().filter(|i| i.phase == Phase::Now).count();
    if now > 0 {
        let _ = writeln!(
            o,
            "\nStart with the {now} item{} marked Now. `trustgap report FILE --format md` writes the full plan with steps, evidence and reasons.",
            if now == 1 { "" } else { "s" }
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What comfy-table draws when nothing limits the width.
    fn comfy(grid: &Grid<'_>) -> String {
        let mut t = Table::new();
        t.load_style(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .force_no_tty();
        t.set_header(grid.header);
        for row in &grid.rows {
            t.add_row(row);
        }
        t.to_string()
    }

    fn drawn(grid: &Grid<'_>) -> String {
        let mut out = String::new();
        assert!(grid.draw_unlimited(&mut out));
        out
    }

    const HEADER: &[&str] = &["#", "Phase", "", "Owner — role"];

    fn cell() -> impl Strategy<Value = String> {
        // Plain text, line breaks, and characters of every width class:
        // Latin, dashes, CJK (2), combining marks and zero-width (0),
        // emoji, tabs and escapes.
        proptest::string::string_regex(
            "([a-z ]|[A-Z0-9]|\n|ö|é|—|…|中|文|\u{301}|\u{200b}|🙂|\t|\u{1b}|\r){0,12}",
        )
        .unwrap()
    }

    proptest! {
        #[test]
        fn draws_like_comfy_table(rows in proptest::collection::vec(
            proptest::collection::vec(cell(), HEADER.len()),
            0..5,
        )) {
            let mut grid = Grid::new(HEADER);
            for r in &rows {
                grid.row(r.iter().map(|c| Cow::Borrowed(c.as_str())).collect());
            }
            prop_assert_eq!(drawn(&grid), comfy(&grid));
        }
    }

    #[test]
    fn draws_a_header_only_table_like_comfy_table() {
        let grid = Grid::new(&["Framework", "Scope"]);
        assert_eq!(drawn(&grid), comfy(&grid));
    }
}
