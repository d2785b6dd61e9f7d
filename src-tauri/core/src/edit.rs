//! What the application detail panel sends (edits to an application, its
//! contacts, interviews and received replies), and the checks that turn it
//! into clean values before anything reaches the database.
//!
//! Times arrive as the user typed them: local `YYYY-MM-DDTHH:MM` (what a
//! datetime-local input gives) and local `YYYY-MM-DD` dates. They are turned
//! into UTC instants here, with the machine's zone, so the UI never does
//! time-zone arithmetic (and never calls `toISOString()` on a date-only
//! value, which moves it a day back east of UTC). Each error names the field
//! the panel shows it beside; fields inside a list are named
//! `interviewers.<index>.<field>`.

use crate::cadence::local_at;
use crate::error::{Error, Result};
use crate::validate::{email, long_text, optional, required, web_url, with_scheme};
use crate::model::{Channel, Consent, InterviewFormat, Went};
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use crate::zone::Tz;
use serde::Deserialize;

/// The editable fields of an application (its status changes by moving it).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ApplicationEdit {
    pub company: String,
    pub role: String,
    pub job_url: Option<String>,
    pub location: Option<String>,
    pub source: Option<String>,
    pub notes: Option<String>,
    /// The local date the application was sent; blank for "not yet".
    pub applied_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CleanApplicationEdit {
    pub company: String,
    pub role: String,
    pub job_url: Option<String>,
    pub location: Option<String>,
    pub source: Option<String>,
    pub notes: String,
    pub applied_on: Option<NaiveDate>,
}

impl ApplicationEdit {
    pub fn clean(&self, today: NaiveDate) -> Result<CleanApplicationEdit> {
        let job_url = optional("job_url", "Job URL", self.job_url.as_deref())?.map(with_scheme);
        if let Some(u) = &job_url {
            web_url("job_url", "Job URL", u)?;
        }
        let applied_on = local_date("applied_on", "Applied on", self.applied_on.as_deref(), today)?;
        if applied_on.is_some_and(|d| d > today) {
            return Err(Error::invalid("applied_on", "Applied on cannot be in the future."));
        }
        Ok(CleanApplicationEdit {
            company: required("company", "Company", &self.company)?,
            role: required("role", "Role", &self.role)?,
            job_url,
            location: optional("location", "Location", self.location.as_deref())?,
            source: optional("source", "Source", self.source.as_deref())?,
            notes: long_text("notes", "Notes", self.notes.as_deref().unwrap_or(""))?,
            applied_on,
        })
    }
}

/// A contact at the company; `id` is absent for a new one.
#[derive(Debug, Clone, Deserialize)]
pub struct ContactInput {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub linkedin_url: Option<String>,
    #[serde(default = "not_asked")]
    pub linkedin_consent: Consent,
}

fn not_asked() -> Consent {
    Consent::NotAsked
}

#[derive(Debug, Clone, PartialEq)]
pub struct CleanContact {
    pub id: Option<String>,
    pub name: String,
    pub title: Option<String>,
    pub email: Option<String>,
    pub linkedin_url: Option<String>,
    pub linkedin_consent: Consent,
}

impl ContactInput {
    /// `prefix` names the place in a larger form ("" or "interviewers.2.").
    pub fn clean_at(&self, prefix: &str) -> Result<CleanContact> {
        let f = |name: &str| format!("{prefix}{name}");
        let email_v = optional(&f("email"), "E-mail", self.email.as_deref())?;
        if let Some(e) = &email_v {
            email(&f("email"), e)?;
        }
        let linkedin_url = optional(&f("linkedin_url"), "LinkedIn URL", self.linkedin_url.as_deref())?;
        if let Some(u) = &linkedin_url {
            web_url(&f("linkedin_url"), "LinkedIn URL", u)?;
        }
        Ok(CleanContact {
            id: self.id.clone().filter(|s| !s.is_empty()),
            name: required(&f("name"), "Name", &self.name)?,
            title: optional(&f("title"), "Title", self.title.as_deref())?,
            email: email_v,
            linkedin_url,
            linkedin_consent: self.linkedin_consent,
        })
    }
    pub fn clean(&self) -> Result<CleanContact> {
        self.clean_at("")
    }
}

