//! What the unit tests share: the zones they run in, instants and dates
//! written as text, and the application record they start from (Acme's
//! backend role, `a1`), which each test fills in with its own facts.

#![allow(non_upper_case_globals)]

use crate::model::{Application, ApplicationRecord, Channel, Consent, Contact, Direction, Interview, InterviewFormat, Message, Status};
use crate::zone::Tz;
use chrono::{DateTime, NaiveDate, Utc};

/// CET (UTC+1) in winter, CEST (UTC+2) in summer: 09:00 local in November is 08:00Z.
pub const Berlin: Tz = Tz::named("Europe/Berlin");
pub const New_York: Tz = Tz::named("America/New_York");
pub const Los_Angeles: Tz = Tz::named("America/Los_Angeles");
pub const Auckland: Tz = Tz::named("Pacific/Auckland");
pub const Apia: Tz = Tz::named("Pacific/Apia");
pub const UTC: Tz = Tz::UTC;

/// An instant, RFC 3339 (`2026-11-17T09:00:00Z`).
pub fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap_or_else(|e| panic!("bad instant {s}: {e}"))
}

/// A calendar date, `YYYY-MM-DD`.
pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap_or_else(|e| panic!("bad date {s}: {e}"))
}

/// Application `a1` at Acme, "Backend Engineer", in `status`: nothing
/// applied, no contacts, interviews, moves, messages or decisions yet.
pub fn record(status: Status) -> ApplicationRecord {
    ApplicationRecord {
        application: Application {
            id: "a1".into(),
            company: "Acme".into(),
            role: "Backend Engineer".into(),
            status,
            applied_at: None,
            job_url: None,
            location: None,
            source: None,
            notes: String::new(),
        },
        contacts: vec![],
        interviews: vec![],
        status_changes: vec![],
        messages: vec![],
        decisions: vec![],
    }
}

/// A contact known by name only.
pub fn contact(id: &str, name: &str, linkedin_consent: Consent) -> Contact {
    Contact { id: id.into(), name: name.into(), title: None, email: None, linkedin_url: None, linkedin_consent }
}

/// A video interview from `starts` to `ends` with the contacts `with`;
/// nothing noted about it yet.
pub fn interview(id: &str, starts: &str, ends: &str, with: &[&str]) -> Interview {
    Interview {
        id: id.into(),
        starts_at: t(starts),
        ends_at: t(ends),
        format: InterviewFormat::Video,
        interviewer_ids: with.iter().map(|s| s.to_string()).collect(),
        went: None,
        physical_note: false,
        next_steps: None,
        expected_reply_by: None,
        calendar: None,
    }
}

/// An e-mail sent or received at `at`, to or from nobody named, with no text.
pub fn message(at: &str, direction: Direction, followup_key: Option<&str>) -> Message {
    Message {
        at: t(at),
        direction,
        channel: Channel::Email,
        followup_key: followup_key.map(str::to_owned),
        contact_id: None,
        body: String::new(),
    }
}
