// The note editor: one follow-up's message, drafted from its template and
// the application's facts, autosaved as the user types, then sent through
// the user's own mail client, copied for LinkedIn, or printed as a card.
//
// Open it with `openEditor(key)`, or from anywhere with
//   document.dispatchEvent(new CustomEvent('open-followup', { detail: { key } }))
// When something changed (sent, done) it dispatches `followups-changed` on
// `document` with `{detail: {message}}` so the board and Today refresh.
//
// All user text goes in through textContent / input values (dom.js `h`).
import { api } from './api.js';
import { h, replace, $ } from './dom.js';
import { dueLabel } from './format.js';
import { outcomeText, undoAction } from './followups.js';
import {
  AUTOSAVE_MS, LINKEDIN_FREE_LIMIT, LINKEDIN_LIMIT, debounce, findPlaceholders, linkedinLength, linkedinState, mailtoUrl,
} from './compose.js';
import { bindNote, clearPrintRoot, noteOptions, printNote, renderPreview, savePdf } from './note.js';

export { savePdf };

let dialog = null;
/**
 * What had the focus when the editor opened: it gets it back on close (Today
 * and the board then keep it on its item). Found again by its item's key and
 * part when the list was re-rendered meanwhile.
 */
let opener = null;

function rememberOpener() {
  const el = document.activeElement;
  const item = el?.closest?.('.agenda-item, .fu-item, .card[data-application-id]');
  opener = { el, key: item?.dataset.key, app: item?.dataset.applicationId, part: el?.dataset?.part };
}

function closeDialog() {
  dialog.close();
  const active = document.activeElement;
  if (opener && (!active || active === document.body || dialog.contains(active))) {
    const { el, key, app, part } = opener;
    const item = key ? document.querySelector(`.agenda-item[data-key="${CSS.escape(key)}"], .fu-item[data-key="${CSS.escape(key)}"]`)
      : app ? document.querySelector(`.card[data-application-id="${CSS.escape(app)}"]`) : null;
    const again = el?.isConnected ? el : (part && item?.querySelector(`[data-part="${part}"]`)) || item;
    again?.focus();
  }
  opener = null;
}
/** The follow-up open in the editor: {key, data, ...}. */
let current = null;

/** Tells main.js: `detail` is {message, undo, outcome} (the store's answer), or {refresh} to read everything again. */
const changed = (detail) => document.dispatchEvent(new CustomEvent('followups-changed', { detail }));

// ----- autosave ----------------------------------------------------------

/** Saves are queued so that an older text never lands after a newer one. */
let queue = Promise.resolve();

function saveNow(key, draft) {
  const run = async () => {
    setStatus('Saving…');
    try {
      await api.saveDraft(key, draft);
      if (current?.key === key) {
        current.edited = true;
        current.failed = false;
        setStatus(`Draft saved ${new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(new Date())}`);
        $('#editor-body-error').hidden = true;
      }
    } catch (e) {
      if (current?.key === key) {
        // The text stays in the editor; the next keystroke or closing retries.
        current.failed = true;
        setStatus('Not saved', true);
        showError('editor-body', `Your draft could not be saved: ${e.message}`);
      }
      throw e;
    }
  };
  queue = queue.then(run, run);
  return queue;
}

const autosave = debounce((key, draft) => saveNow(key, draft), AUTOSAVE_MS);

/** Saves any pending edit now; resolves when the database has it. */
export async function flushDraft() {
  const p = autosave.flush();
  if (p) await p;
  else await queue.catch(() => {});
}

function readDraft() {
  return { subject: $('#editor-subject')?.value ?? '', body: $('#editor-body').value };
}

function onEdit() {
  if (!current) return;
  const draft = readDraft();
  autosave.schedule(current.key, draft);
  setStatus('Editing…');
  refreshChecks();
}

// ----- building the dialog ------------------------------------------------

