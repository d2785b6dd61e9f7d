import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applicationProblems, checkApplication, isWebUrl, withScheme } from '../../ui/validate.js';

test('company and role are required, blanks count as missing', () => {
  assert.deepEqual(checkApplication({ company: '  ', role: 'Dev' })?.field, 'company');
  assert.deepEqual(checkApplication({ company: 'Acme', role: '' })?.field, 'role');
  assert.equal(checkApplication({ company: 'Acme', role: 'Dev', job_url: '' }), null);
});

test('job URL must be http or https', () => {
  for (const bad of ['acme.example/jobs', 'ftp://acme.example', 'javascript:alert(1)', 'https://'])
    assert.equal(isWebUrl(bad), false, bad);
  for (const good of ['https://acme.example/jobs/1', 'http://acme.example'])
    assert.equal(isWebUrl(good), true, good);
  assert.equal(checkApplication({ company: 'Acme', role: 'Dev', job_url: 'javascript:alert(1)' }).field, 'job_url');
  assert.equal(checkApplication({ company: 'Acme', role: 'Dev', job_url: 'acme.example/jobs' }), null, 'gets https://');
});

test('a URL typed without a scheme gets https://, as the backend does', () => {
  assert.equal(withScheme('acme.example/jobs/1'), 'https://acme.example/jobs/1');
  assert.equal(withScheme('  www.acme.example '), 'https://www.acme.example');
  assert.equal(withScheme('localhost:8080/jobs'), 'https://localhost:8080/jobs');
  assert.equal(withScheme('http://acme.example'), 'http://acme.example');
  assert.equal(withScheme('mailto:x@acme.example'), 'mailto:x@acme.example', 'a scheme is left to be refused');
  assert.equal(withScheme(''), '');
});

test('every problem of the form shows at once, in the order of the fields', () => {
  const problems = applicationProblems({ company: '', role: ' ', job_url: 'ftp://x.example', location: 'x'.repeat(201), applied_on: '2026-11-27', status: 'applied' },
    { today: '2026-11-26' });
  assert.deepEqual(problems.map((p) => p.field), ['company', 'role', 'location', 'job_url', 'applied_on']);
  assert.match(problems.at(-1).message, /cannot be in the future/);
});

test('applied on: today and earlier are fine; a wishlist entry has none', () => {
  const ok = { company: 'Acme', role: 'Dev', status: 'applied' };
  assert.deepEqual(applicationProblems({ ...ok, applied_on: '2026-11-26' }, { today: '2026-11-26' }), []);
  assert.deepEqual(applicationProblems({ ...ok, applied_on: '2026-01-02' }, { today: '2026-11-26' }), []);
  assert.deepEqual(applicationProblems({ ...ok, applied_on: '' }, { today: '2026-11-26' }), [], 'blank means now');
  assert.deepEqual(applicationProblems({ ...ok, status: 'wishlist', applied_on: '2027-01-01' }, { today: '2026-11-26' }), []);
});
