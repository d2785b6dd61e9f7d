//! Delivery passes with a recording notifier, on a real SQLite file: due,
//! a day overdue, quiet hours, catch-up grouping, no duplicates after a
//! restart, snooze through a notification's action, and a notifier that is
//! unavailable or hung.

use super::*;
use crate::notify::ActionHandler;
use afterview_core::delivery::Reminder;
use afterview_core::model::{Application, ApplicationRecord, Consent, Contact, DecisionState, Interview, InterviewFormat, Went};
use afterview_core::model::Status as AppStatus;
#[allow(non_upper_case_globals)]
const Berlin: afterview_core::zone::Tz = afterview_core::zone::Tz::named("Europe/Berlin");

/// A temporary directory, removed when dropped.
struct TempDir(std::path::PathBuf);
impl TempDir {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
}
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
fn tempdir() -> TempDir {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let p = std::env::temp_dir().join(format!("afterview-sched-{}-{}", std::process::id(), N.fetch_add(1, Ordering::SeqCst)));
    std::fs::create_dir_all(&p).unwrap();
    TempDir(p)
}

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Works,
    Unavailable,
    Hung,
}

struct Recording {
    mode: Mutex<Mode>,
    shown: Mutex<Vec<Reminder>>,
    handlers: Mutex<Vec<ActionHandler>>,
}

impl Recording {
    fn new(mode: Mode) -> Recording {
        Recording { mode: Mutex::new(mode), shown: Mutex::default(), handlers: Mutex::default() }
    }
    fn summaries(&self) -> Vec<String> {
        self.shown.lock().unwrap().iter().map(|r| r.summary.clone()).collect()
    }
    fn set(&self, m: Mode) {
        *self.mode.lock().unwrap() = m;
    }
}

impl Notifier for Recording {
    fn show(&self, r: &Reminder, on_action: ActionHandler) -> Result<Sent, NotifyError> {
        match *self.mode.lock().unwrap() {
            Mode::Works => {
                self.shown.lock().unwrap().push(r.clone());
                self.handlers.lock().unwrap().push(on_action);
                Ok(Sent::Shown)
            }
            Mode::Unavailable => Err(NotifyError::Unavailable("no session bus".into())),
            Mode::Hung => Err(NotifyError::NotAnswering),
        }
    }
    fn probe(&self) -> Result<(), NotifyError> {
        match *self.mode.lock().unwrap() {
            Mode::Works => Ok(()),
            Mode::Unavailable => Err(NotifyError::Unavailable("no session bus".into())),
            Mode::Hung => Err(NotifyError::NotAnswering),
        }
    }
}

fn app(id: &str, company: &str, contact: &str, ends_at: &str) -> ApplicationRecord {
    let end = t(ends_at);
    ApplicationRecord {
        application: Application {
            id: id.into(),
            company: company.into(),
            role: "Engineer".into(),
            status: AppStatus::Interviewing,
            applied_at: Some(end - Duration::days(20)),
            job_url: None,
            location: None,
            source: None,
            notes: String::new(),
        },
        contacts: vec![Contact {
            id: format!("{id}c"),
            name: contact.into(),
            title: None,
            email: None,
            linkedin_url: None,
            linkedin_consent: Consent::No,
        }],
        interviews: vec![Interview {
            id: format!("{id}i"),
            starts_at: end - Duration::hours(1),
            ends_at: end,
            format: InterviewFormat::Onsite,
            interviewer_ids: vec![format!("{id}c")],
            went: Some(Went::Well),
            physical_note: false,
            next_steps: None,
            expected_reply_by: Some(end.date_naive() + Duration::days(30)),
            calendar: None,
        }],
        status_changes: vec![],
        messages: vec![],
        decisions: vec![],
    }
}

