// Screenshots of the note editor for the README, from the real app under
// Xvfb (run by `./dev.sh screenshot`): the thank-you email editor, the
// printed-note editor, and the first page of the note's PDF (pdftoppm).
import { writeFileSync, mkdirSync, mkdtempSync, renameSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, tmpDb, runCli, REPO_ROOT } from './harness.mjs';

const out = join(REPO_ROOT, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const env = { AFTERVIEW_NOW: '2026-11-26T10:00:00Z', TZ: 'Europe/Berlin' };
// SCREENSHOT_THEME=dark: the same shots in dark mode (a dark GTK theme), named *-dark.png.
const dark = process.env.SCREENSHOT_THEME === 'dark';
if (dark) env.GTK_THEME = 'Adwaita:dark';
const named = (name) => (dark ? `${name}-dark` : name);
const db = tmpDb();
const doc = {
  afterview: 1,
  applications: [{
    id: 'a1', company: 'Northwind Analytics', role: 'Data Engineer', status: 'interviewing',
    applied_at: '2026-11-02T10:00:00Z',
    contacts: [{ id: 'c1', name: 'Priya Natarajan', title: 'Head of Data', email: 'priya@northwind.example',
      linkedin_url: 'https://www.linkedin.com/in/priya-natarajan', linkedin_consent: 'yes' }],
    interviews: [{ id: 'i1', starts_at: '2026-11-25T13:00:00Z', ends_at: '2026-11-25T14:00:00Z', format: 'onsite',
      interviewer_ids: ['c1'], physical_note: true, next_steps: 'a take-home exercise, then a call with the CTO',
      expected_reply_by: '2026-12-04' }],
  }],
};
const file = join(mkdtempSync(join(tmpdir(), 'afterview-doc-')), 'doc.json');
writeFileSync(file, JSON.stringify(doc));
const r = runCli(['import', file], { db, env });
if (r.status !== 0) throw new Error(`import failed: ${r.stderr}`);

const sleep = (ms) => new Promise((res) => setTimeout(res, ms));
const app = await startApp({ db, env });
try {
  const d = app.driver;
  await d.setWindowRect({ width: 1360, height: 860 });
  await d.waitForElement('body[data-board-ready=true]', { timeout: 15_000 });
  await sleep(1000); // let the resized window repaint before the first capture
  const shot = async (name) => {
    // Two animation frames and a pause: WebKitWebDriver otherwise may capture
    // a frame from before the last change on a busy machine.
    await d.executeAsyncScript('const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));');
    await sleep(800);
    writeFileSync(join(out, `${named(name)}.png`), await d.takeScreenshot());
    console.log(`wrote docs/screenshots/${named(name)}.png`);
  };
  const open = async (key) => {
    await d.click('#tab-today');
    await d.waitForElement(`.agenda-item[data-key="${key}"] .open-editor`);
    await d.executeScript('document.querySelector(arguments[0]).click()', `.agenda-item[data-key="${key}"] .open-editor`); // where it is now: Today may re-render
    await d.waitForElement(`dialog#editor[open][data-key="${key}"]`);
  };
  await open('thank_you_email:i1:c1');
  await d.executeScript(`const t = document.querySelector('#editor-body');
    t.value = t.value.replace('[the project you discussed]', 'the new streaming pipeline');
    t.dispatchEvent(new Event('input'));`);
  await shot('editor');
  await d.click('#editor-close');
  await open('thank_you_note:i1');
  await d.executeScript(`const t = document.querySelector('#editor-body');
    t.value = t.value.replace('[something they told you]', 'how your team moved the warehouse to streaming')
      .replace('[your name]', 'Alex Morgan');
    t.dispatchEvent(new Event('input'));
    const s = document.querySelector('#note-layout'); s.value = 'card_a6'; s.dispatchEvent(new Event('change'));`);
  await shot('editor-note');
  const pdf = join(mkdtempSync(join(tmpdir(), 'afterview-pdf-')), 'note.pdf');
  const res = await d.executeAsyncScript(`const done = arguments[arguments.length - 1];
    import('./editor.js').then(m => m.savePdf(arguments[0])).then(done, e => done({ error: e.message }));`, pdf);
  if (res.error) throw new Error(res.error);
  const png = spawnSync('pdftoppm', ['-png', '-r', '110', '-singlefile', pdf, join(out, named('note-pdf'))], { encoding: 'utf8' });
  if (png.status !== 0) throw new Error(png.stderr);
  console.log(`wrote docs/screenshots/${named('note-pdf')}.png`);
} finally {
  await app.stop();
}
