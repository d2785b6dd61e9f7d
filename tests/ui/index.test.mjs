// ui/index.html preloads every module the first board needs, so that WebKit
// asks for them together at start-up; the rest (the editor, Settings' forms,
// Insights, the ingest drop zone) are imported by main.js once that board is
// painted (issue 17). A module added to ui/ must be in one of the two.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ui = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'ui');
const source = (file) => readFileSync(join(ui, file), 'utf8');
const staticImports = (file) => [...source(file).matchAll(/^import\s(?:[^'"]*?\sfrom\s)?'\.\/([^']+)'/gm)].map((m) => m[1]);
const dynamicImports = (file) => [...source(file).matchAll(/\bimport\('\.\/([^']+)'\)/g)].map((m) => m[1]);

/** `roots` and every module they import statically, however deep. */
function closure(roots) {
  const seen = new Set();
  const visit = (f) => { if (!seen.has(f)) { seen.add(f); staticImports(f).forEach(visit); } };
  roots.forEach(visit);
  return seen;
}

test('index.html preloads exactly what main.js imports statically', () => {
  const html = source('index.html');
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]).sort();
  const first = [...closure(['main.js'])].filter((f) => f !== 'main.js').sort();
  assert.deepEqual(preloaded, first);
  assert.match(html, /<script type="module" src="main.js"><\/script>/);
});

test('every module of ui/ is loaded: at start-up or after the first paint', () => {
  const later = dynamicImports('main.js');
  assert.ok(later.length > 0, 'main.js imports the views the first board does not show after its paint');
  const loaded = closure(['main.js', ...later]);
  const modules = readdirSync(ui).filter((f) => f.endsWith('.js'));
  assert.deepEqual(modules.filter((f) => !loaded.has(f)), []);
  // What is imported later is not preloaded: it would compete with the first board.
  const first = closure(['main.js']);
  for (const f of later) assert.ok(!first.has(f), `${f} is imported both at start-up and later`);
});
