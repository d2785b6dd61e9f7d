//! Follow-up keys in a file (`check_in:a1:2026-11-26`,
//! `thank_you_email:i1:c1`, …): their shape, the interviews and contacts
//! they name, and that those belong to the key's own application.

use super::*;

/// Checks the shape of a follow-up key (DESIGN §2) carried by a message or
/// a decision of application `app`.
pub(super) fn check_key(key: &str, app: &str) -> std::result::Result<(), String> {
    let parts: Vec<&str> = key.split(':').collect();
    let kind: Kind = parts[0]
        .parse()
        .map_err(|e: String| format!("{key:?} is not a follow-up key: its kind {e}"))?;
    let (shape, segments) = match kind {
        Kind::ThankYouEmail => ("thank_you_email:<interview>:<contact or ->", 3),
        Kind::ThankYouNote => ("thank_you_note:<interview>", 2),
        Kind::LinkedinConnect => ("linkedin_connect:<contact>", 2),
        Kind::PreInterview => ("pre_interview:<interview>", 2),
        Kind::CheckIn => ("check_in:<application>:<YYYY-MM-DD>", 3),
        Kind::KeepCvOnFile => ("keep_cv_on_file:<application>", 2),
        Kind::NoAnswer => ("no_answer:<application>:<YYYY-MM-DD>", 3),
    };
    if parts.len() != segments || parts.iter().any(|p| p.trim().is_empty()) {
        return Err(format!(
            "{key:?} is not a follow-up key: {kind} keys look like {shape}"
        ));
    }
    if matches!(kind, Kind::CheckIn | Kind::KeepCvOnFile | Kind::NoAnswer) && parts[1] != app {
        return Err(format!(
            "{key:?} is about application {:?}, not this one ({app:?})",
            parts[1]
        ));
    }
    if matches!(kind, Kind::CheckIn | Kind::NoAnswer) && ymd(parts[2]).is_none() {
        return Err(format!(
            "{key:?} is not a follow-up key: {:?} is not a date like 2026-11-27",
            parts[2]
        ));
    }
    Ok(())
}

/// The interview and contact a well-shaped key names (`"interview"` or
/// `"contact"`, and its id).
pub fn key_targets(key: &str) -> Vec<(&'static str, &str)> {
    let parts: Vec<&str> = key.split(':').collect();
    match (parts[0], parts.len()) {
        ("thank_you_email", 3) if parts[2] != "-" => vec![("interview", parts[1]), ("contact", parts[2])],
        ("thank_you_email", 3) | ("thank_you_note", 2) | ("pre_interview", 2) => vec![("interview", parts[1])],
        ("linkedin_connect", 2) => vec![("contact", parts[1])],
        _ => vec![],
    }
}

/// A key naming an interview or contact of another application of the file
/// is refused: its decision would be kept under the wrong application, and
/// the real follow-up could not be closed (issue 15). A key naming one that
/// is in no application is allowed (a decision outlives a deleted interview).
pub(super) fn check_key_owners(labels: &[String], applications: &[ApplicationRecord]) -> Result<()> {
    let mut owner: HashMap<(&str, &str), usize> = HashMap::new();
    for (i, r) in applications.iter().enumerate() {
        for iv in &r.interviews {
            owner.insert(("interview", iv.id.as_str()), i);
        }
        for c in &r.contacts {
            owner.insert(("contact", c.id.as_str()), i);
        }
    }
    for (i, r) in applications.iter().enumerate() {
        let keys = r.messages.iter().enumerate().filter_map(|(j, m)| m.followup_key.as_deref().map(|k| ("messages", j, k)));
        let keys = keys.chain(r.decisions.iter().enumerate().map(|(j, d)| ("decisions", j, d.followup_key.as_str())));
        for (list, j, key) in keys {
            for (what, id) in key_targets(key) {
                if let Some(&o) = owner.get(&(what, id)).filter(|&&o| o != i) {
                    let place = format!("{}.{list}[{j}].followup_key", labels[i]);
                    return Err(Error::invalid(
                        place.clone(),
                        format!(
                            "{place}: {key:?} is about {what} {id:?} of {}, not of this application; \
                             a follow-up key names this application's own interviews and contacts",
                            labels[o]
                        ),
                    ));
                }
            }
        }
    }
    Ok(())
}
