// Invitations and emails in, in the real window. WebDriver cannot drop files
// on a window, so the tests fire the drop handler's `ingest-drop` event with
// the payload Tauri's `tauri://drag-drop` carries (paths, position): from
// there on it is the drop's own path (ui/ingest.js → ingest_files → one
// transaction per file). The paste goes through a real `paste` event.
// Every outcome is checked in the window and in the database (CLI export).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { withBoard, runCli, waitFor, openDetail } from './harness.mjs';
import { seededDb, drop, fixture, env } from './ingest-helpers.mjs';

const withApp = (db, fn) => withBoard(db, env, fn);

const stored = (db, id) => {
  const r = runCli(['export', '-'], { db });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout).applications.find((a) => a.id === id);
};

const items = (d) => d.executeScript(`return [...document.querySelectorAll('#ingest-list .ingest-item')].map(li => ({ state: li.dataset.state, file: li.dataset.file, text: li.textContent }))`);
const itemFor = (d, file) => waitFor(async () => (await items(d)).find((i) => i.file === file), { timeout: 10_000, message: `the panel line for ${file}` });

test('a dropped invitation becomes an interview with its follow-ups, shown in the detail panel', async () => {
  const db = seededDb();
  await withApp(db, async (d) => {
    await drop(d, [fixture('google-invite.ics'), fixture('jobs.csv'), fixture('not-a-mail.txt')]);
    const it = await itemFor(d, 'google-invite.ics');
    assert.equal(it.state, 'done');
    assert.match(it.text, /^Interview logged for Acme: .*16:00–17:00 \(video\); 2 new contacts \(Dana Reyes, Omar Haddad\)$/, 'times in Berlin');
    const bad = await itemFor(d, 'not-a-mail.txt');
    assert.deepEqual([bad.state, bad.text], ['error', 'not-a-mail.txt: neither a calendar invitation (.ics) nor an email (.eml)']);
    assert.equal((await items(d)).length, 2, 'the .csv is left to the table import');

    const acme = stored(db, 'a-acme');
    assert.equal(acme.interviews.length, 1);
    assert.equal(acme.interviews[0].starts_at, '2026-12-01T15:00:00Z');
    assert.deepEqual(acme.contacts.map((c) => c.email), ['dana@acme.example', 'omar.haddad@acme.example']);

    // The board re-read: open Acme and see the interview and its follow-ups.
    await d.click('[data-application-id="a-acme"] .card-role');
    await d.waitForElement('#detail:not([hidden]) .iv-item');
    const detail = await d.getText('#detail');
    assert.match(detail, /Send a thank-you email[\s\S]*Dana Reyes/);
    assert.match(detail, /Omar Haddad/);
    assert.match(detail, /Prepare for the interview/);
    const keys = await d.executeScript(`return [...document.querySelectorAll('#detail .fu-item')].map(li => li.dataset.key)`);
    const iv = acme.interviews[0].id;
    for (const c of acme.contacts) assert.ok(keys.includes(`thank_you_email:${iv}:${c.id}`), keys.join(' '));
    assert.ok(keys.includes(`pre_interview:${iv}`));
  });
});

test('a dropped rejection asks first, and accepting the proposal moves the application to Rejected', async () => {
  const db = seededDb();
  await withApp(db, async (d) => {
    await drop(d, [fixture('rejection-base64.eml')]);
    await itemFor(d, 'rejection-base64.eml');
    const q = await d.waitForElement('.ingest-proposal');
    assert.match(await q.getText(), /^This looks like a rejection: move Initech to Rejected\?/);
    assert.equal(stored(db, 'a-initech').status, 'interviewing', 'nothing moves on its own');
    assert.equal(stored(db, 'a-initech').messages.length, 1, 'the email is logged');
    await d.click('.ingest-proposal button.primary');
    await waitFor(async () => (await d.executeScript('return document.body.dataset.lastMove')) === 'a-initech:rejected', { timeout: 10_000, message: 'the move' });
    await d.waitForElement('.ingest-proposal .ingest-done');
    assert.equal(stored(db, 'a-initech').status, 'rejected');
    const col = await d.executeScript(`return [...document.querySelectorAll('[data-status="rejected"] .card[data-application-id]')].map(c => c.dataset.applicationId)`);
    assert.deepEqual(col, ['a-initech']);
  });
});

