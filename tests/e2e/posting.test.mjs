// "Fill from the posting" in the real window: a local HTTP server (started
// here) serves posting pages modelled on the boards' (src-tauri/core/tests/
// postings/); the URL is typed into the Add dialog, the button fills the
// form, nothing is saved until Add, and the card appears. A page without a
// posting says so beside the URL and keeps what was typed.
//
// AFTERVIEW_SCREENSHOT_DIR=docs/screenshots also writes the README's picture
// of the filled form (posting-fill.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withBoard, tmpDb, runCli, waitFor, REPO_ROOT } from './harness.mjs';

const POSTINGS = join(REPO_ROOT, 'src-tauri', 'core', 'tests', 'postings');
const env = { AFTERVIEW_NOW: '2026-11-26T10:00:00Z', TZ: 'Europe/Berlin' };

function postingServer() {
  const pages = { '/greenhouse': 'greenhouse.html', '/blog': 'no-posting.html' };
  const server = createServer((req, res) => {
    const file = pages[req.url];
    res.writeHead(file ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(readFileSync(join(POSTINGS, file ?? 'not-found.html')));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const applications = (db) => {
  const r = runCli(['export', '-'], { db });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout).applications;
};
const value = (d, css) => d.executeScript('return document.querySelector(arguments[0]).value', css);
const statusLine = (d) => d.executeScript(
  "const p = document.querySelector('#f-job_url-fill-status'); return p.hidden ? '' : p.textContent");

test('a pasted posting link fills the Add form; nothing is saved until Add; a page without a posting keeps what was typed', async () => {
  const server = await postingServer();
  const base = `http://127.0.0.1:${server.address().port}`;
  const db = tmpDb();
  try {
    await withBoard(db, env, async (d) => {
      await d.click('#add-open');
      await d.waitForElement('#add-dialog[open]');
      assert.equal(await d.executeScript("return document.querySelector('#f-job_url-fill').hidden"), true, 'no offer without a URL');

      // A page that holds no posting: one line beside the URL, the typing kept.
      await d.sendKeys('#f-company', 'Typed by hand');
      await d.sendKeys('#f-job_url', `${base}/blog`);
      await d.waitForElement('#f-job_url-fill:not([hidden])');
      await d.click('#f-job_url-fill');
      await waitFor(async () => (await statusLine(d)) === 'No job posting found on that page.', { timeout: 15_000, message: 'the no-posting line' });
      assert.equal(await d.executeScript("return document.querySelector('#f-job_url-fill-status').classList.contains('error')"), true);
      assert.equal(await value(d, '#f-company'), 'Typed by hand');
      assert.equal(await value(d, '#f-job_url'), `${base}/blog`);

      // A 404.
      await d.clear('#f-job_url');
      await d.sendKeys('#f-job_url', `${base}/jobs/gone`);
      await d.click('#f-job_url-fill');
      await waitFor(async () => (await statusLine(d)).startsWith('The page answered 404'), { timeout: 15_000, message: 'the 404 line' });

      // A Greenhouse posting fills the form.
      await d.clear('#f-job_url');
      await d.sendKeys('#f-job_url', `${base}/greenhouse`);
      await d.click('#f-job_url-fill');
      await waitFor(async () => (await statusLine(d)).startsWith('Filled from the posting'), { timeout: 15_000, message: 'the filled line' });
      assert.equal(await statusLine(d), 'Filled from the posting (posted 28 Oct 2026). Check the fields, then Add.');
      assert.equal(await value(d, '#f-company'), 'Acme Robotics');
      assert.equal(await value(d, '#f-role'), 'Senior Backend Engineer, Payments & Risk');
      assert.equal(await value(d, '#f-location'), 'Berlin, Germany');
      assert.equal(await value(d, '#f-source'), 'Greenhouse');
      assert.equal(await value(d, '#f-job_url'), 'https://job-boards.greenhouse.io/acmerobotics/jobs/4012345007');
      assert.deepEqual(applications(db), [], 'nothing saved before Add');
      if (process.env.AFTERVIEW_SCREENSHOT_DIR) {
        writeFileSync(join(REPO_ROOT, process.env.AFTERVIEW_SCREENSHOT_DIR, 'posting-fill.png'), await d.takeScreenshot());
      }

      await d.click('#add-submit');
      await d.waitForElement('.card[data-application-id]', { timeout: 10_000 });
      // textContent: the company's two-line clamp (-webkit-box) hides it from WebDriver's visible text.
      assert.match(await d.executeScript('return document.querySelector(".card[data-application-id] .card-company").textContent'), /Acme Robotics/);
      const [a] = applications(db);
      assert.deepEqual(
        [a.company, a.role, a.location, a.source, a.job_url, a.status],
        ['Acme Robotics', 'Senior Backend Engineer, Payments & Risk', 'Berlin, Germany', 'Greenhouse',
          'https://job-boards.greenhouse.io/acmerobotics/jobs/4012345007', 'applied'],
      );
    });
  } finally {
    server.close();
  }
});
