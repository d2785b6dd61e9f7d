//! The schema as a list of migrations indexed by `PRAGMA user_version`.
//!
//! Never edit or remove an entry once it has shipped: a user's database was
//! built by exactly these steps. Add a new entry instead; `tests/migrations`
//! checks that every earlier version migrates to the same schema as a fresh
//! database.

pub const MIGRATIONS: &[&str] = &[
    // 1: the facts, the user's decisions, settings and "already notified" marks.
    r#"
    CREATE TABLE applications (
        id          TEXT PRIMARY KEY,
        company     TEXT NOT NULL CHECK (trim(company) <> ''),
        role        TEXT NOT NULL,
        status      TEXT NOT NULL CHECK (status IN
                      ('wishlist','applied','interviewing','offer','rejected','accepted','withdrawn')),
        applied_at  TEXT,
        job_url     TEXT,
        location    TEXT,
        source      TEXT,
        notes       TEXT NOT NULL DEFAULT '',
        position    REAL NOT NULL DEFAULT 0,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    );
    CREATE INDEX applications_by_column ON applications(status, position);

    CREATE TABLE contacts (
        id               TEXT PRIMARY KEY,
        application_id   TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        name             TEXT NOT NULL CHECK (trim(name) <> ''),
        title            TEXT,
        email            TEXT,
        linkedin_url     TEXT,
        linkedin_consent TEXT NOT NULL DEFAULT 'not_asked'
                           CHECK (linkedin_consent IN ('yes','no','not_asked')),
        ord              INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX contacts_by_application ON contacts(application_id);

    CREATE TABLE interviews (
        id                TEXT PRIMARY KEY,
        application_id    TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        starts_at         TEXT NOT NULL,
        ends_at           TEXT NOT NULL,
        format            TEXT NOT NULL CHECK (format IN ('phone','video','onsite')),
        went              TEXT CHECK (went IN ('well','okay','poorly')),
        physical_note     INTEGER NOT NULL DEFAULT 0,
        next_steps        TEXT,
        expected_reply_by TEXT,
        CHECK (ends_at >= starts_at)
    );
    CREATE INDEX interviews_by_application ON interviews(application_id);

    CREATE TABLE interview_contacts (
        interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
        contact_id   TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        ord          INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (interview_id, contact_id)
    );

    CREATE TABLE status_changes (
        id             INTEGER PRIMARY KEY,
        application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        at             TEXT NOT NULL,
        from_status    TEXT,
        to_status      TEXT NOT NULL
    );
    CREATE INDEX status_changes_by_application ON status_changes(application_id, at);

    CREATE TABLE messages (
        id             INTEGER PRIMARY KEY,
        application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        at             TEXT NOT NULL,
        direction      TEXT NOT NULL CHECK (direction IN ('sent','received')),
        channel        TEXT NOT NULL,
        followup_key   TEXT,
        contact_id     TEXT REFERENCES contacts(id) ON DELETE SET NULL,
        body           TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX messages_by_application ON messages(application_id, at);

    CREATE TABLE decisions (
        followup_key   TEXT PRIMARY KEY,
        application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        state          TEXT NOT NULL CHECK (state IN ('open','done','skipped','snoozed')),
        snoozed_until  TEXT,
        draft          TEXT,
        updated_at     TEXT NOT NULL
    );
    CREATE INDEX decisions_by_application ON decisions(application_id);

    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );

    CREATE TABLE notified (
        followup_key TEXT NOT NULL,
        event        TEXT NOT NULL,
        due_at       TEXT NOT NULL,
        at           TEXT NOT NULL,
        PRIMARY KEY (followup_key, event, due_at)
    );
    "#,
    // 2: each application's open follow-ups, recomputed in the same
    // transaction as any write to it, so the agenda costs one indexed scan
    // whatever the length of the history.
    r#"
    CREATE TABLE followups (
        key            TEXT PRIMARY KEY,
        application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        kind           TEXT NOT NULL,
        company        TEXT NOT NULL,
        contact_id     TEXT,
        contact_name   TEXT,
        interview_id   TEXT,
        due_at         TEXT NOT NULL,
        snoozed        INTEGER NOT NULL DEFAULT 0,
        closes_at      TEXT
    );
    CREATE INDEX followups_by_due ON followups(due_at, key);
    CREATE INDEX followups_by_application ON followups(application_id, due_at);
    "#,
    // 3: how each printed thank-you note is delivered and laid out (the note
    // editor), kept per follow-up key like decisions.
    r#"
    CREATE TABLE note_options (
        followup_key   TEXT PRIMARY KEY,
        application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        delivery       TEXT NOT NULL CHECK (delivery IN ('front_desk','post')),
        layout         TEXT NOT NULL,
        envelope       INTEGER NOT NULL DEFAULT 0,
        address        TEXT NOT NULL DEFAULT '',
        updated_at     TEXT NOT NULL
    );
    CREATE INDEX note_options_by_application ON note_options(application_id);
    "#,
    // 4: when each decision was made (R5 counts the check-in after a skip
    // from it). Decisions made before this kept that instant in updated_at,
    // unless a later draft edit moved it: the best there is to go on.
    r#"
    ALTER TABLE decisions ADD COLUMN decided_at TEXT;
    UPDATE decisions SET decided_at = updated_at WHERE state <> 'open';
    "#,
    // 5: R9: the archived status `ghosted` ("No answer"). SQLite cannot alter a
    // CHECK, and rebuilding `applications` inside this transaction (foreign
    // keys on, which cannot be turned off in a transaction) would cascade
    // its DROP into every child table. So the CHECK's text is edited in
    // place, the documented way (sqlite.org/lang_altertable.html, "other
    // kinds of table schema changes"): no row is touched, and the rows
    // already there satisfy the wider CHECK. `RESET` reloads this
    // connection's schema; the throw-away table bumps the schema cookie, so
    // any other connection reloads it too. A CHECK that already lists
    // 'ghosted' is left alone.
    r#"
    PRAGMA writable_schema = ON;
    UPDATE sqlite_master
       SET sql = replace(sql, '''withdrawn'')', '''withdrawn'',''ghosted'')')
     WHERE type = 'table' AND name = 'applications' AND instr(sql, '''ghosted''') = 0;
    PRAGMA writable_schema = RESET;
    CREATE TABLE r9_schema_cookie (x);
    DROP TABLE r9_schema_cookie;
    "#,
    // 6 (issue 14, invitations in): the calendar event an interview was
    // logged from, so that a later invitation with the same UID moves it.
    r#"
    ALTER TABLE interviews ADD COLUMN calendar_uid TEXT;
    ALTER TABLE interviews ADD COLUMN calendar_sequence INTEGER;
    CREATE UNIQUE INDEX interviews_by_calendar_uid ON interviews(calendar_uid) WHERE calendar_uid IS NOT NULL;
    "#,
    // 7 (issue 18, Insights at 5,000 applications): the messages' index
    // covers what Insights reads of them, in the order it reads them, so the
    // stats never step through the messages' bodies. It replaces the
    // (application_id, at) index, of which it is an extension.
    r#"
    CREATE INDEX messages_by_application_covering ON messages(application_id, at, id, direction, followup_key);
    DROP INDEX messages_by_application;
    "#,
    // 8 (issue 15): decisions and note options are keyed by (key,
    // application). An imported decision naming a key of another
    // application's follow-up used to take the key, and the decide upsert
    // then kept the wrong application, so the real follow-up could not be
    // closed. Nothing refers to these two tables: each is rebuilt, its rows
    // copied as they are.
    r#"
    CREATE TABLE decisions_8 (
        followup_key   TEXT NOT NULL,
        application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        state          TEXT NOT NULL CHECK (state IN ('open','done','skipped','snoozed')),
        snoozed_until  TEXT,
        draft          TEXT,
        updated_at     TEXT NOT NULL,
        decided_at     TEXT,
        PRIMARY KEY (followup_key, application_id)
    );
    INSERT INTO decisions_8(followup_key, application_id, state, snoozed_until, draft, updated_at, decided_at)
        SELECT followup_key, application_id, state, snoozed_until, draft, updated_at, decided_at FROM decisions;
    DROP TABLE decisions;
    ALTER TABLE decisions_8 RENAME TO decisions;
    CREATE INDEX decisions_by_application ON decisions(application_id);

    CREATE TABLE note_options_8 (
        followup_key   TEXT NOT NULL,
        application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        delivery       TEXT NOT NULL CHECK (delivery IN ('front_desk','post')),
        layout         TEXT NOT NULL,
        envelope       INTEGER NOT NULL DEFAULT 0,
        address        TEXT NOT NULL DEFAULT '',
        updated_at     TEXT NOT NULL,
        PRIMARY KEY (followup_key, application_id)
    );
    INSERT INTO note_options_8(followup_key, application_id, delivery, layout, envelope, address, updated_at)
        SELECT followup_key, application_id, delivery, layout, envelope, address, updated_at FROM note_options;
    DROP TABLE note_options;
    ALTER TABLE note_options_8 RENAME TO note_options;
    CREATE INDEX note_options_by_application ON note_options(application_id);
    "#,
    // 9 (issue 17, the board searched in SQLite): each application's company,
    // role and contact names, folded (crate::search), which the board's
    // search matches; filled by the refresh that follows every migration,
    // then kept by every refresh of the application.
    r#"
    ALTER TABLE applications ADD COLUMN search TEXT NOT NULL DEFAULT '';
    "#,
    // 10 (issue 17, the agenda at 20,000 open follow-ups): the agenda reads
    // every column of the open follow-ups in due order; an index holding
    // them all answers it without a seek into the table per row. It
    // replaces the (due_at, key) index, of which it is an extension.
    r#"
    CREATE INDEX followups_agenda ON followups(due_at, key, kind, application_id, company, contact_id, contact_name, interview_id, snoozed, closes_at);
    DROP INDEX followups_by_due;
    "#,
];

pub const VERSION: i64 = MIGRATIONS.len() as i64;
