// The README's Insights screenshots from the real app under Xvfb, on the
// sample job search, in light and in dark (GTK_THEME=Adwaita:dark: WebKitGTK
// then reports prefers-color-scheme: dark): `./dev.sh screenshot`.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startApp, tmpDb, runCli, REPO_ROOT } from './harness.mjs';

const out = join(REPO_ROOT, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const db = tmpDb();
const env = { AFTERVIEW_NOW: '2026-11-26T10:00:00Z', TZ: 'Europe/Berlin' };
const r = runCli(['import', '--sample'], { db, env });
if (r.status !== 0) throw new Error(`sample import failed: ${r.stderr}`);

for (const [name, theme] of [['insights', null], ['insights-dark', 'Adwaita:dark']]) {
  const app = await startApp({ db, env: theme ? { ...env, GTK_THEME: theme } : env });
  try {
    const d = app.driver;
    await d.setWindowRect({ width: 1360, height: 1000 });
    await d.waitForElement('body[data-board-ready=true]', { timeout: 15_000 });
    const dark = await d.executeScript('return matchMedia("(prefers-color-scheme: dark)").matches');
    if (dark !== Boolean(theme)) throw new Error(`${name}: the webview reports prefers-color-scheme ${dark ? 'dark' : 'light'}`);
    await d.click('#tab-insights');
    // The last 90 days: the sample's whole search.
    await d.click('#insights-range-90');
    await d.waitForElement('body[data-insights-ready="2026-08-29/2026-11-26"]');
    await new Promise((res) => setTimeout(res, 800));
    await d.takeScreenshot(); // the first capture after a resize can be a stale frame
    writeFileSync(join(out, `${name}.png`), await d.takeScreenshot());
    console.log(`wrote docs/screenshots/${name}.png (prefers-color-scheme: ${dark ? 'dark' : 'light'})`);
  } finally {
    await app.stop();
  }
}
