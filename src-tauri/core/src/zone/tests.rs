use super::*;
use chrono::{DateTime, Utc};

#[test]
fn reads_the_forms_tz_takes() {
    assert_eq!(parse_tz_env("Europe/Berlin"), Some(Tz::named("Europe/Berlin")));
    assert_eq!(parse_tz_env(":America/New_York"), Some(Tz::named("America/New_York")));
    assert_eq!(parse_tz_env("/usr/share/zoneinfo/Pacific/Auckland"), Some(Tz::named("Pacific/Auckland")));
    assert_eq!(parse_tz_env("UTC"), Some(Tz::UTC));
    assert_eq!(parse_tz_env(""), None);
    assert_eq!(parse_tz_env("Not/AZone"), None);
}

#[test]
fn names_outside_the_database_are_refused_with_the_reason() {
    for bad in ["../../etc/passwd", "/etc/localtime", "Europe//Berlin", "Europe/Berlin\n", "Not/AZone", ""] {
        let e = bad.parse::<Tz>().unwrap_err();
        assert!(!e.0.is_empty(), "{bad:?}");
    }
    assert!("Europe/Berlin".parse::<Tz>().is_ok());
}

fn at(tz: Tz, rfc3339: &str) -> (i32, String) {
    let t: DateTime<Utc> = rfc3339.parse().unwrap();
    let o = tz.offset_from_utc_datetime(&t.naive_utc());
    (o.fix().local_minus_utc(), o.to_string())
}

/// The POSIX TZ rules of TZif footers, as jiff reads them (the rules zone.rs
/// once parsed itself): the same cases as before the move to jiff.
struct Rule(jiff::tz::TimeZone);

struct Local {
    off: i32,
    abbr: &'static str,
}

impl Rule {
    fn parse(s: &str) -> Result<Rule, jiff::Error> {
        jiff::tz::TimeZone::posix(s).map(Rule)
    }
    fn at(&self, t: i64) -> Local {
        let info = self.0.to_offset_info(jiff::Timestamp::from_second(t).unwrap());
        Local { off: info.offset().seconds(), abbr: Box::leak(info.abbreviation().to_owned().into_boxed_str()) }
    }
}

