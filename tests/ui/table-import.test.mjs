// The pure parts of the spreadsheet import dialog (ui/table-import.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import './labels.mjs';
import { droppedTable, summaryText, skippedText, clockChoices } from '../../ui/table-import.js';

test('a drop opens the dialog only for a table file; .ics and .eml are left to others', () => {
  assert.equal(droppedTable(['/home/u/invite.ics', '/home/u/Job Applications.CSV']), '/home/u/Job Applications.CSV');
  assert.equal(droppedTable(['/tmp/a.xlsx']), '/tmp/a.xlsx');
  assert.equal(droppedTable(['/tmp/b.ods', '/tmp/c.tsv']), '/tmp/b.ods');
  assert.equal(droppedTable(['/tmp/mail.eml', '/tmp/invite.ics']), null);
  assert.equal(droppedTable(undefined), null);
});

const plan = (summary) => ({ summary: { create: 0, by_status: {}, contacts: 0, followups: 0, overdue: 0, overdue_as_dates: 0, ...summary } });

test('the summary says what the import creates and how much is overdue at once', () => {
  assert.equal(summaryText(plan({ create: 3, by_status: { applied: 2, interviewing: 1 }, contacts: 1, followups: 4, overdue: 2 })),
    'Creates 3 applications (2 applied, 1 interviewing), 1 contact and 4 follow-ups: 2 overdue at once.');
  assert.equal(summaryText(plan({ create: 1, by_status: { offer: 1 }, followups: 1 })),
    'Creates 1 application (1 offer), 0 contacts and 1 follow-up: none overdue.');
  assert.equal(summaryText(plan({})), 'Nothing to import.');
});

test('the clock choices name the overdue wall', () => {
  assert.match(clockChoices(plan({ overdue_as_dates: 9 })).dates, /9 follow-ups overdue at once/);
  assert.match(clockChoices(plan({})).dates, /nothing overdue/);
});

test('skipped rows are grouped by reason', () => {
  assert.equal(skippedText([{ row: 4, reason: 'no company' }, { row: 9, reason: 'no company' }, { row: 12, reason: 'no role' }]),
    'rows 4, 9 (no company); row 12 (no role)');
});
