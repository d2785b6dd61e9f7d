//! When a received email reads as a rejection. The phrases are the one
//! table below (English only for now; README "Invitations and emails in"
//! says so); a match only ever yields a proposal the user accepts or not.
//!
//! A phrase matches anywhere in the subject or the new text of the mail,
//! case, line breaks and curly apostrophes ignored. The phrases say the
//! decision itself: a friendly mail that happens to say "unfortunately"
//! ("unfortunately I am out on Tuesday") matches none of them.

/// The phrases, lower case, straight apostrophes.
pub const PHRASES: &[&str] = &[
    // Another candidate chosen.
    "another candidate was chosen",
    "another candidate has been chosen",
    "another candidate has been selected",
    "selected another candidate",
    "chosen another candidate",
    "chose another candidate",
    "go with another candidate",
    "went with another candidate",
    "offered the position to another candidate",
    "offered the role to another candidate",
    "move forward with another candidate",
    "moving forward with another candidate",
    "move forward with other candidates",
    "moving forward with other candidates",
    "proceed with other candidates",
    "proceeding with other candidates",
    "pursue other candidates",
    "pursuing other candidates",
    "candidates whose experience more closely",
    "candidates whose qualifications more closely",
    // Not moving forward.
    "not moving forward with your",
    "not be moving forward",
    "won't be moving forward",
    "not to move forward",
    "not move forward with your",
    // Filled.
    "position has been filled",
    "position has now been filled",
    "role has been filled",
    "role has now been filled",
    "vacancy has been filled",
    // Not proceeding.
    "will not be proceeding",
    "won't be proceeding",
    "not be proceeding with your",
    "decided not to proceed",
    "not to proceed with your",
    "will not be progressing",
    "not to progress your application",
    // Said outright.
    "your application was unsuccessful",
    "your application has been unsuccessful",
    "you have not been selected",
    "you were not selected",
    "we regret to inform you",
    "unable to offer you the position",
    "unable to offer you the role",
    "not able to offer you the position",
    "not able to offer you the role",
];

fn normalized(text: &str) -> String {
    text.replace(['\u{2019}', '\u{2018}'], "'").split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The phrase of [`PHRASES`] the text contains, if any.
pub fn rejection_phrase(text: &str) -> Option<&'static str> {
    let t = normalized(text);
    PHRASES.iter().copied().find(|p| t.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, is a rejection)
    const TABLE: &[(&str, bool)] = &[
        ("Thank you for your time. After careful consideration, another candidate was chosen for the role.", true),
        ("We have decided to move forward with other candidates whose experience better fits.", true),
        ("Unfortunately, we will not be moving forward with your application at this time.", true),
        ("We've decided to pursue other candidates for this position.", true),
        ("I wanted to let you know that the position has been filled.", true),
        ("We will not be proceeding with your candidacy.", true),
        ("We won\u{2019}t be moving\nforward with your application.", true),
        ("We regret to inform you that your application was unsuccessful.", true),
        ("After much deliberation we have decided not to proceed.", true),
        ("Unfortunately I'm out of the office on Tuesday; could we meet on Wednesday instead?", false),
        ("Unfortunately the room changed: the interview is now in building B.", false),
        ("Great news, we are moving forward with your application and would like to schedule a second round.", false),
        ("Thanks for your patience, we'll be in touch next week.", false),
        ("Candidates who move forward will hear from us by Friday.", false),
        ("Could you send the filled-in form? The position details are attached.", false),
        ("", false),
    ];

    #[test]
    fn rejection_and_friendly_texts_are_told_apart() {
        for (text, want) in TABLE {
            assert_eq!(rejection_phrase(text).is_some(), *want, "{text:?} → {:?}", rejection_phrase(text));
        }
    }

    #[test]
    fn phrases_are_in_the_form_they_are_compared_in() {
        for p in PHRASES {
            assert_eq!(normalized(p), *p);
        }
    }
}
