//! The facts Afterview keeps and the shapes it derives from them.
//!
//! Everything here is plain data: no SQL, no clock. Instants are UTC
//! (`DateTime<Utc>`); a date the user gives without a time ("expected reply
//! by") is a local calendar date (`NaiveDate`), never a UTC instant.
//! The serde names are the interchange format of docs/FORMAT.md, a public
//! contract: add fields, never rename them.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Defines a closed set of names with their wire spelling, parsing and display.
macro_rules! wire_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $wire:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
        pub enum $name { $(#[serde(rename = $wire)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($wire => Ok($name::$variant),)+
                    // Quoted as Rust quotes it, so a line break in a
                    // file's value stays on the message's one line.
                    other => Err(format!(
                        "{:?} is not one of {}",
                        other,
                        [$($wire),+].join(", ")
                    )),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }
    };
}

wire_enum!(
    /// Where an application stands. The first five are board columns; the
    /// last three are archived (kept, searchable, off the board). `Ghosted`
    /// ("No answer") is where rule R9's *Close* puts a silent application.
    Status {
        Wishlist => "wishlist",
        Applied => "applied",
        Interviewing => "interviewing",
        Offer => "offer",
        Rejected => "rejected",
        Accepted => "accepted",
        Withdrawn => "withdrawn",
        Ghosted => "ghosted",
    }
);

impl Status {
    pub const BOARD: [Status; 5] = [
        Status::Wishlist,
        Status::Applied,
        Status::Interviewing,
        Status::Offer,
        Status::Rejected,
    ];
    pub fn is_archived(self) -> bool {
        matches!(self, Status::Accepted | Status::Withdrawn | Status::Ghosted)
    }
}

wire_enum!(
    /// Whether an interviewer agreed to connect on LinkedIn (rule R3).
    Consent { Yes => "yes", No => "no", NotAsked => "not_asked" }
);

wire_enum!(InterviewFormat { Phone => "phone", Video => "video", Onsite => "onsite" });

wire_enum!(
    /// How the interview went, in the user's own judgement.
    Went { Well => "well", Okay => "okay", Poorly => "poorly" }
);

wire_enum!(Direction { Sent => "sent", Received => "received" });

wire_enum!(Channel {
    Email => "email",
    Linkedin => "linkedin",
    Note => "note",
    Phone => "phone",
    Other => "other",
});

wire_enum!(
    /// The user's decision about one follow-up. `Open` carries only an edited
    /// draft; `Snoozed` moves the due time to `snoozed_until`.
    DecisionState { Open => "open", Done => "done", Skipped => "skipped", Snoozed => "snoozed" }
);

wire_enum!(
    /// The kinds of follow-up the cadence rules create (DESIGN §2).
    Kind {
        ThankYouEmail => "thank_you_email",
        ThankYouNote => "thank_you_note",
        LinkedinConnect => "linkedin_connect",
        PreInterview => "pre_interview",
        CheckIn => "check_in",
        KeepCvOnFile => "keep_cv_on_file",
        NoAnswer => "no_answer",
    }
);

