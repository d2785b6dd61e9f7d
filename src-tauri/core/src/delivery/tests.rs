//! Delivery decisions: pure cases first, then through the store on a real
//! SQLite file, where "a restart" is closing and reopening it.

use super::*;
use crate::model::*;
use crate::store::Store;
use crate::test_support::{self, t, Berlin};

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

const QUIET: (NaiveTime, NaiveTime) = (
    match NaiveTime::from_hms_opt(21, 0, 0) { Some(x) => x, None => panic!() },
    match NaiveTime::from_hms_opt(8, 0, 0) { Some(x) => x, None => panic!() },
);

fn fu(key: &str, kind: Kind, company: &str, contact: Option<&str>, due: &str) -> FollowUp {
    FollowUp {
        key: key.into(),
        kind,
        application_id: "a1".into(),
        company: company.into(),
        contact_id: contact.map(|_| "c1".into()),
        contact_name: contact.map(Into::into),
        interview_id: Some("i1".into()),
        due_at: t(due),
        snoozed: false,
    }
}

fn thank(due: &str) -> FollowUp {
    fu("thank_you_email:i1:c1", Kind::ThankYouEmail, "Acme", Some("Dana Reyes"), due)
}

/// One pass with no marks, the app having started long before.
fn run(fs: &[FollowUp], notified: &HashSet<Mark>, now: &str) -> Plan {
    run_since(fs, notified, now, "2026-01-01T00:00:00Z")
}

/// One pass, the app having started at `started_at`.
fn run_since(fs: &[FollowUp], notified: &HashSet<Mark>, now: &str, started_at: &str) -> Plan {
    plan(&Input { followups: fs, notified, quiet_hours: QUIET, tz: Berlin, now: t(now), started_at: t(started_at) })
}

fn marks_of(p: &Plan) -> HashSet<Mark> {
    p.marks.iter().cloned().collect()
}

#[test]
fn a_follow_up_is_announced_when_due_naming_person_company_and_action() {
    // Interview ended 16:00 Berlin (15:00Z) on Thursday 2026-11-26.
    let fs = [thank("2026-11-26T15:00:00Z")];
    let before = run(&fs, &HashSet::new(), "2026-11-26T14:59:00Z");
    assert!(before.reminders.is_empty());
    assert_eq!(before.next_wake, Some(t("2026-11-26T15:00:00Z")));

    let p = run(&fs, &HashSet::new(), "2026-11-26T15:00:00Z");
    assert_eq!(p.reminders.len(), 1);
    assert_eq!(p.reminders[0].summary, "Thank Dana Reyes (Acme) for today's interview");
    assert!(p.reminders[0].body.contains("thank-you email"));
    assert_eq!(p.marks, vec![Mark { key: fs[0].key.clone(), event: Event::Due, due_at: fs[0].due_at }]);
    // Next: a day overdue, 16:00 Friday, outside quiet hours.
    assert_eq!(p.next_wake, Some(t("2026-11-27T15:00:00Z")));

    // Marked: the same pass again announces nothing.
    let again = run(&fs, &marks_of(&p), "2026-11-26T15:30:00Z");
    assert!(again.reminders.is_empty());
    assert_eq!(again.next_wake, Some(t("2026-11-27T15:00:00Z")));
}

#[test]
fn once_more_when_a_day_overdue_and_never_a_third_time() {
    let fs = [thank("2026-11-26T15:00:00Z")];
    let first = run(&fs, &HashSet::new(), "2026-11-26T15:00:00Z");
    let mut marks = marks_of(&first);
    let day = run(&fs, &marks, "2026-11-27T15:00:00Z");
    assert_eq!(day.reminders.len(), 1);
    assert_eq!(day.reminders[0].summary, "Overdue: Thank Dana Reyes (Acme) for yesterday's interview");
    assert!(day.reminders[0].body.starts_with("Due since yesterday 16:00."), "{}", day.reminders[0].body);
    assert_eq!(day.marks[0].event, Event::Overdue);
    marks.extend(day.marks);
    let later = run(&fs, &marks, "2026-12-05T10:00:00Z");
    assert!(later.reminders.is_empty());
    assert_eq!(later.next_wake, None, "nothing left to announce for this follow-up");
}

