//! Importing a document: the two modes, what an import did or would do,
//! and the calls into the store (whose `store/interchange.rs` plans it and
//! writes it in one transaction).

use super::*;

/// How an import treats the database it goes into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    /// Only into a database with no application; the file's settings replace the current ones.
    Empty,
    /// Adds the applications whose id is new; existing applications and the
    /// current settings are left unchanged.
    Merge,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// Ids of the applications added, in the file's order.
    pub added: Vec<String>,
    /// Ids of the file's applications the database already held: left unchanged.
    pub skipped_existing: Vec<String>,
    /// Whether the file's settings replaced the current ones.
    pub settings_applied: bool,
    /// The company of each application named above: the database's for a
    /// skipped one, the file's for an added one.
    pub companies: BTreeMap<String, String>,
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.added.len();
        let plural = |n: usize| {
            if n == 1 {
                "application"
            } else {
                "applications"
            }
        };
        if n == 0 && self.skipped_existing.is_empty() {
            write!(f, "The file holds no applications; none imported")?;
        } else {
            write!(f, "Imported {n} {}", plural(n))?;
        }
        let k = self.skipped_existing.len();
        if k > 0 {
            let was = if k == 1 { "was" } else { "were" };
            let shown: Vec<String> = self
                .skipped_existing
                .iter()
                .take(10)
                .map(|id| match self.companies.get(id) {
                    Some(c) => format!("{id} ({c})"),
                    None => id.clone(),
                })
                .collect();
            let more = if k > 10 {
                format!(", … and {} more", k - 10)
            } else {
                String::new()
            };
            write!(
                f,
                "; {k} already present (same id) {was} left unchanged: {}{more}",
                shown.join(", ")
            )?;
        }
        if self.settings_applied {
            write!(f, ". Settings now come from the file.")
        } else {
            write!(f, ". Settings were left unchanged.")
        }
    }
}

/// Imports a parsed document in one transaction: all of it or nothing.
/// The follow-ups of every added application are computed before it commits.
pub fn import(
    store: &mut Store,
    doc: &Document,
    mode: ImportMode,
    now: DateTime<Utc>,
) -> Result<ImportReport> {
    store.import_document(doc, mode, now)
}

/// The checks of [`import`] against the database file at `db`, through a
/// read-only connection: a refused import is refused before the database is
/// opened for writing (a missing file is an empty database).
pub fn check_import(db: &Path, doc: &Document, mode: ImportMode) -> Result<ImportReport> {
    interchange::check_import_at(db, doc, mode)
}

/// What importing a file into the app's store would do, worked out without
/// writing: the question the app asks before it imports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportPreview {
    /// Applications in the file.
    pub applications: usize,
    /// Whether the database holds no application: then the whole file is
    /// imported with its settings ([`ImportMode::Empty`]), else merged
    /// ([`ImportMode::Merge`]).
    pub database_empty: bool,
    /// What the import would report: the ids it would add, those already
    /// present (with the database's company) and whether the file's
    /// settings would apply.
    pub report: ImportReport,
}

impl ImportPreview {
    /// The mode the import should use: the one this preview was made for.
    pub fn mode(&self) -> ImportMode {
        if self.database_empty {
            ImportMode::Empty
        } else {
            ImportMode::Merge
        }
    }
}

/// What importing `doc` into `store` would do, through the store's own
/// connection and without writing (the same plan [`import`] makes in its
/// transaction): into an empty database the whole file and its settings,
/// else a merge. A file the import would refuse is refused here with the
/// same message.
pub fn preview_import(store: &Store, doc: &Document) -> Result<ImportPreview> {
    let database_empty = store.application_count()? == 0;
    let mode = if database_empty {
        ImportMode::Empty
    } else {
        ImportMode::Merge
    };
    let report = check_import_in(store, doc, mode)?;
    Ok(ImportPreview {
        applications: doc.applications.len(),
        database_empty,
        report,
    })
}

/// The checks of [`import`] through the store's own connection, without
/// writing: what it would report, or its refusal.
pub fn check_import_in(store: &Store, doc: &Document, mode: ImportMode) -> Result<ImportReport> {
    store.check_import(doc, mode)
}
