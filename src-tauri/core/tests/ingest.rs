//! Invitations and emails in (issue 14), on a real SQLite file: the
//! fixtures in tests/fixtures/ingest are modelled on what Google Calendar,
//! Outlook/Exchange, Apple Calendar, Calendly and common mail clients write.

use afterview_core::input::ContactInput;
use afterview_core::format::{self, ImportMode};
use afterview_core::ingest::matching::MatchedBy;
use afterview_core::model::*;
use afterview_core::store::ingest::IngestReport;
use afterview_core::store::Store;
use afterview_core::input::NewApplication;
use afterview_core::zone::Tz;
use chrono::{DateTime, Utc};

const BERLIN: Tz = Tz::named("Europe/Berlin");
const ME: &str = "sam.lee@mail.example";

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../../tests/fixtures/ingest/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

struct World {
    store: Store,
    _dir: tempfile::TempDir,
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("a.db"), BERLIN).unwrap();
        let mut s = store.settings().unwrap();
        s.my_emails = vec![ME.into()];
        store.set_settings(&s).unwrap();
        World { store, _dir: dir }
    }
    fn app(&mut self, company: &str, url: Option<&str>, status: Status) -> String {
        let a = NewApplication { company: company.into(), role: "Engineer".into(), job_url: url.map(Into::into), status: Some(status), ..Default::default() };
        self.store.add_application(&a.clean().unwrap(), t("2026-11-10T10:00:00Z")).unwrap().application.id
    }
    fn contact(&mut self, app: &str, name: &str, email: &str) -> String {
        let c = ContactInput { id: None, name: name.into(), title: None, email: Some(email.into()), linkedin_url: None, linkedin_consent: Consent::NotAsked };
        self.store.save_contact(app, &c.clean().unwrap()).unwrap()
    }
    fn ingest(&mut self, name: &str, given: Option<&str>) -> IngestReport {
        self.store.ingest(name, &fixture(name), given, false)
    }
    fn keys(&self) -> Vec<String> {
        self.store.agenda(t("2026-11-26T12:00:00Z")).unwrap().into_iter().map(|f| f.key).collect()
    }
    fn rows(&self, table: &str) -> i64 {
        rusqlite::Connection::open(self.store.path()).unwrap().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    }
}

#[test]
fn a_google_invitation_matched_by_domain_then_the_thank_you_and_the_reply() {
    let mut w = World::new();
    let acme = w.app("Acme", Some("https://careers.acme.example/jobs/42"), Status::Applied);
    let r = w.ingest("google-invite.ics", None);
    assert_eq!(r.error, None);
    assert_eq!((r.kind, r.application_id.as_deref(), r.matched_by), (Some("invitation"), Some(acme.as_str()), Some(MatchedBy::Domain)));
    let iv = r.interview.clone().unwrap();
    // 10:00 in New York in December is 15:00 UTC.
    assert_eq!((iv.starts_at.as_str(), iv.ends_at.as_str(), iv.format, iv.change), ("2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z", InterviewFormat::Video, "new"));
    let added: Vec<(&str, &str)> = r.contacts_added.iter().map(|c| (c.name.as_str(), c.email.as_str())).collect();
    assert_eq!(added, vec![("Dana Reyes", "dana@acme.example"), ("Omar Haddad", "omar.haddad@acme.example")], "never you");
    assert_eq!(iv.interviewer_ids, r.contacts_added.iter().map(|c| c.id.clone()).collect::<Vec<_>>());
    let (dana, omar) = (r.contacts_added[0].id.clone(), r.contacts_added[1].id.clone());
    let k = w.keys();
    for want in [format!("thank_you_email:{}:{dana}", iv.id), format!("thank_you_email:{}:{omar}", iv.id), format!("pre_interview:{}", iv.id)] {
        assert!(k.contains(&want), "{want} in {k:?}");
    }
    let rec = w.store.record(&acme).unwrap();
    assert_eq!(rec.interviews[0].calendar, Some(CalendarRef { uid: "4k2q9v8n3m1p0s7t6u5r4e3w2q@google.com".into(), sequence: 0 }));

    // The thank-you sent to Dana after the interview closes Dana's thank-you, not Omar's.
    let r = w.ingest("sent-thank-you.eml", None);
    assert_eq!(r.error, None);
    assert_eq!(r.matched_by, Some(MatchedBy::ContactEmail));
    let m = r.message.unwrap();
    assert_eq!((m.direction, m.at.as_str(), m.contact_id.as_deref()), (Direction::Sent, "2026-12-01T21:05:31Z", Some(dana.as_str())));
    assert_eq!(m.followup_key, Some(format!("thank_you_email:{}:{dana}", iv.id)));
    assert!(r.contacts_added.is_empty());
    let k = w.keys();
    assert!(!k.contains(&format!("thank_you_email:{}:{dana}", iv.id)) && k.contains(&format!("thank_you_email:{}:{omar}", iv.id)), "{k:?}");
    let sent = &w.store.record(&acme).unwrap().messages[0];
    assert!(sent.body.ends_with("Best regards,\nSam"), "signature cut: {:?}", sent.body);

    // Dana's reply: received, quoted history cut, no proposal.
    let r = w.ingest("reply-quoted.eml", None);
    assert_eq!(r.error, None);
    let m = r.message.unwrap();
    assert_eq!((m.direction, m.subject.as_str(), m.contact_id.as_deref(), m.followup_key), (Direction::Received, "Re: Thank you", Some(dana.as_str()), None));
    assert!(r.proposals.is_empty());
    let body = w.store.record(&acme).unwrap().messages.iter().find(|m| m.direction == Direction::Received).unwrap().body.clone();
    assert!(body.starts_with("Hi Sam,\n\nThanks for the kind note \u{2014} it was great"), "{body:?}");
    assert!(!body.contains("wrote:") && !body.contains("event") && !body.contains('>'), "{body:?}");

    // Google's update email carries the invitation: it moves the interview (SEQUENCE 1).
    let r = w.ingest("google-update-email.eml", None);
    assert_eq!((r.error.as_deref(), r.kind), (None, Some("invitation")));
    let up = r.interview.unwrap();
    assert_eq!((up.id.as_str(), up.change, up.starts_at.as_str()), (iv.id.as_str(), "moved", "2026-12-02T19:00:00Z"));

    // The same mail again writes nothing.
    let before = w.rows("messages");
    let r = w.ingest("reply-quoted.eml", None);
    assert!(r.error.unwrap().contains("already logged"));
    assert_eq!(w.rows("messages"), before);
    assert!(w.store.verify_followups().unwrap());
}

