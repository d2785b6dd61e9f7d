// The README's "Invitations and emails in" screenshot, from the real app
// under Xvfb: `node tests/e2e/ingest-screenshots.mjs` (in xvfb-run and
// dbus-run-session, like the e2e tests). Drops an invitation that matches
// (Acme), one that matches nothing (Calendly) and a rejection (Initech),
// then shows Acme's new interview and its follow-ups.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { withBoard, REPO_ROOT } from './harness.mjs';
import { seededDb, drop, fixture, env } from './ingest-helpers.mjs';

const out = join(REPO_ROOT, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
await withBoard(seededDb(), env, async (d) => {
  await drop(d, [fixture('google-invite.ics')]);
  await d.waitForElement('.ingest-item.done');
  await drop(d, [fixture('calendly-invite.ics')]);
  await d.waitForElement('.ingest-item.unmatched');
  await drop(d, [fixture('rejection-base64.eml')]);
  await d.waitForElement('.ingest-proposal');
  await new Promise((res) => setTimeout(res, 800));
  await d.takeScreenshot(); // the first capture after a resize can be a stale frame
  writeFileSync(join(out, 'ingest.png'), await d.takeScreenshot());
  console.log('wrote docs/screenshots/ingest.png');
  // The interview the invitation made, with its follow-ups, in Acme's detail panel.
  await d.click('#ingest-panel header button');
  await d.click('[data-application-id="a-acme"] .card-role');
  await d.waitForElement('#detail:not([hidden]) .iv-item');
  await new Promise((res) => setTimeout(res, 600));
  writeFileSync(join(out, 'ingest-detail.png'), await d.takeScreenshot());
  console.log('wrote docs/screenshots/ingest-detail.png');
}, { width: 1360, height: 820 });
