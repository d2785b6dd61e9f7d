// ui/board-patch.js: a write's answer put in place in the board's data and
// counted, no board read (issue 17); the board holds the first cards of each
// column (the backend pages it), and counts them all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerCards, byPosition, mergePage, patchCards, removeCards, renumberedCards } from '../../ui/board-patch.js';
import { filterCards } from '../../ui/board-logic.js';

const card = (id, status, position, extra = {}) => ({ id, status, position, company: id.toUpperCase(), role: 'Engineer', ...extra });

/**
 * A board holding `cards`; `counts` ({status: [total, matching]}) when a
 * column holds fewer than it has (else each column holds all its cards).
 */
function boardOf(cards, { counts = {}, query = '' } = {}) {
  const statuses = ['wishlist', 'applied', 'interviewing'];
  const data = {
    query,
    byId: new Map(),
    lists: new Map(statuses.map((s) => [s, []])),
    counts: new Map(statuses.map((s) => [s, { total: 0, matching: 0 }])),
    matches: (c) => filterCards([c], query).length === 1,
  };
  for (const c of cards) { data.byId.set(c.id, c); data.lists.get(c.status).push(c); }
  for (const [s, l] of data.lists) {
    l.sort(byPosition);
    const [total, matching] = counts[s] ?? [l.length, l.length];
    data.counts.set(s, { total, matching });
  }
  return data;
}
const ids = (data, status) => data.lists.get(status).map((c) => `${c.id}@${c.position}`);
const counted = (data, status) => { const n = data.counts.get(status); return [n.total, n.matching]; };

test('every kind of answer gives its cards', () => {
  const c = card('a1', 'applied', 1);
  assert.deepEqual(answerCards(c), [c]); // add, edit, undo of a move: the card itself
  assert.deepEqual(answerCards({ card: c, from: 'wishlist', to: 'applied', renumbered: [] }), [c]); // a move
  assert.deepEqual(answerCards({ key: 'check_in:a1:2026-11-16', application_id: 'a1', card: c }), [c]); // Done, Skip, Snooze
  assert.deepEqual(answerCards({ cards: [c, c] }), [c, c]);
  for (const none of [undefined, null, 'x', {}, { key: 'k' }]) assert.deepEqual(answerCards(none), []);
});

test('a changed card is put in place in its own column only, in position order', () => {
  const data = boardOf([card('a1', 'applied', 1), card('a2', 'applied', 2), card('a3', 'applied', 3), card('w1', 'wishlist', 1)]);
  const before = data.lists.get('wishlist');
  const next = { due_at: '2026-12-01T08:00:00Z', kind: 'check_in' };
  const touched = patchCards(data, [card('a2', 'applied', 2, { next })]);
  assert.deepEqual([...touched], ['applied']);
  assert.deepEqual(ids(data, 'applied'), ['a1@1', 'a2@2', 'a3@3']);
  assert.equal(data.byId.get('a2').next, next, 'the new state replaces the old card');
  assert.equal(data.lists.get('wishlist'), before, 'another column is left as it was');
  assert.deepEqual(counted(data, 'applied'), [3, 3], 'a write that keeps the status counts nothing');
  // A move: out of one column, into its place in the other, counted out and in.
  assert.deepEqual([...patchCards(data, [card('w1', 'applied', 1.5)])].sort(), ['applied', 'wishlist']);
  assert.deepEqual(ids(data, 'applied'), ['a1@1', 'w1@1.5', 'a2@2', 'a3@3']);
  assert.deepEqual(ids(data, 'wishlist'), []);
  assert.deepEqual([counted(data, 'wishlist'), counted(data, 'applied')], [[0, 0], [4, 4]]);
  // Archived: it leaves the board.
  assert.deepEqual([...patchCards(data, [card('a1', 'ghosted', 1)])], ['applied']);
  assert.equal(data.byId.has('a1'), false);
  assert.deepEqual(ids(data, 'applied'), ['w1@1.5', 'a2@2', 'a3@3']);
  assert.deepEqual(counted(data, 'applied'), [3, 3]);
  // Back from the archive (not held by the board, counted where it was): it comes in at its place.
  patchCards(data, [card('a1', 'applied', 0.5)], { from: 'ghosted' });
  assert.deepEqual(ids(data, 'applied'), ['a1@0.5', 'w1@1.5', 'a2@2', 'a3@3']);
  assert.deepEqual(counted(data, 'applied'), [4, 4]);
});

test('a column holding only its first cards takes a changed card only among them, and counts the rest', () => {
  // Applied has 30 cards at 1 … 30; the board holds the first 3.
  const data = boardOf([card('a1', 'applied', 1), card('a2', 'applied', 2), card('a3', 'applied', 3), card('w1', 'wishlist', 1), card('w2', 'wishlist', 2)],
    { counts: { applied: [30, 30] } });
  // Dropped between a1 and a2: shown there.
  patchCards(data, [card('w1', 'applied', 1.5)]);
  assert.deepEqual(ids(data, 'applied'), ['a1@1', 'w1@1.5', 'a2@2', 'a3@3']);
  assert.deepEqual(counted(data, 'applied'), [31, 31]);
  // Moved to the end of the column (the Move to… menu): counted, not held (it comes with a later page).
  assert.deepEqual([...patchCards(data, [card('w2', 'applied', 31)])].sort(), ['applied', 'wishlist']);
  assert.equal(data.byId.has('w2'), false);
  assert.deepEqual([counted(data, 'wishlist'), counted(data, 'applied')], [[0, 0], [32, 32]]);
  // The store's answer for it (no hint: its status is the one it was counted in) counts nothing again.
  patchCards(data, [card('w2', 'applied', 31, { next: { kind: 'check_in' } })]);
  assert.deepEqual(counted(data, 'applied'), [32, 32]);
  // A card further down that the board never held, moved away by its status (from the detail panel).
  patchCards(data, [card('a20', 'interviewing', 1)], { from: 'applied' });
  assert.deepEqual([counted(data, 'applied'), counted(data, 'interviewing')], [[31, 31], [1, 1]]);
  assert.deepEqual(ids(data, 'interviewing'), ['a20@1'], 'a column holding all its cards takes it anywhere');
  // New: counted, and held when it falls among the cards held.
  patchCards(data, [card('n1', 'applied', 0.5)], { added: true });
  assert.deepEqual(ids(data, 'applied'), ['n1@0.5', 'a1@1', 'w1@1.5', 'a2@2', 'a3@3']);
  assert.deepEqual(counted(data, 'applied'), [32, 32]);
});

