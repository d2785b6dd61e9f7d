//! The applied dates of a sheet, read as the sheet says: a date alone is
//! that local calendar day, a date with a time is that local wall time, an
//! instant with an offset (`…Z`, `+02:00`) is that instant. Numeric dates
//! whose order cannot be told (03/04/2026) need the user's date order;
//! dotted dates (03.04.2026) are day-first.

use super::read::Cell;
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// The order of day, month and year in numeric dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    Dmy,
    Mdy,
    Ymd,
}

impl FromStr for DateOrder {
    type Err = String;
    fn from_str(s: &str) -> Result<DateOrder, String> {
        match s.trim() {
            "dmy" => Ok(DateOrder::Dmy),
            "mdy" => Ok(DateOrder::Mdy),
            "ymd" => Ok(DateOrder::Ymd),
            other => Err(format!("{other:?} is not a date order: use dmy, mdy or ymd")),
        }
    }
}

/// A date as the sheet gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// A calendar day with no time: that local day.
    Day(NaiveDate),
    /// A local wall-clock time.
    Local(NaiveDateTime),
    /// An instant (the value carried its offset).
    Instant(DateTime<Utc>),
}

/// What reading one value gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    Ok(When),
    /// A numeric date whose day and month could be either way round.
    Ambiguous,
    Bad,
}

/// The order a numeric value proves, if any: `13/04/2026` is day-first,
/// `04/13/2026` month-first, `2026/04/13` year-first, dotted ones day-first.
pub fn proves(text: &str) -> Option<DateOrder> {
    let (parts, sep, _) = numeric(text)?;
    if parts[0] > 31 || parts[0] >= 1000 {
        return Some(DateOrder::Ymd);
    }
    if sep == '.' || parts[0] > 12 {
        return Some(DateOrder::Dmy);
    }
    if parts[1] > 12 {
        return Some(DateOrder::Mdy);
    }
    None
}

/// Splits `3/4/26`, `03-04-2026`, `3.4.2026` or `2026/04/03` (an optional
/// `, 9:05 AM` or ` 14:30` after it) into its three numbers, the separator
/// and the time.
fn numeric(text: &str) -> Option<([u32; 3], char, Option<NaiveTime>)> {
    let t = text.trim();
    let (date, time) = match t.find([' ', ',', 'T']) {
        Some(i) => (&t[..i], Some(t[i..].trim_start_matches([',', ' ', 'T']).trim())),
        None => (t, None),
    };
    let sep = date.chars().find(|c| matches!(c, '/' | '-' | '.'))?;
    let parts: Vec<&str> = date.trim_end_matches('.').split(sep).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let n = |i: usize| parts[i].parse::<u32>().ok();
    let time = match time.filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(clock(s)?),
    };
    Some(([n(0)?, n(1)?, n(2)?], sep, time))
}

/// `9:05 AM`, `21:05`, `21:05:30`.
fn clock(s: &str) -> Option<NaiveTime> {
    let s = s.trim().to_ascii_uppercase();
    for f in ["%I:%M %p", "%I:%M:%S %p", "%I:%M%p", "%H:%M:%S", "%H:%M"] {
        if let Ok(t) = NaiveTime::parse_from_str(&s, f) {
            return Some(t);
        }
    }
    None
}

fn year(y: u32) -> i32 {
    if y < 100 { 2000 + y as i32 } else { y as i32 }
}

