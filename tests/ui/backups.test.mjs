// The text of the backup list and of the restore confirmation (ui/backups.js).
process.env.TZ = 'Europe/Berlin';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backupLabel, confirmText, plural } from '../../ui/backups.js';

const b = { file: 'afterview-20261126T091500Z.db', taken_at: '2026-11-26T09:15:00Z', kind: 'automatic', applications: 8 };

test('a backup is described by its local date and its application count', () => {
  assert.equal(backupLabel(b, 'en-GB'), 'Thu, 26 Nov 2026, 10:15 — 8 applications');
  assert.equal(backupLabel({ ...b, applications: 1 }, 'en-GB'), 'Thu, 26 Nov 2026, 10:15 — 1 application');
  assert.equal(backupLabel({ ...b, kind: 'before_restore' }, 'en-GB'), 'Thu, 26 Nov 2026, 10:15 — 8 applications · saved before a restore');
  assert.equal(backupLabel({ ...b, applications: null, problem: 'cannot be read' }, 'en-GB'), 'Thu, 26 Nov 2026, 10:15 — cannot be read');
});

test('the confirmation says what is replaced by what, and that it can be undone', () => {
  assert.equal(
    confirmText(b, 9, 'en-GB'),
    'Replace your current data (9 applications) with the backup of Thu, 26 Nov 2026, 10:15 (8 applications)? '
      + 'Your current data is backed up first, so you can go back.',
  );
  assert.equal(plural(0, 'application'), '0 applications');
});

test('the report covers this month up to today by default, as local dates', async () => {
  const { defaultPeriod } = await import('../../ui/backups.js');
  assert.deepEqual(defaultPeriod(new Date(2026, 10, 26, 23, 30)), ['2026-11-01', '2026-11-26']);
  assert.deepEqual(defaultPeriod(new Date(2027, 0, 1, 0, 5)), ['2027-01-01', '2027-01-01']);
});
