//! The SQL of "invitations and emails in" (issue 14): one file, already
//! parsed by `crate::ingest`, matched to an application and recorded in ONE
//! transaction, or, for a dry run or a refusal, in a transaction rolled back.
//! Unmatched input writes nothing. The report has the shape of
//! `afterview ingest --json` (one entry of its `files`).

use super::*;
use crate::ingest::matching::{self, Known, MatchedBy};
use crate::ingest::{rejection, Email, Input, Invitation, Method, Person};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InterviewOut {
    pub id: String,
    pub starts_at: String,
    pub ends_at: String,
    pub format: InterviewFormat,
    pub interviewer_ids: Vec<String>,
    /// `new`, `moved` or `cancelled`.
    pub change: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactOut {
    pub id: String,
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MessageOut {
    pub at: String,
    pub direction: Direction,
    pub contact_id: Option<String>,
    pub subject: String,
    pub followup_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    /// `status`: move the application.
    pub kind: &'static str,
    pub to: Status,
    pub why: String,
}

/// What one file did (or, in a dry run, would do).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IngestReport {
    pub file: String,
    /// `invitation` or `email`; null for a file that is neither.
    pub kind: Option<&'static str>,
    pub application_id: Option<String>,
    pub matched_by: Option<MatchedBy>,
    pub interview: Option<InterviewOut>,
    pub contacts_added: Vec<ContactOut>,
    pub message: Option<MessageOut>,
    pub proposals: Vec<Proposal>,
    pub error: Option<String>,
    /// The matched application's company (for "move Acme to Rejected?").
    pub company: Option<String>,
}

impl IngestReport {
    fn new(file: &str) -> IngestReport {
        IngestReport {
            file: file.to_owned(),
            kind: None,
            application_id: None,
            matched_by: None,
            interview: None,
            contacts_added: vec![],
            message: None,
            proposals: vec![],
            error: None,
            company: None,
        }
    }
}

impl Store {
    /// Reads `bytes` (the content of `file`) and records it: assigned to
    /// `given` when set, else to the application it matches. Never fails:
    /// a refusal is the report's one-line `error`, with nothing written.
    pub fn ingest(&mut self, file: &str, bytes: &[u8], given: Option<&str>, dry_run: bool) -> IngestReport {
        let mut report = IngestReport::new(file);
        let input = match crate::ingest::parse(bytes, self.tz) {
            Ok(i) => i,
            Err(e) => {
                report.error = Some(e);
                return report;
            }
        };
        report.kind = Some(input.kind());
        let tz = self.tz;
        let outcome = (|| -> Result<IngestReport> {
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut r = report.clone();
            match &input {
                Input::Invitation(inv) => invitation(&tx, inv, given, &mut r)?,
                Input::Email(m) => email(&tx, m, given, &mut r)?,
            }
            if let Some(app) = &r.application_id {
                refresh(&tx, app, tz)?;
            }
            if !dry_run && r.application_id.is_some() {
                tx.commit()?;
            }
            Ok(r)
        })();
        match outcome {
            Ok(r) => r,
            Err(e) => {
                report.error = Some(e.to_string().split_whitespace().collect::<Vec<_>>().join(" "));
                report
            }
        }
    }
}

fn refuse(msg: impl Into<String>) -> Error {
    Error::Invalid { field: None, message: msg.into() }
}

/// Addresses that send on nobody's behalf: never a contact.
fn is_robot(email: &str) -> bool {
    let local = email.split('@').next().unwrap_or("").to_lowercase();
    ["noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "notification", "mailer-daemon", "calendar-server"]
        .iter()
        .any(|r| local.contains(r))
}

fn known(c: &Connection) -> Result<Vec<Known>> {
    let mut out: Vec<Known> = Vec::new();
    let mut index = HashMap::new();
    let mut st = c.prepare("SELECT id, status, applied_at, job_url FROM applications ORDER BY id")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        index.insert(id.clone(), out.len());
        out.push(Known {
            application_id: id,
            status: parse_wire(&r.get::<_, String>(1)?)?,
            applied_at: parse_opt_ts(r.get(2)?)?,
            job_url: r.get(3)?,
            emails: vec![],
        });
    }
    let mut st = c.prepare("SELECT application_id, lower(trim(email)) FROM contacts WHERE email IS NOT NULL AND trim(email) <> ''")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&r.get::<_, String>(0)?) {
            out[i].emails.push(r.get(1)?);
        }
    }
    Ok(out)
}

