// The board: five columns of cards, updated by key so that a change
// re-renders the cards it touches, not the whole board. The backend pages
// it (issue 17): the board holds, per column, how many cards there are and
// how many match the search, and the first cards of the column that match,
// in position order; scrolling to a column's end fetches the next page.
// The search runs in the backend (SQLite); a changed card is put in place
// here, and counted, by the same rule (ui/board-patch.js).
import { h, replace } from './dom.js';
import { agoLabel, dueLabel, dueState } from './format.js';
import { BOARD_STATUSES, filterCards } from './board-logic.js';
import { STATUS_LABELS, actionOf, shortActionOf } from './labels.js';
import { jobLinkButton } from './links.js';
import { rememberFocus, restoreFocus } from './focus.js';
import { byPosition, mergePage, patchCards, removeCards } from './board-patch.js';

/**
 * Cards per column in the first read and in each search: what a column
 * shows on a 900 px tall window (a card is 90-120 px tall), so that a
 * keystroke builds no card below the fold; then `MORE` at a time, fetched
 * when the end of the column comes within 100 px of view.
 */
export const PAGE = 8;
export const MORE = 24;

/** How long a column's message (a refused move) stays. */
const MESSAGE_MS = 15_000;

export class Board {
  /**
   * `onFollowup(card, anchor)` opens the actions of a card's next follow-up;
   * `onOpen(card)` opens its details; `onMoveMenu(card, anchor)` its "Move to…" menu;
   * `fetchPage(status, query, after)` reads the cards of a column after `after` ({position, id}).
   */
  constructor(root, { onFollowup, onOpen, onMoveMenu, notify, fetchPage }) {
    this.root = root;
    this.on = { onFollowup, onOpen, onMoveMenu, notify };
    this.fetchPage = fetchPage;
    this.now = new Date().toISOString();
    this.query = '';
    this.byId = new Map(); // the cards held, by id
    this.lists = new Map(BOARD_STATUSES.map((s) => [s, []])); // status -> the cards held, in order
    this.counts = new Map(BOARD_STATUSES.map((s) => [s, { total: 0, matching: 0 }]));
    this.epoch = 0; // bumped by every fresh read: a page asked for before it is dropped
    this.changes = 0; // bumped by every change put in place: a page's counts from before it are not taken
    this.loading = new Map(); // status -> the page on its way
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
      this.columns.set(status, { col, list, count, empty, more, label });
      root.append(col);
    }
    // Fetch the next page of a column when its end scrolls into view.
    this.observer = typeof IntersectionObserver === 'function'
      ? new IntersectionObserver((entries) => {
        for (const e of entries) {
          if (!e.isIntersecting) continue;
          const status = e.target.closest('[data-status]')?.dataset.status;
          if (status && !this.columns.get(status).failed) this.showMore(status);
        }
      }, { root: null, rootMargin: '100px' })
      : null;
    root.addEventListener('click', (e) => {
      if (e.defaultPrevented || e.target.closest('button, a, input, select, textarea')) return;
      const el = e.target.closest('.card[data-application-id]');
      const card = el && this.byId.get(el.dataset.applicationId);
      if (card) this.on.onOpen(card);
    });
  }

  /** Replaces all the data with a fresh read (`columns`: the `board` command's, for `query`) and renders. */
  setColumns(columns, now, query = '') {
    this.now = now;
    this.query = query;
    this.epoch++;
    this.loading.clear();
    this.byId = new Map();
    for (const s of BOARD_STATUSES) { this.lists.set(s, []); this.counts.set(s, { total: 0, matching: 0 }); }
    for (const col of columns) {
      if (!this.lists.has(col.status)) continue;
      this.counts.set(col.status, { total: col.total, matching: col.matching });
      const list = this.lists.get(col.status);
      for (const c of col.cards) { this.byId.set(c.id, c); list.push(c); }
      list.sort(byPosition);
    }
    this.render();
  }

  /** Whether `card` matches the search this board shows (the backend's rule: tests/fixtures/search.json). */
  matches(card) {
    return filterCards([card], this.query).length === 1;
  }

  /** Puts one changed card in place (or takes it off the board when archived) and re-renders only its columns. */
  applyCard(card, hint) {
    this.applyCards([card], hint);
  }

  /**
   * Puts changed cards in place (ui/board-patch.js) and re-renders only the
   * columns they touch. `hint` ({from} or {added}) says, for a card the board
   * does not hold, where it was counted before.
   */
  applyCards(cards, hint) {
    this.changes++;
    this.rerender(patchCards(this, cards, hint));
  }

  /** Takes a deleted application's card off the board (`status`: its column, when the board does not hold it). */
  removeCard(id, status) {
    this.changes++;
    this.rerender(removeCards(this, [id], status));
  }

  rerender(touched) {
    const focus = this.rememberFocus();
    for (const s of touched) this.renderColumn(s);
    this.restoreFocus(focus);
  }

  /** The cards of `status` held (those matching the search), in order. */
  visible(status) {
    return this.lists.get(status) ?? [];
  }

  /** The visible ids by column, for the keyboard move state machine. */
  visibleIds() {
    return Object.fromEntries(BOARD_STATUSES.map((s) => [s, this.visible(s).map((c) => c.id)]));
  }

  /** How many cards match the search, and how many there are, on the whole board. */
  totals() {
    let shown = 0, total = 0;
    for (const n of this.counts.values()) { shown += n.matching; total += n.total; }
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

  /**
   * Fetches and shows the next page of a column, when it has more than it
   * holds. After a failed read, only a click on its button tries again (not
   * the end scrolling into view).
   */
  showMore(status) {
    const list = this.visible(status);
    if (this.loading.has(status) || list.length >= this.counts.get(status).matching) return this.loading.get(status);
    const last = list.at(-1);
    const epoch = this.epoch, changes = this.changes;
    const column = this.columns.get(status);
    column.failed = false;
    const page = this.fetchPage(status, this.query, last ? { position: last.position, id: last.id } : null)
      .then((col) => {
        if (epoch !== this.epoch) return;
        // Counts read before a change put in place here would undo it.
        mergePage(this, col, changes === this.changes);
        this.loading.delete(status);
        this.rerender([status]);
      }, (e) => {
        if (epoch !== this.epoch) return;
        this.loading.delete(status);
        column.failed = true;
        this.renderColumn(status);
        this.on.notify(`Could not read more of ${column.label}: ${e.message}`, { error: true });
      });
    this.loading.set(status, page);
    const button = column.more.querySelector('button');
    if (button) { button.textContent = 'Loading…'; button.setAttribute('aria-busy', 'true'); }
    return page;
  }

  renderColumn(status) {
    const column = this.columns.get(status);
    const shown = this.visible(status);
    const { total, matching } = this.counts.get(status);
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
    if (shown.length === 0 && matching === 0) {
      column.empty.textContent = this.query.trim() && total ? 'No match' : 'Nothing here yet';
      column.list.append(column.empty);
    }
    this.observer?.unobserve(column.more);
    const left = matching - shown.length;
    if (left > 0) {
      const loading = this.loading.has(status);
      replace(column.more, h('button', {
        type: 'button', class: 'small', 'aria-busy': String(loading),
        text: loading ? 'Loading…' : `Show more (${left} not shown)`,
        onclick: () => this.showMore(status),
      }));
      column.list.append(column.more);
      this.observer?.observe(column.more);
    }
    column.count.textContent = matching === total ? String(matching) : `${matching} / ${total}`;
    column.count.setAttribute('aria-label', `${column.label}: ${matching} application${matching === 1 ? '' : 's'}${matching === total ? '' : ` shown of ${total}`}`);
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
