// End-to-end harness: runs the real built app in its WebKit webview through
// tauri-driver + WebKitWebDriver, and the same binary as a CLI.
//
// Run tests under a display and a private session bus, one file at a time:
//   xvfb-run -a dbus-run-session -- node --test --test-concurrency=1 tests/e2e/
//
//   import { startApp, tmpDb, runCli } from './harness.mjs';
//   const db = tmpDb();
//   const app = await startApp({ db });
//   try {
//     const col = await app.driver.findElement('[data-status="applied"]');
//     ...
//   } finally {
//     await app.stop();
//   }
//   const { status, stdout } = runCli(['agenda', '--json'], { db });
//
// Facts measured on Debian 12 / WebKitGTK 4.1 / tauri-driver 2.1.0 (2 cores, Xvfb):
// - A session (tauri-driver up, app window loaded) starts in ~0.9-1.4 s and
//   stop() takes ~0.1-0.2 s with a minimal Tauri 2 app.
// - tauri-driver needs `--native-driver /usr/bin/WebKitWebDriver`; it starts
//   WebKitWebDriver on --native-port (default 4445), so each startApp picks
//   free ports for both. `tauri-driver --version` does not exist (it prints
//   usage and fails).
// - One WebDriver session per driver: a second POST /session fails with
//   "Maximum number of active sessions". Separate drivers can run side by
//   side, but the app uses tauri-plugin-single-instance (a D-Bus name on the
//   session bus), so run e2e files one at a time (--test-concurrency=1).
// - Always delete the session before stopping the driver: DELETE /session
//   closes the app window and the app exits by itself within ~0.3 s.
// - tauri-driver, WebKitWebDriver, the app and WebKit's Network/Web processes
//   all stay in the process group of tauri-driver: stop() kills the group.
//   Killed orphans stay zombies for ~1 s until init reaps them; they are
//   not counted as alive.
// - If the app exits at start, WebKitWebDriver waits for the whole session
//   timeout; startApp detects it and fails after ~3.5 s instead.
// - WebKit writes under ~/.local/share and ~/.cache: each run gets its own
//   temporary HOME (and XDG_* dirs inside it).
// - window.print() does nothing under WebDriver: it returns at once, with
//   no dialog and no error. Test printing through the PDF the app writes.
// - HTML5 drag-and-drop cannot be completed from WebDriver: pointer actions
//   on a draggable="true" element fire dragstart and dragend, but never
//   dragover or drop. Pointer/mouse events (pointerdown/move/up) do arrive,
//   so a board that moves cards with pointer events can be tested
//   (see WebDriver#drag).
// - window.confirm()/alert() are handled with getAlertText/acceptAlert/
//   dismissAlert.
// - Only the app's stderr reaches logs() (its stdout is not passed through).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, homedir } from 'node:os';
import { join, resolve, dirname, delimiter } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebDriver, waitFor } from './webdriver.mjs';

export { WebDriver, WebElement, WebDriverError, Key, waitFor } from './webdriver.mjs';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The app binary: $AFTERVIEW_BIN or <repo>/target/debug/afterview. */
export const BIN = process.env.AFTERVIEW_BIN || join(REPO_ROOT, 'target', 'debug', 'afterview');
export const NATIVE_DRIVER = process.env.WEBKIT_WEBDRIVER || '/usr/bin/WebKitWebDriver';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// --- cleanup at exit ------------------------------------------------------
// Temp dirs and process groups still alive when the test process exits (a
// crash, a forgotten stop()) are removed/killed here, synchronously.
const liveGroups = new Set();
const tempDirs = new Set();
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pgid of liveGroups) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    if (!process.env.AFTERVIEW_E2E_KEEP) {
      for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
    }
  });
}

function makeTempDir(prefix) {
  installExitHook();
  const d = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(d);
  return d;
}

function removeTempDir(d) {
  if (process.env.AFTERVIEW_E2E_KEEP) return;
  rmSync(d, { recursive: true, force: true });
  tempDirs.delete(d);
}

/** A database path inside a fresh temp dir (the file itself is not created). Removed at process exit. */
export function tmpDb(name = 'afterview.db') {
  return join(makeTempDir('afterview-db-'), name);
}

/** A fresh temp HOME with the XDG dirs WebKit and the app use. Removed at process exit. */
export function tmpHome() {
  const home = makeTempDir('afterview-home-');
  for (const d of ['.config', '.cache', '.local/share', '.local/state']) mkdirSync(join(home, d), { recursive: true });
  return home;
}

function homeEnv(home) {
  return {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
  };
}

