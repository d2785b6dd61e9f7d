use super::*;

fn keys(v: &Value) -> Vec<String> {
    v.as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}
fn sorted(f: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = f.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

/// The lists of known fields must be exactly what the model writes.
#[test]
fn known_fields_match_the_model() {
    let doc = parse(SAMPLE_JSON).unwrap();
    let mut full = doc
        .applications
        .iter()
        .find(|r| !r.decisions.is_empty())
        .unwrap()
        .clone();
    full.decisions[0].draft = Some("draft".into());
    full.interviews[0].calendar = Some(CalendarRef { uid: "u@cal".into(), sequence: 1 });
    let mut settings = doc.settings.clone();
    settings.my_emails = vec!["me@mail.example".into()];
    let v = serde_json::to_value(Document {
        applications: vec![full],
        settings,
        ..doc
    })
    .unwrap();
    assert_eq!(sorted(TOP_FIELDS), keys(&v));
    assert_eq!(sorted(SETTINGS_FIELDS), keys(&v["settings"]));
    let app = &v["applications"][0];
    assert_eq!(sorted(APPLICATION_FIELDS), keys(app));
    assert_eq!(sorted(CONTACT_FIELDS), keys(&app["contacts"][0]));
    assert_eq!(sorted(INTERVIEW_FIELDS), keys(&app["interviews"][0]));
    assert_eq!(
        sorted(STATUS_CHANGE_FIELDS),
        keys(&app["status_changes"][0])
    );
    assert_eq!(sorted(MESSAGE_FIELDS), keys(&app["messages"][0]));
    assert_eq!(sorted(DECISION_FIELDS), keys(&app["decisions"][0]));
    assert_eq!(sorted(CALENDAR_FIELDS), keys(&app["interviews"][0]["calendar"]));
}

#[test]
fn keys_are_checked_for_shape() {
    assert!(check_key("thank_you_email:i1:c1", "a1").is_ok());
    assert!(check_key("thank_you_email:i1:-", "a1").is_ok());
    assert!(check_key("check_in:a1:2026-11-20", "a1").is_ok());
    assert!(check_key("keep_cv_on_file:a1", "a1").is_ok());
    assert!(check_key("no_answer:a1:2026-11-20", "a1").is_ok());
    for bad in [
        "thank_you_email:i1",
        "bogus:i1",
        "check_in:a2:2026-11-20",
        "check_in:a1:2026-13-01",
        "no_answer:a2:2026-11-20",
        "no_answer:a1:soon",
        "no_answer:a1",
        "linkedin_connect:",
    ] {
        assert!(check_key(bad, "a1").is_err(), "{bad}");
    }
}

#[test]
fn an_imported_decision_about_another_applications_follow_up_is_refused() {
    let mut doc = sample_document(sample_anchor()).unwrap();
    let (a, b) = {
        let with_iv: Vec<usize> =
            (0..doc.applications.len()).filter(|&i| !doc.applications[i].interviews.is_empty()).collect();
        let other = (0..doc.applications.len()).find(|i| !with_iv.contains(i)).unwrap();
        (with_iv[0], other)
    };
    let iv = doc.applications[a].interviews[0].id.clone();
    doc.applications[b].decisions.push(Decision {
        followup_key: format!("thank_you_note:{iv}"),
        state: crate::model::DecisionState::Done,
        snoozed_until: None,
        draft: None,
        decided_at: None,
    });
    let e = parse(&to_json(&doc)).unwrap_err().to_string();
    assert!(e.contains(&format!("about interview {iv:?} of applications[{a}]")) && e.contains(".decisions["), "{e}");
    // A key naming an interview no application holds (deleted) is still read.
    let last = doc.applications[b].decisions.len() - 1;
    doc.applications[b].decisions[last].followup_key = "thank_you_note:i-deleted".into();
    parse(&to_json(&doc)).unwrap();
    // A decision naming another application's contact: refused.
    let c = doc.applications[a].contacts[0].id.clone();
    doc.applications[b].decisions[last].followup_key = format!("linkedin_connect:{c}");
    let e = parse(&to_json(&doc)).unwrap_err().to_string();
    assert!(e.contains(&format!("about contact {c:?}")), "{e}");
}

#[test]
fn sample_moves_by_whole_weeks() {
    let same = sample_document(sample_anchor()).unwrap();
    assert_eq!(same, parse(SAMPLE_JSON).unwrap());
    // Any day of that week keeps the sample where it is.
    let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let sunday = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    assert_eq!(sample_document(monday).unwrap(), same);
    assert_eq!(sample_document(sunday).unwrap(), same);
    let later = sample_document(NaiveDate::from_ymd_opt(2027, 3, 3).unwrap()).unwrap();
    let weeks = (NaiveDate::from_ymd_opt(2027, 3, 1).unwrap() - monday).num_days() / 7;
    let a = &same.applications[0];
    let b = &later.applications[0];
    assert_eq!(
        b.application.applied_at,
        a.application.applied_at.map(|t| t + Duration::weeks(weeks))
    );
    for (x, y) in same.applications.iter().zip(&later.applications) {
        for (m, n) in x.interviews.iter().zip(&y.interviews) {
            assert_eq!(m.starts_at.weekday(), n.starts_at.weekday());
        }
        for (m, n) in x.decisions.iter().zip(&y.decisions) {
            if m.followup_key.starts_with("check_in") {
                assert_ne!(m.followup_key, n.followup_key);
            }
        }
    }
}
