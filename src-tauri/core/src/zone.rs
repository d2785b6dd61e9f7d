//! The user's local time zone, resolved once at start (by the app's config
//! module, from `TZ` and the system) and then passed to the pure rule
//! functions as an argument; and the local-time rules built on it: the
//! instant of a wall-clock time ([`local_at`]), business days and the next
//! business morning.
//!
//! Zones come from the system's tz database (`/usr/share/zoneinfo`, or the
//! folder the app was told with [`use_database`]), read as TZif files
//! (RFC 8536) with their POSIX TZ footer for instants after the last listed
//! transition. jiff reads them (`TimeZone::tzif`); nothing of the database
//! is compiled in. This is the data every other program on the machine uses
//! and updates with the system; compiling a copy into the binary
//! (chrono-tz) cost 1.8 MiB of its size (measured: a minimal release binary
//! grows from 0.3 to 2.1 MiB with it). jiff without its bundled database
//! costs far less (BENCHMARKS.md, "Release binary size").
//!
//! [`Tz`] is a name; its data is read once per process and kept. It is
//! `Copy` and can be a `const` ([`Tz::named`]), like the zone constants of
//! chrono-tz that the rules were first written against.
//!
//! Nothing here reads the environment: which zone and which folder is the
//! caller's to say.

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, MappedLocalTime, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeZone, Utc, Weekday,
};
use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{OnceLock, RwLock};

/// The zone a value of `TZ` names (`Europe/Berlin`, `:Europe/Berlin` or a
/// path under `zoneinfo/`); `Err` with the reason when it names none; `None`
/// when it is empty (then the system's zone applies).
pub fn parse_tz_variable(value: &str) -> Option<Result<Tz, ZoneError>> {
    let v = value.trim().trim_start_matches(':');
    if v.is_empty() {
        return None;
    }
    Some(v.parse().or_else(|e| match v.split_once("zoneinfo/") {
        Some((_, name)) => name.parse(),
        None => Err(e),
    }))
}

#[cfg(test)]
fn parse_tz_env(value: &str) -> Option<Tz> {
    parse_tz_variable(value).and_then(|r| r.ok())
}

/// The folder of the tz database that zone names are read from, for the
/// rest of the process (the app's config module says it, from `TZDIR`).
/// Zones already read are kept.
pub fn use_database(dir: &Path) {
    if let Ok(mut d) = database().write() {
        *d = dir.to_path_buf();
    }
}

fn database() -> &'static RwLock<PathBuf> {
    static DIR: OnceLock<RwLock<PathBuf>> = OnceLock::new();
    DIR.get_or_init(|| RwLock::new(PathBuf::from("/usr/share/zoneinfo")))
}

// ----- the zone ----------------------------------------------------------------------

/// A zone of the tz database, by name.
#[derive(Clone, Copy)]
pub struct Tz {
    name: &'static str,
}

impl Tz {
    pub const UTC: Tz = Tz { name: "UTC" };

    /// The zone `name` without checking that it exists: for constants in
    /// tests and benchmarks. A name the system does not have reads as UTC;
    /// use `name.parse()` to be told.
    pub const fn named(name: &'static str) -> Tz {
        Tz { name }
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    fn data(&self) -> &'static jiff::tz::TimeZone {
        thread_local! {
            // The zone of the last call on this thread: every call in a run
            // of rules is for the same one.
            static LAST: Cell<Option<(usize, usize, &'static jiff::tz::TimeZone)>> = const { Cell::new(None) };
        }
        let key = (self.name.as_ptr() as usize, self.name.len());
        if let Some((p, n, z)) = LAST.get() {
            if (p, n) == key {
                return z;
            }
        }
        let z = if self.name == "UTC" { utc() } else { load(self.name).map_or_else(|_| utc(), |(_, z)| z) };
        LAST.set(Some((key.0, key.1, z)));
        z
    }

    /// The offset (seconds east of UTC) in effect at `t` (seconds since the
    /// epoch, UTC). Instants beyond jiff's range (years ±9999) take the
    /// offset at its end.
    fn at(&self, t: i64) -> i32 {
        self.data().to_offset(instant(t)).seconds()
    }

    fn offset(&self, off: i32, t: i64) -> ZoneOffset {
        ZoneOffset { tz: *self, off, at: t }
    }
}

fn instant(t: i64) -> jiff::Timestamp {
    let t = t.clamp(jiff::Timestamp::MIN.as_second(), jiff::Timestamp::MAX.as_second());
    jiff::Timestamp::from_second(t).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

impl PartialEq for Tz {
    fn eq(&self, other: &Tz) -> bool {
        self.name == other.name
    }
}
impl Eq for Tz {}

impl fmt::Debug for Tz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

impl fmt::Display for Tz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// Why a zone name was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoneError(pub String);

impl fmt::Display for ZoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ZoneError {}

impl FromStr for Tz {
    type Err = ZoneError;

    /// A zone the system's tz database has (`Europe/Berlin`); read now.
    fn from_str(name: &str) -> Result<Tz, ZoneError> {
        if name == "UTC" {
            return Ok(Tz::UTC);
        }
        load(name).map(|(name, _)| Tz { name })
    }
}

/// The offset of a [`Tz`] at some instant, with its abbreviation (`CET`).
#[derive(Clone, Copy)]
pub struct ZoneOffset {
    tz: Tz,
    off: i32,
    /// The instant it is the offset at (UTC seconds): for the abbreviation.
    at: i64,
}

impl ZoneOffset {
    fn abbreviation(&self) -> String {
        self.tz.data().to_offset_info(instant(self.at)).abbreviation().to_owned()
    }
}

impl PartialEq for ZoneOffset {
    fn eq(&self, other: &ZoneOffset) -> bool {
        self.tz == other.tz && self.off == other.off && self.abbreviation() == other.abbreviation()
    }
}
impl Eq for ZoneOffset {}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        FixedOffset::east_opt(self.off).unwrap_or_else(|| chrono::Utc.fix())
    }
}

