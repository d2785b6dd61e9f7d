//! tests/fixtures/labels.json is the UI unit tests' copy of the backend's
//! labels (`afterview_core::labels::labels`, which the app hands the UI in
//! `app_info`). This keeps it equal; after changing a label, rewrite it with
//! `AFTERVIEW_WRITE_FIXTURES=1 cargo test -p afterview-core --test labels`.

use afterview_core::labels::labels;
use std::path::Path;

#[test]
fn the_ui_fixture_is_the_backends_labels() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/labels.json");
    let want = serde_json::to_string_pretty(&labels()).expect("labels serialize") + "\n";
    if std::env::var_os("AFTERVIEW_WRITE_FIXTURES").is_some() {
        std::fs::write(&path, &want).expect("write the fixture");
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{} differs from afterview_core::labels::labels(); rewrite it with \
         AFTERVIEW_WRITE_FIXTURES=1 cargo test -p afterview-core --test labels",
        path.display()
    );
}