/// Reads one applied-date cell with the date order `order` (when known).
pub fn parse(cell: &Cell, order: Option<DateOrder>) -> Parsed {
    let text = match cell {
        Cell::Empty => return Parsed::Bad,
        Cell::Date(d) if d.time() == NaiveTime::MIN => return Parsed::Ok(When::Day(d.date())),
        Cell::Date(d) => return Parsed::Ok(When::Local(*d)),
        Cell::Text(s) => s.trim(),
    };
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Parsed::Ok(When::Instant(t.with_timezone(&Utc)));
    }
    for f in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(d) = NaiveDateTime::parse_from_str(text, f) {
            return Parsed::Ok(When::Local(d));
        }
    }
    if let Some((p, _, time)) = numeric(text) {
        let order = if p[0] >= 1000 {
            DateOrder::Ymd
        } else {
            match proves(text).or(order) {
                Some(o) => o,
                None if p[0] == p[1] => DateOrder::Dmy,
                None => return Parsed::Ambiguous,
            }
        };
        let (y, m, d) = match order {
            DateOrder::Dmy => (p[2], p[1], p[0]),
            DateOrder::Mdy => (p[2], p[0], p[1]),
            DateOrder::Ymd => (p[0], p[1], p[2]),
        };
        return match NaiveDate::from_ymd_opt(year(y), m, d) {
            Some(day) => Parsed::Ok(match time {
                Some(t) => When::Local(day.and_time(t)),
                None => When::Day(day),
            }),
            None => Parsed::Bad,
        };
    }
    // Month names: 3 Oct 2026, Oct 3, 2026, October 3 2026, 03-Oct-26,
    // and JavaScript's `Sat Oct 03 2026 …`.
    let words = text.replace(',', " ");
    let words: Vec<&str> = words.split_whitespace().collect();
    let joined = words.join(" ");
    for f in ["%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y", "%d-%b-%Y", "%d-%b-%y", "%a %b %d %Y"] {
        let take = f.split(' ').count();
        let head = words.iter().take(take).copied().collect::<Vec<_>>().join(" ");
        for candidate in [joined.as_str(), head.as_str()] {
            if let Ok(d) = NaiveDate::parse_from_str(candidate, f) {
                return Parsed::Ok(When::Day(d));
            }
        }
    }
    Parsed::Bad
}

#[cfg(test)]
mod tests {
    use super::*;
    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }
    fn day(y: i32, m: u32, d: u32) -> Parsed {
        Parsed::Ok(When::Day(NaiveDate::from_ymd_opt(y, m, d).unwrap()))
    }

    #[test]
    fn numeric_dates_are_read_in_the_order_they_prove_or_are_given() {
        assert_eq!(parse(&t("2026-10-03"), None), day(2026, 10, 3));
        assert_eq!(parse(&t("03.04.2026"), None), day(2026, 4, 3));
        assert_eq!(parse(&t("13/04/2026"), None), day(2026, 4, 13));
        assert_eq!(parse(&t("04/13/2026"), None), day(2026, 4, 13));
        assert_eq!(parse(&t("03/04/2026"), None), Parsed::Ambiguous);
        assert_eq!(parse(&t("03/04/2026"), Some(DateOrder::Mdy)), day(2026, 3, 4));
        assert_eq!(parse(&t("03/04/2026"), Some(DateOrder::Dmy)), day(2026, 4, 3));
        assert_eq!(parse(&t("31/02/2026"), None), Parsed::Bad);
        assert_eq!(parse(&t("soon"), None), Parsed::Bad);
    }

    #[test]
    fn linkedin_dates_keep_their_local_time() {
        let want = NaiveDate::from_ymd_opt(2026, 10, 3).unwrap().and_hms_opt(21, 5, 0).unwrap();
        assert_eq!(parse(&t("10/3/26, 9:05 PM"), Some(DateOrder::Mdy)), Parsed::Ok(When::Local(want)));
    }

    #[test]
    fn month_names_and_instants() {
        assert_eq!(parse(&t("3 Oct 2026"), None), day(2026, 10, 3));
        assert_eq!(parse(&t("Oct 3, 2026"), None), day(2026, 10, 3));
        assert_eq!(parse(&t("Sat Oct 03 2026 00:00:00 GMT-0400 (Eastern Daylight Time)"), None), day(2026, 10, 3));
        match parse(&t("2026-10-03T14:00:00Z"), None) {
            Parsed::Ok(When::Instant(i)) => assert_eq!(i.to_rfc3339(), "2026-10-03T14:00:00+00:00"),
            other => panic!("{other:?}"),
        }
    }
}
