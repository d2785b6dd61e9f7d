// The physical thank-you note in the editor (editor.js): how it is
// delivered, its paper and envelope, the true-size preview, printing and
// "Save as PDF". Split from editor.js, which binds it to the follow-up open
// there with `bindNote`.
import { api } from './api.js';
import { h, replace, $ } from './dom.js';
import { LAYOUTS, debounce, pageRule, pdfFileName } from './compose.js';

/** What the editor lends: the open follow-up and its helpers. */
let ctx = null;
const readDraft = () => ctx.readDraft();
const setStatus = (text, error) => ctx.setStatus(text, error);
const showError = (id, message) => ctx.showError(id, message);
const flushDraft = () => ctx.flushDraft();
const field = (...args) => ctx.field(...args);

/** `editor`: {current(), readDraft, setStatus, showError, flushDraft, field}. */
export function bindNote(editor) {
  ctx = editor;
}


const DELIVERY = [
  ['front_desk', 'Drop it at the front desk', 'Fastest: the receptionist passes it on the same day.'],
  ['post', 'Post it', 'Allow a few days for the post.'],
];

export function noteOptions(d) {
  const o = d.note;
  const saveOpts = debounce(async () => {
    try {
      ctx.current().data.note = await api.saveNoteOptions(ctx.current().key, readNoteOptions());
      $('#note-address-error').hidden = true;
    } catch (e) {
      showError(e.field === 'address' ? 'note-address' : 'note-layout', e.message);
    }
  }, 300);
  const onChange = () => { renderPreview(); syncNoteFields(); saveOpts.schedule(); };

  const delivery = h('fieldset', { class: 'field' }, h('legend', { text: 'Delivery' }),
    DELIVERY.map(([value, label, help]) => h('label', { class: 'choice' },
      h('input', { type: 'radio', name: 'note-delivery', value, checked: o.delivery === value, onchange: onChange }),
      h('span', {}, h('strong', { text: label }), h('small', { text: help })))));
  const layout = h('select', { id: 'note-layout', onchange: onChange },
    Object.entries(LAYOUTS).map(([value, l]) => h('option', { value, text: l.label, selected: o.layout === value })));
  const envelope = h('label', { class: 'check' },
    h('input', { type: 'checkbox', id: 'note-envelope', checked: o.envelope, onchange: onChange }), 'Print an envelope too');
  const address = h('textarea', { id: 'note-address', rows: 4, placeholder: 'Street and number\nPostcode and town', 'aria-describedby': 'note-address-help note-address-error' });
  address.value = o.address ?? '';
  address.addEventListener('input', () => { renderPreview(); saveOpts.schedule(); });

  return h('aside', { class: 'editor-note', 'aria-label': 'Printing' },
    delivery,
    field('note-layout', 'Paper', layout),
    h('div', { class: 'field' }, envelope),
    h('div', { class: 'field', id: 'note-address-field' },
      h('label', { for: 'note-address', text: 'Company address (for the envelope)' }), address,
      h('p', { class: 'help', id: 'note-address-help', text: '' }),
      h('p', { class: 'field-error', id: 'note-address-error', role: 'alert', hidden: true })),
    h('div', { class: 'envelope-actions', id: 'envelope-actions' },
      h('button', { type: 'button', class: 'small', id: 'envelope-print', text: 'Print envelope…', onclick: () => printNote(true) }),
      h('button', { type: 'button', class: 'small', id: 'envelope-pdf', text: 'Envelope as PDF…', onclick: () => savePdf(undefined, true) })),
    h('div', { class: 'preview-wrap' },
      h('div', { class: 'preview-label', id: 'preview-label' }),
      h('div', { class: 'preview-stage', id: 'preview-stage' }),
      h('p', { class: 'field-error', id: 'preview-overflow', role: 'status', hidden: true })));
}

function readNoteOptions() {
  return {
    delivery: document.querySelector('input[name=note-delivery]:checked')?.value ?? 'front_desk',
    layout: $('#note-layout').value,
    envelope: $('#note-envelope').checked,
    address: $('#note-address').value,
  };
}

function syncNoteFields() {
  const o = readNoteOptions();
  $('#note-address-field').hidden = !o.envelope;
  $('#envelope-actions').hidden = !o.envelope;
  $('#note-address-help').textContent = o.delivery === 'post'
    ? 'Printed under their name and the company.'
    : 'Optional: by hand, their name and the company are enough.';
}

