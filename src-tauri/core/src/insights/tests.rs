//! Every definition of crate::insights, table-driven, in zones either side
//! of UTC: a fact near midnight falls on different local dates (and weeks).

use super::*;
use crate::cadence;
use crate::model::{Consent, Settings};
use crate::test_support::{self, d, t, Auckland, Berlin, New_York, UTC};

const ZONES: [Tz; 4] = [UTC, Berlin, New_York, Auckland];
fn period(from: &str, to: &str) -> Period {
    Period::new(d(from), d(to)).unwrap()
}
const NOVEMBER: (&str, &str) = ("2026-11-01", "2026-11-30");
fn november() -> Period {
    period(NOVEMBER.0, NOVEMBER.1)
}

/// One application, fact by fact.
#[derive(Clone)]
struct A(AppFacts);

fn app(id: &str) -> A {
    A(AppFacts {
        id: id.into(),
        status: Status::Applied,
        applied_at: None,
        source: None,
        status_changes: vec![],
        messages: vec![],
        interviews: vec![],
    })
}

impl A {
    fn applied(mut self, at: &str) -> A {
        self.0.applied_at = Some(t(at));
        self
    }
    fn source(mut self, s: &str) -> A {
        self.0.source = Some(s.into());
        self
    }
    fn status(mut self, s: Status) -> A {
        self.0.status = s;
        self
    }
    fn moved(mut self, at: &str, from: Option<Status>, to: Status) -> A {
        self.0.status_changes.push(StatusChange { at: t(at), from, to });
        self.0.status = to;
        self
    }
    fn message(mut self, at: &str, direction: Direction, key: Option<&str>) -> A {
        self.0.messages.push(MessageFact { at: t(at), direction, followup_key: key.map(str::to_owned) });
        self
    }
    fn sent(self, at: &str, key: &str) -> A {
        self.message(at, Direction::Sent, (!key.is_empty()).then_some(key))
    }
    fn received(self, at: &str) -> A {
        self.message(at, Direction::Received, None)
    }
    fn interview(mut self, id: &str, ends: &str, with: &[&str]) -> A {
        self.0.interviews.push(InterviewFact { id: id.into(), ends_at: t(ends), interviewer_ids: with.iter().map(|s| s.to_string()).collect() });
        self
    }
}

fn facts(apps: &[A]) -> Facts {
    Facts { applications: apps.iter().map(|a| a.0.clone()).collect(), open_due: vec![] }
}

#[test]
fn period_is_two_local_dates_both_included() {
    let p = Period::last_days(DEFAULT_DAYS, d("2026-11-26"));
    assert_eq!((p.from, p.to), (d("2026-10-28"), d("2026-11-26")));
    assert_eq!((p.to - p.from).num_days() + 1, 30);
    assert_eq!(Period::last_days(90, d("2026-11-26")).from, d("2026-08-29"));
    assert_eq!(Period::last_days(1, d("2026-11-26")).from, d("2026-11-26"));
    assert!(p.contains(d("2026-10-28")) && p.contains(d("2026-11-26")));
    assert!(!p.contains(d("2026-10-27")) && !p.contains(d("2026-11-27")));
    assert_eq!(Period::new(d("2026-11-02"), d("2026-11-01")).unwrap_err().field(), Some("from"));
    assert_eq!(Period::new(d("2010-01-01"), d("2026-11-01")).unwrap_err().field(), Some("to"));
    assert!(Period::new(d("2026-11-01"), d("2026-11-01")).is_ok());
}

#[test]
fn applied_counts_the_local_date_of_the_application() {
    // (application instant, zone, counted in November?)
    let cases = [
        ("2026-11-30T22:30:00Z", UTC, true),
        ("2026-11-30T22:30:00Z", Berlin, true), // 23:30 on the 30th
        ("2026-11-30T23:30:00Z", Berlin, false), // 00:30 on 1 December
        ("2026-11-30T23:30:00Z", New_York, true),
        ("2026-10-31T23:30:00Z", Berlin, true), // 00:30 on 1 November
        ("2026-10-31T23:30:00Z", New_York, false),
        ("2026-10-31T12:00:00Z", Auckland, true), // 01:00 on 1 November
        ("2026-11-30T11:30:00Z", Auckland, false), // 00:30 on 1 December
    ];
    for (at, tz, want) in cases {
        let s = stats(&facts(&[app("a").applied(at)]), november(), tz, t("2026-12-15T00:00:00Z"));
        assert_eq!(s.funnel.applied, usize::from(want), "{at} in {tz}");
    }
    // Without an application date (a wishlist entry) it is never counted.
    for tz in ZONES {
        assert_eq!(stats(&facts(&[app("a")]), november(), tz, t("2026-12-01T00:00:00Z")).funnel.applied, 0);
    }
}

