//! The cadence rules of DESIGN §2 (R1–R6, and R9 in `cadence/silence.rs`) as pure functions.
//!
//! Follow-ups are derived, never stored as a schedule: every time the facts
//! of an application change (an interview logged, a message sent, a status
//! moved) the whole set is recomputed from those facts plus the user's
//! decisions. That is why nothing here reads a clock, a file or the database:
//! `now` and the time zone are arguments, so the same inputs always give the
//! same follow-ups, in the app, in the CLI and in the tests.
//!
//! Times are UTC instants; "local" means the zone passed in. A date-only fact
//! (expected reply by) is a local calendar date and is compared with the local
//! date of instants, never with their UTC date — near midnight the two differ.
//!
//! Every key is stable: it names what the follow-up is about (an interview,
//! a contact, an application and a due date), not when it was computed, so
//! decisions and "already notified" marks stored under it survive a recompute.
//!
//! Instants come from user input and files, so nothing here may panic on odd
//! values: date arithmetic is checked, and a follow-up whose time would fall
//! outside chrono's range (hundreds of millennia away) is simply left out.

use crate::model::{
    ApplicationRecord, Consent, DecisionState, Direction, FollowUp, Kind, Settings, Status,
    MIN_CHECKIN_CADENCE_DAYS,
};
use chrono::{DateTime, Days, Duration, NaiveDate, NaiveTime, Utc};
use crate::zone::{is_business_day, local, local_at, local_date, try_next_business_morning, Tz, MORNING};

mod silence;
pub use silence::key as no_answer_key;

/// R2: a note can still be dropped at the front desk if the interview ends before this.
const NOTE_DROP_OFF_BY: NaiveTime = hm(15, 0);
/// R5: never check in within a week of the last message sent.
const MIN_DAYS_AFTER_SENT: u64 = 7;

const fn hm(h: u32, m: u32) -> NaiveTime {
    match NaiveTime::from_hms_opt(h, m, 0) {
        Some(t) => t,
        None => panic!("invalid constant time"),
    }
}

/// A computed follow-up plus the instant after which it disappears by itself
/// (pre-interview reminders close when their interview starts); `None` = it
/// stays until a decision or a sent message closes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub followup: FollowUp,
    pub closes_at: Option<DateTime<Utc>>,
}

/// Every follow-up of one application that no decision or sent message has
/// closed, independent of `now` (so it can be materialized in a table).
/// Sorted by (due_at, key).
pub fn followups(rec: &ApplicationRecord, settings: &Settings, tz: Tz) -> Vec<Planned> {
    let mut out = Vec::new();
    if matches!(
        rec.application.status,
        Status::Wishlist | Status::Accepted | Status::Withdrawn | Status::Ghosted
    ) {
        return out;
    }
    let push = |out: &mut Vec<Planned>, p: Option<Planned>| out.extend(p);
    // A rejection closes what belongs to interviews still to come: they
    // stay in the history, but nobody prepares for them or thanks anyone.
    let closed_at = (rec.application.status == Status::Rejected)
        .then(|| {
            rec.status_changes
                .iter()
                .filter(|c| c.to == Status::Rejected)
                .map(|c| c.at)
                .max()
        })
        .flatten();
    let interviews = || {
        rec.interviews
            .iter()
            .filter(move |iv| closed_at.is_none_or(|at| iv.starts_at <= at))
    };

    for iv in interviews() {
        // R1: one thank-you per interviewer (a contact listed twice still gets
        // one), or one for the interview when none is named.
        let ids = &iv.interviewer_ids;
        let thanked: Vec<Option<&str>> = if ids.is_empty() {
            vec![None]
        } else {
            ids.iter()
                .enumerate()
                .filter(|(i, cid)| !ids[..*i].contains(cid))
                .map(|(_, cid)| Some(cid.as_str()))
                .collect()
        };
        for cid in thanked {
            let key = format!("thank_you_email:{}:{}", iv.id, cid.unwrap_or("-"));
            push(
                &mut out,
                plan(rec, key, Kind::ThankYouEmail, cid, Some(&iv.id), iv.ends_at, None),
            );
        }

        // R2
        if iv.physical_note {
            if let Some(due) = note_due(iv.ends_at, tz) {
                let key = format!("thank_you_note:{}", iv.id);
                push(
                    &mut out,
                    plan(rec, key, Kind::ThankYouNote, None, Some(&iv.id), due, None),
                );
            }
        }

        // R4
        let lead = Duration::minutes(i64::from(settings.pre_interview_minutes));
        if let Some(due) = iv.starts_at.checked_sub_signed(lead) {
            let key = format!("pre_interview:{}", iv.id);
            push(
                &mut out,
                plan(
                    rec,
                    key,
                    Kind::PreInterview,
                    None,
                    Some(&iv.id),
                    due,
                    Some(iv.starts_at),
                ),
            );
        }
    }

    // R3: one request per consenting contact, tied to the first interview with them.
    for c in rec
        .contacts
        .iter()
        .filter(|c| c.linkedin_consent == Consent::Yes)
    {
        let first = interviews()
            .filter(|iv| iv.interviewer_ids.contains(&c.id))
            .min_by(|a, b| (a.starts_at, a.ends_at, &a.id).cmp(&(b.starts_at, b.ends_at, &b.id)));
        if let Some(iv) = first {
            let key = format!("linkedin_connect:{}", c.id);
            push(
                &mut out,
                plan(
                    rec,
                    key,
                    Kind::LinkedinConnect,
                    Some(&c.id),
                    Some(&iv.id),
                    iv.ends_at,
                    None,
                ),
            );
        }
    }

    match rec.application.status {
        Status::Applied | Status::Interviewing => {
            if let Some((kind, key, due)) = check_in(rec, settings, tz) {
                push(&mut out, plan(rec, key, kind, None, None, due, None));
            }
        }
        Status::Rejected => {
            if let Some(due) = keep_cv_due(rec, tz) {
                let key = format!("keep_cv_on_file:{}", rec.application.id);
                push(
                    &mut out,
                    plan(rec, key, Kind::KeepCvOnFile, None, None, due, None),
                );
            }
        }
        _ => {}
    }

    out.sort_by(|a, b| {
        (a.followup.due_at, &a.followup.key).cmp(&(b.followup.due_at, &b.followup.key))
    });
    out
}