#[test]
fn an_outlook_invitation_with_a_windows_zone_is_moved_then_cancelled() {
    let mut w = World::new();
    let initech = w.app("Initech", None, Status::Interviewing);
    let jonas = w.contact(&initech, "Jonas Weber", "Jonas.Weber@initech.example");
    let r = w.ingest("outlook-invite.ics", None);
    assert_eq!(r.error, None);
    assert_eq!(r.matched_by, Some(MatchedBy::ContactEmail));
    let iv = r.interview.unwrap();
    // 14:00 "W. Europe Standard Time" in December: 13:00 UTC. Teams: video.
    assert_eq!((iv.starts_at.as_str(), iv.ends_at.as_str(), iv.format), ("2026-12-03T13:00:00Z", "2026-12-03T14:00:00Z", InterviewFormat::Video));
    assert_eq!(r.contacts_added.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), vec!["Priya Natarajan"], "Jonas reused, the room left out");
    assert_eq!(iv.interviewer_ids[0], jonas);
    let uid = "040000008200E00074C5B7101A82E00800000000D0A8C4B1E4C4DC01000000000000000010000000F1A2B3C4D5E6F708192A3B4C5D6E7F80";
    assert_eq!(w.store.record(&initech).unwrap().interviews[0].calendar.as_ref().unwrap().uid, uid, "the folded UID, unfolded");

    let r = w.ingest("outlook-moved.ics", None);
    assert_eq!(r.error, None);
    let moved = r.interview.unwrap();
    assert_eq!((moved.id.as_str(), moved.change, moved.starts_at.as_str(), moved.ends_at.as_str()), (iv.id.as_str(), "moved", "2026-12-04T09:00:00Z", "2026-12-04T10:15:00Z"));
    assert!(r.contacts_added.is_empty());
    assert_eq!(w.rows("interviews"), 1, "moved, never a second one");
    assert_eq!(w.store.record(&initech).unwrap().interviews[0].calendar.as_ref().unwrap().sequence, 1);

    // The older invitation arriving late changes nothing.
    let r = w.ingest("outlook-invite.ics", None);
    assert!(r.error.unwrap().contains("older version"));
    assert_eq!(w.store.record(&initech).unwrap().interviews[0].starts_at, t("2026-12-04T09:00:00Z"));

    let r = w.ingest("outlook-cancel.ics", None);
    assert_eq!(r.error, None);
    assert_eq!(r.interview.as_ref().map(|i| (i.id.as_str(), i.change)), Some((iv.id.as_str(), "cancelled")));
    assert_eq!(w.rows("interviews"), 0);
    assert!(w.keys().iter().all(|k| !k.contains(&iv.id)), "its reminders and thank-yous went with it");
    assert_eq!(w.store.record(&initech).unwrap().contacts.len(), 2, "the people stay");
    let r = w.ingest("outlook-cancel.ics", None);
    assert!(r.error.unwrap().contains("does not have"));
    assert!(w.store.verify_followups().unwrap());
}

