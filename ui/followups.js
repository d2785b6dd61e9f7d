// Done / skip / snooze for one follow-up, shared by the board cards and the
// Today view so that both behave the same.
import { api } from './api.js';
import { openMenu } from './menu.js';
import { actionOf, toLocalInput, who } from './format.js';
import { $ } from './dom.js';

/**
 * Opens the actions menu for follow-up `f` beside `anchor`; `changed()` runs
 * after any change. `snoozeOnly`: just the snooze choices (Today's "Snooze…",
 * whose item has its own Write, Done and Skip buttons).
 */
export function followupMenu(anchor, f, { changed, notify, snoozeOnly = false }) {
  const run = async (label, p) => {
    try { await p; notify(label); changed(); } catch (e) { notify(e.message, { error: true }); }
  };
  const items = [
    { label: f.kind === 'pre_interview' ? 'Open the checklist…' : 'Write the message…', onSelect: () => document.dispatchEvent(new CustomEvent('open-followup', { detail: { key: f.key } })) },
    'separator',
    { label: 'Mark as done', onSelect: () => run(`Done: ${actionOf(f.kind)} – ${who(f)}`, api.decide(f.key, 'done')) },
    { label: 'Skip', onSelect: () => run(`Skipped for ${who(f)}`, api.decide(f.key, 'skipped')) },
    'separator',
    { label: 'Snooze 1 hour', onSelect: () => run('Snoozed for an hour', api.snooze(f.key, { preset: 'hour' })) },
    { label: 'Snooze until tomorrow morning', onSelect: () => run('Snoozed until tomorrow morning', api.snooze(f.key, { preset: 'tomorrow' })) },
    { label: 'Snooze until…', onSelect: () => chooseSnooze(f, { changed, notify }) },
  ];
  if (snoozeOnly) openMenu(anchor, items.slice(items.lastIndexOf('separator') + 1), `Snooze ${who(f)}`);
  else openMenu(anchor, items, `Follow-up actions for ${who(f)}`);
}

function chooseSnooze(f, { changed, notify }) {
  const dialog = $('#snooze-dialog'), form = $('#snooze-form'), input = $('#snooze-at'), err = $('#snooze-error');
  $('#snooze-what').textContent = `${actionOf(f.kind)}: ${who(f)}`;
  const tomorrow = new Date(Date.now() + 86_400_000);
  tomorrow.setHours(9, 0, 0, 0);
  input.value = toLocalInput(tomorrow);
  err.hidden = true;
  input.removeAttribute('aria-invalid');
  form.onsubmit = async (e) => {
    e.preventDefault();
    try {
      await api.snooze(f.key, { preset: 'at', local: input.value });
      dialog.close();
      notify('Snoozed');
      changed();
    } catch (ex) {
      err.textContent = ex.message;
      err.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }
  };
  $('#snooze-cancel').onclick = () => dialog.close();
  dialog.showModal();
  input.focus();
}
