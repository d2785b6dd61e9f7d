//! The HTTP client of "Fill from the posting" and `afterview add --from-url`:
//! libsoup 3, the one WebKitGTK already links. It brings the system's TLS
//! (GnuTLS through glib-networking), CA store and proxy settings, and adds
//! next to nothing to the binary (measured in README, "Add from a posting
//! link"). Its synchronous API runs its own I/O without a main loop, so the
//! CLI (no GTK) uses it as the app does, from a worker thread.
//!
//! The policy (web URLs only, redirects, time, size) is the core's
//! (`afterview_core::posting`); here is one GET: no redirect followed, the
//! whole exchange cancelled at the deadline, the body read to at most
//! `MAX_BYTES`.

use afterview_core::posting::{Fetch, FetchError, Response, Url, MAX_BYTES, USER_AGENT};
use soup::glib::translate::IntoGlib;
use soup::prelude::*;
use soup::{gio, glib};
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub struct Soup;

impl Fetch for Soup {
    fn get(&self, url: &Url, deadline: Instant) -> Result<Response, FetchError> {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(FetchError::Timeout);
        }
        let session = soup::Session::new();
        session.set_user_agent(USER_AGENT);
        // Soup's own timeout is per read; the whole exchange is the watchdog's.
        session.set_timeout(u32::try_from(left.as_secs()).unwrap_or(u32::MAX).max(1));
        let msg = soup::Message::new("GET", url.as_str()).map_err(|e| FetchError::Network(e.to_string()))?;
        msg.set_flags(soup::MessageFlags::NO_REDIRECT);
        if let Some(h) = msg.request_headers() {
            h.append("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        }
        let cancel = gio::Cancellable::new();
        let _watchdog = Watchdog::start(cancel.clone(), left);
        let failed = |e: glib::Error| {
            if cancel.is_cancelled() || e.matches(gio::IOErrorEnum::TimedOut) {
                FetchError::Timeout
            } else {
                FetchError::Network(e.message().to_owned())
            }
        };
        let stream = session.send(&msg, Some(&cancel)).map_err(failed)?;
        let status = u16::try_from(msg.status().into_glib()).unwrap_or(0);
        let reason = msg.reason_phrase().map(|r| r.to_string()).unwrap_or_default();
        let headers = msg.response_headers();
        let location = headers.as_ref().and_then(|h| h.one("Location")).map(|l| l.to_string());
        let declared = headers.as_ref().map_or(0, |h| h.content_length());
        if usize::try_from(declared).is_ok_and(|n| n > MAX_BYTES) {
            let _ = stream.close(gio::Cancellable::NONE);
            return Err(FetchError::TooBig);
        }
        let mut body = Vec::new();
        // Redirects have no body worth reading.
        if !(300..400).contains(&status) {
            let mut chunk = vec![0u8; 64 * 1024];
            loop {
                let n = stream.read(&mut chunk[..], Some(&cancel)).map_err(failed)?;
                if n == 0 {
                    break;
                }
                if body.len() + n > MAX_BYTES {
                    let _ = stream.close(gio::Cancellable::NONE);
                    return Err(FetchError::TooBig);
                }
                body.extend_from_slice(&chunk[..n]);
            }
        }
        let _ = stream.close(gio::Cancellable::NONE);
        Ok(Response { status, reason, location, body })
    }
}

/// Cancels the exchange when its time is up; dropped when it is done.
struct Watchdog {
    done: Option<mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Watchdog {
    fn start(cancel: gio::Cancellable, after: Duration) -> Watchdog {
        let (done, wait) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            // A GCancellable may be cancelled from any thread.
            if let Err(mpsc::RecvTimeoutError::Timeout) = wait.recv_timeout(after) {
                cancel.cancel();
            }
        });
        Watchdog { done: Some(done), thread: Some(thread) }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        drop(self.done.take()); // wakes the thread at once
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
