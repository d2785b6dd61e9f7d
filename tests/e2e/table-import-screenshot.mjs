// The README's screenshot of "Import a spreadsheet…" from the real app under
// Xvfb (part of `./dev.sh screenshot`): LinkedIn's Job Applications.csv
// fixture over the sample job search, its preview open.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openTableImport, sampleDb, withBoard, REPO_ROOT } from './harness.mjs';

const out = join(REPO_ROOT, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const env = { AFTERVIEW_NOW: '2026-11-26T10:00:00Z', TZ: 'Europe/Berlin' };
const db = sampleDb(env);
const file = join(REPO_ROOT, 'src-tauri', 'core', 'tests', 'fixtures', 'table', 'Job Applications.csv');

await withBoard(db, env, async (d) => {
  await openTableImport(d, file);
  await new Promise((res) => setTimeout(res, 800));
  await d.takeScreenshot(); // the first capture can be a stale frame
  writeFileSync(join(out, 'table-import.png'), await d.takeScreenshot());
  console.log('wrote docs/screenshots/table-import.png');
}, { width: 1360, height: 900 });
