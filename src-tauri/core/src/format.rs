//! The interchange format of DESIGN §5, documented field by field in
//! docs/FORMAT.md: one JSON document that `afterview export` writes and
//! `afterview import` reads. It is a public contract: fields are added,
//! never renamed.
//!
//! Parsing never trusts serde's defaults for what a file may hold: the text
//! is read into a `serde_json::Value` and walked with a path, so that every
//! refusal is one line naming the application (by index, id and company)
//! and the field, e.g.
//! `applications[2] (id "a3", Acme).interviews[0].ends_at: the interview ends before it starts …`.
//! Unknown fields are refused by name, never dropped.
//!
//! An import runs its checks and its writes in one transaction: either every
//! application of the file is in the database with its follow-ups computed,
//! or nothing was written.

use crate::error::{Error, Result};
use crate::model::*;
use crate::store::{interchange, Store};
use crate::validate;
use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, NaiveTime, Timelike, Utc};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

/// The version this Afterview writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

/// One interchange document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// The format version (`FORMAT_VERSION` when written by this Afterview).
    pub afterview: u32,
    pub settings: Settings,
    pub applications: Vec<ApplicationRecord>,
}

// The fields each object of the format may hold. `known_fields_match_the_model`
// (below) checks them against what the model serializes.
const TOP_FIELDS: &[&str] = &["afterview", "settings", "applications"];
const SETTINGS_FIELDS: &[&str] = &[
    "checkin_cadence_days",
    "quiet_hours",
    "physical_note_default",
    "pre_interview_minutes",
    "no_answer_after_checkins",
    "my_emails",
];
const APPLICATION_FIELDS: &[&str] = &[
    "id",
    "company",
    "role",
    "status",
    "applied_at",
    "job_url",
    "location",
    "source",
    "notes",
    "contacts",
    "interviews",
    "status_changes",
    "messages",
    "decisions",
];
const CONTACT_FIELDS: &[&str] = &[
    "id",
    "name",
    "title",
    "email",
    "linkedin_url",
    "linkedin_consent",
];
const INTERVIEW_FIELDS: &[&str] = &[
    "id",
    "starts_at",
    "ends_at",
    "format",
    "interviewer_ids",
    "went",
    "physical_note",
    "next_steps",
    "expected_reply_by",
    "calendar",
];
const CALENDAR_FIELDS: &[&str] = &["uid", "sequence"];
const STATUS_CHANGE_FIELDS: &[&str] = &["at", "from", "to"];
const MESSAGE_FIELDS: &[&str] = &[
    "at",
    "direction",
    "channel",
    "followup_key",
    "contact_id",
    "body",
];
const DECISION_FIELDS: &[&str] = &["followup_key", "state", "snoozed_until", "draft", "decided_at"];

/// The years a date or an instant in a file may have.
pub const YEARS: std::ops::RangeInclusive<i32> = 1970..=2199;

/// The longest id accepted (ids end up inside follow-up keys).
const MAX_ID: usize = 200;

// ----- parse ---------------------------------------------------------------------

/// Reads and checks a whole document. Nothing is written anywhere: a refusal
/// is an `Error::Invalid` whose field is the path of the culprit and whose
/// message is one line starting with that path.
pub fn parse(text: &str) -> Result<Document> {
    let Strict(root) = serde_json::from_str(text).map_err(json_error)?;
    let Value::Object(map) = &root else {
        return Err(Error::invalid(
            "file",
            format!(
                "not an Afterview export: expected a JSON object at the top, found {}",
                describe(&root)
            ),
        ));
    };
    let top = At {
        map,
        path: String::new(),
    };
    // The version first: a newer file is refused for being newer, whatever else it holds.
    let version = match map.get("afterview") {
        None | Some(Value::Null) => {
            return Err(top.err(
                "afterview",
                format!("missing: not an Afterview export (it must say \"afterview\": {FORMAT_VERSION})"),
            ))
        }
        Some(v) => match v.as_u64() {
            Some(n) if n > u64::from(FORMAT_VERSION) => {
                return Err(top.err(
                    "afterview",
                    format!(
                        "written by a newer Afterview (format {n}); this one reads format {FORMAT_VERSION}. \
                         Update Afterview to import it"
                    ),
                ))
            }
            Some(n) if n >= 1 => n as u32,
            _ => {
                return Err(top.err(
                    "afterview",
                    format!("{} is not a format version (this Afterview reads format {FORMAT_VERSION})", describe(v)),
                ))
            }
        },
    };
    top.known(TOP_FIELDS)?;
    let settings = match top.object("settings")? {
        None => Settings::default(),
        Some(at) => parse_settings(&at)?,
    };
    let mut seen = Seen::default();
    let mut applications = Vec::new();
    let mut labels = Vec::new();
    for (i, v) in top.list("applications")?.iter().enumerate() {
        let Value::Object(map) = v else {
            return Err(top.err(
                &format!("applications[{i}]"),
                format!("expected an object, found {}", describe(v)),
            ));
        };
        let at = At {
            map,
            path: application_label(i, map),
        };
        applications.push(parse_application(&at, &settings, &mut seen)?);
        labels.push(at.path);
    }
    check_key_owners(&labels, &applications)?;
    Ok(Document {
        afterview: version,
        settings,
        applications,
    })
}

fn json_error(e: serde_json::Error) -> Error {
    let what = match e.classify() {
        serde_json::error::Category::Eof => "the file is truncated or not valid JSON",
        serde_json::error::Category::Io => "the file could not be read",
        _ => "the file is not valid JSON",
    };
    // serde_json's message already ends with "at line L column C".
    Error::invalid("file", format!("{what}: {e}"))
}

