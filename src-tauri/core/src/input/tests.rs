use super::*;
use crate::test_support::Berlin;

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
    assert_eq!(app.clean_edit(TODAY).unwrap_err().field(), Some("applied_on"));
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
    assert_eq!(e.clean_edit(today).unwrap_err().field(), Some("applied_on"));
    let e = ApplicationEdit { applied_on: Some("2026-11-02".into()), ..e };
    assert_eq!(e.clean_edit(today).unwrap().applied_on, NaiveDate::from_ymd_opt(2026, 11, 2));
}

#[test]
fn a_reply_cannot_come_from_the_future() {
    let now = DateTime::parse_from_rfc3339("2026-11-26T10:00:00Z").unwrap().with_timezone(&Utc);
    let r = ReplyInput { at: "2026-11-26T12:00".into(), body: "Thanks".into(), ..Default::default() };
    assert_eq!(r.clean(Berlin, now).unwrap_err().field(), Some("at"));
    let r = ReplyInput { at: "2026-11-26T10:30".into(), ..r };
    assert_eq!(r.clean(Berlin, now).unwrap().at.to_rfc3339(), "2026-11-26T09:30:00+00:00");
}

/// Found by `cargo fuzz` (command, save_interview): a start time holding a
/// line break was quoted as is, so the refusal beside the field broke over
/// two lines. Every value a refusal quotes is quoted as Rust quotes it.
#[test]
fn a_refusal_quoting_a_value_with_a_line_break_is_one_line() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let e = local_datetime("starts_at", "Start", "2026-12-c:x@acme.example\r\nDTSTAR01T12:00", today).unwrap_err();
    assert_eq!(e.to_string(), r#"Start: "2026-12-c:x@acme.example\r\nDTSTAR01T12:00" is not a date and time."#);
    let e = local_date("expected_reply_by", "Reply expected by", Some("2026-12\n-01"), today).unwrap_err();
    assert_eq!(e.to_string().lines().count(), 1, "{e}");
    let e = email("email", "dana@\nacme.example").unwrap_err();
    assert_eq!(e.to_string().lines().count(), 1, "{e}");
}