function ensureDialog() {
  if (dialog) return dialog;
  dialog = h('dialog', { id: 'editor', class: 'editor', 'aria-labelledby': 'editor-title' });
  // Escape closes too, but only after the draft is safe.
  dialog.addEventListener('cancel', (e) => { e.preventDefault(); closeEditor(); });
  document.body.append(dialog);
  return dialog;
}

function setStatus(text, error = false) {
  const s = $('#editor-saved');
  if (!s) return;
  s.textContent = text;
  s.classList.toggle('error', error);
}

function showError(id, message) {
  const e = $(`#${id}-error`);
  if (e) { e.textContent = message; e.hidden = false; }
}

function field(id, label, control, extra = []) {
  return h('div', { class: 'field' },
    h('label', { for: id, text: label }), control, ...extra,
    h('p', { class: 'field-error', id: `${id}-error`, role: 'alert', hidden: true }));
}

function whoLine(d) {
  const names = d.recipients.map((c) => c.name).filter(Boolean);
  return [names.join(', '), d.application.company, d.application.role].filter(Boolean).join(' · ');
}

/** Opens the editor on follow-up `key`. */
export async function openEditor(key) {
  await flushDraft();
  let data;
  try {
    data = await api.compose(key);
  } catch (e) {
    // Most likely it was closed meanwhile: refresh the lists, say why.
    changed({ refresh: true });
    notifyError(e.message);
    return;
  }
  current = { key, data, edited: data.edited, confirmed: false };
  render(data);
  const d = ensureDialog();
  if (!d.open) {
    rememberOpener();
    d.showModal();
  }
  $('#editor-body').focus();
  $('#editor-body').setSelectionRange(0, 0);
  $('#editor-body').scrollTop = 0;
}

function notifyError(message) {
  const t = $('#toast');
  if (!t) return;
  t.replaceChildren(message);
  t.classList.add('error');
  t.hidden = false;
  setTimeout(() => { t.hidden = true; }, 6000);
}

/** Closes the editor once the draft is saved (it stays open if saving fails). */
export async function closeEditor() {
  if (!dialog?.open) return;
  const closing = current;
  try {
    await flushDraft();
  } catch {
    return; // the message beside the text says why; nothing is lost
  }
  // Another follow-up was opened meanwhile: leave that one open.
  if (current !== closing || current?.failed) return;
  closeDialog();
  current = null;
  clearPrintRoot();
}

