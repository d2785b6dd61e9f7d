// Builds DOM nodes. Text is always set as text (never parsed as HTML), so a
// company called `<img src=x onerror=alert(1)>` shows exactly that.

export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

/** Replaces the children of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** Shows `text` in `el` (a status or error line), or hides it when there is none. */
export function showText(el, text) {
  el.textContent = text ?? '';
  el.hidden = !text;
}

/**
 * Says `text` through the aria-live region. Set at once (a frame callback
 * can be held back while the window is not painting); a repeat of the same
 * words gets a trailing no-break space so that it still counts as a change.
 */
export function say(text) {
  const el = $('#announce');
  if (!el) return;
  el.textContent = el.textContent === text ? `${text}\u00a0` : text;
}
