// Board benchmark, measured inside the webview (performance.now) of the real
// app under Xvfb: time to load and render the board, to filter it, and from
// a drop (a real WebDriver pointer drag) to the card re-rendered in its new
// column (before the store answers) and to the store's answer applied; at
// 5,000 applications, each next to the same measurement on a baseline board
// in the same run (empty for load and filter; a single card for the drop,
// the smallest board a card can be dropped on).
//
//   cargo build -p afterview
//   NO_AT_BRIDGE=1 xvfb-run -a -s "-screen 0 1400x900x24" dbus-run-session -- node tests/bench/board.mjs
//
// Prints a Markdown table (the figures in BENCHMARKS.md come from it).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startApp, tmpDb, runCli } from '../e2e/harness.mjs';

const N = Number(process.env.BENCH_N ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const NOW = '2026-11-26T10:00:00Z';
const env = { AFTERVIEW_NOW: NOW, TZ: 'Europe/Berlin' };
const STATUSES = [['wishlist', 0.1], ['applied', 0.5], ['interviewing', 0.2], ['offer', 0.05], ['rejected', 0.15]];
const WORDS = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Tyrell', 'Cyberdyne', 'Soylent'];

function application(i) {
  let r = (i * 7919 % 1000) / 1000, status = 'applied';
  for (const [s, share] of STATUSES) { if (r < share) { status = s; break; } r -= share; }
  const day = String(1 + (i % 25)).padStart(2, '0');
  const applied = status === 'wishlist' ? null : `2026-11-${day}T09:00:00Z`;
  const a = {
    id: `a${i}`, company: `${WORDS[i % WORDS.length]} ${i}`, role: ['Backend Engineer', 'Data Scientist', 'Designer'][i % 3],
    status, applied_at: applied, job_url: null, location: 'Berlin', source: null, notes: '',
    contacts: [{ id: `c${i}`, name: `Contact ${i}`, title: 'Recruiter', email: null, linkedin_url: null, linkedin_consent: 'not_asked' }],
    interviews: [], messages: [], decisions: [],
    status_changes: [{ at: applied ?? '2026-11-01T09:00:00Z', from: null, to: status }],
  };
  if (status === 'interviewing') {
    a.interviews.push({ id: `i${i}`, starts_at: `2026-11-${day}T13:00:00Z`, ends_at: `2026-11-${day}T14:00:00Z`, format: 'video',
      interviewer_ids: [`c${i}`], went: 'well', physical_note: false, next_steps: null, expected_reply_by: null });
  }
  return a;
}

function database(n) {
  const db = tmpDb();
  if (n === 0) return db;
  const file = join(dirname(db), 'bench.json');
  writeFileSync(file, JSON.stringify({
    afterview: 1,
    settings: { checkin_cadence_days: 14, quiet_hours: ['21:00', '08:00'], physical_note_default: false, pre_interview_minutes: 60 },
    applications: Array.from({ length: n }, (_, i) => application(i)).map((a, i) => (n === 1 ? { ...a, status: 'applied' } : a)),
  }));
  const t0 = Date.now();
  const r = runCli(['import', file], { db, env, timeout: 600_000 });
  if (r.status !== 0) throw new Error(`import failed: ${r.stderr}`);
  console.error(`imported ${n} applications in ${Date.now() - t0} ms`);
  return db;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const ms = (x) => (x == null ? '–' : `${x.toFixed(1)} ms`);

async function measure(n, { drops }) {
  const db = database(n);
  const app = await startApp({ db, env });
  const d = app.driver;
  try {
    await d.setWindowRect({ width: 1360, height: 860 });
    await d.waitForElement('body[data-board-ready=true]', { timeout: 120_000 });
    const first = await d.executeScript('return window.__afterviewBench.first()');
    const reloads = [];
    for (let i = 0; i < RUNS; i++) reloads.push(await d.executeAsyncScript('window.__afterviewBench.reload().then(arguments[0])'));
    // The environment's frame interval, for context: how long until two frames were painted on an idle board.
    const frames = [];
    for (let i = 0; i < RUNS; i++) {
      frames.push(await d.executeAsyncScript('const t0 = performance.now(); requestAnimationFrame(() => requestAnimationFrame(() => arguments[0](performance.now() - t0)))'));
    }
    const filters = [];
    for (let i = 0; i < RUNS; i++) {
      filters.push(await d.executeAsyncScript('window.__afterviewBench.filter(arguments[0]).then(arguments[1])', `acme ${i}`));
      await d.executeAsyncScript('window.__afterviewBench.filter("").then(arguments[0])');
    }
    const moves = [], shown = [];
    for (let i = 0; i < drops; i++) {
      const id = await d.executeScript('return document.querySelector(\'[data-status="applied"] .card\')?.dataset.applicationId');
      if (!id) break;
      const to = i % 2 ? 'interviewing' : 'rejected';
      // The single card is dropped every round and Undo leaves the marks as
      // they were: clear them, so that this drop cannot read the previous one's.
      await d.executeScript('delete document.body.dataset.lastMove; delete document.body.dataset.shownMove; window.__afterviewLastMove = null');
      await d.drag(`[data-application-id="${id}"]`, `[data-status="${to}"] .cards`, { steps: 6, pauseMs: 30 });
      await d.waitFor(async () => (await d.executeScript('return document.body.dataset.lastMove')) === `${id}:${to}`, { timeout: 20_000 });
      const m = await d.executeScript('return window.__afterviewBench.lastMove()');
      if (!m || m.to !== to) throw new Error(`drop ${i}: no figures for the move of ${id} to ${to}`);
      moves.push(m.ms);
      shown.push(m.shown);
      // Let the agenda refresh that follows a move finish: measure each drop on a quiet app.
      await new Promise((res) => setTimeout(res, 1500));
      if (n === 1) {
        // Put the single card back so the next drop starts the same way.
        const back = await d.executeScript('return document.querySelector("#toast button") ? true : false');
        if (back) await d.click('#toast button');
        await d.waitFor(async () => (await d.executeScript('return document.querySelectorAll(\'[data-status="applied"] .card\').length')) === 1, { timeout: 10_000 });
      }
    }
    const nodes = await d.executeScript('return document.querySelectorAll(".card").length');
    return {
      n, nodes, first,
      fetch: median(reloads.map((r) => r.fetchMs)), render: median(reloads.map((r) => r.renderMs)),
      layout: median(reloads.map((r) => r.layoutMs)), total: median(reloads.map((r) => r.totalMs)), frames: median(frames),
      filter: median(filters), move: moves.length ? median(moves) : null, moves,
      shown: shown.length ? median(shown) : null,
    };
  } finally {
    await app.stop();
  }
}

const base = await measure(0, { drops: 0 });
const one = await measure(1, { drops: RUNS });
const big = await measure(N, { drops: RUNS });

console.log(`| measurement (median of ${RUNS}, inside the webview) | baseline | ${N} applications |`);
console.log('|---|---|---|');
console.log(`| first load at start-up: board rendered (DOM built) | ${ms(base.first?.renderMs)} (empty) | ${ms(big.first?.renderMs)} |`);
console.log(`| first load at start-up: rendered and laid out | ${ms(base.first?.laidOutMs)} (empty) | ${ms(big.first?.laidOutMs)} |`);
console.log(`| reload: \`board\` command (IPC + query + JSON) | ${ms(base.fetch)} (empty) | ${ms(big.fetch)} |`);
console.log(`| reload: render from scratch | ${ms(base.render)} (empty) | ${ms(big.render)} |`);
console.log(`| reload: style + layout | ${ms(base.layout)} (empty) | ${ms(big.layout)} |`);
console.log(`| reload: read + render + layout | ${ms(base.total)} (empty) | ${ms(big.total)} |`);
console.log(`| filter (type a query) to rendered and laid out | ${ms(base.filter)} (empty) | ${ms(big.filter)} |`);
console.log(`| drop to re-rendered in its new column and laid out, before the store answers (real pointer drag) | ${ms(one.shown)} (1 card) | ${ms(big.shown)} |`);
console.log(`| drop to stored: the store's answer applied and laid out (real pointer drag) | ${ms(one.move)} (1 card) | ${ms(big.move)} |`);
console.log(`| context: two frames painted on an idle board (requestAnimationFrame ×2) | ${ms(base.frames)} (empty) | ${ms(big.frames)} |`);
console.log(`\ncard elements in the DOM at ${N}: ${big.nodes} (columns render a page of cards at a time as they scroll)`);
console.log(`drops at ${N}: ${big.moves.map((x) => x.toFixed(1)).join(', ')} ms; at 1 card: ${one.moves.map((x) => x.toFixed(1)).join(', ')} ms`);
