// The Insights tab: over the last 30 or 90 days or a chosen range, the
// funnel, days to the first response (overall and per source), the
// follow-up habits and the weekly shape of the search. The figures come from
// the `insights` command (definitions: src-tauri/core/src/insights.rs and
// docs/DESIGN.md §7), the same as `afterview stats --json`.
//
// It prints on one A4 page: the view is copied into #print-root (the only
// thing print CSS shows, editor.css) and printed through the note editor's
// print commands on A4 paper; the job-search report of the same period is
// one button away.
import { api } from './api.js';
import { h, $, replace, showText } from './dom.js';
import { showFieldError, clearFieldErrors } from './forms.js';
import { count, days as inDays, nOf, percent, periodLabel, isEmpty, topSources } from './insights-logic.js';
import { funnelChart, weeklyChart, meter, srTable } from './insights-charts.js';

let ctx = { show: () => {}, notify: () => {} };
let range = '30'; // '30' | '90' | 'custom'
let shown = null; // the last figures shown

const field = (id, label) => h('div', { class: 'field' },
  h('label', { for: id, text: label }),
  h('input', { id, type: 'date', 'aria-describedby': `${id}-error` }),
  h('p', { class: 'field-error', id: `${id}-error`, role: 'alert', hidden: true }));

export function mountInsights(root, context) {
  ctx = { ...ctx, ...context };
  const choice = (value, label) => h('label', { class: 'seg', id: `insights-range-${value}` },
    h('input', { type: 'radio', name: 'insights-range', value, checked: value === range, onchange: () => { range = value; syncRange(); if (value !== 'custom') loadInsights(); } }),
    h('span', { text: label }));
  replace(root, h('div', { class: 'insights' },
    h('header', { class: 'insights-head' },
      h('h1', { id: 'insights-heading', text: 'Insights' }),
      h('p', { class: 'insights-period', id: 'insights-period', 'aria-live': 'polite' })),
    h('form', { id: 'insights-form', class: 'insights-form', novalidate: true, onsubmit: (e) => { e.preventDefault(); loadInsights(); } },
      h('fieldset', { class: 'segmented' }, h('legend', { class: 'sr-only', text: 'Period' }),
        choice('30', 'Last 30 days'), choice('90', 'Last 90 days'), choice('custom', 'Custom range')),
      h('div', { class: 'custom-range', id: 'insights-custom', hidden: true },
        field('insights-from', 'From'), field('insights-to', 'To'),
        h('button', { type: 'submit', class: 'primary small', id: 'insights-apply', text: 'Show' })),
      h('div', { class: 'insights-actions' },
        h('button', { type: 'button', id: 'insights-print', text: 'Print…', onclick: () => printInsights() }),
        h('button', { type: 'button', id: 'insights-report', text: 'Job-search report…', title: 'Every application, interview and message of this period, as a page to print (Settings › Your data has the CSV too)', onclick: () => saveReport() }))),
    h('p', { class: 'field-error', id: 'insights-status', role: 'alert', hidden: true }),
    h('div', { id: 'insights-body', class: 'insights-body' })));
}

function syncRange() {
  $('#insights-custom').hidden = range !== 'custom';
  if (range === 'custom' && shown && !$('#insights-from').value) {
    $('#insights-from').value = shown.from;
    $('#insights-to').value = shown.to;
  }
}

const status = (message) => showText($('#insights-status'), message);

/** Reads the figures of the chosen period and shows them. */
export async function loadInsights() {
  const form = $('#insights-form');
  if (!form) return;
  clearFieldErrors(form);
  status(null);
  let from = null, to = null, days = null;
  if (range === 'custom') {
    from = $('#insights-from').value;
    to = $('#insights-to').value;
    if (!from) return showFieldError('insights-from', 'Choose the first day of the period.');
    if (!to) return showFieldError('insights-to', 'Choose the last day of the period.');
    if (from > to) return showFieldError('insights-from', 'The period starts after it ends.');
  } else {
    days = Number(range); // up to the backend's today
  }
  try {
    const s = await api.insights({ from, to, days });
    shown = s;
    render(s);
  } catch (e) {
    if (e.field === 'insights-from' || e.field === 'insights-to') showFieldError(e.field, e.message);
    else status(e.message);
  }
}

const tile = (key, title, big, detail, extra = null) => h('div', { class: `tile ${key}`, 'data-figure': key },
  h('h3', { text: title }), h('p', { class: 'big', text: big }), h('p', { class: 'tile-detail', text: detail }), extra);

