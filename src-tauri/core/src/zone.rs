//! The user's local time zone, resolved once at start and then passed to the
//! pure rule functions as an argument.
//!
//! Zones come from the system's tz database (`/usr/share/zoneinfo`, or
//! `$TZDIR`), read as TZif files (RFC 8536) with their POSIX TZ footer for
//! instants after the last listed transition. This is the data every other
//! program on the machine uses and updates with the system; compiling a copy
//! into the binary (chrono-tz) cost 1.8 MiB of its size (measured: a minimal
//! release binary grows from 0.3 to 2.1 MiB with it).
//!
//! [`Tz`] is a name; its data is read once per process and kept. It is
//! `Copy` and can be a `const` ([`Tz::named`]), like the zone constants of
//! chrono-tz that the rules were first written against.

use chrono::{Datelike, FixedOffset, MappedLocalTime, NaiveDate, NaiveDateTime, Offset, TimeZone};
use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::{OnceLock, RwLock};

/// `TZ` when it names a zone of the tz database (`Europe/Berlin`,
/// `:Europe/Berlin` or a path under `zoneinfo/`), else the system's zone,
/// else UTC.
pub fn local_zone() -> Tz {
    if let Ok(tz) = std::env::var("TZ") {
        if let Some(z) = parse_tz_env(&tz) {
            return z;
        }
    }
    match iana_time_zone::get_timezone() {
        Ok(name) => name.parse().unwrap_or_else(|e| {
            // Said once at start: times would otherwise be off without a word.
            eprintln!("afterview: {e}; times are shown in UTC (is the tzdata package installed?)");
            Tz::UTC
        }),
        Err(_) => Tz::UTC,
    }
}

fn parse_tz_env(value: &str) -> Option<Tz> {
    let v = value.trim().trim_start_matches(':');
    if v.is_empty() {
        return None;
    }
    if let Ok(z) = v.parse() {
        return Some(z);
    }
    v.split_once("zoneinfo/").and_then(|(_, name)| name.parse().ok())
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

    fn data(&self) -> &'static Zone {
        thread_local! {
            // The zone of the last call on this thread: every call in a run
            // of rules is for the same one.
            static LAST: Cell<Option<(usize, usize, &'static Zone)>> = const { Cell::new(None) };
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

    /// The local time type in effect at `t` (seconds since the epoch, UTC).
    fn at(&self, t: i64) -> LocalType {
        self.data().at(t)
    }

    fn offset(&self, t: LocalType) -> ZoneOffset {
        ZoneOffset { tz: *self, off: t.off, abbr: t.abbr }
    }
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
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ZoneOffset {
    tz: Tz,
    off: i32,
    abbr: &'static str,
}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        FixedOffset::east_opt(self.off).unwrap_or_else(|| chrono::Utc.fix())
    }
}

impl fmt::Debug for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.abbr, self.fix())
    }
}

impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.abbr)
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
        let mut found: Vec<LocalType> = Vec::with_capacity(2);
        for probe in [l - 86_400, l + 86_400] {
            let cand = self.at(probe);
            let real = self.at(l - cand.off as i64);
            if real.off == cand.off && !found.iter().any(|f| f.off == real.off) {
                found.push(real);
            }
        }
        // Earliest instant first: the larger offset.
        found.sort_by(|a, b| b.off.cmp(&a.off));
        match found.as_slice() {
            [] => MappedLocalTime::None,
            [one] => MappedLocalTime::Single(self.offset(*one)),
            [a, b, ..] => MappedLocalTime::Ambiguous(self.offset(*a), self.offset(*b)),
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        self.offset_from_utc_datetime(&utc.and_hms_opt(0, 0, 0).expect("midnight exists"))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        self.offset(self.at(utc.and_utc().timestamp()))
    }
}

// ----- zone data -----------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct LocalType {
    /// Seconds east of UTC.
    off: i32,
    abbr: &'static str,
}

#[derive(Debug)]
struct Zone {
    /// Transition instants (UTC seconds), ascending, and the type each starts.
    transitions: Vec<(i64, LocalType)>,
    /// In effect before the first transition (RFC 8536: local time type 0).
    initial: LocalType,
    /// After the last transition: the POSIX TZ rule of the file's footer.
    rule: Option<Rule>,
}

