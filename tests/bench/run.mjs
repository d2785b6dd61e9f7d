#!/usr/bin/env node
// Afterview against the floor: every figure next to the same figure for an
// empty Tauri 2 app (tests/baseline) measured in the same run.
//
//   ./dev.sh bench            release builds, full sizes, writes BENCHMARKS.md
//   ./dev.sh bench --quick    debug builds, fewer and shorter runs: a smoke test
//                             that checks every figure is produced (not its value)
//
// Directly (under a display and a session bus, as dev.sh does):
//   NO_AT_BRIDGE=1 xvfb-run -a -s "-screen 0 1400x900x24" dbus-run-session -- \
//     node tests/bench/run.mjs [--quick] [--no-build]
// AFTERVIEW_BIN / AFTERVIEW_BASELINE_BIN choose the binaries (nothing is built
// for a binary given that way). Either way the binaries are copied to a private
// directory first, so a rebuild by someone else during the run changes nothing.
//
// What is measured, each the median of several runs:
//  1. start-up: from exec to the first paint of the board with real data (0 and
//     5,000 applications): the UI calls `bench_mark` two animation frames after
//     its first board render and the app prints `AFTERVIEW_READY` on stdout
//     (AFTERVIEW_BENCH=1); the baseline's page does the same after its first paint;
//  2. memory: PSS and RSS of the whole process tree (app, WebKit's web and network
//     processes, their sandbox) 10 s after start, from /proc/<pid>/smaps_rollup;
//  3. at 5,000 cards, in the webview with performance.now: filter-as-you-type (each
//     keystroke through the board's own search, to laid out and to painted) and a
//     status change by keyboard (Space, arrow, Space): from the drop to the card
//     re-rendered in its new column (optimistic, before the store answers) and
//     to the store's answer applied; the floor is the same DOM change + frame in
//     the empty app;
//  4. the agenda at 20,000 applications / 1,000,000 facts (`cargo bench --bench agenda`);
//  5. idle CPU of the whole tree with 500 applications, scheduler asleep, beside the
//     empty app idling over the same period;
//  6. binary and .deb sizes.
// Targets are reported, never asserted: these machines are shared and noisy.

import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT, groupProcesses, runCli, startApp, tmpHome } from '../e2e/harness.mjs';
import { NOW, TZ, searchDocument } from './data.mjs';
import { CLK_TCK, processTree, treeCpu, treeMemory } from './proc.mjs';

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const NO_BUILD = args.includes('--no-build');
// --startup=N: only the start-up runs, N rounds, and their phases printed (an
// experiment's figures; BENCHMARKS.md is left as it is).
const STARTUP_ONLY = Number(args.find((a) => a.startsWith('--startup='))?.slice(10)) || 0;
for (const a of args) {
  if (!['--quick', '--no-build'].includes(a) && !/^--startup=\d+$/.test(a)) {
    console.error(`unknown argument ${a}\nusage: node tests/bench/run.mjs [--quick] [--no-build] [--startup=ROUNDS]`);
    process.exit(2);
  }
}

const C = QUICK
  ? { profile: 'debug', rounds: 2, memRounds: 1, settleMs: 10_000, typeRuns: 1, drops: 2, frames: 10, idleWarm: 10, idleSeconds: 20 }
  : { profile: 'release', rounds: 7, memRounds: 7, settleMs: 10_000, typeRuns: 5, drops: 15, frames: 60, idleWarm: 30, idleSeconds: 600 };
if (STARTUP_ONLY) { C.rounds = STARTUP_ONLY; C.memRounds = Math.min(3, STARTUP_ONLY); }
const BIG = 5000;
const IDLE_APPS = 500;
const MiB = 1024 * 1024;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (msg) => console.error(`[bench] ${msg}`);
const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('no display: run under xvfb-run (./dev.sh bench does), see the header of tests/bench/run.mjs');
  process.exit(2);
}

// ---- build and snapshot the binaries -----------------------------------------------

function sh(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 64 * MiB, ...opts });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  return r;
}

