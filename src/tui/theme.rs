//! Styles. Named ANSI colours only (the terminal's palette decides the exact
//! shade, so they read on dark and light themes), never a fixed background,
//! and nothing but bold, reverse and underline when `NO_COLOR` is set.

use ratatui::style::{Color, Modifier, Style};

use crate::assessment::Status;
use crate::engine::Coverage;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty.
    pub fn from_env() -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }

    pub fn plain(self) -> Style {
        Style::default()
    }

    pub fn bold(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn heading(self) -> Style {
        self.fg(Color::Blue).add_modifier(Modifier::BOLD)
    }

    pub fn dim(self) -> Style {
        Style::default().add_modifier(Modifier::DIM)
    }

    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn selected(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    pub fn tab_active(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn border(self) -> Style {
        self.fg(Color::Blue)
    }

    pub fn border_focus(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn ok(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn warn(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn bad(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn error(self) -> Style {
        if self.color {
            self.fg(Color::Red).add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    pub fn badge(self, framework: &str) -> Style {
        let c = match framework {
            "soc2" => Color::Blue,
            "iso42001" => Color::Magenta,
            "euaiact" => Color::Yellow,
            "nist-ai-rmf" => Color::Green,
            _ => Color::Cyan,
        };
        self.fg(c).add_modifier(Modifier::BOLD)
    }

    pub fn status(self, s: Status) -> Style {
        match s {
            Status::Implemented => self.ok(),
            Status::Partial => self.warn(),
            Status::Missing => self.bad(),
            Status::NotApplicable => self.dim(),
            Status::DontKnow => self.fg(Color::Magenta),
        }
    }

    pub fn coverage(self, c: Coverage) -> Style {
        match c {
            Coverage::Covered => self.ok(),
            Coverage::Partial => self.warn(),
            Coverage::Gap => self.bad(),
            Coverage::Unknown => self.fg(Color::Magenta),
            _ => self.dim(),
        }
    }

    /// Colour of a readiness bar.
    pub fn readiness(self, pct: Option<f64>) -> Style {
        match pct {
            None => self.dim(),
            Some(p) if p >= 70.0 => self.ok(),
            Some(p) if p >= 40.0 => self.fg(Color::Yellow),
            Some(_) => self.fg(Color::Red),
        }
    }
}