/// A JSON value read like `serde_json::Value`, except that a key given twice
/// in one object is refused (with its line and column) instead of the first
/// value being silently dropped.
struct Strict(Value);

impl<'de> serde::Deserialize<'de> for Strict {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = Strict;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> std::result::Result<Strict, E> {
        Ok(Strict(Value::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> std::result::Result<Strict, E> {
        Ok(Strict(Value::from(v)))
    }
    fn visit_u64<E>(self, v: u64) -> std::result::Result<Strict, E> {
        Ok(Strict(Value::from(v)))
    }
    fn visit_f64<E>(self, v: f64) -> std::result::Result<Strict, E> {
        Ok(Strict(Value::from(v)))
    }
    fn visit_str<E>(self, v: &str) -> std::result::Result<Strict, E> {
        Ok(Strict(Value::String(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> std::result::Result<Strict, E> {
        Ok(Strict(Value::String(v)))
    }
    fn visit_unit<E>(self) -> std::result::Result<Strict, E> {
        Ok(Strict(Value::Null))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<Strict, A::Error> {
        let mut out = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Strict(Value::Array(out)))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Strict, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(serde::de::Error::custom(format!(
                    "the field {key:?} appears twice in one object"
                )));
            }
            let Strict(v) = map.next_value()?;
            out.insert(key, v);
        }
        Ok(Strict(Value::Object(out)))
    }
}

/// `applications[2] (id "a3", Acme)`: the index always, the id and company
/// when they are there to be read.
fn application_label(i: usize, map: &Map<String, Value>) -> String {
    let id = map.get("id").and_then(Value::as_str);
    let company = map
        .get("company")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(label_company);
    match (id, company) {
        (Some(id), Some(c)) => format!("applications[{i}] (id {id:?}, {c})"),
        (Some(id), None) => format!("applications[{i}] (id {id:?})"),
        (None, Some(c)) => format!("applications[{i}] ({c})"),
        (None, None) => format!("applications[{i}]"),
    }
}

/// A company as a label shows it: on one line and at most 60 characters, so
/// that the refusal of a company too long or on several lines stays one line.
fn label_company(c: &str) -> String {
    let one: String = c.chars().map(|ch| if ch.is_control() { ' ' } else { ch }).collect();
    if one.chars().count() <= 60 {
        return one;
    }
    let cut: String = one.chars().take(59).collect();
    format!("{}…", cut.trim_end())
}

/// Ids met so far in the document, with where (`applications[0] (id "a1", Acme)…`).
#[derive(Default)]
struct Seen {
    applications: HashMap<String, String>,
    contacts: HashMap<String, String>,
    interviews: HashMap<String, String>,
    decisions: HashMap<String, String>,
    calendar_uids: HashMap<String, String>,
}

fn parse_settings(at: &At) -> Result<Settings> {
    at.known(SETTINGS_FIELDS)?;
    let mut s = Settings::default();
    let alone = |f: &str, one: Settings| one.validate().map_err(|m| at.err(f, m));
    if let Some(n) = at.count("checkin_cadence_days")? {
        alone(
            "checkin_cadence_days",
            Settings {
                checkin_cadence_days: n,
                ..Settings::default()
            },
        )?;
        s.checkin_cadence_days = n;
    }
    if let Some(n) = at.count("pre_interview_minutes")? {
        alone(
            "pre_interview_minutes",
            Settings {
                pre_interview_minutes: n,
                ..Settings::default()
            },
        )?;
        s.pre_interview_minutes = n;
    }
    if let Some(n) = at.count("no_answer_after_checkins")? {
        alone(
            "no_answer_after_checkins",
            Settings {
                no_answer_after_checkins: n,
                ..Settings::default()
            },
        )?;
        s.no_answer_after_checkins = n;
    }
    if let Some(b) = at.boolean("physical_note_default")? {
        s.physical_note_default = b;
    }
    if let Some(v) = at.get("quiet_hours") {
        let bad = || {
            at.err(
                "quiet_hours",
                format!(
                    "expected two times like [\"21:00\", \"08:00\"], found {}",
                    describe(v)
                ),
            )
        };
        let [Value::String(a), Value::String(b)] =
            v.as_array().map(Vec::as_slice).unwrap_or_default()
        else {
            return Err(bad());
        };
        s.quiet_hours = (hh_mm(a).ok_or_else(bad)?, hh_mm(b).ok_or_else(bad)?);
    }
    for (i, v) in at.list("my_emails")?.iter().enumerate() {
        let f = format!("my_emails[{i}]");
        match v {
            Value::String(e) if crate::model::is_email(e) => s.my_emails.push(e.trim().to_lowercase()),
            v => return Err(at.err(&f, format!("expected an email address like you@example.org, found {}", describe(v)))),
        }
    }
    s.check().map_err(|(field, m)| at.err(field, m))?;
    Ok(s)
}

/// A time of day written exactly as `HH:MM`.
pub fn hh_mm(s: &str) -> Option<NaiveTime> {
    (s.len() == 5)
        .then(|| NaiveTime::parse_from_str(s, "%H:%M").ok())
        .flatten()
}

fn parse_application(at: &At, settings: &Settings, seen: &mut Seen) -> Result<ApplicationRecord> {
    at.known(APPLICATION_FIELDS)?;
    let id = at.id("id")?;
    if let Some(first) = seen.applications.get(&id) {
        return Err(at.err(
            "id",
            format!("{id:?} is already the id of {first}; application ids must be unique"),
        ));
    }
    seen.applications.insert(id.clone(), at.path.clone());
    let company = validate::required(
        "company",
        "Company",
        at.need("company", at.string("company")?)?,
    )
    .map_err(|e| at.err("company", e))?;
    let role = validate::required("role", "Role", at.need("role", at.string("role")?)?)
        .map_err(|e| at.err("role", e))?;
    let status: Status = at.need("status", at.wire("status")?)?;
    let applied_at = at.instant("applied_at")?;
    let job_url = validate::optional("job_url", "Job URL", at.string("job_url")?)
        .map_err(|e| at.err("job_url", e))?;
    if let Some(u) = &job_url {
        validate::web_url("job_url", "Job URL", u)
            .map_err(|e| at.err("job_url", format!("{e} (got {u:?})")))?;
    }
    let location = validate::optional("location", "Location", at.string("location")?)
        .map_err(|e| at.err("location", e))?;
    let source = validate::optional("source", "Source", at.string("source")?)
        .map_err(|e| at.err("source", e))?;
    let notes = validate::long_text("notes", "Notes", at.string("notes")?.unwrap_or(""))
        .map_err(|e| at.err("notes", e))?;

    let mut contacts = Vec::new();
    for c in at.objects("contacts")? {
        c.known(CONTACT_FIELDS)?;
        let cid = c.id("id")?;
        if let Some(first) = seen.contacts.get(&cid) {
            return Err(c.err(
                "id",
                format!("contact id {cid:?} is already used by {first}; contact ids must be unique across the file (follow-up keys use them)"),
            ));
        }
        seen.contacts.insert(cid.clone(), c.owner());
        let name = validate::required("name", "Name", c.need("name", c.string("name")?)?)
            .map_err(|e| c.err("name", e))?;
        let title = validate::optional("title", "Title", c.string("title")?)
            .map_err(|e| c.err("title", e))?;
        let email = validate::optional("email", "E-mail", c.string("email")?)
            .map_err(|e| c.err("email", e))?;
        if let Some(m) = &email {
            validate::email("email", m).map_err(|e| c.err("email", e))?;
        }
        let linkedin_url =
            validate::optional("linkedin_url", "LinkedIn URL", c.string("linkedin_url")?)
                .map_err(|e| c.err("linkedin_url", e))?;
        if let Some(u) = &linkedin_url {
            validate::web_url("linkedin_url", "LinkedIn URL", u)
                .map_err(|e| c.err("linkedin_url", format!("{e} (got {u:?})")))?;
        }
        let linkedin_consent = c.wire("linkedin_consent")?.unwrap_or(Consent::NotAsked);
        contacts.push(Contact {
            id: cid,
            name,
            title,
            email,
            linkedin_url,
            linkedin_consent,
        });
    }
    let is_contact = |cid: &str| contacts.iter().any(|c| c.id == cid);
    let contact_ids = || {
        contacts
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let not_a_contact = |cid: &str| {
        if contacts.is_empty() {
            format!("{cid:?} is not one of this application's contacts (it has none)")
        } else {
            format!(
                "{cid:?} is not one of this application's contacts ({})",
                contact_ids()
            )
        }
    };

    let mut interviews = Vec::new();
    for iv in at.objects("interviews")? {
        iv.known(INTERVIEW_FIELDS)?;
        let iid = iv.id("id")?;
        if let Some(first) = seen.interviews.get(&iid) {
            return Err(iv.err(
                "id",
                format!("interview id {iid:?} is already used by {first}; interview ids must be unique across the file (follow-up keys use them)"),
            ));
        }
        seen.interviews.insert(iid.clone(), iv.owner());
        let starts_at = iv.need("starts_at", iv.instant("starts_at")?)?;
        let ends_at = iv.need("ends_at", iv.instant("ends_at")?)?;
        if ends_at < starts_at {
            return Err(iv.err(
                "ends_at",
                format!(
                    "the interview ends before it starts (ends {}, starts {})",
                    crate::store::ts(ends_at),
                    crate::store::ts(starts_at)
                ),
            ));
        }
        // The interview form's checks (edit::InterviewInput::clean), with the
        // file's own words.
        if ends_at - starts_at > chrono::Duration::hours(24) {
            return Err(iv.err(
                "ends_at",
                format!(
                    "an interview lasts at most a day: check the end date (ends {}, starts {})",
                    crate::store::ts(ends_at),
                    crate::store::ts(starts_at)
                ),
            ));
        }
        let expected_reply_by = iv.date("expected_reply_by")?;
        // The form compares with the start's local date; a file has no zone, so
        // the start's date in the westernmost one (UTC-12): a reply date is
        // refused only when it lies before the interview wherever it was held.
        let start_day = (starts_at - chrono::Duration::hours(12)).date_naive();
        if let Some(d) = expected_reply_by.filter(|d| *d < start_day) {
            return Err(iv.err(
                "expected_reply_by",
                format!(
                    "the expected reply date {} is before the interview (starts {})",
                    d.format("%Y-%m-%d"),
                    crate::store::ts(starts_at)
                ),
            ));
        }
        let next_steps = validate::optional("next_steps", "Next steps", iv.string("next_steps")?)
            .map_err(|e| iv.err("next_steps", e))?;
        let format = iv.need("format", iv.wire("format")?)?;
        let mut interviewer_ids: Vec<String> = Vec::new();
        for (k, v) in iv.list("interviewer_ids")?.iter().enumerate() {
            let f = format!("interviewer_ids[{k}]");
            let Value::String(cid) = v else {
                return Err(iv.err(&f, format!("expected a contact id, found {}", describe(v))));
            };
            if !is_contact(cid) {
                return Err(iv.err(&f, not_a_contact(cid)));
            }
            if interviewer_ids.contains(cid) {
                return Err(iv.err(&f, format!("{cid:?} is listed twice")));
            }
            interviewer_ids.push(cid.clone());
        }
        interviews.push(Interview {
            id: iid,
            starts_at,
            ends_at,
            format,
            interviewer_ids,
            went: iv.wire("went")?,
            physical_note: iv
                .boolean("physical_note")?
                .unwrap_or(settings.physical_note_default),
            next_steps,
            expected_reply_by,
            calendar: match iv.object("calendar")? {
                None => None,
                Some(cal) => {
                    cal.known(CALENDAR_FIELDS)?;
                    let uid = cal.need("uid", cal.string("uid")?)?;
                    if uid.trim().is_empty() {
                        return Err(cal.err("uid", "is blank"));
                    }
                    if let Some(first) = seen.calendar_uids.insert(uid.to_owned(), iv.owner()) {
                        return Err(cal.err("uid", format!("{uid:?} is already the calendar event of an interview of {first}")));
                    }
                    Some(CalendarRef { uid: uid.to_owned(), sequence: cal.count("sequence")?.unwrap_or(0) })
                }
            },
        });
    }

    let mut status_changes = Vec::new();
    for sc in at.objects("status_changes")? {
        sc.known(STATUS_CHANGE_FIELDS)?;
        status_changes.push(StatusChange {
            at: sc.need("at", sc.instant("at")?)?,
            from: sc.wire("from")?,
            to: sc.need("to", sc.wire("to")?)?,
        });
    }

    let mut messages = Vec::new();
    for m in at.objects("messages")? {
        m.known(MESSAGE_FIELDS)?;
        let followup_key = m.string("followup_key")?.map(str::to_owned);
        if let Some(k) = &followup_key {
            check_key(k, &id).map_err(|e| m.err("followup_key", e))?;
        }
        let contact_id = m.string("contact_id")?.map(str::to_owned);
        if let Some(cid) = &contact_id {
            if !is_contact(cid) {
                return Err(m.err("contact_id", not_a_contact(cid)));
            }
        }
        messages.push(Message {
            at: m.need("at", m.instant("at")?)?,
            direction: m.need("direction", m.wire("direction")?)?,
            channel: m.need("channel", m.wire("channel")?)?,
            followup_key,
            contact_id,
            // Kept as written (a sent message's layout is the message).
            body: validate::long_text("body", "Message", m.string("body")?.unwrap_or(""))
                .map_err(|e| m.err("body", e))?,
        });
    }

    let mut decisions = Vec::new();
    for d in at.objects("decisions")? {
        d.known(DECISION_FIELDS)?;
        let key = d
            .need("followup_key", d.string("followup_key")?)?
            .to_owned();
        check_key(&key, &id).map_err(|e| d.err("followup_key", e))?;
        if let Some(first) = seen.decisions.get(&key) {
            return Err(d.err(
                "followup_key",
                format!(
                    "{first} already holds a decision about {key:?}; one decision per follow-up"
                ),
            ));
        }
        seen.decisions.insert(key.clone(), d.path.clone());
        let state: DecisionState = d.need("state", d.wire("state")?)?;
        let snoozed_until = d.instant("snoozed_until")?;
        if state == DecisionState::Snoozed && snoozed_until.is_none() {
            return Err(d.err(
                "snoozed_until",
                "a snoozed follow-up needs the time to be reminded again (snoozed_until)",
            ));
        }
        decisions.push(Decision {
            followup_key: key,
            state,
            snoozed_until,
            draft: match d.string("draft")? {
                Some(t) if t.chars().count() > crate::templates::MAX_TEMPLATE => {
                    return Err(d.err(
                        "draft",
                        format!("Draft is too long (at most {} characters).", crate::templates::MAX_TEMPLATE),
                    ))
                }
                t => t.map(str::to_owned),
            },
            decided_at: d.instant("decided_at")?,
        });
    }

    Ok(ApplicationRecord {
        application: Application {
            id,
            company,
            role,
            status,
            applied_at,
            job_url,
            location,
            source,
            notes,
        },
        contacts,
        interviews,
        status_changes,
        messages,
        decisions,
    })
}

/// Checks the shape of a follow-up key (DESIGN §2) carried by a message or
/// a decision of application `app`.
fn check_key(key: &str, app: &str) -> std::result::Result<(), String> {
    let parts: Vec<&str> = key.split(':').collect();
    let kind: Kind = parts[0]
        .parse()
        .map_err(|e: String| format!("{key:?} is not a follow-up key: its kind {e}"))?;
    let (shape, segments) = match kind {
        Kind::ThankYouEmail => ("thank_you_email:<interview>:<contact or ->", 3),
        Kind::ThankYouNote => ("thank_you_note:<interview>", 2),
        Kind::LinkedinConnect => ("linkedin_connect:<contact>", 2),
        Kind::PreInterview => ("pre_interview:<interview>", 2),
        Kind::CheckIn => ("check_in:<application>:<YYYY-MM-DD>", 3),
        Kind::KeepCvOnFile => ("keep_cv_on_file:<application>", 2),
        Kind::NoAnswer => ("no_answer:<application>:<YYYY-MM-DD>", 3),
    };
    if parts.len() != segments || parts.iter().any(|p| p.trim().is_empty()) {
        return Err(format!(
            "{key:?} is not a follow-up key: {kind} keys look like {shape}"
        ));
    }
    if matches!(kind, Kind::CheckIn | Kind::KeepCvOnFile | Kind::NoAnswer) && parts[1] != app {
        return Err(format!(
            "{key:?} is about application {:?}, not this one ({app:?})",
            parts[1]
        ));
    }
    if matches!(kind, Kind::CheckIn | Kind::NoAnswer) && ymd(parts[2]).is_none() {
        return Err(format!(
            "{key:?} is not a follow-up key: {:?} is not a date like 2026-11-27",
            parts[2]
        ));
    }
    Ok(())
}

/// The interview and contact a well-shaped key names (`"interview"` or
/// `"contact"`, and its id).
pub fn key_targets(key: &str) -> Vec<(&'static str, &str)> {
    let parts: Vec<&str> = key.split(':').collect();
    match (parts[0], parts.len()) {
        ("thank_you_email", 3) if parts[2] != "-" => vec![("interview", parts[1]), ("contact", parts[2])],
        ("thank_you_email", 3) | ("thank_you_note", 2) | ("pre_interview", 2) => vec![("interview", parts[1])],
        ("linkedin_connect", 2) => vec![("contact", parts[1])],
        _ => vec![],
    }
}

/// A key naming an interview or contact of another application of the file
/// is refused: its decision would be kept under the wrong application, and
/// the real follow-up could not be closed (issue 15). A key naming one that
/// is in no application is allowed (a decision outlives a deleted interview).
fn check_key_owners(labels: &[String], applications: &[ApplicationRecord]) -> Result<()> {
    let mut owner: HashMap<(&str, &str), usize> = HashMap::new();
    for (i, r) in applications.iter().enumerate() {
        for iv in &r.interviews {
            owner.insert(("interview", iv.id.as_str()), i);
        }
        for c in &r.contacts {
            owner.insert(("contact", c.id.as_str()), i);
        }
    }
    for (i, r) in applications.iter().enumerate() {
        let keys = r.messages.iter().enumerate().filter_map(|(j, m)| m.followup_key.as_deref().map(|k| ("messages", j, k)));
        let keys = keys.chain(r.decisions.iter().enumerate().map(|(j, d)| ("decisions", j, d.followup_key.as_str())));
        for (list, j, key) in keys {
            for (what, id) in key_targets(key) {
                if let Some(&o) = owner.get(&(what, id)).filter(|&&o| o != i) {
                    let place = format!("{}.{list}[{j}].followup_key", labels[i]);
                    return Err(Error::invalid(
                        place.clone(),
                        format!(
                            "{place}: {key:?} is about {what} {id:?} of {}, not of this application; \
                             a follow-up key names this application's own interviews and contacts",
                            labels[o]
                        ),
                    ));
                }
            }
        }
    }
    Ok(())
}

/// A calendar date written exactly as `YYYY-MM-DD`.
fn ymd(s: &str) -> Option<NaiveDate> {
    (s.len() == 10)
        .then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .flatten()
}

/// What a JSON value is, for messages: short, quoting strings.
fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if s.chars().count() > 60 => {
            format!("{:?}…", s.chars().take(60).collect::<String>())
        }
        Value::String(s) => format!("{s:?}"),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// One object of the document and its path, with typed, path-naming getters.
/// `null` counts as absent for every field.
struct At<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

impl<'a> At<'a> {
    fn field_path(&self, f: &str) -> String {
        match (self.path.is_empty(), f.starts_with('[')) {
            (true, _) => f.to_owned(),
            (false, true) => format!("{}{f}", self.path),
            (false, false) => format!("{}.{f}", self.path),
        }
    }

    fn err(&self, f: &str, msg: impl fmt::Display) -> Error {
        let p = self.field_path(f);
        Error::invalid(p.clone(), format!("{p}: {msg}"))
    }

    /// The application this object belongs to: the path up to its first `.`.
    fn owner(&self) -> String {
        match self.path.find(").") {
            Some(i) => self.path[..=i].to_owned(),
            None => self.path.split('.').next().unwrap_or_default().to_owned(),
        }
    }

    /// Refuses fields this version does not know, naming them.
    fn known(&self, fields: &[&str]) -> Result<()> {
        let unknown: Vec<String> = self
            .map
            .keys()
            .filter(|k| !fields.contains(&k.as_str()))
            .map(|k| format!("{k:?}"))
            .collect();
        if unknown.is_empty() {
            return Ok(());
        }
        let (noun, it) = if unknown.len() == 1 {
            ("field", "it")
        } else {
            ("fields", "them")
        };
        let msg = format!(
            "unknown {noun} {}: this Afterview does not know {it} and refuses the file rather than drop {it} \
             (known: {})",
            unknown.join(", "),
            fields.join(", ")
        );
        let where_ = if self.path.is_empty() {
            "top level".to_owned()
        } else {
            self.path.clone()
        };
        Err(Error::invalid(
            self.field_path(unknown[0].trim_matches('"')),
            format!("{where_}: {msg}"),
        ))
    }

    fn get(&self, f: &str) -> Option<&'a Value> {
        self.map.get(f).filter(|v| !v.is_null())
    }

    fn need<T>(&self, f: &str, v: Option<T>) -> Result<T> {
        v.ok_or_else(|| self.err(f, "missing (required)"))
    }

    fn expected(&self, f: &str, what: &str, v: &Value) -> Error {
        self.err(f, format!("expected {what}, found {}", describe(v)))
    }

    fn string(&self, f: &str) -> Result<Option<&'a str>> {
        match self.get(f) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(v) => Err(self.expected(f, "a string", v)),
        }
    }

    /// An id: not blank, one word, no `:` (ids are segments of follow-up keys).
    fn id(&self, f: &str) -> Result<String> {
        let s = self.need(f, self.string(f)?)?;
        if s.trim().is_empty() {
            return Err(self.err(f, "is blank"));
        }
        if s.chars().count() > MAX_ID {
            return Err(self.err(f, format!("is too long (at most {MAX_ID} characters)")));
        }
        if s.chars()
            .any(|c| c == ':' || c.is_whitespace() || c.is_control())
        {
            return Err(self.err(
                f,
                format!("{s:?} is not an id: no spaces or ':' (ids are parts of follow-up keys)"),
            ));
        }
        Ok(s.to_owned())
    }

    fn wire<T: std::str::FromStr<Err = String>>(&self, f: &str) -> Result<Option<T>> {
        self.string(f)?
            .map(|s| s.parse::<T>().map_err(|e| self.err(f, e)))
            .transpose()
    }

    fn boolean(&self, f: &str) -> Result<Option<bool>> {
        match self.get(f) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(v) => Err(self.expected(f, "true or false", v)),
        }
    }

    fn count(&self, f: &str) -> Result<Option<u32>> {
        match self.get(f) {
            None => Ok(None),
            Some(v) => match v.as_u64().and_then(|n| u32::try_from(n).ok()) {
                Some(n) => Ok(Some(n)),
                None => Err(self.expected(f, "a whole number", v)),
            },
        }
    }

    /// An RFC 3339 instant, kept in UTC to the second (the store's precision).
    fn instant(&self, f: &str) -> Result<Option<DateTime<Utc>>> {
        let Some(s) = self.string(f)? else {
            return Ok(None);
        };
        let t = DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|t| t.with_timezone(&Utc))
            .and_then(|t| t.with_nanosecond(0))
            .ok_or_else(|| {
                self.err(
                    f,
                    format!("{s:?} is not an RFC 3339 instant like 2026-11-20T14:00:00Z"),
                )
            })?;
        self.in_years(f, s, t.year())?;
        Ok(Some(t))
    }

