// Unit tests of the UI's pure formatting (no window needed).
process.env.TZ = 'Europe/Berlin';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import './labels.mjs';
import { agoLabel, dayDiff, dueLabel, dueState, groupAgenda, toLocalInput, who } from '../../ui/format.js';
import { actionOf } from '../../ui/labels.js';

const now = '2026-11-26T10:00:00Z'; // Thursday 11:00 in Berlin

test('dueState classifies by local day, then by time', () => {
  assert.equal(dueState('2026-11-25T22:30:00Z', now), 'overdue'); // Wed 23:30 local
  assert.equal(dueState('2026-11-25T23:30:00Z', now), 'due'); // Thu 00:30 local: same day, past
  assert.equal(dueState('2026-11-26T10:00:00Z', now), 'due'); // exactly now
  assert.equal(dueState('2026-11-26T22:59:00Z', now), 'today'); // Thu 23:59 local
  assert.equal(dueState('2026-11-26T23:00:00Z', now), 'upcoming'); // Fri 00:00 local
});

test('dayDiff counts calendar days across a daylight-saving change', () => {
  // Berlin springs forward on 2027-03-28: that day has 23 hours.
  assert.equal(dayDiff(new Date('2027-03-27T12:00:00Z'), new Date('2027-03-29T07:00:00Z')), 2);
  assert.equal(dayDiff(new Date('2027-10-30T12:00:00Z'), new Date('2027-11-01T08:00:00Z')), 2);
});

test('dueLabel reads like a person would say it', () => {
  assert.equal(dueLabel('2026-11-23T08:00:00Z', now, 'en-GB'), 'Overdue · 3 days');
  assert.equal(dueLabel('2026-11-25T08:00:00Z', now, 'en-GB'), 'Overdue · 1 day');
  assert.equal(dueLabel('2026-11-26T08:00:00Z', now, 'en-GB'), 'Due · today 09:00');
  assert.equal(dueLabel('2026-11-26T14:00:00Z', now, 'en-GB'), 'Today 15:00');
  assert.equal(dueLabel('2026-11-27T08:00:00Z', now, 'en-GB'), 'Tomorrow 09:00');
  assert.equal(dueLabel('2026-11-30T08:00:00Z', now, 'en-GB'), 'Mon 30 Nov 09:00');
});

test('agoLabel for the last contact', () => {
  assert.equal(agoLabel(null, now), null);
  assert.equal(agoLabel('2026-11-26T07:00:00Z', now), 'today');
  assert.equal(agoLabel('2026-11-25T07:00:00Z', now), 'yesterday');
  assert.equal(agoLabel('2026-11-20T07:00:00Z', now), '6 days ago');
  assert.equal(agoLabel('2026-11-02T10:00:00Z', now, 'en-GB'), '2 Nov');
});

test('groupAgenda keeps order within overdue, today and upcoming', () => {
  const items = [
    { key: 'a', due_at: '2026-11-20T08:00:00Z' },
    { key: 'b', due_at: '2026-11-26T08:00:00Z' },
    { key: 'c', due_at: '2026-11-26T16:00:00Z' },
    { key: 'd', due_at: '2026-12-01T08:00:00Z' },
  ];
  const g = groupAgenda(items, now);
  assert.deepEqual([g.overdue, g.today, g.upcoming].map((x) => x.map((i) => i.key)), [['a'], ['b', 'c'], ['d']]);
});

test('toLocalInput gives the local wall time a datetime-local input expects', () => {
  assert.equal(toLocalInput(new Date('2026-11-26T23:05:00Z')), '2026-11-27T00:05');
});

test('who and actionOf', () => {
  assert.equal(who({ company: 'Acme', contact_name: 'Dana Reyes' }), 'Dana Reyes (Acme)');
  assert.equal(who({ company: 'Acme', contact_name: null }), 'Acme');
  assert.equal(actionOf('keep_cv_on_file'), 'Reply and ask them to keep your CV on file');
  assert.equal(actionOf('unknown_kind'), 'unknown_kind');
});
