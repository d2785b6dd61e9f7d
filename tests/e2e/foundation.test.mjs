// The real app in its real WebKit window: the board, the add-application
// form, persistence across restarts, inline errors, follow-up actions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exported, startApp, tmpDb, waitFor, Key } from './harness.mjs';

const NOW = '2026-11-26T10:00:00Z'; // a Thursday
const env = { AFTERVIEW_NOW: NOW, TZ: 'Europe/Berlin' };

async function withApp(db, fn) {
  const app = await startApp({ db, env });
  try {
    await app.driver.waitForElement('body[data-board-ready=true]', { timeout: 15_000 });
    return await fn(app.driver);
  } finally {
    await app.stop();
  }
}

async function addApplication(d, fields) {
  if (!(await d.executeScript('return document.querySelector("#add-dialog").open'))) await d.click('#add-open');
  await d.waitForElement('#add-dialog[open]');
  for (const [k, v] of Object.entries(fields)) {
    if (k === 'status') continue;
    await d.clear(`#f-${k}`);
    if (v) await d.sendKeys(`#f-${k}`, v);
  }
  if (fields.status) await d.executeScript('document.querySelector("#f-status").value = arguments[0]', fields.status);
  await d.click('#add-submit');
}

const cardsIn = (d, status) =>
  d.executeScript(
    `return [...document.querySelectorAll('[data-status="${status}"] [data-application-id]')]
       .map(c => c.querySelector('.card-company').textContent)`,
  );

test('the window opens titled Afterview with the five columns and a friendly empty state', async () => {
  await withApp(tmpDb(), async (d) => {
    assert.equal(await d.getTitle(), 'Afterview');
    const columns = await d.executeScript(
      `return [...document.querySelectorAll('[data-status]')].map(c => [c.dataset.status, c.querySelector('h2').textContent])`,
    );
    assert.deepEqual(columns, [
      ['wishlist', 'Wishlist'], ['applied', 'Applied'], ['interviewing', 'Interviewing'],
      ['offer', 'Offer'], ['rejected', 'Rejected'],
    ]);
    assert.equal(await d.executeScript('return document.querySelector("#empty").hidden'), false);
  });
});

test('an added application lands in Applied and is still there after a restart', async () => {
  const db = tmpDb();
  await withApp(db, async (d) => {
    await addApplication(d, { company: 'Acme Robotics', role: 'Backend Engineer', job_url: 'https://acme.example/jobs/42', location: 'Berlin' });
    await waitFor(async () => (await cardsIn(d, 'applied')).includes('Acme Robotics'), { message: 'card in Applied' });
    assert.equal(await d.executeScript('return document.querySelector("#add-dialog").open'), false);
    // Its first check-in shows on the card right away.
    const badge = await d.executeScript('return document.querySelector(\'[data-status="applied"] .card .badge\').textContent');
    assert.match(badge, /Check in/);
  });
  const doc = exported(db);
  assert.equal(doc.applications.length, 1);
  assert.equal(doc.applications[0].company, 'Acme Robotics');
  assert.equal(doc.applications[0].status, 'applied');
  await withApp(db, async (d) => {
    assert.deepEqual(await cardsIn(d, 'applied'), ['Acme Robotics']);
  });
});

test('a blank company or a non-web job URL gets an inline message and adds nothing', async () => {
  const db = tmpDb();
  await withApp(db, async (d) => {
    await addApplication(d, { company: '   ', role: 'Designer' });
    await d.waitForElement('#f-company-error:not([hidden])');
    assert.equal(await d.getText('#f-company-error'), 'Company is required.');
    assert.equal(await d.getAttribute('#f-company', 'aria-invalid'), 'true');
    // What was typed is kept.
    assert.equal(await d.getProperty('#f-role', 'value'), 'Designer');

    await addApplication(d, { company: 'Initech', role: 'Designer', job_url: 'ftp://initech.example' });
    await d.waitForElement('#f-job_url-error:not([hidden])');
    assert.match(await d.getText('#f-job_url-error'), /http:\/\/ or https:\/\//);
    assert.equal(await d.executeScript('return document.querySelectorAll("[data-application-id]").length'), 0);
  });
  assert.equal(exported(db).applications.length, 0);
});

test('markup in a company name is shown as text, never run', async () => {
  await withApp(tmpDb(), async (d) => {
    const evil = '<img src=x onerror=alert(1)>';
    await addApplication(d, { company: evil, role: 'QA' });
    await waitFor(async () => (await cardsIn(d, 'applied')).includes(evil));
    assert.equal(await d.executeScript('return document.querySelectorAll(".card img").length'), 0);
  });
});

test('the sample loads from the empty state; Today lists follow-ups; done and snooze persist', async () => {
  const db = tmpDb();
  await withApp(db, async (d) => {
    await d.click('#load-sample');
    await waitFor(async () => (await d.executeScript('return document.querySelectorAll("[data-application-id]").length')) > 3,
      { message: 'sample cards' });
    await d.click('#tab-today');
    await d.waitForElement('.agenda-item');
    const first = await d.executeScript('const li = document.querySelector(".agenda-item"); return li.dataset.key');
    await d.click(`.agenda-item[data-key="${first}"] .actions [data-part=done]`); // Done (after Write…)
    await waitFor(async () => !(await d.executeScript(`return !!document.querySelector('.agenda-item[data-key="${first}"]')`)),
      { message: 'done item leaves the agenda' });
    // Done on a check-in records the check-in as a message sent (DESIGN R5); on
    // anything else it is a decision.
    const apps = exported(db).applications;
    if (first.startsWith('check_in:')) {
      assert.ok(apps.flatMap((a) => a.messages).some((m) => m.followup_key === first && m.direction === 'sent'), first);
    } else {
      assert.equal(apps.flatMap((a) => a.decisions).find((x) => x.followup_key === first)?.state, 'done');
    }

    // Snooze a board card's overdue follow-up until tomorrow morning from its menu
    // (offered only where it postpones: DESIGN R7).
    await d.click('#tab-board');
    const key = await d.executeScript(`
      const b = document.querySelector('.card .badge.overdue');
      b.click(); return b.closest('.card').dataset.applicationId;`);
    await d.waitForElement('.menu [role=menuitem]');
    await d.executeScript(`[...document.querySelectorAll('.menu [role=menuitem]')].find(b => b.textContent.includes('tomorrow morning')).click()`);
    await waitFor(() => exported(db).applications.find((a) => a.id === key).decisions.some((x) => x.state === 'snoozed'),
      { message: 'snooze stored' });
  });
});

test('a check-in cadence under a week is refused beside the field, with the reason', async () => {
  const db = tmpDb();
  await withApp(db, async (d) => {
    await d.click('#tab-settings');
    await d.waitForElement('#s-cadence');
    await waitFor(async () => (await d.getProperty('#s-cadence', 'value')) === '14');
    await d.clear('#s-cadence');
    await d.sendKeys('#s-cadence', '6');
    await d.sendKeys('#s-cadence', Key.ENTER);
    await d.waitForElement('#s-cadence-error:not([hidden])');
    assert.match(await d.getText('#s-cadence-error'), /once a week/);
    await d.clear('#s-cadence');
    await d.sendKeys('#s-cadence', '21');
    await d.sendKeys('#s-cadence', Key.ENTER);
    await waitFor(async () => (await d.getText('#settings-saved')).startsWith('Saved'));
  });
  assert.equal(exported(db).settings.checkin_cadence_days, 21);
});
