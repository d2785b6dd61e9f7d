//! iCalendar (RFC 5545) export: every interview, and every open follow-up
//! with an alarm, for any calendar app, with no account.
//!
//! - UIDs are stable: `interview-<id>@afterview` and `<follow-up key>@afterview`,
//!   so importing a newer export updates the events instead of doubling them
//!   (a check-in's key holds its due date, so a moved check-in is a new one).
//! - Times are UTC (`DTSTART:20261120T140000Z`): no VTIMEZONE needed, and
//!   the calendar shows them in the user's zone.
//! - Follow-ups are 15-minute events, free time (`TRANSP:TRANSPARENT`), with
//!   a `VALARM` at their due time; interviews are busy time, without an alarm
//!   (the pre-interview follow-up is the reminder).
//! - Lines end with CRLF and are folded at 75 octets, never inside a UTF-8
//!   character (§3.1); TEXT values escape `\`, `;`, `,` and line breaks (§3.3.11).

use crate::error::Result;
use crate::model::{ApplicationRecord, InterviewFormat};
use crate::store::Store;
use chrono::{DateTime, Utc};

/// `20261120T140000Z`.
pub fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value, escaped (RFC 5545 §3.3.11).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in TEXT.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded: at most 75 octets per physical line, each
/// continuation starting with a space; CRLF after each.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

struct Cal {
    out: String,
}

impl Cal {
    fn line(&mut self, name: &str, value: &str) {
        self.out.push_str(&fold(&format!("{name}:{value}")));
    }
    fn text(&mut self, name: &str, value: &str) {
        self.line(name, &escape(value));
    }
}

fn format_label(f: InterviewFormat) -> &'static str {
    match f {
        InterviewFormat::Phone => "Phone",
        InterviewFormat::Video => "Video",
        InterviewFormat::Onsite => "On-site",
    }
}

/// The calendar: interviews of every application, open follow-ups at `now`.
pub fn calendar(store: &Store, now: DateTime<Utc>) -> Result<String> {
    let records = store.all_records()?;
    let followups = store.agenda(now)?;
    Ok(build(&records, &followups, now))
}

/// The pure part of [`calendar`].
pub fn build(records: &[ApplicationRecord], followups: &[crate::model::FollowUp], now: DateTime<Utc>) -> String {
    let mut c = Cal { out: String::new() };
    c.line("BEGIN", "VCALENDAR");
    c.line("VERSION", "2.0");
    c.line("PRODID", &format!("-//Afterview//Afterview {}//EN", env!("CARGO_PKG_VERSION")));
    c.line("CALSCALE", "GREGORIAN");
    c.line("METHOD", "PUBLISH");
    c.text("X-WR-CALNAME", "Afterview: interviews and follow-ups");
    let stamp = utc(now);
    for r in records {
        let a = &r.application;
        for i in &r.interviews {
            c.line("BEGIN", "VEVENT");
            c.text("UID", &format!("interview-{}@afterview", i.id));
            c.line("DTSTAMP", &stamp);
            c.line("DTSTART", &utc(i.starts_at));
            c.line("DTEND", &utc(i.ends_at));
            c.text("SUMMARY", &format!("Interview: {} ({})", a.company, a.role));
            let mut desc = vec![format!("{} interview for {} at {}.", format_label(i.format), a.role, a.company)];
            let names: Vec<&str> =
                i.interviewer_ids.iter().filter_map(|id| r.contact(id)).map(|ct| ct.name.as_str()).collect();
            if !names.is_empty() {
                desc.push(format!("With {}.", names.join(", ")));
            }
            if let Some(s) = i.next_steps.as_deref().filter(|s| !s.trim().is_empty()) {
                desc.push(format!("Next steps: {s}"));
            }
            if let Some(d) = i.expected_reply_by {
                desc.push(format!("Expected reply by {}.", d.format("%Y-%m-%d")));
            }
            c.text("DESCRIPTION", &desc.join("\n"));
            if let Some(loc) = a.location.as_deref().filter(|_| i.format == InterviewFormat::Onsite) {
                c.text("LOCATION", loc);
            }
            if let Some(u) = a.job_url.as_deref() {
                c.line("URL", u);
            }
            c.line("STATUS", "CONFIRMED");
            c.line("TRANSP", "OPAQUE");
            c.line("END", "VEVENT");
        }
    }
    for f in followups {
        let who = match &f.contact_name {
            Some(n) => format!("{} ({n})", f.company),
            None => f.company.clone(),
        };
        let summary = format!("{}: {who}", f.kind.action());
        c.line("BEGIN", "VEVENT");
        c.text("UID", &format!("{}@afterview", f.key));
        c.line("DTSTAMP", &stamp);
        c.line("DTSTART", &utc(f.due_at));
        c.line("DURATION", "PT15M");
        c.text("SUMMARY", &summary);
        c.text("DESCRIPTION", &format!("{summary}.\nOpen Afterview to draft it and mark it sent."));
        c.line("TRANSP", "TRANSPARENT");
        c.line("BEGIN", "VALARM");
        c.line("ACTION", "DISPLAY");
        c.text("DESCRIPTION", &summary);
        c.line("TRIGGER;RELATED=START", "PT0M");
        c.line("END", "VALARM");
        c.line("END", "VEVENT");
    }
    c.line("END", "VCALENDAR");
    c.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_values() {
        assert_eq!(escape("a\\b;c,d\ne\r\nf\rg"), "a\\\\b\\;c\\,d\\ne\\nf\\ng");
        assert_eq!(escape("bell\u{7}"), "bell");
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let short = fold("SUMMARY:hi");
        assert_eq!(short, "SUMMARY:hi\r\n");
        let long = format!("DESCRIPTION:{}", "é".repeat(100)); // 2 octets each
        let folded = fold(&long);
        for l in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        // Unfolding (remove CRLF + one space) gives the line back.
        assert_eq!(folded.trim_end_matches("\r\n").replace("\r\n ", ""), long);
        assert_eq!(fold(&"x".repeat(75)), format!("{}\r\n", "x".repeat(75)));
        assert_eq!(fold(&"x".repeat(76)), format!("{}\r\n x\r\n", "x".repeat(75)));
    }
}
