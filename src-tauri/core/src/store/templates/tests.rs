use super::*;
use crate::format;
use crate::model::DecisionState;
use crate::note::{Delivery, Layout};
use crate::test_support::{t, Berlin};

const DOC: &str = r#"{"afterview": 1, "applications": [{
    "id": "a1", "company": "Acme", "role": "Backend Engineer", "status": "interviewing",
    "applied_at": "2026-11-02T10:00:00Z",
    "contacts": [{"id": "c1", "name": "Dana Reyes", "email": "dana@acme.example", "linkedin_consent": "yes"}],
    "interviews": [{"id": "i1", "starts_at": "2026-11-19T14:00:00Z", "ends_at": "2026-11-19T15:00:00Z",
                    "format": "onsite", "interviewer_ids": ["c1"], "physical_note": true,
                    "next_steps": "second round"}]
}]}"#;

const NOW: &str = "2026-11-20T08:00:00Z";

fn store() -> Store {
    let mut s = Store::open_in_memory(Berlin).unwrap();
    let doc = format::parse(DOC).unwrap();
    s.insert_records(&doc.applications, None, t(NOW)).unwrap();
    s
}

fn checkin_key(s: &Store) -> String {
    s.agenda(t(NOW)).unwrap().into_iter().find(|f| f.kind == Kind::CheckIn).unwrap().key
}

#[test]
fn the_editor_opens_on_the_filled_template_then_on_the_saved_draft() {
    let mut s = store();
    let key = "thank_you_email:i1:c1";
    let c = s.compose(key, t(NOW)).unwrap();
    assert!(!c.edited);
    assert_eq!(c.draft, c.filled);
    assert!(c.draft.body.starts_with("Dear Dana,"));
    assert_eq!(c.recipients[0].email.as_deref(), Some("dana@acme.example"));
    assert_eq!(c.channel, Some(Channel::Email));

    let edit = Template { subject: "Thanks, Dana".into(), body: "Dear Dana,\n\nMy own words.".into() };
    s.save_draft(key, Some(&edit), t(NOW)).unwrap();
    let c = s.compose(key, t(NOW)).unwrap();
    assert!(c.edited);
    assert_eq!(c.draft, edit);
    // The follow-up is still open and still due when it was.
    assert!(s.agenda(t(NOW)).unwrap().iter().any(|f| f.key == key));
    assert!(s.verify_followups().unwrap());

    s.save_draft(key, None, t(NOW)).unwrap();
    assert!(!s.compose(key, t(NOW)).unwrap().edited);
}

#[test]
fn saving_a_draft_keeps_a_snooze() {
    let mut s = store();
    let key = "thank_you_email:i1:c1";
    s.decide(key, DecisionState::Snoozed, Some(t("2026-11-21T09:00:00Z")), t(NOW)).unwrap();
    s.save_draft(key, Some(&Template { subject: "s".into(), body: "b".into() }), t(NOW)).unwrap();
    let d = s.record("a1").unwrap().decisions.into_iter().find(|d| d.followup_key == key).unwrap();
    assert_eq!(d.state, DecisionState::Snoozed);
    assert_eq!(d.draft.as_deref(), Some("Subject: s\n\nb"));
    let f = s.agenda(t(NOW)).unwrap().into_iter().find(|f| f.key == key).unwrap();
    assert_eq!(f.due_at, t("2026-11-21T09:00:00Z"));
}

#[test]
fn mark_sent_records_the_message_closes_the_followup_and_moves_the_check_in() {
    let mut s = store();
    let key = "thank_you_email:i1:c1";
    let before = checkin_key(&s);
    // L = interview end (19 Nov), no sent message: 19 Nov + 14 days = Thu 3 Dec.
    assert_eq!(before, "check_in:a1:2026-12-03");
    let sent_at = t("2026-11-24T10:00:00Z");
    let sent = Template { subject: "Thank you".into(), body: "Dear Dana, thank you.".into() };
    s.mark_sent(key, &sent, false, sent_at).unwrap();
    let rec = s.record("a1").unwrap();
    let m = rec.messages.iter().find(|m| m.followup_key.as_deref() == Some(key)).unwrap();
    assert_eq!((m.direction, m.channel, m.at), (Direction::Sent, Channel::Email, sent_at));
    assert_eq!(m.contact_id.as_deref(), Some("c1"));
    assert_eq!(m.body, "Subject: Thank you\n\nDear Dana, thank you.");
    assert_eq!(s.compose(key, t(NOW)).unwrap_err().kind(), "not_found");
    assert!(!s.agenda(sent_at).unwrap().iter().any(|f| f.key == key));
    // R5: L = S = 24 Nov: base 24 Nov + 14 = Tue 8 Dec.
    assert_eq!(checkin_key(&s), "check_in:a1:2026-12-08");
    assert!(s.verify_followups().unwrap());
    // Sending it twice is refused, and writes nothing.
    let e = s.mark_sent(key, &sent, false, sent_at).unwrap_err();
    assert_eq!(e.kind(), "not_found");
    assert_eq!(s.record("a1").unwrap().messages.len(), 1);
}