fn store_with(dir: &TempDir, recs: &[ApplicationRecord]) -> Mutex<Store> {
    let mut s = Store::open(&dir.path().join("afterview.db"), Berlin).unwrap();
    afterview_core::format::import(&mut s, &afterview_core::format::Document { afterview: 1, settings: Default::default(), applications: recs.to_vec() }, afterview_core::format::ImportMode::Empty, t("2026-11-01T00:00:00Z")).unwrap();
    Mutex::new(s)
}

fn no_action() -> OnAction {
    Arc::new(|_, _| {})
}

/// Acme's interview with Dana Reyes ending at `ends_at`, alone on a fresh
/// file, a notifier in `mode`, and delivery started at 10:00 Berlin on
/// Thursday 26 Nov 2026.
struct Acme {
    _dir: TempDir,
    store: Mutex<Store>,
    n: Recording,
    st: Delivering,
}

impl Acme {
    fn new(ends_at: &str, mode: Mode) -> Acme {
        let dir = tempdir();
        let store = store_with(&dir, &[app("a1", "Acme", "Dana Reyes", ends_at)]);
        Acme { _dir: dir, store, n: Recording::new(mode), st: Delivering::new(t("2026-11-26T09:00:00Z")) }
    }

    /// A pass at `now` with no notification actions.
    fn pass(&mut self, now: DateTime<Utc>) -> Outcome {
        pass(&self.store, &self.n, now, &mut self.st, &no_action()).unwrap()
    }
}

#[test]
fn due_then_a_day_overdue_then_nothing_more() {
    // Thursday 26 Nov 2026, the interview ends 16:00 Berlin.
    let mut a = Acme::new("2026-11-26T15:00:00Z", Mode::Works);
    let out = a.pass(t("2026-11-26T14:00:00Z"));
    assert!(a.n.summaries().is_empty());
    assert_eq!(out.next_wake, Some(t("2026-11-26T15:00:00Z")));
    assert_eq!(out.status.notifications, Health::Ok);

    let out = a.pass(t("2026-11-26T15:00:00Z"));
    assert_eq!(a.n.summaries(), ["Thank Dana Reyes (Acme) for today's interview"]);
    assert_eq!(out.status.due_count, 1);
    assert_eq!(out.status.due_today, 1);
    assert_eq!(out.status.due[0].summary, "Thank Dana Reyes (Acme) for today's interview");
    // The tray's count changes at midnight, before the day-overdue reminder.
    assert_eq!(out.next_wake, Some(t("2026-11-26T23:00:00Z")));

    a.pass(t("2026-11-26T15:01:00Z"));
    assert_eq!(a.n.summaries().len(), 1, "no second reminder for the same event");

    a.pass(t("2026-11-27T15:00:00Z"));
    assert_eq!(a.n.summaries()[1], "Overdue: Thank Dana Reyes (Acme) for yesterday's interview");
    a.pass(t("2026-11-30T15:00:00Z"));
    assert_eq!(a.n.summaries().len(), 2, "twice at most");
}

#[test]
fn quiet_hours_hold_a_reminder_until_eight() {
    // Ends 21:30 Berlin: inside quiet hours (21:00–08:00 by default).
    let mut a = Acme::new("2026-11-26T20:30:00Z", Mode::Works);
    let out = a.pass(t("2026-11-26T20:45:00Z"));
    assert!(a.n.summaries().is_empty());
    assert_eq!(out.next_wake, Some(t("2026-11-26T23:00:00Z")), "midnight (tray) comes first");
    let out = a.pass(t("2026-11-26T23:00:00Z"));
    assert!(a.n.summaries().is_empty());
    assert_eq!(out.next_wake, Some(t("2026-11-27T07:00:00Z")));
    a.pass(t("2026-11-27T07:00:00Z"));
    assert_eq!(a.n.summaries(), ["Thank Dana Reyes (Acme) for yesterday's interview"]);
}

