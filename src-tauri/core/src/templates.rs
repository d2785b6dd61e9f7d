//! The drafted message of each follow-up: default templates per kind, filled
//! from the application's facts.
//!
//! Pure: no SQL, no clock. The store keeps the user's own versions of the
//! templates (settings, `store/templates.rs`) and the edited drafts
//! (`decisions.draft`); this module only turns a template and some facts
//! into text.
//!
//! A template names facts as `{{variable}}`. A fact the app knows is written
//! in; a fact it does not know (no interviewer named, no next steps noted)
//! becomes a visible placeholder in square brackets, like the gaps only the
//! user can fill (`[the project you discussed]`). The editor warns before
//! sending while any placeholder is left (see [`placeholders`]).

use crate::error::{Error, Result};
use crate::model::{ApplicationRecord, Contact, Interview, InterviewFormat, Kind};
use chrono::{DateTime, NaiveDate, Utc};
use crate::zone::Tz;
use serde::{Deserialize, Serialize};

/// LinkedIn's limit for the note of a connection request.
pub const LINKEDIN_LIMIT: usize = 300;
/// Free accounts are held to this many characters; above it the editor warns.
pub const LINKEDIN_FREE_LIMIT: usize = 200;
/// Longest template or draft accepted, far above any real letter.
pub const MAX_TEMPLATE: usize = 20_000;
const MAX_SUBJECT: usize = 300;

/// A message before or after filling: the subject is empty for kinds that
/// are not emails (a printed note, a LinkedIn request, a checklist).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    pub subject: String,
    pub body: String,
}

/// Whether a follow-up of this kind is sent as an email (and so has a subject).
pub fn is_email(kind: Kind) -> bool {
    matches!(kind, Kind::ThankYouEmail | Kind::CheckIn | Kind::KeepCvOnFile)
}

/// Every variable a template may use, with what it becomes when unknown.
pub const VARIABLES: &[(&str, &str, &str)] = &[
    ("first_name", "the interviewer's first name (all of them, for a note)", "[their name]"),
    ("contact_name", "the interviewer's full name", "[their name]"),
    ("company", "the company", "[company]"),
    ("role", "the role", "[role]"),
    ("interview_day", "the day of the interview, like Thursday 19 November", "[the day you met]"),
    ("interview_time", "the day and local time of the interview", "[when the interview is]"),
    ("interview_format", "phone, video or on-site", "[phone, video or on-site]"),
    ("interviewers", "everyone you will meet, by name", "[who you will meet]"),
    ("next_steps", "the next steps they named", "[the next steps they described]"),
    ("reply_by", "the date they said they would reply by", "[when they said they would reply]"),
    ("last_step", "\"our interview on …\" or \"my application on …\"", "[when you were last in touch]"),
];

