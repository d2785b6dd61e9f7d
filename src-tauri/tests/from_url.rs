//! "Add from a posting link" over real HTTP: the app's client (libsoup,
//! web.rs) and the real `afterview add --from-url` binary against a local
//! server started here (std::net, one thread per connection) that serves
//! the posting pages of core/tests/postings/, redirects, a 404, a slow
//! page, a page that drips, and pages over and under the 5 MiB cap.

use afterview_core::posting::{self, Fetch, FetchError, Url, MAX_BYTES, USER_AGENT};
use afterview_lib::web::Soup;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

// ----- the server ------------------------------------------------------------------

struct Server {
    addr: SocketAddr,
    /// (path, User-Agent) of every request, in order.
    seen: Arc<Mutex<Vec<(String, String)>>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let log = log.clone();
                thread::spawn(move || serve(stream, &log));
            }
        });
        Server { addr, seen }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("core/tests/postings").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn serve(stream: TcpStream, log: &Mutex<Vec<(String, String)>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split('?').next().unwrap_or("/").to_owned();
    let mut agent = String::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            if k.eq_ignore_ascii_case("user-agent") {
                agent = v.trim().to_owned();
            }
        }
    }
    log.lock().unwrap().push((path.clone(), agent));
    let mut out = stream;
    let pages = [
        ("/greenhouse", "greenhouse.html"),
        ("/greenhouse-legacy", "greenhouse-legacy.html"),
        ("/lever", "lever.html"),
        ("/workday", "workday.html"),
        ("/linkedin", "linkedin.html"),
        ("/indeed", "indeed.html"),
        ("/graph", "jsonld-graph.html"),
        ("/list", "jsonld-list.html"),
        ("/entities", "entities.html"),
        ("/careers/platform-engineer", "careers-page.html"),
        ("/blog", "no-posting.html"),
        ("/authwall", "linkedin-authwall.html"),
    ];
    if let Some((_, file)) = pages.iter().find(|(p, _)| *p == path) {
        return respond(&mut out, "200 OK", &[], &fixture(file));
    }
    if let Some(n) = path.strip_prefix("/hop/").and_then(|n| n.parse::<u32>().ok()) {
        let to = if n <= 1 { "/lever".to_owned() } else { format!("/hop/{}", n - 1) };
        return respond(&mut out, "302 Found", &[("Location", &to)], b"");
    }
    match path.as_str() {
        "/moved" => respond(&mut out, "301 Moved Permanently", &[("Location", "/greenhouse")], b""),
        // LinkedIn sends a signed-out reader to its sign-up wall.
        "/jobs/view/4081234567" => respond(&mut out, "302 Found", &[("Location", "/authwall?trk=public_jobs")], b""),
        "/careers/untitled" => respond(&mut out, "200 OK", &[], b"<title>Platform Engineer</title>"),
        "/to-file" => respond(&mut out, "302 Found", &[("Location", "file:///etc/passwd")], b""),
        "/slow" => {
            thread::sleep(Duration::from_secs(30));
            respond(&mut out, "200 OK", &[], &fixture("lever.html"));
        }
        "/drip" => {
            // Headers at once, then a byte every 200 ms: no single read waits
            // long, so only the deadline of the whole exchange stops it.
            let _ = out.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n");
            for _ in 0..300 {
                if out.write_all(b"<").and_then(|()| out.flush()).is_err() {
                    return;
                }
                thread::sleep(Duration::from_millis(200));
            }
        }
        "/huge" => {
            let size = MAX_BYTES + 1024 * 1024;
            let head = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n");
            let _ = out.write_all(head.as_bytes());
            let chunk = vec![b'x'; 64 * 1024];
            for _ in 0..size / chunk.len() {
                if out.write_all(&chunk).is_err() {
                    return;
                }
            }
        }
        "/huge-chunked" => {
            // No Content-Length: the cap is seen while reading.
            let _ = out.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
            let chunk = "<p>filler</p>".repeat(5000);
            for _ in 0..(MAX_BYTES + 1024 * 1024) / chunk.len() {
                if out.write_all(format!("{:x}\r\n{chunk}\r\n", chunk.len()).as_bytes()).is_err() {
                    return;
                }
            }
            let _ = out.write_all(b"0\r\n\r\n");
        }
        "/big-but-fits" => {
            let mut body = fixture("lever.html");
            body.extend(std::iter::repeat_n(b' ', MAX_BYTES - 64 * 1024 - body.len()));
            respond(&mut out, "200 OK", &[], &body);
        }
        _ => respond(&mut out, "404 Not Found", &[], &fixture("not-found.html")),
    }
}

