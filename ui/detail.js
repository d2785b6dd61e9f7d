// The application detail side panel: every field of the application,
// editable with inline validation; its follow-ups (open in the note editor,
// done, skip, snooze); interviews and contacts (add, edit, delete); and its
// timeline, with "Log a reply". Every save goes through one command (one
// transaction); on a refusal the message shows beside the field, and what
// the user typed stays in the form.
//
// "Open" on a follow-up dispatches `open-followup` on `document`
// (detail: {key, followup}); the note editor listens for it.
import { api } from './api.js';
import { $, h, replace } from './dom.js';
import { clearFieldErrors, showFieldError, showFieldErrors } from './forms.js';
import { decideFollowup, followupMenu } from './followups.js';
import { calendarDay, dueLabel, dueState, fullDateTime, toLocalInput } from './format.js';
import { ARCHIVE_STATUSES, BOARD_STATUSES, localDate, timeline } from './board-logic.js';
import { STATUS_LABELS, actionOf } from './labels.js';
import { applicationProblems, withScheme } from './validate.js';
import { jobLinkButton } from './links.js';
import { openMenu } from './menu.js';
import { deleteApplication } from './delete.js';
import { isNoAnswer, noAnswerButtons } from './no-answer.js';

const CONSENT = [['not_asked', 'Not asked'], ['yes', 'Yes'], ['no', 'No']];
const FORMATS = [['video', 'Video'], ['phone', 'Phone'], ['onsite', 'On-site']];
const WENT = [['', 'Not yet / not sure'], ['well', 'Well'], ['okay', 'Okay'], ['poorly', 'Poorly']];
const CHANNELS = [['email', 'E-mail'], ['phone', 'Phone'], ['linkedin', 'LinkedIn'], ['other', 'Other']];

const when = (iso) => fullDateTime(iso);
const day = (ymd) => calendarDay(ymd, new Date());

/** A labelled input with its inline error slot (`#<id>-error`). */
function field(id, label, input, { help, wide } = {}) {
  input.id = id;
  input.setAttribute('aria-describedby', `${help ? `${id}-help ` : ''}${id}-error`);
  return h('div', { class: `field${wide ? ' wide' : ''}` },
    h('label', { for: id, text: label }),
    input,
    help ? h('p', { class: 'help', id: `${id}-help`, text: help }) : null,
    h('p', { class: 'field-error', id: `${id}-error`, role: 'alert', hidden: true }));
}
const input = (value, props = {}) => h('input', { autocomplete: 'off', ...props, value: value ?? '' });
function select(options, value) {
  const s = h('select', {}, options.map(([v, l]) => h('option', { value: v, text: l })));
  s.value = value ?? options[0][0];
  return s;
}

/** A panel section of a list (interviews, contacts): heading and `add` button, the form's `slot`, the `items` or `empty`. */
function listSection({ id, title, add, slot, items, empty }) {
  return h('section', { class: 'detail-section', 'aria-labelledby': `${id}-title` },
    h('div', { class: 'section-head' }, h('h3', { id: `${id}-title`, text: title }), add),
    slot,
    items.length === 0 ? h('p', { class: 'help', text: empty }) : h('ul', { class: 'detail-list' }, items));
}

/** Shows a backend error beside its field: `prefix` + field name with dots as dashes. */
function showError(prefix, e, fallback) {
  const id = e.field ? `${prefix}${e.field.replaceAll('.', '-')}` : null;
  if (id && $(`#${id}-error`)) showFieldError(id, e.message);
  else showFieldError(fallback, e.message);
}