#[test]
fn first_response_and_days_to_it() {
    let base = || app("a").applied("2026-11-02T10:00:00Z");
    use Status::*;
    // (application, responded after how many days)
    let cases: Vec<(A, Option<f64>)> = vec![
        (base(), None),
        (base().received("2026-11-04T10:00:00Z"), Some(2.0)),
        (base().moved("2026-11-03T22:00:00Z", Some(Applied), Interviewing), Some(1.5)),
        (base().moved("2026-11-05T10:00:00Z", Some(Applied), Rejected), Some(3.0)),
        (base().moved("2026-11-05T10:00:00Z", Some(Applied), Offer), Some(3.0)),
        // The earlier of a reply and a move.
        (base().received("2026-11-06T10:00:00Z").moved("2026-11-04T04:00:00Z", Some(Applied), Interviewing), Some(1.75)),
        // Added straight into Interviewing: a response at that moment.
        (base().moved("2026-11-02T10:00:00Z", None, Interviewing), Some(0.0)),
        // The user's own moves and messages are no response.
        (base().moved("2026-11-02T10:00:00Z", None, Applied).moved("2026-11-04T10:00:00Z", Some(Applied), Withdrawn), None),
        (base().sent("2026-11-03T10:00:00Z", "check_in:a:2026-11-03"), None),
        // A message from before the application answered something else.
        (base().received("2026-11-01T10:00:00Z"), None),
        (app("a").received("2026-11-04T10:00:00Z"), None),
    ];
    for (i, (a, want)) in cases.iter().enumerate() {
        assert_eq!(days_to_response(&a.0), *want, "case {i}");
        for tz in ZONES {
            let s = stats(&facts(std::slice::from_ref(a)), november(), tz, t("2026-12-01T00:00:00Z"));
            let counted = usize::from(a.0.applied_at.is_some());
            assert_eq!(s.funnel.applied, counted, "case {i} in {tz}");
            assert_eq!(s.funnel.responded, usize::from(want.is_some() && counted == 1), "case {i} in {tz}");
            assert_eq!(s.median_days_to_response, if counted == 1 { *want } else { None }, "case {i} in {tz}");
        }
    }
}

#[test]
fn median_of_odd_even_and_no_values() {
    let cases: [(&[f64], Option<f64>); 5] =
        [(&[], None), (&[4.0], Some(4.0)), (&[1.0, 3.0], Some(2.0)), (&[9.0, 1.0, 2.0], Some(2.0)), (&[5.0, 1.0, 2.0, 10.0], Some(3.5))];
    for (v, want) in cases {
        assert_eq!(median(v.to_vec()), want, "{v:?}");
    }
}

#[test]
fn interviewed_offers_and_rejected() {
    use Status::*;
    let on = "2026-11-03T10:00:00Z";
    let base = |id: &str| app(id).applied("2026-11-02T10:00:00Z");
    // (application, interviewed, offer, rejected)
    let cases: Vec<(A, bool, bool, bool)> = vec![
        (base("a"), false, false, false),
        (base("a").interview("i1", on, &[]), true, false, false),
        // A scheduled interview counts before it happens.
        (base("a").interview("i1", "2027-01-10T10:00:00Z", &["c1"]), true, false, false),
        (base("a").moved(on, Some(Interviewing), Offer), false, true, false),
        (base("a").moved(on, Some(Offer), Accepted), false, true, false),
        (base("a").status(Accepted), false, true, false),
        (base("a").status(Offer), false, true, false),
        (base("a").moved(on, Some(Interviewing), Rejected), false, false, true),
        // Reached, then moved on: still reached.
        (base("a").moved(on, Some(Applied), Offer).moved("2026-11-04T10:00:00Z", Some(Offer), Rejected), false, true, true),
        (base("a").moved(on, Some(Applied), Rejected).moved("2026-11-04T10:00:00Z", Some(Rejected), Interviewing), false, false, true),
        (base("a").moved(on, Some(Applied), Withdrawn), false, false, false),
    ];
    for (i, (a, iv, offer, rej)) in cases.iter().enumerate() {
        for tz in ZONES {
            let s = stats(&facts(std::slice::from_ref(a)), november(), tz, t("2026-12-01T00:00:00Z"));
            assert_eq!((s.funnel.interviewed, s.funnel.offers, s.funnel.rejected), (usize::from(*iv), usize::from(*offer), usize::from(*rej)), "case {i} in {tz}");
        }
    }
}

