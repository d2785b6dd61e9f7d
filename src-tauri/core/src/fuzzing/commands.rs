//! Target 4: the app's commands, called as the webview calls them.

use super::*;
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// The commands of the app (src-tauri/src/*.rs) that take arguments and
/// write or read the store, in the order of [`command`]'s first byte. Their
/// arguments are deserialized into the same types as the Tauri command's,
/// named as the UI sends them (Tauri's camelCase), and the same core calls
/// are made. Not covered: commands that only open a dialog, a file or a URL
/// (pick_*, open_external, copy_text, print_note, read_posting) and those
/// that read a path (import_file, import_table_file, ingest_files,
/// restore_backup, export_file): their content is targets 1–3.
pub const COMMANDS: &[&str] = &[
    "add_application",
    "move_application",
    "undo_move",
    "decide",
    "undo_followup",
    "snooze_choices",
    "snooze",
    "save_settings",
    "application_detail",
    "applications_to",
    "update_application",
    "save_contact",
    "delete_contact",
    "save_interview",
    "delete_interview",
    "log_reply",
    "delete_application",
    "set_sent_channel",
    "compose",
    "save_draft",
    "mark_sent",
    "save_note_options",
    "save_template",
    "reset_template",
    "set_your_name",
    "ingest_text",
];

