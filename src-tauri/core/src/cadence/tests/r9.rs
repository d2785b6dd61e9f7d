//! R9, silence: table-driven, with fixed instants, across weekends and
//! daylight-saving changes (the rules themselves never read a clock).
//!
//! The running example, in Berlin with the default 14-day cadence: applied
//! Mon 2 Nov 2026, check-ins due Mon 16 Nov, 30 Nov and 14 Dec, each sent
//! the morning it was due; the next one would be Mon 28 Dec.

use super::*;

const AT_1214: &str = "2026-12-14T09:30:00Z";
const K_1116: &str = "check_in:a1:2026-11-16";
const K_1130: &str = "check_in:a1:2026-11-30";
const K_1214: &str = "check_in:a1:2026-12-14";
const ASK_1228: &str = "no_answer:a1:2026-12-28";

fn applied() -> Rec {
    Rec::new(Applied).applied("2026-11-02T10:00:00Z")
}
fn two_sent() -> Rec {
    applied()
        .sent("2026-11-16T09:30:00Z", Some(K_1116))
        .sent("2026-11-30T09:30:00Z", Some(K_1130))
}
fn three_sent() -> Rec {
    two_sent().sent(AT_1214, Some(K_1214))
}
/// New York, check-ins due 21 Sep, 5 Oct and 19 Oct, all marked done.
fn ny_done() -> Rec {
    Rec::new(Applied)
        .applied("2026-09-07T14:00:00Z")
        .decide("check_in:a1:2026-09-21", Done, None)
        .decide("check_in:a1:2026-10-05", Done, None)
        .decide("check_in:a1:2026-10-19", Done, None)
}
/// Applied at `applied_at`, then a check-in sent at each of `sent`, keyed
/// with the date it was sent on (in UTC).
fn checked_in(applied_at: &str, sent: &[&str]) -> Rec {
    sent.iter().fold(Rec::new(Applied).applied(applied_at), |rec, at| {
        let key = format!("check_in:a1:{}", &at[..10]);
        rec.sent(at, Some(&key))
    })
}
/// Berlin, check-ins sent 15 Feb, 1 Mar and 15 Mar 2027, all in CET.
fn berlin_winter() -> Rec {
    checked_in(
        "2027-02-01T10:00:00Z",
        &["2027-02-15T09:30:00Z", "2027-03-01T09:30:00Z", "2027-03-15T09:30:00Z"],
    )
}
fn no_answer(n: u32) -> Settings {
    Settings { no_answer_after_checkins: n, ..Settings::default() }
}

const R5_R9: &[Kind] = &[CheckIn, Kind::NoAnswer];

