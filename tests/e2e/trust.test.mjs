// Everyday trust (issue 16) in the real window: a snooze never brings a
// follow-up forward, Done and Skip on a check-in keep the timing promise and
// say what they did (with Undo), a thank-you before the interview has ended
// needs a yes, dates carry their year and the machine's format, the Undo
// toast waits while it is hovered, and a mistaken application can be
// deleted (after a backup) and brought back. The database is checked through
// the CLI after each step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { seedApp, withBoard, seedDb, exported, agendaAt, waitFor } from './harness.mjs';

// 02:13 on Wednesday 2 Dec 2026 in Berlin, as in the report.
const NOW = '2026-12-02T01:13:00Z';
const env = { AFTERVIEW_NOW: NOW, TZ: 'Europe/Berlin', LANG: 'en_GB.UTF-8', LC_ALL: '', LC_TIME: '' };

const app = (id, company, applied, extra = {}) => seedApp(id, company, 'applied', applied, extra);

/**
 * Acme: applied Fri 20 Nov, its check-in due Fri 4 Dec 09:00.
 * Globex: applied 1 Oct, its check-in overdue since 15 Oct.
 * Initech: interviewing, an interview with Dana on Fri 4 Dec 10:00–11:00.
 * Umbrella: interviewing, an interview on Tue 12 Jan 2027.
 */
function seededDb() {
  const dana = { id: 'c-dana', name: 'Dana Reyes', title: null, email: 'dana@initech.example', linkedin_url: null, linkedin_consent: 'not_asked' };
  return seedDb({
    afterview: 1,
    applications: [
      app('a-acme', 'Acme', '2026-11-20T10:00:00Z'),
      app('a-globex', 'Globex', '2026-10-01T10:00:00Z'),
      app('a-initech', 'Initech', '2026-11-10T10:00:00Z', {
        status: 'interviewing', contacts: [dana],
        interviews: [{ id: 'i-1', starts_at: '2026-12-04T09:00:00Z', ends_at: '2026-12-04T10:00:00Z', format: 'onsite', interviewer_ids: ['c-dana'] }],
      }),
      app('a-umbrella', 'Umbrella', '2026-11-25T10:00:00Z', {
        status: 'interviewing',
        interviews: [{ id: 'i-2', starts_at: '2027-01-12T09:00:00Z', ends_at: '2027-01-12T10:00:00Z', format: 'video', interviewer_ids: [] }],
      }),
    ],
  }, env);
}

const withApp = (db, fn, extraEnv = {}) => withBoard(db, { ...env, ...extraEnv }, fn);

const stored = (db, id) => exported(db).applications.find((a) => a.id === id);
const agenda = (db) => agendaAt(db, NOW, env);
/** An instant of this run: the app's clock starts at NOW and runs at wall-clock speed. */
const soon = (at) => Date.parse(at) >= Date.parse(NOW) && Date.parse(at) < Date.parse(NOW) + 5 * 60_000;
const checkInOf = (db, id) => agenda(db).find((f) => f.application_id === id && f.kind === 'check_in');
const toast = (d) => d.executeScript('const t = document.querySelector("#toast"); return t.hidden ? null : t.textContent');
const menuItems = (d) => d.executeScript('return [...document.querySelectorAll(".menu [role=menuitem]")].map(b => b.textContent)');
const item = (key) => `.agenda-item[data-key="${key}"]`;

async function openToday(d) {
  await d.click('#tab-today');
  await d.waitForElement(item('check_in:a-acme:2026-12-04'));
}

