// How the board looks and behaves in the real window: dark mode when the
// desktop asks for it (a dark GTK theme), a narrow window down to 800 px
// (columns scroll sideways, a drag scrolls the board at its edge and the
// drop lands), legible badges there, and a long company name clamped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seedDb, startApp, runCli, waitFor } from './harness.mjs';

const NOW = '2026-11-26T10:00:00Z'; // a Thursday
const env = { AFTERVIEW_NOW: NOW, TZ: 'Europe/Berlin' };
const LONG = 'Internationale Gesellschaft für Zusammenarbeit und Entwicklung der Nachhaltigen Robotik und Automatisierung GmbH';

function app(id, company, status = 'applied', extra = {}) {
  return {
    id, company, role: 'Backend Engineer', status, applied_at: '2026-11-20T10:00:00Z',
    job_url: null, location: null, source: null, notes: '',
    contacts: [], interviews: [], messages: [], decisions: [],
    status_changes: [{ at: '2026-11-20T10:00:00Z', from: null, to: status }], ...extra,
  };
}

function seededDb(apps) {
  return seedDb({ afterview: 1, applications: apps }, env);
}

async function withApp(db, fn, { width = 1360, height = 860, extraEnv = {} } = {}) {
  const a = await startApp({ db, env: { ...env, ...extraEnv } });
  try {
    await a.driver.setWindowRect({ width, height });
    await a.driver.waitForElement('body[data-board-ready=true]', { timeout: 15_000 });
    await waitFor(async () => (await a.driver.executeScript('return innerWidth')) <= width, { timeout: 5_000, message: `window at ${width} px` });
    return await fn(a.driver);
  } finally {
    await a.stop();
  }
}

const colours = (d) => d.executeScript(`const c = (sel, p = 'backgroundColor') => getComputedStyle(document.querySelector(sel))[p];
  return { dark: matchMedia('(prefers-color-scheme: dark)').matches, body: c('html'), card: c('.card'), text: c('.card-company', 'color'),
    column: c('.column') }`);

test('dark mode: a dark GTK theme makes the webview ask for dark, and the board, dialogs and editor follow', async () => {
  const db = seededDb([app('a1', 'Acme', 'interviewing', {
    contacts: [{ id: 'c1', name: 'Dana Reyes', email: 'dana@acme.example' }],
    interviews: [{ id: 'i1', starts_at: '2026-11-25T14:00:00Z', ends_at: '2026-11-25T15:00:00Z', format: 'onsite', interviewer_ids: ['c1'], physical_note: true }],
  })]);
  const light = await withApp(db, (d) => colours(d));
  assert.deepEqual([light.dark, light.body, light.card], [false, 'rgb(246, 247, 249)', 'rgb(255, 255, 255)'], 'light without a dark theme');
  await withApp(db, async (d) => {
    const dark = await colours(d);
    assert.deepEqual([dark.dark, dark.body, dark.card, dark.column, dark.text],
      [true, 'rgb(20, 24, 30)', 'rgb(29, 35, 43)', 'rgb(37, 44, 53)', 'rgb(228, 232, 238)']);
    await d.click('#add-open');
    await d.waitForElement('#add-dialog[open]');
    assert.deepEqual(await d.executeScript(`const s = getComputedStyle(document.querySelector('#add-dialog')), i = getComputedStyle(document.querySelector('#f-company'));
      return [s.backgroundColor, s.color, i.backgroundColor, i.color]`), ['rgb(29, 35, 43)', 'rgb(228, 232, 238)', 'rgb(29, 35, 43)', 'rgb(228, 232, 238)']);
    await d.click('#add-cancel');
    // The editor of a printed note: dark around, the preview is paper, the print itself white on black-on-white.
    await d.click('#tab-today');
    await d.waitForElement('.agenda-item[data-key="thank_you_note:i1"] .open-editor');
    // Clicked where it is now: Today can re-render after it appears (a found element can go stale).
    await d.executeScript('document.querySelector(\'.agenda-item[data-key="thank_you_note:i1"] .open-editor\').click()');
    await d.waitForElement('dialog#editor[open] #preview-stage .print-page');
    const ed = await d.executeScript(`const c = (sel, p = 'backgroundColor') => getComputedStyle(document.querySelector(sel))[p];
      return { dialog: c('dialog#editor'), body: c('#editor-body'), bodyText: c('#editor-body', 'color'), paper: c('#preview-stage .print-page'), ink: c('#preview-stage .print-page', 'color') }`);
    assert.deepEqual(ed, { dialog: 'rgb(29, 35, 43)', body: 'rgb(29, 35, 43)', bodyText: 'rgb(228, 232, 238)', paper: 'rgb(236, 232, 223)', ink: 'rgb(26, 26, 26)' });
  }, { extraEnv: { GTK_THEME: 'Adwaita:dark' } });
});

