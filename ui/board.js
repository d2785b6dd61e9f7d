// The board: five columns of cards, updated by key so that a change
// re-renders the cards it touches, not the whole board. The board keeps the
// cards' data (by id and by column, in position order) and shows the ones
// matching the search; each column renders its first PAGE cards and more as
// the user scrolls, so 5,000 applications load without building 5,000 cards.
import { h, replace } from './dom.js';
import { agoLabel, dueLabel, dueState } from './format.js';
import { BOARD_STATUSES, filterCards, searchText } from './board-logic.js';
import { STATUS_LABELS, actionOf, shortActionOf } from './labels.js';
import { jobLinkButton } from './links.js';
import { rememberFocus, restoreFocus } from './focus.js';
import { byPosition, patchCards, removeCards } from './board-patch.js';

/**
 * Cards rendered per column at first, and added each time the end comes into
 * view: a little more than a column shows on a 900 px tall window (a card is
 * ~90 px tall). Building and laying out a card costs ~0.5 ms here, so a
 * filter or a fresh board builds 60 cards, not all that match.
 */
export const PAGE = 12;

/** How long a column's message (a refused move) stays. */
const MESSAGE_MS = 15_000;

export class Board {
  /**
   * `onFollowup(card, anchor)` opens the actions of a card's next follow-up;
   * `onOpen(card)` opens its details; `onMoveMenu(card, anchor)` its "Move to…" menu.
   */
  constructor(root, { onFollowup, onOpen, onMoveMenu, notify }) {
    this.root = root;
    this.on = { onFollowup, onOpen, onMoveMenu, notify };
    this.now = new Date().toISOString();
    this.query = '';
    this.byId = new Map();
    this.lists = new Map(BOARD_STATUSES.map((s) => [s, []]));
    this.texts = new Map(); // id -> folded search text
    this.shown = new Map(); // status -> the cards matching the search (cleared on any change)
    this.els = new Map(); // id -> {el, card, sig}
    this.columns = new Map();
    for (const status of BOARD_STATUSES) {
      const label = STATUS_LABELS[status] ?? status;
      const title = h('h2', { id: `col-${status}-title`, text: label });
      const count = h('span', { class: 'count', 'aria-label': `${label}: 0 applications`, text: '0' });
      const list = h('ol', { class: 'cards', role: 'list', 'aria-labelledby': title.id });
      const empty = h('li', { class: 'column-empty', text: 'Nothing here yet' });
      const more = h('li', { class: 'column-more' });
      const col = h('section', { class: 'column', dataset: { status }, 'aria-labelledby': title.id },
        h('header', {}, title, count), list);
      this.columns.set(status, { col, list, count, empty, more, label, limit: PAGE });
      root.append(col);
    }
    // Render the next page of a column when its end scrolls into view.
    this.observer = typeof IntersectionObserver === 'function'
      ? new IntersectionObserver((entries) => {
        for (const e of entries) {
          if (!e.isIntersecting) continue;
          const status = e.target.closest('[data-status]')?.dataset.status;
          if (status) this.showMore(status);
        }
      }, { root: null, rootMargin: '300px' })
      : null;
    root.addEventListener('click', (e) => {
      if (e.defaultPrevented || e.target.closest('button, a, input, select, textarea')) return;
      const el = e.target.closest('.card[data-application-id]');
      const card = el && this.byId.get(el.dataset.applicationId);
      if (card) this.on.onOpen(card);
    });
  }

  /** Replaces all the data (a fresh `board` read) and renders. */
  setData(cards, now) {
    this.now = now;
    this.byId = new Map();
    this.texts.clear();
    for (const s of BOARD_STATUSES) this.lists.set(s, []);
    for (const c of cards) {
      if (!this.lists.has(c.status)) continue;
      this.byId.set(c.id, c);
      this.lists.get(c.status).push(c);
    }
    for (const list of this.lists.values()) list.sort(byPosition);
    this.shown.clear();
    this.render();
    this.warmSearch();
  }

  /** Puts one changed card in place (or takes it off the board when archived) and re-renders only its columns. */
  applyCard(card) {
    this.applyCards([card]);
  }

