// Regenerates the README screenshots from the real app under Xvfb, on the
// sample job search: `./dev.sh screenshot`.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startApp, tmpDb, runCli, REPO_ROOT } from './harness.mjs';

const out = join(REPO_ROOT, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const db = tmpDb();
const env = { AFTERVIEW_NOW: '2026-11-26T10:00:00Z', TZ: 'Europe/Berlin' };
// SCREENSHOT_THEME=dark: the same shots in dark mode (a dark GTK theme), named *-dark.png.
const dark = process.env.SCREENSHOT_THEME === 'dark';
if (dark) env.GTK_THEME = 'Adwaita:dark';
const named = (name) => (dark ? `${name}-dark` : name);
const r = runCli(['import', '--sample'], { db, env });
if (r.status !== 0) throw new Error(`sample import failed: ${r.stderr}`);

const app = await startApp({ db, env });
try {
  const d = app.driver;
  await d.setWindowRect({ width: 1360, height: 820 });
  await d.waitForElement('body[data-board-ready=true]', { timeout: 15_000 });
  const shot = async (name) => {
    await new Promise((res) => setTimeout(res, 400));
    writeFileSync(join(out, `${named(name)}.png`), await d.takeScreenshot());
    console.log(`wrote docs/screenshots/${named(name)}.png`);
  };
  // The first paint after the resize can lag behind board-ready under Xvfb.
  await d.waitForElement('[data-status="applied"] .card');
  await new Promise((res) => setTimeout(res, 800));
  await d.takeScreenshot(); // the first capture after a resize can be a stale, blank frame
  await shot('board');
  // A card mid-drag (pointer held over Rejected), then Escape: nothing moves.
  const from = await d.executeScript(`const r = document.querySelector('[data-status="applied"] .card').getBoundingClientRect(); return [r.x + r.width / 2, r.y + 20]`);
  const to = await d.executeScript(`const r = document.querySelector('[data-status="offer"] .cards').getBoundingClientRect(); return [r.x + r.width / 2, r.y + 60]`);
  await d.performActions([{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [
    { type: 'pointerMove', duration: 0, origin: 'viewport', x: Math.round(from[0]), y: Math.round(from[1]) },
    { type: 'pointerDown', button: 0 },
    { type: 'pointerMove', duration: 100, origin: 'viewport', x: Math.round(from[0] + 40), y: Math.round(from[1] + 10) },
    { type: 'pointerMove', duration: 200, origin: 'viewport', x: Math.round(to[0]), y: Math.round(to[1]) },
  ] }]);
  await shot('drag');
  await d.performActions([{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value: '\uE00C' }, { type: 'keyUp', value: '\uE00C' }] }]);
  await d.performActions([{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [{ type: 'pointerUp', button: 0 }] }]);
  await d.releaseActions();
  // The detail panel of an application in Interviewing.
  await d.click('[data-status="interviewing"] .card .card-role');
  await d.waitForElement('#detail:not([hidden]) .timeline');
  await shot('detail');
  await d.click('#detail .detail-actions button.icon');
  await d.click('#tab-today');
  await d.waitForElement('.agenda-item');
  await shot('today');
  await d.click('#tab-settings');
  await shot('settings');
  // Import (JSON)…: what a file would add and leave alone, asked before
  // anything is written. The file: three of the sample's applications and two
  // new ones; body[data-import-path] stands in for the native open dialog.
  const doc = JSON.parse(runCli(['export', '-'], { db, env }).stdout);
  const fresh = (id, company, role) => ({ ...structuredClone(doc.applications[0]), id, company, role, status: 'applied',
    contacts: [], interviews: [], messages: [], status_changes: [], decisions: [] });
  doc.applications = [...doc.applications.slice(0, 3), fresh('imp1', 'Globex', 'Platform Engineer'), fresh('imp2', 'Initech', 'Data Engineer')];
  const file = join(dirname(db), 'afterview-export-2026-11-20.json');
  writeFileSync(file, JSON.stringify(doc));
  await d.executeScript('document.body.dataset.importPath = arguments[0]', file);
  await d.click('#import-json');
  await d.waitForElement('.import-confirm');
  await d.executeScript('document.querySelector("#import-area").scrollIntoView({ block: "center" })');
  await shot('import');
} finally {
  await app.stop();
}
