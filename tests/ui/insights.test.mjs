// How the Insights tab's numbers read (ui/insights-logic.js) at 0, 1 and
// 5,000 applications, and the geometry of its charts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { count, percent, days, nOf, shortDate, periodLabel, funnel, isEmpty, topSources, niceMax, weekBars } from '../../ui/insights-logic.js';

const stats = (over = {}) => ({
  applied: 0, responded: 0, interviewed: 0, offers: 0, rejected: 0, median_days_to_response: null,
  by_source: [], thank_you_on_time: { sent_within_24h: 0, due: 0 }, check_ins: { sent: 0, answered_within_14d: 0, waiting: 0 },
  overdue: 0, rejection_replies: { sent: 0, due: 0 }, weeks: [{ week_of: '2026-11-23', applied: 0, sent: 0, received: 0 }], ...over,
});

test('counts and shares read well at 0, 1 and 5,000', () => {
  assert.equal(count(0), '0');
  assert.equal(count(1), '1');
  assert.equal(count(5000), '5,000');
  assert.equal(percent(0, 0), '–', 'no share of nothing');
  assert.equal(percent(0, 1), '0 %');
  assert.equal(percent(1, 1), '100 %');
  assert.equal(percent(1, 5000), '<1 %', 'a share that is not zero never reads 0 %');
  assert.equal(percent(4999, 5000), '>99 %', 'nor all when it is not');
  assert.equal(percent(2500, 5000), '50 %');
  assert.equal(percent(1, 3), '33 %');
  assert.equal(nOf(1, 5000), '1 of 5,000');
});

test('days to a response', () => {
  assert.equal(days(null), '–');
  assert.equal(days(0), 'under an hour');
  assert.equal(days(0.25), '6 h');
  assert.equal(days(1), '1 day');
  assert.equal(days(1.04), '1 day');
  assert.equal(days(4.1666), '4.2 days');
  assert.equal(days(1234.5), '1,234.5 days');
});

test('dates are local calendar dates, read without a zone', () => {
  assert.equal(shortDate('2026-11-02'), '2 Nov');
  assert.equal(shortDate('2026-01-31', true), '31 Jan 2026');
  assert.equal(periodLabel('2026-10-28', '2026-11-26'), '28 Oct – 26 Nov 2026');
  assert.equal(periodLabel('2025-12-01', '2026-01-15'), '1 Dec 2025 – 15 Jan 2026');
});

test('the funnel: shares of applied, bars no longer than applied', () => {
  const rows = funnel(stats({ applied: 5000, responded: 2500, interviewed: 1, offers: 0, rejected: 5000 }));
  assert.deepEqual(rows.map((r) => r.key), ['applied', 'responded', 'interviewed', 'offers', 'rejected']);
  assert.deepEqual(rows.map((r) => r.rate), ['', '50 %', '<1 %', '0 %', '100 %']);
  assert.deepEqual(rows.map((r) => r.length), [1, 0.5, 1 / 5000, 0, 1]);
  const none = funnel(stats());
  assert.ok(none.every((r) => r.length === 0));
  assert.deepEqual(none.map((r) => r.rate), ['', '–', '–', '–', '–']);
});

test('empty only when nothing at all happened in the period', () => {
  assert.equal(isEmpty(stats()), true);
  assert.equal(isEmpty(stats({ applied: 1 })), false);
  assert.equal(isEmpty(stats({ check_ins: { sent: 1, answered_within_14d: 0, waiting: 1 } })), false);
  assert.equal(isEmpty(stats({ weeks: [{ week_of: '2026-11-23', applied: 0, sent: 1, received: 0 }] })), false);
  assert.equal(isEmpty(stats({ overdue: 3 })), true, 'overdue is about now, not the period');
});

test('sources: the first seven and the rest folded into one row', () => {
  const many = Array.from({ length: 12 }, (_, i) => ({ source: i === 3 ? null : `S${i}`, applied: 20 - i, responded: 1, median_days_to_response: 2 }));
  const top = topSources(many);
  assert.equal(top.length, 8);
  assert.equal(top[3].label, 'No source given');
  assert.equal(top[7].label, '5 other sources');
  assert.equal(top[7].applied, [13, 12, 11, 10, 9].reduce((a, b) => a + b));
  assert.equal(top.reduce((a, g) => a + g.applied, 0), many.reduce((a, g) => a + g.applied, 0));
  assert.equal(topSources(many.slice(0, 8)).length, 8, 'eight fit without folding');
});

test('axis tops are round and never below the highest bar', () => {
  for (const [max, top] of [[0, 1], [1, 1], [2, 2], [3, 5], [7, 10], [11, 20], [5000, 5000], [5001, 10000]]) {
    assert.equal(niceMax(max), top, `${max}`);
  }
});

test('weekly bars stay in the box and labels never crowd', () => {
  const week = (i, n) => ({ week_of: `2026-${String(1 + Math.floor(i / 4)).padStart(2, '0')}-0${1 + (i % 4)}`, applied: n, sent: 2 * n, received: n });
  for (const len of [1, 5, 13, 53, 522]) {
    const weeks = Array.from({ length: len }, (_, i) => week(i, i % 7));
    const lay = weekBars(weeks, { width: 720, height: 150, pad: 30, labelWidth: 46 });
    assert.equal(lay.groups.length, len);
    const bars = lay.groups.flatMap((g) => g.bars);
    assert.ok(bars.every((b) => b.x >= 30 && b.x + b.width <= 720 + 1e-9 && b.y >= 0 && b.y + b.height <= 150 + 1e-9), `${len} weeks`);
    assert.ok(bars.every((b) => b.n > 0 ? b.height > 0 : b.height === 0));
    const labelled = lay.groups.filter((g) => g.label).map((g) => g.x);
    const gaps = labelled.slice(1).map((x, i) => x - labelled[i]);
    assert.ok(gaps.every((g) => g >= 46 - 1e-9), `${len} weeks: labels ${gaps}`);
    assert.equal(lay.groups[0].label !== null, true, 'the first week is always labelled');
  }
  const tall = weekBars([{ week_of: '2026-11-02', applied: 5000, sent: 3, received: 0 }], { width: 720, height: 150, pad: 30 });
  assert.equal(tall.top, 5000);
  assert.equal(tall.groups[0].bars[0].height, 150);
});
