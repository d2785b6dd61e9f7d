//! What Insights reads (crate::insights has the definitions): every
//! application's date, source and status, its status changes, its messages
//! without their text, its interviews' ends and interviewers, and the due
//! time of each follow-up open at `now`. One query per table, no text bodies:
//! at 5,000 applications this is what the stats cost (BENCHMARKS.md).

use super::{parse_opt_ts, parse_ts, parse_wire, ts, Store};
use crate::error::Result;
use crate::insights::{self, AppFacts, Facts, InterviewFact, MessageFact, Period, Stats};
use crate::model::StatusChange;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row};
use std::collections::HashMap;

impl Store {
    /// The facts of [`insights::stats`] at `now`.
    pub fn insight_facts(&self, now: DateTime<Utc>) -> Result<Facts> {
        insight_facts(self.conn(), now)
    }

    /// The Insights figures of period `p` at `now`, in the store's zone.
    pub fn stats(&self, p: Period, now: DateTime<Utc>) -> Result<Stats> {
        Ok(insights::stats(&self.insight_facts(now)?, p, self.zone(), now))
    }
}

/// The position in `apps` (sorted by id) of application `id`, walking
/// forward from `*at`: every table is read in application order, so each
/// row costs a comparison, not a hash lookup.
fn seek(apps: &[AppFacts], at: &mut usize, id: &str) -> Option<usize> {
    while *at < apps.len() && apps[*at].id.as_str() < id {
        *at += 1;
    }
    (*at < apps.len() && apps[*at].id == id).then_some(*at)
}

/// The position in `apps` (sorted by id) of application `id`.
fn find(apps: &[AppFacts], id: &str) -> Option<usize> {
    apps.binary_search_by(|a| a.id.as_str().cmp(id)).ok()
}

/// Column `i` as text, without a copy.
fn text<'a>(r: &'a Row, i: usize) -> rusqlite::Result<&'a str> {
    Ok(r.get_ref(i)?.as_str()?)
}

pub fn insight_facts(c: &Connection, now: DateTime<Utc>) -> Result<Facts> {
    let mut apps: Vec<AppFacts> = Vec::new();
    let mut st = c.prepare("SELECT id, status, applied_at, source FROM applications ORDER BY id")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        apps.push(AppFacts {
            id: r.get(0)?,
            status: parse_wire(text(r, 1)?)?,
            applied_at: parse_opt_ts(r.get(2)?)?,
            source: r.get(3)?,
            status_changes: Vec::new(),
            messages: Vec::new(),
            interviews: Vec::new(),
        });
    }
    // Status changes, interviews and their interviewers are read in table
    // order (a sequential scan, no sort in SQLite) and put in order here; the
    // messages come in the order of their covering index (schema 7).
    let mut changes = Vec::new();
    let mut st = c.prepare("SELECT application_id, at, id, from_status, to_status FROM status_changes")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let Some(i) = find(&apps, text(r, 0)?) else { continue };
        let from: Option<&str> = r.get_ref(3)?.as_str_or_null().map_err(rusqlite::Error::from)?;
        let change = StatusChange {
            at: parse_ts(text(r, 1)?)?,
            from: from.map(parse_wire).transpose()?,
            to: parse_wire(text(r, 4)?)?,
        };
        changes.push((i, change.at, r.get::<_, i64>(2)?, change));
    }
    changes.sort_unstable_by_key(|c| (c.0, c.1, c.2));
    for (i, _, _, change) in changes {
        apps[i].status_changes.push(change);
    }
    let mut st = c.prepare("SELECT application_id, at, direction, followup_key FROM messages ORDER BY application_id, at, id")?;
    let (mut rows, mut at) = (st.query([])?, 0);
    while let Some(r) = rows.next()? {
        let Some(i) = seek(&apps, &mut at, text(r, 0)?) else { continue };
        apps[i].messages.push(MessageFact {
            at: parse_ts(text(r, 1)?)?,
            direction: parse_wire(text(r, 2)?)?,
            followup_key: r.get(3)?,
        });
    }
    let mut with: HashMap<String, Vec<(i64, String)>> = HashMap::new();
    let mut st = c.prepare("SELECT interview_id, contact_id, ord FROM interview_contacts")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        with.entry(r.get(0)?).or_default().push((r.get(2)?, r.get(1)?));
    }
    let mut interviews = Vec::new();
    let mut st = c.prepare("SELECT application_id, starts_at, id, ends_at FROM interviews")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let Some(i) = find(&apps, text(r, 0)?) else { continue };
        let id: String = r.get(2)?;
        let mut by = with.remove(&id).unwrap_or_default();
        by.sort_unstable();
        let fact = InterviewFact { interviewer_ids: by.into_iter().map(|(_, c)| c).collect(), id, ends_at: parse_ts(text(r, 3)?)? };
        interviews.push((i, parse_ts(text(r, 1)?)?, fact));
    }
    interviews.sort_unstable_by(|a, b| (a.0, a.1, &a.2.id).cmp(&(b.0, b.1, &b.2.id)));
    for (i, _, fact) in interviews {
        apps[i].interviews.push(fact);
    }
    let mut st = c.prepare("SELECT due_at FROM followups WHERE closes_at IS NULL OR closes_at > ?1")?;
    let open_due = st
        .query_map([ts(now)], |r| parse_ts(text(r, 0)?))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Facts { applications: apps, open_due })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format;
    use crate::zone::Tz;

    /// The facts read by SQL are the facts of the records, follow-ups as the agenda has them.
    #[test]
    fn reads_the_same_facts_as_the_records() {
        let tz = Tz::named("Europe/Berlin");
        let mut store = Store::open_in_memory(tz).unwrap();
        let doc = format::parse(format::SAMPLE_JSON).unwrap();
        let now: DateTime<Utc> = "2026-11-26T10:00:00Z".parse().unwrap();
        store.insert_records(&doc.applications, Some(&doc.settings), now).unwrap();
        let facts = store.insight_facts(now).unwrap();
        let mut want: Vec<AppFacts> = store.all_records().unwrap().iter().map(AppFacts::from).collect();
        want.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(facts.applications, want);
        let mut due: Vec<DateTime<Utc>> = store.agenda(now).unwrap().iter().map(|f| f.due_at).collect();
        let mut got = facts.open_due.clone();
        due.sort();
        got.sort();
        assert_eq!(got, due);
        assert!(!got.is_empty());
        let p = Period::new("2026-11-01".parse().unwrap(), "2026-11-30".parse().unwrap()).unwrap();
        let s = store.stats(p, now).unwrap();
        assert_eq!(s.funnel.applied, 7, "the sample's eight applications but the wishlist one");
    }
}
