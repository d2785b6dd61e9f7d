//! What to notify, and when (DESIGN §2 R7, R8). Pure: the open follow-ups,
//! the marks of what was already notified, the settings, the zone and `now`
//! go in; the reminders to show now, the marks to persist with them and the
//! next instant worth waking up for come out. No clock, no I/O: the
//! scheduler in the app crate reads the clock, and the store persists the
//! marks in the same transaction as this decision (`Store::plan_delivery`).
//!
//! Each follow-up has two events: `due` at its due time and `overdue` a day
//! later. Each event is notified at most once per due time: the mark is
//! keyed by (follow-up key, event, due time), so a snooze, which moves the
//! due time, earns a fresh reminder at the new time, and nothing else does.
//! Quiet hours defer delivery to their end; they never change a due time.

use crate::model::{FollowUp, Kind};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use crate::zone::Tz;
use serde::Serialize;
use std::collections::HashSet;

/// How late a follow-up must be for its second (and last) reminder.
pub const OVERDUE_AFTER: Duration = Duration::hours(24);

/// More reminders than this at once (not counting catch-up, which is always
/// grouped) become one grouped notification rather than a flood.
pub const MAX_INDIVIDUAL: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    Due,
    Overdue,
}

impl Event {
    /// The spelling in the `notified.event` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Event::Due => "due",
            Event::Overdue => "overdue",
        }
    }
    pub fn parse(s: &str) -> Option<Event> {
        match s {
            "due" => Some(Event::Due),
            "overdue" => Some(Event::Overdue),
            _ => None,
        }
    }
}

/// "This event of this follow-up, at this due time, has been notified."
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Mark {
    pub key: String,
    pub event: Event,
    pub due_at: DateTime<Utc>,
}

/// One notification to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reminder {
    /// The follow-up it is about; `None` for a grouped reminder.
    pub followup: Option<FollowUp>,
    /// Every follow-up it covers (one, or the whole group), by key.
    pub keys: Vec<String>,
    pub summary: String,
    pub body: String,
    /// The marks that this reminder stands for: if showing it fails for
    /// want of a notification server, these are taken back so that it is
    /// tried again later.
    #[serde(skip)]
    pub marks: Vec<Mark>,
}

impl Reminder {
    pub fn is_group(&self) -> bool {
        self.followup.is_none()
    }
}

/// The decision of one pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Show these now, in this order.
    pub reminders: Vec<Reminder>,
    /// Persist these in the same transaction as the decision.
    pub marks: Vec<Mark>,
    /// The next instant at which something may have to be delivered (a due
    /// time, a day overdue, or the end of quiet hours); `None` when nothing
    /// is scheduled at all.
    pub next_wake: Option<DateTime<Utc>>,
}

pub struct Input<'a> {
    /// The open follow-ups at `now` (`Store::agenda(now)`).
    pub followups: &'a [FollowUp],
    /// What was already notified.
    pub notified: &'a HashSet<Mark>,
    /// Quiet hours, local `(from, to)`; equal times mean no quiet hours.
    pub quiet_hours: (NaiveTime, NaiveTime),
    pub tz: Tz,
    pub now: DateTime<Utc>,
    /// When this run of the app started: events before it came due while
    /// Afterview was closed, and are delivered grouped (R8).
    pub started_at: DateTime<Utc>,
}

/// The events a follow-up can raise, with their instants. A pre-interview
/// reminder closes when its interview starts, so it has no "a day overdue".
pub fn events(f: &FollowUp) -> Vec<(Event, DateTime<Utc>)> {
    let mut out = vec![(Event::Due, f.due_at)];
    if f.kind != Kind::PreInterview {
        out.push((Event::Overdue, f.due_at + OVERDUE_AFTER));
    }
    out
}

/// True when local time `t` falls in quiet hours `[from, to)`, which may
/// wrap midnight (21:00–08:00).
pub fn in_quiet_hours(t: DateTime<Utc>, (from, to): (NaiveTime, NaiveTime), tz: Tz) -> bool {
    if from == to {
        return false;
    }
    let lt = t.with_timezone(&tz).time();
    if from < to {
        lt >= from && lt < to
    } else {
        lt >= from || lt < to
    }
}

/// The first instant at or after `t` outside quiet hours: `t` itself when
/// it is not in quiet hours, else the next time the local clock shows `to`.
pub fn release_at(t: DateTime<Utc>, quiet: (NaiveTime, NaiveTime), tz: Tz) -> DateTime<Utc> {
    if !in_quiet_hours(t, quiet, tz) {
        return t;
    }
    let day = t.with_timezone(&tz).date_naive();
    // Today's end of quiet hours, else tomorrow's; a couple more days only
    // matter in a zone that skips a whole day.
    for d in 0..4 {
        let Some(date) = day.checked_add_signed(Duration::days(d)) else { break };
        let end = crate::zone::local_at(date, quiet.1, tz);
        if end > t && !in_quiet_hours(end, quiet, tz) {
            return end;
        }
    }
    t + Duration::hours(24)
}

