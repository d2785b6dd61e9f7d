//! Edits from the application detail panel: the application's own fields,
//! its contacts, interviews and received replies; plus the reads the board
//! needs around them (the detail, companies already applied to). The
//! order of cards within a column is board.rs's.
//!
//! Each `Store` method is one IMMEDIATE transaction that ends with
//! `refresh(tx, app_id, tz)`, so the stored follow-ups always match the
//! facts they were computed from. Inputs arrive already cleaned
//! (`crate::input`); what only the database can check (that a contact belongs
//! to this application) is checked here and named by field.

use super::*;
use crate::input::{applied_instant, CleanApplication, CleanContact, CleanInterview, CleanReply};

/// Everything the detail panel shows about one application.
#[derive(Debug, Clone, Serialize)]
pub struct ApplicationDetail {
    pub card: Card,
    pub record: ApplicationRecord,
    /// Its open follow-ups at `now`, by due time.
    pub followups: Vec<FollowUp>,
    /// The default for "plan a printed note" on a new interview.
    pub physical_note_default: bool,
}

impl Store {
    pub fn application_detail(&self, id: &str, now: DateTime<Utc>) -> Result<ApplicationDetail> {
        Ok(ApplicationDetail {
            card: self.card(id, now)?,
            record: self.record(id)?,
            followups: application_followups(&self.conn, id, now)?,
            physical_note_default: self.settings()?.physical_note_default,
        })
    }

    /// Other applications to the same company (case and surrounding spaces
    /// ignored), newest first: the add form warns before a duplicate.
    pub fn applications_to(&self, company: &str) -> Result<Vec<Application>> {
        applications_to(&self.conn, company)
    }

    pub fn update_application(&mut self, id: &str, edit: &CleanApplication, now: DateTime<Utc>) -> Result<Card> {
        let tz = self.tz;
        self.write(|tx| {
            update_application(tx, id, edit, tz, now)?;
            refresh(tx, id, tz)
        })?;
        self.card(id, now)
    }

    /// Adds (no id) or updates a contact; returns its id.
    pub fn save_contact(&mut self, app_id: &str, contact: &CleanContact) -> Result<String> {
        self.save_part(app_id, |tx| save_contact(tx, app_id, contact, ""))
    }

    pub fn delete_contact(&mut self, app_id: &str, contact_id: &str) -> Result<()> {
        self.delete_part(app_id, contact_id, "contact", "DELETE FROM contacts WHERE id = ?1 AND application_id = ?2")
    }

    /// Adds (no id) or updates an interview with its interviewers, creating
    /// new interviewers as contacts in the same transaction; returns its id.
    pub fn save_interview(&mut self, app_id: &str, iv: &CleanInterview) -> Result<String> {
        self.save_part(app_id, |tx| save_interview(tx, app_id, iv))
    }

    pub fn delete_interview(&mut self, app_id: &str, interview_id: &str) -> Result<()> {
        self.delete_part(app_id, interview_id, "interview", "DELETE FROM interviews WHERE id = ?1 AND application_id = ?2")
    }

    /// Records a reply received from the company: it moves the check-in clock.
    pub fn log_reply(&mut self, app_id: &str, reply: &CleanReply) -> Result<()> {
        let tz = self.tz;
        self.write(|tx| {
            current_status(tx, app_id)?;
            log_reply(tx, app_id, reply)?;
            refresh(tx, app_id, tz)
        })
    }

    /// One part of application `app_id` (a contact, an interview) written by
    /// `save`, which returns its id; the application must exist, and its
    /// follow-ups are recomputed in the same transaction.
    fn save_part(&mut self, app_id: &str, save: impl FnOnce(&Connection) -> Result<String>) -> Result<String> {
        let tz = self.tz;
        self.write(|tx| {
            current_status(tx, app_id)?;
            let id = save(tx)?;
            refresh(tx, app_id, tz)?;
            Ok(id)
        })
    }

