// A real drop of files on the window, as a file manager makes it: the XDND
// protocol from another X client (x11.py drop), so the whole path runs —
// GTK's drop, Tauri's WindowEvent::DragDrop, picked.rs registering each path
// and emitting `files-dropped` with tokens, ui/ingest.js recording them
// (issue 15: the page gets a token per file, never the path).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBoard, groupProcesses, waitFor } from './harness.mjs';
import { seededDb, env, fixture } from './ingest-helpers.mjs';
import { windows, x11 } from './desktop.mjs';
import { dirname } from 'node:path';

test('files dropped on the window from outside are recorded, and the page only ever sees their names', async () => {
  await withBoard(seededDb(), env, async (d, a) => {
  // The page records every `files-dropped` it receives.
  await d.executeScript(`window.__dropped = []; window.__TAURI__.event.listen('files-dropped', (e) => window.__dropped.push(e.payload));`);

  const app = (groupProcesses(a.pid) ?? []).find((p) => p.comm === 'afterview');
  assert.ok(app, 'the app process');
  const win = await waitFor(() => windows(app.pid).find((w) => w.viewable && w.width > 600), { timeout: 10_000, message: 'the app window' });
  const answer = JSON.parse(x11('drop', win.id, Math.floor(win.width / 2), Math.floor(win.height / 2), fixture('google-invite.ics'), fixture('not-a-mail.txt')));
  assert.deepEqual(answer, { accepted: true, finished: true }, 'the window accepted the drop and said it is done');

  const items = () => d.executeScript(`return [...document.querySelectorAll('#ingest-list .ingest-item')].map(li => ({ state: li.dataset.state, file: li.dataset.file, text: li.textContent }))`);
  const got = await waitFor(async () => { const i = await items(); return i.length === 2 ? i : null; }, { timeout: 15_000, message: 'both files reported' });
  const ics = got.find((i) => i.file === 'google-invite.ics');
  assert.equal(ics?.state, 'done', JSON.stringify(got));
  assert.match(ics.text, /^Interview logged for Acme: /);
  assert.equal(got.find((i) => i.file === 'not-a-mail.txt')?.state, 'error');

  // What reached the page: tokens ending in the names, no folder.
  const dropped = await d.executeScript('return window.__dropped');
  assert.equal(dropped.length, 1);
  const files = dropped[0].files;
  assert.deepEqual(files.map((f) => f.name), ['google-invite.ics', 'not-a-mail.txt']);
  for (const f of files) assert.match(f.file, /^chosen:[0-9a-f]+\//, JSON.stringify(f));
  const folder = dirname(fixture('google-invite.ics'));
  assert.ok(!JSON.stringify(dropped).includes(folder), 'the path never reaches the page');
  assert.ok(!(await d.executeScript('return document.documentElement.outerHTML')).includes(folder));
  });
});
