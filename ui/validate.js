// The add-application checks, run as the user submits (the backend checks
// again). Pure: unit-tested with node --test.

/** Returns null when fine, else {field, message} for the first problem. */
export function checkApplication(input) {
  if (!input.company?.trim()) return { field: 'company', message: 'Company is required.' };
  if (!input.role?.trim()) return { field: 'role', message: 'Role is required.' };
  const url = input.job_url?.trim();
  if (url && !isWebUrl(url))
    return { field: 'job_url', message: 'Job URL must be a web address starting with http:// or https://.' };
  return null;
}

export function isWebUrl(s) {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}
