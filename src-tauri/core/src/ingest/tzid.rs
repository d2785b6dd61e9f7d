//! The zone of an invitation's local times (`DTSTART;TZID=…:20261120T140000`).
//!
//! In order:
//! 1. an IANA name the system's tz database has (`Europe/Berlin`, also with
//!    the `/mozilla.org/…/` style prefix some clients write);
//! 2. a Windows name as Outlook and Exchange write it (`W. Europe Standard
//!    Time`), through CLDR's windowsZones table (`windows_zones.txt`);
//! 3. otherwise the file's own `VTIMEZONE` of that name, computed from its
//!    `STANDARD`/`DAYLIGHT` rules (`TZOFFSETTO`, a yearly `RRULE` with
//!    `BYMONTH` and `BYDAY`, the local time of `DTSTART`).
//!
//! A name found nowhere is refused: a guessed zone would put the interview
//! at the wrong hour without a word.

use crate::zone::local_at;
use crate::zone::Tz;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};

const WINDOWS_ZONES: &str = include_str!("windows_zones.txt");

/// The IANA zone CLDR maps a Windows zone name to.
pub fn windows_to_iana(name: &str) -> Option<&'static str> {
    WINDOWS_ZONES
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .find(|(w, _)| w.eq_ignore_ascii_case(name.trim()))
        .map(|(_, iana)| iana)
}

/// One observance of a VTIMEZONE: from its transition on, local time is UTC + `offset`.
#[derive(Debug, Clone, PartialEq)]
pub struct Observance {
    /// Seconds east of UTC after the transition (`TZOFFSETTO`).
    pub offset: i32,
    /// Seconds east of UTC before it (`TZOFFSETFROM`).
    pub offset_from: i32,
    /// The first transition, local time before it (`DTSTART`).
    pub start: NaiveDateTime,
    /// A yearly rule: the month and the nth (negative: from the end) weekday.
    pub yearly: Option<(u32, i32, Weekday)>,
}

impl Observance {
    /// The transition of `year`, in local time before it.
    fn transition(&self, year: i32) -> Option<NaiveDateTime> {
        match self.yearly {
            None => (self.start.year() <= year).then_some(self.start),
            Some((month, nth, wd)) => {
                let day = nth_weekday(year, month, nth, wd)?;
                (year >= self.start.year()).then(|| day.and_time(self.start.time()))
            }
        }
    }
}

fn nth_weekday(year: i32, month: u32, nth: i32, wd: Weekday) -> Option<NaiveDate> {
    if nth > 0 {
        NaiveDate::from_weekday_of_month_opt(year, month, wd, nth as u8)
    } else {
        let next = if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, month + 1, 1) }?;
        let mut d = next.pred_opt()?;
        while d.weekday() != wd {
            d = d.pred_opt()?;
        }
        let back = (-nth - 1) as i64 * 7;
        d.checked_sub_signed(Duration::days(back)).filter(|x| x.month() == month)
    }
}

/// Where an invitation's local times are.
#[derive(Debug, Clone, PartialEq)]
pub enum Zone {
    Iana(Tz),
    /// Computed from the file's VTIMEZONE.
    Rules(Vec<Observance>),
}

impl Zone {
    pub fn to_utc(&self, local: NaiveDateTime) -> DateTime<Utc> {
        match self {
            Zone::Iana(tz) => local_at(local.date(), local.time(), *tz),
            Zone::Rules(obs) => {
                // The observance whose latest transition at or before `local` is the latest.
                let year = local.year();
                let best = obs
                    .iter()
                    .filter_map(|o| {
                        [year, year - 1]
                            .into_iter()
                            .filter_map(|y| o.transition(y))
                            .find(|t| *t <= local)
                            .map(|t| (t, o.offset))
                    })
                    .max_by_key(|(t, _)| *t)
                    .map(|(_, off)| off)
                    .or_else(|| obs.iter().min_by_key(|o| o.start).map(|o| o.offset_from))
                    .unwrap_or(0);
                (local - Duration::seconds(best as i64)).and_utc()
            }
        }
    }
}

/// Resolves `tzid`; `vtimezone` gives the file's rules for a name, if any.
pub fn resolve(tzid: &str, vtimezone: impl Fn(&str) -> Option<Vec<Observance>>) -> Result<Zone, String> {
    let name = tzid.trim().trim_matches('"');
    let iana = name.rsplit_once("/mozilla.org/").map_or(name, |(_, rest)| rest).trim_start_matches('/');
    if let Ok(tz) = iana.parse::<Tz>() {
        return Ok(Zone::Iana(tz));
    }
    // Some writers name the zone by a path with the IANA name at its end.
    let tail: Vec<&str> = iana.split('/').collect();
    if tail.len() > 2 {
        if let Ok(tz) = tail[tail.len() - 2..].join("/").parse::<Tz>() {
            return Ok(Zone::Iana(tz));
        }
    }
    if let Some(tz) = windows_to_iana(name).and_then(|z| z.parse::<Tz>().ok()) {
        return Ok(Zone::Iana(tz));
    }
    match vtimezone(tzid) {
        Some(obs) if !obs.is_empty() => Ok(Zone::Rules(obs)),
        _ => Err(format!("the time zone {name:?} is neither a known zone nor described in the file")),
    }
}

