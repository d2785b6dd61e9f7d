//! Insights (DESIGN §7): how the search is going over a period, and whether
//! the follow-ups are working. Every definition of the Insights tab and of
//! `afterview stats` is here, once, as a pure function of the facts, the
//! local zone, the period and `now` (no clock, no I/O, no SQL: the store
//! reads the facts, `store/insights.rs`).
//!
//! The period is two local calendar dates, both included. The funnel and the
//! response times count the applications *applied for* in the period (their
//! later facts count whenever they happened); the follow-up habits and the
//! weekly chart count the *events* dated in the period.

use crate::error::{Error, Result};
use crate::model::{ApplicationRecord, Direction, Kind, Status, StatusChange};
use crate::zone::Tz;
use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, Utc};
use serde::Serialize;
use std::collections::HashMap;

/// The period when none is chosen: the last 30 days, today included.
pub const DEFAULT_DAYS: u32 = 30;
/// The longest period accepted (about ten years): a weekly chart beyond it says nothing.
pub const MAX_PERIOD_DAYS: i64 = 3660;
/// A thank-you counts as on time when sent at most this long after the interview's end.
pub const THANK_YOU_HOURS: i64 = 24;
/// A check-in counts as answered when a response follows within this many days.
pub const CHECK_IN_ANSWER_DAYS: i64 = 14;

/// Two local calendar dates, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// A chosen range: `from` on or before `to`, at most [`MAX_PERIOD_DAYS`] long.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Period> {
        if from > to {
            return Err(Error::invalid("from", format!("The period starts ({from}) after it ends ({to}).")));
        }
        if (to - from).num_days() + 1 > MAX_PERIOD_DAYS {
            return Err(Error::invalid("to", "Choose a period of at most 10 years."));
        }
        Ok(Period { from, to })
    }

    /// The last `days` days up to `today`, both included (30 days: today and the 29 before).
    pub fn last_days(days: u32, today: NaiveDate) -> Period {
        let back = Days::new(u64::from(days.max(1) - 1));
        Period { from: today.checked_sub_days(back).unwrap_or(NaiveDate::MIN), to: today }
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        d >= self.from && d <= self.to
    }
}

/// The local calendar date of an instant.
pub fn local_day(t: DateTime<Utc>, tz: Tz) -> NaiveDate {
    t.with_timezone(&tz).date_naive()
}

// ----- the facts ----------------------------------------------------------------------

/// A message, without its text.
#[derive(Debug, Clone, PartialEq)]
pub struct MessageFact {
    pub at: DateTime<Utc>,
    pub direction: Direction,
    pub followup_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InterviewFact {
    pub id: String,
    pub ends_at: DateTime<Utc>,
    pub interviewer_ids: Vec<String>,
}

/// What Insights needs of one application.
#[derive(Debug, Clone, PartialEq)]
pub struct AppFacts {
    pub id: String,
    pub status: Status,
    pub applied_at: Option<DateTime<Utc>>,
    pub source: Option<String>,
    pub status_changes: Vec<StatusChange>,
    pub messages: Vec<MessageFact>,
    pub interviews: Vec<InterviewFact>,
}

impl From<&ApplicationRecord> for AppFacts {
    fn from(r: &ApplicationRecord) -> Self {
        AppFacts {
            id: r.application.id.clone(),
            status: r.application.status,
            applied_at: r.application.applied_at,
            source: r.application.source.clone(),
            status_changes: r.status_changes.clone(),
            messages: r
                .messages
                .iter()
                .map(|m| MessageFact { at: m.at, direction: m.direction, followup_key: m.followup_key.clone() })
                .collect(),
            interviews: r
                .interviews
                .iter()
                .map(|i| InterviewFact { id: i.id.clone(), ends_at: i.ends_at, interviewer_ids: i.interviewer_ids.clone() })
                .collect(),
        }
    }
}

/// Every application, and the due time of every follow-up open at `now`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    pub applications: Vec<AppFacts>,
    pub open_due: Vec<DateTime<Utc>>,
}

