//! The reminder scheduler: one thread that sleeps until the next instant at
//! which something must be delivered (a follow-up becoming due, a day
//! overdue, the end of quiet hours), then asks the store what to deliver
//! (`Store::plan_delivery`, which marks it in the same transaction) and
//! hands it to the [`Notifier`].
//!
//! No polling: between deliveries it waits on a condition variable. It is
//! woken early by [`Scheduler::wake`], which the store's commit hook calls
//! after every write made by anyone but the scheduler itself (so every
//! mutating command, present and future, reschedules it). The wait is cut
//! into slices of at most [`CLOCK_CHECK`] so the wall clock is re-read once
//! a minute: a condvar timeout runs on the monotonic clock, which stops
//! during suspend and ignores clock changes. At each of those checks it also
//! reads SQLite's `data_version`, which changes when another process (the
//! `afterview import` CLI) commits to the same file.
//!
//! The lock on the store is never held while talking to the notification
//! server: a hung server must not freeze the window's commands.

use crate::notify::{Action, NotifyError, Notifier, Sent};
use afterview_core::delivery::{self, Event, Mark};
use afterview_core::model::FollowUp;
use afterview_core::store::Store;
use chrono::{DateTime, Duration, Utc};
use afterview_core::zone::Tz;
use serde::Serialize;
use std::cell::Cell;
use std::sync::{Arc, Condvar, Mutex};

/// The longest the scheduler sleeps without looking at the wall clock.
pub const CLOCK_CHECK: std::time::Duration = std::time::Duration::from_secs(60);
/// How soon to try again after the notification server was unavailable.
pub const RETRY: Duration = Duration::minutes(5);
/// At most this many due follow-ups are listed in the in-app banner.
const BANNER_ITEMS: usize = 8;
/// After a write, the pass waits for this much quiet (a burst of writes
/// gets one pass), so that it does not hold the store while the window's
/// next command, which usually follows a write at once, needs it: at 5,000
/// applications a pass reads every open follow-up (tens of ms).
const SETTLE: std::time::Duration = std::time::Duration::from_millis(250);
/// ...but never waits longer than this behind a stream of writes.
const SETTLE_MAX: std::time::Duration = std::time::Duration::from_secs(2);
/// The first pass waits for the window's first reads (start-up), likewise.
const FIRST_PASS_DELAY: std::time::Duration = std::time::Duration::from_millis(1500);

thread_local! {
    /// True on the scheduler's own thread, whose writes (the marks) must not
    /// wake it again.
    static ON_SCHEDULER: Cell<bool> = const { Cell::new(false) };
}

#[derive(Default)]
struct Flags {
    woken: bool,
    stop: bool,
}

/// The handle to the scheduler thread: wake it, stop it.
#[derive(Clone, Default)]
pub struct Scheduler {
    shared: Arc<(Mutex<Flags>, Condvar)>,
}

impl Scheduler {
    /// Something changed: look again now. Cheap, callable from any thread,
    /// including from inside a store transaction.
    pub fn wake(&self) {
        if ON_SCHEDULER.with(Cell::get) {
            return;
        }
        let (m, cv) = &*self.shared;
        m.lock().unwrap_or_else(|p| p.into_inner()).woken = true;
        cv.notify_one();
    }

    /// Ends the thread at its next wake-up (quitting: no pass may start
    /// while the app shuts down).
    pub fn stop(&self) {
        let (m, cv) = &*self.shared;
        m.lock().unwrap_or_else(|p| p.into_inner()).stop = true;
        cv.notify_one();
    }

    /// Waits until no wake has come for SETTLE (at most SETTLE_MAX), or
    /// `for_at_least` has passed, whichever is later; true when stopped.
    fn settle(&self, for_at_least: std::time::Duration) -> bool {
        let start = std::time::Instant::now();
        let mut quiet_from = start;
        loop {
            let now = std::time::Instant::now();
            let until = (quiet_from + SETTLE).min(start + SETTLE_MAX).max(start + for_at_least);
            if now >= until {
                return false;
            }
            let (woken, stop) = self.sleep(until - now);
            if stop {
                return true;
            }
            if woken {
                quiet_from = std::time::Instant::now();
            }
        }
    }

    /// Sleeps until woken, stopped or `timeout` elapsed. Returns
    /// (woken, stop) and clears `woken`.
    fn sleep(&self, timeout: std::time::Duration) -> (bool, bool) {
        let (m, cv) = &*self.shared;
        let mut f = m.lock().unwrap_or_else(|p| p.into_inner());
        if !f.woken && !f.stop && !timeout.is_zero() {
            f = cv.wait_timeout(f, timeout).unwrap_or_else(|p| p.into_inner()).0;
        }
        let out = (f.woken, f.stop);
        f.woken = false;
        out
    }
}

