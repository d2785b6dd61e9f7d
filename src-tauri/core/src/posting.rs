//! "Add from a posting link": what a job posting page says about the job,
//! read into the fields of the Add form (company, role, location, job URL,
//! source) for the user to confirm. Nothing here saves anything.
//!
//! Reading, in order of trust:
//! 1. schema.org `JobPosting` JSON-LD (what Google for Jobs reads, so the
//!    boards keep it right): a top-level object, a list, or inside `@graph`
//!    ([`jsonld`]);
//! 2. else OpenGraph and `<title>`, in the forms the big boards write them
//!    ([`fallback`]). A page with neither is "no posting".
//!
//! The HTML is parsed by `tl` and its entities decoded by `htmlize` in
//! [`html`] (chosen for binary size: see that module); the JSON-LD is parsed
//! with serde_json. Every value is entity-decoded and its whitespace tidied.
//!
//! Fetching is the app's (a process concern: its HTTP client is libsoup, the
//! one WebKitGTK already links); the policy is here, so the app's "Fill from
//! the posting" and `afterview add --from-url` behave the same: web URLs
//! only, [`TIMEOUT`] for the whole fetch, at most [`MAX_REDIRECTS`]
//! redirects (each to a web URL), at most [`MAX_BYTES`] of body.

mod fallback;
mod html;
mod jsonld;
#[cfg(test)]
mod tests;

use crate::input::{NewApplication, MAX_SHORT};
use serde::Serialize;
use std::time::{Duration, Instant};
pub use url::Url;

/// The whole fetch, redirects included, must be done within this.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// A posting page is a few hundred KiB at most; more is not a posting.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
pub const MAX_REDIRECTS: usize = 5;
/// Boards answer a bare client with a bot wall: say what a browser says.
pub const USER_AGENT: &str =
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15";

/// What a posting says, tidied; `None` where the page does not say. The
/// serialized names are the contract of `afterview add --from-url --json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Posting {
    pub company: Option<String>,
    pub role: Option<String>,
    pub location: Option<String>,
    pub job_url: String,
    pub source: Option<String>,
    /// `YYYY-MM-DD`, as the posting dates itself.
    pub date_posted: Option<String>,
    /// Read from JSON-LD (true) or guessed from OpenGraph / `<title>`.
    #[serde(skip)]
    pub structured: bool,
}

impl Posting {
    /// The Add form's fields, as the app's Add sends them.
    pub fn application(&self) -> NewApplication {
        NewApplication {
            company: self.company.clone().unwrap_or_default(),
            role: self.role.clone().unwrap_or_default(),
            job_url: Some(self.job_url.clone()),
            location: self.location.clone(),
            source: self.source.clone(),
            ..NewApplication::default()
        }
    }
}

/// Why a link gave no posting: one line, said beside the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoPosting(pub String);

impl std::fmt::Display for NoPosting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One HTTP exchange, redirects not followed (the caller follows them).
pub struct Response {
    pub status: u16,
    pub reason: String,
    /// The `Location` header, as sent.
    pub location: Option<String>,
    pub body: Vec<u8>,
}

/// Why one exchange failed.
#[derive(Debug)]
pub enum FetchError {
    /// The deadline passed.
    Timeout,
    /// The body is over [`MAX_BYTES`] (said by Content-Length, or seen while reading).
    TooBig,
    /// No connection: offline, no such host, refused, TLS failed…
    Network(String),
}

/// An HTTP client: one GET of `url`, without following redirects, done by
/// `deadline`, reading at most [`MAX_BYTES`], with [`USER_AGENT`].
pub trait Fetch {
    fn get(&self, url: &Url, deadline: Instant) -> Result<Response, FetchError>;
}

/// A URL the posting reader may fetch: http or https with a host. Anything
/// else (file:, javascript:, data:, ftp:…) is refused with a message.
pub fn web_url(input: &str) -> Result<Url, NoPosting> {
    let s = input.trim();
    let refused = || NoPosting(format!("{} is not a web address: only http:// and https:// links can be read.", shown(s)));
    let url = Url::parse(s).map_err(|_| refused())?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(refused());
    }
    Ok(url)
}

/// Fetches `input` and reads the posting on it.
pub fn from_url(client: &dyn Fetch, input: &str) -> Result<Posting, NoPosting> {
    let url = web_url(input)?;
    let (page_url, body) = fetch_page(client, url)?;
    read(&page_url, &String::from_utf8_lossy(&body))
}

