//! What a user types, or a file holds, on its way to the database: the
//! "Add application" form, the detail panel's edits (an application, its
//! contacts, interviews and received replies), and the field checks they and
//! the file importers share. Each error names the field, so the UI can show
//! it right there; fields inside a list are named
//! `interviewers.<index>.<field>`.
//!
//! Times arrive as the user typed them: local `YYYY-MM-DDTHH:MM` (what a
//! datetime-local input gives) and local `YYYY-MM-DD` dates. They are turned
//! into UTC instants here, with the machine's zone, so the UI never does
//! time-zone arithmetic (and never calls `toISOString()` on a date-only
//! value, which moves it a day back east of UTC).

use crate::zone::local_at;
use crate::error::{Error, Result};
use crate::model::{Channel, Consent, InterviewFormat, Status, Went};
use crate::zone::Tz;
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::Deserialize;

pub const MAX_SHORT: usize = 200;
pub const MAX_LONG: usize = 20_000;

/// An application as a form sends it: the "Add application" form, and the
/// detail panel's edit of one (`ApplicationEdit`), which has no status: a
/// status changes by moving the card, so an edit's `status` is ignored.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewApplication {
    pub company: String,
    pub role: String,
    pub job_url: Option<String>,
    pub location: Option<String>,
    pub source: Option<String>,
    pub notes: Option<String>,
    pub status: Option<Status>,
    /// The local date the application was sent (`YYYY-MM-DD`); blank for now
    /// when adding, for "not yet" when editing.
    pub applied_on: Option<String>,
}

/// The editable fields of an application: the same as a new one's.
pub type ApplicationEdit = NewApplication;

/// The same, cleaned: trimmed, blanks turned into `None`.
#[derive(Debug, Clone, PartialEq)]
pub struct CleanApplication {
    pub company: String,
    pub role: String,
    pub job_url: Option<String>,
    pub location: Option<String>,
    pub source: Option<String>,
    pub notes: String,
    /// The column a new application starts in (an edit leaves it as stored).
    pub status: Status,
    pub applied_on: Option<NaiveDate>,
}

impl NewApplication {
    /// A new application. Its applied date's upper bound is the store's to
    /// check, against the app's clock.
    pub fn clean(&self) -> Result<CleanApplication> {
        self.cleaned(NaiveDate::MAX)
    }

    /// An edit of a stored application, whose applied date cannot be after
    /// `today`.
    pub fn clean_edit(&self, today: NaiveDate) -> Result<CleanApplication> {
        let clean = self.cleaned(today)?;
        if clean.applied_on.is_some_and(|d| d > today) {
            return Err(Error::invalid("applied_on", "Applied on cannot be in the future."));
        }
        Ok(clean)
    }

    fn cleaned(&self, today: NaiveDate) -> Result<CleanApplication> {
        let company = required("company", "Company", &self.company)?;
        let role = required("role", "Role", &self.role)?;
        let job_url = optional("job_url", "Job URL", self.job_url.as_deref())?.map(with_scheme);
        if let Some(u) = &job_url {
            web_url("job_url", "Job URL", u)?;
        }
        Ok(CleanApplication {
            company,
            role,
            job_url,
            location: optional("location", "Location", self.location.as_deref())?,
            source: optional("source", "Source", self.source.as_deref())?,
            notes: long_text("notes", "Notes", self.notes.as_deref().unwrap_or(""))?,
            status: self.status.unwrap_or(Status::Applied),
            applied_on: local_date("applied_on", "Applied on", self.applied_on.as_deref(), today)?,
        })
    }
}

/// A required one-line value: trimmed, not blank, not too long.
pub fn required(field: &str, label: &str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::invalid(field, format!("{label} is required.")));
    }
    short(field, label, v).map(str::to_owned)
}

/// An optional one-line value: blank becomes `None`.
pub fn optional(field: &str, label: &str, value: Option<&str>) -> Result<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => short(field, label, v).map(|v| Some(v.to_owned())),
    }
}

fn short<'a>(field: &str, label: &str, v: &'a str) -> Result<&'a str> {
    if v.chars().count() > MAX_SHORT {
        return Err(Error::invalid(field, format!("{label} is too long (at most {MAX_SHORT} characters).")));
    }
    if v.chars().any(|c| c.is_control()) {
        return Err(Error::invalid(field, format!("{label} must be a single line.")));
    }
    Ok(v)
}

pub fn long_text(field: &str, label: &str, v: &str) -> Result<String> {
    if v.chars().count() > MAX_LONG {
        return Err(Error::invalid(field, format!("{label} is too long (at most {MAX_LONG} characters).")));
    }
    Ok(v.to_owned())
}

/// A web address typed without its scheme ("acme.example/jobs/1") gets
/// `https://`; one that names a scheme (even a refused one) is left as typed.
pub fn with_scheme(v: String) -> String {
    let scheme = v.split_once(':').is_some_and(|(s, rest)| {
        let mut chars = s.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
            // "localhost:8080/x" is a host and a port, not a scheme.
            && !rest.starts_with(|c: char| c.is_ascii_digit())
    });
    if scheme { v } else { format!("https://{v}") }
}

/// A link the user can open in a browser: http or https with a host.
pub fn web_url(field: &str, label: &str, v: &str) -> Result<()> {
    let bad = || Error::invalid(field, format!("{label} must be a web address starting with http:// or https://."));
    let parsed = url::Url::parse(v).map_err(|_| bad())?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none_or(str::is_empty) {
        return Err(bad());
    }
    Ok(())
}

/// An e-mail address, loosely: something@something.something, no spaces.
pub fn email(field: &str, v: &str) -> Result<()> {
    let ok = v.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
    }) && !v.chars().any(char::is_whitespace);
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(field, format!("{v:?} is not an e-mail address.")))
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
        .map_err(|_| Error::invalid(field, format!("{label}: {v:?} is not a date and time.")))?;
    date_in_range(field, label, t.date(), today)?;
    Ok(t)
}

pub(crate) fn local_date(field: &str, label: &str, v: Option<&str>, today: NaiveDate) -> Result<Option<NaiveDate>> {
    match v.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => {
            let d = NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map_err(|_| Error::invalid(field, format!("{label}: {v:?} is not a date.")))?;
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
mod tests;