pub(super) fn r9_cases() -> Vec<Case> {
    vec![
        case("R9: two unanswered check-ins: still a check-in", Berlin, two_sent(), R5_R9,
            &[(K_1214, "2026-12-14T08:00:00Z")]),
        case("R9: three unanswered: the question, due when the fourth check-in would be", Berlin,
            three_sent(), R5_R9, &[(ASK_1228, "2026-12-28T08:00:00Z")]),
        case("R9: a reply after the first check-in: only two unanswered", Berlin,
            three_sent().received("2026-11-20T10:00:00Z", None), R5_R9,
            &[("check_in:a1:2026-12-28", "2026-12-28T08:00:00Z")]),
        case("R9: a reply before the first check-in does not count", Berlin,
            three_sent().received("2026-11-10T10:00:00Z", None), R5_R9,
            &[(ASK_1228, "2026-12-28T08:00:00Z")]),
        case("R9: an interview after the first check-in is an answer", Berlin,
            three_sent()
                .interview("i1", "2026-11-25T10:00:00Z", "2026-11-25T11:00:00Z", &[])
                .0
                .with_status(Interviewing),
            R5_R9, &[("check_in:a1:2026-12-28", "2026-12-28T08:00:00Z")]),
        case("R9: the setting at 2 asks after two", Berlin, two_sent(), R5_R9,
            &[("no_answer:a1:2026-12-14", "2026-12-14T08:00:00Z")]).with(no_answer(2)),
        case("R9: the setting at 4 keeps checking in after three", Berlin, three_sent(), R5_R9,
            &[("check_in:a1:2026-12-28", "2026-12-28T08:00:00Z")]).with(no_answer(4)),
        case("R9: interviewing counts like applied", Berlin, three_sent().0.with_status(Interviewing),
            R5_R9, &[(ASK_1228, "2026-12-28T08:00:00Z")]),
        case("R9: check-ins marked done count as sent, at their due day", Berlin,
            applied().decide(K_1116, Done, None).decide(K_1130, Done, None).decide(K_1214, Done, None),
            R5_R9, &[(ASK_1228, "2026-12-28T08:00:00Z")]),
        case("R9: a reply after a check-in marked done is an answer", Berlin,
            applied()
                .decide(K_1116, Done, None)
                .decide(K_1130, Done, None)
                .decide(K_1214, Done, None)
                .received("2026-12-01T10:00:00Z", None),
            // L moves to 1 Dec: 15 Dec is the next check-in slot.
            R5_R9, &[("check_in:a1:2026-12-15", "2026-12-15T08:00:00Z")]),
        case("R9: skipped check-ins were not sent", Berlin,
            applied().decide(K_1116, Skipped, None).decide(K_1130, Skipped, None).decide(K_1214, Skipped, None),
            R5_R9, &[("check_in:a1:2026-12-28", "2026-12-28T08:00:00Z")]),
        case("R9: a check-in sent twice counts once", Berlin,
            two_sent().sent("2026-12-01T09:00:00Z", Some(K_1130)), R5_R9,
            &[("check_in:a1:2026-12-15", "2026-12-15T08:00:00Z")]),
        case("R9: other sent messages are not check-ins", Berlin,
            two_sent().sent(AT_1214, None), R5_R9,
            &[("check_in:a1:2026-12-28", "2026-12-28T08:00:00Z")]),
        case("R9: another application's check-in keys do not count", Berlin,
            two_sent().sent(AT_1214, Some("check_in:a2:2026-12-14")), R5_R9,
            &[("check_in:a1:2026-12-28", "2026-12-28T08:00:00Z")]),
        case("R9: keep waiting (done): one more check-in a cadence later", Berlin,
            three_sent().decide(ASK_1228, Done, None), R5_R9,
            &[("check_in:a1:2027-01-11", "2027-01-11T08:00:00Z")]),
        case("R9: keep waiting (skipped) is the same", Berlin,
            three_sent().decide(ASK_1228, Skipped, None), R5_R9,
            &[("check_in:a1:2027-01-11", "2027-01-11T08:00:00Z")]),
        case("R9: keep waiting, that check-in sent: asked again", Berlin,
            three_sent()
                .decide(ASK_1228, Done, None)
                .sent("2027-01-11T09:30:00Z", Some("check_in:a1:2027-01-11")),
            R5_R9, &[("no_answer:a1:2027-01-25", "2027-01-25T08:00:00Z")]),
        case("R9: keep waiting, that check-in skipped: the next one, no question", Berlin,
            three_sent().decide(ASK_1228, Done, None).decide("check_in:a1:2027-01-11", Skipped, None),
            R5_R9, &[("check_in:a1:2027-01-25", "2027-01-25T08:00:00Z")]),
        case("R9: keep waiting, then a reply: back to plain check-ins", Berlin,
            three_sent().decide(ASK_1228, Done, None).received("2027-01-05T10:00:00Z", None),
            R5_R9, &[("check_in:a1:2027-01-19", "2027-01-19T08:00:00Z")]),
        case("R9: the question snoozed: due at the snooze time, same key", Berlin,
            three_sent().decide(ASK_1228, Snoozed, Some("2027-01-04T08:00:00Z")), R5_R9,
            &[(ASK_1228, "2027-01-04T08:00:00Z")]),
        case("R9: the question left open (a draft decision) stays", Berlin,
            three_sent().decide(ASK_1228, Open, None), R5_R9,
            &[(ASK_1228, "2026-12-28T08:00:00Z")]),
        case("R9: closed as ghosted: nothing at all", Berlin,
            three_sent()
                .interview("i1", "2026-11-05T10:00:00Z", "2026-11-05T11:00:00Z", &[])
                .moved("2026-12-28T10:00:00Z", Some(Applied), Ghosted)
                .0
                .with_status(Ghosted),
            &[], &[]),
        case("R9: restored from the archive after closing: keep waiting", Berlin,
            three_sent()
                .moved("2026-12-28T10:00:00Z", Some(Applied), Ghosted)
                .moved("2026-12-29T10:00:00Z", Some(Ghosted), Applied),
            R5_R9, &[("check_in:a1:2027-01-11", "2027-01-11T08:00:00Z")]),
        case("R9: ghosted long ago, before these check-ins: no effect", Berlin,
            three_sent()
                .moved("2026-11-03T10:00:00Z", Some(Applied), Ghosted)
                .moved("2026-11-04T10:00:00Z", Some(Ghosted), Applied),
            R5_R9, &[(ASK_1228, "2026-12-28T08:00:00Z")]),
        case("R9: an offer or a rejection stops the question like the check-ins", Berlin,
            three_sent().0.with_status(Offer), R5_R9, &[]),
        // Weekends: the third sent on Saturday 19 Dec: + 14 = Sat 2 Jan → Mon 4 Jan.
        case("R9: the would-be check-in on a Saturday: the question on Monday", Berlin,
            two_sent().sent("2026-12-19T11:00:00Z", Some(K_1214)), R5_R9,
            &[("no_answer:a1:2027-01-04", "2027-01-04T08:00:00Z")]),
        // Daylight saving: Berlin springs forward on Sun 28 Mar 2027.
        case("R9: Berlin, check-ins in CET, the question in CEST", Berlin, berlin_winter(), R5_R9, &[("no_answer:a1:2027-03-29", "2027-03-29T07:00:00Z")]),
        case("R9: Berlin, keep waiting across the change: 09:00 CEST", Berlin,
            berlin_winter().decide("no_answer:a1:2027-03-29", Done, None),
            R5_R9, &[("check_in:a1:2027-04-12", "2027-04-12T07:00:00Z")]),
        // New York falls back on Sun 1 Nov 2026: 09:00 EDT = 13:00Z, EST = 14:00Z.
        case("R9: New York, check-ins in EDT, the question in EST", New_York,
            checked_in(
                "2026-09-07T14:00:00Z",
                &["2026-09-21T14:00:00Z", "2026-10-05T14:00:00Z", "2026-10-19T14:00:00Z"],
            ),
            R5_R9, &[("no_answer:a1:2026-11-02", "2026-11-02T14:00:00Z")]),
        // Check-ins marked done count at 09:00 local on their day; with the
        // setting at 2, a reply at 08:30 EDT on 5 Oct came before that day's.
        case("R9: New York, a reply before a done check-in's 09:00 EDT", New_York,
            ny_done().received("2026-10-05T12:30:00Z", None), R5_R9,
            &[("no_answer:a1:2026-11-02", "2026-11-02T14:00:00Z")]).with(no_answer(2)),
        case("R9: New York, a reply after it (09:30 EDT) answers it", New_York,
            ny_done().received("2026-10-05T13:30:00Z", None), R5_R9,
            &[("check_in:a1:2026-11-02", "2026-11-02T14:00:00Z")]).with(no_answer(2)),
        // Near midnight: the third check-in sent at 23:30Z on Sun 13 Dec is
        // Monday 14 Dec in Auckland (+13): + 14 = Mon 28 Dec there.
        case("R9: Auckland, dates are local", Auckland,
            two_sent().sent("2026-12-13T23:30:00Z", Some(K_1214)), R5_R9,
            &[(ASK_1228, "2026-12-27T20:00:00Z")]),
    ]
}

