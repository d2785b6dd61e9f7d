// "Import a spreadsheet…" in the real window: the preview of a CSV whose
// role column is not recognised (so the import waits), the column mapped by
// hand in its menu, an unknown status word answered, the duplicate of an
// application already there flagged and left out, then the import: the
// cards appear on the board, the report says how to undo it and a backup
// "saved before an import" exists. The native open dialog is replaced by
// body[data-table-path], the only thing the hook replaces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openTableImport, startApp, tmpDb, runCli, waitFor } from './harness.mjs';

const NOW = '2026-11-26T10:00:00Z'; // a Thursday
const env = { AFTERVIEW_NOW: NOW, TZ: 'Europe/Berlin' };

const CSV = [
  'Employer,Job,Stage,Applied on,Where,Salary',
  'Globex,Platform Engineer,Applied,2026-10-03,Berlin,90k',
  'Initech,Data Engineer,Phone screen,2026-11-10,Remote,',
  'Umbrella,QA Lead,Ghosted,2026-09-01,Hamburg,',
  'Northwind Robotics,Backend Engineer,Interview,2026-11-01,,',
  ',Orphan Role,Applied,2026-11-02,,',
].join('\n');

const text = (d, css) => d.executeScript('const e = document.querySelector(arguments[0]); return e ? e.textContent : null', css);
const boardCompanies = (d) => d.executeScript('return [...document.querySelectorAll(".card .card-company")].map(c => c.textContent)');

test('map a column in the preview, import, see the cards', async () => {
  const db = tmpDb();
  assert.equal(runCli(['import', '--sample'], { db, env }).status, 0);
  const file = join(dirname(db), 'my-search.csv');
  writeFileSync(file, CSV);
  const app = await startApp({ db, env });
  try {
    const d = app.driver;
    await d.waitForElement('body[data-board-ready=true]', { timeout: 15_000 });
    await openTableImport(d, file);
    assert.equal(await text(d, '#table-import-title'), 'Import my-search.csv');

    // "Job" is no known name: not imported, so the import waits for a role.
    const field = (i) => d.executeScript('return document.querySelector(`#table-col-${arguments[0]}`).value', i);
    assert.deepEqual([await field(0), await field(1), await field(2), await field(3), await field(4), await field(5)],
      ['company', 'ignore', 'status', 'applied_at', 'ignore', 'notes']);
    assert.match(await text(d, '#table-import-blocked'), /no column is mapped to the role/);
    assert.equal(await d.executeScript('return document.querySelector("#table-import-go").disabled'), true);
    assert.match(await text(d, '#table-skipped'), /row 6 \(no company\)/);

    // Map it by hand, in the column's own menu.
    await d.click('#table-col-1 option[value="role"]');
    await waitFor(async () => /Ghosted/.test(await text(d, '#table-import-blocked')), { message: 'the plan asked again; now the status word is asked' });
    await d.click('#table-col-4 option[value="location"]');
    await waitFor(async () => await field(4) === 'location', { message: 'Where → location' });
    // "Ghosted" is asked about; answer it.
    const words = await d.executeScript('return [...document.querySelectorAll(".table-statuses li")].map(li => li.textContent)');
    assert.ok(words.some((w) => w.startsWith('“Ghosted” (1 row)')), words.join(' | '));
    const ghosted = await d.executeScript('return [...document.querySelectorAll(".table-statuses li")].findIndex(li => li.textContent.startsWith("“Ghosted”"))');
    await d.click(`#table-status-${ghosted} option[value="applied"]`);
    await waitFor(async () => (await d.executeScript('return document.querySelector("#table-import-go").disabled')) === false,
      { message: 'nothing left to answer' });

    // Northwind Robotics / Backend Engineer is already there: flagged, left out.
    assert.match(await text(d, '#table-duplicates'), /1 row looks like an application already in Afterview/);
    assert.equal(await text(d, '#table-import-go'), 'Import 3 applications');
    const summary = await text(d, '#table-import-summary');
    assert.match(summary, /^Creates 3 applications \(2 applied, 1 interviewing\), 0 contacts and \d+ follow-ups: \d+ overdue at once\.$/);

    // Start the clock today: nothing overdue at once.
    await d.click('#table-clock-today');
    await waitFor(async () => /none overdue\.$/.test(await text(d, '#table-import-summary')), { message: 'the clock starts today' });

    await d.click('#table-import-go');
    await waitFor(async () => (await d.executeScript('return document.querySelector("#table-import")?.open')) === false,
      { message: 'the dialog closes after the import', timeout: 10_000 });
    const report = await text(d, '#data-status');
    assert.match(report, /^Imported 3 applications\. Skipped row 6 \(no company\)\. Left out 1 application already in Afterview/);
    assert.match(report, /To undo it, restore the backup of .* from Settings → Restore from backup…\.$/);
    assert.ok(readdirSync(join(dirname(db), 'backups')).some((f) => f.endsWith('-before-import.db')));

    await d.click('#tab-board');
    const companies = await waitFor(async () => {
      const c = await boardCompanies(d);
      return ['Globex', 'Initech', 'Umbrella'].every((x) => c.includes(x)) && c;
    }, { message: 'the imported cards on the board', timeout: 10_000 });
    assert.equal(companies.filter((c) => c === 'Northwind Robotics').length, 1, 'the duplicate was not imported twice');
    const initech = await d.executeScript('return document.querySelector(`[data-status="interviewing"]`).textContent.includes("Initech")');
    assert.equal(initech, true, 'Phone screen → Interviewing');
  } finally {
    await app.stop();
  }
});
