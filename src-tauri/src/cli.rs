//! The command line of DESIGN §3 and §5, a public contract: the same binary
//! as the app runs these without a window.
//!
//! ```text
//! afterview agenda [--json] [--now RFC3339] [--db PATH]
//! afterview export FILE [--db PATH]            (FILE "-" = stdout)
//! afterview import FILE [--merge] [--db PATH]  (FILE "-" = stdin)
//! afterview import --sample [--db PATH]        (the sample job search, dated around today)
//! afterview export-csv FILE [--now RFC3339] [--db PATH]  (one row per application, for a spreadsheet)
//! afterview export-ics FILE [--now RFC3339] [--db PATH]  (interviews and open follow-ups, iCalendar)
//! afterview report --from DATE --to DATE [--html] FILE [--db PATH]  (the job-search report)
//! afterview settings [--checkin-cadence-days N] [--quiet-hours HH:MM-HH:MM]
//!                    [--physical-note-default yes|no] [--pre-interview-minutes N]
//!                    [--no-answer-after-checkins N] [--my-emails A,B] [--json] [--db PATH]
//! afterview ingest FILE... [--application ID] [--dry-run] [--json] [--db PATH]  (invitations and emails in)
//! afterview stats [--from DATE --to DATE] [--json] [--db PATH]  (Insights; default: the last 30 days)
//! afterview add --from-url URL [--dry-run] [--json] [--db PATH]  (a job posting's link: cli/add.rs)
//! afterview help | --help | -h | --version
//! ```
//!
//! `--db` may come before or after the subcommand; it wins over
//! `AFTERVIEW_DB`, which wins over the app-data folder (config.rs, where
//! the clock and the zone come from too). Exit status: 0 on
//! success, 1 with one line `afterview: …` on stderr when the input or the
//! database is refused, 2 with a short usage for a malformed command line.
//! Input is checked completely before the database is opened for writing:
//! a refused command leaves the database file untouched.

use afterview_core::error::Error;
use afterview_core::exports::{self, Export, Period};
use afterview_core::imports;
use afterview_core::format::{self, ImportMode};
use crate::config::{self, Clock};
use afterview_core::store::Store;
use afterview_core::zone::Tz;
use chrono::{DateTime, Utc};
use std::io::Write;
use std::path::{Path, PathBuf};

mod add;
mod agenda;
mod import_table;
mod ingest;
mod settings;
mod stats;

/// True for the first word of a command-line invocation (as opposed to the
/// app's own `--db PATH`).
pub fn is_subcommand(arg: &str) -> bool {
    matches!(
        arg,
        "agenda"
            | "export"
            | "import"
            | "export-csv"
            | "export-ics"
            | "report"
            | "settings"
            | "ingest"
            | "stats"
            | "import-table"
            | "add"
            | "help"
            | "--help"
            | "-h"
            | "--version"
    )
}

const USAGE: &str = "\
usage: afterview agenda [--json] [--now RFC3339] [--db PATH]
       afterview export FILE [--db PATH]             (FILE - writes to stdout)
       afterview import FILE [--merge] [--db PATH]   (FILE - reads stdin)
       afterview import --sample [--db PATH]         (the sample, dated around today)
       afterview export-csv FILE [--now RFC3339] [--db PATH]   (FILE - writes to stdout)
       afterview export-ics FILE [--now RFC3339] [--db PATH]   (FILE - writes to stdout)
       afterview report --from YYYY-MM-DD --to YYYY-MM-DD [--html] FILE [--db PATH]
       afterview settings [--checkin-cadence-days N] [--quiet-hours HH:MM-HH:MM]
                          [--physical-note-default yes|no] [--pre-interview-minutes N]
                          [--no-answer-after-checkins N] [--my-emails A,B] [--json] [--db PATH]
       afterview ingest FILE... [--application ID] [--dry-run] [--json] [--db PATH]
       afterview stats [--from YYYY-MM-DD --to YYYY-MM-DD] [--json] [--db PATH]
       afterview import-table FILE [--preset auto|linkedin|jobsync|huntr|teal|generic] [--map 'Header=field']...
                              [--date-order dmy|mdy|ymd] [--status 'Word=status']... [--include-duplicates]
                              [--start-clock dates|today] [--dry-run] [--json] [--db PATH]
       afterview add --from-url URL [--dry-run] [--json] [--db PATH]
       afterview help | --version";