  /** Puts changed cards in place (ui/board-patch.js) and re-renders only the columns they touch. */
  applyCards(cards) {
    for (const c of cards) this.texts.delete(c.id);
    const touched = patchCards(this, cards);
    const focus = this.rememberFocus();
    for (const s of touched) { this.shown.delete(s); this.renderColumn(s); }
    this.restoreFocus(focus);
  }

  /** Takes a deleted application's card off the board and re-renders only its column. */
  removeCard(id) {
    this.texts.delete(id);
    const touched = removeCards(this, [id]);
    const focus = this.rememberFocus();
    for (const s of touched) { this.shown.delete(s); this.renderColumn(s); }
    this.restoreFocus(focus);
  }

  /**
   * Folds every card's search text in the background, a slice per task, so
   * that the first keystroke in the search box does not pay for 5,000 of them.
   */
  warmSearch() {
    clearTimeout(this.warmTimer);
    const ids = [...this.byId.keys()];
    let i = 0;
    const slice = () => {
      for (const end = Math.min(i + 500, ids.length); i < end; i++) {
        const c = this.byId.get(ids[i]);
        if (c && !this.texts.has(c.id)) this.texts.set(c.id, searchText(c));
      }
      if (i < ids.length) this.warmTimer = setTimeout(slice, 0);
    };
    this.warmTimer = setTimeout(slice, 300);
  }

  setFilter(query) {
    this.query = query;
    this.shown.clear();
    for (const c of this.columns.values()) c.limit = PAGE;
    this.render();
  }

  /** The cards of `status` that match the search, in order. */
  visible(status) {
    const list = this.lists.get(status) ?? [];
    if (!this.query.trim()) return list;
    let shown = this.shown.get(status);
    if (!shown) {
      shown = filterCards(list, this.query, (c) => {
        let t = this.texts.get(c.id);
        if (t === undefined) { t = searchText(c); this.texts.set(c.id, t); }
        return t;
      });
      this.shown.set(status, shown);
    }
    return shown;
  }

  /** The visible ids by column, for the keyboard move state machine. */
  visibleIds() {
    return Object.fromEntries(BOARD_STATUSES.map((s) => [s, this.visible(s).map((c) => c.id)]));
  }

  /** How many cards match the search, and how many there are. */
  counts() {
    let shown = 0, total = 0;
    for (const s of BOARD_STATUSES) { shown += this.visible(s).length; total += this.lists.get(s).length; }
    return { shown, total };
  }

  render() {
    const focus = this.rememberFocus();
    for (const s of BOARD_STATUSES) this.renderColumn(s);
    this.restoreFocus(focus);
  }

  /** A card re-rendered or moved to another column loses the focus: it goes back to the card, or its neighbour when it left the board. */
  rememberFocus() {
    return rememberFocus(this.root, '.card[data-application-id]', 'applicationId', { sameList: true });
  }

  restoreFocus(saved) {
    restoreFocus(saved, (id) => this.element(id));
  }

  showMore(status) {
    const column = this.columns.get(status);
    if (column.limit >= this.visible(status).length) return;
    column.limit += PAGE;
    this.renderColumn(status);
  }

  /** Makes sure the card at `index` of the visible column is rendered. */
  reveal(status, index) {
    const column = this.columns.get(status);
    if (index >= column.limit) { column.limit = Math.ceil((index + 1) / PAGE) * PAGE; this.renderColumn(status); }
  }

  renderColumn(status) {
    const column = this.columns.get(status);
    const all = this.visible(status);
    const shown = all.slice(0, column.limit);
    let prev = null;
    for (const c of shown) {
      const el = this.upsert(c);
      const want = prev ? prev.nextSibling : column.list.firstChild;
      if (el !== want) column.list.insertBefore(el, want);
      prev = el;
    }
    // Whatever follows the shown cards is stale (moved away, filtered out, or the sentinels).
    let rest = prev ? prev.nextSibling : column.list.firstChild;
    while (rest) { const next = rest.nextSibling; rest.remove(); rest = next; }
    if (all.length === 0) {
      column.empty.textContent = this.query.trim() && this.lists.get(status).length ? 'No match' : 'Nothing here yet';
      column.list.append(column.empty);
    }
    this.observer?.unobserve(column.more);
    if (all.length > shown.length) {
      replace(column.more, h('button', {
        type: 'button', class: 'small', text: `Show more (${all.length - shown.length} not shown)`,
        onclick: () => this.showMore(status),
      }));
      column.list.append(column.more);
      this.observer?.observe(column.more);
    }
    const n = all.length, total = this.lists.get(status).length;
    column.count.textContent = n === total ? String(n) : `${n} / ${total}`;
    column.count.setAttribute('aria-label', `${column.label}: ${n} application${n === 1 ? '' : 's'}${n === total ? '' : ` shown of ${total}`}`);
  }

