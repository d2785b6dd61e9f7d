// Drag and drop of board cards with pointer events. Not HTML5 drag and drop:
// in Tauri's WebKitGTK it is unreliable, WebDriver cannot drive it, and after
// an HTML5 drag WebKitGTK skipped the next pointerdown (measured here; tauri#12052, #6695).
//
// A press on a card that then moves a few pixels lifts it: a copy follows
// the pointer (pointer capture keeps the events coming even outside the
// window), the column under the pointer (found with elementsFromPoint) and
// the insertion place are highlighted, the column scrolls when the pointer
// nears its top or bottom and the board sideways when it nears the board's
// left or right edge, Escape cancels, and the release calls
// `onDrop(id, status, index)` with the index among the other visible cards.
import { h } from './dom.js';
import { autoScrollSpeed, dropIndex } from './board-logic.js';

/** Pixels the pointer must travel before a press becomes a drag (a click otherwise). */
const THRESHOLD = 5;

export function enablePointerDrag(root, { onDrop, onStart = () => {}, onCancel = () => {} }) {
  let press = null; // {card, id, pointerId, x0, y0}
  let drag = null; // {ghost, marker, dx, dy, status, index, x, y, raf}
  let swallowClick = false;

  root.addEventListener('pointerdown', (e) => {
    if (e.button !== 0 || !e.isPrimary || drag) return;
    if (e.target.closest('button, a, input, select, textarea')) return;
    const card = e.target.closest('.card[data-application-id]');
    if (!card || card.classList.contains('lifted')) return;
    press = { card, id: card.dataset.applicationId, pointerId: e.pointerId, x0: e.clientX, y0: e.clientY };
    try { card.setPointerCapture(e.pointerId); } catch { /* the pointer is gone already */ }
  });

  root.addEventListener('pointermove', (e) => {
    if (!press || e.pointerId !== press.pointerId) return;
    if (!drag) {
      if (Math.hypot(e.clientX - press.x0, e.clientY - press.y0) < THRESHOLD) return;
      begin(e);
    }
    drag.x = e.clientX;
    drag.y = e.clientY;
    e.preventDefault();
    follow();
  });

  root.addEventListener('pointerup', (e) => {
    if (!press || e.pointerId !== press.pointerId) return;
    if (!drag) { press = null; return; }
    swallowClick = true;
    setTimeout(() => { swallowClick = false; }, 0);
    const { status, index } = drag;
    const id = press.id;
    end();
    if (status) onDrop(id, status, index);
    else onCancel(id, 'outside');
  });

  root.addEventListener('pointercancel', (e) => {
    if (!press || e.pointerId !== press.pointerId) return;
    const id = press.id, was = !!drag;
    end();
    if (was) onCancel(id, 'cancel');
  });

  // The click that ends a drag must not open the card.
  root.addEventListener('click', (e) => {
    if (swallowClick) { e.preventDefault(); e.stopPropagation(); swallowClick = false; }
  }, true);

  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || !drag) return;
    e.preventDefault();
    e.stopPropagation();
    const id = press.id;
    end();
    onCancel(id, 'escape');
  }, true);

  function begin(e) {
    const card = press.card;
    const r = card.getBoundingClientRect();
    const ghost = card.cloneNode(true);
    ghost.classList.add('drag-ghost');
    ghost.removeAttribute('tabindex');
    ghost.setAttribute('aria-hidden', 'true');
    ghost.style.width = `${r.width}px`;
    document.body.append(ghost);
    const marker = h('li', { class: 'drop-marker', 'aria-hidden': 'true' });
    marker.style.height = `${r.height}px`;
    card.classList.add('drag-source');
    document.body.classList.add('dragging');
    drag = { ghost, marker, dx: e.clientX - r.left, dy: e.clientY - r.top, status: null, index: 0, x: e.clientX, y: e.clientY, raf: 0, column: null };
    onStart(press.id);
  }

  /** Moves the copy to the pointer and the marker to where the card would land. */
  function follow() {
    const { ghost, x, y } = drag;
    ghost.style.transform = `translate(${x - drag.dx}px, ${y - drag.dy}px) rotate(1.5deg)`;
    const column = document.elementsFromPoint(x, y)
      .map((el) => el.closest?.('.column[data-status]'))
      .find((el) => el && root.contains(el)) ?? null;
    if (column !== drag.column) {
      drag.column?.classList.remove('drop-target');
      column?.classList.add('drop-target');
      drag.column = column;
    }
    if (!column) {
      drag.status = null;
      drag.marker.remove();
      autoScroll(null);
      return;
    }
    const list = column.querySelector('.cards');
    const cards = [...list.children].filter((el) => el.classList.contains('card') && el !== press.card);
    const index = dropIndex(cards.map((el) => { const r = el.getBoundingClientRect(); return r.top + r.height / 2; }), y);
    drag.status = column.dataset.status;
    drag.index = index;
    const before = cards[index] ?? list.querySelector('.column-more');
    if (drag.marker.parentNode !== list || drag.marker.nextSibling !== before) list.insertBefore(drag.marker, before ?? null);
    list.querySelector('.column-empty')?.remove();
    autoScroll(list);
  }

  /**
   * Scrolls the column when the pointer nears its top or bottom, and the
   * board sideways when it nears the board's left or right edge (a narrow
   * window shows only some columns), then follows again while it can.
   */
  function autoScroll(list) {
    cancelAnimationFrame(drag.raf);
    let scrolled = false;
    if (list) {
      const r = list.getBoundingClientRect();
      scrolled = scrollBy(list, 'scrollTop', autoScrollSpeed(drag.y, r.top, r.bottom));
    }
    if (root.scrollWidth > root.clientWidth) {
      const r = root.getBoundingClientRect();
      scrolled = scrollBy(root, 'scrollLeft', autoScrollSpeed(drag.x, r.left, r.right, { zone: 60, max: 22 })) || scrolled;
    }
    if (scrolled) drag.raf = requestAnimationFrame(() => { if (drag) follow(); });
  }

  /** Scrolls `el` by `speed` pixels; whether it moved (not at its end already). */
  function scrollBy(el, prop, speed) {
    if (!speed) return false;
    const before = el[prop];
    el[prop] += speed;
    return el[prop] !== before;
  }

  function end() {
    if (drag) {
      cancelAnimationFrame(drag.raf);
      drag.ghost.remove();
      drag.marker.remove();
      drag.column?.classList.remove('drop-target');
      document.body.classList.remove('dragging');
      press.card.classList.remove('drag-source');
    }
    if (press) {
      try { press.card.releasePointerCapture(press.pointerId); } catch { /* released already */ }
    }
    press = null;
    drag = null;
  }

  return { get active() { return !!drag; } };
}