fn help() -> String {
    format!(
        "Afterview: follow up after job interviews, from the command line.\n\n{USAGE}\n\n\
         agenda    every open follow-up, grouped into overdue, today and upcoming (local time);\n          \
         --json prints {{\"now\", \"followups\": [{{\"key\", \"kind\", \"application_id\", \"company\",\n          \
         \"contact_id\", \"due_at\", \"due\", …}}]}} sorted by due time, times in UTC.\n\
         export    writes everything as one JSON document (docs/FORMAT.md).\n\
         import    reads such a document into an empty database, or with --merge adds the\n          \
         applications whose id is new and leaves the others and the settings unchanged.\n          \
         All or nothing: a refused file leaves the database untouched.\n\
         export-csv  one row per application (company, role, status, applied, interviews,\n          \
         last contact, next follow-up), UTF-8 CSV for LibreOffice and Excel.\n\
         export-ics  interviews and open follow-ups (with alarms) as an iCalendar file.\n\
         report    every application with activity between two local dates (both included), with\n          \
         each stage, interview and message: CSV, or with --html a page to print.\n\
         import-table  a spreadsheet (CSV/TSV, .xlsx, .ods) or another tracker's export into\n          \
         applications, columns mapped by preset or --map; backed up first (docs/IMPORT.md).\n\
         settings  shows the settings, or changes those given. The check-in cadence is never\n          \
         below 7 days: checking in more than once a week reads as pushy. After\n          \
         --no-answer-after-checkins (2-10, default 3) unanswered check-ins, Afterview asks\n          \
         whether to close the application instead of checking in again.\n\n\
         ingest    logs each calendar invitation (.ics) as an interview and each email (.eml) as a\n          \
         message of the application it matches (a contact's address, else the domain), or of\n          \
         --application ID; a received rejection is proposed, never applied. --dry-run writes\n          \
         nothing; --json prints {{\"files\": [...]}} (README, \"Invitations and emails in\").\n\n\
         stats     the Insights figures of the applications applied for between two local dates\n          \
         (both included; without dates, the last 30 days up to today): the funnel, days to the first\n          \
         response, per source, and the follow-up habits (docs/DESIGN.md §7). --json prints {{\"from\", \"to\",\n          \
         \"applied\", \"responded\", \"interviewed\", \"offers\", \"rejected\", \"median_days_to_response\",\n          \
         \"by_source\", \"thank_you_on_time\", \"check_ins\", …}}; the median is null when none responded.\n\n\
         below 7 days: checking in more than once a week reads as pushy.\n\
         add       reads a job posting's page (http or https) and adds it; --json prints\n          \
         {{\"company\", \"role\", \"location\", \"job_url\", \"source\", \"date_posted\"}}; --dry-run adds nothing.\n\n\
         The database: --db PATH, else $AFTERVIEW_DB, else {}.\n\
         Without a subcommand, `afterview [--db PATH]` opens the app.\n",
        config::default_db_path().display()
    )
}

/// Why a command did not run.
enum Fail {
    /// A malformed command line: exit 2 with the usage.
    Usage(String),
    /// Refused input, or a database or file error: exit 1.
    Error(String),
}

impl From<Error> for Fail {
    fn from(e: Error) -> Self {
        Fail::Error(e.to_string())
    }
}

type Outcome = std::result::Result<(), Fail>;

/// Runs one command. `args` are the arguments after the program name.
/// Returns the exit status.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    run_with(args, out, err, None)
}

