use super::*;
use crate::zone::next_business_morning;
use crate::model::{Decision, Interview, StatusChange, Went};
use crate::test_support::{self, d, t, Apia, Auckland, Berlin, Los_Angeles, New_York, UTC};

/// Builds one application record fact by fact; modifiers named after an
/// interview field apply to the interview added last.
#[derive(Clone)]
struct Rec(ApplicationRecord);

impl Rec {
    fn new(status: Status) -> Rec {
        Rec(test_support::record(status))
    }
    fn id(mut self, id: &str) -> Rec {
        self.0.application.id = id.into();
        self
    }
    fn applied(mut self, at: &str) -> Rec {
        self.0.application.applied_at = Some(t(at));
        self
    }
    fn contact(mut self, id: &str, name: &str, consent: Consent) -> Rec {
        self.0.contacts.push(test_support::contact(id, name, consent));
        self
    }
    fn interview(mut self, id: &str, starts: &str, ends: &str, with: &[&str]) -> Rec {
        self.0.interviews.push(test_support::interview(id, starts, ends, with));
        self
    }
    fn last_interview(&mut self) -> &mut Interview {
        self.0
            .interviews
            .last_mut()
            .expect("add an interview first")
    }
    fn note(mut self) -> Rec {
        self.last_interview().physical_note = true;
        self
    }
    fn went(mut self, went: Went) -> Rec {
        self.last_interview().went = Some(went);
        self
    }
    fn expect_reply(mut self, by: &str) -> Rec {
        self.last_interview().expected_reply_by = Some(d(by));
        self
    }
    fn moved(mut self, at: &str, from: Option<Status>, to: Status) -> Rec {
        self.0.status_changes.push(StatusChange {
            at: t(at),
            from,
            to,
        });
        self
    }
    fn message(mut self, at: &str, direction: Direction, key: Option<&str>) -> Rec {
        self.0.messages.push(test_support::message(at, direction, key));
        self
    }
    fn sent(self, at: &str, key: Option<&str>) -> Rec {
        self.message(at, Direction::Sent, key)
    }
    fn received(self, at: &str, key: Option<&str>) -> Rec {
        self.message(at, Direction::Received, key)
    }
    fn decide(mut self, key: &str, state: DecisionState, until: Option<&str>) -> Rec {
        self.0.decisions.push(Decision {
            followup_key: key.into(),
            state,
            snoozed_until: until.map(t),
            draft: None,
            decided_at: None,
        });
        self
    }
    /// A decision made at `at` (R5 counts a skip from it).
    fn decided(mut self, key: &str, state: DecisionState, at: &str) -> Rec {
        self.0.decisions.push(Decision {
            followup_key: key.into(),
            state,
            snoozed_until: None,
            draft: None,
            decided_at: Some(t(at)),
        });
        self
    }
}

fn settings(cadence: u32, pre_minutes: u32) -> Settings {
    Settings {
        checkin_cadence_days: cadence,
        pre_interview_minutes: pre_minutes,
        ..Settings::default()
    }
}

struct Case {
    name: &'static str,
    tz: Tz,
    settings: Settings,
    rec: Rec,
    /// Only follow-ups of these kinds are compared; empty = all of them.
    kinds: &'static [Kind],
    /// (key, due_at) in the order `followups` must return them.
    want: &'static [(&'static str, &'static str)],
}

fn case(
    name: &'static str,
    tz: Tz,
    rec: Rec,
    kinds: &'static [Kind],
    want: &'static [(&'static str, &'static str)],
) -> Case {
    Case {
        name,
        tz,
        settings: Settings::default(),
        rec,
        kinds,
        want,
    }
}

impl Case {
    fn with(mut self, settings: Settings) -> Case {
        self.settings = settings;
        self
    }
}

use Consent::{No, NotAsked, Yes};
use DecisionState::{Done, Open, Skipped, Snoozed};
use Kind::{CheckIn, KeepCvOnFile, LinkedinConnect, PreInterview, ThankYouEmail, ThankYouNote};
use Status::{Accepted, Applied, Ghosted, Interviewing, Offer, Rejected, Wishlist, Withdrawn};

mod r9;

