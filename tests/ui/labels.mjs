// The backend's labels for the UI unit tests: tests/fixtures/labels.json,
// which src-tauri/core/tests/labels.rs keeps equal to what app_info hands
// the page. Import this before the module under test uses a label.
import { readFileSync } from 'node:fs';
import { setLabels } from '../../ui/labels.js';

export const LABELS = JSON.parse(readFileSync(new URL('../fixtures/labels.json', import.meta.url), 'utf8'));
setLabels(LABELS);
