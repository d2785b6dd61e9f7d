// Issue 15, finding 1: the page never names a path. A file dialog opened by
// the backend, or a drop on the window, hands the page a token
// ("chosen:<random>/<name>"); every command that reads or writes a file
// takes the token back. This runs the test build (`--features test-paths`,
// as ./dev.sh test builds it), which also takes absolute paths, because
// WebDriver cannot drive a GTK file dialog; that the shipped build refuses
// raw paths is the unit test picked::tests (cargo test -p afterview, without
// the feature). Here: what the page is handed is a token, never the path;
// a token the backend did not hand out, or a path that is not absolute, is
// refused by every file command, and nothing is read or written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync, readdirSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startApp, tmpDb, runCli } from './harness.mjs';

const env = { AFTERVIEW_NOW: '2026-11-26T10:00:00Z', TZ: 'Europe/Berlin' };

const invoke = (d, cmd, args) => d.executeAsyncScript(
  `const done = arguments[arguments.length - 1];
   window.__TAURI__.core.invoke(arguments[0], arguments[1]).then((r) => done({ ok: r }), (e) => done({ failed: e.message, field: e.field }));`, cmd, args);

test('the page gets tokens, not paths, and a file it names itself is refused', async () => {
  const db = tmpDb();
  assert.equal(runCli(['import', '--sample'], { db, env }).status, 0);
  const dir = dirname(db);
  const exportFile = join(dir, 'secret-folder-name', 'afterview-export.json');
  const out = runCli(['export', '-'], { db, env });
  assert.equal(out.status, 0, out.stderr);
  mkdirSync(dirname(exportFile));
  writeFileSync(exportFile, out.stdout);
  const victim = join(dir, 'bashrc');
  writeFileSync(victim, 'export PATH=/usr/bin\n');
  const backups = () => (existsSync(join(dir, 'backups')) ? readdirSync(join(dir, 'backups')).length : 0);

  const app = await startApp({ db, env });
  try {
    const d = app.driver;
    await d.waitForElement('body[data-board-ready=true]', { timeout: 15_000 });

    // What the check hands the page is a token naming the file, never its folder.
    const c = await invoke(d, 'check_import_file', { path: exportFile });
    assert.ok(c.ok, JSON.stringify(c));
    assert.match(c.ok.path, /^chosen:[0-9a-f]+\/afterview-export\.json$/);
    assert.ok(!c.ok.path.includes('secret-folder-name'), c.ok.path);
    assert.equal(c.ok.name, 'afterview-export.json');

    const before = backups();
    // Made-up tokens and relative paths: refused by every command that takes a file, beside its button.
    const forged = c.ok.path.replace('chosen:', 'chosen:0');
    for (const bad of [forged, 'bashrc', '../bashrc', 'chosen:0/afterview-export.json']) {
      const cases = [
        ['check_import_file', { path: bad }, 'import'],
        ['import_file', { path: bad, merge: true }, 'import'],
        ['preview_table_file', { path: bad, options: null }, 'table-import'],
        ['import_table_file', { path: bad, options: { preset: null, map: {}, date_order: null, statuses: {}, include_duplicates: false, start_clock_today: false } }, 'table-import'],
        ['ingest_files', { paths: [bad], application: null }, 'ingest'],
        ['export_file', { format: 'json', path: bad }, 'export'],
        ['save_pdf', { target: { layout: 'a4', envelope: false }, path: bad }, 'pdf'],
      ];
      for (const [cmd, args, field] of cases) {
        const r = await invoke(d, cmd, args);
        assert.ok(r.failed, `${cmd}(${bad}) was accepted: ${JSON.stringify(r)}`);
        assert.equal(r.field, field, `${cmd}: ${r.failed}`);
        assert.match(r.failed, /only opens and writes files you chose in its own file dialog/, `${cmd}: ${r.failed}`);
      }
    }
    assert.equal(readFileSync(victim, 'utf8'), 'export PATH=/usr/bin\n');
    assert.equal(backups(), before, 'a refused import made a backup');

    // The token the check handed out is what the import takes.
    const done = await invoke(d, 'import_file', { path: c.ok.path, merge: true });
    assert.ok(done.ok, JSON.stringify(done));
    assert.equal(done.ok.added, 0);
  } finally {
    await app.stop();
  }
});
