#!/usr/bin/env bash
# Prepare a Debian 12 machine (developer or CI) to build and test Afterview.
#
# Idempotent and quick when everything is already there: every step first
# checks whether it is needed.
#   1. apt packages (system libraries for Tauri/WebKitGTK, Xvfb, WebKitWebDriver,
#      a private D-Bus + notification daemon, PDF and image tools, the desktop
#      tests' Python D-Bus/X11 modules, rpm tools)
#   2. Rust toolchain present (cargo, rustc)
#   3. tauri-driver (pinned version, installed with cargo)
#   4. npm dev dependencies (npm ci) when node_modules is missing or stale
#   5. Python's icalendar package (pinned) for the export tests
set -euo pipefail

TAURI_DRIVER_VERSION="2.1.0"

APT_PACKAGES=(
  build-essential pkg-config curl file
  libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev libssl-dev
  xvfb xauth webkit2gtk-driver
  dbus dbus-x11 dunst libnotify-bin
  poppler-utils imagemagick xclip
  python3 python3-pip
  # the desktop tests' servers and X11 helper (tests/e2e/fake_*.py, x11.py) and
  # the .rpm checks of ./dev.sh package-check
  python3-dbus python3-gi python3-xlib rpm rpm2cpio cpio
)

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || die "not root and sudo is not available"
  SUDO=(sudo)
fi

# --- 1. apt packages -------------------------------------------------------
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done
if [ "${#missing[@]}" -eq 0 ]; then
  step "apt: all ${#APT_PACKAGES[@]} packages present"
else
  step "apt: installing ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq
  # with Recommends, as on the reference machine (e.g. the SVG coder of ImageMagick,
  # GStreamer plugins and fonts used by WebKitGTK)
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  step "apt: done"
fi

# --- 2. Rust toolchain -----------------------------------------------------
if ! command -v cargo >/dev/null 2>&1 || ! command -v rustc >/dev/null 2>&1; then
  die "cargo/rustc not found. Install the Rust toolchain with rustup
  (https://rustup.rs: curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh),
  then open a new shell or run: source \"\$HOME/.cargo/env\". This script cannot fetch it."
fi
step "rust: $(rustc --version)"

# --- 3. tauri-driver -------------------------------------------------------
# `tauri-driver --version` is not supported by tauri-driver 2.x (it prints its
# usage and fails), so the installed version is read from cargo's install list.
installed_td="$(cargo install --list 2>/dev/null | sed -n 's/^tauri-driver v\([^:]*\):$/\1/p' | head -n1)"
if [ "$installed_td" = "$TAURI_DRIVER_VERSION" ] && command -v tauri-driver >/dev/null 2>&1; then
  step "tauri-driver: $TAURI_DRIVER_VERSION present"
else
  step "tauri-driver: installing $TAURI_DRIVER_VERSION (was: ${installed_td:-none}); takes ~2 min"
  cargo install tauri-driver --locked --version "$TAURI_DRIVER_VERSION" --quiet
  step "tauri-driver: done"
fi
[ -x /usr/bin/WebKitWebDriver ] || die "/usr/bin/WebKitWebDriver missing (package webkit2gtk-driver)"

# --- 4. npm dev dependencies -----------------------------------------------
command -v npm >/dev/null 2>&1 || die "npm not found (Node.js >= 20.19 is required)"
cd "$REPO_ROOT"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  step "npm: done"
else
  step "npm: node_modules up to date"
fi

# --- 5. Python packages for the tests -----------------------------------------
# tests/exports_check.py reads the .ics export back with an independent parser.
ICALENDAR_VERSION="7.3.0"
have_ical="$(python3 -c 'import icalendar; print(icalendar.__version__)' 2>/dev/null || true)"
if [ "$have_ical" = "$ICALENDAR_VERSION" ]; then
  step "python: icalendar $ICALENDAR_VERSION present"
else
  step "python: installing icalendar $ICALENDAR_VERSION (was: ${have_ical:-none})"
  # Debian's own python3 is "externally managed"; the package only serves the tests.
  python3 -m pip install --quiet --break-system-packages "icalendar==$ICALENDAR_VERSION" \
    || die "pip could not install icalendar==$ICALENDAR_VERSION"
  step "python: done"
fi

# --- 6. cargo-fuzz, for ./dev.sh fuzz only (nightly; not needed by test) -----
CARGO_FUZZ_VERSION="0.13.2"
installed_cf="$(cargo install --list 2>/dev/null | sed -n 's/^cargo-fuzz v\([^:]*\):$/\1/p' | head -n1)"
if [ "$installed_cf" = "$CARGO_FUZZ_VERSION" ]; then
  step "cargo-fuzz: $CARGO_FUZZ_VERSION present"
elif [ "${1:-}" = "--fuzz" ] || [ -n "${AFTERVIEW_SETUP_FUZZ:-}" ]; then
  step "cargo-fuzz: installing $CARGO_FUZZ_VERSION (was: ${installed_cf:-none})"
  cargo install cargo-fuzz --locked --version "$CARGO_FUZZ_VERSION" --quiet
  rustup toolchain list | grep -q '^nightly' || die "./dev.sh fuzz needs a nightly toolchain: rustup toolchain install nightly"
else
  step "cargo-fuzz: not installed (only ./dev.sh fuzz needs it; it installs it)"
fi

step "ready"
