//! `afterview ingest FILE... [--application ID] [--dry-run] [--json] [--db PATH]`
//! (issue 14, a public contract): each invitation (.ics) or email (.eml)
//! recorded in its own transaction, a bad file among several writing
//! nothing for itself and leaving the others be. `--json` prints
//! `{"files": [...]}`, one [`IngestReport`] a file, instants RFC 3339 UTC.
//! Exit status 1 when any file was refused (the others are still recorded).

use super::{db_path, open, parse_opts, write_out, Cmd, Fail, Outcome};
use afterview_core::store::ingest::IngestReport;
use afterview_core::store::Store;
use afterview_core::zone::Tz;
use chrono::DateTime;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct Files<'a> {
    files: &'a [IngestReport],
}

pub(super) fn ingest(cmd: &Cmd, rest: &[String], out: &mut dyn Write) -> Outcome {
    let p = parse_opts("ingest", rest, &["--dry-run", "--json"], &["--application"])?;
    if p.positional.is_empty() {
        return Err(Fail::Usage("ingest needs at least one FILE (an .ics invitation or an .eml email)".into()));
    }
    let given = p.value("--application").map(str::trim);
    if given == Some("") {
        return Err(Fail::Usage("--application needs an application id".into()));
    }
    let dry = p.flag("--dry-run");
    let tz = cmd.tz;
    // A dry run against a database that does not exist yet creates nothing.
    let mut store = if dry && !db_path(cmd).exists() { Store::open_in_memory(tz)? } else { open(cmd, tz)? };
    let reports: Vec<IngestReport> = p
        .positional
        .iter()
        .map(|f| match std::fs::read(f) {
            Ok(bytes) => store.ingest(f, &bytes, given, dry),
            Err(e) => {
                let mut r = store.ingest(f, b"", given, true);
                r.error = Some(format!("cannot read {f}: {e}"));
                r
            }
        })
        .collect();
    let text = if p.flag("--json") {
        let mut s = serde_json::to_string_pretty(&Files { files: &reports }).expect("the report always serializes");
        s.push('\n');
        s
    } else {
        reports.iter().map(|r| line(r, tz, dry)).collect()
    };
    write_out(out, &text)?;
    match reports.iter().filter(|r| r.error.is_some()).count() {
        0 => Ok(()),
        n => Err(Fail::Error(format!("{n} of {} file{} refused, nothing written for {}", reports.len(), if reports.len() == 1 { "" } else { "s" }, if n == 1 { "it" } else { "them" }))),
    }
}

fn local(s: &str, tz: Tz) -> String {
    DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&tz).format("%a %d %b %Y %H:%M").to_string()).unwrap_or_else(|_| s.to_owned())
}

/// One readable line (and a proposal line) for a file.
fn line(r: &IngestReport, tz: Tz, dry: bool) -> String {
    if let Some(e) = &r.error {
        return format!("{}: refused: {e}\n", r.file);
    }
    let Some(company) = &r.company else {
        return format!("{}: matches no application, nothing written (give --application ID to log it)\n", r.file);
    };
    let by = match r.matched_by {
        Some(afterview_core::ingest::matching::MatchedBy::ContactEmail) => "by a contact's address",
        Some(afterview_core::ingest::matching::MatchedBy::Domain) => "by domain",
        _ => "as given",
    };
    let what = match (&r.interview, &r.message) {
        (Some(iv), _) => format!("interview {} ({}, {} to {})", iv.change, iv.format, local(&iv.starts_at, tz), local(&iv.ends_at, tz)),
        (None, Some(m)) => format!(
            "{} email {:?} of {}{}",
            m.direction,
            m.subject,
            local(&m.at, tz),
            m.followup_key.as_deref().map(|k| format!(", closes {k}")).unwrap_or_default()
        ),
        (None, None) => "nothing".into(),
    };
    let mut s = format!(
        "{}: {}{what} for {company} (matched {by}){}\n",
        r.file,
        if dry { "would log " } else { "" },
        match r.contacts_added.len() {
            0 => String::new(),
            n => format!(", {n} contact{} added", if n == 1 { "" } else { "s" }),
        }
    );
    for p in &r.proposals {
        s.push_str(&format!("  This looks like a rejection ({}): move {company} to Rejected? Drag its card, or in the app accept the proposal.\n", p.why));
    }
    s
}