function build() {
  const bins = { app: process.env.AFTERVIEW_BIN, baseline: process.env.AFTERVIEW_BASELINE_BIN };
  const packages = [];
  if (!bins.app) packages.push('-p', 'afterview');
  if (!bins.baseline) packages.push('-p', 'afterview-baseline');
  if (packages.length && !NO_BUILD) {
    log(`building ${C.profile} (${packages.filter((p) => p !== '-p').join(', ')})…`);
    const t0 = Date.now();
    // One package per cargo run: built together, the baseline's tauri features
    // (its defaults) would be unified into the app's, and the app measured
    // would not be the one `tauri build` ships (+140 KB of dynamic ACL).
    for (let i = 0; i < packages.length; i += 2) {
      const r = sh('cargo', ['build', '--locked', ...(C.profile === 'release' ? ['--release'] : []), ...packages.slice(i, i + 2)],
        { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
      if (r.status !== 0) throw new Error('cargo build failed');
    }
    log(`built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'afterview-bench-bin-'));
  const out = {};
  for (const [k, name] of [['app', 'afterview'], ['baseline', 'afterview-baseline']]) {
    const src = bins[k] ?? join(REPO_ROOT, 'target', C.profile, name);
    if (!existsSync(src)) throw new Error(`${src} does not exist (build it, or drop --no-build)`);
    out[k] = join(dir, name);
    copyFileSync(src, out[k]); // keeps the mode: still executable
    out[`${k}Source`] = src;
  }
  out.dir = dir;
  return out;
}

// ---- the machine -------------------------------------------------------------------

function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = cpuinfo.match(/^model name\s*:\s*(.+)$/m)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const webkit = sh('dpkg-query', ['-W', '-f', '${Version}', 'libwebkit2gtk-4.1-0']).stdout?.trim() || 'unknown';
  const lock = readFileSync(join(REPO_ROOT, 'Cargo.lock'), 'utf8');
  const tauri = lock.match(/name = "tauri"\nversion = "([^"]+)"/)?.[1] ?? 'unknown';
  const commit = sh('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT }).stdout?.trim() ?? '?';
  const dirty = (sh('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO_ROOT }).stdout ?? '').trim() !== '';
  return {
    nproc: Number(sh('nproc', []).stdout.trim()),
    cpu: model.replace(/\s+/g, ' '),
    ramGiB: totalmem() / 1024 ** 3,
    kernel: release(),
    webkitgtk: webkit,
    tauri,
    commit: dirty ? `${commit} + uncommitted changes` : commit,
    loadavg: loadavg().map((x) => x.toFixed(2)).join(' '),
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  };
}

// ---- databases -----------------------------------------------------------------------

const appEnv = { AFTERVIEW_NOW: NOW, TZ };

function makeDb(bin, dir, n) {
  const db = join(dir, `apps-${n}.db`);
  if (n === 0) {
    // An empty database that already exists, as on any launch but the first.
    const r = runCli(['settings'], { bin, db, env: appEnv });
    if (r.status !== 0) throw new Error(`creating an empty database failed: ${r.stderr}`);
    return { db, importMs: null };
  }
  const file = join(dir, `apps-${n}.json`);
  writeFileSync(file, JSON.stringify(searchDocument(n)));
  const t0 = performance.now();
  const r = runCli(['import', file], { bin, db, env: appEnv, timeout: 900_000 });
  if (r.status !== 0) throw new Error(`importing ${n} applications failed: ${r.stderr || r.stdout}`);
  return { db, importMs: performance.now() - t0 };
}

/** A copy of a closed database (with its -wal/-shm, if any), for a run that changes it. */
function copyDb(db, to) {
  for (const ext of ['', '-wal', '-shm']) if (existsSync(db + ext)) copyFileSync(db + ext, to + ext);
  return to;
}

// ---- launching an app for start-up, memory and idle ---------------------------------

function homeEnv(home) {
  return {
    HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache'),
    XDG_DATA_HOME: join(home, '.local', 'share'), XDG_STATE_HOME: join(home, '.local', 'state'),
  };
}

/**
 * Starts `bin` in its own process group and resolves `ready` with the time from
 * exec to its AFTERVIEW_READY line (wall clock here; `selfMs` is the app's own
 * count from its start).
 */
function launch(bin, { home, db }) {
  const env = { ...process.env, ...homeEnv(home), ...appEnv, NO_AT_BRIDGE: '1', AFTERVIEW_BENCH: '1' };
  if (db) env.AFTERVIEW_DB = db;
  else delete env.AFTERVIEW_DB;
  const t0 = performance.now();
  const child = spawn(bin, [], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '', stderr = '';
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${bin}: no AFTERVIEW_READY within 120 s\n${stderr}`)), 120_000);
    child.stdout.on('data', (b) => {
      stdout += b;
      const m = stdout.match(/^AFTERVIEW_READY ([\d.]+)$/m);
      if (m) {
        clearTimeout(timer);
        const wallMs = performance.now() - t0;
        // AFTERVIEW_PHASES (stderr, written just before the mark): where the time went.
        setTimeout(() => resolve({ wallMs, selfMs: Number(m[1]), phases: parsePhases(stderr) }), 50);
      }
    });
    child.on('exit', (code, signal) => { clearTimeout(timer); reject(new Error(`${bin} exited (${code ?? signal}) before its first paint\n${stderr}`)); });
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
  });
  ready.catch(() => {});
  child.stderr.on('data', (b) => { stderr = (stderr + b).slice(-20_000); });
  const stop = async () => {
    // The whole group and the whole tree (a sandboxed WebKit process may sit in
    // a session of its own). Wait until every one is gone: Afterview is
    // single-instance, a leftover would swallow the next run.
    const tree = processTree(child.pid).map((p) => p.pid);
    const alive = () => (groupProcesses(child.pid) ?? []).length > 0 || tree.some((p) => processTree(p).length > 0);
    for (const sig of ['SIGTERM', 'SIGKILL']) {
      for (const target of [-child.pid, ...tree]) {
        try { process.kill(target, sig); } catch { /* gone */ }
      }
      const deadline = Date.now() + 5_000;
      while (alive() && Date.now() < deadline) await sleep(50);
      if (!alive()) return;
    }
  };
  return { child, t0, ready, stop, stderr: () => stderr };
}

/** `AFTERVIEW_PHASES a=1.0 b=2.5` (the last such line) as {a: 1, b: 2.5}. */
function parsePhases(text) {
  const line = text.match(/^AFTERVIEW_PHASES(.*)$/gm)?.at(-1) ?? '';
  return Object.fromEntries([...line.matchAll(/([\w-]+)=([\d.]+)/g)].map((m) => [m[1], Number(m[2])]));
}

/** The median of each step over runs, in the order the steps end. */
function medianPhases(runs) {
  const names = [...new Set(runs.flatMap((p) => Object.keys(p ?? {})))];
  const out = Object.fromEntries(names.map((n) => [n, median(runs.map((p) => p?.[n]).filter((x) => x != null))]));
  return Object.fromEntries(Object.entries(out).sort((a, b) => a[1] - b[1]));
}

function phaseText(p) {
  if (!p || !Object.keys(p).length) return 'not reported';
  return Object.entries(p).map(([n, ms]) => `${n} ${Math.round(ms)}`).join(', ');
}

// ---- 1 + 2: start-up and memory --------------------------------------------------------

async function startupAndMemory(bins, dbs, results) {
  const variants = [
    { key: 'baseline', label: 'empty Tauri app', bin: bins.baseline, db: null },
    { key: 'app0', label: 'Afterview, 0 applications', bin: bins.app, db: dbs[0].db },
    { key: 'app5000', label: `Afterview, ${BIG} applications`, bin: bins.app, db: dbs[BIG].db },
  ];
  // An experiment's other builds, run in the same rounds (AFTERVIEW_BENCH_VARIANTS="name=/path/afterview,…"):
  // each at 0 and at 5,000 applications, so that their figures share the machine's noise.
  for (const spec of (process.env.AFTERVIEW_BENCH_VARIANTS ?? '').split(',').filter(Boolean)) {
    const [name, bin] = spec.split('=');
    variants.push({ key: `${name}-0`, label: `${name}, 0 applications`, bin, db: dbs[0].db },
      { key: `${name}-${BIG}`, label: `${name}, ${BIG} applications`, bin, db: dbs[BIG].db });
  }
  for (const v of variants) { v.home = tmpHome(); v.startup = []; v.self = []; v.mem = []; v.phases = []; }
  // Round -1 warms the page cache and lets WebKit create its files in each HOME
  // (and the app deliver its catch-up reminders once): it is not counted.
  for (let round = -1; round < C.rounds; round++) {
    for (const v of variants) {
      const run = launch(v.bin, v);
      try {
        const r = await run.ready;
        if (round < 0) continue;
        v.startup.push(r.wallMs);
        v.self.push(r.selfMs);
        v.phases.push(r.phases);
        if (round < C.memRounds) {
          const wait = run.t0 + C.settleMs - performance.now();
          if (wait > 0) await sleep(wait);
          v.mem.push(treeMemory(run.child.pid));
        }
      } finally {
        await run.stop();
      }
    }
    if (round >= 0) log(`start-up round ${round + 1}/${C.rounds}: ${variants.map((v) => `${v.key} ${v.startup.at(-1).toFixed(0)} ms`).join(', ')}`);
  }
  for (const v of variants) {
    const memMedian = (k) => median(v.mem.map((m) => m[k]));
    // The per-process split of the run whose PSS is the median.
    const mid = [...v.mem].sort((a, b) => a.pssMiB - b.pssMiB)[Math.floor((v.mem.length - 1) / 2)];
    results[v.key] = {
      label: v.label, runs: v.startup, medianMs: median(v.startup), selfMedianMs: median(v.self),
      phases: medianPhases(v.phases),
      pssMiB: memMedian('pssMiB'), rssMiB: memMedian('rssMiB'),
      processes: mid?.procs.map((p) => `${p.comm} ${p.pssMiB.toFixed(1)}${p.anonMiB == null ? '' : ` (anonymous ${p.anonMiB.toFixed(1)}, files ${p.fileMiB.toFixed(1)})`}`).join(', '),
      unreadable: mid?.unreadable.map((p) => p.comm),
    };
  }
}

