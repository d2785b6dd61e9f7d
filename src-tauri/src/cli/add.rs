//! `afterview add --from-url URL [--dry-run] [--json] [--db PATH]`: reads a
//! job posting (afterview_core::posting, the code behind the app's "Fill from the
//! posting") and adds it as the app's Add does (`NewApplication::clean`,
//! `Store::add_application`). `--json` prints `{"company", "role",
//! "location", "job_url", "source", "date_posted"}`; `--dry-run` adds
//! nothing. A link that is not http(s) is refused before anything is
//! fetched; a page without a posting, before the database is opened.

use super::{no_positional, open, parse_opts, write_out, Cmd, Fail, Outcome};
use afterview_core::posting::{self, Fetch, Posting};
use std::io::Write;

pub(super) fn add(cmd: &Cmd, rest: &[String], out: &mut dyn Write, web: Option<&dyn Fetch>) -> Outcome {
    let p = parse_opts("add", rest, &["--dry-run", "--json"], &["--from-url"])?;
    no_positional("add", &p)?;
    let url = p
        .value("--from-url")
        .ok_or_else(|| Fail::Usage("add needs --from-url URL, the job posting's link".into()))?;
    posting::web_url(url).map_err(|e| Fail::Error(e.0))?;
    let web = web.ok_or_else(|| Fail::Error("this build has no web client: run the afterview binary".into()))?;
    let found = posting::from_url(web, url).map_err(|e| Fail::Error(format!("{}: {e}", url.trim())))?;
    let dry_run = p.flag("--dry-run");
    let added = if dry_run {
        None
    } else {
        // Checked before the database is opened: a posting without a company
        // or a role adds nothing.
        let clean = found.application().clean().map_err(|e| {
            let what = e.field().unwrap_or("a field");
            Fail::Error(format!(
                "the posting does not say the {what}: nothing added (--dry-run shows what it says; add it in the app)"
            ))
        })?;
        let mut store = open(cmd, cmd.tz)?;
        Some(store.add_application(&clean, cmd.now()?)?)
    };
    let text = if p.flag("--json") {
        // Plain strings and options: serde_json cannot fail on them.
        let mut s = serde_json::to_string_pretty(&found).expect("a posting always serializes");
        s.push('\n');
        s
    } else {
        let mut s = table(&found);
        s.push_str(&match &added {
            Some(card) => format!("Added {} to the board ({}).\n", card.application.company, card.application.status.as_str()),
            None => "Dry run: nothing added.\n".to_owned(),
        });
        s
    };
    write_out(out, &text)
}

fn table(p: &Posting) -> String {
    let rows = [
        ("company", p.company.as_deref()),
        ("role", p.role.as_deref()),
        ("location", p.location.as_deref()),
        ("job_url", Some(p.job_url.as_str())),
        ("source", p.source.as_deref()),
        ("date_posted", p.date_posted.as_deref()),
    ];
    rows.iter().map(|(k, v)| format!("{k:<12} {}\n", v.unwrap_or("-"))).collect()
}
