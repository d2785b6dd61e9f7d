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
 * Puts `cards` in place in `data` (a Board: {byId, lists, counts, matches};
 * each column holds the first of its cards matching the search, and counts
 * them all), and counts them. A card leaves the column it was held in and
 * goes to its place in its new one when it matches the search and falls
 * among the cards held (anywhere, when the column holds all it has;
 * otherwise before its last card held: the rest come with the next page).
 * A card the board does not hold was counted where `hint` says: `{from}`,
 * the status it had (a move), `{added}`, nowhere (new, or back from a
 * deletion), and otherwise in its own column (a write that keeps the
 * status). A card whose status has no column (archived) leaves the board.
 * Returns the statuses whose columns changed.
 */
export function patchCards(data, cards, { from = null, added = false } = {}) {
  const touched = new Set();
  const count = (status, d, matched) => {
    const n = data.counts.get(status);
    if (!n) return;
    n.total += d;
    if (matched) n.matching += d;
    touched.add(status);
  };
  for (const card of cards) {
    const matched = data.matches(card);
    const old = data.byId.get(card.id);
    if (old) {
      const list = data.lists.get(old.status);
      const i = list ? list.indexOf(old) : -1;
      if (i >= 0) list.splice(i, 1);
      data.byId.delete(card.id);
      count(old.status, -1, true);
    } else if (from && from !== card.status) {
      count(from, -1, matched);
    }
    const list = data.lists.get(card.status);
    const n = data.counts.get(card.status);
    const counted = old || added || (from && from !== card.status);
    const whole = list && list.length >= n.matching - (counted ? 0 : 1);
    if (counted) count(card.status, 1, matched);
    if (!list || !matched) continue;
    const i = list.findIndex((c) => byPosition(card, c) < 0);
    if (i < 0 && !whole) continue; // after the cards held: not fetched yet
    list.splice(i < 0 ? list.length : i, 0, card);
    data.byId.set(card.id, card);
    touched.add(card.status);
  }
  return touched;
}

/**
 * Takes the cards `ids` off the board's data and counts them out; `status`
 * is the column of one the board does not hold (counted out of the matches
 * only without a search: the board cannot tell whether it matched).
 * Returns the statuses whose columns changed.
 */
export function removeCards(data, ids, status = null) {
  const touched = new Set();
  for (const id of ids) {
    const old = data.byId.get(id);
    const n = data.counts.get(old?.status ?? status);
    if (!n) continue;
    n.total--;
    if (old || !data.query.trim()) n.matching--;
    touched.add(old?.status ?? status);
    if (!old) continue;
    const list = data.lists.get(old.status);
    const i = list ? list.indexOf(old) : -1;
    if (i >= 0) list.splice(i, 1);
    data.byId.delete(id);
  }
  return touched;
}

/**
 * A page of a column (the `board_column` command's answer) added to what
 * the board holds: cards it already holds are kept as they are (a move
 * shown before the store answered stays), the others go in order. Its
 * counts are taken when `fresh` (nothing changed here since it was asked for).
 */
export function mergePage(data, page, fresh) {
  const list = data.lists.get(page.status);
  if (!list) return;
  for (const c of page.cards) {
    if (data.byId.has(c.id)) continue;
    data.byId.set(c.id, c);
    list.push(c);
  }
  list.sort(byPosition);
  if (fresh) data.counts.set(page.status, { total: page.total, matching: page.matching });
}
