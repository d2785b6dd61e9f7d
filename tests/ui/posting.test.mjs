import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillValues, filledMessage, postedOn } from '../../ui/posting.js';

const greenhouse = {
  company: 'Acme Robotics', role: 'Senior Backend Engineer', location: 'Berlin, Germany',
  job_url: 'https://job-boards.greenhouse.io/acmerobotics/jobs/4012345007', source: 'Greenhouse',
  date_posted: '2026-10-28', structured: true,
};

test('a fill sets what the posting says and leaves the rest as typed', () => {
  assert.deepEqual(fillValues(greenhouse), {
    company: 'Acme Robotics', role: 'Senior Backend Engineer', location: 'Berlin, Germany',
    source: 'Greenhouse', job_url: 'https://job-boards.greenhouse.io/acmerobotics/jobs/4012345007',
  });
  assert.deepEqual(fillValues({ role: 'Platform Engineer', company: null, location: '  ', job_url: 'https://q.example/careers/x' }),
    { role: 'Platform Engineer', job_url: 'https://q.example/careers/x' });
});

test('the line says where the fill came from and what is missing', () => {
  assert.equal(filledMessage(greenhouse), 'Filled from the posting (posted 28 Oct 2026). Check the fields, then Add.');
  assert.equal(filledMessage({ role: 'Platform Engineer', structured: false }),
    "Filled from the page's title. It does not say the company. Check the fields, then Add.");
  assert.equal(filledMessage({ structured: true, location: 'Remote' }),
    'Filled from the posting. It does not say the company or the role. Check the fields, then Add.');
});

test('the posting date is a calendar date', () => {
  assert.equal(postedOn('2026-01-01'), '1 Jan 2026');
  assert.equal(postedOn('2026-12-31'), '31 Dec 2026');
  for (const bad of [null, '', '2026-13-01', '1 Nov 2026']) assert.equal(postedOn(bad), null, String(bad));
});