impl Zone {
    fn at(&self, t: i64) -> LocalType {
        match self.transitions.last() {
            None => self.rule.as_ref().map_or(self.initial, |r| r.at(t)),
            Some(&(last, ty)) if t >= last => self.rule.as_ref().map_or(ty, |r| r.at(t)),
            _ => {
                let i = self.transitions.partition_point(|&(at, _)| at <= t);
                if i == 0 {
                    self.initial
                } else {
                    self.transitions[i - 1].1
                }
            }
        }
    }
}

fn utc() -> &'static Zone {
    static UTC: OnceLock<Zone> = OnceLock::new();
    UTC.get_or_init(|| Zone { transitions: Vec::new(), initial: LocalType { off: 0, abbr: "UTC" }, rule: None })
}

fn cache() -> &'static RwLock<HashMap<&'static str, &'static Zone>> {
    static CACHE: OnceLock<RwLock<HashMap<&'static str, &'static Zone>>> = OnceLock::new();
    CACHE.get_or_init(|| RwLock::new(HashMap::new()))
}

fn zoneinfo_dir() -> PathBuf {
    std::env::var_os("TZDIR").filter(|d| !d.is_empty()).map_or_else(|| PathBuf::from("/usr/share/zoneinfo"), PathBuf::from)
}

/// Reads zone `name` once per process (kept for its lifetime: a handful of
/// zones at most) and returns the interned name with its data.
fn load(name: &str) -> Result<(&'static str, &'static Zone), ZoneError> {
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
    let path = zoneinfo_dir().join(name);
    let bytes = std::fs::read(&path)
        .map_err(|e| ZoneError(format!("time zone {name}: cannot read {}: {e}", path.display())))?;
    let zone = parse_tzif(&bytes).map_err(|e| ZoneError(format!("time zone {name}: {}: {e}", path.display())))?;
    let mut c = cache().write().map_err(|_| ZoneError("the time zone cache was poisoned".into()))?;
    if let Some((&n, &z)) = c.get_key_value(name) {
        return Ok((n, z));
    }
    let n: &'static str = Box::leak(name.to_owned().into_boxed_str());
    let z: &'static Zone = Box::leak(Box::new(zone));
    c.insert(n, z);
    Ok((n, z))
}

/// Abbreviations, interned: the same few strings for every zone read.
fn intern(s: &str) -> &'static str {
    static NAMES: OnceLock<RwLock<HashMap<String, &'static str>>> = OnceLock::new();
    let names = NAMES.get_or_init(|| RwLock::new(HashMap::new()));
    if let Some(&n) = names.read().ok().as_ref().and_then(|m| m.get(s)) {
        return n;
    }
    let mut m = match names.write() {
        Ok(m) => m,
        Err(p) => p.into_inner(),
    };
    *m.entry(s.to_owned()).or_insert_with(|| Box::leak(s.to_owned().into_boxed_str()))
}

// ----- TZif (RFC 8536) ---------------------------------------------------------------

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.b.len()).ok_or("the file is truncated")?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u32(&mut self) -> Result<usize, String> {
        let s = self.take(4)?;
        Ok(u32::from_be_bytes([s[0], s[1], s[2], s[3]]) as usize)
    }
}

struct Header {
    version: u8,
    isutcnt: usize,
    isstdcnt: usize,
    leapcnt: usize,
    timecnt: usize,
    typecnt: usize,
    charcnt: usize,
}

fn header(r: &mut Reader) -> Result<Header, String> {
    if r.take(4)? != b"TZif" {
        return Err("not a TZif file".into());
    }
    let version = r.take(1)?[0];
    r.take(15)?;
    let h = Header {
        version,
        isutcnt: r.u32()?,
        isstdcnt: r.u32()?,
        leapcnt: r.u32()?,
        timecnt: r.u32()?,
        typecnt: r.u32()?,
        charcnt: r.u32()?,
    };
    if h.typecnt == 0 || h.typecnt > 256 || h.charcnt == 0 {
        return Err("the file lists no local time types".into());
    }
    Ok(h)
}

