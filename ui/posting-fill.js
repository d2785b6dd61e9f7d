// "Fill from the posting" in the Add dialog. Once the job URL field holds a
// web address (pasted or typed), a button offers to read the posting; the
// backend fetches the page only on that click. The form is filled for the
// user to check: nothing is saved until they press Add. A page without a
// posting says so in one line beside the URL, and what was typed stays.
import { api } from './api.js';
import { $ } from './dom.js';
import { isWebUrl } from './validate.js';
import { fillValues, filledMessage } from './posting.js';

function wire() {
  const url = $('#f-job_url'), button = $('#f-job_url-fill'), line = $('#f-job_url-fill-status');
  if (!url || !button || !line) return;
  let seq = 0; // a newer click, or the dialog closing, makes an answer stale
  const say = (text, error = false) => {
    line.textContent = text;
    line.hidden = !text;
    line.classList.toggle('error', error);
  };
  const offer = () => { button.hidden = !isWebUrl(url.value.trim()); };
  url.addEventListener('input', offer);
  url.addEventListener('paste', () => setTimeout(offer));
  button.addEventListener('click', async () => {
    const mine = ++seq;
    button.disabled = true;
    say('Reading the posting…');
    try {
      const found = await api.readPosting(url.value.trim());
      if (mine !== seq) return;
      for (const [k, v] of Object.entries(fillValues(found))) {
        const input = $(`#f-${k}`);
        input.value = v;
        input.dispatchEvent(new Event('input', { bubbles: true })); // the duplicate warning looks again
      }
      say(filledMessage(found));
    } catch (e) {
      if (mine === seq) say(e.message, true);
    } finally {
      if (mine === seq) button.disabled = false;
    }
  });
  $('#add-dialog')?.addEventListener('close', () => {
    seq++;
    say('');
    button.hidden = true;
    button.disabled = false;
  });
}

wire();
