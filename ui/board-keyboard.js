// Moving a card from the keyboard (ui/board-view.js's other ways to move a
// card are the pointer drag and the "Move to…" menu): Space lifts the focused
// card, the arrows show it where it would land, Space or Enter drops it
// (through the view's `move`), Escape or Tab puts it back. Each step is
// announced (board-logic.js `announce`). Enter opens a card, Up and Down
// go to its neighbours.
import { $, say } from './dom.js';
import { announce, lift, step, unmoved } from './board-logic.js';

export class KeyboardMoves {
  /** `view`: the BoardView (its board, detail panel, `move` and `flushPending`). */
  constructor(view) {
    this.view = view;
    this.current = null; // the move in progress
    this.wire();
  }

  get active() { return !!this.current; }

  wire() {
    const root = $('#board');
    root.addEventListener('keydown', (e) => {
      const el = e.target.closest?.('.card[data-application-id]');
      if (!el || e.target !== el) return;
      const id = el.dataset.applicationId;
      const card = this.view.board.byId.get(id);
      if (!card) return;
      const k = this.current;
      if (!k) {
        if (e.key === ' ') { e.preventDefault(); this.keyLift(el, card); }
        else if (e.key === 'Enter') { e.preventDefault(); this.view.detail.open(id); }
        else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') { e.preventDefault(); this.focusNeighbour(el, e.key === 'ArrowDown' ? 1 : -1); }
        return;
      }
      if (k.state.id !== id) return;
      if (e.key.startsWith('Arrow')) {
        e.preventDefault();
        const next = step(k.state, e.key, k.columns);
        if (next !== k.state) { k.state = next; this.preview(el); }
        say(announce('move', k.state, k.columns, card.company));
      } else if (e.key === ' ' || e.key === 'Enter') {
        e.preventDefault();
        this.keyDrop(el, card);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        this.keyCancel(el, card);
      } else if (e.key === 'Tab') {
        this.keyCancel(el, card);
      }
    });
    root.addEventListener('focusout', (e) => {
      const k = this.current;
      if (!k || !e.target.matches?.('.card')) return;
      // Moving the card in the DOM blurs it for a moment: only a real focus change cancels.
      setTimeout(() => {
        const el = this.view.board.element(k.state.id);
        if (this.current === k && el && document.activeElement !== el && !k.moving) this.keyCancel(el, this.view.board.byId.get(k.state.id));
      }, 0);
    });
  }

  focusNeighbour(el, d) {
    const cards = [...el.parentNode.querySelectorAll('.card')];
    cards[cards.indexOf(el) + d]?.focus();
  }

  keyLift(el, card) {
    const columns = this.view.board.visibleIds();
    const state = lift(columns, card.id);
    if (!state) return;
    this.current = { state, columns };
    el.classList.add('lifted');
    el.setAttribute('aria-grabbed', 'true');
    say(announce('lift', state, columns, card.company));
  }

  /** Shows the lifted card where it would land. */
  preview(el) {
    const k = this.current;
    k.moving = true;
    const column = this.view.board.columns.get(k.state.status);
    const others = [...column.list.children].filter((x) => x.classList.contains('card') && x !== el);
    column.list.insertBefore(el, others[k.state.index] ?? column.list.querySelector('.column-more'));
    column.list.querySelector('.column-empty')?.remove();
    for (const c of this.view.board.columns.values()) c.col.classList.toggle('drop-target', c === column);
    el.focus();
    el.scrollIntoView({ block: 'nearest' });
    k.moving = false;
  }

  endKeyMove(el) {
    this.current = null;
    el?.classList.remove('lifted');
    el?.removeAttribute('aria-grabbed');
    for (const c of this.view.board.columns.values()) c.col.classList.remove('drop-target');
  }

  async keyDrop(el, card) {
    const k = this.current;
    const text = announce('drop', k.state, k.columns, card.company);
    this.endKeyMove(el);
    if (unmoved(k.state)) { this.view.board.render(); el.focus(); say(text); this.view.flushPending(); return; }
    say(text);
    await this.view.move(card.id, k.state.status, k.state.index, { via: 'keyboard' });
    this.view.flushPending();
  }

  keyCancel(el, card) {
    const k = this.current;
    if (!k) return;
    this.endKeyMove(el);
    this.view.board.render();
    el.focus();
    say(announce('cancel', k.state, k.columns, card?.company ?? 'The card'));
    this.view.flushPending();
  }
}
