//! The one error type of the backend. The UI receives it as `{kind, message}`
//! and shows the message beside what caused it; `field` names that place.

use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input from the user or a file: nothing was written.
    #[error("{message}")]
    Invalid { field: Option<String>, message: String },
    #[error("{0}")]
    NotFound(String),
    /// A database written by a newer Afterview: refused, left untouched.
    #[error("{0}")]
    TooNew(String),
    /// The database (its file, its folder or a file SQLite keeps beside
    /// it) cannot be written: the message says which and what to do.
    #[error("{0}")]
    ReadOnly(String),
    /// SQLite's error, as the store met it (the conversion from rusqlite's
    /// error is the store's: store/open.rs).
    #[error("database error: {0}")]
    Db(crate::store::DbError),
    #[error("{0}")]
    Io(String),
}

impl Error {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid { field: Some(field.into()), message: message.into() }
    }
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid",
            Error::NotFound(_) => "not_found",
            Error::TooNew(_) => "too_new",
            Error::ReadOnly(_) => "read_only",
            Error::Db(_) => "database",
            Error::Io(_) => "io",
        }
    }
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Invalid { field, .. } => field.as_deref(),
            _ => None,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e.to_string())
    }
}

/// The shape the UI sees.
#[derive(Debug, Serialize)]
pub struct ErrorPayload {
    pub kind: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ErrorPayload { kind: self.kind(), message: self.to_string(), field: self.field().map(str::to_owned) }
            .serialize(s)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
