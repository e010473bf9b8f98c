// A tiny stand-in for build/Code.js, written to a temporary folder, so the runtime's own tests
// do not depend on the add-on being built.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A folder holding Code.js with `code` (and any extra files, e.g. dialogs' .html). */
export function fakeBundle(code: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'deal-desk-bundle-'));
  writeFileSync(join(dir, 'Code.js'), code);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** A fresh temporary folder. */
export function tempDir(prefix = 'deal-desk-local-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
