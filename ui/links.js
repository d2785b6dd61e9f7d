// Opening a saved job posting in the user's browser, from a card or the
// detail panel. Only http and https leave the app: the stored URL was checked
// when it was saved (input.rs), checked again here, and once more by the
// backend before the opener plugin hands it to the system (editor.rs).
import { api } from './api.js';
import { h } from './dom.js';
import { isWebUrl } from './validate.js';

/** Opens `url` in the browser; resolves to an error message, or null when it opened. */
export async function openJobUrl(url) {
  if (!isWebUrl(url)) return 'Only web addresses (http:// or https://) can be opened.';
  try {
    await api.openExternal(url);
    return null;
  } catch (e) {
    return `Could not open the job posting: ${e.message}`;
  }
}

/** A button that opens application `a`'s job posting (null when it has none); `notify` shows a failure. */
export function jobLinkButton(a, { notify, className = 'icon card-link', text = '↗' } = {}) {
  if (!a.job_url || !isWebUrl(a.job_url)) return null;
  return h('button', {
    type: 'button', class: className, text, title: `Open the job posting: ${a.job_url}`,
    'aria-label': `Open the job posting for ${a.company} in your browser`,
    onclick: async (e) => {
      e.stopPropagation();
      const error = await openJobUrl(a.job_url);
      if (error) notify?.(error, { error: true });
    },
  });
}
