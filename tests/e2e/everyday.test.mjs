// Everyday use in the real window: the Add application form (Applied on,
// https:// added, every error at once, the board shown after adding from the
// archive, empty after a cancel, the job posting opened from the card and
// the panel); keyboard focus kept after a move from the card menu, Done and
// Skip in Today, Mark as sent and a notification's Open; Today's labels;
// "Open in mail app" without a mail app; the envelope PDF.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFromToday, withBoard, seedDb, runCli, waitFor } from './harness.mjs';

const NOW = '2026-11-26T10:00:00Z'; // Thursday, 11:00 in Berlin
const env = { AFTERVIEW_NOW: NOW, TZ: 'Europe/Berlin' };

function app(id, company, status = 'applied', extra = {}) {
  return {
    id, company, role: 'Backend Engineer', status, applied_at: '2026-11-02T10:00:00Z',
    job_url: null, location: null, source: null, notes: '',
    contacts: [], interviews: [], messages: [], decisions: [],
    status_changes: [{ at: '2026-11-02T10:00:00Z', from: null, to: status }], ...extra,
  };
}

// Acme: two interviewers yesterday, on site; Globex and Initech: check-ins due.
const ACME = app('a1', 'Acme Robotics', 'interviewing', {
  job_url: 'https://acme.example/jobs/1',
  contacts: [{ id: 'c1', name: 'Dana Reyes', email: 'dana@acme.example' }, { id: 'c2', name: 'Sam Lee', email: 'sam@acme.example' }],
  interviews: [{ id: 'i1', starts_at: '2026-11-25T14:00:00Z', ends_at: '2026-11-25T15:00:00Z', format: 'onsite', interviewer_ids: ['c1', 'c2'], physical_note: true }],
});

function seededDb(apps = [ACME, app('a2', 'Globex'), app('a3', 'Initech'), app('a4', 'Umbrella')]) {
  return seedDb({ afterview: 1, applications: apps }, env);
}

const withApp = (db, fn, extraEnv = {}) => withBoard(db, { ...env, ...extraEnv }, fn);

const stored = (db, id) => JSON.parse(runCli(['export', '-'], { db }).stdout).applications.find((a) => a.id === id);
/** The focused element, described: the card or Today item it is in, and its data-part. */
const focused = (d) => d.executeScript(`const a = document.activeElement;
  return { card: a.closest('.card')?.dataset.applicationId ?? null, item: a.closest('.agenda-item')?.dataset.key ?? null,
    part: a.dataset.part ?? null, tag: a.tagName }`);

/** A stand-in for xdg-open: records what it was asked to open, and fails with `code` (xdg-open's 3: no handler). */
function fakeOpener(code = 0) {
  const bin = mkdtempSync(join(tmpdir(), 'afterview-bin-'));
  const log = join(bin, 'opened.txt');
  writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$1" >> '${log}'\nexit ${code}\n`);
  chmodSync(join(bin, 'xdg-open'), 0o755);
  return { env: { PATH: `${bin}:${process.env.PATH}` }, opened: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []) };
}