/// As [`run`], with the HTTP client `add --from-url` fetches with (the app's).
pub fn run_with(args: &[String], out: &mut dyn Write, err: &mut dyn Write, web: Option<&dyn afterview_core::posting::Fetch>) -> i32 {
    match dispatch(args, out, err, web) {
        Ok(()) => 0,
        Err(Fail::Usage(msg)) => {
            let _ = writeln!(err, "afterview: {}", one_line(&msg));
            let _ = writeln!(err, "{USAGE}");
            2
        }
        Err(Fail::Error(msg)) => {
            let _ = writeln!(err, "afterview: {}", one_line(&msg));
            1
        }
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The command line after `--db` was taken out of it, with what the
/// process was started with (config.rs).
struct Cmd {
    db: Option<PathBuf>,
    tz: Tz,
    /// The clock, or why `AFTERVIEW_NOW` was refused (said by the commands
    /// that need "now").
    clock: std::result::Result<Clock, String>,
}

impl Cmd {
    /// Now, or AFTERVIEW_NOW when set (for tests, as in the app).
    fn now(&self) -> Result<DateTime<Utc>, Fail> {
        self.clock.as_ref().map(Clock::now).map_err(|e| Fail::Error(e.clone()))
    }
}

fn split_db(args: &[String]) -> Result<(Option<PathBuf>, Vec<String>), Fail> {
    let mut db = None;
    let mut words = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--db" {
            let v = it
                .next()
                .ok_or_else(|| Fail::Usage("--db needs a file path".into()))?;
            db = Some(PathBuf::from(v));
        } else if let Some(v) = a.strip_prefix("--db=") {
            db = Some(PathBuf::from(v));
        } else {
            words.push(a.clone());
        }
    }
    if db.as_ref().is_some_and(|p| p.as_os_str().is_empty()) {
        return Err(Fail::Usage("--db needs a file path".into()));
    }
    Ok((db, words))
}

fn db_path(cmd: &Cmd) -> PathBuf {
    cmd.db.clone().unwrap_or_else(config::db_from_env)
}

fn dispatch(args: &[String], out: &mut dyn Write, err: &mut dyn Write, web: Option<&dyn afterview_core::posting::Fetch>) -> Outcome {
    let (db, words) = split_db(args)?;
    let Some(sub) = words.first().map(String::as_str) else {
        return Err(Fail::Usage(
            "which command? agenda, export, import, settings or help".into(),
        ));
    };
    let rest = &words[1..];
    if matches!(sub, "help" | "--help" | "-h") || rest.iter().any(|a| a == "--help" || a == "-h") {
        return write_out(out, &help());
    }
    if sub == "--version" {
        return write_out(out, &format!("afterview {}\n", env!("CARGO_PKG_VERSION")));
    }
    if !is_subcommand(sub) {
        return Err(Fail::Usage(format!("unknown command {sub:?}")));
    }
    // What the process was started with (config.rs); a zone that cannot be
    // read is said, never silently UTC.
    let (tz, warning) = config::local_zone();
    if let Some(w) = warning {
        let _ = writeln!(err, "afterview: {}", one_line(&w));
    }
    let cmd = &Cmd { db, tz, clock: Clock::from_env() };
    match sub {
        "agenda" => agenda::agenda(cmd, rest, out),
        "export" => export(cmd, rest, out),
        "export-csv" | "export-ics" => export_other(cmd, sub, rest, out),
        "report" => report(cmd, rest, out),
        "import" => import(cmd, rest, out),
        "settings" => settings::settings(cmd, rest, out),
        "ingest" => ingest::ingest(cmd, rest, out),
        "stats" => stats::stats(cmd, rest, out),
        "import-table" => import_table::run(cmd, rest, out),
        "add" => add::add(cmd, rest, out, web),
        other => Err(Fail::Usage(format!("unknown command {other:?}"))),
    }
}

fn write_out(out: &mut dyn Write, s: &str) -> Outcome {
    write_bytes(out, s.as_bytes())
}

fn write_bytes(out: &mut dyn Write, b: &[u8]) -> Outcome {
    out.write_all(b)
        .and_then(|()| out.flush())
        .map_err(|e| Fail::Error(format!("cannot write the output: {e}")))
}

/// Options of one subcommand: flags, options with a value (`--o V` or
/// `--o=V`) and positional words; anything else is a usage error.
#[derive(Default)]
struct Parsed {
    flags: Vec<&'static str>,
    values: Vec<(&'static str, String)>,
    positional: Vec<String>,
}

impl Parsed {
    fn flag(&self, f: &str) -> bool {
        self.flags.contains(&f)
    }
    fn value(&self, o: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(k, _)| *k == o)
            .map(|(_, v)| v.as_str())
    }
}