impl fmt::Debug for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.abbreviation(), self.fix())
    }
}

impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.abbreviation())
    }
}

impl TimeZone for Tz {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Tz {
        offset.tz
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> MappedLocalTime<ZoneOffset> {
        self.offset_from_local_datetime(&local.and_hms_opt(0, 0, 0).expect("midnight exists"))
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> MappedLocalTime<ZoneOffset> {
        let l = local.and_utc().timestamp();
        // Offsets are within ±26 h: the instant lies within a day either
        // side of the local reading, and a zone changes offset at most once
        // in two days. Each offset in effect there that maps back to the
        // same reading is an answer: none in a gap, two in an overlap.
        let mut found: Vec<i32> = Vec::with_capacity(2);
        for probe in [l - 86_400, l + 86_400] {
            let cand = self.at(probe);
            let real = self.at(l - cand as i64);
            if real == cand && !found.contains(&real) {
                found.push(real);
            }
        }
        // Earliest instant first: the larger offset.
        found.sort_by(|a, b| b.cmp(a));
        let offset = |off: i32| self.offset(off, l - off as i64);
        match found.as_slice() {
            [] => MappedLocalTime::None,
            [one] => MappedLocalTime::Single(offset(*one)),
            [a, b, ..] => MappedLocalTime::Ambiguous(offset(*a), offset(*b)),
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        self.offset_from_utc_datetime(&utc.and_hms_opt(0, 0, 0).expect("midnight exists"))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        let t = utc.and_utc().timestamp();
        self.offset(self.at(t), t)
    }
}

// ----- zone data -----------------------------------------------------------------------

fn utc() -> &'static jiff::tz::TimeZone {
    static UTC: OnceLock<jiff::tz::TimeZone> = OnceLock::new();
    UTC.get_or_init(|| jiff::tz::TimeZone::UTC)
}

type Cache = RwLock<HashMap<&'static str, &'static jiff::tz::TimeZone>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(|| RwLock::new(HashMap::new()))
}

/// Reads zone `name` once per process (kept for its lifetime: a handful of
/// zones at most) and returns the interned name with its data.
fn load(name: &str) -> Result<(&'static str, &'static jiff::tz::TimeZone), ZoneError> {
    if let Some((&n, &z)) = cache().read().ok().as_ref().and_then(|c| c.get_key_value(name)) {
        return Ok((n, z));
    }
    let valid = !name.is_empty()
        && !name.starts_with('/')
        && name.split('/').all(|part| !part.is_empty() && part != "." && part != "..")
        && name.chars().all(|c| c.is_ascii_alphanumeric() || "/_+-.".contains(c));
    if !valid {
        return Err(ZoneError(format!("{name:?} is not a time zone name like Europe/Berlin")));
    }
    let path = database().read().map(|d| d.join(name)).unwrap_or_else(|p| p.into_inner().join(name));
    let bytes = std::fs::read(&path)
        .map_err(|e| ZoneError(format!("time zone {name}: cannot read {}: {e}", path.display())))?;
    let zone = jiff::tz::TimeZone::tzif(name, &bytes)
        .map_err(|e| ZoneError(format!("time zone {name}: {}: {e}", path.display())))?;
    let mut c = cache().write().map_err(|_| ZoneError("the time zone cache was poisoned".into()))?;
    if let Some((&n, &z)) = c.get_key_value(name) {
        return Ok((n, z));
    }
    let n: &'static str = Box::leak(name.to_owned().into_boxed_str());
    let z: &'static jiff::tz::TimeZone = Box::leak(Box::new(zone));
    c.insert(n, z);
    Ok((n, z))
}

// ----- local time ----------------------------------------------------------------------

/// Business mornings start at 09:00 local (DESIGN §2).
/// The hour of "the next business morning" and of every check-in.
pub const MORNING: NaiveTime = match NaiveTime::from_hms_opt(9, 0, 0) {
    Some(t) => t,
    None => panic!("09:00 exists"),
};

/// Monday to Friday. Public holidays are deliberately not considered (DESIGN §2).
pub fn is_business_day(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The first 09:00 local on a business day strictly later than `after`.
///
/// A business day whose 09:00 does not exist at all (a zone that skipped the
/// whole day) is passed over. Only at the very end of chrono's range, where
/// no such morning can be represented, does it return `after` unchanged.
pub fn next_business_morning(after: DateTime<Utc>, tz: Tz) -> DateTime<Utc> {
    try_next_business_morning(after, tz).unwrap_or(after)
}

/// The instant at which the wall clock in `tz` shows `time` on `date`.
///
/// In a fold (the hour repeated when clocks go back) it is the earlier of the
/// two instants. In a gap (the hour skipped when clocks go forward) the wall
/// time is read with the offset in force before the jump, which lands as far
/// past the gap as the time was into it (02:30 in a 02:00→03:00 gap gives
/// 03:30), the same choice as RFC 5545 and JavaScript's Temporal.
/// Only dates at the very edge of chrono's range, where no instant exists,
/// fall back to reading the time as UTC.
pub fn local_at(date: NaiveDate, time: NaiveTime, tz: Tz) -> DateTime<Utc> {
    let naive = date.and_time(time);
    resolve_local(naive, tz).unwrap_or_else(|| naive.and_utc())
}

/// As [`local_at`], or None at the edge of chrono's range.
pub(crate) fn resolve_local(naive: NaiveDateTime, tz: Tz) -> Option<DateTime<Utc>> {
    let with = |off: ZoneOffset| naive.checked_sub_offset(off.fix()).map(|n| n.and_utc());
    match tz.offset_from_local_datetime(&naive) {
        MappedLocalTime::Single(off) => with(off),
        MappedLocalTime::Ambiguous(a, b) => match (with(a), with(b)) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, y) => x.or(y),
        },
        MappedLocalTime::None => {
            // Find the offset after the jump by probing forward (gaps are whole
            // minutes and at most a day long), then the one in force before it.
            let after = (1..=48 * 60).find_map(|m| {
                let probe = naive.checked_add_signed(Duration::minutes(m))?;
                tz.offset_from_local_datetime(&probe).earliest()
            })?;
            // Read with the later offset, the wall time falls before the jump.
            let before_jump = naive.checked_sub_offset(after.fix())?;
            with(tz.offset_from_utc_datetime(&before_jump))
        }
    }
}

/// The local wall-clock time of an instant, or None outside chrono's range.
pub(crate) fn local(t: DateTime<Utc>, tz: Tz) -> Option<NaiveDateTime> {
    let off = tz.offset_from_utc_datetime(&t.naive_utc()).fix();
    t.naive_utc().checked_add_offset(off)
}

pub(crate) fn local_date(t: DateTime<Utc>, tz: Tz) -> Option<NaiveDate> {
    local(t, tz).map(|l| l.date())
}

pub(crate) fn try_next_business_morning(after: DateTime<Utc>, tz: Tz) -> Option<DateTime<Utc>> {
    let mut day = local_date(after, tz)?;
    // Two weeks is far more than a weekend plus a skipped day can need.
    for _ in 0..14 {
        if is_business_day(day) {
            if let Some(t) = resolve_local(day.and_time(MORNING), tz) {
                if t > after && local_date(t, tz) == Some(day) {
                    return Some(t);
                }
            }
        }
        day = day.succ_opt()?;
    }
    None
}

#[cfg(test)]
mod tests;
