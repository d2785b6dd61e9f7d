//! The facts: settings, and each application with its contacts,
//! interviews, status changes, messages and decisions, read whole
//! ([`load_record`], [`load_all_records`]: one query per table) and
//! inserted whole ([`insert_record`], for the import and for Undo of a
//! deletion).

use super::*;

impl Store {
    pub fn settings(&self) -> Result<Settings> {
        get_settings(&self.conn)
    }

    pub fn application_count(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM applications", [], |r| r.get(0))?)
    }

    pub fn record(&self, id: &str) -> Result<ApplicationRecord> {
        load_record(&self.conn, id)
    }

    /// Every application with all its facts, in board order.
    pub fn all_records(&self) -> Result<Vec<ApplicationRecord>> {
        load_all_records(&self.conn)
    }

    pub fn set_settings(&mut self, settings: &Settings) -> Result<()> {
        if let Some(p) = settings.problem() {
            return Err(Error::invalid(p.field, p.message()));
        }
        settings.check().map_err(|(field, m)| Error::invalid(field, m))?;
        let tz = self.tz;
        self.write(|tx| {
            put_settings(tx, settings)?;
            refresh_all(tx, settings, tz)
        })
    }

    /// Test support: inserts `records` as given (and `settings` first),
    /// without the import's checks, and computes their follow-ups. The app
    /// loads its sample through the import (`format::load_sample`).
    #[cfg(test)]
    pub fn insert_records(&mut self, records: &[ApplicationRecord], settings: Option<&Settings>, now: DateTime<Utc>) -> Result<()> {
        let tz = self.tz;
        let records: Vec<&ApplicationRecord> = records.iter().collect();
        self.write(|tx| interchange::insert(tx, &records, settings, tz, now))
    }
}


pub fn get_settings(c: &Connection) -> Result<Settings> {
    let raw: Option<String> =
        c.query_row("SELECT value FROM settings WHERE key = 'settings'", [], |r| r.get(0)).optional()?;
    let Some(raw) = raw else { return Ok(Settings::default()) };
    // Overlay the stored values on the defaults, so that a setting added in a
    // later version gets its default.
    let mut value = serde_json::to_value(Settings::default()).map_err(|e| Error::Io(e.to_string()))?;
    let stored: serde_json::Value = serde_json::from_str(&raw).map_err(|e| Error::Io(format!("stored settings: {e}")))?;
    if let (Some(base), Some(over)) = (value.as_object_mut(), stored.as_object()) {
        for (k, v) in over {
            base.insert(k.clone(), v.clone());
        }
    }
    serde_json::from_value(value).map_err(|e| Error::Io(format!("stored settings: {e}")))
}

pub(super) fn put_settings(c: &Connection, s: &Settings) -> Result<()> {
    s.check().map_err(|(field, m)| Error::invalid(field, m))?;
    let json = serde_json::to_string(s).map_err(|e| Error::Io(e.to_string()))?;
    c.execute(
        "INSERT INTO settings(key, value) VALUES ('settings', ?1)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [json],
    )?;
    Ok(())
}

/// A fresh id such as `a-3f9c2e1b7d04`, unique in its table.
pub(super) fn new_id(c: &Connection, prefix: &str) -> Result<String> {
    Ok(c.query_row("SELECT ?1 || '-' || lower(hex(randomblob(6)))", [prefix], |r| r.get(0))?)
}

pub(super) fn current_status(c: &Connection, id: &str) -> Result<Status> {
    let s: Option<String> =
        c.query_row("SELECT status FROM applications WHERE id = ?1", [id], |r| r.get(0)).optional()?;
    let s = s.ok_or_else(|| Error::NotFound(format!("no application with id {id}")))?;
    Ok(parse_wire(&s)?)
}

