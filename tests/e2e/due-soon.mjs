// Seed data for the reminder tests (reminders, desktop-background,
// desktop-notifications): the app's clock starts at NOW (AFTERVIEW_NOW) and
// runs at wall speed, so a thank-you "due 30 seconds after NOW" comes due
// about 30 s after launch.
import { seedDb } from './harness.mjs';

export const NOW = '2026-11-26T10:00:00Z'; // Thursday, 11:00 in Berlin: outside quiet hours
export const TZ = 'Europe/Berlin';
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** The instant `seconds` after NOW. */
export const at = (seconds) => new Date(Date.parse(NOW) + seconds * 1000).toISOString().replace('.000Z', 'Z');

/** An application whose interview ends `endsIn` seconds after NOW: its thank-you is due then. */
export function application(id, company, person, endsIn) {
  return {
    id, company, role: 'Backend Engineer', status: 'interviewing', applied_at: '2026-11-02T10:00:00Z',
    contacts: [{ id: `${id}c`, name: person, title: 'Hiring Manager', email: null, linkedin_url: null, linkedin_consent: 'no' }],
    interviews: [{
      id: `${id}i`, starts_at: at(endsIn - 3600), ends_at: at(endsIn), format: 'onsite',
      interviewer_ids: [`${id}c`], went: 'well', physical_note: false, next_steps: null, expected_reply_by: '2026-12-20',
    }],
  };
}

/** A database holding `apps` (imported without a clock, as before). */
export const dbWith = (apps) => seedDb({ afterview: 1, applications: apps });
