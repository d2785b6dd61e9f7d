//! The board: its cards (an application, its place in its column, its
//! next open follow-up, the last contact), adding an application, moving a
//! card and undoing a move, and the cards' positions within a column.

use super::*;

/// A card of the board: the application, its place in its column, its next
/// open follow-up and the last time anyone was in touch. The page gets only
/// what a card shows (`CardFields`): not the notes, location or source.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub application: Application,
    pub position: f64,
    pub next: Option<FollowUp>,
    pub open_followups: u32,
    pub last_contact: Option<DateTime<Utc>>,
    /// Names of the application's contacts, so the board's filter finds them.
    pub contacts: Vec<String>,
}

/// A card as the page gets it.
#[derive(Serialize)]
struct CardFields<'a> {
    id: &'a str,
    company: &'a str,
    role: &'a str,
    status: Status,
    job_url: Option<&'a str>,
    position: f64,
    next: Option<&'a FollowUp>,
    open_followups: u32,
    last_contact: Option<DateTime<Utc>>,
    contacts: &'a [String],
}

impl Serialize for Card {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let a = &self.application;
        CardFields {
            id: &a.id,
            company: &a.company,
            role: &a.role,
            status: a.status,
            job_url: a.job_url.as_deref(),
            position: self.position,
            next: self.next.as_ref(),
            open_followups: self.open_followups,
            last_contact: self.last_contact,
            contacts: &self.contacts,
        }
        .serialize(s)
    }
}

/// What a move of a card did, so that it can be undone.
#[derive(Debug, Clone, Serialize)]
pub struct Moved {
    pub card: Card,
    pub from: Status,
    /// Where the card was in its old column (for an Undo of a card the page did not hold).
    pub from_position: f64,
    pub to: Status,
    pub change_id: Option<i64>,
    /// The other cards of the column when the drop renumbered it (their new
    /// positions, issue 17), so the UI moves them without reading the board.
    pub renumbered: Vec<Placed>,
}

impl Store {
    /// The board (or, with `archived`, the archive): every card with its next
    /// follow-up at `now`.
    pub fn cards(&self, now: DateTime<Utc>, archived: bool) -> Result<Vec<Card>> {
        cards(&self.conn, now, archived, None)
    }

    pub fn card(&self, id: &str, now: DateTime<Utc>) -> Result<Card> {
        cards(&self.conn, now, true, Some(id))?
            .into_iter()
            .next()
            .ok_or_else(|| Error::NotFound(format!("no application with id {id}")))
    }

    pub fn add_application(&mut self, app: &CleanApplication, now: DateTime<Utc>) -> Result<Card> {
        let tz = self.tz;
        // "Applied on" today (the form's default) is now; an earlier day is its local noon.
        let today = now.with_timezone(&tz).date_naive();
        let applied_at = match app.applied_on {
            _ if app.status == Status::Wishlist => None,
            Some(d) if d > today => return Err(Error::invalid("applied_on", "Applied on cannot be in the future.")),
            Some(d) if d < today => Some(crate::input::applied_instant(d, tz)),
            _ => Some(now),
        };
        let id = self.write(|tx| {
            let id = new_id(tx, "a")?;
            insert_application(tx, &id, app, applied_at, now)?;
            refresh(tx, &id, tz)?;
            Ok(id)
        })?;
        self.card(&id, now)
    }

    /// Moves an application to `to`, at `position` within that column (end
    /// of the column when `None`), recording the status change with its time.
    pub fn move_application(
        &mut self,
        id: &str,
        to: Status,
        position: Option<f64>,
        now: DateTime<Utc>,
    ) -> Result<Moved> {
        let tz = self.tz;
        self.write(|tx| {
            let from: Status = current_status(tx, id)?;
            let from_position: f64 =
                tx.query_row("SELECT position FROM applications WHERE id = ?1", [id], |r| r.get(0))?;
            let (position, renumbered) = match position {
                Some(p) if p.is_finite() => make_room(tx, to, id, p)?,
                _ => (next_position(tx, to)?, vec![]),
            };
            let mut change_id = None;
            if from != to {
                tx.execute(
                    "INSERT INTO status_changes(application_id, at, from_status, to_status) VALUES (?1, ?2, ?3, ?4)",
                    params![id, ts(now), from.as_str(), to.as_str()],
                )?;
                change_id = Some(tx.last_insert_rowid());
                if to == Status::Applied {
                    tx.execute(
                        "UPDATE applications SET applied_at = ?2 WHERE id = ?1 AND applied_at IS NULL",
                        params![id, ts(now)],
                    )?;
                }
            }
            tx.execute(
                "UPDATE applications SET status = ?2, position = ?3, updated_at = ?4 WHERE id = ?1",
                params![id, to.as_str(), position, ts(now)],
            )?;
            refresh(tx, id, tz)?;
            Ok(Moved { card: changes::card_in(tx, id, now)?, from, from_position, to, change_id, renumbered })
        })
    }

