// The in-app banner that stands in for desktop notifications.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bannerModel } from '../../ui/reminders.js';

const due = (n) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, summary: `Thank Person ${i} (Co ${i}) for today's interview` }));

test('no banner while notifications work, or when nothing is due', () => {
  assert.equal(bannerModel({ notifications: { state: 'ok' }, due: due(2), due_count: 2 }), null);
  assert.equal(bannerModel({ notifications: { state: 'unknown' }, due: due(1), due_count: 1 }), null);
  assert.equal(bannerModel({ notifications: { state: 'unavailable', message: 'no bus' }, due: [], due_count: 0 }), null);
  assert.equal(bannerModel(undefined), null);
});

test('without notifications the banner lists what is due, and says how many more', () => {
  const m = bannerModel({ notifications: { state: 'unavailable', message: 'no bus' }, due: due(8), due_count: 11 });
  assert.equal(m.title, 'Desktop notifications are not available, so your reminders show here: 11 follow-ups are due.');
  assert.equal(m.items.length, 8);
  assert.deepEqual(m.items[0], { key: 'k0', text: "Thank Person 0 (Co 0) for today's interview" });
  assert.equal(m.more, 3);
});

test('a server that does not answer is named as such; one follow-up reads in the singular', () => {
  const m = bannerModel({ notifications: { state: 'not_answering' }, due: due(1), due_count: 1 });
  assert.equal(m.title, 'The notification service is not answering, so your reminders show here: 1 follow-up is due.');
  assert.equal(m.more, 0);
});

test('a disk that refuses the scheduler\'s writes is said first, whatever the notifications do', () => {
  const trouble = 'Reminders are paused: the disk is full, so Afterview cannot record what it reminds you of.';
  for (const state of ['ok', 'unavailable']) {
    const m = bannerModel({ notifications: { state }, due: due(2), due_count: 2, trouble });
    assert.equal(m.title, trouble);
    assert.equal(m.trouble, true);
    assert.deepEqual(m.items, []);
  }
  // Back to normal once a pass succeeds (no `trouble`): the usual rules.
  assert.equal(bannerModel({ notifications: { state: 'ok' }, due: due(2), due_count: 2 }), null);
});
