//! Everything the process reads from its environment, resolved in one
//! place and then handed to the core as arguments: the database file
//! (`--db`, `AFTERVIEW_DB`, `XDG_DATA_HOME`/`HOME`), the clock
//! (`AFTERVIEW_NOW`), the time zone (`TZ`, the system's zone) and the tz
//! database it is read from (`TZDIR`); and the XDG folders of the app's own
//! small files ([`xdg_dir`]). The core reads none of them
//! (core/tests/house_process.rs).
//!
//! Both the app (lib.rs) and the command line (cli.rs) start here, so that
//! both see the same database, the same "now" and the same zone.

use afterview_core::zone::{self, Tz};
use chrono::{DateTime, Utc};
use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Instant;

/// What the process was started with, resolved.
pub struct Config {
    /// The database file.
    pub db: PathBuf,
    pub tz: Tz,
    /// Why the zone is not the one asked for (or the system's), to be shown:
    /// a zone that cannot be read is never silently UTC.
    pub zone_warning: Option<String>,
    pub clock: Clock,
}

impl Config {
    /// From the environment; `db` is `--db PATH` when given (it wins over
    /// `AFTERVIEW_DB`, which wins over [`default_db_path`]).
    pub fn from_env(db: Option<PathBuf>) -> Result<Config, String> {
        let clock = Clock::from_env()?;
        let (tz, zone_warning) = local_zone();
        Ok(Config { db: db.unwrap_or_else(db_from_env), tz, zone_warning, clock })
    }
}

fn var(name: &str) -> Option<OsString> {
    std::env::var_os(name).filter(|v| !v.is_empty())
}

/// `AFTERVIEW_DB` when set, else [`default_db_path`].
pub fn db_from_env() -> PathBuf {
    var("AFTERVIEW_DB").map(PathBuf::from).unwrap_or_else(default_db_path)
}

/// The default database file: `$XDG_DATA_HOME/afterview/afterview.db`
/// (usually `~/.local/share/afterview/afterview.db`).
pub fn default_db_path() -> PathBuf {
    xdg_dir("XDG_DATA_HOME", ".local/share").unwrap_or_else(|| PathBuf::from(".")).join("afterview").join("afterview.db")
}

/// A base directory of the XDG spec: `$<variable>` when set, else
/// `$HOME/<under_home>` (`.local/state`, `.cache`, …); None without HOME.
pub fn xdg_dir(variable: &str, under_home: &str) -> Option<PathBuf> {
    var(variable).map(PathBuf::from).or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(under_home)))
}

/// The zone: `TZ` when it names a zone of the tz database (`Europe/Berlin`,
/// `:Europe/Berlin` or a path under `zoneinfo/`), else the system's zone,
/// else UTC; zones read from `TZDIR` when set. A zone that is asked for
/// (by `TZ` or the system) and cannot be read comes back with the warning
/// that says so, and what is used instead.
pub fn local_zone() -> (Tz, Option<String>) {
    zone::use_database(&var("TZDIR").map_or_else(|| PathBuf::from("/usr/share/zoneinfo"), PathBuf::from));
    let asked = std::env::var("TZ").ok();
    resolve_zone(asked.as_deref(), iana_time_zone::get_timezone().map_err(|e| e.to_string()))
}

/// [`local_zone`]'s rule, on the values read: `tz_var` is `TZ`, `system`
/// the name of the system's zone.
pub fn resolve_zone(tz_var: Option<&str>, system: Result<String, String>) -> (Tz, Option<String>) {
    let mut warnings = Vec::new();
    if let Some(asked) = tz_var.and_then(zone::parse_tz_variable) {
        match asked {
            Ok(z) => return (z, None),
            Err(e) => warnings.push(format!("TZ={}: {e}", tz_var.unwrap_or_default().trim())),
        }
    }
    let fallback = match system {
        Ok(name) => match name.parse::<Tz>() {
            Ok(z) => Ok(z),
            Err(e) => Err(format!("{e} (is the tzdata package installed?)")),
        },
        // No zone set anywhere (no TZ, no /etc/localtime): UTC, as the C
        // library does; no zone was asked for, so none failed to load.
        Err(_) if warnings.is_empty() => Ok(Tz::UTC),
        Err(e) => Err(format!("the system's time zone is unknown: {e}")),
    };
    match fallback {
        Ok(z) => {
            let warning = (!warnings.is_empty()).then(|| format!("{}; times are shown in {z}", warnings.join("; ")));
            (z, warning)
        }
        Err(e) => {
            warnings.push(e);
            (Tz::UTC, Some(format!("{}; times are shown in UTC", warnings.join("; "))))
        }
    }
}

/// The process's notion of "now". `AFTERVIEW_NOW` (RFC 3339, test-only)
/// starts the clock at that instant; it then runs at wall-clock speed, so
/// that delivery can be tested without waiting for real dates.
#[derive(Clone, Copy)]
pub struct Clock {
    base: Option<(DateTime<Utc>, Instant)>,
}

impl Clock {
    pub fn from_env() -> Result<Clock, String> {
        match std::env::var("AFTERVIEW_NOW") {
            Ok(v) if !v.is_empty() => {
                let t = DateTime::parse_from_rfc3339(&v)
                    .map_err(|e| format!("AFTERVIEW_NOW={v} is not an RFC 3339 instant: {e}"))?;
                Ok(Clock { base: Some((t.with_timezone(&Utc), Instant::now())) })
            }
            _ => Ok(Clock { base: None }),
        }
    }
    pub fn now(&self) -> DateTime<Utc> {
        match self.base {
            Some((t, started)) => t + chrono::Duration::from_std(started.elapsed()).unwrap_or_default(),
            None => Utc::now(),
        }
    }
}

/// Shown once, on stderr, for the command line and the app alike.
pub fn say_zone_warning(config: &Config) {
    if let Some(w) = &config.zone_warning {
        eprintln!("afterview: {w}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zone_that_cannot_be_read_is_named_never_silently_utc() {
        let (tz, w) = resolve_zone(Some("Not/AZone"), Ok("Europe/Berlin".into()));
        assert_eq!(tz, Tz::named("Europe/Berlin"));
        let w = w.expect("a warning");
        assert!(w.contains("TZ=Not/AZone") && w.contains("Europe/Berlin"), "{w}");

        let (tz, w) = resolve_zone(None, Ok("Nowhere/Atlantis".into()));
        assert_eq!(tz, Tz::UTC);
        let w = w.expect("a warning");
        assert!(w.contains("Nowhere/Atlantis") && w.contains("UTC"), "{w}");

        let (tz, w) = resolve_zone(Some("Not/AZone"), Err("no /etc/localtime".into()));
        assert_eq!(tz, Tz::UTC);
        let w = w.expect("a warning");
        assert!(w.contains("Not/AZone") && w.contains("no /etc/localtime") && w.contains("UTC"), "{w}");

        // Nothing asked for anywhere: UTC, as the C library does.
        assert_eq!(resolve_zone(None, Err("no /etc/localtime".into())), (Tz::UTC, None));
    }

    #[test]
    fn a_zone_that_can_be_read_comes_without_a_word() {
        assert_eq!(resolve_zone(Some("America/New_York"), Err("unused".into())), (Tz::named("America/New_York"), None));
        assert_eq!(resolve_zone(Some(""), Ok("Asia/Tokyo".into())), (Tz::named("Asia/Tokyo"), None));
        assert_eq!(resolve_zone(None, Ok("UTC".into())), (Tz::UTC, None));
    }
}
