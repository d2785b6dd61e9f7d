//! `afterview stats [--from DATE --to DATE] [--json] [--db PATH]`: the
//! Insights figures (afterview_core::insights, DESIGN §7) of a period of local
//! calendar dates, both included; without dates, the last 30 days up to
//! today.

use super::{no_positional, open_read_only, parse_opts, write_out, Cmd, Fail, Outcome};
use afterview_core::insights::{Period, Stats, DEFAULT_DAYS};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::io::Write;

pub(super) fn stats(cmd: &Cmd, rest: &[String], out: &mut dyn Write) -> Outcome {
    let p = parse_opts("stats", rest, &["--json"], &["--from", "--to"])?;
    no_positional("stats", &p)?;
    let date = |o: &str, v: &str| {
        NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").map_err(|_| Fail::Usage(format!("{o}: {v:?} is not a date like 2026-11-01")))
    };
    let chosen = match (p.value("--from"), p.value("--to")) {
        (Some(f), Some(t)) => Some((date("--from", f)?, date("--to", t)?)),
        (None, None) => None,
        (Some(_), None) => return Err(Fail::Usage("stats: --from needs --to as well (or neither, for the last 30 days)".into())),
        (None, Some(_)) => return Err(Fail::Usage("stats: --to needs --from as well (or neither, for the last 30 days)".into())),
    };
    let now = cmd.now()?;
    let tz = cmd.tz;
    let period = match chosen {
        Some((f, t)) => Period::new(f, t).map_err(|e| Fail::Usage(e.to_string()))?,
        None => Period::last_days(DEFAULT_DAYS, now.with_timezone(&tz).date_naive()),
    };
    let store = open_read_only(cmd, tz)?;
    let s = store.stats(period, now)?;
    let text = if p.flag("--json") { json(&s, now) } else { text(&s, chosen.is_none()) };
    write_out(out, &text)
}

/// The figures in their own order (the contract's fields first), then `now`.
#[derive(Serialize)]
struct StatsJson<'a> {
    #[serde(flatten)]
    stats: &'a Stats,
    now: String,
}

fn json(s: &Stats, now: DateTime<Utc>) -> String {
    let doc = StatsJson { stats: s, now: afterview_core::store::ts(now) };
    let mut out = serde_json::to_string_pretty(&doc).expect("the stats always serialize");
    out.push('\n');
    out
}

/// "5 (71 %)": a count and its share of `of`, no share of nothing.
fn share(n: usize, of: usize) -> String {
    match of {
        0 => n.to_string(),
        _ => format!("{n} ({:.0} %)", 100.0 * n as f64 / of as f64),
    }
}

fn days(d: Option<f64>) -> String {
    d.map_or_else(|| "–".to_owned(), |d| format!("{d:.1}"))
}

fn text(s: &Stats, default: bool) -> String {
    let mut o = format!(
        "Insights, {} to {}{} (times in {})\n\n",
        s.from.format("%-d %B %Y"),
        s.to.format("%-d %B %Y"),
        if default { ", the last 30 days" } else { "" },
        s.zone
    );
    if s.funnel.applied == 0 {
        o.push_str("No applications with an application date in this period.\n");
    } else {
        o.push_str(&format!("{:<13}{}\n", "Applied", s.funnel.applied));
        for (name, n) in [("Responded", s.funnel.responded), ("Interviewed", s.funnel.interviewed), ("Offers", s.funnel.offers), ("Rejected", s.funnel.rejected)] {
            o.push_str(&format!("{name:<13}{}\n", share(n, s.funnel.applied)));
        }
        o.push_str(&format!("Median days to the first response: {}\n", days(s.median_days_to_response)));
        o.push_str("\nBy source                         applied  responded  median days\n");
        for g in &s.by_source {
            let name: String = g.source.as_deref().unwrap_or("(no source)").chars().take(32).collect();
            o.push_str(&format!("  {name:<32}{:>7}{:>11}{:>13}\n", g.applied, g.responded, days(g.median_days_to_response)));
        }
    }
    let t = s.habits.thank_you_on_time;
    let c = s.habits.check_ins;
    let r = s.habits.rejection_replies;
    o.push_str(&format!(
        "\nFollow-ups\n  Thank-yous sent within 24 h:     {} of {} due\n  \
         Check-ins sent:                  {} ({} answered within 14 days, {} still waiting)\n  \
         Overdue now:                     {}\n  Replies to rejections sent:      {} of {}\n",
        t.sent_within_24h, t.due, c.sent, c.answered_within_14d, c.waiting, s.habits.overdue, r.sent, r.due
    ));
    o
}