export class Detail {
  constructor({ notify, changed, move, deletion }) {
    this.notify = notify;
    this.changed = changed;
    this.deletion = deletion;
    this.move = move;
    this.id = null;
    this.el = h('aside', { id: 'detail', class: 'detail', 'aria-labelledby': 'detail-title', hidden: true });
    $('main').append(this.el);
    this.el.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !e.defaultPrevented && !document.querySelector('.menu')) { e.preventDefault(); this.close(); }
    });
  }

  async open(id, { logInterview = false } = {}) {
    this.id = id;
    this.returnFocus = document.activeElement;
    try {
      await this.reload();
    } catch (e) {
      this.notify(`Could not open the application: ${e.message}`, { error: true });
      return;
    }
    this.el.hidden = false;
    document.body.classList.add('detail-open');
    if (logInterview) this.interviewForm(null);
    else $('#detail-title')?.focus();
  }

  close() {
    this.el.hidden = true;
    this.id = null;
    document.body.classList.remove('detail-open');
    const back = this.returnFocus;
    if (back?.isConnected) back.focus();
  }

  async reload() {
    if (!this.id) return;
    const d = await api.applicationDetail(this.id);
    this.data = d;
    this.render();
    return d;
  }

  /**
   * After a save: re-render the panel from `view`, the write's answer (the
   * panel as it now is: no second read), or re-read it; tell the board.
   */
  async saved(message, view = null) {
    let d = view;
    if (d && this.id === d.card?.id) {
      this.data = d;
      this.render();
    } else {
      d = await this.reload();
    }
    this.changed(d?.card);
    if (message) this.notify(message);
  }

  render() {
    const { card, record } = this.data;
    const moveBtn = h('button', {
      type: 'button', class: 'small', 'aria-haspopup': 'menu', 'aria-expanded': 'false', text: 'Move to…',
      onclick: () => openMenu(moveBtn, [...BOARD_STATUSES, ...ARCHIVE_STATUSES].filter((s) => s !== card.status)
        .map((s) => ({ label: `${ARCHIVE_STATUSES.includes(s) ? `${STATUS_LABELS[s]} (archive)` : `Move to ${STATUS_LABELS[s]}`}`, onSelect: () => this.move(card, s) })), `Move ${card.company} to`),
    });
    replace(this.el,
      h('header', { class: 'detail-head' },
        h('div', {},
          h('h2', { id: 'detail-title', tabindex: '-1', text: card.company }),
          h('div', { class: 'detail-sub' }, h('span', { text: card.role }), ' ',
            h('span', { class: `status-chip ${card.status}`, text: STATUS_LABELS[card.status] }),
            jobLinkButton(card, { notify: this.notify, className: 'small job-link', text: 'Job posting ↗' }))),
        h('div', { class: 'detail-actions' }, moveBtn,
          h('button', {
            type: 'button', class: 'small danger', id: 'detail-delete', text: 'Delete…', 'aria-label': `Delete ${card.company}…`,
            onclick: async () => {
              if (await deleteApplication(card.id, this.deletion())) this.close();
            },
          }),
          h('button', { type: 'button', class: 'icon', 'aria-label': 'Close details', text: '✕', onclick: () => this.close() }))),
      h('div', { class: 'detail-body' },
        this.followupsSection(),
        this.interviewsSection(),
        this.contactsSection(),
        this.timelineSection(),
        this.fieldsSection(record)));
  }

  // ---- follow-ups ------------------------------------------------------------

  followupsSection() {
    const { followups, now } = this.data;
    return h('section', { class: 'detail-section', 'aria-labelledby': 'd-fu-title' },
      h('h3', { id: 'd-fu-title', text: 'Follow-ups' }),
      followups.length === 0
        ? h('p', { class: 'help', text: ['rejected', 'offer'].includes(this.data.card.status) || ARCHIVE_STATUSES.includes(this.data.card.status) ? 'Nothing to send: check-ins have stopped for this application.' : 'Nothing open right now.' })
        : h('ul', { class: 'detail-list' }, followups.map((f) => {
          const snooze = h('button', {
            type: 'button', class: 'small', 'aria-haspopup': 'menu', 'aria-expanded': 'false', text: 'More…',
            'aria-label': `More actions: ${actionOf(f.kind)}`,
            onclick: () => followupMenu(snooze, f, { changed: () => this.saved(), notify: this.notify }),
          });
          return h('li', { class: 'fu-item', dataset: { key: f.key } },
            h('div', {},
              h('div', { class: 'what', text: actionOf(f.kind) + (f.contact_name ? ` – ${f.contact_name}` : '') }),
              h('div', { class: `fu-when is-${dueState(f.due_at, now)}`, text: dueLabel(f.due_at, now) + (f.snoozed ? ' (snoozed)' : '') })),
            h('div', { class: 'row-actions' },
              ...(isNoAnswer(f)
                ? noAnswerButtons(f, { notify: this.notify, changed: () => this.saved(), close: () => this.move(this.data.card, 'ghosted') })
                : [h('button', {
                  type: 'button', class: 'small primary', text: 'Open', 'aria-label': `Open in the editor: ${actionOf(f.kind)}`,
                  onclick: () => document.dispatchEvent(new CustomEvent('open-followup', { detail: { key: f.key, followup: f } })),
                }),
                h('button', { type: 'button', class: 'small', text: 'Done', onclick: () => this.decide(f, 'done') }),
                h('button', { type: 'button', class: 'small', text: 'Skip', onclick: () => this.decide(f, 'skipped') })]),
              snooze));
        })));
  }

  decide(f, decision) {
    return decideFollowup(f, decision, { changed: () => this.saved(), notify: this.notify });
  }

  // ---- application fields ------------------------------------------------------

  fieldsSection(a) {
    const appliedOn = a.applied_at ? localDate(new Date(a.applied_at)) : '';
    const f = {
      company: input(a.company, { required: true }),
      role: input(a.role, { required: true }),
      job_url: input(a.job_url, { type: 'url', placeholder: 'https://' }),
      location: input(a.location),
      source: input(a.source),
      applied_on: input(appliedOn, { type: 'date' }),
      notes: h('textarea', { rows: 4 }),
    };
    f.notes.value = a.notes ?? '';
    const status = h('span', { class: 'saved', role: 'status' });
    const form = h('form', { class: 'detail-form', novalidate: true, id: 'd-form' },
      field('d-company', 'Company', f.company),
      field('d-role', 'Role', f.role),
      field('d-job_url', 'Job posting URL', f.job_url),
      h('div', { class: 'row' }, field('d-location', 'Location', f.location), field('d-source', 'Source', f.source)),
      field('d-applied_on', 'Applied on', f.applied_on, { help: 'Check-ins count from this date.' }),
      field('d-notes', 'Notes', f.notes),
      h('p', { class: 'field-error', id: 'd-form-error', role: 'alert', hidden: true }),
      h('div', { class: 'form-actions' }, status, h('button', { type: 'submit', class: 'primary', text: 'Save details' })));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearFieldErrors(form);
      status.textContent = '';
      const edit = Object.fromEntries(Object.entries(f).map(([k, el]) => [k, el.value]));
      edit.job_url = withScheme(edit.job_url);
      const problems = applicationProblems(edit);
      if (problems.length) return showFieldErrors('d-', problems);
      f.job_url.value = edit.job_url;
      try {
        await api.updateApplication(this.id, edit);
        await this.saved('Saved');
      } catch (ex) {
        showError('d-', ex, 'd-form');
      }
    });
    return h('section', { class: 'detail-section', 'aria-labelledby': 'd-fields-title' },
      h('h3', { id: 'd-fields-title', text: 'Details' }), form);
  }

  // ---- interviews --------------------------------------------------------------

  interviewsSection() {
    const { record } = this.data;
    const names = new Map(record.contacts.map((c) => [c.id, c]));
    this.interviewSlot = h('div', { class: 'form-slot' });
    return listSection({ id: 'd-iv', title: 'Interviews', slot: this.interviewSlot, empty: 'No interview logged yet.',
      add: h('button', { type: 'button', class: 'small', id: 'd-add-interview', text: 'Log an interview', onclick: () => this.interviewForm(null) }),
      items: [...record.interviews].reverse().map((iv) => h('li', { class: 'iv-item', dataset: { interviewId: iv.id } },
          h('div', {},
            h('div', { class: 'what', text: `${FORMATS.find(([v]) => v === iv.format)?.[1] ?? iv.format} · ${when(iv.starts_at)}` }),
            h('div', { class: 'who', text: iv.interviewer_ids.map((id) => names.get(id)?.name).filter(Boolean).join(', ') || 'No interviewer named' }),
            iv.next_steps ? h('div', { class: 'help', text: `Next steps: ${iv.next_steps}` }) : null,
            iv.expected_reply_by ? h('div', { class: 'help', text: `Expected reply by ${day(iv.expected_reply_by)}` }) : null),
          h('div', { class: 'row-actions' },
            h('button', { type: 'button', class: 'small', text: 'Edit', 'aria-label': `Edit the interview of ${when(iv.starts_at)}`, onclick: () => this.interviewForm(iv) }),
            h('button', { type: 'button', class: 'small danger', text: 'Delete', 'aria-label': `Delete the interview of ${when(iv.starts_at)}`, onclick: () => this.deleteInterview(iv) })))) });
  }

  interviewForm(iv) {
    const { record, physical_note_default: noteDefault, now } = this.data;
    const start = iv ? new Date(iv.starts_at) : (() => { const d = new Date(now); d.setMinutes(0, 0, 0); d.setHours(d.getHours() + 1); return d; })();
    const end = iv ? new Date(iv.ends_at) : new Date(start.getTime() + 3_600_000);
    const f = {
      starts_at: input(toLocalInput(start), { type: 'datetime-local', required: true }),
      ends_at: input(toLocalInput(end), { type: 'datetime-local', required: true }),
      format: select(FORMATS, iv?.format ?? 'video'),
      went: select(WENT, iv?.went ?? ''),
      next_steps: input(iv?.next_steps, { placeholder: 'e.g. a second round with the team' }),
      expected_reply_by: input(iv?.expected_reply_by, { type: 'date' }),
      physical_note: h('input', { type: 'checkbox', id: 'di-physical_note' }),
    };
    f.physical_note.checked = iv ? iv.physical_note : noteDefault;
    // Keep the length of the interview when its start moves.
    let duration = end - start;
    f.starts_at.addEventListener('change', () => {
      const s = new Date(f.starts_at.value);
      if (!Number.isNaN(s.getTime())) f.ends_at.value = toLocalInput(new Date(s.getTime() + Math.max(duration, 15 * 60_000)));
    });
    f.ends_at.addEventListener('change', () => { duration = new Date(f.ends_at.value) - new Date(f.starts_at.value); });

    const chosen = new Set(iv?.interviewer_ids ?? []);
    const rows = h('div', { class: 'interviewers' });
    const people = []; // {row, read()}
    record.contacts.forEach((c) => {
      const check = h('input', { type: 'checkbox', id: `di-pick-${c.id}` });
      check.checked = chosen.has(c.id);
      const consent = select(CONSENT, c.linkedin_consent);
      consent.setAttribute('aria-label', `${c.name} agreed to connect on LinkedIn`);
      const i = people.length;
      const row = h('div', { class: 'person' },
        h('label', { class: 'check', for: check.id }, check, ` ${c.name}${c.title ? ` (${c.title})` : ''}`),
        h('label', { class: 'consent' }, 'LinkedIn: ', consent),
        h('p', { class: 'field-error', id: `di-interviewers-${i}-name-error`, role: 'alert', hidden: true }));
      people.push({ row, read: () => check.checked && { ...c, linkedin_consent: consent.value } });
      rows.append(row);
    });
    const addPerson = () => {
      const i = people.length;
      const p = {
        name: input('', { id: `di-interviewers-${i}-name`, placeholder: 'Name' }),
        title: input('', { id: `di-interviewers-${i}-title`, placeholder: 'Title' }),
        email: input('', { id: `di-interviewers-${i}-email`, type: 'email', placeholder: 'E-mail (optional)' }),
        linkedin_consent: select(CONSENT, 'not_asked'),
      };
      p.name.setAttribute('aria-label', 'New interviewer: name');
      p.title.setAttribute('aria-label', 'New interviewer: title');
      p.email.setAttribute('aria-label', 'New interviewer: e-mail');
      p.linkedin_consent.setAttribute('aria-label', 'New interviewer agreed to connect on LinkedIn');
      const entry = { removed: false };
      const row = h('div', { class: 'person new' },
        h('div', { class: 'person-fields' }, p.name, p.title, p.email),
        h('label', { class: 'consent' }, 'LinkedIn: ', p.linkedin_consent),
        h('button', { type: 'button', class: 'icon', 'aria-label': 'Remove this interviewer', text: '✕', onclick: () => { entry.removed = true; row.remove(); } }),
        ['name', 'title', 'email'].map((k) => h('p', { class: 'field-error', id: `di-interviewers-${i}-${k}-error`, role: 'alert', hidden: true })));
      Object.assign(entry, { row, read: () => !entry.removed && (p.name.value.trim() || p.email.value.trim() || p.title.value.trim()) && {
        name: p.name.value, title: p.title.value, email: p.email.value, linkedin_consent: p.linkedin_consent.value,
      } });
      people.push(entry);
      rows.append(row);
      p.name.focus();
    };
    const form = h('form', { class: 'detail-form boxed', novalidate: true, id: 'di-form', 'aria-labelledby': 'di-title' },
      h('h4', { id: 'di-title', text: iv ? 'Edit interview' : 'Log an interview' }),
      h('p', { class: 'reminder', text: 'Before you leave: thank them, ask what the next steps are and when you can expect to hear back, and ask whether they would like to connect on LinkedIn.' }),
      h('div', { class: 'row' }, field('di-starts_at', 'Starts', f.starts_at), field('di-ends_at', 'Ends', f.ends_at)),
      field('di-format', 'Format', f.format),
      h('fieldset', { class: 'field' }, h('legend', { text: 'Interviewers' }), rows,
        h('button', { type: 'button', class: 'small', text: 'Add an interviewer', onclick: addPerson }),
        h('p', { class: 'help', text: 'Only interviewers who said yes get a LinkedIn request reminder.' })),
      field('di-went', 'How it went', f.went),
      field('di-next_steps', 'Next steps they named', f.next_steps),
      field('di-expected_reply_by', 'They said they would reply by', f.expected_reply_by, { help: 'Check-ins wait until the day after.' }),
      h('div', { class: 'field' }, h('label', { class: 'check' }, f.physical_note, ' Plan a printed thank-you note')),
      h('p', { class: 'field-error', id: 'di-form-error', role: 'alert', hidden: true }),
      h('div', { class: 'form-actions' },
        h('button', { type: 'button', text: 'Cancel', onclick: () => replace(this.interviewSlot) }),
        h('button', { type: 'submit', class: 'primary', id: 'di-save', text: iv ? 'Save interview' : 'Log interview' })));
    if (record.contacts.length === 0) addPerson();
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearFieldErrors(form);
      const interviewers = [];
      const index = [];
      people.forEach((p, i) => { const v = p.read(); if (v) { interviewers.push(v); index.push(i); } });
      const body = {
        id: iv?.id ?? null,
        starts_at: f.starts_at.value, ends_at: f.ends_at.value, format: f.format.value,
        went: f.went.value || null, next_steps: f.next_steps.value, expected_reply_by: f.expected_reply_by.value || null,
        physical_note: f.physical_note.checked, interviewers,
      };
      try {
        const view = await api.saveInterview(this.id, body);
        await this.saved(iv ? 'Interview saved' : 'Interview logged: your thank-you follow-ups are ready', view);
      } catch (ex) {
        // The backend names interviewers by their place in what was sent; map back to the rows.
        const m = ex.field?.match(/^interviewers\.(\d+)\.(.+)$/);
        if (m) ex.field = `interviewers.${index[Number(m[1])]}.${m[2]}`;
        showError('di-', ex, 'di-form');
      }
    });
    replace(this.interviewSlot, form);
    form.scrollIntoView({ block: 'nearest' });
    f.starts_at.focus();
  }

  async deleteInterview(iv) {
    if (!window.confirm(`Delete the interview of ${when(iv.starts_at)}? Its follow-ups go with it.`)) return;
    try { await this.saved('Interview deleted', await api.deleteInterview(this.id, iv.id)); } catch (e) { this.notify(e.message, { error: true }); }
  }

  // ---- contacts ----------------------------------------------------------------

  contactsSection() {
    const { record } = this.data;
    this.contactSlot = h('div', { class: 'form-slot' });
    return listSection({ id: 'd-ct', title: 'Contacts', slot: this.contactSlot, empty: 'No contact yet.',
      add: h('button', { type: 'button', class: 'small', id: 'd-add-contact', text: 'Add a contact', onclick: () => this.contactForm(null) }),
      items: record.contacts.map((c) => h('li', { class: 'ct-item', dataset: { contactId: c.id } },
          h('div', {},
            h('div', { class: 'what', text: c.name + (c.title ? ` · ${c.title}` : '') }),
            h('div', { class: 'who', text: [c.email, `LinkedIn: ${CONSENT.find(([v]) => v === c.linkedin_consent)?.[1].toLowerCase()}`].filter(Boolean).join(' · ') })),
          h('div', { class: 'row-actions' },
            h('button', { type: 'button', class: 'small', text: 'Edit', 'aria-label': `Edit ${c.name}`, onclick: () => this.contactForm(c) }),
            h('button', { type: 'button', class: 'small danger', text: 'Delete', 'aria-label': `Delete ${c.name}`, onclick: () => this.deleteContact(c) })))) });
  }

  contactForm(c) {
    const f = {
      name: input(c?.name, { required: true }),
      title: input(c?.title),
      email: input(c?.email, { type: 'email' }),
      linkedin_url: input(c?.linkedin_url, { type: 'url', placeholder: 'https://www.linkedin.com/in/…' }),
      linkedin_consent: select(CONSENT, c?.linkedin_consent ?? 'not_asked'),
    };
    const form = h('form', { class: 'detail-form boxed', novalidate: true, id: 'dc-form' },
      h('h4', { text: c ? `Edit ${c.name}` : 'Add a contact' }),
      h('div', { class: 'row' }, field('dc-name', 'Name', f.name), field('dc-title', 'Title', f.title)),
      field('dc-email', 'E-mail', f.email),
      field('dc-linkedin_url', 'LinkedIn URL', f.linkedin_url),
      field('dc-linkedin_consent', 'Agreed to connect on LinkedIn', f.linkedin_consent, { help: 'Ask at the end of the interview; a request goes only to those who said yes.' }),
      h('p', { class: 'field-error', id: 'dc-form-error', role: 'alert', hidden: true }),
      h('div', { class: 'form-actions' },
        h('button', { type: 'button', text: 'Cancel', onclick: () => replace(this.contactSlot) }),
        h('button', { type: 'submit', class: 'primary', text: c ? 'Save contact' : 'Add contact' })));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearFieldErrors(form);
      if (!f.name.value.trim()) return showFieldError('dc-name', 'Name is required.');
      const contact = { id: c?.id ?? null, ...Object.fromEntries(Object.entries(f).map(([k, el]) => [k, el.value])) };
      try { await this.saved(c ? 'Contact saved' : 'Contact added', await api.saveContact(this.id, contact)); } catch (ex) { showError('dc-', ex, 'dc-form'); }
    });
    replace(this.contactSlot, form);
    f.name.focus();
  }

  async deleteContact(c) {
    if (!window.confirm(`Delete ${c.name}? They are removed from every interview of this application.`)) return;
    try { await this.saved(`${c.name} deleted`, await api.deleteContact(this.id, c.id)); } catch (e) { this.notify(e.message, { error: true }); }
  }

  // ---- timeline and replies ------------------------------------------------------

  timelineSection() {
    const { record } = this.data;
    this.replySlot = h('div', { class: 'form-slot' });
    const events = timeline(record);
    return h('section', { class: 'detail-section', 'aria-labelledby': 'd-tl-title' },
      h('div', { class: 'section-head' },
        h('h3', { id: 'd-tl-title', text: 'Timeline' }),
        h('button', { type: 'button', class: 'small', id: 'd-log-reply', text: 'Log a reply', onclick: () => this.replyForm() })),
      this.replySlot,
      h('ol', { class: 'timeline' }, events.map((ev) => h('li', { class: `tl-${ev.kind}` },
        h('time', { datetime: ev.at, text: when(ev.at) }),
        h('div', { class: 'what', text: ev.title }),
        ev.checkIn ? this.checkInChannel(ev.checkIn) : null,
        ev.detail ? h('div', { class: 'tl-body', text: ev.detail }) : null))));
  }

  /** "How": the channel of a recorded check-in, changeable. */
  checkInChannel({ key, channel }) {
    const sel = select(CHANNELS, channel);
    sel.classList.add('small');
    sel.setAttribute('aria-label', 'How you checked in');
    sel.addEventListener('change', async () => {
      try {
        await api.setSentChannel(this.id, key, sel.value);
        await this.saved('Saved how you checked in.');
      } catch (e) {
        this.notify(e.message, { error: true });
      }
    });
    return h('label', { class: 'tl-how' }, 'How: ', sel);
  }

  replyForm() {
    const { record, now } = this.data;
    const f = {
      at: input(toLocalInput(new Date(now)), { type: 'datetime-local', required: true }),
      channel: select(CHANNELS, 'email'),
      contact_id: select([['', 'Someone at the company'], ...record.contacts.map((c) => [c.id, c.name])], ''),
      body: h('textarea', { rows: 4, placeholder: 'What they said' }),
    };
    const form = h('form', { class: 'detail-form boxed', novalidate: true, id: 'dr-form' },
      h('h4', { text: 'Log a reply' }),
      h('p', { class: 'help', text: 'A reply restarts the check-in clock: the next check-in waits a full cadence from it.' }),
      h('div', { class: 'row' }, field('dr-at', 'Received', f.at), field('dr-channel', 'By', f.channel)),
      field('dr-contact_id', 'From', f.contact_id),
      field('dr-body', 'Message', f.body),
      h('p', { class: 'field-error', id: 'dr-form-error', role: 'alert', hidden: true }),
      h('div', { class: 'form-actions' },
        h('button', { type: 'button', text: 'Cancel', onclick: () => replace(this.replySlot) }),
        h('button', { type: 'submit', class: 'primary', text: 'Log reply' })));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearFieldErrors(form);
      const reply = { at: f.at.value, channel: f.channel.value, contact_id: f.contact_id.value || null, body: f.body.value };
      try { await this.saved('Reply logged', await api.logReply(this.id, reply)); } catch (ex) { showError('dr-', ex, 'dr-form'); }
    });
    replace(this.replySlot, form);
    f.body.focus();
  }
}
