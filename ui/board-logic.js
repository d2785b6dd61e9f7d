// The board's pure logic: where a dropped card goes, the bookkeeping of
// optimistic moves, the keyboard move state machine and what it announces,
// the search filter, the duplicate-company warning and an application's
// timeline. No DOM here: unit-tested with node --test (tests/ui/board.test.mjs).
import { shortDate } from './format.js';
import { STATUS_LABELS } from './labels.js';

// The board's columns and the archive, as the backend orders them (its `labels`;
// tests/ui/no-answer.test.mjs compares them with tests/fixtures/labels.json).
export const BOARD_STATUSES = ['wishlist', 'applied', 'interviewing', 'offer', 'rejected'];
export const ARCHIVE_STATUSES = ['accepted', 'withdrawn', 'ghosted'];

// ---- drop position ---------------------------------------------------------

/**
 * The insertion index for a pointer at `y` over a column whose cards (the
 * dragged one left out) have vertical midpoints `midpoints`, top to bottom:
 * the number of cards whose middle is above the pointer.
 */
export function dropIndex(midpoints, y) {
  let i = 0;
  while (i < midpoints.length && midpoints[i] < y) i++;
  return i;
}

/** A position strictly between two neighbours' positions (either may be missing). */
export function positionBetween(prev, next) {
  const p = Number.isFinite(prev) ? prev : null;
  const n = Number.isFinite(next) ? next : null;
  if (p === null && n === null) return 1;
  if (p === null) return n - 1;
  if (n === null) return p + 1;
  // The backend respaces the column when this gap gets too small.
  return (p + n) / 2;
}

/**
 * The position a card gets when inserted at `index` among `cards` (a
 * column, sorted by position, without the moving card).
 */
export function positionAt(cards, index) {
  return positionBetween(cards[index - 1]?.position, cards[index]?.position);
}

/**
 * Speed (px per frame, signed) to scroll a column while the pointer is at
 * `y` inside [top, bottom]: faster nearer the edge, 0 outside the edge zones.
 */
export function autoScrollSpeed(y, top, bottom, { zone = 48, max = 18 } = {}) {
  if (bottom - top < zone * 2) zone = (bottom - top) / 3;
  if (y < top + zone) return -Math.ceil(max * Math.min(1, (top + zone - y) / zone));
  if (y > bottom - zone) return Math.ceil(max * Math.min(1, (y - (bottom - zone)) / zone));
  return 0;
}

// ---- optimistic moves ------------------------------------------------------

/**
 * The card as the board shows it from the drop until the store answers: in
 * `to` at `position`, or (`position` null) after `last`, the last card of
 * `to` (where the store puts a card moved without a position).
 */
export function optimisticCard(card, to, position, last = null) {
  const at = position ?? (Number.isFinite(last?.position) ? last.position + 1 : 1);
  return { ...card, status: to, position: at };
}

/**
 * The moves sent to the store and not answered yet, by card. Each card keeps
 * its last stored version (the board's before the first move, then each
 * answer): a refused move puts that back, never a guess. A card moved again
 * before the first answer shows only the latest move's outcome.
 */
export class PendingMoves {
  constructor() {
    this.seq = 0;
    this.cards = new Map(); // id -> {stored, storedAt, latest, open}
  }

  get size() { return this.cards.size; }

  has(id) { return this.cards.has(id); }

  /** A move of `card` (as the board holds it now) is sent; returns its token. */
  begin(card) {
    const token = ++this.seq;
    const e = this.cards.get(card.id);
    if (e) { e.latest = token; e.open++; } else this.cards.set(card.id, { stored: card, storedAt: 0, latest: token, open: 1 });
    return token;
  }

  /**
   * The store stored move `token` of `id` as `card`. True when the board
   * should show it (no later move of that card waits for its own answer).
   */
  stored(id, token, card) {
    const e = this.cards.get(id);
    if (!e) return true;
    if (token > e.storedAt) { e.stored = card; e.storedAt = token; }
    return this.end(id, token, e);
  }

  /**
   * The store refused move `token` of `id`. The card to show again (as last
   * stored), or null when a later move of that card is still on its way.
   */
  refused(id, token) {
    const e = this.cards.get(id);
    if (!e) return null;
    return this.end(id, token, e) ? e.stored : null;
  }

  end(id, token, e) {
    if (--e.open === 0) this.cards.delete(id);
    return token === e.latest;
  }
}

/**
 * What to do with a board read asked for at generation `gen`, now at
 * `generation`: keep it for later while a card is being moved or a move
 * waits for the store (`busy`: it may or may not hold that move), read again
 * when a change was made since it was asked for (it would put a moved card
 * back), or show it.
 */
export function boardReadVerdict(gen, generation, busy) {
  if (busy) return 'defer';
  return gen === generation ? 'show' : 'reread';
}

// ---- keyboard moves --------------------------------------------------------

/**
 * Lifts card `id`. `columns` maps each board status to the ids in that
 * column, in order. Returns the move state, or null when the card is not on
 * the board.
 */
export function lift(columns, id) {
  for (const status of BOARD_STATUSES) {
    const ids = columns[status] ?? [];
    const i = ids.indexOf(id);
    if (i >= 0) return { id, status, index: i, from: { status, index: i } };
  }
  return null;
}

/** The ids of `status` without the moving card. */
function others(columns, status, id) {
  return (columns[status] ?? []).filter((x) => x !== id);
}

/**
 * One key press while a card is lifted. Returns the next state (unchanged
 * when the key does nothing, e.g. Up at the top).
 */
