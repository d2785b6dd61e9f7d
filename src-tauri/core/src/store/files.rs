//! The database as a file: opening one to read it without writing a byte,
//! copying every page of one database into another (SQLite's online backup
//! API), checking a copy, counting what a file holds. backup.rs keeps what is
//! not SQL (the backups' names, folder and rotation) and calls these;
//! restore.rs stages a backup with them.

use super::{schema, too_new, Store};
use crate::error::{Error, Result};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::time::{Duration, Instant};

/// How long a backup or a restore waits for a busy database before giving up.
const BUSY_LIMIT: Duration = Duration::from_secs(30);

/// Whose file [`open_read_only`] opens, for the wording of its refusals.
#[derive(Clone, Copy)]
pub enum Subject<'a> {
    /// A database the user named or the app's own: refusals name its path.
    Database(&'a Path),
    /// A file of the backups folder, about to be restored.
    Backup,
}

/// What [`open_read_only`] does when SQLite cannot open the file with a
/// `query_only` connection (read-only media, see there).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// Open it `immutable` instead: the reading commands (`Store::open_read_only`).
    Immutable,
    /// Fail with SQLite's error: checks before a write, which could not be made anyway.
    None,
}

/// Opens the existing file at `path` to read it and cannot write it, and
/// reads its schema version. Refused: a file that is not an SQLite
/// database, and one written by a newer Afterview (`Error::TooNew`), so
/// that it is refused before this process writes a byte to it.
///
/// First an ordinary read-write connection made `query_only`: not
/// `SQLITE_OPEN_READ_ONLY`, which leaves empty `-wal` and `-shm` files
/// beside a WAL database, while this one, when it is the last to close,
/// removes them and leaves the folder as it found it. When SQLite cannot
/// open it so (a read-only file or folder in WAL mode, a read-only mount),
/// the file is opened `immutable` when `fallback` says so: on such media
/// nobody is writing it.
pub fn open_read_only(path: &Path, subject: Subject, fallback: Fallback) -> Result<(Connection, i64)> {
    let plain = (|| -> rusqlite::Result<Connection> {
        let c = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        c.busy_timeout(Duration::from_secs(5))?;
        c.pragma_update(None, "query_only", true)?;
        // Reading the schema is what fails on read-only media.
        c.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))?;
        Ok(c)
    })();
    let not_sqlite = || match subject {
        Subject::Database(p) => Error::Io(format!("{} is not an Afterview database (not an SQLite file).", p.display())),
        Subject::Backup => Error::Io("this file is not an SQLite database".into()),
    };
    let c = match plain {
        Ok(c) => c,
        Err(e) if is_not_a_database(&e) => return Err(not_sqlite()),
        Err(_) if fallback == Fallback::Immutable => immutable_connection(path)?,
        Err(e) => return Err(e.into()),
    };
    let version: i64 = c.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > schema::VERSION {
        return Err(match subject {
            Subject::Database(_) => too_new(version),
            Subject::Backup => Error::TooNew(format!(
                "this backup was made by a newer Afterview (schema {version}, this one knows {})",
                schema::VERSION
            )),
        });
    }
    Ok((c, version))
}

fn is_not_a_database(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase)
}

/// `path` opened with SQLite's read-only flag and `immutable=1`: no lock,
/// no -wal or -shm, nothing created or written.
pub(super) fn immutable_connection(path: &Path) -> Result<Connection> {
    let c = Connection::open_with_flags(
        format!("file:{}?immutable=1", uri_path(path)),
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    c.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))?;
    Ok(c)
}

