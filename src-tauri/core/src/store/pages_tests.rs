//! The board in pages (pages.rs, issue 17): counts, pages in order, the
//! search in SQLite, the drop position after a card, and migration 9; the
//! agenda's covering index (migration 10).

use super::*;
use crate::input::{CleanContact, NewApplication};
use crate::test_support::{contact, record, t, Berlin};

const NOW: &str = "2026-11-20T10:00:00Z";

/// Application `id` at `company` in `status`, with contacts named `contacts`.
fn app(id: &str, company: &str, role: &str, status: Status, contacts: &[&str]) -> ApplicationRecord {
    let mut r = record(status);
    r.application.id = id.into();
    r.application.company = company.into();
    r.application.role = role.into();
    r.contacts = contacts.iter().enumerate().map(|(i, n)| contact(&format!("{id}-c{i}"), n, Consent::NotAsked)).collect();
    r
}

fn store(records: &[ApplicationRecord]) -> Store {
    let mut s = Store::open_in_memory(Berlin).unwrap();
    s.insert_records(records, None, t("2026-11-02T10:00:00Z")).unwrap();
    s
}

/// 30 applied (`a00` … `a29`), 2 wishlist, 1 archived (No answer).
fn thirty() -> Store {
    let mut all: Vec<_> = (0..30).map(|i| app(&format!("a{i:02}"), &format!("Company {i}"), "Engineer", Status::Applied, &[])).collect();
    all.push(app("w1", "Wish One", "Designer", Status::Wishlist, &[]));
    all.push(app("w2", "Wish Two", "Designer", Status::Wishlist, &[]));
    all.push(app("g1", "Gone", "Designer", Status::Ghosted, &[]));
    store(&all)
}

fn ids(cards: &[Card]) -> Vec<&str> {
    cards.iter().map(|c| c.application.id.as_str()).collect()
}

#[test]
fn the_board_counts_every_column_and_pages_each_in_position_order() {
    let s = thirty();
    let now = t(NOW);
    let columns = s.board_columns(now, "", 12).unwrap();
    assert_eq!(columns.iter().map(|c| c.status).collect::<Vec<_>>(), Status::BOARD, "the five columns, archive left out");
    let counts: Vec<(u32, u32, usize)> = columns.iter().map(|c| (c.total, c.matching, c.cards.len())).collect();
    assert_eq!(counts, [(2, 2, 2), (30, 30, 12), (0, 0, 0), (0, 0, 0), (0, 0, 0)]);
    // Page after page, the column comes whole and in the board's order.
    let whole: Vec<Card> = s.cards(now, false).unwrap().into_iter().filter(|c| c.application.status == Status::Applied).collect();
    let mut read = columns[1].cards.clone();
    loop {
        let last = read.last().unwrap();
        let after = After { position: last.position, id: last.application.id.clone() };
        let page = s.column_page(now, Status::Applied, "", Some(&after), 12).unwrap();
        assert_eq!((page.total, page.matching), (30, 30));
        if page.cards.is_empty() {
            break;
        }
        read.extend(page.cards);
    }
    assert_eq!(ids(&read), ids(&whole));
    assert_eq!(read, whole, "a page's cards are the board's cards, follow-ups and all");
    // Equal positions: the page after a card goes on by id, never repeating or skipping.
    s.conn().execute("UPDATE applications SET position = 7 WHERE status = 'applied'", []).unwrap();
    let first = s.column_page(now, Status::Applied, "", None, 5).unwrap();
    let after = After { position: 7.0, id: first.cards[4].application.id.clone() };
    let next = s.column_page(now, Status::Applied, "", Some(&after), 5).unwrap();
    assert_eq!(ids(&first.cards), ["a00", "a01", "a02", "a03", "a04"]);
    assert_eq!(ids(&next.cards), ["a05", "a06", "a07", "a08", "a09"]);
}