/// The application: `given` (checked), else the match of the addresses.
fn application(c: &Connection, addresses: &[&str], given: Option<&str>, r: &mut IngestReport) -> Result<()> {
    let found = match given {
        Some(id) => {
            current_status(c, id)?;
            Some((id.to_owned(), MatchedBy::Given))
        }
        None => matching::find(addresses, &known(c)?),
    };
    if let Some((id, by)) = found {
        r.company = Some(c.query_row("SELECT company FROM applications WHERE id = ?1", [&id], |x| x.get(0))?);
        r.application_id = Some(id);
        r.matched_by = Some(by);
    }
    Ok(())
}

/// The contact of `app` with this address, added when there is none.
fn contact_for(c: &Connection, app: &str, p: &Person, r: &mut IngestReport) -> Result<String> {
    let found: Option<String> = c
        .query_row(
            "SELECT id FROM contacts WHERE application_id = ?1 AND lower(trim(email)) = ?2 ORDER BY ord LIMIT 1",
            params![app, p.email],
            |x| x.get(0),
        )
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    let id = new_id(c, "c")?;
    c.execute(
        "INSERT INTO contacts(id, application_id, name, email, linkedin_consent, ord)
         VALUES (?1, ?2, ?3, ?4, 'not_asked', (SELECT coalesce(max(ord), -1) + 1 FROM contacts WHERE application_id = ?2))",
        params![id, app, p.contact_name(), p.email],
    )?;
    r.contacts_added.push(ContactOut { id: id.clone(), name: p.contact_name().to_owned(), email: p.email.clone() });
    Ok(id)
}

