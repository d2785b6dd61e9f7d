// Backups and exports in the real window: the backup taken at start is
// listed in Settings with its date and application count; restoring it after
// the inline confirmation gives back exactly that data (the board shows it at
// once) and lists the copy made before; the export command writes CSV, .ics,
// JSON and the job-search report (the native save dialog is skipped by passing a path, as WebDriver
// cannot drive it). Importing a JSON file through Settings shows what it adds and leaves alone before
// anything is written, then reports it (the native open dialog is replaced by body[data-import-path]).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, writeFileSync, readdirSync } from 'node:fs';
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

// ----- import ---------------------------------------------------------------------

/** Settings, with the import's open dialog replaced by `file` (the only thing the hook replaces). */
async function openImport(d, file) {
  await d.waitForElement('body[data-board-ready=true]', { timeout: 15_000 });
  await d.click('#tab-settings');
  await d.waitForElement('#data-section');
  await d.executeScript('document.body.dataset.importPath = arguments[0]', file);
}

/** "Import…": waits for the question it asks. */
async function askImport(d) {
  await d.click('#import-json');
  await d.waitForElement('.import-confirm');
}

const question = (d) => d.executeScript('return document.querySelector(".import-confirm #import-question").textContent');
const statusLine = (d) => d.executeScript('return document.querySelector("#data-status").textContent');
const backupsOf = (db) => (existsSync(join(dirname(db), 'backups')) ? readdirSync(join(dirname(db), 'backups')) : []);

test('importing a file shows what it adds and leaves alone, then adds only the new applications', async () => {
  const db = tmpDb();
  assert.equal(runCli(['import', '--sample'], { db, env }).status, 0);
  const before = exported(db);
  // The file: three applications the app already holds (one renamed in the
  // file, which must not win), two new ones, and other settings.
  const file = join(dirname(db), 'afterview-export-2026-11-20.json');
  const doc = structuredClone(before);
  doc.applications = doc.applications.slice(0, 3);
  doc.applications[0].company = 'Renamed In The File';
  doc.settings.checkin_cadence_days = 30;
  const fresh = (id, company) => ({ ...structuredClone(before.applications[0]), id, company, role: 'SRE', status: 'applied',
    contacts: [], interviews: [], messages: [], status_changes: [], decisions: [] });
  doc.applications.push(fresh('n1', 'Globex'), fresh('n2', 'Initech'));
  writeFileSync(file, JSON.stringify(doc, null, 2));
  const present = before.applications.slice(0, 3).map((a) => a.company);

  const app = await startApp({ db, env });
  try {
    const d = app.driver;
    await openImport(d, file);
    await askImport(d);
    assert.equal(await question(d),
      `afterview-export-2026-11-20.json: 5 applications, 3 already present — import the 2 new ones? `
      + `The 3 already here (${present.join(', ')}) are left as they are, and so are your settings.`);
    assert.equal(await d.executeScript('return document.querySelector(".import-confirm").getAttribute("role")'), 'alertdialog');
    // Cancel: nothing written, the box goes.
    assert.equal(await d.executeScript('return document.querySelector("#import-confirm-no").textContent'), 'Cancel');
    await d.click('#import-confirm-no');
    assert.equal((await d.findElements('.import-confirm')).length, 0);
    assert.deepEqual(exported(db), before);

    // Again, and import.
    await askImport(d);
    assert.equal(await d.executeScript('return document.querySelector("#import-confirm-yes").textContent'), 'Import 2 applications');
    await d.click('#import-confirm-yes');
    const report = await waitFor(async () => {
      const t = await statusLine(d);
      return t.startsWith('Imported') && t;
    }, { message: 'the import report' });
    assert.match(report, new RegExp(`^Imported 2 applications\\. 3 already present were left unchanged: ${present.join(', ')}\\. `
      + 'To undo it, restore the backup of .*2026.*\\.$'));
    assert.equal((await d.findElements('.import-confirm')).length, 0);
    assert.equal(await d.executeScript('return document.querySelector("#import-json").disabled'), false);

    // The new applications are there, the others and the settings unchanged.
    const after = exported(db);
    assert.equal(after.applications.length, before.applications.length + 2);
    for (const a of before.applications) assert.deepEqual(after.applications.find((x) => x.id === a.id), a);
    assert.deepEqual(after.applications.filter((a) => a.id.startsWith('n')).map((a) => a.company), ['Globex', 'Initech']);
    assert.deepEqual(after.settings, before.settings);
    // The data from before is in a backup listed in Settings.
    const rows = await waitFor(async () => {
      const r = await backupRows(d);
      return r.some((t) => t.includes('saved before an import')) && r;
    }, { message: 'the backup made before the import listed' });
    assert.ok(rows.some((t) => t.endsWith(`— ${before.applications.length} applications · saved before an import`)), rows.join('\n'));
    // The board shows them at once.
    await d.click('#tab-board');
    const companies = await waitFor(async () => {
      const c = await d.executeScript('return [...document.querySelectorAll(".card .card-company")].map(c => c.textContent)');
      return c.includes('Globex') && c;
    }, { message: 'Globex on the board' });
    assert.ok(companies.includes('Initech'), companies.join(', '));

    // The same file again: nothing new, only Close.
    await d.click('#tab-settings');
    await askImport(d);
    assert.equal(await question(d), 'afterview-export-2026-11-20.json: 5 applications, all already here — nothing new to import.');
    assert.equal((await d.findElements('#import-confirm-yes')).length, 0);
    assert.equal(await d.executeScript('return document.querySelector("#import-confirm-no").textContent'), 'Close');
  } finally {
    await app.stop();
  }
});