#[test]
fn both_events_past_give_one_reminder_marking_both() {
    let fs = [thank("2026-11-20T15:00:00Z")];
    let p = run(&fs, &HashSet::new(), "2026-11-26T10:00:00Z");
    assert_eq!(p.reminders.len(), 1);
    assert!(p.reminders[0].summary.starts_with("Overdue: "));
    let events: Vec<Event> = p.marks.iter().map(|m| m.event).collect();
    assert_eq!(events, vec![Event::Due, Event::Overdue]);
}

#[test]
fn quiet_hours_defer_delivery_to_their_end_without_changing_the_due_time() {
    // Due 22:30 Berlin (21:30Z): inside 21:00–08:00.
    let fs = [thank("2026-11-26T21:30:00Z")];
    let before = run(&fs, &HashSet::new(), "2026-11-26T20:00:00Z");
    assert_eq!(before.next_wake, Some(t("2026-11-27T07:00:00Z")), "08:00 Berlin the next morning");
    let during = run(&fs, &HashSet::new(), "2026-11-26T23:00:00Z");
    assert!(during.reminders.is_empty());
    assert!(during.marks.is_empty());
    assert_eq!(during.next_wake, Some(t("2026-11-27T07:00:00Z")));
    let morning = run(&fs, &HashSet::new(), "2026-11-27T07:00:00Z");
    assert_eq!(morning.reminders.len(), 1);
    assert_eq!(morning.marks[0].due_at, t("2026-11-26T21:30:00Z"), "the due time is untouched");
    assert_eq!(morning.reminders[0].summary, "Thank Dana Reyes (Acme) for yesterday's interview");
    // Its overdue reminder, 22:30 the next evening, waits for 08:00 again.
    assert_eq!(morning.next_wake, Some(t("2026-11-28T07:00:00Z")));
}

#[test]
fn quiet_hours_that_do_not_wrap_midnight_and_equal_times_meaning_none() {
    let lunch = (hm(12, 0), hm(13, 30));
    assert!(in_quiet_hours(t("2026-11-26T11:15:00Z"), lunch, Berlin));
    assert!(!in_quiet_hours(t("2026-11-26T12:30:00Z"), lunch, Berlin));
    assert_eq!(release_at(t("2026-11-26T11:15:00Z"), lunch, Berlin), t("2026-11-26T12:30:00Z"));
    let none = (hm(9, 0), hm(9, 0));
    assert!(!in_quiet_hours(t("2026-11-26T08:00:00Z"), none, Berlin));
}

#[test]
fn quiet_hours_end_is_local_time_across_a_daylight_saving_change() {
    // Night of 2026-03-28/29: Berlin goes from +01:00 to +02:00 at 02:00.
    // 08:00 local on the 29th is 06:00Z, not 07:00Z.
    assert_eq!(release_at(t("2026-03-28T22:00:00Z"), QUIET, Berlin), t("2026-03-29T06:00:00Z"));
}

#[test]
fn missed_while_closed_are_grouped_at_start_and_fresh_ones_stay_individual() {
    let fs = vec![
        thank("2026-11-25T15:00:00Z"),
        fu("linkedin_connect:c1", Kind::LinkedinConnect, "Acme", Some("Dana Reyes"), "2026-11-25T15:00:00Z"),
        fu("check_in:a2:2026-11-26", Kind::CheckIn, "Globex", None, "2026-11-26T08:00:00Z"),
        fu("check_in:a3:2026-11-26", Kind::CheckIn, "Initech", None, "2026-11-26T10:05:00Z"),
    ];
    let p = run_since(&fs, &HashSet::new(), "2026-11-26T10:10:00Z", "2026-11-26T10:00:00Z");
    assert_eq!(p.reminders.len(), 2);
    let group = &p.reminders[0];
    assert!(group.is_group());
    assert_eq!(group.summary, "3 follow-ups came due while Afterview was closed");
    assert_eq!(group.keys.len(), 3);
    assert!(group.body.contains("Thank Dana Reyes (Acme)"), "{}", group.body);
    assert!(group.body.contains("Check in with Globex"), "{}", group.body);
    // The one that fell due after the start is announced on its own.
    assert_eq!(p.reminders[1].summary, "Check in with Initech about your application");
    // One mark per event announced: the three "due" events of the group (none
    // is a day overdue yet: 25th 15:00 + 24 h is after now) and Initech's.
    assert_eq!(p.marks.len(), 4);
    assert!(p.marks.iter().all(|m| m.event == Event::Due));
}