/// An interview as the interview form sends it. Interviewers are existing
/// contacts (by `id`, their LinkedIn answer updated) or new ones (no `id`),
/// created in the same transaction.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct InterviewInput {
    pub id: Option<String>,
    /// Local `YYYY-MM-DDTHH:MM`.
    pub starts_at: String,
    pub ends_at: String,
    pub format: Option<InterviewFormat>,
    pub interviewers: Vec<ContactInput>,
    pub went: Option<Went>,
    pub next_steps: Option<String>,
    /// A local calendar date, `YYYY-MM-DD`.
    pub expected_reply_by: Option<String>,
    pub physical_note: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CleanInterview {
    pub id: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub format: InterviewFormat,
    pub interviewers: Vec<CleanContact>,
    pub went: Option<Went>,
    pub next_steps: Option<String>,
    pub expected_reply_by: Option<NaiveDate>,
    pub physical_note: bool,
}

impl InterviewInput {
    /// `today` (local) bounds the dates: see [`latest_date`].
    pub fn clean(&self, tz: Tz, today: NaiveDate) -> Result<CleanInterview> {
        let start = local_datetime("starts_at", "Start", &self.starts_at, today)?;
        let end = local_datetime("ends_at", "End", &self.ends_at, today)?;
        if end < start {
            return Err(Error::invalid("ends_at", "The interview must end after it starts."));
        }
        if end - start > chrono::Duration::hours(24) {
            return Err(Error::invalid("ends_at", "An interview lasts at most a day: check the end date."));
        }
        let format = self.format.ok_or_else(|| Error::invalid("format", "Choose phone, video or on-site."))?;
        let expected =
            local_date("expected_reply_by", "Expected reply by", self.expected_reply_by.as_deref(), today)?;
        if expected.is_some_and(|d| d < start.date()) {
            return Err(Error::invalid("expected_reply_by", "The expected reply date is before the interview."));
        }
        let mut interviewers = Vec::with_capacity(self.interviewers.len());
        for (i, c) in self.interviewers.iter().enumerate() {
            interviewers.push(c.clean_at(&format!("interviewers.{i}."))?);
        }
        Ok(CleanInterview {
            id: self.id.clone().filter(|s| !s.is_empty()),
            starts_at: local_at(start.date(), start.time(), tz),
            ends_at: local_at(end.date(), end.time(), tz),
            format,
            interviewers,
            went: self.went,
            next_steps: optional("next_steps", "Next steps", self.next_steps.as_deref())?,
            expected_reply_by: expected,
            physical_note: self.physical_note,
        })
    }
}

/// A reply the user received ("Log a reply").
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ReplyInput {
    /// Local `YYYY-MM-DDTHH:MM`.
    pub at: String,
    pub channel: Option<Channel>,
    pub contact_id: Option<String>,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CleanReply {
    pub at: DateTime<Utc>,
    pub channel: Channel,
    pub contact_id: Option<String>,
    pub body: String,
}

impl ReplyInput {
    pub fn clean(&self, tz: Tz, now: DateTime<Utc>) -> Result<CleanReply> {
        let at = local_datetime("at", "Received", &self.at, now.with_timezone(&tz).date_naive())?;
        let at = local_at(at.date(), at.time(), tz);
        // A minute of slack: the form pre-fills "now" rounded to the minute.
        if at > now + chrono::Duration::minutes(1) {
            return Err(Error::invalid("at", "A reply you received cannot be in the future."));
        }
        Ok(CleanReply {
            at,
            channel: self.channel.unwrap_or(Channel::Email),
            contact_id: self.contact_id.clone().filter(|s| !s.is_empty()),
            body: long_text("body", "Message", self.body.trim())?,
        })
    }
}

/// The earliest date any date input accepts.
pub const EARLIEST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1990, 1, 1) {
    Some(d) => d,
    None => panic!("invalid constant date"),
};

/// The latest date any date input accepts (interviews, expected replies,
/// snoozes, applied dates): two years from today. Nothing a job search
/// plans lies further out, and it keeps "9999-12-31" placeholders and typos
/// such as 2206 out of the database, where they would be shown as if they
/// were this year.
pub fn latest_date(today: NaiveDate) -> NaiveDate {
    today.checked_add_months(chrono::Months::new(24)).unwrap_or(today)
}