/** Path of tauri-driver: $TAURI_DRIVER, then PATH, then ~/.cargo/bin. */
export function findTauriDriver() {
  if (process.env.TAURI_DRIVER) return process.env.TAURI_DRIVER;
  for (const dir of (process.env.PATH || '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'tauri-driver'))) return join(dir, 'tauri-driver');
  }
  const cargoHome = process.env.CARGO_HOME || join(homedir(), '.cargo');
  const p = join(cargoHome, 'bin', 'tauri-driver');
  if (existsSync(p)) return p;
  throw new Error('tauri-driver not found (PATH, ~/.cargo/bin); run scripts/setup.sh');
}

/** A TCP port that was free a moment ago. */
export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** Live (non-zombie) processes of a process group, read from /proc: [{pid, ppid, comm}]. */
export function groupProcesses(pgid) {
  const pids = [];
  let entries;
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // pid (comm) state ppid pgrp ...; comm may contain spaces and parentheses
    const close = stat.lastIndexOf(')');
    const f = stat.slice(close + 2).split(' ');
    if (Number(f[2]) === pgid && f[0] !== 'Z' && f[0] !== 'X') {
      pids.push({ pid: Number(name), ppid: Number(f[1]), comm: stat.slice(stat.indexOf('(') + 1, close) });
    }
  }
  return pids;
}