#[test]
fn a_single_missed_reminder_is_not_grouped() {
    let fs = [thank("2026-11-26T09:00:00Z")];
    let p = run_since(&fs, &HashSet::new(), "2026-11-26T10:00:00Z", "2026-11-26T10:00:00Z");
    assert_eq!(p.reminders.len(), 1);
    assert!(!p.reminders[0].is_group());
}

#[test]
fn a_burst_of_fresh_reminders_is_grouped_rather_than_flooding() {
    let fs: Vec<FollowUp> = (0..5)
        .map(|i| fu(&format!("check_in:a{i}:2026-11-27"), Kind::CheckIn, &format!("Co{i}"), None, "2026-11-27T08:00:00Z"))
        .collect();
    let p = run(&fs, &HashSet::new(), "2026-11-27T08:00:00Z");
    assert_eq!(p.reminders.len(), 1);
    assert_eq!(p.reminders[0].summary, "5 follow-ups are due");
    assert!(p.reminders[0].body.ends_with("and 2 more: open Afterview to see them all."));
}

#[test]
fn a_snoozed_follow_up_is_announced_again_at_its_new_time() {
    let fs = [thank("2026-11-26T15:00:00Z")];
    let first = run(&fs, &HashSet::new(), "2026-11-26T15:00:00Z");
    let marks = marks_of(&first);
    // Snoozed 1 hour at 15:05: the due time becomes 16:05.
    let mut snoozed = thank("2026-11-26T16:05:00Z");
    snoozed.snoozed = true;
    let fs = [snoozed];
    let waiting = run(&fs, &marks, "2026-11-26T15:06:00Z");
    assert!(waiting.reminders.is_empty());
    assert_eq!(waiting.next_wake, Some(t("2026-11-26T16:05:00Z")));
    let p = run(&fs, &marks, "2026-11-26T16:05:00Z");
    assert_eq!(p.reminders.len(), 1);
    assert_eq!(p.reminders[0].summary, "Thank Dana Reyes (Acme) for your interview");
}

#[test]
fn pre_interview_reminders_have_no_overdue_event() {
    let f = fu("pre_interview:i1", Kind::PreInterview, "Acme", Some("Dana Reyes"), "2026-11-26T13:00:00Z");
    assert_eq!(events(&f), vec![(Event::Due, f.due_at)]);
    let p = run(&[f], &HashSet::new(), "2026-11-26T13:00:00Z");
    assert_eq!(p.reminders[0].summary, "Interview with Dana Reyes (Acme) coming up");
    assert!(p.reminders[0].body.contains("next steps"));
    assert_eq!(p.next_wake, None);
}

#[test]
fn due_today_counts_overdue_and_today_and_midnight_is_local() {
    let fs = [thank("2026-11-25T15:00:00Z"), thank("2026-11-26T22:30:00Z"), thank("2026-11-26T23:30:00Z")];
    // 23:30Z on the 26th is 00:30 on the 27th in Berlin.
    assert_eq!(due_today(&fs, Berlin, t("2026-11-26T10:00:00Z")), 2);
    assert_eq!(next_midnight(t("2026-11-26T10:00:00Z"), Berlin), t("2026-11-26T23:00:00Z"));
}

// ----- through the store -------------------------------------------------

fn record() -> ApplicationRecord {
    let mut r = test_support::record(Status::Interviewing);
    r.application.applied_at = Some(t("2026-11-02T10:00:00Z"));
    r.contacts = vec![test_support::contact("c1", "Dana Reyes", Consent::No)];
    r.interviews = vec![Interview {
        went: Some(Went::Well),
        expected_reply_by: Some(NaiveDate::from_ymd_opt(2026, 12, 20).unwrap()),
        ..test_support::interview("i1", "2026-11-26T14:00:00Z", "2026-11-26T15:00:00Z", &["c1"])
    }];
    r
}

fn summaries(d: &crate::store::notified::Delivery) -> Vec<String> {
    d.plan.reminders.iter().map(|r| r.summary.clone()).collect()
}