#[test]
fn missed_while_closed_come_grouped_once_and_not_again_after_a_restart() {
    let dir = tempdir();
    let recs = [
        app("a1", "Acme", "Dana Reyes", "2026-11-25T15:00:00Z"),
        app("a2", "Globex", "Sam Lee", "2026-11-25T16:00:00Z"),
        app("a3", "Initech", "Ana Ruiz", "2026-11-26T08:00:00Z"),
    ];
    let store = store_with(&dir, &recs);
    let n = Recording::new(Mode::Works);
    let start = t("2026-11-26T10:00:00Z");
    let mut st = Delivering::new(start);
    pass(&store, &n, start, &mut st, &no_action()).unwrap();
    assert_eq!(n.summaries(), ["3 follow-ups came due while Afterview was closed"]);
    let group = n.shown.lock().unwrap()[0].clone();
    assert_eq!(group.keys.len(), 3);
    assert!(group.body.contains("Dana Reyes (Acme)") && group.body.contains("Sam Lee (Globex)"), "{}", group.body);
    drop(store);

    // Restart: a new process, a new store on the same file.
    let store = Mutex::new(Store::open(&dir.path().join("afterview.db"), Berlin).unwrap());
    let restart = t("2026-11-26T10:05:00Z");
    let mut st = Delivering::new(restart);
    pass(&store, &n, restart, &mut st, &no_action()).unwrap();
    assert_eq!(n.summaries().len(), 1, "nothing announced twice across a restart: {:?}", n.summaries());
}

#[test]
fn snooze_from_the_notification_announces_it_again_an_hour_later() {
    let dir = tempdir();
    let store = Arc::new(store_with(&dir, &[app("a1", "Acme", "Dana Reyes", "2026-11-26T15:00:00Z")]));
    let n = Recording::new(Mode::Works);
    let mut st = Delivering::new(t("2026-11-26T09:00:00Z"));
    let acted_at = t("2026-11-26T15:02:00Z");
    let s2 = store.clone();
    let on_action: OnAction = Arc::new(move |key, a| {
        assert_eq!(a, Action::Snooze);
        let key = key.expect("an individual reminder names its follow-up");
        s2.lock().unwrap().decide(&key, DecisionState::Snoozed, Some(acted_at + Duration::hours(1)), acted_at).unwrap();
    });
    pass(&store, &n, t("2026-11-26T15:00:00Z"), &mut st, &on_action).unwrap();
    let handler = n.handlers.lock().unwrap().pop().unwrap();
    handler(Action::Snooze);
    let out = pass(&store, &n, acted_at, &mut st, &on_action).unwrap();
    assert_eq!(out.next_wake, Some(t("2026-11-26T16:02:00Z")));
    assert_eq!(out.status.due_count, 0, "snoozed: not due any more");
    pass(&store, &n, t("2026-11-26T16:02:00Z"), &mut st, &on_action).unwrap();
    assert_eq!(n.summaries(), ["Thank Dana Reyes (Acme) for today's interview", "Thank Dana Reyes (Acme) for your interview"]);
}

#[test]
fn without_a_notification_server_reminders_wait_and_the_banner_lists_them() {
    let mut a = Acme::new("2026-11-26T15:00:00Z", Mode::Unavailable);
    let now = t("2026-11-26T15:00:00Z");
    let out = a.pass(now);
    assert!(a.n.summaries().is_empty());
    assert_eq!(out.status.notifications, Health::Unavailable("no session bus".into()));
    assert_eq!(out.status.due[0].summary, "Thank Dana Reyes (Acme) for today's interview");
    assert_eq!(out.next_wake, Some(now + RETRY), "try again later");
    assert!(a.store.lock().unwrap().notified_marks().unwrap().is_empty(), "not marked: it was not shown");

    // Back before the retry time: not tried yet. At the retry time: shown once.
    a.n.set(Mode::Works);
    a.pass(now + Duration::minutes(1));
    assert!(a.n.summaries().is_empty());
    let out = a.pass(now + RETRY);
    assert_eq!(a.n.summaries(), ["Thank Dana Reyes (Acme) for today's interview"]);
    assert_eq!(out.status.notifications, Health::Ok);
    a.pass(now + RETRY + Duration::minutes(1));
    assert_eq!(a.n.summaries().len(), 1);
}

