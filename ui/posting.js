// What "Fill from the posting" puts in the Add form, and the one line it
// says beside the URL. Pure: unit-tested with node --test (tests/ui/posting.test.mjs).

/** The form fields a posting fills, by the names the backend sends. */
export const FILLED = ['company', 'role', 'location', 'source', 'job_url'];

/** {field: value} for what the posting says; what it does not say is left as typed. */
export function fillValues(found) {
  return Object.fromEntries(FILLED.filter((k) => typeof found?.[k] === 'string' && found[k].trim()).map((k) => [k, found[k]]));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-11-03" → "3 Nov 2026": a calendar date, never shifted through UTC. */
export function postedOn(date) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** The line shown after a fill: where it came from, what is missing, what to do. */
export function filledMessage(found) {
  const posted = postedOn(found?.date_posted);
  const from = found?.structured ? 'Filled from the posting' : "Filled from the page's title";
  const missing = ['company', 'role'].filter((k) => !fillValues(found)[k]);
  const gap = missing.length ? ` It does not say the ${missing.join(' or the ')}.` : '';
  return `${from}${posted ? ` (posted ${posted})` : ''}.${gap} Check the fields, then Add.`;
}
