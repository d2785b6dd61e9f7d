// Every command the UI may call is the app manifest's: nothing is allowed
// by default. The list is src/lib.rs's `generate_handler![…]`, read from
// there (command_list.rs), and capabilities/main.json must allow exactly
// those: the build stops and says which differ.

include!("command_list.rs");

fn main() {
    // The release binary (and only it: PROFILE is "release" for --release):
    // identical functions folded into one by the linker (rust-lld, rustc's
    // default linker on x86_64 Linux), for a smaller file.
    if std::env::var("PROFILE").as_deref() == Ok("release") {
        println!("cargo:rustc-link-arg-bins=-Wl,--icf=all");
        // No .eh_frame_hdr (PT_GNU_EH_FRAME), about 100 KB: with panic = "abort"
        // nothing unwinds; only an in-process backtrace (RUST_BACKTRACE) needs
        // it to find the unwind tables. .eh_frame stays, for debuggers and
        // core dumps.
        println!("cargo:rustc-link-arg-bins=-Wl,--no-eh-frame-hdr");
    }
    println!("cargo:rerun-if-changed=src/lib.rs");
    println!("cargo:rerun-if-changed=command_list.rs");
    let lib_rs = std::fs::read_to_string("src/lib.rs").expect("src/lib.rs");
    let commands = handler_commands(&lib_rs);
    assert!(commands.len() > 10, "no generate_handler![…] found in src/lib.rs");
    let capabilities = std::fs::read_to_string("capabilities/main.json").expect("capabilities/main.json");
    if let Some(why) = difference(&commands, &capability_commands(&capabilities)) {
        panic!("{why}");
    }
    // The manifest takes &'static names: leaked once, in a build script.
    let names: &'static [&'static str] =
        Box::leak(commands.into_iter().map(|c| &*Box::leak(c.into_boxed_str())).collect::<Vec<&'static str>>().into_boxed_slice());
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(names)),
    )
    .expect("tauri build script failed");
}
