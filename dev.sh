#!/usr/bin/env bash
# Afterview's developer entry point. Every command first runs scripts/setup.sh
# (idempotent: quick when everything is installed).
#
#   ./dev.sh run [--xvfb]   build and open the app (sample data when there is no database yet)
#   ./dev.sh test           build and run every test: Rust, UI units, CLI, end to end
#   ./dev.sh screenshot     regenerate docs/screenshots/*.png (light and *-dark.png) from the real app under Xvfb
#   ./dev.sh package        release build + .deb and .rpm (scripts/package.sh)
#   ./dev.sh package-check  build, inspect and extract the .rpm, install the .deb on this machine, start both headless (not in test)
#   ./dev.sh bench [--quick] measure against an empty Tauri app (release; --quick: debug smoke run)
#   ./dev.sh fuzz [SECONDS] [TARGET…] run the cargo-fuzz targets (nightly), each SECONDS (default 300); RELIABILITY.md
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export PATH="$HOME/.cargo/bin:$PATH"
ROOT="$PWD"
BIN="$ROOT/target/debug/afterview"

say() { printf '\033[1m[afterview]\033[0m %s\n' "$*"; }

build() {
  say "building (debug; the first build takes a few minutes)"
  cargo build --locked -p afterview
}

db_path() {
  if [ -n "${AFTERVIEW_DB:-}" ]; then echo "$AFTERVIEW_DB"
  else echo "${XDG_DATA_HOME:-$HOME/.local/share}/afterview/afterview.db"; fi
}

cmd_run() {
  local xvfb=0
  [ "${1:-}" = "--xvfb" ] && xvfb=1
  scripts/setup.sh
  build
  local db; db="$(db_path)"
  if [ ! -e "$db" ]; then
    say "no database at $db yet: starting with the sample job search"
    "$BIN" import --sample --db "$db"
  fi
  say "data: $db"
  if [ "$xvfb" = 1 ]; then
    say "running under a virtual display (Xvfb): the window is not visible; Ctrl-C to stop"
    exec xvfb-run -a "$BIN" --db "$db"
  fi
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    say "there is no graphical display here (neither DISPLAY nor WAYLAND_DISPLAY is set)."
    say "Run ./dev.sh run from a desktop session, or headless with: ./dev.sh run --xvfb"
    say "The command line works without a display: $BIN agenda"
    exit 1
  fi
  exec "$BIN" --db "$db"
}

cmd_test() {
  scripts/setup.sh
  local t0=$SECONDS
  say "1/5 Rust: build and unit + integration tests"
  cargo test --locked --workspace
  # The binary the CLI and end-to-end tests run: with `test-paths`, the page
  # may pass raw paths in place of a file dialog's token (src-tauri/src/picked.rs).
  # Built after `cargo test`, which rebuilds target/debug/afterview without it.
  cargo build --locked -p afterview --features test-paths
  say "2/5 UI unit tests (node --test)"
  node --test tests/ui/*.test.mjs
  say "3/5 CLI tests on the built binary"
  node --test tests/cli.test.mjs
  say "4/5 end to end: the real app under Xvfb, private D-Bus session, WebDriver"
  NO_AT_BRIDGE=1 xvfb-run -a -s "-screen 0 1400x900x24" dbus-run-session -- \
    node --test --test-concurrency=1 tests/e2e/*.test.mjs
  say "5/5 benchmark smoke run (debug builds; checks every figure is produced, not its value)"
  bench_run --quick
  say "all tests passed in $((SECONDS - t0)) s"
}

cmd_screenshot() {
  scripts/setup.sh
  # The screenshot scripts hand the page file paths (no GTK dialog under
  # WebDriver): the test build's `test-paths` feature takes them.
  say "building (debug, with the test-paths feature)"
  cargo build --locked -p afterview --features test-paths
  NO_AT_BRIDGE=1 xvfb-run -a -s "-screen 0 1400x900x24" dbus-run-session -- node tests/e2e/screenshots.mjs
  NO_AT_BRIDGE=1 xvfb-run -a -s "-screen 0 1400x900x24" dbus-run-session -- node tests/e2e/editor-screenshots.mjs
  NO_AT_BRIDGE=1 xvfb-run -a -s "-screen 0 1400x900x24" dbus-run-session -- node tests/e2e/no-answer-screenshots.mjs
  NO_AT_BRIDGE=1 xvfb-run -a -s "-screen 0 1400x1080x24" dbus-run-session -- node tests/e2e/insights-screenshots.mjs
  NO_AT_BRIDGE=1 xvfb-run -a -s "-screen 0 1400x900x24" dbus-run-session -- node tests/e2e/table-import-screenshot.mjs
  # The same in dark mode (GTK_THEME=Adwaita:dark): docs/screenshots/*-dark.png.
  SCREENSHOT_THEME=dark NO_AT_BRIDGE=1 xvfb-run -a -s "-screen 0 1400x900x24" dbus-run-session -- node tests/e2e/screenshots.mjs
  SCREENSHOT_THEME=dark NO_AT_BRIDGE=1 xvfb-run -a -s "-screen 0 1400x900x24" dbus-run-session -- node tests/e2e/editor-screenshots.mjs
}

bench_run() {
  NO_AT_BRIDGE=1 xvfb-run -a -s "-screen 0 1400x900x24" dbus-run-session -- node tests/bench/run.mjs "$@"
}

cmd_bench() {
  scripts/setup.sh
  bench_run "$@"
}

# Every fuzz target (fuzz/fuzz_targets/) in turn, SECONDS each, from its
# corpus (fuzz/corpus/<target>, seeded from the fixtures); a finding stops it
# and is left in fuzz/artifacts/<target>/. Nightly only: the stable seeded
# pass of the same oracles runs in `./dev.sh test` (src/fuzzing/tests.rs).
cmd_fuzz() {
  scripts/setup.sh --fuzz
  local secs="${1:-300}"; [ $# -gt 0 ] && shift
  local targets=("$@")
  [ "${#targets[@]}" -gt 0 ] || targets=(interchange table ingest command)
  cd "$ROOT/fuzz"
  for t in "${targets[@]}"; do
    say "fuzz: $t for $secs s"
    mkdir -p "corpus/$t"
    cargo +nightly fuzz run -O "$t" "corpus/$t" -- -max_total_time="$secs" -rss_limit_mb=4096 -print_final_stats=1
  done
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  screenshot) shift; cmd_screenshot "$@" ;;
  package) shift; scripts/setup.sh; exec scripts/package.sh build "$@" ;;
  package-check) shift; scripts/setup.sh; exec scripts/package.sh check "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  fuzz) shift; cmd_fuzz "$@" ;;
  *) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
