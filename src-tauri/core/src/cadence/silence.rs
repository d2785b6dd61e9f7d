//! R9, silence (DESIGN §2): after N check-ins with no answer since the first
//! of them, the check-in slot becomes one question, "No answer — close it or
//! keep waiting?", instead of yet another note to someone who is not
//! answering. Pure, like the rest of `cadence`.
//!
//! - A check-in counts as sent when a sent message carries its key (at the
//!   message's time) or when it was marked done (at its due time, 09:00 local
//!   on its key's date: a decision has no time of its own). Each key counts
//!   once; skipped check-ins were not sent.
//! - An answer is a received message or an interview (at its end): either
//!   after a check-in means the company did not go silent.
//! - *Keep waiting* closes the question (done or skipped): that slot is
//!   spent and the next check-in comes one cadence later; once it is sent,
//!   the question comes again. Moving the application back out of `ghosted`
//!   after the last check-in (a restore from the archive) counts as keep
//!   waiting too.

use crate::zone::{local_at, MORNING};
use crate::model::{ApplicationRecord, DecisionState, Direction, Kind, Settings, Status};
use crate::zone::Tz;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeMap;

/// Where one application stands against R9, worked out once per recompute.
pub(super) struct Silence {
    /// True while the next slot is the question rather than a check-in.
    asks: bool,
    /// The application was restored from `ghosted` after the last check-in:
    /// the first question is answered "keep waiting" already.
    restored: bool,
    /// The local date of the last check-in sent: slots up to it are the
    /// check-ins already counted (marked done), never the question.
    after: Option<NaiveDate>,
}

impl Silence {
    pub(super) fn of(rec: &ApplicationRecord, settings: &Settings, tz: Tz) -> Silence {
        let sent = check_ins_sent(rec, tz);
        let answered = last_answer(rec);
        let unanswered = sent.iter().filter(|&&at| answered.is_none_or(|a| at > a)).count();
        let last_sent = sent.iter().max().copied();
        let restored = last_sent.is_some_and(|s| {
            rec.status_changes
                .iter()
                .any(|c| c.from == Some(Status::Ghosted) && c.at > s)
        });
        let limit = settings.no_answer_after_checkins.max(1) as usize;
        let after = last_sent.and_then(|s| super::local_date(s, tz));
        Silence { asks: unanswered >= limit, restored, after }
    }

    /// Whether the slot at hand is the question, with its key, or a
    /// check-in. A question already answered "keep waiting" spends the slot
    /// (the caller moves one cadence on) and turns the next slot back into
    /// a check-in.
    pub(super) fn slot(&mut self, rec: &ApplicationRecord, day: NaiveDate) -> Slot {
        if !self.asks || self.after.is_some_and(|a| day <= a) {
            return Slot::CheckIn;
        }
        let key = key(&rec.application.id, day);
        if self.restored || super::is_closed(rec, &key) {
            self.asks = false;
            self.restored = false;
            return Slot::Spent;
        }
        Slot::Ask(key)
    }
}

/// What the R5 slot on one day holds under R9.
pub(super) enum Slot {
    CheckIn,
    Ask(String),
    Spent,
}

/// `no_answer:<application>:<YYYY-MM-DD>`: the date is the day the next
/// check-in would have been, as in check-in keys.
pub fn key(application: &str, day: NaiveDate) -> String {
    format!("{}:{}:{}", Kind::NoAnswer.as_str(), application, day.format("%Y-%m-%d"))
}

/// When each of the application's check-ins was sent, one per key.
fn check_ins_sent(rec: &ApplicationRecord, tz: Tz) -> Vec<DateTime<Utc>> {
    let prefix = format!("{}:{}:", Kind::CheckIn.as_str(), rec.application.id);
    let mut by_key: BTreeMap<&str, DateTime<Utc>> = BTreeMap::new();
    for m in rec.messages.iter().filter(|m| m.direction == Direction::Sent) {
        if let Some(k) = m.followup_key.as_deref().filter(|k| k.starts_with(&prefix)) {
            let at = by_key.entry(k).or_insert(m.at);
            *at = (*at).min(m.at);
        }
    }
    for d in rec.decisions.iter().filter(|d| d.state == DecisionState::Done) {
        let Some(day) = d.followup_key.strip_prefix(&prefix) else { continue };
        let Ok(day) = NaiveDate::parse_from_str(day, "%Y-%m-%d") else { continue };
        by_key.entry(&d.followup_key).or_insert_with(|| local_at(day, MORNING, tz));
    }
    by_key.into_values().collect()
}

/// The latest sign of life from the company: a received message or an interview's end.
fn last_answer(rec: &ApplicationRecord) -> Option<DateTime<Utc>> {
    rec.messages
        .iter()
        .filter(|m| m.direction == Direction::Received)
        .map(|m| m.at)
        .chain(rec.interviews.iter().map(|iv| iv.ends_at))
        .max()
}