// Orphaned members of the group become zombies until init reaps them (which
// takes ~1 s here): they are dead, so only non-zombies count as alive.
function groupAlive(pgid) {
  const pids = groupProcesses(pgid);
  if (pids) return pids.length > 0;
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

async function killGroup(pgid, { graceMs = 2_000 } = {}) {
  if (!pgid) return;
  for (const sig of ['SIGTERM', 'SIGKILL']) {
    try {
      process.kill(-pgid, sig);
    } catch {
      break; // no such group: all gone
    }
    const deadline = Date.now() + graceMs;
    while (groupAlive(pgid) && Date.now() < deadline) await sleep(25);
    if (!groupAlive(pgid)) break;
  }
  liveGroups.delete(pgid);
}

/**
 * Start the app under tauri-driver and open a WebDriver session on it.
 *
 * @param {object} [opts]
 * @param {string} [opts.db] database path, passed as AFTERVIEW_DB (default: tmpDb())
 * @param {object} [opts.env] extra environment for the app (wins over the defaults)
 * @param {string} [opts.home] HOME to use (default: a fresh temp dir, removed by stop())
 * @param {string} [opts.bin] app binary (default: BIN)
 * @param {string[]} [opts.args] command-line arguments for the app
 * @param {number} [opts.timeout] ms allowed for the driver and the session to start (default 60 s)
 * @param {boolean} [opts.waitForLoad] wait for document.readyState == "complete" (default true)
 * @param {boolean} [opts.verbose] echo driver/app output to stderr (also AFTERVIEW_E2E_VERBOSE=1)
 * @param {number} [opts.stopGraceMs] how long stop() lets the app exit by itself after
 *   deleting the session, before SIGTERM/SIGKILL of the process group (default 1000)
 * @returns {Promise<{driver: WebDriver, stop: () => Promise<void>, db: string, home: string,
 *   port: number, pid: number, logs: () => string, startMs: number}>}
 */
export async function startApp(opts = {}) {
  const t0 = Date.now();
  const bin = opts.bin ?? BIN;
  const timeout = opts.timeout ?? 60_000;
  const verbose = opts.verbose ?? !!process.env.AFTERVIEW_E2E_VERBOSE;
  const stopGraceMs = opts.stopGraceMs ?? 1_000;
  if (!existsSync(bin)) throw new Error(`app binary not found: ${bin} (cargo build, or set AFTERVIEW_BIN)`);
  if (!existsSync(NATIVE_DRIVER)) throw new Error(`${NATIVE_DRIVER} not found (apt package webkit2gtk-driver)`);
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new Error('no DISPLAY: run under `xvfb-run -a dbus-run-session -- node --test …`');
  }
  const driverPath = findTauriDriver();
  const db = opts.db ?? tmpDb();
  const ownHome = !opts.home;
  const home = opts.home ?? tmpHome();

  let child = null;
  let childExit = null;
  let exited = null;
  let driver = null;
  let stopped = false;
  const out = [];
  let outLen = 0;
  const LOG_CAP = 256 * 1024;
  const log = (chunk) => {
    out.push(chunk);
    outLen += chunk.length;
    while (outLen > LOG_CAP && out.length > 1) outLen -= out.shift().length;
    if (verbose) process.stderr.write(chunk);
  };
  const logs = () => Buffer.concat(out).toString('utf8');

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // 1. the session first: WebKitWebDriver closes the browser (the app) cleanly.
    if (driver?.sessionId) {
      try {
        await driver.deleteSession({ timeout: 10_000 });
      } catch (e) {
        if (verbose) process.stderr.write(`[harness] deleteSession: ${e.message}\n`);
      }
    }
    // 2. give the app a moment to exit by itself (WebKitWebDriver closes its
    //    window on DELETE /session: ~300 ms here); an app that stays in the
    //    tray is not waited for longer than stopGraceMs.
    if (child?.pid && driver) {
      const deadline = Date.now() + stopGraceMs;
      const appAlive = () =>
        (groupProcesses(child.pid) ?? []).some((p) => p.pid !== child.pid && p.comm !== 'WebKitWebDriver');
      while (appAlive() && Date.now() < deadline) await sleep(25);
    }
    // 3. then tauri-driver and everything it spawned (WebKitWebDriver, the
    //    app, WebKit's helper processes): the whole process group.
    if (child?.pid) {
      await killGroup(child.pid);
      // let Node reap tauri-driver so no zombie of ours is left behind
      if (!exited) await Promise.race([childExit, sleep(1_000)]);
    }
    // 4. temp dirs
    if (ownHome) removeTempDir(home);
  };

  try {
    const port = await freePort();
    let nativePort = await freePort();
    while (nativePort === port) nativePort = await freePort();

    const env = {
      ...process.env,
      ...homeEnv(home),
      AFTERVIEW_DB: db,
      NO_AT_BRIDGE: '1',
      ...(opts.env ?? {}),
    };
    child = spawn(
      driverPath,
      ['--port', String(port), '--native-port', String(nativePort), '--native-driver', NATIVE_DRIVER],
      { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    installExitHook();
    liveGroups.add(child.pid);
    childExit = new Promise((res) =>
      child.on('exit', (code, signal) => {
        exited = { code, signal };
        res();
      }),
    );
    child.on('error', (e) => {
      exited = { error: e.message };
    });
    child.stdout.on('data', log);
    child.stderr.on('data', log);

    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + timeout;
    await waitFor(
      async () => {
        if (exited) throw new Error(`tauri-driver exited early: ${JSON.stringify(exited)}\n${logs()}`);
        const s = await WebDriver.status(base, { timeout: 1_000 });
        return s?.ready !== false;
      },
      { timeout: Math.max(1_000, deadline - Date.now()), interval: 50, message: `tauri-driver /status on ${base}` },
    ).catch((e) => {
      throw exited ? new Error(`tauri-driver exited early: ${JSON.stringify(exited)}\n${logs()}`) : e;
    });

    const tauriOptions = { application: bin };
    if (opts.args?.length) tauriOptions.args = opts.args.map(String);
    try {
      const session = WebDriver.newSession(
        base,
        { capabilities: { alwaysMatch: { 'tauri:options': tauriOptions } } },
        { timeout: Math.max(1_000, deadline - Date.now()) },
      );
      // WebKitWebDriver waits for the whole timeout when the app exits at
      // start; fail fast instead when, after 2 s, the group has had no app
      // process for 1.5 s (the app and its WebKit helpers are the group's
      // members other than tauri-driver and WebKitWebDriver).
      let watching = true;
      const watch = (async () => {
        await sleep(2_000);
        let goneSince = null;
        while (watching) {
          const procs = groupProcesses(child.pid);
          if (!procs) return; // no /proc: rely on the timeout
          const app = procs.some((p) => p.pid !== child.pid && p.comm !== 'WebKitWebDriver');
          if (app) goneSince = null;
          else if (goneSince === null) goneSince = Date.now();
          else if (Date.now() - goneSince > 1_500) {
            throw new Error(`the app process exited before the WebDriver session started (${bin})`);
          }
          await sleep(100);
        }
      })();
      watch.catch(() => {}); // handled through the race below
      try {
        driver = await Promise.race([session, watch]);
      } finally {
        watching = false;
      }
      session.then(
        (d) => {
          // the session came after the watcher gave up: close it with the rest
          if (!driver) driver = d;
        },
        () => {},
      );
    } catch (e) {
      e.message +=
        `\nThe app did not open a WebDriver session (did it exit at start? try running ${bin} by hand).` +
        `\n--- tauri-driver/WebKitWebDriver/app stderr ---\n${logs()}`;
      throw e;
    }

    if (opts.waitForLoad !== false) {
      await driver.waitFor(async () => (await driver.executeScript('return document.readyState')) === 'complete', {
        timeout: Math.max(1_000, deadline - Date.now()),
        interval: 50,
        message: 'document.readyState == "complete"',
      });
    }

    return { driver, stop, db, home, port, pid: child.pid, logs, startMs: Date.now() - t0 };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * Run the app binary as a CLI, synchronously.
 * @param {string[]} args e.g. ['agenda', '--json']
 * @param {object} [opts]
 * @param {string} [opts.db] passed as AFTERVIEW_DB
 * @param {object} [opts.env] extra environment
 * @param {string} [opts.home] HOME (default: a fresh temp dir, removed afterwards)
 * @param {string|Buffer} [opts.input] stdin
 * @param {number} [opts.timeout] ms (default 30 s)
 * @param {string} [opts.bin] binary (default BIN)
 * @param {string} [opts.cwd]
 * @returns {{status: number|null, signal: string|null, stdout: string, stderr: string, error?: Error}}
 */
export function runCli(args, opts = {}) {
  const bin = opts.bin ?? BIN;
  const ownHome = !opts.home;
  const home = opts.home ?? tmpHome();
  try {
    const env = { ...process.env, ...homeEnv(home), NO_AT_BRIDGE: '1', ...(opts.env ?? {}) };
    if (opts.db !== undefined) env.AFTERVIEW_DB = opts.db;
    else if (!opts.env || !('AFTERVIEW_DB' in opts.env)) delete env.AFTERVIEW_DB;
    const r = spawnSync(bin, args.map(String), {
      env,
      cwd: opts.cwd,
      input: opts.input,
      encoding: 'utf8',
      timeout: opts.timeout ?? 30_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    const res = { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
    if (r.error) res.error = r.error;
    return res;
  } finally {
    if (ownHome) removeTempDir(home);
  }
}

/**
 * Runs `fn(driver, app)` in the app on `db` with `env`, its window at
 * `size`, once the board is shown; stops the app whatever happens.
 */
export async function withBoard(db, env, fn, size = { width: 1360, height: 860 }) {
  const a = await startApp({ db, env });
  try {
    await a.driver.setWindowRect(size);
    await a.driver.waitForElement('body[data-board-ready=true]', { timeout: 15_000 });
    return await fn(a.driver, a);
  } finally {
    await a.stop();
  }
}

/** Opens the detail panel of the card of application `id` and waits for its form. */
export async function openDetail(d, id) {
  await d.click(`[data-application-id="${id}"] .card-role`);
  await d.waitForElement('#detail:not([hidden]) #d-form');
}

/** In the open detail panel, starts a new contact and types its name and e-mail (not sent yet). */
export async function fillContact(d, name, email) {
  await d.click('#d-add-contact');
  await d.sendKeys('#dc-name', name);
  await d.sendKeys('#dc-email', email);
}

/** Runs the CLI and fails the test with its stderr unless it exits 0. */
function cliOk(args, opts) {
  const r = runCli(args, opts);
  if (r.status !== 0) throw new Error(`afterview ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r;
}

/**
 * A fresh database holding `doc` (an interchange document: `{afterview: 1,
 * applications: [...]}`), imported by the CLI as a user would, with `env`
 * (its clock and zone).
 */
export function seedDb(doc, env = {}) {
  const db = tmpDb();
  const file = join(dirname(db), 'seed.json');
  writeFileSync(file, JSON.stringify(doc));
  cliOk(['import', file], { db, env });
  return db;
}

/** What the database holds, as the CLI exports it. */
export const exported = (db) => JSON.parse(cliOk(['export', '-'], { db }).stdout);

/** The open follow-ups at `now`, as the CLI lists them (`agenda --json`). */
export const agendaAt = (db, now, env = {}) => JSON.parse(cliOk(['agenda', '--json', '--now', now], { db, env }).stdout).followups;

/** A fresh database holding the sample job search (`afterview import --sample`), imported with `env`. */
export function sampleDb(env = {}) {
  const db = tmpDb();
  cliOk(['import', '--sample'], { db, env });
  return db;
}

/**
 * Settings → "Import a spreadsheet…" on `file`, its preview open (the
 * test-paths build takes the path in place of the file dialog's token).
 */
export async function openTableImport(d, file) {
  await d.click('#tab-settings');
  await d.waitForElement('#import-table');
  await d.executeScript('document.body.dataset.tablePath = arguments[0]', file);
  await d.click('#import-table');
  await d.waitForElement('#table-import[open]');
}

/** Opens the editor from the Today view, on the item with `key`. */
export async function openFromToday(d, key) {
  await d.click('#tab-today');
  await d.waitForElement(`.agenda-item[data-key="${key}"] .open-editor`);
  await d.executeScript('document.querySelector(arguments[0]).click()', `.agenda-item[data-key="${key}"] .open-editor`); // where it is now: Today may re-render
  await d.waitForElement(`dialog#editor[open][data-key="${key}"]`);
}

/**
 * One application of an interchange document, sent at `appliedAt` and placed
 * in `status` then, with no contact, interview or message yet; `extra`
 * overrides any of it.
 */
export function seedApp(id, company, status, appliedAt, extra = {}) {
  return {
    id, company, role: 'Backend Engineer', status, applied_at: appliedAt,
    job_url: null, location: null, source: null, notes: '',
    contacts: [], interviews: [], messages: [], decisions: [],
    status_changes: [{ at: appliedAt, from: null, to: status }], ...extra,
  };
}
