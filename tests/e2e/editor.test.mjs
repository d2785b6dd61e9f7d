// The note editor in the real app: drafts that survive a restart, "Mark as
// sent" closing a follow-up and moving the next check-in (R5), a printed
// note saved as a PDF with real text on A6 paper, the mail client handed a
// correct mailto:, and markup in a company name shown as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFromToday, startApp, tmpDb, runCli, waitFor } from './harness.mjs';

const NOW = '2026-11-26T10:00:00Z'; // Thursday, 11:00 in Berlin
const env = { AFTERVIEW_NOW: NOW, TZ: 'Europe/Berlin' };
const XSS = '<img src=x onerror=alert(1)>';

// Acme: an on-site interview yesterday (Wed 25 Nov, 15:00–16:00 Berlin) with
// Dana, who agreed to connect; a printed note planned.
const doc = {
  afterview: 1,
  applications: [
    {
      id: 'a1', company: 'Acme Robotics', role: 'Backend Engineer', status: 'interviewing',
      applied_at: '2026-11-02T10:00:00Z',
      contacts: [{ id: 'c1', name: 'Dana Reyes', title: 'Hiring Manager', email: 'dana@acme.example',
        linkedin_url: 'https://www.linkedin.com/in/dana-reyes', linkedin_consent: 'yes' }],
      interviews: [{ id: 'i1', starts_at: '2026-11-25T14:00:00Z', ends_at: '2026-11-25T15:00:00Z', format: 'onsite',
        interviewer_ids: ['c1'], physical_note: true, next_steps: 'a second round with the team' }],
      status_changes: [{ at: '2026-11-18T09:00:00Z', from: 'applied', to: 'interviewing' }],
    },
    {
      id: 'a2', company: XSS, role: 'QA <b>Lead</b>', status: 'interviewing', applied_at: '2026-11-03T10:00:00Z',
      contacts: [{ id: 'c2', name: 'Eve "<script>" Smith', email: 'eve@evil.example', linkedin_consent: 'no' }],
      interviews: [{ id: 'i2', starts_at: '2026-11-24T09:00:00Z', ends_at: '2026-11-24T10:00:00Z', format: 'video',
        interviewer_ids: ['c2'] }],
    },
  ],
};

function seededDb() {
  const db = tmpDb();
  const file = join(mkdtempSync(join(tmpdir(), 'afterview-doc-')), 'doc.json');
  writeFileSync(file, JSON.stringify(doc));
  const r = runCli(['import', file], { db, env });
  assert.equal(r.status, 0, r.stderr);
  return db;
}

const agenda = (db, now = NOW) => {
  const r = runCli(['agenda', '--json', '--now', now], { db, env });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout).followups;
};
const exported = (db) => {
  const r = runCli(['export', '-'], { db, env });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
};

async function withApp(db, fn, extraEnv = {}) {
  const app = await startApp({ db, env: { ...env, ...extraEnv } });
  try {
    await app.driver.waitForElement('body[data-board-ready=true]', { timeout: 15_000 });
    return await fn(app.driver, app);
  } finally {
    await app.stop();
  }
}

test('an edited thank-you draft is saved within a second and is there after a restart', async () => {
  const db = seededDb();
  const key = 'thank_you_email:i1:c1';
  await withApp(db, async (d) => {
    await openFromToday(d, key);
    const body = await d.getProperty('#editor-body', 'value');
    assert.match(body, /^Dear Dana,\n\nThank you for taking the time to meet me on Wednesday 25 November/);
    assert.match(body, /the next step would be a second round with the team\./);
    assert.equal(await d.getProperty('#editor-subject', 'value'), 'Thank you for the Backend Engineer interview');
    assert.equal(await d.getProperty('#editor-to', 'value'), 'dana@acme.example');
    // The gaps only the user can fill are listed.
    assert.deepEqual(await d.executeScript('return [...document.querySelectorAll("#editor-gaps .gap")].map(b => b.textContent)'),
      ['[the project you discussed]', '[one thing you would bring to the role]', '[your name]']);

    // Type at the end of the text, then stop typing.
    await d.executeScript('const t = document.querySelector("#editor-body"); t.focus(); t.setSelectionRange(t.value.length, t.value.length);');
    await d.sendKeys('#editor-body', '\nP.S. Loved the robot arm demo.');
    const typedAt = Date.now();
    await waitFor(() => {
      const dec = exported(db).applications[0].decisions?.find((x) => x.followup_key === key);
      return dec?.draft?.endsWith('P.S. Loved the robot arm demo.');
    }, { timeout: 5_000, interval: 100, message: 'draft in the database' });
    const savedAfter = Date.now() - typedAt;
    console.log(`# draft in the database ${savedAfter} ms after the last keystroke`);
    assert.ok(savedAfter < 1_500, `saved ${savedAfter} ms after typing stopped (autosave 600 ms + one CLI export)`);
    await waitFor(async () => (await d.getText('#editor-saved')).startsWith('Draft saved'));
    // The state stays open: still on the agenda, still due when it was.
    assert.ok(agenda(db).some((f) => f.key === key && f.due_at === '2026-11-25T15:00:00Z'));
    const dec = exported(db).applications[0].decisions.find((x) => x.followup_key === key);
    assert.equal(dec.state, 'open');
    assert.match(dec.draft, /^Subject: Thank you for the Backend Engineer interview\n\nDear Dana,/);
  });
  // Quit, start again: the edit is there.
  await withApp(db, async (d) => {
    await openFromToday(d, key);
    assert.match(await d.getProperty('#editor-body', 'value'), /P\.S\. Loved the robot arm demo\.$/);
    assert.equal(await d.getText('#editor-saved'), 'Your saved draft');
  });
});

