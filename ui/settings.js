// The settings form: every number of the cadence rules, checked where it is
// typed (a check-in cadence below 7 days is refused with the reason).
import { api } from './api.js';
import { $ } from './dom.js';
import { showFieldError, clearFieldErrors } from './forms.js';
import { parseEmails } from './ingest-logic.js';

const form = () => $('#settings-form');

export async function loadSettings() {
  const s = await api.getSettings();
  $('#s-cadence').value = s.checkin_cadence_days;
  $('#s-quiet-from').value = s.quiet_hours[0];
  $('#s-quiet-to').value = s.quiet_hours[1];
  $('#s-note').checked = s.physical_note_default;
  $('#s-pre').value = s.pre_interview_minutes;
  $('#s-no-answer').value = s.no_answer_after_checkins;
  $('#s-emails').value = (s.my_emails ?? []).join('\n');
}

/** Rule R9's setting as typed: [n, null] or [null, message in the user's words]. */
export function checkNoAnswer(text) {
  const n = Number(text);
  if (String(text).trim() === '' || !Number.isInteger(n)) return [null, 'Enter a whole number of check-ins, from 2 to 10.'];
  if (n < 2) return [null, 'At least 2: one unanswered check-in is not silence yet, people are busy. Three is the usual advice.'];
  if (n > 10) return [null, 'At most 10: after that many unanswered check-ins, more only reads as pushy.'];
  return [n, null];
}

/** Reads the form; returns [settings, null] or [null, {field, message}]. */
export function readSettings() {
  const cadence = Number($('#s-cadence').value);
  if (!Number.isInteger(cadence) || $('#s-cadence').value.trim() === '')
    return [null, { field: 's-cadence', message: 'Enter a whole number of days.' }];
  if (cadence < 7)
    return [null, { field: 's-cadence', message: 'At least 7 days: checking in more than once a week reads as pushy. Every 14 days is the usual advice.' }];
  const pre = Number($('#s-pre').value);
  if (!Number.isInteger(pre) || pre < 0 || pre > 1440)
    return [null, { field: 's-pre', message: 'Enter minutes between 0 and 1440.' }];
  const [noAnswer, noAnswerProblem] = checkNoAnswer($('#s-no-answer').value);
  if (noAnswerProblem) return [null, { field: 's-no-answer', message: noAnswerProblem }];
  const from = $('#s-quiet-from').value, to = $('#s-quiet-to').value;
  if (!from || !to) return [null, { field: 's-quiet', message: 'Enter both times, like 21:00 and 08:00.' }];
  const [emails, badEmail] = parseEmails($('#s-emails').value);
  if (badEmail) return [null, { field: 's-emails', message: badEmail }];
  return [{
    checkin_cadence_days: cadence,
    quiet_hours: [from, to],
    physical_note_default: $('#s-note').checked,
    pre_interview_minutes: pre,
    no_answer_after_checkins: noAnswer,
    my_emails: emails,
  }, null];
}

export function wireSettings({ changed }) {
  form().addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(form());
    $('#settings-saved').textContent = '';
    const [settings, err] = readSettings();
    if (err) return showFieldError(err.field, err.message);
    try {
      await api.saveSettings(settings);
      $('#settings-saved').textContent = 'Saved. Follow-ups were rescheduled.';
      changed();
    } catch (ex) {
      const field = { checkin_cadence_days: 's-cadence', pre_interview_minutes: 's-pre', quiet_hours: 's-quiet', no_answer_after_checkins: 's-no-answer', my_emails: 's-emails' }[ex.field] ?? 's-cadence';
      showFieldError(field, ex.message);
    }
  });
}
