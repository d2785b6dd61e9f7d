//! The job-search report between two dates: what an unemployment office asks
//! as proof of search. Every application with activity in the period, with
//! its dated events (applied, each change of stage, each interview, each
//! message sent or received), as a CSV (one row per event) and as a
//! printable, self-contained HTML page (A4, no script, no remote content;
//! every user text escaped).
//!
//! Dates are local calendar dates, both ends included.

use crate::error::{Error, Result};
use crate::export_csv::{finish, local_minute, write_row, writer};
use crate::model::{ApplicationRecord, Direction, InterviewFormat, Kind};
use chrono::{DateTime, NaiveDate, Utc};
use crate::zone::Tz;

/// One dated event of one application.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub at: DateTime<Utc>,
    pub activity: &'static str,
    pub details: String,
    pub contact: String,
    pub channel: String,
    pub message: String,
}

#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub record: &'a ApplicationRecord,
    pub events: Vec<Event>,
}

fn channel_label(c: &str) -> String {
    match c {
        "email" => "Email",
        "linkedin" => "LinkedIn",
        "note" => "Printed note",
        "phone" => "Phone",
        "other" => "Other",
        other => other,
    }
    .to_owned()
}

fn format_label(f: InterviewFormat) -> &'static str {
    match f {
        InterviewFormat::Phone => "Phone",
        InterviewFormat::Video => "Video",
        InterviewFormat::Onsite => "On-site",
    }
}

/// Every event of `r`, in time order.
pub fn events(r: &ApplicationRecord) -> Vec<Event> {
    let name = |id: &Option<String>| id.as_deref().and_then(|id| r.contact(id)).map(|c| c.name.clone()).unwrap_or_default();
    let mut out = Vec::new();
    if let Some(at) = r.application.applied_at {
        out.push(Event {
            at,
            activity: "Applied",
            details: r.application.source.as_deref().map(|s| format!("Source: {s}")).unwrap_or_default(),
            contact: String::new(),
            channel: String::new(),
            message: String::new(),
        });
    }
    // The first placement (no `from`) is the application itself, not a move.
    for s in r.status_changes.iter().filter(|s| s.from.is_some()) {
        out.push(Event {
            at: s.at,
            activity: "Stage changed",
            details: match s.from {
                Some(f) => format!("{} → {}", f.label(), s.to.label()),
                None => s.to.label().to_owned(),
            },
            contact: String::new(),
            channel: String::new(),
            message: String::new(),
        });
    }
    for i in &r.interviews {
        let with: Vec<String> = i
            .interviewer_ids
            .iter()
            .filter_map(|id| r.contact(id))
            .map(|c| match &c.title {
                Some(t) => format!("{} ({t})", c.name),
                None => c.name.clone(),
            })
            .collect();
        let mut details = format!("{} interview", format_label(i.format));
        if let Some(n) = i.next_steps.as_deref().filter(|s| !s.trim().is_empty()) {
            details.push_str(&format!("; next steps: {n}"));
        }
        out.push(Event {
            at: i.starts_at,
            activity: "Interview",
            details,
            contact: with.join(", "),
            channel: String::new(),
            message: String::new(),
        });
    }
    for m in &r.messages {
        let sent = m.direction == Direction::Sent;
        let about = m.followup_key.as_deref().and_then(Kind::of_key).map(|k| k.action().to_owned()).unwrap_or_default();
        out.push(Event {
            at: m.at,
            activity: if sent { "Message sent" } else { "Reply received" },
            details: about,
            contact: name(&m.contact_id),
            channel: channel_label(m.channel.as_str()),
            message: m.body.clone(),
        });
    }
    out.sort_by(|a, b| a.at.cmp(&b.at));
    out
}

/// The applications with activity between `from` and `to` (local dates,
/// included), each with its events in that period, by first event.
pub fn entries<'a>(records: &'a [ApplicationRecord], from: NaiveDate, to: NaiveDate, tz: Tz) -> Result<Vec<Entry<'a>>> {
    if from > to {
        return Err(Error::invalid("from", format!("The period starts ({from}) after it ends ({to}).")));
    }
    let mut out: Vec<Entry> = records
        .iter()
        .map(|r| Entry {
            record: r,
            events: events(r)
                .into_iter()
                .filter(|e| {
                    let d = e.at.with_timezone(&tz).date_naive();
                    d >= from && d <= to
                })
                .collect(),
        })
        .filter(|e| !e.events.is_empty())
        .collect();
    out.sort_by(|a, b| {
        a.events[0].at.cmp(&b.events[0].at).then_with(|| a.record.application.company.cmp(&b.record.application.company))
    });
    Ok(out)
}

pub const CSV_HEADERS: [&str; 10] =
    ["Date", "Company", "Role", "Activity", "Details", "Contact", "Channel", "Message", "Stage now", "Job URL"];

