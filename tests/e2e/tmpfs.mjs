// A small file system that the test can fill up mid-run: a full disk, for the
// tests of writes the disk refuses (disk-full, optimistic-move). Mounting
// needs root, as CI runs; the tests skip loudly otherwise.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const isRoot = process.getuid?.() === 0;

/** A tmpfs of `size` on a fresh folder; `remove()` unmounts it. */
export function tmpfs(size) {
  const dir = mkdtempSync(join(tmpdir(), 'afterview-full-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { encoding: 'utf8' });
  assert.equal(r.status, 0, `mount a tmpfs: ${r.stderr}`);
  return { dir, remove: () => { spawnSync('umount', [dir]); rmSync(dir, { recursive: true, force: true }); } };
}

/** Writes zeros into `file` until the file system refuses (ENOSPC). */
export function fill(file) {
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, block);
  } catch (e) {
    assert.equal(e.code, 'ENOSPC', `filling the disk: ${e.message}`);
  } finally {
    closeSync(fd);
  }
}