    /// Dates in a file lie in [`YEARS`]: "9999-12-31", a common "no date"
    /// placeholder, once made a check-in due in year 10000 that the store
    /// could not read back, and every agenda failed.
    fn in_years(&self, f: &str, s: &str, year: i32) -> Result<()> {
        if YEARS.contains(&year) {
            return Ok(());
        }
        Err(self.err(
            f,
            format!("{s:?} is out of range: dates must lie between {} and {}", YEARS.start(), YEARS.end()),
        ))
    }

    /// A local calendar date, `YYYY-MM-DD`, never an instant.
    fn date(&self, f: &str) -> Result<Option<NaiveDate>> {
        let Some(s) = self.string(f)? else {
            return Ok(None);
        };
        let d = ymd(s).ok_or_else(|| {
            self.err(
                f,
                format!("{s:?} is not a date like 2026-11-27 (a calendar date, no time)"),
            )
        })?;
        self.in_years(f, s, d.year())?;
        Ok(Some(d))
    }

    fn list(&self, f: &str) -> Result<&'a [Value]> {
        match self.get(f) {
            None => Ok(&[]),
            Some(Value::Array(a)) => Ok(a),
            Some(v) => Err(self.expected(f, "a list", v)),
        }
    }

    fn object(&self, f: &str) -> Result<Option<At<'a>>> {
        match self.get(f) {
            None => Ok(None),
            Some(Value::Object(map)) => Ok(Some(At {
                map,
                path: self.field_path(f),
            })),
            Some(v) => Err(self.expected(f, "an object", v)),
        }
    }

    fn objects(&self, f: &str) -> Result<Vec<At<'a>>> {
        let mut out = Vec::new();
        for (i, v) in self.list(f)?.iter().enumerate() {
            let fi = format!("{f}[{i}]");
            let Value::Object(map) = v else {
                return Err(self.expected(&fi, "an object", v));
            };
            out.push(At {
                map,
                path: self.field_path(&fi),
            });
        }
        Ok(out)
    }
}