impl Kind {
    /// The kind named by the first segment of a follow-up key.
    pub fn of_key(key: &str) -> Option<Kind> {
        key.split(':').next().and_then(|k| k.parse().ok())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub linkedin_url: Option<String>,
    pub linkedin_consent: Consent,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interview {
    pub id: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub format: InterviewFormat,
    #[serde(default)]
    pub interviewer_ids: Vec<String>,
    #[serde(default)]
    pub went: Option<Went>,
    #[serde(default)]
    pub physical_note: bool,
    #[serde(default)]
    pub next_steps: Option<String>,
    /// A local calendar date, never an instant.
    #[serde(default)]
    pub expected_reply_by: Option<NaiveDate>,
    /// The calendar invitation it was logged from, if any (issue 14).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<CalendarRef>,
}

/// Which calendar event an interview came from: a later invitation with the
/// same `uid` and a higher `sequence` moves it, a cancellation removes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarRef {
    pub uid: String,
    pub sequence: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusChange {
    pub at: DateTime<Utc>,
    pub from: Option<Status>,
    pub to: Status,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub at: DateTime<Utc>,
    pub direction: Direction,
    pub channel: Channel,
    #[serde(default)]
    pub followup_key: Option<String>,
    #[serde(default)]
    pub contact_id: Option<String>,
    #[serde(default)]
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub followup_key: String,
    pub state: DecisionState,
    #[serde(default)]
    pub snoozed_until: Option<DateTime<Utc>>,
    /// The user's edited draft, kept even while the follow-up is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<String>,
    /// When the user made the decision (done, skipped, snoozed); `None` for
    /// an open follow-up that only keeps a draft, and for decisions imported
    /// from files written before Afterview recorded it. R5 counts the next
    /// check-in after a skip from the later of its due date and this instant.
    #[serde(default)]
    pub decided_at: Option<DateTime<Utc>>,
}

/// The application row alone, as the board lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Application {
    pub id: String,
    pub company: String,
    pub role: String,
    pub status: Status,
    #[serde(default)]
    pub applied_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub job_url: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub notes: String,
}

/// One application with every fact about it: the unit the cadence rules work
/// on, and the shape of one entry of the interchange format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicationRecord {
    #[serde(flatten)]
    pub application: Application,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub interviews: Vec<Interview>,
    #[serde(default)]
    pub status_changes: Vec<StatusChange>,
    #[serde(default)]
    pub messages: Vec<Message>,
    #[serde(default)]
    pub decisions: Vec<Decision>,
}

impl ApplicationRecord {
    pub fn contact(&self, id: &str) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.id == id)
    }
    pub fn decision(&self, key: &str) -> Option<&Decision> {
        self.decisions.iter().find(|d| d.followup_key == key)
    }
}

/// The user's settings. Every number in the cadence rules is one of these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub checkin_cadence_days: u32,
    #[serde(with = "quiet_hours_serde")]
    pub quiet_hours: (NaiveTime, NaiveTime),
    pub physical_note_default: bool,
    pub pre_interview_minutes: u32,
    /// R9: after this many check-ins sent with no answer, ask instead of checking in again.
    #[serde(default = "default_no_answer_after")]
    pub no_answer_after_checkins: u32,
    /// Your own addresses, lower-cased: mail from them is `sent`, and they
    /// never become contacts (issue 14). Left out of the JSON when empty,
    /// so that exports without any stay as they were.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub my_emails: Vec<String>,
}

fn default_no_answer_after() -> u32 {
    3
}

/// R9's bounds: two unanswered check-ins is the least that says "silence";
/// past ten, the question would never come.
pub const NO_ANSWER_AFTER_CHECKINS: std::ops::RangeInclusive<u32> = 2..=10;

/// The advice this product follows: never check in more than once a week.
pub const MIN_CHECKIN_CADENCE_DAYS: u32 = 7;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            checkin_cadence_days: 14,
            quiet_hours: (
                NaiveTime::from_hms_opt(21, 0, 0).unwrap_or_default(),
                NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default(),
            ),
            physical_note_default: false,
            pre_interview_minutes: 60,
            no_answer_after_checkins: default_no_answer_after(),
            my_emails: Vec::new(),
        }
    }
}

/// What is wrong with a setting: the field, the rule it breaks in the
/// user's words, and the value given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsProblem {
    pub field: &'static str,
    what: &'static str,
    rule: &'static str,
    pub got: u32,
}

impl SettingsProblem {
    /// For the settings form, beside the field: "At most 365 days."
    pub fn message(&self) -> String {
        let mut c = self.rule.chars();
        let first = c.next().map(|f| f.to_ascii_uppercase()).unwrap_or_default();
        format!("{first}{}.", c.as_str())
    }
}

