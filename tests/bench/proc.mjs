// What a running process tree costs, read from /proc (Linux only): the
// process and every descendant (for a Tauri app: the app, WebKit's web and
// network processes, and the bubblewrap/xdg-dbus-proxy sandbox around them).

import { readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/** Clock ticks per second (utime and stime in /proc/<pid>/stat count these). */
export const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces), or null when gone. */
function statFields(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return { comm: s.slice(s.indexOf('(') + 1, s.lastIndexOf(')')), f: s.slice(s.lastIndexOf(')') + 2).split(' ') };
  } catch {
    return null;
  }
}

/** `pid` and all its live descendants: [{pid, comm}]. */
export function processTree(pid) {
  const children = new Map();
  const comms = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const st = statFields(name);
    if (!st || st.f[0] === 'Z' || st.f[0] === 'X') continue; // zombies cost nothing any more
    const ppid = Number(st.f[1]);
    comms.set(Number(name), st.comm);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(name));
  }
  const out = [];
  const walk = (p) => {
    if (!comms.has(p)) return;
    out.push({ pid: p, comm: comms.get(p) });
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(pid);
  return out;
}

/** utime + stime of one process, in clock ticks (0 when gone). */
export function cpuTicks(pid) {
  const st = statFields(pid);
  return st ? Number(st.f[11]) + Number(st.f[12]) : 0;
}

/** {pssKiB, rssKiB, anonKiB, fileKiB} of one process from smaps_rollup, or null when unreadable (gone, or not ours). */
export function memory(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kib = (key) => Number(s.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1]);
    const pss = kib('Pss'), rss = kib('Rss');
    // Where the PSS is: heap and other anonymous memory, or mapped files (code, data, fonts).
    const anon = kib('Pss_Anon'), file = kib('Pss_File');
    return Number.isFinite(pss) && Number.isFinite(rss)
      ? { pssKiB: pss, rssKiB: rss, anonKiB: Number.isFinite(anon) ? anon : null, fileKiB: Number.isFinite(file) ? file : null }
      : null;
  } catch {
    return null;
  }
}

/**
 * Memory of the whole tree under `pid`: totals in MiB, and each process
 * ({pid, comm, pssMiB, rssMiB}); `unreadable` lists processes whose
 * smaps_rollup could not be read (they are left out of the totals).
 */
export function treeMemory(pid) {
  const procs = [], unreadable = [];
  let pss = 0, rss = 0;
  for (const p of processTree(pid)) {
    const m = memory(p.pid);
    if (!m) { unreadable.push(p); continue; }
    pss += m.pssKiB;
    rss += m.rssKiB;
    procs.push({ ...p, pssMiB: m.pssKiB / 1024, rssMiB: m.rssKiB / 1024, anonMiB: m.anonKiB == null ? null : m.anonKiB / 1024, fileMiB: m.fileKiB == null ? null : m.fileKiB / 1024 });
  }
  return { pssMiB: pss / 1024, rssMiB: rss / 1024, procs, unreadable };
}

/** utime + stime of the whole tree, in ticks, with each process's share. */
export function treeCpu(pid) {
  const per = processTree(pid).map((p) => ({ ...p, ticks: cpuTicks(p.pid) }));
  return { ticks: per.reduce((s, p) => s + p.ticks, 0), per };
}
