//! Checks on what a user typed or a file held, before anything reaches the
//! database. Each error names the field, so the UI can show it right there.

use crate::error::{Error, Result};
use crate::model::Status;
use chrono::NaiveDate;
use serde::Deserialize;

pub const MAX_SHORT: usize = 200;
pub const MAX_LONG: usize = 20_000;

/// An application as the "Add application" form sends it.
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
    /// The local date the application was sent (`YYYY-MM-DD`); blank for now.
    pub applied_on: Option<String>,
}

/// The same, cleaned: trimmed, blanks turned into `None`.
#[derive(Debug, Clone, PartialEq)]
pub struct CleanApplication {
    pub company: String,
    pub role: String,
    pub job_url: Option<String>,
    pub location: Option<String>,
    pub source: Option<String>,
    pub notes: String,
    pub status: Status,
    pub applied_on: Option<NaiveDate>,
}

impl NewApplication {
    pub fn clean(&self) -> Result<CleanApplication> {
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
            // The bounds' lower end (1990) here; a day after today is refused by
            // the store, against the app's clock.
            applied_on: crate::edit::local_date("applied_on", "Applied on", self.applied_on.as_deref(), chrono::NaiveDate::MAX)?,
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
        Err(Error::invalid(field, format!("\"{v}\" is not an e-mail address.")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(company: &str, url: Option<&str>) -> NewApplication {
        NewApplication {
            company: company.into(),
            role: "Engineer".into(),
            job_url: url.map(Into::into),
            ..Default::default()
        }
    }

    #[test]
    fn blank_company_names_the_field() {
        let e = app("   ", None).clean().unwrap_err();
        assert_eq!(e.field(), Some("company"));
        assert_eq!(e.to_string(), "Company is required.");
    }

    #[test]
    fn job_url_must_be_http_or_https() {
        for bad in ["ftp://x.example/job", "javascript:alert(1)", "mailto:x@acme.example", "https://"] {
            let e = app("Acme", Some(bad)).clean().unwrap_err();
            assert_eq!(e.field(), Some("job_url"), "{bad}");
        }
        for good in ["https://acme.example/jobs/1", "http://acme.example"] {
            assert!(app("Acme", Some(good)).clean().is_ok(), "{good}");
        }
    }

    #[test]
    fn a_job_url_without_a_scheme_gets_https() {
        for (typed, stored) in [
            ("acme.example/jobs/1", "https://acme.example/jobs/1"),
            ("  www.acme.example ", "https://www.acme.example"),
            ("localhost:8080/jobs", "https://localhost:8080/jobs"),
            ("http://acme.example", "http://acme.example"),
        ] {
            assert_eq!(app("Acme", Some(typed)).clean().unwrap().job_url.as_deref(), Some(stored), "{typed}");
        }
    }

    #[test]
    fn applied_on_is_a_local_date() {
        let mut a = app("Acme", None);
        a.applied_on = Some("2026-11-20".into());
        assert_eq!(a.clean().unwrap().applied_on, NaiveDate::from_ymd_opt(2026, 11, 20));
        a.applied_on = Some("20/11/2026".into());
        assert_eq!(a.clean().unwrap_err().field(), Some("applied_on"));
        a.applied_on = Some(" ".into());
        assert_eq!(a.clean().unwrap().applied_on, None);
    }

    #[test]
    fn trims_and_drops_blanks() {
        let c = NewApplication {
            company: "  Acme ".into(),
            role: " Dev ".into(),
            location: Some("  ".into()),
            ..Default::default()
        }
        .clean()
        .unwrap();
        assert_eq!((c.company.as_str(), c.role.as_str(), c.location), ("Acme", "Dev", None));
        assert_eq!(c.status, Status::Applied);
    }

    #[test]
    fn emails() {
        assert!(email("email", "dana@acme.example").is_ok());
        for bad in ["dana", "dana@acme", "@acme.example", "da na@acme.example"] {
            assert!(email("email", bad).is_err(), "{bad}");
        }
    }
}
