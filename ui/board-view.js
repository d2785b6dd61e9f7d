// The board view: the board itself, its search box, the archive, and every
// way to move a card (pointer drag, keyboard, the card's "Move to…" menu),
// each ending in the same `move()`: the card re-rendered in its new column at
// once (optimistic), one stored status change (on a refusal the card goes
// back, the message beside its column), an Undo toast and the move's effects
// (Interviewing opens the interview form; Rejected says check-ins stopped
// and the keep-CV reply is ready; Accepted, Withdrawn and No answer archive the card).
import { api } from './api.js';
import { $, h, replace, say } from './dom.js';
import { Board, MORE, PAGE } from './board.js';
import { boardBenchHooks, layout } from './bench.js';
import { enablePointerDrag } from './drag.js';
import { openMenu } from './menu.js';
import { deleteApplication } from './delete.js';
import { followupMenu } from './followups.js';
import { agoLabel } from './format.js';
import {
  ARCHIVE_STATUSES, BOARD_STATUSES, PendingMoves, boardReadVerdict, filterCards, optimisticCard, positionAt,
} from './board-logic.js';
import { STATUS_LABELS } from './labels.js';
import { Detail } from './detail.js';
import { KeyboardMoves } from './board-keyboard.js';
import { answerCards, renumberedCards } from './board-patch.js';

/** The moves made on the board itself, whose refusal is said beside the card's column. */
const BOARD_MOVES = ['drag', 'keyboard', 'menu'];

export class BoardView {
  /**
   * `notify(message, {error, action})` shows a toast; `changed()` refreshes
   * the agenda and the Today count; `refreshAll()` re-reads everything.
   */
  constructor({ notify, changed, refreshAll }) {
    this.notify = notify;
    this.refreshAll = refreshAll;
    this.changed = changed;
    this.pending = null; // board data that arrived during a move
    this.inFlight = new PendingMoves(); // moves shown but not answered by the store yet
    // Counts the changes made here (moves and their answers, undos, edits): a
    // board read that started before one of them is stale when it arrives, and
    // is read again.
    this.generation = 0;
    this.archive = [];
    this.mode = 'board';
    this.board = new Board($('#board'), {
      onFollowup: (card, anchor) => followupMenu(anchor, card.next, { changed: (answer) => this.wrote(answer), notify }),
      onOpen: (card) => this.detail.open(card.id),
      onMoveMenu: (card, anchor) => this.moveMenu(card, anchor),
      notify,
      fetchPage: (status, query, after) => api.boardColumn(status, query, after, MORE),
    });
    this.detail = new Detail({
      notify,
      changed: (card) => { if (card) this.cardChanged(card); changed(); },
      move: (card, to) => this.move(card.id, to, null, { via: 'detail' }),
      deletion: () => this.deletion(),
    });
    this.drag = enablePointerDrag($('#board'), {
      onDrop: (id, status, index) => this.drop(id, status, index),
      onCancel: (id, why) => {
        this.board.render();
        if (why === 'escape') say(`Move cancelled. ${this.board.byId.get(id)?.company ?? 'The card'} stays where it was.`);
        this.flushPending();
      },
      onStart: (id) => say(`Dragging ${this.board.byId.get(id)?.company ?? 'card'}.`),
    });
    this.buildToolbar();
    this.keys = new KeyboardMoves(this);
    boardBenchHooks(this); // window.__afterviewBench, for tests/bench
  }

  // ---- data ------------------------------------------------------------------

  /** A card is being moved, or a move waits for the store's answer. */
  busy() {
    return this.drag.active || this.keys.active || this.inFlight.size > 0;
  }

  /**
   * Shows a fresh read of the board, deferred while busy() (a read that
   * arrives while a move waits for its answer may or may not hold it).
   * `gen`: this.generation when the read was asked for; a read older than a
   * change made since would put the card back where it was, so it is read again.
   */
  setData(columns, now, gen = this.generation) {
    const verdict = boardReadVerdict(gen, this.generation, this.busy());
    if (verdict === 'defer') { this.pending = [columns, now, gen]; return; }
    if (verdict === 'reread') { this.refreshAll(); return; }
    const t0 = performance.now();
    this.board.setColumns(columns, now, this.query ?? '');
    this.updateCounts();
    if (!this.firstRender) {
      // The first render's cost, for tests/bench/board.mjs: DOM built, then painted.
      const built = performance.now() - t0;
      layout();
      this.firstRender = { cards: this.board.byId.size, renderMs: built, laidOutMs: performance.now() - t0 };
    }
    if (this.mode === 'archive') this.loadArchive().catch((e) => this.notify(e.message, { error: true }));
  }

  flushPending() {
    if (!this.pending || this.busy()) return;
    const [columns, now, gen] = this.pending;
    this.pending = null;
    this.setData(columns, now, gen);
  }

