//! Printing a thank-you note: the system print dialog, and "Save as PDF"
//! without a dialog, both through WebKitGTK's own print operation on the
//! app's webview, reached with `with_webview`.
//!
//! Why not `window.print()` or Tauri's `Webview::print()`: both open GTK's
//! dialog with no page setup, so the user would have to pick A6 or US A2
//! paper by hand; `window.print()` also returns at once without a dialog
//! under WebDriver. Here the paper of the chosen layout is set before the
//! dialog opens, and "Save as PDF" prints to GTK's "Print to File" printer,
//! which keeps the text as text (searchable, `pdftotext` reads it). CUPS's
//! cups-pdf printer would turn the text into outlines.
//!
//! The page printed is the app's page with its print CSS (ui/editor.css:
//! only `#print-root`, the note, is shown). GTK runs on the main thread, so
//! the operation is started there and the command waits for its
//! `finished`/`failed` signal on its own (async) thread.

use afterview_core::note::{Layout, Paper};
use afterview_core::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tauri::{AppHandle, Webview};
use tauri_plugin_dialog::DialogExt;

/// What to print: the note on its layout's paper, or its envelope.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct PrintTarget {
    pub layout: Layout,
    #[serde(default)]
    pub envelope: bool,
}

impl PrintTarget {
    fn paper(self) -> Paper {
        if self.envelope {
            self.layout.envelope()
        } else {
            self.layout.paper()
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Printed {
    /// The PDF written, or `None` when the user cancelled the file chooser.
    pub path: Option<String>,
    /// How long WebKit took to print, in milliseconds.
    pub millis: u64,
}

/// How long a print to a file may take before the user is told it failed.
const PDF_TIMEOUT: Duration = Duration::from_secs(60);

#[cfg(target_os = "linux")]
mod gtk_print {
    use super::*;
    use gtk::prelude::*;
    use std::cell::RefCell;
    use webkit2gtk::{PrintOperation, PrintOperationExt, PrintOperationResponse};

    thread_local! {
        // A print operation must outlive the call that starts it: kept here
        // (on the GTK thread) until it reports finished or failed.
        static RUNNING: RefCell<Vec<PrintOperation>> = const { RefCell::new(Vec::new()) };
    }

    pub fn page_setup(paper: &Paper) -> (gtk::PaperSize, gtk::PageSetup) {
        let size = gtk::PaperSize::new_custom(paper.pwg, paper.label, paper.width_mm, paper.height_mm, gtk::Unit::Mm);
        let setup = gtk::PageSetup::new();
        setup.set_paper_size(&size);
        setup.set_orientation(gtk::PageOrientation::Portrait);
        // The note's margins are in its CSS, so that the preview, the dialog
        // and the PDF agree; the page itself has none.
        for set in [
            gtk::PageSetup::set_top_margin,
            gtk::PageSetup::set_bottom_margin,
            gtk::PageSetup::set_left_margin,
            gtk::PageSetup::set_right_margin,
        ] {
            set(&setup, 0.0, gtk::Unit::Mm);
        }
        (size, setup)
    }

    fn keep(op: &PrintOperation) {
        RUNNING.with(|r| r.borrow_mut().push(op.clone()));
    }
    fn release(op: &PrintOperation) {
        RUNNING.with(|r| r.borrow_mut().retain(|o| o != op));
    }

    /// Starts printing `webview` to the PDF file `uri`; `done` gets the outcome.
    pub fn to_pdf(webview: &webkit2gtk::WebView, paper: &Paper, uri: &str, done: mpsc::Sender<std::result::Result<(), String>>) {
        let (size, setup) = page_setup(paper);
        let settings = gtk::PrintSettings::new();
        settings.set_printer("Print to File");
        settings.set(gtk::PRINT_SETTINGS_OUTPUT_FILE_FORMAT, Some("pdf"));
        settings.set(gtk::PRINT_SETTINGS_OUTPUT_URI, Some(uri));
        settings.set_paper_size(&size);
        let op = PrintOperation::new(webview);
        op.set_print_settings(&settings);
        op.set_page_setup(&setup);
        let failed = done.clone();
        op.connect_failed(move |op, err| {
            let _ = failed.send(Err(err.to_string()));
            release(op);
        });
        op.connect_finished(move |op| {
            // `finished` also follows `failed`; the first message wins.
            let _ = done.send(Ok(()));
            release(op);
        });
        keep(&op);
        op.print();
    }

    /// Opens GTK's print dialog over the app window, on the note's paper.
    /// Returns whether the user chose to print.
    pub fn dialog(webview: &webkit2gtk::WebView, paper: &Paper) -> bool {
        let (size, setup) = page_setup(paper);
        let settings = gtk::PrintSettings::new();
        settings.set_paper_size(&size);
        let op = PrintOperation::new(webview);
        op.set_print_settings(&settings);
        op.set_page_setup(&setup);
        op.connect_finished(|op| release(op));
        keep(&op);
        let parent = webview.toplevel().and_then(|w| w.downcast::<gtk::Window>().ok());
        let printed = op.run_dialog(parent.as_ref()) == PrintOperationResponse::Print;
        if !printed {
            release(&op);
        }
        printed
    }
}

fn file_uri(path: &std::path::Path) -> Result<String> {
    tauri::Url::from_file_path(path)
        .map(|u| u.to_string())
        .map_err(|_| Error::invalid("pdf", format!("{} is not an absolute file path.", path.display())))
}

/// Opens the system print dialog for the note (or its envelope) on its paper.
#[tauri::command]
pub async fn print_note(webview: Webview, target: PrintTarget) -> Result<bool> {
    let paper = target.paper();
    let (tx, rx) = mpsc::channel();
    webview
        .with_webview(move |pw| {
            #[cfg(target_os = "linux")]
            let _ = tx.send(gtk_print::dialog(&pw.inner(), &paper));
            #[cfg(not(target_os = "linux"))]
            let _ = (pw, tx.send(false));
        })
        .map_err(|e| Error::Io(format!("Could not reach the window to print: {e}")))?;
    // The dialog is modal and may stay open as long as the user likes.
    tauri::async_runtime::spawn_blocking(move || rx.recv())
        .await
        .map_err(|e| Error::Io(e.to_string()))?
        .map_err(|_| Error::Io("The print dialog closed unexpectedly.".into()))
}

/// Writes the note (or its envelope) to a PDF. With no `path`, asks where
/// with the system's save dialog (`suggested_name` prefilled); tests pass a
/// path, which only a `test-paths` build takes (picked.rs). Returns where it was written, or nothing when the user cancelled.
#[tauri::command]
pub async fn save_pdf(
    app: AppHandle,
    webview: Webview,
    target: PrintTarget,
    path: Option<String>,
    suggested_name: Option<String>,
) -> Result<Printed> {
    let path: PathBuf = match crate::picked::save_target(path, "pdf")? {
        Some(p) => p,
        None => {
            let mut chooser = app.dialog().file().add_filter("PDF document", &["pdf"]);
            if let Some(name) = suggested_name {
                chooser = chooser.set_file_name(name);
            }
            let picked = tauri::async_runtime::spawn_blocking(move || chooser.blocking_save_file())
                .await
                .map_err(|e| Error::Io(e.to_string()))?;
            match picked.and_then(|p| p.into_path().ok()) {
                Some(p) => p,
                None => return Ok(Printed { path: None, millis: 0 }),
            }
        }
    };
    let path = if path.extension().is_none() { path.with_extension("pdf") } else { path };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.is_dir() {
            return Err(Error::invalid("pdf", format!("The folder {} does not exist.", dir.display())));
        }
    }
    let uri = file_uri(&path)?;
    let paper = target.paper();
    let (tx, rx) = mpsc::channel();
    let started = Instant::now();
    webview
        .with_webview(move |pw| {
            #[cfg(target_os = "linux")]
            gtk_print::to_pdf(&pw.inner(), &paper, &uri, tx);
            #[cfg(not(target_os = "linux"))]
            let _ = (pw, uri, paper, tx.send(Err("printing to PDF is only built for Linux".into())));
        })
        .map_err(|e| Error::Io(format!("Could not reach the window to print: {e}")))?;
    let outcome = tauri::async_runtime::spawn_blocking(move || rx.recv_timeout(PDF_TIMEOUT))
        .await
        .map_err(|e| Error::Io(e.to_string()))?;
    match outcome {
        Ok(Ok(())) => Ok(Printed {
            path: Some(path.display().to_string()),
            millis: started.elapsed().as_millis() as u64,
        }),
        Ok(Err(msg)) => Err(Error::Io(format!("The PDF could not be written: {msg}"))),
        Err(_) => Err(Error::Io("Printing to PDF did not finish in time; try again.".into())),
    }
}
