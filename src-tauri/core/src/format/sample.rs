//! The sample job search (samples/sample.json), moved to the week of
//! today, and loading it into an empty board through the import.

use super::*;

/// The sample job search (samples/sample.json), dated around its anchor.
pub const SAMPLE_JSON: &str = include_str!("../../../../samples/sample.json");

/// The day the sample was written for: a Thursday.
pub fn sample_anchor() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default()
}

/// The sample, moved by a whole number of weeks so that its anchor
/// (Thursday 2026-11-26) falls in the week of `today` (Monday to Sunday).
/// Weekdays are kept, so the business-day rules treat it the same way.
/// Instants move by whole weeks of UTC time: across a daylight-saving change
/// their local time of day moves by that hour (the rules still apply to the
/// moved facts, so the agenda stays consistent).
pub fn sample_document(today: NaiveDate) -> Result<Document> {
    let mut doc = parse(SAMPLE_JSON)?;
    let monday = |d: NaiveDate| d - Days::new(u64::from(d.weekday().num_days_from_monday()));
    let weeks = (monday(today) - monday(sample_anchor())).num_days() / 7;
    shift(&mut doc, weeks).ok_or_else(|| {
        Error::invalid("today", format!("{today} is out of range for the sample"))
    })?;
    Ok(doc)
}

/// Loads the sample job search into an empty database only, dated around
/// `now`'s local day, through the import ([`ImportMode::Empty`]: the
/// sample's settings replace the current ones). Returns how many
/// applications it loaded.
pub fn load_sample(store: &mut Store, now: DateTime<Utc>) -> Result<usize> {
    if store.application_count()? > 0 {
        return Err(Error::invalid("sample", "The sample can only be loaded into an empty board."));
    }
    let doc = sample_document(now.with_timezone(&store.zone()).date_naive())?;
    import(store, &doc, ImportMode::Empty, now)?;
    Ok(doc.applications.len())
}

/// Moves every instant and date of `doc` by `weeks` weeks (and the dates
/// inside check-in keys with them). `None` if a value leaves chrono's range.
pub(super) fn shift(doc: &mut Document, weeks: i64) -> Option<()> {
    let by = Duration::try_weeks(weeks)?;
    let t = |x: &mut DateTime<Utc>| -> Option<()> {
        *x = x.checked_add_signed(by)?;
        Some(())
    };
    let d = |x: &mut NaiveDate| -> Option<()> {
        *x = x.checked_add_signed(by)?;
        Some(())
    };
    let key = |k: &mut String| -> Option<()> {
        if let Some((kind @ ("check_in" | "no_answer"), rest)) = k.split_once(':') {
            if let Some((app, date)) = rest.rsplit_once(':') {
                if let Some(mut day) = ymd(date) {
                    d(&mut day)?;
                    *k = format!("{kind}:{app}:{}", day.format("%Y-%m-%d"));
                }
            }
        }
        Some(())
    };
    for r in &mut doc.applications {
        if let Some(x) = &mut r.application.applied_at {
            t(x)?;
        }
        for iv in &mut r.interviews {
            t(&mut iv.starts_at)?;
            t(&mut iv.ends_at)?;
            if let Some(x) = &mut iv.expected_reply_by {
                d(x)?;
            }
        }
        for s in &mut r.status_changes {
            t(&mut s.at)?;
        }
        for m in &mut r.messages {
            t(&mut m.at)?;
            if let Some(k) = &mut m.followup_key {
                key(k)?;
            }
        }
        for dc in &mut r.decisions {
            key(&mut dc.followup_key)?;
            if let Some(x) = &mut dc.snoozed_until {
                t(x)?;
            }
            if let Some(x) = &mut dc.decided_at {
                t(x)?;
            }
        }
    }
    Some(())
}
