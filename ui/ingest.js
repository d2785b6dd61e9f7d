// Invitations and emails in (issue 14): files dropped on the window (on an
// application's detail panel: for that application), "Add from a file…",
// and an invitation pasted as text. Each file is recorded by the backend in
// one transaction; this panel lists what each did, asks which application an
// unmatched one is about (nothing is written until the user picks), and asks
// before moving an application that received a rejection.
//
// Drops arrive as the backend's `files-dropped` event (a token per file,
// never its path: picked.rs; and the drop position). The table import (issue 13) listens to the same event for
// .csv/.xlsx/.ods: those are left to it (ingest-logic.js). The same handler
// also listens to an `ingest-drop` DOM event with raw paths, which the
// end-to-end test fires because WebDriver cannot drop files (only the
// `test-paths` build takes raw paths).
import { api } from './api.js';
import { BOARD_STATUSES } from './board-logic.js';
import { $, h, replace } from './dom.js';
import { basename, ingestPaths, looksLikeCalendar, proposalText, summarize } from './ingest-logic.js';

let ctx;

function panel() {
  let el = $('#ingest-panel');
  if (!el) {
    el = h('section', { id: 'ingest-panel', class: 'ingest-panel', role: 'region', 'aria-labelledby': 'ingest-title', hidden: true },
      h('header', {},
        h('h2', { id: 'ingest-title', text: 'Added from files' }),
        h('button', { type: 'button', class: 'icon', 'aria-label': 'Close', text: '✕', onclick: () => { el.hidden = true; replace($('#ingest-list')); } })),
      h('ul', { id: 'ingest-list', class: 'ingest-list', 'aria-live': 'polite' }));
    document.body.append(el);
  }
  return el;
}

/** A picker of the board's applications, the open one first chosen. */
async function applicationPicker(id) {
  const choices = await api.applicationChoices();
  const s = h('select', { id, class: 'ingest-pick' },
    h('option', { value: '', text: 'Choose an application…' }),
    choices.filter((c) => BOARD_STATUSES.includes(c.status))
      .map((c) => h('option', { value: c.id, text: `${c.company} — ${c.role}` })));
  if (ctx.detailId()) s.value = ctx.detailId();
  return s;
}

let seq = 0;

/** One report as a list item, with its questions. `again(appId)` records it for that application. */
async function item(r, again) {
  const { state, text } = summarize(r);
  const li = h('li', { class: `ingest-item ${state}`, dataset: { state, file: basename(r.file) } }, h('p', { class: 'ingest-text', text }));
  if (state === 'unmatched') {
    const pickId = `ingest-pick-${++seq}`;
    const picker = await applicationPicker(pickId);
    const err = h('p', { class: 'field-error', id: `${pickId}-error`, role: 'alert', hidden: true });
    li.append(h('div', { class: 'ingest-actions' },
      h('label', { class: 'sr-only', for: pickId, text: 'Application' }), picker,
      h('button', {
        type: 'button', class: 'primary small', text: 'Log it here',
        onclick: async () => {
          if (!picker.value) { err.textContent = 'Choose the application first.'; err.hidden = false; picker.focus(); return; }
          li.replaceWith(await item(await again(picker.value), again));
          ctx.changed();
        },
      }),
      h('button', { type: 'button', class: 'small', text: 'Don’t log it', onclick: () => li.remove() })), err);
  }
  for (const p of r.proposals ?? []) {
    const q = h('div', { class: 'ingest-proposal', role: 'group', 'aria-label': 'Proposal' },
      h('p', { text: proposalText(r, p) }),
      h('p', { class: 'help', text: `Afterview noticed ${p.why}. Nothing changes unless you say so.` }));
    q.append(h('div', { class: 'ingest-actions' },
      h('button', {
        type: 'button', class: 'primary small', text: 'Move to Rejected',
        onclick: async () => {
          // The board's move: it says why it failed, and offers Undo when it did not.
          if (await ctx.move(r.application_id, p.to)) replace(q, h('p', { class: 'ingest-done', text: `Moved ${r.company} to Rejected.` }));
        },
      }),
      h('button', { type: 'button', class: 'small', text: 'Not a rejection', onclick: () => q.remove() })));
    li.append(q);
  }
  return li;
}

async function show(reports, again) {
  const el = panel();
  const list = $('#ingest-list');
  for (const r of reports) list.prepend(await item(r, (appId) => again(r, appId)));
  el.hidden = false;
  if (reports.some((r) => !r.error && r.application_id)) ctx.changed();
}

/** Records files (paths) for `given` (an application id, or null to match). */
export async function ingestFiles(paths, given = null) {
  const mine = ingestPaths(paths);
  if (mine.length === 0) return;
  try {
    const reports = await api.ingestFiles(mine, given);
    await show(reports, async (r, appId) => (await api.ingestFiles([r.file], appId))[0]);
  } catch (e) {
    ctx.notify(e.message, { error: true });
  }
}

async function ingestText(text) {
  try {
    // Matched like a file; when it matches nothing, the picker starts on the open application.
    const r = await api.ingestText(text, null);
    await show([r], (_r, appId) => api.ingestText(text, appId));
  } catch (e) {
    ctx.notify(e.message, { error: true });
  }
}

/** The application a drop at `position` (physical pixels) is for: the open detail panel's, if dropped on it. */
function dropTarget(position) {
  if (!position || !ctx.detailId()) return null;
  const r = window.devicePixelRatio || 1;
  const el = document.elementFromPoint(position.x / r, position.y / r);
  return el?.closest('#detail') ? ctx.detailId() : null;
}

/** `files-dropped` carries tokens ({file, name}: picked.rs); the tests' `ingest-drop` raw paths (a test build takes them). */
function onDrop(payload) {
  const files = payload?.files ? payload.files.map((f) => f.file) : payload?.paths ?? [];
  ingestFiles(files, dropTarget(payload?.position));
}

/**
 * `detailId()` is the application open in the detail panel (or null);
 * `changed()` re-reads the board and the open panel; `move(id, to)` moves
 * an application (with its undo); `notify` shows a toast.
 */
export function mountIngest(options) {
  ctx = options;
  api.onEvent('files-dropped', onDrop).catch((e) => ctx.notify(e.message, { error: true }));
  document.addEventListener('ingest-drop', (e) => onDrop(e.detail));
  $('#ingest-open')?.addEventListener('click', async () => {
    try {
      const paths = await api.pickIngestFiles();
      if (paths.length) await ingestFiles(paths, null);
    } catch (e) { ctx.notify(e.message, { error: true }); }
  });
  document.addEventListener('paste', (e) => {
    const t = e.target;
    if (t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return;
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (!looksLikeCalendar(text)) return;
    e.preventDefault();
    ingestText(text);
  });
}
