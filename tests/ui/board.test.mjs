// The board's pure logic (ui/board-logic.js): drop position, optimistic
// moves, keyboard move state machine and announcements, filtering, duplicate
// warning, timeline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import './labels.mjs';
import {
  dropIndex, positionBetween, positionAt, autoScrollSpeed, lift, step, unmoved, announce,
  optimisticCard, PendingMoves, boardReadVerdict,
  filterCards, fold, duplicateWarning, timeline, localDate, localDateTime,
} from '../../ui/board-logic.js';

test('dropIndex counts the cards whose middle is above the pointer', () => {
  const mids = [100, 180, 260];
  assert.equal(dropIndex(mids, 20), 0);
  assert.equal(dropIndex(mids, 100), 0, 'exactly on a middle: before that card');
  assert.equal(dropIndex(mids, 101), 1);
  assert.equal(dropIndex(mids, 200), 2);
  assert.equal(dropIndex(mids, 900), 3);
  assert.equal(dropIndex([], 50), 0, 'an empty column');
});

test('the optimistic card is in its new column at the drop position, or after the last card', () => {
  const card = { id: 'a1', company: 'Acme', status: 'applied', position: 3 };
  assert.deepEqual(optimisticCard(card, 'interviewing', 1.5), { id: 'a1', company: 'Acme', status: 'interviewing', position: 1.5 });
  assert.equal(optimisticCard(card, 'offer', null, { id: 'b', position: 7 }).position, 8, 'no position: after the last card');
  assert.equal(optimisticCard(card, 'offer', null, null).position, 1, 'an empty column');
  assert.equal(optimisticCard(card, 'withdrawn', null).status, 'withdrawn');
  assert.equal(card.status, 'applied', 'the board\'s card is not changed');
});

test('a refused move puts back the card as stored before it', () => {
  const m = new PendingMoves();
  const before = { id: 'a1', status: 'applied', position: 3 };
  const t = m.begin(before);
  assert.equal(m.size, 1);
  assert.ok(m.has('a1'));
  assert.equal(m.refused('a1', t), before);
  assert.equal(m.size, 0, 'nothing waits any more');
});

test('a stored move is shown; the next refused move of that card goes back to what was stored', () => {
  const m = new PendingMoves();
  const t1 = m.begin({ id: 'a1', status: 'applied', position: 3 });
  const stored = { id: 'a1', status: 'offer', position: 1 };
  assert.equal(m.stored('a1', t1, stored), true);
  const t2 = m.begin(stored); // the board now holds the stored card
  assert.equal(m.refused('a1', t2), stored);
});

test('a card moved again before the first answer shows only the latest move\'s outcome', () => {
  const m = new PendingMoves();
  const before = { id: 'a1', status: 'applied', position: 3 };
  const t1 = m.begin(before);
  const t2 = m.begin({ id: 'a1', status: 'offer', position: 1 }); // the first move's optimistic card
  // The first answer (stored) must not undo the second move, still shown.
  const first = { id: 'a1', status: 'offer', position: 1 };
  assert.equal(m.stored('a1', t1, first), false);
  assert.equal(m.size, 1, 'the second still waits');
  // The second is refused: back to what the store holds (the first move), not to the guess.
  assert.equal(m.refused('a1', t2), first);
  assert.equal(m.size, 0);

  // The first refused while the second waits: nothing to put back yet; then the second refused: as before both.
  const n = new PendingMoves();
  const u1 = n.begin(before);
  const u2 = n.begin({ id: 'a1', status: 'offer', position: 1 });
  assert.equal(n.refused('a1', u1), null);
  assert.equal(n.refused('a1', u2), before);

  // Answers out of order: an older answer never replaces a newer stored card.
  const o = new PendingMoves();
  const v1 = o.begin(before);
  const v2 = o.begin({ id: 'a1', status: 'offer', position: 1 });
  const second = { id: 'a1', status: 'rejected', position: 2 };
  assert.equal(o.stored('a1', v2, second), true);
  assert.equal(o.stored('a1', v1, first), false, 'the older answer is not shown');
  const v3 = o.begin(second);
  assert.equal(o.refused('a1', v3), second, 'the newer stored card is kept');
});

test('moves of different cards are answered each on its own', () => {
  const m = new PendingMoves();
  const a = { id: 'a', status: 'applied', position: 1 }, b = { id: 'b', status: 'applied', position: 2 };
  const ta = m.begin(a), tb = m.begin(b);
  assert.equal(m.size, 2);
  assert.equal(m.refused('b', tb), b);
  assert.equal(m.stored('a', ta, { ...a, status: 'offer' }), true);
  assert.equal(m.size, 0);
});

