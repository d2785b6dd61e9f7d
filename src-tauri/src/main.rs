// The same binary is the desktop app and, with a subcommand, a command-line
// tool that never opens a window (`afterview agenda`, `export`, `import`).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| afterview_lib::cli::is_subcommand(a)) {
        // `add --from-url` fetches with the app's HTTP client (web.rs).
        let web = afterview_lib::web::Soup;
        let code = afterview_lib::cli::run_with(&args, &mut std::io::stdout(), &mut std::io::stderr(), Some(&web));
        return ExitCode::from(u8::try_from(code).unwrap_or(1));
    }
    let db = match gui_db_path(&args) {
        Ok(db) => db,
        Err(msg) => {
            eprintln!("afterview: {msg}");
            eprintln!("usage: afterview [--db PATH]            open the app");
            eprintln!("       afterview agenda|export|import …  see `afterview help`");
            return ExitCode::from(2);
        }
    };
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!(
            "afterview: no graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set).\n\
             Run it from your desktop session, or headless under a virtual display:\n    \
             xvfb-run -a afterview\n\
             The command-line tools work without a display: afterview agenda"
        );
        return ExitCode::from(1);
    }
    afterview_lib::run(db)
}

/// `--db PATH` wins over `AFTERVIEW_DB`, which wins over the app-data folder.
fn gui_db_path(args: &[String]) -> Result<PathBuf, String> {
    let mut db = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--db" => db = Some(it.next().ok_or("--db needs a file path")?.into()),
            // Set by the "Start at login" entry: start in the tray (lib.rs).
            "--hidden" => {}
            s if s.starts_with("--db=") => db = Some(s["--db=".len()..].into()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(db.unwrap_or_else(afterview_lib::config::db_from_env))
}
