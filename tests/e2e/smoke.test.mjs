// Smoke test: the real app starts under WebDriver and shows its board.
//   xvfb-run -a dbus-run-session -- node --test tests/e2e/smoke.test.mjs
// AFTERVIEW_BIN overrides the binary (default target/debug/afterview).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, tmpDb } from './harness.mjs';

const STATUSES = ['wishlist', 'applied', 'interviewing', 'offer', 'rejected'];

test('app starts, shows the board with five status columns, and stops', async (t) => {
  const t0 = Date.now();
  const app = await startApp({ db: tmpDb() });
  const started = Date.now() - t0;
  let stopMs;
  try {
    const { driver } = app;
    const body = await driver.findElement('body');
    assert.ok(body, 'body element found');

    assert.equal(await driver.getTitle(), 'Afterview');

    const cols = await driver.waitFor(
      async () => {
        const els = await driver.findElements('[data-status]');
        return els.length >= STATUSES.length ? els : null;
      },
      { timeout: 10_000, message: 'five [data-status] columns' },
    ).catch(async () => driver.findElements('[data-status]'));
    assert.equal(cols.length, 5, 'five [data-status] columns');
    const statuses = [];
    for (const c of cols) statuses.push(await c.getAttribute('data-status'));
    assert.deepEqual(statuses, STATUSES);

    const png = await driver.takeScreenshot();
    assert.ok(png.length > 1000, 'screenshot has content');
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  } finally {
    const s0 = Date.now();
    await app.stop();
    stopMs = Date.now() - s0;
    t.diagnostic(`session start ${started} ms, stop ${stopMs} ms`);
  }
});