/// How the notification server is doing, as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "state", content = "message")]
pub enum Health {
    /// Not tried yet.
    Unknown,
    Ok,
    /// No session bus or no notification server: reminders show in the window.
    Unavailable(String),
    /// The server owns its name but does not answer (hung or stopped).
    NotAnswering,
}

/// One line of the in-app banner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueItem {
    pub key: String,
    pub summary: String,
}

/// What the UI and the tray show about reminders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    pub notifications: Health,
    /// Open follow-ups due now (the first few, for the banner) ...
    pub due: Vec<DueItem>,
    /// ... and how many there are in all.
    pub due_count: usize,
    /// Open follow-ups due today or earlier (the tray's count).
    pub due_today: usize,
    /// Set while passes fail (a full or read-only disk): why reminders are
    /// paused, in the user's words, for the window's banner (issue 15).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trouble: Option<String>,
}

impl Default for Status {
    fn default() -> Self {
        Status { notifications: Health::Unknown, due: vec![], due_count: 0, due_today: 0, trouble: None }
    }
}

/// What the scheduler remembers between passes.
pub struct Delivering {
    /// When this run of the app started (catch-up grouping, R8).
    pub started_at: DateTime<Utc>,
    pub health: Health,
    /// While the server is unavailable: when to try it again.
    pub retry_at: Option<DateTime<Utc>>,
}

impl Delivering {
    pub fn new(started_at: DateTime<Utc>) -> Delivering {
        Delivering { started_at, health: Health::Unknown, retry_at: None }
    }

    /// Logs a change of health once, on stderr (the app's log).
    fn set_health(&mut self, h: Health) {
        if h == self.health {
            return;
        }
        match (&self.health, &h) {
            (_, Health::Unavailable(why)) => eprintln!(
                "afterview: desktop notifications unavailable ({why}); reminders show in the window, \
                 trying again every {} minutes",
                RETRY.num_minutes()
            ),
            (_, Health::NotAnswering) => eprintln!(
                "afterview: the notification server does not answer; reminders show in the window until it does"
            ),
            (Health::Unavailable(_) | Health::NotAnswering, Health::Ok) => {
                eprintln!("afterview: desktop notifications are back")
            }
            _ => {}
        }
        self.health = h;
    }
}

/// What one pass did.
#[derive(Debug)]
pub struct Outcome {
    pub next_wake: Option<DateTime<Utc>>,
    pub status: Status,
}

/// Called when the user acts on a notification: the follow-up's key (none
/// for a grouped reminder) and the action.
pub type OnAction = Arc<dyn Fn(Option<String>, Action) + Send + Sync>;

fn lock(store: &Mutex<Store>) -> afterview_core::Result<std::sync::MutexGuard<'_, Store>> {
    store.lock().map_err(|_| afterview_core::Error::Io("the database lock was poisoned".into()))
}

/// One delivery pass at `now`: decide and mark (one transaction), show,
/// take back the marks of what could not be shown, report.
pub fn pass(
    store: &Mutex<Store>,
    notifier: &dyn Notifier,
    now: DateTime<Utc>,
    st: &mut Delivering,
    on_action: &OnAction,
) -> afterview_core::Result<Outcome> {
    let (d, tz) = {
        let mut s = lock(store)?;
        (s.plan_delivery(now, st.started_at)?, s.zone())
    };
    // Learn early whether notifications work, so that the banner shows from
    // the start when they do not.
    // Not answering: ask again on every pass (the notifier refuses at once
    // while its call is still stuck), so that the status reads Ok as soon
    // as the server answers, even when nothing is due to be shown (issue 15).
    let retry_due = st.retry_at.is_none_or(|t| t <= now);
    if matches!(st.health, Health::Unknown | Health::NotAnswering)
        || (matches!(st.health, Health::Unavailable(_)) && retry_due)
    {
        match notifier.probe() {
            Ok(()) => st.set_health(Health::Ok),
            Err(NotifyError::Unavailable(why)) => st.set_health(Health::Unavailable(why)),
            Err(NotifyError::NotAnswering) => st.set_health(Health::NotAnswering),
        }
        st.retry_at = match st.health {
            Health::Unavailable(_) => Some(now + RETRY),
            _ => None,
        };
    }
    let mut held: Vec<Mark> = Vec::new();
    for r in d.plan.reminders {
        if matches!(st.health, Health::Unavailable(_)) {
            held.extend(r.marks.iter().cloned());
            continue;
        }
        let key = r.followup.as_ref().map(|f| f.key.clone());
        let handler = on_action.clone();
        match notifier.show(&r, Box::new(move |a| handler(key, a))) {
            Ok(Sent::Shown) => st.set_health(Health::Ok),
            // Sent into a server that did not answer in time: it shows it if
            // it resumes, so it stays marked.
            Ok(Sent::Unconfirmed) => st.set_health(Health::NotAnswering),
            Err(NotifyError::NotAnswering) => {
                st.set_health(Health::NotAnswering);
                held.extend(r.marks.iter().cloned());
            }
            Err(NotifyError::Unavailable(why)) => {
                st.set_health(Health::Unavailable(why));
                st.retry_at = Some(now + RETRY);
                held.extend(r.marks.iter().cloned());
            }
        }
    }
    if !held.is_empty() {
        lock(store)?.unmark(&held)?;
    }
    let mut next_wake = d.plan.next_wake;
    let mut soonest = |t: DateTime<Utc>| next_wake = Some(next_wake.map_or(t, |w| w.min(t)));
    soonest(delivery::next_midnight(now, tz));
    if !held.is_empty() {
        // Unavailable: try again later. Not answering: the notifier wakes us
        // when the stuck call returns; this is only the safety net.
        soonest(st.retry_at.filter(|t| *t > now).unwrap_or(now + RETRY));
    }
    Ok(Outcome { next_wake, status: status(&d.open, &st.health, tz, now) })
}