test('mark as sent records the message, closes the follow-up and moves the check-in as R5 says', async () => {
  const db = seededDb();
  const key = 'thank_you_email:i1:c1';
  // Before: L = interview end (Wed 25 Nov), nothing sent: 25 Nov + 14 days = Wed 9 Dec, 09:00 Berlin.
  const before = agenda(db).find((f) => f.kind === 'check_in' && f.application_id === 'a1');
  assert.equal(before.key, 'check_in:a1:2026-12-09');
  assert.equal(before.due_at, '2026-12-09T08:00:00Z');
  await withApp(db, async (d) => {
    await openFromToday(d, key);
    await d.click('#editor-sent');
    // Gaps are left: it asks first, inline.
    await d.waitForElement('#editor-confirm:not([hidden])');
    assert.match(await d.getText('#editor-confirm-text'), /3 gaps are still in brackets/);
    await d.click('#editor-confirm-yes');
    await waitFor(async () => !(await d.executeScript('return document.querySelector("dialog#editor").open')),
      { message: 'editor closes' });
    await waitFor(async () => !(await d.executeScript(`return !!document.querySelector('.agenda-item[data-key="${key}"]')`)),
      { message: 'the sent follow-up leaves Today' });
  });
  const now = agenda(db);
  assert.ok(!now.some((f) => f.key === key), 'closed');
  // After: L = S = Thu 26 Nov (sent now): base 26 Nov + 14 = Thu 10 Dec, later than S + 7 days.
  const after = now.find((f) => f.kind === 'check_in' && f.application_id === 'a1');
  assert.equal(after.key, 'check_in:a1:2026-12-10');
  assert.equal(after.due_at, '2026-12-10T08:00:00Z');
  const m = exported(db).applications[0].messages.find((x) => x.followup_key === key);
  assert.equal(m.direction, 'sent');
  assert.equal(m.channel, 'email');
  assert.equal(m.contact_id, 'c1');
  assert.ok(Math.abs(Date.parse(m.at) - Date.parse(NOW)) < 120_000, `sent at ${m.at}`);
  assert.match(m.body, /^Subject: Thank you for the Backend Engineer interview\n\nDear Dana,/);
});

test('"Save as PDF" of a printed note on an A6 card writes a searchable A6 PDF', async () => {
  const db = seededDb();
  const key = 'thank_you_note:i1';
  const pdf = join(mkdtempSync(join(tmpdir(), 'afterview-pdf-')), 'note.pdf');
  await withApp(db, async (d) => {
    await openFromToday(d, key);
    assert.match(await d.getProperty('#editor-body', 'value'), /^Dear Dana,\n\nThank you for meeting me on Wednesday 25 November\./);
    await d.executeScript('const s = document.querySelector("#note-layout"); s.value = "card_a6"; s.dispatchEvent(new Event("change"));');
    await d.executeScript(`const t = document.querySelector('#editor-body');
      t.value = t.value.replace('[something they told you]', 'your plans for the Lisbon office');
      t.dispatchEvent(new Event('input'));`);
    // "Save as PDF…" with a path (the file chooser is the system's).
    const r = await d.executeAsyncScript(`const done = arguments[arguments.length - 1];
      import('./editor.js').then(m => m.savePdf(arguments[0])).then(r => done(r), e => done({ error: e.message }));`, pdf);
    assert.equal(r.error, undefined, r.error);
    assert.equal(r.path, pdf);
    console.log(`# WebKit print to PDF took ${r.millis} ms`);
    // Printing did not disturb the editor.
    assert.equal(await d.executeScript('return document.querySelector("dialog#editor").open'), true);
  });
  assert.ok(existsSync(pdf) && statSync(pdf).size > 1000, 'PDF written');
  const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  assert.equal(text.status, 0, text.stderr);
  const flat = text.stdout.replace(/\s+/g, ' ');
  assert.match(flat, /Dear Dana,/);
  assert.match(flat, /Thank you for meeting me on Wednesday 25 November\./);
  assert.match(flat, /your plans for the Lisbon office/);
  // Only the note: nothing of the app around it.
  assert.doesNotMatch(flat, /Mark as|Today|Board|Save as PDF/);
  const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
  assert.equal(info.status, 0, info.stderr);
  const m = info.stdout.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/);
  assert.ok(m, info.stdout);
  assert.ok(Math.abs(Number(m[1]) - 297.64) <= 1 && Math.abs(Number(m[2]) - 419.53) <= 1, `A6 is 297.64 x 419.53 pts, got ${m[1]} x ${m[2]}`);
  assert.match(info.stdout, /Pages:\s+1\n/);
  // The bundled serif is embedded (pdffonts lists it).
  const fonts = spawnSync('pdffonts', [pdf], { encoding: 'utf8' });
  assert.match(fonts.stdout, /SourceSerif4/i);
});