/// Refuses a date outside [`EARLIEST_DATE`]..=[`latest_date`], naming the field.
pub fn date_in_range(field: &str, label: &str, d: NaiveDate, today: NaiveDate) -> Result<NaiveDate> {
    let latest = latest_date(today);
    if d > latest {
        return Err(Error::invalid(field, format!("{label}: choose a date on or before {}.", latest.format("%-d %b %Y"))));
    }
    if d < EARLIEST_DATE {
        return Err(Error::invalid(field, format!("{label}: choose a date in {} or later.", EARLIEST_DATE.format("%Y"))));
    }
    Ok(d)
}

fn local_datetime(field: &str, label: &str, v: &str, today: NaiveDate) -> Result<NaiveDateTime> {
    let v = v.trim();
    if v.is_empty() {
        return Err(Error::invalid(field, format!("{label} is required: choose a date and a time.")));
    }
    // datetime-local gives minutes, and seconds when the user typed them.
    let t = NaiveDateTime::parse_from_str(v, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(v, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| Error::invalid(field, format!("{label}: \"{v}\" is not a date and time.")))?;
    date_in_range(field, label, t.date(), today)?;
    Ok(t)
}

pub(crate) fn local_date(field: &str, label: &str, v: Option<&str>, today: NaiveDate) -> Result<Option<NaiveDate>> {
    match v.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => {
            let d = NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map_err(|_| Error::invalid(field, format!("{label}: \"{v}\" is not a date.")))?;
            date_in_range(field, label, d, today).map(Some)
        }
    }
}

