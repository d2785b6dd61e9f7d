//! When Afterview cannot start (its database is from a newer version, is not
//! a database, or cannot be created), a person who launched it from the
//! desktop never sees stderr: say it in a dialog as well.

pub fn show(summary: &str, detail: &str) {
    eprintln!("afterview: {summary}: {detail}");
    #[cfg(target_os = "linux")]
    {
        use gtk::prelude::*;
        if gtk::init().is_err() {
            return;
        }
        let dialog = gtk::MessageDialog::new(
            None::<&gtk::Window>,
            gtk::DialogFlags::MODAL,
            gtk::MessageType::Error,
            gtk::ButtonsType::Close,
            summary,
        );
        dialog.set_title("Afterview");
        dialog.set_secondary_text(Some(detail));
        dialog.run();
        dialog.hide();
    }
}
