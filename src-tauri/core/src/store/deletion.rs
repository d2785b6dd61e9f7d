//! Deleting an application entered by mistake, and taking that back.
//!
//! A deletion removes the application with everything about it (contacts,
//! interviews, status changes, messages, decisions and drafts, print
//! options) in one transaction, and hands back a [`Deleted`] copy that
//! [`Store::restore_deleted`] puts back exactly as it was, ids included, for
//! Undo. The app takes a backup before it deletes (backup::BackupKind::BeforeDelete).

use super::{delete_application, insert_record, load_record, parse_opt_ts, refresh, ts, Card, Store};
use crate::model::{ApplicationRecord, Status};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;

/// What a deletion takes with it, for the confirmation ("Delete Acme? Its
/// 2 interviews, 3 messages and 1 draft go with it.").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeletionSummary {
    pub id: String,
    pub company: String,
    pub role: String,
    /// Its column, so that the board counts it out without holding its card.
    pub status: Status,
    pub contacts: usize,
    pub interviews: usize,
    pub messages: usize,
    pub drafts: usize,
}

/// A deleted application, whole, to put back on Undo.
#[derive(Debug, Clone, PartialEq)]
pub struct Deleted {
    pub record: ApplicationRecord,
    position: f64,
    note_options: Vec<NoteOptionsRow>,
}

#[derive(Debug, Clone, PartialEq)]
struct NoteOptionsRow {
    key: String,
    delivery: String,
    layout: String,
    envelope: bool,
    address: String,
    updated_at: Option<DateTime<Utc>>,
}

impl Store {
    pub fn deletion_summary(&self, id: &str) -> Result<DeletionSummary> {
        let r = load_record(&self.conn, id)?;
        Ok(DeletionSummary {
            id: r.application.id.clone(),
            company: r.application.company.clone(),
            role: r.application.role.clone(),
            status: r.application.status,
            contacts: r.contacts.len(),
            interviews: r.interviews.len(),
            messages: r.messages.len(),
            drafts: r.decisions.iter().filter(|d| d.draft.is_some()).count(),
        })
    }

    /// Deletes the application and everything about it; returns it whole.
    pub fn delete(&mut self, id: &str) -> Result<Deleted> {
        self.write(|tx| {
            let record = load_record(tx, id)?;
            let position: f64 = tx.query_row("SELECT position FROM applications WHERE id = ?1", [id], |r| r.get(0))?;
            let note_options = note_options(tx, id)?;
            delete_application(tx, id)?;
            Ok(Deleted { record, position, note_options })
        })
    }

    /// Puts a deleted application back as it was (Undo).
    pub fn restore_deleted(&mut self, d: &Deleted, now: DateTime<Utc>) -> Result<Card> {
        let tz = self.tz;
        let id = d.record.application.id.clone();
        self.write(|tx| {
            let taken: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM applications WHERE id = ?1)", [&id], |r| r.get(0))?;
            if taken {
                return Err(Error::invalid("delete", format!("{} is already back on the board.", d.record.application.company)));
            }
            insert_record(tx, &d.record, now)?;
            tx.execute("UPDATE applications SET position = ?2 WHERE id = ?1", params![id, d.position])?;
            for o in &d.note_options {
                tx.execute(
                    "INSERT INTO note_options(followup_key, application_id, delivery, layout, envelope, address, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![o.key, id, o.delivery, o.layout, o.envelope, o.address, o.updated_at.map(ts).unwrap_or_else(|| ts(now))],
                )?;
            }
            refresh(tx, &id, tz)
        })?;
        self.card(&id, now)
    }
}

fn note_options(c: &Connection, id: &str) -> Result<Vec<NoteOptionsRow>> {
    let mut st = c.prepare(
        "SELECT followup_key, delivery, layout, envelope, address, updated_at FROM note_options
         WHERE application_id = ?1 ORDER BY followup_key",
    )?;
    let rows = st.query_map([id], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get::<_, Option<String>>(5)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (key, delivery, layout, envelope, address, updated_at) = row?;
        out.push(NoteOptionsRow { key, delivery, layout, envelope, address, updated_at: parse_opt_ts(updated_at)? });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{t, Berlin};
    use crate::format;
    use crate::templates::Template;

    const DOC: &str = r#"{"afterview": 1, "applications": [
      {"id": "a1", "company": "Acme", "role": "Backend Engineer", "status": "interviewing",
       "applied_at": "2026-11-02T10:00:00Z",
       "contacts": [{"id": "c1", "name": "Dana Reyes", "email": "dana@acme.example", "linkedin_consent": "yes"}],
       "interviews": [{"id": "i1", "starts_at": "2026-11-19T14:00:00Z", "ends_at": "2026-11-19T15:00:00Z",
                       "format": "onsite", "interviewer_ids": ["c1"], "physical_note": true}],
       "messages": [{"at": "2026-11-19T16:00:00Z", "direction": "sent", "channel": "email",
                     "followup_key": "thank_you_email:i1:c1", "contact_id": "c1", "body": "Thanks"}]},
      {"id": "a2", "company": "Globex", "role": "SRE", "status": "applied", "applied_at": "2026-11-03T10:00:00Z"}
    ]}"#;

    #[test]
    fn a_deletion_names_what_goes_removes_it_all_and_undo_puts_it_back_exactly() {
        let now = t("2026-11-20T08:00:00Z");
        let mut s = Store::open_in_memory(Berlin).unwrap();
        s.insert_records(&format::parse(DOC).unwrap().applications, None, now).unwrap();
        s.save_draft("linkedin_connect:c1", Some(&Template { subject: String::new(), body: "Hi Dana".into() }), now).unwrap();
        let before = s.record("a1").unwrap();
        let card_before = s.card("a1", now).unwrap();
        let followups_before = super::super::application_followups(&s.conn, "a1", now).unwrap();

        let sum = s.deletion_summary("a1").unwrap();
        assert_eq!((sum.contacts, sum.interviews, sum.messages, sum.drafts), (1, 1, 1, 1));

        let gone = s.delete("a1").unwrap();
        assert_eq!(s.record("a1").unwrap_err().kind(), "not_found");
        assert!(s.agenda(now).unwrap().iter().all(|f| f.application_id == "a2"));
        assert_eq!(s.all_records().unwrap().len(), 1);
        assert!(s.verify_followups().unwrap());

        let card = s.restore_deleted(&gone, now).unwrap();
        assert_eq!(serde_json::to_value(&card).unwrap(), serde_json::to_value(&card_before).unwrap());
        assert_eq!(s.record("a1").unwrap(), before);
        assert_eq!(super::super::application_followups(&s.conn, "a1", now).unwrap(), followups_before);
        assert!(s.verify_followups().unwrap());
        // A second Undo is refused and changes nothing.
        assert_eq!(s.restore_deleted(&gone, now).unwrap_err().field(), Some("delete"));
    }
}
