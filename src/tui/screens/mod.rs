//! The screens, one module each, every one a `draw(app, frame, area)`
//! called by the view for the body of the frame.

pub mod plan;
pub mod question;
pub mod results;
pub mod sections;
pub mod soa;
pub mod start;
pub mod workshop;
