// Settings → Message templates: the user's own version of each kind's
// template, saved or reset to the default. The backend refuses an unknown
// {{variable}}; its message goes beside the field.
import { api } from './api.js';
import { h, replace, $ } from './dom.js';
import { clearFieldErrors, showFieldError } from './forms.js';

const VARIABLES = [
  ['first_name', 'first name(s)'], ['contact_name', 'full name'], ['company', 'company'], ['role', 'role'],
  ['interview_day', 'day of the interview'], ['interview_time', 'day and time'], ['interview_format', 'phone / video / on-site'],
  ['interviewers', 'everyone you met'], ['next_steps', 'next steps they named'], ['reply_by', 'reply expected by'],
  ['last_step', '“our interview on …”'],
];

let entries = [];

export function mountTemplates(view) {
  if (!view || $('#templates-form')) return;
  const kind = h('select', { id: 'tpl-kind', onchange: () => show(kind.value) });
  const subject = h('input', { id: 'tpl-subject', type: 'text', autocomplete: 'off', 'aria-describedby': 'tpl-subject-error' });
  const body = h('textarea', { id: 'tpl-body', rows: 14, spellcheck: 'true', 'aria-describedby': 'tpl-body-help tpl-body-error' });
  const form = h('form', { id: 'templates-form', class: 'templates', novalidate: true },
    h('h1', {}, 'Message templates', h('span', { class: 'custom-badge', id: 'tpl-custom', hidden: true, text: 'Your version' })),
    h('p', { class: 'help', text: 'Each follow-up starts from its template. Facts in {{braces}} are filled in for you; words in [brackets] are gaps for you to fill, and the editor warns before sending while one is left. [your name] is filled from Your name above, in every template.' }),
    h('div', { class: 'field' }, h('label', { for: 'tpl-kind', text: 'Template' }), kind),
    h('div', { class: 'field', id: 'tpl-subject-field' },
      h('label', { for: 'tpl-subject', text: 'Subject' }), subject,
      h('p', { class: 'field-error', id: 'tpl-subject-error', role: 'alert', hidden: true })),
    h('div', { class: 'field' },
      h('label', { for: 'tpl-body', text: 'Message' }), body,
      h('ul', { class: 'vars', id: 'tpl-body-help', 'aria-label': 'Facts you can use' },
        VARIABLES.map(([name, what]) => h('li', { title: what }, h('code', { text: `{{${name}}}` })))),
      h('p', { class: 'field-error', id: 'tpl-body-error', role: 'alert', hidden: true })),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'primary', id: 'tpl-save', text: 'Save template' }),
      h('button', { type: 'button', id: 'tpl-reset', text: 'Reset to default', onclick: reset }),
      h('span', { class: 'saved', id: 'tpl-saved', role: 'status' })));
  form.addEventListener('submit', save);
  view.append(form);
  load().catch((e) => showFieldError('tpl-body', e.message));
}

async function load(select) {
  entries = await api.listTemplates();
  const kind = $('#tpl-kind');
  const keep = select ?? kind.value ?? entries[0]?.kind;
  replace(kind, entries.map((e) => h('option', { value: e.kind, text: e.label })));
  kind.value = entries.some((e) => e.kind === keep) ? keep : entries[0]?.kind;
  show(kind.value);
}

function show(kind) {
  const e = entries.find((x) => x.kind === kind);
  if (!e) return;
  clearFieldErrors($('#templates-form'));
  $('#tpl-subject-field').hidden = !e.email;
  $('#tpl-subject').value = e.template.subject;
  $('#tpl-body').value = e.template.body;
  $('#tpl-custom').hidden = !e.customized;
  $('#tpl-reset').disabled = !e.customized;
  $('#tpl-saved').textContent = '';
}

async function save(ev) {
  ev.preventDefault();
  const form = $('#templates-form');
  clearFieldErrors(form);
  const kind = $('#tpl-kind').value;
  try {
    await api.saveTemplate(kind, { subject: $('#tpl-subject').value, body: $('#tpl-body').value });
    await load(kind);
    $('#tpl-saved').textContent = 'Saved. New drafts use it; drafts you already edited keep your words.';
  } catch (e) {
    // What was typed stays in the field.
    showFieldError(e.field === 'subject' ? 'tpl-subject' : 'tpl-body', e.message);
  }
}

async function reset() {
  const kind = $('#tpl-kind').value;
  try {
    await api.resetTemplate(kind);
    await load(kind);
    $('#tpl-saved').textContent = 'Back to the default template.';
  } catch (e) {
    showFieldError('tpl-body', e.message);
  }
}
