// Invitations and emails in, the window-free part (ui/ingest-logic.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ingestPaths, looksLikeCalendar, summarize, proposalText, parseEmails, basename } from '../../ui/ingest-logic.js';

process.env.TZ = 'UTC';

test('dropped spreadsheets are left to the table import, everything else is ours', () => {
  assert.deepEqual(
    ingestPaths(['/d/invite.ics', '/d/jobs.CSV', '/d/reply.eml', '/d/list.xlsx', '/d/x.ods', '/d/notes.pdf']),
    ['/d/invite.ics', '/d/reply.eml', '/d/notes.pdf'],
    'a .pdf is ours to refuse in one line');
  assert.deepEqual(ingestPaths(undefined), []);
  assert.equal(basename('/home/sam/Downloads/invite.ics'), 'invite.ics');
});

test('only iCalendar text with an event counts as a pasted invitation', () => {
  assert.ok(looksLikeCalendar('\uFEFF  BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\nEND:VCALENDAR'));
  assert.ok(!looksLikeCalendar('BEGIN:VCALENDAR\r\nEND:VCALENDAR'), 'no event');
  assert.ok(!looksLikeCalendar('Dear Sam, BEGIN:VCALENDAR BEGIN:VEVENT'), 'must start the text');
  assert.ok(!looksLikeCalendar(null));
});

const base = { file: '/d/a.ics', kind: 'invitation', application_id: 'a1', company: 'Acme', matched_by: 'domain', interview: null, contacts_added: [], message: null, proposals: [], error: null };

test('each report reads as one line: done, unmatched or refused', () => {
  const iv = { ...base, interview: { id: 'i1', starts_at: '2026-12-01T15:00:00Z', ends_at: '2026-12-01T16:00:00Z', format: 'video', interviewer_ids: ['c1'], change: 'new' },
    contacts_added: [{ id: 'c1', name: 'Dana Reyes', email: 'dana@acme.example' }] };
  assert.deepEqual(summarize(iv), { state: 'done', text: 'Interview logged for Acme: Tue, Dec 1, 15:00–16:00 (video); 1 new contact (Dana Reyes)' });
  const moved = { ...iv, contacts_added: [], interview: { ...iv.interview, change: 'moved', format: 'onsite' } };
  assert.match(summarize(moved).text, /^Interview moved for Acme: .* \(on-site\)$/);
  const sent = { ...base, kind: 'email', message: { at: '2026-12-01T21:05:31Z', direction: 'sent', contact_id: 'c1', subject: 'Thank you', followup_key: 'thank_you_email:i1:c1' } };
  assert.equal(summarize(sent).text, 'Sent email “Thank you” logged for Acme; its thank-you is marked as sent');
  assert.deepEqual(summarize({ ...base, application_id: null, company: null, kind: 'email' }),
    { state: 'unmatched', text: 'a.ics: This email matches none of your applications. Which one is it about?' });
  assert.deepEqual(summarize({ ...base, application_id: null, kind: null, error: 'neither a calendar invitation (.ics) nor an email (.eml)' }),
    { state: 'error', text: 'a.ics: neither a calendar invitation (.ics) nor an email (.eml)' });
  assert.equal(proposalText(base, { kind: 'status', to: 'rejected', why: 'x' }), 'This looks like a rejection: move Acme to Rejected?');
});

test('your addresses: one per line, commas or spaces; bad ones named', () => {
  assert.deepEqual(parseEmails(' Sam@Mail.example\nsam@work.example, sam@mail.example '), [['sam@mail.example', 'sam@work.example'], null]);
  assert.deepEqual(parseEmails(''), [[], null]);
  assert.deepEqual(parseEmails('sam@mail.example\nsam at work'), [null, '“sam” is not an email address like you@example.org.']);
  assert.equal(parseEmails('a@b')[0], null, 'a domain needs a dot');
});
