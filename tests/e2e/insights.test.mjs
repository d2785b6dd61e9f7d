// The Insights tab in the real app on the sample (`afterview import
// --sample`): every number shown is checked against `afterview stats --json`
// of the same period, for the last 30 days, the last 90 days and a custom
// range; a bad range is refused beside its field; an empty period and an
// empty database explain themselves; the page prints on one A4 page; a
// source that looks like markup stays text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { withBoard, tmpDb, runCli, waitFor } from './harness.mjs';
import { count, percent, days, nOf, shortDate, topSources, funnel } from '../../ui/insights-logic.js';

const NOW = '2026-11-26T10:00:00Z'; // a Thursday
const env = { AFTERVIEW_NOW: NOW, TZ: 'Europe/Berlin' };

function stats(db, args = []) {
  const r = runCli(['stats', ...args, '--json'], { db, env });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

const withApp = (db, fn) => withBoard(db, env, fn, { width: 1360, height: 900 });

/** Everything the tab shows, as text. */
const shown = (d) => d.executeScript(`
  const text = (el) => el ? el.textContent : null;
  const rows = (sel) => [...document.querySelectorAll(sel)].map((tr) => [...tr.children].map(text));
  return {
    period: text(document.querySelector('#insights-period')),
    funnel: [...document.querySelectorAll('.funnel-chart .stage')].map((g) => [g.dataset.stage, text(g.querySelector('.value')), g.querySelector('title').textContent]),
    tiles: Object.fromEntries([...document.querySelectorAll('[data-figure]')].map((t) => [t.dataset.figure, [text(t.querySelector('.big')), text(t.querySelector('.tile-detail'))]])),
    sources: rows('#insights-sources tbody tr'),
    funnelTable: rows('.funnel-chart + table tbody tr'),
    weeks: rows('.weekly-chart + table tbody tr'),
    weekBars: document.querySelectorAll('.weekly-chart .week').length,
    empty: text(document.querySelector('#insights-empty')),
  };`);

/** What the tab must show for the figures `s` of \`afterview stats --json\`. */
function expected(s) {
  const t = s.thank_you_on_time, c = s.check_ins, r = s.rejection_replies;
  return {
    funnel: funnel(s).map((x) => [x.key, `${count(x.n)}${x.rate ? `  ·  ${x.rate}` : ''}`]),
    tiles: {
      applied: [count(s.applied), 'applications dated in the period'],
      responded: [percent(s.responded, s.applied), `${nOf(s.responded, s.applied)} got a reply or moved on`],
      median: [days(s.median_days_to_response), s.responded ? `over the ${count(s.responded)} that responded` : 'nobody has responded yet'],
      'thank-yous': [percent(t.sent_within_24h, t.due), `${nOf(t.sent_within_24h, t.due)} due`],
      'check-ins': [percent(c.answered_within_14d, c.sent), `${nOf(c.answered_within_14d, c.sent)} sent${c.waiting ? ` · ${count(c.waiting)} still waiting` : ''}`],
      overdue: [count(s.overdue), s.overdue ? 'follow-ups past their day: see Today' : 'nothing overdue'],
      'rejection-replies': [percent(r.sent, r.due), `${nOf(r.sent, r.due)} rejections answered`],
    },
    sources: topSources(s.by_source).map((g) => [g.label, count(g.applied), `${count(g.responded)} · ${percent(g.responded, g.applied)}`, g.other ? '' : days(g.median_days_to_response)]),
    weeks: s.weeks.map((w) => [shortDate(w.week_of, true), count(w.applied), count(w.sent), count(w.received)]),
  };
}

function assertShows(got, s, label) {
  const want = expected(s);
  assert.deepEqual(got.funnel.map(([k, v]) => [k, v]), want.funnel, `${label}: funnel`);
  for (const [k, , title] of got.funnel) assert.match(title, new RegExp(`^${funnel(s).find((x) => x.key === k).label}: `), `${label}: bar ${k} labelled`);
  assert.deepEqual(got.tiles, want.tiles, `${label}: tiles`);
  assert.deepEqual(got.sources, want.sources, `${label}: sources`);
  assert.deepEqual(got.weeks, want.weeks, `${label}: weeks`);
  assert.equal(got.weekBars, s.weeks.length, `${label}: a bar group per week`);
  assert.equal(got.funnelTable.length, 5, `${label}: the funnel's table for screen readers`);
}

const ready = (d, from, to) => d.waitForElement(`body[data-insights-ready="${from}/${to}"]`, { timeout: 10_000 });

test('Insights on the sample shows what `afterview stats --json` says, for 30 and 90 days and a custom range', async () => {
  const db = tmpDb();
  const r = runCli(['import', '--sample'], { db, env });
  assert.equal(r.status, 0, r.stderr);
  const last30 = stats(db);
  assert.deepEqual([last30.from, last30.to], ['2026-10-28', '2026-11-26'], 'the default period: the last 30 days');
  assert.ok(last30.applied > 0 && last30.responded > 0 && last30.thank_you_on_time.due > 0, 'the sample has something to show');
  await withApp(db, async (d) => {
    await d.click('#tab-insights');
    await ready(d, last30.from, last30.to);
    const got = await shown(d);
    assert.match(got.period, /^28 Oct – 26 Nov 2026 · last 30 days · /);
    assertShows(got, last30, 'last 30 days');
    assert.equal(got.tiles.applied[0], String(last30.applied));

    await d.click('#insights-range-90');
    const last90 = stats(db, ['--from', '2026-08-29', '--to', '2026-11-26']);
    await ready(d, '2026-08-29', '2026-11-26');
    assertShows(await shown(d), last90, 'last 90 days');

    // A custom range that ends before it starts is refused beside its field; the figures stay.
    await d.click('#insights-range-custom');
    await d.executeScript(`document.querySelector('#insights-from').value = '2026-11-30'; document.querySelector('#insights-to').value = '2026-11-01';`);
    await d.click('#insights-apply');
    await waitFor(async () => (await d.executeScript('return !document.querySelector("#insights-from-error").hidden')));
    assert.equal(await d.executeScript('return document.querySelector("#insights-from-error").textContent'), 'The period starts after it ends.');
    assert.equal(await d.executeScript('return document.querySelector("#insights-from").getAttribute("aria-invalid")'), 'true');
    assertShows(await shown(d), last90, 'after a refused range');

    await d.executeScript(`document.querySelector('#insights-from').value = '2026-11-01'; document.querySelector('#insights-to').value = '2026-11-30';`);
    await d.click('#insights-apply');
    await ready(d, '2026-11-01', '2026-11-30');
    const november = stats(db, ['--from', '2026-11-01', '--to', '2026-11-30']);
    assertShows(await shown(d), november, 'November');

    // A period with nothing in it says so, and why.
    await d.executeScript(`document.querySelector('#insights-from').value = '2020-01-01'; document.querySelector('#insights-to').value = '2020-01-31';`);
    await d.click('#insights-apply');
    await ready(d, '2020-01-01', '2020-01-31');
    const none = await shown(d);
    assert.match(none.empty, /Nothing happened in this period/);
    assert.match(none.empty, /Choose a longer period/);
    assert.equal(none.funnel.length, 0);
    assert.equal(stats(db, ['--from', '2020-01-01', '--to', '2020-01-31']).applied, 0);

    // Printed: one A4 page, light, with the numbers.
    await d.executeScript(`document.querySelector('#insights-from').value = '2026-11-01'; document.querySelector('#insights-to').value = '2026-11-30';`);
    await d.click('#insights-apply');
    await ready(d, '2026-11-01', '2026-11-30');
    const pdf = join(mkdtempSync(join(tmpdir(), 'afterview-insights-')), 'insights.pdf');
    const res = await d.executeAsyncScript(`const done = arguments[arguments.length - 1];
      import('./insights.js').then(m => m.saveInsightsPdf(arguments[0])).then(r => done(r), e => done({ error: e.message }));`, pdf);
    assert.equal(res.error, undefined, res.error);
    assert.ok(existsSync(pdf));
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
    assert.match(info, /Pages:\s+1\n/, info);
    assert.match(info, /Page size:\s+595(\.\d+)? x 842/, 'A4');
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
    assert.match(text, /Job search insights/);
    assert.match(text, /1 Nov – 30 Nov 2026/);
    assert.match(text, /Thank-yous/);
    assert.ok(text.includes(`${nOf(november.thank_you_on_time.sent_within_24h, november.thank_you_on_time.due)} due`), text);
    assert.ok(text.includes(`${count(november.responded)} · ${percent(november.responded, november.applied)}`), text);
    assert.match(text, /Company website/);
    assert.equal(await d.executeScript('return document.querySelector("#print-root").childElementCount'), 0, 'the print copy is gone');
  });
});

test('the charts take their dark colours under a dark GTK theme, their light ones without', async () => {
  const db = tmpDb();
  assert.equal(runCli(['import', '--sample'], { db, env }).status, 0);
  const colours = async (theme) => withBoard(db, { ...env, ...(theme ? { GTK_THEME: theme } : {}) }, async (d) => {
    await d.click('#tab-insights');
    await d.waitForElement('.swatch.applied');
    return d.executeScript(`const s = (sel, p) => getComputedStyle(document.querySelector(sel))[p];
      return { dark: matchMedia('(prefers-color-scheme: dark)').matches, applied: s('.swatch.applied', 'backgroundColor'),
        sent: s('.swatch.sent', 'backgroundColor'), track: s('.chart .track', 'fill') }`);
  });
  assert.deepEqual(await colours(null), { dark: false, applied: 'rgb(15, 118, 110)', sent: 'rgb(122, 90, 245)', track: 'rgb(233, 237, 241)' });
  assert.deepEqual(await colours('Adwaita:dark'), { dark: true, applied: 'rgb(45, 212, 191)', sent: 'rgb(169, 150, 255)', track: 'rgba(255, 255, 255, 0.09)' });
});

test('an empty database explains Insights; a source that looks like markup stays text', async () => {
  const db = tmpDb();
  await withApp(db, async (d) => {
    await d.click('#tab-insights');
    await ready(d, '2026-10-28', '2026-11-26');
    const got = await shown(d);
    assert.match(got.empty, /Insights appear once you track applications/);
    assert.match(got.empty, /Go to the Board/);
  });
  const evil = '<img src=x onerror="document.body.dataset.pwned=1">';
  const file = join(dirname(db), 'seed.json');
  writeFileSync(file, JSON.stringify({
    afterview: 1,
    settings: { checkin_cadence_days: 14, quiet_hours: ['21:00', '08:00'], physical_note_default: false, pre_interview_minutes: 60 },
    applications: [{ id: 'a1', company: 'Acme', role: 'Engineer', status: 'applied', applied_at: '2026-11-20T10:00:00Z',
      job_url: null, location: null, source: evil, notes: '', contacts: [], interviews: [], messages: [], decisions: [],
      status_changes: [{ at: '2026-11-20T10:00:00Z', from: null, to: 'applied' }] }],
  }));
  const seeded = tmpDb('seeded.db');
  const r = runCli(['import', file], { db: seeded, env });
  assert.equal(r.status, 0, r.stderr);
  await withApp(seeded, async (d) => {
    await d.click('#tab-insights');
    await ready(d, '2026-10-28', '2026-11-26');
    const got = await shown(d);
    assert.deepEqual(got.sources, [[evil, '1', '0 · 0 %', '–']]);
    assert.equal(got.tiles.applied[0], '1');
    assert.equal(got.tiles.median[0], '–', 'nobody responded: no median');
    assert.equal(await d.executeScript('return document.body.dataset.pwned ?? null'), null);
  });
});