/// The open follow-ups at `now` over many applications: `followups()` minus
/// those whose `closes_at` has passed, sorted by (due_at, key).
/// Not-yet-due follow-ups are included; the caller decides what is "due".
pub fn agenda<'a>(
    recs: impl IntoIterator<Item = &'a ApplicationRecord>,
    settings: &Settings,
    tz: Tz,
    now: DateTime<Utc>,
) -> Vec<FollowUp> {
    let mut out: Vec<FollowUp> = recs
        .into_iter()
        .flat_map(|rec| followups(rec, settings, tz))
        .filter(|p| p.closes_at.is_none_or(|c| c > now))
        .map(|p| p.followup)
        .collect();
    out.sort_by(|a, b| (a.due_at, &a.key).cmp(&(b.due_at, &b.key)));
    out
}

fn business_day_on_or_after(mut d: NaiveDate) -> Option<NaiveDate> {
    while !is_business_day(d) {
        d = d.succ_opt()?;
    }
    Some(d)
}

/// R2: in time to drop the note at the front desk today, or the next business morning.
fn note_due(ends_at: DateTime<Utc>, tz: Tz) -> Option<DateTime<Utc>> {
    let end = local(ends_at, tz)?;
    if is_business_day(end.date()) && end.time() < NOTE_DROP_OFF_BY {
        Some(ends_at)
    } else {
        try_next_business_morning(ends_at, tz)
    }
}

/// R5's L: the last contact with the company. The application date stands in
/// for "when it started"; without one, the first move into applied or
/// interviewing does. Other status changes are the user's bookkeeping, not
/// contact, so they do not count.
fn last_contact(rec: &ApplicationRecord) -> Option<DateTime<Utc>> {
    let started = rec.application.applied_at.or_else(|| {
        rec.status_changes
            .iter()
            .filter(|c| matches!(c.to, Status::Applied | Status::Interviewing))
            .map(|c| c.at)
            .min()
    });
    started
        .into_iter()
        .chain(rec.interviews.iter().map(|iv| iv.ends_at))
        .chain(rec.messages.iter().map(|m| m.at))
        .max()
}

