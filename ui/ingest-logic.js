// Invitations and emails in (issue 14): what needs no window — which dropped
// files are ours, whether pasted text is an invitation, the one-line
// summaries of what each file did, and the "your addresses" setting.

/** Dropped files the table import (issue 13) takes: left to it. */
const TABLE_FILES = /\.(csv|tsv|xlsx|xls|ods)$/i;

/** The dropped paths this feature handles: every one the table import does not. */
export function ingestPaths(paths) {
  return (paths ?? []).filter((p) => typeof p === 'string' && p !== '' && !TABLE_FILES.test(p));
}

/** True when pasted text is an iCalendar object with an event. */
export function looksLikeCalendar(text) {
  const t = String(text ?? '').replace(/^\uFEFF/, '').trimStart();
  return /^BEGIN:VCALENDAR/i.test(t) && /BEGIN:VEVENT/i.test(t);
}

export function basename(path) {
  return String(path).split(/[\\/]/).pop();
}

const hhmm = (iso) => new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
const dayTime = (iso) => new Intl.DateTimeFormat(undefined, {
  weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false,
}).format(new Date(iso));
const FORMAT = { video: 'video', phone: 'phone', onsite: 'on-site' };
const CHANGE = { new: 'Interview logged', moved: 'Interview moved', cancelled: 'Interview cancelled' };

/**
 * What one report says, as {state, text}: `done`, `unmatched` (the user
 * picks the application) or `error` (refused, nothing written).
 */
export function summarize(r) {
  const name = basename(r.file);
  if (r.error) return { state: 'error', text: `${name}: ${r.error}` };
  if (!r.application_id) {
    const what = r.kind === 'invitation' ? 'This invitation' : 'This email';
    return { state: 'unmatched', text: `${name}: ${what} matches none of your applications. Which one is it about?` };
  }
  const parts = [];
  const iv = r.interview;
  if (iv) {
    const when = iv.change === 'cancelled' ? dayTime(iv.starts_at) : `${dayTime(iv.starts_at)}–${hhmm(iv.ends_at)}`;
    parts.push(`${CHANGE[iv.change]} for ${r.company}: ${when} (${FORMAT[iv.format] ?? iv.format})`);
  }
  const m = r.message;
  if (m) {
    const subject = m.subject ? ` “${m.subject}”` : '';
    parts.push(`${m.direction === 'sent' ? 'Sent email' : 'Reply'}${subject} logged for ${r.company}`);
    if (m.followup_key?.startsWith('thank_you_email:')) parts.push('its thank-you is marked as sent');
  }
  const n = r.contacts_added?.length ?? 0;
  if (n) parts.push(`${n} new contact${n === 1 ? '' : 's'} (${r.contacts_added.map((c) => c.name).join(', ')})`);
  return { state: 'done', text: parts.join('; ') || `${name}: nothing to log` };
}

/** The question a status proposal asks. */
export function proposalText(r, p) {
  const to = p.to === 'rejected' ? 'Rejected' : p.to;
  return `This looks like a rejection: move ${r.company} to ${to}?`;
}

/**
 * The "your email addresses" field: one per line or separated by commas or
 * spaces. Returns [list, null] or [null, message].
 */
export function parseEmails(text) {
  const list = String(text ?? '').split(/[\s,;]+/).map((s) => s.trim().toLowerCase()).filter(Boolean);
  const bad = list.find((e) => !/^[^@\s]+@[^@\s.][^@\s]*\.[^@\s]*[^@\s.]$/.test(e));
  if (bad) return [null, `“${bad}” is not an email address like you@example.org.`];
  return [[...new Set(list)], null];
}