// ---- 3: the board at 5,000 cards, inside the webview --------------------------------

const FRAME_JS = 'const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));';
// A round trip to a backend command, started right after a paint (as the
// filter's loop starts each search): the app's figures and their floor alike.
const TRIP_JS = `${FRAME_JS}
  const trip = async (cmd, args) => { await frame(); const t0 = performance.now(); await window.__TAURI__.core.invoke(cmd, args); return performance.now() - t0; };`;

/**
 * The floor for in-webview figures, in the empty app: a one-node DOM change,
 * and 60 card-like elements replaced at once (a filter's repaint), each laid
 * out, then painted.
 */
async function frameFloor(bins) {
  const app = await startApp({ bin: bins.baseline, env: appEnv, timeout: 120_000 });
  try {
    await app.driver.waitForElement('body[data-ready=true]', { timeout: 60_000 });
    return await app.driver.executeAsyncScript(`${TRIP_JS}
      const [n, done] = arguments;
      (async () => {
        const p = document.querySelector('p'), work = [], painted = [];
        for (let i = 0; i < n; i++) {
          const t0 = performance.now();
          p.textContent = 'change ' + i;
          void document.body.offsetHeight; // style and layout now
          work.push(performance.now() - t0);
          await frame();
          painted.push(performance.now() - t0);
        }
        // A filter's kind of change: five columns of 12 card-like elements
        // (text, rounded corners, a shadow, a badge) replaced at once.
        const board = document.createElement('div');
        board.style.cssText = 'display:grid;grid-template-columns:repeat(5,1fr);gap:14px;padding:16px;height:760px';
        const cols = [];
        for (let i = 0; i < 5; i++) {
          const c = document.createElement('ol');
          c.style.cssText = 'list-style:none;margin:0;padding:4px 10px;display:flex;flex-direction:column;gap:8px;overflow-y:auto;background:#eef1f4;border-radius:10px';
          board.append(c);
          cols.push(c);
        }
        document.body.append(board);
        await frame();
        const cardsWork = [], cardsPainted = [];
        for (let i = 0; i < Math.min(n, 15); i++) {
          const t0 = performance.now();
          for (const c of cols) {
            c.replaceChildren();
            for (let k = 0; k < 12; k++) {
              const li = document.createElement('li');
              li.style.cssText = 'background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.08);padding:10px 12px;display:grid;gap:3px';
              for (const [text, css] of [['Company ' + i + '-' + k, 'font-weight:650'], ['Backend Engineer', 'font-size:13px;color:#666'],
                ['Due · today 14:00 · Check in', 'font-size:12px;border-radius:6px;padding:3px 7px;background:#fdecc8;justify-self:start'],
                ['Last contact 3 days ago', 'font-size:12px;color:#666']]) {
                const e = document.createElement('div');
                e.textContent = text;
                e.style.cssText = css;
                li.append(e);
              }
              c.append(li);
            }
          }
          void document.body.offsetHeight;
          cardsWork.push(performance.now() - t0);
          await frame();
          cardsPainted.push(performance.now() - t0);
        }
        // Its one command (a no-op after the first mark), right after a paint:
        // the floor of any round trip to the backend.
        const trips = [];
        for (let i = 0; i < n; i++) trips.push(await trip('bench_mark', {}));
        return { work, painted, cardsWork, cardsPainted, trips };
      })().then(done, (e) => done({ error: String(e) }));`, C.frames);
  } finally {
    await app.stop();
  }
}

