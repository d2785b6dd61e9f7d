// Wires the views together: board, Today, settings, the add-application form.
import { api } from './api.js';
import { $, $$, h, showText } from './dom.js';
import { BoardView } from './board-view.js';
import { PAGE } from './board.js';
import { dueCountLabel, renderAgenda } from './agenda.js';
import { decideFollowup, followupMenu } from './followups.js';
import { setLocale } from './format.js';
import { STATUS_LABELS, setLabels } from './labels.js';
import { loadSettings, wireSettings } from './settings.js';
import { wireReminders } from './reminders.js';
import { clearFieldErrors, showFieldError, showFieldErrors } from './forms.js';
import { applicationProblems, withScheme } from './validate.js';
import { duplicateWarning, localDate } from './board-logic.js';
import { markFirstPaint, pageStep } from './bench.js';
import { nextRefreshIn } from './refresh.js';

pageStep('script'); // every module loaded and run

/**
 * What the first board does not show is loaded once it is painted (issue 17):
 * the note editor (it listens for `open-followup`), the Add dialog's "Fill
 * from the posting", Settings' templates, backups and table import, the
 * ingest drop zone and Insights. Their modules are not in index.html's
 * preloads, so they never compete with the board's.
 */
let later = null;
function views() {
  later ??= Promise.all([
    import('./editor.js'), import('./posting-fill.js'), import('./templates.js'), import('./backups.js'),
    import('./table-import.js'), import('./ingest.js'), import('./insights.js'),
  ]).then(([, , templates, backups, tableImport, ingest, insights]) => {
    templates.mountTemplates($('#view-settings'));
    backups.mountBackups($('#view-settings'), { changed: refreshAll, notify });
    ingest.mountIngest({
      notify,
      detailId: () => board.detail.id,
      changed: () => { refreshAll(); board.detail.reload(); },
      move: (id, to) => board.move(id, to, null, { via: 'ingest' }),
    });
    insights.mountInsights($('#view-insights'), { show, notify });
    tableImport.mountTableImport($('#view-settings'), { changed: refreshAll, notify });
    document.removeEventListener('open-followup', openEarly); // the editor listens now
    return { backups, insights };
  });
  return later;
}
// A follow-up opened before the editor has loaded is opened once it has.
const openEarly = (e) => views().then(() => document.dispatchEvent(new CustomEvent('open-followup', { detail: e.detail })));
document.addEventListener('open-followup', openEarly);
const loadBackups = () => views().then((v) => v.backups.loadBackups());
const loadInsights = () => views().then((v) => v.insights.loadInsights());

const state = { view: 'board', now: new Date().toISOString() };
let board;

function notify(message, { error = false, action = null } = {}) {
  const t = $('#toast');
  t.replaceChildren(message);
  if (action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = action.label;
    b.addEventListener('click', () => { t.hidden = true; action.run(); });
    t.append(b);
  }
  t.classList.toggle('error', error);
  t.hidden = false;
  notify.wait = action ? 8000 : 4000;
  hideToastLater();
}

// The toast (and its Undo) stays while the pointer is on it or it has the
// keyboard focus, and goes a moment after either leaves.
function hideToastLater() {
  const t = $('#toast');
  clearTimeout(notify.timer);
  if (t.matches(':hover') || t.contains(document.activeElement)) return;
  notify.timer = setTimeout(() => { t.hidden = true; }, notify.wait);
}
function wireToast() {
  const t = $('#toast');
  const hold = () => clearTimeout(notify.timer);
  t.addEventListener('pointerenter', hold);
  t.addEventListener('focusin', hold);
  t.addEventListener('pointerleave', () => { notify.wait = 2000; hideToastLater(); });
  t.addEventListener('focusout', () => { notify.wait = 2000; setTimeout(hideToastLater); });
}

function banner(message) {
  showText($('#banner'), message);
  $('#banner').classList.add('error');
}

/** Reads the board and shows it; `read`: a read already on its way (the first one, sent at start). */
async function refreshBoard(read = null) {
  const gen = board.generation;
  const data = await (read ?? api.board(board.query ?? '', PAGE));
  pageStep('board-read');
  state.now = data.now;
  setLocale(data.locale);
  board.setData(data.columns, data.now, gen);
  pageStep('board-rendered');
  const empty = data.total === 0;
  $('#empty').hidden = !empty;
  board.setEmpty(empty);
  markFirstPaint();
}