test('Today: a snooze only postpones, Done and Skip on a check-in keep the clock and say what they did, with Undo', async () => {
  const db = seededDb();
  assert.equal(checkInOf(db, 'a-acme').due_at, '2026-12-04T08:00:00Z');
  await withApp(db, async (d) => {
    await openToday(d);
    // Dates carry their year when it is not this one, in the machine's (en-GB) format.
    assert.match(await d.getText(`${item('pre_interview:i-2')} .when`), /^Tue,? 12 Jan 2027 09:00$/);
    assert.match(await d.getText(`${item('check_in:a-acme:2026-12-04')} .when`), /^Fri,? 4 Dec 09:00$/);

    // Snooze on a check-in due Fri 4 Dec at 02:13 on Wed 2 Dec: "tomorrow morning" (Thu)
    // and "1 hour" would bring it forward, so they are not offered.
    await d.click(`${item('check_in:a-acme:2026-12-04')} [aria-haspopup=menu]`);
    await d.waitForElement('.menu [role=menuitem]');
    const offered = await menuItems(d);
    assert.equal(offered[0], 'Snooze until…', `the menu starts with the snoozes: ${offered}`);
    assert.ok(!offered.some((t) => /1 hour|tomorrow morning/.test(t)), `offered: ${offered}`);
    await d.executeScript('[...document.querySelectorAll(".menu [role=menuitem]")].find(b => b.textContent === "Snooze until…").click()');
    await d.waitForElement('#snooze-dialog[open]');
    // Pre-filled the day after it is due, never before.
    assert.equal(await d.getProperty('#snooze-at', 'value'), '2026-12-05T09:00');
    await d.executeScript('const i = document.querySelector("#snooze-at"); i.value = "2026-12-03T10:00";');
    await d.executeScript('document.querySelector("#snooze-form").requestSubmit()');
    await waitFor(async () => !(await d.getProperty('#snooze-error', 'hidden')), { message: 'the refusal beside the date' });
    assert.match(await d.getText('#snooze-error'), /^A snooze only postpones: this is already due Fri 4 Dec, 09:00\./);
    assert.equal(checkInOf(db, 'a-acme').due_at, '2026-12-04T08:00:00Z', 'nothing written');
    await d.click('#snooze-cancel');

    // Done ("I checked in") records a message now: the next check-in is 14 days out,
    // never six days later.
    await d.click(`${item('check_in:a-acme:2026-12-04')} [data-part=done]`);
    await waitFor(async () => /Next check-in/.test((await toast(d)) ?? ''), { message: 'the Done toast' });
    assert.match(await toast(d), /^Check-in recorded as sent just now\. Next check-in: Wed,? 16 Dec\.Undo$/);
    const acme = stored(db, 'a-acme');
    assert.deepEqual(acme.messages.map((m) => [soon(m.at), m.direction, m.channel, m.followup_key]),
      [[true, 'sent', 'other', 'check_in:a-acme:2026-12-04']]);
    assert.equal(checkInOf(db, 'a-acme').due_at, '2026-12-16T08:00:00Z');

    // The Undo toast stays while the pointer is on it (8 s otherwise), then goes.
    const r = await d.executeScript('const r = document.querySelector("#toast").getBoundingClientRect(); return {x: r.x + 5, y: r.y + 5}');
    await d.performActions([{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' },
      actions: [{ type: 'pointerMove', duration: 0, origin: 'viewport', x: Math.round(r.x), y: Math.round(r.y) }] }]);
    await new Promise((res) => setTimeout(res, 9_000));
    assert.ok(await toast(d), 'still shown after 9 s while hovered');
    await d.click('#toast button'); // Undo
    await waitFor(async () => /^Undone/.test((await toast(d)) ?? ''), { message: 'the Undo toast' });
    await waitFor(() => stored(db, 'a-acme').messages.length === 0, { message: 'the message deleted' });
    assert.equal(checkInOf(db, 'a-acme').due_at, '2026-12-04T08:00:00Z');

    // Skip on a check-in seven weeks overdue: the next one counts from now, not
    // from 15 Oct (which would bring it back overdue, again and again).
    const globex = checkInOf(db, 'a-globex');
    assert.equal(globex.key, 'check_in:a-globex:2026-10-15');
    await d.waitForElement(item(globex.key));
    await d.click(`${item(globex.key)} [data-part=skip]`);
    await waitFor(async () => /skipped/.test((await toast(d)) ?? ''), { message: 'the Skip toast' });
    assert.match(await toast(d), /^Check-in skipped\. Next check-in: Wed,? 16 Dec\.Undo$/);
    assert.equal(checkInOf(db, 'a-globex').due_at, '2026-12-16T08:00:00Z');
    const dec = stored(db, 'a-globex').decisions[0];
    assert.deepEqual([dec.followup_key, dec.state, soon(dec.decided_at)], [globex.key, 'skipped', true]);
  });
});