function render(d) {
  const kind = d.followup.kind;
  const email = ['thank_you_email', 'check_in', 'keep_cv_on_file'].includes(kind);
  const linkedin = kind === 'linkedin_connect';
  const note = kind === 'thank_you_note';
  const checklist = kind === 'pre_interview';
  const dlg = ensureDialog();
  dlg.dataset.kind = kind;
  dlg.dataset.key = d.followup.key;

  const body = h('textarea', {
    id: 'editor-body', rows: linkedin ? 7 : note ? 14 : 16, spellcheck: 'true',
    'aria-describedby': 'editor-gaps editor-body-error', class: note ? 'serif' : null,
  });
  body.value = d.draft.body;
  body.addEventListener('input', onEdit);

  const main = h('div', { class: 'editor-main' });
  if (email) {
    const to = h('input', { id: 'editor-to', type: 'text', autocomplete: 'off', 'aria-describedby': 'editor-to-help' });
    to.value = d.recipients.map((c) => c.email).filter(Boolean).join(', ');
    const missing = d.recipients.filter((c) => !c.email).map((c) => c.name);
    main.append(field('editor-to', 'To', to, [h('p', {
      class: 'help', id: 'editor-to-help',
      text: d.recipients.length === 0
        ? 'No contact is recorded for this application: type the address your mail app should use.'
        : missing.length ? `No email address recorded for ${missing.join(' and ')}: type it here or in your mail app.` : 'From the contact details. Changes here are for this message only.',
    })]));
    const subject = h('input', { id: 'editor-subject', type: 'text', autocomplete: 'off' });
    subject.value = d.draft.subject;
    subject.addEventListener('input', onEdit);
    // The subject can be copied on its own: without a mail app, a webmail needs both.
    main.append(field('editor-subject', 'Subject', subject, [h('button', {
      type: 'button', class: 'linklike copy-subject', id: 'editor-copy-subject', text: 'Copy the subject',
      onclick: () => act(() => api.copyText(readDraft().subject.normalize('NFC')), 'Subject copied to the clipboard.'),
    })]));
  }
  main.append(field('editor-body', checklist ? 'Checklist' : note ? 'Your note' : 'Message', body));
  const meta = h('div', { class: 'editor-meta' },
    h('span', { id: 'editor-saved', class: 'saved', role: 'status', text: d.edited ? 'Your saved draft' : 'Drafted from the template' }),
    linkedin ? h('span', { id: 'editor-count', class: 'count', 'aria-live': 'polite' }) : null,
    h('button', { type: 'button', class: 'linklike', id: 'editor-reset', text: 'Start again from the template', onclick: askReset }));
  // (Element.append would print a null as "null": build through h's children.)
  main.append(meta,
    h('div', { id: 'editor-gaps', class: 'gaps', 'aria-live': 'polite' }),
    ...(linkedin ? [h('p', { class: 'help', id: 'editor-linkedin-help' })] : []));

  const aside = note ? noteOptions(d) : null;
  const actions = actionButtons(d, { email, linkedin, note, checklist });

  replace(dlg,
    h('header', { class: 'editor-head' },
      h('div', {},
        h('h2', { id: 'editor-title', text: d.action }),
        h('p', { class: 'editor-who', text: whoLine(d) })),
      h('span', { class: 'editor-due', text: dueLabel(d.followup.due_at, d.now) }),
      h('button', { type: 'button', class: 'icon', id: 'editor-close', 'aria-label': 'Close the editor', text: '×', onclick: closeEditor })),
    h('div', { class: `editor-grid${note ? ' with-note' : ''}` }, main, aside),
    h('div', { id: 'editor-confirm', class: 'editor-confirm', role: 'alertdialog', 'aria-labelledby': 'editor-confirm-text', hidden: true }),
    actions);
  refreshChecks();
  if (note) renderPreview();
}

function actionButtons(d, { email, linkedin, note, checklist }) {
  const bar = h('footer', { class: 'editor-actions' });
  const left = h('div', { class: 'left' });
  const right = h('div', { class: 'right' });
  if (email) {
    right.append(h('button', { type: 'button', id: 'editor-mail', text: 'Open in mail app', onclick: () => guarded('open it in your mail app', openInMail) }));
  }
  if (linkedin) {
    const c = d.recipients[0];
    const consent = c?.linkedin_consent === 'yes';
    right.append(h('button', {
      type: 'button', id: 'editor-profile', text: c ? `Open ${c.name.split(/\s+/)[0]}'s profile` : 'Open profile',
      disabled: !consent || !c?.linkedin_url,
      title: !c?.linkedin_url ? 'No LinkedIn profile address is recorded for this contact: add it to the contact.' : null,
      onclick: () => act(() => api.openExternal(c.linkedin_url), 'Opened their profile in your browser. Paste the note into “Add a note”.'),
    }));
  }
  if (note) {
    right.append(
      h('button', { type: 'button', id: 'editor-print', text: 'Print…', onclick: () => guarded('print it', () => printNote(false)) }),
      h('button', { type: 'button', id: 'editor-pdf', text: 'Save as PDF…', onclick: () => guarded('save it', () => savePdf()) }));
  }
  right.append(h('button', {
    type: 'button', id: 'editor-copy', text: email ? 'Copy the message' : 'Copy',
    disabled: linkedin && d.recipients[0]?.linkedin_consent !== 'yes',
    onclick: () => guarded('copy it', copy),
  }));
  if (checklist) {
    right.append(h('button', { type: 'button', class: 'primary', id: 'editor-done', text: 'Done', onclick: markDone }));
  } else {
    right.append(h('button', { type: 'button', class: 'primary', id: 'editor-sent', text: note ? 'Mark as delivered' : 'Mark as sent', onclick: () => guarded('mark it sent', markSent) }));
  }
  left.append(h('button', { type: 'button', id: 'editor-later', text: 'Close', onclick: closeEditor }));
  bar.append(left, right);
  return bar;
}