// Re-read everything when a label or the Today count next changes (ui/refresh.js), not every minute.
let refreshTimer = 0;
function refreshLater(ms) {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refreshAll, ms);
}

async function refreshAgenda() {
  // The whole list only when it is shown; otherwise the count and the next due instant.
  if (state.view !== 'today') {
    const s = await api.agendaSummary();
    refreshLater(nextRefreshIn(s.next_due_at ? [{ due_at: s.next_due_at }] : [], s.now));
    showDueCount(s.due);
    return;
  }
  const agenda = await api.agenda();
  refreshLater(nextRefreshIn(agenda.items, agenda.now));
  showDueCount(agenda.items.filter((f) => f.due).length);
  renderAgenda($('#today'), agenda, {
    onActions: {
      done: (f) => decideFollowup(f, 'done', { changed: wrote, notify }),
      skip: (f) => decideFollowup(f, 'skipped', { changed: wrote, notify }),
      menu: (f, anchor) => followupMenu(anchor, f, { changed: wrote, notify, snoozeOnly: true }),
      details: (f) => board.detail.open(f.application_id),
      noAnswer: { notify, changed: wrote, close: (f) => board.move(f.application_id, 'ghosted', null, { via: 'today' }) },
    },
  });
}

/** After a write: the cards of its answer put in place, Today re-read (never the board, issue 17). */
const wrote = (answer) => board.wrote(answer);

/**
 * A pass of the reminder scheduler (`reminders-status`): its payload has the
 * Today count; the list is re-read only while Today is shown.
 */
function remindersStatus(status) {
  if (Number.isInteger(status?.due_count) && !status.trouble) showDueCount(status.due_count);
  if (state.view === 'today') refreshAgenda().catch((e) => banner(e.message));
}

/** The count on the Today tab. */
function showDueCount(dueNow) {
  const pill = $('#today-count');
  const { text, label, title } = dueCountLabel(dueNow);
  pill.hidden = dueNow === 0;
  pill.textContent = text;
  pill.setAttribute('aria-label', label);
  pill.title = title;
}

async function refreshAll(firstRead = null) {
  try {
    await Promise.all([refreshBoard(firstRead), refreshAgenda(), state.view === 'insights' ? loadInsights() : null]);
    banner(null);
  } catch (e) {
    banner(`Could not read your applications: ${e.message}`);
    refreshLater(60_000); // try again
  }
}

function show(view) {
  state.view = view;
  for (const tab of $$('[role=tab]')) {
    const on = tab.id === `tab-${view}`;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    $(`#${tab.getAttribute('aria-controls')}`).hidden = !on;
  }
  if (view === 'today') refreshAgenda().catch((e) => banner(e.message));
  if (view === 'settings') loadSettings().catch((e) => banner(e.message));
  if (view === 'settings') loadBackups().catch((e) => banner(e.message));
  if (view === 'insights') loadInsights().catch((e) => banner(e.message));
}

function wireTabs() {
  const tabs = $$('[role=tab]');
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => show(tab.id.slice(4)));
    tab.addEventListener('keydown', (e) => {
      const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (!d) return;
      const next = tabs[(i + d + tabs.length) % tabs.length];
      next.focus();
      show(next.id.slice(4));
    });
  });
}

/** Earlier applications to the company typed in the Add form, said under the field (a warning, never a block). */
function wireDuplicateWarning() {
  const input = $('#f-company');
  if (!input) return;
  const warn = h('p', { class: 'field-warning', id: 'f-company-warning', role: 'status', hidden: true });
  input.after(warn);
  input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') ?? ''} f-company-warning`.trim());
  let timer = 0, seq = 0;
  const check = async () => {
    const mine = ++seq;
    const name = input.value.trim();
    if (!name) { warn.hidden = true; return; }
    try {
      const found = await api.applicationsTo(name);
      if (mine !== seq) return; // a later keystroke asked again
      showText(warn, duplicateWarning(found));
    } catch {
      warn.hidden = true; // a warning only: never block adding
    }
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(check, 200); });
  input.addEventListener('blur', check);
  $('#add-dialog')?.addEventListener('close', () => { warn.hidden = true; seq++; });
}