test('at 800 px the board scrolls sideways, a drag to the edge scrolls it, and the drop into Rejected lands', async () => {
  const db = seededDb([app('a1', 'Acme'), app('a2', 'Globex', 'applied', {
    contacts: [{ id: 'c1', name: 'Dana Reyes' }],
    interviews: [{ id: 'i1', starts_at: '2026-11-25T14:00:00Z', ends_at: '2026-11-25T15:00:00Z', format: 'video', interviewer_ids: ['c1'] }],
  }), app('a3', 'Initech', 'offer')]);
  await withApp(db, async (d) => {
    assert.ok(await d.executeScript('return innerWidth') <= 800, 'the window may be 800 px wide (minWidth)');
    const geo = () => d.executeScript(`const b = document.querySelector('#board'), r = b.getBoundingClientRect(),
      rej = document.querySelector('[data-status="rejected"]').getBoundingClientRect();
      return { scrollLeft: b.scrollLeft, scrollWidth: b.scrollWidth, clientWidth: b.clientWidth, right: r.right, left: r.left, rejLeft: rej.left, rejRight: rej.right, page: document.documentElement.scrollWidth, vw: innerWidth }`);
    const g = await geo();
    assert.ok(g.scrollWidth > g.clientWidth, `the board scrolls sideways: ${JSON.stringify(g)}`);
    assert.ok(g.page <= g.vw, 'the page itself does not: the toolbar stays in view');
    assert.ok(g.rejLeft >= g.right, 'Rejected starts off-screen');
    // Badges stay legible: what is due is shown, not cut to an ellipsis.
    const cut = await d.executeScript(`return [...document.querySelectorAll('.card .badge .what, .card .badge .when')]
      .filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent)`);
    assert.deepEqual(cut, []);
    assert.ok(await d.executeScript('return document.querySelectorAll(".card .badge").length') > 0);

    // Drag Acme to the right edge and hold: the board scrolls until Rejected is under the pointer.
    const from = await d.executeScript(`const r = document.querySelector('[data-application-id="a1"]').getBoundingClientRect(); return [Math.round(r.x + r.width / 2), Math.round(r.y + 20)]`);
    const y = from[1] + 60;
    const edge = Math.round(g.right - 8);
    await d.performActions([{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [
      { type: 'pointerMove', duration: 0, origin: 'viewport', x: from[0], y: from[1] },
      { type: 'pointerDown', button: 0 },
      { type: 'pointerMove', duration: 100, origin: 'viewport', x: from[0] + 30, y },
      { type: 'pointerMove', duration: 300, origin: 'viewport', x: edge, y },
    ] }]);
    await waitFor(async () => (await geo()).scrollLeft >= g.scrollWidth - g.clientWidth - 1, { timeout: 10_000, message: 'the board scrolled to its end' });
    // A small move over the now visible Rejected column, then the release.
    const rej = await geo();
    const x = Math.round(Math.min(rej.rejLeft + 60, rej.right - 70));
    await d.performActions([{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [
      { type: 'pointerMove', duration: 100, origin: 'viewport', x, y },
      { type: 'pause', duration: 100 },
      { type: 'pointerUp', button: 0 },
    ] }]);
    await d.releaseActions();
    await waitFor(async () => (await d.executeScript('return document.body.dataset.lastMove')) === 'a1:rejected', { timeout: 10_000, message: 'dropped in Rejected' });
    const r = runCli(['export', '-'], { db });
    assert.equal(JSON.parse(r.stdout).applications.find((a) => a.id === 'a1').status, 'rejected');
  }, { width: 800, height: 700 });
});