/** The printable page of the note (or envelope), as DOM. */
function notePage(envelope) {
  const d = ctx.current().data;
  const o = readNoteOptions();
  const l = LAYOUTS[o.layout] ?? LAYOUTS.card_a6;
  if (envelope) {
    const names = d.recipients.map((c) => c.name).join(', ');
    const lines = [names, d.application.company, ...(o.delivery === 'post' ? o.address.split('\n') : [])]
      .map((s) => s.trim()).filter(Boolean);
    const page = h('div', { class: 'print-page envelope' },
      o.delivery === 'front_desk' ? h('div', { class: 'by-hand', text: 'By hand' }) : null,
      h('div', { class: 'recipient' }, lines.map((line) => h('div', { text: line }))));
    page.style.setProperty('--w', `${l.envelope.width}mm`);
    page.style.setProperty('--h', `${l.envelope.height}mm`);
    return page;
  }
  const page = h('div', { class: `print-page note ${o.layout}` }, h('div', { class: 'note-text', text: readDraft().body }));
  page.style.setProperty('--w', `${l.width}mm`);
  page.style.setProperty('--h', `${l.height}mm`);
  page.style.setProperty('--m', `${l.margin}mm`);
  return page;
}

export function renderPreview() {
  const stage = $('#preview-stage');
  if (!stage || !ctx.current()) return;
  syncNoteFields();
  const o = readNoteOptions();
  const l = LAYOUTS[o.layout] ?? LAYOUTS.card_a6;
  const page = notePage(false);
  page.classList.add('preview');
  replace(stage, page);
  // Scale the true-size page into the panel: 1 mm = 96/25.4 CSS px.
  const px = (mm) => (mm * 96) / 25.4;
  const scale = Math.min(1, (stage.clientWidth || 300) / px(l.width), 340 / px(l.height));
  page.style.transform = `scale(${scale})`;
  stage.style.height = `${px(l.height) * scale}px`;
  stage.style.width = `${px(l.width) * scale}px`;
  $('#preview-label').textContent = `Preview · ${l.label}`;
  const text = page.firstChild;
  const over = text.scrollHeight > text.clientHeight + 1;
  const warn = $('#preview-overflow');
  warn.hidden = !over;
  warn.textContent = over ? 'Too long for one page of this paper: shorten it, or choose a larger paper. It would print on more than one page.' : '';
}

/**
 * The print root is the only thing print CSS shows (editor.css). Resolves
 * once every face of the bundled serif its text needs is loaded: hidden on
 * screen, the root loads none, and WebKit prints text whose font is still
 * loading as nothing (an envelope came out with the company but without the
 * names above it, which are set in the bold face).
 */
async function setPrintRoot(envelope) {
  let root = $('#print-root');
  if (!root) {
    root = h('div', { id: 'print-root', 'aria-hidden': 'true' });
    document.body.append(root);
  }
  replace(root, notePage(envelope));
  setPageRule(pageRule(readNoteOptions().layout, envelope));
  const text = root.textContent || 'a';
  await Promise.all(['400', '600', 'italic 400'].map((face) => document.fonts.load(`${face} 12pt "Note Serif"`, text).catch(() => [])));
}

export function clearPrintRoot() {
  $('#print-root')?.replaceChildren();
}

/** Sets the `@page` size through the CSSOM (the CSP forbids inline <style>). */
function setPageRule(rule) {
  const sheet = [...document.styleSheets].find((s) => s.href?.endsWith('/editor.css'));
  if (!sheet) return;
  const rules = [...sheet.cssRules];
  const i = rules.findIndex((r) => r.type === CSSRule.PAGE_RULE);
  if (i >= 0) sheet.deleteRule(i);
  sheet.insertRule(rule, sheet.cssRules.length);
}

export async function printNote(envelope) {
  await flushDraft().catch(() => {});
  await setPrintRoot(envelope);
  const o = readNoteOptions();
  try {
    const printed = await api.printNote({ layout: o.layout, envelope });
    setStatus(printed ? 'Sent to the printer.' : 'Printing cancelled.');
  } catch (e) {
    setStatus(e.message, true);
  }
}

/**
 * Writes the note (or envelope) as a PDF. Without `path` the system's save
 * dialog asks where; tests pass a path. Resolves to {path, millis}.
 */
export async function savePdf(path, envelope = false) {
  await flushDraft().catch(() => {});
  await setPrintRoot(envelope);
  const o = readNoteOptions();
  const company = ctx.current()?.data.application.company;
  try {
    const r = await api.savePdf({ layout: o.layout, envelope }, path ?? null,
      pdfFileName(company, envelope ? 'Envelope' : 'Thank-you note'));
    setStatus(r.path ? `Saved ${r.path}` : 'Not saved.');
    return r;
  } catch (e) {
    setStatus(e.message, true);
    throw e;
  }
}