test('Add application: Applied on defaults to today, all errors at once, https:// added, from the archive the board shows the new card, a cancel leaves it empty', async () => {
  const db = seededDb();
  await withApp(db, async (d) => {
    await d.click('#show-archive');
    await d.click('#add-open');
    await d.waitForElement('#add-dialog[open]');
    assert.equal(await d.getProperty('#f-applied_on', 'value'), '2026-11-26');
    await d.click('#add-submit');
    const errors = await d.executeScript('return [...document.querySelectorAll("#add-form .field-error:not([hidden])")].map(e => e.id)');
    assert.deepEqual(errors, ['f-company-error', 'f-role-error'], 'both at once');
    await d.sendKeys('#f-company', 'Hooli');
    await d.sendKeys('#f-role', 'SRE');
    await d.sendKeys('#f-job_url', 'hooli.example/jobs/7');
    await d.executeScript('const i = document.querySelector("#f-applied_on"); i.value = "2026-11-20"; i.dispatchEvent(new Event("input"));');
    await d.click('#add-submit');
    await waitFor(async () => !(await d.executeScript('return document.querySelector("#add-dialog").open')), { message: 'dialog closed' });
    // The board is shown (not the archive), with the new card in it.
    await waitFor(async () => d.executeScript('return !document.querySelector("#board").hidden && !!document.querySelector(\'[data-status="applied"] .card .card-company[title="Hooli"]\')'),
      { message: 'the new card on the board' });
    assert.equal(await d.getAttribute('#show-board', 'aria-pressed'), 'true');
    const a = JSON.parse(runCli(['export', '-'], { db }).stdout).applications.find((x) => x.company === 'Hooli');
    assert.equal(a.job_url, 'https://hooli.example/jobs/7');
    assert.equal(a.applied_at, '2026-11-20T11:00:00Z', 'local noon of the day chosen');
    // Typed, cancelled: the next one opens empty.
    await d.click('#add-open');
    await d.sendKeys('#f-company', 'Half typed');
    await d.click('#add-submit'); // an error for Role shows
    await d.click('#add-cancel');
    await d.click('#add-open');
    assert.equal(await d.getProperty('#f-company', 'value'), '');
    assert.equal(await d.executeScript('return document.querySelectorAll("#add-form .field-error:not([hidden])").length'), 0);
  });
});

test('a saved job URL opens in the browser from the card and from the detail panel', async () => {
  const db = seededDb();
  const opener = fakeOpener();
  await withApp(db, async (d) => {
    await d.click('[data-application-id="a1"] .card-link');
    await waitFor(() => opener.opened().length === 1, { timeout: 10_000, message: 'opened from the card' });
    assert.equal(await d.executeScript('return !!document.querySelector("#detail:not([hidden])")'), false, 'the link does not open the panel');
    await d.click('[data-application-id="a1"] .card-role');
    await d.waitForElement('#detail:not([hidden]) .job-link');
    await d.click('#detail .job-link');
    await waitFor(() => opener.opened().length === 2, { timeout: 10_000, message: 'opened from the panel' });
  }, opener.env);
  assert.deepEqual(opener.opened(), ['https://acme.example/jobs/1', 'https://acme.example/jobs/1']);
});

test('keyboard focus stays on the card after a move from its menu, and goes to its neighbour when it leaves the board', async () => {
  const db = seededDb();
  await withApp(db, async (d) => {
    /** Opens card `id`'s ⋯ menu from the keyboard and picks the item starting with `label`. */
    const moveFromMenu = async (id, label, to) => {
      await d.executeScript('document.querySelector(`[data-application-id="${arguments[0]}"]`).focus()', id);
      await d.pressKeys('\uE004'); // Tab to its ⋯ button
      assert.equal(await d.executeScript('return document.activeElement.classList.contains("card-move")'), true);
      await d.pressKeys('\uE007'); // Enter opens the menu
      await d.waitForElement('.menu [role=menuitem]');
      await d.executeScript('[...document.querySelectorAll(".menu [role=menuitem]")].find(b => b.textContent.startsWith(arguments[0])).click()', label);
      await waitFor(async () => (await d.executeScript('return document.body.dataset.lastMove')) === `${id}:${to}`, { message: `${id} moved to ${to}` });
      await new Promise((r) => setTimeout(r, 300));
      return focused(d);
    };
    // Applied holds Globex, Initech, Umbrella.
    assert.deepEqual(await moveFromMenu('a2', 'Move to Offer', 'offer'), { card: 'a2', item: null, part: null, tag: 'LI' }, 'on the moved card');
    assert.deepEqual(await moveFromMenu('a3', 'Withdrawn', 'withdrawn'), { card: 'a4', item: null, part: null, tag: 'LI' }, 'on the next card of its column');
    // The last card of a column: the nearest card on the board.
    const f = await moveFromMenu('a2', 'Withdrawn', 'withdrawn');
    assert.equal(f.tag, 'LI');
    assert.ok(['a1', 'a4'].includes(f.card), JSON.stringify(f));
  });
});