/// `+0100`, `-0530`, `+013045` → seconds east of UTC.
pub fn utc_offset(s: &str) -> Option<i32> {
    let s = s.trim();
    let (sign, digits) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    if !(digits.len() == 4 || digits.len() == 6) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |a: usize| digits.get(a..a + 2).and_then(|x| x.parse::<i32>().ok()).unwrap_or(0);
    Some(sign * (n(0) * 3600 + n(2) * 60 + n(4)))
}

/// `FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU` → (10, -1, Sunday).
pub fn yearly_rule(rrule: &str) -> Option<(u32, i32, Weekday)> {
    let mut freq = None;
    let mut month = None;
    let mut byday = None;
    for part in rrule.split(';') {
        match part.split_once('=')? {
            ("FREQ", f) => freq = Some(f),
            ("BYMONTH", m) => month = m.parse::<u32>().ok(),
            ("BYDAY", d) => byday = Some(d),
            _ => {}
        }
    }
    if freq? != "YEARLY" {
        return None;
    }
    let d = byday?;
    let (n, wd) = d.split_at(d.len().checked_sub(2)?);
    let wd = match wd {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    };
    let n = if n.is_empty() { 1 } else { n.trim_start_matches('+').parse::<i32>().ok()? };
    Some((month?, n, wd))
}

/// `20261120T140000` (optionally with `Z`, which the caller has checked).
pub fn local_datetime(v: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(v.trim_end_matches('Z'), "%Y%m%dT%H%M%S").ok()
}

pub fn date(v: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(v, "%Y%m%d").ok()
}

pub fn at(d: NaiveDate, h: u32) -> NaiveDateTime {
    d.and_time(NaiveTime::from_hms_opt(h, 0, 0).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(s: &str) -> NaiveDateTime {
        local_datetime(s).unwrap()
    }

    #[test]
    fn windows_names_map_to_iana_zones() {
        assert_eq!(windows_to_iana("W. Europe Standard Time"), Some("Europe/Berlin"));
        assert_eq!(windows_to_iana("pacific standard time"), Some("America/Los_Angeles"));
        assert_eq!(windows_to_iana("Nowhere Standard Time"), None);
        // Every zone of the table exists in the system's tz database.
        for l in WINDOWS_ZONES.lines().filter(|l| !l.starts_with('#')) {
            let (_, iana) = l.split_once('\t').unwrap();
            assert!(iana.parse::<Tz>().is_ok(), "{iana}");
        }
    }

    #[test]
    fn rules_from_a_vtimezone_give_the_offset_of_the_season() {
        // Outlook's "(UTC+01:00) Amsterdam, Berlin…": last Sunday of March / October.
        let rules = Zone::Rules(vec![
            Observance { offset: 3600, offset_from: 7200, start: local("16010101T030000"), yearly: yearly_rule("FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10") },
            Observance { offset: 7200, offset_from: 3600, start: local("16010101T020000"), yearly: yearly_rule("FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3") },
        ]);
        let berlin = Zone::Iana(Tz::named("Europe/Berlin"));
        for t in ["20261120T140000", "20260715T090000", "20260329T013000", "20260329T040000", "20261025T040000", "20270101T000000"] {
            assert_eq!(rules.to_utc(local(t)), berlin.to_utc(local(t)), "{t}");
        }
        assert_eq!(nth_weekday(2026, 3, -1, Weekday::Sun), NaiveDate::from_ymd_opt(2026, 3, 29));
        assert_eq!(nth_weekday(2026, 11, 1, Weekday::Sun), NaiveDate::from_ymd_opt(2026, 11, 1));
        assert_eq!(nth_weekday(2026, 3, 2, Weekday::Sun), NaiveDate::from_ymd_opt(2026, 3, 8));
    }

    #[test]
    fn names_resolve_in_order_and_unknown_ones_are_refused() {
        let none = |_: &str| None;
        assert_eq!(resolve("Europe/Paris", none), Ok(Zone::Iana(Tz::named("Europe/Paris"))));
        assert_eq!(resolve("/mozilla.org/20050126_1/America/New_York", none), Ok(Zone::Iana(Tz::named("America/New_York"))));
        assert_eq!(resolve("\"Romance Standard Time\"", none), Ok(Zone::Iana(Tz::named("Europe/Paris"))));
        assert!(resolve("Customized Time Zone", none).unwrap_err().contains("Customized Time Zone"));
        let fixed = |_: &str| Some(vec![Observance { offset: 19800, offset_from: 19800, start: local("16010101T000000"), yearly: None }]);
        let z = resolve("Customized Time Zone", fixed).unwrap();
        assert_eq!(z.to_utc(local("20261120T140000")).to_rfc3339(), "2026-11-20T08:30:00+00:00");
        assert_eq!(utc_offset("-0530"), Some(-19800));
        assert_eq!(utc_offset("0100"), None);
    }
}