// ----- write -----------------------------------------------------------------------

/// The document as pretty JSON with a final newline. Deterministic:
/// applications sorted by id, fields in the model's order, so that
/// export → import → export gives the same bytes.
pub fn to_json(doc: &Document) -> String {
    let mut sorted = doc.clone();
    sorted
        .applications
        .sort_by(|a, b| a.application.id.cmp(&b.application.id));
    // Plain structs with string keys: serde_json cannot fail on them.
    let mut s =
        serde_json::to_string_pretty(&sorted).expect("an interchange document always serializes");
    s.push('\n');
    s
}

/// Everything the store holds, as a document.
pub fn export(store: &Store) -> Result<Document> {
    let mut applications = store.all_records()?;
    applications.sort_by(|a, b| a.application.id.cmp(&b.application.id));
    Ok(Document {
        afterview: FORMAT_VERSION,
        settings: store.settings()?,
        applications,
    })
}

// ----- import ----------------------------------------------------------------------

/// How an import treats the database it goes into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    /// Only into a database with no application; the file's settings replace the current ones.
    Empty,
    /// Adds the applications whose id is new; existing applications and the
    /// current settings are left unchanged.
    Merge,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// Ids of the applications added, in the file's order.
    pub added: Vec<String>,
    /// Ids of the file's applications the database already held: left unchanged.
    pub skipped_existing: Vec<String>,
    /// Whether the file's settings replaced the current ones.
    pub settings_applied: bool,
    /// The company of each application named above: the database's for a
    /// skipped one, the file's for an added one.
    pub companies: BTreeMap<String, String>,
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.added.len();
        let plural = |n: usize| {
            if n == 1 {
                "application"
            } else {
                "applications"
            }
        };
        if n == 0 && self.skipped_existing.is_empty() {
            write!(f, "The file holds no applications; none imported")?;
        } else {
            write!(f, "Imported {n} {}", plural(n))?;
        }
        let k = self.skipped_existing.len();
        if k > 0 {
            let was = if k == 1 { "was" } else { "were" };
            let shown: Vec<String> = self
                .skipped_existing
                .iter()
                .take(10)
                .map(|id| match self.companies.get(id) {
                    Some(c) => format!("{id} ({c})"),
                    None => id.clone(),
                })
                .collect();
            let more = if k > 10 {
                format!(", … and {} more", k - 10)
            } else {
                String::new()
            };
            write!(
                f,
                "; {k} already present (same id) {was} left unchanged: {}{more}",
                shown.join(", ")
            )?;
        }
        if self.settings_applied {
            write!(f, ". Settings now come from the file.")
        } else {
            write!(f, ". Settings were left unchanged.")
        }
    }
}

