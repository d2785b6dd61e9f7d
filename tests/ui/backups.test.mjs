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

test('a copy made before an import says so', () => {
  assert.equal(backupLabel({ ...b, kind: 'before_import' }, 'en-GB'), 'Thu, 26 Nov 2026, 10:15 — 8 applications · saved before an import');
});

test('the question before an import says what is added and what is left alone', async () => {
  const { importQuestion } = await import('../../ui/backups.js');
  const present = [{ id: 'a', company: 'Acme' }, { id: 'g', company: 'Globex' }, { id: 'i', company: 'Initech' }];
  const c = { name: 'afterview-export-2026-11-20.json', applications: 12, new: 9, present, database_empty: false, settings_applied: false };
  assert.deepEqual(importQuestion(c), {
    text: 'afterview-export-2026-11-20.json: 12 applications, 3 already present — import the 9 new ones? '
      + 'The 3 already here (Acme, Globex, Initech) are left as they are, and so are your settings.',
    action: 'Import 9 applications',
  });
  assert.deepEqual(importQuestion({ ...c, applications: 2, new: 1, present: present.slice(0, 1) }), {
    text: 'afterview-export-2026-11-20.json: 2 applications, 1 already present — import the new one? '
      + 'The one already here (Acme) is left as it is, and so are your settings.',
    action: 'Import 1 application',
  });
  // Into an empty database: everything, with the file's settings.
  assert.deepEqual(importQuestion({ ...c, new: 12, present: [], database_empty: true, settings_applied: true }), {
    text: "afterview-export-2026-11-20.json: import 12 applications? The file's settings replace your current ones.",
    action: 'Import 12 applications',
  });
  assert.deepEqual(importQuestion({ ...c, new: 12, present: [] }), {
    text: 'afterview-export-2026-11-20.json: 12 applications, none of them here yet — import them? Your settings are left as they are.',
    action: 'Import 12 applications',
  });
  // Nothing new: no import button.
  assert.deepEqual(importQuestion({ ...c, applications: 3, new: 0 }), {
    text: 'afterview-export-2026-11-20.json: 3 applications, all already here — nothing new to import.',
    action: null,
  });
  assert.equal(importQuestion({ ...c, applications: 0, new: 0, present: [] }).action, null);
});

test('the report after an import names what was left unchanged and how to undo it', async () => {
  const { importReport, companyList } = await import('../../ui/backups.js');
  const skipped = [{ id: 'a', company: 'Acme' }, { id: 'g', company: 'Globex' }, { id: 'i', company: 'Initech' }];
  const backup = { taken_at: '2026-11-26T09:15:00Z' };
  assert.equal(
    importReport({ added: 9, skipped, settings_applied: false, backup }, 'en-GB'),
    'Imported 9 applications. 3 already present were left unchanged: Acme, Globex, Initech. '
      + 'To undo it, restore the backup of Thu, 26 Nov 2026, 10:15.',
  );
  assert.equal(
    importReport({ added: 1, skipped: [], settings_applied: true, backup }, 'en-GB'),
    'Imported 1 application. Settings now come from the file. To undo it, restore the backup of Thu, 26 Nov 2026, 10:15.',
  );
  const many = Array.from({ length: 12 }, (_, i) => ({ id: `x${i}`, company: `C${i}` }));
  assert.equal(companyList(many), 'C0, C1, C2, C3, C4, C5, C6, C7, C8, C9 and 2 more');
});
