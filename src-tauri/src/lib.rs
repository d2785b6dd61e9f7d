//! Builds the Tauri app: opens the store, registers the commands, shows the
//! window. Everything the app knows lives in `afterview-core`; this crate is
//! the desktop shell around it, the command line (cli.rs) and what the
//! process reads from its environment (config.rs).

mod bench;
mod backups;
pub mod cli;
pub mod config;
mod board_commands;
mod commands;
mod editor;
mod fatal;
mod locale;
mod ingest;
mod insights;
mod notify;
mod picked;
mod posting_commands;
mod print;
mod reminders;
mod scheduler;
mod table_import;
mod tray;
pub mod web;

use afterview_core::store::Store;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;

pub use config::Clock;

pub struct AppState {
    pub store: Mutex<Store>,
    /// What the process was started with: the database file (to name its
    /// folder when a write fails, commands::in_user_words), the clock, and
    /// why the zone is not the one asked for (for app_info).
    pub config: config::Config,
    /// The machine's date format for the UI (locale.rs), read once at start.
    pub locale: Option<String>,
    /// The last application deleted, for its Undo (board_commands.rs).
    pub deleted: Mutex<Option<afterview_core::store::deletion::Deleted>>,
}

impl AppState {
    /// The store, for one command. A panic while it was held leaves it
    /// poisoned: said in the user's words, never a crash.
    pub fn store(&self) -> afterview_core::Result<std::sync::MutexGuard<'_, Store>> {
        self.store.lock().map_err(|_| {
            afterview_core::Error::Io("the database is unavailable after an earlier failure; restart Afterview".into())
        })
    }
}

pub fn run(db: PathBuf) -> ExitCode {
    bench::started();
    let config = match config::Config::from_env(Some(db)) {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("afterview: {msg}");
            return ExitCode::from(2);
        }
    };
    config::say_zone_warning(&config);
    let (db, tz, clock) = (config.db.clone(), config.tz, config.clock);
    // A running Afterview gets the window back before this one opens the
    // store or takes a backup (issue 15): nothing of it is touched here.
    match reminders::hand_over(&db) {
        reminders::HandOver::Done => return ExitCode::SUCCESS,
        reminders::HandOver::Failed(msg) => {
            eprintln!("afterview: {msg}");
            return ExitCode::from(1);
        }
        reminders::HandOver::First => {}
    }
    let store = match Store::open(&db, tz) {
        Ok(s) => s,
        Err(e) => {
            fatal::show("Afterview cannot open your job search", &format!("{}\n\n{e}", db.display()));
            return ExitCode::from(1);
        }
    };
    bench::phase("store-open");
    backups::start(db, tz, clock);
    let result = reminders::plugins(tauri::Builder::default())
        .setup(|app| {
            bench::phase("setup-start");
            let r = reminders::setup(app);
            bench::phase("setup-end");
            r
        })
        .on_page_load(|_, page| match page.event() {
            tauri::webview::PageLoadEvent::Started => bench::phase("page-load-started"),
            tauri::webview::PageLoadEvent::Finished => bench::phase("page-load-finished"),
        })
        // The note editor: mail client / browser, PDF file chooser (the clipboard is GTK's, editor.rs).
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        // Dropped files reach the page as tokens, never paths (picked.rs).
        .on_window_event(picked::on_window_event)
        .manage(AppState { store: Mutex::new(store), config, locale: locale::from_env(), deleted: Mutex::new(None) })
        // The one list of commands: build.rs reads it for the app manifest and
        // checks capabilities/main.json against it (command_list.rs).
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::board,
            commands::board_column,
            commands::archive,
            commands::application_choices,
            commands::add_application,
            commands::move_application,
            commands::undo_move,
            commands::agenda,
            commands::agenda_summary,
            commands::decide,
            commands::snooze,
            commands::snooze_choices,
            commands::undo_followup,
            commands::get_settings,
            commands::save_settings,
            commands::load_sample,
            reminders::reminder_status,
            reminders::get_start_at_login,
            reminders::set_start_at_login,
            reminders::quit_app,
            board_commands::application_detail,
            board_commands::applications_to,
            board_commands::update_application,
            board_commands::save_contact,
            board_commands::delete_contact,
            board_commands::save_interview,
            board_commands::delete_interview,
            board_commands::log_reply,
            board_commands::deletion_summary,
            board_commands::delete_application,
            board_commands::undo_delete,
            board_commands::set_sent_channel,
            editor::compose,
            editor::save_draft,
            editor::mark_sent,
            editor::save_note_options,
            editor::list_templates,
            editor::save_template,
            editor::reset_template,
            editor::open_external,
            editor::copy_text,
            editor::get_your_name,
            editor::set_your_name,
            print::print_note,
            print::save_pdf,
            backups::list_backups,
            backups::backup_now,
            backups::restore_backup,
            backups::export_file,
            backups::check_import_file,
            backups::import_file,
            table_import::preview_table_file,
            table_import::import_table_file,
            bench::bench_mark,
            ingest::ingest_files,
            ingest::ingest_text,
            ingest::pick_ingest_files,
            insights::insights,
            posting_commands::read_posting,
        ])
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("afterview: {e}");
            ExitCode::from(1)
        }
    }
}
