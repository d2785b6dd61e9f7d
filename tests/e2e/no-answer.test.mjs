// Rule R9 in the real app: applications with three unanswered check-ins show
// "No answer — close it or keep waiting?" in Today and in the detail panel,
// with Keep waiting and Close. Close moves the application to the archive as
// "No answer" (Undo brings it and the question back); Keep waiting brings a
// check-in back. The setting is refused out of bounds beside its field.
// The database is checked through the CLI (`afterview export`, `agenda --json`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBoard, seedDb, exported, agendaAt, waitFor } from './harness.mjs';

// Monday 28 Dec 2026, 11:00 in Berlin: the question is due since 09:00.
const NOW = '2026-12-28T10:00:00Z';
const env = { AFTERVIEW_NOW: NOW, TZ: 'Europe/Berlin' };

/** Applied Mon 2 Nov; check-ins due 16 Nov, 30 Nov and 14 Dec, each sent, no reply. */
function silent(id, company) {
  const sent = (day) => ({
    at: `${day}T09:30:00Z`, direction: 'sent', channel: 'email', followup_key: `check_in:${id}:${day}`,
    contact_id: null, body: 'Just checking in.',
  });
  return {
    id, company, role: 'Backend Engineer', status: 'applied', applied_at: '2026-11-02T10:00:00Z',
    job_url: null, location: null, source: null, notes: '', contacts: [], interviews: [], decisions: [],
    status_changes: [{ at: '2026-11-02T10:00:00Z', from: null, to: 'applied' }],
    messages: ['2026-11-16', '2026-11-30', '2026-12-14'].map(sent),
  };
}

function seededDb() {
  return seedDb({
    afterview: 1,
    settings: { checkin_cadence_days: 14, quiet_hours: ['21:00', '08:00'], physical_note_default: false, pre_interview_minutes: 60, no_answer_after_checkins: 3 },
    applications: [silent('a-acme', 'Acme'), silent('a-globex', 'Globex'), silent('a-initech', 'Initech')],
  }, env);
}

const withApp = (db, fn) => withBoard(db, env, fn);

const stored = (db, id) => exported(db).applications.find((a) => a.id === id);
const agendaKeys = (db) => agendaAt(db, NOW, env).map((f) => f.key);
/** Clicks `css`, finding it again if Today re-rendered between the find and the click. */
async function press(d, css) {
  for (let i = 0; ; i++) {
    try {
      await d.waitForElement(css);
      return await d.click(css);
    } catch (e) {
      if (i >= 3 || !/stale element/.test(e.message)) throw e;
    }
  }
}
const row = (key) => `#today li[data-key="${key}"]`;
const buttons = (d, css) => d.executeScript(
  `return [...document.querySelectorAll(arguments[0] + ' .actions button, ' + arguments[0] + ' .row-actions button')].map(b => b.textContent)`, css);

