// The board in the real app: a real pointer drag (WebDriver pointer
// actions), the keyboard path, the "Move to…" menu, Undo, the archive and
// the detail panel. After each move the database is checked through the CLI
// (`afterview export`), and after a rejection the agenda through
// `afterview agenda --json`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seedApp, withBoard, seedDb, exported, agendaAt, waitFor, Key, openDetail, fillContact } from './harness.mjs';

const NOW = '2026-11-26T10:00:00Z'; // a Thursday
const env = { AFTERVIEW_NOW: NOW, TZ: 'Europe/Berlin' };

const app = (id, company, status = 'applied') => seedApp(id, company, status, '2026-11-20T10:00:00Z');

/** A database holding Acme, Globex and Initech in Applied and Umbrella in Offer. */
function seededDb() {
  return seedDb({
    afterview: 1,
    settings: { checkin_cadence_days: 14, quiet_hours: ['21:00', '08:00'], physical_note_default: false, pre_interview_minutes: 60 },
    applications: [app('a-acme', 'Acme'), app('a-globex', 'Globex'), app('a-initech', 'Initech'), app('a-umbrella', 'Umbrella', 'offer')],
  }, env);
}

/** Runs `fn(driver, db)` in the app on `db`, a fresh seeded database unless given. */
const withApp = (fn, db = seededDb()) => withBoard(db, env, (d) => fn(d, db));

const stored = (db, id) => exported(db).applications.find((a) => a.id === id);
const agendaKeys = (db, now) => agendaAt(db, now, env).map((f) => f.key);
const column = (d, status) => d.executeScript(
  `return [...document.querySelectorAll('[data-status="${status}"] .card[data-application-id]')].map(c => c.dataset.applicationId)`);
const moved = (d, id, to) => waitFor(async () => (await d.executeScript('return document.body.dataset.lastMove')) === `${id}:${to}`,
  { timeout: 10_000, message: `move of ${id} to ${to}` });
const rect = (d, css) => d.executeScript(
  `const r = document.querySelector(arguments[0]).getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}`, css);

test('a real pointer drag moves Acme from Applied to Rejected; the agenda holds the keep-CV reply and no check-in; Undo restores it', async () => {
  const db = seededDb();
  assert.ok(agendaKeys(db, NOW).includes('check_in:a-acme:2026-12-04'), 'a check-in before the move');
  await withBoard(db, env, async (d) => {
    assert.deepEqual(await column(d, 'applied'), ['a-acme', 'a-globex', 'a-initech']);
    const from = await rect(d, '[data-application-id="a-acme"]');
    const to = await rect(d, '[data-status="rejected"] .cards');
    const x0 = Math.round(from.x + from.w / 2), y0 = Math.round(from.y + from.h / 2);
    const x1 = Math.round(to.x + to.w / 2), y1 = Math.round(to.y + 40);
    const path = [];
    for (let i = 1; i <= 10; i++) {
      path.push({ type: 'pointerMove', duration: 40, origin: 'viewport', x: Math.round(x0 + ((x1 - x0) * i) / 10), y: Math.round(y0 + ((y1 - y0) * i) / 10) });
    }
    // Hold the pointer over the target and check the highlight mid-drag.
    await d.performActions([{
      type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' },
      actions: [
        { type: 'pointerMove', duration: 0, origin: 'viewport', x: x0, y: y0 },
        { type: 'pointerDown', button: 0 },
        { type: 'pause', duration: 60 },
        ...path,
      ],
    }]);
    const during = await d.executeScript(`return {
      ghost: !!document.querySelector('.drag-ghost'),
      target: document.querySelector('.column.drop-target')?.dataset.status,
      marker: document.querySelector('.drop-marker')?.closest('[data-status]')?.dataset.status }`);
    assert.deepEqual(during, { ghost: true, target: 'rejected', marker: 'rejected' });
    await d.performActions([{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [{ type: 'pointerUp', button: 0 }] }]);
    await d.releaseActions();
    await moved(d, 'a-acme', 'rejected');
    assert.deepEqual(await column(d, 'rejected'), ['a-acme']);
    assert.deepEqual(await column(d, 'applied'), ['a-globex', 'a-initech']);
    assert.equal(await d.executeScript('return document.querySelector(".drag-ghost")'), null, 'the copy is gone');
    // The effect shows at once: check-ins stopped, the keep-CV reply ready.
    const toast = await d.getText('#toast');
    assert.match(toast, /Moved Acme to Rejected/);
    assert.match(toast, /Check-ins stopped/);
    assert.match(await d.executeScript('return document.querySelector(\'[data-application-id="a-acme"] .badge\').textContent'), /Keep CV on file/);

    const a = stored(db, 'a-acme');
    assert.equal(a.status, 'rejected');
    assert.deepEqual(a.status_changes.at(-1).from, 'applied');
    assert.deepEqual(a.status_changes.at(-1).to, 'rejected');
    const keys = agendaKeys(db, '2026-11-28T10:00:00Z');
    assert.ok(keys.includes('keep_cv_on_file:a-acme'), keys.join(' '));
    assert.ok(!keys.some((k) => k.startsWith('check_in:a-acme')), keys.join(' '));

    await d.click('#toast button');
    await waitFor(async () => (await column(d, 'applied')).includes('a-acme'), { message: 'Acme back in Applied' });
    assert.deepEqual(await column(d, 'applied'), ['a-acme', 'a-globex', 'a-initech'], 'back at its old place');
    await waitFor(() => stored(db, 'a-acme').status === 'applied', { message: 'undo stored' });
    assert.equal(stored(db, 'a-acme').status_changes.length, 1, 'the status change is gone');
    assert.ok(agendaKeys(db, NOW).includes('check_in:a-acme:2026-12-04'), 'the check-in is back');
  });
});