fn parse_tzif(bytes: &[u8]) -> Result<Zone, String> {
    let mut r = Reader { b: bytes, at: 0 };
    let mut h = header(&mut r)?;
    let mut time_size = 4;
    if h.version >= b'2' {
        // Skip the 32-bit block: the 64-bit one after it says the same and more.
        r.take(h.timecnt * 5 + h.typecnt * 6 + h.charcnt + h.leapcnt * 8 + h.isstdcnt + h.isutcnt)?;
        h = header(&mut r)?;
        time_size = 8;
    }
    let times = r.take(h.timecnt * time_size)?;
    let idx = r.take(h.timecnt)?;
    let ttinfo = r.take(h.typecnt * 6)?;
    let chars = r.take(h.charcnt)?;
    r.take(h.leapcnt * (time_size + 4) + h.isstdcnt + h.isutcnt)?;

    let mut types = Vec::with_capacity(h.typecnt);
    for t in ttinfo.chunks_exact(6) {
        let off = i32::from_be_bytes([t[0], t[1], t[2], t[3]]);
        if !(-89_999..=93_599).contains(&off) {
            return Err(format!("offset {off} s is out of range"));
        }
        let start = t[5] as usize;
        let abbr = chars.get(start..).ok_or("an abbreviation index is out of range")?;
        let end = abbr.iter().position(|&c| c == 0).unwrap_or(abbr.len());
        types.push(LocalType { off, abbr: intern(&String::from_utf8_lossy(&abbr[..end])) });
    }
    let mut transitions = Vec::with_capacity(h.timecnt);
    for (i, &ty) in idx.iter().enumerate() {
        let raw = &times[i * time_size..(i + 1) * time_size];
        let at = if time_size == 8 {
            i64::from_be_bytes(raw.try_into().expect("eight bytes"))
        } else {
            i32::from_be_bytes(raw.try_into().expect("four bytes")) as i64
        };
        let t = *types.get(ty as usize).ok_or("a transition names a missing local time type")?;
        if transitions.last().is_some_and(|&(prev, _)| prev >= at) {
            return Err("transitions are out of order".into());
        }
        transitions.push((at, t));
    }
    let rule = if h.version >= b'2' {
        let rest = &bytes[r.at..];
        let footer = rest.strip_prefix(b"\n").and_then(|f| f.split(|&c| c == b'\n').next()).unwrap_or_default();
        let text = std::str::from_utf8(footer).map_err(|_| "the footer is not text")?;
        if text.is_empty() {
            None
        } else {
            Some(Rule::parse(text)?)
        }
    } else {
        None
    };
    Ok(Zone { transitions, initial: types[0], rule })
}

// ----- POSIX TZ rules (the TZif footer) ------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
struct Rule {
    std: LocalType,
    dst: Option<(LocalType, RuleDate, i32, RuleDate, i32)>,
}

/// A day of the year in a POSIX rule.
#[derive(Debug, Clone, Copy, PartialEq)]
enum RuleDate {
    /// `Jn`: 1..=365, February 29 never counted.
    Julian1(u16),
    /// `n`: 0..=365, February 29 counted.
    Julian0(u16),
    /// `Mm.w.d`: weekday `d` (0 = Sunday) of week `w` (5 = last) of month `m`.
    MonthWeekDay(u8, u8, u8),
}

struct Posix<'a> {
    s: &'a [u8],
    at: usize,
}

impl Posix<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.at).copied()
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.at += 1;
            true
        } else {
            false
        }
    }
    fn name(&mut self) -> Result<&'static str, String> {
        let start = self.at;
        let name = if self.eat(b'<') {
            while self.peek().is_some_and(|c| c != b'>') {
                self.at += 1;
            }
            let n = &self.s[start + 1..self.at];
            if !self.eat(b'>') {
                return Err("an unterminated <name>".into());
            }
            n
        } else {
            while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
                self.at += 1;
            }
            &self.s[start..self.at]
        };
        if name.len() < 3 {
            return Err("a zone abbreviation is shorter than 3 characters".into());
        }
        Ok(intern(&String::from_utf8_lossy(name)))
    }
    fn num(&mut self, max: i64) -> Result<i64, String> {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        let n: i64 = std::str::from_utf8(&self.s[start..self.at])
            .ok()
            .and_then(|d| d.parse().ok())
            .ok_or("a number is missing")?;
        if n > max {
            return Err(format!("{n} is out of range"));
        }
        Ok(n)
    }
    /// `[+|-]hh[:mm[:ss]]` in seconds (hours up to 167, RFC 8536).
    fn time(&mut self) -> Result<i32, String> {
        let sign = if self.eat(b'-') {
            -1
        } else {
            self.eat(b'+');
            1
        };
        let mut secs = self.num(167)? * 3600;
        if self.eat(b':') {
            secs += self.num(59)? * 60;
            if self.eat(b':') {
                secs += self.num(59)?;
            }
        }
        Ok((sign * secs) as i32)
    }
    fn date(&mut self) -> Result<RuleDate, String> {
        if self.eat(b'M') {
            let m = self.num(12)? as u8;
            if !self.eat(b'.') {
                return Err("expected . in Mm.w.d".into());
            }
            let w = self.num(5)? as u8;
            if !self.eat(b'.') {
                return Err("expected . in Mm.w.d".into());
            }
            let d = self.num(6)? as u8;
            if m == 0 || w == 0 {
                return Err("month and week start at 1".into());
            }
            Ok(RuleDate::MonthWeekDay(m, w, d))
        } else if self.eat(b'J') {
            let n = self.num(365)? as u16;
            if n == 0 {
                return Err("Jn starts at J1".into());
            }
            Ok(RuleDate::Julian1(n))
        } else {
            Ok(RuleDate::Julian0(self.num(365)? as u16))
        }
    }
    fn date_time(&mut self) -> Result<(RuleDate, i32), String> {
        let d = self.date()?;
        let t = if self.eat(b'/') { self.time()? } else { 7200 };
        Ok((d, t))
    }
}