  /**
   * A card as stored after a write, put in place. `hint`: `{from}`, the
   * status it had (a move), or `{added}` (new, or back from a deletion);
   * without one, the write kept its status. Under a search, a card the board
   * does not hold may or may not have matched before: the search runs again.
   */
  cardChanged(card, hint = {}) {
    this.generation++;
    const i = this.archive.findIndex((c) => c.id === card.id);
    const from = hint.from ?? (i >= 0 ? this.archive[i].status : null);
    if (i >= 0) this.archive.splice(i, 1);
    if (this.query?.trim() && !this.board.byId.has(card.id) && !from && !hint.added) this.searchAgain();
    else this.board.applyCard(card, { from, added: hint.added });
    if (ARCHIVE_STATUSES.includes(card.status)) this.archive.unshift(card);
    if (this.mode === 'archive') this.renderArchive();
    this.updateCounts();
  }

  /**
   * A deleted application: its card leaves the board or the archive, no
   * board read; when nothing is left, everything is read again (the empty
   * state comes from that read).
   */
  cardRemoved(id, status) {
    this.generation++;
    const held = this.board.byId.has(id);
    this.board.removeCard(id, status);
    const i = this.archive.findIndex((c) => c.id === id);
    if (i >= 0) this.archive.splice(i, 1);
    if (this.mode === 'archive') this.renderArchive();
    this.updateCounts();
    if (this.board.totals().total === 0 && this.archive.length === 0) this.refreshAll();
    else if (!held && this.query?.trim()) this.searchAgain();
  }

  /** A write's answer (ui/board-patch.js): its cards put in place, no board read. False when it carries none. */
  applyAnswer(answer) {
    const cards = answerCards(answer);
    for (const c of cards) this.cardChanged(c);
    return cards.length > 0;
  }

  /** After a write: its answer patched in and the agenda re-read; without one (a refusal), everything is read again. */
  wrote(answer) {
    if (this.applyAnswer(answer)) this.changed();
    else this.refreshAll();
  }

  highlight(id) { this.board.highlight(id); }

  /** What a deletion and its Undo change here: the card goes, or comes back from the Undo's answer; the agenda is re-read. */
  deletion() {
    return {
      notify: this.notify,
      removed: (id, status) => { this.cardRemoved(id, status); this.changed(); },
      restored: (card) => {
        if (!card) { this.refreshAll(); return; }
        this.cardChanged(card, { added: true });
        this.changed();
      },
    };
  }

  /** With no application at all, the empty state replaces the board, its toolbar and the archive. */
  setEmpty(empty) {
    this.toolbar.hidden = empty;
    $('#board').hidden = empty || this.mode !== 'board';
    this.archiveEl.hidden = empty || this.mode !== 'archive';
  }

  // ---- moving ----------------------------------------------------------------

  drop(id, status, index) {
    const card = this.board.byId.get(id);
    const from = this.board.visible(card.status).findIndex((c) => c.id === id);
    if (card.status === status && from === index) { this.board.render(); this.flushPending(); return; }
    this.move(id, status, index, { via: 'drag' }).finally(() => this.flushPending());
  }

  /**
   * Moves card `id` to `to`, at `index` among the column's other visible
   * cards (end of the column when null). The card shows there at once; the
   * store's answer then replaces it, or, on a refusal, the card as last
   * stored goes back with the message beside its column. Returns the stored
   * card (null when refused).
   */
  async move(id, to, index, { via } = {}) {
    const card = this.board.byId.get(id) ?? this.archive.find((c) => c.id === id);
    if (!card) return this.moveUnheld(id, to, via);
    const fromStatus = card.status, fromPosition = card.position;
    const onBoard = BOARD_STATUSES.includes(to);
    // The store places the card right after its new upper neighbour (at the
    // top without one): the column's cards after those held count too.
    const others = this.board.visible(to).filter((c) => c.id !== id);
    const at = index != null && onBoard;
    const position = at ? positionAt(others, index) : null;
    const place = at ? { after: others[index - 1]?.id ?? null } : null;
    const t0 = performance.now();
    const token = this.inFlight.begin(card);
    // Shown now (cardChanged also makes the reads already on their way stale).
    if (to !== card.status || position != null) {
      const last = onBoard ? this.board.lists.get(to).filter((c) => c.id !== id).at(-1) : null;
      this.cardChanged(optimisticCard(card, to, position, last));
    } else {
      this.generation++;
    }
    layout();
    const shown = performance.now() - t0;
    document.body.dataset.shownMove = `${id}:${to}`;
    let moved;
    try {
      moved = await api.moveApplication(id, to, place);
    } catch (e) {
      this.generation++; // a read made meanwhile may hold either
      const back = this.inFlight.refused(id, token);
      if (back) this.refused(back, `Could not move ${card.company}: ${e.message}`, via, to);
      this.flushPending();
      return null;
    }
    const t1 = performance.now();
    // A later move of the same card, still on its way, keeps showing.
    const latest = this.inFlight.stored(id, token, moved.card);
    // Counted in its new column when it was shown there: no hint.
    if (latest) this.cardChanged(moved.card);
    else this.generation++;
    const t2 = performance.now();
    // The store renumbered the column (drops kept landing in the same gap):
    // its answer carries the other cards' new positions (issue 17).
    if (moved.renumbered?.length) this.board.applyCards(renumberedCards(this.board.byId, moved.renumbered));
    // Measured by tests/bench/board.mjs: drop to stored, re-rendered and laid out.
    layout();
    const t3 = performance.now();
    window.__afterviewLastMove = { ms: t3 - t0, shown, stored: t1 - t0, rendered: t2 - t1, laidOut: t3 - t2, via, to };
    document.body.dataset.lastMove = `${id}:${to}`;
    if (latest) {
      if (via === 'keyboard') this.board.element(id)?.focus();
      this.effects(moved, fromStatus, fromPosition);
    }
    this.changed();
    this.flushPending();
    return moved.card;
  }