export function step(state, key, columns) {
  const col = BOARD_STATUSES.indexOf(state.status);
  const len = (s) => others(columns, s, state.id).length;
  switch (key) {
    case 'ArrowUp':
      return { ...state, index: Math.max(0, state.index - 1) };
    case 'ArrowDown':
      return { ...state, index: Math.min(len(state.status), state.index + 1) };
    case 'ArrowLeft':
    case 'ArrowRight': {
      const to = BOARD_STATUSES[col + (key === 'ArrowLeft' ? -1 : 1)];
      if (!to) return state;
      return { ...state, status: to, index: Math.min(state.index, len(to)) };
    }
    default:
      return state;
  }
}

/** True when the state puts the card back where it was lifted. */
export const unmoved = (s) => s.status === s.from.status && s.index === s.from.index;

/** What the screen reader hears at each step; `name` is the company. */
export function announce(kind, state, columns, name) {
  const label = STATUS_LABELS[state.status];
  const of = others(columns, state.status, state.id).length + 1;
  const where = `${label}, position ${state.index + 1} of ${of}`;
  switch (kind) {
    case 'lift':
      return `Lifted ${name}, in ${where}. Arrow keys move it, Space drops it, Escape cancels.`;
    case 'move':
      return `${name}: ${where}.`;
    case 'drop':
      return unmoved(state) ? `${name} dropped back where it was.` : `Dropped ${name} in ${where}.`;
    case 'cancel':
      return `Move cancelled. ${name} stays in ${STATUS_LABELS[state.from.status]}.`;
    default:
      return '';
  }
}

// ---- filter ----------------------------------------------------------------

/** Lower case without accents, so "zurich" finds "Zürich". */
export function fold(s) {
  return String(s ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The text a card is searched by: company, role and contact names (search.rs's `text`). */
function searchText(card) {
  return fold([card.company, card.role, ...(card.contacts ?? [])].join('\n'));
}

/**
 * The cards matching `query`: every word of it appears in the company, the
 * role or a contact's name. The board's own search runs in the backend
 * (store/pages.rs); this is the same rule, for the archive and for a
 * changed card put in place.
 */
export function filterCards(cards, query) {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return cards;
  return cards.filter((c) => {
    const t = searchText(c);
    return words.every((w) => t.includes(w));
  });
}

// ---- duplicate company -------------------------------------------------------

/**
 * The warning for adding an application to a company that already has
 * some (`existing`: applications, newest first), or null.
 * "You applied to Acme on 2 Nov."
 */
export function duplicateWarning(existing, locale = undefined, now = new Date()) {
  if (!existing?.length) return null;
  const a = existing[0];
  const more = existing.length > 1 ? ` (and ${existing.length - 1} more time${existing.length > 2 ? 's' : ''})` : '';
  if (!a.applied_at) return `${a.company} is already on your board (${STATUS_LABELS[a.status] ?? a.status})${more}.`;
  const day = shortDate(a.applied_at, now, locale);
  const status = a.status === 'applied' ? '' : `; it is in ${STATUS_LABELS[a.status] ?? a.status}`;
  return `You applied to ${a.company} on ${day}${more}${status}.`;
}

// ---- timeline ----------------------------------------------------------------

/**
 * An application's story, newest first: status changes, interviews and
 * messages sent and received. Each entry: {at, kind, title, detail}.
 */
export function timeline(record) {
  const names = new Map((record.contacts ?? []).map((c) => [c.id, c.name]));
  const out = [];
  for (const s of record.status_changes ?? []) {
    out.push({
      at: s.at, kind: 'status',
      title: s.from ? `Moved from ${STATUS_LABELS[s.from] ?? s.from} to ${STATUS_LABELS[s.to] ?? s.to}` : `Added to ${STATUS_LABELS[s.to] ?? s.to}`,
      detail: '',
    });
  }
  for (const i of record.interviews ?? []) {
    const who = (i.interviewer_ids ?? []).map((id) => names.get(id)).filter(Boolean).join(', ');
    const fmt = { phone: 'Phone', video: 'Video', onsite: 'On-site' }[i.format] ?? i.format;
    out.push({ at: i.starts_at, kind: 'interview', id: i.id, title: `${fmt} interview${who ? ` with ${who}` : ''}`, detail: i.next_steps ? `Next steps: ${i.next_steps}` : '' });
  }
  for (const m of record.messages ?? []) {
    const who = m.contact_id ? names.get(m.contact_id) : null;
    const channel = { email: 'e-mail', linkedin: 'LinkedIn', note: 'note', phone: 'phone call', other: 'message' }[m.channel] ?? m.channel;
    const checkIn = m.direction === 'sent' && (m.followup_key ?? '').startsWith('check_in:');
    const title = m.direction === 'received' ? `Reply received (${channel})${who ? ` from ${who}` : ''}`
      : checkIn ? `Checked in${m.channel === 'other' ? '' : ` by ${channel}`}`
        : `Sent ${channel}${who ? ` to ${who}` : ''}`;
    out.push({
      at: m.at, kind: m.direction, title, detail: m.body ?? '',
      // A check-in's channel can be changed afterwards (Done records "other").
      checkIn: checkIn ? { key: m.followup_key, channel: m.channel } : null,
    });
  }
  // Newest first; at the same instant keep the insertion order.
  return out.map((e, i) => [e, i]).sort((a, b) => (a[0].at < b[0].at ? 1 : a[0].at > b[0].at ? -1 : a[1] - b[1])).map(([e]) => e);
}

// ---- local dates (never toISOString: that is UTC and moves dates) ----------

const pad = (n) => String(n).padStart(2, '0');
/** `YYYY-MM-DD` of `d` in the local zone. */
export const localDate = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
/** `YYYY-MM-DDTHH:MM` of `d` in the local zone (a datetime-local value). */
export const localDateTime = (d) => `${localDate(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
