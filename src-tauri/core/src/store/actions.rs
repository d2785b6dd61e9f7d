//! What the user does to one follow-up from Today, a card or the detail
//! panel: Done, Skip, Snooze and their Undo. Each write answers with what it
//! really changed (the application's next check-in, the new due time), so
//! the UI can say so instead of guessing.
//!
//! The rules (DESIGN §2, R5 and R7):
//! - Done on a check-in records a message sent at that moment (channel
//!   `other`), so the check-in clock moves as with any message and R5's
//!   seven-day floor holds; on any other follow-up it is a decision.
//! - Skip is a decision stamped with its moment; cadence counts the next
//!   check-in from the later of the skipped due date and that moment.
//! - Snooze only postpones (crate::snooze).

use super::templates::open_followup;
use super::changes::card_in;
use super::{application_of_key, insert_message, parse_opt_ts, refresh, ts, Card, Store};
use crate::model::{Channel, DecisionState, Direction, FollowUp, Kind, Message};
use crate::snooze::{self, Choices, Snooze};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

/// What a Done, Skip, Snooze, Undo or Mark as sent did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub key: String,
    pub application_id: String,
    /// The message it recorded (Done on a check-in, Mark as sent): Undo deletes it.
    pub message_id: Option<i64>,
    /// The new due time, after a snooze.
    pub snoozed_until: Option<DateTime<Utc>>,
    /// The application's next check-in once the change is made, if any.
    pub next_check_in: Option<DateTime<Utc>>,
    /// The application's card once the change is made (its next follow-up):
    /// the board puts it in place without reading the board again (issue 17).
    pub card: Card,
}

impl Store {
    /// The snooze choices a follow-up offers now (crate::snooze).
    pub fn snooze_choices(&self, key: &str, now: DateTime<Utc>) -> Result<Choices> {
        let f = open_followup(&self.conn, key, now)?;
        Ok(snooze::choices(f.due_at, now, self.tz))
    }

    /// Snoozes an open follow-up; refused (nothing written) unless it postpones it.
    pub fn snooze(&mut self, key: &str, choice: &Snooze, now: DateTime<Utc>) -> Result<Outcome> {
        let tz = self.tz;
        self.write(|tx| {
            let f = open_followup(tx, key, now)?;
            let until = snooze::resolve(choice, f.due_at, now, tz)?;
            put_decision(tx, &f, DecisionState::Snoozed, Some(until), now)?;
            refresh(tx, &f.application_id, tz)?;
            outcome(tx, &f, None, Some(until), now)
        })
    }

    /// Done ("I checked in", "I did it").
    pub fn complete(&mut self, key: &str, now: DateTime<Utc>) -> Result<Outcome> {
        let tz = self.tz;
        self.write(|tx| {
            let f = open_followup(tx, key, now)?;
            let message_id = if f.kind == Kind::CheckIn {
                let m = Message {
                    at: now,
                    direction: Direction::Sent,
                    channel: Channel::Other,
                    followup_key: Some(f.key.clone()),
                    contact_id: None,
                    body: String::new(),
                };
                insert_message(tx, &f.application_id, &m)?;
                Some(tx.last_insert_rowid())
            } else {
                put_decision(tx, &f, DecisionState::Done, None, now)?;
                None
            };
            refresh(tx, &f.application_id, tz)?;
            outcome(tx, &f, message_id, None, now)
        })
    }

    /// Skip: closed without anything sent.
    pub fn skip(&mut self, key: &str, now: DateTime<Utc>) -> Result<Outcome> {
        let tz = self.tz;
        self.write(|tx| {
            let f = open_followup(tx, key, now)?;
            put_decision(tx, &f, DecisionState::Skipped, None, now)?;
            refresh(tx, &f.application_id, tz)?;
            outcome(tx, &f, None, None, now)
        })
    }

    /// Undoes a Done, Skip, Snooze or Mark as sent: the message it recorded
    /// (`message_id`, which must carry `key`) is deleted and the follow-up is
    /// open again, with its draft kept.
    pub fn undo(&mut self, key: &str, message_id: Option<i64>, now: DateTime<Utc>) -> Result<Outcome> {
        let tz = self.tz;
        self.write(|tx| {
            let app = match message_id {
                Some(id) => {
                    let app: Option<String> = tx
                        .query_row(
                            "SELECT application_id FROM messages WHERE id = ?1 AND followup_key = ?2",
                            params![id, key],
                            |r| r.get(0),
                        )
                        .optional()?;
                    let app = app.ok_or_else(|| Error::NotFound("That message is no longer there: nothing to undo.".into()))?;
                    tx.execute("DELETE FROM messages WHERE id = ?1", [id])?;
                    app
                }
                None => application_of_key(tx, key)?,
            };
            tx.execute(
                "UPDATE decisions SET state = 'open', snoozed_until = NULL, decided_at = NULL, updated_at = ?2
                 WHERE followup_key = ?1 AND application_id = ?3",
                params![key, ts(now), app],
            )?;
            refresh(tx, &app, tz)?;
            Ok(Outcome {
                key: key.to_owned(),
                next_check_in: next_check_in(tx, &app)?,
                card: card_in(tx, &app, now)?,
                application_id: app,
                message_id: None,
                snoozed_until: None,
            })
        })
    }

