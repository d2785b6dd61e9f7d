//! The agenda's cost, measured (not asserted): for one application, and for
//! a database of 20,000 applications holding 1,000,000 facts, next to a
//! fresh computation of the same agenda from the facts (what the stored
//! `followups` table saves).
//!
//!     cargo bench -p afterview-core --bench agenda            # full size
//!     AFTERVIEW_BENCH_QUICK=1 cargo bench -p afterview-core --bench agenda
//!
//! Prints one line per measurement: name, median, min, max over the runs.

use afterview_core::cadence;
use afterview_core::model::*;
use afterview_core::format;
use afterview_core::store::Store;
use chrono::{DateTime, Duration, TimeZone, Utc};
#[allow(non_upper_case_globals)]
const Berlin: afterview_core::zone::Tz = afterview_core::zone::Tz::named("Europe/Berlin");
use std::time::Instant;

const FACTS_PER_APP: usize = 50;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 6, 9, 0, 0).single().unwrap_or_default()
}

/// Where application `i` stands. A long search is mostly history: one in ten
/// is still active (applied or interviewing), most ended in a rejection whose
/// keep-the-CV reply was sent, some are archived. `all_active` makes every
/// one active: the worst case.
fn status_of(i: usize, all_active: bool) -> Status {
    match (all_active, i % 10) {
        (true, _) | (false, 0) => Status::Interviewing,
        (false, 1..=6) => Status::Rejected,
        (false, 7 | 8) => Status::Withdrawn,
        _ => Status::Accepted,
    }
}

/// One application with exactly FACTS_PER_APP facts: 2 contacts, 3 interviews
/// (2 interviewers each: 6 links), 4 status changes, 30 messages and
/// 5 decisions. Its thank-yous are mostly sent, like a real history.
fn record(i: usize, all_active: bool) -> ApplicationRecord {
    let status = status_of(i, all_active);
    let id = format!("a{i}");
    let start = t0() + Duration::hours(i as i64 % 9000);
    let contacts: Vec<Contact> = (0..2)
        .map(|k| Contact {
            id: format!("c{i}-{k}"),
            name: format!("Contact {k} of {i}"),
            title: None,
            email: Some(format!("c{k}@co{i}.example")),
            linkedin_url: None,
            linkedin_consent: if k == 0 { Consent::Yes } else { Consent::NotAsked },
        })
        .collect();
    let interviews: Vec<Interview> = (0..3)
        .map(|k| Interview {
            id: format!("i{i}-{k}"),
            starts_at: start + Duration::days(7 * k as i64 + 3),
            ends_at: start + Duration::days(7 * k as i64 + 3) + Duration::hours(1),
            format: InterviewFormat::Video,
            interviewer_ids: contacts.iter().map(|c| c.id.clone()).collect(),
            went: Some(Went::Well),
            physical_note: k == 2,
            next_steps: Some("next round".into()),
            expected_reply_by: None,
            calendar: None,
        })
        .collect();
    let statuses = [Status::Wishlist, Status::Applied, Status::Interviewing, status];
    let status_changes = (0..4)
        .map(|k| StatusChange {
            at: start + Duration::days(k as i64),
            from: (k > 0).then(|| statuses[k - 1]),
            to: statuses[k],
        })
        .collect();
    let messages = (0..30)
        .map(|k| {
            let iv = &interviews[k % 3];
            let c = &contacts[k % 2];
            Message {
                at: iv.ends_at + Duration::hours(1 + k as i64),
                direction: if k >= 6 && k % 3 == 2 { Direction::Received } else { Direction::Sent },
                channel: Channel::Email,
                followup_key: match k {
                    0..=5 => Some(format!("thank_you_email:{}:{}", iv.id, c.id)),
                    // The reply to a rejection, asking to keep the CV on file.
                    28 if status == Status::Rejected => Some(format!("keep_cv_on_file:a{i}")),
                    _ => None,
                },
                contact_id: Some(c.id.clone()),
                body: "Thank you for your time today.".into(),
            }
        })
        .collect();
    let decisions = (0..5)
        .map(|k| Decision {
            followup_key: match k {
                0 => format!("linkedin_connect:{}", contacts[0].id),
                4 => format!("thank_you_note:{}", interviews[2].id),
                k => format!("pre_interview:{}", interviews[k - 1].id),
            },
            state: DecisionState::Done,
            snoozed_until: None,
            draft: None,
            decided_at: None,
        })
        .collect();
    ApplicationRecord {
        application: common::application(id, i, status, start + Duration::days(1)),
        contacts,
        interviews,
        status_changes,
        messages,
        decisions,
    }
}