async function board(bins, db) {
  const app = await startApp({ bin: bins.app, db, env: appEnv, timeout: 120_000 });
  const d = app.driver;
  try {
    await d.setWindowRect({ width: 1280, height: 800 });
    await d.waitForElement('body[data-board-ready=true]', { timeout: 120_000 });
    const hooks = await d.executeScript('return typeof window.__afterviewBench?.filter === "function"');
    if (!hooks) throw new Error('the board has no measurement hooks (window.__afterviewBench in ui/board-view.js)');
    const cards = await d.executeScript('return document.querySelectorAll("#board .card[data-application-id]").length');

    // Where the start-up time at this size goes: the board's own hook reads the
    // board (IPC + query + JSON) and renders it from scratch.
    const reloads = [];
    for (let i = 0; i < 3; i++) {
      const res = await d.executeAsyncScript('const done = arguments[0]; window.__afterviewBench.reload().then(done, (e) => done({ error: String(e) }))');
      if (res.error) throw new Error(`reload: ${res.error}`);
      reloads.push(res);
    }

    // Filter as you type: each prefix of a query, then clearing it, through the
    // board's own search (applySearch, what the search box calls after its debounce).
    const typed = [];
    for (let r = 0; r < C.typeRuns; r++) {
      const word = ['Hooli 12', 'Acme 4', 'Tyrell 3', 'Wonka 99', 'Stark 1'][r % 5];
      const queries = [...word].map((_, i) => word.slice(0, i + 1)).concat(['']);
      const res = await d.executeAsyncScript(`${FRAME_JS}
        const [queries, done] = arguments;
        (async () => {
          const input = document.querySelector('#board-search'), out = [];
          for (const q of queries) {
            if (input) input.value = q;
            const t0 = performance.now();
            // The backend's search (IPC, SQLite, its first pages), the columns
            // re-rendered, then style and layout forced: resolves then, not after a paint.
            await window.__afterviewBench.filter(q);
            const work = performance.now() - t0;
            await frame(); // painted, waited for as the floor waits (two animation frames)
            out.push({ q, work, painted: performance.now() - t0 });
          }
          return out;
        })().then(done, (e) => done({ error: String(e) }));`, queries);
      if (res.error) throw new Error(`filter: ${res.error}`);
      typed.push(...res);
    }
    // Where a keystroke's time goes, in the same condition (each right after a
    // paint): the `board` command's search alone (IPC, SQLite, JSON), and a
    // command that does nothing (bench_mark after the first mark), which the
    // empty app's floor times the same way.
    const trips = await d.executeAsyncScript(`${TRIP_JS}
      const [queries, done] = arguments;
      (async () => {
        const search = [], noop = [];
        for (const q of queries) {
          search.push(await trip('board', { query: q, limit: null })); // the backend's page size, the board's own
          noop.push(await trip('bench_mark', {}));
        }
        return { search, noop };
      })().then(done, (e) => done({ error: String(e) }));`, typed.map((t) => t.q));
    if (trips.error) throw new Error(`round trips: ${trips.error}`);

    // A status change from the keyboard: focus a card, Space (lift), an arrow
    // (to the next column), Space (drop); timed from the drop until the card is
    // re-rendered in its new column (optimistic: the board sets
    // body[data-shown-move] then, before the store answers), laid out and
    // painted, and until the store's answer is applied (body[data-last-move]).
    // Both marks and the board's own figures are cleared before each drop: the
    // same card goes back and forth, a previous drop's mark must not count.
    const drops = [];
    for (let i = 0; i < C.drops; i++) {
      const [from, to, key] = i % 2 ? ['wishlist', 'applied', 'ArrowRight'] : ['applied', 'wishlist', 'ArrowLeft'];
      const res = await d.executeAsyncScript(`${FRAME_JS}
        const [from, to, key, done] = arguments;
        (async () => {
          const el = document.querySelector('#board [data-status="' + from + '"] .card[data-application-id]');
          if (!el) return { error: 'no card in ' + from };
          const id = el.dataset.applicationId;
          const press = (k) => el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
          el.focus();
          press(' ');
          press(key);
          await frame(); // the lifted card is shown in its new place, as a user would see before dropping
          delete document.body.dataset.shownMove;
          delete document.body.dataset.lastMove;
          window.__afterviewLastMove = null;
          const mark = id + ':' + to;
          let t0 = 0;
          const stored = new Promise((res, rej) => {
            const mo = new MutationObserver(() => {
              if (document.body.dataset.lastMove !== mark) return;
              mo.disconnect();
              void document.body.offsetHeight;
              res(performance.now() - t0);
            });
            mo.observe(document.body, { attributes: true, attributeFilter: ['data-last-move'] });
            setTimeout(() => { mo.disconnect(); rej(new Error('the move of ' + id + ' to ' + to + ' was not stored within 20 s')); }, 20000);
          });
          t0 = performance.now();
          press(' ');
          // The board re-renders the card in the keydown handler itself, before the store answers.
          const shownAt = document.body.dataset.shownMove === mark;
          const answered = document.body.dataset.lastMove === mark;
          void document.body.offsetHeight;
          const rendered = performance.now() - t0;
          await frame();
          const painted = performance.now() - t0;
          const storedMs = await stored;
          const there = !!document.querySelector('#board [data-status="' + to + '"] [data-application-id="' + id + '"]');
          const m = window.__afterviewLastMove ?? {};
          if (!shownAt) return { error: 'the drop of ' + id + ' to ' + to + ' was not re-rendered before the keydown handler returned (body[data-shown-move] not set)' };
          if (answered) return { error: 'the store answered the drop of ' + id + ' before it was re-rendered: not an optimistic move' };
          return { id, rendered, painted, stored: storedMs, there, own: m.ms ?? null, shown: m.shown ?? null, command: m.stored ?? null, renderMs: m.rendered ?? null, laidOut: m.laidOut ?? null };
        })().then(done, (e) => done({ error: String(e) }));`, from, to, key);
      if (res.error) throw new Error(`drop: ${res.error}`);
      if (!res.there) throw new Error(`drop: ${res.id} is not in ${to} after the move`);
      drops.push(res);
      // Let the follow-up work settle (toast, agenda refresh, a board re-read
      // when the column was renumbered) before the next drop.
      await sleep(700);
    }
    const stored = await d.executeScript('return document.querySelectorAll("#board [data-status] .card[data-application-id]").length');
    const writes = await mixedWrites(d, 20);
    return {
      cards, cardsAfter: stored, typed, trips, drops, writes,
      reload: { fetchMs: median(reloads.map((x) => x.fetchMs)), renderMs: median(reloads.map((x) => x.renderMs)), totalMs: median(reloads.map((x) => x.totalMs)) },
    };
  } finally {
    await app.stop();
  }
}

// Twenty writes through the board's own menus (Done, Skip, Snooze, a move, in
// turn), each waited for until its card shows the new state, then the
// scheduler's pass after them: how many `board` reads they cost (ui/api.js
// counts every command: window.__afterviewCalls). Issue 17's target is 0.
async function mixedWrites(d, n) {
  const res = await d.executeAsyncScript(`
    const [n, done] = arguments;
    (async () => {
      const wait = (ms) => new Promise((r) => setTimeout(r, ms));
      const until = async (f, what) => {
        for (let i = 0; i < 800; i++) { const v = f(); if (v) return v; await wait(25); }
        throw new Error('timed out: ' + what);
      };
      const menu = async (opener, pick, what) => {
        opener.click();
        (await until(() => [...document.querySelectorAll('.menu [role=menuitem]')].find(pick), what)).click();
      };
      const calls = window.__afterviewCalls;
      if (!calls) throw new Error('ui/api.js exposes no command counts (window.__afterviewCalls)');
      const before = calls.board ?? 0;
      const kinds = ['done', 'skip', 'snooze', 'move'], made = {};
      for (let i = 0; i < n; i++) {
        const kind = kinds[i % kinds.length];
        if (kind === 'move') {
          const el = document.querySelector('#board [data-status="applied"] .card[data-application-id]');
          const mark = el.dataset.applicationId + ':offer';
          await menu(el.querySelector('.card-move'), (b) => b.textContent === 'Move to Offer', 'Move to Offer');
          await until(() => document.body.dataset.lastMove === mark, 'the move ' + mark);
        } else {
          const badge = document.querySelector('#board [data-status="applied"] .card .badge.overdue, #board [data-status="applied"] .card .badge.due');
          if (!badge) throw new Error('no due follow-up left on the board for ' + kind);
          // Looked up by id when checked: the card's element may be rebuilt by the answer.
          const id = badge.closest('.card').dataset.applicationId, was = badge.textContent;
          const pick = kind === 'done' ? (b) => b.textContent === 'Mark as done'
            : kind === 'skip' ? (b) => b.textContent === 'Skip'
            : (b) => b.textContent.startsWith('Snooze') && !b.textContent.startsWith('Snooze until…');
          await menu(badge, pick, kind);
          await until(() => document.querySelector('#board .card[data-application-id="' + id + '"] .badge')?.textContent !== was, kind + ' shown on its card');
        }
        made[kind] = (made[kind] ?? 0) + 1;
        await wait(50);
      }
      await wait(3000); // the scheduler's pass after the writes, and its reminders-status
      return { writes: n, made, boardReads: (calls.board ?? 0) - before };
    })().then(done, (e) => done({ error: String(e) }));`, n);
  if (res.error) throw new Error(`writes: ${res.error}`);
  return res;
}

