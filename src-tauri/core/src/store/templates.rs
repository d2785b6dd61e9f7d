//! The SQL of the note editor: the user's own templates, drafts, "mark as
//! sent" and the print options of a physical note.
//!
//! - A template the user edited is kept in `settings` under
//!   `template:<kind>` (JSON `{subject, body}`); resetting deletes the row,
//!   so the default of the running version applies again.
//! - A draft is the follow-up's decision draft (`decisions.draft`): saving
//!   one never changes the decision's state (open, snoozed …), so typing in
//!   the editor cannot reopen, close or move a follow-up.
//! - "Mark as sent" records a sent message carrying the follow-up's key:
//!   that closes it, and moves the next check-in (rule R5), in the same
//!   transaction as the recompute.

use super::actions::{outcome, Outcome};
use super::{application_of_key, insert_message, planned_from_row, refresh, ts, Store, FOLLOWUP_COLS};
use crate::error::{Error, Result};
use crate::model::{Application, Channel, Contact, Direction, FollowUp, InterviewFormat, Kind, Message};
use crate::note::{Layout, NoteOptions};
use crate::templates::{self, Template};
use chrono::{DateTime, Utc};
use crate::zone::Tz;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

/// Everything the editor shows for one follow-up.
#[derive(Debug, Clone, Serialize)]
pub struct Compose {
    /// The instant this was computed for (the app's clock), for due labels.
    pub now: DateTime<Utc>,
    pub followup: FollowUp,
    pub action: &'static str,
    pub application: Application,
    /// Who the message goes to, the person addressed first.
    pub recipients: Vec<Contact>,
    pub channel: Option<Channel>,
    /// The text to show: the saved draft, else the template filled in.
    pub draft: Template,
    /// The template filled in afresh, for "Start again from the template".
    pub filled: Template,
    /// True when `draft` is the user's saved edit.
    pub edited: bool,
    pub note: Option<NoteOptions>,
}

/// One kind's template, and whether it is the user's own version.
#[derive(Debug, Clone, Serialize)]
pub struct TemplateEntry {
    pub kind: Kind,
    pub label: &'static str,
    pub email: bool,
    pub template: Template,
    pub customized: bool,
    pub default: Template,
}

/// The channel a follow-up of `kind` is sent through; `None` for the
/// pre-interview checklist, which is done, not sent.
pub fn channel_of(kind: Kind) -> Option<Channel> {
    match kind {
        Kind::ThankYouEmail | Kind::CheckIn | Kind::KeepCvOnFile => Some(Channel::Email),
        Kind::ThankYouNote => Some(Channel::Note),
        Kind::LinkedinConnect => Some(Channel::Linkedin),
        Kind::PreInterview | Kind::NoAnswer => None,
    }
}

fn template_key(kind: Kind) -> String {
    format!("template:{}", kind.as_str())
}

/// The user's version of `kind`'s template, if they saved one.
pub fn custom_template(c: &Connection, kind: Kind) -> Result<Option<Template>> {
    let raw: Option<String> = c
        .query_row("SELECT value FROM settings WHERE key = ?1", [template_key(kind)], |r| r.get(0))
        .optional()?;
    // A row that no longer parses (written by hand, or by a future version)
    // falls back to the default rather than making the editor unusable.
    Ok(raw.and_then(|s| serde_json::from_str(&s).ok()))
}

pub fn template_for(c: &Connection, kind: Kind) -> Result<Template> {
    Ok(custom_template(c, kind)?.unwrap_or_else(|| templates::default_template(kind)))
}

/// The open follow-up `key` at `now`, from the stored follow-ups.
pub fn open_followup(c: &Connection, key: &str, now: DateTime<Utc>) -> Result<FollowUp> {
    c.query_row(
        &format!("SELECT {FOLLOWUP_COLS} FROM followups WHERE key = ?1 AND (closes_at IS NULL OR closes_at > ?2)"),
        params![key, ts(now)],
        planned_from_row,
    )
    .optional()?
    .map(|p| p.followup)
    .ok_or_else(|| Error::NotFound("This follow-up is no longer open: it was sent, done or skipped, or its facts changed.".into()))
}

fn interview_end(c: &Connection, interview_id: Option<&str>) -> Result<Option<DateTime<Utc>>> {
    let Some(id) = interview_id else { return Ok(None) };
    let end: Option<String> = c.query_row("SELECT ends_at FROM interviews WHERE id = ?1", [id], |r| r.get(0)).optional()?;
    Ok(super::parse_opt_ts(end)?)
}

