//! From a read table and the user's answers to the plan of an import (what
//! each row becomes), and from the plan to the records the store inserts.
//! Pure: the applications already in Afterview, the settings, the zone and
//! `now` are arguments.

use super::dates::{self, DateOrder, Parsed, When};
use super::presets::{self, norm, Field, Preset};
use super::read::{Cell, Table};
use super::{Column, ContactCell, Options, Plan, Problem, Row, Skip, StatusWord, Summary};
use crate::cadence;
use crate::error::Result;
use crate::model::{
    Application, ApplicationRecord, Consent, Contact, Decision, DecisionState, Kind, Settings, Status, StatusChange,
};
use crate::input::NewApplication;
use crate::zone::{self, Tz};
use chrono::{DateTime, Days, NaiveTime, Utc};
use std::collections::{BTreeMap, HashMap};

/// The key under which two applications count as the same: company and
/// role, case and spacing aside.
pub fn same_key(company: &str, role: &str) -> (String, String) {
    let k = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    (k(company), k(role))
}

/// One line: runs of spaces and line breaks become one space.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Notes columns whose header already says "notes" keep their text as is;
/// the others (Salary, Resume Name, …) are labelled with their header.
fn plain_notes(header: &str) -> bool {
    matches!(norm(header).as_str(), "notes" | "note" | "comments" | "comment" | "description")
}

