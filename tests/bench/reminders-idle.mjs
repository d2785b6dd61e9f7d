// Idle cost of the reminder scheduler: CPU time and wake-ups of the running
// app over a period (default 10 minutes), with 500 applications, next to a
// baseline measured at the same time: the same app on an empty database.
//
//   NO_AT_BRIDGE=1 xvfb-run -a -s "-screen 0 1400x900x24" dbus-run-session -- \
//     node tests/bench/reminders-idle.mjs [seconds]
// (each app then gets a session bus of its own, with dunst D-Bus-activated on it)
//
// Reads /proc/<pid>/stat (utime+stime, in clock ticks) for the app process
// and for its WebKit child processes, and /proc/<pid>/task/<tid>/status
// (voluntary context switches: each sleep, and each wait for a lock or for
// the notification thread, so an upper bound on its wake-ups) and
// /proc/<pid>/task/<tid>/stat (CPU) for the scheduler thread ("afterview-sched"). Five of the 500 applications have a follow-up that
// comes due during the measured period, so deliveries are part of it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = process.env.AFTERVIEW_BIN || join(ROOT, 'target', 'debug', 'afterview');
const SECONDS = Number(process.argv[2] ?? 600);
const WARMUP = 20;
const TICK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
const NOW = '2026-11-26T10:00:00Z'; // Thursday, 11:00 in Berlin
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');

function doc(n) {
  const t0 = Date.parse(NOW);
  const apps = [];
  for (let i = 0; i < n; i++) {
    // Five interviews end during the measured window; the rest are spread
    // over the previous and the next two months.
    const end = i < 5
      ? t0 + (WARMUP + ((i + 1) * SECONDS) / 6) * 1000
      : t0 + ((i * 7919) % 120 - 60) * 86_400_000 + (i % 9) * 3_600_000;
    const status = ['applied', 'interviewing', 'offer', 'rejected'][i % 4];
    apps.push({
      id: `a${i}`, company: `Company ${i}`, role: 'Engineer', status, applied_at: iso(end - 20 * 86_400_000),
      contacts: [{ id: `c${i}`, name: `Person ${i}`, title: null, email: null, linkedin_url: null, linkedin_consent: i % 3 ? 'yes' : 'no' }],
      interviews: [{ id: `i${i}`, starts_at: iso(end - 3_600_000), ends_at: iso(end), format: 'video', interviewer_ids: [`c${i}`],
        went: 'well', physical_note: i % 5 === 0, next_steps: null, expected_reply_by: null }],
    });
  }
  return { afterview: 1, applications: apps };
}

function cpuTicks(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]); // utime, stime (fields 14, 15)
  } catch {
    return 0;
  }
}

function descendants(pid) {
  const kids = new Map();
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const s = readFileSync(`/proc/${p}/stat`, 'utf8');
      const ppid = Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]);
      if (!kids.has(ppid)) kids.set(ppid, []);
      kids.get(ppid).push(Number(p));
    } catch { /* gone */ }
  }
  const out = [];
  const walk = (p) => (kids.get(p) ?? []).forEach((c) => { out.push(c); walk(c); });
  walk(pid);
  return out;
}

/** The scheduler thread: [voluntary context switches, CPU ticks]. */
function schedulerThread(pid) {
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const status = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
    if (/^Name:\s+afterview-sched/m.test(status)) {
      return [Number(status.match(/^voluntary_ctxt_switches:\s+(\d+)/m)[1]), cpuTicks(`${pid}/task/${tid}`)];
    }
  }
  return [null, null];
}

function start(label, n) {
  const home = mkdtempSync(join(tmpdir(), `afterview-bench-${label}-`));
  for (const d of ['.config', '.cache', '.local/share']) mkdirSync(join(home, d), { recursive: true });
  const db = join(home, 'afterview.db');
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache'),
    XDG_DATA_HOME: join(home, '.local/share'), AFTERVIEW_DB: db, AFTERVIEW_NOW: NOW, TZ: 'Europe/Berlin', NO_AT_BRIDGE: '1' };
  if (n > 0) {
    writeFileSync(join(home, 'doc.json'), JSON.stringify(doc(n)));
    const r = spawnSync(BIN, ['import', join(home, 'doc.json')], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`import failed: ${r.stderr}`);
  }
  // Each app on a session bus of its own: on a shared one, single-instance
  // would (rightly) make the second launch hand over to the first and exit.
  const child = spawn('dbus-run-session', ['--', BIN], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (b) => { log += b; });
  return { label, n, child, home, log: () => log, pid: null };
}

function comm(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

function sample(app) {
  app.pid ??= descendants(app.child.pid).find((p) => comm(p) === 'afterview');
  if (!app.pid || !comm(app.pid)) throw new Error(`${app.label}: the app is not running:\n${app.log()}`);
  const kids = descendants(app.pid);
  return {
    app: cpuTicks(app.pid),
    children: kids.reduce((s, p) => s + cpuTicks(p), 0),
    wakeups: schedulerThread(app.pid)[0],
    scheduler: schedulerThread(app.pid)[1],
  };
}

const runs = [start('baseline', 0), start('500', 500)];
try {
  await sleep(WARMUP * 1000);
  const a = runs.map(sample);
  const t0 = Date.now();
  await sleep(SECONDS * 1000);
  const b = runs.map(sample);
  const secs = (Date.now() - t0) / 1000;
  const results = runs.map((r, i) => ({
    run: r.label,
    applications: r.n,
    seconds: Math.round(secs),
    app_cpu_ms: ((b[i].app - a[i].app) * 1000) / TICK,
    webkit_cpu_ms: ((b[i].children - a[i].children) * 1000) / TICK,
    app_cpu_percent: Number(((((b[i].app - a[i].app) / TICK) / secs) * 100).toFixed(3)),
    scheduler_cpu_ms: ((b[i].scheduler - a[i].scheduler) * 1000) / TICK,
    scheduler_wakeups: b[i].wakeups - a[i].wakeups,
    scheduler_wakeups_per_hour: Math.round(((b[i].wakeups - a[i].wakeups) * 3600) / secs),
    app_log: r.log().split('\n').filter((l) => l.startsWith('afterview:')),
  }));
  console.log(JSON.stringify(results, null, 2));
  for (const r of results) {
    console.log(`${r.run}: ${r.applications} applications, ${r.seconds} s: app ${r.app_cpu_ms} ms CPU (${r.app_cpu_percent} %), ` +
      `WebKit children ${r.webkit_cpu_ms} ms, scheduler thread ${r.scheduler_cpu_ms} ms CPU and ${r.scheduler_wakeups} wake-ups (${r.scheduler_wakeups_per_hour}/h)`);
  }
} finally {
  for (const r of runs) {
    if (r.pid && comm(r.pid)) process.kill(r.pid, 'SIGTERM');
  }
  await sleep(2_000);
  for (const r of runs) {
    if (r.child.exitCode === null) r.child.kill('SIGKILL');
    rmSync(r.home, { recursive: true, force: true });
  }
}
