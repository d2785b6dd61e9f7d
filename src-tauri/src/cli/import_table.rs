//! `afterview import-table`: a spreadsheet or another tracker's export into
//! applications (docs/IMPORT.md), through the same code as the app's
//! "Import a spreadsheet…".
//!
//! ```text
//! afterview import-table FILE [--preset auto|linkedin|jobsync|huntr|teal|generic] [--map 'Header=field']...
//!                        [--date-order dmy|mdy|ymd] [--status 'Word=status']... [--include-duplicates]
//!                        [--start-clock dates|today] [--dry-run] [--json] [--db PATH]
//! ```
//!
//! The file and every answer are checked through a connection that cannot
//! write before the database is opened for writing; a refused import (a
//! file that is not a table, a bad value, an unknown status word, an
//! ambiguous date order) writes nothing, not even a backup.

use super::{db_path, one_file, open, write_out, Cmd, Fail, Outcome};
use afterview_core::model::Status;
use afterview_core::store::{self, table_import};
use afterview_core::table::{self, run, DateOrder, Field, Options, Plan, Preset};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

pub fn run(cmd: &Cmd, rest: &[String], out: &mut dyn Write) -> Outcome {
    let p = super::parse_opts(
        "import-table",
        rest,
        &["--dry-run", "--json", "--include-duplicates"],
        &["--preset", "--map", "--date-order", "--status", "--start-clock"],
    )?;
    let file = one_file("import-table", &p)?;
    let all = |o: &'static str| p.values.iter().filter(move |(k, _)| *k == o).map(|(_, v)| v.as_str());
    let mut opts = Options {
        preset: match p.value("--preset").map(str::trim) {
            None | Some("auto") => None,
            Some(v) => Some(v.parse::<Preset>().map_err(|e| Fail::Usage(format!("--preset: {e}")))?),
        },
        date_order: p
            .value("--date-order")
            .map(|v| v.parse::<DateOrder>().map_err(|e| Fail::Usage(format!("--date-order: {e}"))))
            .transpose()?,
        include_duplicates: p.flag("--include-duplicates"),
        start_clock_today: match p.value("--start-clock").map(str::trim) {
            None | Some("dates") => false,
            Some("today") => true,
            Some(v) => return Err(Fail::Usage(format!("--start-clock: {v:?} is not dates or today"))),
        },
        ..Options::default()
    };
    let name = Path::new(&file).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| file.clone());
    let t = table::read_file(Path::new(&file)).map_err(|e| Fail::Error(format!("{e} Nothing was imported.")))?;
    for m in all("--map") {
        let (header, field) = m
            .rsplit_once('=')
            .ok_or_else(|| Fail::Usage(format!("--map: {m:?} is not like 'Header=field'")))?;
        let header = header.trim();
        let field = field.parse::<Field>().map_err(|e| Fail::Usage(format!("--map {m:?}: {e}")))?;
        if !t.headers.iter().any(|h| h == header) {
            return Err(Fail::Usage(format!("--map: {name} has no column {header:?}; its columns are {:?}", t.headers)));
        }
        opts.map.insert(header.to_owned(), field);
    }
    for m in all("--status") {
        let (word, status) = m
            .rsplit_once('=')
            .ok_or_else(|| Fail::Usage(format!("--status: {m:?} is not like 'Phone screen=interviewing'")))?;
        let status = status.trim().parse::<Status>().map_err(|e| Fail::Usage(format!("--status {m:?}: {e}")))?;
        opts.statuses.insert(word.trim().to_owned(), status);
    }
    let tz = cmd.tz;
    let now = cmd.now()?;
    // Planned read-only first: a dry run, or a refusal, never opens the
    // database for writing (nor creates it).
    let plan = table_import::plan_for_file(&db_path(cmd), &t, &opts, tz, now)?;
    let blocked = plan.blocked().map(|why| Fail::Error(format!("cannot import {name}: {why}; nothing was imported")));
    if p.flag("--dry-run") {
        write_out(out, &if p.flag("--json") { json(&plan) } else { text(&name, &plan) })?;
        return blocked.map_or(Ok(()), Err);
    }
    if let Some(b) = blocked {
        return Err(b);
    }
    let mut store = open(cmd, tz)?;
    let done = run::import_with_backup(&mut store, &t, &opts, now)
        .map_err(|e| Fail::Error(format!("cannot import {name}: {e}")))?;
    let report = run::report_text(&done, tz);
    if p.flag("--json") {
        write_out(out, &json(&plan))?;
        // stdout stays one JSON document; the report goes beside it.
        eprintln!("{report}");
        Ok(())
    } else {
        write_out(out, &format!("{report}\n"))
    }
}