test('Escape cancels a pointer drag and nothing is stored', async () => {
  await withApp(async (d, db) => {
    const from = await rect(d, '[data-application-id="a-globex"]');
    const to = await rect(d, '[data-status="offer"] .cards');
    const x0 = Math.round(from.x + from.w / 2), y0 = Math.round(from.y + from.h / 2);
    await d.performActions([{
      type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' },
      actions: [
        { type: 'pointerMove', duration: 0, origin: 'viewport', x: x0, y: y0 },
        { type: 'pointerDown', button: 0 },
        { type: 'pointerMove', duration: 80, origin: 'viewport', x: x0 + 30, y: y0 + 10 },
        { type: 'pointerMove', duration: 80, origin: 'viewport', x: Math.round(to.x + to.w / 2), y: Math.round(to.y + 30) },
      ],
    }]);
    assert.equal(await d.executeScript('return !!document.querySelector(".drag-ghost")'), true);
    await d.performActions([{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value: Key.ESCAPE }, { type: 'keyUp', value: Key.ESCAPE }] }]);
    await d.performActions([{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [{ type: 'pointerUp', button: 0 }] }]);
    await d.releaseActions();
    assert.equal(await d.executeScript('return !!document.querySelector(".drag-ghost, .drop-marker")'), false);
    assert.deepEqual(await column(d, 'applied'), ['a-acme', 'a-globex', 'a-initech']);
    await waitFor(async () => /cancelled/.test(await d.executeScript('return document.querySelector("#announce").textContent')), { message: 'cancel announced' });
    assert.equal(await d.executeScript('return document.querySelector("#detail").hidden'), true, 'the drag did not open the card');
    assert.equal(stored(db, 'a-globex').status, 'applied');
  });
});

