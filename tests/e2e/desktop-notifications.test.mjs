// Notification actions end to end, and the threads that wait for them
// (issue 19, issue 15): the built app on a session bus of the test's own,
// with a small real notification server (tests/e2e/fake_notifications.py,
// python3-dbus) that emits ActionInvoked when told, and never closes a
// notification by itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, startApp, waitFor } from './harness.mjs';
import { NOW, TZ, application, at, dbWith, sleep } from './due-soon.mjs';
import { fakeNotifications, launch, privateBus, threadNames } from './desktop.mjs';

/** The open follow-ups (CLI, read on the same file), by company. */
function thankYou(db, company) {
  const r = runCli(['agenda', '--json', '--now', NOW, '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout).followups.filter((f) => f.company === company);
}

const viewShown = (d, view) => d.executeScript(`return !document.querySelector('#view-${view}').hidden`);

test('Open, Snooze 1 hour and Done on a notification reach the app, each once', async () => {
  const bus = await privateBus();
  const server = await fakeNotifications(bus);
  // Three thank-yous falling due one after the other: three notifications.
  const db = dbWith([
    application('a1', 'Acme', 'Dana Reyes', 6),
    application('a2', 'Globex', 'Sam Lee', 12),
    application('a3', 'Initech', 'Kim Park', 18),
  ]);
  const launched = Date.now();
  const app = await startApp({ db, env: { AFTERVIEW_NOW: NOW, TZ, ...bus.env } });
  try {
    const d = app.driver;
    await d.waitForElement('body[data-board-ready=true]', { timeout: 15_000 });
    const note = (company) => server.notes().find((n) => n.app === 'Afterview' && n.summary.includes(`(${company})`));
    await waitFor(() => note('Acme') && note('Globex') && note('Initech'), { timeout: 60_000, interval: 250,
      message: `three notifications: ${JSON.stringify(server.notes())}\n${app.logs()}` });
    for (const c of ['Acme', 'Globex', 'Initech']) {
      assert.deepEqual(note(c).actions, ['default', 'Open', 'snooze', 'Snooze 1 hour', 'done', 'Done'], `${c}'s actions`);
    }

    // Open (a click on the notification: "default"): the window shows Today.
    await d.click('#tab-board');
    await waitFor(async () => !(await viewShown(d, 'today')), { timeout: 5_000, message: 'the board shown' });
    await server.invoke(note('Acme').id, 'default');
    await waitFor(() => viewShown(d, 'today'), { timeout: 10_000, message: 'Today shown on Open' });
    // Once: the same notification's Open again does nothing.
    await d.click('#tab-board');
    await waitFor(async () => !(await viewShown(d, 'today')), { timeout: 5_000, message: 'back on the board' });
    await server.invoke(note('Acme').id, 'default');
    await sleep(2_000);
    assert.equal(await viewShown(d, 'today'), false, 'a second Open on the same notification did nothing');

    // Snooze 1 hour: Globex's thank-you is due an hour after the click.
    const [globex] = thankYou(db, 'Globex');
    assert.equal(Date.parse(globex.due_at), Date.parse(at(12)));
    const clicked = Date.now();
    await server.invoke(note('Globex').id, 'snooze');
    const appNow = Date.parse(NOW) + (clicked - launched);
    const snoozed = await waitFor(() => {
      const f = thankYou(db, 'Globex').find((f) => f.key === globex.key);
      return f && Date.parse(f.due_at) > Date.parse(at(12)) + 1800_000 && f;
    }, { timeout: 10_000, message: 'snoozed' });
    // The app's clock started when the process did, a little after `launched`.
    const moved = Date.parse(snoozed.due_at) - appNow;
    assert.ok(moved > 3_540_000 && moved <= 3_600_000 + 5_000, `due ${moved / 1000} s after the click`);
    await server.invoke(note('Globex').id, 'snooze');
    await sleep(2_000);
    assert.equal(thankYou(db, 'Globex').find((f) => f.key === globex.key).due_at, snoozed.due_at, 'snoozed once');

    // Done: Initech's thank-you is closed.
    const [initech] = thankYou(db, 'Initech');
    await server.invoke(note('Initech').id, 'done');
    await waitFor(() => !thankYou(db, 'Initech').some((f) => f.key === initech.key), { timeout: 10_000, message: 'done' });
    await server.invoke(note('Initech').id, 'done');
    await sleep(2_000);
    assert.doesNotMatch(app.logs(), /from a notification/, 'no action ran twice (a second Done would fail and log)');
    // The window's Today agrees: Initech's item is gone from it.
    await d.click('#tab-today');
    await waitFor(async () => !(await d.executeScript(`return document.querySelector('#today [data-key="${initech.key}"]') !== null`)),
      { timeout: 10_000, message: 'Initech gone from Today' });
  } finally {
    await app.stop();
    await server.stop();
    bus.stop();
  }
});

test('a server that never says a notification closed leaves no thread behind: 50 notifications, and the server going away', async () => {
  const bus = await privateBus();
  const server = await fakeNotifications(bus);
  // 50 thank-yous falling due half a second apart, from 4 s after the start.
  const apps = Array.from({ length: 50 }, (_, i) => application(`a${i}`, `Company ${i}`, `Person ${i}`, 4 + i / 2));
  const db = dbWith(apps);
  const app = launch({ db, env: { AFTERVIEW_NOW: NOW, TZ, ...bus.env } });
  const waiting = () => threadNames(app.pid).filter((n) => n.startsWith('afterview-notif')).length;
  try {
    const mine = () => server.notes().filter((n) => n.app === 'Afterview');
    let most = 0;
    let count = -1, quietSince = Date.now();
    // Until the last one is due (29 s) and no notification came for 3 s.
    await waitFor(() => {
      most = Math.max(most, waiting());
      if (mine().length !== count) [count, quietSince] = [mine().length, Date.now()];
      return mine().some((n) => n.summary.includes('(Company 49)')) && Date.now() - quietSince > 3_000;
    }, { timeout: 90_000, interval: 100, message: `the last notification (got ${mine().length}):\n${app.logs()}` });
    // One a pass (a pass that finds two due shows them one by one, too).
    assert.ok(mine().length >= 45, `${mine().length} notifications`);
    await sleep(1_000);
    most = Math.max(most, waiting());
    const threads = threadNames(app.pid).length;
    // At most 8 notifications wait for an action at once (MAX_WAITING in notify.rs).
    assert.ok(most <= 8 + 2, `at most 8 waiting threads (+ one showing, one probing) at once, saw ${most}`);
    assert.ok(threads < 60, `${threads} threads in all after 50 notifications`);
    console.log(`# ${mine().length} notifications; at most ${most} notification threads at once; ${threads} threads in all`);

    // The server leaves the bus: the waits end (checked every 5 s).
    await server.stop();
    await waitFor(() => waiting() === 0, { timeout: 15_000, interval: 200, message: 'no notification thread left' });
    assert.ok(app.alive(), app.logs());
  } finally {
    await app.stop();
    await server.stop();
    bus.stop();
  }
});
