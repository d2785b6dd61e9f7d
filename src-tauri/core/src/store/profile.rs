//! The user's own name, given once in Settings ("Your name") and signed
//! under every message: it fills the `[your name]` gap that ends the
//! default templates (and any custom one that kept it). Kept as its own row
//! of the `settings` table (key `your_name`), beside the cadence settings
//! and not in them, so the interchange format's settings are unchanged.

use super::Store;
use crate::error::Result;
use crate::templates::Template;
use crate::input::optional;
use rusqlite::{params, Connection, OptionalExtension};

/// The gap the default templates sign with.
pub const YOUR_NAME_GAP: &str = "[your name]";

/// The name stored, or `None` when the user has not given one.
pub fn your_name(c: &Connection) -> Result<Option<String>> {
    let v: Option<String> =
        c.query_row("SELECT value FROM settings WHERE key = 'your_name'", [], |r| r.get(0)).optional()?;
    Ok(v.filter(|s| !s.trim().is_empty()))
}

/// `t` signed: every `[your name]` replaced by `name`.
pub fn sign(t: &mut Template, name: Option<&str>) {
    if let Some(name) = name {
        t.subject = t.subject.replace(YOUR_NAME_GAP, name);
        t.body = t.body.replace(YOUR_NAME_GAP, name);
    }
}

impl Store {
    pub fn your_name(&self) -> Result<Option<String>> {
        your_name(self.conn())
    }

    /// Saves the user's name (blank forgets it); returns it as stored.
    pub fn set_your_name(&mut self, name: &str) -> Result<Option<String>> {
        let name = optional("your_name", "Your name", Some(name))?;
        self.write(|tx| {
            match &name {
                Some(n) => tx.execute(
                    "INSERT INTO settings(key, value) VALUES ('your_name', ?1)
                     ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    params![n],
                )?,
                None => tx.execute("DELETE FROM settings WHERE key = 'your_name'", [])?,
            };
            Ok(())
        })?;
        Ok(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::Berlin;

    #[test]
    fn the_name_is_kept_trimmed_and_a_blank_forgets_it() {
        let mut s = Store::open_in_memory(Berlin).unwrap();
        assert_eq!(s.your_name().unwrap(), None);
        assert_eq!(s.set_your_name("  Alex Kim ").unwrap().as_deref(), Some("Alex Kim"));
        assert_eq!(s.your_name().unwrap().as_deref(), Some("Alex Kim"));
        assert_eq!(s.settings().unwrap(), crate::model::Settings::default(), "the cadence settings are untouched");
        assert_eq!(s.set_your_name(" ").unwrap(), None);
        assert_eq!(s.your_name().unwrap(), None);
        assert_eq!(s.set_your_name("a\nb").unwrap_err().field(), Some("your_name"));
    }

    #[test]
    fn sign_fills_every_gap_and_nothing_else() {
        let mut t = Template { subject: "From [your name]".into(), body: "Best,\n[your name]\n[their name]".into() };
        sign(&mut t, Some("Alex Kim"));
        assert_eq!((t.subject.as_str(), t.body.as_str()), ("From Alex Kim", "Best,\nAlex Kim\n[their name]"));
        let mut u = Template { subject: String::new(), body: "[your name]".into() };
        sign(&mut u, None);
        assert_eq!(u.body, "[your name]");
    }
}