test('Today: three unanswered check-ins show the question; Close archives as "No answer" with Undo; Keep waiting brings a check-in back', async () => {
  const db = seededDb();
  const keys = agendaKeys(db);
  for (const id of ['a-acme', 'a-globex', 'a-initech']) {
    assert.ok(keys.includes(`no_answer:${id}:2026-12-28`), keys.join(' '));
    assert.ok(!keys.some((k) => k.startsWith(`check_in:${id}:`)), 'no more check-ins');
  }
  await withApp(db, async (d) => {
    await d.click('#tab-today');
    await d.waitForElement(row('no_answer:a-acme:2026-12-28'));
    assert.equal(await d.getText(`${row('no_answer:a-acme:2026-12-28')} .what`), 'No answer — close it or keep waiting?');
    assert.deepEqual(await buttons(d, row('no_answer:a-acme:2026-12-28')), ['Keep waiting', 'Close', 'Snooze…']);
    // The board's card badge says so too.
    assert.match(await d.executeScript('return document.querySelector(\'[data-application-id="a-acme"] .badge\').textContent'), /No answer\?/);

    // Close: off the board, into the archive as "No answer".
    await press(d, `${row('no_answer:a-acme:2026-12-28')} button[aria-label="Close Acme: no answer"]`);
    await waitFor(async () => /Moved Acme to No answer \(archived\)/.test(await d.getText('#toast')), { message: 'the close toast' });
    await waitFor(() => stored(db, 'a-acme').status === 'ghosted', { message: 'Acme stored as ghosted' });
    const change = stored(db, 'a-acme').status_changes.at(-1);
    assert.deepEqual([change.from, change.to], ['applied', 'ghosted']);
    assert.ok(change.at >= NOW && change.at < '2026-12-28T10:05:00Z', change.at); // the app's clock runs on from NOW
    assert.ok(!agendaKeys(db).some((k) => k.includes('a-acme')), 'no follow-ups once closed');
    await waitFor(async () => !(await d.executeScript(`return !!document.querySelector(arguments[0])`, row('no_answer:a-acme:2026-12-28'))),
      { message: 'the question left Today' });

    // Undo from the toast: back on the board, and the question with it.
    await d.click('#toast button');
    await waitFor(() => stored(db, 'a-acme').status === 'applied', { message: 'undo stored' });
    assert.ok(agendaKeys(db).includes('no_answer:a-acme:2026-12-28'), 'the question is back');
    await d.waitForElement(row('no_answer:a-acme:2026-12-28'));

    // Close again, and find it in the archive.
    await press(d, `${row('no_answer:a-acme:2026-12-28')} button[aria-label="Close Acme: no answer"]`);
    await waitFor(() => stored(db, 'a-acme').status === 'ghosted', { message: 'Acme closed again' });
    await d.click('#tab-board');
    await d.click('#show-archive');
    await d.waitForElement('.archive-item[data-application-id="a-acme"]');
    assert.equal(await d.getText('.archive-item[data-application-id="a-acme"] .status-chip'), 'No answer');

    // Keep waiting on Globex: the question closes, one check-in comes back two weeks on.
    await d.click('#show-board');
    await d.click('#tab-today');
    await press(d, `${row('no_answer:a-globex:2026-12-28')} button[aria-label="Keep waiting for Globex"]`);
    await waitFor(async () => /Keeping Globex open: one more check-in/.test(await d.getText('#toast')), { message: 'the keep-waiting toast' });
    await d.waitForElement(row('check_in:a-globex:2027-01-11'));
    assert.equal(await d.getText(`${row('check_in:a-globex:2027-01-11')} .what`), 'Check in on your application');
    const g = stored(db, 'a-globex');
    assert.deepEqual(g.decisions.map((x) => [x.followup_key, x.state]), [['no_answer:a-globex:2026-12-28', 'done']]);
    assert.equal(g.status, 'applied');
    const after = agendaKeys(db);
    assert.ok(after.includes('check_in:a-globex:2027-01-11') && !after.includes('no_answer:a-globex:2026-12-28'), after.join(' '));

    // Undo from the toast: the question is open again, the check-in gone.
    await d.click('#toast button');
    await waitFor(() => stored(db, 'a-globex').decisions[0]?.state === 'open', { message: 'keep waiting undone' });
    await d.waitForElement(row('no_answer:a-globex:2026-12-28'));
    assert.ok(!agendaKeys(db).includes('check_in:a-globex:2027-01-11'), 'the extra check-in went with it');

    // The card's follow-up menu answers too: Close from Globex's badge.
    await d.click('#tab-board');
    await press(d, '[data-application-id="a-globex"] .badge');
    await d.waitForElement('.menu [role=menuitem]');
    const items = await d.executeScript('return [...document.querySelectorAll(".menu [role=menuitem]")].map(b => b.textContent)');
    assert.deepEqual(items.slice(0, 2), ['Keep waiting', 'Close: move to No answer (archive)']);
    await d.executeScript('[...document.querySelectorAll(".menu [role=menuitem]")].find(b => b.textContent.startsWith("Close")).click()');
    await waitFor(() => stored(db, 'a-globex').status === 'ghosted', { message: 'Globex closed from its badge' });
    await waitFor(async () => /Moved Globex to No answer \(archived\)/.test(await d.getText('#toast')), { message: 'the move toast' });
  });
});

test('the question opens the detail panel from Today, which offers the same two answers; Close there archives Initech', async () => {
  const db = seededDb();
  await withApp(db, async (d) => {
    // In Today the question's title has nothing to write: it opens the application.
    await d.click('#tab-today');
    await press(d, `${row('no_answer:a-initech:2026-12-28')} .open-details`);
    await d.waitForElement('#detail:not([hidden])');
    assert.equal(await d.getText('#detail-title'), 'Initech');
    assert.equal(await d.executeScript('return !!document.querySelector("dialog#editor[open]")'), false, 'no editor for the question');
    const item = '#detail .fu-item[data-key="no_answer:a-initech:2026-12-28"]';
    await d.waitForElement(item);
    assert.equal(await d.getText(`${item} .what`), 'No answer — close it or keep waiting?');
    assert.deepEqual(await buttons(d, item), ['Keep waiting', 'Close', 'More…']);
    await press(d, `${item} button[aria-label="Close Initech: no answer"]`);
    await waitFor(() => stored(db, 'a-initech').status === 'ghosted', { message: 'Initech closed' });
    await waitFor(async () => (await d.getText('#detail .status-chip')) === 'No answer', { message: 'the panel shows No answer' });
  });
});

test('Settings refuses fewer than 2 or more than 10 unanswered check-ins beside the field, and saves 4', async () => {
  const db = seededDb();
  await withApp(db, async (d) => {
    await d.click('#tab-settings');
    await waitFor(async () => (await d.getProperty('#s-no-answer', 'value')) === '3', { message: 'the setting loaded' });
    for (const [bad, why] of [['1', /At least 2/], ['11', /At most 10/], ['', /whole number/]]) {
      await d.clear('#s-no-answer');
      if (bad) await d.sendKeys('#s-no-answer', bad);
      await d.click('#settings-form button[type=submit]');
      await d.waitForElement('#s-no-answer-error:not([hidden])');
      assert.match(await d.getText('#s-no-answer-error'), why);
      assert.equal(await d.getProperty('#s-no-answer', 'value'), bad, 'what was typed is kept');
      assert.equal(exported(db).settings.no_answer_after_checkins, 3, 'nothing saved');
    }
    await d.clear('#s-no-answer');
    await d.sendKeys('#s-no-answer', '4');
    await d.click('#settings-form button[type=submit]');
    await waitFor(() => exported(db).settings.no_answer_after_checkins === 4, { message: 'saved' });
    // Three unanswered is no longer enough: the check-ins are back.
    const keys = agendaKeys(db);
    assert.ok(keys.includes('check_in:a-acme:2026-12-28') && !keys.some((k) => k.startsWith('no_answer:')), keys.join(' '));
  });
});