#[test]
fn by_source_groups_spelling_and_orders_by_applications() {
    let on = "2026-11-02T10:00:00Z";
    let apps = [
        app("a1").applied(on).source("LinkedIn").received("2026-11-03T10:00:00Z"),
        app("a2").applied("2026-11-03T10:00:00Z").source("  linkedin ").received("2026-11-07T10:00:00Z"),
        app("a3").applied(on).source("Referral"),
        app("a4").applied(on),
        app("a5").applied(on).source("   "),
        app("a6").applied(on).source("linkedin"),
        app("a7").applied("2026-12-02T10:00:00Z").source("Job board"),
    ];
    let s = stats(&facts(&apps), november(), Berlin, t("2026-12-15T00:00:00Z"));
    let got: Vec<(Option<&str>, usize, usize, Option<f64>)> =
        s.by_source.iter().map(|g| (g.source.as_deref(), g.applied, g.responded, g.median_days_to_response)).collect();
    assert_eq!(
        got,
        [(Some("LinkedIn"), 3, 2, Some(2.5)), (None, 2, 0, None), (Some("Referral"), 1, 0, None)],
        "first spelling shown; no source and blank together; outside the period left out"
    );
    assert_eq!(s.by_source.iter().map(|g| g.applied).sum::<usize>(), s.funnel.applied);
}

#[test]
fn thank_you_keys_are_r1s() {
    let mut rec = test_support::record(Status::Interviewing);
    rec.application.applied_at = Some(t("2026-11-02T10:00:00Z"));
    rec.contacts = ["c1", "c2"].iter().map(|id| test_support::contact(id, "N", Consent::No)).collect();
    rec.interviews = vec![
        test_support::interview("i1", "2026-11-10T09:00:00Z", "2026-11-10T10:00:00Z", &["c1", "c2", "c1"]),
        test_support::interview("i2", "2026-11-10T09:00:00Z", "2026-11-10T10:00:00Z", &[]),
    ];
    rec.messages = vec![test_support::message("2026-11-01T00:00:00Z", Direction::Received, None)];
    let mut r1: Vec<String> = cadence::followups(&rec, &Settings::default(), Berlin)
        .into_iter()
        .filter(|p| p.followup.kind == Kind::ThankYouEmail)
        .map(|p| p.followup.key)
        .collect();
    let mut ours: Vec<String> = AppFacts::from(&rec).interviews.iter().flat_map(thank_you_keys).collect();
    r1.sort();
    ours.sort();
    assert_eq!(ours, r1);
    assert_eq!(ours.len(), 3);
}

#[test]
fn thank_yous_due_in_the_period_and_sent_within_24_hours() {
    let end = "2026-11-10T15:00:00Z";
    let key = "thank_you_email:i1:c1";
    let with = |sent: &[(&str, &str)]| {
        sent.iter().fold(app("a").applied("2026-10-01T10:00:00Z").interview("i1", end, &["c1"]), |a, (at, k)| a.sent(at, k))
    };
    // (application, due, sent within 24 h) in every zone, now long after.
    let cases: Vec<(A, usize, usize)> = vec![
        (with(&[]), 1, 0),
        (with(&[("2026-11-10T16:00:00Z", key)]), 1, 1),
        (with(&[("2026-11-11T15:00:00Z", key)]), 1, 1), // exactly 24 h
        (with(&[("2026-11-11T15:00:01Z", key)]), 1, 0),
        (with(&[("2026-11-10T14:55:00Z", key)]), 1, 1), // before the planned end
        (with(&[("2026-11-10T16:00:00Z", "thank_you_email:i1:c2")]), 1, 0),
        (with(&[("2026-11-10T16:00:00Z", "")]), 1, 0), // a message not sent for it
        (with(&[("2026-11-10T16:00:00Z", key), ("2026-11-10T17:00:00Z", key)]), 1, 1),
        (app("a").interview("i1", end, &["c1", "c2", "c1"]).sent("2026-11-10T16:00:00Z", key), 2, 1),
        (app("a").interview("i1", end, &[]).sent("2026-11-10T16:00:00Z", "thank_you_email:i1:-"), 1, 1),
    ];
    for (i, (a, due, ok)) in cases.iter().enumerate() {
        for tz in ZONES {
            let s = stats(&facts(std::slice::from_ref(a)), november(), tz, t("2026-12-15T00:00:00Z"));
            assert_eq!(s.habits.thank_you_on_time, ThankYous { sent_within_24h: *ok, due: *due }, "case {i} in {tz}");
        }
    }
    // The interview's local date decides the period; one not ended by now is not due yet.
    let late = app("a").interview("i1", "2026-11-30T23:30:00Z", &["c1"]);
    let cases = [(UTC, 1), (Berlin, 0), (New_York, 1), (Auckland, 0)];
    for (tz, due) in cases {
        assert_eq!(stats(&facts(std::slice::from_ref(&late)), november(), tz, t("2026-12-15T00:00:00Z")).habits.thank_you_on_time.due, due, "{tz}");
        assert_eq!(stats(&facts(std::slice::from_ref(&late)), november(), tz, t("2026-11-30T23:00:00Z")).habits.thank_you_on_time.due, 0, "{tz}");
    }
}