#[derive(Serialize)]
struct Doc<'a> {
    preset: Preset,
    columns: BTreeMap<&'a str, Option<Field>>,
    applications: Vec<AppJson<'a>>,
    skipped: &'a [table::Skip],
}

#[derive(Serialize)]
struct AppJson<'a> {
    row: usize,
    company: &'a str,
    role: &'a str,
    status: Option<Status>,
    applied_at: Option<String>,
    job_url: Option<&'a str>,
    location: Option<&'a str>,
    source: Option<&'a str>,
    notes: &'a str,
    contact: Option<&'a table::ContactCell>,
    duplicate_of: Option<&'a str>,
}

/// The `--json` document of the issue's contract, no more.
fn json(plan: &Plan) -> String {
    let mut columns = BTreeMap::new();
    for c in &plan.columns {
        columns.entry(c.header.as_str()).or_insert(c.field.filter(|f| *f != Field::Ignore));
    }
    let doc = Doc {
        preset: plan.preset,
        columns,
        applications: plan
            .applications
            .iter()
            .map(|r| AppJson {
                row: r.row,
                company: &r.company,
                role: &r.role,
                status: r.status,
                applied_at: r.applied_at.map(store::ts),
                job_url: r.job_url.as_deref(),
                location: r.location.as_deref(),
                source: r.source.as_deref(),
                notes: &r.notes,
                contact: r.contact.as_ref(),
                duplicate_of: r.duplicate_of.as_deref(),
            })
            .collect(),
        skipped: &plan.skipped,
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("the plan always serializes");
    s.push('\n');
    s
}

/// The dry run's readable preview.
fn text(name: &str, plan: &Plan) -> String {
    let mut s = format!("{name}: {}, read as {}.\n", plan.kind, plan.preset_label);
    for c in &plan.columns {
        let field = c.field.map_or("(not used)", |f| f.as_str());
        s.push_str(&format!("  {:<24} → {:<13} {}\n", c.header, field, c.samples.join(" · ")));
    }
    let sm = &plan.summary;
    let by: Vec<String> = sm.by_status.iter().map(|(k, n)| format!("{n} {k}")).collect();
    s.push_str(&format!(
        "Would import {} application{} ({}), {} contact{}; {} follow-up{}, {} overdue at once{}.\n",
        sm.create,
        if sm.create == 1 { "" } else { "s" },
        if by.is_empty() { "none".to_owned() } else { by.join(", ") },
        sm.contacts,
        if sm.contacts == 1 { "" } else { "s" },
        sm.followups,
        if sm.followups == 1 { "" } else { "s" },
        sm.overdue,
        if plan.start_clock_today {
            format!(" (clock started today; {} as the dates say)", sm.overdue_as_dates)
        } else {
            String::new()
        },
    ));
    if !plan.skipped.is_empty() {
        s.push_str(&format!("Skipped: {}.\n", run::skipped_text(&plan.skipped)));
    }
    for r in plan.applications.iter().filter(|r| r.duplicate_of.is_some()) {
        let what = if plan.include_duplicates { "imported again" } else { "left out; --include-duplicates imports it" };
        s.push_str(&format!(
            "Row {}: {} — {} is already in Afterview ({}): {what}.\n",
            r.row,
            r.company,
            r.role,
            r.duplicate_of.as_deref().unwrap_or("")
        ));
    }
    s.push_str("Dry run: nothing was written.\n");
    s
}
