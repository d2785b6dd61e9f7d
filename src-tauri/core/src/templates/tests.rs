use super::*;
use crate::model::{Consent, Status};
use crate::test_support::{self, t, Berlin};

fn contact(id: &str, name: &str) -> Contact {
    Contact { email: Some(format!("{id}@acme.example")), ..test_support::contact(id, name, Consent::Yes) }
}

fn record() -> ApplicationRecord {
    let mut r = test_support::record(Status::Interviewing);
    r.application.applied_at = Some(t("2026-11-02T10:00:00Z"));
    r.contacts = vec![contact("c1", "Dana Reyes"), contact("c2", "Sam Okafor")];
    r.interviews = vec![Interview {
        // 15:00 in Berlin (UTC+1 in November).
        format: InterviewFormat::Onsite,
        physical_note: true,
        next_steps: Some("a second round with the team.".into()),
        expected_reply_by: Some(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()),
        ..test_support::interview("i1", "2026-11-19T14:00:00Z", "2026-11-19T15:00:00Z", &["c1", "c2"])
    }];
    r
}

const AFTER: &str = "2026-11-20T08:00:00Z";

#[test]
fn a_thank_you_email_is_filled_with_the_interviews_facts() {
    let rec = record();
    let facts = facts_for(&rec, "thank_you_email:i1:c1", Some("c1"), Some("i1"), Berlin, t(AFTER));
    let m = fill(&default_template(Kind::ThankYouEmail), &facts);
    assert_eq!(m.subject, "Thank you for the Backend Engineer interview");
    assert!(m.body.starts_with("Dear Dana,\n\n"), "{}", m.body);
    assert!(m.body.contains("meet me on Thursday 19 November to talk about the Backend Engineer role at Acme."));
    // The trailing full stop of the user's note is not doubled.
    assert!(m.body.contains("the next step would be a second round with the team. If there"), "{}", m.body);
    assert!(!m.body.contains("{{"));
    let gaps: Vec<String> = placeholders(&m.body).into_iter().map(|p| p.text).collect();
    assert_eq!(gaps, ["[the project you discussed]", "[one thing you would bring to the role]", "[your name]"]);
}

#[test]
fn the_interview_day_is_the_local_day() {
    let mut rec = record();
    // 23:30 UTC on the 19th is already Friday the 20th in Berlin.
    rec.interviews[0].starts_at = t("2026-11-19T23:30:00Z");
    rec.interviews[0].ends_at = t("2026-11-20T00:30:00Z");
    let facts = facts_for(&rec, "thank_you_note:i1", None, Some("i1"), Berlin, t("2026-11-21T08:00:00Z"));
    assert_eq!(facts.value("interview_day").as_deref(), Some("Friday 20 November"));
    assert_eq!(facts.value("interview_time").as_deref(), Some("Friday 20 November at 00:30"));
}

#[test]
fn a_note_is_addressed_to_every_interviewer() {
    let rec = record();
    let facts = facts_for(&rec, "thank_you_note:i1", None, Some("i1"), Berlin, t(AFTER));
    let m = fill(&default_template(Kind::ThankYouNote), &facts);
    assert!(m.body.starts_with("Dear Dana and Sam,"), "{}", m.body);
    assert_eq!(m.subject, "");
    assert_eq!(facts.value("interviewers").as_deref(), Some("Dana Reyes and Sam Okafor"));
}

#[test]
fn unknown_facts_become_visible_placeholders() {
    let mut rec = record();
    rec.interviews[0].interviewer_ids.clear();
    rec.interviews[0].next_steps = Some("   ".into());
    let facts = facts_for(&rec, "thank_you_email:i1:-", None, Some("i1"), Berlin, t(AFTER));
    let m = fill(&default_template(Kind::ThankYouEmail), &facts);
    assert!(m.body.starts_with("Dear [their name],"), "{}", m.body);
    assert!(m.body.contains("the next step would be [the next steps they described]."));
    assert_eq!(fill_text("{{ nonsense }} and {{role}}", &facts), "[nonsense] and Backend Engineer");
    // An unclosed brace is left as typed.
    assert_eq!(fill_text("see {{role", &facts), "see {{role");
}

#[test]
fn a_check_in_names_the_last_step_and_the_interviewer() {
    let rec = record();
    let facts = facts_for(&rec, "check_in:a1:2026-11-30", None, None, Berlin, t("2026-11-30T08:00:00Z"));
    let m = fill(&default_template(Kind::CheckIn), &facts);
    assert!(m.body.starts_with("Dear Dana and Sam,"), "{}", m.body);
    assert!(m.body.contains("following our interview on Thursday 19 November."), "{}", m.body);
    assert_eq!(m.subject, "Checking in: Backend Engineer application");

    // Before any interview: the application date, and the first contact.
    let mut early = record();
    early.interviews.clear();
    let facts = facts_for(&early, "check_in:a1:2026-11-16", None, None, Berlin, t("2026-11-16T08:00:00Z"));
    assert_eq!(facts.value("last_step").as_deref(), Some("my application on Monday 2 November"));
    assert_eq!(facts.value("first_name").as_deref(), Some("Dana"));
}

