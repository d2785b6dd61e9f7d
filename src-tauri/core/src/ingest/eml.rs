//! An email (`.eml`, RFC 5322) read into an [`Email`] by `mail-parser`,
//! which decodes headers (RFC 2047), transfer encodings (quoted-printable,
//! base64), charsets and multipart bodies. The body is the first text part,
//! or the text of the HTML part when there is none, then [`new_text`] keeps
//! only what this mail adds: quoted history and signature removed.

use super::{Email, Person};
use chrono::{DateTime, Utc};
use mail_parser::{Address, MessageParser, MimeHeaders};

/// True when the bytes start like a message: header lines, one of them From.
pub fn looks_like_email(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(16 * 1024)]);
    let mut saw_from = false;
    for line in head.lines() {
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((name, _)) = line.split_once(':') else { return false };
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_graphic()) {
            return false;
        }
        saw_from |= name.eq_ignore_ascii_case("from");
    }
    saw_from
}

fn people(a: Option<&Address>) -> Vec<Person> {
    a.map(|a| a.iter().filter_map(|x| Some(Person::new(x.name(), x.address()?))).filter(|p| p.email.contains('@')).collect())
        .unwrap_or_default()
}

pub fn parse(bytes: &[u8]) -> Result<Email, String> {
    let msg = MessageParser::default().parse(bytes).ok_or("this email cannot be read")?;
    let from = people(msg.from()).into_iter().next().ok_or("this email has no sender address (From)")?;
    let mut to = people(msg.to());
    to.extend(people(msg.cc()));
    let date = msg.date().filter(|d| d.is_valid()).ok_or("this email has no valid Date header")?;
    let at = DateTime::<Utc>::from_timestamp(date.to_timestamp(), 0).ok_or("this email's Date is out of range")?;
    let body = msg.body_text(0).map(|b| b.into_owned()).unwrap_or_default();
    Ok(Email { from, to, at, subject: msg.subject().unwrap_or("").trim().to_owned(), body: new_text(&body) })
}

/// The invitation an email carries (a `text/calendar` part, as Google,
/// Outlook and Calendly send them), decoded; `None` for a plain email.
pub fn calendar_part(bytes: &[u8]) -> Option<String> {
    let msg = MessageParser::default().parse(bytes)?;
    msg.parts.iter().find_map(|p| {
        let ct = p.content_type()?;
        let calendar = (ct.ctype().eq_ignore_ascii_case("text") && ct.subtype().is_some_and(|s| s.eq_ignore_ascii_case("calendar")))
            || (ct.ctype().eq_ignore_ascii_case("application") && ct.subtype().is_some_and(|s| s.eq_ignore_ascii_case("ics")));
        calendar.then(|| p.text_contents().map(str::to_owned)).flatten()
    })
}

/// The lines that open the quoted earlier mail, as mail clients write them.
fn opens_history(line: &str, next: Option<&str>) -> bool {
    let l = line.trim();
    let lower = l.to_lowercase();
    // Gmail, Apple Mail, Thunderbird: "On Tue, 24 Nov 2026 at 10:02, Dana <dana@…> wrote:",
    // sometimes wrapped onto a second line.
    let wrote = |s: &str| s.trim_end().ends_with("wrote:") || s.trim_end().ends_with("a écrit :") || s.trim_end().ends_with("schrieb:");
    if (lower.starts_with("on ") || lower.starts_with("le ") || lower.starts_with("am "))
        && (wrote(l) || next.is_some_and(|n| wrote(n) && !n.trim_start().starts_with('>')))
    {
        return true;
    }
    if lower.contains("-----original message-----") || lower.starts_with("begin forwarded message") {
        return true;
    }
    // Outlook: "From: Dana Reyes <…>" followed by "Sent:" or "Date:" (often after a rule of underscores).
    if (lower.starts_with("from:") || lower.starts_with("von:") || lower.starts_with("de :"))
        && next.is_some_and(|n| {
            let n = n.trim_start().to_lowercase();
            n.starts_with("sent:") || n.starts_with("date:") || n.starts_with("gesendet:") || n.starts_with("envoyé :")
        })
    {
        return true;
    }
    false
}

/// A signature starts here: the RFC 3676 delimiter `-- `, or a mobile footer.
fn opens_signature(line: &str) -> bool {
    let l = line.trim_end();
    l == "--" || l == "-- " || l == "—" || {
        let lower = l.trim().to_lowercase();
        lower.starts_with("sent from my ") || lower.starts_with("get outlook for ") || lower == "sent from outlook"
    }
}

/// The text this mail adds: everything before the quoted history and the
/// signature, without `>` quoted lines; blank lines at the ends removed.
pub fn new_text(body: &str) -> String {
    let lines: Vec<&str> = body.lines().collect();
    let mut kept: Vec<&str> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let next = lines[i + 1..].iter().find(|l| !l.trim().is_empty()).copied();
        if opens_history(line, next) || opens_signature(line) {
            break;
        }
        if line.trim_start().starts_with('>') {
            continue;
        }
        // An Outlook rule of underscores right before its header block.
        if line.trim().len() >= 10 && line.trim().chars().all(|c| c == '_') && next.is_some_and(|n| opens_history(n, None) || n.to_lowercase().starts_with("from:")) {
            break;
        }
        kept.push(line.trim_end());
    }
    while kept.last().is_some_and(|l| l.trim().is_empty()) {
        kept.pop();
    }
    let start = kept.iter().position(|l| !l.trim().is_empty()).unwrap_or(kept.len());
    kept[start..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_history_and_signatures_are_cut() {
        let gmail = "Thanks Dana, Tuesday works.\n\nBest,\nSam\n\nOn Tue, Nov 24, 2026 at 10:02 AM Dana Reyes <dana@acme.example>\nwrote:\n> Would Tuesday work?\n";
        assert_eq!(new_text(gmail), "Thanks Dana, Tuesday works.\n\nBest,\nSam");
        let outlook = "Hi Sam,\nSee you then.\n\n________________________________\nFrom: Sam Lee <sam@mail.example>\nSent: Tuesday, November 24, 2026 10:15\nSubject: Re: Interview\n\nThanks";
        assert_eq!(new_text(outlook), "Hi Sam,\nSee you then.");
        let sig = "Short answer: yes.\n-- \nDana Reyes | Hiring Manager\n+1 415 555 0134";
        assert_eq!(new_text(sig), "Short answer: yes.");
        assert_eq!(new_text("Great!\n\nSent from my iPhone"), "Great!");
        assert_eq!(new_text("-----Original Message-----\nFrom: x"), "");
        // "On" at the start of a sentence is not a quote header.
        assert_eq!(new_text("On Monday we will decide.\nThanks"), "On Monday we will decide.\nThanks");
    }

    #[test]
    fn only_header_blocks_with_a_sender_look_like_email() {
        assert!(looks_like_email(b"From: a@b.example\r\nSubject: x\r\n\r\nbody"));
        assert!(looks_like_email(b"Received: from x\r\n\tby y\r\nFrom: a@b.example\r\n\r\n"));
        assert!(!looks_like_email(b"company,role\nAcme,Dev\n"));
        assert!(!looks_like_email(b"Subject: no sender\r\n\r\n"));
        assert!(!looks_like_email(b"\x89PNG\r\n"));
    }
}
