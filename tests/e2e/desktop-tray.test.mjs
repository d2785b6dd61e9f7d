// The tray (issue 19): with a StatusNotifier watcher on the session bus (a
// small test one, tests/e2e/fake_tray.py, on a bus of the test's own), the
// app shows its icon with a menu (Open, the number due today, Quit); closing
// the window hides it to the tray; the menu's Open shows it, Quit ends it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runCli, tmpDb, waitFor } from './harness.mjs';
import { fakeNotifications, fakeTray, launch, mainWindow, privateBus, viewable, x11 } from './desktop.mjs';

const NOW = '2026-11-26T10:00:00Z';
const TZ = 'Europe/Berlin';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const at = (s) => new Date(Date.parse(NOW) + s * 1000).toISOString();

function dbWithOneDue() {
  const db = tmpDb();
  const file = join(dirname(db), 'doc.json');
  writeFileSync(file, JSON.stringify({ afterview: 1, applications: [{
    id: 'a1', company: 'Acme', role: 'Backend Engineer', status: 'interviewing', applied_at: '2026-11-02T10:00:00Z',
    contacts: [{ id: 'c1', name: 'Dana Reyes', title: null, email: null, linkedin_url: null, linkedin_consent: 'no' }],
    interviews: [{ id: 'i1', starts_at: at(-5400), ends_at: at(-1800), format: 'onsite', interviewer_ids: ['c1'],
      went: 'well', physical_note: false, next_steps: null, expected_reply_by: '2026-12-20' }],
  }] }));
  const r = runCli(['import', file], { db });
  assert.equal(r.status, 0, r.stderr);
  return db;
}

test('with a tray: the icon and its menu (Open, due today, Quit); closing the window hides it there; Open and Quit work', async () => {
  const bus = await privateBus();
  const tray = await fakeTray(bus);
  const notes = await fakeNotifications(bus);
  const app = launch({ db: dbWithOneDue(), env: { AFTERVIEW_NOW: NOW, TZ, ...bus.env } });
  try {
    const win = await mainWindow(app.pid);
    await waitFor(() => tray.registered().length === 1, { timeout: 15_000, message: `the icon registered:\n${app.logs()}` });
    assert.doesNotMatch(app.logs(), /no tray icon/);

    // The icon: active, titled, with an image the host can read.
    const labels = (m) => m.menu.filter((e) => e.type !== 'separator' && e.visible).map((e) => e.label);
    const seen = await waitFor(async () => {
      const m = await tray.inspect();
      return labels(m).includes('1 follow-up due today') && m;
    }, { timeout: 20_000, interval: 500, message: 'the menu counts the follow-up due today' });
    assert.equal(seen.item.Status, 'Active');
    const icon = seen.item.IconThemePath ? join(seen.item.IconThemePath, `${seen.item.IconName}.png`) : seen.item.IconName;
    assert.ok(seen.item.IconName && (existsSync(icon) || existsSync(seen.item.IconName)), `icon ${JSON.stringify(seen.item)}`);
    assert.deepEqual(labels(seen), ['Open Afterview', '1 follow-up due today', 'Quit Afterview']);

    // Closing the window hides it to the tray (no "keeps running" message: the icon says it).
    x11('close', win);
    await waitFor(() => !viewable(app.pid, win), { timeout: 10_000, message: 'hidden' });
    await sleep(2_000);
    assert.ok(app.alive(), app.logs());
    assert.equal(notes.notes().filter((n) => /keeps running/.test(n.summary)).length, 0);

    await tray.click('Open Afterview');
    await waitFor(() => viewable(app.pid, win), { timeout: 10_000, message: 'shown by the menu\'s Open' });

    await tray.click('Quit Afterview');
    const exit = await Promise.race([app.exited, sleep(10_000).then(() => 'still running')]);
    assert.deepEqual(exit, { code: 0, signal: null }, `Quit quits:\n${app.logs()}`);
  } finally {
    await app.stop();
    await tray.stop();
    await notes.stop();
    bus.stop();
  }
});