// ----- checks: gaps, LinkedIn counter -------------------------------------

function refreshChecks() {
  if (!current) return;
  const { body, subject } = readDraft();
  const gaps = [...findPlaceholders(subject), ...findPlaceholders(body).map((g) => ({ ...g, inBody: true }))];
  const box = $('#editor-gaps');
  if (gaps.length === 0) {
    replace(box, h('span', { class: 'ok', text: 'No gaps left in brackets.' }));
  } else {
    replace(box,
      h('span', { text: gaps.length === 1 ? 'Fill in the gap in brackets: ' : `Fill in the ${gaps.length} gaps in brackets: ` }),
      gaps.map((g) => h('button', {
        type: 'button', class: 'gap', text: g.text, title: 'Select it in the text',
        onclick: () => {
          const el = g.inBody ? $('#editor-body') : $('#editor-subject');
          el.focus();
          el.setSelectionRange(g.start, g.end);
        },
      })));
  }
  const count = $('#editor-count');
  if (count) {
    const n = linkedinLength(body);
    const st = linkedinState(body);
    count.textContent = `${n} / ${LINKEDIN_LIMIT}`;
    count.className = `count ${st}`;
    count.title = st === 'over' ? 'Too long for LinkedIn: shorten it.' : st === 'warn' ? `Over ${LINKEDIN_FREE_LIMIT}: too long for a free account.` : '';
    const help = $('#editor-linkedin-help');
    help.classList.toggle('warn', st !== 'ok');
    help.textContent = st === 'over'
      ? `${n - LINKEDIN_LIMIT} characters over LinkedIn's limit of ${LINKEDIN_LIMIT}: shorten it before copying.`
      : st === 'warn'
        ? `Over ${LINKEDIN_FREE_LIMIT} characters: fine with Premium, but a free account cuts notes at ${LINKEDIN_FREE_LIMIT}.`
        : `LinkedIn takes up to ${LINKEDIN_LIMIT} characters; free accounts only ${LINKEDIN_FREE_LIMIT}. Make it personal: say where you met and what you talked about.`;
  }
  if (current.data.followup.kind === 'thank_you_note') renderPreview();
}

/**
 * Runs `fn` unless gaps are left in brackets, in which case it asks first,
 * inline (no native dialog): "Send anyway" runs it, "Keep editing" goes back.
 */
async function guarded(what, fn) {
  if (!current) return;
  const { subject, body } = readDraft();
  const gaps = [...findPlaceholders(subject), ...findPlaceholders(body)];
  const kind = current.data.followup.kind;
  if (kind === 'linkedin_connect' && linkedinState(body) === 'over' && what !== 'mark it sent') {
    return confirmInline(`This note is ${linkedinLength(body)} characters: LinkedIn will not take more than ${LINKEDIN_LIMIT}.`, null);
  }
  if (gaps.length === 0) return fn();
  confirmInline(
    `${gaps.length === 1 ? 'A gap is' : `${gaps.length} gaps are`} still in brackets (${gaps.map((g) => g.text).join(', ')}). ${what[0].toUpperCase()}${what.slice(1)} anyway?`,
    { label: `${what[0].toUpperCase()}${what.slice(1)} anyway`, run: fn });
}

