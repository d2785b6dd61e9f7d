//! The short seeded pass of the fuzz targets, on stable, in `./dev.sh test`:
//! every seed (the repository's fixtures, the sample, the commands' seeds,
//! and whatever `fuzz/corpus/<target>/` holds, minimized findings included)
//! and then a few hundred mutations of them, from a fixed seed (replay
//! another with AFTERVIEW_FUZZ_SEED=<n>; AFTERVIEW_FUZZ_ROUNDS=<n> for more),
//! through the same oracles as `cargo fuzz`.

use super::*;
use std::path::{Path, PathBuf};

#[path = "rng.rs"]
mod rng;
use rng::Rng;

fn seed() -> u64 {
    std::env::var("AFTERVIEW_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5eed_f022_0015)
}

fn rounds(default: usize) -> usize {
    std::env::var("AFTERVIEW_FUZZ_ROUNDS").ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

const TOKENS: &[&[u8]] = &[
    b"", b"\"", b"\\", b"null", b"true", b"-1", b"1e309", b"0", b"[]", b"{}", b"\xff", b"\0", "é".as_bytes(),
    b"2026-02-30", b"9999-12-31T23:59", b"+275760-09-13", b"\r\n", b"\n ", b",", b";", b"\t", b"=?utf-8?B?", b"BEGIN:VEVENT\r\n",
    b"END:VCALENDAR", b"DTSTART;TZID=W. Europe Standard Time:", b"Content-Type: multipart/mixed; boundary=x\r\n",
    b"\"applied\"", b"\"rejected\"", b"a1", b"c1", b"i1", b"check_in:a1:", b"1e-400", b"99999999999999999999",
];

/// One random edit of `data` at the byte level (the fuzzer's kind).
fn mutate(rng: &mut Rng, data: &[u8]) -> Vec<u8> {
    let mut out = data.to_vec();
    let at = rng.below(out.len() + 1);
    match rng.below(7) {
        0 => out.truncate(at),
        1 if !out.is_empty() => {
            let end = (at + 1 + rng.below(16)).min(out.len());
            out.drain(at.min(out.len() - 1)..end);
        }
        2 if !out.is_empty() => {
            let i = at.min(out.len() - 1);
            out[i] ^= 1 << rng.below(8);
        }
        3 if !out.is_empty() => {
            let i = at.min(out.len() - 1);
            out[i] = rng.below(256) as u8;
        }
        4 => {
            let from = rng.below(out.len());
            let slice: Vec<u8> = out[from..(from + rng.below(64)).min(out.len())].to_vec();
            out.splice(at..at, slice);
        }
        _ => {
            let t = TOKENS[rng.below(TOKENS.len())];
            out.splice(at..at, t.iter().copied());
        }
    }
    out
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The files of `dir` (missing: none), sorted by name.
fn files(dir: &Path) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_file()).collect())
        .unwrap_or_default();
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

/// The seeds and the files of fuzz/corpus/`name` (what `cargo fuzz` found),
/// then `n` mutations of them (1 to 3 edits each); more than `least` inputs
/// must be accepted, and more than `least` refused.
fn pass(name: &str, mut seeds: Vec<Vec<u8>>, n: usize, least: usize, oracle: impl Fn(&Bench, &[u8], &mut Tally)) {
    seeds.extend(files(&repo().join("fuzz/corpus").join(name)));
    assert!(!seeds.is_empty(), "{name}: no seeds");
    let bench = Bench::new();
    let mut tally = Tally::default();
    for s in &seeds {
        oracle(&bench, s, &mut tally);
    }
    // Never 0: xorshift stays 0 from there.
    let mut rng = Rng((seed() ^ name.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    for round in 0..n {
        let mut input = seeds[rng.below(seeds.len())].clone();
        for _ in 0..1 + rng.below(3) {
            input = mutate(&mut rng, &input);
        }
        let hit = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| oracle(&bench, &input, &mut tally)));
        if let Err(e) = hit {
            let file = std::env::temp_dir().join(format!("afterview-fuzz-{name}-{round}"));
            let _ = std::fs::write(&file, &input);
            std::panic::resume_unwind(Box::new(format!(
                "{name}, round {round}: {} (input saved to {})",
                e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default(),
                file.display()
            )));
        }
    }
    eprintln!("{name}: {} inputs, {} accepted, {} refused", seeds.len() + n, tally.accepted, tally.refused);
    assert!(tally.accepted > least && tally.refused > least, "{name}: {tally:?}");
}

#[test]
fn seeded_pass_interchange() {
    let seeds = vec![format::SAMPLE_JSON.as_bytes().to_vec(), br#"{"format":"afterview","version":1,"applications":[]}"#.to_vec()];
    pass("interchange", seeds, rounds(400), 10, interchange);
}

#[test]
fn seeded_pass_table() {
    let mut seeds = Vec::new();
    for (ext, bytes) in [
        (0u8, &b"Company,Role,Status,Applied\nAcme,Engineer,Applied,2026-11-02\nInitech,PM,Interview,03/04/2026\n"[..]),
        (1, b"Company\tPosition\tDate\nHooli\tSRE\t2026-10-01\n"),
    ] {
        let mut s = vec![ext | 64];
        s.extend_from_slice(bytes);
        seeds.push(s);
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/table");
    for (name, ext) in [
        ("jobs.csv", 0u8), ("huntr.csv", 0), ("teal.csv", 0), ("pipes.csv", 0), ("Job Applications.csv", 0),
        ("bewerbungen-cp1252.csv", 0), ("ambiguous-bom.tsv", 1), ("applications.xlsx", 2), ("applications.ods", 3),
    ] {
        let mut s = vec![ext | 64 | 16];
        s.extend(std::fs::read(dir.join(name)).unwrap_or_default());
        seeds.push(s);
    }
    pass("table", seeds, rounds(400), 5, table);
}

#[test]
fn seeded_pass_ingest() {
    pass("ingest", files(&repo().join("tests/fixtures/ingest")), rounds(400), 5, ingest);
}

#[test]
fn seeded_pass_commands() {
    let bench = Bench::new();
    let seeds = command_seeds(&bench);
    drop(bench);
    pass("command", seeds, rounds(1500), 20, command);
}

/// Every command's seed is well formed: the fuzzer starts from calls that
/// reach the store, not from arguments Tauri would refuse.
#[test]
fn every_command_has_a_seed_that_deserializes() {
    let bench = Bench::new();
    let seeds = command_seeds(&bench);
    for (i, name) in COMMANDS.iter().enumerate() {
        let mine: Vec<_> = seeds.iter().filter(|s| s[0] as usize == i).collect();
        assert!(!mine.is_empty(), "{name}: no seed");
        for s in mine {
            let v: serde_json::Value = serde_json::from_slice(&s[1..]).unwrap();
            bench.reset(Start::Sample);
            let mut store = bench.open();
            if let Err(e) = call(&mut store, i, &v) {
                assert!(!e.starts_with("invalid args"), "{name}: {e}");
            }
        }
    }
}

/// `cargo test -p afterview-core --lib write_fuzz_seeds -- --ignored`:
/// writes the seeds above into `fuzz/corpus/<target>/seed-*`, where
/// `./dev.sh fuzz` starts from (they are committed).
#[test]
#[ignore]
fn write_fuzz_seeds() {
    let corpus = repo().join("fuzz/corpus");
    let write = |target: &str, seeds: Vec<Vec<u8>>| {
        let dir = corpus.join(target);
        std::fs::create_dir_all(&dir).unwrap();
        for (i, s) in seeds.iter().enumerate() {
            std::fs::write(dir.join(format!("seed-{i:03}")), s).unwrap();
        }
    };
    write("interchange", vec![format::SAMPLE_JSON.as_bytes().to_vec()]);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/table");
    let mut t = Vec::new();
    for (name, ext) in [("jobs.csv", 0u8), ("huntr.csv", 0), ("teal.csv", 0), ("bewerbungen-cp1252.csv", 0), ("ambiguous-bom.tsv", 1), ("applications.xlsx", 2), ("applications.ods", 3)] {
        let mut s = vec![ext | 64 | 16];
        s.extend(std::fs::read(dir.join(name)).unwrap());
        t.push(s);
    }
    write("table", t);
    write("ingest", files(&repo().join("tests/fixtures/ingest")));
    let bench = Bench::new();
    write("command", command_seeds(&bench));
}

/// Found by the seeded pass (seed 7): a METHOD value with a carriage return
/// in it was quoted into a refusal of two lines.
#[test]
fn a_refused_invitation_quoting_a_line_break_is_one_line() {
    let ics = "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\rID:X\r\nBEGIN:VEVENT\r\nUID:u\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let e = crate::ingest::parse(ics.as_bytes(), ZONE).unwrap_err();
    assert!(e.contains("CANCEL ID:X") && !e.contains('\r'), "{e:?}");
}
