// Pure logic of the note editor: mailto: URLs, the LinkedIn counter, gaps
// left in brackets, the autosave timer, print page sizes. No DOM here, so it
// is unit-tested with `node --test` (tests/ui/compose.test.mjs).

/** Drafts autosave this long after typing stops (the promise: within a second). */
export const AUTOSAVE_MS = 600;

/** LinkedIn refuses a connection note longer than this. */
export const LINKEDIN_LIMIT = 300;
/** Free accounts are held to this; above it the counter warns. */
export const LINKEDIN_FREE_LIMIT = 200;

/**
 * Percent-encodes one mailto component (RFC 6068 §2): every byte of the
 * UTF-8 form outside the unreserved characters and a few safe delimiters.
 * encodeURIComponent does exactly that and encodes space as %20, never as
 * `+` (a `+` means a plus sign in mailto).
 */
const enc = (s) => encodeURIComponent(s);

/** Line breaks in a mailto body are CRLF, encoded as %0D%0A (RFC 6068 §5). */
export const crlf = (s) => String(s ?? '').replace(/\r\n|\r|\n/g, '\r\n');

/**
 * `mailto:` URL for recipients `to` (array or string), `subject` and `body`.
 * An `@` may stay as is in an address; everything else that is not safe is
 * encoded, so `&`, `?`, `#`, `%` and `=` in a subject or body never cut the
 * URL short.
 */
export function mailtoUrl({ to = [], subject = '', body = '' } = {}) {
  const list = (Array.isArray(to) ? to : String(to).split(','))
    .map((a) => String(a).trim())
    .filter(Boolean)
    .map((a) => enc(a).replace(/%40/g, '@'));
  const fields = [];
  if (subject) fields.push(`subject=${enc(crlf(subject).replace(/\r\n/g, ' '))}`);
  if (body) fields.push(`body=${enc(crlf(body))}`);
  return `mailto:${list.join(',')}${fields.length ? `?${fields.join('&')}` : ''}`;
}

/**
 * How long a LinkedIn note is, as LinkedIn's form counts it.
 *
 * The note field is a web form with a 300 limit; a browser's `maxlength`
 * and a JavaScript `.length` counter both count UTF-16 code units. So: an
 * accented letter is 1 (composed to one code point first, NFC, as text is
 * typed on most systems), and an emoji outside the Basic Multilingual Plane
 * is 2. Counting that way never tells the user a note fits when the form
 * would cut it; at worst it warns one character early per emoji. Bytes are
 * never counted (an "é" is 2 bytes in UTF-8, but 1 here).
 */
export function linkedinLength(text) {
  return String(text ?? '').normalize('NFC').length;
}

/** 'ok' up to 200, 'warn' above (too long for a free account), 'over' above 300. */
export function linkedinState(text) {
  const n = linkedinLength(text);
  return n > LINKEDIN_LIMIT ? 'over' : n > LINKEDIN_FREE_LIMIT ? 'warn' : 'ok';
}

/**
 * Gaps left for the user, the same rule as the backend (templates.rs, both
 * tested on tests/fixtures/placeholders.json): `[`,
 * 1–80 characters on one line holding at least one letter, `]`. Offsets are
 * UTF-16 indices, ready for `textarea.setSelectionRange`.
 */
export function findPlaceholders(text) {
  const out = [];
  const re = /\[([^\[\]\r\n]{1,80})\]/gu;
  for (const m of String(text ?? '').matchAll(re)) {
    if (/\p{L}/u.test(m[1]) && [...m[1]].length <= 80) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/**
 * Calls `fn` once `ms` after the last `schedule()`. `flush()` runs a pending
 * call now (when the editor closes or the window hides), `cancel()` drops it.
 */
export function debounce(fn, ms, timers = globalThis) {
  let timer = null;
  let pending = null;
  const run = () => {
    timer = null;
    const args = pending;
    pending = null;
    return args ? fn(...args) : undefined;
  };
  return {
    schedule(...args) {
      pending = args;
      if (timer) timers.clearTimeout(timer);
      timer = timers.setTimeout(run, ms);
    },
    flush() {
      if (timer) timers.clearTimeout(timer);
      return run();
    },
    cancel() {
      if (timer) timers.clearTimeout(timer);
      timer = null;
      pending = null;
    },
    get pending() {
      return pending !== null;
    },
  };
}

/** Paper of each note layout, in millimetres (portrait), as note.rs has them. */
export const LAYOUTS = {
  card_a6: { label: 'Folded card · A6', width: 105, height: 148, margin: 12, envelope: { label: 'C6 envelope', width: 162, height: 114 } },
  card_a2: { label: 'Folded card · US A2 (4¼ × 5½ in)', width: 107.95, height: 139.7, margin: 12, envelope: { label: 'A2 envelope', width: 146.05, height: 111.125 } },
  a5: { label: 'A5 sheet', width: 148, height: 210, margin: 18, envelope: { label: 'C5 envelope', width: 229, height: 162 } },
  half_letter: { label: 'Half letter (5½ × 8½ in)', width: 139.7, height: 215.9, margin: 18, envelope: { label: 'A9 envelope', width: 222.25, height: 146.05 } },
  a4: { label: 'A4 page', width: 210, height: 297, margin: 25, envelope: { label: 'DL envelope', width: 220, height: 110 } },
  letter: { label: 'US Letter page', width: 215.9, height: 279.4, margin: 25, envelope: { label: '#10 envelope', width: 241.3, height: 104.775 } },
};

/** The CSS `@page` rule for printing `layout` (or its envelope). */
export function pageRule(layout, envelope = false) {
  const l = LAYOUTS[layout] ?? LAYOUTS.card_a6;
  const p = envelope ? l.envelope : l;
  return `@page { size: ${p.width}mm ${p.height}mm; margin: 0; }`;
}

/** A file name for a saved note: "Thank-you note – Acme.pdf", without characters file systems refuse. */
export function pdfFileName(company, what = 'Thank-you note') {
  const safe = String(company ?? '').replace(/[\/\\:*?"<>|\u0000-\u001f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
  return `${what}${safe ? ` – ${safe}` : ''}.pdf`;
}
