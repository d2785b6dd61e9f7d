// Helpers for the desktop-integration tests (desktop*.test.mjs): the app run
// as a desktop starts it (no WebDriver: its own process, its own X window),
// its windows and the close request a window manager sends (x11.py), and the
// Notify calls on the private session bus (dbus-monitor).
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN, tmpHome, waitFor } from './harness.mjs';

// Debian's python3, where the apt packages python3-dbus, -gi and -xlib are.
export const PY = '/usr/bin/python3';
const X11 = join(dirname(fileURLToPath(import.meta.url)), 'x11.py');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function x11(...args) {
  const r = spawnSync(PY, [X11, ...args.map(String)], { encoding: 'utf8', timeout: 10_000 });
  if (r.status !== 0) throw new Error(`x11.py ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** The process's top-level windows: [{id, name, viewable}]. */
export const windows = (pid) => JSON.parse(x11('windows', pid));

export function homeEnv(home) {
  return {
    HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache'),
    XDG_DATA_HOME: join(home, '.local/share'), XDG_STATE_HOME: join(home, '.local/state'),
  };
}

/**
 * Starts the app binary as a launcher would, in a process group of its own
 * (with WebKit's helpers), and returns {child, pid, logs(), exited, stop()}.
 */
export function launch({ db, env = {}, args = [], home = tmpHome() } = {}) {
  const childEnv = { ...process.env, ...homeEnv(home), NO_AT_BRIDGE: '1', ...env };
  if (db) childEnv.AFTERVIEW_DB = db;
  for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
  const child = spawn(BIN, args, { env: childEnv, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let err = '';
  child.stderr.on('data', (b) => { err += b; });
  const exited = new Promise((res) => child.on('exit', (code, signal) => res({ code, signal })));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    for (const sig of ['SIGTERM', 'SIGKILL']) {
      try { process.kill(-child.pid, sig); } catch { return; }
      const r = await Promise.race([exited, sleep(5_000).then(() => null)]);
      if (r) {
        await sleep(200);
        try { process.kill(-child.pid, 'SIGKILL'); } catch { /* all gone */ }
        return;
      }
    }
  };
  return { child, pid: child.pid, home, logs: () => err, exited, alive, stop };
}

/** The app's main window once it is shown: its X id. */
export async function mainWindow(pid, { timeout = 20_000 } = {}) {
  const w = await waitFor(() => windows(pid).find((w) => w.viewable && /Afterview/.test(w.name ?? '')),
    { timeout, interval: 200, message: `a viewable Afterview window of pid ${pid}` });
  return w.id;
}

export const viewable = (pid, id) => windows(pid).some((w) => w.id === id && w.viewable);

/** Watches Notify calls on the session bus; `calls()` parses what it saw so far. */
export function watchNotify() {
  const proc = spawn('dbus-monitor', ["interface='org.freedesktop.Notifications',member='Notify'"], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const arrivals = [];
  proc.stdout.on('data', (b) => {
    arrivals.push([out.length, Date.now()]);
    out += b.toString('utf8');
  });
  const calls = () => {
    const res = [];
    const re = /method call time=\S+ .*member=Notify\n/g;
    const starts = [];
    let m;
    while ((m = re.exec(out))) starts.push(m.index);
    starts.forEach((s, i) => {
      const block = out.slice(s, starts[i + 1] ?? out.length);
      const strings = [...block.matchAll(/^\s+string "(.*)"$/gm)].map((x) => x[1]);
      const seen = [...arrivals].reverse().find(([off]) => off <= s)?.[1] ?? Date.now();
      res.push({ app: strings[0], icon: strings[1], summary: strings[2], body: strings[3], strings, seen });
    });
    return res;
  };
  return { calls, ready: sleep(500), stop: () => proc.kill('SIGTERM') };
}

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * A session bus of the test's own (dbus-daemon --session): nothing else on
 * it, nothing D-Bus-activated before the test's own servers own their names.
 * Returns {address, env, stop()}.
 */
export async function privateBus() {
  const proc = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  proc.stdout.on('data', (b) => { out += b; });
  const address = await waitFor(() => out.includes('\n') && out.trim(), { timeout: 10_000, message: 'dbus-daemon address' });
  return { address, env: { DBUS_SESSION_BUS_ADDRESS: address }, stop: () => proc.kill('SIGTERM') };
}

/**
 * One of the test servers (fake_notifications.py, fake_tray.py) on `bus`,
 * driven over its stdin/stdout: {events, send(line) (waits until done), pid, stop()}.
 */
async function driven(script, bus, args = []) {
  const proc = spawn(PY, [join(HERE, script), ...args], { env: { ...process.env, ...bus.env }, stdio: ['pipe', 'pipe', 'inherit'] });
  let buf = '';
  const events = [];
  proc.stdout.on('data', (b) => {
    buf += b;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      events.push(JSON.parse(buf.slice(0, i)));
      buf = buf.slice(i + 1);
    }
  });
  await waitFor(() => events.some((e) => e.ready), { timeout: 10_000, message: `${script} ready` });
  const send = async (line) => {
    const n = events.filter((e) => e.done).length;
    proc.stdin.write(line + '\n');
    await waitFor(() => events.filter((e) => e.done).length > n, { timeout: 10_000, message: `${script} did ${line}` });
    // A command's error, if any, comes right before its "done".
    const doneAt = events.length - 1 - [...events].reverse().findIndex((e) => e.done === line.trim());
    if (events[doneAt - 1]?.error) throw new Error(`${script}: ${events[doneAt - 1].error}`);
  };
  return {
    pid: proc.pid,
    events,
    send,
    stop: () => new Promise((res) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return res();
      proc.on('exit', () => res());
      proc.kill('SIGTERM');
    }),
  };
}

/**
 * tests/e2e/fake_notifications.py on `bus`: {notes() (every Notify so far),
 * invoke(id, key), close(id), pid, stop()}.
 */
export async function fakeNotifications(bus, { actions = true } = {}) {
  const s = await driven('fake_notifications.py', bus, actions ? [] : ['--no-actions']);
  return {
    pid: s.pid,
    notes: () => s.events.filter((e) => e.notify).map((e) => e.notify),
    invoke: (id, key) => s.send(`invoke ${id} ${key}`),
    close: (id) => s.send(`close ${id}`),
    stop: s.stop,
  };
}

/**
 * tests/e2e/fake_tray.py on `bus`: {registered() (items so far),
 * inspect() ({item, menu}), click(label), stop()}.
 */
export async function fakeTray(bus) {
  const s = await driven('fake_tray.py', bus);
  return {
    registered: () => s.events.filter((e) => e.registered).map((e) => e.registered),
    inspect: async () => {
      await s.send('inspect');
      return s.events.filter((e) => e.item).at(-1);
    },
    click: (label) => s.send(`click ${label}`),
    stop: s.stop,
  };
}

/** The names of a process's threads (/proc/PID/task/*\/comm). */
export function threadNames(pid) {
  const names = [];
  for (const t of readdirSync(`/proc/${pid}/task`)) {
    try { names.push(readFileSync(`/proc/${pid}/task/${t}/comm`, 'utf8').trim()); } catch { /* ended */ }
  }
  return names;
}
