//! An invitation (`.ics`) read into an [`Invitation`].
//!
//! The `icalendar` crate unfolds the lines and splits properties and
//! parameters; this module picks the first `VEVENT` and reads:
//! - `METHOD` (calendar) and `STATUS`: `CANCEL` / `CANCELLED` cancel;
//! - `UID` and `SEQUENCE` (0 when absent): a later invitation with the same
//!   UID and a higher SEQUENCE moves the interview it made;
//! - `DTSTART` / `DTEND` (or `DURATION`): `…Z` is UTC; `TZID=` goes through
//!   [`super::tzid`]; a floating time (neither) is the user's local time; an
//!   all-day event (`VALUE=DATE`) is taken as 09:00–17:00 local on its first
//!   day. With neither an end nor a duration it lasts an hour;
//! - `ORGANIZER` and `ATTENDEE` (`CN=` and the `mailto:` address), rooms
//!   and resources (`CUTYPE=ROOM|RESOURCE`) left out;
//! - the format from `LOCATION`, `DESCRIPTION`, `URL` and the conference
//!   properties Google and Teams add ([`format_of`]).

use super::tzid::{self, Observance, Zone};
use super::{Invitation, Method, Person};
use crate::model::{CalendarRef, InterviewFormat};
use crate::zone::Tz;
use chrono::{DateTime, Duration, Utc};
use icalendar::parser::{read_calendar, unfold, Component, Property};

fn param<'a>(p: &'a Property, key: &str) -> Option<&'a str> {
    p.params.iter().find(|x| x.key.as_str().eq_ignore_ascii_case(key)).and_then(|x| x.val.as_ref()).map(|v| v.as_str())
}

fn prop<'a>(c: &'a Component, name: &str) -> Option<&'a Property<'a>> {
    c.properties.iter().find(|p| p.name.as_str().eq_ignore_ascii_case(name))
}

fn text(c: &Component, name: &str) -> String {
    prop(c, name).map(|p| p.val.clone().unescape_text().as_str().trim().to_owned()).unwrap_or_default()
}

fn person(p: &Property) -> Option<Person> {
    let addr = p.val.as_str().trim();
    let email = addr.get(..7).filter(|s| s.eq_ignore_ascii_case("mailto:")).map(|_| &addr[7..]).unwrap_or(addr);
    let email = param(p, "EMAIL").unwrap_or(email);
    if !email.contains('@') {
        return None;
    }
    Some(Person::new(param(p, "CN"), email))
}