test('into an empty database, an import takes the whole file and its settings', async () => {
  const other = tmpDb('other.db');
  assert.equal(runCli(['import', '--sample'], { db: other, env }).status, 0);
  assert.equal(runCli(['settings', '--checkin-cadence-days', '30'], { db: other, env }).status, 0);
  const file = join(dirname(other), 'everything.json');
  assert.equal(runCli(['export', file], { db: other, env }).status, 0);
  const expected = exported(other);

  const db = tmpDb();
  const app = await startApp({ db, env });
  try {
    const d = app.driver;
    await openImport(d, file);
    await askImport(d);
    const n = expected.applications.length;
    assert.equal(await question(d), `everything.json: import ${n} applications? The file's settings replace your current ones.`);
    await d.click('#import-confirm-yes');
    await waitFor(async () => (await statusLine(d)).startsWith(`Imported ${n} applications. Settings now come from the file.`),
      { message: 'the import report' });
    assert.deepEqual(exported(db), expected);
  } finally {
    await app.stop();
  }
});

test('a broken or refused file is shown beside the import button, and nothing is written', async () => {
  const db = tmpDb();
  assert.equal(runCli(['import', '--sample'], { db, env }).status, 0);
  const before = exported(db);
  const backupsBefore = () => backupsOf(db).filter((f) => f.includes('before-import'));
  const broken = join(dirname(db), 'broken.json');
  const text = JSON.stringify(before, null, 2);
  writeFileSync(broken, text.slice(0, text.length / 2));
  // Valid JSON, but a new application whose contact id the database already uses.
  const clash = join(dirname(db), 'clash.json');
  const doc = structuredClone(before);
  doc.applications = [{ ...structuredClone(before.applications[0]), id: 'n1', company: 'Globex', interviews: [], messages: [], decisions: [], status_changes: [] }];
  writeFileSync(clash, JSON.stringify(doc));

  const app = await startApp({ db, env });
  try {
    const d = app.driver;
    await openImport(d, broken);
    const errorText = () => d.executeScript('const e = document.querySelector("#import-error"); return e.hidden ? null : e.textContent');
    await d.click('#import-json');
    const e1 = await waitFor(errorText, { message: 'the error beside the button' });
    assert.match(e1, /^Cannot import broken\.json: the file is truncated or not valid JSON: EOF while parsing .* line \d+ column \d+\.$/);
    assert.equal(await d.executeScript('return document.querySelector("#import-error").getAttribute("role")'), 'alert');
    // Right after the button, in the same place.
    assert.equal(await d.executeScript('return document.querySelector("#import-json").closest("#import-area") === document.querySelector("#import-error").parentElement'), true);
    assert.equal((await d.findElements('.import-confirm')).length, 0);

    await d.executeScript('document.body.dataset.importPath = arguments[0]', clash);
    await d.click('#import-json');
    const e2 = await waitFor(async () => {
      const t = await errorText();
      return t?.includes('clash.json') && t;
    }, { message: 'the refusal beside the button' });
    assert.match(e2, /^Cannot import clash\.json: applications\[0\] \(id "n1", Globex\)\.contacts\[0\]\.id: contact "c1" is already used in the database by application "a1" \(Northwind Robotics\); nothing was imported\./);
    assert.ok(!e2.includes('\n'), e2);

    // A file that is gone by the time it is imported: refused, nothing written.
    const gone = await d.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       window.__TAURI__.core.invoke('import_file', { path: arguments[0], merge: true })
         .then(done, (e) => done({ failed: e.message, field: e.field }));`, join(dirname(db), 'missing.json'));
    assert.equal(gone.field, 'import');
    assert.match(gone.failed, /^Cannot read missing\.json: /);

    assert.deepEqual(exported(db), before);
    assert.deepEqual(backupsBefore(), []);
  } finally {
    await app.stop();
  }
});
