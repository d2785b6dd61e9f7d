// Writes return what changed (issue 17): Done, Skip and Snooze from a card's
// follow-up menu, a move and its Undo each put the card's new state in place
// from the write's own answer, with no `board` read (ui/api.js counts every
// command the page invokes: window.__afterviewCalls). The scheduler's pass
// after the writes (its `reminders-status` event) updates the Today count
// from its payload, again without reading the board. The detail panel's
// writes (a contact, a reply) are one call each: their answer is the panel;
// a deletion takes the card off the board from its answer too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exported, seedApp, seedDb, waitFor, withBoard, openDetail, fillContact } from './harness.mjs';

const NOW = '2026-11-26T10:00:00Z'; // Thursday; applied on 2 Nov, the check-ins were due Mon 16 Nov
const env = { AFTERVIEW_NOW: NOW, TZ: 'Europe/Berlin' };
const APPLIED = '2026-11-02T10:00:00Z';

const doc = () => ({
  afterview: 1,
  applications: ['Acme', 'Globex', 'Initech'].map((c) => seedApp(`a-${c.toLowerCase()}`, c, 'applied', APPLIED)),
});

const boardReads = (d) => d.executeScript('return window.__afterviewCalls?.board ?? 0');
const badge = (d, id) => d.executeScript(
  `const b = document.querySelector('#board [data-application-id="${id}"] .badge'); return b ? b.className + '|' + b.textContent : null`);
const columnOf = (d, id) => d.executeScript(
  `return document.querySelector('#board .column [data-application-id="${id}"]')?.closest('[data-status]').dataset.status ?? null`);

async function fromMenu(d, opener, label) {
  await d.click(opener);
  await d.waitForElement('.menu [role=menuitem]');
  await d.executeScript('[...document.querySelectorAll(".menu [role=menuitem]")].find(b => b.textContent.startsWith(arguments[0])).click()', label);
}

test('follow-up actions and moves patch their cards from the answer: no board read, the Today count from the event', async () => {
  const db = seedDb(doc(), env);
  await withBoard(db, env, async (d) => {
    // The first reads and the scheduler's first pass (1.5 s after start) are over.
    await waitFor(async () => !(await d.executeScript('return document.querySelector("#today-count").hidden')), { timeout: 10_000, message: 'the Today count shows' });
    assert.equal(await d.executeScript('return document.querySelector("#today-count").textContent'), '3 due');
    await new Promise((r) => setTimeout(r, 2500));
    const before = await boardReads(d);
    assert.ok(before >= 1, 'the counter counts the first read');
    for (const id of ['a-acme', 'a-globex', 'a-initech']) assert.match(await badge(d, id), /overdue/);

    await fromMenu(d, '[data-application-id="a-acme"] .badge', 'Mark as done');
    await waitFor(async () => !/overdue/.test(await badge(d, 'a-acme')), { timeout: 10_000, message: 'Acme shows its next check-in' });
    assert.match(await badge(d, 'a-acme'), /upcoming/);
    await fromMenu(d, '[data-application-id="a-globex"] .badge', 'Skip');
    await waitFor(async () => /upcoming/.test(await badge(d, 'a-globex')), { timeout: 10_000, message: 'Globex shows its next check-in' });
    await fromMenu(d, '[data-application-id="a-initech"] .badge', 'Snooze until tomorrow morning');
    await waitFor(async () => /upcoming/.test(await badge(d, 'a-initech')), { timeout: 10_000, message: 'Initech shows its snoozed check-in' });

    await fromMenu(d, '[data-application-id="a-globex"] .card-move', 'Move to Offer');
    await waitFor(async () => (await d.executeScript('return document.body.dataset.lastMove')) === 'a-globex:offer', { timeout: 10_000, message: 'the move is stored' });
    assert.equal(await columnOf(d, 'a-globex'), 'offer');
    await d.executeScript('[...document.querySelectorAll("#toast button")].find(b => b.textContent === "Undo").click()');
    await waitFor(async () => (await columnOf(d, 'a-globex')) === 'applied', { timeout: 10_000, message: 'the Undo puts Globex back' });

    // Nothing is due any more: the count goes, from the scheduler's event or Today's summary.
    await waitFor(async () => d.executeScript('return document.querySelector("#today-count").hidden'), { timeout: 10_000, message: 'the Today count goes' });
    await new Promise((r) => setTimeout(r, 2500)); // the scheduler's pass after the last write
    assert.equal(await boardReads(d), before, 'no board read after five writes');
    const calls = await d.executeScript('return window.__afterviewCalls');
    assert.ok(calls.decide >= 2 && calls.snooze >= 1 && calls.move_application >= 1 && calls.undo_move >= 1, JSON.stringify(calls));
  });
  const apps = exported(db).applications;
  assert.equal(apps.find((a) => a.id === 'a-globex').status, 'applied');
  assert.ok(apps.find((a) => a.id === 'a-acme').messages.some((m) => m.direction === 'sent'), 'Done recorded the check-in as sent');
});

test('the detail panel\'s writes answer with the panel as it now is: one call each, no re-read, no board read', async () => {
  const db = seedDb(doc(), env);
  const acme = () => exported(db).applications.find((a) => a.id === 'a-acme');
  await withBoard(db, env, async (d) => {
    await openDetail(d, 'a-acme');
    const calls = () => d.executeScript('return { ...window.__afterviewCalls }');
    const before = await calls();
    // A contact, then a reply from them: each is one call, its answer re-renders the panel and the card.
    await fillContact(d, 'Dana Reyes', 'dana@acme.example');
    await d.click('#dc-form button[type=submit]');
    await d.waitForElement('.ct-item');
    await d.click('#d-log-reply');
    await d.sendKeys('#dr-body', 'We will get back to you next week.');
    await d.click('#dr-form button[type=submit]');
    await waitFor(async () => (await d.executeScript('return document.querySelector(".timeline .tl-received .what")?.textContent')) === 'Reply received (e-mail)',
      { timeout: 10_000, message: 'the reply in the timeline' });
    // The reply reset the check-in clock: the card shows it without a board read.
    await waitFor(async () => /upcoming/.test(await badge(d, 'a-acme')), { timeout: 10_000, message: 'the card shows its next check-in' });
    const after = await calls();
    const made = Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - (before[k] ?? 0)]).filter(([, n]) => n > 0));
    assert.equal(made.save_contact, 1, JSON.stringify(made));
    assert.equal(made.log_reply, 1, JSON.stringify(made));
    assert.equal(made.application_detail ?? 0, 0, `no re-read of the panel: ${JSON.stringify(made)}`);
    assert.equal(made.board ?? 0, 0, `no board read: ${JSON.stringify(made)}`);
    assert.deepEqual([acme().contacts[0].name, acme().messages[0].direction], ['Dana Reyes', 'received']);

    // Deleted from the panel: the panel closes and the card leaves its column, again without a board read.
    await d.click('#detail-delete');
    await d.waitForElement('#delete-dialog[open]');
    await d.click('#delete-confirm');
    await waitFor(async () => (await columnOf(d, 'a-acme')) === null, { timeout: 10_000, message: 'the card leaves the board' });
    assert.equal(await d.executeScript('return document.querySelector("#detail").hidden'), true, 'the panel closed');
    assert.equal(acme(), undefined);
    assert.equal((await calls()).board ?? 0, before.board ?? 0, 'no board read after the deletion');
  });
});
