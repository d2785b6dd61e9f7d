// The note editor's pure logic: mailto: URLs (RFC 6068), the LinkedIn
// counter, gaps in brackets, the autosave timer, print page sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  mailtoUrl, crlf, linkedinLength, linkedinState, findPlaceholders, debounce, LAYOUTS, pageRule, pdfFileName, AUTOSAVE_MS,
} from '../../ui/compose.js';

/** Reads a mailto: URL back the way a mail client does (RFC 6068 §2). */
function parseMailto(url) {
  assert.ok(url.startsWith('mailto:'));
  const rest = url.slice('mailto:'.length);
  // No raw character that would end or split the URL may be left.
  assert.doesNotMatch(rest, /[\s#"<>\\^`{|}]/, `unencoded character in ${url}`);
  const [to, query = ''] = rest.split('?');
  const fields = Object.fromEntries(query.split('&').filter(Boolean).map((kv) => {
    const [k, v] = kv.split('=');
    return [k, decodeURIComponent(v)];
  }));
  return { to: to.split(',').filter(Boolean).map(decodeURIComponent), ...fields };
}

test('mailto: keeps recipient, subject and body intact through &, ?, #, = and %', () => {
  const url = mailtoUrl({
    to: ['dana@acme.example'],
    subject: 'Q&A? #1 = 100% yes',
    body: 'Tom & Jerry?\nSee #3 at a=b&c=d, 50% off.',
  });
  assert.equal(url,
    'mailto:dana@acme.example?subject=Q%26A%3F%20%231%20%3D%20100%25%20yes'
    + '&body=Tom%20%26%20Jerry%3F%0D%0ASee%20%233%20at%20a%3Db%26c%3Dd%2C%2050%25%20off.');
  assert.deepEqual(parseMailto(url), {
    to: ['dana@acme.example'], subject: 'Q&A? #1 = 100% yes', body: 'Tom & Jerry?\r\nSee #3 at a=b&c=d, 50% off.',
  });
});

test('mailto: line breaks of any kind become CRLF, encoded %0D%0A', () => {
  const url = mailtoUrl({ to: 'x@y.example', body: 'one\ntwo\r\nthree\rfour\n\nfive' });
  assert.equal(url, 'mailto:x@y.example?body=one%0D%0Atwo%0D%0Athree%0D%0Afour%0D%0A%0D%0Afive');
  assert.equal(crlf('a\nb'), 'a\r\nb');
  // A subject is one line.
  assert.equal(parseMailto(mailtoUrl({ to: 'x@y.example', subject: 'a\nb' })).subject, 'a b');
});

test('mailto: unicode is percent-encoded UTF-8, spaces are %20 never +', () => {
  const url = mailtoUrl({ to: ['zoë@müller.example'], subject: 'Grüße – merci 🙏', body: 'Ça va? 1+1' });
  assert.match(url, /^mailto:zo%C3%AB@m%C3%BCller\.example\?/);
  assert.match(url, /subject=Gr%C3%BC%C3%9Fe%20%E2%80%93%20merci%20%F0%9F%99%8F&/);
  assert.match(url, /body=%C3%87a%20va%3F%201%2B1$/);
  assert.deepEqual(parseMailto(url), { to: ['zoë@müller.example'], subject: 'Grüße – merci 🙏', body: 'Ça va? 1+1' });
});

test('mailto: several recipients, none, and a recipient with ? or & in it', () => {
  assert.equal(mailtoUrl({ to: ['a@x.example', ' b@x.example '] }), 'mailto:a@x.example,b@x.example');
  assert.equal(mailtoUrl({ to: 'a@x.example, b@x.example' }), 'mailto:a@x.example,b@x.example');
  assert.equal(mailtoUrl({ to: [], subject: 'Hi' }), 'mailto:?subject=Hi');
  assert.equal(mailtoUrl({ to: ['odd?name&x@x.example'] }), 'mailto:odd%3Fname%26x@x.example');
  assert.equal(mailtoUrl(), 'mailto:');
});

test('LinkedIn counts characters, never bytes: accents are 1, emoji as the form counts them', () => {
  assert.equal(linkedinLength(''), 0);
  assert.equal(linkedinLength('Hi Dana'), 7);
  // An accented letter is one character, composed or typed as e + combining accent.
  assert.equal(linkedinLength('café'), 4);
  assert.equal(linkedinLength('cafe\u0301'), 4);
  assert.equal(linkedinLength('Zoë Müller, Łódź'), 16);
  assert.equal(Buffer.byteLength('Zoë Müller, Łódź'), 21); // bytes would over-count
  // Emoji outside the BMP are two UTF-16 units, as a textarea's maxlength counts them.
  assert.equal(linkedinLength('👍'), 2);
  assert.equal(linkedinLength('Thanks 🙏'), 9);
  assert.equal(linkedinLength('☕'), 1); // in the BMP
  assert.equal(linkedinLength(null), 0);
});

test('the LinkedIn counter warns above 200 and refuses above 300', () => {
  assert.equal(linkedinState('x'.repeat(200)), 'ok');
  assert.equal(linkedinState('x'.repeat(201)), 'warn');
  assert.equal(linkedinState('x'.repeat(300)), 'warn');
  assert.equal(linkedinState('x'.repeat(301)), 'over');
  assert.equal(linkedinState('é'.repeat(200)), 'ok');
  assert.equal(linkedinState('👍'.repeat(101)), 'warn'); // 202 units
  assert.equal(linkedinState('👍'.repeat(151)), 'over'); // 302 units
});

test('gaps in brackets: the cases templates::placeholders is tested on too (tests/fixtures/placeholders.json)', () => {
  const { cases } = JSON.parse(readFileSync(new URL('../fixtures/placeholders.json', import.meta.url), 'utf8'));
  assert.ok(cases.length >= 10);
  for (const { text, found } of cases) {
    const gaps = findPlaceholders(text);
    assert.deepEqual(gaps.map((g) => g.text), found, text);
    for (const g of gaps) assert.equal(text.slice(g.start, g.end), g.text, text);
  }
});

test('gaps in brackets are found with offsets for the textarea, same rule as the backend', () => {
  const text = 'Dear [their name], about [the project you discussed].\n[your name]';
  assert.deepEqual(findPlaceholders(text).map((g) => [g.text, text.slice(g.start, g.end)]), [
    ['[their name]', '[their name]'], ['[the project you discussed]', '[the project you discussed]'], ['[your name]', '[your name]'],
  ]);
  // UTF-16 offsets: an emoji before a gap shifts it by two.
  assert.deepEqual(findPlaceholders('👍 [name]').map((g) => [g.start, g.end]), [[3, 9]]);
  assert.deepEqual(findPlaceholders('[Ihr Name] Grüße').map((g) => g.text), ['[Ihr Name]']);
  for (const none of ['- [ ] item', '[1] [2026]', '[across\nlines]', 'an [unclosed', '', `[${'x'.repeat(81)}]`]) {
    assert.deepEqual(findPlaceholders(none), [], none);
  }
  assert.equal(findPlaceholders(`[${'x'.repeat(80)}]`).length, 1);
  assert.deepEqual(findPlaceholders('[[inner]]').map((g) => g.text), ['[inner]']);
});

test('autosave runs once, after the last keystroke, and flush saves at once', () => {
  const pending = new Map();
  let id = 0;
  const timers = { setTimeout: (fn, ms) => { pending.set(++id, { fn, ms }); return id; }, clearTimeout: (t) => pending.delete(t) };
  const saved = [];
  const d = debounce((text) => saved.push(text), AUTOSAVE_MS, timers);
  d.schedule('H'); d.schedule('He'); d.schedule('Hello');
  assert.equal(pending.size, 1, 'one timer for a burst of typing');
  // The promise to the user: saved within a second of typing stopping.
  const [[tid, timer]] = [...pending];
  assert.ok(timer.ms > 0 && timer.ms <= 1000, `autosave after ${timer.ms} ms`);
  pending.delete(tid);
  timer.fn();
  assert.deepEqual(saved, ['Hello']);
  d.schedule('Hello!');
  assert.equal(d.pending, true);
  d.flush();
  assert.deepEqual(saved, ['Hello', 'Hello!']);
  assert.equal(pending.size, 0);
  assert.equal(d.flush(), undefined, 'nothing pending: nothing saved twice');
  d.schedule('gone'); d.cancel();
  assert.equal(d.flush(), undefined);
  assert.deepEqual(saved, ['Hello', 'Hello!']);
});

test('print pages have the sizes of the layouts', () => {
  assert.equal(pageRule('card_a6'), '@page { size: 105mm 148mm; margin: 0; }');
  assert.equal(pageRule('card_a6', true), '@page { size: 162mm 114mm; margin: 0; }');
  assert.equal(pageRule('letter'), '@page { size: 215.9mm 279.4mm; margin: 0; }');
  assert.equal(pageRule('nonsense'), pageRule('card_a6'));
  const pt = (mm) => (mm / 25.4) * 72;
  assert.ok(Math.abs(pt(LAYOUTS.card_a2.width) - 306) < 0.01 && Math.abs(pt(LAYOUTS.card_a2.height) - 396) < 0.01);
  assert.ok(Math.abs(pt(LAYOUTS.half_letter.width) - 396) < 0.01 && Math.abs(pt(LAYOUTS.half_letter.height) - 612) < 0.01);
  assert.equal(Object.keys(LAYOUTS).length, 6);
});

test('a saved PDF gets a file name without characters file systems refuse', () => {
  assert.equal(pdfFileName('Acme'), 'Thank-you note – Acme.pdf');
  assert.equal(pdfFileName('A/B: "C" <d>?'), 'Thank-you note – A B C d.pdf');
  assert.equal(pdfFileName('', 'Envelope'), 'Envelope.pdf');
});
