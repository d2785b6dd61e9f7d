// The Today view: overdue, due today and upcoming follow-ups, each with
// done / skip / snooze.
import { h, replace } from './dom.js';
import { rememberFocus, restoreFocus } from './focus.js';
import { dueLabel, dueState, groupAgenda, who } from './format.js';
import { actionOf } from './labels.js';
import { isNoAnswer, noAnswerButtons } from './no-answer.js';

const SECTIONS = [
  ['overdue', 'Overdue', 'Nothing overdue. Well done.'],
  ['today', 'Today', 'Nothing else due today.'],
  ['upcoming', 'Upcoming', 'Nothing scheduled yet: log an interview or an application to get reminders.'],
];

export function renderAgenda(root, agenda, { onActions }) {
  const groups = groupAgenda(agenda.items, agenda.now);
  // Done, Skip, a sent message or a notification's Open re-render the list: focus stays on the item, or its neighbour.
  const focus = rememberFocus(root, '.agenda-item', 'key');
  replace(root, SECTIONS.map(([id, title, none]) => {
    const items = groups[id];
    return h('section', { 'aria-labelledby': `agenda-${id}` },
      h('h2', { id: `agenda-${id}` }, title, h('span', { class: 'n', text: String(items.length) })),
      items.length === 0
        ? h('p', { class: 'nothing', text: none })
        : h('ul', { class: 'agenda', dataset: { group: id } }, items.map((f) => item(f, agenda.now, onActions))));
  }));
  restoreFocus(focus, (key) => root.querySelector(`.agenda-item[data-key="${CSS.escape(key)}"]`));
}

/** What the editor button of follow-up `f` says, and its screen-reader label (naming the person). */
export function itemLabels(f) {
  const action = actionOf(f.kind);
  const whom = who(f);
  return {
    open: f.kind === 'pre_interview' ? 'Checklist…' : 'Write…',
    openLabel: `${f.kind === 'pre_interview' ? 'Open the checklist' : 'Write the message'}: ${action}, ${whom}`,
    done: `Mark done: ${action}, ${whom}`,
    skip: `Skip: ${action}, ${whom}`,
    snooze: `Snooze: ${action}, ${whom}`,
  };
}

/** The Today tab's count: what is due now (overdue or due today by now), not everything listed. */
export function dueCountLabel(n) {
  return { text: `${n} due`, label: `${n} follow-up${n === 1 ? '' : 's'} due now`, title: 'Due now: overdue or due by now today. Later ones are listed under Upcoming.' };
}

function item(f, now, onActions) {
  const state = dueState(f.due_at, now);
  const labels = itemLabels(f);
  const more = h('button', {
    type: 'button', class: 'small', 'aria-haspopup': 'menu', 'aria-expanded': 'false',
    'aria-label': labels.snooze, text: 'Snooze…', dataset: { part: 'snooze' },
  });
  more.addEventListener('click', () => onActions.menu(f, more));
  return h('li', { class: 'agenda-item', dataset: { key: f.key, applicationId: f.application_id } },
    h('div', { class: `when ${state}`, text: dueLabel(f.due_at, now) + (f.snoozed ? ' (snoozed)' : '') }),
    h('div', {},
      // R9's question has nothing to write: its title opens the application.
      isNoAnswer(f)
        ? h('button', { type: 'button', class: 'what open-details', text: actionOf(f.kind), title: 'Open the application', onclick: () => onActions.details(f) })
        : h('div', { class: 'what', text: actionOf(f.kind) }),
      h('div', { class: 'who', text: f.contact_name ? `${f.contact_name} · ${f.company}` : f.company })),
    h('div', { class: 'actions' },
      ...(isNoAnswer(f)
        ? noAnswerButtons(f, onActions.noAnswer)
        : [
          // The action opens the note editor on this follow-up (editor.js).
          h('button', {
            type: 'button', class: 'small primary open-editor', text: labels.open, 'aria-label': labels.openLabel, dataset: { part: 'open' },
            onclick: () => document.dispatchEvent(new CustomEvent('open-followup', { detail: { key: f.key } })),
          }),
          h('button', { type: 'button', class: 'small', text: 'Done', 'aria-label': labels.done, dataset: { part: 'done' }, onclick: () => onActions.done(f) }),
          h('button', { type: 'button', class: 'small', text: 'Skip', 'aria-label': labels.skip, dataset: { part: 'skip' }, onclick: () => onActions.skip(f) }),
        ]),
      more));
}
