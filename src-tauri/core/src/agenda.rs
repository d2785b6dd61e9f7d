//! The agenda as it is shown: every open follow-up with what to do about it
//! and whether it is due. One view for the Today view (the `agenda`
//! command) and `afterview agenda`; each serializes it in its own
//! contract's shape.

use crate::model::FollowUp;
use crate::store::Store;
use crate::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// One line of the agenda: the follow-up and what to do about it.
#[derive(Debug, Clone, Serialize)]
pub struct AgendaItem {
    #[serde(flatten)]
    pub followup: FollowUp,
    /// "Send a thank-you email", … (`Kind::action`).
    pub action: &'static str,
    /// Due at or before `now`.
    pub due: bool,
}

/// The agenda at `now`, sorted by due time (then key).
#[derive(Debug, Clone, Serialize)]
pub struct Agenda {
    pub now: DateTime<Utc>,
    /// The zone its local times are in (`Tz::name`).
    pub zone: &'static str,
    pub items: Vec<AgendaItem>,
}

impl Agenda {
    /// The open follow-ups of `store` at `now`.
    pub fn of(store: &Store, now: DateTime<Utc>) -> Result<Agenda> {
        Ok(Agenda::from_followups(store.agenda(now)?, now, store.zone().name()))
    }

    pub fn from_followups(followups: Vec<FollowUp>, now: DateTime<Utc>, zone: &'static str) -> Agenda {
        let items = followups
            .into_iter()
            .map(|f| AgendaItem { action: f.kind.action(), due: f.due_at <= now, followup: f })
            .collect();
        Agenda { now, zone, items }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    #[test]
    fn due_and_action_come_from_the_follow_up_and_now() {
        let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        let f = |key: &str, due_at: &str| FollowUp {
            key: key.into(),
            kind: Kind::CheckIn,
            application_id: "a".into(),
            company: "Northwind".into(),
            contact_id: None,
            contact_name: None,
            interview_id: None,
            due_at: t(due_at),
            snoozed: false,
        };
        let now = t("2026-11-26T12:00:00Z");
        let a = Agenda::from_followups(vec![f("x", "2026-11-26T12:00:00Z"), f("y", "2026-11-26T12:00:01Z")], now, "Europe/Berlin");
        assert_eq!(a.items.iter().map(|i| i.due).collect::<Vec<_>>(), [true, false]);
        assert_eq!(a.items[0].action, Kind::CheckIn.action());
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(json["zone"], "Europe/Berlin");
        assert_eq!(json["items"][0]["key"], "x", "the follow-up's fields, flattened");
        assert_eq!(json["items"][0]["due"], true);
    }
}
