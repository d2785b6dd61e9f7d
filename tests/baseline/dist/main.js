// The same first-paint mark as Afterview's (ui/bench.js): once the page has
// been painted, tell the backend, which prints it when AFTERVIEW_BENCH=1.
// Two animation frames: the first runs before the frame is painted, the
// second once it has been.
requestAnimationFrame(() => requestAnimationFrame(() => {
  document.body.dataset.ready = 'true';
  globalThis.__TAURI__.core.invoke('bench_mark', { page: [['page-start', 0], ['painted', performance.now()]] }).catch(() => {});
}));