#[test]
fn a_checklist_is_done_not_sent() {
    let mut s = Store::open_in_memory(Berlin).unwrap();
    let doc = format::parse(DOC).unwrap();
    s.insert_records(&doc.applications, None, t("2026-11-18T08:00:00Z")).unwrap();
    let e = s.mark_sent("pre_interview:i1", &Template { subject: String::new(), body: "x".into() }, false, t("2026-11-19T13:30:00Z")).unwrap_err();
    assert_eq!(e.field(), Some("send"));
    assert!(s.record("a1").unwrap().messages.is_empty());
}

#[test]
fn your_name_signs_every_message() {
    let mut s = store();
    let key = "thank_you_email:i1:c1";
    assert!(s.compose(key, t(NOW)).unwrap().draft.body.ends_with("[your name]"));
    s.set_your_name("Alex Kim").unwrap();
    let c = s.compose(key, t(NOW)).unwrap();
    assert!(c.draft.body.ends_with("Best regards,\nAlex Kim"), "{}", c.draft.body);
    assert!(!c.filled.body.contains("[your name]"));
    let note = s.compose("thank_you_note:i1", t(NOW)).unwrap();
    assert!(note.draft.body.ends_with("With thanks,\nAlex Kim"), "{}", note.draft.body);
}

#[test]
fn a_fresh_note_is_posted_after_a_video_interview_and_handed_in_after_an_on_site_one() {
    let mut s = store();
    let key = "thank_you_note:i1";
    assert_eq!(s.compose(key, t(NOW)).unwrap().note.unwrap().delivery, Delivery::FrontDesk, "on-site");
    s.write(|tx| Ok(tx.execute("UPDATE interviews SET format = 'video' WHERE id = 'i1'", [])?)).unwrap();
    assert_eq!(s.compose(key, t(NOW)).unwrap().note.unwrap().delivery, Delivery::Post, "video");
    s.write(|tx| Ok(tx.execute("UPDATE interviews SET format = 'phone' WHERE id = 'i1'", [])?)).unwrap();
    assert_eq!(s.compose(key, t(NOW)).unwrap().note.unwrap().delivery, Delivery::Post, "phone");
    // What the user chose is kept, whatever the interview.
    let o = NoteOptions { delivery: Delivery::FrontDesk, ..NoteOptions::default() };
    s.set_note_options(key, &o, t(NOW)).unwrap();
    assert_eq!(s.compose(key, t(NOW)).unwrap().note.unwrap().delivery, Delivery::FrontDesk);
}

#[test]
fn a_note_keeps_its_print_options_and_the_next_note_starts_on_the_same_paper() {
    let mut s = store();
    let key = "thank_you_note:i1";
    assert_eq!(s.compose(key, t(NOW)).unwrap().note, Some(NoteOptions::default()));
    let o = NoteOptions { delivery: Delivery::Post, layout: Layout::CardA2, envelope: true, address: " Acme\nMain St 1 ".into() };
    let saved = s.set_note_options(key, &o, t(NOW)).unwrap();
    assert_eq!(saved.address, "Acme\nMain St 1");
    assert_eq!(s.compose(key, t(NOW)).unwrap().note, Some(saved));
    assert_eq!(note_options(s.conn(), "thank_you_note:other", "a1", true).unwrap().layout, Layout::CardA2);
    assert!(s.set_note_options("check_in:a1:2026-12-03", &o, t(NOW)).is_err());
    // Deleting the application deletes its note options.
    s.write(|tx| super::super::delete_application(tx, "a1")).unwrap();
    let n: i64 = s.conn().query_row("SELECT count(*) FROM note_options", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 0);
}

#[test]
fn templates_can_be_edited_refused_and_reset() {
    let mut s = store();
    let mine = Template { subject: "Thanks from me".into(), body: "Hello {{first_name}}, thanks.\n\nAlex".into() };
    s.set_template(Kind::ThankYouEmail, &mine).unwrap();
    let entry = s.templates().unwrap().into_iter().find(|e| e.kind == Kind::ThankYouEmail).unwrap();
    assert!(entry.customized);
    assert_eq!(entry.template, mine);
    let c = s.compose("thank_you_email:i1:c1", t(NOW)).unwrap();
    assert_eq!(c.draft.body, "Hello Dana, thanks.\n\nAlex");
    assert_eq!(c.draft.subject, "Thanks from me");

    let e = s.set_template(Kind::ThankYouEmail, &Template { subject: "x".into(), body: "{{firstname}}".into() }).unwrap_err();
    assert_eq!(e.field(), Some("body"));
    assert_eq!(s.templates().unwrap()[0].template, mine, "a refused edit changes nothing");

    s.reset_template(Kind::ThankYouEmail).unwrap();
    let c = s.compose("thank_you_email:i1:c1", t(NOW)).unwrap();
    assert!(c.draft.body.starts_with("Dear Dana,"));
    assert!(!s.templates().unwrap().iter().any(|e| e.customized));
}

#[test]
fn a_closed_followup_does_not_open_in_the_editor() {
    let mut s = store();
    s.decide("thank_you_email:i1:c1", DecisionState::Done, None, t(NOW)).unwrap();
    assert_eq!(s.compose("thank_you_email:i1:c1", t(NOW)).unwrap_err().kind(), "not_found");
    assert_eq!(s.compose("nonsense", t(NOW)).unwrap_err().kind(), "not_found");
}
