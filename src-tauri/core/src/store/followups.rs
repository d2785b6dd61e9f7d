//! The stored follow-ups (table `followups`): each application's open
//! follow-ups, recomputed by the cadence rules in the same transaction as
//! any write to that application, so that the agenda is one indexed scan
//! whatever the length of the history; the user's decisions about them;
//! and [`Store::verify_followups`], which checks the stored result against
//! a fresh computation.

use super::*;

impl Store {
    /// Every follow-up open at `now`, sorted by due time.
    pub fn agenda(&self, now: DateTime<Utc>) -> Result<Vec<FollowUp>> {
        agenda(&self.conn, now)
    }

    /// Of the agenda at `now`: how many are due, and the next instant one
    /// falls due. Counted by SQLite, without reading the follow-ups (stored
    /// instants are all in `ts` form, so their text order is time order).
    pub fn agenda_summary(&self, now: DateTime<Utc>) -> Result<(usize, Option<DateTime<Utc>>)> {
        let mut st = self.conn.prepare_cached(
            "SELECT count(*) FILTER (WHERE due_at <= ?1), min(due_at) FILTER (WHERE due_at > ?1)
             FROM followups WHERE closes_at IS NULL OR closes_at > ?1",
        )?;
        let (due, next): (i64, Option<String>) = st.query_row([ts(now)], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok((due as usize, next.as_deref().map(parse_ts).transpose()?))
    }

    /// True when the stored follow-ups equal a fresh computation from the facts.
    pub fn verify_followups(&self) -> Result<bool> {
        let settings = self.settings()?;
        let mut fresh: Vec<cadence::Planned> = self
            .all_records()?
            .iter()
            .flat_map(|r| cadence::followups(r, &settings, self.tz))
            .filter(|p| storable(p.followup.due_at) && p.closes_at.is_none_or(storable))
            .collect();
        fresh.sort_by(|a, b| a.followup.key.cmp(&b.followup.key));
        let mut stored = stored_followups(&self.conn, None)?;
        stored.sort_by(|a, b| a.followup.key.cmp(&b.followup.key));
        Ok(fresh == stored)
    }

    /// Records the user's decision about a follow-up (done, skipped, snoozed
    /// until an instant, or open again), keeping any edited draft.
    pub fn decide(
        &mut self,
        key: &str,
        state: DecisionState,
        snoozed_until: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        if state == DecisionState::Snoozed && snoozed_until.is_none() {
            return Err(Error::invalid("snoozed_until", "Choose when to be reminded again."));
        }
        let tz = self.tz;
        self.write(|tx| {
            let app = application_of_key(tx, key)?;
            let decided_at = (state != DecisionState::Open).then_some(now);
            put_decision(tx, key, &app, state, snoozed_until, now, decided_at)?;
            refresh(tx, &app, tz)
        })
    }
}

/// Writes the decision about follow-up `key` of application `app` (a new row,
/// or the state, snooze and times of the existing one: its draft is kept).
pub(super) fn put_decision(
    c: &Connection,
    key: &str,
    app: &str,
    state: DecisionState,
    snoozed_until: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    decided_at: Option<DateTime<Utc>>,
) -> Result<()> {
    c.execute(
        "INSERT INTO decisions(followup_key, application_id, state, snoozed_until, updated_at, decided_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(followup_key, application_id) DO UPDATE SET state = excluded.state,
             snoozed_until = excluded.snoozed_until, updated_at = excluded.updated_at,
             decided_at = excluded.decided_at",
        params![key, app, state.as_str(), snoozed_until.map(ts), ts(now), decided_at.map(ts)],
    )?;
    Ok(())
}


/// Recomputes one application's stored follow-ups from its facts.
pub fn refresh(c: &Connection, application_id: &str, tz: Tz) -> Result<()> {
    let settings = get_settings(c)?;
    refresh_with(c, application_id, &settings, tz)
}

pub(super) fn refresh_with(c: &Connection, application_id: &str, settings: &Settings, tz: Tz) -> Result<()> {
    c.execute("DELETE FROM followups WHERE application_id = ?1", [application_id])?;
    let rec = match load_record(c, application_id) {
        Ok(r) => r,
        Err(Error::NotFound(_)) => return Ok(()),
        Err(e) => return Err(e),
    };
    keep_search_text(c, &rec)?;
    store_planned(c, &cadence::followups(&rec, settings, tz))
}

/// The text the board's search reads (pages.rs): the application's company,
/// role and contact names, folded, kept with every refresh.
pub(super) fn keep_search_text(c: &Connection, rec: &ApplicationRecord) -> Result<()> {
    let a = &rec.application;
    let text = crate::search::text(&a.company, &a.role, rec.contacts.iter().map(|k| k.name.as_str()));
    c.execute("UPDATE applications SET search = ?2 WHERE id = ?1 AND search IS NOT ?2", params![a.id, text])?;
    Ok(())
}

pub(super) fn refresh_all(c: &Connection, settings: &Settings, tz: Tz) -> Result<()> {
    c.execute("DELETE FROM followups", [])?;
    for rec in load_all_records(c)? {
        keep_search_text(c, &rec)?;
        store_planned(c, &cadence::followups(&rec, settings, tz))?;
    }
    Ok(())
}

/// After a change of zone: a check-in's (or R9 question's) key holds its
/// local due date, which may move with the zone (an application sent at
/// 23:30 UTC is on another day in New York than in Berlin, and a weekend
/// then moves it to Monday). A decision about such a follow-up is carried
/// over to the key it has now: the follow-up computed in the new zone that
/// has no decision takes the decision, of the same application and kind,
/// whose key is at most three days away and is no longer computed. Check-ins
/// are at least a week apart, so at most one decision is that close.
pub(super) fn carry_dated_decisions(c: &Connection, settings: &Settings, tz: Tz) -> Result<()> {
    for mut rec in load_all_records(c)? {
        let id = rec.application.id.clone();
        for _ in 0..=rec.decisions.len() {
            let planned = cadence::followups(&rec, settings, tz);
            let mut moved = None;
            'find: for p in &planned {
                let key = &p.followup.key;
                if !matches!(p.followup.kind, Kind::CheckIn | Kind::NoAnswer)
                    || rec.decisions.iter().any(|d| &d.followup_key == key)
                {
                    continue;
                }
                let Some((prefix, date)) = key.rsplit_once(':') else { continue };
                let Ok(date) = NaiveDate::parse_from_str(date, "%Y-%m-%d") else { continue };
                for delta in [-1i64, 1, -2, 2, -3, 3] {
                    let Some(near) = date.checked_add_signed(chrono::Duration::days(delta)) else { continue };
                    let old = format!("{prefix}:{}", near.format("%Y-%m-%d"));
                    if let Some(i) = rec.decisions.iter().position(|d| d.followup_key == old) {
                        if !planned.iter().any(|q| q.followup.key == old) {
                            moved = Some((i, key.clone()));
                            break 'find;
                        }
                    }
                }
            }
            let Some((i, to)) = moved else { break };
            c.execute(
                "UPDATE decisions SET followup_key = ?3 WHERE followup_key = ?1 AND application_id = ?2",
                params![rec.decisions[i].followup_key, id, to],
            )?;
            rec.decisions[i].followup_key = to;
        }
    }
    Ok(())
}