fn parse_opts(
    sub: &str,
    rest: &[String],
    flags: &[&'static str],
    valued: &[&'static str],
) -> Result<Parsed, Fail> {
    let mut p = Parsed::default();
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        if a == "-" || !a.starts_with('-') {
            p.positional.push(a.clone());
            continue;
        }
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) => (n, Some(v.to_owned())),
            None => (a.as_str(), None),
        };
        if let Some(f) = flags.iter().find(|f| **f == name) {
            if inline.is_some() {
                return Err(Fail::Usage(format!("{f} takes no value")));
            }
            p.flags.push(f);
        } else if let Some(o) = valued.iter().find(|o| **o == name) {
            let v = match inline {
                Some(v) => v,
                None => it
                    .next()
                    .cloned()
                    .ok_or_else(|| Fail::Usage(format!("{o} needs a value")))?,
            };
            p.values.push((o, v));
        } else {
            return Err(Fail::Usage(format!("{sub}: unknown option {name}")));
        }
    }
    Ok(p)
}

fn one_file(sub: &str, p: &Parsed) -> Result<String, Fail> {
    match p.positional.as_slice() {
        [f] => Ok(f.clone()),
        [] => Err(Fail::Usage(format!(
            "{sub} needs a FILE (- for {})",
            if sub.starts_with("export") || sub == "report" { "stdout" } else { "stdin" }
        ))),
        [_, extra, ..] => Err(Fail::Usage(format!("{sub}: unexpected argument {extra:?}"))),
    }
}

fn no_positional(sub: &str, p: &Parsed) -> Outcome {
    match p.positional.first() {
        Some(x) => Err(Fail::Usage(format!("{sub}: unexpected argument {x:?}"))),
        None => Ok(()),
    }
}

fn open(cmd: &Cmd, tz: Tz) -> Result<Store, Fail> {
    let path = db_path(cmd);
    Store::open(&path, tz).map_err(|e| Fail::Error(format!("{}: {e}", path.display())))
}

/// For the commands that only read (agenda, the exports, report, stats):
/// nothing is written, so read-only media can be read.
fn open_read_only(cmd: &Cmd, tz: Tz) -> Result<Store, Fail> {
    let path = db_path(cmd);
    Store::open_read_only(&path, tz).map_err(|e| Fail::Error(format!("{}: {e}", path.display())))
}

// ----- export / import -------------------------------------------------------------

fn export(cmd: &Cmd, rest: &[String], out: &mut dyn Write) -> Outcome {
    let p = parse_opts("export", rest, &[], &[])?;
    let file = one_file("export", &p)?;
    let store = open_read_only(cmd, cmd.tz)?;
    // The interchange document reads no clock: a refused AFTERVIEW_NOW does not stop it.
    let done = exports::render(&store, Export::Everything, cmd.now().unwrap_or_default())?;
    if !save(&file, &done.bytes, out)? {
        return Ok(());
    }
    write_out(out, &format!("Exported {} to {file}.\n", done.counted()))
}

/// `export-csv` and `export-ics`: the same data in the formats other
/// programs read (spreadsheets, calendars). Read-only on the database.
fn export_other(cmd: &Cmd, sub: &str, rest: &[String], out: &mut dyn Write) -> Outcome {
    let p = parse_opts(sub, rest, &[], &["--now"])?;
    let file = one_file(sub, &p)?;
    // `--now` as for agenda: which follow-ups are open, and the next one.
    let now = match p.value("--now") {
        None => cmd.now()?,
        Some(s) => DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc)).map_err(|_| {
            Fail::Usage(format!("--now: {s:?} is not an RFC 3339 instant like 2026-11-26T12:00:00Z"))
        })?,
    };
    let store = open_read_only(cmd, cmd.tz)?;
    let export = if sub == "export-csv" { Export::Applications } else { Export::Calendar };
    let done = exports::render(&store, export, now)?;
    if !save(&file, &done.bytes, out)? {
        return Ok(());
    }
    write_out(out, &format!("Exported {} to {file}.\n", done.counted()))
}

