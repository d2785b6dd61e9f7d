#!/usr/bin/env bash
# Installable packages of Afterview, built by the Tauri bundler.
#
#   scripts/package.sh build   release build + .deb and .rpm                       = ./dev.sh package
#                              (target/release/bundle/deb/, target/release/bundle/rpm/)
#   scripts/package.sh check   build, inspect the .rpm (rpm -qip, -qpR, --recommends,    = ./dev.sh package-check
#                              its files; extracted with rpm2cpio | cpio, its binary
#                              started headless), then install the .deb on THIS machine with
#                              dpkg -i (+ its declared dependencies through apt) and
#                              start the installed binary headless: `afterview agenda`,
#                              an import and an export on a private database, and the
#                              window under Xvfb for a few seconds. Not part of
#                              ./dev.sh test, since it installs onto the machine (as root
#                              or with sudo); `dpkg -r afterview` removes it again.
#   scripts/package.sh install-check [DEB]   the same checks on a .deb already built
#   scripts/package.sh rpm-check [RPM]       the .rpm checks alone, on one already built
#
# AppImage: not built. Tauri's AppImage bundler downloads linuxdeploy and AppRun
# from GitHub while bundling (tauri-apps/tauri#11468); a machine that reaches only
# the package registries cannot build one. Where GitHub is reachable, add
# `--bundles deb,appimage` and start it headless with
# `./Afterview_*.AppImage --appimage-extract-and-run agenda`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m[package]\033[0m %s\n' "$*"; }
die() { printf '[package] ERROR: %s\n' "$*" >&2; exit 1; }

SUDO=()
[ "$(id -u)" -eq 0 ] || SUDO=(sudo)

build() {
  say "release build, .deb and .rpm (a few minutes: LTO, one codegen unit)"
  local t0=$SECONDS
  # Both bundlers are pure Rust here: nothing is downloaded.
  npx --no-install tauri build --bundles deb,rpm "$@"
  DEB="$(ls -t target/release/bundle/deb/*.deb 2>/dev/null | head -n1)"
  [ -n "$DEB" ] || die "no .deb under target/release/bundle/deb/"
  say "built in $((SECONDS - t0)) s: $DEB ($(du -h "$DEB" | cut -f1), $(stat -c %s "$DEB") bytes)"
  dpkg-deb --info "$DEB" | sed -n 's/^ \(Package\|Version\|Depends\|Installed-Size\):/  \1:/p'
  dpkg-deb --contents "$DEB" | awk '{print "  " $6}' | grep -E 'bin/|\.desktop|icons/.*/afterview' || true
  RPM="$(ls -t target/release/bundle/rpm/*.rpm 2>/dev/null | head -n1)"
  [ -n "$RPM" ] || die "no .rpm under target/release/bundle/rpm/"
  say "built: $RPM ($(du -h "$RPM" | cut -f1), $(stat -c %s "$RPM") bytes)"
}