fn invitation(c: &Connection, inv: &Invitation, given: Option<&str>, r: &mut IngestReport) -> Result<()> {
    let settings = get_settings(c)?;
    let people: Vec<&Person> = inv.people().into_iter().filter(|p| !settings.is_mine(&p.email) && !is_robot(&p.email)).collect();
    let existing: Option<(String, String, u32, String, String, String)> = c
        .query_row(
            "SELECT id, application_id, coalesce(calendar_sequence, 0), starts_at, ends_at, format FROM interviews WHERE calendar_uid = ?1",
            [&inv.calendar.uid],
            |x| Ok((x.get(0)?, x.get(1)?, x.get(2)?, x.get(3)?, x.get(4)?, x.get(5)?)),
        )
        .optional()?;
    let addresses: Vec<&str> = people.iter().map(|p| p.email.as_str()).collect();
    if let Some((_, owner, ..)) = &existing {
        if given.is_some_and(|g| g != owner) {
            return Err(refuse("this invitation's interview is already logged under another application"));
        }
        application(c, &addresses, Some(owner), r)?;
        r.matched_by = matching::find(&addresses, &known(c)?).filter(|(a, _)| a == owner).map(|(_, b)| b).or(Some(MatchedBy::ContactEmail));
        if given.is_some() {
            r.matched_by = Some(MatchedBy::Given);
        }
    } else if inv.method == Method::Cancel {
        return Err(refuse(format!("this cancels an interview Afterview does not have (UID {}): nothing to remove", inv.calendar.uid)));
    } else {
        application(c, &addresses, given, r)?;
    }
    let Some(app) = r.application_id.clone() else { return Ok(()) };
    let out = |id: &str, s: DateTime<Utc>, e: DateTime<Utc>, f: InterviewFormat, ids: Vec<String>, change| InterviewOut {
        id: id.to_owned(),
        starts_at: ts(s),
        ends_at: ts(e),
        format: f,
        interviewer_ids: ids,
        change,
    };
    if inv.method == Method::Cancel {
        let Some((id, _, _, s, e, f)) = existing else { return Ok(()) };
        let ids = interviewer_ids(c, &id)?;
        c.execute("DELETE FROM interviews WHERE id = ?1", [&id])?;
        r.interview = Some(out(&id, parse_ts(&s)?, parse_ts(&e)?, parse_wire(&f)?, ids, "cancelled"));
        return Ok(());
    }
    let mut ids = Vec::new();
    for p in &people {
        let id = contact_for(c, &app, p, r)?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let (id, change) = match existing {
        Some((id, _, seq, s, e, f)) => {
            if inv.calendar.sequence < seq {
                return Err(refuse(format!(
                    "an older version of this invitation (SEQUENCE {}) than the one already logged ({seq}): nothing changed",
                    inv.calendar.sequence
                )));
            }
            let same = ts(inv.starts_at) == s && ts(inv.ends_at) == e && inv.format.as_str() == f;
            if same && r.contacts_added.is_empty() {
                return Err(refuse("this invitation is already logged, at the same time: nothing changed"));
            }
            c.execute(
                "UPDATE interviews SET starts_at = ?2, ends_at = ?3, format = ?4, calendar_sequence = ?5 WHERE id = ?1",
                params![id, ts(inv.starts_at), ts(inv.ends_at), inv.format.as_str(), inv.calendar.sequence],
            )?;
            (id, "moved")
        }
        None => {
            let id = new_id(c, "i")?;
            c.execute(
                "INSERT INTO interviews(id, application_id, starts_at, ends_at, format, physical_note, calendar_uid, calendar_sequence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![id, app, ts(inv.starts_at), ts(inv.ends_at), inv.format.as_str(), settings.physical_note_default, inv.calendar.uid, inv.calendar.sequence],
            )?;
            (id, "new")
        }
    };
    for cid in &ids {
        c.execute(
            "INSERT OR IGNORE INTO interview_contacts(interview_id, contact_id, ord)
             VALUES (?1, ?2, (SELECT coalesce(max(ord), -1) + 1 FROM interview_contacts WHERE interview_id = ?1))",
            params![id, cid],
        )?;
    }
    let all = interviewer_ids(c, &id)?;
    r.interview = Some(out(&id, inv.starts_at, inv.ends_at, inv.format, all, change));
    Ok(())
}

fn interviewer_ids(c: &Connection, interview: &str) -> Result<Vec<String>> {
    let mut st = c.prepare("SELECT contact_id FROM interview_contacts WHERE interview_id = ?1 ORDER BY ord")?;
    let rows = st.query_map([interview], |x| x.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn email(c: &Connection, m: &Email, given: Option<&str>, r: &mut IngestReport) -> Result<()> {
    let settings = get_settings(c)?;
    let direction = if settings.is_mine(&m.from.email) { Direction::Sent } else { Direction::Received };
    let theirs: Vec<&Person> = std::iter::once(&m.from).chain(&m.to).filter(|p| !settings.is_mine(&p.email)).collect();
    let addresses: Vec<&str> = theirs.iter().map(|p| p.email.as_str()).collect();
    application(c, &addresses, given, r)?;
    let Some(app) = r.application_id.clone() else { return Ok(()) };
    // The person this mail is to (sent) or from (received).
    let counterpart = theirs.iter().find(|p| !is_robot(&p.email)).copied();
    let mut contact_id = match counterpart {
        Some(p) => Some(contact_for(c, &app, p, r)?),
        None => None,
    };
    let mut followup_key = None;
    if direction == Direction::Sent {
        // A thank-you to an interviewer, after the interview: it closes that
        // interviewer's open thank-you email (or the interview's, when none was named).
        let mut st = c.prepare(
            "SELECT f.key, f.contact_id FROM followups f JOIN interviews i ON i.id = f.interview_id
             WHERE f.application_id = ?1 AND f.kind = 'thank_you_email' AND i.ends_at <= ?2
               AND (f.contact_id IS NULL OR f.contact_id IN
                    (SELECT id FROM contacts WHERE application_id = ?1 AND lower(trim(email)) = ?3))
             ORDER BY f.contact_id IS NULL, i.ends_at DESC LIMIT 1",
        )?;
        for p in &theirs {
            let hit: Option<(String, Option<String>)> =
                st.query_row(params![app, ts(m.at), p.email], |x| Ok((x.get(0)?, x.get(1)?))).optional()?;
            if let Some((key, cid)) = hit {
                followup_key = Some(key);
                contact_id = cid.or(contact_id);
                break;
            }
        }
    }
    let dup: bool = c.query_row(
        "SELECT EXISTS (SELECT 1 FROM messages WHERE application_id = ?1 AND at = ?2 AND direction = ?3 AND body = ?4)",
        params![app, ts(m.at), direction.as_str(), m.body],
        |x| x.get(0),
    )?;
    if dup {
        return Err(refuse("this email is already logged: nothing changed"));
    }
    insert_message(
        c,
        &app,
        &Message { at: m.at, direction, channel: Channel::Email, followup_key: followup_key.clone(), contact_id: contact_id.clone(), body: m.body.clone() },
    )?;
    r.message = Some(MessageOut { at: ts(m.at), direction, contact_id, subject: m.subject.clone(), followup_key });
    if direction == Direction::Received {
        let status = current_status(c, &app)?;
        if let Some(phrase) = rejection::rejection_phrase(&format!("{}\n{}", m.subject, m.body)) {
            if status != Status::Rejected && !status.is_archived() {
                r.proposals.push(Proposal { kind: "status", to: Status::Rejected, why: format!("the email says \"{phrase}\"") });
            }
        }
    }
    Ok(())
}