    /// Undoes a move: deletes the status change it recorded and puts the
    /// card back where it was.
    pub fn undo_move(&mut self, id: &str, change_id: Option<i64>, back_to: Status, position: f64, now: DateTime<Utc>) -> Result<Card> {
        let tz = self.tz;
        self.write(|tx| {
            current_status(tx, id)?;
            if let Some(cid) = change_id {
                tx.execute("DELETE FROM status_changes WHERE id = ?1 AND application_id = ?2", params![cid, id])?;
            }
            tx.execute(
                "UPDATE applications SET status = ?2, position = ?3, updated_at = ?4 WHERE id = ?1",
                params![id, back_to.as_str(), position, ts(now)],
            )?;
            refresh(tx, id, tz)
        })?;
        self.card(id, now)
    }
}


pub(super) fn next_position(c: &Connection, status: Status) -> Result<f64> {
    Ok(c.query_row(
        "SELECT coalesce(max(position), 0) + 1 FROM applications WHERE status = ?1",
        [status.as_str()],
        |r| r.get(0),
    )?)
}

/// Inserts a new application, applied at `applied_at` (`None` for not yet).
pub(super) fn insert_application(
    c: &Connection,
    id: &str,
    app: &CleanApplication,
    applied_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<()> {
    let applied_at = applied_at.map(ts);
    c.execute(
        "INSERT INTO applications(id, company, role, status, applied_at, job_url, location, source, notes,
                                  position, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        params![
            id,
            app.company,
            app.role,
            app.status.as_str(),
            applied_at,
            app.job_url,
            app.location,
            app.source,
            app.notes,
            next_position(c, app.status)?,
            ts(now)
        ],
    )?;
    c.execute(
        "INSERT INTO status_changes(application_id, at, from_status, to_status) VALUES (?1, ?2, NULL, ?3)",
        params![id, ts(now), app.status.as_str()],
    )?;
    Ok(())
}

pub(super) fn cards(c: &Connection, now: DateTime<Utc>, archived: bool, only: Option<&str>) -> Result<Vec<Card>> {
    let cond = match (only, archived) {
        (Some(_), _) => "id = ?1",
        (None, false) => "?1 IS NULL AND status NOT IN ('accepted','withdrawn','ghosted')",
        (None, true) => "?1 IS NULL AND status IN ('accepted','withdrawn','ghosted')",
    };
    let mut st = c.prepare(&format!("SELECT {APP_COLS} FROM applications WHERE {cond} ORDER BY status, position, id"))?;
    let rows = st.query_map([only], app_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    fill(c, now, rows, only.is_none())
}

/// The cards of `apps` (each with its position): their next follow-up,
/// count of open ones, last contact and contact names. `all`: `apps` is a
/// whole board or archive, whose rows are read in one scan of each table;
/// otherwise (one card after a write, a page) they are read through the
/// indexes on application_id.
pub(super) fn fill(c: &Connection, now: DateTime<Utc>, apps: Vec<(Application, f64)>, all: bool) -> Result<Vec<Card>> {
    use rusqlite::types::Value;
    let mut out = Vec::with_capacity(apps.len());
    let mut index = HashMap::new();
    for (application, position) in apps {
        index.insert(application.id.clone(), out.len());
        out.push(Card { application, position, next: None, open_followups: 0, last_contact: None, contacts: vec![] });
    }
    if out.is_empty() {
        return Ok(out);
    }
    // The ids, when read by id, are the parameters from ?`first` on.
    let ids: Vec<Value> = if all { vec![] } else { out.iter().map(|card| Value::Text(card.application.id.clone())).collect() };
    let of = |col: &str, first: usize| match all {
        true => "1".to_owned(),
        false => format!("{col} IN ({})", (first..first + ids.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(",")),
    };
    // ?1 is now, then the ids.
    let mut with_now = vec![Value::Text(ts(now))];
    with_now.extend(ids.iter().cloned());
    let with_now = || rusqlite::params_from_iter(with_now.iter());
    {
        let mut st = c.prepare(&format!(
            "SELECT {FOLLOWUP_COLS} FROM followups
             WHERE {} AND (closes_at IS NULL OR closes_at > ?1)
             ORDER BY due_at, key",
            of("application_id", 2)
        ))?;
        let rows = st.query_map(with_now(), planned_from_row)?;
        for row in rows {
            let f = row?.followup;
            if let Some(&i) = index.get(&f.application_id) {
                let card = &mut out[i];
                card.open_followups += 1;
                if card.next.is_none() {
                    card.next = Some(f);
                }
            }
        }
    }
    {
        // Last contact: the latest message, or past interview end, or the application date.
        let mut st = c.prepare(&format!(
            "SELECT application_id, max(at) FROM (
                 SELECT application_id, at FROM messages WHERE {m}
                 UNION ALL SELECT application_id, ends_at FROM interviews
                     WHERE {m} AND ends_at <= ?1
                 UNION ALL SELECT id, applied_at FROM applications
                     WHERE {a} AND applied_at IS NOT NULL)
             GROUP BY application_id",
            m = of("application_id", 2),
            a = of("id", 2),
        ))?;
        let mut rows = st.query(with_now())?;
        while let Some(r) = rows.next()? {
            let app: String = r.get(0)?;
            if let Some(&i) = index.get(&app) {
                out[i].last_contact = parse_opt_ts(r.get(1)?)?;
            }
        }
    }
    {
        let mut st = c.prepare(&format!(
            "SELECT application_id, name FROM contacts WHERE {} ORDER BY application_id, ord",
            of("application_id", 1)
        ))?;
        let mut rows = st.query(rusqlite::params_from_iter(ids.iter()))?;
        while let Some(r) = rows.next()? {
            let app: String = r.get(0)?;
            if let Some(&i) = index.get(&app) {
                out[i].contacts.push(r.get(1)?);
            }
        }
    }
    Ok(out)
}

/// The gap below which two neighbouring positions are respaced: halving a
/// gap of 1 reaches it after ~20 drops at the same place, long before f64
/// runs out of digits.
pub(super) const MIN_GAP: f64 = 1e-6;

/// Where a card dropped at `wanted` in column `status` is stored. The UI
/// asks for the midpoint between its new neighbours; when that gap has
/// become too small, the other cards of the column are renumbered 1, 2, 3 …
/// (keeping their order) and the card goes half-way between the same
/// neighbours; the renumbered cards are returned with their new positions.
pub fn make_room(c: &Connection, status: Status, id: &str, wanted: f64) -> Result<(f64, Vec<Placed>)> {
    let neighbours: (Option<f64>, Option<f64>) = c.query_row(
        "SELECT (SELECT max(position) FROM applications WHERE status = ?1 AND id <> ?2 AND position < ?3),
                (SELECT min(position) FROM applications WHERE status = ?1 AND id <> ?2 AND position >= ?3)",
        params![status.as_str(), id, wanted],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let crowded = match neighbours {
        (Some(a), Some(b)) => b - a < 2.0 * MIN_GAP || wanted - a < MIN_GAP || b - wanted < MIN_GAP,
        (None, Some(b)) => b - wanted < MIN_GAP,
        (Some(a), None) => wanted - a < MIN_GAP,
        (None, None) => false,
    };
    if !crowded {
        return Ok((wanted, vec![]));
    }
    let before: i64 = c.query_row(
        "SELECT count(*) FROM applications WHERE status = ?1 AND id <> ?2 AND position < ?3",
        params![status.as_str(), id, wanted],
        |r| r.get(0),
    )?;
    let renumbered = changes::renumber(c, status, id)?;
    Ok((before as f64 + 0.5, renumbered))
}
