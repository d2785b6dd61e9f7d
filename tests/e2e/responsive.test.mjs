// Issue 15, finding 2: the commands that use the store run off the GTK main
// thread. While a long import holds the store, a `board` call waits for it;
// before, that wait happened on the main thread, which handles every
// request of the page, so nothing else was answered until the import ended.
// Now a command that does not use the store (`bench_mark`, answered on the
// main thread) is answered while `board` is still waiting. Only the order of
// the answers is compared, never a duration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startApp, tmpDb, runCli } from './harness.mjs';

const env = { AFTERVIEW_NOW: '2026-11-26T10:00:00Z', TZ: 'Europe/Berlin' };
const N = 6000;

test('the window answers while a long import holds the store', async () => {
  const db = tmpDb();
  assert.equal(runCli(['import', '--sample'], { db, env }).status, 0);
  const file = join(dirname(db), 'big.json');
  const applications = [];
  for (let i = 0; i < N; i++) {
    applications.push({ id: `big-${i}`, company: `Company ${i}`, role: 'Engineer', status: 'applied', applied_at: '2026-11-10T10:00:00Z',
      notes: 'x'.repeat(200), status_changes: [{ at: '2026-11-10T10:00:00Z', from: null, to: 'applied' }] });
  }
  writeFileSync(file, JSON.stringify({ afterview: 1, applications }));

  const app = await startApp({ db, env });
  try {
    const d = app.driver;
    await d.waitForElement('body[data-board-ready=true]', { timeout: 15_000 });
    const r = await d.executeAsyncScript(`
      const done = arguments[arguments.length - 1];
      const inv = window.__TAURI__.core.invoke;
      let imported = null;
      const importing = inv('import_file', { path: arguments[0], merge: true }).then((x) => { imported = x.added; }, (e) => { imported = 'failed: ' + e.message; });
      const pairs = [];
      (async () => {
        // Pairs of calls until the import is over: board (waits for the store), then bench_mark (does not).
        while (imported === null) {
          const order = [];
          await Promise.all([
            inv('board', { archived: false }).then(() => order.push('board')),
            inv('bench_mark', {}).then(() => order.push('bench_mark')),
          ]);
          pairs.push(order.join(','));
        }
        await importing;
        done({ imported, pairs });
      })().catch((e) => done({ error: String(e.message ?? e) }));`, file);
    assert.equal(r.error, undefined, r.error);
    assert.equal(r.imported, N, JSON.stringify(r.imported));
    // While the import held the store, bench_mark was answered before the board call sent just before it.
    assert.ok(r.pairs.includes('bench_mark,board'), `no call was answered while board waited: ${JSON.stringify(r.pairs.slice(0, 20))}`);
  } finally {
    await app.stop();
  }
});
