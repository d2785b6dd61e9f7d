//! `afterview settings [--checkin-cadence-days N] [--quiet-hours HH:MM-HH:MM]
//! [--physical-note-default yes|no] [--pre-interview-minutes N]
//! [--no-answer-after-checkins N] [--my-emails A,B] [--json] [--db PATH]`:
//! shows the settings, or changes those given, each checked on its own
//! before the database is opened.

use super::{no_positional, open, parse_opts, write_out, Cmd, Fail, Outcome};
use afterview_core::format;
use afterview_core::model::Settings;
use std::io::Write;

/// One change asked for on the command line, applied to the stored settings.
type Change = Box<dyn Fn(&mut Settings)>;

const CADENCE: &str = "--checkin-cadence-days";
const QUIET: &str = "--quiet-hours";
const NOTE: &str = "--physical-note-default";
const PRE: &str = "--pre-interview-minutes";
const NO_ANSWER: &str = "--no-answer-after-checkins";
const MY_EMAILS: &str = "--my-emails";

pub(super) fn settings(cmd: &Cmd, rest: &[String], out: &mut dyn Write) -> Outcome {
    let p = parse_opts(
        "settings",
        rest,
        &["--json"],
        &[CADENCE, "--cadence", QUIET, NOTE, PRE, NO_ANSWER, MY_EMAILS],
    )?;
    no_positional("settings", &p)?;
    let number = |o: &str, v: &str| {
        v.trim()
            .parse::<u32>()
            .map_err(|_| Fail::Usage(format!("{o}: {v:?} is not a whole number")))
    };
    // Each change is checked on its own before the database is opened.
    let mut changes: Vec<Change> = Vec::new();
    let alone = |s: Settings| s.validate().map_err(Fail::Error);
    // The numbers, in this order, each checked alone (its own refusal said).
    let numbers: [(&str, Option<&str>, fn(&mut Settings) -> &mut u32); 3] = [
        (CADENCE, p.value(CADENCE).or(p.value("--cadence")), |s| &mut s.checkin_cadence_days),
        (PRE, p.value(PRE), |s| &mut s.pre_interview_minutes),
        (NO_ANSWER, p.value(NO_ANSWER), |s| &mut s.no_answer_after_checkins),
    ];
    for (flag, value, field) in numbers {
        let Some(v) = value else { continue };
        let n = number(flag, v)?;
        let mut one = Settings::default();
        *field(&mut one) = n;
        alone(one)?;
        changes.push(Box::new(move |s| *field(s) = n));
    }
    if let Some(v) = p.value(QUIET) {
        let pair = v
            .split_once('-')
            .and_then(|(a, b)| Some((format::hh_mm(a.trim())?, format::hh_mm(b.trim())?)));
        let pair = pair.ok_or_else(|| {
            Fail::Usage(format!("{QUIET}: {v:?} is not a range like 21:00-08:00"))
        })?;
        changes.push(Box::new(move |s| s.quiet_hours = pair));
    }
    if let Some(v) = p.value(NOTE) {
        let b = match v.trim().to_ascii_lowercase().as_str() {
            "yes" | "true" | "on" => true,
            "no" | "false" | "off" => false,
            _ => return Err(Fail::Usage(format!("{NOTE}: {v:?} is not yes or no"))),
        };
        changes.push(Box::new(move |s| s.physical_note_default = b));
    }
    if let Some(v) = p.value(MY_EMAILS) {
        // Comma-separated; "" clears them.
        let list: Vec<String> = v.split(',').map(|e| e.trim().to_lowercase()).filter(|e| !e.is_empty()).collect();
        alone(Settings { my_emails: list.clone(), ..Settings::default() })?;
        changes.push(Box::new(move |s| s.my_emails = list.clone()));
    }
    let mut store = open(cmd, cmd.tz)?;
    let mut s = store.settings()?;
    if !changes.is_empty() {
        for c in &changes {
            c(&mut s);
        }
        s.validate().map_err(Fail::Error)?;
        store.set_settings(&s)?;
    }
    let text = if p.flag("--json") {
        let mut j = serde_json::to_string_pretty(&s).expect("settings always serialize");
        j.push('\n');
        j
    } else {
        let (from, to) = s.quiet_hours;
        format!(
            "checkin-cadence-days      {}\nquiet-hours               {}-{}\nphysical-note-default     {}\n\
             pre-interview-minutes     {}\nno-answer-after-checkins  {}\n",
            s.checkin_cadence_days,
            from.format("%H:%M"),
            to.format("%H:%M"),
            if s.physical_note_default { "yes" } else { "no" },
            s.pre_interview_minutes,
            s.no_answer_after_checkins
        ) + &if s.my_emails.is_empty() { String::new() } else { format!("my-emails                 {}\n", s.my_emails.join(", ")) }
    };
    write_out(out, &text)
}