    /// Changes how a sent message went (Done records a check-in as `other`:
    /// the user says whether it was an e-mail, a call…). The message is the
    /// one carrying follow-up `key` in application `application_id`.
    pub fn set_sent_channel(&mut self, application_id: &str, key: &str, channel: Channel) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE messages SET channel = ?3 WHERE application_id = ?1 AND followup_key = ?2 AND direction = 'sent'",
                params![application_id, key, channel.as_str()],
            )?;
            if n == 0 {
                return Err(Error::NotFound("That message is no longer there.".into()));
            }
            Ok(())
        })
    }

    /// The application's next check-in, if one is planned.
    pub fn next_check_in(&self, application_id: &str) -> Result<Option<DateTime<Utc>>> {
        next_check_in(&self.conn, application_id)
    }
}

/// Records a decision about an open follow-up, keeping its draft.
fn put_decision(
    c: &Connection,
    f: &FollowUp,
    state: DecisionState,
    snoozed_until: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<()> {
    super::followups::put_decision(c, &f.key, &f.application_id, state, snoozed_until, now, Some(now))
}

pub(super) fn outcome(
    c: &Connection,
    f: &FollowUp,
    message_id: Option<i64>,
    snoozed_until: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<Outcome> {
    Ok(Outcome {
        card: card_in(c, &f.application_id, now)?,
        key: f.key.clone(),
        application_id: f.application_id.clone(),
        message_id,
        snoozed_until,
        next_check_in: next_check_in(c, &f.application_id)?,
    })
}

fn next_check_in(c: &Connection, application_id: &str) -> Result<Option<DateTime<Utc>>> {
    let due: Option<Option<String>> = c
        .query_row(
            "SELECT min(due_at) FROM followups WHERE application_id = ?1 AND kind = 'check_in'",
            [application_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(parse_opt_ts(due.flatten())?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{t, Berlin};
    use crate::format;
    use crate::report;
    use crate::templates::Template;

    /// Applied Mon 2 Nov: the first check-in is due Mon 16 Nov 09:00 Berlin.
    /// An interview on Fri 4 Dec with Dana.
    const DOC: &str = r#"{"afterview": 1, "applications": [{
        "id": "a1", "company": "Acme", "role": "Backend Engineer", "status": "applied",
        "applied_at": "2026-11-02T10:00:00Z",
        "contacts": [{"id": "c1", "name": "Dana Reyes", "email": "dana@acme.example"}],
        "interviews": [{"id": "i1", "starts_at": "2026-12-04T09:00:00Z", "ends_at": "2026-12-04T10:00:00Z",
                        "format": "video", "interviewer_ids": ["c1"]}]
    }]}"#;

    fn store(now: &str) -> Store {
        let mut s = Store::open_in_memory(Berlin).unwrap();
        let doc = format::parse(DOC).unwrap();
        s.insert_records(&doc.applications, None, t(now)).unwrap();
        s
    }

    fn check_in(s: &Store, now: &str) -> FollowUp {
        s.agenda(t(now)).unwrap().into_iter().find(|f| f.kind == Kind::CheckIn).unwrap()
    }

    #[test]
    fn done_on_a_check_in_records_a_message_so_the_seven_day_floor_holds_and_undo_takes_it_back() {
        // Before: Done recorded nothing, and the next check-in came six days later.
        let now = "2026-12-10T12:00:00Z";
        let mut s = store(now);
        // L = the interview's end (4 Dec) + 14 = Fri 18 Dec.
        let first = check_in(&s, now);
        assert_eq!(first.key, "check_in:a1:2026-12-18");
        let done = s.complete(&first.key, t(now)).unwrap();
        let rec = s.record("a1").unwrap();
        let m = rec.messages.iter().find(|m| m.followup_key.as_deref() == Some(first.key.as_str())).unwrap();
        assert_eq!((m.direction, m.channel, m.at), (Direction::Sent, Channel::Other, t(now)));
        // L = S = 10 Dec: 10 Dec + 14 = Thu 24 Dec, at least seven days out.
        assert_eq!(done.next_check_in, Some(t("2026-12-24T08:00:00Z")));
        assert_eq!(check_in(&s, now).due_at, t("2026-12-24T08:00:00Z"));
        assert!(s.verify_followups().unwrap());
        // The report shows it as a message sent.
        let rows = report::events(&s.record("a1").unwrap());
        assert!(rows.iter().any(|e| e.at == t(now) && e.activity == "Message sent" && e.channel == "Other"), "{rows:?}");

        // "channel other, editable": it was a phone call.
        s.set_sent_channel("a1", &first.key, Channel::Phone).unwrap();
        assert_eq!(s.record("a1").unwrap().messages[0].channel, Channel::Phone);
        assert_eq!(s.set_sent_channel("a2", &first.key, Channel::Email).unwrap_err().kind(), "not_found");

        let undone = s.undo(&first.key, done.message_id, t(now)).unwrap();
        assert_eq!(undone.next_check_in, Some(first.due_at));
        assert!(s.record("a1").unwrap().messages.is_empty());
        assert_eq!(check_in(&s, now).key, first.key);
    }

    #[test]
    fn skipping_a_check_in_weeks_late_never_brings_the_next_one_back_overdue() {
        // Due Mon 16 Nov, skipped on Mon 28 Dec: the next is 28 Dec + 14 = Mon 11 Jan,
        // not 30 Nov, 14 Dec and 28 Dec one overdue skip after another.
        let doc = DOC.replace(r#""interviews": [{"id": "i1", "starts_at": "2026-12-04T09:00:00Z", "ends_at": "2026-12-04T10:00:00Z",
                        "format": "video", "interviewer_ids": ["c1"]}]"#, r#""interviews": []"#);
        let mut s = Store::open_in_memory(Berlin).unwrap();
        s.insert_records(&format::parse(&doc).unwrap().applications, None, t("2026-11-02T10:00:00Z")).unwrap();
        let now = "2026-12-28T10:00:00Z";
        let overdue = check_in(&s, now);
        assert_eq!(overdue.key, "check_in:a1:2026-11-16");
        let skipped = s.skip(&overdue.key, t(now)).unwrap();
        assert_eq!(skipped.next_check_in, Some(t("2027-01-11T08:00:00Z")));
        let d = s.record("a1").unwrap().decisions.into_iter().next().unwrap();
        assert_eq!((d.state, d.decided_at), (DecisionState::Skipped, Some(t(now))));
        // Undo brings the skipped one back.
        s.undo(&overdue.key, None, t(now)).unwrap();
        assert_eq!(check_in(&s, now).key, overdue.key);
        assert!(s.verify_followups().unwrap());
    }

    #[test]
    fn a_snooze_only_postpones_and_a_refused_one_writes_nothing() {
        // At 02:13 on Wed 2 Dec, a check-in due Fri 4 Dec 09:00 (the interview keeps
        // the thank-you due at its end; the pre-interview reminder due at 09:00 UTC - 1 h).
        let now = "2026-12-02T01:13:00Z";
        let mut s = store("2026-11-02T10:00:00Z");
        let pre = s.agenda(t(now)).unwrap().into_iter().find(|f| f.kind == Kind::PreInterview).unwrap();
        assert_eq!(pre.due_at, t("2026-12-04T08:00:00Z"));
        let before = s.record("a1").unwrap();
        let e = s.snooze(&pre.key, &Snooze::Tomorrow, t(now)).unwrap_err();
        assert_eq!(e.field(), Some("snoozed_until"));
        assert_eq!(s.record("a1").unwrap(), before);
        let c = s.snooze_choices(&pre.key, t(now)).unwrap();
        assert_eq!((c.hour, c.tomorrow), (None, None));
        let later = s.snooze(&pre.key, &Snooze::At { local: "2026-12-04T09:30".into() }, t(now)).unwrap();
        assert_eq!(later.snoozed_until, Some(t("2026-12-04T08:30:00Z")));
        let f = s.agenda(t(now)).unwrap().into_iter().find(|f| f.key == pre.key).unwrap();
        assert_eq!((f.due_at, f.snoozed), (t("2026-12-04T08:30:00Z"), true));
        // Undo: due when it was.
        s.undo(&pre.key, None, t(now)).unwrap();
        let f = s.agenda(t(now)).unwrap().into_iter().find(|f| f.key == pre.key).unwrap();
        assert_eq!((f.due_at, f.snoozed), (pre.due_at, false));
    }

    #[test]
    fn a_thank_you_before_the_interview_has_ended_needs_a_yes() {
        // At 02:09 on the day of a 10:00 interview.
        let now = t("2026-12-04T01:09:00Z");
        let mut s = store("2026-11-02T10:00:00Z");
        let key = "thank_you_email:i1:c1";
        let draft = Template { subject: "Thank you".into(), body: "Dear Dana".into() };
        let e = s.mark_sent(key, &draft, false, now).unwrap_err();
        assert_eq!(e.field(), Some("sent_early"));
        assert_eq!(e.to_string(), "The interview ends Fri 4 Dec at 11:00. Record the thank-you as sent before it has ended?");
        assert!(s.record("a1").unwrap().messages.is_empty());
        let sent = s.mark_sent(key, &draft, true, now).unwrap();
        assert!(sent.message_id.is_some());
        // After the end no question is asked.
        let mut s = store("2026-11-02T10:00:00Z");
        let sent = s.mark_sent(key, &draft, false, t("2026-12-04T10:30:00Z")).unwrap();
        // S = 4 Dec: the next check-in is 4 Dec + 14 = Fri 18 Dec.
        assert_eq!(sent.next_check_in, Some(t("2026-12-18T08:00:00Z")));
    }
}
