// Rule R9's question, "No answer — close it or keep waiting?", answered from
// Today and from the detail panel with the same two buttons.
// - Keep waiting closes the question (a `done` decision): one more check-in
//   comes at the usual spacing, and the question after it. Undo reopens it.
// - Close moves the application to the archive as "No answer" (`ghosted`)
//   through the board's own move, so it gets the move's Undo.
import { api } from './api.js';
import { h } from './dom.js';

export const isNoAnswer = (f) => f.kind === 'no_answer';

/** The two buttons for follow-up `f`; `close(f)` does the move. */
export function noAnswerButtons(f, { notify, changed, close }) {
  return [
    h('button', {
      type: 'button', class: 'small', text: 'Keep waiting', 'aria-label': `Keep waiting for ${f.company}`,
      onclick: () => keepWaiting(f, { notify, changed }),
    }),
    h('button', {
      type: 'button', class: 'small', text: 'Close', 'aria-label': `Close ${f.company}: no answer`,
      onclick: () => close(f),
    }),
  ];
}

export async function keepWaiting(f, { notify, changed }) {
  let outcome;
  try {
    outcome = await api.decide(f.key, 'done');
  } catch (e) {
    notify(e.message, { error: true });
    return;
  }
  notify(`Keeping ${f.company} open: one more check-in at your usual spacing, then Afterview asks again`, {
    action: {
      label: 'Undo',
      run: async () => {
        try {
          const undone = await api.undoFollowup(f.key, null);
          notify(`Undone: Afterview asks again about ${f.company}`);
          changed(undone);
        } catch (e) {
          notify(`Could not undo: ${e.message}`, { error: true });
        }
      },
    },
  });
  changed(outcome);
}