/// `path` as the path part of an SQLite `file:` URI (sqlite.org/uri.html):
/// `%`, `?` and `#` escaped, absolute.
fn uri_path(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    abs.to_string_lossy()
        .bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// Opens a backup file to read it, and checks that it can be restored: an
/// SQLite file of this schema or an older one, holding Afterview's data,
/// that passes `PRAGMA integrity_check`.
pub(super) fn open_backup(path: &Path) -> Result<Connection> {
    let (c, version) = open_read_only(path, Subject::Backup, Fallback::None)?;
    if version < 1 {
        return Err(Error::Io("this file holds no Afterview data".into()));
    }
    integrity(&c).map_err(|why| Error::Io(format!("this backup is damaged ({why})")))?;
    Ok(c)
}

/// Every page of `src` into `dst`, in one step (one read transaction on the
/// source, one write transaction on the destination), waiting while either
/// is busy.
pub(super) fn copy_all(src: &Connection, dst: &mut Connection) -> Result<()> {
    let b = Backup::new(src, dst)?;
    let started = Instant::now();
    loop {
        match b.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked => {
                if started.elapsed() > BUSY_LIMIT {
                    return Err(Error::Io("the database stayed busy for 30 seconds; try again".into()));
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            // StepResult is non-exhaustive; any other answer means "again".
            #[allow(unreachable_patterns)]
            _ => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// `Ok` when `PRAGMA integrity_check` says "ok", else what it found.
pub fn integrity(c: &Connection) -> std::result::Result<(), String> {
    let mut st = c.prepare("PRAGMA integrity_check").map_err(|e| e.to_string())?;
    let rows: Vec<String> = st
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(|e| e.to_string())?;
    if rows == ["ok"] {
        Ok(())
    } else {
        Err(rows.into_iter().take(3).collect::<Vec<_>>().join("; "))
    }
}

/// The live database, opened to be copied: it can only read, and is not
/// created when it is missing.
pub struct Live(Connection);

impl Live {
    pub fn open(db: &Path) -> Result<Live> {
        if !db.is_file() {
            return Err(Error::NotFound(format!("there is no database at {}", db.display())));
        }
        let c = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        c.busy_timeout(Duration::from_secs(5))?;
        c.pragma_update(None, "query_only", true)?;
        Ok(Live(c))
    }

    /// Copies the database into a new file at `dest` (replacing it),
    /// checked and complete, or leaves nothing at `dest`: written as
    /// `.NAME.partial` beside it, turned into one self-contained file
    /// (rollback journal, no `-wal`), checked, synced and renamed.
    pub fn copy_to(&self, dest: &Path) -> Result<()> {
        let dir = dest.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = dir.join(format!(".{name}.partial"));
        let _ = std::fs::remove_file(&tmp);
        let result = (|| -> Result<()> {
            crate::private::create_file(&tmp)?;
            let mut dst = Connection::open(&tmp)?;
            copy_all(&self.0, &mut dst)?;
            // The copy keeps the source's WAL flag; a backup is one file that can
            // be opened read-only, carried or attached anywhere.
            let mode: String = dst.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("delete") {
                return Err(Error::Io(format!("the backup stayed in {mode} mode")));
            }
            integrity(&dst).map_err(|why| Error::Io(format!("the backup failed its check: {why}")))?;
            dst.close().map_err(|(_, e)| Error::from(e))?;
            std::fs::File::open(&tmp)?.sync_all()?;
            std::fs::rename(&tmp, dest)?;
            // The rename itself survives a power cut only once the folder is synced.
            if let Ok(d) = std::fs::File::open(dir) {
                let _ = d.sync_all();
            }
            Ok(())
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }
}

/// How many applications the database file at `path` holds, read without
/// writing; else why it cannot be read (SQLite's words).
pub fn count_applications(path: &Path) -> std::result::Result<i64, String> {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .and_then(|c| c.query_row("SELECT count(*) FROM applications", [], |r| r.get::<_, i64>(0)))
        .map_err(|e| e.to_string())
}

impl Store {
    /// SQLite's `data_version` of this store's connection: it changes when
    /// another connection (another process) commits to the file, so that a
    /// poller notices writes it did not make.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    /// `Ok` when `PRAGMA integrity_check` on this store says "ok", else
    /// what it found.
    pub fn integrity(&self) -> std::result::Result<(), String> {
        integrity(&self.conn)
    }
}