    /// Deletes the `what` (`"contact"`, `"interview"`) `id` of application
    /// `app_id` by `sql` (`?1` the id, `?2` the application), refusing one
    /// the application doesn't have; its follow-ups are recomputed.
    fn delete_part(&mut self, app_id: &str, id: &str, what: &str, sql: &str) -> Result<()> {
        let tz = self.tz;
        self.write(|tx| {
            if tx.execute(sql, params![id, app_id])? == 0 {
                return Err(Error::NotFound(format!("no {what} {id} for this application")));
            }
            refresh(tx, app_id, tz)
        })
    }
}

pub fn applications_to(c: &Connection, company: &str) -> Result<Vec<Application>> {
    let want = company.trim().to_lowercase();
    if want.is_empty() {
        return Ok(vec![]);
    }
    // SQLite's lower() only folds ASCII: compare in Rust, over the rows whose
    // ASCII-folded name could match (an index-free scan of one column is
    // cheap even at thousands of applications).
    let mut st = c.prepare_cached(&format!(
        "SELECT {APP_COLS} FROM applications WHERE length(trim(company)) = length(?1)
         ORDER BY coalesce(applied_at, created_at) DESC, id"
    ))?;
    let rows = st.query_map([company.trim()], app_from_row)?;
    let mut out = Vec::new();
    for row in rows {
        let (a, _) = row?;
        if a.company.trim().to_lowercase() == want {
            out.push(a);
        }
    }
    Ok(out)
}

pub fn update_application(c: &Connection, id: &str, e: &CleanApplication, tz: Tz, now: DateTime<Utc>) -> Result<()> {
    let status = current_status(c, id)?;
    let old: Option<String> = c.query_row("SELECT applied_at FROM applications WHERE id = ?1", [id], |r| r.get(0))?;
    let old = parse_opt_ts(old)?;
    let applied_at = match e.applied_on {
        // Same local day as stored: keep the exact instant.
        Some(d) if old.is_some_and(|t| t.with_timezone(&tz).date_naive() == d) => old,
        Some(d) => Some(applied_instant(d, tz)),
        None if status == Status::Wishlist => None,
        None => {
            return Err(Error::invalid(
                "applied_on",
                "Give the date you applied: the check-in reminders count from it.",
            ))
        }
    };
    c.execute(
        "UPDATE applications SET company = ?2, role = ?3, job_url = ?4, location = ?5, source = ?6, notes = ?7,
                                 applied_at = ?8, updated_at = ?9
         WHERE id = ?1",
        params![id, e.company, e.role, e.job_url, e.location, e.source, e.notes, applied_at.map(ts), ts(now)],
    )?;
    Ok(())
}

/// `field_prefix` names the contact's place in a larger form for errors.
fn save_contact(c: &Connection, app_id: &str, ct: &CleanContact, field_prefix: &str) -> Result<String> {
    match &ct.id {
        Some(id) => {
            let n = c.execute(
                "UPDATE contacts SET name = ?3, title = ?4, email = ?5, linkedin_url = ?6, linkedin_consent = ?7
                 WHERE id = ?1 AND application_id = ?2",
                params![id, app_id, ct.name, ct.title, ct.email, ct.linkedin_url, ct.linkedin_consent.as_str()],
            )?;
            if n == 0 {
                return Err(Error::invalid(
                    format!("{field_prefix}name"),
                    "This contact is no longer part of the application: reopen it and try again.",
                ));
            }
            Ok(id.clone())
        }
        None => {
            let id = new_id(c, "c")?;
            c.execute(
                "INSERT INTO contacts(id, application_id, name, title, email, linkedin_url, linkedin_consent, ord)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,
                         (SELECT coalesce(max(ord), -1) + 1 FROM contacts WHERE application_id = ?2))",
                params![id, app_id, ct.name, ct.title, ct.email, ct.linkedin_url, ct.linkedin_consent.as_str()],
            )?;
            Ok(id)
        }
    }
}