test('a long company name takes two lines on its card, with the full name as its title', async () => {
  const db = seededDb([app('a1', LONG), app('a2', 'Acme')]);
  await withApp(db, async (d) => {
    const m = await d.executeScript(`const long = document.querySelector('[data-application-id="a1"] .card-company'),
      short = document.querySelector('[data-application-id="a2"] .card-company');
      return { long: long.getBoundingClientRect().height, line: short.getBoundingClientRect().height, title: long.title, text: long.textContent }`);
    assert.ok(m.long <= m.line * 2 + 1 && m.long > m.line * 1.5, `two lines: ${m.long} px for lines of ${m.line} px`);
    assert.equal(m.title, LONG);
    assert.equal(m.text, LONG, 'the text itself is whole (for search and screen readers)');
  }, { width: 1024 });
});

test('Settings: "1e1", "366" and "25:00" are refused in the user\'s words, 08:00 to 08:00 is explained, one width for every section, and Your name signs the drafts', async () => {
  const db = seededDb([app('a1', 'Acme', 'interviewing', {
    contacts: [{ id: 'c1', name: 'Dana Reyes', email: 'dana@acme.example' }],
    interviews: [{ id: 'i1', starts_at: '2026-11-25T14:00:00Z', ends_at: '2026-11-25T15:00:00Z', format: 'video', interviewer_ids: ['c1'] }],
  })]);
  await withApp(db, async (d) => {
    await d.click('#tab-settings');
    await waitFor(async () => (await d.getProperty('#s-cadence', 'value')) === '14', { message: 'settings loaded' });
    const widths = await d.executeScript(`return ['#settings-form', '#templates-form', '#data-section'].map((s) => Math.round(document.querySelector(s).getBoundingClientRect().width))`);
    assert.equal(new Set(widths).size, 1, `one width: ${widths}`);
    const save = async (fields) => {
      for (const [id, v] of Object.entries(fields)) { await d.clear(id); await d.sendKeys(id, v); }
      await d.click('#settings-form button[type=submit]');
      await new Promise((r) => setTimeout(r, 300));
      return d.executeScript('return Object.fromEntries([...document.querySelectorAll("#settings-form .field-error:not([hidden])")].map(e => [e.id, e.textContent]))');
    };
    assert.deepEqual(await save({ '#s-cadence': '1e1' }), { 's-cadence-error': 'Enter a whole number of days, like 14.' });
    assert.deepEqual(await save({ '#s-cadence': '366', '#s-quiet-to': '25:00' }), {
      's-cadence-error': 'At most 365 days.',
      's-quiet-error': 'Enter both times as hours and minutes between 00:00 and 23:59, like 21:00 and 08:00.',
    });
    assert.equal(JSON.parse(runCli(['export', '-'], { db }).stdout).settings.checkin_cadence_days, 14, 'nothing saved');
    await d.clear('#s-quiet-from'); await d.sendKeys('#s-quiet-from', '08:00');
    await d.clear('#s-quiet-to'); await d.sendKeys('#s-quiet-to', '08:00');
    assert.match(await d.getText('#s-quiet-help'), /From 08:00 to 08:00 means no quiet hours/);
    assert.deepEqual(await save({ '#s-cadence': '21', '#s-name': 'Alex Kim' }), {});
    await waitFor(async () => /Saved/.test(await d.getText('#settings-saved')), { message: 'saved' });
    const s = JSON.parse(runCli(['export', '-'], { db }).stdout).settings;
    assert.deepEqual([s.checkin_cadence_days, s.quiet_hours], [21, ['08:00', '08:00']]);
    // The name signs the thank-you, in the editor.
    await d.click('#tab-today');
    await d.waitForElement('.agenda-item[data-key="thank_you_email:i1:c1"] .open-editor');
    await d.executeScript('document.querySelector(arguments[0]).click()', '.agenda-item[data-key="thank_you_email:i1:c1"] .open-editor'); // where it is now: Today may re-render
    await d.waitForElement('dialog#editor[open]');
    assert.match(await d.getProperty('#editor-body', 'value'), /Best regards,\nAlex Kim$/);
  });
});