/// Inserts one application with all its facts, as given.
pub fn insert_record(c: &Connection, r: &ApplicationRecord, now: DateTime<Utc>) -> Result<()> {
    let a = &r.application;
    c.execute(
        "INSERT INTO applications(id, company, role, status, applied_at, job_url, location, source, notes,
                                  position, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        params![
            a.id,
            a.company,
            a.role,
            a.status.as_str(),
            a.applied_at.map(ts),
            a.job_url,
            a.location,
            a.source,
            a.notes,
            next_position(c, a.status)?,
            ts(now)
        ],
    )?;
    for (i, ct) in r.contacts.iter().enumerate() {
        c.execute(
            "INSERT INTO contacts(id, application_id, name, title, email, linkedin_url, linkedin_consent, ord)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![ct.id, a.id, ct.name, ct.title, ct.email, ct.linkedin_url, ct.linkedin_consent.as_str(), i as i64],
        )?;
    }
    for iv in &r.interviews {
        c.execute(
            "INSERT INTO interviews(id, application_id, starts_at, ends_at, format, went, physical_note,
                                    next_steps, expected_reply_by, calendar_uid, calendar_sequence)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                iv.id, a.id, ts(iv.starts_at), ts(iv.ends_at), iv.format.as_str(),
                iv.went.map(Went::as_str), iv.physical_note, iv.next_steps, iv.expected_reply_by.map(|d| d.to_string()),
                iv.calendar.as_ref().map(|c| &c.uid), iv.calendar.as_ref().map(|c| c.sequence)
            ],
        )?;
        for (i, cid) in iv.interviewer_ids.iter().enumerate() {
            c.execute(
                "INSERT INTO interview_contacts(interview_id, contact_id, ord) VALUES (?1, ?2, ?3)",
                params![iv.id, cid, i as i64],
            )?;
        }
    }
    for s in &r.status_changes {
        c.execute(
            "INSERT INTO status_changes(application_id, at, from_status, to_status) VALUES (?1, ?2, ?3, ?4)",
            params![a.id, ts(s.at), s.from.map(Status::as_str), s.to.as_str()],
        )?;
    }
    for m in &r.messages {
        insert_message(c, &a.id, m)?;
    }
    for d in &r.decisions {
        c.execute(
            "INSERT INTO decisions(followup_key, application_id, state, snoozed_until, draft, updated_at, decided_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![d.followup_key, a.id, d.state.as_str(), d.snoozed_until.map(ts), d.draft, ts(now),
                    d.decided_at.map(ts)],
        )?;
    }
    Ok(())
}

pub fn insert_message(c: &Connection, application_id: &str, m: &Message) -> Result<()> {
    c.execute(
        "INSERT INTO messages(application_id, at, direction, channel, followup_key, contact_id, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![application_id, ts(m.at), m.direction.as_str(), m.channel.as_str(), m.followup_key, m.contact_id, m.body],
    )?;
    Ok(())
}

/// Deletes an application and everything about it (the foreign keys
/// cascade): the step of [`Store::delete`], the UI's delete, which first
/// keeps a copy for Undo.
pub(super) fn delete_application(c: &Connection, id: &str) -> Result<()> {
    c.execute("DELETE FROM applications WHERE id = ?1", [id])?;
    Ok(())
}

pub(super) const APP_COLS: &str =
    "id, company, role, status, applied_at, job_url, location, source, notes, position";

pub(super) fn app_from_row(r: &Row) -> rusqlite::Result<(Application, f64)> {
    Ok((
        Application {
            id: r.get(0)?,
            company: r.get(1)?,
            role: r.get(2)?,
            status: parse_wire(&r.get::<_, String>(3)?)?,
            applied_at: parse_opt_ts(r.get(4)?)?,
            job_url: r.get(5)?,
            location: r.get(6)?,
            source: r.get(7)?,
            notes: r.get(8)?,
        },
        r.get(9)?,
    ))
}

pub(super) fn empty_record(a: Application) -> ApplicationRecord {
    ApplicationRecord {
        application: a,
        contacts: vec![],
        interviews: vec![],
        status_changes: vec![],
        messages: vec![],
        decisions: vec![],
    }
}

pub fn load_record(c: &Connection, id: &str) -> Result<ApplicationRecord> {
    let mut recs = load_records(c, Some(id))?;
    recs.pop().ok_or_else(|| Error::NotFound(format!("no application with id {id}")))
}

pub fn load_all_records(c: &Connection) -> Result<Vec<ApplicationRecord>> {
    load_records(c, None)
}