/// What to deliver now and when to look again.
pub fn plan(input: &Input) -> Plan {
    let Input { followups, notified, quiet_hours, tz, now, started_at } = *input;
    let quiet_now = in_quiet_hours(now, quiet_hours, tz);

    // Pending: events whose time has come and that were never notified.
    struct Pending<'f> {
        f: &'f FollowUp,
        event: Event,
        at: DateTime<Utc>,
        marks: Vec<Mark>,
    }
    let mut pending: Vec<Pending> = Vec::new();
    let mut next_wake: Option<DateTime<Utc>> = None;
    let mut wake = |t: DateTime<Utc>| next_wake = Some(next_wake.map_or(t, |w| w.min(t)));

    for f in followups {
        let mut due_now: Vec<(Event, DateTime<Utc>)> = Vec::new();
        for (event, at) in events(f) {
            let mark = Mark { key: f.key.clone(), event, due_at: f.due_at };
            if notified.contains(&mark) {
                continue;
            }
            if at <= now {
                due_now.push((event, at));
            } else {
                wake(release_at(at, quiet_hours, tz));
            }
        }
        if due_now.is_empty() {
            continue;
        }
        // Both events have passed (the app was closed, or the notifier was
        // away, for more than a day): one reminder, in the overdue wording,
        // stands for both.
        let Some(&(event, at)) = due_now.last() else { continue };
        let marks = due_now.iter().map(|&(e, _)| Mark { key: f.key.clone(), event: e, due_at: f.due_at }).collect();
        pending.push(Pending { f, event, at, marks });
    }

    if quiet_now {
        if !pending.is_empty() {
            wake(release_at(now, quiet_hours, tz));
        }
        return Plan { reminders: vec![], marks: vec![], next_wake };
    }

    pending.sort_by(|a, b| (a.f.due_at, &a.f.key).cmp(&(b.f.due_at, &b.f.key)));
    let (missed, fresh): (Vec<Pending>, Vec<Pending>) = pending.into_iter().partition(|p| p.at < started_at);

    let mut reminders = Vec::new();
    let individual = |p: &Pending| {
        let (summary, body) = text(p.f, p.event, tz, now);
        Reminder {
            followup: Some(p.f.clone()),
            keys: vec![p.f.key.clone()],
            summary,
            body,
            marks: p.marks.clone(),
        }
    };
    let group = |ps: &[Pending], summary: String| Reminder {
        followup: None,
        keys: ps.iter().map(|p| p.f.key.clone()).collect(),
        summary,
        body: group_body(ps.iter().map(|p| p.f), tz, now),
        marks: ps.iter().flat_map(|p| p.marks.iter().cloned()).collect(),
    };
    match missed.len() {
        0 => {}
        1 => reminders.push(individual(&missed[0])),
        n => reminders.push(group(&missed, format!("{n} follow-ups came due while Afterview was closed"))),
    }
    if fresh.len() > MAX_INDIVIDUAL {
        reminders.push(group(&fresh, format!("{} follow-ups are due", fresh.len())));
    } else {
        reminders.extend(fresh.iter().map(individual));
    }
    let marks = reminders.iter().flat_map(|r| r.marks.iter().cloned()).collect();
    Plan { reminders, marks, next_wake }
}

/// How many open follow-ups are due today or earlier (the tray's count).
pub fn due_today(followups: &[FollowUp], tz: Tz, now: DateTime<Utc>) -> usize {
    let today = now.with_timezone(&tz).date_naive();
    followups.iter().filter(|f| f.due_at.with_timezone(&tz).date_naive() <= today).count()
}

/// The next local midnight after `now`, when "due today" changes meaning.
pub fn next_midnight(now: DateTime<Utc>, tz: Tz) -> DateTime<Utc> {
    let today = now.with_timezone(&tz).date_naive();
    let next = today.succ_opt().unwrap_or(today);
    let t = crate::zone::local_at(next, NaiveTime::MIN, tz);
    if t > now {
        t
    } else {
        now + Duration::hours(24)
    }
}

/// "Dana Reyes (Acme)", or "Acme" when the follow-up is about no one person.
fn who(f: &FollowUp) -> String {
    match f.contact_name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        Some(name) => format!("{name} ({})", f.company),
        None => f.company.clone(),
    }
}