test('"Open in mail app" hands the system a correct mailto: URL', async () => {
  const db = seededDb();
  // A stand-in for xdg-open that records what it was asked to open.
  const bin = mkdtempSync(join(tmpdir(), 'afterview-bin-'));
  const log = join(bin, 'opened.txt');
  writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$1" >> '${log}'\n`);
  chmodSync(join(bin, 'xdg-open'), 0o755);
  await withApp(db, async (d) => {
    await openFromToday(d, 'thank_you_email:i1:c1');
    await d.clear('#editor-subject');
    await d.sendKeys('#editor-subject', 'Thanks & next steps? #1');
    await d.executeScript(`const t = document.querySelector('#editor-body');
      t.value = 'Dear Dana,\\nCafé talk was great & useful.\\n\\nAlex'; t.dispatchEvent(new Event('input'));`);
    await d.click('#editor-mail');
    await waitFor(() => existsSync(log), { timeout: 10_000, message: 'xdg-open called' });
    assert.match(await d.getText('#editor-saved'), /Handed to your mail app/);
  }, { PATH: `${bin}:${process.env.PATH}` });
  assert.equal(readFileSync(log, 'utf8').trim(),
    'mailto:dana@acme.example?subject=Thanks%20%26%20next%20steps%3F%20%231'
    + '&body=Dear%20Dana%2C%0D%0ACaf%C3%A9%20talk%20was%20great%20%26%20useful.%0D%0A%0D%0AAlex');
});

test('"Copy" puts the message, composed, on the desktop clipboard (read back with xclip)', async () => {
  const db = seededDb();
  await withApp(db, async (d) => {
    await openFromToday(d, 'thank_you_email:i1:c1');
    // "Café" typed decomposed (e + combining acute): the clipboard gets the composed form.
    await d.executeScript(`const t = document.querySelector('#editor-body');
      t.value = 'Dear Dana,\\nCafe\u0301 talk was great & <b>useful</b>.'; t.dispatchEvent(new Event('input'));`);
    await d.click('#editor-copy');
    await waitFor(async () => /Copied to the clipboard/.test(await d.getText('#editor-saved')), { timeout: 10_000, message: 'copied' });
    let pasted = '';
    // The app owns the selection while it runs: xclip asks it over X, like any paste.
    await waitFor(() => {
      const r = spawnSync('xclip', ['-o', '-selection', 'clipboard'], { encoding: 'utf8', timeout: 5_000 });
      pasted = r.stdout;
      return r.status === 0 && pasted.length > 0;
    }, { timeout: 10_000, message: 'something on the clipboard' });
    assert.equal(pasted, 'Dear Dana,\nCaf\u00e9 talk was great & <b>useful</b>.');
  });
});

test('a company named like markup shows literally in the editor, and nothing runs', async () => {
  const db = seededDb();
  await withApp(db, async (d) => {
    await d.executeScript('window.__alerted = false; window.alert = () => { window.__alerted = true; };');
    await openFromToday(d, 'thank_you_email:i2:c2');
    const who = await d.getText('.editor-who');
    assert.ok(who.includes(XSS), who);
    assert.ok(who.includes('QA <b>Lead</b>'), who);
    assert.ok(who.includes('Eve "<script>" Smith'), who);
    assert.match(await d.getProperty('#editor-body', 'value'), /role at <img src=x onerror=alert\(1\)>\. /);
    assert.equal(await d.executeScript('return document.querySelectorAll("dialog#editor img, dialog#editor b, dialog#editor script").length'), 0);
    assert.equal(await d.executeScript('return window.__alerted'), false);
  });
});