/// The instant stored for a local "applied on" date: local noon, which lies
/// inside that calendar day whatever daylight saving does.
pub fn applied_instant(d: NaiveDate, tz: Tz) -> DateTime<Utc> {
    local_at(d, NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default(), tz)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(non_upper_case_globals)]
    const Berlin: crate::zone::Tz = crate::zone::Tz::named("Europe/Berlin");
    const TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 26) {
        Some(d) => d,
        None => panic!(),
    };

    #[test]
    fn every_date_input_has_the_same_bounds_and_names_its_field() {
        // The interview form accepted 9999 while "Applied on" refused it.
        let far = interview("9999-12-02T10:00", "9999-12-02T11:00").clean(Berlin, TODAY).unwrap_err();
        assert_eq!(far.field(), Some("starts_at"));
        assert_eq!(far.to_string(), "Start: choose a date on or before 26 Nov 2028.");
        let mut i = interview("2026-11-20T14:00", "2026-11-20T15:00");
        i.expected_reply_by = Some("9999-12-31".into());
        let e = i.clean(Berlin, TODAY).unwrap_err();
        assert_eq!((e.field(), e.to_string().as_str()), (Some("expected_reply_by"), "Expected reply by: choose a date on or before 26 Nov 2028."));
        i.expected_reply_by = Some("2028-11-26".into());
        assert!(i.clean(Berlin, TODAY).is_ok());
        let old = interview("1989-12-31T10:00", "1989-12-31T11:00").clean(Berlin, TODAY).unwrap_err();
        assert_eq!(old.to_string(), "Start: choose a date in 1990 or later.");
        let reply = ReplyInput { at: "1900-01-01T10:00".into(), ..Default::default() };
        assert_eq!(reply.clean(Berlin, DateTime::parse_from_rfc3339("2026-11-26T12:00:00Z").unwrap().with_timezone(&Utc)).unwrap_err().field(), Some("at"));
        let app = ApplicationEdit { company: "Acme".into(), role: "Dev".into(), applied_on: Some("1066-10-14".into()), ..Default::default() };
        assert_eq!(app.clean(TODAY).unwrap_err().field(), Some("applied_on"));
    }

    fn interview(start: &str, end: &str) -> InterviewInput {
        InterviewInput {
            starts_at: start.into(),
            ends_at: end.into(),
            format: Some(InterviewFormat::Video),
            ..Default::default()
        }
    }

    #[test]
    fn local_times_become_utc_instants_in_the_machine_zone() {
        let c = interview("2026-11-20T14:00", "2026-11-20T15:00").clean(Berlin, TODAY).unwrap();
        assert_eq!(c.starts_at.to_rfc3339(), "2026-11-20T13:00:00+00:00");
        assert_eq!(c.ends_at.to_rfc3339(), "2026-11-20T14:00:00+00:00");
    }

    #[test]
    fn an_interview_ending_before_it_starts_names_the_end() {
        let e = interview("2026-11-20T14:00", "2026-11-20T13:00").clean(Berlin, TODAY).unwrap_err();
        assert_eq!(e.field(), Some("ends_at"));
        let e = interview("", "2026-11-20T13:00").clean(Berlin, TODAY).unwrap_err();
        assert_eq!(e.field(), Some("starts_at"));
        let mut i = interview("2026-11-20T14:00", "2026-11-20T15:00");
        i.format = None;
        assert_eq!(i.clean(Berlin, TODAY).unwrap_err().field(), Some("format"));
    }

    #[test]
    fn expected_reply_is_a_local_date_not_before_the_interview() {
        let mut i = interview("2026-11-20T14:00", "2026-11-20T15:00");
        i.expected_reply_by = Some("2026-11-27".into());
        assert_eq!(i.clean(Berlin, TODAY).unwrap().expected_reply_by, NaiveDate::from_ymd_opt(2026, 11, 27));
        i.expected_reply_by = Some("2026-11-19".into());
        assert_eq!(i.clean(Berlin, TODAY).unwrap_err().field(), Some("expected_reply_by"));
        i.expected_reply_by = Some("27/11/2026".into());
        assert_eq!(i.clean(Berlin, TODAY).unwrap_err().field(), Some("expected_reply_by"));
    }

    #[test]
    fn a_bad_interviewer_is_named_by_its_place_in_the_list() {
        let mut i = interview("2026-11-20T14:00", "2026-11-20T15:00");
        i.interviewers = vec![
            ContactInput { id: None, name: "Dana".into(), title: None, email: None, linkedin_url: None, linkedin_consent: Consent::Yes },
            ContactInput { id: None, name: "Lee".into(), title: None, email: Some("lee@".into()), linkedin_url: None, linkedin_consent: Consent::No },
        ];
        assert_eq!(i.clean(Berlin, TODAY).unwrap_err().field(), Some("interviewers.1.email"));
    }

    #[test]
    fn contacts_need_a_name_and_web_linkedin_urls() {
        let c = ContactInput { id: None, name: " ".into(), title: None, email: None, linkedin_url: None, linkedin_consent: Consent::NotAsked };
        assert_eq!(c.clean().unwrap_err().field(), Some("name"));
        let c = ContactInput { name: "Dana".into(), linkedin_url: Some("linkedin.com/in/dana".into()), ..c };
        assert_eq!(c.clean().unwrap_err().field(), Some("linkedin_url"));
    }

    #[test]
    fn application_edits_refuse_a_future_applied_date() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let e = ApplicationEdit { company: "Acme".into(), role: "Dev".into(), applied_on: Some("2026-11-27".into()), ..Default::default() };
        assert_eq!(e.clean(today).unwrap_err().field(), Some("applied_on"));
        let e = ApplicationEdit { applied_on: Some("2026-11-02".into()), ..e };
        assert_eq!(e.clean(today).unwrap().applied_on, NaiveDate::from_ymd_opt(2026, 11, 2));
    }

    #[test]
    fn a_reply_cannot_come_from_the_future() {
        let now = DateTime::parse_from_rfc3339("2026-11-26T10:00:00Z").unwrap().with_timezone(&Utc);
        let r = ReplyInput { at: "2026-11-26T12:00".into(), body: "Thanks".into(), ..Default::default() };
        assert_eq!(r.clean(Berlin, now).unwrap_err().field(), Some("at"));
        let r = ReplyInput { at: "2026-11-26T10:30".into(), ..r };
        assert_eq!(r.clean(Berlin, now).unwrap().at.to_rfc3339(), "2026-11-26T09:30:00+00:00");
    }
}