fn draft_of(c: &Connection, key: &str, app: &str) -> Result<Option<String>> {
    Ok(c.query_row("SELECT draft FROM decisions WHERE followup_key = ?1 AND application_id = ?2", [key, app], |r| r.get(0))
        .optional()?
        .flatten())
}

/// A note's print options: as saved, else a fresh set on the paper chosen
/// last time, delivered by hand after an on-site interview and by post after
/// a video or phone one (nobody passes the front desk of a video call).
fn note_options(c: &Connection, key: &str, app: &str, onsite: bool) -> Result<NoteOptions> {
    let row: Option<(String, String, bool, String)> = c
        .query_row(
            "SELECT delivery, layout, envelope, address FROM note_options WHERE followup_key = ?1 AND application_id = ?2",
            [key, app],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let parse = |delivery: &str, layout: &str| -> Option<(crate::note::Delivery, Layout)> {
        Some((serde_json::from_value(serde_json::Value::String(delivery.to_owned())).ok()?, layout.parse().ok()?))
    };
    if let Some((d, l, envelope, address)) = row {
        if let Some((delivery, layout)) = parse(&d, &l) {
            return Ok(NoteOptions { delivery, layout, envelope, address });
        }
    }
    // A note not set up yet starts on the paper the user chose last time.
    let last: Option<(String, bool)> = c
        .query_row("SELECT layout, envelope FROM note_options ORDER BY updated_at DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let mut o = NoteOptions::default();
    if !onsite {
        o.delivery = crate::note::Delivery::Post;
    }
    if let Some((l, envelope)) = last {
        o.layout = l.parse().unwrap_or(o.layout);
        o.envelope = envelope;
    }
    Ok(o)
}

/// Builds what the editor shows for `key` at `now`.
pub fn compose(c: &Connection, key: &str, now: DateTime<Utc>, tz: Tz) -> Result<Compose> {
    let followup = open_followup(c, key, now)?;
    let rec = super::load_record(c, &followup.application_id)?;
    let facts = templates::facts_for(&rec, key, followup.contact_id.as_deref(), followup.interview_id.as_deref(), tz, now);
    let mut filled = templates::fill(&template_for(c, followup.kind)?, &facts);
    let name = super::profile::your_name(c)?;
    super::profile::sign(&mut filled, name.as_deref());
    let saved = draft_of(c, key, &followup.application_id)?;
    let onsite = rec
        .interviews
        .iter()
        .find(|iv| Some(iv.id.as_str()) == followup.interview_id.as_deref())
        .is_none_or(|iv| iv.format == InterviewFormat::Onsite);
    let mut draft = match &saved {
        Some(d) => templates::split_draft(followup.kind, d, &filled.subject),
        None => filled.clone(),
    };
    // A draft saved before the name was given still has the gap: sign it too.
    super::profile::sign(&mut draft, name.as_deref());
    Ok(Compose {
        now,
        action: followup.kind.action(),
        application: rec.application.clone(),
        recipients: facts.contacts.clone(),
        channel: channel_of(followup.kind),
        note: (followup.kind == Kind::ThankYouNote).then(|| note_options(c, key, &followup.application_id, onsite)).transpose()?,
        edited: saved.is_some(),
        draft,
        filled,
        followup,
    })
}

impl Store {
    pub fn compose(&self, key: &str, now: DateTime<Utc>) -> Result<Compose> {
        compose(self.conn(), key, now, self.zone())
    }

    /// Saves the editor's text as the follow-up's draft (`None` forgets the
    /// edit, so the template applies again). The decision's state is kept.
    pub fn save_draft(&mut self, key: &str, draft: Option<&Template>, now: DateTime<Utc>) -> Result<()> {
        let kind = Kind::of_key(key).ok_or_else(|| Error::NotFound(format!("no follow-up {key}")))?;
        let text = draft.map(|t| templates::join_draft(kind, &t.subject, &t.body));
        if text.as_ref().is_some_and(|t| t.chars().count() > templates::MAX_TEMPLATE) {
            return Err(Error::invalid(
                "body",
                format!("This draft is over {} characters and was not saved; shorten it.", templates::MAX_TEMPLATE),
            ));
        }
        let tz = self.zone();
        self.write(|tx| {
            let app = application_of_key(tx, key)?;
            tx.execute(
                "INSERT INTO decisions(followup_key, application_id, state, snoozed_until, draft, updated_at)
                 VALUES (?1, ?2, 'open', NULL, ?3, ?4)
                 ON CONFLICT(followup_key, application_id) DO UPDATE SET draft = excluded.draft, updated_at = excluded.updated_at",
                params![key, app, text, ts(now)],
            )?;
            refresh(tx, &app, tz)
        })
    }

    /// Records that the follow-up was sent, now, as `draft` says: a sent
    /// message with its key, channel, contact and text, and the text kept as
    /// the draft. That closes the follow-up and moves the next check-in, all
    /// in one transaction.
    ///
    /// A thank-you recorded before its interview has ended is refused with
    /// field `sent_early` unless `early_ok` (the user confirmed): a report
    /// should never show a thank-you before the meeting by a slip.
    pub fn mark_sent(&mut self, key: &str, draft: &Template, early_ok: bool, now: DateTime<Utc>) -> Result<Outcome> {
        let tz = self.zone();
        self.write(|tx| {
            let f = open_followup(tx, key, now)?;
            let channel = channel_of(f.kind).ok_or_else(|| {
                Error::invalid("send", "A checklist is not sent: mark it done when you are ready.")
            })?;
            if !early_ok {
                if let Some(ends) = interview_end(tx, f.interview_id.as_deref())?.filter(|e| *e > now) {
                    let local = ends.with_timezone(&tz);
                    return Err(Error::invalid(
                        "sent_early",
                        format!(
                            "The interview ends {} at {}. Record the thank-you as sent before it has ended?",
                            local.format("%a %-d %b"),
                            local.format("%H:%M")
                        ),
                    ));
                }
            }
            let text = templates::join_draft(f.kind, &draft.subject, &draft.body);
            tx.execute(
                "INSERT INTO decisions(followup_key, application_id, state, snoozed_until, draft, updated_at)
                 VALUES (?1, ?2, 'open', NULL, ?3, ?4)
                 ON CONFLICT(followup_key, application_id) DO UPDATE SET draft = excluded.draft, updated_at = excluded.updated_at",
                params![key, f.application_id, text, ts(now)],
            )?;
            let m = Message {
                at: now,
                direction: Direction::Sent,
                channel,
                followup_key: Some(key.to_owned()),
                contact_id: f.contact_id.clone(),
                body: text,
            };
            insert_message(tx, &f.application_id, &m)?;
            let id = tx.last_insert_rowid();
            refresh(tx, &f.application_id, tz)?;
            outcome(tx, &f, Some(id), None, now)
        })
    }

    /// Saves how a printed note is delivered and laid out.
    pub fn set_note_options(&mut self, key: &str, options: &NoteOptions, now: DateTime<Utc>) -> Result<NoteOptions> {
        if Kind::of_key(key) != Some(Kind::ThankYouNote) {
            return Err(Error::invalid("layout", "Only a printed thank-you note has print options."));
        }
        let o = options.check()?;
        self.write(|tx| {
            let app = application_of_key(tx, key)?;
            let delivery = serde_json::to_value(o.delivery).map_err(|e| Error::Io(e.to_string()))?;
            tx.execute(
                "INSERT INTO note_options(followup_key, application_id, delivery, layout, envelope, address, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT(followup_key, application_id) DO UPDATE SET delivery = excluded.delivery, layout = excluded.layout,
                     envelope = excluded.envelope, address = excluded.address, updated_at = excluded.updated_at",
                params![key, app, delivery.as_str(), o.layout.as_str(), o.envelope, o.address, ts(now)],
            )?;
            Ok(())
        })?;
        Ok(o)
    }

    /// Every kind's template, the user's version where there is one.
    pub fn templates(&self) -> Result<Vec<TemplateEntry>> {
        Kind::ALL
            .iter()
            // R9's question is answered with two buttons, not written.
            .filter(|&&kind| kind != Kind::NoAnswer)
            .map(|&kind| {
                let custom = custom_template(self.conn(), kind)?;
                let default = templates::default_template(kind);
                Ok(TemplateEntry {
                    kind,
                    label: kind.template_label(),
                    email: templates::is_email(kind),
                    customized: custom.is_some(),
                    template: custom.unwrap_or_else(|| default.clone()),
                    default,
                })
            })
            .collect()
    }

    /// Saves the user's version of a template, checked first (an unknown
    /// `{{variable}}` is refused beside its field).
    pub fn set_template(&mut self, kind: Kind, t: &Template) -> Result<Template> {
        let clean = templates::check_template(kind, t)?;
        let json = serde_json::to_string(&clean).map_err(|e| Error::Io(e.to_string()))?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings(key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![template_key(kind), json],
            )?;
            Ok(())
        })?;
        Ok(clean)
    }

    /// Goes back to the default template of `kind`.
    pub fn reset_template(&mut self, kind: Kind) -> Result<Template> {
        self.write(|tx| {
            tx.execute("DELETE FROM settings WHERE key = ?1", [template_key(kind)])?;
            Ok(())
        })?;
        Ok(templates::default_template(kind))
    }
}

#[cfg(test)]
mod tests;