function confirmInline(text, action) {
  const box = $('#editor-confirm');
  replace(box,
    h('p', { id: 'editor-confirm-text', text }),
    h('div', { class: 'buttons' },
      action ? h('button', { type: 'button', id: 'editor-confirm-yes', text: action.label, onclick: () => { box.hidden = true; action.run(); } }) : null,
      h('button', { type: 'button', class: 'primary', id: 'editor-confirm-no', text: 'Keep editing', onclick: () => { box.hidden = true; $('#editor-body').focus(); } })));
  box.hidden = false;
  $('#editor-confirm-no').focus();
}

function askReset() {
  confirmInline('Replace your text with a fresh draft from the template? Your current text will be gone.', {
    label: 'Replace my text',
    run: async () => {
      autosave.cancel();
      try {
        await queue.catch(() => {});
        await api.saveDraft(current.key, null);
        const data = await api.compose(current.key);
        current = { ...current, data, edited: false };
        render(data);
        setStatus('Drafted from the template');
      } catch (e) {
        showError('editor-body', e.message);
      }
    },
  });
}

// ----- actions ---------------------------------------------------------------

async function act(fn, ok) {
  try {
    await fn();
    if (ok) setStatus(ok);
  } catch (e) {
    setStatus(e.message, true);
  }
}

async function openInMail() {
  const { subject, body } = readDraft();
  const to = $('#editor-to').value.split(/[,;]/).map((s) => s.trim()).filter(Boolean);
  try {
    await api.openExternal(mailtoUrl({ to, subject, body }));
    setStatus('Handed to your mail app. Once you have sent it, press “Mark as sent”.');
    $('#editor-sent')?.classList.add('nudge');
  } catch (e) {
    // "No mail app is set up: copy it instead.": point at the copy buttons.
    setStatus(e.message, true);
    for (const b of [$('#editor-copy'), $('#editor-copy-subject')]) b?.classList.add('nudge');
  }
}

async function copy() {
  const { body } = readDraft();
  // NFC: the counter counts composed characters, so the pasted text must be composed too.
  await act(() => api.copyText(body.normalize('NFC')), 'Copied to the clipboard.');
}

async function markSent(earlyOk = false) {
  const { key } = current;
  const f = current.data.followup;
  const draft = readDraft();
  autosave.cancel();
  let outcome;
  try {
    await queue.catch(() => {});
    outcome = await api.markSent(key, draft, earlyOk);
  } catch (e) {
    // A thank-you before the interview has ended: ask, never record it by a slip.
    if (e.field === 'sent_early') return confirmInline(e.message, { label: 'Record it as sent', run: () => markSent(true) });
    showError('editor-body', e.message);
    return;
  }
  closeDialog();
  current = null;
  clearPrintRoot();
  changedWithUndo(f, outcome, f.kind === 'thank_you_note' ? 'delivered' : 'sent');
}

async function markDone() {
  const { key } = current;
  const f = current.data.followup;
  let outcome;
  try {
    await flushDraft();
    outcome = await api.decide(key, 'done');
  } catch (e) {
    showError('editor-body', e.message);
    return;
  }
  closeDialog();
  current = null;
  changedWithUndo(f, outcome, 'done');
}

/** Says what the change did, with Undo (main.js shows the toast and re-reads). */
function changedWithUndo(f, outcome, decision) {
  const say = (message) => changed({ message });
  // The undo's answer puts the card back; a refused undo reads everything again.
  const undone = (o) => changed(o ? { outcome: o } : { refresh: true });
  changed({ message: outcomeText(f, decision, outcome, new Date()), undo: undoAction(f, outcome, undone, say), outcome });
}

// ----- wiring ------------------------------------------------------------------

bindNote({ current: () => current, readDraft, setStatus, showError, flushDraft, field });

document.addEventListener('open-followup', (e) => {
  const key = e.detail?.key;
  if (key) openEditor(key);
});
// Leaving the window with a pending edit: save it now rather than in 600 ms.
document.addEventListener('visibilitychange', () => { if (document.hidden) flushDraft().catch(() => {}); });
window.addEventListener('pagehide', () => { flushDraft().catch(() => {}); });