/// Imports a parsed document in one transaction: all of it or nothing.
/// The follow-ups of every added application are computed before it commits.
pub fn import(
    store: &mut Store,
    doc: &Document,
    mode: ImportMode,
    now: DateTime<Utc>,
) -> Result<ImportReport> {
    store.import_document(doc, mode, now)
}

/// The checks of [`import`] against the database file at `db`, through a
/// read-only connection: a refused import is refused before the database is
/// opened for writing (a missing file is an empty database).
pub fn check_import(db: &Path, doc: &Document, mode: ImportMode) -> Result<ImportReport> {
    interchange::check_import_at(db, doc, mode)
}

/// What importing a file into the app's store would do, worked out without
/// writing: the question the app asks before it imports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportPreview {
    /// Applications in the file.
    pub applications: usize,
    /// Whether the database holds no application: then the whole file is
    /// imported with its settings ([`ImportMode::Empty`]), else merged
    /// ([`ImportMode::Merge`]).
    pub database_empty: bool,
    /// What the import would report: the ids it would add, those already
    /// present (with the database's company) and whether the file's
    /// settings would apply.
    pub report: ImportReport,
}

impl ImportPreview {
    /// The mode the import should use: the one this preview was made for.
    pub fn mode(&self) -> ImportMode {
        if self.database_empty {
            ImportMode::Empty
        } else {
            ImportMode::Merge
        }
    }
}

