// A zone that cannot be read is said in the window (issue 12: never
// silently UTC): the toast at start-up and the Settings' about line name it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, waitFor } from './harness.mjs';

test('a TZ that names no readable zone is said at start-up and in Settings', async () => {
  const a = await startApp({ env: { TZ: 'Mars/Olympus_Mons' } });
  try {
    const d = a.driver;
    await d.waitForElement('body[data-board-ready=true]', { timeout: 15_000 });
    const toast = await waitFor(async () => {
      const t = await d.getText('#toast').catch(() => '');
      return t.includes('Mars/Olympus_Mons') ? t : null;
    }, { timeout: 10_000, message: 'the toast names the zone' });
    assert.ok(await d.executeScript('return document.querySelector("#toast").classList.contains("error")'), toast);
    const about = await d.executeScript('return document.querySelector("#about").textContent');
    assert.match(about, /Mars\/Olympus_Mons/, about);
  } finally {
    await a.stop();
  }
});
