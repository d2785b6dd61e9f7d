//! `afterview agenda [--json] [--now RFC3339] [--db PATH]`: every open
//! follow-up (afterview_core::agenda, the Today view's), as text grouped
//! into overdue, today and upcoming (local days), or as the JSON contract.

use super::{no_positional, open_read_only, parse_opts, write_out, Cmd, Fail, Outcome};
use afterview_core::agenda::{Agenda, AgendaItem};
use afterview_core::model::Kind;
use afterview_core::store;
use afterview_core::zone::Tz;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct AgendaJson<'a> {
    now: String,
    followups: Vec<AgendaItemJson<'a>>,
}

/// One follow-up of `agenda --json`. The first seven names are the contract.
#[derive(Serialize)]
struct AgendaItemJson<'a> {
    key: &'a str,
    kind: Kind,
    application_id: &'a str,
    company: &'a str,
    contact_id: Option<&'a str>,
    due_at: String,
    due: bool,
    contact_name: Option<&'a str>,
    interview_id: Option<&'a str>,
    action: &'static str,
    snoozed: bool,
}

pub(super) fn agenda(cmd: &Cmd, rest: &[String], out: &mut dyn Write) -> Outcome {
    let p = parse_opts("agenda", rest, &["--json"], &["--now"])?;
    no_positional("agenda", &p)?;
    let now = match p.value("--now") {
        None => cmd.now()?,
        Some(s) => DateTime::parse_from_rfc3339(s)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| {
                Fail::Usage(format!(
                    "--now: {s:?} is not an RFC 3339 instant like 2026-11-26T12:00:00Z"
                ))
            })?,
    };
    let tz = cmd.tz;
    let store = open_read_only(cmd, tz)?;
    let agenda = Agenda::of(&store, now)?;
    let text = if p.flag("--json") {
        agenda_json(&agenda)
    } else {
        agenda_text(&agenda, tz)
    };
    write_out(out, &text)
}

fn agenda_json(agenda: &Agenda) -> String {
    let doc = AgendaJson {
        now: store::ts(agenda.now),
        followups: agenda
            .items
            .iter()
            .map(|AgendaItem { followup: f, action, due }| AgendaItemJson {
                key: &f.key,
                kind: f.kind,
                application_id: &f.application_id,
                company: &f.company,
                contact_id: f.contact_id.as_deref(),
                due_at: store::ts(f.due_at),
                due: *due,
                contact_name: f.contact_name.as_deref(),
                interview_id: f.interview_id.as_deref(),
                action,
                snoozed: f.snoozed,
            })
            .collect(),
    };
    // Plain structs with string keys: serde_json cannot fail on them.
    let mut s = serde_json::to_string_pretty(&doc).expect("the agenda always serializes");
    s.push('\n');
    s
}

/// Overdue: due before now, on an earlier local day. Today: due on the
/// local date of now. Upcoming: later.
fn agenda_text(agenda: &Agenda, tz: Tz) -> String {
    let now = agenda.now;
    if agenda.items.is_empty() {
        return "Nothing to follow up. Follow-ups appear here once an application is applied for \
                or an interview is logged in Afterview.\n"
            .into();
    }
    let today = now.with_timezone(&tz).date_naive();
    let mut groups: [(&str, Vec<&AgendaItem>); 3] =
        [("Overdue", vec![]), ("Today", vec![]), ("Upcoming", vec![])];
    for item in &agenda.items {
        let f = &item.followup;
        let day = f.due_at.with_timezone(&tz).date_naive();
        let g = if day < today && f.due_at < now {
            0
        } else if day <= today {
            1
        } else {
            2
        };
        groups[g].1.push(item);
    }
    let mut s = String::new();
    for (title, list) in groups.iter().filter(|(_, l)| !l.is_empty()) {
        if !s.is_empty() {
            s.push('\n');
        }
        s.push_str(&format!("{title} ({})\n", list.len()));
        for AgendaItem { followup: f, action, .. } in list.iter().copied() {
            let when = f.due_at.with_timezone(&tz).format("%a %d %b %H:%M");
            let who = match &f.contact_name {
                Some(n) => format!("{} ({n})", f.company),
                None => f.company.clone(),
            };
            let snoozed = if f.snoozed { " (snoozed)" } else { "" };
            s.push_str(&format!("  {when}  {who}: {action}{snoozed}\n"));
        }
    }
    s
}