/// The default template of each kind, in the app's own words, following the
/// advice it is built on: thank at once and specifically, connect only with
/// consent and with a personal note, check in politely, and answer a
/// rejection graciously, asking to be kept in mind.
pub fn default_template(kind: Kind) -> Template {
    let (subject, body) = match kind {
        Kind::ThankYouEmail => (
            "Thank you for the {{role}} interview",
            "Dear {{first_name}},\n\n\
             Thank you for taking the time to meet me on {{interview_day}} to talk about the {{role}} role \
             at {{company}}. I really enjoyed our conversation, especially hearing about \
             [the project you discussed].\n\n\
             It left me even more keen to join the team: [one thing you would bring to the role].\n\n\
             You mentioned that the next step would be {{next_steps}}. If there is anything else I can \
             send you in the meantime, please let me know.\n\n\
             Best regards,\n\
             [your name]",
        ),
        Kind::ThankYouNote => (
            "",
            "Dear {{first_name}},\n\n\
             Thank you for meeting me on {{interview_day}}. I enjoyed learning about \
             [something they told you], and I left even more excited about the {{role}} role at {{company}}.\n\n\
             I look forward to hearing from you.\n\n\
             With thanks,\n\
             [your name]",
        ),
        Kind::LinkedinConnect => (
            "",
            "Hi {{first_name}}, thank you again for the {{role}} interview on {{interview_day}}. \
             I enjoyed our talk about [a topic you discussed] and would be glad to stay in touch.",
        ),
        Kind::CheckIn => (
            "Checking in: {{role}} application",
            "Dear {{first_name}},\n\n\
             I hope you are well. I am writing to ask whether there is any news about the {{role}} \
             position at {{company}}, following {{last_step}}.\n\n\
             I am still very interested in the role, and happy to send anything else that would help \
             your decision.\n\n\
             Thank you for your time,\n\
             [your name]",
        ),
        Kind::KeepCvOnFile => (
            "Re: {{role}} application",
            "Dear {{first_name}},\n\n\
             Thank you for letting me know, and for the time you and the team gave me during the \
             process. Although I am disappointed, I enjoyed learning about {{company}}.\n\n\
             I would be grateful if you kept my CV on file, and I would welcome hearing about future \
             positions that fit my background.\n\n\
             I wish you and the team all the best,\n\
             [your name]",
        ),
        Kind::NoAnswer => (
            "",
            "{{company}} has not answered your last check-ins about the {{role}} role.\n\n\
             - Close it: it moves to the archive as \"No answer\", and you can restore it any time.\n\
             - Keep waiting: one more check-in at your usual spacing, then Afterview asks again.",
        ),
        Kind::PreInterview => (
            "",
            "Your {{interview_format}} interview with {{company}}: {{interview_time}}\n\n\
             - Note the name of everyone you meet: {{interviewers}}.\n\
             - Before you leave, thank each interviewer for their time.\n\
             - Ask what the next steps are, and when you can expect to hear back.\n\
             - Ask whether they would like to connect on LinkedIn.\n\
             - Bring a question about [something you want to know about the role].",
        ),
    };
    Template { subject: subject.to_owned(), body: body.to_owned() }
}

/// The facts a template is filled with, gathered for one follow-up.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Facts {
    pub company: String,
    pub role: String,
    /// The people the message is to, first the one it is addressed to.
    pub contacts: Vec<Contact>,
    pub interview: Option<Interview>,
    /// Local date of the application, for "my application on …".
    pub applied_on: Option<NaiveDate>,
    /// The interview's start in local time, as a date and "HH:MM".
    pub interview_local: Option<(NaiveDate, String)>,
    pub reply_by: Option<NaiveDate>,
    /// The latest interview that has ended, for check-ins and replies.
    pub last_interview_on: Option<NaiveDate>,
}

/// Gathers the facts for the follow-up with `key` of `rec`.
///
/// The interview is the one the key names; for a check-in or a reply to a
/// rejection (keys that name only the application) it is the latest
/// interview, and the person addressed is its first interviewer, else the
/// application's first contact.
pub fn facts_for(rec: &ApplicationRecord, key: &str, contact_id: Option<&str>, interview_id: Option<&str>, tz: Tz, now: DateTime<Utc>) -> Facts {
    let local = |t: DateTime<Utc>| t.with_timezone(&tz);
    let interview = interview_id
        .and_then(|id| rec.interviews.iter().find(|iv| iv.id == id))
        .or_else(|| latest_interview(rec, now))
        .cloned();
    let mut contacts: Vec<Contact> = Vec::new();
    if let Some(c) = contact_id.and_then(|id| rec.contact(id)) {
        contacts.push(c.clone());
    } else if let Some(iv) = &interview {
        contacts.extend(iv.interviewer_ids.iter().filter_map(|id| rec.contact(id)).cloned());
    }
    if contacts.is_empty() && matches!(Kind::of_key(key), Some(Kind::CheckIn | Kind::KeepCvOnFile)) {
        contacts.extend(rec.contacts.first().cloned());
    }
    let last_interview_on = rec
        .interviews
        .iter()
        .filter(|iv| iv.ends_at <= now)
        .map(|iv| iv.ends_at)
        .max()
        .map(|t| local(t).date_naive());
    Facts {
        company: rec.application.company.clone(),
        role: rec.application.role.clone(),
        interview_local: interview.as_ref().map(|iv| {
            let s = local(iv.starts_at);
            (s.date_naive(), s.format("%H:%M").to_string())
        }),
        reply_by: rec.interviews.iter().filter_map(|iv| iv.expected_reply_by).max(),
        applied_on: rec.application.applied_at.map(|t| local(t).date_naive()),
        last_interview_on,
        contacts,
        interview,
    }
}