test('the keyboard moves Globex from Applied to Interviewing, announcing each step, and the interview form opens', async () => {
  await withApp(async (d, db) => {
    await d.executeScript('document.querySelector(\'[data-application-id="a-globex"]\').focus()');
    // The live region is visually hidden (1 px, clipped): read its text, not its rendering.
    const heard = [];
    const listen = async () => heard.push(await waitFor(async () => {
      const t = await d.executeScript('return document.querySelector("#announce").textContent');
      return t && t !== heard.at(-1) ? t : null;
    }, { message: 'an announcement' }));
    await d.pressKeys(Key.SPACE);
    await listen();
    assert.match(heard.at(-1), /^Lifted Globex, in Applied, position 2 of 3/);
    assert.equal(await d.executeScript('return document.activeElement.classList.contains("lifted")'), true);
    await d.pressKeys(Key.ARROW_UP);
    await listen();
    assert.equal(heard.at(-1), 'Globex: Applied, position 1 of 3.');
    await d.pressKeys(Key.ARROW_RIGHT);
    await listen();
    assert.equal(heard.at(-1), 'Globex: Interviewing, position 1 of 1.');
    await d.pressKeys(Key.SPACE);
    await moved(d, 'a-globex', 'interviewing');
    assert.deepEqual(await column(d, 'interviewing'), ['a-globex']);
    assert.equal(stored(db, 'a-globex').status, 'interviewing');
    // Moving to Interviewing opens the interview form in the detail panel.
    await d.waitForElement('#detail:not([hidden]) #di-form');
    assert.equal(await d.getText('#detail-title'), 'Globex');
    assert.match(await d.getText('#di-form .reminder'), /next steps.*LinkedIn/s);
  });
});

test('a board read that arrives during a keyboard move does not put the card back when it is dropped', async () => {
  await withApp(async (d, db) => {
    await d.executeScript('document.querySelector(\'[data-application-id="a-initech"]\').focus()');
    await d.pressKeys(Key.SPACE);
    await d.pressKeys(Key.ARROW_RIGHT);
    // A re-read of the whole board (as after a reminder or an edit elsewhere)
    // while the card is lifted: it holds the board as it was before the drop.
    await d.executeScript('document.dispatchEvent(new CustomEvent("followups-changed"))');
    await new Promise((r) => setTimeout(r, 600));
    // From the moment the move is stored, watch every change of the board:
    // the card must never show in Applied again, not even for a moment.
    await d.executeScript(`window.__backInApplied = 0;
      new MutationObserver(() => {
        if (document.body.dataset.lastMove === 'a-initech:interviewing'
          && document.querySelector('[data-status="applied"] [data-application-id="a-initech"]')) window.__backInApplied++;
      }).observe(document.querySelector('#board'), { childList: true, subtree: true });`);
    await d.pressKeys(Key.SPACE);
    await moved(d, 'a-initech', 'interviewing');
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await d.executeScript('return window.__backInApplied'), 0, 'the card went back to Applied after it was dropped');
    assert.deepEqual(await column(d, 'interviewing'), ['a-initech']);
    assert.ok(!(await column(d, 'applied')).includes('a-initech'), 'not back in Applied');
    assert.equal(stored(db, 'a-initech').status, 'interviewing');
  });
});

test('the "Move to…" menu archives Initech as Withdrawn; the archive finds and restores it', async () => {
  await withApp(async (d, db) => {
    await d.executeScript('document.querySelector(\'[data-application-id="a-initech"]\').focus()');
    await d.click('[data-application-id="a-initech"] .card-move');
    await d.waitForElement('.menu [role=menuitem]');
    const items = await d.executeScript('return [...document.querySelectorAll(".menu [role=menuitem]")].map(b => b.textContent)');
    assert.deepEqual(items, ['Move to Wishlist', 'Move to Interviewing', 'Move to Offer', 'Move to Rejected',
      'Accepted (archive)', 'Withdrawn (archive)', 'No answer (archive)', 'Open details', 'Delete application…']);
    await d.executeScript('[...document.querySelectorAll(".menu [role=menuitem]")].find(b => b.textContent === "Withdrawn (archive)").click()');
    await moved(d, 'a-initech', 'withdrawn');
    assert.ok(!(await column(d, 'applied')).includes('a-initech'), 'off the board');
    assert.match(await d.getText('#toast'), /Moved Initech to Withdrawn \(archived\)/);
    assert.equal(stored(db, 'a-initech').status, 'withdrawn');
    assert.ok(!agendaKeys(db, NOW).some((k) => k.includes('a-initech')), 'archived: no follow-ups');

    await d.click('#show-archive');
    await d.waitForElement('.archive-item[data-application-id="a-initech"]');
    await d.sendKeys('#board-search', 'initech');
    // Clicked where it is now: the search re-renders the archive (a found element can go stale).
    await d.waitForElement('.archive-item[data-application-id="a-initech"] button.small');
    await d.executeScript('document.querySelector(\'.archive-item[data-application-id="a-initech"] button.small\').click()');
    await d.waitForElement('.menu [role=menuitem]');
    await d.executeScript('[...document.querySelectorAll(".menu [role=menuitem]")].find(b => b.textContent === "Restore to Applied").click()');
    await moved(d, 'a-initech', 'applied');
    assert.equal(stored(db, 'a-initech').status, 'applied');
    await d.click('#show-board');
    await waitFor(async () => (await column(d, 'applied')).includes('a-initech'), { message: 'Initech back on the board' });
  });
});

