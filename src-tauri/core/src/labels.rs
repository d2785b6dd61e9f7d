//! The words shown for each status and each kind of follow-up, in one place.
//! The exports and reports use them here; the UI gets them all at start, in
//! `app_info`'s `labels` (ui/labels.js), and its unit tests read the same
//! table from tests/fixtures/labels.json, which a test keeps equal to
//! [`labels`].

use crate::model::{Kind, Status};
use serde::Serialize;
use std::collections::BTreeMap;

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Wishlist => "Wishlist",
            Status::Applied => "Applied",
            Status::Interviewing => "Interviewing",
            Status::Offer => "Offer",
            Status::Rejected => "Rejected",
            Status::Accepted => "Accepted",
            Status::Withdrawn => "Withdrawn",
            Status::Ghosted => "No answer",
        }
    }
}

impl Kind {
    /// What the user has to do, as a short imperative.
    pub fn action(self) -> &'static str {
        match self {
            Kind::ThankYouEmail => "Send a thank-you email",
            Kind::ThankYouNote => "Drop off a thank-you note",
            Kind::LinkedinConnect => "Send a LinkedIn connection request",
            Kind::PreInterview => "Prepare for the interview",
            Kind::CheckIn => "Check in on your application",
            Kind::KeepCvOnFile => "Reply and ask them to keep your CV on file",
            Kind::NoAnswer => "No answer — close it or keep waiting?",
        }
    }

    /// The same, short enough for a card's badge.
    pub fn short_action(self) -> &'static str {
        match self {
            Kind::ThankYouEmail => "Thank-you email",
            Kind::ThankYouNote => "Thank-you note",
            Kind::LinkedinConnect => "LinkedIn request",
            Kind::PreInterview => "Interview prep",
            Kind::CheckIn => "Check in",
            Kind::KeepCvOnFile => "Keep CV on file",
            Kind::NoAnswer => "No answer?",
        }
    }

    /// The name of its message template in Settings.
    pub fn template_label(self) -> &'static str {
        match self {
            Kind::ThankYouEmail => "Thank-you email",
            Kind::ThankYouNote => "Printed thank-you note",
            Kind::LinkedinConnect => "LinkedIn connection request",
            Kind::CheckIn => "Status check-in",
            Kind::KeepCvOnFile => "Reply to a rejection: keep my CV on file",
            Kind::PreInterview => "Before the interview (checklist)",
            Kind::NoAnswer => "No answer: close it or keep waiting",
        }
    }
}

/// Every label, keyed by wire name, with the board's columns in order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Labels {
    /// The board's columns, left to right.
    pub board: Vec<Status>,
    /// The archived statuses (kept, off the board).
    pub archive: Vec<Status>,
    pub status: BTreeMap<Status, &'static str>,
    pub kind: BTreeMap<Kind, KindLabels>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindLabels {
    pub action: &'static str,
    pub short: &'static str,
    pub template: &'static str,
}

pub fn labels() -> Labels {
    Labels {
        board: Status::BOARD.to_vec(),
        archive: Status::ALL.iter().copied().filter(|s| s.is_archived()).collect(),
        status: Status::ALL.iter().map(|&s| (s, s.label())).collect(),
        kind: Kind::ALL
            .iter()
            .map(|&k| (k, KindLabels { action: k.action(), short: k.short_action(), template: k.template_label() }))
            .collect(),
    }
}