test('Today: a visible Write button, Snooze… only snoozes, labels name the person, the count says what it counts; Done, Skip and Mark as sent keep the focus', async () => {
  const db = seededDb();
  await withApp(db, async (d) => {
    const pill = await d.getText('#today-count');
    const n = Number(pill.match(/^(\d+) due$/)?.[1]);
    assert.ok(n > 0, pill);
    assert.equal(await d.getAttribute('#today-count', 'aria-label'), `${n} follow-ups due now`);
    await d.click('#tab-today');
    const dana = 'thank_you_email:i1:c1', sam = 'thank_you_email:i1:c2';
    await d.waitForElement(`.agenda-item[data-key="${dana}"]`);
    const labels = await d.executeScript(`return [arguments[0], arguments[1]].map(k => [...document.querySelectorAll('.agenda-item[data-key="' + k + '"] button')].map(b => b.getAttribute('aria-label')))`, dana, sam);
    assert.ok(labels[0].every((l, i) => l !== labels[1][i]), JSON.stringify(labels));
    assert.match(labels[0][0], /Dana Reyes/);
    assert.equal(await d.getText(`.agenda-item[data-key="${dana}"] .open-editor`), 'Write…');
    await d.click(`.agenda-item[data-key="${dana}"] [data-part=snooze]`);
    await d.waitForElement('.menu [role=menuitem]');
    const menu = await d.executeScript('return [...document.querySelectorAll(".menu [role=menuitem]")].map(b => b.textContent)');
    assert.ok(menu.length > 0 && menu.every((m) => m.startsWith('Snooze')), menu.join(' | '));
    await d.pressKeys('\uE00C');

    // Done on Dana's: focus on the next item's Done.
    const order = await d.executeScript('return [...document.querySelectorAll(".agenda-item")].map(e => e.dataset.key)');
    const next = (k) => order[order.indexOf(k) + 1];
    const doneOf = (k) => d.executeScript(`document.querySelector('.agenda-item[data-key="' + arguments[0] + '"] [data-part=done]').focus()`, k);
    await doneOf(dana);
    const after = next(dana);
    await d.pressKeys('\uE007');
    await waitFor(async () => !(await d.executeScript(`return !!document.querySelector('.agenda-item[data-key="${dana}"]')`)), { message: 'done' });
    await waitFor(async () => (await focused(d)).item === after, { timeout: 5_000, message: `focus on ${after}` });
    assert.equal((await focused(d)).part, 'done');

    // Skip on a check-in: the same, on its neighbour in the list as it was.
    const now = await d.executeScript('return [...document.querySelectorAll(".agenda-item")].map(e => e.dataset.key)');
    const skipped = now.find((k) => k.startsWith('check_in:'));
    assert.ok(skipped, now.join(' '));
    const i = now.indexOf(skipped);
    const expected = now[i + 1] ?? now[i - 1];
    await d.executeScript(`document.querySelector('.agenda-item[data-key="' + arguments[0] + '"] [data-part=skip]').focus()`, skipped);
    await d.pressKeys('\uE007');
    await waitFor(async () => (await focused(d)).item === expected, { timeout: 5_000, message: `focus on ${expected} after the skip` });
    assert.equal((await focused(d)).part, 'skip');

    // Mark as sent on Sam's thank-you, opened with the keyboard: back on a neighbour.
    await d.executeScript(`document.querySelector('.agenda-item[data-key="${sam}"] .open-editor').focus()`);
    await d.pressKeys('\uE007');
    await d.waitForElement(`dialog#editor[open][data-key="${sam}"]`);
    await d.click('#editor-sent');
    await d.waitForElement('#editor-confirm-yes'); // gaps are left in brackets
    await d.click('#editor-confirm-yes');
    await waitFor(async () => !(await d.executeScript('return document.querySelector("dialog#editor").open')), { message: 'editor closed' });
    await waitFor(async () => { const f = await focused(d); return f.item && f.item !== sam; }, { timeout: 5_000, message: 'focus on a neighbour after Mark as sent' });

  });
});

