//! Dates and timestamps in the assessment file: TOML's own date-times
//! (never quoted strings), with an error that shows the expected form.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::de::{Deserialize, Deserializer, Error};
use toml::Value as Toml;
use toml::value::{Datetime, Offset};

/// An optional field holding a plain date (`target = 2027-03-31`).
pub(crate) fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    match Toml::deserialize(d)? {
        Toml::Datetime(dt) => plain_date(&dt).map(Some),
        _ => None,
    }
    .ok_or_else(|| D::Error::custom("expected a date like 2027-03-31 (no quotes, no time)"))
}

/// An optional field holding a UTC timestamp (`updated = 2026-11-23T10:15:00Z`).
pub(crate) fn timestamp<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
    match Toml::deserialize(d)? {
        Toml::Datetime(dt) if dt.offset.is_some() => instant(&dt)
            .or_else(|| dt.to_string().parse().ok())
            .map(Some),
        _ => None,
    }
    .ok_or_else(|| {
        D::Error::custom("expected a UTC timestamp like 2026-11-23T10:15:00Z (no quotes)")
    })
}

/// A plain date (no time) as a calendar date.
pub(crate) fn plain_date(dt: &Datetime) -> Option<Date> {
    match (dt.date, dt.time) {
        (Some(d), None) => Date::new(d.year as i16, d.month as i8, d.day as i8).ok(),
        _ => None,
    }
}

/// The instant an offset date-time names, built from its parts (leap
/// seconds and anything unusual are left to jiff's parser).
fn instant(dt: &Datetime) -> Option<Timestamp> {
    let (d, t) = (dt.date?, dt.time?);
    let second = t.second.filter(|s| *s < 60)?;
    let civil = jiff::civil::DateTime::new(
        d.year as i16,
        d.month as i8,
        d.day as i8,
        t.hour as i8,
        t.minute as i8,
        second as i8,
        t.nanosecond.unwrap_or(0) as i32,
    )
    .ok()?;
    let offset = match dt.offset? {
        Offset::Z => jiff::tz::Offset::UTC,
        Offset::Custom { minutes } => {
            jiff::tz::Offset::from_seconds(i32::from(minutes) * 60).ok()?
        }
    };
    offset.to_timestamp(civil).ok()
}
