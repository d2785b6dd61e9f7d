//! The Insights tab's one command: the figures of a period (crate
//! afterview_core::insights has every definition): two local dates, or the
//! last `days` days up to the app's today (30 without either).

use crate::AppState;
use afterview_core::insights::{Period, Stats, DEFAULT_DAYS};
use afterview_core::{Error, Result};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use tauri::State;

#[derive(Serialize)]
pub struct InsightsView {
    #[serde(flatten)]
    stats: Stats,
    now: DateTime<Utc>,
    /// Applications in the whole database: the empty state says which kind of empty.
    total_applications: i64,
}

fn date(field: &str, v: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").map_err(|_| Error::invalid(field, format!("{v:?} is not a date.")))
}

#[tauri::command]
pub async fn insights(state: State<'_, AppState>, from: Option<String>, to: Option<String>, days: Option<u32>) -> Result<InsightsView> {
    let store = state.store()?;
    let now = state.config.clock.now();
    let today = now.with_timezone(&store.zone()).date_naive();
    let period = match (from.as_deref().filter(|s| !s.is_empty()), to.as_deref().filter(|s| !s.is_empty())) {
        (None, None) => Period::last_days(days.unwrap_or(DEFAULT_DAYS).clamp(1, 3660), today),
        (Some(_), None) => return Err(Error::invalid("insights-to", "Choose the last day of the period.")),
        (None, Some(_)) => return Err(Error::invalid("insights-from", "Choose the first day of the period.")),
        (Some(f), Some(t)) => {
            let (f, t) = (date("insights-from", f)?, date("insights-to", t)?);
            // The core names the field "from" or "to"; the UI's fields are these.
            Period::new(f, t).map_err(|e| match e.field() {
                Some(which) => Error::invalid(format!("insights-{which}"), e.to_string()),
                None => e,
            })?
        }
    };
    Ok(InsightsView { stats: store.stats(period, now)?, now, total_applications: store.application_count()? })
}
