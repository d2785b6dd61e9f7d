// The board in pages (issue 17): the backend sends each column's counts and
// its first cards; scrolling a column to its end fetches the next page, until
// all 300 cards of a column are there, in order, each once. The search runs
// in the backend (SQLite) and answers with the first page of the matches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seedApp, seedDb, waitFor, withBoard } from './harness.mjs';

const NOW = '2026-11-26T10:00:00Z';
const env = { AFTERVIEW_NOW: NOW, TZ: 'Europe/Berlin' };
const N = 300;
const name = (i) => `Company ${String(i).padStart(3, '0')}`;

const doc = () => ({
  afterview: 1,
  applications: [
    ...Array.from({ length: N }, (_, i) => seedApp(`a${String(i).padStart(3, '0')}`, name(i), 'applied', '2026-11-20T10:00:00Z')),
    seedApp('w-cafe', 'Zoë Café', 'wishlist', null, { status_changes: [] }),
    seedApp('w-other', 'Hooli', 'wishlist', null, { status_changes: [] }),
  ],
});

const shown = (d, status) => d.executeScript(
  `return [...document.querySelectorAll('[data-status="${status}"] .card[data-application-id]')].map(c => c.dataset.applicationId)`);
const calls = (d) => d.executeScript('return { ...window.__afterviewCalls }');

test('scrolling a 300-card column to its end fetches it page by page, in order, each card once', async () => {
  const db = seedDb(doc(), env);
  await withBoard(db, env, async (d) => {
    const first = await shown(d, 'applied');
    assert.ok(first.length > 0 && first.length < 30, `the first read holds one page of the column, not all of it: ${first.length}`);
    assert.equal(await d.executeScript('return document.querySelector(\'[data-status="applied"] .count\').textContent'), String(N));
    assert.match(await d.executeScript('return document.querySelector(\'[data-status="applied"] .column-more\')?.textContent ?? ""'),
      new RegExp(`Show more \\(${N - first.length} not shown\\)`));
    // Scroll the column's end into view, as a user reading down the column does, until nothing is left to fetch.
    let ids = first;
    for (let round = 0; round < 40 && ids.length < N; round++) {
      await d.executeScript('document.querySelector(\'[data-status="applied"] .column-more\')?.scrollIntoView({ block: "end" })');
      const before = ids.length;
      await waitFor(async () => (ids = await shown(d, 'applied')).length > before, { timeout: 10_000, message: `more than ${before} cards after scrolling` });
    }
    assert.equal(ids.length, N);
    assert.deepEqual(ids, Array.from({ length: N }, (_, i) => `a${String(i).padStart(3, '0')}`), 'in position order, each once');
    assert.equal(await d.executeScript('return document.querySelector(\'[data-status="applied"] .column-more\')'), null, 'nothing left to show');
    const c = await calls(d);
    assert.equal(c.board, 1, `one board read (at start-up): ${JSON.stringify(c)}`);
    assert.ok(c.board_column >= 10, `the rest came a page at a time: ${JSON.stringify(c)}`);
  });
});

test('the search runs in the backend: accents folded, first page and counts of the matches', async () => {
  const db = seedDb(doc(), env);
  await withBoard(db, env, async (d) => {
    await d.sendKeys('#board-search', 'cafe');
    await waitFor(async () => (await shown(d, 'wishlist')).join() === 'w-cafe', { timeout: 10_000, message: 'the search for "cafe"' });
    assert.deepEqual(await shown(d, 'applied'), []);
    assert.equal(await d.executeScript('return document.querySelector(\'[data-status="applied"] .column-empty\')?.textContent'), 'No match');
    assert.equal(await d.executeScript('return document.querySelector(\'[data-status="wishlist"] .count\').textContent'), '1 / 2');
    assert.equal(await d.getText('#board-search-status'), `1 of ${N + 2} on the board match`);
    // A search matching a whole column: its first page, counted whole, the rest on scrolling.
    await d.executeScript('const s = document.querySelector("#board-search"); s.value = ""; s.dispatchEvent(new Event("input"))');
    await d.sendKeys('#board-search', 'company 2');
    await waitFor(async () => (await shown(d, 'applied'))[0] === 'a002', { timeout: 10_000, message: 'the search for "company 2"' });
    // Every word anywhere: "company" and a 2 anywhere in the name (002, 012, 020 … 299).
    const matches = Array.from({ length: N }, (_, i) => name(i)).filter((n) => n.includes('2')).length;
    assert.equal(await d.executeScript('return document.querySelector(\'[data-status="applied"] .count\').textContent'), `${matches} / ${N}`);
    const c = await calls(d);
    assert.ok(c.board >= 3, `each search is one board read: ${JSON.stringify(c)}`);
  });
});
