//! The Insights figures' cost, measured (not asserted): `Store::stats` (the
//! SQL read of store/insights.rs plus crate::insights) on a database file of
//! 5,000 applications, next to a baseline of one application, for the last
//! 30 days and for a period covering the whole two-year search, and what
//! SQLite alone takes to step through the rows read.
//!
//!     cargo bench -p afterview-core --bench insights
//!     AFTERVIEW_BENCH_QUICK=1 cargo bench -p afterview-core --bench insights   (500 applications)
//!
//! Prints one line per measurement: name, median, min, max over the runs.

use afterview_core::insights::Period;
use afterview_core::model::*;
use afterview_core::format;
use afterview_core::store::Store;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use std::time::Instant;

const BERLIN: afterview_core::zone::Tz = afterview_core::zone::Tz::named("Europe/Berlin");
const SOURCES: [&str; 8] = ["LinkedIn", "Referral", "Company website", "Job board", "Recruiter", "Meetup", "linkedin", "Indeed"];

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 6, 9, 0, 0).single().unwrap_or_default()
}

/// Application `i` of a two-year search: applied, most answered, a third
/// interviewed twice (two interviewers, thank-yous mostly sent), a check-in,
/// some rejected with the reply sent: 2 contacts, 2 interviews, 3 status
/// changes and 10 messages.
fn record(i: usize) -> ApplicationRecord {
    let id = format!("a{i}");
    let applied = t0() + Duration::minutes((i as i64 * 7919) % (730 * 24 * 60));
    let status = match i % 6 {
        0 | 1 => Status::Applied,
        2 => Status::Interviewing,
        3 => Status::Offer,
        _ => Status::Rejected,
    };
    let contacts: Vec<Contact> = (0..2)
        .map(|k| Contact {
            id: format!("c{i}-{k}"),
            name: format!("Contact {k}"),
            title: None,
            email: None,
            linkedin_url: None,
            linkedin_consent: Consent::NotAsked,
        })
        .collect();
    let interviews: Vec<Interview> = (0..2)
        .map(|k| Interview {
            id: format!("i{i}-{k}"),
            starts_at: applied + Duration::days(5 + 7 * k),
            ends_at: applied + Duration::days(5 + 7 * k) + Duration::hours(1),
            format: InterviewFormat::Video,
            interviewer_ids: contacts.iter().map(|c| c.id.clone()).collect(),
            went: Some(Went::Well),
            physical_note: false,
            next_steps: None,
            expected_reply_by: None,
            calendar: None,
        })
        .collect();
    let status_changes = vec![
        StatusChange { at: applied, from: None, to: Status::Applied },
        StatusChange { at: applied + Duration::days(3), from: Some(Status::Applied), to: Status::Interviewing },
        StatusChange { at: applied + Duration::days(20), from: Some(Status::Interviewing), to: status },
    ];
    let msg = |at: DateTime<Utc>, direction: Direction, key: Option<String>| Message {
        at,
        direction,
        channel: Channel::Email,
        followup_key: key,
        contact_id: None,
        body: "A message of a few lines, as people write them, kept out of the stats' read.".repeat(4),
    };
    let mut messages = vec![msg(applied + Duration::days(2), Direction::Received, None)];
    for iv in &interviews {
        for c in &contacts {
            let late = if i.is_multiple_of(5) { 30 } else { 2 };
            messages.push(msg(iv.ends_at + Duration::hours(late), Direction::Sent, Some(format!("thank_you_email:{}:{}", iv.id, c.id))));
        }
    }
    let check = (applied + Duration::days(16)).with_timezone(&BERLIN).date_naive();
    messages.push(msg(applied + Duration::days(16), Direction::Sent, Some(format!("check_in:{id}:{check}"))));
    messages.push(msg(applied + Duration::days(18), Direction::Received, None));
    messages.push(msg(applied + Duration::days(21), Direction::Sent, (status == Status::Rejected).then(|| format!("keep_cv_on_file:{id}"))));
    ApplicationRecord {
        application: Application {
            source: Some(SOURCES[i % SOURCES.len()].into()),
            ..common::application(id, i, status, applied)
        },
        contacts,
        interviews,
        status_changes,
        messages,
        decisions: vec![],
    }
}

