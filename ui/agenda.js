// The Today view: overdue, due today and upcoming follow-ups, each with
// done / skip / snooze.
import { h, replace } from './dom.js';
import { actionOf, dueLabel, dueState, groupAgenda } from './format.js';
import { isNoAnswer, noAnswerButtons } from './no-answer.js';

const SECTIONS = [
  ['overdue', 'Overdue', 'Nothing overdue. Well done.'],
  ['today', 'Today', 'Nothing else due today.'],
  ['upcoming', 'Upcoming', 'Nothing scheduled yet: log an interview or an application to get reminders.'],
];

export function renderAgenda(root, agenda, { onActions }) {
  const groups = groupAgenda(agenda.items, agenda.now);
  replace(root, SECTIONS.map(([id, title, none]) => {
    const items = groups[id];
    return h('section', { 'aria-labelledby': `agenda-${id}` },
      h('h2', { id: `agenda-${id}` }, title, h('span', { class: 'n', text: String(items.length) })),
      items.length === 0
        ? h('p', { class: 'nothing', text: none })
        : h('ul', { class: 'agenda', dataset: { group: id } }, items.map((f) => item(f, agenda.now, onActions))));
  }));
}

function item(f, now, onActions) {
  const state = dueState(f.due_at, now);
  const more = h('button', {
    type: 'button', class: 'small', 'aria-haspopup': 'menu', 'aria-expanded': 'false',
    'aria-label': `More actions for ${f.company}`, text: 'Snooze…',
  });
  more.addEventListener('click', () => onActions.menu(f, more));
  return h('li', { class: 'agenda-item', dataset: { key: f.key, applicationId: f.application_id } },
    h('div', { class: `when ${state}`, text: dueLabel(f.due_at, now) + (f.snoozed ? ' (snoozed)' : '') }),
    h('div', {},
      // The action opens the note editor on this follow-up (editor.js).
      h('button', {
        type: 'button', class: 'what open-editor', text: actionOf(f.kind),
        title: f.kind === 'pre_interview' ? 'Open the checklist' : 'Write the message',
        // R9's question has nothing to write: its title opens the application.
        ...(isNoAnswer(f)
          ? { title: 'Open the application', onclick: () => onActions.details(f) }
          : { onclick: () => document.dispatchEvent(new CustomEvent('open-followup', { detail: { key: f.key } })) }),
      }),
      h('div', { class: 'who', text: f.contact_name ? `${f.contact_name} · ${f.company}` : f.company })),
    h('div', { class: 'actions' },
      ...(isNoAnswer(f)
        ? noAnswerButtons(f, onActions.noAnswer)
        : [h('button', { type: 'button', class: 'small', text: 'Done', 'aria-label': `Mark done: ${actionOf(f.kind)}, ${f.company}`, onclick: () => onActions.done(f) }),
          h('button', { type: 'button', class: 'small', text: 'Skip', 'aria-label': `Skip: ${actionOf(f.kind)}, ${f.company}`, onclick: () => onActions.skip(f) })]),
      more));
}
