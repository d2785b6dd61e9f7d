//! R7's snooze: which choices a follow-up offers and the instant each one
//! gives. A snooze only ever postpones: every choice is later than both the
//! present and the follow-up's current due time, so snoozing something that
//! is due on Friday can never make it due today.
//!
//! Pure, like cadence: `now` and the zone are arguments.

use crate::zone::{local_at, MORNING};
use crate::input::latest_date;
use crate::zone::Tz;
use crate::{Error, Result};
use chrono::{DateTime, Days, Duration, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

/// What the user chose.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "preset", rename_all = "snake_case")]
pub enum Snooze {
    /// One hour from now.
    Hour,
    /// 09:00 local on the next calendar day.
    Tomorrow,
    /// A chosen local date and time, `YYYY-MM-DDTHH:MM` as a datetime-local input gives it.
    At { local: String },
}

/// The choices a follow-up due at `due_at` offers at `now`: a preset is
/// `None` when it would not postpone it. `suggested` pre-fills the
/// "Snooze until…" dialog, whose input accepts `earliest` (exclusive: the
/// later of now and the due time) to `latest`, all local wall-clock times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choices {
    pub due_at: DateTime<Utc>,
    pub hour: Option<DateTime<Utc>>,
    pub tomorrow: Option<DateTime<Utc>>,
    pub suggested: NaiveDateTime,
    pub earliest: NaiveDateTime,
    pub latest: NaiveDate,
}

pub fn choices(due_at: DateTime<Utc>, now: DateTime<Utc>, tz: Tz) -> Choices {
    let later = |t: DateTime<Utc>| (t > due_at).then_some(t);
    let floor = due_at.max(now);
    let floor_local = wall(tz, floor);
    // 09:00 on the day after the due time (or today, when it is long overdue).
    let suggested_day = floor_local.date().checked_add_days(Days::new(1)).unwrap_or(floor_local.date());
    Choices {
        due_at,
        hour: later(now + Duration::hours(1)),
        tomorrow: tomorrow_morning(now, tz).and_then(later),
        suggested: suggested_day.and_time(MORNING),
        earliest: floor_local,
        latest: latest_date(wall(tz, now).date()),
    }
}

/// The instant `choice` gives for a follow-up due at `due_at`, or why it is
/// refused (field `snoozed_until`).
pub fn resolve(choice: &Snooze, due_at: DateTime<Utc>, now: DateTime<Utc>, tz: Tz) -> Result<DateTime<Utc>> {
    let offered = choices(due_at, now, tz);
    let postpone_only = || {
        Error::invalid(
            "snoozed_until",
            format!(
                "A snooze only postpones: this is already due {}. Choose a later time.",
                wall(tz, due_at).format("%a %-d %b, %H:%M")
            ),
        )
    };
    match choice {
        Snooze::Hour => offered.hour.ok_or_else(postpone_only),
        Snooze::Tomorrow => offered.tomorrow.ok_or_else(postpone_only),
        Snooze::At { local } => {
            let naive = NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M")
                .map_err(|_| Error::invalid("snoozed_until", "Choose a date and a time."))?;
            if naive.date() > offered.latest {
                return Err(Error::invalid(
                    "snoozed_until",
                    format!("Choose a date on or before {}.", offered.latest.format("%-d %b %Y")),
                ));
            }
            let at = local_at(naive.date(), naive.time(), tz);
            if at <= now {
                return Err(Error::invalid("snoozed_until", "Choose a time in the future."));
            }
            if at <= due_at {
                return Err(postpone_only());
            }
            Ok(at)
        }
    }
}

fn wall(tz: Tz, t: DateTime<Utc>) -> NaiveDateTime {
    t.with_timezone(&tz).naive_local()
}

/// 09:00 local on the calendar day after `now`'s.
fn tomorrow_morning(now: DateTime<Utc>, tz: Tz) -> Option<DateTime<Utc>> {
    let day = wall(tz, now).date().checked_add_days(Days::new(1))?;
    Some(local_at(day, MORNING, tz))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{t, Berlin};

    fn at(local: &str) -> Snooze {
        Snooze::At { local: local.into() }
    }

    #[test]
    fn the_reported_case_tomorrow_morning_would_bring_friday_forward_so_it_is_not_offered() {
        // 02:13 on Wed 2 Dec (Berlin), a check-in due Fri 4 Dec 09:00.
        let now = t("2026-12-02T01:13:00Z");
        let due = t("2026-12-04T08:00:00Z");
        let c = choices(due, now, Berlin);
        assert_eq!((c.hour, c.tomorrow), (None, None));
        assert_eq!(resolve(&Snooze::Tomorrow, due, now, Berlin).unwrap_err().field(), Some("snoozed_until"));
        assert!(resolve(&Snooze::Hour, due, now, Berlin).is_err());
        // The dialog starts on the day after the due date, never before it.
        assert_eq!(c.suggested.to_string(), "2026-12-05 09:00:00");
        assert_eq!(c.earliest.to_string(), "2026-12-04 09:00:00");
    }

    #[test]
    fn the_dialog_for_one_due_on_the_16th_suggests_the_17th() {
        let c = choices(t("2026-12-16T08:00:00Z"), t("2026-12-02T01:13:00Z"), Berlin);
        assert_eq!(c.suggested.to_string(), "2026-12-17 09:00:00");
    }

    #[test]
    fn tomorrow_morning_is_the_next_calendar_day_even_on_a_friday() {
        // Due now (Fri 4 Dec 09:00), at 10:00: tomorrow is Saturday 09:00.
        let now = t("2026-12-04T09:00:00Z");
        let due = t("2026-12-04T08:00:00Z");
        assert_eq!(resolve(&Snooze::Tomorrow, due, now, Berlin).unwrap(), t("2026-12-05T08:00:00Z"));
        assert_eq!(resolve(&Snooze::Hour, due, now, Berlin).unwrap(), t("2026-12-04T10:00:00Z"));
    }

    #[test]
    fn an_overdue_follow_up_offers_everything_from_now_on() {
        let now = t("2026-12-10T12:00:00Z");
        let due = t("2026-11-16T08:00:00Z");
        let c = choices(due, now, Berlin);
        assert_eq!(c.hour, Some(t("2026-12-10T13:00:00Z")));
        assert_eq!(c.tomorrow, Some(t("2026-12-11T08:00:00Z")));
        assert_eq!(c.earliest.to_string(), "2026-12-10 13:00:00");
        assert_eq!(c.suggested.to_string(), "2026-12-11 09:00:00");
    }

    #[test]
    fn a_chosen_time_must_be_later_than_now_and_the_due_time_and_within_the_bound() {
        let now = t("2026-12-02T01:13:00Z");
        let due = t("2026-12-04T08:00:00Z");
        let refused = |local: &str| resolve(&at(local), due, now, Berlin).unwrap_err().to_string();
        assert_eq!(refused("2026-12-01T10:00"), "Choose a time in the future.");
        assert!(refused("2026-12-03T10:00").starts_with("A snooze only postpones: this is already due Fri 4 Dec, 09:00."));
        assert!(refused("2026-12-04T09:00").starts_with("A snooze only postpones"));
        assert_eq!(refused("9999-12-31T10:00"), "Choose a date on or before 2 Dec 2028.");
        assert_eq!(refused("soon"), "Choose a date and a time.");
        assert_eq!(resolve(&at("2026-12-04T09:01"), due, now, Berlin).unwrap(), t("2026-12-04T08:01:00Z"));
        assert_eq!(resolve(&at("2028-12-02T09:00"), due, now, Berlin).unwrap(), t("2028-12-02T08:00:00Z"));
    }
}