function wireAddForm() {
  const dialog = $('#add-dialog'), form = $('#add-form');
  const today = () => localDate(new Date(state.now));
  const syncApplied = () => { $('#f-applied_on-field').hidden = $('#f-status').value === 'wishlist'; };
  const open = () => {
    clearFieldErrors(form);
    $('#f-applied_on').value = today();
    $('#f-applied_on').max = today();
    syncApplied();
    dialog.showModal();
    $('#f-company').focus();
  };
  $('#add-open').addEventListener('click', open);
  $('#empty-add').addEventListener('click', open);
  $('#f-status').addEventListener('change', syncApplied);
  $('#add-cancel').addEventListener('click', () => dialog.close());
  // However it closes (Cancel, Escape, added), the next one opens empty.
  dialog.addEventListener('close', () => { form.reset(); clearFieldErrors(form); });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    const input = Object.fromEntries(['company', 'role', 'job_url', 'location', 'source', 'status', 'applied_on']
      .map((k) => [k, $(`#f-${k}`).value]));
    input.job_url = withScheme(input.job_url);
    const problems = applicationProblems(input, { today: today() });
    if (problems.length) return showFieldErrors('f-', problems);
    $('#f-job_url').value = input.job_url;
    const submit = $('#add-submit');
    submit.disabled = true;
    try {
      const card = await api.addApplication(input);
      dialog.close();
      // The new card is on the board: show the board, wherever the user was.
      show('board');
      if (board.mode !== 'board') await board.show('board');
      // The answer is the new card: put in place, no board read (issue 17).
      $('#empty').hidden = true;
      board.setEmpty(false);
      board.cardChanged(card, { added: true });
      refreshAgenda().catch((ex) => banner(ex.message));
      board.highlight(card.id);
      notify(`Added ${card.company}`);
    } catch (ex) {
      // The backend checks again; its message goes beside the same field.
      showFieldError(ex.field ? `f-${ex.field}` : 'f-form', ex.message);
    } finally {
      submit.disabled = false;
    }
  });
}

function wireSample() {
  $('#load-sample').addEventListener('click', async () => {
    const err = $('#sample-error');
    err.hidden = true;
    try {
      const n = await api.loadSample();
      await refreshAll();
      notify(`Loaded ${n} sample applications`);
    } catch (e) {
      err.textContent = e.message;
      err.hidden = false;
    }
  });
}

async function start() {
  // A move re-renders its own cards: only the agenda (and the Today count) is re-read after it.
  wireToast();
  // Start-up: the first board read goes out with app_info, one round trip
  // for both (shown once the labels are in; refreshAll reports its failure).
  const firstRead = api.board('', PAGE);
  firstRead.catch(() => {});
  // The backend's labels first: every view draws with them (ui/labels.js).
  const info = await api.appInfo().catch((e) => { banner(e.message); return null; });
  if (info) setLabels(info.labels);
  for (const o of $$('#f-status option')) o.textContent = STATUS_LABELS[o.value] ?? o.textContent;
  board = new BoardView({ notify, refreshAll, changed: () => refreshAgenda().catch((e) => banner(e.message)) });
  wireTabs();
  wireAddForm();
  wireDuplicateWarning();
  wireSample();
  wireSettings({ changed: refreshAll });
  // R9's question closed from a follow-up menu (ui/followups.js).
  document.addEventListener('close-no-answer', (e) => board.move(e.detail.id, 'ghosted', null, { via: 'menu' }));
  // The editor sent or closed a follow-up: say so, and put its answer's card in
  // place (`outcome`); `refresh` when it could not (a follow-up closed meanwhile).
  document.addEventListener('followups-changed', (e) => {
    const d = e.detail ?? {};
    if (d.message) notify(d.message, { action: d.undo ?? null });
    if (d.outcome) wrote(d.outcome);
    else if (d.refresh) refreshAll();
  });
  const first = refreshAll(firstRead);
  if (info) $('#about').textContent = `Afterview ${info.version} · data in ${info.db_path} · times in ${info.zone}`
    + (info.zone_warning ? ` · ${info.zone_warning}` : '');
  // The zone could not be read (config.rs): every time shown is in another one, so say it now.
  if (info?.zone_warning) notify(info.zone_warning, { error: true });
  await first;
  // Start-up: what the first board does not show (the banner's events, the
  // other views' forms and their reads) waits until that board is painted,
  // or 300 ms at most (a window started hidden paints no frame).
  await new Promise((resolve) => { requestAnimationFrame(() => setTimeout(resolve, 0)); setTimeout(resolve, 300); });
  wireReminders({ changed: wrote, status: remindersStatus, show }).catch((e) => banner(e.message));
  await views().catch((e) => banner(`Could not load the app's views: ${e.message}`));
  // Everything is wired: the end-to-end tests start from here.
  document.body.dataset.boardReady = 'true';
}

start();