#[test]
fn the_search_runs_in_sqlite_on_folded_company_role_and_contact_names_kept_by_every_write() {
    let mut s = store(&[
        app("a1", "Société Générale", "Data Engineer", Status::Applied, &["Zoë Müller"]),
        app("a2", "Acme", "Backend Engineer", Status::Applied, &[]),
        app("a3", "Initech", "Designer", Status::Interviewing, &[]),
    ]);
    let now = t(NOW);
    let found = |s: &Store, q: &str| -> Vec<String> {
        let columns = s.board_columns(now, q, 12).unwrap();
        columns.iter().flat_map(|c| c.cards.iter().map(|k| k.application.id.clone())).collect()
    };
    assert_eq!(found(&s, "societe"), ["a1"], "accents folded");
    assert_eq!(found(&s, "SOCIÉTÉ data"), ["a1"], "every word, any case");
    assert_eq!(found(&s, "muller"), ["a1"], "by contact");
    assert_eq!(found(&s, "engineer"), ["a1", "a2"]);
    assert_eq!(found(&s, "engineer acme"), ["a2"]);
    assert!(found(&s, "nobody").is_empty());
    assert_eq!(found(&s, "  "), ["a1", "a2", "a3"], "a blank search is no search");
    let applied = &s.board_columns(now, "acme", 12).unwrap()[1];
    assert_eq!((applied.total, applied.matching), (2, 1), "the total is the column's, whatever the search");
    // A contact added, the company renamed: the search follows.
    let dana = CleanContact { id: None, name: "Dana Reyes".into(), title: None, email: None, linkedin_url: None, linkedin_consent: Consent::NotAsked };
    s.save_contact("a2", &dana).unwrap();
    assert_eq!(found(&s, "dana"), ["a2"]);
    let edit = NewApplication { company: "Hooli".into(), role: "Designer".into(), status: Some(Status::Interviewing), applied_on: Some("2026-11-02".into()), ..Default::default() }
        .clean()
        .unwrap();
    s.update_application("a3", &edit, now).unwrap();
    assert!(found(&s, "initech").is_empty());
    assert_eq!(found(&s, "hooli"), ["a3"]);
    // The next page of a search is of the matches only.
    let page = s.column_page(now, Status::Applied, "engineer", None, 1).unwrap();
    assert_eq!((ids(&page.cards), page.matching), (vec!["a1"], 2));
    let after = After { position: page.cards[0].position, id: "a1".into() };
    assert_eq!(ids(&s.column_page(now, Status::Applied, "engineer", Some(&after), 5).unwrap().cards), ["a2"]);
}

#[test]
fn a_drop_after_a_card_goes_half_way_to_the_next_one_whether_the_page_holds_it_or_not() {
    let s = thirty();
    let pos = |id: &str| s.card(id, t(NOW)).unwrap().position;
    let (p11, p12) = (pos("a11"), pos("a12"));
    // After the last card of the first page: half-way to the 13th, which the page did not hold.
    assert_eq!(s.position_after(Status::Applied, "w1", Some("a11")).unwrap(), (p11 + p12) / 2.0);
    assert_eq!(s.position_after(Status::Applied, "w1", None).unwrap(), pos("a00") - 1.0, "at the top");
    assert_eq!(s.position_after(Status::Applied, "w1", Some("a29")).unwrap(), pos("a29") + 1.0, "at the end");
    assert_eq!(s.position_after(Status::Offer, "w1", None).unwrap(), 1.0, "an empty column");
    // A card no longer in that column: the end of it.
    assert_eq!(s.position_after(Status::Applied, "w1", Some("w2")).unwrap(), pos("a29") + 1.0);
    // The card itself is left out: after its upper neighbour, half-way to the card after it.
    assert_eq!(s.position_after(Status::Applied, "a05", Some("a04")).unwrap(), (pos("a04") + pos("a06")) / 2.0);
}

#[test]
fn migration_9_fills_the_search_text_of_every_application() {
    let (_dir, path) = super::tests::database_at(
        8,
        "INSERT INTO applications(id, company, role, status, applied_at, position, created_at, updated_at)
         VALUES ('a1', 'Zürich Versicherung', 'Dev', 'applied', '2026-11-02T10:00:00Z', 1, '2026-11-02T10:00:00Z', '2026-11-02T10:00:00Z');
         INSERT INTO contacts(id, application_id, name, linkedin_consent, ord) VALUES ('c1', 'a1', 'Łukasz Żółw', 'not_asked', 0);",
    );
    let s = Store::open(&path, Berlin).unwrap();
    let text: String = s.conn().query_row("SELECT search FROM applications WHERE id = 'a1'", [], |r| r.get(0)).unwrap();
    assert_eq!(text, "zurich versicherung\ndev\nłukasz zołw");
    let applied = &s.board_columns(t(NOW), "zurich", 12).unwrap()[1];
    assert_eq!(ids(&applied.cards), ["a1"]);
}

#[test]
fn the_application_choices_are_every_application_by_company() {
    let s = thirty();
    let choices = s.application_choices().unwrap();
    assert_eq!(choices.len(), 33, "archived ones too");
    assert_eq!(choices[0].company, "Company 0");
    assert_eq!(choices.iter().find(|c| c.id == "g1").unwrap().status, Status::Ghosted);
}

#[test]
fn the_agenda_reads_the_covering_index_only() {
    let s = thirty();
    let sql = format!("SELECT {FOLLOWUP_COLS} FROM followups WHERE closes_at IS NULL OR closes_at > ?1 ORDER BY due_at, key");
    let plan: Vec<String> = s
        .conn()
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap()
        .query_map([ts(t(NOW))], |r| r.get(3))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(plan, ["SCAN followups USING COVERING INDEX followups_agenda"], "migration 10: no seek into the table per follow-up");
}