/// Works out what importing `table` with `opts` would do. `existing` maps
/// [`same_key`] of the applications already in Afterview to their ids.
pub fn plan(
    table: &Table,
    opts: &Options,
    existing: &HashMap<(String, String), String>,
    settings: &Settings,
    tz: Tz,
    now: DateTime<Utc>,
) -> Plan {
    let detected = presets::detect(&table.headers);
    let preset = opts.preset.unwrap_or(detected);
    let na = preset.na_is_empty();
    let value = |cells: &[Cell], i: usize| -> Cell {
        match cells.get(i) {
            Some(Cell::Text(s)) if na && s.trim().eq_ignore_ascii_case("n/a") => Cell::Empty,
            Some(c) if !c.is_empty() => c.clone(),
            _ => Cell::Empty,
        }
    };
    let columns: Vec<Column> = table
        .headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let chosen = opts.map.get(h).copied();
            let mut samples: Vec<String> = Vec::new();
            for (_, cells) in &table.rows {
                let v = one_line(&value(cells, i).display());
                if !v.is_empty() && !samples.contains(&v) {
                    samples.push(v.chars().take(60).collect());
                }
                if samples.len() == 3 {
                    break;
                }
            }
            Column {
                header: h.clone(),
                field: chosen.or_else(|| presets::guess(preset, h)),
                guessed: chosen.is_none(),
                samples,
            }
        })
        .collect();
    let of = |f: Field| -> Vec<usize> {
        columns.iter().enumerate().filter(|(_, c)| c.field == Some(f)).map(|(i, _)| i).collect()
    };
    let first = |cells: &[Cell], f: Field| -> Option<Cell> {
        of(f).into_iter().map(|i| value(cells, i)).find(|c| !c.is_empty())
    };
    let text = |cells: &[Cell], f: Field| first(cells, f).map(|c| one_line(&c.display()));

    // The date order: given, else the preset's, else the one the values prove.
    let date_cols = of(Field::AppliedAt);
    let date_order = opts.date_order.or(match preset {
        Preset::Linkedin => Some(DateOrder::Mdy),
        _ => {
            let mut proved = table.rows.iter().flat_map(|(_, cells)| {
                date_cols.iter().filter_map(move |&i| match value(cells, i) {
                    Cell::Text(s) => dates::proves(&s).filter(|o| *o != DateOrder::Ymd),
                    _ => None,
                })
            });
            let one = proved.next();
            one.filter(|o| proved.all(|p| p == *o))
        }
    });

    let mut p = Plan {
        kind: table.kind.clone(),
        preset,
        preset_label: preset.label(),
        detected,
        columns: Vec::new(),
        applications: Vec::new(),
        skipped: Vec::new(),
        statuses: Vec::new(),
        date_order,
        date_order_needed: false,
        problems: Vec::new(),
        summary: Summary::default(),
        start_clock_today: opts.start_clock_today,
        include_duplicates: opts.include_duplicates,
    };
    let mut words: BTreeMap<String, StatusWord> = BTreeMap::new();
    let notes_cols = of(Field::Notes);
    for (row, cells) in &table.rows {
        let row = *row;
        let company = text(cells, Field::Company).unwrap_or_default();
        let role = text(cells, Field::Role).unwrap_or_default();
        if company.is_empty() {
            p.skipped.push(Skip { row, reason: "no company".into() });
            continue;
        }
        if role.is_empty() {
            p.skipped.push(Skip { row, reason: "no role".into() });
            continue;
        }
        let status = match text(cells, Field::Status) {
            None => Some(Status::Applied),
            Some(w) => {
                let s = opts.statuses.get(&w).copied().or_else(|| presets::status_word(preset, &w));
                let e = words.entry(w.clone()).or_insert(StatusWord { value: w, rows: 0, status: s });
                e.rows += 1;
                s
            }
        };
        let mut applied_at = None;
        if let Some(&i) = date_cols.iter().find(|&&i| !value(cells, i).is_empty()) {
            match dates::parse(&value(cells, i), date_order) {
                Parsed::Ok(When::Day(d)) => applied_at = Some(crate::input::applied_instant(d, tz)),
                Parsed::Ok(When::Local(t)) => applied_at = Some(zone::local_at(t.date(), t.time(), tz)),
                Parsed::Ok(When::Instant(t)) => applied_at = Some(t),
                Parsed::Ambiguous => p.date_order_needed = true,
                Parsed::Bad => p.problems.push(Problem {
                    row,
                    column: table.headers[i].clone(),
                    message: format!("{:?} is not a date", value(cells, i).display()),
                }),
            }
        }
        let mut notes = Vec::new();
        for &i in &notes_cols {
            let v = value(cells, i).display();
            let v = v.trim();
            if v.is_empty() {
                continue;
            }
            let h = &table.headers[i];
            notes.push(if plain_notes(h) { v.to_owned() } else { format!("{h}: {v}") });
        }
        let mut job_url = text(cells, Field::JobUrl);
        if let Some(u) = job_url.as_mut().filter(|u| u.to_lowercase().starts_with("www.")) {
            *u = format!("https://{u}");
        }
        let checked = NewApplication {
            company,
            role,
            job_url,
            location: text(cells, Field::Location),
            source: text(cells, Field::Source).or(preset.default_source().map(str::to_owned)),
            notes: Some(notes.join("\n")),
            status: Some(status.unwrap_or(Status::Applied)),
            // The sheet's date is kept as the sheet says (below), not as a form's.
            applied_on: None,
        }
        .clean();
        let clean = match checked {
            Ok(c) => c,
            Err(e) => {
                let field = e.field().unwrap_or("");
                let column = columns
                    .iter()
                    .find(|c| c.field.is_some_and(|f| f.as_str() == field))
                    .map(|c| c.header.clone())
                    .unwrap_or_else(|| field.to_owned());
                p.problems.push(Problem { row, column, message: e.to_string().trim_end_matches('.').to_owned() });
                continue;
            }
        };
        let contact_name = text(cells, Field::ContactName);
        let contact_email = text(cells, Field::ContactEmail);
        let contact = match (contact_name, contact_email) {
            (None, None) => None,
            (name, email) => {
                // The contact form's checks (input::ContactInput::clean).
                let input = crate::input::ContactInput {
                    id: None,
                    name: name.or(email.clone()).unwrap_or_default(),
                    title: None,
                    email,
                    linkedin_url: None,
                    linkedin_consent: crate::model::Consent::NotAsked,
                };
                match input.clean() {
                    Ok(c) => Some(ContactCell { name: c.name, email: c.email }),
                    Err(e) => {
                        let field = if e.field() == Some("email") { Field::ContactEmail } else { Field::ContactName };
                        let column = columns
                            .iter()
                            .find(|c| c.field == Some(field))
                            .map(|c| c.header.clone())
                            .unwrap_or_else(|| field.as_str().to_owned());
                        p.problems.push(Problem { row, column, message: e.to_string().trim_end_matches('.').to_owned() });
                        continue;
                    }
                }
            }
        };
        let duplicate_of = existing.get(&same_key(&clean.company, &clean.role)).cloned();
        p.applications.push(Row {
            row,
            company: clean.company,
            role: clean.role,
            status,
            applied_at,
            job_url: clean.job_url,
            location: clean.location,
            source: clean.source,
            notes: clean.notes,
            contact,
            duplicate_of,
        });
    }
    p.statuses = words.into_values().collect();
    p.columns = columns;
    p.summary = summarize(&p, settings, tz, now);
    p
}

