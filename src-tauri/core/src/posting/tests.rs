//! The reader on pages modelled on what the boards serve (tests/postings/),
//! and the fetch policy against a scripted client (the real client, libsoup
//! against a real local server, is tested in the app crate).

use super::*;
use std::cell::RefCell;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/postings/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read_at(name: &str, url: &str) -> Result<Posting, NoPosting> {
    read(&Url::parse(url).unwrap(), &fixture(name))
}

fn posting(
    company: Option<&str>,
    role: Option<&str>,
    location: Option<&str>,
    job_url: &str,
    source: Option<&str>,
    date_posted: Option<&str>,
    structured: bool,
) -> Posting {
    let s = |v: Option<&str>| v.map(str::to_owned);
    Posting {
        company: s(company),
        role: s(role),
        location: s(location),
        job_url: job_url.into(),
        source: s(source),
        date_posted: s(date_posted),
        structured,
    }
}

/// Pages modelled on each board's, read as that board's address.
#[test]
fn postings_on_the_boards_pages() {
    for (file, url, want) in [
        // Greenhouse: JSON-LD, with entities in the values
        ("greenhouse.html", "https://job-boards.greenhouse.io/acmerobotics/jobs/4012345007?gh_src=abc", posting(Some("Acme Robotics"), Some("Senior Backend Engineer, Payments & Risk"), Some("Berlin, Germany"), "https://job-boards.greenhouse.io/acmerobotics/jobs/4012345007", Some("Greenhouse"), Some("2026-10-28"), true,)),
        // Greenhouse's legacy board: from its title
        ("greenhouse-legacy.html", "https://boards.greenhouse.io/nordlicht/jobs/5523411", posting(Some("Nordlicht Energie"), Some("Site Reliability Engineer"), None, "https://boards.greenhouse.io/nordlicht/jobs/5523411", Some("Greenhouse"), None, false,)),
        // Lever: locality, region and country
        ("lever.html", "https://jobs.lever.co/kestrel/6f1c2a9e-8d2b-4b7e-9b1a-3c5d7e9f1a2b?lever-source=LinkedIn", posting(Some("Kestrel Labs"), Some("Staff Frontend Engineer"), Some("San Francisco, CA, US"), "https://jobs.lever.co/kestrel/6f1c2a9e-8d2b-4b7e-9b1a-3c5d7e9f1a2b", Some("Lever"), Some("2026-11-02"), true,)),
        // Workday: a posting in several places
        ("workday.html", "https://globex.wd3.myworkdayjobs.com/Globex_Careers/job/Munich/Data-Platform-Engineer--m-w-d-_R-104233", posting(Some("Globex AG"), Some("Data Platform Engineer (m/w/d)"), Some("Munich, Germany; Frankfurt am Main, Germany"), "https://globex.wd3.myworkdayjobs.com/en-US/Globex_Careers/job/Munich/Data-Platform-Engineer--m-w-d-_R-104233", Some("Workday"), Some("2026-11-12"), true,)),
        // LinkedIn's public job page
        ("linkedin.html", "https://www.linkedin.com/jobs/view/4081234567/?refId=x&trackingId=y", posting(Some("Brightwave & Co."), Some("Data Engineer – Streaming"), Some("Berlin, DE"), "https://de.linkedin.com/jobs/view/data-engineer-streaming-at-brightwave-co-4081234567", Some("LinkedIn"), Some("2026-11-20"), true,)),
        // Indeed: a remote posting
        ("indeed.html", "https://www.indeed.com/viewjob?jk=4a1b2c3d4e5f6a7b&from=serp&vjs=3", posting(Some("Harbor Ledger Inc."), Some("Customer Success Manager"), Some("Remote (US)"), "https://www.indeed.com/viewjob?jk=4a1b2c3d4e5f6a7b", Some("Indeed"), Some("2026-11-18"), true,)),
        // JSON-LD @graph, the organization by reference, a relative URL
        ("jsonld-graph.html", "https://helios.example/carrieres/installateur-lyon/?utm_source=x", posting(Some("Helios Solaire SAS"), Some("Installateur photovoltaïque (H/F)"), Some("Lyon, France"), "https://helios.example/carrieres/installateur-lyon/", Some("Helios Solaire"), Some("2026-09-30"), true,)),
        // A JSON-LD list in CDATA, a bare company, raw line breaks
        ("jsonld-list.html", "https://tidewater.example/careers/analytics-engineer", posting(Some("Tidewater Analytics"), Some("Analytics Engineer (dbt, Snowflake)"), Some("Remote"), "https://tidewater.example/careers/analytics-engineer", Some("tidewater.example"), Some("2026-11-05"), true,)),
    ] {
        assert_eq!(read_at(file, url).unwrap(), want, "{file}");
    }
}

