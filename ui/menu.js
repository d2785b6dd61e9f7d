// A small popup menu (role=menu): opens beside its button, arrow keys move,
// Escape or a click elsewhere closes it and gives focus back.
import { h } from './dom.js';

let open = null;

export function closeMenu() {
  if (!open) return;
  const { el, anchor, onKey, onDown } = open;
  open = null;
  el.remove();
  document.removeEventListener('keydown', onKey, true);
  document.removeEventListener('pointerdown', onDown, true);
  anchor.setAttribute('aria-expanded', 'false');
  anchor.focus();
}

/** items: [{label, onSelect}] or 'separator'. */
export function openMenu(anchor, items, label) {
  closeMenu();
  const el = h('div', { class: 'menu', role: 'menu', 'aria-label': label });
  for (const it of items) {
    if (it === 'separator') { el.append(h('hr')); continue; }
    el.append(h('button', {
      type: 'button', role: 'menuitem', tabindex: '-1', text: it.label,
      onclick: (e) => { e.stopPropagation(); closeMenu(); it.onSelect(); },
    }));
  }
  document.body.append(el);
  const r = anchor.getBoundingClientRect();
  const w = el.offsetWidth, hgt = el.offsetHeight;
  el.style.left = `${Math.max(8, Math.min(r.left, innerWidth - w - 8))}px`;
  el.style.top = `${r.bottom + 4 + hgt > innerHeight ? Math.max(8, r.top - hgt - 4) : r.bottom + 4}px`;
  const buttons = [...el.querySelectorAll('[role=menuitem]')];
  const onKey = (e) => {
    const i = buttons.indexOf(document.activeElement);
    if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); closeMenu(); }
    else if (e.key === 'ArrowDown') { e.preventDefault(); buttons[(i + 1) % buttons.length].focus(); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); buttons[(i - 1 + buttons.length) % buttons.length].focus(); }
    else if (e.key === 'Tab') closeMenu();
  };
  const onDown = (e) => { if (!el.contains(e.target) && e.target !== anchor) closeMenu(); };
  document.addEventListener('keydown', onKey, true);
  document.addEventListener('pointerdown', onDown, true);
  anchor.setAttribute('aria-expanded', 'true');
  open = { el, anchor, onKey, onDown };
  buttons[0]?.focus();
}
