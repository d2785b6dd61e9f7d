// The start-up mark for tests/bench/run.mjs: once the first board has been
// painted, tell the backend (src-tauri/src/bench.rs), which prints
// `AFTERVIEW_READY <ms>` when the app runs with AFTERVIEW_BENCH=1 and does
// nothing otherwise. The empty baseline app (tests/baseline) marks its first
// paint the same way, so both start-up times end at the same kind of event.
// The page's own steps go with the mark, so that the benchmark can say where
// start-up time goes (AFTERVIEW_PHASES on stderr). Also the board's
// measurement hooks (window.__afterviewBench), timed inside the webview.
import { api } from './api.js';
import { PAGE } from './board.js';

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
  requestAnimationFrame(() => {
    steps.push(['first-frame', performance.now()]); // the frame that paints it begins
    requestAnimationFrame(() => {
      steps.sort((a, b) => a[1] - b[1]);
      steps.push(['painted', performance.now()]);
      api.benchMark(steps).catch(() => {}); // a measurement aid: never an error the user sees
    });
  });
}

/**
 * Forces style and layout now, so a measurement includes them. (Waiting for
 * a painted frame instead measures the compositor: under Xvfb on a loaded
 * machine frames came 0.4-2 s apart even on an idle board.)
 */
export const layout = () => document.body.offsetHeight;

/** The board view's hooks for tests/bench/run.mjs and board.mjs. */
export function boardBenchHooks(view) {
  window.__afterviewBench = {
    first: () => view.firstRender ?? null,
    /** Reads the board and renders it from scratch (no cached card elements). */
    reload: async () => {
      const t0 = performance.now();
      const data = await api.board('', PAGE);
      const t1 = performance.now();
      for (const c of view.board.columns.values()) c.list.replaceChildren();
      view.board.els.clear();
      view.board.setColumns(data.columns, data.now);
      const t2 = performance.now();
      layout();
      return { cards: view.board.byId.size, fetchMs: t1 - t0, renderMs: t2 - t1, layoutMs: performance.now() - t2, totalMs: performance.now() - t0 };
    },
    /** Searches the board as the search box does (the backend's search, its pages rendered); resolves once laid out (not painted). */
    filter: async (q) => {
      const t0 = performance.now();
      await view.applySearch(q);
      layout();
      return performance.now() - t0;
    },
    /** The last move's figures: `shown` drop to re-rendered in its new column, `stored` drop to the store's answer, `ms` to that answer applied and laid out. */
    lastMove: () => window.__afterviewLastMove ?? null,
  };
}