mod common;

/// Adds `records` to the store, as an import that merges them does.
fn insert(store: &mut Store, records: Vec<ApplicationRecord>, now: DateTime<Utc>) {
    let doc = format::Document { afterview: format::FORMAT_VERSION, settings: Settings::default(), applications: records };
    format::import(store, &doc, format::ImportMode::Merge, now).expect("insert");
}

fn measure(name: &str, runs: usize, f: impl FnMut() -> usize) {
    common::measure(name, runs, "follow-ups", f)
}

fn build(store: &mut Store, apps: usize, all_active: bool, now: DateTime<Utc>) {
    let t = Instant::now();
    for start in (0..apps).step_by(1000) {
        let chunk: Vec<ApplicationRecord> = (start..(start + 1000).min(apps)).map(|i| record(i, all_active)).collect();
        insert(store, chunk, now);
    }
    println!(
        "built {apps} applications, {} facts in {:.1} s",
        apps * FACTS_PER_APP,
        t.elapsed().as_secs_f64()
    );
}

fn main() {
    let quick = std::env::var_os("AFTERVIEW_BENCH_QUICK").is_some();
    let apps = if quick { 500 } else { 20_000 };
    let runs = if quick { 5 } else { 21 };
    let now = t0() + Duration::days(200);
    let dir = std::env::temp_dir().join(format!("afterview-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);

    // Baseline: the same query on a database with one application.
    let mut one = Store::open(&dir.join("one.db"), Berlin).expect("open");
    insert(&mut one, vec![record(0, true)], now);
    if std::env::var_os("AFTERVIEW_BENCH_DEBUG").is_some() {
        for f in one.agenda(now).unwrap_or_default() { println!("{} {}", f.key, f.due_at); }
    }
    measure("agenda, 1 application (stored follow-ups)", runs, || one.agenda(now).map(|a| a.len()).unwrap_or(0));

    let mut big = Store::open(&dir.join("big.db"), Berlin).expect("open");
    build(&mut big, apps, false, now);
    measure(&format!("agenda, {apps} applications, 10% active (stored)"), runs, || {
        big.agenda(now).map(|a| a.len()).unwrap_or(0)
    });
    let settings = big.settings().expect("settings");
    measure(&format!("agenda, {apps} applications, 10% active (fresh from facts)"), runs.min(5), || {
        let recs = big.all_records().expect("records");
        cadence::agenda(&recs, &settings, Berlin, now).len()
    });
    let mut worst = Store::open(&dir.join("worst.db"), Berlin).expect("open");
    build(&mut worst, apps, true, now);
    measure(&format!("agenda, {apps} applications, all active (stored)"), runs, || {
        worst.agenda(now).map(|a| a.len()).unwrap_or(0)
    });
    let first = "a0";
    measure("one write: a received message, refresh included", runs, || {
        big.write(|tx| {
            afterview_core::store::insert_message(
                tx,
                first,
                &Message {
                    at: now,
                    direction: Direction::Received,
                    channel: Channel::Email,
                    followup_key: None,
                    contact_id: None,
                    body: "Thanks!".into(),
                },
            )?;
            afterview_core::store::refresh(tx, first, Berlin)
        })
        .map(|_| 1)
        .unwrap_or(0)
    });
    let _ = std::fs::remove_dir_all(&dir);
}
