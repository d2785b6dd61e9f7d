//! The text ↔ value conversions of the store: instants as fixed-width
//! RFC 3339 UTC text (so that text order is time order), and the wire
//! names of the model's enums, read back with an SQLite conversion error
//! when a stored value is not one this version knows.

use super::*;

/// Instants are stored as fixed-width RFC 3339 UTC text, so that text order
/// is time order.
pub fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub(super) fn parse_ts(s: &str) -> rusqlite::Result<DateTime<Utc>> {
    if let Some(t) = parse_stored_ts(s).or_else(|| parse_signed_ts(s)) {
        return Ok(t);
    }
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

/// The one form `ts` writes, `2026-11-26T10:00:00Z`, read without the
/// general RFC 3339 parser: the agenda reads two per follow-up, 20,000 at a
/// time at the worst (benches/agenda.rs). Anything else: `None`.
pub(super) fn parse_stored_ts(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    if b.len() != 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' || b[19] != b'Z' {
        return None;
    }
    let n = |from: usize, len: usize| -> Option<u32> {
        b[from..from + len].iter().try_fold(0u32, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
    };
    let date = chrono::NaiveDate::from_ymd_opt(n(0, 4)? as i32, n(5, 2)?, n(8, 2)?)?;
    let time = chrono::NaiveTime::from_hms_opt(n(11, 2)?, n(14, 2)?, n(17, 2)?)?;
    Some(date.and_time(time).and_utc())
}

/// `+10000-01-01T08:00:00Z`: what `ts` wrote for a year past 9999 before
/// such instants were kept out of the store. Read, so that a database that
/// holds one still opens.
pub(super) fn parse_signed_ts(s: &str) -> Option<DateTime<Utc>> {
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let (year, rest) = rest.split_once('-')?;
    let year: i32 = year.parse().ok()?;
    let t = DateTime::parse_from_rfc3339(&format!("2000-{rest}")).ok()?.with_timezone(&Utc);
    let date = chrono::NaiveDate::from_ymd_opt(sign * year, t.month(), t.day())?;
    Some(date.and_time(t.time()).and_utc())
}

/// Whether `ts` writes `t` in its fixed-width form (years 0000–9999), whose
/// text order is time order.
pub(super) fn storable(t: DateTime<Utc>) -> bool {
    (0..=9999).contains(&t.year())
}

pub(super) fn parse_opt_ts(s: Option<String>) -> rusqlite::Result<Option<DateTime<Utc>>> {
    s.as_deref().map(parse_ts).transpose()
}

pub(super) fn parse_wire<T: std::str::FromStr<Err = String>>(s: &str) -> rusqlite::Result<T> {
    s.parse::<T>().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
    })
}