pub fn parse(input: &str, local: Tz) -> Result<Invitation, String> {
    let unfolded = unfold(input);
    let cal = read_calendar(&unfolded).map_err(|e| {
        format!("this calendar file cannot be read ({})", e.lines().find(|l| !l.trim().is_empty() && l.trim() != "error:").unwrap_or("bad syntax").trim())
    })?;
    let method = cal
        .properties
        .iter()
        .find(|p| p.name.as_str().eq_ignore_ascii_case("METHOD"))
        .map(|p| p.val.as_str().trim().to_ascii_uppercase());
    let ev = cal
        .components
        .iter()
        .find(|c| c.name.as_str().eq_ignore_ascii_case("VEVENT"))
        .ok_or("this calendar file holds no event (VEVENT)")?;
    if let Some(m) = method.as_deref().filter(|m| !matches!(*m, "REQUEST" | "PUBLISH" | "CANCEL")) {
        return Err(format!("this calendar file is a {m} (an answer to an invitation), not an invitation"));
    }
    let cancelled = method.as_deref() == Some("CANCEL") || text(ev, "STATUS").eq_ignore_ascii_case("CANCELLED");
    let uid = text(ev, "UID");
    if uid.is_empty() {
        return Err("this invitation has no UID, so a later change could not find it".into());
    }
    let sequence = match prop(ev, "SEQUENCE") {
        None => 0,
        Some(p) => p.val.as_str().trim().parse::<u32>().map_err(|_| format!("SEQUENCE {:?} is not a number", p.val.as_str()))?,
    };
    let vtimezone = |name: &str| -> Option<Vec<Observance>> {
        let tz = cal.components.iter().find(|c| c.name.as_str().eq_ignore_ascii_case("VTIMEZONE") && text(c, "TZID") == name)?;
        let obs = tz.components.iter().filter_map(|o| {
            Some(Observance {
                offset: tzid::utc_offset(prop(o, "TZOFFSETTO")?.val.as_str())?,
                offset_from: prop(o, "TZOFFSETFROM").and_then(|p| tzid::utc_offset(p.val.as_str())).unwrap_or(0),
                start: tzid::local_datetime(prop(o, "DTSTART")?.val.as_str())?,
                yearly: prop(o, "RRULE").and_then(|p| tzid::yearly_rule(p.val.as_str())),
            })
        });
        Some(obs.collect())
    };
    let start = prop(ev, "DTSTART").ok_or("this invitation has no start time (DTSTART)")?;
    let (starts_at, all_day) = instant(start, local, &vtimezone, false)?;
    let ends_at = match (prop(ev, "DTEND"), prop(ev, "DURATION")) {
        _ if all_day => instant(start, local, &vtimezone, true)?.0,
        (Some(end), _) => instant(end, local, &vtimezone, false)?.0,
        (None, Some(d)) => starts_at + duration(d.val.as_str()).ok_or_else(|| format!("DURATION {:?} is not a duration like PT45M", d.val.as_str()))?,
        (None, None) => starts_at + Duration::hours(1),
    };
    if ends_at < starts_at {
        return Err("this invitation ends before it starts".into());
    }
    let attendees = ev
        .properties
        .iter()
        .filter(|p| p.name.as_str().eq_ignore_ascii_case("ATTENDEE"))
        .filter(|p| !param(p, "CUTYPE").is_some_and(|t| t.eq_ignore_ascii_case("ROOM") || t.eq_ignore_ascii_case("RESOURCE")))
        .filter_map(person)
        .collect();
    let description = text(ev, "DESCRIPTION");
    let mut places = vec![text(ev, "LOCATION"), description.clone(), text(ev, "URL")];
    for extra in ["X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-MICROSOFT-ONLINEMEETINGCONFLINK"] {
        places.push(text(ev, extra));
    }
    Ok(Invitation {
        method: if cancelled { Method::Cancel } else { Method::Request },
        calendar: CalendarRef { uid, sequence },
        summary: text(ev, "SUMMARY"),
        starts_at,
        ends_at,
        format: format_of(&places),
        organizer: prop(ev, "ORGANIZER").and_then(person),
        attendees,
        description,
    })
}

/// A DTSTART or DTEND as an instant; `true` when it is a date (all day).
/// `end_of_day` gives 17:00 instead of 09:00 for a date.
fn instant(
    p: &Property,
    local: Tz,
    vtimezone: &dyn Fn(&str) -> Option<Vec<Observance>>,
    end_of_day: bool,
) -> Result<(DateTime<Utc>, bool), String> {
    let v = p.val.as_str().trim();
    let bad = || format!("{} {v:?} is not a date-time like 20261120T140000", p.name.as_str());
    let is_date = param(p, "VALUE").is_some_and(|t| t.eq_ignore_ascii_case("DATE")) || (v.len() == 8 && !v.contains('T'));
    if is_date {
        let d = tzid::date(v).ok_or_else(bad)?;
        let at = tzid::at(d, if end_of_day { 17 } else { 9 });
        return Ok((Zone::Iana(local).to_utc(at), true));
    }
    let naive = tzid::local_datetime(v).ok_or_else(bad)?;
    if v.ends_with('Z') {
        return Ok((naive.and_utc(), false));
    }
    let zone = match param(p, "TZID") {
        Some(name) => tzid::resolve(name, vtimezone)?,
        None => Zone::Iana(local),
    };
    Ok((zone.to_utc(naive), false))
}