#[test]
fn linkedin_title_alone_names_company_role_and_place() {
    // The same page without its JSON-LD: the title still says it all.
    let page = fixture("linkedin.html");
    let start = page.find("<script type=\"application/ld+json\">").unwrap();
    let end = page[start..].find("</script>").unwrap() + start + "</script>".len();
    let bare = format!("{}{}", &page[..start], &page[end..]);
    let got = read(&Url::parse("https://www.linkedin.com/jobs/view/4081234567/").unwrap(), &bare).unwrap();
    assert_eq!(
        (got.company.as_deref(), got.role.as_deref(), got.location.as_deref(), got.structured),
        (Some("Brightwave & Co."), Some("Data Engineer – Streaming"), Some("Berlin, Berlin, Germany"), false)
    );
}

#[test]
fn opengraph_entities_decoded_and_whitespace_tidied() {
    let got = read_at("entities.html", "https://karriere.mueller-soehne.example/stellen/4711").unwrap();
    assert_eq!(got.role.as_deref(), Some("Head of R&D Mess- & Regeltechnik"));
    assert_eq!(got.company.as_deref(), Some("Müller & Söhne"));
    assert_eq!(got.source.as_deref(), Some("Müller & Söhne Karriere"));
    assert!(!got.structured);
}

#[test]
fn careers_page_titled_with_the_role() {
    let got = read_at("careers-page.html", "https://quillfeather.example/careers/platform-engineer").unwrap();
    assert_eq!((got.company.as_deref(), got.role.as_deref()), (Some("Quillfeather"), Some("Platform Engineer")));
    // The same page under a blog address is not taken for a posting.
    let e = read_at("careers-page.html", "https://quillfeather.example/blog/platform").unwrap_err();
    assert_eq!(e.0, "No job posting found on that page.");
}

#[test]
fn pages_without_a_posting_say_so() {
    let e = read_at("no-posting.html", "https://acme.example/blog/fridays").unwrap_err();
    assert_eq!(e.0, "No job posting found on that page.");
    let e = read_at("linkedin-authwall.html", "https://www.linkedin.com/authwall?trk=qf").unwrap_err();
    assert_eq!(e.0, "That page asks you to sign in: no posting to read.");
    let e = read(&Url::parse("https://acme.example/").unwrap(), "").unwrap_err();
    assert_eq!(e.0, "No job posting found on that page.");
}

#[test]
fn long_values_are_cut_to_a_field() {
    let title = "Engineer ".repeat(40);
    let page = format!(
        r#"<script type="application/ld+json">{{"@type":"JobPosting","title":"{title}","hiringOrganization":"Acme"}}</script>"#
    );
    let got = read(&Url::parse("https://acme.example/jobs/1").unwrap(), &page).unwrap();
    let role = got.role.clone().unwrap();
    assert_eq!(role.chars().count(), MAX_SHORT);
    assert!(role.ends_with('…'));
    assert!(got.application().clean().is_ok());
}

