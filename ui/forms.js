// Inline form errors: the message goes right under the field that caused it
// (`#<field>-error`), the field is marked invalid and focused. What the user
// typed is never cleared.
import { $, $$ } from './dom.js';

export function showFieldError(fieldId, message) {
  const err = $(`#${fieldId}-error`);
  const input = $(`#${fieldId}`) ?? $(`#${fieldId}-from`);
  if (err) { err.textContent = message; err.hidden = false; }
  if (input) { input.setAttribute('aria-invalid', 'true'); input.focus(); }
}

export function clearFieldErrors(root) {
  for (const e of $$('.field-error', root)) { e.hidden = true; e.textContent = ''; }
  for (const i of $$('[aria-invalid]', root)) i.removeAttribute('aria-invalid');
}

/** Shows every problem of a form at once ({field, message} with ids `${prefix}${field}`); focus goes to the first. */
export function showFieldErrors(prefix, problems) {
  for (const p of [...problems].reverse()) showFieldError(`${prefix}${p.field}`, p.message);
}