/// One row per event, in time order.
pub fn csv(records: &[ApplicationRecord], from: NaiveDate, to: NaiveDate, tz: Tz) -> Result<Vec<u8>> {
    let entries = entries(records, from, to, tz)?;
    let mut rows: Vec<(&Event, &ApplicationRecord)> =
        entries.iter().flat_map(|e| e.events.iter().map(move |ev| (ev, e.record))).collect();
    rows.sort_by(|a, b| a.0.at.cmp(&b.0.at));
    let mut w = writer();
    write_row(&mut w, CSV_HEADERS)?;
    for (ev, r) in rows {
        let a = &r.application;
        write_row(
            &mut w,
            [
                local_minute(ev.at, tz),
                a.company.clone(),
                a.role.clone(),
                ev.activity.to_owned(),
                ev.details.clone(),
                ev.contact.clone(),
                ev.channel.clone(),
                ev.message.clone(),
                a.status.label().to_owned(),
                a.job_url.clone().unwrap_or_default(),
            ],
        )?;
    }
    finish(w)
}

/// Text for HTML: `&`, `<`, `>`, `"` and `'` escaped.
pub fn esc(s: &str) -> String {
    escaped(s, true)
}

/// Text content for XML-like markup (HTML, the notification body): `&`, `<`
/// and `>` escaped, quotes kept as they are.
pub fn esc_text(s: &str) -> String {
    escaped(s, false)
}

fn escaped(s: &str, quotes: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quotes => out.push_str("&quot;"),
            '\'' if quotes => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "\
@page { size: A4; margin: 18mm 16mm; }
body { font: 10.5pt/1.4 'DejaVu Sans', 'Noto Sans', sans-serif; color: #111; margin: 0 auto; max-width: 180mm; }
h1 { font-size: 17pt; margin: 0 0 2mm; } h2 { font-size: 12pt; margin: 0; }
.meta { color: #444; margin: 0 0 6mm; }
.totals { display: flex; gap: 8mm; margin: 0 0 6mm; padding: 3mm 0; border-top: 1px solid #999; border-bottom: 1px solid #999; }
.totals b { font-size: 14pt; display: block; }
section { break-inside: avoid; margin: 0 0 6mm; }
.app { color: #444; margin: 1mm 0 2mm; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: 1.2mm 2mm 1.2mm 0; border-bottom: 1px solid #ddd; }
th { font-size: 9pt; color: #444; }
td.when { white-space: nowrap; width: 30mm; }
.msg { color: #333; white-space: pre-wrap; font-size: 9.5pt; }
footer { color: #666; font-size: 9pt; margin-top: 8mm; }
";

/// The printable page.
pub fn html(records: &[ApplicationRecord], from: NaiveDate, to: NaiveDate, tz: Tz, now: DateTime<Utc>) -> Result<String> {
    let entries = entries(records, from, to, tz)?;
    let count = |what: &str| entries.iter().flat_map(|e| &e.events).filter(|e| e.activity == what).count();
    let period = format!("{} – {}", from.format("%-d %B %Y"), to.format("%-d %B %Y"));
    let mut s = String::new();
    s.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    s.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
    s.push_str(&format!("<title>Job search activity, {}</title><style>{STYLE}</style></head><body>\n", esc(&period)));
    s.push_str(&format!("<h1>Job search activity</h1>\n<p class=\"meta\">{} · generated {} · times in {}</p>\n",
        esc(&period), esc(&local_minute(now, tz)), esc(tz.name())));
    s.push_str(&format!(
        "<div class=\"totals\"><div><b>{}</b>applications with activity</div><div><b>{}</b>applications sent</div>\
         <div><b>{}</b>interviews</div><div><b>{}</b>messages sent</div></div>\n",
        entries.len(), count("Applied"), count("Interview"), count("Message sent")
    ));
    if entries.is_empty() {
        s.push_str("<p>No activity in this period.</p>\n");
    }
    for e in &entries {
        let a = &e.record.application;
        s.push_str(&format!("<section><h2>{} — {}</h2>\n<p class=\"app\">Stage now: {}", esc(&a.company), esc(&a.role), esc(a.status.label())));
        if let Some(l) = &a.location {
            s.push_str(&format!(" · {}", esc(l)));
        }
        if let Some(u) = &a.job_url {
            s.push_str(&format!(" · {}", esc(u)));
        }
        s.push_str("</p>\n<table><thead><tr><th>When</th><th>Activity</th><th>Details</th></tr></thead><tbody>\n");
        for ev in &e.events {
            let mut details = esc(&ev.details);
            let extra: Vec<String> = [&ev.channel, &ev.contact].iter().filter(|x| !x.is_empty()).map(|x| esc(x)).collect();
            if !extra.is_empty() {
                if !details.is_empty() {
                    details.push_str(" · ");
                }
                details.push_str(&extra.join(" · "));
            }
            if !ev.message.trim().is_empty() {
                let body: String = ev.message.chars().take(600).collect();
                let more = if ev.message.chars().count() > 600 { "…" } else { "" };
                details.push_str(&format!("<div class=\"msg\">{}{more}</div>", esc(&body)));
            }
            s.push_str(&format!(
                "<tr><td class=\"when\">{}</td><td>{}</td><td>{details}</td></tr>\n",
                esc(&local_minute(ev.at, tz)),
                esc(ev.activity)
            ));
        }
        s.push_str("</tbody></table></section>\n");
    }
    s.push_str("<footer>Made with Afterview from the applications and messages recorded in it.</footer>\n</body></html>\n");
    Ok(s)
}

#[cfg(test)]
mod tests;
