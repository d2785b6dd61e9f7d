//! The fields a column can fill, the presets recognised from a header row
//! (LinkedIn's `Job Applications.csv`, JobSync's `jobs.csv`, Huntr, Teal,
//! and generic aliases), each column's guessed field and each preset's
//! status words. docs/IMPORT.md lists the same.

use crate::model::Status;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Company,
    Role,
    Status,
    AppliedAt,
    JobUrl,
    Location,
    Source,
    Notes,
    ContactName,
    ContactEmail,
    Ignore,
}

impl Field {
    pub const ALL: [Field; 11] = [
        Field::Company,
        Field::Role,
        Field::Status,
        Field::AppliedAt,
        Field::JobUrl,
        Field::Location,
        Field::Source,
        Field::Notes,
        Field::ContactName,
        Field::ContactEmail,
        Field::Ignore,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Company => "company",
            Field::Role => "role",
            Field::Status => "status",
            Field::AppliedAt => "applied_at",
            Field::JobUrl => "job_url",
            Field::Location => "location",
            Field::Source => "source",
            Field::Notes => "notes",
            Field::ContactName => "contact_name",
            Field::ContactEmail => "contact_email",
            Field::Ignore => "ignore",
        }
    }
}

impl FromStr for Field {
    type Err = String;
    fn from_str(s: &str) -> Result<Field, String> {
        Field::ALL.into_iter().find(|f| f.as_str() == s.trim()).ok_or_else(|| {
            let names: Vec<&str> = Field::ALL.iter().map(|f| f.as_str()).collect();
            format!("{s:?} is not a field: use one of {}", names.join(", "))
        })
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a file comes from, as recognised from its header row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    Linkedin,
    Jobsync,
    Huntr,
    Teal,
    Generic,
}

impl Preset {
    pub const ALL: [Preset; 5] = [Preset::Linkedin, Preset::Jobsync, Preset::Huntr, Preset::Teal, Preset::Generic];
    pub fn as_str(self) -> &'static str {
        match self {
            Preset::Linkedin => "linkedin",
            Preset::Jobsync => "jobsync",
            Preset::Huntr => "huntr",
            Preset::Teal => "teal",
            Preset::Generic => "generic",
        }
    }
    /// The name shown to the user.
    pub fn label(self) -> &'static str {
        match self {
            Preset::Linkedin => "LinkedIn (Job Applications.csv)",
            Preset::Jobsync => "JobSync (jobs.csv)",
            Preset::Huntr => "Huntr export",
            Preset::Teal => "Teal export",
            Preset::Generic => "Spreadsheet (column names)",
        }
    }
    /// The source an application gets when no column gives one.
    pub fn default_source(self) -> Option<&'static str> {
        match self {
            Preset::Linkedin => Some("LinkedIn"),
            _ => None,
        }
    }
    /// Whether a cell reading `N/A` means empty (JobSync writes it for every blank).
    pub fn na_is_empty(self) -> bool {
        matches!(self, Preset::Jobsync)
    }
}

impl FromStr for Preset {
    type Err = String;
    fn from_str(s: &str) -> Result<Preset, String> {
        Preset::ALL
            .into_iter()
            .find(|p| p.as_str() == s.trim())
            .ok_or_else(|| format!("{s:?} is not a preset: use auto, linkedin, jobsync, huntr, teal or generic"))
    }
}