/// "today's", "yesterday's", "Monday's" (earlier this week), "last
/// Wednesday's" (the week before, within seven days) or "your interview on
/// 20 Nov" (with the year when it is not this year's), by the local date of
/// the interview's end (the thank-you's rule time). A bare "Wednesday's" on
/// the following Tuesday reads as the Wednesday to come.
fn interview_day(at: DateTime<Utc>, tz: Tz, now: DateTime<Utc>) -> String {
    let day: NaiveDate = at.with_timezone(&tz).date_naive();
    let today = now.with_timezone(&tz).date_naive();
    let this_week = day.weekday().num_days_from_monday() < today.weekday().num_days_from_monday();
    match (today - day).num_days() {
        0 => "today's interview".into(),
        1 => "yesterday's interview".into(),
        2..=6 if this_week => format!("{}'s interview", day.weekday_name()),
        2..=6 => format!("last {}'s interview", day.weekday_name()),
        _ if day.year() == today.year() => format!("your interview on {}", day.format("%-d %b")),
        _ => format!("your interview on {}", day.format("%-d %b %Y")),
    }
}

trait WeekdayName {
    fn weekday_name(&self) -> &'static str;
}
impl WeekdayName for NaiveDate {
    fn weekday_name(&self) -> &'static str {
        match self.weekday() {
            chrono::Weekday::Mon => "Monday",
            chrono::Weekday::Tue => "Tuesday",
            chrono::Weekday::Wed => "Wednesday",
            chrono::Weekday::Thu => "Thursday",
            chrono::Weekday::Fri => "Friday",
            chrono::Weekday::Sat => "Saturday",
            chrono::Weekday::Sun => "Sunday",
        }
    }
}

/// The summary and body of one follow-up's reminder: who, at which company,
/// and what to do. A snoozed follow-up's due time is the snooze time, so the
/// interview day is only named when it is not snoozed.
pub fn text(f: &FollowUp, event: Event, tz: Tz, now: DateTime<Utc>) -> (String, String) {
    let who = who(f);
    let company = &f.company;
    let interview = if f.snoozed { "your interview".to_owned() } else { interview_day(f.due_at, tz, now) };
    let (summary, body) = match f.kind {
        Kind::ThankYouEmail => (
            format!("Thank {who} for {interview}"),
            "Send a short thank-you email while the conversation is still fresh.".to_owned(),
        ),
        Kind::ThankYouNote => (
            format!("Drop off a thank-you note at {company}"),
            "A printed note at the front desk arrives today; the post takes days. Print it from the note editor."
                .to_owned(),
        ),
        Kind::LinkedinConnect => (
            format!("Connect with {who} on LinkedIn"),
            "They agreed to connect: send a personal note about your conversation (300 characters at most)."
                .to_owned(),
        ),
        Kind::PreInterview => (
            format!("Interview with {who} coming up"),
            "Before you leave: thank them, ask what the next steps are and when to expect a call, \
             and whether they would like to connect on LinkedIn."
                .to_owned(),
        ),
        Kind::CheckIn => (
            format!("Check in with {who} about your application"),
            "A short, friendly note asking where things stand.".to_owned(),
        ),
        Kind::KeepCvOnFile => (
            format!("Reply to {who}: ask them to keep your CV on file"),
            "Thank them for their time and ask to be considered for future positions.".to_owned(),
        ),
        Kind::NoAnswer => (
            format!("No answer from {company}: close it or keep waiting?"),
            "Your last check-ins went unanswered. Close the application, or wait for one more check-in."
                .to_owned(),
        ),
    };
    match event {
        Event::Due => (summary, body),
        Event::Overdue => (format!("Overdue: {summary}"), format!("Due since {}. {body}", since(f.due_at, tz, now))),
    }
}

fn since(at: DateTime<Utc>, tz: Tz, now: DateTime<Utc>) -> String {
    let local = at.with_timezone(&tz);
    let days = (now.with_timezone(&tz).date_naive() - local.date_naive()).num_days();
    match days {
        1 => format!("yesterday {}", local.format("%H:%M")),
        d if d < 7 => format!("{} {}", local.date_naive().weekday_name(), local.format("%H:%M")),
        _ => local.format("%b %-d").to_string(),
    }
}

/// The body of a grouped reminder: the first few, then how many more.
fn group_body<'f>(fs: impl Iterator<Item = &'f FollowUp>, tz: Tz, now: DateTime<Utc>) -> String {
    let fs: Vec<&FollowUp> = fs.collect();
    const SHOWN: usize = 3;
    let mut lines: Vec<String> = fs.iter().take(SHOWN).map(|f| text(f, Event::Due, tz, now).0).collect();
    if fs.len() > SHOWN {
        lines.push(format!("and {} more: open Afterview to see them all.", fs.len() - SHOWN));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests;
