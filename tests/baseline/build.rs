// The baseline's one command, allowed by capabilities/main.json.
fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(&["bench_mark"])),
    )
    .expect("tauri build script failed");
}
