//! The report's rows, stated literally for one application with one event
//! of each kind, then the period filter and the escaping on the sample.

use super::*;
use crate::format;
use crate::model::{Channel, Consent, Contact, Direction, Interview, Message, Status, StatusChange};
use crate::test_support::{self, d, t, Berlin};

/// Applied (from LinkedIn), moved to Interviewing, an on-site interview with
/// two people, a thank-you sent, and a reply that lands after midnight in
/// Berlin on 1 December.
fn one_of_each() -> ApplicationRecord {
    let mut r = test_support::record(Status::Interviewing);
    r.application.applied_at = Some(t("2026-11-02T10:00:00Z"));
    r.application.source = Some("LinkedIn".into());
    r.application.job_url = Some("https://acme.example/jobs/1".into());
    r.contacts = vec![
        Contact { title: Some("Engineering Manager".into()), ..test_support::contact("c1", "Dana Reyes", Consent::NotAsked) },
        test_support::contact("c2", "Lee Park", Consent::NotAsked),
    ];
    r.status_changes = vec![
        // The first placement is the application itself: no row of its own.
        StatusChange { at: t("2026-11-02T10:00:00Z"), from: None, to: Status::Applied },
        StatusChange { at: t("2026-11-12T08:00:00Z"), from: Some(Status::Applied), to: Status::Interviewing },
    ];
    r.interviews = vec![Interview {
        format: InterviewFormat::Onsite,
        next_steps: Some("second round".into()),
        ..test_support::interview("i1", "2026-11-17T09:00:00Z", "2026-11-17T10:00:00Z", &["c1", "c2"])
    }];
    r.messages = vec![
        Message {
            contact_id: Some("c1".into()),
            body: "Thank you, Dana.".into(),
            ..test_support::message("2026-11-17T12:00:00Z", Direction::Sent, Some("thank_you_email:i1:c1"))
        },
        Message {
            channel: Channel::Linkedin,
            contact_id: Some("c2".into()),
            body: "We'll be in touch.".into(),
            ..test_support::message("2026-11-30T23:30:00Z", Direction::Received, None)
        },
    ];
    r
}

fn event(at: &str, activity: &'static str, details: &str, contact: &str, channel: &str, message: &str) -> Event {
    Event {
        at: t(at),
        activity,
        details: details.into(),
        contact: contact.into(),
        channel: channel.into(),
        message: message.into(),
    }
}

#[test]
fn events_are_one_row_per_dated_fact_in_time_order() {
    assert_eq!(
        events(&one_of_each()),
        [
            event("2026-11-02T10:00:00Z", "Applied", "Source: LinkedIn", "", "", ""),
            event("2026-11-12T08:00:00Z", "Stage changed", "Applied → Interviewing", "", "", ""),
            event(
                "2026-11-17T09:00:00Z",
                "Interview",
                "On-site interview; next steps: second round",
                "Dana Reyes (Engineering Manager), Lee Park",
                "",
                ""
            ),
            event("2026-11-17T12:00:00Z", "Message sent", "Send a thank-you email", "Dana Reyes", "Email", "Thank you, Dana."),
            event("2026-11-30T23:30:00Z", "Reply received", "", "Lee Park", "LinkedIn", "We'll be in touch."),
        ]
    );
}

#[test]
fn the_csv_has_novembers_rows_in_local_time() {
    let recs = [one_of_each()];
    let csv = String::from_utf8(csv(&recs, d("2026-11-01"), d("2026-11-30"), Berlin).unwrap()).unwrap();
    let rest = "Acme,Backend Engineer";
    let tail = "Interviewing,https://acme.example/jobs/1";
    assert_eq!(
        csv,
        format!(
            "\u{feff}Date,Company,Role,Activity,Details,Contact,Channel,Message,Stage now,Job URL\r\n\
             2026-11-02 11:00,{rest},Applied,Source: LinkedIn,,,,{tail}\r\n\
             2026-11-12 09:00,{rest},Stage changed,Applied → Interviewing,,,,{tail}\r\n\
             2026-11-17 10:00,{rest},Interview,On-site interview; next steps: second round,\
             \"Dana Reyes (Engineering Manager), Lee Park\",,,{tail}\r\n\
             2026-11-17 13:00,{rest},Message sent,Send a thank-you email,Dana Reyes,Email,\"Thank you, Dana.\",{tail}\r\n"
        ),
        "the reply at 00:30 on 1 December (Berlin) is December's"
    );
    // December holds only the reply.
    let dec = entries(&recs, d("2026-12-01"), d("2026-12-31"), Berlin).unwrap();
    assert_eq!(dec.len(), 1);
    assert_eq!(dec[0].events, [event("2026-11-30T23:30:00Z", "Reply received", "", "Lee Park", "LinkedIn", "We'll be in touch.")]);
}

#[test]
fn the_page_counts_applications_sent_interviews_and_messages_sent() {
    let page = html(&[one_of_each()], d("2026-11-01"), d("2026-11-30"), Berlin, t("2026-12-01T09:00:00Z")).unwrap();
    assert!(
        page.contains(
            "<div class=\"totals\"><div><b>1</b>applications with activity</div><div><b>1</b>applications sent</div>\
             <div><b>1</b>interviews</div><div><b>1</b>messages sent</div></div>"
        ),
        "{page}"
    );
    assert!(page.contains("<tr><td class=\"when\">2026-11-17 13:00</td><td>Message sent</td><td>Send a thank-you email · Email · Dana Reyes<div class=\"msg\">Thank you, Dana.</div></td></tr>"), "{page}");
    assert!(!page.contains("Reply received"), "the reply is December's");
}


fn records() -> Vec<ApplicationRecord> {
    format::parse(format::SAMPLE_JSON).unwrap().applications
}

#[test]
fn html_escapes_user_text() {
    assert_eq!(esc("<img src=x onerror='a'>&\""), "&lt;img src=x onerror=&#39;a&#39;&gt;&amp;&quot;");
    // Text content (the notification body): the three markup characters only.
    assert_eq!(esc_text("Thank <img src=x onerror=alert(1)> & co"), "Thank &lt;img src=x onerror=alert(1)&gt; &amp; co");
    assert_eq!(esc_text("O'Neil \"Dana\" Reyes (Acme)"), "O'Neil \"Dana\" Reyes (Acme)");
    let mut recs = records();
    recs[0].application.company = "<script>alert(1)</script>".into();
    let from = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(2100, 1, 1).unwrap();
    let page = html(&recs, from, to, crate::zone::Tz::named("Europe/Berlin"), Utc::now()).unwrap();
    assert!(!page.contains("<script>"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn only_events_in_the_period_local_dates_included() {
    let recs = records();
    let tz = crate::zone::Tz::named("Europe/Berlin");
    let all: Vec<Event> = recs.iter().flat_map(events).collect();
    let (first, last) = (all.iter().map(|e| e.at).min().unwrap(), all.iter().map(|e| e.at).max().unwrap());
    let day = |t: DateTime<Utc>| t.with_timezone(&tz).date_naive();
    let everything = entries(&recs, day(first), day(last), tz).unwrap();
    assert_eq!(everything.iter().map(|e| e.events.len()).sum::<usize>(), all.len());
    // One day: only that day's events.
    let one = entries(&recs, day(last), day(last), tz).unwrap();
    assert!(one.iter().flat_map(|e| &e.events).all(|e| day(e.at) == day(last)));
    assert!(!one.is_empty());
    let e = entries(&recs, day(last), day(first), tz).unwrap_err();
    assert_eq!(e.field(), Some("from"));
}