/// The latest interview that has started by `now`, else the earliest to come.
fn latest_interview(rec: &ApplicationRecord, now: DateTime<Utc>) -> Option<&Interview> {
    rec.interviews
        .iter()
        .filter(|iv| iv.starts_at <= now)
        .max_by_key(|iv| (iv.starts_at, &iv.id))
        .or_else(|| rec.interviews.iter().min_by_key(|iv| (iv.starts_at, &iv.id)))
}

/// "Thursday 19 November": how the day reads in a letter.
pub fn day_phrase(d: NaiveDate) -> String {
    d.format("%A %-d %B").to_string()
}

fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// "Dana", "Dana and Sam", "Dana, Sam and Lee".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

fn nonblank(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
}

impl Facts {
    /// The value of one variable, or `None` when the fact is not known.
    pub fn value(&self, name: &str) -> Option<String> {
        let names: Vec<String> = self.contacts.iter().map(|c| c.name.trim().to_owned()).filter(|n| !n.is_empty()).collect();
        match name {
            "first_name" => {
                let firsts: Vec<String> = names.iter().map(|n| first_name(n).to_owned()).collect();
                (!firsts.is_empty()).then(|| and_list(&firsts))
            }
            "contact_name" => names.first().cloned(),
            "interviewers" => (!names.is_empty()).then(|| and_list(&names)),
            "company" => nonblank(Some(&self.company)),
            "role" => nonblank(Some(&self.role)),
            "interview_day" => self.interview_local.as_ref().map(|(d, _)| day_phrase(*d)),
            "interview_time" => self.interview_local.as_ref().map(|(d, t)| format!("{} at {t}", day_phrase(*d))),
            "interview_format" => self.interview.as_ref().map(|iv| {
                match iv.format {
                    InterviewFormat::Phone => "phone",
                    InterviewFormat::Video => "video",
                    InterviewFormat::Onsite => "on-site",
                }
                .to_owned()
            }),
            "next_steps" => nonblank(self.interview.as_ref().and_then(|iv| iv.next_steps.as_deref()))
                .map(|s| s.trim_end_matches('.').to_owned()),
            "reply_by" => self.reply_by.map(day_phrase),
            "last_step" => match (self.last_interview_on, self.applied_on) {
                (Some(d), _) => Some(format!("our interview on {}", day_phrase(d))),
                (None, Some(d)) => Some(format!("my application on {}", day_phrase(d))),
                (None, None) => None,
            },
            _ => None,
        }
    }
}

fn placeholder_of(name: &str) -> String {
    VARIABLES
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, _, p)| (*p).to_owned())
        .unwrap_or_else(|| format!("[{name}]"))
}

/// Replaces every `{{variable}}` of `text` with its fact, or with a visible
/// placeholder when the fact is not known (or the variable is not one of
/// [`VARIABLES`]). Text outside the braces is kept exactly.
pub fn fill_text(text: &str, facts: &Facts) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else { break };
        let name = after[..close].trim();
        out.push_str(&rest[..open]);
        out.push_str(&facts.value(name).unwrap_or_else(|| placeholder_of(name)));
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    out
}

pub fn fill(t: &Template, facts: &Facts) -> Template {
    Template { subject: fill_text(&t.subject, facts), body: fill_text(&t.body, facts) }
}

/// A gap left for the user: `[...]` on one line, holding at least one letter
/// and at most 80 characters (so `[ ]`, `[1]` and long bracketed asides are
/// not taken for one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Placeholder {
    pub text: String,
    /// Offsets in characters (Unicode scalar values) of `[` and just after `]`.
    pub start: usize,
    pub end: usize,
}