/// Berlin is CET (UTC+1) in November, so 09:00 local is 08:00Z there.
fn cases() -> Vec<Case> {
    let interview_1117 = || {
        Rec::new(Interviewing)
            .applied("2026-11-02T10:00:00Z")
            .contact("c1", "Dana Reyes", NotAsked)
            .interview(
                "i1",
                "2026-11-17T09:00:00Z",
                "2026-11-17T10:00:00Z",
                &["c1"],
            )
    };
    // Interview on Mon 16 Nov with nobody named; used by the E and S cases.
    let interview_1116 = || {
        Rec::new(Interviewing)
            .applied("2026-11-02T10:00:00Z")
            .interview("i1", "2026-11-16T10:00:00Z", "2026-11-16T11:00:00Z", &[])
    };
    let applied_1102 = || Rec::new(Applied).applied("2026-11-02T10:00:00Z");
    // A reply at 23:30Z on Fri 20 Nov: Sat 21 in Auckland, Fri 20 in UTC.
    let reply_near_midnight = || applied_1102().received("2026-11-20T23:30:00Z", None);
    // Same with an expected reply date equal to L's UTC date but not its Auckland date.
    let reply_near_midnight_with_e = || {
        applied_1102()
            .interview("i1", "2026-11-18T01:00:00Z", "2026-11-18T02:00:00Z", &[])
            .expect_reply("2026-11-20")
            .received("2026-11-20T23:30:00Z", None)
    };
    // A reply at 03:30Z on Sat 21 Nov: still Fri 20 (evening) in Los Angeles.
    let reply_la_evening = || applied_1102().received("2026-11-21T03:30:00Z", None);

    vec![
        // R1
        case("R1: one thank-you per interviewer, due at the end, however it went", Berlin, Rec::new(Interviewing).contact("c1", "Dana Reyes", NotAsked).contact("c2", "Lee Park", NotAsked).interview("i1", "2026-11-17T09:00:00Z", "2026-11-17T10:00:00Z", &["c1", "c2"]).went(Went::Poorly), &[ThankYouEmail], &[("thank_you_email:i1:c1", "2026-11-17T10:00:00Z"), ("thank_you_email:i1:c2", "2026-11-17T10:00:00Z")]),
        case("R1: an interview without interviewers gets one thank-you, and no LinkedIn request", Berlin, Rec::new(Interviewing).contact("c1", "Dana Reyes", Yes).interview("i1", "2026-11-17T09:00:00Z", "2026-11-17T10:00:00Z", &[]), &[ThankYouEmail, LinkedinConnect], &[("thank_you_email:i1:-", "2026-11-17T10:00:00Z")]),
        case("R1: a sent message with the key closes it, a received one does not", Berlin, Rec::new(Interviewing).interview("i1", "2026-11-17T09:00:00Z", "2026-11-17T10:00:00Z", &["c1", "c2"]).sent("2026-11-17T12:00:00Z", Some("thank_you_email:i1:c1")).received("2026-11-17T13:00:00Z", Some("thank_you_email:i1:c2")), &[ThankYouEmail], &[("thank_you_email:i1:c2", "2026-11-17T10:00:00Z")]),
        case("R1: done and skipped close it, open does not", Berlin, Rec::new(Interviewing).interview("i1", "2026-11-17T09:00:00Z", "2026-11-17T10:00:00Z", &["c1", "c2", "c3"]).decide("thank_you_email:i1:c1", Done, None).decide("thank_you_email:i1:c2", Skipped, None).decide("thank_you_email:i1:c3", Open, None), &[ThankYouEmail], &[("thank_you_email:i1:c3", "2026-11-17T10:00:00Z")]),
        case("R1: an interviewer listed twice is thanked once", Berlin, Rec::new(Interviewing).interview("i1", "2026-11-17T09:00:00Z", "2026-11-17T10:00:00Z", &["c1", "c1"]), &[ThankYouEmail], &[("thank_you_email:i1:c1", "2026-11-17T10:00:00Z")]),
        case("R1: each interview has its own thank-yous", Berlin, Rec::new(Interviewing).interview("i2", "2026-11-19T09:00:00Z", "2026-11-19T10:00:00Z", &["c1"]).interview("i1", "2026-11-17T09:00:00Z", "2026-11-17T10:00:00Z", &["c1"]), &[ThankYouEmail], &[("thank_you_email:i1:c1", "2026-11-17T10:00:00Z"), ("thank_you_email:i2:c1", "2026-11-19T10:00:00Z")]),
        // R2
        case("R2: ends before 15:00 local on a business day: due at the end", Berlin, Rec::new(Interviewing).interview("i1", "2026-11-17T12:59:00Z", "2026-11-17T13:59:00Z", &[]).note(), &[ThankYouNote], &[("thank_you_note:i1", "2026-11-17T13:59:00Z")]),
        case("R2: ends at 15:00 local: the next business morning", Berlin, Rec::new(Interviewing).interview("i1", "2026-11-17T13:00:00Z", "2026-11-17T14:00:00Z", &[]).note(), &[ThankYouNote], &[("thank_you_note:i1", "2026-11-18T08:00:00Z")]),
        case("R2: a Friday-evening interview: Monday 09:00", Berlin, Rec::new(Interviewing).interview("i1", "2026-11-20T16:00:00Z", "2026-11-20T17:00:00Z", &[]).note(), &[ThankYouNote], &[("thank_you_note:i1", "2026-11-23T08:00:00Z")]),
        case("R2: a Saturday-morning interview: Monday 09:00", Berlin, Rec::new(Interviewing).interview("i1", "2026-11-21T09:00:00Z", "2026-11-21T10:00:00Z", &[]).note(), &[ThankYouNote], &[("thank_you_note:i1", "2026-11-23T08:00:00Z")]),
        case("R2: no physical note asked for: nothing", Berlin, Rec::new(Interviewing).interview("i1", "2026-11-17T09:00:00Z", "2026-11-17T10:00:00Z", &[]), &[ThankYouNote], &[]),
        case("R2: Thursday 23:30Z is Friday 12:30 in Auckland: due at the end", Auckland, Rec::new(Interviewing).interview("i1", "2026-11-19T22:30:00Z", "2026-11-19T23:30:00Z", &[]).note(), &[ThankYouNote], &[("thank_you_note:i1", "2026-11-19T23:30:00Z")]),
        case("R2: the same end is Thursday night in UTC: Friday 09:00", UTC, Rec::new(Interviewing).interview("i1", "2026-11-19T22:30:00Z", "2026-11-19T23:30:00Z", &[]).note(), &[ThankYouNote], &[("thank_you_note:i1", "2026-11-20T09:00:00Z")]),
        case("R2: Friday evening before Berlin springs forward: Monday 09:00 CEST", Berlin, Rec::new(Interviewing).interview("i1", "2026-03-27T16:00:00Z", "2026-03-27T17:00:00Z", &[]).note(), &[ThankYouNote], &[("thank_you_note:i1", "2026-03-30T07:00:00Z")]),
        case("R2: Friday evening before New York springs forward: Monday 09:00 EDT", New_York, Rec::new(Interviewing).interview("i1", "2026-03-06T22:00:00Z", "2026-03-06T23:00:00Z", &[]).note(), &[ThankYouNote], &[("thank_you_note:i1", "2026-03-09T13:00:00Z")]),
        // R3
        case("R3: consent yes only, at the end of the earliest interview with them", Berlin, Rec::new(Interviewing).contact("c1", "Dana Reyes", Yes).contact("c2", "Lee Park", No).contact("c3", "Sam Ortiz", NotAsked).contact("c4", "Not Interviewer", Yes).interview("i2", "2026-11-19T09:00:00Z", "2026-11-19T10:00:00Z", &["c1", "c2", "c3"]).interview("i1", "2026-11-17T09:00:00Z", "2026-11-17T10:00:00Z", &["c1"]), &[LinkedinConnect], &[("linkedin_connect:c1", "2026-11-17T10:00:00Z")]),
        case("R3: a sent request closes it", Berlin, Rec::new(Interviewing).contact("c1", "Dana Reyes", Yes).interview("i1", "2026-11-17T09:00:00Z", "2026-11-17T10:00:00Z", &["c1"]).sent("2026-11-17T11:00:00Z", Some("linkedin_connect:c1")), &[LinkedinConnect], &[]),
        // R4
        case("R4: 60 minutes before the start by default", Berlin, Rec::new(Interviewing).interview("i1", "2026-11-17T09:00:00Z", "2026-11-17T10:00:00Z", &["c1"]), &[PreInterview], &[("pre_interview:i1", "2026-11-17T08:00:00Z")]),
        case("R4: the lead time is a setting", Berlin, Rec::new(Interviewing).interview("i1", "2026-11-17T09:00:00Z", "2026-11-17T10:00:00Z", &["c1"]), &[PreInterview], &[("pre_interview:i1", "2026-11-17T08:30:00Z")]).with(settings(14, 30)),
        case("R4: marked done: gone", Berlin, Rec::new(Interviewing).interview("i1", "2026-11-17T09:00:00Z", "2026-11-17T10:00:00Z", &["c1"]).decide("pre_interview:i1", Done, None), &[PreInterview], &[]),
        // R5
        case("R5: application date + 14 days, 09:00 local", Berlin, applied_1102(), &[CheckIn], &[("check_in:a1:2026-11-16", "2026-11-16T08:00:00Z")]),
        case("R5: no application date: the first move into applied counts, later moves do not", Berlin, Rec::new(Interviewing).moved("2026-11-03T10:00:00Z", Some(Wishlist), Applied).moved("2026-11-05T10:00:00Z", Some(Applied), Interviewing), &[CheckIn], &[("check_in:a1:2026-11-17", "2026-11-17T08:00:00Z")]),
        case("R5: no facts at all: no check-in", Berlin, Rec::new(Applied).moved("2026-11-03T10:00:00Z", Some(Applied), Wishlist), &[], &[]),
        case("R5: landing on a Saturday moves to Monday", Berlin, Rec::new(Applied).applied("2026-11-07T12:00:00Z"), &[CheckIn], &[("check_in:a1:2026-11-23", "2026-11-23T08:00:00Z")]),
        case("R5: a received reply resets the clock", Berlin, applied_1102().received("2026-11-12T10:00:00Z", None), &[CheckIn], &[("check_in:a1:2026-11-26", "2026-11-26T08:00:00Z")]),
        case("R5: expected reply after L: the day after it", Berlin, interview_1116().expect_reply("2026-11-17"), &[CheckIn], &[("check_in:a1:2026-11-18", "2026-11-18T08:00:00Z")]),
        case("R5: the thank-you counts as sent: no check-in within 7 days of it", Berlin, interview_1116().expect_reply("2026-11-17").sent("2026-11-16T12:00:00Z", Some("thank_you_email:i1:-")), &[CheckIn, ThankYouEmail], &[("check_in:a1:2026-11-23", "2026-11-23T08:00:00Z")]),
        case("R5: expected reply before L: L + cadence", Berlin, interview_1116().expect_reply("2026-11-10"), &[CheckIn], &[("check_in:a1:2026-11-30", "2026-11-30T08:00:00Z")]),
        case("R5: expected reply on L's date counts as on or after it", Berlin, interview_1116().expect_reply("2026-11-16"), &[CheckIn], &[("check_in:a1:2026-11-17", "2026-11-17T08:00:00Z")]),
        case("R5: expected reply on a Friday: check in on Monday", Berlin, interview_1116().expect_reply("2026-11-27"), &[CheckIn], &[("check_in:a1:2026-11-30", "2026-11-30T08:00:00Z")]),
        case("R5: the latest expected reply date counts", Berlin, interview_1116().expect_reply("2026-11-24").interview("i2", "2026-11-12T10:00:00Z", "2026-11-12T11:00:00Z", &[]).expect_reply("2026-11-19"), &[CheckIn], &[("check_in:a1:2026-11-25", "2026-11-25T08:00:00Z")]),
        case("R5: a future interview counts as the last contact", Berlin, applied_1102().interview("i1", "2026-12-10T09:00:00Z", "2026-12-10T10:00:00Z", &[]), &[CheckIn], &[("check_in:a1:2026-12-24", "2026-12-24T08:00:00Z")]),
        case("R5: a sent check-in moves the next one out", Berlin, applied_1102().sent("2026-11-16T09:30:00Z", Some("check_in:a1:2026-11-16")), &[CheckIn], &[("check_in:a1:2026-11-30", "2026-11-30T08:00:00Z")]),
        case("R5: a skipped check-in rolls to the next one", Berlin, applied_1102().decide("check_in:a1:2026-11-16", Skipped, None), &[CheckIn], &[("check_in:a1:2026-11-30", "2026-11-30T08:00:00Z")]),
        case("R5: a check-in skipped before it was due counts from its due date", Berlin, applied_1102().decided("check_in:a1:2026-11-16", Skipped, "2026-11-10T10:00:00Z"), &[CheckIn], &[("check_in:a1:2026-11-30", "2026-11-30T08:00:00Z")]),
        // Due Mon 16 Nov, skipped Mon 28 Dec: the next is 28 Dec + 14 = Mon 11 Jan,
        // not 30 Nov (already overdue).
        case("R5: a check-in skipped six weeks late counts from the skip, not from its due date", Berlin, applied_1102().decided("check_in:a1:2026-11-16", Skipped, "2026-12-28T10:00:00Z"), &[CheckIn], &[("check_in:a1:2027-01-11", "2027-01-11T08:00:00Z")]),
        // Applied Mon 5 Oct: due Mon 19 Oct 09:00 EDT; skipped Thu 22 Oct:
        // next Thu 5 Nov 09:00, now EST (UTC-5).
        case("R5: a late skip across the end of daylight saving time", New_York, Rec::new(Applied).applied("2026-10-05T14:00:00Z").decided("check_in:a1:2026-10-19", Skipped, "2026-10-22T15:00:00Z"), &[CheckIn], &[("check_in:a1:2026-11-05", "2026-11-05T14:00:00Z")]),
        case("R5: done, then skipped: rolls twice", Berlin, applied_1102().decide("check_in:a1:2026-11-16", Done, None).decide("check_in:a1:2026-11-30", Skipped, None), &[CheckIn], &[("check_in:a1:2026-12-14", "2026-12-14T08:00:00Z")]),
        // 2 Nov + 12 = Sat 14 → Mon 16; skipped; 16 + 12 = Sat 28 → Mon 30.
        case("R5: rolling on rounds to a business day again", Berlin, applied_1102().decide("check_in:a1:2026-11-16", Skipped, None), &[CheckIn], &[("check_in:a1:2026-11-30", "2026-11-30T08:00:00Z")]).with(settings(12, 60)),
        case("R5: a decision on another date's check-in changes nothing", Berlin, applied_1102().decide("check_in:a1:2026-11-09", Skipped, None), &[CheckIn], &[("check_in:a1:2026-11-16", "2026-11-16T08:00:00Z")]),
        case("R5: snoozed: due at the snooze time, same key", Berlin, applied_1102().decide("check_in:a1:2026-11-16", Snoozed, Some("2026-11-17T15:00:00Z")), &[CheckIn], &[("check_in:a1:2026-11-16", "2026-11-17T15:00:00Z")]),
        case("R5: snoozed without a time, or open: no effect", Berlin, applied_1102().id("a2").decide("check_in:a2:2026-11-16", Snoozed, None).decide("check_in:a2:2026-11-16", Open, None), &[CheckIn], &[("check_in:a2:2026-11-16", "2026-11-16T08:00:00Z")]),
        case("R5: a cadence under a week is treated as a week", Berlin, applied_1102(), &[CheckIn], &[("check_in:a1:2026-11-09", "2026-11-09T08:00:00Z")]).with(settings(3, 60)),
        case("R5: an offer stops check-ins; its thank-yous stay", Berlin, Rec::new(Offer).applied("2026-11-02T10:00:00Z").interview("i1", "2026-11-17T09:00:00Z", "2026-11-17T10:00:00Z", &["c1"]), &[], &[("pre_interview:i1", "2026-11-17T08:00:00Z"), ("thank_you_email:i1:c1", "2026-11-17T10:00:00Z")]),
        // R5: local date of L near midnight
        case("R5: a reply at 23:30Z is Saturday in Auckland: L + 14 is a Saturday", Auckland, reply_near_midnight(), &[CheckIn], &[("check_in:a1:2026-12-07", "2026-12-06T20:00:00Z")]),
        case("R5: the same reply is Friday in UTC", UTC, reply_near_midnight(), &[CheckIn], &[("check_in:a1:2026-12-04", "2026-12-04T09:00:00Z")]),
        case("R5: E compared with L's local date: E < L in Auckland", Auckland, reply_near_midnight_with_e(), &[CheckIn], &[("check_in:a1:2026-12-07", "2026-12-06T20:00:00Z")]),
        case("R5: E compared with L's local date: E = L in UTC", UTC, reply_near_midnight_with_e(), &[CheckIn], &[("check_in:a1:2026-11-23", "2026-11-23T09:00:00Z")]),
        case("R5: a reply at 03:30Z Saturday is Friday evening in Los Angeles", Los_Angeles, reply_la_evening(), &[CheckIn], &[("check_in:a1:2026-12-04", "2026-12-04T17:00:00Z")]),
        case("R5: the same reply is Saturday in UTC", UTC, reply_la_evening(), &[CheckIn], &[("check_in:a1:2026-12-07", "2026-12-07T09:00:00Z")]),
        // R5 across daylight-saving changes: L in one offset, due in the other.
        case("R5: Berlin, applied in CET, due in CEST", Berlin, Rec::new(Applied).applied("2026-03-20T10:00:00Z"), &[CheckIn], &[("check_in:a1:2026-04-03", "2026-04-03T07:00:00Z")]),
        case("R5: Berlin, applied in CEST, due in CET", Berlin, Rec::new(Applied).applied("2026-10-16T10:00:00Z"), &[CheckIn], &[("check_in:a1:2026-10-30", "2026-10-30T08:00:00Z")]),
        case("R5: Berlin, landing on the fall-back Sunday: Monday 09:00 CET", Berlin, Rec::new(Applied).applied("2026-10-11T10:00:00Z"), &[CheckIn], &[("check_in:a1:2026-10-26", "2026-10-26T08:00:00Z")]),
        case("R5: New York, applied in EST, due in EDT", New_York, Rec::new(Applied).applied("2026-02-27T15:00:00Z"), &[CheckIn], &[("check_in:a1:2026-03-13", "2026-03-13T13:00:00Z")]),
        case("R5: New York, applied in EDT, due in EST", New_York, Rec::new(Applied).applied("2026-10-23T14:00:00Z"), &[CheckIn], &[("check_in:a1:2026-11-06", "2026-11-06T14:00:00Z")]),
        // R6
        case("R6: rejected on a Friday evening: keep-CV reply Monday 09:00, no check-in", Berlin, interview_1117().moved("2026-11-20T17:00:00Z", Some(Interviewing), Rejected).0.into_rejected(), &[], &[("pre_interview:i1", "2026-11-17T08:00:00Z"), ("thank_you_email:i1:c1", "2026-11-17T10:00:00Z"), ("keep_cv_on_file:a1", "2026-11-23T08:00:00Z")]),
        case("R6: the latest move into rejected counts", Berlin, Rec::new(Rejected).applied("2026-11-02T10:00:00Z").moved("2026-11-10T10:00:00Z", Some(Applied), Rejected).moved("2026-11-11T10:00:00Z", Some(Rejected), Applied).moved("2026-11-13T10:00:00Z", Some(Applied), Rejected), &[KeepCvOnFile, CheckIn], &[("keep_cv_on_file:a1", "2026-11-16T08:00:00Z")]),
        case("R6: no recorded move into rejected: the morning after the last contact", Berlin, Rec::new(Rejected).applied("2026-11-02T10:00:00Z"), &[], &[("keep_cv_on_file:a1", "2026-11-03T08:00:00Z")]),
        case("R6: no facts at all: nothing", Berlin, Rec::new(Rejected), &[], &[]),
        // Rejected at 02:13 on Wed 2 Dec: the interview on Fri 4 Dec stays in the
        // history, without its reminder or thank-you; the one on 17 Nov keeps its own.
        case("R6: a rejection closes what belongs to interviews still to come", Berlin, interview_1117().interview("i2", "2026-12-04T10:00:00Z", "2026-12-04T11:00:00Z", &["c1"]).moved("2026-12-02T01:13:00Z", Some(Interviewing), Rejected).0.into_rejected(), &[], &[("pre_interview:i1", "2026-11-17T08:00:00Z"), ("thank_you_email:i1:c1", "2026-11-17T10:00:00Z"), ("keep_cv_on_file:a1", "2026-12-02T08:00:00Z")]),
        case("R6: a sent reply with its key closes it", Berlin, Rec::new(Rejected).applied("2026-11-02T10:00:00Z").sent("2026-11-03T10:00:00Z", Some("keep_cv_on_file:a1")), &[], &[]),
        // Nothing for wishlist and archived applications.
        case("wishlist: nothing", Berlin, interview_1117().note().0.with_status(Wishlist), &[], &[]),
        case("accepted (archived): nothing", Berlin, interview_1117().note().0.with_status(Accepted), &[], &[]),
        case("withdrawn (archived): nothing", Berlin, interview_1117().note().0.with_status(Withdrawn), &[], &[]),
    ]
}

