// The settings form: every number of the cadence rules, checked where it is
// typed (a check-in cadence below 7 days is refused with the reason).
import { api } from './api.js';
import { $ } from './dom.js';
import { showFieldError, showFieldErrors, clearFieldErrors } from './forms.js';
import { parseEmails } from './ingest-logic.js';

const form = () => $('#settings-form');

export async function loadSettings() {
  const [s, name] = await Promise.all([api.getSettings(), api.yourName()]);
  $('#s-name').value = name ?? '';
  $('#s-cadence').value = s.checkin_cadence_days;
  $('#s-quiet-from').value = s.quiet_hours[0];
  $('#s-quiet-to').value = s.quiet_hours[1];
  $('#s-note').checked = s.physical_note_default;
  $('#s-pre').value = s.pre_interview_minutes;
  $('#s-no-answer').value = s.no_answer_after_checkins;
  $('#s-emails').value = (s.my_emails ?? []).join('\n');
  form().dispatchEvent(new Event('settings-loaded'));
}

/** Rule R9's setting as typed: [n, null] or [null, message in the user's words]. */
export function checkNoAnswer(text) {
  const n = wholeNumber(text);
  if (n === null) return [null, 'Enter a whole number of check-ins, from 2 to 10.'];
  if (n < 2) return [null, 'At least 2: one unanswered check-in is not silence yet, people are busy. Three is the usual advice.'];
  if (n > 10) return [null, 'At most 10: after that many unanswered check-ins, more only reads as pushy.'];
  return [n, null];
}

/** A whole number as typed: digits only ("1e1", "10.0", "+10" are refused, not read as 10). */
export function wholeNumber(text) {
  const t = String(text ?? '').trim();
  return /^\d{1,6}$/.test(t) ? Number(t) : null;
}

/** "21:00" (or "9:00") as "HH:MM", or null: "25:00" and "21:60" are not times. */
export function parseTime(text) {
  const m = /^(\d{1,2}):(\d{2})$/.exec(String(text ?? '').trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  return `${m[1].padStart(2, '0')}:${m[2]}`;
}

/** What quiet hours from `from` to `to` mean, said under the fields. */
export function quietHoursNote(from, to) {
  if (from && from === to) return `From ${from} to ${to} means no quiet hours: reminders may come at any hour.`;
  if (from && to) return `No reminders from ${from} to ${to}${from > to ? ' the next morning' : ''}: ones that fall due then are shown at ${to}. Due times do not change.`;
  return 'Reminders that fall due in quiet hours are shown when they end. Due times do not change.';
}

/** Reads the form; returns [settings, []] or [null, every problem as {field, message}]. */
export function readSettings(values = {
  cadence: $('#s-cadence').value, pre: $('#s-pre').value, from: $('#s-quiet-from').value, to: $('#s-quiet-to').value,
  noAnswer: $('#s-no-answer').value, emails: $('#s-emails').value,
}) {
  const problems = [];
  const cadence = wholeNumber(values.cadence);
  if (cadence === null) problems.push({ field: 's-cadence', message: 'Enter a whole number of days, like 14.' });
  else if (cadence < 7) problems.push({ field: 's-cadence', message: 'At least 7 days: checking in more than once a week reads as pushy. Every 14 days is the usual advice.' });
  else if (cadence > 365) problems.push({ field: 's-cadence', message: 'At most 365 days.' });
  const from = parseTime(values.from), to = parseTime(values.to);
  if (!from || !to) problems.push({ field: 's-quiet', message: 'Enter both times as hours and minutes between 00:00 and 23:59, like 21:00 and 08:00.' });
  const pre = wholeNumber(values.pre);
  if (pre === null) problems.push({ field: 's-pre', message: 'Enter a whole number of minutes, like 60.' });
  else if (pre > 1440) problems.push({ field: 's-pre', message: 'At most 1440 minutes (a day) before.' });
  // R9's number and your addresses (given with the form; a caller that leaves them out leaves them as they are).
  const extra = {};
  if (values.noAnswer !== undefined) {
    const [n, problem] = checkNoAnswer(values.noAnswer);
    if (problem) problems.push({ field: 's-no-answer', message: problem });
    else extra.no_answer_after_checkins = n;
  }
  if (values.emails !== undefined) {
    const [emails, bad] = parseEmails(values.emails);
    if (bad) problems.push({ field: 's-emails', message: bad });
    else extra.my_emails = emails;
  }
  if (problems.length) return [null, problems];
  return [{ checkin_cadence_days: cadence, quiet_hours: [from, to], physical_note_default: values.note ?? $('#s-note').checked, pre_interview_minutes: pre, ...extra }, []];
}

export function wireSettings({ changed }) {
  const note = () => { $('#s-quiet-help').textContent = quietHoursNote(parseTime($('#s-quiet-from').value), parseTime($('#s-quiet-to').value)); };
  for (const id of ['#s-quiet-from', '#s-quiet-to']) $(id).addEventListener('input', note);
  form().addEventListener('settings-loaded', note);
  form().addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(form());
    $('#settings-saved').textContent = '';
    const [settings, problems] = readSettings();
    if (problems.length) return showFieldErrors('', problems);
    try {
      await api.saveSettings(settings);
      try {
        $('#s-name').value = (await api.setYourName($('#s-name').value)) ?? '';
      } catch (ex) {
        return showFieldError('s-name', ex.message);
      }
      $('#settings-saved').textContent = 'Saved. Follow-ups were rescheduled.';
      changed();
    } catch (ex) {
      const field = { checkin_cadence_days: 's-cadence', pre_interview_minutes: 's-pre', quiet_hours: 's-quiet', no_answer_after_checkins: 's-no-answer', my_emails: 's-emails' }[ex.field] ?? 's-cadence';
      showFieldError(field, ex.message);
    }
  });
}
