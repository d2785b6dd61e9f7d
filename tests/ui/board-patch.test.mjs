// ui/board-patch.js: a write's answer put in place in the board's data, no board read (issue 17).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerCards, byPosition, patchCards, removeCards, renumberedCards } from '../../ui/board-patch.js';

const card = (id, status, position, extra = {}) => ({ id, status, position, company: id.toUpperCase(), ...extra });

function boardOf(cards) {
  const data = { byId: new Map(), lists: new Map(['wishlist', 'applied', 'interviewing'].map((s) => [s, []])) };
  for (const c of cards) { data.byId.set(c.id, c); data.lists.get(c.status).push(c); }
  for (const l of data.lists.values()) l.sort(byPosition);
  return data;
}
const ids = (data, status) => data.lists.get(status).map((c) => `${c.id}@${c.position}`);

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
  // A move: out of one column, into its place in the other.
  assert.deepEqual([...patchCards(data, [card('w1', 'applied', 1.5)])].sort(), ['applied', 'wishlist']);
  assert.deepEqual(ids(data, 'applied'), ['a1@1', 'w1@1.5', 'a2@2', 'a3@3']);
  assert.deepEqual(ids(data, 'wishlist'), []);
  // Archived: it leaves the board.
  assert.deepEqual([...patchCards(data, [card('a1', 'ghosted', 1)])], ['applied']);
  assert.equal(data.byId.has('a1'), false);
  assert.deepEqual(ids(data, 'applied'), ['w1@1.5', 'a2@2', 'a3@3']);
  // Back from the archive (unknown to the board): it comes in at its place.
  patchCards(data, [card('a1', 'applied', 0.5)]);
  assert.deepEqual(ids(data, 'applied'), ['a1@0.5', 'w1@1.5', 'a2@2', 'a3@3']);
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
  // Its Undo's answer puts it back at its place.
  patchCards(data, [card('a1', 'applied', 1)]);
  assert.deepEqual(ids(data, 'applied'), ['a1@1', 'a2@2']);
});