test('an unmatched invitation waits for the user to pick; a drop on the detail panel is for that application; a pasted invitation is matched like a file', async () => {
  const db = seededDb();
  await withApp(db, async (d) => {
    await drop(d, [fixture('calendly-invite.ics')]);
    const it = await itemFor(d, 'calendly-invite.ics');
    assert.equal(it.state, 'unmatched');
    assert.deepEqual(stored(db, 'a-umbrella').interviews, [], 'written nowhere until picked');
    // Picking nothing is refused beside the picker.
    await d.click('.ingest-item.unmatched button.primary');
    await d.waitForElement('.ingest-item.unmatched .field-error:not([hidden])');
    await d.executeScript(`const s = document.querySelector('.ingest-item.unmatched select'); s.value = 'a-umbrella'; s.dispatchEvent(new Event('change'));`);
    await d.click('.ingest-item.unmatched button.primary');
    await waitFor(async () => (await items(d)).some((i) => i.file === 'calendly-invite.ics' && i.state === 'done'), { timeout: 10_000, message: 'logged after the pick' });
    const iv = stored(db, 'a-umbrella').interviews;
    assert.deepEqual([iv.length, iv[0]?.format, iv[0]?.starts_at], [1, 'phone', '2026-12-07T16:00:00Z']);

    // Dropped on Globex's detail panel: for Globex, though nothing in it points there.
    await openDetail(d, 'a-globex');
    await drop(d, [fixture('apple-invite.ics')], '#detail');
    await waitFor(async () => (await items(d)).some((i) => i.file === 'apple-invite.ics' && i.state === 'done'), { timeout: 10_000, message: 'logged for Globex' });
    assert.equal(stored(db, 'a-globex').interviews[0].format, 'onsite');
    await d.waitForElement('#detail .iv-item');

    // An invitation pasted as text (outside any field), while Globex is open: matched to Initech by Jonas's address.
    const text = readFileSync(fixture('outlook-invite.ics'), 'utf8');
    await d.executeScript(`const dt = new DataTransfer(); dt.setData('text/plain', arguments[0]);
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));`, text);
    await waitFor(async () => (await items(d)).some((i) => i.file === 'pasted invitation'), { timeout: 10_000, message: 'the pasted invitation' });
    const initech = stored(db, 'a-initech');
    assert.deepEqual([initech.interviews.length, initech.interviews[0]?.starts_at], [1, '2026-12-03T13:00:00Z']);
    assert.equal(stored(db, 'a-globex').interviews.length, 1, 'not for the open application');
  });
});

test('Settings edits your email addresses, refusing a bad one beside the field', async () => {
  const db = seededDb();
  await withApp(db, async (d) => {
    await d.click('#tab-settings');
    await waitFor(async () => (await d.getProperty('#s-emails', 'value')) === 'sam.lee@mail.example', { message: 'the stored address shown' });
    await d.sendKeys('#s-emails', ', sam at work');
    await d.click('#settings-form button[type=submit]');
    await d.waitForElement('#s-emails-error:not([hidden])');
    assert.equal(await d.getText('#s-emails-error'), '“sam” is not an email address like you@example.org.');
    assert.equal(await d.getProperty('#s-emails', 'value'), 'sam.lee@mail.example, sam at work', 'what was typed stays');
    await d.clear('#s-emails');
    await d.sendKeys('#s-emails', 'sam.lee@mail.example, Sam@Work.example');
    await d.click('#settings-form button[type=submit]');
    await waitFor(async () => (await d.getText('#settings-saved')).startsWith('Saved'), { message: 'saved' });
    const r = runCli(['settings', '--json'], { db, env });
    assert.deepEqual(JSON.parse(r.stdout).my_emails, ['sam.lee@mail.example', 'sam@work.example']);
  });
});
