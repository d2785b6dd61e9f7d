// The one bridge between the UI and the backend: every `invoke` is here,
// so the rest of the UI never names a command string.
// Errors arrive as {kind, message, field}; callers show `message` beside `field`.

const core = () => {
  const t = globalThis.__TAURI__;
  if (!t?.core?.invoke) throw new Error('Afterview must run inside its desktop window.');
  return t.core;
};

/**
 * How many times this page invoked each command, by name: the e2e tests and
 * the bench check that writes cause no `board` read (issue 17).
 */
export const calls = {};
globalThis.__afterviewCalls = calls;

async function call(cmd, args) {
  calls[cmd] = (calls[cmd] ?? 0) + 1;
  try {
    return await core().invoke(cmd, args);
  } catch (e) {
    if (e && typeof e === 'object' && 'message' in e) throw Object.assign(new Error(e.message), e);
    throw Object.assign(new Error(String(e)), { kind: 'internal' });
  }
}

export const api = {
  appInfo: () => call('app_info'),
  /** The board's columns: counts and the first `limit` cards of each matching `query` (issue 17). */
  board: (query = '', limit = null) => call('board', { query, limit }),
  /** A column's next cards matching `query`, after `after` ({position, id}; from the top when null). */
  boardColumn: (status, query, after, limit) => call('board_column', { page: { status, query, after, limit } }),
  /** The archived applications' cards (Accepted, Withdrawn, No answer). */
  archive: () => call('archive'),
  /** Every application, for a list that picks one: [{id, company, role, status}]. */
  applicationChoices: () => call('application_choices'),
  addApplication: (input) => call('add_application', { input }),
  /** `place`: {after: id} right after that card, {after: null} at the top, null at the end of the column. */
  moveApplication: (id, to, place = null) => call('move_application', { id, to, place }),
  undoMove: (id, changeId, to, position) => call('undo_move', { id, changeId, to, position }),
  agenda: () => call('agenda'),
  /** What the Today tab and the re-read timer need while Today is not shown: no list. */
  agendaSummary: () => call('agenda_summary'),
  /** Done or Skip: answers what changed ({key, application_id, message_id, next_check_in}). */
  decide: (key, decision) => call('decide', { key, decision }),
  /** Undo of a Done, Skip, Snooze or Mark as sent (`messageId` from its answer). */
  undoFollowup: (key, messageId) => call('undo_followup', { key, messageId }),
  /** The snoozes that postpone this follow-up: {due_at, hour, tomorrow, suggested, earliest, latest}. */
  snoozeChoices: (key) => call('snooze_choices', { key }),
  snooze: (key, until) => call('snooze', { key, until }),
  getSettings: () => call('get_settings'),
  saveSettings: (settings) => call('save_settings', { settings }),
  loadSample: () => call('load_sample'),
  /** Start-up mark for the benchmark (ui/bench.js); does nothing unless AFTERVIEW_BENCH=1. */
  benchMark: (page) => call('bench_mark', { page }),
  /** Ends Afterview: closing the window only hides it (reminders keep running). */
  quitApp: () => call('quit_app'),
  reminderStatus: () => call('reminder_status'),
  getStartAtLogin: () => call('get_start_at_login'),
  setStartAtLogin: (enabled) => call('set_start_at_login', { enabled }),
  /** Listens to a backend event; resolves once listening. `fn` gets the payload. */
  onEvent: (name, fn) => {
    const ev = globalThis.__TAURI__?.event;
    if (!ev?.listen) return Promise.reject(new Error('Afterview must run inside its desktop window.'));
    return ev.listen(name, (e) => fn(e.payload));
  },
  applicationDetail: (id) => call('application_detail', { id }),
  applicationsTo: (company) => call('applications_to', { company }),
  updateApplication: (id, edit) => call('update_application', { id, edit }),
  saveContact: (applicationId, contact) => call('save_contact', { applicationId, contact }),
  deleteContact: (applicationId, contactId) => call('delete_contact', { applicationId, contactId }),
  saveInterview: (applicationId, interview) => call('save_interview', { applicationId, interview }),
  deleteInterview: (applicationId, interviewId) => call('delete_interview', { applicationId, interviewId }),
  logReply: (applicationId, reply) => call('log_reply', { applicationId, reply }),
  /** What deleting an application takes with it: {company, role, contacts, interviews, messages, drafts}. */
  deletionSummary: (id) => call('deletion_summary', { id }),
  /** Backs up, then deletes the application and everything about it. */
  deleteApplication: (id) => call('delete_application', { id }),
  /** Puts the last deleted application back. */
  undoDelete: (id) => call('undo_delete', { id }),
  /** How a recorded check-in went (Done records it as "other"). */
  setSentChannel: (applicationId, key, channel) => call('set_sent_channel', { applicationId, key, channel }),
  // The note editor (editor.js, templates.js).
  compose: (key) => call('compose', { key }),
  saveDraft: (key, draft) => call('save_draft', { key, draft }),
  /** `earlyOk`: the user confirmed a thank-you before the interview has ended. */
  markSent: (key, draft, earlyOk = false) => call('mark_sent', { key, draft, earlyOk }),
  saveNoteOptions: (key, options) => call('save_note_options', { key, options }),
  listTemplates: () => call('list_templates'),
  saveTemplate: (kind, template) => call('save_template', { kind, template }),
  resetTemplate: (kind) => call('reset_template', { kind }),
  openExternal: (url) => call('open_external', { url }),
  copyText: (text) => call('copy_text', { text }),
  printNote: (target) => call('print_note', { target }),
  savePdf: (target, path, suggestedName) => call('save_pdf', { target, path, suggestedName }),
  // Backups and exports (backups.js). Without `path`, a native save dialog asks.
  listBackups: () => call('list_backups'),
  backupNow: () => call('backup_now'),
  restoreBackup: (file) => call('restore_backup', { file }),
  exportFile: (format, path = null, from = null, to = null) => call('export_file', { format, path, from, to }),
  /** What importing an Afterview export would do; without `path`, a native open dialog asks (null when cancelled). */
  checkImportFile: (path = null) => call('check_import_file', { path }),
  importFile: (path, merge) => call('import_file', { path, merge }),
  // Invitations and emails in (ingest.js): one report per file; `application` null to match.
  ingestFiles: (paths, application = null) => call('ingest_files', { paths, application }),
  ingestText: (text, application = null) => call('ingest_text', { text, application }),
  /** "Add from a file…": the chosen paths ([] when cancelled). */
  pickIngestFiles: () => call('pick_ingest_files'),
  /** The Insights figures of a period: local dates (both included), else the last `days` days (30 without either). */
  insights: ({ from = null, to = null, days = null } = {}) => call('insights', { from, to, days }),
  /** The plan of importing a spreadsheet with `options` (table-import.js); without `path`, a native open dialog asks (null when cancelled). */
  previewTableFile: (path = null, options = null) => call('preview_table_file', { path, options }),
  importTableFile: (path, options) => call('import_table_file', { path, options }),
  /** "Fill from the posting": the backend fetches `url` and reads the posting (nothing saved). */
  readPosting: (url) => call('read_posting', { url }),
  /** "Your name" in Settings: signed under every message in place of [your name]. */
  yourName: () => call('get_your_name'),
  setYourName: (name) => call('set_your_name', { name }),
};
