// "Your data" in Settings: export (CSV for a spreadsheet, .ics for a
// calendar, JSON for Afterview) through native save dialogs; import of an
// Afterview JSON file, with what it would add and leave alone shown before
// anything is written (the current data is backed up first); and "Restore
// from backup…": the automatic backups with their dates and application
// counts, each restorable in one step after an inline confirmation (the
// current data is backed up first, so a restore can itself be undone).
import { api } from './api.js';
import { h, $, replace, showText } from './dom.js';
import { showFieldError, clearFieldErrors } from './forms.js';

/** "Thu 26 Nov 2026, 10:15" in the user's locale and zone. */
export function backupDate(iso, locale = undefined) {
  const d = new Date(iso);
  return d.toLocaleString(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The line that describes one backup in the list. */
export function backupLabel(b, locale = undefined) {
  const what = b.applications == null ? 'cannot be read' : plural(b.applications, 'application');
  const kind = b.kind === 'before_restore' ? ' · saved before a restore'
    : b.kind === 'before_import' ? ' · saved before an import'
    : b.kind === 'before_delete' ? ' · saved before a deletion'
    : b.kind === 'manual' ? ' · backed up by you' : '';
  return `${backupDate(b.taken_at, locale)} — ${what}${kind}`;
}

/** The question asked before a restore replaces the current data. */
export function confirmText(b, current, locale = undefined) {
  return `Replace your current data (${plural(current, 'application')}) with the backup of ${backupDate(b.taken_at, locale)} `
    + `(${plural(b.applications ?? 0, 'application')})? Your current data is backed up first, so you can go back.`;
}

/** "Acme, Globex, Initech": the companies of applications (the first ten, then how many more). */
export function companyList(apps) {
  const names = apps.map((a) => a.company || a.id);
  return names.length > 10 ? `${names.slice(0, 10).join(', ')} and ${names.length - 10} more` : names.join(', ');
}

/**
 * The question asked before an import, from check_import_file's answer:
 * `action` is the label of the button that imports, null when the file
 * would add nothing.
 */
export function importQuestion(c) {
  const n = c.applications, here = c.present.length;
  if (n === 0) return { text: `${c.name} holds no applications: nothing to import.`, action: null };
  if (c.database_empty) {
    return {
      text: `${c.name}: import ${plural(n, 'application')}? The file's settings replace your current ones.`,
      action: `Import ${plural(n, 'application')}`,
    };
  }
  if (c.new === 0) {
    return { text: `${c.name}: ${plural(n, 'application')}, ${n === 1 ? 'already here' : 'all already here'} — nothing new to import.`, action: null };
  }
  const action = `Import ${plural(c.new, 'application')}`;
  if (here === 0) {
    return { text: `${c.name}: ${plural(n, 'application')}, none of them here yet — import ${n === 1 ? 'it' : 'them'}? Your settings are left as they are.`, action };
  }
  const which = c.new === 1 ? 'the new one' : `the ${c.new} new ones`;
  const left = here === 1 ? `The one already here (${companyList(c.present)}) is left as it is` : `The ${here} already here (${companyList(c.present)}) are left as they are`;
  return { text: `${c.name}: ${plural(n, 'application')}, ${here} already present — import ${which}? ${left}, and so are your settings.`, action };
}

/** The line shown after an import. */
export function importReport(r, locale = undefined) {
  const k = r.skipped.length;
  const parts = [r.added === 0 ? 'Nothing was imported.' : `Imported ${plural(r.added, 'application')}.`];
  if (k) parts.push(`${k === 1 ? '1 already present was' : `${k} already present were`} left unchanged: ${companyList(r.skipped)}.`);
  if (r.settings_applied) parts.push('Settings now come from the file.');
  parts.push(`To undo it, restore the backup of ${backupDate(r.backup.taken_at, locale)}.`);
  return parts.join(' ');
}

let ctx = { changed: () => {}, notify: () => {} };

function status(message, { error = false } = {}) {
  const s = $('#data-status');
  s.textContent = message;
  s.classList.toggle('error', error);
}

async function exportAs(format) {
  status('');
  try {
    const r = await api.exportFile(format);
    if (r.path) status(`Saved ${r.summary} to ${r.path}.`);
  } catch (e) {
    status(e.message, { error: true });
  }
}

/** The default period of the report: from the first of this month to today (local dates). */
export function defaultPeriod(now = new Date()) {
  const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return [iso(new Date(now.getFullYear(), now.getMonth(), 1)), iso(now)];
}

async function saveReport(format) {
  status('');
  const form = $('#report-form');
  clearFieldErrors(form);
  const from = $('#report-from').value, to = $('#report-to').value;
  if (!from) return showFieldError('report-from', 'Choose the first day of the period.');
  if (!to) return showFieldError('report-to', 'Choose the last day of the period.');
  if (from > to) return showFieldError('report-from', 'The period starts after it ends.');
  try {
    const r = await api.exportFile(format, null, from, to);
    if (r.path) status(`Saved ${r.summary} to ${r.path}.${format === 'report-html' ? ' Open it in your browser to print it.' : ''}`);
  } catch (e) {
    if (e.field === 'report-from' || e.field === 'report-to') showFieldError(e.field, e.message);
    else status(e.message, { error: true });
  }
}

const showImportError = (message) => showText($('#import-error'), message);

/** Import (JSON)…: choose the file, see what it would do, then import or cancel. */
async function checkImport(button) {
  for (const open of document.querySelectorAll('.import-confirm')) open.remove();
  showImportError(null);
  status('');
  button.disabled = true;
  let c;
  try {
    // Test hook: the e2e tests set body[data-import-path] to a file, which
    // replaces the native open dialog (WebDriver cannot drive it) and nothing
    // else; without it the dialog asks.
    c = await api.checkImportFile(document.body.dataset.importPath || null);
  } catch (e) {
    showImportError(e.message);
    return;
  } finally {
    button.disabled = false;
  }
  if (!c) return; // dialog cancelled
  const q = importQuestion(c);
  const yes = q.action ? h('button', { type: 'button', id: 'import-confirm-yes', class: 'primary small', text: q.action }) : null;
  const no = h('button', { type: 'button', id: 'import-confirm-no', class: 'small', text: q.action ? 'Cancel' : 'Close' });
  const box = h('div', { class: 'backup-confirm import-confirm', role: 'alertdialog', 'aria-label': 'Import', 'aria-describedby': 'import-question' },
    // The file's name in bold (as text: it is the user's).
    h('p', { id: 'import-question' }, q.text.startsWith(c.name) ? [h('strong', { text: c.name }), q.text.slice(c.name.length)] : q.text),
    h('div', { class: 'form-actions' }, yes, no));
  no.addEventListener('click', () => { box.remove(); button.focus(); });
  yes?.addEventListener('click', async () => {
    yes.disabled = no.disabled = button.disabled = true;
    yes.textContent = 'Importing…';
    try {
      const r = await api.importFile(c.path, !c.database_empty);
      box.remove();
      status(importReport(r));
      ctx.changed();
      await loadBackups();
    } catch (e) {
      box.remove();
      showImportError(e.message);
    } finally {
      button.disabled = false;
    }
  });
  $('#import-area').append(box);
  (yes ?? no).focus();
}

function row(b, current) {
  const restore = h('button', { type: 'button', class: 'small', text: 'Restore…', 'aria-label': `Restore the backup of ${backupDate(b.taken_at)}` });
  const li = h('li', { class: 'backup', dataset: { file: b.file } },
    h('span', { class: 'backup-label', text: backupLabel(b), title: b.problem ?? b.file }),
    b.problem ? null : restore);
  restore.addEventListener('click', () => {
    // One confirmation open at a time.
    for (const open of document.querySelectorAll('.backup-confirm')) open.remove();
    const yes = h('button', { type: 'button', class: 'primary small', text: 'Restore this backup' });
    const no = h('button', { type: 'button', class: 'small', text: 'Cancel' });
    const box = h('div', { class: 'backup-confirm', role: 'alertdialog', 'aria-label': 'Restore from backup' },
      h('p', { text: confirmText(b, current) }), h('div', { class: 'form-actions' }, yes, no));
    no.addEventListener('click', () => { box.remove(); restore.focus(); });
    yes.addEventListener('click', async () => {
      yes.disabled = no.disabled = true;
      yes.textContent = 'Restoring…';
      try {
        const r = await api.restoreBackup(b.file);
        ctx.notify(`Restored the backup of ${backupDate(r.from.taken_at)}: ${plural(r.applications, 'application')}.`);
        status(`Restored. Your data from before is in the backup of ${backupDate(r.before.taken_at)}.`);
        ctx.changed();
        await loadBackups();
      } catch (e) {
        box.remove();
        showError(e.message);
      }
    });
    li.append(box);
    yes.focus();
  });
  return li;
}

const showError = (message) => showText($('#backup-error'), message);

/** Reads the list of backups again (on opening Settings, after a change). */
export async function loadBackups() {
  const list = $('#backup-list');
  if (!list) return;
  showError(null);
  const data = await api.listBackups();
  $('#backup-folder').textContent = data.folder;
  replace(list, data.backups.length
    ? data.backups.map((b) => row(b, data.current))
    : h('li', { class: 'help', text: 'No backup yet: the first is taken when Afterview starts.' }));
  if (data.last_error) showError(`The last automatic backup failed: ${data.last_error}`);
}

export function mountBackups(view, { changed, notify }) {
  if (!view || $('#data-section')) return;
  ctx = { changed, notify };
  const backupNow = h('button', { type: 'button', id: 'backup-now', text: 'Back up now' });
  backupNow.addEventListener('click', async () => {
    showError(null);
    backupNow.disabled = true;
    try {
      const b = await api.backupNow();
      status(`Backed up ${plural(b.applications ?? 0, 'application')}.`);
      await loadBackups();
    } catch (e) {
      showError(e.message);
    } finally {
      backupNow.disabled = false;
    }
  });
  const section = h('section', { id: 'data-section', class: 'settings data', 'aria-labelledby': 'data-title' },
    h('h1', { id: 'data-title', text: 'Your data' }),
    h('h2', { text: 'Export' }),
    h('p', { class: 'help', text: 'Take your job search anywhere: a spreadsheet with one row per application, your interviews and follow-ups for any calendar app (with reminders), or everything as an Afterview file.' }),
    h('div', { class: 'data-buttons' },
      h('button', { type: 'button', id: 'export-csv', text: 'Spreadsheet (CSV)…', onclick: () => exportAs('csv') }),
      h('button', { type: 'button', id: 'export-ics', text: 'Calendar (.ics)…', onclick: () => exportAs('ics') }),
      h('button', { type: 'button', id: 'export-json', text: 'Everything (JSON)…', onclick: () => exportAs('json') })),
    h('h2', { text: 'Job-search report' }),
    h('p', { class: 'help', text: 'Every application with activity in a period, with each stage, interview and message, dated: the proof of search an unemployment office asks for.' }),
    h('form', { id: 'report-form', class: 'report-form', novalidate: true, onsubmit: (e) => e.preventDefault() },
      h('div', { class: 'field' }, h('label', { for: 'report-from', text: 'From' }),
        h('input', { id: 'report-from', type: 'date', value: defaultPeriod()[0], 'aria-describedby': 'report-from-error' }),
        h('p', { class: 'field-error', id: 'report-from-error', role: 'alert', hidden: true })),
      h('div', { class: 'field' }, h('label', { for: 'report-to', text: 'To' }),
        h('input', { id: 'report-to', type: 'date', value: defaultPeriod()[1], 'aria-describedby': 'report-to-error' }),
        h('p', { class: 'field-error', id: 'report-to-error', role: 'alert', hidden: true })),
      h('div', { class: 'data-buttons' },
        h('button', { type: 'button', id: 'report-html', text: 'Printable page…', onclick: () => saveReport('report-html') }),
        h('button', { type: 'button', id: 'report-csv', text: 'Spreadsheet (CSV)…', onclick: () => saveReport('report-csv') }))),
    h('h2', { text: 'Import' }),
    h('p', { class: 'help' }, 'Bring in an Afterview file (exported here or with ', h('code', { text: 'afterview export' }),
      '): you see what it adds before anything changes, and your data is backed up first.'),
    h('div', { id: 'import-area', class: 'import-area' },
      h('div', { class: 'data-buttons' },
        h('button', { type: 'button', id: 'import-json', text: 'Import (JSON)…', 'aria-describedby': 'import-error', onclick: (e) => checkImport(e.currentTarget) })),
      h('p', { class: 'field-error', id: 'import-error', role: 'alert', hidden: true })),
    h('p', { class: 'saved', id: 'data-status', role: 'status' }),
    h('h2', { id: 'restore-title', text: 'Restore from backup…' }),
    h('p', { class: 'help' }, 'Afterview backs up your data when it starts and once a day, keeping one for each of the last 7 days and 4 weeks, in ',
      h('code', { id: 'backup-folder' }), '.'),
    h('ul', { id: 'backup-list', class: 'backups', 'aria-labelledby': 'restore-title' }),
    h('p', { class: 'field-error', id: 'backup-error', role: 'alert', hidden: true }),
    h('div', { class: 'form-actions' }, backupNow));
  view.append(section);
}
