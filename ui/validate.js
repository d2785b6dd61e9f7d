// The add-application checks, run as the user submits (the backend checks
// again). Pure: unit-tested with node --test.

/** Longest one-line value the backend takes (input.rs MAX_SHORT). */
const MAX_SHORT = 200;

const LABELS = { company: 'Company', role: 'Role', job_url: 'Job URL', location: 'Location', source: 'Source' };

/**
 * Every problem of the form at once, in the order of its fields: a list of
 * {field, message}, empty when fine. `today` (local `YYYY-MM-DD`) bounds
 * "Applied on".
 */
export function applicationProblems(input, { today = null } = {}) {
  const out = [];
  if (!input.company?.trim()) out.push({ field: 'company', message: 'Company is required.' });
  if (!input.role?.trim()) out.push({ field: 'role', message: 'Role is required.' });
  for (const [field, label] of Object.entries(LABELS)) {
    if ([...(input[field]?.trim() ?? '')].length > MAX_SHORT)
      out.push({ field, message: `${label} is too long (at most ${MAX_SHORT} characters).` });
  }
  const url = input.job_url?.trim();
  if (url && !out.some((p) => p.field === 'job_url') && !isWebUrl(withScheme(url)))
    out.push({ field: 'job_url', message: 'Job URL must be a web address starting with http:// or https://, like https://acme.example/jobs/1.' });
  const on = input.applied_on?.trim();
  if (on !== undefined && input.status !== 'wishlist') {
    if (on && !/^\d{4}-\d{2}-\d{2}$/.test(on)) out.push({ field: 'applied_on', message: 'Applied on is not a date.' });
    else if (on && today && on > today) out.push({ field: 'applied_on', message: 'Applied on cannot be in the future.' });
  }
  return out;
}

/** Returns null when fine, else {field, message} for the first problem. */
export function checkApplication(input, options) {
  return applicationProblems(input, options)[0] ?? null;
}

/**
 * A web address typed without its scheme ("acme.example/jobs/1") gets
 * `https://`, as input.rs does; one naming a scheme is left as typed (and
 * refused unless http or https). "localhost:8080" is a host and a port.
 */
export function withScheme(s) {
  const v = String(s ?? '').trim();
  if (!v || /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(v)) return v;
  return `https://${v}`;
}

export function isWebUrl(s) {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}