/// What importing `doc` into `store` would do, through the store's own
/// connection and without writing (the same plan [`import`] makes in its
/// transaction): into an empty database the whole file and its settings,
/// else a merge. A file the import would refuse is refused here with the
/// same message.
pub fn preview_import(store: &Store, doc: &Document) -> Result<ImportPreview> {
    let database_empty = store.application_count()? == 0;
    let mode = if database_empty {
        ImportMode::Empty
    } else {
        ImportMode::Merge
    };
    let report = check_import_in(store, doc, mode)?;
    Ok(ImportPreview {
        applications: doc.applications.len(),
        database_empty,
        report,
    })
}

/// The checks of [`import`] through the store's own connection, without
/// writing: what it would report, or its refusal.
pub fn check_import_in(store: &Store, doc: &Document, mode: ImportMode) -> Result<ImportReport> {
    store.check_import(doc, mode)
}

// ----- sample ----------------------------------------------------------------------

/// The sample job search (samples/sample.json), dated around its anchor.
pub const SAMPLE_JSON: &str = include_str!("../../../samples/sample.json");

/// The day the sample was written for: a Thursday.
pub fn sample_anchor() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default()
}

/// The sample, moved by a whole number of weeks so that its anchor
/// (Thursday 2026-11-26) falls in the week of `today` (Monday to Sunday).
/// Weekdays are kept, so the business-day rules treat it the same way.
/// Instants move by whole weeks of UTC time: across a daylight-saving change
/// their local time of day moves by that hour (the rules still apply to the
/// moved facts, so the agenda stays consistent).
pub fn sample_document(today: NaiveDate) -> Result<Document> {
    let mut doc = parse(SAMPLE_JSON)?;
    let monday = |d: NaiveDate| d - Days::new(u64::from(d.weekday().num_days_from_monday()));
    let weeks = (monday(today) - monday(sample_anchor())).num_days() / 7;
    shift(&mut doc, weeks).ok_or_else(|| {
        Error::invalid("today", format!("{today} is out of range for the sample"))
    })?;
    Ok(doc)
}