impl Rule {
    fn parse(text: &str) -> Result<Rule, String> {
        let bad = |e: String| format!("footer {text:?}: {e}");
        let mut p = Posix { s: text.as_bytes(), at: 0 };
        let std_name = p.name().map_err(bad)?;
        // POSIX offsets count west of Greenwich: UTC+1 is written -1.
        let std_off = -p.time().map_err(bad)?;
        let std = LocalType { off: std_off, abbr: std_name };
        if p.peek().is_none() {
            return Ok(Rule { std, dst: None });
        }
        let dst_name = p.name().map_err(bad)?;
        let dst_off = match p.peek() {
            Some(b',') | None => std_off + 3600,
            _ => -p.time().map_err(bad)?,
        };
        let dst = LocalType { off: dst_off, abbr: dst_name };
        let ((start, start_t), (end, end_t)) = if p.eat(b',') {
            let s = p.date_time().map_err(bad)?;
            if !p.eat(b',') {
                return Err(bad("expected ,end".into()));
            }
            (s, p.date_time().map_err(bad)?)
        } else {
            // No rule: POSIX leaves it to the implementation; the US rule, as glibc does.
            ((RuleDate::MonthWeekDay(3, 2, 0), 7200), (RuleDate::MonthWeekDay(11, 1, 0), 7200))
        };
        if p.peek().is_some() {
            return Err(bad("unexpected text after the rule".into()));
        }
        Ok(Rule { std, dst: Some((dst, start, start_t, end, end_t)) })
    }

    fn at(&self, t: i64) -> LocalType {
        let Some((dst, start, start_t, end, end_t)) = self.dst else {
            return self.std;
        };
        let year = chrono::DateTime::from_timestamp(t + self.std.off as i64, 0).map_or(1970, |d| d.year());
        // Start is given in local standard time, end in local daylight time.
        let begins = day_start(year, start) + start_t as i64 - self.std.off as i64;
        let ends = day_start(year, end) + end_t as i64 - dst.off as i64;
        let in_dst = if begins < ends { t >= begins && t < ends } else { !(t >= ends && t < begins) };
        if in_dst {
            dst
        } else {
            self.std
        }
    }
}

/// Midnight (as seconds since the epoch, read as UTC) of `date` in `year`.
fn day_start(year: i32, date: RuleDate) -> i64 {
    let jan1 = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
    let leap = NaiveDate::from_ymd_opt(year, 2, 29).is_some();
    let day = match date {
        RuleDate::Julian1(n) => {
            let n = n as u64 - 1 + u64::from(leap && n >= 60);
            jan1 + chrono::Days::new(n)
        }
        RuleDate::Julian0(n) => jan1 + chrono::Days::new(n as u64),
        RuleDate::MonthWeekDay(m, w, d) => {
            let first = NaiveDate::from_ymd_opt(year, m as u32, 1).unwrap_or(jan1);
            let wd = first.weekday().num_days_from_sunday() as i64;
            let mut dom = 1 + (d as i64 - wd).rem_euclid(7) + (w as i64 - 1) * 7;
            let days_in_month = first
                .checked_add_months(chrono::Months::new(1))
                .map_or(31, |next| (next - first).num_days());
            while dom > days_in_month {
                dom -= 7;
            }
            first + chrono::Days::new(dom as u64 - 1)
        }
    };
    day.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc().timestamp()
}

#[cfg(test)]
mod tests;
