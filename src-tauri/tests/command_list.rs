//! The command list has one home (src/lib.rs's `generate_handler![…]`):
//! build.rs derives the app manifest from it, and capabilities/main.json
//! must allow exactly those commands. build.rs stops the build when they
//! differ; this test says the same, and checks the reading itself.

include!("../command_list.rs");

fn read(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

#[test]
fn the_capability_allows_exactly_the_registered_commands() {
    let commands = handler_commands(&read("src/lib.rs"));
    assert!(commands.contains(&"app_info".to_owned()) && commands.contains(&"read_posting".to_owned()), "{commands:?}");
    let allowed = capability_commands(&read("capabilities/main.json"));
    assert_eq!(difference(&commands, &allowed), None);
    let mut unique = commands.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), commands.len(), "a command registered twice");
}

#[test]
fn a_difference_is_named() {
    let lib = "x.invoke_handler(tauri::generate_handler![\n  commands::app_info,\n  backups::export_file,\n])";
    assert_eq!(handler_commands(lib), ["app_info", "export_file"]);
    let json = r#"{"permissions": ["core:event:allow-listen", "allow-app-info", "allow-quit-app"]}"#;
    assert_eq!(capability_commands(json), ["app_info", "quit_app"]);
    let why = difference(&handler_commands(lib), &capability_commands(json)).unwrap();
    assert!(why.contains("\"export_file\"") && why.contains("\"quit_app\""), "{why}");
}
