//! The "already notified" marks (table `notified`, schema v1) and the one
//! transaction that decides what to deliver and marks it, so that a reminder
//! is never shown twice for the same event, even across restarts (R7).

use super::{agenda, get_settings, parse_ts, ts, Store};
use crate::delivery::{self, Event, Mark, Plan};
use crate::error::Result;
use crate::model::FollowUp;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use std::collections::HashSet;

/// What one delivery pass decided, with what the tray shows.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub plan: Plan,
    /// The open follow-ups at `now`, as the plan saw them.
    pub open: Vec<FollowUp>,
}

impl Store {
    /// Decides what to notify at `now` and persists the marks in the same
    /// IMMEDIATE transaction: once this returns, these reminders count as
    /// sent. If showing one then fails for want of a notification server,
    /// [`Store::unmark`] takes its marks back so that it is tried again.
    pub fn plan_delivery(&mut self, now: DateTime<Utc>, started_at: DateTime<Utc>) -> Result<Delivery> {
        let tz = self.tz;
        self.write(|tx| {
            let open = agenda(tx, now)?;
            let settings = get_settings(tx)?;
            let notified = open_marks(tx)?;
            let plan = delivery::plan(&delivery::Input {
                followups: &open,
                notified: &notified,
                quiet_hours: settings.quiet_hours,
                tz,
                now,
                started_at,
            });
            mark(tx, &plan.marks, now)?;
            Ok(Delivery { plan, open })
        })
    }

    /// Takes back marks whose reminder could not be shown.
    pub fn unmark(&mut self, marks: &[Mark]) -> Result<()> {
        self.write(|tx| unmark(tx, marks))
    }

    /// Calls `f` whenever a transaction on this store commits (before the
    /// commit completes, while the caller still holds the store): the app's
    /// scheduler is woken by every write, whichever command made it.
    pub fn on_commit(&mut self, mut f: impl FnMut() + Send + 'static) -> Result<()> {
        self.conn.commit_hook(Some(move || {
            f();
            false // never turn the commit into a rollback
        }))?;
        Ok(())
    }

    /// Every mark, for tests and diagnostics.
    pub fn notified_marks(&self) -> Result<Vec<(Mark, DateTime<Utc>)>> {
        all_marks(&self.conn)
    }
}

/// The marks of the follow-ups that are open now (marks of closed ones can
/// never matter again, so they are not read).
pub fn open_marks(c: &Connection) -> Result<HashSet<Mark>> {
    let mut st = c.prepare_cached(
        "SELECT n.followup_key, n.event, n.due_at FROM notified n JOIN followups f ON f.key = n.followup_key",
    )?;
    let mut rows = st.query([])?;
    let mut out = HashSet::new();
    while let Some(r) = rows.next()? {
        let event: String = r.get(1)?;
        // An event this version does not know (written by a newer one) is
        // simply not one of ours.
        if let Some(event) = Event::parse(&event) {
            out.insert(Mark { key: r.get(0)?, event, due_at: parse_ts(&r.get::<_, String>(2)?)? });
        }
    }
    Ok(out)
}

pub fn all_marks(c: &Connection) -> Result<Vec<(Mark, DateTime<Utc>)>> {
    let mut st = c.prepare("SELECT followup_key, event, due_at, at FROM notified ORDER BY at, followup_key, event")?;
    let mut rows = st.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let event: String = r.get(1)?;
        if let Some(event) = Event::parse(&event) {
            out.push((
                Mark { key: r.get(0)?, event, due_at: parse_ts(&r.get::<_, String>(2)?)? },
                parse_ts(&r.get::<_, String>(3)?)?,
            ));
        }
    }
    Ok(out)
}

pub fn mark(c: &Connection, marks: &[Mark], at: DateTime<Utc>) -> Result<()> {
    let mut st = c.prepare_cached(
        "INSERT INTO notified(followup_key, event, due_at, at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(followup_key, event, due_at) DO NOTHING",
    )?;
    for m in marks {
        st.execute(params![m.key, m.event.as_str(), ts(m.due_at), ts(at)])?;
    }
    Ok(())
}

pub fn unmark(c: &Connection, marks: &[Mark]) -> Result<()> {
    let mut st = c.prepare_cached("DELETE FROM notified WHERE followup_key = ?1 AND event = ?2 AND due_at = ?3")?;
    for m in marks {
        st.execute(params![m.key, m.event.as_str(), ts(m.due_at)])?;
    }
    Ok(())
}

/// A mark as stored, every column as text: what a restore carries over.
pub(super) type RawMark = (String, String, String, String);

/// Every mark as stored, events this version does not know included.
pub(super) fn raw_marks(c: &Connection) -> Result<Vec<RawMark>> {
    let mut st = c.prepare("SELECT followup_key, event, due_at, at FROM notified")?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Puts `marks` back, keeping any mark already there.
pub(super) fn put_raw_marks(c: &Connection, marks: &[RawMark]) -> Result<()> {
    let mut st = c.prepare("INSERT OR IGNORE INTO notified(followup_key, event, due_at, at) VALUES (?1, ?2, ?3, ?4)")?;
    for m in marks {
        st.execute(params![m.0, m.1, m.2, m.3])?;
    }
    Ok(())
}
