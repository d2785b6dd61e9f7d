// "Delete application…" from a card's menu or the detail panel: a
// confirmation that names what goes, a backup first (the backend takes it),
// then a toast with Undo.
import { api } from './api.js';
import { $ } from './dom.js';

const count = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "Delete Acme (Backend Engineer)? Its 2 interviews, 3 messages and 1 draft go with it." */
export function deletionQuestion(s) {
  const parts = [];
  if (s.contacts) parts.push(count(s.contacts, 'contact'));
  if (s.interviews) parts.push(count(s.interviews, 'interview'));
  if (s.messages) parts.push(count(s.messages, 'message'));
  if (s.drafts) parts.push(count(s.drafts, 'draft'));
  const what = `${s.company}${s.role ? ` (${s.role})` : ''}`;
  if (parts.length === 0) return `Delete ${what}? Nothing else is recorded for it.`;
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return `Delete ${what}? Its ${list} go${parts.length === 1 && /^1 /.test(list) ? 'es' : ''} with it.`;
}

/** Asks in the delete dialog; resolves true when the user confirms. */
function confirmDeletion(text) {
  const dialog = $('#delete-dialog');
  $('#delete-what').textContent = text;
  return new Promise((resolve) => {
    const done = (yes) => { dialog.close(); resolve(yes); };
    $('#delete-form').onsubmit = (e) => { e.preventDefault(); done(true); };
    $('#delete-cancel').onclick = () => done(false);
    dialog.oncancel = (e) => { e.preventDefault(); done(false); };
    dialog.showModal();
    $('#delete-cancel').focus();
  });
}

/**
 * Deletes application `id` after asking; `removed(id, status)` runs after the
 * deletion, `restored(card)` after its Undo (with the Undo's answer, the card,
 * or null when it was refused). Resolves true when it was deleted.
 */
export async function deleteApplication(id, { notify, removed, restored }) {
  let summary;
  try {
    summary = await api.deletionSummary(id);
  } catch (e) {
    notify(e.message, { error: true });
    return false;
  }
  if (!(await confirmDeletion(deletionQuestion(summary)))) return false;
  try {
    await api.deleteApplication(id);
  } catch (e) {
    notify(e.message, { error: true });
    return false;
  }
  notify(`Deleted ${summary.company}. A backup was saved first.`, {
    action: {
      label: 'Undo',
      run: async () => {
        let card = null;
        try {
          card = await api.undoDelete(id);
          notify(`${summary.company} is back on the board.`);
        } catch (e) {
          notify(e.message, { error: true });
        }
        // The Undo's answer is the card, put back in place; a refused Undo reads everything again.
        restored(card);
      },
    },
  });
  removed(id, summary.status);
  return true;
}