fn status(open: &[FollowUp], health: &Health, tz: Tz, now: DateTime<Utc>) -> Status {
    let due: Vec<&FollowUp> = open.iter().filter(|f| f.due_at <= now).collect();
    Status {
        notifications: health.clone(),
        due: due
            .iter()
            .take(BANNER_ITEMS)
            .map(|f| DueItem { key: f.key.clone(), summary: delivery::text(f, Event::Due, tz, now).0 })
            .collect(),
        due_count: due.len(),
        due_today: delivery::due_today(open, tz, now),
        trouble: None,
    }
}

/// The scheduler thread's body. `now` is the app's clock; `report` receives
/// every pass's status (the UI event and the tray). Returns when stopped.
pub fn run(
    sched: Scheduler,
    store: &Mutex<Store>,
    notifier: Box<dyn Notifier>,
    now: impl Fn() -> DateTime<Utc>,
    on_action: OnAction,
    report: impl Fn(&Status),
) {
    ON_SCHEDULER.with(|c| c.set(true));
    let mut st = Delivering::new(now());
    let mut next: Option<DateTime<Utc>> = None;
    let mut must_pass = true;
    let mut data_version: Option<i64> = None;
    let mut last: Option<Status> = None;
    if sched.settle(FIRST_PASS_DELAY) {
        return;
    }
    loop {
        if must_pass {
            must_pass = false;
            match pass(store, notifier.as_ref(), now(), &mut st, &on_action) {
                Ok(out) => {
                    next = out.next_wake;
                    if last.as_ref() != Some(&out.status) {
                        report(&out.status);
                        last = Some(out.status);
                    }
                }
                Err(e) => {
                    eprintln!("afterview: reminders: {e}; trying again in a minute");
                    next = Some(now() + Duration::minutes(1));
                    // The window says so (the last status stands for the rest).
                    let db = store.lock().ok().map(|s| s.path().to_owned()).unwrap_or_default();
                    let paused = Status {
                        trouble: Some(crate::commands::reminders_paused(&e, &db)),
                        ..last.clone().unwrap_or_default()
                    };
                    if last.as_ref() != Some(&paused) {
                        report(&paused);
                        last = Some(paused);
                    }
                }
            }
            data_version = store.lock().ok().and_then(|s| read_data_version(&s));
            give_back_freed_memory();
        }
        let wait = next
            .map(|n| (n - now()).to_std().unwrap_or_default().min(CLOCK_CHECK))
            .unwrap_or(CLOCK_CHECK);
        let (woken, stop) = sched.sleep(wait);
        if stop {
            return;
        }
        if woken && sched.settle(std::time::Duration::ZERO) {
            return;
        }
        if woken || next.is_some_and(|n| now() >= n) {
            must_pass = true;
            continue;
        }
        // A minute's check: another process may have written to the file.
        let v = store.lock().ok().and_then(|s| read_data_version(&s));
        if v != data_version {
            must_pass = true;
        }
    }
}

/// A pass (the first one above all: start-up's catch-up, the board's first
/// read) leaves freed memory in glibc's heap, which keeps it from the system;
/// the app then sleeps until the next follow-up falls due, so it gives it
/// back (issue 17's memory target: PSS 10 s after start).
fn give_back_freed_memory() {
    #[cfg(target_env = "gnu")]
    // SAFETY: malloc_trim only releases free pages of the allocator's heap; it
    // takes no pointer and touches no live allocation.
    unsafe {
        libc::malloc_trim(0);
    }
}

fn read_data_version(s: &Store) -> Option<i64> {
    s.data_version().ok()
}

#[cfg(test)]
mod tests;
