// Reminders in the window. The backend's scheduler fires desktop
// notifications; this module handles what comes back from them and what
// stands in for them:
// - `reminders-status`: when notifications are unavailable (no session bus,
//   no notification server, a server that does not answer) the due
//   follow-ups are listed in a banner instead; when the disk refuses the
//   scheduler's writes (full, read-only) the banner says reminders are paused;
// - `reminder-open`: a notification's Open: show that follow-up in Today;
// - `followups-changed`: Snooze or Done from a notification, with its outcome
//   (the application's card): the board patches that card.
// Also the "Start at login" setting, which applies as soon as it is ticked,
// and Quit (Settings' button, Ctrl+Q): closing the window keeps Afterview
// running for its reminders, so quitting is its own command.
import { api } from './api.js';
import { $, h, replace } from './dom.js';

/** The banner's content for a status, or null when there is nothing to say. Pure, for tests. */
export function bannerModel(status) {
  // Reminders that cannot be recorded are not shown at all: say why first.
  if (status?.trouble) return { title: status.trouble, items: [], more: 0, trouble: true };
  const state = status?.notifications?.state;
  if (state !== 'unavailable' && state !== 'not_answering') return null;
  if (!status.due_count) return null;
  const why = state === 'unavailable'
    ? 'Desktop notifications are not available'
    : 'The notification service is not answering';
  const n = status.due_count;
  return {
    title: `${why}, so your reminders show here: ${n} follow-up${n === 1 ? ' is' : 's are'} due.`,
    items: status.due.map((d) => ({ key: d.key, text: d.summary })),
    more: Math.max(0, n - status.due.length),
  };
}

let dismissed = '';
const signature = (m) => m ? `${m.title}|${m.items.map((i) => i.key).join(',')}` : '';

function renderBanner(status, { onOpen }) {
  const el = $('#reminder-banner');
  const m = bannerModel(status);
  if (!m || signature(m) === dismissed) {
    el.hidden = true;
    return;
  }
  el.classList.toggle('error', !!m.trouble);
  replace(el,
    h('div', { class: 'reminder-banner-text' },
      h('p', { class: 'reminder-banner-title', text: m.title }),
      h('ul', {}, m.items.map((i) => h('li', {},
        h('button', { type: 'button', class: 'link', dataset: { key: i.key }, text: i.text, onclick: () => onOpen(i.key) })))),
      m.more ? h('p', { class: 'reminder-banner-more', text: `and ${m.more} more in Today.` }) : null),
    h('button', {
      type: 'button', class: 'small', text: 'Hide', 'aria-label': 'Hide these reminders',
      onclick: () => { dismissed = signature(m); el.hidden = true; },
    }));
  el.hidden = false;
}

/** Shows Today with the follow-up `key` in view and highlighted. */
async function openFollowup(key, show) {
  show('today');
  if (!key) return;
  const sel = `#today [data-key="${CSS.escape(key)}"]`;
  for (let i = 0; i < 40; i++) {
    const item = $(sel);
    if (item) {
      item.scrollIntoView({ block: 'center' });
      item.classList.remove('flash');
      void item.offsetWidth; // restart the animation
      item.classList.add('flash');
      item.tabIndex = -1;
      item.focus({ preventScroll: true });
      return;
    }
    await new Promise((r) => setTimeout(r, 75));
  }
}

async function wireStartAtLogin() {
  const box = $('#s-autostart'), err = $('#s-autostart-error');
  if (!box) return;
  const showError = (msg) => { err.textContent = msg; err.hidden = !msg; box.toggleAttribute('aria-invalid', !!msg); };
  try {
    box.checked = (await api.getStartAtLogin()).enabled;
  } catch (e) {
    showError(e.message);
  }
  box.addEventListener('change', async () => {
    const want = box.checked;
    box.disabled = true;
    showError('');
    try {
      box.checked = (await api.setStartAtLogin(want)).enabled;
    } catch (e) {
      box.checked = !want;
      showError(e.message);
    } finally {
      box.disabled = false;
    }
  });
}

/** Ends Afterview (the window's close only hides it). */
const quitApp = () => api.quitApp();

/** Ctrl+Q anywhere in the window, and Settings' Quit Afterview. */
function wireQuit() {
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey && !e.altKey && !e.shiftKey && !e.metaKey && e.key.toLowerCase() === 'q') {
      e.preventDefault();
      quitApp();
    }
  });
  $('#quit-app')?.addEventListener('click', () => quitApp());
}

/**
 * `status(s)` gets every scheduler pass's status (the Today count is in it);
 * `changed(outcome)` the answer of a Done or Snooze from a notification
 * (with the application's card: nothing is read again, issue 17).
 */
export async function wireReminders({ changed, status: onStatus, show }) {
  wireQuit();
  const onOpen = (key) => openFollowup(key, show);
  const render = (status) => renderBanner(status, { onOpen });
  await Promise.all([
    api.onEvent('reminders-status', (status) => { render(status); onStatus(status); }),
    api.onEvent('reminder-open', (p) => onOpen(p?.key ?? null)),
    api.onEvent('followups-changed', (outcome) => changed(outcome)),
  ]);
  // Events sent before the listeners existed are lost: ask once.
  api.reminderStatus().then(render).catch(() => {});
  wireStartAtLogin();
}
