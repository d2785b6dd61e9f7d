import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkApplication, isWebUrl } from '../../ui/validate.js';

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
  assert.equal(checkApplication({ company: 'Acme', role: 'Dev', job_url: 'acme.example' }).field, 'job_url');
});