fn args<T: DeserializeOwned>(v: &serde_json::Value) -> Result<T, String> {
    serde_json::from_value(v.clone()).map_err(|e| format!("invalid args: {e}"))
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum Decided {
    Done,
    Skipped,
}

macro_rules! args_struct {
    ($name:ident { $($field:ident : $ty:ty),* $(,)? }) => {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        #[allow(dead_code)]
        struct $name { $($field: $ty),* }
    };
}

args_struct!(AddA { input: crate::input::NewApplication });
args_struct!(MoveA { id: String, to: crate::model::Status, position: Option<f64> });
args_struct!(UndoMoveA { id: String, change_id: Option<i64>, to: crate::model::Status, position: f64 });
args_struct!(DecideA { key: String, decision: Decided });
args_struct!(UndoA { key: String, message_id: Option<i64> });
args_struct!(KeyA { key: String });
args_struct!(SnoozeA { key: String, until: crate::snooze::Snooze });
args_struct!(SettingsA { settings: crate::model::Settings });
args_struct!(IdA { id: String });
args_struct!(CompanyA { company: String });
args_struct!(UpdateA { id: String, edit: crate::input::ApplicationEdit });
args_struct!(ContactA { application_id: String, contact: crate::input::ContactInput });
args_struct!(DelContactA { application_id: String, contact_id: String });
args_struct!(InterviewA { application_id: String, interview: crate::input::InterviewInput });
args_struct!(DelInterviewA { application_id: String, interview_id: String });
args_struct!(ReplyA { application_id: String, reply: crate::input::ReplyInput });
args_struct!(ChannelA { application_id: String, key: String, channel: crate::model::Channel });
args_struct!(DraftA { key: String, draft: Option<crate::templates::Template> });
args_struct!(SentA { key: String, draft: crate::templates::Template, early_ok: Option<bool> });
args_struct!(NoteA { key: String, options: crate::note::NoteOptions });
args_struct!(TemplateA { kind: crate::model::Kind, template: crate::templates::Template });
args_struct!(KindA { kind: crate::model::Kind });
args_struct!(NameA { name: String });
args_struct!(TextA { text: String, application: Option<String> });

/// Runs command `COMMANDS[i]` with `v` as its arguments, as the app does.
pub(super) fn call(store: &mut Store, i: usize, v: &serde_json::Value) -> Result<(), String> {
    let now = now();
    let today = now.with_timezone(&store.zone()).date_naive();
    let e = |e: crate::Error| e.to_string();
    match COMMANDS[i] {
        "add_application" => args(v).and_then(|a: AddA| store.add_application(&a.input.clean().map_err(e)?, now).map_err(e).map(drop)),
        "move_application" => args(v).and_then(|a: MoveA| store.move_application(&a.id, a.to, a.position, now).map_err(e).map(drop)),
        "undo_move" => args(v).and_then(|a: UndoMoveA| store.undo_move(&a.id, a.change_id, a.to, a.position, now).map_err(e).map(drop)),
        "decide" => {
            let a: DecideA = args(v)?;
            match a.decision {
                Decided::Done => store.complete(&a.key, now),
                Decided::Skipped => store.skip(&a.key, now),
            }
            .map_err(e)
            .map(drop)
        }
        "undo_followup" => args(v).and_then(|a: UndoA| store.undo(&a.key, a.message_id, now).map_err(e).map(drop)),
        "snooze_choices" => args(v).and_then(|a: KeyA| store.snooze_choices(&a.key, now).map_err(e).map(drop)),
        "snooze" => args(v).and_then(|a: SnoozeA| store.snooze(&a.key, &a.until, now).map_err(e).map(drop)),
        "save_settings" => {
            let a: SettingsA = args(v)?;
            store.set_settings(&a.settings).map_err(e)?;
            store.settings().map_err(e).map(drop)
        }
        "application_detail" => args(v).and_then(|a: IdA| store.application_detail(&a.id, now).map_err(e).map(drop)),
        "applications_to" => args(v).and_then(|a: CompanyA| store.applications_to(&a.company).map_err(e).map(drop)),
        "update_application" => {
            let a: UpdateA = args(v)?;
            let clean = a.edit.clean_edit(today).map_err(e)?;
            store.update_application(&a.id, &clean, now).map_err(e).map(drop)
        }
        "save_contact" => {
            let a: ContactA = args(v)?;
            let clean = a.contact.clean().map_err(e)?;
            store.save_contact(&a.application_id, &clean).map_err(e).map(drop)
        }
        "delete_contact" => args(v).and_then(|a: DelContactA| store.delete_contact(&a.application_id, &a.contact_id).map_err(e)),
        "save_interview" => {
            let a: InterviewA = args(v)?;
            let clean = a.interview.clean(store.zone(), today).map_err(e)?;
            store.save_interview(&a.application_id, &clean).map_err(e).map(drop)
        }
        "delete_interview" => args(v).and_then(|a: DelInterviewA| store.delete_interview(&a.application_id, &a.interview_id).map_err(e)),
        "log_reply" => {
            let a: ReplyA = args(v)?;
            let clean = a.reply.clean(store.zone(), now).map_err(e)?;
            store.log_reply(&a.application_id, &clean).map_err(e)
        }
        "delete_application" => {
            let a: IdA = args(v)?;
            store.deletion_summary(&a.id).map_err(e)?;
            let deleted = store.delete(&a.id).map_err(e)?;
            assert_sound(store, "delete_application");
            // Its undo puts everything back.
            store.restore_deleted(&deleted, now).map_err(e).map(drop)
        }
        "set_sent_channel" => args(v).and_then(|a: ChannelA| store.set_sent_channel(&a.application_id, &a.key, a.channel).map_err(e)),
        "compose" => args(v).and_then(|a: KeyA| store.compose(&a.key, now).map_err(e).map(drop)),
        "save_draft" => args(v).and_then(|a: DraftA| store.save_draft(&a.key, a.draft.as_ref(), now).map_err(e)),
        "mark_sent" => args(v).and_then(|a: SentA| store.mark_sent(&a.key, &a.draft, a.early_ok.unwrap_or(false), now).map_err(e).map(drop)),
        "save_note_options" => args(v).and_then(|a: NoteA| store.set_note_options(&a.key, &a.options, now).map_err(e).map(drop)),
        "save_template" => args(v).and_then(|a: TemplateA| store.set_template(a.kind, &a.template).map_err(e).map(drop)),
        "reset_template" => args(v).and_then(|a: KindA| store.reset_template(a.kind).map_err(e).map(drop)),
        "set_your_name" => args(v).and_then(|a: NameA| store.set_your_name(&a.name).map_err(e).map(drop)),
        "ingest_text" => {
            let a: TextA = args(v)?;
            let given = a.application.as_deref().filter(|a| !a.trim().is_empty());
            let r = store.ingest("pasted invitation", a.text.as_bytes(), given, false);
            match (r.error, r.application_id) {
                (Some(e), _) => Err(e),
                (None, None) => Err("not matched".to_owned()),
                (None, Some(_)) => Ok(()),
            }
        }
        other => unreachable!("{other}"),
    }
}

/// One command call: the first byte chooses the command, the rest is its
/// arguments as JSON text (what the webview sends). Arguments that do not
/// deserialize are refused before the store is touched, as Tauri does.
pub fn command(bench: &Bench, data: &[u8], tally: &mut Tally) {
    let Some((&which, rest)) = data.split_first() else { return };
    let i = usize::from(which) % COMMANDS.len();
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(rest) else { return };
    let name = COMMANDS[i];
    // Arguments of the wrong shape are refused by Tauri before the command
    // runs, in serde's words (which quote the value as is, line breaks and
    // all): not the app's message to keep on one line, but the database
    // must still be untouched.
    let accepted = bench.run(Start::Sample, name, |store| {
        call(store, i, &v).map_err(|e| if e.starts_with("invalid args") { "refused by Tauri's argument check".to_owned() } else { e })
    });
    tally.add(accepted);
}

/// Seeds for [`command`]: a well-formed call of every command on the
/// sample's ids and open follow-up keys (`cargo fuzz` starts from these
/// too: the ignored test `write_fuzz_seeds` in fuzzing/tests.rs writes them
/// into `fuzz/corpus/command/`).
pub fn command_seeds(bench: &Bench) -> Vec<Vec<u8>> {
    bench.reset(Start::Sample);
    let store = bench.open();
    let keys: Vec<String> = store.agenda(now()).unwrap_or_default().into_iter().map(|f| f.key).collect();
    let settings = serde_json::to_value(store.settings().unwrap_or_default()).unwrap_or_default();
    drop(store);
    let key = keys.first().cloned().unwrap_or_default();
    let key2 = keys.last().cloned().unwrap_or_default();
    let calls: Vec<(&str, serde_json::Value)> = vec![
        ("add_application", serde_json::json!({"input": {"company": "Initech", "role": "Engineer", "applied_on": "2026-11-20", "job_url": "https://initech.example/jobs/1"}})),
        ("add_application", serde_json::json!({"input": {"company": "Hooli", "role": "PM", "status": "wishlist"}})),
        ("move_application", serde_json::json!({"id": "a1", "to": "interviewing", "position": 0.5})),
        ("move_application", serde_json::json!({"id": "a2", "to": "rejected"})),
        ("undo_move", serde_json::json!({"id": "a1", "changeId": 1, "to": "applied", "position": 1.0})),
        ("decide", serde_json::json!({"key": key, "decision": "done"})),
        ("decide", serde_json::json!({"key": key2, "decision": "skipped"})),
        ("undo_followup", serde_json::json!({"key": key, "messageId": null})),
        ("snooze_choices", serde_json::json!({"key": key})),
        ("snooze", serde_json::json!({"key": key, "until": {"preset": "tomorrow"}})),
        ("snooze", serde_json::json!({"key": key2, "until": {"preset": "at", "local": "2026-12-01T09:30"}})),
        ("save_settings", serde_json::json!({ "settings": settings })),
        ("application_detail", serde_json::json!({"id": "a3"})),
        ("applications_to", serde_json::json!({"company": "Acme"})),
        ("update_application", serde_json::json!({"id": "a1", "edit": {"company": "Acme GmbH", "role": "Backend", "applied_on": "2026-11-02"}})),
        ("save_contact", serde_json::json!({"applicationId": "a1", "contact": {"name": "Dana", "email": "dana@acme.example", "linkedin_consent": "yes"}})),
        ("save_contact", serde_json::json!({"applicationId": "a1", "contact": {"id": "c1", "name": "Renamed"}})),
        ("delete_contact", serde_json::json!({"applicationId": "a1", "contactId": "c2"})),
        ("save_interview", serde_json::json!({"applicationId": "a2", "interview": {"starts_at": "2026-12-01T10:00", "ends_at": "2026-12-01T11:00", "format": "video", "interviewers": [{"id": "c3", "name": "X"}, {"name": "New One"}], "physical_note": true}})),
        ("save_interview", serde_json::json!({"applicationId": "a1", "interview": {"id": "i1", "starts_at": "2026-11-20T10:00", "ends_at": "2026-11-20T11:00", "went": "well", "expected_reply_by": "2026-11-30"}})),
        ("delete_interview", serde_json::json!({"applicationId": "a1", "interviewId": "i2"})),
        ("log_reply", serde_json::json!({"applicationId": "a1", "reply": {"at": "2026-11-25T14:00", "channel": "email", "body": "Thanks, we will be in touch", "contact_id": "c1"}})),
        ("delete_application", serde_json::json!({"id": "a5"})),
        ("set_sent_channel", serde_json::json!({"applicationId": "a1", "key": key, "channel": "email"})),
        ("compose", serde_json::json!({"key": key})),
        ("save_draft", serde_json::json!({"key": key, "draft": {"subject": "Hello", "body": "Dear {contact_first_name},"}})),
        ("save_draft", serde_json::json!({"key": key, "draft": null})),
        ("mark_sent", serde_json::json!({"key": key, "draft": {"subject": "Hi", "body": "Body"}, "earlyOk": true})),
        ("save_note_options", serde_json::json!({"key": key, "options": {"delivery": "post", "layout": "card_a6", "envelope": true, "address": "1 Road"}})),
        ("save_template", serde_json::json!({"kind": "check_in", "template": {"subject": "Checking in on {role}", "body": "Hello {contact_first_name}"}})),
        ("reset_template", serde_json::json!({"kind": "thank_you_email"})),
        ("set_your_name", serde_json::json!({"name": "Sam Doe"})),
        ("ingest_text", serde_json::json!({"text": "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x@acme.example\r\nDTSTART:20261201T100000Z\r\nDTEND:20261201T110000Z\r\nSUMMARY:Interview\r\nORGANIZER:mailto:hr@acme.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "application": "a1"})),
    ];
    calls
        .into_iter()
        .map(|(name, v)| {
            let i = COMMANDS.iter().position(|c| *c == name).expect("a listed command");
            let mut bytes = vec![i as u8];
            bytes.extend_from_slice(v.to_string().as_bytes());
            bytes
        })
        .collect()
}