#[test]
fn the_default_linkedin_request_fits_the_free_limit() {
    let rec = record();
    let facts = facts_for(&rec, "linkedin_connect:c2", Some("c2"), Some("i1"), Berlin, t(AFTER));
    let m = fill(&default_template(Kind::LinkedinConnect), &facts);
    assert!(m.body.starts_with("Hi Sam, thank you again"), "{}", m.body);
    let n = m.body.chars().count();
    assert!(n <= LINKEDIN_FREE_LIMIT, "{n} characters: {}", m.body);
}

#[test]
fn every_default_template_is_valid_and_fills_completely() {
    let rec = record();
    for &kind in Kind::ALL {
        let t0 = default_template(kind);
        assert_eq!(check_template(kind, &t0).unwrap(), t0, "{kind}");
        assert_eq!(is_email(kind), !t0.subject.is_empty(), "{kind}");
        let facts = facts_for(&rec, &format!("{kind}:x"), Some("c1"), Some("i1"), Berlin, t(AFTER));
        let m = fill(&t0, &facts);
        assert!(!m.body.contains("{{") && !m.subject.contains("{{"), "{kind}: {m:?}");
    }
}

#[test]
fn placeholders_are_bracketed_words_on_one_line() {
    let found = |s: &str| placeholders(s).into_iter().map(|p| (p.text, p.start, p.end)).collect::<Vec<_>>();
    assert_eq!(found("Hi [name], see [the project]."), [("[name]".into(), 3, 9), ("[the project]".into(), 15, 28)]);
    // Offsets count characters, not bytes.
    assert_eq!(found("Grüße [Ihr Name]"), [("[Ihr Name]".into(), 6, 16)]);
    assert_eq!(found("[café]"), [("[café]".into(), 0, 6)]);
    // Not placeholders: no letter, across lines, nested, unclosed, too long.
    assert!(found("- [ ] done [1] [2026]").is_empty());
    assert!(found("[across\nlines]").is_empty());
    assert_eq!(found("[[inner]]"), [("[inner]".into(), 1, 8)]);
    assert!(found("an [unclosed bracket").is_empty());
    assert!(found(&format!("[{}]", "x".repeat(81))).is_empty());
    assert_eq!(found(&format!("[{}]", "x".repeat(80))).len(), 1);
    assert!(found("").is_empty());
}

/// The cases the editor's `findPlaceholders` (ui/compose.js) is tested on
/// too: one rule on both sides.
#[test]
fn placeholders_agree_with_the_shared_cases() {
    let doc: serde_json::Value =
        serde_json::from_str(include_str!("../../../../tests/fixtures/placeholders.json")).expect("valid JSON");
    let cases = doc["cases"].as_array().expect("cases");
    assert!(cases.len() >= 10);
    for case in cases {
        let text = case["text"].as_str().expect("text");
        let want: Vec<&str> = case["found"].as_array().expect("found").iter().map(|f| f.as_str().expect("a string")).collect();
        let got = placeholders(text);
        assert_eq!(got.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(), want, "{text:?}");
        let chars: Vec<char> = text.chars().collect();
        for p in &got {
            assert_eq!(chars[p.start..p.end].iter().collect::<String>(), p.text, "{text:?}");
        }
    }
}

#[test]
fn an_edited_template_with_an_unknown_variable_is_refused_by_field() {
    let bad = Template { subject: "Hi {{rol}}".into(), body: "Dear {{first_name}}".into() };
    let e = check_template(Kind::ThankYouEmail, &bad).unwrap_err();
    assert_eq!(e.field(), Some("subject"));
    assert!(e.to_string().starts_with("{{rol}} is not a fact Afterview knows."), "{e}");
    let e = check_template(Kind::CheckIn, &Template { subject: "x".into(), body: "  \n".into() }).unwrap_err();
    assert_eq!(e.field(), Some("body"));
    let e = check_template(Kind::CheckIn, &Template { subject: "x".into(), body: "Dear {{first_name".into() }).unwrap_err();
    assert_eq!(e.to_string(), "A {{ is not closed with }}.");
    // A subject is dropped for kinds that are not emails; CRLF becomes LF.
    let ok = check_template(Kind::LinkedinConnect, &Template { subject: "ignored".into(), body: "Hi\r\nthere".into() }).unwrap();
    assert_eq!(ok, Template { subject: String::new(), body: "Hi\nthere".into() });
}

#[test]
fn drafts_keep_the_subject_in_one_text() {
    let d = join_draft(Kind::ThankYouEmail, "Thanks\nagain", "Dear Dana,\n\nBody.");
    assert_eq!(d, "Subject: Thanks again\n\nDear Dana,\n\nBody.");
    assert_eq!(
        split_draft(Kind::ThankYouEmail, &d, "default"),
        Template { subject: "Thanks again".into(), body: "Dear Dana,\n\nBody.".into() }
    );
    assert_eq!(split_draft(Kind::CheckIn, "just a body", "Default").subject, "Default");
    assert_eq!(join_draft(Kind::ThankYouNote, "x", "Dear all"), "Dear all");
    assert_eq!(split_draft(Kind::ThankYouNote, "Subject: no", "s"), Template { subject: String::new(), body: "Subject: no".into() });
    assert_eq!(split_draft(Kind::CheckIn, "Subject: only", "s"), Template { subject: "only".into(), body: String::new() });
}
