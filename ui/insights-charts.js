// The Insights charts as hand-written SVG, built node by node (never from
// markup: sources are the user's text). Colours are CSS custom properties
// (insights.css), so the charts follow the light and dark themes. Each chart
// is an image with a title and a summary for screen readers, each bar has
// its own <title>, and a visually hidden table beside it holds the same
// numbers (`srTable`).
import { h } from './dom.js';
import { count, funnel, percent, shortDate, weekBars } from './insights-logic.js';

const NS = 'http://www.w3.org/2000/svg';

/** An SVG element; `text` sets its text content. */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null) continue;
    if (k === 'text') el.textContent = v;
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) if (c) el.append(c);
  return el;
}

/** A table for screen readers only: `rows` of cells, the first a row header. */
export function srTable(caption, head, rows) {
  return h('table', { class: 'sr-only' },
    h('caption', { text: caption }),
    h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col', text: c })))),
    h('tbody', {}, rows.map((r) => h('tr', {}, h('th', { scope: 'row', text: r[0] }), r.slice(1).map((c) => h('td', { text: c }))))));
}

/** The funnel: one horizontal bar per stage, its count and share of applied beside it. */
export function funnelChart(s, id = 'funnel') {
  const rows = funnel(s);
  const W = 560, rowH = 34, labelW = 104, barMax = 330, H = rows.length * rowH;
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart funnel-chart', role: 'img', 'aria-labelledby': `${id}-title ${id}-desc` },
    svg('title', { id: `${id}-title`, text: 'Funnel' }),
    svg('desc', { id: `${id}-desc`, text: rows.map((r) => `${r.label}: ${count(r.n)}${r.rate ? `, ${r.rate} of applied` : ''}`).join('; ') }),
    rows.map((r, i) => {
      const y = i * rowH;
      const len = r.n ? Math.max(3, r.length * barMax) : 0;
      const text = `${count(r.n)}${r.rate ? `  ·  ${r.rate}` : ''}`;
      return svg('g', { class: `stage ${r.key}`, 'data-stage': r.key },
        svg('title', { text: `${r.label}: ${count(r.n)}${r.rate ? ` (${r.rate} of applied)` : ''}` }),
        svg('text', { x: 0, y: y + 21, class: 'label', text: r.label }),
        svg('rect', { x: labelW, y: y + 6, width: barMax, height: 22, rx: 4, class: 'track' }),
        len ? svg('rect', { x: labelW, y: y + 6, width: len.toFixed(1), height: 22, rx: 4, class: `bar ${r.key}` }) : null,
        svg('text', { x: labelW + barMax + 12, y: y + 21, class: 'value', text }));
    }));
  const table = srTable('Funnel', ['Stage', 'Applications', 'Share of applied'],
    rows.map((r) => [r.label, count(r.n), r.rate || '100 %']));
  return [chart, table];
}

const SERIES = { applied: 'Applications', sent: 'Messages sent', received: 'Replies received' };

/** Applications and messages per week: three bars per week, a round top on the axis. */
export function weeklyChart(weeks, id = 'weekly') {
  const W = 540, H = 150, pad = 30;
  const lay = weekBars(weeks, { width: W, height: H, pad });
  const total = (k) => weeks.reduce((a, w) => a + w[k], 0);
  const chart = svg('svg', { viewBox: `0 -8 ${W} ${H + 30}`, class: 'chart weekly-chart', role: 'img', 'aria-labelledby': `${id}-title ${id}-desc` },
    svg('title', { id: `${id}-title`, text: 'Applications and messages per week' }),
    svg('desc', { id: `${id}-desc`, text: `${weeks.length} weeks: ${Object.entries(SERIES).map(([k, l]) => `${count(total(k))} ${l.toLowerCase()}`).join(', ')}` }),
    svg('line', { x1: pad, x2: W, y1: H, y2: H, class: 'axis' }),
    svg('line', { x1: pad, x2: W, y1: 0, y2: 0, class: 'grid' }),
    svg('text', { x: pad - 6, y: 4, class: 'tick', 'text-anchor': 'end', text: count(lay.top) }),
    svg('text', { x: pad - 6, y: H, class: 'tick', 'text-anchor': 'end', text: '0' }),
    lay.groups.map((g) => svg('g', { class: 'week', 'data-week': g.week.week_of },
      g.bars.map((b) => svg('rect', { x: b.x.toFixed(1), y: b.y.toFixed(1), width: b.width.toFixed(1), height: b.height.toFixed(1), class: `bar ${b.key}` },
        svg('title', { text: `Week of ${shortDate(g.week.week_of, true)}: ${count(b.n)} ${SERIES[b.key].toLowerCase()}` }))),
      g.label ? svg('text', { x: (g.x + 1.5 * g.bars[0].width).toFixed(1), y: H + 16, class: 'tick', 'text-anchor': 'middle', text: g.label }) : null)));
  const legend = h('ul', { class: 'legend', 'aria-hidden': 'true' },
    Object.entries(SERIES).map(([k, l]) => h('li', {}, h('span', { class: `swatch ${k}` }), l)));
  const table = srTable('Applications and messages per week', ['Week of', ...Object.values(SERIES)],
    weeks.map((w) => [shortDate(w.week_of, true), count(w.applied), count(w.sent), count(w.received)]));
  return [legend, chart, table];
}

/** A small meter: `n` of `of` as a filled bar with its share. */
export function meter(n, of, key) {
  const share = of ? n / of : 0;
  return svg('svg', { viewBox: '0 0 100 8', class: 'meter', 'aria-hidden': 'true', preserveAspectRatio: 'none', 'data-share': percent(n, of) },
    svg('rect', { x: 0, y: 0, width: 100, height: 8, rx: 4, class: 'track' }),
    share ? svg('rect', { x: 0, y: 0, width: Math.max(2, 100 * share).toFixed(1), height: 8, rx: 4, class: `bar ${key}` }) : null);
}
