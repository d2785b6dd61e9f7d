// Generated job searches for the benchmarks (tests/bench/run.mjs), in the
// interchange format (docs/FORMAT.md), dated around a fixed `now` that the
// app is started at (AFTERVIEW_NOW). Deterministic: the same n gives the same
// document, so runs compare.
//
// The mix is what a long search looks like: most applications applied and
// waiting, a fifth interviewing (with an interview, its interviewers and a
// thank-you sent), some offers and rejections, a few on the wishlist; none
// archived, so n applications are n cards on the board. Nothing
// falls due between `now` and `now + 2 hours` (interviews end at 14:00 and
// 15:00 UTC, check-ins are due at 09:00 local), so a measured idle period that
// starts at `now` has no reminder in it: the scheduler sleeps through it.

export const NOW = '2026-11-26T10:00:00Z'; // a Thursday, 11:00 in Berlin
export const TZ = 'Europe/Berlin';

const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Tyrell', 'Cyberdyne', 'Soylent',
  'Vandelay', 'Wonka', 'Oscorp', 'Gringotts', 'Monarch', 'Aperture'];
const ROLES = ['Backend Engineer', 'Data Scientist', 'Product Designer', 'Site Reliability Engineer', 'Engineering Manager'];
const FIRST = ['Dana', 'Sam', 'Alex', 'Kim', 'Jordan', 'Noor', 'Priya', 'Tomás', 'Lena', 'Yuki'];
const LAST = ['Reyes', 'Okafor', 'Schmidt', 'Nakamura', 'Haddad', 'Larsen', 'Moreau', 'Novak'];
const DAY = 86_400_000;

const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
const localDate = (ms) => new Date(ms).toISOString().slice(0, 10);

/** Application i of a generated search (statuses by a fixed, spread-out pattern). */
export function application(i, now = Date.parse(NOW)) {
  const r = (i * 7919) % 100;
  // Every one on the board (none archived): n applications are n cards.
  const status = r < 8 ? 'wishlist' : r < 58 ? 'applied' : r < 78 ? 'interviewing' : r < 83 ? 'offer' : 'rejected';
  // Applied 3 to 90 days ago, at 09:00 UTC.
  const applied = now - (3 + ((i * 31) % 88)) * DAY - 3_600_000;
  const a = {
    id: `a${i}`,
    company: `${COMPANIES[i % COMPANIES.length]} ${i}`,
    role: ROLES[i % ROLES.length],
    status,
    applied_at: status === 'wishlist' ? null : iso(applied),
    job_url: `https://jobs.example/${i}`,
    location: ['Berlin', 'Remote', 'Hamburg', 'Munich'][i % 4],
    source: ['LinkedIn', 'Referral', 'Company site'][i % 3],
    notes: i % 5 === 0 ? 'Asked about the team size; they use Rust and Postgres.' : '',
    contacts: [],
    interviews: [],
    status_changes: [],
    messages: [],
    decisions: [],
  };
  if (status === 'wishlist') return a;
  a.status_changes.push({ at: iso(applied), from: null, to: 'applied' });
  if (status === 'applied') return a;
  const c1 = `c${i}a`, c2 = `c${i}b`;
  a.contacts.push(
    { id: c1, name: `${FIRST[i % FIRST.length]} ${LAST[i % LAST.length]}`, title: 'Hiring Manager',
      email: `hm${i}@company.example`, linkedin_url: null, linkedin_consent: ['yes', 'no', 'not_asked'][i % 3] },
    { id: c2, name: `${FIRST[(i + 3) % FIRST.length]} ${LAST[(i + 5) % LAST.length]}`, title: 'Recruiter',
      email: `rec${i}@company.example`, linkedin_url: null, linkedin_consent: 'not_asked' },
  );
  // The interview: 2 days after applying (never after now), ending at 14:00 or 15:00 UTC.
  const day = Math.min(applied + 2 * DAY, now - DAY);
  const end = Date.parse(`${localDate(day)}T${i % 2 ? '14' : '15'}:00:00Z`);
  a.interviews.push({
    id: `i${i}`, starts_at: iso(end - 3_600_000), ends_at: iso(end), format: ['phone', 'video', 'onsite'][i % 3],
    interviewer_ids: [c1, c2], went: ['well', 'okay', 'poorly'][i % 3], physical_note: i % 7 === 0,
    next_steps: 'A second round with the team', expected_reply_by: i % 4 === 0 ? localDate(end + 7 * DAY) : null,
  });
  a.status_changes.push({ at: iso(end - 2 * 3_600_000), from: 'applied', to: 'interviewing' });
  if (i % 2 === 0) {
    a.messages.push({ at: iso(end + 3_600_000), direction: 'sent', channel: 'email', followup_key: `thank_you_email:i${i}:${c1}`,
      contact_id: c1, body: 'Thank you for your time today.' });
  }
  if (status === 'interviewing') return a;
  const later = Math.min(end + 3 * DAY, now - 3_600_000);
  a.status_changes.push({ at: iso(later), from: 'interviewing', to: status });
  a.messages.push({ at: iso(later - 3_600_000), direction: 'received', channel: 'email', followup_key: null, contact_id: c2,
    body: status === 'offer' ? 'We would like to make you an offer.' : 'Thank you for your interest.' });
  return a;
}

/** A whole document with `n` applications. */
export function searchDocument(n) {
  return {
    afterview: 1,
    settings: { checkin_cadence_days: 14, quiet_hours: ['21:00', '08:00'], physical_note_default: false, pre_interview_minutes: 60 },
    applications: Array.from({ length: n }, (_, i) => application(i)),
  };
}
