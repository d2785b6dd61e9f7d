//! The board in pages (issue 17): for each column, how many cards it holds,
//! how many match the search, and the first page of them in position order;
//! then, as a column scrolls, the page after its last card shown. The search
//! runs here, in SQLite, over each application's folded company, role and
//! contact names (`applications.search`, kept by `refresh`; the rule is
//! crate::search's), so the page never holds more cards than it shows.

use super::*;
use crate::search;
use rusqlite::types::Value;

/// One column of the board as the page shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    pub status: Status,
    /// Cards in the column, whatever the search.
    pub total: u32,
    /// Cards of the column matching the search (`total` without one).
    pub matching: u32,
    /// A page of the matching cards, in position order.
    pub cards: Vec<Card>,
}

/// Where a page starts: after the card at this position (ties by id, as
/// the board orders them).
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct After {
    pub position: f64,
    pub id: String,
}

/// The SQL condition for "matches the search" and its values: every folded
/// word of the query appears in the stored folded text.
fn matching(query: &str) -> (String, Vec<Value>) {
    let words = search::words(query);
    let cond = if words.is_empty() {
        "1".to_owned()
    } else {
        vec!["instr(search, ?) > 0"; words.len()].join(" AND ")
    };
    (cond, words.into_iter().map(Value::Text).collect())
}

impl Store {
    /// The board's columns at `now`: counts, and the first `limit` cards of
    /// each matching `query`.
    pub fn board_columns(&self, now: DateTime<Utc>, query: &str, limit: u32) -> Result<Vec<Column>> {
        let c = self.conn();
        let (cond, words) = matching(query);
        let matching = status_counts(c, &cond, &words)?;
        let total = if words.is_empty() { matching.clone() } else { status_counts(c, "1", &[])? };
        Status::BOARD
            .iter()
            .map(|&status| {
                let n = matching.get(status.as_str()).copied().unwrap_or(0);
                let cards = if n == 0 { vec![] } else { page(c, now, status, &cond, &words, None, limit)? };
                Ok(Column { status, total: total.get(status.as_str()).copied().unwrap_or(0), matching: n, cards })
            })
            .collect()
    }

    /// The `limit` cards of column `status` matching `query` after `after`
    /// (from the top when `None`), with the column's counts.
    pub fn column_page(&self, now: DateTime<Utc>, status: Status, query: &str, after: Option<&After>, limit: u32) -> Result<Column> {
        let c = self.conn();
        let (cond, words) = matching(query);
        let count = |cond: &str, words: &[Value]| -> Result<u32> {
            let mut values = vec![Value::Text(status.as_str().to_owned())];
            values.extend(words.iter().cloned());
            Ok(c.query_row(
                &format!("SELECT count(*) FROM applications WHERE status = ? AND {cond}"),
                rusqlite::params_from_iter(values),
                |r| r.get(0),
            )?)
        };
        Ok(Column {
            status,
            total: count("1", &[])?,
            matching: count(&cond, &words)?,
            cards: page(c, now, status, &cond, &words, after, limit)?,
        })
    }

    /// Every application as the lists that choose one show it (the
    /// "which application is this file about?" picker): id, company, role
    /// and status, by company.
    pub fn application_choices(&self) -> Result<Vec<Choice>> {
        let mut st = self.conn().prepare("SELECT id, company, role, status FROM applications ORDER BY company COLLATE NOCASE, role, id")?;
        let rows = st.query_map([], |r| {
            Ok(Choice { id: r.get(0)?, company: r.get(1)?, role: r.get(2)?, status: parse_wire(&r.get::<_, String>(3)?)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// An application as a picker lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    pub id: String,
    pub company: String,
    pub role: String,
    pub status: Status,
}

/// How many applications of each status match `cond` (with its `words`).
fn status_counts(c: &Connection, cond: &str, words: &[Value]) -> Result<HashMap<String, u32>> {
    let mut st = c.prepare(&format!("SELECT status, count(*) FROM applications WHERE {cond} GROUP BY status"))?;
    let rows = st.query_map(rusqlite::params_from_iter(words), |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A page of column `status`: the matching cards after `after`, through
/// the (status, position) index.
fn page(
    c: &Connection,
    now: DateTime<Utc>,
    status: Status,
    cond: &str,
    words: &[Value],
    after: Option<&After>,
    limit: u32,
) -> Result<Vec<Card>> {
    let mut values = vec![Value::Text(status.as_str().to_owned())];
    let start = match after {
        Some(a) => {
            values.extend([Value::Real(a.position), Value::Real(a.position), Value::Text(a.id.clone())]);
            "AND (position > ? OR (position = ? AND id > ?))"
        }
        None => "",
    };
    values.extend(words.iter().cloned());
    values.push(Value::Integer(limit.into()));
    let mut st = c.prepare(&format!(
        "SELECT {APP_COLS} FROM applications WHERE status = ? {start} AND {cond} ORDER BY position, id LIMIT ?"
    ))?;
    let rows = st.query_map(rusqlite::params_from_iter(values), app_from_row)?;
    fill(c, now, rows.collect::<rusqlite::Result<_>>()?, false)
}

impl Store {
    /// Where card `id` goes when dropped in column `status` right after card
    /// `after` (at the top when `None`): half-way to the next card of the
    /// column, whether the page holds it or not (`move_application` makes
    /// room when that gap is too small). A card `after` that is no longer
    /// in the column puts it at the end.
    pub fn position_after(&self, status: Status, id: &str, after: Option<&str>) -> Result<f64> {
        let c = self.conn();
        let prev: Option<(f64, String)> = match after {
            None => None,
            Some(a) => match c
                .query_row(
                    "SELECT position, id FROM applications WHERE id = ?1 AND status = ?2 AND id <> ?3",
                    params![a, status.as_str(), id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
            {
                Some(p) => Some(p),
                None => return next_position(c, status),
            },
        };
        let next: Option<f64> = match &prev {
            Some((p, pid)) => c
                .query_row(
                    "SELECT position FROM applications WHERE status = ?1 AND id <> ?2 AND (position > ?3 OR (position = ?3 AND id > ?4))
                     ORDER BY position, id LIMIT 1",
                    params![status.as_str(), id, p, pid],
                    |r| r.get(0),
                )
                .optional()?,
            None => c
                .query_row(
                    "SELECT position FROM applications WHERE status = ?1 AND id <> ?2 ORDER BY position, id LIMIT 1",
                    params![status.as_str(), id],
                    |r| r.get(0),
                )
                .optional()?,
        };
        Ok(match (prev.map(|p| p.0), next) {
            (None, None) => 1.0,
            (None, Some(n)) => n - 1.0,
            (Some(p), None) => p + 1.0,
            (Some(p), Some(n)) => (p + n) / 2.0,
        })
    }
}
