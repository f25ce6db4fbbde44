//! Dates and timestamps in the assessment file: TOML's own date-times
//! (never quoted strings), with an error that shows the expected form.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::de::{Deserialize, Deserializer, Error};
use toml::Value as Toml;
use toml::value::Datetime;

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
        Toml::Datetime(dt) if dt.offset.is_some() => dt.to_string().parse().ok().map(Some),
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
