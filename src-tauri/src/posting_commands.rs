//! "Fill from the posting" in the Add dialog: fetches the page the user
//! pasted (only when they click: never in the background) and reads it with
//! the core's posting reader, the same code as `afterview add --from-url`.
//! Nothing is saved here: the form is filled for the user to confirm.

use crate::web::Soup;
use afterview_core::posting::{self, Posting};
use afterview_core::{Error, Result};
use serde::Serialize;

/// The form's fields, and whether they came from structured data (JSON-LD)
/// or were guessed from the page's title.
#[derive(Serialize)]
pub struct PostingFill {
    #[serde(flatten)]
    posting: Posting,
    structured: bool,
}

/// Up to 10 s of network: off the main thread, so the window stays live.
/// A page without a posting comes back as an error on the URL field.
#[tauri::command]
pub async fn read_posting(url: String) -> Result<PostingFill> {
    let read = tauri::async_runtime::spawn_blocking(move || posting::from_url(&Soup, &url))
        .await
        .map_err(|e| Error::Io(format!("reading the posting stopped: {e}")))?;
    match read {
        Ok(p) => Ok(PostingFill { structured: p.structured, posting: p }),
        Err(no) => Err(Error::invalid("job_url", no.0)),
    }
}