#[test]
fn no_duplicates_after_a_restart_and_a_snooze_earns_one_more() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("afterview.db");
    let started = t("2026-11-26T14:30:00Z");
    {
        let mut s = Store::open(&path, Berlin).unwrap();
        s.insert_records(&[record()], None, started).unwrap();
        let d = s.plan_delivery(t("2026-11-26T15:00:00Z"), started).unwrap();
        assert_eq!(summaries(&d), ["Thank Dana Reyes (Acme) for today's interview"]);
        // Open: the thank-you (due) and the first check-in (upcoming).
        let kinds: Vec<Kind> = d.open.iter().map(|f| f.kind).collect();
        assert_eq!(kinds, [Kind::ThankYouEmail, Kind::CheckIn], "{:?}", d.open);
    }
    // Restarted a minute later: the mark survived, nothing is announced again.
    let restarted = t("2026-11-26T15:01:00Z");
    let mut s = Store::open(&path, Berlin).unwrap();
    let d = s.plan_delivery(restarted, restarted).unwrap();
    assert!(d.plan.reminders.is_empty(), "{:?}", summaries(&d));
    assert_eq!(d.plan.next_wake, Some(t("2026-11-27T15:00:00Z")));
    let marks = s.notified_marks().unwrap();
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].1, t("2026-11-26T15:00:00Z"), "marked when sent");

    // Snooze 1 hour: announced once more at the new time, and only once.
    let now = t("2026-11-26T15:10:00Z");
    s.decide("thank_you_email:i1:c1", DecisionState::Snoozed, Some(now + Duration::hours(1)), now).unwrap();
    assert!(s.plan_delivery(t("2026-11-26T15:30:00Z"), restarted).unwrap().plan.reminders.is_empty());
    let d = s.plan_delivery(t("2026-11-26T16:10:00Z"), restarted).unwrap();
    assert_eq!(summaries(&d), ["Thank Dana Reyes (Acme) for your interview"]);
    assert!(s.plan_delivery(t("2026-11-26T16:11:00Z"), restarted).unwrap().plan.reminders.is_empty());
}

#[test]
fn unmarked_reminders_are_offered_again() {
    let mut s = Store::open_in_memory(Berlin).unwrap();
    let started = t("2026-11-26T14:30:00Z");
    s.insert_records(&[record()], None, started).unwrap();
    let d = s.plan_delivery(t("2026-11-26T15:00:00Z"), started).unwrap();
    assert_eq!(d.plan.reminders.len(), 1);
    s.unmark(&d.plan.reminders[0].marks).unwrap();
    let d = s.plan_delivery(t("2026-11-26T15:05:00Z"), started).unwrap();
    assert_eq!(d.plan.reminders.len(), 1);
}

#[test]
fn a_follow_up_marked_done_is_not_announced() {
    let mut s = Store::open_in_memory(Berlin).unwrap();
    let started = t("2026-11-26T14:30:00Z");
    s.insert_records(&[record()], None, started).unwrap();
    s.decide("thank_you_email:i1:c1", DecisionState::Done, None, started).unwrap();
    let d = s.plan_delivery(t("2026-11-26T15:00:00Z"), started).unwrap();
    assert!(d.plan.reminders.is_empty(), "{:?}", summaries(&d));
}

#[test]
fn a_reminder_never_names_a_weekday_that_reads_as_the_one_to_come() {
    // The interview ended on Wednesday 18 Nov 2026 (Berlin).
    let end = t("2026-11-18T15:00:00Z");
    let on = |now: &str| interview_day(end, Berlin, t(now));
    assert_eq!(on("2026-11-18T18:00:00Z"), "today's interview");
    assert_eq!(on("2026-11-19T09:00:00Z"), "yesterday's interview");
    // Friday of the same week: "Wednesday's" is clear.
    assert_eq!(on("2026-11-20T09:00:00Z"), "Wednesday's interview");
    // The following Tuesday: it said "for Wednesday's interview", which is tomorrow.
    assert_eq!(on("2026-11-24T09:00:00Z"), "last Wednesday's interview");
    assert_eq!(on("2026-11-23T09:00:00Z"), "last Wednesday's interview");
    assert_eq!(on("2026-11-25T09:00:00Z"), "your interview on 18 Nov");
    assert_eq!(on("2027-01-05T09:00:00Z"), "your interview on 18 Nov 2026");
}