/// `PT45M`, `PT1H30M`, `P1D`, `P1W` (RFC 5545 §3.3.6).
fn duration(v: &str) -> Option<Duration> {
    let v = v.trim().trim_start_matches('+');
    let rest = v.strip_prefix('P')?;
    let mut total = Duration::zero();
    let mut n = String::new();
    let mut in_time = false;
    for ch in rest.chars() {
        match ch {
            'T' => in_time = true,
            '0'..='9' => n.push(ch),
            unit => {
                let k: i64 = n.parse().ok()?;
                n.clear();
                total += match (unit, in_time) {
                    ('W', false) => Duration::weeks(k),
                    ('D', false) => Duration::days(k),
                    ('H', true) => Duration::hours(k),
                    ('M', true) => Duration::minutes(k),
                    ('S', true) => Duration::seconds(k),
                    _ => return None,
                };
            }
        }
    }
    n.is_empty().then_some(total)
}

/// The hosts of the video services recognised: a link to one of them (or a
/// subdomain) makes the interview `video`.
const VIDEO_HOSTS: &[&str] = &["meet.google.com", "zoom.us", "zoom.com", "teams.microsoft.com", "teams.live.com", "webex.com", "whereby.com"];

/// `video` when any text holds a Meet/Zoom/Teams/Webex link, else `phone`
/// when the location is a phone number (or any text a `tel:` link), else `onsite`.
pub fn format_of(texts: &[String]) -> InterviewFormat {
    let video = texts.iter().any(|t| {
        t.split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '(' | ')' | ','))
            .filter_map(|w| w.strip_prefix("https://").or_else(|| w.strip_prefix("http://")))
            .filter_map(|rest| rest.split(['/', '?', '#', ':']).next())
            .any(|host| {
                let host = host.to_ascii_lowercase();
                VIDEO_HOSTS.iter().any(|v| host == *v || host.ends_with(&format!(".{v}")))
            })
    });
    if video {
        return InterviewFormat::Video;
    }
    let location = texts.first().map(String::as_str).unwrap_or("");
    if is_phone_number(location) || texts.iter().any(|t| t.to_ascii_lowercase().contains("tel:+")) {
        return InterviewFormat::Phone;
    }
    InterviewFormat::Onsite
}

/// A phone number, possibly with a short label: `+1 (415) 555-0134`,
/// `Phone: +44 20 7946 0958`, `tel:+4930123456`.
pub fn is_phone_number(s: &str) -> bool {
    let s = s.trim();
    let s = s.split_once(':').filter(|(label, _)| label.len() <= 12).map_or(s, |(_, rest)| rest).trim();
    let digits = s.chars().filter(char::is_ascii_digit).count();
    (7..=16).contains(&digits)
        && s.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration("PT45M"), Some(Duration::minutes(45)));
        assert_eq!(duration("PT1H30M"), Some(Duration::minutes(90)));
        assert_eq!(duration("P1D"), Some(Duration::days(1)));
        assert_eq!(duration("45M"), None);
        assert_eq!(duration("PT1X"), None);
    }

    #[test]
    fn the_format_comes_from_links_and_phone_numbers() {
        let f = |xs: &[&str]| format_of(&xs.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(f(&["", "Join: https://meet.google.com/abc-defg-hij"]), InterviewFormat::Video);
        assert_eq!(f(&["https://acme.zoom.us/j/123?pwd=x", ""]), InterviewFormat::Video);
        assert_eq!(f(&["Microsoft Teams Meeting", "<https://teams.microsoft.com/l/meetup-join/19%3a>"]), InterviewFormat::Video);
        assert_eq!(f(&["", "https://acme.webex.com/meet/dana"]), InterviewFormat::Video);
        assert_eq!(f(&["+1 (415) 555-0134", "We will call you."]), InterviewFormat::Phone);
        assert_eq!(f(&["Phone: +44 20 7946 0958", ""]), InterviewFormat::Phone);
        assert_eq!(f(&["Acme HQ, 1 Main St, Springfield", "Ask for Dana at the desk. Call 555-0134 if late"]), InterviewFormat::Onsite);
        assert_eq!(f(&["", "zoom.us.evil.example is not zoom: https://zoom.us.evil.example/j/1"]), InterviewFormat::Onsite);
    }
}