#[test]
fn check_ins_sent_and_answered_within_14_days() {
    let key = "check_in:a:2026-11-10";
    let sent = "2026-11-10T09:00:00Z";
    let base = || app("a").applied("2026-10-01T10:00:00Z").sent(sent, key);
    let later = t("2026-12-31T00:00:00Z");
    use Status::*;
    // (application, now, answered, waiting)
    let cases: Vec<(A, DateTime<Utc>, usize, usize)> = vec![
        (base(), later, 0, 0),
        (base().received("2026-11-12T09:00:00Z"), later, 1, 0),
        (base().received("2026-11-24T09:00:00Z"), later, 1, 0), // exactly 14 days
        (base().received("2026-11-24T09:00:01Z"), later, 0, 0),
        (base().received("2026-11-09T09:00:00Z"), later, 0, 0), // before it: no answer to it
        (base().moved("2026-11-20T09:00:00Z", Some(Applied), Rejected), later, 1, 0),
        (base().moved("2026-11-20T09:00:00Z", Some(Applied), Withdrawn), later, 0, 0),
        (base(), t("2026-11-20T00:00:00Z"), 0, 1),
        (base().received("2026-11-12T09:00:00Z"), t("2026-11-20T00:00:00Z"), 1, 0),
    ];
    for (i, (a, now, answered, waiting)) in cases.iter().enumerate() {
        for tz in ZONES {
            let s = stats(&facts(std::slice::from_ref(a)), november(), tz, *now);
            assert_eq!(s.habits.check_ins, CheckIns { sent: 1, answered_within_14d: *answered, waiting: *waiting }, "case {i} in {tz}");
        }
    }
    // Other sent messages are no check-ins; a check-in's local date decides the period.
    let other = app("a").sent(sent, "thank_you_email:i1:c1").sent(sent, "");
    assert_eq!(stats(&facts(&[other]), november(), Berlin, later).habits.check_ins.sent, 0);
    let edge = app("a").sent("2026-10-31T23:30:00Z", "check_in:a:2026-11-02");
    for (tz, n) in [(UTC, 0), (Berlin, 1), (New_York, 0), (Auckland, 1)] {
        assert_eq!(stats(&facts(std::slice::from_ref(&edge)), november(), tz, later).habits.check_ins.sent, n, "{tz}");
    }
}

#[test]
fn overdue_is_due_before_today_local() {
    let now = t("2026-11-26T10:00:00Z");
    let open = ["2026-11-25T23:30:00Z", "2026-11-26T07:00:00Z", "2026-11-24T12:00:00Z", "2026-11-27T09:00:00Z"];
    // 2026-11-25T23:30Z is the 25th in UTC and New York (overdue) but already the 26th in Berlin
    // and Auckland (today); 07:00Z on the 26th is today everywhere; the 24th is overdue everywhere.
    for (tz, want) in [(UTC, 2), (Berlin, 1), (New_York, 2), (Auckland, 1)] {
        let f = Facts { applications: vec![], open_due: open.iter().map(|s| t(s)).collect() };
        assert_eq!(stats(&f, november(), tz, now).habits.overdue, want, "{tz}");
    }
}

