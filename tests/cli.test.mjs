// The command line of the real built binary, against the public contract of
// DESIGN §5 and docs/FORMAT.md. No dependencies: node:test only.
//
//   cargo build -p afterview && node --test tests/cli.test.mjs
//   AFTERVIEW_BIN=/path/to/afterview node --test tests/cli.test.mjs
//
// Every run gets its own temporary folder: the database files live there and
// HOME / XDG_DATA_HOME point there, so the user's own database is never used.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = process.env.AFTERVIEW_BIN || join(repo, 'target', 'debug', 'afterview');
const samplePath = join(repo, 'samples', 'sample.json');
const NOW = '2026-11-26T12:00:00Z';

function tempDir(t) {
  const dir = mkdtempSync(join(tmpdir(), 'afterview-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs the binary; `dir` is the private HOME. */
function cli(dir, args, input) {
  assert.ok(existsSync(bin), `no binary at ${bin}: run \`cargo build -p afterview\` or set AFTERVIEW_BIN`);
  const env = { ...process.env, HOME: dir, XDG_DATA_HOME: join(dir, 'data'), TZ: 'Europe/Berlin' };
  delete env.AFTERVIEW_DB;
  delete env.DISPLAY; // a subcommand must never need a window
  delete env.WAYLAND_DISPLAY;
  const r = spawnSync(bin, args, { env, input, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The database file and anything beside it (-wal, -shm), byte for byte. */
function snapshot(db) {
  const dir = dirname(db);
  const name = db.slice(dir.length + 1);
  return readdirSync(dir)
    .filter((f) => f.startsWith(name))
    .sort()
    .map((f) => [f, readFileSync(join(dir, f)).toString('base64')]);
}

function agendaJson(dir, db) {
  const r = cli(dir, ['agenda', '--json', '--now', NOW, '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

function oneLineError(r) {
  assert.notEqual(r.status, 0);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], /^afterview: /);
}

test('import sample → agenda → export → import into a fresh db → same agenda', (t) => {
  const dir = tempDir(t);
  const db = join(dir, 'first.db');
  const imported = cli(dir, ['import', samplePath, '--db', db]);
  assert.equal(imported.status, 0, imported.stderr);
  assert.match(imported.stdout, /^Imported 8 applications/);

  const agenda = agendaJson(dir, db);
  assert.equal(agenda.now, NOW);
  assert.ok(agenda.followups.length > 0);
  let last = '';
  for (const f of agenda.followups) {
    for (const k of ['key', 'kind', 'application_id', 'company', 'contact_id', 'due_at', 'due']) {
      assert.ok(k in f, `${k} missing in ${JSON.stringify(f)}`);
    }
    assert.match(f.due_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok(f.due_at >= last, 'sorted by due time');
    assert.equal(f.due, f.due_at <= NOW);
    last = f.due_at;
  }
  assert.equal(agenda.followups[0].key, 'check_in:a3:2026-11-17');
  assert.equal(agenda.followups[0].contact_id, null);

  const file = join(dir, 'export.json');
  const exported = cli(dir, ['export', file, '--db', db]);
  assert.equal(exported.status, 0, exported.stderr);
  const text = readFileSync(file, 'utf8');
  assert.equal(JSON.parse(text).afterview, 1);
  assert.equal(text, readFileSync(samplePath, 'utf8'), 'the sample is canonical: export gives it back');

  const fresh = join(dir, 'fresh.db');
  assert.equal(cli(dir, ['--db', fresh, 'import', file]).status, 0);
  assert.deepEqual(agendaJson(dir, fresh), agenda);
  assert.equal(cli(dir, ['export', '-', '--db', fresh]).stdout, text, 'export → import → export is byte-identical');
});

test('import reads stdin with -', (t) => {
  const dir = tempDir(t);
  const db = join(dir, 'stdin.db');
  const r = cli(dir, ['import', '-', '--db', db], readFileSync(samplePath, 'utf8'));
  assert.equal(r.status, 0, r.stderr);
  assert.equal(agendaJson(dir, db).followups.length, 11);
});

test('a refused import leaves the database unchanged', (t) => {
  const dir = tempDir(t);
  const db = join(dir, 'db.sqlite');
  assert.equal(cli(dir, ['import', samplePath, '--db', db]).status, 0);
  const before = snapshot(db);

  // A bad value in a new application: refused, naming the application and field.
  const doc = JSON.parse(readFileSync(samplePath, 'utf8'));
  const extra = structuredClone(doc.applications[2]);
  Object.assign(extra, { id: 'n3', company: 'Acme', status: 'archived' });
  doc.applications.push(extra);
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify(doc));
  let r = cli(dir, ['import', bad, '--merge', '--db', db]);
  oneLineError(r);
  assert.match(r.stderr, /applications\[8\] \(id "n3", Acme\)\.status: "archived" is not one of/);
  assert.deepEqual(snapshot(db), before);

  // An unknown field is named, never dropped.
  extra.status = 'applied';
  extra.colour = 'red';
  writeFileSync(bad, JSON.stringify(doc));
  r = cli(dir, ['import', bad, '--merge', '--db', db]);
  oneLineError(r);
  assert.match(r.stderr, /unknown field "colour"/);
  assert.deepEqual(snapshot(db), before);

  // A newer format.
  writeFileSync(bad, JSON.stringify({ ...doc, afterview: 2 }));
  r = cli(dir, ['import', bad, '--merge', '--db', db]);
  oneLineError(r);
  assert.match(r.stderr, /written by a newer Afterview \(format 2\); this one reads format 1/);

  // Truncated JSON says where.
  writeFileSync(bad, readFileSync(samplePath, 'utf8').slice(0, 500));
  r = cli(dir, ['import', bad, '--merge', '--db', db]);
  oneLineError(r);
  assert.match(r.stderr, /line \d+ column \d+/);

  // Into a non-empty database without --merge.
  r = cli(dir, ['import', samplePath, '--db', db]);
  oneLineError(r);
  assert.match(r.stderr, /--merge/);
  assert.deepEqual(snapshot(db), before);
});

test('settings refuse a check-in cadence below 7 days, with the reason', (t) => {
  const dir = tempDir(t);
  const db = join(dir, 'settings.db');
  assert.equal(cli(dir, ['import', samplePath, '--db', db]).status, 0);
  const before = snapshot(db);
  const r = cli(dir, ['settings', '--checkin-cadence-days', '6', '--db', db]);
  oneLineError(r);
  assert.match(r.stderr, /at least 7 days/);
  assert.match(r.stderr, /more than once a week/);
  assert.deepEqual(snapshot(db), before);

  const ok = cli(dir, ['settings', '--checkin-cadence-days', '21', '--json', '--db', db]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).checkin_cadence_days, 21);
});

test('usage errors exit 2 with a short usage', (t) => {
  const dir = tempDir(t);
  for (const args of [['agenda', '--bogus'], ['export'], ['agenda', '--now', 'soon']]) {
    const r = cli(dir, [...args, '--db', join(dir, 'u.db')]);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^afterview: /);
    assert.match(r.stderr, /usage: afterview agenda/);
  }
  const help = cli(dir, ['help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /usage: afterview agenda/);
});

test('ingest: the binary logs an invitation (issue 14) and reports {"files": [...]}, with no window', (t) => {
  const dir = tempDir(t);
  const db = join(dir, 'a.db');
  const seed = join(dir, 'seed.json');
  writeFileSync(seed, JSON.stringify({ afterview: 1, settings: { my_emails: ['sam.lee@mail.example'] },
    applications: [{ id: 'acme', company: 'Acme', role: 'Dev', status: 'applied', job_url: 'https://careers.acme.example/jobs/42' }] }));
  assert.equal(cli(dir, ['import', seed, '--db', db]).status, 0);
  const invite = join(repo, 'tests', 'fixtures', 'ingest', 'google-invite.ics');
  const r = cli(dir, ['ingest', invite, '--json', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  const [f] = JSON.parse(r.stdout).files;
  assert.deepEqual([f.kind, f.application_id, f.matched_by, f.interview.change, f.interview.starts_at, f.error],
    ['invitation', 'acme', 'domain', 'new', '2026-12-01T15:00:00Z', null]);
  const again = cli(dir, ['ingest', invite, '--db', db]);
  assert.equal(again.status, 1);
  assert.match(again.stdout, /google-invite\.ics: refused: this invitation is already logged, at the same time: nothing changed/);
});

test('stats --json: the Insights contract on the sample; without dates the last 30 days', (t) => {
  const dir = tempDir(t);
  const db = join(dir, 'stats.db');
  assert.equal(cli(dir, ['import', samplePath, '--db', db]).status, 0);
  const r = cli(dir, ['stats', '--from', '2026-11-01', '--to', '2026-11-30', '--json', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  for (const k of ['from', 'to', 'applied', 'responded', 'interviewed', 'offers', 'rejected', 'median_days_to_response',
    'by_source', 'thank_you_on_time', 'check_ins']) assert.ok(k in s, k);
  assert.deepEqual([s.from, s.to, s.applied, s.responded, s.interviewed, s.offers, s.rejected], ['2026-11-01', '2026-11-30', 7, 5, 5, 1, 1]);
  assert.deepEqual(Object.keys(s.by_source[0]).slice(0, 3), ['source', 'applied', 'responded']);
  assert.deepEqual(s.thank_you_on_time, { sent_within_24h: 6, due: 9 });
  assert.deepEqual([s.check_ins.sent, s.check_ins.answered_within_14d], [1, 1]);

  const day = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
  const before = day();
  const d = cli(dir, ['stats', '--json', '--db', db]);
  const after = day();
  assert.equal(d.status, 0, d.stderr);
  const dflt = JSON.parse(d.stdout);
  assert.ok([before, after].includes(dflt.to), `${dflt.to} is today`);
  assert.equal((Date.parse(dflt.to) - Date.parse(dflt.from)) / 86_400_000, 29, 'today and the 29 days before');

  const none = cli(dir, ['stats', '--from', '2020-01-01', '--to', '2020-01-31', '--json', '--db', db]);
  assert.equal(JSON.parse(none.stdout).median_days_to_response, null);
  const bad = cli(dir, ['stats', '--from', '2026-11-01', '--db', db]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^afterview: stats: --from needs --to as well/);
});

// ----- import-table (docs/IMPORT.md): the real binary on the committed fixtures --------

const tableFixture = (name) => join(repo, 'src-tauri', 'core', 'tests', 'fixtures', 'table', name);

test('import-table: a dry run prints the contract JSON and writes nothing; the import backs up and reports the undo', (t) => {
  const dir = tempDir(t);
  const db = join(dir, 't.db');
  const dry = cli(dir, ['import-table', tableFixture('applications.xlsx'), '--dry-run', '--json', '--db', db]);
  assert.equal(dry.status, 0, dry.stderr);
  const v = JSON.parse(dry.stdout);
  assert.deepEqual(Object.keys(v), ['preset', 'columns', 'applications', 'skipped']);
  assert.deepEqual(Object.keys(v.applications[0]),
    ['row', 'company', 'role', 'status', 'applied_at', 'job_url', 'location', 'source', 'notes', 'contact', 'duplicate_of']);
  // A date cell of 3 Oct, in Berlin: local noon is 10:00 UTC (CEST).
  assert.equal(v.applications.find((a) => a.company === 'Acme').applied_at, '2026-10-03T10:00:00Z');
  assert.deepEqual(v.skipped, [{ row: 5, reason: 'no company' }]);
  assert.equal(existsSync(db), false, 'a dry run creates no database');

  const r = cli(dir, ['import-table', tableFixture('applications.xlsx'), '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Imported 3 applications\. .*To undo it, restore the backup of .*-before-import\.db\)/);
  assert.ok(readdirSync(join(dir, 'backups')).some((f) => f.endsWith('-before-import.db')));
});

test('import-table: a file that is not a table is refused in one line, nothing written', (t) => {
  const dir = tempDir(t);
  const db = join(dir, 't.db');
  const r = cli(dir, ['import-table', samplePath, '--db', db]);
  oneLineError(r);
  assert.match(r.stderr, /sample\.json is not a table/);
  assert.equal(existsSync(db), false);
  assert.equal(cli(dir, ['import-table', tableFixture('huntr.csv'), '--map', 'List=stage', '--db', db]).status, 2);
});