// ----- the definitions ----------------------------------------------------------------

/// A status that only a reply from the company moves an application into.
pub fn is_response_status(s: Status) -> bool {
    matches!(s, Status::Interviewing | Status::Offer | Status::Rejected)
}

/// Every response from the company: a received message, or a status change
/// into interviewing, offer or rejected (out of `applied`, or straight into
/// it when the application was added there).
fn responses(a: &AppFacts) -> impl Iterator<Item = DateTime<Utc>> + '_ {
    let received = a.messages.iter().filter(|m| m.direction == Direction::Received).map(|m| m.at);
    let moved = a.status_changes.iter().filter(|c| is_response_status(c.to)).map(|c| c.at);
    received.chain(moved)
}

/// The first response at or after the application date (a message that came
/// before it answered something else). None without an application date.
pub fn first_response(a: &AppFacts) -> Option<DateTime<Utc>> {
    let applied = a.applied_at?;
    responses(a).filter(|t| *t >= applied).min()
}

/// Days (fractional) from the application date to the first response.
pub fn days_to_response(a: &AppFacts) -> Option<f64> {
    let (applied, first) = (a.applied_at?, first_response(a)?);
    Some((first - applied).num_milliseconds() as f64 / 86_400_000.0)
}

/// True when the application is in one of `set` now or was moved into one ever.
fn reached(a: &AppFacts, set: &[Status]) -> bool {
    set.contains(&a.status) || a.status_changes.iter().any(|c| set.contains(&c.to))
}

pub fn is_offer(a: &AppFacts) -> bool {
    reached(a, &[Status::Offer, Status::Accepted])
}

pub fn is_rejected(a: &AppFacts) -> bool {
    reached(a, &[Status::Rejected])
}

/// Counted in the period: an application date on a local date in it.
pub fn applied_in(a: &AppFacts, p: Period, tz: Tz) -> bool {
    a.applied_at.is_some_and(|t| p.contains(local_day(t, tz)))
}

/// R1's thank-you emails of an interview: one per interviewer (a contact
/// listed twice once), or one for the interview when none is named.
pub fn thank_you_keys(iv: &InterviewFact) -> Vec<String> {
    if iv.interviewer_ids.is_empty() {
        return vec![format!("thank_you_email:{}:-", iv.id)];
    }
    let mut keys: Vec<String> = Vec::new();
    for c in &iv.interviewer_ids {
        let k = format!("thank_you_email:{}:{c}", iv.id);
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys
}

fn sent_with_key<'a>(a: &'a AppFacts, key: &'a str) -> impl Iterator<Item = DateTime<Utc>> + 'a {
    a.messages
        .iter()
        .filter(move |m| m.direction == Direction::Sent && m.followup_key.as_deref() == Some(key))
        .map(|m| m.at)
}

/// The median of `v` (the mean of the two middle values for an even count).
pub fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 })
}

/// The Monday that starts the (local, Monday-to-Sunday) week of `d`.
pub fn week_of(d: NaiveDate) -> NaiveDate {
    d.checked_sub_days(Days::new(u64::from(d.weekday().num_days_from_monday()))).unwrap_or(d)
}