mod common;

/// Adds `records` to the store, as an import that merges them does.
fn insert(store: &mut Store, records: Vec<ApplicationRecord>, now: DateTime<Utc>) {
    let doc = format::Document { afterview: format::FORMAT_VERSION, settings: Settings::default(), applications: records };
    format::import(store, &doc, format::ImportMode::Merge, now).expect("insert");
}

fn measure(name: &str, runs: usize, f: impl FnMut() -> usize) {
    common::measure(name, runs, "applied", f)
}

fn main() {
    let quick = std::env::var_os("AFTERVIEW_BENCH_QUICK").is_some();
    let apps = if quick { 500 } else { 5_000 };
    let runs = if quick { 5 } else { 21 };
    let now = t0() + Duration::days(740);
    let today = now.with_timezone(&BERLIN).date_naive();
    let dir = std::env::temp_dir().join(format!("afterview-bench-insights-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let last30 = Period::last_days(30, today);
    let all = Period::new(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default(), today).expect("period");

    let mut one = Store::open(&dir.join("one.db"), BERLIN).expect("open");
    insert(&mut one, vec![record(0)], now);
    measure("baseline: stats, 1 application, whole search", runs, || one.stats(all, now).expect("stats").funnel.applied);

    let mut big = Store::open(&dir.join("big.db"), BERLIN).expect("open");
    let t = Instant::now();
    for start in (0..apps).step_by(1000) {
        let chunk: Vec<ApplicationRecord> = (start..(start + 1000).min(apps)).map(record).collect();
        insert(&mut big, chunk, now);
    }
    println!("built {apps} applications in {:.1} s", t.elapsed().as_secs_f64());
    measure(&format!("stats, {apps} applications, last 30 days"), runs, || big.stats(last30, now).expect("stats").funnel.applied);
    measure(&format!("stats, {apps} applications, whole two-year search"), runs, || big.stats(all, now).expect("stats").funnel.applied);
    measure(&format!("  of which the SQL read of the facts, {apps} applications"), runs, || {
        big.insight_facts(now).expect("facts").applications.len()
    });
    // What SQLite alone takes to step through the rows read (no Rust-side
    // work): the same queries as store/insights.rs, on a connection of the
    // bench's own to the file (the store's connection is the store's; the
    // house rule of tests/house_sql.rs leaves benches out).
    let raw = rusqlite::Connection::open(dir.join("big.db")).expect("the bench file opens");
    for (name, sql) in [
        ("  SQLite alone: the messages' rows read", "SELECT application_id, at, direction, followup_key FROM messages ORDER BY application_id, at, id"),
        ("  SQLite alone: the status changes' rows read", "SELECT application_id, at, id, from_status, to_status FROM status_changes"),
        ("  SQLite alone: the interviewers' rows read", "SELECT interview_id, contact_id, ord FROM interview_contacts"),
        ("  SQLite alone: the interviews' rows read", "SELECT application_id, starts_at, id, ends_at FROM interviews"),
        ("  SQLite alone: the open follow-ups read", "SELECT due_at FROM followups WHERE closes_at IS NULL OR closes_at > '2027-01-15T09:00:00Z'"),
    ] {
        common::measure(name, runs, "rows", || {
            let mut st = raw.prepare(sql).expect("the query prepares");
            let mut rows = st.query([]).expect("the query runs");
            let mut n = 0;
            while rows.next().expect("a row reads").is_some() {
                n += 1;
            }
            n
        });
    }
    let _ = std::fs::remove_dir_all(&dir);
}
