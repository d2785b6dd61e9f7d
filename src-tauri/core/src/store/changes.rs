//! What a write changed on the board, for its answer (issue 17): the card of
//! the application it touched, as stored once the write is done, and the
//! cards of a renumbered column with their new positions. Both are read
//! inside the write's own transaction, so the answer is what was committed
//! and the UI patches its cards instead of reading the board again.

use super::*;

/// A card whose position changed because its column was renumbered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Placed {
    pub id: String,
    pub position: f64,
}

/// The card of application `id` at `now`, read through `c` (the write's transaction).
pub(super) fn card_in(c: &Connection, id: &str, now: DateTime<Utc>) -> Result<Card> {
    cards(c, now, true, Some(id))?
        .into_iter()
        .next()
        .ok_or_else(|| Error::NotFound(format!("no application with id {id}")))
}

/// Renumbers column `status` 1, 2, 3 … in its order, leaving out card
/// `except` (the one being dropped); returns the cards whose position
/// changed, in their new order.
pub(super) fn renumber(c: &Connection, status: Status, except: &str) -> Result<Vec<Placed>> {
    let mut st = c.prepare(
        "WITH ranked AS (SELECT id AS rid, row_number() OVER (ORDER BY position, id) AS n
                         FROM applications WHERE status = ?1 AND id <> ?2)
         UPDATE applications SET position = (SELECT n FROM ranked WHERE rid = applications.id)
         WHERE status = ?1 AND id <> ?2 AND position <> (SELECT n FROM ranked WHERE rid = applications.id)
         RETURNING id, position",
    )?;
    let rows = st.query_map(params![status.as_str(), except], |r| Ok(Placed { id: r.get(0)?, position: r.get(1)? }))?;
    let mut out = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    out.sort_by(|a, b| a.position.total_cmp(&b.position));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;
    use crate::snooze::Snooze;
    use crate::test_support::{t, Berlin};

    /// Three applied on Mon 2 Nov (check-ins due Mon 16 Nov), one wishlist.
    const DOC: &str = r#"{"afterview": 1, "applications": [
        {"id": "a1", "company": "Acme", "role": "Backend", "status": "applied", "applied_at": "2026-11-02T10:00:00Z"},
        {"id": "a2", "company": "Birch", "role": "Data", "status": "applied", "applied_at": "2026-11-02T10:00:00Z"},
        {"id": "a3", "company": "Cobalt", "role": "Ops", "status": "applied", "applied_at": "2026-11-02T10:00:00Z"},
        {"id": "w1", "company": "Dune", "role": "QA", "status": "wishlist"}
    ]}"#;
    const NOW: &str = "2026-11-20T10:00:00Z";

    fn store() -> Store {
        let mut s = Store::open_in_memory(Berlin).unwrap();
        let doc = crate::format::parse(DOC).unwrap();
        s.insert_records(&doc.applications, None, t("2026-11-02T10:00:00Z")).unwrap();
        s
    }

    /// The card the answer carries is the card a board read gives after the write.
    fn same_as_stored(s: &Store, card: &Card) {
        assert_eq!(card, &s.card(&card.application.id, t(NOW)).unwrap());
    }

    #[test]
    fn every_follow_up_action_answers_with_the_card_as_stored_after_it() {
        let now = t(NOW);
        let mut s = store();
        let due = s.card("a1", now).unwrap().next.unwrap();
        assert_eq!((due.kind, due.key.as_str()), (Kind::CheckIn, "check_in:a1:2026-11-16"));
        let done = s.complete(&due.key, now).unwrap();
        same_as_stored(&s, &done.card);
        // The check-in was recorded as sent now: the next one is two weeks on, not the overdue one.
        assert_eq!(done.card.next.as_ref().map(|f| f.due_at), done.next_check_in);
        assert_ne!(done.card.next.as_ref().map(|f| f.key.as_str()), Some(due.key.as_str()));
        assert_eq!(done.card.last_contact, Some(now));
        let undone = s.undo(&due.key, done.message_id, now).unwrap();
        same_as_stored(&s, &undone.card);
        assert_eq!(undone.card.next.as_ref().map(|f| f.key.as_str()), Some(due.key.as_str()));

        let skipped = s.skip(&due.key, now).unwrap();
        same_as_stored(&s, &skipped.card);
        assert_ne!(skipped.card.next.as_ref().map(|f| f.key.as_str()), Some(due.key.as_str()));
        s.undo(&due.key, None, now).unwrap();

        let snoozed = s.snooze(&due.key, &Snooze::Tomorrow, now).unwrap();
        same_as_stored(&s, &snoozed.card);
        let next = snoozed.card.next.as_ref().unwrap();
        assert_eq!((next.key.as_str(), Some(next.due_at), next.snoozed), (due.key.as_str(), snoozed.snoozed_until, true));

        let draft = crate::templates::Template { subject: "Checking in".into(), body: "Hello".into() };
        let sent = s.mark_sent("check_in:a2:2026-11-16", &draft, false, now).unwrap();
        same_as_stored(&s, &sent.card);
        assert_eq!((sent.card.application.id.as_str(), sent.card.last_contact), ("a2", Some(now)));
    }

    #[test]
    fn a_drop_that_renumbers_its_column_answers_with_every_position_it_changed() {
        let now = t(NOW);
        let mut s = store();
        let pos = |s: &Store, id: &str| s.card(id, now).unwrap().position;
        // A drop with room to spare renumbers nothing.
        let (p1, p2) = (pos(&s, "a1"), pos(&s, "a2"));
        let moved = s.move_application("a3", Status::Applied, Some((p1 + p2) / 2.0), now).unwrap();
        assert!(moved.renumbered.is_empty());
        same_as_stored(&s, &moved.card);
        // Into a gap too small: the column is renumbered 1, 2 (a1, a3), a2 keeps its place after them.
        let crowded = pos(&s, "a1") + MIN_GAP / 4.0;
        s.write(|tx| Ok(tx.execute("UPDATE applications SET position = ?1 WHERE id = 'a3'", params![crowded])?)).unwrap();
        let moved = s.move_application("w1", Status::Applied, Some(crowded - MIN_GAP / 8.0), now).unwrap();
        same_as_stored(&s, &moved.card);
        let stored: Vec<Placed> = s
            .cards(now, false)
            .unwrap()
            .into_iter()
            .filter(|c| c.application.status == Status::Applied && c.application.id != "w1")
            .map(|c| Placed { id: c.application.id, position: c.position })
            .collect();
        assert_eq!(stored.iter().map(|p| p.position).collect::<Vec<_>>(), [1.0, 2.0, 3.0]);
        // Only the cards whose position changed are listed (a1 was at 1 already), each as stored.
        assert_eq!(pos(&s, "a1"), 1.0);
        let changed: Vec<&Placed> = stored.iter().filter(|p| p.id != "a1").collect();
        assert_eq!(moved.renumbered.iter().collect::<Vec<_>>(), changed);
        assert_eq!(moved.card.position, 1.5);
        // An undo puts the card back without renumbering anything.
        let back = s.undo_move("w1", moved.change_id, Status::Wishlist, 1.0, now).unwrap();
        same_as_stored(&s, &back);
    }
}
