// Reminders that actually fire: the built app on a private session bus with
// a real notification server (dunst, D-Bus-activated under Xvfb), watched
// with dbus-monitor. Also: no session bus at all, and a server that hangs.
//
// Run (as ./dev.sh test does):
//   NO_AT_BRIDGE=1 xvfb-run -a -s "-screen 0 1400x900x24" dbus-run-session -- \
//     node --test --test-concurrency=1 tests/e2e/reminders.test.mjs
//
// The app's clock is set with AFTERVIEW_NOW (test-only, README): it starts
// at that instant when the process starts and then runs at wall speed, so a
// follow-up "due 30 seconds after NOW" comes due ~30 s after launch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApp, tmpHome, waitFor, BIN } from './harness.mjs';
import { NOW, TZ, application, at, dbWith, sleep } from './due-soon.mjs';
import { watchNotify } from './desktop.mjs';

function busCall(method, arg) {
  const r = spawnSync('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.DBus',
    '/org/freedesktop/DBus', `org.freedesktop.DBus.${method}`, `string:${arg}`], { encoding: 'utf8', timeout: 5_000 });
  return r.stdout ?? '';
}

/** Starts the notification server (D-Bus activation) and returns its pid. */
async function notificationServerPid() {
  spawnSync('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.Notifications',
    '/org/freedesktop/Notifications', 'org.freedesktop.Notifications.GetServerInformation'], { timeout: 10_000 });
  return waitFor(() => {
    const m = busCall('GetConnectionUnixProcessID', 'org.freedesktop.Notifications').match(/uint32 (\d+)/);
    return m ? Number(m[1]) : null;
  }, { timeout: 10_000, message: 'a notification server on the session bus' });
}

const reminderStatus = (d) =>
  d.executeAsyncScript(`const done = arguments[arguments.length - 1];
    window.__TAURI__.core.invoke('reminder_status').then(done, (e) => done({ error: String(e.message ?? e) }));`);

/** Waits until the scheduler has made its first pass (it has tried the notification server). */
const firstPass = (d, timeout = 20_000) =>
  waitFor(async () => {
    const s = await reminderStatus(d);
    return s?.notifications?.state !== 'unknown' && s;
  }, { timeout, interval: 200, message: 'the scheduler reported' });

test('a due follow-up fires one desktop notification naming person and company, and not again after a restart', async () => {
  const db = dbWith([application('a1', 'Acme', 'Dana Reyes', -1800)]);
  const mon = watchNotify();
  await mon.ready;
  try {
    const env = { AFTERVIEW_NOW: NOW, TZ };
    let app = await startApp({ db, env });
    try {
      await app.driver.waitForElement('body[data-board-ready=true]', { timeout: 15_000 });
      const mine = () => mon.calls().filter((c) => c.app === 'Afterview');
      await waitFor(() => mine().length >= 1, { timeout: 20_000, message: 'a Notify from Afterview' });
      const [n] = mine();
      assert.equal(n.summary, "Thank Dana Reyes (Acme) for today's interview");
      assert.match(n.body, /thank-you email/);
      assert.ok(n.icon.endsWith('.png') && existsSync(n.icon), `app icon file: ${n.icon}`);
      // dunst supports actions: Open, Snooze 1 hour, Done are offered.
      for (const label of ['Open', 'Snooze 1 hour', 'Done']) assert.ok(n.strings.includes(label), `${label} in ${n.strings}`);
      const s = await firstPass(app.driver);
      assert.equal(s.notifications.state, 'ok');
      assert.equal(await app.driver.executeScript('return document.querySelector("#reminder-banner").hidden'), true);
      await sleep(2_000);
      assert.equal(mine().length, 1, 'exactly one notification');
    } finally {
      await app.stop();
    }

    // Restart on the same database: the mark was persisted with the decision.
    const before = mon.calls().length;
    app = await startApp({ db, env });
    try {
      await app.driver.waitForElement('body[data-board-ready=true]', { timeout: 15_000 });
      const s = await firstPass(app.driver);
      assert.equal(s.notifications.state, 'ok');
      assert.equal(s.due_count, 1, 'still due (it was not done), just not announced again');
      await sleep(3_000);
      assert.deepEqual(mon.calls().slice(before).map((c) => c.summary), [], 'no second notification');
    } finally {
      await app.stop();
    }
  } finally {
    mon.stop();
  }
});

/**
 * Without DBUS_SESSION_BUS_ADDRESS, WebKitGTK's side of the process (libdbus
 * and GLib) autolaunches a session bus through X11 with dbus-launch, which
 * D-Bus-activates the document portal and leaves a FUSE mount in HOME
 * (measured here). The app's own D-Bus use (zbus: notifications, tray probe,
 * single instance) never autolaunches, so for Afterview it is still "no
 * bus". dbus-launch records the daemon's pid under HOME: end it (the
 * portals go with it) before HOME is removed.
 */
async function endAutolaunchedBus(home) {
  const dir = join(home, '.dbus', 'session-bus');
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir)) {
    const pid = Number(readFileSync(join(dir, f), 'utf8').match(/^DBUS_SESSION_BUS_PID=(\d+)/m)?.[1]);
    if (pid) try { process.kill(pid, 'SIGTERM'); } catch { /* gone */ }
  }
  await waitFor(() => !readFileSync('/proc/mounts', 'utf8').includes(join(home, '.cache', 'doc')),
    { timeout: 10_000, message: 'the document portal unmounted' });
}

