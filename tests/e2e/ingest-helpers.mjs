// Shared by the ingest end-to-end test and its screenshots: a seeded
// database and the drop of files on the window (see ingest.test.mjs).
import { join } from 'node:path';
import { seedDb, REPO_ROOT } from './harness.mjs';

export const env = { AFTERVIEW_NOW: '2026-11-26T10:00:00Z', TZ: 'Europe/Berlin' };
export const fixture = (name) => join(REPO_ROOT, 'tests', 'fixtures', 'ingest', name);

function app(id, company, status, extra = {}) {
  return { id, company, role: 'Engineer', status, applied_at: '2026-11-10T10:00:00Z', status_changes: [{ at: '2026-11-10T10:00:00Z', from: null, to: status }], ...extra };
}

/** Acme (job link on careers.acme.example), Initech (Jonas a contact), Umbrella, Globex; your address set. */
export function seededDb() {
  return seedDb({
    afterview: 1,
    settings: { my_emails: ['sam.lee@mail.example'] },
    applications: [
      app('a-acme', 'Acme', 'applied', { job_url: 'https://careers.acme.example/jobs/42' }),
      app('a-initech', 'Initech', 'interviewing', { contacts: [{ id: 'c-jonas', name: 'Jonas Weber', email: 'jonas.weber@initech.example', linkedin_consent: 'not_asked' }] }),
      app('a-umbrella', 'Umbrella', 'applied'),
      app('a-globex', 'Globex', 'applied'),
    ],
  }, env);
}

/** Drops `paths` at the middle of `css` (physical pixels, as Tauri reports them). */
export const drop = (d, paths, css = '#board') => d.executeScript(`
  const r = document.querySelector(arguments[1]).getBoundingClientRect(), k = window.devicePixelRatio || 1;
  document.dispatchEvent(new CustomEvent('ingest-drop', { detail: { paths: arguments[0], position: { x: (r.x + r.width / 2) * k, y: (r.y + r.height / 2) * k } } }));`, paths, css);