/// A header reduced to lower-case letters and digits: "Date applied",
/// "date_applied" and "DateApplied" are one name.
pub fn norm(header: &str) -> String {
    header.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// A preset's column names, by the field each one fills (names normalised by
/// `norm`; each name appears once in a preset).
type Aliases = &'static [(Field, &'static [&'static str])];

const LINKEDIN: Aliases = &[
    (Field::AppliedAt, &["applicationdate"]),
    (Field::ContactEmail, &["contactemail"]),
    (Field::Notes, &["contactphonenumber", "resumename", "questionandanswers"]),
    (Field::Company, &["companyname"]),
    (Field::Role, &["jobtitle"]),
    (Field::JobUrl, &["joburl"]),
];

const JOBSYNC: Aliases = &[
    (Field::Ignore, &["index", "createdat", "applied"]),
    (Field::AppliedAt, &["applieddate"]),
    (Field::Company, &["company"]),
    (Field::Role, &["jobtitle"]),
    (Field::Notes, &["jobtype", "workplacetype"]),
    (Field::Location, &["location"]),
    (Field::Source, &["jobsource"]),
    (Field::Status, &["status"]),
];

// Huntr and Teal publish no description of their CSV export; these are the
// names third-party importers report (Huntr's stage column is `List`) and
// what their boards show. Anything else falls back to the generic aliases.
const HUNTR: Aliases = &[
    (Field::Status, &["list"]),
    (Field::Role, &["title", "jobtitle"]),
    (Field::Company, &["company", "companyname"]),
    (Field::AppliedAt, &["dateapplied", "applieddate"]),
    (Field::JobUrl, &["url", "joburl"]),
    (Field::Ignore, &["createdat"]),
    (Field::Notes, &["description"]),
];

const TEAL: Aliases = &[
    (Field::Role, &["jobposition"]),
    (Field::Company, &["company"]),
    (Field::Status, &["status"]),
    (Field::AppliedAt, &["dateapplied"]),
    (Field::Ignore, &["datesaved"]),
    (Field::Notes, &["excitement", "maxsalary", "minsalary", "followup", "deadline"]),
];

/// The generic aliases of the issue, for any file.
const GENERIC: Aliases = &[
    (Field::Company, &["company", "companyname", "employer", "organization", "organisation"]),
    (Field::Role, &["role", "title", "position", "jobtitle", "jobposition"]),
    (Field::Status, &["status", "stage"]),
    (Field::AppliedAt, &["applied", "dateapplied", "appliedon", "applieddate", "applicationdate"]),
    (Field::JobUrl, &["url", "link", "joburl", "joblink"]),
    (Field::Location, &["location"]),
    (Field::Source, &["source"]),
    (Field::Notes, &["notes", "note", "comments", "salary"]),
    (Field::ContactName, &["contact", "contactname"]),
    (Field::ContactEmail, &["contactemail", "email"]),
];

fn table(p: Preset) -> Aliases {
    match p {
        Preset::Linkedin => LINKEDIN,
        Preset::Jobsync => JOBSYNC,
        Preset::Huntr => HUNTR,
        Preset::Teal => TEAL,
        Preset::Generic => GENERIC,
    }
}

/// The preset a header row looks like: LinkedIn's and JobSync's by their
/// exact column names, Huntr's by its `List` column, Teal's by `Job
/// Position`, `Date Saved` or `Excitement`; else generic.
pub fn detect(headers: &[String]) -> Preset {
    let names: Vec<String> = headers.iter().map(|h| norm(h)).collect();
    let has = |n: &str| names.iter().any(|x| x == n);
    let count = |p: Preset| table(p).iter().flat_map(|(_, ns)| ns.iter()).filter(|n| has(n)).count();
    if has("applicationdate") && has("companyname") && count(Preset::Linkedin) >= 4 {
        Preset::Linkedin
    } else if has("applieddate") && has("jobtitle") && count(Preset::Jobsync) >= 6 {
        Preset::Jobsync
    } else if has("list") && (has("company") || has("companyname")) {
        Preset::Huntr
    } else if has("jobposition") || has("datesaved") || has("excitement") {
        Preset::Teal
    } else {
        Preset::Generic
    }
}

/// The field a column probably holds under `preset` (its own names first,
/// then the generic aliases); `None` when nothing matches.
pub fn guess(preset: Preset, header: &str) -> Option<Field> {
    let n = norm(header);
    let find = |t: Aliases| t.iter().find(|(_, ns)| ns.contains(&n.as_str())).map(|(f, _)| *f);
    find(table(preset)).or_else(|| find(GENERIC))
}

/// Afterview's status for a status word of a sheet, `None` when unknown
/// (the user is asked). Case and spacing do not matter.
pub fn status_word(preset: Preset, word: &str) -> Option<Status> {
    let w = word.trim().to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
    let own = match (preset, w.as_str()) {
        (Preset::Jobsync, "draft") => Some(Status::Wishlist),
        (Preset::Jobsync, "expired" | "archived") => Some(Status::Withdrawn),
        (Preset::Teal, "applying") => Some(Status::Wishlist),
        (Preset::Teal, "no response") => Some(Status::Applied),
        _ => None,
    };
    own.or(match w.as_str() {
        "wishlist" | "wish list" | "saved" | "bookmarked" | "interested" | "to apply" | "draft" | "planned" => {
            Some(Status::Wishlist)
        }
        "applied" | "application sent" | "submitted" | "sent" | "in review" | "under review" => Some(Status::Applied),
        "interview" | "interviewing" | "interviews" | "phone screen" | "screen" | "screening" | "phone interview"
        | "technical interview" | "onsite" | "on-site" | "on site" | "final round" | "assessment"
        | "interview scheduled" => Some(Status::Interviewing),
        "offer" | "offered" | "offer received" | "negotiating" | "negotiation" => Some(Status::Offer),
        "rejected" | "rejection" | "not selected" | "declined" | "turned down" | "no offer" => Some(Status::Rejected),
        "accepted" | "offer accepted" | "hired" => Some(Status::Accepted),
        "withdrawn" | "withdrew" | "i withdrew" | "archived" | "closed" | "expired" => Some(Status::Withdrawn),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    fn h(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn presets_are_recognised_from_their_headers() {
        let linkedin = h(&["Application Date", "Contact Email", "Contact Phone Number", "Company Name", "Job Title", "Job Url", "Resume Name", "Question And Answers"]);
        assert_eq!(detect(&linkedin), Preset::Linkedin);
        let jobsync = h(&["index", "createdAt", "applied", "appliedDate", "Company", "JobTitle", "jobType", "workplaceType", "Location", "JobSource", "Status"]);
        assert_eq!(detect(&jobsync), Preset::Jobsync);
        assert_eq!(detect(&h(&["Title", "Company", "List", "URL"])), Preset::Huntr);
        assert_eq!(detect(&h(&["Company", "Job Position", "Status", "Date Applied"])), Preset::Teal);
        assert_eq!(detect(&h(&["Employer", "Position", "Stage"])), Preset::Generic);
    }

    #[test]
    fn columns_and_statuses_are_guessed() {
        assert_eq!(guess(Preset::Generic, "Date applied"), Some(Field::AppliedAt));
        assert_eq!(guess(Preset::Generic, "Salary"), Some(Field::Notes));
        assert_eq!(guess(Preset::Jobsync, "createdAt"), Some(Field::Ignore));
        assert_eq!(guess(Preset::Generic, "Favourite colour"), None);
        assert_eq!(status_word(Preset::Generic, " Phone  Screen"), Some(Status::Interviewing));
        assert_eq!(status_word(Preset::Jobsync, "draft"), Some(Status::Wishlist));
        assert_eq!(status_word(Preset::Generic, "Ghosted?"), None);
        assert_eq!("applied_at".parse::<Field>(), Ok(Field::AppliedAt));
        assert!("date".parse::<Field>().is_err());
    }
}