  /**
   * A refused move: `card` (as last stored) is back where it was (from
   * `shownIn`, where the move showed it), and the
   * message shows beside its column when the move was made on the board
   * (else, or when the card is not on the board, in a toast).
   */
  refused(card, message, via, shownIn) {
    this.cardChanged(card, { from: shownIn });
    const onBoard = BOARD_MOVES.includes(via) && this.board.columns.has(card.status)
      && this.board.root.getClientRects().length > 0; // the board is shown (not another tab, not the archive)
    if (onBoard) this.board.columnMessage(card.status, message);
    else this.notify(message, { error: true });
  }

  /**
   * A move of a card the board does not hold (from the detail panel or
   * Today, of a card further down its column than the board has read): no
   * optimistic step, the store's answer says where it was.
   */
  async moveUnheld(id, to, via) {
    let moved;
    try {
      moved = await api.moveApplication(id, to, null);
    } catch (e) {
      this.notify(`Could not move the application: ${e.message}`, { error: true });
      return null;
    }
    this.cardChanged(moved.card, { from: moved.from });
    document.body.dataset.lastMove = `${id}:${to}`;
    this.effects(moved, moved.from, moved.from_position);
    this.changed();
    return moved.card;
  }

  effects(moved, fromStatus, fromPosition) {
    const { card, to, from } = moved;
    if (from === to) return;
    const name = card.company;
    let message = `Moved ${name} to ${STATUS_LABELS[to]}`;
    if (to === 'rejected') message += '. Check-ins stopped; the reply asking them to keep your CV on file is ready';
    if (ARCHIVE_STATUSES.includes(to)) message += ' (archived)';
    this.notify(message, {
      action: { label: 'Undo', run: () => this.undo(moved, fromStatus, fromPosition) },
    });
    say(`${message}.`);
    if (to === 'interviewing') this.detail.open(card.id, { logInterview: true });
    else if (this.detail.id === card.id) this.detail.reload();
  }

  async undo(moved, fromStatus, fromPosition) {
    try {
      const card = await api.undoMove(moved.card.id, moved.change_id, fromStatus, fromPosition);
      this.cardChanged(card, { from: moved.to });
      this.notify(`Moved ${card.company} back to ${STATUS_LABELS[fromStatus]}`);
      say(`Undone: ${card.company} is back in ${STATUS_LABELS[fromStatus]}.`);
      if (this.detail.id === card.id) this.detail.reload();
      this.changed();
    } catch (e) {
      this.notify(`Could not undo: ${e.message}`, { error: true });
    }
  }

  moveMenu(card, anchor) {
    const items = BOARD_STATUSES.filter((s) => s !== card.status)
      .map((s) => ({ label: `Move to ${STATUS_LABELS[s]}`, onSelect: () => this.move(card.id, s, null, { via: 'menu' }) }));
    items.push('separator');
    for (const s of ARCHIVE_STATUSES) {
      items.push({ label: `${STATUS_LABELS[s]} (archive)`, onSelect: () => this.move(card.id, s, null, { via: 'menu' }) });
    }
    items.push('separator', { label: 'Open details', onSelect: () => this.detail.open(card.id) });
    items.push({ label: 'Delete application…', onSelect: () => deleteApplication(card.id, this.deletion()) });
    openMenu(anchor, items, `Move ${card.company} to`);
  }

  // ---- search and archive ----------------------------------------------------

