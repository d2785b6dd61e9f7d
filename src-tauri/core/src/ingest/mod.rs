//! Facts that arrive by email, read from the files themselves: a calendar
//! invitation (`.ics`) becomes an interview, an email (`.eml`) a message.
//! Nothing here writes: `parse` reads one file into an [`Input`], and
//! `store::ingest` matches it to an application and records it in one
//! transaction.
//!
//! - [`ics`]: iCalendar through the `icalendar` crate's parser (unfolding,
//!   parameters); times to UTC with [`tzid`].
//! - [`eml`]: RFC 5322 / MIME through `mail-parser` (transfer encodings,
//!   charsets, multipart); the reply without its quoted history.
//! - [`matching`]: which application a file is about.
//! - [`rejection`]: the phrases that make a received email read as a rejection.

pub mod eml;
pub mod ics;
pub mod matching;
pub mod rejection;
pub mod tzid;

use crate::model::{CalendarRef, InterviewFormat};
use crate::zone::Tz;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// Someone named in a file: an attendee, the organizer, a sender or recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    /// The display name, or empty when the file gives none.
    pub name: String,
    /// Lower-cased.
    pub email: String,
}

impl Person {
    pub fn new(name: Option<&str>, email: &str) -> Person {
        let name = name.map(|n| n.trim().trim_matches('"').trim()).unwrap_or_default();
        let email = email.trim().trim_start_matches("mailto:").trim_start_matches("MAILTO:").trim().to_lowercase();
        Person { name: name.to_owned(), email }
    }
    /// The name to give a new contact: the display name, else the address.
    pub fn contact_name(&self) -> &str {
        if self.name.is_empty() || self.name.eq_ignore_ascii_case(&self.email) {
            &self.email
        } else {
            &self.name
        }
    }
}

/// What an invitation asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `REQUEST` or `PUBLISH` (or no METHOD): the event, new or updated.
    Request,
    /// `METHOD:CANCEL` or `STATUS:CANCELLED`.
    Cancel,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Invitation {
    pub method: Method,
    /// The event it is (UID and SEQUENCE): an interview logged from it keeps
    /// this, so a later invitation moves it and a cancellation removes it.
    pub calendar: CalendarRef,
    pub summary: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub format: InterviewFormat,
    pub organizer: Option<Person>,
    pub attendees: Vec<Person>,
    /// The description, for the interview's notes.
    pub description: String,
}

impl Invitation {
    /// Everyone it names, organizer first, each address once.
    pub fn people(&self) -> Vec<&Person> {
        let mut out: Vec<&Person> = Vec::new();
        for p in self.organizer.iter().chain(&self.attendees) {
            if !out.iter().any(|q| q.email == p.email) {
                out.push(p);
            }
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Email {
    pub from: Person,
    /// To and Cc, in that order.
    pub to: Vec<Person>,
    pub at: DateTime<Utc>,
    pub subject: String,
    /// The new text of this mail: quoted history and signature removed.
    pub body: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Invitation(Invitation),
    Email(Email),
}

impl Input {
    pub fn kind(&self) -> &'static str {
        match self {
            Input::Invitation(_) => "invitation",
            Input::Email(_) => "email",
        }
    }
}

/// Reads one file: an iCalendar object or an email (one that carries an
/// invitation reads as that invitation), told apart by content
/// (not by name, so a pasted invitation and a `.txt` export both work).
/// `local` is the zone of floating times. The error is one line.
pub fn parse(bytes: &[u8], local: Tz) -> Result<Input, String> {
    // A message quotes the file (a METHOD, a date): its line breaks are spaces.
    parse_any(bytes, local).map_err(|e| e.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn parse_any(bytes: &[u8], local: Tz) -> Result<Input, String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    if trimmed.to_ascii_uppercase().starts_with("BEGIN:VCALENDAR") {
        let text = std::str::from_utf8(bytes).map_err(|_| "this calendar file is not UTF-8 text".to_owned())?;
        return ics::parse(text, local).map(Input::Invitation);
    }
    if eml::looks_like_email(bytes) {
        // An invitation email: the invitation it carries is what counts.
        if let Some(cal) = eml::calendar_part(bytes) {
            return ics::parse(&cal, local).map(Input::Invitation);
        }
        return eml::parse(bytes).map(Input::Email);
    }
    Err("neither a calendar invitation (.ics) nor an email (.eml)".to_owned())
}