test('search filters by company, role and contact; a duplicate company is flagged on add', async () => {
  await withApp(async (d, db) => {
    await d.sendKeys('#board-search', 'glob');
    await waitFor(async () => (await column(d, 'applied')).join() === 'a-globex', { message: 'filtered' });
    assert.deepEqual(await column(d, 'offer'), []);
    assert.match(await d.getText('#board-search-status'), /1 of 4/);
    await d.sendKeys('#board-search', Key.ESCAPE);
    await waitFor(async () => (await column(d, 'applied')).length === 3, { message: 'filter cleared' });

    await d.click('#add-open');
    await d.waitForElement('#add-dialog[open]');
    await d.sendKeys('#f-company', 'acme');
    await d.waitForElement('#f-company-warning:not([hidden])', { timeout: 5_000 });
    // The date is in the webview's locale: "20 Nov" or "Nov 20".
    assert.match(await d.getText('#f-company-warning'), /^You applied to Acme on (20 Nov|Nov 20)\./);
  });
});

test('the detail panel edits the application, adds a contact with inline validation and logs a reply', async () => {
  await withApp(async (d, db) => {
    await openDetail(d, 'a-acme');
    // A contact with a bad e-mail: the message sits beside the field; nothing is stored.
    await fillContact(d, 'Dana Reyes', 'dana@');
    await d.executeScript('document.querySelector("#dc-linkedin_consent").value = "yes"');
    await d.click('#dc-form button[type=submit]');
    await d.waitForElement('#dc-email-error:not([hidden])');
    assert.match(await d.getText('#dc-email-error'), /not an e-mail address/);
    assert.equal(await d.getProperty('#dc-name', 'value'), 'Dana Reyes', 'what was typed is kept');
    assert.equal(stored(db, 'a-acme').contacts.length, 0);
    await d.clear('#dc-email');
    await d.sendKeys('#dc-email', 'dana@acme.example');
    await d.click('#dc-form button[type=submit]');
    await d.waitForElement('.ct-item');
    const c = stored(db, 'a-acme').contacts[0];
    assert.deepEqual([c.name, c.email, c.linkedin_consent], ['Dana Reyes', 'dana@acme.example', 'yes']);

    // The role, edited; a blank company is refused beside the field.
    await d.clear('#d-company');
    await d.click('#d-form button[type=submit]');
    await d.waitForElement('#d-company-error:not([hidden])');
    await d.sendKeys('#d-company', 'Acme Robotics');
    await d.clear('#d-role');
    await d.sendKeys('#d-role', 'Staff Engineer');
    await d.click('#d-form button[type=submit]');
    await waitFor(() => stored(db, 'a-acme').role === 'Staff Engineer', { message: 'role stored' });
    await waitFor(async () => (await d.getText('[data-application-id="a-acme"] .card-role')) === 'Staff Engineer', { message: 'card updated' });

    // Log a reply: it lands in the timeline and moves the check-in.
    await d.click('#d-log-reply');
    await d.sendKeys('#dr-body', 'We will get back to you next week.');
    await d.click('#dr-form button[type=submit]');
    await waitFor(async () => (await d.executeScript('return document.querySelector(".timeline .tl-received .what")?.textContent')) === 'Reply received (e-mail)',
      { message: 'reply in the timeline' });
    const m = stored(db, 'a-acme').messages;
    assert.deepEqual([m.length, m[0].direction, m[0].body], [1, 'received', 'We will get back to you next week.']);
    assert.ok(agendaKeys(db, NOW).includes('check_in:a-acme:2026-12-10'), agendaKeys(db, NOW).join(' '));
  });
});