fn save_interview(c: &Connection, app_id: &str, iv: &CleanInterview) -> Result<String> {
    let (id, sql) = match &iv.id {
        Some(id) => (
            id.clone(),
            "UPDATE interviews SET starts_at = ?3, ends_at = ?4, format = ?5, went = ?6, physical_note = ?7,
                                   next_steps = ?8, expected_reply_by = ?9
             WHERE id = ?1 AND application_id = ?2",
        ),
        None => (
            new_id(c, "i")?,
            "INSERT INTO interviews(id, application_id, starts_at, ends_at, format, went, physical_note,
                                    next_steps, expected_reply_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        ),
    };
    let n = c.execute(
        sql,
        params![
            id, app_id, ts(iv.starts_at), ts(iv.ends_at), iv.format.as_str(),
            iv.went.map(Went::as_str), iv.physical_note, iv.next_steps, iv.expected_reply_by.map(|d| d.to_string())
        ],
    )?;
    if iv.id.is_some() {
        if n == 0 {
            return Err(Error::NotFound(format!("no interview {id} for this application")));
        }
        c.execute("DELETE FROM interview_contacts WHERE interview_id = ?1", [&id])?;
    }
    let mut seen = std::collections::HashSet::new();
    for (i, person) in iv.interviewers.iter().enumerate() {
        let cid = save_contact(c, app_id, person, &format!("interviewers.{i}."))?;
        if seen.insert(cid.clone()) {
            c.execute(
                "INSERT INTO interview_contacts(interview_id, contact_id, ord) VALUES (?1, ?2, ?3)",
                params![id, cid, i as i64],
            )?;
        }
    }
    Ok(id)
}

