// The deletion confirmation names what goes with the application.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deletionQuestion } from '../../ui/delete.js';

const s = (o) => ({ company: 'Acme', role: 'Backend Engineer', contacts: 0, interviews: 0, messages: 0, drafts: 0, ...o });

test('the confirmation lists interviews, messages and drafts', () => {
  assert.equal(deletionQuestion(s({ contacts: 1, interviews: 2, messages: 3, drafts: 1 })),
    'Delete Acme (Backend Engineer)? Its 1 contact, 2 interviews, 3 messages and 1 draft go with it.');
  assert.equal(deletionQuestion(s({ interviews: 1 })), 'Delete Acme (Backend Engineer)? Its 1 interview goes with it.');
  assert.equal(deletionQuestion(s({ messages: 2 })), 'Delete Acme (Backend Engineer)? Its 2 messages go with it.');
  assert.equal(deletionQuestion(s({ role: '' })), 'Delete Acme? Nothing else is recorded for it.');
});
