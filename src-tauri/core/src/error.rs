//! The one error type of the backend. The UI receives it as `{kind, message}`
//! and shows the message beside what caused it; `field` names that place.

use serde::Serialize;

/// Every message is one line: whatever it quotes from a file, a form or
/// another library (a line break, a tab, any control character) is shown
/// escaped, as Rust writes it (`\n`), so a refusal beside a field or on the
/// command line never breaks over lines (found by the fuzzers: values quoted
/// as is in several messages).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input from the user or a file: nothing was written.
    #[error("{}", one_line(message))]
    Invalid { field: Option<String>, message: String },
    #[error("{}", one_line(.0))]
    NotFound(String),
    /// A database written by a newer Afterview: refused, left untouched.
    #[error("{}", one_line(.0))]
    TooNew(String),
    /// The database (its file, its folder or a file SQLite keeps beside
    /// it) cannot be written: the message says which and what to do.
    #[error("{}", one_line(.0))]
    ReadOnly(String),
    /// SQLite's error, as the store met it (the conversion from rusqlite's
    /// error is the store's: store/open.rs).
    #[error("database error: {}", one_line(&.0.to_string()))]
    Db(crate::store::DbError),
    #[error("{}", one_line(.0))]
    Io(String),
}

/// `s` with its control characters escaped (`\n`, `\r`, `\t`, `\u{1b}`);
/// everything else, quotes and non-ASCII letters included, as it is.
pub fn one_line(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.chars().map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() }).collect())
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by `cargo fuzz` (command, log_reply): an id holding a line
    /// break was quoted as is by "no application with id …".
    #[test]
    fn every_message_is_one_line_whatever_it_quotes() {
        let e = Error::NotFound("no application with id .example\r\nDTSTART:1".into());
        assert_eq!(e.to_string(), r"no application with id .example\r\nDTSTART:1");
        let e = Error::invalid("body", "tab\there, bell\u{7}, «Grüße»");
        assert_eq!(e.to_string(), r"tab\there, bell\u{7}, «Grüße»");
        assert_eq!(Error::Io("plain".into()).to_string(), "plain");
        // What the UI receives says the same.
        let v = serde_json::to_value(Error::TooNew("a\nb".into())).unwrap();
        assert_eq!(v["message"], r"a\nb");
    }
}
