// The settings form's checks (ui/settings.js): numbers as typed, times as
// typed, every problem at once and in the user's words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTime, quietHoursNote, readSettings, wholeNumber } from '../../ui/settings.js';

const form = (over = {}) => ({ cadence: '14', pre: '60', from: '21:00', to: '08:00', note: false, ...over });

test('a number is read as typed: "1e1" is refused, not saved as 10', () => {
  for (const bad of ['1e1', '10.0', '+10', '0x10', '', ' ', '1 0']) assert.equal(wholeNumber(bad), null, bad);
  assert.equal(wholeNumber(' 14 '), 14);
  const [s, problems] = readSettings(form({ cadence: '1e1' }));
  assert.equal(s, null);
  assert.deepEqual(problems.map((p) => p.field), ['s-cadence']);
});

test('errors are in the user\'s words, and all of them show at once', () => {
  const [, problems] = readSettings(form({ cadence: '366', pre: '1441', to: '25:00' }));
  assert.deepEqual(problems.map((p) => [p.field, p.message]), [
    ['s-cadence', 'At most 365 days.'],
    ['s-quiet', 'Enter both times as hours and minutes between 00:00 and 23:59, like 21:00 and 08:00.'],
    ['s-pre', 'At most 1440 minutes (a day) before.'],
  ]);
  for (const p of problems) assert.doesNotMatch(p.message, /got/);
});

test('"25:00" and "21:60" are not times; "9:00" is 09:00', () => {
  for (const bad of ['25:00', '24:00', '21:60', '2100', '21', '']) assert.equal(parseTime(bad), null, bad);
  assert.equal(parseTime('9:00'), '09:00');
  assert.equal(parseTime('00:00'), '00:00');
  assert.deepEqual(readSettings(form({ from: '9:30' }))[0].quiet_hours, ['09:30', '08:00']);
});

test('quiet hours from 08:00 to 08:00 are explained: no quiet hours', () => {
  assert.match(quietHoursNote('08:00', '08:00'), /no quiet hours/);
  assert.match(quietHoursNote('21:00', '08:00'), /from 21:00 to 08:00 the next morning/);
  assert.doesNotMatch(quietHoursNote('13:00', '14:00'), /next morning/);
  const [s] = readSettings(form({ from: '08:00', to: '08:00' }));
  assert.deepEqual(s.quiet_hours, ['08:00', '08:00'], 'allowed, as delivery.rs reads it');
});

test('a valid form gives the settings to save', () => {
  assert.deepEqual(readSettings(form({ note: true })), [{ checkin_cadence_days: 14, quiet_hours: ['21:00', '08:00'], physical_note_default: true, pre_interview_minutes: 60 }, []]);
});