fn summarize(p: &Plan, settings: &Settings, tz: Tz, now: DateTime<Utc>) -> Summary {
    let mut s = Summary { duplicates: p.applications.iter().filter(|r| r.duplicate_of.is_some()).count(), ..Summary::default() };
    for r in p.to_import() {
        s.create += 1;
        *s.by_status.entry(r.status.unwrap_or(Status::Applied).as_str().to_owned()).or_default() += 1;
        s.contacts += usize::from(r.contact.is_some());
    }
    let mut n = 0usize;
    let mut placeholder = |prefix: &str| -> Result<String> {
        n += 1;
        Ok(format!("{prefix}-preview-{n}"))
    };
    let count = |recs: &[ApplicationRecord]| -> (usize, usize) {
        let open = cadence::agenda(recs.iter(), settings, tz, now);
        (open.len(), open.iter().filter(|f| f.due_at <= now).count())
    };
    let as_dates = Plan { start_clock_today: false, ..p.clone() };
    if let Ok(recs) = records(&as_dates, settings, tz, now, &mut placeholder) {
        s.overdue_as_dates = count(&recs).1;
    }
    if let Ok(recs) = records(p, settings, tz, now, &mut placeholder) {
        (s.followups, s.overdue) = count(&recs);
    }
    s
}

/// When a follow-up that the sheet's dates make overdue falls once the
/// clock starts today: a check-in one cadence after today (R5 for an
/// application made today), anything else the next business morning.
fn restarted(kind: Kind, settings: &Settings, tz: Tz, now: DateTime<Utc>) -> DateTime<Utc> {
    match kind {
        Kind::CheckIn => {
            let today = now.with_timezone(&tz).date_naive();
            let mut day = today.checked_add_days(Days::new(settings.checkin_cadence_days.into())).unwrap_or(today);
            while !zone::is_business_day(day) {
                day = day.succ_opt().unwrap_or(day);
            }
            zone::local_at(day, NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(), tz)
        }
        _ => zone::next_business_morning(now, tz),
    }
}

/// The records the import inserts: one per row to import, with the status
/// the sheet gives reached on its applied date (the only date it gives;
/// the import's time when it gives none) and its contact. With "start the
/// clock today", each follow-up already overdue gets a snooze decision to
/// [`restarted`]: the facts stay as the sheet says. `new_id` gives ids
/// (`"a"` for an application, `"c"` for a contact).
pub fn records(
    plan: &Plan,
    settings: &Settings,
    tz: Tz,
    now: DateTime<Utc>,
    mut new_id: impl FnMut(&str) -> Result<String>,
) -> Result<Vec<ApplicationRecord>> {
    let mut out = Vec::new();
    for r in plan.to_import() {
        let status = r.status.unwrap_or(Status::Applied);
        let contacts = match &r.contact {
            None => Vec::new(),
            Some(c) => vec![Contact {
                id: new_id("c")?,
                name: c.name.clone(),
                title: None,
                email: c.email.clone(),
                linkedin_url: None,
                linkedin_consent: Consent::NotAsked,
            }],
        };
        let mut rec = ApplicationRecord {
            application: Application {
                id: new_id("a")?,
                company: r.company.clone(),
                role: r.role.clone(),
                status,
                applied_at: r.applied_at,
                job_url: r.job_url.clone(),
                location: r.location.clone(),
                source: r.source.clone(),
                notes: r.notes.clone(),
            },
            contacts,
            interviews: Vec::new(),
            status_changes: vec![StatusChange { at: r.applied_at.unwrap_or(now).min(now), from: None, to: status }],
            messages: Vec::new(),
            decisions: Vec::new(),
        };
        if plan.start_clock_today {
            let overdue: Vec<_> = cadence::followups(&rec, settings, tz)
                .into_iter()
                .filter(|p| p.followup.due_at <= now && p.closes_at.is_none_or(|c| c > now))
                .collect();
            for p in overdue {
                rec.decisions.push(Decision {
                    followup_key: p.followup.key.clone(),
                    state: DecisionState::Snoozed,
                    snoozed_until: Some(restarted(p.followup.kind, settings, tz, now)),
                    draft: None,
                    decided_at: Some(now),
                });
            }
        }
        out.push(rec);
    }
    Ok(out)
}
