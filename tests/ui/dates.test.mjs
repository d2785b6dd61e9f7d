// Dates that can't be misread (issue 16): the year whenever it is not the
// current one, the machine's date format, and toasts that say what moved.
process.env.TZ = 'Europe/Berlin';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import './labels.mjs';
import { agoLabel, calendarDay, dayLabel, dueLabel, fullDateTime, setLocale, shortDate } from '../../ui/format.js';
import { duplicateWarning } from '../../ui/board-logic.js';
import { outcomeText } from '../../ui/followups.js';

const now = '2026-12-02T01:13:00Z'; // Wed 2 Dec 2026, 02:13 in Berlin

test('an interview in 9999 is not labelled as if it were this year', () => {
  // Before: "Thu, Dec 2", which looks like today.
  const cases = [
    [dueLabel, '9999-12-02T09:00:00Z', 'Thu, 2 Dec 9999 10:00'],
    [dueLabel, '2027-01-11T08:00:00Z', 'Mon, 11 Jan 2027 09:00'],
    [dueLabel, '2026-12-21T08:00:00Z', 'Mon 21 Dec 09:00'],
    [dayLabel, '2027-01-11T08:00:00Z', 'Mon, 11 Jan 2027'],
    [agoLabel, '2025-11-02T10:00:00Z', '2 Nov 2025'],
    [agoLabel, '2026-11-02T10:00:00Z', '2 Nov'],
    [shortDate, '2025-03-02T10:00:00Z', '2 Mar 2025'],
    [calendarDay, '2027-01-08', 'Fri, 8 Jan 2027'],
  ];
  for (const [label, at, want] of cases) assert.equal(label(at, now, 'en-GB'), want, `${label.name}(${at})`);
  assert.equal(fullDateTime('2026-12-04T09:00:00Z', 'en-GB'), 'Fri, 4 Dec 2026, 10:00');
  assert.equal(duplicateWarning([{ company: 'Acme', status: 'applied', applied_at: '2025-11-02T10:00:00Z' }], 'en-GB', new Date(now)),
    'You applied to Acme on 2 Nov 2025.');
});

test('labels follow the machine\'s locale once the backend has said which it is', () => {
  try {
    setLocale('de-DE');
    assert.equal(dayLabel('2026-12-21T08:00:00Z', now), 'Mo., 21. Dez.');
    assert.equal(shortDate('2025-03-02T10:00:00Z', now), '2. März 2025');
    setLocale('en-US');
    assert.equal(dayLabel('2026-12-21T08:00:00Z', now), 'Mon, Dec 21');
    setLocale('xx-not-a-locale-@@');
    assert.ok(dayLabel('2026-12-21T08:00:00Z', now).includes('21'));
  } finally {
    setLocale(undefined);
  }
});

test('toasts say what actually happened', () => {
  const checkIn = { kind: 'check_in', company: 'Acme', contact_name: null };
  const thanks = { kind: 'thank_you_email', company: 'Acme', contact_name: 'Dana Reyes' };
  setLocale('en-GB');
  try {
    assert.equal(outcomeText(checkIn, 'done', { next_check_in: '2026-12-16T08:00:00Z' }, now),
      'Check-in recorded as sent just now. Next check-in: Wed 16 Dec.');
    assert.equal(outcomeText(checkIn, 'skipped', { next_check_in: '2027-01-11T08:00:00Z' }, now),
      'Check-in skipped. Next check-in: Mon, 11 Jan 2027.');
    assert.equal(outcomeText(checkIn, 'skipped', { next_check_in: null }, now),
      'Check-in skipped. No further check-in is planned.');
    // Before: "Marked as sent. The next check-in moves out." even when a reply-by date held it.
    assert.equal(outcomeText(thanks, 'sent', { next_check_in: '2026-12-21T08:00:00Z' }, now),
      'Marked as sent. Next check-in: Mon 21 Dec.');
    assert.equal(outcomeText({ kind: 'thank_you_note', company: 'Acme' }, 'delivered', { next_check_in: null }, now),
      'Marked as delivered.');
    assert.equal(outcomeText(thanks, 'done', {}, now), 'Done: Send a thank-you email – Dana Reyes (Acme).');
    assert.equal(outcomeText(thanks, 'snoozed', { snoozed_until: '2026-12-04T09:00:00Z' }, now), 'Snoozed until Fri 4 Dec 10:00.');
  } finally {
    setLocale(undefined);
  }
});
