// The README's Insights screenshots from the real app under Xvfb, on the
// sample job search, in light and in dark (GTK_THEME=Adwaita:dark: WebKitGTK
// then reports prefers-color-scheme: dark): `./dev.sh screenshot`.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sampleDb, withBoard, REPO_ROOT } from './harness.mjs';

const out = join(REPO_ROOT, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const env = { AFTERVIEW_NOW: '2026-11-26T10:00:00Z', TZ: 'Europe/Berlin' };
const db = sampleDb(env);

for (const [name, theme] of [['insights', null], ['insights-dark', 'Adwaita:dark']]) {
  await withBoard(db, theme ? { ...env, GTK_THEME: theme } : env, async (d) => {
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
  }, { width: 1360, height: 1000 });
}
