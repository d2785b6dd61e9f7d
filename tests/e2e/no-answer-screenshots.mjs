// The README screenshot of rule R9, from the real app under Xvfb (run by
// `./dev.sh screenshot`): Today on a Monday when Tidewater has not answered
// three check-ins, next to an ordinary thank-you and check-in.
import { writeFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, tmpDb, runCli, REPO_ROOT } from './harness.mjs';

const out = join(REPO_ROOT, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const env = { AFTERVIEW_NOW: '2026-12-28T10:00:00Z', TZ: 'Europe/Berlin' };
const sent = (id, day) => ({ at: `${day}T09:30:00Z`, direction: 'sent', channel: 'email', followup_key: `check_in:${id}:${day}`, body: 'Just checking in.' });
const doc = {
  afterview: 1,
  applications: [
    { id: 'a1', company: 'Tidewater Logistics', role: 'Platform Engineer', status: 'applied', applied_at: '2026-11-02T10:00:00Z',
      messages: ['2026-11-16', '2026-11-30', '2026-12-14'].map((d) => sent('a1', d)) },
    { id: 'a2', company: 'Northwind Analytics', role: 'Data Engineer', status: 'interviewing', applied_at: '2026-12-01T10:00:00Z',
      contacts: [{ id: 'c1', name: 'Priya Natarajan', linkedin_consent: 'no' }],
      interviews: [{ id: 'i1', starts_at: '2026-12-28T08:00:00Z', ends_at: '2026-12-28T09:00:00Z', format: 'video', interviewer_ids: ['c1'] }] },
    { id: 'a3', company: 'Globex', role: 'Backend Engineer', status: 'applied', applied_at: '2026-12-14T10:00:00Z' },
  ],
};
const db = tmpDb();
const file = join(mkdtempSync(join(tmpdir(), 'afterview-doc-')), 'doc.json');
writeFileSync(file, JSON.stringify(doc));
const r = runCli(['import', file], { db, env });
if (r.status !== 0) throw new Error(`import failed: ${r.stderr}`);

const app = await startApp({ db, env });
try {
  const d = app.driver;
  await d.setWindowRect({ width: 1360, height: 820 });
  await d.waitForElement('body[data-board-ready=true]', { timeout: 15_000 });
  await new Promise((res) => setTimeout(res, 800));
  await d.takeScreenshot(); // the first capture after a resize can be a stale, blank frame
  await d.click('#tab-today');
  await d.waitForElement('#today li[data-key="no_answer:a1:2026-12-28"]');
  await new Promise((res) => setTimeout(res, 400));
  writeFileSync(join(out, 'no-answer.png'), await d.takeScreenshot());
  console.log('wrote docs/screenshots/no-answer.png');
} finally {
  await app.stop();
}