test('a thank-you marked sent before the interview has ended asks first, then says when the next check-in is', async () => {
  const db = seededDb();
  const key = 'thank_you_email:i-1:c-dana';
  await withApp(db, async (d) => {
    await openToday(d);
    await d.executeScript('document.querySelector(arguments[0]).click()', `${item(key)} .open-editor`); // where it is now: Today may re-render
    await d.waitForElement(`dialog#editor[open][data-key="${key}"]`);
    await d.click('#editor-sent');
    // The template's gaps are asked about first.
    await d.waitForElement('#editor-confirm:not([hidden]) #editor-confirm-yes');
    await d.click('#editor-confirm-yes');
    await waitFor(async () => /interview ends/.test(await d.getText('#editor-confirm-text')), { message: 'the early question' });
    assert.equal(await d.getText('#editor-confirm-text'),
      'The interview ends Fri 4 Dec at 11:00. Record the thank-you as sent before it has ended?');
    assert.equal(stored(db, 'a-initech').messages.length, 0, 'nothing recorded before the yes');
    await d.click('#editor-confirm-yes');
    await waitFor(async () => /Marked as sent/.test((await toast(d)) ?? ''), { message: 'the sent toast' });
    // S = now (2 Dec), L = the interview's end (4 Dec): 4 Dec + 14 = Fri 18 Dec.
    assert.match(await toast(d), /^Marked as sent\. Next check-in: Fri,? 18 Dec\.Undo$/);
    assert.deepEqual(stored(db, 'a-initech').messages.map((m) => [soon(m.at), m.followup_key]), [[true, key]]);
  });
});

test('Delete application… names what goes, backs up first, and Undo brings it back as it was', async () => {
  const db = seededDb();
  const before = stored(db, 'a-initech');
  await withApp(db, async (d) => {
    // The machine's date format: a German desktop gets German dates.
    assert.match(await d.getText('[data-application-id="a-umbrella"]'), /12\. Jan\. 2027/);
    await d.click('[data-application-id="a-initech"] [aria-haspopup=menu][title="Move to…"]');
    await d.waitForElement('.menu [role=menuitem]');
    await d.executeScript('[...document.querySelectorAll(".menu [role=menuitem]")].find(b => b.textContent === "Delete application…").click()');
    await d.waitForElement('#delete-dialog[open]');
    assert.equal(await d.getText('#delete-what'), 'Delete Initech (Backend Engineer)? Its 1 contact and 1 interview go with it.');
    // Cancel keeps it.
    await d.click('#delete-cancel');
    assert.ok(stored(db, 'a-initech'));
    await d.click('[data-application-id="a-initech"] [aria-haspopup=menu][title="Move to…"]');
    await d.waitForElement('.menu [role=menuitem]');
    await d.executeScript('[...document.querySelectorAll(".menu [role=menuitem]")].find(b => b.textContent === "Delete application…").click()');
    await d.waitForElement('#delete-dialog[open]');
    const reads = () => d.executeScript('return window.__afterviewCalls.board');
    const readsBefore = await reads();
    await d.click('#delete-confirm');
    await waitFor(async () => /^Deleted Initech/.test((await toast(d)) ?? ''), { message: 'the deletion toast' });
    await waitFor(async () => (await d.findElements('[data-application-id="a-initech"]')).length === 0, { message: 'the card gone' });
    assert.equal(stored(db, 'a-initech'), undefined);
    assert.ok(!agenda(db).some((f) => f.application_id === 'a-initech'));
    const backups = readdirSync(join(dirname(db), 'backups')).filter((f) => f.endsWith('-before-delete.db'));
    assert.equal(backups.length, 1, 'a backup before the deletion');
    await d.click('#toast button'); // Undo
    await d.waitForElement('[data-application-id="a-initech"]', { timeout: 10_000 });
    assert.deepEqual(stored(db, 'a-initech'), before);
    assert.equal(await reads(), readsBefore, 'no board read: the card left, and came back, from the answers (issue 17)');
  }, { LANG: 'de_DE.UTF-8' });
});
