// Start at login (issue 19): Settings' checkbox writes an XDG autostart
// entry that starts Afterview in the background (--hidden), and removes it
// when unticked; Settings' Quit Afterview ends the app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, startApp, tmpHome, waitFor } from './harness.mjs';

test('Start at login writes an autostart entry with --hidden and removes it when turned off; Quit Afterview quits', async () => {
  const home = tmpHome();
  const dir = join(home, '.config', 'autostart');
  const app = await startApp({ home, stopGraceMs: 5_000 });
  try {
    const d = app.driver;
    await d.waitForElement('body[data-board-ready=true]', { timeout: 15_000 });
    await d.click('#tab-settings');
    await d.waitForElement('#s-autostart:not([disabled])', { timeout: 10_000 });
    assert.equal(await d.executeScript('return document.querySelector("#s-autostart").checked'), false);
    assert.equal(existsSync(dir) && readdirSync(dir).length > 0, false, 'no entry before');

    await d.click('#s-autostart');
    const file = join(dir, 'Afterview.desktop');
    await waitFor(() => existsSync(file), { timeout: 10_000, message: `the autostart entry ${file}` });
    const entry = readFileSync(file, 'utf8');
    assert.match(entry, /^\[Desktop Entry\]$/m);
    assert.match(entry, /^Type=Application$/m);
    assert.match(entry, /^Name=Afterview$/m);
    const exec = entry.match(/^Exec=(.*)$/m)?.[1];
    assert.equal(exec, `${BIN} --hidden`, 'starts this binary in the background');
    await waitFor(async () => d.executeScript('return document.querySelector("#s-autostart").checked && !document.querySelector("#s-autostart").disabled'),
      { timeout: 5_000, message: 'ticked' });

    await d.click('#s-autostart');
    await waitFor(() => !existsSync(file), { timeout: 10_000, message: 'the entry removed when turned off' });
    await waitFor(async () => !(await d.executeScript('return document.querySelector("#s-autostart").checked')),
      { timeout: 5_000, message: 'unticked' });

    // Quit Afterview (Settings): the app ends (the window's close only hides it).
    const appAlive = () => existsSync(`/proc/${app.pid}`) && readdirSync('/proc').some((p) => {
      try { return readFileSync(`/proc/${p}/cmdline`, 'utf8').startsWith(BIN) && readFileSync(`/proc/${p}/environ`, 'utf8').includes(`HOME=${home}\0`); } catch { return false; }
    });
    assert.ok(appAlive(), 'the app runs');
    d.click('#quit-app').catch(() => {}); // the session ends with the app
    await waitFor(() => !appAlive(), { timeout: 10_000, message: 'the app quit' });
  } finally {
    await app.stop();
  }
});
