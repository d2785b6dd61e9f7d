// Backups and exports in the real window: the backup taken at start is
// listed in Settings with its date and application count; restoring it after
// the inline confirmation gives back exactly that data (the board shows it at
// once) and lists the copy made before; the export command writes CSV, .ics,
// JSON and the job-search report (the native save dialog is skipped by passing a path, as WebDriver
// cannot drive it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startApp, tmpDb, runCli, waitFor } from './harness.mjs';

const NOW = '2026-11-26T10:00:00Z'; // a Thursday
const env = { AFTERVIEW_NOW: NOW, TZ: 'Europe/Berlin' };

const exported = (db) => {
  const r = runCli(['export', '-'], { db, env });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
};

const backupRows = (d) =>
  d.executeScript(`return [...document.querySelectorAll('#backup-list li.backup')].map(li => li.querySelector('.backup-label').textContent)`);

test('the start backup is listed, and restoring it gives back exactly that data', async () => {
  const db = tmpDb();
  const r = runCli(['import', '--sample'], { db, env });
  assert.equal(r.status, 0, r.stderr);
  const before = exported(db);
  const n = before.applications.length;

  const app = await startApp({ db, env });
  try {
    const d = app.driver;
    await d.waitForElement('body[data-board-ready=true]', { timeout: 15_000 });
    // A change after the start backup: one more application.
    await d.click('#add-open');
    await d.waitForElement('#add-dialog[open]');
    await d.sendKeys('#f-company', 'Globex');
    await d.sendKeys('#f-role', 'Platform Engineer');
    await d.click('#add-submit');
    await waitFor(async () => (await exported(db)).applications.length === n + 1, { message: 'Globex saved' });

    await d.click('#tab-settings');
    await d.waitForElement('#data-section');
    const rows = await waitFor(async () => {
      const r = await backupRows(d);
      return r.length >= 1 && r;
    }, { message: 'the start backup listed', timeout: 10_000 });
    assert.equal(rows.length, 1);
    assert.match(rows[0], new RegExp(`26.*2026.* — ${n} applications$`));
    const folder = await d.executeScript('return document.querySelector("#backup-folder").textContent');
    assert.equal(folder, join(dirname(db), 'backups'));

    // Restore…, then Cancel: nothing happens.
    await d.click('#backup-list li.backup button');
    await d.waitForElement('.backup-confirm');
    const question = await d.executeScript('return document.querySelector(".backup-confirm p").textContent');
    assert.match(question, new RegExp(`Replace your current data \\(${n + 1} applications\\) with the backup of .* \\(${n} applications\\)\\? Your current data is backed up first`));
    await d.executeScript('[...document.querySelectorAll(".backup-confirm button")].find(b => b.textContent === "Cancel").click()');
    assert.equal((await d.findElements('.backup-confirm')).length, 0);
    assert.equal(exported(db).applications.length, n + 1);

    // Restore…, then confirm.
    await d.click('#backup-list li.backup button');
    await d.waitForElement('.backup-confirm');
    await d.executeScript('[...document.querySelectorAll(".backup-confirm button")].find(b => b.textContent === "Restore this backup").click()');
    await waitFor(async () => (await backupRows(d)).length === 2, { message: 'the list shows the copy made before the restore' });
    const after = await backupRows(d);
    assert.ok(after.some((t) => t.endsWith(`${n + 1} applications · saved before a restore`)), after.join('\n'));
    const toast = await d.executeScript('return document.querySelector("#toast").textContent');
    assert.match(toast, new RegExp(`^Restored the backup of .*: ${n} applications\\.`));

    // Exactly the data backed up, in the file and on the board.
    assert.deepEqual(exported(db), before);
    await d.click('#tab-board');
    const companies = await d.executeScript('return [...document.querySelectorAll(".card .card-company")].map(c => c.textContent)');
    assert.ok(!companies.includes('Globex'), companies.join(', '));
    // The app keeps working on the restored database: a new write lands.
    await d.click('#add-open');
    await d.waitForElement('#add-dialog[open]');
    await d.sendKeys('#f-company', 'Initech');
    await d.sendKeys('#f-role', 'Analyst');
    await d.click('#add-submit');
    await waitFor(async () => exported(db).applications.some((a) => a.company === 'Initech'), { message: 'a write after the restore' });
  } finally {
    await app.stop();
  }
});

test('exports write CSV, iCalendar and JSON files', async () => {
  const db = tmpDb();
  assert.equal(runCli(['import', '--sample'], { db, env }).status, 0);
  const app = await startApp({ db, env });
  try {
    const d = app.driver;
    await d.waitForElement('body[data-board-ready=true]', { timeout: 15_000 });
    const out = {};
    for (const format of ['csv', 'ics', 'json']) {
      const path = join(dirname(db), `out.${format}`);
      out[format] = await d.executeAsyncScript(
        `const done = arguments[arguments.length - 1];
         window.__TAURI__.core.invoke('export_file', { format: arguments[0], path: arguments[1] })
           .then(done, (e) => done({ failed: e.message ?? String(e) }));`, format, path);
      assert.equal(out[format].failed, undefined, JSON.stringify(out[format]));
      assert.equal(out[format].path, path);
      assert.ok(existsSync(path));
    }
    const n = exported(db).applications.length;
    assert.equal(out.csv.summary, `${n} applications`);
    const csv = readFileSync(join(dirname(db), 'out.csv'), 'utf8');
    assert.ok(csv.startsWith('\uFEFFCompany,Role,Status,Applied,Interviews,Last contact,Next follow-up'), csv.slice(0, 80));
    assert.equal(csv.split('\r\n').filter(Boolean).length, n + 1);
    const ics = readFileSync(join(dirname(db), 'out.ics'), 'utf8');
    assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'));
    assert.match(out.ics.summary, /^\d+ events$/);
    assert.deepEqual(JSON.parse(readFileSync(join(dirname(db), 'out.json'), 'utf8')), exported(db));
    // The job-search report of November, as a page to print.
    const page = join(dirname(db), 'report.html');
    const rep = await d.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       window.__TAURI__.core.invoke('export_file', { format: 'report-html', path: arguments[0], from: '2026-11-01', to: '2026-11-30' })
         .then(done, (e) => done({ failed: e.message }));`, page);
    assert.equal(rep.path, page, JSON.stringify(rep));
    assert.match(rep.summary, /^the report of \d+ applications?$/);
    const html = readFileSync(page, 'utf8');
    assert.match(html, /<h1>Job search activity<\/h1>/);
    assert.match(html, /1 November 2026 – 30 November 2026/);
    // A period that ends before it starts: refused beside the field, before any dialog.
    const badPeriod = await d.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       window.__TAURI__.core.invoke('export_file', { format: 'report-csv', from: '2026-11-30', to: '2026-11-01' })
         .then(done, (e) => done({ failed: e.message, field: e.field }));`);
    assert.deepEqual(badPeriod, { failed: 'The period starts after it ends.', field: 'report-from' });
    // A folder that does not exist: a clear message, nothing written.
    const bad = await d.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       window.__TAURI__.core.invoke('export_file', { format: 'csv', path: '/nonexistent-folder/x.csv' })
         .then(done, (e) => done({ failed: e.message, field: e.field }));`);
    assert.deepEqual(bad, { failed: 'The folder /nonexistent-folder does not exist.', field: 'export' });
  } finally {
    await app.stop();
  }
});