test('Open on a reminder puts the focus on its item in Today, and keeps it there when the list re-reads', async () => {
  // Without notifications (a bus that does not exist) the reminders are listed in a banner; its
  // links call the same openFollowup() as a notification's Open (reminders.js, \`reminder-open\`).
  const db = seededDb();
  await withApp(db, async (d) => {
    await d.waitForElement('#reminder-banner:not([hidden]) button.link', { timeout: 20_000 });
    const key = await d.executeScript('return document.querySelector("#reminder-banner button.link").dataset.key');
    await d.executeScript('document.querySelector("#reminder-banner button.link").focus()');
    await d.pressKeys('\uE007');
    await waitFor(async () => (await focused(d)).item === key, { timeout: 5_000, message: `focus on ${key}` });
    await new Promise((r) => setTimeout(r, 1_500));
    assert.equal((await focused(d)).item, key, 'kept after the re-render');
  }, { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/afterview-test-bus' });
});

test('"Open in mail app" without a mail app says so in a line that stays inside the dialog, and the subject can be copied', async () => {
  const db = seededDb();
  const opener = fakeOpener(3);
  await withApp(db, async (d) => {
    await openFromToday(d, 'thank_you_email:i1:c1');
    await d.click('#editor-mail');
    await d.waitForElement('#editor-confirm-yes');
    await d.click('#editor-confirm-yes');
    await waitFor(async () => /No mail app/.test(await d.getText('#editor-saved')), { timeout: 30_000, message: 'the failure said' });
    assert.equal(await d.getText('#editor-saved'), 'No mail app is set up: copy it instead.');
    const fits = await d.executeScript(`const box = document.querySelector('dialog#editor').getBoundingClientRect();
      return [...document.querySelectorAll('dialog#editor input, dialog#editor textarea, #editor-saved')].every(e => e.getBoundingClientRect().right <= box.right + 0.5)`);
    assert.equal(fits, true, 'every field inside the dialog');
    await d.click('#editor-copy-subject');
    await waitFor(async () => /Subject copied/.test(await d.getText('#editor-saved')), { timeout: 10_000, message: 'subject copied' });
    const r = spawnSync('xclip', ['-o', '-selection', 'clipboard'], { encoding: 'utf8', timeout: 5_000 });
    assert.equal(r.stdout, 'Thank you for the Backend Engineer interview');
  }, opener.env);
  assert.equal(opener.opened().length, 1, 'the opener was asked');
});

test('the envelope PDF is one page, addressed to the interviewers at the company', async () => {
  const db = seededDb();
  const pdf = join(mkdtempSync(join(tmpdir(), 'afterview-pdf-')), 'envelope.pdf');
  await withApp(db, async (d) => {
    await openFromToday(d, 'thank_you_note:i1');
    await d.waitForElement('dialog#editor[open] #note-envelope');
    await d.click('#note-envelope');
    const r = await d.executeAsyncScript(`const done = arguments[arguments.length - 1];
      import('./editor.js').then(m => m.savePdf(arguments[0], true)).then(done, e => done({ error: e.message }));`, pdf);
    assert.equal(r.error, undefined, r.error);
  });
  if (process.env.AFTERVIEW_E2E_KEEP) spawnSync('cp', [pdf, '/tmp/envelope.pdf']);
  const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
  assert.match(info.stdout, /Pages:\s+1\n/, info.stdout);
  const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
  assert.match(text, /Dana Reyes, Sam Lee Acme Robotics/);
});
