//! The full-screen wizard (ratatui over crossterm, alternate screen).
//!
//! One state value ([`App`]); [`update`] changes it in response to one event
//! and returns file work as [`Effect`]s, which [`effects::perform`] carries
//! out; [`view`] draws it as a pure function of the state and the frame size.
//! The runtime in `term` owns the terminal and restores it on every exit
//! path. All words live in [`strings`].

pub mod app;
pub mod effects;
pub mod input;
mod overlays;
mod screens;
pub mod strings;
mod term;
pub mod text;
pub mod theme;
pub mod update;
pub mod view;
mod widgets;

pub use app::{App, Doc, Effect, Overlay, QRef, Screen};
pub use term::{Start, prepare, restore, run};
pub use theme::Theme;
pub use update::update;
pub use view::view;
