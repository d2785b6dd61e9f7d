// ui/index.html preloads every module the page imports, so that WebKit asks
// for them together at start-up: a module added to ui/ must be listed there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ui = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'ui');

test('index.html preloads every module of ui/ except the entry point', () => {
  const html = readFileSync(join(ui, 'index.html'), 'utf8');
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]).sort();
  const modules = readdirSync(ui).filter((f) => f.endsWith('.js') && f !== 'main.js').sort();
  assert.deepEqual(preloaded, modules);
  assert.match(html, /<script type="module" src="main.js"><\/script>/);
});
