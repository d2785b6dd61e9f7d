//! Which application a file is about, in order (issue 14):
//! 1. a person of the file whose address is a contact's (`contact_email`);
//! 2. a person whose address's registrable domain is that of a contact's
//!    address or of the job URL (`domain`: careers.acme.example → acme.example);
//! 3. otherwise none: the user picks (`given`).
//!
//! Your own addresses (`my_emails`) never match. Shared mail, calendar and
//! job-board domains (gmail.com, calendly.com, greenhouse.io…) never match by
//! domain: a recruiter writing from Gmail is not every Gmail contact's company.
//! When several applications match, the one furthest along and most recently
//! applied to wins.

use crate::model::Status;
use chrono::{DateTime, Utc};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    ContactEmail,
    Domain,
    Given,
}

/// What matching needs to know of one application.
#[derive(Debug, Clone, PartialEq)]
pub struct Known {
    pub application_id: String,
    pub status: Status,
    pub applied_at: Option<DateTime<Utc>>,
    pub job_url: Option<String>,
    /// Its contacts' addresses, lower-cased.
    pub emails: Vec<String>,
}

/// Second-level labels under which organisations register (co.uk, com.au…):
/// enough of the public suffix list for job searches; a domain under one of
/// these keeps three labels.
const SECOND_LEVEL: &[&str] = &[
    "co.uk", "org.uk", "ac.uk", "gov.uk", "ltd.uk", "plc.uk", "me.uk", "com.au", "net.au", "org.au", "edu.au",
    "co.nz", "org.nz", "co.jp", "ne.jp", "or.jp", "ac.jp", "com.br", "net.br", "co.in", "net.in", "co.za", "co.il",
    "co.kr", "com.mx", "com.ar", "com.cn", "com.tr", "com.sg", "com.hk", "com.tw", "com.my", "co.id", "com.pl",
];

/// Mail, calendar and hiring services many companies share.
const SHARED: &[&str] = &[
    "gmail.com", "googlemail.com", "google.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com",
    "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com", "gmx.de", "gmx.net", "web.de",
    "mail.com", "yandex.ru", "fastmail.com", "zoho.com", "hey.com", "calendly.com", "greenhouse.io", "lever.co",
    "workday.com", "myworkdayjobs.com", "smartrecruiters.com", "ashbyhq.com", "icims.com", "linkedin.com",
    "indeed.com", "teamtailor.com", "personio.de", "recruitee.com", "workable.com", "zoom.us", "example.com",
];

/// The registrable domain of a host: `careers.acme.example` → `acme.example`,
/// `jobs.acme.co.uk` → `acme.co.uk`.
pub fn registrable_domain(host: &str) -> Option<String> {
    let host = host.trim().trim_end_matches('.').to_lowercase();
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    if labels.len() < 2 || host.parse::<std::net::IpAddr>().is_ok() {
        return None;
    }
    let last2 = labels[labels.len() - 2..].join(".");
    let keep = if SECOND_LEVEL.contains(&last2.as_str()) { 3 } else { 2 };
    (labels.len() >= keep).then(|| labels[labels.len() - keep..].join("."))
}

fn domain_of_email(email: &str) -> Option<String> {
    email.rsplit_once('@').and_then(|(_, h)| registrable_domain(h))
}

fn domain_of_url(u: &str) -> Option<String> {
    let parsed = url::Url::parse(u.trim()).or_else(|_| url::Url::parse(&format!("https://{}", u.trim()))).ok()?;
    registrable_domain(parsed.host_str()?)
}

/// The domain a person's address would match by, when it may match at all.
pub fn matchable_domain(email: &str) -> Option<String> {
    domain_of_email(email).filter(|d| !SHARED.contains(&d.as_str()))
}

fn rank(k: &Known) -> (u8, Option<DateTime<Utc>>) {
    let stage = match k.status {
        Status::Interviewing => 6,
        Status::Offer => 5,
        Status::Applied => 4,
        Status::Wishlist => 3,
        Status::Rejected => 2,
        _ => 1,
    };
    (stage, k.applied_at)
}

fn best<'a>(found: impl Iterator<Item = &'a Known>) -> Option<&'a Known> {
    found.max_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| b.application_id.cmp(&a.application_id)))
}

/// The application the addresses (the file's people, yours left out) point to.
pub fn find(addresses: &[&str], known: &[Known]) -> Option<(String, MatchedBy)> {
    let by_email = best(known.iter().filter(|k| k.emails.iter().any(|e| addresses.iter().any(|a| a.eq_ignore_ascii_case(e)))));
    if let Some(k) = by_email {
        return Some((k.application_id.clone(), MatchedBy::ContactEmail));
    }
    let domains: Vec<String> = addresses.iter().filter_map(|a| matchable_domain(a)).collect();
    if domains.is_empty() {
        return None;
    }
    let by_domain = best(known.iter().filter(|k| {
        k.emails.iter().filter_map(|e| matchable_domain(e)).chain(k.job_url.as_deref().and_then(domain_of_url).filter(|d| !SHARED.contains(&d.as_str())))
            .any(|d| domains.contains(&d))
    }));
    by_domain.map(|k| (k.application_id.clone(), MatchedBy::Domain))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(id: &str, status: Status, url: Option<&str>, emails: &[&str]) -> Known {
        Known { application_id: id.into(), status, applied_at: None, job_url: url.map(Into::into), emails: emails.iter().map(|e| e.to_string()).collect() }
    }

    #[test]
    fn registrable_domains() {
        assert_eq!(registrable_domain("careers.acme.example").as_deref(), Some("acme.example"));
        assert_eq!(registrable_domain("Jobs.Acme.co.uk.").as_deref(), Some("acme.co.uk"));
        assert_eq!(registrable_domain("acme.example").as_deref(), Some("acme.example"));
        assert_eq!(registrable_domain("localhost"), None);
        assert_eq!(registrable_domain("co.uk"), None);
        assert_eq!(registrable_domain("127.0.0.1"), None);
    }

    #[test]
    fn by_address_then_domain_then_nothing() {
        let ks = vec![
            known("a1", Status::Applied, Some("https://careers.acme.example/jobs/42"), &[]),
            known("a2", Status::Interviewing, None, &["lee@initech.example", "recruiter@gmail.com"]),
            known("a3", Status::Applied, Some("https://boards.greenhouse.io/globex/jobs/1"), &[]),
        ];
        assert_eq!(find(&["LEE@initech.example"], &ks), Some(("a2".into(), MatchedBy::ContactEmail)));
        assert_eq!(find(&["recruiter@gmail.com"], &ks), Some(("a2".into(), MatchedBy::ContactEmail)), "an exact address matches even on a shared domain");
        assert_eq!(find(&["dana@acme.example"], &ks), Some(("a1".into(), MatchedBy::Domain)), "job URL's registrable domain");
        assert_eq!(find(&["hr@mail.initech.example"], &ks), Some(("a2".into(), MatchedBy::Domain)), "a contact's domain");
        assert_eq!(find(&["someone@gmail.com"], &ks), None, "shared domains never match by domain");
        assert_eq!(find(&["talent@greenhouse.io"], &ks), None);
        assert_eq!(find(&["x@globex.example"], &ks), None);
        assert_eq!(find(&[], &ks), None);
    }

    #[test]
    fn the_application_furthest_along_wins() {
        let ks = vec![
            known("old", Status::Rejected, Some("https://acme.example"), &[]),
            known("new", Status::Interviewing, Some("https://jobs.acme.example/2"), &[]),
        ];
        assert_eq!(find(&["dana@acme.example"], &ks).unwrap().0, "new");
    }
}