/// Lets a case start from a shared builder and end in another status.
trait WithStatus {
    fn with_status(self, status: Status) -> Rec;
    fn into_rejected(self) -> Rec;
}
impl WithStatus for ApplicationRecord {
    fn with_status(mut self, status: Status) -> Rec {
        self.application.status = status;
        Rec(self)
    }
    fn into_rejected(self) -> Rec {
        self.with_status(Rejected)
    }
}

/// (key, due_at) pairs as `followups` and `agenda` return them.
type Due = Vec<(String, DateTime<Utc>)>;

fn due(want: &[(&str, &str)]) -> Due {
    want.iter().map(|(k, at)| (k.to_string(), t(at))).collect()
}

/// Runs every case of a table and reports all the failing ones at once.
fn check_table(cases: Vec<Case>) {
    let mut failures = Vec::new();
    for c in cases {
        let got: Due = followups(&c.rec.0, &c.settings, c.tz)
            .into_iter()
            .filter(|p| c.kinds.is_empty() || c.kinds.contains(&p.followup.kind))
            .map(|p| (p.followup.key, p.followup.due_at))
            .collect();
        let want = due(c.want);
        if got != want {
            failures.push(format!(
                "{} ({}):\n  want {want:?}\n   got {got:?}",
                c.name, c.tz
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn rules_table() {
    check_table(cases());
}

#[test]
fn invariants_hold_for_every_case() {
    for c in cases().into_iter().chain(r9::r9_cases()) {
        let all = followups(&c.rec.0, &c.settings, c.tz);
        let order: Vec<_> = all
            .iter()
            .map(|p| (p.followup.due_at, p.followup.key.clone()))
            .collect();
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(order, sorted, "{}: not sorted by (due_at, key)", c.name);
        sorted.dedup_by(|a, b| a.1 == b.1);
        assert_eq!(sorted.len(), order.len(), "{}: duplicate keys", c.name);
        let check_ins = all.iter().filter(|p| matches!(p.followup.kind, CheckIn | Kind::NoAnswer)).count();
        assert!(check_ins <= 1, "{}: {check_ins} check-ins open", c.name);
        for p in &all {
            let f = &p.followup;
            assert_eq!(Kind::of_key(&f.key), Some(f.kind), "{}: {}", c.name, f.key);
            assert_eq!(f.application_id, c.rec.0.application.id, "{}", c.name);
            assert_eq!(f.company, "Acme", "{}", c.name);
            assert_eq!(
                p.closes_at.is_some(),
                f.kind == PreInterview,
                "{}: {}",
                c.name,
                f.key
            );
            if matches!(f.kind, CheckIn | KeepCvOnFile | ThankYouNote | PreInterview | Kind::NoAnswer) {
                assert_eq!(f.contact_id, None, "{}: {}", c.name, f.key);
            }
        }
    }
}

#[test]
fn fields_are_filled_from_the_record() {
    let rec = Rec::new(Interviewing)
        .applied("2026-11-02T10:00:00Z")
        .contact("c1", "Dana Reyes", Yes)
        .interview(
            "i2",
            "2026-11-19T09:00:00Z",
            "2026-11-19T10:00:00Z",
            &["c1", "ghost"],
        )
        .interview(
            "i1",
            "2026-11-17T09:00:00Z",
            "2026-11-17T10:00:00Z",
            &["c1"],
        )
        .decide(
            "thank_you_email:i1:c1",
            Snoozed,
            Some("2026-11-18T07:00:00Z"),
        )
        .0;
    let all = followups(&rec, &Settings::default(), Berlin);
    let get = |key: &str| {
        all.iter()
            .find(|p| p.followup.key == key)
            .unwrap_or_else(|| panic!("{key} missing from {all:?}"))
    };
    let f = |id: Option<&str>| id.map(str::to_owned);

    let thanks = &get("thank_you_email:i1:c1").followup;
    assert_eq!(thanks.contact_id, f(Some("c1")));
    assert_eq!(thanks.contact_name, f(Some("Dana Reyes")));
    assert_eq!(thanks.interview_id, f(Some("i1")));
    assert_eq!(
        (thanks.due_at, thanks.snoozed),
        (t("2026-11-18T07:00:00Z"), true)
    );

    let unknown = &get("thank_you_email:i2:ghost").followup;
    assert_eq!(
        (unknown.contact_id.clone(), unknown.contact_name.clone()),
        (f(Some("ghost")), None)
    );
    assert!(!unknown.snoozed);

    let linkedin = &get("linkedin_connect:c1").followup;
    assert_eq!(
        linkedin.interview_id,
        f(Some("i1")),
        "the first interview with them"
    );
    assert_eq!(linkedin.contact_name, f(Some("Dana Reyes")));

    let pre = get("pre_interview:i2");
    assert_eq!(pre.closes_at, Some(t("2026-11-19T09:00:00Z")));
    assert_eq!(pre.followup.interview_id, f(Some("i2")));

    let check_in = get("check_in:a1:2026-12-03");
    assert_eq!(check_in.closes_at, None);
    assert_eq!(check_in.followup.interview_id, None);
    assert_eq!(check_in.followup.contact_name, None);
    assert_eq!(check_in.followup.company, "Acme");
    assert_eq!(check_in.followup.application_id, "a1");
}

#[test]
fn agenda_drops_pre_interview_reminder_once_the_interview_starts() {
    let rec = Rec::new(Interviewing)
        .interview(
            "i1",
            "2026-11-17T09:00:00Z",
            "2026-11-17T10:00:00Z",
            &["c1"],
        )
        .0;
    let settings = Settings::default();
    // followups() is independent of now: the reminder is always there.
    assert!(followups(&rec, &settings, Berlin)
        .iter()
        .any(|p| p.followup.key == "pre_interview:i1"));
    for (now, listed) in [
        ("2026-11-17T07:00:00Z", true), // not yet due, but upcoming
        ("2026-11-17T08:30:00Z", true),
        ("2026-11-17T08:59:59Z", true),
        ("2026-11-17T09:00:00Z", false), // closes at the start
        ("2026-11-18T09:00:00Z", false),
    ] {
        let keys: Vec<String> = agenda([&rec], &settings, Berlin, t(now))
            .into_iter()
            .map(|f| f.key)
            .collect();
        assert_eq!(
            keys.contains(&"pre_interview:i1".to_string()),
            listed,
            "at {now}: {keys:?}"
        );
        assert!(
            keys.contains(&"thank_you_email:i1:c1".to_string()),
            "at {now}: {keys:?}"
        );
    }
}

#[test]
fn agenda_merges_applications_sorted_by_due_then_key() {
    let recs = [
        Rec::new(Applied).id("b").applied("2026-11-02T10:00:00Z").0,
        Rec::new(Applied).id("a").applied("2026-11-02T11:00:00Z").0,
        Rec::new(Applied).id("c").applied("2026-10-20T10:00:00Z").0,
        Rec::new(Wishlist).id("w").applied("2026-10-01T10:00:00Z").0,
    ];
    let keys: Vec<String> = agenda(
        &recs,
        &Settings::default(),
        Berlin,
        t("2026-11-01T00:00:00Z"),
    )
    .into_iter()
    .map(|f| f.key)
    .collect();
    assert_eq!(
        keys,
        [
            "check_in:c:2026-11-03",
            "check_in:a:2026-11-16",
            "check_in:b:2026-11-16"
        ]
    );
}

/// The example document of DESIGN §5, verbatim.
const DESIGN_EXAMPLE: &str = r#"{
  "afterview": 1,
  "settings": {"checkin_cadence_days": 14, "quiet_hours": ["21:00", "08:00"],
               "physical_note_default": false, "pre_interview_minutes": 60},
  "applications": [{
    "id": "a1", "company": "Acme", "role": "Backend Engineer",
    "status": "interviewing", "applied_at": "2026-11-02T10:00:00Z",
    "job_url": null, "location": null, "source": null, "notes": "",
    "contacts": [{"id": "c1", "name": "Dana Reyes", "title": "Hiring Manager",
                  "email": "dana@acme.example", "linkedin_url": null,
                  "linkedin_consent": "yes"}],
    "interviews": [{"id": "i1", "starts_at": "2026-11-20T14:00:00Z",
                    "ends_at": "2026-11-20T15:00:00Z", "format": "onsite",
                    "interviewer_ids": ["c1"], "went": "well",
                    "physical_note": false, "next_steps": "second round",
                    "expected_reply_by": "2026-11-27"}],
    "status_changes": [{"at": "2026-11-18T09:00:00Z", "from": "applied",
                        "to": "interviewing"}],
    "messages": [{"at": "2026-11-20T16:00:00Z", "direction": "sent",
                  "channel": "email", "followup_key": "thank_you_email:i1:c1",
                  "contact_id": "c1", "body": "…"}],
    "decisions": [{"followup_key": "…", "state": "skipped",
                   "snoozed_until": null}]
  }]
}"#;

#[test]
fn agenda_of_the_design_example() {
    let doc: serde_json::Value = serde_json::from_str(DESIGN_EXAMPLE).expect("valid JSON");
    let settings: Settings = serde_json::from_value(doc["settings"].clone()).expect("settings");
    let recs: Vec<ApplicationRecord> =
        serde_json::from_value(doc["applications"].clone()).expect("applications");
    // The thank-you is closed by its sent message; E (Fri 27 Nov) is after
    // L (20 Nov), so the check-in is due the day after E, Sat 28 → Mon 30.
    // The pre-interview reminder is listed until the interview starts.
    for (tz, now, want) in [
        (
            UTC,
            "2026-11-21T09:00:00Z",
            &[
                ("linkedin_connect:c1", "2026-11-20T15:00:00Z"),
                ("check_in:a1:2026-11-30", "2026-11-30T09:00:00Z"),
            ][..],
        ),
        (
            Berlin,
            "2026-11-21T09:00:00Z",
            &[
                ("linkedin_connect:c1", "2026-11-20T15:00:00Z"),
                ("check_in:a1:2026-11-30", "2026-11-30T08:00:00Z"),
            ][..],
        ),
        (
            UTC,
            "2026-11-20T13:30:00Z",
            &[
                ("pre_interview:i1", "2026-11-20T13:00:00Z"),
                ("linkedin_connect:c1", "2026-11-20T15:00:00Z"),
                ("check_in:a1:2026-11-30", "2026-11-30T09:00:00Z"),
            ][..],
        ),
    ] {
        let got: Due = agenda(&recs, &settings, tz, t(now))
            .into_iter()
            .map(|f| (f.key, f.due_at))
            .collect();
        assert_eq!(got, due(want), "{tz} at {now}");
    }
}

#[test]
fn business_days_are_monday_to_friday() {
    for (date, business) in [
        ("2026-11-16", true),  // Mon
        ("2026-11-20", true),  // Fri
        ("2026-11-21", false), // Sat
        ("2026-11-22", false), // Sun
        ("2026-12-25", true),  // Christmas: holidays are not considered
    ] {
        assert_eq!(is_business_day(d(date)), business, "{date}");
    }
}

#[test]
fn next_business_morning_table() {
    for (tz, after, want) in [
        (Berlin, "2026-11-17T07:59:00Z", "2026-11-17T08:00:00Z"), // Tue 08:59 → same morning
        (Berlin, "2026-11-17T08:00:00Z", "2026-11-18T08:00:00Z"), // exactly 09:00: strictly later
        (Berlin, "2026-11-20T08:00:00Z", "2026-11-23T08:00:00Z"), // Fri 09:00 → Mon
        (Berlin, "2026-03-28T12:00:00Z", "2026-03-30T07:00:00Z"), // Sat, across spring-forward night
        (Berlin, "2026-03-29T00:30:00Z", "2026-03-30T07:00:00Z"), // Sun 01:30 CET, just before the jump
        (Berlin, "2026-10-23T17:00:00Z", "2026-10-26T08:00:00Z"), // Fri, across fall-back night
        (New_York, "2026-03-07T17:00:00Z", "2026-03-09T13:00:00Z"), // Sat, across spring-forward
        (New_York, "2026-10-30T22:00:00Z", "2026-11-02T14:00:00Z"), // Fri, across fall-back
        (Auckland, "2026-11-20T23:30:00Z", "2026-11-22T20:00:00Z"), // Sat 12:30 local → Mon 09:00 NZDT
        (Los_Angeles, "2026-11-21T03:30:00Z", "2026-11-23T17:00:00Z"), // Fri 19:30 local → Mon
        (UTC, "2026-11-21T03:30:00Z", "2026-11-23T09:00:00Z"),
        // Samoa skipped Friday 30 Dec 2011 entirely: no morning that day.
        (Apia, "2011-12-29T20:00:00Z", "2012-01-01T19:00:00Z"),
    ] {
        assert_eq!(
            next_business_morning(t(after), tz),
            t(want),
            "{tz} after {after}"
        );
    }
}

#[test]
fn local_at_table() {
    let hm = |s: &str| NaiveTime::parse_from_str(s, "%H:%M").expect("time");
    for (tz, date, time, want) in [
        (Berlin, "2026-11-17", "09:00", "2026-11-17T08:00:00Z"),
        (Berlin, "2026-07-01", "09:00", "2026-07-01T07:00:00Z"),
        (Berlin, "2026-03-29", "02:30", "2026-03-29T01:30:00Z"), // gap: reads as 03:30 CEST
        (Berlin, "2026-03-29", "02:00", "2026-03-29T01:00:00Z"), // gap start: 03:00 CEST
        (Berlin, "2026-10-25", "02:30", "2026-10-25T00:30:00Z"), // fold: the earlier, CEST
        (New_York, "2026-03-08", "02:30", "2026-03-08T07:30:00Z"), // gap: 03:30 EDT
        (New_York, "2026-11-01", "01:30", "2026-11-01T05:30:00Z"), // fold: the earlier, EDT
        (Auckland, "2026-09-27", "02:30", "2026-09-26T14:30:00Z"), // gap: 03:30 NZDT
        (Auckland, "2026-12-07", "09:00", "2026-12-06T20:00:00Z"),
        (Apia, "2011-12-30", "09:00", "2011-12-30T19:00:00Z"), // a skipped day: shifted 24 h
        (UTC, "2026-11-17", "09:00", "2026-11-17T09:00:00Z"),
    ] {
        assert_eq!(
            local_at(d(date), hm(time), tz),
            t(want),
            "{tz} {date} {time}"
        );
    }
}

#[test]
fn extreme_values_do_not_panic() {
    let max = DateTime::<Utc>::MAX_UTC.to_rfc3339();
    let min = DateTime::<Utc>::MIN_UTC.to_rfc3339();
    let mut recs = Vec::new();
    for (a, b) in [(&max, &max), (&min, &min), (&min, &max)] {
        let mut rec = Rec::new(Applied)
            .applied(a)
            .contact("c1", "Dana", Yes)
            .interview("i1", a, b, &["c1"])
            .note()
            .received(b, None)
            .sent(a, Some("x"))
            .0;
        rec.interviews[0].expected_reply_by = Some(NaiveDate::MAX);
        recs.push(rec.clone());
        recs.push(
            Rec(rec.clone())
                .decide("check_in:a1:2026-01-01", Skipped, None)
                .0
                .with_status(Rejected)
                .0,
        );
        rec.interviews[0].expected_reply_by = Some(NaiveDate::MIN);
        recs.push(rec);
    }
    let tzs = [
        UTC,
        Auckland,
        Los_Angeles,
        Berlin,
        Apia,
        crate::zone::Tz::named("Etc/GMT+12"),
        crate::zone::Tz::named("Etc/GMT-14"),
    ];
    for s in [
        Settings::default(),
        settings(u32::MAX, u32::MAX),
        settings(0, 0),
    ] {
        for tz in tzs {
            for rec in &recs {
                let _ = followups(rec, &s, tz);
            }
            let _ = agenda(&recs, &s, tz, DateTime::<Utc>::MAX_UTC);
            let _ = next_business_morning(DateTime::<Utc>::MAX_UTC, tz);
            let _ = next_business_morning(DateTime::<Utc>::MIN_UTC, tz);
            let _ = local_at(NaiveDate::MAX, NaiveTime::MIN, tz);
            let _ = local_at(NaiveDate::MIN, NaiveTime::MIN, tz);
        }
    }
}
