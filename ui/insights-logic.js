// What the Insights tab shows, as plain values (no DOM): how its numbers
// read, the funnel's rows, the bars' geometry. Every definition behind the
// numbers is in the core (src-tauri/core/src/insights.rs); this file only
// formats and lays them out. Unit-tested in tests/ui/insights.test.mjs.

/** "5,000": a count, grouped the English way (the UI's language). */
export function count(n) {
  return Number(n ?? 0).toLocaleString('en');
}

/** "71 %" of `of`; "–" of nothing; never "0 %" for a share that is not 0, nor "100 %" for one that is not all. */
export function percent(n, of) {
  if (!of) return '–';
  const p = (100 * n) / of;
  if (p > 0 && p < 1) return '<1 %';
  if (p < 100 && p > 99) return '>99 %';
  return `${Math.round(p)} %`;
}

/** "4.2 days", "1 day", "5 h", "under an hour"; "–" when nobody responded. */
export function days(d) {
  if (d == null) return '–';
  if (d < 1 / 24) return 'under an hour';
  if (d < 1) return `${Math.round(d * 24)} h`;
  const r = Math.round(d * 10) / 10;
  return r === 1 ? '1 day' : `${r.toLocaleString('en')} days`;
}

/** "4 of 7": `n` of `of`, grouped. */
export function nOf(n, of) {
  return `${count(n)} of ${count(of)}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2 Nov" of an ISO date (a local calendar date: read without a zone); with the year when asked. */
export function shortDate(iso, withYear = false) {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]}${withYear ? ` ${y}` : ''}`;
}

/** "28 Oct – 26 Nov 2026", the year once when both ends share it. */
export function periodLabel(from, to) {
  const same = from.slice(0, 4) === to.slice(0, 4);
  return `${shortDate(from, !same)} – ${shortDate(to, true)}`;
}

/** The stages of the funnel, each with its count, its share of applied and its bar's length (0–1). */
export function funnel(s) {
  const rows = [
    { key: 'applied', label: 'Applied', n: s.applied },
    { key: 'responded', label: 'Responded', n: s.responded },
    { key: 'interviewed', label: 'Interviewed', n: s.interviewed },
    { key: 'offers', label: 'Offer', n: s.offers },
    { key: 'rejected', label: 'Rejected', n: s.rejected },
  ];
  return rows.map((r) => ({
    ...r,
    rate: r.key === 'applied' ? '' : percent(r.n, s.applied),
    length: s.applied ? r.n / s.applied : 0,
  }));
}

/** True when the period holds nothing at all to show. */
export function isEmpty(s) {
  const habits = s.thank_you_on_time.due + s.check_ins.sent + s.rejection_replies.due;
  const weekly = s.weeks.some((w) => w.applied || w.sent || w.received);
  return s.applied === 0 && habits === 0 && !weekly;
}

/** The first `max` sources, the rest folded into one "N other sources" row. */
export function topSources(bySource, max = 8) {
  if (bySource.length <= max) return bySource.map((g) => ({ ...g, label: g.source ?? 'No source given' }));
  const top = bySource.slice(0, max - 1).map((g) => ({ ...g, label: g.source ?? 'No source given' }));
  const rest = bySource.slice(max - 1);
  top.push({
    label: `${rest.length} other sources`,
    source: null,
    applied: rest.reduce((a, g) => a + g.applied, 0),
    responded: rest.reduce((a, g) => a + g.responded, 0),
    median_days_to_response: null,
    other: true,
  });
  return top;
}

/** A round top for a chart's axis: 1, 2, 5, 10, 20, 50 … at or above `max`. */
export function niceMax(max) {
  if (max <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

/**
 * The weekly chart's layout in a `width` × `height` box: per week a group of
 * three bars (applications, sent, received), with a label on every `every`-th
 * week so that labels never overlap.
 */
export function weekBars(weeks, { width = 720, height = 160, pad = 28, labelWidth = 46 } = {}) {
  const top = niceMax(Math.max(0, ...weeks.flatMap((w) => [w.applied, w.sent, w.received])));
  const inner = width - pad;
  const slot = weeks.length ? inner / weeks.length : inner;
  const bar = Math.min(14, (slot * 0.8) / 3); // under a pixel at ten years of weeks: still drawn
  const every = Math.max(1, Math.ceil(labelWidth / slot));
  const y = (n) => height - (n / top) * height;
  const series = ['applied', 'sent', 'received'];
  return {
    top,
    every,
    groups: weeks.map((w, i) => ({
      week: w,
      x: pad + i * slot + (slot - 3 * bar) / 2,
      label: i % every === 0 ? shortDate(w.week_of) : null,
      bars: series.map((k, j) => ({
        key: k,
        n: w[k],
        x: pad + i * slot + (slot - 3 * bar) / 2 + j * bar,
        y: y(w[k]),
        width: bar > 2 ? bar - 1 : bar,
        height: height - y(w[k]),
      })),
    })),
  };
}