#[test]
fn rejection_replies_sent_of_rejections_in_the_period() {
    use Status::*;
    let reply = |a: A| a.sent("2026-11-21T09:00:00Z", "keep_cv_on_file:a");
    // (application, due, sent)
    let cases: Vec<(A, usize, usize)> = vec![
        (app("a").moved("2026-11-20T10:00:00Z", Some(Interviewing), Rejected), 1, 0),
        (reply(app("a").moved("2026-11-20T10:00:00Z", Some(Interviewing), Rejected)), 1, 1),
        (app("a").moved("2026-11-20T10:00:00Z", Some(Interviewing), Rejected).sent("2026-11-21T09:00:00Z", "keep_cv_on_file:b"), 1, 0),
        (reply(app("a").moved("2026-10-20T10:00:00Z", Some(Interviewing), Rejected)), 0, 0),
        // The latest rejection counts.
        (app("a").moved("2026-10-20T10:00:00Z", Some(Applied), Rejected).moved("2026-11-02T10:00:00Z", Some(Rejected), Interviewing)
            .moved("2026-11-20T10:00:00Z", Some(Interviewing), Rejected), 1, 0),
        (app("a").moved("2026-11-20T10:00:00Z", Some(Interviewing), Offer), 0, 0),
    ];
    for (i, (a, due, sent)) in cases.iter().enumerate() {
        for tz in ZONES {
            let s = stats(&facts(std::slice::from_ref(a)), november(), tz, t("2026-12-15T00:00:00Z"));
            assert_eq!(s.habits.rejection_replies, RejectionReplies { sent: *sent, due: *due }, "case {i} in {tz}");
        }
    }
    let edge = app("a").moved("2026-11-30T23:30:00Z", Some(Interviewing), Rejected);
    for (tz, n) in [(UTC, 1), (Berlin, 0), (New_York, 1), (Auckland, 0)] {
        assert_eq!(stats(&facts(std::slice::from_ref(&edge)), november(), tz, t("2026-12-15T00:00:00Z")).habits.rejection_replies.due, n, "{tz}");
    }
}

#[test]
fn weeks_run_monday_to_sunday_in_local_time() {
    // Wednesday 4 to Tuesday 17 November: the weeks of 2, 9 and 16 November, cut by the period.
    let p = period("2026-11-04", "2026-11-17");
    let a = app("a")
        .applied("2026-11-08T23:30:00Z") // Sunday in UTC and New York, Monday in Berlin and Auckland
        .sent("2026-11-08T23:30:00Z", "")
        .received("2026-11-16T12:00:00Z")
        .sent("2026-11-02T12:00:00Z", "") // before the period
        .sent("2026-11-18T12:00:00Z", ""); // after it
    let b = app("b").applied("2026-11-01T10:00:00Z").received("2026-11-05T12:00:00Z"); // applied before the period
    for (tz, second_week) in [(UTC, false), (Berlin, true), (New_York, false), (Auckland, true)] {
        let s = stats(&facts(&[a.clone(), b.clone()]), p, tz, t("2026-12-01T00:00:00Z"));
        let mondays: Vec<NaiveDate> = s.weeks.iter().map(|w| w.week_of).collect();
        assert_eq!(mondays, [d("2026-11-02"), d("2026-11-09"), d("2026-11-16")], "{tz}");
        let (x, y) = if second_week { (0, 1) } else { (1, 0) };
        let shape: Vec<(usize, usize, usize)> = s.weeks.iter().map(|w| (w.applied, w.sent, w.received)).collect();
        let mut want = vec![(0, 0, 1), (0, 0, 0), (0, 0, 1)];
        want[0].0 += x;
        want[0].1 += x;
        want[1].0 += y;
        want[1].1 += y;
        assert_eq!(shape, want, "{tz}");
        assert_eq!(s.weeks.iter().map(|w| w.applied).sum::<usize>(), s.funnel.applied, "{tz}");
    }
    assert_eq!(week_of(d("2026-11-08")), d("2026-11-02"));
    assert_eq!(week_of(d("2026-11-09")), d("2026-11-09"));
}

#[test]
fn nothing_at_all_reads_as_zeros_and_null() {
    let s = stats(&Facts::default(), november(), Berlin, t("2026-12-01T00:00:00Z"));
    assert_eq!((s.funnel.applied, s.funnel.responded, s.funnel.interviewed, s.funnel.offers, s.funnel.rejected, s.habits.overdue), (0, 0, 0, 0, 0, 0));
    assert_eq!(s.median_days_to_response, None);
    assert!(s.by_source.is_empty());
    assert_eq!(s.weeks.len(), 6, "from Sunday 1 to Monday 30 November: the weeks of 26 October to 30 November");
    let v = serde_json::to_value(&s).unwrap();
    for k in ["from", "to", "applied", "responded", "interviewed", "offers", "rejected", "median_days_to_response", "by_source", "thank_you_on_time", "check_ins"] {
        assert!(v.get(k).is_some(), "{k}");
    }
    assert!(v["median_days_to_response"].is_null());
    assert_eq!(v["from"], "2026-11-01");
    assert_eq!(v["thank_you_on_time"], serde_json::json!({"sent_within_24h": 0, "due": 0}));
    assert_eq!(v["check_ins"]["answered_within_14d"], 0);
}
