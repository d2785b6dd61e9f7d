import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkNoAnswer } from '../../ui/settings.js';
import { LABELS } from './labels.mjs';
import { ARCHIVE_STATUSES, BOARD_STATUSES, timeline } from '../../ui/board-logic.js';
import { STATUS_LABELS, actionOf, shortActionOf } from '../../ui/labels.js';

test('the no-answer setting takes 2 to 10 and says why not otherwise', () => {
  for (const n of [2, 3, 10]) assert.deepEqual(checkNoAnswer(String(n)), [n, null]);
  assert.match(checkNoAnswer('1')[1], /At least 2/);
  assert.match(checkNoAnswer('0')[1], /At least 2/);
  assert.match(checkNoAnswer('11')[1], /At most 10/);
  for (const bad of ['', '  ', '2.5', 'three']) {
    const [n, why] = checkNoAnswer(bad);
    assert.equal(n, null, bad);
    assert.match(why, /whole number of check-ins, from 2 to 10/, bad);
  }
});

test('ghosted is an archived status shown as "No answer"', () => {
  assert.ok(ARCHIVE_STATUSES.includes('ghosted'));
  assert.ok(!BOARD_STATUSES.includes('ghosted'));
  assert.equal(STATUS_LABELS.ghosted, 'No answer');
  const [item] = timeline({ status_changes: [{ at: '2026-12-28T10:00:00Z', from: 'applied', to: 'ghosted' }], interviews: [], messages: [] });
  assert.equal(item.title, 'Moved from Applied to No answer');
});

test('the board\'s columns and the archive are the backend\'s (tests/fixtures/labels.json)', () => {
  assert.deepEqual(BOARD_STATUSES, LABELS.board);
  assert.deepEqual(ARCHIVE_STATUSES, LABELS.archive);
});

test('the question has its own words', () => {
  assert.equal(actionOf('no_answer'), 'No answer — close it or keep waiting?');
  assert.equal(shortActionOf('no_answer'), 'No answer?');
});
