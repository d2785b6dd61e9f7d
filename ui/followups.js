// Done / skip / snooze for one follow-up, shared by the board cards, the
// detail panel and the Today view so that all three behave the same. Every
// action says what really happened (the backend answers with the next
// check-in) and offers Undo.
import { api } from './api.js';
import { openMenu } from './menu.js';
import { dayLabel, dueLabel, who } from './format.js';
import { actionOf } from './labels.js';
import { $ } from './dom.js';
import { isNoAnswer, keepWaiting } from './no-answer.js';

/**
 * The toast after `decision` ('done' | 'skipped' | 'snoozed' | 'sent' | 'delivered')
 * on `f`, from the backend's outcome: what moved, never a guess.
 */
export function outcomeText(f, decision, outcome, now) {
  const next = outcome.next_check_in
    ? ` Next check-in: ${dayLabel(outcome.next_check_in, now)}.`
    : '';
  const checkIn = f.kind === 'check_in';
  switch (decision) {
    case 'done':
      return checkIn
        ? `Check-in recorded as sent just now.${next || ' No further check-in is planned.'}`
        : `Done: ${actionOf(f.kind)} – ${who(f)}.`;
    case 'skipped':
      return checkIn ? `Check-in skipped.${next || ' No further check-in is planned.'}` : `Skipped for ${who(f)}.`;
    case 'snoozed':
      return `Snoozed until ${dueLabel(outcome.snoozed_until, now).replace(/^Today/, 'today').replace(/^Tomorrow/, 'tomorrow')}.`;
    case 'sent':
      return `Marked as sent.${next}`;
    case 'delivered':
      return `Marked as delivered.${next}`;
    default:
      return 'Done.';
  }
}

/** The Undo button of a toast after an action that returned `outcome`. */
export function undoAction(f, outcome, changed, notify) {
  return {
    label: 'Undo',
    run: async () => {
      try {
        const undone = await api.undoFollowup(f.key, outcome.message_id ?? null);
        notify(`Undone: ${actionOf(f.kind)} – ${who(f)} is open again.`);
        changed(undone);
      } catch (e) {
        notify(e.message, { error: true });
        changed();
      }
    },
  };
}

/**
 * Done or Skip on `f`, then a toast that says what changed, with Undo.
 * `changed(outcome)` gets the store's answer (with the application's card,
 * issue 17); `changed()` with nothing after a refusal, when what is shown may be stale.
 */
export async function decideFollowup(f, decision, { changed, notify }) {
  let outcome;
  try {
    outcome = await api.decide(f.key, decision);
    notify(outcomeText(f, decision, outcome, new Date()), { action: undoAction(f, outcome, changed, notify) });
  } catch (e) {
    notify(e.message, { error: true });
  }
  changed(outcome);
}

async function snoozeWith(f, until, ctx) {
  const outcome = await api.snooze(f.key, until);
  ctx.notify(outcomeText(f, 'snoozed', outcome, new Date()), { action: undoAction(f, outcome, ctx.changed, ctx.notify) });
  ctx.changed(outcome);
}

/**
 * Opens the actions menu for follow-up `f` beside `anchor`; `changed()` runs
 * after any change. Only the snoozes that postpone it are offered (DESIGN R7).
 * `ctx.snoozeOnly`: just the snooze choices.
 */
export async function followupMenu(anchor, f, ctx) {
  let choices;
  try {
    choices = await api.snoozeChoices(f.key);
  } catch (e) {
    ctx.notify(e.message, { error: true });
    ctx.changed();
    return;
  }
  const run = (until) => snoozeWith(f, until, ctx).catch((e) => ctx.notify(e.message, { error: true }));
  const now = new Date();
  const snoozes = [];
  if (choices.hour) snoozes.push({ label: 'Snooze 1 hour', onSelect: () => run({ preset: 'hour' }) });
  if (choices.tomorrow) {
    snoozes.push({ label: `Snooze until tomorrow morning (${dueLabel(choices.tomorrow, now).replace(/^Tomorrow /, '')})`, onSelect: () => run({ preset: 'tomorrow' }) });
  }
  snoozes.push({ label: 'Snooze until…', onSelect: () => chooseSnooze(f, choices, ctx) });
  // R9's question has nothing to write or mark done: keep waiting, or close
  // it (main.js moves the card on `close-no-answer`, with the move's Undo).
  const actions = isNoAnswer(f) ? [
    { label: 'Keep waiting', onSelect: () => keepWaiting(f, ctx) },
    { label: 'Close: move to No answer (archive)', onSelect: () => document.dispatchEvent(new CustomEvent('close-no-answer', { detail: { id: f.application_id } })) },
  ] : [
    { label: 'Mark as done', onSelect: () => decideFollowup(f, 'done', ctx) },
    { label: 'Skip', onSelect: () => decideFollowup(f, 'skipped', ctx) },
    'separator',
    { label: f.kind === 'pre_interview' ? 'Open the checklist…' : 'Write the message…', onSelect: () => document.dispatchEvent(new CustomEvent('open-followup', { detail: { key: f.key } })) },
  ];
  // The question's two answers come first; elsewhere the snoozes do (Write is last).
  const items = isNoAnswer(f) ? [...actions, 'separator', ...snoozes] : [...snoozes, 'separator', ...actions];
  // Today's "Snooze…": its item has its own Write, Done and Skip buttons.
  if (ctx.snoozeOnly) openMenu(anchor, snoozes, `Snooze ${who(f)}`);
  else openMenu(anchor, items, `Follow-up actions for ${who(f)}`);
}

/** `YYYY-MM-DDTHH:MM` of a local date-time the backend sends as `YYYY-MM-DDTHH:MM:SS`. */
const minutes = (naive) => naive.slice(0, 16);

function chooseSnooze(f, choices, ctx) {
  const dialog = $('#snooze-dialog'), form = $('#snooze-form'), input = $('#snooze-at'), err = $('#snooze-error');
  $('#snooze-what').textContent = `${actionOf(f.kind)}: ${who(f)} · now due ${dueLabel(choices.due_at, new Date())}`;
  // Pre-filled later than it is due now: a snooze only postpones.
  input.value = minutes(choices.suggested);
  input.min = minutes(choices.earliest);
  input.max = `${choices.latest}T23:59`;
  err.hidden = true;
  input.removeAttribute('aria-invalid');
  form.onsubmit = async (e) => {
    e.preventDefault();
    try {
      await snoozeWith(f, { preset: 'at', local: input.value }, ctx);
      dialog.close();
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