fn respond(out: &mut TcpStream, status: &str, headers: &[(&str, &str)], body: &[u8]) {
    let mut head = format!("HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = out.write_all(head.as_bytes()).and_then(|()| out.write_all(body)).and_then(|()| out.flush());
}

// ----- the app's client -------------------------------------------------------------

fn read(server: &Server, path: &str) -> Result<posting::Posting, String> {
    posting::from_url(&Soup, &server.url(path)).map_err(|e| e.0)
}

#[test]
fn each_board_page_is_read_over_http_with_a_browser_user_agent() {
    let server = Server::start();
    let cases = [
        ("/greenhouse", "Acme Robotics", "Senior Backend Engineer, Payments & Risk"),
        ("/greenhouse-legacy", "Nordlicht Energie", "Site Reliability Engineer"),
        ("/lever", "Kestrel Labs", "Staff Frontend Engineer"),
        ("/workday", "Globex AG", "Data Platform Engineer (m/w/d)"),
        ("/linkedin", "Brightwave & Co.", "Data Engineer – Streaming"),
        ("/indeed", "Harbor Ledger Inc.", "Customer Success Manager"),
        ("/graph", "Helios Solaire SAS", "Installateur photovoltaïque (H/F)"),
        ("/list", "Tidewater Analytics", "Analytics Engineer (dbt, Snowflake)"),
        ("/entities", "Müller & Söhne", "Head of R&D Mess- & Regeltechnik"),
        ("/careers/platform-engineer", "Quillfeather", "Platform Engineer"),
    ];
    for (path, company, role) in cases {
        let p = read(&server, path).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!((p.company.as_deref(), p.role.as_deref()), (Some(company), Some(role)), "{path}");
    }
    // The graph's relative url is resolved against the page it came from.
    assert_eq!(read(&server, "/graph").unwrap().job_url, server.url("/carrieres/installateur-lyon/"));
    assert_eq!(read(&server, "/list").unwrap().job_url, server.url("/list"));
    let seen = server.seen.lock().unwrap();
    assert!(seen.iter().all(|(_, ua)| ua == USER_AGENT), "{seen:?}");
}

#[test]
fn redirects_are_followed_up_to_five() {
    let server = Server::start();
    assert_eq!(read(&server, "/moved").unwrap().company.as_deref(), Some("Acme Robotics"));
    assert_eq!(read(&server, "/hop/5").unwrap().company.as_deref(), Some("Kestrel Labs"));
    assert_eq!(read(&server, "/hop/6").unwrap_err(), "More than 5 redirects: stopped.");
    assert_eq!(
        read(&server, "/to-file").unwrap_err(),
        "127.0.0.1 redirected to \"file:///etc/passwd\": not a web address, not followed."
    );
}

#[test]
fn pages_without_a_posting_say_why() {
    let server = Server::start();
    assert_eq!(read(&server, "/gone").unwrap_err(), "The page answered 404 Not Found: no posting there (it may have been taken down).");
    assert_eq!(read(&server, "/blog").unwrap_err(), "No job posting found on that page.");
    assert_eq!(read(&server, "/jobs/view/4081234567").unwrap_err(), "That page asks you to sign in: no posting to read.");
    // Nothing listens there: offline, as far as the client can tell.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let e = posting::from_url(&Soup, &format!("http://{closed}/job")).unwrap_err().0;
    assert!(e.starts_with("Cannot reach 127.0.0.1: "), "{e}");
}

#[test]
fn the_deadline_covers_the_whole_exchange() {
    let server = Server::start();
    for path in ["/slow", "/drip"] {
        let url = Url::parse(&server.url(path)).unwrap();
        let r = Soup.get(&url, Instant::now() + Duration::from_millis(1500));
        assert!(matches!(r, Err(FetchError::Timeout)), "{path}: {:?}", r.map(|r| r.status));
    }
}

#[test]
fn bodies_over_five_mib_are_not_read() {
    let server = Server::start();
    let deadline = || Instant::now() + posting::TIMEOUT;
    for path in ["/huge", "/huge-chunked"] {
        let r = Soup.get(&Url::parse(&server.url(path)).unwrap(), deadline());
        assert!(matches!(r, Err(FetchError::TooBig)), "{path}: {:?}", r.map(|r| r.body.len()));
    }
    assert_eq!(read(&server, "/huge").unwrap_err(), "The page is larger than 5 MiB: not a posting.");
    // Just under the cap is read whole.
    assert_eq!(read(&server, "/big-but-fits").unwrap().company.as_deref(), Some("Kestrel Labs"));
}

// ----- the CLI ------------------------------------------------------------------------

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn cli(home: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_afterview"))
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("AFTERVIEW_DB")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A fresh HOME for the CLI and the path of a database in it.
fn fresh_home() -> (tempfile::TempDir, String) {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("jobs.db").to_str().unwrap().to_owned();
    (home, db)
}

#[test]
fn cli_adds_the_posting_and_prints_the_contract() {
    let server = Server::start();
    let (home, db) = fresh_home();
    let db = db.as_str();
    let url = server.url("/linkedin");

    let dry = cli(home.path(), &["add", "--from-url", &url, "--dry-run", "--json", "--db", db]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    let json: serde_json::Value = serde_json::from_str(&dry.stdout).unwrap();
    let want = serde_json::json!({
        "company": "Brightwave & Co.",
        "role": "Data Engineer – Streaming",
        "location": "Berlin, DE",
        "job_url": "https://de.linkedin.com/jobs/view/data-engineer-streaming-at-brightwave-co-4081234567",
        "source": "LinkedIn",
        "date_posted": "2026-11-20"
    });
    assert_eq!(json, want);
    assert!(!Path::new(db).exists(), "--dry-run must not create the database");

    let added = cli(home.path(), &["--db", db, "add", "--from-url", &url, "--json"]);
    assert_eq!(added.code, 0, "{}", added.stderr);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&added.stdout).unwrap(), want);
    let text = cli(home.path(), &["add", "--from-url", &server.url("/workday"), "--db", db]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert!(text.stdout.contains("company      Globex AG\n"), "{}", text.stdout);
    assert!(text.stdout.ends_with("Added Globex AG to the board (applied).\n"), "{}", text.stdout);

    let export = cli(home.path(), &["export", "-", "--db", db]);
    let doc: serde_json::Value = serde_json::from_str(&export.stdout).unwrap();
    let apps = doc["applications"].as_array().unwrap();
    let mut companies: Vec<&str> = apps.iter().map(|a| a["company"].as_str().unwrap()).collect();
    companies.sort();
    assert_eq!(companies, ["Brightwave & Co.", "Globex AG"]);
    let a = apps.iter().find(|a| a["company"] == "Brightwave & Co.").unwrap();
    for field in ["role", "location", "source", "job_url"] {
        assert_eq!(a[field], want[field], "{field}");
    }
    assert_eq!(a["status"], "applied");
}

#[test]
fn cli_refuses_what_is_not_a_posting_and_writes_nothing() {
    let server = Server::start();
    let (home, db) = fresh_home();
    let db = db.as_str();
    let cases = [
        ("file:///etc/passwd".to_owned(), "afterview: \"file:///etc/passwd\" is not a web address: only http:// and https:// links can be read.\n"),
        ("javascript:alert(1)".to_owned(), "afterview: \"javascript:alert(1)\" is not a web address: only http:// and https:// links can be read.\n"),
        ("data:text/html,<title>x</title>".to_owned(), "afterview: \"data:text/html,<title>x</title>\" is not a web address: only http:// and https:// links can be read.\n"),
    ];
    for (url, want) in &cases {
        let r = cli(home.path(), &["add", "--from-url", url, "--db", db]);
        assert_eq!((r.code, r.stderr.as_str()), (1, *want));
    }
    let blog = server.url("/blog");
    let r = cli(home.path(), &["add", "--from-url", &blog, "--db", db]);
    assert_eq!((r.code, r.stderr), (1, format!("afterview: {blog}: No job posting found on that page.\n")));
    // The product's own 10 s, end to end.
    let slow = server.url("/slow");
    let r = cli(home.path(), &["add", "--from-url", &slow, "--db", db]);
    assert_eq!((r.code, r.stderr), (1, format!("afterview: {slow}: No answer from 127.0.0.1 within 10 s.\n")));
    // A posting without a company is shown, not added.
    let untitled = server.url("/careers/untitled");
    let r = cli(home.path(), &["add", "--from-url", &untitled, "--dry-run", "--json", "--db", db]);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!((json["company"].is_null(), json["role"].as_str()), (true, Some("Platform Engineer")));
    let r = cli(home.path(), &["add", "--from-url", &untitled, "--db", db]);
    let want = "afterview: the posting does not say the company: nothing added (--dry-run shows what it says; add it in the app)\n";
    assert_eq!((r.code, r.stderr.as_str()), (1, want));
    let usage = cli(home.path(), &["add", "--db", db]);
    assert_eq!(usage.code, 2);
    assert!(usage.stderr.starts_with("afterview: add needs --from-url URL"), "{}", usage.stderr);
    assert!(!Path::new(db).exists(), "a refused add must not create the database");
}
