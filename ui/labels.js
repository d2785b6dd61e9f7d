// The words shown for each status and each kind of follow-up. They are the
// backend's (src-tauri/core/src/labels.rs), handed over once in app_info's
// `labels` and set here by main.js before anything is drawn; the unit tests
// set the same table from tests/fixtures/labels.json.

/** Wire name → label, e.g. `ghosted` → "No answer". */
export const STATUS_LABELS = {};
const KINDS = {};

/** Takes the backend's labels: `{board, archive, status: {…}, kind: {k: {action, short, template}}}`. */
export function setLabels(labels) {
  Object.assign(STATUS_LABELS, labels.status);
  Object.assign(KINDS, labels.kind);
}

/** What the user has to do for a follow-up of `kind`, in full. */
export const actionOf = (kind) => KINDS[kind]?.action ?? kind;
/** The same, short enough for a card badge. */
export const shortActionOf = (kind) => KINDS[kind]?.short ?? kind;
