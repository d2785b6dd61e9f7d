//! Reading a document: the text checked field by field against the
//! format (known fields only, each value of its type and range, ids unique
//! and referred to rightly), into the model's records.

use super::*;

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

/// `applications[2] (id "a3", Acme)`: the index always, the id and company
/// when they are there to be read.
pub(super) fn application_label(i: usize, map: &Map<String, Value>) -> String {
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
pub(super) fn label_company(c: &str) -> String {
    let one: String = c.chars().map(|ch| if ch.is_control() { ' ' } else { ch }).collect();
    if one.chars().count() <= 60 {
        return one;
    }
    let cut: String = one.chars().take(59).collect();
    format!("{}…", cut.trim_end())
}

/// Ids met so far in the document, with where (`applications[0] (id "a1", Acme)…`).
#[derive(Default)]
pub(super) struct Seen {
    applications: HashMap<String, String>,
    contacts: HashMap<String, String>,
    interviews: HashMap<String, String>,
    decisions: HashMap<String, String>,
    calendar_uids: HashMap<String, String>,
}

/// The settings that are a count, and where each is kept.
const COUNTS: &[(&str, fn(&mut Settings) -> &mut u32)] = &[
    ("checkin_cadence_days", |s| &mut s.checkin_cadence_days),
    ("pre_interview_minutes", |s| &mut s.pre_interview_minutes),
    ("no_answer_after_checkins", |s| &mut s.no_answer_after_checkins),
];

pub(super) fn parse_settings(at: &At) -> Result<Settings> {
    at.known(SETTINGS_FIELDS)?;
    let mut s = Settings::default();
    // Each count is checked alone (on the defaults) so that the refusal names
    // its own field; the whole is checked together at the end.
    for &(field, slot) in COUNTS {
        if let Some(n) = at.count(field)? {
            let mut alone = Settings::default();
            *slot(&mut alone) = n;
            alone.validate().map_err(|m| at.err(field, m))?;
            *slot(&mut s) = n;
        }
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

pub(super) fn parse_application(at: &At, settings: &Settings, seen: &mut Seen) -> Result<ApplicationRecord> {
    at.known(APPLICATION_FIELDS)?;
    let id = at.id("id")?;
    if let Some(first) = seen.applications.get(&id) {
        return Err(at.err(
            "id",
            format!("{id:?} is already the id of {first}; application ids must be unique"),
        ));
    }
    seen.applications.insert(id.clone(), at.path.clone());
    let company = input::required(
        "company",
        "Company",
        at.need("company", at.string("company")?)?,
    )
    .map_err(|e| at.err("company", e))?;
    let role = input::required("role", "Role", at.need("role", at.string("role")?)?)
        .map_err(|e| at.err("role", e))?;
    let status: Status = at.need("status", at.wire("status")?)?;
    let applied_at = at.instant("applied_at")?;
    let job_url = input::optional("job_url", "Job URL", at.string("job_url")?)
        .map_err(|e| at.err("job_url", e))?;
    if let Some(u) = &job_url {
        input::web_url("job_url", "Job URL", u)
            .map_err(|e| at.err("job_url", format!("{e} (got {u:?})")))?;
    }
    let location = input::optional("location", "Location", at.string("location")?)
        .map_err(|e| at.err("location", e))?;
    let source = input::optional("source", "Source", at.string("source")?)
        .map_err(|e| at.err("source", e))?;
    let notes = input::long_text("notes", "Notes", at.string("notes")?.unwrap_or(""))
        .map_err(|e| at.err("notes", e))?;

    let mut contacts = Vec::new();
    for c in at.objects("contacts")? {
        c.known(CONTACT_FIELDS)?;
        let cid = c.unique_id("contact", &mut seen.contacts)?;
        let name = input::required("name", "Name", c.need("name", c.string("name")?)?)
            .map_err(|e| c.err("name", e))?;
        let title = input::optional("title", "Title", c.string("title")?)
            .map_err(|e| c.err("title", e))?;
        let email = input::optional("email", "E-mail", c.string("email")?)
            .map_err(|e| c.err("email", e))?;
        if let Some(m) = &email {
            input::email("email", m).map_err(|e| c.err("email", e))?;
        }
        let linkedin_url =
            input::optional("linkedin_url", "LinkedIn URL", c.string("linkedin_url")?)
                .map_err(|e| c.err("linkedin_url", e))?;
        if let Some(u) = &linkedin_url {
            input::web_url("linkedin_url", "LinkedIn URL", u)
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
        let iid = iv.unique_id("interview", &mut seen.interviews)?;
        let starts_at = iv.need("starts_at", iv.instant("starts_at")?)?;
        let ends_at = iv.need("ends_at", iv.instant("ends_at")?)?;
        let span = |what: &str| {
            let (ends, starts) = (crate::store::ts(ends_at), crate::store::ts(starts_at));
            iv.err("ends_at", format!("{what} (ends {ends}, starts {starts})"))
        };
        if ends_at < starts_at {
            return Err(span("the interview ends before it starts"));
        }
        // The interview form's checks (input::InterviewInput::clean), with the
        // file's own words.
        if ends_at - starts_at > chrono::Duration::hours(24) {
            return Err(span("an interview lasts at most a day: check the end date"));
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
        let next_steps = input::optional("next_steps", "Next steps", iv.string("next_steps")?)
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
            body: input::long_text("body", "Message", m.string("body")?.unwrap_or(""))
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
