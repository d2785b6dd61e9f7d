// The board: five columns of cards, updated by key so that a change
// re-renders the cards it touches, not the whole board.
import { h, replace } from './dom.js';
import { actionOf, agoLabel, dueLabel, dueState, shortActionOf } from './format.js';

export const COLUMNS = [
  ['wishlist', 'Wishlist'],
  ['applied', 'Applied'],
  ['interviewing', 'Interviewing'],
  ['offer', 'Offer'],
  ['rejected', 'Rejected'],
];

export class Board {
  /** `onFollowup(card, anchor)` opens the actions of a card's next follow-up. */
  constructor(root, { onFollowup }) {
    this.root = root;
    this.onFollowup = onFollowup;
    this.columns = new Map();
    this.cards = new Map(); // id -> {el, sig}
    for (const [status, label] of COLUMNS) {
      const title = h('h2', { id: `col-${status}-title`, text: label });
      const count = h('span', { class: 'count', 'aria-label': `${label}: 0 applications`, text: '0' });
      const list = h('ol', { class: 'cards', role: 'list', 'aria-labelledby': title.id });
      const empty = h('li', { class: 'column-empty', text: 'Nothing here yet' });
      const col = h('section', { class: 'column', dataset: { status }, 'aria-labelledby': title.id },
        h('header', {}, title, count), list);
      this.columns.set(status, { col, list, count, empty, label });
      root.append(col);
    }
  }

  /** Shows `cards` (sorted by status and position) as of `now`. */
  render(cards, now) {
    const seen = new Set();
    const byStatus = new Map(COLUMNS.map(([s]) => [s, []]));
    for (const c of cards) byStatus.get(c.status)?.push(c);
    for (const [status, list] of byStatus) {
      const column = this.columns.get(status);
      let prev = null;
      for (const c of list) {
        seen.add(c.id);
        const el = this.upsert(c, now);
        const want = prev ? prev.nextSibling : column.list.firstChild;
        if (el !== want) column.list.insertBefore(el, want);
        prev = el;
      }
      if (list.length === 0) column.list.append(column.empty);
      else column.empty.remove();
      column.count.textContent = String(list.length);
      column.count.setAttribute('aria-label', `${column.label}: ${list.length} application${list.length === 1 ? '' : 's'}`);
    }
    for (const [id, entry] of this.cards) {
      if (!seen.has(id)) { entry.el.remove(); this.cards.delete(id); }
    }
  }

  upsert(c, now) {
    const sig = JSON.stringify([c, new Date(now).toDateString(), c.next && dueState(c.next.due_at, now)]);
    const entry = this.cards.get(c.id);
    if (entry && entry.sig === sig) return entry.el;
    const el = entry?.el ?? h('li', { class: 'card', tabindex: '0', dataset: { applicationId: c.id } });
    fillCard(el, c, now, this.onFollowup);
    this.cards.set(c.id, { el, sig });
    return el;
  }

  highlight(id) {
    const el = this.cards.get(id)?.el;
    if (!el) return;
    el.classList.remove('fresh');
    void el.offsetWidth;
    el.classList.add('fresh');
    el.scrollIntoView({ block: 'nearest' });
  }
}

function fillCard(el, c, now, onFollowup) {
  const parts = [
    h('div', { class: 'card-head' }, h('div', { class: 'card-company', text: c.company })),
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
  el.setAttribute('aria-label', `${c.company}, ${c.role}`);
  replace(el, parts);
}
