// When the UI re-reads the board by itself (ui/refresh.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';

process.env.TZ = 'Europe/Berlin';
const { nextRefreshIn, MAX_WAIT_MS } = await import('../../ui/refresh.js');

const NOW = '2026-11-26T10:00:00Z'; // 11:00 in Berlin

test('waits until the next follow-up falls due, plus a second', () => {
  const items = [
    { due_at: '2026-11-25T09:00:00Z' }, // already due: changes nothing any more today
    { due_at: '2026-11-26T10:05:00Z' },
    { due_at: '2026-11-26T10:02:00Z' },
  ];
  assert.equal(nextRefreshIn(items, NOW), 2 * 60_000 + 1_000);
});

test('waits at most MAX_WAIT_MS when nothing falls due soon', () => {
  assert.equal(nextRefreshIn([{ due_at: '2026-12-01T08:00:00Z' }], NOW), MAX_WAIT_MS);
  assert.equal(nextRefreshIn([], NOW), MAX_WAIT_MS);
});

test('re-reads at local midnight, when "today" and "overdue" labels change', () => {
  // 23:55 in Berlin: midnight is 5 minutes away, sooner than the cap.
  assert.equal(nextRefreshIn([], '2026-11-26T22:55:00Z'), 5 * 60_000 + 1_000);
});

test('an unreadable clock falls back to a minute', () => {
  assert.equal(nextRefreshIn([], 'not a time'), 60_000);
});