// ----- the figures --------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceStats {
    /// As first written among the period's applications; `null` when none was given.
    pub source: Option<String>,
    pub applied: usize,
    pub responded: usize,
    pub median_days_to_response: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ThankYous {
    pub sent_within_24h: usize,
    pub due: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CheckIns {
    pub sent: usize,
    pub answered_within_14d: usize,
    /// Sent less than 14 days before `now` and not answered yet.
    pub waiting: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RejectionReplies {
    pub sent: usize,
    pub due: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Week {
    /// The Monday of the week (the first and last weeks may be cut by the period).
    pub week_of: NaiveDate,
    pub applied: usize,
    pub sent: usize,
    pub received: usize,
}

/// Everything the Insights tab and `afterview stats --json` show, in one
/// flat JSON object (the groups are flattened). The field names up to
/// `check_ins` are the CLI's public contract.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[serde(flatten)]
    pub funnel: Funnel,
    pub median_days_to_response: Option<f64>,
    pub by_source: Vec<SourceStats>,
    #[serde(flatten)]
    pub habits: Habits,
    pub weeks: Vec<Week>,
    pub zone: &'static str,
}

/// The period's applications, and how many of them had a response, an
/// interview, an offer, a rejection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Funnel {
    pub applied: usize,
    pub responded: usize,
    pub interviewed: usize,
    pub offers: usize,
    pub rejected: usize,
}

/// The follow-up habits the advice asks for, and what is overdue now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Habits {
    pub thank_you_on_time: ThankYous,
    pub check_ins: CheckIns,
    pub overdue: usize,
    pub rejection_replies: RejectionReplies,
}

/// The figures of period `p` in zone `tz` at `now`.
pub fn stats(facts: &Facts, p: Period, tz: Tz, now: DateTime<Utc>) -> Stats {
    let apps = &facts.applications;
    let counted: Vec<&AppFacts> = {
        let mut v: Vec<&AppFacts> = apps.iter().filter(|a| applied_in(a, p, tz)).collect();
        v.sort_by(|a, b| (a.applied_at, &a.id).cmp(&(b.applied_at, &b.id)));
        v
    };
    let days: Vec<Option<f64>> = counted.iter().map(|a| days_to_response(a)).collect();
    let count = |f: &dyn Fn(&AppFacts) -> bool| counted.iter().filter(|a| f(a)).count();
    Stats {
        from: p.from,
        to: p.to,
        funnel: Funnel {
            applied: counted.len(),
            responded: days.iter().flatten().count(),
            interviewed: count(&|a| !a.interviews.is_empty()),
            offers: count(&is_offer),
            rejected: count(&is_rejected),
        },
        median_days_to_response: median(days.iter().flatten().copied().collect()),
        by_source: by_source(&counted, &days),
        habits: Habits {
            thank_you_on_time: thank_yous(apps, p, tz, now),
            check_ins: check_ins(apps, p, tz, now),
            overdue: overdue(&facts.open_due, tz, now),
            rejection_replies: rejection_replies(apps, p, tz),
        },
        weeks: weeks(apps, &counted, p, tz),
        zone: tz.name(),
    }
}

/// The funnel per source: sources grouped without regard to case or
/// surrounding spaces, most applications first.
fn by_source(counted: &[&AppFacts], days: &[Option<f64>]) -> Vec<SourceStats> {
    let mut groups: Vec<(SourceStats, Vec<f64>)> = Vec::new();
    let mut index: HashMap<Option<String>, usize> = HashMap::new();
    for (a, d) in counted.iter().zip(days) {
        let shown = a.source.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let i = *index.entry(shown.map(str::to_lowercase)).or_insert_with(|| {
            let empty = SourceStats { source: shown.map(str::to_owned), applied: 0, responded: 0, median_days_to_response: None };
            groups.push((empty, Vec::new()));
            groups.len() - 1
        });
        let g = &mut groups[i];
        g.0.applied += 1;
        if let Some(d) = d {
            g.0.responded += 1;
            g.1.push(*d);
        }
    }
    let mut out: Vec<SourceStats> = groups
        .into_iter()
        .map(|(mut s, d)| {
            s.median_days_to_response = median(d);
            s
        })
        .collect();
    out.sort_by(|a, b| {
        b.applied
            .cmp(&a.applied)
            .then(b.responded.cmp(&a.responded))
            .then_with(|| a.source.is_none().cmp(&b.source.is_none()))
            .then_with(|| a.source.cmp(&b.source))
    });
    out
}

