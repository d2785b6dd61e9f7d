//! Rotation and names, pure: which backups are kept, which names are
//! backups, when one is due.

use super::*;
use crate::test_support::{t as at, Berlin};

#[test]
fn names_round_trip_and_nothing_else_is_a_backup() {
    let t = at("2026-11-26T10:15:00Z");
    for kind in [BackupKind::Automatic, BackupKind::BeforeRestore, BackupKind::BeforeImport, BackupKind::BeforeDelete, BackupKind::Manual] {
        assert_eq!(parse_file_name(&file_name(t, kind)), Some((t, kind)));
    }
    assert_eq!(file_name(t, BackupKind::Automatic), "afterview-20261126T101500Z.db");
    for bad in [
        "afterview.db",
        "../afterview-20261126T101500Z.db",
        "afterview-20261126T101500Z.db-wal",
        ".afterview-20261126T101500Z.db.partial",
        "afterview-20261326T101500Z.db",
        "afterview-2026112T6101500Z.db",
        "afterview-20261126T101500Z-before-restore.db/x",
        "afterview-20261126T101500Z-before-import.db.partial",
    ] {
        assert_eq!(parse_file_name(bad), None, "{bad}");
    }
}

/// One backup a day at 10:00 UTC for 60 days (ending Sat 28 Nov 2026):
/// the last 7 days, plus the newest of each of the 4 most recent ISO
/// weeks (the current week's is Saturday's, already kept as a daily).
#[test]
fn rotation_keeps_seven_days_and_four_weeks() {
    let end = at("2026-11-28T10:00:00Z");
    let taken: Vec<_> = (0..60).map(|d| end - chrono::Duration::days(d)).collect();
    let kept: Vec<String> = keep(&taken, Berlin).iter().map(|t| t.format("%a %d %b").to_string()).collect();
    assert_eq!(
        kept,
        [
            "Sun 08 Nov", "Sun 15 Nov", // the ends of the two weeks before the dailies
            "Sun 22 Nov", "Mon 23 Nov", "Tue 24 Nov", "Wed 25 Nov", "Thu 26 Nov", "Fri 27 Nov", "Sat 28 Nov",
        ]
    );
}

#[test]
fn rotation_keeps_the_newest_of_a_day_in_local_time_and_counts_only_days_with_backups() {
    // 23:30 UTC on 26 Nov is 00:30 on 27 Nov in Berlin.
    let taken = [
        at("2026-11-26T08:00:00Z"),
        at("2026-11-26T12:00:00Z"),
        at("2026-11-26T23:30:00Z"),
        at("2026-10-01T09:00:00Z"), // weeks ago: still one of the last 7 days that have a backup
    ];
    let kept = keep(&taken, Berlin);
    assert_eq!(
        kept.into_iter().collect::<Vec<_>>(),
        [at("2026-10-01T09:00:00Z"), at("2026-11-26T12:00:00Z"), at("2026-11-26T23:30:00Z")]
    );
    assert!(keep(&[], Berlin).is_empty());
}

#[test]
fn a_backup_is_due_once_per_local_day() {
    let now = at("2026-11-26T22:30:00Z"); // 23:30 in Berlin
    assert!(is_due(None, now, Berlin));
    assert!(!is_due(Some(at("2026-11-26T07:00:00Z")), now, Berlin));
    assert!(is_due(Some(at("2026-11-25T22:59:00Z")), now, Berlin)); // 23:59 the day before
    assert!(!is_due(Some(at("2026-11-26T23:10:00Z")), now, Berlin)); // clock went back: not twice
}