#[test]
fn many_places_are_summed_up() {
    let places: Vec<String> = (1..=6).map(|i| format!(r#"{{"@type":"Place","address":{{"addressLocality":"City {i}"}}}}"#)).collect();
    let page = format!(
        r#"<script type="application/ld+json">{{"@type":"JobPosting","title":"Nurse","hiringOrganization":{{"name":"Care"}},"jobLocationType":["TELECOMMUTE"],"jobLocation":[{}]}}</script>"#,
        places.join(",")
    );
    let got = read(&Url::parse("https://care.example/jobs/1").unwrap(), &page).unwrap();
    assert_eq!(got.location.as_deref(), Some("Remote; City 1; City 2 + 4 more"));
}

#[test]
fn only_web_urls_are_read() {
    for bad in ["file:///etc/passwd", "javascript:alert(1)", "data:text/html,<h1>x", "ftp://acme.example/job", "acme.example/jobs/1", "", "https://"] {
        let e = web_url(bad).unwrap_err();
        assert!(e.0.contains("is not a web address"), "{bad}: {e}");
    }
    for good in ["https://acme.example/jobs/1", " http://127.0.0.1:8080/x "] {
        assert!(web_url(good).is_ok(), "{good}");
    }
}

// ----- the fetch policy, against a scripted client --------------------------------

/// Answers each GET from a script, recording the URLs asked for.
struct Scripted {
    answers: RefCell<Vec<Result<Response, FetchError>>>,
    asked: RefCell<Vec<String>>,
}

impl Scripted {
    fn new(answers: Vec<Result<Response, FetchError>>) -> Self {
        Scripted { answers: RefCell::new(answers), asked: RefCell::default() }
    }
}

impl Fetch for Scripted {
    fn get(&self, url: &Url, deadline: Instant) -> Result<Response, FetchError> {
        assert!(deadline <= Instant::now() + TIMEOUT);
        self.asked.borrow_mut().push(url.to_string());
        self.answers.borrow_mut().remove(0)
    }
}

fn answer(status: u16, location: Option<&str>, body: &str) -> Result<Response, FetchError> {
    Ok(Response { status, reason: String::new(), location: location.map(Into::into), body: body.as_bytes().to_vec() })
}

#[test]
fn redirects_are_followed_five_times_and_no_more() {
    let mut answers: Vec<_> = (1..=5).map(|i| answer(302, Some(&format!("/hop{i}")), "")).collect();
    answers.push(answer(200, None, &fixture("lever.html")));
    let client = Scripted::new(answers);
    let p = from_url(&client, "http://jobs.example/start").unwrap();
    assert_eq!(p.role.as_deref(), Some("Staff Frontend Engineer"));
    assert_eq!(client.asked.borrow().last().map(String::as_str), Some("http://jobs.example/hop5"));

    let client = Scripted::new((1..=6).map(|i| answer(301, Some(&format!("/hop{i}")), "")).collect());
    assert_eq!(from_url(&client, "http://jobs.example/start").unwrap_err().0, "More than 5 redirects: stopped.");
    assert_eq!(client.asked.borrow().len(), 6);
}

#[test]
fn a_redirect_off_the_web_is_not_followed() {
    let client = Scripted::new(vec![answer(302, Some("file:///etc/passwd"), "")]);
    let e = from_url(&client, "http://jobs.example/start").unwrap_err();
    assert_eq!(e.0, "jobs.example redirected to \"file:///etc/passwd\": not a web address, not followed.");
}

#[test]
fn failures_say_what_happened_in_one_line() {
    let cases: Vec<(Result<Response, FetchError>, &str)> = vec![
        (answer(404, None, "<title>Page not found</title>"), "The page answered 404: no posting there (it may have been taken down)."),
        (answer(403, None, ""), "The page answered 403: the site refused to show it (it may need you to sign in)."),
        (answer(500, None, ""), "The page answered 500: no posting to read."),
        (Err(FetchError::Timeout), "No answer from jobs.example within 10 s."),
        (Err(FetchError::TooBig), "The page is larger than 5 MiB: not a posting."),
        (Err(FetchError::Network("Error resolving \"jobs.example\":\nName or service not known".into())), "Cannot reach jobs.example: Error resolving \"jobs.example\": Name or service not known"),
    ];
    for (a, want) in cases {
        let client = Scripted::new(vec![a]);
        assert_eq!(from_url(&client, "https://jobs.example/x").unwrap_err().0, want);
    }
    // A refused URL is never fetched.
    let client = Scripted::new(vec![]);
    assert!(from_url(&client, "javascript:alert(1)").is_err());
    assert!(client.asked.borrow().is_empty());
}
