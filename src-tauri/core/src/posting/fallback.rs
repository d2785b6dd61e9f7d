//! Without JSON-LD: OpenGraph (`og:title`, `og:site_name`) and `<title>`,
//! in the forms job pages write them:
//!
//! - LinkedIn: "Acme hiring Data Engineer in Berlin, Germany | LinkedIn";
//! - Greenhouse: "Job Application for Site Reliability Engineer at Acme";
//! - most others: "Site Reliability Engineer at Acme";
//! - a careers page (a job word in its address or title) titled with the
//!   role, the company in `og:site_name`.
//!
//! Anything else is not taken for a posting: a blog post's title is not a
//! role. These are guesses from a title, shown for the user to confirm.

use super::html::Page;
use super::{tidy, Found};
use url::Url;

/// What a page says about itself, tidied: og:title, twitter:title, then <title>.
fn titles(page: &Page) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in [page.meta("og:title"), page.meta("twitter:title"), page.title.as_deref()].into_iter().flatten() {
        let t = tidy(t);
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// A login or robot wall instead of the page (LinkedIn's "Sign Up | LinkedIn",
/// a "Sign in" page, Cloudflare's "Just a moment...").
pub(super) fn is_sign_in(page: &Page) -> bool {
    titles(page).iter().any(|t| {
        let t = t.to_lowercase();
        let head = t.split([' ', '|', '-', '–', ',']).filter(|w| !w.is_empty()).take(3).collect::<Vec<_>>().join(" ");
        ["sign in", "sign up", "log in", "login", "authwall", "just a moment"].iter().any(|w| head.starts_with(w))
            || t.contains("authwall")
    })
}

pub(super) fn posting(page: &Page, page_url: &Url) -> Option<Found> {
    let site = page.meta("og:site_name").map(tidy).filter(|s| !s.is_empty());
    let titles = titles(page);
    for t in &titles {
        let t = strip_site(t, site.as_deref());
        if let Some(found) = linkedin(&t).or_else(|| role_at_company(&t)) {
            return Some(found);
        }
    }
    // A careers page titled with the role.
    let role = titles.first().map(|t| strip_site(t, site.as_deref()))?;
    let jobby = |s: &str| {
        let s = s.to_lowercase();
        ["job", "career", "position", "vacanc", "opening", "stelle", "karriere", "emploi", "recruit"].iter().any(|w| s.contains(w))
    };
    if !jobby(page_url.path()) && !titles.iter().any(|t| jobby(t)) {
        return None;
    }
    let company = site.filter(|s| !s.eq_ignore_ascii_case(&role));
    Some(Found { role: Some(role), company, ..Found::default() })
}

/// "Role | Site", "Role - Site", "Role – Site" → "Role", for the page's own
/// site name and the boards' usual suffixes.
fn strip_site(title: &str, site: Option<&str>) -> String {
    let mut t = title.trim().to_owned();
    let mut names: Vec<&str> = vec!["LinkedIn", "Indeed.com", "Indeed", "Glassdoor"];
    names.extend(site);
    for name in names {
        for sep in [" | ", " - ", " – ", " — ", " · "] {
            let suffix = format!("{sep}{name}");
            if t.len() > suffix.len() && t.to_lowercase().ends_with(&suffix.to_lowercase()) {
                t.truncate(t.len() - suffix.len());
                t = t.trim_end().to_owned();
            }
        }
    }
    t
}

/// "Acme hiring Data Engineer in Berlin, Germany".
fn linkedin(t: &str) -> Option<Found> {
    let (company, rest) = t.split_once(" hiring ")?;
    let (role, location) = match rest.rsplit_once(" in ") {
        Some((r, l)) => (r, Some(l.trim().to_owned())),
        None => (rest, None),
    };
    let found = Found {
        company: Some(company.trim().to_owned()),
        role: Some(role.trim().to_owned()),
        location,
        ..Found::default()
    };
    (!company.trim().is_empty() && !role.trim().is_empty()).then_some(found)
}

/// "Job Application for Role at Company", "Role at Company", "Role @ Company".
fn role_at_company(t: &str) -> Option<Found> {
    let t = t.strip_prefix("Job Application for ").unwrap_or(t);
    let (role, company) = t.rsplit_once(" at ").or_else(|| t.rsplit_once(" @ "))?;
    let (role, company) = (role.trim(), company.trim());
    // "Careers at Acme", "Jobs at Acme": a list of jobs, not one.
    let generic = ["jobs", "job", "careers", "career", "working", "work", "life", "open positions", "join us"];
    if role.is_empty() || company.is_empty() || generic.contains(&role.to_lowercase().as_str()) {
        return None;
    }
    Some(Found { role: Some(role.to_owned()), company: Some(company.to_owned()), ..Found::default() })
}
