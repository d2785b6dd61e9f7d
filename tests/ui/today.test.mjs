// Today's items (ui/agenda.js) and where the keyboard focus goes when a list
// re-renders (ui/focus.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import './labels.mjs';
import { dueCountLabel, itemLabels } from '../../ui/agenda.js';
import { neighbourKey } from '../../ui/focus.js';

const ty = (key, contact_name) => ({ key, kind: 'thank_you_email', company: 'Acme', contact_name });

test('two thank-yous at one company have distinct labels that name the person', () => {
  const a = itemLabels(ty('thank_you_email:i1:c1', 'Dana Reyes'));
  const b = itemLabels(ty('thank_you_email:i1:c2', 'Sam Lee'));
  for (const k of ['openLabel', 'done', 'skip', 'snooze']) {
    assert.notEqual(a[k], b[k], k);
    assert.match(a[k], /Dana Reyes/);
    assert.match(b[k], /Sam Lee/);
    assert.match(a[k], /Acme/);
  }
});

test('the editor opens from a visible button that says what it does', () => {
  assert.equal(itemLabels(ty('k', 'Dana')).open, 'Write…');
  assert.equal(itemLabels({ key: 'p', kind: 'pre_interview', company: 'Acme' }).open, 'Checklist…');
  assert.match(itemLabels(ty('k', 'Dana')).openLabel, /^Write the message: Send a thank-you email, Dana \(Acme\)$/);
});

test('the Today count says it counts what is due now', () => {
  assert.deepEqual([dueCountLabel(1).text, dueCountLabel(1).label], ['1 due', '1 follow-up due now']);
  assert.equal(dueCountLabel(4).label, '4 follow-ups due now');
  assert.match(dueCountLabel(1).title, /Upcoming/);
});

test('focus stays on the item, else goes to the next one, else the one before', () => {
  const order = ['a', 'b', 'c'];
  assert.equal(neighbourKey(order, 'b', new Set(['a', 'b', 'c'])), 'b');
  assert.equal(neighbourKey(order, 'b', new Set(['a', 'c'])), 'c');
  assert.equal(neighbourKey(order, 'c', new Set(['a', 'b'])), 'b');
  assert.equal(neighbourKey(order, 'b', new Set(['a'])), 'a');
  assert.equal(neighbourKey(order, 'b', new Set()), null);
  assert.equal(neighbourKey(order, 'b', (k) => k === 'b'), 'b', 'a predicate works too');
});