// ---- 4: the agenda (cadence benchmark) -----------------------------------------------

// A `cargo bench` target of the core: its stdout lines. Quick mode builds it
// with the dev profile (already built for `cargo test`) on a smaller search;
// the full run uses the bench profile (release).
function cargoBench(name) {
  const argv = ['bench', '--locked', '-p', 'afterview-core', '--bench', name, ...(QUICK ? ['--profile', 'dev'] : [])];
  log(`cargo ${argv.join(' ')}${QUICK ? ' (AFTERVIEW_BENCH_QUICK=1)' : ''}…`);
  const r = sh('cargo', argv, { cwd: REPO_ROOT, env: { ...process.env, ...(QUICK ? { AFTERVIEW_BENCH_QUICK: '1' } : {}) } });
  if (r.status !== 0) throw new Error(`cargo bench ${name} failed:\n${r.stderr.slice(-4000)}`);
  return r.stdout.split('\n').filter((l) => l.trim());
}

function agenda() {
  const lines = cargoBench('agenda');
  const parsed = [];
  for (const l of lines) {
    const m = l.match(/^(.*?)\s+median\s+([\d.]+) ms\s+min\s+([\d.]+)\s+max\s+([\d.]+)\s+\((\d+) follow-ups, (\d+) runs\)/);
    if (m) parsed.push({ name: m[1].trim(), median: Number(m[2]), min: Number(m[3]), max: Number(m[4]), followups: Number(m[5]), runs: Number(m[6]) });
  }
  const find = (re) => parsed.find((p) => re.test(p.name)) ?? null;
  // A failing query counts 0 (the bench's `unwrap_or(0)`) and is fast: every
  // line must be there and have found something, or the figures mean nothing.
  const expected = [/1 application/, /10% active \(stored\)/, /fresh from facts/, /all active/, /one write/];
  const bad = expected.filter((re) => !(find(re)?.followups > 0));
  if (bad.length) throw new Error(`agenda bench: a line is missing or counted 0 follow-ups (${bad.join(', ')}):\n${lines.join('\n')}`);
  return {
    lines, parsed,
    one: find(/1 application/),
    realistic: find(/10% active \(stored\)/),
    fresh: find(/fresh from facts/),
    worst: find(/all active/),
    write: find(/one write/),
    apps: Number(lines.join('\n').match(/built (\d+) applications/)?.[1]) || null,
    facts: Number(lines.join('\n').match(/built \d+ applications, (\d+) facts/)?.[1]) || null,
  };
}

// ---- 4b: Insights at 5,000 applications (benches/insights.rs) ------------------------

function insights() {
  const lines = cargoBench('insights');
  const parsed = [];
  for (const l of lines) {
    const m = l.match(/^(.*?)\s+median\s+([\d.]+) ms\s+min\s+([\d.]+)\s+max\s+([\d.]+)\s+\((\d+) (\w+), (\d+) runs\)/);
    if (m) parsed.push({ name: m[1].trim(), median: Number(m[2]), min: Number(m[3]), max: Number(m[4]), count: Number(m[5]), runs: Number(m[7]) });
  }
  const find = (re) => parsed.find((p) => re.test(p.name)) ?? null;
  const one = find(/^baseline/), last30 = find(/last 30 days/), all = find(/whole two-year/);
  // A stats call that read nothing would be fast and wrong: the whole search must count every application.
  const apps = Number(lines.join('\n').match(/built (\d+) applications/)?.[1]) || null;
  if (!one || one.count !== 1 || !all || all.count !== apps) throw new Error(`insights bench: unexpected counts:\n${lines.join('\n')}`);
  return { lines, parsed, one, last30, all, apps };
}

// ---- 5: idle CPU ------------------------------------------------------------------------

async function idle(bins, db) {
  // Both at once, over the same period: the empty app and Afterview with 500
  // applications (nothing falls due in the period: tests/bench/data.mjs).
  const runs = [
    { key: 'baseline', ...launch(bins.baseline, { home: tmpHome(), db: null }) },
    { key: 'app', ...launch(bins.app, { home: tmpHome(), db }) },
  ];
  try {
    await Promise.all(runs.map((r) => r.ready));
    await sleep(C.idleWarm * 1000);
    const a = runs.map((r) => treeCpu(r.child.pid));
    const t0 = performance.now();
    await sleep(C.idleSeconds * 1000);
    const b = runs.map((r) => treeCpu(r.child.pid));
    const secs = (performance.now() - t0) / 1000;
    const out = { seconds: secs };
    runs.forEach((r, i) => {
      const before = new Map(a[i].per.map((p) => [p.pid, p.ticks]));
      const per = b[i].per.map((p) => ({ comm: p.comm, ms: ((p.ticks - (before.get(p.pid) ?? 0)) * 1000) / CLK_TCK }))
        .filter((p) => p.ms > 0);
      const ms = ((b[i].ticks - a[i].ticks) * 1000) / CLK_TCK;
      out[r.key] = { cpuMs: ms, percent: (ms / 1000 / secs) * 100, per, processes: processTree(r.child.pid).length };
    });
    return out;
  } finally {
    await Promise.all(runs.map((r) => r.stop()));
  }
}

// ---- 6: sizes ---------------------------------------------------------------------------

