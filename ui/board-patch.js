// Writes answer with what they changed (issue 17): the card of the
// application they touched, as stored, and, for a drop that renumbered its
// column, the other cards' new positions. These functions put them in place
// in the board's data ({byId, lists}: the cards by id, and each column's cards
// in position order) without reading the board again: a card leaves its old
// column and goes to its place in its new one; only the columns touched change.
// A deleted application's card leaves the board (removeCards).
// Pure (no DOM), for tests/ui/board-patch.test.mjs.

/** Position order within a column (ties by id, as the store orders them). */
export const byPosition = (a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The cards a write's answer carries: a card itself (add, edit, undo of a
 * move), a move's or a follow-up action's `card`, or a list of `cards`.
 */
export function answerCards(answer) {
  if (!answer || typeof answer !== 'object') return [];
  if (Array.isArray(answer.cards)) return answer.cards;
  if (answer.card && typeof answer.card === 'object') return [answer.card];
  if (typeof answer.id === 'string' && typeof answer.status === 'string') return [answer];
  return [];
}

/** The cards of a renumbered column (`placed`: [{id, position}]) with their new positions; unknown ids are left out. */
export function renumberedCards(byId, placed) {
  const out = [];
  for (const p of placed ?? []) {
    const c = byId.get(p.id);
    if (c && c.position !== p.position) out.push({ ...c, position: p.position });
  }
  return out;
}

/**
 * Puts `cards` in place in `data` ({byId, lists}); a card whose status has
 * no column (archived) leaves the board. Returns the statuses whose columns
 * changed: only those are re-sorted (one card is inserted at its place).
 */
export function patchCards(data, cards) {
  const touched = new Set();
  for (const card of cards) {
    const old = data.byId.get(card.id);
    if (old) {
      const list = data.lists.get(old.status);
      const i = list ? list.indexOf(old) : -1;
      if (i >= 0) list.splice(i, 1);
      data.byId.delete(card.id);
      touched.add(old.status);
    }
    const list = data.lists.get(card.status);
    if (!list) continue;
    if (cards.length === 1) {
      const i = list.findIndex((c) => byPosition(card, c) < 0);
      list.splice(i < 0 ? list.length : i, 0, card);
    } else {
      list.push(card);
    }
    data.byId.set(card.id, card);
    touched.add(card.status);
  }
  if (cards.length > 1) for (const s of touched) data.lists.get(s)?.sort(byPosition);
  return touched;
}

/** Takes the cards `ids` off the board's data; returns the statuses whose columns changed. */
export function removeCards(data, ids) {
  const touched = new Set();
  for (const id of ids) {
    const old = data.byId.get(id);
    if (!old) continue;
    const list = data.lists.get(old.status);
    const i = list ? list.indexOf(old) : -1;
    if (i >= 0) list.splice(i, 1);
    data.byId.delete(id);
    touched.add(old.status);
  }
  return touched;
}