/// The rule the editor runs as the user types (`findPlaceholders` in
/// ui/compose.js, with UTF-16 offsets); both are tested on the cases in
/// tests/fixtures/placeholders.json.
pub fn placeholders(text: &str) -> Vec<Placeholder> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '[' {
            let mut j = i + 1;
            while j < chars.len() && j - i <= 81 && !matches!(chars[j], '[' | ']' | '\n' | '\r') {
                j += 1;
            }
            if j < chars.len() && chars[j] == ']' && j - i - 1 <= 80 && chars[i + 1..j].iter().any(|c| c.is_alphabetic()) {
                out.push(Placeholder { text: chars[i..=j].iter().collect(), start: i, end: j + 1 });
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Checks a template the user edited in settings: not blank, not huge, and
/// every `{{variable}}` one the app knows (a typo would otherwise turn into a
/// placeholder in every draft). The message names what to fix.
pub fn check_template(kind: Kind, t: &Template) -> Result<Template> {
    if t.body.trim().is_empty() {
        return Err(Error::invalid("body", "The message cannot be empty. Use \"Reset to default\" to start again."));
    }
    if t.body.chars().count() > MAX_TEMPLATE {
        return Err(Error::invalid("body", format!("Keep the message under {MAX_TEMPLATE} characters.")));
    }
    let subject = if is_email(kind) { t.subject.trim().to_owned() } else { String::new() };
    if subject.contains('\n') || subject.contains('\r') {
        return Err(Error::invalid("subject", "The subject must be one line."));
    }
    if subject.chars().count() > MAX_SUBJECT {
        return Err(Error::invalid("subject", format!("Keep the subject under {MAX_SUBJECT} characters.")));
    }
    for (field, text) in [("subject", subject.as_str()), ("body", t.body.as_str())] {
        if let Some(bad) = unknown_variables(text).into_iter().next() {
            let known: Vec<String> = VARIABLES.iter().map(|(n, _, _)| format!("{{{{{n}}}}}")).collect();
            return Err(Error::invalid(
                field,
                format!("{{{{{bad}}}}} is not a fact Afterview knows. Use one of: {}.", known.join(", ")),
            ));
        }
        if has_unclosed_braces(text) {
            return Err(Error::invalid(field, "A {{ is not closed with }}."));
        }
    }
    Ok(Template { subject, body: t.body.replace("\r\n", "\n") })
}

fn unknown_variables(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else { break };
        let name = after[..close].trim();
        if !VARIABLES.iter().any(|(n, _, _)| *n == name) {
            out.push(name.to_owned());
        }
        rest = &after[close + 2..];
    }
    out
}

fn has_unclosed_braces(text: &str) -> bool {
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        match rest[open + 2..].find("}}") {
            Some(close) => rest = &rest[open + 2 + close + 2..],
            None => return true,
        }
    }
    false
}

/// How an email draft is kept in one text column: a `Subject:` line, a blank
/// line, then the body, the way a plain-text message is written. Other kinds
/// keep the body alone.
pub fn join_draft(kind: Kind, subject: &str, body: &str) -> String {
    if is_email(kind) {
        format!("Subject: {}\n\n{}", subject.replace(['\r', '\n'], " "), body)
    } else {
        body.to_owned()
    }
}

/// The inverse of [`join_draft`]. A draft without the subject line (written
/// by another tool, or imported) is all body, with the template's subject.
pub fn split_draft(kind: Kind, draft: &str, default_subject: &str) -> Template {
    if is_email(kind) {
        if let Some(rest) = draft.strip_prefix("Subject: ") {
            let (subject, body) = rest.split_once('\n').unwrap_or((rest, ""));
            let body = body.strip_prefix('\n').unwrap_or(body);
            return Template { subject: subject.to_owned(), body: body.to_owned() };
        }
    }
    Template { subject: if is_email(kind) { default_subject.to_owned() } else { String::new() }, body: draft.to_owned() }
}

#[cfg(test)]
mod tests;
