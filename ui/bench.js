// The start-up mark for tests/bench/run.mjs: once the first board has been
// painted, tell the backend (src-tauri/src/bench.rs), which prints
// `AFTERVIEW_READY <ms>` when the app runs with AFTERVIEW_BENCH=1 and does
// nothing otherwise. The empty baseline app (tests/baseline) marks its first
// paint the same way, so both start-up times end at the same kind of event.
import { api } from './api.js';

let marked = false;

/** Called after every board render; only the first one is marked. */
export function markFirstPaint() {
  if (marked) return;
  marked = true;
  // Two animation frames: the first runs before the frame is painted, the
  // second once it has been.
  requestAnimationFrame(() => requestAnimationFrame(() => {
    api.benchMark().catch(() => {}); // a measurement aid: never an error the user sees
  }));
}
