//! The JSON reader under [`super::parse`]: serde_json's errors in one line,
//! a value that refuses duplicate keys ([`Strict`]), and [`At`], a value
//! with its path in the file, so that every refusal names its place.

use super::*;

pub(super) fn json_error(e: serde_json::Error) -> Error {
    let what = match e.classify() {
        serde_json::error::Category::Eof => "the file is truncated or not valid JSON",
        serde_json::error::Category::Io => "the file could not be read",
        _ => "the file is not valid JSON",
    };
    // serde_json's message already ends with "at line L column C".
    Error::invalid("file", format!("{what}: {e}"))
}

/// A JSON value read like `serde_json::Value`, except that a key given twice
/// in one object is refused (with its line and column) instead of the first
/// value being silently dropped.
pub(super) struct Strict(pub(super) Value);

impl<'de> serde::Deserialize<'de> for Strict {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor)
    }
}

pub(super) struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = Strict;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> std::result::Result<Strict, E> {
        Ok(Strict(Value::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> std::result::Result<Strict, E> {
        Ok(Strict(Value::from(v)))
    }
    fn visit_u64<E>(self, v: u64) -> std::result::Result<Strict, E> {
        Ok(Strict(Value::from(v)))
    }
    fn visit_f64<E>(self, v: f64) -> std::result::Result<Strict, E> {
        Ok(Strict(Value::from(v)))
    }
    fn visit_str<E>(self, v: &str) -> std::result::Result<Strict, E> {
        Ok(Strict(Value::String(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> std::result::Result<Strict, E> {
        Ok(Strict(Value::String(v)))
    }
    fn visit_unit<E>(self) -> std::result::Result<Strict, E> {
        Ok(Strict(Value::Null))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<Strict, A::Error> {
        let mut out = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Strict(Value::Array(out)))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Strict, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(serde::de::Error::custom(format!(
                    "the field {key:?} appears twice in one object"
                )));
            }
            let Strict(v) = map.next_value()?;
            out.insert(key, v);
        }
        Ok(Strict(Value::Object(out)))
    }
}

/// A calendar date written exactly as `YYYY-MM-DD`.
pub(super) fn ymd(s: &str) -> Option<NaiveDate> {
    (s.len() == 10)
        .then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .flatten()
}

/// What a JSON value is, for messages: short, quoting strings.
pub(super) fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if s.chars().count() > 60 => {
            format!("{:?}…", s.chars().take(60).collect::<String>())
        }
        Value::String(s) => format!("{s:?}"),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// One object of the document and its path, with typed, path-naming getters.
/// `null` counts as absent for every field.
pub(super) struct At<'a> {
    pub(super) map: &'a Map<String, Value>,
    pub(super) path: String,
}

impl<'a> At<'a> {
    pub(super) fn field_path(&self, f: &str) -> String {
        match (self.path.is_empty(), f.starts_with('[')) {
            (true, _) => f.to_owned(),
            (false, true) => format!("{}{f}", self.path),
            (false, false) => format!("{}.{f}", self.path),
        }
    }

    pub(super) fn err(&self, f: &str, msg: impl fmt::Display) -> Error {
        let p = self.field_path(f);
        Error::invalid(p.clone(), format!("{p}: {msg}"))
    }

    /// The application this object belongs to: the path up to its first `.`.
    pub(super) fn owner(&self) -> String {
        match self.path.find(").") {
            Some(i) => self.path[..=i].to_owned(),
            None => self.path.split('.').next().unwrap_or_default().to_owned(),
        }
    }

    /// Refuses fields this version does not know, naming them.
    pub(super) fn known(&self, fields: &[&str]) -> Result<()> {
        let unknown: Vec<String> = self
            .map
            .keys()
            .filter(|k| !fields.contains(&k.as_str()))
            .map(|k| format!("{k:?}"))
            .collect();
        if unknown.is_empty() {
            return Ok(());
        }
        let (noun, it) = if unknown.len() == 1 {
            ("field", "it")
        } else {
            ("fields", "them")
        };
        let msg = format!(
            "unknown {noun} {}: this Afterview does not know {it} and refuses the file rather than drop {it} \
             (known: {})",
            unknown.join(", "),
            fields.join(", ")
        );
        let where_ = if self.path.is_empty() {
            "top level".to_owned()
        } else {
            self.path.clone()
        };
        Err(Error::invalid(
            self.field_path(unknown[0].trim_matches('"')),
            format!("{where_}: {msg}"),
        ))
    }

    pub(super) fn get(&self, f: &str) -> Option<&'a Value> {
        self.map.get(f).filter(|v| !v.is_null())
    }

    pub(super) fn need<T>(&self, f: &str, v: Option<T>) -> Result<T> {
        v.ok_or_else(|| self.err(f, "missing (required)"))
    }

    pub(super) fn expected(&self, f: &str, what: &str, v: &Value) -> Error {
        self.err(f, format!("expected {what}, found {}", describe(v)))
    }

    pub(super) fn string(&self, f: &str) -> Result<Option<&'a str>> {
        match self.get(f) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(v) => Err(self.expected(f, "a string", v)),
        }
    }

    /// An id: not blank, one word, no `:` (ids are segments of follow-up keys).
    pub(super) fn id(&self, f: &str) -> Result<String> {
        let s = self.need(f, self.string(f)?)?;
        if s.trim().is_empty() {
            return Err(self.err(f, "is blank"));
        }
        if s.chars().count() > MAX_ID {
            return Err(self.err(f, format!("is too long (at most {MAX_ID} characters)")));
        }
        if s.chars()
            .any(|c| c == ':' || c.is_whitespace() || c.is_control())
        {
            return Err(self.err(
                f,
                format!("{s:?} is not an id: no spaces or ':' (ids are parts of follow-up keys)"),
            ));
        }
        Ok(s.to_owned())
    }

    /// The `id` of a contact or interview (`what`), which must be unique
    /// across the file: follow-up keys use it. `seen` maps each id to its owner.
    pub(super) fn unique_id(&self, what: &str, seen: &mut std::collections::HashMap<String, String>) -> Result<String> {
        let id = self.id("id")?;
        if let Some(first) = seen.get(&id) {
            return Err(self.err(
                "id",
                format!("{what} id {id:?} is already used by {first}; {what} ids must be unique across the file (follow-up keys use them)"),
            ));
        }
        seen.insert(id.clone(), self.owner());
        Ok(id)
    }

    pub(super) fn wire<T: std::str::FromStr<Err = String>>(&self, f: &str) -> Result<Option<T>> {
        self.string(f)?
            .map(|s| s.parse::<T>().map_err(|e| self.err(f, e)))
            .transpose()
    }

    pub(super) fn boolean(&self, f: &str) -> Result<Option<bool>> {
        match self.get(f) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(v) => Err(self.expected(f, "true or false", v)),
        }
    }

    pub(super) fn count(&self, f: &str) -> Result<Option<u32>> {
        match self.get(f) {
            None => Ok(None),
            Some(v) => match v.as_u64().and_then(|n| u32::try_from(n).ok()) {
                Some(n) => Ok(Some(n)),
                None => Err(self.expected(f, "a whole number", v)),
            },
        }
    }

    /// An RFC 3339 instant, kept in UTC to the second (the store's precision).
    pub(super) fn instant(&self, f: &str) -> Result<Option<DateTime<Utc>>> {
        let Some(s) = self.string(f)? else {
            return Ok(None);
        };
        let t = DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|t| t.with_timezone(&Utc))
            .and_then(|t| t.with_nanosecond(0))
            .ok_or_else(|| {
                self.err(
                    f,
                    format!("{s:?} is not an RFC 3339 instant like 2026-11-20T14:00:00Z"),
                )
            })?;
        self.in_years(f, s, t.year())?;
        Ok(Some(t))
    }

    /// Dates in a file lie in [`YEARS`]: "9999-12-31", a common "no date"
    /// placeholder, once made a check-in due in year 10000 that the store
    /// could not read back, and every agenda failed.
    pub(super) fn in_years(&self, f: &str, s: &str, year: i32) -> Result<()> {
        if YEARS.contains(&year) {
            return Ok(());
        }
        Err(self.err(
            f,
            format!("{s:?} is out of range: dates must lie between {} and {}", YEARS.start(), YEARS.end()),
        ))
    }

    /// A local calendar date, `YYYY-MM-DD`, never an instant.
    pub(super) fn date(&self, f: &str) -> Result<Option<NaiveDate>> {
        let Some(s) = self.string(f)? else {
            return Ok(None);
        };
        let d = ymd(s).ok_or_else(|| {
            self.err(
                f,
                format!("{s:?} is not a date like 2026-11-27 (a calendar date, no time)"),
            )
        })?;
        self.in_years(f, s, d.year())?;
        Ok(Some(d))
    }

    pub(super) fn list(&self, f: &str) -> Result<&'a [Value]> {
        match self.get(f) {
            None => Ok(&[]),
            Some(Value::Array(a)) => Ok(a),
            Some(v) => Err(self.expected(f, "a list", v)),
        }
    }

    pub(super) fn object(&self, f: &str) -> Result<Option<At<'a>>> {
        match self.get(f) {
            None => Ok(None),
            Some(Value::Object(map)) => Ok(Some(At {
                map,
                path: self.field_path(f),
            })),
            Some(v) => Err(self.expected(f, "an object", v)),
        }
    }

    pub(super) fn objects(&self, f: &str) -> Result<Vec<At<'a>>> {
        let mut out = Vec::new();
        for (i, v) in self.list(f)?.iter().enumerate() {
            let fi = format!("{f}[{i}]");
            let Value::Object(map) = v else {
                return Err(self.expected(&fi, "an object", v));
            };
            out.push(At {
                map,
                path: self.field_path(&fi),
            });
        }
        Ok(out)
    }
}