/// R1's thank-you emails due in the period (the interview ended on a local
/// date in it, at or before `now`), and those with a sent message carrying
/// their key no later than 24 h after the interview's end.
fn thank_yous(apps: &[AppFacts], p: Period, tz: Tz, now: DateTime<Utc>) -> ThankYous {
    let mut t = ThankYous { sent_within_24h: 0, due: 0 };
    for a in apps {
        for iv in a.interviews.iter().filter(|iv| iv.ends_at <= now && p.contains(local_day(iv.ends_at, tz))) {
            let by = iv.ends_at + Duration::hours(THANK_YOU_HOURS);
            for key in thank_you_keys(iv) {
                t.due += 1;
                if sent_with_key(a, &key).any(|at| at <= by) {
                    t.sent_within_24h += 1;
                }
            }
        }
    }
    t
}

/// Check-ins sent in the period (a sent message carrying a `check_in:` key,
/// on a local date in it); answered: a response (as for the funnel) after it
/// and no later than 14 days after; waiting: neither, and 14 days not over.
fn check_ins(apps: &[AppFacts], p: Period, tz: Tz, now: DateTime<Utc>) -> CheckIns {
    let mut c = CheckIns { sent: 0, answered_within_14d: 0, waiting: 0 };
    for a in apps {
        let sent = a.messages.iter().filter(|m| {
            m.direction == Direction::Sent
                && m.followup_key.as_deref().and_then(Kind::of_key) == Some(Kind::CheckIn)
                && p.contains(local_day(m.at, tz))
        });
        for m in sent {
            c.sent += 1;
            let by = m.at + Duration::days(CHECK_IN_ANSWER_DAYS);
            if responses(a).any(|t| t > m.at && t <= by) {
                c.answered_within_14d += 1;
            } else if now < by {
                c.waiting += 1;
            }
        }
    }
    c
}

/// Follow-ups open at `now` that were due before today (local): the Today
/// view's "Overdue".
fn overdue(open_due: &[DateTime<Utc>], tz: Tz, now: DateTime<Utc>) -> usize {
    let today = local_day(now, tz);
    open_due.iter().filter(|d| **d < now && local_day(**d, tz) < today).count()
}

/// Applications whose (latest) move into `rejected` is on a local date in the
/// period, and of those, how many have a sent reply carrying their
/// `keep_cv_on_file:` key (R6).
fn rejection_replies(apps: &[AppFacts], p: Period, tz: Tz) -> RejectionReplies {
    let mut r = RejectionReplies { sent: 0, due: 0 };
    for a in apps {
        let last = a.status_changes.iter().filter(|c| c.to == Status::Rejected).map(|c| c.at).max();
        if last.is_some_and(|t| p.contains(local_day(t, tz))) {
            r.due += 1;
            let key = format!("keep_cv_on_file:{}", a.id);
            if sent_with_key(a, &key).next().is_some() {
                r.sent += 1;
            }
        }
    }
    r
}

/// Per local week (Monday to Sunday) of the period: applications applied for,
/// messages sent and received (of any application) on its days in the period.
fn weeks(apps: &[AppFacts], counted: &[&AppFacts], p: Period, tz: Tz) -> Vec<Week> {
    let first = week_of(p.from);
    let n = ((week_of(p.to) - first).num_days() / 7 + 1) as usize;
    let mut out: Vec<Week> = (0..n)
        .map(|i| Week {
            week_of: first.checked_add_days(Days::new(7 * i as u64)).unwrap_or(first),
            applied: 0,
            sent: 0,
            received: 0,
        })
        .collect();
    let slot = |d: NaiveDate| ((d - first).num_days() / 7) as usize;
    for a in counted {
        if let Some(t) = a.applied_at {
            out[slot(local_day(t, tz))].applied += 1;
        }
    }
    for m in apps.iter().flat_map(|a| &a.messages) {
        let d = local_day(m.at, tz);
        if p.contains(d) {
            let w = &mut out[slot(d)];
            match m.direction {
                Direction::Sent => w.sent += 1,
                Direction::Received => w.received += 1,
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
