// "Import a spreadsheet…" (Settings → Your data) and a .csv/.tsv/.xlsx/.ods
// file dropped on the window: the mapping dialog. Each column with its
// guessed field and a few values (every guess changeable), the status words
// and the date order when they cannot be told, the rows skipped and those
// already in Afterview, the choice between "as the dates say" and "start the
// clock today", and what the import creates. Every change asks the backend
// for the plan again (the same code as `afterview import-table`); nothing is
// written until Import, and then after a backup.
import { api } from './api.js';
import { h, $, replace } from './dom.js';
import { STATUS_LABELS } from './labels.js';

export const TABLE_EXTENSIONS = ['csv', 'tsv', 'txt', 'xlsx', 'ods'];

export const FIELD_LABELS = {
  company: 'Company', role: 'Role', status: 'Status', applied_at: 'Applied on', job_url: 'Job URL',
  location: 'Location', source: 'Source', notes: 'Notes', contact_name: 'Contact name',
  contact_email: 'Contact email', ignore: 'Not imported',
};

const plural = (n, word, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** The first dropped path that is a table, or null (other files are for other listeners). */
export function droppedTable(paths) {
  return (paths ?? []).find((p) => TABLE_EXTENSIONS.includes(String(p).split('.').pop().toLowerCase())) ?? null;
}

/** "Creates 12 applications (8 applied, 4 interviewing), 3 contacts and 15 follow-ups: 9 overdue at once." */
export function summaryText(plan) {
  const s = plan.summary;
  if (s.create === 0) return 'Nothing to import.';
  const by = Object.entries(s.by_status).map(([k, n]) => `${n} ${(STATUS_LABELS[k] ?? k).toLowerCase()}`).join(', ');
  const overdue = s.overdue === 0 ? 'none overdue' : `${s.overdue} overdue at once`;
  return `Creates ${plural(s.create, 'application')} (${by}), ${plural(s.contacts, 'contact')} and ${plural(s.followups, 'follow-up')}: ${overdue}.`;
}

/** The labels of the two clock choices, with what each means for this file. */
export function clockChoices(plan) {
  const n = plan.summary.overdue_as_dates;
  return {
    dates: `As the dates say${n ? ` (${plural(n, 'follow-up')} overdue at once)` : ' (nothing overdue)'}`,
    today: 'Start the clock today: what would be overdue is due as if you had applied today',
  };
}

/** "rows 4, 9 (no company); row 12 (no role)". */
export function skippedText(skipped) {
  const by = new Map();
  for (const s of skipped) by.set(s.reason, [...(by.get(s.reason) ?? []), s.row]);
  return [...by].map(([reason, rows]) => `${rows.length === 1 ? 'row' : 'rows'} ${rows.slice(0, 10).join(', ')}${rows.length > 10 ? ` and ${rows.length - 10} more` : ''} (${reason})`).join('; ');
}

let ctx = { changed: () => {}, notify: () => {} };

/** The line under "Your data" (and a toast, for a file dropped on another view). */
function status(message, { error = false } = {}) {
  const s = $('#data-status');
  if (s) {
    s.textContent = message;
    s.classList.toggle('error', error);
  }
  ctx.notify(message, { error });
}
let state = null; // { path, options, preview }
let seq = 0;

function dialog() {
  let d = $('#table-import');
  if (!d) {
    d = h('dialog', { id: 'table-import', class: 'table-import', 'aria-labelledby': 'table-import-title' });
    d.addEventListener('close', () => { state = null; seq++; });
    document.body.append(d);
  }
  return d;
}

function showError(message) {
  const e = $('#table-import-error');
  if (!e) return;
  e.textContent = message ?? '';
  e.hidden = !message;
}

function select(id, label, options, value, onchange) {
  return h('select', { id, 'aria-label': label, onchange: (e) => onchange(e.currentTarget.value) },
    options.map(([v, text]) => h('option', { value: v, text, selected: v === value })));
}

/** Asks for the plan again with the current answers, then shows it. */
async function refresh() {
  const mine = ++seq;
  try {
    const p = await api.previewTableFile(state.path, state.options);
    if (mine !== seq || !state) return;
    state.preview = p;
    render();
  } catch (e) {
    if (mine !== seq) return;
    $('#table-import-blocked').textContent = e.message;
  }
}

function answer(change) {
  change(state.options);
  refresh();
}

function columnsTable(p) {
  const fields = p.fields.map((f) => [f, FIELD_LABELS[f] ?? f]);
  return h('table', { class: 'table-columns' },
    h('thead', {}, h('tr', {}, h('th', { text: 'Column' }), h('th', { text: 'Becomes' }), h('th', { text: 'Values' }))),
    h('tbody', {}, p.plan.columns.map((c, i) => h('tr', { dataset: { header: c.header } },
      h('th', { scope: 'row', text: c.header || `(column ${i + 1})` }),
      h('td', {}, select(`table-col-${i}`, `${c.header}: becomes`, fields, c.field ?? 'ignore',
        (v) => answer((o) => { o.map[c.header] = v; }))),
      h('td', { class: 'samples', text: c.samples.join(' · ') })))));
}

function statusSection(p) {
  const words = p.plan.statuses;
  if (!words.length) return null;
  const choices = [['', 'Choose…'], ...p.statuses.map((s) => [s, STATUS_LABELS[s] ?? s])];
  return h('div', { class: 'table-statuses' },
    h('h3', { text: 'Status words' }),
    h('ul', {}, words.map((w, i) => h('li', { class: w.status ? null : 'unknown' },
      h('span', { text: `“${w.value}” (${plural(w.rows, 'row')})` }),
      select(`table-status-${i}`, `${w.value}: status`, choices, w.status ?? '',
        (v) => answer((o) => { if (v) o.statuses[w.value] = v; else delete o.statuses[w.value]; }))))));
}

function dateSection(p) {
  if (!p.plan.date_order_needed && !state.options.date_order) return null;
  const choices = [['', 'Choose…'], ['dmy', 'Day first (03/04 = 3 April)'], ['mdy', 'Month first (03/04 = March 4)'], ['ymd', 'Year first']];
  return h('div', { class: 'field table-dates' },
    h('label', { for: 'table-date-order', text: 'The applied dates could be read two ways. Which order is it?' }),
    select('table-date-order', 'Date order', choices, state.options.date_order ?? '',
      (v) => answer((o) => { o.date_order = v || null; })));
}

function rowsPreview(p) {
  const rows = p.plan.applications.slice(0, 6);
  if (!rows.length) return null;
  const day = (iso) => (iso ? new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' }) : '—');
  return h('table', { class: 'table-rows' },
    h('thead', {}, h('tr', {}, ['Row', 'Company', 'Role', 'Status', 'Applied'].map((t) => h('th', { text: t })))),
    h('tbody', {}, rows.map((r) => h('tr', { class: r.duplicate_of ? 'duplicate' : null },
      h('td', { text: String(r.row) }), h('td', { text: r.company }), h('td', { text: r.role }),
      h('td', { text: r.status ? STATUS_LABELS[r.status] : '?' }), h('td', { text: day(r.applied_at) })))));
}

function render() {
  const p = state.preview, plan = p.plan, o = state.options;
  const d = dialog();
  const presets = p.presets.map(([v, label]) => [v, v === plan.detected ? `${label} (recognised)` : label]);
  const dup = plan.summary.duplicates;
  const clock = clockChoices(plan);
  const importButton = h('button', { type: 'button', id: 'table-import-go', class: 'primary', disabled: !!p.blocked || plan.summary.create === 0,
    text: `Import ${plural(plan.summary.create, 'application')}` });
  const cancel = h('button', { type: 'button', id: 'table-import-cancel', text: 'Cancel', onclick: () => d.close() });
  importButton.addEventListener('click', () => run(importButton, cancel));
  replace(d,
    h('h2', { id: 'table-import-title', text: `Import ${p.name}` }),
    h('p', { class: 'help' }, `${plan.kind}. Read as `,
      select('table-preset', 'Read as', presets, plan.preset, (v) => answer((x) => { x.preset = v; x.map = {}; }))),
    columnsTable(p),
    statusSection(p),
    dateSection(p),
    plan.skipped.length ? h('p', { class: 'help', id: 'table-skipped', text: `Skipped: ${skippedText(plan.skipped)}.` }) : null,
    dup ? h('label', { class: 'check', id: 'table-duplicates' },
      h('input', { type: 'checkbox', id: 'table-include-duplicates', checked: o.include_duplicates,
        onchange: (e) => answer((x) => { x.include_duplicates = e.currentTarget.checked; }) }),
      ` ${plural(dup, 'row looks', 'rows look')} like ${dup === 1 ? 'an application' : 'applications'} already in Afterview (same company and role): import ${dup === 1 ? 'it' : 'them'} again anyway`) : null,
    h('fieldset', { class: 'table-clock' }, h('legend', { text: 'Follow-ups of old applications' }),
      ['dates', 'today'].map((k) => h('label', { class: 'check' },
        h('input', { type: 'radio', name: 'table-clock', id: `table-clock-${k}`, value: k, checked: (k === 'today') === !!o.start_clock_today,
          onchange: () => answer((x) => { x.start_clock_today = k === 'today'; }) }), ` ${clock[k]}`))),
    rowsPreview(p),
    h('p', { id: 'table-import-summary', class: 'table-summary', role: 'status', text: summaryText(plan) }),
    h('p', { id: 'table-import-blocked', class: 'field-error', role: 'alert', text: p.blocked ? `Before importing: ${p.blocked}.` : '', hidden: !p.blocked }),
    h('p', { class: 'help', text: 'Your data is backed up first: restore that backup to undo the import.' }),
    h('div', { class: 'form-actions' }, cancel, importButton));
  if (!d.open) d.showModal();
}

async function run(button, cancel) {
  button.disabled = cancel.disabled = true;
  button.textContent = 'Importing…';
  try {
    const r = await api.importTableFile(state.path, state.options);
    dialog().close();
    status(r.report);
    ctx.changed();
  } catch (e) {
    const b = $('#table-import-blocked');
    b.textContent = e.message;
    b.hidden = false;
    cancel.disabled = false;
    button.textContent = 'Import';
  }
}

/** Opens the dialog on `path` (null: the native open dialog asks). */
export async function openTableImport(path = null) {
  showError(null);
  const options = { preset: null, map: {}, date_order: null, statuses: {}, include_duplicates: false, start_clock_today: false };
  let p;
  try {
    p = await api.previewTableFile(path, options);
  } catch (e) {
    showError(e.message);
    status(e.message, { error: true });
    return;
  }
  if (!p) return; // dialog cancelled
  state = { path: p.path, options, preview: p };
  render();
}

export function mountTableImport(view, { changed, notify }) {
  ctx = { changed, notify };
  const buttons = $('#import-area .data-buttons', view);
  if (buttons && !$('#import-table')) {
    buttons.append(h('button', { type: 'button', id: 'import-table', text: 'Import a spreadsheet…', 'aria-describedby': 'table-import-error',
      // Test hook, like Import (JSON)…: body[data-table-path] replaces the native dialog.
      onclick: () => openTableImport(document.body.dataset.tablePath || null) }));
    buttons.after(h('p', { class: 'field-error', id: 'table-import-error', role: 'alert', hidden: true }));
  }
  // A table dropped anywhere on the window; other files are left to their own listeners.
  // `files-dropped`: the dropped files' tokens (picked.rs), each ending in the file's name.
  api.onEvent('files-dropped', (e) => {
    const path = droppedTable((e?.files ?? []).map((f) => f.file));
    if (path && !state) openTableImport(path);
  }).catch(() => {});
}