#[test]
fn posix_footers_parse_and_apply() {
    let r = Rule::parse("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
    let ts = |s: &str| s.parse::<DateTime<Utc>>().unwrap().timestamp();
    // 2031 (after the transitions a fat file lists up to 2037 this is the footer's job
    // for slim files): last Sunday of March 01:00 UTC, last Sunday of October 01:00 UTC.
    assert_eq!(r.at(ts("2031-03-30T00:59:59Z")).off, 3600);
    assert_eq!(r.at(ts("2031-03-30T01:00:00Z")).off, 7200);
    assert_eq!(r.at(ts("2031-10-26T00:59:59Z")).off, 7200);
    assert_eq!(r.at(ts("2031-10-26T01:00:00Z")).off, 3600);
    // Southern hemisphere: DST across the new year.
    let nz = Rule::parse("NZST-12NZDT,M9.5.0,M4.1.0/3").unwrap();
    assert_eq!(nz.at(ts("2040-01-15T00:00:00Z")).abbr, "NZDT");
    assert_eq!(nz.at(ts("2040-06-15T00:00:00Z")).abbr, "NZST");
    // Quoted names, no DST.
    let apia = Rule::parse("<+13>-13").unwrap();
    assert_eq!((apia.at(0).off, apia.at(0).abbr), (13 * 3600, "+13"));
    // Times beyond 24 h and negative ones (RFC 8536 §3.3.1).
    let jerusalem = Rule::parse("IST-2IDT,M3.4.4/26,M10.5.0").unwrap();
    // 4th Thursday of March 2040 is the 22nd; "26:00" is Friday 02:00 local, 00:00 UTC.
    assert_eq!(jerusalem.at(ts("2040-03-22T23:59:59Z")).off, 7200);
    assert_eq!(jerusalem.at(ts("2040-03-23T00:00:00Z")).off, 10800);
    // Last Sunday of March 2040 is the 25th; "-1:00" is Saturday 23:00 local (UTC-2), 01:00 UTC.
    let nuuk = Rule::parse("<-02>2<-01>,M3.5.0/-1,M10.5.0/0").unwrap();
    assert_eq!(nuuk.at(ts("2040-03-25T00:59:59Z")).off, -7200);
    assert_eq!(nuuk.at(ts("2040-03-25T01:00:00Z")).off, -3600);
    // Permanent DST written as a whole-year rule.
    let all_year = Rule::parse("EST5EDT,0/0,J365/25").unwrap();
    assert_eq!(all_year.at(ts("2040-07-01T00:00:00Z")).abbr, "EDT");
    assert_eq!(all_year.at(ts("2040-01-01T12:00:00Z")).abbr, "EDT");
    for bad in ["", "C", "CET", "CET-1CEST,M3.5.0", "CET-1CEST,M13.5.0,M10.5.0", "CET-1CEST,M3.5.0,M10.5.0/3x", "<CET-1"] {
        assert!(Rule::parse(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn the_system_database_gives_known_offsets() {
    let berlin = Tz::named("Europe/Berlin");
    assert_eq!(at(berlin, "2026-11-26T10:00:00Z"), (3600, "CET".into()));
    assert_eq!(at(berlin, "2026-07-01T10:00:00Z"), (7200, "CEST".into()));
    // Far past the transitions a fat file lists: the footer.
    assert_eq!(at(berlin, "2090-07-01T10:00:00Z"), (7200, "CEST".into()));
    assert_eq!(at(Tz::named("Asia/Kolkata"), "2026-01-01T00:00:00Z").0, 19_800);
    assert_eq!(at(Tz::named("Pacific/Auckland"), "2027-01-01T00:00:00Z").0, 13 * 3600);
    assert_eq!(at(Tz::UTC, "2027-01-01T00:00:00Z"), (0, "UTC".into()));
}

#[test]
fn local_times_in_gaps_and_overlaps_resolve_like_chrono() {
    let berlin = Tz::named("Europe/Berlin");
    let local = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    // Spring forward: 02:30 does not exist on 29 March 2026.
    assert!(matches!(berlin.from_local_datetime(&local("2026-03-29 02:30")), MappedLocalTime::None));
    // Fall back: 02:30 happens twice on 25 October 2026, CEST first.
    match berlin.from_local_datetime(&local("2026-10-25 02:30")) {
        MappedLocalTime::Ambiguous(a, b) => {
            assert_eq!(a.to_rfc3339(), "2026-10-25T02:30:00+02:00");
            assert_eq!(b.to_rfc3339(), "2026-10-25T02:30:00+01:00");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(berlin.from_local_datetime(&local("2026-11-26 09:00")).single().unwrap().to_rfc3339(), "2026-11-26T09:00:00+01:00");
}

/// The same answers as chrono-tz (the compiled-in copy of the tz database
/// the rules were first written against) for zones whose rules have not
/// changed in years: every 6 hours from 1995 to 2060, and every local
/// quarter-hour around each change.
#[test]
fn agrees_with_chrono_tz_on_settled_zones() {
    let zones = [
        "Europe/Berlin", "Europe/London", "Europe/Dublin", "America/New_York", "America/Los_Angeles",
        "America/St_Johns", "America/Santiago", "Pacific/Auckland", "Pacific/Chatham", "Australia/Sydney",
        "Australia/Lord_Howe", "Asia/Kolkata", "Asia/Kathmandu", "Asia/Tokyo", "Africa/Johannesburg",
        "Pacific/Apia", "Etc/GMT+12", "Etc/GMT-14", "UTC",
    ];
    let from = "1995-01-01T00:00:00Z".parse::<DateTime<Utc>>().unwrap().timestamp();
    let to = "2060-01-01T00:00:00Z".parse::<DateTime<Utc>>().unwrap().timestamp();
    for name in zones {
        let ours: Tz = name.parse().unwrap_or_else(|e| panic!("{name}: {e}"));
        let theirs: chrono_tz::Tz = name.parse().unwrap();
        let mut t = from;
        let mut prev = None;
        while t < to {
            let utc = DateTime::from_timestamp(t, 0).unwrap().naive_utc();
            let a = ours.offset_from_utc_datetime(&utc).fix();
            let b = theirs.offset_from_utc_datetime(&utc).fix();
            assert_eq!(a, b, "{name} at {utc}");
            if prev.is_some_and(|p| p != a) {
                // Around a change: every local quarter-hour over a day.
                let mut l = t - 86_400;
                while l < t + 86_400 {
                    let local = DateTime::from_timestamp(l, 0).unwrap().naive_utc();
                    let x = ours.from_local_datetime(&local).map(|d| d.timestamp());
                    let y = theirs.from_local_datetime(&local).map(|d| d.timestamp());
                    assert_eq!(format!("{x:?}"), format!("{y:?}"), "{name} local {local}");
                    l += 900;
                }
            }
            prev = Some(a);
            t += 6 * 3600;
        }
    }
}
