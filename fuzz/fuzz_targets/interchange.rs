//! `cargo +nightly fuzz run interchange`: the oracle afterview_core::fuzzing::interchange
//! (also run on stable by its seeded pass in `./dev.sh test`).
#![no_main]
use afterview_core::fuzzing::{self, Bench, Tally};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static BENCH: OnceLock<Bench> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let bench = BENCH.get_or_init(Bench::new);
    fuzzing::interchange(bench, data, &mut Tally::default());
});