function render(s) {
  const label = periodLabel(s.from, s.to);
  $('#insights-period').textContent = `${label}${range === 'custom' ? '' : ` · last ${range} days`} · applications dated in the period · times in ${s.zone}`;
  document.body.dataset.insightsReady = `${s.from}/${s.to}`;
  const body = $('#insights-body');
  if (isEmpty(s)) {
    replace(body, h('div', { class: 'empty-card insights-empty', id: 'insights-empty' },
      h('h2', { text: s.total_applications ? 'Nothing happened in this period' : 'Insights appear once you track applications' }),
      h('p', { text: s.total_applications
        ? `No application is dated between ${label}, and no interview, message or rejection either. Choose a longer period, or a custom range that covers your search.`
        : 'Insights counts the applications you add on the Board: how many got a response, an interview and an offer, how long companies take to reply, and whether your thank-yous and check-ins go out on time.' }),
      s.total_applications ? null : h('div', { class: 'empty-actions' },
        h('button', { type: 'button', class: 'primary', text: 'Go to the Board', onclick: () => ctx.show('board') }))));
    return;
  }
  const t = s.thank_you_on_time, c = s.check_ins, r = s.rejection_replies;
  const sources = topSources(s.by_source);
  replace(body,
    h('section', { class: 'panel kpis', 'aria-label': 'Summary' },
      tile('applied', 'Applied', count(s.applied), 'applications dated in the period'),
      tile('responded', 'Responded', percent(s.responded, s.applied), `${nOf(s.responded, s.applied)} got a reply or moved on`),
      tile('median', 'Median time to a first response', inDays(s.median_days_to_response),
        s.responded ? `over the ${count(s.responded)} that responded` : 'nobody has responded yet')),
    h('section', { class: 'panel', 'aria-labelledby': 'funnel-heading' },
      h('h2', { id: 'funnel-heading', text: 'Funnel' }),
      s.applied ? funnelChart(s) : h('p', { class: 'help', text: 'No application is dated in this period; the habits and the weekly chart below count what happened in it.' })),
    h('section', { class: 'panel', 'aria-labelledby': 'habits-heading' },
      h('h2', { id: 'habits-heading', text: 'Follow-up habits' }),
      h('div', { class: 'tiles' },
        tile('thank-yous', 'Thank-yous within 24 h', percent(t.sent_within_24h, t.due), `${nOf(t.sent_within_24h, t.due)} due`, meter(t.sent_within_24h, t.due, 'good')),
        tile('check-ins', 'Check-ins answered within 14 days', percent(c.answered_within_14d, c.sent),
          `${nOf(c.answered_within_14d, c.sent)} sent${c.waiting ? ` · ${count(c.waiting)} still waiting` : ''}`, meter(c.answered_within_14d, c.sent, 'good')),
        tile('overdue', 'Overdue now', count(s.overdue), s.overdue ? 'follow-ups past their day: see Today' : 'nothing overdue'),
        tile('rejection-replies', 'Replies to rejections', percent(r.sent, r.due), `${nOf(r.sent, r.due)} rejections answered`, meter(r.sent, r.due, 'good')))),
    sources.length ? h('section', { class: 'panel', 'aria-labelledby': 'sources-heading' },
      h('h2', { id: 'sources-heading', text: 'By source' }),
      h('table', { class: 'sources', id: 'insights-sources' },
        h('thead', {}, h('tr', {}, ['Source', 'Applied', 'Responded', 'Median time to response'].map((x) => h('th', { scope: 'col', text: x })))),
        h('tbody', {}, sources.map((g) => h('tr', { class: g.other ? 'other' : null },
          h('th', { scope: 'row', text: g.label }),
          h('td', { text: count(g.applied) }),
          h('td', { text: `${count(g.responded)} · ${percent(g.responded, g.applied)}` }),
          h('td', { text: g.other ? '' : inDays(g.median_days_to_response) })))))) : null,
    h('section', { class: 'panel', 'aria-labelledby': 'weekly-heading' },
      h('h2', { id: 'weekly-heading', text: 'Per week' }),
      weeklyChart(s.weeks)),
    srTable('Follow-up habits', ['Habit', 'Count', 'Of', 'Share'], [
      ['Thank-yous sent within 24 hours', count(t.sent_within_24h), count(t.due), percent(t.sent_within_24h, t.due)],
      ['Check-ins answered within 14 days', count(c.answered_within_14d), count(c.sent), percent(c.answered_within_14d, c.sent)],
      ['Follow-ups overdue now', count(s.overdue), '', ''],
      ['Replies to rejections sent', count(r.sent), count(r.due), percent(r.sent, r.due)],
    ]));
}

/** Sets the `@page` size while printing (the CSP forbids inline <style>), removed afterwards. */
function pageRule(on) {
  const sheet = [...document.styleSheets].find((x) => x.href?.endsWith('/insights.css'));
  if (!sheet) return;
  const i = [...sheet.cssRules].findIndex((x) => x.type === CSSRule.PAGE_RULE);
  if (i >= 0) sheet.deleteRule(i);
  if (on) sheet.insertRule('@page { size: A4 portrait; margin: 0; }', sheet.cssRules.length);
}

/** The print root holds a copy of the view (nodes cloned, no markup parsed). */
function preparePrint() {
  let root = $('#print-root');
  if (!root) {
    root = h('div', { id: 'print-root', 'aria-hidden': 'true' });
    document.body.append(root);
  }
  replace(root, h('div', { class: 'insights-print' },
    h('h1', { text: 'Job search insights' }),
    h('p', { class: 'insights-period', text: $('#insights-period').textContent }),
    $('#insights-body').cloneNode(true)));
  pageRule(true);
  return () => { root.replaceChildren(); pageRule(false); };
}

async function printInsights() {
  status(null);
  const done = preparePrint();
  try {
    const printed = await api.printNote({ layout: 'a4', envelope: false });
    if (printed) ctx.notify('Sent to the printer');
  } catch (e) {
    status(e.message);
  } finally {
    done();
  }
}

/** Writes the printed page to a PDF without a dialog (the e2e test's path), or asks where. */
export async function saveInsightsPdf(path = null) {
  const done = preparePrint();
  try {
    return await api.savePdf({ layout: 'a4', envelope: false }, path, `Insights ${shown?.from ?? ''} to ${shown?.to ?? ''}.pdf`);
  } finally {
    done();
  }
}

async function saveReport() {
  status(null);
  if (!shown) return;
  try {
    const r = await api.exportFile('report-html', null, shown.from, shown.to);
    if (r.path) ctx.notify(`Saved ${r.summary} to ${r.path}`);
  } catch (e) {
    status(e.message);
  }
}
