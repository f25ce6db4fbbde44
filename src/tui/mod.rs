//! The full-screen wizard (ratatui over crossterm, alternate screen).
//!
//! One state value ([`App`]); [`update`] changes it in response to one event
//! and returns file work as [`Effect`]s, which [`effects::perform`] carries
//! out; [`view`] draws it as a pure function of the state and the frame size.
//! The runtime in `term` owns the terminal and restores it on every exit
//! path. All words live in [`strings`].
//!
//! Imports run one way, from the top of this list down:
//! - `term`: the runtime; `effects`: file work.
//! - `update/`: one key handler per screen and dialog; `view` with
//!   `screens/` (one module per screen) and `overlays` (the dialogs).
//! - `widgets`: drawing pieces shared by the screens and dialogs.
//! - `app`: the state.
//! - `input` (a one-line editor), `text` (display width, wrapping),
//!   `theme`, `strings`.

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
