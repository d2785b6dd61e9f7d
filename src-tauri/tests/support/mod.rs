//! What the app crate's CLI tests share (`mod support;`): one in-process
//! run of `cli::run`, its exit code and both outputs. Each test file sets its
//! own environment (TZ, AFTERVIEW_NOW, AFTERVIEW_DB) before it calls this.

use afterview_lib::cli;

pub struct Run {
    pub code: i32,
    pub out: String,
    pub err: String,
}

/// `afterview ARGS…` in this process.
pub fn run_cli(args: &[&str]) -> Run {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = cli::run(&args, &mut out, &mut err);
    Run { code, out: String::from_utf8(out).unwrap(), err: String::from_utf8(err).unwrap() }
}