for (const [label, busEnv] of [
  ['a bogus session bus address', () => ({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/afterview-test-bus' })],
  ['no session bus at all', () => ({ DBUS_SESSION_BUS_ADDRESS: undefined, XDG_RUNTIME_DIR: undefined })],
]) {
  test(`with ${label}: the app starts, lists due follow-ups in a banner, and exits cleanly on SIGTERM`, async () => {
    const db = dbWith([application('a1', 'Acme', 'Dana Reyes', -1800)]);
    const env = { AFTERVIEW_NOW: NOW, TZ, ...busEnv() };
    const appHome = tmpHome();
    const app = await startApp({ db, env, home: appHome });
    try {
      await app.driver.waitForElement('body[data-board-ready=true]', { timeout: 15_000 });
      await app.driver.waitForElement('#reminder-banner:not([hidden])', { timeout: 20_000 });
      const text = await app.driver.getText('#reminder-banner');
      assert.match(text, /Desktop notifications are not available/);
      assert.match(text, /Thank Dana Reyes \(Acme\) for today's interview/);
      // The rest of the app works: the board has its card.
      assert.equal(await app.driver.executeScript('return document.querySelectorAll("[data-application-id]").length'), 1);
    } finally {
      await app.stop();
      await endAutolaunchedBus(appHome);
    }

    // The same without WebDriver, to see the exit status and the log.
    const home = tmpHome();
    const childEnv = { ...process.env, HOME: home, XDG_CACHE_HOME: join(home, '.cache'), XDG_DATA_HOME: join(home, '.local/share'),
      XDG_CONFIG_HOME: join(home, '.config'), AFTERVIEW_DB: db, NO_AT_BRIDGE: '1', ...env };
    for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
    const child = spawn(BIN, [], { env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b) => { err += b; });
    const exited = new Promise((res) => child.on('exit', (code, signal) => res({ code, signal })));
    try {
      await waitFor(() => /desktop notifications unavailable/.test(err), { timeout: 20_000, message: `the log says so:\n${err}` });
      await sleep(1_000);
      assert.equal(err.match(/desktop notifications unavailable/g).length, 1, `logged once:\n${err}`);
      child.kill('SIGTERM');
      const t0 = Date.now();
      const r = await Promise.race([exited, sleep(10_000).then(() => 'timeout')]);
      assert.deepEqual(r, { code: 0, signal: null }, `exit on SIGTERM:\n${err}`);
      assert.ok(Date.now() - t0 < 5_000);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await endAutolaunchedBus(home);
    }
  });
}

test('a hung notification server (dunst stopped) freezes nothing, and reminders go out once it resumes', async () => {
  // Both come due while the server is stopped. The scheduler's first call
  // to it (asking its capabilities) hangs and times out; after that nothing
  // is sent into the hung server: the window lists what is due instead.
  const db = dbWith([application('a1', 'Acme', 'Dana Reyes', 20), application('a2', 'Globex', 'Sam Lee', 30)]);
  const dunst = await notificationServerPid();
  const mon = watchNotify();
  await mon.ready;
  let stopped = false;
  try {
    process.kill(dunst, 'SIGSTOP');
    stopped = true;
    const app = await startApp({ db, env: { AFTERVIEW_NOW: NOW, TZ } });
    try {
      const d = app.driver;
      await d.waitForElement('body[data-board-ready=true]', { timeout: 15_000 });
      const mine = (company) => mon.calls().filter((c) => c.app === 'Afterview' && c.summary?.includes(company));
      const s = await firstPass(d, 30_000);
      assert.equal(s.notifications.state, 'not_answering');
      // While the server hangs, the window and its commands answer at once.
      for (let i = 0; i < 5; i++) {
        const t0 = Date.now();
        const n = await d.executeAsyncScript(`const done = arguments[arguments.length - 1];
          window.__TAURI__.core.invoke('agenda').then((a) => done(a.items.length), (e) => done(-1));`);
        assert.ok(n >= 2, 'the agenda answers');
        assert.ok(Date.now() - t0 < 2_000, `a command took ${Date.now() - t0} ms`);
        await d.click('#tab-today');
        await d.click('#tab-board');
        await sleep(500);
      }
      // Both come due: listed in the window, not sent into the hung server.
      await waitFor(async () => (await reminderStatus(d)).due_count === 2, { timeout: 45_000, message: 'both due' });
      await d.waitForElement('#reminder-banner:not([hidden])', { timeout: 10_000 });
      const banner = await d.getText('#reminder-banner');
      assert.match(banner, /not answering/);
      assert.match(banner, /Dana Reyes \(Acme\)/);
      assert.match(banner, /Sam Lee \(Globex\)/);
      await sleep(1_000);
      assert.equal(mine('Acme').length + mine('Globex').length, 0, 'nothing sent into a hung server');

      const resumed = Date.now();
      process.kill(dunst, 'SIGCONT');
      stopped = false;
      await waitFor(() => mine('Acme').length && mine('Globex').length, { timeout: 20_000, message: 'both notified after SIGCONT' });
      assert.ok(mine('Acme')[0].seen >= resumed && mine('Globex')[0].seen >= resumed, 'sent after the server resumed');
      await d.waitForElement('#reminder-banner[hidden]', { timeout: 10_000 });
      assert.equal((await reminderStatus(d)).notifications.state, 'ok');
      await sleep(2_000);
      assert.equal(mine('Acme').length, 1, 'once each');
      assert.equal(mine('Globex').length, 1, 'once each');
    } finally {
      await app.stop();
    }
  } finally {
    if (stopped) process.kill(dunst, 'SIGCONT');
    mon.stop();
  }
});
