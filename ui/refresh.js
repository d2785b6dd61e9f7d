// When to re-read the board and Today by themselves. Their labels change only
// when a follow-up falls due ("Today 14:00" → "Due · today 14:00", the Today
// count) or when the local day turns ("Overdue · 2 days", "yesterday"), so
// the app re-reads at those instants instead of every minute: with hundreds of
// applications a re-read costs a visible slice of CPU, and an app that waits
// in the tray all day should cost nothing (tests/bench/run.mjs, idle CPU).

/** The longest wait: a safety net for suspend/resume and clock changes. */
export const MAX_WAIT_MS = 15 * 60_000;
/** Re-read a moment after the instant, so the backend already sees it as passed. */
const SLACK_MS = 1_000;

/**
 * Milliseconds from `now` (the backend's clock, ISO) until the next instant
 * when a label can change: the earliest future `due_at` among `items`, the
 * next local midnight, or MAX_WAIT_MS, whichever comes first.
 */
export function nextRefreshIn(items, now) {
  const t = Date.parse(now);
  if (!Number.isFinite(t)) return 60_000;
  const midnight = new Date(t);
  midnight.setHours(24, 0, 0, 0);
  let next = Math.min(midnight.getTime(), t + MAX_WAIT_MS);
  for (const f of items ?? []) {
    const due = Date.parse(f.due_at);
    if (due > t && due < next) next = due;
  }
  return Math.min(MAX_WAIT_MS, next - t + SLACK_MS);
}