test('a board read is kept while a move is busy, read again when a change came after it, else shown', () => {
  assert.equal(boardReadVerdict(3, 3, false), 'show');
  assert.equal(boardReadVerdict(2, 3, false), 'reread', 'asked for before a move: would put the card back');
  assert.equal(boardReadVerdict(3, 3, true), 'defer', 'a move waits for its answer: the read may not hold it');
  assert.equal(boardReadVerdict(2, 3, true), 'defer', 'kept until the move is answered, then judged');
});

test('positions go between the neighbours, or one past the end', () => {
  assert.equal(positionBetween(null, null), 1);
  assert.equal(positionBetween(3, null), 4);
  assert.equal(positionBetween(undefined, 3), 2);
  assert.equal(positionBetween(1, 2), 1.5);
  const col = [{ position: 1 }, { position: 2 }, { position: 5 }];
  assert.equal(positionAt(col, 0), 0);
  assert.equal(positionAt(col, 1), 1.5);
  assert.equal(positionAt(col, 2), 3.5);
  assert.equal(positionAt(col, 3), 6);
  // The result sorts between its neighbours every time.
  for (let i = 0; i <= col.length; i++) {
    const p = positionAt(col, i);
    if (i > 0) assert.ok(p > col[i - 1].position);
    if (i < col.length) assert.ok(p < col[i].position);
  }
});

test('auto-scroll speeds up towards the edges and stops in the middle', () => {
  assert.equal(autoScrollSpeed(300, 0, 600), 0);
  assert.ok(autoScrollSpeed(2, 0, 600) < autoScrollSpeed(40, 0, 600));
  assert.ok(autoScrollSpeed(40, 0, 600) < 0);
  assert.ok(autoScrollSpeed(598, 0, 600) > autoScrollSpeed(560, 0, 600));
  assert.ok(autoScrollSpeed(598, 0, 600) > 0);
  assert.equal(autoScrollSpeed(-50, 0, 600), -18, 'capped above the column');
});

const columns = () => ({ wishlist: [], applied: ['a1', 'a2', 'a3'], interviewing: ['i1'], offer: [], rejected: ['r1', 'r2'] });

test('keyboard: Space lifts in place, arrows move within and across columns', () => {
  const cols = columns();
  let s = lift(cols, 'a2');
  assert.deepEqual(s, { id: 'a2', status: 'applied', index: 1, from: { status: 'applied', index: 1 } });
  assert.ok(unmoved(s));
  s = step(s, 'ArrowUp', cols);
  assert.equal(s.index, 0);
  s = step(s, 'ArrowUp', cols);
  assert.equal(s.index, 0, 'stops at the top');
  s = step(s, 'ArrowDown', cols);
  s = step(s, 'ArrowDown', cols);
  s = step(s, 'ArrowDown', cols);
  assert.equal(s.index, 2, 'stops at the bottom: a1, a3, then a2');
  s = step(s, 'ArrowRight', cols);
  assert.deepEqual([s.status, s.index], ['interviewing', 1], 'index clamped to the shorter column');
  s = step(s, 'ArrowRight', cols);
  s = step(s, 'ArrowRight', cols);
  s = step(s, 'ArrowRight', cols);
  assert.deepEqual([s.status, s.index], ['rejected', 0]);
  assert.equal(step(s, 'ArrowRight', cols), s, 'no column right of Rejected');
  s = lift(cols, 'a1');
  for (let i = 0; i < 3; i++) s = step(s, 'ArrowLeft', cols);
  assert.equal(s.status, 'wishlist');
  assert.equal(step(s, 'x', cols), s);
  assert.equal(lift(cols, 'nope'), null);
});

test('keyboard: every step is announced in words', () => {
  const cols = columns();
  let s = lift(cols, 'a1');
  assert.equal(announce('lift', s, cols, 'Acme'), 'Lifted Acme, in Applied, position 1 of 3. Arrow keys move it, Space drops it, Escape cancels.');
  s = step(s, 'ArrowRight', cols);
  assert.equal(announce('move', s, cols, 'Acme'), 'Acme: Interviewing, position 1 of 2.');
  assert.equal(announce('drop', s, cols, 'Acme'), 'Dropped Acme in Interviewing, position 1 of 2.');
  assert.equal(announce('cancel', s, cols, 'Acme'), 'Move cancelled. Acme stays in Applied.');
  assert.equal(announce('drop', lift(cols, 'a1'), cols, 'Acme'), 'Acme dropped back where it was.');
});