#[test]
fn apple_by_a_uk_domain_and_calendly_unmatched_until_assigned() {
    let mut w = World::new();
    let globex = w.app("Globex", Some("https://jobs.globex.co.uk/openings/17"), Status::Applied);
    let umbrella = w.app("Umbrella", None, Status::Applied);
    let r = w.ingest("apple-invite.ics", None);
    assert_eq!((r.error.as_deref(), r.application_id.as_deref(), r.matched_by), (None, Some(globex.as_str()), Some(MatchedBy::Domain)));
    let iv = r.interview.unwrap();
    assert_eq!((iv.starts_at.as_str(), iv.format), ("2026-12-08T14:30:00Z", InterviewFormat::Onsite));
    assert_eq!(r.contacts_added.len(), 1, "Harriet once, as organizer and attendee");

    let (contacts, interviews) = (w.rows("contacts"), w.rows("interviews"));
    let r = w.ingest("calendly-invite.ics", None);
    assert_eq!((r.error, r.application_id, r.matched_by, r.interview), (None, None, None, None));
    assert!(r.contacts_added.is_empty());
    assert_eq!((w.rows("contacts"), w.rows("interviews")), (contacts, interviews), "unmatched: written nowhere");

    let r = w.ingest("calendly-invite.ics", Some(&umbrella));
    assert_eq!((r.application_id.as_deref(), r.matched_by), (Some(umbrella.as_str()), Some(MatchedBy::Given)));
    let iv = r.interview.unwrap();
    assert_eq!((iv.starts_at.as_str(), iv.ends_at.as_str(), iv.format), ("2026-12-07T16:00:00Z", "2026-12-07T16:30:00Z", InterviewFormat::Phone));
    // An unknown application id is refused in one line.
    let r = w.ingest("google-invite.ics", Some("a-nope"));
    assert!(r.error.unwrap().contains("a-nope"));
    // Assigning an invitation already logged elsewhere is refused.
    let r = w.ingest("apple-invite.ics", Some(&umbrella));
    assert!(r.error.unwrap().contains("another application"));
}

#[test]
fn a_rejection_is_proposed_and_friendly_mail_is_not() {
    let mut w = World::new();
    let initech = w.app("Initech", None, Status::Interviewing);
    w.contact(&initech, "Jonas Weber", "jonas.weber@initech.example");
    let r = w.ingest("rejection-base64.eml", None);
    assert_eq!((r.error.as_deref(), r.matched_by, r.company.as_deref()), (None, Some(MatchedBy::Domain), Some("Initech")));
    assert_eq!(r.proposals.len(), 1);
    assert_eq!((r.proposals[0].kind, r.proposals[0].to), ("status", Status::Rejected));
    assert!(r.proposals[0].why.contains("move forward with other candidates"), "{}", r.proposals[0].why);
    assert_eq!(w.store.record(&initech).unwrap().application.status, Status::Interviewing, "never applied on its own");
    let body = &w.store.record(&initech).unwrap().messages[0].body;
    assert!(body.starts_with("Dear Sam,") && body.contains("whose experience more closely matches"), "base64 decoded: {body:?}");

    let acme = w.app("Acme", Some("https://acme.example"), Status::Applied);
    let r = w.ingest("latin1-friendly.eml", None);
    assert_eq!((r.error.as_deref(), r.application_id.as_deref()), (None, Some(acme.as_str())));
    assert!(r.proposals.is_empty(), "\"unfortunately\" alone is no rejection");
    assert_eq!(r.message.as_ref().unwrap().subject, "Kurze R\u{fc}ckfrage \u{2013} Thursday");
    assert_eq!(r.contacts_added[0].name, "J\u{fc}rgen M\u{fc}ller");
    let body = &w.store.record(&acme).unwrap().messages[0].body;
    assert!(body.contains("Thursday \u{2014} could we") && body.ends_with("Gr\u{fc}\u{df}e,\nJ\u{fc}rgen"), "{body:?}");

    let umbrella = w.app("Umbrella", None, Status::Applied);
    let r = w.ingest("html-only.eml", Some(&umbrella));
    let body = &w.store.record(&umbrella).unwrap().messages[0].body;
    assert!(r.error.is_none() && body.contains("Just confirming our phone screen on Monday") && !body.contains('<'), "{body:?}");
}