fn log_reply(c: &Connection, app_id: &str, r: &CleanReply) -> Result<()> {
    if let Some(cid) = &r.contact_id {
        let owner: Option<String> =
            c.query_row("SELECT application_id FROM contacts WHERE id = ?1", [cid], |x| x.get(0)).optional()?;
        if owner.as_deref() != Some(app_id) {
            return Err(Error::invalid("contact_id", "Choose one of this application's contacts."));
        }
    }
    insert_message(
        c,
        app_id,
        &Message {
            at: r.at,
            direction: Direction::Received,
            channel: r.channel,
            followup_key: None,
            contact_id: r.contact_id.clone(),
            body: r.body.clone(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{t, Berlin};
    use crate::input::{ApplicationEdit, ContactInput, InterviewInput, ReplyInput};
    use crate::input::NewApplication;

    const TODAY: chrono::NaiveDate = match chrono::NaiveDate::from_ymd_opt(2026, 11, 26) {
        Some(d) => d,
        None => panic!(),
    };

    const NOW: &str = "2026-11-26T10:00:00Z";

    fn store_with(companies: &[&str]) -> (Store, Vec<String>) {
        let mut s = Store::open_in_memory(Berlin).unwrap();
        let ids = companies
            .iter()
            .map(|c| {
                let a = NewApplication { company: (*c).into(), role: "Dev".into(), ..Default::default() }.clean().unwrap();
                s.add_application(&a, t("2026-11-02T10:00:00Z")).unwrap().application.id
            })
            .collect();
        (s, ids)
    }

    fn contact(name: &str, consent: Consent) -> ContactInput {
        ContactInput { id: None, name: name.into(), title: Some("Hiring Manager".into()), email: None, linkedin_url: None, linkedin_consent: consent }
    }

    fn keys(s: &Store) -> Vec<String> {
        s.agenda(t(NOW)).unwrap().into_iter().map(|f| f.key).collect()
    }

    #[test]
    fn an_interview_with_a_new_interviewer_creates_the_contact_and_their_follow_ups_at_once() {
        let (mut s, ids) = store_with(&["Acme"]);
        let iv = InterviewInput {
            starts_at: "2026-11-20T14:00".into(),
            ends_at: "2026-11-20T15:00".into(),
            format: Some(InterviewFormat::Onsite),
            interviewers: vec![contact("Dana Reyes", Consent::Yes)],
            expected_reply_by: Some("2026-11-27".into()),
            ..Default::default()
        };
        let iid = s.save_interview(&ids[0], &iv.clean(Berlin, TODAY).unwrap()).unwrap();
        let rec = s.record(&ids[0]).unwrap();
        assert_eq!(rec.contacts.len(), 1);
        let cid = &rec.contacts[0].id;
        assert_eq!(rec.interviews[0].interviewer_ids, vec![cid.clone()]);
        assert_eq!(rec.interviews[0].expected_reply_by.map(|d| d.to_string()).as_deref(), Some("2026-11-27"));
        let k = keys(&s);
        assert!(k.contains(&format!("thank_you_email:{iid}:{cid}")), "{k:?}");
        assert!(k.contains(&format!("linkedin_connect:{cid}")), "{k:?}");
        assert!(s.verify_followups().unwrap());

        // Consent withdrawn through the contact form: the LinkedIn follow-up goes.
        let mut c = contact("Dana Reyes", Consent::No);
        c.id = Some(cid.clone());
        s.save_contact(&ids[0], &c.clean().unwrap()).unwrap();
        assert!(!keys(&s).contains(&format!("linkedin_connect:{cid}")));

        // Deleting the interview removes its follow-ups; the contact stays.
        s.delete_interview(&ids[0], &iid).unwrap();
        assert!(keys(&s).iter().all(|k| !k.contains(&iid)));
        assert_eq!(s.record(&ids[0]).unwrap().contacts.len(), 1);
        assert!(s.verify_followups().unwrap());
    }

    #[test]
    fn a_bad_interviewer_rolls_the_whole_interview_back() {
        let (mut s, ids) = store_with(&["Acme", "Initech"]);
        let other = s.save_contact(&ids[1], &contact("Lee", Consent::No).clean().unwrap()).unwrap();
        let mut foreign = contact("Lee", Consent::No);
        foreign.id = Some(other);
        let iv = InterviewInput {
            starts_at: "2026-11-20T14:00".into(),
            ends_at: "2026-11-20T15:00".into(),
            format: Some(InterviewFormat::Video),
            interviewers: vec![contact("Dana", Consent::Yes), foreign],
            ..Default::default()
        };
        let e = s.save_interview(&ids[0], &iv.clean(Berlin, TODAY).unwrap()).unwrap_err();
        assert_eq!(e.field(), Some("interviewers.1.name"));
        let rec = s.record(&ids[0]).unwrap();
        assert!(rec.interviews.is_empty() && rec.contacts.is_empty(), "nothing half-written");
    }

    #[test]
    fn a_logged_reply_resets_the_check_in_clock() {
        let (mut s, ids) = store_with(&["Acme"]);
        let before: Vec<_> = keys(&s).into_iter().filter(|k| k.starts_with("check_in")).collect();
        assert_eq!(before, vec![format!("check_in:{}:2026-11-16", ids[0])]);
        let r = ReplyInput { at: "2026-11-25T16:00".into(), body: "We'll be in touch".into(), ..Default::default() };
        s.log_reply(&ids[0], &r.clean(Berlin, t(NOW)).unwrap()).unwrap();
        let after: Vec<_> = keys(&s).into_iter().filter(|k| k.starts_with("check_in")).collect();
        assert_eq!(after, vec![format!("check_in:{}:2026-12-09", ids[0])]);
        let m = &s.record(&ids[0]).unwrap().messages[0];
        assert_eq!((m.direction, m.body.as_str()), (Direction::Received, "We'll be in touch"));
        // A contact of another application is refused, nothing written.
        let bad = ReplyInput { contact_id: Some("c-nope".into()), ..r };
        assert_eq!(s.log_reply(&ids[0], &bad.clean(Berlin, t(NOW)).unwrap()).unwrap_err().field(), Some("contact_id"));
        assert_eq!(s.record(&ids[0]).unwrap().messages.len(), 1);
    }

    #[test]
    fn editing_an_application_keeps_the_applied_instant_unless_the_date_changes() {
        let (mut s, ids) = store_with(&["Acme"]);
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let mut e = ApplicationEdit {
            company: " Acme Robotics ".into(),
            role: "Staff Engineer".into(),
            job_url: Some("https://acme.example/42".into()),
            applied_on: Some("2026-11-02".into()),
            ..Default::default()
        };
        let card = s.update_application(&ids[0], &e.clean_edit(today).unwrap(), t(NOW)).unwrap();
        assert_eq!(card.application.company, "Acme Robotics");
        assert_eq!(card.application.applied_at, Some(t("2026-11-02T10:00:00Z")));
        e.applied_on = Some("2026-11-10".into());
        let card = s.update_application(&ids[0], &e.clean_edit(today).unwrap(), t(NOW)).unwrap();
        assert_eq!(card.application.applied_at, Some(t("2026-11-10T11:00:00Z")), "local noon in Berlin");
        // The check-in moved with the date, in the same write.
        assert!(keys(&s).contains(&format!("check_in:{}:2026-11-24", ids[0])), "{:?}", keys(&s));
        e.applied_on = None;
        let err = s.update_application(&ids[0], &e.clean_edit(today).unwrap(), t(NOW)).unwrap_err();
        assert_eq!(err.field(), Some("applied_on"));
        assert!(s.verify_followups().unwrap());
    }

    #[test]
    fn contacts_can_be_added_edited_and_deleted() {
        let (mut s, ids) = store_with(&["Acme"]);
        let id = s.save_contact(&ids[0], &contact("Dana", Consent::NotAsked).clean().unwrap()).unwrap();
        let mut c = contact("Dana Reyes", Consent::Yes);
        c.id = Some(id.clone());
        c.email = Some("dana@acme.example".into());
        s.save_contact(&ids[0], &c.clean().unwrap()).unwrap();
        let got = s.record(&ids[0]).unwrap().contacts;
        assert_eq!((got[0].name.as_str(), got[0].email.as_deref(), got[0].linkedin_consent), ("Dana Reyes", Some("dana@acme.example"), Consent::Yes));
        s.delete_contact(&ids[0], &id).unwrap();
        assert!(s.record(&ids[0]).unwrap().contacts.is_empty());
        assert!(matches!(s.delete_contact(&ids[0], &id), Err(Error::NotFound(_))));
    }

    #[test]
    fn applications_to_the_same_company_ignore_case_and_spaces() {
        let (s, ids) = store_with(&["Acme", "Initech", "ACME "]);
        let found: Vec<_> = s.applications_to("  acme").unwrap().into_iter().map(|a| a.id).collect();
        assert_eq!(found.len(), 2);
        assert!(found.contains(&ids[0]) && found.contains(&ids[2]));
        assert!(s.applications_to("Acm").unwrap().is_empty());
        assert!(s.applications_to("  ").unwrap().is_empty());
    }

    #[test]
    fn drops_at_the_same_place_respace_the_column_and_keep_the_order() {
        let (mut s, ids) = store_with(&["A", "B", "C", "D"]);
        let pos = |s: &Store| -> Vec<(String, f64)> {
            s.cards(t(NOW), false).unwrap().into_iter().map(|c| (c.application.company, c.position)).collect()
        };
        // Keep dropping the last card between the first two: the midpoint halves each time.
        let (a, b) = (1.0_f64, 2.0_f64);
        let mut hi = b;
        for i in 0..40 {
            let moving = &ids[2 + (i % 2)];
            let mid = (a + hi) / 2.0;
            let m = s.move_application(moving, Status::Applied, Some(mid), t(NOW)).unwrap();
            hi = m.card.position;
        }
        let order: Vec<String> = pos(&s).into_iter().map(|(c, _)| c).collect();
        assert_eq!(order[0], "A");
        assert_eq!(order[3], "B", "B keeps its place at the end: {order:?}");
        let p: Vec<f64> = pos(&s).into_iter().map(|(_, p)| p).collect();
        assert!(p.windows(2).all(|w| w[1] - w[0] >= MIN_GAP), "{p:?}");
    }
}