const cards = [
  { id: '1', company: 'Acme Robotics', role: 'Backend Engineer', contacts: ['Dana Reyes'] },
  { id: '2', company: 'Initech', role: 'Frontend Developer', contacts: [] },
  { id: '3', company: 'Zürich Insurance', role: 'Data Engineer', contacts: ['Lee Park'] },
];

test('filter matches company, role and contacts, every word, ignoring case and accents', () => {
  const ids = (q) => filterCards(cards, q).map((c) => c.id);
  assert.deepEqual(ids(''), ['1', '2', '3']);
  assert.deepEqual(ids('   '), ['1', '2', '3']);
  assert.deepEqual(ids('acme'), ['1']);
  assert.deepEqual(ids('engineer'), ['1', '3']);
  assert.deepEqual(ids('dana'), ['1'], 'by contact');
  assert.deepEqual(ids('zurich'), ['3'], 'accents folded');
  assert.deepEqual(ids('engineer park'), ['3'], 'all words must match');
  assert.deepEqual(ids('nobody'), []);
  assert.equal(fold('ÉCOLE'), 'ecole');
});

test('the search folds and matches as the backend does (the cases src-tauri/core/src/search.rs is tested on: tests/fixtures/search.json)', () => {
  const cases = JSON.parse(readFileSync(new URL('../fixtures/search.json', import.meta.url), 'utf8'));
  for (const { text, folded } of cases.fold) assert.equal(fold(text), folded, text);
  for (const { text, query, matches } of cases.match) {
    const [company, role, ...contacts] = text.split('\n');
    assert.equal(filterCards([{ company, role, contacts }], query).length === 1, matches, `${query} in ${text}`);
  }
});

test('the duplicate warning names the company and the date applied', () => {
  assert.equal(duplicateWarning([]), null);
  assert.equal(duplicateWarning([{ company: 'Acme', status: 'applied', applied_at: '2026-11-02T10:00:00Z' }], 'en-GB', new Date('2026-11-26T12:00:00Z')),
    'You applied to Acme on 2 Nov.');
  assert.equal(duplicateWarning([
    { company: 'Acme', status: 'rejected', applied_at: '2026-11-02T10:00:00Z' },
    { company: 'Acme', status: 'withdrawn', applied_at: '2026-03-02T10:00:00Z' },
  ], 'en-GB', new Date('2026-11-26T12:00:00Z')), 'You applied to Acme on 2 Nov (and 1 more time); it is in Rejected.');
  assert.equal(duplicateWarning([{ company: 'Acme', status: 'wishlist', applied_at: null }]),
    'Acme is already on your board (Wishlist).');
});

test('the timeline tells the story newest first, with names', () => {
  const rec = {
    contacts: [{ id: 'c1', name: 'Dana Reyes' }],
    status_changes: [
      { at: '2026-11-02T10:00:00Z', from: null, to: 'applied' },
      { at: '2026-11-18T09:00:00Z', from: 'applied', to: 'interviewing' },
    ],
    interviews: [{ id: 'i1', starts_at: '2026-11-20T14:00:00Z', format: 'onsite', interviewer_ids: ['c1'], next_steps: 'second round' }],
    messages: [
      { at: '2026-11-20T16:00:00Z', direction: 'sent', channel: 'email', contact_id: 'c1', body: 'Thank you' },
      { at: '2026-11-24T09:30:00Z', direction: 'received', channel: 'email', contact_id: null, body: 'Next week' },
    ],
  };
  const t = timeline(rec);
  assert.deepEqual(t.map((e) => e.title), [
    'Reply received (e-mail)',
    'Sent e-mail to Dana Reyes',
    'On-site interview with Dana Reyes',
    'Moved from Applied to Interviewing',
    'Added to Applied',
  ]);
  assert.equal(t[2].detail, 'Next steps: second round');
  assert.deepEqual(timeline({}), []);
});

test('local dates come from local fields, never from UTC', () => {
  // 23:30 local on 1 March: toISOString() would give 2 March east of UTC… or
  // 1 March west of it; the local fields always give the calendar date shown.
  const d = new Date(2026, 2, 1, 23, 30);
  assert.equal(localDate(d), '2026-03-01');
  assert.equal(localDateTime(d), '2026-03-01T23:30');
});