/// Loads one application (`only`) or all of them, one query per table.
pub(super) fn load_records(c: &Connection, only: Option<&str>) -> Result<Vec<ApplicationRecord>> {
    let mut recs: Vec<ApplicationRecord> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    {
        let filter = if only.is_some() { "id = ?1" } else { "?1 IS NULL" };
        let mut st = c.prepare(&format!("SELECT {APP_COLS} FROM applications WHERE {filter} ORDER BY status, position, id"))?;
        let rows = st.query_map([only], app_from_row)?;
        for row in rows {
            let (a, _) = row?;
            index.insert(a.id.clone(), recs.len());
            recs.push(empty_record(a));
        }
    }
    if recs.is_empty() {
        return Ok(recs);
    }
    let rows = Rows { c, only, index: &index };
    let cols = "id, name, title, email, linkedin_url, linkedin_consent";
    rows.each("contacts", cols, "ord, id", &mut recs, |rec, r| {
        rec.contacts.push(Contact {
            id: r.get(1)?,
            name: r.get(2)?,
            title: r.get(3)?,
            email: r.get(4)?,
            linkedin_url: r.get(5)?,
            linkedin_consent: parse_wire(&r.get::<_, String>(6)?)?,
        });
        Ok(())
    })?;
    let mut interviewers: HashMap<String, Vec<String>> = HashMap::new();
    {
        let sql = match only {
            Some(_) => "SELECT ic.interview_id, ic.contact_id FROM interview_contacts ic
                        JOIN interviews i ON i.id = ic.interview_id WHERE i.application_id = ?1
                        ORDER BY ic.interview_id, ic.ord",
            None => "SELECT interview_id, contact_id FROM interview_contacts WHERE ?1 IS NULL
                     ORDER BY interview_id, ord",
        };
        let mut st = c.prepare(sql)?;
        let mut rows = st.query([only])?;
        while let Some(r) = rows.next()? {
            interviewers.entry(r.get(0)?).or_default().push(r.get(1)?);
        }
    }
    let cols = "id, starts_at, ends_at, format, went, physical_note, next_steps, expected_reply_by,
                calendar_uid, calendar_sequence";
    rows.each("interviews", cols, "starts_at, id", &mut recs, |rec, r| {
        let id: String = r.get(1)?;
        let went: Option<String> = r.get(5)?;
        let reply: Option<String> = r.get(8)?;
        rec.interviews.push(Interview {
            interviewer_ids: interviewers.remove(&id).unwrap_or_default(),
            id,
            starts_at: parse_ts(&r.get::<_, String>(2)?)?,
            ends_at: parse_ts(&r.get::<_, String>(3)?)?,
            format: parse_wire(&r.get::<_, String>(4)?)?,
            went: went.as_deref().map(parse_wire).transpose()?,
            physical_note: r.get(6)?,
            next_steps: r.get(7)?,
            expected_reply_by: reply
                .as_deref()
                .map(|d| {
                    NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|e| {
                        rusqlite::Error::FromSqlConversionFailure(8, rusqlite::types::Type::Text, Box::new(e))
                    })
                })
                .transpose()?,
            calendar: match (r.get::<_, Option<String>>(9)?, r.get::<_, Option<u32>>(10)?) {
                (Some(uid), seq) => Some(CalendarRef { uid, sequence: seq.unwrap_or(0) }),
                (None, _) => None,
            },
        });
        Ok(())
    })?;
    rows.each("status_changes", "at, from_status, to_status", "at, id", &mut recs, |rec, r| {
        let from: Option<String> = r.get(2)?;
        rec.status_changes.push(StatusChange {
            at: parse_ts(&r.get::<_, String>(1)?)?,
            from: from.as_deref().map(parse_wire).transpose()?,
            to: parse_wire(&r.get::<_, String>(3)?)?,
        });
        Ok(())
    })?;
    let cols = "at, direction, channel, followup_key, contact_id, body";
    rows.each("messages", cols, "at, id", &mut recs, |rec, r| {
        rec.messages.push(Message {
            at: parse_ts(&r.get::<_, String>(1)?)?,
            direction: parse_wire(&r.get::<_, String>(2)?)?,
            channel: parse_wire(&r.get::<_, String>(3)?)?,
            followup_key: r.get(4)?,
            contact_id: r.get(5)?,
            body: r.get(6)?,
        });
        Ok(())
    })?;
    let cols = "followup_key, state, snoozed_until, draft, decided_at";
    rows.each("decisions", cols, "followup_key", &mut recs, |rec, r| {
        rec.decisions.push(Decision {
            followup_key: r.get(1)?,
            state: parse_wire(&r.get::<_, String>(2)?)?,
            snoozed_until: parse_opt_ts(r.get(3)?)?,
            draft: r.get(4)?,
            decided_at: parse_opt_ts(r.get(5)?)?,
        });
        Ok(())
    })?;
    Ok(recs)
}

/// The per-table reads of `load_records`: one application (`only`) or all.
struct Rows<'a> {
    c: &'a Connection,
    only: Option<&'a str>,
    index: &'a HashMap<String, usize>,
}

impl Rows<'_> {
    /// Hands each row of `SELECT application_id, {cols} FROM {table}` (so
    /// the table's own columns start at 1), in `application_id, {order}` order,
    /// to `add` with that application's record; a row of an application not
    /// loaded is skipped.
    fn each(
        &self,
        table: &str,
        cols: &str,
        order: &str,
        recs: &mut [ApplicationRecord],
        mut add: impl FnMut(&mut ApplicationRecord, &Row) -> Result<()>,
    ) -> Result<()> {
        let filter = if self.only.is_some() { "application_id = ?1" } else { "?1 IS NULL" };
        let sql = format!("SELECT application_id, {cols} FROM {table} WHERE {filter} ORDER BY application_id, {order}");
        let mut st = self.c.prepare(&sql)?;
        let mut rows = st.query([self.only])?;
        while let Some(r) = rows.next()? {
            let app: String = r.get(0)?;
            if let Some(&i) = self.index.get(&app) {
                add(&mut recs[i], r)?;
            }
        }
        Ok(())
    }
}
