// The README's screenshot of "Import a spreadsheet…" from the real app under
// Xvfb (part of `./dev.sh screenshot`): LinkedIn's Job Applications.csv
// fixture over the sample job search, its preview open.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startApp, tmpDb, runCli, REPO_ROOT } from './harness.mjs';

const out = join(REPO_ROOT, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const db = tmpDb();
const env = { AFTERVIEW_NOW: '2026-11-26T10:00:00Z', TZ: 'Europe/Berlin' };
const r = runCli(['import', '--sample'], { db, env });
if (r.status !== 0) throw new Error(`sample import failed: ${r.stderr}`);
const file = join(REPO_ROOT, 'src-tauri', 'core', 'tests', 'fixtures', 'table', 'Job Applications.csv');

const app = await startApp({ db, env });
try {
  const d = app.driver;
  await d.setWindowRect({ width: 1360, height: 900 });
  await d.waitForElement('body[data-board-ready=true]', { timeout: 15_000 });
  await d.click('#tab-settings');
  await d.waitForElement('#import-table');
  await d.executeScript('document.body.dataset.tablePath = arguments[0]', file);
  await d.click('#import-table');
  await d.waitForElement('#table-import[open]');
  await new Promise((res) => setTimeout(res, 800));
  await d.takeScreenshot(); // the first capture can be a stale frame
  writeFileSync(join(out, 'table-import.png'), await d.takeScreenshot());
  console.log('wrote docs/screenshots/table-import.png');
} finally {
  await app.stop();
}