#[test]
fn a_hung_server_holds_reminders_back_until_it_answers_again() {
    let mut a = Acme::new("2026-11-26T15:00:00Z", Mode::Works);
    a.pass(t("2026-11-26T14:00:00Z"));
    a.n.set(Mode::Hung);
    let out = a.pass(t("2026-11-26T15:00:00Z"));
    assert_eq!(out.status.notifications, Health::NotAnswering);
    assert!(a.store.lock().unwrap().notified_marks().unwrap().is_empty());
    // The notifier wakes the scheduler when the stuck call returns.
    a.n.set(Mode::Works);
    let out = a.pass(t("2026-11-26T15:00:40Z"));
    assert_eq!(a.n.summaries(), ["Thank Dana Reyes (Acme) for today's interview"]);
    assert_eq!(out.status.notifications, Health::Ok);
}

#[test]
fn not_answering_turns_ok_on_the_next_pass_once_the_server_answers_even_with_nothing_due() {
    let mut a = Acme::new("2026-11-26T15:00:00Z", Mode::Hung);
    let out = a.pass(t("2026-11-26T10:00:00Z"));
    assert_eq!(out.status.notifications, Health::NotAnswering);
    // The server is back; nothing is due yet, so nothing is shown.
    a.n.set(Mode::Works);
    let out = a.pass(t("2026-11-26T10:01:00Z"));
    assert!(a.n.summaries().is_empty());
    assert_eq!(out.status.notifications, Health::Ok);
}

#[test]
fn wake_and_stop_end_the_sleep_at_once() {
    let s = Scheduler::default();
    let s2 = s.clone();
    let t0 = std::time::Instant::now();
    let h = std::thread::spawn(move || s2.sleep(std::time::Duration::from_secs(30)));
    std::thread::sleep(std::time::Duration::from_millis(50));
    s.wake();
    assert_eq!(h.join().unwrap(), (true, false));
    s.stop();
    assert_eq!(s.sleep(std::time::Duration::from_secs(30)), (false, true));
    assert!(t0.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn a_burst_of_writes_gets_one_pass_after_it_settles() {
    use std::time::{Duration as D, Instant};
    let s = Scheduler::default();
    let s2 = s.clone();
    let t0 = Instant::now();
    // Five wakes 100 ms apart: settle returns SETTLE after the last one, not before.
    let writer = std::thread::spawn(move || {
        for _ in 0..5 {
            s2.wake();
            std::thread::sleep(D::from_millis(100));
        }
    });
    assert!(!s.settle(D::ZERO));
    let waited = t0.elapsed();
    writer.join().unwrap();
    assert!(waited >= D::from_millis(400) + SETTLE - D::from_millis(60), "returned after {waited:?}, before the burst settled");
    // A stream that never pauses is cut off at SETTLE_MAX.
    let s3 = s.clone();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let d2 = done.clone();
    let stream = std::thread::spawn(move || {
        while !d2.load(std::sync::atomic::Ordering::SeqCst) {
            s3.wake();
            std::thread::sleep(D::from_millis(50));
        }
    });
    let t1 = Instant::now();
    assert!(!s.settle(D::ZERO));
    let waited = t1.elapsed();
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    stream.join().unwrap();
    assert!(waited >= SETTLE_MAX && waited < SETTLE_MAX * 3, "cut off after {waited:?}");
    // The first pass waits at least its delay even when nothing is written; stop ends it.
    let t2 = Instant::now();
    assert!(!s.settle(D::from_millis(300)));
    assert!(t2.elapsed() >= D::from_millis(300));
    s.stop();
    assert!(s.settle(D::from_secs(30)), "stopped");
}