/// Loads the sample job search into an empty database only, dated around
/// `now`'s local day, through the import ([`ImportMode::Empty`]: the
/// sample's settings replace the current ones). Returns how many
/// applications it loaded.
pub fn load_sample(store: &mut Store, now: DateTime<Utc>) -> Result<usize> {
    if store.application_count()? > 0 {
        return Err(Error::invalid("sample", "The sample can only be loaded into an empty board."));
    }
    let doc = sample_document(now.with_timezone(&store.zone()).date_naive())?;
    import(store, &doc, ImportMode::Empty, now)?;
    Ok(doc.applications.len())
}

/// Moves every instant and date of `doc` by `weeks` weeks (and the dates
/// inside check-in keys with them). `None` if a value leaves chrono's range.
fn shift(doc: &mut Document, weeks: i64) -> Option<()> {
    let by = Duration::try_weeks(weeks)?;
    let t = |x: &mut DateTime<Utc>| -> Option<()> {
        *x = x.checked_add_signed(by)?;
        Some(())
    };
    let d = |x: &mut NaiveDate| -> Option<()> {
        *x = x.checked_add_signed(by)?;
        Some(())
    };
    let key = |k: &mut String| -> Option<()> {
        if let Some((kind @ ("check_in" | "no_answer"), rest)) = k.split_once(':') {
            if let Some((app, date)) = rest.rsplit_once(':') {
                if let Some(mut day) = ymd(date) {
                    d(&mut day)?;
                    *k = format!("{kind}:{app}:{}", day.format("%Y-%m-%d"));
                }
            }
        }
        Some(())
    };
    for r in &mut doc.applications {
        if let Some(x) = &mut r.application.applied_at {
            t(x)?;
        }
        for iv in &mut r.interviews {
            t(&mut iv.starts_at)?;
            t(&mut iv.ends_at)?;
            if let Some(x) = &mut iv.expected_reply_by {
                d(x)?;
            }
        }
        for s in &mut r.status_changes {
            t(&mut s.at)?;
        }
        for m in &mut r.messages {
            t(&mut m.at)?;
            if let Some(k) = &mut m.followup_key {
                key(k)?;
            }
        }
        for dc in &mut r.decisions {
            key(&mut dc.followup_key)?;
            if let Some(x) = &mut dc.snoozed_until {
                t(x)?;
            }
            if let Some(x) = &mut dc.decided_at {
                t(x)?;
            }
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(v: &Value) -> Vec<String> {
        v.as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    }
    fn sorted(f: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = f.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    }

    /// The lists of known fields must be exactly what the model writes.
    #[test]
    fn known_fields_match_the_model() {
        let doc = parse(SAMPLE_JSON).unwrap();
        let mut full = doc
            .applications
            .iter()
            .find(|r| !r.decisions.is_empty())
            .unwrap()
            .clone();
        full.decisions[0].draft = Some("draft".into());
        full.interviews[0].calendar = Some(CalendarRef { uid: "u@cal".into(), sequence: 1 });
        let mut settings = doc.settings.clone();
        settings.my_emails = vec!["me@mail.example".into()];
        let v = serde_json::to_value(Document {
            applications: vec![full],
            settings,
            ..doc
        })
        .unwrap();
        assert_eq!(sorted(TOP_FIELDS), keys(&v));
        assert_eq!(sorted(SETTINGS_FIELDS), keys(&v["settings"]));
        let app = &v["applications"][0];
        assert_eq!(sorted(APPLICATION_FIELDS), keys(app));
        assert_eq!(sorted(CONTACT_FIELDS), keys(&app["contacts"][0]));
        assert_eq!(sorted(INTERVIEW_FIELDS), keys(&app["interviews"][0]));
        assert_eq!(
            sorted(STATUS_CHANGE_FIELDS),
            keys(&app["status_changes"][0])
        );
        assert_eq!(sorted(MESSAGE_FIELDS), keys(&app["messages"][0]));
        assert_eq!(sorted(DECISION_FIELDS), keys(&app["decisions"][0]));
        assert_eq!(sorted(CALENDAR_FIELDS), keys(&app["interviews"][0]["calendar"]));
    }

    #[test]
    fn keys_are_checked_for_shape() {
        assert!(check_key("thank_you_email:i1:c1", "a1").is_ok());
        assert!(check_key("thank_you_email:i1:-", "a1").is_ok());
        assert!(check_key("check_in:a1:2026-11-20", "a1").is_ok());
        assert!(check_key("keep_cv_on_file:a1", "a1").is_ok());
        assert!(check_key("no_answer:a1:2026-11-20", "a1").is_ok());
        for bad in [
            "thank_you_email:i1",
            "bogus:i1",
            "check_in:a2:2026-11-20",
            "check_in:a1:2026-13-01",
            "no_answer:a2:2026-11-20",
            "no_answer:a1:soon",
            "no_answer:a1",
            "linkedin_connect:",
        ] {
            assert!(check_key(bad, "a1").is_err(), "{bad}");
        }
    }

    #[test]
    fn an_imported_decision_about_another_applications_follow_up_is_refused() {
        let mut doc = sample_document(sample_anchor()).unwrap();
        let (a, b) = {
            let with_iv: Vec<usize> =
                (0..doc.applications.len()).filter(|&i| !doc.applications[i].interviews.is_empty()).collect();
            let other = (0..doc.applications.len()).find(|i| !with_iv.contains(i)).unwrap();
            (with_iv[0], other)
        };
        let iv = doc.applications[a].interviews[0].id.clone();
        doc.applications[b].decisions.push(Decision {
            followup_key: format!("thank_you_note:{iv}"),
            state: crate::model::DecisionState::Done,
            snoozed_until: None,
            draft: None,
            decided_at: None,
        });
        let e = parse(&to_json(&doc)).unwrap_err().to_string();
        assert!(e.contains(&format!("about interview {iv:?} of applications[{a}]")) && e.contains(".decisions["), "{e}");
        // A key naming an interview no application holds (deleted) is still read.
        let last = doc.applications[b].decisions.len() - 1;
        doc.applications[b].decisions[last].followup_key = "thank_you_note:i-deleted".into();
        parse(&to_json(&doc)).unwrap();
        // A decision naming another application's contact: refused.
        let c = doc.applications[a].contacts[0].id.clone();
        doc.applications[b].decisions[last].followup_key = format!("linkedin_connect:{c}");
        let e = parse(&to_json(&doc)).unwrap_err().to_string();
        assert!(e.contains(&format!("about contact {c:?}")), "{e}");
    }

    #[test]
    fn sample_moves_by_whole_weeks() {
        let same = sample_document(sample_anchor()).unwrap();
        assert_eq!(same, parse(SAMPLE_JSON).unwrap());
        // Any day of that week keeps the sample where it is.
        let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let sunday = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        assert_eq!(sample_document(monday).unwrap(), same);
        assert_eq!(sample_document(sunday).unwrap(), same);
        let later = sample_document(NaiveDate::from_ymd_opt(2027, 3, 3).unwrap()).unwrap();
        let weeks = (NaiveDate::from_ymd_opt(2027, 3, 1).unwrap() - monday).num_days() / 7;
        let a = &same.applications[0];
        let b = &later.applications[0];
        assert_eq!(
            b.application.applied_at,
            a.application.applied_at.map(|t| t + Duration::weeks(weeks))
        );
        for (x, y) in same.applications.iter().zip(&later.applications) {
            for (m, n) in x.interviews.iter().zip(&y.interviews) {
                assert_eq!(m.starts_at.weekday(), n.starts_at.weekday());
            }
            for (m, n) in x.decisions.iter().zip(&y.decisions) {
                if m.followup_key.starts_with("check_in") {
                    assert_ne!(m.followup_key, n.followup_key);
                }
            }
        }
    }
}