impl Settings {
    /// The first of the bounded number settings out of bounds, in the
    /// user's words for the form (`message`) and with the value for files.
    pub fn problem(&self) -> Option<SettingsProblem> {
        let p = |field, what, rule, got| Some(SettingsProblem { field, what, rule, got });
        if self.checkin_cadence_days < MIN_CHECKIN_CADENCE_DAYS {
            return p(
                "checkin_cadence_days",
                "check-in cadence",
                "at least 7 days: checking in more than once a week reads as pushy",
                self.checkin_cadence_days,
            );
        }
        if self.checkin_cadence_days > 365 {
            return p("checkin_cadence_days", "check-in cadence", "at most 365 days", self.checkin_cadence_days);
        }
        if self.pre_interview_minutes > 24 * 60 {
            return p(
                "pre_interview_minutes",
                "the pre-interview reminder",
                "at most 1440 minutes (a day) before",
                self.pre_interview_minutes,
            );
        }
        None
    }

    /// Checks the settings a file or the command line gave; the message
    /// names the setting and the value found (the form uses `problem`).
    pub fn validate(&self) -> Result<(), String> {
        self.check().map_err(|(_, m)| m)
    }

    /// The same check, naming the setting at fault (its interchange name).
    pub fn check(&self) -> Result<(), (&'static str, String)> {
        if let Some(p) = self.problem() {
            return Err((p.field, format!("{} must be {} (got {})", p.what, p.rule, p.got)));
        }
        if let Some(bad) = self.my_emails.iter().find(|e| !is_email(e)) {
            return Err(("my_emails", format!("my_emails: {bad:?} is not an email address like you@example.org")));
        }
        let n = self.no_answer_after_checkins;
        if !NO_ANSWER_AFTER_CHECKINS.contains(&n) {
            return Err((
                "no_answer_after_checkins",
                format!(
                    "the no-answer question comes after {} to {} unanswered check-ins: fewer gives up \
                     too soon, more keeps writing to someone who is not answering (got {n})",
                    NO_ANSWER_AFTER_CHECKINS.start(),
                    NO_ANSWER_AFTER_CHECKINS.end()
                ),
            ));
        }
        Ok(())
    }

    /// True when `email` is one of yours (case ignored).
    pub fn is_mine(&self, email: &str) -> bool {
        self.my_emails.iter().any(|m| m.eq_ignore_ascii_case(email.trim()))
    }
}

/// An address with one `@`, something on both sides, a dot in the domain and no spaces.
pub fn is_email(s: &str) -> bool {
    let s = s.trim();
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
                && !domain.contains('@') && !s.contains(char::is_whitespace)
        }
        None => false,
    }
}

mod quiet_hours_serde {
    use chrono::NaiveTime;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &(NaiveTime, NaiveTime), s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(2))?;
        seq.serialize_element(&v.0.format("%H:%M").to_string())?;
        seq.serialize_element(&v.1.format("%H:%M").to_string())?;
        seq.end()
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<(NaiveTime, NaiveTime), D::Error> {
        let [a, b]: [String; 2] = Deserialize::deserialize(d)?;
        let parse = |s: &str| {
            NaiveTime::parse_from_str(s, "%H:%M")
                .map_err(|_| D::Error::custom(format!("quiet hours: {s:?} is not a time like 21:00")))
        };
        Ok((parse(&a)?, parse(&b)?))
    }
}

/// One open follow-up, as computed by `cadence` for a given `now`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub key: String,
    pub kind: Kind,
    pub application_id: String,
    pub company: String,
    pub contact_id: Option<String>,
    /// The contact's name, for messages and notifications.
    pub contact_name: Option<String>,
    pub interview_id: Option<String>,
    /// When it is due: the rule's time, or the snooze time when snoozed.
    pub due_at: DateTime<Utc>,
    pub snoozed: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by `cargo fuzz` (interchange): a follow-up key whose kind held
    /// a line break made the import's refusal two lines long.
    #[test]
    fn a_value_that_is_not_one_of_the_names_is_quoted_on_one_line() {
        let e = "thank_yo\nbout the team\r".parse::<Kind>().unwrap_err();
        assert_eq!(e, r#""thank_yo\nbout the team\r" is not one of thank_you_email, thank_you_note, linkedin_connect, pre_interview, check_in, keep_cv_on_file, no_answer"#);
        assert_eq!("sent".parse::<Status>().unwrap_err().lines().count(), 1);
    }
}