  /** The card's element, rebuilt only when its data or its due state changed. */
  upsert(c) {
    const now = this.now;
    const stamp = `${new Date(now).toDateString()}|${c.next ? dueState(c.next.due_at, now) : ''}`;
    const entry = this.els.get(c.id);
    if (entry && entry.stamp === stamp && (entry.card === c || entry.sig === JSON.stringify(c))) {
      entry.card = c;
      return entry.el;
    }
    const el = entry?.el ?? h('li', { class: 'card', tabindex: '0', dataset: { applicationId: c.id } });
    fillCard(el, c, now, this.on);
    this.els.set(c.id, { el, card: c, stamp, sig: JSON.stringify(c) });
    return el;
  }

  element(id) {
    return this.els.get(id)?.el ?? null;
  }

  /**
   * A message under `status`'s title, outside its list of cards (so that a
   * re-render keeps it): a refused move says there why its card came back.
   * It goes after a while, or when the next one replaces it.
   */
  columnMessage(status, text) {
    const column = this.columns.get(status);
    if (!column) return;
    clearTimeout(column.messageTimer);
    column.message?.remove();
    column.message = text ? h('p', { class: 'column-error', role: 'alert', text }) : null;
    if (!column.message) return;
    column.list.before(column.message);
    column.messageTimer = setTimeout(() => this.columnMessage(status, null), MESSAGE_MS);
  }

  highlight(id) {
    const el = this.element(id);
    if (!el || !el.isConnected) return;
    el.classList.remove('fresh');
    void el.offsetWidth;
    el.classList.add('fresh');
    el.scrollIntoView({ block: 'nearest' });
  }
}

function fillCard(el, c, now, { onFollowup, onMoveMenu, notify }) {
  const menu = h('button', {
    type: 'button', class: 'icon card-move', 'aria-haspopup': 'menu', 'aria-expanded': 'false',
    'aria-label': `Move ${c.company} to…`, title: 'Move to…', text: '⋯',
    onclick: (e) => { e.stopPropagation(); onMoveMenu(c, menu); },
  });
  const parts = [
    h('div', { class: 'card-head' }, h('div', { class: 'card-company', text: c.company, title: c.company }), jobLinkButton(c, { notify }), menu),
    h('div', { class: 'card-role', text: c.role }),
  ];
  if (c.next) {
    const state = dueState(c.next.due_at, now);
    const more = c.open_followups > 1 ? ` (+${c.open_followups - 1})` : '';
    const action = actionOf(c.next.kind);
    const btn = h('button', {
      type: 'button', class: `badge ${state}`, 'aria-haspopup': 'menu', 'aria-expanded': 'false',
      title: `${action}${c.next.contact_name ? ` – ${c.next.contact_name}` : ''}`,
      'aria-label': `Next follow-up for ${c.company}: ${action}${c.next.contact_name ? ` for ${c.next.contact_name}` : ''}, ${dueLabel(c.next.due_at, now)}. Open actions`,
      onclick: (e) => { e.stopPropagation(); onFollowup(c, btn); },
    }, h('span', { class: 'when', text: dueLabel(c.next.due_at, now) }), h('span', { class: 'what', text: `· ${shortActionOf(c.next.kind)}${more}` }));
    parts.push(btn);
  }
  const ago = agoLabel(c.last_contact, now);
  if (ago) parts.push(h('div', { class: 'card-meta', text: `Last contact ${ago}` }));
  el.setAttribute('aria-label', `${c.company}, ${c.role}. Enter opens it, Space lifts it to move`);
  replace(el, parts);
}