# Inspects $RPM (or the newest built one) with Debian's rpm tools, without
# installing it: its header, files and dependencies, then the extracted
# binary, headless, on a private database.
rpm_check() {
  RPM="${RPM:-$(ls -t target/release/bundle/rpm/*.rpm 2>/dev/null | head -n1)}"
  [ -f "$RPM" ] || die "no .rpm to check (run scripts/package.sh build)"
  command -v rpm >/dev/null && command -v rpm2cpio >/dev/null && command -v cpio >/dev/null \
    || die "rpm, rpm2cpio and cpio are needed (scripts/setup.sh installs them)"
  local version; version="$(sed -n 's/^ *"version": "\(.*\)",$/\1/p' src-tauri/tauri.conf.json | head -n1)"
  say "inspecting $RPM"
  rpm -qip "$RPM" 2>/dev/null | sed -n 's/^\(Name\|Version\|Release\|Architecture\|Size\|License\|Summary\) *:/  \1:/p'
  [ "$(rpm -qp --qf '%{NAME}' "$RPM" 2>/dev/null)" = afterview ] || die "the .rpm's name is not afterview"
  [ "$(rpm -qp --qf '%{VERSION}' "$RPM" 2>/dev/null)" = "$version" ] || die "the .rpm's version is not $version"
  local files; files="$(rpm -qpl "$RPM" 2>/dev/null)"
  printf '%s\n' "$files" | sed 's/^/  /'
  grep -qx /usr/bin/afterview <<<"$files" || die "the .rpm does not install /usr/bin/afterview"
  grep -qE '^/usr/share/applications/.*\.desktop$' <<<"$files" || die "the .rpm has no desktop entry"
  grep -qE '^/usr/share/icons/hicolor/.*/apps/afterview\.png$' <<<"$files" || die "the .rpm has no icons"
  local requires; requires="$(rpm -qpR "$RPM" 2>/dev/null)"
  say "declared dependencies (rpm -qpR), and recommends"
  printf '%s\n' "$requires" | sed 's/^/  /'
  rpm -qp --recommends "$RPM" 2>/dev/null | sed 's/^/  recommends: /'
  for dep in webkit2gtk4.1 gtk3 tzdata; do
    grep -qx "$dep" <<<"$requires" || die "the .rpm does not require $dep (Fedora's name)"
  done
  rpm -qp --recommends "$RPM" 2>/dev/null | grep -qx libayatana-appindicator-gtk3 \
    || die "the .rpm does not recommend libayatana-appindicator-gtk3 (the tray)"

  local x; x="$(mktemp -d)"
  say "extracting it (rpm2cpio | cpio) and starting the extracted binary headless"
  # Debian's rpm2cpio (package rpm2cpio) exits 1 even after writing the whole
  # payload, so its status is not the test: cpio's is (a cut archive fails).
  rpm2cpio "$RPM" > "$x/payload.cpio" || true
  (cd "$x" && cpio -idm --quiet < payload.cpio) || die "the .rpm's payload does not extract"
  rm -f "$x/payload.cpio"
  local desktop; desktop="$(ls "$x"/usr/share/applications/*.desktop)"
  grep -q '^Exec=afterview' "$desktop" || { cat "$desktop"; die "the desktop entry does not start afterview"; }
  mkdir -p "$x/home"
  env -u DISPLAY -u WAYLAND_DISPLAY HOME="$x/home" "$x/usr/bin/afterview" import --sample --db "$x/a.db" >/dev/null
  env -u DISPLAY -u WAYLAND_DISPLAY HOME="$x/home" "$x/usr/bin/afterview" agenda --db "$x/a.db" | head -n 5
  rm -rf "$x"
  say "ok: the .rpm has its name, version, desktop entry, icons and dependencies, and its binary runs"
}

check() {
  build "$@"
  rpm_check
  install_check
}

# Installs $DEB (or the newest built one) and starts what it installed.
install_check() {
  DEB="${DEB:-$(ls -t target/release/bundle/deb/*.deb 2>/dev/null | head -n1)}"
  [ -f "$DEB" ] || die "no .deb to install (run scripts/package.sh build)"
  say "installing $DEB with dpkg -i, then its dependencies"
  if ! "${SUDO[@]}" dpkg -i "$DEB"; then
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -f -y -qq
  fi
  local bin; bin="$(command -v afterview || true)"
  [ "$bin" = /usr/bin/afterview ] || die "the package did not install /usr/bin/afterview (found: ${bin:-nothing})"
  [ -f /usr/share/applications/Afterview.desktop ] || ls /usr/share/applications | grep -qi afterview \
    || die "no desktop entry installed"

  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  say "the installed binary, headless, on a private database"
  env -u DISPLAY -u WAYLAND_DISPLAY HOME="$tmp" afterview --version
  env -u DISPLAY -u WAYLAND_DISPLAY HOME="$tmp" afterview import --sample --db "$tmp/a.db"
  env -u DISPLAY -u WAYLAND_DISPLAY HOME="$tmp" afterview agenda --db "$tmp/a.db" | head -n 5
  env -u DISPLAY -u WAYLAND_DISPLAY HOME="$tmp" afterview export-ics "$tmp/a.ics" --db "$tmp/a.db"

  say "the installed app's window under Xvfb (alive after 6 s, a backup taken at start)"
  HOME="$tmp" NO_AT_BRIDGE=1 timeout -s TERM 6 xvfb-run -a dbus-run-session -- afterview --db "$tmp/a.db" \
    >"$tmp/gui.log" 2>&1 && rc=0 || rc=$?
  # 124: still running when timeout stopped it, as it should be.
  [ "$rc" = 124 ] || { cat "$tmp/gui.log"; die "the installed app exited on its own (status $rc)"; }
  ls "$tmp/backups/"afterview-*Z.db >/dev/null 2>&1 || die "the installed app took no backup at start"
  say "ok: installed, starts headless (CLI) and with a window (Xvfb); remove with: dpkg -r afterview"
}

case "${1:-}" in
  build) shift; build "$@" ;;
  check) shift; check "$@" ;;
  install-check) shift; DEB="${1:-}"; install_check ;;
  rpm-check) shift; RPM="${1:-}"; rpm_check ;;
  *) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
