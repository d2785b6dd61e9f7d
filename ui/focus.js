// Keeping keyboard focus where the user was when a list re-renders: a moved
// card, a follow-up marked done in Today, a thank-you marked sent. The focus
// stays on the same item when it is still there, else goes to its
// neighbour (the next one, or the one before at the end of the list), never
// to the top of the page.

/**
 * Which key to focus after a re-render: `key` itself when it is still
 * `alive`, else the nearest one after it in `order` (the keys as they were),
 * else the nearest before it; null when none is left.
 */
export function neighbourKey(order, key, alive) {
  const has = (k) => (alive instanceof Set ? alive.has(k) : alive(k));
  if (has(key)) return key;
  const i = order.indexOf(key);
  if (i < 0) return null;
  for (let j = i + 1; j < order.length; j++) if (has(order[j])) return order[j];
  for (let j = i - 1; j >= 0; j--) if (has(order[j])) return order[j];
  return null;
}

/**
 * What has focus inside `root`, as the key of its item (`itemSelector`,
 * keyed by `data-<keyAttr>`), the part focused (`data-part` of a button, or
 * null for the item itself) and the order of the items then (of its own list
 * only, with `sameList`: a board column); null when the focus is elsewhere.
 */
export function rememberFocus(root, itemSelector, keyAttr, { sameList = false } = {}) {
  const active = document.activeElement;
  const item = active && root.contains(active) ? active.closest(itemSelector) : null;
  if (!item) return null;
  const key = item.dataset[keyAttr];
  const keys = (within) => [...within.querySelectorAll(itemSelector)].map((el) => el.dataset[keyAttr]);
  // Past the end of its own list, the nearest item of the whole root.
  return { key, part: active === item ? null : active.dataset.part ?? null, order: sameList ? keys(item.parentElement) : keys(root), all: keys(root) };
}

/**
 * Puts the focus back after a re-render, unless it is already somewhere
 * (a dialog, a menu, a field the user moved to). `find(key)` gives an item's
 * element, or null when it is gone.
 */
export function restoreFocus(saved, find) {
  if (!saved) return;
  const active = document.activeElement;
  if (active && active !== document.body && active.isConnected) return;
  const alive = (k) => !!find(k)?.isConnected;
  const key = neighbourKey(saved.order, saved.key, alive) ?? neighbourKey(saved.all, saved.key, alive);
  const item = key && find(key);
  if (!item) return;
  // The same button (Done, Skip…) on the neighbour too, so that a run of them stays on the keyboard.
  const part = saved.part ? item.querySelector(`[data-part="${saved.part}"]`) : null;
  const target = part ?? item;
  if (target === item && item.tabIndex < 0 && !item.hasAttribute('tabindex')) item.tabIndex = -1;
  target.focus({ preventScroll: false });
}