/// GETs `url`, following at most [`MAX_REDIRECTS`] redirects to web URLs,
/// within [`TIMEOUT`]; returns the final URL and body of a 2xx answer.
pub fn fetch_page(client: &dyn Fetch, mut url: Url) -> Result<(Url, Vec<u8>), NoPosting> {
    let deadline = Instant::now() + TIMEOUT;
    let mut hops = 0;
    loop {
        let host = url.host_str().unwrap_or_default().to_owned();
        let r = client.get(&url, deadline).map_err(|e| match e {
            FetchError::Timeout => NoPosting(format!("No answer from {host} within {} s.", TIMEOUT.as_secs())),
            FetchError::TooBig => {
                NoPosting(format!("The page is larger than {} MiB: not a posting.", MAX_BYTES / (1024 * 1024)))
            }
            FetchError::Network(why) => NoPosting(format!("Cannot reach {host}: {}", one_line(&why))),
        })?;
        match r.status {
            200..=299 => return Ok((url, r.body)),
            301 | 302 | 303 | 307 | 308 => {
                hops += 1;
                if hops > MAX_REDIRECTS {
                    return Err(NoPosting(format!("More than {MAX_REDIRECTS} redirects: stopped.")));
                }
                let to = r.location.ok_or_else(|| NoPosting(format!("{host} redirected nowhere.")))?;
                let next = url.join(to.trim()).map_err(|_| NoPosting(format!("{host} redirected to a bad address.")))?;
                if !matches!(next.scheme(), "http" | "https") {
                    return Err(NoPosting(format!("{host} redirected to {}: not a web address, not followed.", shown(next.as_str()))));
                }
                url = next;
            }
            code => {
                let what = if code == 401 || code == 403 {
                    "the site refused to show it (it may need you to sign in)"
                } else if code == 404 || code == 410 {
                    "no posting there (it may have been taken down)"
                } else {
                    "no posting to read"
                };
                let reason = if r.reason.is_empty() { String::new() } else { format!(" {}", one_line(&r.reason)) };
                return Err(NoPosting(format!("The page answered {code}{reason}: {what}.")));
            }
        }
    }
}

/// Reads the posting on a page fetched from `page_url`.
pub fn read(page_url: &Url, text: &str) -> Result<Posting, NoPosting> {
    let page = html::scan(text);
    let found = page.json_ld.iter().find_map(|s| jsonld::posting(s, page_url));
    let structured = found.is_some();
    let mut p = match found {
        Some(p) => p,
        None => {
            if page.password_field || fallback::is_sign_in(&page) {
                return Err(NoPosting("That page asks you to sign in: no posting to read.".into()));
            }
            fallback::posting(&page, page_url).ok_or_else(|| NoPosting("No job posting found on that page.".into()))?
        }
    };
    let job_url = p
        .job_url
        .take()
        .or_else(|| page.canonical.as_deref().and_then(|u| absolute(u, page_url)))
        .or_else(|| page.meta("og:url").and_then(|u| absolute(u, page_url)))
        .unwrap_or_else(|| page_url.clone());
    let source = board_name(&job_url)
        .or_else(|| board_name(page_url))
        .map(str::to_owned)
        .or_else(|| page.meta("og:site_name").map(tidy))
        .filter(|s| !s.is_empty())
        .or_else(|| job_url.host_str().map(|h| h.trim_start_matches("www.").to_owned()));
    Ok(Posting {
        company: p.company.map(|s| fit(&s)).filter(|s| !s.is_empty()),
        role: p.role.map(|s| fit(&s)).filter(|s| !s.is_empty()),
        location: p.location.map(|s| fit(&s)).filter(|s| !s.is_empty()),
        job_url: job_url.to_string(),
        source: source.map(|s| fit(&s)),
        date_posted: p.date_posted,
        structured,
    })
}

/// What [`jsonld`] and [`fallback`] found, before the URL and source are settled.
#[derive(Debug, Default)]
struct Found {
    company: Option<String>,
    role: Option<String>,
    location: Option<String>,
    job_url: Option<Url>,
    date_posted: Option<String>,
}

/// The job boards a link most often comes from, by host.
fn board_name(url: &Url) -> Option<&'static str> {
    let host = url.host_str()?.to_ascii_lowercase();
    const BOARDS: &[(&str, &str)] = &[
        ("greenhouse.io", "Greenhouse"),
        ("lever.co", "Lever"),
        ("myworkdayjobs.com", "Workday"),
        ("myworkdaysite.com", "Workday"),
        ("linkedin.com", "LinkedIn"),
        ("ashbyhq.com", "Ashby"),
        ("smartrecruiters.com", "SmartRecruiters"),
        ("workable.com", "Workable"),
        ("glassdoor.com", "Glassdoor"),
        ("stepstone.de", "StepStone"),
        ("xing.com", "XING"),
        ("welcometothejungle.com", "Welcome to the Jungle"),
    ];
    let on = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
    if let Some((_, name)) = BOARDS.iter().find(|(d, _)| on(d)) {
        return Some(name);
    }
    // indeed.com, de.indeed.com, indeed.co.uk, indeed.fr…
    host.split('.').any(|label| label == "indeed").then_some("Indeed")
}

fn absolute(u: &str, base: &Url) -> Option<Url> {
    base.join(u.trim()).ok().filter(|u| matches!(u.scheme(), "http" | "https"))
}

/// Entities decoded, runs of whitespace made one space, trimmed.
pub(crate) fn tidy(s: &str) -> String {
    one_line(&html::decode(s))
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Cut to what a one-line field holds ([`MAX_SHORT`] characters).
fn fit(s: &str) -> String {
    if s.chars().count() <= MAX_SHORT {
        return s.to_owned();
    }
    let cut: String = s.chars().take(MAX_SHORT - 1).collect();
    format!("{}…", cut.trim_end())
}

/// A URL as said in a message: never more than a line.
fn shown(s: &str) -> String {
    let s = one_line(s);
    if s.is_empty() {
        return "That".into();
    }
    if s.chars().count() > 80 {
        format!("\"{}…\"", s.chars().take(79).collect::<String>())
    } else {
        format!("\"{s}\"")
    }
}
