// Pure formatting of dates and follow-ups for display. No DOM here, so it is
// unit-tested with `node --test` (tests/ui/format.test.mjs).
// Times are shown in the machine's local zone, as the backend computes them.

const DAY = 86_400_000;

/** Local midnight starting the day of `d`. */
export function startOfDay(d) {
  const s = new Date(d);
  s.setHours(0, 0, 0, 0);
  return s;
}

/** Whole local calendar days from `a` to `b` (negative when b is earlier). */
export function dayDiff(a, b) {
  const x = startOfDay(a), y = startOfDay(b);
  // Round: a day with a daylight-saving change is 23 or 25 hours long.
  return Math.round((y - x) / DAY);
}

/**
 * Where a follow-up stands at `now`: 'overdue' (due on an earlier day),
 * 'due' (due today, time passed), 'today' (later today) or 'upcoming'.
 */
export function dueState(dueAt, now) {
  const due = new Date(dueAt), n = new Date(now);
  const days = dayDiff(n, due);
  if (days < 0) return 'overdue';
  if (days === 0) return due <= n ? 'due' : 'today';
  return 'upcoming';
}

// Building an Intl.DateTimeFormat costs far more than using one, and the board
// formats a few labels per card for hundreds of cards at a time (measured by
// tests/bench/run.mjs): keep one formatter per kind and locale.
const FORMATS = {
  time: { hour: '2-digit', minute: '2-digit', hour12: false },
  dayMonth: { weekday: 'short', day: 'numeric', month: 'short' },
  dayMonthYear: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
  date: { day: 'numeric', month: 'short' },
  dateYear: { day: 'numeric', month: 'short', year: 'numeric' },
};
const formatters = new Map();

// The machine's date format: the backend reads it from the locale settings
// (LC_ALL, LC_TIME, LANG) and hands it over with the board, because the
// webview's own default is en-US whatever the desktop says.
let machineLocale;
/** Sets the locale every label uses when none is given (a BCP 47 tag, or undefined). */
export function setLocale(tag) {
  machineLocale = tag || undefined;
}

function formatter(kind, locale) {
  const loc = locale ?? machineLocale;
  const key = `${kind}|${loc ?? ''}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(loc, FORMATS[kind]);
    } catch {
      f = new Intl.DateTimeFormat(undefined, FORMATS[kind]); // a tag Intl does not know
    }
    formatters.set(key, f);
  }
  return f;
}

const time = (d, locale) => formatter('time', locale).format(d);
/** The year is shown whenever it is not the current one: "Thu, Dec 2" in 9999 looked like today. */
const sameYear = (d, now) => d.getFullYear() === new Date(now).getFullYear();
const dayMonth = (d, now, locale) => formatter(sameYear(d, now) ? 'dayMonth' : 'dayMonthYear', locale).format(d);

/** "Mon 21 Dec" (with the year when it is not this year's), for a toast or a line of text. */
export function dayLabel(at, now, locale = undefined) {
  return dayMonth(new Date(at), now, locale);
}

/** A short, human due label: "Overdue · 2 days", "Today 14:00", "Tomorrow 09:00", "Mon 30 Nov 09:00". */
export function dueLabel(dueAt, now, locale = undefined) {
  const due = new Date(dueAt), n = new Date(now);
  const days = dayDiff(n, due);
  if (days < 0) return `Overdue · ${-days} day${days === -1 ? '' : 's'}`;
  if (days === 0) return due <= n ? `Due · today ${time(due, locale)}` : `Today ${time(due, locale)}`;
  if (days === 1) return `Tomorrow ${time(due, locale)}`;
  return `${dayMonth(due, n, locale)} ${time(due, locale)}`;
}

/** "2 Nov", or "2 Nov 2025" when it is not this year's. */
export function shortDate(at, now, locale = undefined) {
  const d = new Date(at);
  return formatter(sameYear(d, now) ? 'date' : 'dateYear', locale).format(d);
}

/** "today", "yesterday", "3 days ago", "2 Nov" (with the year when not this year's) for the card's last contact. */
export function agoLabel(at, now, locale = undefined) {
  if (!at) return null;
  const d = new Date(at);
  const days = dayDiff(d, new Date(now));
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 14) return `${days} days ago`;
  return shortDate(d, now, locale);
}

/** A full local date and time, always with the year (the detail panel's history). */
export function fullDateTime(at, locale = undefined) {
  return `${formatter('dayMonthYear', locale).format(new Date(at))}, ${time(new Date(at), locale)}`;
}

/** A local calendar date `YYYY-MM-DD` as "Fri 27 Nov" (with the year when not this year's). */
export function calendarDay(ymd, now, locale = undefined) {
  const [y, m, d] = ymd.split('-').map(Number);
  return dayMonth(new Date(y, m - 1, d), now, locale);
}

/** Splits agenda items (sorted by due time) into overdue, today and upcoming. */
export function groupAgenda(items, now) {
  const groups = { overdue: [], today: [], upcoming: [] };
  for (const it of items) {
    const s = dueState(it.due_at, now);
    groups[s === 'overdue' ? 'overdue' : s === 'upcoming' ? 'upcoming' : 'today'].push(it);
  }
  return groups;
}

/** The local `YYYY-MM-DDTHH:MM` a datetime-local input takes, for `d`. */
export function toLocalInput(d) {
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Who a follow-up is about, for a line of text. */
export function who(f) {
  return f.contact_name ? `${f.contact_name} (${f.company})` : f.company;
}