  buildToolbar() {
    const search = h('input', {
      id: 'board-search', type: 'search', placeholder: 'Search company, role or contact',
      'aria-label': 'Search applications by company, role or contact', autocomplete: 'off',
    });
    const status = h('span', { class: 'search-status', id: 'board-search-status', role: 'status' });
    let timer = 0;
    search.addEventListener('input', () => {
      clearTimeout(timer);
      // Short debounce: a 5,000-card filter costs a few ms, typing should never wait on it.
      timer = setTimeout(() => this.applySearch(search.value), 60);
    });
    search.addEventListener('keydown', (e) => { if (e.key === 'Escape' && search.value) { e.preventDefault(); search.value = ''; this.applySearch(''); } });
    this.tabBoard = h('button', { type: 'button', id: 'show-board', 'aria-pressed': 'true', text: 'Board', onclick: () => this.show('board') });
    this.tabArchive = h('button', { type: 'button', id: 'show-archive', 'aria-pressed': 'false', onclick: () => this.show('archive') }, 'Archive ', h('span', { class: 'count', id: 'archive-count' }));
    const bar = this.toolbar = h('div', { class: 'board-toolbar' },
      h('div', { class: 'search' }, search, status),
      h('div', { class: 'segmented', role: 'group', 'aria-label': 'Show' }, this.tabBoard, this.tabArchive));
    this.archiveEl = h('section', { id: 'archive', class: 'archive', 'aria-label': 'Archived applications', hidden: true });
    const board = $('#board');
    board.before(bar);
    board.after(this.archiveEl);
    this.search = search;
    this.searchStatus = status;
  }

  /** Runs the search in the backend and shows its first pages; resolves once they are rendered. */
  async applySearch(q) {
    this.query = q;
    if (this.mode === 'archive') this.renderArchive();
    const gen = this.generation;
    let data;
    try {
      data = await api.board(q, PAGE);
    } catch (e) {
      this.searchStatus.textContent = `Could not search: ${e.message}`;
      return;
    }
    if (q !== this.query) return; // a later keystroke's search is on its way
    this.setData(data.columns, data.now, gen);
  }

  /** The same search again (a change the board cannot place under it). */
  searchAgain() {
    this.applySearch(this.query).catch((e) => this.notify(e.message, { error: true }));
  }

  updateCounts() {
    const { shown, total } = this.board.totals();
    this.searchStatus.textContent = this.query?.trim() ? `${shown} of ${total} on the board match` : '';
  }

  async show(mode) {
    this.mode = mode;
    this.tabBoard.setAttribute('aria-pressed', String(mode === 'board'));
    this.tabArchive.setAttribute('aria-pressed', String(mode === 'archive'));
    $('#board').hidden = mode !== 'board';
    this.archiveEl.hidden = mode !== 'archive';
    if (mode === 'archive') await this.loadArchive().catch((e) => this.notify(e.message, { error: true }));
  }

  async loadArchive() {
    const data = await api.archive();
    this.archive = data.cards.sort((a, b) => (a.company.localeCompare(b.company)));
    this.archiveNow = data.now;
    this.renderArchive();
  }

  renderArchive() {
    const list = filterCards(this.archive, this.query ?? '');
    $('#archive-count').textContent = String(this.archive.length);
    if (this.archive.length === 0) {
      replace(this.archiveEl, h('p', { class: 'nothing', text: 'Nothing archived. Applications you move to Accepted, Withdrawn or No answer are kept here.' }));
      return;
    }
    replace(this.archiveEl,
      list.length === 0 ? h('p', { class: 'nothing', text: 'No archived application matches the search.' }) : null,
      h('ul', { class: 'archive-list' }, list.map((c) => {
        const restore = h('button', {
          type: 'button', class: 'small', 'aria-haspopup': 'menu', 'aria-expanded': 'false',
          'aria-label': `Restore ${c.company} to…`, text: 'Restore…',
          onclick: () => openMenu(restore, BOARD_STATUSES.map((s) => ({
            label: `Restore to ${STATUS_LABELS[s]}`, onSelect: () => this.move(c.id, s, null, { via: 'restore' }),
          })), `Restore ${c.company} to`),
        });
        const ago = agoLabel(c.last_contact, this.archiveNow ?? new Date().toISOString());
        return h('li', { class: 'archive-item', dataset: { applicationId: c.id } },
          h('button', { type: 'button', class: 'archive-open', onclick: () => this.detail.open(c.id) },
            h('span', { class: 'card-company', text: c.company }),
            h('span', { class: 'card-role', text: c.role })),
          h('span', { class: `status-chip ${c.status}`, text: STATUS_LABELS[c.status] }),
          h('span', { class: 'card-meta', text: ago ? `Last contact ${ago}` : '' }),
          restore);
      })));
  }
}