/// R5: the kind, key and due instant of the one open check-in, if any; or,
/// under R9, of the no-answer question that takes its place.
fn check_in(
    rec: &ApplicationRecord,
    settings: &Settings,
    tz: Tz,
) -> Option<(Kind, String, DateTime<Utc>)> {
    // Validation refuses a shorter cadence; clamping here keeps the promise
    // "never more than once a week" even for settings that skipped it.
    let cadence = Days::new(
        settings
            .checkin_cadence_days
            .max(MIN_CHECKIN_CADENCE_DAYS)
            .into(),
    );
    let l_date = local_date(last_contact(rec)?, tz)?;
    let base = match rec
        .interviews
        .iter()
        .filter_map(|iv| iv.expected_reply_by)
        .max()
    {
        Some(e) if e >= l_date => e.checked_add_days(Days::new(1))?,
        _ => l_date.checked_add_days(cadence)?,
    };
    let last_sent = rec
        .messages
        .iter()
        .filter(|m| m.direction == Direction::Sent)
        .map(|m| m.at)
        .max();
    let earliest = match last_sent {
        Some(s) => base.max(local_date(s, tz)?.checked_add_days(Days::new(MIN_DAYS_AFTER_SENT))?),
        None => base,
    };
    let mut day = business_day_on_or_after(earliest)?;
    let mut silence = silence::Silence::of(rec, settings, tz);
    // Each closed candidate uses up one decision or message (or the one
    // restore R9 counts), so this bound is never reached by real data; it
    // only guards against a loop.
    for _ in 0..=rec.decisions.len() + rec.messages.len() + 1 {
        let key = format!("check_in:{}:{}", rec.application.id, day.format("%Y-%m-%d"));
        match silence.slot(rec, day) {
            // R9: the question instead of another check-in.
            silence::Slot::Ask(ask) => return Some((Kind::NoAnswer, ask, local_at(day, MORNING, tz))),
            silence::Slot::Spent => {}
            silence::Slot::CheckIn => {
                if !is_closed(rec, &key) {
                    return Some((Kind::CheckIn, key, local_at(day, MORNING, tz)));
                }
            }
        }
        // A skip counts the next one from the later of the skipped due date
        // and the moment of the skip: skipping an overdue check-in never
        // brings the next one back already overdue.
        let from = match rec.decision(&key) {
            Some(d) if d.state == DecisionState::Skipped => d
                .decided_at
                .and_then(|at| local_date(at, tz))
                .map_or(day, |skipped_on| day.max(skipped_on)),
            _ => day,
        };
        day = business_day_on_or_after(from.checked_add_days(cadence)?)?;
    }
    None
}

/// R6: the next business morning after the (latest) rejection.
fn keep_cv_due(rec: &ApplicationRecord, tz: Tz) -> Option<DateTime<Utc>> {
    let rejected_at = rec
        .status_changes
        .iter()
        .filter(|c| c.to == Status::Rejected)
        .map(|c| c.at)
        .max()
        .or_else(|| last_contact(rec))?;
    try_next_business_morning(rejected_at, tz)
}

fn is_closed(rec: &ApplicationRecord, key: &str) -> bool {
    let sent = rec
        .messages
        .iter()
        .any(|m| m.direction == Direction::Sent && m.followup_key.as_deref() == Some(key));
    let decided = rec
        .decision(key)
        .is_some_and(|d| matches!(d.state, DecisionState::Done | DecisionState::Skipped));
    sent || decided
}

/// Builds the follow-up unless it is closed, applying a snooze if there is one.
fn plan(
    rec: &ApplicationRecord,
    key: String,
    kind: Kind,
    contact_id: Option<&str>,
    interview_id: Option<&str>,
    due_at: DateTime<Utc>,
    closes_at: Option<DateTime<Utc>>,
) -> Option<Planned> {
    if is_closed(rec, &key) {
        return None;
    }
    let (due_at, snoozed) = match rec.decision(&key) {
        Some(d) if d.state == DecisionState::Snoozed => match d.snoozed_until {
            Some(until) => (until, true),
            None => (due_at, false),
        },
        _ => (due_at, false),
    };
    Some(Planned {
        followup: FollowUp {
            key,
            kind,
            application_id: rec.application.id.clone(),
            company: rec.application.company.clone(),
            contact_id: contact_id.map(str::to_owned),
            contact_name: contact_id
                .and_then(|id| rec.contact(id))
                .map(|c| c.name.clone()),
            interview_id: interview_id.map(str::to_owned),
            due_at,
            snoozed,
        },
        closes_at,
    })
}

#[cfg(test)]
mod tests;