#[test]
fn r9_table() {
    check_table(r9_cases());
}

#[test]
fn the_question_is_one_follow_up_about_the_application() {
    // At most one check-in or question is open: invariants_hold_for_every_case
    // runs over these cases too.
    for c in r9_cases() {
        let open = followups(&c.rec.0, &c.settings, c.tz);
        for p in open.iter().filter(|p| p.followup.kind == Kind::NoAnswer && !p.followup.snoozed) {
            let f = &p.followup;
            assert_eq!(Kind::of_key(&f.key), Some(Kind::NoAnswer), "{}", c.name);
            assert_eq!((f.contact_id.as_deref(), f.interview_id.as_deref(), p.closes_at), (None, None, None), "{}", c.name);
            assert_eq!(f.key, crate::cadence::no_answer_key("a1", f.due_at.with_timezone(&c.tz).date_naive()), "{}", c.name);
        }
    }
}

#[test]
fn the_question_does_not_depend_on_now() {
    // Pure: the same facts give the same question whenever the agenda is read.
    let rec = three_sent().0;
    let s = Settings::default();
    for now in ["2026-12-15T00:00:00Z", "2026-12-28T08:00:00Z", "2027-06-01T00:00:00Z"] {
        let keys: Vec<_> = agenda([&rec], &s, Berlin, t(now)).into_iter().map(|f| f.key).collect();
        assert!(keys.contains(&ASK_1228.to_owned()), "{now}: {keys:?}");
    }
}