test('under a search, a card that stops matching leaves its column and the matches, not the total', () => {
  const data = boardOf([card('acme1', 'applied', 1, { company: 'Acme' }), card('acme2', 'applied', 2, { company: 'ACME Labs' })],
    { counts: { applied: [10, 2] }, query: 'acme' });
  patchCards(data, [card('acme2', 'applied', 2, { company: 'Initech' })]);
  assert.deepEqual(ids(data, 'applied'), ['acme1@1']);
  assert.deepEqual(counted(data, 'applied'), [10, 1]);
  // A card that does not match, moved in: counted in the total only.
  patchCards(data, [card('w9', 'applied', 0.5, { company: 'Hooli' })], { from: 'wishlist' });
  assert.deepEqual(ids(data, 'applied'), ['acme1@1']);
  assert.deepEqual(counted(data, 'applied'), [11, 1]);
  // Deleted and not held: out of the total; whether it matched is not known here.
  removeCards(data, ['gone'], 'applied');
  assert.deepEqual(counted(data, 'applied'), [10, 1]);
});

test('a page adds the cards the board does not hold yet, in order, and its counts when nothing changed since', () => {
  const data = boardOf([card('a1', 'applied', 1), card('a2', 'applied', 2), card('w1', 'applied', 2.5)], { counts: { applied: [5, 5] } });
  // w1 was moved here before the page, read meanwhile, still had it elsewhere.
  mergePage(data, { status: 'applied', total: 4, matching: 4, cards: [card('a3', 'applied', 3), card('a4', 'applied', 4)] }, false);
  assert.deepEqual(ids(data, 'applied'), ['a1@1', 'a2@2', 'w1@2.5', 'a3@3', 'a4@4']);
  assert.deepEqual(counted(data, 'applied'), [5, 5], 'counts read before a change here are not taken');
  mergePage(data, { status: 'applied', total: 5, matching: 5, cards: [card('a4', 'applied', 4, { role: 'stale' })] }, true);
  assert.equal(data.byId.get('a4').role, 'Engineer', 'a card held is kept as it is');
  assert.deepEqual(ids(data, 'applied'), ['a1@1', 'a2@2', 'w1@2.5', 'a3@3', 'a4@4']);
});

test('a renumbered column takes the new positions from the answer, ties broken by id', () => {
  const data = boardOf([card('a1', 'applied', 1), card('a3', 'applied', 1.0000002), card('a2', 'applied', 2)]);
  // The drop of w1 between a1 and a3 renumbered a3 and a2; a1 kept 1.
  const moved = { card: card('w1', 'applied', 1.5), renumbered: [{ id: 'a3', position: 2 }, { id: 'a2', position: 3 }, { id: 'gone', position: 4 }] };
  const placed = renumberedCards(data.byId, moved.renumbered);
  assert.deepEqual(placed.map((c) => [c.id, c.position]), [['a3', 2], ['a2', 3]], 'an id the board does not hold is left out');
  assert.equal(data.byId.get('a3').position, 1.0000002, 'the old cards are not changed in place');
  patchCards(data, [...answerCards(moved), ...placed]);
  assert.deepEqual(ids(data, 'applied'), ['a1@1', 'w1@1.5', 'a3@2', 'a2@3']);
  assert.deepEqual(renumberedCards(data.byId, [{ id: 'a1', position: 1 }]), [], 'an unchanged position is no change');
  // Equal positions keep the store's order (by id).
  const tie = boardOf([]);
  patchCards(tie, [card('b', 'applied', 1), card('a', 'applied', 1)]);
  assert.deepEqual(ids(tie, 'applied'), ['a@1', 'b@1']);
});

test('a deleted card leaves its column only; an id the board does not hold changes nothing', () => {
  const data = boardOf([card('a1', 'applied', 1), card('a2', 'applied', 2), card('w1', 'wishlist', 1)]);
  assert.deepEqual([...removeCards(data, ['a1'])], ['applied']);
  assert.deepEqual(ids(data, 'applied'), ['a2@2']);
  assert.deepEqual(ids(data, 'wishlist'), ['w1@1']);
  assert.equal(data.byId.has('a1'), false);
  assert.deepEqual([...removeCards(data, ['gone', 'a1'])], []);
  assert.deepEqual(counted(data, 'applied'), [1, 1]);
  // Not held, its column said: counted out.
  assert.deepEqual([...removeCards(data, ['w9'], 'wishlist')], ['wishlist']);
  assert.deepEqual(counted(data, 'wishlist'), [0, 0]);
  // Its Undo's answer puts it back at its place.
  patchCards(data, [card('a1', 'applied', 1)], { added: true });
  assert.deepEqual(ids(data, 'applied'), ['a1@1', 'a2@2']);
  assert.deepEqual(counted(data, 'applied'), [2, 2]);
});