pub(super) fn store_planned(c: &Connection, planned: &[cadence::Planned]) -> Result<()> {
    let mut st = c.prepare_cached(
        "INSERT INTO followups(key, application_id, kind, company, contact_id, contact_name, interview_id,
                               due_at, snoozed, closes_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for p in planned {
        let f = &p.followup;
        // A follow-up due after the year 9999 will never come due: it is not
        // stored (its text would sort before every other and read as overdue).
        if !storable(f.due_at) || p.closes_at.is_some_and(|t| !storable(t)) {
            continue;
        }
        st.execute(params![
            f.key,
            f.application_id,
            f.kind.as_str(),
            f.company,
            f.contact_id,
            f.contact_name,
            f.interview_id,
            ts(f.due_at),
            f.snoozed,
            p.closes_at.map(ts)
        ])?;
    }
    Ok(())
}

pub(super) const FOLLOWUP_COLS: &str =
    "key, kind, application_id, company, contact_id, contact_name, interview_id, due_at, snoozed, closes_at";

pub(super) fn planned_from_row(r: &Row) -> rusqlite::Result<cadence::Planned> {
    Ok(cadence::Planned {
        followup: FollowUp {
            key: r.get(0)?,
            kind: parse_wire(r.get_ref(1)?.as_str()?)?,
            application_id: r.get(2)?,
            company: r.get(3)?,
            contact_id: r.get(4)?,
            contact_name: r.get(5)?,
            interview_id: r.get(6)?,
            due_at: parse_ts(r.get_ref(7)?.as_str()?)?,
            snoozed: r.get(8)?,
        },
        closes_at: r.get_ref(9)?.as_str_or_null()?.map(parse_ts).transpose()?,
    })
}

pub(super) fn stored_followups(c: &Connection, application_id: Option<&str>) -> Result<Vec<cadence::Planned>> {
    // Through the index on application_id when there is one (`?1 IS NULL OR …` would scan).
    let scope = if application_id.is_some() { "application_id = ?1" } else { "?1 IS NULL" };
    let mut st = c.prepare(&format!("SELECT {FOLLOWUP_COLS} FROM followups WHERE {scope} ORDER BY due_at, key"))?;
    let rows = st.query_map([application_id], planned_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn agenda(c: &Connection, now: DateTime<Utc>) -> Result<Vec<FollowUp>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {FOLLOWUP_COLS} FROM followups WHERE closes_at IS NULL OR closes_at > ?1 ORDER BY due_at, key"
    ))?;
    let rows = st.query_map([ts(now)], |r| planned_from_row(r).map(|p| p.followup))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The open follow-ups of one application at `now`.
pub fn application_followups(c: &Connection, application_id: &str, now: DateTime<Utc>) -> Result<Vec<FollowUp>> {
    Ok(stored_followups(c, Some(application_id))?
        .into_iter()
        .filter(|p| p.closes_at.is_none_or(|t| t > now))
        .map(|p| p.followup)
        .collect())
}

/// The application a follow-up key belongs to: from the open follow-ups,
/// else from an earlier decision about it.
pub(super) fn application_of_key(c: &Connection, key: &str) -> Result<String> {
    let found: Option<String> = c
        .query_row(
            "SELECT application_id FROM followups WHERE key = ?1
             UNION ALL SELECT application_id FROM decisions WHERE followup_key = ?1 LIMIT 1",
            [key],
            |r| r.get(0),
        )
        .optional()?;
    found.ok_or_else(|| Error::NotFound(format!("no follow-up {key}: it may have been closed already")))
}