#[test]
fn refusals_and_dry_runs_write_nothing() {
    let mut w = World::new();
    let acme = w.app("Acme", Some("https://careers.acme.example"), Status::Applied);
    let counts = |w: &World| ["contacts", "interviews", "messages", "followups"].map(|t| w.rows(t));
    let before = counts(&w);
    let r = w.ingest("not-a-mail.txt", None);
    assert_eq!(r.kind, None);
    assert_eq!(r.error.as_deref(), Some("neither a calendar invitation (.ics) nor an email (.eml)"));
    let r = w.store.ingest("x.ics", b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:no start\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", None, false);
    assert_eq!(r.error.as_deref(), Some("this invitation has no start time (DTSTART)"));
    let r = w.store.ingest("g.ics", &fixture("google-invite.ics"), None, true);
    assert_eq!((r.error, r.interview.map(|i| i.change), r.contacts_added.len()), (None, Some("new"), 2), "a dry run reports what it would do");
    assert_eq!(counts(&w), before, "and writes nothing");

    // A refusal after some writes rolls the whole file back: the second copy
    // of the mail would add Jürgen again as a contact, then is refused.
    w.ingest("latin1-friendly.eml", None);
    let juergen = w.store.record(&acme).unwrap().contacts[0].id.clone();
    w.store.delete_contact(&acme, &juergen).unwrap();
    let r = w.ingest("latin1-friendly.eml", None);
    assert!(r.error.unwrap().contains("already logged"));
    assert!(w.store.record(&acme).unwrap().contacts.is_empty(), "the contact of the refused file is not kept");
}

#[test]
fn floating_all_day_and_utc_times() {
    let mut w = World::new();
    let acme = w.app("Acme", None, Status::Applied);
    let ics = |dt: &str, extra: &str| {
        format!("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:{dt}@t\r\n{dt}\r\n{extra}ORGANIZER;CN=Dana:mailto:dana@x.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    };
    let cases = [
        // Floating: the user's local time (Berlin), an hour when no end is given.
        (ics("DTSTART:20261120T140000", ""), "2026-11-20T13:00:00Z", "2026-11-20T14:00:00Z"),
        (ics("DTSTART:20261120T140000Z", "DURATION:PT45M\r\n"), "2026-11-20T14:00:00Z", "2026-11-20T14:45:00Z"),
        // All day: 09:00–17:00 local on its day.
        (ics("DTSTART;VALUE=DATE:20261120", "DTEND;VALUE=DATE:20261121\r\n"), "2026-11-20T08:00:00Z", "2026-11-20T16:00:00Z"),
        // Summer time in Berlin.
        (ics("DTSTART;TZID=Europe/Berlin:20260701T100000", "DTEND;TZID=Europe/Berlin:20260701T110000\r\n"), "2026-07-01T08:00:00Z", "2026-07-01T09:00:00Z"),
    ];
    for (text, start, end) in cases {
        let r = w.store.ingest("t.ics", text.as_bytes(), Some(&acme), false);
        let iv = r.interview.unwrap_or_else(|| panic!("{:?} for {text}", r.error));
        assert_eq!((iv.starts_at.as_str(), iv.ends_at.as_str()), (start, end), "{text}");
    }
    let r = w.store.ingest("t.ics", ics("DTSTART;TZID=Mars/Olympus:20261120T140000", "").as_bytes(), Some(&acme), false);
    assert!(r.error.unwrap().contains("Mars/Olympus"));
    let reply = "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:r\r\nDTSTART:20261120T140000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    assert!(w.store.ingest("r.ics", reply.as_bytes(), Some(&acme), false).error.unwrap().contains("REPLY"));
}

#[test]
fn my_emails_and_the_calendar_event_round_trip_through_the_format() {
    let mut w = World::new();
    let initech = w.app("Initech", None, Status::Interviewing);
    w.contact(&initech, "Jonas Weber", "jonas.weber@initech.example");
    w.ingest("outlook-invite.ics", None);
    let doc = format::export(&w.store).unwrap();
    assert_eq!(doc.settings.my_emails, vec![ME.to_owned()]);
    let json = format::to_json(&doc);
    assert!(json.contains("\"my_emails\"") && json.contains("\"calendar\""));
    let back = format::parse(&json).unwrap();
    assert_eq!(back, doc);
    let dir = tempfile::tempdir().unwrap();
    let mut fresh = Store::open(&dir.path().join("b.db"), BERLIN).unwrap();
    format::import(&mut fresh, &back, ImportMode::Empty, t("2026-11-26T12:00:00Z")).unwrap();
    assert_eq!(format::export(&fresh).unwrap(), doc);
    // The imported interview is still found by its UID: the moved invitation moves it.
    let r = fresh.ingest("m.ics", &fixture("outlook-moved.ics"), None, false);
    assert_eq!(r.interview.map(|i| i.change), Some("moved"));

    // A file without my_emails (older Afterview) still imports, with none.
    let old = json.replace(&format!(",\n    \"my_emails\": [\n      \"{ME}\"\n    ]"), "");
    assert!(!old.contains("my_emails"), "{}", &old[..300]);
    assert!(format::parse(&old).unwrap().settings.my_emails.is_empty());
    let bad = json.replace(&format!("\"{ME}\""), "\"not an address\"");
    assert!(format::parse(&bad).unwrap_err().to_string().contains("my_emails[0]"));
}