function sizes(bins) {
  const out = { app: statSync(bins.app).size, baseline: statSync(bins.baseline).size, deb: null, debFile: null };
  const dir = join(REPO_ROOT, 'target', 'release', 'bundle', 'deb');
  const newest = () => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.deb'))
    .map((f) => ({ f: join(dir, f), t: statSync(join(dir, f)).mtimeMs })).sort((x, y) => y.t - x.t)[0] ?? null : null);
  let deb = newest();
  // A .deb older than the binary just built would describe an older app.
  const stale = deb && C.profile === 'release' && deb.t < statSync(bins.appSource).mtimeMs;
  if ((!deb || stale) && !QUICK) {
    log('building the .deb (npx tauri build --bundles deb)…');
    const r = sh('npx', ['--no-install', 'tauri', 'build', '--bundles', 'deb'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error('npx tauri build --bundles deb failed');
    deb = newest();
  }
  if (deb) { out.deb = statSync(deb.f).size; out.debFile = deb.f.slice(REPO_ROOT.length + 1); out.debStale = stale && QUICK; }
  return out;
}

// ---- report -----------------------------------------------------------------------------

const fmt = {
  ms: (x) => (x == null ? '–' : x < 0.1 ? `${x.toFixed(3)} ms` : x < 10 ? `${x.toFixed(2)} ms` : x < 1000 ? `${x.toFixed(1)} ms` : `${Math.round(x).toLocaleString('en')} ms`),
  mib: (x) => (x == null ? '–' : `${x.toFixed(1)} MiB`),
  pct: (x) => (x == null ? '–' : `${x.toFixed(3)} %`),
  ratio: (a, b) => (a == null || b == null || b === 0 ? '–' : `${(a / b).toFixed(2)}×`),
};

function rows(R) {
  const s = R.startup, b = R.board, f = R.floor, a = R.agenda, i = R.idle, z = R.sizes, n = R.insights;
  const verdict = (ok) => (ok == null ? '' : ok ? 'met' : '**missed**');
  const out = [];
  const row = (unit, name, value, base, ratio, target, ok) => out.push({ unit, name, value, base, ratio, target, ok, verdict: verdict(ok) });
  const r = (x, y) => (x == null || y == null || y === 0 ? null : x / y);
  for (const n of [0, BIG]) {
    const v = s?.[`app${n}`];
    row('ms', `start-up to first paint, ${n.toLocaleString('en')} applications`, v?.medianMs, s?.baseline?.medianMs, r(v?.medianMs, s?.baseline?.medianMs), '≤ 1.25×',
      r(v?.medianMs, s?.baseline?.medianMs) == null ? null : r(v.medianMs, s.baseline.medianMs) <= 1.25);
  }
  for (const n of [0, BIG]) {
    const v = s?.[`app${n}`];
    row('MiB', `memory (PSS, whole tree) 10 s after start, ${n.toLocaleString('en')} applications`, v?.pssMiB, s?.baseline?.pssMiB, r(v?.pssMiB, s?.baseline?.pssMiB), '≤ 1.15×',
      r(v?.pssMiB, s?.baseline?.pssMiB) == null ? null : r(v.pssMiB, s.baseline.pssMiB) <= 1.15);
    row('MiB', `memory (RSS, whole tree) 10 s after start, ${n.toLocaleString('en')} applications`, v?.rssMiB, s?.baseline?.rssMiB, r(v?.rssMiB, s?.baseline?.rssMiB), '', null);
  }
  const typedWork = median(b?.typed.map((t) => t.work) ?? []), typedPaint = median(b?.typed.map((t) => t.painted) ?? []);
  const dropRendered = median(b?.drops.map((t) => t.rendered) ?? []), dropPainted = median(b?.drops.map((t) => t.painted) ?? []);
  const dropStored = median(b?.drops.map((t) => t.stored) ?? []);
  const floorWork = median(f?.work ?? []), floorPaint = median(f?.painted ?? []);
  row('ms', `filter as you type, ${BIG.toLocaleString('en')} cards: keystroke to laid out`, typedWork, floorWork, r(typedWork, floorWork), '< 16 ms', typedWork == null ? null : typedWork < 16);
  const cardsWork = median(f?.cardsWork ?? []), cardsPaint = median(f?.cardsPainted ?? []);
  row('ms', `filter as you type, ${BIG.toLocaleString('en')} cards: keystroke to painted (floor: 60 card-like elements replaced in the empty app)`, typedPaint, cardsPaint, r(typedPaint, cardsPaint), '', null);
  row('ms', 'context: 60 card-like elements replaced in the empty app, laid out', cardsWork, null, null, '', null);
  row('ms', `status change, ${BIG.toLocaleString('en')} cards: drop to re-rendered (optimistic: the card laid out in its new column)`, dropRendered, floorWork, r(dropRendered, floorWork), '< 16 ms', dropRendered == null ? null : dropRendered < 16);
  row('ms', `status change, ${BIG.toLocaleString('en')} cards: drop to re-rendered and painted`, dropPainted, floorPaint, r(dropPainted, floorPaint), '', null);
  row('ms', `status change, ${BIG.toLocaleString('en')} cards: drop to stored (the store's answer applied and laid out)`, dropStored, floorWork, r(dropStored, floorWork), '', null);
  const w = b?.writes;
  row('count', `board reads during ${w?.writes ?? 20} mixed writes (Done, Skip, Snooze, move), ${BIG.toLocaleString('en')} cards`, w?.boardReads ?? null, null, null, '0', w ? w.boardReads === 0 : null);
  const scale = a?.facts ? `${a.apps?.toLocaleString('en')} applications / ${a.facts.toLocaleString('en')} facts` : 'at scale';
  row('ms', `agenda, ${scale}, 10 % active`, a?.realistic?.median, a?.one?.median, r(a?.realistic?.median, a?.one?.median), '< 20 ms', a?.realistic ? a.realistic.median < 20 : null);
  row('ms', `agenda, ${scale}, all active (worst case)`, a?.worst?.median, a?.one?.median, r(a?.worst?.median, a?.one?.median), '< 20 ms', a?.worst ? a.worst.median < 20 : null);
  row('ms', `Insights stats, ${n?.apps?.toLocaleString('en') ?? ''} applications, last 30 days`, n?.last30?.median, n?.one?.median, r(n?.last30?.median, n?.one?.median), '< 50 ms', n?.last30 ? n.last30.median < 50 : null);
  row('ms', `Insights stats, ${n?.apps?.toLocaleString('en') ?? ''} applications, the whole search`, n?.all?.median, n?.one?.median, r(n?.all?.median, n?.one?.median), '< 50 ms', n?.all ? n.all.median < 50 : null);
  row('%', `idle CPU, whole tree, ${IDLE_APPS} applications, ${Math.round(i?.seconds ?? C.idleSeconds)} s`, i?.app?.percent, i?.baseline?.percent, r(i?.app?.percent, i?.baseline?.percent), '< 0.1 %', i?.app ? i.app.percent < 0.1 : null);
  row('bytes', `binary size (${C.profile})`, z?.app, z?.baseline, r(z?.app, z?.baseline), C.profile === 'release' ? '≤ 8 MiB' : '', z && C.profile === 'release' ? z.app <= 8 * MiB : null);
  row('bytes', '.deb size', z?.deb ?? null, null, null, '', null);
  return out;
}

function cell(x, unit) {
  if (x == null) return '–';
  // WebKit's performance.now() counts whole milliseconds: 0 means under one.
  if (unit === 'ms') return x === 0 ? '< 1 ms' : fmt.ms(x);
  if (unit === 'MiB') return fmt.mib(x);
  if (unit === '%') return fmt.pct(x);
  if (unit === 'count') return String(x);
  return fmt.mib(x / MiB);
}

function markdown(R, table) {
  const m = R.machine, s = R.startup, i = R.idle, a = R.agenda, b = R.board, f = R.floor;
  const L = [];
  L.push(`## Against the floor: an empty Tauri app (issue 8)`, '');
  L.push(`\`${R.command}\` — ${m.date}, commit ${m.commit}. ${R.mode}`, '');
  L.push(`Machine: ${m.nproc} cores (${m.cpu}), ${m.ramGiB.toFixed(1)} GiB RAM, Linux ${m.kernel}, WebKitGTK ${m.webkitgtk}, ` +
    `Tauri ${m.tauri}, Xvfb 1400×900. Load average at the start: ${m.loadavg} (shared with other builds: figures are noisy).`, '');
  L.push('| measurement | Afterview | empty Tauri app | ratio | target | |', '|---|---:|---:|---:|---|---|');
  for (const t of table) L.push(`| ${t.name} | ${cell(t.value, t.unit)} | ${cell(t.base, t.unit)} | ${t.ratio == null ? '–' : `${t.ratio.toFixed(2)}×`} | ${t.target} | ${t.verdict} |`);
  L.push('');
  L.push('How each figure is taken (`tests/bench/run.mjs`):', '');
  L.push(`- Start-up: median of ${C.rounds} runs after one warm-up, from exec until the app prints \`AFTERVIEW_READY\`, which it does two animation frames after its first board render ` +
    '(the baseline page, after its first paint). Each variant keeps its own HOME across runs, like a returning user.' +
    (s ? ` Own count from \`run()\` to the mark: ${['baseline', 'app0', 'app5000'].map((k) => `${k} ${fmt.ms(s[k]?.selfMedianMs)}`).join(', ')}.` : '') +
    (s ? ` Where it goes (median ms from \`run()\` at which each step ended; \`AFTERVIEW_PHASES\`): ${['baseline', 'app0', 'app5000'].map((k) => `${k}: ${phaseText(s[k]?.phases)}`).join('; ')}.` : ''));
  L.push(`- Memory: PSS and RSS summed over the process and all its descendants, from \`/proc/<pid>/smaps_rollup\`, ${C.settleMs / 1000} s after exec, median of ${C.memRounds} run(s).` +
    (s ? ` Split of a median run (PSS MiB): baseline ${s.baseline?.processes}; 0 applications ${s.app0?.processes}; ${BIG} applications ${s.app5000?.processes}.` : '') +
    (s && Object.values(s).some((v) => v.unreadable?.length) ? ` Unreadable (left out): ${Object.values(s).flatMap((v) => v.unreadable ?? []).join(', ')}.` : ''));
  L.push(`- Board: in the webview of the running app (WebDriver) at ${BIG.toLocaleString('en')} applications` +
    (b ? ` (${b.cards} card elements in the DOM: columns render in pages as they scroll)` : '') +
    `. Filter: every prefix of a typed query and then clearing it (${b?.typed.length ?? 0} keystrokes), through the board's own search (\`applySearch\`, called by the search box after its 60 ms debounce: the \`board\` command's search in SQLite and its first pages, rendered); ` +
    '"laid out" forces style and layout at once, "painted" waits two animation frames (the filter\'s row and its floor alike). Status change: focus a card, Space, an arrow key, Space, timed from the last Space ' +
    `(${b?.drops.length ?? 0} drops between Applied and Wishlist): to the card re-rendered in its new column and laid out (the board shows it before the store answers; body[data-shown-move]), to that painted, and to the store's answer applied (body[data-last-move]; both marks cleared before each drop). ` +
    `The board's own counts: drop to re-rendered and laid out ${fmt.ms(median(b?.drops.map((x) => x.shown).filter((x) => x != null) ?? []))}; to the answer applied and laid out ${fmt.ms(median(b?.drops.map((x) => x.own).filter((x) => x != null) ?? []))} ` +
    `(of which the \`move_application\` command, IPC and SQLite commit included: ${fmt.ms(median(b?.drops.map((x) => x.command).filter((x) => x != null) ?? []))}; ` +
    `the answer's columns re-rendered: ${fmt.ms(median(b?.drops.map((x) => x.renderMs).filter((x) => x != null) ?? []))}; style and layout: ${fmt.ms(median(b?.drops.map((x) => x.laidOut).filter((x) => x != null) ?? []))}). ` +
    'The empty app\'s column is the same kind of span for a one-node change: the floor any DOM update pays; for "keystroke to painted" it is five columns of 12 card-like elements replaced at once in the empty app (what a filter repaints), which shows how much of the painted time is this display\'s painting rather than the board\'s work. ' +
    'WebKit rounds `performance.now()` to whole milliseconds, so the floor\'s "laid out" reads 0 or 1 ms.' +
    (b?.trips ? ` Where a keystroke goes (each timed right after a paint, as in the filter's loop): the \`board\` command's search alone (IPC, SQLite, JSON) ${fmt.ms(median(b.trips.search))}, ` +
      `of which a round trip to a command that does nothing ${fmt.ms(median(b.trips.noop))} (the empty app's, to its one command: ${fmt.ms(median(f?.trips ?? []))}); ` +
      `the rest of the keystroke to laid out (its pages rendered, style and layout; the difference of the two medians) ${fmt.ms(median(b.typed.map((t) => t.work)) - median(b.trips.search))}, against ${fmt.ms(median(f?.cardsWork ?? []))} for the empty app's 60 card-like elements.` : '') +
    (b?.reload ? ` Where start-up goes at this size: reading the board again (the \`board\` command: IPC, counts, each column's first page, JSON) takes ${fmt.ms(b.reload.fetchMs)}, rendering it from scratch ${fmt.ms(b.reload.renderMs)}, to painted ${fmt.ms(b.reload.totalMs)} (median of 3).` : ''));
  if (a) {
    L.push(`- Agenda: \`cargo bench -p afterview-core --bench agenda\`${QUICK ? ' (quick: AFTERVIEW_BENCH_QUICK=1, dev profile)' : ''}; the baseline is the same query on one application. Its lines:`, '');
    L.push('```', ...a.lines, '```');
  }
  if (R.insights) {
    L.push(`- Insights: \`cargo bench -p afterview-core --bench insights\`${QUICK ? ' (quick: AFTERVIEW_BENCH_QUICK=1, dev profile)' : ''}: \`Store::stats\`, the SQL read of the facts plus the figures, on a database file; the baseline is one application. Its lines:`, '');
    L.push('```', ...R.insights.lines, '```');
  }
  if (i) {
    L.push(`- Idle: utime + stime of each tree from \`/proc/<pid>/stat\` over ${Math.round(i.seconds)} s, both apps running side by side, after ${C.idleWarm} s to settle` +
      `; ${IDLE_APPS} applications, nothing falls due in the period (the scheduler sleeps). Afterview: ${i.app.per.map((p) => `${p.comm} ${p.ms.toFixed(0)} ms`).join(', ') || 'no measurable CPU'}; ` +
      `empty app: ${i.baseline.per.map((p) => `${p.comm} ${p.ms.toFixed(0)} ms`).join(', ') || 'no measurable CPU'} (resolution: ${1000 / CLK_TCK} ms).`);
  }
  if (R.sizes) {
    L.push(`- Sizes: the ${C.profile} binaries (release profile: LTO, opt-level "s", stripped, panic = abort)` +
      (R.sizes.debFile ? `; ${R.sizes.debFile}${R.sizes.debStale ? ' (older than the binary: not rebuilt in quick mode)' : ''}.` : '; no .deb built (quick mode builds none).'));
  }
  if (R.importMs) L.push(`- Importing the ${BIG.toLocaleString('en')}-application document (\`afterview import\`): ${fmt.ms(R.importMs)}.`);
  if (R.errors.length) L.push('', `Failed: ${R.errors.map((e) => `${e.part}: ${e.message.split('\n')[0]}`).join('; ')}`);
  return L.join('\n');
}

function writeBenchmarks(md) {
  const file = join(REPO_ROOT, 'BENCHMARKS.md');
  const start = '<!-- bench:start -->', end = '<!-- bench:end -->';
  const block = `${start}\n${md}\n${end}`;
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const i = text.indexOf(start), j = text.indexOf(end);
  if (i >= 0 && j > i) text = text.slice(0, i) + block + text.slice(j + end.length);
  else text = `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, text);
}

// ---- main -------------------------------------------------------------------------------

const R = {
  command: QUICK ? './dev.sh bench --quick' : './dev.sh bench',
  mode: QUICK
    ? `Quick mode: DEBUG builds, ${C.rounds} start-up runs, memory from ${C.memRounds} run, ${C.idleSeconds} s idle, the agenda at 500 applications — a smoke test, not figures to quote.`
    : 'Release builds of both apps (same profile), every figure the median of several runs.',
  machine: machine(),
  errors: [],
};
const t0 = Date.now();
let bins;
try {
  bins = build();
} catch (e) {
  console.error(`[bench] ${e.message}`);
  process.exit(1);
}
const work = mkdtempSync(join(tmpdir(), 'afterview-bench-'));
const part = async (name, fn) => {
  const t = Date.now();
  try {
    return await fn();
  } catch (e) {
    R.errors.push({ part: name, message: e.message });
    console.error(`[bench] ${name} FAILED: ${e.stack ?? e.message}`);
    return null;
  } finally {
    log(`${name}: ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
};
try {
  log(R.mode);
  const dbs = await part('databases', () => {
    const out = { 0: makeDb(bins.app, work, 0), [IDLE_APPS]: makeDb(bins.app, work, IDLE_APPS), [BIG]: makeDb(bins.app, work, BIG) };
    R.importMs = out[BIG].importMs;
    return out;
  });
  if (dbs) {
    const boardDb = copyDb(dbs[BIG].db, join(work, 'board.db'));
    R.startup = {};
    await part('start-up and memory', () => startupAndMemory(bins, dbs, R.startup));
    if (!STARTUP_ONLY) {
      R.floor = await part('frame floor (empty app)', () => frameFloor(bins));
      R.board = await part(`board at ${BIG}`, () => board(bins, boardDb));
      R.idle = await part('idle CPU', () => idle(bins, dbs[IDLE_APPS].db));
    }
  }
  if (!STARTUP_ONLY) {
    R.agenda = await part('agenda', () => agenda());
    R.insights = await part('insights', () => insights());
    R.sizes = await part('sizes', () => sizes(bins));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
  rmSync(bins.dir, { recursive: true, force: true });
}
if (STARTUP_ONLY) {
  for (const [k, v] of Object.entries(R.startup ?? {})) console.log(k, JSON.stringify({ medianMs: v.medianMs, pssMiB: v.pssMiB, processes: v.processes, phases: v.phases }));
  process.exit(0);
}

const table = rows(R);
// The figures are kept before they are written up: a run takes 20 minutes.
mkdirSync(join(REPO_ROOT, 'bench-results'), { recursive: true });
writeFileSync(join(REPO_ROOT, 'bench-results', QUICK ? 'quick.json' : 'full.json'), JSON.stringify({ ...R, table }, null, 2));
const md = markdown(R, table);
console.log(md);
if (!QUICK) {
  writeBenchmarks(md);
  log('BENCHMARKS.md updated (between <!-- bench:start --> and <!-- bench:end -->)');
}
// Every figure must have been produced (its value is not judged: noisy machines).
const missing = table.filter((t) => !Number.isFinite(t.value) || (t.base !== null && t.name !== '.deb size' && !Number.isFinite(t.base)))
  .filter((t) => !(QUICK && t.name === '.deb size'))
  .map((t) => t.name)
  // Where start-up time goes is part of the report: both apps must say it.
  .concat(Object.entries(R.startup ?? {}).filter(([, v]) => !v.phases?.painted || !v.phases?.['page-load-started']).map(([k]) => `start-up steps of ${k}`));
log(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
if (missing.length || R.errors.length) {
  console.error(`[bench] missing figures: ${missing.join('; ') || 'none'}; failures: ${R.errors.map((e) => e.part).join(', ') || 'none'}`);
  process.exit(1);
}
