// The start-up mark for tests/bench/run.mjs: once the first board has been
// painted, tell the backend (src-tauri/src/bench.rs), which prints
// `AFTERVIEW_READY <ms>` when the app runs with AFTERVIEW_BENCH=1 and does
// nothing otherwise. The empty baseline app (tests/baseline) marks its first
// paint the same way, so both start-up times end at the same kind of event.
// The page's own steps go with the mark, so that the benchmark can say where
// start-up time goes (AFTERVIEW_PHASES on stderr).
import { api } from './api.js';

let marked = false;
const steps = [['page-start', 0]];

/** Notes that a start-up step of the page ended now (kept only until the mark). */
export function pageStep(name) {
  if (!marked) steps.push([name, performance.now()]);
}

/** Called after every board render; only the first one is marked. */
export function markFirstPaint() {
  if (marked) return;
  marked = true;
  const nav = performance.getEntriesByType?.('navigation')?.[0];
  if (nav?.domContentLoadedEventStart) steps.push(['dom-loaded', nav.domContentLoadedEventStart]);
  // Two animation frames: the first runs before the frame is painted, the
  // second once it has been.
  requestAnimationFrame(() => requestAnimationFrame(() => {
    steps.sort((a, b) => a[1] - b[1]);
    steps.push(['painted', performance.now()]);
    api.benchMark(steps).catch(() => {}); // a measurement aid: never an error the user sees
  }));
}
