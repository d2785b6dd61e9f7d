// Every command the UI may call is declared here; capabilities/main.json
// allows exactly these (and nothing is allowed by default).
const COMMANDS: &[&str] = &[
    "app_info",
    "board",
    "add_application",
    "move_application",
    "undo_move",
    "agenda",
    "agenda_summary",
    "decide",
    "snooze",
    "get_settings",
    "save_settings",
    "load_sample",
    "reminder_status",
    "get_start_at_login",
    "set_start_at_login",
    "application_detail",
    "applications_to",
    "update_application",
    "save_contact",
    "delete_contact",
    "save_interview",
    "delete_interview",
    "log_reply",
    "compose",
    "save_draft",
    "mark_sent",
    "save_note_options",
    "list_templates",
    "save_template",
    "reset_template",
    "open_external",
    "copy_text",
    "print_note",
    "save_pdf",
    "list_backups",
    "backup_now",
    "restore_backup",
    "export_file",
    "check_import_file",
    "import_file",
    "bench_mark",
    "get_your_name",
    "set_your_name",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script failed");
}