/// `report`: the job-search report between two local dates, CSV or HTML.
fn report(cmd: &Cmd, rest: &[String], out: &mut dyn Write) -> Outcome {
    let p = parse_opts("report", rest, &["--html"], &["--from", "--to"])?;
    let file = one_file("report", &p)?;
    let date = |o: &str| -> Result<chrono::NaiveDate, Fail> {
        let v = p.value(o).ok_or_else(|| Fail::Usage(format!("report needs {o} YYYY-MM-DD")))?;
        chrono::NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
            .map_err(|_| Fail::Usage(format!("{o}: {v:?} is not a date like 2026-11-01")))
    };
    let (from, to) = (date("--from")?, date("--to")?);
    let period = Period::new(from, to).ok_or_else(|| Fail::Usage(format!("--from {from} is after --to {to}")))?;
    let store = open_read_only(cmd, cmd.tz)?;
    let html = p.flag("--html");
    // Only the page to print is stamped with "now".
    let now = if html { cmd.now()? } else { cmd.now().unwrap_or_default() };
    let done = exports::render(&store, Export::Report { period, html }, now)?;
    if !save(&file, &done.bytes, out)? {
        return Ok(());
    }
    write_out(out, &format!("Wrote the report of {} ({from} to {to}) to {file}.\n", done.counted()))
}

/// Writes an export to `file` (through a temporary file beside it, renamed
/// over it: a reader never sees half a file), or to `out` when `file` is
/// "-"; true when it went to a file (and a line saying so is due).
fn save(file: &str, bytes: &[u8], out: &mut dyn Write) -> Result<bool, Fail> {
    if file == "-" {
        write_bytes(out, bytes)?;
        return Ok(false);
    }
    exports::write_atomically(Path::new(file), bytes).map_err(|e| Fail::Error(format!("cannot write {file}: {e}")))?;
    Ok(true)
}

fn import(cmd: &Cmd, rest: &[String], out: &mut dyn Write) -> Outcome {
    let p = parse_opts("import", rest, &["--merge", "--sample"], &[])?;
    let mode = if p.flag("--merge") {
        ImportMode::Merge
    } else {
        ImportMode::Empty
    };
    let sample = p.flag("--sample");
    let (text, name) = if sample {
        no_positional("import", &p)?;
        (String::new(), "the sample".to_owned())
    } else {
        let file = one_file("import", &p)?;
        // Refused in one line, before reading, when it is not a regular file
        // or is over the size cap (/dev/zero, a FIFO).
        let read = if file == "-" {
            afterview_core::private::read_stream_text(&mut std::io::stdin())
        } else {
            afterview_core::private::read_input_text(Path::new(&file))
        };
        let name = if file == "-" { "stdin".to_owned() } else { file };
        let text = read.map_err(|e| Fail::Error(format!("cannot read {name}: {e}")))?;
        (text, name)
    };
    let refused = |e: Error| {
        let msg = e.to_string();
        match (mode, e.field(), msg.split_once(';')) {
            (ImportMode::Empty, Some("database"), Some((holds, _))) => Fail::Error(format!(
                "cannot import {name}: {holds}; nothing was imported. Add --merge to add the file's applications \
                 whose id is new (the others and the settings stay unchanged)"
            )),
            _ => Fail::Error(format!("cannot import {name}: {msg}")),
        }
    };
    let doc = if sample {
        // The sample, dated around today (AFTERVIEW_NOW's day when set, for tests).
        let today = sample_today(cmd)?;
        format::sample_document(today).map_err(refused)?
    } else {
        format::parse(&text).map_err(refused)?
    };
    // Checked read-only first, so that a refused import never opens the
    // database for writing; the import checks again in its transaction.
    let path = db_path(cmd);
    format::check_import(&path, &doc, mode).map_err(refused)?;
    let mut store = open(cmd, cmd.tz)?;
    let (report, _) = imports::import(&mut store, &doc, mode, imports::Backup::No, cmd.now()?).map_err(|e| match e {
        imports::Refused::File(e) | imports::Refused::Backup(e) => refused(e),
    })?;
    write_out(out, &format!("{report}\n"))
}

fn sample_today(cmd: &Cmd) -> Result<chrono::NaiveDate, Fail> {
    Ok(cmd.now()?.with_timezone(&cmd.tz).date_naive())
}
